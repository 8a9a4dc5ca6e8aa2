//! Reading and writing plan files.
//!
//! Load never writes. Save writes a temporary file in the same folder, flushes it to disk and
//! renames it over the old file, so a crash leaves either the old plan or the new one, never half
//! of one; the previous version is kept as `NAME.ron.bak`. Files are readable by the owner only.

use super::model::Plan;
use super::validate::{Issue, validate};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// A plan file is small; anything larger is not one.
pub const MAX_PLAN_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Error)]
pub enum PlanError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: line {line}, column {column}: {message}")]
    Syntax {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: {}", issues.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid { path: String, issues: Vec<Issue> },
    #[error("{path}: {size} bytes is too large for a plan (at most 1 MiB)")]
    TooLarge { path: String, size: u64 },
}

impl PlanError {
    /// Line and column of a syntax error, for dialogs that point at it.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            PlanError::Syntax { line, column, .. } => Some((*line, *column)),
            _ => None,
        }
    }
}

/// Parses and validates plan text; `origin` names it in messages.
pub fn parse_plan(text: &str, origin: &str) -> Result<Plan, PlanError> {
    let plan: Plan = ron::Options::default()
        .from_str(text)
        .map_err(|e| PlanError::Syntax {
            path: origin.to_string(),
            line: e.span.start.line,
            column: e.span.start.col,
            message: e.code.to_string(),
        })?;
    let issues = validate(&plan);
    if !issues.is_empty() {
        return Err(PlanError::Invalid {
            path: origin.to_string(),
            issues,
        });
    }
    Ok(plan)
}

/// Reads and validates a plan file. Never modifies it.
pub fn load_plan(path: &Path) -> Result<Plan, PlanError> {
    let shown = path.display().to_string();
    let io = |source| PlanError::Io {
        path: shown.clone(),
        source,
    };
    let meta = fs::metadata(path).map_err(io)?;
    if meta.len() > MAX_PLAN_BYTES {
        return Err(PlanError::TooLarge {
            path: shown,
            size: meta.len(),
        });
    }
    let bytes = fs::read(path).map_err(io)?;
    let text = String::from_utf8(bytes).map_err(|e| PlanError::Syntax {
        path: shown.clone(),
        line: 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count(),
        column: 1,
        message: "the file is not UTF-8 text".into(),
    })?;
    parse_plan(&text, &shown)
}

/// The plan as it is written to disk: a header comment, then pretty RON.
pub fn plan_to_text(plan: &Plan) -> String {
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ".to_string())
        .struct_names(false)
        .separate_tuple_members(false)
        .enumerate_arrays(false);
    let body =
        ron::ser::to_string_pretty(plan, config).expect("a plan of plain data always serialises");
    let mut text = String::new();
    text.push_str("// drawdown plan. Money in dollars, rates as decimals (0.035 = 3.5%);\n");
    text.push_str("// \"today's dollars\" are dollars of assumptions.start_year.\n");
    for line in plan.notes.lines() {
        text.push_str("// ");
        text.push_str(line);
        text.push('\n');
    }
    text.push_str(&body);
    text.push('\n');
    text
}

/// Validates and writes a plan atomically, keeping the previous file as `NAME.ron.bak`.
pub fn save_plan(path: &Path, plan: &Plan) -> Result<(), PlanError> {
    let shown = path.display().to_string();
    let issues = validate(plan);
    if !issues.is_empty() {
        return Err(PlanError::Invalid {
            path: shown,
            issues,
        });
    }
    write_atomically(path, plan_to_text(plan).as_bytes()).map_err(|source| PlanError::Io {
        path: shown,
        source,
    })
}

/// Writes bytes to `path` through a temporary file and a rename, keeping a `.bak` of the
/// previous file. Shared by plan saves and the recovery file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&dir)?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "plan.ron".into());
    let tmp = dir.join(format!(".{file_name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut file = owner_only_create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        if path.exists() {
            let bak = dir.join(format!("{file_name}.bak"));
            fs::copy(path, &bak)?;
        }
        fs::rename(&tmp, path)?;
        sync_dir(&dir);
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(unix)]
fn owner_only_create(path: &Path) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn owner_only_create(path: &Path) -> std::io::Result<fs::File> {
    fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)
}

fn sync_dir(dir: &Path) {
    // Makes the rename itself durable; not every platform can open a directory.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Where the user's plans live: the `drawdown` data folder of the platform.
pub fn plans_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "drawdown").map(|d| d.data_dir().join("plans"))
}

/// The example plans shipped in `saves/`, embedded so a user's clone or install always has them.
pub const EXAMPLES: [(&str, &str); 9] = [
    ("A.ron", include_str!("../../saves/A.ron")),
    ("B.ron", include_str!("../../saves/B.ron")),
    ("C1.ron", include_str!("../../saves/C1.ron")),
    ("C2.ron", include_str!("../../saves/C2.ron")),
    ("D.ron", include_str!("../../saves/D.ron")),
    ("E1.ron", include_str!("../../saves/E1.ron")),
    ("E2.ron", include_str!("../../saves/E2.ron")),
    ("E3.ron", include_str!("../../saves/E3.ron")),
    ("E4.ron", include_str!("../../saves/E4.ron")),
];

/// An example plan by file name.
pub fn example_plan(file: &str) -> Option<Result<Plan, PlanError>> {
    EXAMPLES
        .iter()
        .find(|(name, _)| *name == file)
        .map(|(name, text)| parse_plan(text, &format!("saves/{name}")))
}

/// The built-in demo household (example D: the sequential-vs-integrated couple).
pub fn demo_plan() -> Plan {
    match example_plan("D.ron") {
        Some(Ok(plan)) => plan,
        _ => unreachable!("saves/D.ron is embedded and tested"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_is_identical() {
        let plan = demo_plan();
        let text = plan_to_text(&plan);
        let back = parse_plan(&text, "memory").unwrap();
        assert_eq!(back, plan);
    }

    #[test]
    fn save_keeps_a_backup_and_is_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mine.ron");
        let mut plan = demo_plan();
        save_plan(&path, &plan).unwrap();
        plan.name = "changed".into();
        save_plan(&path, &plan).unwrap();
        assert_eq!(load_plan(&path).unwrap().name, "changed");
        let bak = load_plan(&dir.path().join("mine.ron.bak")).unwrap();
        assert_eq!(bak.name, demo_plan().name);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn an_invalid_plan_is_not_saved_and_the_old_file_survives() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mine.ron");
        save_plan(&path, &demo_plan()).unwrap();
        let before = fs::read(&path).unwrap();
        let mut bad = demo_plan();
        bad.spending.annual = rust_decimal_macros::dec!(-1);
        assert!(matches!(
            save_plan(&path, &bad),
            Err(PlanError::Invalid { .. })
        ));
        assert_eq!(fs::read(&path).unwrap(), before);
    }
}
