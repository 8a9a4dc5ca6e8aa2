//! Claiming ages compared: the plan run with every pair of Social Security claiming ages (each
//! person 62 to 70, by year), each cell with every named strategy of the plan, measured by the
//! after-tax estate, its mortality-weighted value, the chance the money lasts as long as
//! either person lives, or the lifetime spending capacity (the most a year the household could
//! spend, the money lasting to the planning ages). What `drawdown report --claiming` prints and the planner's heat map
//! shows.
//!
//! Above `compare` (it projects the plan's strategies through it); nothing below imports it.

use crate::compare::compare;
use crate::engine::mortality::{LifeTable, Survival, weighted};
use crate::engine::{EngineError, Projection};
use crate::num::RoundTo;
use crate::optimize::{OptimizeError, best_sustainable};
use crate::plan::{Plan, SocialSecurity};
use rust_decimal::Decimal;
use std::sync::atomic::{AtomicBool, Ordering};
use thiserror::Error;

/// The claiming ages compared, by year.
pub const AGES: std::ops::RangeInclusive<u32> = 62..=70;

/// A claiming age to the month: `years` and `months` past them (0 to 11).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClaimAge {
    pub years: u32,
    pub months: u32,
}

impl ClaimAge {
    pub fn new(years: u32, months: u32) -> ClaimAge {
        ClaimAge { years, months }
    }

    fn total_months(self) -> u32 {
        self.years * 12 + self.months
    }

    fn from_months(m: u32) -> ClaimAge {
        ClaimAge::new(m / 12, m % 12)
    }
}

/// `67` for a whole year, `67y4m` otherwise (padding applies to the whole).
impl std::fmt::Display for ClaimAge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.months == 0 {
            f.pad(&self.years.to_string())
        } else {
            f.pad(&format!("{}y{}m", self.years, self.months))
        }
    }
}

/// A whole year of age.
impl PartialEq<u32> for ClaimAge {
    fn eq(&self, years: &u32) -> bool {
        self.months == 0 && self.years == *years
    }
}

/// Against a whole year of age: 67y4m is after 67 and before 68.
impl PartialOrd<u32> for ClaimAge {
    fn partial_cmp(&self, years: &u32) -> Option<std::cmp::Ordering> {
        Some(self.total_months().cmp(&(years * 12)))
    }
}

/// How far apart the grid's claiming ages are, in months (1 to 12): every year (81 cells for a
/// couple, the default), every six or three months, or every month (97 × 97 = 9,409 cells).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClaimStep(u32);

impl ClaimStep {
    pub const YEARS: ClaimStep = ClaimStep(12);
    pub const MONTHS: ClaimStep = ClaimStep(1);

    /// A step of `months`, 1 to 12.
    pub fn months(months: u32) -> Option<ClaimStep> {
        (1..=12).contains(&months).then_some(ClaimStep(months))
    }

    pub fn get(self) -> u32 {
        self.0
    }

    /// The claiming ages from 62 to 70 at this step; 70 is always one of them.
    pub fn ages(self) -> Vec<ClaimAge> {
        let (first, last) = (*AGES.start() * 12, *AGES.end() * 12);
        let mut out: Vec<ClaimAge> = (first..=last)
            .step_by(self.0 as usize)
            .map(ClaimAge::from_months)
            .collect();
        if out.last().map(|a| a.total_months()) != Some(last) {
            out.push(ClaimAge::from_months(last));
        }
        out
    }
}

impl Default for ClaimStep {
    fn default() -> ClaimStep {
        ClaimStep::YEARS
    }
}

#[derive(Debug, Clone, PartialEq, Error)]
pub enum ClaimingError {
    #[error(transparent)]
    Engine(#[from] EngineError),
    #[error(transparent)]
    Table(#[from] crate::assets::AssetError),
    #[error("no one in the plan has Social Security to claim (income.social_security is empty)")]
    NoBenefits,
    #[error("cancelled")]
    Cancelled,
    #[error("spending capacity: {0}")]
    Capacity(String),
    #[error("{0}")]
    Failed(String),
}

/// A claiming comparison running in the background: the grid after each cell, then the whole.
pub type ClaimingHandle = crate::job::Job<ClaimingGrid, Result<ClaimingGrid, ClaimingError>>;
pub type ClaimingUpdate = crate::job::Update<ClaimingGrid, Result<ClaimingGrid, ClaimingError>>;

/// What a claiming comparison works out: the grid's step, and whether each cell's spending
/// capacity is searched too (about as much work again as the rest of the cell: only when it is
/// asked for).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ClaimOptions {
    pub step: ClaimStep,
    pub capacity: bool,
}

/// Starts comparing `plan`'s claiming ages on a worker thread.
pub fn spawn(plan: Plan, options: ClaimOptions) -> ClaimingHandle {
    crate::job::spawn(
        "claiming",
        move |cancel, progress| {
            // A copy of the grid after every cell would cost the month grid's 9,409 cells more
            // than their projections: the first cell at once (the window has something to
            // show), then at most every 50 ms.
            let mut last: Option<std::time::Instant> = None;
            compare_claiming_with(&plan, options, cancel, &mut |g| {
                if last.is_none_or(|t| t.elapsed() >= std::time::Duration::from_millis(50))
                    || g.done() == g.cells.len()
                {
                    last = Some(std::time::Instant::now());
                    progress(g.clone());
                }
            })
        },
        || {},
        |e| Err(ClaimingError::Failed(e)),
    )
}

/// What a cell is judged by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Measure {
    /// The after-tax estate at the plan's end, today's dollars (both live to planning ages).
    Estate,
    /// The after-tax estate at the household's last death, expected over the SSA life table.
    #[default]
    WeightedEstate,
    /// The chance the money lasts as long as either person lives.
    MoneyLasts,
    /// Lifetime spending capacity: the highest first-year spending (today's dollars, the plan's
    /// later changes by age scaled with it, so constant in real terms when it states none) the
    /// money carries to the planning ages, no estate asked.
    Capacity,
}

impl Measure {
    pub const ALL: [Measure; 4] = [
        Measure::WeightedEstate,
        Measure::Estate,
        Measure::MoneyLasts,
        Measure::Capacity,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Measure::Estate => "after-tax estate at the planning ages",
            Measure::WeightedEstate => "expected after-tax estate at the last death",
            Measure::MoneyLasts => "chance the money lasts as long as either lives",
            Measure::Capacity => "spending capacity: the most a year lasting to the planning ages",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Measure::Estate => "estate",
            Measure::WeightedEstate => "weighted",
            Measure::MoneyLasts => "lasts",
            Measure::Capacity => "capacity",
        }
    }
}

/// One strategy's figures in one cell (today's dollars).
#[derive(Debug, Clone, PartialEq)]
pub struct StrategyFigures {
    pub strategy: String,
    pub estate_real: Decimal,
    pub weighted_estate_real: Decimal,
    pub money_lasts: Decimal,
    /// Expected Social Security received, weighted by the chance someone is alive.
    pub expected_benefits_real: Decimal,
    /// Federal and state tax and IRMAA a year, on average, while both live and after the
    /// first death (the widow's penalty: single brackets and IRMAA tiers); `None` for a year
    /// kind the projection does not have.
    pub tax_a_year_both: Option<Decimal>,
    pub tax_a_year_survivor: Option<Decimal>,
    /// The highest first-year spending this strategy sustains to the planning ages (today's
    /// dollars), for the cell's best strategy on it only: the others are known to sustain no
    /// more and are not searched (`None`, as when the plan states no spending to scale).
    pub spending_capacity: Option<Decimal>,
}

impl StrategyFigures {
    pub fn value(&self, m: Measure) -> Decimal {
        match m {
            Measure::Estate => self.estate_real,
            Measure::WeightedEstate => self.weighted_estate_real,
            Measure::MoneyLasts => self.money_lasts,
            // Not searched: no higher than the cell's best, which is.
            Measure::Capacity => self.spending_capacity.unwrap_or(Decimal::ZERO),
        }
    }
}

/// One pair of claiming ages.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimCell {
    /// Claiming ages of the first and second person (the second `None` for one person).
    pub ages: [Option<ClaimAge>; 2],
    pub strategies: Vec<StrategyFigures>,
}

impl ClaimCell {
    /// The strategy doing best on `m` in this cell.
    pub fn best(&self, m: Measure) -> Option<&StrategyFigures> {
        self.strategies
            .iter()
            .reduce(|a, b| if b.value(m) > a.value(m) { b } else { a })
    }
}

/// The grid: rows the first person's claiming age, columns the second's.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimingGrid {
    pub rows: Vec<ClaimAge>,
    /// Empty for one person (a single column).
    pub cols: Vec<ClaimAge>,
    /// Months between neighbouring ages.
    pub step: ClaimStep,
    /// Row-major; `None` while not yet computed.
    pub cells: Vec<Option<ClaimCell>>,
    /// The plan's own claiming ages, as (row, column) indexes: the grid's age at or just before
    /// each person's own (the same age when the grid has it).
    pub current: Option<(usize, usize)>,
    /// Each person's life expectancy (expected age at death).
    pub life_expectancy: Vec<Decimal>,
    /// The cells' spending capacity was searched ([`ClaimOptions::capacity`]).
    pub capacity: bool,
}

impl ClaimingGrid {
    pub fn width(&self) -> usize {
        self.cols.len().max(1)
    }

    pub fn cell(&self, r: usize, c: usize) -> Option<&ClaimCell> {
        self.cells.get(r * self.width() + c)?.as_ref()
    }

    pub fn done(&self) -> usize {
        self.cells.iter().filter(|c| c.is_some()).count()
    }

    /// The best cell on `m` among those computed, as (row, column).
    pub fn best(&self, m: Measure) -> Option<(usize, usize)> {
        let w = self.width();
        let mut best: Option<(usize, Decimal)> = None;
        for (i, c) in self.cells.iter().enumerate() {
            if let Some(v) = c.as_ref().and_then(|c| c.best(m)).map(|s| s.value(m))
                && best.is_none_or(|(_, b)| v > b)
            {
                best = Some((i, v));
            }
        }
        best.map(|(i, _)| (i / w, i % w))
    }
}

/// Every pair of claiming ages for `plan` by whole years, in row order; `progress` sees the grid
/// after each cell (the first within a few milliseconds), `cancel` stops between cells.
pub fn compare_claiming(
    plan: &Plan,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(&ClaimingGrid),
) -> Result<ClaimingGrid, ClaimingError> {
    compare_claiming_by(plan, ClaimStep::YEARS, cancel, progress)
}

/// [`compare_claiming`] with claiming ages `step` months apart.
pub fn compare_claiming_by(
    plan: &Plan,
    step: ClaimStep,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(&ClaimingGrid),
) -> Result<ClaimingGrid, ClaimingError> {
    let options = ClaimOptions {
        step,
        capacity: false,
    };
    compare_claiming_with(plan, options, cancel, progress)
}

/// [`compare_claiming`] with the step and the spending capacity as `options` say.
pub fn compare_claiming_with(
    plan: &Plan,
    options: ClaimOptions,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(&ClaimingGrid),
) -> Result<ClaimingGrid, ClaimingError> {
    let step = options.step;
    if plan.income.social_security.is_empty() {
        return Err(ClaimingError::NoBenefits);
    }
    let couple = plan.people.len() == 2;
    let table = LifeTable::get()?;
    let survival = Survival::for_plan(plan, table, plan.horizon_years());
    let ages: Vec<ClaimAge> = step.ages();
    let current_age = |i: usize| {
        plan.income
            .social_security
            .iter()
            .find(|s| s.person == i)
            .map(|s| ClaimAge::new(s.claim_age, s.claim_months))
    };
    let index = |a: Option<ClaimAge>| a.and_then(|a| ages.iter().rposition(|x| *x <= a));
    let current = match (index(current_age(0)), couple) {
        (Some(r), false) => Some((r, 0)),
        (Some(r), true) => index(current_age(1)).map(|c| (r, c)),
        (None, _) => None,
    };
    let n = ages.len();
    let mut grid = ClaimingGrid {
        rows: ages.clone(),
        cols: if couple { ages.clone() } else { Vec::new() },
        step,
        cells: vec![None; if couple { n * n } else { n }],
        current,
        life_expectancy: survival.expected_age_at_death[..plan.people.len().min(2)].to_vec(),
        capacity: options.capacity,
    };
    for (k, slot) in (0..grid.cells.len()).enumerate() {
        if cancel.load(Ordering::Relaxed) {
            return Err(ClaimingError::Cancelled);
        }
        let w = grid.width();
        let pair = [Some(ages[k / w]), couple.then(|| ages[k % w])];
        // The neighbour to the left, or above at a row's start, starts the capacity search:
        // a step of age moves it by a few percent.
        let (r, c) = (k / w, k % w);
        let near = if c > 0 {
            grid.cell(r, c - 1)
        } else if r > 0 {
            grid.cell(r - 1, 0)
        } else {
            None
        };
        let hint = options.capacity.then(|| near.and_then(capacity_hint));
        let cell = run_cell(plan, pair, &survival, hint, cancel)?;
        grid.cells[slot] = Some(cell);
        progress(&grid);
    }
    Ok(grid)
}

/// The plan with the given claiming ages (whole years): a person without an entry gets one with
/// no benefit of their own, whose age is when they file for the spousal benefit.
pub fn with_claiming_ages(plan: &Plan, ages: [Option<u32>; 2]) -> Plan {
    with_claims(plan, ages.map(|a| a.map(|y| ClaimAge::new(y, 0))))
}

/// [`with_claiming_ages`] to the month.
pub fn with_claims(plan: &Plan, ages: [Option<ClaimAge>; 2]) -> Plan {
    let mut p = plan.clone();
    for (i, age) in ages.iter().enumerate() {
        let Some(age) = *age else { continue };
        if i >= p.people.len() {
            continue;
        }
        match p.income.social_security.iter_mut().find(|s| s.person == i) {
            Some(s) => {
                s.claim_age = age.years;
                s.claim_months = age.months;
            }
            None => p.income.social_security.push(SocialSecurity {
                person: i,
                fra_benefit: Decimal::ZERO,
                claim_age: age.years,
                claim_months: age.months,
            }),
        }
    }
    p
}

/// A computed cell's best strategy on spending capacity and its figure in whole dollars.
fn capacity_hint(cell: &ClaimCell) -> Option<(usize, i64)> {
    use rust_decimal::prelude::ToPrimitive;
    let (i, s) = cell
        .strategies
        .iter()
        .enumerate()
        .filter_map(|(i, s)| Some((i, s.spending_capacity?)))
        .max_by_key(|(_, s)| *s)?;
    Some((i, s.to_i64()?))
}

fn run_cell(
    plan: &Plan,
    ages: [Option<ClaimAge>; 2],
    survival: &Survival,
    hint: Option<Option<(usize, i64)>>,
    cancel: &AtomicBool,
) -> Result<ClaimCell, ClaimingError> {
    let p = with_claims(plan, ages);
    let c = compare(&p)?;
    // `hint` is `None` when the capacity is not asked for, `Some(None)` with no neighbour.
    let capacity = match hint {
        Some(hint) => best_sustainable(&p, &c.specs, hint, cancel).map_err(|e| match e {
            OptimizeError::Cancelled => ClaimingError::Cancelled,
            OptimizeError::Engine(e) => ClaimingError::Engine(e),
            e => ClaimingError::Capacity(e.to_string()),
        })?,
        None => None,
    };
    let strategies = c
        .projections
        .iter()
        .zip(&c.outcomes)
        .enumerate()
        .map(|(i, (proj, o))| {
            // The comparison weighs its columns by the same table; only without it (a broken
            // override) is the work done here.
            let w = o
                .weighted
                .clone()
                .unwrap_or_else(|| weighted(proj, survival));
            let (both, survivor) = tax_before_and_after_first_death(proj);
            StrategyFigures {
                strategy: o.strategy.clone(),
                estate_real: o.estate_real,
                weighted_estate_real: w.estate_real,
                money_lasts: w.money_lasts,
                expected_benefits_real: w.social_security_real,
                tax_a_year_both: both,
                tax_a_year_survivor: survivor,
                spending_capacity: capacity.as_ref().and_then(|k| k.spending[i]),
            }
        })
        .collect();
    Ok(ClaimCell { ages, strategies })
}

/// Average yearly tax (federal, state, IRMAA; today's dollars) in the years both live and in
/// the survivor's years of a couple's projection.
pub fn tax_before_and_after_first_death(
    p: &Projection<Decimal>,
) -> (Option<Decimal>, Option<Decimal>) {
    let mut sums = [(Decimal::ZERO, 0u32); 2];
    let couple = p.rows.iter().any(|r| r.alive[0] && r.alive[1]);
    for r in &p.rows {
        let slot = match r.alive.iter().filter(|a| **a).count() {
            2 => 0,
            1 if couple => 1,
            _ => continue,
        };
        let tax = (r.federal_tax + r.state_tax + r.irmaa) / r.price_level;
        sums[slot].0 += tax;
        sums[slot].1 += 1;
    }
    let avg = |(s, n): (Decimal, u32)| (n > 0).then(|| (s / Decimal::from(n)).round_to(2));
    (avg(sums[0]), avg(sums[1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_run_from_62_to_70_and_always_end_at_70() {
        let show = |s: ClaimStep| s.ages().iter().map(|a| a.to_string()).collect::<Vec<_>>();
        assert_eq!(
            show(ClaimStep::YEARS),
            ["62", "63", "64", "65", "66", "67", "68", "69", "70"]
        );
        let months = ClaimStep::MONTHS.ages();
        assert_eq!(months.len(), 97);
        assert_eq!(months[5].to_string(), "62y5m");
        assert_eq!(show(ClaimStep::months(5).unwrap()).last().unwrap(), "70");
        assert_eq!(
            show(ClaimStep::months(5).unwrap())[..3],
            ["62", "62y5m", "62y10m"]
        );
        assert_eq!(ClaimStep::months(5).unwrap().ages().len(), 21);
        assert!(ClaimStep::months(0).is_none() && ClaimStep::months(13).is_none());
        assert!(ClaimAge::new(67, 4) > 67 && ClaimAge::new(67, 4) < 68);
        assert_eq!(format!("{:>7}", ClaimAge::new(66, 2)), "  66y2m");
    }
}
