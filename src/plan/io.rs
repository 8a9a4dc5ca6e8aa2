//! Reading and writing plan files.
//!
//! Load never writes. Save writes a temporary file in the same folder, flushes it to disk and
//! renames it over the old file, so a crash leaves either the old plan or the new one, never half
//! of one; the previous version is kept as `NAME.ron.bak`. Files are readable by the owner only.

use super::model::Plan;
use super::text;
use super::validate::{Issue, validate};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// A plan file is small; anything larger is not one.
pub const MAX_PLAN_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Error)]
pub enum PlanError {
    // The I/O error is part of this message, not a cause to print again after it.
    #[error("{path}: {error}")]
    Io { path: String, error: std::io::Error },
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
    let text = text::normalize(text);
    let mut plan: Plan =
        ron::Options::default()
            .from_str(&text)
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
    plan.comments = text::leading_comments(&text, &plan.notes);
    Ok(plan)
}

/// Reads and validates a plan file. Never modifies it.
pub fn load_plan(path: &Path) -> Result<Plan, PlanError> {
    let shown = path.display().to_string();
    let io = |error| PlanError::Io {
        path: shown.clone(),
        error,
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

/// The plan as it is written to disk: drawdown's header, the notes and the comments the plan's
/// file opened with, then pretty RON.
pub fn plan_to_text(plan: &Plan) -> String {
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ".to_string())
        .struct_names(false)
        .separate_tuple_members(false)
        .enumerate_arrays(false);
    let body =
        ron::ser::to_string_pretty(plan, config).expect("a plan of plain data always serialises");
    let mut text = text::header(&plan.notes, &plan.comments);
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
    write_atomically(path, plan_to_text(plan).as_bytes())
        .map_err(|error| PlanError::Io { path: shown, error })
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
    let prefix = format!(".{file_name}.tmp-");
    remove_abandoned(&dir, &prefix);
    let tmp = dir.join(format!("{prefix}{}", std::process::id()));
    let result = (|| {
        let mut file = owner_only_create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        if path.exists() {
            keep_backup(path, &dir.join(format!("{file_name}.bak")))?;
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

/// How old a temporary file must be before a save takes it for one a killed save left behind:
/// a save takes milliseconds, and a live one elsewhere (another copy of drawdown saving the same
/// plan) is never this old.
const ABANDONED_AFTER: std::time::Duration = std::time::Duration::from_secs(60);

/// Removes the temporary files earlier saves of this plan left when they were killed.
fn remove_abandoned(dir: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if !entry.file_name().to_string_lossy().starts_with(prefix) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age >= ABANDONED_AFTER);
        if old {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Copies the current file to `bak`, readable by the owner only whatever the original allowed
/// (the plan holds the household's finances).
fn keep_backup(path: &Path, bak: &Path) -> std::io::Result<()> {
    let mut from = fs::File::open(path)?;
    let mut to = owner_only_create(bak)?;
    #[cfg(unix)]
    {
        // An older backup keeps its mode when truncated: set it.
        use std::os::unix::fs::PermissionsExt;
        to.set_permissions(fs::Permissions::from_mode(0o600))?;
    }
    std::io::copy(&mut from, &mut to)?;
    to.sync_all()
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
pub const EXAMPLES: [(&str, &str); 11] = [
    ("A.ron", include_str!("../../saves/A.ron")),
    ("B.ron", include_str!("../../saves/B.ron")),
    ("C1.ron", include_str!("../../saves/C1.ron")),
    ("C2.ron", include_str!("../../saves/C2.ron")),
    ("D.ron", include_str!("../../saves/D.ron")),
    ("E1.ron", include_str!("../../saves/E1.ron")),
    ("E2.ron", include_str!("../../saves/E2.ron")),
    ("E3.ron", include_str!("../../saves/E3.ron")),
    ("E4.ron", include_str!("../../saves/E4.ron")),
    ("F.ron", include_str!("../../saves/F.ron")),
    ("G.ron", include_str!("../../saves/G.ron")),
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

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[cfg(unix)]
    #[test]
    fn the_first_backup_of_a_users_readable_plan_is_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("theirs.ron");
        fs::write(&path, plan_to_text(&demo_plan())).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        // An old backup left world-readable by an earlier version, too.
        let bak = dir.path().join("theirs.ron.bak");
        fs::write(&bak, "old").unwrap();
        fs::set_permissions(&bak, fs::Permissions::from_mode(0o644)).unwrap();
        save_plan(&path, &demo_plan()).unwrap();
        assert_eq!(mode(&bak), 0o600);
        assert_eq!(mode(&path), 0o600);
        assert_eq!(load_plan(&bak).unwrap(), demo_plan());
    }

    #[test]
    fn a_killed_saves_temporary_file_is_removed_by_the_next_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mine.ron");
        let stale = dir.path().join(".mine.ron.tmp-999999");
        let fresh = dir.path().join(".mine.ron.tmp-999998");
        let other = dir.path().join(".other.ron.tmp-999999");
        for f in [&stale, &fresh, &other] {
            fs::write(f, "half a plan").unwrap();
        }
        let long_ago = std::time::SystemTime::now() - 2 * ABANDONED_AFTER;
        for f in [&stale, &other] {
            fs::File::options()
                .write(true)
                .open(f)
                .unwrap()
                .set_modified(long_ago)
                .unwrap();
        }
        save_plan(&path, &demo_plan()).unwrap();
        assert!(
            !stale.exists(),
            "an abandoned temporary file of this plan is removed"
        );
        assert!(fresh.exists(), "a save in progress elsewhere is left alone");
        assert!(
            other.exists(),
            "another plan's files are not this save's business"
        );
    }

    #[test]
    fn windows_and_old_mac_files_load_with_their_line_numbers() {
        let text = plan_to_text(&demo_plan());
        let crlf = format!("\u{FEFF}{}", text.replace('\n', "\r\n"));
        assert_eq!(parse_plan(&crlf, "crlf").unwrap(), demo_plan());
        let cr = text.replace('\n', "\r");
        assert_eq!(parse_plan(&cr, "cr").unwrap(), demo_plan());
        // A syntax error is still placed on its line of the file.
        let broken = cr.replacen("version: 1", "version: ?", 1);
        let line = text.lines().position(|l| l.contains("version: 1")).unwrap() + 1;
        let err = parse_plan(&broken, "cr").unwrap_err();
        assert_eq!(err.position().map(|p| p.0), Some(line), "{err}");
    }

    #[test]
    fn saving_an_example_keeps_its_explanation() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.ron");
        let mut plan = demo_plan();
        plan.name = "mine now".into();
        save_plan(&path, &plan).unwrap();
        save_plan(&path, &plan).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        let explanation =
            "// Household D: sequential vs integrated withdrawals (the built-in demo).";
        assert_eq!(text.matches(explanation).count(), 1, "{text}");
        assert!(text.starts_with(text::HEADER[0]));
        assert_eq!(load_plan(&path).unwrap(), plan);
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
