//! Helpers for the widget tests: read rendered buffers back as text, and render every widget at
//! every size to prove none of them can panic.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::tui::theme::Theme;

/// The symbols of one buffer row, as a string (absolute y).
pub(crate) fn row(buf: &Buffer, y: u16) -> String {
    let a = buf.area;
    (a.left()..a.right())
        .map(|x| buf[(x, y)].symbol())
        .collect()
}

/// The whole buffer as lines, for failure messages.
pub(crate) fn dump(buf: &Buffer) -> String {
    let a = buf.area;
    (a.top()..a.bottom())
        .map(|y| row(buf, y))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first (x, y) where `needle` starts on a row, scanning top to bottom.
pub(crate) fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let a = buf.area;
    for y in a.top()..a.bottom() {
        let cells: Vec<&str> = (a.left()..a.right())
            .map(|x| buf[(x, y)].symbol())
            .collect();
        let n: Vec<String> = needle.chars().map(String::from).collect();
        if n.len() > cells.len() {
            continue;
        }
        for i in 0..=cells.len() - n.len() {
            if cells[i..i + n.len()].iter().zip(&n).all(|(c, s)| *c == s) {
                return Some((a.left() + i as u16, y));
            }
        }
    }
    None
}

/// A small deterministic generator (no dependency needed for "random-ish" test data).
pub(crate) struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    /// An amount that is sometimes zero, NaN, infinite, negative or huge.
    pub fn amount(&mut self) -> f64 {
        match self.next() % 10 {
            0 | 1 => 0.0,
            2 => f64::NAN,
            3 => 1e12,
            4 => f64::INFINITY,
            5 => -300.0,
            _ => (self.next() % 90_000) as f64,
        }
    }
}

/// Sizes from 0x0 up to 200x60, denser where things are tight.
pub(crate) fn sizes() -> Vec<(u16, u16)> {
    let ws = [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 27, 33, 40, 50, 64, 80, 101, 133, 160, 200,
    ];
    let hs = [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 17, 20, 24, 31, 40, 48, 60,
    ];
    ws.iter()
        .flat_map(|&w| hs.iter().map(move |&h| (w, h)))
        .collect()
}

/// One case of `sweep_year_charts`: draw the first `n` columns with this cursor and theme, with
/// the chart's title or without.
#[derive(Clone, Copy)]
pub(crate) struct ChartCase<'a> {
    pub theme: &'a Theme,
    pub n: usize,
    pub cursor: Option<usize>,
    pub titled: bool,
}

/// Every size of `sizes`, each with a theme, 0 to 45 columns and a cursor that is absent, first,
/// in the middle or past the end, drawn by `draw` and checked by `render_contained`.
pub(crate) fn sweep_year_charts(mut draw: impl FnMut(ChartCase, Rect, &mut Buffer)) {
    let themes = [Theme::standard(), Theme::presenter(), Theme::monochrome()];
    for (k, size) in sizes().into_iter().enumerate() {
        let n = k % 46;
        let case = ChartCase {
            theme: &themes[k % 3],
            n,
            cursor: [None, Some(0), Some(n / 2), Some(n + 3)][k % 4],
            titled: k % 2 == 1,
        };
        render_contained(size, |area, buf| draw(case, area, buf));
    }
}

/// Renders at `size` into a buffer with a margin around the area and asserts that nothing was
/// drawn outside the area.
pub(crate) fn render_contained(size: (u16, u16), draw: impl FnOnce(Rect, &mut Buffer)) {
    let area = Rect::new(2, 1, size.0, size.1);
    let mut buf = Buffer::empty(Rect::new(0, 0, size.0 + 4, size.1 + 2));
    draw(area, &mut buf);
    let b = buf.area;
    for y in b.top()..b.bottom() {
        for x in b.left()..b.right() {
            let inside =
                x >= area.left() && x < area.right() && y >= area.top() && y < area.bottom();
            if !inside {
                assert_eq!(
                    buf[(x, y)].symbol(),
                    " ",
                    "drew outside the area at ({x},{y}) for {size:?}"
                );
            }
        }
    }
}
