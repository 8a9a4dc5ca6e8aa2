//! Pennsylvania (PA-40): the classes of income added without netting losses across them;
//! compensation with the employee's 401(k) deferrals in it (PA-40 instructions, line 1a); pensions and
//! IRA distributions exempt from 59½, Social Security and Roth conversions
//! exempt; a flat rate; tax forgiveness (Schedule SP) at low eligibility income.

use super::common::{net_gains, reached};
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::Filing;
use crate::tax::federal::TaxBreakdown;

names!(P: retirement_age, forgiveness_base, forgiveness_step, forgiveness_per_step);
names!(T);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    // PA-40 lines 1-8: compensation, interest, dividends, net gains (a net loss counts as
    // zero: no class offsets another), other income. Pensions and IRA distributions are
    // taxable only before retirement age; Social Security and Roth conversions never.
    let age = law.p(P::retirement_age);
    let retirement = f.total(|p| {
        if reached(p.age, age) {
            N::ZERO
        } else {
            p.pensions() + p.ira_distributions
        }
    });
    // Compensation includes what was deferred to a 401(k): Pennsylvania taxes it when paid in.
    let income = f.total(|p| p.wages + p.deferrals)
        + retirement
        + f.taxable_interest.pos()
        + f.ordinary_dividends.pos()
        + net_gains(f).pos()
        + f.other_ordinary.pos();
    let taxable_income = income.pos();
    let tax = law.schedule(fs).tax(taxable_income);
    // Schedule SP: eligibility income (taxable income plus tax-exempt interest) over the base
    // ($6,500 a person, both spouses' on a joint or separate return) loses 10% of the
    // forgiveness for each $250 or part of it.
    let base = if matches!(fs, Filing::Mfj | Filing::Mfs) {
        law.p(P::forgiveness_base) + law.p(P::forgiveness_base)
    } else {
        law.p(P::forgiveness_base)
    };
    let eligibility = taxable_income + f.tax_exempt_interest;
    let steps = (eligibility - base)
        .ratio(law.p(P::forgiveness_step))
        .ceil_whole();
    let share = (N::ONE - law.p(P::forgiveness_per_step) * steps).pos().min_of(N::ONE);
    let mut b = StateBreakdown {
        additions: (income - fed.agi).pos(),
        subtractions: (fed.agi - income).pos(),
        agi: taxable_income,
        taxable_income,
        tax_before_credits: tax,
        ..StateBreakdown::zero(law.state, fed)
    };
    b.apply_credits(&[("Tax forgiveness", share * tax)]);
    b
}

#[cfg(test)]
mod tests {
    use crate::num::Num;
    use crate::tax::state::testing::*;
    use rust_decimal_macros::dec;

    /// 2025 PA-40 by hand: married filing jointly, 62 and 58; his pension $20,000, her IRA
    /// $10,000, interest $3,600, his Social Security $24,000. Line 1a compensation: her IRA
    /// distribution before retirement age, 10,000 (his pension after it is not taxable; Social
    /// Security is not income); line 2 interest 3,600 → taxable income (line 11) 13,600; tax
    /// 3.07% = 417.52 (line 12). Schedule SP, married: eligibility income 13,600 is in the
    /// $13,500.01-$13,750 row → 70% forgiveness = 292.26 → 125.26 left.
    #[test]
    fn pa_40_couple_with_tax_forgiveness() {
        let f = couple(
            (62, 58),
            |h| {
                h.private_pension = dec!(20000);
                h.social_security = dec!(24000);
            },
            |s| s.ira_distributions = dec!(10000),
        )
        .with(|f| f.taxable_interest = dec!(3600));
        let (_, s) = compute("PA", 2025, &f);
        assert_eq!(s.taxable_income, dec!(13600));
        assert_eq!(s.tax_before_credits, dec!(417.5200));
        assert_eq!(s.tax.round_cents(), dec!(125.26));
        // a net capital loss does not offset the other classes
        let f = f.with(|f| f.long_term_gains = dec!(-5000));
        assert_eq!(compute("PA", 2025, &f).1.taxable_income, dec!(13600));
    }

    /// A worker of 50 paid $100,000, of which $20,000 went to a 401(k): $80,000 of federal
    /// wages, $100,000 of PA compensation, 3.07% = 3,070.
    #[test]
    fn a_401k_deferral_is_pennsylvania_compensation() {
        let f = single(50, |p| {
            p.wages = dec!(80000);
            p.deferrals = dec!(20000);
        });
        let (fed, s) = compute("PA", 2025, &f);
        assert_eq!(fed.agi, dec!(80000));
        assert_eq!(s.taxable_income, dec!(100000));
        assert_eq!(s.tax.round_cents(), dec!(3070));
    }
}
