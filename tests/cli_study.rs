//! `drawdown study flat-rate` from the built binary: the machine formats are one document each;
//! and any command's output into a pipe closed early (`| head`) ends it quietly.

mod common;

use common::{drawdown, stderr, stdout};

/// The paper's figure for one cell of scenario 1, in the paper-grid format.
fn paper_file(dir: &tempfile::TempDir) -> String {
    let path = dir.path().join("paper.csv");
    std::fs::write(
        &path,
        "scenario,stocks,spending,first,second\n1,0.5,0.035,90,82\n",
    )
    .unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn json_and_csv_with_the_paper_are_one_document_each() {
    let dir = tempfile::tempdir().unwrap();
    let paper = paper_file(&dir);
    let run = |format: &str| {
        let o = drawdown(&[
            "study",
            "flat-rate",
            "--scenario",
            "1",
            "--paper",
            &paper,
            "--format",
            format,
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        o
    };
    // The summary was a line of prose after the document, and the paper's six columns shared
    // two keys, the last one winning.
    let o = run("json");
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let row = &v["scenarios"][0]["rows"][1];
    assert_eq!(row["Spending"], "3.5%");
    assert_eq!(row["50/50 taxable first, paper"], 90.0, "{row}");
    assert_eq!(row["50/50 tax-deferred first, paper"], 82.0, "{row}");
    assert_eq!(v["against_paper"]["cells"], 1, "{v}");

    // One rectangular table; the summary on standard error.
    let o = run("csv");
    let csv = stdout(&o);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "scenario,allocation,order,spending,drawdown,paper,difference"
    );
    assert_eq!(lines.len(), 1 + 36, "{csv}");
    assert!(lines.iter().all(|l| l.split(',').count() == 7), "{csv}");
    assert!(!csv.contains("Against the paper"), "{csv}");
    assert!(
        stderr(&o).contains("Against the paper: 1 cells"),
        "{}",
        stderr(&o)
    );
}

/// Runs drawdown with its standard output a pipe that nobody reads: closed before the first
/// write, as `| head -1` closes it after its line.
fn into_closed_pipe(args: &[&str]) -> std::process::Output {
    let mut child = common::spawn_piped(args);
    drop(child.stdout.take());
    child.wait_with_output().expect("drawdown's output")
}

/// A reader that stops early ends the command quietly: it printed "error: Broken pipe (os
/// error 32)" and exited 2.
#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    let plan = format!("{}/saves/A.ron", env!("CARGO_MANIFEST_DIR"));
    // `schedule` says what it saved in a line that panicked on a closed pipe.
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("lp.csv");
    std::fs::write(&csv, "year,roth_conversion\n2022,1000\n").unwrap();
    let saved = dir.path().join("out.ron");
    let (csv, saved) = (csv.to_str().unwrap(), saved.to_str().unwrap());
    for args in [
        &["study", "flat-rate", "--scenario", "1"][..],
        &["handout", &plan][..],
        &["schedule", &plan, csv, "-o", saved][..],
    ] {
        let o = into_closed_pipe(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{args:?}");
    }
}

/// `report --help` showed only `[default: table]` for `--format`, and `study --help` never
/// mentioned the `vanguard` alias the README documents.
#[test]
fn help_lists_the_formats_and_the_studys_alias() {
    for command in ["report", "study"] {
        for help in ["-h", "--help"] {
            let o = drawdown(&[command, help]);
            let out = stdout(&o);
            for format in ["table", "csv", "md", "json"] {
                assert!(
                    out.contains(&format!("{format}:"))
                        || out.contains(&format!(" {format}]"))
                        || out.contains(&format!(" {format},")),
                    "{command} {help} lacks {format}:\n{out}"
                );
            }
        }
    }
    let out = stdout(&drawdown(&["study", "--help"]));
    assert!(out.contains("vanguard"), "{out}");
    // A bad value is refused with the values there are; any case is read.
    let o = drawdown(&["study", "flat-rate", "--format", "xml"]);
    assert!(
        stderr(&o).contains("(possible values: table, csv, md, json)"),
        "{}",
        stderr(&o)
    );
    let o = drawdown(&["study", "vanguard", "--scenario", "1", "--format", "CSV"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("scenario,"), "{}", stdout(&o));
}

/// `--from 2030` was refused as `assumptions.simulation.from: ...`, a field of the study's own
/// plans that the user never wrote.
#[test]
fn a_window_the_history_cannot_serve_names_the_flag() {
    for (args, said) in [
        (
            vec!["--from", "2030"],
            "error: --from: 2030 is outside the data's years",
        ),
        (vec!["--to", "1900"], "error: --to: 1900 is outside"),
        (
            vec!["--from", "2000", "--to", "1990"],
            "error: --to: 1990 is before --from (2000)",
        ),
    ] {
        let mut all = vec!["study", "flat-rate", "--scenario", "1"];
        all.extend(args.iter().copied());
        let o = drawdown(&all);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(said), "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).contains("assumptions."), "{}", stderr(&o));
    }
}
