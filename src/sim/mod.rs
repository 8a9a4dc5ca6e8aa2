//! Market risk: return paths (constant, US history, block bootstrap, Monte Carlo) and every
//! strategy projected on each of them, summed up as success rates, percentiles of after-tax
//! terminal wealth, lifetime tax, the chance of an IRMAA surcharge, and fan-chart bands.
//!
//! The engine runs here on `f64` (see `crate::num`): simulation needs the speed, and statistics
//! over thousands of paths do not need the last cent. Figures leave this module as `f64`.
//!
//! Entry points: [`simulate`] (blocking, with progress callbacks and a cancel flag) and
//! [`spawn`] (in the background, for the planner).

mod error;
mod handle;
pub mod history;
pub mod lives;
pub mod paths;
pub mod repath;
pub mod rng;
mod run;
pub mod stats;
mod store;

pub use error::SimError;
pub use handle::{SimHandle, SimUpdate, spawn, spawn_strategies, spawn_with};
pub use paths::{MonteCarlo, PathSource};
pub use repath::Repath;
pub use run::{
    PROGRESS_EVERY, SimProgress, SimResult, default_threads, risk_of, simulate, simulate_on,
    simulate_strategies, simulate_with,
};
pub use stats::{Band, PathOutcome, StrategyRisk};
