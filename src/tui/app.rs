//! The planner's state and the one function that changes it.
//!
//! Keys become [`Action`]s (see `keymap`), `App::update` applies them, and whenever the plan
//! changes the deterministic engine reruns every strategy before the next frame.

use super::fields::{self, Command, Item, Kind, Pane, Row, Target};
use super::files::{self, FileEntry, Places};
use super::theme::Theme;
use super::view::ScreenMap;
use crate::engine::{Comparison, compare_with};
use crate::optimize::{Optimized, OptimizerHandle, OptimizerUpdate};
use crate::plan::PathMode;
use crate::plan::{Plan, PlanError, load_plan, plan_to_text, save_plan};
use crate::sim::{SimHandle, SimResult, SimUpdate};
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

/// A field being typed into.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    pub target: Target,
    pub buffer: String,
    /// Cursor position in characters.
    pub cursor: usize,
    /// Why the current text cannot be used, when it cannot.
    pub error: Option<String>,
    /// The plan before the edit, restored by Esc.
    pub original: Plan,
}

/// What a confirmation is about.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    Quit,
    Open(PathBuf),
    OpenText { name: String, text: String },
    New(usize),
}

/// Windows drawn over the main screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    /// The key list, scrolled down by this many lines.
    Help {
        scroll: usize,
    },
    Inspector,
    Open {
        entries: Vec<FileEntry>,
        selected: usize,
    },
    New {
        selected: usize,
    },
    SaveAs {
        input: String,
    },
    Error {
        title: String,
        message: String,
    },
    Confirm {
        pending: Pending,
    },
    Recovery {
        saved: String,
    },
}

/// What the chart area shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartView {
    /// Income by source and taxes by year.
    Income,
    /// The spread of after-tax wealth across market paths.
    Fan,
}

/// Work that runs off the event loop: the market simulation and the optimizer.
#[derive(Default)]
pub struct Background {
    pub sim: Option<SimHandle>,
    /// The latest simulation figures (partial while `progress` is set).
    pub risk: Option<SimResult>,
    pub progress: Option<(usize, usize)>,
    /// The figures are from before the last change of the plan.
    pub stale: bool,
    pub error: Option<String>,
    /// When to start the next run: a short delay, so typing does not restart it every key.
    pub sim_due: Option<Instant>,
    pub optimizers: Vec<OptimizerHandle>,
    pub optimized: Vec<Box<Optimized>>,
    pub optimize_progress: Option<f32>,
    pub optimize_due: Option<Instant>,
    pub optimize_error: Option<String>,
}

/// The delay between the last change and the start of background work.
const SETTLE: Duration = Duration::from_millis(40);

/// The plan and results pinned for comparison.
#[derive(Debug, Clone)]
pub struct Baseline {
    pub plan: Plan,
    pub comparison: Comparison,
}

pub struct App {
    /// The last valid plan: what the engine runs on.
    pub plan: Plan,
    pub comparison: Option<Comparison>,
    pub engine_error: Option<String>,
    pub baseline: Option<Baseline>,
    pub file: Option<PathBuf>,
    /// The plan differs from the file (or there is no file yet).
    pub dirty: bool,
    pub pane: Pane,
    /// Selected row in each pane.
    pub row: [usize; 4],
    pub edit: Option<Edit>,
    pub focus: Focus,
    pub right_tab: RightTab,
    pub strategy: usize,
    pub year: usize,
    pub overlay: Option<Overlay>,
    pub undo: Vec<Plan>,
    pub redo: Vec<Plan>,
    pub presenter: bool,
    pub privacy: bool,
    pub theme: Theme,
    pub status: Option<(String, Instant)>,
    pub last_recompute: Duration,
    pub places: Places,
    /// When the recovery file was last written.
    pub recovery_written: Option<Instant>,
    /// The plan changed since the recovery file was written.
    pub recovery_stale: bool,
    pub quit: bool,
    /// Where the last frame drew things, for the mouse.
    pub screen: RefCell<ScreenMap>,
    pub background: Background,
    pub chart_view: ChartView,
    /// The inspector shows the marginal-rate curve of its year.
    pub curve: bool,
}

const UNDO_LIMIT: usize = 200;

/// Everything a key or a click can ask for.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Quit,
    ForceQuit,
    Help,
    Close,
    NextPane,
    PrevPane,
    Up,
    Down,
    PageUp,
    PageDown,
    Left,
    Right,
    Activate,
    Remove,
    YearLeft,
    YearRight,
    YearHome,
    YearEnd,
    NextStrategy,
    PrevStrategy,
    SelectStrategy(usize),
    Inspect,
    Undo,
    Redo,
    Save,
    SaveAs,
    Open,
    New,
    PinBaseline,
    TogglePresenter,
    TogglePrivacy,
    ToggleRightTab,
    /// Income chart or wealth fan.
    ToggleFan,
    /// The inspector's marginal-rate curve.
    ToggleCurve,
    FocusChart,
    FocusCompare,
    FocusForm,
    /// A character typed into a field or dialog.
    Type(char),
    Backspace,
    Delete,
    Home,
    End,
    Yes,
    No,
    /// A click: column and row on the screen.
    Click(u16, u16),
    ScrollUp,
    ScrollDown,
}

impl App {
    pub fn new(plan: Plan, file: Option<PathBuf>, places: Places) -> App {
        let mut app = App {
            plan,
            comparison: None,
            engine_error: None,
            baseline: None,
            file,
            dirty: false,
            pane: Pane::People,
            row: [0; 4],
            edit: None,
            focus: Focus::Form,
            right_tab: RightTab::Charts,
            strategy: 0,
            year: 0,
            overlay: None,
            undo: Vec::new(),
            redo: Vec::new(),
            presenter: false,
            privacy: false,
            theme: Theme::from_env(false),
            status: None,
            last_recompute: Duration::ZERO,
            places,
            recovery_written: None,
            recovery_stale: false,
            quit: false,
            screen: RefCell::new(ScreenMap::default()),
            background: Background::default(),
            chart_view: ChartView::Income,
            curve: false,
        };
        app.row = Pane::ALL.map(|p| first_selectable(&fields::rows(p, &app.plan)));
        app.recompute();
        app
    }

    /// Opens a plan file at start; a bad file becomes an error dialog over the demo.
    pub fn open_at_start(path: Option<PathBuf>, places: Places) -> App {
        let mut app = App::new(crate::plan::demo_plan(), None, places);
        if let Some(path) = path {
            match load_plan(&path) {
                Ok(plan) => app.replace_plan(plan, Some(path)),
                Err(e) => app.show_load_error(&e),
            }
        }
        if app.overlay.is_none()
            && let Some(saved) = app.places.recovery_age()
        {
            app.overlay = Some(Overlay::Recovery { saved });
        }
        app
    }

    /// Reruns every strategy on the current plan, and restarts the background work for it.
    pub fn recompute(&mut self) {
        self.refresh();
        self.schedule_background();
    }

    /// Reruns the strategies, with the optimized columns that are ready.
    fn refresh(&mut self) {
        let started = Instant::now();
        let optimized: Vec<&Optimized> = self.background.optimized.iter().map(|o| &**o).collect();
        match compare_with(&self.plan, &optimized) {
            Ok(c) => {
                self.comparison = Some(c);
                self.engine_error = None;
            }
            Err(e) => self.engine_error = Some(e.to_string()),
        }
        self.last_recompute = started.elapsed();
        let (strategies, years) = self
            .comparison
            .as_ref()
            .map(|c| {
                (
                    c.outcomes.len(),
                    c.projections.first().map_or(0, |p| p.rows.len()),
                )
            })
            .unwrap_or((0, 0));
        self.strategy = self.strategy.min(strategies.saturating_sub(1));
        self.year = self.year.min(years.saturating_sub(1));
    }

    /// The plan changed: results of running work are now stale; start afresh after a pause.
    fn schedule_background(&mut self) {
        let bg = &mut self.background;
        bg.sim = None; // dropping a handle cancels its run
        bg.optimizers.clear();
        bg.optimized.clear();
        bg.progress = None;
        bg.optimize_progress = None;
        bg.error = None;
        bg.optimize_error = None;
        bg.stale = bg.risk.is_some();
        let due = Some(Instant::now() + SETTLE);
        bg.sim_due = due;
        bg.optimize_due = self
            .plan
            .strategies
            .iter()
            .any(|s| s.is_optimized())
            .then_some(due)
            .flatten();
    }

    /// Work is running or about to: the event loop should wake often.
    pub fn busy(&self) -> bool {
        let bg = &self.background;
        bg.sim_due.is_some()
            || bg.optimize_due.is_some()
            || bg.sim.as_ref().is_some_and(|h| !h.is_finished())
            || bg.optimizers.iter().any(|h| !h.is_finished())
    }

    /// Starts background work that is due and takes in what it has produced. Returns whether
    /// anything on screen changed.
    pub fn tick(&mut self) -> bool {
        let now = Instant::now();
        let mut changed = false;
        if self.background.sim_due.is_some_and(|t| t <= now) {
            self.background.sim_due = None;
            let settings = self.plan.assumptions.simulation.clone();
            if settings.mode == PathMode::Constant || self.engine_error.is_some() {
                self.background.risk = None;
                self.background.stale = false;
            } else {
                self.background.sim = Some(crate::sim::spawn(self.plan.clone(), settings));
                self.background.progress = Some((0, 0));
            }
            changed = true;
        }
        if self.background.optimize_due.is_some_and(|t| t <= now) {
            self.background.optimize_due = None;
            let mut objectives = Vec::new();
            for spec in &self.plan.strategies {
                if let crate::strategy::StrategySpec::Optimized { objective } = spec
                    && !objectives.contains(objective)
                {
                    objectives.push(objective.clone());
                }
            }
            for objective in objectives {
                self.background
                    .optimizers
                    .push(crate::optimize::spawn(self.plan.clone(), objective));
            }
            self.background.optimize_progress = Some(0.0);
            changed = true;
        }
        if let Some(handle) = &self.background.sim {
            for update in handle.try_iter() {
                changed = true;
                match update {
                    SimUpdate::Progress(p) => {
                        self.background.progress = Some((p.done, p.total));
                        self.background.risk = Some(p.partial);
                        self.background.stale = false;
                    }
                    SimUpdate::Done(Ok(result)) => {
                        self.background.progress = None;
                        self.background.risk = Some(result);
                        self.background.stale = false;
                    }
                    SimUpdate::Done(Err(e)) => {
                        self.background.progress = None;
                        self.background.error = Some(e.to_string());
                    }
                }
            }
        }
        let mut finished = Vec::new();
        let mut progress = Vec::new();
        for handle in &self.background.optimizers {
            for update in handle.try_iter() {
                changed = true;
                match update {
                    OptimizerUpdate::Progress(p) => progress.push(p),
                    OptimizerUpdate::Done(result) => finished.push(result),
                }
            }
        }
        if let Some(p) = progress.into_iter().reduce(f32::min) {
            self.background.optimize_progress = Some(p);
        }
        if !finished.is_empty() {
            for result in finished {
                match result {
                    Ok(o) => self.background.optimized.push(o),
                    Err(crate::optimize::OptimizeError::Cancelled) => {}
                    Err(e) => self.background.optimize_error = Some(e.to_string()),
                }
            }
            if self.background.optimizers.iter().all(|h| h.is_finished()) {
                self.background.optimize_progress = None;
            }
            self.refresh();
        }
        changed
    }

    pub fn say(&mut self, message: impl Into<String>) {
        self.status = Some((message.into(), Instant::now()));
    }

    fn rows(&self) -> Vec<Row> {
        fields::rows(self.pane, &self.plan)
    }

    fn pane_index(&self) -> usize {
        Pane::ALL.iter().position(|p| *p == self.pane).unwrap_or(0)
    }

    pub fn selected_row(&self) -> usize {
        self.row[self.pane_index()]
    }

    /// The field under the cursor in the current pane, if it is one.
    pub fn selected_target(&self) -> Option<Target> {
        match self.rows().get(self.selected_row()) {
            Some(Row::Field { target, .. }) => Some(*target),
            _ => None,
        }
    }

    /// A committed change: remembered for undo, marked unsaved, recomputed.
    fn commit(&mut self, next: Plan) {
        if next == self.plan {
            return;
        }
        self.undo.push(std::mem::replace(&mut self.plan, next));
        if self.undo.len() > UNDO_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.changed();
    }

    fn changed(&mut self) {
        self.dirty = true;
        self.recovery_stale = true;
        self.clamp_rows();
        self.recompute();
    }

    fn clamp_rows(&mut self) {
        for (i, pane) in Pane::ALL.iter().enumerate() {
            let rows = fields::rows(*pane, &self.plan);
            let mut r = self.row[i].min(rows.len().saturating_sub(1));
            if !rows.get(r).is_some_and(Row::selectable) {
                r = next_selectable(&rows, r, true).unwrap_or_else(|| first_selectable(&rows));
            }
            self.row[i] = r;
        }
    }

    /// Replaces the whole plan (open, new, recovery): undo history starts afresh.
    pub fn replace_plan(&mut self, plan: Plan, file: Option<PathBuf>) {
        self.plan = plan;
        self.file = file;
        self.undo.clear();
        self.redo.clear();
        self.edit = None;
        self.dirty = false;
        self.recovery_stale = false;
        self.baseline = None;
        self.strategy = 0;
        self.year = 0;
        self.row = Pane::ALL.map(|p| first_selectable(&fields::rows(p, &self.plan)));
        self.recompute();
    }

    fn show_load_error(&mut self, e: &PlanError) {
        let title = match e.position() {
            Some((line, column)) => format!("Cannot open this plan (line {line}, column {column})"),
            None => "Cannot open this plan".to_string(),
        };
        self.overlay = Some(Overlay::Error {
            title,
            message: e.to_string(),
        });
    }

    pub fn update(&mut self, action: Action) {
        if let Some(overlay) = self.overlay.clone() {
            self.update_overlay(overlay, action);
            return;
        }
        if self.edit.is_some() {
            self.update_edit(action);
            return;
        }
        self.update_main(action);
    }

    fn update_main(&mut self, action: Action) {
        match action {
            Action::Quit => self.request(Pending::Quit),
            Action::ForceQuit => self.quit = true,
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::Close => self.focus = Focus::Form,
            Action::NextPane | Action::PrevPane => self.cycle_focus(action == Action::NextPane),
            Action::Up | Action::Down | Action::ScrollUp | Action::ScrollDown => {
                let down = matches!(action, Action::Down | Action::ScrollDown);
                match self.focus {
                    Focus::Form => self.move_row(down, 1),
                    Focus::Compare | Focus::Chart => {
                        if down {
                            self.select_strategy(self.strategy + 1)
                        } else {
                            self.select_strategy(self.strategy.saturating_sub(1))
                        }
                    }
                }
            }
            Action::PageUp => self.move_row(false, 8),
            Action::PageDown => self.move_row(true, 8),
            Action::Left | Action::YearLeft => self.move_year(-1),
            Action::Right | Action::YearRight => self.move_year(1),
            Action::YearHome => self.year = 0,
            Action::YearEnd => self.year = self.years().saturating_sub(1),
            Action::Activate => match self.focus {
                Focus::Form => self.activate(),
                Focus::Chart | Focus::Compare => self.overlay = Some(Overlay::Inspector),
            },
            Action::Inspect => self.overlay = Some(Overlay::Inspector),
            Action::Remove => self.remove_selected(),
            Action::NextStrategy => self.select_strategy(self.strategy + 1),
            Action::PrevStrategy => self.select_strategy(self.strategy.saturating_sub(1)),
            Action::SelectStrategy(i) => self.select_strategy(i),
            Action::Undo => self.undo_change(),
            Action::Redo => self.redo_change(),
            Action::Save => self.save(),
            Action::SaveAs => self.open_save_as(),
            Action::Open => self.open_dialog(),
            Action::New => self.overlay = Some(Overlay::New { selected: 0 }),
            Action::PinBaseline => self.toggle_baseline(),
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
                self.right_tab = match self.right_tab {
                    RightTab::Charts => RightTab::Compare,
                    RightTab::Compare => RightTab::Charts,
                }
            }
            Action::ToggleFan => {
                self.chart_view = match self.chart_view {
                    ChartView::Income => ChartView::Fan,
                    ChartView::Fan => ChartView::Income,
                };
                self.right_tab = RightTab::Charts;
            }
            Action::FocusChart => self.focus = Focus::Chart,
            Action::FocusCompare => self.focus = Focus::Compare,
            Action::FocusForm => self.focus = Focus::Form,
            Action::Type(c) => {
                // Typing on a field starts editing it with that character.
                if self.focus == Focus::Form
                    && let Some(target) = self.selected_target()
                    && fields::kind(target) != Kind::Choice
                {
                    self.start_edit(target, Some(c));
                }
            }
            Action::Backspace => {
                if self.focus == Focus::Form
                    && let Some(target) = self.selected_target()
                    && fields::kind(target) != Kind::Choice
                {
                    self.start_edit(target, None);
                    self.update_edit(Action::Backspace);
                }
            }
            Action::Click(x, y) => self.click(x, y),
            _ => {}
        }
    }

    /// A click picks what is under it: a tab, a field, a year, a strategy.
    fn click(&mut self, x: u16, y: u16) {
        let map = self.screen.borrow().clone();
        let inside = |r: ratatui::layout::Rect| {
            x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height
        };
        if let Some((_, i)) = map.tabs.iter().find(|(r, _)| inside(*r)) {
            self.pane = Pane::ALL[*i];
            self.focus = Focus::Form;
            return;
        }
        if inside(map.form) {
            let row = map.form_first + usize::from(y - map.form.y);
            self.set_row(self.pane, row);
            return;
        }
        for (area, focus) in [(map.chart, Focus::Chart), (map.taxes, Focus::Chart)] {
            if inside(area) {
                self.focus = focus;
                if let Some(year) =
                    super::widgets::column_at(area, self.years(), Some(self.year), &self.theme, x)
                {
                    self.year = year;
                }
                return;
            }
        }
        if inside(map.compare) {
            self.focus = Focus::Compare;
            let names = super::viewmodel::strategy_names(self);
            if let Some(i) =
                super::widgets::strategy_at(map.compare, &names, self.strategy, &self.theme, x)
            {
                self.strategy = i;
            }
        }
    }

    /// Tab order: the four form panes, then the chart, then the comparison.
    fn cycle_focus(&mut self, forward: bool) {
        let stops = Pane::ALL.len() + 2;
        let now = match self.focus {
            Focus::Form => self.pane_index(),
            Focus::Chart => Pane::ALL.len(),
            Focus::Compare => Pane::ALL.len() + 1,
        };
        let next = if forward {
            (now + 1) % stops
        } else {
            (now + stops - 1) % stops
        };
        if next < Pane::ALL.len() {
            self.pane = Pane::ALL[next];
            self.focus = Focus::Form;
        } else if next == Pane::ALL.len() {
            self.focus = Focus::Chart;
            self.right_tab = RightTab::Charts;
        } else {
            self.focus = Focus::Compare;
            self.right_tab = RightTab::Compare;
        }
    }

    fn move_row(&mut self, down: bool, by: usize) {
        let rows = self.rows();
        let mut r = self.selected_row();
        for _ in 0..by {
            match next_selectable(&rows, r, down) {
                Some(n) => r = n,
                None => break,
            }
        }
        let i = self.pane_index();
        self.row[i] = r;
    }

    pub fn years(&self) -> usize {
        self.comparison
            .as_ref()
            .and_then(|c| c.projections.first())
            .map_or(0, |p| p.rows.len())
    }

    fn move_year(&mut self, by: i64) {
        let n = self.years();
        if n == 0 {
            return;
        }
        let y = (self.year as i64 + by).clamp(0, n as i64 - 1);
        self.year = y as usize;
    }

    pub fn select_strategy(&mut self, i: usize) {
        let n = self.comparison.as_ref().map_or(0, |c| c.outcomes.len());
        if n > 0 {
            self.strategy = i.min(n - 1);
        }
    }

    fn activate(&mut self) {
        match self.rows().get(self.selected_row()).cloned() {
            Some(Row::Field { target, .. }) => {
                if fields::kind(target) == Kind::Choice {
                    self.step_choice(target, true);
                } else {
                    self.start_edit(target, None);
                }
            }
            Some(Row::Command(command)) => self.run_command(command),
            _ => {}
        }
    }

    fn step_choice(&mut self, target: Target, forward: bool) {
        match fields::step_choice(target, &self.plan, forward) {
            Some(Ok(next)) => self.commit(next),
            Some(Err(e)) => self.say(e),
            None => {}
        }
    }

    fn run_command(&mut self, command: Command) {
        match fields::run_command(command, &self.plan) {
            Ok(next) => {
                self.commit(next);
                self.say(format!(
                    "added: {}",
                    command.label().trim_start_matches("+ add ")
                ));
            }
            Err(e) => self.say(e),
        }
    }

    fn remove_selected(&mut self) {
        let Some(item) = self.selected_target().and_then(fields::item) else {
            self.say("nothing to remove here");
            return;
        };
        match fields::remove(item, &self.plan) {
            Ok(next) => {
                self.commit(next);
                self.say("removed (u to undo)");
            }
            Err(e) => self.say(e),
        }
    }

    fn start_edit(&mut self, target: Target, first: Option<char>) {
        let buffer = match first {
            Some(c) => c.to_string(),
            None => fields::text(target, &self.plan),
        };
        let cursor = buffer.chars().count();
        self.edit = Some(Edit {
            target,
            buffer,
            cursor,
            error: None,
            original: self.plan.clone(),
        });
        if first.is_some() {
            self.retry_edit();
        }
    }

    /// Tries the text being typed: a usable value reruns the engine at once; an unusable one
    /// shows why and the engine keeps the last valid plan.
    fn retry_edit(&mut self) {
        let Some(edit) = self.edit.as_mut() else {
            return;
        };
        match fields::apply(edit.target, &edit.original, &edit.buffer) {
            Ok(next) => {
                edit.error = None;
                if next != self.plan {
                    self.plan = next;
                    self.recompute();
                }
            }
            Err(e) => edit.error = Some(e),
        }
    }

    fn update_edit(&mut self, action: Action) {
        let Some(edit) = self.edit.as_mut() else {
            return;
        };
        let len = edit.buffer.chars().count();
        match action {
            Action::Type(c) => {
                let at = byte_index(&edit.buffer, edit.cursor);
                edit.buffer.insert(at, c);
                edit.cursor += 1;
                self.retry_edit();
            }
            Action::Backspace if edit.cursor > 0 => {
                let at = byte_index(&edit.buffer, edit.cursor - 1);
                edit.buffer.remove(at);
                edit.cursor -= 1;
                self.retry_edit();
            }
            Action::Delete if edit.cursor < len => {
                let at = byte_index(&edit.buffer, edit.cursor);
                edit.buffer.remove(at);
                self.retry_edit();
            }
            Action::Left | Action::YearLeft => edit.cursor = edit.cursor.saturating_sub(1),
            Action::Right | Action::YearRight => edit.cursor = (edit.cursor + 1).min(len),
            Action::Home | Action::YearHome => edit.cursor = 0,
            Action::End | Action::YearEnd => edit.cursor = len,
            Action::Activate | Action::Down | Action::Up => {
                if edit.error.is_some() {
                    self.say("fix the value or press Esc to cancel");
                    return;
                }
                let original = edit.original.clone();
                self.edit = None;
                if original != self.plan {
                    self.undo.push(original);
                    if self.undo.len() > UNDO_LIMIT {
                        self.undo.remove(0);
                    }
                    self.redo.clear();
                    self.dirty = true;
                    self.recovery_stale = true;
                    self.clamp_rows();
                }
                match action {
                    Action::Down => self.move_row(true, 1),
                    Action::Up => self.move_row(false, 1),
                    _ => {}
                }
            }
            Action::Close => {
                let original = edit.original.clone();
                self.edit = None;
                if original != self.plan {
                    self.plan = original;
                    self.recompute();
                }
            }
            Action::ForceQuit => self.quit = true,
            _ => {}
        }
    }

    fn undo_change(&mut self) {
        match self.undo.pop() {
            Some(previous) => {
                self.redo.push(std::mem::replace(&mut self.plan, previous));
                self.changed();
                self.say("undone");
            }
            None => self.say("nothing to undo"),
        }
    }

    fn redo_change(&mut self) {
        match self.redo.pop() {
            Some(next) => {
                self.undo.push(std::mem::replace(&mut self.plan, next));
                self.changed();
                self.say("redone");
            }
            None => self.say("nothing to redo"),
        }
    }

    fn toggle_baseline(&mut self) {
        if self.baseline.is_some() {
            self.baseline = None;
            self.say("baseline cleared");
            return;
        }
        if let Some(c) = &self.comparison {
            self.baseline = Some(Baseline {
                plan: self.plan.clone(),
                comparison: c.clone(),
            });
            self.say("baseline pinned: changes now show against it (b to clear)");
        }
    }

    /// Asks before losing unsaved changes.
    fn request(&mut self, pending: Pending) {
        if self.dirty {
            self.overlay = Some(Overlay::Confirm { pending });
        } else {
            self.carry_out(pending);
        }
    }

    fn carry_out(&mut self, pending: Pending) {
        match pending {
            Pending::Quit => {
                self.places.clear_recovery();
                self.quit = true;
            }
            Pending::Open(path) => match load_plan(&path) {
                Ok(plan) => {
                    self.replace_plan(plan, Some(path.clone()));
                    self.places.clear_recovery();
                    self.say(format!("opened {}", path.display()));
                }
                Err(e) => self.show_load_error(&e),
            },
            Pending::OpenText { name, text } => match crate::plan::parse_plan(&text, &name) {
                Ok(plan) => {
                    self.replace_plan(plan, None);
                    self.dirty = true;
                    self.say(format!(
                        "opened the example {name}; save it to keep changes"
                    ));
                }
                Err(e) => self.show_load_error(&e),
            },
            Pending::New(i) => {
                let templates = files::templates();
                if let Some((name, plan)) = templates.get(i) {
                    self.replace_plan(plan.clone(), None);
                    self.dirty = true;
                    self.say(format!("new plan from {name}"));
                }
            }
        }
    }

    fn save(&mut self) {
        match self.file.clone() {
            Some(path) => self.save_to(path),
            None => self.open_save_as(),
        }
    }

    fn save_to(&mut self, path: PathBuf) {
        match save_plan(&path, &self.plan) {
            Ok(()) => {
                self.file = Some(path.clone());
                self.dirty = false;
                self.recovery_stale = false;
                self.places.clear_recovery();
                self.say(format!("saved {}", path.display()));
            }
            Err(e) => {
                self.overlay = Some(Overlay::Error {
                    title: "Not saved".into(),
                    message: e.to_string(),
                })
            }
        }
    }

    fn open_save_as(&mut self) {
        let suggestion = match &self.file {
            Some(p) => p.display().to_string(),
            None => self
                .places
                .plan_path_for(&self.plan.name)
                .display()
                .to_string(),
        };
        self.overlay = Some(Overlay::SaveAs { input: suggestion });
    }

    fn open_dialog(&mut self) {
        let entries = self.places.list();
        self.overlay = Some(Overlay::Open {
            entries,
            selected: 0,
        });
    }

    fn update_overlay(&mut self, overlay: Overlay, action: Action) {
        if action == Action::ForceQuit {
            self.quit = true;
            return;
        }
        match overlay {
            Overlay::Help { scroll } => match action {
                Action::Close | Action::Activate | Action::Quit | Action::Help => {
                    self.overlay = None
                }
                Action::Down | Action::ScrollDown | Action::PageDown => {
                    let by = if action == Action::PageDown { 10 } else { 1 };
                    self.overlay = Some(Overlay::Help {
                        scroll: (scroll + by).min(200),
                    });
                }
                Action::Up | Action::ScrollUp | Action::PageUp => {
                    let by = if action == Action::PageUp { 10 } else { 1 };
                    self.overlay = Some(Overlay::Help {
                        scroll: scroll.saturating_sub(by),
                    });
                }
                _ => {}
            },
            Overlay::Inspector if action == Action::ToggleCurve => self.curve = !self.curve,
            Overlay::Inspector | Overlay::Error { .. } => match action {
                Action::Close
                | Action::Activate
                | Action::Quit
                | Action::Help
                | Action::Inspect => self.overlay = None,
                Action::Left | Action::YearLeft => self.move_year(-1),
                Action::Right | Action::YearRight => self.move_year(1),
                Action::NextStrategy | Action::Down => self.select_strategy(self.strategy + 1),
                Action::PrevStrategy | Action::Up => {
                    self.select_strategy(self.strategy.saturating_sub(1))
                }
                _ => {}
            },
            Overlay::Open {
                entries,
                mut selected,
            } => match action {
                Action::Close | Action::Quit => self.overlay = None,
                Action::Up | Action::ScrollUp => {
                    selected = selected.saturating_sub(1);
                    self.overlay = Some(Overlay::Open { entries, selected });
                }
                Action::Down | Action::ScrollDown => {
                    selected = (selected + 1).min(entries.len().saturating_sub(1));
                    self.overlay = Some(Overlay::Open { entries, selected });
                }
                Action::Activate => {
                    self.overlay = None;
                    if let Some(entry) = entries.get(selected) {
                        let pending = match &entry.source {
                            files::Source::File(path) => Pending::Open(path.clone()),
                            files::Source::Embedded(text) => Pending::OpenText {
                                name: entry.name.clone(),
                                text: text.to_string(),
                            },
                        };
                        self.request(pending);
                    }
                }
                _ => {}
            },
            Overlay::New { mut selected } => match action {
                Action::Close | Action::Quit => self.overlay = None,
                Action::Up | Action::ScrollUp => {
                    selected = selected.saturating_sub(1);
                    self.overlay = Some(Overlay::New { selected });
                }
                Action::Down | Action::ScrollDown => {
                    selected = (selected + 1).min(files::templates().len().saturating_sub(1));
                    self.overlay = Some(Overlay::New { selected });
                }
                Action::Activate => {
                    self.overlay = None;
                    self.request(Pending::New(selected));
                }
                _ => {}
            },
            Overlay::SaveAs { mut input } => match action {
                Action::Close => self.overlay = None,
                Action::Type(c) => {
                    input.push(c);
                    self.overlay = Some(Overlay::SaveAs { input });
                }
                Action::Backspace => {
                    input.pop();
                    self.overlay = Some(Overlay::SaveAs { input });
                }
                Action::Activate => {
                    self.overlay = None;
                    let trimmed = input.trim();
                    if trimmed.is_empty() {
                        self.say("not saved: no file name");
                    } else {
                        let mut path = PathBuf::from(files::expand_home(trimmed));
                        if path.extension().is_none() {
                            path.set_extension("ron");
                        }
                        self.save_to(path);
                    }
                }
                _ => {}
            },
            Overlay::Confirm { pending } => match action {
                Action::Yes | Action::Type('y') | Action::Type('s') => {
                    self.overlay = None;
                    self.save();
                    if !self.dirty {
                        self.carry_out(pending);
                    }
                }
                Action::No | Action::Type('n') | Action::Type('d') => {
                    self.overlay = None;
                    self.dirty = false;
                    self.carry_out(pending);
                }
                Action::Close | Action::Type('c') => self.overlay = None,
                _ => {}
            },
            Overlay::Recovery { .. } => match action {
                Action::Yes | Action::Type('y') | Action::Activate => {
                    self.overlay = None;
                    match self.places.read_recovery() {
                        Ok((plan, file)) => {
                            self.replace_plan(plan, file);
                            self.dirty = true;
                            self.recovery_stale = true;
                            self.say("recovered the unsaved plan");
                        }
                        Err(e) => {
                            self.overlay = Some(Overlay::Error {
                                title: "Cannot recover".into(),
                                message: e,
                            })
                        }
                    }
                }
                Action::No | Action::Type('n') | Action::Close => {
                    self.overlay = None;
                    self.places.clear_recovery();
                    self.say("recovery file discarded");
                }
                _ => {}
            },
        }
    }

    /// Writes unsaved edits to the recovery file, at most every two seconds.
    pub fn autosave(&mut self) {
        if !self.recovery_stale || !self.dirty {
            return;
        }
        if self
            .recovery_written
            .is_some_and(|t| t.elapsed() < Duration::from_secs(2))
        {
            return;
        }
        if self
            .places
            .write_recovery(&self.plan, self.file.as_deref())
            .is_ok()
        {
            self.recovery_written = Some(Instant::now());
            self.recovery_stale = false;
        }
    }

    /// The plan as it would be saved (for the status bar's size hint and tests).
    pub fn plan_text(&self) -> String {
        plan_to_text(&self.plan)
    }
}

fn byte_index(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i)
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

/// Lets the view and the mouse code work with items without knowing the form model.
impl App {
    pub fn set_row(&mut self, pane: Pane, row: usize) {
        let i = Pane::ALL.iter().position(|p| *p == pane).unwrap_or(0);
        let rows = fields::rows(pane, &self.plan);
        if rows.get(row).is_some_and(Row::selectable) {
            self.row[i] = row;
        }
        self.pane = pane;
        self.focus = Focus::Form;
    }

    pub fn item_of_selection(&self) -> Option<Item> {
        self.selected_target().and_then(fields::item)
    }
}
