//! The amounts worth trying in one year: every place where the year's tax changes slope.
//!
//! The objective is piecewise linear in any one year's amount, with its kinks where that year's
//! tax changes slope (and where later years' do), so its best value lies on an edge. The
//! candidates are the amounts that put the year exactly on one: each bracket top, the Social
//! Security thresholds (the torpedo's start and end), the 0% and 15% gain ceilings, the senior
//! deduction's phase-out, the NIIT threshold, a dollar below each IRMAA cliff two years ahead
//! and each Marketplace cliff this year, nothing, and everything.

use super::edges::{irmaa_cliffs, walk};
use super::schedule::{Schedule, YearPlan};
use crate::engine::health::Marketplace;
use crate::engine::{Draws, YearContext};
use crate::strategy::{Decision, Source, Strategy};
use crate::tax::{Direction, income};
use std::sync::Mutex;

/// Which amount of a year a trial changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lever {
    Convert,
    Deferred,
    Taxable,
    Harvest,
}

impl Lever {
    pub const ALL: [Lever; 4] = [
        Lever::Convert,
        Lever::Deferred,
        Lever::Taxable,
        Lever::Harvest,
    ];
}

/// Some of the levers: the ones whose candidates a probe works out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Levers(u8);

impl Levers {
    /// Every lever (what a probe outside a descent works out).
    #[cfg(test)]
    pub const ALL: Levers = Levers(0b1111);
    pub const NONE: Levers = Levers(0);

    pub fn with(self, lever: Lever) -> Levers {
        Levers(self.0 | 1 << lever as u8)
    }

    pub fn has(self, lever: Lever) -> bool {
        self.0 & 1 << lever as u8 != 0
    }

    /// Whether every lever of `other` is one of these.
    pub fn covers(self, other: Levers) -> bool {
        other.0 & !self.0 == 0
    }

    /// These and `other`'s.
    pub fn and(self, other: Levers) -> Levers {
        Levers(self.0 | other.0)
    }

    /// These less `other`'s.
    pub fn without(self, other: Levers) -> Levers {
        Levers(self.0 & !other.0)
    }
}

impl FromIterator<Lever> for Levers {
    fn from_iter<I: IntoIterator<Item = Lever>>(iter: I) -> Levers {
        iter.into_iter().fold(Levers::NONE, Levers::with)
    }
}

/// One year's trial amounts for each lever (empty for a lever not worked out).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Candidates {
    pub convert: Vec<f64>,
    pub deferred: Vec<f64>,
    pub taxable: Vec<f64>,
    pub harvest: Vec<f64>,
}

impl Candidates {
    /// `other`'s candidates of `levers` in place of these.
    pub fn take(&mut self, other: Candidates, levers: Levers) {
        let Candidates {
            convert,
            deferred,
            taxable,
            harvest,
        } = other;
        for (lever, values) in Lever::ALL
            .into_iter()
            .zip([convert, deferred, taxable, harvest])
        {
            if levers.has(lever) {
                *self.values_mut(lever) = values;
            }
        }
    }

    fn values_mut(&mut self, lever: Lever) -> &mut Vec<f64> {
        match lever {
            Lever::Convert => &mut self.convert,
            Lever::Deferred => &mut self.deferred,
            Lever::Taxable => &mut self.taxable,
            Lever::Harvest => &mut self.harvest,
        }
    }

    /// The year's plan with each candidate of `lever` in turn.
    pub fn plans(&self, lever: Lever, now: YearPlan) -> Vec<YearPlan> {
        let (values, set): (&[f64], fn(&mut YearPlan, f64)) = match lever {
            Lever::Convert => (&self.convert, |p, v| p.convert = v),
            Lever::Deferred => (&self.deferred, |p, v| p.deferred = v),
            Lever::Taxable => (&self.taxable, |p, v| p.taxable = v),
            Lever::Harvest => (&self.harvest, |p, v| p.harvest = v),
        };
        values
            .iter()
            .map(|v| {
                let mut p = now;
                set(&mut p, *v);
                // A capped draw replaces one made whatever the need (kept from a named start).
                if lever == Lever::Deferred {
                    p.fixed = 0.0;
                }
                p
            })
            .collect()
    }
}

/// Runs a schedule and, in one year, works out that year's candidates from its context.
pub struct Probe<'a> {
    pub schedule: &'a Schedule,
    pub index: usize,
    /// The levers whose candidates are wanted: the others' edges are not walked.
    pub levers: Levers,
    pub found: Mutex<Option<Candidates>>,
}

impl Strategy for Probe<'_> {
    fn name(&self) -> String {
        "Optimized".into()
    }

    fn decide(&self, ctx: &YearContext<'_, f64>) -> Decision<f64> {
        let plan = self.schedule.year(ctx.index);
        if ctx.index == self.index
            && let Ok(mut slot) = self.found.lock()
        {
            *slot = Some(candidates(ctx, plan, self.levers));
        }
        plan.decision()
    }
}

/// A dollar below a cliff: the books are kept to the cent, and the cliff must not be crossed.
const BELOW_CLIFF: f64 = 1.0;
/// Amounts closer than this are the same trial.
const SAME: f64 = 1.0;

/// Income added along `dir` on top of `pre` at which the year meets an edge, from 0 to `max`.
fn edge_positions(
    ctx: &YearContext<'_, f64>,
    pre: &Draws<f64>,
    dir: Direction<f64>,
    max: f64,
) -> Vec<f64> {
    let inputs = ctx.inputs;
    let facts = ctx.facts(pre);
    let segments = walk(&inputs.law, &inputs.state, &ctx.owners, &facts, dir, max);
    let mut at: Vec<f64> = segments.iter().skip(1).map(|s| s.start).collect();
    // This year's MAGI sets the surcharges two years on, for whoever is on Medicare then.
    let enrolled_then = (0..2).any(|i| inputs.alive[i] && inputs.ages[i] + 2 >= 65);
    if enrolled_then {
        let cliffs = irmaa_cliffs(&segments, &inputs.irmaa_ahead, inputs.filing);
        at.extend(cliffs.iter().map(|c| (c.at - BELOW_CLIFF).max(0.0)));
    }
    // A dollar below each Marketplace cliff this year (the 400% line, Medicaid's limit): MAGI
    // moves dollar for dollar with income in either direction.
    if let Some(m) = &inputs.health.marketplace {
        let magi = Marketplace::magi_of_income(&facts, &income(&inputs.law, &facts));
        at.extend(
            m.cliffs
                .iter()
                .filter(|c| **c > magi)
                .map(|c| (c - magi - BELOW_CLIFF).max(0.0)),
        );
    }
    at.push(0.0);
    at.push(max);
    at
}

/// Sorted, without near-duplicates, without the current amount, within `[0, max]`; amounts at
/// or past `all` (what drawing without a cap would take) become one uncapped trial.
fn tidy(mut values: Vec<f64>, now: f64, all: f64) -> Vec<f64> {
    let mut out: Vec<f64> = Vec::with_capacity(values.len());
    let mut uncapped = false;
    values.retain(|v| v.is_finite() && *v >= 0.0);
    values.sort_by(f64::total_cmp);
    for v in values {
        if v >= all - SAME {
            uncapped = true;
            continue;
        }
        let v = (v * 100.0).floor() / 100.0;
        if out.last().is_some_and(|l| v - l < SAME) || (v - now).abs() < SAME {
            continue;
        }
        out.push(v);
    }
    if uncapped && now.is_finite() && now < all - SAME {
        out.push(f64::INFINITY);
    }
    out
}

/// The year's candidates of `levers`, given what the schedule does in it now. Each lever's are
/// worked out on their own (from the same solved year), so leaving one out changes no other.
pub fn candidates(ctx: &YearContext<'_, f64>, plan: YearPlan, levers: Levers) -> Candidates {
    let solved = ctx.solve(&plan.decision()).draws;
    // The trials below solve other decisions. The search's hint and memo are then put back as
    // the year's own solve left them, so that the year runs, and records its trail, exactly
    // as the schedule's own run does (a solve started from another hint can end a cent apart).
    let left = (ctx.hint.get(), *ctx.memo.borrow());
    let mut out = Candidates::default();
    if levers.has(Lever::Convert) || levers.has(Lever::Deferred) {
        ordinary_candidates(ctx, plan, &solved, levers, &mut out);
    }
    if levers.has(Lever::Taxable) {
        out.taxable = taxable_candidates(ctx, plan, &solved);
    }
    if levers.has(Lever::Harvest) {
        out.harvest = harvest_candidates(ctx, plan, &solved);
    }
    ctx.hint.set(left.0);
    *ctx.memo.borrow_mut() = left.1;
    out
}

/// Conversions' and tax-deferred draws' candidates (those of `levers`).
fn ordinary_candidates(
    ctx: &YearContext<'_, f64>,
    plan: YearPlan,
    solved: &Draws<f64>,
    levers: Levers,
    out: &mut Candidates,
) {
    let deferred_left = ctx.available(Source::Deferred);

    // Ordinary income: conversions and tax-deferred draws both add it, so one set of edges
    // (measured from no elective ordinary income) serves both levers.
    let base = Draws {
        deferred: 0.0,
        convert: 0.0,
        ..*solved
    };
    let ordinary = edge_positions(ctx, &base, Direction::ordinary(), deferred_left);
    if levers.has(Lever::Convert) {
        let room = (deferred_left - solved.deferred).max(0.0);
        out.convert = tidy(
            ordinary
                .iter()
                .map(|e| (e - solved.deferred).min(room))
                .chain([0.0])
                .collect(),
            plan.convert,
            f64::INFINITY,
        );
    }
    if !levers.has(Lever::Deferred) {
        return;
    }
    let all_deferred = ctx
        .solve(
            &YearPlan {
                deferred: f64::INFINITY,
                fixed: 0.0,
                ..plan
            }
            .decision(),
        )
        .draws
        .deferred;
    // A year that draws beyond the need now has no capped draw to keep: every amount is new.
    let now = if plan.fixed > 0.0 {
        -1.0
    } else {
        plan.deferred.min(all_deferred.max(solved.deferred))
    };
    out.deferred = tidy(
        ordinary
            .iter()
            .map(|e| e - solved.convert)
            .chain([0.0])
            .collect(),
        now,
        all_deferred,
    );
}

/// Taxable sales' candidates: sales realise long-term gain in proportion to their gain share.
fn taxable_candidates(ctx: &YearContext<'_, f64>, plan: YearPlan, solved: &Draws<f64>) -> Vec<f64> {
    let taxable_left = ctx.available(Source::Taxable);
    let all_taxable = ctx
        .solve(
            &YearPlan {
                taxable: f64::INFINITY,
                ..plan
            }
            .decision(),
        )
        .draws
        .taxable;
    if ctx.gain_ratio > 0.0 && taxable_left > 0.0 {
        let base = Draws {
            taxable: 0.0,
            ..*solved
        };
        let gains = edge_positions(ctx, &base, Direction::gain(), taxable_left * ctx.gain_ratio);
        tidy(
            gains.iter().map(|g| g / ctx.gain_ratio).collect(),
            plan.taxable.min(all_taxable.max(solved.taxable)),
            all_taxable,
        )
    } else if taxable_left > 0.0 {
        // No gain to steer by: only none or all of the need.
        tidy(
            vec![0.0, all_taxable],
            plan.taxable.min(all_taxable.max(solved.taxable)),
            all_taxable,
        )
    } else {
        Vec::new()
    }
}

/// Harvests' candidates: a harvest realises long-term gain directly.
fn harvest_candidates(ctx: &YearContext<'_, f64>, plan: YearPlan, solved: &Draws<f64>) -> Vec<f64> {
    let unrealized = (ctx.unrealized - solved.taxable * ctx.gain_ratio.max(0.0)).max(0.0);
    if unrealized > SAME {
        let base = Draws {
            harvest: 0.0,
            ..*solved
        };
        let gains = edge_positions(ctx, &base, Direction::gain(), unrealized);
        tidy(gains, plan.harvest, f64::INFINITY)
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::tidy;

    #[test]
    fn tidy_sorts_merges_and_caps() {
        let t = tidy(vec![5.0, 0.0, 5.4, 100.0, 250.0, 300.0], 100.0, 260.0);
        assert_eq!(t, vec![0.0, 5.0, 250.0, f64::INFINITY]);
        let t = tidy(vec![3.0, f64::NAN, -1.0], 0.0, f64::INFINITY);
        assert_eq!(t, vec![3.0]);
    }
}
