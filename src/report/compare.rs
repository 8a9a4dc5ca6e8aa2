//! The side-by-side comparison of strategies and the year-by-year ledger of one.

use super::explain::explain;
use super::table::{Cell, Table};
use crate::engine::{Comparison, Outcome, Projection};
use crate::money::{format_dollars, format_rate};
use crate::plan::Plan;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

fn money(d: Decimal) -> Cell {
    Cell::number(format_dollars(d), d.round_dp(2).to_f64().unwrap_or(0.0))
}

fn rate(d: Decimal) -> Cell {
    Cell::number(format_rate(d.round_dp(4)), d.to_f64().unwrap_or(0.0))
}

/// Which way a row's best value points.
#[derive(Clone, Copy)]
enum Better {
    Lower,
    Higher,
}

/// One metric row: a label, a value per strategy, and how to pick the best.
fn metric(
    label: &str,
    outcomes: &[Outcome],
    value: impl Fn(&Outcome) -> Decimal,
    cell: impl Fn(&Outcome) -> Cell,
    better: Option<Better>,
) -> Vec<Cell> {
    let values: Vec<Decimal> = outcomes.iter().map(&value).collect();
    let best = better.and_then(|b| {
        let pick = match b {
            Better::Lower => values.iter().min(),
            Better::Higher => values.iter().max(),
        };
        // Highlight only when the strategies differ on this row.
        pick.filter(|p| values.iter().any(|v| v != *p)).copied()
    });
    let mut row = vec![Cell::text(label)];
    for (o, v) in outcomes.iter().zip(&values) {
        let mut c = cell(o);
        c.best = best == Some(*v);
        row.push(c);
    }
    row
}

/// Years the money lasts, as a cell: "31 (all)" when it never ran out.
pub fn lasting_text(o: &Outcome) -> String {
    if o.lasts_to_horizon {
        format!("{} (all)", o.horizon_years)
    } else {
        format!("{}", o.years_lasting)
    }
}

/// Years spent in each bracket, compactly: "0%:5 12%:20 22%:6".
pub fn brackets_text(o: &Outcome) -> String {
    const NAMES: [&str; 8] = ["0%", "10%", "12%", "22%", "24%", "32%", "35%", "37%"];
    o.years_in_bracket
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(i, n)| format!("{}:{n}", NAMES[i]))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every strategy side by side, amounts in the plan's first-year dollars.
pub fn comparison_table(plan: &Plan, c: &Comparison) -> Table {
    let o = &c.outcomes;
    let mut headers = vec!["".to_string()];
    headers.extend(o.iter().map(|x| x.strategy.clone()));
    let mut rows = vec![
        metric(
            "Lifetime federal tax",
            o,
            |x| x.federal_real,
            |x| money(x.federal_real),
            Some(Better::Lower),
        ),
        metric(
            "Lifetime state tax",
            o,
            |x| x.state_real,
            |x| money(x.state_real),
            Some(Better::Lower),
        ),
        metric(
            "Lifetime IRMAA surcharges",
            o,
            |x| x.irmaa_real,
            |x| money(x.irmaa_real),
            Some(Better::Lower),
        ),
        metric(
            "Lifetime tax, all",
            o,
            |x| x.lifetime_tax_real(),
            |x| money(x.lifetime_tax_real()),
            Some(Better::Lower),
        ),
        metric(
            "Years the money lasts",
            o,
            |x| x.years_lasting,
            |x| Cell::number(lasting_text(x), x.years_lasting.to_f64().unwrap_or(0.0)),
            Some(Better::Higher),
        ),
        metric(
            "After-tax estate at the end",
            o,
            |x| x.estate_real,
            |x| money(x.estate_real),
            Some(Better::Higher),
        ),
    ];
    let ages: Vec<u32> = o
        .first()
        .map(|x| x.estate_at_ages.iter().map(|e| e.age).collect())
        .unwrap_or_default();
    for age in ages {
        let at = move |x: &Outcome| {
            x.estate_at_ages
                .iter()
                .find(|e| e.age == age)
                .map(|e| e.real)
                .unwrap_or_default()
        };
        rows.push(metric(
            &format!("After-tax estate at {age}"),
            o,
            at,
            move |x| money(at(x)),
            Some(Better::Higher),
        ));
    }
    rows.extend([
        metric(
            "Highest marginal rate",
            o,
            |x| x.highest_marginal,
            |x| rate(x.highest_marginal),
            Some(Better::Lower),
        ),
        metric(
            "Shortfall years",
            o,
            |x| Decimal::from(x.shortfall_years),
            |x| Cell::number(x.shortfall_years.to_string(), f64::from(x.shortfall_years)),
            Some(Better::Lower),
        ),
        metric(
            "Roth conversions",
            o,
            |x| x.conversions,
            |x| money(x.conversions),
            None,
        ),
        metric(
            "Years by bracket",
            o,
            |_| Decimal::ZERO,
            |x| Cell::text(brackets_text(x)),
            None,
        ),
    ]);
    Table {
        title: format!("{}: strategies compared", plan.name),
        note: format!(
            "{} to {}, {} years; taxes and estate in {} dollars; conversions in dollars of each year",
            plan.assumptions.start_year,
            plan.end_year(),
            plan.horizon_years(),
            plan.assumptions.start_year
        ),
        headers,
        rows,
    }
}

/// One strategy year by year, in dollars of each year.
pub fn ledger_table(plan: &Plan, p: &Projection<Decimal>) -> Table {
    let headers = [
        "Year",
        "Ages",
        "Social Security",
        "Pensions+wages",
        "Dividends+interest",
        "RMD",
        "Deferred draw",
        "Roth draw",
        "Taxable sale",
        "Cash draw",
        "Conversion",
        "Spending",
        "Shortfall",
        "Federal tax",
        "State tax",
        "IRMAA",
        "Bracket",
        "Marginal",
        "Taxable",
        "Deferred",
        "Roth",
        "Cash",
        "Total",
        "What happened",
    ]
    .map(String::from)
    .to_vec();
    let rows = p
        .rows
        .iter()
        .map(|r| {
            let ages = (0..plan.people.len())
                .filter(|i| r.alive[*i])
                .map(|i| r.ages[i].to_string())
                .collect::<Vec<_>>()
                .join("/");
            let bracket = if r.tax.bracket == 0 {
                "0%".to_string()
            } else {
                format_rate(r.tax.bracket_rate)
            };
            vec![
                Cell::number(r.year.to_string(), f64::from(r.year)),
                Cell::text(ages),
                money(r.social_security),
                money(r.pensions + r.wages + r.other_income),
                money(r.dividends + r.interest),
                money(r.rmd),
                money(r.deferred_draw),
                money(r.roth_draw),
                money(r.taxable_sale),
                money(r.cash_draw),
                money(r.conversion),
                money(r.spending),
                money(r.shortfall),
                money(r.federal_tax),
                money(r.state_tax),
                money(r.irmaa),
                Cell::text(bracket),
                rate(r.marginal_ordinary),
                money(r.closing.taxable),
                money(r.closing.deferred),
                money(r.closing.roth),
                money(r.closing.cash),
                money(r.closing.total()),
                Cell::text(explain(r)),
            ]
        })
        .collect();
    Table {
        title: format!("{}: {}", plan.name, p.strategy),
        note: "Dollars of each year; balances at year end".into(),
        headers,
        rows,
    }
}

/// Finds a compared strategy by name (any case), by number (1 = first) or by a unique prefix.
pub fn find_strategy(c: &Comparison, wanted: &str) -> Result<usize, String> {
    let names: Vec<String> = c.outcomes.iter().map(|o| o.strategy.clone()).collect();
    if let Ok(n) = wanted.trim().parse::<usize>()
        && (1..=names.len()).contains(&n)
    {
        return Ok(n - 1);
    }
    let w = wanted.trim().to_lowercase();
    if let Some(i) = names.iter().position(|n| n.to_lowercase() == w) {
        return Ok(i);
    }
    let matches: Vec<usize> = names
        .iter()
        .enumerate()
        .filter(|(_, n)| n.to_lowercase().starts_with(&w))
        .map(|(i, _)| i)
        .collect();
    match matches.as_slice() {
        [one] => Ok(*one),
        _ => Err(format!(
            "no single strategy matches '{wanted}'; the plan compares: {}",
            names.join(", ")
        )),
    }
}
