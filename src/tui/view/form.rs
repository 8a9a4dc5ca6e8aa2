//! The left side: the four editing panes as tabs, their rows, and the field being typed into.

use super::ScreenMap;
use crate::money::format_thousands;
use crate::plan::Account;
use crate::tui::app::{App, Focus};
use crate::tui::fields::{self, Kind, Pane, Row, Target};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

pub fn draw(app: &App, frame: &mut Frame, area: Rect, map: &mut ScreenMap) {
    let t = &app.theme;
    let focused = app.focus == Focus::Form;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(super::label_style(app, focused))
        .title(Span::styled(
            format!(" {} ", super::viewmodel::plan_name(app)),
            t.title,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 3 || inner.width < 10 {
        return;
    }

    // Tabs.
    let mut spans = Vec::new();
    let mut x = inner.x;
    for (i, pane) in Pane::ALL.iter().enumerate() {
        let label = short_title(*pane, inner.width);
        let text = format!(" {label} ");
        let width = text.chars().count() as u16;
        let style = if *pane == app.pane {
            t.selected.add_modifier(Modifier::BOLD)
        } else {
            t.dim
        };
        if x + width <= inner.x + inner.width {
            map.tabs.push((Rect::new(x, inner.y, width, 1), i));
        }
        spans.push(Span::styled(text, style));
        x += width;
    }
    frame.render_widget(
        Paragraph::new(Line::from(spans)),
        Rect::new(inner.x, inner.y, inner.width, 1),
    );

    let body = Rect::new(inner.x, inner.y + 2, inner.width, inner.height - 2);
    let rows = fields::rows(app.pane, &app.plan);
    let selected = app.selected_row();
    let height = body.height as usize;
    let error_line = usize::from(app.edit.as_ref().is_some_and(|e| e.error.is_some()));
    let visible = height.saturating_sub(error_line).max(1);
    let first = if selected < visible {
        0
    } else {
        selected + 1 - visible
    };
    map.form = body;
    map.form_first = first;

    let mut lines = Vec::new();
    let label_width = (body.width as usize / 2).clamp(12, 28);
    for (i, row) in rows.iter().enumerate().skip(first) {
        if lines.len() >= height {
            break;
        }
        let is_selected = i == selected;
        match row {
            Row::Section(title) => {
                lines.push(Line::from(Span::styled(
                    section_title(app, title, i, &rows),
                    t.title,
                )));
            }
            Row::Command(c) => {
                let style = if is_selected && focused {
                    t.selected
                } else {
                    t.dim
                };
                lines.push(Line::from(Span::styled(format!("  {}", c.label()), style)));
            }
            Row::Field { label, target } => {
                let editing = app.edit.as_ref().filter(|e| e.target == *target);
                let mut spans = vec![Span::styled(
                    format!(
                        "  {:<w$}",
                        truncate(label, label_width.saturating_sub(2)),
                        w = label_width.saturating_sub(2)
                    ),
                    if is_selected && focused {
                        t.accent
                    } else {
                        t.text
                    },
                )];
                let value_width = (body.width as usize).saturating_sub(label_width + 1);
                match editing {
                    Some(edit) => {
                        let style = if edit.error.is_some() {
                            t.error
                        } else {
                            t.accent
                        };
                        spans.extend(edit_spans(
                            &edit.buffer,
                            edit.cursor,
                            style,
                            t.cursor,
                            value_width,
                        ));
                    }
                    None => {
                        let value = shown_value(app, *target);
                        let style = if is_selected && focused {
                            t.selected
                        } else if fields::kind(*target) == Kind::Choice {
                            t.accent
                        } else {
                            t.text
                        };
                        let marker = if fields::kind(*target) == Kind::Choice {
                            " ⇄"
                        } else {
                            ""
                        };
                        let text = format!(
                            "{:>w$}",
                            truncate(&format!("{value}{marker}"), value_width),
                            w = value_width
                        );
                        spans.push(Span::styled(text, style));
                    }
                }
                lines.push(Line::from(spans));
                if let Some(error) = editing.and_then(|e| e.error.as_ref())
                    && lines.len() < height
                {
                    lines.push(Line::from(Span::styled(
                        format!("    ✗ {}", truncate(error, body.width as usize - 6)),
                        t.error,
                    )));
                }
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), body);
}

fn short_title(pane: Pane, width: u16) -> &'static str {
    if width >= 50 {
        pane.title()
    } else {
        match pane {
            Pane::People => "People",
            Pane::Accounts => "Accounts",
            Pane::Income => "Income",
            Pane::Spending => "Spending",
        }
    }
}

fn truncate(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else if width == 0 {
        String::new()
    } else {
        let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// The text being typed, with the cursor shown, scrolled to keep the cursor in view.
fn edit_spans(
    buffer: &str,
    cursor: usize,
    style: Style,
    cursor_style: Style,
    width: usize,
) -> Vec<Span<'static>> {
    let chars: Vec<char> = buffer.chars().collect();
    let width = width.max(2);
    let start = (cursor + 1).saturating_sub(width);
    let end = (start + width - 1).min(chars.len());
    let before: String = chars[start..cursor.min(end).max(start)].iter().collect();
    let at: String = chars.get(cursor).map_or(" ".into(), |c| c.to_string());
    let after: String = if cursor < end {
        chars[cursor + 1..end].iter().collect()
    } else {
        String::new()
    };
    let used = before.chars().count() + 1 + after.chars().count();
    vec![
        Span::raw(" ".repeat(width.saturating_sub(used))),
        Span::styled(before, style),
        Span::styled(at, cursor_style.patch(style)),
        Span::styled(after, style),
    ]
}

/// A field's value as shown: amounts rounded and names hidden in privacy mode.
fn shown_value(app: &App, target: Target) -> String {
    if app.privacy {
        match target {
            Target::PlanName => return "Plan".into(),
            Target::PersonName(i) => return format!("Person {}", i + 1),
            Target::AccountName(i) => return format!("Account {}", i + 1),
            Target::Owner(i) => {
                let owner = app
                    .plan
                    .accounts
                    .get(i)
                    .and_then(Account::owner)
                    .unwrap_or(0);
                return format!("Person {}", owner + 1);
            }
            _ => {}
        }
        if fields::kind(target) == Kind::Money
            && let Ok(d) = crate::money::parse_money(&fields::text(target, &app.plan))
        {
            return format_thousands(d);
        }
    }
    fields::text(target, &app.plan)
}

/// A section title, with names hidden in privacy mode.
fn section_title(app: &App, title: &str, index: usize, rows: &[Row]) -> String {
    if !app.privacy {
        return title.to_string();
    }
    // The first field under the section tells what it is about.
    match rows.get(index + 1) {
        Some(Row::Field {
            target: Target::PersonName(i),
            ..
        }) => format!("Person {}", i + 1),
        Some(Row::Field {
            target: Target::AccountName(i),
            ..
        }) => {
            let kind = app.plan.accounts.get(*i).map_or("", |a| a.kind().label());
            format!("Account {} ({kind})", i + 1)
        }
        _ => title.split(':').next().unwrap_or(title).to_string(),
    }
}
