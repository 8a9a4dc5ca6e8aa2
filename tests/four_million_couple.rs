//! The $4m couple of issue 14: an LP optimizer's yearly conversions (2026 $196,000; 2027
//! $201,000; 2028 $115,000; 2029 $92,000; none after), replayed as a Schedule strategy through
//! drawdown's exact books with the draws left to the fallback order, against the Optimized
//! search in the same plan. The search must leave at least the LP schedule's estate.
//! `cargo test --release --test four_million_couple -- --nocapture` prints the figures.

mod common;

use drawdown::compare::compare;
use drawdown::optimize::Objective;
use drawdown::plan::{Plan, parse_plan, validate};
use drawdown::strategy::{StrategySpec, parse_schedule_csv};
use std::time::Instant;

const LP_SCHEDULE: &str = "\
year, roth_conversion, deferred, taxable, roth, cash
2026, 196000, 0, 0, 0, 0
2027, 201000, 0, 0, 0, 0
2028, 115000, 0, 0, 0, 0
2029, 92000, 0, 0, 0, 0
";

fn plan() -> Plan {
    let mut plan = parse_plan(
        include_str!("data/four_million_couple.ron"),
        "four_million_couple.ron",
    )
    .unwrap();
    plan.strategies.push(
        StrategySpec::Schedule {
            rows: parse_schedule_csv(LP_SCHEDULE).unwrap(),
        }
        .with_label("LP schedule"),
    );
    assert!(validate(&plan).is_empty(), "{:?}", validate(&plan));
    plan
}

#[test]
fn optimized_leaves_at_least_the_lp_schedules_estate() {
    let plan = plan();
    let named = compare(&plan).unwrap();
    println!(
        "{:<28} {:>14} {:>10} {:>14}",
        "strategy", "estate (real)", "lasting", "converted"
    );
    for o in &named.outcomes {
        let p = named
            .projections
            .iter()
            .find(|p| p.strategy == o.strategy)
            .unwrap();
        let converted: rust_decimal::Decimal = p.rows.iter().map(|r| r.conversion).sum();
        println!(
            "{:<28} {:>14.2} {:>10} {:>14.2}",
            o.strategy, o.estate_real, o.years_lasting, converted
        );
    }
    let lp = named
        .outcomes
        .iter()
        .find(|o| o.strategy == "LP schedule")
        .unwrap();
    let lp_rows = &named
        .projections
        .iter()
        .find(|p| p.strategy == "LP schedule")
        .unwrap()
        .rows;
    // The schedule is replayed as entered: the conversions in its years, none after.
    assert_eq!(lp_rows[0].conversion, rust_decimal::Decimal::from(196_000));
    assert_eq!(lp_rows[3].conversion, rust_decimal::Decimal::from(92_000));
    assert!(lp_rows[4..].iter().all(|r| r.conversion.is_zero()));

    // The search does not see the LP's schedule: it starts from the named strategies only, so
    // it cannot win by copying it.
    let mut own = plan.clone();
    own.strategies
        .retain(|s| !matches!(s.kind(), StrategySpec::Schedule { .. }));
    let t = Instant::now();
    let o = common::optimized(&own, &Objective::Estate);
    let ms = t.elapsed().as_secs_f64() * 1e3;
    let converted: rust_decimal::Decimal = o.projection.rows.iter().map(|r| r.conversion).sum();
    println!(
        "Optimized: estate {:.2}, {} projections, {ms:.0} ms (wall clock, under load); {} ; converted {converted:.2}",
        o.value,
        o.evaluations,
        o.wins_by()
    );
    for r in o.projection.rows.iter().take(8) {
        println!(
            "  {} convert {:>11.2} deferred {:>11.2} taxable {:>11.2} Roth {:>11.2} RMD {:>11.2}",
            r.year, r.conversion, r.deferred_draw, r.taxable_sale, r.roth_draw, r.rmd
        );
    }
    // No year converts to Roth and draws from Roth at once (the search's answer is shown in
    // its plainer form: a larger tax-deferred draw and a smaller conversion).
    for r in &o.projection.rows {
        assert!(
            r.conversion.is_zero() || r.roth_draw.is_zero(),
            "{}: converts {} and draws {} from Roth",
            r.year,
            r.conversion,
            r.roth_draw
        );
    }
    println!(
        "Optimized vs LP schedule: {:+.2} (today's dollars)",
        o.value - lp.estate_real
    );
    assert!(
        o.outcome.years_lasting >= lp.years_lasting && o.value >= lp.estate_real,
        "Optimized {} < LP schedule {}",
        o.value,
        lp.estate_real
    );
}
