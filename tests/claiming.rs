//! Claiming ages compared: the one-earner example, and `drawdown report --claiming`.

use drawdown::claiming::{Measure, compare_claiming};
use drawdown::plan::example_plan;
use rust_decimal::Decimal;
use std::process::Command;
use std::sync::atomic::AtomicBool;

/// Household F: the earner claiming at 70 beats claiming at 62 on the expected after-tax estate
/// at the last death (the survivor keeps the earner's larger benefit through a long
/// widowhood), and no early claim is the best cell.
#[test]
fn one_earner_delaying_to_70_beats_62_on_the_weighted_estate() {
    let plan = example_plan("F.ron").unwrap().unwrap();
    let mut calls = 0;
    let grid = compare_claiming(&plan, &AtomicBool::new(false), &mut |_| calls += 1).unwrap();
    assert_eq!(calls, 81);
    assert_eq!(grid.done(), 81);
    let robin = grid.cols.iter().position(|a| *a == 67).unwrap();
    let at = |age: u32| {
        let r = grid.rows.iter().position(|a| *a == age).unwrap();
        grid.cell(r, robin)
            .unwrap()
            .best(Measure::WeightedEstate)
            .unwrap()
            .clone()
    };
    let (early, late) = (at(62), at(70));
    println!(
        "Jordan at 62: weighted estate ${} ({}), expected benefits ${}, tax a year ${:?} / ${:?}",
        early.weighted_estate_real,
        early.strategy,
        early.expected_benefits_real,
        early.tax_a_year_both,
        early.tax_a_year_survivor
    );
    println!(
        "Jordan at 70: weighted estate ${} ({}), expected benefits ${}, tax a year ${:?} / ${:?}",
        late.weighted_estate_real,
        late.strategy,
        late.expected_benefits_real,
        late.tax_a_year_both,
        late.tax_a_year_survivor
    );
    assert!(late.weighted_estate_real > early.weighted_estate_real + Decimal::from(50_000));
    assert!(late.expected_benefits_real > early.expected_benefits_real);
    let (best_row, _) = grid.best(Measure::WeightedEstate).unwrap();
    println!("best: Jordan at {}", grid.rows[best_row]);
    assert!(grid.rows[best_row] >= 67);
    // the plan's own choice (62 and 67) is outlined
    assert_eq!(grid.current, Some((0, robin)));
}

fn report(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_drawdown"))
        .args(["report", "saves/F.ron", "--claiming"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn report_claiming_prints_the_grid_in_every_format() {
    let text = report(&[]);
    assert!(text.contains("Jordan \\ Robin"), "{text}");
    assert!(text.contains(" *"), "{text}");
    assert!(text.contains("Tax a year after the first death"), "{text}");
    let csv = report(&["--format", "csv", "--measure", "lasts"]);
    assert_eq!(csv.lines().count(), 10, "{csv}");
    assert!(csv.lines().nth(1).unwrap().starts_with("62,1,"), "{csv}");
    let json = report(&["--format", "json", "--measure", "estate"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v.is_object() || v.is_array());
    let md = report(&["--format", "md"]);
    assert!(md.contains("| 70 |"), "{md}");
    // a plan without Social Security is refused, saying why
    let out = Command::new(env!("CARGO_BIN_EXE_drawdown"))
        .args(["report", "saves/E1.ron", "--claiming"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("income.social_security"), "{err}");
    // The step: 12 months is the year grid; a step that is not 1 to 12 months is refused.
    assert_eq!(report(&["--claiming-step", "12"]), text);
    assert_eq!(report(&["--claiming-step", "years"]), text);
    let out = Command::new(env!("CARGO_BIN_EXE_drawdown"))
        .args([
            "report",
            "saves/F.ron",
            "--claiming",
            "--claiming-step",
            "13",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("--claiming-step") && err.contains("1 to 12"),
        "{err}"
    );
}

/// The machine formats keep what the text marks with `*` and `[ ]` and the summary below the
/// grid: they were dropped.
#[test]
fn csv_and_json_mark_the_best_cell_and_the_plan_s_own() {
    let csv = report(&["--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 10, "{csv}");
    assert!(lines[0].ends_with(",70,best,plan's own"), "{csv}");
    // One rectangular table: every line as wide as the header.
    let width = lines[0].split(',').count();
    assert!(lines.iter().all(|l| l.split(',').count() == width), "{csv}");
    // The plan's own ages: Jordan at 62 (the first row), Robin at 67.
    assert!(
        lines[1].starts_with("62,") && lines[1].ends_with(",67"),
        "{csv}"
    );
    let best: Vec<&&str> = lines[1..].iter().filter(|l| !l.ends_with(",,")).collect();
    assert!(
        best.iter().filter(|l| !l.starts_with("62,")).count() == 1,
        "one best cell, outside Jordan's 62: {csv}"
    );

    let json = report(&["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        v["plans_own_cell"],
        serde_json::json!({"row": "62", "column": "67"})
    );
    let best_row: u32 = v["best_cell"]["row"].as_str().unwrap().parse().unwrap();
    assert!(best_row >= 67, "{}", v["best_cell"]);
    let summary = v["summary"].as_array().unwrap();
    let ages = summary.iter().find(|r| r[""] == "Claiming ages").unwrap();
    assert_eq!(ages["Plan's own"], "Jordan 62, Robin 67", "{ages}");
    assert!(
        summary
            .iter()
            .any(|r| r[""] == "Tax a year after the first death" && r["Best"].is_number()),
        "{json}"
    );
}

/// The widow's penalty in words, in the first survivor year only (the inspector shows it).
#[test]
fn the_first_survivor_year_says_what_changed() {
    let plan = drawdown::plan::demo_plan();
    let c = drawdown::compare::compare(&plan).unwrap();
    let p = &c.projections[0];
    let names = vec!["Dana".to_string(), "Lee".to_string()];
    let notes: Vec<(i32, String)> = (0..p.rows.len())
        .filter_map(|k| {
            drawdown::report::survivor::survivor_note(p, k, &names).map(|n| (p.rows[k].year, n))
        })
        .collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    let (year, note) = &notes[0];
    println!("{year}: {note}");
    assert_eq!(*year, 2052); // Dana plans to 90: the year after 2051
    assert!(
        note.contains("Dana's death") && note.contains("Lee files single"),
        "{note}"
    );
}

/// One person claiming by the month: 97 claiming ages, the plan's own month outlined exactly,
/// and each whole-year age giving the year grid's figures to the cent.
#[test]
fn a_grid_by_month_has_every_month_and_agrees_with_the_year_grid() {
    use drawdown::claiming::{ClaimStep, compare_claiming_by};
    use drawdown::plan::SocialSecurity;
    let mut plan = example_plan("E1.ron").unwrap().unwrap();
    plan.income.social_security.push(SocialSecurity {
        person: 0,
        fra_benefit: Decimal::from(30_000),
        claim_age: 66,
        claim_months: 5,
    });
    let cancel = AtomicBool::new(false);
    let months = compare_claiming_by(&plan, ClaimStep::MONTHS, &cancel, &mut |_| {}).unwrap();
    let years = compare_claiming(&plan, &cancel, &mut |_| {}).unwrap();
    assert_eq!(
        (months.rows.len(), months.width(), months.done()),
        (97, 1, 97)
    );
    let own = months.current.unwrap().0;
    assert_eq!(months.rows[own].to_string(), "66y5m");
    // The year grid outlines the year at or before the plan's own claim.
    assert_eq!(years.rows[years.current.unwrap().0].to_string(), "66");
    for (r, age) in years.rows.iter().enumerate() {
        let m = months.rows.iter().position(|a| a == age).unwrap();
        assert_eq!(months.cell(m, 0), years.cell(r, 0), "{age}");
    }
    // A month later claims a larger benefit: more Social Security in every strategy (the
    // expected benefits rise month by month up to full retirement age at least).
    let benefits = |r: usize| months.cell(r, 0).unwrap().strategies[0].expected_benefits_real;
    let fra = months.rows.iter().position(|a| *a == 67).unwrap();
    assert!((1..=fra).all(|r| benefits(r) != benefits(r - 1)));
}

/// Spending capacity is what the spending search finds: in a cell, the best strategy on it
/// sustains exactly the capacity (the highest whole dollar whose money lasts to the planning
/// ages) and no other strategy sustains more; and a household with larger benefits can spend
/// more at the same claiming ages.
#[test]
fn spending_capacity_is_the_highest_spending_that_lasts() {
    use drawdown::claiming::{ClaimOptions, compare_claiming_with, with_claims};
    use drawdown::optimize::sustainable_spending;
    let plan = example_plan("F.ron").unwrap().unwrap();
    let cancel = AtomicBool::new(false);
    let options = ClaimOptions {
        capacity: true,
        ..ClaimOptions::default()
    };
    let grid = compare_claiming_with(&plan, options, &cancel, &mut |_| {}).unwrap();
    // Without asking, no cell searches it.
    let plain = compare_claiming(&plan, &cancel, &mut |_| {}).unwrap();
    assert!(!plain.capacity && grid.capacity);
    assert!(
        plain
            .cells
            .iter()
            .flatten()
            .all(|c| c.strategies.iter().all(|s| s.spending_capacity.is_none()))
    );
    let capacity = |g: &drawdown::claiming::ClaimingGrid, r: usize, c: usize| {
        let cell = g.cell(r, c).unwrap();
        let best = cell.best(Measure::Capacity).unwrap();
        (best.strategy.clone(), best.spending_capacity.unwrap())
    };
    let (r0, c0) = grid.current.unwrap();
    let (rb, cb) = grid.best(Measure::Capacity).unwrap();
    for (r, c) in [(r0, c0), (rb, cb)] {
        let cell = grid.cell(r, c).unwrap();
        let (name, cap) = capacity(&grid, r, c);
        let p = with_claims(&plan, cell.ages);
        let specs = drawdown::compare::compare(&p).unwrap().specs;
        let mut each = Vec::new();
        for (spec, s) in specs.iter().zip(&cell.strategies) {
            let (found, _, o) = sustainable_spending(&p, spec, Decimal::ZERO).unwrap();
            assert!(o.lasts_to_horizon);
            each.push((s.strategy.clone(), found));
        }
        println!(
            "{:?}: capacity ${cap} ({name}); each strategy {each:?}",
            cell.ages
        );
        let top = each.iter().map(|(_, s)| *s).max().unwrap();
        assert_eq!(cap, top, "{each:?}");
        assert_eq!(each.iter().find(|(n, _)| *n == name).unwrap().1, cap);
        assert!(cap > Decimal::from(50_000) && cap < Decimal::from(150_000));
    }
    // The best cell beats the plan's own (Jordan at 62): the capacity is not flat.
    assert!(capacity(&grid, rb, cb).1 > capacity(&grid, r0, c0).1 + Decimal::from(1_000));

    // Jordan's full benefit a fifth larger: more to spend in every cell.
    let mut richer = plan.clone();
    richer.income.social_security[0].fra_benefit = Decimal::from(43_200);
    let more = compare_claiming_with(&richer, options, &cancel, &mut |_| {}).unwrap();
    for r in 0..grid.rows.len() {
        for c in 0..grid.width() {
            assert!(
                capacity(&more, r, c).1 > capacity(&grid, r, c).1,
                "{} / {}",
                grid.rows[r],
                grid.cols[c]
            );
        }
    }
}

/// The widow's penalty in the comparison: a couple's tax a year while both live and after the
/// first death add up to the ledger's lifetime tax, year for year; one person gets no such rows.
#[test]
fn the_comparison_splits_tax_before_and_after_the_first_death() {
    use drawdown::report::comparison_metrics;
    let plan = drawdown::plan::demo_plan();
    let c = drawdown::compare::compare(&plan).unwrap();
    for (p, o) in c.projections.iter().zip(&c.outcomes) {
        let t = o
            .survivor_tax
            .as_ref()
            .expect("Dana dies first, in the plan");
        let alone = p
            .rows
            .iter()
            .filter(|r| r.alive.iter().filter(|a| **a).count() == 1);
        assert_eq!(t.survivor_years as usize, alone.count());
        assert_eq!((t.both_years + t.survivor_years) as usize, p.rows.len());
        // Dana plans to 90 (2051): Lee's years alone are 2052 on.
        let first = p.rows.iter().position(|r| !r.alive[0]).unwrap();
        assert_eq!(p.rows[first].year, 2052);
        assert_eq!(t.both_years as usize, first);
        let ledger: Decimal = p.rows[first..]
            .iter()
            .map(|r| (r.federal_tax + r.state_tax + r.irmaa) / r.price_level)
            .sum();
        let years = Decimal::from(t.survivor_years);
        assert!((t.survivor * years - ledger).abs() <= years / Decimal::from(100));
        let total = t.both * Decimal::from(t.both_years) + t.survivor * years;
        let lifetime = o.lifetime_tax_real();
        assert!(
            (total - lifetime).abs() <= Decimal::ONE,
            "{total} {lifetime}"
        );
        println!(
            "{}: ${} a year both alive, ${} a year for the survivor",
            o.strategy, t.both, t.survivor
        );
    }
    let rows = comparison_metrics(&c.outcomes, &|d| d.to_string());
    let labels: Vec<&str> = rows.iter().map(|m| m.label.as_str()).collect();
    let at = labels
        .iter()
        .position(|l| *l == "Lifetime tax, all")
        .unwrap();
    assert_eq!(
        labels[at + 1..at + 3],
        ["Tax a year, both alive", "Tax a year, survivor"]
    );
    // One person: no survivor, no rows.
    let single = example_plan("E1.ron").unwrap().unwrap();
    let c = drawdown::compare::compare(&single).unwrap();
    assert!(c.outcomes.iter().all(|o| o.survivor_tax.is_none()));
    let rows = comparison_metrics(&c.outcomes, &|d| d.to_string());
    assert!(rows.iter().all(|m| !m.label.starts_with("Tax a year")));
}

/// A couple's month grid: 97 × 97 cells, each whole-year cell the year grid's own, so its best
/// cell is at least as good as the year grid's (a short plan with one strategy keeps the 9,409
/// cells quick).
#[test]
fn a_couples_month_grid_has_9409_cells_and_beats_or_ties_the_year_grid() {
    use drawdown::claiming::{ClaimStep, compare_claiming_by};
    use drawdown::strategy::StrategySpec;
    let mut plan = example_plan("F.ron").unwrap().unwrap();
    plan.people[0].planning_age = 74;
    plan.people[1].planning_age = 76;
    plan.strategies = vec![StrategySpec::Proportional];
    let cancel = AtomicBool::new(false);
    let years = compare_claiming(&plan, &cancel, &mut |_| {}).unwrap();
    let months = compare_claiming_by(&plan, ClaimStep::MONTHS, &cancel, &mut |_| {}).unwrap();
    assert_eq!((months.rows.len(), months.cols.len()), (97, 97));
    assert_eq!(months.done(), 9409);
    for (r, c) in (0..81).map(|i| (i / 9, i % 9)) {
        assert_eq!(months.cell(r * 12, c * 12), years.cell(r, c));
    }
    for m in Measure::ALL {
        let value = |g: &drawdown::claiming::ClaimingGrid| {
            let (r, c) = g.best(m).unwrap();
            g.cell(r, c).unwrap().best(m).unwrap().value(m)
        };
        let (y, mo) = (value(&years), value(&months));
        println!("{}: year grid {y}, month grid {mo}", m.key());
        assert!(mo >= y);
    }
    let (r, c) = months.best(Measure::WeightedEstate).unwrap();
    println!("best by the month: {} / {}", months.rows[r], months.cols[c]);
}
