//! The horizontal layout shared by the year-column charts: how wide each column is, which years
//! are visible (a window that keeps the cursor on screen when they don't all fit), and the year
//! labels along the bottom.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::style::Style;

use super::text::{put, put_char, width};
use crate::tui::theme::Theme;

/// Column geometry for one render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Columns {
    /// Cells per column.
    pub width: u16,
    /// Width plus the gap to the next column.
    pub pitch: u16,
    /// First visible column.
    pub start: usize,
    /// Number of visible columns.
    pub len: usize,
    pub total: usize,
}

impl Columns {
    /// Lays out `total` columns in `avail` cells. Wider columns (up to 3 cells) and a 1-cell gap
    /// when they fit; the presenter theme insists on at least 2 cells so a shared screen stays
    /// legible, and scrolls instead. When scrolling, the last cell is kept free for the ▶ sign.
    pub fn fit(total: usize, avail: u16, cursor: Option<usize>, large: bool) -> Columns {
        // A 2-cell gap first: with 3-cell columns it leaves room to label every year.
        const NORMAL: &[(u16, u16)] = &[(3, 2), (3, 1), (2, 1), (1, 1), (1, 0)];
        const LARGE: &[(u16, u16)] = &[(3, 2), (3, 1), (2, 1)];
        let options = if large { LARGE } else { NORMAL };
        let fits = |avail: u16, (w, gap): (u16, u16)| {
            (usize::from(avail) + usize::from(gap)) / usize::from(w + gap)
        };
        for &(w, gap) in options {
            if fits(avail, (w, gap)) >= total {
                return Columns {
                    width: w,
                    pitch: w + gap,
                    start: 0,
                    len: total,
                    total,
                };
            }
        }
        let (w, gap) = options[options.len() - 1];
        let len = fits(avail.saturating_sub(1), (w, gap)).min(total);
        // Centre the cursor: the widget keeps no state between frames, and a centred window moves
        // predictably as the cursor moves.
        let start = match (cursor, len) {
            (Some(c), 1..) => c.min(total - 1).saturating_sub(len / 2).min(total - len),
            _ => 0,
        };
        Columns {
            width: w,
            pitch: w + gap,
            start,
            len,
            total,
        }
    }

    pub fn visible(&self) -> Range<usize> {
        self.start..self.start + self.len
    }

    pub fn windowed(&self) -> bool {
        self.len < self.total
    }

    /// Left edge of column `i` when the first visible column starts at `x0`.
    pub fn x(&self, x0: u16, i: usize) -> u16 {
        let offset = (i.saturating_sub(self.start)).saturating_mul(usize::from(self.pitch));
        x0.saturating_add(u16::try_from(offset).unwrap_or(u16::MAX))
    }

    /// "◀ 2031–2050 ▶" when scrolled, with the arrows only on the sides that hide years.
    pub fn window_title(&self, label: impl Fn(usize) -> String) -> Option<String> {
        if !self.windowed() || self.len == 0 {
            return None;
        }
        let left = if self.start > 0 { "◀ " } else { "" };
        let right = if self.start + self.len < self.total {
            " ▶"
        } else {
            ""
        };
        let (a, b) = (label(self.start), label(self.start + self.len - 1));
        Some(format!("{left}{a}–{b}{right}"))
    }

    /// Draws year labels on row `y`: every Nth column (N from 1, 2, 5, 10, … so labels never
    /// touch, counted from the first year so they don't jump while scrolling), the cursor's label
    /// always, in `theme.cursor`. `gutter_x` is the cell left of the first column (for ◀) and
    /// `right` the first cell past the chart (▶ goes just before it when years are hidden there).
    #[allow(clippy::too_many_arguments)]
    pub fn draw_labels(
        &self,
        buf: &mut Buffer,
        x0: u16,
        y: u16,
        gutter_x: Option<u16>,
        right: u16,
        labels: &dyn Fn(usize) -> String,
        cursor: Option<usize>,
        theme: &Theme,
    ) {
        let more_right = self.start + self.len < self.total;
        // Keep the last cell for ▶ when years are hidden to the right.
        let arrow = right.saturating_sub(1).max(x0);
        let right = if more_right { arrow } else { right };
        let label_w = self.visible().map(|i| width(&labels(i))).max().unwrap_or(0);
        let every = label_every(label_w + 1, self.pitch);
        let cursor = cursor.filter(|c| self.visible().contains(c));
        // The cursor label first, pulled left if it would run off the edge; the rest avoid it.
        let mut taken: Option<(u16, u16)> = None;
        if let Some(c) = cursor {
            let text = labels(c);
            let w = width(&text);
            let x = self.x(x0, c).min(right.saturating_sub(w)).max(x0);
            put(
                buf,
                x,
                y,
                &text,
                right.saturating_sub(x),
                theme.text.patch(theme.cursor),
            );
            taken = Some((x, x.saturating_add(w)));
        }
        for i in self
            .visible()
            .filter(|i| i % every == 0 && Some(*i) != cursor)
        {
            let text = labels(i);
            let x = self.x(x0, i);
            let end = x.saturating_add(width(&text));
            let clashes = taken.is_some_and(|(a, b)| x <= b && end >= a);
            if end <= right && !clashes {
                put(buf, x, y, &text, end - x, theme.dim);
            }
        }
        if self.start > 0
            && let Some(gx) = gutter_x
        {
            put_char(buf, gx, y, '◀', theme.accent);
        }
        if more_right && arrow > x0 {
            put_char(buf, arrow, y, '▶', theme.accent);
        }
    }

    /// Draws a column's markers (e.g. "▼!") centred over column `i` on row `y`; when they don't
    /// all fit a 1-cell column, the first one wins.
    pub fn draw_markers(
        &self,
        buf: &mut Buffer,
        x0: u16,
        y: u16,
        i: usize,
        marks: &[(char, Style)],
    ) {
        if marks.is_empty() {
            return;
        }
        let n = u16::try_from(marks.len())
            .unwrap_or(u16::MAX)
            .min(self.width);
        let x = self.x(x0, i) + (self.width - n) / 2;
        for (k, &(ch, style)) in marks.iter().take(usize::from(n)).enumerate() {
            put_char(buf, x + k as u16, y, ch, style);
        }
    }
}

/// The smallest of 1, 2, 5, 10, 20, 50, … columns whose span holds a label and a space.
fn label_every(need: u16, pitch: u16) -> usize {
    let pitch = usize::from(pitch.max(1));
    (0..)
        .map(nice)
        .find(|n| n.saturating_mul(pitch) >= usize::from(need))
        .unwrap_or(1)
}

/// The k-th number of the sequence 1, 2, 5, 10, 20, 50, 100, …
fn nice(k: usize) -> usize {
    [1usize, 2, 5][k % 3].saturating_mul(10usize.saturating_pow((k / 3) as u32))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::widgets::testutil::row;
    use ratatui::layout::Rect;

    #[test]
    fn wide_columns_when_there_is_room() {
        let c = Columns::fit(5, 40, None, false);
        assert_eq!((c.width, c.pitch, c.start, c.len), (3, 5, 0, 5));
        let c = Columns::fit(5, 20, None, false);
        assert_eq!((c.width, c.pitch, c.start, c.len), (3, 4, 0, 5));
        let c = Columns::fit(10, 29, None, false);
        assert_eq!((c.width, c.pitch), (2, 3));
        let c = Columns::fit(30, 59, None, false);
        assert_eq!((c.width, c.pitch, c.len), (1, 2, 30));
        let c = Columns::fit(40, 40, None, false);
        assert_eq!((c.width, c.pitch, c.len), (1, 1, 40));
    }

    #[test]
    fn scrolls_around_the_cursor_when_years_do_not_fit() {
        let c = Columns::fit(40, 21, Some(30), false);
        assert_eq!((c.width, c.pitch, c.len), (1, 1, 20), "one cell kept for ▶");
        assert_eq!(c.start, 20);
        assert!(c.visible().contains(&30));
        let c = Columns::fit(40, 21, Some(39), false);
        assert_eq!(c.visible(), 20..40);
        let c = Columns::fit(40, 21, Some(500), false);
        assert_eq!(c.visible(), 20..40, "a cursor past the end is clamped");
        let c = Columns::fit(40, 21, None, false);
        assert_eq!(c.visible(), 0..20);
        let title = c.window_title(|i| (2025 + i).to_string());
        assert_eq!(title.as_deref(), Some("2025–2044 ▶"));
        let c = Columns::fit(40, 21, Some(25), false);
        assert_eq!(
            c.window_title(|i| (2025 + i).to_string()).as_deref(),
            Some("◀ 2040–2059 ▶")
        );
    }

    #[test]
    fn presenter_columns_are_at_least_two_cells() {
        let c = Columns::fit(30, 61, Some(0), true);
        assert_eq!((c.width, c.pitch), (2, 3));
        assert_eq!(c.len, 20);
        let c = Columns::fit(3, 61, None, true);
        assert_eq!(c.width, 3);
    }

    #[test]
    fn nothing_fits_in_nothing() {
        let c = Columns::fit(10, 0, Some(3), false);
        assert_eq!(c.len, 0);
        assert_eq!(c.window_title(|i| i.to_string()), None);
        let c = Columns::fit(0, 10, Some(3), false);
        assert_eq!(c.len, 0);
        assert!(!c.windowed());
    }

    #[test]
    fn labels_every_fifth_year_on_single_cells_and_the_cursor_always() {
        assert_eq!(label_every(5, 1), 5);
        assert_eq!(label_every(5, 2), 5);
        assert_eq!(label_every(5, 4), 2);
        assert_eq!(label_every(5, 5), 1);
        let c = Columns::fit(12, 12, Some(7), false);
        let mut buf = Buffer::empty(Rect::new(0, 0, 14, 1));
        let theme = Theme::standard();
        c.draw_labels(
            &mut buf,
            1,
            0,
            Some(0),
            13,
            &|i| (2025 + i).to_string(),
            Some(7),
            &theme,
        );
        assert_eq!(row(&buf, 0), " 2025   2032  ");
        assert_eq!(buf[(8, 0)].style().add_modifier, theme.cursor.add_modifier);
    }

    #[test]
    fn labels_show_scroll_arrows() {
        let c = Columns::fit(40, 11, Some(20), false);
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 1));
        c.draw_labels(
            &mut buf,
            1,
            0,
            Some(0),
            12,
            &|i| (2025 + i).to_string(),
            None,
            &Theme::standard(),
        );
        let text = row(&buf, 0);
        assert!(text.starts_with('◀') && text.ends_with('▶'), "{text}");
    }
}
