//! Gifts to charity: from 70½ given from IRAs as qualified charitable distributions (left out
//! of income, meeting the RMD first, up to each owner's yearly limit), the rest paid like
//! spending.

use drawdown::compare::compare;
use drawdown::engine::{Projection, YearRow};
use drawdown::plan::{Plan, parse_plan};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// One person born in `born`, an IRA of $1,000,000 and $2,000,000 of savings that pay the
/// spending; no Social Security, no returns, no inflation.
fn giver(born: i32, charity: &str) -> Plan {
    let text = format!(
        r#"(
    version: 1,
    name: "giver",
    people: [(name: "Pat", birth_year: {born}, planning_age: 90)],
    filing: single,
    state: Resident(code: "FL"),
    heirs_rate: 0.24,
    accounts: [
        Cash(name: "Savings", balance: 2000000),
        Deferred(name: "IRA", owner: 0, balance: 1000000, stock_share: 0.6),
    ],
    spending: (annual: 50000{charity}),
    assumptions: (start_year: 2026, inflation: 0, returns: Constant(nominal: 0)),
    strategies: [Conventional],
)"#
    );
    parse_plan(&text, "giver").unwrap()
}

fn first(plan: &Plan) -> YearRow<Decimal> {
    let p: Projection<Decimal> = compare(plan).unwrap().projections.remove(0);
    p.rows[0].clone()
}

#[test]
fn a_gift_from_the_ira_meets_the_rmd_and_is_not_income() {
    // Pat is 74 in 2026: RMD $1,000,000 / 25.5 = $39,215.69 (Uniform Lifetime Table).
    let none = first(&giver(1952, ""));
    let gives = first(&giver(1952, ", charity: 10000"));
    assert_eq!(none.rmd, dec!(39215.69));
    assert_eq!(gives.qcd, dec!(10000));
    assert_eq!(gives.charity, dec!(10000));
    // The gift met $10,000 of the RMD; only the rest is income.
    assert_eq!(gives.rmd, dec!(29215.69));
    assert_eq!(none.tax.agi - gives.tax.agi, dec!(10000));
    assert!(gives.federal_tax < none.federal_tax);
    // The IRA gave the RMD and the gift together.
    assert_eq!(gives.closing.deferred, none.closing.deferred);
    assert!(gives.identity_gap().is_zero());
    println!(
        "federal tax without the gift {}, with it {}",
        none.federal_tax, gives.federal_tax
    );
}

#[test]
fn before_seventy_and_a_half_the_gift_is_paid_like_spending() {
    // Pat is 66: no QCD; the $10,000 comes out of savings and AGI is unchanged.
    let none = first(&giver(1960, ""));
    let gives = first(&giver(1960, ", charity: 10000"));
    assert_eq!(gives.qcd, Decimal::ZERO);
    assert_eq!(gives.charity, dec!(10000));
    assert_eq!(gives.tax.agi, none.tax.agi);
    assert_eq!(none.closing.cash - gives.closing.cash, dec!(10000));
    assert!(gives.identity_gap().is_zero());
}

#[test]
fn each_owner_gives_at_most_the_years_limit() {
    // $111,000 in 2026 (Notice 2025-67); the rest of $150,000 is paid from savings.
    let gives = first(&giver(1952, ", charity: 150000"));
    assert_eq!(gives.qcd, dec!(111000));
    assert_eq!(gives.charity, dec!(150000));
    assert_eq!(gives.rmd, Decimal::ZERO);
    assert!(gives.identity_gap().is_zero());
}

#[test]
fn gifts_round_trip_and_are_checked() {
    let plan = giver(1952, ", charity: 10000");
    let text = drawdown::plan::plan_to_text(&plan);
    assert!(text.contains("charity: 10000"));
    assert_eq!(parse_plan(&text, "memory").unwrap(), plan);
    let mut bad = plan.clone();
    bad.spending.charity = dec!(-5);
    let issues = drawdown::plan::validate(&bad);
    assert!(
        issues.iter().any(|i| i.path == "spending.charity"),
        "{issues:?}"
    );
}

#[test]
fn short_of_money_the_gifts_stop_first_and_are_no_shortfall() {
    let text = r#"(
    version: 1,
    name: "short",
    people: [(name: "Pat", birth_year: 1960, planning_age: 70, medicare_age: 130)],
    filing: single,
    state: Resident(code: "FL"),
    heirs_rate: 0,
    accounts: [Cash(name: "Savings", balance: 45000)],
    spending: (annual: 20000, charity: 10000),
    assumptions: (start_year: 2026, inflation: 0, returns: Constant(nominal: 0)),
    strategies: [Conventional],
)"#;
    let plan = parse_plan(text, "short").unwrap();
    let p = compare(&plan).unwrap().projections.remove(0);
    // No Medicare premiums (an employer's plan). 2026: $30,000 paid. 2027: $15,000 left, all of it to the spending, none to the gifts;
    // the $5,000 of spending unpaid is the shortfall, the $10,000 of gifts is not.
    assert_eq!(p.rows[0].charity, dec!(10000));
    assert_eq!(p.rows[0].shortfall, Decimal::ZERO);
    assert_eq!(p.rows[1].charity, Decimal::ZERO);
    assert_eq!(p.rows[1].spending_paid, dec!(15000));
    assert_eq!(p.rows[1].shortfall, dec!(5000));
    for r in &p.rows {
        assert!(r.identity_gap().is_zero(), "{}", r.year);
    }
}

#[test]
fn the_year_says_what_went_to_charity_from_the_ira() {
    let gives = first(&giver(1952, ", charity: 10000"));
    let line = drawdown::report::explain::explain(&gives);
    assert!(
        line.contains("gave $10,000 to charity straight from IRAs"),
        "{line}"
    );
}
