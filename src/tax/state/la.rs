//! Louisiana (Form IT-540): federal AGI less Social Security, government pensions and each
//! person's retirement income exemption from 65; the standard deduction; a flat rate.

use super::common::reached;
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::federal::TaxBreakdown;

names!(P: retirement_cap, retirement_age);
names!(T);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    // Schedule E: Social Security, government pensions, and up to the cap of each person's
    // employer pension from 65.
    let retirement = f.total(|p| {
        if reached(p.age, law.p(P::retirement_age)) {
            p.private_pension.min_of(law.p(P::retirement_cap))
        } else {
            N::ZERO
        }
    });
    let subtractions =
        fed.taxable_social_security + f.total(|p| p.government_pension) + retirement;
    let agi = (fed.agi - subtractions).pos();
    let deductions = law.standard[fs.index()];
    let taxable_income = (agi - deductions).pos();
    let tax = law.schedule(fs).tax(taxable_income);
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

    /// 2025 IT-540 by hand: single, 67, pension $20,000, IRA $30,000, interest $5,000.
    /// Federal AGI 55,000; Schedule E code 6E exempts 12,000 of the pension → Louisiana AGI
    /// 43,000; standard deduction 12,500 → taxable 30,500; tax 3% = 915.
    #[test]
    fn it540_single_retiree() {
        let f = single(67, |p| {
            p.private_pension = dec!(20000);
            p.ira_distributions = dec!(30000);
        })
        .with(|f| f.taxable_interest = dec!(5000));
        let (_, s) = compute("LA", 2025, &f);
        assert_eq!(s.agi, dec!(43000));
        assert_eq!(s.taxable_income, dec!(30500));
        assert_eq!(s.tax, dec!(915));
    }
}
