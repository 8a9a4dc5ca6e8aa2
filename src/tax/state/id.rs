//! Idaho (Form 40): federal AGI less Social Security and the retirement benefits deduction
//! (government pensions from 65) and Medicare premiums; the federal standard and senior deductions; 5.3% above the
//! zero bracket; the $10 permanent building fund tax.

use super::common::reached;
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::federal::TaxBreakdown;

names!(P: retirement_age, retirement_cap, building_fund_tax);
names!(T: medicare_part_b);

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
    // Health insurance premiums: Medicare Part B for each person 65 or over.
    let part_b = law.table(T::medicare_part_b, fs).step_over(fed.magi);
    let medicare = N::from_i64(i64::from(f.count_aged(65))) * part_b;
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
