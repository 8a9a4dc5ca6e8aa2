//! "This year's actions" as lines to act on, as a table (CSV, Markdown, JSON) and as text to
//! read in a terminal: what to do, from which account, how much, and what sets the amount.

use super::{AccountRef, Actions};
use crate::plan::{AccountKind, Plan};
use crate::report::shown::Shown;
use crate::report::table::{Cell, Table};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// An account as shown: its name (hidden in privacy mode), or what the engine opened.
pub fn account_label(shown: &Shown, a: &AccountRef) -> String {
    match a.index {
        Some(i) => shown.account(i),
        None if a.owner.is_some() && a.kind == AccountKind::Roth => {
            format!("a new Roth IRA of {}", shown.person(a.owner.unwrap_or(0)))
        }
        None => a.name.clone(),
    }
}

/// One line of the actions: what to do, from which account, how much, and what sets it.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionLine {
    pub action: String,
    pub account: String,
    pub amount: Decimal,
    pub shown: String,
    pub reason: String,
}

/// The actions as lines, in the order to act on them.
pub fn action_lines(a: &Actions, shown: &Shown) -> Vec<ActionLine> {
    let mut lines = Vec::new();
    let mut push = |action: &str, account: String, amount: Decimal, reason: String| {
        lines.push(ActionLine {
            action: action.to_string(),
            account,
            amount,
            shown: shown.cents(amount),
            reason: shown.text(&reason),
        });
    };
    for r in &a.rmds {
        let reason = if r.period > Decimal::ZERO {
            let owner = r.account.owner.unwrap_or(0);
            let table = match r.joint_with {
                Some(spouse) => format!(
                    "IRS Joint and Last Survivor Table at {}'s age, {}, and {}'s, {spouse}: the \
                     spouse is the sole beneficiary and more than 10 years younger",
                    shown.person(owner),
                    r.age,
                    shown.person(1 - owner.min(1)),
                ),
                None => format!(
                    "IRS Uniform Lifetime Table at {}'s age, {}",
                    shown.person(owner),
                    r.age
                ),
            };
            format!(
                "required: the balance at the end of {} ({}) divided by {} ({table}); take it by \
                 December 31{}",
                a.year - 1,
                shown.money(r.prior_balance),
                r.period.normalize(),
                if r.first {
                    " (a first RMD may wait until April 1 of next year, but then two fall \
                     in one tax year)"
                } else {
                    ""
                }
            )
        } else {
            "required minimum distributions, by each owner's age (IRS Uniform Lifetime Table); \
             take them by December 31"
                .to_string()
        };
        push(
            "Take the RMD",
            account_label(shown, &r.account),
            r.amount,
            reason,
        );
    }
    for cv in &a.conversions {
        push(
            "Convert to Roth before December 31",
            format!(
                "{} → {}",
                account_label(shown, &cv.from),
                account_label(shown, &cv.to)
            ),
            cv.amount,
            format!("ordinary income stops {}", a.deferred_edge),
        );
    }
    let rest = "the rest of the year's need after tax, met to the cent".to_string();
    for d in &a.draws {
        match d.account.kind {
            AccountKind::Deferred => push(
                "Withdraw (beyond the RMD)",
                account_label(shown, &d.account),
                d.amount,
                format!("ordinary income stops {}", a.deferred_edge),
            ),
            AccountKind::Taxable => {
                let (basis, gain) = (d.basis.unwrap_or_default(), d.gain.unwrap_or_default());
                let rate = a.row.marginal_gain;
                push(
                    "Sell holdings",
                    account_label(shown, &d.account),
                    d.amount,
                    format!(
                        "{rest}. At the account's average cost (drawdown does not track tax \
                         lots): {} of basis, {} of long-term gain, taxed at {} on the next \
                         dollar; selling the highest-basis lots first realises less",
                        shown.money(basis),
                        shown.money(gain),
                        shown.measured_rate(rate)
                    ),
                );
            }
            AccountKind::Roth => push(
                "Withdraw (tax-free)",
                account_label(shown, &d.account),
                d.amount,
                rest.clone(),
            ),
            AccountKind::Cash => push(
                "Withdraw",
                account_label(shown, &d.account),
                d.amount,
                rest.clone(),
            ),
            AccountKind::Hsa => push(
                "Withdraw (ordinary income)",
                account_label(shown, &d.account),
                d.amount,
                "the other accounts are spent: HSA money for other than medical costs is \
                 ordinary income (plus 20% before 65)"
                    .into(),
            ),
        }
    }
    if a.harvest > Decimal::ZERO {
        push(
            "Sell and rebuy (harvest gains)",
            "taxable accounts".into(),
            a.harvest,
            "gain realised at the 0% long-term rate, up to the top of the 0% band, to raise \
             the basis; across the taxable accounts in proportion to their unrealised gains"
                .into(),
        );
    }
    if a.row.fixed_deferred > Decimal::ZERO && a.row.reinvested > Decimal::ZERO {
        push(
            "Invest (drawn beyond the need)",
            "first taxable account".into(),
            a.row.reinvested,
            "what the withdrawal leaves after the year's spending and taxes, bought at full basis \
             (a new taxable account when there is none)"
                .into(),
        );
    }
    if a.row.dividends_reinvested > Decimal::ZERO {
        push(
            "Reinvest dividends",
            "taxable accounts".into(),
            a.row.dividends_reinvested,
            "kept in the accounts that pay them (adding to their basis), taxed this year all the \
             same: the estimate below includes them"
                .into(),
        );
    }
    let t = &a.tax;
    let bracket = if a.row.tax.bracket == 0 {
        "no ordinary income taxed".to_string()
    } else {
        format!("the {} bracket", shown.rate(a.row.tax.bracket_rate))
    };
    push(
        "Estimated federal income tax",
        String::new(),
        t.federal,
        format!(
            "{bracket}; the next $1 of IRA money costs {} federal",
            shown.measured_rate(a.why.marginal_ira_federal)
        ),
    );
    if t.state > Decimal::ZERO {
        push(
            "Estimated state income tax",
            String::new(),
            t.state,
            format!(
                "the next $1 of IRA money costs {} state",
                shown.measured_rate(a.why.marginal_ira - a.why.marginal_ira_federal)
            ),
        );
    }
    if t.irmaa > Decimal::ZERO {
        push(
            "Medicare IRMAA surcharges",
            String::new(),
            t.irmaa,
            format!("set by {} income; taken from the premiums", a.year - 2),
        );
    }
    for (label, tax) in [("federal", t.federal), ("state", t.state)] {
        if tax <= Decimal::ZERO {
            continue;
        }
        let (account, reason) = match t.withholding_rate(tax) {
            Some(rate) if label == "federal" => (
                "from the IRA distributions".to_string(),
                format!(
                    "{} withheld from the {} of RMDs and draws covers it (withholding counts \
                     as paid evenly through the year, IRS Pub. 505, so a December \
                     distribution can carry it); at least 90% of this year's tax (or 100% of \
                     last year's, 110% above $150,000 of AGI) avoids the underpayment penalty",
                    shown.rate(rate),
                    shown.money(t.ira_paid)
                ),
            ),
            Some(rate) => (
                "from the IRA distributions".to_string(),
                format!(
                    "{} withheld from the same distributions covers it; the state's own rules \
                     on withholding and estimated payments apply",
                    shown.rate(rate)
                ),
            ),
            None => (
                "estimated payments".to_string(),
                format!(
                    "the IRA distributions cannot carry it: four estimated payments of {} \
                     (April 15, June 15 and September 15, {}, and January 15, {}), or \
                     withholding from other income",
                    shown.cents((tax / Decimal::from(4)).round_dp(2)),
                    a.year,
                    a.year + 1
                ),
            ),
        };
        push(
            &format!("Suggested {label} withholding"),
            account,
            tax,
            reason,
        );
    }
    lines
}

/// The actions as a table (text, CSV, Markdown, JSON): action, account, amount, what sets it.
pub fn actions_table(plan: &Plan, a: &Actions) -> Table {
    let shown = Shown::new(plan, false);
    let rows = action_lines(a, &shown)
        .into_iter()
        .map(|l| {
            vec![
                Cell::text(l.action),
                Cell::text(l.account),
                Cell::number(l.shown, l.amount.round_dp(2).to_f64().unwrap_or(0.0)),
                Cell::text(l.reason),
            ]
        })
        .collect();
    let mut note = match a.recommended {
        Some(rule) => format!("{} is {rule}.", a.strategy),
        None => format!("{}: {}.", a.strategy, a.describe),
    };
    note.push_str(" Dollars of the year");
    if !a.by_account {
        note.push_str("; by kind of account (the split by account could not be reproduced)");
    }
    note.push('.');
    Table {
        title: format!("{}: actions for {}, {}", plan.name, a.year, a.strategy),
        note,
        headers: ["Action", "Account", "Amount", "What sets it"]
            .map(String::from)
            .to_vec(),
        rows,
    }
}

/// The actions as text to read in a terminal: one line per action with its amount, and what
/// sets it wrapped beneath.
pub fn actions_text(plan: &Plan, a: &Actions) -> String {
    let table = actions_table(plan, a);
    let lines = action_lines(a, &Shown::new(plan, false));
    let w_action = lines
        .iter()
        .map(|l| l.action.chars().count())
        .max()
        .unwrap_or(0);
    let w_account = lines
        .iter()
        .map(|l| l.account.chars().count())
        .max()
        .unwrap_or(0);
    let w_amount = lines
        .iter()
        .map(|l| l.shown.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = format!("{}\n{}\n\n", table.title, wrap(&table.note, 96, ""));
    for l in &lines {
        out.push_str(
            format!(
                "{:<w_action$}  {:<w_account$}  {:>w_amount$}",
                l.action, l.account, l.shown
            )
            .trim_end(),
        );
        out.push('\n');
        out.push_str(&wrap(&l.reason, 92, "    "));
        out.push('\n');
    }
    out
}

/// Words wrapped at `width` characters, each line after `indent`.
fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
        .iter()
        .map(|l| format!("{indent}{l}"))
        .collect::<Vec<_>>()
        .join("\n")
}
