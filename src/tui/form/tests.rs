//! The form is the table: every plan field has one entry, every entry shows, reads back, and
//! agrees with the plan's validation.

use super::*;
use crate::plan::{Account, AccountKind, PathMode, PriorMagi, Returns, demo_plan, validate};
use crate::strategy::{OrderStep, Source, StepCap, StrategySpec};
use crate::tax::LawMode;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::collections::BTreeSet;

struct Real;

impl Names for Real {
    fn person(&self, plan: &Plan, i: usize) -> String {
        plan.people
            .get(i)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    }
    fn hidden(&self) -> bool {
        false
    }
}

/// Plans that between them have every optional part: every kind of account, income, strategy
/// and step cap, each returns, law and market mode.
fn rich_plans() -> Vec<Plan> {
    let mut a = demo_plan();
    for kind in [
        AccountKind::Taxable,
        AccountKind::Deferred,
        AccountKind::Roth,
        AccountKind::Cash,
        AccountKind::Hsa,
    ] {
        items::add_account(&mut a, kind).unwrap();
    }
    a.spending.medical_costs = dec!(4000);
    a.spending.charity = dec!(2000);
    if let Some(crate::plan::Account::Hsa { family, .. }) = a.accounts.last_mut() {
        *family = true;
    }
    if let Some(crate::plan::Account::Taxable { dividends, .. }) = a
        .accounts
        .iter_mut()
        .find(|x| x.kind() == AccountKind::Taxable)
    {
        *dividends = crate::plan::Dividends::Reinvest;
    }
    for add in [
        items::add_pension,
        items::add_wage,
        items::add_other,
        items::add_spending_change,
        items::add_one_off,
        items::add_windfall,
    ] {
        add(&mut a, Loc::default()).unwrap();
    }
    a.income.windfalls[0].taxable_gain = dec!(1000);
    // Wages with a Roth 401(k) deferral, and a business of one's own.
    items::add_wage(&mut a, Loc::default()).unwrap();
    a.income.wages[0].deferral = dec!(5000);
    a.income.wages[0].roth_deferral = true;
    if let Some(w) = a.income.wages.last_mut() {
        w.self_employed = true;
    }
    a.people[0].coverage = crate::plan::Coverage::Marketplace {
        benchmark: dec!(9000),
        at_age: 60,
    };
    a.people[1].medicare_age = 67;
    a.people[1].birth_month = 7;
    if let Some(crate::plan::Account::Deferred {
        employer_plan,
        separated_at_age,
        spouse_sole_beneficiary,
        ..
    }) = a
        .accounts
        .iter_mut()
        .find(|x| x.kind() == AccountKind::Deferred)
    {
        *employer_plan = true;
        *separated_at_age = Some(56);
        *spouse_sole_beneficiary = true;
    }
    let n = items::strategy_choices(&a).len();
    for k in 0..n {
        items::add_strategy(&mut a, Loc::default(), k).unwrap();
    }
    a.strategies.push(StrategySpec::CustomOrder {
        steps: vec![
            OrderStep {
                source: Source::Deferred,
                cap: Some(StepCap::Bracket(dec!(0.22))),
            },
            OrderStep {
                source: Source::Roth,
                cap: Some(StepCap::Amount(dec!(10000))),
            },
        ],
    });
    a.strategies.push(StrategySpec::BracketFill {
        bracket: dec!(0.12),
        taxable_income: Some(dec!(90000)),
        aca_aware: false,
        draw_beyond_need: true,
    });
    a.strategies
        .push(StrategySpec::HeirAware.with_label("Mine"));
    a.assumptions.prior_magi = Some(PriorMagi {
        two_years_before: dec!(100000),
        one_year_before: dec!(90000),
    });
    a.assumptions.simulation.mode = PathMode::monte_carlo_default();
    a.assumptions.simulation.paths = 500;
    a.assumptions.simulation.lifetimes = crate::plan::Lifetimes::Sampled;
    // Fields saved only when not their defaults.
    a.people[0].sex = crate::plan::Sex::Female;
    a.people[0].mortality = dec!(0.8);
    if let Some(p) = a.income.pensions.last_mut() {
        p.government = true;
    }
    // The custom state model (the demo lives in a real state).
    a.state = crate::plan::StateResidence::custom(&crate::tax::StateTax {
        rate: dec!(0.05),
        exempt_social_security: true,
        exempt_retirement: false,
        deduction: dec!(1000),
    });
    let mut b = a.clone();
    b.state = crate::plan::StateResidence::Resident { code: "CA".into() };
    b.moves.push(crate::plan::Move {
        year: b.assumptions.start_year + 3,
        state: "FL".into(),
    });
    b.assumptions.returns = Returns::Constant {
        nominal: dec!(0.05),
    };
    b.assumptions.tax_law = LawMode::FlatRates {
        ordinary: dec!(0.25),
        gains: dec!(0.15),
        change: None,
    };
    b.assumptions.simulation.mode = PathMode::bootstrap_default();
    b.assumptions.simulation.from = Some(1928);
    b.assumptions.simulation.to = Some(2007);
    b.assumptions.simulation.returns_file = Some("tests/data/returns-1928-2007.csv".into());
    b.assumptions.withdrawals = crate::plan::WithdrawalTiming::EndOfYear;
    b.assumptions.rmd = crate::plan::RmdRule::Study {
        start_age: 70,
        table: crate::plan::RmdTable::SingleLife,
    };
    b.spending.guardrails = Some(crate::plan::Guardrails::guyton_klinger());
    b.strategies.push(StrategySpec::RothConversion {
        bracket: dec!(0.12),
        yearly_cap: None,
        irmaa_aware: true,
        aca_aware: false,
        stop_at_rmd: false,
        years: None,
        after_fall: Some(crate::strategy::AfterFall {
            drop: dec!(0.15),
            bracket: dec!(0.24),
        }),
    });
    b.assumptions.ignore_irmaa = true;
    let mut c = a.clone();
    c.assumptions.tax_law = LawMode::RateChange {
        from_year: 2030,
        points: dec!(3),
    };
    for p in [&a, &b, &c] {
        assert!(validate(p).is_empty(), "{:?}", validate(p));
    }
    vec![a, b, c]
}

fn all_fields(plan: &Plan) -> Vec<FieldRef> {
    Pane::ALL
        .iter()
        .flat_map(|p| rows(*p, plan, &Real))
        .filter_map(|r| match r {
            Row::Field(f) => Some(f),
            _ => None,
        })
        .collect()
}

/// Leaf paths of the plan as saved, lists written `[]` and enum variant names left out:
/// `accounts[].balance`, `strategies[].yearly_cap`.
fn leaves(plan: &Plan) -> BTreeSet<String> {
    fn walk(v: &serde_json::Value, path: String, out: &mut BTreeSet<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    // An enum's variant name, or a labeled strategy's wrapper, is not a field.
                    let variant = k.starts_with(|c: char| c.is_ascii_uppercase());
                    let wrapper = k == "strategy" && path.ends_with("strategies[]");
                    let next = if variant || wrapper {
                        path.clone()
                    } else if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    walk(x, next, out);
                }
            }
            serde_json::Value::Array(a) => {
                for x in a {
                    walk(x, format!("{path}[]"), out);
                }
            }
            _ => {
                out.insert(path);
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(
        &serde_json::to_value(plan).unwrap(),
        String::new(),
        &mut out,
    );
    out
}

/// Plan file content that is not a form field: the format version, the notes, a strategy's kind
/// (chosen when it is added), who a Social Security benefit is for (one per person, fixed), the
/// estate-report ages, and a flat-rate law's later change (file only, for the studies).
const FILE_ONLY: &[&str] = &[
    "version",
    "notes",
    "strategies[]",
    "income.social_security[].person",
    "assumptions.estate_at_ages[]",
    "assumptions.tax_law.change",
    // Scenarios are kept in the planner's scenario window, each edited through this same form.
    "scenarios[]",
];

#[test]
fn every_plan_field_has_one_entry_and_every_entry_a_plan_field() {
    let mut plan_paths = BTreeSet::new();
    for p in rich_plans() {
        plan_paths.extend(leaves(&p));
    }
    let specs: Vec<&str> = table::FIELDS.iter().map(|f| f.path).collect();
    for leaf in &plan_paths {
        if FILE_ONLY
            .iter()
            .any(|x| leaf.starts_with(x) && (leaf == x || leaf[x.len()..].starts_with('.')))
        {
            continue;
        }
        // A choice may stand for a whole enum ("assumptions.returns" picks the variant).
        let covering: Vec<&&str> = specs
            .iter()
            .filter(|s| leaf == **s || leaf.starts_with(&format!("{s}.")))
            .collect();
        assert!(
            !covering.is_empty(),
            "plan field {leaf} has no field spec: add one entry to its pane's file in tui/form/table/"
        );
    }
    for s in &specs {
        let used = plan_paths
            .iter()
            .any(|l| l == s || l.starts_with(&format!("{s}.")))
            || plan_paths.iter().any(|l| s.starts_with(&format!("{l}.")));
        assert!(used, "field spec {s} names no plan field");
    }
    let mut unique = specs.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), specs.len(), "two entries for one field");
}

#[test]
fn every_entry_shows_in_a_pane_and_its_help_comes_from_it() {
    let mut shown = BTreeSet::new();
    for plan in rich_plans() {
        for f in all_fields(&plan) {
            shown.insert(f.spec);
            let help = super::help(f, &plan);
            assert!(
                help.to_lowercase().contains(&f.spec().help.to_lowercase()),
                "{help}"
            );
            assert!(
                f.spec().label.chars().count() <= spec::MAX_LABEL,
                "{}",
                f.spec().label
            );
        }
    }
    for (i, f) in table::FIELDS.iter().enumerate() {
        assert!(
            shown.contains(&i),
            "{} ({}) is never shown",
            f.label,
            f.path
        );
    }
}

#[test]
fn every_typed_field_reads_back_and_every_stepped_one_steps() {
    for plan in rich_plans() {
        for f in all_fields(&plan) {
            let t = text(f, &plan);
            if f.spec().kind.is_stepped() {
                let next =
                    step(f, &plan, true, &mut Kept::default()).expect("a stepped field steps");
                if let Ok(next) = next {
                    assert!(validate(&next).is_empty(), "{}", f.spec().path);
                }
            } else {
                let again = apply(f, &plan, &t)
                    .unwrap_or_else(|e| panic!("{} {:?}: {e} ({t})", f.spec().path, f.loc));
                assert_eq!(again, plan, "{} did not read back: {t}", f.spec().path);
            }
        }
    }
}

/// Stepping a choice round all its options (a toggle twice) gives back the plan it started from
/// when its options have fields of their own (the rates by asset class, a person's own premium,
/// the guardrails): each option comes back with the values its fields had, not ones made up.
#[test]
fn a_round_of_a_stepped_field_with_fields_under_it_is_no_change() {
    let mut checked = BTreeSet::new();
    for plan in rich_plans() {
        for f in all_fields(&plan) {
            if !f.spec().kind.is_stepped() || under(f).next().is_none() {
                continue;
            }
            let n = match f.spec().access {
                Access::Choice { options, .. } => options(&plan, f.loc).len(),
                _ => 2,
            };
            let mut kept = Kept::default();
            let mut now = plan.clone();
            let mut round = true;
            for _ in 0..n {
                match step(f, &now, true, &mut kept) {
                    Some(Ok(next)) => now = next,
                    // An option the plan cannot take as it is ends the round; what matters is
                    // that no completed round changes the plan.
                    _ => round = false,
                }
            }
            if round {
                assert_eq!(now, plan, "{} {:?}", f.spec().path, f.loc);
                checked.insert(f.spec().path);
            }
        }
    }
    for path in [
        "assumptions.returns",
        "people[].coverage",
        "spending.guardrails",
    ] {
        assert!(checked.contains(path), "{path}: {checked:?}");
    }
}

#[test]
fn values_within_a_field_s_bounds_pass_validation() {
    // The form is as strict as the plan's validation or stricter, never looser: the edges of
    // every bound are values the plan accepts.
    for plan in rich_plans() {
        for f in all_fields(&plan) {
            let Some(bounds) = f.spec().bounds else {
                continue;
            };
            let (lo, hi) = bounds(&plan, f.loc);
            for edge in [lo, hi] {
                let text = value::show(f.spec().kind, &bounded_value(f.spec(), edge));
                if let Ok(next) = apply(f, &plan, &text) {
                    let own = f.spec().path_at(f.loc);
                    assert!(
                        validate(&next).iter().all(|i| !i.path.starts_with(&own)),
                        "{own} = {text}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_bad_value_says_why() {
    let plan = demo_plan();
    let balance = all_fields(&plan)
        .into_iter()
        .find(|f| f.spec().path == "accounts[].balance")
        .unwrap();
    assert_eq!(
        apply(balance, &plan, "-5").unwrap_err(),
        "-$5 is outside $0 to $100,000,000,000"
    );
    assert!(
        apply(balance, &plan, "1,2,3")
            .unwrap_err()
            .contains("groups of three")
    );
    let next = apply(balance, &plan, "1.25m").unwrap();
    assert_eq!(next.accounts[0].balance(), dec!(1250000));
    let age = all_fields(&plan)
        .into_iter()
        .find(|f| f.spec().path == "people[].planning_age")
        .unwrap();
    assert!(apply(age, &plan, "200").unwrap_err().contains("50 to 120"));
}

#[test]
fn a_one_off_outside_the_plan_s_years_is_refused() {
    let mut plan = demo_plan();
    items::add_one_off(&mut plan, Loc::default()).unwrap();
    let year = all_fields(&plan)
        .into_iter()
        .find(|f| f.spec().path == "spending.one_offs[].year")
        .unwrap();
    let end = plan.end_year();
    assert!(
        apply(year, &plan, &(end + 1).to_string())
            .unwrap_err()
            .contains("outside")
    );
    assert!(apply(year, &plan, &end.to_string()).is_ok());
}

#[test]
fn items_are_added_copied_moved_and_removed() {
    let plan = demo_plan();
    let strategies = |p: &Plan| p.strategies.len();
    let first = ItemRef {
        group: Group::Strategy,
        loc: Loc(0, 0),
    };
    let copied = duplicate(first, &plan).unwrap();
    assert_eq!(strategies(&copied), strategies(&plan) + 1);
    assert_eq!(copied.strategies[0], copied.strategies[1]);
    let (moved, at) = shift(
        ItemRef {
            group: Group::Strategy,
            loc: Loc(0, 0),
        },
        &plan,
        true,
    )
    .unwrap();
    assert_eq!(moved.strategies[1], plan.strategies[0]);
    assert_eq!(at.loc, Loc(1, 0));
    assert!(shift(first, &plan, false).is_err());
    let removed = remove(first, &plan).unwrap();
    assert_eq!(strategies(&removed), strategies(&plan) - 1);
    let mut one = plan.clone();
    one.strategies.truncate(1);
    assert!(
        remove(first, &one)
            .unwrap_err()
            .contains("at least one strategy")
    );
    let account = ItemRef {
        group: Group::Account,
        loc: Loc(0, 0),
    };
    assert_eq!(
        remove(account, &plan).unwrap().accounts.len(),
        plan.accounts.len() - 1
    );
    assert!(matches!(plan.accounts[0], Account::Taxable { .. }));
    let _ = Decimal::ZERO;
}
