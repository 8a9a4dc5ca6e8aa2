//! The right side: income sources by year, taxes by year, and the strategies side by side
//! under a one-line headline. Everything drawn comes from the view model.

use super::ScreenMap;
use super::fit;
use crate::plan::PathMode;
use crate::tui::app::{App, ChartView, Focus, RightTab};
use crate::tui::viewmodel;
use crate::tui::widgets::{
    ComparisonTable, FanChart, IncomeStackChart, TaxBars, preferred_height, years_window,
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
    if area.height >= ROOMY {
        // The headline line plus the table.
        let table =
            (preferred_height(&app.view.metric_rows) + 3).clamp(9, (area.height / 2).max(9));
        let [charts, compare] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(table)]).areas(area);
        draw_charts(app, frame, charts, map);
        draw_compare(app, frame, compare, map);
    } else {
        match app.right_tab {
            RightTab::Charts => draw_charts(app, frame, area, map),
            RightTab::Compare => draw_compare(app, frame, area, map),
        }
    }
}

/// A chart title: the strategy's name and what the chart shows, said as fully as the width
/// holds (`what` from its longest to its shortest wording), then "today's $" if it fits.
/// `reserved` cells are kept free at the right for the scrolled years ("2026–2058 ▶"), which
/// would otherwise be written over the title's end. Only whole parts are dropped, never a word
/// cut, and the shortest wording is kept before anything but the name.
fn chart_title(focused: bool, strategy: &str, what: &[&str], width: u16, reserved: u16) -> String {
    let mark = if focused { "▶ " } else { "" };
    let max = usize::from(width.saturating_sub(4).saturating_sub(reserved));
    let name = format!("{mark}{strategy}");
    let fits = |parts: &[String]| fit::width(&parts.join(": ")) <= max;
    let with = what
        .iter()
        .map(|w| vec![name.clone(), (*w).to_string()])
        .find(|p| fits(p));
    let parts = match with {
        Some(mut p) => {
            p.push("today's $".to_string());
            p
        }
        None => vec![name],
    };
    format!(" {} ", fit::parts(&parts, ": ", max))
}

fn draw_charts(app: &App, frame: &mut Frame, area: Rect, map: &mut ScreenMap) {
    let v = &app.view;
    if v.strategy.is_empty() {
        return;
    }
    if app.chart_view == ChartView::Fan {
        draw_fan(app, frame, area);
        map.chart = area;
        return;
    }
    let taxes_height = (area.height * 2 / 5).max(6);
    let [top, bottom] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(taxes_height)]).areas(area);
    let format = |x: f64| viewmodel::money_short(app, x);
    let focused = app.focus == Focus::Chart;
    let years = |columns: usize, area: Rect, label: &dyn Fn(usize) -> String| {
        years_room(years_window(
            area,
            columns,
            Some(app.year),
            &app.theme,
            label,
        ))
    };
    let title = chart_title(
        focused,
        &v.strategy,
        &["income by source", "income"],
        top.width,
        years(v.stack.len(), top, &|i| v.stack[i].label.clone()),
    );
    frame.render_widget(
        IncomeStackChart {
            columns: &v.stack,
            cursor: Some(app.year),
            theme: &app.theme,
            format_money: &format,
            title: Some(&title),
        },
        top,
    );
    map.chart = top;
    let title = chart_title(
        false,
        &v.strategy,
        &[
            "taxes by year (federal, state, IRMAA)",
            "taxes (federal, state, IRMAA)",
            "taxes",
        ],
        bottom.width,
        years(v.taxes.len(), bottom, &|i| v.taxes[i].label.clone()),
    );
    frame.render_widget(
        TaxBars {
            columns: &v.taxes,
            cursor: Some(app.year),
            theme: &app.theme,
            format_money: &format,
            title: Some(&title),
        },
        bottom,
    );
    map.taxes = bottom;
}

/// The cells the scrolled years take on a chart's top border (" 2026–2058 ▶ ") and a gap.
fn years_room(window: Option<String>) -> u16 {
    window.map_or(0, |w| u16::try_from(fit::width(&w) + 1).unwrap_or(u16::MAX))
}

fn draw_fan(app: &App, frame: &mut Frame, area: Rect) {
    let bg = &app.background;
    let format = |x: f64| viewmodel::money_short(app, x);
    let Some(fan) = &app.view.fan else {
        let message = if app.plan.assumptions.simulation.mode == PathMode::Constant {
            "Market paths are set to constant returns. Choose historical, bootstrap or Monte Carlo \
             under Spending & assumptions to see the spread of outcomes (r returns to the income chart)."
                .to_string()
        } else if let Some(e) = &bg.error {
            format!("The simulation failed: {e}")
        } else if app
            .comparison
            .as_ref()
            .and_then(|c| c.specs.get(app.strategy))
            .is_some_and(|s| s.is_optimized())
        {
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
    frame.render_widget(
        FanChart {
            columns: &fan.columns,
            cursor: Some(app.year),
            theme: &app.theme,
            format_money: &format,
            title: Some(&fan.title),
            note: Some(&fan.note),
        },
        area,
    );
}

fn draw_compare(app: &App, frame: &mut Frame, area: Rect, map: &mut ScreenMap) {
    let v = &app.view;
    let focused = app.focus == Focus::Compare;
    let mut parts = vec![match (&app.baseline, focused) {
        (Some(_), _) => "▶ Strategies (today's $; changes against the pinned baseline)".to_string(),
        (None, true) => "▶ Strategies (today's $): ←→ chart one, ↑↓ scroll, w widen".to_string(),
        (None, false) => "Strategies compared (today's $)".to_string(),
    }];
    if !focused && app.baseline.is_some() {
        parts[0] = parts[0].trim_start_matches("▶ ").to_string();
    }
    let bg = &app.background;
    if let Some(p) = bg.optimize_progress() {
        parts.push(format!("optimizing {:.0}%", p * 100.0));
    }
    if let Some((done, total)) = bg.progress
        && total > 0
    {
        parts.push(format!("paths {done}/{total}"));
    }
    let title = format!(
        " {} ",
        fit::parts(&parts, " · ", usize::from(area.width.saturating_sub(4)))
    );
    let (headline, table) = if area.height > 4 {
        let [h, t] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        (Some(h), t)
    } else {
        (None, area)
    };
    // The search for an optimized column ended without one: say why where its verdict would be.
    let failed = bg
        .optimize_error
        .as_ref()
        .map(|e| format!("Optimized: {e}"));
    if let (Some(h), Some(text)) = (headline, &failed) {
        crate::tui::widgets::put_lines(
            frame.buffer_mut(),
            h,
            &[ratatui::text::Line::from(Span::styled(
                format!(
                    " {}",
                    fit::words(text, usize::from(h.width.saturating_sub(2)))
                ),
                app.theme.error,
            ))],
        );
    } else if let (Some(h), Some(text)) = (headline, &v.headline) {
        let parts: Vec<String> = text.split("; ").map(String::from).collect();
        crate::tui::widgets::put_lines(
            frame.buffer_mut(),
            h,
            &[ratatui::text::Line::from(Span::styled(
                format!(
                    " {}",
                    fit::parts(&parts, "; ", usize::from(h.width.saturating_sub(2)))
                ),
                app.theme.accent,
            ))],
        );
    }
    let widget = ComparisonTable {
        headers: &v.headers,
        rows: &v.metric_rows,
        selected: app.strategy,
        scroll: app.compare.scroll,
        wide: app.compare.wide,
        theme: &app.theme,
        title: Some(&title),
    };
    map.compare_scroll_max = Some(widget.max_scroll(table));
    frame.render_widget(widget, table);
    map.compare = table;
}
