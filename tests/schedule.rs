//! The Schedule strategy: a user's yearly conversions and draws replayed as entered, topped up
//! from the fallback order (and the explanation says so), validated by field, and imported from
//! CSV by `drawdown schedule`.

mod common;

use common::{drawdown, stdout};
use drawdown::compare::compare;
use drawdown::plan::{demo_plan, load_plan, validate};
use drawdown::report::explain;
use drawdown::strategy::{StrategySpec, parse_schedule_csv};
use rust_decimal::Decimal;

const CSV: &str = "year, roth_conversion, deferred, taxable, roth, cash\n\
                   2026, 50000, 20000, 0, 0, 0\n\
                   2027, 40000, 0, 0, 10000, 0\n";

#[test]
fn a_schedule_is_replayed_as_entered_and_the_rest_comes_from_the_fallback_order() {
    let mut plan = demo_plan();
    plan.strategies = vec![StrategySpec::Schedule {
        rows: parse_schedule_csv(CSV).unwrap(),
    }];
    let c = compare(&plan).unwrap();
    let rows = &c.projections[0].rows;
    assert_eq!(rows[0].conversion, Decimal::from(50_000));
    assert_eq!(rows[0].deferred_draw, Decimal::from(20_000));
    // The demo's need is more than $20,000: the rest came from taxable (cash first, none here).
    assert!(rows[0].taxable_sale > Decimal::ZERO);
    let first = explain(&rows[0]);
    assert!(
        first.contains("beyond the schedule's draws, from the fallback order"),
        "{first}"
    );
    assert_eq!(rows[1].conversion, Decimal::from(40_000));
    assert_eq!(rows[1].roth_draw, Decimal::from(10_000));
    // A year the schedule does not list: no conversion, all of the need from the fallback.
    assert!(rows[2].conversion.is_zero());
    let third = explain(&rows[2]);
    assert!(third.contains("does not list this year"), "{third}");
}

#[test]
fn a_schedule_out_of_order_is_refused_naming_the_row() {
    let mut plan = demo_plan();
    let mut rows = parse_schedule_csv(CSV).unwrap();
    rows[1].year = 2026;
    plan.strategies.push(StrategySpec::Schedule { rows });
    let issues = validate(&plan);
    let i = plan.strategies.len() - 1;
    assert!(
        issues
            .iter()
            .any(|x| x.path == format!("strategies[{i}].rows[1].year")),
        "{issues:?}"
    );
}

/// A copy of the demo plan and a schedule file `name` holding `text`, in `dir`.
fn demo_and_csv(
    dir: &std::path::Path,
    name: &str,
    text: &str,
) -> (std::path::PathBuf, std::path::PathBuf) {
    let plan = dir.join("plan.ron");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/saves/D.ron"), &plan).unwrap();
    let csv = dir.join(name);
    std::fs::write(&csv, text).unwrap();
    (plan, csv)
}

#[test]
fn drawdown_schedule_adds_a_csv_to_a_plan_and_names_a_bad_line() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, csv) = demo_and_csv(dir.path(), "lp.csv", CSV);
    let (plan_arg, csv_arg) = (plan.to_str().unwrap(), csv.to_str().unwrap());
    let out = drawdown(&["schedule", plan_arg, csv_arg, "--label", "LP schedule"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout(&out).contains("added \"LP schedule\" (2 years, $90,000 converted in all)"));
    let saved = load_plan(&plan).unwrap();
    let last = saved.strategies.last().unwrap();
    assert_eq!(last.name(), "LP schedule");
    assert!(matches!(last.kind(), StrategySpec::Schedule { rows } if rows.len() == 2));

    std::fs::write(
        &csv,
        "year,roth_conversion,deferred,taxable,roth,cash\n2026,1,2,x,0,0\n",
    )
    .unwrap();
    let out = drawdown(&["schedule", plan_arg, csv_arg]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("line 2, column 4 (taxable): 'x' is not an amount"),
        "{err}"
    );
}

/// The planner's rule for amounts: "1,2,3" was read as $123 and "1e6" as a million.
#[test]
fn drawdown_schedule_reads_amounts_as_the_planner_does() {
    let dir = tempfile::tempdir().unwrap();
    for (cell, said) in [
        (
            "\"1,2,3\"",
            "'1,2,3' is not an amount: commas go between groups of three digits",
        ),
        (
            "\"12,34\"",
            "'12,34' is not an amount: commas go between groups of three digits",
        ),
        (
            "\"5,00\"",
            "'5,00' is not an amount: commas go between groups of three digits",
        ),
        ("1e6", "'1e6' is not an amount"),
    ] {
        let (plan, csv) = demo_and_csv(
            dir.path(),
            "lp.csv",
            &format!("year,roth_conversion\n2026,1000\n2027,{cell}\n"),
        );
        let before = std::fs::read(&plan).unwrap();
        let out = drawdown(&["schedule", plan.to_str().unwrap(), csv.to_str().unwrap()]);
        assert!(!out.status.success(), "{cell} was accepted");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!("line 3, column 2 (roth_conversion): {said}")),
            "{cell}: {err}"
        );
        assert_eq!(
            std::fs::read(&plan).unwrap(),
            before,
            "{cell}: the plan changed"
        );
    }
}

/// A row for a year the plan does not have was saved and never replayed.
#[test]
fn drawdown_schedule_refuses_a_year_outside_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    // The demo runs from 2026 to 2056.
    for (text, said) in [
        (
            "year,roth_conversion\n2026,5\n2090,5\n",
            "line 3: year 2090 is after the plan's last year (2056)",
        ),
        (
            "year,roth_conversion\n2025,5\n2026,5\n",
            "line 2: year 2025 is before the plan's first year (2026)",
        ),
    ] {
        let (plan, csv) = demo_and_csv(dir.path(), "lp.csv", text);
        let out = drawdown(&["schedule", plan.to_str().unwrap(), csv.to_str().unwrap()]);
        assert!(!out.status.success(), "{text}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(said), "{err}");
    }
    let (plan, csv) = demo_and_csv(dir.path(), "lp.csv", "year,roth_conversion\n2056,5\n");
    let out = drawdown(&["schedule", plan.to_str().unwrap(), csv.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Another tool's export needs only its header renamed: the columns by name in any order, any
/// amount column left out ($0), and a name that is not a column refused rather than ignored.
#[test]
fn a_schedule_file_names_its_columns_in_any_order() {
    let reordered = parse_schedule_csv("cash,roth,year,roth_conversion\n0,10000,2027,40000\n");
    assert_eq!(
        reordered.unwrap(),
        parse_schedule_csv(
            "year,roth_conversion,deferred,taxable,roth,cash\n2027,40000,0,0,10000,0\n"
        )
        .unwrap()
    );
    let misspelt = parse_schedule_csv("year,roth_conversions\n2026,50000\n").unwrap_err();
    assert_eq!(misspelt.line, 1);
    assert!(
        misspelt
            .message
            .contains("unknown column `roth_conversions`"),
        "{}",
        misspelt.message
    );
    let no_year = parse_schedule_csv("roth_conversion\n50000\n").unwrap_err();
    assert!(
        no_year.message.contains("no `year` column"),
        "{}",
        no_year.message
    );
    let twice = parse_schedule_csv("year,roth,roth\n2026,1,2\n").unwrap_err();
    assert!(
        twice.message.contains("`roth` appears twice"),
        "{}",
        twice.message
    );
}

/// `--today`: amounts in the plan's first-year dollars are grown by its inflation (the demo's
/// 2.5%) to dollars of each year.
#[test]
fn drawdown_schedule_today_grows_real_amounts_by_the_plans_inflation() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, csv) = demo_and_csv(
        dir.path(),
        "real.csv",
        "year,roth_conversion\n2026,50000\n2028,40000\n",
    );
    let (plan_arg, csv_arg) = (plan.to_str().unwrap(), csv.to_str().unwrap());
    let out = drawdown(&["schedule", plan_arg, csv_arg, "--today"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let saved = load_plan(&plan).unwrap();
    let Some(StrategySpec::Schedule { rows }) = saved.strategies.last().map(|s| s.kind()) else {
        panic!("no schedule added");
    };
    // 2026 is the plan's first year; 2028 is two years of 2.5% later: 40,000 × 1.025² = 42,025.
    assert_eq!(rows[0].roth_conversion, Decimal::from(50_000));
    assert_eq!(rows[1].roth_conversion, Decimal::from(42_025));
    assert!(stdout(&out).contains("(2 years, $92,025 converted in all)"));
}

/// A bad `--label` was blamed on the CSV (`lp.csv: strategies[15].label: ...`), and an empty
/// one quietly became "Schedule".
#[test]
fn drawdown_schedule_names_the_label_flag_when_it_refuses_a_label() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, csv) = demo_and_csv(dir.path(), "lp.csv", CSV);
    let before = std::fs::read(&plan).unwrap();
    let long = "x".repeat(50);
    for (label, said) in [
        (long.as_str(), "is longer than 40 characters"),
        ("", "--label: is empty"),
        ("  ", "--label: is empty"),
    ] {
        let out = drawdown(&[
            "schedule",
            plan.to_str().unwrap(),
            csv.to_str().unwrap(),
            "--label",
            label,
        ]);
        assert!(!out.status.success(), "{label:?} was accepted");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(said), "{label:?}: {err}");
        assert!(err.contains("--label: "), "{label:?}: {err}");
        assert!(!err.contains("lp.csv"), "{label:?}: {err}");
        assert_eq!(std::fs::read(&plan).unwrap(), before, "{label:?}");
    }
}

/// `schedule -o` made a mistyped folder where `handout -o` refused it: both refuse it now.
#[test]
fn schedule_and_handout_refuse_an_output_folder_that_does_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, csv) = demo_and_csv(dir.path(), "lp.csv", CSV);
    let missing = dir.path().join("nodir");
    let ron = missing.join("x.ron");
    let html = missing.join("x.html");
    for args in [
        vec![
            "schedule",
            plan.to_str().unwrap(),
            csv.to_str().unwrap(),
            "-o",
            ron.to_str().unwrap(),
        ],
        vec![
            "handout",
            plan.to_str().unwrap(),
            "-o",
            html.to_str().unwrap(),
        ],
    ] {
        let out = drawdown(&args);
        assert!(!out.status.success(), "{args:?} was accepted");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!(
                "-o: {}: the folder {} does not exist",
                args[args.len() - 1],
                missing.display()
            )),
            "{args:?}: {err}"
        );
        assert!(!missing.exists(), "{args:?} made the folder");
    }
}
