//! Windows over the main screen and the questions they ask: help, the year inspector, opening
//! and starting plans, save-as, unsaved changes, removals, picking a strategy to add, and the
//! kept unsaved plan offered at the start.

use super::{App, Effect, Pending};
use crate::plan::Plan;
use crate::tui::action::Action;
use crate::tui::editor::TextEditor;
use crate::tui::files::{self, FileEntry};
use crate::tui::form::{AddRef, ItemRef, Leaving};
use crate::tui::recovery::Offer;
use std::path::PathBuf;
use tui_input::InputRequest;

#[derive(Debug, Clone)]
pub enum Overlay {
    /// The key list, scrolled down by this many lines.
    Help {
        scroll: usize,
    },
    Inspector,
    /// The claiming-age heat map.
    Claiming,
    Open {
        entries: Vec<FileEntry>,
        selected: usize,
    },
    New {
        selected: usize,
    },
    /// A file name being typed; `then` waits for the save (quitting, opening another plan).
    SaveAs {
        input: TextEditor,
        then: Option<Pending>,
    },
    Error {
        title: String,
        message: String,
    },
    /// Unsaved changes: save, discard or cancel before `pending`.
    Confirm {
        pending: Pending,
    },
    /// Kept unsaved edits found at the start.
    Recovery {
        offer: Offer,
    },
    /// Remove this item?
    ConfirmRemove {
        item: ItemRef,
        what: String,
    },
    /// Remove a person: and their accounts and income?
    RemovePerson {
        index: usize,
        name: String,
        accounts: usize,
        incomes: usize,
    },
    /// The household's scenarios; row 0 is the base.
    Scenarios {
        selected: usize,
    },
    /// Delete this scenario?
    ConfirmDeleteScenario {
        index: usize,
        name: String,
    },
    /// A scenario's new name being typed.
    RenameScenario {
        index: usize,
        input: TextEditor,
    },
    /// The base and every scenario side by side.
    ScenarioCompare {
        scroll: usize,
    },
    /// This year's actions, scrolled down by this many lines.
    Actions {
        scroll: usize,
    },
    /// Which kind of item to add.
    Pick {
        add: AddRef,
        choices: Vec<(String, String)>,
        selected: usize,
    },
}

fn step(selected: usize, len: usize, down: bool) -> usize {
    if down {
        (selected + 1).min(len.saturating_sub(1))
    } else {
        selected.saturating_sub(1)
    }
}

impl App {
    pub(super) fn update_overlay(&mut self, action: Action, fx: &mut Vec<Effect>) {
        let Some(overlay) = self.overlay.take() else {
            return;
        };
        let keep = |app: &mut App, o: Overlay| app.overlay = Some(o);
        match overlay {
            Overlay::Help { scroll } => match action {
                Action::Close | Action::Activate | Action::Help => {}
                Action::Quit => self.request(Pending::Quit, fx),
                Action::Down | Action::ScrollDown | Action::PageDown => {
                    let by = if action == Action::PageDown { 10 } else { 1 };
                    keep(
                        self,
                        Overlay::Help {
                            scroll: (scroll + by).min(200),
                        },
                    );
                }
                Action::Up | Action::ScrollUp | Action::PageUp => {
                    let by = if action == Action::PageUp { 10 } else { 1 };
                    keep(
                        self,
                        Overlay::Help {
                            scroll: scroll.saturating_sub(by),
                        },
                    );
                }
                _ => keep(self, Overlay::Help { scroll }),
            },
            Overlay::Inspector => {
                match action {
                    Action::Close | Action::Activate | Action::Inspect => return,
                    Action::Quit => {
                        self.request(Pending::Quit, fx);
                        return;
                    }
                    Action::ToggleCurve => self.curve = !self.curve,
                    Action::Left | Action::YearLeft => self.move_year(-1),
                    Action::Right | Action::YearRight => self.move_year(1),
                    Action::NextStrategy => self.step_strategy(true),
                    Action::PrevStrategy => self.step_strategy(false),
                    Action::Down | Action::ScrollDown => self.scroll_inspector(true, 1),
                    Action::Up | Action::ScrollUp => self.scroll_inspector(false, 1),
                    Action::PageDown => self.scroll_inspector(true, 10),
                    Action::PageUp => self.scroll_inspector(false, 10),
                    Action::YearHome => self.inspector_scroll = 0,
                    _ => {}
                }
                if self.overlay.is_none() {
                    keep(self, Overlay::Inspector);
                }
            }
            Overlay::Scenarios { selected } => match action {
                Action::Quit => self.request(Pending::Quit, fx),
                other => self.scenarios_key(other, selected),
            },
            Overlay::ConfirmDeleteScenario { index, name } => match action {
                Action::Yes => self.delete_scenario(index),
                Action::Quit => self.request(Pending::Quit, fx),
                Action::No | Action::Close => {
                    self.overlay = Some(Overlay::Scenarios {
                        selected: index + 1,
                    })
                }
                _ => keep(self, Overlay::ConfirmDeleteScenario { index, name }),
            },
            Overlay::RenameScenario { index, mut input } => match action {
                Action::Close => {
                    self.overlay = Some(Overlay::Scenarios {
                        selected: index + 1,
                    })
                }
                Action::Quit => self.request(Pending::Quit, fx),
                Action::Edit(request) => {
                    input.handle(request);
                    keep(self, Overlay::RenameScenario { index, input });
                }
                Action::Type(c) => {
                    input.handle(InputRequest::InsertChar(c));
                    keep(self, Overlay::RenameScenario { index, input });
                }
                Action::Activate => match self.rename_scenario(index, input.value()) {
                    Ok(()) => {
                        self.overlay = Some(Overlay::Scenarios {
                            selected: index + 1,
                        })
                    }
                    Err(e) => {
                        self.say(e);
                        keep(self, Overlay::RenameScenario { index, input });
                    }
                },
                _ => keep(self, Overlay::RenameScenario { index, input }),
            },
            Overlay::ScenarioCompare { scroll } => match action {
                Action::Close | Action::CompareScenarios | Action::Activate => {}
                Action::Quit => self.request(Pending::Quit, fx),
                Action::Scenarios => self.open_scenarios(),
                // The view holds at most a few dozen rows; drawing stops at the last.
                Action::Down | Action::ScrollDown | Action::PageDown => {
                    let by = if action == Action::PageDown { 10 } else { 1 };
                    let scroll = (scroll + by).min(self.scenario_rows());
                    keep(self, Overlay::ScenarioCompare { scroll });
                }
                Action::Up | Action::ScrollUp | Action::PageUp => {
                    let by = if action == Action::PageUp { 10 } else { 1 };
                    let scroll = scroll.saturating_sub(by);
                    keep(self, Overlay::ScenarioCompare { scroll });
                }
                _ => keep(self, Overlay::ScenarioCompare { scroll }),
            },
            Overlay::Actions { scroll } => match action {
                Action::Close | Action::ActionsView | Action::Activate => {}
                Action::Quit => self.request(Pending::Quit, fx),
                Action::Left | Action::YearLeft => {
                    self.move_year(-1);
                    keep(self, Overlay::Actions { scroll: 0 });
                }
                Action::Right | Action::YearRight => {
                    self.move_year(1);
                    keep(self, Overlay::Actions { scroll: 0 });
                }
                Action::NextStrategy | Action::PrevStrategy => {
                    self.step_strategy(action == Action::NextStrategy);
                    keep(self, Overlay::Actions { scroll: 0 });
                }
                Action::Down | Action::ScrollDown | Action::PageDown => {
                    let by = if action == Action::PageDown { 10 } else { 1 };
                    keep(
                        self,
                        Overlay::Actions {
                            scroll: (scroll + by).min(300),
                        },
                    );
                }
                Action::Up | Action::ScrollUp | Action::PageUp => {
                    let by = if action == Action::PageUp { 10 } else { 1 };
                    keep(
                        self,
                        Overlay::Actions {
                            scroll: scroll.saturating_sub(by),
                        },
                    );
                }
                Action::Handout => {
                    self.overlay = Some(Overlay::Actions { scroll });
                    fx.push(Effect::WriteHandout(self.handout_path()));
                }
                _ => keep(self, Overlay::Actions { scroll }),
            },
            Overlay::Claiming => match action {
                Action::Close | Action::Activate | Action::ClaimingMap => {}
                Action::Quit => self.request(Pending::Quit, fx),
                Action::ToggleCurve => {
                    self.claiming.measure += 1;
                    keep(self, Overlay::Claiming);
                }
                Action::ClaimingMonths => {
                    self.claiming.months = !self.claiming.months;
                    self.claiming.cursor = None;
                    keep(self, Overlay::Claiming);
                }
                Action::Up | Action::ScrollUp => self.claiming_move(-1, 0),
                Action::Down | Action::ScrollDown => self.claiming_move(1, 0),
                Action::Left => self.claiming_move(0, -1),
                Action::Right => self.claiming_move(0, 1),
                Action::PageUp => self.claiming_move(-12, 0),
                Action::PageDown => self.claiming_move(12, 0),
                _ => keep(self, Overlay::Claiming),
            },
            Overlay::Error { title, message } => match action {
                Action::Close | Action::Activate => {}
                Action::Quit => self.request(Pending::Quit, fx),
                _ => keep(self, Overlay::Error { title, message }),
            },
            Overlay::Open { entries, selected } => match action {
                Action::Close => {}
                Action::Quit => self.request(Pending::Quit, fx),
                Action::Up | Action::ScrollUp | Action::Down | Action::ScrollDown => {
                    let down = matches!(action, Action::Down | Action::ScrollDown);
                    let selected = step(selected, entries.len(), down);
                    keep(self, Overlay::Open { entries, selected });
                }
                Action::Activate => {
                    if let Some(entry) = entries.get(selected) {
                        let pending = Pending::Open {
                            name: entry.name.clone(),
                            source: entry.source.clone(),
                        };
                        self.request(pending, fx);
                    }
                }
                _ => keep(self, Overlay::Open { entries, selected }),
            },
            Overlay::New { selected } => match action {
                Action::Close => {}
                Action::Quit => self.request(Pending::Quit, fx),
                Action::Up | Action::ScrollUp | Action::Down | Action::ScrollDown => {
                    let down = matches!(action, Action::Down | Action::ScrollDown);
                    let selected = step(selected, files::templates().len(), down);
                    keep(self, Overlay::New { selected });
                }
                Action::Activate => self.request(Pending::New(selected), fx),
                _ => keep(self, Overlay::New { selected }),
            },
            Overlay::Pick {
                add,
                choices,
                selected,
            } => match action {
                Action::Close => {}
                Action::Quit => self.request(Pending::Quit, fx),
                Action::Up | Action::ScrollUp | Action::Down | Action::ScrollDown => {
                    let down = matches!(action, Action::Down | Action::ScrollDown);
                    let selected = step(selected, choices.len(), down);
                    keep(
                        self,
                        Overlay::Pick {
                            add,
                            choices,
                            selected,
                        },
                    );
                }
                Action::Activate => self.add_picked(add, selected),
                _ => keep(
                    self,
                    Overlay::Pick {
                        add,
                        choices,
                        selected,
                    },
                ),
            },
            Overlay::SaveAs { mut input, then } => match action {
                Action::Close => {}
                Action::Quit => self.request(Pending::Quit, fx),
                Action::Edit(request) => {
                    input.handle(request);
                    keep(self, Overlay::SaveAs { input, then });
                }
                Action::Type(c) => {
                    input.handle(InputRequest::InsertChar(c));
                    keep(self, Overlay::SaveAs { input, then });
                }
                Action::Activate => {
                    let trimmed = input.value().trim().to_string();
                    if trimmed.is_empty() {
                        self.say("not saved: no file name");
                        keep(self, Overlay::SaveAs { input, then });
                    } else {
                        let path = self.places.save_path_for(&trimmed);
                        fx.push(Effect::Save { path, then });
                    }
                }
                _ => keep(self, Overlay::SaveAs { input, then }),
            },
            Overlay::Confirm { pending } => match action {
                Action::Yes => self.save(Some(pending), fx),
                Action::No => {
                    self.dirty = false;
                    self.carry_out(pending, fx);
                }
                Action::Close => {}
                // Ctrl-C again: quit without saving.
                Action::Quit if pending == Pending::Quit => {
                    self.dirty = false;
                    self.carry_out(pending, fx);
                }
                _ => keep(self, Overlay::Confirm { pending }),
            },
            Overlay::Recovery { offer } => match action {
                Action::Yes | Action::Activate => fx.push(Effect::ReadRecovery(offer.path)),
                Action::No | Action::Close => {
                    fx.push(Effect::DiscardRecovery(offer.path));
                    self.say("kept changes discarded");
                }
                _ => keep(self, Overlay::Recovery { offer }),
            },
            Overlay::ConfirmRemove { item, what } => match action {
                Action::Yes | Action::Activate => self.remove_item(item),
                Action::No | Action::Close => {}
                _ => keep(self, Overlay::ConfirmRemove { item, what }),
            },
            Overlay::RemovePerson {
                index,
                name,
                accounts,
                incomes,
            } => match action {
                // m: move their accounts and income to the other person; r: remove them too.
                Action::Type('m') | Action::Yes | Action::Activate => {
                    self.remove_person(index, Leaving::ToSurvivor)
                }
                Action::Type('r') => self.remove_person(index, Leaving::Removed),
                Action::No | Action::Close => {}
                _ => keep(
                    self,
                    Overlay::RemovePerson {
                        index,
                        name,
                        accounts,
                        incomes,
                    },
                ),
            },
        }
    }

    /// Asks before losing unsaved changes.
    pub(super) fn request(&mut self, pending: Pending, fx: &mut Vec<Effect>) {
        if self.dirty {
            self.overlay = Some(Overlay::Confirm { pending });
        } else {
            self.carry_out(pending, fx);
        }
    }

    pub(super) fn carry_out(&mut self, pending: Pending, fx: &mut Vec<Effect>) {
        match pending {
            Pending::Quit => {
                fx.push(Effect::ClearRecovery);
                self.quit = true;
            }
            Pending::Open { name, source } => fx.push(Effect::Load { name, source }),
            Pending::New(i) => {
                if let Some((name, plan)) = files::templates().into_iter().nth(i) {
                    fx.push(Effect::ClearRecovery);
                    self.replace_plan(plan, None);
                    self.never_saved();
                    self.say(format!("new plan from {name}"));
                }
            }
        }
    }

    /// Saves to the plan's file, or asks for one; `then` runs once saved.
    pub(super) fn save(&mut self, then: Option<Pending>, fx: &mut Vec<Effect>) {
        match self.file.clone() {
            Some(path) => fx.push(Effect::Save { path, then }),
            None => self.open_save_as(then),
        }
    }

    pub(super) fn open_save_as(&mut self, then: Option<Pending>) {
        let suggestion = match &self.file {
            Some(p) => p.display().to_string(),
            None => self
                .places
                .plan_path_for(&self.plan.name)
                .display()
                .to_string(),
        };
        // Selected, as a field's value is: a name typed replaces the suggestion rather than
        // being added to its end.
        self.overlay = Some(Overlay::SaveAs {
            input: TextEditor::new(&suggestion, true),
            then,
        });
    }

    pub(super) fn saved(
        &mut self,
        result: Result<PathBuf, String>,
        then: Option<Pending>,
        fx: &mut Vec<Effect>,
    ) {
        match result {
            Ok(path) => {
                self.say(format!("saved {}", files::home_relative(&path)));
                self.file = Some(path);
                self.dirty = false;
                self.saved = Some(self.file_plan());
                fx.push(Effect::ClearRecovery);
                if let Some(pending) = then {
                    self.carry_out(pending, fx);
                }
            }
            Err(e) => {
                self.overlay = Some(Overlay::Error {
                    title: "Not saved".into(),
                    message: e,
                })
            }
        }
    }

    pub(super) fn loaded(&mut self, result: Result<(Plan, Option<PathBuf>), String>) {
        match result {
            Ok((plan, file)) => {
                let example = file.is_none();
                let name = plan.name.clone();
                self.replace_plan(plan, file.clone());
                if example {
                    self.never_saved();
                    self.say(format!(
                        "opened the example {name}; save it to keep changes"
                    ));
                } else if let Some(f) = file {
                    self.say(format!("opened {}", files::home_relative(&f)));
                }
            }
            Err(message) => self.show_load_error(message),
        }
    }

    /// A plan that cannot be read: the message, with its line and column in the title.
    pub fn show_load_error(&mut self, message: String) {
        let title = match line_and_column(&message) {
            Some((l, c)) => format!("Cannot open this plan (line {l}, column {c})"),
            None => "Cannot open this plan".to_string(),
        };
        self.overlay = Some(Overlay::Error { title, message });
    }

    pub(super) fn recovered(&mut self, result: Result<(Plan, Option<PathBuf>), String>) {
        match result {
            Ok((plan, file)) => {
                self.replace_plan(plan, file);
                self.never_saved();
                self.say("recovered the unsaved changes");
            }
            Err(message) => {
                self.overlay = Some(Overlay::Error {
                    title: "Cannot recover".into(),
                    message,
                })
            }
        }
    }
}

/// "line 3, column 9" in a load error's message.
fn line_and_column(message: &str) -> Option<(u32, u32)> {
    let at = message.find("line ")?;
    let rest = &message[at + 5..];
    let line: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let col_at = rest.find("column ")?;
    let column: String = rest[col_at + 7..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    Some((line.parse().ok()?, column.parse().ok()?))
}

impl App {
    /// Moves the claiming heat map's cursor by rows and columns, within the grid; the window
    /// stays open.
    fn claiming_move(&mut self, rows: i64, cols: i64) {
        self.overlay = Some(Overlay::Claiming);
        let (Some(g), Some((r, c))) = (&self.claiming.grid, self.claiming.focus()) else {
            return;
        };
        let to = |at: usize, by: i64, n: usize| {
            let last = n.saturating_sub(1) as i64;
            (at as i64).saturating_add(by).clamp(0, last) as usize
        };
        self.claiming.cursor = Some((to(r, rows, g.rows.len()), to(c, cols, g.width())));
    }
}
