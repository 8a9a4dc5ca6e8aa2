//! Work in the background, one kind for all: the market simulation, the optimizer and any later
//! search run as a [`Job`] on a worker thread, report progress and a result without blocking the
//! caller, and stop when their cancel flag is raised. [`Latest`] keeps the newest job of a kind:
//! starting one cancels the one before, and cancelled workers are joined once they end (never
//! more than [`MAX_RETIRED`] wait at once), so no thread outlives the program's interest in it.
//!
//! Plain threads and channels: no async runtime.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, TryIter};
use std::thread::JoinHandle;

/// What a job reports: progress while it runs, then its result, always last.
#[derive(Debug, Clone, PartialEq)]
pub enum Update<P, T> {
    Progress(P),
    Done(T),
}

/// A job running on its own thread. Dropping it cancels the work without waiting for it.
pub struct Job<P, T> {
    updates: Receiver<Update<P, T>>,
    cancel: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

/// Starts `work` on a thread named `name`. The work gets the cancel flag to check and a
/// function to report progress with; a report nobody reads any more raises the flag. `notify`
/// runs after each update is queued (to wake an event loop). When no thread can be started, or
/// the work panics (a defect, not an answer), the job's last update is `failed` with the
/// reason: the caller hears why rather than waiting for ever on a thread that is gone.
pub fn spawn<P, T>(
    name: &str,
    work: impl FnOnce(&AtomicBool, &mut (dyn FnMut(P) + Send)) -> T + Send + 'static,
    notify: impl Fn() + Send + Sync + 'static,
    failed: impl Fn(String) -> T + Send + Sync + 'static,
) -> Job<P, T>
where
    P: Send + 'static,
    T: Send + 'static,
{
    let (tx, updates) = mpsc::channel();
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&cancel);
    let failed = Arc::new(failed);
    let fail = Arc::clone(&failed);
    let job = name.to_string();
    let spawned = std::thread::Builder::new()
        .name(name.to_string())
        .spawn(move || {
            let mut report = |p: P| {
                // A closed receiver means nobody is listening: stop.
                if tx.send(Update::Progress(p)).is_err() {
                    flag.store(true, Ordering::Relaxed);
                }
                notify();
            };
            let result = catch_unwind(AssertUnwindSafe(|| work(&flag, &mut report)))
                .unwrap_or_else(|panic| {
                    (*fail)(format!(
                        "the {job} stopped on an internal error ({}); please report it with \
                         the plan",
                        panic_message(panic.as_ref())
                    ))
                });
            let _ = tx.send(Update::Done(result));
            notify();
        });
    match spawned {
        Ok(thread) => Job {
            updates,
            cancel,
            thread: Some(thread),
        },
        Err(e) => {
            let (tx, updates) = mpsc::channel();
            let _ = tx.send(Update::Done((*failed)(format!("no {name} thread: {e}"))));
            Job {
                updates,
                cancel,
                thread: None,
            }
        }
    }
}

/// What a panic said, when it said it with a string (as `panic!` and `assert!` do).
fn panic_message(payload: &(dyn Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("no message")
}

impl<P, T> Job<P, T> {
    /// Updates queued since the last call, oldest first; never blocks.
    pub fn try_iter(&self) -> TryIter<'_, Update<P, T>> {
        self.updates.try_iter()
    }

    /// The channel itself, for callers that want to block on it.
    pub fn receiver(&self) -> &Receiver<Update<P, T>> {
        &self.updates
    }

    /// Asks the work to stop; it reports its cancelled result soon after.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether the worker thread has ended.
    pub fn is_finished(&self) -> bool {
        self.thread.as_ref().is_none_or(|t| t.is_finished())
    }

    /// Cancels the work and hands over its thread, for joining later.
    fn retire(mut self) -> Option<JoinHandle<()>> {
        self.cancel();
        self.thread.take()
    }
}

impl<P, T> Drop for Job<P, T> {
    fn drop(&mut self) {
        // Not joined here: a caller must not wait for work it no longer wants ([`Latest`] joins).
        self.cancel();
    }
}

/// Most cancelled workers [`Latest`] lets run on before it waits for the oldest.
pub const MAX_RETIRED: usize = 2;

/// The newest job of a kind: a new one replaces (and cancels) the one before.
pub struct Latest<P, T> {
    current: Option<Job<P, T>>,
    /// Cancelled workers that may still be finishing.
    retired: Vec<JoinHandle<()>>,
}

impl<P, T> Default for Latest<P, T> {
    fn default() -> Self {
        Latest {
            current: None,
            retired: Vec::new(),
        }
    }
}

impl<P, T> Latest<P, T> {
    /// Makes `job` the current one, cancelling the one before.
    pub fn start(&mut self, job: Job<P, T>) {
        self.stop();
        self.current = Some(job);
    }

    /// Cancels the current job, if any; its worker is joined once it ends.
    pub fn stop(&mut self) {
        if let Some(thread) = self.current.take().and_then(Job::retire) {
            self.retired.push(thread);
        }
        self.reap();
    }

    /// Joins cancelled workers that have ended, and waits for the oldest while more than
    /// [`MAX_RETIRED`] are still running (a cancelled worker stops within a few steps).
    pub fn reap(&mut self) {
        let (done, running): (Vec<_>, Vec<_>) =
            self.retired.drain(..).partition(JoinHandle::is_finished);
        self.retired = running;
        for t in done {
            let _ = t.join();
        }
        while self.retired.len() > MAX_RETIRED {
            let _ = self.retired.remove(0).join();
        }
    }

    pub fn current(&self) -> Option<&Job<P, T>> {
        self.current.as_ref()
    }

    /// Updates of the current job since the last call; none when there is no job.
    pub fn drain(&mut self) -> Vec<Update<P, T>> {
        self.reap();
        self.current
            .as_ref()
            .map(|j| j.try_iter().collect())
            .unwrap_or_default()
    }

    /// The current job is still working.
    pub fn running(&self) -> bool {
        self.current.as_ref().is_some_and(|j| !j.is_finished())
    }

    /// Cancelled workers not yet joined.
    pub fn retired(&self) -> usize {
        self.retired.len()
    }
}

impl<P, T> Drop for Latest<P, T> {
    fn drop(&mut self) {
        self.stop();
        for t in self.retired.drain(..) {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// Counts until cancelled, reporting each step.
    fn counter() -> Job<u32, u32> {
        spawn(
            "counter",
            |cancel, report| {
                let mut n = 0;
                while !cancel.load(Ordering::Relaxed) && n < 10_000 {
                    n += 1;
                    report(n);
                    std::thread::sleep(Duration::from_millis(1));
                }
                n
            },
            || {},
            |_| 0,
        )
    }

    #[test]
    fn a_job_that_panics_reports_why_as_its_result() {
        let job: Job<i32, Result<i32, String>> = spawn(
            "sum",
            |_, report| {
                report(1);
                let items: Vec<i32> = Vec::new();
                Ok(items[items.len()])
            },
            || {},
            Err,
        );
        let all: Vec<_> = job.receiver().iter().collect();
        assert_eq!(all.len(), 2, "{all:?}");
        assert_eq!(all[0], Update::Progress(1));
        let Update::Done(Err(why)) = &all[1] else {
            panic!("{all:?}")
        };
        assert!(why.starts_with("the sum stopped on an internal error (index out of bounds"));
        assert!(job.is_finished() || job.receiver().recv().is_err());
    }

    #[test]
    fn a_job_reports_progress_then_its_result() {
        let job = spawn(
            "sum",
            |_, report| {
                for i in 1..=3 {
                    report(i);
                }
                6
            },
            || {},
            |_| 0,
        );
        let all: Vec<Update<i32, i32>> = job.receiver().iter().collect();
        assert_eq!(
            all,
            [
                Update::Progress(1),
                Update::Progress(2),
                Update::Progress(3),
                Update::Done(6)
            ]
        );
    }

    #[test]
    fn the_newest_job_wins_and_cancelled_workers_are_joined() {
        let mut latest = Latest::default();
        for _ in 0..6 {
            latest.start(counter());
            // Never more than a few cancelled workers left running.
            assert!(latest.retired() <= MAX_RETIRED);
        }
        let current = latest.current().unwrap();
        current.cancel();
        let last = current
            .receiver()
            .iter()
            .find_map(|u| match u {
                Update::Done(n) => Some(n),
                Update::Progress(_) => None,
            })
            .unwrap();
        assert!(last < 10_000, "the cancelled counter stopped early");
        drop(latest); // joins every worker: the test would hang if one ignored its flag
    }
}
