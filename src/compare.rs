//! Every strategy a plan compares, projected exactly: the named ones, and each optimized one
//! searched first within a work budget. What `drawdown report` prints and what the fuzz tests
//! drive; it sits above the engine and the optimizer because it needs both.

use crate::engine::{Comparison, compare_with};
use crate::optimize::{Budget, OptimizeError, Optimized, optimize_within};
use crate::plan::Plan;
use std::sync::atomic::AtomicBool;

/// The plan's comparison with every optimized column filled in, and the searches' answers (one
/// per distinct objective).
pub fn compare_all(
    plan: &Plan,
    budget: &Budget,
    cancel: &AtomicBool,
) -> Result<(Comparison, Vec<Optimized>), OptimizeError> {
    let mut found: Vec<Optimized> = Vec::new();
    for spec in &plan.strategies {
        if let Some(objective) = spec.objective()
            && !found.iter().any(|o| o.objective == *objective)
        {
            found.push(optimize_within(
                plan,
                objective,
                budget,
                cancel,
                &mut |_| {},
            )?);
        }
    }
    let refs: Vec<&Optimized> = found.iter().collect();
    Ok((compare_with(plan, &refs)?, found))
}
