//! North Carolina (Form D-400): federal AGI less the taxed Social Security and the standard
//! deduction; a flat rate.

use super::{StateBreakdown, StateFacts, StateLaw, breakdown::standard_path};
use crate::num::Num;
use crate::tax::federal::TaxBreakdown;

names!(P);
names!(T);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    // Schedule S line 18: Social Security taxed federally; line 11 standard deduction.
    let mut b = standard_path(
        law,
        f,
        fed,
        N::ZERO,
        fed.taxable_social_security,
        law.standard[f.filing.index()],
        N::ZERO,
    );
    // No AGI line of North Carolina's own: federal AGI is reported.
    b.agi = fed.agi;
    b
}

#[cfg(test)]
mod tests {
    use crate::num::Num;
    use crate::tax::state::testing::*;
    use rust_decimal_macros::dec;

    /// 2025 Form D-400 by hand: single, 68, IRA $45,000, interest $3,000, Social Security
    /// $24,000. Federal: provisional income 60,000 → taxable SS 20,400 (85%), line 6 federal
    /// AGI 68,400. Schedule S line 18 deducts 20,400; line 11 standard deduction 12,750;
    /// line 14 taxable 35,250; line 15 × 4.25% = 1,498.13 (1,498.125).
    #[test]
    fn form_d400_retiree() {
        let f = single(68, |p| {
            p.ira_distributions = dec!(45000);
            p.social_security = dec!(24000);
        })
        .with(|f| f.taxable_interest = dec!(3000));
        let (_, s) = compute("NC", 2025, &f);
        assert_eq!(s.agi, dec!(68400));
        assert_eq!(s.taxable_income, dec!(35250));
        assert_eq!(s.tax.round_cents(), dec!(1498.13));
    }
}
