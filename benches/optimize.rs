//! The optimizer's speed: the demo household (31 years) searched for the largest after-tax
//! estate, start to finish; the $4m couple of issue 14 (tests/data/four_million_couple.ron); and
//! how the search time grows with the plan's length (the demo over 31, 40 and 50 years).

use criterion::{Criterion, criterion_group, criterion_main};
use drawdown::optimize::{Budget, Objective, optimize_within};
use drawdown::plan::{Plan, demo_plan, parse_plan};
use std::hint::black_box;
use std::sync::atomic::AtomicBool;

fn search(plan: &Plan) {
    optimize_within(
        black_box(plan),
        &Objective::Estate,
        &Budget::repeatable(),
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .expect("the plan optimizes");
}

/// The demo with both people planning `extra` years longer.
fn longer(extra: u32) -> Plan {
    let mut plan = demo_plan();
    for p in &mut plan.people {
        p.planning_age += extra;
    }
    plan
}

fn optimizer(c: &mut Criterion) {
    let mut group = c.benchmark_group("optimize");
    group.sample_size(10);
    let demo = demo_plan();
    group.bench_function("demo_estate", |b| b.iter(|| search(&demo)));
    let couple = parse_plan(
        include_str!("../tests/data/four_million_couple.ron"),
        "four_million_couple.ron",
    )
    .expect("the $4m couple loads");
    group.bench_function("four_million_couple", |b| b.iter(|| search(&couple)));
    for (years, extra) in [(40, 9), (50, 19)] {
        let plan = longer(extra);
        assert_eq!(plan.end_year() - plan.assumptions.start_year + 1, years);
        group.bench_function(format!("demo_{years}_years"), |b| b.iter(|| search(&plan)));
    }
    group.finish();
}

criterion_group!(benches, optimizer);
criterion_main!(benches);
