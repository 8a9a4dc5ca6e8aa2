//! Indiana (IT-40): federal AGI less Social Security and the exemptions, at a flat rate.

use super::common::reached;
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::federal::TaxBreakdown;

names!(P: exemption, aged_exemption, aged_age, low_agi_exemption, low_agi_limit);
names!(T);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    let subtractions = fed.taxable_social_security;
    let people = N::from_i64(f.on_return().len() as i64);
    let aged = N::from_i64(
        f.on_return()
            .iter()
            .filter(|p| reached(p.age, law.p(P::aged_age)))
            .count() as i64,
    );
    let mut exemptions = people * law.p(P::exemption) + aged * law.p(P::aged_exemption);
    if fed.agi < law.pf(P::low_agi_limit, fs) {
        exemptions += aged * law.p(P::low_agi_exemption);
    }
    // IT-40 line 7: Indiana AGI is after the exemptions; the tax is on it.
    let agi = fed.agi - subtractions - exemptions;
    let taxable_income = agi.pos();
    let tax = law.schedule(fs).tax(taxable_income);
    StateBreakdown {
        subtractions,
        agi,
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

    /// 2025 IT-40 by hand: single, 70, IRA $30,000, Social Security $12,000. Federal AGI:
    /// provisional 30,000 + 6,000 = 36,000 → taxable SS 0.85 × (36,000 − 34,000) + 4,500 =
    /// 6,200; AGI 36,200. Schedule 2 subtracts 6,200; Schedule 3 exemptions 1,000 + 1,000 (65) + 500
    /// (65 with AGI under 40,000) = 2,500 → Indiana AGI 27,500 × 3% = 825.
    #[test]
    fn it_40_retiree() {
        let f = single(70, |p| {
            p.ira_distributions = dec!(30000);
            p.social_security = dec!(12000);
        });
        let (fed, s) = compute("IN", 2025, &f);
        assert_eq!(fed.agi, dec!(36200));
        assert_eq!(s.agi, dec!(27500));
        assert_eq!(s.tax, dec!(825));
    }
}
