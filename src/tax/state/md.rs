//! Maryland (Form 502, state tax only): federal AGI less Social Security, the pension
//! exclusion from 65, the two-income subtraction; the flat standard deduction and exemptions
//! by federal AGI; the rate schedule and the capital gains surtax; the earned income, poverty
//! line and senior tax credits.

use super::common::{childless_eitc, reached};
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::Filing;
use crate::tax::federal::TaxBreakdown;

names!(P: pension_age, pension_cap, centenarian_age, centenarian_subtraction, two_income_cap,
    aged_exemption, aged_age, gain_surtax_rate, gain_surtax_agi, senior_credit_one,
    senior_credit_two, senior_credit_limit, eitc_married_share, eitc_unmarried_share,
    poverty_credit_rate, poverty_first, poverty_additional, eitc_max, eitc_rate,
    eitc_phaseout_start, eitc_investment_limit, eitc_min_age, eitc_max_age);
names!(T: personal_exemption);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    let people = f.on_return();
    let benefits = f.total(|p| p.social_security);
    let joint = f.share(f.taxable_interest + f.ordinary_dividends + f.other_ordinary);
    let gains = f.share(f.long_term_gains + f.short_term_gains).pos();
    // Per person: gross income (for the two-income split) and own subtractions.
    let mut gross = [N::ZERO; 2];
    let mut own_subtractions = [N::ZERO; 2];
    let mut pensions = N::ZERO;
    let mut centenarian = N::ZERO;
    for (i, p) in people.iter().enumerate() {
        let spouse_share = if people.len() == 2 && benefits > N::ZERO {
            people[1].social_security / benefits
        } else {
            N::ZERO
        };
        let share = if i == 0 { N::ONE - spouse_share } else { spouse_share };
        let taxable_ss = share * fed.taxable_social_security;
        gross[i] = p.wages + p.retirement() + joint + gains + taxable_ss;
        // Worksheet 13a: employer pensions from 65, up to the cap less own Social Security.
        let pension = if reached(p.age, law.p(P::pension_age)) {
            p.pensions()
                .min_of((law.p(P::pension_cap) - p.social_security).pos())
        } else {
            N::ZERO
        };
        pensions += pension;
        own_subtractions[i] = pension + taxable_ss;
        if reached(p.age, law.p(P::centenarian_age)) {
            centenarian += law.p(P::centenarian_subtraction);
        }
    }
    // Worksheet 13d: the smaller spouse's income after subtractions, up to $1,200.
    let two_income = if fs == Filing::Mfj {
        let couple = gross[0] + gross[1];
        let head_share = if couple > N::ZERO {
            gross[0] / couple
        } else {
            N::ONE
        };
        let head = head_share * fed.agi - own_subtractions[0] - N::HALF * centenarian;
        let spouse = (N::ONE - head_share) * fed.agi - own_subtractions[1] - N::HALF * centenarian;
        head.min_of(spouse).min_of(law.p(P::two_income_cap)).pos()
    } else {
        N::ZERO
    };
    let subtractions = fed.taxable_social_security + pensions + two_income + centenarian;
    let agi = (fed.agi - subtractions).pos();
    let deductions = law.standard[fs.index()];
    let aged = people
        .iter()
        .filter(|p| reached(p.age, law.p(P::aged_age)))
        .count() as i64;
    let exemptions = law.table(T::personal_exemption, fs).step_over(fed.agi)
        * N::from_i64(people.len() as i64)
        + law.p(P::aged_exemption) * N::from_i64(aged + i64::from(f.blind.min(2)));
    let taxable_income = (agi - deductions - exemptions).pos();
    let mut tax = law.schedule(fs).tax(taxable_income);
    if agi > law.p(P::gain_surtax_agi) {
        tax += law.p(P::gain_surtax_rate) * (f.long_term_gains + f.short_term_gains).pos();
    }
    // Earned income credit: half the federal credit (no minimum age) for married filers, up
    // to the tax; all of it for the unmarried without children.
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
    let married = matches!(fs, Filing::Mfj | Filing::Mfs);
    let married_eitc = if married {
        (law.p(P::eitc_married_share) * eitc).min_of(tax)
    } else {
        N::ZERO
    };
    let md_eitc = if married {
        married_eitc
    } else {
        law.p(P::eitc_unmarried_share) * eitc
    };
    // Poverty line credit: 5% of earnings for income and earnings under the guideline.
    let earnings = f.total(|p| p.wages);
    let poverty = law.p(P::poverty_first)
        + law.p(P::poverty_additional) * N::from_i64(people.len() as i64 - 1);
    let poverty_credit = if fed.agi <= poverty && earnings <= poverty && married_eitc < tax {
        (tax - married_eitc).min_of(law.p(P::poverty_credit_rate) * earnings)
    } else {
        N::ZERO
    };
    // Senior tax credit.
    let senior = if aged > 0 && fed.agi < law.pf(P::senior_credit_limit, fs) {
        if fs == Filing::Mfj && aged == 2 {
            law.p(P::senior_credit_two)
        } else {
            law.pf(P::senior_credit_one, fs)
        }
    } else {
        N::ZERO
    };
    let mut b = StateBreakdown {
        subtractions,
        agi,
        deductions,
        exemptions,
        taxable_income,
        tax_before_credits: tax,
        ..StateBreakdown::zero(law.state, fed)
    };
    b.apply_credits(&[
        ("Earned income credit", md_eitc),
        ("Poverty line credit", poverty_credit),
        ("Senior tax credit", senior),
    ]);
    b
}

#[cfg(test)]
mod tests {
    use crate::tax::state::testing::*;
    use rust_decimal_macros::dec;

    /// 2025 Form 502 by hand: single, 67, pension $30,000, IRA $20,000, interest $5,000,
    /// Social Security $24,000. Federal: provisional income 67,000 → taxable benefits
    /// 0.85 × 33,000 + 4,500 = 32,550, capped at 20,400; AGI 75,400. Subtractions: benefits
    /// 20,400; Worksheet 13a pension exclusion min(30,000, 41,200 − 24,000) = 17,200 →
    /// Maryland AGI 37,800. Standard deduction 3,350; exemptions 3,200 + 1,000 at 65 →
    /// taxable 30,250. Tax 20 + 30 + 40 + 4.75% × 27,250 = 1,384.375. Senior tax credit
    /// (federal AGI under $100,000) 1,000 → 384.38.
    #[test]
    fn form_502_single_retiree() {
        let f = single(67, |p| {
            p.private_pension = dec!(30000);
            p.ira_distributions = dec!(20000);
            p.social_security = dec!(24000);
        })
        .with(|f| f.taxable_interest = dec!(5000));
        let (fed, s) = compute("MD", 2025, &f);
        assert_eq!(fed.agi, dec!(75400));
        assert_eq!(s.agi, dec!(37800));
        assert_eq!(s.taxable_income, dec!(30250));
        assert_eq!(s.tax_before_credits, dec!(1384.375));
        assert_eq!(s.tax, dec!(384.375));
    }
}
