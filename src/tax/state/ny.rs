//! New York (Form IT-201): federal AGI less Social Security, government pensions and the
//! $20,000 pension and annuity exclusion per person from 59½; the standard deduction; the rate
//! schedule with the supplemental tax that recaptures the lower brackets' benefit above
//! $107,650 of New York AGI; the household credit.

use super::common::reached;
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::Filing;
use crate::tax::federal::TaxBreakdown;

names!(P: pension_exclusion_age, pension_exclusion_cap, supplemental_min_agi,
    supplemental_phase_in);
names!(T: recapture_base, incremental_benefit, household_credit_single,
    household_credit_base, household_credit_additional);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    // IT-201 lines 26-29: government pensions in full; from 59½ each person's own private
    // pensions, IRA distributions and conversions up to $20,000 (line 29).
    let mut subtractions = fed.taxable_social_security;
    for p in f.on_return() {
        subtractions += p.government_pension;
        if reached(p.age, law.p(P::pension_exclusion_age)) {
            subtractions += (p.private_pension + p.ira_distributions + p.roth_conversions)
                .min_of(law.p(P::pension_exclusion_cap));
        }
    }
    let agi = fed.agi - subtractions;
    let deductions = law.standard[fs.index()];
    let taxable_income = (agi - deductions).pos();
    let schedule = law.schedule(fs);
    let main = schedule.tax(taxable_income);
    let tax = main + supplemental(law, fs, agi, taxable_income, main);
    let credit = household_credit(law, f, fed.agi);
    let mut b = StateBreakdown {
        subtractions,
        agi,
        deductions,
        taxable_income,
        tax_before_credits: tax,
        ..StateBreakdown::zero(law.state, fed)
    };
    b.apply_credits(&[("Household credit", credit)]);
    b
}

/// Tax Law § 601(d-4), the tax computation worksheets: above $107,650 of New York AGI the
/// benefit of the brackets below the one taxable income reaches is recaptured, phased in over
/// $50,000 of AGI above the larger of that bracket's start and $107,650; above the top finite
/// bracket's start (AGI over $25 million) all income is taxed at the top rate. Modelled as the
/// reference model has it: a recapture base plus the phased-in increment, each from a table by
/// taxable income.
fn supplemental<N: Num>(law: &StateLaw<N>, fs: Filing, agi: N, taxable_income: N, main: N) -> N {
    let schedule = law.schedule(fs);
    let n = schedule.thresholds.len();
    if n == 0 {
        return N::ZERO;
    }
    let (top_start, top_rate) = (schedule.thresholds[n - 1], schedule.values[n - 1]);
    if agi > top_start {
        return taxable_income * top_rate - main;
    }
    let mut previous = N::ZERO;
    for t in &schedule.thresholds {
        if *t <= taxable_income {
            previous = *t;
        }
    }
    let over = (agi - previous.max_of(law.p(P::supplemental_min_agi))).pos();
    let phase_in = over.ratio(law.p(P::supplemental_phase_in)).min_of(N::ONE);
    law.table(T::recapture_base, fs).step(taxable_income)
        + phase_in * law.table(T::incremental_benefit, fs).step(taxable_income)
}

/// IT-201 line 40, household credit (tables 1-3 by federal AGI): single filers from table 1;
/// others a base amount plus an amount for each further person in the household (table 2).
/// A separate return takes the joint figure from both spouses' AGI and household, and half of
/// it, rounded up (table 3); the other spouse's return is not an input, so the spouses are
/// taken as alike (twice this AGI, both people), as the reference model does.
fn household_credit<N: Num>(law: &StateLaw<N>, f: &StateFacts<N>, federal_agi: N) -> N {
    let fs = f.filing;
    if fs == Filing::Single {
        return law
            .table(T::household_credit_single, fs)
            .step_over(federal_agi);
    }
    let (agi, people) = if fs == Filing::Mfs {
        (federal_agi + federal_agi, 2)
    } else {
        (federal_agi, f.on_return().len() as i64)
    };
    let others = N::from_i64(people - 1);
    let amount = law.table(T::household_credit_base, fs).step_over(agi)
        + others * law.table(T::household_credit_additional, fs).step_over(agi);
    if fs == Filing::Mfs {
        (amount * N::HALF).ceil_whole()
    } else {
        amount
    }
}

#[cfg(test)]
mod tests {
    use crate::tax::state::testing::*;
    use rust_decimal_macros::dec;

    /// 2025 IT-201 by hand: married filing jointly, 67 and 58; his pension $30,000 and IRA
    /// $40,000, her IRA $25,000, interest $8,000, his Social Security $40,000. Federal AGI:
    /// provisional income 103,000 + 20,000 = 123,000 → taxable SS min(34,000, 0.85 × 79,000 +
    /// 6,000) = 34,000; AGI 137,000 (line 19). Line 27 subtracts 34,000; line 29 his 20,000
    /// (she is under 59½) → NY AGI (line 33) 83,000. Standard deduction 16,050 → taxable
    /// income (line 38) 66,950, over 65,000 so the rate schedule applies: 686 + 290.25 +
    /// 225.75 + 5.5% × 39,050 = 2,147.75 → 3,349.75. AGI under 107,650: no recapture; federal
    /// AGI over 32,000: no household credit.
    #[test]
    fn it_201_couple_pension_exclusion_by_age() {
        let f = couple(
            (67, 58),
            |h| {
                h.private_pension = dec!(30000);
                h.ira_distributions = dec!(40000);
                h.social_security = dec!(40000);
            },
            |s| s.ira_distributions = dec!(25000),
        )
        .with(|f| f.taxable_interest = dec!(8000));
        let (fed, s) = compute("NY", 2025, &f);
        assert_eq!(fed.agi, dec!(137000));
        assert_eq!(s.agi, dec!(83000));
        assert_eq!(s.taxable_income, dec!(66950));
        assert_eq!(s.tax, dec!(3349.75));
    }

    /// 2025 IT-201-I Tax computation worksheet 1 (single, NY AGI over 157,650, taxable income
    /// up to 215,400): the whole taxable income at 6%. Single, 58, IRA $180,000, interest
    /// $5,000: NY AGI 185,000, taxable income 177,000 → 10,620.00. The model recaptures the
    /// lower brackets' benefit as the whole-dollar $568 of the reference tables: 4,270.75 +
    /// 6% × 96,350 = 10,051.75, plus 568 = 10,619.75, a quarter below the worksheet.
    #[test]
    fn supplemental_tax_recaptures_the_lower_brackets() {
        let f = single(58, |p| p.ira_distributions = dec!(180000))
            .with(|f| f.taxable_interest = dec!(5000));
        let (_, s) = compute("NY", 2025, &f);
        assert_eq!(s.taxable_income, dec!(177000));
        assert_eq!(s.tax, dec!(10619.75));
        assert!((s.tax - dec!(10620)).abs() <= dec!(0.25));
        // line 40, household credit table 1: single, 58, IRA $14,000 → taxable income 6,000,
        // tax 4% = 240; federal AGI 14,000 (over 7,000, not over 20,000) → credit 45 → 195
        let low = single(58, |p| p.ira_distributions = dec!(14000));
        assert_eq!(compute("NY", 2025, &low).1.tax, dec!(195));
    }
}
