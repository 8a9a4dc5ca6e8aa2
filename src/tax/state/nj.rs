//! New Jersey (Form NJ-1040): its own gross income by category (no Social Security, net
//! losses disregarded), the pension and other retirement income exclusions of people 62+ by
//! total income, Medicare premiums over 2% of income, exemptions (more from 65), and the rate
//! schedule; no tax under the filing threshold.

use super::common::{count_reached, reached};
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::federal::TaxBreakdown;

names!(P: exemption, senior_exemption, senior_age, blind_exemption, retirement_age,
    retirement_cap, other_retirement_earned_limit, filing_threshold, medical_floor,
    medicare_age, part_b_base, irmaa_magi_factor, msp_fpl_rate, fpg_first, fpg_additional,
    ssi_general_exclusion, ssi_earned_exclusion, ssi_earned_share, ssi_couple_rate,
    ssi_individual_rate);
names!(T: exclusion_share, part_b_irmaa);

/// SSI countable income for a year (20 CFR 416.1112, 416.1124): the $20 general exclusion
/// from unearned income first, the $65 earned exclusion (with what is left of the $20), half
/// of the remaining earnings; monthly amounts, as a yearly total.
fn countable<N: Num>(law: &StateLaw<N>, earned: N, unearned: N) -> N {
    let twelve = N::from_i64(12);
    let (earned, unearned) = (earned / twelve, unearned / twelve);
    let general = law.p(P::ssi_general_exclusion).min_of(unearned);
    let left = law.p(P::ssi_general_exclusion) - general;
    let earned_left = (earned - law.p(P::ssi_earned_exclusion) - left).pos();
    ((unearned - general) + earned_left * (N::ONE - law.p(P::ssi_earned_share))) * twelve
}

/// Whether the Medicare Savings Program pays the Part B premium of person `i` (65+): countable
/// income under 135% of the poverty guideline, a couple's together when both are 65+, a
/// younger spouse's deemed when over the difference of the SSI couple and individual rates.
fn msp_pays<N: Num>(law: &StateLaw<N>, f: &StateFacts<N>, i: usize) -> bool {
    let people = f.on_return();
    let joint = f.share(
        f.taxable_interest + f.tax_exempt_interest + f.ordinary_dividends + f.other_ordinary,
    );
    let earned = |p: &super::Person<N>| p.wages;
    // pensions and retirement plan distributions are unearned income; a Roth conversion is not
    let unearned =
        |p: &super::Person<N>| p.social_security + p.pensions() + p.ira_distributions + joint;
    let aged = |p: &super::Person<N>| reached(p.age, law.p(P::medicare_age));
    let me = &people[i];
    let mut guideline = law.p(P::fpg_first);
    let income = if people.len() == 2 {
        guideline += law.p(P::fpg_additional);
        let other = &people[1 - i];
        let deemed = earned(other) + unearned(other);
        let threshold =
            (law.p(P::ssi_couple_rate) - law.p(P::ssi_individual_rate)) * N::from_i64(12);
        if aged(other) || deemed > threshold {
            countable(law, earned(me) + earned(other), unearned(me) + unearned(other))
        } else {
            countable(law, earned(me), unearned(me))
        }
    } else {
        countable(law, earned(me), unearned(me))
    };
    income < law.p(P::msp_fpl_rate) * guideline
}

/// The Medicare Part B premiums the people 65 or over pay for the year: the base premium and
/// the income-related amount, monthly, by MAGI (AGI and tax-exempt interest) taken the way
/// the reference model does for a single year (this year's MAGI times the index factor that
/// stands for the income of two years before), less the base premium the Medicare Savings
/// Program pays.
fn part_b_premiums<N: Num>(law: &StateLaw<N>, f: &StateFacts<N>, fed: &TaxBreakdown<N>) -> N {
    let magi = fed.magi * law.p(P::irmaa_magi_factor);
    let twelve = N::from_i64(12);
    let base = law.p(P::part_b_base) * twelve;
    let gross = base + law.table(T::part_b_irmaa, f.filing).step(magi) * twelve;
    let mut total = N::ZERO;
    for (i, p) in f.on_return().iter().enumerate() {
        if !reached(p.age, law.p(P::medicare_age)) {
            continue;
        }
        let paid = if msp_pays(law, f, i) { base } else { N::ZERO };
        total += (gross - paid).pos();
    }
    total
}

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    let people = f.on_return();
    // Lines 15-27 for each person: wages, retirement money, and a share of the joint interest,
    // dividends, net gains (a net loss is zero) and other income.
    let joint = f.share(f.taxable_interest + f.ordinary_dividends)
        + f.share(f.long_term_gains + f.short_term_gains).pos()
        + f.share(f.other_ordinary).pos();
    let mut total_income = N::ZERO;
    let mut eligible_income = N::ZERO;
    let mut eligible_pension = N::ZERO;
    let mut anyone_eligible = false;
    for p in people {
        // New Jersey wages keep what went to an HSA: the state does not follow IRC 223.
        let income = p.wages + p.hsa + p.retirement() + joint;
        total_income += income;
        if reached(p.age, law.p(P::retirement_age)) {
            anyone_eligible = true;
            eligible_income += income;
            eligible_pension += p.retirement();
        }
    }
    // Line 28a: the pension exclusion, a share of the pensions by total income, up to the cap.
    let share = law.table(T::exclusion_share, fs).step_over(total_income);
    let cap = law.pf(P::retirement_cap, fs);
    let pension_exclusion = (share * eligible_pension).min_of(cap);
    // Line 28b: what is left of the exclusion against the other income of those 62+, when
    // earned income is small.
    let other = if anyone_eligible
        && f.total(|p| p.wages + p.hsa) <= law.p(P::other_retirement_earned_limit)
    {
        ((share * eligible_income).min_of(cap) - pension_exclusion).pos()
    } else {
        N::ZERO
    };
    let subtractions = pension_exclusion + other;
    let agi = (total_income - subtractions).pos();
    // Lines 6-13: exemptions.
    let seniors = count_reached(f, law.p(P::senior_age));
    let blind = (f.blind as usize).min(people.len());
    let exemptions = law.pf(P::exemption, fs)
        + N::from_i64(seniors as i64) * law.p(P::senior_exemption)
        + N::from_i64(blind as i64) * law.p(P::blind_exemption);
    // Line 31 medical expenses: the Medicare premiums over 2% of New Jersey income.
    let medical = (part_b_premiums(law, f, fed) - law.p(P::medical_floor) * agi).pos();
    let deductions = medical;
    let taxable_income = (agi - deductions - exemptions).pos();
    let tax = if agi <= law.pf(P::filing_threshold, fs) {
        N::ZERO
    } else {
        law.schedule(fs).tax(taxable_income)
    };
    StateBreakdown {
        additions: (total_income - fed.agi).pos(),
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

    /// 2025 Form NJ-1040 by hand: single, 68, wages $5,000, IRA $40,000, interest $15,000,
    /// Social Security $20,000 (not New Jersey income). Lines 15-27 total income 60,000. Line
    /// 28a pension exclusion: income under 100,000, so all of the 40,000 (cap 75,000). Line 28b:
    /// wages over 3,000, none. Line 29 New Jersey gross income 20,000. Line 31 medical
    /// expenses (Worksheet F): Medicare Part B 12 × 185 = 2,220 less 2% of 20,000 → 1,820.
    /// Lines 6-7 exemptions 1,000 + 1,000 (65+). Taxable 16,180; × 1.4% = 226.52.
    #[test]
    fn form_nj1040_pension_exclusion_and_medicare() {
        let f = single(68, |p| {
            p.wages = dec!(5000);
            p.ira_distributions = dec!(40000);
            p.social_security = dec!(20000);
        })
        .with(|f| f.taxable_interest = dec!(15000));
        let (_, s) = compute("NJ", 2025, &f);
        assert_eq!(s.subtractions, dec!(40000));
        assert_eq!(s.agi, dec!(20000));
        assert_eq!(s.deductions, dec!(1820));
        assert_eq!(s.taxable_income, dec!(16180));
        assert_eq!(s.tax.round_cents(), dec!(226.52));
    }

    /// $50,000 of wages of which $4,000 went to an HSA: New Jersey taxes the same as on $54,000
    /// of wages.
    #[test]
    fn hsa_contributions_stay_in_new_jersey_wages() {
        let f = single(45, |p| {
            p.wages = dec!(46000);
            p.hsa = dec!(4000);
        });
        let (fed, s) = compute("NJ", 2025, &f);
        assert_eq!(fed.agi, dec!(46000));
        let wages = compute("NJ", 2025, &single(45, |p| p.wages = dec!(50000))).1;
        assert_eq!(s.agi, dec!(50000));
        assert_eq!(s.tax, wages.tax);
        assert!(s.tax > compute("NJ", 2025, &single(45, |p| p.wages = dec!(46000))).1.tax);
    }
}
