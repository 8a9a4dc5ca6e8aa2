//! Illinois (IL-1040): federal AGI plus tax-exempt interest, less Social Security and all
//! retirement income; exemptions; a flat rate.

use super::common::reached;
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::federal::TaxBreakdown;

names!(P: personal_exemption, aged_exemption, aged_age, exemption_income_limit);
names!(T);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    let additions = f.tax_exempt_interest;
    let subtractions = fed.taxable_social_security + f.total(|p| p.retirement());
    let agi = fed.agi + additions - subtractions;
    let exemptions = if fed.agi > law.pf(P::exemption_income_limit, fs) {
        N::ZERO
    } else {
        let people = N::from_i64(f.on_return().len() as i64);
        let aged = N::from_i64(
            f.on_return()
                .iter()
                .filter(|p| reached(p.age, law.p(P::aged_age)))
                .count() as i64,
        );
        people * law.p(P::personal_exemption) + aged * law.p(P::aged_exemption)
    };
    let taxable_income = (agi - exemptions).pos();
    let tax = law.schedule(fs).tax(taxable_income);
    StateBreakdown {
        additions,
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

    /// 2025 IL-1040 by hand: single, 67, IRA $60,000, Social Security $30,000, interest
    /// $12,000. Federal AGI: provisional 72,000 + 15,000 = 87,000 → taxable SS 25,500 (85%);
    /// AGI 97,500. Line 5 subtracts 25,500 + 60,000 → base income 12,000. Exemptions 2,850 +
    /// 1,000 = 3,850 → net income 8,150 × 4.95% = 403.425.
    #[test]
    fn il_1040_retiree_pays_on_interest_only() {
        let f = single(67, |p| {
            p.ira_distributions = dec!(60000);
            p.social_security = dec!(30000);
        })
        .with(|f| f.taxable_interest = dec!(12000));
        let (fed, s) = compute("IL", 2025, &f);
        assert_eq!(fed.agi, dec!(97500));
        assert_eq!(s.agi, dec!(12000));
        assert_eq!(s.taxable_income, dec!(8150));
        assert_eq!(s.tax, dec!(403.425));
    }
}
