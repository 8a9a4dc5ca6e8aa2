//! Maine (Form 1040ME): federal AGI less taxed Social Security and the per-person pension
//! income deduction (capped, less the person's Social Security, phased out by federal AGI);
//! a standard deduction with the federal 65+ addition and a personal exemption, both phased
//! out by Maine AGI; the rate schedule and, from 2026, the high-income surcharge.

use super::common::{aged_blind_boxes, reached};
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::federal::TaxBreakdown;

names!(P: pension_cap, pension_distribution_age, pension_phaseout_start, pension_phaseout_width,
    aged_addition, aged_age, standard_follows_federal_from, deduction_phaseout_start,
    deduction_phaseout_width, exemption, exemption_phaseout_start, exemption_phaseout_width,
    surcharge_rate, surcharge_threshold);
names!(T);

/// The share of an amount lost to a linear phase-out: excess over `start` / `width`, at most 1.
fn phaseout_fraction<N: Num>(income: N, start: N, width: N) -> N {
    (income - start).pos().ratio(width).min_of(N::ONE)
}

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    // Schedule 1S line 4: each person's pensions, and IRA and plan distributions from 59½, up
    // to the cap less that person's Social Security benefits.
    let cap = law.p(P::pension_cap);
    let mut eligible = N::ZERO;
    for p in f.on_return() {
        let mut income = p.pensions();
        if reached(p.age, law.p(P::pension_distribution_age)) {
            income += p.ira_distributions;
        }
        eligible += income.min_of((cap - p.social_security).pos());
    }
    // Worksheet for Phaseout of Non-Military Pension Income Deduction (by federal AGI).
    let pension = eligible
        * (N::ONE
            - phaseout_fraction(
                fed.agi,
                law.pf(P::pension_phaseout_start, fs),
                law.pf(P::pension_phaseout_width, fs),
            ));
    let subtractions = fed.taxable_social_security + pension;
    let agi = fed.agi - subtractions;
    // Line 17: the standard deduction (with the federal addition per person 65+; the federal
    // amount itself from 2027), reduced by the share of Maine AGI over the phase-out start.
    let follows_federal = N::from_i64(i64::from(law.year)) >= law.p(P::standard_follows_federal_from);
    let standard = if follows_federal {
        fed.standard_deduction
    } else {
        // one addition per box checked: 65 or over, blind
        let boxes = aged_blind_boxes(f, law.p(P::aged_age));
        law.standard[fs.index()] + N::from_i64(boxes as i64) * law.pf(P::aged_addition, fs)
    };
    let deductions = standard
        * (N::ONE
            - phaseout_fraction(
                agi,
                law.pf(P::deduction_phaseout_start, fs),
                law.pf(P::deduction_phaseout_width, fs),
            ));
    // Line 18: one exemption per person on the return, phased out the same way.
    let people = N::from_i64(f.on_return().len() as i64);
    let exemptions = people
        * law.p(P::exemption)
        * (N::ONE
            - phaseout_fraction(
                agi,
                law.pf(P::exemption_phaseout_start, fs),
                law.pf(P::exemption_phaseout_width, fs),
            ));
    let taxable_income = (agi - deductions - exemptions).pos();
    let tax = law.schedule(fs).tax(taxable_income)
        + law.p(P::surcharge_rate) * (taxable_income - law.pf(P::surcharge_threshold, fs)).pos();
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
    use crate::num::Num;
    use crate::tax::state::testing::*;
    use rust_decimal_macros::dec;

    /// 2025 Form 1040ME by hand: single, 70, employer pension $20,000, IRA $60,000, Social
    /// Security $24,000. Federal: provisional income 80,000 + 12,000 = 92,000 → taxable SS
    /// 20,400 (85%), AGI 100,400. Schedule 1S line 2 subtracts the taxed Social Security
    /// 20,400; line 4 pension income deduction: 80,000 eligible, limited to 48,216 − 24,000
    /// benefits = 24,216 (federal AGI under 125,000: no phase-out). Maine AGI 55,784. Line 17
    /// standard deduction 15,000 + 2,000 (65+) = 17,000 (Maine AGI under 100,000); line 18
    /// exemption 5,150 → taxable 33,634. Rate schedule: 5.8% × 26,800 = 1,554.40 + 6.75% ×
    /// 6,834 = 461.30 → 2,015.70.
    ///
    /// With the IRA at $160,000 (federal AGI 200,400): the phase-out worksheet takes
    /// (200,400 − 125,000) / 100,000 = 75.4% of the deduction → 5,957.14; Maine AGI
    /// 174,042.86; the standard deduction keeps 1 − 74,042.86 / 75,000 of 17,000 = 216.95;
    /// taxable 168,675.91; tax 1,554.40 + 2,473.88 + 7.15% × 105,225.91 → 11,551.93.
    #[test]
    fn form_1040me_pension_deduction_and_phaseouts() {
        let f = single(70, |p| {
            p.private_pension = dec!(20000);
            p.ira_distributions = dec!(60000);
            p.social_security = dec!(24000);
        });
        let (fed, s) = compute("ME", 2025, &f);
        assert_eq!(fed.agi, dec!(100400));
        assert_eq!(s.subtractions, dec!(20400) + dec!(24216));
        assert_eq!(s.agi, dec!(55784));
        assert_eq!(s.deductions, dec!(17000));
        assert_eq!(s.taxable_income, dec!(33634));
        assert_eq!(s.tax.round_cents(), dec!(2015.70));
        let f = f.with(|f| f.people[0].ira_distributions = dec!(160000));
        let (_, s) = compute("ME", 2025, &f);
        assert_eq!(s.agi.round_cents(), dec!(174042.86));
        assert_eq!(s.deductions.round_cents(), dec!(216.95));
        assert_eq!(s.tax.round_cents(), dec!(11551.93));
    }
}
