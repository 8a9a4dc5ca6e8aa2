//! Medicare's base premiums: the standard Part B premium and a Part D base premium, per person
//! enrolled, and the months a person is on Medicare. The income-related surcharges (IRMAA) are
//! computed by `tax::irmaa`.

use super::error::HealthError;
use super::tables::HealthTables;
use crate::index::growth;
use crate::num::{Num, round_dp};
use crate::tax::LawTables;
use rust_decimal::Decimal;

/// One year's monthly base premiums per person.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MedicarePremiums<N> {
    pub year: i32,
    /// The standard Part B premium (IRMAA tier 0).
    pub part_b: N,
    /// The Part D national base beneficiary premium (a stand-in for a plan's premium).
    pub part_d: N,
}

impl MedicarePremiums<Decimal> {
    /// The premiums of `year`; years after the last table grow by `prices` (a price level on
    /// any base) from that table's year, rounded to 10 cents as CMS publishes them.
    pub fn for_year(
        law: &LawTables,
        health: &HealthTables,
        year: i32,
        prices: &dyn Fn(i32) -> Decimal,
    ) -> Result<MedicarePremiums<Decimal>, HealthError> {
        let first_b = law.first_irmaa().premium_year;
        let first_d = health.medicare.part_d_base[0].0;
        if year < first_b.max(first_d) {
            return Err(HealthError::UnsupportedYear {
                year,
                what: "Medicare premium",
                first: first_b.max(first_d),
            });
        }
        let grown = |amount: Decimal, from: i32| -> Result<Decimal, HealthError> {
            if from == year {
                return Ok(amount);
            }
            let scale = growth(prices, from, year).ok_or_else(|| {
                HealthError::invalid("price level", format!("no usable growth to {year}"))
            })?;
            Ok(round_dp(amount * scale, 1))
        };
        let [(b, b_year), (d, d_year)] = Self::table_rows(law, health, year);
        Ok(MedicarePremiums {
            year,
            part_b: grown(b, b_year)?,
            part_d: grown(d, d_year)?,
        })
    }

    /// The monthly Part B and Part D base premiums of the tables that serve `year`, each with
    /// its table's year (a later year grows them from there); the first Part D row for a year
    /// before it.
    pub fn table_rows(law: &LawTables, health: &HealthTables, year: i32) -> [(Decimal, i32); 2] {
        let b = law.irmaa_for(year).unwrap_or_else(|| law.last_irmaa());
        let rows = &health.medicare.part_d_base;
        let &(d_year, d) = rows
            .iter()
            .rev()
            .find(|(y, _)| *y <= year)
            .unwrap_or(&rows[0]);
        [(b.standard_part_b, b.premium_year), (d, d_year)]
    }

    pub fn convert<M: Num>(&self) -> MedicarePremiums<M> {
        MedicarePremiums {
            year: self.year,
            part_b: M::from_dec(self.part_b),
            part_d: M::from_dec(self.part_d),
        }
    }
}

impl<N: Num> MedicarePremiums<N> {
    /// A person's base premiums (Part B and Part D, no surcharge) for `months` on Medicare.
    pub fn base(&self, months: u32) -> N {
        (self.part_b + self.part_d) * N::from_i64(i64::from(months.min(12)))
    }
}

/// Months of `year` from the month a person born in `birth_month` (1–12) of `birth_year` reaches
/// `age`: none in the years before, twelve in the years after. Medicare, say, starts the month
/// of the birthday of its age (42 USC 426(a); a birthday on the 1st starts it a month earlier,
/// which this ignores).
pub fn months_from_age(birth_year: i32, birth_month: u32, age: u32, year: i32) -> u32 {
    let month = birth_month.clamp(1, 12);
    match i64::from(year) - i64::from(birth_year) - i64::from(age) {
        ..=-1 => 0,
        0 => 13 - month,
        _ => 12,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn premiums(year: i32, prices: &dyn Fn(i32) -> Decimal) -> MedicarePremiums<Decimal> {
        MedicarePremiums::for_year(
            LawTables::get().unwrap(),
            HealthTables::get().unwrap(),
            year,
            prices,
        )
        .unwrap()
    }

    #[test]
    fn published_years_use_cms_figures() {
        let p = premiums(2026, &|_| Decimal::ONE);
        assert_eq!((p.part_b, p.part_d), (dec!(202.90), dec!(38.99)));
        // a year on Medicare: (202.90 + 38.99) × 12 = 2,902.68
        assert_eq!(p.base(12), dec!(2902.68));
        let p24 = premiums(2024, &|_| Decimal::ONE);
        assert_eq!((p24.part_b, p24.part_d), (dec!(174.70), dec!(34.70)));
    }

    #[test]
    fn later_years_grow_with_prices() {
        let p = premiums(2028, &crate::index::compound(dec!(0.03), 2026));
        // 202.90 × 1.0609 = 215.25 → 215.3; 38.99 × 1.0609 = 41.36 → 41.4
        assert_eq!((p.part_b, p.part_d), (dec!(215.3), dec!(41.4)));
        assert!(
            MedicarePremiums::for_year(
                LawTables::get().unwrap(),
                HealthTables::get().unwrap(),
                2021,
                &|_| Decimal::ONE
            )
            .is_err()
        );
    }

    #[test]
    fn medicare_starts_the_month_of_the_65th_birthday() {
        assert_eq!(months_from_age(1961, 4, 65, 2025), 0);
        assert_eq!(months_from_age(1961, 4, 65, 2026), 9); // April to December
        assert_eq!(12 - months_from_age(1961, 4, 65, 2026), 3);
        assert_eq!(months_from_age(1961, 1, 65, 2026), 12);
        assert_eq!(months_from_age(1961, 12, 65, 2027), 12);
    }
}
