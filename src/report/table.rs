//! A small table that renders as aligned text, CSV, Markdown or JSON.

use serde_json::{Map, Value};
use std::fmt::Write as _;
use std::str::FromStr;

/// Output formats of the headless commands. A clap value enum so that `--help` lists the
/// formats (a plain parser showed only the default); the aliases are those `from_str` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Aligned text for a terminal.
    #[default]
    #[value(alias = "text")]
    Table,
    /// Comma-separated values, one table.
    Csv,
    /// A Markdown table.
    #[value(alias = "markdown")]
    Md,
    /// One JSON document.
    Json,
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        match s.to_ascii_lowercase().as_str() {
            "table" | "text" => Ok(Format::Table),
            "csv" => Ok(Format::Csv),
            "md" | "markdown" => Ok(Format::Md),
            "json" => Ok(Format::Json),
            other => Err(format!("'{other}' is not table, csv, md or json")),
        }
    }
}

/// One cell: the text people read and the value machines read.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub value: Value,
    /// The best value of its row.
    pub best: bool,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        let text = text.into();
        Cell {
            value: Value::String(text.clone()),
            text,
            best: false,
        }
    }

    /// A cell with nothing in it: blank in text, empty in CSV, null in JSON.
    pub fn blank() -> Cell {
        Cell {
            text: String::new(),
            value: Value::Null,
            best: false,
        }
    }

    pub fn number(text: impl Into<String>, value: f64) -> Cell {
        Cell {
            text: text.into(),
            value: json_number(value),
            best: false,
        }
    }
}

/// A figure as CSV and JSON write it: a whole number without a decimal point (the year 2026,
/// not 2026.0), no negative zero, and to 14 significant digits, which keeps the cent of any
/// amount the planner accepts and drops binary noise (78.60000000000001 → 78.6).
fn json_number(value: f64) -> Value {
    if !value.is_finite() {
        return Value::Null;
    }
    let value = format!("{value:.13e}").parse::<f64>().unwrap_or(value) + 0.0;
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        return Value::Number((value as i64).into());
    }
    serde_json::Number::from_f64(value)
        .map(Value::Number)
        .unwrap_or(Value::Null)
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub title: String,
    pub note: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Table => self.text(),
            Format::Csv => self.csv(),
            Format::Md => self.markdown(),
            Format::Json => self.json(),
        }
    }

    fn shown(cell: &Cell, mark: bool) -> String {
        if mark && cell.best {
            format!("{} *", cell.text)
        } else {
            cell.text.clone()
        }
    }

    fn text(&self) -> String {
        let cols = self.headers.len();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (i, c) in row.iter().enumerate().take(cols) {
                widths[i] = widths[i].max(Self::shown(c, true).chars().count());
            }
        }
        let mut out = String::new();
        if !self.title.is_empty() {
            let _ = writeln!(out, "{}", self.title);
        }
        if !self.note.is_empty() {
            let _ = writeln!(out, "{}", self.note);
        }
        if !self.title.is_empty() || !self.note.is_empty() {
            out.push('\n');
        }
        let line = |cells: Vec<String>| -> String {
            let mut s = String::new();
            for (i, c) in cells.iter().enumerate() {
                let w = widths[i];
                if i == 0 {
                    let _ = write!(s, "{c:<w$}");
                } else {
                    let _ = write!(s, "  {c:>w$}");
                }
            }
            s.trim_end().to_string()
        };
        let _ = writeln!(out, "{}", line(self.headers.clone()));
        let total: usize = widths.iter().sum::<usize>() + 2 * cols.saturating_sub(1);
        let _ = writeln!(out, "{}", "─".repeat(total));
        for row in &self.rows {
            let _ = writeln!(
                out,
                "{}",
                line(row.iter().map(|c| Self::shown(c, true)).collect())
            );
        }
        if self.rows.iter().flatten().any(|c| c.best) {
            let _ = writeln!(out, "\n* best in its row");
        }
        out
    }

    fn csv(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record(&self.headers);
        for row in &self.rows {
            let _ = w.write_record(row.iter().map(|c| match &c.value {
                Value::Number(n) => n.to_string(),
                _ => c.text.clone(),
            }));
        }
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    }

    fn markdown(&self) -> String {
        let mut out = String::new();
        if !self.title.is_empty() {
            let _ = writeln!(out, "## {}\n", self.title);
        }
        if !self.note.is_empty() {
            let _ = writeln!(out, "{}\n", self.note);
        }
        let esc = |s: &str| s.replace('|', "\\|");
        let _ = writeln!(
            out,
            "| {} |",
            self.headers
                .iter()
                .map(|h| esc(h))
                .collect::<Vec<_>>()
                .join(" | ")
        );
        let _ = writeln!(
            out,
            "|{}",
            self.headers
                .iter()
                .enumerate()
                .map(|(i, _)| if i == 0 { "---|" } else { "---:|" })
                .collect::<String>()
        );
        for row in &self.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|c| {
                    let t = esc(&c.text);
                    if c.best { format!("**{t}**") } else { t }
                })
                .collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        out
    }

    fn json(&self) -> String {
        serde_json::to_string_pretty(&self.json_value()).unwrap_or_default() + "\n"
    }

    /// The JSON document as a value, for documents that hold several tables. Each row is keyed
    /// by its columns' headers and nothing else: a header can be any name (a strategy labelled
    /// "best"), so the best marks go beside the rows, in `best`, one list of headers per row.
    pub fn json_value(&self) -> Value {
        let rows: Vec<Value> = self
            .rows
            .iter()
            .map(|row| {
                let mut m = Map::new();
                for (h, c) in self.headers.iter().zip(row) {
                    m.insert(h.clone(), c.value.clone());
                }
                Value::Object(m)
            })
            .collect();
        let best: Vec<Value> = self
            .rows
            .iter()
            .map(|row| {
                let marked = self
                    .headers
                    .iter()
                    .zip(row)
                    .filter(|(_, c)| c.best)
                    .map(|(h, _)| Value::String(h.clone()));
                Value::Array(marked.collect())
            })
            .collect();
        let mut top = Map::new();
        top.insert("title".into(), Value::String(self.title.clone()));
        if !self.note.is_empty() {
            top.insert("note".into(), Value::String(self.note.clone()));
        }
        top.insert("rows".into(), Value::Array(rows));
        if self.rows.iter().flatten().any(|c| c.best) {
            top.insert("best".into(), Value::Array(best));
        }
        Value::Object(top)
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn figures_are_written_as_read() {
        let csv = |v: f64| {
            let t = Table {
                headers: vec!["x".into()],
                rows: vec![vec![Cell::number("", v)]],
                ..Table::default()
            };
            t.render(Format::Csv)
                .lines()
                .nth(1)
                .unwrap_or_default()
                .to_string()
        };
        assert_eq!(csv(2026.0), "2026");
        assert_eq!(csv(-0.0), "0");
        assert_eq!(csv(78.60000000000001), "78.6");
        assert_eq!(csv(2227548.54), "2227548.54");
        assert_eq!(csv(99_999_999_999.99), "99999999999.99");
        assert_eq!(csv(-1234.5), "-1234.5");
        assert_eq!(json_number(f64::NAN), Value::Null);
    }
    use super::*;

    fn sample() -> Table {
        let mut best = Cell::number("$1,000", 1000.0);
        best.best = true;
        Table {
            title: "T".into(),
            note: String::new(),
            headers: vec!["Row".into(), "A".into(), "B".into()],
            rows: vec![vec![
                Cell::text("tax"),
                best,
                Cell::number("$2,000", 2000.0),
            ]],
        }
    }

    #[test]
    fn renders_every_format() {
        let t = sample();
        assert!(t.render(Format::Table).contains("$1,000 *"));
        assert_eq!(t.render(Format::Csv), "Row,A,B\ntax,1000,2000\n");
        assert!(
            t.render(Format::Md)
                .contains("| tax | **$1,000** | $2,000 |")
        );
        let json: Value = serde_json::from_str(&t.render(Format::Json)).unwrap();
        assert_eq!(json["rows"][0]["A"], 1000.0);
        assert_eq!(json["best"][0][0], "A");
    }

    /// A strategy labelled "best" kept its column: the row's best marks took its key.
    #[test]
    fn a_column_named_best_keeps_its_value_in_json() {
        let mut t = sample();
        t.headers[2] = "best".into();
        let json: Value = serde_json::from_str(&t.render(Format::Json)).unwrap();
        assert_eq!(json["rows"][0]["best"], 2000.0);
        assert_eq!(json["rows"][0]["A"], 1000.0);
        assert_eq!(json["best"], serde_json::json!([["A"]]));
    }

    #[test]
    fn formats_parse_by_name() {
        assert_eq!("MD".parse::<Format>(), Ok(Format::Md));
        assert!("xml".parse::<Format>().is_err());
    }
}
