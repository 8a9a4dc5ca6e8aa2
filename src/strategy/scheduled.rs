//! A schedule the user enters: each listed year's Roth conversion and draws from each kind of
//! account, in dollars of that year (an advisor's proposal, or another tool's answer replayed
//! through drawdown's exact books). The draws are caps met in the order tax-deferred, taxable,
//! Roth, cash; whatever they leave of the need is topped up in the fallback order cash, taxable,
//! tax-deferred, Roth, and the year's note keeps the scheduled amounts so an explanation can say
//! how much came from the fallback.

use super::{Decision, Funding, Note, Source, Step, Strategy};
use crate::engine::YearContext;
use crate::money::{amount_problem, serde_dec};
use crate::num::Num;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// One year of a schedule, in dollars of that year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleRow {
    pub year: i32,
    #[serde(default, with = "serde_dec")]
    pub roth_conversion: Decimal,
    #[serde(default, with = "serde_dec")]
    pub deferred: Decimal,
    #[serde(default, with = "serde_dec")]
    pub taxable: Decimal,
    #[serde(default, with = "serde_dec")]
    pub roth: Decimal,
    #[serde(default, with = "serde_dec")]
    pub cash: Decimal,
}

/// Most years a schedule may list.
pub const MAX_SCHEDULE_ROWS: usize = 150;

/// The order the need is topped up in when the schedule's draws fall short.
pub const FALLBACK: [Source; 4] = [
    Source::Cash,
    Source::Taxable,
    Source::Deferred,
    Source::Roth,
];

/// The columns a schedule file may have (`year` first; the file may order them as it likes).
pub const CSV_HEADER: [&str; 6] = [
    "year",
    "roth_conversion",
    "deferred",
    "taxable",
    "roth",
    "cash",
];

/// A line of a schedule file that cannot be read; a cell's problem also names its column (its
/// place on the line, from 1, and its name).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("line {line}{}: {message}", column.map_or(String::new(), |(n, name)| format!(", column {n} ({name})")))]
pub struct ScheduleCsvError {
    pub line: usize,
    pub column: Option<(usize, &'static str)>,
    pub message: String,
}

/// Checks a schedule's rows: years in increasing order, each amount a sum of cents within the
/// planner's range. Returns the row's field and the problem.
pub fn check_rows(rows: &[ScheduleRow]) -> Result<(), (String, String)> {
    if rows.len() > MAX_SCHEDULE_ROWS {
        return Err(("rows".into(), format!("at most {MAX_SCHEDULE_ROWS} years")));
    }
    for (i, r) in rows.iter().enumerate() {
        if !(1900..=2300).contains(&r.year) {
            return Err((format!("rows[{i}].year"), "a year from 1900 to 2300".into()));
        }
        if i > 0 && r.year <= rows[i - 1].year {
            return Err((
                format!("rows[{i}].year"),
                format!("{} does not come after {}", r.year, rows[i - 1].year),
            ));
        }
        for (name, v) in [
            ("roth_conversion", r.roth_conversion),
            ("deferred", r.deferred),
            ("taxable", r.taxable),
            ("roth", r.roth),
            ("cash", r.cash),
        ] {
            if let Some(problem) = amount_problem(v) {
                return Err((format!("rows[{i}].{name}"), problem));
            }
        }
    }
    Ok(())
}

/// Reads a schedule from CSV text: a header line naming the columns, then one line per year.
/// `year` is required; the amount columns `roth_conversion, deferred, taxable, roth, cash` may
/// come in any order and any of them may be left out (a column left out, like a blank cell, is
/// $0 every year), so another tool's export needs only its header renamed. A column name not
/// among these is refused rather than ignored: a misspelt `roth_conversions` would otherwise
/// replay a schedule that converts nothing. Blank lines and `#` comments are skipped; amounts
/// are read as the planner's form reads them ([`crate::money::parse_amount`]: `$`, `65k`, commas
/// only between groups of three digits, in quotes, and at most cents). Errors name the line,
/// and a cell's the column.
pub fn parse_schedule_csv(text: &str) -> Result<Vec<ScheduleRow>, ScheduleCsvError> {
    parse_rows(text, None)
}

/// [`parse_schedule_csv`] for a plan whose years are `first..=last`: a year outside them would
/// never be replayed, so it is refused naming its line.
pub fn parse_schedule_csv_for(
    text: &str,
    first: i32,
    last: i32,
) -> Result<Vec<ScheduleRow>, ScheduleCsvError> {
    parse_rows(text, Some((first, last)))
}

fn parse_rows(text: &str, years: Option<(i32, i32)>) -> Result<Vec<ScheduleRow>, ScheduleCsvError> {
    let err = |line: usize, message: String| ScheduleCsvError {
        line,
        column: None,
        message,
    };
    let cell_err = |line: usize, n: usize, name: &'static str, message: String| ScheduleCsvError {
        line,
        column: Some((n, name)),
        message,
    };
    let mut rows: Vec<ScheduleRow> = Vec::new();
    // For each column of the file, its place in CSV_HEADER.
    let mut columns: Option<Vec<usize>> = None;
    let mut header_line = 1;
    for (k, raw) in text.lines().enumerate() {
        let line = k + 1;
        let trimmed = raw.trim().trim_start_matches('\u{feff}');
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let cells = split_csv(trimmed).map_err(|m| err(line, m))?;
        let Some(columns) = &columns else {
            columns = Some(header_columns(&cells).map_err(|m| err(line, m))?);
            header_line = line;
            continue;
        };
        if cells.len() != columns.len() {
            return Err(err(
                line,
                format!("{} columns, expected {}", cells.len(), columns.len()),
            ));
        }
        // year, then the five amounts, by their place in CSV_HEADER.
        let mut year: Option<i32> = None;
        let mut amounts = [Decimal::ZERO; 5];
        for (at, (cell, &place)) in cells.iter().zip(columns).enumerate() {
            let name = CSV_HEADER[place];
            if place == 0 {
                year = Some(cell.trim().parse().map_err(|_| {
                    cell_err(
                        line,
                        at + 1,
                        name,
                        format!("`{}` is not a year", cell.trim()),
                    )
                })?);
                continue;
            }
            // The planner's rule for a typed amount, so `1,2,3` is refused, not read as $123.
            let amount = if cell.trim().is_empty() {
                Decimal::ZERO
            } else {
                crate::money::parse_amount(cell)
                    .map_err(|e| cell_err(line, at + 1, name, e.to_string()))?
            };
            if let Some(problem) = amount_problem(amount) {
                return Err(cell_err(line, at + 1, name, problem));
            }
            amounts[place - 1] = amount;
        }
        // The header has a year column, so every line of the right width has a year.
        let Some(year) = year else {
            return Err(err(line, "no year".into()));
        };
        let row = ScheduleRow {
            year,
            roth_conversion: amounts[0],
            deferred: amounts[1],
            taxable: amounts[2],
            roth: amounts[3],
            cash: amounts[4],
        };
        if let Some(last) = rows.last()
            && row.year <= last.year
        {
            return Err(err(
                line,
                format!("year {} does not come after {}", row.year, last.year),
            ));
        }
        if !(1900..=2300).contains(&row.year) {
            return Err(err(
                line,
                format!("year {} is not from 1900 to 2300", row.year),
            ));
        }
        // A year the plan does not have would be kept and silently never replayed.
        match years {
            Some((first, _)) if row.year < first => {
                return Err(err(
                    line,
                    format!(
                        "year {} is before the plan's first year ({first})",
                        row.year
                    ),
                ));
            }
            Some((_, last)) if row.year > last => {
                return Err(err(
                    line,
                    format!("year {} is after the plan's last year ({last})", row.year),
                ));
            }
            _ => {}
        }
        rows.push(row);
        if rows.len() > MAX_SCHEDULE_ROWS {
            return Err(err(line, format!("more than {MAX_SCHEDULE_ROWS} years")));
        }
    }
    if columns.is_none() {
        return Err(err(
            1,
            format!(
                "no header line naming the columns ({})",
                CSV_HEADER.join(", ")
            ),
        ));
    }
    if rows.is_empty() {
        // A schedule of no years would replay the fallback order under the schedule's name.
        return Err(err(
            header_line,
            "no years after the header line: nothing to schedule".into(),
        ));
    }
    Ok(rows)
}

/// A schedule written in today's dollars (those of `start`, the plan's first year), as tools
/// that plan in real terms export it, turned into dollars of each year: every amount grown by
/// the plan's `inflation` as the engine grows prices, to the cent. Errors name the year.
pub fn grown_to_year_dollars(
    rows: &[ScheduleRow],
    inflation: Decimal,
    start: i32,
) -> Result<Vec<ScheduleRow>, String> {
    let level = crate::index::compound(inflation, start);
    rows.iter()
        .map(|r| {
            let l = level(r.year);
            let grow = |name: &str, v: Decimal| -> Result<Decimal, String> {
                let grown = v
                    .checked_mul(l)
                    .map(|g| g.round_dp(2))
                    .ok_or_else(|| format!("{}: {name} is too large", r.year))?;
                match amount_problem(grown) {
                    Some(problem) => Err(format!(
                        "{}: {name} in dollars of the year {problem}",
                        r.year
                    )),
                    None => Ok(grown),
                }
            };
            Ok(ScheduleRow {
                year: r.year,
                roth_conversion: grow("roth_conversion", r.roth_conversion)?,
                deferred: grow("deferred", r.deferred)?,
                taxable: grow("taxable", r.taxable)?,
                roth: grow("roth", r.roth)?,
                cash: grow("cash", r.cash)?,
            })
        })
        .collect()
}

/// Each header cell's place in [`CSV_HEADER`]; a name not there, a name twice, or no `year`
/// is an error that says which.
fn header_columns(cells: &[String]) -> Result<Vec<usize>, String> {
    let mut places = Vec::with_capacity(cells.len());
    for cell in cells {
        let name = cell.trim().to_lowercase();
        let Some(place) = CSV_HEADER.iter().position(|h| *h == name) else {
            let separator = if name.contains([';', '\t']) {
                "; columns are separated by commas"
            } else {
                ""
            };
            return Err(format!(
                "unknown column `{}` (the columns are {}; all but year may be left out{separator})",
                cell.trim(),
                CSV_HEADER.join(", ")
            ));
        };
        if places.contains(&place) {
            return Err(format!("column `{name}` appears twice"));
        }
        places.push(place);
    }
    if !places.contains(&0) {
        return Err(format!(
            "no `year` column (the columns are {})",
            CSV_HEADER.join(", ")
        ));
    }
    Ok(places)
}

/// The cells of one CSV line; a quoted cell may hold commas and doubled quotes.
fn split_csv(line: &str) -> Result<Vec<String>, String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            ('"', true) => quoted = false,
            ('"', false) if cell.trim().is_empty() => quoted = true,
            (',', false) => cells.push(std::mem::take(&mut cell)),
            (c, _) => cell.push(c),
        }
    }
    if quoted {
        return Err("a quote is not closed".into());
    }
    cells.push(cell);
    Ok(cells)
}

/// The schedule as a policy.
pub struct Scheduled {
    pub name: String,
    pub rows: Vec<ScheduleRow>,
}

impl Strategy for Scheduled {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn decide(&self, ctx: &YearContext<'_, f64>) -> Decision<f64> {
        let year = ctx.inputs.year;
        let row = self.rows.iter().find(|r| r.year == year);
        let amount = |d: Decimal| f64::from_dec(d).round_cents();
        let planned = row.map(|r| {
            (
                amount(r.roth_conversion),
                amount(r.deferred),
                amount(r.taxable),
                amount(r.roth),
                amount(r.cash),
            )
        });
        let (convert, deferred, taxable, roth, cash) = planned.unwrap_or((0.0, 0.0, 0.0, 0.0, 0.0));
        let mut steps: Vec<Step<f64>> = [
            (Source::Deferred, deferred),
            (Source::Taxable, taxable),
            (Source::Roth, roth),
            (Source::Cash, cash),
        ]
        .iter()
        .filter(|(_, cap)| *cap > 0.0)
        .map(|(source, cap)| Step {
            source: *source,
            cap: Some(*cap),
        })
        .collect();
        steps.extend(FALLBACK.iter().map(|source| Step {
            source: *source,
            cap: None,
        }));
        Decision {
            convert,
            harvest: 0.0,
            fixed_deferred: 0.0,
            funding: Funding::ordered(&steps),
            note: Note::Scheduled {
                listed: row.is_some(),
                planned: deferred + taxable + roth + cash,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn reads_a_schedule_and_names_the_bad_line() {
        let text = "year, roth_conversion, deferred, taxable, roth, cash\n\
                    2026, 196000, 0, 0, 0, 0\n\
                    # the LP's second year\n\
                    2027, \"$201,000\", 0, 1000.50, , 0\n";
        let rows = parse_schedule_csv(text).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].roth_conversion, dec!(201000));
        assert_eq!(rows[1].taxable, dec!(1000.50));
        assert_eq!(rows[1].roth, Decimal::ZERO);

        let e = parse_schedule_csv("year,roth_conversion,deferred,taxable,roth,cash\n2026,1,2,3\n")
            .unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("4 columns"), "{e}");
        let e = parse_schedule_csv(
            "year,roth_conversion,deferred,taxable,roth,cash\n2026,0,0,0,0,0\n\n2026,1,0,0,0,0\n",
        )
        .unwrap_err();
        assert_eq!(e.line, 4);
        assert!(
            e.to_string()
                .starts_with("line 4: year 2026 does not come after 2026")
        );
        let e = parse_schedule_csv("year,conversion\n").unwrap_err();
        assert_eq!(e.line, 1);
        let e =
            parse_schedule_csv("year,roth_conversion,deferred,taxable,roth,cash\n2026,-5,0,0,0,0")
                .unwrap_err();
        assert_eq!(
            e.to_string(),
            "line 2, column 2 (roth_conversion): -$5 is negative"
        );
        let e =
            parse_schedule_csv("year,roth_conversion,deferred,taxable,roth,cash\n2026,abc,0,0,0,0")
                .unwrap_err();
        assert_eq!(
            e.to_string(),
            "line 2, column 2 (roth_conversion): 'abc' is not an amount (try 65000, 65k, 1.25m \
             or 1,250,000)"
        );
    }

    #[test]
    fn what_is_wrong_with_a_schedule_is_said_as_it_is() {
        let header = "year,roth_conversion,deferred,taxable,roth,cash";
        let e = parse_schedule_csv(&format!(
            "{header}\n2026,99999999999999999999999999999999,0,0,0,0"
        ))
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "line 2, column 2 (roth_conversion): 99999999999999999999999999999999 is beyond \
             ±$100 billion, the most this planner accepts"
        );
        let e = parse_schedule_csv(&format!(
            "{header}\n2026,0,-99999999999999999999999999999,0,0,0"
        ))
        .unwrap_err();
        assert!(e.message.contains("beyond ±$100 billion"), "{e}");
        let e = parse_schedule_csv(&format!("{header}\n2026,0,1.2.3,0,0,0")).unwrap_err();
        assert!(e.message.contains("is not an amount"), "{e}");
        let e = parse_schedule_csv(&format!("# exported\n\n{header}\n\n# no rows\n")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "line 3: no years after the header line: nothing to schedule"
        );
        let e = parse_schedule_csv("year;roth_conversion\n2026;5\n").unwrap_err();
        assert!(
            e.message.ends_with("columns are separated by commas)"),
            "{e}"
        );
    }

    #[test]
    fn amounts_are_read_by_the_planner_s_rule() {
        // Commas only between groups of three digits, at most cents, no exponents: what the
        // planner's form refuses, a schedule refuses too, naming the line and the column.
        let header = "year,deferred,roth_conversion";
        for cell in ["\"1,2,3\"", "\"12,34\"", "\"5,00\"", "1e6", "12.345"] {
            let e = parse_schedule_csv(&format!("{header}\n2026,0,0\n2027,0,{cell}\n"))
                .expect_err(cell);
            assert_eq!((e.line, e.column), (3, Some((3, "roth_conversion"))), "{e}");
            assert!(
                e.to_string()
                    .starts_with("line 3, column 3 (roth_conversion): '"),
                "{e}"
            );
        }
        let rows = parse_schedule_csv(&format!("{header}\n2026,0,\"$1,250,000.50\"\n2027,0,65k\n"))
            .unwrap();
        assert_eq!(rows[0].roth_conversion, dec!(1250000.50));
        assert_eq!(rows[1].roth_conversion, dec!(65000));
    }

    #[test]
    fn a_year_outside_the_plan_is_refused_naming_its_line() {
        let text = "year,roth_conversion\n2026,5\n\n2090,5\n";
        assert_eq!(parse_schedule_csv(text).unwrap().len(), 2);
        let e = parse_schedule_csv_for(text, 2026, 2056).unwrap_err();
        assert_eq!(
            e.to_string(),
            "line 4: year 2090 is after the plan's last year (2056)"
        );
        let e = parse_schedule_csv_for(text, 2027, 2100).unwrap_err();
        assert_eq!(
            e.to_string(),
            "line 2: year 2026 is before the plan's first year (2027)"
        );
        assert!(parse_schedule_csv_for(text, 2026, 2090).is_ok());
    }
}
