//! `drawdown study flat-rate`: the flat-rate withdrawal-order study's four tables regenerated
//! from the example plans E1–E4, beside the paper's grid when one is given.

use anyhow::{Context, anyhow, bail};
use clap::{Args, ValueEnum};
use drawdown::plan::WithdrawalTiming;
use drawdown::report::Format;
use drawdown::report::study::{
    StudyError, StudyOptions, agreement, parse_paper, scenario_grid, study_csv, study_json,
    study_table,
};
use drawdown::sim::SimError;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  drawdown study flat-rate\n  \
                        drawdown study flat-rate --to 2007 --end-of-year --paper paper.csv\n\n\
                        The paper's grid is a CSV: scenario,stocks,spending,first,second, one row \
                        per cell, stocks and spending as decimals (0.5, 0.035), success rates in \
                        percent, first = the order drawdown lists first.")]
pub struct StudyArgs {
    /// The study to regenerate (flat-rate, also called vanguard).
    #[arg(value_enum)]
    pub study: StudyName,
    /// Only this scenario (1 to 4).
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=4))]
    pub scenario: Option<u8>,
    /// First year of history (default: the data's first, 1928).
    #[arg(long, value_name = "YEAR")]
    pub from: Option<i32>,
    /// Last year of history; paths loop back to the first after it.
    #[arg(long, value_name = "YEAR")]
    pub to: Option<i32>,
    /// Draw at the end of each year, after its returns (default: the start).
    #[arg(long)]
    pub end_of_year: bool,
    /// The paper's own grid, to print beside drawdown's with the differences.
    #[arg(long, value_name = "FILE.csv")]
    pub paper: Option<PathBuf>,
    /// Output format.
    // Any case, as the format's own parser reads it.
    #[arg(long, value_enum, ignore_case = true, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StudyName {
    /// The flat-rate withdrawal-order study (taxable, tax-deferred and Roth orders under flat
    /// tax rates, 4 scenarios × 6 spending rates × 3 stock/bond mixes).
    #[value(alias = "vanguard")]
    FlatRate,
}

pub fn run(args: &StudyArgs) -> anyhow::Result<ExitCode> {
    let paper = match &args.paper {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            parse_paper(&text).with_context(|| path.display().to_string())?
        }
        None => Vec::new(),
    };
    // The study's plans would report this as their own field (`assumptions.simulation.to`).
    if let (Some(from), Some(to)) = (args.from, args.to)
        && to < from
    {
        bail!("--to: {to} is before --from ({from})");
    }
    let options = StudyOptions {
        from: args.from,
        to: args.to,
        timing: if args.end_of_year {
            WithdrawalTiming::EndOfYear
        } else {
            WithdrawalTiming::StartOfYear
        },
    };
    let scenarios: Vec<u8> = match args.scenario {
        Some(s) => vec![s],
        None => vec![1, 2, 3, 4],
    };
    let mut out = std::io::stdout().lock();
    let mut all = Vec::new();
    for &s in &scenarios {
        let cells = scenario_grid(s, &options).map_err(flag_error)?;
        // The text formats print each table as soon as it is done (a few seconds for four);
        // JSON and CSV are one document over every scenario, written at the end.
        if matches!(args.format, Format::Table | Format::Md) {
            writeln!(
                out,
                "{}",
                study_table(s, &cells, &paper)?.render(args.format)
            )?;
        }
        all.extend(cells);
    }
    let summary = (!paper.is_empty()).then(|| agreement(&all, &paper).sentence());
    match args.format {
        Format::Table | Format::Md => {
            if let Some(line) = summary {
                writeln!(out, "{line}")?;
            }
        }
        // The summary is a field of the document.
        Format::Json => out.write_all(study_json(&scenarios, &all, &paper)?.as_bytes())?,
        Format::Csv => {
            out.write_all(study_csv(&scenarios, &all, &paper)?.as_bytes())?;
            // A line of prose would break the table: it goes to the terminal instead.
            if let Some(line) = summary {
                writeln!(std::io::stderr(), "{line}")?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A window the history cannot serve, named by the flag that set it: the study's plans name
/// their own fields (`assumptions.simulation.from`), which the user of `study` never wrote.
fn flag_error(e: StudyError) -> anyhow::Error {
    if let StudyError::Sim(SimError::Returns { field, message }) = &e {
        let flag = match field.rsplit('.').next() {
            Some("from") => Some("--from"),
            Some("to") => Some("--to"),
            _ => None,
        };
        if let Some(flag) = flag {
            return anyhow!("{flag}: {message}");
        }
    }
    e.into()
}
