//! Headless renderings of results: aligned text, CSV, Markdown and JSON.

mod compare;
pub mod curve;
pub mod explain;
mod optimized;
mod risk;
mod table;
pub mod tax_csv;
pub mod why;

pub use compare::{
    Better, Metric, MetricKind, brackets_text, comparison_table, find_strategy, lasting_text,
    ledger_table, metrics,
};
pub use curve::{CURVE_MAX, CurvePoint, marginal_curve, year_curve};
pub use explain::explain;
pub use optimized::wins_row;
pub use risk::risk_table;
pub use table::{Cell, Format, Table};
pub use why::{Why, explained_ledger, why, why_projection, year_inputs};
