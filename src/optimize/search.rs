//! Coordinate descent over the years of a schedule.
//!
//! Year by year, each lever (conversion, tax-deferred draw, taxable sale, harvest) tries every
//! amount that puts the year on an edge of its tax, each trial a full projection of the plan on
//! `f64`; the best trial is kept when it beats the incumbent. Sweeps repeat until one changes
//! nothing or the sweep budget is spent. Nothing depends on timing or randomness, and parallel
//! trials are gathered by index, so a plan always gets the same answer.

use super::Budget;
use super::OptimizeError;
use super::candidates::{Candidates, Lever, Probe};
use super::schedule::{Patched, Schedule, YearPlan};
use super::score::{Score, score};
use crate::engine::Scenario;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// A trial must win by more than this (today's dollars) to replace the incumbent: smaller gains
/// are floating-point noise the exact books would not confirm.
const MARGIN: f64 = 1.0;
/// A sweep must gain this much (today's dollars, or any more time lasting) for another to run.
const SWEEP_GAIN: f64 = 100.0;

/// The search's settings and its count of projections.
pub struct Search<'a> {
    pub scenario: &'a Scenario<f64>,
    pub cancel: &'a AtomicBool,
    pub threads: usize,
    pub max_sweeps: usize,
    /// Projections run so far.
    pub evaluations: usize,
    /// Where the work budget ends: this many projections, or this instant (if any).
    limit: (usize, Option<Instant>),
    /// The budget ran out: the search stopped with the best schedule it had.
    pub exhausted: bool,
}

impl<'a> Search<'a> {
    /// A search that may run `budget` more projections, until `started + budget.time`.
    pub fn new(
        scenario: &'a Scenario<f64>,
        cancel: &'a AtomicBool,
        max_sweeps: usize,
        budget: &Budget,
        started: Instant,
    ) -> Self {
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 4);
        Search {
            scenario,
            cancel,
            threads,
            max_sweeps,
            evaluations: 0,
            limit: (
                budget.evaluations,
                budget.time.and_then(|t| started.checked_add(t)),
            ),
            exhausted: false,
        }
    }

    fn check(&self) -> Result<(), OptimizeError> {
        if self.cancel.load(Ordering::Relaxed) {
            Err(OptimizeError::Cancelled)
        } else {
            Ok(())
        }
    }

    /// Whether the work budget is spent (and from now on, that it was).
    fn spent(&mut self) -> bool {
        if !self.exhausted
            && (self.evaluations >= self.limit.0
                || self.limit.1.is_some_and(|end| Instant::now() >= end))
        {
            self.exhausted = true;
        }
        self.exhausted
    }

    /// Scores a schedule.
    pub fn score(&mut self, schedule: &Schedule) -> Score {
        self.evaluations += 1;
        score(self.scenario, schedule)
    }

    /// Scores a schedule and works out year `index`'s candidates on the way.
    fn probe(&mut self, schedule: &Schedule, index: usize) -> (Score, Candidates) {
        self.evaluations += 1;
        let probe = Probe {
            schedule,
            index,
            found: Mutex::new(None),
        };
        let s = score(self.scenario, &probe);
        let found = probe.found.into_inner().ok().flatten().unwrap_or_default();
        (s, found)
    }

    /// Scores each trial plan for year `index`, spread over the threads.
    fn trials(&mut self, base: &Schedule, index: usize, plans: &[YearPlan]) -> Vec<Score> {
        self.evaluations += plans.len();
        let sc = self.scenario;
        let one = |year: YearPlan| score(sc, &Patched { base, index, year });
        let threads = self.threads.min(plans.len());
        if threads <= 1 {
            return plans.iter().map(|p| one(*p)).collect();
        }
        let mut out: Vec<Option<Score>> = vec![None; plans.len()];
        std::thread::scope(|scope| {
            let workers: Vec<_> = (1..threads)
                .map(|t| {
                    let one = &one;
                    scope.spawn(move || {
                        (t..plans.len())
                            .step_by(threads)
                            .map(|i| (i, one(plans[i])))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            for i in (0..plans.len()).step_by(threads) {
                out[i] = Some(one(plans[i]));
            }
            for w in workers {
                // A trial that panicked scores nothing; the others still count.
                if let Ok(done) = w.join() {
                    for (i, s) in done {
                        out[i] = Some(s);
                    }
                }
            }
        });
        out.into_iter().map(|s| s.unwrap_or(Score::WORST)).collect()
    }

    /// Improves `start` until a sweep changes nothing, the sweeps or the work budget are spent,
    /// or `enough` says the incumbent will do. `progress` gets the share of the sweeps done.
    pub fn descend(
        &mut self,
        start: Schedule,
        enough: &dyn Fn(&Score) -> bool,
        progress: &mut dyn FnMut(f32),
    ) -> Result<(Schedule, Score), OptimizeError> {
        let n = self.scenario.years.len();
        let mut best = start;
        best.years.resize(n, YearPlan::default());
        let mut best_score = self.score(&best);
        let total = (self.max_sweeps * n).max(1) as f32;
        for sweep in 0..self.max_sweeps {
            let mut improved = false;
            let sweep_start = best_score;
            for t in 0..n {
                self.check()?;
                if enough(&best_score) || self.spent() {
                    return Ok((best, best_score));
                }
                let mut stale = true;
                let mut found = Candidates::default();
                for lever in Lever::ALL {
                    if stale {
                        let (s, c) = self.probe(&best, t);
                        best_score = s;
                        found = c;
                        stale = false;
                    }
                    let plans = found.plans(lever, best.years[t]);
                    if plans.is_empty() {
                        continue;
                    }
                    let scores = self.trials(&best, t, &plans);
                    let mut pick: Option<usize> = None;
                    for (i, s) in scores.iter().enumerate() {
                        let leader = pick.map_or(&best_score, |p| &scores[p]);
                        if s.beats(leader, MARGIN) {
                            pick = Some(i);
                        }
                    }
                    if let Some(i) = pick {
                        best.years[t] = plans[i];
                        best_score = scores[i];
                        improved = true;
                        stale = true;
                    }
                }
                progress((sweep * n + t + 1) as f32 / total);
            }
            // A sweep that gained next to nothing will not be followed by one that gains much.
            if !improved || !best_score.beats(&sweep_start, SWEEP_GAIN) {
                break;
            }
        }
        Ok((best, best_score))
    }
}
