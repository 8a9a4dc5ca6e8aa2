//! A simulation in the background, for the planner: start it, read its updates without
//! blocking, drop or cancel it when the plan changes and start another.

use super::error::SimError;
use super::run::{SimProgress, SimResult, default_threads, simulate_on, simulate_with};
use crate::job::{Job, Update};
use crate::optimize::Optimized;
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
    notify: impl Fn() + Send + 'static,
) -> SimHandle {
    crate::job::spawn(
        "simulation",
        move |cancel, progress| simulate_on(&plan, &settings, threads, cancel, progress),
        notify,
        |e| Err(SimError::InvalidPlan(e)),
    )
}

/// [`spawn`] with the optimized strategies' finished searches: each runs on every path as its
/// policy (see [`super::simulate_with`]).
pub fn spawn_optimized(
    plan: Plan,
    settings: Simulation,
    optimized: Vec<Optimized>,
    notify: impl Fn() + Send + 'static,
) -> SimHandle {
    let threads = default_threads();
    crate::job::spawn(
        "simulation",
        move |cancel, progress| {
            let refs: Vec<&Optimized> = optimized.iter().collect();
            simulate_with(&plan, &settings, &refs, threads, cancel, progress)
        },
        notify,
        |e| Err(SimError::InvalidPlan(e)),
    )
}
