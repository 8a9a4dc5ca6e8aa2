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
    /// The life table sampled lifetimes are drawn from. Not a `source` as well: the message
    /// already holds it, and a report of the error's chain would say it twice.
    #[error("assumptions.simulation.lifetimes: {0}")]
    LifeTable(crate::assets::AssetError),
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

impl From<crate::assets::AssetError> for SimError {
    fn from(e: crate::assets::AssetError) -> SimError {
        SimError::LifeTable(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A broken life table is said once: the message holds it, and it is no source besides (an
    /// error chain, as the commands report it, said it twice).
    #[test]
    fn a_broken_life_table_is_said_once() {
        let e = SimError::from(crate::assets::AssetError::new(
            "life.csv",
            "line 3: not a rate",
        ));
        assert!(std::error::Error::source(&e).is_none());
        let said = format!("{:#}", anyhow::Error::new(e));
        assert_eq!(said.matches("not a rate").count(), 1, "{said}");
    }
}
