//! `drawdown tax`: household-years in, breakdowns out, as CSV or as a readable table.

pub mod health;

use crate::money::{format_measured_rate, format_rate, parse_money};
use crate::num::Num;
use crate::tax::{
    Filing, IncomeFacts, LawMode, LawTables, Person, StateBreakdown, StateCode, StateFacts,
    StateLaw, StateTables, TaxBreakdown, TaxError, TaxLaw, federal, state_breakdown,
};
use health::{HEALTH_INPUTS, HEALTH_OUTPUT_COLUMNS, health_columns, parse_health};
use rust_decimal::Decimal;
use std::fmt::Write as _;
use std::str::FromStr;
use thiserror::Error;

/// Input columns, in the order they are written back.
pub const INPUT_COLUMNS: [&str; 12] = [
    "year",
    "filing",
    "age_head",
    "age_spouse",
    "wages",
    "pensions_ira",
    "taxable_interest",
    "ordinary_dividends",
    "qualified_dividends",
    "long_term_gains",
    "short_term_gains",
    "social_security",
];

/// Columns that may be present and are read when they are.
const OPTIONAL_INPUTS: [&str; 5] = [
    "roth_conversions",
    "tax_exempt_interest",
    "other_income",
    "blind",
    "lived_with_spouse",
];

pub const OUTPUT_COLUMNS: [&str; 12] = [
    "agi",
    "taxable_social_security",
    "standard_deduction",
    "senior_deduction",
    "taxable_income",
    "regular_tax",
    "niit",
    "total_tax",
    "marginal_ordinary",
    "marginal_gain",
    "bracket_rate",
    "magi",
];

/// Optional columns that place the household in a state and say whose income is whose
/// (defined as in tests/data/state-tax-vectors.md).
pub const STATE_INPUTS: [&str; 4] = [
    "state",
    "pension",
    "spouse_pensions_ira",
    "spouse_social_security",
];

/// State columns, written after the federal ones (empty for a row without a state).
pub const STATE_OUTPUTS: [&str; 3] = ["state_agi", "state_taxable_income", "state_income_tax"];

const REQUIRED: [&str; 3] = ["year", "filing", "age_head"];

#[derive(Debug, Error, PartialEq)]
pub enum TaxCsvError {
    #[error("the CSV has no header row")]
    NoHeader,
    #[error("the header has no '{0}' column (needed: year, filing, age_head)")]
    MissingColumn(&'static str),
    #[error("the header could not be read: {0}")]
    BadHeader(String),
    #[error("the header names {0} twice")]
    DuplicateColumn(&'static str),
}

/// One row that could not be computed.
#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    /// 1-based line in the input file (the header is line 1).
    pub line: u64,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TaxCsvOutput {
    pub csv: String,
    pub rows_ok: usize,
    pub errors: Vec<RowError>,
}

/// Computes every row of `input`. A row that fails is skipped and reported with its line.
/// `inflation` indexes years after the last table year (from 2026).
pub fn run_tax_csv(input: &str, inflation: Decimal) -> Result<TaxCsvOutput, TaxCsvError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .comment(Some(b'#'))
        .from_reader(input.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| TaxCsvError::BadHeader(e.to_string()))?
        .clone();
    if headers.is_empty() || headers.iter().all(str::is_empty) {
        return Err(TaxCsvError::NoHeader);
    }
    let find = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    for name in REQUIRED {
        if find(name).is_none() {
            return Err(TaxCsvError::MissingColumn(name));
        }
    }
    // A column read twice would silently use its first copy; which one the user meant is a
    // guess, so the file is refused. Columns the command does not read may repeat.
    let read = INPUT_COLUMNS
        .iter()
        .chain(&OPTIONAL_INPUTS)
        .chain(&STATE_INPUTS)
        .chain(&HEALTH_INPUTS);
    for name in read {
        if headers
            .iter()
            .filter(|h| h.eq_ignore_ascii_case(name))
            .count()
            > 1
        {
            return Err(TaxCsvError::DuplicateColumn(name));
        }
    }
    let input_pos: Vec<Option<usize>> = INPUT_COLUMNS.iter().map(|c| find(c)).collect();
    let optional_pos: Vec<Option<usize>> = OPTIONAL_INPUTS.iter().map(|c| find(c)).collect();
    let state_pos: Vec<Option<usize>> = STATE_INPUTS.iter().map(|c| find(c)).collect();
    let health_pos: Vec<Option<usize>> = HEALTH_INPUTS.iter().map(|c| find(c)).collect();

    let mut out = String::new();
    out.push_str(&INPUT_COLUMNS.join(","));
    out.push(',');
    out.push_str(&OUTPUT_COLUMNS.join(","));
    out.push(',');
    out.push_str(&STATE_OUTPUTS.join(","));
    out.push(',');
    out.push_str(&HEALTH_OUTPUT_COLUMNS.join(","));
    out.push('\n');
    let mut errors = Vec::new();
    let mut rows_ok = 0;
    let tables = LawTables::get().map_err(|e| TaxCsvError::BadHeader(e.to_string()))?;
    let state_tables = StateTables::get().map_err(|e| TaxCsvError::BadHeader(e.to_string()))?;
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                errors.push(RowError {
                    line,
                    message: e.to_string(),
                });
                continue;
            }
        };
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        // A short row would read its missing cells as zero, a long one drop its extra cells:
        // either way a cell has most likely moved to the wrong column.
        if record.len() != headers.len() {
            errors.push(RowError {
                line,
                message: format!(
                    "{} fields where the header has {}",
                    record.len(),
                    headers.len()
                ),
            });
            continue;
        }
        let cell = |pos: Option<usize>| pos.and_then(|p| record.get(p)).unwrap_or("");
        let inputs: Vec<&str> = input_pos.iter().map(|p| cell(*p)).collect();
        let optional: Vec<&str> = optional_pos.iter().map(|p| cell(*p)).collect();
        let state: Vec<&str> = state_pos.iter().map(|p| cell(*p)).collect();
        let health: Vec<&str> = health_pos.iter().map(|p| cell(*p)).collect();
        let computed = row_facts(&inputs, &optional).and_then(|(year, facts)| {
            // The federal return first: it refuses a negative amount by its column, before the
            // state's split would misread it as a carve-out that does not fit.
            let (year, facts, b) = compute_row(tables, year, &facts, inflation)?;
            let household = row_state(&facts, &state)?;
            let h = parse_health(&health, household.as_ref().map(|(code, _)| *code))?;
            let s = household
                .map(|(code, sf)| compute_state(state_tables, code, year, &sf, &b, inflation))
                .transpose()?;
            let extra = health_columns(year, &facts, &b, &h, inflation)?;
            Ok((year, facts, b, s, extra))
        });
        match computed {
            Ok((year, facts, b, s, extra)) => {
                rows_ok += 1;
                write_row(&mut out, year, &facts, &b, s.as_ref(), &extra);
            }
            Err(message) => errors.push(RowError { line, message }),
        }
    }
    Ok(TaxCsvOutput {
        csv: out,
        rows_ok,
        errors,
    })
}

fn compute_row(
    tables: &LawTables,
    year: i32,
    facts: &IncomeFacts<Decimal>,
    inflation: Decimal,
) -> Result<(i32, IncomeFacts<Decimal>, TaxBreakdown<Decimal>), String> {
    let law = law_for(tables, year, inflation).map_err(|e| e.to_string())?;
    let b = federal(&law, facts).map_err(|e| match e {
        TaxError::InvalidInput { field, reason } => format!("{}: {reason}", column_for(field)),
        other => other.to_string(),
    })?;
    Ok((year, *facts, b))
}

/// The CSV column an [`IncomeFacts`] field is read from, so that an error names what the user
/// wrote rather than the field it became (`ira_distributions` is read from `pensions_ira`).
fn column_for(field: &str) -> &str {
    match field {
        "pensions" | "ira_distributions" => "pensions_ira",
        "other_ordinary" => "other_income",
        other => other,
    }
}

/// The state's breakdown for a row's household, its law indexed like the federal law.
pub fn compute_state(
    tables: &StateTables,
    code: StateCode,
    year: i32,
    facts: &StateFacts<Decimal>,
    fed: &TaxBreakdown<Decimal>,
    inflation: Decimal,
) -> Result<StateBreakdown<Decimal>, String> {
    let index = price_index(year, inflation).map_err(|e| e.to_string())?;
    let law = StateLaw::resolve(tables, code, year, index).map_err(|e| e.to_string())?;
    facts.validate().map_err(|e| e.to_string())?;
    Ok(state_breakdown(&law, facts, fed))
}

/// The household of a row as the state sees it, when the row names a state: `pension` is the
/// head's employer pension within `pensions_ira`, `spouse_pensions_ira` the spouse's IRA
/// distributions within it, the rest the head's IRA distributions; `spouse_social_security` is
/// the spouse's part of `social_security`. Roth conversions are the head's.
pub fn row_state(
    facts: &IncomeFacts<Decimal>,
    cells: &[&str],
) -> Result<Option<(StateCode, StateFacts<Decimal>)>, String> {
    let money = |i: usize| parse_amount(STATE_INPUTS[i], cells[i]);
    let (pension, spouse_ira, spouse_ss) = (money(1)?, money(2)?, money(3)?);
    if cells[0].is_empty() {
        if [pension, spouse_ira, spouse_ss]
            .iter()
            .any(|v| !v.is_zero())
        {
            return Err(
                "pension, spouse_pensions_ira and spouse_social_security need a state".into(),
            );
        }
        return Ok(None);
    }
    let code = StateCode::parse(cells[0])
        .ok_or_else(|| format!("state: '{}' is not a state's two-letter code", cells[0]))?;
    Ok(Some((
        code,
        split_household(facts, pension, spouse_ira, spouse_ss)?,
    )))
}

/// Splits a household's federal facts between its people: `pension` (the head's employer
/// pension) and `spouse_ira` (the spouse's IRA distributions) are carved out of
/// `ira_distributions`, the rest of which is the head's; `spouse_ss` is the spouse's part of
/// `social_security`. Pensions already in `facts.pensions` are the head's; Roth conversions
/// and wages are the head's. Names the amount that does not fit.
pub fn split_household(
    facts: &IncomeFacts<Decimal>,
    pension: Decimal,
    spouse_ira: Decimal,
    spouse_ss: Decimal,
) -> Result<StateFacts<Decimal>, String> {
    for (name, v) in [
        ("pension", pension),
        ("spouse_pensions_ira", spouse_ira),
        ("spouse_social_security", spouse_ss),
    ] {
        if v < Decimal::ZERO {
            return Err(format!("{name}: {v} is negative"));
        }
    }
    // Name only the amounts that were given: the flags never give `pension` here, and a
    // message about an amount the user did not write sends them looking for it.
    let spouse_given: Vec<&str> = [
        ("spouse_pensions_ira", spouse_ira),
        ("spouse_social_security", spouse_ss),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_zero())
    .map(|(name, _)| name)
    .collect();
    if !facts.filing.is_joint() && !spouse_given.is_empty() {
        let verb = if spouse_given.len() == 1 {
            "counts"
        } else {
            "count"
        };
        return Err(format!(
            "{} {verb} only on a joint return",
            spouse_given.join(" and ")
        ));
    }
    let head_ira = facts.ira_distributions - pension - spouse_ira;
    if head_ira < Decimal::ZERO {
        let parts = match (pension.is_zero(), spouse_ira.is_zero()) {
            (false, false) => {
                format!("pension ({pension}) + spouse_pensions_ira ({spouse_ira}) exceed")
            }
            (false, true) => format!("pension ({pension}) exceeds"),
            _ => format!("spouse_pensions_ira ({spouse_ira}) exceeds"),
        };
        return Err(format!(
            "{parts} pensions_ira ({})",
            facts.ira_distributions
        ));
    }
    if spouse_ss > facts.social_security {
        return Err(format!(
            "spouse_social_security ({spouse_ss}) exceeds social_security ({})",
            facts.social_security
        ));
    }
    let head = Person {
        age: facts.age_head,
        wages: facts.wages,
        private_pension: pension + facts.pensions,
        government_pension: Decimal::ZERO,
        ira_distributions: head_ira,
        roth_conversions: facts.roth_conversions,
        social_security: facts.social_security - spouse_ss,
        ..Default::default()
    };
    let spouse = Person {
        age: facts.age_spouse.unwrap_or(0),
        ira_distributions: spouse_ira,
        social_security: spouse_ss,
        ..Default::default()
    };
    Ok(StateFacts {
        filing: facts.filing,
        people: [head, spouse],
        blind: facts.blind,
        lived_with_spouse: facts.lived_with_spouse,
        taxable_interest: facts.taxable_interest,
        tax_exempt_interest: facts.tax_exempt_interest,
        ordinary_dividends: facts.ordinary_dividends,
        qualified_dividends: facts.qualified_dividends,
        long_term_gains: facts.long_term_gains,
        short_term_gains: facts.short_term_gains,
        other_ordinary: facts.other_ordinary,
    })
}

/// The law for a year, indexing years past the last table by `inflation` a year.
pub fn law_for(
    tables: &LawTables,
    year: i32,
    inflation: Decimal,
) -> Result<TaxLaw<Decimal>, TaxError> {
    TaxLaw::resolve(
        tables,
        &LawMode::CurrentLaw,
        year,
        price_index(year, inflation)?,
    )
}

/// The price level of `year` relative to the last table year, at `inflation` a year.
pub fn price_index(year: i32, inflation: Decimal) -> Result<Decimal, TaxError> {
    let last = crate::tax::tables::LAST_TABLE_YEAR;
    let mut index = Decimal::ONE;
    if year > last {
        if year - last > 200 {
            return Err(TaxError::invalid(
                "year",
                format!("{year} is too far ahead"),
            ));
        }
        if inflation <= Decimal::NEGATIVE_ONE || inflation > Decimal::ONE {
            return Err(TaxError::invalid(
                "inflation",
                format!("{inflation} is not a yearly inflation rate"),
            ));
        }
        for _ in last..year {
            // Stop compounding long before Decimal could overflow; resolve refuses the result.
            if index > crate::tax::law::MAX_PRICE_INDEX {
                break;
            }
            index *= Decimal::ONE + inflation;
        }
    }
    Ok(index)
}

/// An amount cell, read as the flags read an amount ([`parse_money`]): one rule for both, a
/// fraction of a cent rounded half away from zero. Files written by programs carry float noise
/// (`98015.40000000001` in the reference vectors), so it is rounded rather than refused.
fn parse_amount(field: &str, text: &str) -> Result<Decimal, String> {
    if text.is_empty() {
        return Ok(Decimal::ZERO);
    }
    parse_money(text).map_err(|e| format!("{field}: {e}"))
}

fn parse_int<T: FromStr>(field: &str, text: &str) -> Result<T, String> {
    let t = text.strip_suffix(".0").unwrap_or(text);
    t.parse::<T>()
        .map_err(|_| format!("{field}: '{text}' is not a whole number"))
}

fn row_facts(inputs: &[&str], optional: &[&str]) -> Result<(i32, IncomeFacts<Decimal>), String> {
    let year: i32 = parse_int("year", inputs[0])?;
    let filing = Filing::parse(inputs[1])
        .ok_or_else(|| format!("filing: '{}' is not single, mfj, mfs or hoh", inputs[1]))?;
    let age_head: u32 = parse_int("age_head", inputs[2])?;
    let age_spouse: u32 = if inputs[3].is_empty() {
        0
    } else {
        parse_int("age_spouse", inputs[3])?
    };
    // As --age refuses it: a single or head-of-household return has no spouse. A separate
    // return's spouse may be named (the reference vectors do); the age does not count.
    if age_spouse > 0 && matches!(filing, Filing::Single | Filing::Hoh) {
        return Err(format!(
            "age_spouse: {age_spouse} on a {} row, which has no spouse",
            filing.code()
        ));
    }
    let money = |i: usize| parse_amount(INPUT_COLUMNS[i], inputs[i]);
    let opt = |i: usize| parse_amount(OPTIONAL_INPUTS[i], optional[i]);
    let blind: u32 = if optional[3].is_empty() {
        0
    } else {
        parse_int("blind", optional[3])?
    };
    let facts = IncomeFacts {
        filing,
        age_head,
        age_spouse: (age_spouse > 0).then_some(age_spouse),
        blind,
        wages: money(4)?,
        pensions: Decimal::ZERO,
        ira_distributions: money(5)?,
        roth_conversions: opt(0)?,
        taxable_interest: money(6)?,
        tax_exempt_interest: opt(1)?,
        ordinary_dividends: money(7)?,
        qualified_dividends: money(8)?,
        long_term_gains: money(9)?,
        short_term_gains: money(10)?,
        other_ordinary: opt(2)?,
        social_security: money(11)?,
        lived_with_spouse: match optional[4].to_ascii_lowercase().as_str() {
            "" | "0" | "false" | "no" => false,
            "1" | "true" | "yes" => true,
            other => return Err(format!("lived_with_spouse: '{other}' is not true or false")),
        },
    };
    if facts.lived_with_spouse && filing != Filing::Mfs {
        return Err(format!(
            "lived_with_spouse: applies only to an mfs row, not {}",
            filing.code()
        ));
    }
    Ok((year, facts))
}

fn write_row(
    out: &mut String,
    year: i32,
    f: &IncomeFacts<Decimal>,
    b: &TaxBreakdown<Decimal>,
    s: Option<&StateBreakdown<Decimal>>,
    health: &[Decimal; 3],
) {
    let m = |d: Decimal| format!("{:.2}", d.round_cents());
    let r = |d: Decimal| format!("{:.4}", d.round_dp(4));
    let _ = write!(
        out,
        "{year},{},{},{},{},{},{},{},{},{},{},{}",
        f.filing.code(),
        f.age_head,
        f.age_spouse.unwrap_or(0),
        m(f.wages),
        m(f.pensions + f.ira_distributions),
        m(f.taxable_interest),
        m(f.ordinary_dividends),
        m(f.qualified_dividends),
        m(f.long_term_gains),
        m(f.short_term_gains),
        m(f.social_security),
    );
    let _ = write!(
        out,
        ",{},{},{},{},{},{},{},{},{},{},{},{}",
        m(b.agi),
        m(b.taxable_social_security),
        m(b.standard_deduction),
        m(b.senior_deduction),
        m(b.taxable_income),
        m(b.regular_tax),
        m(b.niit),
        m(b.total),
        r(b.marginal_ordinary),
        r(b.marginal_gain),
        r(b.bracket_rate),
        m(b.magi),
    );
    match s {
        Some(s) => {
            let _ = write!(out, ",{},{},{}", m(s.agi), m(s.taxable_income), m(s.tax));
        }
        None => out.push_str(",,,"),
    }
    // The health and payroll columns come after every other output column.
    let _ = writeln!(out, ",{},{},{}", m(health[0]), m(health[1]), m(health[2]));
}

/// One household's breakdown as a readable table.
pub fn breakdown_table(year: i32, f: &IncomeFacts<Decimal>, b: &TaxBreakdown<Decimal>) -> String {
    let mut s = String::new();
    let ages = match f.age_spouse {
        Some(a) => format!("ages {} and {a}", f.age_head),
        None => format!("age {}", f.age_head),
    };
    let _ = writeln!(
        s,
        "Federal income tax {year}: {}, {ages}",
        f.filing.label().to_lowercase()
    );
    let line = |s: &mut String, label: &str, v: Decimal| {
        let _ = writeln!(s, "  {label:<48}{:>16}", crate::money::format_cents(v));
    };
    let _ = writeln!(s, "\nIncome");
    let incomes = [
        ("Wages", f.wages),
        ("Pensions and annuities", f.pensions),
        ("IRA distributions", f.ira_distributions),
        ("Roth conversions", f.roth_conversions),
        ("Taxable interest", f.taxable_interest),
        ("Tax-exempt interest", f.tax_exempt_interest),
        ("Ordinary dividends", f.ordinary_dividends),
        ("  of which qualified", f.qualified_dividends),
        ("Net long-term gain", f.long_term_gains),
        ("Net short-term gain", f.short_term_gains),
        ("Other ordinary income", f.other_ordinary),
        ("Social Security benefits (gross)", f.social_security),
    ];
    for (label, v) in incomes {
        if !v.is_zero() {
            line(&mut s, label, v);
        }
    }
    let _ = writeln!(s, "\nComputation");
    line(&mut s, "Provisional income", b.provisional_income);
    line(&mut s, "Taxable Social Security", b.taxable_social_security);
    if !b.loss_carryforward.is_zero() {
        line(&mut s, "Capital loss carried forward", b.loss_carryforward);
    }
    line(&mut s, "Adjusted gross income (AGI)", b.agi);
    line(&mut s, "MAGI for Medicare IRMAA", b.magi);
    line(
        &mut s,
        "Standard deduction (with age/blind)",
        b.standard_deduction,
    );
    line(&mut s, "Senior deduction", b.senior_deduction);
    line(&mut s, "Taxable income", b.taxable_income);
    line(&mut s, "  ordinary part", b.ordinary_taxable_income);
    line(
        &mut s,
        "  qualified dividends and net gain",
        b.preferential_income,
    );
    line(&mut s, "Tax on ordinary income", b.ordinary_tax);
    line(
        &mut s,
        "Tax on gains and qualified dividends",
        b.preferential_tax,
    );
    line(&mut s, "Regular tax", b.regular_tax);
    line(&mut s, "Net investment income tax", b.niit);
    line(&mut s, "Total federal tax", b.total.round_cents());
    let _ = writeln!(s, "\nRates");
    let rate = |s: &mut String, label: &str, v: String| {
        let _ = writeln!(s, "  {label:<48}{v:>16}");
    };
    let bracket = if b.bracket == 0 {
        "none (deductions cover it)".to_string()
    } else {
        format_rate(b.bracket_rate)
    };
    rate(&mut s, "Ordinary bracket reached", bracket);
    rate(
        &mut s,
        "Capital-gain band reached",
        ["0%", "15%", "20%"][usize::from(b.gain_band)].to_string(),
    );
    rate(
        &mut s,
        "Marginal rate on the next $1 of IRA income",
        format_measured_rate(b.marginal_ordinary),
    );
    rate(
        &mut s,
        "Marginal rate on the next $1 of long-term gain",
        format_measured_rate(b.marginal_gain),
    );
    let average = b.total.ratio(b.agi).round_dp(4);
    rate(&mut s, "Average rate on AGI", format_measured_rate(average));
    s
}

/// A household's state return as a readable table, after the federal one.
pub fn state_table(year: i32, s: &StateBreakdown<Decimal>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "\n{} income tax {year}", s.state.name());
    let line = |out: &mut String, label: &str, v: Decimal| {
        let _ = writeln!(out, "  {label:<48}{:>16}", crate::money::format_cents(v));
    };
    line(&mut out, "Federal AGI", s.federal_agi);
    line(&mut out, "Additions", s.additions);
    line(&mut out, "Subtractions and exclusions", s.subtractions);
    line(&mut out, "State AGI", s.agi);
    line(&mut out, "Deductions", s.deductions);
    line(&mut out, "Exemptions", s.exemptions);
    line(&mut out, "State taxable income", s.taxable_income);
    line(&mut out, "Tax before credits", s.tax_before_credits);
    for c in s.credits.iter().filter(|c| !c.name.is_empty()) {
        line(&mut out, c.name, -c.amount);
    }
    line(&mut out, "State income tax", s.tax.round_cents());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn columns_by_name_in_any_order_and_bad_rows_named_by_line() {
        let input = "\
note,filing,year,age_head,social_security,pensions_ira
x,single,2026,70,30000,30000
y,single,2021,70,1,1
z,weird,2026,70,1,1
w,single,2026,70,abc,1
";
        let out = run_tax_csv(input, dec!(0.025)).unwrap();
        assert_eq!(out.rows_ok, 1);
        let lines: Vec<&str> = out.csv.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("year,filing,age_head"));
        // torpedo case of the unit tests: total 1,240 + 12% × 7,300 = 2,116
        assert!(lines[1].contains(",2116.00,"), "{}", lines[1]);
        let lines_failed: Vec<u64> = out.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines_failed, vec![3, 4, 5]);
        assert!(out.errors[0].message.contains("2021"));
        assert!(out.errors[1].message.contains("filing"));
        assert!(out.errors[2].message.contains("social_security"));
    }

    #[test]
    fn errors_name_the_column_the_user_wrote() {
        // They named the field the column became: `ira_distributions: -30000 is negative`.
        let input = "\
year,filing,age_head,pensions_ira,other_income,state,spouse_pensions_ira
2026,single,70,-30000,,,
2026,single,70,1000,-1,,
2026,single,70,-30000,,GA,
2026,mfj,70,10000,,GA,50000
";
        let out = run_tax_csv(input, dec!(0.025)).unwrap();
        let messages: Vec<&str> = out.errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "pensions_ira: -30000 is negative",
                "other_income: -1 is negative",
                "pensions_ira: -30000 is negative",
                "spouse_pensions_ira (50000) exceeds pensions_ira (10000)",
            ]
        );
    }

    #[test]
    fn amounts_are_read_as_the_flags_read_them() {
        // Cells were kept to any precision and rounded only when written, so the columns
        // written did not add up to the AGI computed from them (0.01 + 0.01 gave 0.01).
        let input = "\
year,filing,age_head,wages,pensions_ira,taxable_interest
2026,single,70,0.005,0.005,12.345
2026,single,70,65k,\"1,250\",
2026,single,70,\"12,50\",,
";
        let out = run_tax_csv(input, dec!(0.025)).unwrap();
        let rows: Vec<Vec<&str>> = out.csv.lines().map(|l| l.split(',').collect()).collect();
        let at = |name: &str| rows[0].iter().position(|h| *h == name).unwrap();
        let cells =
            |r: usize| ["wages", "pensions_ira", "taxable_interest", "agi"].map(|c| rows[r][at(c)]);
        assert_eq!(cells(1), ["0.01", "0.01", "12.35", "12.37"]);
        assert_eq!(cells(2), ["65000.00", "1250.00", "0.00", "66250.00"]);
        assert_eq!(out.errors.len(), 1);
        assert!(
            out.errors[0].message.starts_with("wages: '12,50'"),
            "{}",
            out.errors[0].message
        );
    }

    #[test]
    fn a_row_must_have_the_headers_fields() {
        // A short row was computed with its missing cells as zero, a long one lost its extras.
        let input = "\
year,filing,age_head,age_spouse,social_security,wages,pensions_ira,taxable_interest,long_term_gains,short_term_gains
2026,single,70,,30000
2026,single,70,,30000,0,30000,0,0,0,5000
2026,single,70,,30000,0,30000,0,0,0
";
        let out = run_tax_csv(input, dec!(0.025)).unwrap();
        assert_eq!(out.rows_ok, 1);
        assert_eq!(
            out.errors,
            [
                RowError {
                    line: 2,
                    message: "5 fields where the header has 10".into()
                },
                RowError {
                    line: 3,
                    message: "11 fields where the header has 10".into()
                },
            ]
        );
    }

    #[test]
    fn a_spouse_or_living_together_needs_a_filing_status_that_has_one() {
        // Both were accepted on any row, where --age 67,65 and --lived-with-spouse are refused.
        let input = "\
year,filing,age_head,age_spouse,lived_with_spouse
2026,single,67,65,
2026,hoh,67,65,
2026,mfs,67,65,
2026,mfj,67,65,
2026,single,67,,true
2026,mfj,67,65,yes
2026,mfs,67,,true
";
        let out = run_tax_csv(input, dec!(0.025)).unwrap();
        assert_eq!(out.rows_ok, 3, "{:?}", out.errors);
        let errors: Vec<(u64, &str)> = out
            .errors
            .iter()
            .map(|e| (e.line, e.message.as_str()))
            .collect();
        assert_eq!(
            errors,
            [
                (2, "age_spouse: 65 on a single row, which has no spouse"),
                (3, "age_spouse: 65 on a hoh row, which has no spouse"),
                (
                    6,
                    "lived_with_spouse: applies only to an mfs row, not single"
                ),
                (7, "lived_with_spouse: applies only to an mfs row, not mfj"),
            ]
        );
    }

    #[test]
    fn a_column_read_twice_is_refused() {
        // The first copy was used and the second silently ignored.
        let input = "year,filing,age_head,pensions_ira,PENSIONS_IRA\n2026,single,70,1,2\n";
        let e = run_tax_csv(input, Decimal::ZERO).unwrap_err();
        assert_eq!(e, TaxCsvError::DuplicateColumn("pensions_ira"));
        assert_eq!(e.to_string(), "the header names pensions_ira twice");
        // Columns the command does not read may repeat.
        let input = "note,year,filing,age_head,note\nx,2026,single,70,y\n";
        assert_eq!(run_tax_csv(input, Decimal::ZERO).unwrap().rows_ok, 1);
    }

    #[test]
    fn absurd_inflation_is_an_error_not_an_overflow() {
        let tables = LawTables::get().unwrap();
        assert!(law_for(tables, 2150, dec!(0.9)).is_err());
        assert!(law_for(tables, 2150, dec!(-2)).is_err());
        assert!(law_for(tables, 2030, dec!(0.03)).is_ok());
    }

    #[test]
    fn a_missing_required_column_is_fatal() {
        assert_eq!(
            run_tax_csv("filing,age_head\nsingle,70\n", Decimal::ZERO),
            Err(TaxCsvError::MissingColumn("year"))
        );
    }

    #[test]
    fn table_shows_the_steps() {
        let law = TaxLaw::for_year(2026).unwrap();
        let f = IncomeFacts {
            filing: Filing::Mfj,
            age_head: 67,
            age_spouse: Some(65),
            social_security: dec!(40000),
            ira_distributions: dec!(50000),
            ordinary_dividends: dec!(8000),
            qualified_dividends: dec!(8000),
            long_term_gains: dec!(12000),
            ..Default::default()
        };
        let b = federal(&law, &f).unwrap();
        let t = breakdown_table(2026, &f, &b);
        assert!(t.contains("married filing jointly, ages 67 and 65"));
        assert!(t.contains("Taxable Social Security"));
        assert!(t.contains("Marginal rate on the next $1 of IRA income"));
    }
}
