//! Windows over the main screen: help, the year inspector, file dialogs, errors and questions.

use super::{centered, money, window};
use crate::money::format_rate;
use crate::report::explain;
use crate::tui::app::{App, Overlay, Pending};
use crate::tui::files;
use crate::tui::keymap;
use crate::tui::viewmodel;
use crate::tui::widgets::{CurveChart, CurveStretch};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use rust_decimal::Decimal;

pub fn draw(app: &App, overlay: &Overlay, frame: &mut Frame, area: Rect) {
    match overlay {
        Overlay::Help { scroll } => help(app, frame, area, *scroll),
        Overlay::Inspector => inspector(app, frame, area),
        Overlay::Open { entries, selected } => {
            let items: Vec<(String, String)> = entries
                .iter()
                .map(|e| {
                    let name = if app.privacy && matches!(e.source, files::Source::File(_)) {
                        "plan file".to_string()
                    } else {
                        e.name.clone()
                    };
                    (format!("{name}  ·  {}", e.date), e.summary.clone())
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
        Overlay::SaveAs { input } => {
            let rect = centered(area, 72, 6);
            let inner = window(app, frame, rect, "Save as");
            let lines = vec![
                Line::from("File name (Enter saves, Esc cancels):"),
                Line::from(vec![
                    Span::styled(input.clone(), app.theme.accent),
                    Span::styled(" ", app.theme.cursor),
                ]),
                Line::from(Span::styled(
                    "Saved plans are readable RON text; the old file is kept as NAME.ron.bak.",
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
                Pending::Open(_) | Pending::OpenText { .. } => "opening another plan",
                Pending::New(_) => "starting a new plan",
            };
            let rect = centered(area, 64, 6);
            let inner = window(app, frame, rect, "Unsaved changes");
            let lines = vec![
                Line::from(format!("Save your changes before {what}?")),
                Line::from(""),
                Line::from(vec![
                    Span::styled("y", app.theme.accent),
                    Span::raw(" save   "),
                    Span::styled("n", app.theme.accent),
                    Span::raw(" discard   "),
                    Span::styled("c", app.theme.accent),
                    Span::raw(" or Esc cancel"),
                ]),
            ];
            frame.render_widget(Paragraph::new(lines), inner);
        }
        Overlay::Recovery { saved } => {
            let rect = centered(area, 64, 6);
            let inner = window(app, frame, rect, "Unsaved changes were kept");
            let lines = vec![
                Line::from(format!(
                    "A plan with unsaved changes was kept at {saved} (UTC)."
                )),
                Line::from(""),
                Line::from(vec![
                    Span::styled("y", app.theme.accent),
                    Span::raw(" recover it   "),
                    Span::styled("n", app.theme.accent),
                    Span::raw(" discard it"),
                ]),
            ];
            frame.render_widget(Paragraph::new(lines), inner);
        }
    }
}

fn help(app: &App, frame: &mut Frame, area: Rect, scroll: usize) {
    let rect = centered(area, 96, area.height.saturating_sub(2));
    let inner = window(app, frame, rect, "Keys (↑↓ scroll, ? or Esc closes)");
    let table = keymap::bindings();
    let mut groups: Vec<&str> = Vec::new();
    for b in &table {
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
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<16}"), app.theme.accent),
                Span::raw(b.help),
            ]));
        }
    }
    lines.push(Line::from(Span::styled(
        "Typing into a field",
        app.theme.title,
    )));
    for (keys, what) in keymap::typing_help() {
        lines.push(Line::from(vec![
            Span::styled(format!("  {keys:<16}"), app.theme.accent),
            Span::raw(what),
        ]));
    }
    lines.push(Line::from(Span::styled("Mouse", app.theme.title)));
    lines.push(Line::from(
        "  click a tab, a field, a year in the chart or a strategy; the wheel scrolls",
    ));
    // What does not fit scrolls; say so on the last line.
    let height = inner.height as usize;
    let scroll = scroll.min(lines.len().saturating_sub(height));
    let more = lines.len() > scroll + height;
    let mut shown: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    if more && let Some(last) = shown.last_mut() {
        *last = Line::from(Span::styled("  ↓ more (↓ or PgDn)", app.theme.accent));
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
    let rect = centered(area, 100, area.height.saturating_sub(4));
    let inner = window(app, frame, rect, title);
    let per = 2usize;
    let visible = (inner.height as usize / per).max(1);
    let first = selected.saturating_sub(visible - 1);
    let mut lines = Vec::new();
    for (i, (head, detail)) in items.iter().enumerate().skip(first).take(visible) {
        let style = if i == selected {
            app.theme.selected
        } else {
            Style::default()
        };
        lines.push(Line::from(Span::styled(format!(" {head}"), style)));
        lines.push(Line::from(Span::styled(
            format!("    {detail}"),
            app.theme.dim,
        )));
    }
    if items.is_empty() {
        lines.push(Line::from("No plans found."));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn inspector(app: &App, frame: &mut Frame, area: Rect) {
    let rect = centered(area, 110, area.height);
    let Some(p) = viewmodel::projection(app) else {
        return;
    };
    let Some(r) = p.rows.get(app.year) else {
        return;
    };
    let ages: Vec<String> = (0..app.plan.people.len())
        .filter(|i| r.alive[*i])
        .map(|i| format!("{} {}", viewmodel::person(app, i), r.ages[i]))
        .collect();
    let title = format!(
        "{} · {} · {} · {} (←→ year, [ ] strategy, Esc)",
        r.year,
        p.strategy,
        ages.join(", "),
        r.filing.label()
    );
    let inner = window(app, frame, rect, &title);
    let t = &app.theme;
    let m = |d: Decimal| money(app, d);
    let two_columns = inner.width >= 76;
    let column = if two_columns {
        inner.width / 2
    } else {
        inner.width
    } as usize;
    let label_width = column.saturating_sub(16).min(30);
    let line = |label: &str, v: String| {
        let label: String = label.chars().take(label_width).collect();
        Line::from(vec![
            Span::raw(format!("{label:<label_width$}")),
            Span::styled(format!("{v:>14}"), t.text),
        ])
    };
    let head = |s: &str| Line::from(Span::styled(s.to_string(), t.title));
    let mut left = vec![
        head("Came in (dollars of the year)"),
        line("Social Security", m(r.social_security)),
        line("Pensions and wages", m(r.pensions + r.wages)),
        line("Other income", m(r.other_income)),
        line("Dividends", m(r.dividends)),
        line("Interest", m(r.interest)),
        head("Taken from the accounts"),
        line("Required minimum distribution", m(r.rmd)),
        line("Tax-deferred draw", m(r.deferred_draw)),
        line("Roth draw", m(r.roth_draw)),
        line("Taxable sale", m(r.taxable_sale)),
        line("  gain realised", m(r.realized_gain)),
        line("Cash draw", m(r.cash_draw)),
        line("Roth conversion", m(r.conversion)),
        line("Gains harvested", m(r.harvested_gain)),
        head("Went out"),
        line("Spending need", m(r.spending)),
        line("Shortfall", m(r.shortfall)),
        line("Federal tax", m(r.federal_tax)),
        line("State tax", m(r.state_tax)),
        line(&format!("IRMAA (tier {})", r.irmaa_tier), m(r.irmaa)),
        line("Reinvested", m(r.reinvested)),
        head("Balances at year end"),
        line("Taxable", m(r.closing.taxable)),
        line("  cost basis", m(r.closing.basis)),
        line("Tax-deferred", m(r.closing.deferred)),
        line("Roth", m(r.closing.roth)),
        line("Cash", m(r.closing.cash)),
        line("Total", m(r.closing.total())),
    ];
    let b = &r.tax;
    let bracket = if b.bracket == 0 {
        "none (deductions)".to_string()
    } else {
        format_rate(b.bracket_rate)
    };
    let mut right = vec![
        head("Federal tax, step by step"),
        line("Provisional income", m(b.provisional_income)),
        line("Taxable Social Security", m(b.taxable_social_security)),
        line("Adjusted gross income", m(b.agi)),
        line("MAGI (sets IRMAA in 2 years)", m(b.magi)),
        line("Standard deduction", m(b.standard_deduction)),
        line("Senior deduction", m(b.senior_deduction)),
        line("Taxable income", m(b.taxable_income)),
        line("  ordinary", m(b.ordinary_taxable_income)),
        line("  gains and qualified div.", m(b.preferential_income)),
        line("Tax on ordinary income", m(b.ordinary_tax)),
        line("Tax on gains and dividends", m(b.preferential_tax)),
        line("Net investment income tax", m(b.niit)),
        line("Federal tax", m(b.total.round_dp(2))),
        head("Rates"),
        line("Bracket reached", bracket),
        line(
            "Gain band reached",
            ["0%", "15%", "20%"][usize::from(b.gain_band.min(2))].to_string(),
        ),
        line(
            "Next $1 of IRA income",
            format_rate(r.marginal_ordinary.round_dp(4)),
        ),
        line(
            "Next $1 of long-term gain",
            format_rate(r.marginal_gain.round_dp(4)),
        ),
    ];
    // What the strategy did, and why the year looks as it does.
    let inputs = crate::report::year_inputs(&app.plan).ok();
    let year_inputs = inputs.as_ref().and_then(|i| i.get(app.year));
    let mut why_lines = vec![Line::from(Span::styled(
        if app.privacy {
            "details hidden in privacy mode".to_string()
        } else {
            explain(r)
        },
        t.accent,
    ))];
    if !app.privacy
        && let Some(yi) = year_inputs
    {
        for line in crate::report::why(r, yi).lines {
            why_lines.push(Line::from(Span::styled(line, t.text)));
        }
    }
    why_lines.push(Line::from(Span::styled(
        if app.curve {
            "m: back to the ledger"
        } else {
            "m: the marginal-rate curve of this year"
        },
        t.dim,
    )));
    let why_height = (why_lines.len() as u16 + 1).min(inner.height / 2);
    let [why, body] =
        Layout::vertical([Constraint::Length(why_height), Constraint::Min(0)]).areas(inner);
    frame.render_widget(Paragraph::new(why_lines).wrap(Wrap { trim: true }), why);
    if app.curve {
        if let Some(yi) = year_inputs {
            let points = crate::report::year_curve(r, yi, crate::report::CURVE_MAX);
            let stretches: Vec<CurveStretch> = points
                .iter()
                .map(|p| CurveStretch {
                    extra: p.extra,
                    federal: p.federal_marginal,
                    state: p.state_marginal,
                    irmaa_step: p.irmaa_step,
                })
                .collect();
            let format = |x: f64| viewmodel::money_short(app, x);
            frame.render_widget(
                CurveChart {
                    stretches: &stretches,
                    max_extra: crate::report::CURVE_MAX,
                    theme: &app.theme,
                    format_money: &format,
                    title: Some(" Tax on the next dollar against extra IRA income this year "),
                },
                body,
            );
        }
        return;
    }
    if two_columns {
        let [l, rr] =
            Layout::horizontal([Constraint::Ratio(1, 2), Constraint::Ratio(1, 2)]).areas(body);
        frame.render_widget(Paragraph::new(left), l);
        frame.render_widget(Paragraph::new(right), rr);
    } else {
        left.push(Line::from(""));
        left.append(&mut right);
        frame.render_widget(Paragraph::new(left), body);
    }
}
