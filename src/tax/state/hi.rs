//! Hawaii (Form N-11): federal AGI less Social Security and employer pensions (IRA money is
//! taxed); the standard deduction or the itemized state income tax paid and Medicare premiums;
//! exemptions with one more at 65; the rate schedule, or the alternative tax with net capital
//! gain at 7.25%.

use super::common::{part_b_premiums, reached};
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::Filing;
use crate::tax::federal::TaxBreakdown;

names!(P: exemption, aged_age, alternative_rate, alternative_floor, itemize_threshold,
    income_tax_deduction_limit, medical_floor, medicare_age, irmaa_magi_ratio);
names!(T: medicare_part_b);

/// State income tax paid during the year, as estimated for the itemized deduction: each
/// person's federal AGI less the single standard deduction, taxed at the single rates.
fn income_tax_paid<N: Num>(law: &StateLaw<N>, f: &StateFacts<N>, fed: &TaxBreakdown<N>) -> N {
    let joint = f.share(
        f.taxable_interest + f.ordinary_dividends + f.other_ordinary + fed.capital_gain_in_agi,
    );
    let benefits = f.total(|p| p.social_security);
    let single = law.schedule(Filing::Single);
    let deduction = law.standard[Filing::Single.index()];
    let mut paid = N::ZERO;
    let people = f.on_return();
    for (i, p) in people.iter().enumerate() {
        // taxable benefits follow each person's benefits (the head takes what the spouse's
        // share leaves)
        let spouse_share = if people.len() == 2 && benefits > N::ZERO {
            people[1].social_security / benefits
        } else {
            N::ZERO
        };
        let share = if i == 0 { N::ONE - spouse_share } else { spouse_share };
        let agi = p.wages + p.retirement() + joint + share * fed.taxable_social_security;
        paid += single.tax((agi - deduction).pos());
    }
    paid
}

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    let subtractions = fed.taxable_social_security + f.total(|p| p.pensions());
    let agi = fed.agi - subtractions;
    // Line 22: itemized deductions (state income tax, below the federal AGI limit, and
    // medical expenses over 7.5% of Hawaii AGI, which for a retiree are the Medicare Part B
    // premiums of each person 65 or over) count only over the threshold, and the larger of
    // them and the standard deduction is taken. The Part B income-related amount goes by the
    // MAGI of two years before, estimated as this year's deflated by the growth of AGI per
    // capita, as the reference does. With employer pensions out of Hawaii AGI, the floor can
    // be far below the premium.
    let taxes = if fed.agi < law.pf(P::income_tax_deduction_limit, fs) {
        income_tax_paid(law, f, fed)
    } else {
        N::ZERO
    };
    let premiums = part_b_premiums(
        f,
        law.table(T::medicare_part_b, fs),
        fed.magi * law.p(P::irmaa_magi_ratio),
        law.p(P::medicare_age),
    );
    let medical = (premiums - law.p(P::medical_floor) * agi.pos()).pos();
    let itemized = taxes + medical;
    let itemized = if itemized > law.pf(P::itemize_threshold, fs) {
        itemized
    } else {
        N::ZERO
    };
    let deductions = itemized.max_of(law.standard[fs.index()]);
    let people = f.on_return().len() as i64;
    let aged = f
        .on_return()
        .iter()
        .filter(|p| reached(p.age, law.p(P::aged_age)))
        .count() as i64;
    let exemptions = N::from_i64(people + aged) * law.p(P::exemption);
    let taxable_income = (agi - deductions - exemptions).pos();
    let schedule = law.schedule(fs);
    let mut tax = schedule.tax(taxable_income);
    // Capital Gains Tax Worksheet: the net capital gain (no more than the whole net gain) at
    // the alternative rate, the rest at the schedule, never below the floor bracket.
    let gain = f
        .long_term_gains
        .min_of(f.long_term_gains + f.short_term_gains)
        .pos();
    if gain > N::ZERO {
        let ordinary = (taxable_income - gain)
            .max_of(taxable_income.min_of(law.pf(P::alternative_floor, fs)));
        let alternative = schedule.tax(ordinary)
            + law.p(P::alternative_rate) * (taxable_income - ordinary).pos();
        tax = tax.min_of(alternative);
    }
    StateBreakdown {
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
    use crate::tax::state::testing::*;
    use rust_decimal_macros::dec;

    /// 2025 N-11 by hand: single, 60, IRA $40,000, interest $5,000 (the reference's first
    /// probe). Federal AGI 45,000, nothing subtracted. Itemized: income tax paid estimated as
    /// the single tax on 45,000 − 4,400 = 40,600 → 2,006.40; over the $2,200 threshold but
    /// under the standard deduction 4,400, which is taken. Exemption 1,144 → taxable 39,456.
    /// Tax 134.40 + 153.60 + 264 + 307.20 + 816 + 7.2% × 3,456 = 1,924.03.
    ///
    /// With a pension of $30,000 instead of the IRA, at 67: AGI 35,000 − 30,000 = 5,000;
    /// exemptions 2 × 1,144 → taxable 0.
    #[test]
    fn n11_single() {
        let f = single(60, |p| p.ira_distributions = dec!(40000))
            .with(|f| f.taxable_interest = dec!(5000));
        let (_, s) = compute("HI", 2025, &f);
        assert_eq!(s.deductions, dec!(4400));
        assert_eq!(s.taxable_income, dec!(39456));
        assert_eq!(s.tax.round_dp(2), dec!(1924.03));
        let f = single(67, |p| p.private_pension = dec!(30000))
            .with(|f| f.taxable_interest = dec!(5000));
        let (_, s) = compute("HI", 2025, &f);
        assert_eq!(s.agi, dec!(5000));
        assert_eq!(s.tax, dec!(0));
    }

    /// 2025 N-11 itemized deductions of a pensioner: single, 70, employer pension $70,000, IRA
    /// $10,000, interest $5,000. Federal AGI 85,000 (under the $100,000 limit): income tax paid
    /// estimated as the single tax on 80,600 → 5,016.80. Hawaii AGI 85,000 − 70,000 = 15,000;
    /// medical expenses: the Part B premium 12 × 185 = 2,220 less 7.5% of 15,000 → 1,095.
    /// Itemized 6,111.80 beats the standard 4,400. Taxable 15,000 − 6,111.80 − 2 × 1,144 =
    /// 6,600.20 → 1.4%: 92.40 (PolicyEngine-US 2.68.0 gives the same, to the cent).
    #[test]
    fn n11_pensioner_itemizes_medicare_premiums() {
        let f = single(70, |p| {
            p.private_pension = dec!(70000);
            p.ira_distributions = dec!(10000);
        })
        .with(|f| f.taxable_interest = dec!(5000));
        let (_, s) = compute("HI", 2025, &f);
        assert_eq!(s.agi, dec!(15000));
        assert_eq!(s.deductions, dec!(6111.8));
        assert_eq!(s.taxable_income, dec!(6600.2));
        assert_eq!(s.tax.round_dp(2), dec!(92.40));
    }
}
