//! The year inspector's content: what the strategy did and why, the year's ledger row, the
//! federal tax step by step and the balances, and the marginal-rate curve.

use super::format::{money, person, round_amounts};
use crate::money::{format_measured_rate, format_rate};
use crate::report::explain;
use crate::tui::app::App;
use crate::tui::widgets::CurveStretch;
use rust_decimal::Decimal;

/// One line of the inspector.
#[derive(Debug, Clone, PartialEq)]
pub enum InspectorLine {
    Head(String),
    /// A label and an amount.
    Row(String, String),
    /// What the strategy did (highlighted).
    Did(String),
    /// Why the year looks as it does.
    Text(String),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inspector {
    /// Parts of the title, most important first; the view keeps the ones that fit.
    pub title: Vec<String>,
    pub why: Vec<InspectorLine>,
    /// The ledger row: income, draws, outgoings, balances.
    pub ledger: Vec<InspectorLine>,
    /// The federal tax step by step and the rates.
    pub taxes: Vec<InspectorLine>,
    pub curve: Vec<CurveStretch>,
}

impl Inspector {
    /// Every line in one column: why, then the ledger, then the taxes (a narrow screen).
    pub fn lines(&self) -> Vec<InspectorLine> {
        let mut out = self.why.clone();
        out.extend(self.ledger.iter().cloned());
        out.push(InspectorLine::Text(String::new()));
        out.extend(self.taxes.iter().cloned());
        out
    }
}

pub fn inspector(app: &App) -> Inspector {
    let Some(p) = app
        .comparison
        .as_ref()
        .and_then(|c| c.projections.get(app.strategy))
    else {
        return Inspector::default();
    };
    let Some(r) = p.rows.get(app.year) else {
        return Inspector::default();
    };
    let m = |d: Decimal| money(app, d);
    let row = |label: &str, v: String| InspectorLine::Row(label.to_string(), v);
    let head = |s: &str| InspectorLine::Head(s.to_string());
    let ages: Vec<String> = (0..app.plan.people.len())
        .filter(|i| r.alive[*i])
        .map(|i| format!("{} {}", person(app, i), r.ages[i]))
        .collect();
    let title = vec![
        r.year.to_string(),
        super::format::label(app, &p.strategy),
        ages.join(", "),
        r.filing.label().to_string(),
        "←→ year, [ ] strategy, ↑↓ scroll, Esc".to_string(),
    ];
    let mut ledger = vec![
        head("Came in (dollars of the year)"),
        row("Social Security", m(r.social_security)),
        row("Pensions and wages", m(r.pensions + r.wages)),
        row("Other income", m(r.other_income)),
        row("Dividends", m(r.dividends)),
        row("Interest", m(r.interest)),
        head("Taken from the accounts"),
        row("Required minimum distribution", m(r.rmd)),
        row("Tax-deferred draw", m(r.deferred_draw)),
        row("Roth draw", m(r.roth_draw)),
        row("Taxable sale", m(r.taxable_sale)),
        row("  gain realised", m(r.realized_gain)),
        row("Cash draw", m(r.cash_draw)),
        row("Roth conversion", m(r.conversion)),
        row("Gains harvested", m(r.harvested_gain)),
        head("Went out"),
        row("Spending need", m(r.spending)),
        row("Shortfall", m(r.shortfall)),
        row("Federal tax", m(r.federal_tax)),
        row("State tax", m(r.state_tax)),
        row(&format!("IRMAA (tier {})", r.irmaa_tier), m(r.irmaa)),
    ];
    if r.dividends_reinvested != Decimal::ZERO {
        // Under "Dividends": taxed with them, but in the balances rather than spent.
        ledger.insert(
            5,
            row("  reinvested in the account", m(r.dividends_reinvested)),
        );
    }
    if r.self_employment != Decimal::ZERO {
        // After "Pensions and wages".
        ledger.insert(3, row("Self-employment profit", m(r.self_employment)));
    }
    if r.windfall != Decimal::ZERO {
        // After "Other income".
        let at = 4 + usize::from(r.self_employment != Decimal::ZERO);
        ledger.insert(at, row("Windfall", m(r.windfall)));
        if r.windfall_gain != Decimal::ZERO {
            ledger.insert(at + 1, row("  taxed as a gain", m(r.windfall_gain)));
        }
    }
    // Health and work lines, in the years that have them (most retirees' have only Medicare).
    for (label, v) in [
        ("Payroll tax", r.payroll_tax),
        ("Early-withdrawal tax", r.early_withdrawal_tax),
        ("Marketplace premium", r.marketplace_premium),
        ("  premium credit", r.aca_credit),
        ("Medicare premiums", r.medicare_premium),
        ("HSA contribution (from wages)", r.hsa_contribution),
        ("401(k) deferrals (from wages)", r.deferrals),
        ("Medical costs", r.medical_costs),
        ("  paid from HSAs, tax-free", r.hsa_medical),
        ("HSA spent on other (income)", r.hsa_draw),
        ("Inherited Roth payout (in the draw)", r.roth_payout),
        ("Gifts to charity", r.charity),
        ("  from IRAs (QCDs, not income)", r.qcd),
    ] {
        if v != Decimal::ZERO {
            ledger.push(row(label, m(v)));
        }
    }
    ledger.extend([
        row("Reinvested", m(r.reinvested)),
        head("Balances at year end"),
        row("Taxable", m(r.closing.taxable)),
        row("  cost basis", m(r.closing.basis)),
        row("Tax-deferred", m(r.closing.deferred)),
        row("Roth", m(r.closing.roth)),
        row("Cash", m(r.closing.cash)),
    ]);
    if r.closing.hsa != Decimal::ZERO || r.opening.hsa != Decimal::ZERO {
        ledger.push(row("HSA", m(r.closing.hsa)));
    }
    ledger.push(row("Total", m(r.closing.total())));
    let b = &r.tax;
    let bracket = if b.bracket == 0 {
        "none (deductions)".to_string()
    } else {
        format_rate(b.bracket_rate)
    };
    let taxes = vec![
        head("Federal tax, step by step"),
        row("Provisional income", m(b.provisional_income)),
        row("Taxable Social Security", m(b.taxable_social_security)),
        row("Adjusted gross income", m(b.agi)),
        row("MAGI (sets IRMAA in 2 years)", m(b.magi)),
        row("Standard deduction", m(b.standard_deduction)),
        row("Senior deduction", m(b.senior_deduction)),
        row("Taxable income", m(b.taxable_income)),
        row("  ordinary", m(b.ordinary_taxable_income)),
        row("  gains and qualified div.", m(b.preferential_income)),
        row("Tax on ordinary income", m(b.ordinary_tax)),
        row("Tax on gains and dividends", m(b.preferential_tax)),
        row("Net investment income tax", m(b.niit)),
        row("Federal tax", m(b.total.round_dp(2))),
        head("Rates"),
        row("Bracket reached", bracket),
        row(
            "Gain band reached",
            ["0%", "15%", "20%"][usize::from(b.gain_band.min(2))].to_string(),
        ),
        row(
            "Next $1 of IRA income",
            format_measured_rate(r.marginal_ordinary),
        ),
        row(
            "Next $1 of long-term gain",
            format_measured_rate(r.marginal_gain),
        ),
    ];
    // What the strategy did and why: the same sentences as `drawdown report --explain`, with
    // amounts rounded like every other figure in privacy mode.
    let shown = |s: String| if app.privacy { round_amounts(&s) } else { s };
    let inputs = crate::report::year_inputs(&app.plan).ok();
    let year_inputs = inputs.as_ref().and_then(|i| i.get(app.year));
    let mut why = vec![InspectorLine::Did(shown(explain(r)))];
    if let Some(yi) = year_inputs {
        for line in crate::report::why(r, yi).lines {
            why.push(InspectorLine::Text(shown(line)));
        }
    }
    let names: Vec<String> = (0..app.plan.people.len()).map(|i| person(app, i)).collect();
    if let Some(note) = crate::report::survivor::survivor_note(p, app.year, &names) {
        why.push(InspectorLine::Text(shown(note)));
    }
    why.push(InspectorLine::Text(
        if app.curve {
            "m: back to the ledger"
        } else {
            "m: the marginal-rate curve of this year"
        }
        .to_string(),
    ));
    let curve = match (app.curve, year_inputs) {
        (true, Some(yi)) => crate::report::year_curve(r, yi, crate::report::CURVE_MAX)
            .iter()
            .map(|p| CurveStretch {
                extra: p.extra,
                federal: p.federal_marginal,
                state: p.state_marginal,
                irmaa_step: p.irmaa_step,
                aca_step: p.aca_step,
            })
            .collect(),
        _ => Vec::new(),
    };
    Inspector {
        title,
        why,
        ledger,
        taxes,
        curve,
    }
}
