//! Fill a bracket with tax-deferred draws, then taxable, then Roth.

use super::{Decision, Funding, Note, Source, Step, Strategy};
use crate::engine::{Draws, YearContext};
use crate::num::Num;
use rust_decimal::Decimal;

pub struct BracketFill {
    pub name: String,
    pub bracket: Decimal,
    pub taxable_income: Option<Decimal>,
    pub aca_aware: bool,
    /// Draw the room whatever the year needs; the engine reinvests what is left in taxable.
    pub draw_beyond_need: bool,
}

/// The usual ordinary rates; a bracket is named by its rate here and found by position, so a
/// plan's "12% bracket" stays the second bracket when a rate-change law moves its rate (and under
/// a flat-rate law, which keeps the brackets' edges, names the same edge). A plan may name only
/// these and 0 (what the deductions cover): see `spec::bracket_problem`.
pub(crate) const LADDER: [Decimal; 7] = [
    Decimal::from_parts(10, 0, 0, false, 2),
    Decimal::from_parts(12, 0, 0, false, 2),
    Decimal::from_parts(22, 0, 0, false, 2),
    Decimal::from_parts(24, 0, 0, false, 2),
    Decimal::from_parts(32, 0, 0, false, 2),
    Decimal::from_parts(35, 0, 0, false, 2),
    Decimal::from_parts(37, 0, 0, false, 2),
];

/// The ladder's rates in hundredths.
const LADDER_PERCENT: [i128; 7] = [10, 12, 22, 24, 32, 35, 37];

/// Position of the highest ladder rate at or below `rate` (0 below the ladder). Compared on the
/// Decimal's integer parts, exactly as Decimal's own ordering would and without its cost (a
/// strategy asks every year): `m / 10^s >= k / 100` exactly when `100 m >= k 10^s`.
fn ladder_index(rate: Decimal) -> usize {
    let scale = rate.scale();
    if rate.is_sign_negative() || scale > 28 {
        return LADDER.iter().rposition(|r| *r <= rate).unwrap_or(0);
    }
    let lhs = rate.mantissa() * 100;
    let unit = 10i128.pow(scale);
    LADDER_PERCENT
        .iter()
        .rposition(|k| lhs >= k * unit)
        .unwrap_or(0)
}

/// Taxable-income top of the bracket named by `rate` this year: 0 for the "0% bracket" (what the
/// deductions cover), `None` for the top bracket (no top).
pub fn bracket_top(ctx: &YearContext<'_, f64>, rate: Decimal) -> Option<f64> {
    if rate <= Decimal::ZERO {
        return Some(0.0);
    }
    let fi = ctx.inputs.filing.index();
    ctx.inputs.law.brackets[fi].get(ladder_index(rate)).copied()
}

/// The bracket's rate this year (after any law change).
pub fn bracket_rate(ctx: &YearContext<'_, f64>, rate: Decimal) -> f64 {
    if rate <= Decimal::ZERO {
        return 0.0;
    }
    ctx.inputs.law.rates[ladder_index(rate)]
}

/// Taxable-income target and the tax-deferred room to reach it.
pub fn fill_target(
    ctx: &YearContext<'_, f64>,
    bracket: Decimal,
    taxable_income: Option<Decimal>,
) -> (f64, f64) {
    let target = match taxable_income {
        Some(t) => Some((f64::from_dec(t) * ctx.inputs.price_level).round_cents()),
        None => bracket_top(ctx, bracket),
    };
    match target {
        Some(t) => (t, ctx.ordinary_room(t, &Draws::default())),
        None => (f64::INFINITY, ctx.available(Source::Deferred)),
    }
}

/// The tax-deferred room the spending may use: none while tax-deferred draws bear the 10%
/// early-withdrawal tax (cash, taxable and Roth come first; tax-deferred money is drawn last).
pub fn spend_room(ctx: &YearContext<'_, f64>, room: f64) -> f64 {
    if ctx.early_rate > 0.0 { 0.0 } else { room }
}

/// Tax-deferred up to `room`, then cash, taxable, Roth and the rest of tax-deferred.
pub fn fill_order(room: f64) -> Funding<f64> {
    let step = |source, cap| Step { source, cap };
    Funding::ordered(&[
        step(Source::Deferred, Some(room)),
        step(Source::Cash, None),
        step(Source::Taxable, None),
        step(Source::Roth, None),
        step(Source::Deferred, None),
    ])
}

impl Strategy for BracketFill {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn decide(&self, ctx: &YearContext<'_, f64>) -> Decision<f64> {
        super::young_roth_last(ctx, self.decide_unordered(ctx))
    }
}

impl BracketFill {
    /// The decision before Roth money under the five-year rule is moved last.
    fn decide_unordered(&self, ctx: &YearContext<'_, f64>) -> Decision<f64> {
        let (target, room) = fill_target(ctx, self.bracket, self.taxable_income);
        // Below the Marketplace credit's income limit the room ends a dollar short of it.
        let aca_room = if self.aca_aware {
            super::aca::room(ctx, &Draws::default()).filter(|r| *r < room)
        } else {
            None
        };
        let room = aca_room.unwrap_or(room);
        let decision = Decision {
            note: Note::FillTo {
                bracket_rate: bracket_rate(ctx, self.bracket),
                target,
                room,
            },
            ..Decision::funding_only(fill_order(spend_room(ctx, room)))
        };
        let decision = match aca_room {
            Some(_) => super::aca::spending_below_the_line(ctx, decision),
            None => decision,
        };
        if self.draw_beyond_need {
            beyond_need(decision)
        } else {
            decision
        }
    }
}

/// The fill's first step (tax-deferred up to the room left for spending) made a fixed draw:
/// the same draws whenever the year needs at least the room, and the whole room when it needs
/// less, the rest reinvested.
fn beyond_need(decision: Decision<f64>) -> Decision<f64> {
    let Some(first) = decision.funding.steps().next() else {
        return decision;
    };
    let (Source::Deferred, Some(room)) = (first.source, first.cap) else {
        return decision;
    };
    let mut steps: Vec<Step<f64>> = decision.funding.steps().collect();
    steps[0].cap = Some(0.0);
    Decision {
        fixed_deferred: room.max(0.0),
        funding: Funding::ordered(&steps),
        ..decision
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn the_ladder_index_agrees_with_decimal_ordering() {
        let rates = [
            dec!(0),
            dec!(0.05),
            dec!(0.1),
            dec!(0.10),
            dec!(0.1199999999999999),
            dec!(0.12),
            dec!(0.1200000000000000000000000001),
            dec!(0.22),
            dec!(0.2200),
            dec!(0.35),
            dec!(0.37),
            dec!(0.5),
            dec!(1),
            dec!(-0.12),
            dec!(12),
        ];
        for r in rates {
            let slow = LADDER.iter().rposition(|l| *l <= r).unwrap_or(0);
            assert_eq!(ladder_index(r), slow, "{r}");
        }
    }
}
