//! Taxes per year as stacked bars (federal at the bottom, then state, then IRMAA), with markers
//! where a year climbs into a higher bracket or IRMAA tier: the years a strategy "pays for".

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::bars::{self, Grow, Seg};
use super::chart::{self, Skeleton};
use super::legend::{self, Entry};
use super::text::{clean, put_line, width};
use crate::tui::theme::{TAXES, Theme};

/// One year of taxes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TaxColumn {
    /// The year, e.g. "2031".
    pub label: String,
    pub federal: f64,
    pub state: f64,
    pub irmaa: f64,
    /// The federal bracket reached, e.g. "12%".
    pub bracket: String,
    /// Entered a higher bracket than the year before.
    pub bracket_up: bool,
    /// Entered a higher IRMAA tier than the year before.
    pub irmaa_tier_up: bool,
}

/// Stacked per-year tax bars. Draws a titled border when `title` is given.
pub struct TaxBars<'a> {
    pub columns: &'a [TaxColumn],
    pub cursor: Option<usize>,
    pub theme: &'a Theme,
    /// Formats the y-axis labels and the cursor year's total (the app passes a privacy-aware
    /// formatter).
    pub format_money: &'a dyn Fn(f64) -> String,
    pub title: Option<&'a str>,
}

/// The info line's first spans: "2026: ", the year's total tax and " tax".
const TOTAL_SPANS: usize = 3;
const BRACKET_UP: char = '▲';
const TIER_UP: char = '◆';

impl TaxBars<'_> {
    fn amounts(c: &TaxColumn) -> [f64; 3] {
        [clean(c.federal), clean(c.state), clean(c.irmaa)]
    }

    fn legend(&self) -> Vec<Entry<'static>> {
        let t = self.theme;
        (0..3)
            .filter(|&k| self.columns.iter().any(|c| Self::amounts(c)[k] > 0.0))
            .map(|k| {
                let (swatch, style) = if t.monochrome {
                    (Theme::TAX_PATTERNS[k], t.text)
                } else {
                    ('█', Style::default().fg(t.taxes[k]))
                };
                Entry {
                    swatch,
                    swatch_style: style,
                    name: TAXES[k],
                    short: ["Fed", "State", "IRMAA"][k],
                }
            })
            .collect()
    }

    fn tier_style(&self) -> Style {
        if self.theme.monochrome {
            self.theme.accent
        } else {
            Style::default().fg(self.theme.taxes[2])
        }
    }

    /// The bottom line: the cursor year's bracket and tier changes and total tax, or, with no
    /// cursor, what the markers mean.
    fn info(&self, cursor: Option<usize>) -> Line<'static> {
        let t = self.theme;
        let Some(c) = cursor.and_then(|i| self.columns.get(i)) else {
            let any = self.columns.iter().any(|c| c.bracket_up || c.irmaa_tier_up);
            return if any {
                Line::from(vec![
                    Span::styled(format!("{BRACKET_UP} "), t.bad),
                    Span::styled("higher bracket  ", t.dim),
                    Span::styled(format!("{TIER_UP} "), self.tier_style()),
                    Span::styled("IRMAA tier up", t.dim),
                ])
            } else {
                Line::default()
            };
        };
        // The total first (TOTAL_SPANS spans): it is what a cut line must keep.
        let total: f64 = Self::amounts(c).iter().sum();
        let mut spans = vec![
            Span::styled(format!("{}: ", c.label), t.title),
            Span::styled((self.format_money)(total), t.text),
            Span::styled(" tax", t.dim),
        ];
        let dot = || Span::styled(" · ", t.dim);
        if !c.bracket.is_empty() {
            spans.push(dot());
            spans.push(Span::styled(format!("{} bracket", c.bracket), t.text));
            if c.bracket_up {
                spans.push(Span::styled(format!(" {BRACKET_UP}"), t.bad));
            }
        } else if c.bracket_up {
            spans.push(dot());
            spans.push(Span::styled(format!("bracket up {BRACKET_UP}"), t.bad));
        }
        if c.irmaa_tier_up {
            spans.push(dot());
            spans.push(Span::styled("IRMAA tier up", t.text));
            spans.push(Span::styled(format!(" {TIER_UP}"), self.tier_style()));
        }
        Line::from(spans)
    }
}

impl Widget for TaxBars<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let theme = self.theme;
        let block = chart::block(self.title, theme);
        let inner = block.as_ref().map_or(area, |b| b.inner(area));
        let cursor = chart::clamp_cursor(self.cursor, self.columns.len());
        let entries = self.legend();
        let mut info = self.info(cursor);
        // Plot first; then year labels, the info line, a marker row, and the legend on a line of
        // its own only when it can't share the info line.
        let h = inner.height;
        let (labels, has_info, marker) = (h >= 3, h >= 4, h >= 6);
        let beside = |info: &Line<'_>| {
            [
                legend::one_line_width(&entries),
                legend::short_line_width(&entries),
            ]
            .into_iter()
            .find(|w| width_of(info).saturating_add(3).saturating_add(*w) <= inner.width)
        };
        let mut legend_w = beside(&info);
        let legend_row = h >= 8 && legend_w.is_none() && !entries.is_empty();
        // Too short for a line of its own: the legend keeps its place beside the year's total,
        // whose bracket and tier notes give way. Without it nothing says which colour is which
        // tax (the title may be as short as "taxes").
        if legend_w.is_none() && !legend_row && has_info && cursor.is_some() && !entries.is_empty()
        {
            let total = Line::from(
                info.spans
                    .iter()
                    .take(TOTAL_SPANS)
                    .cloned()
                    .collect::<Vec<_>>(),
            );
            if let Some(w) = beside(&total) {
                (info, legend_w) = (total, Some(w));
            }
        }
        let legend_beside = !entries.is_empty() && legend_w.is_some();
        let legend_w = legend_w.unwrap_or(0);
        let plot_h =
            h - u16::from(labels) - u16::from(has_info) - u16::from(marker) - u16::from(legend_row);
        let plot_top = inner.y + u16::from(marker);
        let max = self
            .columns
            .iter()
            .map(|c| Self::amounts(c).iter().sum::<f64>())
            .fold(0.0, f64::max);
        let sk = Skeleton::new(
            inner,
            plot_top,
            plot_h,
            max,
            0.0,
            self.columns.len(),
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
        if plot_h > 0 {
            sk.draw_axis(buf, theme);
            for i in sk.cols.visible() {
                self.paint(buf, &sk, i);
            }
        }
        let marker_y = if marker {
            Some(inner.y)
        } else {
            (plot_h > 1).then_some(plot_top)
        };
        if let Some(y) = marker_y {
            for i in sk.cols.visible() {
                let c = &self.columns[i];
                let mut marks = Vec::new();
                if c.bracket_up {
                    marks.push((BRACKET_UP, theme.bad));
                }
                if c.irmaa_tier_up {
                    marks.push((TIER_UP, self.tier_style()));
                }
                sk.cols.draw_markers(buf, sk.plot_x, y, i, &marks);
            }
        }
        let mut y = plot_top + plot_h;
        if labels {
            sk.draw_labels(buf, y, &label, cursor, theme);
            y += 1;
        }
        if has_info {
            put_line(buf, inner.x, y, &info, inner.width);
            if legend_beside {
                let x = inner.right() - legend_w;
                legend::draw(buf, x, y, legend_w, 1, &entries, theme.dim);
            }
            y += 1;
        }
        if legend_row {
            legend::draw(buf, inner.x, y, inner.width, 1, &entries, theme.dim);
        }
    }
}

impl TaxBars<'_> {
    fn paint(&self, buf: &mut Buffer, sk: &Skeleton, i: usize) {
        let t = self.theme;
        let amounts = Self::amounts(&self.columns[i]);
        let segs: Vec<Seg> = (0..3)
            .map(|k| Seg {
                rows: sk.scale.rows(amounts[k]),
                color: t.taxes[k],
                pattern: Theme::TAX_PATTERNS[k],
            })
            .collect();
        if sk.scale.up > 0 {
            bars::paint(
                buf,
                sk.x(i),
                sk.cols.width,
                sk.zero_y - 1,
                sk.scale.up,
                Grow::Up,
                &segs,
                t.monochrome,
            );
        }
    }
}

fn width_of(line: &Line<'_>) -> u16 {
    line.spans
        .iter()
        .fold(0u16, |w, s| w.saturating_add(width(&s.content)))
}

#[cfg(test)]
#[path = "tax_bars_tests.rs"]
mod tests;
