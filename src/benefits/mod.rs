//! Social Security rules beyond the claiming factors in `engine::social_security`: the
//! retirement earnings test and the recomputation of the early-claiming reduction at full
//! retirement age. Pure; the law is `assets/ss/`.

pub mod earnings_test;

pub use earnings_test::{
    EarningsTest, EarningsTestTable, Withholding, WorkYear, adjusted_claim_months,
};

use crate::assets::AssetError;
use thiserror::Error;

/// Everything the benefits layer can refuse.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum BenefitsError {
    #[error("year {0} is not supported: the earnings test table starts in {1}")]
    UnsupportedYear(i32, i32),
    #[error("{field}: {reason}")]
    InvalidInput { field: &'static str, reason: String },
    #[error("law table {file}: {message}")]
    Table { file: String, message: String },
}

impl From<AssetError> for BenefitsError {
    fn from(e: AssetError) -> BenefitsError {
        BenefitsError::Table {
            file: e.file,
            message: e.message,
        }
    }
}
