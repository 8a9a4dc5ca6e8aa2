use thiserror::Error;

/// Everything the tax layer can refuse.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum TaxError {
    #[error("tax year {0} is not supported: the law tables start in 2022")]
    UnsupportedYear(i32),
    #[error("{field}: {reason}")]
    InvalidInput { field: &'static str, reason: String },
    #[error("law table {file}: {message}")]
    Table { file: String, message: String },
    #[error("{0}'s income tax is not modelled yet")]
    StateNotModelled(&'static str),
}

impl TaxError {
    pub fn invalid(field: &'static str, reason: impl Into<String>) -> TaxError {
        TaxError::InvalidInput {
            field,
            reason: reason.into(),
        }
    }
}
