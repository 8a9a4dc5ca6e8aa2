//! Arkansas (Form AR1000F): its own gross income without Social Security, half of net capital
//! gains exempt, $6,000 of each person's retirement income exempt, a small standard deduction,
//! the Regular Income Tax Table (or the low income table), the choice of filing separately on
//! the same return for couples, and the personal and qualified-individual credits.

use super::common::reached;
use super::{Person, StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::Filing;
use crate::tax::federal::TaxBreakdown;

names!(P: retirement_cap, ira_age, gain_exempt_rate, gain_exempt_cap, loss_cap,
    high_income_threshold, table_threshold, table_band, table_offset_from, low_income_limit,
    personal_credit, aged_age, qualified_credit_max, qualified_credit_start,
    qualified_credit_step, qualified_credit_per_step);
names!(T: card_reduction, high_income_rates, high_income_adjustment, low_income);

/// Form AR1000D: a person's taxable gain or loss from their long- and short-term gains. Half the
/// net capital gain (long-term gain less short-term loss) is exempt, and all of it above the
/// cap; a short-term gain counts in full; a net loss counts down to the loss limit.
fn taxable_gains<N: Num>(law: &StateLaw<N>, long: N, short: N, loss_cap: N) -> N {
    let net = (long - (N::ZERO - short).pos()).min_of(law.p(P::gain_exempt_cap));
    let taxed = if net > N::ZERO {
        net * (N::ONE - law.p(P::gain_exempt_rate))
    } else {
        net
    };
    (taxed + short.pos()).max_of(N::ZERO - loss_cap)
}

/// The tax formula on net taxable income: where a DFA card is published, its rate times the
/// income less its reduction; otherwise the statute's table A (marginal rates) up to the
/// high-income threshold, and above it table B on all the income less the row's adjustment.
fn formula<N: Num>(law: &StateLaw<N>, x: N) -> N {
    let card = law.table(T::card_reduction, Filing::Single);
    let schedule = law.schedule(Filing::Single);
    if !card.thresholds.is_empty() {
        schedule.rate(x) * x - card.step(x)
    } else if x <= law.p(P::high_income_threshold) {
        schedule.tax(x)
    } else {
        law.table(T::high_income_rates, Filing::Single).tax(x)
            - law
                .table(T::high_income_adjustment, Filing::Single)
                .step_over(x)
    }
}

/// The Regular Income Tax Table: below its threshold the tax of the $100 row the income falls
/// in, computed at the row's whole-dollar midpoint and rounded to the dollar (rows start a
/// dollar above the hundred from $75,001); above it the formula on the exact income.
fn regular_tax<N: Num>(law: &StateLaw<N>, x: N) -> N {
    if x >= law.p(P::table_threshold) {
        return formula(law, x).pos();
    }
    let band = law.p(P::table_band);
    let offset = if x >= law.p(P::table_offset_from) {
        N::ONE
    } else {
        N::ZERO
    };
    let start = ((x - offset) / band).floor_whole() * band + offset;
    let mid = start + (band - N::ONE) * N::HALF;
    (formula(law, mid) + N::HALF).floor_whole().pos()
}

/// The Additional Tax Credit for Qualified Individuals: the most less a fixed sum per step (or
/// part) of net taxable income over the start, scaled for a joint return.
fn qualified_credit<N: Num>(law: &StateLaw<N>, income: N, multiplier: N) -> N {
    let over = (income - law.p(P::qualified_credit_start)).pos();
    let steps = (over / law.p(P::qualified_credit_step)).ceil_whole();
    (law.p(P::qualified_credit_max) - steps * law.p(P::qualified_credit_per_step)).pos() * multiplier
}

/// One spouse's column of the return.
struct Column<N> {
    /// Gross income less the retirement exemption, on the separate column and the joint one
    /// (they differ only in the capital loss limit).
    separate_total: N,
    joint_total: N,
    exemption: N,
    claims_exemption: bool,
}

fn column<N: Num>(law: &StateLaw<N>, f: &StateFacts<N>, p: &Person<N>) -> Column<N> {
    let fs = f.filing;
    // Item 12 of the exempt income list: employer pensions at any age, IRA money from 59½.
    let mut eligible = p.pensions();
    if reached(p.age, law.p(P::ira_age)) {
        eligible += p.ira_distributions + p.roth_conversions;
    }
    let exemption = eligible.min_of(law.p(P::retirement_cap));
    let own = p.wages
        + p.retirement()
        + f.share(f.taxable_interest + f.ordinary_dividends + f.other_ordinary);
    let long = f.share(f.long_term_gains);
    let short = f.share(f.short_term_gains);
    let separate_status = if fs == Filing::Mfj { Filing::Mfs } else { fs };
    let separate_gains = taxable_gains(law, long, short, law.pf(P::loss_cap, separate_status));
    let joint_gains = taxable_gains(law, long, short, law.pf(P::loss_cap, fs));
    Column {
        separate_total: own + separate_gains - exemption,
        joint_total: own + joint_gains - exemption,
        exemption,
        claims_exemption: eligible > N::ZERO,
    }
}

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    let people = f.on_return();
    let separate_status = if fs == Filing::Mfj { Filing::Mfs } else { fs };
    let joint_multiplier = if fs == Filing::Mfj { N::from_i64(2) } else { N::ONE };

    // Both columns of a joint return (one for everyone else).
    let mut joint_agi = N::ZERO;
    let mut separate_agi = N::ZERO;
    let mut separate_taxable = N::ZERO;
    let mut separate_tax = N::ZERO;
    let mut separate_credit = N::ZERO;
    let mut exemptions = N::ZERO;
    let mut negative = false;
    let mut credits_count = N::ZERO;
    let aged_age = law.p(P::aged_age);
    for p in people {
        let c = column(law, f, p);
        joint_agi += c.joint_total;
        negative |= c.separate_total < N::ZERO;
        let agi = c.separate_total.pos();
        separate_agi += agi;
        let taxable = (agi - law.standard[separate_status.index()]).pos();
        separate_taxable += taxable;
        separate_tax += regular_tax(law, taxable);
        separate_credit += qualified_credit(law, taxable, N::ONE);
        exemptions += c.exemption;
        // Lines 7A/7B: one credit each, one more at 65, and the "65 special" for a person who
        // claims no retirement exemption.
        credits_count += N::ONE;
        if reached(p.age, aged_age) {
            credits_count += N::ONE;
            if !c.claims_exemption {
                credits_count += N::ONE;
            }
        }
    }
    if fs == Filing::Hoh {
        credits_count += N::ONE;
    }

    // The joint column: the regular table, or the low income table where it gives less (its
    // standard deduction is built in, so net taxable income is then AGI).
    let joint_taxable = (joint_agi - law.standard[fs.index()]).pos();
    let mut joint_tax = regular_tax(law, joint_taxable);
    let mut joint_net_taxable = joint_taxable;
    let low = law.table(T::low_income, fs);
    let base = joint_agi.pos();
    if !low.thresholds.is_empty() && base <= law.pf(P::low_income_limit, fs) {
        let low_tax = low.step_over(base);
        if joint_tax > low_tax {
            joint_tax = low_tax;
            joint_net_taxable = base;
        }
    }
    let joint_credit = qualified_credit(law, joint_net_taxable, joint_multiplier);

    // Filing status 4: a married couple may file separately on the same return when that costs
    // less after the qualified-individual credit, unless either spouse's total income is
    // negative.
    let married = matches!(fs, Filing::Mfj | Filing::Mfs);
    let separately =
        married && !negative && separate_tax - separate_credit < joint_tax - joint_credit;
    let (taxable_income, tax, qualified) = if separately {
        (separate_taxable, separate_tax, separate_credit)
    } else {
        (joint_taxable, joint_tax, joint_credit)
    };
    let total_income = if separately {
        separate_agi
    } else {
        joint_agi
    };
    let gross = total_income + exemptions;
    let deductions = if separately {
        law.standard[separate_status.index()] * N::from_i64(people.len() as i64)
    } else {
        law.standard[fs.index()]
    };
    let personal = credits_count * law.p(P::personal_credit);
    let mut b = StateBreakdown {
        additions: gross - fed.agi + fed.taxable_social_security,
        subtractions: fed.taxable_social_security + exemptions,
        // what the reference reports: the larger of the two columns' totals
        agi: separate_agi.max_of(joint_agi),
        deductions,
        taxable_income,
        tax_before_credits: tax,
        ..StateBreakdown::zero(law.state, fed)
    };
    b.apply_credits(&[
        ("Personal tax credits", personal),
        ("Additional tax credit for qualified individuals", qualified),
    ]);
    b
}

#[cfg(test)]
mod tests {
    use crate::tax::state::testing::*;
    use rust_decimal_macros::dec;

    /// 2025 Form AR1000F by hand: single, 67, IRA $30,000, interest $5,000, long-term gain
    /// $4,000, Social Security $24,000. Lines 8-22 gross income: interest 5,000, AR1000D gain
    /// 4,000 × 50% = 2,000, IRA 30,000 less the $6,000 exemption (line 18) → 31,000 (Social
    /// Security is not Arkansas income). Standard deduction 2,470 → net taxable income 28,530,
    /// the Regular Income Tax Table row 28,500–28,599 (midpoint 28,549.50): 3.9% × 28,549.50 −
    /// 419.96 = 693.47 → 693. Personal credits (line 7A): self 29 + 65-or-older 29 = 58 (she
    /// claims the pension exemption, so no "65 special"). Additional Tax Credit for Qualified
    /// Individuals: 28,530 is 21 steps (or part) of $100 over 26,500 → 60 − 105 < 0 → 0.
    /// Tax 693 − 58 = 635.
    #[test]
    fn ar1000f_single_retiree() {
        let f = single(67, |p| {
            p.ira_distributions = dec!(30000);
            p.social_security = dec!(24000);
        })
        .with(|f| {
            f.taxable_interest = dec!(5000);
            f.long_term_gains = dec!(4000);
        });
        let (_, s) = compute("AR", 2025, &f);
        assert_eq!(s.agi, dec!(31000));
        assert_eq!(s.taxable_income, dec!(28530));
        assert_eq!(s.tax_before_credits, dec!(693));
        assert_eq!(s.tax, dec!(635));
    }
}
