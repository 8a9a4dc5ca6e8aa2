//! A simulation in the background, for the planner: start it, read its updates without
//! blocking, drop or cancel it when the plan changes and start another.

use super::error::SimError;
use super::run::{SimProgress, SimResult, default_threads, simulate_on};
use crate::plan::{Plan, Simulation};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, TryIter};
use std::thread::JoinHandle;

/// What a background simulation reports.
#[derive(Debug, Clone, PartialEq)]
pub enum SimUpdate {
    /// Figures over the paths done so far, about every 100 ms.
    Progress(SimProgress),
    /// The last message: every path, or why there are none ([`SimError::Cancelled`] after
    /// [`SimHandle::cancel`]).
    Done(Result<SimResult, SimError>),
}

/// A running simulation. Dropping it cancels the run (its threads end within one path).
pub struct SimHandle {
    updates: Receiver<SimUpdate>,
    cancel: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

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
    let (tx, updates) = mpsc::channel();
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&cancel);
    let thread = std::thread::Builder::new()
        .name("simulation".into())
        .spawn(move || {
            let result = simulate_on(&plan, &settings, threads, &flag, |p| {
                // A closed receiver means nobody is listening: stop.
                if tx.send(SimUpdate::Progress(p)).is_err() {
                    flag.store(true, Ordering::Relaxed);
                }
                notify();
            });
            let _ = tx.send(SimUpdate::Done(result));
            notify();
        });
    let thread = match thread {
        Ok(t) => Some(t),
        Err(e) => {
            // No thread could be started: report it as the run's only update.
            let (tx, rx) = mpsc::channel();
            let _ = tx.send(SimUpdate::Done(Err(SimError::InvalidPlan(format!(
                "no simulation thread: {e}"
            )))));
            return SimHandle {
                updates: rx,
                cancel,
                thread: None,
            };
        }
    };
    SimHandle {
        updates,
        cancel,
        thread,
    }
}

impl SimHandle {
    /// Updates queued since the last call, oldest first; never blocks.
    pub fn try_iter(&self) -> TryIter<'_, SimUpdate> {
        self.updates.try_iter()
    }

    /// The channel itself, for callers that want to block or select on it.
    pub fn receiver(&self) -> &Receiver<SimUpdate> {
        &self.updates
    }

    /// Asks the run to stop; it ends within one path per worker and reports `Cancelled`.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether the run's thread has ended.
    pub fn is_finished(&self) -> bool {
        self.thread.as_ref().is_none_or(|t| t.is_finished())
    }
}

impl Drop for SimHandle {
    fn drop(&mut self) {
        // Not joined: the planner must not wait for a cancelled run.
        self.cancel();
    }
}
