//! `drawdown schedule`: a yearly schedule of Roth conversions and draws, read from CSV, added
//! to a plan as a Schedule strategy (an advisor's proposal, or another tool's answer to replay
//! through drawdown's books).

use anyhow::{Context, bail};
use clap::Args;
use drawdown::money::format_dollars;
use drawdown::plan::{load_plan, save_plan, validate};
use drawdown::strategy::{StrategySpec, grown_to_year_dollars, parse_schedule_csv_for};
use rust_decimal::Decimal;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
#[command(
    after_help = "The CSV has a header line naming its columns (year, and any of \
                        roth_conversion, deferred, taxable, roth, cash, in any order; a column \
                        left out is $0) and one line per year, amounts in dollars of that year \
                        (today's dollars with --today).\n\n\
                        Example:\n  drawdown schedule my-plan.ron lp.csv --label \"LP schedule\""
)]
pub struct ScheduleArgs {
    /// The plan file (.ron) to add the schedule to; it is saved in place unless -o is given.
    #[arg(value_name = "PLAN.ron")]
    pub plan: PathBuf,
    /// The schedule (.csv).
    #[arg(value_name = "SCHEDULE.csv")]
    pub csv: PathBuf,
    /// The strategy's name in the plan, at most 40 characters (default: "Schedule").
    #[arg(long)]
    pub label: Option<String>,
    /// Save the plan with the schedule to this file instead (its folder must exist).
    #[arg(short, long, value_name = "OUT.ron")]
    pub output: Option<PathBuf>,
    /// The amounts are in today's dollars (the plan's first year), as tools that plan in real
    /// terms export them: each is grown by the plan's inflation to dollars of its year.
    #[arg(long)]
    pub today: bool,
}

pub fn run(args: &ScheduleArgs) -> anyhow::Result<ExitCode> {
    // The flags first: a bad one is the user's to fix before any file is read, and the plan's
    // own check would blame the CSV for them.
    if let Some(path) = &args.output {
        super::output_folder_exists("-o", path)?;
    }
    if let Some(label) = &args.label {
        check_label(label)?;
    }
    let mut plan = load_plan(&args.plan)?;
    let text = std::fs::read_to_string(&args.csv)
        .with_context(|| format!("cannot read {}", args.csv.display()))?;
    // Only the plan's years: a row outside them would be saved and never replayed.
    let rows = parse_schedule_csv_for(&text, plan.assumptions.start_year, plan.end_year())
        .with_context(|| args.csv.display().to_string())?;
    let rows = if args.today {
        let a = &plan.assumptions;
        grown_to_year_dollars(&rows, a.inflation, a.start_year)
            .map_err(|problem| anyhow::anyhow!("{}: {problem}", args.csv.display()))?
    } else {
        rows
    };
    let converted: Decimal = rows.iter().map(|r| r.roth_conversion).sum();
    let years = rows.len();
    let spec = StrategySpec::Schedule { rows }.with_label(args.label.as_deref().unwrap_or(""));
    let name = spec.name();
    plan.strategies.push(spec);
    if let Some(problem) = validate(&plan).first() {
        bail!("{}: {problem}", args.csv.display());
    }
    let out = args.output.as_ref().unwrap_or(&args.plan);
    save_plan(out, &plan)?;
    // Not println!, which panics when the reader has gone: the error ends the command quietly.
    writeln!(
        std::io::stdout(),
        "{}: added \"{name}\" ({years} year{}, {} converted in all)",
        out.display(),
        if years == 1 { "" } else { "s" },
        format_dollars(converted)
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Refuses a `--label` the plan could not keep, naming the flag. An empty one is refused rather
/// than quietly becoming "Schedule": leaving the flag out says that.
fn check_label(label: &str) -> anyhow::Result<()> {
    if label.trim().is_empty() {
        bail!("--label: is empty (leave --label out to name the strategy \"Schedule\")");
    }
    // The strategy's own check, so the flag and the plan file keep the same rules.
    let spec = StrategySpec::Schedule { rows: Vec::new() }.with_label(label);
    if let Err((field, message)) = spec.validate()
        && field == "label"
    {
        bail!("--label: \"{}\" {message}", label.trim());
    }
    Ok(())
}
