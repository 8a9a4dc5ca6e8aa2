//! The right side: income sources by year, taxes by year, and the strategies side by side.

use super::ScreenMap;
use crate::tui::app::{App, Focus, RightTab};
use crate::tui::viewmodel;
use crate::tui::widgets::{ComparisonTable, IncomeStackChart, TaxBars, preferred_height};
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

fn draw_compare(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    rows: &[crate::tui::widgets::MetricRow],
    map: &mut ScreenMap,
) {
    let headers = viewmodel::strategy_names(app);
    let focused = app.focus == Focus::Compare;
    let title = match (&app.baseline, focused) {
        (Some(_), _) => " Strategies (today's $; changes against the pinned baseline) ".to_string(),
        (None, true) => " ▶ Strategies (today's $): ↑↓ chart one, b pins a baseline ".to_string(),
        (None, false) => " Strategies compared (today's $) ".to_string(),
    };
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
