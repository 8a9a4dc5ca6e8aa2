//! The right side: income sources by year, taxes by year, and the strategies side by side.

use super::ScreenMap;
use crate::plan::PathMode;
use crate::tui::app::{App, ChartView, Focus, RightTab};
use crate::tui::viewmodel;
use crate::tui::widgets::{
    ComparisonTable, FanChart, FanColumn, IncomeStackChart, TaxBars, preferred_height,
};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// Tall enough to show the charts and the comparison together.
pub const ROOMY: u16 = 40;

pub fn draw(app: &App, frame: &mut Frame, area: Rect, map: &mut ScreenMap) {
    if let Some(error) = &app.engine_error {
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(" Results ", app.theme.title));
        frame.render_widget(
            Paragraph::new(format!("The plan cannot be projected: {error}"))
                .style(app.theme.error)
                .wrap(Wrap { trim: true })
                .block(block),
            area,
        );
        return;
    }
    let rows = viewmodel::metric_rows(app);
    if area.height >= ROOMY {
        let table = (preferred_height(&rows) + 2).clamp(8, (area.height / 2).max(8));
        let [charts, compare] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(table)]).areas(area);
        draw_charts(app, frame, charts, map);
        draw_compare(app, frame, compare, &rows, map);
    } else {
        match app.right_tab {
            RightTab::Charts => draw_charts(app, frame, area, map),
            RightTab::Compare => draw_compare(app, frame, area, &rows, map),
        }
    }
}

fn draw_charts(app: &App, frame: &mut Frame, area: Rect, map: &mut ScreenMap) {
    let Some(p) = viewmodel::projection(app) else {
        return;
    };
    if app.chart_view == ChartView::Fan {
        draw_fan(app, frame, area, &p.strategy);
        map.chart = area;
        return;
    }
    let taxes_height = (area.height * 2 / 5).max(6);
    let [top, bottom] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(taxes_height)]).areas(area);
    let columns = viewmodel::stack_columns(p);
    let format = |x: f64| viewmodel::money_short(app, x);
    let focused = app.focus == Focus::Chart;
    let title = format!(
        " {}Income by source, today's $: {} ",
        if focused { "▶ " } else { "" },
        p.strategy
    );
    frame.render_widget(
        IncomeStackChart {
            columns: &columns,
            cursor: Some(app.year),
            theme: &app.theme,
            format_money: &format,
            title: Some(&title),
        },
        top,
    );
    map.chart = top;
    let taxes = viewmodel::tax_columns(p);
    let title = " Taxes by year (federal, state, IRMAA), today's $ ";
    frame.render_widget(
        TaxBars {
            columns: &taxes,
            cursor: Some(app.year),
            theme: &app.theme,
            format_money: &format,
            title: Some(title),
        },
        bottom,
    );
    map.taxes = bottom;
}

fn draw_fan(app: &App, frame: &mut Frame, area: Rect, strategy: &str) {
    let bg = &app.background;
    let format = |x: f64| viewmodel::money_short(app, x);
    let sim = &app.plan.assumptions.simulation;
    let risk = bg.risk.as_ref().and_then(|r| {
        r.strategies
            .iter()
            .find(|s| s.strategy == strategy)
            .map(|s| (r, s))
    });
    let Some((result, s)) = risk else {
        let message = if sim.mode == PathMode::Constant {
            "Market paths are set to constant returns. Choose historical, bootstrap or Monte Carlo \
             under Spending & assumptions to see the spread of outcomes (r returns to the income chart)."
                .to_string()
        } else if let Some(e) = &bg.error {
            format!("The simulation failed: {e}")
        } else if strategy.starts_with("Optimized") {
            "An optimized schedule is found for the plan's own returns; it is not simulated.".into()
        } else {
            "Simulating market paths…".into()
        };
        frame.render_widget(
            Paragraph::new(message)
                .style(app.theme.dim)
                .wrap(Wrap { trim: true })
                .block(Block::default().borders(Borders::ALL).title(Span::styled(
                    " After-tax wealth across market paths ",
                    app.theme.title,
                ))),
            area,
        );
        return;
    };
    let columns: Vec<FanColumn> = s
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
    let note = format!(
        "░ 10th–90th percentile  ▓ 25th–75th  ━ median · money lasts in {:.1}% of paths{progress}{stale}",
        s.success_rate * 100.0
    );
    let title = format!(
        " After-tax wealth, today's $, {} {} paths: {strategy} ",
        result.total, result.mode
    );
    frame.render_widget(
        FanChart {
            columns: &columns,
            cursor: Some(app.year),
            theme: &app.theme,
            format_money: &format,
            title: Some(&title),
            note: Some(&note),
        },
        area,
    );
}

fn draw_compare(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    rows: &[crate::tui::widgets::MetricRow],
    map: &mut ScreenMap,
) {
    let headers = viewmodel::strategy_names(app);
    let focused = app.focus == Focus::Compare;
    let mut title = match (&app.baseline, focused) {
        (Some(_), _) => " Strategies (today's $; changes against the pinned baseline)".to_string(),
        (None, true) => " ▶ Strategies (today's $): ↑↓ chart one, b pins a baseline".to_string(),
        (None, false) => " Strategies compared (today's $)".to_string(),
    };
    let bg = &app.background;
    if let Some(p) = bg.optimize_progress {
        title.push_str(&format!(" · optimizing {:.0}%", p * 100.0));
    }
    if let Some((done, total)) = bg.progress
        && total > 0
    {
        title.push_str(&format!(" · paths {done}/{total}"));
    }
    title.push(' ');
    frame.render_widget(
        ComparisonTable {
            headers: &headers,
            rows,
            selected: app.strategy,
            theme: &app.theme,
            title: Some(&title),
        },
        area,
    );
    map.compare = area;
}
