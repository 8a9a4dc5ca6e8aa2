//! `drawdown tax`: federal income tax for every row of a CSV file, or for one household described
//! by flags.

use anyhow::{Context, anyhow, bail};
use clap::Args;
use drawdown::money::{format_rate, parse_money, parse_rate};
use drawdown::report::tax_csv::{
    breakdown_table, compute_state, law_for, run_tax_csv, split_household, state_table,
};
use drawdown::tax::tables::{FIRST_TABLE_YEAR, LAST_TABLE_YEAR};
use drawdown::tax::{Filing, IncomeFacts, LawTables, StateCode, StateTables, TaxError, federal};
use rust_decimal::Decimal;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The last year the command computes: `law_for` indexes at most 200 years past the tables.
const LAST_YEAR: i32 = LAST_TABLE_YEAR + 200;
/// Inflation the command accepts: enough for any scenario, and small enough that compounding it
/// to the last year stays far inside Decimal's range.
const INFLATION_RANGE: (Decimal, Decimal) = (
    Decimal::from_parts(10, 0, 0, true, 2),  // -0.10
    Decimal::from_parts(20, 0, 0, false, 2), // 0.20
);

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  drawdown tax households.csv > taxes.csv\n  \
                  drawdown tax --year 2026 --filing mfj --age 67,65 --ss 40000 --ira 50k \
                  --qdiv 8000 --ltcg 12000\n  \
                  drawdown tax --year 2026 --filing mfj --age 67,65 --state GA --ss 40000 \
                  --spouse-ss 15000 --ira 50k --spouse-ira 20k --pension 12k\n\n\
                  Amounts accept 65000, 65k, 1.25m or 1,250,000."
)]
pub struct TaxArgs {
    /// A CSV of household-years (`-` reads standard input). Without it, the flags describe one
    /// household.
    #[arg(value_name = "FILE.csv")]
    pub file: Option<PathBuf>,

    /// Price inflation a year, indexing the law for years after 2026: a percent, as every rate
    /// drawdown reads (2.5 and 2.5% both mean 2.5%; 0.025 is 0.025%), from -10 to 20.
    #[arg(long, value_name = "RATE", default_value = "2.5%", value_parser = inflation)]
    pub inflation: Decimal,

    /// Tax year (2022 or later).
    #[arg(long, conflicts_with = "file", required_unless_present = "file", value_parser = year)]
    pub year: Option<i32>,
    /// Filing status: single, mfj, mfs or hoh.
    #[arg(long, conflicts_with = "file", required_unless_present = "file", value_parser = filing)]
    pub filing: Option<Filing>,
    /// Age at the end of the year; two ages for a married couple: 67,65 (on a separate return
    /// the spouse's age does not count).
    #[arg(long, value_name = "AGE[,SPOUSE]", conflicts_with = "file", required_unless_present = "file", value_parser = ages)]
    pub age: Option<Ages>,
    /// Married filing separately and lived with the spouse during the year: the Social Security
    /// base amounts are then zero.
    #[arg(long, conflicts_with = "file")]
    pub lived_with_spouse: bool,
    /// How many people on the return are blind (0–2).
    #[arg(long, value_name = "N", conflicts_with = "file", default_value_t = 0,
          value_parser = clap::value_parser!(u32).range(0..=2))]
    pub blind: u32,

    /// Gross Social Security benefits.
    #[arg(long, value_name = "AMOUNT", conflicts_with = "file", value_parser = amount, allow_hyphen_values = true)]
    pub ss: Option<Decimal>,
    /// Distributions from tax-deferred accounts (IRA, 401(k)), RMDs included.
    #[arg(long, value_name = "AMOUNT", conflicts_with = "file", value_parser = amount, allow_hyphen_values = true)]
    pub ira: Option<Decimal>,
    /// Roth conversions.
    #[arg(long, value_name = "AMOUNT", conflicts_with = "file", value_parser = amount, allow_hyphen_values = true)]
    pub roth_conversion: Option<Decimal>,
    /// Wages.
    #[arg(long, value_name = "AMOUNT", conflicts_with = "file", value_parser = amount, allow_hyphen_values = true)]
    pub wages: Option<Decimal>,
    /// Pensions and annuities (fully taxable).
    #[arg(long, value_name = "AMOUNT", conflicts_with = "file", value_parser = amount, allow_hyphen_values = true)]
    pub pension: Option<Decimal>,
    /// Taxable interest.
    #[arg(long, value_name = "AMOUNT", conflicts_with = "file", value_parser = amount, allow_hyphen_values = true)]
    pub interest: Option<Decimal>,
    /// Tax-exempt interest (counts toward taxable Social Security and Medicare MAGI).
    #[arg(long, value_name = "AMOUNT", conflicts_with = "file", value_parser = amount, allow_hyphen_values = true)]
    pub exempt_interest: Option<Decimal>,
    /// Total ordinary dividends, qualified included [default: the --qdiv amount].
    #[arg(long, value_name = "AMOUNT", conflicts_with = "file", value_parser = amount, allow_hyphen_values = true)]
    pub div: Option<Decimal>,
    /// Qualified dividends.
    #[arg(long, value_name = "AMOUNT", conflicts_with = "file", value_parser = amount, allow_hyphen_values = true)]
    pub qdiv: Option<Decimal>,
    /// Net long-term capital gain (negative for a loss).
    #[arg(long, value_name = "AMOUNT", conflicts_with = "file", value_parser = gain, allow_hyphen_values = true)]
    pub ltcg: Option<Decimal>,
    /// Net short-term capital gain (negative for a loss).
    #[arg(long, value_name = "AMOUNT", conflicts_with = "file", value_parser = gain, allow_hyphen_values = true)]
    pub stcg: Option<Decimal>,
    /// Any other ordinary income.
    #[arg(long, value_name = "AMOUNT", conflicts_with = "file", value_parser = amount, allow_hyphen_values = true)]
    pub other: Option<Decimal>,

    /// State of residence (two-letter code, DC included): the table then shows the state return
    /// too. With it, --pension is the head's employer pension and --ira the household's IRA
    /// distributions, of which --spouse-ira is the spouse's part.
    #[arg(long, value_name = "XX", conflicts_with = "file", value_parser = state)]
    pub state: Option<StateCode>,
    /// The spouse's part of --ira (joint returns; the rest is the head's).
    #[arg(long, value_name = "AMOUNT", conflicts_with = "file", requires = "state", value_parser = amount, allow_hyphen_values = true)]
    pub spouse_ira: Option<Decimal>,
    /// The spouse's part of --ss (joint returns; the rest is the head's).
    #[arg(long, value_name = "AMOUNT", conflicts_with = "file", requires = "state", value_parser = amount, allow_hyphen_values = true)]
    pub spouse_ss: Option<Decimal>,
}

/// The head's age and, on a joint return, the spouse's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ages {
    pub head: u32,
    pub spouse: Option<u32>,
}

pub fn run(args: &TaxArgs) -> anyhow::Result<ExitCode> {
    match &args.file {
        Some(path) => run_file(path, args.inflation),
        None => run_household(args),
    }
}

fn run_file(path: &Path, inflation: Decimal) -> anyhow::Result<ExitCode> {
    let (name, input) = if path.as_os_str() == "-" {
        let mut text = String::new();
        io::stdin()
            .read_to_string(&mut text)
            .context("cannot read standard input")?;
        ("standard input".to_string(), text)
    } else {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {name}"))?;
        (name, text)
    };
    let out = run_tax_csv(&input, inflation).map_err(|e| anyhow!("{name}: {e}"))?;
    write_stdout(&out.csv)?;
    let mut stderr = io::stderr().lock();
    for e in &out.errors {
        let _ = writeln!(stderr, "line {}: {}", e.line, e.message);
    }
    Ok(if out.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn run_household(args: &TaxArgs) -> anyhow::Result<ExitCode> {
    let (Some(year), Some(filing), Some(ages)) = (args.year, args.filing, args.age) else {
        bail!("--year, --filing and --age are needed when no FILE.csv is given");
    };
    // The CSV's rule too: a single or head-of-household return has no spouse, but a separate
    // return's spouse may be named (the reference vectors do), though the age does not count.
    if let Some(spouse) = ages.spouse
        && matches!(filing, Filing::Single | Filing::Hoh)
    {
        bail!(
            "--age: a spouse's age ({spouse}) with --filing {}, which has no spouse",
            filing.code()
        );
    }
    if args.lived_with_spouse && filing != Filing::Mfs {
        bail!(
            "--lived-with-spouse: applies only to a separate return (--filing mfs), not {}",
            filing.code()
        );
    }
    let or_zero = |v: Option<Decimal>| v.unwrap_or(Decimal::ZERO);
    let qualified = or_zero(args.qdiv);
    let dividends = args.div.unwrap_or(qualified);
    if qualified > dividends {
        bail!(
            "--qdiv: qualified dividends ({qualified}) are part of --div ({dividends}) and cannot exceed it"
        );
    }
    let facts = IncomeFacts {
        filing,
        age_head: ages.head,
        age_spouse: ages.spouse,
        blind: args.blind,
        wages: or_zero(args.wages),
        pensions: or_zero(args.pension),
        ira_distributions: or_zero(args.ira),
        roth_conversions: or_zero(args.roth_conversion),
        taxable_interest: or_zero(args.interest),
        tax_exempt_interest: or_zero(args.exempt_interest),
        ordinary_dividends: dividends,
        qualified_dividends: qualified,
        long_term_gains: or_zero(args.ltcg),
        short_term_gains: or_zero(args.stcg),
        other_ordinary: or_zero(args.other),
        social_security: or_zero(args.ss),
        lived_with_spouse: args.lived_with_spouse,
    };
    let tables = LawTables::get()?;
    let law = law_for(tables, year, args.inflation).map_err(|e| match e {
        TaxError::UnsupportedYear(_) => anyhow!("--year: {e}"),
        other => anyhow!(
            "--year {year} with --inflation {}: {other}",
            format_rate(args.inflation)
        ),
    })?;
    let b = federal(&law, &facts).map_err(|e| match e {
        TaxError::InvalidInput { field, reason } => anyhow!("{}: {reason}", flag_for(field)),
        other => anyhow!(other),
    })?;
    let mut table = breakdown_table(year, &facts, &b);
    if let Some(code) = args.state {
        let split = split_household(
            &facts,
            Decimal::ZERO,
            or_zero(args.spouse_ira),
            or_zero(args.spouse_ss),
        )
        .map_err(|e| {
            anyhow!(
                "{}",
                e.replace("spouse_pensions_ira", "--spouse-ira")
                    .replace("spouse_social_security", "--spouse-ss")
                    .replace("pensions_ira", "--ira")
                    .replace("social_security", "--ss")
            )
        })?;
        let s = compute_state(StateTables::get()?, code, year, &split, &b, args.inflation)
            .map_err(|e| anyhow!("--state {code}: {e}"))?;
        table.push_str(&state_table(year, &s));
    }
    write_stdout(&table)?;
    Ok(ExitCode::SUCCESS)
}

/// The flag that sets an [`IncomeFacts`] field, for error messages.
fn flag_for(field: &str) -> &str {
    match field {
        "wages" => "--wages",
        "pensions" => "--pension",
        "ira_distributions" => "--ira",
        "roth_conversions" => "--roth-conversion",
        "taxable_interest" => "--interest",
        "tax_exempt_interest" => "--exempt-interest",
        "ordinary_dividends" => "--div",
        "qualified_dividends" => "--qdiv",
        "long_term_gains" => "--ltcg",
        "short_term_gains" => "--stcg",
        "other_ordinary" => "--other",
        "social_security" => "--ss",
        "age_head" | "age_spouse" => "--age",
        "blind" => "--blind",
        other => other,
    }
}

/// Writes to standard output; a reader that stops early (`| head`) is not an error.
fn write_stdout(text: &str) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(e).context("cannot write to standard output")
        }
        _ => Ok(()),
    }
}

fn year(text: &str) -> Result<i32, String> {
    let y: i32 = text
        .trim()
        .parse()
        .map_err(|_| format!("'{text}' is not a year"))?;
    if y < FIRST_TABLE_YEAR {
        return Err(format!(
            "tax year {y} is not supported: the law tables start in {FIRST_TABLE_YEAR}"
        ));
    }
    if y > LAST_YEAR {
        return Err(format!(
            "{y} is too far ahead (the last year is {LAST_YEAR})"
        ));
    }
    Ok(y)
}

fn filing(text: &str) -> Result<Filing, String> {
    Filing::parse(text).ok_or_else(|| format!("'{text}' is not single, mfj, mfs or hoh"))
}

fn ages(text: &str) -> Result<Ages, String> {
    let one = |t: &str| -> Result<u32, String> {
        let a: u32 = t
            .trim()
            .parse()
            .map_err(|_| format!("'{}' is not an age in whole years", t.trim()))?;
        if a > 130 {
            return Err(format!("{a} is not a plausible age"));
        }
        Ok(a)
    };
    match text.split_once(',') {
        None => Ok(Ages {
            head: one(text)?,
            spouse: None,
        }),
        Some((head, spouse)) => Ok(Ages {
            head: one(head)?,
            spouse: Some(one(spouse)?),
        }),
    }
}

fn state(text: &str) -> Result<StateCode, String> {
    StateCode::parse(text).ok_or_else(|| format!("'{text}' is not a state's two-letter code"))
}

fn gain(text: &str) -> Result<Decimal, String> {
    parse_money(text).map_err(|e| e.to_string())
}

fn amount(text: &str) -> Result<Decimal, String> {
    let v = gain(text)?;
    if v < Decimal::ZERO {
        return Err("this amount cannot be negative".to_string());
    }
    Ok(v)
}

/// A percent, by the one rule of [`parse_rate`]: the size of the number no longer decides
/// whether it is a decimal or a percent.
fn inflation(text: &str) -> Result<Decimal, String> {
    let r = parse_rate(text).map_err(|e| e.to_string())?;
    let (low, high) = INFLATION_RANGE;
    if r < low || r > high {
        return Err(format!("{} is outside -10% to 20% a year", text.trim()));
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn ages_take_one_or_two() {
        assert_eq!(
            ages("67").unwrap(),
            Ages {
                head: 67,
                spouse: None
            }
        );
        assert_eq!(
            ages("67, 65").unwrap(),
            Ages {
                head: 67,
                spouse: Some(65)
            }
        );
        assert!(ages("200").unwrap_err().contains("200"));
        assert!(ages("67,x").is_err());
        assert!(ages("67,65,63").is_err());
    }

    #[test]
    fn amounts_take_the_forms_people_type() {
        assert_eq!(amount("65k").unwrap(), dec!(65000));
        assert_eq!(amount("1,250,000").unwrap(), dec!(1250000));
        assert!(amount("-5000").unwrap_err().contains("negative"));
        assert_eq!(gain("-3k").unwrap(), dec!(-3000));
    }

    #[test]
    fn inflation_is_bounded() {
        assert_eq!(inflation("2.5%").unwrap(), dec!(0.025));
        assert_eq!(inflation("-10%").unwrap(), dec!(-0.1));
        assert!(inflation("25%").is_err());
        assert!(inflation("-11%").is_err());
    }

    #[test]
    fn inflation_is_always_a_percent() {
        // It was guessed from the size of the number: 0.2 was 20% and 1.5 was 1.5%.
        for (typed, rate) in [
            ("2.5", dec!(0.025)),
            ("0.2", dec!(0.002)),
            ("0.5", dec!(0.005)),
            ("1", dec!(0.01)),
            ("1.5", dec!(0.015)),
            ("20", dec!(0.2)),
            ("-10", dec!(-0.1)),
        ] {
            assert_eq!(inflation(typed), Ok(rate), "{typed}");
        }
        assert!(inflation("25").unwrap_err().contains("outside -10% to 20%"));
    }

    #[test]
    fn years_before_the_tables_are_refused() {
        assert!(year("2019").unwrap_err().contains("2019"));
        assert_eq!(year("2030").unwrap(), 2030);
        assert!(year("2227").is_err());
    }
}
