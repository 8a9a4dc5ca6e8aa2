//! Oregon (Form OR-40): federal AGI less Social Security and the federal income tax (capped,
//! the cap phasing out with AGI); the standard deduction with its age additions; the rate
//! schedule; the exemption and retirement income credits.

use super::common::reached;
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::federal::TaxBreakdown;

names!(P: federal_tax_cap, aged_age, aged_addition, exemption_credit, exemption_agi_limit,
    retirement_age, retirement_base, retirement_income_threshold, retirement_rate);
names!(T: federal_tax_cap_share, top_bracket);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    // Schedule OR-ASC: federal income tax liability (before refundable credits: the federal
    // breakdown's tax), up to the cap, which falls by a fifth for each $5,000 ($2,500
    // separate) of federal AGI over $125,000 ($250,000 joint and head of household).
    let cap = law.pf(P::federal_tax_cap, fs) * law.table(T::federal_tax_cap_share, fs).step(fed.agi);
    let federal_tax = fed.total.pos().min_of(cap);
    let subtractions = fed.taxable_social_security + federal_tax;
    let agi = fed.agi - subtractions;
    // Standard deduction, with an addition for each person 65 or over.
    let aged = f
        .on_return()
        .iter()
        .filter(|p| reached(p.age, law.p(P::aged_age)))
        .count();
    let deductions =
        law.standard[fs.index()] + N::from_i64(aged as i64) * law.pf(P::aged_addition, fs);
    let taxable_income = (agi - deductions).pos();
    let tax = law.schedule(fs).tax(taxable_income) + law.table(T::top_bracket, fs).tax(taxable_income);
    // Exemption credit: one per person on the return, federal AGI within the limit.
    let people = N::from_i64(f.on_return().len() as i64);
    let exemption = if fed.agi <= law.pf(P::exemption_agi_limit, fs) {
        people * law.p(P::exemption_credit)
    } else {
        N::ZERO
    };
    let mut b = StateBreakdown {
        subtractions,
        agi,
        deductions,
        taxable_income,
        tax_before_credits: tax,
        ..StateBreakdown::zero(law.state, fed)
    };
    b.apply_credits(&[
        ("Exemption credit", exemption),
        ("Retirement income credit", retirement_credit(law, f, fed)),
    ]);
    b
}

/// ORS 316.157, retirement income credit: 9% of the pensions of the people 62 or over, up to
/// a base less all Social Security received and less household income (federal AGI plus
/// tax-exempt interest, without taxable Social Security) over the threshold. Pensions only,
/// not IRA distributions, as the reference model reads "retirement income".
fn retirement_credit<N: Num>(law: &StateLaw<N>, f: &StateFacts<N>, fed: &TaxBreakdown<N>) -> N {
    let fs = f.filing;
    let age = law.p(P::retirement_age);
    let pensions = f.total(|p| {
        if reached(p.age, age) {
            p.pensions()
        } else {
            N::ZERO
        }
    });
    let social_security = f.total(|p| p.social_security);
    let household_income = fed.agi + f.tax_exempt_interest - fed.taxable_social_security;
    let base = ((law.pf(P::retirement_base, fs) - social_security).pos()
        - (household_income - law.pf(P::retirement_income_threshold, fs)).pos())
    .pos();
    law.p(P::retirement_rate) * pensions.pos().min_of(base)
}

#[cfg(test)]
mod tests {
    use crate::num::Num;
    use crate::tax::state::testing::*;
    use rust_decimal_macros::dec;

    /// 2025 OR-40 by hand: single, 67, pension $20,000, IRA $40,000, interest $2,000, Social
    /// Security $18,000. Federal: provisional income 71,000 → taxable SS 15,300 (85%); AGI
    /// 77,300; deductions 15,750 + 2,000 + senior 6,000 − 6% × 2,300 = 23,612 → taxable
    /// 53,688 → tax 5,578.50 + 22% × 5,213 = 6,725.36. Schedule OR-ASC: federal tax 6,725.36
    /// (under the $8,500 cap) and Social Security 15,300 → Oregon income 55,274.64. Standard
    /// deduction 2,835 + 1,200 at 65 → taxable 51,239.64, over $50,000 so the rate chart
    /// applies: $661.25 + 8.75% over $11,100 = 4,173.47. Exemption credit 256; retirement
    /// income credit none (Social Security exceeds the $7,500 base) → 3,917.47.
    #[test]
    fn or_40_federal_tax_subtracted() {
        let f = single(67, |p| {
            p.private_pension = dec!(20000);
            p.ira_distributions = dec!(40000);
            p.social_security = dec!(18000);
        })
        .with(|f| f.taxable_interest = dec!(2000));
        let (fed, s) = compute("OR", 2025, &f);
        assert_eq!(fed.agi, dec!(77300));
        assert_eq!(fed.total.round_cents(), dec!(6725.36));
        assert_eq!(s.agi.round_cents(), dec!(55274.64));
        assert_eq!(s.taxable_income.round_cents(), dec!(51239.64));
        assert_eq!(s.tax_before_credits.round_cents(), dec!(4173.47));
        assert_eq!(s.tax.round_cents(), dec!(3917.47));
    }

    /// ORS 316.157 retirement income credit: single, 63, pension $12,000, no Social Security,
    /// interest $1,000: household income 13,000 under 15,000, so the base stays 7,500; 9% ×
    /// min(12,000, 7,500) = 675 takes the rest of the tax: 209 + 6.75% × 5,765 = 598.14, less the 256 exemption
    /// credit, leaves 342.14.
    #[test]
    fn retirement_income_credit() {
        let f = single(63, |p| p.private_pension = dec!(12000))
            .with(|f| f.taxable_interest = dec!(1000));
        let (_, s) = compute("OR", 2025, &f);
        assert_eq!(s.taxable_income, dec!(10165));
        assert_eq!(s.credits[1].amount.round_cents(), dec!(342.14));
        assert_eq!(s.tax, dec!(0));
    }
}
