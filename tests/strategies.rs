//! The strategies a user sets up in the planner: a custom account order, labels, and names that
//! tell every strategy apart (`drawdown report --strategy` refuses a name that fits two).

mod common;

use common::{drawdown, stderr, stdout};
use drawdown::compare::compare;
use drawdown::plan::{Plan, demo_plan, parse_plan, plan_to_text};
use drawdown::strategy::{OrderStep, Source, StepCap, StrategySpec};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn step(source: Source, cap: Option<StepCap>) -> OrderStep {
    OrderStep { source, cap }
}

fn with(strategies: Vec<StrategySpec>) -> Plan {
    let mut plan = demo_plan();
    plan.strategies = strategies;
    plan
}

#[test]
fn a_custom_order_of_the_conventional_sources_is_the_conventional_strategy() {
    // The same order spelled out step by step must give the same books to the cent.
    let custom = StrategySpec::CustomOrder {
        steps: vec![
            step(Source::Cash, None),
            step(Source::Taxable, None),
            step(Source::Deferred, None),
            step(Source::Roth, None),
        ],
    };
    let c = compare(&with(vec![StrategySpec::Conventional, custom])).unwrap();
    assert_eq!(c.projections[0].rows, c.projections[1].rows);
}

#[test]
fn a_bracket_capped_deferred_step_is_bracket_fill() {
    // Bracket fill is "tax-deferred to the bracket top, then cash, taxable, Roth, the rest of
    // tax-deferred": the same order written as custom steps gives the same years.
    let custom = StrategySpec::CustomOrder {
        steps: vec![
            step(Source::Deferred, Some(StepCap::Bracket(dec!(0.12)))),
            step(Source::Cash, None),
            step(Source::Taxable, None),
            step(Source::Roth, None),
        ],
    };
    let fill = StrategySpec::BracketFill {
        bracket: dec!(0.12),
        taxable_income: None,
        aca_aware: true,
        draw_beyond_need: false,
    };
    let c = compare(&with(vec![fill, custom])).unwrap();
    assert_eq!(c.projections[0].rows, c.projections[1].rows);
}

#[test]
fn a_roth_first_order_spends_roth_money_first() {
    let custom = StrategySpec::CustomOrder {
        steps: vec![
            step(Source::Roth, None),
            step(Source::Taxable, None),
            step(Source::Deferred, None),
        ],
    };
    let c = compare(&with(vec![custom])).unwrap();
    let first = &c.projections[0].rows[0];
    assert!(first.roth_draw > Decimal::ZERO);
    assert_eq!(first.taxable_sale, Decimal::ZERO);
    assert_eq!(first.deferred_draw, Decimal::ZERO);
    assert_eq!(c.outcomes[0].strategy, "Roth, taxable, deferred");
    // Once the Roth money is gone the need is still met from what is left.
    assert!(c.outcomes[0].lasts_to_horizon);
}

#[test]
fn a_yearly_amount_caps_a_step_in_todays_dollars() {
    let custom = StrategySpec::CustomOrder {
        steps: vec![
            step(Source::Roth, Some(StepCap::Amount(dec!(10000)))),
            step(Source::Taxable, None),
        ],
    };
    let c = compare(&with(vec![custom])).unwrap();
    let p = &c.projections[0];
    for r in p.rows.iter().take(5) {
        // $10,000 of the plan's first year, grown with inflation.
        let cap = (dec!(10000) * r.price_level).round_dp(2);
        assert!(
            r.roth_draw <= cap + dec!(0.01),
            "{}: {}",
            r.year,
            r.roth_draw
        );
    }
    assert!(p.rows[0].roth_draw > dec!(9999));
}

#[test]
fn custom_orders_and_labels_are_saved_and_read_back() {
    let plan = with(vec![
        StrategySpec::CustomOrder {
            steps: vec![
                step(Source::Deferred, Some(StepCap::Bracket(dec!(0.22)))),
                step(Source::Roth, Some(StepCap::Amount(dec!(25000)))),
                step(Source::Taxable, None),
            ],
        },
        StrategySpec::HeirAware.with_label("For the kids"),
    ]);
    let text = plan_to_text(&plan);
    let strategies = &text[text.find("strategies:").unwrap_or(0)..];
    let compact: String = strategies.split_whitespace().collect();
    assert!(
        compact.contains("Labeled(label:\"Forthekids\",strategy:HeirAware,)"),
        "{strategies}"
    );
    assert!(
        compact.contains("(source:Deferred,cap:Some(Bracket(0.22)),)"),
        "{strategies}"
    );
    assert_eq!(parse_plan(&text, "x.ron").unwrap(), plan);
}

#[test]
fn a_bracket_cap_on_anything_but_tax_deferred_money_is_refused_by_its_path() {
    let plan = with(vec![StrategySpec::CustomOrder {
        steps: vec![step(Source::Roth, Some(StepCap::Bracket(dec!(0.12))))],
    }]);
    let issues = drawdown::plan::validate(&plan);
    assert_eq!(issues[0].path, "strategies[0].steps[0].cap", "{issues:?}");
}

/// The demo household with its strategies replaced, in a temporary file.
fn plan_file(strategies: &str) -> (tempfile::TempDir, String) {
    let demo = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/saves/D.ron"))
        .expect("the demo plan");
    let start = demo.find("    strategies: [").expect("a strategy list");
    let text = format!("{}    strategies: [{strategies}],\n)\n", &demo[..start]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    std::fs::write(&path, text).unwrap();
    (dir, path.to_string_lossy().into_owned())
}

#[test]
fn report_strategy_refuses_a_name_that_fits_two_strategies() {
    let (_dir, plan) = plan_file(
        "RothConversion(bracket: 0.22, yearly_cap: Some(100000)), \
         RothConversion(bracket: 0.22, yearly_cap: Some(50000)), Conventional",
    );
    let all = drawdown(&["report", &plan]);
    let out = stdout(&all);
    assert!(out.contains("Convert to 22%, cap $100k"), "{out}");
    assert!(out.contains("Convert to 22%, cap $50k"), "{out}");

    let o = drawdown(&["report", &plan, "--strategy", "convert to 22%"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("ambiguous"), "{err}");
    assert!(err.contains("'Convert to 22%, cap $100k'"), "{err}");
    assert!(err.contains("'Convert to 22%, cap $50k'"), "{err}");

    let o = drawdown(&["report", &plan, "--strategy", "Convert to 22%, cap $50k"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("Convert to 22%, cap $50k"));
}

#[test]
fn two_identical_strategies_get_numbered_names_in_the_report() {
    let (_dir, plan) = plan_file("HeirAware, HeirAware");
    let o = drawdown(&["report", &plan, "--format", "csv"]);
    let out = stdout(&o);
    let header = out.lines().next().unwrap_or_default();
    assert!(header.contains("Heir-aware,Heir-aware (2)"), "{header}");
    let o = drawdown(&["report", &plan, "--strategy", "heir-aware (2)"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}
