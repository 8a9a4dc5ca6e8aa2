//! What the screen shows, as plain data for the widgets, computed when its inputs change (the
//! plan, its results, the year, the strategy, privacy, the baseline) and never while drawing.
//!
//! - `compare.rs`: the comparison's rows with baseline changes; `headline.rs`: its one line
//! - `chart.rs`: income and tax columns; `inspector.rs`: the year inspector
//! - `form.rs`: the form's rows as shown; `format.rs`: amounts and names, privacy included

mod chart;
mod compare;
mod form;
mod format;
mod headline;
mod inspector;

pub use chart::{stack_columns, tax_columns};
pub use compare::metric_rows;
pub use form::FormRow;
pub use format::{money, money_short, person, plan_name, round_amounts};
pub use inspector::{Inspector, InspectorLine};

use super::app::{App, Overlay};
use super::widgets::{FanColumn, MetricRow, StackColumn, TaxColumn};

/// Everything the view model is computed from: when none of it moved, it is not rebuilt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ViewKey {
    plan: u64,
    results: u64,
    background: u64,
    year: usize,
    strategy: usize,
    privacy: bool,
    baseline: bool,
    pane: usize,
    curve: bool,
    inspector: bool,
}

impl ViewKey {
    pub fn of(app: &App) -> ViewKey {
        ViewKey {
            plan: app.plan_rev,
            results: app.results_rev,
            background: app.background.rev,
            year: app.year,
            strategy: app.strategy,
            privacy: app.privacy,
            baseline: app.baseline.is_some(),
            pane: app.pane.index(),
            curve: app.curve,
            inspector: matches!(app.overlay, Some(Overlay::Inspector)),
        }
    }
}

/// The wealth fan of the charted strategy.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fan {
    pub columns: Vec<FanColumn>,
    pub title: String,
    pub note: String,
}

#[derive(Debug, Clone, Default)]
pub struct ViewModel {
    /// Strategy names, as the comparison's columns are headed.
    pub headers: Vec<String>,
    pub metric_rows: Vec<MetricRow>,
    pub headline: Option<String>,
    /// The charted strategy's name and columns.
    pub strategy: String,
    pub stack: Vec<StackColumn>,
    pub taxes: Vec<TaxColumn>,
    /// The wealth fan, when the simulation has figures for the charted strategy.
    pub fan: Option<Fan>,
    pub inspector: Inspector,
    pub form: Vec<FormRow>,
    /// Things about the plan worth knowing that are not errors.
    pub warnings: Vec<String>,
}

impl ViewModel {
    pub fn build(app: &App) -> ViewModel {
        let c = app.comparison.as_ref();
        let p = c.and_then(|c| c.projections.get(app.strategy));
        ViewModel {
            headers: compare::headers(c),
            metric_rows: metric_rows(app),
            headline: c.and_then(|c| headline::headline(app, c)),
            strategy: p.map(|p| p.strategy.clone()).unwrap_or_default(),
            stack: p.map(stack_columns).unwrap_or_default(),
            taxes: p.map(tax_columns).unwrap_or_default(),
            fan: p.and_then(|p| fan(app, &p.strategy)),
            inspector: if matches!(app.overlay, Some(Overlay::Inspector)) {
                inspector::inspector(app)
            } else {
                Inspector::default()
            },
            form: form::form_rows(app),
            warnings: warnings(app),
        }
    }

    /// Lines of the inspector in one column, for scrolling.
    pub fn inspector_len(&self) -> usize {
        self.inspector.lines().len()
    }
}

impl App {
    /// Rebuilds the view model when what it shows changed; returns whether it did.
    pub fn refresh_view(&mut self) -> bool {
        let key = ViewKey::of(self);
        if self.view_key == Some(key) {
            return false;
        }
        self.view = ViewModel::build(self);
        self.view_key = Some(key);
        self.compare.scroll = self
            .compare
            .scroll
            .min(self.view.metric_rows.len().saturating_sub(1));
        true
    }
}

fn fan(app: &App, strategy: &str) -> Option<Fan> {
    let bg = &app.background;
    let result = bg.risk.as_ref()?;
    let s = result.strategies.iter().find(|s| s.strategy == strategy)?;
    let columns = s
        .bands
        .iter()
        .map(|b| FanColumn {
            label: b.year.to_string(),
            p10: b.p10,
            p25: b.p25,
            p50: b.p50,
            p75: b.p75,
            p90: b.p90,
        })
        .collect();
    let progress = match bg.progress {
        Some((done, total)) if total > 0 => format!(" · {done}/{total} paths so far"),
        _ => String::new(),
    };
    let stale = if bg.stale { " · updating" } else { "" };
    Some(Fan {
        columns,
        title: format!(
            " After-tax wealth, today's $, {} {} paths: {strategy} ",
            result.total, result.mode
        ),
        note: format!(
            "░ 10th–90th percentile  ▓ 25th–75th  ━ median · money lasts in {:.1}% of paths{progress}{stale}",
            s.success_rate * 100.0
        ),
    })
}

/// What is odd about the plan without being wrong: one-off expenses outside its years.
fn warnings(app: &App) -> Vec<String> {
    let plan = &app.plan;
    let (start, end) = (plan.assumptions.start_year, plan.end_year());
    plan.spending
        .one_offs
        .iter()
        .filter(|o| o.year < start || o.year > end)
        .map(|o| {
            let what = if app.privacy || o.label.is_empty() {
                "a one-off expense".to_string()
            } else {
                format!("'{}'", o.label)
            };
            format!(
                "{what} in {} is outside the plan's years {start}–{end}: left out",
                o.year
            )
        })
        .collect()
}
