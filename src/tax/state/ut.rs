//! Utah (TC-40): federal AGI at a flat rate, less the taxpayer tax credit (6% of the federal
//! standard deduction, phased out with income); the earned income credit and either the
//! retirement credit or the Social Security benefits credit.

use super::common::childless_eitc;
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::federal::TaxBreakdown;

names!(P: basic_standard, taxpayer_rate, taxpayer_phaseout_start, taxpayer_phaseout_rate,
    retirement_birth_year, retirement_credit, retirement_phaseout_start,
    retirement_phaseout_rate, ss_phaseout_start, ss_phaseout_rate, eitc_rate, eitc_max,
    eitc_phase_rate, eitc_phaseout_start, eitc_investment_limit, eitc_min_age, eitc_max_age);
names!(T);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    // Lines 4-9: federal AGI with no additions or subtractions a retiree has.
    let agi = fed.agi;
    let taxable_income = agi.pos();
    let rate_tax = law.schedule(fs).tax(taxable_income);
    // Lines 11-19, taxpayer tax credit: 6% of the federal standard deduction (the personal
    // exemptions are for dependents only), less 1.3% of taxable income over the threshold.
    let taxpayer_credit = (law.p(P::taxpayer_rate) * fed.standard_deduction
        - law.p(P::taxpayer_phaseout_rate)
            * (taxable_income - law.pf(P::taxpayer_phaseout_start, fs)).pos())
    .pos();
    // § 59-10-104.1: no tax when federal AGI is at most the federal basic standard deduction.
    let tax = if fed.agi <= law.pf(P::basic_standard, fs) {
        N::ZERO
    } else {
        (rate_tax - taxpayer_credit).pos()
    };
    // TC-40A credits. Modified AGI: Utah total income plus tax-exempt interest.
    let magi = agi + f.tax_exempt_interest;
    // Retirement credit (code 04): $450 for each person born before the birth-year limit,
    // less 2.5% of modified AGI over the threshold.
    let year = i64::from(law.year);
    let born_before = f
        .on_return()
        .iter()
        .filter(|p| N::from_i64(year - i64::from(p.age)) <= law.p(P::retirement_birth_year))
        .count();
    let retirement = (N::from_i64(born_before as i64) * law.p(P::retirement_credit)
        - law.p(P::retirement_phaseout_rate)
            * (magi - law.pf(P::retirement_phaseout_start, fs)).pos())
    .pos();
    // Social Security benefits credit (code 39): the tax rate on taxable Social Security, less
    // 2.5% of modified AGI over the threshold; a return takes the larger of the two.
    let rate = law.schedule(fs).rate(taxable_income);
    let social_security = (rate * fed.taxable_social_security
        - law.p(P::ss_phaseout_rate) * (magi - law.pf(P::ss_phaseout_start, fs)).pos())
    .pos();
    let (retirement, social_security) = if retirement >= social_security {
        (retirement, N::ZERO)
    } else {
        (N::ZERO, social_security)
    };
    // Earned income credit (code 20): 20% of the federal credit, at most the wages.
    let eitc = childless_eitc(
        f,
        fed.agi,
        f.taxable_interest
            + f.tax_exempt_interest
            + f.ordinary_dividends
            + fed.capital_gain_in_agi.pos(),
        law.p(P::eitc_max),
        law.p(P::eitc_phase_rate),
        law.pf(P::eitc_phaseout_start, fs),
        law.p(P::eitc_investment_limit),
        (law.p(P::eitc_min_age), law.p(P::eitc_max_age)),
    );
    let state_eitc = (law.p(P::eitc_rate) * eitc).min_of(f.total(|p| p.wages));
    let mut b = StateBreakdown {
        agi,
        deductions: fed.standard_deduction,
        taxable_income,
        tax_before_credits: tax,
        ..StateBreakdown::zero(law.state, fed)
    };
    b.apply_credits(&[
        ("Earned income credit", state_eitc),
        ("Retirement credit", retirement),
        ("Social Security benefits credit", social_security),
    ]);
    b
}

#[cfg(test)]
mod tests {
    use crate::num::Num;
    use crate::tax::state::testing::*;
    use rust_decimal_macros::dec;

    /// 2025 TC-40 by hand: single, 68 (born 1957), IRA $40,000, interest $2,000, Social
    /// Security $24,000. Federal AGI: provisional income 54,000 → taxable SS min(20,400, 0.85 ×
    /// 20,000 + 4,500) = 20,400; AGI 62,400 = Utah taxable income (line 9); tax 4.5% = 2,808
    /// (line 10). Taxpayer tax credit: 6% × (15,750 + 2,000) = 1,065 less 1.3% × (62,400 −
    /// 18,213) = 574.43 → 490.57; tax 2,317.43 (line 20). TC-40A: no retirement credit (born
    /// after 1952); Social Security benefits credit 4.5% × 20,400 = 918 less 2.5% × (62,400 −
    /// 54,000) = 210 → 708. Tax 1,609.43.
    #[test]
    fn tc_40_social_security_credit() {
        let f = single(68, |p| {
            p.ira_distributions = dec!(40000);
            p.social_security = dec!(24000);
        })
        .with(|f| f.taxable_interest = dec!(2000));
        let (fed, s) = compute("UT", 2025, &f);
        assert_eq!(fed.agi, dec!(62400));
        assert_eq!(s.taxable_income, dec!(62400));
        assert_eq!(s.tax_before_credits.round_cents(), dec!(2317.43));
        assert_eq!(s.credits[2].amount, dec!(708));
        assert_eq!(s.tax.round_cents(), dec!(1609.43));
    }
}
