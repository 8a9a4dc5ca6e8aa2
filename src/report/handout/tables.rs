//! The handout's tables: the household, the strategies side by side, market risk, the year-by-
//! year ledger and the assumptions. Amounts are the engine's figures formatted by `money.rs`
//! (rounded to $k in privacy mode).

use super::svg::esc;
use crate::compare::Comparison;
use crate::engine::{Projection, YearRow};
use crate::plan::{Account, Plan, Returns, RmdRule, RmdTable};
use crate::report::shown::Shown;
use crate::report::{MetricKind, metrics};
use crate::sim::SimResult;
use crate::tax::LawMode;
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;
use std::fmt::Write as _;

fn th(label: &str, num: bool) -> String {
    if num {
        format!(r#"<th class="num">{}</th>"#, esc(label))
    } else {
        format!("<th>{}</th>", esc(label))
    }
}

fn td(text: &str, num: bool) -> String {
    if num {
        format!(r#"<td class="num">{}</td>"#, esc(text))
    } else {
        format!("<td>{}</td>", esc(text))
    }
}

/// The people, accounts, income and spending as the plan states them.
pub fn household(shown: &Shown) -> String {
    let plan = shown.plan;
    let start = plan.assumptions.start_year;
    let mut out = String::new();
    out.push_str(r#"<div class="keep"><table class="compact"><thead><tr>"#);
    for (h, num) in [
        ("Person", false),
        ("Born", true),
        (&*format!("Age in {start}"), true),
        ("Planned to age", true),
    ] {
        out.push_str(&th(h, num));
    }
    out.push_str("</tr></thead><tbody>");
    for (i, p) in plan.people.iter().enumerate() {
        let age = start - p.birth_year;
        let _ = write!(
            out,
            "<tr>{}{}{}{}</tr>",
            td(&shown.person(i), false),
            td(&p.birth_year.to_string(), true),
            td(&age.to_string(), true),
            td(&p.planning_age.to_string(), true)
        );
    }
    out.push_str("</tbody></table></div>");

    out.push_str(r#"<div class="keep"><table class="compact"><thead><tr>"#);
    for (h, num) in [
        ("Account", false),
        ("Kind", false),
        ("Owner", false),
        ("Balance", true),
        ("Cost basis", true),
    ] {
        out.push_str(&th(h, num));
    }
    out.push_str("</tr></thead><tbody>");
    let mut total = Decimal::ZERO;
    for (i, a) in plan.accounts.iter().enumerate() {
        total += a.balance();
        let basis = match a {
            Account::Taxable { cost_basis, .. } => shown.money(*cost_basis),
            _ => String::new(),
        };
        let owner = a.owner().map(|o| shown.person(o)).unwrap_or_default();
        let _ = write!(
            out,
            "<tr>{}{}{}{}{}</tr>",
            td(&shown.account(i), false),
            td(a.kind().label(), false),
            td(&owner, false),
            td(&shown.money(a.balance()), true),
            td(&basis, true)
        );
    }
    let _ = write!(
        out,
        r#"<tr><td><b>Total</b></td><td></td><td></td><td class="num"><b>{}</b></td><td></td></tr></tbody></table></div>"#,
        esc(&shown.money(total))
    );

    let mut facts: Vec<(String, String)> = vec![
        ("Filing status".into(), plan.filing.label().into()),
        ("State income tax".into(), plan.state.label()),
        (
            "Spending need".into(),
            format!(
                "{} a year after tax, in {start} dollars; {} of it once one spouse has died",
                shown.money(plan.spending.annual),
                shown.rate(plan.spending.survivor_share)
            ),
        ),
    ];
    for c in &plan.spending.changes {
        facts.push((
            format!("From {}'s age {}", shown.person(0), c.at_age),
            format!("{} a year", shown.money(c.annual)),
        ));
    }
    for (k, o) in plan.spending.one_offs.iter().enumerate() {
        let label = if shown.private || o.label.is_empty() {
            format!("One-off expense {}", k + 1)
        } else {
            o.label.clone()
        };
        facts.push((label, format!("{} in {}", shown.money(o.amount), o.year)));
    }
    if !plan.spending.charity.is_zero() {
        facts.push((
            "Gifts to charity".into(),
            format!(
                "{} a year, in {start} dollars: from 70½ given straight from IRAs (qualified \
                 charitable distributions, not income)",
                shown.money(plan.spending.charity)
            ),
        ));
    }
    for s in &plan.income.social_security {
        facts.push((
            format!("Social Security, {}", shown.person(s.person)),
            format!(
                "{} a year at full retirement age, claimed at {}{}",
                shown.money(s.fra_benefit),
                s.claim_age,
                if s.claim_months > 0 {
                    format!(" and {} months", s.claim_months)
                } else {
                    String::new()
                }
            ),
        ));
    }
    for (k, p) in plan.income.pensions.iter().enumerate() {
        let name = if shown.private || p.name.is_empty() {
            format!("Pension {}", k + 1)
        } else {
            p.name.clone()
        };
        facts.push((
            format!("{name}, {}", shown.person(p.person)),
            format!(
                "{} a year from age {}, rising {} a year, {} to a survivor",
                shown.money(p.amount),
                p.start_age,
                shown.rate(p.cola),
                shown.rate(p.survivor_share)
            ),
        ));
    }
    for w in &plan.income.wages {
        facts.push((
            format!("Wages, {}", shown.person(w.person)),
            format!("{} a year until age {}", shown.money(w.amount), w.until_age),
        ));
    }
    for (k, o) in plan.income.other.iter().enumerate() {
        let name = if shown.private {
            format!("Other income {}", k + 1)
        } else {
            o.name.clone()
        };
        facts.push((
            name,
            format!(
                "{} a year, {}–{}{}",
                shown.money(o.amount),
                o.from_year,
                o.to_year,
                if o.indexed {
                    ", rising with prices"
                } else {
                    ""
                }
            ),
        ));
    }
    for (k, w) in plan.income.windfalls.iter().enumerate() {
        let label = if shown.private || w.label.is_empty() {
            format!("Windfall {}", k + 1)
        } else {
            w.label.clone()
        };
        let gain = if w.taxable_gain.is_zero() {
            ", not taxed".to_string()
        } else {
            format!(", {} of it taxed as a gain", shown.money(w.taxable_gain))
        };
        facts.push((
            label,
            format!(
                "{} received in {} (in {start} dollars){gain}",
                shown.money(w.amount),
                w.year
            ),
        ));
    }
    facts.push((
        "Heirs' tax rate".into(),
        format!(
            "{} on inherited tax-deferred money",
            shown.rate(plan.heirs_rate)
        ),
    ));
    out.push_str(&facts_list(&facts));
    out
}

/// A definition list of label and value pairs.
pub fn facts_list(facts: &[(String, String)]) -> String {
    let mut out = String::from(r#"<dl class="facts">"#);
    for (k, v) in facts {
        let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", esc(k), esc(v));
    }
    out.push_str("</dl>");
    out
}

/// Strategies as rows, outcomes as columns; the recommended row marked, the best of each
/// column in bold and underlined with a "*" (so it does not rely on colour).
pub fn comparison(shown: &Shown, c: &Comparison, recommended: Option<usize>) -> String {
    let money = |d: Decimal| shown.money(d);
    let rows = metrics(&c.outcomes, &money);
    let short = |label: &str| -> String {
        match label {
            "Lifetime federal tax" => "Federal tax".into(),
            "Lifetime state tax" => "State tax".into(),
            "Lifetime IRMAA" => "IRMAA".into(),
            "Lifetime tax, all" => "All taxes".into(),
            "Years the money lasts" => "Years money lasts".into(),
            "After-tax estate at end" => "Estate after tax".into(),
            "Highest marginal rate" => "Top marginal rate".into(),
            "Roth conversions" => "Roth conversions".into(),
            other => other.replace("After-tax estate at", "Estate at"),
        }
    };
    let columns: Vec<_> = rows
        .iter()
        .filter(|m| m.kind != MetricKind::Text)
        .filter(|m| {
            // Shortfall years only when some strategy has one.
            m.label != "Shortfall years" || m.values.iter().any(|v| !v.is_zero())
        })
        .collect();
    let mut out = String::from(r#"<table class="compact comparison"><thead><tr><th>Strategy</th>"#);
    for m in &columns {
        out.push_str(&th(&short(&m.label), true));
    }
    out.push_str("</tr></thead><tbody>");
    let best: Vec<Vec<bool>> = columns.iter().map(|m| m.best()).collect();
    for (i, o) in c.outcomes.iter().enumerate() {
        let rec = recommended == Some(i);
        let _ = write!(
            out,
            r#"<tr{}><td>{}{}</td>"#,
            if rec { r#" class="rec""# } else { "" },
            esc(&o.strategy),
            if rec { " (recommended)" } else { "" }
        );
        for (k, m) in columns.iter().enumerate() {
            let text = &m.texts[i];
            if best[k][i] {
                let _ = write!(
                    out,
                    r#"<td class="num"><span class="best">{}</span>&nbsp;*</td>"#,
                    esc(text)
                );
            } else {
                out.push_str(&td(text, true));
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

fn amount(shown: &Shown, x: f64) -> String {
    match Decimal::from_f64(x.round()) {
        Some(d) => shown.money(d),
        None => "—".into(),
    }
}

/// The market-risk figures (`policies`: the columns that run as an optimized answer's policy):
/// each simulated strategy's success rate, after-tax wealth at the end
/// (10th, 50th, 90th percentile), median lifetime tax and chance of an IRMAA surcharge.
pub fn risk(
    shown: &Shown,
    r: &SimResult,
    recommended: Option<&str>,
    policies: &[String],
) -> String {
    let mut out = String::from(r#"<table class="compact"><thead><tr><th>Strategy</th>"#);
    for h in [
        "Money lasts",
        "Wealth at end, 10th pct",
        "Median",
        "90th pct",
        "Median lifetime tax",
        "Chance of IRMAA",
    ] {
        out.push_str(&th(h, true));
    }
    out.push_str("</tr></thead><tbody>");
    let pct = |x: f64| format!("{:.1}%", x * 100.0);
    for s in &r.strategies {
        let rec = recommended == Some(s.strategy.as_str());
        let _ = write!(
            out,
            "<tr{}>{}{}{}{}{}{}{}</tr>",
            if rec { r#" class="rec""# } else { "" },
            td(
                &if policies.contains(&s.strategy) {
                    format!("{} ({})", s.strategy, crate::strategy::POLICY_LABEL)
                } else {
                    s.strategy.clone()
                },
                false
            ),
            td(&pct(s.success_rate), true),
            td(&amount(shown, s.terminal_p10), true),
            td(&amount(shown, s.terminal_median), true),
            td(&amount(shown, s.terminal_p90), true),
            td(&amount(shown, s.median_lifetime_tax), true),
            td(&pct(s.irmaa_probability), true)
        );
    }
    out.push_str("</tbody></table>");
    out
}

/// One column of the year-by-year table.
struct Column {
    label: &'static str,
    value: fn(&YearRow<Decimal>) -> Decimal,
    /// Shown even when zero in every year.
    always: bool,
}

const COLUMNS: [Column; 14] = [
    Column {
        label: "Social Security",
        value: |r| r.social_security,
        always: false,
    },
    Column {
        label: "Pensions, wages, other",
        value: |r| r.pay_and_other(),
        always: false,
    },
    Column {
        label: "Dividends, interest",
        value: |r| r.dividends + r.interest,
        always: false,
    },
    Column {
        label: "RMD",
        value: |r| r.rmd,
        always: false,
    },
    Column {
        label: "Deferred draw",
        value: |r| r.deferred_draw,
        always: false,
    },
    Column {
        label: "Taxable sales, cash",
        value: |r| r.taxable_sale + r.cash_draw,
        always: false,
    },
    Column {
        label: "Roth draw",
        value: |r| r.roth_draw,
        always: false,
    },
    Column {
        label: "Roth conversion",
        value: |r| r.conversion,
        always: false,
    },
    Column {
        label: "Spending",
        value: |r| r.spending,
        always: true,
    },
    Column {
        label: "Shortfall",
        value: |r| r.shortfall,
        always: false,
    },
    Column {
        label: "Federal tax",
        value: |r| r.federal_tax,
        always: true,
    },
    Column {
        label: "State tax",
        value: |r| r.state_tax,
        always: false,
    },
    Column {
        label: "IRMAA",
        value: |r| r.irmaa,
        always: false,
    },
    Column {
        label: "Balance at year end",
        value: |r| r.closing.total(),
        always: true,
    },
];

/// Every year of one strategy, in dollars of each year. Columns that are zero in every year
/// are left out.
pub fn years(shown: &Shown, p: &Projection<Decimal>) -> String {
    let used: Vec<&Column> = COLUMNS
        .iter()
        .filter(|c| c.always || p.rows.iter().any(|r| !(c.value)(r).is_zero()))
        .collect();
    let mut out = String::from(r#"<table class="years"><thead><tr><th>Year</th><th>Ages</th>"#);
    for c in &used {
        out.push_str(&th(c.label, true));
    }
    out.push_str(r#"<th class="num">Bracket</th></tr></thead><tbody>"#);
    for r in &p.rows {
        let ages = (0..2)
            .filter(|&i| r.alive[i] && i < shown.plan.people.len())
            .map(|i| r.ages[i].to_string())
            .collect::<Vec<_>>()
            .join("/");
        let bracket = if r.tax.bracket == 0 {
            "0%".to_string()
        } else {
            shown.rate(r.tax.bracket_rate)
        };
        let _ = write!(
            out,
            "<tr>{}{}",
            td(&r.year.to_string(), false),
            td(&ages, false)
        );
        for c in &used {
            out.push_str(&td(&shown.money((c.value)(r)), true));
        }
        let _ = write!(out, "{}</tr>", td(&bracket, true));
    }
    out.push_str("</tbody></table>");
    out
}

/// What the projection assumes.
/// How the plan's required minimum distributions are set, as the assumptions list says it.
fn rmd_rule(plan: &Plan) -> String {
    match &plan.assumptions.rmd {
        RmdRule::CurrentLaw if plan.accounts.iter().any(Account::spouse_beneficiary) => {
            "RMDs by the IRS Uniform Lifetime Table (SECURE 2.0 start ages), or the Joint and \
             Last Survivor Table for an account left to a spouse more than 10 years younger"
                .to_string()
        }
        RmdRule::CurrentLaw => {
            "RMDs by the IRS Uniform Lifetime Table (SECURE 2.0 start ages)".to_string()
        }
        RmdRule::Study { start_age, table } => format!(
            "RMDs from age {start_age} for everyone by the IRS {} Table (a study's rule)",
            match table {
                RmdTable::UniformLifetime => "Uniform Lifetime",
                RmdTable::SingleLife => "Single Life",
            }
        ),
    }
}

pub fn assumptions(shown: &Shown, risk: Option<&SimResult>) -> String {
    let plan = shown.plan;
    let a = &plan.assumptions;
    let returns = match &a.returns {
        Returns::Constant { nominal } => {
            format!("{} a year on every account", shown.rate(*nominal))
        }
        Returns::ByAssetClass {
            stocks,
            bonds,
            cash,
        } => format!(
            "stocks {}, bonds {}, cash {} a year; each account by its own stock/bond mix, \
             rebalanced yearly",
            shown.rate(*stocks),
            shown.rate(*bonds),
            shown.rate(*cash)
        ),
    };
    let law = match &a.tax_law {
        LawMode::CurrentLaw => "federal law as published for 2022–2026, later years indexed by \
                                the plan's inflation where the law indexes"
            .to_string(),
        LawMode::FlatRates {
            ordinary, gains, ..
        } => format!(
            "flat rates: {} on ordinary income, {} on gains (a study's stylised law)",
            shown.rate(*ordinary),
            shown.rate(*gains)
        ),
        LawMode::RateChange { from_year, points } => format!(
            "current law, with every ordinary rate moved by {} points from {from_year}",
            points.normalize()
        ),
    };
    let mut facts = vec![
        (
            "Years".to_string(),
            format!(
                "{}–{} ({} years)",
                a.start_year,
                plan.end_year(),
                plan.horizon_years()
            ),
        ),
        (
            "Inflation".to_string(),
            format!("{} a year", shown.rate(a.inflation)),
        ),
        ("Returns".to_string(), returns),
        ("Tax law".to_string(), law),
        ("State".to_string(), plan.state.label()),
        (
            "Medicare IRMAA".to_string(),
            match &a.prior_magi {
                Some(m) => format!(
                    "surcharges set by income two years earlier; {} and {} before the plan",
                    shown.money(m.two_years_before),
                    shown.money(m.one_year_before)
                ),
                None => "surcharges set by income two years earlier; none in the first two \
                         years (income before the plan not given)"
                    .to_string(),
            },
        ),
        (
            "Withdrawals".to_string(),
            format!(
                "each year's need is met exactly after all taxes; a kind's draws come from its \
                 accounts in proportion to their balances; taxable sales at average cost; {}",
                rmd_rule(plan)
            ),
        ),
        (
            "Estate".to_string(),
            format!(
                "tax-deferred money after the heirs' {} rate; Roth, cash and taxable assets \
                 (basis stepped up) in full; in {} dollars",
                shown.rate(plan.heirs_rate),
                a.start_year
            ),
        ),
    ];
    if let Some(r) = risk {
        let seeded = matches!(r.mode.as_str(), "bootstrap" | "Monte Carlo");
        facts.push((
            "Market paths".to_string(),
            format!(
                "{} returns, {} paths{}{}",
                r.mode,
                r.paths,
                if seeded {
                    format!(", seed {}", r.seed)
                } else {
                    String::new()
                },
                if r.lifetimes.is_planning() {
                    ""
                } else {
                    "; each path draws when each person dies from the SSA life table (at the \
                     latest the planning age) and counts only the years someone is alive"
                }
            ),
        ));
    }
    facts.push((
        "Not modelled".to_string(),
        "local income taxes, itemized deductions, credits, tax lots, the alternative minimum \
         tax, long-term care and other costs not listed, changes in law after 2026"
            .to_string(),
    ));
    facts_list(&facts)
}
