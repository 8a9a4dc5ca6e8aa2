//! Every state's law file, embedded at build time and parsed once. A file of the same name under
//! the `DRAWDOWN_ASSETS` directory (`tax/state/NY.ron`) replaces the embedded one, as for the
//! federal tables.

use super::StateCode;
use super::law::{IndexMask, StateLaw, StateTable, Status};
use crate::tax::error::TaxError;
use rust_decimal::Decimal;
use std::path::PathBuf;
use std::sync::OnceLock;

/// All 51 jurisdictions' files, parsed and checked against their code.
#[derive(Debug, Clone)]
pub struct StateTables {
    tables: Vec<StateTable>,
}

impl StateTables {
    /// The shipped files with any user overrides applied; parsed on first use.
    pub fn get() -> Result<&'static StateTables, TaxError> {
        static TABLES: OnceLock<Result<StateTables, TaxError>> = OnceLock::new();
        TABLES
            .get_or_init(|| {
                StateTables::load(std::env::var_os("DRAWDOWN_ASSETS").map(PathBuf::from))
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Loads every file, reading one from `dir` in place of the embedded copy where present.
    pub fn load(dir: Option<PathBuf>) -> Result<StateTables, TaxError> {
        let mut tables = Vec::with_capacity(StateCode::ALL.len());
        for code in StateCode::ALL {
            let (name, embedded) = code.file();
            let (file, text) = match dir.as_ref().map(|d| d.join(name)) {
                Some(path) if path.exists() => {
                    let text = std::fs::read_to_string(&path).map_err(|e| TaxError::Table {
                        file: path.display().to_string(),
                        message: e.to_string(),
                    })?;
                    (path.display().to_string(), text)
                }
                _ => (format!("assets/{name}"), embedded.to_string()),
            };
            let table: StateTable = ron::from_str(&text).map_err(|e| TaxError::Table {
                file: file.clone(),
                message: format!(
                    "line {}, column {}: {}",
                    e.span.start.line, e.span.start.col, e.code
                ),
            })?;
            table.check(&file, code.code(), code.spec())?;
            tables.push(table);
        }
        Ok(StateTables { tables })
    }

    /// A jurisdiction's file.
    pub fn table(&self, code: StateCode) -> &StateTable {
        // Loaded in the order of StateCode::ALL.
        &self.tables[code as usize]
    }

    /// Which amounts of `code`'s law for `year` follow prices, for re-indexing a law resolved at
    /// one price level to another ([`StateLaw::reindex`]); `None` when the year's amounts are
    /// the file's own (not indexed).
    pub fn index_mask(&self, code: StateCode, year: i32) -> Option<IndexMask> {
        self.table(code).mask(code.spec(), year)
    }

    /// Whether the jurisdiction's rules are in the model (modelled, or no income tax).
    pub fn is_modelled(&self, code: StateCode) -> bool {
        self.table(code).status != Status::NotYetModelled
    }
}

impl StateLaw<Decimal> {
    /// The law of `code` for `year`. `index` is the price level of `year` relative to the last
    /// year in the state's file (2026 for every shipped file, like the federal tables): it
    /// indexes the amounts the file names for years after it, and is ignored otherwise.
    pub fn resolve(
        tables: &StateTables,
        code: StateCode,
        year: i32,
        index: Decimal,
    ) -> Result<StateLaw<Decimal>, TaxError> {
        let index = crate::tax::law::usable_index(index)?;
        let table = tables.table(code);
        if table.status == Status::NotYetModelled {
            return Err(TaxError::StateNotModelled(code.code()));
        }
        table.resolve(code, code.spec(), year, index)
    }

    /// The state's law for a year in its file, as published.
    pub fn for_year(code: StateCode, year: i32) -> Result<StateLaw<Decimal>, TaxError> {
        Self::resolve(StateTables::get()?, code, year, Decimal::ONE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_file_parses_and_matches_its_code() {
        let t = StateTables::load(None).unwrap();
        for code in StateCode::ALL {
            assert_eq!(t.table(*code).state, code.code());
        }
    }

    #[test]
    fn an_override_file_replaces_the_embedded_one_and_errors_name_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("tax/state")).unwrap();
        std::fs::write(
            dir.path().join("tax/state/GA.ron"),
            "(\n  state: \"GA\",\n  name: 5,\n)",
        )
        .unwrap();
        let text = StateTables::load(Some(dir.path().to_path_buf()))
            .unwrap_err()
            .to_string();
        assert!(text.contains("tax/state/GA.ron"), "{text}");
        assert!(text.contains("line 3"), "{text}");
    }
}
