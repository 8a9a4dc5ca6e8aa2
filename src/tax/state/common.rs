//! Pieces of state law that many states share, written once.

use super::facts::StateFacts;
use crate::num::Num;

/// Net capital gain or loss in full (states that do not apply the federal $3,000 loss limit).
#[inline]
pub fn net_gains<N: Num>(f: &StateFacts<N>) -> N {
    f.long_term_gains + f.short_term_gains
}

/// A reduction of `per_step` for each full `step` of `income` over `start` (zero below it):
/// the "reduce by $X for each $Y, or part, over …" tables, floor version.
#[inline]
pub fn step_phaseout<N: Num>(income: N, start: N, step: N, per_step: N) -> N {
    let over = (income - start).pos();
    if step <= N::ZERO {
        return N::ZERO;
    }
    (over / step).floor_whole() * per_step
}

/// Like [`step_phaseout`], counting a part of a step as a whole one ("or fraction thereof").
#[inline]
#[allow(dead_code)]
pub fn step_phaseout_ceil<N: Num>(income: N, start: N, step: N, per_step: N) -> N {
    let over = (income - start).pos();
    if step <= N::ZERO {
        return N::ZERO;
    }
    (over / step).ceil_whole() * per_step
}

/// Whether a person of `age` has reached an age threshold stored as a number in the law.
#[inline]
pub fn reached<N: Num>(age: u32, threshold: N) -> bool {
    N::from_i64(i64::from(age)) >= threshold
}

/// Employee Social Security and Medicare tax on each person's wages (with the additional
/// Medicare tax over the household threshold): what states that allow FICA as an itemized
/// deduction (Alabama) subtract.
#[inline]
pub fn employee_fica<N: Num>(
    f: &StateFacts<N>,
    ss_rate: N,
    wage_base: N,
    medicare_rate: N,
    additional_rate: N,
    additional_threshold: N,
) -> N {
    let mut tax = N::ZERO;
    let mut wages = N::ZERO;
    for p in f.on_return() {
        tax += ss_rate * p.wages.min_of(wage_base) + medicare_rate * p.wages;
        wages += p.wages;
    }
    tax + additional_rate * (wages - additional_threshold).pos()
}

/// The federal earned income credit of a filer without qualifying children (IRC § 32(b),
/// column for no children): phase-in on earnings, phase-out on the larger of AGI and earnings,
/// none with investment income over the limit, ages 25–64 (one spouse suffices), none on a
/// separate return. States that deduct federal tax net of refundable credits need it.
#[allow(clippy::too_many_arguments)]
pub fn childless_eitc<N: Num>(
    f: &StateFacts<N>,
    agi: N,
    investment_income: N,
    max_credit: N,
    rate: N,
    phaseout_start: N,
    investment_limit: N,
    ages: (N, N),
) -> N {
    if f.filing == crate::tax::Filing::Mfs || investment_income > investment_limit {
        return N::ZERO;
    }
    if !f
        .on_return()
        .iter()
        .any(|p| reached(p.age, ages.0) && !reached(p.age, ages.1 + N::ONE))
    {
        return N::ZERO;
    }
    let earned = f.total(|p| p.wages);
    let credit = (rate * earned).min_of(max_credit);
    (credit - rate * (agi.max_of(earned) - phaseout_start).pos()).pos()
}
