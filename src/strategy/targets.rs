//! An optimized schedule as a policy for any return path: bracket targets.
//!
//! A schedule of dollar amounts is an answer for one path. After a crash the tax-deferred account
//! is smaller and the same dollar conversion is a larger share of it; after a boom the RMD alone
//! may already fill the bracket the schedule filled. What carries over is where each year's
//! ordinary income stops on the tax ladder (in the 22% bracket, 30% of the way up, or at the 24%
//! bracket's top) and the order the rest of the need is met in. So each year of a
//! [`BracketTargets`] holds:
//!
//! - the year's ordinary taxable income as a **position on that year's ladder** (a bracket and a
//!   share of the way through it), read back on the path's own thresholds, which move with the
//!   path's inflation after the law tables end; below the deductions it is a share of the
//!   standard deduction;
//! - whether the year converts: in a converting year the conversion is what fills ordinary
//!   income up to the target after the spending's draws (never more than the account holds,
//!   after the RMD, which the engine takes first); other years convert nothing;
//! - the schedule's caps for the spending's tax-deferred draw, cash and taxable sales, in the
//!   plan's first-year dollars (the need follows the path's prices), met in the schedule's
//!   order: tax-deferred (never past the target), cash, taxable, Roth, then whatever is left
//!   (cash, taxable, tax-deferred), so the need is met whenever money remains;
//! - the tax-deferred money drawn whatever the need (a low bracket filled, the rest reinvested
//!   in taxable), in first-year dollars, drawn first and never past the target, so a
//!   conversion in the same year fills what it leaves;
//! - the gains harvested, in first-year dollars, at most the unrealised gain;
//! - the edges the year stayed behind: the IRMAA tier its MAGI sets two years on (when the next
//!   tier costs more), and the Marketplace credit's 400% line when the year kept below it. A
//!   conversion is trimmed to stay behind them on the path too.
//!
//! The data are plain numbers per year: the construction from a search's answer lives above
//! (`Optimized::policy`), so this layer does not depend on the search.

use super::landing::{land_conversion, trim_to_line};
use super::{Decision, Funding, Note, Source, Step, Strategy};
use crate::engine::{Draws, Solution, YearContext};
use crate::num::Num;

/// Where an amount of ordinary taxable income stands on a year's tax ladder.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Position {
    /// Short of the end of the deductions: a share of the basic standard deduction (−0.25:
    /// a quarter of it left unused).
    Deductions(f64),
    /// In bracket `k` (0 the lowest), `share` of the way from its bottom to its top.
    Bracket { k: usize, share: f64 },
    /// Past the top bracket's start: a multiple of that threshold.
    Top(f64),
    /// In the plan's first-year dollars, where the law's ladder cannot place it (a law whose
    /// thresholds do not rise).
    Real(f64),
}

impl Position {
    /// The position of `x` (ordinary taxable income before the floor at zero, dollars of a year
    /// whose prices are `price_level` times the first year's) on a ladder.
    pub fn of(x: f64, brackets: &[f64; 6], standard: f64, price_level: f64) -> Position {
        let real = || {
            Position::Real(if price_level > 0.0 {
                x / price_level
            } else {
                x
            })
        };
        let rising = brackets[0] > 0.0 && brackets.windows(2).all(|w| w[1] > w[0]);
        if !rising || !x.is_finite() {
            return real();
        }
        if x < 0.0 {
            return if standard > 0.0 {
                Position::Deductions(x / standard)
            } else {
                real()
            };
        }
        let mut lo = 0.0;
        for (k, hi) in brackets.iter().enumerate() {
            if x <= *hi {
                return Position::Bracket {
                    k,
                    share: (x - lo) / (hi - lo),
                };
            }
            lo = *hi;
        }
        Position::Top(x / brackets[5])
    }

    /// The amount at this position on another year's (or path's) ladder.
    pub fn at(&self, brackets: &[f64; 6], standard: f64, price_level: f64) -> f64 {
        let rising = brackets[0] > 0.0 && brackets.windows(2).all(|w| w[1] > w[0]);
        match *self {
            Position::Deductions(s) if standard > 0.0 => s * standard,
            Position::Bracket { k, share } if rising && k < 6 => {
                let lo = if k == 0 { 0.0 } else { brackets[k - 1] };
                lo + share * (brackets[k] - lo)
            }
            Position::Top(m) if rising => m * brackets[5],
            Position::Real(r) => r * price_level,
            // A ladder that cannot place it: the nearest sensible reading, the bracket's top.
            Position::Bracket { k, .. } => brackets[k.min(5)].max(0.0),
            Position::Deductions(_) | Position::Top(_) => 0.0,
        }
    }
}

/// One year of the policy. Amounts are in the plan's first-year dollars.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TargetYear {
    pub year: i32,
    /// Where the year's ordinary taxable income stopped.
    pub ordinary: Position,
    /// The year converts to Roth (up to the target).
    pub converts: bool,
    /// Cap on the spending's tax-deferred draw (beyond the RMD).
    pub deferred: f64,
    /// Caps on cash and taxable sales before Roth money is drawn; `None`: no cap.
    pub cash: Option<f64>,
    pub taxable: Option<f64>,
    /// Cap on Roth money before the rest of cash, taxable and tax-deferred money.
    pub roth: Option<f64>,
    /// Gains realised by selling and rebuying.
    pub harvest: f64,
    /// The IRMAA tier (two years on) whose ceiling a conversion keeps MAGI within.
    pub irmaa_tier: Option<u8>,
    /// The year kept MAGI below the Marketplace credit's 400% line; a conversion keeps it there.
    pub below_aca_line: bool,
    /// Tax-deferred money drawn whatever the need (never past the target), before the rest:
    /// what the need leaves of it is reinvested.
    pub fixed: f64,
}

impl Default for TargetYear {
    /// A year the policy has no data for: no conversion, no tax-deferred draw before the rest.
    fn default() -> TargetYear {
        TargetYear {
            year: 0,
            ordinary: Position::Real(0.0),
            converts: false,
            deferred: 0.0,
            cash: None,
            taxable: None,
            roth: None,
            harvest: 0.0,
            irmaa_tier: None,
            below_aca_line: false,
            fixed: 0.0,
        }
    }
}

/// The optimized schedule as a policy (see the module's description).
#[derive(Debug, Clone, PartialEq)]
pub struct BracketTargets {
    pub name: String,
    /// One per plan year, the first year first.
    pub years: Vec<TargetYear>,
}

/// What a policy on each path is called where space allows.
pub const POLICY_LABEL: &str = "as a policy: bracket targets";

/// Ordinary taxable income before the floor at zero on a solved year (as the engine's
/// `ordinary_room` measures it).
fn ordinary_excess(s: &Solution<f64>) -> f64 {
    let b = &s.breakdown;
    b.agi - b.standard_deduction - b.senior_deduction - s.facts.preferential()
}

impl BracketTargets {
    fn year(&self, ctx: &YearContext<'_, f64>) -> TargetYear {
        let first = self.years.first().map_or(0, |y| y.year);
        usize::try_from(ctx.inputs.year - first)
            .ok()
            .and_then(|k| self.years.get(k))
            .filter(|y| y.year == ctx.inputs.year)
            .copied()
            .unwrap_or_default()
    }
}

/// The order in which the optimized schedule and its policy meet a year's need: tax-deferred,
/// cash, taxable sales and Roth each up to its cap (`None`: no cap), then the rest of cash,
/// taxable and tax-deferred money, and Roth money last when it was capped. With Roth capped at
/// nothing this is the conventional order (cash, taxable, tax-deferred, Roth); uncapped, Roth
/// money comes before any tax-deferred money beyond its cap.
pub fn capped_order(
    deferred: Option<f64>,
    cash: Option<f64>,
    taxable: Option<f64>,
    roth: Option<f64>,
) -> Funding<f64> {
    let step = |source, cap: Option<f64>| Step {
        source,
        cap: cap.map(|c| c.max(0.0)),
    };
    let steps = [
        step(Source::Deferred, deferred),
        step(Source::Cash, cash),
        step(Source::Taxable, taxable),
        step(Source::Roth, roth),
        step(Source::Cash, None),
        step(Source::Taxable, None),
        step(Source::Deferred, None),
        step(Source::Roth, None),
    ];
    let used = if roth.is_some() { 8 } else { 7 };
    Funding::ordered(&steps[..used])
}

/// `amount` (of a conversion or a draw made whatever the need, as `with` decides it) trimmed
/// to keep the year behind the IRMAA cliff and the Marketplace line it stayed behind (a dollar
/// below the line).
fn behind_edges(
    ctx: &YearContext<'_, f64>,
    y: &TargetYear,
    amount: f64,
    with: &dyn Fn(f64) -> Decision<f64>,
) -> f64 {
    let mut amount = amount;
    if let Some(ceiling) = y
        .irmaa_tier
        .and_then(|t| ctx.inputs.irmaa_ahead.ceiling_of(ctx.inputs.filing, t))
    {
        let magi = |c| ctx.solve(&with(c)).breakdown.magi;
        if let Some(c) = trim_to_line(amount, ceiling, magi) {
            amount = c;
        }
    }
    if y.below_aca_line
        && let Some(line) = super::aca::line(ctx)
    {
        let magi = |c| {
            let s = ctx.solve(&with(c));
            crate::engine::health::Marketplace::magi(&s.facts, &s.breakdown)
        };
        if let Some(c) = trim_to_line(amount, line - 1.0, magi) {
            amount = c;
        }
    }
    amount
}

impl Strategy for BracketTargets {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn decide(&self, ctx: &YearContext<'_, f64>) -> Decision<f64> {
        let y = self.year(ctx);
        let p = ctx.inputs.price_level;
        // An unbounded cap stays unbounded (rounding infinity gives no number).
        let real = |x: f64| {
            if x.is_finite() {
                (x * p).round_cents()
            } else {
                x
            }
        };
        let fi = ctx.inputs.filing.index();
        let law = &ctx.inputs.law;
        let target = y.ordinary.at(&law.brackets[fi], law.standard[fi], p);
        let aca = |d: &Draws<f64>| {
            if y.below_aca_line {
                super::aca::room(ctx, d)
            } else {
                None
            }
        };
        let harvest = real(y.harvest).min(ctx.unrealized.max(0.0)).trunc_cents();
        let spending_with = |deferred: f64| Decision {
            convert: 0.0,
            harvest,
            fixed_deferred: 0.0,
            funding: capped_order(
                deferred.is_finite().then_some(deferred),
                y.cash.map(real),
                y.taxable.map(real),
                y.roth.map(real),
            ),
            note: Note::Order,
        };
        // The spending's tax-deferred draw stops at the target (and the Marketplace line). Most
        // years' draws stay below it, which one solve shows; only a year past it pays for the
        // search of the room (a simulation runs this for every year of every path).
        let mut spending = spending_with(real(y.deferred));
        let mut solved = ctx.solve(&spending);
        let past_line = y.below_aca_line
            && super::aca::line(ctx).is_some_and(|line| {
                crate::engine::health::Marketplace::magi(&solved.facts, &solved.breakdown)
                    >= line - 1.0
            });
        if solved.draws.deferred > 0.0 && (ordinary_excess(&solved) > target + 0.5 || past_line) {
            let none = Draws::default();
            let mut room = ctx.ordinary_room(target, &none);
            if let Some(r) = aca(&none) {
                room = room.min(r);
            }
            spending = spending_with(real(y.deferred).min(room));
            solved = ctx.solve(&spending);
        }
        // A year that drew whatever its need draws that first, never past the target nor the
        // edges the year stayed behind; what the need leaves is reinvested.
        if y.fixed >= 0.01 {
            let fill = |f: f64| Decision {
                fixed_deferred: f.max(0.0).trunc_cents(),
                ..spending
            };
            let most = real(y.fixed).min(ctx.available(Source::Deferred));
            let f = land_conversion(most, |f| ordinary_excess(&ctx.solve(&fill(f))) - target);
            let f = behind_edges(ctx, &y, f, &fill);
            if f >= 0.01 {
                spending = fill(f);
                solved = ctx.solve(&spending);
            }
        }
        if !y.converts {
            return spending;
        }
        // Convert what fills ordinary income to the target after the spending's draws: at most
        // what the accounts hold after the RMD and those draws. A dollar converted adds at least
        // a dollar of ordinary income, so the gap is the most it can be.
        let left = (ctx.available(Source::Deferred) - solved.draws.deferred).max(0.0);
        let mut convert = (target - ordinary_excess(&solved)).min(left).trunc_cents();
        if let Some(r) = aca(&solved.draws) {
            convert = convert.min(r);
        }
        if convert < 1.0 {
            return spending;
        }
        let with = |convert: f64| Decision {
            convert: convert.max(0.0).trunc_cents(),
            ..spending
        };
        // The conversion's tax is met by the spending's order, which may draw more tax-deferred
        // money or sell more (raising taxable Social Security), so ordinary income rises by more
        // than the conversion: landed on the target, never past it.
        let decision = with(land_conversion(convert, |c| {
            ordinary_excess(&ctx.solve(&with(c))) - target
        }));
        let mut decision = with(behind_edges(ctx, &y, decision.convert, &with));
        // The year that empties the account, with Roth money drawn last: past the dollars the
        // spending would have drawn, converting more only relabels them (converted, then drawn
        // back from Roth to pay the year). Convert that much less when the year's ordinary income
        // stays where it was (with Roth first, the tax is paid from Roth either way and less
        // converted lowers it).
        if decision.convert >= left - 0.005 {
            let at = ctx.solve(&decision);
            let back = (at.draws.roth - solved.draws.roth).trunc_cents();
            if back >= 0.01 {
                let fewer = with(decision.convert - back);
                let then = ctx.solve(&fewer);
                if (ordinary_excess(&then) - ordinary_excess(&at)).abs() <= SAME_LEVEL
                    && then.draws.roth < at.draws.roth
                {
                    decision = fewer;
                }
            }
        }
        if decision.convert < 1.0 {
            return spending;
        }
        decision
    }
}

/// Two amounts of ordinary income this close are the same year.
const SAME_LEVEL: f64 = 0.5;

#[cfg(test)]
mod tests {
    use super::*;

    const LADDER: [f64; 6] = [
        24_800.0, 100_800.0, 211_400.0, 403_550.0, 512_450.0, 768_700.0,
    ];

    #[test]
    fn a_position_reads_back_on_its_own_ladder_and_moves_with_another() {
        for x in [
            -9_000.0, 0.0, 1.0, 24_800.0, 60_000.0, 211_400.0, 403_550.0, 900_000.0,
        ] {
            let p = Position::of(x, &LADDER, 32_200.0, 1.1);
            assert!(
                (p.at(&LADDER, 32_200.0, 1.1) - x).abs() < 1e-6,
                "{x}: {p:?}"
            );
        }
        // The top of the 24% bracket stays its top on a ladder indexed 30% higher.
        let top = Position::of(403_550.0, &LADDER, 32_200.0, 1.0);
        assert_eq!(top, Position::Bracket { k: 3, share: 1.0 });
        let higher = LADDER.map(|b| b * 1.3);
        assert!((top.at(&higher, 32_200.0 * 1.3, 1.3) - 403_550.0 * 1.3).abs() < 1e-6);
        // Halfway through the 22% bracket stays halfway.
        let mid = Position::of(156_100.0, &LADDER, 32_200.0, 1.0);
        let at = mid.at(&higher, 41_860.0, 1.3);
        assert!((at - (higher[1] + higher[2]) / 2.0).abs() < 1e-6, "{at}");
        // A ladder that does not rise (a flat-rate law) keeps first-year dollars.
        let flat = [0.0; 6];
        let p = Position::of(50_000.0, &flat, 0.0, 2.0);
        assert_eq!(p, Position::Real(25_000.0));
        assert_eq!(p.at(&flat, 0.0, 3.0), 75_000.0);
    }
}
