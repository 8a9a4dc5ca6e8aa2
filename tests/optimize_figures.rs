//! The optimizer's figures on every example: the best named strategy, Optimized, the margin,
//! the projections run and the time. `cargo test --release --test optimize_figures -- --nocapture
//! --ignored` prints them (the README's table comes from here); the time is wall-clock, so it is
//! only a figure on an idle machine. The second test audits the search on random households.

mod common;

use drawdown::compare::compare;
use drawdown::engine::{ReturnPath, Scenario, outcome, project};
use drawdown::optimize::{Objective, Schedule, YearPlan};
use drawdown::plan::{EXAMPLES, Plan, parse_plan, validate};
use drawdown::strategy::{ScheduleRow, StrategySpec};
use rust_decimal::Decimal;
use std::time::Instant;

#[test]
#[ignore = "prints figures; run with --release --ignored --nocapture"]
fn figures_on_every_example() {
    println!(
        "{:<8} {:<28} {:>14} {:>14} {:>10} {:>7} {:>9}",
        "example", "best named", "named estate", "optimized", "margin", "evals", "ms"
    );
    let couple = include_str!("data/four_million_couple.ron");
    for (name, text) in EXAMPLES.iter().chain([&("4m couple", couple)]) {
        let mut plan = parse_plan(text, name).unwrap();
        plan.strategies.retain(|s| !s.is_optimized());
        plan.strategies.push(StrategySpec::Optimized {
            objective: Objective::Estate,
        });
        let t = Instant::now();
        let o = common::optimized(&plan, &Objective::Estate);
        let ms = t.elapsed().as_secs_f64() * 1e3;
        println!(
            "{:<8} {:<28} {:>14.2} {:>14.2} {:>10.2} {:>7} {:>9.1}",
            name,
            o.best_named.0,
            o.best_named.1,
            o.value,
            o.value - o.best_named.1,
            o.evaluations,
            ms
        );
        for st in &o.stages {
            println!(
                "    {:<32} {:>7} projections  estate {:>14.2}",
                st.name, st.evaluations, st.estate
            );
        }
        if name.contains("couple") {
            for r in o.projection.rows.iter().take(6) {
                println!(
                    "  {} convert {} rmd {} deferred {} taxable {} roth {}",
                    r.year, r.conversion, r.rmd, r.deferred_draw, r.taxable_sale, r.roth_draw
                );
            }
        }
    }
}

/// SplitMix64: a fixed generator, so household `i` of the audit is the same on every build.
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.next() as usize % xs.len()]
    }
}

/// Household `i` of the audit, as plan text: singles and couples of 55–75 with $0.2m–$5m
/// (log-uniform), in a state without income tax or in CA, NY, MA or GA, the Marketplace before
/// 65 (the default coverage), a quarter listing only three strategies.
fn audit_household(i: u64, wide: bool) -> (String, String) {
    let mut r = Mix(0xA0D1_7000 + i);
    // The wide households draw from a generator of their own, so the default ones stay the same.
    let mut w = Mix(0x5EED_0000 + i);
    let couple = r.unit() < 0.6;
    let age0 = r.range(55, 75);
    let age1 = (age0 + r.range(-5, 5)).clamp(55, 78);
    let ages: Vec<i64> = if couple { vec![age0, age1] } else { vec![age0] };
    let wealth = (0.2e6f64.ln() + r.unit() * (5.0e6f64 / 0.2e6).ln()).exp();
    let deferred = wealth * (0.3 + 0.5 * r.unit());
    let roth = wealth * 0.2 * r.unit();
    let cash = wealth * (0.02 + 0.03 * r.unit());
    let taxable = (wealth - deferred - roth - cash).max(0.0);
    let basis = taxable * (0.3 + 0.6 * r.unit());
    let mut state = *r.pick(&["FL", "TX", "CA", "NY", "MA", "GA", "FL"]);
    if wide && w.unit() < 0.5 {
        state = *w.pick(&["PA", "IL", "NJ", "OR", "AZ", "NC", "MN", "CO", "VA", "WI"]);
    }
    let heirs = *r.pick(&[0.12, 0.22, 0.24, 0.32, 0.37]);
    let nominal = 0.045 + 0.025 * r.unit();
    let mut people = String::new();
    let mut ss = String::new();
    let mut accounts = String::new();
    let mut benefits = 0.0;
    let mut pensions = String::new();
    for (p, age) in ages.iter().enumerate() {
        if wide && w.unit() < 0.35 {
            let amount = (w.range(5, 45) * 1000) as f64;
            let start = (*age).max(w.range(60, 67));
            let cola = *w.pick(&[0.0, 0.0, 0.02]);
            benefits += amount;
            pensions += &format!(
                "(person: {p}, amount: {amount}, start_age: {start}, cola: {cola}, survivor_share: 0.5),"
            );
        }
        let planning = r.range(85, 97).max(age + 10);
        people += &format!(
            "(name: \"P{p}\", birth_year: {}, planning_age: {planning}),",
            2026 - age
        );
        let fra = (r.range(0, 40) * 1000) as f64;
        let claim = if *age >= 70 {
            70
        } else {
            r.range(*age.max(&62), 70)
        };
        benefits += fra;
        ss += &format!("(person: {p}, fra_benefit: {fra}, claim_age: {claim}, claim_months: 0),");
        let share = if couple && p == 0 {
            0.6
        } else if couple {
            0.4
        } else {
            1.0
        };
        accounts += &format!(
            "Deferred(name: \"IRA{p}\", owner: {p}, balance: {:.0}, stock_share: 0.7),",
            deferred * share
        );
    }
    accounts += &format!("Roth(name: \"Roth0\", owner: 0, balance: {roth:.0}, stock_share: 0.7),");
    accounts += &format!(
        "Taxable(name: \"Brokerage\", balance: {taxable:.0}, cost_basis: {basis:.0}, \
         dividend_yield: 0.015, qualified_share: 0.9, stock_share: 0.7),"
    );
    accounts += &format!("Cash(name: \"Cash\", balance: {cash:.0}),");
    let spending = (benefits * 0.8 + wealth * (0.02 + 0.025 * r.unit())).round();
    let strategies = if r.unit() < 0.25 {
        "Conventional, BracketFill(bracket: 0.12), Optimized(objective: Estate)".to_string()
    } else {
        "Conventional, DeferredFirst, RothBeforeDeferred, Proportional, BracketFill(bracket: \
         0.12), RothConversion(bracket: 0.12, irmaa_aware: true, aca_aware: true, stop_at_rmd: \
         false), ZeroGains(harvest: true), HeirAware, Optimized(objective: Estate)"
            .to_string()
    };
    let label = format!(
        "{} {ages:?} ${:.2}m {state} heirs {heirs} spend {spending}{}",
        if couple { "couple" } else { "single" },
        wealth / 1e6,
        if pensions.is_empty() { "" } else { " pension" }
    );
    let filing = if couple { "mfj" } else { "single" };
    let text = format!(
        "(version: 1, name: \"audit {i}\", people: [{people}], filing: {filing}, \
         state: Resident(code: \"{state}\"), heirs_rate: {heirs}, accounts: [{accounts}], \
         income: (social_security: [{ss}], pensions: [{pensions}]), spending: (annual: {spending}, survivor_share: 0.8), \
         assumptions: (start_year: 2026, inflation: 0.025, returns: Constant(nominal: {nominal:.4}), \
         tax_law: CurrentLaw), strategies: [{strategies}])"
    );
    (label, text)
}

/// A schedule row of `year` with these amounts (nominal dollars of that year).
fn row(
    year: i32,
    conversion: Decimal,
    deferred: Decimal,
    taxable: Decimal,
    roth: Decimal,
    cash: Decimal,
) -> ScheduleRow {
    ScheduleRow {
        year,
        roth_conversion: conversion.max(Decimal::ZERO).round_dp(2),
        deferred: deferred.max(Decimal::ZERO).round_dp(2),
        taxable: taxable.max(Decimal::ZERO).round_dp(2),
        roth: roth.max(Decimal::ZERO).round_dp(2),
        cash: cash.max(Decimal::ZERO).round_dp(2),
    }
}

/// Schedules an advisor or another tool could enter (drawdown's Schedule strategy, draws left
/// to its fallback order): the answer's conversions, shifted by up to five years; constant
/// conversions in today's dollars; every default strategy's realized conversions.
fn entered_schedules(
    plan: &Plan,
    o: &drawdown::optimize::Optimized,
) -> Vec<(String, Vec<ScheduleRow>)> {
    let rows = &o.projection.rows;
    let z = Decimal::ZERO;
    let conversions = |c: &dyn Fn(usize) -> Decimal| -> Vec<ScheduleRow> {
        rows.iter()
            .enumerate()
            .map(|(k, r)| row(r.year, c(k), z, z, z, z))
            .collect()
    };
    let mut out: Vec<(String, Vec<ScheduleRow>)> = Vec::new();
    for shift in [-5i64, -3, -2, -1, 0, 1, 2, 3, 5] {
        let from = |k: usize| {
            usize::try_from(k as i64 - shift)
                .ok()
                .and_then(|f| rows.get(f))
        };
        out.push((
            format!("conversions shifted {shift:+}, fallback draws"),
            conversions(&|k| from(k).map_or(z, |r| r.conversion)),
        ));
    }
    let inflation = Decimal::ONE + plan.assumptions.inflation;
    for amount in [
        10_000, 20_000, 40_000, 60_000, 80_000, 120_000, 160_000, 240_000, 320_000,
    ] {
        for years in [1usize, 2, 3, 5, 8, 10, 15, 20] {
            let mut price = Decimal::ONE;
            let mut sched = Vec::new();
            for r in rows.iter().take(years) {
                sched.push(row(r.year, Decimal::from(amount) * price, z, z, z, z));
                price *= inflation;
            }
            out.push((
                format!("convert {amount} today's $ for {years} years"),
                sched,
            ));
        }
    }
    let mut all = plan.clone();
    all.strategies = StrategySpec::defaults();
    let named = compare(&all).unwrap();
    for p in &named.projections {
        if p.rows.iter().any(|r| !r.conversion.is_zero()) {
            out.push((
                format!("{}'s conversions", p.strategy),
                p.rows
                    .iter()
                    .map(|r| row(r.year, r.conversion, z, z, z, z))
                    .collect(),
            ));
        }
    }
    out
}

/// Moves one year of a schedule by an amount.
type MoveYear = fn(&mut YearPlan, f64);

/// The answer's own schedule moved: its conversions scaled, tax-deferred money drawn beyond the
/// need, and one lever of one of its first ten years moved by $5,000 or $25,000 (conversion,
/// tax-deferred draw, the two together; the harvest given up).
fn moved_answers(o: &drawdown::optimize::Optimized) -> Vec<(String, Schedule)> {
    let base = &o.schedule;
    let mut out = Vec::new();
    for scale in [0.7, 0.85, 0.95, 1.05, 1.15, 1.3] {
        let mut s = base.clone();
        s.years.iter_mut().for_each(|y| y.convert *= scale);
        out.push((format!("conversions x{scale}"), s));
    }
    // Tax-deferred money drawn beyond the need (the rest reinvested in taxable), as an LP
    // optimizer may schedule it: in the first years, and one year at a time.
    for (amount, years) in [(10_000.0, 5), (20_000.0, 5), (20_000.0, 10), (40_000.0, 10)] {
        let mut s = base.clone();
        s.years
            .iter_mut()
            .take(years)
            .for_each(|y| y.fixed += amount);
        out.push((format!("{amount} more drawn for {years} years"), s));
    }
    for k in 0..base.years.len().min(10) {
        for amount in [10_000.0, 25_000.0] {
            let mut s = base.clone();
            s.years[k].fixed += amount;
            out.push((format!("year {k} {amount} more drawn"), s));
        }
        let mut s = base.clone();
        s.years[k].harvest = 0.0;
        if s != *base {
            out.push((format!("year {k} no harvest"), s));
        }
        for delta in [-25_000.0, -5_000.0, 5_000.0, 25_000.0] {
            let moves: [(&str, MoveYear); 3] = [
                ("conversion", |y, d| y.convert = (y.convert + d).max(0.0)),
                ("deferred", |y, d| y.deferred = (y.deferred + d).max(0.0)),
                ("both", |y, d| {
                    y.convert = (y.convert + d).max(0.0);
                    y.deferred = (y.deferred + d).max(0.0);
                }),
            ];
            for (lever, apply) in moves {
                let mut s = base.clone();
                apply(&mut s.years[k], delta);
                if s != *base {
                    out.push((format!("year {k} {lever} {delta:+}"), s));
                }
            }
        }
    }
    out
}

/// The audit: for random households, the search's answer against schedules it never saw,
/// scored by the exact books. `AUDIT_N` households (60), from `AUDIT_FROM` (0); one line each,
/// tab-separated, on standard output: the answer, the best other schedule and the gap (when it
/// beats the answer). `AUDIT_WIDE` adds pensions (a third of the people) and ten more states
/// (half the households), the default households unchanged. `AUDIT_SHOW=i` prints household
/// `i`'s plan, its search's stages, the answer's years and those of every other schedule that
/// beats it by more than $500. Kept in the project so that every session audits the same
/// households (`cargo test --release --test optimize_figures audit -- --ignored --nocapture`).
#[test]
#[ignore = "an audit of the search; run with --release --ignored --nocapture"]
fn audit_against_schedules_the_search_never_saw() {
    let n: u64 = std::env::var("AUDIT_N")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let from: u64 = std::env::var("AUDIT_FROM")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let wide = std::env::var("AUDIT_WIDE").is_ok();
    println!("i\thousehold\toptimized\tlasting\tbest other\tits estate\tgap\tevals\tms");
    let (mut beaten, mut over10k, mut total) = (0, 0, Decimal::ZERO);
    for i in from..from + n {
        let (label, text) = audit_household(i, wide);
        let plan = parse_plan(&text, "audit").unwrap_or_else(|e| panic!("{label}: {e}"));
        assert!(validate(&plan).is_empty(), "{label}: {:?}", validate(&plan));
        let t = Instant::now();
        let o = common::optimized(&plan, &Objective::Estate);
        let ms = t.elapsed().as_secs_f64() * 1e3;
        let schedules = entered_schedules(&plan, &o);
        // A plan compares at most 40 strategies: the schedules are scored in groups.
        let mut outcomes = Vec::new();
        let mut entered = Vec::new();
        for group in schedules.chunks(40) {
            let mut trial = plan.clone();
            trial.strategies = group
                .iter()
                .map(|(name, rows)| StrategySpec::Schedule { rows: rows.clone() }.with_label(name))
                .collect();
            let c = compare(&trial).unwrap();
            outcomes.extend(c.outcomes);
            entered.extend(c.projections);
        }
        let exact = Scenario::<Decimal>::build(&plan, &ReturnPath::constant(&plan)).unwrap();
        let quick = exact.to_f64();
        let replay = outcome(&project(&exact, &quick, &o.schedule), &exact.estate_ages);
        let drift = replay.estate_real - o.value;
        let show = std::env::var("AUDIT_SHOW").is_ok_and(|v| v == i.to_string());
        let print = |name: &str, p: &drawdown::engine::Projection<Decimal>| {
            println!("  {name}");
            for r in &p.rows {
                println!(
                    "    {} convert {:>10.0} harvest {:>8.0} rmd {:>8.0} deferred {:>9.0} fixed {:>8.0} taxable {:>9.0} roth {:>8.0} cash {:>8.0} fed {:>8.0} state {:>7.0} prem {:>7.0} magi {:>7.0} line {:>7.0} credit {:>7.0}",
                    r.year,
                    r.conversion,
                    r.harvested_gain,
                    r.rmd,
                    r.deferred_draw,
                    r.fixed_deferred,
                    r.taxable_sale,
                    r.roth_draw,
                    r.cash_draw,
                    r.federal_tax,
                    r.state_tax,
                    r.marketplace_premium,
                    r.aca_magi,
                    r.aca_line,
                    r.aca_credit
                );
            }
        };
        if show {
            println!("{label}\n{text}");
            for st in &o.stages {
                println!(
                    "  stage {:<56} {:>7} {:>14.2}",
                    st.name, st.evaluations, st.estate
                );
            }
            print("answer", &o.projection);
            for (out, p) in outcomes.iter().zip(&entered) {
                if out.estate_real > o.value + Decimal::from(500) {
                    print(&format!("{}: {:.0}", out.strategy, out.estate_real), p);
                }
            }
        }
        for (name, s) in moved_answers(&o) {
            let p = project(&exact, &quick, &s);
            let mut moved = outcome(&p, &exact.estate_ages);
            if show && moved.estate_real > o.value + Decimal::from(500) {
                print(&format!("{name}: {:.0}", moved.estate_real), &p);
            }
            moved.strategy = name;
            outcomes.push(moved);
        }
        let best = outcomes
            .iter()
            .max_by(|a, b| (a.years_lasting, a.estate_real).cmp(&(b.years_lasting, b.estate_real)))
            .unwrap();
        let gap = if best.years_lasting > o.outcome.years_lasting {
            best.estate_real.max(Decimal::ONE)
        } else if best.years_lasting == o.outcome.years_lasting {
            best.estate_real - o.value
        } else {
            Decimal::ZERO
        };
        if gap > Decimal::ONE {
            beaten += 1;
            total += gap;
            if gap > Decimal::from(10_000) {
                over10k += 1;
            }
        }
        println!(
            "{i}\t{label}\t{:.0}\t{}\t{}\t{:.0}\t{:.0}\t{}\t{ms:.0}{}",
            o.value,
            o.outcome.years_lasting,
            best.strategy,
            best.estate_real,
            gap.max(Decimal::ZERO),
            o.evaluations,
            if drift.abs() > Decimal::ONE {
                format!("\treplay drifts {drift:.2}")
            } else {
                String::new()
            }
        );
    }
    println!(
        "beaten on {beaten} of {n} households (by more than $10,000 on {over10k}), ${total:.0} in all"
    );
}
