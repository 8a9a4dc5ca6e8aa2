//! The optimized strategy on every example: never worse than a named strategy on its objective,
//! the same answer on every run, and a search that stops when asked.

mod common;

use drawdown::compare::{compare, compare_with};
use drawdown::optimize::{
    Budget, Objective, OptimizeError, Optimized, OptimizerProgress, OptimizerUpdate, at_least,
    optimize, optimize_progressive, optimize_within, spawn, sustainable_spending,
};
use drawdown::plan::{EXAMPLES, Plan, parse_plan};
use drawdown::strategy::{ScheduleRow, StrategySpec};
use rust_decimal::Decimal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

fn example(name: &str) -> Plan {
    let (_, text) = EXAMPLES
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("{name} is not an example"));
    parse_plan(text, name).unwrap()
}

#[test]
fn optimized_is_at_least_every_named_strategy_on_every_example() {
    for (name, text) in EXAMPLES {
        let mut plan = parse_plan(text, name).unwrap();
        if !plan.strategies.iter().any(|s| s.is_optimized()) {
            plan.strategies.push(StrategySpec::Optimized {
                objective: Objective::Estate,
            });
        }
        let o = common::optimized(&plan, &Objective::Estate);
        let named = compare(&plan).unwrap();
        assert_eq!(named.outcomes.len(), plan.strategies.len() - 1, "{name}");
        for other in &named.outcomes {
            assert!(
                at_least(&o.outcome, other),
                "{name}: Optimized lasts {} with {} vs {} lasting {} with {}",
                o.outcome.years_lasting,
                o.outcome.estate_real,
                other.strategy,
                other.years_lasting,
                other.estate_real
            );
        }
        assert!(o.value >= o.best_named.1, "{name}");
        // The projection is a real one: the books add up every year.
        for r in &o.projection.rows {
            assert_eq!(r.identity_gap(), Decimal::ZERO, "{name} {}", r.year);
        }
    }
}

#[test]
fn a_plan_whose_moves_tie_within_the_noise_is_searched_to_the_end() {
    // Its moves across years gained by years lasting within the noise of one another: sorting
    // them by `beats` panicked.
    let plan = parse_plan(
        include_str!("data/money_just_lasts.ron"),
        "money_just_lasts.ron",
    )
    .unwrap();
    let o = common::optimized(&plan, &Objective::Estate);
    assert!(!o.best_named_outcome.lasts_to_horizon);
    assert!(o.outcome.lasts_to_horizon, "{}", o.wins_by());
}

/// The answer shown for a strategy is the search for its objective, seen through a label, from
/// the report's plain list and the planner's boxed one alike; none for a named strategy or for
/// an objective not searched.
#[test]
fn the_answer_for_a_strategy_is_the_search_for_its_objective() {
    let plan = parse_plan(
        include_str!("data/money_just_lasts.ron"),
        "money_just_lasts.ron",
    )
    .unwrap();
    let found = vec![common::optimized(&plan, &Objective::Estate)];
    let estate = StrategySpec::Optimized {
        objective: Objective::Estate,
    };
    let labeled = StrategySpec::Labeled {
        label: "Mine".into(),
        strategy: Box::new(estate.clone()),
    };
    let spending = StrategySpec::Optimized {
        objective: Objective::Spending {
            min_estate: Decimal::ZERO,
        },
    };
    for spec in [&estate, &labeled] {
        let answer = Optimized::answer_for(&found, spec).expect("the estate search");
        assert!(std::ptr::eq(answer, &found[0]));
    }
    assert!(Optimized::answer_for(&found, &spending).is_none());
    assert!(Optimized::answer_for(&found, &StrategySpec::HeirAware).is_none());
    let boxed: Vec<Box<Optimized>> = found.into_iter().map(Box::new).collect();
    let answer = Optimized::answer_for(&boxed, &labeled).expect("the estate search");
    assert!(std::ptr::eq(answer, &*boxed[0]));
}

#[test]
fn the_start_whose_first_sweep_climbed_most_is_descended_too() {
    let plan = parse_plan(include_str!("data/steep_start.ron"), "steep_start.ron").unwrap();
    let o = common::optimized(&plan, &Objective::Estate);
    assert!(o.outcome.lasts_to_horizon);
    // Only the start that led after one sweep, descended and moved across years: $236,691.
    assert!(
        o.outcome.estate_real > Decimal::from(270_000),
        "{}",
        o.outcome.estate_real
    );
    let names: Vec<&str> = o.stages.iter().map(|s| s.name).collect();
    assert!(
        names.contains(&"descent from the start that climbed most"),
        "{names:?}"
    );
    // Each stage shows the best found by its end, whichever start found it.
    assert!(o.stages.windows(2).all(|w| w[1].estate >= w[0].estate));
}

#[test]
fn a_named_strategy_the_plan_leaves_out_does_not_beat_the_answer() {
    // The plan compares only the conventional order and filling the 12% bracket; before the
    // search tried the planner's other named strategies, its answer ($230,106) fell below
    // converting to the top of the 12% bracket ($278,373), which the plan does not list.
    let plan = parse_plan(
        include_str!("data/short_list_marketplace.ron"),
        "short_list_marketplace.ron",
    )
    .unwrap();
    assert!(
        !plan
            .strategies
            .iter()
            .any(|s| matches!(s, StrategySpec::RothConversion { .. }))
    );
    let o = common::optimized(&plan, &Objective::Estate);
    let mut every = plan.clone();
    every.strategies = StrategySpec::defaults();
    let named = compare(&every).unwrap();
    println!(
        "Optimized {} ({}, {} projections)",
        o.value,
        o.wins_by(),
        o.evaluations
    );
    for other in &named.outcomes {
        println!("{}: {}", other.strategy, other.estate_real);
        assert!(
            at_least(&o.outcome, other),
            "Optimized {} below {} {}",
            o.value,
            other.strategy,
            other.estate_real
        );
    }
    let names: Vec<&str> = o.stages.iter().map(|s| s.name).collect();
    assert!(
        names.contains(&"descent from a named strategy the plan leaves out"),
        "{names:?}"
    );
    // The margin is still against the plan's own columns.
    assert_eq!(o.best_named.0, "Fill 12%");
}

#[test]
fn marketplace_years_are_searched_between_their_edges() {
    // The premium credit's applicable percentage rises steadily inside each band, so a
    // Marketplace year's best conversion or draw can lie between the tax's edges: searched there,
    // this couple's answer rose from $947,140 to $967,712.
    let plan = parse_plan(
        include_str!("data/marketplace_curve.ron"),
        "marketplace_curve.ron",
    )
    .unwrap();
    let o = common::optimized(&plan, &Objective::Estate);
    let names: Vec<&str> = o.stages.iter().map(|s| s.name).collect();
    let at = names
        .iter()
        .position(|n| *n == "Marketplace years between their edges")
        .unwrap_or_else(|| panic!("{names:?}"));
    let gain = o.stages[at].estate - o.stages[at - 1].estate;
    println!(
        "{}: the stage gained {gain:.2} ({})",
        plan.name,
        o.wins_by()
    );
    assert!(gain > 10_000.0, "{gain}");
    assert!(o.value > Decimal::from(960_000), "{}", o.value);
    // A plan without Marketplace years has no such stage.
    let demo = common::optimized(&drawdown::plan::demo_plan(), &Objective::Estate);
    assert!(
        demo.stages
            .iter()
            .all(|s| s.name != "Marketplace years between their edges")
    );
}

#[test]
fn a_marketplace_year_over_the_credits_limit_comes_back_under_it() {
    // The answer's first year was $46,500 over the credit's income limit, its conversion and
    // tax-deferred draw together putting it there: no step of either alone came back under.
    let plan = parse_plan(
        include_str!("data/marketplace_cliff.ron"),
        "marketplace_cliff.ron",
    )
    .unwrap();
    let o = common::optimized(&plan, &Objective::Estate);
    let first = &o.projection.rows[0];
    println!(
        "{}: {} ; 2026 converts {}, draws {} from tax-deferred, MAGI {} against {}, credit {}",
        plan.name,
        o.wins_by(),
        first.conversion,
        first.deferred_draw,
        first.aca_magi,
        first.aca_line,
        first.aca_credit
    );
    assert!(first.aca_magi <= first.aca_line, "{}", first.aca_magi);
    assert!(
        first.aca_credit > Decimal::from(18_000),
        "{}",
        first.aca_credit
    );
    // Before: $4,248,853; the answer with both cut by $25,000 in 2026 left $4,272,227.
    assert!(o.value > Decimal::from(4_272_227), "{}", o.value);
}

#[test]
fn the_answers_conversions_with_plain_draws_do_not_beat_it() {
    // Entered as a Schedule strategy with conversions only (the draws left to the fallback
    // order: cash, taxable, tax-deferred, Roth), this couple's answer's own conversions left
    // $793,318 against its $789,479: no year's draws could be given up alone, all at once could.
    let plan = parse_plan(
        include_str!("data/plain_draws_couple.ron"),
        "plain_draws_couple.ron",
    )
    .unwrap();
    let o = common::optimized(&plan, &Objective::Estate);
    let rows = o
        .projection
        .rows
        .iter()
        .map(|r| ScheduleRow {
            year: r.year,
            roth_conversion: r.conversion,
            deferred: Decimal::ZERO,
            taxable: Decimal::ZERO,
            roth: Decimal::ZERO,
            cash: Decimal::ZERO,
        })
        .collect();
    let mut entered = plan.clone();
    entered.strategies = vec![StrategySpec::Schedule { rows }];
    let replayed = &compare(&entered).unwrap().outcomes[0];
    println!(
        "{}: {} ; its conversions with plain draws {:.2}",
        plan.name,
        o.wins_by(),
        replayed.estate_real
    );
    assert!(
        o.value >= replayed.estate_real,
        "{} < {}",
        o.value,
        replayed.estate_real
    );
    assert!(o.value > Decimal::from(800_000), "{}", o.value);
}

#[test]
fn low_brackets_left_empty_year_after_year_are_filled_with_tax_deferred_draws() {
    // The build before converted $300,000 in the first four years and drew only small RMDs for
    // the next twenty ($1,222,061): one year at a time, no move gave up the early conversions.
    let plan = parse_plan(
        include_str!("data/edge_draws_couple.ron"),
        "edge_draws_couple.ron",
    )
    .unwrap();
    let o = common::optimized(&plan, &Objective::Estate);
    let drawing: Vec<i32> = o
        .projection
        .rows
        .iter()
        .filter(|r| (2030..=2047).contains(&r.year) && r.deferred_draw > Decimal::from(1_000))
        .map(|r| r.year)
        .collect();
    println!(
        "{}: {} ; tax-deferred draws in {drawing:?}",
        plan.name,
        o.wins_by()
    );
    assert!(drawing.len() >= 10, "{drawing:?}");
    assert!(o.value > Decimal::from(1_260_000), "{}", o.value);
}

#[test]
fn optimized_spending_is_at_least_every_named_strategys() {
    let plan = example("E1.ron");
    let min_estate = Decimal::from(100_000);
    let objective = Objective::Spending { min_estate };
    let o = common::optimized(&plan, &objective);
    assert!(o.outcome.lasts_to_horizon);
    assert!(
        o.outcome.estate_real >= min_estate,
        "{}",
        o.outcome.estate_real
    );
    assert_eq!(
        o.projection.rows[0].spending, o.value,
        "the first year spends the value found"
    );
    for spec in &plan.strategies {
        let (named, _, outcome) = sustainable_spending(&plan, spec, min_estate).unwrap();
        assert!(outcome.lasts_to_horizon && outcome.estate_real >= min_estate);
        assert!(o.value >= named, "{}: {} vs {named}", spec.name(), o.value);
    }
}

/// The margin the README states for the demo's spending objective ("The optimized strategy"):
/// a year's spending, today's dollars.
const DEMO_SPENDING_MARGIN: i64 = 900;

#[test]
fn optimized_spending_beats_the_best_named_strategy_on_the_demo_by_the_stated_margin() {
    assert!(
        include_str!("../README.md").contains("so at least $900 a year more"),
        "the README states the demo's margin"
    );
    let plan = example("D.ron");
    let min_estate = Decimal::ZERO;
    let o = common::optimized(&plan, &Objective::Spending { min_estate });
    println!("demo: {} a year, {}", o.value, o.wins_by());
    assert!(
        o.value - o.best_named.1 >= Decimal::from(DEMO_SPENDING_MARGIN),
        "{}",
        o.wins_by()
    );
    // The best named strategy's own figure is its sustainable spending.
    let best = plan
        .strategies
        .iter()
        .find(|s| s.name() == o.best_named.0)
        .unwrap();
    let (named, ..) = sustainable_spending(&plan, best, min_estate).unwrap();
    assert_eq!(named, o.best_named.1);
}

#[test]
fn the_same_plan_gives_the_same_answer() {
    let plan = example("D.ron");
    let a = common::optimized(&plan, &Objective::Estate);
    let b = common::optimized(&plan, &Objective::Estate);
    assert_eq!(a, b);
}

#[test]
fn a_raised_flag_stops_the_search_promptly() {
    let plan = example("D.ron");
    let cancel = AtomicBool::new(true);
    let r = optimize(&plan, &Objective::Estate, &cancel, &mut |_| {});
    assert_eq!(r.err(), Some(OptimizeError::Cancelled));

    // Raised part-way through: the search ends within a few projections.
    let cancel = AtomicBool::new(false);
    let mut raised: Option<Instant> = None;
    let r = optimize(&plan, &Objective::Estate, &cancel, &mut |p| {
        if p > 0.1 && raised.is_none() {
            cancel.store(true, Ordering::Relaxed);
            raised = Some(Instant::now());
        }
    });
    assert_eq!(r.err(), Some(OptimizeError::Cancelled));
    let took = raised.expect("progress was reported").elapsed();
    assert!(took < Duration::from_secs(2), "{took:?}");
}

#[test]
fn the_spending_objective_shows_its_push_up_before_the_estate_stage() {
    let objective = Objective::Spending {
        min_estate: Decimal::ZERO,
    };
    // The repeatable budget: a debug build may pass the planner's two seconds.
    let mut found_on_the_way = Vec::new();
    let found = optimize_progressive(
        &example("D.ron"),
        &objective,
        &Budget::repeatable(),
        &AtomicBool::new(false),
        &mut |_| {},
        Some(&mut |o| found_on_the_way.push(o)),
    )
    .unwrap();
    assert!(!found.provisional && !found.budget_spent);
    // On the demo the push-up beats the best named strategy and the estate stage beats that.
    assert_eq!(found_on_the_way.len(), 1);
    let first = &found_on_the_way[0];
    assert!(first.provisional && first.objective == objective);
    assert_eq!(first.outcome.strategy, found.outcome.strategy);
    assert!(first.value > first.best_named.1, "{}", first.wins_by());
    assert!(
        found.value > first.value,
        "{} then {}",
        first.value,
        found.value
    );
    assert!(first.outcome.lasts_to_horizon);
}

#[test]
fn the_worker_reports_progress_and_the_answer_or_its_cancellation() {
    let plan = example("E1.ron");
    let handle = spawn(plan.clone(), Objective::Estate);
    let mut progress = Vec::new();
    let mut found_on_the_way = Vec::new();
    let done = loop {
        match handle
            .receiver()
            .recv_timeout(Duration::from_secs(120))
            .expect("the worker answers")
        {
            OptimizerUpdate::Progress(OptimizerProgress::Share(p)) => progress.push(p),
            OptimizerUpdate::Progress(OptimizerProgress::Found(o)) => found_on_the_way.push(o),
            OptimizerUpdate::Done(r) => break r,
        }
    };
    let found = done.expect("an answer");
    assert_eq!(found.objective, Objective::Estate);
    assert!(progress.windows(2).all(|w| w[0] <= w[1]), "{progress:?}");
    assert_eq!(progress.last(), Some(&1.0));
    // Better answers arrive on the way, each provisional and better than the one before, none
    // better than the answer.
    assert!(!found_on_the_way.is_empty());
    assert!(found_on_the_way.iter().all(|o| o.provisional));
    assert!(!found.provisional);
    for w in found_on_the_way.windows(2) {
        assert!(at_least(&w[1].outcome, &w[0].outcome));
    }
    let last = found_on_the_way.last().unwrap();
    assert!(at_least(&found.outcome, &last.outcome));
    assert!(at_least(&last.outcome, &found.best_named_outcome));

    let handle = spawn(plan, Objective::Estate);
    handle.cancel();
    let last = handle
        .receiver()
        .iter()
        .last()
        .expect("the worker reports its end");
    assert_eq!(last, OptimizerUpdate::Done(Err(OptimizeError::Cancelled)));
}

#[test]
fn the_comparison_waits_for_the_search_then_shows_it_in_the_plans_order() {
    let mut plan = example("E1.ron");
    let spec = StrategySpec::Optimized {
        objective: Objective::Estate,
    };
    plan.strategies.insert(1, spec.clone());
    let waiting = compare(&plan).unwrap();
    assert_eq!(waiting.pending, vec![spec.clone()]);
    assert_eq!(waiting.specs.len(), plan.strategies.len() - 1);

    let o = common::optimized(&plan, &Objective::Estate);
    let full = compare_with(&plan, &[&o]).unwrap();
    assert!(full.pending.is_empty());
    assert_eq!(full.specs, plan.strategies);
    assert_eq!(full.index_of(&spec), Some(1));
    assert_eq!(full.outcomes[1].strategy, "Optimized");
    assert_eq!(full.projections[1], o.projection);
}

#[test]
fn the_spending_objective_needs_spending_to_scale() {
    let mut plan = example("E1.ron");
    plan.spending.annual = Decimal::ZERO;
    let r = optimize(
        &plan,
        &Objective::Spending {
            min_estate: Decimal::ZERO,
        },
        &AtomicBool::new(false),
        &mut |_| {},
    );
    assert!(matches!(r, Err(OptimizeError::InvalidPlan(_))), "{r:?}");
}

#[test]
fn a_search_that_reaches_its_budget_keeps_its_best_and_says_so() {
    let plan = example("D.ron");
    let tight = Budget {
        evaluations: 300,
        time: None,
    };
    let o = optimize_within(
        &plan,
        &Objective::Estate,
        &tight,
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .unwrap();
    assert!(o.budget_spent);
    assert!(o.evaluations < 600, "{} projections", o.evaluations);
    assert!(at_least(&o.outcome, &o.best_named_outcome));
    assert!(
        o.wins_by().ends_with("(search stopped at its budget)"),
        "{}",
        o.wins_by()
    );
    // The full budget is not reached on the demo.
    let full = common::optimized(&plan, &Objective::Estate);
    assert!(!full.budget_spent && full.value >= o.value);
    // A time budget of nothing stops at once, with the best named strategy's years.
    let instant = Budget {
        evaluations: usize::MAX,
        time: Some(Duration::ZERO),
    };
    let o = optimize_within(
        &plan,
        &Objective::Estate,
        &instant,
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .unwrap();
    assert!(o.budget_spent);
    assert!(at_least(&o.outcome, &o.best_named_outcome));
}

/// The margin the README states for the demo ("The optimized strategy"): Optimized beats the
/// best named strategy by at least this much after-tax estate, today's dollars.
const DEMO_MARGIN: i64 = 25_000;

#[test]
fn optimized_strictly_beats_the_best_named_strategy_where_it_did_before() {
    // The search must do something: a search that only relabelled the best named strategy
    // would pass every "never worse" test above, and fails this one.
    assert!(
        include_str!("../README.md").contains("by at least $25,000"),
        "the README states the demo's margin"
    );
    let demo = common::optimized(&example("D.ron"), &Objective::Estate);
    assert!(
        demo.value - demo.best_named.1 >= Decimal::from(DEMO_MARGIN),
        "demo: Optimized {} vs {} {}",
        demo.value,
        demo.best_named.0,
        demo.best_named.1
    );
    // Every example where the search won before this change (A runs out of money whatever is
    // done; there it lasts as long as the best named strategy).
    // E4 was rebuilt since (tax-deferred and Roth only, as in the study), where the named
    // Roth-before-deferred order is already close to the best: checked on its own below.
    for name in ["B.ron", "C1.ron", "C2.ron", "E1.ron", "E2.ron", "E3.ron"] {
        let o = common::optimized(&example(name), &Objective::Estate);
        assert!(
            o.outcome.years_lasting >= o.best_named_outcome.years_lasting
                && o.value - o.best_named.1 > Decimal::from(1_000),
            "{name}: Optimized {} vs {} {}",
            o.value,
            o.best_named.0,
            o.best_named.1
        );
    }
    let e4 = common::optimized(&example("E4.ron"), &Objective::Estate);
    println!(
        "E4: Optimized {} vs {} {}",
        e4.value, e4.best_named.0, e4.best_named.1
    );
    assert!(
        e4.outcome.years_lasting >= e4.best_named_outcome.years_lasting
            && e4.value > e4.best_named.1,
        "E4: Optimized {} vs {} {}",
        e4.value,
        e4.best_named.0,
        e4.best_named.1
    );
}
