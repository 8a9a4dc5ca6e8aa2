//! Named scenarios: each override changes its own scenario's household and nothing else, the
//! base stays as it was, plans with scenarios round-trip, plans from before scenarios load, and
//! a bad override is named by scenario and field.

use drawdown::plan::{
    Override, Plan, PlanError, Scenario, demo_plan, parse_plan, plan_to_text, validate,
};
use std::collections::BTreeMap;

/// The demo household without the scenarios its file keeps.
fn household() -> Plan {
    demo_plan().base()
}

fn scenario(name: &str, set: &[(&str, &str)]) -> Scenario {
    Scenario {
        name: name.into(),
        notes: String::new(),
        set: set
            .iter()
            .map(|(k, v)| (k.to_string(), Override::parse(v).unwrap()))
            .collect(),
    }
}

/// The demo with four scenarios that each change a different kind of field: a number in a list
/// element, a whole list added, an enum replaced, a struct field.
fn with_scenarios() -> Plan {
    let mut plan = household();
    plan.scenarios = vec![
        scenario(
            "Claim at 70",
            &[
                ("income.social_security[0].claim_age", "70"),
                ("income.social_security[1].claim_age", "70"),
            ],
        ),
        scenario(
            "Move to Florida",
            &[("moves", r#"[(year: 2028, state: "FL")]"#)],
        ),
        scenario(
            "Lower returns",
            &[("assumptions.returns", "Constant(nominal: 0.04)")],
        ),
        scenario(
            "Spend more, two strategies",
            &[
                ("spending.annual", "120000"),
                (
                    "spending.one_offs",
                    r#"[(year: 2030, amount: 40000, label: "Roof")]"#,
                ),
                ("strategies", "[Conventional, BracketFill(bracket: 0.12)]"),
            ],
        ),
    ];
    assert!(validate(&plan).is_empty(), "{:?}", validate(&plan));
    plan
}

#[test]
fn each_override_applies_only_to_its_scenario() {
    let plan = with_scenarios();
    let base = household();
    let s: Vec<Plan> = (0..4).map(|i| plan.with_scenario(i).unwrap()).collect();
    assert!(s.iter().all(|p| p.scenarios.is_empty()));

    let mut expect = base.clone();
    expect.income.social_security[0].claim_age = 70;
    expect.income.social_security[1].claim_age = 70;
    assert_eq!(s[0], expect);

    assert_eq!(s[1].moves.len(), 1);
    assert_eq!(s[1].moves[0].state, "FL");
    assert_eq!(s[1].residence_in(2027), base.state);
    let mut expect = base.clone();
    expect.moves = s[1].moves.clone();
    assert_eq!(s[1], expect);

    let mut expect = base.clone();
    expect.assumptions.returns = drawdown::plan::Returns::Constant {
        nominal: rust_decimal_macros::dec!(0.04),
    };
    assert_eq!(s[2], expect);

    assert_eq!(s[3].spending.annual, rust_decimal_macros::dec!(120000));
    assert_eq!(s[3].spending.one_offs.len(), 1);
    assert_eq!(s[3].strategies.len(), 2);
    assert_eq!(s[3].spending.survivor_share, base.spending.survivor_share);
    assert_eq!(s[3].accounts, base.accounts);
    assert_eq!(s[3].income, base.income);
}

#[test]
fn the_base_is_unchanged() {
    let plan = with_scenarios();
    for i in 0..plan.scenarios.len() {
        plan.with_scenario(i).unwrap();
    }
    assert_eq!(plan.base(), household());
    assert_eq!(plan.scenario_plan(None).unwrap(), household());
    assert_eq!(
        plan.scenario_plan(Some("move to florida"))
            .unwrap()
            .moves
            .len(),
        1,
        "names match ignoring case"
    );
}

#[test]
fn a_plan_with_scenarios_round_trips_and_reads_as_ron() {
    let plan = with_scenarios();
    let text = plan_to_text(&plan);
    // Written as RON values, not quoted strings.
    assert!(
        text.contains(r#""moves": [(year: 2028, state: "FL")]"#),
        "{text}"
    );
    assert!(
        text.contains(r#""assumptions.returns": Constant(nominal: 0.04)"#),
        "{text}"
    );
    let back = parse_plan(&text, "memory").unwrap();
    assert_eq!(back, plan);
    assert_eq!(plan_to_text(&back), text);
}

#[test]
fn a_plan_from_before_scenarios_loads_unchanged() {
    let text = include_str!("data/plans/before_scenarios.ron");
    let plan = parse_plan(text, "before_scenarios.ron").unwrap();
    assert!(plan.scenarios.is_empty());
    assert_eq!(plan.base(), plan);
    // And is written back without a scenarios field.
    assert!(!plan_to_text(&plan).contains("scenarios"));
}

#[test]
fn every_field_of_a_plan_can_be_overridden_by_its_path() {
    fn leaves(v: &serde_json::Value, path: String, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    let variant = k.starts_with(|c: char| c.is_ascii_uppercase());
                    let next = if variant {
                        path.clone()
                    } else if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    leaves(x, next, out);
                }
            }
            serde_json::Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    leaves(x, format!("{path}[{i}]"), out);
                }
            }
            _ => out.push(path),
        }
    }
    // Every leaf, changed alone (a number up by one, a string lengthened, a flag flipped),
    // is one override keyed by the leaf's path, and that override rebuilds the change.
    let base = household();
    let json = serde_json::to_value(&base).unwrap();
    let mut paths = Vec::new();
    leaves(&json, String::new(), &mut paths);
    paths.retain(|p| p != "version");
    assert!(paths.len() > 40, "{paths:?}");
    for path in &paths {
        let mut changed = json.clone();
        let mut at = &mut changed;
        for part in path.split('.') {
            let (field, index) = match part.split_once('[') {
                Some((f, i)) => (f, i.trim_end_matches(']').parse::<usize>().ok()),
                None => (part, None),
            };
            at = &mut at[field];
            // Through an enum variant's object, as the leaf walk went.
            while let Some(m) = at.as_object()
                && m.len() == 1
                && m.keys()
                    .all(|k| k.starts_with(|c: char| c.is_ascii_uppercase()))
                && !m.contains_key(field)
            {
                let k = m.keys().next().unwrap().clone();
                at = &mut at[&k];
            }
            if let Some(i) = index {
                at = &mut at[i];
                while let Some(m) = at.as_object()
                    && m.len() == 1
                    && m.keys()
                        .all(|k| k.starts_with(|c: char| c.is_ascii_uppercase()))
                {
                    let k = m.keys().next().unwrap().clone();
                    at = &mut at[&k];
                }
            }
        }
        let at_was_text = at.is_string();
        *at = match at.clone() {
            serde_json::Value::Number(n) if n.is_f64() => {
                serde_json::json!(n.as_f64().unwrap() + 0.5)
            }
            serde_json::Value::Number(n) => serde_json::json!(n.as_i64().unwrap() + 1),
            serde_json::Value::String(s) => serde_json::json!(format!("{s}x")),
            serde_json::Value::Bool(b) => serde_json::json!(!b),
            other => panic!("{path}: {other}"),
        };
        // A unit variant (`CurrentLaw`, `mfj`) is a string that takes no other text.
        let Ok(mut edited) = serde_json::from_value::<Plan>(changed) else {
            assert!(at_was_text, "{path}");
            continue;
        };
        edited.comments = base.comments.clone();
        assert_ne!(edited, base, "{path}");
        let set = Scenario::overrides_between(&base, &edited);
        let keys: Vec<&String> = set.keys().collect();
        assert_eq!(keys, [path], "{path}");
        let mut plan = base.clone();
        plan.scenarios = vec![Scenario {
            name: "s".into(),
            notes: String::new(),
            set,
        }];
        assert_eq!(plan.with_scenario(0).unwrap(), edited, "{path}");
        assert!(plan.overrides(0, path));
    }
}

#[test]
fn overrides_from_an_edit_rebuild_the_edited_household() {
    let base = household();
    let mut edited = base.clone();
    edited.people[1].planning_age = 92;
    edited.accounts.pop();
    edited.spending.survivor_share = rust_decimal_macros::dec!(0.7);
    edited.state = drawdown::plan::StateResidence::Resident { code: "NJ".into() };
    edited.moves.push(drawdown::plan::Move {
        year: 2030,
        state: "FL".into(),
    });
    let set = Scenario::overrides_between(&base, &edited);
    let keys: Vec<&str> = set.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "accounts",
            "moves",
            "people[1].planning_age",
            "spending.survivor_share",
            "state.code"
        ]
    );
    let mut plan = base.clone();
    plan.scenarios.push(Scenario {
        name: "edited".into(),
        notes: String::new(),
        set,
    });
    assert_eq!(plan.with_scenario(0).unwrap(), edited);
    assert!(plan.overrides(0, "accounts[1].balance"));
    assert!(plan.overrides(0, "state.code"));
    assert!(!plan.overrides(0, "people[0].planning_age"));
    assert!(!plan.overrides(0, "spending.survivor"));

    // Back to a field at its default: the file leaves moves out, the override says [].
    let mut back = edited.clone();
    back.moves.clear();
    let set = Scenario::overrides_between(&edited, &back);
    assert_eq!(set.get("moves").map(Override::text), Some("[]"));
}

fn errors(set: &[(&str, &str)]) -> String {
    let mut plan = household();
    plan.scenarios = vec![scenario("Retire early", set)];
    let text = plan_to_text(&plan);
    match parse_plan(&text, "p.ron") {
        Err(PlanError::Invalid { issues, .. }) => issues
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n"),
        other => panic!("{set:?}: {other:?}"),
    }
}

#[test]
fn a_bad_override_names_the_scenario_and_the_field() {
    let cases: &[(&[(&str, &str)], &str)] = &[
        (
            &[("spending.anual", "1")],
            r#"scenario "Retire early": spending.anual: "#,
        ),
        (
            &[("spending.annual", "-5")],
            r#"scenario "Retire early": spending.annual: "#,
        ),
        (
            &[("income.social_security[0].claim_age", "99")],
            r#"scenario "Retire early": income.social_security[0].claim_age: "#,
        ),
        (
            &[("income.social_security[5].claim_age", "67")],
            "past the end of a list of 2",
        ),
        (
            &[("people[0].name", "12")],
            r#"scenario "Retire early": people[0].name: "#,
        ),
        (
            &[("moves", r#"[(year: 2030, state: "ZZ")]"#)],
            "moves[0].state",
        ),
        (
            &[("version", "2")],
            "is not something a scenario can change",
        ),
        (&[("heirs_rate.x", "1")], "'x' is not a field here"),
        (&[("a..b", "1")], r#"scenario "Retire early": a..b"#),
    ];
    for (set, want) in cases {
        let text = errors(set);
        assert!(text.contains(want), "{set:?}: {text}");
    }
}

#[test]
fn scenario_names_are_checked() {
    let mut plan = household();
    plan.scenarios = vec![
        scenario("Same", &[]),
        scenario("same", &[]),
        scenario(" ", &[]),
    ];
    let issues: Vec<String> = validate(&plan).iter().map(ToString::to_string).collect();
    assert!(
        issues
            .iter()
            .any(|i| i.starts_with("scenarios[1].name") && i.contains("two"))
    );
    assert!(issues.iter().any(|i| i.starts_with("scenarios[2].name")));
    // The base household's name, in any case, would give two columns one name.
    plan.scenarios = vec![scenario("Dana at 70", &[]), scenario(" BASE", &[])];
    let issues: Vec<String> = validate(&plan).iter().map(ToString::to_string).collect();
    assert!(
        issues
            .iter()
            .any(|i| i.starts_with("scenarios[1].name") && i.contains("base household")),
        "{issues:?}"
    );
    assert_eq!(issues.len(), 1, "{issues:?}");
    // Another scenario's change column ("Δ Dana at 70" beside "Dana at 70"), whichever comes
    // first: in JSON the two columns had one key, and the scenario's figures took the change's.
    for names in [
        ["Dana at 70", " Δ DANA AT 70 "],
        ["Δ Dana at 70", "Dana at 70"],
    ] {
        plan.scenarios = names.iter().map(|n| scenario(n, &[])).collect();
        let issues: Vec<String> = validate(&plan).iter().map(ToString::to_string).collect();
        let at = names.iter().position(|n| n.contains('Δ')).unwrap();
        assert!(
            issues
                .iter()
                .any(|i| i.starts_with(&format!("scenarios[{at}].name"))
                    && i.contains("is what scenario \"Dana at 70\"'s change against the base")),
            "{issues:?}"
        );
        assert_eq!(issues.len(), 1, "{issues:?}");
    }
    // Names that are no column's: the base has no change column, and "ΔDana" is not "Δ Dana".
    plan.scenarios = ["Dana at 70", "ΔDana at 70", "Δ Base", "Δ"]
        .iter()
        .map(|n| scenario(n, &[]))
        .collect();
    let issues = validate(&plan);
    assert!(issues.is_empty(), "{issues:?}");
    plan.scenarios = (0..21).map(|i| scenario(&format!("s{i}"), &[])).collect();
    assert!(validate(&plan).iter().any(|i| i.path == "scenarios"));
    let too_many: BTreeMap<String, Override> = (0..101)
        .map(|i| (format!("people[0].name{i}"), Override::parse("1").unwrap()))
        .collect();
    plan.scenarios = vec![Scenario {
        name: "big".into(),
        notes: String::new(),
        set: too_many,
    }];
    assert!(validate(&plan).iter().any(|i| i.path == "scenarios[0].set"));
}

#[test]
fn an_override_that_is_not_ron_is_a_syntax_error_of_the_file() {
    let text = plan_to_text(&household()).replace(
        "    strategies:",
        "    scenarios: [(name: \"x\", set: {\"spending.annual\": (})],\n    strategies:",
    );
    assert!(matches!(
        parse_plan(&text, "p.ron"),
        Err(PlanError::Syntax { .. })
    ));
}

#[test]
fn the_demo_keeps_two_scenarios_that_do_what_they_say() {
    let plan = demo_plan();
    let names: Vec<&str> = plan.scenarios.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Claim at 70", "Move to Florida"]);
    let late = plan.scenario_plan(Some("Claim at 70")).unwrap();
    assert!(
        late.income
            .social_security
            .iter()
            .all(|s| s.claim_age == 70)
    );
    let fl = plan.scenario_plan(Some("Move to Florida")).unwrap();
    assert_eq!(fl.residence_in(2027).label(), "Massachusetts");
    assert_eq!(fl.residence_in(2028).label(), "Florida");
    assert_eq!(fl.base(), fl);
}
