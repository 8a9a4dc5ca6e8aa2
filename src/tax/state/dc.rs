//! District of Columbia (Form D-40): federal AGI less the taxable Social Security; the
//! standard deduction with the federal additional amounts for age; one rate schedule for
//! every filing status, and for a married couple the choice of filing separately on the same
//! return (Calculation J) with the deduction divided between them.

use super::common::reached;
use super::{Schedule, StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::Filing;
use crate::tax::federal::TaxBreakdown;

names!(P: aged_addition, aged_age);
names!(T);

/// Calculation J: the two spouses' tax when `deduction` is divided between their incomes
/// `head` and `spouse` to make it least. The sum of the two taxes is convex in the head's
/// part, so its least value is at an end or where either income less its part meets a
/// bracket threshold; these points are tried in the reference model's order, keeping the
/// first that lowers the tax. Returns the tax and the head's part.
/// A billionth: a part must lower the tax by more to be kept. As a quotient a float folds to a
/// constant (a Decimal's conversion to a float is not).
fn split_tolerance<N: Num>() -> N {
    N::from_i64(1) / N::from_i64(1_000_000_000)
}

fn split<N: Num>(schedule: &Schedule<N>, head: N, spouse: N, deduction: N) -> (N, N) {
    let tax = |a: N| schedule.tax((head - a).pos()) + schedule.tax((spouse - (deduction - a)).pos());
    let clamp = |a: N| a.max_of(N::ZERO).min_of(deduction);
    let tolerance = split_tolerance::<N>();
    let mut best_part = deduction;
    let mut best = tax(deduction);
    for &t in &schedule.thresholds {
        for part in [clamp(head - t), clamp(deduction - (spouse - t))] {
            let candidate = tax(part);
            if candidate < best - tolerance {
                best = candidate;
                best_part = part;
            }
        }
    }
    (best, best_part)
}

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    let subtractions = fed.taxable_social_security;
    let agi = fed.agi - subtractions;
    let aged = f
        .on_return()
        .iter()
        .filter(|p| reached(p.age, law.p(P::aged_age)))
        .count() as i64;
    let deductions = law.standard[fs.index()]
        + law.pf(P::aged_addition, fs) * N::from_i64(aged + i64::from(f.blind.min(2)));
    let schedule = law.schedule(fs);
    let joint_taxable = agi - deductions;
    let mut taxable_income = joint_taxable.pos();
    let mut tax = schedule.tax(taxable_income);
    if fs == Filing::Mfj {
        // Each spouse's DC AGI: their own income and half the joint investment income.
        let joint = f.share(
            f.taxable_interest + f.ordinary_dividends + f.other_ordinary + fed.capital_gain_in_agi,
        );
        let [h, s] = f.people.map(|p| p.wages + p.retirement() + joint);
        let (separate_tax, head_part) = split(schedule, h, s, deductions);
        if separate_tax < tax {
            tax = separate_tax;
            // the two columns' taxable incomes, added as the return reports them
            taxable_income = (h - head_part + s - (deductions - head_part)).pos();
        }
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
    use crate::num::Num;
    use crate::tax::state::testing::*;
    use rust_decimal::Decimal;
    use rust_decimal_macros::dec;

    /// The tolerance is the billionth it always was, on both number types.
    #[test]
    fn split_tolerance_is_a_billionth() {
        assert_eq!(super::split_tolerance::<Decimal>(), Decimal::new(1, 9));
        assert_eq!(
            super::split_tolerance::<f64>().to_bits(),
            f64::from_dec(Decimal::new(1, 9)).to_bits()
        );
    }

    /// 2025 D-40 by hand: single, 70, IRA $40,000, interest $5,000, Social Security $20,000.
    /// Federal: provisional income 55,000 → taxable benefits the smaller of 0.85 × 20,000 and
    /// 0.85 × 21,000 plus 4,500: 17,000; AGI 62,000. Schedule I subtracts 17,000 → DC AGI 45,000. Standard
    /// deduction 15,000 + 2,000 at 65 = 17,000 → taxable 28,000. Tax 400 + 6% × 18,000 = 1,480.
    ///
    /// Calculation J: a couple under 65, his IRA $60,000 and hers $10,000. Joint: DC AGI
    /// 70,000 − 30,000 = 40,000 → 400 + 6% × 30,000 = 2,200. Separately, with x of the 30,000
    /// deduction his: up to x = 20,000 her income stays covered and his tax falls with x
    /// (6.5%, then 6%); beyond, each dollar moved to him saves 6% and costs her 4%, so all of
    /// it goes to him: 30,000 (400 + 1,200) and 10,000 (400) → 2,000, the smaller.
    #[test]
    fn d40_single_and_a_couple_filing_separately() {
        let f = single(70, |p| {
            p.ira_distributions = dec!(40000);
            p.social_security = dec!(20000);
        })
        .with(|f| f.taxable_interest = dec!(5000));
        let (_, s) = compute("DC", 2025, &f);
        assert_eq!(s.agi, dec!(45000));
        assert_eq!(s.taxable_income, dec!(28000));
        assert_eq!(s.tax, dec!(1480));
        let f = couple(
            (60, 60),
            |h| h.ira_distributions = dec!(60000),
            |s| s.ira_distributions = dec!(10000),
        );
        let (_, s) = compute("DC", 2025, &f);
        assert_eq!(s.tax, dec!(2000));
    }
}
