//! Kentucky (Form 740): federal AGI less Social Security and each person's pension income
//! exclusion; the standard deduction; a flat rate; the personal credit at 65 and the family
//! size tax credit; for a married couple the choice of separate columns on a combined return.

use super::common::reached;
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::Filing;
use crate::tax::federal::TaxBreakdown;

names!(P: pension_exclusion, aged_credit, aged_age, poverty_first, poverty_additional,
    family_size_cap);
names!(T: family_size_rate);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    let people = f.on_return();
    let rate = law.schedule(fs);
    let standard = law.standard[fs.index()];
    let joint = f.share(
        f.taxable_interest + f.ordinary_dividends + f.other_ordinary + fed.capital_gain_in_agi,
    );
    let benefits = f.total(|p| p.social_security);
    // Each spouse's column: federal AGI (taxable benefits in proportion to each one's
    // benefits) and Kentucky AGI (no benefits, less the Schedule P exclusion).
    let mut ky_agi = [N::ZERO; 2];
    let mut fed_agi = [N::ZERO; 2];
    let mut credits = [N::ZERO; 2];
    for (i, p) in people.iter().enumerate() {
        let own = p.wages + p.retirement() + joint;
        let spouse_share = if people.len() == 2 && benefits > N::ZERO {
            people[1].social_security / benefits
        } else {
            N::ZERO
        };
        let share = if i == 0 { N::ONE - spouse_share } else { spouse_share };
        fed_agi[i] = own + share * fed.taxable_social_security;
        ky_agi[i] = own - p.retirement().min_of(law.p(P::pension_exclusion));
        if reached(p.age, law.p(P::aged_age)) {
            credits[i] = law.p(P::aged_credit);
        }
    }
    let agi = ky_agi[0] + ky_agi[1];
    let size = N::from_i64(people.len() as i64).min_of(law.p(P::family_size_cap));
    let poverty = law.p(P::poverty_first) + law.p(P::poverty_additional) * (size - N::ONE);
    let family_rate = |modified: N| {
        law.table(T::family_size_rate, Filing::Single)
            .step_over(modified / poverty)
    };
    // Credits in order: personal, then the family size share of what is left.
    let after = |tax: N, personal: N, share: N| {
        let left = tax - personal.min_of(tax);
        (left - (share * left).min_of(left), tax - left)
    };
    let joint_taxable = (agi - standard).pos();
    let joint_tax = rate.tax(joint_taxable);
    let joint_share = family_rate(fed.agi.max_of(agi));
    let (joint_after, joint_personal) = after(joint_tax, credits[0] + credits[1], joint_share);
    let mut result = (joint_taxable, joint_tax, joint_personal, joint_after);
    if fs == Filing::Mfj {
        let taxable = ky_agi.map(|a| (a - standard).pos());
        let tax = taxable.map(|t| rate.tax(t));
        let personal = credits[0].min_of(tax[0]) + credits[1].min_of(tax[1]);
        let modified = (fed_agi[0].pos() + fed_agi[1].pos()).max_of(ky_agi[0].pos() + ky_agi[1].pos());
        let (separate_after, separate_personal) =
            after(tax[0] + tax[1], personal, family_rate(modified));
        if separate_after < joint_after {
            result = (taxable[0] + taxable[1], tax[0] + tax[1], separate_personal, separate_after);
        }
    }
    let (taxable_income, tax, personal, left) = result;
    let family = tax - personal - left;
    let mut b = StateBreakdown {
        subtractions: fed.agi - agi,
        agi,
        deductions: standard,
        taxable_income,
        tax_before_credits: tax,
        ..StateBreakdown::zero(law.state, fed)
    };
    b.apply_credits(&[("Personal tax credits", personal), ("Family size tax credit", family)]);
    b
}

#[cfg(test)]
mod tests {
    use crate::tax::state::testing::*;
    use rust_decimal_macros::dec;

    /// 2025 Form 740 by hand: single, 67, IRA $30,000, interest $5,000, Social Security
    /// $24,000 (the reference's second probe). Federal AGI 50,550 (taxable benefits 15,550);
    /// Schedule M subtracts the benefits and Schedule P excludes the IRA up to 31,110 →
    /// Kentucky AGI 5,000; standard deduction 3,270 → taxable 1,730; tax 4% = 69.20. Personal
    /// credit 40 at 65 → 29.20. Family size credit: modified income 50,550 is over 133% of
    /// the $15,650 guideline → none. Tax 29.20.
    #[test]
    fn form_740_single_retiree() {
        let f = single(67, |p| {
            p.ira_distributions = dec!(30000);
            p.social_security = dec!(24000);
        })
        .with(|f| f.taxable_interest = dec!(5000));
        let (_, s) = compute("KY", 2025, &f);
        assert_eq!(s.agi, dec!(5000));
        assert_eq!(s.taxable_income, dec!(1730));
        assert_eq!(s.tax, dec!(29.20));
    }
}
