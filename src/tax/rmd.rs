//! Required minimum distributions from tax-deferred accounts.

use super::tables::LawTables;
use crate::num::Num;
use rust_decimal::Decimal;

/// The RMD rules, ready to compute with.
#[derive(Debug, Clone, PartialEq)]
pub struct RmdRules<N> {
    first_age: u32,
    periods: Vec<N>,
    start_ages: Vec<(i32, u32)>,
    /// A study's one start age for everyone, in place of the start ages by birth year.
    fixed_start: Option<u32>,
}

impl RmdRules<Decimal> {
    pub fn from_tables(tables: &LawTables) -> RmdRules<Decimal> {
        RmdRules {
            first_age: tables.uniform_lifetime.periods[0].0,
            periods: tables
                .uniform_lifetime
                .periods
                .iter()
                .map(|p| p.1)
                .collect(),
            start_ages: tables.rmd_start_age.rows.clone(),
            fixed_start: None,
        }
    }

    /// A study's rule: RMDs from `start_age` for everyone, dividing by the Uniform Lifetime
    /// Table or (`single_life`) the owner's Single Life expectancy.
    pub fn study(tables: &LawTables, start_age: u32, single_life: bool) -> RmdRules<Decimal> {
        let table = if single_life {
            &tables.single_life
        } else {
            &tables.uniform_lifetime
        };
        RmdRules {
            first_age: table.periods[0].0,
            periods: table.periods.iter().map(|p| p.1).collect(),
            start_ages: Vec::new(),
            fixed_start: Some(start_age),
        }
    }

    pub fn convert<M: Num>(&self) -> RmdRules<M> {
        self.map_numbers(M::from_dec)
    }
}

impl<N: Num> RmdRules<N> {
    pub fn to_f64(&self) -> RmdRules<f64> {
        self.map_numbers(|p: N| p.to_f64())
    }

    /// The divisors passed through `c`; the ages are kept.
    fn map_numbers<M: Num>(&self, c: impl Fn(N) -> M) -> RmdRules<M> {
        RmdRules {
            first_age: self.first_age,
            periods: self.periods.iter().map(|p| c(*p)).collect(),
            start_ages: self.start_ages.clone(),
            fixed_start: self.fixed_start,
        }
    }

    /// The age at which RMDs start for someone born in `birth_year` (SECURE 2.0).
    pub fn start_age(&self, birth_year: i32) -> u32 {
        if let Some(age) = self.fixed_start {
            return age;
        }
        self.start_ages
            .iter()
            .find(|(born_by, _)| birth_year <= *born_by)
            .map(|r| r.1)
            .unwrap_or(75)
    }

    /// Uniform Lifetime Table distribution period for an age at year end (ages below the table
    /// use its first row, ages past it its last).
    pub fn period(&self, age: u32) -> N {
        let i = age.saturating_sub(self.first_age) as usize;
        self.periods[i.min(self.periods.len() - 1)]
    }

    /// The RMD for a year: prior year-end balance over the period for the owner's age, rounded
    /// up to the cent so the requirement is always met. Zero before the start age.
    pub fn required(&self, age: u32, birth_year: i32, prior_balance: N) -> N {
        if age < self.start_age(birth_year) || prior_balance <= N::ZERO {
            return N::ZERO;
        }
        let exact = prior_balance / self.period(age);
        let cents = exact.trunc_cents();
        if cents < exact {
            cents + N::CENT
        } else {
            cents
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn rules() -> RmdRules<Decimal> {
        RmdRules::from_tables(LawTables::get().unwrap())
    }

    #[test]
    fn start_age_follows_secure_2() {
        let r = rules();
        assert_eq!(r.start_age(1950), 72);
        assert_eq!(r.start_age(1951), 73);
        assert_eq!(r.start_age(1959), 73);
        assert_eq!(r.start_age(1960), 75);
        assert_eq!(r.start_age(1990), 75);
    }

    #[test]
    fn rmd_is_prior_balance_over_the_period() {
        let r = rules();
        // born 1953, 73 in 2026: 26.5 → 1,000,000 / 26.5 = 37,735.849... → 37,735.85
        assert_eq!(r.required(73, 1953, dec!(1000000)), dec!(37735.85));
        assert_eq!(r.required(72, 1953, dec!(1000000)), Decimal::ZERO);
        assert_eq!(r.required(100, 1926, dec!(64000)), dec!(10000));
        assert_eq!(r.period(125), dec!(2.0));
    }

    #[test]
    fn a_study_rule_starts_at_its_age_with_its_table() {
        let t = LawTables::get().unwrap();
        let s = RmdRules::study(t, 70, true);
        assert_eq!(s.start_age(1961), 70);
        // Single Life Table at 70: 18.8 years; 1,000,000 / 18.8 = 53,191.489... → 53,191.49
        assert_eq!(s.required(70, 1961, dec!(1000000)), dec!(53191.49));
        assert_eq!(s.required(69, 1961, dec!(1000000)), Decimal::ZERO);
        let u = RmdRules::study(t, 70, false);
        // below the Uniform table's first age, its first row (27.4)
        assert_eq!(u.period(70), dec!(27.4));
    }
}
