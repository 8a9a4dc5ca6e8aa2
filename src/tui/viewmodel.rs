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
        .collect()
}
