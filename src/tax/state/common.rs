//! Pieces of state law that many states share, written once.

use super::facts::StateFacts;
use super::law::Schedule;
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
    // IRC § 32(a): the phased-in credit, no more than the maximum less the phase-out
    let phased_in = (rate * earned).min_of(max_credit);
    let limit = (max_credit - rate * (agi.max_of(earned) - phaseout_start).pos()).pos();
    phased_in.min_of(limit)
}

/// The amounts of the federal credit for the elderly (IRC § 22, Schedule R) a state file
/// carries: the age, the initial amounts for one person 65+, two, and a separate return, the
/// AGI thresholds by filing status, the phase-out rate and the credit rate.
#[derive(Debug, Clone, Copy)]
pub struct ElderlyCredit<N> {
    pub age: N,
    pub one: N,
    pub two: N,
    pub separate: N,
    pub phaseout_start: N,
    pub phaseout_rate: N,
    pub rate: N,
}

impl<N: Num> ElderlyCredit<N> {
    /// Schedule R's base (the "section 22 income"): the initial amount for the people 65+,
    /// less nontaxed Social Security and half of AGI over the threshold. As in PolicyEngine-US,
    /// one person 65+ takes the one-person amount whatever the filing status.
    pub fn base(&self, f: &StateFacts<N>, fed: &crate::tax::federal::TaxBreakdown<N>) -> N {
        let initial = match count_reached(f, self.age) {
            0 => return N::ZERO,
            1 => self.one,
            _ if f.filing == crate::tax::Filing::Mfs => self.separate,
            _ => self.two,
        };
        let nontaxed_ss = f.total(|p| p.social_security) - fed.taxable_social_security;
        let phaseout = self.phaseout_rate * (fed.agi - self.phaseout_start).pos();
        (initial - nontaxed_ss - phaseout).pos()
    }

    /// The credit: the rate on the base, limited to the federal regular tax.
    pub fn credit(&self, f: &StateFacts<N>, fed: &crate::tax::federal::TaxBreakdown<N>) -> N {
        (self.rate * self.base(f, fed)).min_of(fed.regular_tax)
    }
}

/// How many people on the return have reached an age stored as a number in the law.
#[inline]
pub fn count_reached<N: Num>(f: &StateFacts<N>, age: N) -> usize {
    f.on_return().iter().filter(|p| reached(p.age, age)).count()
}

/// The Medicare Part B premiums of the people on the return who have reached `medicare_age`
/// (enrolled then, as the reference model takes them), each the `part_b` table's premium at
/// `magi` (the income-related amount goes by the MAGI of two years before, which the caller
/// estimates): a retiree's medical expenses for the states that let them be itemized.
#[inline]
pub fn part_b_premiums<N: Num>(
    f: &StateFacts<N>,
    part_b: &Schedule<N>,
    magi: N,
    medicare_age: N,
) -> N {
    N::from_i64(count_reached(f, medicare_age) as i64) * part_b.step_over(magi)
}

/// The boxes checked for the additional standard deduction or exemption: one per person on
/// the return who has reached `age`, one per blind person.
#[inline]
pub fn aged_blind_boxes<N: Num>(f: &StateFacts<N>, age: N) -> usize {
    count_reached(f, age) + (f.blind as usize).min(f.on_return().len())
}
