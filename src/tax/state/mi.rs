//! Michigan (MI-1040): federal AGI less Social Security, the retirement subtractions that
//! depend on the older spouse's birth year (tier one, the Michigan standard deduction of tiers
//! two and three, the expanded subtraction), the interest, dividends and gains subtraction of
//! the oldest, and personal exemptions; a flat rate.

use super::common::{ElderlyCredit, reached};
use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::Filing;
use crate::tax::federal::TaxBreakdown;

names!(P: exemption, distribution_age, tier_one_before, tier_one_cap, interest_cap,
    tier_two_from, tier_three_from, tier_three_before, tier_three_ss_offset, expanded_from,
    expanded_before, expanded_rate, elderly_age, elderly_one, elderly_two, elderly_separate,
    elderly_phaseout_start, elderly_phaseout_rate, elderly_credit_rate);
names!(T);

/// Whether `year` lies in `[from, before)`.
fn born_in<N: Num>(year: N, from: N, before: N) -> bool {
    year >= from && year < before
}

/// The federal Schedule R amounts from the file.
fn elderly<N: Num>(law: &StateLaw<N>, fs: Filing) -> ElderlyCredit<N> {
    ElderlyCredit {
        age: law.p(P::elderly_age),
        one: law.p(P::elderly_one),
        two: law.p(P::elderly_two),
        separate: law.p(P::elderly_separate),
        phaseout_start: law.pf(P::elderly_phaseout_start, fs),
        phaseout_rate: law.p(P::elderly_phaseout_rate),
        rate: law.p(P::elderly_credit_rate),
    }
}

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    let oldest = f.on_return().iter().map(|p| p.age).max().unwrap_or(0);
    let born = N::from_i64(i64::from(law.year) - i64::from(oldest));
    // Retirement benefits: employer pensions at any age, IRA money from 59½ (each person's own).
    let mut private = N::ZERO;
    let mut public = N::ZERO;
    for p in f.on_return() {
        private += p.private_pension;
        public += p.government_pension;
        if reached(p.age, law.p(P::distribution_age)) {
            private += p.ira_distributions + p.roth_conversions;
        }
    }
    let people = N::from_i64(f.on_return().len() as i64);
    let exemptions = people * law.p(P::exemption);
    let cap = law.pf(P::tier_one_cap, fs);
    let schedule_r = elderly(law, fs);
    let section_22 = schedule_r.base(f, fed);
    let mut interest_deduction = N::ZERO;
    let mut standard = N::ZERO;
    let pension;
    if born < law.p(P::tier_one_before) {
        // Form 4884 Section A: public pensions in full, private ones up to the cap less them.
        pension = public + private.min_of((cap - public).pos());
        // Schedule 1 line 23: interest, dividends and gains up to the amount less the pension
        // subtraction (and the federal credit for the elderly).
        let elderly_credit = schedule_r.credit(f, fed);
        let income = f.taxable_interest + f.ordinary_dividends + f.long_term_gains + f.short_term_gains;
        interest_deduction = (law.pf(P::interest_cap, fs) - public - f.total(|p| p.private_pension)
            - elderly_credit)
            .pos()
            .min_of(income);
    } else {
        // Form 4884 Section D: the expanded subtraction, a share of the tier-one cap.
        let expanded = if born_in(born, law.p(P::expanded_from), law.p(P::expanded_before)) {
            (public + private).min_of(cap * law.p(P::expanded_rate))
        } else {
            N::ZERO
        };
        // The Michigan standard deduction (Schedule 1 line 24) for those born 1946-1959 (from
        // 67), the larger of it and the expanded subtraction.
        let tier_two = born_in(born, law.p(P::tier_two_from), law.p(P::tier_three_from));
        let tier_three = born_in(born, law.p(P::tier_three_from), law.p(P::tier_three_before));
        let base = law.standard[fs.index()];
        if tier_two {
            standard = base.max_of(expanded);
        } else if tier_three {
            let reduced = (base
                - law.p(P::tier_three_ss_offset) * fed.taxable_social_security
                - exemptions)
                .pos();
            standard = reduced.max_of(expanded);
        }
        pension = if standard >= expanded { N::ZERO } else { expanded };
    }
    let subtractions =
        (fed.taxable_social_security + section_22 + standard + pension + interest_deduction).pos();
    let taxable_income = (fed.agi - subtractions - exemptions).pos();
    let tax = law.schedule(fs).tax(taxable_income);
    StateBreakdown {
        subtractions,
        agi: fed.agi,
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

    /// 2025 MI-1040 by hand: single, 70 (born 1955), IRA $80,000, Social Security $20,000.
    /// Federal: provisional income 90,000 → taxable SS 17,000 (85%), AGI 97,000. Schedule 1
    /// line 13 subtracts the 17,000. Born 1953-1959: the Michigan standard deduction is 20,000
    /// less taxable SS and the exemption (nothing left), so Form 4884 Section D applies:
    /// 75% × 65,897 = 49,422.75, below the 80,000 of benefits. MI-1040 line 9 exemption
    /// 5,800; taxable 97,000 − 17,000 − 49,422.75 − 5,800 = 24,777.25; × 4.25% = 1,053.03.
    ///
    /// Born before 1946 (80 in 2025), employer pension $30,000, IRA $50,000, interest $20,000,
    /// Social Security $30,000: taxable SS 25,500, AGI 125,500. Form 4884 Section A: 80,000
    /// of benefits, limited to 65,897. Schedule 1 line 23: 14,688 less the 30,000 pension
    /// subtracted leaves nothing. Taxable 125,500 − 25,500 − 65,897 − 5,800 = 28,303 →
    /// 1,202.88.
    #[test]
    fn mi_1040_by_birth_year() {
        let f = single(70, |p| {
            p.ira_distributions = dec!(80000);
            p.social_security = dec!(20000);
        });
        let (_, s) = compute("MI", 2025, &f);
        assert_eq!(s.agi, dec!(97000));
        assert_eq!(s.subtractions, dec!(17000) + dec!(49422.75));
        assert_eq!(s.taxable_income, dec!(24777.25));
        assert_eq!(s.tax.round_cents(), dec!(1053.03));
        let f = single(80, |p| {
            p.private_pension = dec!(30000);
            p.ira_distributions = dec!(50000);
            p.social_security = dec!(30000);
        })
        .with(|f| f.taxable_interest = dec!(20000));
        let (fed, s) = compute("MI", 2025, &f);
        assert_eq!(fed.agi, dec!(125500));
        assert_eq!(s.taxable_income, dec!(28303));
        assert_eq!(s.tax.round_cents(), dec!(1202.88));
    }
}
