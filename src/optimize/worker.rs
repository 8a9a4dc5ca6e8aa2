//! The optimizer in the background, for the planner: start it, read its progress without
//! blocking, cancel or drop it when the plan changes and start another.

use super::{Budget, Objective, OptimizeError, Optimized, optimize_progressive};
use crate::job::{Job, Update};
use crate::plan::Plan;
use std::sync::Mutex;

/// What a running optimization reports before its answer.
#[derive(Debug, Clone, PartialEq)]
pub enum OptimizerProgress {
    /// The share of the search done, 0 to 1, at most once per percent.
    Share(f32),
    /// A better answer than the last one reported, found on the way (marked provisional): the
    /// column can show it while the search goes on.
    Found(Box<Optimized>),
}

/// What a background optimization reports: progress and better answers as they are found,
/// then the answer or why there is none ([`OptimizeError::Cancelled`] after a cancel).
pub type OptimizerUpdate = Update<OptimizerProgress, Result<Box<Optimized>, OptimizeError>>;

/// A running optimization: the project's one background job type. Dropping it cancels the
/// search (it stops within a few projections).
pub type OptimizerHandle = Job<OptimizerProgress, Result<Box<Optimized>, OptimizeError>>;

/// Starts optimizing `plan` for `objective` on a worker thread.
pub fn spawn(plan: Plan, objective: Objective) -> OptimizerHandle {
    spawn_with(plan, objective, || {})
}

/// [`spawn`], calling `notify` after each update is queued (to wake an event loop).
pub fn spawn_with(
    plan: Plan,
    objective: Objective,
    notify: impl Fn() + Send + Sync + 'static,
) -> OptimizerHandle {
    crate::job::spawn(
        "optimizer",
        move |cancel, report| {
            let report = Mutex::new(report);
            let mut last = -1.0f32;
            optimize_progressive(
                &plan,
                &objective,
                &Budget::default(),
                cancel,
                &mut |p| {
                    if p - last >= 0.01 || p >= 1.0 {
                        last = p;
                        if let Ok(mut report) = report.lock() {
                            report(OptimizerProgress::Share(p));
                        }
                    }
                },
                Some(&mut |o| {
                    if let Ok(mut report) = report.lock() {
                        report(OptimizerProgress::Found(Box::new(o)));
                    }
                }),
            )
            .map(Box::new)
        },
        notify,
        |e| Err(OptimizeError::Failed(e)),
    )
}
