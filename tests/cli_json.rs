//! `drawdown report --format json` from the built binary: every column keeps a key of its own,
//! whatever the plan names its strategies and scenarios.

mod common;

use common::{drawdown, stderr, stdout};

/// The demo household with `edit` applied to its text, in a temporary file.
fn demo_edited(edit: impl Fn(&str) -> String) -> (tempfile::TempDir, String) {
    let demo = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/saves/D.ron"))
        .expect("the demo plan");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    std::fs::write(&path, edit(&demo)).unwrap();
    let path = path.to_str().unwrap().to_string();
    (dir, path)
}

/// A strategy labelled "best" took the key of the row's best marks: its figures were lost.
#[test]
fn a_strategy_labelled_best_keeps_its_figures() {
    let (_dir, plan) = demo_edited(|demo| {
        let start = demo
            .find("    strategies: [")
            .expect("the demo lists its strategies");
        format!(
            "{}    strategies: [DeferredFirst, Labeled(label: \"best\", strategy: Conventional)],\n)\n",
            &demo[..start]
        )
    });
    let o = drawdown(&["report", &plan, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let rows = v["rows"].as_array().unwrap();
    let tax = rows
        .iter()
        .position(|r| r[""] == "Lifetime federal tax")
        .unwrap_or_else(|| panic!("{v}"));
    assert!(rows[tax]["best"].is_number(), "{}", rows[tax]);
    assert!(rows[tax]["Deferred first"].is_number(), "{}", rows[tax]);
    // The marks are beside the rows, one list per row, naming the best column.
    let marks = v["best"].as_array().unwrap();
    assert_eq!(marks.len(), rows.len());
    assert!(
        marks
            .iter()
            .flat_map(|m| m.as_array().unwrap())
            .all(|h| h == "best" || h == "Deferred first"),
        "{v}"
    );
}

/// A scenario named like the base took the base's column (and its JSON key): refused when the
/// plan is read, naming the field.
#[test]
fn a_scenario_named_like_the_base_is_refused() {
    let (_dir, plan) =
        demo_edited(|demo| demo.replacen("name: \"Claim at 70\"", "name: \"base\"", 1));
    let o = drawdown(&["report", &plan, "--scenarios", "--format", "json"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(
        err.contains("scenarios[0].name") && err.contains("\"base\" is what the base household"),
        "{err}"
    );
}

/// A scenario named like another's change column ("Δ Claim at 70") took that column's JSON key:
/// refused when the plan is read, naming the field.
#[test]
fn a_scenario_named_like_another_s_change_is_refused() {
    let (_dir, plan) = demo_edited(|demo| {
        demo.replacen("name: \"Move to Florida\"", "name: \"Δ Claim at 70\"", 1)
    });
    let o = drawdown(&["report", &plan, "--scenarios", "--format", "json"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(
        err.contains("scenarios[1].name")
            && err.contains("\"Δ Claim at 70\" is what scenario \"Claim at 70\"'s change"),
        "{err}"
    );
}
