//! The law as data: the RON tables under `assets/`, embedded at build time and parsed once.
//!
//! A user may override any table by placing a file of the same name under the directory named by
//! the `DRAWDOWN_ASSETS` environment variable (for example `tax/federal-2026.ron`), so a law change
//! can be tried without rebuilding.

use super::error::TaxError;
use super::filing::ByFiling;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// First and last tax years with published federal tables.
pub const FIRST_TABLE_YEAR: i32 = 2022;
pub const LAST_TABLE_YEAR: i32 = 2026;

const FEDERAL: [(&str, &str); 5] = [
    (
        "tax/federal-2022.ron",
        include_str!("../../assets/tax/federal-2022.ron"),
    ),
    (
        "tax/federal-2023.ron",
        include_str!("../../assets/tax/federal-2023.ron"),
    ),
    (
        "tax/federal-2024.ron",
        include_str!("../../assets/tax/federal-2024.ron"),
    ),
    (
        "tax/federal-2025.ron",
        include_str!("../../assets/tax/federal-2025.ron"),
    ),
    (
        "tax/federal-2026.ron",
        include_str!("../../assets/tax/federal-2026.ron"),
    ),
];

const IRMAA: [(&str, &str); 5] = [
    (
        "tax/irmaa-2022.ron",
        include_str!("../../assets/tax/irmaa-2022.ron"),
    ),
    (
        "tax/irmaa-2023.ron",
        include_str!("../../assets/tax/irmaa-2023.ron"),
    ),
    (
        "tax/irmaa-2024.ron",
        include_str!("../../assets/tax/irmaa-2024.ron"),
    ),
    (
        "tax/irmaa-2025.ron",
        include_str!("../../assets/tax/irmaa-2025.ron"),
    ),
    (
        "tax/irmaa-2026.ron",
        include_str!("../../assets/tax/irmaa-2026.ron"),
    ),
];

const UNIFORM_LIFETIME: (&str, &str) = (
    "rmd/uniform-lifetime.ron",
    include_str!("../../assets/rmd/uniform-lifetime.ron"),
);
const SINGLE_LIFE: (&str, &str) = (
    "rmd/single-life.ron",
    include_str!("../../assets/rmd/single-life.ron"),
);
const JOINT_LAST_SURVIVOR: (&str, &str) = (
    "rmd/joint-last-survivor.ron",
    include_str!("../../assets/rmd/joint-last-survivor.ron"),
);
const RMD_START_AGE: (&str, &str) = (
    "rmd/start-age.ron",
    include_str!("../../assets/rmd/start-age.ron"),
);

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FederalTable {
    pub year: i32,
    pub ordinary: RateSchedule,
    pub capital_gains: RateSchedule,
    pub standard_deduction: ByFiling<Decimal>,
    pub additional_65_or_blind: ByFiling<Decimal>,
    pub senior_deduction: SeniorTable,
    pub social_security: SocialSecurityTable,
    pub niit: NiitTable,
    pub capital_loss_limit: ByFiling<Decimal>,
}

/// Rates and, per filing status, the upper edge of every rate but the top one (ordinary brackets
/// and capital-gain breakpoints alike).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateSchedule {
    pub rates: Vec<Decimal>,
    pub single: Vec<Decimal>,
    pub mfj: Vec<Decimal>,
    pub mfs: Vec<Decimal>,
    pub hoh: Vec<Decimal>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeniorTable {
    pub per_person: Decimal,
    pub phaseout_start: ByFiling<Decimal>,
    pub phaseout_rate: Decimal,
    pub allowed_mfs: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SocialSecurityTable {
    pub base: ByFiling<Decimal>,
    pub adjusted_base: ByFiling<Decimal>,
    pub first_rate: Decimal,
    pub second_rate: Decimal,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NiitTable {
    pub rate: Decimal,
    pub threshold: ByFiling<Decimal>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IrmaaTable {
    pub premium_year: i32,
    pub standard_part_b: Decimal,
    pub single_edges: Vec<Decimal>,
    pub joint_edges: Vec<Decimal>,
    pub mfs_top_edge: Decimal,
    pub part_b_total: Vec<Decimal>,
    pub part_d_surcharge: Vec<Decimal>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UniformLifetimeTable {
    pub periods: Vec<(u32, Decimal)>,
}

/// IRS Joint and Last Survivor Table (Pub. 590-B Table II), one half of it: the table is
/// symmetric in the two ages, so row `(a, periods)` holds the periods for the older age `a` and
/// the younger age `first_age`, `first_age + 1`, ..., `a`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JointLifeTable {
    pub first_age: u32,
    pub rows: Vec<(u32, Vec<Decimal>)>,
}

impl JointLifeTable {
    /// The distribution period for two ages (in either order). Ages past the last row read as
    /// the last row's; ages below the first read as the first (a shorter period than the law's,
    /// so a larger distribution, never a smaller one).
    pub fn period(&self, a: u32, b: u32) -> Decimal {
        let last = self.first_age + self.rows.len() as u32 - 1;
        let clamp = |x: u32| x.clamp(self.first_age, last);
        let (old, young) = (clamp(a.max(b)), clamp(a.min(b)));
        self.rows[(old - self.first_age) as usize].1[(young - self.first_age) as usize]
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StartAgeTable {
    pub rows: Vec<(i32, u32)>,
}

/// Every law table, parsed and checked.
#[derive(Debug, Clone)]
pub struct LawTables {
    pub federal: Vec<FederalTable>,
    pub irmaa: Vec<IrmaaTable>,
    pub uniform_lifetime: UniformLifetimeTable,
    /// IRS Single Life Table (Pub. 590-B Table I), for a study's RMD rule.
    pub single_life: UniformLifetimeTable,
    pub rmd_start_age: StartAgeTable,
}

impl LawTables {
    /// The tables shipped with the program, with any user overrides applied; parsed on first use.
    pub fn get() -> Result<&'static LawTables, TaxError> {
        static TABLES: OnceLock<Result<LawTables, TaxError>> = OnceLock::new();
        TABLES
            .get_or_init(|| LawTables::load(override_dir()))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Loads the tables, reading a file from `dir` in place of the embedded copy where present.
    pub fn load(dir: Option<PathBuf>) -> Result<LawTables, TaxError> {
        let read =
            |(name, embedded): (&'static str, &'static str)| -> Result<(String, String), TaxError> {
                if let Some(d) = &dir {
                    let path = d.join(name);
                    if path.exists() {
                        let text = std::fs::read_to_string(&path).map_err(|e| TaxError::Table {
                            file: path.display().to_string(),
                            message: e.to_string(),
                        })?;
                        return Ok((path.display().to_string(), text));
                    }
                }
                Ok((format!("assets/{name}"), embedded.to_string()))
            };
        let mut federal = Vec::new();
        for entry in FEDERAL {
            let (file, text) = read(entry)?;
            let table: FederalTable = parse(&file, &text)?;
            check_federal(&file, &table)?;
            federal.push(table);
        }
        let mut irmaa = Vec::new();
        for entry in IRMAA {
            let (file, text) = read(entry)?;
            let table: IrmaaTable = parse(&file, &text)?;
            check_irmaa(&file, &table)?;
            irmaa.push(table);
        }
        let (file, text) = read(UNIFORM_LIFETIME)?;
        let uniform_lifetime: UniformLifetimeTable = parse(&file, &text)?;
        check_periods(&file, &uniform_lifetime)?;
        let (file, text) = read(SINGLE_LIFE)?;
        let single_life: UniformLifetimeTable = parse(&file, &text)?;
        check_periods(&file, &single_life)?;
        let (file, text) = read(RMD_START_AGE)?;
        let rmd_start_age: StartAgeTable = parse(&file, &text)?;
        if rmd_start_age.rows.is_empty() || rmd_start_age.rows.windows(2).any(|w| w[1].0 <= w[0].0)
        {
            return Err(TaxError::Table {
                file,
                message: "rows must be in increasing birth-year order".into(),
            });
        }
        Ok(LawTables {
            federal,
            irmaa,
            uniform_lifetime,
            single_life,
            rmd_start_age,
        })
    }

    /// The IRS Joint and Last Survivor Table (Pub. 590-B Table II), for an owner whose sole
    /// beneficiary is a spouse more than ten years younger, with any user override applied.
    /// Parsed on first use, apart from the other tables: it is large, and only plans that name
    /// a spouse beneficiary need it. Shared, so every scenario holds it without a copy.
    pub fn joint_last_survivor() -> Result<Arc<JointLifeTable>, TaxError> {
        static TABLE: OnceLock<Result<Arc<JointLifeTable>, TaxError>> = OnceLock::new();
        TABLE
            .get_or_init(|| load_joint(override_dir()).map(Arc::new))
            .clone()
    }

    pub fn federal_for(&self, year: i32) -> Option<&FederalTable> {
        self.federal.iter().find(|t| t.year == year)
    }

    pub fn irmaa_for(&self, premium_year: i32) -> Option<&IrmaaTable> {
        self.irmaa.iter().find(|t| t.premium_year == premium_year)
    }

    pub fn last_irmaa(&self) -> &IrmaaTable {
        self.irmaa
            .iter()
            .max_by_key(|t| t.premium_year)
            .expect("IRMAA tables are embedded")
    }

    pub fn first_irmaa(&self) -> &IrmaaTable {
        self.irmaa
            .iter()
            .min_by_key(|t| t.premium_year)
            .expect("IRMAA tables are embedded")
    }
}

fn override_dir() -> Option<PathBuf> {
    std::env::var_os("DRAWDOWN_ASSETS").map(PathBuf::from)
}

fn parse<T: for<'de> Deserialize<'de>>(file: &str, text: &str) -> Result<T, TaxError> {
    ron::from_str(text).map_err(|e| TaxError::Table {
        file: file.to_string(),
        message: format!(
            "line {}, column {}: {}",
            e.span.start.line, e.span.start.col, e.code
        ),
    })
}

fn increasing(values: &[Decimal]) -> bool {
    values.windows(2).all(|w| w[0] < w[1]) && values.iter().all(|v| *v >= Decimal::ZERO)
}

fn check_federal(file: &str, t: &FederalTable) -> Result<(), TaxError> {
    let bad = |message: &str| {
        Err(TaxError::Table {
            file: file.to_string(),
            message: message.to_string(),
        })
    };
    let o = &t.ordinary;
    let g = &t.capital_gains;
    let lengths_ok = o.rates.len() == 7
        && [&o.single, &o.mfj, &o.mfs, &o.hoh]
            .iter()
            .all(|e| e.len() == 6)
        && g.rates.len() == 3
        && [&g.single, &g.mfj, &g.mfs, &g.hoh]
            .iter()
            .all(|e| e.len() == 2);
    if !lengths_ok {
        return bad(
            "ordinary needs 7 rates and 6 edges per status; capital_gains 3 rates and 2 edges",
        );
    }
    if !increasing(&o.rates) {
        return bad("ordinary.rates must increase");
    }
    for edges in [&o.single, &o.mfj, &o.mfs, &o.hoh] {
        if !increasing(edges) {
            return bad("ordinary bracket edges must increase");
        }
    }
    if g.rates.windows(2).any(|w| w[0] > w[1]) {
        return bad("capital_gains.rates must not decrease");
    }
    for edges in [&g.single, &g.mfj, &g.mfs, &g.hoh] {
        if !increasing(edges) {
            return bad("capital gain band edges must increase");
        }
    }
    let ss = &t.social_security;
    for f in super::Filing::ALL {
        if ss.base.get(f) > ss.adjusted_base.get(f) {
            return bad("social_security.base must not exceed adjusted_base");
        }
    }
    Ok(())
}

fn check_irmaa(file: &str, t: &IrmaaTable) -> Result<(), TaxError> {
    if t.single_edges.len() != 5
        || t.joint_edges.len() != 5
        || t.part_b_total.len() != 6
        || t.part_d_surcharge.len() != 6
    {
        return Err(TaxError::Table {
            file: file.to_string(),
            message: "IRMAA needs 5 edges per status and 6 premium tiers".into(),
        });
    }
    if !increasing(&t.single_edges)
        || !increasing(&t.joint_edges)
        || t.part_b_total.windows(2).any(|w| w[0] > w[1])
        || t.part_d_surcharge.windows(2).any(|w| w[0] > w[1])
        || t.part_b_total[0] != t.standard_part_b
    {
        return Err(TaxError::Table {
            file: file.to_string(),
            message: "tiers must increase and tier 0 must be the standard premium".into(),
        });
    }
    Ok(())
}

/// A life-expectancy table must run one age at a time with positive, non-increasing periods.
fn check_periods(file: &str, t: &UniformLifetimeTable) -> Result<(), TaxError> {
    if t.periods.is_empty()
        || t.periods
            .windows(2)
            .any(|w| w[1].0 != w[0].0 + 1 || w[1].1 > w[0].1)
        || t.periods.iter().any(|p| p.1 <= Decimal::ZERO)
    {
        return Err(TaxError::Table {
            file: file.to_string(),
            message: "ages must run one by one with positive, non-increasing periods".into(),
        });
    }
    Ok(())
}
/// Loads the Joint and Last Survivor Table, from `dir` in place of the embedded copy where
/// present.
fn load_joint(dir: Option<PathBuf>) -> Result<JointLifeTable, TaxError> {
    let (name, embedded) = JOINT_LAST_SURVIVOR;
    let (file, text) = match dir.map(|d| d.join(name)).filter(|p| p.exists()) {
        Some(path) => (
            path.display().to_string(),
            std::fs::read_to_string(&path).map_err(|e| TaxError::Table {
                file: path.display().to_string(),
                message: e.to_string(),
            })?,
        ),
        None => (format!("assets/{name}"), embedded.to_string()),
    };
    let table: JointLifeTable = parse(&file, &text)?;
    check_joint(&file, &table)?;
    Ok(table)
}

/// Rows one age apart from `first_age`, each as long as its age allows, positive periods that
/// never rise with either age: what every lookup of [`JointLifeTable::period`] relies on.
fn check_joint(file: &str, t: &JointLifeTable) -> Result<(), TaxError> {
    let fail = |message: String| {
        Err(TaxError::Table {
            file: file.to_string(),
            message,
        })
    };
    if t.rows.is_empty() {
        return fail("no rows".into());
    }
    for (i, (age, periods)) in t.rows.iter().enumerate() {
        if *age != t.first_age + i as u32 {
            return fail(format!(
                "row {}: age {age}, expected {}",
                i + 1,
                t.first_age + i as u32
            ));
        }
        if periods.len() != i + 1 {
            return fail(format!(
                "row for age {age}: {} periods, expected {} (ages {} to {age})",
                periods.len(),
                i + 1,
                t.first_age
            ));
        }
        if periods.iter().any(|p| *p <= Decimal::ZERO) || periods.windows(2).any(|w| w[1] > w[0]) {
            return fail(format!(
                "row for age {age}: periods must be positive and never rise with the younger age"
            ));
        }
        if let Some((_, above)) = i.checked_sub(1).map(|j| &t.rows[j])
            && above.iter().zip(periods).any(|(a, p)| p > a)
        {
            return fail(format!(
                "row for age {age}: a period rises with the older age"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_tables_parse_and_cover_every_year() {
        let t = LawTables::load(None).unwrap();
        for y in FIRST_TABLE_YEAR..=LAST_TABLE_YEAR {
            assert!(t.federal_for(y).is_some(), "federal {y}");
            assert!(t.irmaa_for(y).is_some(), "irmaa {y}");
        }
        assert_eq!(t.uniform_lifetime.periods[0].0, 72);
        assert_eq!(t.uniform_lifetime.periods.last().unwrap().0, 120);
    }

    #[test]
    fn the_joint_table_at_a_ten_year_gap_is_the_uniform_lifetime_table() {
        // The Uniform Lifetime Table is the joint table for a beneficiary exactly ten years
        // younger (Treas. Reg. 1.401(a)(9)-9(c)): two independent copies, every age.
        let t = LawTables::load(None).unwrap();
        let joint = load_joint(None).unwrap();
        for (age, period) in &t.uniform_lifetime.periods {
            assert_eq!(joint.period(*age, age - 10), *period, "{age}");
        }
        // An owner of 120 or more leaves the beneficiary's own Single Life expectancy.
        for (age, period) in t.single_life.periods.iter().filter(|p| p.0 >= 20) {
            assert_eq!(joint.period(120, *age), *period, "{age}");
        }
    }

    #[test]
    fn a_joint_table_with_a_rising_period_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("rmd")).unwrap();
        std::fs::write(
            dir.path().join("rmd/joint-last-survivor.ron"),
            "(first_age: 20, rows: [(20, [72.0]), (21, [72.5, 71.0])])",
        )
        .unwrap();
        let text = load_joint(Some(dir.path().to_path_buf()))
            .unwrap_err()
            .to_string();
        assert!(text.contains("joint-last-survivor.ron"), "{text}");
        assert!(text.contains("age 21"), "{text}");
    }

    #[test]
    fn an_override_file_replaces_the_embedded_one_and_errors_name_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("tax")).unwrap();
        std::fs::write(dir.path().join("tax/federal-2024.ron"), "(year: 2024,").unwrap();
        let err = LawTables::load(Some(dir.path().to_path_buf())).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("federal-2024.ron"), "{text}");
        assert!(text.contains("line 1"), "{text}");
    }
}
