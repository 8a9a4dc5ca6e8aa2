//! The figures of every path, kept by path index so that the statistics never depend on the
//! order in which threads finished.

use super::stats::{Band, PathOutcome, StrategyRisk, quantiles};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Paths run by one worker in one go, in index order from `first`.
pub struct Batch {
    pub first: usize,
    pub count: usize,
    /// `[path][strategy]`.
    pub outcomes: Vec<PathOutcome>,
    /// `[path][strategy][year]`.
    pub wealth: Vec<f32>,
    /// `[path][strategy][year]`: the guardrails cut spending that year.
    pub cuts: Vec<bool>,
}

impl Batch {
    pub fn new(first: usize, count: usize, strategies: usize, years: usize) -> Batch {
        Batch {
            first,
            count,
            outcomes: vec![PathOutcome::default(); count * strategies],
            wealth: vec![0.0; count * strategies * years],
            cuts: vec![false; count * strategies * years],
        }
    }
}

/// Partial statistics look at no more than this many paths per fan-chart column, so that a
/// progress update stays cheap; the final statistics use every path.
const PARTIAL_BAND_PATHS: usize = 2000;

/// Final statistics over at least this many fan-chart values (paths × years × strategies) are
/// shared among the threads; fewer cost less than starting a thread (98 historical paths × 41
/// years × 8 strategies: 0.4 ms on one thread, 0.7–2.8 ms shared).
const SHARED_FROM_VALUES: usize = 500_000;

pub struct Store {
    paths: usize,
    strategies: usize,
    years: usize,
    start_year: i32,
    names: Vec<String>,
    /// `[strategy][path]`.
    outcomes: Vec<PathOutcome>,
    /// `[strategy][year][path]`: a fan-chart column is contiguous.
    wealth: Vec<f32>,
    /// `[strategy][year][path]`, as `wealth`.
    cuts: Vec<bool>,
    done: Vec<bool>,
    /// Paths `0..ready` are all done.
    ready: usize,
    scratch: Vec<f32>,
    scratch64: Vec<f64>,
}

impl Store {
    pub fn new(paths: usize, names: Vec<String>, years: usize, start_year: i32) -> Store {
        let strategies = names.len();
        Store {
            paths,
            strategies,
            years,
            start_year,
            names,
            outcomes: vec![PathOutcome::default(); strategies * paths],
            wealth: vec![0.0; strategies * years * paths],
            cuts: vec![false; strategies * years * paths],
            done: vec![false; paths],
            ready: 0,
            scratch: Vec::new(),
            scratch64: Vec::new(),
        }
    }

    /// Paths done from the first one on without a gap: what partial statistics cover.
    pub fn ready(&self) -> usize {
        self.ready
    }

    pub fn put(&mut self, b: &Batch) {
        let (s_n, y_n, p_n) = (self.strategies, self.years, self.paths);
        for j in 0..b.count {
            let p = b.first + j;
            if p >= p_n {
                break;
            }
            for s in 0..s_n {
                self.outcomes[s * p_n + p] = b.outcomes[j * s_n + s];
                let from = &b.wealth[(j * s_n + s) * y_n..][..y_n];
                let cuts = &b.cuts[(j * s_n + s) * y_n..][..y_n];
                for (y, (w, c)) in from.iter().zip(cuts).enumerate() {
                    self.wealth[(s * y_n + y) * p_n + p] = *w;
                    self.cuts[(s * y_n + y) * p_n + p] = *c;
                }
            }
            self.done[p] = true;
        }
        while self.ready < p_n && self.done[self.ready] {
            self.ready += 1;
        }
    }

    /// Statistics over paths `0..ready`; `partial` thins the fan-chart columns. The final
    /// statistics of a large run are shared among `threads` threads, a strategy at a time: the
    /// other workers are done by then, and on 10,000 paths the quantiles of every fan-chart
    /// column were 17–19 ms of one core at the end of the run.
    pub fn risks(&mut self, partial: bool, threads: usize) -> Vec<StrategyRisk> {
        let n = self.ready;
        let stride = if partial {
            n.div_ceil(PARTIAL_BAND_PATHS).max(1)
        } else {
            1
        };
        if partial || threads <= 1 || n * self.years * self.strategies < SHARED_FROM_VALUES {
            let (mut scratch, mut scratch64) = (
                std::mem::take(&mut self.scratch),
                std::mem::take(&mut self.scratch64),
            );
            let out = (0..self.strategies)
                .map(|s| self.risk_of(s, stride, &mut scratch, &mut scratch64))
                .collect();
            (self.scratch, self.scratch64) = (scratch, scratch64);
            return out;
        }
        let next = AtomicUsize::new(0);
        let this = &*self;
        let work = || {
            let (mut scratch, mut scratch64) = (Vec::new(), Vec::new());
            let mut done = Vec::new();
            loop {
                let s = next.fetch_add(1, Ordering::Relaxed);
                if s >= this.strategies {
                    return done;
                }
                done.push((s, this.risk_of(s, stride, &mut scratch, &mut scratch64)));
            }
        };
        let mut all: Vec<(usize, StrategyRisk)> = std::thread::scope(|scope| {
            let others: Vec<_> = (1..threads.min(self.strategies))
                .map(|_| scope.spawn(work))
                .collect();
            let mut all = work();
            for h in others {
                // As on one thread, a panic in the statistics is the caller's.
                match h.join() {
                    Ok(done) => all.extend(done),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            all
        });
        all.sort_by_key(|(s, _)| *s);
        all.into_iter().map(|(_, r)| r).collect()
    }

    /// Strategy `s`'s statistics over paths `0..ready`, each fan-chart column over every
    /// `stride`th path.
    fn risk_of(
        &self,
        s: usize,
        stride: usize,
        scratch: &mut Vec<f32>,
        scratch64: &mut Vec<f64>,
    ) -> StrategyRisk {
        let n = self.ready;
        let p_n = self.paths;
        let outcomes = &self.outcomes[s * p_n..][..n];
        let share = |f: fn(&PathOutcome) -> bool| {
            if n == 0 {
                0.0
            } else {
                outcomes.iter().filter(|o| f(o)).count() as f64 / n as f64
            }
        };
        let success_rate = share(|o| o.success);
        let irmaa_probability = share(|o| o.irmaa);
        let cut_probability = share(|o| o.cut);
        scratch64.clear();
        scratch64.extend(outcomes.iter().map(|o| o.terminal));
        let [p10, p50, p90] = quantiles(scratch64, [0.1, 0.5, 0.9]);
        scratch64.clear();
        scratch64.extend(outcomes.iter().map(|o| o.lifetime_tax));
        let [tax] = quantiles(scratch64, [0.5]);
        let mut bands = Vec::with_capacity(self.years);
        for y in 0..self.years {
            let column = &self.wealth[(s * self.years + y) * p_n..][..n];
            scratch.clear();
            // A path whose household has died by this year (sampled lifetimes) is NaN: the
            // bands are over the households still alive.
            scratch.extend(column.iter().step_by(stride).filter(|w| !w.is_nan()));
            let q = quantiles(scratch, [0.1, 0.25, 0.5, 0.75, 0.9]);
            // Without guardrails (or with none that acted) no year has a cut to count.
            let cut = &self.cuts[(s * self.years + y) * p_n..][..n];
            let cut_share = if n == 0 || cut_probability == 0.0 {
                0.0
            } else {
                cut.iter().filter(|c| **c).count() as f64 / n as f64
            };
            bands.push(Band {
                year: self.start_year + y as i32,
                p10: q[0],
                p25: q[1],
                p50: q[2],
                p75: q[3],
                p90: q[4],
                cut_share,
            });
        }
        StrategyRisk {
            strategy: self.names[s].clone(),
            success_rate,
            terminal_p10: p10,
            terminal_median: p50,
            terminal_p90: p90,
            median_lifetime_tax: tax,
            irmaa_probability,
            cut_probability,
            bands,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::rng::PathRng;

    /// A store of `paths` paths of made-up figures, every path done.
    fn filled(paths: usize, years: usize, strategies: usize) -> Store {
        let names = (0..strategies).map(|s| format!("S{s}")).collect();
        let mut store = Store::new(paths, names, years, 2026);
        let mut rng = PathRng::new(11, 0);
        let mut u = move |lo: f64, hi: f64| lo + (hi - lo) * rng.uniform();
        let mut b = Batch::new(0, paths, strategies, years);
        for o in &mut b.outcomes {
            *o = PathOutcome {
                terminal: u(-1e5, 3e6),
                lifetime_tax: u(0.0, 5e5),
                success: u(0.0, 1.0) < 0.9,
                irmaa: u(0.0, 1.0) < 0.3,
                cut: u(0.0, 1.0) < 0.2,
            };
        }
        for (w, c) in b.wealth.iter_mut().zip(&mut b.cuts) {
            // Some households gone (NaN), as with sampled lifetimes.
            *w = if u(0.0, 1.0) < 0.05 {
                f32::NAN
            } else {
                u(0.0, 4e6) as f32
            };
            *c = u(0.0, 1.0) < 0.1;
        }
        store.put(&b);
        store
    }

    /// The final statistics of a run large enough to be shared among threads are the ones one
    /// thread computes, strategy by strategy and band by band.
    #[test]
    fn shared_final_statistics_are_one_threads() {
        let (paths, years, strategies) = (1_600, 41, 8);
        assert!(paths * years * strategies >= SHARED_FROM_VALUES);
        let mut store = filled(paths, years, strategies);
        let one = store.risks(false, 1);
        let shared = store.risks(false, 3);
        assert_eq!(one.len(), strategies);
        assert_eq!(one, shared);
        assert!(one.iter().all(|r| r.bands.len() == years));
        // Partial statistics are never shared (the other workers are still running): with
        // every column under the thinning limit they are the final ones.
        assert_eq!(store.risks(true, 2), one);
    }
}
