//! Massachusetts (Form 1): income in three parts — Part A (dividends, short-term gains),
//! Part B (wages, pensions, IRA money, interest) and Part C (long-term gains) — without Social
//! Security or government pensions; capital losses against dividends; the exemptions used
//! against Part B first; 5% (8.5% on short-term gains), the 4% surtax; the no-tax threshold
//! and the limited income credit.

use super::common::reached;
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::Filing;
use crate::tax::federal::TaxBreakdown;

names!(P: part_a_gain_rate, rate, loss_against_dividends, fica_rate, fica_cap,
    personal_exemption, aged_exemption, aged_age, no_tax_threshold, limited_credit_ratio,
    limited_credit_rate);
names!(T: surtax);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    let dividends = f.ordinary_dividends;
    let short = f.short_term_gains;
    let long = f.long_term_gains;
    let short_gain = short.pos();
    let short_loss = (N::ZERO - short).pos();
    let long_loss = (N::ZERO - long).pos();
    // Schedule B: short-term, then long-term losses offset up to $2,000 of dividends;
    // long-term losses offset short-term gains.
    let cap = law.p(P::loss_against_dividends);
    let short_against_dividends = short_loss.min_of(dividends).min_of(cap);
    let long_against_dividends = (dividends.min_of(cap) - short_against_dividends)
        .pos()
        .min_of((long_loss - short_gain).pos());
    let long_against_short = long_loss.min_of(short_gain);
    let part_a = (dividends + short_gain
        - short_against_dividends
        - long_against_dividends
        - long_against_short)
        .pos();
    let part_a_dividends = (dividends - short_against_dividends - long_against_dividends).pos();
    let part_c = (long - (short_loss - short_against_dividends)).pos();
    // Part B: everything else federal gross income holds, less Social Security and
    // government pensions.
    let part_b = f.total(|p| p.wages + p.private_pension + p.ira_distributions + p.roth_conversions)
        + f.taxable_interest
        + f.other_ordinary;
    let agi = part_a + part_b + part_c;
    // Line 11: each person's Social Security and Medicare tax, up to the cap.
    let fica = f.total(|p| (law.p(P::fica_rate) * p.wages).min_of(law.p(P::fica_cap)));
    let before = (part_b - fica).pos();
    let aged = i64::from(f.count(|p| reached(p.age, law.p(P::aged_age))));
    let exemptions =
        law.pf(P::personal_exemption, fs) + N::from_i64(aged) * law.p(P::aged_exemption);
    // Exemptions left over from Part B go against Part A dividends, then Part A gains, then
    // Part C.
    let taxable_b = (before - exemptions).pos();
    let left = (exemptions - before).pos();
    let taxable_dividends = (part_a_dividends - left).pos();
    let left = (left - part_a_dividends).pos();
    let part_a_gains = part_a - part_a_dividends;
    let taxable_gains = (part_a_gains - left).pos();
    let left = (left - part_a_gains).pos();
    let taxable_c = (part_c - left).pos();
    let taxable_income = taxable_dividends + taxable_gains + taxable_b + taxable_c;
    let rate = law.p(P::rate);
    let mut tax = rate * (taxable_dividends + taxable_b + taxable_c)
        + law.p(P::part_a_gain_rate) * taxable_gains
        + law.table(T::surtax, Filing::Single).tax(taxable_income);
    let threshold = law.pf(P::no_tax_threshold, fs);
    if agi <= threshold {
        tax = N::ZERO;
    }
    // Limited income credit: the tax is no more than 10% of AGI over the threshold, for AGI
    // up to 1.75 times it (not for separate returns).
    let credit = if threshold > N::ZERO && agi <= law.p(P::limited_credit_ratio) * threshold {
        (tax - law.p(P::limited_credit_rate) * (agi - threshold).pos()).pos()
    } else {
        N::ZERO
    };
    let mut b = StateBreakdown {
        subtractions: fed.taxable_social_security + f.total(|p| p.government_pension),
        agi,
        deductions: fica,
        exemptions,
        taxable_income,
        tax_before_credits: tax,
        ..StateBreakdown::zero(law.state, fed)
    };
    b.apply_credits(&[("Limited income credit", credit)]);
    b
}

#[cfg(test)]
mod tests {
    use crate::tax::state::testing::*;
    use rust_decimal_macros::dec;

    /// 2025 Form 1 by hand: single, 67, IRA $30,000, interest $5,000, dividends $3,000, a
    /// short-term loss of $1,000 and a long-term gain of $4,000, Social Security $24,000.
    /// Schedule B: the short-term loss offsets $1,000 of dividends → Part A 2,000 (all
    /// dividends). Part B: IRA and interest 35,000 (no Social Security). Part C: 4,000.
    /// Massachusetts AGI 41,000. Exemptions 4,400 + 700 at 65 = 5,100 against Part B →
    /// 29,900. Tax 5% × (2,000 + 29,900 + 4,000) = 1,795.
    #[test]
    fn form_1_three_parts() {
        let f = single(67, |p| {
            p.ira_distributions = dec!(30000);
            p.social_security = dec!(24000);
        })
        .with(|f| {
            f.taxable_interest = dec!(5000);
            f.ordinary_dividends = dec!(3000);
            f.short_term_gains = dec!(-1000);
            f.long_term_gains = dec!(4000);
        });
        let (_, s) = compute("MA", 2025, &f);
        assert_eq!(s.agi, dec!(41000));
        assert_eq!(s.taxable_income, dec!(35900));
        assert_eq!(s.tax, dec!(1795));
    }
}
