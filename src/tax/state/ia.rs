//! Iowa (IA 1040): federal taxable income less Social Security and all retirement income of
//! people 55 or over; a flat rate, the alternate tax for filers other than single, exemption
//! credits, and the low-income exemption and tax limit.

use super::common::reached;
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::Filing;
use crate::tax::federal::TaxBreakdown;

names!(P: exclusion_age, elderly_age, exempt_limit_elderly, exempt_limit_younger,
    alternate_rate, alternate_deduction_elderly, alternate_deduction_younger,
    reduced_threshold_elderly, reduced_threshold_younger, personal_credit, aged_credit);
names!(T);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    let people = f.on_return();
    // Schedule 1 line 7: pensions, IRA distributions and Roth conversions of people 55+.
    let exclusion = f.total(|p| {
        if reached(p.age, law.p(P::exclusion_age)) {
            p.retirement()
        } else {
            N::ZERO
        }
    });
    let subtractions = fed.taxable_social_security + exclusion;
    let taxable = (fed.taxable_income - subtractions).pos();
    // Modified income (line 1 of the low-income worksheets): before the federal deductions.
    let modified = taxable + fed.standard_deduction + fed.senior_deduction;
    let elderly = people.iter().any(|p| reached(p.age, law.p(P::elderly_age)));
    let mut tax = law.schedule(fs).tax(taxable);
    if fs != Filing::Single {
        let deduction = if elderly {
            law.p(P::alternate_deduction_elderly)
        } else {
            law.p(P::alternate_deduction_younger)
        };
        tax = tax.min_of(law.p(P::alternate_rate) * (modified - deduction).pos());
    }
    let aged = people
        .iter()
        .filter(|p| reached(p.age, law.p(P::elderly_age)))
        .count() as i64;
    let count = people.len() as i64 + i64::from(fs == Filing::Hoh);
    let credit = N::from_i64(count) * law.p(P::personal_credit)
        + N::from_i64(aged) * law.p(P::aged_credit);
    let limit = if elderly {
        law.pf(P::exempt_limit_elderly, fs)
    } else {
        law.pf(P::exempt_limit_younger, fs)
    };
    let mut b = StateBreakdown {
        subtractions,
        // the return's net income: income less the retirement exclusion (capital losses in
        // full), and its taxable income after the federal standard deduction
        agi: f.total(|p| p.wages + p.retirement())
            + f.taxable_interest
            + f.ordinary_dividends
            + f.other_ordinary
            + f.long_term_gains
            + f.short_term_gains
            - exclusion,
        deductions: fed.standard_deduction,
        tax_before_credits: tax,
        ..StateBreakdown::zero(law.state, fed)
    };
    b.taxable_income = (b.agi - fed.standard_deduction).pos();
    b.apply_credits(&[("Exemption credits", credit)]);
    if modified <= limit {
        b.tax = N::ZERO;
    }
    if fs == Filing::Single {
        // a single filer's tax is no more than the income over the threshold
        let threshold = if reached(f.head().age, law.p(P::elderly_age)) {
            law.p(P::reduced_threshold_elderly)
        } else {
            law.p(P::reduced_threshold_younger)
        };
        b.tax = b.tax.min_of((modified - threshold).pos());
    }
    b
}

#[cfg(test)]
mod tests {
    use crate::tax::state::testing::*;
    use rust_decimal_macros::dec;

    /// 2025 IA 1040 by hand: single, 62, IRA $30,000, interest $40,000. Federal AGI 70,000,
    /// standard deduction 15,750 → federal taxable income 54,250. Schedule 1 excludes the IRA
    /// (55 or over) → Iowa taxable income 24,250; tax 3.8% = 921.50, less the $40 exemption
    /// credit = 881.50. Modified income 24,250 + 15,750 = 40,000, over the $9,000 limit and
    /// leaving the tax under 40,000 − 9,000.
    #[test]
    fn ia1040_single() {
        let f = single(62, |p| p.ira_distributions = dec!(30000))
            .with(|f| f.taxable_interest = dec!(40000));
        let (_, s) = compute("IA", 2025, &f);
        assert_eq!(s.tax_before_credits, dec!(921.50));
        assert_eq!(s.tax, dec!(881.50));
    }
}
