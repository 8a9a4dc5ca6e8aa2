//! Health savings accounts in whole plans: contributions from wages before income and payroll
//! tax (limits by year, the catch-up at 55, none on Medicare), medical costs and, from 65,
//! Medicare premiums paid from the HSA tax-free, other use as ordinary income plus 20% before 65
//! only once the other accounts are spent, and the balance taxed to heirs.

use drawdown::compare::compare;
use drawdown::plan::{Plan, parse_plan, validate};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// Kim, 60 in 2026, works until 63 on an employer's plan; no growth and no inflation, so every
/// figure can be followed by hand.
fn worker(hsa: &str, medical: &str) -> Plan {
    let text = format!(
        r#"(
    version: 1,
    name: "hsa",
    people: [(name: "Kim", birth_year: 1966, planning_age: 70, coverage: Employer)],
    filing: single,
    state: Resident(code: "FL"),
    heirs_rate: 0.25,
    accounts: [Cash(name: "Savings", balance: 200000), {hsa}],
    income: (wages: [(person: 0, amount: 100000, until_age: 63)]),
    spending: (annual: 50000{medical}),
    assumptions: (start_year: 2026, inflation: 0, returns: Constant(nominal: 0)),
    strategies: [Conventional],
)"#
    );
    parse_plan(&text, "hsa").unwrap()
}

#[test]
fn contributions_come_from_wages_before_tax_up_to_the_limit_with_the_catch_up() {
    let with = worker(
        r#"Hsa(name: "HSA", owner: 0, balance: 10000, contribution: 10000)"#,
        ", medical_costs: 3000",
    );
    let without = worker(
        r#"Hsa(name: "HSA", owner: 0, balance: 10000)"#,
        ", medical_costs: 3000",
    );
    let c = compare(&with).unwrap();
    let c0 = compare(&without).unwrap();
    let (rows, rows0) = (&c.projections[0].rows, &c0.projections[0].rows);
    for r in rows {
        assert!(r.identity_gap().is_zero(), "{}", r.year);
    }
    // 2026, 60: $4,400 self-only + $1,000 catch-up (Rev. Proc. 2025-19), not the $10,000 asked.
    assert_eq!(rows[0].hsa_contribution, dec!(5400));
    // 2027: $4,500 + $1,000; 2028 the same (no inflation); from 63 no wages, no contribution.
    assert_eq!(rows[1].hsa_contribution, dec!(5500));
    assert_eq!(rows[2].hsa_contribution, dec!(5500));
    assert_eq!(rows[3].hsa_contribution, Decimal::ZERO);
    // Out of wages before tax: AGI $94,600; payroll tax 7.65% of it.
    assert_eq!(rows[0].tax.agi, dec!(94600));
    assert_eq!(rows[0].payroll_tax, dec!(7236.90));
    assert_eq!(rows0[0].payroll_tax - rows[0].payroll_tax, dec!(413.10));
    // In the 22% bracket, $5,400 less income is $1,188 less federal tax.
    assert_eq!(rows0[0].federal_tax - rows[0].federal_tax, dec!(1188.00));
    // The medical costs come out of the HSA, tax-free: 10,000 + 5,400 - 3,000.
    assert_eq!(rows[0].medical_costs, dec!(3000));
    assert_eq!(rows[0].hsa_medical, dec!(3000));
    assert_eq!(rows[0].closing.hsa, dec!(12400));
    assert_eq!(rows[2].closing.hsa, dec!(17400));
    assert_eq!(rows[4].closing.hsa, dec!(11400));
    // 65 in 2031: on Medicare; Part B and D premiums are qualified costs too.
    let r = &rows[5];
    assert_eq!(r.ages[0], 65);
    assert!(r.medicare_premium > Decimal::ZERO);
    assert_eq!(r.hsa_medical, dec!(3000) + r.medicare_premium + r.irmaa);
    assert_eq!(r.closing.hsa, dec!(11400) - r.hsa_medical);
    println!(
        "2031: Medicare {} + IRMAA {} + medical 3,000 paid from the HSA, {} left",
        r.medicare_premium, r.irmaa, r.closing.hsa
    );
    // The HSA stays in the estate until spent; to a non-spouse heir it is income.
    let last = rows.last().unwrap();
    assert_eq!(last.closing.hsa, Decimal::ZERO);
}

/// [`worker`] born in 1962 (64 in 2026), working to 67, putting `contribution` in an HSA.
fn worker_to_67(contribution: &str) -> Plan {
    let mut plan = worker(
        &format!(r#"Hsa(name: "HSA", owner: 0, balance: 0, contribution: {contribution})"#),
        "",
    );
    plan.people[0].birth_year = 1962;
    plan.income.wages[0].until_age = 67;
    plan
}

#[test]
fn no_contributions_on_medicare_or_without_wages() {
    // Kim is 64 in 2026 and works to 67: on Medicare from 65, the year 2027.
    let mut plan = worker_to_67("4000");
    let c = compare(&plan).unwrap();
    let rows = &c.projections[0].rows;
    assert_eq!(rows[0].hsa_contribution, dec!(4000));
    assert_eq!(
        rows[1].hsa_contribution,
        Decimal::ZERO,
        "on Medicare from 65"
    );
    assert_eq!(rows[1].tax.agi, dec!(100000));
    // Off Medicare (still on the employer's plan), the contribution goes on.
    plan.people[0].medicare_age = 67;
    let c = compare(&plan).unwrap();
    assert_eq!(c.projections[0].rows[1].hsa_contribution, dec!(4000));
    assert_eq!(c.projections[0].rows[3].hsa_contribution, Decimal::ZERO);
}

#[test]
fn spouses_share_the_family_limit_and_keep_their_catch_ups() {
    let text = r#"(
    version: 1,
    name: "family",
    people: [(name: "A", birth_year: 1970, planning_age: 70, coverage: Employer),
             (name: "B", birth_year: 1976, planning_age: 70, coverage: Employer)],
    filing: mfj,
    state: Resident(code: "FL"),
    heirs_rate: 0.25,
    accounts: [Cash(name: "Savings", balance: 100000),
               Hsa(name: "A HSA", owner: 0, balance: 0, contribution: 6000, family: true),
               Hsa(name: "B HSA", owner: 1, balance: 0, contribution: 6000)],
    income: (wages: [(person: 0, amount: 80000, until_age: 60), (person: 1, amount: 80000, until_age: 60)]),
    spending: (annual: 60000),
    assumptions: (start_year: 2026, inflation: 0, returns: Constant(nominal: 0)),
    strategies: [Conventional],
)"#;
    let plan = parse_plan(text, "family").unwrap();
    let c = compare(&plan).unwrap();
    let r = &c.projections[0].rows[0];
    // A (56) puts in $6,000 of the $8,750 family limit plus the $1,000 catch-up: $5,000 of the
    // family limit used; B (50) the $3,750 left.
    assert_eq!(r.hsa_contribution, dec!(9750));
    assert_eq!(r.closing.hsa, dec!(9750));
    assert!(r.identity_gap().is_zero());
}

#[test]
fn other_use_before_65_is_income_plus_twenty_percent_once_the_other_accounts_are_spent() {
    let text = r#"(
    version: 1,
    name: "last resort",
    people: [(name: "Kim", birth_year: 1966, planning_age: 62, coverage: Employer)],
    filing: single,
    state: Resident(code: "FL"),
    heirs_rate: 0.25,
    accounts: [Cash(name: "Savings", balance: 20000),
               Hsa(name: "HSA", owner: 0, balance: 200000)],
    spending: (annual: 40000),
    assumptions: (start_year: 2026, inflation: 0, returns: Constant(nominal: 0)),
    strategies: [Conventional],
)"#;
    let plan = parse_plan(text, "last").unwrap();
    let c = compare(&plan).unwrap();
    let r = &c.projections[0].rows[0];
    // The savings cover $20,000; the other $20,000 comes from the HSA: h - 10% (h - 16,100)
    // - 20% h = 20,000, so h = 18,390 / 0.7 = 26,271.43 (2026 single deduction $16,100).
    println!(
        "{}: cash {} HSA {} federal {} additional tax {} shortfall {}",
        r.year, r.cash_draw, r.hsa_draw, r.federal_tax, r.early_withdrawal_tax, r.shortfall
    );
    assert_eq!(r.shortfall, Decimal::ZERO);
    assert!(
        (r.hsa_draw - dec!(26271.43)).abs() <= dec!(0.02),
        "{}",
        r.hsa_draw
    );
    assert_eq!(r.early_withdrawal_tax, (r.hsa_draw * dec!(0.2)).round_dp(2));
    assert_eq!(
        r.federal_tax,
        ((r.hsa_draw - dec!(16100)) * dec!(0.1)).round_dp(2)
    );
    assert!(r.identity_gap().is_zero());
    // At the end the rest of the HSA goes to heirs, taxed at their 25%.
    let last = c.projections[0].rows.last().unwrap();
    let o = &c.outcomes[0];
    assert_eq!(
        o.estate,
        (last.closing.cash + last.closing.hsa * dec!(0.75)).round_dp(2)
    );
    assert!(last.closing.hsa > Decimal::ZERO);
}

#[test]
fn hsa_fields_are_checked_and_old_plans_load_without_them() {
    let text = r#"(
    version: 1,
    name: "bad",
    people: [(name: "Kim", birth_year: 1966, planning_age: 70)],
    filing: single,
    heirs_rate: 0.25,
    accounts: [Hsa(name: "HSA", owner: 1, balance: -5, contribution: -1)],
    spending: (annual: 50000, medical_costs: -3),
    assumptions: (start_year: 2026, inflation: 0.02, returns: Constant(nominal: 0.05)),
)"#;
    let err = format!("{:?}", parse_plan(text, "bad").unwrap_err());
    for p in [
        "accounts[0].owner",
        "accounts[0].balance",
        "accounts[0].contribution",
        "spending.medical_costs",
    ] {
        assert!(err.contains(&format!("\"{p}\"")), "{p}: {err}");
    }
    let plan = worker(
        r#"Hsa(name: "HSA", owner: 0, balance: 5000, contribution: 4000, family: true)"#,
        ", medical_costs: 2500",
    );
    assert!(validate(&plan).is_empty());
    let back = parse_plan(&drawdown::plan::plan_to_text(&plan), "memory").unwrap();
    assert_eq!(back, plan);
    let old = drawdown::plan::example_plan("D.ron").unwrap().unwrap();
    assert!(old.spending.medical_costs.is_zero());
    assert!(!drawdown::plan::plan_to_text(&old).contains("medical_costs"));
}

#[test]
fn the_year_of_medicare_allows_the_months_before_the_birth_month() {
    // Kim is 64 in 2026 and works to 67; Medicare from October 2027, the month of 65.
    let mut plan = worker_to_67("8000");
    plan.people[0].birth_month = 10;
    let c = compare(&plan).unwrap();
    let rows = &c.projections[0].rows;
    // 2026: $4,400 + $1,000 catch-up; 2027: nine months of $4,500 + $1,000 (IRC 223(b)(2)).
    assert_eq!(rows[0].hsa_contribution, dec!(5400));
    assert_eq!(rows[1].hsa_contribution, dec!(4125));
    assert_eq!(rows[2].hsa_contribution, Decimal::ZERO);
    // Born in January, Medicare covers all of 2027: no month left.
    plan.people[0].birth_month = 1;
    let c = compare(&plan).unwrap();
    assert_eq!(c.projections[0].rows[1].hsa_contribution, Decimal::ZERO);
}
