//! The `drawdown` command: the interactive planner, `drawdown report` for headless results and
//! `drawdown tax` for one-off tax figures.

mod cli;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit status for input the command cannot use (clap uses the same for bad arguments).
const EXIT_USAGE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "drawdown",
    version,
    about = "A terminal planner for tax-efficient retirement withdrawals",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    /// A household plan file (.ron) to open.
    plan: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Federal income tax: every row of a CSV file, or one household described by flags.
    Tax(Box<cli::tax::TaxArgs>),
    /// A plan's strategies side by side, or one strategy's year-by-year ledger.
    Report(cli::report::ReportArgs),
    /// A plan's client handout: one self-contained HTML file, printable on Letter or A4.
    Handout(cli::handout::HandoutArgs),
    /// A published study's tables regenerated: `drawdown study flat-rate`.
    Study(cli::study::StudyArgs),
    /// Add a yearly schedule of conversions and draws, read from CSV, to a plan's strategies.
    Schedule(cli::schedule::ScheduleArgs),
}

fn main() -> ExitCode {
    if let Some(message) = misspelled_command(std::env::args_os().nth(1)) {
        eprintln!("error: {message}");
        return ExitCode::from(EXIT_USAGE);
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return argument_error(e),
    };
    let result = match cli.command {
        None => run_app(cli.plan).map(|()| ExitCode::SUCCESS),
        Some(Command::Tax(args)) => cli::tax::run(&args),
        Some(Command::Report(args)) => cli::report::run(&args),
        Some(Command::Handout(args)) => cli::handout::run(&args),
        Some(Command::Study(args)) => cli::study::run(&args),
        Some(Command::Schedule(args)) => cli::schedule::run(&args),
    };
    match result {
        Ok(code) => code,
        // The reader took what it wanted and left (`| head`): nothing went wrong.
        Err(e) if broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// Whether `e` comes from writing to a pipe whose reader has closed it. Rust ignores SIGPIPE, so
/// the write fails with this error instead of ending the process as it would end `cat`.
fn broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The interactive planner, on the demo household or the plan given.
fn run_app(plan: Option<PathBuf>) -> anyhow::Result<()> {
    drawdown::tui::run(plan).map_err(|e| {
        anyhow::anyhow!(
            "the planner needs a terminal ({e}); without one, `drawdown report PLAN` prints the \
             comparison"
        )
    })
}

/// A bad flag value is reported on one line naming the flag; other argument errors (and help)
/// keep clap's full message.
fn argument_error(e: clap::Error) -> ExitCode {
    match e.kind() {
        ErrorKind::ValueValidation | ErrorKind::InvalidValue => {
            let text = e.to_string();
            let first = text.lines().next().unwrap_or("error: invalid value");
            // The first line alone drops clap's list of the values a value enum takes.
            match e.get(ContextKind::ValidValue) {
                Some(ContextValue::Strings(valid)) if !valid.is_empty() => {
                    eprintln!("{first} (possible values: {})", valid.join(", "))
                }
                _ => eprintln!("{first}"),
            }
            ExitCode::from(EXIT_USAGE)
        }
        _ => e.exit(),
    }
}

/// A first argument that is neither a file nor a command but nearly a command's name
/// (`drawdown reprot D.ron`): said so, with the command meant. Otherwise it would be taken for a
/// plan file, and clap would complain about what follows it instead.
fn misspelled_command(first: Option<std::ffi::OsString>) -> Option<String> {
    use clap::CommandFactory;
    let first = first?.into_string().ok()?;
    if first.starts_with('-') || first.contains(['.', '/', '\\']) || PathBuf::from(&first).exists()
    {
        return None;
    }
    let word = first.to_lowercase();
    let cli = Cli::command();
    let names: Vec<String> = cli
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    if word == "help" || names.contains(&word) {
        return None;
    }
    let near = names.iter().find(|name| edit_distance(&word, name) <= 2)?;
    Some(format!(
        "'{first}' is not a command or a plan file; did you mean `drawdown {near}`? (commands: {})",
        names.join(", ")
    ))
}

/// The number of single-character insertions, deletions, substitutions and swaps of two
/// neighbours that turn `a` into `b`.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}
