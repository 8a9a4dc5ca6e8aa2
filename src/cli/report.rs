//! `drawdown report`: a plan's strategies compared, or one strategy's ledger, without a terminal.

use anyhow::{Context, anyhow};
use clap::Args;
use drawdown::engine::compare;
use drawdown::plan::load_plan;
use drawdown::report::{Format, comparison_table, find_strategy, ledger_table};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  drawdown report saves/D.ron\n  \
                        drawdown report saves/D.ron --strategy \"fill 12%\" --format csv")]
pub struct ReportArgs {
    /// The plan file (.ron).
    #[arg(value_name = "PLAN.ron")]
    pub plan: PathBuf,
    /// Show this strategy's year-by-year ledger: a name, a unique prefix, or its number.
    #[arg(long, value_name = "NAME")]
    pub strategy: Option<String>,
    /// Output format.
    #[arg(long, default_value = "table", value_parser = clap::value_parser!(Format))]
    pub format: Format,
}

pub fn run(args: &ReportArgs) -> anyhow::Result<ExitCode> {
    let plan = load_plan(&args.plan)?;
    let c = compare(&plan).with_context(|| format!("{}", args.plan.display()))?;
    let table = match &args.strategy {
        None => comparison_table(&plan, &c),
        Some(name) => {
            let i = find_strategy(&c, name).map_err(|e| anyhow!("--strategy: {e}"))?;
            ledger_table(&plan, &c.projections[i])
        }
    };
    let mut out = std::io::stdout().lock();
    out.write_all(table.render(args.format).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
