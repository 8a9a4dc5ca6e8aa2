//! What a simulation keeps of each path and strategy, and the statistics over paths.
//!
//! Per path and strategy only a handful of numbers survive the projection: whether the money
//! lasted, the after-tax wealth at each year end and the lifetime tax, in today's dollars, and
//! whether an IRMAA surcharge was ever paid. Ledgers are never kept.

use crate::engine::YearRow;

/// Shortfalls below half a cent are float noise, not money running out.
const SHORTFALL_NOISE: f64 = 0.005;

/// One strategy on one path.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PathOutcome {
    /// After-tax wealth at the horizon (heirs' tax on tax-deferred money deducted), in dollars of
    /// the plan's first year, deflated by the path's own prices.
    pub terminal: f64,
    /// Federal and state tax and IRMAA surcharges over the plan, each year in the first year's
    /// dollars.
    pub lifetime_tax: f64,
    /// The spending was met in every year.
    pub success: bool,
    /// Some year paid an IRMAA surcharge.
    pub irmaa: bool,
    /// The spending guardrails cut the living costs in some year.
    pub cut: bool,
}

/// Accumulates one projection, year by year, without keeping its rows.
pub struct Tally<'a> {
    heirs_rate: f64,
    /// After-tax wealth at each year end, today's dollars.
    wealth: &'a mut [f32],
    /// Whether the spending guardrails cut the living costs, each year.
    cuts: &'a mut [bool],
    year: usize,
    pub outcome: PathOutcome,
}

impl<'a> Tally<'a> {
    pub fn new(heirs_rate: f64, wealth: &'a mut [f32], cuts: &'a mut [bool]) -> Tally<'a> {
        Tally {
            heirs_rate,
            wealth,
            cuts,
            year: 0,
            outcome: PathOutcome {
                success: true,
                ..PathOutcome::default()
            },
        }
    }

    /// Years visited so far.
    pub fn years(&self) -> usize {
        self.year
    }

    #[inline]
    pub fn visit(&mut self, row: &YearRow<f64>) {
        let real = row.closing.after_tax_estate(self.heirs_rate) / row.price_level_end;
        if let Some(slot) = self.wealth.get_mut(self.year) {
            *slot = real as f32;
        }
        if let Some(slot) = self.cuts.get_mut(self.year) {
            *slot = row.guardrail < 0;
        }
        self.year += 1;
        let o = &mut self.outcome;
        o.terminal = real;
        o.lifetime_tax += (row.federal_tax + row.state_tax + row.irmaa) / row.price_level;
        if row.shortfall > SHORTFALL_NOISE {
            o.success = false;
        }
        if row.irmaa > SHORTFALL_NOISE {
            o.irmaa = true;
        }
        if row.guardrail < 0 {
            o.cut = true;
        }
    }
}

/// Percentiles of total after-tax wealth (today's dollars) at one year end: a fan chart's bands.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Band {
    pub year: i32,
    pub p10: f64,
    pub p25: f64,
    pub p50: f64,
    pub p75: f64,
    pub p90: f64,
    /// Share of paths on which the spending guardrails cut the living costs in this year
    /// (0 to 1): when in the plan the cuts come.
    pub cut_share: f64,
}

/// One strategy's risk figures over the paths run so far.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StrategyRisk {
    pub strategy: String,
    /// Share of paths on which the money lasted to the horizon (0 to 1).
    pub success_rate: f64,
    pub terminal_p10: f64,
    pub terminal_median: f64,
    pub terminal_p90: f64,
    pub median_lifetime_tax: f64,
    /// Share of paths that paid an IRMAA surcharge in some year (0 to 1).
    pub irmaa_probability: f64,
    /// Share of paths on which the spending guardrails cut the living costs in some year.
    pub cut_probability: f64,
    /// One band per plan year, first year first.
    pub bands: Vec<Band>,
}

/// The position of quantile `q` among `n` sorted values: the nearest rank on the (n − 1) scale
/// (0 for the smallest, n − 1 for the largest).
#[inline]
pub fn rank(n: usize, q: f64) -> usize {
    (((n.saturating_sub(1)) as f64) * q).round() as usize
}

/// Quantiles `qs` (rising) of `values`, reordering them: each selection narrows the slice the
/// next one searches, so five quantiles cost about two and a half passes. Empty input gives 0s.
pub fn quantiles<T: Copy + PartialOrd + Into<f64>, const K: usize>(
    values: &mut [T],
    qs: [f64; K],
) -> [f64; K] {
    let mut out = [0.0; K];
    let n = values.len();
    if n == 0 {
        return out;
    }
    let cmp = |a: &T, b: &T| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal);
    // The median first splits the slice; lower quantiles search the left part, upper the right.
    let mid = K / 2;
    let m = rank(n, qs[mid]);
    values.select_nth_unstable_by(m, cmp);
    out[mid] = values[m].into();
    let mut hi = m;
    for i in (0..mid).rev() {
        let r = rank(n, qs[i]).min(hi);
        values[..=hi].select_nth_unstable_by(r, cmp);
        out[i] = values[r].into();
        hi = r;
    }
    let mut lo = m;
    for (i, slot) in out.iter_mut().enumerate().skip(mid + 1) {
        let r = rank(n, qs[i]).max(lo);
        values[lo..].select_nth_unstable_by(r - lo, cmp);
        *slot = values[r].into();
        lo = r;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_are_order_statistics() {
        let mut v: Vec<f64> = (0..101).rev().map(f64::from).collect();
        let q = quantiles(&mut v, [0.1, 0.25, 0.5, 0.75, 0.9]);
        assert_eq!(q, [10.0, 25.0, 50.0, 75.0, 90.0]);
        let mut one = [7.0f32];
        assert_eq!(quantiles(&mut one, [0.1, 0.5, 0.9]), [7.0, 7.0, 7.0]);
        let mut none: [f64; 0] = [];
        assert_eq!(quantiles(&mut none, [0.1, 0.5, 0.9]), [0.0; 3]);
    }

    #[test]
    fn quantiles_of_ties_and_small_sets_stay_ordered() {
        let mut v = [3.0, 1.0, 3.0, 2.0, 3.0, 1.0];
        let q = quantiles(&mut v, [0.1, 0.25, 0.5, 0.75, 0.9]);
        assert!(q.windows(2).all(|w| w[0] <= w[1]), "{q:?}");
    }
}
