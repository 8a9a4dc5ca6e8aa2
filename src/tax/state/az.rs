//! Arizona (Form 140): federal AGI less Social Security, part of government pensions, a quarter
//! of long-term gains, the federal senior deduction and the age exemption; the standard
//! deduction; a flat rate.

use super::common::reached;
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::federal::TaxBreakdown;

names!(P: aged_exemption, aged_age, public_pension_cap, long_term_gain_share);
names!(T);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    let mut pensions = N::ZERO;
    let mut exemptions = N::ZERO;
    for p in f.on_return() {
        pensions += p.government_pension.min_of(law.p(P::public_pension_cap));
        if reached(p.age, law.p(P::aged_age)) {
            exemptions += law.p(P::aged_exemption);
        }
    }
    let gains = if f.long_term_gains + f.short_term_gains > N::ZERO {
        law.p(P::long_term_gain_share) * f.long_term_gains.pos()
    } else {
        N::ZERO
    };
    let subtractions = fed.taxable_social_security + pensions + gains + fed.senior_deduction;
    // Form 140 line 42: Arizona AGI is after the exemptions.
    let agi = (fed.agi - subtractions - exemptions).pos();
    let deductions = law.standard[fs.index()];
    let taxable_income = (agi - deductions).pos();
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
    use crate::tax::state::testing::*;
    use rust_decimal_macros::dec;

    /// 2025 Form 140 by hand: single, 60, IRA $40,000, interest $5,000, long-term gain
    /// $8,000. Federal AGI 53,000. Line 28 subtracts 25% of the gain (2,000) → Arizona AGI
    /// 51,000; standard deduction 15,750 → 35,250 × 2.5% = 881.25.
    #[test]
    fn form_140_gain_subtraction() {
        let f = single(60, |p| p.ira_distributions = dec!(40000)).with(|f| {
            f.taxable_interest = dec!(5000);
            f.long_term_gains = dec!(8000);
        });
        let (_, s) = compute("AZ", 2025, &f);
        assert_eq!(s.agi, dec!(51000));
        assert_eq!(s.tax, dec!(881.25));
    }
}
