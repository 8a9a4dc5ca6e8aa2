use crate::engine::EngineError;
use thiserror::Error;

/// Why a search gave no answer.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum OptimizeError {
    #[error("the plan is not valid: {0}")]
    InvalidPlan(String),
    #[error(transparent)]
    Engine(#[from] EngineError),
    /// The search's thread could not start or stopped on a defect (the message says which).
    #[error("{0}")]
    Failed(String),
    /// The cancel flag was raised (the plan changed, or the caller gave up).
    #[error("the optimization was cancelled")]
    Cancelled,
}
