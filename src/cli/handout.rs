//! `drawdown handout`: the client handout of a plan, one self-contained HTML file that opens in
//! any browser and prints on Letter or A4.

use anyhow::Context;
use clap::Args;
use drawdown::optimize::Budget;
use drawdown::plan::load_plan;
use drawdown::report::handout::{HandoutOptions, handout_for_plan};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  drawdown handout saves/D.ron -o D.html\n  \
                        drawdown handout my-plan.ron --private -o client.html\n  \
                        drawdown handout saves/D.ron --scenario \"Move to Florida\" -o florida.html")]
pub struct HandoutArgs {
    /// The plan file (.ron).
    #[arg(value_name = "PLAN.ron")]
    pub plan: PathBuf,
    /// Write the HTML to this file (default: standard output).
    #[arg(short, long, value_name = "FILE.html")]
    pub output: Option<PathBuf>,
    /// The handout of this named scenario of the plan instead of the base household.
    #[arg(long, value_name = "NAME")]
    pub scenario: Option<String>,
    /// Privacy mode: names hidden, every amount rounded to $k.
    #[arg(long)]
    pub private: bool,
}

pub fn run(args: &HandoutArgs) -> anyhow::Result<ExitCode> {
    // Before the handout is built: a mistyped folder should not cost the build's seconds.
    if let Some(path) = &args.output {
        super::output_folder_exists("-o", path)?;
    }
    let file = load_plan(&args.plan)?;
    let (plan, scenario) = super::scenario_plan(&file, args.scenario.as_deref())?;
    let options = HandoutOptions {
        private: args.private,
        scenario,
    };
    // A document to hand over is the same on every machine: the optimized search keeps its
    // projection budget but not the two-second limit, which a busy machine could reach.
    let html = handout_for_plan(&plan, &Budget::repeatable(), &options)
        .with_context(|| format!("{}", args.plan.display()))?;
    match &args.output {
        Some(path) => std::fs::write(path, html.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => std::io::stdout().lock().write_all(html.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}
