//! The optimized schedule as a policy on other return paths (bracket targets): it reproduces
//! the optimized column on the plan's own path, never converts more than the account holds
//! after a crash, and gives Optimized its market-risk rows.

mod common;

use drawdown::compare::compare_all;
use drawdown::engine::{ReturnPath, Scenario, outcome, project};
use drawdown::optimize::{Budget, Objective, Optimized};
use drawdown::plan::{PathMode, Plan, Simulation, demo_plan, example_plan, parse_plan};
use drawdown::sim::{risk_of, simulate_on, simulate_with};
use drawdown::strategy::{BracketTargets, Position, TargetYear};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::sync::atomic::AtomicBool;

fn policy(plan: &Plan, o: &Optimized) -> BracketTargets {
    o.policy(plan, "Optimized".into())
        .expect("builds")
        .expect("the estate objective has a policy")
}

/// On the plan's own constant path the policy's exact books land within a small tolerance of
/// the optimized column's: the targets are read off that column's years.
#[test]
fn on_the_plans_own_path_the_policy_reproduces_the_optimized_column() {
    for (name, plan) in [
        ("D", demo_plan()),
        ("G", example_plan("G.ron").unwrap().unwrap()),
        ("B", example_plan("B.ron").unwrap().unwrap()),
        ("F", example_plan("F.ron").unwrap().unwrap()),
        // Its answer draws Roth money last in the years after its conversions (a steady
        // conversion's order): the policy must keep that order, or it spends the Roth money.
        (
            "single_rmd_heirs37",
            parse_plan(
                include_str!("data/single_rmd_heirs37.ron"),
                "single_rmd_heirs37.ron",
            )
            .unwrap(),
        ),
        // Its answer draws tax-deferred money whatever the need for eighteen years, to the top
        // of the 0% band: the policy must draw it too.
        (
            "edge_draws_couple",
            parse_plan(
                include_str!("data/edge_draws_couple.ron"),
                "edge_draws_couple.ron",
            )
            .unwrap(),
        ),
    ] {
        let o = common::optimized(&plan, &Objective::Estate);
        let p = policy(&plan, &o);
        let scenario = Scenario::<Decimal>::build(&plan, &ReturnPath::constant(&plan)).unwrap();
        let quick = scenario.to_f64();
        let projection = project(&scenario, &quick, &p);
        let replayed = outcome(&projection, &scenario.estate_ages);
        let gap = (replayed.estate_real - o.outcome.estate_real).abs();
        let converted = |rows: &[drawdown::engine::YearRow<Decimal>]| -> Decimal {
            rows.iter().map(|r| r.conversion).sum()
        };
        println!(
            "{name}: Optimized {} real estate, the policy {} (gap {gap}); conversions {} vs {}; \
             best named {} {}",
            o.outcome.estate_real.round_dp(0),
            replayed.estate_real.round_dp(0),
            converted(&o.projection.rows).round_dp(0),
            converted(&projection.rows).round_dp(0),
            o.best_named.0,
            o.best_named.1.round_dp(0),
        );
        assert_eq!(replayed.years_lasting, o.outcome.years_lasting, "{name}");
        // Within $10 of today's money, on estates of millions (measured: cents).
        assert!(gap <= Decimal::TEN, "{name}: off by {gap}");
        // Year by year, the conversions agree to within a dollar.
        for (a, b) in o.projection.rows.iter().zip(&projection.rows) {
            assert!(
                (a.conversion - b.conversion).abs() <= Decimal::ONE,
                "{name} {}: optimized converts {}, the policy {}",
                a.year,
                a.conversion,
                b.conversion
            );
        }
    }
}

/// A crash in the first years of the demo: stocks halve twice. The optimized schedule converted
/// hundreds of thousands in those years; the policy converts what fills the same bracket
/// position, never more than the tax-deferred accounts hold after the RMD and the draws.
#[test]
fn after_a_crash_the_policy_never_converts_more_than_the_account_holds() {
    let plan = demo_plan();
    let o = common::optimized(&plan, &Objective::Estate);
    let p = policy(&plan, &o);
    let mut path = ReturnPath::constant(&plan);
    for (k, y) in path.years.iter_mut().enumerate() {
        if k < 3 {
            y.stocks = Decimal::new(-50, 2);
            y.bonds = Decimal::new(-10, 2);
        }
    }
    let scenario = Scenario::<Decimal>::build(&plan, &path).unwrap();
    let quick = scenario.to_f64();
    let projection = project(&scenario, &quick, &p);
    let mut converted = Decimal::ZERO;
    for r in &projection.rows {
        assert!(r.conversion >= Decimal::ZERO);
        assert!(
            r.conversion + r.rmd + r.deferred_draw <= r.opening.deferred,
            "{}: converts {} with {} drawn of {}",
            r.year,
            r.conversion,
            r.rmd + r.deferred_draw,
            r.opening.deferred
        );
        assert!(r.closing.deferred >= Decimal::ZERO);
        assert_eq!(r.identity_gap().round_dp(2), Decimal::ZERO, "{}", r.year);
        converted += r.conversion;
    }
    let base: Decimal = o.projection.rows.iter().map(|r| r.conversion).sum();
    println!("demo after a crash: the policy converts {converted}, the schedule {base}");
    assert!(converted > Decimal::ZERO, "the policy still converts");
    assert!(converted < base, "and less than on the plan's own path");
}

/// The demo's 98 historical paths: the optimized strategy gets its rows beside every named
/// strategy, finite and within range, and without a finished search it is left out.
#[test]
fn a_historical_run_of_the_demo_has_the_policys_rows() {
    let plan = demo_plan();
    let settings = Simulation {
        mode: PathMode::Historical,
        ..Simulation::default()
    };
    let (c, found) = compare_all(&plan, &Budget::repeatable(), &AtomicBool::new(false)).unwrap();
    let refs: Vec<&Optimized> = found.iter().collect();
    let cancel = AtomicBool::new(false);
    // Timed for the record only (a shared machine's wall-clock is no assertion): one thread
    // each, so the policy's share of the run is its share of the work.
    let t = std::time::Instant::now();
    let with = simulate_with(&plan, &settings, &refs, 1, &cancel, |_| {}).unwrap();
    let t_with = t.elapsed();
    let t = std::time::Instant::now();
    let without = simulate_on(&plan, &settings, 1, &cancel, |_| {}).unwrap();
    let t_without = t.elapsed();
    println!(
        "98 paths on one thread: {} strategies with the policy {t_with:?}, {} without {t_without:?}",
        with.strategies.len(),
        without.strategies.len()
    );
    assert_eq!(with.paths, 98);
    assert_eq!(with.strategies.len(), c.outcomes.len(), "every column");
    assert_eq!(without.strategies.len(), c.outcomes.len() - 1);
    let r = risk_of(&with, "Optimized").expect("Optimized has rows");
    println!(
        "demo, 98 historical paths: Optimized as a policy: success {:.1}%, terminal p10 {:.0}, \
         median {:.0}, p90 {:.0}, median lifetime tax {:.0}, IRMAA {:.1}%",
        r.success_rate * 100.0,
        r.terminal_p10,
        r.terminal_median,
        r.terminal_p90,
        r.median_lifetime_tax,
        r.irmaa_probability * 100.0
    );
    for s in &with.strategies {
        println!(
            "  {:<28} success {:>5.1}%  median {:>12.0}",
            s.strategy,
            s.success_rate * 100.0,
            s.terminal_median
        );
    }
    for x in [
        r.success_rate,
        r.terminal_p10,
        r.terminal_median,
        r.terminal_p90,
        r.median_lifetime_tax,
        r.irmaa_probability,
    ] {
        assert!(x.is_finite(), "{r:?}");
    }
    assert!((0.0..=1.0).contains(&r.success_rate));
    assert!(r.terminal_p10 <= r.terminal_median && r.terminal_median <= r.terminal_p90);
    assert!(r.terminal_median > 0.0);
    assert_eq!(r.bands.len(), plan.horizon_years());
    // The named strategies' rows are the same with or without the policy beside them.
    for s in &without.strategies {
        assert_eq!(risk_of(&with, &s.strategy), Some(s), "{}", s.strategy);
    }
    // On the constant path the policy's terminal wealth is the optimized column's estate (the
    // simulation's f64 books against the exact ones).
    let constant = Simulation {
        mode: PathMode::Constant,
        ..Simulation::default()
    };
    let one = simulate_with(&plan, &constant, &refs, 1, &cancel, |_| {}).unwrap();
    let k = c
        .outcomes
        .iter()
        .position(|o| o.strategy == "Optimized")
        .unwrap();
    let exact = c.outcomes[k].estate_real.to_f64().unwrap();
    let sim = risk_of(&one, "Optimized").unwrap().terminal_median;
    println!("constant path: simulated {sim:.0}, exact {exact:.0}");
    assert!((sim - exact).abs() < 200.0, "{sim} vs {exact}");
}

/// A year the optimized answer kept below an IRMAA tier converts on any path only as far as
/// that tier's ceiling two years on, however high its bracket target reaches: the policy lands
/// the conversion on the line, not short of it.
#[test]
fn a_conversion_stays_within_the_irmaa_tier_its_year_kept() {
    let plan = demo_plan();
    let sc = Scenario::<Decimal>::build(&plan, &ReturnPath::constant(&plan)).unwrap();
    let quick = sc.to_f64();
    let policy = |tier: Option<u8>| BracketTargets {
        name: "Targets".into(),
        years: quick
            .years
            .iter()
            .map(|y| TargetYear {
                year: y.year,
                // The top of the 32% bracket: far past every IRMAA tier for this couple.
                ordinary: Position::Bracket { k: 4, share: 1.0 },
                converts: true,
                irmaa_tier: tier,
                ..TargetYear::default()
            })
            .collect(),
    };
    let free = project(&sc, &quick, &policy(None));
    let kept = project(&sc, &quick, &policy(Some(0)));
    // 2026's MAGI sets 2028's surcharge (the couple is on Medicare from 65).
    let ceiling = sc.years[0]
        .irmaa_ahead
        .ceiling_of(sc.years[0].filing, 0)
        .unwrap();
    let (f, k) = (&free.rows[0], &kept.rows[0]);
    println!(
        "2026: conversion {} (MAGI {}) without the tier, {} (MAGI {}) within it; ceiling {}",
        f.conversion, f.tax.magi, k.conversion, k.tax.magi, ceiling
    );
    assert!(f.tax.magi > ceiling && free.rows[2].irmaa_tier > 0);
    assert!(k.tax.magi <= ceiling && kept.rows[2].irmaa_tier == 0);
    // Landed on the line: within $10 of it, and still converting.
    assert!(
        ceiling - k.tax.magi < Decimal::TEN,
        "{}",
        ceiling - k.tax.magi
    );
    assert!(k.conversion > Decimal::ZERO && k.conversion < f.conversion);
    // Every year that converts stays within the tier two years on.
    for (i, r) in kept.rows.iter().enumerate().take(kept.rows.len() - 2) {
        if r.conversion > Decimal::ZERO {
            assert_eq!(kept.rows[i + 2].irmaa_tier, 0, "{}", r.year);
        }
    }
}
