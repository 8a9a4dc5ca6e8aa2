//! Idaho (Form 40): federal AGI less Social Security and the retirement benefits deduction
//! (government pensions from 65) and Medicare premiums; the federal standard and senior deductions; 5.3% above the
//! zero bracket; the $10 permanent building fund tax.

use super::common::reached;
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::federal::TaxBreakdown;

names!(P: retirement_age, retirement_cap, building_fund_tax, irmaa_magi_ratio, medicare_age,
    msp_poverty_share, poverty_first, poverty_additional, ssi_general_exclusion,
    ssi_earned_exclusion);
names!(T: medicare_part_b);

/// The Medicare Savings Programs (QMB, SLMB, QI) pay the standard Part B premium of an
/// enrollee whose countable income, counted as SSI counts it (Social Security, pensions, IRA
/// distributions, interest and dividends, less $20 a month; earnings less $65 a month and half the
/// rest; capital gains not at all), is under 135% of the poverty guideline (the couple's when
/// married). The resource test is taken as met, as the reference model does with no resources
/// given; a spouse under 65 has their income counted with the enrollee's.
fn msp_eligible<N: Num>(law: &StateLaw<N>, f: &StateFacts<N>) -> bool {
    let people = f.on_return();
    let joint = f.share(
        f.taxable_interest + f.tax_exempt_interest + f.ordinary_dividends + f.other_ordinary,
    );
    let mut earned = N::ZERO;
    let mut unearned = N::ZERO;
    for p in people {
        earned += p.wages;
        // a Roth conversion is no payment received
        unearned += p.social_security + p.pensions() + p.ira_distributions + joint;
    }
    let general = law.p(P::ssi_general_exclusion);
    let countable_unearned = (unearned - general).pos();
    let leftover = (general - unearned).pos();
    let countable_earned = (earned - leftover - law.p(P::ssi_earned_exclusion)).pos() * N::HALF;
    let poverty = law.p(P::poverty_first)
        + law.p(P::poverty_additional) * N::from_i64(people.len() as i64 - 1);
    countable_unearned + countable_earned < law.p(P::msp_poverty_share) * poverty
}

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    // Form 39R: government pensions of people 65+, up to the cap less Social Security received.
    let pensions: N = f
        .on_return()
        .iter()
        .filter(|p| reached(p.age, law.p(P::retirement_age)))
        .fold(N::ZERO, |acc, p| acc + p.government_pension);
    let ss = f.total(|p| p.social_security);
    let retirement = pensions.min_of((law.pf(P::retirement_cap, fs) - ss).pos());
    // Health insurance premiums: Medicare Part B for each person 65 or over. Its income-related
    // amount goes by the MAGI of two years before, estimated (as the reference does) as this
    // year's MAGI deflated by the growth of AGI per capita over the two years.
    let part_b = law
        .table(T::medicare_part_b, fs)
        .step_over(fed.magi * law.p(P::irmaa_magi_ratio));
    let table = law.table(T::medicare_part_b, fs);
    let standard_premium = table.values.first().copied().unwrap_or(N::ZERO);
    let mut medicare = N::ZERO;
    for p in f.on_return() {
        if reached(p.age, law.p(P::medicare_age)) {
            let paid_by_state = if msp_eligible(law, f) {
                standard_premium
            } else {
                N::ZERO
            };
            medicare += (part_b - paid_by_state).pos();
        }
    }
    let subtractions = fed.taxable_social_security + retirement + medicare;
    let agi = fed.agi - subtractions;
    let deductions = fed.standard_deduction + fed.senior_deduction;
    let taxable_income = (agi - deductions).pos();
    let mut tax = law.schedule(fs).tax(taxable_income);
    if fed.agi > fed.standard_deduction {
        tax += law.p(P::building_fund_tax);
    }
    StateBreakdown {
        subtractions,
        agi,
        deductions,
        taxable_income,
        tax_before_credits: tax,
        tax,
        ..StateBreakdown::zero(law.state, fed)
    }
}

#[cfg(test)]
mod tests {
    use crate::tax::state::testing::*;
    use rust_decimal_macros::dec;

    /// 2025 Form 40 by hand: single, 60, IRA $40,000, interest $5,000. Federal AGI 45,000,
    /// standard deduction 15,750 → taxable 29,250; tax 5.3% × (29,250 − 4,811) = 1,295.267;
    /// plus the $10 permanent building fund tax → 1,305.27.
    #[test]
    fn form_40_with_the_building_fund_tax() {
        let f = single(60, |p| p.ira_distributions = dec!(40000))
            .with(|f| f.taxable_interest = dec!(5000));
        let (_, s) = compute("ID", 2025, &f);
        assert_eq!(s.taxable_income, dec!(29250));
        assert_eq!(s.tax, dec!(1305.267));
    }
}
