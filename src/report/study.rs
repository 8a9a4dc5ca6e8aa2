//! The flat-rate withdrawal-order study's four tables, regenerated: for each scenario (the
//! example plans E1–E4 as templates), each spending rate (3.0% to 5.5% of the initial
//! portfolio) and each stock/bond mix (20/80, 50/50, 80/20), the share of historical paths on
//! which the money lasts 30 years under each of the scenario's two withdrawal orders.
//!
//! The study's own figures are not shipped (drawdown's reference material holds one cell of
//! them); a user who has the paper passes its grid as a CSV and gets the differences.

use super::table::{Cell, Table};
use crate::plan::{Account, PathMode, Plan, PlanError, WithdrawalTiming, example_plan};
use crate::sim::{SimError, simulate_strategies};
use crate::strategy::{OrderStep, Source, StrategySpec, build};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
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
    let [(first, _), (second, _)] = orders(scenario)?;
    let mut header = vec!["Spending".to_string()];
    let with_paper = paper.iter().any(|p| p.scenario == scenario);
    for stocks in STOCKS {
        let mix = format!("{}/{}", pct0(stocks), pct0(Decimal::ONE - stocks));
        for order in [&first, &second] {
            header.push(format!("{mix} {order}"));
            if with_paper {
                header.push("paper".into());
                header.push("diff".into());
            }
        }
    }
    let mut rows = Vec::new();
    for rate in RATES {
        let mut row = vec![Cell::text(format!("{}%", (rate * dec!(100)).normalize()))];
        for stocks in STOCKS {
            let c = cells
                .iter()
                .find(|c| c.rate == rate && c.stocks == stocks && c.scenario == scenario);
            let p = paper
                .iter()
                .find(|p| p.scenario == scenario && p.rate == rate && p.stocks == stocks);
            for k in 0..2 {
                let ours = c.map(|c| if k == 0 { c.first } else { c.second } * 100.0);
                row.push(match ours {
                    Some(x) => Cell::number(format!("{x:.1}%"), x),
                    None => Cell::text(""),
                });
                if with_paper {
                    let theirs = p.map(|p| if k == 0 { p.first } else { p.second });
                    row.push(match theirs {
                        Some(x) => Cell::number(format!("{x:.0}%"), x),
                        None => Cell::text(""),
                    });
                    row.push(match (ours, theirs) {
                        (Some(a), Some(b)) => Cell::number(format!("{:+.1}", a - b), a - b),
                        _ => Cell::text(""),
                    });
                }
            }
        }
        rows.push(row);
    }
    Ok(Table {
        title: format!("Scenario {scenario}: {first} against {second}"),
        note: "Share of historical paths on which the money lasts 30 years.".into(),
        headers: header,
        rows,
    })
}

fn pct0(x: Decimal) -> String {
    (x * dec!(100)).normalize().to_string()
}
