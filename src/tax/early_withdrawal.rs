//! The 10% additional tax on early distributions (IRC 72(t)) and the Roth five-year rules
//! (IRC 408A(d)), with the exceptions a retirement plan meets: age 59½, death, and separation
//! from service in or after the year of turning 55 for an employer plan. The law is
//! `assets/tax/early-withdrawal.ron`. Nothing is rounded inside.

use super::error::TaxError;
use crate::assets;
use crate::num::Num;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::path::PathBuf;
use std::sync::OnceLock;

const TABLE: (&str, &str) = (
    "tax/early-withdrawal.ron",
    include_str!("../../assets/tax/early-withdrawal.ron"),
);

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EarlyWithdrawalTable {
    pub rate: Decimal,
    pub free_from_age_months: u32,
    pub separation_age: u32,
    pub public_safety_separation_age: u32,
    pub roth_conversion_years: i32,
    pub roth_qualified_years: i32,
}

impl EarlyWithdrawalTable {
    /// The shipped table with any `DRAWDOWN_ASSETS` override; parsed on first use.
    pub fn get() -> Result<&'static EarlyWithdrawalTable, TaxError> {
        static T: OnceLock<Result<EarlyWithdrawalTable, TaxError>> = OnceLock::new();
        assets::cached(&T, || EarlyWithdrawalTable::load(assets::override_dir()))
    }

    pub fn load(dir: Option<PathBuf>) -> Result<EarlyWithdrawalTable, TaxError> {
        Ok(assets::load_checked(
            dir.as_deref(),
            TABLE,
            |t: &EarlyWithdrawalTable| {
                let ok = t.rate >= Decimal::ZERO
                    && t.rate < Decimal::ONE
                    && t.roth_conversion_years >= 0
                    && t.roth_qualified_years >= 0;
                ok.then_some(())
                    .ok_or_else(|| "rate from 0 to 1 and year counts not negative".to_string())
            },
        )?)
    }

    pub fn rules<N: Num>(&self) -> EarlyWithdrawal<N> {
        EarlyWithdrawal {
            rate: N::from_dec(self.rate),
            free_from_age_months: self.free_from_age_months,
            separation_age: self.separation_age,
            public_safety_separation_age: self.public_safety_separation_age,
            roth_conversion_years: self.roth_conversion_years,
            roth_qualified_years: self.roth_qualified_years,
        }
    }
}

/// The rules, ready to compute with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EarlyWithdrawal<N> {
    pub rate: N,
    /// 59½, in months of age.
    pub free_from_age_months: u32,
    pub separation_age: u32,
    pub public_safety_separation_age: u32,
    pub roth_conversion_years: i32,
    pub roth_qualified_years: i32,
}

/// What kind of tax-deferred account money comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DeferredKind {
    /// A traditional, SEP or rollover IRA: no separation-from-service exception.
    #[default]
    Ira,
    /// An employer plan, 401(k) or 403(b): the age-55 separation exception applies to the plan
    /// of the employer left.
    EmployerPlan,
    /// A governmental 457(b) plan: no additional tax.
    Governmental457,
}

/// The facts of one distribution that decide the additional tax.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Distribution<N> {
    /// The part included in income.
    pub taxable: N,
    /// The owner's age in months on the day of the distribution (see [`age_in_months`]).
    pub age_months: u32,
    pub kind: DeferredKind,
    /// For an employer plan: the age the owner reached in the calendar year they left that
    /// employer, if they have left.
    pub separated_at_age: Option<u32>,
    /// A qualified public safety employee (police, firefighter, EMS of a government plan):
    /// the separation age is 50.
    pub public_safety: bool,
    /// Paid to a beneficiary or the estate after the owner's death.
    pub after_death: bool,
}

/// Why no additional tax is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exception {
    Age59Half,
    Death,
    SeparationFromService,
    Governmental457,
}

/// A Roth IRA's basis, as the ordering rules need it (all the owner's Roth IRAs are one).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RothBasis<N> {
    /// Regular contributions not yet withdrawn.
    pub contributions: N,
    /// Conversions not yet withdrawn, (year, amount), oldest first; taxable when converted.
    pub conversions: Vec<(i32, N)>,
    /// The first year of any contribution or conversion: starts the qualified-distribution clock.
    pub first_year: Option<i32>,
}

/// How a Roth withdrawal is taxed.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RothWithdrawal<N> {
    pub from_contributions: N,
    pub from_conversions: N,
    /// Converted money withdrawn within its five years while under 59½ (no other exception).
    pub penalized_conversions: N,
    pub from_earnings: N,
    /// Earnings included in income (a non-qualified distribution).
    pub taxable: N,
    /// The 10% additional tax.
    pub additional_tax: N,
}

impl<N: Num> EarlyWithdrawal<N> {
    /// The exception that frees a distribution from the additional tax, if any.
    pub fn exception(&self, d: &Distribution<N>) -> Option<Exception> {
        if d.kind == DeferredKind::Governmental457 {
            return Some(Exception::Governmental457);
        }
        if d.after_death {
            return Some(Exception::Death);
        }
        if d.age_months >= self.free_from_age_months {
            return Some(Exception::Age59Half);
        }
        let age = if d.public_safety {
            self.public_safety_separation_age
        } else {
            self.separation_age
        };
        if d.kind == DeferredKind::EmployerPlan && d.separated_at_age.is_some_and(|a| a >= age) {
            return Some(Exception::SeparationFromService);
        }
        None
    }

    /// The additional tax on a distribution from a tax-deferred account (Form 5329 line 4).
    pub fn additional_tax(&self, d: &Distribution<N>) -> N {
        match self.exception(d) {
            Some(_) => N::ZERO,
            None => self.rate * d.taxable.pos(),
        }
    }

    /// Splits a Roth IRA withdrawal of `amount` in `year` by the ordering rules and taxes it.
    /// `balance` is the Roth's value before the withdrawal; the part above the basis is
    /// earnings. Returns the tax treatment and the basis left.
    pub fn roth_withdrawal(
        &self,
        basis: &RothBasis<N>,
        balance: N,
        amount: N,
        year: i32,
        age_months: u32,
        after_death: bool,
    ) -> (RothWithdrawal<N>, RothBasis<N>) {
        let mut left = amount.pos().min_of(balance.pos());
        let mut rest = basis.clone();
        let mut out = RothWithdrawal::<N>::default();
        let free_age = age_months >= self.free_from_age_months || after_death;

        let take = rest.contributions.min_of(left);
        rest.contributions -= take;
        out.from_contributions = take;
        left -= take;

        for (conv_year, conv) in rest.conversions.iter_mut() {
            if left <= N::ZERO {
                break;
            }
            let take = conv.min_of(left);
            *conv -= take;
            left -= take;
            out.from_conversions += take;
            if !free_age && year < *conv_year + self.roth_conversion_years {
                out.penalized_conversions += take;
            }
        }
        rest.conversions.retain(|(_, a)| *a > N::ZERO);

        out.from_earnings = left.pos();
        let seasoned = basis
            .first_year
            .is_some_and(|y| year >= y + self.roth_qualified_years);
        if !(seasoned && free_age) {
            out.taxable = out.from_earnings;
        }
        let penalized_earnings = if free_age { N::ZERO } else { out.taxable };
        out.additional_tax = self.rate * (out.penalized_conversions + penalized_earnings);
        (out, rest)
    }
}

/// Age in whole months at the given month (1–12) of `year`, for a birth month of `birth_year`.
pub fn age_in_months(birth_year: i32, birth_month: u32, year: i32, month: u32) -> u32 {
    let months =
        (year - birth_year) * 12 + month.clamp(1, 12) as i32 - birth_month.clamp(1, 12) as i32;
    months.max(0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn rules() -> EarlyWithdrawal<Decimal> {
        EarlyWithdrawalTable::get().unwrap().rules()
    }

    fn draw(age_months: u32, kind: DeferredKind) -> Distribution<Decimal> {
        Distribution {
            taxable: dec!(20000),
            age_months,
            kind,
            ..Default::default()
        }
    }

    #[test]
    fn ten_percent_before_59_and_a_half() {
        let r = rules();
        // Pub. 590-B: 10% of the taxable amount; $20,000 at 58 → $2,000
        assert_eq!(
            r.additional_tax(&draw(58 * 12, DeferredKind::Ira)),
            dec!(2000)
        );
        // one month short of 59½ still owes it; at 59½ exactly it is gone
        assert_eq!(
            r.additional_tax(&draw(59 * 12 + 5, DeferredKind::Ira)),
            dec!(2000)
        );
        assert_eq!(
            r.additional_tax(&draw(714, DeferredKind::Ira)),
            Decimal::ZERO
        );
        // born March 1967: 59½ in September 2026
        assert_eq!(age_in_months(1967, 3, 2026, 8), 713);
        assert_eq!(age_in_months(1967, 3, 2026, 9), 714);
        // death frees it at any age; a governmental 457(b) never owes it
        let dead = Distribution {
            after_death: true,
            ..draw(40 * 12, DeferredKind::Ira)
        };
        assert_eq!(r.exception(&dead), Some(Exception::Death));
        assert_eq!(
            r.additional_tax(&draw(50 * 12, DeferredKind::Governmental457)),
            Decimal::ZERO
        );
    }

    #[test]
    fn separation_in_the_year_of_55_frees_the_employer_plan_only() {
        let r = rules();
        // left work in the year of turning 55, draws at 55 and 4 months from the 401(k)
        let plan = Distribution {
            separated_at_age: Some(55),
            ..draw(55 * 12 + 4, DeferredKind::EmployerPlan)
        };
        assert_eq!(r.exception(&plan), Some(Exception::SeparationFromService));
        assert_eq!(r.additional_tax(&plan), Decimal::ZERO);
        // the same person drawing from an IRA owes the 10%
        let ira = Distribution {
            kind: DeferredKind::Ira,
            ..plan
        };
        assert_eq!(r.additional_tax(&ira), dec!(2000));
        // left at 54 (the year before turning 55): no exception even when older now
        let early = Distribution {
            separated_at_age: Some(54),
            ..plan
        };
        assert_eq!(r.additional_tax(&early), dec!(2000));
        // public safety employees: from 50
        let safety = Distribution {
            separated_at_age: Some(50),
            public_safety: true,
            ..draw(51 * 12, DeferredKind::EmployerPlan)
        };
        assert_eq!(r.additional_tax(&safety), Decimal::ZERO);
    }

    #[test]
    fn roth_withdrawals_follow_the_ordering_rules() {
        let r = rules();
        let basis = RothBasis {
            contributions: dec!(10000),
            conversions: vec![(2022, dec!(30000)), (2025, dec!(40000))],
            first_year: Some(2015),
        };
        // at 56 in 2026: 10,000 of contributions, 30,000 of the 2022 conversion (its five years
        // end 1 Jan 2027, so penalised), 5,000 of the 2025 one (penalised)
        let (w, left) = r.roth_withdrawal(&basis, dec!(150000), dec!(45000), 2026, 56 * 12, false);
        assert_eq!(w.from_contributions, dec!(10000));
        assert_eq!(w.from_conversions, dec!(35000));
        assert_eq!(w.penalized_conversions, dec!(35000));
        assert_eq!(w.additional_tax, dec!(3500));
        assert_eq!(w.taxable, Decimal::ZERO);
        assert_eq!(left.conversions, vec![(2025, dec!(35000))]);
        // a year later the 2022 conversion is seasoned
        let (w, _) = r.roth_withdrawal(&basis, dec!(150000), dec!(40000), 2027, 57 * 12, false);
        assert_eq!(w.penalized_conversions, Decimal::ZERO);
        // past 59½ nothing is penalised, and earnings of a seasoned Roth are tax-free
        let (w, _) = r.roth_withdrawal(&basis, dec!(150000), dec!(100000), 2026, 60 * 12, false);
        assert_eq!(w.from_earnings, dec!(20000));
        assert_eq!(
            (w.taxable, w.additional_tax),
            (Decimal::ZERO, Decimal::ZERO)
        );
        // earnings before 59½: ordinary income and the 10%
        let (w, _) = r.roth_withdrawal(&basis, dec!(150000), dec!(90000), 2026, 50 * 12, false);
        assert_eq!(w.taxable, dec!(10000));
        assert_eq!(w.additional_tax, dec!(8000)); // 10% of 70,000 converted + 10,000 earned
    }
}
