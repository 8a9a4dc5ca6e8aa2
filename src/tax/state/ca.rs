//! California (Form 540): federal AGI less Social Security, plus HSA contributions; the
//! standard deduction; the rate
//! schedule and the Mental Health Services Tax; personal and senior exemption credits.

use super::common::{reached, step_phaseout_ceil};
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::federal::TaxBreakdown;

names!(P: exemption_credit, aged_age, credit_phaseout_start, credit_phaseout_step,
    credit_phaseout_per_step);
names!(T: mental_health_tax);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    let subtractions = fed.taxable_social_security;
    // Schedule CA adds back HSA contributions: California does not follow IRC 223 (FTB Pub.
    // 1001).
    let additions = f.total(|p| p.hsa);
    let agi = fed.agi - subtractions + additions;
    let deductions = law.standard[fs.index()];
    let taxable_income = (agi - deductions).pos();
    let tax = law.schedule(fs).tax(taxable_income)
        + law.table(T::mental_health_tax, fs).tax(taxable_income);
    // Exemption credits (line 32): one per person on the return and one more per person 65+,
    // each reduced by $6 for each $2,500 (or part) of federal AGI over the threshold.
    let people = if fs.is_joint() { 2 } else { 1 };
    let aged = f
        .on_return()
        .iter()
        .filter(|p| reached(p.age, law.p(P::aged_age)))
        .count();
    let reduction = step_phaseout_ceil(
        fed.agi,
        law.pf(P::credit_phaseout_start, fs),
        law.pf(P::credit_phaseout_step, fs),
        law.p(P::credit_phaseout_per_step),
    );
    let count = N::from_i64((people + aged) as i64);
    let credit = count * (law.p(P::exemption_credit) - reduction).pos();
    let mut b = StateBreakdown {
        additions,
        subtractions,
        agi,
        deductions,
        taxable_income,
        tax_before_credits: tax,
        ..StateBreakdown::zero(law.state, fed)
    };
    b.apply_credits(&[("Exemption credits", credit)]);
    b
}

#[cfg(test)]
mod tests {
    use crate::tax::state::testing::*;
    use rust_decimal_macros::dec;

    /// 2025 Form 540 by hand: single, 67, IRA $50,000, Social Security $20,000. Federal AGI:
    /// provisional 60,000 → taxable SS 17,000 (85%), AGI 67,000; Schedule CA subtracts 17,000 →
    /// 50,000. Standard deduction 5,706 → taxable 44,294. 2025 schedule: 110.79 + 2% × 15,185 =
    /// 303.70 + 4% × 15,188 = 607.52 + 6% × 2,842 = 170.52 → 1,192.53. Exemption credits 2 ×
    /// 153 = 306 → 886.53.
    #[test]
    fn form_540_retiree() {
        let f = single(67, |p| {
            p.ira_distributions = dec!(50000);
            p.social_security = dec!(20000);
        });
        let (_, s) = compute("CA", 2025, &f);
        assert_eq!(s.agi, dec!(50000));
        assert_eq!(s.taxable_income, dec!(44294));
        assert_eq!(s.tax_before_credits, dec!(1192.53));
        assert_eq!(s.tax, dec!(886.53));
    }

    /// $40,000 of wages of which $4,000 went to an HSA: federal AGI 36,000; California adds the
    /// $4,000 back and taxes the same as on $40,000 of wages.
    #[test]
    fn hsa_contributions_are_added_back() {
        let f = single(60, |p| {
            p.wages = dec!(36000);
            p.hsa = dec!(4000);
        });
        let (fed, s) = compute("CA", 2025, &f);
        assert_eq!(fed.agi, dec!(36000));
        assert_eq!(s.additions, dec!(4000));
        assert_eq!(s.agi, dec!(40000));
        let without = compute("CA", 2025, &single(60, |p| p.wages = dec!(40000))).1;
        assert_eq!(s.tax, without.tax);
    }
}
