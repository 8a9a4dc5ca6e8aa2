//! The market-risk table: every strategy's success rate, terminal wealth percentiles, median
//! lifetime tax and chance of an IRMAA surcharge over many return paths.

use super::table::{Cell, Table};
use crate::money::format_dollars;
use crate::plan::Plan;
use crate::sim::{SimResult, StrategyRisk};
use crate::strategy::{POLICY_LABEL, unique_names};
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;

fn money(x: f64) -> Cell {
    let text = match Decimal::from_f64(x.round()) {
        Some(d) => format_dollars(d),
        None => format!("${x:.3e}"),
    };
    Cell::number(text, x.round())
}

fn share(x: f64) -> Cell {
    Cell::number(
        format!("{:.1}%", x * 100.0),
        (x * 10_000.0).round() / 10_000.0,
    )
}

#[derive(Clone, Copy)]
enum Better {
    Lower,
    Higher,
}

/// One row: a label, a value per strategy, the best marked when the strategies differ (as shown).
fn row(
    label: &str,
    risks: &[StrategyRisk],
    value: fn(&StrategyRisk) -> f64,
    cell: fn(f64) -> Cell,
    better: Better,
) -> Vec<Cell> {
    let cells: Vec<Cell> = risks.iter().map(|r| cell(value(r))).collect();
    let shown: Vec<f64> = risks.iter().map(value).collect();
    let pick = shown.iter().copied().reduce(|a, b| match better {
        Better::Lower => a.min(b),
        Better::Higher => a.max(b),
    });
    let best_text = pick.map(cell).map(|c| c.text);
    let differ = cells.iter().any(|c| Some(&c.text) != best_text.as_ref());
    let mut out = vec![Cell::text(label)];
    for mut c in cells {
        c.best = differ && Some(&c.text) == best_text.as_ref();
        out.push(c);
    }
    out
}

/// The columns of the plan's optimized strategies (by their unique names), which run on each
/// path as a policy rather than as the schedule found for the plan's own path.
pub fn policy_names(plan: &Plan) -> Vec<String> {
    plan.strategies
        .iter()
        .zip(unique_names(&plan.strategies))
        .filter(|(s, _)| s.is_optimized())
        .map(|(_, name)| name)
        .collect()
}

/// What the optimized strategy is on a path, for a table's note.
pub fn policy_note(plan: &Plan, r: &SimResult) -> Option<String> {
    let policies = policy_names(plan);
    let shown: Vec<&str> = r
        .strategies
        .iter()
        .filter(|s| policies.contains(&s.strategy))
        .map(|s| s.strategy.as_str())
        .collect();
    let name = shown.first()?;
    Some(format!(
        "{name} runs on each path as a policy: each year's ordinary taxable income fills to the \
         same place in that year's brackets as the optimized schedule reached (thresholds move \
         with the path's inflation), converting in the schedule's conversion years, never more \
         than the accounts hold; the rest of the need comes in the schedule's order."
    ))
}

/// Strategies as columns; rows: success rate, terminal wealth p10 / median / p90, median
/// lifetime tax, chance of an IRMAA surcharge. Amounts in the plan's first-year dollars.
pub fn risk_table(plan: &Plan, r: &SimResult) -> Table {
    let mut headers = vec![String::new()];
    let policies = policy_names(plan);
    headers.extend(r.strategies.iter().map(|s| {
        if policies.contains(&s.strategy) {
            format!("{} ({POLICY_LABEL})", s.strategy)
        } else {
            s.strategy.clone()
        }
    }));
    let s = &r.strategies;
    use Better::*;
    let mut rows = vec![
        row("Success rate", s, |x| x.success_rate, share, Higher),
        row(
            "Terminal wealth, 10th pct",
            s,
            |x| x.terminal_p10,
            money,
            Higher,
        ),
        row(
            "Terminal wealth, median",
            s,
            |x| x.terminal_median,
            money,
            Higher,
        ),
        row(
            "Terminal wealth, 90th pct",
            s,
            |x| x.terminal_p90,
            money,
            Higher,
        ),
        row(
            "Median lifetime tax",
            s,
            |x| x.median_lifetime_tax,
            money,
            Lower,
        ),
        row(
            "Chance of IRMAA surcharge",
            s,
            |x| x.irmaa_probability,
            share,
            Lower,
        ),
    ];
    if plan.spending.guardrails.is_some() {
        rows.push(row(
            "Chance of a spending cut",
            s,
            |x| x.cut_probability,
            share,
            Lower,
        ));
    }
    let paths = if r.paths == 1 {
        "1 path".to_string()
    } else {
        format!("{} paths", r.paths)
    };
    let sampled = !r.lifetimes.is_planning();
    let seeded = sampled || matches!(r.mode.as_str(), "bootstrap" | "Monte Carlo");
    let lifetimes = if sampled { ", sampled lifetimes" } else { "" };
    let policy = policy_note(plan, r)
        .map(|n| format!(" {n}"))
        .unwrap_or_default();
    let table = Table {
        title: format!(
            "{}: market risk, {} returns{lifetimes}, {paths}{}",
            plan.name,
            r.mode,
            if seeded {
                format!(", seed {}", r.seed)
            } else {
                String::new()
            }
        ),
        note: if sampled {
            format!(
                "Each path draws each person's year of death from the SSA life table (at the \
                 latest the year of their planning age). Success: the spending is met in every \
                 year someone is alive. Terminal wealth is what heirs keep after tax at the last \
                 death, in {} dollars (deflated by each path's own prices); lifetime tax is \
                 federal + state + IRMAA in the same dollars, over the years lived.",
                r.start_year
            )
        } else {
            format!(
                "Success: the spending is met in every year through {}. Terminal wealth is what \
                 heirs keep after tax, in {} dollars (deflated by each path's own prices); \
                 lifetime tax is federal + state + IRMAA in the same dollars.",
                r.start_year + r.years as i32 - 1,
                r.start_year
            )
        },
        headers,
        rows,
    };
    Table {
        note: format!("{}{policy}", table.note),
        ..table
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::demo_plan;
    use crate::report::Format;
    use crate::sim::Band;

    fn sample() -> SimResult {
        let risk = |name: &str, success: f64, tax: f64| StrategyRisk {
            strategy: name.into(),
            success_rate: success,
            terminal_p10: 100_000.0,
            terminal_median: 1_234_567.4,
            terminal_p90: 3e6,
            median_lifetime_tax: tax,
            irmaa_probability: 0.25,
            cut_probability: 0.0,
            bands: vec![Band::default()],
        };
        SimResult {
            lifetimes: crate::plan::Lifetimes::PlanningAges,
            mode: "Monte Carlo".into(),
            paths: 100,
            total: 100,
            seed: 7,
            start_year: 2026,
            years: 30,
            strategies: vec![risk("A", 0.95, 500_000.0), risk("B", 0.9, 400_000.0)],
        }
    }

    #[test]
    fn rows_mark_the_best_only_where_strategies_differ() {
        let t = risk_table(&demo_plan(), &sample());
        assert_eq!(t.headers, ["", "A", "B"]);
        assert_eq!(t.rows[0][1].text, "95.0%");
        assert!(t.rows[0][1].best && !t.rows[0][2].best);
        assert_eq!(t.rows[2][1].text, "$1,234,567");
        assert!(!t.rows[2][1].best, "equal medians are not marked");
        assert!(t.rows[4][2].best, "lower tax is better");
        assert!(t.title.contains("seed 7"), "{}", t.title);
        let csv = t.render(Format::Csv);
        assert!(csv.contains("Success rate,0.95,0.9"), "{csv}");
    }
}
