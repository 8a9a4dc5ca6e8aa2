use crate::engine::EngineError;
use crate::tax::TaxError;
use thiserror::Error;

/// Everything a simulation can refuse or stop for.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum SimError {
    #[error("the plan is not valid: {0}")]
    InvalidPlan(String),
    /// The simulation's thread could not start or stopped on a defect (the message says which).
    #[error("{0}")]
    Failed(String),
    #[error(transparent)]
    Engine(#[from] EngineError),
    #[error(transparent)]
    Tax(#[from] TaxError),
    /// The life table sampled lifetimes are drawn from.
    #[error("assumptions.simulation.lifetimes: {0}")]
    LifeTable(#[from] crate::assets::AssetError),
    #[error("the embedded return history is broken: {0}")]
    History(String),
    /// A window or returns file the data cannot serve; `field` names the plan field.
    #[error("{field}: {message}")]
    Returns { field: String, message: String },
    /// The cancel flag was raised before the last path.
    #[error("the simulation was cancelled")]
    Cancelled,
    #[error("the simulation settings do not match their mode")]
    Unreachable,
}
