//! `drawdown report --paths`: the market-risk table from the built binary, in every format.

mod common;

use common::{drawdown, stderr, stdout};

fn save(name: &str) -> String {
    format!("{}/saves/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn historical_paths_give_the_risk_table() {
    let o = drawdown(&["report", &save("E1.ron"), "--paths", "historical"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("historical returns, 98 paths"), "{out}");
    for row in [
        "Success rate",
        "Terminal wealth, 10th pct",
        "Terminal wealth, median",
        "Terminal wealth, 90th pct",
        "Median lifetime tax",
        "Chance of IRMAA surcharge",
    ] {
        assert!(out.contains(row), "{row} missing: {out}");
    }
    assert!(out.contains("Conventional") && out.contains("Deferred first"));
}

#[test]
fn every_format_renders_the_same_figures() {
    let args = |f: &'static str| {
        vec![
            "report".to_string(),
            save("D.ron"),
            "--paths".into(),
            "montecarlo".into(),
            "--n".into(),
            "300".into(),
            "--seed".into(),
            "9".into(),
            "--format".into(),
            f.into(),
        ]
    };
    let run = |f: &'static str| {
        let a = args(f);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        let o = drawdown(&a);
        assert_eq!(o.status.code(), Some(0), "{f}: {}", stderr(&o));
        stdout(&o)
    };
    let csv = run("csv");
    assert!(csv.starts_with(",Conventional,"), "{csv}");
    assert_eq!(csv.lines().count(), 7, "{csv}");
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    let success = json["rows"][0]["Conventional"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&success));
    assert!(run("md").contains("| Success rate |"));
    let table = run("table");
    assert!(
        table.contains("Monte Carlo returns, 300 paths, seed 9"),
        "{table}"
    );
    // Same seed, same figures.
    assert_eq!(run("csv"), csv);
}

#[test]
fn bad_flags_are_named() {
    let o = drawdown(&[
        "report",
        &save("D.ron"),
        "--paths",
        "montecarlo",
        "--n",
        "0",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--n"), "{}", stderr(&o));
    let o = drawdown(&["report", &save("D.ron"), "--paths", "sideways"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--paths"), "{}", stderr(&o));
    let o = drawdown(&[
        "report",
        &save("D.ron"),
        "--paths",
        "historical",
        "--strategy",
        "1",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn sampled_lifetimes_from_the_command_line() {
    let o = drawdown(&[
        "report",
        &save("F.ron"),
        "--paths",
        "historical",
        "--lifetimes",
        "sampled",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("historical returns, sampled lifetimes, 98 paths, seed 42"),
        "{out}"
    );
    assert!(out.contains("every year someone is alive"), "{out}");
    // Alone, the flag simulates the plan's own paths; with a ledger it makes no sense.
    let o = drawdown(&["report", &save("D.ron"), "--lifetimes", "sampled"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("sampled lifetimes"));
    let o = drawdown(&[
        "report",
        &save("D.ron"),
        "--strategy",
        "1",
        "--lifetimes",
        "planning",
    ]);
    assert_ne!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("--lifetimes"), "{}", stderr(&o));
}

/// A command's name mistyped is said so, with the command meant, rather than taken for a plan
/// file (clap then complained that the plan could not be used with what followed it).
#[test]
fn a_mistyped_command_is_named() {
    let plan = concat!(env!("CARGO_MANIFEST_DIR"), "/saves/D.ron");
    let o = drawdown(&["reprot", plan]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o)
            .contains("'reprot' is not a command or a plan file; did you mean `drawdown report`?"),
        "{}",
        stderr(&o)
    );
    // A real command, and a word far from every command, are not touched.
    assert_eq!(drawdown(&["report", plan]).status.code(), Some(0));
    assert!(!stderr(&drawdown(&["zzzzzz"])).contains("did you mean"));
}

/// `--paths historical --n 5 --seed 5` ignored both flags without a word, and `--n 5` alone
/// switched to the plan's historical paths silently.
#[test]
fn flags_the_paths_would_ignore_are_refused() {
    for (args, said) in [
        (
            vec!["--paths", "historical", "--n", "5", "--seed", "5"],
            "--n and --seed apply to --paths bootstrap and montecarlo (or to --lifetimes \
             sampled), not --paths historical",
        ),
        (
            vec!["--paths", "historical", "--seed", "5"],
            "--seed applies to --paths bootstrap and montecarlo",
        ),
        // Sampled lifetimes use the seed on historical paths, but still one path a year.
        (
            vec![
                "--paths",
                "historical",
                "--lifetimes",
                "sampled",
                "--n",
                "5",
            ],
            "--n applies to --paths bootstrap and montecarlo (or constant with --lifetimes \
             sampled), not --paths historical",
        ),
        // D.ron simulates historical paths.
        (
            vec!["--n", "5"],
            "--n applies to --paths bootstrap and montecarlo (or constant with --lifetimes \
             sampled), not the plan's own paths (historical; --paths chooses others)",
        ),
    ] {
        let mut all = vec!["report".to_string(), save("D.ron")];
        all.extend(args.iter().map(|a| a.to_string()));
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        let o = drawdown(&all);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stdout(&o));
        assert!(stderr(&o).contains(said), "{args:?}: {}", stderr(&o));
    }
    // Where they are used, they are taken; the plan's own paths are named when --paths is not.
    let o = drawdown(&[
        "report",
        &save("D.ron"),
        "--lifetimes",
        "sampled",
        "--seed",
        "5",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("seed 5"), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("note: no --paths: simulating the plan's own paths (historical)"),
        "{}",
        stderr(&o)
    );
}
