//! The flat-rate withdrawal-order study's four tables, regenerated: for each scenario (the
//! example plans E1–E4 as templates), each spending rate (3.0% to 5.5% of the initial
//! portfolio) and each stock/bond mix (20/80, 50/50, 80/20), the share of historical paths on
//! which the money lasts 30 years under each of the scenario's two withdrawal orders.
//!
//! The study's own figures are not shipped (drawdown's reference material holds one cell of
//! them); a user who has the paper passes its grid as a CSV and gets the differences.

use super::table::{Cell, Format, Table};
use crate::plan::{Account, PathMode, Plan, PlanError, WithdrawalTiming, example_plan};
use crate::sim::{SimError, simulate_strategies};
use crate::strategy::{OrderStep, Source, StrategySpec, build};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::{Map, Value, json};
use std::sync::atomic::AtomicBool;
use thiserror::Error;

/// The study's spending rates, as shares of the initial portfolio.
pub const RATES: [Decimal; 6] = [
    dec!(0.030),
    dec!(0.035),
    dec!(0.040),
    dec!(0.045),
    dec!(0.050),
    dec!(0.055),
];
/// The study's stock shares.
pub const STOCKS: [Decimal; 3] = [dec!(0.2), dec!(0.5), dec!(0.8)];

#[derive(Debug, Error)]
pub enum StudyError {
    #[error("scenario {0} is not one of the study's (1 to 4)")]
    Scenario(u8),
    #[error(transparent)]
    Plan(#[from] PlanError),
    #[error(transparent)]
    Sim(#[from] SimError),
    #[error("the paper's grid, line {line}: {message}")]
    Paper { line: usize, message: String },
}

/// Which history the grid runs on and when the draws come out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StudyOptions {
    pub from: Option<i32>,
    pub to: Option<i32>,
    pub timing: WithdrawalTiming,
}

/// One cell of a scenario's table: success rates (0 to 1) of the two orders.
#[derive(Debug, Clone, PartialEq)]
pub struct StudyCell {
    pub scenario: u8,
    pub stocks: Decimal,
    pub rate: Decimal,
    pub first: f64,
    pub second: f64,
}

/// A cell of the paper's grid, in percent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PaperCell {
    pub scenario: u8,
    pub stocks: Decimal,
    pub rate: Decimal,
    pub first: f64,
    pub second: f64,
}

/// The two orders a scenario compares, first the one the study favours in its summary.
pub fn orders(scenario: u8) -> Result<[(String, StrategySpec); 2], StudyError> {
    let step = |source| OrderStep { source, cap: None };
    Ok(match scenario {
        1 => [
            ("taxable first".into(), StrategySpec::Conventional),
            ("tax-deferred first".into(), StrategySpec::DeferredFirst),
        ],
        2 => [
            ("taxable first".into(), StrategySpec::Conventional),
            (
                "Roth first".into(),
                StrategySpec::CustomOrder {
                    steps: vec![step(Source::Roth), step(Source::Taxable)],
                },
            ),
        ],
        3 | 4 => [
            ("tax-deferred first".into(), StrategySpec::DeferredFirst),
            ("Roth first".into(), StrategySpec::RothBeforeDeferred),
        ],
        s => return Err(StudyError::Scenario(s)),
    })
}

/// The scenario's plan for one cell: its example with every account at `stocks` and spending
/// `rate` of the initial portfolio, on historical paths.
pub fn cell_plan(
    scenario: u8,
    stocks: Decimal,
    rate: Decimal,
    options: &StudyOptions,
) -> Result<Plan, StudyError> {
    let name = format!("E{scenario}.ron");
    let mut plan = example_plan(&name).ok_or(StudyError::Scenario(scenario))??;
    let mut total = Decimal::ZERO;
    for a in &mut plan.accounts {
        match a {
            Account::Taxable {
                stock_share,
                balance,
                ..
            }
            | Account::Deferred {
                stock_share,
                balance,
                ..
            }
            | Account::Roth {
                stock_share,
                balance,
                ..
            }
            | Account::Hsa {
                stock_share,
                balance,
                ..
            } => {
                *stock_share = stocks;
                total += *balance;
            }
            Account::Cash { balance, .. } => total += *balance,
        }
    }
    plan.spending.annual = (total * rate).round_dp(2);
    let sim = &mut plan.assumptions.simulation;
    sim.mode = PathMode::Historical;
    sim.from = options.from;
    sim.to = options.to;
    plan.assumptions.withdrawals = options.timing;
    plan.strategies = orders(scenario)?.map(|o| o.1).to_vec();
    Ok(plan)
}

/// Every cell of a scenario's table, spending rates down, stock shares across.
pub fn scenario_grid(scenario: u8, options: &StudyOptions) -> Result<Vec<StudyCell>, StudyError> {
    let strategies = orders(scenario)?.map(|o| build(&o.1));
    let mut cells = Vec::with_capacity(RATES.len() * STOCKS.len());
    for rate in RATES {
        for stocks in STOCKS {
            let plan = cell_plan(scenario, stocks, rate, options)?;
            let r = simulate_strategies(
                &plan,
                &plan.assumptions.simulation,
                &strategies,
                crate::sim::default_threads(),
                &AtomicBool::new(false),
                |_| {},
            )?;
            cells.push(StudyCell {
                scenario,
                stocks,
                rate,
                first: r.strategies[0].success_rate,
                second: r.strategies[1].success_rate,
            });
        }
    }
    Ok(cells)
}

/// Reads the paper's grid: a header `scenario,stocks,spending,first,second`, then one row per
/// cell (stocks and spending as decimals, the success rates in percent).
pub fn parse_paper(text: &str) -> Result<Vec<PaperCell>, StudyError> {
    let err = |line: usize, message: String| StudyError::Paper { line, message };
    let mut rows = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    match rows.next() {
        Some((_, h)) if h.replace(' ', "") == "scenario,stocks,spending,first,second" => {}
        Some((n, _)) => {
            return Err(err(
                n + 1,
                "the header must be scenario,stocks,spending,first,second".into(),
            ));
        }
        None => return Err(err(1, "no header".into())),
    }
    let mut out = Vec::new();
    for (n, l) in rows {
        let f: Vec<&str> = l.split(',').map(str::trim).collect();
        if f.len() != 5 {
            return Err(err(n + 1, "expected 5 fields".into()));
        }
        let scenario: u8 = f[0]
            .parse()
            .ok()
            .filter(|s| (1..=4).contains(s))
            .ok_or_else(|| err(n + 1, format!("scenario {} is not 1 to 4", f[0])))?;
        let dec = |s: &str, what: &str| -> Result<Decimal, StudyError> {
            s.parse::<Decimal>()
                .map_err(|_| err(n + 1, format!("bad {what} {s}")))
        };
        let pct = |s: &str, what: &str| -> Result<f64, StudyError> {
            s.parse::<f64>()
                .ok()
                .filter(|x| (0.0..=100.0).contains(x))
                .ok_or_else(|| err(n + 1, format!("{what} {s} is not a percentage 0 to 100")))
        };
        out.push(PaperCell {
            scenario,
            stocks: dec(f[1], "stocks")?,
            rate: dec(f[2], "spending")?,
            first: pct(f[3], "first")?,
            second: pct(f[4], "second")?,
        });
    }
    Ok(out)
}

/// How drawdown's grid compares with the paper's over the cells both have.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Agreement {
    pub cells: usize,
    /// Mean absolute difference of the success rates, in percentage points.
    pub mean_abs_difference: f64,
    /// Cells where the paper's two orders differ, and where drawdown picks the same winner.
    pub decided: usize,
    pub same_winner: usize,
}

pub fn agreement(ours: &[StudyCell], paper: &[PaperCell]) -> Agreement {
    let mut a = Agreement::default();
    let mut sum = 0.0;
    for c in ours {
        let Some(p) = paper.iter().find(|p| same_cell(c, p)) else {
            continue;
        };
        a.cells += 1;
        sum += (c.first * 100.0 - p.first).abs() + (c.second * 100.0 - p.second).abs();
        if p.first != p.second {
            a.decided += 1;
            let ours = (c.first - c.second).signum();
            if ours == (p.first - p.second).signum() {
                a.same_winner += 1;
            }
        }
    }
    if a.cells > 0 {
        a.mean_abs_difference = sum / (2 * a.cells) as f64;
    }
    a
}

fn same_cell(c: &StudyCell, p: &PaperCell) -> bool {
    c.scenario == p.scenario && c.stocks == p.stocks && c.rate == p.rate
}

/// One scenario's table: a row per spending rate, and per stock share the two orders' success
/// rates (with the paper's and the difference when the paper's grid is given).
pub fn study_table(
    scenario: u8,
    cells: &[StudyCell],
    paper: &[PaperCell],
) -> Result<Table, StudyError> {
    grid_table(scenario, cells, paper, Headers::Short)
}

/// How the paper's columns are headed: "paper" and "diff" under each order for people, or each
/// named after its order for JSON, whose keys must differ (six "paper" keys would leave one).
#[derive(Clone, Copy, PartialEq)]
enum Headers {
    Short,
    Keyed,
}

fn grid_table(
    scenario: u8,
    cells: &[StudyCell],
    paper: &[PaperCell],
    headers: Headers,
) -> Result<Table, StudyError> {
    let [(first, _), (second, _)] = orders(scenario)?;
    let mut header = vec!["Spending".to_string()];
    let with_paper = paper.iter().any(|p| p.scenario == scenario);
    for stocks in STOCKS {
        let mix = mix(stocks);
        for order in [&first, &second] {
            let column = format!("{mix} {order}");
            if with_paper {
                let (p, d) = match headers {
                    Headers::Short => ("paper".to_string(), "diff".to_string()),
                    Headers::Keyed => (format!("{column}, paper"), format!("{column}, difference")),
                };
                header.extend([column, p, d]);
            } else {
                header.push(column);
            }
        }
    }
    let mut rows = Vec::new();
    for rate in RATES {
        let mut row = vec![Cell::text(format!("{}%", (rate * dec!(100)).normalize()))];
        for stocks in STOCKS {
            for k in 0..2 {
                let (ours, theirs) = figures(scenario, stocks, rate, k, cells, paper);
                row.push(match ours {
                    Some(x) => Cell::number(format!("{x:.1}%"), x),
                    None => Cell::blank(),
                });
                if with_paper {
                    row.push(match theirs {
                        Some(x) => Cell::number(format!("{x:.0}%"), x),
                        None => Cell::blank(),
                    });
                    row.push(match (ours, theirs) {
                        (Some(a), Some(b)) => Cell::number(format!("{:+.1}", a - b), a - b),
                        _ => Cell::blank(),
                    });
                }
            }
        }
        rows.push(row);
    }
    Ok(Table {
        title: format!("Scenario {scenario}: {first} against {second}"),
        note: NOTE.into(),
        headers: header,
        rows,
    })
}

const NOTE: &str = "Share of historical paths on which the money lasts 30 years.";

/// One cell's success rate under order `k` (0 the first, 1 the second), drawdown's and the
/// paper's, in percent; `None` where a grid has no such cell.
fn figures(
    scenario: u8,
    stocks: Decimal,
    rate: Decimal,
    k: usize,
    cells: &[StudyCell],
    paper: &[PaperCell],
) -> (Option<f64>, Option<f64>) {
    let ours = cells
        .iter()
        .find(|c| c.scenario == scenario && c.stocks == stocks && c.rate == rate)
        .map(|c| if k == 0 { c.first } else { c.second } * 100.0);
    let theirs = paper
        .iter()
        .find(|p| p.scenario == scenario && p.stocks == stocks && p.rate == rate)
        .map(|p| if k == 0 { p.first } else { p.second });
    (ours, theirs)
}

impl Agreement {
    /// The summary line printed under the tables.
    pub fn sentence(&self) -> String {
        format!(
            "Against the paper: {} cells, mean |difference| {:.1} points; the same winner in {} \
             of the {} cells where the paper's orders differ.",
            self.cells, self.mean_abs_difference, self.same_winner, self.decided
        )
    }
}

/// Every scenario's table as one JSON document: `scenarios`, one object per scenario (its
/// number, title, note and rows, each row keyed by column), and with the paper's grid
/// `against_paper`, the summary the text prints under the tables.
pub fn study_json(
    scenarios: &[u8],
    cells: &[StudyCell],
    paper: &[PaperCell],
) -> Result<String, StudyError> {
    let mut tables = Vec::with_capacity(scenarios.len());
    for &s in scenarios {
        let mut t = grid_table(s, cells, paper, Headers::Keyed)?.json_value();
        if let Value::Object(m) = &mut t {
            m.insert("scenario".into(), Value::from(s));
        }
        tables.push(t);
    }
    let mut top = Map::new();
    top.insert("scenarios".into(), Value::Array(tables));
    if !paper.is_empty() {
        let a = agreement(cells, paper);
        top.insert(
            "against_paper".into(),
            json!({
                "cells": a.cells,
                "mean_abs_difference": a.mean_abs_difference,
                "decided": a.decided,
                "same_winner": a.same_winner,
            }),
        );
    }
    Ok(serde_json::to_string_pretty(&Value::Object(top)).unwrap_or_default() + "\n")
}

/// Every scenario's cells as one CSV table in long form, a line per scenario, mix, order and
/// spending rate: `scenario,allocation,order,spending,drawdown,paper,difference` (spending as a
/// decimal as the paper's grid gives it, success rates in percent; the paper's columns empty
/// where its grid has no such cell, or none was given).
pub fn study_csv(
    scenarios: &[u8],
    cells: &[StudyCell],
    paper: &[PaperCell],
) -> Result<String, StudyError> {
    let headers = [
        "scenario",
        "allocation",
        "order",
        "spending",
        "drawdown",
        "paper",
        "difference",
    ];
    let number = |x: Option<f64>| match x {
        Some(x) => Cell::number(x.to_string(), x),
        None => Cell::blank(),
    };
    let mut rows = Vec::new();
    for &s in scenarios {
        let names = orders(s)?.map(|o| o.0);
        for stocks in STOCKS {
            for (k, order) in names.iter().enumerate() {
                for rate in RATES {
                    let (ours, theirs) = figures(s, stocks, rate, k, cells, paper);
                    rows.push(vec![
                        Cell::text(s.to_string()),
                        Cell::text(mix(stocks)),
                        Cell::text(order.clone()),
                        Cell::text(rate.normalize().to_string()),
                        number(ours),
                        number(theirs),
                        number(ours.zip(theirs).map(|(a, b)| a - b)),
                    ]);
                }
            }
        }
    }
    let table = Table {
        headers: headers.map(String::from).to_vec(),
        rows,
        ..Table::default()
    };
    Ok(table.render(Format::Csv))
}

/// "50/50": the stock share and the bond share, in percent.
fn mix(stocks: Decimal) -> String {
    format!("{}/{}", pct0(stocks), pct0(Decimal::ONE - stocks))
}

fn pct0(x: Decimal) -> String {
    (x * dec!(100)).normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every cell of `scenarios` with made-up rates (no simulation: the documents' shape is the
    /// point), and the paper's figure for one cell of scenario 1.
    fn grids(scenarios: &[u8]) -> (Vec<StudyCell>, Vec<PaperCell>) {
        let mut cells = Vec::new();
        for &scenario in scenarios {
            for rate in RATES {
                for stocks in STOCKS {
                    cells.push(StudyCell {
                        scenario,
                        stocks,
                        rate,
                        first: 0.816,
                        second: 0.786,
                    });
                }
            }
        }
        let paper = vec![PaperCell {
            scenario: 1,
            stocks: dec!(0.5),
            rate: dec!(0.035),
            first: 90.0,
            second: 82.0,
        }];
        (cells, paper)
    }

    #[test]
    fn json_is_one_document_with_the_paper_beside_each_figure() {
        let (cells, paper) = grids(&[1, 2, 3, 4]);
        let text = study_json(&[1, 2, 3, 4], &cells, &paper).unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        let scenarios = v["scenarios"].as_array().unwrap();
        assert_eq!(scenarios.len(), 4);
        assert_eq!(scenarios[2]["scenario"], 3);
        let row = &scenarios[0]["rows"][1];
        assert_eq!(row["Spending"], "3.5%");
        // Each order's figure, the paper's and the difference under keys of their own.
        let ours = row["50/50 taxable first"].as_f64().unwrap();
        assert!((ours - 81.6).abs() < 1e-9, "{row}");
        assert_eq!(row["50/50 taxable first, paper"], 90.0);
        assert_eq!(row["50/50 tax-deferred first, paper"], 82.0);
        let d = row["50/50 tax-deferred first, difference"]
            .as_f64()
            .unwrap();
        assert!((d - (78.6 - 82.0)).abs() < 1e-9, "{row}");
        // 3 mixes × 2 orders × (ours, paper, difference), and the spending rate.
        assert_eq!(row.as_object().unwrap().len(), 19, "{row}");
        // A cell the paper's grid lacks is null, not a blank string.
        assert!(row["20/80 taxable first, paper"].is_null(), "{row}");
        assert_eq!(v["against_paper"]["cells"], 1);
        assert_eq!(v["against_paper"]["same_winner"], 1);
        // Without the paper's grid: no paper columns and no summary.
        let v: Value = serde_json::from_str(&study_json(&[1], &cells, &[]).unwrap()).unwrap();
        assert!(v.get("against_paper").is_none());
        assert_eq!(v["scenarios"][0]["rows"][0].as_object().unwrap().len(), 7);
    }

    #[test]
    fn csv_is_one_table_in_long_form() {
        let (cells, paper) = grids(&[1, 2, 3, 4]);
        let text = study_csv(&[1, 2, 3, 4], &cells, &paper).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "scenario,allocation,order,spending,drawdown,paper,difference"
        );
        // 4 scenarios × 3 mixes × 2 orders × 6 rates, every line as wide as the header.
        assert_eq!(lines.len(), 1 + 144);
        assert!(lines.iter().all(|l| l.split(',').count() == 7), "{text}");
        let cell = lines
            .iter()
            .find(|l| l.starts_with("1,50/50,tax-deferred first,0.035,"))
            .unwrap();
        assert!(cell.contains(",82,"), "{cell}");
        let last: Vec<&str> = lines[144].split(',').collect();
        assert_eq!(last[..4], ["4", "80/20", "Roth first", "0.055"]);
        assert_eq!(last[5..], ["", ""], "no paper figure for scenario 4");
        assert!(!text.contains("Against the paper"));
    }
}
