//! Several strategies projected on one scenario, spread over the cores.

use super::ledger::Projection;
use super::outcome::{Outcome, outcome};
use super::project::project;
use super::scenario::Scenario;
use super::strategy::Strategy;
use rayon::prelude::*;
use rust_decimal::Decimal;

/// Each strategy projected exactly on `scenario` (`decisions` is the same scenario on `f64`,
/// where the strategies decide), with its outcome, in the order given.
pub fn project_all(
    scenario: &Scenario<Decimal>,
    decisions: &Scenario<f64>,
    strategies: &[&dyn Strategy],
) -> Vec<(Projection<Decimal>, Outcome)> {
    // Strategies are independent and their costs uneven (conversions and heir-aware take twice
    // a fixed order's time): rayon's pool hands each idle core the next one, and its threads
    // outlive the call, so an edit in the planner does not pay for starting threads.
    strategies
        .par_iter()
        .with_max_len(1)
        .map(|s| {
            let p = project(scenario, decisions, *s);
            let o = outcome(&p, &scenario.estate_ages);
            (p, o)
        })
        .collect()
}
