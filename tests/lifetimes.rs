//! Sampled lifetimes in the market simulation (`assumptions.simulation.lifetimes: Sampled`):
//! each path draws each person's year of death from the SSA life table and counts only the
//! years someone is alive.

use drawdown::plan::{Lifetimes, PathMode, Plan, Simulation, demo_plan, parse_plan};
use drawdown::sim::{SimResult, simulate_on};
use rust_decimal::Decimal;
use std::sync::atomic::AtomicBool;

fn settings(mode: PathMode, paths: u32, lifetimes: Lifetimes) -> Simulation {
    Simulation {
        mode,
        paths,
        seed: 11,
        lifetimes,
        ..Simulation::default()
    }
}

fn run(plan: &Plan, s: &Simulation, threads: usize) -> SimResult {
    simulate_on(plan, s, threads, &AtomicBool::new(false), |_| {}).expect("simulates")
}

#[test]
fn with_no_deaths_sampled_lifetimes_are_the_planning_ages() {
    // A mortality multiplier of 0 makes every death probability zero: every drawn life runs to
    // its planning age, so every figure (success, percentiles, tax, every fan band) is the
    // fixed-age simulation's, path for path.
    let mut plan = demo_plan();
    for p in &mut plan.people {
        p.mortality = Decimal::ZERO;
    }
    for mode in [PathMode::Historical, PathMode::monte_carlo_default()] {
        let fixed = run(
            &plan,
            &settings(mode.clone(), 200, Lifetimes::PlanningAges),
            2,
        );
        let sampled = run(&plan, &settings(mode, 200, Lifetimes::Sampled), 2);
        assert_eq!(sampled.lifetimes, Lifetimes::Sampled);
        assert_eq!(fixed.paths, sampled.paths);
        assert_eq!(fixed.strategies, sampled.strategies, "{}", fixed.mode);
    }
}

#[test]
fn sampled_lifetimes_succeed_at_least_as_often_as_living_to_the_tables_end() {
    // Planning ages of 119, the table's last age (everyone dies within it): the fixed-age
    // simulation makes both spouses live to 119 on every path, the sampled one lets them die
    // when the table says. Counting only the years someone is alive, no strategy fails more
    // often, and on the demo's Monte Carlo paths every strategy fails less than half as often.
    let mut plan = demo_plan();
    for p in &mut plan.people {
        p.planning_age = 119;
    }
    let mode = PathMode::monte_carlo_default();
    let fixed = run(
        &plan,
        &settings(mode.clone(), 400, Lifetimes::PlanningAges),
        2,
    );
    let sampled = run(&plan, &settings(mode, 400, Lifetimes::Sampled), 2);
    for (f, s) in fixed.strategies.iter().zip(&sampled.strategies) {
        println!(
            "{:<34} success to 119: {:5.1}%   sampled lifetimes: {:5.1}%   median estate \
             ${:>12.0} / ${:>12.0}",
            f.strategy,
            f.success_rate * 100.0,
            s.success_rate * 100.0,
            f.terminal_median,
            s.terminal_median
        );
        assert!(s.success_rate >= f.success_rate, "{}", f.strategy);
        // Most failures of living to 119 come after the table's deaths: at most half remain.
        assert!(
            1.0 - s.success_rate <= (1.0 - f.success_rate) / 2.0,
            "{}: the table's lifetimes should spare most of the failures of living to 119",
            f.strategy
        );
        // The fan keeps the households still alive: in the table's last years almost none are,
        // and the bands there are over those few (or empty: zeros), never NaN.
        assert!(
            s.bands
                .iter()
                .all(|b| b.p10.is_finite() && b.p90.is_finite())
        );
    }
}

#[test]
fn sampled_lifetimes_are_the_same_whatever_the_thread_count() {
    let plan = demo_plan();
    let s = settings(PathMode::bootstrap_default(), 120, Lifetimes::Sampled);
    let one = run(&plan, &s, 1);
    let two = run(&plan, &s, 2);
    assert_eq!(one, two);
    // A lifetime ends a path early, so the figures differ from the fixed ages'.
    let fixed = run(
        &plan,
        &settings(PathMode::bootstrap_default(), 120, Lifetimes::PlanningAges),
        2,
    );
    assert_ne!(fixed.strategies, one.strategies);
}

#[test]
fn constant_returns_with_sampled_lifetimes_measure_longevity_alone() {
    // One market (the plan's own returns) and `paths` drawn lifetimes: success is the share of
    // lifetimes the money outlasts. On the plan's returns the demo lasts to the planning ages,
    // so it lasts every shorter life too.
    let plan = demo_plan();
    let r = run(
        &plan,
        &settings(PathMode::Constant, 300, Lifetimes::Sampled),
        2,
    );
    assert_eq!(r.paths, 300);
    for s in &r.strategies {
        assert_eq!(s.success_rate, 1.0, "{}", s.strategy);
        // Heirs inherit at different deaths: the estate varies over the lifetimes.
        assert!(s.terminal_p90 > s.terminal_p10, "{}", s.strategy);
    }
    let fixed = run(
        &plan,
        &settings(PathMode::Constant, 300, Lifetimes::PlanningAges),
        2,
    );
    assert_eq!(
        fixed.paths, 1,
        "fixed ages on constant returns are one path"
    );
}

#[test]
fn the_setting_round_trips_and_old_files_live_to_their_planning_ages() {
    let mut plan = demo_plan();
    plan.assumptions.simulation.lifetimes = Lifetimes::Sampled;
    let text = drawdown::plan::plan_to_text(&plan);
    assert!(text.contains("lifetimes: Sampled"), "{text}");
    let back = parse_plan(&text, "test").unwrap();
    assert_eq!(back.assumptions.simulation.lifetimes, Lifetimes::Sampled);
    let old = drawdown::plan::plan_to_text(&demo_plan());
    assert!(!old.contains("lifetimes"));
    assert_eq!(
        parse_plan(&old, "test")
            .unwrap()
            .assumptions
            .simulation
            .lifetimes,
        Lifetimes::PlanningAges
    );
    let bad = text.replace("lifetimes: Sampled", "lifetimes: Forever");
    let err = parse_plan(&bad, "test").unwrap_err().to_string();
    assert!(err.contains("Forever"), "{err}");
}

#[test]
fn the_comparison_carries_the_life_table_figures_and_without_deaths_they_are_the_fixed_ages() {
    let plan = demo_plan();
    let c = drawdown::compare::compare(&plan).unwrap();
    for o in &c.outcomes {
        let w = o.weighted.as_ref().expect("weighted figures");
        // Heirs may inherit decades early: never more than the last year's estate and more.
        assert!(w.estate_real > Decimal::ZERO, "{}", o.strategy);
        assert!(w.money_lasts <= Decimal::ONE);
    }
    let table =
        drawdown::report::comparison_table(&plan, &c).render(drawdown::report::Format::Table);
    assert!(table.contains("Expected estate at death"), "{table}");
    assert!(table.contains("Lasts while either lives"), "{table}");
    let mut immortal = plan.clone();
    for p in &mut immortal.people {
        p.mortality = Decimal::ZERO;
    }
    let c = drawdown::compare::compare(&immortal).unwrap();
    for o in &c.outcomes {
        let w = o.weighted.as_ref().unwrap();
        assert_eq!(w.estate_real, o.estate_real, "{}", o.strategy);
        assert_eq!(
            w.money_lasts == Decimal::ONE,
            o.lasts_to_horizon,
            "{}",
            o.strategy
        );
    }
}
