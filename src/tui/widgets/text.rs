//! Safe text and cell writes for the widgets: every write is clipped to the buffer, so a layout
//! bug can at worst draw something wrong, never panic (ratatui's `buf[(x, y)]` panics outside
//! the buffer).

use ratatui::buffer::{Buffer, Cell};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Display width in terminal cells (what ratatui itself uses to lay text out).
pub(crate) fn width(s: &str) -> u16 {
    u16::try_from(cells(s)).unwrap_or(u16::MAX)
}

/// [`width`] without the cap.
pub(crate) fn cells(s: &str) -> usize {
    if plain(s) {
        s.len()
    } else {
        Span::raw(s).width()
    }
}

/// Printable ASCII only: every byte is a grapheme one cell wide. Most of what the planner draws
/// (amounts, years, labels) is, and ratatui's general path segments graphemes and looks up
/// widths character by character, which made up most of a frame's text cost.
fn plain(s: &str) -> bool {
    s.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// What `Buffer::set_stringn` writes, with a shortcut for plain ASCII; returns the position
/// after the last cell written. Cells outside the buffer are skipped, never indexed.
fn set_str(buf: &mut Buffer, x: u16, y: u16, s: &str, max: usize, style: Style) -> (u16, u16) {
    if !plain(s) {
        let a = buf.area;
        if y < a.top() || y >= a.bottom() || x < a.left() {
            return (x, y);
        }
        return buf.set_stringn(x, y, s, max, style);
    }
    let max = u16::try_from(max).unwrap_or(u16::MAX);
    let room = buf.area.right().saturating_sub(x).min(max);
    let a = buf.area;
    if y >= a.top() && y < a.bottom() && x >= a.left() {
        // The whole run lies in one row of the buffer: its cells are consecutive, so they are
        // written from a slice rather than each looked up by position (a bounds check and an
        // index computation per character, a tenth of a frame's text cost).
        let w = room.min(u16::try_from(s.len()).unwrap_or(u16::MAX));
        let n = usize::from(w);
        let start = usize::from(y - a.y) * usize::from(a.width) + usize::from(x - a.x);
        if let Some(cells) = buf.content.get_mut(start..start + n) {
            for (c, i) in cells.iter_mut().zip(0..n) {
                c.set_symbol(&s[i..=i]).set_style(style);
            }
            return (x + w, y);
        }
    }
    let mut end = x;
    for (i, _) in s.char_indices().take(usize::from(room)) {
        if let Some(c) = buf.cell_mut((end, y)) {
            c.set_symbol(&s[i..=i]).set_style(style);
        }
        end += 1;
    }
    (end, y)
}

/// What `Buffer::set_line` writes (each span after the one before, the line's style under the
/// span's), through [`set_str`].
fn set_line(buf: &mut Buffer, x: u16, y: u16, line: &Line<'_>, max: u16) -> (u16, u16) {
    let mut remaining = max;
    let mut x = x;
    for span in line {
        if remaining == 0 {
            break;
        }
        let pos = set_str(
            buf,
            x,
            y,
            span.content.as_ref(),
            usize::from(remaining),
            line.style.patch(span.style),
        );
        remaining = remaining.saturating_sub(pos.0.saturating_sub(x));
        x = pos.0;
    }
    (x, y)
}

/// The cell at (x, y) when it is inside the buffer.
pub(crate) fn cell(buf: &mut Buffer, x: u16, y: u16) -> Option<&mut Cell> {
    buf.cell_mut((x, y))
}

pub(crate) fn put_char(buf: &mut Buffer, x: u16, y: u16, ch: char, style: Style) {
    if let Some(c) = cell(buf, x, y) {
        c.set_char(ch).set_style(style);
    }
}

/// Writes at most `max` cells of `s` from x; returns the x after the last cell written.
pub(crate) fn put(buf: &mut Buffer, x: u16, y: u16, s: &str, max: u16, style: Style) -> u16 {
    let a = buf.area;
    if y < a.top() || y >= a.bottom() || x < a.left() || x >= a.right() || max == 0 {
        return x;
    }
    set_str(buf, x, y, s, usize::from(max), style).0
}

/// Like [`put`], but a string wider than `max` ends in '…' so the cut is visible.
pub(crate) fn put_trunc(buf: &mut Buffer, x: u16, y: u16, s: &str, max: u16, style: Style) -> u16 {
    if width(s) <= max {
        return put(buf, x, y, s, max, style);
    }
    if max == 0 {
        return x;
    }
    let end = put(buf, x, y, s, max - 1, style);
    put_char(buf, end, y, '…', style);
    end.saturating_add(1)
}

/// Writes a styled line from x, at most `max` cells, ending in '…' when cut; returns the x
/// after it.
pub(crate) fn put_line(buf: &mut Buffer, x: u16, y: u16, line: &Line<'_>, max: u16) -> u16 {
    let a = buf.area;
    if y < a.top() || y >= a.bottom() || x < a.left() || x >= a.right() || max == 0 {
        return x;
    }
    let w = u16::try_from(line.width()).unwrap_or(u16::MAX);
    if w <= max {
        return set_line(buf, x, y, line, max).0;
    }
    let end = set_line(buf, x, y, line, max - 1).0;
    let style = line
        .spans
        .last()
        .map_or(line.style, |s| line.style.patch(s.style));
    put_char(buf, end, y, '…', style);
    end.saturating_add(1)
}

/// Lines from the top of `area`, each cut at its width: what `Paragraph::new(lines)` draws (no
/// wrap, left-aligned, default style) without the paragraph's two style passes over every cell
/// of the area and its per-grapheme line composer, which made up most of a frame's text cost.
pub(crate) fn put_lines(buf: &mut Buffer, area: ratatui::layout::Rect, lines: &[Line<'_>]) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    for (line, y) in lines.iter().zip(area.top()..area.bottom()) {
        set_line(buf, area.x, y, line, area.width);
    }
}

/// Right-aligns `s` so that it ends just before `right`, using at most `max` cells to the left.
pub(crate) fn put_right(buf: &mut Buffer, right: u16, y: u16, s: &str, max: u16, style: Style) {
    let w = width(s).min(max);
    put_trunc(buf, right.saturating_sub(w), y, s, w, style);
}

/// Money and other amounts as drawn: NaN, infinities and negatives become 0 (the data contract
/// says amounts are >= 0), and absurd sizes are capped so sums can never overflow to infinity.
pub(crate) fn clean(v: f64) -> f64 {
    if v.is_finite() && v > 0.0 {
        v.min(1e18)
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::widgets::testutil::row;
    use ratatui::layout::Rect;

    #[test]
    fn writes_outside_the_buffer_are_ignored() {
        let mut buf = Buffer::empty(Rect::new(2, 2, 4, 1));
        put(&mut buf, 0, 0, "xx", 5, Style::default());
        put(&mut buf, 2, 9, "xx", 5, Style::default());
        put_char(&mut buf, 100, 2, 'x', Style::default());
        put(&mut buf, 4, 2, "abcdef", 10, Style::default());
        assert_eq!(row(&buf, 2), "  ab");
    }

    #[test]
    fn truncation_shows_an_ellipsis() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 1));
        put_trunc(&mut buf, 0, 0, "Proportional", 5, Style::default());
        put_right(&mut buf, 8, 0, "ab", 3, Style::default());
        assert_eq!(buf, Buffer::with_lines(["Prop… ab"]));
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 1));
        put_line(
            &mut buf,
            0,
            0,
            &Line::from(vec![Span::raw("2031: "), Span::raw("$12k")]),
            8,
        );
        assert_eq!(buf, Buffer::with_lines(["2031: $…"]));
    }

    /// The direct writes draw what ratatui's widgets draw, cell for cell and style for style:
    /// plain ASCII, text with wide and combining characters, lines cut at the edge.
    #[test]
    fn direct_writes_match_ratatui() {
        use ratatui::style::{Color, Modifier};
        use ratatui::widgets::{Paragraph, Widget};
        let bold = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
        let lines = [
            Line::from(vec![
                Span::raw("  Balance "),
                Span::styled("$600,000", bold),
            ]),
            Line::from(Span::styled("Dana's IRA ⇄ 年金 é", bold)),
            Line::from("a line far too long for the area it is drawn in, cut at its edge"),
            Line::from(vec![Span::styled("◆ ", bold), Span::raw("x\ty")]),
        ];
        for width in [1, 7, 12, 30] {
            let area = Rect::new(1, 1, width, 3);
            let mut ours = Buffer::empty(Rect::new(0, 0, 32, 5));
            let mut theirs = ours.clone();
            put_lines(&mut ours, area, &lines);
            Paragraph::new(lines.to_vec()).render(area, &mut theirs);
            assert_eq!(ours, theirs, "width {width}");
        }
        for s in ["$1,234", "Dana ⇄", "年金 plan", "é", ""] {
            for max in [0, 1, 3, 9] {
                let mut ours = Buffer::empty(Rect::new(0, 0, 10, 1));
                let mut theirs = ours.clone();
                let end = put(&mut ours, 2, 0, s, max, bold);
                let (x, _) = theirs.set_stringn(2, 0, s, usize::from(max), bold);
                assert_eq!((ours, end), (theirs, x), "{s:?} in {max}");
            }
            assert_eq!(usize::from(width(s)), Span::raw(s).width());
        }
    }

    #[test]
    fn clean_zeroes_bad_numbers() {
        assert_eq!(clean(f64::NAN), 0.0);
        assert_eq!(clean(f64::INFINITY), 0.0);
        assert_eq!(clean(-5.0), 0.0);
        assert_eq!(clean(1e300), 1e18);
        assert_eq!(clean(12.5), 12.5);
    }
}
