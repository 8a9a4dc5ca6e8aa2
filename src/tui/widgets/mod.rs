//! Widgets that draw plain data: they know nothing of plans or the engine.
//!
//! - [`IncomeStackChart`]: income sources stacked per year above a zero line, taxes below.
//! - [`TaxBars`]: federal, state and IRMAA per year with bracket and IRMAA-tier markers.
//! - [`ComparisonTable`]: metrics by strategy, best per row marked, selected strategy highlighted.
//!
//! Horizontal layouts depend only on the area, the number of columns, the cursor and the theme,
//! so [`column_at`] and [`strategy_at`] map a mouse click back to a year or a strategy.

mod axis;
mod bars;
mod chart;
mod columns;
mod compare_table;
mod curve_chart;
mod fan_chart;
mod legend;
mod stack_chart;
mod tax_bars;
mod text;

#[cfg(test)]
mod testutil;

pub(crate) use chart::Boxed;
pub use chart::{column_at, years_window};
pub use compare_table::{
    ComparisonTable, Delta, MetricCell, MetricRow, preferred_height, strategy_at,
};
pub use curve_chart::{CurveChart, CurveStretch};
pub use fan_chart::{FanChart, FanColumn};
pub use stack_chart::{IncomeStackChart, StackColumn, nice_step};
pub use tax_bars::{TaxBars, TaxColumn};
pub(crate) use text::{cells as text_width, put_lines};
