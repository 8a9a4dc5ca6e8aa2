//! The charts' plain data: one stacked column of income sources per year and one column of
//! taxes, in today's dollars, for the charted strategy.

use crate::engine::{Projection, YearRow};
use crate::money::format_rate;
use crate::num::Num;
use crate::tui::widgets::{StackColumn, TaxColumn};
use rust_decimal::Decimal;

/// A year's amounts in today's dollars, as chart heights: on floats, since a cell is an eighth
/// of a row and a label three significant figures (the exact Decimal quotient cost a division of
/// the 96-bit mantissa for each of the 17 amounts of each year, on every keypress).
struct Real(f64);

impl Real {
    fn of(r: &YearRow<Decimal>) -> Real {
        Real(Num::to_f64(r.price_level))
    }

    fn at(&self, v: Decimal) -> f64 {
        let x = Num::to_f64(v) / self.0;
        if x.is_finite() { x } else { 0.0 }
    }
}

/// One stacked column per year, in today's dollars.
pub fn stack_columns(p: &Projection<Decimal>) -> Vec<StackColumn> {
    p.rows
        .iter()
        .map(|r| (r, Real::of(r)))
        .map(|(r, real)| StackColumn {
            label: r.year.to_string(),
            sources: [
                real.at(r.social_security),
                real.at(r.pensions + r.wages + r.self_employment + r.other_income),
                real.at(r.dividends + r.interest),
                real.at(r.taxable_sale + r.cash_draw),
                real.at(r.rmd),
                real.at(r.deferred_draw),
                real.at(r.roth_draw),
                real.at(r.conversion),
                real.at(r.hsa_medical + r.hsa_draw),
            ],
            taxes: [
                real.at(r.federal_tax),
                real.at(r.state_tax),
                real.at(r.irmaa),
                real.at(r.health()),
                real.at(r.medical_costs),
            ],
            shortfall: real.at(r.shortfall),
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
        let real = Real::of(r);
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
