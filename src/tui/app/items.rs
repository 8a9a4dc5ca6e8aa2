//! Items of the form: added from an add row (or a picker), removed after a question, copied,
//! and moved up or down their list.

use super::renumber::Renumbering;
use super::{App, Overlay};
use crate::tui::form::Names;
use crate::tui::form::{self, AddRef, AddRun, Group, ItemRef, Row, groups};

impl App {
    /// A change to a list: what stepped fields kept is named by place, which adding, removing,
    /// copying or moving an item shifts, so it is forgotten; the chart follows its strategy,
    /// `strategies` saying where each went when the list was theirs (else the lists are
    /// compared).
    fn commit_items(&mut self, next: crate::plan::Plan, strategies: Option<Renumbering>) {
        self.kept.forget();
        let before = self.plan.strategies.clone();
        self.commit(next);
        self.chart_follows(&before, strategies);
    }

    /// Where a change to `item` puts each of the plan's strategies, when `item` is one of them:
    /// `change` given how many there are and the item's place.
    fn strategies_after(
        &self,
        item: ItemRef,
        change: impl FnOnce(usize, usize) -> Renumbering,
    ) -> Option<Renumbering> {
        (item.group == Group::Strategy).then(|| change(self.plan.strategies.len(), item.loc.0))
    }

    /// The list item the cursor is in: the field's item, or the item of the nearest field above
    /// an add row.
    fn selected_item(&self) -> Option<ItemRef> {
        match self.selected()? {
            Row::Field(f) => f.item(),
            _ => None,
        }
    }

    /// `a`: the add row of the item under the cursor's list, else the pane's last add row.
    pub(super) fn add_here(&mut self) {
        let rows = self.rows();
        let adds: Vec<AddRef> = rows
            .iter()
            .filter_map(|r| match r {
                Row::Add(a) => Some(*a),
                _ => None,
            })
            .collect();
        let here = self.selected_item().and_then(|item| {
            adds.iter()
                .find(|a| {
                    a.group == item.group
                        && (a.loc.0 == item.loc.0 || groups::spec(a.group).parent.is_none())
                })
                .copied()
        });
        match here.or_else(|| adds.last().copied()) {
            Some(a) => {
                if let Some(r) = rows.iter().position(|r| *r == Row::Add(a)) {
                    self.row[self.pane.index()] = r;
                }
                self.add(a);
            }
            None => self.say("nothing to add here"),
        }
    }

    pub(super) fn add(&mut self, a: AddRef) {
        let Some(spec) = a.spec() else {
            return;
        };
        match &spec.run {
            AddRun::Now(_) => match form::add(a, &self.plan) {
                Some(Ok(next)) => {
                    self.commit_items(next, None);
                    self.say(format!(
                        "added: {}",
                        spec.label.trim_start_matches("+ add ")
                    ));
                }
                Some(Err(e)) => self.say(e),
                None => {}
            },
            AddRun::Pick { choices, .. } => {
                self.overlay = Some(Overlay::Pick {
                    add: a,
                    choices: choices(&self.plan),
                    selected: 0,
                });
            }
        }
    }

    /// Adds the picked choice and puts the cursor on the new item's first field.
    pub(super) fn add_picked(&mut self, a: AddRef, choice: usize) {
        match form::add_picked(a, &self.plan, choice) {
            Ok(next) => {
                self.commit_items(next, None);
                if a.group == Group::Strategy {
                    let last = self.plan.strategies.len().saturating_sub(1);
                    self.select_strategy_fields(last);
                    self.say("strategy added: its parameters are below its name");
                }
            }
            Err(e) => self.say(e),
        }
    }

    /// The cursor on the first field of strategy `i` in the Strategies pane.
    pub(super) fn select_strategy_fields(&mut self, i: usize) {
        let rows = self.rows();
        if let Some(r) = rows.iter().position(
            |r| matches!(r, Row::Field(f) if f.loc.0 == i && matches!(f.spec().group, Group::Strategy | Group::Step | Group::ScheduleYear)),
        ) {
            self.row[self.pane.index()] = r;
        }
    }

    /// `d`: asks before removing the item under the cursor; a person's removal asks what
    /// becomes of their accounts and income.
    pub(super) fn ask_remove(&mut self) {
        let Some(item) = self.selected_item() else {
            self.say("nothing to remove here");
            return;
        };
        if item.group == Group::Person {
            if self.plan.people.len() < 2 {
                self.say("a plan needs at least one person");
                return;
            }
            let (accounts, incomes) = form::items::person_holdings(&self.plan, item.loc.0);
            self.overlay = Some(Overlay::RemovePerson {
                index: item.loc.0,
                name: self.names().person(&self.plan, item.loc.0),
                accounts,
                incomes,
            });
            return;
        }
        let what = groups::describe(&self.plan, item.group, item.loc, &self.names());
        self.overlay = Some(Overlay::ConfirmRemove { item, what });
    }

    pub(super) fn remove_item(&mut self, item: ItemRef) {
        match form::remove(item, &self.plan) {
            Ok(next) => {
                let places = self.strategies_after(item, Renumbering::removed);
                self.commit_items(next, places);
                self.say("removed (u to undo)");
            }
            Err(e) => self.say(e),
        }
    }

    pub(super) fn remove_person(&mut self, index: usize, leaving: form::Leaving) {
        match form::items::remove_person(&self.plan, index, leaving) {
            Ok(next) => {
                self.commit_items(next, None);
                self.say("person removed (u to undo)");
            }
            Err(e) => self.say(e),
        }
    }

    pub(super) fn duplicate_selected(&mut self) {
        let Some(item) = self.selected_item() else {
            self.say("nothing to copy here");
            return;
        };
        match form::duplicate(item, &self.plan) {
            Ok(next) => {
                // The copy goes right below its original.
                let places = self.strategies_after(item, |n, i| Renumbering::inserted(n, i + 1));
                self.commit_items(next, places);
                self.say("copied: the copy is below");
            }
            Err(e) => self.say(e),
        }
    }

    pub(super) fn move_selected(&mut self, down: bool) {
        let Some(item) = self.selected_item() else {
            self.say("nothing to move here");
            return;
        };
        let field = self.selected_field();
        match form::shift(item, &self.plan, down) {
            Ok((next, moved)) => {
                let places =
                    self.strategies_after(item, |n, i| Renumbering::swapped(n, i, moved.loc.0));
                self.commit_items(next, places);
                // Keep the cursor on the same field of the moved item.
                if let Some(f) = field {
                    let target = form::FieldRef {
                        spec: f.spec,
                        loc: moved.loc,
                    };
                    if let Some(r) = self.rows().iter().position(|r| *r == Row::Field(target)) {
                        self.row[self.pane.index()] = r;
                    }
                }
            }
            Err(e) => self.say(e),
        }
    }
}
