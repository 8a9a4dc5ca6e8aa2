//! One state's law as data: the RON file's shape, and one year of it resolved for computing.
//!
//! A state file (`assets/tax/state/XX.ron`) holds every published year (2025 and 2026), its
//! sources, and how later years are indexed. Each year has the rate schedule and standard
//! deduction per filing status, plus the state's own named amounts (`params`) and tables
//! (`tables`: per-status step or bracket tables, such as a pension-exclusion phase-out). The
//! state's code (`xx.rs`) declares the names it reads; the loader checks that the file has
//! exactly those, so a typo fails at load with the file's name, never as a silent zero.

use crate::money::{index_down, index_nearest};
use crate::num::Num;
use crate::tax::error::TaxError;
use crate::tax::filing::{ByFiling, Filing};
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;

/// Whether and how the jurisdiction taxes income in this model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Status {
    /// A broad income tax, modelled.
    Modelled,
    /// No broad income tax (an explicit entry; a narrow tax such as Washington's on capital
    /// gains may still be computed by its code).
    NoIncomeTax,
    /// A taxing state whose rules are not modelled yet: resolving its law is an error.
    NotYetModelled,
}

/// How a later year's amounts follow from the last year in the file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indexing {
    /// What the state's law says, in words (shown in documentation).
    pub note: String,
    /// Rounding of indexed amounts: `Nearest(step)` or `Down(step)` dollars.
    #[serde(default = "no_rounding")]
    pub round: Rounding,
    /// Which amounts are indexed: `brackets` (the rate schedule's thresholds), `standard`, the
    /// name of a param, or the name of a table (its thresholds). Everything else is held flat.
    #[serde(default)]
    pub amounts: Vec<String>,
}

fn no_rounding() -> Rounding {
    Rounding::Nearest(Decimal::new(1, 2))
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub enum Rounding {
    Nearest(Decimal),
    Down(Decimal),
}

/// A value for every filing status, or one for all.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Amount {
    All(Decimal),
    ByFiling(ByFiling<Decimal>),
}

impl Amount {
    fn to_array(self) -> [Decimal; 4] {
        match self {
            Amount::All(v) => [v; 4],
            Amount::ByFiling(b) => b.to_array(),
        }
    }
}

/// Rows of `(threshold, value)`, lowest threshold first; per filing status or one for all.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Rows {
    All(Vec<(Decimal, Decimal)>),
    ByFiling(ByFiling<Vec<(Decimal, Decimal)>>),
}

impl Rows {
    fn to_array(&self) -> [Vec<(Decimal, Decimal)>; 4] {
        match self {
            Rows::All(v) => std::array::from_fn(|_| v.clone()),
            Rows::ByFiling(b) => [
                b.single.clone(),
                b.mfj.clone(),
                b.mfs.clone(),
                b.hoh.clone(),
            ],
        }
    }
}

impl Default for Rows {
    fn default() -> Self {
        Rows::All(Vec::new())
    }
}

/// One year of a state's law as the file states it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearTable {
    pub year: i32,
    /// The rate schedule: `(income over, rate)` rows.
    #[serde(default)]
    pub brackets: Rows,
    #[serde(default = "zero_amount")]
    pub standard: Amount,
    #[serde(default)]
    pub params: BTreeMap<String, Amount>,
    #[serde(default)]
    pub tables: BTreeMap<String, Rows>,
}

fn zero_amount() -> Amount {
    Amount::All(Decimal::ZERO)
}

/// A state's file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateTable {
    pub state: String,
    pub name: String,
    pub status: Status,
    /// Statutes, forms and instructions the figures come from.
    pub sources: Vec<String>,
    /// Where the file follows PolicyEngine-US rather than the form, or simplifies: in words.
    #[serde(default)]
    pub notes: Vec<String>,
    pub indexing: Indexing,
    #[serde(default)]
    pub years: Vec<YearTable>,
}

/// `(threshold, value)` rows for one filing status, ready to compute with: as a marginal rate
/// schedule ([`Schedule::tax`]) or as a step table ([`Schedule::step`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Schedule<N> {
    pub thresholds: Vec<N>,
    pub values: Vec<N>,
    /// Tax on income up to each threshold, when the values are rates.
    pub below: Vec<N>,
}

impl<N: Num> Schedule<N> {
    fn new(rows: &[(Decimal, Decimal)]) -> Schedule<N> {
        let thresholds: Vec<N> = rows.iter().map(|r| N::from_dec(r.0)).collect();
        let values: Vec<N> = rows.iter().map(|r| N::from_dec(r.1)).collect();
        let mut below = Vec::with_capacity(rows.len());
        let mut acc = N::ZERO;
        for i in 0..rows.len() {
            if i > 0 {
                acc += values[i - 1] * (thresholds[i] - thresholds[i - 1]);
            }
            below.push(acc);
        }
        Schedule {
            thresholds,
            values,
            below,
        }
    }

    /// Tax on `income` with the values as marginal rates over each threshold.
    #[inline]
    pub fn tax(&self, income: N) -> N {
        let n = self.thresholds.len();
        if n == 0 || income <= self.thresholds[0] {
            return N::ZERO;
        }
        let mut i = n - 1;
        while income <= self.thresholds[i] {
            i -= 1;
        }
        self.below[i] + self.values[i] * (income - self.thresholds[i])
    }

    /// The rate of the bracket `income` falls in (the next dollar's statutory rate).
    #[inline]
    pub fn rate(&self, income: N) -> N {
        let mut r = N::ZERO;
        for i in 0..self.thresholds.len() {
            if income >= self.thresholds[i] {
                r = self.values[i];
            }
        }
        r
    }

    /// The value of the last row whose threshold `x` has reached (`x >= threshold`); zero below
    /// the first row.
    #[inline]
    pub fn step(&self, x: N) -> N {
        let mut v = N::ZERO;
        for i in 0..self.thresholds.len() {
            if x >= self.thresholds[i] {
                v = self.values[i];
            } else {
                break;
            }
        }
        v
    }

    /// Like [`Schedule::step`], but a row applies only once `x` is strictly over its threshold
    /// (PolicyEngine's "over" for tables keyed by income).
    #[inline]
    pub fn step_over(&self, x: N) -> N {
        let mut v = N::ZERO;
        for i in 0..self.thresholds.len() {
            if x > self.thresholds[i] || (i == 0 && x >= self.thresholds[0]) {
                v = self.values[i];
            } else {
                break;
            }
        }
        v
    }

    fn map<M: Num>(&self, c: impl Fn(N) -> M + Copy) -> Schedule<M> {
        Schedule {
            thresholds: self.thresholds.iter().map(|x| c(*x)).collect(),
            values: self.values.iter().map(|x| c(*x)).collect(),
            below: self.below.iter().map(|x| c(*x)).collect(),
        }
    }
}

/// One state's law for one year, ready to compute with.
#[derive(Debug, Clone, PartialEq)]
pub struct StateLaw<N> {
    pub state: super::StateCode,
    pub year: i32,
    /// The rate schedule per filing status ([`Filing::index`]).
    pub brackets: [Schedule<N>; 4],
    pub standard: [N; 4],
    /// The state's named amounts, in the order its code declares them, per filing status.
    pub params: Vec<[N; 4]>,
    /// The state's named tables, in the order its code declares them, per filing status.
    pub tables: Vec<[Schedule<N>; 4]>,
}

impl<N: Num> StateLaw<N> {
    /// A named amount that is the same for every filing status (the first status's value).
    #[inline]
    pub fn p(&self, name: impl Into<usize>) -> N {
        self.params[name.into()][0]
    }

    /// A named amount for a filing status.
    #[inline]
    pub fn pf(&self, name: impl Into<usize>, filing: Filing) -> N {
        self.params[name.into()][filing.index()]
    }

    /// A named table for a filing status.
    #[inline]
    pub fn table(&self, name: impl Into<usize>, filing: Filing) -> &Schedule<N> {
        &self.tables[name.into()][filing.index()]
    }

    /// The rate schedule for a filing status.
    #[inline]
    pub fn schedule(&self, filing: Filing) -> &Schedule<N> {
        &self.brackets[filing.index()]
    }

    /// The same law in another number type (f64 for searches).
    pub fn convert<M: Num>(&self) -> StateLaw<M> {
        self.map_numbers(|x: N| M::from_dec(x.to_dec()))
    }

    /// The same law in another number type through `f64` (for slopes on dual numbers).
    pub fn via_f64<M: Num>(&self) -> StateLaw<M> {
        self.map_numbers(|x: N| M::from_f64(x.to_f64()))
    }

    fn map_numbers<M: Num>(&self, c: impl Fn(N) -> M + Copy) -> StateLaw<M> {
        StateLaw {
            state: self.state,
            year: self.year,
            brackets: std::array::from_fn(|i| self.brackets[i].map(c)),
            standard: self.standard.map(c),
            params: self.params.iter().map(|a| a.map(c)).collect(),
            tables: self
                .tables
                .iter()
                .map(|t| std::array::from_fn(|i| t[i].map(c)))
                .collect(),
        }
    }
}

/// What the state's code reads from its file: checked against the file when it loads.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub params: &'static [&'static str],
    pub tables: &'static [&'static str],
}

impl StateTable {
    /// Checks the file against what its code reads, naming the file in every error.
    pub(crate) fn check(&self, file: &str, code: &str, spec: Spec) -> Result<(), TaxError> {
        let bad = |message: String| {
            Err(TaxError::Table {
                file: file.to_string(),
                message,
            })
        };
        if !self.state.eq_ignore_ascii_case(code) {
            return bad(format!("state is '{}', expected '{code}'", self.state));
        }
        if self.status == Status::Modelled && self.years.is_empty() {
            return bad("a modelled state needs at least one year".into());
        }
        if self.years.windows(2).any(|w| w[1].year <= w[0].year) {
            return bad("years must be in increasing order".into());
        }
        for y in &self.years {
            for name in y.params.keys() {
                if !spec.params.contains(&name.as_str()) {
                    return bad(format!(
                        "{}: param '{name}' is not one the code reads ({})",
                        y.year,
                        spec.params.join(", ")
                    ));
                }
            }
            for name in spec.params {
                if !y.params.contains_key(*name) {
                    return bad(format!("{}: param '{name}' is missing", y.year));
                }
            }
            for name in y.tables.keys() {
                if !spec.tables.contains(&name.as_str()) {
                    return bad(format!(
                        "{}: table '{name}' is not one the code reads ({})",
                        y.year,
                        spec.tables.join(", ")
                    ));
                }
            }
            for name in spec.tables {
                if !y.tables.contains_key(*name) {
                    return bad(format!("{}: table '{name}' is missing", y.year));
                }
            }
            let all_rows = std::iter::once(&y.brackets).chain(y.tables.values());
            for rows in all_rows {
                for r in rows.to_array() {
                    if r.windows(2).any(|w| w[1].0 <= w[0].0) {
                        return bad(format!("{}: table thresholds must increase", y.year));
                    }
                }
            }
        }
        for name in &self.indexing.amounts {
            let known = name == "brackets"
                || name == "standard"
                || spec.params.contains(&name.as_str())
                || spec.tables.contains(&name.as_str());
            if !known {
                return bad(format!("indexing: '{name}' is not an amount of this file"));
            }
        }
        Ok(())
    }

    /// The law for `year`. Years after the last in the file take its amounts, those the file
    /// indexes multiplied by `index` (the price level of `year` relative to the last file year)
    /// and rounded as the file says; years before the first take the first year's amounts as
    /// they are.
    pub(crate) fn resolve(
        &self,
        state: super::StateCode,
        spec: Spec,
        year: i32,
        index: Decimal,
    ) -> Result<StateLaw<Decimal>, TaxError> {
        let last = self
            .years
            .last()
            .ok_or(TaxError::StateNotModelled(state.code()))?;
        let table = self
            .years
            .iter()
            .rev()
            .find(|t| t.year <= year)
            .unwrap_or(&self.years[0]);
        let indexed = year > last.year && index != Decimal::ONE;
        let wants = |name: &str| indexed && self.indexing.amounts.iter().any(|a| a == name);
        let round = |v: Decimal| -> Decimal {
            match self.indexing.round {
                Rounding::Nearest(step) => index_step(v, index, step, true),
                Rounding::Down(step) => index_step(v, index, step, false),
            }
        };
        let index_rows = |rows: &[(Decimal, Decimal)], on: bool| -> Vec<(Decimal, Decimal)> {
            rows.iter()
                .map(|(t, v)| (if on { round(*t) } else { *t }, *v))
                .collect()
        };
        let brackets_on = wants("brackets");
        let b = table.brackets.to_array();
        let brackets = std::array::from_fn(|i| Schedule::new(&index_rows(&b[i], brackets_on)));
        let mut standard = table.standard.to_array();
        if wants("standard") {
            standard = standard.map(round);
        }
        let mut params = Vec::with_capacity(spec.params.len());
        for name in spec.params {
            let mut v = table
                .params
                .get(*name)
                .copied()
                .unwrap_or(Amount::All(Decimal::ZERO))
                .to_array();
            if wants(name) {
                v = v.map(round);
            }
            params.push(v);
        }
        let mut tables = Vec::with_capacity(spec.tables.len());
        for name in spec.tables {
            let rows = table
                .tables
                .get(*name)
                .cloned()
                .unwrap_or_default()
                .to_array();
            let on = wants(name);
            tables.push(std::array::from_fn(|i| {
                Schedule::new(&index_rows(&rows[i], on))
            }));
        }
        Ok(StateLaw {
            state,
            year,
            brackets,
            standard,
            params,
            tables,
        })
    }
}

/// Which amounts of a state's law for a year follow prices, and how they round: enough to move a
/// law resolved at one price level to another without reading the file again (a simulation
/// re-indexes every year of every path).
#[derive(Debug, Clone, PartialEq)]
pub struct IndexMask {
    brackets: bool,
    standard: bool,
    params: Vec<bool>,
    tables: Vec<bool>,
    step: f64,
    nearest: bool,
}

impl StateTable {
    pub(crate) fn mask(&self, spec: Spec, year: i32) -> Option<IndexMask> {
        let last = self.years.last()?;
        if year <= last.year {
            return None;
        }
        let wants = |name: &str| self.indexing.amounts.iter().any(|a| a == name);
        let (step, nearest) = match self.indexing.round {
            Rounding::Nearest(s) => (s, true),
            Rounding::Down(s) => (s, false),
        };
        Some(IndexMask {
            brackets: wants("brackets"),
            standard: wants("standard"),
            params: spec.params.iter().map(|n| wants(n)).collect(),
            tables: spec.tables.iter().map(|n| wants(n)).collect(),
            step: f64::from_dec(step),
            nearest,
        })
    }
}

impl StateLaw<f64> {
    /// Makes this law `base` (the law resolved unindexed, at a price index of 1) indexed by
    /// `index`, as [`StateLaw::resolve`] would, on floats: the same amounts, the same rounding.
    pub fn reindex(&mut self, base: &StateLaw<f64>, mask: &IndexMask, index: f64) {
        // Half a step, give or take the binary rounding of an exact decimal tie.
        const TIE: f64 = 1e-9;
        let round = |v: f64| {
            let units = v * index / mask.step + if mask.nearest { 0.5 + TIE } else { TIE };
            units.floor() * mask.step
        };
        let schedule = |out: &mut Schedule<f64>, from: &Schedule<f64>, on: bool| {
            if on {
                for (t, b) in out.thresholds.iter_mut().zip(&from.thresholds) {
                    *t = round(*b);
                }
                out.rebuild_below();
            }
        };
        for i in 0..4 {
            schedule(&mut self.brackets[i], &base.brackets[i], mask.brackets);
            if mask.standard {
                self.standard[i] = round(base.standard[i]);
            }
        }
        for (k, on) in mask.params.iter().enumerate() {
            if *on {
                for i in 0..4 {
                    self.params[k][i] = round(base.params[k][i]);
                }
            }
        }
        for (k, on) in mask.tables.iter().enumerate() {
            for i in 0..4 {
                schedule(&mut self.tables[k][i], &base.tables[k][i], *on);
            }
        }
    }
}

impl<N: Num> Schedule<N> {
    /// The tax below each threshold, after the thresholds moved.
    fn rebuild_below(&mut self) {
        let mut acc = N::ZERO;
        for i in 0..self.thresholds.len() {
            if i > 0 {
                acc += self.values[i - 1] * (self.thresholds[i] - self.thresholds[i - 1]);
            }
            self.below[i] = acc;
        }
    }
}

/// `value × index` rounded to a multiple of `step` (which may be a fraction of a dollar);
/// values that are not money-like (rates below one, or zero) are left alone by the callers'
/// choice of what to index.
fn index_step(value: Decimal, index: Decimal, step: Decimal, nearest: bool) -> Decimal {
    if step >= Decimal::ONE && step.fract().is_zero() {
        let s = i64::try_from(step.mantissa() / 10i128.pow(step.scale())).unwrap_or(1);
        if value >= Decimal::ZERO {
            return if nearest {
                index_nearest(value, index, s)
            } else {
                index_down(value, index, s)
            };
        }
    }
    let raw = value * index / step;
    let whole = if nearest {
        raw.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    } else {
        raw.floor()
    };
    whole * step
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn schedule_taxes_by_bracket_and_steps_by_threshold() {
        let s: Schedule<Decimal> = Schedule::new(&[
            (dec!(0), dec!(0.02)),
            (dec!(500), dec!(0.04)),
            (dec!(3000), dec!(0.05)),
        ]);
        // Alabama single: 2% of 500 + 4% of 2,500 + 5% of 7,000 = 10 + 100 + 350
        assert_eq!(s.tax(dec!(10000)), dec!(460));
        assert_eq!(s.tax(dec!(400)), dec!(8));
        assert_eq!(s.tax(dec!(-5)), dec!(0));
        assert_eq!(s.rate(dec!(3000)), dec!(0.05));
        assert_eq!(s.step(dec!(499)), dec!(0.02));
        assert_eq!(s.step(dec!(500)), dec!(0.04));
        assert_eq!(s.step_over(dec!(500)), dec!(0.02));
    }

    #[test]
    fn index_step_rounds_to_the_step() {
        assert_eq!(
            index_step(dec!(1000), dec!(1.0333), dec!(1), true),
            dec!(1033)
        );
        assert_eq!(
            index_step(dec!(1000), dec!(1.0333), dec!(50), false),
            dec!(1000)
        );
        assert_eq!(
            index_step(dec!(1000), dec!(1.0333), dec!(0.01), true),
            dec!(1033.30)
        );
    }
}
