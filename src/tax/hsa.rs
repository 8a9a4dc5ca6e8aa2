//! Health savings accounts (IRC 223): yearly contribution limits with the catch-up at 55 and
//! none once on Medicare, and the tax on withdrawals (free for medical costs; otherwise ordinary
//! income, plus 20% before 65). The law is `assets/tax/hsa.ron`. Nothing is rounded inside.

use super::error::TaxError;
use crate::assets;
use crate::index::growth;
use crate::num::Num;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::path::PathBuf;
use std::sync::OnceLock;

const TABLE: (&str, &str) = ("tax/hsa.ron", include_str!("../../assets/tax/hsa.ron"));

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HsaTable {
    /// (year, self-only limit, family limit)
    pub limits: Vec<(i32, Decimal, Decimal)>,
    pub catch_up: Decimal,
    pub catch_up_age: u32,
    pub additional_tax_rate: Decimal,
    pub penalty_free_age: u32,
}

impl HsaTable {
    /// The shipped table with any `DRAWDOWN_ASSETS` override; parsed on first use.
    pub fn get() -> Result<&'static HsaTable, TaxError> {
        static T: OnceLock<Result<HsaTable, TaxError>> = OnceLock::new();
        assets::cached(&T, || HsaTable::load(assets::override_dir()))
    }

    pub fn load(dir: Option<PathBuf>) -> Result<HsaTable, TaxError> {
        Ok(assets::load_checked(
            dir.as_deref(),
            TABLE,
            |t: &HsaTable| {
                let ok = !t.limits.is_empty()
                    && t.limits.windows(2).all(|w| w[0].0 < w[1].0)
                    && t.limits.iter().all(|l| l.1 > Decimal::ZERO && l.2 >= l.1)
                    && t.catch_up >= Decimal::ZERO
                    && t.additional_tax_rate >= Decimal::ZERO
                    && t.additional_tax_rate < Decimal::ONE;
                ok.then_some(()).ok_or_else(|| {
                    "limits by increasing year, family at least self-only; rate from 0 to 1"
                        .to_string()
                })
            },
        )?)
    }
}

/// The HDHP coverage an HSA contribution limit depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HsaCoverage {
    #[default]
    SelfOnly,
    Family,
}

/// One year's HSA rules, ready to compute with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hsa<N> {
    pub year: i32,
    pub self_only: N,
    pub family: N,
    pub catch_up: N,
    pub catch_up_age: u32,
    pub additional_tax_rate: N,
    pub penalty_free_age: u32,
}

/// How an HSA withdrawal is taxed.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct HsaWithdrawal<N> {
    /// Spent on qualified medical costs: no tax.
    pub tax_free: N,
    /// The rest, included in income.
    pub ordinary_income: N,
    /// 20% of `ordinary_income` before 65 (unless after death or disability).
    pub additional_tax: N,
}

impl Hsa<Decimal> {
    /// The rules of `year`. Years after the last published limits grow them by `prices` (a
    /// price level on any base) and round down to $50; the catch-up stays $1,000.
    pub fn for_year(
        table: &HsaTable,
        year: i32,
        prices: &dyn Fn(i32) -> Decimal,
    ) -> Result<Hsa<Decimal>, TaxError> {
        if year < table.limits[0].0 {
            return Err(TaxError::UnsupportedYear(year));
        }
        let &(row_year, self_only, family) = table
            .limits
            .iter()
            .rev()
            .find(|l| l.0 <= year)
            .expect("checked non-empty");
        let (self_only, family) = if row_year == year {
            (self_only, family)
        } else {
            let scale = growth(prices, row_year, year).ok_or_else(|| {
                TaxError::invalid("price level", format!("no usable growth to {year}"))
            })?;
            let down = |v: Decimal| crate::money::index_down(v, scale, 50);
            (down(self_only), down(family))
        };
        Ok(Hsa {
            year,
            self_only,
            family,
            catch_up: table.catch_up,
            catch_up_age: table.catch_up_age,
            additional_tax_rate: table.additional_tax_rate,
            penalty_free_age: table.penalty_free_age,
        })
    }

    pub fn convert<M: Num>(&self) -> Hsa<M> {
        let c = M::from_dec;
        Hsa {
            year: self.year,
            self_only: c(self.self_only),
            family: c(self.family),
            catch_up: c(self.catch_up),
            catch_up_age: self.catch_up_age,
            additional_tax_rate: c(self.additional_tax_rate),
            penalty_free_age: self.penalty_free_age,
        }
    }
}

impl<N: Num> Hsa<N> {
    /// The most one person may put in for the year: the coverage's limit plus the catch-up at
    /// `age_at_year_end` 55 or more, times the months eligible (months with HDHP coverage and
    /// not entitled to Medicare) over twelve. Spouses share a family limit; each catch-up goes to
    /// its owner's account.
    pub fn contribution_limit(
        &self,
        coverage: HsaCoverage,
        age_at_year_end: u32,
        eligible_months: u32,
    ) -> N {
        let base = match coverage {
            HsaCoverage::SelfOnly => self.self_only,
            HsaCoverage::Family => self.family,
        };
        let catch_up = if age_at_year_end >= self.catch_up_age {
            self.catch_up
        } else {
            N::ZERO
        };
        (base + catch_up) * N::from_i64(i64::from(eligible_months.min(12))) / N::from_i64(12)
    }

    /// The tax treatment of withdrawing `amount`, of which up to `medical` pays qualified medical
    /// costs (Medicare Part B and D premiums count from 65; Medigap premiums do not), at `age`
    /// on the day of the withdrawal.
    pub fn withdrawal(
        &self,
        amount: N,
        medical: N,
        age: u32,
        after_death_or_disability: bool,
    ) -> HsaWithdrawal<N> {
        let amount = amount.pos();
        let tax_free = medical.pos().min_of(amount);
        let ordinary_income = amount - tax_free;
        let penalty_free = age >= self.penalty_free_age || after_death_or_disability;
        HsaWithdrawal {
            tax_free,
            ordinary_income,
            additional_tax: if penalty_free {
                N::ZERO
            } else {
                self.additional_tax_rate * ordinary_income
            },
        }
    }

    /// Income to the heir in the year of the holder's death: none for a surviving spouse, who
    /// treats the account as their own; the whole balance for anyone else (IRC 223(f)(8)).
    pub fn inherited_income(&self, balance: N, heir_is_spouse: bool) -> N {
        if heir_is_spouse {
            N::ZERO
        } else {
            balance.pos()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn hsa(year: i32) -> Hsa<Decimal> {
        Hsa::for_year(HsaTable::get().unwrap(), year, &|_| Decimal::ONE).unwrap()
    }

    #[test]
    fn limits_by_year_with_the_catch_up_at_55() {
        // Rev. Proc. 2025-19: 4,400 self-only, 8,750 family for 2026; Rev. Proc. 2024-25: 4,300 /
        // 8,550 for 2025; catch-up 1,000 (IRC 223(b)(3)).
        let h = hsa(2026);
        assert_eq!(
            h.contribution_limit(HsaCoverage::SelfOnly, 50, 12),
            dec!(4400)
        );
        assert_eq!(
            h.contribution_limit(HsaCoverage::Family, 50, 12),
            dec!(8750)
        );
        assert_eq!(
            h.contribution_limit(HsaCoverage::SelfOnly, 55, 12),
            dec!(5400)
        );
        assert_eq!(
            h.contribution_limit(HsaCoverage::Family, 60, 12),
            dec!(9750)
        );
        assert_eq!(
            hsa(2025).contribution_limit(HsaCoverage::SelfOnly, 54, 12),
            dec!(4300)
        );
        // on Medicare from July (65 in July): six eligible months, half of 5,400
        assert_eq!(
            h.contribution_limit(HsaCoverage::SelfOnly, 65, 6),
            dec!(2700)
        );
        // on Medicare all year: nothing
        assert_eq!(
            h.contribution_limit(HsaCoverage::SelfOnly, 67, 0),
            Decimal::ZERO
        );
    }

    #[test]
    fn withdrawals_are_free_for_medical_costs_and_penalised_before_65() {
        let h = hsa(2026);
        let w = h.withdrawal(dec!(10000), dec!(4000), 60, false);
        assert_eq!(w.tax_free, dec!(4000));
        assert_eq!(w.ordinary_income, dec!(6000));
        assert_eq!(w.additional_tax, dec!(1200)); // 20% of 6,000
        let later = h.withdrawal(dec!(10000), dec!(4000), 65, false);
        assert_eq!(later.additional_tax, Decimal::ZERO);
        assert_eq!(later.ordinary_income, dec!(6000));
        assert_eq!(h.inherited_income(dec!(50000), false), dec!(50000));
        assert_eq!(h.inherited_income(dec!(50000), true), Decimal::ZERO);
    }

    #[test]
    fn later_limits_grow_with_prices_rounded_down_to_50() {
        let t = HsaTable::get().unwrap();
        let h = Hsa::for_year(t, 2029, &crate::index::compound(dec!(0.03), 2027)).unwrap();
        // 4,500 × 1.0609 = 4,774.05 → 4,750; 9,000 × 1.0609 = 9,548.10 → 9,500
        assert_eq!((h.self_only, h.family), (dec!(4750), dec!(9500)));
        assert_eq!(h.catch_up, dec!(1000));
        assert!(Hsa::for_year(t, 2021, &|_| Decimal::ONE).is_err());
    }
}
