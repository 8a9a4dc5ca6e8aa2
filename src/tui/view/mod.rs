//! Drawing the whole screen from a read-only app.

mod claiming;
pub mod fit;
mod form;
mod overlays;
mod right;
mod scenarios;

use super::app::{App, Focus, RightTab};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use std::time::Duration;

/// The smallest screen the planner draws on.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Where things were drawn, for the mouse.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScreenMap {
    /// Pane tabs: area and pane index.
    pub tabs: Vec<(Rect, usize)>,
    /// The form's rows area and the index of its first visible row.
    pub form: Rect,
    pub form_first: usize,
    pub chart: Rect,
    pub taxes: Rect,
    pub compare: Rect,
    /// The comparison's largest useful scroll as last drawn (its last rows fill the table).
    pub compare_scroll_max: Option<usize>,
}

pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area);
        *app.screen.borrow_mut() = ScreenMap::default();
        return;
    }
    let [main, status] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
    let mut map = ScreenMap::default();
    // On a small screen, or when presenting, the comparison gets the whole width: strategies
    // side by side need it. Never while the form has the focus: a key must not edit a field
    // that is not on the screen.
    let compare_alone = (main.width < 120 || app.presenter)
        && main.height < right::ROOMY
        && app.right_tab == RightTab::Compare
        && app.focus != Focus::Form;
    if compare_alone {
        right::draw(app, frame, main, &mut map);
    } else {
        let left_width = (main.width * 2 / 5).clamp(36, 46);
        let [left, right] =
            Layout::horizontal([Constraint::Length(left_width), Constraint::Min(0)]).areas(main);
        form::draw(app, frame, left, &mut map);
        right::draw(app, frame, right, &mut map);
    }
    status_bar(app, frame, status, main.height < right::ROOMY);
    *app.screen.borrow_mut() = map;
    if let Some(overlay) = &app.overlay {
        overlays::draw(app, overlay, frame, main);
    }
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = vec![
        Line::from("drawdown needs a larger terminal"),
        Line::from(""),
        Line::from(format!(
            "This one is {}×{}; enlarge it to at least {MIN_WIDTH}×{MIN_HEIGHT}.",
            area.width, area.height
        )),
        Line::from("q quits."),
    ];
    let height = (text.len() as u16).min(area.height);
    let y = area.y + area.height.saturating_sub(height) / 2;
    let rect = Rect::new(area.x, y, area.width, height);
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .alignment(ratatui::layout::Alignment::Center),
        rect,
    );
}

/// `tabbed`: the screen is too short for charts and comparison together, so `c` swaps them.
fn status_bar(app: &App, frame: &mut Frame, area: Rect, tabbed: bool) {
    let t = &app.theme;
    let file = match &app.file {
        Some(p) if !app.privacy => p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| p.display().to_string()),
        Some(_) => "plan file".into(),
        None => "unsaved plan".into(),
    };
    let marker = if app.dirty { " [+]" } else { "" };
    let mut left = vec![Span::styled(format!(" {file}{marker} "), t.title)];
    if let Some(name) = app.household_name() {
        left.push(Span::styled(
            format!(
                " scenario: {} ",
                fit::words(&crate::tui::viewmodel::label(app, &name), 24)
            ),
            t.accent,
        ));
    }
    if app.baseline.is_some() {
        left.push(Span::styled(" baseline ", t.accent));
    }
    if app.privacy {
        left.push(Span::styled(" privacy ", t.accent));
    }
    let used: usize = left.iter().map(|s| s.content.chars().count()).sum();
    let message = match &app.status {
        Some((m, at)) if at.elapsed() < Duration::from_secs(5) => m.clone(),
        _ => hints(app, tabbed, (area.width as usize).saturating_sub(used + 1)),
    };
    left.push(Span::styled(format!(" {message}"), t.dim));
    let recompute = format!(
        "recomputed in {:.1} ms ",
        app.last_recompute.as_secs_f64() * 1000.0
    );
    let width = area.width as usize;
    let used: usize = left.iter().map(|s| s.content.chars().count()).sum();
    let right = if used + recompute.len() < width {
        recompute
    } else {
        String::new()
    };
    let pad = width.saturating_sub(used + right.chars().count());
    left.push(Span::raw(" ".repeat(pad)));
    left.push(Span::styled(right, t.dim));
    super::widgets::put_lines(frame.buffer_mut(), area, &[Line::from(left)]);
}

/// Key hints for where the user is, as many as fit in `room` characters: each hint has a rank
/// (0 always shown) and the highest ranks go first when the line is short.
fn hints(app: &App, tabbed: bool, room: usize) -> String {
    if let Some(edit) = &app.edit {
        let rule = crate::tui::form::value::rule(edit.field.spec().kind);
        return fit::words(&format!("Enter keep · Esc cancel · {rule}"), room);
    }
    let swap = match (tabbed, app.right_tab) {
        (false, _) => None,
        (true, RightTab::Charts) => Some(("c comparison", 1)),
        (true, RightTab::Compare) => Some(("c charts", 1)),
    };
    let strategies = app.pane == crate::tui::form::Pane::Strategies;
    let mut items: Vec<(&str, u8)> = match app.focus {
        Focus::Form if strategies => vec![
            ("Tab pane", 1),
            ("Enter edit", 1),
            ("d remove", 2),
            ("D copy", 2),
            ("K/J move", 2),
        ],
        Focus::Form => vec![
            ("Tab pane", 1),
            ("↑↓ field", 2),
            ("Enter edit", 1),
            ("←→ year", 3),
            ("[ ] strategy", 3),
        ],
        Focus::Chart => vec![
            ("←→ year", 1),
            ("Enter inspect", 2),
            ("[ ] strategy", 3),
            ("Tab next", 1),
        ],
        Focus::Compare => vec![
            ("←→ strategy", 1),
            ("↑↓ scroll", 1),
            ("w widen", 2),
            ("e edit", 2),
            ("b baseline", 3),
        ],
    };
    items.extend(swap);
    items.push(("? help", 0));
    let line = |items: &[(&str, u8)]| {
        items
            .iter()
            .map(|(text, _)| *text)
            .collect::<Vec<_>>()
            .join(" · ")
    };
    while line(&items).chars().count() > room {
        let Some(drop) = (0..items.len())
            .filter(|&i| items[i].1 > 0)
            .max_by_key(|&i| (items[i].1, i))
        else {
            break;
        };
        items.remove(drop);
    }
    line(&items)
}

/// A centred rectangle of at most the given size.
pub(super) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// A bordered window with a title, cleared underneath.
pub(super) fn window(app: &App, frame: &mut Frame, area: Rect, title: &str) -> Rect {
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.focus_border)
        .title(Span::styled(format!(" {title} "), app.theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

pub(super) fn label_style(app: &App, focused: bool) -> Style {
    if focused {
        app.theme.focus_border
    } else {
        app.theme.border
    }
}
