//! The Marketplace premium credit's income limit (400% of the poverty line from 2026) as the
//! bracket-filling strategies keep below it: past the line the whole credit is lost, so an
//! `aca_aware` strategy stops its tax-deferred draws, sales and harvests a dollar short of it.
//! MAGI as the credit counts it moves dollar for dollar with IRA money and realised gains (the
//! Social Security it adds back is all of it, taxed or not).

use super::Decision;
use super::bracket_fill::fill_order;
use crate::engine::health::Marketplace;
use crate::engine::{Draws, YearContext};
use crate::num::Num;

/// The line, when someone is on the Marketplace this year and the law has one.
pub fn line(ctx: &YearContext<'_, f64>) -> Option<f64> {
    ctx.inputs.health.marketplace.as_ref()?.upper_line()
}

/// The household's MAGI as the credit counts it with the draws `d`.
pub fn magi(ctx: &YearContext<'_, f64>, d: &Draws<f64>) -> f64 {
    let f = ctx.facts(d);
    let (b, _) = ctx.tax_of(&f);
    Marketplace::magi(&f, &b)
}

/// More MAGI that `d` leaves room for, stopping a dollar below the line (none past it).
pub fn room(ctx: &YearContext<'_, f64>, d: &Draws<f64>) -> Option<f64> {
    let line = line(ctx)?;
    Some((line - magi(ctx, d) - 1.0).max(0.0).trunc_cents())
}

/// Spending funded with tax-deferred money up to the line may still cross it through the gains
/// of the taxable sales that fund the rest: shrink the tax-deferred part until MAGI stays below
/// (each dollar less of it is a dollar more of sales, of which only the gain share counts).
pub fn spending_below_the_line(
    ctx: &YearContext<'_, f64>,
    mut spending: Decision<f64>,
) -> Decision<f64> {
    let Some(line) = line(ctx) else {
        return spending;
    };
    let Some(mut cap) = spending.funding.steps().next().and_then(|s| s.cap) else {
        return spending;
    };
    let kept = 1.0 - ctx.gain_ratio.clamp(0.0, 0.9);
    for _ in 0..4 {
        let s = ctx.solve(&spending);
        let over = Marketplace::magi(&s.facts, &s.breakdown) - line;
        if over <= 0.0 || cap <= 0.0 {
            break;
        }
        cap = (cap - over / kept - 0.01).max(0.0).trunc_cents();
        spending = Decision {
            funding: fill_order(cap),
            ..spending
        };
    }
    spending
}
