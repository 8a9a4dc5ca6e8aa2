//! Painting one stacked column with eighth-cell resolution.
//!
//! Each segment's top is rounded to the nearest eighth of a cell (cumulatively, so the stack as a
//! whole is exact too). A cell where two segments meet is drawn as a lower-eighths block in the
//! lower segment's colour over the upper segment's colour as background, so boundaries inside a
//! cell stay exact. Without colour (monochrome theme) each segment gets a pattern character and
//! its boundaries round to whole cells instead.

use ratatui::buffer::Buffer;
use ratatui::style::Color;

use super::text::cell;

/// Lower blocks by eighths filled, 0 to 8.
const LOWER: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// One segment of a stack: its height in rows (fractional) and how to draw it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Seg {
    pub rows: f64,
    pub color: Color,
    pub pattern: char,
}

/// Where the stack grows from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Grow {
    /// Up from the bottom edge of row `y` (income above the zero line, tax bars).
    Up,
    /// Down from the top edge of row `y` (taxes below the zero line).
    Down,
}

/// What one cell shows.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Glyph {
    ch: char,
    fg: Option<Color>,
    bg: Option<Color>,
}

/// Paints `segs` (first segment nearest the base) into `rows` rows starting at row `y` and
/// moving away from it, `width` cells wide from `x`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn paint(
    buf: &mut Buffer,
    x: u16,
    width: u16,
    y: u16,
    rows: u16,
    grow: Grow,
    segs: &[Seg],
    mono: bool,
) {
    let ends = ends(segs, rows, mono);
    for r in 0..rows {
        let lo = u32::from(r) * 8;
        let glyph = if mono {
            mono_glyph(lo, &ends, segs)
        } else {
            match grow {
                Grow::Up => glyph_up(lo, &ends, segs),
                Grow::Down => glyph_down(lo, &ends, segs),
            }
        };
        let Some(g) = glyph else { break };
        let cy = match grow {
            Grow::Up => y.checked_sub(r),
            Grow::Down => y.checked_add(r),
        };
        let Some(cy) = cy else { break };
        for cx in x..x.saturating_add(width) {
            if let Some(c) = cell(buf, cx, cy) {
                c.set_char(g.ch);
                if let Some(fg) = g.fg {
                    c.set_fg(fg);
                }
                if let Some(bg) = g.bg {
                    c.set_bg(bg);
                }
            }
        }
    }
}

/// Cumulative segment ends in eighths of a cell (whole cells when monochrome), capped at the
/// space available.
fn ends(segs: &[Seg], rows: u16, mono: bool) -> Vec<u32> {
    let cap = f64::from(rows) * 8.0;
    let mut total = 0.0;
    segs.iter()
        .map(|s| {
            total += if s.rows.is_finite() && s.rows > 0.0 {
                s.rows
            } else {
                0.0
            };
            let e = if mono {
                total.round() * 8.0
            } else {
                (total * 8.0).round()
            };
            e.min(cap) as u32
        })
        .collect()
}

/// The segment covering eighth `p` (counted from the base).
fn seg_at(p: u32, ends: &[u32]) -> Option<usize> {
    ends.iter().position(|&e| e > p)
}

/// The segment with the most eighths in [lo, hi); ties go to the one further from the base so a
/// thin top segment still shows.
fn majority(lo: u32, hi: u32, ends: &[u32]) -> Option<usize> {
    let mut best: Option<(usize, u32)> = None;
    let mut start = 0;
    for (i, &end) in ends.iter().enumerate() {
        let overlap = end.min(hi).saturating_sub(start.max(lo));
        if overlap > 0 && best.is_none_or(|(_, o)| overlap >= o) {
            best = Some((i, overlap));
        }
        start = end;
    }
    best.map(|(i, _)| i)
}

fn glyph_up(lo: u32, ends: &[u32], segs: &[Seg]) -> Option<Glyph> {
    let top = ends.last().copied().unwrap_or(0);
    if top <= lo {
        return None;
    }
    if top < lo + 8 {
        // The stack ends inside this cell: its height is what must be exact.
        let i = majority(lo, top, ends)?;
        return Some(Glyph {
            ch: LOWER[(top - lo) as usize],
            fg: Some(segs[i].color),
            bg: None,
        });
    }
    let (low, high) = (seg_at(lo, ends)?, seg_at(lo + 7, ends)?);
    if low == high {
        return Some(Glyph {
            ch: '█',
            fg: Some(segs[low].color),
            bg: None,
        });
    }
    let split = ends[low] - lo;
    Some(Glyph {
        ch: LOWER[split as usize],
        fg: Some(segs[low].color),
        bg: Some(segs[high].color),
    })
}

/// Below the zero line the first segment is at the top of the cell. Lower blocks still do the
/// work where two segments meet (the lower one as foreground); where the stack ends mid-cell only
/// upper blocks of 1/8 and 1/2 exist (▔ ▀), so that last cell rounds to 0, 1/8, 1/2 or full.
fn glyph_down(lo: u32, ends: &[u32], segs: &[Seg]) -> Option<Glyph> {
    let bottom = ends.last().copied().unwrap_or(0);
    if bottom <= lo {
        return None;
    }
    if bottom < lo + 8 {
        let i = majority(lo, bottom, ends)?;
        let ch = match bottom - lo {
            1 | 2 => '▔',
            3..=5 => '▀',
            _ => '█',
        };
        return Some(Glyph {
            ch,
            fg: Some(segs[i].color),
            bg: None,
        });
    }
    let (upper, lower) = (seg_at(lo, ends)?, seg_at(lo + 7, ends)?);
    if upper == lower {
        return Some(Glyph {
            ch: '█',
            fg: Some(segs[upper].color),
            bg: None,
        });
    }
    let upper_eighths = ends[upper] - lo;
    Some(Glyph {
        ch: LOWER[(8 - upper_eighths) as usize],
        fg: Some(segs[lower].color),
        bg: Some(segs[upper].color),
    })
}

fn mono_glyph(lo: u32, ends: &[u32], segs: &[Seg]) -> Option<Glyph> {
    let i = seg_at(lo, ends)?;
    Some(Glyph {
        ch: segs[i].pattern,
        fg: None,
        bg: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::widgets::testutil::row;
    use ratatui::layout::Rect;

    const A: Color = Color::Blue;
    const B: Color = Color::Green;
    const C: Color = Color::Red;

    fn segs(rows: &[f64]) -> Vec<Seg> {
        let colors = [A, B, C];
        let patterns = ['█', '▓', '▒'];
        rows.iter()
            .enumerate()
            .map(|(i, &r)| Seg {
                rows: r,
                color: colors[i],
                pattern: patterns[i],
            })
            .collect()
    }

    fn column(rows: u16, grow: Grow, s: &[f64], mono: bool) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, 1, rows));
        let y = if grow == Grow::Up { rows - 1 } else { 0 };
        paint(&mut buf, 0, 1, y, rows, grow, &segs(s), mono);
        buf
    }

    #[test]
    fn two_segments_meeting_inside_a_cell_share_it() {
        // A = 1.25 rows, B = 1.5 rows: A fills row 0 and 2/8 of row 1, B the rest of row 1 and
        // 6/8 of row 2.
        let buf = column(4, Grow::Up, &[1.25, 1.5], false);
        let cell = |y| &buf[(0, y)];
        assert_eq!((cell(3).symbol(), cell(3).fg), ("█", A));
        assert_eq!((cell(2).symbol(), cell(2).fg, cell(2).bg), ("▂", A, B));
        assert_eq!(
            (cell(1).symbol(), cell(1).fg, cell(1).bg),
            ("▆", B, Color::Reset)
        );
        assert_eq!(cell(0).symbol(), " ");
    }

    #[test]
    fn the_stack_top_is_exact_even_when_thin_segments_share_a_cell() {
        // 0.25 + 0.25 + 0.125 = 5/8 of one cell; B and A tie at 2/8, the upper one wins.
        let buf = column(1, Grow::Up, &[0.25, 0.25, 0.125], false);
        assert_eq!((buf[(0, 0)].symbol(), buf[(0, 0)].fg), ("▅", B));
    }

    #[test]
    fn downward_stacks_split_cells_and_round_the_end() {
        // Federal 0.75 rows then state 0.5: row 0 is 6/8 A over 2/8 B; row 1 holds 2/8 of B (▔).
        let buf = column(3, Grow::Down, &[0.75, 0.5], false);
        assert_eq!(
            (buf[(0, 0)].symbol(), buf[(0, 0)].fg, buf[(0, 0)].bg),
            ("▂", B, A)
        );
        assert_eq!((buf[(0, 1)].symbol(), buf[(0, 1)].fg), ("▔", B));
        assert_eq!(buf[(0, 2)].symbol(), " ");
        let buf = column(1, Grow::Down, &[0.5], false);
        assert_eq!(buf[(0, 0)].symbol(), "▀");
        let buf = column(1, Grow::Down, &[0.9], false);
        assert_eq!(buf[(0, 0)].symbol(), "█");
    }

    #[test]
    fn monochrome_rounds_to_whole_cells_with_patterns() {
        let buf = column(5, Grow::Up, &[1.4, 1.7, 0.2], false);
        assert_eq!(buf[(0, 4)].symbol(), "█");
        let buf = column(5, Grow::Up, &[1.4, 1.7, 0.2], true);
        // Ends round to 1, 3 and 3 cells: the thin third segment vanishes.
        let col: Vec<String> = (0..5).map(|y| row(&buf, y)).collect();
        assert_eq!(col, [" ", " ", "▓", "▓", "█"]);
        assert_eq!(buf[(0, 4)].fg, Color::Reset, "no colour without colour");
    }

    #[test]
    fn stacks_taller_than_the_space_are_clipped() {
        let buf = column(2, Grow::Up, &[1.0, 5.0, f64::NAN], false);
        assert_eq!(row(&buf, 0), "█");
        assert_eq!(buf[(0, 0)].fg, B);
    }

    #[test]
    fn painting_off_the_buffer_is_harmless() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 2, 2));
        paint(&mut buf, 1, 5, 1, 9, Grow::Up, &segs(&[3.0]), false);
        paint(&mut buf, 0, 1, 1, 9, Grow::Down, &segs(&[3.0]), false);
        paint(
            &mut buf,
            60000,
            3,
            60000,
            9000,
            Grow::Down,
            &segs(&[1e9]),
            false,
        );
        assert_eq!(row(&buf, 0), " █");
    }
}
