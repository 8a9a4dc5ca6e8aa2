//! `drawdown tax` as a user runs it: the built binary, its output and its exit codes.

mod common;

use common::{drawdown, stderr, stdout};
use std::io::Write;

#[test]
fn the_reference_vectors_file_computes_every_row() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/tax-vectors-public.csv"
    );
    let o = drawdown(&["tax", path]);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 601, "a header and 600 households");
    assert!(out.starts_with("year,filing"), "{}", &out[..40]);
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

#[test]
fn a_bad_row_is_named_by_line_and_fails_the_run() {
    let mut file = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    write!(
        file,
        "year,filing,age_head,pensions_ira,social_security\n\
         2026,single,70,30000,30000\n\
         2026,widowed,70,30000,30000\n\
         2025,mfj,68,20000,40000\n"
    )
    .unwrap();
    let o = drawdown(&["tax", file.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("line 3"), "{err}");
    assert!(err.contains("filing"), "{err}");
    assert_eq!(
        stdout(&o).lines().count(),
        3,
        "the good rows are still written"
    );
}

#[test]
fn an_unreadable_file_or_header_exits_2_naming_the_file() {
    let o = drawdown(&["tax", "no-such-households.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no-such-households.csv"),
        "{}",
        stderr(&o)
    );

    let mut file = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    writeln!(file, "filing,age_head\nsingle,70").unwrap();
    let name = file.path().to_str().unwrap().to_string();
    let o = drawdown(&["tax", &name]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains(&name) && err.contains("year"), "{err}");
}

#[test]
fn flags_describe_one_household() {
    let o = drawdown(&[
        "tax", "--year", "2026", "--filing", "mfj", "--age", "67,65", "--ss", "40000", "--ira",
        "50k", "--qdiv", "8,000", "--ltcg", "12000",
    ]);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Total federal tax"), "{out}");
    assert!(out.contains("ages 67 and 65"), "{out}");

    let o = drawdown(&[
        "tax", "--year", "2026", "--filing", "single", "--age", "70", "--ss", "30000", "--ira",
        "30000",
    ]);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    let total = stdout(&o)
        .lines()
        .find(|l| l.contains("Total federal tax"))
        .map(str::to_string)
        .unwrap_or_default();
    assert!(total.trim_end().ends_with("$2,116.00"), "{total}");
}

/// `--inflation` is a percent whatever its size, as every rate drawdown reads: 0.5 was refused as
/// 50% and 1.5 taken as 1.5%.
#[test]
fn inflation_is_a_percent_whatever_its_size() {
    let household = [
        "tax", "--year", "2036", "--filing", "single", "--age", "70", "--ira", "80k",
    ];
    let with = |rate: &str| {
        let mut args = household.to_vec();
        args.extend(["--inflation", rate]);
        let o = drawdown(&args);
        assert_eq!(o.status.code(), Some(0), "{rate}: {}", stderr(&o));
        stdout(&o)
    };
    assert_eq!(with("2.5"), with("2.5%"));
    assert_eq!(with("0.5"), with("0.5%"));
    assert_eq!(with("1"), with("1%"));
    assert_ne!(with("0.5"), with("1.5"));
    let mut args = household.to_vec();
    args.extend(["--inflation", "25"]);
    let o = drawdown(&args);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--inflation"), "{}", stderr(&o));
}

#[test]
fn bad_flags_exit_2_with_one_line_naming_the_flag() {
    let cases: [(&[&str], &str, &str); 5] = [
        (
            &["--year", "2019", "--filing", "single", "--age", "70"],
            "--year",
            "2019",
        ),
        (
            &["--year", "2026", "--filing", "widowed", "--age", "70"],
            "--filing",
            "widowed",
        ),
        (
            &["--year", "2026", "--filing", "single", "--age", "200"],
            "--age",
            "200",
        ),
        (
            &[
                "--year", "2026", "--filing", "single", "--age", "70", "--ira", "-5000",
            ],
            "--ira",
            "negative",
        ),
        (
            &[
                "--year", "2026", "--filing", "mfj", "--age", "70", "--qdiv", "9k", "--div", "1k",
            ],
            "--qdiv",
            "qualified",
        ),
    ];
    for (flags, flag, word) in cases {
        let mut args = vec!["tax"];
        args.extend_from_slice(flags);
        let o = drawdown(&args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{flags:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{flags:?}: {err}");
        assert!(err.contains(flag) && err.contains(word), "{flags:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn a_fraction_of_a_cent_rounds_half_away_by_flag_as_in_a_file() {
    // The flags rounded half to even (12.345 to $12.34, 0.005 to nothing), the CSV half away.
    for (typed, shown) in [("12.345", "$12.35"), ("0.005", "$0.01")] {
        let o = drawdown(&[
            "tax", "--year", "2026", "--filing", "single", "--age", "70", "--ira", typed,
        ]);
        assert_eq!(o.status.code(), Some(0), "{typed}: {}", stderr(&o));
        let out = stdout(&o);
        let ira = out
            .lines()
            .find(|l| l.contains("IRA distributions"))
            .unwrap_or_else(|| panic!("{typed}: {out}"));
        assert!(ira.trim_end().ends_with(shown), "{typed}: {ira}");
    }
}

#[test]
fn a_spouse_needs_a_married_filing_status_as_in_a_file() {
    let base = ["tax", "--year", "2026", "--age", "67,65", "--filing"];
    for filing in ["single", "hoh"] {
        let o = drawdown(&[&base[..], &[filing]].concat());
        assert_eq!(o.status.code(), Some(2), "{filing}");
        let err = stderr(&o);
        assert!(err.contains("--age") && err.contains("no spouse"), "{err}");
    }
    // A separate return may name the spouse, as the file's mfs rows do; the age does not count.
    let o = drawdown(&[&base[..], &["mfs"]].concat());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn lived_with_spouse_needs_a_separate_return() {
    // It was accepted, and ignored, on any return.
    let o = drawdown(&[
        "tax",
        "--year",
        "2026",
        "--age",
        "67",
        "--filing",
        "single",
        "--lived-with-spouse",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("--lived-with-spouse") && err.contains("mfs"),
        "{err}"
    );
}

#[test]
fn a_column_named_twice_exits_2() {
    let mut file = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    write!(
        file,
        "year,filing,age_head,pensions_ira,pensions_ira\n2026,single,70,1000,2000\n"
    )
    .unwrap();
    let o = drawdown(&["tax", file.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("the header names pensions_ira twice"), "{err}");
}

#[test]
fn a_state_split_that_does_not_fit_names_only_the_flags_given() {
    // It said "pension + --spouse-ira exceed --ira" though no --pension was given.
    let o = drawdown(&[
        "tax",
        "--year",
        "2026",
        "--filing",
        "mfj",
        "--age",
        "67,65",
        "--state",
        "GA",
        "--spouse-ira",
        "50k",
        "--ira",
        "10k",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("--spouse-ira (50000) exceeds --ira (10000)"),
        "{err}"
    );
    assert!(!err.contains("pension"), "{err}");

    let o = drawdown(&[
        "tax",
        "--year",
        "2026",
        "--filing",
        "single",
        "--age",
        "67",
        "--state",
        "GA",
        "--ira",
        "10k",
        "--spouse-ss",
        "5k",
        "--ss",
        "20k",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("--spouse-ss counts only on a joint return"),
        "{err}"
    );
    assert!(!err.contains("--spouse-ira"), "{err}");
}

#[test]
fn a_state_column_adds_the_state_return_and_a_state_flag_shows_its_steps() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.csv");
    std::fs::write(
        &path,
        "year,filing,age_head,age_spouse,pensions_ira,taxable_interest,social_security,state\n\
         2025,single,70,0,40000,5000,24000,AL\n\
         2025,single,70,0,40000,5000,24000,\n",
    )
    .unwrap();
    let o = drawdown(&["tax", path.to_str().unwrap()]);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].ends_with(
            ",magi,state_agi,state_taxable_income,state_income_tax,aca_magi,aca_ptc,fica"
        ),
        "{}",
        lines[0]
    );
    // the hand-worked Form 40 of src/tax/state/al.rs (then the ACA and FICA columns)
    assert!(
        lines[1].contains(",39000.00,30240.50,1472.03,"),
        "{}",
        lines[1]
    );
    assert!(lines[2].contains(",,,,"), "{}", lines[2]);

    let o = drawdown(&[
        "tax",
        "--year",
        "2025",
        "--filing",
        "single",
        "--age",
        "70",
        "--ira",
        "40000",
        "--interest",
        "5000",
        "--ss",
        "24000",
        "--state",
        "al",
    ]);
    let out = stdout(&o);
    assert!(out.contains("Alabama income tax 2025"), "{out}");
    assert!(out.contains("1,472.03"), "{out}");
    let o = drawdown(&[
        "tax", "--year", "2025", "--filing", "single", "--age", "70", "--state", "ZZ",
    ]);
    assert!(stderr(&o).contains("ZZ"), "{}", stderr(&o));
}

/// The README's example of a CSV run is the program's own output for its example input (it had
/// gone stale once: the state columns, always written, were missing from it).
#[test]
fn the_readme_csv_example_is_the_programs_output() {
    let readme = include_str!("../README.md");
    let block = |after: &str| {
        let start = readme.find(after).expect(after) + after.len();
        let start = start + readme[start..].find("```csv\n").expect("a csv block") + 7;
        &readme[start..start + readme[start..].find("```").expect("the block ends")]
    };
    let input = block("drawdown tax households.csv > taxes.csv");
    let output = block("writes (the input columns, then the results):");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("households.csv");
    std::fs::write(&file, input).unwrap();
    let o = drawdown(&["tax", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), output);
}
