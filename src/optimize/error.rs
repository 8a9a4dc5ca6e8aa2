use crate::engine::EngineError;
use thiserror::Error;

/// Why a search gave no answer.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum OptimizeError {
    #[error("the plan is not valid: {0}")]
    InvalidPlan(String),
    #[error(transparent)]
    Engine(#[from] EngineError),
    /// The cancel flag was raised (the plan changed, or the caller gave up).
    #[error("the optimization was cancelled")]
    Cancelled,
}
