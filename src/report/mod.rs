//! Headless renderings of results: aligned text, CSV, Markdown and JSON.

mod compare;
pub mod explain;
mod risk;
mod table;
pub mod tax_csv;

pub use compare::{
    Better, Metric, MetricKind, brackets_text, comparison_table, find_strategy, lasting_text,
    ledger_table, metrics,
};
pub use explain::explain;
pub use risk::risk_table;
pub use table::{Cell, Format, Table};
