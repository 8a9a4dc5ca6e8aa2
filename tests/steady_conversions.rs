//! A plain schedule of the kind an LP optimizer returns, $40,000 converted to Roth each year for
//! ten years with the draws left to the fallback order, replayed through the exact books against
//! the Optimized strategy searched on the same plan without it. Before the search scored steady
//! conversions against its answer, this schedule left $82,061 more.
//! `cargo test --release --test steady_conversions -- --nocapture` prints the figures.

mod common;

use drawdown::compare::compare;
use drawdown::optimize::Objective;
use drawdown::plan::{Plan, parse_plan, validate};
use drawdown::strategy::{StrategySpec, parse_schedule_csv};

const STEADY: &str = "\
year, roth_conversion, deferred, taxable, roth, cash
2026, 40000, 0, 0, 0, 0
2027, 40000, 0, 0, 0, 0
2028, 40000, 0, 0, 0, 0
2029, 40000, 0, 0, 0, 0
2030, 40000, 0, 0, 0, 0
2031, 40000, 0, 0, 0, 0
2032, 40000, 0, 0, 0, 0
2033, 40000, 0, 0, 0, 0
2034, 40000, 0, 0, 0, 0
2035, 40000, 0, 0, 0, 0
";

fn plan() -> Plan {
    let plan = parse_plan(
        include_str!("data/single_ny_steady.ron"),
        "single_ny_steady.ron",
    )
    .unwrap();
    assert!(validate(&plan).is_empty(), "{:?}", validate(&plan));
    plan
}

#[test]
fn optimized_leaves_at_least_a_steady_conversions_estate() {
    let own = plan();
    let mut with_steady = own.clone();
    with_steady.strategies.push(
        StrategySpec::Schedule {
            rows: parse_schedule_csv(STEADY).unwrap(),
        }
        .with_label("Steady $40k"),
    );
    let named = compare(&with_steady).unwrap();
    let steady = named
        .outcomes
        .iter()
        .find(|o| o.strategy == "Steady $40k")
        .unwrap();
    // The search does not see the schedule.
    let o = common::optimized(&own, &Objective::Estate);
    println!(
        "steady $40k: estate {:.2} over {} years; Optimized: estate {:.2} over {} years, {} projections ({})",
        steady.estate_real,
        steady.years_lasting,
        o.value,
        o.outcome.years_lasting,
        o.evaluations,
        o.wins_by()
    );
    assert!(
        o.outcome.years_lasting >= steady.years_lasting && o.value >= steady.estate_real,
        "Optimized {} < steady schedule {}",
        o.value,
        steady.estate_real
    );
}
