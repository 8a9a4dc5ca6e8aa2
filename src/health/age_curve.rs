//! Benchmark premiums by age: the federal default age curve, and the default premium for a
//! person who states none.

use super::error::HealthError;
use super::tables::HealthTables;
use crate::index::growth;
use crate::num::round_dp;
use rust_decimal::Decimal;

/// The premium factor at `age` relative to age 21 (3.000 from 64; 65 and over use 64's).
pub fn age_factor(tables: &HealthTables, age: u32) -> Decimal {
    let i = age.min(64) as usize;
    tables.age_curve.factors[i].1
}

/// A yearly premium stated at `stated_age`, moved to `age` along the curve (same year's dollars).
pub fn premium_at_age(
    tables: &HealthTables,
    premium: Decimal,
    stated_age: u32,
    age: u32,
) -> Decimal {
    premium * age_factor(tables, age) / age_factor(tables, stated_age)
}

/// The documented default yearly benchmark premium for one person of `age` in `year` (dollars of
/// that year): the national average for a 40-year-old (`assets/health/aca.ron`), aged along the
/// curve and moved from its year by `prices`. Real premiums vary several-fold by county, so a
/// planner should show the user this figure.
pub fn default_benchmark(
    tables: &HealthTables,
    year: i32,
    age: u32,
    prices: &dyn Fn(i32) -> Decimal,
) -> Result<Decimal, HealthError> {
    let d = tables.aca.default_benchmark;
    let scale = growth(prices, d.year, year).ok_or_else(|| {
        HealthError::invalid("price level", format!("no usable growth to {year}"))
    })?;
    let yearly = d.monthly * Decimal::from(12) * scale;
    Ok(round_dp(premium_at_age(tables, yearly, d.age, age), 2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn premiums_follow_the_curve() {
        let t = HealthTables::get().unwrap();
        assert_eq!(age_factor(t, 21), Decimal::ONE);
        assert_eq!(age_factor(t, 64), dec!(3.000));
        assert_eq!(age_factor(t, 70), dec!(3.000));
        // Reference vectors, Maricopa 2025: 7,765.56 at 55 gives PolicyEngine's 9,451 at 60.
        let at60 = premium_at_age(t, dec!(7765.56), 55, 60);
        assert_eq!(at60.round(), dec!(9451));
        // the default: $625 a month at 40 in 2026 → at 60: 7,500 × 2.714 / 1.278
        let d = default_benchmark(t, 2026, 60, &|_| Decimal::ONE).unwrap();
        assert_eq!(d, dec!(15927.23));
        let later = default_benchmark(t, 2027, 40, &crate::index::compound(dec!(0.02), 2026));
        assert_eq!(later.unwrap(), dec!(7650.00));
    }
}
