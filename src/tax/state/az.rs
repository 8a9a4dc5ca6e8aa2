//! Arizona (Form 140): federal AGI less Social Security, part of government pensions, a quarter
//! of long-term gains, the federal senior deduction and the age exemption; the standard
//! deduction; a flat rate.

use super::common::{part_b_premiums, reached};
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::federal::TaxBreakdown;

names!(P: aged_exemption, aged_age, public_pension_cap, long_term_gain_share, salt_cap,
    federal_salt_cap, federal_salt_phaseout_start, federal_salt_phaseout_rate,
    federal_salt_floor, irmaa_magi_ratio);
names!(T: medicare_part_b);

/// Schedule A: Arizona's itemized deductions here are state income tax paid (within the
/// federal SALT limit and Arizona's own cap) and medical expenses in full, of which a retiree
/// has the Medicare Part B premium of each person 65 or over. Income tax paid is estimated as
/// the reference model does: each person's federal AGI less the single standard deduction,
/// at Arizona's rate; the Part B income-related amount goes by the MAGI of two years before,
/// estimated as this year's deflated by the growth of AGI per capita.
fn itemized<N: Num>(law: &StateLaw<N>, f: &StateFacts<N>, fed: &TaxBreakdown<N>) -> N {
    let fs = f.filing;
    let joint = f.share(
        f.taxable_interest + f.ordinary_dividends + f.other_ordinary + fed.capital_gain_in_agi,
    );
    let benefits = f.total(|p| p.social_security);
    let people = f.on_return();
    let single = law.schedule(crate::tax::Filing::Single);
    let deduction = law.standard[crate::tax::Filing::Single.index()];
    let mut paid = N::ZERO;
    for (i, p) in people.iter().enumerate() {
        let spouse_share = if people.len() == 2 && benefits > N::ZERO {
            people[1].social_security / benefits
        } else {
            N::ZERO
        };
        let share = if i == 0 { N::ONE - spouse_share } else { spouse_share };
        let agi = p.wages + p.retirement() + joint + share * fed.taxable_social_security;
        paid += single.tax((agi - deduction).pos());
    }
    // IRC § 164(b)(7) as amended by P.L. 119-21: the cap falls by 30% of MAGI over the start,
    // not below the floor.
    let federal_cap = (law.pf(P::federal_salt_cap, fs)
        - law.p(P::federal_salt_phaseout_rate)
            * (fed.agi - law.pf(P::federal_salt_phaseout_start, fs)).pos())
    .max_of(law.pf(P::federal_salt_floor, fs));
    let taxes = paid.min_of(federal_cap).min_of(law.p(P::salt_cap));
    taxes
        + part_b_premiums(
            f,
            law.table(T::medicare_part_b, fs),
            fed.magi * law.p(P::irmaa_magi_ratio),
            N::from_i64(65),
        )
}

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    let mut pensions = N::ZERO;
    let mut exemptions = N::ZERO;
    for p in f.on_return() {
        pensions += p.government_pension.min_of(law.p(P::public_pension_cap));
        if reached(p.age, law.p(P::aged_age)) {
            exemptions += law.p(P::aged_exemption);
        }
    }
    let gains = if f.long_term_gains + f.short_term_gains > N::ZERO {
        law.p(P::long_term_gain_share) * f.long_term_gains.pos()
    } else {
        N::ZERO
    };
    let subtractions = fed.taxable_social_security + pensions + gains + fed.senior_deduction;
    // Form 140 line 42: Arizona AGI is after the exemptions.
    let agi = (fed.agi - subtractions - exemptions).pos();
    let deductions = law.standard[fs.index()].max_of(itemized(law, f, fed));
    let taxable_income = (agi - deductions).pos();
    let tax = law.schedule(fs).tax(taxable_income);
    StateBreakdown {
        subtractions,
        agi,
        deductions,
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

    /// 2025 Form 140 by hand: single, 60, IRA $40,000, interest $5,000, long-term gain
    /// $8,000. Federal AGI 53,000. Line 28 subtracts 25% of the gain (2,000) → Arizona AGI
    /// 51,000; standard deduction 15,750 → 35,250 × 2.5% = 881.25.
    #[test]
    fn form_140_gain_subtraction() {
        let f = single(60, |p| p.ira_distributions = dec!(40000)).with(|f| {
            f.taxable_interest = dec!(5000);
            f.long_term_gains = dec!(8000);
        });
        let (_, s) = compute("AZ", 2025, &f);
        assert_eq!(s.agi, dec!(51000));
        assert_eq!(s.tax, dec!(881.25));
    }
}
