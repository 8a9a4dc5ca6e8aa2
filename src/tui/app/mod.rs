//! The planner's state, and the one function that changes it.
//!
//! Keys become [`Action`]s (see `keymap`), [`App::update`] applies them and returns the
//! [`Effect`]s it wants performed (saving, loading, listing files), which the runner carries
//! out and answers with more actions. Update never does I/O and never runs the engine: the
//! runner recomputes the comparison and rebuilds the view model once per batch of keys, when
//! the plan (or what is looked at) changed.
//!
//! - `update.rs`: the main screen's actions (moving around, choices, strategies, toggles)
//! - `editing.rs`: typing into a field
//! - `dialogs.rs`: windows over the screen (help, files, questions)
//! - `items.rs`: adding, removing, copying and moving items of the form
//! - `mouse.rs`: clicks and the wheel
//! - `history.rs`: undo and redo
//! - `renumber.rs`: where a list's items went when it changed
//! - `results.rs`: the comparison, the background results and the baseline

mod dialogs;
mod editing;
mod history;
mod items;
mod mouse;
mod renumber;
mod results;
mod scenarios;
mod update;

pub use dialogs::Overlay;
pub use editing::Edit;
pub use history::History;
pub use results::{Background, Baseline, Charted};
pub use scenarios::{Household, ScenarioResults};

pub use super::action::Action;
pub use super::effect::{Effect, Pending};
use super::files::Places;
use super::form::{self, FieldRef, Names, Pane, Row};
use super::theme::Theme;
use super::view::ScreenMap;
use super::viewmodel::{ViewKey, ViewModel};
use crate::compare::Comparison;
use crate::plan::Plan;
use std::cell::RefCell;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What the right-hand side shows when the screen is too short for everything at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RightTab {
    Charts,
    Compare,
}

/// Which part of the screen keys go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Form,
    Chart,
    Compare,
}

/// What the chart area shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartView {
    /// Income by source and taxes by year.
    Income,
    /// The spread of after-tax wealth across market paths.
    Fan,
}

/// How the comparison table is looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CompareView {
    /// First metric row shown.
    pub scroll: usize,
    /// The focused strategy's column is widened to its full name.
    pub wide: bool,
}

pub struct App {
    /// The last valid plan: what the engine runs on.
    pub plan: Plan,
    /// Counts changes of the plan: the runner recomputes and restarts background work when it
    /// moves.
    pub plan_rev: u64,
    /// Counts new inputs to the comparison besides the plan (an optimized column arrived): the
    /// runner recomputes when it moves.
    pub results_rev: u64,
    pub file: Option<PathBuf>,
    /// The plan differs from the file (or there is no file yet).
    pub dirty: bool,
    /// The plan as its file holds it when last saved or opened (the demo as it starts), for
    /// undo and redo to tell when they are back there; none when there is no such state (a
    /// template, an example, recovered changes).
    pub saved: Option<Plan>,
    pub history: History,
    pub comparison: Option<Comparison>,
    pub engine_error: Option<String>,
    pub last_recompute: Duration,
    /// How many times the comparison was recomputed (once per batch of keys).
    pub recomputes: u64,
    pub background: Background,
    pub baseline: Option<Baseline>,
    pub pane: Pane,
    /// Selected row in each pane.
    pub row: [usize; 5],
    pub edit: Option<Edit>,
    pub focus: Focus,
    pub right_tab: RightTab,
    pub strategy: usize,
    /// The charted strategy while its column does not say which it is (its column is out of
    /// the comparison, or strategies were moved, copied, removed or added, or such a change
    /// undone or redone, since the comparison was made), and the column shown meanwhile (see
    /// [`App::recompute`]).
    pub charted_away: Option<(Charted, usize)>,
    pub year: usize,
    pub overlay: Option<Overlay>,
    pub presenter: bool,
    pub privacy: bool,
    pub theme: Theme,
    pub status: Option<(String, Instant)>,
    pub places: Places,
    pub quit: bool,
    /// Where the last frame drew things, for the mouse.
    pub screen: RefCell<ScreenMap>,
    pub chart_view: ChartView,
    /// The inspector shows the marginal-rate curve of its year.
    pub curve: bool,
    /// The claiming-age comparison shown in its window.
    pub claiming: ClaimingState,
    pub compare: CompareView,
    /// First line of the inspector shown.
    pub inspector_scroll: usize,
    /// What the screen shows, computed when its inputs change (never while drawing).
    pub view: ViewModel,
    pub view_key: Option<ViewKey>,
    /// The scenario being edited; none while the base household is.
    pub household: Option<Household>,
    /// The scenario comparison, while its window is open.
    pub scenario_results: Option<ScenarioResults>,
    /// What each option of a stepped field last held, brought back when it is chosen again.
    pub kept: form::Kept,
}

/// Names as the screen shows them.
pub struct ShownNames {
    pub hidden: bool,
}

impl Names for ShownNames {
    fn person(&self, plan: &Plan, i: usize) -> String {
        if self.hidden {
            format!("Person {}", i + 1)
        } else {
            plan.people
                .get(i)
                .map(|p| p.name.clone())
                .unwrap_or_else(|| format!("Person {}", i + 1))
        }
    }

    fn hidden(&self) -> bool {
        self.hidden
    }
}

impl App {
    /// The app on `plan`, its results not yet computed (the runner does that).
    pub fn new(plan: Plan, file: Option<PathBuf>, places: Places) -> App {
        let mut app = App {
            saved: Some(plan.clone()),
            plan,
            plan_rev: 0,
            results_rev: 0,
            file,
            dirty: false,
            history: History::default(),
            comparison: None,
            engine_error: None,
            last_recompute: Duration::ZERO,
            recomputes: 0,
            background: Background::default(),
            baseline: None,
            pane: Pane::People,
            row: [0; 5],
            edit: None,
            focus: Focus::Form,
            right_tab: RightTab::Charts,
            strategy: 0,
            charted_away: None,
            year: 0,
            overlay: None,
            presenter: false,
            privacy: false,
            theme: Theme::from_env(false),
            status: None,
            places,
            quit: false,
            screen: RefCell::new(ScreenMap::default()),
            chart_view: ChartView::Income,
            curve: false,
            claiming: ClaimingState::default(),
            compare: CompareView::default(),
            inspector_scroll: 0,
            view: ViewModel::default(),
            view_key: None,
            household: None,
            scenario_results: None,
            kept: form::Kept::default(),
        };
        app.reset_rows();
        app
    }

    pub fn names(&self) -> ShownNames {
        ShownNames {
            hidden: self.privacy,
        }
    }

    pub fn say(&mut self, message: impl Into<String>) {
        self.status = Some((message.into(), Instant::now()));
    }

    /// The rows of a pane for the plan as it is.
    pub fn rows_of(&self, pane: Pane) -> Vec<Row> {
        form::rows(pane, &self.plan, &self.names())
    }

    fn rows(&self) -> Vec<Row> {
        self.rows_of(self.pane)
    }

    pub fn selected_row(&self) -> usize {
        self.row[self.pane.index()]
    }

    /// The row under the cursor.
    pub fn selected(&self) -> Option<Row> {
        self.rows().get(self.selected_row()).cloned()
    }

    /// The field under the cursor, if the cursor is on one.
    pub fn selected_field(&self) -> Option<FieldRef> {
        match self.selected() {
            Some(Row::Field(f)) => Some(f),
            _ => None,
        }
    }

    /// Every pane's cursor on its first row that can be selected.
    fn reset_rows(&mut self) {
        for pane in Pane::ALL {
            self.row[pane.index()] = first_selectable(&self.rows_of(pane));
        }
    }

    /// Keeps every pane's cursor on a row that exists and can be selected.
    fn clamp_rows(&mut self) {
        for pane in Pane::ALL {
            let rows = self.rows_of(pane);
            let i = pane.index();
            let mut r = self.row[i].min(rows.len().saturating_sub(1));
            if !rows.get(r).is_some_and(Row::selectable) {
                r = next_selectable(&rows, r, true)
                    .or_else(|| next_selectable(&rows, r, false))
                    .unwrap_or_else(|| first_selectable(&rows));
            }
            self.row[i] = r;
        }
    }

    /// The plan changed (an edit, an undo, a new plan): the runner recomputes.
    fn touched(&mut self) {
        self.plan_rev += 1;
    }

    /// A committed change: remembered for undo, marked unsaved.
    pub(crate) fn commit(&mut self, next: Plan) {
        if next == self.plan {
            return;
        }
        let before = std::mem::replace(&mut self.plan, next);
        self.history.push(history::Step {
            plan: before,
            household: self.household.clone(),
        });
        self.dirty = true;
        self.touched();
        self.clamp_rows();
    }

    /// The plan just replaced is not the file's (a template, an example, recovered changes): it
    /// stays unsaved whatever undo does until it is saved.
    fn never_saved(&mut self) {
        self.dirty = true;
        self.saved = None;
    }

    /// Whether the plan differs from the file as last saved or opened.
    fn differs_from_saved(&self) -> bool {
        match (&self.saved, &self.household) {
            (None, _) => true,
            (Some(saved), None) => *saved != self.plan,
            (Some(saved), Some(_)) => *saved != self.file_plan(),
        }
    }

    /// Replaces the whole plan (open, new, recovery): the undo history starts afresh.
    pub fn replace_plan(&mut self, plan: Plan, file: Option<PathBuf>) {
        self.plan = plan;
        self.household = None;
        self.scenario_results = None;
        self.file = file;
        self.history = History::default();
        self.edit = None;
        self.dirty = false;
        self.saved = Some(self.plan.clone());
        self.baseline = None;
        self.strategy = 0;
        self.charted_away = None;
        self.year = 0;
        self.background = Background::default();
        self.kept.forget();
        self.touched();
        self.reset_rows();
    }

    pub fn years(&self) -> usize {
        self.comparison
            .as_ref()
            .and_then(|c| c.projections.first())
            .map_or(0, |p| p.rows.len())
    }

    pub fn strategies(&self) -> usize {
        self.comparison.as_ref().map_or(0, |c| c.outcomes.len())
    }

    /// Puts the cursor on `row` of `pane` when that row can be selected.
    pub fn set_row(&mut self, pane: Pane, row: usize) {
        if self.rows_of(pane).get(row).is_some_and(Row::selectable) {
            self.row[pane.index()] = row;
        }
        self.pane = pane;
        self.focus = Focus::Form;
    }

    /// Applies one action; returns what the runner should do.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let mut fx = Vec::new();
        match action {
            Action::Saved { result, then } => self.saved(result, then, &mut fx),
            Action::Loaded(result) => self.loaded(result),
            Action::Listed(entries) => {
                self.overlay = Some(Overlay::Open {
                    entries,
                    selected: 0,
                })
            }
            Action::Recovered(result) => self.recovered(result),
            Action::ScenariosCompared(result) => {
                self.scenario_results = Some(match result {
                    Ok(columns) => ScenarioResults::Ready(columns),
                    Err(e) => ScenarioResults::Failed(e),
                })
            }
            Action::HandoutWritten(result) => match result {
                Ok(path) => self.say(format!(
                    "handout written to {}{}",
                    super::files::home_relative(&path),
                    if self.privacy {
                        " (private: names hidden, amounts rounded)"
                    } else {
                        ""
                    }
                )),
                Err(message) => {
                    self.overlay = Some(Overlay::Error {
                        title: "Handout not written".into(),
                        message,
                    })
                }
            },
            Action::Simulation(u) => self.background.take_simulation(u),
            Action::PolicySimulation(u) => self.background.take_policy_simulation(u),
            Action::Claiming(u) => self.claiming.take(u),
            Action::Optimizer(objective, u) => {
                if self.background.take_optimizer(objective, u) {
                    self.results_rev += 1;
                }
            }
            other => {
                if self.overlay.is_some() {
                    self.update_overlay(other, &mut fx);
                } else if self.edit.is_some() {
                    self.update_edit(other, &mut fx);
                } else {
                    self.update_main(other, &mut fx);
                }
            }
        }
        self.scenario_effects(&mut fx);
        fx
    }
}

pub fn first_selectable(rows: &[Row]) -> usize {
    rows.iter().position(Row::selectable).unwrap_or(0)
}

fn next_selectable(rows: &[Row], from: usize, down: bool) -> Option<usize> {
    if down {
        (from + 1..rows.len()).find(|i| rows[*i].selectable())
    } else {
        (0..from.min(rows.len()))
            .rev()
            .find(|i| rows[*i].selectable())
    }
}

/// The claiming-age comparison: computed in the background while its window is open, for the
/// plan revision it was started on.
#[derive(Debug, Clone, Default)]
pub struct ClaimingState {
    pub grid: Option<crate::claiming::ClaimingGrid>,
    pub error: Option<String>,
    pub running: bool,
    /// Which of `Measure::ALL` the cells show.
    pub measure: usize,
    /// Claiming ages by the month (97 × 97 cells for a couple) instead of by the year.
    pub months: bool,
    /// The cell the user moved to, as (row, column); `None` follows the best cell (or the
    /// plan's own while none is in), so a large grid opens around it.
    pub cursor: Option<(usize, usize)>,
    /// When the shown run started and, once done, how long it took: the month grid takes a
    /// while, and the window says how long.
    pub started: Option<Instant>,
    pub took: Option<Duration>,
}

impl ClaimingState {
    pub fn measure(&self) -> crate::claiming::Measure {
        let all = crate::claiming::Measure::ALL;
        all[self.measure % all.len()]
    }

    /// What the window needs computed: its step, and the spending capacity while it is shown.
    pub fn options(&self) -> crate::claiming::ClaimOptions {
        crate::claiming::ClaimOptions {
            step: if self.months {
                crate::claiming::ClaimStep::MONTHS
            } else {
                crate::claiming::ClaimStep::YEARS
            },
            capacity: self.measure() == crate::claiming::Measure::Capacity,
        }
    }

    /// The cell the window centres on: the user's, else the best on the measure, else the
    /// plan's own.
    pub fn focus(&self) -> Option<(usize, usize)> {
        let g = self.grid.as_ref()?;
        self.cursor.or_else(|| g.best(self.measure())).or(g.current)
    }

    fn take(&mut self, u: crate::claiming::ClaimingUpdate) {
        use crate::claiming::ClaimingError;
        use crate::job::Update;
        match u {
            Update::Progress(g) => self.grid = Some(g),
            Update::Done(Ok(g)) => {
                self.grid = Some(g);
                self.running = false;
                self.took = self.started.map(|s| s.elapsed());
            }
            Update::Done(Err(ClaimingError::Cancelled)) => self.running = false,
            Update::Done(Err(e)) => {
                self.error = Some(e.to_string());
                self.running = false;
            }
        }
    }

    /// A new run is starting: what was shown belongs to the plan before.
    pub fn restart(&mut self) {
        self.grid = None;
        self.error = None;
        self.running = true;
        self.started = Some(Instant::now());
        self.took = None;
    }
}
