//! Wisconsin (Form 1): federal AGI plus tax-exempt interest, less Social Security, 30% of net
//! long-term gains and the $5,000 retirement subtraction at low income; a standard deduction
//! that shrinks with income; exemptions; the rate schedule; the married couple credit; and
//! from 2025 the retirement income exclusion at 67 (Schedule SB line 16), taken when it
//! lowers the tax.

use super::common::reached;
use super::{Person, StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::Filing;
use crate::tax::federal::TaxBreakdown;

names!(P: gain_fraction, retirement_age, retirement_cap, retirement_agi_limit, exclusion_age,
    exclusion_cap, exclusion_joint_cap, exemption, aged_age, aged_exemption,
    married_credit_rate, married_credit_cap);
names!(T: standard_phaseout);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    // Schedule I / Form 1 line 3: interest on other states' bonds is added.
    let additions = f.tax_exempt_interest;
    // Schedule WD: 30% of the net capital gain, up to the net long-term gain, is excluded.
    let net = (f.long_term_gains + f.short_term_gains).pos();
    let gains = law.p(P::gain_fraction) * net.min_of(f.long_term_gains.pos());
    // Schedule SB line 17: up to $5,000 of each person's retirement income from 65, federal
    // AGI under $15,000 ($30,000 joint).
    let retirement_income = |p: &Person<N>| p.retirement();
    let line17_on = fed.agi < law.pf(P::retirement_agi_limit, fs);
    let line17 = |p: &Person<N>| {
        if line17_on && reached(p.age, law.p(P::retirement_age)) {
            retirement_income(p).min_of(law.p(P::retirement_cap))
        } else {
            N::ZERO
        }
    };
    let subtraction17 = f.total(line17);
    let subtractions = fed.taxable_social_security + gains + subtraction17;
    let agi = fed.agi + additions - subtractions;
    let deductions = standard(law, fs, agi);
    let aged = f
        .on_return()
        .iter()
        .filter(|p| reached(p.age, law.p(P::aged_age)))
        .count();
    let exemptions = N::from_i64(f.on_return().len() as i64) * law.p(P::exemption)
        + N::from_i64(aged as i64) * law.p(P::aged_exemption);
    let taxable_income = (agi - deductions - exemptions).pos();
    let schedule = law.schedule(fs);
    let tax = schedule.tax(taxable_income);
    // Schedule 2 married couple credit: 3% of the lower-earning spouse's earnings, at most $480.
    let married = if fs == Filing::Mfj {
        let lower = f.people[0].wages.pos().min_of(f.people[1].wages.pos());
        (law.p(P::married_credit_rate) * lower).min_of(law.p(P::married_credit_cap))
    } else {
        N::ZERO
    };
    let mut b = StateBreakdown {
        additions,
        subtractions,
        agi,
        deductions,
        exemptions,
        taxable_income,
        tax_before_credits: tax,
        ..StateBreakdown::zero(law.state, fed)
    };
    b.apply_credits(&[("Married couple credit", married)]);
    // Schedule SB line 16 (Wis. Stat. § 71.05(6)(b)54m): from 67, retirement income up to
    // $24,000 a person ($48,000 for a joint return where both qualify, pooled); line 17 is not
    // taken on the same dollars. The deduction is recomputed on the lower income; a return
    // takes this path, without the non-refundable credits, when its tax is lower.
    let exclusion_age = law.p(P::exclusion_age);
    let eligible16 = |p: &Person<N>| reached(p.age, exclusion_age);
    let retirement16 = |p: &Person<N>| {
        if eligible16(p) {
            retirement_income(p)
        } else {
            N::ZERO
        }
    };
    let cap = law.p(P::exclusion_cap);
    let pooled = fs == Filing::Mfj && f.on_return().iter().all(eligible16);
    let line16 = if pooled {
        f.total(retirement16).min_of(law.p(P::exclusion_joint_cap))
    } else {
        f.total(|p| retirement16(p).min_of(cap))
    };
    if line16 > N::ZERO {
        let offset = if pooled {
            let remaining = (f.total(retirement16) - line16).pos();
            (f.total(|p| if eligible16(p) { line17(p) } else { N::ZERO }) - remaining).pos()
        } else {
            f.total(|p| {
                let remaining = (retirement_income(p) - retirement16(p).min_of(cap)).pos();
                line17(p) - line17(p).min_of(remaining)
            })
        }
        .min_of(subtraction17);
        let lower = (agi - line16 + offset).pos();
        let extra_deduction = standard(law, fs, lower) - deductions;
        let excluded_income = (taxable_income - line16 + offset - extra_deduction).pos();
        let exclusion_tax = schedule.tax(excluded_income);
        if exclusion_tax < b.tax {
            // Shown as the tax it saves against the schedule tax: the return's taxable income
            // stays the Form 1 figure (the reference's too).
            b.credits = Default::default();
            b.apply_credits(&[("Retirement income exclusion", tax - exclusion_tax)]);
        }
    }
    b
}

/// Form 1 line 8 standard deduction table: the largest amount less a share of Wisconsin
/// income over the phase-out start (the table's rates), not below zero.
fn standard<N: Num>(law: &StateLaw<N>, fs: Filing, income: N) -> N {
    (law.standard[fs.index()] - law.table(T::standard_phaseout, fs).tax(income)).pos()
}

#[cfg(test)]
mod tests {
    use crate::num::Num;
    use crate::tax::state::testing::*;
    use rust_decimal_macros::dec;

    /// 2025 Form 1 by hand (the rate schedule behind the tax table): single, 68, IRA $60,000,
    /// interest $4,000, Social Security $20,000. Federal AGI: provisional income 74,000 →
    /// taxable SS 17,000 (85%); AGI 81,000. Schedule SB: Social Security 17,000 (AGI too high
    /// for line 17) → Wisconsin income 64,000; standard deduction 13,560 less 12% of 44,450 =
    /// 8,226; exemptions 700 + 250 → taxable 54,824; tax 513.80 + 1,575.20 + 5.3% × 4,344 =
    /// 2,319.23. Line 16 retirement income exclusion (67+): 24,000 more subtracted, income
    /// 40,000, whose standard deduction is 13,560 less 12% of 20,450 = 11,106 → taxable
    /// 27,944; tax 513.80 + 4.4% × 13,264 = 1,097.42, lower, so taken.
    #[test]
    fn form_1_retirement_income_exclusion() {
        let f = single(68, |p| {
            p.ira_distributions = dec!(60000);
            p.social_security = dec!(20000);
        })
        .with(|f| f.taxable_interest = dec!(4000));
        let (fed, s) = compute("WI", 2025, &f);
        assert_eq!(fed.agi, dec!(81000));
        assert_eq!(s.agi, dec!(64000));
        assert_eq!(s.deductions, dec!(8226));
        assert_eq!(s.taxable_income, dec!(54824));
        assert_eq!(s.tax_before_credits.round_cents(), dec!(2319.23));
        assert_eq!(s.tax.round_cents(), dec!(1097.42));
        // at 66 the exclusion does not apply
        let f = f.with(|f| f.people[0].age = 66);
        assert_eq!(compute("WI", 2025, &f).1.tax.round_cents(), dec!(2319.23));
    }
}
