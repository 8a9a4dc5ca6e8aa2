//! `drawdown report` on a plan that lists the optimized strategy: the search runs, its column
//! shows with the margin it wins by, and `--explain` says why each year looks as it does.

mod common;

use common::{drawdown, stdout};

/// A plan listing a few named strategies and the optimized one, in a temporary file: the demo
/// household with its strategy list replaced.
fn demo_with_optimized() -> (tempfile::TempDir, String) {
    let demo = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/saves/D.ron"))
        .expect("the demo plan");
    let start = demo
        .find("    strategies: [")
        .expect("the demo lists its strategies");
    let text = format!(
        "{}    strategies: [Conventional, DeferredFirst, BracketFill(bracket: 0.12), \
         RothConversion(bracket: 0.12, stop_at_rmd: false), HeirAware, \
         Optimized(objective: Estate)],\n)\n",
        &demo[..start]
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("D-optimized.ron");
    std::fs::write(&path, text).unwrap();
    let path = path.to_string_lossy().into_owned();
    (dir, path)
}

#[test]
fn the_report_shows_the_optimized_column_and_its_margin() {
    let (_dir, plan) = demo_with_optimized();
    let o = drawdown(&["report", &plan]);
    let out = stdout(&o);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(out.contains("Optimized"), "{out}");
    let wins = out
        .lines()
        .find(|l| l.starts_with("Optimized wins by"))
        .unwrap_or_else(|| panic!("no margin row:\n{out}"));
    assert!(wins.contains("estate vs"), "{wins}");

    let o = drawdown(&["report", &plan, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("Optimized wins by"));
}

#[test]
fn explain_adds_why_each_year_looks_as_it_does() {
    let (_dir, plan) = demo_with_optimized();
    let o = drawdown(&["report", &plan, "--strategy", "optimized", "--explain"]);
    let out = stdout(&o);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(out.contains("Why each year looks as it does"), "{out}");
    assert!(out.contains("Next $100 of IRA money costs"), "{out}");
    assert!(
        out.contains("torpedo"),
        "the demo's later years feel the torpedo:\n{out}"
    );

    let o = drawdown(&[
        "report",
        &plan,
        "--strategy",
        "heir",
        "--explain",
        "--format",
        "csv",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let csv = stdout(&o);
    assert!(csv.lines().next().unwrap().ends_with("Why"), "{csv}");

    // --explain explains a ledger: it needs --strategy.
    let o = drawdown(&["report", &plan, "--explain"]);
    assert_ne!(o.status.code(), Some(0));
}
