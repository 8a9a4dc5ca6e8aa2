//! Plan files from disk: every bad file gets an error that names the line or the field, load
//! never touches the file, and a save that cannot finish leaves the old file readable.

use drawdown::plan::{PlanError, demo_plan, load_plan, save_plan, write_atomically};
use std::fs;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/plans")
        .join(name)
}

/// Loads a fixture, checks the file is byte-for-byte unchanged, returns the error text.
fn load_error(name: &str) -> PlanError {
    let path = fixture(name);
    let before = fs::read(&path).unwrap();
    let err = load_plan(&path).expect_err(name);
    assert_eq!(fs::read(&path).unwrap(), before, "{name} was modified");
    assert!(err.to_string().contains(name), "{err}");
    err
}

#[test]
fn invalid_truncated_names_the_line() {
    let err = load_error("invalid_truncated.ron");
    let (line, _) = err.position().expect("a position");
    assert!(line >= 20, "{err}");
}

#[test]
fn invalid_wrong_type_names_line_and_column() {
    let err = load_error("invalid_wrong_type.ron");
    assert_eq!(err.position(), Some((17, 35)), "{err}");
    assert!(err.to_string().contains("integer"), "{err}");
}

#[test]
fn invalid_unknown_field_names_it() {
    let err = load_error("invalid_unknown_field.ron");
    assert!(err.to_string().contains("heir_rate"), "{err}");
    assert_eq!(err.position().map(|p| p.0), Some(23), "{err}");
}

#[test]
fn invalid_huge_number_is_refused() {
    let err = load_error("invalid_huge_number.ron");
    assert!(
        err.position().is_some() || err.to_string().contains("balance"),
        "{err}"
    );
}

#[test]
fn invalid_negative_balance_names_the_field() {
    let err = load_error("invalid_negative_balance.ron");
    assert!(err.to_string().contains("accounts[2].balance"), "{err}");
    assert!(err.to_string().contains("negative"), "{err}");
}

#[test]
fn invalid_absurd_age_names_the_field() {
    let err = load_error("invalid_absurd_age.ron");
    assert!(err.to_string().contains("people[0].planning_age"), "{err}");
}

#[test]
fn invalid_version_says_which_it_reads() {
    let err = load_error("invalid_version.ron");
    assert!(err.to_string().contains("version 7"), "{err}");
}

#[test]
fn invalid_binary_is_not_text() {
    let err = load_error("invalid_binary.ron");
    assert!(err.position().is_some(), "{err}");
}

#[test]
fn a_missing_file_is_an_io_error_naming_it() {
    let err = load_plan(&fixture("no_such_plan.ron")).unwrap_err();
    assert!(matches!(err, PlanError::Io { .. }));
    assert!(err.to_string().contains("no_such_plan.ron"));
}

#[test]
fn a_save_that_cannot_finish_leaves_the_old_file_readable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.ron");
    save_plan(&path, &demo_plan()).unwrap();
    let before = fs::read(&path).unwrap();

    // A crash after the temporary file was written but before the rename leaves a stray
    // temporary file; the plan itself still loads as it was.
    fs::write(
        dir.path().join(".mine.ron.tmp-99999"),
        b"(version: 1, name: \"half",
    )
    .unwrap();
    assert_eq!(load_plan(&path).unwrap(), demo_plan());

    // A save into a place that cannot be written fails without touching the old file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o500)).unwrap();
        let mut changed = demo_plan();
        changed.name = "changed".into();
        let result = save_plan(&path, &changed);
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o700)).unwrap();
        // root ignores directory permissions; the rest of the test still holds then
        if result.is_err() {
            assert_eq!(fs::read(&path).unwrap(), before);
        }
    }
    assert!(load_plan(&path).is_ok());
}

#[test]
fn write_atomically_replaces_whole_files_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.ron");
    write_atomically(&path, b"first").unwrap();
    write_atomically(&path, b"second").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"second");
    assert_eq!(fs::read(dir.path().join("x.ron.bak")).unwrap(), b"first");
}

#[test]
fn hand_written_plain_and_quoted_numbers_both_load() {
    let text = include_str!("../saves/D.ron")
        .replace("balance: 500000,", "balance: \"500000.00\",")
        .replace("heirs_rate: 0.22,", "heirs_rate: \"0.22\",");
    let plan = drawdown::plan::parse_plan(&text, "hand.ron").unwrap();
    assert_eq!(plan, demo_plan());
}

/// The demo plan's text with `from` (which it must hold) replaced by `to`, loaded.
fn demo_with(from: &str, to: &str) -> Result<drawdown::plan::Plan, String> {
    let text = include_str!("../saves/D.ron");
    assert!(text.contains(from), "D.ron has no {from}");
    drawdown::plan::parse_plan(&text.replacen(from, to, 1), "D.ron").map_err(|e| e.to_string())
}

#[test]
fn a_bracket_the_law_does_not_have_is_refused_naming_field_value_and_brackets() {
    // A bracket is found by its place among the law's rates: 0.13 acted as 12% while the
    // strategy was called "Convert to 13%".
    let brackets = "0 (the room the deductions leave), 0.10, 0.12, 0.22, 0.24, 0.32, 0.35, 0.37";
    let fill = "BracketFill(bracket: 0.12)";
    let convert = "RothConversion(bracket: 0.12,";
    for (from, to, said) in [
        (
            fill,
            "BracketFill(bracket: 0.13)",
            "strategies[4].bracket: 0.13 is not",
        ),
        (
            convert,
            "RothConversion(bracket: 0.23,",
            "strategies[5].bracket: 0.23 is not",
        ),
        (
            convert,
            "RothConversion(bracket: 1.0,",
            "strategies[5].bracket: 1 is not",
        ),
        (
            convert,
            "RothConversion(bracket: 0.12, after_fall: Some((drop: 0.15, bracket: 0.25)),",
            "strategies[5].after_fall.bracket: 0.25 is not",
        ),
        (
            "HeirAware,",
            "CustomOrder(steps: [(source: Deferred, cap: Some(Bracket(0.5)))]),",
            "strategies[7].steps[0].cap: 0.5 is not",
        ),
    ] {
        let err = demo_with(from, to).expect_err(to);
        assert!(err.contains(said), "{to}: {err}");
        assert!(err.contains(brackets), "{to}: {err}");
    }
    // Every rate of the law names a bracket, under a flat-rate law too (which keeps the
    // brackets' edges: a strategy fills to the same edge whatever the rate).
    for law in ["CurrentLaw", "FlatRates(ordinary: 0.25, gains: 0.15)"] {
        for rate in ["0", "0.10", "0.12", "0.22", "0.24", "0.32", "0.35", "0.37"] {
            let text = include_str!("../saves/D.ron")
                .replacen("tax_law: CurrentLaw", &format!("tax_law: {law}"), 1)
                .replacen(fill, &format!("BracketFill(bracket: {rate})"), 1);
            let loaded = drawdown::plan::parse_plan(&text, "D.ron");
            assert!(loaded.is_ok(), "{law} {rate}: {loaded:?}");
        }
    }
}

/// A one-off or a windfall outside the plan's years was left out of every figure without a word
/// (after the last year), or refused for the wrong reason (before the first).
#[test]
fn one_offs_and_windfalls_outside_the_plan_s_years_are_refused() {
    let spending = "spending: (annual: 100000, survivor_share: 0.8),";
    // The demo runs from 2026 to 2056.
    for (to, said) in [
        (
            "spending: (annual: 100000, survivor_share: 0.8, one_offs: [(year: 2100, amount: 5000)]),",
            "spending.one_offs[0].year: 2100 is after the plan's last year (2056)",
        ),
        (
            "spending: (annual: 100000, survivor_share: 0.8, one_offs: [(year: 2020, amount: 5000)]),",
            "spending.one_offs[0].year: 2020 is before the plan's first year (2026)",
        ),
    ] {
        let err = demo_with(spending, to).expect_err(to);
        assert!(err.contains(said), "{err}");
    }
    let windfall = |year: i32| {
        let text = include_str!("../saves/D.ron").replacen(
            "    ),\n    spending:",
            &format!("        windfalls: [(year: {year}, amount: 5000)],\n    ),\n    spending:"),
            1,
        );
        drawdown::plan::parse_plan(&text, "D.ron").map_err(|e| e.to_string())
    };
    let err = windfall(2057).expect_err("2057");
    assert!(
        err.contains("income.windfalls[0].year: 2057 is after the plan's last year (2056)"),
        "{err}"
    );
    assert!(windfall(2056).is_ok());
    assert!(
        demo_with(
            spending,
            "spending: (annual: 100000, one_offs: [(year: 2026, amount: 1)]),"
        )
        .is_ok()
    );
}
