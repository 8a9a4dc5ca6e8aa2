//! The skeleton both column charts share: the optional titled block, the money scale with its
//! y-axis gutter, and the year columns to the right of it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::border;
use ratatui::text::Line;
use ratatui::widgets::{Block, Widget};

use super::axis::{self, Scale, Tick};
use super::columns::Columns;
use super::text::put_trunc;
use crate::tui::theme::Theme;

/// A titled, bordered block when a title is given; otherwise the chart uses the whole area (the
/// caller's pane draws its own frame).
pub(crate) fn block<'a>(title: Option<&'a str>, theme: &Theme) -> Option<Boxed<'a>> {
    title.map(|t| Boxed {
        title: Line::styled(t, theme.title),
        border: theme.border,
    })
}

/// A bordered box with a title on its top border: what `Block::bordered()` with a border style
/// and a title draws, cell for cell, drawn directly. Ratatui's block first patches its (default,
/// so no-op) style onto every cell of the area, and a frame draws five such boxes: that pass
/// was a fifth of the charts' drawing.
pub(crate) struct Boxed<'a> {
    pub title: Line<'a>,
    pub border: Style,
}

impl Boxed<'_> {
    pub fn inner(&self, area: Rect) -> Rect {
        Block::bordered().inner(area)
    }

    /// Draws the box, with `right` (if any) right-aligned on the top border.
    pub fn render(&self, area: Rect, buf: &mut Buffer, right: Option<&Line<'_>>) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let (left, top) = (area.left(), area.top());
        let (last_x, last_y) = (area.right() - 1, area.bottom() - 1);
        let b = border::PLAIN;
        let mut set = |x: u16, y: u16, symbol: &str| {
            if let Some(c) = buf.cell_mut((x, y)) {
                c.set_symbol(symbol).set_style(self.border);
            }
        };
        // Sides, then corners over their ends, in the order the block draws them.
        for y in top..=last_y {
            set(left, y, b.vertical_left);
        }
        for x in left..=last_x {
            set(x, top, b.horizontal_top);
        }
        for y in top..=last_y {
            set(last_x, y, b.vertical_right);
        }
        for x in left..=last_x {
            set(x, last_y, b.horizontal_bottom);
        }
        set(last_x, last_y, b.bottom_right);
        set(last_x, top, b.top_right);
        set(left, last_y, b.bottom_left);
        set(left, top, b.top_left);
        // Titles between the corners: the title from the left, `right` against the right.
        let titles = Rect {
            x: left.saturating_add(1),
            y: top,
            width: area.width.saturating_sub(2),
            height: 1,
        };
        let width = |l: &Line<'_>| u16::try_from(l.width()).unwrap_or(u16::MAX);
        if !titles.is_empty() {
            let w = width(&self.title);
            (&self.title).render(
                Rect {
                    width: w.min(titles.width),
                    ..titles
                },
                buf,
            );
        }
        if let Some(r) = right
            && !titles.is_empty()
        {
            let w = width(r);
            r.render(
                Rect {
                    x: titles.right().saturating_sub(w).max(titles.left()),
                    width: w.min(titles.width),
                    ..titles
                },
                buf,
            );
        }
    }
}

/// Draws the block, adding "◀ 2031–2050 ▶" on its top border when the years are scrolled.
pub(crate) fn render_block(
    block: Option<Boxed<'_>>,
    window: Option<String>,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) {
    if let Some(b) = block {
        let window = window.map(|w| Line::styled(format!(" {w} "), theme.accent).right_aligned());
        b.render(area, buf, window.as_ref());
    }
}

/// Where things go horizontally and how money maps to rows.
pub(crate) struct Skeleton {
    pub inner: Rect,
    pub scale: Scale,
    /// The zero line's row.
    pub zero_y: u16,
    /// Left edge of the first column.
    pub plot_x: u16,
    pub gutter: u16,
    pub cols: Columns,
    ticks: Vec<Tick>,
    texts: Vec<String>,
}

impl Skeleton {
    /// `plot_top`/`plot_h` are the rows for the bars and the zero line, inside `inner`.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        inner: Rect,
        plot_top: u16,
        plot_h: u16,
        max_up: f64,
        max_down: f64,
        total: usize,
        cursor: Option<usize>,
        theme: &Theme,
        format_money: &dyn Fn(f64) -> String,
    ) -> Skeleton {
        let scale = Scale::fit(max_up, max_down, plot_h.saturating_sub(1));
        let ticks = if plot_h > 0 {
            scale.ticks()
        } else {
            Vec::new()
        };
        let gutter = axis::gutter(inner.width);
        let texts = axis::labels(&ticks, format_money, gutter);
        let cols = Columns::fit(
            total,
            inner.width.saturating_sub(gutter),
            cursor,
            theme.large,
        );
        Skeleton {
            inner,
            scale,
            zero_y: plot_top.saturating_add(scale.up),
            plot_x: inner.x.saturating_add(gutter),
            gutter,
            cols,
            ticks,
            texts,
        }
    }

    /// Draws the block (with the scrolled-years window on its border) and says whether there is
    /// anything to plot: when there are no columns it writes `empty` in the middle instead.
    pub fn frame(
        &self,
        block: Option<Boxed<'_>>,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
        label: impl Fn(usize) -> String,
        empty: &str,
    ) -> bool {
        render_block(block, self.cols.window_title(label), area, buf, theme);
        if self.inner.is_empty() {
            return false;
        }
        if self.cols.total == 0 {
            let y = self.inner.y + self.inner.height / 2;
            put_trunc(buf, self.inner.x, y, empty, self.inner.width, theme.dim);
            return false;
        }
        true
    }

    pub fn draw_axis(&self, buf: &mut Buffer, theme: &Theme) {
        let i = self.inner;
        axis::draw(
            buf,
            i.x,
            self.gutter,
            i.right(),
            self.zero_y,
            &self.scale,
            &self.ticks,
            &self.texts,
            theme,
        );
    }

    /// Year labels on row `y`, with ◀ in the gutter and ▶ at the right edge when scrolled.
    pub fn draw_labels(
        &self,
        buf: &mut Buffer,
        y: u16,
        labels: &dyn Fn(usize) -> String,
        cursor: Option<usize>,
        theme: &Theme,
    ) {
        let gutter_x = (self.gutter > 0).then(|| self.plot_x - 1);
        self.cols.draw_labels(
            buf,
            self.plot_x,
            y,
            gutter_x,
            self.inner.right(),
            labels,
            cursor,
            theme,
        );
    }

    /// Left edge of column `i` (which must be visible).
    pub fn x(&self, i: usize) -> u16 {
        self.cols.x(self.plot_x, i)
    }
}

/// The cursor clamped into the data (a stale cursor past the end still shows the last year).
pub(crate) fn clamp_cursor(cursor: Option<usize>, len: usize) -> Option<usize> {
    cursor.and_then(|c| len.checked_sub(1).map(|last| c.min(last)))
}

/// The inside, the first column's x and the columns of a chart of `years` columns drawn with a
/// title in `area`, as [`Skeleton::new`] lays them out.
fn titled_columns(
    area: Rect,
    years: usize,
    cursor: Option<usize>,
    theme: &Theme,
) -> (Rect, u16, Columns) {
    let inner = block(Some(""), theme).map_or(area, |b| b.inner(area));
    let plot_x = inner.x.saturating_add(axis::gutter(inner.width));
    let cols = Columns::fit(
        years,
        inner.width.saturating_sub(plot_x - inner.x),
        clamp_cursor(cursor, years),
        theme.large,
    );
    (inner, plot_x, cols)
}

/// The scrolled years ("◀ 2031–2050 ▶") a chart of `years` columns drawn with a title in `area`
/// writes on its top border, None when every year shows: what the title must leave room for.
pub fn years_window(
    area: Rect,
    years: usize,
    cursor: Option<usize>,
    theme: &Theme,
    label: impl Fn(usize) -> String,
) -> Option<String> {
    titled_columns(area, years, cursor, theme)
        .2
        .window_title(label)
        .map(|w| format!(" {w} "))
}

/// The year under screen column `x` in a chart of `years` columns drawn with a title (so with a
/// border) in `area`: for turning a mouse click into a year. Both charts lay their columns out
/// the same way, so this serves the income stack and the tax bars alike.
pub fn column_at(
    area: Rect,
    years: usize,
    cursor: Option<usize>,
    theme: &Theme,
    x: u16,
) -> Option<usize> {
    let (inner, plot_x, cols) = titled_columns(area, years, cursor, theme);
    if x < plot_x || x >= inner.right() {
        return None;
    }
    // A click in the gap after a column counts for that column.
    let i = cols.start + usize::from((x - plot_x) / cols.pitch.max(1));
    cols.visible().contains(&i).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Modifier};

    /// The box draws what ratatui's bordered block with the same title draws, at sizes down to
    /// a single cell and with titles wider than the box.
    #[test]
    fn boxes_match_ratatuis_block() {
        let border = Style::new().fg(Color::Cyan);
        let title_style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
        for title in [" Conventional: income by source ", " Dana ⇄ 年金 ", ""] {
            for (w, h) in [(1, 1), (2, 2), (5, 3), (12, 4), (40, 6)] {
                let area = Rect::new(1, 1, w, h);
                let right = Line::styled(" ◀ 2031–2050 ▶ ", title_style).right_aligned();
                let boxed = Boxed {
                    title: Line::styled(title, title_style),
                    border,
                };
                let block = Block::bordered()
                    .border_style(border)
                    .title(Line::styled(title, title_style));
                for with_right in [false, true] {
                    let mut ours = Buffer::empty(Rect::new(0, 0, 44, 8));
                    let mut theirs = ours.clone();
                    boxed.render(area, &mut ours, with_right.then_some(&right));
                    let block = if with_right {
                        block.clone().title_top(right.clone())
                    } else {
                        block.clone()
                    };
                    block.render(area, &mut theirs);
                    assert_eq!(ours, theirs, "{title:?} {w}x{h} {with_right}");
                    assert_eq!(boxed.inner(area), Block::bordered().inner(area));
                }
            }
        }
    }
}
