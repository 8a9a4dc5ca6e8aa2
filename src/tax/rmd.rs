//! Required minimum distributions from tax-deferred accounts.

use super::tables::{JointLifeTable, LawTables};
use crate::num::Num;
use rust_decimal::Decimal;
use std::sync::Arc;

/// The RMD rules, ready to compute with.
#[derive(Debug, Clone, PartialEq)]
pub struct RmdRules<N> {
    first_age: u32,
    periods: Vec<N>,
    start_ages: Vec<(i32, u32)>,
    /// A study's one start age for everyone, in place of the start ages by birth year.
    fixed_start: Option<u32>,
    /// Under current law, the Joint and Last Survivor Table, for an owner whose sole
    /// beneficiary is a spouse more than ten years younger.
    joint: Option<Arc<JointLifeTable>>,
    /// The Single Life Table (Pub. 590-B Table I) from `single_first_age`: a beneficiary's life
    /// expectancy, whatever rule the owner's RMDs follow.
    single_first_age: u32,
    single: Vec<N>,
}

/// The gap in ages past which a spouse beneficiary's own age sets the period (Pub. 590-B: "more
/// than 10 years younger").
const JOINT_GAP: u32 = 10;

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
            joint: None,
            single_first_age: tables.single_life.periods[0].0,
            single: tables.single_life.periods.iter().map(|p| p.1).collect(),
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
            joint: None,
            single_first_age: tables.single_life.periods[0].0,
            single: tables.single_life.periods.iter().map(|p| p.1).collect(),
        }
    }

    /// These rules with the Joint and Last Survivor Table, for accounts whose sole beneficiary
    /// is a spouse more than ten years younger (current law; a study's rule keeps its table).
    pub fn with_joint(mut self, table: Arc<JointLifeTable>) -> RmdRules<Decimal> {
        if self.fixed_start.is_none() {
            self.joint = Some(table);
        }
        self
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
            joint: self.joint.clone(),
            single_first_age: self.single_first_age,
            single: self.single.iter().map(|p| c(*p)).collect(),
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

    /// Single Life Table life expectancy at an age (ages past the table use its last row).
    pub fn single_life(&self, age: u32) -> N {
        let i = age.saturating_sub(self.single_first_age) as usize;
        self.single[i.min(self.single.len() - 1)]
    }

    /// The period for an owner of `age` whose sole beneficiary all year is a spouse of
    /// `spouse_age` (None: any other beneficiary): under current law, the Joint and Last
    /// Survivor Table when the spouse is more than ten years younger, else [`Self::period`].
    pub fn period_with_spouse(&self, age: u32, spouse_age: Option<u32>) -> N {
        match (&self.joint, spouse_age) {
            (Some(table), Some(spouse)) if age > spouse + JOINT_GAP => {
                N::from_dec(table.period(age, spouse))
            }
            _ => self.period(age),
        }
    }

    /// Whether [`Self::period_with_spouse`] reads the Joint and Last Survivor Table.
    pub fn is_joint(&self, age: u32, spouse_age: Option<u32>) -> bool {
        self.joint.is_some() && spouse_age.is_some_and(|s| age > s + JOINT_GAP)
    }

    /// The RMD for a year: prior year-end balance over the period for the owner's age, rounded
    /// up to the cent so the requirement is always met. Zero before the start age.
    pub fn required(&self, age: u32, birth_year: i32, prior_balance: N) -> N {
        self.required_with_spouse(age, birth_year, None, prior_balance)
    }

    /// [`Self::required`] with the period of [`Self::period_with_spouse`].
    pub fn required_with_spouse(
        &self,
        age: u32,
        birth_year: i32,
        spouse_age: Option<u32>,
        prior_balance: N,
    ) -> N {
        if age < self.start_age(birth_year) || prior_balance <= N::ZERO {
            return N::ZERO;
        }
        over_period(prior_balance, self.period_with_spouse(age, spouse_age))
    }
}

/// A balance over a distribution period (more than a year), rounded up to the cent so that the
/// requirement is always met.
pub fn over_period<N: Num>(balance: N, period: N) -> N {
    let exact = balance / period;
    let cents = exact.trunc_cents();
    if cents < exact {
        cents + N::CENT
    } else {
        cents
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn rules() -> RmdRules<Decimal> {
        RmdRules::from_tables(LawTables::get().unwrap())
            .with_joint(LawTables::joint_last_survivor().unwrap())
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
        let u = RmdRules::study(t, 70, false).with_joint(LawTables::joint_last_survivor().unwrap());
        // below the Uniform table's first age, its first row (27.4)
        assert_eq!(u.period(70), dec!(27.4));
        // a study's rule keeps its own table whatever the beneficiary
        assert_eq!(u.period_with_spouse(75, Some(60)), dec!(24.6));
    }

    #[test]
    fn a_spouse_more_than_ten_years_younger_sets_the_period_by_the_joint_table() {
        let r = rules();
        // Pub. 590-B Table II cells: owner 75 and spouse 60, 28.3 (Uniform Lifetime: 24.6);
        // owner 73 and spouse 60, 28.6 (Uniform: 26.5); owner 75 and spouse 64, 25.3.
        assert_eq!(r.period_with_spouse(75, Some(60)), dec!(28.3));
        assert_eq!(r.period_with_spouse(73, Some(60)), dec!(28.6));
        assert_eq!(r.period_with_spouse(75, Some(64)), dec!(25.3));
        // exactly ten years younger, or another beneficiary: the Uniform Lifetime Table
        assert_eq!(r.period_with_spouse(75, Some(65)), dec!(24.6));
        assert_eq!(r.period_with_spouse(75, None), dec!(24.6));
        // an older spouse never lengthens the period
        assert_eq!(r.period_with_spouse(75, Some(80)), dec!(24.6));
        // born 1951, 75 in 2026, $1,000,000 at the end of 2025, spouse 60:
        // 1,000,000 / 28.3 = 35,335.689... → 35,335.69 (Uniform: 40,650.41)
        assert_eq!(
            r.required_with_spouse(75, 1951, Some(60), dec!(1000000)),
            dec!(35335.69)
        );
        assert_eq!(r.required(75, 1951, dec!(1000000)), dec!(40650.41));
        // before the start age nothing is due, whatever the table
        assert_eq!(
            r.required_with_spouse(72, 1954, Some(50), dec!(1000000)),
            Decimal::ZERO
        );
        // the f64 copy reads the same cells
        assert_eq!(r.to_f64().period_with_spouse(75, Some(60)), 28.3);
    }
}
