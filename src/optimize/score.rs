//! What the search compares, on fast `f64` runs and on the exact outcome.
//!
//! The estate objective is lexicographic: more years with the spending fully met first, then the
//! larger after-tax estate at the horizon in today's dollars. The exact comparison counts years
//! to a tenth, as the comparison table shows them; the search sees them unrounded. Estates are only comparable at the same spending, and a plan whose
//! money runs out (saves/A.ron) is better served by lasting longer than by leaving more.

use crate::engine::{Outcome, Scenario, run_lean};
use crate::num::Num;
use crate::strategy::Strategy;
use rust_decimal::Decimal;

/// One run's standing on the objective.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    /// Years the spending is fully met, the year the money ran out counted by the share of its
    /// need still covered. Unrounded: the search needs to see a shortfall shrink.
    pub lasting: f64,
    /// After-tax estate at the horizon, today's dollars.
    pub estate: f64,
    /// The money lasted through the whole plan.
    pub lasts: bool,
}

impl Score {
    /// The score of a run that could not be made.
    pub const WORST: Score = Score {
        lasting: f64::NEG_INFINITY,
        estate: f64::NEG_INFINITY,
        lasts: false,
    };

    /// Strictly better: lasting longer, or as long with more than `margin` dollars of estate.
    pub fn beats(&self, other: &Score, margin: f64) -> bool {
        if (self.lasting - other.lasting).abs() > LASTING_NOISE {
            self.lasting > other.lasting
        } else {
            self.estate > other.estate + margin
        }
    }

    /// The spending lasts and leaves at least `min_estate`.
    pub fn feasible(&self, min_estate: f64) -> bool {
        self.lasts && self.estate >= min_estate
    }
}

/// Differences in years lasting below this (under an hour) are not a longer-lasting plan.
const LASTING_NOISE: f64 = 1e-4;

/// A shortfall smaller than half a cent is floating-point dust, not a shortfall.
const DUST: f64 = 0.005;

/// Runs a strategy on the `f64` scenario and scores it, keeping no ledger.
pub fn score(sc: &Scenario<f64>, strategy: &dyn Strategy) -> Score {
    let mut year = 0usize;
    let mut lasting: Option<f64> = None;
    let mut estate = 0.0;
    let heirs = sc.heirs_rate;
    // Only balances and shortfalls count here: the lean run skips the ledger's marginal rates.
    run_lean(sc, sc, strategy, |r| {
        if r.shortfall > DUST && lasting.is_none() {
            let drawn = r.rmd + r.cash_draw + r.taxable_sale + r.deferred_draw + r.roth_draw;
            lasting = Some(year as f64 + drawn.ratio(drawn + r.shortfall));
        }
        estate = r.closing.after_tax_estate(heirs).ratio(r.price_level_end);
        year += 1;
    });
    Score {
        lasting: lasting.unwrap_or(year as f64),
        estate,
        lasts: lasting.is_none(),
    }
}

/// The exact outcome's standing: years lasting (to a tenth), then the real estate.
pub fn exact_key(o: &Outcome) -> (Decimal, Decimal) {
    (o.years_lasting, o.estate_real)
}

/// `a` is at least as good as `b` on the estate objective, exactly.
pub fn at_least(a: &Outcome, b: &Outcome) -> bool {
    exact_key(a) >= exact_key(b)
}
