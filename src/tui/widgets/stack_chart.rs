//! The income stack: one column per year, income sources stacked above a zero line and taxes
//! hanging below it on the same scale, so a year's gross income and what tax takes of it read
//! at a glance.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;

use super::bars::{self, Grow, Seg};
use super::chart::{self, Skeleton};
use super::legend::{self, Entry};
use super::text::clean;
use crate::tui::theme::{SOURCES, Theme};

pub use super::axis::nice_step;

/// Short legend names for narrow panes, in `SOURCES` order.
const SOURCES_SHORT: [&str; 9] = [
    "Soc Sec",
    "Pension",
    "Dividends",
    "Sales",
    "RMD",
    "Deferred",
    "Roth",
    "Conversion",
    "HSA",
];
/// `TAXES` with "tax" added: in a legend next to income sources "Federal" alone is ambiguous.
const TAX_NAMES: [&str; 5] = [
    "Federal tax",
    "State tax",
    "IRMAA",
    "Health premiums",
    "Medical costs",
];
const TAX_SHORT: [&str; 5] = ["Fed tax", "State tax", "IRMAA", "Health", "Medical"];

/// One year of the chart.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StackColumn {
    /// The year, e.g. "2031".
    pub label: String,
    /// Amounts >= 0 in `SOURCES` order, bottom to top.
    pub sources: [f64; 9],
    /// Federal, state, IRMAA, health premiums and medical costs (>= 0), drawn below the zero line.
    pub taxes: [f64; 5],
    /// Spending the plan could not fund this year; > 0 puts a '!' over the column.
    pub shortfall: f64,
}

/// The income-source stacked column chart. Draws a titled border when `title` is given.
pub struct IncomeStackChart<'a> {
    pub columns: &'a [StackColumn],
    pub cursor: Option<usize>,
    pub theme: &'a Theme,
    /// Formats the y-axis labels (the app passes a privacy-aware formatter).
    pub format_money: &'a dyn Fn(f64) -> String,
    pub title: Option<&'a str>,
}

/// Rows of the chart area, top to bottom.
struct Rows {
    marker: Option<u16>,
    plot_top: u16,
    plot_h: u16,
    labels: Option<u16>,
    legend: (u16, u16),
}

impl IncomeStackChart<'_> {
    /// Legend entries for the series that are non-zero in some year (so an all-Roth plan isn't
    /// explained with eight swatches).
    fn legend(&self, data: &[Year]) -> Vec<Entry<'static>> {
        let t = self.theme;
        let swatch = |color, pattern| {
            if t.monochrome {
                (pattern, t.text)
            } else {
                ('█', Style::default().fg(color))
            }
        };
        let mut entries = Vec::new();
        // First, so that a narrow legend never cuts it: the mark over a year is explained.
        if data.iter().any(|y| y.shortfall > 0.0) {
            entries.push(Entry {
                swatch: '!',
                swatch_style: t.bad.add_modifier(Modifier::BOLD),
                name: "Spending not met",
                short: "Shortfall",
            });
        }
        for k in 0..9 {
            if data.iter().any(|y| y.sources[k] > 0.0) {
                let (ch, style) = swatch(t.series[k], Theme::PATTERNS[k]);
                entries.push(Entry {
                    swatch: ch,
                    swatch_style: style,
                    name: SOURCES[k],
                    short: SOURCES_SHORT[k],
                });
            }
        }
        for k in 0..5 {
            if data.iter().any(|y| y.taxes[k] > 0.0) {
                let (ch, style) = swatch(t.taxes[k], Theme::TAX_PATTERNS[k]);
                entries.push(Entry {
                    swatch: ch,
                    swatch_style: style,
                    name: TAX_NAMES[k],
                    short: TAX_SHORT[k],
                });
            }
        }
        entries
    }

    /// Gives the plot at least three rows before the labels, legend and marker row get theirs.
    fn rows(inner: Rect, legend_lines: impl Fn(u16) -> u16) -> Rows {
        let h = inner.height;
        let legend = legend_lines(match h {
            10.. => 2,
            6.. => 1,
            _ => 0,
        });
        let labels = h >= 4;
        let marker = h >= 9;
        let plot_h = h - legend - u16::from(labels) - u16::from(marker);
        let plot_top = inner.y + u16::from(marker);
        Rows {
            marker: marker.then_some(inner.y),
            plot_top,
            plot_h,
            labels: labels.then_some(plot_top + plot_h),
            legend: (plot_top + plot_h + u16::from(labels), legend),
        }
    }
}

/// One year with every amount made safe to draw.
struct Year {
    sources: [f64; 9],
    taxes: [f64; 5],
    shortfall: f64,
}

impl Widget for IncomeStackChart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let theme = self.theme;
        let block = chart::block(self.title, theme);
        let inner = block.as_ref().map_or(area, |b| b.inner(area));
        let data: Vec<Year> = self
            .columns
            .iter()
            .map(|c| Year {
                sources: c.sources.map(clean),
                taxes: c.taxes.map(clean),
                shortfall: clean(c.shortfall),
            })
            .collect();
        let entries = self.legend(&data);
        let rows = Self::rows(inner, |max| legend::lines(&entries, inner.width, max));
        // One scale for every year, not just the visible ones, so scrolling never rescales.
        let max_up = data
            .iter()
            .map(|y| y.sources.iter().sum::<f64>())
            .fold(0.0, f64::max);
        let max_down = data
            .iter()
            .map(|y| y.taxes.iter().sum::<f64>())
            .fold(0.0, f64::max);
        let cursor = chart::clamp_cursor(self.cursor, data.len());
        let sk = Skeleton::new(
            inner,
            rows.plot_top,
            rows.plot_h,
            max_up,
            max_down,
            data.len(),
            cursor,
            theme,
            self.format_money,
        );
        let label = |i: usize| {
            self.columns
                .get(i)
                .map(|c| c.label.clone())
                .unwrap_or_default()
        };
        if !sk.frame(block, area, buf, theme, label, "No years to chart") {
            return;
        }
        if rows.plot_h > 0 {
            sk.draw_axis(buf, theme);
            for i in sk.cols.visible() {
                paint_year(buf, &sk, i, &data[i], theme);
            }
        }
        let marker_y = rows.marker.or((rows.plot_h > 1).then_some(rows.plot_top));
        if let Some(y) = marker_y {
            for i in sk.cols.visible() {
                let marks = markers(
                    Some(i) == cursor,
                    data[i].shortfall > 0.0,
                    sk.cols.width,
                    theme,
                );
                sk.cols.draw_markers(buf, sk.plot_x, y, i, &marks);
            }
        }
        if let Some(y) = rows.labels {
            sk.draw_labels(buf, y, &label, cursor, theme);
        }
        let (legend_y, legend_lines) = rows.legend;
        legend::draw(
            buf,
            inner.x,
            legend_y,
            inner.width,
            legend_lines,
            &entries,
            theme.text,
        );
    }
}

fn paint_year(buf: &mut Buffer, sk: &Skeleton, i: usize, year: &Year, theme: &Theme) {
    let (x, w, s) = (sk.x(i), sk.cols.width, &sk.scale);
    let up: Vec<Seg> = (0..9)
        .map(|k| Seg {
            rows: s.rows(year.sources[k]),
            color: theme.series[k],
            pattern: Theme::PATTERNS[k],
        })
        .collect();
    let down: Vec<Seg> = (0..5)
        .map(|k| Seg {
            rows: s.rows(year.taxes[k]),
            color: theme.taxes[k],
            pattern: Theme::TAX_PATTERNS[k],
        })
        .collect();
    if s.up > 0 {
        bars::paint(
            buf,
            x,
            w,
            sk.zero_y - 1,
            s.up,
            Grow::Up,
            &up,
            theme.monochrome,
        );
    }
    bars::paint(
        buf,
        x,
        w,
        sk.zero_y.saturating_add(1),
        s.down,
        Grow::Down,
        &down,
        theme.monochrome,
    );
}

/// ▼ over the cursor year, a bold '!' over a year with a shortfall; in a 1-cell column with both,
/// the '!' in the cursor's style.
fn markers(cursor: bool, shortfall: bool, width: u16, theme: &Theme) -> Vec<(char, Style)> {
    let bang = theme.bad.add_modifier(Modifier::BOLD);
    match (cursor, shortfall) {
        (true, true) if width == 1 => vec![('!', bang.patch(theme.cursor))],
        (true, true) => vec![('▼', theme.accent), ('!', bang)],
        (true, false) => vec![('▼', theme.accent)],
        (false, true) => vec![('!', bang)],
        (false, false) => Vec::new(),
    }
}

#[cfg(test)]
#[path = "stack_chart_tests.rs"]
mod tests;
