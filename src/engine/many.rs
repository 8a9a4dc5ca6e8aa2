//! Several strategies projected on one scenario, spread over the cores.

use super::ledger::Projection;
use super::mortality::{Survival, Weights};
use super::outcome::{Outcome, outcome};
use super::project::project;
use super::scenario::Scenario;
use super::strategy::Strategy;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// Each strategy projected exactly on `scenario` (`decisions` is the same scenario on `f64`,
/// where the strategies decide), with its outcome, in the order given.
pub fn project_all(
    scenario: &Scenario<Decimal>,
    decisions: &Scenario<f64>,
    strategies: &[&dyn Strategy],
) -> Vec<(Projection<Decimal>, Outcome)> {
    project_all_weighted(scenario, decisions, strategies, None).0
}

/// [`project_all`], each outcome also weighted by `survival` (its `weighted` figures); with the
/// weights of the scenario's years, for columns projected elsewhere (an optimized search's).
pub fn project_all_weighted(
    scenario: &Scenario<Decimal>,
    decisions: &Scenario<f64>,
    strategies: &[&dyn Strategy],
    survival: Option<&Survival>,
) -> (Vec<(Projection<Decimal>, Outcome)>, Option<Weights>) {
    let n = strategies.len();
    let names: Vec<String> = strategies.iter().map(|s| s.name()).collect();
    let order = longest_first(&names);
    let done: Vec<OnceLock<(Projection<Decimal>, Outcome)>> =
        (0..n).map(|_| OnceLock::new()).collect();
    // The weights depend only on the scenario's years, the same in every projection: the first
    // projection to finish builds them for the rest.
    let weights: OnceLock<Weights> = OnceLock::new();
    let next = AtomicUsize::new(0);
    let took: Vec<OnceLock<Duration>> = (0..n).map(|_| OnceLock::new()).collect();
    // Strategies are independent and their costs uneven (conversions and heir-aware take up to
    // twice a fixed order's time). Each worker takes the next strategy left, the slowest of the
    // last run first, so that the cores finish together rather than one waiting on a long
    // strategy started last. rayon's threads outlive the call: an edit in the planner does not
    // pay for starting threads. The calling thread works too (`in_place_scope`) rather than
    // waiting for a pool thread to wake and do its share.
    let work = || {
        loop {
            let k = next.fetch_add(1, Ordering::Relaxed);
            let Some(&i) = order.get(k) else { break };
            let started = Instant::now();
            let p = project(scenario, decisions, strategies[i]);
            let mut o = outcome(&p, &scenario.estate_ages);
            if let Some(s) = survival {
                o.weighted = Some(weights.get_or_init(|| Weights::new(s, &p)).weigh(&p));
            }
            let _ = took[i].set(started.elapsed());
            let _ = done[i].set((p, o));
        }
    };
    let threads = rayon::current_num_threads().clamp(1, n.max(1));
    rayon::in_place_scope(|s| {
        for _ in 1..threads {
            s.spawn(|_| work());
        }
        work();
    });
    remember(&names, &took);
    let projected = done
        .into_iter()
        // Every index was taken by exactly one worker, which set it before the scope ended.
        .filter_map(OnceLock::into_inner)
        .collect();
    (projected, weights.into_inner())
}

/// One pool thread kept awake, spinning, from [`WarmPool::start`] until the value is dropped
/// (or for at most `limit`): started before a comparison builds its scenario and dropped when
/// the strategies are ready to project, so that the second core takes its first strategy at
/// once. A sleeping thread can take a long time to be woken on a virtual machine (a tenth of a
/// millisecond is common, whole milliseconds happen), and the planner's pool always sleeps
/// between keypresses; the build of the scenario hides the wake.
pub struct WarmPool {
    stop: Arc<AtomicBool>,
}

impl WarmPool {
    pub fn start(limit: Duration) -> WarmPool {
        let stop = Arc::new(AtomicBool::new(false));
        if rayon::current_num_threads() > 1 {
            let stop = Arc::clone(&stop);
            rayon::spawn(move || {
                let started = Instant::now();
                while !stop.load(Ordering::Relaxed) && started.elapsed() < limit {
                    std::hint::spin_loop();
                }
            });
        }
        WarmPool { stop }
    }
}

impl Drop for WarmPool {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// How long each strategy took when last projected, by name: the next run starts the slowest
/// first. Names of strategies no longer compared are forgotten when the list grows long.
fn last_times() -> &'static Mutex<HashMap<String, Duration>> {
    static TIMES: OnceLock<Mutex<HashMap<String, Duration>>> = OnceLock::new();
    TIMES.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Indices of `names`, the slowest last time first (strategies never timed keep their order,
/// ahead of the others: their cost is unknown).
fn longest_first(names: &[String]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..names.len()).collect();
    if let Ok(times) = last_times().lock() {
        order.sort_by_key(|&i| {
            std::cmp::Reverse(times.get(&names[i]).copied().unwrap_or(Duration::MAX))
        });
    }
    order
}

fn remember(names: &[String], took: &[OnceLock<Duration>]) {
    if let Ok(mut times) = last_times().lock() {
        if times.len() > 256 {
            times.clear();
        }
        for (name, t) in names.iter().zip(took) {
            if let Some(t) = t.get() {
                times.insert(name.clone(), *t);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_slowest_strategy_of_the_last_run_starts_first() {
        // Names no other test uses: the table is shared by the whole process.
        let names: Vec<String> = ["many-test quick", "many-test slow", "many-test new"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let took: Vec<OnceLock<Duration>> = (0..3).map(|_| OnceLock::new()).collect();
        took[0].set(Duration::from_micros(100)).unwrap();
        took[1].set(Duration::from_micros(300)).unwrap();
        // The third was never timed: unknown cost goes first.
        remember(&names[..2], &took[..2]);
        assert_eq!(longest_first(&names), vec![2, 1, 0]);
    }
}
