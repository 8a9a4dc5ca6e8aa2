//! Ohio (IT 1040): federal AGI less Social Security and the Medicare premiums above 7.5% of
//! federal AGI; personal exemptions by modified AGI; no tax up to the zero bracket, then a base
//! amount plus the bracket's rate; the senior citizen, retirement income, exemption and joint
//! filing credits.

use super::common::{net_gains, reached};
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::Filing;
use crate::tax::federal::TaxBreakdown;

names!(P: senior_age, credit_income_limit, joint_credit_min_income, joint_credit_cap,
    medical_floor_rate, medicare_age, irmaa_magi_deflator, part_b_standard, msp_fpg_individual,
    msp_fpg_couple, msp_fpg_limit, ssi_general_exclusion, ssi_earned_exclusion,
    ssi_earned_share_excluded, ssi_deeming_threshold);
names!(T: bracket_base, exemption, senior_credit, retirement_credit, exemption_credit,
    joint_credit_rate, part_b_premium);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    // Schedule of Adjustments line 37: Social Security in federal AGI is deducted; line 44:
    // unreimbursed medical care expenses above 7.5% of federal AGI, here the Medicare Part B
    // premiums of the people enrolled.
    let medical = (medicare_premiums(law, f, fed) - law.p(P::medical_floor_rate) * fed.agi.pos())
        .pos();
    let subtractions = fed.taxable_social_security + medical;
    let agi = fed.agi - subtractions;
    // Line 4: a personal exemption for each person on the return, by modified AGI (Ohio AGI
    // here: no business income deduction).
    let people = N::from_i64(f.on_return().len() as i64);
    let exemptions = people * law.table(T::exemption, fs).step(agi);
    let taxable_income = (agi - exemptions).pos();
    let tax = rate_tax(law, fs, taxable_income);
    // Schedule of Credits: the credits' income test is modified AGI less exemptions.
    let income = (agi - exemptions).pos();
    let under_limit = income < law.p(P::credit_income_limit);
    // line 3: $50 per return with someone 65 or older
    let senior = if f
        .on_return()
        .iter()
        .any(|p| reached(p.age, law.p(P::senior_age)))
    {
        law.table(T::senior_credit, fs).step(income)
    } else {
        N::ZERO
    };
    // line 2: retirement income credit by the return's pensions and retirement-plan
    // distributions (not Roth conversions), modified AGI less exemptions under $100,000
    let retirement = if under_limit {
        law.table(T::retirement_credit, fs)
            .step_over(f.total(|p| p.pensions() + p.ira_distributions))
    } else {
        N::ZERO
    };
    // line 9: $20 per exemption, modified AGI less exemptions over 0 and up to $30,000
    let exemption_credit = if income > N::ZERO {
        people * law.table(T::exemption_credit, fs).step_over(income)
    } else {
        N::ZERO
    };
    let mut b = StateBreakdown {
        subtractions,
        agi,
        exemptions,
        taxable_income,
        tax_before_credits: tax,
        ..StateBreakdown::zero(law.state, fed)
    };
    b.apply_credits(&[
        ("Senior citizen credit", senior),
        ("Retirement income credit", retirement),
        ("Exemption credit", exemption_credit),
    ]);
    // line 12: joint filing credit, a share of the tax left (by modified AGI less
    // exemptions), capped, when each spouse has qualifying income of $500 or more
    if fs == Filing::Mfj && joint_credit_eligible(law, f, fed) {
        let credit = (law.table(T::joint_credit_rate, fs).step(income) * b.tax)
            .min_of(law.p(P::joint_credit_cap));
        let used = credit.min_of(b.tax);
        b.credits[3] = super::Credit {
            name: "Joint filing credit",
            amount: used,
        };
        b.tax -= used;
    }
    b
}

/// R.C. 5747.02(A)(3): no tax on taxable nonbusiness income up to the first threshold; above
/// it, the bracket's base amount plus its rate on the income over the bracket's start.
fn rate_tax<N: Num>(law: &StateLaw<N>, fs: Filing, taxable_income: N) -> N {
    let schedule = law.schedule(fs);
    let bases = law.table(T::bracket_base, fs);
    let mut tax = N::ZERO;
    for i in 0..schedule.thresholds.len() {
        let start = schedule.thresholds[i];
        if taxable_income > start {
            let base = bases.values.get(i).copied().unwrap_or(N::ZERO);
            tax = base + schedule.values[i] * (taxable_income - start);
        }
    }
    tax
}

/// Each spouse's qualifying income (line 12 instructions): their Ohio AGI without interest,
/// dividends, capital gains and rents. Pensions, IRA money and conversions are their own; of
/// the joint investment income each has half, in Ohio AGI after the federal loss limit,
/// and half of it, not below zero, excluded.
fn joint_credit_eligible<N: Num>(law: &StateLaw<N>, f: &StateFacts<N>, fed: &TaxBreakdown<N>) -> bool {
    let joint = f.taxable_interest + f.ordinary_dividends + f.other_ordinary;
    let in_agi = f.share(joint + fed.capital_gain_in_agi);
    let excluded = f.share(joint + net_gains(f)).pos();
    let min = law.p(P::joint_credit_min_income);
    f.on_return()
        .iter()
        .all(|p| p.wages + p.retirement() + in_agi - excluded >= min)
}

/// Medicare Part B premiums paid by the people on the return aged 65 or over (enrolled at 65,
/// as the reference model takes them): the standard premium plus the income-related amount by
/// modified AGI of two years before (this year's, deflated by the growth of AGI per person, as
/// the reference model estimates it), less the standard premium where a Medicare Savings
/// Program pays it.
fn medicare_premiums<N: Num>(law: &StateLaw<N>, f: &StateFacts<N>, fed: &TaxBreakdown<N>) -> N {
    let magi = fed.magi * law.p(P::irmaa_magi_deflator);
    let premium = law.table(T::part_b_premium, f.filing).step(magi);
    let age = law.p(P::medicare_age);
    let mut total = N::ZERO;
    for (i, p) in f.on_return().iter().enumerate() {
        if !reached(p.age, age) {
            continue;
        }
        total += if msp_eligible(law, f, i) {
            (premium - law.p(P::part_b_standard)).pos()
        } else {
            premium
        };
    }
    total
}

/// Medicare Savings Program income test (42 U.S.C. 1396d(p), 1396a(a)(10)(E)(iv)): countable
/// income under 135% of the poverty guideline for one, or for two when married, with the SSI
/// income rules (20 CFR 416.1112, 416.1124: $20 a month general and $65 earned exclusions and
/// half the rest of earnings; 416.1163: a spouse under 65 deemed when their income exceeds
/// the couple-individual benefit difference). Resources are not inputs (taken as within the
/// limit).
fn msp_eligible<N: Num>(law: &StateLaw<N>, f: &StateFacts<N>, who: usize) -> bool {
    let people = f.on_return();
    let joint_investment = f.share(f.taxable_interest + f.ordinary_dividends + f.other_ordinary);
    let unearned =
        |p: &super::Person<N>| p.social_security + p.pensions() + p.ira_distributions + joint_investment;
    let me = &people[who];
    let (mut earned, mut other) = (me.wages, unearned(me));
    let married = people.len() == 2;
    if married {
        let spouse = &people[1 - who];
        let age = law.p(P::medicare_age);
        let spouse_income = spouse.wages + unearned(spouse);
        if reached(spouse.age, age) || spouse_income > law.p(P::ssi_deeming_threshold) {
            earned += spouse.wages;
            other += unearned(spouse);
        }
    }
    let general = law.p(P::ssi_general_exclusion);
    let general_used = general.min_of(other);
    let countable = other - general_used
        + (earned - law.p(P::ssi_earned_exclusion) - (general - general_used)).pos()
            * (N::ONE - law.p(P::ssi_earned_share_excluded));
    let fpg = if married {
        law.p(P::msp_fpg_couple)
    } else {
        law.p(P::msp_fpg_individual)
    };
    countable < fpg * law.p(P::msp_fpg_limit)
}

#[cfg(test)]
mod tests {
    use crate::num::Num;
    use crate::tax::state::testing::*;
    use rust_decimal_macros::dec;

    /// 2025 IT 1040 by hand: married filing jointly, both 66; his pension $30,000, her IRA
    /// $12,000, interest $2,000, Social Security $36,000 (his 20,000). Federal AGI: provisional
    /// income 44,000 + 18,000 = 62,000 → taxable SS min(30,600, 0.85 × 18,000 + 6,000) = 21,300;
    /// AGI 65,300 (line 1). Schedule of Adjustments: Social Security 21,300; Medicare premiums
    /// 2 × 2,220 = 4,440 are under 7.5% of AGI (4,897.50): none → Ohio AGI (line 3) 44,000.
    /// Line 4: two exemptions at 2,150 (MAGI 40,001-80,000) → taxable 39,700 (line 5). Tax:
    /// 342 + 2.75% × 13,650 = 717.38. Schedule of Credits: retirement income credit (Table 2,
    /// over $8,000) 200, senior citizen 50, exemption credit none (over 30,000); joint filing
    /// credit (both spouses with qualifying income of $500+) 15% × 467.38 = 70.11 → 397.27.
    #[test]
    fn it_1040_couple_with_credits() {
        let f = couple(
            (66, 66),
            |h| {
                h.private_pension = dec!(30000);
                h.social_security = dec!(20000);
            },
            |s| {
                s.ira_distributions = dec!(12000);
                s.social_security = dec!(16000);
            },
        )
        .with(|f| f.taxable_interest = dec!(2000));
        let (fed, s) = compute("OH", 2025, &f);
        assert_eq!(fed.agi, dec!(65300));
        assert_eq!(s.agi, dec!(44000));
        assert_eq!(s.exemptions, dec!(4300));
        assert_eq!(s.taxable_income, dec!(39700));
        assert_eq!(s.tax_before_credits.round_cents(), dec!(717.38));
        assert_eq!(s.tax.round_cents(), dec!(397.27));
    }

    /// Line 44 worksheet: single, 70, pension $3,000, IRA $5,000, interest $500, Social
    /// Security $14,000. Federal AGI 8,500 (provisional income 15,500: no taxable SS). The
    /// Medicare Savings Program does not pay her premium (countable income 22,500 − 240 =
    /// 22,260, not under 135% × 15,650 = 21,127.50), so the Part B premium 2,220 less 7.5% ×
    /// 8,500 = 637.50 is deducted: Ohio AGI 6,917.50; one exemption 2,400 → taxable 4,517.50,
    /// under 26,050: no tax.
    #[test]
    fn medicare_premiums_above_the_floor_are_deducted() {
        let f = single(70, |p| {
            p.private_pension = dec!(3000);
            p.ira_distributions = dec!(5000);
            p.social_security = dec!(14000);
        })
        .with(|f| f.taxable_interest = dec!(500));
        let (_, s) = compute("OH", 2025, &f);
        assert_eq!(s.agi, dec!(6917.50));
        assert_eq!(s.taxable_income, dec!(4517.50));
        assert_eq!(s.tax, dec!(0));
        // with $2,000 less Social Security (countable 20,260) the program pays the premium:
        // nothing deducted
        let f = f.with(|f| f.people[0].social_security = dec!(12000));
        assert_eq!(compute("OH", 2025, &f).1.agi, dec!(8500));
    }
}
