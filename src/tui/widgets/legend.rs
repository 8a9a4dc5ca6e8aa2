//! A one- or two-line legend of swatches and names: full names when they fit, short names when
//! they don't, and a trailing '…' when even those don't.

use ratatui::buffer::Buffer;
use ratatui::style::Style;

use super::text::{put, put_char, width};

/// One legend entry.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry<'a> {
    pub swatch: char,
    pub swatch_style: Style,
    pub name: &'a str,
    pub short: &'a str,
}

/// Entries placed on lines: (entry index, use the short name).
type Plan = Vec<Vec<(usize, bool)>>;

const SEP: u16 = 2;

fn item_width(e: &Entry<'_>, short: bool) -> u16 {
    width(if short { e.short } else { e.name }).saturating_add(2)
}

/// Wraps all entries into lines of `w` cells, or None if that takes more than `max_lines`.
fn wrap(entries: &[Entry<'_>], w: u16, max_lines: u16, short: bool) -> Option<Plan> {
    let mut lines: Plan = vec![Vec::new()];
    let mut used = 0u16;
    for (i, e) in entries.iter().enumerate() {
        let iw = item_width(e, short);
        let need = if used == 0 {
            iw
        } else {
            used.saturating_add(SEP).saturating_add(iw)
        };
        if need <= w {
            used = need;
        } else {
            lines.push(Vec::new());
            used = iw;
            if iw > w {
                return None;
            }
        }
        lines.last_mut()?.push((i, short));
    }
    (lines.len() <= usize::from(max_lines)).then_some(lines)
}

/// How the entries go on at most `max_lines` lines of width `w`.
fn plan(entries: &[Entry<'_>], w: u16, max_lines: u16) -> Plan {
    if entries.is_empty() || max_lines == 0 || w == 0 {
        return Vec::new();
    }
    wrap(entries, w, max_lines, false)
        .or_else(|| wrap(entries, w, max_lines, true))
        .unwrap_or_else(|| squeeze(entries, w, max_lines))
}

/// Short names as far as they go, keeping room on the last line for the '…' that draw() adds.
fn squeeze(entries: &[Entry<'_>], w: u16, max_lines: u16) -> Plan {
    let mut lines: Plan = vec![Vec::new()];
    let mut used = 0u16;
    for (i, e) in entries.iter().enumerate() {
        let iw = item_width(e, true);
        let reserve = if i + 1 < entries.len() { 2 } else { 0 };
        let limit = |lines: &Plan| {
            if lines.len() == usize::from(max_lines) {
                w.saturating_sub(reserve)
            } else {
                w
            }
        };
        let need = if used == 0 {
            iw
        } else {
            used.saturating_add(SEP).saturating_add(iw)
        };
        if need <= limit(&lines) {
            used = need;
        } else if lines.len() < usize::from(max_lines) && iw <= limit(&lines) {
            lines.push(Vec::new());
            used = iw;
        } else {
            break;
        }
        if let Some(l) = lines.last_mut() {
            l.push((i, true));
        }
    }
    lines
}

/// Lines the legend will take in width `w` given at most `max_lines`.
pub(crate) fn lines(entries: &[Entry<'_>], w: u16, max_lines: u16) -> u16 {
    plan(entries, w, max_lines).len() as u16
}

/// Width of all entries on one line with full names (to see if they fit beside other text).
pub(crate) fn one_line_width(entries: &[Entry<'_>]) -> u16 {
    let all: Vec<(usize, bool)> = (0..entries.len()).map(|i| (i, false)).collect();
    plan_line_width(entries, &all)
}

/// Width of all entries on one line with short names.
pub(crate) fn short_line_width(entries: &[Entry<'_>]) -> u16 {
    let all: Vec<(usize, bool)> = (0..entries.len()).map(|i| (i, true)).collect();
    plan_line_width(entries, &all)
}

/// Draws the legend from (x, y) on at most `max_lines` lines of width `w`.
pub(crate) fn draw(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    w: u16,
    max_lines: u16,
    entries: &[Entry<'_>],
    text: Style,
) {
    let plan = plan(entries, w, max_lines);
    let shown: usize = plan.iter().map(Vec::len).sum();
    let right = x.saturating_add(w);
    let mut cy = y;
    for line in &plan {
        let mut cx = x;
        for (k, &(i, short)) in line.iter().enumerate() {
            if k > 0 {
                cx = cx.saturating_add(SEP);
            }
            let e = &entries[i];
            put_char(buf, cx, cy, e.swatch, e.swatch_style);
            let name = if short { e.short } else { e.name };
            cx = put(
                buf,
                cx.saturating_add(2),
                cy,
                name,
                right.saturating_sub(cx.saturating_add(2)),
                text,
            );
        }
        cy = cy.saturating_add(1);
    }
    if shown < entries.len()
        && let Some(last) = plan.last()
    {
        let end = if last.is_empty() {
            0
        } else {
            plan_line_width(entries, last) + 1
        };
        if end < w {
            put_char(buf, x.saturating_add(end), cy.saturating_sub(1), '…', text);
        }
    }
}

fn plan_line_width(entries: &[Entry<'_>], line: &[(usize, bool)]) -> u16 {
    let items = line.iter().fold(0u16, |w, &(i, s)| {
        w.saturating_add(item_width(&entries[i], s))
    });
    items.saturating_add(SEP * (line.len() as u16).saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::widgets::testutil::row;
    use ratatui::layout::Rect;
    use ratatui::style::Color;

    fn entries() -> Vec<Entry<'static>> {
        [
            ("Social Security", "SS"),
            ("Pension & wages", "Pension"),
            ("Roth conversion", "Conv"),
        ]
        .into_iter()
        .map(|(name, short)| Entry {
            swatch: '█',
            swatch_style: Style::default().fg(Color::Blue),
            name,
            short,
        })
        .collect()
    }

    fn render(w: u16, h: u16) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
        draw(&mut buf, 0, 0, w, h, &entries(), Style::default());
        buf
    }

    #[test]
    fn full_names_on_one_line_when_they_fit() {
        let buf = render(60, 1);
        assert_eq!(
            row(&buf, 0).trim_end(),
            "█ Social Security  █ Pension & wages  █ Roth conversion"
        );
        assert_eq!(buf[(0, 0)].fg, Color::Blue);
        assert_eq!(lines(&entries(), 60, 2), 1);
    }

    #[test]
    fn wraps_to_a_second_line_then_abbreviates() {
        let buf = render(40, 2);
        assert_eq!(
            row(&buf, 0).trim_end(),
            "█ Social Security  █ Pension & wages"
        );
        assert_eq!(row(&buf, 1).trim_end(), "█ Roth conversion");
        let buf = render(30, 1);
        assert_eq!(row(&buf, 0).trim_end(), "█ SS  █ Pension  █ Conv");
    }

    #[test]
    fn marks_entries_that_do_not_fit() {
        let buf = render(17, 1);
        assert_eq!(row(&buf, 0).trim_end(), "█ SS  █ Pension …");
    }

    #[test]
    fn nothing_to_draw_in_no_space() {
        for (w, h) in [(0, 0), (0, 2), (5, 0), (1, 1), (3, 2)] {
            let _ = render(w, h);
            let _ = lines(&entries(), w, h);
        }
    }
}
