//! Whole plans under real states: what a state's own rules change in which strategy wins.

use drawdown::compare::{Comparison, compare};
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

#[test]
fn a_new_jersey_couple_moving_to_florida_converts_after_the_move() {
    use drawdown::compare::compare_all;
    use drawdown::optimize::Budget;
    let moving = plan("new-jersey-to-florida.ron");
    let mut staying = moving.clone();
    staying.moves.clear();
    let run = |p: &Plan| {
        let (c, _) = compare_all(p, &Budget::repeatable(), &Default::default()).unwrap();
        let i = c
            .outcomes
            .iter()
            .position(|o| o.strategy == "Optimized")
            .unwrap();
        let rows = &c.projections[i].rows;
        let before: Decimal = rows
            .iter()
            .filter(|r| r.year < 2031)
            .map(|r| r.conversion)
            .sum();
        let after: Decimal = rows
            .iter()
            .filter(|r| r.year >= 2031)
            .map(|r| r.conversion)
            .sum();
        (
            before,
            after,
            c.outcomes[i].state_real,
            c.outcomes[i].estate_real,
        )
    };
    let (before, after, state_moving, estate_moving) = run(&moving);
    let (_, _, state_staying, estate_staying) = run(&staying);
    println!(
        "moving: converted ${before} before 2031 and ${after} from 2031; lifetime state tax \
         ${state_moving} (today's $), estate ${estate_moving}; staying: state tax \
         ${state_staying}, estate ${estate_staying}"
    );
    // New Jersey taxes conversions; Florida does not: the search waits for the move.
    assert!(after > before * dec!(4), "{before} before, {after} after");
    assert!(state_moving * dec!(2) < state_staying);
    assert!(estate_moving > estate_staying);
}
