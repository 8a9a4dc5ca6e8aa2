//! The claiming-age heat map: rows the first person's claiming age, columns the second's, each
//! cell the best strategy's figure on the chosen measure, coloured from the worst (red) to the
//! best (green); the best cell marked with *, the plan's own ages in brackets.

use super::{centered, window};
use crate::claiming::{ClaimCell, ClaimingGrid, Measure};
use crate::tui::app::App;
use crate::tui::viewmodel;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

const CELL: usize = 10;

fn figure(app: &App, m: Measure, v: Decimal) -> String {
    match m {
        Measure::MoneyLasts => {
            format!("{:.1}%", (v * Decimal::ONE_HUNDRED).to_f64().unwrap_or(0.0))
        }
        _ => viewmodel::money_short(app, v.to_f64().unwrap_or(0.0)),
    }
}

/// From red through amber to green as `t` goes from 0 to 1.
fn heat(t: f64) -> Color {
    let t = t.clamp(0.0, 1.0);
    let (r, g) = if t < 0.5 {
        (170.0, 60.0 + 200.0 * t)
    } else {
        (170.0 - 300.0 * (t - 0.5), 160.0)
    };
    Color::Rgb(r as u8, g as u8, 50)
}

fn ages(app: &App, cell: &ClaimCell) -> String {
    cell.ages
        .iter()
        .enumerate()
        .filter_map(|(i, a)| a.map(|a| format!("{} {a}", viewmodel::person(app, i))))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let m = app.claiming.measure();
    let by = if app.claiming.months { "month" } else { "year" };
    let title = format!("Claiming ages by the {by}: {}", m.label());
    // The month grid takes the whole screen: it shows as much of itself as fits.
    let (w, h) = if app.claiming.months {
        (area.width, area.height)
    } else {
        (6 + 9 * CELL as u16 + 4, 24)
    };
    let rect = centered(area, w.max(60), h);
    let inner = window(app, frame, rect, &title);
    let mut lines: Vec<Line> = Vec::new();
    match (&app.claiming.grid, &app.claiming.error) {
        (_, Some(e)) => lines.push(Line::from(e.clone())),
        (None, None) => lines.push(Line::from("starting…")),
        (Some(g), None) => grid_lines(app, g, m, inner, &mut lines),
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// The first of `n` indexes to show `shown` of them with `at` in the middle, kept in range.
fn window_start(at: usize, shown: usize, n: usize) -> usize {
    at.saturating_sub(shown / 2).min(n.saturating_sub(shown))
}

fn grid_lines(app: &App, g: &ClaimingGrid, m: Measure, area: Rect, lines: &mut Vec<Line<'static>>) {
    let couple = !g.cols.is_empty();
    let values: Vec<Decimal> = (0..g.cells.len())
        .filter_map(|i| g.cells[i].as_ref()?.best(m).map(|s| s.value(m)))
        .collect();
    let lo = values.iter().min().copied().unwrap_or_default();
    let hi = values.iter().max().copied().unwrap_or_default();
    let best = g.best(m);
    let cursor = app.claiming.cursor;
    let first = viewmodel::person(app, 0);

    let footer = footer_lines(app, g, m, best, cursor);
    let width = usize::from(area.width.max(1));
    let footer_height: usize = footer
        .iter()
        .map(|l| l.width().max(1).div_ceil(width))
        .sum();
    // A grid larger than the window shows the part around the cursor (or the best cell).
    let shown_rows = usize::from(area.height)
        .saturating_sub(2 + footer_height)
        .clamp(1, g.rows.len());
    let shown_cols = (width.saturating_sub(6) / CELL).clamp(1, g.width());
    let (fr, fc) = app.claiming.focus().unwrap_or((0, 0));
    let r0 = window_start(fr, shown_rows, g.rows.len());
    let c0 = window_start(fc, shown_cols, g.width());
    let range = |from: usize, shown: usize, ages: &[crate::claiming::ClaimAge]| {
        if shown < ages.len() {
            format!(
                " ({} to {} of {})",
                ages[from],
                ages[from + shown - 1],
                ages.len()
            )
        } else {
            String::new()
        }
    };
    lines.push(Line::from(format!(
        "Rows: {first}'s claiming age{}{}",
        range(r0, shown_rows, &g.rows),
        if couple {
            format!(
                "; columns: {}'s{}",
                viewmodel::person(app, 1),
                range(c0, shown_cols, &g.cols)
            )
        } else {
            String::new()
        }
    )));
    let mut head = vec![Span::raw(format!("{:<6}", "age"))];
    if couple {
        for a in &g.cols[c0..c0 + shown_cols] {
            head.push(Span::raw(format!("{a:>CELL$}")));
        }
    }
    lines.push(Line::from(head));
    for r in r0..r0 + shown_rows {
        let age = g.rows[r];
        let mut spans = vec![Span::raw(format!("{age:<6}"))];
        for c in c0..c0 + shown_cols {
            let Some(s) = g.cell(r, c).and_then(|x| x.best(m)) else {
                spans.push(Span::raw(format!("{:>CELL$}", "…")));
                continue;
            };
            let v = s.value(m);
            let mut text = figure(app, m, v);
            if g.current == Some((r, c)) {
                text = format!("[{text}]");
            }
            if best == Some((r, c)) {
                text.push('*');
            }
            let t = if hi > lo {
                ((v - lo) / (hi - lo)).to_f64().unwrap_or(0.0)
            } else {
                1.0
            };
            let mut style = Style::default().bg(heat(t)).fg(Color::Black);
            if best == Some((r, c)) || g.current == Some((r, c)) {
                style = style.add_modifier(Modifier::BOLD);
            }
            if cursor == Some((r, c)) {
                style = style.add_modifier(Modifier::REVERSED);
            }
            spans.push(Span::raw(" "));
            spans.push(Span::styled(format!("{text:>w$}", w = CELL - 1), style));
        }
        lines.push(Line::from(spans));
    }
    lines.extend(footer);
}

/// Below the grid: progress and time taken, life expectancy, the best cell, the plan's own and
/// the cursor's described, and the keys.
fn footer_lines(
    app: &App,
    g: &ClaimingGrid,
    m: Measure,
    best: Option<(usize, usize)>,
    cursor: Option<(usize, usize)>,
) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from("")];
    let total = g.cells.len();
    let done = g.done();
    let secs = |d: std::time::Duration| format!("{:.1} s", d.as_secs_f64());
    lines.push(Line::from(if done < total {
        let so_far = app.claiming.started.map(|s| s.elapsed());
        match so_far {
            // The rate so far says how long the rest will take.
            Some(t) if done > 0 => format!(
                "computing: {done} of {total} cells, {} so far, about {} left…",
                secs(t),
                secs(t.mul_f64((total - done) as f64 / done as f64))
            ),
            _ => format!("computing: {done} of {total} cells…"),
        }
    } else {
        format!(
            "{total} cells{}, every named strategy of the plan in each; * best, [ ] the plan's own",
            // The month grid's time is worth knowing (the year grid's is a blink).
            app.claiming
                .took
                .filter(|_| g.step.get() < 12)
                .map_or(String::new(), |t| format!(" in {}", secs(t)))
        )
    }));
    let expectancy: Vec<String> = g
        .life_expectancy
        .iter()
        .enumerate()
        .map(|(i, e)| format!("{} to {}", viewmodel::person(app, i), e.round_dp(1)))
        .collect();
    lines.push(Line::from(format!(
        "Life expectancy (SSA period table): {}",
        expectancy.join(", ")
    )));
    let describe = |label: &str, at: Option<(usize, usize)>| -> Option<Line<'static>> {
        let (r, c) = at?;
        let cell = g.cell(r, c)?;
        let s = cell.best(m)?;
        let tax = |t: Option<Decimal>| {
            t.map_or("—".to_string(), |t| {
                viewmodel::money_short(app, t.to_f64().unwrap_or(0.0))
            })
        };
        Some(Line::from(format!(
            "{label}: {} · {} with {} · tax a year {} while both live, {} after the first death",
            ages(app, cell),
            figure(app, m, s.value(m)),
            viewmodel::label(app, &s.strategy),
            tax(s.tax_a_year_both),
            tax(s.tax_a_year_survivor),
        )))
    };
    lines.extend(describe("Best", best));
    lines.extend(describe("Plan's own", g.current));
    if cursor != best && cursor != g.current {
        lines.extend(describe("Cursor", cursor));
    }
    lines.push(Line::from(
        "m: measure · M: by the month / by the year · arrows: move · Esc: close",
    ));
    lines
}
