//! The charts' plain data: one stacked column of income sources per year and one column of
//! taxes, in today's dollars, for the charted strategy.

use crate::engine::{Projection, YearRow};
use crate::money::format_rate;
use crate::tui::widgets::{StackColumn, TaxColumn};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

fn real(r: &YearRow<Decimal>, v: Decimal) -> f64 {
    v.checked_div(r.price_level)
        .and_then(|x| x.to_f64())
        .unwrap_or(0.0)
}

/// One stacked column per year, in today's dollars.
pub fn stack_columns(p: &Projection<Decimal>) -> Vec<StackColumn> {
    p.rows
        .iter()
        .map(|r| StackColumn {
            label: r.year.to_string(),
            sources: [
                real(r, r.social_security),
                real(r, r.pensions + r.wages + r.self_employment + r.other_income),
                real(r, r.dividends + r.interest),
                real(r, r.taxable_sale + r.cash_draw),
                real(r, r.rmd),
                real(r, r.deferred_draw),
                real(r, r.roth_draw),
                real(r, r.conversion),
                real(r, r.hsa_medical + r.hsa_draw),
            ],
            taxes: [
                real(r, r.federal_tax),
                real(r, r.state_tax),
                real(r, r.irmaa),
                real(r, r.health()),
                real(r, r.medical_costs),
            ],
            shortfall: real(r, r.shortfall),
        })
        .collect()
}

/// One tax column per year, in today's dollars, marking years that enter a higher bracket or
/// IRMAA tier than the year before.
pub fn tax_columns(p: &Projection<Decimal>) -> Vec<TaxColumn> {
    let mut out = Vec::with_capacity(p.rows.len());
    let mut previous: Option<(u8, u8)> = None;
    for r in &p.rows {
        let bracket = if r.tax.bracket == 0 {
            "0%".to_string()
        } else {
            format_rate(r.tax.bracket_rate)
        };
        let (up, tier_up) = match previous {
            Some((b, t)) => (r.tax.bracket > b, r.irmaa_tier > t),
            None => (false, false),
        };
        previous = Some((r.tax.bracket, r.irmaa_tier));
        out.push(TaxColumn {
            label: r.year.to_string(),
            federal: real(r, r.federal_tax),
            state: real(r, r.state_tax),
            irmaa: real(r, r.irmaa),
            bracket,
            bracket_up: up,
            irmaa_tier_up: tier_up,
        });
    }
    out
}
