//! drawdown: a planner for tax-efficient retirement withdrawals.
//!
//! Data flows one way: plan (data) → engine (pure functions) → outcomes (data) → views.

pub mod assets;
pub mod benefits;
pub mod claiming;
pub mod compare;
pub mod dual;
pub mod engine;
pub mod health;
pub mod index;
pub mod job;
pub mod kept;
pub mod money;
pub mod num;
pub mod optimize;
pub mod plan;
pub mod report;
pub mod sim;
pub mod strategy;
pub mod tax;
pub mod tui;
