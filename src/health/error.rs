use crate::assets::AssetError;
use thiserror::Error;

/// Everything the health layer can refuse.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum HealthError {
    #[error("year {year} is not supported: the {what} tables start in {first}")]
    UnsupportedYear {
        year: i32,
        what: &'static str,
        first: i32,
    },
    #[error("{field}: {reason}")]
    InvalidInput { field: &'static str, reason: String },
    #[error("law table {file}: {message}")]
    Table { file: String, message: String },
}

impl HealthError {
    pub fn invalid(field: &'static str, reason: impl Into<String>) -> HealthError {
        HealthError::InvalidInput {
            field,
            reason: reason.into(),
        }
    }

    pub(crate) fn table(file: &str, message: impl Into<String>) -> HealthError {
        HealthError::Table {
            file: file.to_string(),
            message: message.into(),
        }
    }
}

impl From<AssetError> for HealthError {
    fn from(e: AssetError) -> HealthError {
        HealthError::Table {
            file: e.file,
            message: e.message,
        }
    }
}
