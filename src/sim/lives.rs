//! Sampled lifetimes: each path draws each person's year of death from the SSA life table (their
//! sex and mortality multiplier), and the path then runs only while someone is alive, with the
//! survivor's benefits, filing and spending from the drawn death.
//!
//! A drawn death changes much of a year (who is alive, the filing status, survivor Social
//! Security month by month, survivor pensions, the survivor's share of spending, Medicare and
//! Marketplace coverage), so each pair of death years is built by the engine's own scenario
//! builder, once, on the plan's constant path; [`Repath`](super::Repath) then moves it to each
//! path's prices as it does the plan's own years. Only the fields a death changes are kept per
//! pair: a couple has at most a few hundred pairs with any chance.
//!
//! A path's deaths come from their own random stream (the seed, the path's index and a salt),
//! so the market path of index `i` is the same with or without sampled lifetimes: comparing the
//! two modes compares lifetimes, not luck.

use super::error::SimError;
use super::rng::PathRng;
use crate::engine::health::HealthYear;
use crate::engine::mortality::{LifeTable, Survival};
use crate::engine::{OwnIncome, ReturnPath, Scenario};
use crate::num::Num;
use crate::plan::Plan;
use crate::tax::Filing;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Keeps the deaths' stream apart from the returns' stream of the same path.
const SALT: u64 = 0x6c69_6665_7469_6d65;

/// The fields of a year a death changes, on the plan's constant path (its price levels).
#[derive(Debug, Clone, PartialEq)]
pub struct LifeYear {
    pub alive: [bool; 2],
    pub filing: Filing,
    pub own: [OwnIncome<f64>; 2],
    pub pensions: f64,
    pub wages: f64,
    pub living: f64,
    pub enrolled_months: u32,
    pub health: HealthYear<f64>,
}

/// One pair of death years: the years someone is alive, first year first.
#[derive(Debug, Clone, PartialEq)]
pub struct Lived {
    pub years: Vec<LifeYear>,
}

/// Draws lifetimes for a plan and builds (and keeps) the years each pair of deaths gives.
pub struct Lives {
    plan: Plan,
    seed: u64,
    start: i32,
    /// Per person, the chance of being alive at the end of each plan year up to their planning
    /// age's year.
    survival: Vec<Vec<f64>>,
    /// Per person, the year of their planning age: no drawn life runs past it.
    last_years: Vec<i32>,
    built: Mutex<HashMap<Vec<i32>, Arc<Lived>>>,
}

impl Lives {
    /// For a valid plan; `seed` is the simulation's.
    pub fn new(plan: &Plan, seed: u64) -> Result<Lives, SimError> {
        let table = LifeTable::get()?;
        let years = plan.horizon_years();
        let start = plan.assumptions.start_year;
        let chances = Survival::for_plan(plan, table, years);
        let people = plan.people.len().min(2);
        let last_years: Vec<i32> = plan.people[..people]
            .iter()
            .map(|p| crate::plan::last_year(p.birth_year, p.planning_age))
            .collect();
        let survival = (0..people)
            .map(|i| {
                let own_years = usize::try_from(last_years[i] - start + 1).unwrap_or(0);
                chances
                    .alive
                    .iter()
                    .take(own_years.min(years))
                    .map(|a| a[i].to_f64())
                    .collect()
            })
            .collect();
        Ok(Lives {
            plan: plan.clone(),
            seed,
            start,
            survival,
            last_years,
            built: Mutex::new(HashMap::new()),
        })
    }

    /// Each person's last year alive on path `index`: the year a uniform draw first reaches
    /// their chance of being alive at its end (so a year is drawn with the chance of dying in
    /// it), or the year of their planning age.
    pub fn draw(&self, index: usize) -> Vec<i32> {
        let mut rng = PathRng::new(self.seed ^ SALT, index as u64);
        self.survival
            .iter()
            .zip(&self.last_years)
            .map(|(alive, &last)| {
                let u = rng.uniform();
                alive
                    .iter()
                    .position(|&s| u >= s)
                    .map_or(last, |k| self.start + k as i32)
            })
            .collect()
    }

    /// The years the deaths `last_years` give, built on first use.
    pub fn lived(&self, last_years: &[i32]) -> Result<Arc<Lived>, SimError> {
        if let Some(l) = self.lock().get(last_years) {
            return Ok(Arc::clone(l));
        }
        // Built outside the lock: two workers may build the same pair once each, with the same
        // result, rather than one waiting on the other.
        let lived = Arc::new(self.build(last_years)?);
        self.lock()
            .entry(last_years.to_vec())
            .or_insert_with(|| Arc::clone(&lived));
        Ok(lived)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Vec<i32>, Arc<Lived>>> {
        // The map holds only finished entries: a panic elsewhere cannot leave it half-written.
        self.built.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn build(&self, last_years: &[i32]) -> Result<Lived, SimError> {
        let path = ReturnPath::constant(&self.plan);
        let exact = Scenario::<Decimal>::build_lived(&self.plan, &path, Some(last_years))?;
        let end = last_years.iter().copied().max().unwrap_or(self.start);
        let years = usize::try_from(end - self.start + 1).unwrap_or(0);
        Ok(Lived {
            years: exact
                .years
                .iter()
                .take(years)
                .map(|y| LifeYear {
                    alive: y.alive,
                    filing: y.filing,
                    own: y.own.map(|o| OwnIncome {
                        wages: o.wages.to_f64(),
                        self_employment: o.self_employment.to_f64(),
                        private_pension: o.private_pension.to_f64(),
                        government_pension: o.government_pension.to_f64(),
                        social_security: o.social_security.to_f64(),
                    }),
                    pensions: y.pensions.to_f64(),
                    wages: y.wages.to_f64(),
                    living: y.living.to_f64(),
                    enrolled_months: y.enrolled_months,
                    health: y.health.to_f64(),
                })
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Person, Sex};

    fn couple() -> Plan {
        let mut plan = crate::plan::demo_plan();
        plan.people[0].sex = Sex::Male;
        plan.people[1].sex = Sex::Female;
        plan
    }

    #[test]
    fn no_death_before_the_planning_age_when_no_one_dies() {
        let mut plan = couple();
        for p in &mut plan.people {
            p.mortality = Decimal::ZERO;
        }
        let lives = Lives::new(&plan, 42).unwrap();
        let planned: Vec<i32> = plan
            .people
            .iter()
            .map(|p: &Person| crate::plan::last_year(p.birth_year, p.planning_age))
            .collect();
        for i in 0..500 {
            assert_eq!(lives.draw(i), planned);
        }
    }

    #[test]
    fn drawn_deaths_follow_the_table() {
        // Over many draws, the share of the first person alive at the end of each year is the
        // table's chance, within sampling error (4 standard errors).
        let plan = couple();
        let lives = Lives::new(&plan, 7).unwrap();
        let n = 20_000;
        let draws: Vec<Vec<i32>> = (0..n).map(|i| lives.draw(i)).collect();
        for (k, &s) in lives.survival[0].iter().enumerate() {
            let year = lives.start + k as i32;
            let alive = draws.iter().filter(|d| d[0] > year).count() as f64 / n as f64;
            let se = (s * (1.0 - s) / n as f64).sqrt().max(1e-4);
            // The last planning year keeps everyone still alive: only earlier years compare.
            if year < lives.last_years[0] {
                assert!((alive - s).abs() < 4.0 * se, "year {year}: {alive} vs {s}");
            }
        }
        // Deaths of the two are drawn independently.
        let both = draws
            .iter()
            .filter(|d| d[0] > lives.start + 10 && d[1] > lives.start + 10)
            .count() as f64
            / n as f64;
        let expect = lives.survival[0][10] * lives.survival[1][10];
        assert!((both - expect).abs() < 0.02, "{both} vs {expect}");
    }

    #[test]
    fn a_drawn_death_gives_the_survivor_single_filing_and_the_larger_benefit() {
        let plan = couple();
        let lives = Lives::new(&plan, 1).unwrap();
        let start = plan.assumptions.start_year;
        let lived = lives.lived(&[start + 4, start + 20]).unwrap();
        assert_eq!(lived.years.len(), 21);
        assert_eq!(lived.years[4].alive, [true, true]);
        assert_eq!(lived.years[4].filing, Filing::Mfj);
        assert_eq!(lived.years[6].alive, [false, true]);
        assert_eq!(lived.years[6].filing, Filing::Single);
        // The same pair is built once.
        let again = lives.lived(&[start + 4, start + 20]).unwrap();
        assert!(Arc::ptr_eq(&lived, &again));
    }
}
