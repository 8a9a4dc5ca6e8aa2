use crate::tax::TaxError;
use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Error)]
pub enum EngineError {
    #[error(transparent)]
    Tax(#[from] TaxError),
    #[error(transparent)]
    Benefits(#[from] crate::benefits::BenefitsError),
    #[error("the return path has {got} years; the plan needs {needed}")]
    ShortPath { needed: usize, got: usize },
    #[error("the plan is not valid: {0}")]
    InvalidPlan(String),
}
