//! New Mexico (PIT-1): federal AGI less the federal standard deduction, a capital gains
//! deduction, and exemptions — for people 65+ by income, low and middle income, Social
//! Security under an income limit, and people 100+; the rate schedule.

use super::common::{aged_blind_boxes, count_reached};
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::Filing;
use crate::tax::federal::TaxBreakdown;

names!(P: gains_deduction_cap, gains_separate_share, aged_age, ss_income_limit,
    lmi_income_limit, lmi_max, lmi_reduction_start, lmi_reduction_rate, hundred_year_age);
names!(T: aged_blind_exemption);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    let agi = fed.agi;
    let people = f.on_return();
    // PIT-ADJ line 16: net capital gain (long-term less a net short-term loss), up to $2,500;
    // half on a separate return.
    let net_gain = (f.long_term_gains - (-f.short_term_gains).pos()).pos();
    let mut gains = net_gain.min_of(law.p(P::gains_deduction_cap));
    if fs == Filing::Mfs {
        gains *= law.p(P::gains_separate_share);
    }
    let deductions = fed.standard_deduction + gains;
    // PIT-ADJ line 18: each person 65+ or blind, an amount by AGI.
    let boxes = aged_blind_boxes(f, law.p(P::aged_age)).min(people.len());
    let aged_blind = N::from_i64(boxes as i64) * law.table(T::aged_blind_exemption, fs).step_over(agi);
    // PIT-1 line 12: low- and middle-income exemption, per person on the return.
    let lmi = if agi <= law.pf(P::lmi_income_limit, fs) {
        let reduction = law.pf(P::lmi_reduction_rate, fs) * (agi - law.pf(P::lmi_reduction_start, fs)).pos();
        N::from_i64(people.len() as i64) * (law.p(P::lmi_max) - reduction)
    } else {
        N::ZERO
    };
    // PIT-ADJ line 25: Social Security taxed federally, under the income limit.
    let ss = if agi <= law.pf(P::ss_income_limit, fs) {
        fed.taxable_social_security
    } else {
        N::ZERO
    };
    // PIT-ADJ line 17: the income of a person 100 or over (their share on a joint return).
    let centenarians = count_reached(f, law.p(P::hundred_year_age));
    let hundred = agi * N::from_i64(centenarians as i64) / N::from_i64(people.len() as i64);
    let exemptions = aged_blind + lmi + ss + hundred;
    let taxable_income = (agi - deductions - exemptions).pos();
    let tax = law.schedule(fs).tax(taxable_income);
    StateBreakdown {
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

    /// 2025 Form PIT-1 by hand: single, 67, IRA $30,000, interest $1,000, long-term gain
    /// $4,000, Social Security $20,000. Federal: provisional income 45,000 → taxable SS 13,850,
    /// AGI 48,850. Line 9 federal standard deduction 17,750; PIT-ADJ line 16 capital gains
    /// deduction 2,500 (the cap); line 18 aged exemption none (AGI over 28,500); line 12 none
    /// (AGI over 36,667); line 25 Social Security 13,850 (AGI under 100,000). Taxable 14,750;
    /// tax 1.5% × 5,500 = 82.50 + 3.2% × 9,250 = 296 → 378.50.
    #[test]
    fn form_pit1_retiree() {
        let f = single(67, |p| {
            p.ira_distributions = dec!(30000);
            p.social_security = dec!(20000);
        })
        .with(|f| {
            f.taxable_interest = dec!(1000);
            f.long_term_gains = dec!(4000);
        });
        let (fed, s) = compute("NM", 2025, &f);
        assert_eq!(fed.agi, dec!(48850));
        assert_eq!(s.deductions, dec!(20250));
        assert_eq!(s.exemptions, dec!(13850));
        assert_eq!(s.taxable_income, dec!(14750));
        assert_eq!(s.tax.round_cents(), dec!(378.50));
    }
}
