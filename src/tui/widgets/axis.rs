//! The vertical money scale shared by the column charts: one scale for the part above the zero
//! line and the part below it, round label steps, and the y-axis drawing.

use ratatui::buffer::Buffer;

use super::text::{put_char, put_right, width};
use crate::tui::theme::Theme;

/// The smallest step of the form 1, 2 or 5 × 10^k that covers `max` in at most `ticks` steps.
/// Returns 1 for a `max` that is zero, negative or not finite.
pub fn nice_step(max: f64, ticks: usize) -> f64 {
    if !max.is_finite() || max <= 0.0 {
        return 1.0;
    }
    let ticks = ticks.max(1) as f64;
    let raw = max / ticks;
    let mag = 10f64.powi(raw.log10().floor() as i32);
    for m in [1.0, 2.0, 5.0, 10.0] {
        let step = m * mag;
        // A hair of tolerance: 0.3 / 0.1 is 2.9999999999999996 in floating point.
        if max / step <= ticks * (1.0 + 1e-9) {
            return step;
        }
    }
    10.0 * mag
}

/// The largest 1, 2 or 5 × 10^k not above `x` (for one round label inside a small range).
fn nice_floor(x: f64) -> f64 {
    let mag = 10f64.powi(x.log10().floor() as i32);
    [5.0, 2.0, 1.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| *s <= x * (1.0 + 1e-9))
        .unwrap_or(mag)
}

/// Rows above and below the zero line, and the money one row stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scale {
    pub up: u16,
    pub down: u16,
    pub per_row: f64,
    /// Distance between labels above zero; 0 when there is nothing to label.
    pub step: f64,
    max_down: f64,
}

/// One y-axis label: `row` counts up from the zero line (negative below it).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Tick {
    pub row: i32,
    pub value: f64,
}

impl Scale {
    /// Splits `rows` (the zero line not included) between the highest stack above zero and the
    /// deepest below. The tallest column fills the space above exactly; the part below gets the
    /// fewest rows that hold it at the same scale, so the income stacks keep the resolution.
    pub fn fit(max_up: f64, max_down: f64, rows: u16) -> Scale {
        let (max_up, max_down) = (clean(max_up), clean(max_down));
        let scale = |up: u16, down: u16, per_row: f64| Scale {
            up,
            down,
            per_row,
            step: if up > 0 && max_up > 0.0 {
                label_step(max_up, up)
            } else {
                0.0
            },
            max_down: if down > 0 { max_down } else { 0.0 },
        };
        if rows == 0 || (max_up == 0.0 && max_down == 0.0) {
            return Scale {
                step: 0.0,
                ..scale(rows, 0, 1.0)
            };
        }
        if max_up == 0.0 {
            return scale(0, rows, max_down / f64::from(rows));
        }
        for down in 0..rows {
            let up = rows - down;
            let per_row = max_up / f64::from(up);
            if max_down <= per_row * f64::from(down) * (1.0 + 1e-9) {
                return scale(up, down, per_row);
            }
        }
        if rows < 2 {
            return scale(rows, 0, max_up / f64::from(rows));
        }
        // Taxes deeper than income is high would crush the income rows: split by share instead.
        let share = f64::from(rows) * max_down / (max_up + max_down);
        let down = (share.round() as u16).clamp(1, rows - 1);
        let up = rows - down;
        scale(
            up,
            down,
            (max_up / f64::from(up)).max(max_down / f64::from(down)),
        )
    }

    /// Rows (fractional) that an amount spans.
    pub fn rows(&self, value: f64) -> f64 {
        if self.per_row > 0.0 {
            clean(value) / self.per_row
        } else {
            0.0
        }
    }

    /// Zero, round steps above it, and one round label below it when there is room.
    /// A label sits on the row where a bar of that height ends.
    pub fn ticks(&self) -> Vec<Tick> {
        let mut ticks = vec![Tick { row: 0, value: 0.0 }];
        let row_of = |v: f64, limit: u16| {
            ((v / self.per_row) - 1e-6)
                .ceil()
                .clamp(1.0, f64::from(limit)) as i32
        };
        if self.step > 0.0 && self.up > 0 {
            let top = f64::from(self.up) * self.per_row * (1.0 + 1e-9);
            for k in 1..=10 {
                let v = f64::from(k) * self.step;
                if v > top {
                    break;
                }
                let row = row_of(v, self.up);
                if ticks.last().is_some_and(|t| t.row != row) {
                    ticks.push(Tick { row, value: v });
                }
            }
        }
        if self.down > 0 && self.max_down > 0.0 {
            let v = if self.step > 0.0 && self.max_down >= self.step {
                (self.max_down / self.step).floor() * self.step
            } else {
                nice_floor(self.max_down)
            };
            ticks.push(Tick {
                row: -row_of(v, self.down),
                value: -v,
            });
        }
        ticks
    }
}

/// Fewer labels on short charts so they never crowd: about one per two rows, at most three.
/// Asking for at least two steps keeps one label below the top even on a 1- or 2-row chart
/// (a single step would round up past the tallest column and label nothing).
fn label_step(max: f64, rows: u16) -> f64 {
    nice_step(max, usize::from(rows / 2).clamp(2, 3)).max(1.0)
}

fn clean(v: f64) -> f64 {
    super::text::clean(v)
}

/// Cells left of the columns for the y-axis: labels of up to 7 cells ("-$12.5k") and the axis
/// line. It depends on the width alone, never on the data, so the income and tax charts stacked
/// in one pane put the same year at the same x, and a click maps to a year without the data.
pub(crate) fn gutter(width: u16) -> u16 {
    match width {
        0..=3 => 0,
        4..=23 => 1,
        _ => LABEL_W + 1,
    }
}

const LABEL_W: u16 = 7;

/// The y-axis labels, formatted; a label too wide for the gutter is left out rather than cut
/// (a clipped amount would misread).
pub(crate) fn labels(ticks: &[Tick], format: &dyn Fn(f64) -> String, gutter: u16) -> Vec<String> {
    ticks
        .iter()
        .map(|t| format(t.value))
        .map(|s| {
            if gutter > 1 && width(&s) < gutter {
                s
            } else {
                String::new()
            }
        })
        .collect()
}

/// Draws the axis line in the gutter's last cell from `up` rows above `zero_y` to `down` rows
/// below, with labels right-aligned against it, and the zero line across to `right`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn draw(
    buf: &mut Buffer,
    x: u16,
    gutter: u16,
    right: u16,
    zero_y: u16,
    scale: &Scale,
    ticks: &[Tick],
    texts: &[String],
    theme: &Theme,
) {
    let plot_x = x.saturating_add(gutter);
    for cx in plot_x..right {
        put_char(buf, cx, zero_y, '─', theme.dim);
    }
    if gutter == 0 {
        return;
    }
    let axis_x = plot_x - 1;
    let top = zero_y.saturating_sub(scale.up);
    let bottom = zero_y.saturating_add(scale.down);
    for y in top..=bottom {
        let labelled = ticks
            .iter()
            .zip(texts)
            .any(|(t, s)| !s.is_empty() && y_of(zero_y, t.row) == Some(y));
        let ch = match (y == zero_y, scale.down > 0, scale.up > 0) {
            (true, true, true) => '┼',
            (true, true, false) => '┌',
            (true, false, _) => '└',
            (false, ..) if labelled => '┤',
            _ => '│',
        };
        put_char(buf, axis_x, y, ch, theme.dim);
    }
    for (t, text) in ticks.iter().zip(texts) {
        if let Some(y) = y_of(zero_y, t.row) {
            put_right(buf, axis_x, y, text, gutter - 1, theme.dim);
        }
    }
}

fn y_of(zero_y: u16, row: i32) -> Option<u16> {
    u16::try_from(i32::from(zero_y) - row).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_steps_are_one_two_or_five_times_a_power_of_ten() {
        assert_eq!(nice_step(100.0, 4), 50.0);
        assert_eq!(nice_step(100.0, 5), 20.0);
        assert_eq!(nice_step(100.0, 10), 10.0);
        assert_eq!(nice_step(130_000.0, 3), 50_000.0);
        assert_eq!(nice_step(210_000.0, 3), 100_000.0);
        assert_eq!(nice_step(1000.0, 4), 500.0);
        assert_eq!(nice_step(1.0, 1), 1.0);
        assert_eq!(nice_step(9.0, 1), 10.0);
        assert_eq!(nice_step(0.3, 3), 0.1);
        assert_eq!(nice_step(1e12, 4), 5e11);
        assert_eq!(nice_step(100.0, 0), 100.0, "zero ticks means one");
        for bad in [0.0, -5.0, f64::NAN, f64::INFINITY] {
            assert_eq!(nice_step(bad, 4), 1.0);
        }
        // Always covers max in at most `ticks` steps, and is never more than needed.
        for max in [1.0, 3.7, 99.0, 101.0, 4999.0, 123_456.0, 9.99e9] {
            for ticks in 1..=6 {
                let s = nice_step(max, ticks);
                assert!((max / s).ceil() <= ticks as f64, "{max} {ticks} {s}");
                let m = s / 10f64.powi(s.log10().floor() as i32);
                assert!([1.0, 2.0, 5.0].iter().any(|n| (m - n).abs() < 1e-9), "{s}");
            }
        }
    }

    #[test]
    fn nice_floor_rounds_down() {
        assert_eq!(nice_floor(23_000.0), 20_000.0);
        assert_eq!(nice_floor(7.0), 5.0);
        assert_eq!(nice_floor(100.0), 100.0);
    }

    #[test]
    fn income_fills_the_top_and_taxes_get_the_rows_they_need() {
        let s = Scale::fit(100_000.0, 20_000.0, 9);
        // 7 rows up at ~14.3k a row: 20k of tax needs 2 rows.
        assert_eq!((s.up, s.down), (7, 2));
        assert!((s.per_row - 100_000.0 / 7.0).abs() < 1e-6);
        assert!(s.rows(100_000.0) <= f64::from(s.up));
        assert!(s.rows(20_000.0) <= f64::from(s.down));
        let s = Scale::fit(100.0, 0.0, 5);
        assert_eq!((s.up, s.down), (5, 0));
    }

    #[test]
    fn taxes_larger_than_income_split_by_share() {
        let s = Scale::fit(10.0, 90.0, 10);
        assert_eq!((s.up, s.down), (1, 9));
        assert!(s.rows(90.0) <= 9.0 + 1e-9 && s.rows(10.0) <= 1.0 + 1e-9);
        let s = Scale::fit(0.0, 50.0, 4);
        assert_eq!((s.up, s.down), (0, 4));
    }

    #[test]
    fn degenerate_scales_do_not_divide_by_zero() {
        for (u, d, r) in [
            (0.0, 0.0, 5),
            (5.0, 5.0, 0),
            (f64::NAN, f64::INFINITY, 3),
            (1e300, 1e300, 1),
        ] {
            let s = Scale::fit(u, d, r);
            assert!(s.per_row.is_finite() && s.per_row > 0.0, "{s:?}");
            assert_eq!(s.up + s.down, r);
            let _ = s.ticks();
        }
    }

    #[test]
    fn ticks_are_round_and_on_the_row_where_such_a_bar_ends() {
        let s = Scale::fit(100_000.0, 20_000.0, 9);
        let ticks = s.ticks();
        assert_eq!(s.step, 50_000.0);
        // 50k is 3.5 rows up: a 50k bar ends inside row 4.
        assert_eq!(
            ticks,
            vec![
                Tick { row: 0, value: 0.0 },
                Tick {
                    row: 4,
                    value: 50_000.0
                },
                Tick {
                    row: 7,
                    value: 100_000.0
                },
                Tick {
                    row: -2,
                    value: -20_000.0
                },
            ]
        );
    }
}
