//! `drawdown schedule`: a yearly schedule of Roth conversions and draws, read from CSV, added
//! to a plan as a Schedule strategy (an advisor's proposal, or another tool's answer to replay
//! through drawdown's books).

use anyhow::{Context, bail};
use clap::Args;
use drawdown::money::format_dollars;
use drawdown::plan::{load_plan, save_plan, validate};
use drawdown::strategy::{CSV_HEADER, StrategySpec, parse_schedule_csv};
use rust_decimal::Decimal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
#[command(
    after_help = "The CSV has a header line `year, roth_conversion, deferred, taxable, \
                        roth, cash` and one line per year, amounts in dollars of that year.\n\n\
                        Example:\n  drawdown schedule my-plan.ron lp.csv --label \"LP schedule\""
)]
pub struct ScheduleArgs {
    /// The plan file (.ron) to add the schedule to; it is saved in place unless -o is given.
    #[arg(value_name = "PLAN.ron")]
    pub plan: PathBuf,
    /// The schedule (.csv).
    #[arg(value_name = "SCHEDULE.csv")]
    pub csv: PathBuf,
    /// The strategy's name in the plan.
    #[arg(long)]
    pub label: Option<String>,
    /// Save the plan with the schedule to this file instead.
    #[arg(short, long, value_name = "OUT.ron")]
    pub output: Option<PathBuf>,
}

pub fn run(args: &ScheduleArgs) -> anyhow::Result<ExitCode> {
    let mut plan = load_plan(&args.plan)?;
    let text = std::fs::read_to_string(&args.csv)
        .with_context(|| format!("cannot read {}", args.csv.display()))?;
    let rows = parse_schedule_csv(&text).with_context(|| {
        format!(
            "{} (columns: {})",
            args.csv.display(),
            CSV_HEADER.join(", ")
        )
    })?;
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
    println!(
        "{}: added \"{name}\" ({years} years, {} converted in all)",
        out.display(),
        format_dollars(converted)
    );
    Ok(ExitCode::SUCCESS)
}
