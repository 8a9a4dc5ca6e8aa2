//! South Carolina (SC1040): federal taxable income (2025) or federal AGI less the SC
//! individual income tax deduction (2026 on), less Social Security, 44% of net long-term
//! gains, the retirement deduction and the age-65 deduction per person; the rate schedule;
//! the earned income and two-wage-earner credits.

use super::common::{childless_eitc, reached};
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::Filing;
use crate::tax::federal::TaxBreakdown;

names!(P: sciad_in_effect, sciad, sciad_phaseout_start, sciad_phaseout_width,
    pre_obbba_standard, federal_standard, gain_deduction_rate, retirement_older_age,
    retirement_younger_cap, retirement_older_cap, senior_age, senior_deduction, eitc_rate,
    eitc_cap, two_earner_rate, two_earner_cap, eitc_max, eitc_phase_rate,
    eitc_phaseout_start, eitc_investment_limit, eitc_min_age, eitc_max_age);
names!(T);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    let sciad_on = law.p(P::sciad_in_effect) > N::ZERO;
    // Line 2 additions (2025): the federal standard deduction above the pre-OBBBA amount and
    // the federal senior deduction are added back (S.C. Code § 12-6-40 conformity date).
    let additions = if sciad_on {
        N::ZERO
    } else {
        (law.pf(P::federal_standard, fs) - law.pf(P::pre_obbba_standard, fs)).pos()
            + fed.senior_deduction
    };
    // Line 4 subtractions: Social Security in federal AGI; 44% of the net capital gain (net
    // long-term gain less any short-term loss); each person's retirement deduction and the
    // deduction at 65 (less their retirement deduction).
    let gain = (f.long_term_gains + f.short_term_gains.min_of(N::ZERO)).pos();
    let mut subtractions = fed.taxable_social_security + law.p(P::gain_deduction_rate) * gain;
    for p in f.on_return() {
        let older = reached(p.age, law.p(P::retirement_older_age));
        let cap = if older {
            law.p(P::retirement_older_cap)
        } else {
            law.p(P::retirement_younger_cap)
        };
        let retirement = p.retirement().pos().min_of(cap);
        subtractions += retirement;
        if reached(p.age, law.p(P::senior_age)) {
            subtractions += (law.p(P::senior_deduction) - retirement).pos();
        }
    }
    // From 2026 (H.4216 § 12-6-1140(15)): federal AGI is the start and the SC individual
    // income tax deduction falls to zero over the phase-out width, the reduction rounded
    // down to $10.
    let (base, deductions) = if sciad_on {
        let amount = law.pf(P::sciad, fs);
        let share = (fed.agi - law.pf(P::sciad_phaseout_start, fs))
            .pos()
            .ratio(law.pf(P::sciad_phaseout_width, fs))
            .min_of(N::ONE);
        let reduction = (amount * share / N::from_i64(10)).floor_whole() * N::from_i64(10);
        let sciad = (amount - reduction).pos();
        subtractions += sciad;
        (fed.agi, sciad)
    } else {
        (fed.taxable_income, fed.standard_deduction + fed.senior_deduction)
    };
    let taxable_income = (base + additions - subtractions).pos();
    let tax = law.schedule(fs).tax(taxable_income);
    // Credits: 125% of the federal earned income credit (capped from 2026); the two-wage-
    // earner credit, 0.7% of the lesser spouse's earnings up to $50,000.
    let eitc = childless_eitc(
        f,
        fed.agi,
        f.taxable_interest
            + f.tax_exempt_interest
            + f.ordinary_dividends
            + fed.capital_gain_in_agi.pos(),
        law.p(P::eitc_max),
        law.p(P::eitc_phase_rate),
        law.pf(P::eitc_phaseout_start, fs),
        law.p(P::eitc_investment_limit),
        (law.p(P::eitc_min_age), law.p(P::eitc_max_age)),
    );
    let state_eitc = (eitc * law.p(P::eitc_rate)).min_of(law.p(P::eitc_cap));
    let two_earner = if fs == Filing::Mfj {
        let lesser = f.people[0].wages.min_of(f.people[1].wages).pos();
        law.p(P::two_earner_rate) * lesser.min_of(law.p(P::two_earner_cap))
    } else {
        N::ZERO
    };
    let mut b = StateBreakdown {
        additions,
        subtractions,
        agi: fed.agi,
        deductions,
        taxable_income,
        tax_before_credits: tax,
        ..StateBreakdown::zero(law.state, fed)
    };
    b.apply_credits(&[
        ("Earned income credit", state_eitc),
        ("Two wage earner credit", two_earner),
    ]);
    b
}

#[cfg(test)]
mod tests {
    use crate::tax::state::testing::*;
    use rust_decimal_macros::dec;

    /// 2025 SC1040 by hand: married filing jointly, 67 and 66; his IRA $150,000, her IRA
    /// $8,000, interest $3,000, long-term gain $10,000, Social Security $36,000. Federal:
    /// taxable SS 30,600 (85%), AGI 201,600; deductions 31,500 + 2 × 1,600 and the senior
    /// deduction, 6,000 each less 6% of 51,600 over 150,000 each = 5,808 → taxable income
    /// 161,092 (line 1). Line 2 additions: standard deduction over the pre-OBBBA 30,000
    /// (1,500) and the senior deduction 5,808 → 168,400. Line 4
    /// subtractions: Social Security 30,600; 44% of the 10,000 gain = 4,400; retirement
    /// deductions 10,000 (his, capped at 65+) and 8,000 (hers); age-65 deductions 15,000 −
    /// 10,000 and 15,000 − 8,000 → 65,000. Taxable income 103,400, over $100,000: the Tax
    /// Rate Schedule, 6% less $641.70 = 5,562.30.
    #[test]
    fn sc1040_couple_retirement_and_age_deductions() {
        let f = couple(
            (67, 66),
            |h| {
                h.ira_distributions = dec!(150000);
                h.social_security = dec!(20000);
            },
            |s| {
                s.ira_distributions = dec!(8000);
                s.social_security = dec!(16000);
            },
        )
        .with(|f| {
            f.taxable_interest = dec!(3000);
            f.long_term_gains = dec!(10000);
        });
        let (fed, s) = compute("SC", 2025, &f);
        assert_eq!(fed.agi, dec!(201600));
        assert_eq!(fed.taxable_income, dec!(161092));
        assert_eq!(s.additions, dec!(7308));
        assert_eq!(s.subtractions, dec!(65000));
        assert_eq!(s.taxable_income, dec!(103400));
        assert_eq!(s.tax, dec!(5562.30));
    }
}
