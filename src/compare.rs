//! Every strategy a plan compares, projected exactly: the named ones, and each optimized one
//! searched first within a work budget. What the planner, `drawdown report` and the handout
//! show, and what the fuzz tests drive.
//!
//! This is the top of the strategy stack: it turns the plan's list of strategy specs into
//! policies (`crate::strategy`), takes the optimized columns from the search
//! (`crate::optimize`) and projects everything with the engine (`crate::engine`). None of those
//! three imports this module or one another upward (engine ← strategy ← optimize ← compare).

use crate::engine::mortality::{LifeTable, Survival, Weights};
use crate::engine::{
    EngineError, Outcome, Projection, ReturnPath, Scenario, Strategy, WarmPool,
    project_all_weighted,
};
use crate::kept::KeepLast;
use crate::optimize::{Budget, OptimizeError, Optimized, optimize_within};
use crate::plan::{Plan, Sex, validate_household};
use crate::strategy::{Objective, StrategySpec, build_named, unique_names};
use rust_decimal::Decimal;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

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

    /// Per column, whether its figures compare with the others': a search for the highest
    /// spending funds more than the plan's need, so its estate, tax and years are not measured
    /// against the same spending as the rest. When every column is such a search, all compare.
    pub fn comparable(&self) -> Vec<bool> {
        let at_need: Vec<bool> = self
            .specs
            .iter()
            .map(|s| !matches!(s.objective(), Some(Objective::Spending { .. })))
            .collect();
        if at_need.iter().any(|c| *c) {
            at_need
        } else {
            vec![true; at_need.len()]
        }
    }
}

/// The policies of a plan's named (not optimized) strategies, in order, each under its unique
/// name among all the plan's strategies (see [`unique_names`]).
pub fn build_plan(specs: &[StrategySpec]) -> Vec<Box<dyn Strategy>> {
    build_under(specs, unique_names(specs))
}

/// [`build_plan`] with the names already worked out.
fn build_under(specs: &[StrategySpec], names: Vec<String>) -> Vec<Box<dyn Strategy>> {
    specs
        .iter()
        .zip(names)
        .filter(|(s, _)| !s.is_optimized())
        .map(|(s, name)| build_named(s, name))
        .collect()
}

/// The policies a plan's strategies run on other return paths, in the plan's order, each under
/// its column's name: the named ones as [`build_plan`] builds them, and each optimized one for
/// the estate whose search has finished as that answer's bracket targets
/// ([`Optimized::policy`]). An optimized strategy without a finished search, or for the highest
/// spending, is left out.
pub fn plan_policies(plan: &Plan, optimized: &[&Optimized]) -> Vec<Box<dyn Strategy>> {
    policies(plan, optimized, true)
}

/// The optimized strategies' policies of [`plan_policies`] alone (a simulation of them beside
/// one of the named strategies that has already run).
pub fn optimized_policies(plan: &Plan, optimized: &[&Optimized]) -> Vec<Box<dyn Strategy>> {
    policies(plan, optimized, false)
}

fn policies(plan: &Plan, optimized: &[&Optimized], named: bool) -> Vec<Box<dyn Strategy>> {
    let specs = &plan.strategies;
    specs
        .iter()
        .zip(unique_names(specs))
        .filter_map(|(s, name)| match s.objective() {
            None => named.then(|| build_named(s, name)),
            Some(objective) => optimized
                .iter()
                .find(|o| o.objective == *objective && !o.provisional)
                .and_then(|o| o.policy(plan, name).ok().flatten())
                .map(|p| Box::new(p) as Box<dyn Strategy>),
        })
        .collect()
}

/// Projects every strategy the plan compares, exactly, on the plan's own assumptions. Optimized
/// strategies take a search (see [`compare_with`]): they are left out, listed in `pending`.
pub fn compare(plan: &Plan) -> Result<Comparison, EngineError> {
    compare_with(plan, &[])
}

/// [`compare`], with the optimized strategies' columns taken from finished searches: each
/// Optimized spec of the plan gets the result with its objective, or waits in `pending`.
pub fn compare_with(plan: &Plan, optimized: &[&Optimized]) -> Result<Comparison, EngineError> {
    // The second core is woken now, while this one builds the scenario (a few tenths of a
    // millisecond), rather than when the strategies are ready for it.
    let warm = WarmPool::start(Duration::from_millis(5));
    let issues = validate_household(plan);
    if let Some(first) = issues.first() {
        return Err(EngineError::InvalidPlan(first.to_string()));
    }
    let scenario = Scenario::build(plan, &ReturnPath::constant(plan))?;
    let decisions = scenario.to_f64();
    let names = unique_names(&plan.strategies);
    let policies = build_under(&plan.strategies, names.clone());
    let refs: Vec<&dyn Strategy> = policies.iter().map(|s| s.as_ref()).collect();
    // Without the life table (a broken override) the weighted figures are left out, not the
    // comparison. The survival chances are kept from the last comparison of the same people.
    let survival = survival_for(plan);
    drop(warm);
    let (results, mut weights) =
        project_all_weighted(&scenario, &decisions, &refs, survival.as_deref());
    // Back in the plan's order, with the optimized columns that are ready.
    let mut named = results.into_iter();
    let mut c = Comparison {
        specs: Vec::new(),
        projections: Vec::new(),
        outcomes: Vec::new(),
        pending: Vec::new(),
    };
    for (spec, name) in plan.strategies.iter().zip(names) {
        let column = match spec.objective() {
            Some(objective) => match optimized.iter().find(|o| o.objective == *objective) {
                Some(o) => {
                    let (p, mut out) = (o.projection.clone(), o.outcome.clone());
                    // The scenario's weights, unless no named strategy was projected to give them.
                    if let Some(s) = &survival {
                        let w = weights.get_or_insert_with(|| Weights::new(s, &p));
                        out.weighted = Some(w.weigh(&p));
                    }
                    Some((p, out))
                }
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

/// Each person's chances of living through each plan year, from the SSA table. They depend
/// only on the people and the plan's years, which most edits leave alone: the last is kept.
fn survival_for(plan: &Plan) -> Option<std::sync::Arc<Survival>> {
    type Key = (Vec<(i32, Sex, Decimal)>, i32, usize);
    static LAST: KeepLast<Key, Survival> = KeepLast::new();
    let years = plan.horizon_years();
    let key: Key = (
        plan.people
            .iter()
            .map(|p| (p.birth_year, p.sex, p.mortality))
            .collect(),
        plan.assumptions.start_year,
        years,
    );
    LAST.get_or_make(key, |_| {
        LifeTable::get().map(|table| Survival::for_plan(plan, table, years))
    })
    .ok()
}

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
