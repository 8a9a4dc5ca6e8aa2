//! West Virginia (IT-140): federal AGI less Social Security (in full under the income limit,
//! in part above it), up to $2,000 of each person's government pension and the senior
//! citizen deduction; the low-income earned income exclusion and $2,000 exemptions; the rate
//! schedule; the low-income family tax credit.

use super::common::reached;
use super::{Person, StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::federal::TaxBreakdown;

names!(P: ss_agi_limit, ss_share_over_limit, public_pension_cap, senior_age, senior_cap,
    earned_exclusion, earned_exclusion_agi_limit, exemption, fpg_first, fpg_additional,
    fpg_share);
names!(T: family_credit_share);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    // Schedule M line 34: taxable Social Security, all of it with federal AGI within the limit,
    // the stated share above it; each person's part in proportion to their benefits.
    let ss_share = if fed.agi <= law.pf(P::ss_agi_limit, fs) {
        N::ONE
    } else {
        law.p(P::ss_share_over_limit)
    };
    let total_ss = f.total(|p| p.social_security);
    let ss_of = |p: &Person<N>| fed.taxable_social_security * p.social_security.ratio(total_ss);
    let pension_of = |p: &Person<N>| p.government_pension.min_of(law.p(P::public_pension_cap));
    // Line 40, senior citizen deduction (65+): each person's federal AGI up to $8,000, less
    // their own Schedule M modifications above (Social Security, pension).
    let joint = f.share(
        f.taxable_interest + f.ordinary_dividends + f.other_ordinary + fed.capital_gain_in_agi,
    );
    let senior_of = |p: &Person<N>| {
        if !reached(p.age, law.p(P::senior_age)) {
            return N::ZERO;
        }
        let own_agi = p.wages + p.retirement() + ss_of(p) + joint;
        (own_agi.min_of(law.p(P::senior_cap)) - ss_share * ss_of(p) - pension_of(p)).pos()
    };
    let subtractions = f.total(|p| ss_share * ss_of(p) + pension_of(p) + senior_of(p));
    let agi = fed.agi - subtractions;
    // Line 6: the low-income earned income exclusion, federal AGI at most $10,000.
    let earned = if fed.agi <= law.pf(P::earned_exclusion_agi_limit, fs) {
        fed.agi
            .min_of(f.total(|p| p.wages))
            .min_of(law.pf(P::earned_exclusion, fs))
    } else {
        N::ZERO
    };
    let people = f.on_return().len() as i64;
    let exemptions = N::from_i64(people) * law.p(P::exemption);
    let taxable_income = (agi - earned - exemptions).pos();
    let tax = law.schedule(fs).tax(taxable_income);
    // Family tax credit: a share of the tax by income (federal AGI plus tax-exempt interest)
    // over the poverty guideline for the family.
    let poverty = (law.p(P::fpg_first) + N::from_i64(people - 1) * law.p(P::fpg_additional))
        * law.pf(P::fpg_share, fs);
    let income = fed.agi + f.tax_exempt_interest - poverty;
    let family = tax * law.table(T::family_credit_share, fs).step(income);
    let mut b = StateBreakdown {
        subtractions,
        agi,
        deductions: earned,
        exemptions,
        taxable_income,
        tax_before_credits: tax,
        ..StateBreakdown::zero(law.state, fed)
    };
    b.apply_credits(&[("Low-income family tax credit", family)]);
    b
}

#[cfg(test)]
mod tests {
    use crate::num::Num;
    use crate::tax::state::testing::*;
    use rust_decimal_macros::dec;

    /// 2025 IT-140 by hand: single, 70, IRA $60,000, interest $2,000, Social Security $24,000.
    /// Federal AGI: provisional income 74,000 → taxable SS 20,400 (85%); AGI 82,400, over
    /// $50,000, so Schedule M line 34 takes 65%: 13,260. Line 40 senior deduction: 8,000 (own
    /// income, capped) less the own Social Security modification 13,260 → none. West Virginia AGI
    /// 69,140; exemption 2,000 → taxable 67,140; tax 222 + 444 + 499.50 + 888 + 4.82% × 7,140
    /// = 2,397.65. No family tax credit (income far over the poverty guideline).
    /// With only an IRA of $18,000 and $500 interest (head of household, 67), the senior
    /// deduction is the full 8,000: taxable 8,500 at 2.22% = 188.70.
    #[test]
    fn it_140_social_security_and_senior_deduction() {
        let f = single(70, |p| {
            p.ira_distributions = dec!(60000);
            p.social_security = dec!(24000);
        })
        .with(|f| f.taxable_interest = dec!(2000));
        let (fed, s) = compute("WV", 2025, &f);
        assert_eq!(fed.agi, dec!(82400));
        assert_eq!(s.subtractions, dec!(13260));
        assert_eq!(s.taxable_income, dec!(67140));
        assert_eq!(s.tax.round_cents(), dec!(2397.65));
        let f = single(67, |p| p.ira_distributions = dec!(18000)).with(|f| {
            f.filing = crate::tax::Filing::Hoh;
            f.taxable_interest = dec!(500);
        });
        let (_, s) = compute("WV", 2025, &f);
        assert_eq!(s.agi, dec!(10500));
        assert_eq!(s.tax, dec!(188.70));
    }
}
