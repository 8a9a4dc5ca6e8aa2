//! Qualified charitable distributions (IRC 408(d)(8)): IRA money an owner of 70½ or more gives
//! straight to a charity is not income and counts toward the year's RMD. The law is
//! `assets/tax/qcd.ron`.

use super::early_withdrawal::age_in_months;
use super::error::TaxError;
use crate::assets;
use crate::index::growth;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::path::PathBuf;
use std::sync::OnceLock;

const TABLE: (&str, &str) = ("tax/qcd.ron", include_str!("../../assets/tax/qcd.ron"));

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QcdTable {
    /// The age in months from which an owner may give (70½).
    pub from_age_months: u32,
    /// Each owner's yearly limit by year, ascending.
    pub limits: Vec<(i32, Decimal)>,
}

impl QcdTable {
    /// The shipped table with any `DRAWDOWN_ASSETS` override; parsed on first use.
    pub fn get() -> Result<&'static QcdTable, TaxError> {
        static T: OnceLock<Result<QcdTable, TaxError>> = OnceLock::new();
        assets::cached(&T, || QcdTable::load(assets::override_dir()))
    }

    pub fn load(dir: Option<PathBuf>) -> Result<QcdTable, TaxError> {
        Ok(assets::load_checked(
            dir.as_deref(),
            TABLE,
            |t: &QcdTable| {
                let ascending = t.limits.windows(2).all(|w| w[0].0 < w[1].0);
                let sane = t
                    .limits
                    .iter()
                    .all(|l| l.1 >= Decimal::ZERO && l.1 <= Decimal::from(10_000_000));
                (!t.limits.is_empty() && ascending && sane)
                .then_some(())
                .ok_or_else(|| {
                    "limits: one or more (year, amount) rows, years ascending, amounts from 0 to \
                     $10 million"
                        .to_string()
                })
            },
        )?)
    }

    /// Each owner's limit in `year`: the table's, or past its last year that one grown with
    /// `prices` and rounded to the nearest $1,000 (408(d)(8)(G)(ii)). Years before the table
    /// take its first row.
    pub fn limit(&self, year: i32, prices: &dyn Fn(i32) -> Decimal) -> Result<Decimal, TaxError> {
        let (row_year, amount) = self.row(year);
        if row_year >= year {
            return Ok(amount);
        }
        let scale = growth(prices, row_year, year).ok_or_else(|| {
            TaxError::invalid("price level", format!("no usable growth to {year}"))
        })?;
        Ok(crate::money::index_nearest(amount, scale, 1000))
    }

    /// The table's row for `year`: its year and limit (the last row at or before `year`, or the
    /// first row for an earlier year); a year after the row's grows from it.
    pub fn row(&self, year: i32) -> (i32, Decimal) {
        *self
            .limits
            .iter()
            .rev()
            .find(|l| l.0 <= year)
            .unwrap_or(&self.limits[0])
    }

    /// Whether someone born in `birth_month` of `birth_year` is 70½ by the end of `year`, so
    /// that a gift late in the year qualifies.
    pub fn eligible(&self, birth_year: i32, birth_month: u32, year: i32) -> bool {
        age_in_months(birth_year, birth_month, year, 12) >= self.from_age_months
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn limits_by_year_and_indexed_past_the_table() {
        let t = QcdTable::get().unwrap();
        let flat = |_: i32| Decimal::ONE;
        assert_eq!(t.limit(2023, &flat).unwrap(), dec!(100000));
        assert_eq!(t.limit(2026, &flat).unwrap(), dec!(111000));
        // 2.5% a year: 111,000 × 1.025 = 113,775 → 114,000; two years 116,619 → 117,000.
        let prices = crate::index::compound(dec!(0.025), 2026);
        assert_eq!(t.limit(2027, &prices).unwrap(), dec!(114000));
        assert_eq!(t.limit(2028, &prices).unwrap(), dec!(117000));
    }

    #[test]
    fn seventy_and_a_half_by_december() {
        let t = QcdTable::get().unwrap();
        // Born June 1956: 70½ in December 2026. Born July 1956: June 2027.
        assert!(t.eligible(1956, 6, 2026));
        assert!(!t.eligible(1956, 7, 2026));
        assert!(t.eligible(1956, 7, 2027));
        assert!(!t.eligible(1957, 1, 2026));
    }
}
