//! The handout's speed target: the demo household's handout in under 200 ms. `demo_from_plan`
//! is the whole of `drawdown handout saves/D.ron`: every strategy, the optimized one searched,
//! the historical simulation (98 paths), the first five years replayed by account, and the HTML.
//! `demo_render` is what the planner pays when it already has the comparison and the simulation.

use criterion::{Criterion, criterion_group, criterion_main};
use drawdown::compare::compare_all;
use drawdown::optimize::Budget;
use drawdown::plan::demo_plan;
use drawdown::report::handout::{HandoutOptions, handout_for_plan, handout_html};
use drawdown::sim::simulate;
use std::hint::black_box;
use std::sync::atomic::AtomicBool;

fn handout(c: &mut Criterion) {
    let plan = demo_plan();
    let options = HandoutOptions::default();
    let mut group = c.benchmark_group("handout");
    group.sample_size(10);
    group.bench_function("demo_from_plan", |b| {
        b.iter(|| {
            handout_for_plan(black_box(&plan), &Budget::repeatable(), &options)
                .expect("the demo renders")
        })
    });
    let cancel = AtomicBool::new(false);
    let (comparison, _) = compare_all(&plan, &Budget::repeatable(), &cancel).unwrap();
    let risk = simulate(&plan, &plan.assumptions.simulation, &cancel, |_| {}).unwrap();
    group.bench_function("demo_render", |b| {
        b.iter(|| {
            handout_html(black_box(&plan), &comparison, Some(&risk), &options)
                .expect("the demo renders")
        })
    });
    group.finish();
}

criterion_group!(benches, handout);
criterion_main!(benches);
