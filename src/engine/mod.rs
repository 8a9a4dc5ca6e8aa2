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
pub use project::{AccountStage, project, run, run_lean, run_traced};
pub use scenario::{AccountState, PersonInfo, Scenario, YearInputs};
pub use year::{Draws, Solution, YearContext, allocate, capacity};

use crate::plan::{Plan, validate};
use crate::strategy::{StrategySpec, build_plan, unique_names};
use rust_decimal::Decimal;

/// Every strategy of a plan projected on its constant-return path.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub specs: Vec<StrategySpec>,
    pub projections: Vec<Projection<Decimal>>,
    pub outcomes: Vec<Outcome>,
    /// Optimized strategies the plan lists whose search has not delivered yet: left out of the
    /// columns above (the planner says "optimizing…").
    pub pending: Vec<StrategySpec>,
}

impl Comparison {
    pub fn index_of(&self, spec: &StrategySpec) -> Option<usize> {
        self.specs.iter().position(|s| s == spec)
    }
}

/// Projects every strategy the plan compares, exactly, on the plan's own assumptions. Optimized
/// strategies take a search (see [`compare_with`]): they are left out, listed in `pending`.
pub fn compare(plan: &Plan) -> Result<Comparison, EngineError> {
    compare_with(plan, &[])
}

/// [`compare`], with the optimized strategies' columns taken from finished searches: each
/// Optimized spec of the plan gets the result with its objective, or waits in `pending`.
pub fn compare_with(
    plan: &Plan,
    optimized: &[&crate::optimize::Optimized],
) -> Result<Comparison, EngineError> {
    let issues = validate(plan);
    if let Some(first) = issues.first() {
        return Err(EngineError::InvalidPlan(first.to_string()));
    }
    let scenario = Scenario::build(plan, &ReturnPath::constant(plan))?;
    let decisions = scenario.to_f64();
    let specs = &build_plan(&plan.strategies);
    let one = |i: usize| {
        let strategy = &specs[i];
        let p = project(&scenario, &decisions, strategy.as_ref());
        let o = outcome(&p, &scenario.estate_ages);
        (p, o)
    };
    // Strategies are independent: spread them over the cores, interleaved so that the costly
    // ones (conversions, heir-aware) do not all land on one thread.
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4)
        .min(specs.len().max(1));
    let mut results: Vec<Option<(Projection<Decimal>, Outcome)>> = vec![None; specs.len()];
    if threads <= 1 {
        for (i, slot) in results.iter_mut().enumerate() {
            *slot = Some(one(i));
        }
    } else {
        std::thread::scope(|scope| {
            let workers: Vec<_> = (1..threads)
                .map(|t| {
                    let one = &one;
                    scope.spawn(move || {
                        (t..specs.len())
                            .step_by(threads)
                            .map(|i| (i, one(i)))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            for i in (0..specs.len()).step_by(threads) {
                results[i] = Some(one(i));
            }
            for w in workers {
                for (i, r) in w.join().expect("a projection thread panicked") {
                    results[i] = Some(r);
                }
            }
        });
    }
    // Back in the plan's order, with the optimized columns that are ready.
    let mut named = results.into_iter().flatten();
    let mut c = Comparison {
        specs: Vec::new(),
        projections: Vec::new(),
        outcomes: Vec::new(),
        pending: Vec::new(),
    };
    for (spec, name) in plan.strategies.iter().zip(unique_names(&plan.strategies)) {
        let column = match spec.objective() {
            Some(objective) => match optimized.iter().find(|o| o.objective == *objective) {
                Some(o) => Some((o.projection.clone(), o.outcome.clone())),
                None => {
                    c.pending.push(spec.clone());
                    None
                }
            },
            None => named.next(),
        };
        if let Some((mut p, mut o)) = column {
            // Every column under its unique name, the optimized ones too.
            p.strategy.clone_from(&name);
            o.strategy = name;
            c.specs.push(spec.clone());
            c.projections.push(p);
            c.outcomes.push(o);
        }
    }
    Ok(c)
}
