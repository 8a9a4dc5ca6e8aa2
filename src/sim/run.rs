//! Every strategy on every path, on worker threads, with partial results as paths complete.
//!
//! Workers claim small chunks of path indices in order from a shared counter (smaller as the run
//! nears its end), build each path's scenario from the template ([`Repath`]), run every strategy
//! on it with a visitor that keeps only what the statistics need ([`Tally`]), and send the chunk
//! back. The calling thread is one of the workers: between its own chunks it files every chunk
//! by path index and, every so often, reports statistics over the paths done so far without a
//! gap. A path's numbers depend only on the plan, the seed and its index, so the final figures
//! are the same whatever the number of threads.

use super::error::SimError;
use super::lives::Lives;
use super::paths::PathSource;
use super::repath::Repath;
use super::stats::{StrategyRisk, Tally};
use super::store::{Batch, Store};
use crate::compare::plan_policies;
use crate::engine::Strategy;
use crate::engine::{ReturnPath, Scenario, run_lean};
use crate::optimize::Optimized;
use crate::plan::{Lifetimes, Plan, Simulation, validate_household, validate_simulation};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Most paths a worker claims at a time: small, so the first partial result comes quickly and
/// the workers finish together.
const CHUNK: usize = 8;

/// Paths per claim when `left` paths are still unclaimed on `threads` workers: [`CHUNK`], fewer
/// as the run nears its end, down to one path at a time, so that the workers finish within a
/// path of each other (98 historical paths on two workers: 6 at a time at first, then 5, 4 …;
/// a fixed 8 left one worker idle for up to 8 × every strategy).
fn chunk_for(left: usize, threads: usize) -> usize {
    (left / (threads.max(1) * 8)).clamp(1, CHUNK)
}

/// How often partial results are reported.
pub const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// The statistics of a simulation, complete or over the paths done so far.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SimResult {
    /// "historical", "bootstrap", "Monte Carlo" or "constant".
    pub mode: String,
    /// Paths the figures cover.
    pub paths: usize,
    /// Paths the simulation runs in all.
    pub total: usize,
    pub seed: u64,
    pub start_year: i32,
    pub years: usize,
    /// Whether each path drew its own lifetimes (and so counts only the years someone lives).
    pub lifetimes: Lifetimes,
    /// One per strategy of the plan, in the plan's order.
    pub strategies: Vec<StrategyRisk>,
}

impl SimResult {
    pub fn is_complete(&self) -> bool {
        self.paths == self.total
    }
}

/// A partial result, reported while the simulation runs.
#[derive(Debug, Clone, PartialEq)]
pub struct SimProgress {
    pub done: usize,
    pub total: usize,
    pub partial: SimResult,
}

/// Both cores (or however many the machine has).
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Runs the simulation `settings` describes (normally the plan's own
/// `assumptions.simulation`) on every core. `progress` receives partial results about every
/// [`PROGRESS_EVERY`]; raising `cancel` stops the workers between paths and returns
/// [`SimError::Cancelled`].
pub fn simulate(
    plan: &Plan,
    settings: &Simulation,
    cancel: &AtomicBool,
    progress: impl FnMut(SimProgress),
) -> Result<SimResult, SimError> {
    simulate_on(plan, settings, default_threads(), cancel, progress)
}

/// [`simulate`] on `threads` worker threads (1 to 64).
pub fn simulate_on(
    plan: &Plan,
    settings: &Simulation,
    threads: usize,
    cancel: &AtomicBool,
    progress: impl FnMut(SimProgress),
) -> Result<SimResult, SimError> {
    simulate_with(plan, settings, &[], threads, cancel, progress)
}

/// [`simulate_on`] with the optimized strategies' finished searches: each optimized strategy
/// of the plan for the estate whose answer is in `optimized` runs on every path as that answer's
/// policy (bracket targets, see `crate::strategy::BracketTargets`); the others are left out (a
/// schedule of dollar amounts found for the plan's own path has no meaning on another).
pub fn simulate_with(
    plan: &Plan,
    settings: &Simulation,
    optimized: &[&Optimized],
    threads: usize,
    cancel: &AtomicBool,
    progress: impl FnMut(SimProgress),
) -> Result<SimResult, SimError> {
    let strategies: Vec<Box<dyn Strategy>> = plan_policies(plan, optimized);
    simulate_strategies(plan, settings, &strategies, threads, cancel, progress)
}

/// [`simulate_on`] for any strategies, not only those the plan names (a search over strategy
/// parameters, or a test's own order of accounts).
pub fn simulate_strategies(
    plan: &Plan,
    settings: &Simulation,
    strategies: &[Box<dyn Strategy>],
    threads: usize,
    cancel: &AtomicBool,
    mut progress: impl FnMut(SimProgress),
) -> Result<SimResult, SimError> {
    // The household only: the plan's scenarios are not simulated (as in the comparison).
    let mut issues = validate_household(plan);
    issues.extend(validate_simulation(settings, plan, "simulation"));
    if let Some(first) = issues.first() {
        return Err(SimError::InvalidPlan(first.to_string()));
    }
    let source = PathSource::new(plan, settings)?;
    let repath = Repath::new(plan)?;
    let lives = match settings.lifetimes {
        Lifetimes::PlanningAges => None,
        Lifetimes::Sampled => Some(Lives::new(plan, settings.seed)?),
    };
    let threads = threads.clamp(1, 64);
    let names: Vec<String> = strategies.iter().map(|s| s.name()).collect();
    let total = source.count();
    let years = plan.horizon_years();
    let start_year = plan.assumptions.start_year;
    let result = |store: &mut Store, partial: bool| SimResult {
        mode: settings.mode.label().to_string(),
        paths: store.ready(),
        total,
        seed: settings.seed,
        start_year,
        years,
        lifetimes: settings.lifetimes,
        strategies: store.risks(partial, threads),
    };
    let mut store = Store::new(total, names, years, start_year);
    let next = AtomicUsize::new(0);
    let job = Job {
        source: &source,
        repath: &repath,
        lives: lives.as_ref(),
        failed: std::sync::Mutex::new(None),
        stop: AtomicBool::new(false),
        strategies,
        heirs_rate: repath.template().heirs_rate,
        years,
        threads,
        next: &next,
        cancel,
    };
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<Batch>();
        // The calling thread is one of the workers: with one more thread than cores, each batch
        // sent would wake a sleeping collector that preempts a worker and moves it between
        // cores, its caches left behind (98 historical paths took up to a third longer).
        for _ in 1..threads {
            let tx = tx.clone();
            let job = &job;
            scope.spawn(move || {
                let mut scratch = Scratch::new(job);
                while let Some(batch) = job.next_batch(&mut scratch) {
                    if tx.send(batch).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        let mut last: Option<Instant> = None;
        let mut file = |batch: Batch| {
            store.put(&batch);
            let due = last.is_none_or(|t| t.elapsed() >= PROGRESS_EVERY);
            if due && store.ready() > 0 && store.ready() < total && !cancel.load(Ordering::Relaxed)
            {
                progress(SimProgress {
                    done: store.ready(),
                    total,
                    partial: result(&mut store, true),
                });
                last = Some(Instant::now());
            }
        };
        let mut scratch = Scratch::new(&job);
        while let Some(batch) = job.next_batch(&mut scratch) {
            file(batch);
            rx.try_iter().for_each(&mut file);
        }
        rx.iter().for_each(&mut file);
    });
    if let Some(e) = job.failed.lock().ok().and_then(|mut f| f.take()) {
        return Err(e);
    }
    if cancel.load(Ordering::Relaxed) || store.ready() < total {
        return Err(SimError::Cancelled);
    }
    Ok(result(&mut store, false))
}

/// What every worker shares.
struct Job<'a> {
    source: &'a PathSource,
    repath: &'a Repath,
    /// Each path's drawn lifetimes, when the simulation samples them.
    lives: Option<&'a Lives>,
    /// Why a worker stopped early (a pair of lifetimes the engine could not build).
    failed: std::sync::Mutex<Option<SimError>>,
    /// Raised by a worker that failed, so that the others stop too.
    stop: AtomicBool,
    strategies: &'a [Box<dyn Strategy>],
    heirs_rate: f64,
    years: usize,
    /// Worker threads, the calling one included.
    threads: usize,
    next: &'a AtomicUsize,
    cancel: &'a AtomicBool,
}

/// What a worker reuses for every path: the per-path work allocates nothing but the batch.
struct Scratch {
    scenario: Scenario<f64>,
    path: ReturnPath<f64>,
    levels: Vec<f64>,
}

impl Scratch {
    fn new(job: &Job<'_>) -> Scratch {
        Scratch {
            scenario: job.repath.template().clone(),
            path: ReturnPath::default(),
            levels: Vec::with_capacity(job.years + 3),
        }
    }
}

impl Job<'_> {
    /// Claims the next chunk of paths and runs every strategy on each; `None` when every path
    /// is claimed or the run stopped.
    fn next_batch(&self, scratch: &mut Scratch) -> Option<Batch> {
        let total = self.source.count();
        let s_n = self.strategies.len();
        let y_n = self.years;
        let Scratch {
            scenario,
            path,
            levels,
        } = scratch;
        if self.stopped() {
            return None;
        }
        // Another worker may claim between the look and the claim: the size is only a guide,
        // the claim itself is atomic.
        let left = total.saturating_sub(self.next.load(Ordering::Relaxed));
        let chunk = chunk_for(left, self.threads);
        let first = self.next.fetch_add(chunk, Ordering::Relaxed);
        if first >= total {
            return None;
        }
        let count = chunk.min(total - first);
        let mut batch = Batch::new(first, count, s_n, y_n);
        for j in 0..count {
            if self.stopped() {
                return None;
            }
            self.source.fill(first + j, path);
            match self.lives {
                None => self.repath.apply(path, scenario, levels),
                Some(lives) => match lives.lived(&lives.draw(first + j)) {
                    Ok(lived) => self.repath.apply_lived(path, &lived, scenario, levels),
                    Err(e) => {
                        if let Ok(mut f) = self.failed.lock() {
                            f.get_or_insert(e);
                        }
                        self.cancel_all();
                        return None;
                    }
                },
            }
            for (s, strategy) in self.strategies.iter().enumerate() {
                let cell = j * s_n + s;
                let wealth = &mut batch.wealth[cell * y_n..][..y_n];
                let cuts = &mut batch.cuts[cell * y_n..][..y_n];
                let mut tally = Tally::new(self.heirs_rate, wealth, cuts);
                run_lean(scenario, scenario, strategy.as_ref(), |row| {
                    tally.visit(&row)
                });
                // After the last death a path has no wealth of its own: it leaves the fan.
                let lived = tally.years();
                batch.outcomes[cell] = tally.outcome;
                wealth[lived..].fill(f32::NAN);
            }
        }
        Some(batch)
    }
}

impl Job<'_> {
    /// Stops every worker (after one of them failed).
    fn cancel_all(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }

    fn stopped(&self) -> bool {
        self.cancel.load(Ordering::Relaxed) || self.stop.load(Ordering::Relaxed)
    }
}

/// Statistics per strategy by name, for callers that look one up.
pub fn risk_of<'a>(result: &'a SimResult, name: &str) -> Option<&'a StrategyRisk> {
    result.strategies.iter().find(|s| s.strategy == name)
}

impl SimResult {
    /// These figures with `extra`'s strategies added (a strategy of both keeps these figures),
    /// in the order of `order` (names it does not list keep their place after those it does).
    /// The paths counted are these figures'.
    pub fn merged(&self, extra: &SimResult, order: &[String]) -> SimResult {
        let mut out = self.clone();
        for s in &extra.strategies {
            if !out.strategies.iter().any(|o| o.strategy == s.strategy) {
                out.strategies.push(s.clone());
            }
        }
        let rank = |name: &str| order.iter().position(|o| o == name).unwrap_or(order.len());
        out.strategies.sort_by_key(|s| rank(&s.strategy));
        out
    }
}
