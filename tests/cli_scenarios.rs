//! `drawdown report --scenario/--scenarios` and `drawdown handout --scenario` from the built
//! binary, on the demo's two scenarios.

mod common;

use common::{drawdown, stderr, stdout};

fn save(name: &str) -> String {
    format!("{}/saves/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn scenarios_side_by_side_in_every_format() {
    for format in ["table", "csv", "md", "json"] {
        let o = drawdown(&["report", &save("D.ron"), "--scenarios", "--format", format]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let out = stdout(&o);
        for want in [
            "Base",
            "Claim at 70",
            "Δ Claim at 70",
            "Move to Florida",
            "Best strategy",
            "Lifetime state tax",
            "After-tax estate at end",
        ] {
            assert!(out.contains(want), "{format}: {want} missing\n{out}");
        }
    }
    // The deltas are the differences of the columns.
    let o = drawdown(&["report", &save("D.ron"), "--scenarios", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let rows = v["rows"].as_array().unwrap();
    let state = rows.iter().find(|r| r[""] == "Lifetime state tax").unwrap();
    let (base, fl, d) = (
        state["Base"].as_f64().unwrap(),
        state["Move to Florida"].as_f64().unwrap(),
        state["Δ Move to Florida"].as_f64().unwrap(),
    );
    assert!((fl - base - d).abs() < 0.01, "{state}");
    // Florida has no income tax: from 2028 the couple pays none, so far less over the plan.
    assert!(fl < base / 4.0, "{state}");
}

#[test]
fn one_scenario_in_any_report() {
    let o = drawdown(&["report", &save("D.ron"), "--scenario", "move to florida"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let fl = stdout(&o);
    assert!(fl.contains("(scenario \"Move to Florida\")"), "{fl}");
    let base = stdout(&drawdown(&["report", &save("D.ron")]));
    assert_ne!(
        fl.lines().nth(3),
        base.lines().nth(3),
        "same figures as the base"
    );

    let o = drawdown(&[
        "report",
        &save("D.ron"),
        "--scenario",
        "Claim at 70",
        "--strategy",
        "Conventional",
    ]);
    let ledger = stdout(&o);
    assert!(ledger.contains("(scenario \"Claim at 70\")"), "{ledger}");
    let o = drawdown(&[
        "report",
        &save("D.ron"),
        "--scenario",
        "Claim at 70",
        "--actions",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("Claim at 70"));
}

#[test]
fn an_unknown_scenario_is_named_with_the_ones_there_are() {
    let o = drawdown(&["report", &save("D.ron"), "--scenario", "Retire at 50"]);
    assert_ne!(o.status.code(), Some(0));
    let err = stderr(&o);
    assert!(
        err.contains("no scenario \"Retire at 50\"") && err.contains("\"Move to Florida\""),
        "{err}"
    );
    let o = drawdown(&["handout", &save("A.ron"), "--scenario", "x"]);
    assert!(stderr(&o).contains("it has no scenarios"), "{}", stderr(&o));
    let o = drawdown(&["report", &save("D.ron"), "--scenarios", "--actions"]);
    assert_eq!(o.status.code(), Some(2), "clap refuses the pair");
}

#[test]
fn the_handout_of_a_scenario_names_it_and_differs_from_the_base() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fl.html");
    let o = drawdown(&[
        "handout",
        &save("D.ron"),
        "--scenario",
        "Move to Florida",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.contains("<b>Scenario:</b> Move to Florida"));
    let base = std::fs::read_to_string(save("D-handout.html")).unwrap();
    assert!(!base.contains("Scenario:"));
    assert_ne!(html, base);
}

/// The README's sentence on the demo's scenarios quotes the table as it is: its figures went
/// stale once unnoticed ($76,404 → $2,797 while the report said $78,887 → $3,832).
#[test]
fn the_readme_quotes_the_demos_scenario_figures() {
    let readme = include_str!("../README.md");
    let start = readme
        .find("On the demo, moving to Florida in 2028 cuts")
        .expect("the README's sentence on the demo's scenarios");
    let sentence = &readme[start..start + readme[start..].find('.').unwrap_or(0) + 1];
    let sentence = sentence.replace('\n', " ");
    let o = drawdown(&["report", &save("D.ron"), "--scenarios"]);
    let out = stdout(&o);
    let row = |label: &str| {
        out.lines()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no row {label}\n{out}"))
            .split_whitespace()
            .filter(|w| w.starts_with('$') || w.starts_with('+') || w.starts_with('−'))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    // Base, Claim at 70, its delta, Florida, its delta.
    let state = row("Lifetime state tax");
    let estate = row("After-tax estate at end");
    for quoted in [
        format!("from {} to {}", state[0], state[3]),
        format!("by {}", estate[2].trim_start_matches('+')),
    ] {
        assert!(
            sentence.contains(&quoted),
            "{quoted} not in: {sentence}\n{out}"
        );
    }
}
