//! Minnesota (Form M1): federal AGI less Minnesota's standard deduction (with the 65+ addition,
//! reduced at high income) and the Social Security, public pension and elderly subtractions;
//! the rate schedule, the net investment income tax and the alternative minimum tax.

use super::common::{aged_blind_boxes, count_reached, step_phaseout_ceil};
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::Filing;
use crate::tax::federal::TaxBreakdown;

names!(P: aged_addition, aged_age, std_low_start, std_high_start, std_low_rate, std_high_rate,
    std_alt_rate, std_alt_income, ss_reduction_start, ss_reduction_step, ss_reduction_rate,
    ss_income_amount, ss_alt_amount, ss_net_income_rate, ss_benefit_fraction, pension_cap,
    pension_reduction_start, pension_reduction_step, pension_reduction_rate, elderly_age,
    elderly_base, elderly_agi_offset, elderly_agi_offset_both, elderly_agi_rate, amt_threshold,
    amt_fractional_threshold, amt_phaseout_rate, amt_rate, niit_threshold, niit_rate);
names!(T);

/// Schedule M1M line 12 worksheet: the Social Security subtraction.
fn social_security<N: Num>(law: &StateLaw<N>, f: &StateFacts<N>, fed: &TaxBreakdown<N>) -> N {
    let fs = f.filing;
    let taxed = fed.taxable_social_security;
    let start = law.pf(P::ss_reduction_start, fs);
    if fed.agi <= start {
        return taxed;
    }
    // Simplified method: 10% less for each $4,000 (or part) of AGI over the start.
    let cut = step_phaseout_ceil(
        fed.agi,
        start,
        law.pf(P::ss_reduction_step, fs),
        law.p(P::ss_reduction_rate),
    )
    .min_of(N::ONE);
    let simplified = (taxed - cut * taxed).pos();
    // Alternate method: a fixed amount less 20% of provisional income over the income amount.
    // Gross income counts gains only when the net is positive.
    let gross = f.total(|p| p.wages + p.retirement())
        + f.taxable_interest
        + f.ordinary_dividends
        + (f.long_term_gains + f.short_term_gains).pos()
        + f.other_ordinary;
    let income = gross
        + law.p(P::ss_benefit_fraction) * f.total(|p| p.social_security)
        + f.tax_exempt_interest;
    let net = (income - law.pf(P::ss_income_amount, fs)).pos();
    let alternate = (law.pf(P::ss_alt_amount, fs) - law.p(P::ss_net_income_rate) * net).pos();
    taxed.min_of(alternate).max_of(simplified)
}

/// Schedule M1R: the subtraction for people 65 or over with little untaxed income.
fn elderly<N: Num>(law: &StateLaw<N>, f: &StateFacts<N>, fed: &TaxBreakdown<N>) -> N {
    let fs = f.filing;
    let aged = count_reached(f, law.p(P::elderly_age));
    if aged == 0 {
        return N::ZERO;
    }
    let untaxed_ss = f.total(|p| p.social_security) - fed.taxable_social_security;
    let amount = (law.pf(P::elderly_base, fs) - untaxed_ss).pos();
    let mut offset = law.pf(P::elderly_agi_offset, fs);
    if fs == Filing::Mfj && aged == 2 {
        offset += law.p(P::elderly_agi_offset_both);
    }
    (amount - law.p(P::elderly_agi_rate) * (fed.agi - offset).pos()).pos()
}

/// The M1 standard deduction: the basic amount plus the addition per person 65+, less 3% of
/// AGI between the two thresholds and 10% above the second, the cut at most 80% (and 80% over
/// the alternate income threshold).
fn standard<N: Num>(law: &StateLaw<N>, f: &StateFacts<N>, agi: N) -> N {
    let fs = f.filing;
    // one addition per box checked: 65 or over, blind
    let boxes = aged_blind_boxes(f, law.p(P::aged_age));
    let full = law.standard[fs.index()] + N::from_i64(boxes as i64) * law.pf(P::aged_addition, fs);
    let low = law.pf(P::std_low_start, fs);
    let high = law.pf(P::std_high_start, fs);
    let main = law.p(P::std_low_rate) * (agi - low).pos().min_of(high - low)
        + law.p(P::std_high_rate) * (agi - high).pos();
    let alternate = law.p(P::std_alt_rate) * full;
    let cut = if agi > law.p(P::std_alt_income) {
        alternate
    } else {
        alternate.min_of(main)
    };
    (full - cut).pos()
}

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    let ss = social_security(law, f, fed);
    // Schedule M1QPEN: government pensions up to the cap, 10% less per $2,000 (or part) of AGI
    // over the start.
    let capped = f
        .total(|p| p.government_pension)
        .min_of(law.pf(P::pension_cap, fs));
    let cut = step_phaseout_ceil(
        fed.agi,
        law.pf(P::pension_reduction_start, fs),
        law.p(P::pension_reduction_step),
        law.p(P::pension_reduction_rate),
    )
    .min_of(N::ONE);
    let pension = (capped - cut * capped).pos();
    let subtractions = ss + pension + elderly(law, f, fed);
    let deductions = standard(law, f, fed.agi);
    let taxable_income = (fed.agi - deductions - subtractions).pos();
    let basic = law.schedule(fs).tax(taxable_income);
    // Net investment income tax: 1% of net investment income over $1,000,000.
    let investment = f.taxable_interest + f.ordinary_dividends + fed.capital_gain_in_agi;
    let niit = law.p(P::niit_rate) * (investment - law.p(P::niit_threshold)).pos();
    // Alternative minimum tax (the reference model's form): 6.75% of AGI less the Social
    // Security subtraction, less an exemption that shrinks over the threshold.
    let amt_income = fed.agi - ss;
    let exemption = (law.pf(P::amt_fractional_threshold, fs)
        - law.p(P::amt_phaseout_rate) * (amt_income - law.pf(P::amt_threshold, fs)).pos())
    .pos();
    let amt = (law.p(P::amt_rate) * (amt_income - exemption).pos() - basic).pos();
    let tax = basic + amt + niit;
    StateBreakdown {
        subtractions,
        agi: fed.agi,
        deductions,
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

    /// 2025 Form M1 by hand: single, 67, IRA $60,000, Social Security $30,000. Federal:
    /// provisional income 75,000 → taxable SS 25,500 (85%), AGI 85,500. Schedule M1M line 12
    /// worksheet: AGI is 1,010 over 84,490, one $4,000 step → 90% of 25,500 = 22,950; the
    /// alternate 4,560 − 20% × (75,000 − 69,250) = 3,410 is smaller. Schedule M1R: 9,600 less
    /// untaxed benefits 4,500 less half of AGI over 14,500 → 0. Standard deduction 14,950 +
    /// 2,000 (65+) = 16,950 (AGI under 238,950). Taxable 85,500 − 16,950 − 22,950 = 45,600;
    /// tax 5.35% × 32,570 = 1,742.50 + 6.8% × 13,030 = 886.04 → 2,628.54.
    #[test]
    fn form_m1_social_security_subtraction() {
        let f = single(67, |p| {
            p.ira_distributions = dec!(60000);
            p.social_security = dec!(30000);
        });
        let (fed, s) = compute("MN", 2025, &f);
        assert_eq!(fed.agi, dec!(85500));
        assert_eq!(s.subtractions, dec!(22950));
        assert_eq!(s.deductions, dec!(16950));
        assert_eq!(s.taxable_income, dec!(45600));
        assert_eq!(s.tax.round_cents(), dec!(2628.54));
    }
}
