//! The optimizer's speed target: the demo household (31 years) searched for the largest
//! after-tax estate, start to finish, in under 500 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use drawdown::optimize::{Budget, Objective, optimize_within};
use drawdown::plan::demo_plan;
use std::hint::black_box;
use std::sync::atomic::AtomicBool;

fn optimizer(c: &mut Criterion) {
    let plan = demo_plan();
    let cancel = AtomicBool::new(false);
    let mut group = c.benchmark_group("optimize");
    group.sample_size(10);
    group.bench_function("demo_estate", |b| {
        b.iter(|| {
            optimize_within(
                black_box(&plan),
                &Objective::Estate,
                &Budget::repeatable(),
                &cancel,
                &mut |_| {},
            )
            .expect("the demo optimizes")
        })
    });
    group.finish();
}

criterion_group!(benches, optimizer);
criterion_main!(benches);
