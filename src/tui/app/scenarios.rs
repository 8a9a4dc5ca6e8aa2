//! The household's scenarios in the planner: which one is being edited, switching between them,
//! adding, copying, renaming and deleting them, and the views that go with them (the scenario
//! comparison, this year's actions, the client handout).
//!
//! While a scenario is active the form and the engine see the household as the scenario has it
//! (`App::plan`), and the plan file's overrides for it are the difference between that household
//! and the base, worked out when the file is written ([`App::file_plan`]). Every field the form
//! can edit can so be overridden, with no code for any field.

use super::{App, Effect, Overlay};
use crate::plan::{Plan, Scenario};
use crate::report::ScenarioColumn;
use crate::tui::editor::TextEditor;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// The scenario being edited, and the plan file it belongs to (its base and every other
/// scenario as they were when it was switched to).
#[derive(Debug, Clone, PartialEq)]
pub struct Household {
    pub file: Plan,
    pub active: usize,
}

/// The scenario comparison, as the runner last computed it.
#[derive(Debug, Clone)]
pub enum ScenarioResults {
    Computing,
    Ready(Vec<ScenarioColumn>),
    Failed(String),
}

impl App {
    /// The plan as its file holds it: the base household and every scenario, the one being
    /// edited with its overrides brought up to date.
    pub fn file_plan(&self) -> Plan {
        match &self.household {
            None => self.plan.clone(),
            Some(h) => {
                let mut file = h.file.clone();
                if let Some(s) = file.scenarios.get_mut(h.active) {
                    s.set = Scenario::overrides_between(&h.file, &self.plan);
                }
                file
            }
        }
    }

    /// The name of the household on screen: "Base", or the scenario's.
    pub fn household_name(&self) -> Option<String> {
        let h = self.household.as_ref()?;
        h.file.scenarios.get(h.active).map(|s| s.name.clone())
    }

    /// The fields the active scenario overrides, as paths (`spending.annual`, `moves`); none on
    /// the base.
    pub fn overridden(&self) -> BTreeSet<String> {
        match &self.household {
            None => BTreeSet::new(),
            Some(h) => Scenario::overrides_between(&h.file, &self.plan)
                .into_keys()
                .collect(),
        }
    }

    /// Edits the household `target` (None: the base). The undo history goes on: undoing a change
    /// made in another household goes back there (see `history.rs`).
    pub(super) fn switch_household(&mut self, target: Option<usize>) {
        let file = self.file_plan();
        match target {
            None => {
                self.plan = file;
                self.household = None;
                self.say("editing the base household");
            }
            Some(i) => match file.with_scenario(i) {
                Ok(plan) => {
                    let name = file.scenarios[i].name.clone();
                    self.plan = plan;
                    self.household = Some(Household { file, active: i });
                    self.say(format!(
                        "editing scenario \"{name}\": what you change becomes its overrides (marked ◆)"
                    ));
                }
                Err(e) => {
                    self.overlay = Some(Overlay::Error {
                        title: "Cannot open this scenario".into(),
                        message: e.to_string(),
                    });
                    return;
                }
            },
        }
        self.edit = None;
        self.baseline = None;
        self.background = Default::default();
        // What was kept belongs to the household left.
        self.kept.forget();
        self.touched();
        self.clamp_rows();
    }

    /// Changes the plan file's list of scenarios, keeping the household being edited.
    fn change_scenarios(&mut self, change: impl FnOnce(&mut Vec<Scenario>)) {
        let mut file = self.file_plan();
        change(&mut file.scenarios);
        match &mut self.household {
            None => self.commit(file),
            Some(h) => {
                let before = super::history::Step {
                    plan: self.plan.clone(),
                    household: Some(h.clone()),
                };
                h.file = file;
                self.history.push(before);
                self.dirty = true;
            }
        }
        self.scenario_results = None;
    }

    /// A name no scenario has yet, nor clashes with (see [`Scenario::change_name_problem`]):
    /// `base`, then `base 2`, `base 3`...
    fn fresh_name(&self, base: &str) -> String {
        let file = self.file_plan();
        let taken = |n: &str| {
            file.scenarios.iter().any(|s| {
                s.name.eq_ignore_ascii_case(n)
                    || Scenario::change_name_problem(n, &s.name).is_some()
                    || Scenario::change_name_problem(&s.name, n).is_some()
            })
        };
        if !taken(base) {
            return base.to_string();
        }
        (2..)
            .map(|k| format!("{base} {k}"))
            .find(|n| !taken(n))
            .unwrap_or_default()
    }

    pub(super) fn open_scenarios(&mut self) {
        let selected = self.household.as_ref().map_or(0, |h| h.active + 1);
        self.overlay = Some(Overlay::Scenarios { selected });
    }

    /// A key in the scenarios window. Row 0 is the base, row i + 1 scenario i.
    pub(super) fn scenarios_key(&mut self, action: super::Action, selected: usize) {
        use super::Action::*;
        let count = self.file_plan().scenarios.len();
        let keep = |app: &mut App, selected: usize| {
            app.overlay = Some(Overlay::Scenarios {
                selected: selected.min(count_now(app)),
            })
        };
        match action {
            Close | Scenarios => {}
            Up | ScrollUp => keep(self, selected.saturating_sub(1)),
            Down | ScrollDown => keep(self, (selected + 1).min(count)),
            Activate => self.switch_household(selected.checked_sub(1)),
            Add => {
                if count >= crate::plan::MAX_SCENARIOS {
                    self.say("a plan holds at most 20 scenarios");
                } else {
                    let name = self.fresh_name("New scenario");
                    self.change_scenarios(|s| s.push(Scenario::named(&name)));
                    self.say(format!("added \"{name}\": Enter edits it, n renames it"));
                }
                keep(self, count + 1);
            }
            Duplicate => {
                let file = self.file_plan();
                let copy = match selected.checked_sub(1) {
                    // The base copied is a scenario that changes nothing yet.
                    None => Scenario::named(&self.fresh_name("Copy of base")),
                    Some(i) => {
                        let mut s = file.scenarios[i].clone();
                        s.name = self.fresh_name(&format!("{} copy", s.name));
                        s
                    }
                };
                if count >= crate::plan::MAX_SCENARIOS {
                    self.say("a plan holds at most 20 scenarios");
                } else {
                    let name = copy.name.clone();
                    self.change_scenarios(|s| s.push(copy));
                    self.say(format!("copied as \"{name}\""));
                }
                keep(self, count + 1);
            }
            Remove => match selected.checked_sub(1) {
                None => {
                    self.say("the base household stays; delete a scenario");
                    keep(self, selected);
                }
                Some(i) => {
                    let name = self.file_plan().scenarios[i].name.clone();
                    self.overlay = Some(Overlay::ConfirmDeleteScenario { index: i, name });
                }
            },
            Rename => match selected.checked_sub(1) {
                None => {
                    self.say("the base household is the plan itself: rename the plan in People");
                    keep(self, selected);
                }
                Some(i) => {
                    let name = self.file_plan().scenarios[i].name.clone();
                    self.overlay = Some(Overlay::RenameScenario {
                        index: i,
                        input: TextEditor::new(&name, true),
                    });
                }
            },
            CompareScenarios => self.open_scenario_compare(),
            _ => keep(self, selected),
        }
    }

    /// Deletes scenario `i` (the one being edited returns to the base first).
    pub(super) fn delete_scenario(&mut self, i: usize) {
        if self.household.as_ref().is_some_and(|h| h.active == i) {
            self.switch_household(None);
        }
        let mut file = self.file_plan();
        if i >= file.scenarios.len() {
            return;
        }
        let name = file.scenarios.remove(i).name;
        match &mut self.household {
            None => self.commit(file),
            Some(h) => {
                if h.active > i {
                    h.active -= 1;
                }
                h.file = file;
                self.dirty = true;
            }
        }
        self.scenario_results = None;
        self.say(format!("deleted scenario \"{name}\""));
        self.overlay = Some(Overlay::Scenarios { selected: i });
    }

    /// Gives scenario `index` the typed name, if it is a good one.
    pub(super) fn rename_scenario(&mut self, index: usize, name: &str) -> Result<(), String> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 60 {
            return Err("a scenario's name has 1 to 60 characters".into());
        }
        let file = self.file_plan();
        if file
            .scenarios
            .iter()
            .enumerate()
            .any(|(j, s)| j != index && s.name.eq_ignore_ascii_case(name))
        {
            return Err(format!("another scenario is called \"{name}\""));
        }
        // Saved, the plan would be refused: the base's column would have two households.
        if let Some(problem) = Scenario::base_name_problem(name) {
            return Err(problem);
        }
        // Or two columns of the side-by-side report one name: a scenario's and another's change.
        for (_, other) in file
            .scenarios
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != index)
        {
            if let Some(problem) = Scenario::change_name_problem(name, &other.name) {
                return Err(problem);
            }
            if Scenario::change_name_problem(&other.name, name).is_some() {
                return Err(format!(
                    "scenario \"{}\" is what this one's change against the base would be called \
                     beside it: give this one another name",
                    other.name.trim()
                ));
            }
        }
        let name = name.to_string();
        self.change_scenarios(|s| {
            if let Some(x) = s.get_mut(index) {
                x.name = name;
            }
        });
        Ok(())
    }

    /// Rows the side-by-side view can scroll through: each figure and its change against the
    /// base, and the notes below (an upper bound; drawing stops at the last row that fits).
    pub(super) fn scenario_rows(&self) -> usize {
        match &self.scenario_results {
            Some(ScenarioResults::Ready(c)) => {
                crate::report::scenarios::scenario_metrics(c, &|d| d.to_string()).len() * 2 + 4
            }
            _ => 0,
        }
    }

    pub(super) fn open_scenario_compare(&mut self) {
        self.overlay = Some(Overlay::ScenarioCompare { scroll: 0 });
        self.scenario_results = Some(ScenarioResults::Computing);
    }

    /// The effects a scenario window needs: the comparison computed by the runner.
    pub(super) fn scenario_effects(&self, fx: &mut Vec<Effect>) {
        if matches!(self.overlay, Some(Overlay::ScenarioCompare { .. }))
            && matches!(self.scenario_results, Some(ScenarioResults::Computing))
        {
            fx.push(Effect::CompareScenarios(Box::new(self.file_plan())));
        }
    }

    /// Where the handout of the household on screen is written: beside the plan's file (or in
    /// the plans folder), named after the plan and the scenario.
    pub fn handout_path(&self) -> PathBuf {
        let stem = self
            .file
            .as_ref()
            .and_then(|f| f.file_stem())
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| slug(&self.plan.name));
        let name = match self.household_name() {
            Some(s) => format!("{stem}-{}-handout.html", slug(&s)),
            None => format!("{stem}-handout.html"),
        };
        let dir = self
            .file
            .as_ref()
            .and_then(|f| f.parent().map(|p| p.to_path_buf()))
            .filter(|p| !p.as_os_str().is_empty())
            // An unsaved plan (an example opened, a new one): the user's plans folder, as the
            // README says, not the examples' folder beside the program.
            .or_else(|| self.places.data_dir.clone())
            .or_else(|| self.places.saves_dir.clone())
            .unwrap_or_else(|| PathBuf::from("."));
        dir.join(name)
    }
}

fn count_now(app: &App) -> usize {
    app.file_plan().scenarios.len()
}

/// A file-name-safe form of a name: "Move to Florida" → "move-to-florida".
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() { "plan".into() } else { out }
}
