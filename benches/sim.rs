//! The simulation's speed targets: 10,000 Monte Carlo paths × every strategy of a 41-year plan
//! (the demo couple planning to age 105) in under two seconds on two cores, and the first partial
//! result within 100 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use drawdown::optimize::{Budget, Objective, optimize_within};
use drawdown::plan::{Guardrails, Lifetimes, PathMode, Plan, Simulation, demo_plan};
use drawdown::sim::{default_threads, simulate, simulate_with};
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// The demo household, both planning to 105: 41 years, eight strategies.
fn long_demo() -> Plan {
    let mut plan = demo_plan();
    for p in &mut plan.people {
        p.planning_age = 105;
    }
    plan
}

fn monte_carlo(paths: u32) -> Simulation {
    Simulation {
        mode: PathMode::monte_carlo_default(),
        paths,
        seed: 42,
        ..Simulation::default()
    }
}

fn sim(c: &mut Criterion) {
    let plan = long_demo();
    let mut group = c.benchmark_group("sim");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    let settings = monte_carlo(10_000);
    group.bench_function("montecarlo_10000_paths_all_strategies_41y", |b| {
        b.iter(|| {
            let cancel = AtomicBool::new(false);
            simulate(black_box(&plan), &settings, &cancel, |_| {}).expect("simulates")
        })
    });
    // Time to the first partial result; the run is then cancelled.
    group.bench_function("first_partial_result", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let cancel = AtomicBool::new(false);
                let started = Instant::now();
                let mut first = None;
                let _ = simulate(&plan, &settings, &cancel, |_| {
                    first.get_or_insert_with(|| started.elapsed());
                    cancel.store(true, Ordering::Relaxed);
                });
                total += first.unwrap_or_else(|| started.elapsed());
            }
            total
        })
    });
    let historical = Simulation {
        mode: PathMode::Historical,
        ..Simulation::default()
    };
    group.bench_function("historical_98_paths_all_strategies_41y", |b| {
        b.iter(|| {
            let cancel = AtomicBool::new(false);
            simulate(black_box(&plan), &historical, &cancel, |_| {}).expect("simulates")
        })
    });
    // The optimized answer beside them, run on each path as its policy of bracket targets (what
    // the planner's risk rows and the handout run once the search is done). The search runs
    // once, outside the timing.
    let cancel = AtomicBool::new(false);
    let answer = optimize_within(
        &plan,
        &Objective::Estate,
        &Budget::repeatable(),
        &cancel,
        &mut |_| {},
    )
    .expect("the demo's search");
    group.bench_function(
        "historical_98_paths_all_strategies_and_optimized_policy_41y",
        |b| {
            b.iter(|| {
                let cancel = AtomicBool::new(false);
                simulate_with(
                    black_box(&plan),
                    &historical,
                    &[&answer],
                    default_threads(),
                    &cancel,
                    |_| {},
                )
                .expect("simulates")
            })
        },
    );
    // Spending guardrails on every strategy: the cuts and raises are part of each year.
    let mut guarded = plan.clone();
    guarded.spending.guardrails = Some(Guardrails::classic());
    group.bench_function(
        "montecarlo_10000_paths_all_strategies_guardrails_41y",
        |b| {
            b.iter(|| {
                let cancel = AtomicBool::new(false);
                simulate(black_box(&guarded), &settings, &cancel, |_| {}).expect("simulates")
            })
        },
    );
    // Sampled lifetimes: every path draws both deaths and ends at the last one; each pair of
    // death years is built once (its first use pays for it).
    let sampled = Simulation {
        lifetimes: Lifetimes::Sampled,
        ..settings.clone()
    };
    group.bench_function(
        "montecarlo_10000_paths_all_strategies_sampled_lifetimes",
        |b| {
            b.iter(|| {
                let cancel = AtomicBool::new(false);
                simulate(black_box(&plan), &sampled, &cancel, |_| {}).expect("simulates")
            })
        },
    );
    group.finish();
}

criterion_group!(benches, sim);
criterion_main!(benches);
