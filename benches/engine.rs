//! The engine's speed targets: every strategy of the demo household over its whole horizon
//! (what one keypress in the planner recomputes), and its parts.

use criterion::{Criterion, criterion_group, criterion_main};
use drawdown::compare::compare;
use drawdown::engine::{ReturnPath, Scenario, project};
use drawdown::plan::{StateResidence, demo_plan};
use drawdown::strategy::build;
use drawdown::tax::StateCode;
use rust_decimal::Decimal;
use std::hint::black_box;

fn engine(c: &mut Criterion) {
    let plan = demo_plan();
    c.bench_function("demo_all_strategies", |b| {
        b.iter(|| compare(black_box(&plan)).expect("demo projects"))
    });
    // The same household as residents of California (brackets, exemption credits, Social
    // Security exempt) and Georgia (the retirement exclusion per person from 62 and 65).
    for code in [StateCode::CA, StateCode::GA] {
        let mut resident = plan.clone();
        resident.state = StateResidence::resident(code);
        c.bench_function(&format!("demo_all_strategies_in/{}", code.code()), |b| {
            b.iter(|| compare(black_box(&resident)).expect("demo projects"))
        });
    }
    // The early retirees on the Marketplace (saves/G.ron): the premium credit enters every
    // Marketplace year's solve, with its 400% cliff.
    let early = drawdown::plan::example_plan("G.ron")
        .expect("embedded")
        .expect("valid");
    c.bench_function("early_retirees_all_strategies", |b| {
        b.iter(|| compare(black_box(&early)).expect("F projects"))
    });
    // A keypress that changes the law's inputs (inflation, start year, law mode) resolves every
    // year's law again; alternate two inflation rates so that each run does.
    let mut other = plan.clone();
    other.assumptions.inflation += rust_decimal::Decimal::new(1, 3);
    let plans = [plan.clone(), other];
    let mut turn = 0;
    c.bench_function("demo_all_strategies_new_law", |b| {
        b.iter(|| {
            turn ^= 1;
            compare(black_box(&plans[turn])).expect("demo projects")
        })
    });
    let path = ReturnPath::constant(&plan);
    c.bench_function("demo_scenario_build", |b| {
        b.iter(|| Scenario::<Decimal>::build(black_box(&plan), &path).expect("demo builds"))
    });
    let scenario = Scenario::<Decimal>::build(&plan, &path).expect("demo builds");
    let decisions = scenario.to_f64();
    // The optimized strategy is searched (benches/optimize.rs), not run as a policy.
    for spec in plan.strategies.iter().filter(|s| !s.is_optimized()) {
        let strategy = build(spec);
        c.bench_function(&format!("demo_one_strategy/{}", spec.name()), |b| {
            b.iter(|| project(black_box(&scenario), &decisions, strategy.as_ref()))
        });
    }
}

criterion_group!(benches, engine);
criterion_main!(benches);
