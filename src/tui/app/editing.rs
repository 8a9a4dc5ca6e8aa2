//! Typing into a field: the text is tried on every key, a usable value reruns the engine (once
//! per batch of keys, by the runner) and shows what it was understood as, an unusable one says
//! why while the engine keeps the last valid plan. Enter keeps the value, Esc restores the plan
//! from before the edit; Ctrl-C keeps a usable value and asks about quitting.

use super::{App, Effect, Pending};
use crate::plan::Plan;
use crate::tui::action::Action;
use crate::tui::editor::TextEditor;
use crate::tui::form::{self, FieldRef, value};
use tui_input::InputRequest;

/// A field being typed into.
#[derive(Debug, Clone)]
pub struct Edit {
    pub field: FieldRef,
    pub input: TextEditor,
    /// Why the current text cannot be used, when it cannot.
    pub error: Option<String>,
    /// The value as understood ("= 3.5% a year"), when it can be used.
    pub understood: Option<String>,
    /// The plan before the edit, restored by Esc.
    pub original: Plan,
    /// Which of the picker's offers is highlighted (a State field).
    pub pick: usize,
}

impl Edit {
    /// What the picker offers for the text typed so far: the states matching it, for a State
    /// field; nothing for other fields.
    pub fn offers(&self) -> Vec<String> {
        if self.field.spec().kind != form::Kind::State {
            return Vec::new();
        }
        let own_rate = self.field.spec().path == "state.code";
        form::table::state_matches(self.input.value(), own_rate)
    }
}

impl App {
    /// Starts editing `field`: its text selected (Enter), or empty to type into.
    pub(super) fn start_edit(&mut self, field: FieldRef, select: bool) {
        let text = if select {
            form::text(field, &self.plan)
        } else {
            String::new()
        };
        self.edit = Some(Edit {
            field,
            input: TextEditor::new(&text, select),
            error: None,
            understood: None,
            original: self.plan.clone(),
            pick: 0,
        });
    }

    /// One key for the text; the text is tried when it changed.
    pub(super) fn edit_key(&mut self, request: InputRequest) {
        let Some(edit) = self.edit.as_mut() else {
            return;
        };
        if edit.input.handle(request) {
            edit.pick = 0;
            self.retry_edit();
        }
    }

    /// Tries the text being typed: a usable value becomes the plan the engine runs on.
    fn retry_edit(&mut self) {
        let Some(edit) = self.edit.as_mut() else {
            return;
        };
        let text = edit.input.value().to_string();
        match form::apply(edit.field, &edit.original, &text) {
            Ok(next) => {
                edit.error = None;
                // Text means itself; numbers say how they were read.
                let kind = edit.field.spec().kind;
                edit.understood = (!matches!(kind, form::Kind::Text | form::Kind::State))
                    .then(|| form::read(edit.field, &edit.original, &text).ok())
                    .flatten()
                    .map(|v| value::understood(kind, &v));
                if next != self.plan {
                    self.plan = next;
                    self.touched();
                }
            }
            Err(e) => {
                edit.error = Some(e);
                edit.understood = None;
            }
        }
    }

    /// How many states the picker offers for the field being typed into.
    fn picker_len(&self) -> usize {
        self.edit.as_ref().map_or(0, |e| e.offers().len())
    }

    /// Ends the edit keeping its value; the plan before it goes to the undo history.
    fn keep_edit(&mut self) -> bool {
        let Some(edit) = self.edit.as_ref() else {
            return true;
        };
        if edit.error.is_some() {
            return false;
        }
        let original = edit.original.clone();
        self.edit = None;
        if original != self.plan {
            self.history.push(super::history::Step {
                plan: original,
                household: self.household.clone(),
            });
            self.dirty = true;
            self.clamp_rows();
        }
        true
    }

    /// Ends the edit restoring the plan from before it.
    fn cancel_edit(&mut self) {
        if let Some(edit) = self.edit.take()
            && edit.original != self.plan
        {
            self.plan = edit.original;
            self.touched();
        }
    }

    pub(super) fn update_edit(&mut self, action: Action, fx: &mut Vec<Effect>) {
        match action {
            Action::Edit(request) => self.edit_key(request),
            Action::Type(c) => self.edit_key(InputRequest::InsertChar(c)),
            // A State field's picker: Up and Down move the highlight, Enter takes it.
            Action::Down | Action::Up if self.picker_len() > 1 => {
                if let Some(edit) = self.edit.as_mut() {
                    let n = edit.offers().len();
                    edit.pick = if action == Action::Down {
                        (edit.pick + 1) % n
                    } else {
                        (edit.pick + n - 1) % n
                    };
                }
            }
            Action::Activate if self.picker_len() > 0 => {
                if let Some(edit) = self.edit.as_mut() {
                    let offers = edit.offers();
                    let chosen = offers[edit.pick.min(offers.len() - 1)].clone();
                    edit.input = TextEditor::new(&chosen, false);
                }
                self.retry_edit();
                if !self.keep_edit() {
                    self.say("fix the value or press Esc to cancel");
                }
            }
            Action::Activate | Action::Down | Action::Up => {
                if !self.keep_edit() {
                    self.say("fix the value or press Esc to cancel");
                    return;
                }
                // The edit is over: a hint about it (fix the value…) no longer applies.
                self.status = None;
                match action {
                    Action::Down => self.move_row(true, 1),
                    Action::Up => self.move_row(false, 1),
                    _ => {}
                }
            }
            Action::Close => {
                self.cancel_edit();
                self.status = None;
            }
            // Ctrl-C: keep what can be kept, then ask about unsaved changes as ever.
            Action::Quit => {
                if !self.keep_edit() {
                    self.cancel_edit();
                }
                self.request(Pending::Quit, fx);
            }
            _ => {}
        }
    }
}
