//! Rhode Island (RI-1040): federal AGI less, for returns with someone at the birth-year limit
//! (full retirement age) and federal AGI under the limit, Social Security and up to $50,000 of
//! each person's pensions; the standard deduction and exemptions, both phased out at high
//! income; the rate schedule.

use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::federal::TaxBreakdown;

names!(P: birth_year_limit, modification_agi_limit, pension_cap, exemption, phaseout_start,
    phaseout_step, phaseout_per_step);
names!(T);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    // Born in or before the limit year (reached full retirement age): the year less the age.
    let limit = law.p(P::birth_year_limit);
    let old = |age: u32| N::from_i64(i64::from(law.year) - i64::from(age)) <= limit;
    let eligible = f.on_return().iter().any(|p| old(p.age))
        && fed.agi < law.pf(P::modification_agi_limit, fs);
    let mut subtractions = N::ZERO;
    if eligible {
        // Schedule M line 1i, Social Security worksheet: the taxable part of the benefits of
        // the people at full retirement age.
        let total = f.total(|p| p.social_security);
        let aged = f.total(|p| if old(p.age) { p.social_security } else { N::ZERO });
        subtractions += fed.taxable_social_security * aged.ratio(total);
        // Schedule M line 1j: each person's taxable pensions and annuities up to $50,000
        // (employer pensions, not IRA distributions, as the reference model reads it).
        let cap = law.p(P::pension_cap);
        subtractions += f.total(|p| p.pensions().min_of(cap));
    }
    let agi = fed.agi - subtractions;
    // Standard deduction and exemptions lose 20% for each step (or part) of RI AGI over the
    // start.
    let steps = (agi - law.p(P::phaseout_start))
        .pos()
        .ratio(law.p(P::phaseout_step))
        .ceil_whole();
    let kept = (N::ONE - law.p(P::phaseout_per_step) * steps).pos();
    let deductions = law.standard[fs.index()] * kept;
    let people = N::from_i64(f.on_return().len() as i64);
    let exemptions = people * law.p(P::exemption) * kept;
    let taxable_income = ((agi - deductions).pos() - exemptions).pos();
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

    /// 2025 RI-1040 by hand: single, 68 (born 1957, past full retirement age), pension
    /// $30,000, IRA $25,000, interest $3,000, Social Security $24,000. Federal AGI: provisional
    /// income 70,000 → taxable SS 20,400 (85%); AGI 78,400, under $107,000. Schedule M: Social
    /// Security modification 20,400 (line 1i), pension modification 30,000 (line 1j; the IRA
    /// does not count) → RI AGI 28,000. Standard deduction 10,900 and exemption 5,100 (no
    /// phase-out) → taxable income 12,000; 2025 Tax Rate Schedule 3.75% = 450.00.
    /// At 65 (born 1960) neither modification applies in 2025.
    #[test]
    fn ri_1040_modifications_at_full_retirement_age() {
        let f = single(68, |p| {
            p.private_pension = dec!(30000);
            p.ira_distributions = dec!(25000);
            p.social_security = dec!(24000);
        })
        .with(|f| f.taxable_interest = dec!(3000));
        let (fed, s) = compute("RI", 2025, &f);
        assert_eq!(fed.agi, dec!(78400));
        assert_eq!(s.agi, dec!(28000));
        assert_eq!(s.taxable_income, dec!(12000));
        assert_eq!(s.tax, dec!(450.00));
        let f = f.with(|f| f.people[0].age = 65);
        assert_eq!(compute("RI", 2025, &f).1.agi, dec!(78400));
    }
}
