//! Alabama (Form 40): its own gross income without Social Security, public pensions exempt,
//! $6,000 of other retirement income exempt per person from 65 (Schedule RS), a standard
//! deduction that shrinks with income (or itemized FICA and Medicare premiums), and a
//! deduction of federal income tax.

use super::common::{
    childless_eitc, employee_fica, net_gains, part_b_premiums, reached, step_phaseout,
};
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::federal::TaxBreakdown;

names!(P: standard_min, standard_phaseout_start, standard_phaseout_step,
    standard_phaseout_per_step, personal_exemption, retirement_age, retirement_cap,
    fica_ss_rate, fica_wage_base, fica_medicare_rate, fica_additional_rate,
    fica_additional_threshold, eitc_max, eitc_rate, eitc_phaseout_start,
    eitc_investment_limit, eitc_min_age, eitc_max_age, medical_floor, medicare_age,
    irmaa_magi_ratio);
names!(T: medicare_part_b);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    // Form 40 lines 1-9: Alabama gross income (no Social Security; gains and losses in full).
    let gross = f.total(|p| p.wages + p.retirement())
        + f.taxable_interest
        + f.ordinary_dividends
        + net_gains(f)
        + f.other_ordinary;
    // Schedule RS: government pensions are exempt; from 65, up to $6,000 of each person's other
    // retirement income.
    let age = law.p(P::retirement_age);
    let cap = law.p(P::retirement_cap);
    let mut exclusions = N::ZERO;
    for p in f.on_return() {
        exclusions += p.government_pension;
        if reached(p.age, age) {
            exclusions += (p.private_pension + p.ira_distributions + p.roth_conversions).min_of(cap);
        }
    }
    let agi = gross - exclusions;
    // Standard deduction chart: the largest amount less a fixed sum per full step of AGI over
    // the start, not below the smallest.
    let standard = (law.standard[fs.index()]
        - step_phaseout(
            agi,
            law.pf(P::standard_phaseout_start, fs),
            law.pf(P::standard_phaseout_step, fs),
            law.pf(P::standard_phaseout_per_step, fs),
        ))
    .max_of(law.pf(P::standard_min, fs));
    // Schedule A: of the itemized deductions, the employee's FICA on wages and medical
    // expenses over 4% of Alabama AGI (§ 40-18-15(a)(13)), which for a retiree are the
    // Medicare Part B premiums of each person 65 or over; the larger of the itemized total and
    // the standard deduction is taken (Alabama itemizing does not follow the federal choice).
    // The income-related part of the premium goes by the MAGI of two years before, estimated
    // as this year's deflated by the growth of AGI per capita, as the reference does. It
    // matters on a separate return, whose income-related amount starts at $106,000 of MAGI.
    let premiums = part_b_premiums(
        f,
        law.table(T::medicare_part_b, fs),
        fed.magi * law.p(P::irmaa_magi_ratio),
        law.p(P::medicare_age),
    );
    let medical = (premiums - law.p(P::medical_floor) * agi).pos();
    let itemized = employee_fica(
        f,
        law.p(P::fica_ss_rate),
        law.p(P::fica_wage_base),
        law.p(P::fica_medicare_rate),
        law.p(P::fica_additional_rate),
        law.pf(P::fica_additional_threshold, fs),
    ) + medical;
    // Federal Income Tax Deduction Worksheet: federal tax less refundable credits (the earned
    // income credit of a worker without children is the one a retiree may have).
    let eitc = childless_eitc(
        f,
        fed.agi,
        f.taxable_interest + f.tax_exempt_interest + f.ordinary_dividends + fed.capital_gain_in_agi.pos(),
        law.p(P::eitc_max),
        law.p(P::eitc_rate),
        law.pf(P::eitc_phaseout_start, fs),
        law.p(P::eitc_investment_limit),
        (law.p(P::eitc_min_age), law.p(P::eitc_max_age)),
    );
    let federal_tax = (fed.total - eitc).pos();
    let deductions = standard.max_of(itemized) + federal_tax;
    let exemptions = law.pf(P::personal_exemption, fs);
    let taxable_income = (agi - deductions - exemptions).pos();
    let tax = law.schedule(fs).tax(taxable_income);
    StateBreakdown {
        additions: gross - fed.agi + fed.taxable_social_security,
        subtractions: fed.taxable_social_security + exclusions,
        agi,
        deductions,
        exemptions,
        taxable_income,
        tax_before_credits: tax,
        tax,
        ..StateBreakdown::zero(law.state, fed)
    }
}

#[cfg(test)]
mod tests {
    use crate::num::Num;
    use crate::tax::state::testing::*;
    use rust_decimal_macros::dec;

    /// 2025 Form 40 worked by hand: single, 70, IRA $40,000, interest $5,000, Social Security
    /// $24,000. Lines 1-9 gross income 45,000 (Social Security is not Alabama income); Schedule
    /// RS line 10 excludes 6,000 → AGI 39,000. Standard Deduction Chart (single): AGI 39,000 is
    /// 27 full $500 steps over 25,500 → 3,000 − 27 × 25 = 2,325, below the floor: 2,500. Federal Income Tax Deduction
    /// Worksheet line 1 (Form 1040 line 22): taxable SS 20,400 (85%), AGI 65,400, standard
    /// deduction 17,750 and senior deduction 6,000 → taxable 41,650 → 1,192.50 + 12% × 29,725 =
    /// 4,759.50. Personal exemption 1,500. Taxable income 39,000 − 2,500 − 4,759.50 − 1,500 =
    /// 30,240.50; tax 10 + 100 + 5% × 27,240.50 = 1,472.03.
    #[test]
    fn form_40_single_retiree() {
        let f = single(70, |p| {
            p.ira_distributions = dec!(40000);
            p.social_security = dec!(24000);
        })
        .with(|f| f.taxable_interest = dec!(5000));
        let (fed, s) = compute("AL", 2025, &f);
        assert_eq!(fed.total, dec!(4759.50));
        assert_eq!(s.agi, dec!(39000));
        assert_eq!(s.deductions, dec!(2500) + dec!(4759.50));
        assert_eq!(s.taxable_income, dec!(30240.50));
        assert_eq!(s.tax.round_cents(), dec!(1472.03));
    }

    /// Schedule A medical expenses on a separate return (2025): 70, IRA $100,000, Social
    /// Security $30,000. Federal AGI 125,500 (85% of the benefits taxable); the Part B
    /// income-related amount goes by MAGI × 0.8779 = 110,173, over the $106,000 edge for a
    /// separate return → 12 × 591.90 = 7,102.80 a year. Alabama AGI 100,000 − 6,000 = 94,000;
    /// medical expenses over 4% of it: 7,102.80 − 3,760 = 3,342.80, more than the $2,500
    /// floor the standard deduction has fallen to, so it is taken.
    #[test]
    fn separate_return_itemizes_medicare_premiums() {
        let f = single(70, |p| {
            p.ira_distributions = dec!(100000);
            p.social_security = dec!(30000);
        })
        .with(|f| f.filing = crate::tax::Filing::Mfs);
        let (fed, s) = compute("AL", 2025, &f);
        assert_eq!(fed.agi, dec!(125500));
        assert_eq!(s.agi, dec!(94000));
        assert_eq!(s.deductions, dec!(3342.80) + fed.total);
        // at 64 there is no premium, and the standard deduction's floor applies
        let young = f.with(|f| f.people[0].age = 64);
        let (fed, s) = compute("AL", 2025, &young);
        assert_eq!(s.deductions, dec!(2500) + fed.total);
    }
}
