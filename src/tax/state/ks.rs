//! Kansas (Form K-40): federal AGI less Social Security and government pensions; the standard
//! deduction with its age addition and the exemption; two rates, no tax at low AGI; the
//! earned income credit.

use super::common::{childless_eitc, reached};
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::federal::TaxBreakdown;

names!(P: aged_addition, aged_age, exemption, no_tax_agi, eitc_share, eitc_max, eitc_rate,
    eitc_phaseout_start, eitc_investment_limit, eitc_min_age, eitc_max_age);
names!(T);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    let subtractions = fed.taxable_social_security + f.total(|p| p.government_pension);
    let agi = fed.agi - subtractions;
    let aged = f
        .on_return()
        .iter()
        .filter(|p| reached(p.age, law.p(P::aged_age)))
        .count() as i64
        + i64::from(f.blind.min(2));
    let deductions = law.standard[fs.index()] + N::from_i64(aged) * law.pf(P::aged_addition, fs);
    let exemptions = law.pf(P::exemption, fs);
    let taxable_income = (agi - deductions - exemptions).pos();
    let tax = if agi <= law.pf(P::no_tax_agi, fs) {
        N::ZERO
    } else {
        law.schedule(fs).tax(taxable_income)
    };
    let eitc = law.p(P::eitc_share)
        * childless_eitc(
            f,
            fed.agi,
            f.taxable_interest
                + f.tax_exempt_interest
                + f.ordinary_dividends
                + fed.capital_gain_in_agi.pos(),
            law.p(P::eitc_max),
            law.p(P::eitc_rate),
            law.pf(P::eitc_phaseout_start, fs),
            law.p(P::eitc_investment_limit),
            (law.p(P::eitc_min_age), law.p(P::eitc_max_age)),
        );
    let mut b = StateBreakdown {
        subtractions,
        agi,
        deductions,
        exemptions,
        taxable_income,
        tax_before_credits: tax,
        ..StateBreakdown::zero(law.state, fed)
    };
    b.apply_credits(&[("Earned income credit", eitc)]);
    b
}

#[cfg(test)]
mod tests {
    use crate::tax::state::testing::*;
    use rust_decimal_macros::dec;

    /// 2025 K-40 by hand: single, 67, IRA $30,000, interest $5,000, Social Security $24,000
    /// (the reference's second probe). Federal AGI 35,000 + taxable benefits 15,550 = 50,550;
    /// Schedule S subtracts 15,550 → Kansas AGI 35,000. Standard deduction 3,605 + 850 at 65,
    /// exemption 9,160 → taxable 21,385; tax 5.2% = 1,112.02.
    #[test]
    fn k40_single_retiree() {
        let f = single(67, |p| {
            p.ira_distributions = dec!(30000);
            p.social_security = dec!(24000);
        })
        .with(|f| f.taxable_interest = dec!(5000));
        let (_, s) = compute("KS", 2025, &f);
        assert_eq!(s.agi, dec!(35000));
        assert_eq!(s.taxable_income, dec!(21385));
        assert_eq!(s.tax, dec!(1112.02));
    }
}
