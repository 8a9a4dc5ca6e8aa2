//! How long people live: the SSA period life table (`assets/life/ssa-period-life.ron`), each
//! person's chance of being alive at the end of every plan year, the household's joint and
//! survivor chances, life expectancy, and a projection's figures weighted by them.
//!
//! As in the engine, a person reaches age A in January of `birth_year + A`; the table's q(A) is
//! the chance of dying within that year. Deaths of the two people are taken as independent.

use super::ledger::Projection;
use super::scenario::REAL_DP;
use crate::assets;
use crate::num::Num;
use crate::num::RoundTo;
use crate::plan::{Plan, Sex};
use rust_decimal::Decimal;
use serde::Deserialize;
use std::path::PathBuf;
use std::sync::OnceLock;

const TABLE: (&str, &str) = (
    "life/ssa-period-life.ron",
    include_str!("../../assets/life/ssa-period-life.ron"),
);

/// Probabilities are kept to 12 decimals: far finer than the table's six, and short enough
/// that products over a lifetime stay quick.
const DP: u32 = 12;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LifeTable {
    /// (age, male q, female q) for every age from 0, the last row 1.
    pub qx: Vec<(u32, Decimal, Decimal)>,
}

impl LifeTable {
    /// The shipped table with any `DRAWDOWN_ASSETS` override; parsed on first use.
    pub fn get() -> Result<&'static LifeTable, assets::AssetError> {
        static T: OnceLock<Result<LifeTable, assets::AssetError>> = OnceLock::new();
        assets::cached(&T, || LifeTable::load(assets::override_dir()))
    }

    pub fn load(dir: Option<PathBuf>) -> Result<LifeTable, assets::AssetError> {
        assets::load_checked(dir.as_deref(), TABLE, |t: &LifeTable| {
            let ages_ok = t.qx.iter().enumerate().all(|(i, r)| r.0 as usize == i);
            let unit = |q: Decimal| (Decimal::ZERO..=Decimal::ONE).contains(&q);
            let q_ok = t.qx.iter().all(|r| unit(r.1) && unit(r.2));
            let last_ok =
                t.qx.last()
                    .is_some_and(|r| r.1 == Decimal::ONE && r.2 == Decimal::ONE);
            (ages_ok && q_ok && last_ok).then_some(()).ok_or_else(|| {
                "ages must run 0, 1, 2, … with probabilities from 0 to 1 and the last row 1"
                    .to_string()
            })
        })
    }

    /// The chance of dying within the year at `age`, for `sex`, times `multiplier` (at most 1;
    /// 1 past the table's last age).
    pub fn q(&self, age: u32, sex: Sex, multiplier: Decimal) -> Decimal {
        let Some(&(_, m, f)) = self.qx.get(age as usize) else {
            return Decimal::ONE;
        };
        let base = match sex {
            Sex::Male => m,
            Sex::Female => f,
            Sex::Unisex => (m + f) / Decimal::TWO,
        };
        (base * multiplier).min(Decimal::ONE)
    }
}

/// A person's chances over the plan's years.
#[derive(Debug, Clone, PartialEq)]
pub struct Survival {
    /// Per plan year, the chance each person is alive at its end (given alive at the start of
    /// the plan); 0 for a person the plan does not have.
    pub alive: Vec<[Decimal; 2]>,
    /// How many people the plan has.
    pub people: usize,
    /// Each person's life expectancy: the expected age at death, from their age at the start of
    /// the plan (dying on average mid-year).
    pub expected_age_at_death: [Decimal; 2],
    /// Per plan year, the chance the household's last death falls in it and the chance someone
    /// is alive at its start: worked out once, since every projection of the plan weighs its
    /// years by them.
    last_death: Vec<Decimal>,
    alive_at_start: Vec<Decimal>,
}

impl Survival {
    /// From the life table for a plan's people and `years` plan years.
    pub fn for_plan(plan: &Plan, table: &LifeTable, years: usize) -> Survival {
        let q = |i: usize, age: u32| {
            let p = &plan.people[i];
            table.q(age, p.sex, p.mortality)
        };
        Survival::from_q(plan, years, &q)
    }

    /// With the death probabilities `q(person, age)`.
    pub fn from_q(plan: &Plan, years: usize, q: &dyn Fn(usize, u32) -> Decimal) -> Survival {
        let start = plan.assumptions.start_year;
        let people = plan.people.len().min(2);
        let mut alive = vec![[Decimal::ZERO; 2]; years];
        let mut expected_age_at_death = [Decimal::ZERO; 2];
        for i in 0..people {
            let first = (start - plan.people[i].birth_year).max(0) as u32;
            let mut s = Decimal::ONE;
            // Life expectancy runs to the table's end, past the plan's years.
            let mut expected = Decimal::ZERO;
            let mut age = first;
            while s > Decimal::ZERO && age < 200 {
                let before = s;
                s = (s * (Decimal::ONE - q(i, age))).round_to(DP);
                // Those dying this year live on average half of it.
                expected += (before + s) / Decimal::TWO;
                let k = (age - first) as usize;
                if k < years {
                    alive[k][i] = s;
                }
                age += 1;
            }
            expected_age_at_death[i] = Decimal::from(first) + expected;
        }
        let mut s = Survival {
            alive,
            people,
            expected_age_at_death,
            last_death: Vec::new(),
            alive_at_start: Vec::new(),
        };
        s.last_death = (0..years).map(|k| s.last_death_in(k)).collect();
        s.alive_at_start = (0..years)
            .map(|k| {
                if k == 0 {
                    Decimal::ONE
                } else {
                    s.either(k - 1)
                }
            })
            .collect();
        s
    }

    /// The chance both are alive at the end of year `k` (a single person: that person).
    pub fn both(&self, k: usize) -> Decimal {
        let a = self.alive[k];
        if self.people == 2 {
            (a[0] * a[1]).round_to(DP)
        } else {
            a[0]
        }
    }

    /// The chance at least one is alive at the end of year `k`.
    pub fn either(&self, k: usize) -> Decimal {
        let a = self.alive[k];
        if self.people == 2 {
            a[0] + a[1] - self.both(k)
        } else {
            a[0]
        }
    }

    /// The chance exactly one of a couple is alive at the end of year `k`: a survivor's years.
    pub fn survivor_only(&self, k: usize) -> Decimal {
        self.either(k) - self.both(k)
    }

    /// The chance the household's last death falls in year `k` (the last year takes every life
    /// that goes on past the plan).
    fn last_death_in(&self, k: usize) -> Decimal {
        let before = if k == 0 {
            Decimal::ONE
        } else {
            self.either(k - 1)
        };
        if k + 1 == self.alive.len() {
            before
        } else {
            before - self.either(k)
        }
    }
}

/// A projection's figures weighted by how long the household lives.
#[derive(Debug, Clone, PartialEq)]
pub struct Weighted {
    /// The after-tax estate at the last death, expected over when it happens (the plan's last
    /// year stands for every later death), nominal and in today's dollars.
    pub estate: Decimal,
    pub estate_real: Decimal,
    /// The chance the money lasts as long as either person lives.
    pub money_lasts: Decimal,
    /// Expected Social Security received over the plan, in today's dollars: each year's benefits
    /// weighted by the chance someone is alive to receive them.
    pub social_security_real: Decimal,
}

/// `survival`'s weights over one scenario's years, with what no strategy changes worked out
/// once: each year's chance of the last death in today's dollars (divided by the price level at
/// the year's end), and the expected Social Security. Every strategy's projection of a scenario
/// shares its years' price levels and benefits, so a comparison builds this once and weighs each
/// column with two multiplications a year instead of two divisions.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    last_death: Vec<Decimal>,
    last_death_real: Vec<Decimal>,
    alive_at_start: Vec<Decimal>,
    social_security_real: Decimal,
}

impl Weights {
    /// The weights for the years of `p` (any projection of the scenario: only its price levels
    /// and benefits are read).
    pub fn new<N: Num>(survival: &Survival, p: &Projection<N>) -> Weights {
        let n = p.rows.len().min(survival.alive.len());
        let rows = &p.rows[..n];
        let last_death = survival.last_death[..n].to_vec();
        let last_death_real = rows
            .iter()
            .zip(&last_death)
            .map(|(r, w)| {
                if w.is_zero() {
                    Decimal::ZERO
                } else {
                    // Kept to the deflator's decimals, for the same reason.
                    w.ratio_short(r.price_level_end.to_dec(), REAL_DP)
                }
            })
            .collect();
        let alive_at_start = survival.alive_at_start[..n].to_vec();
        let mut social_security_real = Decimal::ZERO;
        for (r, alive) in rows.iter().zip(&alive_at_start) {
            // Benefits are received by whoever is alive at the start of the year.
            if !alive.is_zero() {
                social_security_real += *alive * r.social_security.ratio(r.price_level).to_dec();
            }
        }
        Weights {
            last_death,
            last_death_real,
            alive_at_start,
            social_security_real,
        }
    }

    /// The projection's figures weighted: what the heirs receive in the year of the household's
    /// last death, and whether the money ran out while someone was alive. The years are those of
    /// the projection, in which both people live to their planning ages; a death earlier than
    /// planned changes the weights, not the years. With every death probability zero these are
    /// the projection's own figures (its estate at the end, and whether it lasted).
    pub fn weigh<N: Num>(&self, p: &Projection<N>) -> Weighted {
        let mut estate = Decimal::ZERO;
        let mut estate_real = Decimal::ZERO;
        let mut money_lasts = Decimal::ONE;
        let mut ran_out = false;
        for (k, r) in p.rows.iter().take(self.last_death.len()).enumerate() {
            let w = self.last_death[k];
            if !w.is_zero() {
                let e = r.closing.after_tax_estate(p.heirs_rate).to_dec();
                estate += w * e;
                estate_real += self.last_death_real[k] * e;
            }
            if !ran_out && r.shortfall > N::ZERO {
                ran_out = true;
                // It runs out in year k: it lasted only for those whose last death came before.
                money_lasts = Decimal::ONE - self.alive_at_start[k];
            }
        }
        Weighted {
            estate: estate.round_to(2),
            estate_real: estate_real.round_to(2),
            money_lasts: money_lasts.round_to(6),
            social_security_real: self.social_security_real.round_to(2),
        }
    }
}

/// The projection's figures weighted by `survival` ([`Weights::weigh`]); a comparison of several
/// strategies builds the [`Weights`] once instead.
pub fn weighted<N: Num>(p: &Projection<N>, survival: &Survival) -> Weighted {
    Weights::new(survival, p).weigh(p)
}
