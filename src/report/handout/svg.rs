//! Small SVG building blocks for the handout's charts: escaping, fill patterns, round axis
//! steps. Charts are drawn in a 680-unit-wide box (180 mm, the printable width of A4 with 15 mm
//! margins, at 96 units an inch) and scale to the width they are given.

use super::series::{Pattern, Series};
use std::fmt::Write as _;

/// The width charts are drawn at.
pub const WIDTH: f64 = 680.0;

/// Text escaped for HTML and SVG content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A coordinate, to a tenth of a unit (enough for print, and stable text for the kept example).
pub fn n(x: f64) -> String {
    let x = if x.is_finite() { x } else { 0.0 };
    let r = (x * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// The smallest step of the form 1, 2 or 5 × 10^k that covers `max` in at most `ticks` steps
/// (1 for a `max` that is zero, negative or not finite).
pub fn nice_step(max: f64, ticks: usize) -> f64 {
    if !max.is_finite() || max <= 0.0 {
        return 1.0;
    }
    let raw = max / ticks.max(1) as f64;
    let mag = 10f64.powi(raw.log10().floor() as i32);
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|step| max / step <= ticks.max(1) as f64 * (1.0 + 1e-9))
        .unwrap_or(10.0 * mag)
}

/// Spacing of a pattern's marks. Marks sit on one grid for the whole chart, so the segments
/// of a stacked column continue each other's pattern.
const GRID: f64 = 6.0;

/// A rectangle filled with a series' colour and its pattern's marks drawn over it (as geometry,
/// not an SVG `<pattern>`: browsers print patterns as huge PDFs).
pub fn filled_rect(out: &mut String, s: &Series, x: f64, y: f64, w: f64, h: f64) {
    let _ = write!(
        out,
        r##"<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#1a1a1a" stroke-width="0.35"/>"##,
        n(x),
        n(y),
        n(w),
        n(h),
        s.hex()
    );
    let mark = if s.luminance() > 0.3 {
        "#1a1a1a"
    } else {
        "#ffffff"
    };
    let d = marks(s.pattern, x, y, w, h);
    if d.is_empty() {
        return;
    }
    let filled = matches!(s.pattern, Pattern::Dots | Pattern::Checker);
    if filled {
        let _ = write!(out, r#"<path d="{d}" fill="{mark}"/>"#);
    } else {
        let _ = write!(
            out,
            r#"<path d="{d}" stroke="{mark}" stroke-width="0.9" fill="none"/>"#
        );
    }
}

/// The path of a pattern's marks inside a rectangle.
pub fn marks(p: Pattern, x: f64, y: f64, w: f64, h: f64) -> String {
    let mut d = String::new();
    if w <= 0.0 || h <= 0.0 {
        return d;
    }
    let (x2, y2) = (x + w, y + h);
    // Grid positions (k + offset) × GRID inside [lo, hi).
    let steps = |lo: f64, hi: f64, offset: f64| {
        let first = ((lo / GRID) - offset).ceil();
        (0..)
            .map(move |i| (first + f64::from(i) + offset) * GRID)
            .take_while(move |v| *v < hi)
            .filter(move |v| *v >= lo)
    };
    let horizontal = |d: &mut String| {
        for yy in steps(y, y2, 0.5) {
            let _ = write!(d, "M{} {}H{}", n(x), n(yy), n(x2));
        }
    };
    let vertical = |d: &mut String| {
        for xx in steps(x, x2, 0.5) {
            let _ = write!(d, "M{} {}V{}", n(xx), n(y), n(y2));
        }
    };
    match p {
        Pattern::Solid => {}
        Pattern::Horizontal => horizontal(&mut d),
        Pattern::Vertical => vertical(&mut d),
        Pattern::Cross => {
            horizontal(&mut d);
            vertical(&mut d);
        }
        Pattern::Lattice => {
            d.push_str(&marks(Pattern::DiagonalUp, x, y, w, h));
            d.push_str(&marks(Pattern::DiagonalDown, x, y, w, h));
        }
        Pattern::DiagonalUp => {
            // Lines x + y = c, c on the grid.
            for c in steps(x + y, x2 + y2, 0.0) {
                let (a, b) = ((c - y2).max(x), (c - y).min(x2));
                if b > a {
                    let _ = write!(d, "M{} {}L{} {}", n(a), n(c - a), n(b), n(c - b));
                }
            }
        }
        Pattern::DiagonalDown => {
            // Lines y − x = c.
            for c in steps(y - x2, y2 - x, 0.0) {
                let (a, b) = ((y - c).max(x), (y2 - c).min(x2));
                if b > a {
                    let _ = write!(d, "M{} {}L{} {}", n(a), n(a + c), n(b), n(b + c));
                }
            }
        }
        Pattern::Dots => {
            for cy in steps(y + 1.0, y2 - 1.0, 0.5) {
                for cx in steps(x + 1.0, x2 - 1.0, 0.5) {
                    let _ = write!(d, "M{} {}h2v2h-2Z", n(cx - 1.0), n(cy - 1.0));
                }
            }
        }
        Pattern::Checker => {
            // Squares of half the grid on the grid's points and halfway between them.
            let mut square = |sx: f64, sy: f64| {
                let (a, b) = (sx.max(x), (sx + GRID / 2.0).min(x2));
                let (c, e) = (sy.max(y), (sy + GRID / 2.0).min(y2));
                if b > a && e > c {
                    let _ = write!(d, "M{} {}H{}V{}H{}Z", n(a), n(c), n(b), n(e), n(a));
                }
            };
            for cy in steps(y - GRID, y2, 0.0) {
                for cx in steps(x - GRID, x2, 0.0) {
                    square(cx, cy);
                    square(cx + GRID / 2.0, cy + GRID / 2.0);
                }
            }
        }
    }
    d
}

/// A legend laid out in rows across the chart's width: a swatch and a name per entry. Returns
/// the SVG and the height it takes.
pub fn legend(entries: &[&Series], y: f64) -> (String, f64) {
    const ROW: f64 = 16.0;
    let mut out = String::new();
    let (mut x, mut row) = (0.0, 0.0);
    for s in entries {
        let name = s.name;
        // Text is about 0.56 em wide a character at 10 units.
        let w = 12.0 + 5.0 + name.chars().count() as f64 * 5.6 + 16.0;
        if x > 0.0 && x + w > WIDTH {
            x = 0.0;
            row += 1.0;
        }
        let top = y + row * ROW;
        filled_rect(&mut out, s, x, top, 12.0, 10.0);
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" class="lg">{}</text>"#,
            n(x + 17.0),
            n(top + 9.0),
            esc(name)
        );
        x += w;
    }
    let rows = if entries.is_empty() { 0.0 } else { row + 1.0 };
    (out, rows * ROW)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_round_and_cover_the_range() {
        assert_eq!(nice_step(130_000.0, 6), 50_000.0);
        assert_eq!(nice_step(95.0, 5), 20.0);
        assert_eq!(nice_step(0.0, 5), 1.0);
        assert_eq!(nice_step(f64::NAN, 5), 1.0);
    }

    #[test]
    fn text_is_escaped_and_numbers_are_short() {
        assert_eq!(
            esc(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(n(12.04), "12");
        assert_eq!(n(12.06), "12.1");
        assert_eq!(n(f64::INFINITY), "0");
    }
}
