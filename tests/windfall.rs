//! Windfalls: money received once from outside the accounts (an inheritance, a home sold). It
//! pays the year's need like income, the rest is invested, and only the part entered as a
//! taxable gain is income (a long-term gain).

use drawdown::compare::compare;
use drawdown::engine::YearRow;
use drawdown::plan::{Plan, parse_plan, plan_to_text, validate};
use drawdown::report::explain::explain;
use drawdown::tax::{Filing, IncomeFacts, TaxLaw, compute};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// Pat, 60 in 2026, single in Florida and uninsured until Medicare (no premium to pay), with
/// $500,000 of savings at no return and no inflation, spending $50,000 a year.
fn saver(windfalls: &str) -> Plan {
    parse_plan(&saver_text(windfalls), "saver").unwrap()
}

fn saver_text(windfalls: &str) -> String {
    format!(
        r#"(
    version: 1,
    name: "saver",
    people: [(name: "Pat", birth_year: 1966, planning_age: 80, coverage: Uninsured)],
    filing: single,
    state: Resident(code: "FL"),
    heirs_rate: 0.2,
    accounts: [Cash(name: "Savings", balance: 500000)],
    income: (windfalls: [{windfalls}]),
    spending: (annual: 50000),
    assumptions: (start_year: 2026, inflation: 0, returns: Constant(nominal: 0)),
    strategies: [Conventional],
)"#
    )
}

fn rows(plan: &Plan) -> Vec<YearRow<Decimal>> {
    compare(plan).unwrap().projections.remove(0).rows
}

#[test]
fn an_inheritance_pays_the_need_and_the_rest_is_invested() {
    let rows = rows(&saver(
        r#"(year: 2027, amount: 300000, label: "Aunt's estate")"#,
    ));
    let (before, year) = (&rows[0], &rows[1]);
    assert_eq!(before.windfall, Decimal::ZERO);
    assert_eq!(before.cash_draw, dec!(50000));
    // 2027: the need comes out of the windfall; nothing is drawn and $250,000 is saved.
    assert_eq!(year.windfall, dec!(300000));
    assert_eq!(year.cash_draw, Decimal::ZERO);
    assert_eq!(year.reinvested, dec!(250000));
    assert_eq!(year.closing.cash, dec!(700000));
    // Not income: no tax, AGI zero.
    assert_eq!(year.federal_tax, Decimal::ZERO);
    assert_eq!(year.tax.agi, Decimal::ZERO);
    assert_eq!(
        explain(year),
        "received a windfall of $300,000; reinvested $250,000 left over"
    );
    for r in &rows {
        assert!(
            r.identity_gap().is_zero(),
            "{}: {}",
            r.year,
            r.identity_gap()
        );
    }
    // The money lasts longer by the years $300,000 pays: six years of $50,000, a little less
    // with Medicare's premiums from 65.
    let without = self::rows(&saver(""));
    let runs_out = |rows: &[YearRow<Decimal>]| {
        rows.iter()
            .position(|r| r.shortfall > Decimal::ZERO)
            .unwrap()
    };
    let longer = runs_out(&rows) - runs_out(&without);
    assert!((5..=6).contains(&longer), "{longer}");
}

#[test]
fn a_taxable_gain_is_taxed_as_a_long_term_gain() {
    // A home sold in 2026 for $600,000 with $100,000 of gain beyond the exclusion: single, 60,
    // no other income. Taxable income $100,000 - $16,100 = $83,900, all of it gain: 0% to
    // $49,450, 15% on the $34,450 above: $5,167.50 (Rev. Proc. 2025-32).
    let rows = rows(&saver(
        r#"(year: 2026, amount: 600000, taxable_gain: 100000, label: "Home")"#,
    ));
    let r = &rows[0];
    assert_eq!(r.windfall_gain, dec!(100000));
    assert_eq!(r.tax.agi, dec!(100000));
    assert_eq!(r.tax.preferential_income, dec!(83900));
    assert_eq!(r.federal_tax, dec!(5167.50));
    // The same as the federal computation of that gain alone.
    let law = TaxLaw::for_year(2026).unwrap();
    let facts = IncomeFacts {
        filing: Filing::Single,
        age_head: 60,
        long_term_gains: dec!(100000),
        ..IncomeFacts::default()
    };
    assert_eq!(compute(&law, &facts).total, dec!(5167.50));
    // The need and the tax are paid from the windfall; the rest is saved.
    assert_eq!(r.reinvested, dec!(600000) - dec!(50000) - dec!(5167.50));
    assert!(r.identity_gap().is_zero());
}

#[test]
fn windfalls_follow_prices_and_stay_in_the_file() {
    let mut plan = saver(r#"(year: 2028, amount: 100000, taxable_gain: 20000, label: "Home")"#);
    plan.assumptions.inflation = dec!(0.03);
    let r = &rows(&plan)[2];
    // Today's dollars: two years of 3% inflation.
    assert_eq!(r.windfall, dec!(106090));
    assert_eq!(r.windfall_gain, dec!(21218));
    let text = plan_to_text(&plan);
    assert!(text.contains("windfalls"), "{text}");
    assert_eq!(parse_plan(&text, "again").unwrap(), plan);
    // A plan without windfalls writes none.
    assert!(!plan_to_text(&saver("")).contains("windfalls"));
}

#[test]
fn a_gain_above_the_amount_or_a_negative_windfall_is_refused_by_field() {
    let problems = |w: &str| -> Vec<String> {
        let plan: Plan = ron::from_str(&saver_text(w)).unwrap();
        validate(&plan).iter().map(|p| p.to_string()).collect()
    };
    let gain = problems(r#"(year: 2027, amount: 1000, taxable_gain: 2000)"#);
    assert_eq!(gain.len(), 1, "{gain:?}");
    assert!(
        gain[0].contains("income.windfalls[0].taxable_gain")
            && gain[0].contains("more than the amount received"),
        "{gain:?}"
    );
    let negative = problems(r#"(year: 2027, amount: -5)"#);
    assert!(
        negative[0].contains("income.windfalls[0].amount") && negative[0].contains("negative"),
        "{negative:?}"
    );
    let year = problems(r#"(year: 1900, amount: 5)"#);
    assert!(year[0].contains("income.windfalls[0].year"), "{year:?}");
}
