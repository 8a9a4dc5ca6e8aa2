//! New Hampshire: no tax on wages or retirement income; the interest and dividends tax base
//! (interest and dividends less the exemptions) at a rate that is zero from 2025.

use super::common::reached;
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::federal::TaxBreakdown;

names!(P: rate, exemption, old_age, old_age_addition);
names!(T);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let aged = N::from_i64(
        f.people
            .iter()
            .filter(|p| reached(p.age, law.p(P::old_age)))
            .count() as i64,
    );
    let exemptions = law.pf(P::exemption, f.filing) + aged * law.p(P::old_age_addition);
    let taxable_income = (f.taxable_interest + f.ordinary_dividends - exemptions).pos();
    let tax = law.p(P::rate) * taxable_income;
    StateBreakdown {
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

    /// RSA 77:5 by hand: a couple 66 and 61 with $9,624 interest and $3,529 dividends: base
    /// 13,153 less exemptions 4,800 + 1,200 (one at 65) = 7,153; no tax from 2025.
    #[test]
    fn interest_and_dividends_base_with_no_tax() {
        let f = couple((66, 61), |_| {}, |_| {}).with(|f| {
            f.taxable_interest = dec!(9624);
            f.ordinary_dividends = dec!(3529);
        });
        let (_, s) = compute("NH", 2025, &f);
        assert_eq!(s.taxable_income, dec!(7153));
        assert_eq!(s.tax, dec!(0));
    }
}
