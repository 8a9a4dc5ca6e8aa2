//! Law tables kept as RON files under `assets/`, embedded at build time.
//!
//! As with the federal tables (`tax/tables.rs`), a user may replace any file by placing one of the
//! same relative name under the directory named by `DRAWDOWN_ASSETS`, so a law change can be
//! tried without rebuilding. The layers that own a table (health, payroll, benefits) parse it
//! through here and check its numbers themselves.

use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use thiserror::Error;

/// A table that could not be read or parsed, named by the file it came from.
#[derive(Debug, Clone, PartialEq, Error)]
#[error("law table {file}: {message}")]
pub struct AssetError {
    pub file: String,
    pub message: String,
}

impl AssetError {
    pub fn new(file: impl Into<String>, message: impl Into<String>) -> AssetError {
        AssetError {
            file: file.into(),
            message: message.into(),
        }
    }
}

/// The directory named by `DRAWDOWN_ASSETS`, if set.
pub fn override_dir() -> Option<PathBuf> {
    std::env::var_os("DRAWDOWN_ASSETS").map(PathBuf::from)
}

/// Parses the table `name` (a path relative to `assets/`), reading `dir/name` in place of the
/// embedded text when that file exists. Returns the file name used, for later messages.
pub fn load<T: DeserializeOwned>(
    dir: Option<&Path>,
    name: &str,
    embedded: &str,
) -> Result<(String, T), AssetError> {
    let (file, text) = match dir.map(|d| d.join(name)).filter(|p| p.exists()) {
        Some(path) => {
            let file = path.display().to_string();
            let text = std::fs::read_to_string(&path)
                .map_err(|e| AssetError::new(&file, e.to_string()))?;
            (file, text)
        }
        None => (format!("assets/{name}"), embedded.to_string()),
    };
    let value = ron::from_str(&text).map_err(|e| {
        AssetError::new(
            &file,
            format!(
                "line {}, column {}: {}",
                e.span.start.line, e.span.start.col, e.code
            ),
        )
    })?;
    Ok((file, value))
}

/// [`load`] of `(name, embedded)`, then `check` on the value; a failed check is reported
/// against the file the value came from.
pub fn load_checked<T: DeserializeOwned>(
    dir: Option<&Path>,
    (name, embedded): (&str, &str),
    check: impl FnOnce(&T) -> Result<(), String>,
) -> Result<T, AssetError> {
    let (file, value) = load(dir, name, embedded)?;
    check(&value).map_err(|message| AssetError::new(file, message))?;
    Ok(value)
}

/// The value in `cell`, made by `init` on first use: how each table is parsed once and shared.
pub fn cached<T, E: Clone>(
    cell: &'static OnceLock<Result<T, E>>,
    init: impl FnOnce() -> Result<T, E>,
) -> Result<&'static T, E> {
    cell.get_or_init(init).as_ref().map_err(Clone::clone)
}

impl From<AssetError> for crate::tax::TaxError {
    fn from(e: AssetError) -> crate::tax::TaxError {
        crate::tax::TaxError::Table {
            file: e.file,
            message: e.message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Small {
        a: u32,
    }

    #[test]
    fn the_embedded_text_is_used_unless_the_folder_has_the_file() {
        let (file, v): (String, Small) = load(None, "x/small.ron", "(a: 1)").unwrap();
        assert_eq!((file.as_str(), v.a), ("assets/x/small.ron", 1));
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("x")).unwrap();
        std::fs::write(dir.path().join("x/small.ron"), "(a: 2)").unwrap();
        let (_, v): (String, Small) = load(Some(dir.path()), "x/small.ron", "(a: 1)").unwrap();
        assert_eq!(v.a, 2);
        std::fs::write(dir.path().join("x/small.ron"), "(a: ").unwrap();
        let err = load::<Small>(Some(dir.path()), "x/small.ron", "(a: 1)").unwrap_err();
        assert!(err.to_string().contains("small.ron"), "{err}");
        assert!(err.to_string().contains("line 1"), "{err}");
        let refused = load_checked::<Small>(None, ("x/small.ron", "(a: 7)"), |s| {
            (s.a < 5)
                .then_some(())
                .ok_or_else(|| "a must be under 5".to_string())
        })
        .unwrap_err();
        assert_eq!(refused.file, "assets/x/small.ron");
        assert_eq!(refused.message, "a must be under 5");
    }
}
