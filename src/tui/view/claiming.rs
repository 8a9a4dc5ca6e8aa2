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
    let title = format!("Claiming ages compared: {} (m: measure, Esc)", m.label());
    let rect = centered(area, (6 + 9 * CELL as u16 + 4).max(60), 24);
    let inner = window(app, frame, rect, &title);
    let mut lines: Vec<Line> = Vec::new();
    match (&app.claiming.grid, &app.claiming.error) {
        (_, Some(e)) => lines.push(Line::from(e.clone())),
        (None, None) => lines.push(Line::from("starting…")),
        (Some(g), None) => grid_lines(app, g, m, &mut lines),
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

fn grid_lines(app: &App, g: &ClaimingGrid, m: Measure, lines: &mut Vec<Line<'static>>) {
    let couple = !g.cols.is_empty();
    let values: Vec<Decimal> = (0..g.cells.len())
        .filter_map(|i| g.cells[i].as_ref()?.best(m).map(|s| s.value(m)))
        .collect();
    let lo = values.iter().min().copied().unwrap_or_default();
    let hi = values.iter().max().copied().unwrap_or_default();
    let best = g.best(m);
    let first = viewmodel::person(app, 0);
    let mut head = vec![Span::raw(format!("{:<6}", "age"))];
    if couple {
        for a in &g.cols {
            head.push(Span::raw(format!("{a:>CELL$}")));
        }
    }
    lines.push(Line::from(format!(
        "Rows: {first}'s claiming age{}",
        if couple {
            format!("; columns: {}'s", viewmodel::person(app, 1))
        } else {
            String::new()
        }
    )));
    lines.push(Line::from(head));
    for (r, age) in g.rows.iter().enumerate() {
        let mut spans = vec![Span::raw(format!("{age:<6}"))];
        for c in 0..g.width() {
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
            spans.push(Span::raw(" "));
            spans.push(Span::styled(format!("{text:>w$}", w = CELL - 1), style));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::from(""));
    let total = g.cells.len();
    lines.push(Line::from(if g.done() < total {
        format!("computing: {} of {total} cells…", g.done())
    } else {
        format!(
            "{total} cells, every named strategy of the plan in each; * best, [ ] the plan's own"
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
}
