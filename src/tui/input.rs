//! Terminal events to actions, by what the screen is showing.

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
                Some(Overlay::SaveAs { .. }) => keymap::typing(key),
                Some(Overlay::Confirm { .. } | Overlay::Recovery { .. }) => keymap::question(key),
                Some(_) => keymap::command(key, &keymap::bindings()),
                None if app.edit.is_some() => keymap::typing(key),
                None => keymap::command(key, &keymap::bindings()),
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

/// Applies an event to the app.
pub fn handle(app: &mut App, event: &Event) {
    if let Some(action) = action_for(app, event) {
        app.update(action);
    }
}
