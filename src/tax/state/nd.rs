//! North Dakota (Form ND-1): federal taxable income less the taxed Social Security and 40%
//! of long-term gains and qualified dividends; the rate schedule; the marriage penalty credit.

use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::Filing;
use crate::tax::federal::TaxBreakdown;

names!(P: ltcg_exclusion, qdiv_exclusion, mpc_maximum, mpc_income_threshold,
    mpc_taxable_income_base, mpc_taxable_income_threshold);
names!(T);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    // Line 1: federal taxable income (negative allowed here).
    let deductions = fed.standard_deduction + fed.senior_deduction;
    let federal_taxable = fed.agi - deductions;
    // Schedule ND-1SA: taxed Social Security, 40% of the net long-term gain and of qualified
    // dividends.
    let net_ltcg = f
        .long_term_gains
        .min_of(f.long_term_gains + f.short_term_gains);
    let subtractions = (fed.taxable_social_security
        + law.p(P::ltcg_exclusion) * net_ltcg
        + law.p(P::qdiv_exclusion) * f.qualified_dividends)
        .pos();
    let taxable_income = (federal_taxable - subtractions).pos();
    let tax = law.schedule(fs).tax(taxable_income);
    // Marriage penalty credit worksheet: both spouses with qualified income over the
    // threshold; the joint tax less the single-schedule tax on the two parts.
    let mut mpc = N::ZERO;
    if fs == Filing::Mfj && taxable_income > law.p(P::mpc_taxable_income_threshold) {
        let qualified = |i: usize| {
            let p = &f.people[i];
            p.wages + p.pensions() + p.ira_distributions
        };
        let smaller = qualified(0).min_of(qualified(1));
        if smaller > law.p(P::mpc_income_threshold) {
            let single = law.schedule(Filing::Single);
            let first = (smaller - law.p(P::mpc_taxable_income_base)).pos();
            let second = (taxable_income - first).pos();
            mpc = (tax - single.tax(first) - single.tax(second))
                .pos()
                .min_of(law.p(P::mpc_maximum));
        }
    }
    let mut b = StateBreakdown {
        subtractions,
        agi: fed.agi,
        deductions,
        taxable_income,
        tax_before_credits: tax,
        ..StateBreakdown::zero(law.state, fed)
    };
    b.apply_credits(&[("Marriage penalty credit", mpc)]);
    b
}

#[cfg(test)]
mod tests {
    use crate::num::Num;
    use crate::tax::state::testing::*;
    use rust_decimal_macros::dec;

    /// 2025 Form ND-1 by hand: single, 67, IRA $90,000, qualified dividends $10,000, long-term
    /// gain $20,000, Social Security $30,000. Federal: provisional income 135,000 → taxable
    /// SS 25,500, AGI 145,500; senior deduction 6,000 − 6% × 70,500 = 1,770; standard
    /// deduction 17,750; line 1 federal taxable income 125,980. Schedule ND-1SA: Social
    /// Security 25,500, 40% of the gain 8,000, 40% of the dividends 4,000 → taxable 88,480.
    /// Tax 1.95% × (88,480 − 48,475) = 780.10.
    #[test]
    fn form_nd1_exclusions() {
        let f = single(67, |p| {
            p.ira_distributions = dec!(90000);
            p.social_security = dec!(30000);
        })
        .with(|f| {
            f.ordinary_dividends = dec!(10000);
            f.qualified_dividends = dec!(10000);
            f.long_term_gains = dec!(20000);
        });
        let (fed, s) = compute("ND", 2025, &f);
        assert_eq!(fed.taxable_income, dec!(125980));
        assert_eq!(s.subtractions, dec!(37500));
        assert_eq!(s.taxable_income, dec!(88480));
        assert_eq!(s.tax.round_cents(), dec!(780.10));
    }
}
