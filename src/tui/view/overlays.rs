//! Windows over the main screen: help, the year inspector, file dialogs, errors and questions.

use super::{centered, fit, window};
use crate::tui::app::{App, Overlay, Pending};
use crate::tui::files;
use crate::tui::keymap;
use crate::tui::viewmodel::{self, InspectorLine};
use crate::tui::widgets::CurveChart;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn draw(app: &App, overlay: &Overlay, frame: &mut Frame, area: Rect) {
    match overlay {
        Overlay::Help { scroll } => help(app, frame, area, *scroll),
        Overlay::Inspector => inspector(app, frame, area),
        Overlay::Scenarios { selected } => super::scenarios::list(app, frame, area, *selected),
        Overlay::RenameScenario { input, .. } => super::scenarios::rename(app, frame, area, input),
        Overlay::ScenarioCompare { scroll } => super::scenarios::compare(app, frame, area, *scroll),
        Overlay::Actions { scroll } => super::scenarios::actions(app, frame, area, *scroll),
        Overlay::Claiming => super::claiming::draw(app, frame, area),
        Overlay::Open { entries, selected } => {
            let items: Vec<(String, String)> = entries
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    let file = matches!(e.source, files::Source::File(_));
                    if app.privacy && file {
                        (
                            format!("plan file {}  ·  {}", i + 1, e.date),
                            e.private.clone(),
                        )
                    } else if app.privacy {
                        (format!("{}  ·  {}", e.name, e.date), e.private.clone())
                    } else {
                        (format!("{}  ·  {}", e.name, e.date), e.summary.clone())
                    }
                })
                .collect();
            list(
                app,
                frame,
                area,
                "Open a plan (Enter opens, Esc closes)",
                &items,
                *selected,
            );
        }
        Overlay::New { selected } => {
            let items: Vec<(String, String)> = files::templates()
                .iter()
                .map(|(name, plan)| (name.clone(), plan.summary()))
                .collect();
            list(
                app,
                frame,
                area,
                "New plan from a template (Enter, Esc)",
                &items,
                *selected,
            );
        }
        Overlay::Pick {
            choices, selected, ..
        } => list(
            app,
            frame,
            area,
            "Add a strategy (Enter adds, Esc closes)",
            choices,
            *selected,
        ),
        Overlay::SaveAs { input, .. } => {
            // Room for a long path that wraps and the two lines of the hint.
            let rect = centered(area, 72, 8);
            let inner = window(app, frame, rect, "Save as");
            let lines = vec![
                Line::from("File name (Enter saves, Esc cancels):"),
                text_input(app, input),
                Line::from(Span::styled(
                    "A name alone is saved in the plans folder, a path where it says; the old \
                     file is kept as NAME.ron.bak.",
                    app.theme.dim,
                )),
            ];
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        }
        Overlay::Error { title, message } => {
            let rect = centered(area, 76, 12);
            let inner = window(app, frame, rect, title);
            let lines = vec![
                Line::from(Span::styled(message.clone(), app.theme.error)),
                Line::from(""),
                Line::from(Span::styled(
                    "Nothing was changed. Enter or Esc closes this window.",
                    app.theme.dim,
                )),
            ];
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        }
        Overlay::Confirm { pending } => {
            let what = match pending {
                Pending::Quit => "quitting",
                Pending::Open { .. } => "opening another plan",
                Pending::New(_) => "starting a new plan",
            };
            let save = if app.file.is_some() {
                " save"
            } else {
                " save as…"
            };
            question(
                app,
                frame,
                area,
                "Unsaved changes",
                vec![Line::from(format!(
                    "Save your changes to {} before {what}?",
                    quoted(&viewmodel::plan_name(app))
                ))],
                &[("y", save), ("n", " discard"), ("c", " or Esc cancel")],
            );
        }
        Overlay::Recovery { offer } => {
            let name = if app.privacy {
                "a plan".to_string()
            } else {
                quoted(&offer.plan_name)
            };
            let file = match (&offer.file, app.privacy) {
                (Some(f), false) => format!(" ({f})"),
                (Some(_), true) => String::new(),
                (None, _) => " (not saved yet)".to_string(),
            };
            question(
                app,
                frame,
                area,
                "Unsaved changes were kept",
                vec![Line::from(format!(
                    "Changes to {name}{file} were kept at {} UTC and never saved.",
                    offer.saved
                ))],
                &[("y", " recover them"), ("n", " discard them")],
            );
        }
        Overlay::ConfirmDeleteScenario { name, .. } => question(
            app,
            frame,
            area,
            "Delete scenario",
            vec![Line::from(format!(
                "Delete the scenario {} and its overrides? (the base stays)",
                quoted(name)
            ))],
            &[("y", " delete"), ("n", " or Esc keep it")],
        ),
        Overlay::ConfirmRemove { what, .. } => question(
            app,
            frame,
            area,
            "Remove",
            vec![Line::from(format!("Remove the {what}? (u undoes it)"))],
            &[("y", " remove"), ("n", " or Esc keep it")],
        ),
        Overlay::RemovePerson {
            name,
            accounts,
            incomes,
            index,
        } => {
            let other = viewmodel::person(app, usize::from(*index == 0));
            question(
                app,
                frame,
                area,
                "Remove a person",
                vec![
                    Line::from(format!("Remove {name} from the plan?")),
                    Line::from(format!(
                        "{name} has {accounts} account(s) and {incomes} income(s); their Social \
                         Security ends with them."
                    )),
                ],
                &[
                    ("m", &format!(" move the rest to {other}")),
                    ("r", " remove them too"),
                    ("Esc", " keep"),
                ],
            );
        }
    }
}

/// A one-line text field as typed so far, the cursor shown as a block.
pub(super) fn text_input(app: &App, input: &crate::tui::editor::TextEditor) -> Line<'static> {
    let value = input.value();
    let at = input.cursor().min(value.chars().count());
    let before: String = value.chars().take(at).collect();
    let after: String = value.chars().skip(at).collect();
    // Selected text (typing replaces it) is shown reversed, as in the form's fields.
    let style = if input.selected() {
        app.theme.accent.add_modifier(Modifier::REVERSED)
    } else {
        app.theme.accent
    };
    Line::from(vec![
        Span::styled(before, style),
        Span::styled(" ", app.theme.cursor),
        Span::styled(after, style),
    ])
}

fn quoted(s: &str) -> String {
    format!("“{s}”")
}

/// A small window with lines and answer keys.
fn question(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    title: &str,
    mut lines: Vec<Line<'static>>,
    keys: &[(&str, &str)],
) {
    let rect = centered(area, 72, lines.len() as u16 + 5);
    let inner = window(app, frame, rect, title);
    lines.push(Line::from(""));
    let mut spans = Vec::new();
    for (key, what) in keys {
        spans.push(Span::styled(key.to_string(), app.theme.accent));
        spans.push(Span::raw(format!("{what}   ")));
    }
    lines.push(Line::from(spans));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
}

/// The keys' column of the help: two spaces, then the keys padded to 16.
const KEYS_W: usize = 18;

/// A help entry: the keys, then what they do wrapped under itself, so that every word shows in
/// any window (a line cut at the window's edge lost the end of the sentence).
fn help_entry(app: &App, keys: &str, what: &str, width: usize) -> Vec<Line<'static>> {
    let keys = format!("  {keys:<16}");
    let indent = fit::width(&keys).max(KEYS_W);
    let pieces = wrap(what, width.saturating_sub(indent).max(12));
    let mut out = Vec::new();
    for (i, piece) in pieces.into_iter().enumerate() {
        let head = if i == 0 {
            keys.clone()
        } else {
            " ".repeat(indent)
        };
        out.push(Line::from(vec![
            Span::styled(head, app.theme.accent),
            Span::raw(piece),
        ]));
    }
    out
}

fn help(app: &App, frame: &mut Frame, area: Rect, scroll: usize) {
    let table = keymap::bindings();
    // As wide as the longest entry needs, when the screen has room: fewer lines to scroll.
    let longest = table
        .iter()
        .map(|b| KEYS_W + fit::width(b.help))
        .chain(
            keymap::typing_help()
                .iter()
                .map(|(_, w)| KEYS_W + fit::width(w)),
        )
        .max()
        .unwrap_or(0);
    let want = u16::try_from(longest + 2).unwrap_or(u16::MAX).max(100);
    let rect = centered(area, want, area.height.saturating_sub(2));
    let inner = window(app, frame, rect, "Keys (↑↓ scroll, ? or Esc closes)");
    let width = usize::from(inner.width);
    let mut groups: Vec<&str> = Vec::new();
    for b in table {
        if !groups.contains(&b.group) {
            groups.push(b.group);
        }
    }
    let mut lines = Vec::new();
    for group in groups {
        lines.push(Line::from(Span::styled(group, app.theme.title)));
        for b in table.iter().filter(|b| b.group == group) {
            let keys = b
                .keys
                .iter()
                .map(keymap::key_name)
                .collect::<Vec<_>>()
                .join(" ");
            lines.extend(help_entry(app, &keys, b.help, width));
        }
    }
    lines.push(Line::from(Span::styled(
        "Typing into a field",
        app.theme.title,
    )));
    for (keys, what) in keymap::typing_help() {
        lines.extend(help_entry(app, keys, what, width));
    }
    lines.push(Line::from(Span::styled("Mouse", app.theme.title)));
    for piece in wrap(
        "click a tab, a field, a year in the chart or a strategy; the wheel scrolls",
        width.saturating_sub(2),
    ) {
        lines.push(Line::from(format!("  {piece}")));
    }
    scrolled(frame, inner, lines, scroll, app);
}

/// Lines from `scroll` on; what does not fit says so on the last line.
fn scrolled(frame: &mut Frame, inner: Rect, lines: Vec<Line<'static>>, scroll: usize, app: &App) {
    let height = inner.height as usize;
    let scroll = scroll.min(lines.len().saturating_sub(height));
    let more = lines.len() > scroll + height;
    let mut shown: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    if more && let Some(last) = shown.last_mut() {
        *last = Line::from(Span::styled(
            "  ↓ more (↓, PgDn or the wheel)",
            app.theme.accent,
        ));
    }
    frame.render_widget(Paragraph::new(shown), inner);
}

fn list(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    title: &str,
    items: &[(String, String)],
    selected: usize,
) {
    // Each item: its head on one line, its description wrapped under it (cut, it lost the
    // words that said what a choice does). The window is as tall as the items need, up to the
    // screen less a margin; when they need more, it shows the items up to the selected one.
    let rect = centered(area, 100, area.height.saturating_sub(4));
    let width = usize::from(rect.width.saturating_sub(2));
    let blocks: Vec<Vec<Line<'static>>> = items
        .iter()
        .enumerate()
        .map(|(i, (head, detail))| {
            let style = if i == selected {
                app.theme.selected
            } else {
                Style::default()
            };
            let mut lines = vec![Line::from(Span::styled(
                format!(" {}", fit::words(head, width.saturating_sub(1))),
                style,
            ))];
            lines.extend(
                wrap(detail, width.saturating_sub(4))
                    .into_iter()
                    .map(|piece| Line::from(Span::styled(format!("    {piece}"), app.theme.dim))),
            );
            lines
        })
        .collect();
    let needed: usize = blocks.iter().map(Vec::len).sum::<usize>().max(1);
    let height = u16::try_from(needed + 2)
        .unwrap_or(u16::MAX)
        .min(rect.height);
    let rect = centered(area, rect.width, height);
    let inner = window(app, frame, rect, title);
    let room = usize::from(inner.height);
    // The first item shown: as far back from the selected one as the room allows.
    let selected = selected.min(blocks.len().saturating_sub(1));
    let mut first = selected;
    let mut used = blocks.get(selected).map_or(0, Vec::len);
    while first > 0 && used + blocks[first - 1].len() <= room {
        first -= 1;
        used += blocks[first].len();
    }
    let mut lines: Vec<Line<'static>> = blocks.into_iter().skip(first).flatten().collect();
    if items.is_empty() {
        lines.push(Line::from("No plans found."));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn line_of(app: &App, l: &InspectorLine, width: usize) -> Line<'static> {
    let t = &app.theme;
    match l {
        InspectorLine::Head(s) => Line::from(Span::styled(s.clone(), t.title)),
        InspectorLine::Did(s) => Line::from(Span::styled(s.clone(), t.accent)),
        InspectorLine::Text(s) => Line::from(Span::styled(s.clone(), t.text)),
        InspectorLine::Row(label, v) => {
            let label_width = width.saturating_sub(16).min(32);
            let label = fit::words(label, label_width);
            Line::from(vec![
                Span::raw(format!("{label:<label_width$}")),
                Span::styled(format!("{v:>14}"), t.text),
            ])
        }
    }
}

fn inspector(app: &App, frame: &mut Frame, area: Rect) {
    let v = &app.view.inspector;
    if v.title.is_empty() {
        return;
    }
    let rect = centered(area, 110, area.height);
    let title = fit::parts(&v.title, " · ", usize::from(rect.width.saturating_sub(6)));
    let inner = window(app, frame, rect, &title);
    if app.curve {
        let body = why_above(app, frame, inner);
        let format = |x: f64| viewmodel::money_short(app, x);
        frame.render_widget(
            CurveChart {
                stretches: &v.curve,
                max_extra: crate::report::CURVE_MAX,
                theme: &app.theme,
                format_money: &format,
                title: Some(" Tax on the next dollar against extra IRA income this year "),
            },
            body,
        );
        return;
    }
    // Wide: what happened and why above, the ledger and the taxes side by side. Narrow: one
    // column that scrolls (↑↓, PgUp/PgDn, the wheel) to its last line.
    if inner.width >= 76 && inner.height >= 30 {
        let body = why_above(app, frame, inner);
        let [l, r] =
            Layout::horizontal([Constraint::Ratio(1, 2), Constraint::Ratio(1, 2)]).areas(body);
        let w = usize::from(l.width);
        let left: Vec<Line> = v.ledger.iter().map(|x| line_of(app, x, w)).collect();
        let right: Vec<Line> = v.taxes.iter().map(|x| line_of(app, x, w)).collect();
        scrolled(frame, l, left, app.inspector_scroll, app);
        scrolled(frame, r, right, app.inspector_scroll, app);
    } else {
        let width = inner.width as usize;
        // Long sentences wrap to whole words, one screen line each, so scrolling is by line.
        let mut lines = Vec::new();
        for l in v.lines() {
            match &l {
                InspectorLine::Did(s) | InspectorLine::Text(s)
                    if crate::tui::view::fit::width(s) > width =>
                {
                    for piece in wrap(s, width) {
                        let styled = match l {
                            InspectorLine::Did(_) => InspectorLine::Did(piece),
                            _ => InspectorLine::Text(piece),
                        };
                        lines.push(line_of(app, &styled, width));
                    }
                }
                _ => lines.push(line_of(app, &l, width)),
            }
        }
        scrolled(frame, inner, lines, app.inspector_scroll, app);
    }
}

/// What the strategy did and why, at the top of `inner`; returns the area below it.
fn why_above(app: &App, frame: &mut Frame, inner: Rect) -> Rect {
    let why: Vec<Line> = app
        .view
        .inspector
        .why
        .iter()
        .map(|l| line_of(app, l, inner.width as usize))
        .collect();
    let why_height = (why.len() as u16 + 1).min(inner.height / 2);
    let [top, body] =
        Layout::vertical([Constraint::Length(why_height), Constraint::Min(0)]).areas(inner);
    frame.render_widget(Paragraph::new(why).wrap(Wrap { trim: true }), top);
    body
}

/// `s` in lines of at most `width` cells, broken between words.
pub(super) fn wrap(s: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::new();
    for word in s.split(' ') {
        if !line.is_empty() && fit::width(&line) + 1 + fit::width(word) > width {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push(line);
    }
    out
}
