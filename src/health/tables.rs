//! The health-coverage law as data: `assets/health/*.ron`, embedded at build time, replaceable
//! through `DRAWDOWN_ASSETS` (see `crate::assets`), parsed and checked once.

use super::error::HealthError;
use super::region::StateCode;
use crate::assets;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const ACA: (&str, &str) = (
    "health/aca.ron",
    include_str!("../../assets/health/aca.ron"),
);
const POVERTY: (&str, &str) = (
    "health/poverty-guidelines.ron",
    include_str!("../../assets/health/poverty-guidelines.ron"),
);
const MEDICAID: (&str, &str) = (
    "health/medicaid.ron",
    include_str!("../../assets/health/medicaid.ron"),
);
const AGE_CURVE: (&str, &str) = (
    "health/age-curve.ron",
    include_str!("../../assets/health/age-curve.ron"),
);
const MEDICARE: (&str, &str) = (
    "health/medicare.ron",
    include_str!("../../assets/health/medicare.ron"),
);

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcaFile {
    pub years: Vec<AcaYear>,
    pub default_benchmark: DefaultBenchmark,
}

/// One coverage year's applicable percentage table and income limits (multiples of the prior
/// year's poverty guideline).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcaYear {
    pub year: i32,
    pub lower_limit: Decimal,
    pub upper_limit: Option<Decimal>,
    pub bands: Vec<AcaBandRow>,
}

/// A band of the table: from `from` (a multiple of the poverty line) to the next band's `from`,
/// the percentage rising from `initial` to `final`. The last band is flat.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcaBandRow {
    pub from: Decimal,
    pub initial: Decimal,
    #[serde(rename = "final")]
    pub end: Decimal,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DefaultBenchmark {
    pub year: i32,
    pub age: u32,
    pub monthly: Decimal,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PovertyFile {
    pub years: Vec<PovertyYear>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PovertyYear {
    pub year: i32,
    pub contiguous: Guideline,
    pub alaska: Guideline,
    pub hawaii: Guideline,
}

/// A poverty guideline: the line for one person and the amount each further person adds.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guideline {
    pub first: Decimal,
    pub additional: Decimal,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MedicaidFile {
    /// Per state: from which year which adult income limit holds (`None`: no coverage).
    pub adult_limits: Vec<(String, LimitHistory)>,
    pub basic_health_programs: Vec<BasicHealthProgram>,
}

/// From which year which limit holds (a multiple of the current poverty line; `None`: none).
pub type LimitHistory = Vec<(i32, Option<Decimal>)>;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasicHealthProgram {
    pub state: String,
    pub from_year: i32,
    pub to_year: Option<i32>,
    pub limit: Decimal,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgeCurveFile {
    pub factors: Vec<(u32, Decimal)>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MedicareFile {
    pub part_d_base: Vec<(i32, Decimal)>,
}

/// Every health table, parsed and checked.
#[derive(Debug, Clone)]
pub struct HealthTables {
    pub aca: AcaFile,
    pub poverty: PovertyFile,
    pub medicaid: MedicaidFile,
    pub age_curve: AgeCurveFile,
    pub medicare: MedicareFile,
}

impl HealthTables {
    /// The shipped tables with any `DRAWDOWN_ASSETS` overrides; parsed on first use.
    pub fn get() -> Result<&'static HealthTables, HealthError> {
        static TABLES: OnceLock<Result<HealthTables, HealthError>> = OnceLock::new();
        assets::cached(&TABLES, || HealthTables::load(assets::override_dir()))
    }

    /// Loads the tables, reading a file from `dir` in place of the embedded copy where present.
    pub fn load(dir: Option<PathBuf>) -> Result<HealthTables, HealthError> {
        let dir = dir.as_deref();
        let (file, aca): (_, AcaFile) = read(dir, ACA)?;
        check_aca(&file, &aca)?;
        let (file, poverty): (_, PovertyFile) = read(dir, POVERTY)?;
        check_poverty(&file, &poverty)?;
        let (file, medicaid): (_, MedicaidFile) = read(dir, MEDICAID)?;
        check_medicaid(&file, &medicaid)?;
        let (file, age_curve): (_, AgeCurveFile) = read(dir, AGE_CURVE)?;
        let ages_ok = age_curve.factors.len() == 65
            && age_curve
                .factors
                .iter()
                .enumerate()
                .all(|(i, (age, f))| *age as usize == i && *f > Decimal::ZERO);
        if !ages_ok {
            return Err(HealthError::table(
                &file,
                "factors must run from age 0 to 64, one by one, all positive",
            ));
        }
        let (file, medicare): (_, MedicareFile) = read(dir, MEDICARE)?;
        if medicare.part_d_base.is_empty()
            || !years_increase(medicare.part_d_base.iter().map(|r| r.0))
            || medicare.part_d_base.iter().any(|r| r.1 < Decimal::ZERO)
        {
            return Err(HealthError::table(
                &file,
                "part_d_base needs years in increasing order and amounts of at least zero",
            ));
        }
        Ok(HealthTables {
            aca,
            poverty,
            medicaid,
            age_curve,
            medicare,
        })
    }

    pub fn aca_year(&self, year: i32) -> Option<&AcaYear> {
        self.aca.years.iter().find(|t| t.year == year)
    }

    /// The table a coverage year uses: its own, or the last one for later years.
    pub fn aca_for(&self, year: i32) -> Result<&AcaYear, HealthError> {
        let first = self.aca.years[0].year;
        if year < first {
            return Err(HealthError::UnsupportedYear {
                year,
                what: "premium tax credit",
                first,
            });
        }
        Ok(self
            .aca_year(year)
            .unwrap_or_else(|| self.aca.years.last().expect("checked non-empty")))
    }

    /// The adult Medicaid income limit of a state in a year (`None`: no coverage for adults).
    pub fn medicaid_limit(&self, state: StateCode, year: i32) -> Option<Decimal> {
        let (_, history) = self
            .medicaid
            .adult_limits
            .iter()
            .find(|(s, _)| s == state.as_str())?;
        history
            .iter()
            .rev()
            .find(|(from, _)| *from <= year)
            .and_then(|(_, limit)| *limit)
    }

    /// The Basic Health Program's upper income limit in a state and year, if it runs one.
    pub fn basic_health_limit(&self, state: StateCode, year: i32) -> Option<Decimal> {
        self.medicaid
            .basic_health_programs
            .iter()
            .find(|b| {
                b.state == state.as_str()
                    && b.from_year <= year
                    && b.to_year.is_none_or(|t| year <= t)
            })
            .map(|b| b.limit)
    }
}

fn read<T: for<'de> Deserialize<'de>>(
    dir: Option<&Path>,
    (name, embedded): (&str, &str),
) -> Result<(String, T), HealthError> {
    Ok(assets::load(dir, name, embedded)?)
}

fn years_increase(years: impl Iterator<Item = i32>) -> bool {
    let v: Vec<i32> = years.collect();
    v.windows(2).all(|w| w[0] < w[1])
}

fn check_aca(file: &str, t: &AcaFile) -> Result<(), HealthError> {
    let bad = |m: &str| Err(HealthError::table(file, m));
    if t.years.is_empty() || !years_increase(t.years.iter().map(|y| y.year)) {
        return bad("years must be listed in increasing order");
    }
    let rate_ok = |r: Decimal| r >= Decimal::ZERO && r < Decimal::ONE;
    for y in &t.years {
        let Some(first) = y.bands.first() else {
            return bad("every year needs bands");
        };
        if first.from != Decimal::ZERO {
            return bad("the first band starts at 0");
        }
        if y.bands.windows(2).any(|w| w[1].from <= w[0].from) {
            return bad("bands must start at increasing multiples of the poverty line");
        }
        if y.bands
            .iter()
            .any(|b| !rate_ok(b.initial) || !rate_ok(b.end))
        {
            return bad("percentages are written as fractions from 0 to 1 (0.0996 for 9.96%)");
        }
        let last = y.bands.last().expect("non-empty");
        if last.initial != last.end {
            return bad("the last band runs on without an end, so it must be flat");
        }
        if y.lower_limit < Decimal::ZERO || y.upper_limit.is_some_and(|u| u <= y.lower_limit) {
            return bad("upper_limit must be above lower_limit");
        }
    }
    let d = &t.default_benchmark;
    if d.monthly <= Decimal::ZERO || d.age > 64 {
        return bad("default_benchmark needs a positive premium at an age up to 64");
    }
    Ok(())
}

fn check_poverty(file: &str, t: &PovertyFile) -> Result<(), HealthError> {
    let ok = |g: &Guideline| g.first > Decimal::ZERO && g.additional >= Decimal::ZERO;
    if t.years.is_empty()
        || !years_increase(t.years.iter().map(|y| y.year))
        || t.years
            .iter()
            .any(|y| !ok(&y.contiguous) || !ok(&y.alaska) || !ok(&y.hawaii))
    {
        return Err(HealthError::table(
            file,
            "years must increase and every guideline be positive",
        ));
    }
    Ok(())
}

fn check_medicaid(file: &str, t: &MedicaidFile) -> Result<(), HealthError> {
    for (state, history) in &t.adult_limits {
        if StateCode::parse(state).is_none() {
            return Err(HealthError::table(
                file,
                format!("'{state}' is not a state code"),
            ));
        }
        if history.is_empty()
            || !years_increase(history.iter().map(|h| h.0))
            || history
                .iter()
                .any(|h| h.1.is_some_and(|l| l <= Decimal::ZERO))
        {
            return Err(HealthError::table(
                file,
                format!("{state}: years must increase and limits be positive"),
            ));
        }
    }
    for b in &t.basic_health_programs {
        if StateCode::parse(&b.state).is_none()
            || b.limit <= Decimal::ZERO
            || b.to_year.is_some_and(|y| y < b.from_year)
        {
            return Err(HealthError::table(
                file,
                format!(
                    "basic health program in '{}': a state code, a positive limit and years in order",
                    b.state
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn state(s: &str) -> StateCode {
        StateCode::parse(s).unwrap()
    }

    #[test]
    fn embedded_tables_parse() {
        let t = HealthTables::load(None).unwrap();
        assert_eq!(t.aca.years.first().unwrap().year, 2022);
        assert_eq!(t.age_curve.factors[64].1, dec!(3.000));
        assert_eq!(t.medicaid.adult_limits.len(), 51);
    }

    #[test]
    fn medicaid_limits_follow_their_history() {
        let t = HealthTables::get().unwrap();
        assert_eq!(t.medicaid_limit(state("AZ"), 2026), Some(dec!(1.38)));
        assert_eq!(t.medicaid_limit(state("TX"), 2026), None);
        assert_eq!(t.medicaid_limit(state("WI"), 2026), Some(dec!(1.00)));
        assert_eq!(t.medicaid_limit(state("DC"), 2025), Some(dec!(2.15)));
        assert_eq!(t.medicaid_limit(state("DC"), 2026), Some(dec!(1.38)));
        assert_eq!(t.medicaid_limit(state("NC"), 2023), None);
        assert_eq!(t.medicaid_limit(state("NC"), 2024), Some(dec!(1.38)));
        assert_eq!(t.basic_health_limit(state("NY"), 2024), Some(dec!(2.00)));
        assert_eq!(t.basic_health_limit(state("NY"), 2026), Some(dec!(2.50)));
        assert_eq!(t.basic_health_limit(state("NY"), 2030), Some(dec!(2.00)));
        assert_eq!(t.basic_health_limit(state("OR"), 2024), None);
        assert_eq!(t.basic_health_limit(state("AZ"), 2026), None);
    }

    #[test]
    fn a_bad_override_is_named() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("health")).unwrap();
        std::fs::write(
            dir.path().join("health/medicare.ron"),
            "(part_d_base: [(2026, 38.99), (2025, 36.78)])",
        )
        .unwrap();
        let err = HealthTables::load(Some(dir.path().to_path_buf())).unwrap_err();
        assert!(err.to_string().contains("medicare.ron"), "{err}");
    }
}
