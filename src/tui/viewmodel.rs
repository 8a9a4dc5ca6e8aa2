//! Plain data for the widgets, derived from the app: the chart's stacks, the tax bars, the
//! comparison rows with their changes against the pinned baseline, and how amounts and names
//! read (rounded and hidden in privacy mode).

use super::app::App;
use super::widgets::{Delta, MetricCell, MetricRow, StackColumn, TaxColumn};
use crate::engine::{Projection, YearRow};
use crate::money::{format_compact, format_dollars, format_rate, format_thousands};
use crate::report::metrics;
use rust_decimal::Decimal;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};

/// How amounts read: exact dollars, or rounded to $k in privacy mode.
pub fn money(app: &App, d: Decimal) -> String {
    if app.privacy {
        format_thousands(d)
    } else {
        format_dollars(d)
    }
}

/// Short amounts for chart axes.
pub fn money_short(app: &App, x: f64) -> String {
    let d = Decimal::from_f64(x).unwrap_or_default();
    if app.privacy {
        format_thousands(d)
    } else {
        format_compact(d)
    }
}

/// A person's name, or "Person n" in privacy mode.
pub fn person(app: &App, i: usize) -> String {
    if app.privacy {
        format!("Person {}", i + 1)
    } else {
        app.plan
            .people
            .get(i)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| format!("Person {}", i + 1))
    }
}

/// The plan's name, hidden in privacy mode.
pub fn plan_name(app: &App) -> String {
    if app.privacy {
        "Plan".to_string()
    } else {
        app.plan.name.clone()
    }
}

/// The projection being charted.
pub fn projection(app: &App) -> Option<&Projection<Decimal>> {
    app.comparison.as_ref()?.projections.get(app.strategy)
}

pub fn strategy_names(app: &App) -> Vec<String> {
    app.comparison
        .as_ref()
        .map(|c| c.outcomes.iter().map(|o| o.strategy.clone()).collect())
        .unwrap_or_default()
}

fn real(r: &YearRow<Decimal>, v: Decimal) -> f64 {
    v.checked_div(r.price_level)
        .and_then(|x| x.to_f64())
        .unwrap_or(0.0)
}

/// One stacked column per year, in today's dollars.
pub fn stack_columns(p: &Projection<Decimal>) -> Vec<StackColumn> {
    p.rows
        .iter()
        .map(|r| StackColumn {
            label: r.year.to_string(),
            sources: [
                real(r, r.social_security),
                real(r, r.pensions + r.wages + r.other_income),
                real(r, r.dividends + r.interest),
                real(r, r.taxable_sale + r.cash_draw),
                real(r, r.rmd),
                real(r, r.deferred_draw),
                real(r, r.roth_draw),
                real(r, r.conversion),
            ],
            taxes: [
                real(r, r.federal_tax),
                real(r, r.state_tax),
                real(r, r.irmaa),
            ],
            shortfall: real(r, r.shortfall),
        })
        .collect()
}

/// One tax column per year, in today's dollars, marking years that enter a higher bracket or
/// IRMAA tier than the year before.
pub fn tax_columns(p: &Projection<Decimal>) -> Vec<TaxColumn> {
    let mut out = Vec::with_capacity(p.rows.len());
    let mut previous: Option<(u8, u8)> = None;
    for r in &p.rows {
        let bracket = if r.tax.bracket == 0 {
            "0%".to_string()
        } else {
            format_rate(r.tax.bracket_rate)
        };
        let (up, tier_up) = match previous {
            Some((b, t)) => (r.tax.bracket > b, r.irmaa_tier > t),
            None => (false, false),
        };
        previous = Some((r.tax.bracket, r.irmaa_tier));
        out.push(TaxColumn {
            label: r.year.to_string(),
            federal: real(r, r.federal_tax),
            state: real(r, r.state_tax),
            irmaa: real(r, r.irmaa),
            bracket,
            bracket_up: up,
            irmaa_tier_up: tier_up,
        });
    }
    out
}

/// The comparison's rows, with the change against the baseline for each strategy the baseline
/// also compared.
pub fn metric_rows(app: &App) -> Vec<MetricRow> {
    let Some(c) = &app.comparison else {
        return Vec::new();
    };
    let format = |d: Decimal| money(app, d);
    let now = metrics(&c.outcomes, &format);
    let before = app
        .baseline
        .as_ref()
        .map(|b| (metrics(&b.comparison.outcomes, &format), &b.comparison));
    now.iter()
        .enumerate()
        .map(|(m_i, m)| {
            let best = m.best();
            let cells = m
                .texts
                .iter()
                .enumerate()
                .map(|(i, text)| {
                    let delta = before.as_ref().and_then(|(bm, bc)| {
                        let name = &c.outcomes[i].strategy;
                        let j = bc.outcomes.iter().position(|o| &o.strategy == name)?;
                        let old = bm.get(m_i).filter(|x| x.label == m.label)?.values.get(j)?;
                        let (text, better) = m.delta(*old, m.values[i])?;
                        Some(Delta { text, better })
                    });
                    MetricCell {
                        text: text.clone(),
                        best: best[i],
                        delta,
                    }
                })
                .collect();
            MetricRow {
                label: m.label.clone(),
                cells,
            }
        })
        .chain(wins_row(app))
        .chain(risk_rows(app))
        .collect()
}

/// How much each optimized column beats the best named strategy by.
fn wins_row(app: &App) -> Option<MetricRow> {
    let c = app.comparison.as_ref()?;
    let found = &app.background.optimized;
    let mut any = false;
    let cells = c
        .specs
        .iter()
        .map(|spec| {
            let text = match spec {
                crate::strategy::StrategySpec::Optimized { objective } => found
                    .iter()
                    .find(|o| o.objective == *objective)
                    .map(|o| o.wins_by()),
                _ => None,
            };
            any |= text.is_some();
            MetricCell {
                text: text.unwrap_or_default(),
                best: false,
                delta: None,
            }
        })
        .collect();
    any.then(|| MetricRow {
        label: "Optimized wins by".into(),
        cells,
    })
}

/// Rows from the market simulation: success rate, terminal wealth and tax across paths, the
/// chance of an IRMAA surcharge. Strategies the simulation does not cover show a dash.
fn risk_rows(app: &App) -> Vec<MetricRow> {
    let (Some(c), Some(risk)) = (&app.comparison, &app.background.risk) else {
        return Vec::new();
    };
    let pct = |x: f64| format!("{:.1}%", x * 100.0);
    let amount = |x: f64| money(app, Decimal::from_f64(x).unwrap_or_default());
    type Pick = fn(&crate::sim::StrategyRisk) -> f64;
    let rows: [(String, Pick, bool, bool); 6] = [
        (
            format!("Money lasts ({} paths)", risk.paths),
            |s| s.success_rate,
            true,
            true,
        ),
        ("Wealth at end, p10".into(), |s| s.terminal_p10, true, false),
        (
            "Wealth at end, median".into(),
            |s| s.terminal_median,
            true,
            false,
        ),
        ("Wealth at end, p90".into(), |s| s.terminal_p90, true, false),
        (
            "Median lifetime tax".into(),
            |s| s.median_lifetime_tax,
            false,
            false,
        ),
        (
            "Chance of IRMAA".into(),
            |s| s.irmaa_probability,
            false,
            true,
        ),
    ];
    rows.into_iter()
        .map(|(label, pick, higher_is_better, percent)| {
            let values: Vec<Option<f64>> = c
                .outcomes
                .iter()
                .map(|o| {
                    risk.strategies
                        .iter()
                        .find(|s| s.strategy == o.strategy)
                        .map(pick)
                })
                .collect();
            let present: Vec<f64> = values.iter().flatten().copied().collect();
            let best = if higher_is_better {
                present.iter().copied().fold(f64::NEG_INFINITY, f64::max)
            } else {
                present.iter().copied().fold(f64::INFINITY, f64::min)
            };
            let differ = present.iter().any(|v| (v - best).abs() > 1e-9);
            let cells = values
                .iter()
                .map(|v| match v {
                    Some(v) => MetricCell {
                        text: if percent { pct(*v) } else { amount(*v) },
                        best: differ && (v - best).abs() <= 1e-9,
                        delta: None,
                    },
                    None => MetricCell {
                        text: "—".into(),
                        best: false,
                        delta: None,
                    },
                })
                .collect();
            MetricRow { label, cells }
        })
        .collect()
}
