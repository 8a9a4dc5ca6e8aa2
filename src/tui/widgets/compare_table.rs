//! The strategy comparison: one row per metric, one column per strategy, the best value in each
//! row marked (in colour and with a '*', so it survives a monochrome screen), and the selected
//! strategy's column highlighted top to bottom.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::chart;
use super::text::{put_char, put_right, put_trunc, width};
use crate::tui::theme::Theme;

/// A change against the baseline strategy, e.g. "+$12,400" or "−1.3 yrs".
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Delta {
    pub text: String,
    /// Some(true): an improvement (good style); Some(false): worse (bad style); None: neutral.
    pub better: Option<bool>,
    /// The change in fewer cells (`+$1.25m`), drawn when `text` does not fit, as a value's.
    pub short: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct MetricCell {
    pub text: String,
    /// The best value of its row.
    pub best: bool,
    pub delta: Option<Delta>,
    /// The value in fewer cells (`$23.83b` for `$23,830,373,456`), drawn instead of `text`
    /// when that does not fit: a number cut short at '…' misreads.
    pub short: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct MetricRow {
    pub label: String,
    /// One per strategy, in header order (missing cells draw blank, extra cells are not drawn).
    pub cells: Vec<MetricCell>,
}

/// The comparison table. Draws a titled border when `title` is given.
pub struct ComparisonTable<'a> {
    /// Strategy names.
    pub headers: &'a [String],
    pub rows: &'a [MetricRow],
    /// The highlighted strategy column (clamped to the last one).
    pub selected: usize,
    /// The first row shown: rows above it are counted in the header's label cell.
    pub scroll: usize,
    /// The highlighted column is widened to show its whole name and its longest value.
    pub wide: bool,
    pub theme: &'a Theme,
    pub title: Option<&'a str>,
}

/// Lines that show every row: 1 for the header, and 2 for a row with a delta (the narrow-pane
/// layout; a wide pane puts deltas beside the values and leaves the difference blank). The
/// border drawn when `title` is given adds 2 more.
pub fn preferred_height(rows: &[MetricRow]) -> u16 {
    let lines: usize = rows.iter().map(|r| 1 + usize::from(has_delta(r))).sum();
    u16::try_from(lines + 1).unwrap_or(u16::MAX)
}

/// The strategy under screen column `x` in a table of `headers` drawn with a title (so with a
/// border) in `area`: for turning a mouse click into a strategy.
pub fn strategy_at(
    area: Rect,
    headers: &[String],
    rows: &[MetricRow],
    selected: usize,
    wide: bool,
    theme: &Theme,
    x: u16,
) -> Option<usize> {
    let inner = chart::block(Some(""), theme).map_or(area, |b| b.inner(area));
    let l = Layout::new(
        headers.len(),
        inner.width,
        selected,
        wide_width(headers, rows, selected, wide),
    );
    // A click in the gap after a column counts for that column.
    (l.start..l.start + l.len).find(|j| {
        let left = l.x(inner.x, *j);
        x >= left && x < left + l.width(*j) + SEP && x < inner.right()
    })
}

/// The width the selected column needs for its whole name and its longest value (a sentence
/// such as "+$970 a year vs Proportional" is read only when widened), when widened.
fn wide_width(headers: &[String], rows: &[MetricRow], selected: usize, wide: bool) -> Option<u16> {
    if !wide {
        return None;
    }
    let selected = selected.min(headers.len().saturating_sub(1));
    let name = headers.get(selected)?;
    let longest = rows
        .iter()
        .filter_map(|r| r.cells.get(selected))
        .map(|c| width(&c.text))
        .max()
        .unwrap_or(0);
    Some(width(name).max(longest) + MARK)
}

fn has_delta(row: &MetricRow) -> bool {
    row.cells.iter().any(|c| c.delta.is_some())
}

/// " *" after a value: room is kept in every cell so values line up whether or not they're best.
const MARK: u16 = 2;
const BEST: char = '*';
/// Between strategy columns.
const SEP: u16 = 1;
/// Strategy columns share the width between these bounds: "$1,234,567 *" fits the minimum
/// (a wider value that isn't best may use the marker's room), and beyond the maximum extra width
/// only spreads the numbers apart.
const MIN_COL: u16 = 12;
const MAX_COL: u16 = 24;
/// The metric label column takes 2/5 of the width up to this ("After-tax estate at end").
const MAX_LABEL: u16 = 24;

/// Column geometry for one render. The horizontal part depends only on the width and the number
/// of strategies, never on the texts, so a click maps to a strategy without the data (values
/// too wide for a column end in '…').
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Layout {
    label_w: u16,
    col_w: u16,
    /// The selected column's width (wider than the others when widened).
    wide_w: u16,
    selected: usize,
    /// Deltas beside their values (else on the line under them).
    inline: bool,
    delta_w: u16,
    start: usize,
    len: usize,
    total: usize,
}

impl Layout {
    fn new(total: usize, w: u16, selected: usize, wide: Option<u16>) -> Layout {
        let base = Layout::uniform(total, w, selected);
        let Some(want) = wide else {
            return base;
        };
        if total == 0 || base.len == 0 {
            return base;
        }
        // The selected column takes what its name needs (as far as the width allows); the
        // others share the rest, the window keeping the selected one in view.
        let selected = selected.min(total - 1);
        let avail = w.saturating_sub(base.label_w + 1 + 1);
        if avail < MIN_COL {
            return base;
        }
        let wide_w = want.max(base.col_w).min(avail);
        let others = usize::from(avail.saturating_sub(wide_w).saturating_add(SEP))
            / usize::from(MIN_COL + SEP);
        let len = (others + 1).min(total);
        let start = selected.saturating_sub((len - 1) / 2).min(total - len);
        let col_w = if len > 1 {
            let per =
                usize::from(avail.saturating_sub(wide_w + SEP).saturating_add(SEP)) / (len - 1);
            u16::try_from(per)
                .unwrap_or(u16::MAX)
                .saturating_sub(SEP)
                .clamp(MIN_COL, MAX_COL)
        } else {
            base.col_w
        };
        Layout {
            col_w,
            wide_w,
            selected,
            start,
            len,
            ..base
        }
    }

    fn uniform(total: usize, w: u16, selected: usize) -> Layout {
        let label_w = (w * 2 / 5).min(MAX_LABEL);
        let avail = w.saturating_sub(label_w + 1);
        let fits = |avail: u16| usize::from(avail.saturating_add(SEP)) / usize::from(MIN_COL + SEP);
        let share = |avail: u16, n: usize| {
            let per = usize::from(avail.saturating_add(SEP)) / n.max(1);
            u16::try_from(per)
                .unwrap_or(u16::MAX)
                .saturating_sub(SEP)
                .clamp(MIN_COL, MAX_COL)
        };
        let base = Layout {
            label_w,
            col_w: 0,
            wide_w: 0,
            selected,
            inline: false,
            delta_w: 0,
            start: 0,
            len: total,
            total,
        };
        if fits(avail) >= total {
            let col_w = share(avail, total);
            return Layout {
                col_w,
                wide_w: col_w,
                ..base
            };
        }
        // Scroll: keep one cell for ▶, and the selected strategy in the middle.
        let avail = avail.saturating_sub(1);
        if avail < 2 {
            return Layout { len: 0, ..base };
        }
        let len = fits(avail).clamp(1, total);
        let col_w = share(avail, len).min(avail.saturating_sub(SEP)).max(1);
        let start = selected
            .min(total - 1)
            .saturating_sub(len / 2)
            .min(total - len);
        Layout {
            col_w,
            wide_w: col_w,
            start,
            len,
            ..base
        }
    }

    /// The width of strategy column `j`.
    fn width(&self, j: usize) -> u16 {
        if j == self.selected {
            self.wide_w
        } else {
            self.col_w
        }
    }

    /// Deltas go beside the values when every value and delta fits that way.
    fn with_deltas(mut self, rows: &[MetricRow]) -> Layout {
        let cells = || rows.iter().flat_map(|r| &r.cells);
        let value_w = cells().map(|c| width(&c.text)).max().unwrap_or(0);
        self.delta_w = cells()
            .filter_map(|c| c.delta.as_ref())
            .map(|d| width(&d.text))
            .max()
            .unwrap_or(0);
        self.inline = self.delta_w == 0 || value_w + MARK + 1 + self.delta_w <= self.col_w;
        self
    }

    fn windowed(&self) -> bool {
        self.len < self.total
    }

    /// Left edge of strategy column `j` (visible).
    fn x(&self, x0: u16, j: usize) -> u16 {
        let before: u16 = (self.start..j.max(self.start))
            .map(|k| self.width(k).saturating_add(SEP))
            .fold(0u16, u16::saturating_add);
        x0.saturating_add(self.label_w + 1).saturating_add(before)
    }

    /// Right edge (exclusive) of the value inside a column that ends at `right`.
    fn value_right(&self, right: u16) -> u16 {
        let beside = if self.inline && self.delta_w > 0 {
            self.delta_w + 1
        } else {
            0
        };
        right.saturating_sub(MARK + beside)
    }

    fn lines(&self, row: &MetricRow) -> u16 {
        1 + u16::from(!self.inline && has_delta(row))
    }
}

impl ComparisonTable<'_> {
    fn delta_style(&self, d: &Delta) -> Style {
        match d.better {
            Some(true) => self.theme.good,
            Some(false) => self.theme.bad,
            None => self.theme.dim,
        }
    }

    /// Whether cell `j` of a row, starting at `x`, is too wide whole and has a short form to
    /// stand in.
    fn overflows(l: &Layout, j: usize, x: u16, cell: &MetricCell) -> bool {
        let vr = l.value_right(x.saturating_add(l.width(j)));
        let spill = if cell.best { vr } else { vr + MARK };
        cell.short.is_some() && width(&cell.text) > spill.saturating_sub(x)
    }

    /// Draws a cell; `short` draws its short form (when it has one), as every cell of a row
    /// does when one of them would not fit whole: "$871,177,335" beside "$871.17m" misreads.
    /// Not in a widened column, where the whole text fits: widening asks to read it whole.
    #[allow(clippy::too_many_arguments)]
    fn draw_cell(
        &self,
        buf: &mut Buffer,
        l: &Layout,
        j: usize,
        x: u16,
        y: u16,
        cell: &MetricCell,
        short: bool,
    ) {
        let t = self.theme;
        let right = x.saturating_add(l.width(j));
        let vr = l.value_right(right);
        let style = if cell.best {
            t.text.patch(t.best)
        } else {
            t.text
        };
        // A column widened to be read whole is, where it fits.
        let widened = self.wide && j == l.selected && !Self::overflows(l, j, x, cell);
        let text = match &cell.short {
            Some(s) if short && !widened => s,
            _ => &cell.text,
        };
        // Cutting a number misleads: one that isn't best may spill into the marker's room.
        let vr_text = if !cell.best && width(text) > vr.saturating_sub(x) {
            vr + MARK
        } else {
            vr
        };
        put_right(buf, vr_text, y, text, vr_text.saturating_sub(x), style);
        if cell.best {
            put_char(buf, vr + 1, y, BEST, t.best);
        }
        if let Some(d) = &cell.delta {
            let style = self.delta_style(d);
            let (right, y, room) = if l.inline {
                (right, y, l.delta_w)
            } else {
                (vr, y.saturating_add(1), vr.saturating_sub(x))
            };
            let text = match &d.short {
                Some(s) if width(&d.text) > room => s,
                _ => &d.text,
            };
            put_right(buf, right, y, text, room, style);
        }
    }
}

impl ComparisonTable<'_> {
    /// The header's lines: names too long for their column go on two lines, broken between
    /// words.
    fn head_lines(&self, l: &Layout, inner: Rect) -> u16 {
        let mut visible = l.start..l.start + l.len;
        if inner.height >= 4
            && visible.any(|j| width(self.headers.get(j).map_or("", String::as_str)) > l.width(j))
        {
            2
        } else {
            1
        }
    }

    /// The largest first row worth scrolling to in `area`: the one from which the last rows
    /// fill the table (scrolling further would only leave blank lines below them).
    pub fn max_scroll(&self, area: Rect) -> usize {
        let inner = match chart::block(self.title, self.theme) {
            Some(b) => b.inner(area),
            None => area,
        };
        let wide = wide_width(self.headers, self.rows, self.selected, self.wide);
        let l = Layout::new(self.headers.len(), inner.width, self.selected, wide)
            .with_deltas(self.rows);
        let body = inner.height.saturating_sub(self.head_lines(&l, inner));
        last_start(self.rows, &l, body)
    }
}

/// The first of the last rows that fit in `body` lines together (the last row when none fits).
fn last_start(rows: &[MetricRow], l: &Layout, body: u16) -> usize {
    let mut start = rows.len();
    let mut used = 0u16;
    while start > 0 && used + l.lines(&rows[start - 1]) <= body {
        start -= 1;
        used += l.lines(&rows[start]);
    }
    start.min(rows.len().saturating_sub(1))
}

impl Widget for ComparisonTable<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let t = self.theme;
        let block = chart::block(self.title, t);
        let inner = block.as_ref().map_or(area, |b| b.inner(area));
        let wide = wide_width(self.headers, self.rows, self.selected, self.wide);
        let l = Layout::new(self.headers.len(), inner.width, self.selected, wide)
            .with_deltas(self.rows);
        let head = self.head_lines(&l, inner);
        let body = inner.height.saturating_sub(head);
        let scroll = self.scroll.min(last_start(self.rows, &l, body));
        let rows = &self.rows[scroll.min(self.rows.len())..];
        let window = l
            .windowed()
            .then(|| format!("{}–{} of {}", l.start + 1, l.start + l.len, l.total));
        let window = window.map(|w| {
            format!(
                "{}{w}{}",
                if l.start > 0 { "◀ " } else { "" },
                if l.start + l.len < l.total {
                    " ▶"
                } else {
                    ""
                }
            )
        });
        chart::render_block(block, window, area, buf, t);
        if inner.is_empty() {
            return;
        }
        // Rows that fit; when some don't, the last line says how many are hidden.
        let visible = l.start..l.start + l.len;
        let mut shown = 0;
        let mut used = 0u16;
        for r in rows {
            if used + l.lines(r) > body {
                break;
            }
            used += l.lines(r);
            shown += 1;
        }
        while shown < rows.len() && shown > 0 && used + 1 > body {
            shown -= 1;
            used -= l.lines(&rows[shown]);
        }
        let hidden = rows.len() - shown;
        let selected = self.selected.min(l.total.saturating_sub(1));
        if l.total > 0 && visible.contains(&selected) {
            let band = Rect::new(
                l.x(inner.x, selected),
                inner.y,
                l.width(selected),
                used + head,
            )
            .intersection(inner);
            buf.set_style(band, t.selected);
        }
        // Header.
        for j in visible.clone() {
            let x = l.x(inner.x, j);
            let name = self.headers.get(j).map_or("", String::as_str);
            let right = x.saturating_add(l.width(j));
            let vr = l.value_right(right);
            // Over the values when it fits there; over the whole cell when deltas sit beside
            // the values or the name is long.
            let over_values = !(l.inline && l.delta_w > 0) && width(name) <= vr.saturating_sub(x);
            let end = if over_values { vr } else { right };
            let cell = end.saturating_sub(x);
            if head == 2 && width(name) > cell {
                let (first, rest) = split_words(name, cell);
                put_right(buf, end.min(inner.right()), inner.y, &first, cell, t.title);
                let rest = fit_words(&rest, cell);
                put_right(
                    buf,
                    end.min(inner.right()),
                    inner.y + 1,
                    &rest,
                    cell,
                    t.title,
                );
            } else {
                put_right(buf, end.min(inner.right()), inner.y, name, cell, t.title);
            }
        }
        if l.start > 0 && l.len > 0 {
            put_char(buf, inner.x + l.label_w, inner.y, '◀', t.accent);
        }
        if l.start + l.len < l.total && l.len > 0 {
            let last = l.start + l.len - 1;
            let x = l.x(inner.x, last) + l.width(last);
            if x < inner.right() {
                put_char(buf, x, inner.y, '▶', t.accent);
            }
        }
        if scroll > 0 {
            put_trunc(
                buf,
                inner.x,
                inner.y,
                &format!("↑ {scroll} more"),
                l.label_w,
                t.accent,
            );
        }
        // Body.
        let mut y = inner.y + head;
        for row in &rows[..shown] {
            put_trunc(buf, inner.x, y, &row.label, l.label_w, t.text);
            let short = visible.clone().any(|j| {
                row.cells
                    .get(j)
                    .is_some_and(|c| Self::overflows(&l, j, l.x(inner.x, j), c))
            });
            for j in visible.clone() {
                if let Some(cell) = row.cells.get(j) {
                    self.draw_cell(buf, &l, j, l.x(inner.x, j), y, cell, short);
                }
            }
            y += l.lines(row);
        }
        if hidden > 0 && y < inner.bottom() {
            let note = Line::styled(format!("↓ {hidden} more (↑↓ scroll)"), t.dim);
            put_trunc(buf, inner.x, y, &note.to_string(), inner.width, t.dim);
        }
    }
}

/// The words of `s` that fit in `max` cells, and the rest.
fn split_words(s: &str, max: u16) -> (String, String) {
    let mut first = String::new();
    let mut words = s.split(' ');
    for w in words.by_ref() {
        let next = if first.is_empty() {
            w.to_string()
        } else {
            format!("{first} {w}")
        };
        if width(&next) > max {
            if first.is_empty() {
                // One word longer than the column: it has to be cut.
                return (String::new(), s.to_string());
            }
            let rest: Vec<&str> = std::iter::once(w).chain(words).collect();
            return (first, rest.join(" "));
        }
        first = next;
    }
    (first, String::new())
}

/// `s` if it fits in `max` cells, else its first words and '…'.
fn fit_words(s: &str, max: u16) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let (first, _) = split_words(s, max.saturating_sub(1));
    if first.is_empty() {
        let cut: String = s.chars().take(usize::from(max.saturating_sub(1))).collect();
        format!("{cut}…")
    } else {
        format!("{}…", first.trim_end_matches([',', ';', ':']))
    }
}

#[cfg(test)]
#[path = "compare_table_tests.rs"]
mod tests;
