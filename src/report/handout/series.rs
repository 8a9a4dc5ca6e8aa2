//! The chart series of the handout: the planner's income sources and taxes, in the planner's
//! colours (`tui::theme`, standard theme; a test keeps the two the same), each with a fill
//! pattern so the charts read in black and white.

use crate::engine::{Projection, YearRow};
use crate::num::Num;
use rust_decimal::Decimal;

/// One series: its name, its fill colour and the pattern drawn over it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Series {
    pub name: &'static str,
    pub rgb: (u8, u8, u8),
    pub pattern: Pattern,
}

/// Marks drawn over a fill, dark on light colours and light on dark ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pattern {
    Solid,
    DiagonalUp,
    DiagonalDown,
    Horizontal,
    Vertical,
    Dots,
    Cross,
    Checker,
    /// Both diagonals.
    Lattice,
}

/// Income sources, bottom to top, as the planner stacks them.
pub const SOURCES: [Series; 9] = [
    series("Social Security", (86, 156, 214), Pattern::Solid),
    series(
        "Pension, wages & other",
        (78, 201, 176),
        Pattern::DiagonalUp,
    ),
    series("Dividends & interest", (181, 206, 168), Pattern::Dots),
    series("Taxable sales", (220, 220, 170), Pattern::Horizontal),
    series("RMD", (206, 145, 120), Pattern::Cross),
    series("Deferred draw", (214, 157, 60), Pattern::DiagonalDown),
    series("Roth draw", (197, 134, 192), Pattern::Vertical),
    series("Roth conversion", (244, 71, 71), Pattern::Checker),
    series("HSA draw", (120, 190, 100), Pattern::Lattice),
];

/// Taxes, then health premiums, drawn below the zero line (federal nearest it). The taxes-by-year
/// chart shows the first three.
pub const TAXES: [Series; 5] = [
    series("Federal tax", (160, 60, 60), Pattern::Solid),
    series("State tax", (190, 110, 80), Pattern::DiagonalUp),
    series("IRMAA", (150, 90, 150), Pattern::Dots),
    series("Health premiums", (70, 150, 150), Pattern::Horizontal),
    series("Medical costs", (90, 120, 170), Pattern::Vertical),
];

const fn series(name: &'static str, rgb: (u8, u8, u8), pattern: Pattern) -> Series {
    Series { name, rgb, pattern }
}

impl Series {
    pub fn hex(&self) -> String {
        let (r, g, b) = self.rgb;
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    /// Relative luminance (WCAG 2), to choose marks that stand out from the fill.
    pub fn luminance(&self) -> f64 {
        luminance(self.rgb)
    }
}

/// WCAG 2 relative luminance of an sRGB colour.
pub fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/// WCAG 2 contrast ratio of two colours (1 to 21).
pub fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// One year of the stack chart, in the plan's first-year dollars.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StackYear {
    pub year: i32,
    pub sources: [f64; 9],
    /// Federal, state, IRMAA, health premiums and medical costs.
    pub taxes: [f64; 5],
    pub shortfall: f64,
    /// The federal bracket rose above last year's / the IRMAA tier did.
    pub bracket_up: bool,
    pub tier_up: bool,
}

/// A year's amounts in today's dollars as the charts draw them (the planner's and the
/// handout's, which must agree): on floats, since a bar is drawn to an eighth of a cell or a
/// tenth of a pixel and labelled to three figures (an exact Decimal quotient cost a division of
/// the 96-bit mantissa for each of the 17 amounts of each year, on every keypress).
#[derive(Debug, Clone, Copy)]
pub struct Deflate(f64);

impl Deflate {
    /// The year's price level, once for all its amounts.
    pub fn year(r: &YearRow<Decimal>) -> Deflate {
        Deflate(Num::to_f64(r.price_level))
    }

    /// `v` in today's dollars; 0 when the price level cannot deflate it.
    pub fn at(self, v: Decimal) -> f64 {
        let x = Num::to_f64(v) / self.0;
        if x.is_finite() { x } else { 0.0 }
    }
}

/// A year's charted amounts in today's dollars, in the charts' order: the income sources
/// (`SOURCES`), the taxes and costs (federal, state, IRMAA, health premiums, medical costs) and
/// the shortfall. The planner's columns and the handout's stacks are both drawn from these.
pub fn year_amounts(r: &YearRow<Decimal>) -> ([f64; 9], [f64; 5], f64) {
    let d = Deflate::year(r);
    let real = |v: Decimal| d.at(v);
    (
        [
            real(r.social_security),
            real(r.pay_and_other()),
            real(r.dividends + r.interest),
            real(r.taxable_sale + r.cash_draw),
            real(r.rmd),
            real(r.deferred_draw),
            real(r.roth_draw),
            real(r.conversion),
            real(r.hsa_medical + r.hsa_draw),
        ],
        [
            real(r.federal_tax),
            real(r.state_tax),
            real(r.irmaa),
            real(r.health()),
            real(r.medical_costs),
        ],
        real(r.shortfall),
    )
}

/// The years of a projection as the planner charts them: the same sources, in today's dollars,
/// none below zero.
pub fn stack_years(p: &Projection<Decimal>) -> Vec<StackYear> {
    let mut previous: Option<(u8, u8)> = None;
    p.rows
        .iter()
        .map(|r| {
            let (bracket_up, tier_up) = match previous {
                Some((b, t)) => (r.tax.bracket > b, r.irmaa_tier > t),
                None => (false, false),
            };
            previous = Some((r.tax.bracket, r.irmaa_tier));
            let (sources, taxes, shortfall) = year_amounts(r);
            let floor = |v: f64| v.max(0.0);
            StackYear {
                year: r.year,
                sources: sources.map(floor),
                taxes: taxes.map(floor),
                shortfall: floor(shortfall),
                bracket_up,
                tier_up,
            }
        })
        .collect()
}
