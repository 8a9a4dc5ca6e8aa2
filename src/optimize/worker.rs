//! The optimizer in the background, for the planner: start it, read its progress without
//! blocking, cancel or drop it when the plan changes and start another.

use super::{Objective, OptimizeError, Optimized, optimize};
use crate::job::{Job, Update};
use crate::plan::Plan;

/// What a background optimization reports: the share of the search done, 0 to 1, at most once
/// per percent, then the answer or why there is none ([`OptimizeError::Cancelled`] after a
/// cancel).
pub type OptimizerUpdate = Update<f32, Result<Box<Optimized>, OptimizeError>>;

/// A running optimization: the project's one background job type. Dropping it cancels the
/// search (it stops within a few projections).
pub type OptimizerHandle = Job<f32, Result<Box<Optimized>, OptimizeError>>;

/// Starts optimizing `plan` for `objective` on a worker thread.
pub fn spawn(plan: Plan, objective: Objective) -> OptimizerHandle {
    spawn_with(plan, objective, || {})
}

/// [`spawn`], calling `notify` after each update is queued (to wake an event loop).
pub fn spawn_with(
    plan: Plan,
    objective: Objective,
    notify: impl Fn() + Send + 'static,
) -> OptimizerHandle {
    crate::job::spawn(
        "optimizer",
        move |cancel, report| {
            let mut last = -1.0f32;
            optimize(&plan, &objective, cancel, &mut |p| {
                if p - last >= 0.01 || p >= 1.0 {
                    last = p;
                    report(p);
                }
            })
            .map(Box::new)
        },
        notify,
        |e| Err(OptimizeError::InvalidPlan(e)),
    )
}
