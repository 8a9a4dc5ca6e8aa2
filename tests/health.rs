//! Health coverage and payroll in whole plans: the early-retiree household G on the Marketplace,
//! where the premium tax credit's 400% cliff makes a conversion's last dollar cost the whole
//! credit.

mod common;

use drawdown::compare::compare;
use drawdown::engine::Projection;
use drawdown::optimize::Objective;
use drawdown::plan::{Coverage, Plan, Wage, example_plan, parse_plan, plan_to_text};
use drawdown::strategy::StrategySpec;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn example(name: &str) -> Plan {
    example_plan(name).expect("embedded").expect("valid")
}

fn convert(aca_aware: bool) -> StrategySpec {
    let label = if aca_aware {
        "Convert 12%, ACA-aware"
    } else {
        "Convert 12%, past the ACA line"
    };
    StrategySpec::Labeled {
        label: label.into(),
        strategy: Box::new(StrategySpec::RothConversion {
            bracket: dec!(0.12),
            yearly_cap: None,
            irmaa_aware: true,
            aca_aware,
            stop_at_rmd: false,
            years: None,
            after_fall: None,
        }),
    }
}

/// Years in which someone is on the Marketplace and the credit has an income limit.
fn marketplace_years(p: &Projection<Decimal>) -> Vec<usize> {
    (0..p.rows.len())
        .filter(|&k| p.rows[k].aca_line > Decimal::ZERO)
        .collect()
}

#[test]
fn household_f_pays_less_tax_and_premium_when_conversions_stop_below_the_aca_line() {
    let plan = example("G.ron");
    let c = compare(&plan).unwrap();
    let at = |spec: &StrategySpec| c.index_of(spec).expect("compared");
    let (blind, aware) = (at(&convert(false)), at(&convert(true)));
    let (ob, oa) = (&c.outcomes[blind], &c.outcomes[aware]);
    println!(
        "G: without aca_aware tax {} + payroll {} + premiums {} = {} (credit {}); \
         with: tax {} + payroll {} + premiums {} = {} (credit {}); estates {} / {}",
        ob.lifetime_tax(),
        ob.payroll,
        ob.premiums,
        ob.lifetime_tax_and_premiums(),
        ob.aca_credit,
        oa.lifetime_tax(),
        oa.payroll,
        oa.premiums,
        oa.lifetime_tax_and_premiums(),
        oa.aca_credit,
        ob.estate_real,
        oa.estate_real
    );
    let (pb, pa) = (&c.projections[blind], &c.projections[aware]);
    let years = marketplace_years(pa);
    assert!(!years.is_empty(), "G has Marketplace years");
    for &k in &years {
        let (b, a) = (&pb.rows[k], &pa.rows[k]);
        println!(
            "  {}: blind MAGI {} credit {} premium {}; aware MAGI {} credit {} premium {} \
             (line {})",
            a.year,
            b.aca_magi,
            b.aca_credit,
            b.marketplace_premium,
            a.aca_magi,
            a.aca_credit,
            a.marketplace_premium,
            a.aca_line
        );
        assert!(
            a.aca_magi <= a.aca_line,
            "{}: aware crosses the line",
            a.year
        );
    }
    assert!(oa.lifetime_tax_and_premiums() < ob.lifetime_tax_and_premiums());
    assert!(oa.aca_credit > ob.aca_credit);
    // The blind strategy does cross in the first year: the line costs it the credit.
    let first = &pb.rows[years[0]];
    assert!(first.aca_magi > first.aca_line && first.aca_credit == Decimal::ZERO);
}

#[test]
fn household_f_optimized_keeps_magi_under_the_cliff_while_the_credit_is_worth_keeping() {
    let plan = example("G.ron");
    let o = common::optimized(&plan, &Objective::Estate);
    let c = compare(&plan).unwrap();
    let blind = &c.outcomes[c.index_of(&convert(false)).unwrap()];
    println!(
        "G optimized: estate {} (blind conversion {}), tax + premiums {}, credit {}",
        o.outcome.estate_real,
        blind.estate_real,
        o.outcome.lifetime_tax_and_premiums(),
        o.outcome.aca_credit
    );
    let mut kept = 0;
    for &k in &marketplace_years(&o.projection) {
        let r = &o.projection.rows[k];
        println!(
            "  {}: MAGI {} line {} credit {} conversion {}",
            r.year, r.aca_magi, r.aca_line, r.aca_credit, r.conversion
        );
        if r.aca_magi <= r.aca_line {
            kept += 1;
        }
    }
    // Two people on the Marketplace for five years: the credit (about $20,000 a year) outweighs
    // what converting past the line could save.
    let both = marketplace_years(&o.projection)
        .into_iter()
        .filter(|&k| o.projection.rows[k].ages[0] < 65)
        .count();
    assert!(both >= 4);
    assert!(
        kept >= both,
        "kept under the line in {kept} of {both} years"
    );
    assert!(o.outcome.estate_real >= blind.estate_real);
}

#[test]
fn medicare_premiums_are_paid_from_the_medicare_age_and_a_later_age_means_no_irmaa() {
    let mut plan = example("B.ron");
    let c = compare(&plan).unwrap();
    let first = &c.projections[0].rows[0];
    // Both 65 in 2026: Part B $202.90 and Part D base $38.99 a month each.
    assert_eq!(first.medicare_premium, dec!(241.89) * dec!(24));
    for p in &mut plan.people {
        p.medicare_age = 130;
    }
    let c = compare(&plan).unwrap();
    for r in &c.projections[0].rows {
        assert_eq!(r.medicare_premium, Decimal::ZERO);
        assert_eq!(r.irmaa, Decimal::ZERO);
    }
}

#[test]
fn wages_pay_payroll_tax_and_the_worker_is_on_the_employers_plan() {
    let mut plan = example("G.ron");
    plan.income.wages.push(Wage {
        self_employed: false,
        person: 1,
        amount: dec!(50000),
        until_age: 60,
        deferral: Decimal::ZERO,
        roth_deferral: false,
    });
    let c = compare(&plan).unwrap();
    let r = &c.projections[0].rows[0];
    // 7.65% of $50,000; Blake (58) is on the employer's plan, Avery (60) on the Marketplace.
    assert_eq!(r.payroll_tax, dec!(3825.00));
    assert!(r.identity_gap().is_zero());
    let alone = example("G.ron");
    let c0 = compare(&alone).unwrap();
    assert!(
        r.marketplace_premium + r.aca_credit
            < c0.projections[0].rows[0].marketplace_premium + c0.projections[0].rows[0].aca_credit
    );
}

#[test]
fn coverage_round_trips_and_old_plans_get_the_defaults() {
    let plan = example("G.ron");
    let back = parse_plan(&plan_to_text(&plan), "memory").unwrap();
    assert_eq!(back, plan);
    assert!(matches!(
        plan.people[0].coverage,
        Coverage::Marketplace { at_age: 60, .. }
    ));
    let old = example("B.ron");
    assert!(
        old.people
            .iter()
            .all(|p| p.coverage == Coverage::Auto && p.medicare_age == 65)
    );
    let mut bad = plan.clone();
    bad.people[0].coverage = Coverage::Marketplace {
        benchmark: dec!(-1),
        at_age: 70,
    };
    bad.people[1].medicare_age = 60;
    let paths: Vec<String> = drawdown::plan::validate(&bad)
        .into_iter()
        .map(|i| i.path)
        .collect();
    for p in [
        "people[0].coverage.benchmark",
        "people[0].coverage.at_age",
        "people[1].medicare_age",
    ] {
        assert!(paths.iter().any(|x| x == p), "{p}: {paths:?}");
    }
}

/// One person of 57, retired, spending from a $500,000 tax-deferred account only.
fn early_drawer(account: &str) -> Plan {
    let text = format!(
        r#"(
    version: 1,
    name: "early",
    people: [(name: "Kim", birth_year: 1969, planning_age: 70, coverage: Employer)],
    filing: single,
    heirs_rate: 0.2,
    accounts: [{account}],
    spending: (annual: 30000),
    assumptions: (start_year: 2026, inflation: 0.02, returns: Constant(nominal: 0.05)),
    strategies: [Conventional],
)"#
    );
    parse_plan(&text, "early").unwrap()
}

#[test]
fn early_draws_bear_the_ten_percent_unless_the_age_55_rule_frees_them() {
    let ira = early_drawer(r#"Deferred(name: "IRA", owner: 0, balance: 500000)"#);
    let c = compare(&ira).unwrap();
    let rows = &c.projections[0].rows;
    // 57 in 2026: every dollar drawn bears 10% (Pub. 590-B); from the year of 60, none.
    assert_eq!(
        rows[0].early_withdrawal_tax,
        (rows[0].deferred_draw * dec!(0.1)).round_dp(2)
    );
    assert!(rows[0].early_withdrawal_tax > Decimal::ZERO);
    assert_eq!(rows[3].ages[0], 60);
    assert_eq!(rows[3].early_withdrawal_tax, Decimal::ZERO);
    for r in rows {
        assert!(r.identity_gap().is_zero(), "{}", r.year);
    }
    // The same money in the 401(k) of an employer left at 55: free of it.
    let plan = early_drawer(
        r#"Deferred(name: "401k", owner: 0, balance: 500000, employer_plan: true, separated_at_age: Some(55))"#,
    );
    let c = compare(&plan).unwrap();
    assert!(
        c.projections[0]
            .rows
            .iter()
            .all(|r| r.early_withdrawal_tax == Decimal::ZERO)
    );
    // Left at 54: the rule does not reach it.
    let plan = early_drawer(
        r#"Deferred(name: "401k", owner: 0, balance: 500000, employer_plan: true, separated_at_age: Some(54))"#,
    );
    let c = compare(&plan).unwrap();
    assert!(c.projections[0].rows[0].early_withdrawal_tax > Decimal::ZERO);
    println!(
        "IRA at 57: drew {} and paid {} of early-withdrawal tax",
        rows[0].deferred_draw, rows[0].early_withdrawal_tax
    );
}

#[test]
fn the_why_lines_name_the_aca_edge() {
    let plan = example("G.ron");
    let c = compare(&plan).unwrap();
    let p = &c.projections[c.index_of(&convert(true)).unwrap()];
    let whys = drawdown::report::why_projection(&plan, p).unwrap();
    let first = &whys[0];
    println!("{}", first.lines.join("\n"));
    let edge = first
        .lines
        .iter()
        .find(|l| l.contains("below the 400% line: one more dollar would cost"))
        .expect("a line names the ACA edge");
    // 2026: MAGI a dollar under $84,600; the credit then is the whole credit lost past it.
    let credit = drawdown::money::format_dollars(p.rows[0].aca_credit.round());
    assert!(edge.contains(&credit), "{edge} / {credit}");
    assert!(
        first
            .lines
            .iter()
            .any(|l| l.starts_with("Converted") && l.contains("below the 400% line"))
    );
}

fn fill(aca_aware: bool) -> StrategySpec {
    StrategySpec::BracketFill {
        bracket: dec!(0.12),
        taxable_income: None,
        aca_aware,
        draw_beyond_need: false,
    }
}

fn zero_gains(aca_aware: bool) -> StrategySpec {
    StrategySpec::ZeroGains {
        harvest: true,
        aca_aware,
    }
}

#[test]
fn bracket_fill_and_zero_gains_stop_below_the_aca_line_when_aware() {
    let mut plan = example("G.ron");
    plan.strategies = vec![fill(false), fill(true), zero_gains(false), zero_gains(true)];
    let c = compare(&plan).unwrap();
    for pair in [[0, 1], [2, 3]] {
        let (ob, oa) = (&c.outcomes[pair[0]], &c.outcomes[pair[1]]);
        let (pb, pa) = (&c.projections[pair[0]], &c.projections[pair[1]]);
        println!(
            "{}: tax + premiums {} (credit {}); {}: {} (credit {}); estates {} / {}",
            ob.strategy,
            ob.lifetime_tax_and_premiums(),
            ob.aca_credit,
            oa.strategy,
            oa.lifetime_tax_and_premiums(),
            oa.aca_credit,
            ob.estate_real,
            oa.estate_real
        );
        let years = marketplace_years(pa);
        let mut crossed = 0;
        for &k in &years {
            let (b, a) = (&pb.rows[k], &pa.rows[k]);
            println!(
                "  {}: blind MAGI {} credit {}; aware MAGI {} credit {} (line {})",
                a.year, b.aca_magi, b.aca_credit, a.aca_magi, a.aca_credit, a.aca_line
            );
            assert!(a.aca_magi <= a.aca_line, "{} {}", oa.strategy, a.year);
            if b.aca_magi > b.aca_line {
                crossed += 1;
            }
        }
        assert!(crossed > 0, "{} crosses the line somewhere", ob.strategy);
        assert!(oa.aca_credit > ob.aca_credit);
        assert!(oa.lifetime_tax_and_premiums() < ob.lifetime_tax_and_premiums());
    }
    assert_eq!(c.outcomes[0].strategy, "Fill 12%, past the ACA limit");
    // Old files' BracketFill(bracket: 0.12) is aware; the switch is written only when off.
    let text = plan_to_text(&plan);
    assert_eq!(text.matches("aca_aware").count(), 2, "{text}");
    assert_eq!(parse_plan(&text, "memory").unwrap(), plan);
}

#[test]
fn the_fill_why_lines_and_the_marginal_curve_show_the_aca_cliff() {
    let mut plan = example("G.ron");
    plan.strategies = vec![fill(true)];
    let c = compare(&plan).unwrap();
    let p = &c.projections[0];
    // The first year the fill stops at the line (2028: in 2026-27 the 10% keeps it off the
    // IRAs).
    let k = (0..p.rows.len())
        .find(|&k| {
            let r = &p.rows[k];
            r.deferred_draw > Decimal::ZERO
                && r.aca_line > r.aca_magi
                && r.aca_line - r.aca_magi < dec!(2)
        })
        .expect("a year at the line");
    let whys = drawdown::report::why_projection(&plan, p).unwrap();
    println!("{}", whys[k].lines.join("\n"));
    assert!(
        whys[k]
            .lines
            .iter()
            .any(|l| l.starts_with("Drew") && l.contains("below the 400% line: one more dollar"))
    );
    assert!(drawdown::report::explain(&p.rows[k]).contains("400% line"));
    // The curve of that year: a step of the whole credit a dollar on, where MAGI crosses the
    // line; the stretch after it keeps the tax rates of the one before.
    let inputs = drawdown::report::year_inputs(&plan).unwrap().remove(k);
    let r = &p.rows[k];
    let curve = drawdown::report::year_curve(r, &inputs, 300_000.0);
    let cliff = curve
        .iter()
        .position(|q| q.aca_step > 0.0)
        .expect("a Marketplace cliff on the curve");
    let at = curve[cliff].extra;
    let gap = (r.aca_line - r.aca_magi)
        .to_string()
        .parse::<f64>()
        .unwrap();
    println!(
        "cliff at +${at:.2}: premium up ${:.2} (credit {})",
        curve[cliff].aca_step, r.aca_credit
    );
    assert!((at - gap).abs() < 0.01, "{at} vs {gap}");
    let credit = r.aca_credit.to_string().parse::<f64>().unwrap();
    assert!((curve[cliff].aca_step - credit).abs() < 1.0);
    // Without Marketplace coverage there is none.
    let old = example("D.ron");
    let c = compare(&old).unwrap();
    let inputs = drawdown::report::year_inputs(&old).unwrap().remove(0);
    let curve = drawdown::report::year_curve(&c.projections[0].rows[0], &inputs, 300_000.0);
    assert!(curve.iter().all(|q| q.aca_step == 0.0));
}

/// The credit's family is the filers and their dependents (IRC 36B(d)(1)); the plan has no
/// dependents, but a head of household has one, the qualifying person (IRC 2(b)), so its 400%
/// line is a couple's, and a single filer's is one person's.
#[test]
fn a_head_of_household_counts_a_family_of_two_for_the_credit() {
    let lines = |filing: &str| {
        let mut plan = example("G.ron");
        plan.filing = drawdown::tax::Filing::parse(filing).unwrap();
        plan.strategies = vec![convert(true)];
        let c = compare(&plan).unwrap();
        let p = &c.projections[0];
        marketplace_years(p)
            .into_iter()
            .map(|k| (p.rows[k].year, p.rows[k].aca_line))
            .collect::<Vec<_>>()
    };
    let (mfj, hoh, single) = (lines("mfj"), lines("hoh"), lines("single"));
    assert!(mfj.len() >= 4, "{mfj:?}");
    assert_eq!(hoh, mfj);
    assert_eq!(single.len(), mfj.len());
    for ((year, one), (_, two)) in single.iter().zip(&mfj) {
        assert!(one < two, "{year}: {one} vs {two}");
    }
}

/// Household G with Blake on an employer's plan: only Avery (born 1966) is on the Marketplace.
fn avery_alone(birth_month: u32) -> Plan {
    let mut plan = example("G.ron");
    plan.people[1].coverage = Coverage::Employer;
    plan.people[0].birth_month = birth_month;
    plan
}

/// The first strategy's years of [`avery_alone`] born in January and born in July.
type Years = Vec<drawdown::engine::YearRow<Decimal>>;
fn born_in_january_and_july() -> (Years, Years) {
    let rows = |month| {
        compare(&avery_alone(month))
            .unwrap()
            .projections
            .remove(0)
            .rows
    };
    (rows(1), rows(7))
}

#[test]
fn the_year_of_65_splits_at_the_birth_month_between_the_marketplace_and_medicare() {
    let (rj, rl) = &born_in_january_and_july();
    // 2031, the year Avery turns 65.
    let k = 5;
    assert_eq!(rl[k].year, 2031);
    // Born in January: Medicare all year, no Marketplace.
    assert!(rj[k].medicare_premium > Decimal::ZERO);
    assert_eq!(rj[k].marketplace_premium + rj[k].aca_credit, Decimal::ZERO);
    // Born in July: Medicare premiums for July to December, half the year's.
    assert_eq!(rl[k].medicare_premium * dec!(2), rj[k].medicare_premium);
    // ... and the Marketplace for January to June: half a year of the benchmark at 64 and over
    // (the age curve is flat from 64), grown a year with prices from 2030's.
    let gross = |r: &drawdown::engine::YearRow<Decimal>| r.marketplace_premium + r.aca_credit;
    let expected = gross(&rl[k - 1]) * dec!(1.025) / dec!(2);
    println!(
        "2030 benchmark {}; 2031 born July: premium {} (credit {}, paid {}), expected {}",
        gross(&rl[k - 1]),
        gross(&rl[k]),
        rl[k].aca_credit,
        rl[k].marketplace_premium,
        expected
    );
    assert!((gross(&rl[k]) - expected).abs() <= dec!(0.01));
    assert!(rl[k].aca_credit <= gross(&rl[k]));
    // The years before and after are whole years either way.
    for j in [k - 1, k + 1] {
        assert_eq!(
            rl[j].medicare_premium, rj[j].medicare_premium,
            "{}",
            rl[j].year
        );
        assert_eq!(gross(&rl[j]), gross(&rj[j]), "{}", rl[j].year);
    }
}

#[test]
fn the_irmaa_surcharge_of_the_year_of_65_is_for_the_months_on_medicare() {
    // Household B: both 65 in 2026; a MAGI in 2024 far past the first tier.
    let mut plan = example("B.ron");
    plan.assumptions.prior_magi = Some(drawdown::plan::PriorMagi {
        two_years_before: dec!(400000),
        one_year_before: dec!(400000),
    });
    let c = compare(&plan).unwrap();
    let whole = c.projections[0].rows[0].irmaa;
    assert!(whole > Decimal::ZERO);
    plan.people[0].birth_month = 4;
    plan.people[1].birth_month = 10;
    let c = compare(&plan).unwrap();
    // April to December and October to December: 9 + 3 of the 24 months.
    assert_eq!(c.projections[0].rows[0].irmaa * dec!(2), whole);
}

#[test]
fn social_security_starts_in_the_birth_month_of_the_claiming_age() {
    let (rj, rl) = &born_in_january_and_july();
    // Avery claims at 67, in 2033; Blake not until 2035.
    let k = 7;
    assert_eq!(rl[k].year, 2033);
    assert_eq!(rj[k - 1].social_security, Decimal::ZERO);
    println!(
        "2033: born January {}, born July {}",
        rj[k].social_security, rl[k].social_security
    );
    assert!((rl[k].social_security * dec!(2) - rj[k].social_security).abs() <= dec!(0.02));
    assert_eq!(rl[k + 1].social_security, rj[k + 1].social_security);
}

#[test]
fn a_birth_month_outside_the_year_is_refused_by_name() {
    let mut plan = example("G.ron");
    plan.people[1].birth_month = 13;
    let issues = drawdown::plan::validate(&plan);
    assert!(
        issues
            .iter()
            .any(|i| i.path == "people[1].birth_month" && i.message.contains("not a month")),
        "{issues:?}"
    );
    // A plan that gives no month reads as January, and writes none back.
    let text = plan_to_text(&example("G.ron"));
    assert!(!text.contains("birth_month"));
    plan.people[1].birth_month = 7;
    let text = plan_to_text(&plan);
    assert!(text.contains("birth_month: 7"));
    assert_eq!(parse_plan(&text, "memory").unwrap(), plan);
}
