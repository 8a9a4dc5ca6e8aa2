//! The wealth fan: for each year, the spread of after-tax wealth across market paths — the 10th
//! to 90th percentile as a light band, the 25th to 75th as a darker one, the median marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::widgets::Widget;

use super::chart::{self, Skeleton};
use super::text::{cell, put_trunc};
use crate::tui::theme::Theme;

/// One year's percentiles of after-tax wealth.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FanColumn {
    pub label: String,
    pub p10: f64,
    pub p25: f64,
    pub p50: f64,
    pub p75: f64,
    pub p90: f64,
    /// Share of paths on which the spending guardrails cut spending this year (0 to 1).
    pub cut: f64,
}

/// The heights of a cut-strip cell: none, then an eighth of a row per eighth of the paths.
const CUT_LEVELS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// The glyph for a year in which `share` of the paths cut spending: any cut shows at least an
/// eighth.
pub fn cut_glyph(share: f64) -> char {
    let share = if share.is_finite() {
        share.clamp(0.0, 1.0)
    } else {
        0.0
    };
    CUT_LEVELS[(share * 8.0).ceil() as usize]
}

pub struct FanChart<'a> {
    pub columns: &'a [FanColumn],
    pub cursor: Option<usize>,
    pub theme: &'a Theme,
    pub format_money: &'a dyn Fn(f64) -> String,
    pub title: Option<&'a str>,
    /// A line under the chart (what the bands mean, progress).
    pub note: Option<&'a str>,
}

fn clean(x: f64) -> f64 {
    if x.is_finite() { x.max(0.0) } else { 0.0 }
}

/// The colours of the outer band, the inner band and the median.
fn shades(theme: &Theme) -> (Color, Color, Color) {
    let base = theme.series[0];
    match base {
        Color::Rgb(r, g, b) => {
            let part =
                |c: u8, num: u16, plus: u16| ((u16::from(c) * num / 3 + plus).min(255)) as u8;
            (
                Color::Rgb(part(r, 1, 0), part(g, 1, 0), part(b, 1, 30)),
                Color::Rgb(part(r, 2, 0), part(g, 2, 0), part(b, 2, 0)),
                Color::Rgb(255, 255, 255),
            )
        }
        Color::Reset => (Color::Reset, Color::Reset, Color::Reset),
        other => (Color::DarkGray, other, Color::White),
    }
}

impl Widget for FanChart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let theme = self.theme;
        let block = chart::block(self.title, theme);
        let inner = block.as_ref().map_or(area, |b| b.inner(area));
        let data: Vec<[f64; 5]> = self
            .columns
            .iter()
            .map(|c| {
                // Percentiles are ordered; clean any data that is not.
                let mut v = [c.p10, c.p25, c.p50, c.p75, c.p90].map(clean);
                v.sort_by(f64::total_cmp);
                v
            })
            .collect();
        let note_rows = u16::from(self.note.is_some());
        // A strip under the plot shows in which years the spending guardrails cut, when any
        // path cut and the chart has room for it.
        let strip_rows =
            u16::from(inner.height >= 6 && self.columns.iter().any(|c| clean(c.cut) > 0.0));
        // Rows: plot, cut strip, year labels, note.
        let plot_h = inner.height.saturating_sub(1 + note_rows + strip_rows);
        let max_up = data.iter().map(|v| v[4]).fold(0.0, f64::max);
        let cursor = chart::clamp_cursor(self.cursor, data.len());
        let sk = Skeleton::new(
            inner,
            inner.y,
            plot_h,
            max_up,
            0.0,
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
        if !sk.frame(block, area, buf, theme, label, "No simulation yet") {
            return;
        }
        let (outer, mid, median) = shades(theme);
        if plot_h > 1 {
            sk.draw_axis(buf, theme);
            for i in sk.cols.visible() {
                let v = data[i];
                // Whole cells: a band's edges round to the nearest row above the zero line.
                let row = |x: f64| sk.scale.rows(x).round() as i32;
                let (r10, r25, r50, r75, r90) =
                    (row(v[0]), row(v[1]), row(v[2]), row(v[3]), row(v[4]));
                let x0 = sk.x(i);
                for r in r10.max(0)..r90.max(0) {
                    let inside = r >= r25 && r < r75;
                    let (ch, color) = if theme.monochrome {
                        (if inside { '▓' } else { '░' }, Color::Reset)
                    } else {
                        ('█', if inside { mid } else { outer })
                    };
                    let Some(y) = (sk.zero_y as i32 - 1 - r).try_into().ok() else {
                        continue;
                    };
                    if y < inner.y {
                        continue;
                    }
                    for x in x0..x0.saturating_add(sk.cols.width) {
                        if let Some(c) = cell(buf, x, y) {
                            c.set_char(ch);
                            if !theme.monochrome {
                                c.set_fg(color);
                            }
                        }
                    }
                }
                let median_y = sk.zero_y as i32 - 1 - r50.max(0);
                if median_y >= i32::from(inner.y) {
                    let y = median_y as u16;
                    for x in x0..x0.saturating_add(sk.cols.width) {
                        if let Some(c) = cell(buf, x, y) {
                            c.set_char('━');
                            c.set_style(Style::default().fg(median).patch(theme.accent));
                        }
                    }
                }
            }
        }
        if strip_rows > 0 {
            let y = inner.y + plot_h;
            for i in sk.cols.visible() {
                let ch = cut_glyph(self.columns[i].cut);
                let x0 = sk.x(i);
                for x in x0..x0.saturating_add(sk.cols.width) {
                    if let Some(c) = cell(buf, x, y) {
                        c.set_char(ch);
                        c.set_style(theme.bad);
                    }
                }
            }
        }
        sk.draw_labels(buf, inner.y + plot_h + strip_rows, &label, cursor, theme);
        // On a 1-row chart the labels take the only row and the note has none.
        let note_y = inner.y + plot_h + strip_rows + 1;
        if let Some(note) = self.note.filter(|_| note_y < inner.bottom()) {
            put_trunc(buf, inner.x, note_y, note, inner.width, theme.dim);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::widgets::testutil::{Lcg, dump, sweep_year_charts};
    use ratatui::buffer::Buffer;

    fn money(x: f64) -> String {
        format!("${:.0}k", x / 1000.0)
    }

    fn render(columns: &[FanColumn], w: u16, h: u16, theme: &Theme) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
        FanChart {
            columns,
            cursor: Some(0),
            theme,
            format_money: &money,
            title: Some("Wealth"),
            note: Some("10th-90th percentile"),
        }
        .render(Rect::new(0, 0, w, h), &mut buf);
        buf
    }

    #[test]
    fn bands_and_median_are_drawn_in_order() {
        let cols = vec![
            FanColumn {
                label: "2026".into(),
                p10: 100_000.0,
                p25: 200_000.0,
                p50: 300_000.0,
                p75: 400_000.0,
                p90: 500_000.0,
                cut: 0.0,
            };
            3
        ];
        let buf = render(&cols, 40, 16, &Theme::monochrome());
        let t = dump(&buf);
        assert!(t.contains('━'), "{t}");
        assert!(t.contains('▓') && t.contains('░'), "{t}");
        assert!(t.contains("10th-90th percentile"));
        // the median sits between the inner band's rows
        let lines: Vec<&str> = t.lines().collect();
        let median_row = lines.iter().position(|l| l.contains('━')).unwrap();
        assert!(lines[median_row + 1].contains('▓'));
    }

    #[test]
    fn years_with_spending_cuts_show_in_a_strip_above_the_years() {
        let cols: Vec<FanColumn> = [0.0, 0.05, 0.5, 1.0]
            .iter()
            .enumerate()
            .map(|(i, cut)| FanColumn {
                label: (2026 + i).to_string(),
                p10: 100_000.0,
                p25: 200_000.0,
                p50: 300_000.0,
                p75: 400_000.0,
                p90: 500_000.0,
                cut: *cut,
            })
            .collect();
        let t = dump(&render(&cols, 60, 16, &Theme::monochrome()));
        let lines: Vec<&str> = t.lines().collect();
        let years = lines.iter().position(|l| l.contains("2026")).unwrap();
        let strip = lines[years - 1];
        // none in the first year, at least an eighth for 5%, half, full
        assert!(
            strip.contains('▁') && strip.contains('▄') && strip.contains('█'),
            "{t}"
        );
        assert!(!lines[..years - 1].iter().any(|l| l.contains('▄')), "{t}");
        assert_eq!(cut_glyph(0.0), ' ');
        assert_eq!(cut_glyph(0.01), '▁');
        assert_eq!(cut_glyph(f64::NAN), ' ');
        // no cuts, no strip: the years sit right under the plot
        let plain: Vec<FanColumn> = cols
            .iter()
            .map(|c| FanColumn {
                cut: 0.0,
                ..c.clone()
            })
            .collect();
        let t = dump(&render(&plain, 60, 16, &Theme::monochrome()));
        assert!(!t.contains('█'), "{t}");
    }

    #[test]
    fn never_panics_or_spills_at_any_size_or_with_bad_data() {
        let bad = vec![
            FanColumn {
                label: "x".into(),
                p10: f64::NAN,
                p25: -5.0,
                p50: 1e12,
                p75: f64::INFINITY,
                p90: 0.0,
                cut: f64::NAN,
            };
            45
        ];
        let mut rng = Lcg(13);
        let mixed: Vec<FanColumn> = (0..45)
            .map(|i| FanColumn {
                label: (2025 + i).to_string(),
                p10: rng.amount(),
                p25: rng.amount(),
                p50: rng.amount(),
                p75: rng.amount(),
                p90: rng.amount(),
                cut: rng.amount() / 1e6,
            })
            .collect();
        for cols in [&bad, &mixed] {
            sweep_year_charts(|case, area, buf| {
                FanChart {
                    columns: &cols[..case.n],
                    cursor: case.cursor,
                    theme: case.theme,
                    format_money: &money,
                    title: case.titled.then_some("Wealth"),
                    note: Some("10th-90th percentile"),
                }
                .render(area, buf);
            });
        }
    }
}
