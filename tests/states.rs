//! Whole plans under real states: what a state's own rules change in which strategy wins.

use drawdown::engine::{Comparison, compare};
use drawdown::plan::{Plan, StateResidence, load_plan};
use drawdown::tax::StateTax;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn plan(name: &str) -> Plan {
    load_plan(std::path::Path::new(&format!(
        "tests/data/plans/states/{name}"
    )))
    .unwrap()
}

/// The strategy leaving the largest after-tax estate, and every strategy's figure.
fn winner(c: &Comparison) -> (String, Vec<(String, Decimal)>) {
    let all: Vec<(String, Decimal)> = c
        .outcomes
        .iter()
        .map(|o| (o.strategy.clone(), o.estate_real.round()))
        .collect();
    let best = all.iter().max_by_key(|(_, e)| *e).unwrap().0.clone();
    (best, all)
}

#[test]
fn georgias_retirement_exclusion_changes_which_strategy_wins() {
    let georgia = plan("georgia-couple.ron");
    let mut flat = georgia.clone();
    flat.state = StateResidence::custom(&StateTax {
        rate: dec!(0.0499),
        exempt_social_security: true,
        exempt_retirement: false,
        deduction: Decimal::ZERO,
    });
    let (in_georgia, ga) = winner(&compare(&georgia).unwrap());
    let (in_flat, fl) = winner(&compare(&flat).unwrap());
    println!("Georgia: {ga:?}\nflat 4.99%: {fl:?}");
    // With the exclusion, converting to the top of the 12% bracket costs no state tax: it wins.
    assert_eq!(in_georgia, "Convert to 12%");
    // At a flat rate every converted dollar pays 4.99% now, and keeping tax-deferred money for
    // the heirs wins instead.
    assert_eq!(in_flat, "Heir-aware");
    let state_tax =
        |p: &Plan| -> Decimal { compare(p).unwrap().outcomes.iter().map(|o| o.state).sum() };
    assert!(state_tax(&georgia) * dec!(5) < state_tax(&flat));
}
