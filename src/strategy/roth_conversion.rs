//! The integrated strategy: fill a bracket with tax-deferred draws and convert what the spending
//! did not use to Roth, within a yearly cap and below the next IRMAA tier.

use super::bracket_fill::{bracket_rate, fill_order, fill_target, spend_room};
use super::landing::{land_conversion, trim_to_line};
use super::{Decision, Limit, Note, Strategy};
use crate::engine::health::Marketplace;
use crate::engine::{Draws, YearContext};
use crate::num::Num;
use crate::strategy::{AfterFall, Source};
use rust_decimal::Decimal;

pub struct RothConversion {
    pub name: String,
    pub bracket: Decimal,
    pub yearly_cap: Option<Decimal>,
    pub irmaa_aware: bool,
    pub aca_aware: bool,
    pub stop_at_rmd: bool,
    pub years: Option<u32>,
    pub after_fall: Option<AfterFall>,
}

impl RothConversion {
    /// The bracket to fill this year: the after-fall bracket in a year after the portfolio's
    /// stock/bond mix lost more than the rule's drop, else the strategy's own.
    fn bracket_now(&self, ctx: &YearContext<'_, f64>) -> Decimal {
        match self.after_fall {
            Some(f) if last_year_return(ctx) < -f64::from_dec(f.drop) => f.bracket,
            _ => self.bracket,
        }
    }
}

/// Last year's nominal return of the household's mix: each account's stock/bond (or cash)
/// return on last year's path, weighted by the plan's opening balances. The rule looks back only:
/// a decision never sees this year's returns. In the first year there is no last year (0).
pub fn last_year_return(ctx: &YearContext<'_, f64>) -> f64 {
    let Some(last) = ctx
        .index
        .checked_sub(1)
        .and_then(|k| ctx.scenario.years.get(k))
    else {
        return 0.0;
    };
    let (mut sum, mut weight) = (0.0, 0.0);
    for a in &ctx.scenario.accounts {
        if a.balance > 0.0 {
            sum += a.balance * a.total_return(&last.returns);
            weight += a.balance;
        }
    }
    if weight > 0.0 { sum / weight } else { 0.0 }
}

impl RothConversion {
    /// The tax-deferred money that keeps MAGI a dollar below the Marketplace credit's income
    /// limit, when someone is on the Marketplace this year and the switch is on.
    fn aca_room(&self, ctx: &YearContext<'_, f64>) -> Option<f64> {
        if !self.aca_aware {
            return None;
        }
        super::aca::room(ctx, &Draws::default())
    }
}

impl Strategy for RothConversion {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn decide(&self, ctx: &YearContext<'_, f64>) -> Decision<f64> {
        super::young_roth_last(ctx, self.decide_unordered(ctx))
    }
}

impl RothConversion {
    /// The decision before Roth money under the five-year rule is moved last.
    fn decide_unordered(&self, ctx: &YearContext<'_, f64>) -> Decision<f64> {
        let bracket = self.bracket_now(ctx);
        let (target, room) = fill_target(ctx, bracket, None);
        // Below the Marketplace credit's income limit, the tax-deferred room (for spending and
        // conversion alike) ends a dollar short of it: MAGI moves dollar for dollar with it.
        let aca_room = self.aca_room(ctx).filter(|r| *r < room);
        let room = aca_room.unwrap_or(room);
        let bracket_rate = bracket_rate(ctx, bracket);
        let note = |limit| Note::Convert {
            bracket_rate,
            target,
            room,
            limit,
        };
        let mut spending = Decision::funding_only(fill_order(spend_room(ctx, room)));
        if aca_room.is_some() {
            spending = super::aca::spending_below_the_line(ctx, spending);
        }
        if self.years.is_some_and(|n| ctx.index >= n as usize) {
            return Decision {
                note: note(Limit::YearsOver),
                ..spending
            };
        }
        if self.stop_at_rmd && ctx.rmd_started {
            return Decision {
                note: note(Limit::RmdStarted),
                ..spending
            };
        }

        // First meet the spending, then convert the room it left.
        let solved = ctx.solve(&spending);
        let drawn = solved.draws.deferred;
        let mut convert = (room - drawn).pos();
        if convert < 1.0 {
            return Decision {
                note: note(Limit::SpendingFilled),
                ..spending
            };
        }
        let mut limit = if aca_room.is_some() {
            Limit::Aca
        } else {
            Limit::Bracket
        };
        if let Some(cap) = self.yearly_cap {
            let cap = (f64::from_dec(cap) * ctx.inputs.price_level).round_cents();
            if convert > cap {
                convert = cap;
                limit = Limit::YearlyCap;
            }
        }
        let left = (ctx.available(Source::Deferred) - drawn)
            .min_of(ctx.convertible)
            .pos();
        if convert >= left {
            convert = left;
            limit = Limit::Balance;
        }
        let decide = |convert: f64, limit| Decision {
            convert: convert.pos().trunc_cents(),
            harvest: 0.0,
            fixed_deferred: 0.0,
            funding: fill_order(drawn),
            note: note(limit),
        };
        let mut decision = decide(convert, limit);

        // Paying the conversion's tax by selling taxable assets raises AGI and may draw more
        // Social Security into tax, and the senior deduction shrinks as MAGI rises: land
        // ordinary income on the bracket top.
        if target.is_finite() {
            let c = land_conversion(decision.convert, |c| {
                ctx.solve(&decide(c, limit))
                    .breakdown
                    .ordinary_taxable_income
                    - target
            });
            decision = decide(c, limit);
        }

        let will_enroll = (0..2).any(|i| ctx.inputs.alive[i] && ctx.inputs.ages[i] + 2 >= 65);
        if self.irmaa_aware && will_enroll {
            let before = solved.breakdown.magi;
            if let Some(ceiling) = ctx
                .inputs
                .irmaa_ahead
                .tier_ceiling(ctx.inputs.filing, before)
            {
                let magi = |c| ctx.solve(&decide(c, limit)).breakdown.magi;
                if let Some(c) = trim_to_line(decision.convert, ceiling, magi) {
                    decision = decide(c, Limit::Irmaa);
                }
            }
        }

        // The Marketplace credit ends at the income limit: stop a dollar below it, unless the
        // spending alone already crosses it.
        if self.aca_aware
            && let Some(m) = &ctx.inputs.health.marketplace
            && let Some(line) = m.upper_line()
            && Marketplace::magi(&solved.facts, &solved.breakdown) <= line
        {
            let magi = |c| {
                let s = ctx.solve(&decide(c, limit));
                Marketplace::magi(&s.facts, &s.breakdown)
            };
            if let Some(c) = trim_to_line(decision.convert, line, magi) {
                decision = decide(c, Limit::Aca);
            }
        }
        decision
    }
}
