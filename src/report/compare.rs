//! The side-by-side comparison of strategies and the year-by-year ledger of one.

use super::explain::explain;
use super::table::{Cell, Table};
use crate::compare::Comparison;
use crate::engine::{Outcome, Projection};
use crate::money::{format_dollars, format_measured_rate, format_rate, shown_measured_rate};
use crate::plan::Plan;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// How a metric's values read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetricKind {
    Money,
    Years,
    Rate,
    Count,
    Text,
}

/// Which way a row's best value points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    Lower,
    Higher,
}

/// One row of the comparison: a value per strategy.
#[derive(Debug, Clone, PartialEq)]
pub struct Metric {
    pub label: String,
    pub kind: MetricKind,
    pub better: Option<Better>,
    pub values: Vec<Decimal>,
    pub texts: Vec<String>,
}

impl Metric {
    fn new(
        label: impl Into<String>,
        kind: MetricKind,
        better: Option<Better>,
        outcomes: &[Outcome],
        value: impl Fn(&Outcome) -> Decimal,
        text: impl Fn(&Outcome) -> String,
    ) -> Metric {
        Metric {
            label: label.into(),
            kind,
            better,
            values: outcomes.iter().map(value).collect(),
            texts: outcomes.iter().map(text).collect(),
        }
    }

    /// A row only some outcomes have a figure for: "—" where one has none (ranked as zero).
    fn optional(
        label: &str,
        kind: MetricKind,
        better: Better,
        outcomes: &[Outcome],
        get: impl Fn(&Outcome) -> Option<Decimal>,
        show: impl Fn(Decimal) -> String,
    ) -> Metric {
        Metric::new(
            label,
            kind,
            Some(better),
            outcomes,
            |x| get(x).unwrap_or_default(),
            |x| get(x).map_or("—".to_string(), &show),
        )
    }

    /// Which values are the best of the row (none when all are equal). Rates are ranked as they
    /// are shown, to a tenth of a percent: two that read "27.0%" are both the best or neither.
    pub fn best(&self) -> Vec<bool> {
        self.best_among(&vec![true; self.values.len()])
    }

    /// [`Metric::best`] among the columns `comparable` allows: a column that funds another
    /// spending than the others is never the best of a row they share (see
    /// [`Comparison::comparable`]). A column not listed counts as comparable.
    pub fn best_among(&self, comparable: &[bool]) -> Vec<bool> {
        let ranked: Vec<Option<Decimal>> = self
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                comparable
                    .get(i)
                    .copied()
                    .unwrap_or(true)
                    .then(|| match self.kind {
                        MetricKind::Rate => shown_measured_rate(*v),
                        _ => *v,
                    })
            })
            .collect();
        let present = ranked.iter().flatten();
        let pick = match self.better {
            Some(Better::Lower) => present.clone().min(),
            Some(Better::Higher) => present.clone().max(),
            None => None,
        };
        let best = pick.filter(|p| present.clone().any(|v| v != *p)).copied();
        ranked.iter().map(|v| v.is_some() && *v == best).collect()
    }

    /// A change from `before` to `after` as people read it, and whether it is better.
    pub fn delta(&self, before: Decimal, after: Decimal) -> Option<(String, Option<bool>)> {
        // Money as it reads: the difference of the two figures shown beside it.
        let d = if self.kind == MetricKind::Money {
            crate::money::shown_gap(after, before)
        } else {
            after - before
        };
        if d.is_zero() || self.kind == MetricKind::Text {
            return None;
        }
        let sign = if d > Decimal::ZERO { "+" } else { "−" };
        let a = d.abs();
        let text = match self.kind {
            MetricKind::Money => format!("{sign}{}", &format_dollars(a)),
            MetricKind::Years => format!("{sign}{} yrs", a.round_dp(1)),
            MetricKind::Rate => format!("{sign}{} pts", (a * Decimal::from(100)).round_dp(1)),
            MetricKind::Count => format!("{sign}{a}"),
            MetricKind::Text => return None,
        };
        let better = self.better.map(|b| match b {
            Better::Lower => d < Decimal::ZERO,
            Better::Higher => d > Decimal::ZERO,
        });
        Some((text, better))
    }
}

/// Years the money lasts: "31 (all)" when it never ran out.
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

/// The comparison's rows, amounts in the plan's first-year dollars. `money` formats amounts
/// (the planner rounds them to $k in privacy mode).
pub fn metrics(outcomes: &[Outcome], money: &dyn Fn(Decimal) -> String) -> Vec<Metric> {
    use Better::*;
    use MetricKind::*;
    let o = outcomes;
    let rate = format_measured_rate;
    let mut rows = vec![
        Metric::new(
            "Lifetime federal tax",
            Money,
            Some(Lower),
            o,
            |x| x.federal_real,
            |x| money(x.federal_real),
        ),
        Metric::new(
            "Lifetime state tax",
            Money,
            Some(Lower),
            o,
            |x| x.state_real,
            |x| money(x.state_real),
        ),
        Metric::new(
            "Lifetime IRMAA",
            Money,
            Some(Lower),
            o,
            |x| x.irmaa_real,
            |x| money(x.irmaa_real),
        ),
        Metric::new(
            "Lifetime tax, all",
            Money,
            Some(Lower),
            o,
            |x| x.lifetime_tax_real(),
            |x| money(x.lifetime_tax_real()),
        ),
        Metric::new(
            "Lifetime health premiums",
            Money,
            Some(Lower),
            o,
            |x| x.premiums_real,
            |x| money(x.premiums_real),
        ),
        Metric::new(
            "Years the money lasts",
            Years,
            Some(Higher),
            o,
            |x| x.years_lasting,
            lasting_text,
        ),
        Metric::new(
            "After-tax estate at end",
            Money,
            Some(Higher),
            o,
            |x| x.estate_real,
            |x| money(x.estate_real),
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
        rows.push(Metric::new(
            format!("After-tax estate at {age}"),
            Money,
            Some(Higher),
            o,
            at,
            |x| money(at(x)),
        ));
    }
    rows.extend([
        Metric::new(
            "Highest marginal rate",
            Rate,
            Some(Lower),
            o,
            |x| x.highest_marginal,
            |x| rate(x.highest_marginal),
        ),
        Metric::new(
            "Shortfall years",
            Count,
            Some(Lower),
            o,
            |x| Decimal::from(x.shortfall_years),
            |x| x.shortfall_years.to_string(),
        ),
        Metric::new(
            "Roth conversions",
            Money,
            None,
            o,
            |x| x.conversions,
            |x| money(x.conversions),
        ),
        Metric::new(
            "Years by bracket",
            Text,
            None,
            o,
            |_| Decimal::ZERO,
            brackets_text,
        ),
    ]);
    rows
}

/// The figures weighted by how long the household lives (the SSA life table, each person's sex
/// and mortality multiplier): the after-tax estate expected at the last death, and the chance
/// the money lasts as long as either person lives. Beside the fixed-age rows of [`metrics`] in
/// the comparison (the planner's and `drawdown report`'s).
pub fn life_metrics(outcomes: &[Outcome], money: &dyn Fn(Decimal) -> String) -> Vec<Metric> {
    if outcomes.iter().all(|o| o.weighted.is_none()) {
        return Vec::new();
    }
    let estate = |x: &Outcome| x.weighted.as_ref().map(|w| w.estate_real);
    let lasts = |x: &Outcome| x.weighted.as_ref().map(|w| w.money_lasts);
    vec![
        Metric::optional(
            "Expected estate at death",
            MetricKind::Money,
            Better::Higher,
            outcomes,
            estate,
            money,
        ),
        Metric::optional(
            "Lasts while either lives",
            MetricKind::Rate,
            Better::Higher,
            outcomes,
            lasts,
            format_measured_rate,
        ),
    ]
}

/// The widow's penalty: for a couple one of whom outlives the other within the plan, the tax a
/// year (federal, state, IRMAA; today's dollars) while both live and after the first death,
/// when the survivor files single. Nothing for one person or a couple living to the end.
pub fn survivor_metrics(outcomes: &[Outcome], money: &dyn Fn(Decimal) -> String) -> Vec<Metric> {
    if outcomes.iter().all(|o| o.survivor_tax.is_none()) {
        return Vec::new();
    }
    let both = |x: &Outcome| x.survivor_tax.as_ref().map(|t| t.both);
    let after = |x: &Outcome| x.survivor_tax.as_ref().map(|t| t.survivor);
    vec![
        Metric::optional(
            "Tax a year, both alive",
            MetricKind::Money,
            Better::Lower,
            outcomes,
            both,
            money,
        ),
        Metric::optional(
            "Tax a year, survivor",
            MetricKind::Money,
            Better::Lower,
            outcomes,
            after,
            money,
        ),
    ]
}

/// The comparison's rows: [`metrics`] with [`survivor_metrics`] after the lifetime tax and
/// [`life_metrics`] after the estate rows.
pub fn comparison_metrics(outcomes: &[Outcome], money: &dyn Fn(Decimal) -> String) -> Vec<Metric> {
    let mut all = metrics(outcomes, money);
    let at = all
        .iter()
        .position(|m| m.label == "Highest marginal rate")
        .unwrap_or(all.len());
    all.splice(at..at, life_metrics(outcomes, money));
    let at = all
        .iter()
        .position(|m| m.label == "Lifetime tax, all")
        .map_or(all.len(), |i| i + 1);
    all.splice(at..at, survivor_metrics(outcomes, money));
    all
}

/// Every strategy side by side, amounts in the plan's first-year dollars.
pub fn comparison_table(plan: &Plan, c: &Comparison) -> Table {
    let mut headers = vec!["".to_string()];
    headers.extend(c.outcomes.iter().map(|x| x.strategy.clone()));
    let rows = comparison_metrics(&c.outcomes, &format_dollars)
        .into_iter()
        .map(|m| {
            let best = m.best_among(&c.comparable());
            let mut row = vec![Cell::text(m.label.clone())];
            for (i, text) in m.texts.iter().enumerate() {
                let mut cell = match m.kind {
                    MetricKind::Text => Cell::text(text.clone()),
                    _ => Cell::number(text.clone(), m.values[i].to_f64().unwrap_or(0.0)),
                };
                cell.best = best[i];
                row.push(cell);
            }
            row
        })
        .collect();
    Table {
        title: format!("{}: strategies compared", plan.name),
        note: format!(
            "{} to {}, {} years; taxes and estate in {} dollars; conversions in dollars of each year{}",
            plan.assumptions.start_year,
            plan.end_year(),
            plan.horizon_years(),
            plan.assumptions.start_year,
            plan.one_return_caution()
                .map(|c| format!("\n{c}"))
                .unwrap_or_default()
        ),
        headers,
        rows,
    }
}

fn money(d: Decimal) -> Cell {
    Cell::number(format_dollars(d), d.round_dp(2).to_f64().unwrap_or(0.0))
}

fn rate(d: Decimal) -> Cell {
    Cell::number(format_measured_rate(d), d.to_f64().unwrap_or(0.0))
}

/// One strategy year by year, in dollars of each year.
pub fn ledger_table(plan: &Plan, p: &Projection<Decimal>) -> Table {
    let headers = [
        "Year",
        "Ages",
        "Social Security",
        "Pensions, wages, other",
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
        "Payroll tax",
        "Early-withdrawal tax",
        "Health premiums",
        "Premium credit",
        "HSA contribution",
        "401(k) deferrals",
        "Medical costs",
        "From HSAs",
        "Charity",
        "QCD",
        "Bracket",
        "Marginal",
        "Taxable",
        "Deferred",
        "Roth",
        "Cash",
        "HSA",
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
                money(r.pay_and_other()),
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
                money(r.payroll_tax),
                money(r.early_withdrawal_tax),
                money(r.health()),
                money(r.aca_credit),
                money(r.hsa_contribution),
                money(r.deferrals),
                money(r.medical_costs),
                money(r.hsa_medical + r.hsa_draw),
                money(r.charity),
                money(r.qcd),
                Cell::text(bracket),
                rate(r.marginal_ordinary),
                money(r.closing.taxable),
                money(r.closing.deferred),
                money(r.closing.roth),
                money(r.closing.cash),
                money(r.closing.hsa),
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

/// Finds a compared strategy by name (any case), by number (1 = first) or by a prefix that
/// only one name starts with. A name wins over a number: a strategy labelled "2" is the one
/// `2` finds, and the number picks the second strategy only when none is named so. A prefix
/// several names start with is refused with those names: a report never silently picks one of
/// two strategies.
pub fn find_strategy(c: &Comparison, wanted: &str) -> Result<usize, String> {
    let names: Vec<String> = c.outcomes.iter().map(|o| o.strategy.clone()).collect();
    find_name(&names, wanted)
}

/// [`find_strategy`] over the names alone.
fn find_name(names: &[String], wanted: &str) -> Result<usize, String> {
    let w = wanted.trim().to_lowercase();
    let exact: Vec<usize> = (0..names.len())
        .filter(|i| names[*i].to_lowercase() == w)
        .collect();
    // The number only after the exact names: otherwise a strategy labelled "2" could never be
    // reached by its name.
    if exact.is_empty()
        && let Ok(n) = w.parse::<usize>()
        && (1..=names.len()).contains(&n)
    {
        return Ok(n - 1);
    }
    let matches: Vec<usize> = if exact.is_empty() {
        (0..names.len())
            .filter(|i| names[*i].to_lowercase().starts_with(&w))
            .collect()
    } else {
        exact
    };
    let quoted = |list: &[usize]| {
        list.iter()
            .map(|i| format!("'{}'", names[*i]))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match matches.as_slice() {
        [one] => Ok(*one),
        [] => Err(format!(
            "no strategy matches '{wanted}'; the plan compares: {}",
            names.join(", ")
        )),
        many => Err(format!(
            "'{wanted}' is ambiguous: it matches {}; give more of the name or its number",
            quoted(many)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `--strategy 2` picked the second strategy even when one was labelled "2".
    #[test]
    fn a_name_wins_over_a_number_and_a_number_over_a_prefix() {
        let names: Vec<String> = ["Conventional", "Fill 12%", "2", "20 years"]
            .iter()
            .map(|n| n.to_string())
            .collect();
        assert_eq!(find_name(&names, "2"), Ok(2));
        assert_eq!(find_name(&names, " FILL 12% "), Ok(1));
        // No strategy is named "1" or "4": the numbers pick by position, before any prefix.
        assert_eq!(find_name(&names, "1"), Ok(0));
        assert_eq!(find_name(&names, "4"), Ok(3));
        assert_eq!(find_name(&names, "fill"), Ok(1));
        assert!(find_name(&names, "9").is_err());
    }
    use rust_decimal_macros::dec;

    fn row(kind: MetricKind, better: Better, values: Vec<Decimal>) -> Metric {
        Metric {
            label: "row".into(),
            kind,
            better: Some(better),
            texts: values.iter().map(|v| v.to_string()).collect(),
            values,
        }
    }

    #[test]
    fn rates_that_read_the_same_are_ranked_the_same() {
        // 27.0% and 27.004% both read "27.0%": a star on one alone would say they differ.
        let rates = row(
            MetricKind::Rate,
            Better::Lower,
            vec![dec!(0.27), dec!(0.27004), dec!(0.30)],
        );
        assert_eq!(rates.best(), vec![true, true, false]);
        // A tenth of a point apart, they differ.
        let rates = row(
            MetricKind::Rate,
            Better::Lower,
            vec![dec!(0.27), dec!(0.271), dec!(0.30)],
        );
        assert_eq!(rates.best(), vec![true, false, false]);
        // Equal as shown everywhere: no best.
        let rates = row(
            MetricKind::Rate,
            Better::Higher,
            vec![dec!(1), dec!(0.99996)],
        );
        assert_eq!(rates.best(), vec![false, false]);
        // Money is ranked to the cent it holds.
        let money = row(
            MetricKind::Money,
            Better::Higher,
            vec![dec!(100.01), dec!(100.00)],
        );
        assert_eq!(money.best(), vec![true, false]);
    }
}
