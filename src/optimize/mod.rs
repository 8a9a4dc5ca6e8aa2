//! The optimized strategy: yearly Roth conversions and draws searched with the exact tax engine.
//!
//! Tools of this kind usually solve a linear program over a linearised tax code, which cannot see
//! the Social Security torpedo, gains stacked on ordinary income, IRMAA cliffs or NIIT. This
//! search evaluates every trial with the real engine instead: a coordinate descent over each
//! year's conversion, tax-deferred draw, taxable sale and harvest, each tried at the amounts that
//! put the year on an edge of its tax, started from the best of the plan's named strategies.
//! The result is checked with an exact (Decimal) projection and is never worse than that best
//! named strategy: when the search cannot beat it exactly, the named strategy's own years are
//! the answer.

mod awake;
mod beyond;
mod candidates;
mod curve;
pub mod edges;
mod error;
mod estate;
mod moves;
mod policy;
mod schedule;
mod score;
mod screen;
mod search;
mod spending;
mod steady;
mod worker;

pub use crate::strategy::Objective;
pub use error::OptimizeError;
pub use estate::Stage;
pub use schedule::{Schedule, YearPlan};
pub use score::{Score, at_least};
pub use spending::{Capacity, best_sustainable, sustainable_spending};
pub use worker::{OptimizerHandle, OptimizerProgress, OptimizerUpdate, spawn, spawn_with};

use crate::engine::{Outcome, Projection, Scenario, Strategy, project_all};
use crate::money::{format_dollars, shown_gap};
use crate::plan::{Plan, validate_household};
use crate::strategy::{StrategySpec, build_named, unique_names};
use rust_decimal::Decimal;
use std::borrow::Borrow;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

/// Sweeps over the years before the search settles for what it has (it usually settles sooner).
const MAX_SWEEPS: usize = 8;

/// How much work a search may do before it settles for the best schedule it has found: a number
/// of projections and a wall-clock time. Whichever ends first stops it; the answer then says so.
/// The projection count keeps answers repeatable (the same plan stops at the same point on every
/// machine); the time is the promise to the user that no plan keeps the planner busy for long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    pub evaluations: usize,
    /// `None`: no time limit, so that the answer depends only on the plan (tests, benchmarks).
    pub time: Option<Duration>,
}

impl Default for Budget {
    /// 200,000 projections (the demo's search takes about 2,900, most of them partial) and two
    /// seconds.
    fn default() -> Budget {
        Budget {
            evaluations: 200_000,
            time: Some(Duration::from_secs(2)),
        }
    }
}

impl Budget {
    /// The default number of projections and no time limit: the same answer on any machine,
    /// however busy.
    pub fn repeatable() -> Budget {
        Budget {
            time: None,
            ..Budget::default()
        }
    }
}

/// The search's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Optimized {
    pub objective: Objective,
    /// The yearly amounts found, in dollars of each year.
    pub schedule: Schedule,
    /// The schedule projected exactly (at the spending found, for the spending objective).
    pub projection: Projection<Decimal>,
    pub outcome: Outcome,
    /// The best named strategy and its value on the objective.
    pub best_named: (String, Decimal),
    pub best_named_outcome: Outcome,
    /// The value on the objective: the real after-tax estate at the horizon, or the sustainable
    /// first-year spending in today's dollars.
    pub value: Decimal,
    /// Projections the search ran.
    pub evaluations: usize,
    /// The search stopped at its work budget with the best schedule it had found so far (still
    /// never worse than the best named strategy).
    pub budget_spent: bool,
    /// What each stage of the search reached (the estate objective's; empty for spending).
    pub stages: Vec<Stage>,
    /// An answer shown while the search goes on (in the planner): the best found so far, never
    /// worse than the best named strategy; the search's last answer replaces it.
    pub provisional: bool,
}

impl Optimized {
    /// The answer among `found` for `spec`'s objective: none for a named strategy, nor while
    /// its search has not reported. `found` is as its owner keeps it (boxed in the planner).
    pub fn answer_for<'a, T: Borrow<Optimized>>(
        found: &'a [T],
        spec: &StrategySpec,
    ) -> Option<&'a Optimized> {
        let objective = spec.objective()?;
        found
            .iter()
            .map(Borrow::borrow)
            .find(|o| o.objective == *objective)
    }

    /// How much the optimized strategy beats the best named one, as people read it:
    /// "+$12,345 estate vs Heir-aware", "+0.4 years lasting vs ...", "+$1,200 a year vs ...".
    pub fn wins_by(&self) -> String {
        let (figure, what, _) = self.margin();
        let stopped = if self.budget_spent {
            " (search stopped at its budget)"
        } else {
            ""
        };
        format!("{figure} {what} vs {}{stopped}", self.best_named.0)
    }

    /// [`Optimized::wins_by`]'s figure alone (`+$25,926`, `+2.5 yrs`), for a narrow column.
    pub fn wins_by_short(&self) -> String {
        let (figure, _, unit) = self.margin();
        format!("{figure}{unit}")
    }

    /// The margin over the best named strategy, what it measures, and the unit its figure
    /// needs when shown alone (none for dollars).
    fn margin(&self) -> (String, &'static str, &'static str) {
        let gain = |d: Decimal| {
            if d.is_zero() {
                "$0".to_string()
            } else {
                format!("+{}", format_dollars(d))
            }
        };
        match self.objective {
            Objective::Estate => {
                let years = self.outcome.years_lasting - self.best_named_outcome.years_lasting;
                if years > Decimal::ZERO {
                    (format!("+{years}"), "years lasting", " yrs")
                } else {
                    (gain(shown_gap(self.value, self.best_named.1)), "estate", "")
                }
            }
            Objective::Spending { .. } => {
                (gain(shown_gap(self.value, self.best_named.1)), "a year", "")
            }
        }
    }
}

/// The named strategies a search starts from: the plan's own, or the defaults when it lists
/// only optimized ones.
fn named_specs(plan: &Plan) -> Vec<StrategySpec> {
    let named: Vec<StrategySpec> = plan
        .strategies
        .iter()
        .filter(|s| !s.is_optimized())
        .cloned()
        .collect();
    if named.is_empty() {
        StrategySpec::defaults()
    } else {
        named
    }
}

/// The named strategies a search starts from, each projected exactly, under its unique name
/// among them.
fn named_projections(
    plan: &Plan,
    scenario: &Scenario<Decimal>,
    quick: &Scenario<f64>,
) -> Vec<(Projection<Decimal>, Outcome)> {
    let specs = named_specs(plan);
    let policies: Vec<Box<dyn Strategy>> = specs
        .iter()
        .zip(unique_names(&specs))
        .map(|(s, name)| build_named(s, name))
        .collect();
    let refs: Vec<&dyn Strategy> = policies.iter().map(|s| s.as_ref()).collect();
    project_all(scenario, quick, &refs)
}

/// Searches the plan's yearly conversions and draws for the best value of `objective`, within
/// the default [`Budget`]. `progress` receives the share done (0 to 1); raising `cancel` stops
/// the search within a few projections with [`OptimizeError::Cancelled`]. The same plan always
/// gives the same answer unless the search reaches its time budget.
pub fn optimize(
    plan: &Plan,
    objective: &Objective,
    cancel: &AtomicBool,
    progress: &mut (dyn FnMut(f32) + Send),
) -> Result<Optimized, OptimizeError> {
    optimize_within(plan, objective, &Budget::default(), cancel, progress)
}

/// [`optimize`] within a given work budget.
pub fn optimize_within(
    plan: &Plan,
    objective: &Objective,
    budget: &Budget,
    cancel: &AtomicBool,
    progress: &mut (dyn FnMut(f32) + Send),
) -> Result<Optimized, OptimizeError> {
    optimize_progressive(plan, objective, budget, cancel, progress, None)
}

/// [`optimize_within`], also handing `partial` each better answer as the search finds it (marked
/// [`Optimized::provisional`]; the estate objective's stages, each projected exactly): the
/// planner shows the column from the first and refines it in place.
///
/// The search runs on a thread of rayon's pool (the caller waits): its trials are spread over
/// the pool, and a caller outside it would hand every batch of trials to the pool and sleep
/// until it came back, a third thread on two cores woken hundreds of times a search (on the
/// demo, 64,000 context switches over ten searches against 4,900, and a fifth of the time).
pub fn optimize_progressive(
    plan: &Plan,
    objective: &Objective,
    budget: &Budget,
    cancel: &AtomicBool,
    progress: &mut (dyn FnMut(f32) + Send),
    partial: Option<&mut (dyn FnMut(Optimized) + Send)>,
) -> Result<Optimized, OptimizeError> {
    rayon::scope(|_| {
        awake::keep_awake(|| search_plan(plan, objective, budget, cancel, progress, partial))
    })
}

/// [`optimize_progressive`] on the thread it is called on.
fn search_plan(
    plan: &Plan,
    objective: &Objective,
    budget: &Budget,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(f32),
    partial: Option<&mut (dyn FnMut(Optimized) + Send)>,
) -> Result<Optimized, OptimizeError> {
    let started = Instant::now();
    // The household alone, as the comparison and the simulations check it: the search never
    // reads the plan's scenarios, and checking each of them (a copy of the plan rebuilt per
    // scenario) cost the demo a quarter of a millisecond a search.
    if let Some(first) = validate_household(plan).first() {
        return Err(OptimizeError::InvalidPlan(first.to_string()));
    }
    let spec = StrategySpec::Optimized {
        objective: objective.clone(),
    };
    if let Err((field, message)) = spec.validate() {
        return Err(OptimizeError::InvalidPlan(format!("{field}: {message}")));
    }
    progress(0.0);
    let name = spec.name();
    let mut marked = partial.map(|show| {
        |o: Optimized| {
            show(Optimized {
                provisional: true,
                ..as_column(o, &name)
            })
        }
    });
    let marked = marked.as_mut().map(|f| f as &mut dyn FnMut(Optimized));
    let result = match objective {
        Objective::Estate => estate::maximise(plan, budget, started, cancel, progress, marked),
        Objective::Spending { min_estate } => {
            spending::maximise(plan, *min_estate, budget, started, cancel, progress, marked)
        }
    }?;
    progress(1.0);
    Ok(as_column(result, &name))
}

/// An answer named as the plan's column is, so a report or the planner can find it.
fn as_column(mut o: Optimized, name: &str) -> Optimized {
    o.projection.strategy = name.to_string();
    o.outcome.strategy = name.to_string();
    o
}

/// A search of `sc` with the repeatable budget, one sweep at a time.
#[cfg(test)]
fn test_search<'a>(
    sc: &'a Scenario<f64>,
    cancel: &'a std::sync::atomic::AtomicBool,
) -> search::Search<'a> {
    search::Search::new(
        sc,
        cancel,
        1,
        &Budget::repeatable(),
        std::time::Instant::now(),
    )
}

/// Where the search's unit tests start: a plan's years on f64 with its constant returns, and a
/// schedule that converts, harvests and draws nothing extra in any of them.
#[cfg(test)]
fn test_start(plan: &Plan) -> (Scenario<f64>, schedule::Schedule) {
    let sc = Scenario::<Decimal>::build(plan, &crate::engine::ReturnPath::constant(plan))
        .unwrap()
        .to_f64();
    let idle = schedule::Schedule {
        years: vec![schedule::YearPlan::default(); sc.years.len()],
    };
    (sc, idle)
}
