//! Clicks and the wheel: what was drawn where comes from the last frame's screen map.

use super::{App, Effect, Focus};
use crate::tui::form::Pane;
use crate::tui::widgets;

impl App {
    /// A click picks what is under it: a tab, a field, a year, a strategy.
    pub(super) fn click(&mut self, x: u16, y: u16, fx: &mut Vec<Effect>) {
        let _ = fx;
        let map = self.screen.borrow().clone();
        let inside = |r: ratatui::layout::Rect| {
            x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height
        };
        if let Some((_, i)) = map.tabs.iter().find(|(r, _)| inside(*r)) {
            self.pane = Pane::ALL[*i];
            self.focus = Focus::Form;
            return;
        }
        if inside(map.form) {
            let row = map.form_first + usize::from(y - map.form.y);
            self.set_row(self.pane, row);
            return;
        }
        for area in [map.chart, map.taxes] {
            if inside(area) {
                self.focus = Focus::Chart;
                if let Some(year) =
                    widgets::column_at(area, self.years(), Some(self.year), &self.theme, x)
                {
                    self.year = year;
                }
                return;
            }
        }
        if inside(map.compare) {
            self.focus = Focus::Compare;
            if let Some(i) = widgets::strategy_at(
                map.compare,
                &self.view.headers,
                &self.view.metric_rows,
                self.strategy,
                self.compare.wide,
                &self.theme,
                x,
            ) {
                self.strategy = i;
            }
        }
    }

    pub(super) fn scroll_inspector(&mut self, down: bool, by: usize) {
        let lines = self.view.inspector_len();
        self.inspector_scroll = if down {
            (self.inspector_scroll + by).min(lines.saturating_sub(1))
        } else {
            self.inspector_scroll.saturating_sub(by)
        };
    }
}
