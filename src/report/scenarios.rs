//! The household's scenarios side by side: each one's recommended strategy and its key outcomes,
//! with the change against the base.

use super::compare::{Metric, MetricKind, metrics};
use super::recommend::recommended;
use super::table::{Cell, Table};
use crate::compare::{Comparison, compare_all};
use crate::engine::Outcome;
use crate::money::format_dollars;
use crate::optimize::{Budget, OptimizeError};
use crate::plan::{Plan, ScenarioError};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::sync::atomic::AtomicBool;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum ScenariosError {
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    #[error("scenario \"{scenario}\": {error}")]
    Compare {
        scenario: String,
        error: OptimizeError,
    },
    #[error("{0}: compares no strategy, so has no best one")]
    NoStrategy(String),
}

/// One column: the base or a scenario, its comparison and its recommended strategy.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioColumn {
    /// "Base", or the scenario's name.
    pub name: String,
    /// What the scenario changes, as `path = value` lines (none for the base).
    pub changes: Vec<String>,
    pub plan: Plan,
    pub comparison: Comparison,
    /// The recommended strategy's column in `comparison`.
    pub best: usize,
}

impl ScenarioColumn {
    pub fn outcome(&self) -> &Outcome {
        &self.comparison.outcomes[self.best]
    }
}

/// The name the base household goes by beside its scenarios.
pub const BASE: &str = crate::plan::BASE_NAME;

/// The base and every scenario, each compared in full (optimized strategies searched within
/// `budget`), base first.
pub fn scenario_columns(
    plan: &Plan,
    budget: &Budget,
    cancel: &AtomicBool,
) -> Result<Vec<ScenarioColumn>, ScenariosError> {
    columns(plan, |p| compare_all(p, budget, cancel).map(|(c, _)| c))
}

/// The base and every scenario compared on the plan's named strategies only (the optimized
/// searches left out): milliseconds, for the planner's side-by-side view.
pub fn quick_columns(plan: &Plan) -> Result<Vec<ScenarioColumn>, ScenariosError> {
    columns(plan, |p| {
        crate::compare::compare_with(p, &[]).map_err(OptimizeError::from)
    })
}

/// The base and then each scenario, each household compared by `compare` and its recommended
/// strategy found.
fn columns(
    plan: &Plan,
    compare: impl Fn(&Plan) -> Result<Comparison, OptimizeError>,
) -> Result<Vec<ScenarioColumn>, ScenariosError> {
    let mut out = Vec::with_capacity(plan.scenarios.len() + 1);
    for i in 0..=plan.scenarios.len() {
        let (name, changes, p) = if i == 0 {
            (BASE.to_string(), Vec::new(), plan.base())
        } else {
            let s = &plan.scenarios[i - 1];
            (
                s.name.clone(),
                change_lines(plan, i - 1),
                plan.with_scenario(i - 1)?,
            )
        };
        let comparison = compare(&p).map_err(|error| ScenariosError::Compare {
            scenario: name.clone(),
            error,
        })?;
        let best = recommended(&comparison)
            .ok_or_else(|| ScenariosError::NoStrategy(name.clone()))?
            .index;
        out.push(ScenarioColumn {
            name,
            changes,
            plan: p,
            comparison,
            best,
        });
    }
    Ok(out)
}

/// What scenario `index` changes: `income.social_security[0].claim_age = 70`.
pub fn change_lines(plan: &Plan, index: usize) -> Vec<String> {
    plan.scenarios
        .get(index)
        .map(|s| {
            s.set
                .iter()
                .map(|(k, v)| format!("{k} = {}", v.text()))
                .collect()
        })
        .unwrap_or_default()
}

/// The rows the side-by-side view shows, one value per column. `money` formats amounts.
pub fn scenario_metrics(
    columns: &[ScenarioColumn],
    money: &dyn Fn(Decimal) -> String,
) -> Vec<Metric> {
    let outcomes: Vec<Outcome> = columns.iter().map(|c| c.outcome().clone()).collect();
    metrics(&outcomes, money)
        .into_iter()
        // The bracket histogram does not compare across households in one cell.
        .filter(|m| m.kind != MetricKind::Text)
        .collect()
}

/// Every scenario beside the base: the best strategy and key outcomes, and after each
/// scenario's column its change against the base (amounts in each plan's first-year dollars).
pub fn scenarios_table(plan: &Plan, columns: &[ScenarioColumn]) -> Table {
    let mut headers = vec![String::new()];
    for (i, c) in columns.iter().enumerate() {
        headers.push(c.name.clone());
        if i > 0 {
            headers.push(crate::plan::change_column(&c.name));
        }
    }
    let mut rows = Vec::new();
    let mut best = vec![Cell::text("Best strategy")];
    for (i, c) in columns.iter().enumerate() {
        best.push(Cell::text(c.outcome().strategy.clone()));
        if i > 0 {
            let same = c.outcome().strategy == columns[0].outcome().strategy;
            best.push(Cell::text(if same { "same" } else { "changed" }));
        }
    }
    rows.push(best);
    for m in scenario_metrics(columns, &format_dollars) {
        let mut row = vec![Cell::text(m.label.clone())];
        let top = m.best();
        for (i, text) in m.texts.iter().enumerate() {
            let mut cell = Cell::number(text.clone(), m.values[i].to_f64().unwrap_or(0.0));
            cell.best = top[i];
            row.push(cell);
            if i > 0 {
                let d = m.values[i] - m.values[0];
                row.push(match m.delta(m.values[0], m.values[i]) {
                    Some((t, _)) => Cell::number(t, d.to_f64().unwrap_or(0.0)),
                    None => Cell::number("–", 0.0),
                });
            }
        }
        rows.push(row);
    }
    let changes: Vec<String> = columns
        .iter()
        .skip(1)
        .map(|c| {
            let what = if c.changes.is_empty() {
                "no changes".to_string()
            } else {
                c.changes.join(", ")
            };
            format!("{}: {what}", c.name)
        })
        .collect();
    let mut note = String::from(
        "each household's recommended strategy; amounts in first-year dollars; Δ against the base",
    );
    if columns.len() < 2 {
        note.push_str(
            "\nthe plan has no scenarios: add them in the planner (v) or in the file's `scenarios`",
        );
    }
    for line in changes {
        note.push('\n');
        note.push_str(&line);
    }
    Table {
        title: format!("{}: scenarios compared", plan.name),
        note,
        headers,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Override, Scenario, demo_plan};

    #[test]
    fn a_scenario_column_differs_from_the_base_by_its_change_alone() {
        let mut plan = demo_plan();
        // The searches are slow in a debug build and beside the point here.
        plan.strategies.retain(|s| !s.is_optimized());
        plan.scenarios.clear();
        let mut s = Scenario::named("Spend less");
        s.set
            .insert("spending.annual".into(), Override::parse("80000").unwrap());
        plan.scenarios.push(s);
        let cols = scenario_columns(&plan, &Budget::default(), &AtomicBool::new(false)).unwrap();
        assert_eq!(cols.len(), 2);
        assert_eq!(cols[1].changes, ["spending.annual = 80000"]);
        assert_eq!(cols[0].plan, plan.base());
        let t = scenarios_table(&plan, &cols);
        assert_eq!(t.headers, ["", "Base", "Spend less", "Δ Spend less"]);
        let estate = t
            .rows
            .iter()
            .find(|r| r[0].text == "After-tax estate at end")
            .unwrap();
        // Spending less leaves a larger estate, and the delta column says by how much.
        assert!(estate[3].text.starts_with('+'), "{:?}", estate);
        let (base, less) = (cols[0].outcome().estate_real, cols[1].outcome().estate_real);
        assert!(less > base);
        assert_eq!(estate[3].text, format!("+{}", format_dollars(less - base)));
    }
}
