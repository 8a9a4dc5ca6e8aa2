//! The charts' plain data: one stacked column of income sources per year and one column of
//! taxes, in today's dollars, for the charted strategy.

use crate::engine::Projection;
use crate::money::format_rate;
use crate::report::handout::series::{Deflate, year_amounts};
use crate::tui::widgets::{StackColumn, TaxColumn};
use rust_decimal::Decimal;

/// One stacked column per year, in today's dollars.
pub fn stack_columns(p: &Projection<Decimal>) -> Vec<StackColumn> {
    p.rows
        .iter()
        .map(|r| {
            let (sources, taxes, shortfall) = year_amounts(r);
            StackColumn {
                label: r.year.to_string(),
                sources,
                taxes,
                shortfall,
            }
        })
        .collect()
}

/// One tax column per year, in today's dollars, marking years that enter a higher bracket or
/// IRMAA tier than the year before.
pub fn tax_columns(p: &Projection<Decimal>) -> Vec<TaxColumn> {
    let mut out = Vec::with_capacity(p.rows.len());
    let mut previous: Option<(u8, u8)> = None;
    // A plan's years fall in a handful of brackets: each rate is written once.
    let mut rates: Vec<(Decimal, String)> = Vec::new();
    for r in &p.rows {
        let real = Deflate::year(r);
        let bracket = if r.tax.bracket == 0 {
            "0%".to_string()
        } else if let Some((_, text)) = rates.iter().find(|(x, _)| *x == r.tax.bracket_rate) {
            text.clone()
        } else {
            let text = format_rate(r.tax.bracket_rate);
            rates.push((r.tax.bracket_rate, text.clone()));
            text
        };
        let (up, tier_up) = match previous {
            Some((b, t)) => (r.tax.bracket > b, r.irmaa_tier > t),
            None => (false, false),
        };
        previous = Some((r.tax.bracket, r.irmaa_tier));
        out.push(TaxColumn {
            label: r.year.to_string(),
            federal: real.at(r.federal_tax),
            state: real.at(r.state_tax),
            irmaa: real.at(r.irmaa),
            bracket,
            bracket_up: up,
            irmaa_tier_up: tier_up,
        });
    }
    out
}
