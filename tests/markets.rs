//! Issue 15: the flat-rate law as the withdrawal-order studies state it, market history the
//! user chooses, and rules that react to markets.

use drawdown::compare::compare;
use drawdown::plan::parse_plan;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// One retiree with a $1m taxable account at half basis, spending $90,000 under flat rates.
fn flat_taxable_plan(ordinary: &str, gains: &str, strategy: &str) -> String {
    format!(
        r#"(
    version: 1,
    name: "flat gains",
    people: [(name: "Casey", birth_year: 1961, planning_age: 70)],
    filing: single,
    heirs_rate: 0.35,
    accounts: [
        Taxable(name: "Taxable", balance: 1000000, cost_basis: 500000, dividend_yield: 0, qualified_share: 1, stock_share: 0.5),
        Roth(name: "Roth", owner: 0, balance: 1000000, stock_share: 0.5),
    ],
    spending: (annual: 90000),
    assumptions: (
        start_year: 2026,
        inflation: 0.03,
        returns: Constant(nominal: 0.0),
        tax_law: FlatRates(ordinary: {ordinary}, gains: {gains}),
        simulation: (mode: Constant),
    ),
    strategies: [{strategy}],
)"#
    )
}

#[test]
fn flat_rates_tax_gains_at_the_gains_rate_even_above_the_ordinary_rate() {
    // The case seen: ordinary 0%, gains 15%, $90k of half-gain sales paid $0 (the worksheet
    // kept the plain bracket tax at 0% on everything).
    let plan = parse_plan(&flat_taxable_plan("0", "0.15", "Conventional"), "flat").unwrap();
    let c = compare(&plan).unwrap();
    let first = &c.projections[0].rows[0];
    assert!(first.taxable_sale > dec!(90000), "{}", first.taxable_sale);
    assert!((first.realized_gain - first.taxable_sale / dec!(2)).abs() < dec!(0.01));
    let expected = first.realized_gain * dec!(0.15);
    assert!(
        (first.federal_tax - expected).abs() < dec!(0.01),
        "tax {} against 15% of {}",
        first.federal_tax,
        first.realized_gain
    );
}

#[test]
fn zero_gains_finds_no_zero_band_under_flat_rates() {
    // Flat rates have no 0% band: the zero-gains order must not sell taxable shares as if the
    // sales were free. With Roth money at hand it spends the Roth (then taxable) and harvests
    // nothing.
    let plan = parse_plan(
        &flat_taxable_plan("0.35", "0.15", "ZeroGains(harvest: true)"),
        "flat",
    )
    .unwrap();
    let c = compare(&plan).unwrap();
    let first = &c.projections[0].rows[0];
    assert_eq!(first.taxable_sale, Decimal::ZERO);
    assert_eq!(first.harvested_gain, Decimal::ZERO);
    assert_eq!(first.federal_tax, Decimal::ZERO);
    assert!(first.roth_draw >= dec!(90000));
}
