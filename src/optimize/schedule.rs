//! The optimized strategy's form: a yearly schedule of amounts, in dollars of each year.
//!
//! Each year converts `convert` to Roth and harvests `harvest` of gains, draws `fixed` from
//! tax-deferred whatever the need (usually nothing; what the need leaves of it is reinvested in
//! taxable), then meets the need from tax-deferred up to `deferred` more, cash up to `cash`,
//! taxable sales up to `taxable`, then Roth up to `roth` (usually all of it), then whatever is
//! left (cash, taxable, tax-deferred, and Roth last). The engine's solver still meets the need
//! exactly after tax: the schedule only says which account gives how much.
//!
//! Any strategy's projection can be written as a schedule (its yearly draws become the caps), so
//! the search can start from every named strategy and keep the best.

use crate::engine::{Projection, YearContext};
use crate::num::Num;
use crate::strategy::{Decision, Note, Strategy, capped_order};

/// One year of a schedule. Amounts are nominal dollars of the year; an infinite cap is no cap.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct YearPlan {
    pub convert: f64,
    pub harvest: f64,
    pub deferred: f64,
    pub cash: f64,
    pub taxable: f64,
    /// Roth money drawn before the rest of cash, taxable and tax-deferred money (the rest of
    /// the Roth money comes last); infinite, the usual: Roth before tax-deferred beyond its cap.
    pub roth: f64,
    /// Tax-deferred money drawn first whatever the need, the rest reinvested in taxable
    /// ([`Decision::fixed_deferred`]); 0 draws only what the year needs.
    pub fixed: f64,
}

impl Default for YearPlan {
    /// No conversion, no harvest; cash, taxable, Roth, then tax-deferred.
    fn default() -> YearPlan {
        YearPlan {
            convert: 0.0,
            harvest: 0.0,
            deferred: 0.0,
            cash: f64::INFINITY,
            taxable: f64::INFINITY,
            roth: f64::INFINITY,
            fixed: 0.0,
        }
    }
}

impl YearPlan {
    pub fn decision(&self) -> Decision<f64> {
        let cap = |x: f64| x.is_finite().then_some(x);
        Decision {
            convert: self.convert.max(0.0),
            harvest: self.harvest.max(0.0),
            fixed_deferred: self.fixed.max(0.0),
            funding: capped_order(
                cap(self.deferred),
                cap(self.cash),
                cap(self.taxable),
                cap(self.roth),
            ),
            note: Note::Order,
        }
    }
}

/// A plan's years as a schedule; years past its end use [`YearPlan::default`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Schedule {
    pub years: Vec<YearPlan>,
}

impl Schedule {
    /// The schedule that repeats a projection's draws and conversions.
    pub fn from_projection<N: Num>(p: &Projection<N>) -> Schedule {
        let years = p
            .rows
            .iter()
            .map(|r| YearPlan {
                convert: r.conversion.to_f64(),
                harvest: r.harvested_gain.to_f64(),
                deferred: (r.deferred_draw - r.fixed_deferred).to_f64(),
                cash: r.cash_draw.to_f64(),
                taxable: r.taxable_sale.to_f64(),
                roth: f64::INFINITY,
                fixed: r.fixed_deferred.to_f64(),
            })
            .collect();
        Schedule { years }
    }

    pub fn year(&self, index: usize) -> YearPlan {
        self.years.get(index).copied().unwrap_or_default()
    }
}

impl Strategy for Schedule {
    fn name(&self) -> String {
        "Optimized".into()
    }

    fn decide(&self, ctx: &YearContext<'_, f64>) -> Decision<f64> {
        self.year(ctx.index).decision()
    }
}

/// A schedule with one year replaced: a trial of the search, without copying the schedule.
pub struct Patched<'a> {
    pub base: &'a Schedule,
    pub index: usize,
    pub year: YearPlan,
}

impl Strategy for Patched<'_> {
    fn name(&self) -> String {
        "Optimized".into()
    }

    fn decide(&self, ctx: &YearContext<'_, f64>) -> Decision<f64> {
        if ctx.index == self.index {
            self.year.decision()
        } else {
            self.base.year(ctx.index).decision()
        }
    }
}
