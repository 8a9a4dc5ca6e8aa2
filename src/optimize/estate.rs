//! The estate objective: the largest after-tax estate at the horizon with the plan's spending
//! (more years funded first when the money runs out).

use super::schedule::Schedule;
use super::score::at_least;
use super::search::Search;
use super::{Budget, MAX_SWEEPS, OptimizeError, Optimized, named_projections};
use crate::engine::{Outcome, Projection, ReturnPath, Scenario, outcome, project};
use crate::plan::Plan;
use crate::strategy::Objective;
use rust_decimal::Decimal;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

/// Share of the progress bar the named strategies take; the search has the rest.
const NAMED_SHARE: f32 = 0.05;
const STARTS: usize = 2;

pub(super) fn maximise(
    plan: &Plan,
    budget: &Budget,
    started: Instant,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(f32),
) -> Result<Optimized, OptimizeError> {
    let scenario = Scenario::<Decimal>::build(plan, &ReturnPath::constant(plan))?;
    let quick = scenario.to_f64();
    // The named strategies, exactly: the value to beat.
    let named = named_projections(plan, &scenario, &quick);
    let best = best_named(&named);
    let mut search = Search::new(&quick, cancel, MAX_SWEEPS, budget, started);

    // Start from each of the named strategies' years that score best on the fast books.
    let mut starts: Vec<(Schedule, super::Score)> = named
        .iter()
        .map(|(p, _)| {
            let schedule = Schedule::from_projection(p);
            let s = search.score(&schedule);
            (schedule, s)
        })
        .collect();
    // Best first (a stable sort keeps the plan's order among equals); strategies that did the
    // same thing are one start.
    starts.sort_by(|a, b| {
        b.1.lasting
            .total_cmp(&a.1.lasting)
            .then(b.1.estate.total_cmp(&a.1.estate))
    });
    starts.dedup_by(|a, b| a.1 == b.1);
    starts.truncate(STARTS);
    progress(NAMED_SHARE);
    let mut best_found: Option<(Schedule, super::Score)> = None;
    let count = starts.len().max(1) as f32;
    for (k, (start, _)) in starts.into_iter().enumerate() {
        let found = search.descend(start, &|_| false, &mut |f| {
            progress(NAMED_SHARE + (1.0 - NAMED_SHARE) * (k as f32 + f) / count)
        })?;
        if best_found.as_ref().is_none_or(|b| found.1.beats(&b.1, 0.0)) {
            best_found = Some(found);
        }
    }
    let schedule = best_found.map(|b| b.0).unwrap_or_default();

    // The exact books decide; the named strategy stands when the search cannot beat it.
    let mut projection = project(&scenario, &quick, &schedule);
    let mut result = outcome(&projection, &scenario.estate_ages);
    let mut schedule = schedule;
    let (best_projection, best_outcome) = (&named[best].0, &named[best].1);
    if !at_least(&result, best_outcome) {
        (schedule, projection, result) = relabel(best_projection, best_outcome);
    }
    Ok(Optimized {
        objective: Objective::Estate,
        schedule,
        value: result.estate_real,
        best_named: (best_outcome.strategy.clone(), best_outcome.estate_real),
        best_named_outcome: best_outcome.clone(),
        projection,
        outcome: result,
        evaluations: search.evaluations,
        budget_spent: search.exhausted,
    })
}

/// The first of the best named strategies on the estate objective.
fn best_named(named: &[(Projection<Decimal>, Outcome)]) -> usize {
    let mut best = 0;
    for (i, (_, o)) in named.iter().enumerate() {
        if !at_least(&named[best].1, o) {
            best = i;
        }
    }
    best
}

/// A named strategy's years as the optimized strategy's.
pub(super) fn relabel(
    p: &Projection<Decimal>,
    o: &Outcome,
) -> (Schedule, Projection<Decimal>, Outcome) {
    let mut p = p.clone();
    p.strategy = "Optimized".into();
    let mut o = o.clone();
    o.strategy = "Optimized".into();
    (Schedule::from_projection(&p), p, o)
}
