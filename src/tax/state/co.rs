//! Colorado (DR 0104): federal taxable income, plus the addback of federal deductions at high
//! income, less the per-person pension and Social Security subtraction; a flat rate.

use super::common::reached;
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::federal::TaxBreakdown;

names!(P: pension_younger_age, pension_older_age, pension_younger_cap, pension_older_cap,
    ss_full_agi_limit, addback_agi_threshold, addback_exemption);
names!(T);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    // Additions line 4: federal deductions above the exemption, at federal AGI of $300,000+.
    // Only the part of the deduction that reduced taxable income comes back: the addback
    // limits the deduction to the exemption, it never taxes more than AGI (which would happen
    // only when a federal deduction indexed for decades of high inflation passes the flat
    // $300,000 threshold).
    let additions = if fed.agi >= law.p(P::addback_agi_threshold) {
        (fed.standard_deduction.min_of(fed.agi) - law.pf(P::addback_exemption, fs)).pos()
    } else {
        N::ZERO
    };
    // Subtraction lines 3-4 (DR 0104AD), per person.
    let total_ss = f.total(|p| p.social_security);
    let younger_cap = law.p(P::pension_younger_cap);
    let mut subtractions = N::ZERO;
    for p in f.on_return() {
        if !reached(p.age, law.p(P::pension_younger_age)) {
            continue;
        }
        let ss = fed.taxable_social_security * p.social_security.ratio(total_ss);
        let older = reached(p.age, law.p(P::pension_older_age));
        // From 65 all of it; at 55-64 all of it under the AGI limit (HB24-1142), else capped.
        let ss_part = if older || (ss > younger_cap && fed.agi <= law.pf(P::ss_full_agi_limit, fs)) {
            ss
        } else {
            ss.min_of(younger_cap)
        };
        let cap = if older {
            law.p(P::pension_older_cap)
        } else {
            younger_cap
        };
        let pension = p.retirement().min_of((cap - ss_part).pos());
        subtractions += ss_part + pension;
    }
    let taxable_income = (fed.taxable_income + additions - subtractions).pos();
    let tax = law.schedule(fs).tax(taxable_income);
    StateBreakdown {
        additions,
        subtractions,
        agi: fed.agi,
        deductions: fed.standard_deduction + fed.senior_deduction,
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

    /// 2025 DR 0104 by hand: single, 67, IRA $30,000, Social Security $24,000, interest $5,000
    /// (the reference's probe). Federal: provisional 35,000 + 12,000 = 47,000 → taxable SS
    /// 0.85 × 13,000 + 4,500 = 15,550; AGI 50,550; deductions 17,750 + 6,000 → taxable income
    /// 26,800. DR 0104AD line 3: Social Security 15,550 (65+: all of it); line 4: pensions up to
    /// 24,000 − 15,550 = 8,450. Colorado taxable income 26,800 − 24,000 = 2,800 × 4.4% = 123.20.
    #[test]
    fn dr_0104_shared_cap() {
        let f = single(67, |p| {
            p.ira_distributions = dec!(30000);
            p.social_security = dec!(24000);
        })
        .with(|f| f.taxable_interest = dec!(5000));
        let (fed, s) = compute("CO", 2025, &f);
        assert_eq!(fed.taxable_income, dec!(26800));
        assert_eq!(s.subtractions, dec!(24000));
        assert_eq!(s.tax, dec!(123.2));
    }
}
