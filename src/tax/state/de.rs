//! Delaware (Form PIT-RES): federal AGI less Social Security and each person's pension
//! exclusion (all retirement and investment income up to $12,500 from 60), the exclusion for
//! low-income people 60 or over, the standard deduction with its age addition, one rate
//! schedule, the personal and aged credits and the earned income credit, and for a married
//! couple the choice of filing separately on the same form.

use super::common::{childless_eitc, reached};
use super::{Credit, Person, StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::Filing;
use crate::tax::federal::TaxBreakdown;

names!(P: additional_standard, additional_age, pension_age, pension_cap_younger,
    pension_cap_older, elderly_exclusion, elderly_age, elderly_earned_limit,
    elderly_income_limit, personal_credit, aged_credit, aged_credit_age,
    eitc_non_refundable_share, eitc_refundable_share, eitc_max, eitc_rate,
    eitc_phaseout_start, eitc_investment_limit, eitc_min_age, eitc_max_age);
names!(T);

/// One spouse's column before the low-income exclusion.
#[derive(Clone, Copy)]
struct Column<N> {
    /// Line 10: federal AGI less Social Security and the pension exclusion.
    income: N,
    wages: N,
    age: u32,
    /// The standard deduction's addition for age (and blindness).
    additional: N,
    /// The personal and the aged credit.
    credits: N,
}

fn column<N: Num>(law: &StateLaw<N>, f: &StateFacts<N>, fed: &TaxBreakdown<N>, p: &Person<N>) -> Column<N> {
    let investment = f.share(
        f.taxable_interest + f.ordinary_dividends + f.other_ordinary + fed.capital_gain_in_agi,
    );
    // Line 6, pension exclusion: from 60 all retirement and investment income counts toward
    // the larger cap; before 60 only employer pensions, toward the smaller.
    let exclusion = if reached(p.age, law.p(P::pension_age)) {
        (p.retirement() + investment).pos().min_of(law.p(P::pension_cap_older))
    } else {
        p.pensions().min_of(law.p(P::pension_cap_younger))
    };
    let aged = reached(p.age, law.p(P::additional_age));
    let mut credits = law.p(P::personal_credit);
    if reached(p.age, law.p(P::aged_credit_age)) {
        credits += law.p(P::aged_credit);
    }
    Column {
        income: p.wages + p.retirement() + investment - exclusion,
        wages: p.wages,
        age: p.age,
        additional: if aged { law.p(P::additional_standard) } else { N::ZERO },
        credits,
    }
}

/// Line 11: the exclusion for a person 60 or over with little earned income and income.
fn elderly_eligible<N: Num>(law: &StateLaw<N>, fs: Filing, c: &Column<N>) -> bool {
    reached(c.age, law.p(P::elderly_age))
        && c.wages < law.pf(P::elderly_earned_limit, fs)
        && c.income <= law.pf(P::elderly_income_limit, fs)
}

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    let joint_return = fs == Filing::Mfj;
    let separate_status = if joint_return { Filing::Mfs } else { fs };
    let schedule = law.schedule(fs);
    let mut cols = [column(law, f, fed, &f.people[0]); 2];
    if joint_return {
        cols[1] = column(law, f, fed, &f.people[1]);
    }
    let cols = &cols[..f.on_return().len()];
    let amount = law.p(P::elderly_exclusion);

    // The joint column: a couple qualifies for the exclusion together (both 60 or over,
    // combined earned income and income under the joint limits).
    let joint_elderly = if joint_return {
        let wages = cols[0].wages + cols[1].wages;
        let income = cols[0].income + cols[1].income;
        let both = cols.iter().all(|c| reached(c.age, law.p(P::elderly_age)));
        if both
            && wages < law.pf(P::elderly_earned_limit, fs)
            && income <= law.pf(P::elderly_income_limit, fs)
        {
            amount * N::from_i64(2)
        } else {
            N::ZERO
        }
    } else if elderly_eligible(law, fs, &cols[0]) {
        amount
    } else {
        N::ZERO
    };
    let mut joint_income = N::ZERO;
    let mut additional = N::ZERO;
    let mut personal = N::ZERO;
    for c in cols {
        joint_income += c.income;
        additional += c.additional;
        personal += c.credits;
    }
    let joint_agi = (joint_income - joint_elderly).pos();
    let joint_deduction = law.standard[fs.index()] + additional;
    let joint_taxable = (joint_agi - joint_deduction).pos();
    let joint_tax = schedule.tax(joint_taxable);

    // Filing status 4: each spouse's own column, exclusion and deduction.
    let mut separate_agi = N::ZERO;
    let mut separate_taxable = [N::ZERO; 2];
    let mut separate_tax = [N::ZERO; 2];
    for (i, c) in cols.iter().enumerate() {
        let elderly = if elderly_eligible(law, separate_status, c) {
            amount
        } else {
            N::ZERO
        };
        let agi = (c.income - elderly).pos();
        separate_agi += agi;
        separate_taxable[i] =
            (agi - law.standard[separate_status.index()] - c.additional).pos();
        separate_tax[i] = schedule.tax(separate_taxable[i]);
    }

    let eitc = childless_eitc(
        f,
        fed.agi,
        f.taxable_interest + f.tax_exempt_interest + f.ordinary_dividends + fed.capital_gain_in_agi.pos(),
        law.p(P::eitc_max),
        law.p(P::eitc_rate),
        law.pf(P::eitc_phaseout_start, fs),
        law.p(P::eitc_investment_limit),
        (law.p(P::eitc_min_age), law.p(P::eitc_max_age)),
    );
    // The return with the earned income credit claimed one way or the other: (tax after
    // non-refundable credits, the personal credits and the earned income credit taken from
    // it, the refundable credit, files separately).
    let outcome = |refundable: bool| {
        let non_refundable = if refundable {
            N::ZERO
        } else {
            law.p(P::eitc_non_refundable_share) * eitc
        };
        // lines 27a-32 on the joint column, in order: personal, aged, earned income credit
        let personal_used = personal.min_of(joint_tax);
        let eitc_used = non_refundable.min_of(joint_tax - personal_used);
        let joint = joint_tax - personal_used - eitc_used;
        let mut result = (joint, personal_used, eitc_used, false);
        if joint_return {
            // each column takes its own credits; the earned income credit goes to the
            // spouse with the larger taxable income
            let higher = if separate_taxable[0] >= separate_taxable[1] { 0 } else { 1 };
            let mut separate = N::ZERO;
            let mut credits = N::ZERO;
            let mut eitc_sep = N::ZERO;
            for (i, (c, t)) in cols.iter().zip(separate_tax).enumerate() {
                // line 33: the column's tax less its own credits
                let own = t - c.credits.min_of(t);
                credits += t - own;
                let e = if i == higher { eitc_used.min_of(own) } else { N::ZERO };
                eitc_sep += e;
                separate += (own - e).pos();
            }
            if separate < joint {
                result = (separate, credits, eitc_sep, true);
            }
        }
        let refund = if refundable {
            law.p(P::eitc_refundable_share) * eitc
        } else {
            N::ZERO
        };
        (result, refund)
    };
    let (kept, refund_kept) = outcome(false);
    let (claimed, refund_claimed) = outcome(true);
    let (tax, credits, eitc_used, separately) = if claimed.0 - refund_claimed < kept.0 - refund_kept {
        claimed
    } else {
        kept
    };
    let (taxable_income, deductions, tax_before_credits) = if separately {
        (
            separate_taxable[0] + separate_taxable[1],
            law.standard[separate_status.index()] * N::from_i64(2) + additional,
            separate_tax[0] + separate_tax[1],
        )
    } else {
        (joint_taxable, joint_deduction, joint_tax)
    };
    let mut b = StateBreakdown {
        // Social Security and the pension exclusions
        subtractions: fed.agi - joint_income,
        agi: separate_agi.max_of(joint_agi),
        deductions,
        taxable_income,
        tax_before_credits,
        tax,
        ..StateBreakdown::zero(law.state, fed)
    };
    b.credits[0] = Credit {
        name: "Personal and aged credits",
        amount: credits,
    };
    b.credits[1] = Credit {
        name: "Earned income credit (non-refundable)",
        amount: eitc_used,
    };
    b
}

#[cfg(test)]
mod tests {
    use crate::tax::state::testing::*;
    use rust_decimal_macros::dec;

    /// 2025 PIT-RES by hand: single, 67, IRA $30,000, interest $5,000, Social Security
    /// $24,000. Federal AGI: provisional income 47,000 → taxable benefits 0.85 × 13,000 +
    /// 4,500 = 15,550; AGI 50,550. Line 6 pension exclusion (60 or over): IRA and interest
    /// 35,000, capped at 12,500; Social Security 15,550 subtracted → line 10 22,500. Line 11
    /// exclusion: income over $10,000 → none. Standard deduction 3,250 + 2,500 at 65 → taxable
    /// 16,750. Tax 66 + 195 + 4.8% × 6,750 = 585. Credits: personal 110 + aged 110 → 365.
    #[test]
    fn pit_res_single_retiree() {
        let f = single(67, |p| {
            p.ira_distributions = dec!(30000);
            p.social_security = dec!(24000);
        })
        .with(|f| f.taxable_interest = dec!(5000));
        let (fed, s) = compute("DE", 2025, &f);
        assert_eq!(fed.agi, dec!(50550));
        assert_eq!(s.agi, dec!(22500));
        assert_eq!(s.taxable_income, dec!(16750));
        assert_eq!(s.tax_before_credits, dec!(585));
        assert_eq!(s.tax, dec!(365));
    }
}
