//! The figures of every path, kept by path index so that the statistics never depend on the
//! order in which threads finished.

use super::stats::{Band, PathOutcome, StrategyRisk, quantiles};

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

    /// Statistics over paths `0..ready`; `partial` thins the fan-chart columns.
    pub fn risks(&mut self, partial: bool) -> Vec<StrategyRisk> {
        let n = self.ready;
        let p_n = self.paths;
        let stride = if partial {
            n.div_ceil(PARTIAL_BAND_PATHS).max(1)
        } else {
            1
        };
        let mut out = Vec::with_capacity(self.strategies);
        for s in 0..self.strategies {
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
            self.scratch64.clear();
            self.scratch64.extend(outcomes.iter().map(|o| o.terminal));
            let [p10, p50, p90] = quantiles(&mut self.scratch64, [0.1, 0.5, 0.9]);
            self.scratch64.clear();
            self.scratch64
                .extend(outcomes.iter().map(|o| o.lifetime_tax));
            let [tax] = quantiles(&mut self.scratch64, [0.5]);
            let mut bands = Vec::with_capacity(self.years);
            for y in 0..self.years {
                let column = &self.wealth[(s * self.years + y) * p_n..][..n];
                self.scratch.clear();
                // A path whose household has died by this year (sampled lifetimes) is NaN: the
                // bands are over the households still alive.
                self.scratch
                    .extend(column.iter().step_by(stride).filter(|w| !w.is_nan()));
                let q = quantiles(&mut self.scratch, [0.1, 0.25, 0.5, 0.75, 0.9]);
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
            out.push(StrategyRisk {
                strategy: self.names[s].clone(),
                success_rate,
                terminal_p10: p10,
                terminal_median: p50,
                terminal_p90: p90,
                median_lifetime_tax: tax,
                irmaa_probability,
                cut_probability,
                bands,
            });
        }
        out
    }
}
