//! Vermont (IN-111): federal AGI plus tax-exempt interest, less the capital gains exclusion
//! and the Social Security exemption (full below the income band, partial within it); the
//! standard deduction with its age additions and exemptions; the rate schedule, or the minimum
//! tax on federal AGI over $150,000 when larger.

use super::common::reached;
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::federal::TaxBreakdown;

names!(P: ss_band_start, ss_band_end, ss_band_step, gain_flat_cap, gain_income_share,
    aged_age, aged_addition, exemption);
names!(T: minimum_tax_rate);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    // Schedule IN-112 additions: interest on non-Vermont state and local bonds.
    let additions = f.tax_exempt_interest;
    // Schedule IN-153 capital gains exclusion (the flat one: the 40% one needs assets held 3+
    // years and is not an input): net capital gain up to $5,000, at most 40% of federal
    // taxable income.
    let gain = (f.long_term_gains + f.short_term_gains.min_of(N::ZERO)).pos();
    let gains = gain
        .min_of(law.p(P::gain_flat_cap))
        .min_of(law.p(P::gain_income_share) * fed.taxable_income);
    // Schedule IN-112 part III, Social Security exemption: all the taxable benefits below the
    // band start, none from its end, within it a share of (end − AGI) / 10,000 rounded to the
    // hundredth.
    let start = law.pf(P::ss_band_start, fs);
    let end = law.pf(P::ss_band_end, fs);
    let ss = fed.taxable_social_security;
    let social_security = if fed.agi >= end || ss <= N::ZERO {
        N::ZERO
    } else if fed.agi < start {
        ss
    } else {
        // the worksheet's share, rounded to two decimals
        let share = (end - fed.agi)
            .pos()
            .ratio(law.p(P::ss_band_step))
            .round_cents();
        ss * share.min_of(N::ONE)
    };
    let subtractions = gains + social_security;
    let agi = fed.agi + additions - subtractions;
    let aged = f
        .on_return()
        .iter()
        .filter(|p| reached(p.age, law.p(P::aged_age)))
        .count();
    let deductions = law.standard[fs.index()] + N::from_i64(aged as i64) * law.p(P::aged_addition);
    let exemptions = N::from_i64(f.on_return().len() as i64) * law.p(P::exemption);
    let taxable_income = (agi - deductions - exemptions).pos();
    // 32 V.S.A. § 5822(a): the larger of the schedule tax and 3% of federal AGI over $150,000.
    let tax = law
        .schedule(fs)
        .tax(taxable_income)
        .max_of(law.table(T::minimum_tax_rate, fs).step(fed.agi) * fed.agi);
    StateBreakdown {
        additions,
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

    /// 2025 IN-111 by hand (the 2025 rate schedule): single, 67, IRA $38,000, interest $2,000,
    /// Social Security $24,000. Federal AGI: provisional income 52,000 → taxable SS min(20,400,
    /// 0.85 × 18,000 + 4,500) = 19,800; AGI 59,800. Schedule IN-112 Part III: AGI within the
    /// $55,000-$65,000 band, share (65,000 − 59,800) / 10,000 = 0.52 → 10,296 exempt; Vermont
    /// income 49,504. Standard deduction 7,650 + 1,250 at 65, exemption 5,300 → taxable
    /// 35,304; tax 3.35% = 1,182.68.
    #[test]
    fn in_111_partial_social_security_exemption() {
        let f = single(67, |p| {
            p.ira_distributions = dec!(38000);
            p.social_security = dec!(24000);
        })
        .with(|f| f.taxable_interest = dec!(2000));
        let (fed, s) = compute("VT", 2025, &f);
        assert_eq!(fed.agi, dec!(59800));
        assert_eq!(s.subtractions, dec!(10296));
        assert_eq!(s.agi, dec!(49504));
        assert_eq!(s.taxable_income, dec!(35304));
        assert_eq!(s.tax.round_cents(), dec!(1182.68));
    }
}
