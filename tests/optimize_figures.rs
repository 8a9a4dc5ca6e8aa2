//! The optimizer's figures on every example: the best named strategy, Optimized, the margin,
//! the projections run and the time. `cargo test --release --test optimize_figures -- --nocapture
//! --ignored` prints them (the README's table comes from here); the time is wall-clock, so it is
//! only a figure on an idle machine.

mod common;

use drawdown::optimize::Objective;
use drawdown::plan::{EXAMPLES, parse_plan};
use drawdown::strategy::StrategySpec;
use std::time::Instant;

#[test]
#[ignore = "prints figures; run with --release --ignored --nocapture"]
fn figures_on_every_example() {
    println!(
        "{:<8} {:<28} {:>14} {:>14} {:>10} {:>7} {:>9}",
        "example", "best named", "named estate", "optimized", "margin", "evals", "ms"
    );
    let couple = include_str!("data/four_million_couple.ron");
    for (name, text) in EXAMPLES.iter().chain([&("4m couple", couple)]) {
        let mut plan = parse_plan(text, name).unwrap();
        plan.strategies.retain(|s| !s.is_optimized());
        plan.strategies.push(StrategySpec::Optimized {
            objective: Objective::Estate,
        });
        let t = Instant::now();
        let o = common::optimized(&plan, &Objective::Estate);
        let ms = t.elapsed().as_secs_f64() * 1e3;
        println!(
            "{:<8} {:<28} {:>14.2} {:>14.2} {:>10.2} {:>7} {:>9.1}",
            name,
            o.best_named.0,
            o.best_named.1,
            o.value,
            o.value - o.best_named.1,
            o.evaluations,
            ms
        );
        for st in &o.stages {
            println!(
                "    {:<32} {:>7} projections  estate {:>14.2}",
                st.name, st.evaluations, st.estate
            );
        }
        if name.contains("couple") {
            for r in o.projection.rows.iter().take(6) {
                println!(
                    "  {} convert {} rmd {} deferred {} taxable {} roth {}",
                    r.year, r.conversion, r.rmd, r.deferred_draw, r.taxable_sale, r.roth_draw
                );
            }
        }
    }
}
