//! The runner: performs what `update` asks (file I/O, background jobs) and hands the results
//! back as actions; applies a batch of actions and then recomputes the comparison and rebuilds
//! the view model once; starts the simulation and the optimizer a moment after the plan stops
//! changing, and keeps the unsaved plan in a recovery file.

use super::action::Action;
use super::app::{App, Effect, Overlay};
use super::files::{Places, Source};
use super::recovery;
use crate::job::Latest;
use crate::optimize::{OptimizeError, Optimized, OptimizerProgress};
use crate::plan::{PathMode, Plan, load_plan, parse_plan, save_plan};
use crate::sim::{SimError, SimProgress, SimResult};
use crate::strategy::Objective;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The delay between the last change and the start of background work, so typing does not
/// restart it on every key.
const SETTLE: Duration = Duration::from_millis(40);

/// How often unsaved changes are written to the recovery file, at most.
const KEEP_EVERY: Duration = Duration::from_secs(2);

/// How long a status message shows.
const STATUS_FOR: Duration = Duration::from_secs(5);

type OptimizerJob = Latest<OptimizerProgress, Result<Box<Optimized>, OptimizeError>>;

#[derive(Default)]
pub struct Runner {
    sim: Latest<SimProgress, Result<SimResult, SimError>>,
    /// The optimized strategies' policies on the same paths, started once every search of the
    /// plan has finished (and whether it has been, for the plan as it is).
    policy_sim: Latest<SimProgress, Result<SimResult, SimError>>,
    policy_started: bool,
    optimizers: Vec<(Objective, OptimizerJob)>,
    /// The claiming-age comparison, run while its window is open, and the plan revision it
    /// was started for.
    claiming: Latest<
        crate::claiming::ClaimingGrid,
        Result<crate::claiming::ClaimingGrid, crate::claiming::ClaimingError>,
    >,
    claiming_rev: Option<(u64, crate::claiming::ClaimOptions)>,
    /// When to start the background work for the plan as it is.
    due: Option<Instant>,
    plan_rev: Option<u64>,
    results_rev: u64,
    /// Where this copy last kept the unsaved plan, and whether the plan changed since.
    kept: Option<PathBuf>,
    kept_at: Option<Instant>,
    keep_stale: bool,
}

impl Runner {
    /// The planner at start: the plan file given (or the demo; a file that cannot be read is
    /// reported over the demo), and any unsaved changes kept for that plan offered.
    pub fn start(path: Option<PathBuf>, places: Places) -> (App, Runner) {
        let (mut app, mut runner) = Runner::with_plan(crate::plan::demo_plan(), None, places);
        if let Some(path) = path {
            match load_plan(&path) {
                Ok(plan) => app.replace_plan(plan, Some(path)),
                Err(e) => app.show_load_error(e.to_string()),
            }
        }
        if app.overlay.is_none()
            && let Some(offer) = app.places.recovery_offer(app.file.as_deref())
        {
            app.overlay = Some(Overlay::Recovery { offer });
        }
        runner.settle(&mut app);
        (app, runner)
    }

    /// The planner on `plan`, its results computed.
    pub fn with_plan(plan: Plan, file: Option<PathBuf>, places: Places) -> (App, Runner) {
        let mut app = App::new(plan, file, places);
        let mut runner = Runner::default();
        runner.settle(&mut app);
        (app, runner)
    }

    /// Applies a batch of actions in order, performs their effects, then recomputes and
    /// rebuilds the view once for the whole batch.
    pub fn dispatch(&mut self, app: &mut App, actions: impl IntoIterator<Item = Action>) {
        for action in actions {
            self.apply(app, action);
        }
        self.settle(app);
    }

    /// Applies a batch of terminal events: each is read as the screen is after the one before
    /// it (a key that opens an edit makes the next ones typing), then the comparison and the
    /// view are recomputed once for the whole batch.
    pub fn handle_events(&mut self, app: &mut App, events: &[crossterm::event::Event]) {
        for e in events {
            if let Some(action) = super::input::action_for(app, e) {
                self.apply(app, action);
            }
        }
        self.settle(app);
    }

    /// One action and everything its effects lead to.
    fn apply(&mut self, app: &mut App, action: Action) {
        let mut queue = app.update(action);
        while !queue.is_empty() {
            let effect = queue.remove(0);
            if let Some(answer) = self.perform(app, effect) {
                queue.extend(app.update(answer));
            }
        }
    }

    fn perform(&mut self, app: &mut App, effect: Effect) -> Option<Action> {
        match effect {
            Effect::Save { path, then } => Some(Action::Saved {
                result: save_plan(&path, &app.file_plan())
                    .map(|()| path)
                    .map_err(|e| e.to_string()),
                then,
            }),
            Effect::Load { name, source } => Some(Action::Loaded(match source {
                Source::File(path) => load_plan(&path)
                    .map(|plan| (plan, Some(path)))
                    .map_err(|e| e.to_string()),
                Source::Embedded(text) => parse_plan(text, &name)
                    .map(|plan| (plan, None))
                    .map_err(|e| e.to_string()),
            })),
            Effect::ListPlans => Some(Action::Listed(app.places.list())),
            Effect::ReadRecovery(path) => {
                let result = recovery::read_recovery(&path);
                if result.is_ok() {
                    // Ours now: this copy keeps it under its own name from here on.
                    recovery::discard(&path);
                    self.keep_stale = true;
                }
                Some(Action::Recovered(result))
            }
            Effect::DiscardRecovery(path) => {
                recovery::discard(&path);
                None
            }
            Effect::CompareScenarios(plan) => Some(Action::ScenariosCompared(
                crate::report::scenarios::quick_columns(&plan).map_err(|e| e.to_string()),
            )),
            Effect::WriteHandout(path) => Some(Action::HandoutWritten(write_handout(app, &path))),
            Effect::ClearRecovery => {
                if let Some(path) = self.kept.take() {
                    recovery::discard(&path);
                }
                self.keep_stale = false;
                None
            }
        }
    }

    /// After a batch: recompute once when the plan or the optimized columns changed, restart
    /// the background work when the plan changed, and rebuild the view model if needed.
    fn settle(&mut self, app: &mut App) {
        let plan_changed = self.plan_rev != Some(app.plan_rev);
        if plan_changed || self.results_rev != app.results_rev {
            if plan_changed {
                // The optimized columns were found for the plan before.
                app.background.restart();
            }
            app.recompute();
            self.results_rev = app.results_rev;
        }
        if plan_changed {
            if self.plan_rev.is_some() {
                self.keep_stale = app.dirty;
            }
            self.plan_rev = Some(app.plan_rev);
            // Cancelled, not waited for: their workers are joined once they end.
            self.sim.stop();
            self.policy_sim.stop();
            self.policy_started = false;
            for (_, job) in &mut self.optimizers {
                job.stop();
            }
            self.claiming.stop();
            self.claiming_rev = None;
            self.due = Some(Instant::now() + SETTLE);
        }
        app.refresh_view();
    }

    /// Work is running or about to: the event loop should wake often.
    pub fn busy(&self) -> bool {
        self.due.is_some()
            || self.sim.running()
            || self.policy_sim.running()
            || self.claiming.running()
            || self.optimizers.iter().any(|(_, j)| j.running())
    }

    /// Starts background work that is due, takes in what it produced, keeps the unsaved plan,
    /// and lets old status messages go. Returns whether anything on screen changed.
    pub fn tick(&mut self, app: &mut App) -> bool {
        let mut changed = false;
        if self.due.is_some_and(|t| t <= Instant::now()) {
            self.due = None;
            self.start_jobs(app);
            changed = true;
        }
        // The claiming comparison runs only while its window shows, once per plan revision and
        // grid step; again with the spending capacity when that measure is picked (a grid with
        // it serves every measure). Starting a run cancels the one before: the newest wins.
        let wanted = matches!(app.overlay, Some(Overlay::Claiming));
        let options = app.claiming.options();
        let have = self.claiming_rev.is_some_and(|(rev, o)| {
            rev == app.plan_rev && o.step == options.step && (o.capacity || !options.capacity)
        });
        // Closed before it finished (the month grid takes a while): stopped, started again
        // when the window opens.
        if !wanted && self.claiming.running() {
            self.claiming.stop();
            self.claiming_rev = None;
            app.claiming.running = false;
        }
        if wanted && self.due.is_none() && !have {
            self.claiming_rev = Some((app.plan_rev, options));
            app.claiming.restart();
            self.claiming
                .start(crate::claiming::spawn(app.plan.clone(), options));
            changed = true;
        }
        let mut updates: Vec<Action> = self
            .sim
            .drain()
            .into_iter()
            .map(Action::Simulation)
            .collect();
        updates.extend(
            self.policy_sim
                .drain()
                .into_iter()
                .map(Action::PolicySimulation),
        );
        updates.extend(self.claiming.drain().into_iter().map(Action::Claiming));
        for (objective, job) in &mut self.optimizers {
            updates.extend(
                job.drain()
                    .into_iter()
                    .map(|u| Action::Optimizer(objective.clone(), u)),
            );
        }
        if !updates.is_empty() {
            changed = true;
            self.dispatch(app, updates);
        } else if changed {
            self.settle(app);
        }
        if self.start_policies(app) {
            changed = true;
        }
        self.keep(app);
        if app
            .status
            .as_ref()
            .is_some_and(|(_, at)| at.elapsed() >= STATUS_FOR)
        {
            app.status = None;
            changed = true;
        }
        changed
    }

    /// Once every search of the plan has finished, runs the optimized strategies' policies on
    /// the simulation's paths (the named strategies' run started with the searches). Returns
    /// whether it started.
    fn start_policies(&mut self, app: &mut App) -> bool {
        let settings = &app.plan.assumptions.simulation;
        if self.policy_started
            || self.due.is_some()
            || settings.mode == PathMode::Constant
            || app.engine_error.is_some()
            || !app.background.optimizing.is_empty()
            || app.background.optimized.iter().any(|o| o.provisional)
        {
            return false;
        }
        let found: Vec<&crate::optimize::Optimized> =
            app.background.optimized.iter().map(|o| &**o).collect();
        let policies = crate::compare::optimized_policies(&app.plan, &found);
        self.policy_started = true;
        if policies.is_empty() {
            return false;
        }
        app.background.order = crate::strategy::unique_names(&app.plan.strategies);
        self.policy_sim.start(crate::sim::spawn_strategies(
            app.plan.clone(),
            settings.clone(),
            policies,
            || {},
        ));
        true
    }

    fn start_jobs(&mut self, app: &mut App) {
        let settings = app.plan.assumptions.simulation.clone();
        if settings.mode == PathMode::Constant || app.engine_error.is_some() {
            app.background.risk = None;
            app.background.stale = false;
        } else {
            self.sim
                .start(crate::sim::spawn(app.plan.clone(), settings));
            app.background.progress = Some((0, 0));
        }
        let mut objectives: Vec<Objective> = Vec::new();
        for spec in &app.plan.strategies {
            if let Some(o) = spec.objective()
                && !objectives.contains(o)
            {
                objectives.push(o.clone());
            }
        }
        if app.engine_error.is_some() {
            objectives.clear();
        }
        for objective in objectives {
            let at = match self.optimizers.iter().position(|(o, _)| *o == objective) {
                Some(i) => i,
                None => {
                    self.optimizers
                        .push((objective.clone(), OptimizerJob::default()));
                    self.optimizers.len() - 1
                }
            };
            self.optimizers[at]
                .1
                .start(crate::optimize::spawn(app.plan.clone(), objective.clone()));
            app.background.optimizing.push((objective, 0.0));
        }
        app.background.rev += 1;
    }

    /// Writes the unsaved plan to this copy's recovery file, at most every few seconds.
    fn keep(&mut self, app: &App) {
        if !self.keep_stale || !app.dirty {
            return;
        }
        if self.kept_at.is_some_and(|t| t.elapsed() < KEEP_EVERY) {
            return;
        }
        if let Ok(path) = app
            .places
            .write_recovery(&app.file_plan(), app.file.as_deref())
        {
            if let Some(old) = self.kept.replace(path.clone())
                && old != path
            {
                recovery::discard(&old);
            }
            self.kept_at = Some(Instant::now());
            self.keep_stale = false;
        }
    }

    /// Writes the unsaved plan now (tests, and before a risky step).
    pub fn keep_now(&mut self, app: &App) {
        self.kept_at = None;
        self.keep(app);
    }
}

/// The client handout of the household on screen, from the results the planner has (an
/// optimized column still searching is left out), in privacy mode when it is on.
fn write_handout(app: &App, path: &std::path::Path) -> Result<std::path::PathBuf, String> {
    let c = app
        .comparison
        .as_ref()
        .ok_or_else(|| "the plan has no results yet".to_string())?;
    let options = crate::report::handout::HandoutOptions {
        private: app.privacy,
        scenario: app.household_name(),
    };
    let html =
        crate::report::handout::handout_html(&app.plan, c, app.background.risk.as_ref(), &options)
            .map_err(|e| e.to_string())?;
    crate::plan::write_atomically(path, html.as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path.to_path_buf())
}
