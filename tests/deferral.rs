//! Deferrals from wages to an employer plan (401(k), 403(b), 457(b)): out of the wages before
//! income tax but not payroll tax, into the worker's own tax-deferred account (or Roth account
//! for a Roth 401(k)), within the year's limit with the catch-up for their age.

use drawdown::compare::compare;
use drawdown::engine::YearRow;
use drawdown::plan::{Plan, parse_plan, validate};
use drawdown::tax::{Filing, IncomeFacts, TaxLaw, compute};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn text(born: i32, wages: &str, accounts: &str) -> String {
    format!(
        r#"(
    version: 1,
    name: "worker",
    people: [(name: "Jo", birth_year: {born}, planning_age: 80, coverage: Employer)],
    filing: single,
    state: Resident(code: "FL"),
    heirs_rate: 0.2,
    accounts: [Cash(name: "Savings", balance: 300000), {accounts}],
    income: (wages: [{wages}]),
    spending: (annual: 40000),
    assumptions: (start_year: 2026, inflation: 0, returns: Constant(nominal: 0)),
    strategies: [Conventional],
)"#
    )
}

/// Jo's first year with the given wage entry.
fn first(born: i32, wages: &str, accounts: &str) -> YearRow<Decimal> {
    let plan: Plan = parse_plan(&text(born, wages, accounts), "worker").unwrap();
    compare(&plan).unwrap().projections.remove(0).rows.remove(0)
}

const IRA: &str = r#"Deferred(name: "Jo 401k", owner: 0, balance: 100000, employer_plan: true)"#;

#[test]
fn a_deferral_leaves_income_tax_but_not_payroll_tax() {
    // Jo is 55 in 2026: $24,500 plus the $8,000 catch-up may be deferred; $30,000 is.
    let none = first(1971, "(person: 0, amount: 100000, until_age: 65)", IRA);
    let r = first(
        1971,
        "(person: 0, amount: 100000, until_age: 65, deferral: 30000)",
        IRA,
    );
    assert_eq!(r.deferrals, dec!(30000));
    assert_eq!(none.tax.agi, dec!(100000));
    assert_eq!(r.tax.agi, dec!(70000));
    // Payroll tax on all the wages: 7.65% of $100,000.
    assert_eq!(r.payroll_tax, dec!(7650));
    assert_eq!(r.payroll_tax, none.payroll_tax);
    // The federal tax of $70,000 of wages, single, 55.
    let law = TaxLaw::for_year(2026).unwrap();
    let facts = IncomeFacts {
        filing: Filing::Single,
        age_head: 55,
        wages: dec!(70000),
        ..IncomeFacts::default()
    };
    assert_eq!(r.federal_tax, compute(&law, &facts).total.round_dp(2));
    // Into the 401(k); nothing drawn from it.
    assert_eq!(r.closing.deferred - r.opening.deferred, dec!(30000));
    assert!(r.identity_gap().is_zero());
    assert!(r.federal_tax < none.federal_tax);
}

#[test]
fn deferrals_stop_at_the_limit_with_the_catch_up_for_the_age() {
    let wages = "(person: 0, amount: 250000, until_age: 70, deferral: 50000)";
    // 45: no catch-up.
    assert_eq!(first(1981, wages, IRA).deferrals, dec!(24500));
    // 52: $8,000 more; 61: $11,250 more (SECURE 2.0, 60 to 63), but over $150,000 of wages
    // the catch-up is Roth from 2026.
    let at_52 = first(1974, wages, IRA);
    assert_eq!(at_52.deferrals, dec!(32500));
    assert_eq!(at_52.closing.deferred - at_52.opening.deferred, dec!(24500));
    assert_eq!(at_52.closing.roth, dec!(8000));
    let at_61 = first(1965, wages, IRA);
    assert_eq!(at_61.deferrals, dec!(35750));
    assert_eq!(at_61.closing.roth, dec!(11250));
    assert_eq!(at_61.tax.agi, dec!(250000) - dec!(24500));
    // Not more than the wages.
    let small = first(
        1971,
        "(person: 0, amount: 10000, until_age: 65, deferral: 10000)",
        IRA,
    );
    assert_eq!(small.deferrals, dec!(10000));
    for r in [&at_52, &at_61, &small] {
        assert!(r.identity_gap().is_zero());
    }
}

#[test]
fn a_roth_401k_is_taxed_now_and_an_account_is_opened_when_there_is_none() {
    let roth = first(
        1971,
        "(person: 0, amount: 100000, until_age: 65, deferral: 20000, roth_deferral: true)",
        IRA,
    );
    assert_eq!(roth.tax.agi, dec!(100000));
    assert_eq!(roth.closing.roth, dec!(20000));
    assert_eq!(roth.closing.deferred, roth.opening.deferred);
    // Jo has no tax-deferred account: one is opened for the deferrals.
    let opened = first(
        1971,
        "(person: 0, amount: 100000, until_age: 65, deferral: 20000)",
        r#"Taxable(name: "Brokerage", balance: 10000, cost_basis: 10000)"#,
    );
    assert_eq!(opened.closing.deferred, dec!(20000));
    assert!(opened.identity_gap().is_zero());
}

#[test]
fn a_deferral_above_the_wages_or_from_self_employment_is_refused_by_field() {
    let problems = |wages: &str| -> Vec<String> {
        let plan: Plan = ron::from_str(&text(1971, wages, IRA)).unwrap();
        validate(&plan).iter().map(|p| p.to_string()).collect()
    };
    let above = problems("(person: 0, amount: 10000, until_age: 65, deferral: 20000)");
    assert!(
        above.len() == 1
            && above[0].contains("income.wages[0].deferral")
            && above[0].contains("more than the wages"),
        "{above:?}"
    );
    let business =
        problems("(person: 0, amount: 90000, until_age: 65, self_employed: true, deferral: 20000)");
    assert!(
        business.len() == 1 && business[0].contains("self-employment"),
        "{business:?}"
    );
}

#[test]
fn the_explanations_tax_the_year_as_the_engine_did() {
    // Wages with a 401(k) deferral and an HSA contribution, and a business of one's own: the
    // facts the "why" lines rebuild from a row give the engine's AGI and federal tax.
    let accounts =
        format!(r#"{IRA}, Hsa(name: "Jo HSA", owner: 0, balance: 5000, contribution: 3000)"#);
    let wages = "(person: 0, amount: 100000, until_age: 65, deferral: 20000), \
                 (person: 0, amount: 30000, until_age: 65, self_employed: true)";
    let plan: Plan = parse_plan(&text(1971, wages, &accounts), "worker").unwrap();
    let p = compare(&plan).unwrap().projections.remove(0);
    let inputs = drawdown::report::year_inputs(&plan).unwrap();
    let law = &inputs[0].law;
    let r = &p.rows[0];
    assert!(r.deferrals > Decimal::ZERO && r.hsa_contribution > Decimal::ZERO);
    let facts = drawdown::report::why::row_facts(r, &inputs[0]);
    let b = compute(law, &facts);
    let cents = |x: Decimal| x.to_string().parse::<f64>().unwrap();
    assert!(
        (b.agi - cents(r.tax.agi)).abs() < 0.01,
        "{} {}",
        b.agi,
        r.tax.agi
    );
    assert!((b.total - cents(r.federal_tax)).abs() < 0.01);
}
