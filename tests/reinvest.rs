//! Withdrawing more than the year needs: dividends reinvested inside a taxable account
//! (`dividends: Reinvest`), and a bracket fill that draws tax-deferred money to the bracket top
//! whatever the need, reinvesting the rest in taxable (`draw_beyond_need: true`).

mod common;

use drawdown::compare::compare;
use drawdown::engine::{Projection, ReturnPath, Scenario, project};
use drawdown::optimize::{Objective, Schedule};
use drawdown::plan::{Account, Dividends, parse_plan, plan_to_text};
use drawdown::strategy::build;
use drawdown::tax::{Filing, TaxLaw};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// One retiree in Florida (no state income tax) with a taxable account and cash.
fn dividend_plan(dividends: &str, balance: &str, spending: &str) -> String {
    format!(
        r#"(
    version: 1,
    name: "dividends",
    people: [(name: "Casey", birth_year: 1961, planning_age: 70, medicare_age: 90)],
    filing: single,
    state: Resident(code: "FL"),
    heirs_rate: 0.2,
    accounts: [
        Taxable(name: "Brokerage", balance: {balance}, cost_basis: 60000, dividend_yield: 0.02,
                {dividends} qualified_share: 1, stock_share: 1),
        Cash(name: "Savings", balance: 500000),
    ],
    spending: (annual: {spending}),
    assumptions: (
        start_year: 2026,
        inflation: 0.0,
        returns: ByAssetClass(stocks: 0.05, bonds: 0.05, cash: 0),
    ),
    strategies: [CustomOrder(steps: [(source: Cash), (source: Taxable)])],
)"#
    )
}

fn first_year(text: &str) -> drawdown::engine::YearRow<Decimal> {
    let plan = parse_plan(text, "test").unwrap();
    let c = compare(&plan).unwrap();
    c.projections[0].rows[0].clone()
}

#[test]
fn reinvested_dividends_add_to_balance_and_basis_and_are_not_spent() {
    // $100,000 yielding 2%: $2,000 of qualified dividends, under the standard deduction (no
    // tax). Reinvested on 1 January with the year's other flows, they earn the price growth
    // (5% total return less the 2% yield): (100,000 + 2,000) x 1.03 = 105,060.
    let r = first_year(&dividend_plan("dividends: Reinvest,", "100000", "10000"));
    assert_eq!(r.dividends, dec!(2000));
    assert_eq!(r.dividends_reinvested, dec!(2000));
    assert_eq!(r.qualified_dividends, dec!(2000));
    assert_eq!(r.federal_tax, Decimal::ZERO);
    // The need comes from cash in full: the dividends are no cash for the year.
    assert_eq!(r.cash_draw, dec!(10000));
    assert_eq!(r.taxable_sale, Decimal::ZERO);
    assert_eq!(r.closing.taxable, dec!(105060));
    assert_eq!(r.closing.basis, dec!(62000));
    assert_eq!(r.closing.cash, dec!(490000));
    assert_eq!(r.identity_gap(), Decimal::ZERO);

    // Paid out (the default), the same dividends meet $2,000 of the need.
    let p = first_year(&dividend_plan("", "100000", "10000"));
    assert_eq!(p.dividends, dec!(2000));
    assert_eq!(p.dividends_reinvested, Decimal::ZERO);
    assert_eq!(p.cash_draw, dec!(8000));
    assert_eq!(p.closing.taxable, dec!(103000));
    assert_eq!(p.closing.basis, dec!(60000));
    assert_eq!(p.identity_gap(), Decimal::ZERO);
}

#[test]
fn the_tax_on_reinvested_dividends_is_paid_from_the_year_s_other_money() {
    // $6,000,000 yielding 2%: $120,000 of qualified dividends, partly above the 0% ceiling.
    let r = first_year(&dividend_plan("dividends: Reinvest,", "6000000", "20000"));
    assert_eq!(r.dividends_reinvested, dec!(120000));
    assert!(r.federal_tax > dec!(1000), "tax {}", r.federal_tax);
    // Cash pays the need and the whole tax, to the cent (a few cents may be left over).
    let left = r.cash_draw - r.spending - r.federal_tax;
    assert_eq!(left, r.reinvested);
    assert!(
        left >= Decimal::ZERO && left < dec!(0.05),
        "left over {left}"
    );
    // The shares bought: 120,000 at full basis for the dividends.
    assert_eq!(r.closing.basis, dec!(60000) + dec!(120000));
    assert_eq!(r.closing.taxable, dec!(6120000) * dec!(1.03));
    assert_eq!(r.identity_gap(), Decimal::ZERO);
}

#[test]
fn old_saves_load_with_dividends_paid_out_and_write_back_without_the_field() {
    let text = dividend_plan("", "100000", "10000");
    let plan = parse_plan(&text, "old").unwrap();
    assert!(matches!(
        plan.accounts[0],
        Account::Taxable {
            dividends: Dividends::PaidOut,
            ..
        }
    ));
    assert!(!plan_to_text(&plan).contains("dividends:"));

    let text = dividend_plan("dividends: Reinvest,", "100000", "10000");
    let plan = parse_plan(&text, "new").unwrap();
    let written = plan_to_text(&plan);
    assert!(written.contains("dividends: Reinvest"), "{written}");
    assert_eq!(parse_plan(&written, "again").unwrap(), plan);

    let bad = dividend_plan("dividends: Sometimes,", "100000", "10000");
    let err = parse_plan(&bad, "bad").unwrap_err().to_string();
    assert!(err.contains("Sometimes"), "{err}");
}

/// A retiree whose pension more than covers the need: a plain bracket fill draws nothing from
/// the IRA; with `draw_beyond_need` it draws to the top of the 12% bracket anyway.
fn fill_plan(strategies: &str) -> String {
    format!(
        r#"(
    version: 1,
    name: "beyond the need",
    people: [(name: "Robin", birth_year: 1961, planning_age: 95)],
    filing: single,
    state: Resident(code: "FL"),
    heirs_rate: 0.32,
    accounts: [
        Taxable(name: "Brokerage", balance: 100000, cost_basis: 100000, dividend_yield: 0, stock_share: 0.6),
        Deferred(name: "IRA", owner: 0, balance: 1000000, stock_share: 0.6),
    ],
    income: (
        pensions: [(person: 0, name: "Pension", amount: 40000, start_age: 60, cola: 0)],
    ),
    spending: (annual: 30000),
    assumptions: (
        start_year: 2026,
        inflation: 0.025,
        returns: Constant(nominal: 0.05),
    ),
    strategies: [{strategies}],
)"#
    )
}

#[test]
fn a_fill_beyond_the_need_draws_to_the_bracket_top_and_reinvests_the_rest_to_the_cent() {
    let plan = parse_plan(
        &fill_plan(
            "BracketFill(bracket: 0.12), BracketFill(bracket: 0.12, draw_beyond_need: true)",
        ),
        "fill",
    )
    .unwrap();
    let c = compare(&plan).unwrap();
    assert_eq!(c.projections[1].strategy, "Fill 12%, reinvest");
    let plain = &c.projections[0].rows[0];
    let r = &c.projections[1].rows[0];

    // The pension covers the need: the plain fill draws nothing and keeps only what the
    // pension leaves (in the taxable account: the plan has no cash account).
    assert_eq!(plain.deferred_draw, Decimal::ZERO);

    // Beyond the need: ordinary taxable income lands on the 12% bracket's top (rounded down to
    // the cent by the strategy).
    let top = TaxLaw::for_year(2026).unwrap().brackets[Filing::Single.index()][1];
    let below = top - r.tax.ordinary_taxable_income;
    assert!(
        below >= Decimal::ZERO && below < dec!(0.05),
        "top {top}, ordinary taxable income {}",
        r.tax.ordinary_taxable_income
    );
    assert!(r.deferred_draw > dec!(20000), "draw {}", r.deferred_draw);
    // Everything the need and the taxes leave is reinvested, to the cent.
    let came_in = r.pensions + r.deferred_draw;
    let went_out = r.spending_paid + r.taxes() + r.health() + r.medical_costs;
    assert_eq!(r.reinvested, came_in - went_out);
    // In the taxable account at full basis, then a year's growth.
    assert_eq!(r.closing.basis, dec!(100000) + r.reinvested);
    assert_eq!(
        r.closing.taxable,
        ((dec!(100000) + r.reinvested) * dec!(1.05)).round_dp(2)
    );
    assert_eq!(
        r.closing.deferred,
        ((dec!(1000000) - r.deferred_draw) * dec!(1.05)).round_dp(2)
    );
    for p in &c.projections {
        for row in &p.rows {
            assert_eq!(
                row.identity_gap(),
                Decimal::ZERO,
                "{} {}",
                p.strategy,
                row.year
            );
        }
    }
}

#[test]
fn without_a_taxable_account_the_surplus_opens_one() {
    let text = fill_plan("BracketFill(bracket: 0.12, draw_beyond_need: true)").replace(
        "Taxable(name: \"Brokerage\", balance: 100000, cost_basis: 100000, dividend_yield: 0, stock_share: 0.6),",
        "",
    );
    let plan = parse_plan(&text, "no taxable").unwrap();
    let c = compare(&plan).unwrap();
    let r = &c.projections[0].rows[0];
    assert!(r.reinvested > dec!(10000), "reinvested {}", r.reinvested);
    assert_eq!(r.opening.taxable, Decimal::ZERO);
    assert_eq!(r.closing.basis, r.reinvested);
    assert_eq!(r.closing.taxable, (r.reinvested * dec!(1.05)).round_dp(2));
    assert_eq!(r.closing.cash, Decimal::ZERO);
}

#[test]
fn the_books_on_f64_follow_the_exact_books() {
    // The simulation keeps its books on f64 with the same logic: the two agree to cents a year.
    let mut text = fill_plan("BracketFill(bracket: 0.12, draw_beyond_need: true)");
    text = text.replace(
        "dividend_yield: 0, stock_share: 0.6",
        "dividend_yield: 0.03, dividends: Reinvest, stock_share: 0.6",
    );
    let plan = parse_plan(&text, "f64").unwrap();
    let exact = Scenario::<Decimal>::build(&plan, &ReturnPath::constant(&plan)).unwrap();
    let quick = exact.to_f64();
    let strategy = build(&plan.strategies[0]);
    let a: Projection<Decimal> = project(&exact, &quick, &*strategy);
    let b: Projection<f64> = project(&quick, &quick, &*strategy);
    for (x, y) in a.rows.iter().zip(&b.rows) {
        let near = |d: Decimal, f: f64, what: &str| {
            let d: f64 = d.try_into().unwrap();
            assert!((d - f).abs() < 1.0, "{} {what}: {d} vs {f}", x.year);
        };
        near(x.dividends_reinvested, y.dividends_reinvested, "dividends");
        near(x.deferred_draw, y.deferred_draw, "draw");
        near(x.reinvested, y.reinvested, "reinvested");
        near(x.closing.taxable, y.closing.taxable, "taxable");
        near(x.closing.basis, y.closing.basis, "basis");
    }
    assert!(a.rows[0].dividends_reinvested > dec!(2900));
}

/// A couple whose Social Security meets most of the need, with $2m in an IRA: a plain 12% fill
/// draws only the need until RMDs start at 75, which then push them into the 22% and 24%
/// brackets for life and leave heirs (taxed at 32%) a large IRA.
const COUPLE: &str = r#"(
    version: 1,
    name: "fill the 12% bracket before the RMDs",
    people: [(name: "Ash", birth_year: 1961, planning_age: 95),
             (name: "Blair", birth_year: 1961, planning_age: 95)],
    filing: mfj,
    state: Resident(code: "FL"),
    heirs_rate: 0.32,
    accounts: [
        Taxable(name: "Brokerage", balance: 150000, cost_basis: 100000, dividend_yield: 0.02, stock_share: 0.6),
        Deferred(name: "Ash IRA", owner: 0, balance: 2000000, stock_share: 0.6),
        Cash(name: "Savings", balance: 20000),
    ],
    income: (
        social_security: [(person: 0, fra_benefit: 36000, claim_age: 67, claim_months: 0),
                          (person: 1, fra_benefit: 24000, claim_age: 67, claim_months: 0)],
    ),
    spending: (annual: 70000),
    assumptions: (
        start_year: 2026,
        inflation: 0.025,
        returns: Constant(nominal: 0.05),
        ignore_irmaa: true,
    ),
    strategies: [BracketFill(bracket: 0.12), BracketFill(bracket: 0.12, draw_beyond_need: true),
                 RothConversion(bracket: 0.12, stop_at_rmd: false)],
)"#;

#[test]
fn filling_the_12_percent_bracket_beyond_the_need_beats_waiting_for_the_rmds() {
    let plan = parse_plan(COUPLE, "couple").unwrap();
    let c = compare(&plan).unwrap();
    let (plain, beyond) = (&c.outcomes[0], &c.outcomes[1]);
    // The first RMD year (both 75 in 2036) and the marginal rate on ordinary income then.
    let at_75 = |i: usize| {
        let r = c.projections[i].rows.iter().find(|r| r.rmd > Decimal::ZERO);
        let r = r.expect("an RMD year");
        (r.year, r.opening.deferred, r.rmd, r.marginal_ordinary)
    };
    for (i, o) in [plain, beyond].into_iter().enumerate() {
        let (year, ira, rmd, rate) = at_75(i);
        println!(
            "{}: lifetime federal tax ${} (today's), after-tax estate ${} (today's); \
             {year}: IRA ${} at the start, RMD ${}, marginal rate {}%",
            o.strategy,
            o.federal_real.round(),
            o.estate_real.round(),
            ira.round(),
            rmd.round(),
            (rate * dec!(100)).round_dp(1)
        );
    }
    let reinvested: Decimal = c.projections[1].rows.iter().map(|r| r.reinvested).sum();
    println!("reinvested over the plan: ${}", reinvested.round());
    assert!(reinvested > dec!(100000));
    // Drawn down at 12% before 75, the IRA forces smaller RMDs.
    assert!(at_75(1).2 < at_75(0).2);
    assert!(beyond.federal_real < plain.federal_real);
    assert!(
        beyond.estate_real > plain.estate_real,
        "estate {} vs {}",
        beyond.estate_real,
        plain.estate_real
    );
    assert!(beyond.lasts_to_horizon && plain.lasts_to_horizon);
}

#[test]
fn a_conversion_to_the_same_bracket_does_at_least_as_well_as_drawing_and_reinvesting() {
    // The same ordinary income either way; converted, the money grows in Roth, free of the tax
    // on dividends and gains that the reinvested money pays in taxable. This is why the
    // optimizer, which converts, gains next to nothing from draws beyond the need.
    let plan = parse_plan(COUPLE, "couple").unwrap();
    let c = compare(&plan).unwrap();
    let (beyond, convert) = (&c.outcomes[1], &c.outcomes[2]);
    println!(
        "{}: estate ${}; {}: estate ${}",
        beyond.strategy,
        beyond.estate_real.round(),
        convert.strategy,
        convert.estate_real.round()
    );
    assert!(convert.estate_real >= beyond.estate_real);
}

#[test]
fn a_schedule_taken_from_a_fill_beyond_the_need_replays_it() {
    // The optimizer starts from the named strategies' years as schedules: a year that drew
    // beyond the need must replay as such, or the start would not be the strategy it copies.
    let plan = parse_plan(COUPLE, "couple").unwrap();
    let exact = Scenario::<Decimal>::build(&plan, &ReturnPath::constant(&plan)).unwrap();
    let quick = exact.to_f64();
    let named = project(&exact, &quick, &*build(&plan.strategies[1]));
    assert!(named.rows[0].fixed_deferred > Decimal::ZERO);
    let schedule = Schedule::from_projection(&named);
    let again = project(&exact, &quick, &schedule);
    for (a, b) in named.rows.iter().zip(&again.rows) {
        assert!(
            (a.reinvested - b.reinvested).abs() < dec!(1),
            "{}: {} vs {}",
            a.year,
            a.reinvested,
            b.reinvested
        );
        assert!(
            (a.closing.total() - b.closing.total()).abs() < dec!(5),
            "{}",
            a.year
        );
    }
}

#[test]
fn the_optimizer_improves_on_a_fill_beyond_the_need() {
    let mut plan = parse_plan(COUPLE, "couple").unwrap();
    plan.strategies.truncate(2);
    let c = compare(&plan).unwrap();
    let best_named = c.outcomes.iter().map(|o| o.estate_real).max().unwrap();
    let o = common::optimized(&plan, &Objective::Estate);
    let beyond_years = o
        .projection
        .rows
        .iter()
        .filter(|r| r.fixed_deferred > Decimal::ZERO)
        .count();
    println!(
        "Optimized: estate ${} vs best named ${}; years drawing beyond the need: {beyond_years}",
        o.outcome.estate_real.round(),
        best_named.round()
    );
    // Started from the fill's own years (drawn beyond the need, kept as such), the search
    // converts instead where that gains: strictly better here.
    assert!(o.outcome.estate_real > best_named);
}

#[test]
fn this_year_s_actions_say_what_to_invest_and_replay_the_books() {
    let text = COUPLE.replace(
        "dividend_yield: 0.02, stock_share",
        "dividend_yield: 0.02, dividends: Reinvest, stock_share",
    );
    let plan = parse_plan(&text, "couple").unwrap();
    let c = compare(&plan).unwrap();
    let a = drawdown::report::actions::actions(&plan, &c, 1, 2026).unwrap();
    // The named accounts' replay matches the ledger to the cent.
    assert!(a.by_account);
    let lines = drawdown::report::actions::action_lines(
        &a,
        &drawdown::report::shown::Shown::new(&plan, false),
    );
    let amount = |label: &str| {
        lines
            .iter()
            .find(|l| l.action == label)
            .map(|l| l.amount)
            .unwrap_or_else(|| panic!("no line {label}: {lines:?}"))
    };
    assert_eq!(amount("Invest (drawn beyond the need)"), a.row.reinvested);
    assert_eq!(amount("Reinvest dividends"), dec!(3000));
    assert!(a.row.reinvested > dec!(10000));
}
