//! A cheap first look at one year's trials, so that only the promising few are replayed.
//!
//! A trial that changes year `t` changes the balances the next year opens with (and, through
//! that year's MAGI, the Medicare surcharge two years on); everything after follows from them.
//! So the rest of the plan is valued by shadow prices: what a dollar more or less in each kind
//! of account at the start of year `t + 1` adds to the estate, measured by replaying the
//! incumbent from there with each balance moved by a typical trial's size. Each trial then costs
//! one year of the engine, and is ranked by its year's own books plus the priced change in the
//! balances it leaves. The ranking only chooses which trials are replayed in full: the exact
//! replay decides, as before. The prices are a secant over [`PRICE_STEP`], not a tangent, since
//! the trials move tens of thousands of dollars.

use super::schedule::{Patched, Schedule, YearPlan};
use super::score::{Score, Trail, one_year, score_from};
use crate::engine::{Balances, PathState, Scenario};
use crate::plan::AccountKind;
use crate::tax::Filing;

/// How far each balance is moved to measure its price, today's dollars.
const PRICE_STEP: f64 = 20_000.0;

/// What a nominal dollar more in each kind of account at the start of the year after the
/// screened one adds to the estate (today's dollars), around the incumbent's balances then.
#[derive(Debug, Clone)]
pub struct Prices {
    base: Balances<f64>,
    base_magi: Option<(f64, Filing)>,
    deferred: f64,
    roth: f64,
    taxable: f64,
    cash: f64,
}

/// The prices at the start of year `t + 1` of `best` (whose score is `score` and whose trail is
/// known to the end), and the replays they took; `None` when they cannot be measured: the last
/// year, a plan whose money runs out (where lasting, not the estate, counts), or a kind of
/// account a trial could change that holds nothing to move (the trials are then all replayed).
pub fn prices(
    sc: &Scenario<f64>,
    best: &Schedule,
    t: usize,
    trail: &Trail,
    score: &Score,
) -> (Option<Prices>, usize) {
    let Some((base, before)) = trail.at(t + 1) else {
        return (None, 0);
    };
    if !score.lasts || t + 1 >= sc.years.len() {
        return (None, 0);
    }
    let step = PRICE_STEP * sc.years[t + 1].price_level;
    let mut replays = 0;
    let mut price = |kind: AccountKind, toward: f64| -> Option<f64> {
        let (moved, by) = match base.with_added(kind, toward * step) {
            Some(s) => (s, toward * step),
            None => (base.with_added(kind, -toward * step)?, -toward * step),
        };
        replays += 1;
        let s = score_from(sc, best, Some(&(moved, *before)), None);
        (s.lasts).then(|| (s.estate - score.estate) / by)
    };
    // Each moved the way trials usually move it: conversions and draws take from tax-deferred
    // money and taxable accounts and add to Roth.
    let deferred = price(AccountKind::Deferred, -1.0);
    let roth = price(AccountKind::Roth, 1.0);
    let taxable = price(AccountKind::Taxable, -1.0);
    let cash = price(AccountKind::Cash, -1.0);
    let b = base.balances();
    let found = (|| {
        // Without tax-deferred money no trial changes it; the cash left over is reinvested in
        // the taxable accounts, so each of the two stands in for the other when it is empty.
        let deferred = if b.deferred > 0.0 { deferred? } else { 0.0 };
        let (taxable, cash) = match (taxable, cash) {
            (Some(t), Some(c)) => (t, c),
            (Some(t), None) => (t, t),
            (None, Some(c)) => (c, c),
            (None, None) => return None,
        };
        Some(Prices {
            deferred,
            // Conversions open a Roth account when there is none: without one to move, its
            // price is unknown.
            roth: roth?,
            taxable,
            cash,
            base: b,
            base_magi: base.last_magi(),
        })
    })();
    (found, replays)
}

impl Prices {
    /// The estimated change in the estate from `year` in place of the incumbent's year `t`.
    pub fn estimate(
        &self,
        sc: &Scenario<f64>,
        best: &Schedule,
        t: usize,
        year: YearPlan,
        from: &(PathState<f64>, Option<f64>),
    ) -> f64 {
        let trial = Patched {
            base: best,
            index: t,
            year,
        };
        let Some(next) = one_year(sc, &trial, from) else {
            return f64::NEG_INFINITY;
        };
        let b = next.balances();
        let mut gain = self.deferred * (b.deferred - self.base.deferred)
            + self.roth * (b.roth - self.base.roth)
            + self.taxable * (b.taxable - self.base.taxable)
            + self.cash * (b.cash - self.base.cash);
        // The surcharge this year's MAGI sets two years on, paid from the accounts then.
        if let (Some(inputs), Some((magi, filing)), Some((was, _))) =
            (sc.years.get(t + 2), next.last_magi(), self.base_magi)
            && inputs.enrolled > 0
        {
            let charge = |m: f64| inputs.irmaa.charge(filing, m, inputs.enrolled).annual;
            gain -= self.taxable.max(self.cash) * (charge(magi) - charge(was));
        }
        gain
    }
}
