//! Issue 15: the flat-rate law as the withdrawal-order studies state it, market history the
//! user chooses, and rules that react to markets.

mod common;

use drawdown::compare::compare;
use drawdown::engine::{ReturnPath, Scenario, YearReturns, YearRow, project};
use drawdown::plan::{
    Guardrails, PathMode, Plan, RmdRule, RmdTable, Simulation, demo_plan, example_plan, parse_plan,
    plan_to_text, validate,
};
use drawdown::report::Format;
use drawdown::report::study::{
    STOCKS, StudyCell, StudyOptions, agreement, parse_paper, scenario_grid, study_table,
};
use drawdown::sim::{PathSource, SimError, SimResult, history, simulate_on, simulate_strategies};
use drawdown::strategy::{AfterFall, StrategySpec, build};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
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

/// One retiree with $1m tax-deferred at a constant 10%, drawing $50,000 a year, no tax (and no
/// Medicare premiums: never on Medicare).
fn timing_plan(timing: &str) -> Plan {
    let text = format!(
        r#"(
    version: 1,
    name: "timing",
    people: [(name: "Casey", birth_year: 1961, planning_age: 70, medicare_age: 130)],
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

/// The one cell of the study's grid drawdown's reference material carries (scenario 1, 50/50,
/// spending 3.5%: 90% taxable first, 82% tax-deferred first), in the paper-grid format.
const PAPER_CELLS: &str = "# flat-rate withdrawal-order study, the cell quoted in issue 15\n\
                           scenario,stocks,spending,first,second\n\
                           1,0.5,0.035,90,82\n";

#[test]
fn scenario_1_regenerated_picks_the_paper_s_winner() {
    let cells = scenario_grid(1, &StudyOptions::default()).unwrap();
    assert_eq!(
        cells.len(),
        18,
        "6 spending rates × 3 mixes, two orders each"
    );
    let paper = parse_paper(PAPER_CELLS).unwrap();
    println!(
        "{}",
        study_table(1, &cells, &paper)
            .unwrap()
            .render(Format::Table)
    );
    let a = agreement(&cells, &paper);
    println!(
        "scenario 1 against the paper: {} cells, mean |difference| {:.1} points, same winner in {} of {}",
        a.cells, a.mean_abs_difference, a.same_winner, a.decided
    );
    // Every cell where the paper's advantage is at least 2 points: the same winner.
    for p in paper.iter().filter(|p| (p.first - p.second).abs() >= 2.0) {
        let c = cells
            .iter()
            .find(|c| c.stocks == p.stocks && c.rate == p.rate)
            .unwrap();
        assert_eq!(
            (c.first - c.second).signum(),
            (p.first - p.second).signum(),
            "{} stocks at {}: drawdown {:.3}/{:.3}, paper {}/{}",
            p.stocks,
            p.rate,
            c.first,
            c.second,
            p.first,
            p.second
        );
    }
    assert_eq!(a.decided, a.same_winner);
    // More spending never lasts more often, in either order.
    for stocks in STOCKS {
        let column: Vec<&StudyCell> = cells.iter().filter(|c| c.stocks == stocks).collect();
        for w in column.windows(2) {
            assert!(w[1].first <= w[0].first && w[1].second <= w[0].second);
        }
    }
}

#[test]
fn a_broken_paper_grid_is_refused_with_its_line() {
    let e = parse_paper("scenario,stocks,spending,first,second\n1,0.5,0.035,90\n")
        .unwrap_err()
        .to_string();
    assert!(e.contains("line 2") && e.contains("5 fields"), "{e}");
    let e = parse_paper("scenario,stocks,spending,first,second\n5,0.5,0.035,90,82\n")
        .unwrap_err()
        .to_string();
    assert!(e.contains("line 2") && e.contains("scenario 5"), "{e}");
    let e = parse_paper("scenario,stocks,spending,first,second\n1,0.5,0.035,190,82\n")
        .unwrap_err()
        .to_string();
    assert!(e.contains("190 is not a percentage"), "{e}");
}

fn conversion(after_fall: Option<AfterFall>) -> StrategySpec {
    StrategySpec::RothConversion {
        bracket: dec!(0.12),
        yearly_cap: None,
        irmaa_aware: true,
        aca_aware: true,
        stop_at_rmd: false,
        years: None,
        after_fall,
    }
}

const FALL: AfterFall = AfterFall {
    drop: dec!(0.15),
    bracket: dec!(0.24),
};

#[test]
fn converting_more_after_a_fall_fills_the_higher_bracket_only_the_year_after() {
    // The demo on a path of its own: 8% a year, but stocks lose 40% in the second year.
    let plan = demo_plan();
    let years = plan.horizon_years();
    let mut path = ReturnPath::<f64> {
        years: vec![
            YearReturns {
                stocks: 0.08,
                bonds: 0.04,
                cash: 0.03,
                inflation: 0.025,
            };
            years
        ],
    };
    path.years[1].stocks = -0.40;
    let scenario = Scenario::<f64>::build(&plan, &path).unwrap();
    let plain = project(&scenario, &scenario, &*build(&conversion(None)));
    let after = project(&scenario, &scenario, &*build(&conversion(Some(FALL))));
    // Before the fall and in the year of it (decided on 1 January) the two are the same year.
    assert_eq!(plain.rows[0].conversion, after.rows[0].conversion);
    assert_eq!(plain.rows[1].conversion, after.rows[1].conversion);
    // The year after: the 24% bracket instead of 12%, on depressed values.
    println!(
        "conversion the year after the fall: plain {:.0}, after-fall rule {:.0}",
        plain.rows[2].conversion, after.rows[2].conversion
    );
    assert!(after.rows[2].conversion > plain.rows[2].conversion + 10_000.0);
    assert!(after.rows[2].tax.bracket_rate > 0.12);
}

#[test]
fn without_a_fall_the_rule_changes_nothing() {
    // Constant returns never fall: the books are the plain conversion's, to the cent.
    let mut plan = demo_plan();
    plan.strategies = vec![conversion(None), conversion(Some(FALL))];
    let c = compare(&plan).unwrap();
    assert_eq!(c.projections[0].rows, c.projections[1].rows);
}

#[test]
fn converting_more_after_a_fall_against_plain_conversion_on_history() {
    let plan = demo_plan();
    let strategies = [conversion(None), conversion(Some(FALL))].map(|s| build(&s));
    for mode in [PathMode::Historical, PathMode::bootstrap_default()] {
        let settings = Simulation {
            mode,
            paths: 500,
            ..Simulation::default()
        };
        let r = simulate_strategies(
            &plan,
            &settings,
            &strategies,
            2,
            &AtomicBool::new(false),
            |_| {},
        )
        .unwrap();
        let (p, a) = (&r.strategies[0], &r.strategies[1]);
        println!(
            "demo, {}: plain conversion success {:.1}%, median estate {:.0}; \
             24% after a 15% fall: success {:.1}%, median estate {:.0}",
            r.mode,
            p.success_rate * 100.0,
            p.terminal_median,
            a.success_rate * 100.0,
            a.terminal_median
        );
        // The rule acts on the paths with a fall: the figures are not the plain strategy's.
        assert_ne!(p, a);
    }
}

#[test]
fn guardrails_on_the_demo_last_at_least_as_often_and_show_their_cuts() {
    let plain = demo_plan();
    let mut guarded = demo_plan();
    guarded.spending.guardrails = Some(Guardrails::classic());
    for mode in [PathMode::Historical, PathMode::monte_carlo_default()] {
        let settings = Simulation {
            mode,
            paths: 1000,
            ..Simulation::default()
        };
        let run =
            |plan: &Plan| simulate_on(plan, &settings, 2, &AtomicBool::new(false), |_| {}).unwrap();
        let (without, with) = (run(&plain), run(&guarded));
        for (w, g) in without.strategies.iter().zip(&with.strategies) {
            println!(
                "demo, {} paths, {}: success {:.1}% without guardrails, {:.1}% with; \
                 paths with a cut {:.1}%",
                with.mode,
                g.strategy,
                w.success_rate * 100.0,
                g.success_rate * 100.0,
                g.cut_probability * 100.0
            );
            assert!(g.success_rate >= w.success_rate, "{}", g.strategy);
            assert_eq!(w.cut_probability, 0.0);
            // The fan chart's years of cuts: no year cuts on more paths than cut at all, and
            // every path with a cut cut in some year; none without guardrails.
            assert!(w.bands.iter().all(|b| b.cut_share == 0.0));
            let peak = g
                .bands
                .iter()
                .reduce(|m, b| if b.cut_share > m.cut_share { b } else { m })
                .unwrap();
            let total: f64 = g.bands.iter().map(|b| b.cut_share).sum();
            assert!(
                peak.cut_share <= g.cut_probability + 1e-12,
                "{}",
                g.strategy
            );
            assert!(total >= g.cut_probability - 1e-12, "{}", g.strategy);
            assert_eq!(
                g.bands[0].cut_share, 0.0,
                "the first year sets the reference rate"
            );
            println!(
                "    cuts most often in {} ({:.1}% of paths)",
                peak.year,
                peak.cut_share * 100.0
            );
        }
        assert!(with.strategies.iter().any(|s| s.cut_probability > 0.0));
    }
    // The cuts are in the ledger: each year's row says whether the guardrails moved.
    let c = compare(&guarded).unwrap();
    let risk = drawdown::report::risk_table(
        &guarded,
        &simulate_on(
            &guarded,
            &guarded.assumptions.simulation,
            2,
            &AtomicBool::new(false),
            |_| {},
        )
        .unwrap(),
    );
    assert!(
        risk.rows
            .iter()
            .any(|r| r[0].text == "Chance of a spending cut")
    );
    assert!(
        c.projections[0]
            .rows
            .iter()
            .all(|r| r.guardrail >= -1 && r.guardrail <= 1)
    );
}

#[test]
fn a_cut_after_a_crash_lowers_the_next_year_s_living_costs() {
    // The demo on its own path with stocks losing 60% in the first year: the next year the
    // withdrawal rate is far above the first year's, and the living costs are cut by 10%.
    let crash = YearReturns {
        stocks: -0.60,
        bonds: -0.30,
        cash: 0.02,
        inflation: 0.03,
    };
    let (scenario, rows) = guarded_demo(Some(Guardrails::classic()), crash);
    assert_eq!(rows[0].guardrail, 0);
    assert_eq!(rows[1].guardrail, -1);
    let planned = scenario.years[1].living;
    assert!((rows[1].spending - (planned * 0.9).round()).abs() <= 1.0);
}

/// `years` years of returns: `first`, then `rest` every year.
fn first_then<N: Copy>(years: usize, first: YearReturns<N>, rest: YearReturns<N>) -> ReturnPath<N> {
    let mut path = ReturnPath {
        years: vec![rest; years],
    };
    path.years[0] = first;
    path
}

/// The demo on a constant path (3% inflation, no one-offs) whose first year is `first`, with
/// `rule`'s guardrails, under the conventional order.
fn guarded_demo(
    rule: Option<Guardrails>,
    first: YearReturns<f64>,
) -> (Scenario<f64>, Vec<YearRow<f64>>) {
    let mut plan = demo_plan();
    plan.spending.guardrails = rule;
    plan.spending.one_offs.clear();
    let steady = YearReturns {
        stocks: 0.05,
        bonds: 0.03,
        cash: 0.02,
        inflation: 0.03,
    };
    let path = first_then(plan.horizon_years(), first, steady);
    let scenario = Scenario::<f64>::build(&plan, &path).unwrap();
    let rows = project(&scenario, &scenario, &*build(&StrategySpec::Conventional)).rows;
    (scenario, rows)
}

/// A first year in which the portfolio loses money, prices up 3%.
const LOSING_YEAR: YearReturns<f64> = YearReturns {
    stocks: -0.25,
    bonds: -0.05,
    cash: 0.02,
    inflation: 0.03,
};

#[test]
fn the_withdrawal_rule_skips_the_raise_for_inflation_after_a_losing_year() {
    // Guardrails too wide to cut or raise: only the withdrawal rule acts.
    let wide = Guardrails {
        upper: dec!(10),
        lower: dec!(0.99),
        ..Guardrails::classic()
    };
    let frozen = Guardrails {
        freeze_after_loss: true,
        ..wide
    };
    let (scenario, plain) = guarded_demo(Some(wide), LOSING_YEAR);
    let (_, rows) = guarded_demo(Some(frozen), LOSING_YEAR);
    let living = |k: usize| scenario.years[k].living;
    // Without the rule the living costs follow prices; with it, the year after the loss stays
    // at the losing year's dollars, and the raise skipped is never made up.
    assert_eq!(plain[1].guardrail, 0);
    assert!((plain[1].spending - living(1)).abs() <= 0.01);
    assert_eq!(rows[0].guardrail, 0);
    assert_eq!(rows[1].guardrail, 2, "frozen after the losing year");
    assert!((rows[1].spending - rows[0].spending).abs() <= 0.01);
    assert!(rows[1].spending < living(1) - 1000.0);
    assert_eq!(rows[2].guardrail, 0, "the second year gained: no freeze");
    let inflation = scenario.years[1].price_level / scenario.years[0].price_level;
    assert!((rows[2].spending - (living(2) / inflation).round()).abs() <= 1.0);
    println!(
        "living costs {:.0}, {:.0}, {:.0} with the rule; {:.0}, {:.0}, {:.0} without",
        rows[0].spending,
        rows[1].spending,
        rows[2].spending,
        plain[0].spending,
        plain[1].spending,
        plain[2].spending
    );
    // The exact books agree, and the ledger's account of the year says why.
    let mut plan = demo_plan();
    plan.spending.guardrails = Some(frozen);
    plan.spending.one_offs.clear();
    let steady = YearReturns {
        stocks: dec!(0.05),
        bonds: dec!(0.03),
        cash: dec!(0.02),
        inflation: dec!(0.03),
    };
    let losing = YearReturns {
        stocks: dec!(-0.25),
        bonds: dec!(-0.05),
        ..steady
    };
    let path = first_then(plan.horizon_years(), losing, steady);
    let exact = Scenario::<Decimal>::build(&plan, &path).unwrap();
    let books = project(
        &exact,
        &exact.to_f64(),
        &*build(&StrategySpec::Conventional),
    )
    .rows;
    assert_eq!(books[1].guardrail, 2);
    assert_eq!(books[1].spending, books[0].spending);
    let why = drawdown::report::explain(&books[1]);
    assert!(
        why.starts_with("guardrail: no raise for inflation after a losing year; "),
        "{why}"
    );
    // After a year that gained, nothing is frozen.
    let gaining = YearReturns {
        stocks: 0.10,
        ..LOSING_YEAR
    };
    let (_, rows) = guarded_demo(Some(frozen), gaining);
    assert!(rows.iter().all(|r| r.guardrail == 0));
}

#[test]
fn no_cut_is_made_in_the_plan_s_final_years() {
    // The crash of the test above in the first year: the classic rule cuts in the second. With
    // the capital-preservation exception reaching back to the second year, no cut.
    let crash = YearReturns {
        stocks: -0.60,
        bonds: -0.30,
        ..LOSING_YEAR
    };
    let years = demo_plan().horizon_years() as u32;
    let rule = |final_years| {
        Some(Guardrails {
            no_cuts_final_years: final_years,
            ..Guardrails::classic()
        })
    };
    let (_, cut) = guarded_demo(rule(years - 2), crash);
    assert_eq!(
        cut[1].guardrail,
        -1,
        "year 2 is before the last {} years",
        years - 2
    );
    let (scenario, kept) = guarded_demo(rule(years - 1), crash);
    assert_eq!(
        kept[1].guardrail,
        0,
        "year 2 is within the last {} years",
        years - 1
    );
    assert!((kept[1].spending - scenario.years[1].living).abs() <= 0.01);
    assert!(kept.iter().all(|r| r.guardrail >= 0));
}

#[test]
fn guyton_and_klinger_s_exceptions_on_the_demo() {
    // The classic rule beside it with both exceptions, over 1,000 Monte Carlo paths: no path
    // cuts in the last 15 years.
    let mut classic = demo_plan();
    classic.spending.guardrails = Some(Guardrails::classic());
    let mut gk = demo_plan();
    gk.spending.guardrails = Some(Guardrails::guyton_klinger());
    let settings = Simulation {
        mode: PathMode::monte_carlo_default(),
        paths: 1000,
        ..Simulation::default()
    };
    let run =
        |plan: &Plan| simulate_on(plan, &settings, 2, &AtomicBool::new(false), |_| {}).unwrap();
    let (a, b) = (run(&classic), run(&gk));
    let years = demo_plan().horizon_years();
    for (c, g) in a.strategies.iter().zip(&b.strategies) {
        println!(
            "demo, 1,000 Monte Carlo paths, {}: classic success {:.1}%, a cut on {:.1}% of \
             paths, median estate {:.0}; with the exceptions {:.1}%, {:.1}%, {:.0}",
            c.strategy,
            c.success_rate * 100.0,
            c.cut_probability * 100.0,
            c.terminal_median,
            g.success_rate * 100.0,
            g.cut_probability * 100.0,
            g.terminal_median
        );
        assert!(
            g.bands[years - 15..].iter().all(|b| b.cut_share == 0.0),
            "{}",
            g.strategy
        );
        assert!(
            c.bands[..years - 15].iter().any(|b| b.cut_share > 0.0),
            "{}",
            c.strategy
        );
    }
    assert_ne!(a.strategies, b.strategies);
}

/// Guardrails that never act (no cut below 100% of the plan, raises only if the withdrawal rate
/// falls to a hundredth of the first year's) leave every strategy's books as they were.
#[test]
fn guardrails_that_never_trigger_change_nothing() {
    // The plan generator nests deeply; debug builds need a larger stack than a test thread has.
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(never_triggering_guardrails)
        .expect("a property thread starts")
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e));
}

fn never_triggering_guardrails() {
    let mut runner = TestRunner::new_with_rng(
        Config {
            cases: 48,
            failure_persistence: None,
            ..Config::default()
        },
        TestRng::from_seed(RngAlgorithm::ChaCha, &[15; 32]),
    );
    let compared = std::sync::atomic::AtomicUsize::new(0);
    let result = runner.run(&common::plan_gen::plan_in_bounds(), |mut plan| {
        plan.spending.guardrails = None;
        let mut wide = plan.clone();
        wide.spending.guardrails = Some(Guardrails {
            upper: dec!(10),
            lower: dec!(0.99),
            adjust: dec!(0.10),
            floor: Decimal::ONE,
            no_cuts_final_years: 0,
            freeze_after_loss: false,
        });
        if !validate(&plan).is_empty() || !validate(&wide).is_empty() {
            return Ok(());
        }
        let (Ok(a), Ok(b)) = (compare(&plan), compare(&wide)) else {
            return Ok(());
        };
        for (pa, pb) in a.projections.iter().zip(&b.projections) {
            if pb.rows.iter().all(|r| r.guardrail == 0) {
                prop_assert_eq!(&pa.rows, &pb.rows);
                compared.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let compared = compared.into_inner();
    println!("{compared} projections compared");
    assert!(compared > 0);
}
