//! The plans a fuzzing session found that panicked, hung, were refused without naming a field or
//! gave nonsense (tests/data/plans/robustness, each file saying what it did), run as a user
//! would: `drawdown report PLAN --format json`.

mod common;

use common::{drawdown_within, stderr, stdout};
use std::process::Output;
use std::time::Duration;

/// Far above what each plan takes (well under a second in a debug build), far below "never".
const LIMIT: Duration = Duration::from_secs(30);

fn report(name: &str) -> Output {
    let path = format!("tests/data/plans/robustness/{name}");
    drawdown_within(&["report", &path, "--format", "json"], LIMIT)
        .unwrap_or_else(|| panic!("{name}: still running after {LIMIT:?}"))
}

/// The comparison as JSON: row label → the strategies' figures.
fn rows(o: &Output) -> Vec<(String, Vec<f64>)> {
    let v: serde_json::Value = serde_json::from_str(&stdout(o)).expect("JSON");
    v["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            let obj = r.as_object().expect("a row");
            let label = obj[""].as_str().unwrap_or("").to_string();
            let values = obj
                .iter()
                .filter(|(k, _)| !k.is_empty())
                .filter_map(|(_, v)| v.as_f64())
                .collect();
            (label, values)
        })
        .collect()
}

fn succeeds(name: &str) -> Vec<(String, Vec<f64>)> {
    let o = report(name);
    assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
    let rows = rows(&o);
    for (label, values) in &rows {
        for v in values {
            assert!(v.is_finite(), "{name}: {label} = {v}");
            if label.starts_with("Lifetime") || label.starts_with("After-tax") {
                assert!(*v >= 0.0, "{name}: {label} = {v}");
            }
        }
    }
    rows
}

#[test]
fn a_rate_of_1e28_is_refused_by_name() {
    let o = report("rate-1e28.ron");
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("heirs_rate:"), "{err}");
    assert!(err.contains("outside 0% to 60%"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_century_at_thirty_percent_under_proportional_runs() {
    let rows = succeeds("proportional-100y-30pct.ron");
    let lasting = rows
        .iter()
        .find(|r| r.0 == "Years the money lasts")
        .expect("row");
    assert!(lasting.1.iter().all(|y| *y == 100.0), "{lasting:?}");
}

#[test]
fn the_optimizer_ends_on_a_hundred_billion_dollar_plan() {
    let rows = succeeds("optimized-100bn-taxable.ron");
    assert!(rows.iter().any(|r| r.0 == "Optimized wins by"));
}

#[test]
fn the_optimizer_ends_when_wages_compound_to_ninety_nine() {
    succeeds("optimized-wages-to-99.ron");
}

#[test]
fn twenty_percent_inflation_for_seventy_five_years_is_a_plan_like_any_other() {
    let rows = succeeds("inflation-20pct-75y.ron");
    assert!(rows.iter().any(|r| r.0 == "Lifetime federal tax"));
}

#[test]
fn rates_adding_past_one_hundred_percent_are_refused_naming_the_fields() {
    let o = report("flat-90-state-20.ron");
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    // The flat rate alone (90% × 1.85 with the torpedo) is past 100%: the law's field is named.
    assert!(err.contains("assumptions.tax_law.ordinary:"), "{err}");
    assert!(err.contains("less than 100%"), "{err}");
}

#[test]
fn new_york_s_recapture_band_is_a_marginal_rate_above_100_percent() {
    use drawdown::plan::load_plan;
    use rust_decimal::Decimal;
    use rust_decimal_macros::dec;
    let plan = load_plan(std::path::Path::new(
        "tests/data/plans/robustness/ny-recapture-band.ron",
    ))
    .expect("loads");
    let c = drawdown::compare::compare(&plan).expect("projects");
    let rows = &c.projections[0].rows;
    let at = |y: i32| rows.iter().find(|r| r.year == y).expect("year");
    // Below the band: federal 37% + NIIT 3.8% + New York's 6.85%.
    assert_eq!(at(2063).marginal_ordinary.round_dp(4), dec!(0.4765));
    // Inside it: + 9.65% and (32,571 - 2,399) / 50,000 = 60.344% recaptured.
    let inside = at(2064).marginal_ordinary;
    println!("marginal rate in the band: {inside}");
    assert!(inside > Decimal::ONE, "{inside}");
    assert!((inside - dec!(0.408) - dec!(0.0965) - dec!(0.60344)).abs() < dec!(0.0005));
    // At 60, past the band, the next IRA dollar is within New York's $20,000 pension and IRA
    // exclusion from 59½: federal only.
    assert_eq!(at(2066).marginal_ordinary.round_dp(4), dec!(0.4080));
}

#[test]
fn colorado_s_addback_never_taxes_more_than_income() {
    use drawdown::plan::load_plan;
    let plan = load_plan(std::path::Path::new(
        "tests/data/plans/robustness/co-addback-inflation.ron",
    ))
    .expect("loads");
    let c = drawdown::compare::compare(&plan).expect("projects");
    for r in &c.projections[0].rows {
        assert_eq!(r.identity_gap(), rust_decimal::Decimal::ZERO, "{}", r.year);
        assert!(
            r.shortfall.is_zero(),
            "{}: shortfall {}",
            r.year,
            r.shortfall
        );
        assert!(
            r.state_tax <= r.pensions * rust_decimal_macros::dec!(0.05),
            "{}: state tax {} on a pension of {} (Colorado: 4.4%)",
            r.year,
            r.state_tax,
            r.pensions
        );
    }
}
