//! Elective deferrals from wages to an employer plan (401(k), 403(b), governmental 457(b)): the
//! yearly limit with the catch-up from 50 and the larger one at 60 to 63, and the rule that
//! sends a high earner's catch-up to Roth. The law is `assets/tax/deferral.ron`.

use super::error::TaxError;
use crate::assets;
use crate::index::growth;
use crate::money::index_down;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::path::PathBuf;
use std::sync::OnceLock;

const TABLE: (&str, &str) = (
    "tax/deferral.ron",
    include_str!("../../assets/tax/deferral.ron"),
);

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeferralTable {
    /// (year, limit, catch-up from 50, catch-up at 60 to 63)
    pub limits: Vec<(i32, Decimal, Decimal, Decimal)>,
    pub catch_up_age: u32,
    pub late_catch_up_ages: (u32, u32),
    /// (first year, wage threshold): above it, the catch-up must be Roth.
    pub roth_catch_up_from: (i32, Decimal),
}

impl DeferralTable {
    /// The shipped table with any `DRAWDOWN_ASSETS` override; parsed on first use.
    pub fn get() -> Result<&'static DeferralTable, TaxError> {
        static T: OnceLock<Result<DeferralTable, TaxError>> = OnceLock::new();
        assets::cached(&T, || DeferralTable::load(assets::override_dir()))
    }

    pub fn load(dir: Option<PathBuf>) -> Result<DeferralTable, TaxError> {
        Ok(assets::load_checked(
            dir.as_deref(),
            TABLE,
            |t: &DeferralTable| {
                let ok = !t.limits.is_empty()
                    && t.limits.windows(2).all(|w| w[0].0 < w[1].0)
                    && t.limits.iter().all(|l| {
                        l.1 > Decimal::ZERO && l.2 >= Decimal::ZERO && l.3 >= Decimal::ZERO
                    })
                    && t.late_catch_up_ages.0 <= t.late_catch_up_ages.1
                    && t.roth_catch_up_from.1 > Decimal::ZERO;
                ok.then_some(()).ok_or_else(|| {
                    "limits by increasing year, positive; late catch-up ages in order".to_string()
                })
            },
        )?)
    }

    /// The year's limits. Years after the last published ones grow them by `prices` (a price
    /// level on any base) and round down to $500.
    pub fn for_year(
        &self,
        year: i32,
        prices: &dyn Fn(i32) -> Decimal,
    ) -> Result<DeferralLimits, TaxError> {
        if year < self.limits[0].0 {
            return Err(TaxError::UnsupportedYear(year));
        }
        let &(row_year, limit, catch_up, late) = self
            .limits
            .iter()
            .rev()
            .find(|l| l.0 <= year)
            .expect("checked non-empty");
        let scale = |from: i32| {
            growth(prices, from, year).ok_or_else(|| {
                TaxError::invalid("price level", format!("no usable growth to {year}"))
            })
        };
        let grown = scale(row_year)?;
        let down = |v: Decimal, step: i64| {
            if row_year == year {
                v
            } else {
                index_down(v, grown, step)
            }
        };
        let (from, threshold) = self.roth_catch_up_from;
        let roth_threshold = if year < from {
            None
        } else if year == from {
            Some(threshold)
        } else {
            Some(index_down(threshold, scale(from)?, 5000))
        };
        Ok(DeferralLimits {
            limit: down(limit, 500),
            catch_up: down(catch_up, 500),
            late_catch_up: down(late, 500),
            catch_up_age: self.catch_up_age,
            late_catch_up_ages: self.late_catch_up_ages,
            roth_threshold,
        })
    }
}

/// One year's limits on a person's elective deferrals.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DeferralLimits {
    pub limit: Decimal,
    pub catch_up: Decimal,
    pub late_catch_up: Decimal,
    pub catch_up_age: u32,
    pub late_catch_up_ages: (u32, u32),
    /// Wages above which the catch-up must be Roth (none before the rule starts).
    pub roth_threshold: Option<Decimal>,
}

/// A person's deferrals of a year: before tax (traditional) and Roth.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Deferral {
    pub pretax: Decimal,
    pub roth: Decimal,
}

impl DeferralLimits {
    /// The catch-up of someone who reaches `age` by the end of the year.
    pub fn catch_up_at(&self, age: u32) -> Decimal {
        let (lo, hi) = self.late_catch_up_ages;
        if (lo..=hi).contains(&age) {
            self.late_catch_up.max(self.catch_up)
        } else if age >= self.catch_up_age {
            self.catch_up
        } else {
            Decimal::ZERO
        }
    }

    /// What a person of `age` earning `wages` (before the deferrals) asks to defer, before tax
    /// and to Roth, becomes: together at most the limit with the catch-up and never more than
    /// the wages, before-tax money first. When the wages pass the threshold, the part beyond the
    /// base limit is Roth (the year's wages stand for the year before's, which the rule reads).
    pub fn split(&self, pretax: Decimal, roth: Decimal, age: u32, wages: Decimal) -> Deferral {
        let cap = (self.limit + self.catch_up_at(age))
            .min(wages)
            .max(Decimal::ZERO);
        let mut out = Deferral {
            pretax: pretax.max(Decimal::ZERO).min(cap),
            roth: Decimal::ZERO,
        };
        out.roth = roth.max(Decimal::ZERO).min(cap - out.pretax);
        if self.roth_threshold.is_some_and(|t| wages > t) {
            let catch_up = (out.pretax + out.roth - self.limit).max(Decimal::ZERO);
            let moved = catch_up.min(out.pretax);
            out.pretax -= moved;
            out.roth += moved;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    /// The limits of `year` with prices rising 3% a year from 2026.
    fn limits(year: i32) -> DeferralLimits {
        let prices = |y: i32| (2026..y).fold(Decimal::ONE, |level, _| level * dec!(1.03));
        DeferralTable::get()
            .unwrap()
            .for_year(year, &prices)
            .unwrap()
    }

    #[test]
    fn the_2026_limits_with_the_catch_ups() {
        let l = limits(2026);
        assert_eq!(l.limit, dec!(24500));
        assert_eq!(l.catch_up_at(49), Decimal::ZERO);
        assert_eq!(l.catch_up_at(50), dec!(8000));
        assert_eq!(l.catch_up_at(60), dec!(11250));
        assert_eq!(l.catch_up_at(63), dec!(11250));
        assert_eq!(l.catch_up_at(64), dec!(8000));
        // Capped at the limit and the wages.
        let d = l.split(dec!(40000), dec!(0), 45, dec!(100000));
        assert_eq!((d.pretax, d.roth), (dec!(24500), dec!(0)));
        let d = l.split(dec!(40000), dec!(0), 55, dec!(20000));
        assert_eq!((d.pretax, d.roth), (dec!(20000), dec!(0)));
        // Over $150,000 of wages the catch-up is Roth.
        let d = l.split(dec!(40000), dec!(0), 61, dec!(200000));
        assert_eq!((d.pretax, d.roth), (dec!(24500), dec!(11250)));
        let d = l.split(dec!(30000), dec!(0), 61, dec!(120000));
        assert_eq!((d.pretax, d.roth), (dec!(30000), dec!(0)));
        // Roth asked for, and both: before-tax money first, the rest Roth within the limit.
        let d = l.split(dec!(0), dec!(30000), 61, dec!(120000));
        assert_eq!((d.pretax, d.roth), (dec!(0), dec!(30000)));
        let d = l.split(dec!(20000), dec!(20000), 45, dec!(120000));
        assert_eq!((d.pretax, d.roth), (dec!(20000), dec!(4500)));
    }

    #[test]
    fn later_years_grow_with_prices_rounded_down_to_500() {
        // 3% a year: 24,500 × 1.03 = 25,235 → 25,000; 8,000 × 1.03 = 8,240 → 8,000;
        // 150,000 × 1.03 = 154,500 → 150,000 (to $5,000).
        let l = limits(2027);
        assert_eq!(l.limit, dec!(25000));
        assert_eq!(l.catch_up, dec!(8000));
        assert_eq!(l.late_catch_up, dec!(11500));
        assert_eq!(l.roth_threshold, Some(dec!(150000)));
        assert_eq!(limits(2025).roth_threshold, None);
    }
}
