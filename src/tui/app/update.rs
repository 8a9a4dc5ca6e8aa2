//! The main screen's actions: moving around the form, the chart and the comparison, stepping
//! choices, and the view toggles.

use super::{App, ChartView, Effect, Focus, Overlay, Pending, RightTab, next_selectable};
use crate::tui::action::Action;
use crate::tui::form::{self, Pane, Row};
use crate::tui::theme::Theme;

impl App {
    pub(super) fn update_main(&mut self, action: Action, fx: &mut Vec<Effect>) {
        match action {
            Action::Quit => self.request(Pending::Quit, fx),
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::ClaimingMap => self.overlay = Some(Overlay::Claiming),
            Action::Close => self.focus = Focus::Form,
            Action::NextPane | Action::PrevPane => self.cycle_focus(action == Action::NextPane),
            Action::Up | Action::Down | Action::ScrollUp | Action::ScrollDown => {
                let down = matches!(action, Action::Down | Action::ScrollDown);
                match self.focus {
                    Focus::Form => self.move_row(down, 1),
                    Focus::Compare => self.scroll_compare(down, 1),
                    Focus::Chart => self.step_strategy(down),
                }
            }
            Action::PageUp | Action::PageDown => {
                let down = action == Action::PageDown;
                match self.focus {
                    Focus::Compare => self.scroll_compare(down, 8),
                    _ => self.move_row(down, 8),
                }
            }
            Action::Left | Action::YearLeft => self.left_right(false),
            Action::Right | Action::YearRight => self.left_right(true),
            Action::YearHome => self.year = 0,
            Action::YearEnd => self.year = self.years().saturating_sub(1),
            Action::Activate => match self.focus {
                Focus::Form => self.activate(fx),
                Focus::Chart | Focus::Compare => self.open_inspector(),
            },
            Action::Inspect => self.open_inspector(),
            Action::Remove => self.ask_remove(),
            Action::Add => self.add_here(),
            Action::Duplicate => self.duplicate_selected(),
            Action::MoveUp | Action::MoveDown => self.move_selected(action == Action::MoveDown),
            Action::EditStrategy => self.edit_strategy(),
            Action::NextStrategy => self.step_strategy(true),
            Action::PrevStrategy => self.step_strategy(false),
            Action::SelectStrategy(i) => self.select_strategy(i),
            Action::Undo => self.undo_change(),
            Action::Redo => self.redo_change(),
            Action::Save => self.save(None, fx),
            Action::SaveAs => self.open_save_as(None),
            Action::Open => fx.push(Effect::ListPlans),
            Action::New => self.overlay = Some(Overlay::New { selected: 0 }),
            Action::PinBaseline => self.toggle_baseline(),
            Action::Scenarios => self.open_scenarios(),
            Action::CompareScenarios => self.open_scenario_compare(),
            Action::ActionsView => self.overlay = Some(Overlay::Actions { scroll: 0 }),
            Action::Handout => fx.push(Effect::WriteHandout(self.handout_path())),
            Action::Rename => self.say("n renames a scenario in the scenarios window (v)"),
            Action::TogglePresenter => {
                self.presenter = !self.presenter;
                self.theme = Theme::from_env(self.presenter);
                self.say(if self.presenter {
                    "presenter theme on"
                } else {
                    "presenter theme off"
                });
            }
            Action::TogglePrivacy => {
                self.privacy = !self.privacy;
                self.say(if self.privacy {
                    "privacy on: amounts rounded to $k, names hidden"
                } else {
                    "privacy off"
                });
            }
            Action::ToggleRightTab => {
                // The focus follows what is shown: on a short screen the comparison can take the
                // whole screen, and keys must never reach a pane that is not drawn.
                self.right_tab = match self.right_tab {
                    RightTab::Charts => {
                        self.focus = Focus::Compare;
                        RightTab::Compare
                    }
                    RightTab::Compare => {
                        if self.focus == Focus::Compare {
                            self.focus = Focus::Chart;
                        }
                        RightTab::Charts
                    }
                }
            }
            Action::ToggleFan => {
                self.chart_view = match self.chart_view {
                    ChartView::Income => ChartView::Fan,
                    ChartView::Fan => ChartView::Income,
                };
                self.right_tab = RightTab::Charts;
            }
            Action::WidenColumn => self.compare.wide = !self.compare.wide,
            Action::FocusChart => self.focus = Focus::Chart,
            Action::FocusCompare => self.focus = Focus::Compare,
            Action::FocusForm => self.focus = Focus::Form,
            Action::Type(c) => {
                // Typing on a typed field starts editing it with that character; on a stepped
                // one it would do nothing, so the status bar says how it is set.
                if self.focus == Focus::Form
                    && let Some(f) = self.selected_field()
                {
                    if f.spec().kind.is_stepped() {
                        self.say(format!(
                            "{} is chosen, not typed: Enter or Space steps it",
                            f.spec().label.trim()
                        ));
                    } else {
                        self.start_edit(f, false);
                        self.edit_key(tui_input::InputRequest::InsertChar(c));
                    }
                }
            }
            Action::Edit(tui_input::InputRequest::DeletePrevChar) => {
                if self.focus == Focus::Form
                    && let Some(f) = self.selected_field()
                    && !f.spec().kind.is_stepped()
                {
                    self.start_edit(f, false);
                    self.edit_key(tui_input::InputRequest::DeletePrevChar);
                }
            }
            Action::Click(x, y) => self.click(x, y, fx),
            _ => {}
        }
    }

    fn open_inspector(&mut self) {
        self.inspector_scroll = 0;
        self.overlay = Some(Overlay::Inspector);
    }

    /// ←/→: a strategy column in the comparison, else the year (never a field's value: a
    /// key meant for the chart must not change the plan).
    fn left_right(&mut self, forward: bool) {
        match self.focus {
            Focus::Compare => self.step_strategy(forward),
            Focus::Form | Focus::Chart => self.move_year(if forward { 1 } else { -1 }),
        }
    }

    /// Tab order: the form panes, then the chart, then the comparison.
    fn cycle_focus(&mut self, forward: bool) {
        let panes = Pane::ALL.len();
        let stops = panes + 2;
        let now = match self.focus {
            Focus::Form => self.pane.index(),
            Focus::Chart => panes,
            Focus::Compare => panes + 1,
        };
        let next = if forward {
            (now + 1) % stops
        } else {
            (now + stops - 1) % stops
        };
        if next < panes {
            self.pane = Pane::ALL[next];
            // From the comparison back to the form: the charts return beside it (a short, narrow
            // screen shows the comparison alone, without the form).
            if self.focus == Focus::Compare {
                self.right_tab = RightTab::Charts;
            }
            self.focus = Focus::Form;
        } else if next == panes {
            self.focus = Focus::Chart;
            self.right_tab = RightTab::Charts;
        } else {
            self.focus = Focus::Compare;
            self.right_tab = RightTab::Compare;
        }
    }

    pub(super) fn move_row(&mut self, down: bool, by: usize) {
        let rows = self.rows();
        let mut r = self.selected_row();
        for _ in 0..by {
            match next_selectable(&rows, r, down) {
                Some(n) => r = n,
                None => break,
            }
        }
        self.row[self.pane.index()] = r;
    }

    fn scroll_compare(&mut self, down: bool, by: usize) {
        let rows = self.view.metric_rows.len();
        // No further than the table as last drawn can use: past it ↑ would seem to do nothing.
        let most = self
            .screen
            .borrow()
            .compare_scroll_max
            .unwrap_or(rows.saturating_sub(1));
        self.compare.scroll = if down {
            (self.compare.scroll + by).min(most)
        } else {
            self.compare.scroll.saturating_sub(by)
        };
    }

    pub(super) fn move_year(&mut self, by: i64) {
        let n = self.years();
        if n == 0 {
            return;
        }
        let y = (self.year as i64 + by).clamp(0, n as i64 - 1);
        self.year = y as usize;
    }

    pub fn select_strategy(&mut self, i: usize) {
        let n = self.strategies();
        if n > 0 {
            self.strategy = i.min(n - 1);
        }
    }

    pub(super) fn step_strategy(&mut self, forward: bool) {
        if forward {
            self.select_strategy(self.strategy + 1);
        } else {
            self.select_strategy(self.strategy.saturating_sub(1));
        }
    }

    /// Enter on a row: edit a typed field, step a stepped one, run an add row.
    fn activate(&mut self, fx: &mut Vec<Effect>) {
        let _ = fx;
        match self.selected() {
            Some(Row::Field(f)) if f.spec().kind.is_stepped() => self.step_field(f, true),
            Some(Row::Field(f)) => self.start_edit(f, true),
            Some(Row::Add(a)) => self.add(a),
            _ => {}
        }
    }

    fn step_field(&mut self, f: form::FieldRef, forward: bool) {
        match form::step(f, &self.plan, forward, &mut self.kept) {
            Some(Ok(next)) => self.commit(next),
            Some(Err(e)) => self.say(e),
            None => {}
        }
    }

    /// Opens the charted strategy's section in the Strategies pane.
    fn edit_strategy(&mut self) {
        let Some(c) = self.comparison.as_ref() else {
            return;
        };
        let Some(spec) = c.specs.get(self.strategy) else {
            return;
        };
        // Two strategies can be set alike (an unchanged copy, "Heir-aware (2)"): the column is
        // the n-th of its settings, and so is its strategy in the plan (the columns keep the
        // plan's order, and a pending optimized column leaves out every copy of itself alike).
        let nth = c.specs[..self.strategy]
            .iter()
            .filter(|s| *s == spec)
            .count();
        let Some(i) = self
            .plan
            .strategies
            .iter()
            .enumerate()
            .filter(|(_, s)| *s == spec)
            .nth(nth)
            .map(|(i, _)| i)
        else {
            return;
        };
        self.pane = Pane::Strategies;
        self.focus = Focus::Form;
        let rows = self.rows();
        let heading = rows
            .iter()
            .position(|r| matches!(r, Row::Field(f) if f.loc.0 == i && f.spec().group == form::Group::Strategy))
            .or_else(|| {
                rows.iter().position(
                    |r| matches!(r, Row::Field(f) if f.loc.0 == i && matches!(f.spec().group, form::Group::Step | form::Group::ScheduleYear)),
                )
            });
        if let Some(r) = heading {
            self.row[Pane::Strategies.index()] = r;
        }
    }

    fn undo_change(&mut self) {
        let mut history = std::mem::take(&mut self.history);
        let before = history.undo(|to| self.seen_from(to));
        self.history = history;
        self.travel(before, "undone", "nothing to undo");
    }

    fn redo_change(&mut self) {
        let mut history = std::mem::take(&mut self.history);
        let after = history.redo(|to| self.seen_from(to));
        self.history = history;
        self.travel(after, "redone", "nothing to redo");
    }

    /// The state now, seen from the household `step` is in (the one a change was made in), so
    /// that going back to it later shows that household.
    fn seen_from(&self, step: &super::history::Step) -> super::history::Step {
        let file = self.file_plan();
        let household = step.household.as_ref().and_then(|h| {
            let plan = file.with_scenario(h.active).ok()?;
            Some((plan, h.active))
        });
        match household {
            Some((plan, active)) => super::history::Step {
                plan,
                household: Some(super::scenarios::Household { file, active }),
            },
            None if step.household.is_none() => super::history::Step {
                plan: file,
                household: None,
            },
            // That household cannot be shown now (no such scenario): the state as it is.
            None => super::history::Step {
                plan: self.plan.clone(),
                household: self.household.clone(),
            },
        }
    }

    /// The state from the history, if there was one to go to; a change made in another
    /// household switches back to it, and says so.
    fn travel(&mut self, to: Option<super::history::Step>, done: &str, none: &str) {
        let Some(step) = to else {
            self.say(none);
            return;
        };
        let active = |h: &Option<super::scenarios::Household>| h.as_ref().map(|h| h.active);
        let moved = active(&step.household) != active(&self.household);
        let strategies = std::mem::replace(&mut self.plan, step.plan).strategies;
        // Only the two lists say what the step did to the strategies.
        self.chart_follows(&strategies, None);
        self.household = step.household;
        // Back at the file as saved, there is nothing to save.
        self.dirty = self.differs_from_saved();
        // Undoing an item's removal or move shifts the places what was kept is named by.
        self.kept.forget();
        self.scenario_results = None;
        if moved {
            // As a switch does: what was pinned or computed belongs to the other household.
            self.baseline = None;
            self.background = Default::default();
            let name = self.household_name();
            self.say(format!(
                "{done} in {}",
                name.map_or("the base household".to_string(), |n| format!(
                    "scenario \"{n}\""
                ))
            ));
        } else {
            self.say(done);
        }
        self.touched();
        self.clamp_rows();
    }
}
