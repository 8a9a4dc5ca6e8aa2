//! Virginia (Form 760): federal AGI less Social Security and the age deduction (income-tested
//! unless born before 1939); no tax under the filing threshold; the standard deduction and
//! exemptions (one more at 65); the rate schedule; the spouse tax adjustment on joint returns;
//! the earned income or low-income credit, non-refundable, where it beats the refundable one.

use super::common::{childless_eitc, reached};
use super::{Person, StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::Filing;
use crate::tax::federal::TaxBreakdown;

names!(P: no_tax_below, age_deduction_age, age_deduction, age_deduction_birth_year,
    age_deduction_threshold, exemption, aged_exemption, spouse_adjustment_cap,
    eitc_nonrefundable_rate, eitc_refundable_rate, low_income_credit, fpg_first, fpg_additional,
    eitc_max, eitc_phase_rate, eitc_phaseout_start, eitc_investment_limit, eitc_min_age,
    eitc_max_age);
names!(T);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    let age_deduction = age_deduction(law, f, fed);
    let subtractions = fed.taxable_social_security + age_deduction;
    let agi = fed.agi - subtractions;
    let deductions = law.standard[fs.index()];
    let aged = |p: &Person<N>| reached(p.age, law.p(P::age_deduction_age));
    let exemption = |p: &Person<N>| {
        law.p(P::exemption)
            + if aged(p) {
                law.p(P::aged_exemption)
            } else {
                N::ZERO
            }
    };
    let exemptions = f.total(exemption);
    let taxable_income = (agi - deductions - exemptions).pos();
    let schedule = law.schedule(fs);
    // Va. Code § 58.1-321 A: no tax is imposed on a filer whose Virginia AGI (Form 760 line 9,
    // after the age deduction) is under $11,950, or a couple's under $23,900 (half that on a
    // separate return); above it the whole income is taxed.
    let tax = if agi < law.pf(P::no_tax_below, fs) {
        N::ZERO
    } else {
        schedule.tax(taxable_income)
    };
    // Spouse tax adjustment (joint returns where both spouses have income after exemptions):
    // the tax saved by splitting taxable income at the smaller spouse's income, at most $259.
    let adjustment = if fs == Filing::Mfj {
        let eligible = f.on_return().iter().filter(|p| aged(p)).count();
        let age_share = age_deduction.ratio(N::from_i64(eligible.max(1) as i64));
        let joint = f.share(
            f.taxable_interest + f.ordinary_dividends + f.other_ordinary + fed.capital_gain_in_agi,
        );
        let own = |p: &Person<N>| {
            let age_part = if aged(p) { age_share } else { N::ZERO };
            (p.wages + p.retirement() + joint - age_part - exemption(p)).pos()
        };
        let smaller = own(&f.people[0]).min_of(own(&f.people[1]));
        if smaller > N::ZERO {
            let half = taxable_income * N::HALF;
            let reduced = (taxable_income - smaller).pos();
            let split = schedule.tax(smaller).min_of(schedule.tax(half))
                + schedule.tax(reduced).max_of(schedule.tax(half));
            (tax - split).pos().min_of(law.p(P::spouse_adjustment_cap))
        } else {
            N::ZERO
        }
    } else {
        N::ZERO
    };
    // Schedule ADJ: the non-refundable credit is the larger of 20% of the federal earned
    // income credit and the low-income credit ($300 per person, Virginia AGI at most the
    // poverty guideline, none with an age deduction or exemption); a filer takes the
    // refundable 20% instead when that leaves less to pay.
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
    let people = f.on_return().len() as i64;
    let poverty = law.p(P::fpg_first) + N::from_i64(people - 1) * law.p(P::fpg_additional);
    let low_income = if !f.on_return().iter().any(aged) && agi <= poverty {
        N::from_i64(people) * law.p(P::low_income_credit)
    } else {
        N::ZERO
    };
    let nonrefundable = (law.p(P::eitc_nonrefundable_rate) * eitc).max_of(low_income);
    let with_nonrefundable = (tax - nonrefundable.min_of(tax) - adjustment).pos();
    let with_refundable = (tax - adjustment).pos() - law.p(P::eitc_refundable_rate) * eitc;
    let credit = if with_refundable < with_nonrefundable {
        N::ZERO
    } else {
        nonrefundable
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
        ("Earned income or low-income credit", credit),
        ("Spouse tax adjustment", adjustment),
    ]);
    b
}

/// Va. Code § 58.1-322.03(5), age deduction: $12,000 for each person 65 or over; in full for
/// those born before 1939, for the others less a dollar for each dollar of federal AGI
/// without taxable Social Security over $50,000 ($75,000 married).
fn age_deduction<N: Num>(law: &StateLaw<N>, f: &StateFacts<N>, fed: &TaxBreakdown<N>) -> N {
    let amount = law.p(P::age_deduction);
    let year = i64::from(law.year);
    let (mut full, mut tested) = (0, 0);
    for p in f.on_return() {
        if !reached(p.age, law.p(P::age_deduction_age)) {
            continue;
        }
        if N::from_i64(year - i64::from(p.age)) < law.p(P::age_deduction_birth_year) {
            full += 1;
        } else {
            tested += 1;
        }
    }
    let excess = (fed.agi - fed.taxable_social_security - law.pf(P::age_deduction_threshold, f.filing))
        .pos();
    N::from_i64(full) * amount + (N::from_i64(tested) * amount - excess).pos()
}

#[cfg(test)]
mod tests {
    use crate::tax::state::testing::*;
    use rust_decimal_macros::dec;

    /// 2025 Form 760 by hand (amounts by the Tax Rate Schedule, which the booklet's table
    /// follows in $50 bands): married filing jointly, 66 and 60; his pension $20,000, IRA
    /// $15,000 and Social Security $30,000, her IRA $25,000, interest $3,000. Federal AGI:
    /// provisional income 78,000 → taxable SS min(25,500, 0.85 × 34,000 + 6,000) = 25,500;
    /// AGI 88,500. Subtractions: Social Security 25,500; age deduction (born 1959, income
    /// tested) 12,000, AGI less Social Security 63,000 being under 75,000 → Virginia AGI
    /// 51,000. Standard deduction 17,500, exemptions 2 × 930 + 800 → taxable 30,840; tax is
    /// 720 plus 5.75% × 13,840, 1,515.80. Spouse tax adjustment: his 35,000 + 1,500 less
    /// 12,000 and 1,730 is 22,770, hers 25,000 + 1,500 − 930 = 25,570; the tax on half
    /// (15,420) is 641, twice 1,282 → adjustment 233.80 (cap 259). Tax 1,282.00.
    #[test]
    fn form_760_couple_with_spouse_tax_adjustment() {
        let f = couple(
            (66, 60),
            |h| {
                h.private_pension = dec!(20000);
                h.ira_distributions = dec!(15000);
                h.social_security = dec!(30000);
            },
            |s| s.ira_distributions = dec!(25000),
        )
        .with(|f| f.taxable_interest = dec!(3000));
        let (fed, s) = compute("VA", 2025, &f);
        assert_eq!(fed.agi, dec!(88500));
        assert_eq!(s.agi, dec!(51000));
        assert_eq!(s.taxable_income, dec!(30840));
        assert_eq!(s.tax_before_credits, dec!(1515.80));
        assert_eq!(s.credits[1].amount, dec!(233.80));
        assert_eq!(s.tax, dec!(1282.00));
    }

    /// Va. Code § 58.1-321 A: a couple (60 and 56, no age deduction) with IRA money and $1,000
    /// of interest. At $23,000 of Virginia AGI, under the $23,900 threshold, no tax, though
    /// taxable income is 23,000 − 17,500 − 2 × 930 = 3,640 (and their AGI is over the 2025
    /// poverty guideline of 21,150, so no low-income credit). At $24,000 the whole taxable
    /// income of 4,640 is taxed: 60 + 3% × 1,640 = 109.20.
    #[test]
    fn no_tax_under_the_filing_threshold() {
        let at = |ira: rust_decimal::Decimal| {
            let f = couple((60, 56), |h| h.ira_distributions = ira, |_| {})
                .with(|f| f.taxable_interest = dec!(1000));
            compute("VA", 2025, &f).1
        };
        let under = at(dec!(22000));
        assert_eq!(under.agi, dec!(23000));
        assert_eq!(under.taxable_income, dec!(3640));
        assert_eq!(under.tax, dec!(0));
        let over = at(dec!(23000));
        assert_eq!(over.agi, dec!(24000));
        assert_eq!(over.taxable_income, dec!(4640));
        assert_eq!(over.tax, dec!(109.20));
    }
}
