//! The `drawdown` command: the interactive planner, `drawdown report` for headless results and
//! `drawdown tax` for one-off tax figures.

mod cli;

use clap::error::ErrorKind;
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
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(EXIT_USAGE)
        }
    }
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
            eprintln!("{}", text.lines().next().unwrap_or("error: invalid value"));
            ExitCode::from(EXIT_USAGE)
        }
        _ => e.exit(),
    }
}
