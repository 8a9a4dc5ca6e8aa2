//! Oklahoma (Form 511): federal AGI less Social Security and up to $10,000 of each person's
//! retirement benefits; the standard deduction; $1,000 exemptions, one more from 65 at low
//! income; the rate schedule.

use super::common::reached;
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::federal::TaxBreakdown;

names!(P: retirement_cap, exemption, aged_age, aged_agi_limit);
names!(T);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    // Schedule 511-A lines 5-8: taxable Social Security; each person's retirement benefits
    // (government and private pensions, IRA distributions and conversions) up to $10,000.
    let cap = law.p(P::retirement_cap);
    let retirement = f.total(|p| p.retirement().min_of(cap));
    let subtractions = fed.taxable_social_security + retirement;
    let agi = fed.agi - subtractions;
    let deductions = law.standard[fs.index()];
    // Line 13: one exemption per person, one more for each person 65 or over when federal AGI
    // (without Roth conversions) is within the limit.
    let low_income = fed.agi - f.total(|p| p.roth_conversions) <= law.pf(P::aged_agi_limit, fs);
    let age = law.p(P::aged_age);
    let count = f
        .on_return()
        .iter()
        .map(|p| if low_income && reached(p.age, age) { 2 } else { 1 })
        .sum::<i64>();
    let exemptions = N::from_i64(count) * law.p(P::exemption);
    let taxable_income = (agi - deductions - exemptions).pos();
    let tax = law.schedule(fs).tax(taxable_income);
    StateBreakdown {
        subtractions,
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

    /// 2025 Form 511 by hand: single, 67, IRA $120,000, interest $5,000, Social Security
    /// $30,000. Federal AGI 150,500 (taxable SS 85% = 25,500). Schedule 511-A: Social Security
    /// 25,500 and retirement benefits 10,000 → Oklahoma AGI 115,000. Standard deduction 6,350;
    /// one exemption 1,000 (AGI over 15,000: no extra one at 65) → taxable income 107,650, over
    /// $100,000 so the packet's rate schedule applies: $153.50 plus 4.75% over $7,200 =
    /// 153.50 + 4,771.375 = 4,924.88.
    #[test]
    fn form_511_retiree() {
        let f = single(67, |p| {
            p.ira_distributions = dec!(120000);
            p.social_security = dec!(30000);
        })
        .with(|f| f.taxable_interest = dec!(5000));
        let (fed, s) = compute("OK", 2025, &f);
        assert_eq!(fed.agi, dec!(150500));
        assert_eq!(s.agi, dec!(115000));
        assert_eq!(s.taxable_income, dec!(107650));
        assert_eq!(s.tax.round_cents(), dec!(4924.88));
        // the extra exemption at 65 at low income: IRA $14,000 → federal AGI 14,000 ≤ 15,000
        let low = single(67, |p| p.ira_distributions = dec!(14000));
        assert_eq!(compute("OK", 2025, &low).1.exemptions, dec!(2000));
    }
}
