//! Connecticut (Form CT-1040): federal AGI less Social Security (in part above the income
//! limit) and pensions, annuities and IRA distributions (phased out by federal AGI); the
//! personal exemption (Table A); the rate schedule with the phase-out of the 2% bracket and
//! the benefit recapture (Tables C and D); the personal tax credit (Table E).

use super::common::step_phaseout_ceil;
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::Filing;
use crate::tax::federal::TaxBreakdown;

names!(P: exemption_max, exemption_phaseout_start, exemption_phaseout_step,
    exemption_phaseout_per_step, addback_start, addback_step, addback_per_step, addback_max,
    recapture_low_start, recapture_low_step, recapture_low_per_step, recapture_low_max,
    recapture_middle_start, recapture_middle_step, recapture_middle_per_step,
    recapture_middle_max, recapture_high_start, recapture_high_step, recapture_high_per_step,
    recapture_high_max, ss_full_below, ss_taxed_share, ss_federal_base, ira_share);
names!(T: pension_phaseout, personal_credit);

/// An amount per step (or part of a step) of Connecticut AGI over the start, up to the most.
fn stepped<N: Num>(law: &StateLaw<N>, fs: Filing, agi: N, p: [P; 4]) -> N {
    step_phaseout_ceil(agi, law.pf(p[0], fs), law.pf(p[1], fs), law.pf(p[2], fs))
        .min_of(law.pf(p[3], fs))
}

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    // Social Security Benefit Adjustment Worksheet: below the federal AGI limit all the
    // federally taxable benefits are subtracted; above it, only what exceeds 25% of the
    // smaller of the benefits and the provisional income over the federal base.
    let benefits = f.total(|p| p.social_security);
    let ss = if fed.agi < law.pf(P::ss_full_below, fs) {
        fed.taxable_social_security
    } else {
        let excess = (fed.provisional_income - law.pf(P::ss_federal_base, fs)).pos();
        (fed.taxable_social_security - law.p(P::ss_taxed_share) * benefits.min_of(excess)).pos()
    };
    // Pension and Annuity and IRA Distribution Worksheets: the share for federal AGI of
    // pensions and (a share of) IRA distributions.
    let share = law.table(T::pension_phaseout, fs).step(fed.agi);
    let pensions = f.total(|p| p.pensions() + law.p(P::ira_share) * p.ira_distributions);
    let subtractions = (ss + share * pensions).pos();
    let agi = fed.agi - subtractions;
    // Table A: the exemption falls $1,000 for each $1,000 (or part) of AGI over the start.
    let exemptions = (law.pf(P::exemption_max, fs)
        - step_phaseout_ceil(
            agi,
            law.pf(P::exemption_phaseout_start, fs),
            law.p(P::exemption_phaseout_step),
            law.p(P::exemption_phaseout_per_step),
        ))
    .pos();
    let taxable_income = (agi - exemptions).pos();
    // Tables C and D: the 2% bracket's benefit is taken back as AGI rises, then the lower
    // brackets' benefit in three tiers.
    use P::*;
    let addback = stepped(law, fs, agi, [addback_start, addback_step, addback_per_step, addback_max]);
    let recapture = stepped(
        law,
        fs,
        agi,
        [recapture_low_start, recapture_low_step, recapture_low_per_step, recapture_low_max],
    ) + stepped(
        law,
        fs,
        agi,
        [
            recapture_middle_start,
            recapture_middle_step,
            recapture_middle_per_step,
            recapture_middle_max,
        ],
    ) + stepped(
        law,
        fs,
        agi,
        [recapture_high_start, recapture_high_step, recapture_high_per_step, recapture_high_max],
    );
    let tax = law.schedule(fs).tax(taxable_income) + addback + recapture;
    // Table E: the personal tax credit is a share of the tax, by AGI.
    let credit = law.table(T::personal_credit, fs).step_over(agi) * tax;
    let mut b = StateBreakdown {
        subtractions,
        agi,
        exemptions,
        taxable_income,
        tax_before_credits: tax,
        ..StateBreakdown::zero(law.state, fed)
    };
    b.apply_credits(&[("Personal tax credit", credit)]);
    b
}

#[cfg(test)]
mod tests {
    use crate::num::Num;
    use crate::tax::state::testing::*;
    use rust_decimal_macros::dec;

    /// 2025 Form CT-1040 by hand: single, 67, IRA $60,000, interest $10,000, Social Security
    /// $30,000. Federal: provisional income 70,000 + 15,000 = 85,000 → taxable benefits
    /// min(0.85 × 30,000, 0.85 × (85,000 − 34,000) + 4,500) = 25,500; AGI 95,500.
    /// Social Security Benefit Adjustment Worksheet (AGI ≥ $75,000): line 1 benefits 30,000,
    /// provisional excess 85,000 − 25,000 = 60,000; 25% of the smaller = 7,500; taxable 25,500
    /// − 7,500 = 18,000 subtracted. IRA Distribution Worksheet: 75% × 60,000 = 45,000, times
    /// the 2.5% for AGI 95,000–99,999 = 1,125. Connecticut AGI 95,500 − 19,125 = 76,375.
    /// Table A: no exemption over $44,000. Tax: 200 + 1,800 + 5.5% × 26,375 = 3,450.625;
    /// Table C: 76,375 is 4 steps (or part) of $5,000 over 56,500 → 100. Table D: none.
    /// Table E: no credit over $64,500. Tax 3,550.63.
    #[test]
    fn ct1040_single_retiree() {
        let f = single(67, |p| {
            p.ira_distributions = dec!(60000);
            p.social_security = dec!(30000);
        })
        .with(|f| f.taxable_interest = dec!(10000));
        let (fed, s) = compute("CT", 2025, &f);
        assert_eq!(fed.agi, dec!(95500));
        assert_eq!(s.subtractions, dec!(19125));
        assert_eq!(s.taxable_income, dec!(76375));
        assert_eq!(s.tax.round_cents(), dec!(3550.63));
    }
}
