//! Headless renderings of results: aligned text, CSV, Markdown and JSON.

pub mod actions;
pub mod claiming;
mod compare;
pub mod curve;
pub mod explain;
pub mod handout;
mod optimized;
pub mod recommend;
mod risk;
pub mod scenarios;
pub mod shown;
pub mod study;
pub mod survivor;
mod table;
pub mod tax_csv;
pub mod why;

pub use actions::{Actions, actions, actions_for_years, actions_table};
pub use claiming::{claiming_csv, claiming_json, claiming_summary, claiming_table};
pub use compare::{
    Better, Metric, MetricKind, brackets_text, comparison_metrics, comparison_table, find_strategy,
    lasting_text, ledger_table, life_metrics, metrics, survivor_metrics,
};
pub use curve::{CURVE_MAX, CurvePoint, marginal_curve, year_curve};
pub use explain::explain;
pub use optimized::wins_row;
pub use recommend::{Recommendation, conventional, recommended};
pub use risk::{policy_names, policy_note, risk_table};
pub use scenarios::{ScenarioColumn, scenario_columns, scenarios_table};
pub use shown::Shown;
pub use table::{Cell, Format, Table};
pub use why::{Why, explained_ledger, why, why_projection, year_inputs};
