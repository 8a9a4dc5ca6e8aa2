//! Washington: no income tax, but the capital gains excise tax on long-term gains above the
//! standard deduction (7%, 9.9% on the part of the taxable gain above $1 million).

use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::federal::TaxBreakdown;

names!(P: deduction);
names!(T: rates);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    // The excise tax's base is not income-tax taxable income, which stays zero (as in the
    // reference): the breakdown shows the gain and the deduction.
    let gain = f.long_term_gains.pos();
    let tax = law.table(T::rates, f.filing).tax(gain - law.p(P::deduction));
    StateBreakdown {
        additions: gain,
        deductions: law.p(P::deduction).min_of(gain),
        tax_before_credits: tax,
        tax,
        ..StateBreakdown::zero(law.state, fed)
    }
}

#[cfg(test)]
mod tests {
    use crate::num::Num;
    use crate::tax::state::testing::*;
    use rust_decimal_macros::dec;

    /// Washington capital gains tax return (2025) by hand: $353,853 of long-term gain less the
    /// $278,000 standard deduction = 75,853 at 7% = 5,309.71.
    /// And $1,500,000: 1,222,000 taxable → 7% of 1,000,000 + 9.9% of 222,000 = 91,978.
    #[test]
    fn gains_over_the_deduction() {
        let f = single(66, |_| {}).with(|f| f.long_term_gains = dec!(353853));
        assert_eq!(compute("WA", 2025, &f).1.tax.round_cents(), dec!(5309.71));
        let f = f.with(|f| f.long_term_gains = dec!(1500000));
        assert_eq!(compute("WA", 2025, &f).1.tax, dec!(91978));
    }
}
