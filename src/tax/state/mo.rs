//! Missouri (MO-1040): federal AGI less capital gains per person; the federal standard
//! deduction, part of federal tax, and the Social Security and pension subtractions of Form
//! MO-A; a joint return's taxable income split by each spouse's Missouri AGI and each share
//! taxed on the schedule; the working family credit.

use super::common::{ElderlyCredit, childless_eitc, reached};
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::Filing;
use crate::tax::federal::TaxBreakdown;

names!(P: hoh_exemption, ss_age, max_ss_benefit, private_pension_cap, private_pension_allowance,
    federal_deduction_cap, gains_subtraction_rate, wftc_rate, wftc_investment_limit, eitc_max,
    eitc_rate, eitc_phaseout_start, eitc_investment_limit, eitc_min_age, eitc_max_age,
    elderly_age, elderly_one, elderly_two, elderly_separate, elderly_phaseout_start,
    elderly_phaseout_rate, elderly_credit_rate);
names!(T: federal_deduction_rate);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    let people = f.on_return();
    let total_ss = f.total(|p| p.social_security);
    // Each person's taxable Social Security, in proportion to their benefits (the head takes
    // what the spouse does not).
    let mut taxable_ss = [N::ZERO; 2];
    if people.len() == 2 {
        taxable_ss[1] = fed.taxable_social_security * people[1].social_security.ratio(total_ss);
    }
    taxable_ss[0] = fed.taxable_social_security - taxable_ss[1];
    // Each person's Missouri AGI (MO-1040 lines 1-6, a column each): their federal gross
    // income (gains counted when positive, a capital loss being an adjustment spread by gross
    // income), less the capital gains Missouri subtracts.
    let gains = f.share(f.long_term_gains + f.short_term_gains).pos();
    let joint = f.share(f.taxable_interest + f.ordinary_dividends + f.other_ordinary) + gains;
    let mut gross = [N::ZERO; 2];
    for (i, p) in people.iter().enumerate() {
        gross[i] = p.wages + p.retirement() + taxable_ss[i] + joint;
    }
    let total_gross = gross[0] + gross[1];
    let loss = (-fed.capital_gain_in_agi).pos();
    let mut agi_each = [N::ZERO; 2];
    for i in 0..people.len() {
        let adjustment = loss * gross[i].ratio(total_gross);
        agi_each[i] = (gross[i] - adjustment - law.p(P::gains_subtraction_rate) * gains).pos();
    }
    let agi = agi_each[0] + agi_each[1];
    // Form MO-A Part 3. Section C: taxable Social Security of each person 62 or over.
    let mut ss_deduction = N::ZERO;
    let mut public = N::ZERO;
    let mut private = N::ZERO;
    for (i, p) in people.iter().enumerate() {
        let ss = if reached(p.age, law.p(P::ss_age)) {
            taxable_ss[i]
        } else {
            N::ZERO
        };
        ss_deduction += ss;
        // Section A: public pensions up to the maximum Social Security benefit, less that
        // person's Social Security deduction.
        public += (p.government_pension.min_of(law.p(P::max_ss_benefit)) - ss).pos();
        // Section B: private pensions and IRA distributions, up to $6,000 each.
        private += (p.private_pension + p.ira_distributions).min_of(law.p(P::private_pension_cap));
    }
    // ... reduced by Missouri AGI less taxable Social Security over the allowance.
    let excess = (agi - fed.taxable_social_security - law.pf(P::private_pension_allowance, fs)).pos();
    let pension_deduction = ss_deduction + public + (private - excess).pos();
    // Line 13 worksheet: federal tax after the credit for the elderly and the earned income
    // credit, a percentage of it by Missouri AGI, up to the cap.
    let schedule_r = ElderlyCredit {
        age: law.p(P::elderly_age),
        one: law.p(P::elderly_one),
        two: law.p(P::elderly_two),
        separate: law.p(P::elderly_separate),
        phaseout_start: law.pf(P::elderly_phaseout_start, fs),
        phaseout_rate: law.p(P::elderly_phaseout_rate),
        rate: law.p(P::elderly_credit_rate),
    };
    let investment = f.taxable_interest
        + f.tax_exempt_interest
        + f.ordinary_dividends
        + (f.long_term_gains + f.short_term_gains).pos();
    let eitc = childless_eitc(
        f,
        fed.agi,
        investment,
        law.p(P::eitc_max),
        law.p(P::eitc_rate),
        law.pf(P::eitc_phaseout_start, fs),
        law.p(P::eitc_investment_limit),
        (law.p(P::eitc_min_age), law.p(P::eitc_max_age)),
    );
    let federal_tax = (fed.total - schedule_r.credit(f, fed) - eitc).pos();
    let federal_deduction = (federal_tax * law.table(T::federal_deduction_rate, fs).step(agi))
        .min_of(law.pf(P::federal_deduction_cap, fs));
    let deductions = fed.standard_deduction + federal_deduction;
    let exemptions = law.pf(P::hoh_exemption, fs);
    let taxable_income = (agi - deductions - pension_deduction - exemptions).pos();
    // Lines 25-29: each spouse's share of taxable income, by Missouri AGI, taxed separately.
    let schedule = law.schedule(fs);
    let mut tax = N::ZERO;
    for share in agi_each.iter().take(people.len()) {
        tax += schedule.tax(taxable_income * share.ratio(agi));
    }
    // Working family tax credit: 20% of the federal earned income credit.
    let wftc = if fs != Filing::Mfs && investment <= law.p(P::wftc_investment_limit) {
        law.p(P::wftc_rate) * eitc
    } else {
        N::ZERO
    };
    let mut b = StateBreakdown {
        additions: N::ZERO,
        subtractions: pension_deduction,
        agi,
        deductions,
        exemptions,
        taxable_income,
        tax_before_credits: tax,
        ..StateBreakdown::zero(law.state, fed)
    };
    b.apply_credits(&[("Working family tax credit", wftc)]);
    b
}

#[cfg(test)]
mod tests {
    use crate::num::Num;
    use crate::tax::state::testing::*;
    use rust_decimal_macros::dec;

    /// 2025 Form MO-1040 by hand: single, 67, IRA $30,000, interest $2,000, Social Security
    /// $20,000. Federal: provisional income 42,000 → taxable SS 11,300, AGI 43,300; taxable
    /// income 43,300 − 17,750 − 6,000 (senior) = 19,550 → tax 2,107.50. Missouri AGI 43,300.
    /// Line 13 worksheet: AGI 25,001-50,000 → 25% of 2,107.50 = 526.88. Form MO-A Section C:
    /// 11,300 (62+); Section B: 6,000 less (43,300 − 11,300 − 25,000 = 7,000) → 0. Line 14
    /// federal standard deduction 17,750. Taxable 43,300 − 526.88 − 17,750 − 11,300 =
    /// 13,723.12. Tax rate chart: 256.04 through 9,191 + 4.7% × 4,532.12 = 213.01 → 469.04.
    #[test]
    fn form_mo_1040_retiree() {
        let f = single(67, |p| {
            p.ira_distributions = dec!(30000);
            p.social_security = dec!(20000);
        })
        .with(|f| f.taxable_interest = dec!(2000));
        let (fed, s) = compute("MO", 2025, &f);
        assert_eq!(fed.total, dec!(2107.50));
        assert_eq!(s.agi, dec!(43300));
        assert_eq!(s.subtractions, dec!(11300));
        assert_eq!(s.deductions.round_cents(), dec!(17750) + dec!(526.88));
        assert_eq!(s.tax.round_cents(), dec!(469.04));
    }
}
