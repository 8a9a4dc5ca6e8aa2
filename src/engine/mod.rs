//! The year-by-year projection of a plan under a strategy and a return path. Pure: no I/O, no
//! terminal.

mod error;
mod ledger;
mod outcome;
mod path;
mod project;
mod scenario;
pub mod social_security;
mod year;

pub use error::EngineError;
pub use ledger::{Balances, Projection, YearRow};
pub use outcome::{EstateAt, Outcome, outcome};
pub use path::{ReturnPath, YearReturns, constant_year};
pub use project::{project, run};
pub use scenario::{AccountState, PersonInfo, Scenario, YearInputs};
pub use year::{Draws, Solution, YearContext, allocate, capacity};

use crate::plan::{Plan, validate};
use crate::strategy::{StrategySpec, build};
use rust_decimal::Decimal;

/// Every strategy of a plan projected on its constant-return path.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub specs: Vec<StrategySpec>,
    pub projections: Vec<Projection<Decimal>>,
    pub outcomes: Vec<Outcome>,
}

impl Comparison {
    pub fn index_of(&self, spec: &StrategySpec) -> Option<usize> {
        self.specs.iter().position(|s| s == spec)
    }
}

/// Projects every strategy the plan compares, exactly, on the plan's own assumptions.
pub fn compare(plan: &Plan) -> Result<Comparison, EngineError> {
    let issues = validate(plan);
    if let Some(first) = issues.first() {
        return Err(EngineError::InvalidPlan(first.to_string()));
    }
    let scenario = Scenario::build(plan, &ReturnPath::constant(plan))?;
    let decisions = scenario.to_f64();
    let mut projections = Vec::with_capacity(plan.strategies.len());
    let mut outcomes = Vec::with_capacity(plan.strategies.len());
    for spec in &plan.strategies {
        let strategy = build(spec);
        let p = project(&scenario, &decisions, strategy.as_ref());
        outcomes.push(outcome(&p, &scenario.estate_ages));
        projections.push(p);
    }
    Ok(Comparison {
        specs: plan.strategies.clone(),
        projections,
        outcomes,
    })
}
