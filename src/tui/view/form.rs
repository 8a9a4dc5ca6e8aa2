//! The left side: the editing panes as tabs, their rows (from the view model), the field being
//! typed into with what it is understood as, the selected field's help line and any warning.

use super::ScreenMap;
use super::fit;
use crate::tui::app::{App, Focus};
use crate::tui::form::Pane;
use crate::tui::viewmodel::FormRow;
use crate::tui::widgets::{Boxed, put_lines};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

pub fn draw(app: &App, frame: &mut Frame, area: Rect, map: &mut ScreenMap) {
    let t = &app.theme;
    let focused = app.focus == Focus::Form;
    let block = Boxed {
        title: Line::from(Span::styled(
            format!(
                " {} ",
                fit::words(
                    &crate::tui::viewmodel::plan_name(app),
                    usize::from(area.width.saturating_sub(4))
                )
            ),
            t.title,
        )),
        border: super::label_style(app, focused),
    };
    let inner = block.inner(area);
    block.render(area, frame.buffer_mut(), None);
    if inner.height < 4 || inner.width < 10 {
        return;
    }
    tabs(app, frame, inner, map);

    // The help line, and any warning in whole words on up to two lines.
    let warning: Vec<String> = app
        .view
        .warnings
        .first()
        .map(|w| super::overlays::wrap(&format!("⚠ {w}"), inner.width as usize))
        .unwrap_or_default()
        .into_iter()
        .take(2)
        .collect();
    // The selected field's help in whole words on up to three lines (two on a short pane, which
    // needs its rows for the fields): a narrow pane would cut most help to a few words. The
    // focused form keeps those lines whatever the field, so that its rows do not scroll as the
    // help of one field runs longer than the last one's.
    let most = if inner.height < TALL_PANE { 2 } else { 3 };
    // When every row fits with room to spare, the help may run on into that room: no row
    // scrolls for it, and a long help line is read whole instead of ending in "…".
    let spare = (inner.height as usize)
        .saturating_sub(2 + warning.len() + app.view.form.len())
        .min(MOST_HELP_LINES);
    let help: Vec<String> = match app.view.form.get(app.selected_row()) {
        Some(FormRow::Field { help: Some(h), .. }) if focused => {
            help_lines(h, inner.width as usize, most.max(spare))
        }
        _ => Vec::new(),
    };
    // The usual lines, or as many more as a long help takes of the spare room (it then starts
    // higher, and still ends at the bottom).
    let help_rows = if focused { most.max(help.len()) } else { 1 };
    let reserved = (help_rows + warning.len()) as u16;
    let body = Rect::new(
        inner.x,
        inner.y + 2,
        inner.width,
        inner.height.saturating_sub(2 + reserved),
    );
    let rows = &app.view.form;
    let selected = app.selected_row();
    let height = body.height as usize;
    let width = body.width as usize;
    // What the edit says under its field, in whole words on as many lines as it needs (up to
    // half the rows): a reason cut to one line could be cut to nothing ("✗…").
    let said = app
        .edit
        .as_ref()
        .map(|edit| edit_message(edit, width, (height / 2).max(1), t))
        .unwrap_or_default();
    let visible = height.saturating_sub(said.len()).max(1);
    let first = if selected < visible {
        0
    } else {
        selected + 1 - visible
    };
    map.form = body;
    map.form_first = first;

    let mut lines = Vec::new();
    for (i, row) in rows.iter().enumerate().skip(first) {
        if lines.len() >= height {
            break;
        }
        let is_selected = i == selected && focused;
        match row {
            FormRow::Section(title) => {
                lines.push(Line::from(Span::styled(fit::words(title, width), t.title)));
            }
            FormRow::Add(label) => {
                let style = if is_selected { t.selected } else { t.dim };
                lines.push(Line::from(Span::styled(
                    format!("  {}", fit::words(label, width.saturating_sub(2))),
                    style,
                )));
            }
            FormRow::Field {
                label,
                value,
                note,
                stepped,
                overridden,
                ..
            } => {
                let editing = app.edit.as_ref().filter(|_| i == selected);
                let label_style = if is_selected { t.accent } else { t.text };
                // Values right-aligned after the label: a long value (a choice) may use the room
                // a short label leaves.
                // ◆: the scenario being edited sets this field.
                let label_text = format!("{}{label}", if *overridden { "◆ " } else { "  " });
                let value_width = width.saturating_sub(fit::width(&label_text) + 1);
                let mut spans = vec![Span::styled(label_text, label_style)];
                match editing {
                    Some(edit) => {
                        let style = if edit.error.is_some() {
                            t.error
                        } else {
                            t.accent
                        };
                        spans.push(Span::raw(" "));
                        spans.extend(edit_spans(
                            edit.input.value(),
                            edit.input.cursor(),
                            edit.input.selected(),
                            style,
                            t.cursor,
                            value_width,
                        ));
                    }
                    None => {
                        let style = if is_selected {
                            t.selected
                        } else if *stepped {
                            t.accent
                        } else {
                            t.text
                        };
                        let marker = if *stepped { " ⇄" } else { "" };
                        let shown = format!("{value}{marker}");
                        // A note ("age 65 in 2026") when there is room for it.
                        let with_note = note
                            .as_ref()
                            .map(|n| format!("({n}) "))
                            .filter(|n| fit::width(n) + fit::width(&shown) <= value_width);
                        let text = fit::words(
                            &shown,
                            value_width
                                .saturating_sub(with_note.as_ref().map_or(0, |n| fit::width(n))),
                        );
                        let pad = value_width.saturating_sub(
                            fit::width(&text) + with_note.as_ref().map_or(0, |n| fit::width(n)),
                        );
                        spans.push(Span::raw(" ".repeat(pad + 1)));
                        if let Some(n) = with_note {
                            spans.push(Span::styled(n, t.dim));
                        }
                        spans.push(Span::styled(text, style));
                    }
                }
                lines.push(Line::from(spans));
                if editing.is_some() {
                    lines.extend(said.iter().cloned());
                }
            }
        }
    }
    put_lines(frame.buffer_mut(), body, &lines);
    let mut y = body.y + body.height;
    for w in &warning {
        put_lines(
            frame.buffer_mut(),
            Rect::new(inner.x, y, inner.width, 1),
            &[Line::from(Span::styled(fit::words(w, width), t.error))],
        );
        y += 1;
    }
    for h in &help {
        put_lines(
            frame.buffer_mut(),
            Rect::new(inner.x, y, inner.width, 1),
            &[Line::from(Span::styled(h.clone(), t.dim))],
        );
        y += 1;
    }
}

/// The lines under the field being typed into: the picker's offers, or why the text cannot be
/// used (its continuation lines under the reason's first word), or how it was understood.
fn edit_message(
    edit: &crate::tui::app::Edit,
    width: usize,
    most: usize,
    t: &crate::tui::theme::Theme,
) -> Vec<Line<'static>> {
    let offers = edit.offers();
    if !offers.is_empty() {
        return vec![picker_line(&offers, edit.pick, width, t)];
    }
    let (mark, text, style) = match (&edit.error, &edit.understood) {
        (Some(e), _) => ("✗ ", e.as_str(), t.error),
        (None, Some(u)) => ("", u.as_str(), t.good),
        (None, None) => ("", "", t.dim),
    };
    let indent = "    ";
    let first = format!("{indent}{mark}");
    let hang = " ".repeat(fit::width(&first));
    let room = width.saturating_sub(hang.len()).max(1);
    let lines = help_lines(&broken(text, room), room, most);
    if lines.is_empty() {
        return vec![Line::from(Span::styled(String::new(), style))];
    }
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let lead = if i == 0 { &first } else { &hang };
            Line::from(Span::styled(format!("{lead}{l}"), style))
        })
        .collect()
}

/// `text` with every word longer than `width` cut into pieces that fit, so that wrapping it
/// never leaves a line too long to show (a long path or a long typed value).
fn broken(text: &str, width: usize) -> String {
    let width = width.max(1);
    let mut out: Vec<String> = Vec::new();
    for word in text.split(' ') {
        let mut piece = String::new();
        for c in word.chars() {
            if !piece.is_empty() && fit::width(&piece) + fit::width(&c.to_string()) > width {
                out.push(std::mem::take(&mut piece));
            }
            piece.push(c);
        }
        out.push(piece);
    }
    out.join(" ")
}

/// The inner height from which a field's help may take a third line.
const TALL_PANE: u16 = 30;

/// The most lines a field's help takes when the pane has room to spare.
const MOST_HELP_LINES: usize = 8;

/// `help` wrapped in whole words to `width`, on at most `most` lines; the last one ends in "…"
/// when the help goes on.
fn help_lines(help: &str, width: usize, most: usize) -> Vec<String> {
    let mut lines = super::overlays::wrap(help, width);
    if lines.len() > most {
        let rest = lines[most - 1..].join(" ");
        lines.truncate(most - 1);
        lines.push(fit::words(&rest, width));
    }
    lines
}

/// The pane tabs: every title when they fit, else the current one between ‹ and ›.
fn tabs(app: &App, frame: &mut Frame, inner: Rect, map: &mut ScreenMap) {
    let t = &app.theme;
    let all: usize = Pane::ALL
        .iter()
        .map(|p| fit::width(p.short_title()) + 1)
        .sum();
    let full = Pane::ALL
        .iter()
        .map(|p| fit::width(p.title()) + 1)
        .sum::<usize>()
        <= inner.width as usize;
    let mut spans = Vec::new();
    let mut x = inner.x;
    let mut push = |text: String, style: Style, pane: Option<usize>, spans: &mut Vec<Span>| {
        let w = fit::width(&text) as u16;
        if let Some(i) = pane
            && x + w <= inner.x + inner.width
        {
            map.tabs.push((Rect::new(x, inner.y, w, 1), i));
        }
        x += w;
        spans.push(Span::styled(text, style));
    };
    if all <= inner.width as usize {
        for (i, pane) in Pane::ALL.iter().enumerate() {
            let title = if full {
                pane.title()
            } else {
                pane.short_title()
            };
            let style = if *pane == app.pane {
                t.selected.add_modifier(Modifier::BOLD)
            } else {
                t.dim
            };
            push(format!(" {title}"), style, Some(i), &mut spans);
        }
    } else {
        let i = app.pane.index();
        let n = Pane::ALL.len();
        push(" ‹ ".into(), t.accent, Some((i + n - 1) % n), &mut spans);
        push(
            format!("{} {}/{n}", app.pane.title(), i + 1),
            t.selected.add_modifier(Modifier::BOLD),
            Some(i),
            &mut spans,
        );
        push(" › ".into(), t.accent, Some((i + 1) % n), &mut spans);
    }
    put_lines(
        frame.buffer_mut(),
        Rect::new(inner.x, inner.y, inner.width, 1),
        &[Line::from(spans)],
    );
}

/// The text being typed, with the cursor shown, scrolled to keep the cursor in view; a
/// selected text shows as selected (typing replaces it).
/// The picker's offers on one line, the highlighted one first in view: "▸ New Jersey (NJ) ·
/// New Mexico (NM) · …".
fn picker_line(
    offers: &[String],
    pick: usize,
    width: usize,
    t: &crate::tui::theme::Theme,
) -> Line<'static> {
    let pick = pick.min(offers.len().saturating_sub(1));
    let mut spans = vec![Span::styled("    ", t.dim)];
    let mut used = 4;
    for (i, o) in offers.iter().enumerate().skip(pick) {
        let text = if i == pick {
            format!("▸ {o}")
        } else {
            o.clone()
        };
        let sep = if i > pick { " · " } else { "" };
        let need = fit::width(sep) + fit::width(&text);
        if used + need > width {
            if used + 2 <= width {
                spans.push(Span::styled(" …", t.dim));
            }
            break;
        }
        spans.push(Span::styled(sep.to_string(), t.dim));
        spans.push(Span::styled(
            text,
            if i == pick { t.selected } else { t.text },
        ));
        used += need;
    }
    Line::from(spans)
}

fn edit_spans(
    buffer: &str,
    cursor: usize,
    selected: bool,
    style: Style,
    cursor_style: Style,
    width: usize,
) -> Vec<Span<'static>> {
    let chars: Vec<char> = buffer.chars().collect();
    let width = width.max(2);
    let style = if selected {
        style.add_modifier(Modifier::REVERSED)
    } else {
        style
    };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_wraps_in_whole_words_and_says_when_it_goes_on() {
        let help = "The life table's death rates times this: 1 is the average person of that sex \
                    and age, below 1 healthier, above 1 less healthy.";
        let all = help_lines(help, 40, 5);
        assert!(all.len() > 2, "{all:?}");
        assert!(all.iter().all(|l| fit::width(l) <= 40), "{all:?}");
        assert_eq!(all.join(" "), help);
        let two = help_lines(help, 40, 2);
        assert_eq!(two.len(), 2);
        assert_eq!(two[0], all[0]);
        assert!(
            two[1].ends_with('…') && fit::width(&two[1]) <= 40,
            "{two:?}"
        );
        assert_eq!(help_lines("Text.", 40, 2), vec!["Text.".to_string()]);
    }

    #[test]
    fn a_word_longer_than_the_line_is_broken_rather_than_cut_to_nothing() {
        let path = "income.social_security[1].claim_months:";
        let lines = help_lines(&broken(&format!("{path} must be 0"), 28), 28, 4);
        assert!(lines.iter().all(|l| fit::width(l) <= 28), "{lines:?}");
        assert_eq!(lines[0], path[..28]);
        assert_eq!(lines.join(""), format!("{path} must be 0"));
        assert_eq!(broken("short words stay", 28), "short words stay");
    }
}
