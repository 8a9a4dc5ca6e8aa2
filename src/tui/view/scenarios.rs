//! The scenario windows: the list of the household's scenarios, renaming one, the side-by-side
//! comparison with the base, and this year's actions.

use super::{centered, fit, window};
use crate::report::scenarios::scenario_metrics;
use crate::tui::app::{App, ScenarioResults};
use crate::tui::viewmodel;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// The base and the scenarios, with what each changes; the one being edited marked.
pub fn list(app: &App, frame: &mut Frame, area: Rect, selected: usize) {
    let rect = centered(area, 100, area.height.saturating_sub(2));
    let inner = window(
        app,
        frame,
        rect,
        "Scenarios (Enter edits, a add, D copy, n rename, d delete, V compare, Esc)",
    );
    let file = app.file_plan();
    let active = app.household.as_ref().map_or(0, |h| h.active + 1);
    let width = inner.width as usize;
    let mut items: Vec<(String, String)> = vec![(
        "Base".to_string(),
        "the household as the plan states it".to_string(),
    )];
    for (i, s) in file.scenarios.iter().enumerate() {
        let changes = crate::report::scenarios::change_lines(&file, i);
        let what = if changes.is_empty() {
            "changes nothing yet: Enter, then edit fields".to_string()
        } else if app.privacy {
            format!("changes {} field(s)", changes.len())
        } else {
            changes.join(", ")
        };
        let detail = if s.notes.is_empty() || app.privacy {
            what
        } else {
            format!("{} · {what}", s.notes)
        };
        items.push((viewmodel::label(app, &s.name), detail));
    }
    let visible = (inner.height as usize / 2).max(1);
    let first = selected.saturating_sub(visible - 1);
    let mut lines = Vec::new();
    for (i, (head, detail)) in items.iter().enumerate().skip(first).take(visible) {
        let style = if i == selected {
            app.theme.selected
        } else {
            Style::default()
        };
        let mark = if i == active { "▶ " } else { "  " };
        lines.push(Line::from(Span::styled(
            fit::words(&format!("{mark}{head}"), width),
            style,
        )));
        lines.push(Line::from(Span::styled(
            format!("    {}", fit::words(detail, width.saturating_sub(4))),
            app.theme.dim,
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn rename(app: &App, frame: &mut Frame, area: Rect, input: &crate::tui::editor::TextEditor) {
    let rect = centered(area, 72, 5);
    let inner = window(app, frame, rect, "Rename the scenario");
    let lines = vec![
        Line::from("Name (Enter keeps, Esc cancels):"),
        super::overlays::text_input(app, input),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// Each household's recommended strategy and key outcomes, with the change against the base
/// beneath each scenario's value. The households' names and best strategies stay at the top;
/// the rows below scroll (`scroll` rows down) when the window is too short for them.
pub fn compare(app: &App, frame: &mut Frame, area: Rect, scroll: usize) {
    let rect = centered(area, 150, area.height.saturating_sub(2));
    let inner = window(
        app,
        frame,
        rect,
        "Scenarios compared (named strategies; ↑↓ scroll, v the list, Esc)",
    );
    let columns = match &app.scenario_results {
        Some(ScenarioResults::Ready(c)) => c,
        Some(ScenarioResults::Failed(e)) => {
            let p = Paragraph::new(Line::from(Span::styled(e.clone(), app.theme.error)))
                .wrap(Wrap { trim: false });
            frame.render_widget(p, inner);
            return;
        }
        _ => {
            frame.render_widget(Paragraph::new("Comparing…"), inner);
            return;
        }
    };
    let width = inner.width as usize;
    let label_w = 24.min(width / 3);
    // Columns as wide as the names need, within reason.
    let col_w = ((width.saturating_sub(label_w)) / columns.len().max(1)).clamp(12, 22);
    // As many households as fit; the rest are named below.
    let fit_n = ((width.saturating_sub(label_w)) / col_w).max(1);
    let shown: Vec<_> = columns.iter().take(fit_n).collect();
    let cell = |s: &str| format!("{:>col_w$}", fit::words(s, col_w - 1));
    let mut lines = Vec::new();
    let mut head = format!("{:<label_w$}", "");
    for c in &shown {
        head.push_str(&cell(&viewmodel::label(app, &c.name)));
    }
    lines.push(Line::from(Span::styled(head, app.theme.title)));
    let mut best = format!("{:<label_w$}", "Best strategy");
    for c in &shown {
        best.push_str(&cell(&viewmodel::label(app, &c.outcome().strategy)));
    }
    lines.push(Line::from(best));
    let pinned = lines.len();
    let money = |d| viewmodel::money(app, d);
    let picked: Vec<_> = shown.iter().map(|c| (*c).clone()).collect();
    for m in scenario_metrics(&picked, &money) {
        let mut row = format!("{:<label_w$}", fit::words(&m.label, label_w - 1));
        for t in &m.texts {
            row.push_str(&cell(t));
        }
        lines.push(Line::from(row));
        // The change against the base, coloured by whether it is better.
        let mut spans = vec![Span::raw(format!("{:<label_w$}{:>col_w$}", "", ""))];
        for i in 1..m.values.len() {
            let (text, style) = match m.delta(m.values[0], m.values[i]) {
                Some((t, Some(true))) => (t, app.theme.good),
                Some((t, Some(false))) => (t, app.theme.bad),
                Some((t, None)) => (t, app.theme.dim),
                None => ("–".to_string(), app.theme.dim),
            };
            spans.push(Span::styled(cell(&text), style));
        }
        if m.values.len() > 1 {
            lines.push(Line::from(spans));
        }
    }
    if columns.len() > shown.len() {
        let rest: Vec<String> = columns[shown.len()..]
            .iter()
            .map(|c| viewmodel::label(app, &c.name))
            .collect();
        lines.push(Line::from(Span::styled(
            format!("not shown (widen the window): {}", rest.join(", ")),
            app.theme.dim,
        )));
    }
    for w in super::overlays::wrap(
        "Amounts in first-year dollars; the line under a scenario is its change against the base. \
         drawdown report PLAN --scenarios adds the optimized searches.",
        width,
    ) {
        lines.push(Line::from(Span::styled(w, app.theme.dim)));
    }
    let height = inner.height as usize;
    let body = lines.split_off(pinned.min(lines.len()));
    let room = height.saturating_sub(lines.len());
    if body.len() <= room {
        lines.extend(body);
    } else {
        // One line says where the view is and how to move it.
        let room = room.saturating_sub(1).max(1);
        let last = body.len().saturating_sub(room);
        let first = scroll.min(last);
        let more = body.len() - first - room.min(body.len() - first);
        lines.extend(body.into_iter().skip(first).take(room));
        let hint = match (first > 0, more > 0) {
            (true, true) => format!("↑ {first} more above · ↓ {more} more below"),
            (false, true) => format!("↓ {more} more rows below (↑↓, PgUp/PgDn, wheel)"),
            _ => format!("↑ {first} more above · the last row"),
        };
        lines.push(Line::from(Span::styled(
            fit::words(&hint, width),
            app.theme.dim,
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// This year's actions for the charted strategy and the cursor's year.
pub fn actions(app: &App, frame: &mut Frame, area: Rect, scroll: usize) {
    let rect = centered(area, 110, area.height.saturating_sub(2));
    let (title, lines, error) = &app.view.actions;
    let inner = window(
        app,
        frame,
        rect,
        &format!("{title} (←/→ year, [/] strategy, H handout, Esc)"),
    );
    let width = inner.width as usize;
    let mut out: Vec<Line<'static>> = Vec::new();
    match error {
        Some(e) => out.push(Line::from(Span::styled(e.clone(), app.theme.error))),
        None if lines.is_empty() => out.push(Line::from("Nothing to do this year.")),
        None => {
            let wa = lines
                .iter()
                .map(|l| l.action.chars().count())
                .max()
                .unwrap_or(0);
            let wn = lines
                .iter()
                .map(|l| l.account.chars().count())
                .max()
                .unwrap_or(0);
            for l in lines {
                let head = format!("{:<wa$}  {:<wn$}  ", l.action, l.account);
                out.push(Line::from(vec![
                    Span::raw(fit::words(&head, width.saturating_sub(l.shown.len()))),
                    Span::styled(l.shown.clone(), app.theme.accent),
                ]));
                for w in super::overlays::wrap(&l.reason, width.saturating_sub(4)) {
                    out.push(Line::from(Span::styled(format!("    {w}"), app.theme.dim)));
                }
            }
        }
    }
    let height = inner.height as usize;
    let scroll = scroll.min(out.len().saturating_sub(height));
    let shown: Vec<Line> = out.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}
