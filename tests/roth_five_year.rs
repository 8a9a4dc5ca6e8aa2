//! The Roth five-year rule for conversions in whole plans: converted money drawn within five
//! years of its conversion before 59½ bears the 10% (after the account's other money, before its
//! earnings); strategies draw other money first and pay the 10% only when nothing else is left.

use drawdown::compare::compare;
use drawdown::plan::{Plan, parse_plan};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// Sam, 50 in 2026, retired: $10,000 of Roth contributions, an IRA and cash; no growth, no
/// inflation, Florida.
fn sam(cash: &str, strategies: &str) -> Plan {
    let text = format!(
        r#"(
    version: 1,
    name: "five years",
    people: [(name: "Sam", birth_year: 1976, planning_age: 62, coverage: Employer)],
    filing: single,
    state: Resident(code: "FL"),
    heirs_rate: 0.25,
    accounts: [Cash(name: "Savings", balance: {cash}),
               Deferred(name: "IRA", owner: 0, balance: 400000),
               Roth(name: "Roth", owner: 0, balance: 10000)],
    spending: (annual: 20000),
    assumptions: (start_year: 2026, inflation: 0, returns: Constant(nominal: 0)),
    strategies: [{strategies}],
)"#
    );
    parse_plan(&text, "sam").unwrap()
}

#[test]
fn converted_money_drawn_within_five_years_before_59_and_a_half_bears_ten_percent() {
    let plan = sam(
        "100000",
        "Schedule(rows: [(year: 2026, roth_conversion: 50000), (year: 2027, roth: 20000), \
         (year: 2030, roth: 15000), (year: 2031, roth: 20000), (year: 2036, roth: 5000)])",
    );
    let c = compare(&plan).unwrap();
    let rows = &c.projections[0].rows;
    for r in rows {
        assert!(r.identity_gap().is_zero(), "{}", r.year);
        println!(
            "{} age {}: Roth draw {} conversion {} additional tax {}",
            r.year, r.ages[0], r.roth_draw, r.conversion, r.early_withdrawal_tax
        );
    }
    assert_eq!(rows[0].conversion, dec!(50000));
    assert_eq!(rows[0].early_withdrawal_tax, Decimal::ZERO);
    // 2027: $20,000 out of the Roth: the $10,000 of contributions first, then $10,000 of the 2026
    // conversion, one year old: 10% of $10,000.
    assert_eq!(rows[1].roth_draw, dec!(20000));
    assert_eq!(rows[1].early_withdrawal_tax, dec!(1000));
    // 2030: $15,000 more of the 2026 conversion, four years old.
    assert_eq!(rows[4].early_withdrawal_tax, dec!(1500));
    // 2031: five Januaries after the conversion, the rest of it ($25,000) is free.
    assert_eq!(rows[5].roth_draw, dec!(20000));
    assert_eq!(rows[5].early_withdrawal_tax, Decimal::ZERO);
    // 2036, Sam is 60: nothing bears the 10%.
    assert_eq!(rows[10].ages[0], 60);
    assert_eq!(rows[10].early_withdrawal_tax, Decimal::ZERO);
}

#[test]
fn strategies_draw_young_conversions_last_and_pay_only_when_nothing_else_is_left() {
    // Converting from 50 with little cash: the conversion strategy spends the cash and the Roth
    // contributions first; then, with only young conversions and the penalised IRA left, the
    // conversions (10%, no income tax) before the IRA (10% and income tax).
    let plan = sam(
        "30000",
        "RothConversion(bracket: 0.12, yearly_cap: Some(40000), irmaa_aware: true, \
         aca_aware: true, stop_at_rmd: false, years: None)",
    );
    let c = compare(&plan).unwrap();
    let rows = &c.projections[0].rows;
    let mut paid = false;
    for r in rows.iter().take(10) {
        println!(
            "{} age {}: cash {} Roth {} IRA {} conversion {} additional tax {}",
            r.year,
            r.ages[0],
            r.cash_draw,
            r.roth_draw,
            r.deferred_draw,
            r.conversion,
            r.early_withdrawal_tax
        );
        assert!(r.identity_gap().is_zero());
        if r.early_withdrawal_tax > Decimal::ZERO {
            paid = true;
            // nothing free was left: no cash, and the Roth draw went past its free money
            assert!(
                r.closing.cash < Decimal::ONE,
                "{}: {}",
                r.year,
                r.closing.cash
            );
            assert_eq!(r.deferred_draw, Decimal::ZERO, "{}", r.year);
        }
    }
    assert!(paid, "a year with only penalised money pays the 10%");
    // Draws take the oldest conversions first, so the ladder's seasoned money shows from 2034:
    // part of the draw is free; from 60 (2036) all of it.
    let r = &rows[8];
    assert!(
        r.early_withdrawal_tax < (r.roth_draw * dec!(0.1)).round_dp(2),
        "{}",
        r.year
    );
    assert_eq!(rows[10].ages[0], 60);
    assert_eq!(rows[10].early_withdrawal_tax, Decimal::ZERO);
    // A conventional order, which draws the IRA before the Roth, pays the IRA's 10% instead.
    let conventional = compare(&sam("30000", "Conventional")).unwrap();
    let r = &conventional.projections[0].rows[1];
    assert!(r.deferred_draw > Decimal::ZERO && r.early_withdrawal_tax > Decimal::ZERO);
}

#[test]
fn a_strategy_spends_other_money_before_young_conversions() {
    // Sam, 56, left the employer of the 401(k) at 55: its money is free of the 10%, the Roth's
    // conversions are not until 60. In 2027 a $50,000 roof needs more than the bracket's room:
    // the strategy draws the Roth's $10,000 of contributions and then more of the 401(k), not
    // the 2026 conversion.
    let text = r#"(
    version: 1,
    name: "roof",
    people: [(name: "Sam", birth_year: 1970, planning_age: 64, coverage: Employer)],
    filing: single,
    state: Resident(code: "FL"),
    heirs_rate: 0.25,
    accounts: [Deferred(name: "401k", owner: 0, balance: 600000, employer_plan: true,
                        separated_at_age: Some(55)),
               Roth(name: "Roth", owner: 0, balance: 10000)],
    spending: (annual: 40000, one_offs: [(year: 2027, amount: 50000, label: "Roof")]),
    assumptions: (start_year: 2026, inflation: 0, returns: Constant(nominal: 0)),
    strategies: [RothConversion(bracket: 0.12, yearly_cap: None, irmaa_aware: true,
                                aca_aware: true, stop_at_rmd: false, years: None)],
)"#;
    let plan = parse_plan(text, "roof").unwrap();
    let c = compare(&plan).unwrap();
    let rows = &c.projections[0].rows;
    for r in rows.iter().take(3) {
        println!(
            "{} age {}: 401k {} Roth {} conversion {} additional tax {} federal {}",
            r.year,
            r.ages[0],
            r.deferred_draw,
            r.roth_draw,
            r.conversion,
            r.early_withdrawal_tax,
            r.federal_tax
        );
    }
    assert!(rows[0].conversion > Decimal::ZERO);
    // The contributions the 2026 conversion's tax left, and not a dollar more.
    assert_eq!(rows[1].roth_draw, dec!(10000) - rows[0].roth_draw);
    assert_eq!(rows[1].early_withdrawal_tax, Decimal::ZERO);
    assert!(rows[1].closing.roth >= rows[0].conversion);
}
