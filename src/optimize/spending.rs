//! The spending objective: the highest constant real spending that lasts to the horizon and
//! leaves at least a chosen after-tax estate.
//!
//! Spending is the plan's first-year living cost in whole today's dollars; the rest of the
//! path (later changes by age) scales with it, one-off expenses stay as stated. A strategy's
//! value is found by bisection on fast runs, then confirmed on the exact books (a dollar lower at
//! a time when they disagree). The optimized strategy starts at the best named strategy's value
//! with its years, and pushes the spending up while a search still finds years that carry it.

use super::estate::relabel;
use super::schedule::Schedule;
use super::score::score;
use super::search::Search;
use super::{Budget, OptimizeError, Optimized, named_specs};
use crate::engine::{Outcome, Projection, ReturnPath, Scenario, outcome, project};
use crate::money::MAX_MONEY;
use crate::num::Num;
use crate::plan::Plan;
use crate::strategy::{Objective, Strategy, StrategySpec, build};
use rayon::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// Sweeps per spending level tried: each level starts from the last one's years.
const INNER_SWEEPS: usize = 2;
/// Share of the progress bar the named strategies take.
const NAMED_SHARE: f32 = 0.25;

/// The plan with its living costs scaled so the first year's is `spending`.
pub fn scaled(plan: &Plan, spending: Decimal) -> Plan {
    let mut p = plan.clone();
    let annual = plan.spending.annual;
    if annual > Decimal::ZERO {
        let k = spending / annual;
        for c in &mut p.spending.changes {
            c.annual = (c.annual * k).round_dp(2);
        }
    }
    p.spending.annual = spending;
    p
}

/// A fast scenario's living costs scaled by `k` from `base`.
fn rescale(quick: &mut Scenario<f64>, base: &[f64], k: f64) {
    for (y, b) in quick.years.iter_mut().zip(base) {
        y.living = (b * k * 100.0).round() / 100.0;
    }
}

/// The most spending the objective may try: the most a plan may state as its spending.
fn most_spending() -> i64 {
    MAX_MONEY.to_i64().unwrap_or(i64::MAX)
}

/// Bisects `ok`'s edge between `lo` (accepted) and `hi` (refused): the largest accepted amount.
fn narrow(
    mut lo: i64,
    mut hi: i64,
    mut ok: impl FnMut(i64) -> Result<bool, OptimizeError>,
) -> Result<i64, OptimizeError> {
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if ok(mid)? {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok(lo)
}

/// The largest whole amount in `[0, most_spending()]` that `ok` accepts, assuming it accepts
/// every smaller one; 0 when it accepts none. `guess` is where to start looking.
fn highest(
    mut ok: impl FnMut(i64) -> Result<bool, OptimizeError>,
    guess: i64,
) -> Result<i64, OptimizeError> {
    if !ok(0)? {
        return Ok(0);
    }
    let most = most_spending();
    let (mut lo, mut hi) = (0, guess.clamp(1, most));
    for _ in 0..16 {
        if !ok(hi)? {
            break;
        }
        lo = hi;
        if hi == most {
            return Ok(most);
        }
        hi = hi.saturating_mul(2).min(most);
    }
    narrow(lo, hi, ok)
}

/// One strategy at a spending, exactly; and whether it meets the objective's terms.
fn exact_at(
    plan: &Plan,
    spending: i64,
    strategy: &dyn Strategy,
    min_estate: Decimal,
) -> Result<(Projection<Decimal>, Outcome, bool), OptimizeError> {
    let p = scaled(plan, Decimal::from(spending));
    let sc = Scenario::<Decimal>::build(&p, &ReturnPath::constant(&p))?;
    let projection = project(&sc, &sc.to_f64(), strategy);
    let o = outcome(&projection, &sc.estate_ages);
    let ok = o.lasts_to_horizon && o.estate_real >= min_estate;
    Ok((projection, o, ok))
}

/// The highest spending at or below `spending` the exact books confirm, stepping down by
/// doubling steps when they disagree with the fast ones.
fn confirm(
    plan: &Plan,
    spending: i64,
    strategy: &dyn Strategy,
    min_estate: Decimal,
) -> Result<(i64, Projection<Decimal>, Outcome, bool), OptimizeError> {
    let mut s = spending.max(0);
    let mut step = 1;
    loop {
        let (p, o, ok) = exact_at(plan, s, strategy, min_estate)?;
        if ok || s == 0 || step > 1 << 24 {
            return Ok((s, p, o, ok));
        }
        s = (s - step).max(0);
        step *= 2;
    }
}

/// What the fast books need to look at spending levels.
#[derive(Clone)]
struct Quick {
    scenario: Scenario<f64>,
    living: Vec<f64>,
    annual: f64,
}

impl Quick {
    fn new(plan: &Plan) -> Result<Quick, OptimizeError> {
        let sc = Scenario::<Decimal>::build(plan, &ReturnPath::constant(plan))?;
        let scenario = sc.to_f64();
        let living = scenario.years.iter().map(|y| y.living).collect();
        Ok(Quick {
            scenario,
            living,
            annual: plan.spending.annual.to_f64(),
        })
    }

    fn at(&mut self, spending: i64) -> &Scenario<f64> {
        rescale(
            &mut self.scenario,
            &self.living,
            (spending as f64).ratio(self.annual),
        );
        &self.scenario
    }
}

fn cancelled(cancel: &AtomicBool) -> Result<(), OptimizeError> {
    if cancel.load(Ordering::Relaxed) {
        Err(OptimizeError::Cancelled)
    } else {
        Ok(())
    }
}

/// The highest first-year spending (whole today's dollars) under which `spec` lasts to the
/// horizon and leaves at least `min_estate` real, confirmed exactly; with its projection there.
/// 0 when even no spending meets the terms.
pub fn sustainable_spending(
    plan: &Plan,
    spec: &StrategySpec,
    min_estate: Decimal,
) -> Result<(Decimal, Projection<Decimal>, Outcome), OptimizeError> {
    let mut quick = Quick::new(plan)?;
    let (s, p, o) = named_value(plan, &mut quick, spec, min_estate, &AtomicBool::new(false))?;
    Ok((Decimal::from(s), p, o))
}

fn named_value(
    plan: &Plan,
    quick: &mut Quick,
    spec: &StrategySpec,
    min_estate: Decimal,
    cancel: &AtomicBool,
) -> Result<(i64, Projection<Decimal>, Outcome), OptimizeError> {
    let strategy = build(spec);
    let min = min_estate.to_f64();
    let guess = plan.spending.annual.round().to_i64().unwrap_or(1);
    let s = highest(
        |s| {
            cancelled(cancel)?;
            Ok(score(quick.at(s), strategy.as_ref()).feasible(min))
        },
        guess,
    )?;
    let (s, p, o, _) = confirm(plan, s, strategy.as_ref(), min_estate)?;
    Ok((s, p, o))
}

pub(super) fn maximise(
    plan: &Plan,
    min_estate: Decimal,
    budget: &Budget,
    started: Instant,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(f32),
    partial: Option<&mut dyn FnMut(Optimized)>,
) -> Result<Optimized, OptimizeError> {
    if plan.spending.annual <= Decimal::ZERO {
        return Err(OptimizeError::InvalidPlan(
            "spending.annual: the spending objective scales the yearly spending, which is zero"
                .into(),
        ));
    }
    let min = min_estate.to_f64();
    let mut quick = Quick::new(plan)?;

    // Every named strategy's own sustainable spending; the best is the value to beat.
    let specs = named_specs(plan);
    let mut best: Option<(i64, Projection<Decimal>, Outcome)> = None;
    for (i, spec) in specs.iter().enumerate() {
        let found = named_value(plan, &mut quick, spec, min_estate, cancel)?;
        if best.as_ref().is_none_or(|b| found.0 > b.0) {
            best = Some(found);
        }
        progress(NAMED_SHARE * (i + 1) as f32 / specs.len() as f32);
    }
    let Some((named_spending, named_projection, named_outcome)) = best else {
        return Err(OptimizeError::InvalidPlan(
            "no strategy to start from".into(),
        ));
    };

    // Push the spending up from there, each level's search starting from the last level's years.
    // Every level's search draws on one work budget; once it is spent the spending found so
    // far stands.
    let mut levels = Levels {
        plan,
        min,
        budget,
        started,
        cancel,
        quick: &mut quick,
        evaluations: 0,
        budget_spent: false,
        tries: 0.0,
        progress,
    };
    let named = (named_spending, named_projection, named_outcome);
    let first = (named_spending, Schedule::from_projection(&named.1));
    let (mut lo, mut schedule) = levels.push_up(first, (named_spending / 50).max(100))?;
    let mut shown = answer(plan, lo, schedule.clone(), min_estate, &named)?;
    // A descent from the named strategy's years, level after level, settles in the optimum
    // nearest them; the estate search's starts and moves across years find years that leave more
    // at the spending reached, and the spending those carry is pushed up from there.
    if !levels.budget_spent {
        if let Some(show) = partial
            && shown.value > shown.best_named.1
        {
            show(Optimized {
                evaluations: levels.evaluations,
                provisional: true,
                ..shown.clone()
            });
        }
        let (found, gained) = levels.estate_search(lo, &schedule)?;
        if gained {
            (lo, schedule) = levels.push_up((lo, found), (lo / 1000).max(100))?;
            let last = answer(plan, lo, schedule, min_estate, &named)?;
            // The exact books could confirm less for the new years than for the ones shown.
            if last.value >= shown.value {
                shown = last;
            }
        }
    }
    Ok(Optimized {
        evaluations: levels.evaluations,
        budget_spent: levels.budget_spent,
        ..shown
    })
}

/// The answer for spending `lo` with `schedule`, confirmed on the exact books (stepping down when
/// they disagree with the fast ones); the best named strategy's own years when they do not
/// confirm more than it sustains.
fn answer(
    plan: &Plan,
    lo: i64,
    mut schedule: Schedule,
    min_estate: Decimal,
    (named_spending, named_projection, named_outcome): &(i64, Projection<Decimal>, Outcome),
) -> Result<Optimized, OptimizeError> {
    let (mut value, mut projection, mut result, ok) = confirm(plan, lo, &schedule, min_estate)?;
    if !ok || value <= *named_spending {
        let (s, p, o) = relabel(named_projection, named_outcome);
        (value, schedule, projection, result) = (*named_spending, s, p, o);
    }
    Ok(Optimized {
        objective: Objective::Spending { min_estate },
        schedule,
        projection,
        value: Decimal::from(value),
        best_named: (
            named_outcome.strategy.clone(),
            Decimal::from(*named_spending),
        ),
        best_named_outcome: named_outcome.clone(),
        outcome: result,
        evaluations: 0,
        budget_spent: false,
        stages: Vec::new(),
        provisional: false,
    })
}

/// The search for the highest spending: the levels tried so far and the work they took.
struct Levels<'p> {
    plan: &'p Plan,
    min: f64,
    budget: &'p Budget,
    started: Instant,
    cancel: &'p AtomicBool,
    quick: &'p mut Quick,
    evaluations: usize,
    budget_spent: bool,
    tries: f32,
    progress: &'p mut dyn FnMut(f32),
}

impl Levels<'_> {
    /// The budget's projections not yet spent.
    fn left(&self) -> Budget {
        Budget {
            evaluations: self.budget.evaluations.saturating_sub(self.evaluations),
            time: self.budget.time,
        }
    }

    fn tried(&mut self) {
        self.tries += 1.0;
        (self.progress)(NAMED_SHARE + (1.0 - NAMED_SHARE) * (self.tries / 24.0).min(0.95));
    }

    /// Whether years found from `from` carry spending `s`: a descent at that level, which stops
    /// once they do. A level the search could not finish is not known to be carried.
    fn carry(&mut self, s: i64, from: &Schedule) -> Result<(bool, Schedule), OptimizeError> {
        cancelled(self.cancel)?;
        let left = self.left();
        let min = self.min;
        let mut search = Search::new(
            self.quick.at(s),
            self.cancel,
            INNER_SWEEPS,
            &left,
            self.started,
        );
        let (found, score) = search.descend(from.clone(), &|x| x.feasible(min), &mut |_| {})?;
        let (evaluations, exhausted) = (search.evaluations, search.exhausted);
        self.evaluations += evaluations;
        self.budget_spent |= exhausted;
        self.tried();
        Ok((score.feasible(min) && !exhausted, found))
    }

    /// The highest spending found from `(lo, schedule)`, which carries `lo`: up by `step`,
    /// doubling while each level is carried, then halving the gap to the first that is not.
    fn push_up(
        &mut self,
        (mut lo, mut schedule): (i64, Schedule),
        mut step: i64,
    ) -> Result<(i64, Schedule), OptimizeError> {
        let mut hi = None;
        for _ in 0..12 {
            let next = lo.saturating_add(step).min(most_spending());
            if next <= lo {
                break;
            }
            let (ok, found) = self.carry(next, &schedule)?;
            if self.budget_spent {
                return Ok((lo, schedule));
            }
            if !ok {
                hi = Some(next);
                break;
            }
            (lo, schedule) = (next, found);
            step = step.saturating_mul(2);
        }
        if let Some(mut hi) = hi {
            while hi - lo > (lo / 5000).max(1) {
                let mid = lo + (hi - lo) / 2;
                let (ok, found) = self.carry(mid, &schedule)?;
                if self.budget_spent {
                    break;
                }
                if ok {
                    (lo, schedule) = (mid, found);
                } else {
                    hi = mid;
                }
            }
        }
        Ok((lo, schedule))
    }

    /// The estate objective's search at spending `s`: its years, and whether they leave more
    /// than `schedule`'s there on the fast books.
    fn estate_search(
        &mut self,
        s: i64,
        schedule: &Schedule,
    ) -> Result<(Schedule, bool), OptimizeError> {
        let level = scaled(self.plan, Decimal::from(s));
        let left = self.left();
        let found =
            super::estate::maximise(&level, &left, self.started, self.cancel, &mut |_| {}, None)?;
        self.evaluations += found.evaluations;
        self.budget_spent |= found.budget_spent;
        self.tried();
        let sc = self.quick.at(s);
        let gained = score(sc, &found.schedule).beats(&score(sc, schedule), super::search::MARGIN);
        Ok((found.schedule, gained))
    }
}

/// The claiming comparison's spending capacity of one plan: which of its strategies sustains the
/// highest first-year spending (whole today's dollars; the money lasting to the planning ages,
/// no estate asked), and each strategy's own where it was searched.
#[derive(Debug, Clone, PartialEq)]
pub struct Capacity {
    /// Index into the specs of the strategy with the highest spending.
    pub best: usize,
    /// The best strategy's sustainable spending, confirmed on the exact books; `None` for the
    /// others, which sustain no more (their own is not searched: see [`best_sustainable`]).
    pub spending: Vec<Option<Decimal>>,
}

impl Capacity {
    /// The highest spending any of the strategies sustains.
    pub fn value(&self) -> Decimal {
        self.spending
            .get(self.best)
            .copied()
            .flatten()
            .unwrap_or(Decimal::ZERO)
    }
}

/// The highest whole amount `ok` accepts, assuming it accepts every smaller one and `known`
/// (which may be -1: none known) is accepted; the search starts at `guess` and widens its step
/// by doubling, so an answer near the guess takes few runs. -1 when none is accepted.
fn highest_near(
    mut ok: impl FnMut(i64) -> Result<bool, OptimizeError>,
    known: i64,
    guess: i64,
) -> Result<i64, OptimizeError> {
    let most = most_spending();
    if known >= most {
        return Ok(most);
    }
    let mut lo = known;
    let mut step = (guess / 64).max(64);
    let first = guess.clamp(lo + 1, most);
    let mut hi;
    if ok(first)? {
        lo = first;
        loop {
            if lo == most {
                return Ok(most);
            }
            let next = lo.saturating_add(step).min(most);
            if ok(next)? {
                lo = next;
                step = step.saturating_mul(2);
            } else {
                hi = next;
                break;
            }
        }
    } else {
        hi = first;
        loop {
            let next = hi.saturating_sub(step).max(lo + 1);
            if next >= hi {
                break;
            }
            if ok(next)? {
                lo = next;
                break;
            }
            hi = next;
            step = step.saturating_mul(2);
        }
    }
    narrow(lo, hi, ok)
}

/// The highest sustainable spending among `specs` on `plan` (see [`Capacity`]). A search per
/// strategy would cost the claiming grid some 20 fast runs a strategy and cell, so it is
/// bounded: the strategy `hint` names (a neighbouring cell's best, with its spending as the
/// starting guess) is searched first, and each other strategy is first tried at the best so
/// far (a dollar above it when it comes later in `specs`): only one that carries that is
/// searched further. So the answer does not depend on the hint: the best is the first in `specs`
/// of those with the highest spending on the fast books, its figure then confirmed exactly.
/// `None` when the plan states no spending to scale.
pub fn best_sustainable(
    plan: &Plan,
    specs: &[StrategySpec],
    hint: Option<(usize, i64)>,
    cancel: &AtomicBool,
) -> Result<Option<Capacity>, OptimizeError> {
    if plan.spending.annual <= Decimal::ZERO || specs.is_empty() {
        return Ok(None);
    }
    let mut quick = Quick::new(plan)?;
    let strategies: Vec<Box<dyn Strategy>> = specs.iter().map(build).collect();
    let (first, guess) = match hint {
        Some((i, s)) if i < specs.len() => (i, s),
        _ => (0, plan.spending.annual.round().to_i64().unwrap_or(1)),
    };
    let feasible = |quick: &mut Quick, i: usize, s: i64| {
        cancelled(cancel)?;
        Ok(score(quick.at(s), strategies[i].as_ref()).feasible(0.0))
    };
    let start = highest_near(|s| feasible(&mut quick, first, s), -1, guess)?.max(0);
    let mut best = (first, start);
    // The others' one try each at the first answer, side by side: most stop there. A tie goes
    // to the strategy first in `specs`.
    let above = |i: usize, (b, s): (usize, i64)| if i < b { s } else { s.saturating_add(1) };
    let tried: Vec<Result<bool, OptimizeError>> = (0..specs.len())
        .into_par_iter()
        .map(|i| {
            if i == first {
                return Ok(false);
            }
            feasible(&mut quick.clone(), i, above(i, best))
        })
        .collect();
    let first_best = best;
    for (i, t) in tried.into_iter().enumerate() {
        if !t? {
            continue;
        }
        let at = above(i, best);
        // The best has risen since the try: try again at the new one.
        if best != first_best && !feasible(&mut quick, i, at)? {
            continue;
        }
        let found = highest_near(|s| feasible(&mut quick, i, s), at, at)?;
        if found > best.1 || (found == best.1 && i < best.0) {
            best = (i, found);
        }
    }
    let (b, fast) = best;
    let (exact, ..) = confirm(plan, fast, strategies[b].as_ref(), Decimal::ZERO)?;
    let mut spending = vec![None; specs.len()];
    spending[b] = Some(Decimal::from(exact));
    Ok(Some(Capacity { best: b, spending }))
}
