//! Idaho (Form 40): federal AGI less Social Security and the retirement benefits deduction
//! (government pensions from 65) and Medicare premiums; the federal standard and senior deductions; 5.3% above the
//! zero bracket; the $10 permanent building fund tax.

use super::common::reached;
use super::{Person, StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::federal::TaxBreakdown;

names!(P: retirement_age, retirement_cap, building_fund_tax, irmaa_magi_ratio, medicare_age,
    msp_poverty_share, poverty_first, poverty_additional, ssi_general_exclusion,
    ssi_earned_exclusion, ssi_couple_rate, ssi_individual_rate);
names!(T: medicare_part_b);

/// The Medicare Savings Programs (QMB, SLMB, QI) pay the standard Part B premium of an
/// enrollee (person `i`, 65+) whose countable income, counted as SSI counts it (Social
/// Security, pensions, IRA distributions, interest and dividends, less $20 a month; earnings
/// less $65 a month and half the rest; capital gains not at all), is under 135% of the poverty
/// guideline (the couple's when married). The resource test is taken as met, as the reference
/// model does with no resources given. A couple's incomes count together when both are
/// enrollees; a spouse under 65 is an ineligible spouse, whose income is deemed to the
/// enrollee only when it exceeds the difference between the SSI couple and individual rates
/// (20 CFR 416.1163(d)), as New Jersey's medical deduction has it.
fn msp_pays<N: Num>(law: &StateLaw<N>, f: &StateFacts<N>, i: usize) -> bool {
    let people = f.on_return();
    let joint = f.share(
        f.taxable_interest + f.tax_exempt_interest + f.ordinary_dividends + f.other_ordinary,
    );
    let earned = |p: &Person<N>| p.wages;
    // a Roth conversion is no payment received
    let unearned = |p: &Person<N>| p.social_security + p.pensions() + p.ira_distributions + joint;
    let countable = |earned: N, unearned: N| {
        let general = law.p(P::ssi_general_exclusion);
        let countable_unearned = (unearned - general).pos();
        let leftover = (general - unearned).pos();
        countable_unearned + (earned - leftover - law.p(P::ssi_earned_exclusion)).pos() * N::HALF
    };
    let me = &people[i];
    let mut poverty = law.p(P::poverty_first);
    let income = if people.len() == 2 {
        poverty += law.p(P::poverty_additional);
        let other = &people[1 - i];
        let deemed = earned(other) + unearned(other);
        let threshold = law.p(P::ssi_couple_rate) - law.p(P::ssi_individual_rate);
        if reached(other.age, law.p(P::medicare_age)) || deemed > threshold {
            countable(earned(me) + earned(other), unearned(me) + unearned(other))
        } else {
            countable(earned(me), unearned(me))
        }
    } else {
        countable(earned(me), unearned(me))
    };
    income < law.p(P::msp_poverty_share) * poverty
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
    for (i, p) in f.on_return().iter().enumerate() {
        if reached(p.age, law.p(P::medicare_age)) {
            let paid_by_state = if msp_pays(law, f, i) {
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

    /// Medicare Savings Programs and a younger spouse (2026): 66 and 60, his IRA $24,000,
    /// interest $6,000 (half each). His countable income 24,000 + 3,000 − 240 = 26,760 is under
    /// 135% of the couple's guideline (1.35 × 21,640 = 29,214); her $3,000 is under the $5,964
    /// SSI couple-individual difference, so not deemed to him: the program pays his standard
    /// premium and nothing is subtracted. With $4,000 of IRA money of her own, her $7,000 is
    /// deemed, their 33,760 is over the limit, and his $2,434.80 premium is subtracted.
    #[test]
    fn younger_spouse_income_deemed_only_over_the_ssi_difference() {
        let at = |hers: rust_decimal::Decimal| {
            let f = couple(
                (66, 60),
                |h| h.ira_distributions = dec!(24000),
                |s| s.ira_distributions = hers,
            )
            .with(|f| f.taxable_interest = dec!(6000));
            compute("ID", 2026, &f)
        };
        let (fed, s) = at(dec!(0));
        assert_eq!(s.agi, fed.agi);
        let (fed, s) = at(dec!(4000));
        assert_eq!(s.agi, fed.agi - dec!(2434.8));
    }
}
