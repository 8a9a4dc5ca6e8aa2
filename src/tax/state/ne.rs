//! Nebraska (Form 1040N): federal AGI less Social Security and government pensions; the
//! standard deduction with the 65+ addition; the rate schedule; the personal exemption credit
//! and the credit for the elderly; the tax limited to the federal tax.

use super::common::{ElderlyCredit, aged_blind_boxes};
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::federal::TaxBreakdown;

names!(P: aged_addition, aged_age, exemption_credit, adjustment_limit, elderly_one,
    elderly_two, elderly_separate, elderly_phaseout_start, elderly_phaseout_rate,
    elderly_credit_rate);
names!(T);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    // Schedule I: Social Security taxed federally and government pensions.
    let subtractions =
        (fed.taxable_social_security + f.total(|p| p.government_pension)).pos();
    let agi = fed.agi - subtractions;
    // Line 6: the Nebraska basic amount (the federal one if smaller) plus the addition for
    // each person 65+ or blind, which is the federal additional amount.
    let people = f.on_return();
    let boxes = N::from_i64(aged_blind_boxes(f, law.p(P::aged_age)) as i64);
    let extra = boxes * law.pf(P::aged_addition, fs);
    let federal_basic = fed.standard_deduction - extra;
    let deductions = law.standard[fs.index()].min_of(federal_basic) + extra;
    let taxable_income = (agi - deductions).pos();
    let tax = law.schedule(fs).tax(taxable_income);
    // Line 18 personal exemption credit, one per person; the credit for the elderly equals
    // the federal one.
    let exemption = N::from_i64(people.len() as i64) * law.p(P::exemption_credit);
    let elderly = ElderlyCredit {
        age: law.p(P::aged_age),
        one: law.p(P::elderly_one),
        two: law.p(P::elderly_two),
        separate: law.p(P::elderly_separate),
        phaseout_start: law.pf(P::elderly_phaseout_start, fs),
        phaseout_rate: law.p(P::elderly_phaseout_rate),
        rate: law.p(P::elderly_credit_rate),
    }
    .credit(f, fed);
    let mut b = StateBreakdown {
        subtractions,
        agi,
        deductions,
        taxable_income,
        tax_before_credits: tax,
        ..StateBreakdown::zero(law.state, fed)
    };
    b.apply_credits(&[
        ("Personal exemption credit", exemption),
        ("Credit for the elderly", elderly),
    ]);
    // With net adjustments under the limit, no more than the federal tax before credits.
    if -subtractions < law.p(P::adjustment_limit) {
        b.tax = b.tax.min_of(fed.regular_tax);
    }
    b
}

#[cfg(test)]
mod tests {
    use crate::num::Num;
    use crate::tax::state::testing::*;
    use rust_decimal_macros::dec;

    /// 2025 Form 1040N by hand: single, 66, IRA $35,000, interest $5,000, Social Security
    /// $24,000. Federal: provisional income 52,000 → taxable SS 19,800, AGI 59,800, federal
    /// tax 4,087.50. Schedule I line 31 subtracts 19,800 → Nebraska AGI 40,000. Line 6
    /// standard deduction 8,600 + 2,000 (65+) = 10,600 → taxable 29,400. Tax 2.46% × 4,030
    /// = 99.14 + 3.51% × 20,090 = 705.16 + 5.01% × 5,280 = 264.53 → 1,068.83 (1,068.825);
    /// line 18 personal exemption credit 171 → 897.83.
    #[test]
    fn form_1040n_retiree() {
        let f = single(66, |p| {
            p.ira_distributions = dec!(35000);
            p.social_security = dec!(24000);
        })
        .with(|f| f.taxable_interest = dec!(5000));
        let (fed, s) = compute("NE", 2025, &f);
        assert_eq!(fed.total, dec!(4087.50));
        assert_eq!(s.agi, dec!(40000));
        assert_eq!(s.taxable_income, dec!(29400));
        assert_eq!(s.tax_before_credits, dec!(1068.825));
        assert_eq!(s.tax.round_cents(), dec!(897.83));
    }
}
