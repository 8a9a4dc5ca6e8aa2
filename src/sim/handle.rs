//! A simulation in the background, for the planner: start it, read its updates without
//! blocking, drop or cancel it when the plan changes and start another.

use super::error::SimError;
use super::run::{SimProgress, SimResult, default_threads, simulate_on, simulate_strategies};
use crate::engine::Strategy;
use crate::job::{Job, Update};
use crate::plan::{Plan, Simulation};

/// What a background simulation reports: figures over the paths done so far, about every
/// 100 ms, then every path or why there are none ([`SimError::Cancelled`] after a cancel).
pub type SimUpdate = Update<SimProgress, Result<SimResult, SimError>>;

/// A running simulation: the project's one background job type. Dropping it cancels the run
/// (its threads end within one path).
pub type SimHandle = Job<SimProgress, Result<SimResult, SimError>>;

/// Starts simulating `plan` under `settings` on every core.
pub fn spawn(plan: Plan, settings: Simulation) -> SimHandle {
    spawn_with(plan, settings, default_threads(), || {})
}

/// [`spawn`] on `threads` workers; `notify` is called after each update is queued (to wake an
/// event loop).
pub fn spawn_with(
    plan: Plan,
    settings: Simulation,
    threads: usize,
    notify: impl Fn() + Send + Sync + 'static,
) -> SimHandle {
    crate::job::spawn(
        "simulation",
        move |cancel, progress| simulate_on(&plan, &settings, threads, cancel, progress),
        notify,
        |e| Err(SimError::Failed(e)),
    )
}

/// [`spawn`] for the given policies only, not the plan's (the optimized strategies' policies,
/// run after their searches beside a simulation of the named strategies that has already
/// started).
pub fn spawn_strategies(
    plan: Plan,
    settings: Simulation,
    strategies: Vec<Box<dyn Strategy>>,
    notify: impl Fn() + Send + Sync + 'static,
) -> SimHandle {
    let threads = default_threads();
    crate::job::spawn(
        "simulation",
        move |cancel, progress| {
            simulate_strategies(&plan, &settings, &strategies, threads, cancel, progress)
        },
        notify,
        |e| Err(SimError::Failed(e)),
    )
}
