//! The optimizer in the background, for the planner: start it, read its progress without
//! blocking, cancel or drop it when the plan changes and start another.

use super::{Objective, OptimizeError, Optimized, optimize};
use crate::plan::Plan;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, TryIter};
use std::thread::JoinHandle;

/// What a background optimization reports.
#[derive(Debug, Clone, PartialEq)]
pub enum OptimizerUpdate {
    /// Share of the search done, 0 to 1, at most once per percent.
    Progress(f32),
    /// The last message: the answer, or why there is none ([`OptimizeError::Cancelled`] after
    /// [`OptimizerHandle::cancel`]).
    Done(Result<Box<Optimized>, OptimizeError>),
}

/// A running optimization. Dropping it cancels the search (it stops within a few projections).
pub struct OptimizerHandle {
    updates: Receiver<OptimizerUpdate>,
    cancel: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

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
    let (tx, updates) = mpsc::channel();
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&cancel);
    let thread = std::thread::Builder::new()
        .name("optimizer".into())
        .spawn(move || {
            let mut last = -1.0f32;
            let result = optimize(&plan, &objective, &flag, &mut |p| {
                if p - last < 0.01 && p < 1.0 {
                    return;
                }
                last = p;
                // A closed receiver means nobody is listening: stop.
                if tx.send(OptimizerUpdate::Progress(p)).is_err() {
                    flag.store(true, Ordering::Relaxed);
                }
                notify();
            });
            let _ = tx.send(OptimizerUpdate::Done(result.map(Box::new)));
            notify();
        });
    match thread {
        Ok(t) => OptimizerHandle {
            updates,
            cancel,
            thread: Some(t),
        },
        Err(e) => {
            // No thread could be started: report it as the run's only update.
            let (tx, rx) = mpsc::channel();
            let _ = tx.send(OptimizerUpdate::Done(Err(OptimizeError::InvalidPlan(
                format!("no optimizer thread: {e}"),
            ))));
            OptimizerHandle {
                updates: rx,
                cancel,
                thread: None,
            }
        }
    }
}

impl OptimizerHandle {
    /// Updates queued since the last call, oldest first; never blocks.
    pub fn try_iter(&self) -> TryIter<'_, OptimizerUpdate> {
        self.updates.try_iter()
    }

    /// The channel itself, for callers that want to block on it.
    pub fn receiver(&self) -> &Receiver<OptimizerUpdate> {
        &self.updates
    }

    /// Asks the search to stop; it reports `Cancelled` within a few projections.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether the worker has ended.
    pub fn is_finished(&self) -> bool {
        self.thread.as_ref().is_none_or(|t| t.is_finished())
    }
}

impl Drop for OptimizerHandle {
    fn drop(&mut self) {
        // Not joined: the planner must not wait for a cancelled search.
        self.cancel();
    }
}
