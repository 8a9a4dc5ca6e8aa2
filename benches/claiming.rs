//! The claiming-age comparison's speed targets: all 81 pairs of claiming ages of the demo, every
//! named strategy in each (and with the spending capacity searched), and the time to the first
//! cell the planner can show.

use criterion::{Criterion, criterion_group, criterion_main};
use drawdown::claiming::{ClaimOptions, compare_claiming, compare_claiming_with};
use drawdown::plan::demo_plan;
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, Ordering};

fn claiming(c: &mut Criterion) {
    let plan = demo_plan();
    let mut g = c.benchmark_group("claiming");
    g.sample_size(20);
    g.bench_function("demo_81_cells_all_strategies", |b| {
        b.iter(|| {
            compare_claiming(black_box(&plan), &AtomicBool::new(false), &mut |_| {})
                .expect("demo compares")
        })
    });
    // The same with each cell's spending capacity searched (`--measure capacity`).
    let options = ClaimOptions {
        capacity: true,
        ..ClaimOptions::default()
    };
    g.bench_function("demo_81_cells_with_capacity", |b| {
        b.iter(|| {
            compare_claiming_with(
                black_box(&plan),
                options,
                &AtomicBool::new(false),
                &mut |_| {},
            )
            .expect("demo compares")
        })
    });
    // Stopped once the first cell is in: what the planner waits for before it can draw.
    g.bench_function("first_partial_result", |b| {
        b.iter(|| {
            let cancel = AtomicBool::new(false);
            let _ = compare_claiming(black_box(&plan), &cancel, &mut |_| {
                cancel.store(true, Ordering::Relaxed)
            });
        })
    });
    g.finish();
}

criterion_group!(benches, claiming);
criterion_main!(benches);
