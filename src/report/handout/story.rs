//! The handout's words: the headline takeaway, this year's actions, the first years explained,
//! and the note that this is a projection, not advice.

use super::svg::esc;
use crate::compare::Comparison;
use crate::engine::Outcome;
use crate::money::shown_gap;
use crate::report::actions::{Actions, action_lines};
use crate::report::lasting_text;
use crate::report::shown::Shown;
use crate::sim::{SimResult, StrategyRisk};
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// The takeaway box: the recommended strategy, what it gains against the conventional order,
/// how long the money lasts, and how it fares across market paths.
pub fn headline(
    shown: &Shown,
    c: &Comparison,
    rec: usize,
    rule: &str,
    conventional: Option<usize>,
    risk: Option<(&SimResult, &StrategyRisk)>,
) -> String {
    let o = &c.outcomes[rec];
    let start = shown.plan.assumptions.start_year;
    let mut out = String::from(r#"<section class="takeaway" id="takeaway"><h2>The headline</h2>"#);
    let _ = write!(
        out,
        "<p><b>Recommended: {}</b>: {}.</p>",
        esc(&o.strategy),
        esc(&c.specs[rec].describe())
    );
    match conventional {
        Some(k) if k != rec => {
            let base = &c.outcomes[k];
            let estate = shown_gap(o.estate_real, base.estate_real);
            let tax = shown_gap(o.lifetime_tax_real(), base.lifetime_tax_real());
            let _ = write!(
                out,
                "<p>Against the conventional order (taxable first, then tax-deferred, then \
                 Roth) it leaves the heirs <b>{} {}</b> after tax ({} against {}) and pays \
                 <b>{} {}</b> in lifetime federal, state and IRMAA taxes ({} against {}), in \
                 {start} dollars.</p>",
                esc(&shown.money(estate.abs())),
                if estate >= Decimal::ZERO {
                    "more"
                } else {
                    "less"
                },
                esc(&shown.money(o.estate_real)),
                esc(&shown.money(base.estate_real)),
                esc(&shown.money(tax.abs())),
                if tax <= Decimal::ZERO { "less" } else { "more" },
                esc(&shown.money(o.lifetime_tax_real())),
                esc(&shown.money(base.lifetime_tax_real())),
            );
        }
        Some(_) => out.push_str(
            "<p>The conventional order (taxable first, then tax-deferred, then Roth) is the \
             best of the strategies compared for this household.</p>",
        ),
        None => {}
    }
    let _ = write!(out, "<p>{}</p>", esc(&lasting_sentence(shown, o)));
    if let Some((r, s)) = risk {
        let _ = write!(
            out,
            "<p>Over {} {} market paths, {}'s money lasts through the plan in {:.1}% of them{}.</p>",
            r.paths,
            esc(&r.mode),
            esc(&s.strategy),
            s.success_rate * 100.0,
            if s.strategy != o.strategy {
                " (the optimized strategy has no market-path figures; this is the named \
                 strategy the same rule recommends)"
            } else if c.specs[rec].is_optimized() {
                " (on each path its schedule runs as a policy: the same bracket targets each \
                 year)"
            } else {
                ""
            }
        );
    }
    let _ = write!(
        out,
        r#"<p class="small">{}.</p></section>"#,
        esc(&capital(rule))
    );
    out
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn lasting_sentence(shown: &Shown, o: &Outcome) -> String {
    let end = shown.plan.end_year();
    if o.lasts_to_horizon {
        format!(
            "With the plan's own assumptions the money lasts through {end}, all {} years.",
            o.horizon_years
        )
    } else {
        format!(
            "With the plan's own assumptions the money lasts {} of the plan's {} years: \
             spending falls short after that.",
            lasting_text(o),
            o.horizon_years
        )
    }
}

/// This year's actions as a table: what to do, from which account, how much, what sets it.
pub fn actions(shown: &Shown, a: &Actions) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<p>For <b>{}</b>{}, in dollars of {}. {}</p>"#,
        esc(&a.strategy),
        if a.recommended.is_some() {
            " (recommended)"
        } else {
            ""
        },
        a.year,
        if shown.private {
            "Amounts rounded to thousands (privacy mode)."
        } else {
            "Amounts to the cent, as the projection takes them."
        }
    );
    out.push_str(
        r#"<table class="compact actions"><thead><tr><th>Action</th><th>Account</th><th class="num">Amount</th><th>What sets it</th></tr></thead><tbody>"#,
    );
    for l in action_lines(a, shown) {
        let _ = write!(
            out,
            r#"<tr><td class="act">{}</td><td>{}</td><td class="num">{}</td><td class="what">{}</td></tr>"#,
            esc(&l.action),
            esc(&l.account),
            esc(&l.shown),
            esc(&l.reason)
        );
    }
    out.push_str("</tbody></table>");
    if !a.by_account {
        out.push_str(
            r#"<p class="note">The split by named account could not be reproduced for this strategy; amounts are by kind of account.</p>"#,
        );
    }
    out
}

/// The first years, each with what to do and why.
pub fn explained_years(shown: &Shown, years: &[Actions]) -> String {
    let mut out = String::new();
    for a in years {
        let ages = (0..2)
            .filter(|&i| a.row.alive[i] && i < shown.plan.people.len())
            .map(|i| format!("{} {}", shown.person(i), a.row.ages[i]))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = write!(
            out,
            r#"<div class="year-note"><h3>{}: {}</h3><p><b>What the strategy does:</b> {}.</p>"#,
            a.year,
            esc(&ages),
            esc(&shown.text(&a.summary))
        );
        let lines = action_lines(a, shown);
        let todo: Vec<String> = lines
            .iter()
            .filter(|l| !l.action.starts_with("Estimated") && !l.action.starts_with("Suggested"))
            .map(|l| {
                if l.account.is_empty() {
                    format!("{}: {}", l.action, l.shown)
                } else {
                    format!("{}: {}, {}", l.action, l.account, l.shown)
                }
            })
            .collect();
        if !todo.is_empty() {
            out.push_str("<p><b>To do:</b></p><ul>");
            for t in todo {
                let _ = write!(out, "<li>{}</li>", esc(&t));
            }
            out.push_str("</ul>");
        }
        out.push_str("<p><b>Why:</b></p><ul>");
        for line in &a.why.lines {
            let _ = write!(out, "<li>{}</li>", esc(&shown.text(line)));
        }
        out.push_str("</ul></div>");
    }
    out
}

/// The plain-language note that closes the handout.
pub fn disclaimer(shown: &Shown) -> String {
    format!(
        r#"<section class="disclaimer" id="about"><h2>About this projection</h2><p>This is a projection, not advice. It applies the tax rules drawdown models (federal income tax, state income tax ({}), Medicare IRMAA surcharges and required minimum distributions) to the household and assumptions listed above. Returns, inflation, tax law, health and lifespans will differ from them, and the figures will change with them: read them as estimates for planning and comparison, not as promises. Before acting, confirm amounts with the account custodians and a tax professional; drawdown knows only the income, accounts and expenses shown here.</p><p class="small">Made with drawdown {}{}. Amounts are in dollars of each year in the year-by-year table and the actions, and in {} dollars elsewhere.</p></section>"#,
        esc(&shown.plan.state.label()),
        env!("CARGO_PKG_VERSION"),
        if shown.private {
            "; privacy mode: names hidden, amounts rounded to thousands"
        } else {
            ""
        },
        shown.plan.assumptions.start_year
    )
}
