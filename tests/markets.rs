//! Issue 15: the flat-rate law as the withdrawal-order studies state it, market history the
//! user chooses, and rules that react to markets.

use drawdown::compare::compare;
use drawdown::plan::{
    PathMode, Plan, RmdRule, RmdTable, example_plan, parse_plan, plan_to_text, validate,
};
use drawdown::sim::{PathSource, SimError, SimResult, history, simulate_on};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::sync::atomic::AtomicBool;

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

fn e1() -> Plan {
    example_plan("E1.ron").expect("embedded").expect("valid")
}

fn simulate_plan(plan: &Plan) -> Result<SimResult, SimError> {
    simulate_on(
        plan,
        &plan.assumptions.simulation,
        2,
        &AtomicBool::new(false),
        |_| {},
    )
}

#[test]
fn a_window_of_history_gives_one_path_per_year_and_loops_inside_it() {
    let mut plan = e1();
    plan.assumptions.simulation.from = Some(1928);
    plan.assumptions.simulation.to = Some(2007);
    let source = PathSource::new(&plan, &plan.assumptions.simulation).unwrap();
    assert_eq!(source.count(), 80);
    let h = history::history().unwrap();
    let year = |y: i32| h.iter().find(|r| r.year == y).copied().unwrap();
    // The path from 2000 runs 2000..2007 and then loops back to 1928, not on to 2008.
    let path = source.path(2000 - 1928);
    assert_eq!(path.years[7].stocks, year(2007).stocks);
    assert_eq!(path.years[8].stocks, year(1928).stocks);
    assert_eq!(path.years[8].inflation, year(1928).cpi);
    let r = simulate_plan(&plan).unwrap();
    assert_eq!(r.paths, 80);
}

#[test]
fn a_window_outside_the_data_is_refused_naming_the_field() {
    let mut plan = e1();
    plan.assumptions.simulation.from = Some(1900);
    let e = simulate_plan(&plan).unwrap_err().to_string();
    assert!(e.contains("assumptions.simulation.from"), "{e}");
    assert!(e.contains("1928 to 2025"), "{e}");
    plan.assumptions.simulation.from = Some(2000);
    plan.assumptions.simulation.to = Some(1990);
    let issues = validate(&plan);
    assert!(
        issues.iter().any(|i| i.path == "assumptions.simulation.to"),
        "{issues:?}"
    );
}

#[test]
fn a_returns_file_is_the_history_and_the_bootstrap_draws_from_it() {
    // The test file holds the shipped history of 1928-2007 in the user format: historical
    // paths on it are the shipped table's paths cut to that window.
    let mut file = e1();
    file.assumptions.simulation.returns_file = Some("tests/data/returns-1928-2007.csv".into());
    let mut window = e1();
    window.assumptions.simulation.to = Some(2007);
    assert_eq!(
        simulate_plan(&file).unwrap(),
        simulate_plan(&window).unwrap()
    );
    for plan in [&mut file, &mut window] {
        plan.assumptions.simulation.mode = PathMode::Bootstrap { block_years: 5 };
        plan.assumptions.simulation.paths = 300;
    }
    assert_eq!(
        simulate_plan(&file).unwrap(),
        simulate_plan(&window).unwrap()
    );
}

#[test]
fn a_broken_returns_file_is_refused_with_its_line() {
    let dir = std::env::temp_dir().join(format!("drawdown-returns-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cases = [
        ("1990,0.1,0.05,0.03,0.02\n", "line 1: the header"),
        (
            "year,stocks,bonds,cash,inflation\n1990,0.1,0.05,0.03\n",
            "line 2: expected 5 fields",
        ),
        (
            "# mine\nyear,stocks,bonds,cash,inflation\n1990,0.1,0.05,0.03,0.02\n1991,ten,0,0,0\n",
            "line 4: bad number ten",
        ),
        (
            "year,stocks,bonds,cash,inflation\n1990,0.1,0.05,0.03,0.02\n1992,0.1,0.05,0.03,0.02\n",
            "line 3: 1992 does not follow 1990",
        ),
        (
            "year,stocks,bonds,cash,inflation\n1990,12,0.05,0.03,0.02\n",
            "line 2: stocks 12 is outside",
        ),
        (
            "year,stocks,bonds,cash,inflation\n1990,0.1,0.05,0.03,3\n",
            "line 2: inflation 3 is outside",
        ),
    ];
    for (i, (text, expected)) in cases.iter().enumerate() {
        let path = dir.join(format!("r{i}.csv"));
        std::fs::write(&path, text).unwrap();
        let mut plan = e1();
        plan.assumptions.simulation.returns_file = Some(path.display().to_string());
        let e = simulate_plan(&plan).unwrap_err().to_string();
        assert!(
            e.starts_with("assumptions.simulation.returns_file: "),
            "{e}"
        );
        assert!(e.contains(expected), "{e} should say {expected}");
    }
    let mut plan = e1();
    plan.assumptions.simulation.returns_file = Some(dir.join("missing.csv").display().to_string());
    let e = simulate_plan(&plan).unwrap_err().to_string();
    assert!(e.contains("cannot read it"), "{e}");
    std::fs::remove_dir_all(&dir).ok();
}

/// One retiree with $1m tax-deferred at a constant 10%, drawing $50,000 a year, no tax.
fn timing_plan(timing: &str) -> Plan {
    let text = format!(
        r#"(
    version: 1,
    name: "timing",
    people: [(name: "Casey", birth_year: 1961, planning_age: 70)],
    filing: single,
    heirs_rate: 0,
    accounts: [Deferred(name: "IRA", owner: 0, balance: 1000000, stock_share: 1)],
    spending: (annual: 50000),
    assumptions: (
        start_year: 2026,
        inflation: 0,
        returns: Constant(nominal: 0.10),
        tax_law: FlatRates(ordinary: 0, gains: 0),
        simulation: (mode: Constant),
        {timing}
    ),
    strategies: [Conventional],
)"#
    );
    parse_plan(&text, "timing").unwrap()
}

#[test]
fn end_of_year_withdrawals_come_after_the_year_s_returns() {
    let start = compare(&timing_plan("")).unwrap();
    let end = compare(&timing_plan("withdrawals: EndOfYear,")).unwrap();
    let (s, e) = (&start.projections[0].rows[0], &end.projections[0].rows[0]);
    // Start of year: (1,000,000 - 50,000) × 1.1 = 1,045,000. End of year: 1,100,000 - 50,000.
    assert_eq!(s.closing.deferred, dec!(1045000));
    assert_eq!(e.closing.deferred, dec!(1050000));
    assert_eq!(s.growth, dec!(95000));
    assert_eq!(e.growth, dec!(100000));
    assert_eq!(e.deferred_draw, dec!(50000));
    // The books balance either way, every year.
    for row in start.projections[0]
        .rows
        .iter()
        .chain(&end.projections[0].rows)
    {
        assert_eq!(row.identity_gap(), Decimal::ZERO, "{}", row.year);
    }
    // Saved and read back, the setting stays; the default is not written.
    let text = plan_to_text(&timing_plan("withdrawals: EndOfYear,"));
    assert!(text.contains("withdrawals: EndOfYear"), "{text}");
    assert!(!plan_to_text(&timing_plan("")).contains("withdrawals"));
}

#[test]
fn a_study_rmd_rule_starts_at_its_age_on_the_prior_year_end_balance() {
    // Born 1956: 70 in 2026. Current law starts this person at 73; the study's rule at 70.
    let plan = |rule: &str| {
        let mut p = timing_plan(rule);
        p.people[0].birth_year = 1956;
        p.people[0].planning_age = 75;
        p.spending.annual = Decimal::ZERO;
        p
    };
    let law = compare(&plan("")).unwrap();
    assert_eq!(law.projections[0].rows[0].rmd, Decimal::ZERO);
    let study = compare(&plan("rmd: Study(start_age: 70, table: UniformLifetime),")).unwrap();
    // Ages below the Uniform Lifetime Table's first row (72) use that row: 27.4.
    // 1,000,000 / 27.4 = 36,496.350... → 36,496.36 (rounded up to the cent).
    assert_eq!(study.projections[0].rows[0].rmd, dec!(36496.36));
    let single = compare(&plan("rmd: Study(start_age: 70, table: SingleLife),")).unwrap();
    // Single Life Table at 70: 18.8. 1,000,000 / 18.8 = 53,191.489... → 53,191.49.
    assert_eq!(single.projections[0].rows[0].rmd, dec!(53191.49));
    // End of year: the RMD is still set by the balance of 31 December of the prior year.
    let late = compare(&plan(
        "rmd: Study(start_age: 70, table: SingleLife), withdrawals: EndOfYear,",
    ))
    .unwrap();
    assert_eq!(late.projections[0].rows[0].rmd, dec!(53191.49));
    assert_eq!(
        late.projections[0].rows[0].closing.deferred,
        dec!(1046808.51)
    );
}

#[test]
fn a_study_rmd_start_age_out_of_range_names_the_field() {
    let mut p = timing_plan("rmd: Study(start_age: 70, table: UniformLifetime),");
    assert!(validate(&p).is_empty());
    p.assumptions.rmd = RmdRule::Study {
        start_age: 30,
        table: RmdTable::UniformLifetime,
    };
    let issues = validate(&p);
    assert!(
        issues.iter().any(|i| i.path == "assumptions.rmd.start_age"),
        "{issues:?}"
    );
}
