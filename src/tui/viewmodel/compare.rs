//! The comparison's rows: every metric per strategy, the best marked, and each value's change
//! against the pinned baseline, the market-risk rows included.

use super::format::{money, money_compact};
use crate::compare::Comparison;
use crate::money::shown_gap;
use crate::optimize::Optimized;
use crate::report::{MetricKind, comparison_metrics};
use crate::sim::{SimResult, StrategyRisk};
use crate::tui::app::App;
use crate::tui::widgets::{Delta, MetricCell, MetricRow};
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;

/// The comparison's rows, with the change against the baseline for each strategy the baseline
/// also compared.
pub fn metric_rows(app: &App) -> Vec<MetricRow> {
    let Some(c) = &app.comparison else {
        return Vec::new();
    };
    let format = |d: Decimal| money(app, d);
    // The fixed-age rows, then those weighted by the life table (a baseline from before the
    // weighted rows has none: its deltas are left out, the labels no longer matching).
    let rows = |o: &[crate::engine::Outcome]| comparison_metrics(o, &format);
    let now = rows(&c.outcomes);
    let before = app
        .baseline
        .as_ref()
        .map(|b| (rows(&b.comparison.outcomes), &b.comparison));
    let comparable = c.comparable();
    // The spending first: a column searched for the most spending is read by it.
    let spending = spending_row(app);
    let metrics = now
        .into_iter()
        .enumerate()
        .map(|(m_i, mut m)| {
            let best = m.best_among(&comparable);
            let cells = std::mem::take(&mut m.texts)
                .into_iter()
                .enumerate()
                .map(|(i, text)| {
                    let delta = before.as_ref().and_then(|(bm, bc)| {
                        let name = &c.outcomes[i].strategy;
                        let j = bc.outcomes.iter().position(|o| &o.strategy == name)?;
                        let old = bm.get(m_i).filter(|x| x.label == m.label)?.values.get(j)?;
                        let (text, better) = m.delta(*old, m.values[i])?;
                        Some(Delta {
                            text: if app.privacy {
                                super::format::round_amounts(&text)
                            } else {
                                text
                            },
                            better,
                            short: (m.kind == MetricKind::Money)
                                .then(|| change_compact(app, shown_gap(m.values[i], *old))),
                        })
                    });
                    MetricCell {
                        text,
                        best: best[i],
                        delta,
                        short: (m.kind == MetricKind::Money)
                            .then(|| money_compact(app, m.values[i])),
                    }
                })
                .collect();
            MetricRow {
                label: m.label,
                cells,
            }
        })
        .chain(wins_row(app))
        .chain(risk_rows(app));
    spending.into_iter().chain(metrics).collect()
}

/// What each column spends a year, in today's dollars, when a column searches for the highest
/// spending: that search's answer is its figure, and without this row it showed nowhere but in
/// the year inspector. The others spend the plan's need. No star: more spending is that
/// column's objective, not a better result of the same plan.
fn spending_row(app: &App) -> Option<MetricRow> {
    let c = app.comparison.as_ref()?;
    let found = &app.background.optimized;
    let mut any = false;
    let cells = c
        .specs
        .iter()
        .map(|spec| {
            let amount = match spec.objective() {
                Some(crate::strategy::Objective::Spending { .. }) => {
                    let o = Optimized::answer_for(found, spec)?;
                    any = true;
                    o.value
                }
                _ => app.plan.spending.annual,
            };
            Some(MetricCell {
                text: money(app, amount),
                best: false,
                delta: None,
                short: Some(money_compact(app, amount)),
            })
        })
        .collect::<Option<Vec<_>>>()?;
    any.then(|| MetricRow {
        label: "Spending a year".into(),
        cells,
    })
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
            let answer = Optimized::answer_for(found, spec);
            any |= answer.is_some();
            let shown = |t: String| {
                if app.privacy {
                    super::format::round_amounts(&t)
                } else {
                    t
                }
            };
            MetricCell {
                text: answer
                    .map(Optimized::wins_by)
                    .map(shown)
                    .unwrap_or_default(),
                best: false,
                delta: None,
                short: answer.map(Optimized::wins_by_short).map(shown),
            }
        })
        .collect();
    any.then(|| MetricRow {
        label: "Optimized wins by".into(),
        cells,
    })
}

type Pick = fn(&StrategyRisk) -> f64;

/// A market-risk row: its label, the figure, whether higher is better, whether a share.
/// With spending guardrails, also the chance of a cut.
fn risk_metrics(risk: &SimResult, guardrails: bool) -> Vec<(String, Pick, bool, bool)> {
    let mut rows: Vec<(String, Pick, bool, bool)> = vec![
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
    if guardrails {
        rows.push((
            "Chance of a spending cut".into(),
            |s| s.cut_probability,
            false,
            true,
        ));
    }
    rows
}

fn risk_of<'a>(risk: &'a SimResult, strategy: &str) -> Option<&'a StrategyRisk> {
    risk.strategies.iter().find(|s| s.strategy == strategy)
}

/// Rows from the market simulation: success rate, terminal wealth and tax across paths, the
/// chance of an IRMAA surcharge, with changes against the baseline's own simulation. Strategies
/// the simulation does not cover show a dash.
fn risk_rows(app: &App) -> Vec<MetricRow> {
    let (Some(c), Some(risk)) = (&app.comparison, &app.background.risk) else {
        return Vec::new();
    };
    let pct = |x: f64| format!("{:.1}%", x * 100.0);
    let dollars = |x: f64| Decimal::from_f64(x).unwrap_or_default();
    let amount = |x: f64| money(app, dollars(x));
    let short = |x: f64| money_compact(app, dollars(x));
    let baseline = app.baseline.as_ref().and_then(|b| b.risk.as_ref());
    risk_metrics(risk, app.plan.spending.guardrails.is_some())
        .into_iter()
        .map(|(label, pick, higher_is_better, percent)| {
            let values: Vec<Option<f64>> = c
                .outcomes
                .iter()
                .map(|o| risk_of(risk, &o.strategy).map(pick))
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
                .zip(&c.outcomes)
                .map(|(v, o)| match v {
                    Some(v) => MetricCell {
                        text: if percent { pct(*v) } else { amount(*v) },
                        short: (!percent).then(|| short(*v)),
                        best: differ && (v - best).abs() <= 1e-9,
                        delta: baseline
                            .and_then(|b| risk_of(b, &o.strategy))
                            .and_then(|b| risk_delta(app, pick(b), *v, higher_is_better, percent)),
                    },
                    None => MetricCell {
                        text: "—".into(),
                        best: false,
                        delta: None,
                        short: None,
                    },
                })
                .collect();
            MetricRow { label, cells }
        })
        .collect()
}

/// A market-risk figure's change: percentage points for shares, dollars for amounts; none when
/// it did not move by what the cell shows (a tenth of a point, a dollar).
fn risk_delta(
    app: &App,
    before: f64,
    after: f64,
    higher_is_better: bool,
    percent: bool,
) -> Option<Delta> {
    let d = after - before;
    let sign = if d > 0.0 { "+" } else { "−" };
    let text = if percent {
        let points = (d * 1000.0).round() / 10.0;
        if points == 0.0 {
            return None;
        }
        format!("{sign}{:.1} pts", points.abs())
    } else {
        let dollars = Decimal::from_f64(d.abs().round()).unwrap_or_default();
        if dollars.is_zero() {
            return None;
        }
        format!("{sign}{}", money(app, dollars).trim_start_matches('-'))
    };
    Some(Delta {
        text,
        better: Some((d > 0.0) == higher_is_better),
        short: (!percent).then(|| change_compact(app, Decimal::from_f64(d).unwrap_or_default())),
    })
}

/// A change of money in fewer cells, signed as the deltas are: `+$1.25m`, `−$23.83b`.
fn change_compact(app: &App, d: Decimal) -> String {
    let sign = if d > Decimal::ZERO { "+" } else { "−" };
    format!("{sign}{}", money_compact(app, d.abs()))
}

/// The strategy names, as the columns are headed.
pub fn headers(c: Option<&Comparison>) -> Vec<String> {
    c.map(|c| c.outcomes.iter().map(|o| o.strategy.clone()).collect())
        .unwrap_or_default()
}
