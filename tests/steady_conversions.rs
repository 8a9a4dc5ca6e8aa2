//! Plain schedules of the kind an LP optimizer returns, a steady amount converted to Roth each
//! year for ten years with the draws left to the fallback order, replayed through the exact
//! books against the Optimized strategy searched on the same plan without them:
//! - a single New Yorker of 70: $40,000 a year left $82,061 more before the search scored
//!   steady conversions against its answer;
//! - a single filer of 74 with RMDs under way: $60,000 a year (today's dollars) left $51,196
//!   more before the search tried its steady conversions with Roth money drawn last.
//!
//! `cargo test --release --test steady_conversions -- --nocapture` prints the figures.

mod common;

use drawdown::compare::compare;
use drawdown::optimize::Objective;
use drawdown::plan::{Plan, parse_plan, validate};
use drawdown::strategy::{StrategySpec, parse_schedule_csv};

const STEADY_40K: &str = "\
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

/// $60,000 of 2026 dollars a year, in dollars of each year (2.5% inflation).
const STEADY_60K_REAL: &str = "\
year, roth_conversion, deferred, taxable, roth, cash
2026, 60000, 0, 0, 0, 0
2027, 61500, 0, 0, 0, 0
2028, 63037.5, 0, 0, 0, 0
2029, 64613.44, 0, 0, 0, 0
2030, 66228.77, 0, 0, 0, 0
2031, 67884.49, 0, 0, 0, 0
2032, 69581.61, 0, 0, 0, 0
2033, 71321.15, 0, 0, 0, 0
2034, 73104.17, 0, 0, 0, 0
2035, 74931.78, 0, 0, 0, 0
";

fn plan(text: &str, file: &str) -> Plan {
    let plan = parse_plan(text, file).unwrap();
    assert!(validate(&plan).is_empty(), "{:?}", validate(&plan));
    plan
}

/// The search on `own`, which does not see the schedule, leaves at least what the schedule
/// leaves when it is added to the same plan.
fn optimized_leaves_at_least(own: &Plan, schedule: &str, label: &str) {
    let mut with_steady = own.clone();
    with_steady.strategies.push(
        StrategySpec::Schedule {
            rows: parse_schedule_csv(schedule).unwrap(),
        }
        .with_label(label),
    );
    let named = compare(&with_steady).unwrap();
    let steady = named.outcomes.iter().find(|o| o.strategy == label).unwrap();
    let o = common::optimized(own, &Objective::Estate);
    println!(
        "{label}: estate {:.2} over {} years; Optimized: estate {:.2} over {} years, {} projections ({})",
        steady.estate_real,
        steady.years_lasting,
        o.value,
        o.outcome.years_lasting,
        o.evaluations,
        o.wins_by()
    );
    assert!(
        o.outcome.years_lasting >= steady.years_lasting && o.value >= steady.estate_real,
        "Optimized {} < {label} {}",
        o.value,
        steady.estate_real
    );
}

#[test]
fn optimized_leaves_at_least_a_steady_conversions_estate() {
    let own = plan(
        include_str!("data/single_ny_steady.ron"),
        "single_ny_steady.ron",
    );
    optimized_leaves_at_least(&own, STEADY_40K, "Steady $40k");
}

#[test]
fn with_rmds_under_way_a_steady_conversion_with_roth_drawn_last_is_matched() {
    let own = plan(
        include_str!("data/single_rmd_heirs37.ron"),
        "single_rmd_heirs37.ron",
    );
    // The plan lists no strategy that converts: the search finds the conversions itself.
    assert!(own.strategies.iter().all(|s| matches!(
        s,
        StrategySpec::Conventional | StrategySpec::BracketFill { .. }
    ) || s.objective().is_some()));
    optimized_leaves_at_least(&own, STEADY_60K_REAL, "Steady $60k real");
}
