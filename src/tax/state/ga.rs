//! Georgia (Form 500): federal AGI less Social Security and the per-person retirement income
//! exclusion (interest, dividends and gains count as retirement income), a flat rate, and the
//! low income credit.

use super::common::reached;
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::federal::TaxBreakdown;

names!(P: retirement_younger_age, retirement_older_age, retirement_younger_cap,
    retirement_older_cap, retirement_earned_cap, low_income_aged_age);
names!(T: low_income_credit);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    // Schedule 1, retirement income exclusion: each person's own retirement income plus their
    // share of the joint investment income, up to the cap for their age.
    let investment =
        f.share(f.taxable_interest + f.ordinary_dividends + fed.capital_gain_in_agi);
    let mut exclusion = N::ZERO;
    for p in f.on_return() {
        if !reached(p.age, law.p(P::retirement_younger_age)) {
            continue;
        }
        let cap = if reached(p.age, law.p(P::retirement_older_age)) {
            law.p(P::retirement_older_cap)
        } else {
            law.p(P::retirement_younger_cap)
        };
        let earned = p.wages.min_of(law.p(P::retirement_earned_cap)).pos();
        let income = earned + (p.retirement() + investment).pos();
        exclusion += income.min_of(cap).pos();
    }
    let subtractions = fed.taxable_social_security + exclusion;
    let agi = fed.agi - subtractions;
    let deductions = law.standard[fs.index()];
    let taxable_income = (agi - deductions).pos();
    let tax = law.schedule(fs).tax(taxable_income);
    // Low income credit: an amount per exemption (one more for each person 65+) by federal AGI.
    let people = N::from_i64(f.on_return().len() as i64);
    let aged = N::from_i64(
        f.on_return()
            .iter()
            .filter(|p| reached(p.age, law.p(P::low_income_aged_age)))
            .count() as i64,
    );
    let low_income = (people + aged) * law.table(T::low_income_credit, fs).step(fed.agi);
    let mut b = StateBreakdown {
        subtractions,
        agi,
        deductions,
        taxable_income,
        tax_before_credits: tax,
        ..StateBreakdown::zero(law.state, fed)
    };
    b.apply_credits(&[("Low income credit", low_income)]);
    b
}

#[cfg(test)]
mod tests {
    use crate::tax::state::testing::*;
    use rust_decimal_macros::dec;

    /// 2025 Form 500 by hand: married couple 66 and 63, his IRA $50,000, her IRA $20,000,
    /// interest $10,000, Social Security $40,000. Schedule 1 retirement exclusion: his 50,000 +
    /// half the interest 5,000 = 55,000 (cap 65,000 at 65+) → 55,000; hers 20,000 + 5,000 =
    /// 25,000 (cap 35,000 at 62–64) → 25,000. Federal AGI: provisional income 80,000 + 20,000 =
    /// 100,000 → taxable SS 0.85 × (100,000 − 44,000) + 6,000 = 53,600, capped at 34,000;
    /// AGI 114,000. Georgia AGI 114,000 − 34,000 − 80,000 = 0 → no tax.
    /// With her IRA at $85,000 instead: her exclusion is capped at 35,000.
    #[test]
    fn form_500_couple_exclusions_by_age() {
        let f = couple(
            (66, 63),
            |h| {
                h.ira_distributions = dec!(50000);
                h.social_security = dec!(24000);
            },
            |s| {
                s.ira_distributions = dec!(20000);
                s.social_security = dec!(16000);
            },
        )
        .with(|f| f.taxable_interest = dec!(10000));
        let (fed, s) = compute("GA", 2025, &f);
        assert_eq!(fed.agi, dec!(114000));
        assert_eq!(s.subtractions, dec!(114000));
        assert_eq!(s.tax, dec!(0));
        let f = f.with(|f| f.people[1].ira_distributions = dec!(85000));
        let (fed, s) = compute("GA", 2025, &f);
        // federal AGI 179,000: 175,000 other income + 34,000 taxable SS
        assert_eq!(fed.agi, dec!(179000));
        // exclusions 55,000 + 35,000; Georgia AGI 179,000 − 34,000 − 90,000 = 55,000
        assert_eq!(s.agi, dec!(55000));
        // taxable 55,000 − 24,000 = 31,000 at 5.19% = 1,608.90
        assert_eq!(s.taxable_income, dec!(31000));
        assert_eq!(s.tax, dec!(1608.90));
    }
}
