//! US market history, year by year: the embedded `assets/returns/us-annual.csv` (stocks, bonds,
//! bills and CPI inflation from 1928; its comment lines name the source and the provisional
//! rows).

use super::error::SimError;
use std::sync::OnceLock;

/// The embedded table, as shipped.
pub const US_ANNUAL_CSV: &str = include_str!("../../assets/returns/us-annual.csv");

/// One calendar year of nominal total returns and inflation, as decimals (0.1 = 10%).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HistoryYear {
    pub year: i32,
    /// S&P 500 with dividends reinvested.
    pub stocks: f64,
    /// 10-year Treasury bond total return.
    pub bonds: f64,
    /// 3-month Treasury bills: what cash accounts earn.
    pub bills: f64,
    /// CPI-U December over December.
    pub cpi: f64,
}

/// Every year of the table, oldest first. Parsed once; the table is part of the program, so a
/// failure here is a build defect that the tests catch, reported rather than panicking.
pub fn history() -> Result<&'static [HistoryYear], SimError> {
    static PARSED: OnceLock<Result<Vec<HistoryYear>, String>> = OnceLock::new();
    match PARSED.get_or_init(|| parse(US_ANNUAL_CSV)) {
        Ok(years) => Ok(years),
        Err(e) => Err(SimError::History(e.clone())),
    }
}

/// A user's returns file (`assumptions.simulation.returns_file`), read and checked as [`parse`]
/// checks; messages name the line.
pub fn load_returns(path: &str) -> Result<Vec<HistoryYear>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read it: {e}"))?;
    parse(&text)
}

/// Reads a table: `#` comment lines, a header `year,stocks,bonds,cash,inflation` (the shipped
/// table names the last two `bills,cpi`), then one row per consecutive year, as decimals.
pub fn parse(text: &str) -> Result<Vec<HistoryYear>, String> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    match lines.next() {
        Some((_, header))
            if matches!(
                header.replace(' ', "").trim(),
                "year,stocks,bonds,bills,cpi" | "year,stocks,bonds,cash,inflation"
            ) => {}
        Some((n, _)) => {
            return Err(format!(
                "line {}: the header must be year,stocks,bonds,cash,inflation",
                n + 1
            ));
        }
        None => return Err("no header: expected year,stocks,bonds,cash,inflation".into()),
    }
    let mut years: Vec<HistoryYear> = Vec::with_capacity(128);
    for (n, line) in lines {
        let at = n + 1;
        let fields: Vec<&str> = line.trim().split(',').map(str::trim).collect();
        if fields.len() != 5 {
            return Err(format!("line {at}: expected 5 fields"));
        }
        let year: i32 = fields[0]
            .parse()
            .map_err(|_| format!("line {at}: bad year {}", fields[0]))?;
        let mut v = [0.0f64; 4];
        for (i, (slot, text)) in v.iter_mut().zip(&fields[1..]).enumerate() {
            let x: f64 = text
                .parse()
                .map_err(|_| format!("line {at}: bad number {text}"))?;
            // Guards the simulation: a year cannot lose everything or grow tenfold, and prices
            // neither halve nor double in a year (as the Monte Carlo draws are kept).
            let (low, high) = if i == 3 { (-0.5, 1.0) } else { (-0.95, 10.0) };
            if !(low..=high).contains(&x) {
                return Err(format!(
                    "line {at}: {} {x} is outside {low} to {high} (decimals: 0.05 is 5%)",
                    ["stocks", "bonds", "cash", "inflation"][i]
                ));
            }
            *slot = x;
        }
        if let Some(last) = years.last()
            && last.year + 1 != year
        {
            return Err(format!("line {at}: {year} does not follow {}", last.year));
        }
        years.push(HistoryYear {
            year,
            stocks: v[0],
            bonds: v[1],
            bills: v[2],
            cpi: v[3],
        });
    }
    if years.is_empty() {
        return Err("no years".into());
    }
    Ok(years)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_year_from_1928_through_2025_is_there() {
        let h = history().unwrap();
        assert_eq!(h.len(), 98);
        assert_eq!(h[0].year, 1928);
        assert_eq!(h[h.len() - 1].year, 2025);
    }

    #[test]
    fn famous_years_match_the_source() {
        let h = history().unwrap();
        let year = |y: i32| h.iter().find(|r| r.year == y).copied().unwrap();
        let y1931 = year(1931);
        assert_eq!(
            (y1931.stocks, y1931.bonds, y1931.bills, y1931.cpi),
            (-0.4384, -0.0256, 0.0231, -0.0932)
        );
        let y2008 = year(2008);
        assert_eq!(
            (y2008.stocks, y2008.bonds, y2008.bills, y2008.cpi),
            (-0.3655, 0.2010, 0.0140, 0.0009)
        );
    }

    #[test]
    fn the_source_and_the_provisional_row_are_noted() {
        let comments: Vec<&str> = US_ANNUAL_CSV
            .lines()
            .filter(|l| l.starts_with('#'))
            .collect();
        assert!(comments.iter().any(|l| l.contains("Damodaran")));
        assert!(
            comments
                .iter()
                .any(|l| l.contains("provisional") && l.contains("2025")),
            "the 2025 row must be marked provisional"
        );
    }

    #[test]
    fn broken_tables_are_errors() {
        assert!(parse("").is_err());
        assert!(parse("year,stocks,bonds,bills,cpi\n1928,0.1,0.1,0.1\n").is_err());
        assert!(parse("year,stocks,bonds,bills,cpi\n1928,0.1,0.1,0.1,x\n").is_err());
        assert!(
            parse("year,stocks,bonds,bills,cpi\n1928,0.1,0.1,0.1,0\n1930,0.1,0.1,0.1,0\n").is_err()
        );
        assert!(parse("year,stocks,bonds,bills,cpi\n1928,-2,0.1,0.1,0\n").is_err());
    }
}
