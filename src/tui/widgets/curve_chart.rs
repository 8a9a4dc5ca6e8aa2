//! The marginal-rate curve of a year: tax on the next dollar against extra IRA income, drawn as
//! an area (federal, state on top) so the torpedo's hump and the bracket steps stand out, with
//! IRMAA cliffs marked where one more dollar costs a whole tier.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::bars::{Grow, Seg, paint};
use super::chart;
use super::text::{put, put_char, put_trunc};
use crate::tui::theme::Theme;

/// One stretch of constant rates, from `extra` to the next stretch's `extra` (or the end).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CurveStretch {
    pub extra: f64,
    pub federal: f64,
    pub state: f64,
    /// Yearly IRMAA surcharge added where this stretch starts (a cliff), if any.
    pub irmaa_step: f64,
    /// Yearly Marketplace premium added where this stretch starts (the credit's cliff), if any.
    pub aca_step: f64,
}

pub struct CurveChart<'a> {
    pub stretches: &'a [CurveStretch],
    /// Extra income at the right edge.
    pub max_extra: f64,
    pub theme: &'a Theme,
    pub format_money: &'a dyn Fn(f64) -> String,
    pub title: Option<&'a str>,
}

fn clean(x: f64) -> f64 {
    if x.is_finite() { x.max(0.0) } else { 0.0 }
}

impl CurveChart<'_> {
    /// Rates at an amount of extra income.
    fn at(&self, extra: f64) -> (f64, f64) {
        let mut rates = (0.0, 0.0);
        for s in self.stretches {
            if s.extra <= extra {
                rates = (clean(s.federal), clean(s.state));
            } else {
                break;
            }
        }
        rates
    }
}

impl Widget for CurveChart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let theme = self.theme;
        let block = chart::block(self.title, theme);
        let inner = block.as_ref().map_or(area, |b| b.inner(area));
        chart::render_block(block, None, area, buf, theme);
        if inner.width < 12 || inner.height < 4 || self.max_extra <= 0.0 {
            return;
        }
        // Rows: markers, plot, x axis labels, legend.
        let gutter = 5u16;
        let plot_x = inner.x + gutter;
        let plot_w = inner.width - gutter;
        let plot_top = inner.y + 1;
        let plot_h = inner.height.saturating_sub(3);
        if plot_h == 0 {
            return;
        }
        let top_rate = self
            .stretches
            .iter()
            .map(|s| clean(s.federal) + clean(s.state))
            .fold(0.4_f64, f64::max)
            .min(1.0);
        let top_rate = (top_rate * 10.0).ceil() / 10.0;
        let base_y = plot_top + plot_h - 1;
        // Rate labels every 10 or 20 points.
        let step = if top_rate > 0.6 { 0.2 } else { 0.1 };
        let mut r = 0.0;
        while r <= top_rate + 1e-9 {
            let rows = (r / top_rate * f64::from(plot_h)).round() as u16;
            if let Some(y) = base_y.checked_sub(rows.min(plot_h - 1)) {
                put(
                    buf,
                    inner.x,
                    y,
                    &format!("{:>3.0}%", r * 100.0),
                    gutter,
                    theme.dim,
                );
            }
            r += step;
        }
        let (federal_color, state_color) = (theme.taxes[0], theme.taxes[1]);
        for col in 0..plot_w {
            let extra = (f64::from(col) + 0.5) / f64::from(plot_w) * self.max_extra;
            let (federal, state) = self.at(extra);
            let per_row = top_rate / f64::from(plot_h);
            let segs = [
                Seg {
                    rows: federal / per_row,
                    color: federal_color,
                    pattern: '█',
                },
                Seg {
                    rows: state / per_row,
                    color: state_color,
                    pattern: '▒',
                },
            ];
            paint(
                buf,
                plot_x + col,
                1,
                base_y,
                plot_h,
                Grow::Up,
                &segs,
                theme.monochrome,
            );
        }
        // IRMAA cliffs above the plot.
        for s in self.stretches.iter().filter(|s| s.irmaa_step > 0.0) {
            if s.extra > self.max_extra {
                continue;
            }
            let col = (s.extra / self.max_extra * f64::from(plot_w)) as u16;
            put_char(buf, plot_x + col.min(plot_w - 1), inner.y, '◆', theme.bad);
        }
        // The Marketplace credit's cliffs, where one more dollar costs the credit.
        for s in self.stretches.iter().filter(|s| s.aca_step > 0.0) {
            if s.extra > self.max_extra {
                continue;
            }
            let col = (s.extra / self.max_extra * f64::from(plot_w)) as u16;
            put_char(buf, plot_x + col.min(plot_w - 1), inner.y, '▼', theme.bad);
        }
        // Extra income along the bottom: $0, then a few round amounts.
        let label_y = base_y + 1;
        let marks = 4u16;
        for m in 0..=marks {
            let col = (u32::from(plot_w - 1) * u32::from(m) / u32::from(marks)) as u16;
            let text = (self.format_money)(self.max_extra * f64::from(m) / f64::from(marks));
            let len = text.chars().count() as u16;
            let x =
                (plot_x + col).saturating_sub(if m == marks { len.saturating_sub(1) } else { 0 });
            // A narrow chart clips a wide label at the border rather than past it.
            let room = len.min(inner.right().saturating_sub(x));
            put(buf, x, label_y, &text, room, theme.dim);
        }
        let aca = self.stretches.iter().any(|s| s.aca_step > 0.0);
        let legend = match (theme.monochrome, aca) {
            (true, false) => "█ federal  ▒ state  ◆ IRMAA tier (two years on)  x: extra IRA income",
            (false, false) => {
                "federal, state on top · ◆ IRMAA tier (two years on) · x: extra IRA income"
            }
            (true, true) => {
                "█ federal  ▒ state  ◆ IRMAA tier  ▼ Marketplace credit lost  x: extra IRA income"
            }
            (false, true) => {
                "federal, state on top · ◆ IRMAA tier · ▼ Marketplace credit lost · x: extra IRA income"
            }
        };
        let y = label_y + 1;
        if y < inner.y + inner.height {
            let mut x = inner.x;
            if !theme.monochrome {
                put_char(buf, x, y, '█', Style::default().fg(federal_color));
                put_char(buf, x + 1, y, '█', Style::default().fg(state_color));
                x += 3;
            }
            put_trunc(
                buf,
                x,
                y,
                legend,
                inner.right().saturating_sub(x),
                theme.dim,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::widgets::testutil::{dump, render_contained, sizes};

    fn money(x: f64) -> String {
        format!("${:.0}k", x / 1000.0)
    }

    fn torpedo() -> Vec<CurveStretch> {
        vec![
            CurveStretch {
                extra: 0.0,
                federal: 0.0,
                state: 0.05,
                irmaa_step: 0.0,
                aca_step: 0.0,
            },
            CurveStretch {
                extra: 20_000.0,
                federal: 0.222,
                state: 0.05,
                irmaa_step: 0.0,
                aca_step: 0.0,
            },
            CurveStretch {
                extra: 60_000.0,
                federal: 0.22,
                state: 0.05,
                irmaa_step: 0.0,
                aca_step: 0.0,
            },
            CurveStretch {
                extra: 150_000.0,
                federal: 0.24,
                state: 0.05,
                irmaa_step: 2296.8,
                aca_step: 0.0,
            },
        ]
    }

    fn render(stretches: &[CurveStretch], w: u16, h: u16, theme: &Theme) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
        CurveChart {
            stretches,
            max_extra: 300_000.0,
            theme,
            format_money: &money,
            title: Some("Marginal rate"),
        }
        .render(Rect::new(0, 0, w, h), &mut buf);
        buf
    }

    #[test]
    fn the_hump_and_the_cliff_are_drawn() {
        let buf = render(&torpedo(), 60, 14, &Theme::monochrome());
        let t = dump(&buf);
        assert!(t.contains('◆'), "{t}");
        assert!(t.contains("$0k") && t.contains("$300k"), "{t}");
        assert!(t.contains("20%"), "{t}");
        // Left of the torpedo only the state tax shows; after it the federal part fills below.
        let lines: Vec<&str> = t.lines().collect();
        let base = lines.len() - 4;
        let row: Vec<char> = lines[base].chars().collect();
        assert_eq!(row[6], '▒', "{t}");
        assert_eq!(row[40], '█', "{t}");
    }

    #[test]
    fn never_panics_or_spills() {
        let bad = vec![CurveStretch {
            extra: f64::NAN,
            federal: f64::INFINITY,
            state: -1.0,
            irmaa_step: 1.0,
            aca_step: 1.0,
        }];
        for theme in [Theme::standard(), Theme::monochrome()] {
            for stretches in [torpedo(), bad.clone(), Vec::new()] {
                for size in sizes() {
                    render_contained(size, |area, buf| {
                        CurveChart {
                            stretches: &stretches,
                            max_extra: 300_000.0,
                            theme: &theme,
                            format_money: &money,
                            title: Some("Marginal rate"),
                        }
                        .render(area, buf)
                    });
                }
            }
        }
    }
}
