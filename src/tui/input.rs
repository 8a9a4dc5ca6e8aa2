//! Terminal events to actions, by what the screen is showing: a field or a file name being
//! typed takes keys as text (no single-letter command fires then), a question takes its
//! answers, everything else goes through the keymap.

use super::app::{Action, App, Overlay};
use super::keymap;
use crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};

/// The action an event asks for, if any.
pub fn action_for(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) => {
            if key.kind == KeyEventKind::Release {
                return None;
            }
            match &app.overlay {
                Some(Overlay::SaveAs { .. } | Overlay::RenameScenario { .. }) => {
                    keymap::typing(key)
                }
                Some(
                    Overlay::Confirm { .. }
                    | Overlay::Recovery { .. }
                    | Overlay::ConfirmRemove { .. }
                    | Overlay::ConfirmDeleteScenario { .. },
                ) => keymap::question(key),
                Some(Overlay::RemovePerson { .. }) => keymap::person_question(key),
                Some(_) => keymap::command(key, keymap::bindings()),
                None if app.edit.is_some() => keymap::typing(key),
                None => keymap::command(key, keymap::bindings()),
            }
        }
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
            MouseEventKind::ScrollUp => Some(Action::ScrollUp),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown),
            _ => None,
        },
        _ => None,
    }
}
