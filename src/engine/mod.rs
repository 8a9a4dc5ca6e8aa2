//! The year-by-year projection of a plan under a strategy and a return path. Pure: no I/O, no
//! terminal.
//!
//! The engine is the bottom of the strategy stack: it owns the interface it calls
//! ([`Strategy`], [`Decision`], [`Funding`]) and imports neither the policies
//! (`crate::strategy`) nor the search (`crate::optimize`); the plan's comparison of all its
//! strategies (`crate::compare`) sits above all three.

mod accounts;
mod error;
mod guardrails;
pub mod health;
mod kink;
mod ledger;
mod many;
mod marginals;
pub mod mortality;
mod opening;
mod outcome;
mod path;
mod project;
mod roots;
mod roth_rule;
mod scenario;
pub mod social_security;
pub mod ss_schedule;
mod strategy;
mod year;

pub use error::EngineError;
pub use guardrails::{GuardrailRule, moved as guardrail_moved};
pub use kink::Probe;
pub use ledger::{Balances, Projection, YearRow};
pub use many::{WarmPool, project_all, project_all_weighted};
pub use outcome::{EstateAt, Outcome, SurvivorTax, outcome};
pub use path::{ReturnPath, YearReturns, constant_year};
pub use project::{AccountStage, PathState, project, run, run_lean, run_lean_from, run_traced};
pub use roth_rule::{RothEarly, RothPiece};
pub use scenario::{
    AccountName, AccountState, OwnIncome, PersonInfo, Scenario, YearInputs, deflator,
};
pub use strategy::{Decision, FUNDING_STEPS, Funding, Limit, Note, Source, Step, Strategy};
pub use year::{Draws, Solution, YearContext, allocate, capacity};
