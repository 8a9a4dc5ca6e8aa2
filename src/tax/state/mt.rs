//! Montana (Form 2): federal taxable income less the old-age subtraction and the federal
//! senior deduction once more; ordinary income on the rate schedule and net long-term capital
//! gains at their own lower rates.

use super::common::count_reached;
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::federal::TaxBreakdown;

names!(P: old_age_age, old_age_subtraction);
names!(T: gains_rates);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    let aged = count_reached(f, law.p(P::old_age_age));
    let subtractions =
        N::from_i64(aged as i64) * law.p(P::old_age_subtraction) + fed.senior_deduction;
    let agi = (fed.agi - subtractions).pos();
    let deductions = fed.standard_deduction;
    let taxable_income = (agi - deductions).pos();
    // Net long-term capital gain: long-term gains, less a net short-term loss, not below zero.
    let gains = f
        .long_term_gains
        .min_of(f.long_term_gains + f.short_term_gains)
        .pos();
    let ordinary = (taxable_income - gains).pos();
    let ordinary_tax = law.schedule(fs).tax(ordinary);
    // Capital gains tax worksheet: the lower rate on gains up to what the ordinary income
    // leaves of the threshold, the higher rate on the rest.
    let rates = law.table(T::gains_rates, fs);
    // (an empty table in an overriding file taxes no gains rather than panicking)
    let lower = rates.values.first().copied().unwrap_or(N::ZERO);
    let higher = rates.values.last().copied().unwrap_or(N::ZERO);
    let threshold = rates.thresholds.last().copied().unwrap_or(N::ZERO);
    let taxed_gains = gains.min_of(taxable_income);
    let room = (threshold - ordinary).pos();
    let gains_tax =
        lower * taxed_gains.min_of(room) + higher * (taxed_gains - room).pos();
    let tax = ordinary_tax + gains_tax;
    StateBreakdown {
        subtractions,
        agi: fed.agi,
        deductions,
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

    /// 2025 Form 2 by hand: single, 67, IRA $50,000, long-term gain $10,000, Social Security
    /// $20,000. Federal: provisional income 70,000 → taxable SS 17,000 (85%), AGI 77,000;
    /// senior deduction 6,000 − 6% × 2,000 = 5,880; standard deduction 17,750; federal
    /// taxable income 53,370. Montana subtracts 5,660 (65+): taxable 47,710. Ordinary income
    /// 37,710: 4.7% × 21,100 = 991.70 + 5.9% × 16,610 = 979.99. The 10,000 gain lies above
    /// the 21,100 threshold: 4.1% → 410. Tax 2,381.69.
    #[test]
    fn form_2_capital_gain_rates() {
        let f = single(67, |p| {
            p.ira_distributions = dec!(50000);
            p.social_security = dec!(20000);
        })
        .with(|f| f.long_term_gains = dec!(10000));
        let (fed, s) = compute("MT", 2025, &f);
        assert_eq!(fed.taxable_income, dec!(53370));
        assert_eq!(s.taxable_income, dec!(47710));
        assert_eq!(s.tax.round_cents(), dec!(2381.69));
    }
}
