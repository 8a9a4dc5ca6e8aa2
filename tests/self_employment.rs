//! Self-employment income in whole plans: self-employment tax on 92.35% of the profit, Social
//! Security's part only up to the wage base left after wages, the Additional Medicare Tax above
//! the threshold, half the tax deducted from income, and no employer's health plan.

use drawdown::compare::compare;
use drawdown::plan::{Plan, parse_plan};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// Pat, 50 in 2026, with no inflation or growth, so that each figure can be followed by hand.
fn earner(work: &str) -> Plan {
    let text = format!(
        r#"(
    version: 1,
    name: "self-employed",
    people: [(name: "Pat", birth_year: 1976, planning_age: 60, coverage: Employer)],
    filing: single,
    state: Resident(code: "FL"),
    heirs_rate: 0.25,
    accounts: [Cash(name: "Savings", balance: 100000)],
    income: (wages: [{work}]),
    spending: (annual: 40000),
    assumptions: (start_year: 2026, inflation: 0, returns: Constant(nominal: 0)),
    strategies: [Conventional],
)"#
    );
    parse_plan(&text, "se").unwrap()
}

#[test]
fn self_employment_tax_and_the_deduction_of_half() {
    let c = compare(&earner(
        "(person: 0, amount: 100000, until_age: 60, self_employed: true)",
    ))
    .unwrap();
    let r = &c.projections[0].rows[0];
    // Schedule SE: 92.35% of $100,000 = $92,350; 12.4% = $11,451.40 and 2.9% = $2,678.15,
    // $14,129.55 in all; half, $7,064.78 (rounded), comes off AGI.
    assert_eq!(r.self_employment, dec!(100000));
    assert_eq!(r.wages, Decimal::ZERO);
    assert_eq!(r.payroll_tax, dec!(14129.55));
    assert_eq!(r.tax.agi, dec!(92935.22));
    assert!(r.identity_gap().is_zero());
}

#[test]
fn wages_use_up_the_wage_base_first_and_the_additional_medicare_tax_counts_both() {
    // $150,000 of wages and $100,000 of profit in 2026 (wage base $184,500): Social Security on
    // only $34,500 of the $92,350 of net earnings; Medicare on all; the Additional Medicare Tax
    // on wages + net earnings above $200,000.
    let c = compare(&earner(
        "(person: 0, amount: 150000, until_age: 60), \
         (person: 0, amount: 100000, until_age: 60, self_employed: true)",
    ))
    .unwrap();
    let r = &c.projections[0].rows[0];
    let fica = dec!(150000) * dec!(0.0765); // 11,475
    let se = dec!(34500) * dec!(0.124) + dec!(92350) * dec!(0.029); // 4,278 + 2,678.15
    let additional = (dec!(150000) + dec!(92350) - dec!(200000)) * dec!(0.009); // 381.15
    assert_eq!(r.payroll_tax, (fica + se + additional).round_dp(2));
    assert_eq!(r.payroll_tax, dec!(18812.30));
    // Half the self-employment tax (not the Additional Medicare Tax) comes off AGI.
    assert_eq!(r.tax.agi, dec!(250000) - (se / dec!(2)).round_dp(2));
    assert!(r.identity_gap().is_zero());
}

#[test]
fn the_self_employed_buy_on_the_marketplace_and_count_for_the_earnings_test() {
    let mut plan = earner("(person: 0, amount: 40000, until_age: 60, self_employed: true)");
    plan.people[0].coverage = drawdown::plan::Coverage::Auto;
    let c = compare(&plan).unwrap();
    let r = &c.projections[0].rows[0];
    assert!(
        r.marketplace_premium + r.aca_credit > Decimal::ZERO,
        "no employer's plan for the self-employed"
    );
    let mut employed = plan.clone();
    employed.income.wages[0].self_employed = false;
    let c = compare(&employed).unwrap();
    let r = &c.projections[0].rows[0];
    assert_eq!(r.marketplace_premium + r.aca_credit, Decimal::ZERO);
    // Old plans' wages stay wages, and the field is written only when set.
    let text = drawdown::plan::plan_to_text(&employed);
    assert!(!text.contains("self_employed"));
    assert!(drawdown::plan::plan_to_text(&plan).contains("self_employed: true"));
}

#[test]
fn net_earnings_from_self_employment_count_for_the_earnings_test() {
    let plan = |work: &str| {
        let mut p = earner(work);
        p.people[0].birth_year = 1963;
        p.people[0].planning_age = 70;
        p.income.social_security = vec![drawdown::plan::SocialSecurity {
            person: 0,
            fra_benefit: dec!(24000),
            claim_age: 62,
            claim_months: 0,
        }];
        p
    };
    let paid = |work: &str| compare(&plan(work)).unwrap().projections[0].rows[0].social_security;
    let idle = paid("");
    let working = paid("(person: 0, amount: 60000, until_age: 64, self_employed: true)");
    // 63 in 2026, claimed at 62: $1 of $2 above $24,480 of net earnings ($55,410) is withheld.
    println!("benefit 2026: {idle} idle, {working} with $60,000 of profit");
    assert!(working < idle);
}
