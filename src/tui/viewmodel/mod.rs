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
pub use format::{label, money, money_short, person, plan_name, round_amounts};
pub use inspector::{Inspector, InspectorLine};

use super::app::{App, Overlay};
use super::form::Names;
use super::widgets::{FanColumn, MetricRow, StackColumn, TaxColumn};

/// Everything the view model is computed from, in parts rebuilt separately: the comparison
/// (the plan and its results), the charted strategy, the inspector (its year), and the form (the
/// plan and the pane). A year-cursor key rebuilds at most the inspector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ViewKey {
    results: (u64, u64, u64, bool, bool),
    charted: usize,
    inspector: (usize, bool, bool, bool),
    form: (u64, bool, usize, usize),
}

impl ViewKey {
    pub fn of(app: &App) -> ViewKey {
        let results = (
            app.plan_rev,
            app.results_rev,
            app.background.rev,
            app.privacy,
            app.baseline.is_some(),
        );
        ViewKey {
            results,
            charted: app.strategy,
            inspector: (
                app.year,
                app.curve,
                matches!(app.overlay, Some(Overlay::Inspector)),
                matches!(app.overlay, Some(Overlay::Actions { .. })),
            ),
            form: (
                app.plan_rev,
                app.privacy,
                app.pane.index(),
                app.selected_row(),
            ),
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
    /// This year's actions for the charted strategy and the cursor's year, while their window
    /// is open: a title, and the lines or why there are none.
    pub actions: (
        String,
        Vec<crate::report::actions::ActionLine>,
        Option<String>,
    ),
}

impl ViewModel {
    pub fn build(app: &App) -> ViewModel {
        let mut v = ViewModel::default();
        v.build_results(app);
        v.build_charted(app);
        v.build_inspector(app);
        v.form = form::form_rows(app);
        v
    }

    /// The comparison's part: its columns, rows and headline, and the plan's warnings.
    fn build_results(&mut self, app: &App) {
        let c = app.comparison.as_ref();
        self.headers = compare::headers(c)
            .iter()
            .map(|h| format::label(app, h))
            .collect();
        self.metric_rows = metric_rows(app);
        self.headline = c.and_then(|c| headline::headline(app, c));
        self.warnings = warnings(app);
    }

    /// The charted strategy's part: its columns and its fan.
    fn build_charted(&mut self, app: &App) {
        let p = app
            .comparison
            .as_ref()
            .and_then(|c| c.projections.get(app.strategy));
        self.strategy = p
            .map(|p| format::label(app, &p.strategy))
            .unwrap_or_default();
        self.stack = p.map(stack_columns).unwrap_or_default();
        self.taxes = p.map(tax_columns).unwrap_or_default();
        self.fan = p.and_then(|p| fan(app, &p.strategy));
    }

    /// The inspector of the charted strategy's year, while it is open.
    fn build_inspector(&mut self, app: &App) {
        self.actions = if matches!(app.overlay, Some(Overlay::Actions { .. })) {
            actions(app)
        } else {
            Default::default()
        };
        self.inspector = if matches!(app.overlay, Some(Overlay::Inspector)) {
            inspector::inspector(app)
        } else {
            Inspector::default()
        };
    }

    /// Lines of the inspector in one column, for scrolling.
    pub fn inspector_len(&self) -> usize {
        self.inspector.lines().len()
    }
}

/// This year's actions (see `report::actions`) for the charted strategy in the cursor's year.
fn actions(
    app: &App,
) -> (
    String,
    Vec<crate::report::actions::ActionLine>,
    Option<String>,
) {
    let Some(c) = app.comparison.as_ref() else {
        return (String::new(), Vec::new(), Some("no results yet".into()));
    };
    let year = app.plan.assumptions.start_year + i32::try_from(app.year).unwrap_or(0);
    let name = c
        .outcomes
        .get(app.strategy)
        .map(|o| format::label(app, &o.strategy))
        .unwrap_or_default();
    let title = format!("Actions for {year}, {name}");
    let lines = crate::report::actions(&app.plan, c, app.strategy, year)
        .map(|a| {
            crate::report::actions::action_lines(
                &a,
                &crate::report::Shown::new(&app.plan, app.privacy),
            )
        })
        .map_err(|e| e.to_string());
    match lines {
        Ok(l) => (title, l, None),
        Err(e) => (title, Vec::new(), Some(e)),
    }
}

impl App {
    /// Rebuilds the view model when what it shows changed; returns whether it did.
    pub fn refresh_view(&mut self) -> bool {
        let key = ViewKey::of(self);
        let before = self.view_key;
        if before == Some(key) {
            return false;
        }
        let mut view = std::mem::take(&mut self.view);
        let results = before.is_none_or(|b| b.results != key.results);
        let charted = results || before.is_none_or(|b| b.charted != key.charted);
        let inspector = charted || before.is_none_or(|b| b.inspector != key.inspector);
        let form = before.is_none_or(|b| b.form != key.form);
        if results {
            view.build_results(self);
        }
        if charted {
            view.build_charted(self);
        }
        if inspector {
            view.build_inspector(self);
        }
        if form {
            view.form = form::form_rows(self);
        }
        self.view = view;
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
            cut: b.cut_share,
        })
        .collect();
    let cuts = match s
        .bands
        .iter()
        .filter(|b| b.cut_share > 0.0)
        .reduce(|most, b| {
            if b.cut_share > most.cut_share {
                b
            } else {
                most
            }
        }) {
        Some(most) => format!(
            " · ▁▄█ cuts, most {:.0}% in {}",
            most.cut_share * 100.0,
            most.year
        ),
        None => String::new(),
    };
    let progress = match bg.progress {
        Some((done, total)) if total > 0 => format!(" · {done}/{total} paths so far"),
        _ => String::new(),
    };
    let stale = if bg.stale { " · updating" } else { "" };
    // An optimized column runs on the paths as its answer's policy: say so.
    let policy = if crate::report::policy_names(&app.plan)
        .iter()
        .any(|n| n == strategy)
    {
        "as a policy: bracket targets · "
    } else {
        ""
    };
    Some(Fan {
        columns,
        title: format!(
            " After-tax wealth, today's $, {} {} paths{}: {} ",
            result.total,
            result.mode,
            if result.lifetimes.is_planning() {
                ""
            } else {
                ", sampled lives"
            },
            format::label(app, strategy)
        ),
        note: format!(
            "{policy}░ 10th–90th percentile  ▓ 25th–75th  ━ median · money lasts in {:.1}% of paths{cuts}{progress}{stale}",
            s.success_rate * 100.0
        ),
    })
}

/// What is odd about the plan, or what its figures leave out: one-off expenses and windfalls
/// outside its years, two people taxed on one return that is not joint, and a Marketplace
/// premium of $0 (valid, but free coverage: most likely a premium not yet entered).
fn warnings(app: &App) -> Vec<String> {
    let plan = &app.plan;
    let (start, end) = (plan.assumptions.start_year, plan.end_year());
    let caution = plan.one_return_caution();
    let names = app.names();
    let free = plan.people.iter().enumerate().filter_map(|(i, p)| {
        let before_medicare = i64::from(start - p.birth_year) < i64::from(p.medicare_age);
        matches!(p.coverage, crate::plan::Coverage::Marketplace { benchmark, .. }
            if benchmark.is_zero() && before_medicare)
        .then(|| {
            format!(
                "{}'s own premium is $0: coverage before Medicare is free",
                names.person(plan, i)
            )
        })
    });
    let expenses = plan
        .spending
        .one_offs
        .iter()
        .map(|o| (o.year, o.label.as_str(), "a one-off expense"));
    let windfalls = plan
        .income
        .windfalls
        .iter()
        .map(|w| (w.year, w.label.as_str(), "a windfall"));
    expenses
        .chain(windfalls)
        .filter(|(year, _, _)| *year < start || *year > end)
        .map(|(year, label, kind)| {
            let what = if app.privacy || label.is_empty() {
                kind.to_string()
            } else {
                format!("'{label}'")
            };
            format!(
                "{what} in {year} is outside the plan's years {start}–{end}: left out, and the \
                 plan saves once it is moved back in"
            )
        })
        .chain(caution)
        .chain(free)
        .collect()
}
