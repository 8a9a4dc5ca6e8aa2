//! Named scenarios: variations of one household ("retire at 62", "move to Florida"), each a
//! small set of overrides laid over the base plan.
//!
//! An override is a field path, written as the form and validation name fields
//! (`income.social_security[0].claim_age`, `spending.annual`, `moves`), and a RON value for it.
//! Overrides are applied to the base plan's own RON text (see [`super::ron_tree`]) and the result
//! is read back by serde, so every plan field, including fields added after this code, can be
//! overridden without code of its own, and the types check every value.

use super::model::Plan;
use super::ron_tree::{self, Node, Step};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use thiserror::Error;

/// Most scenarios a plan holds, and most overrides one scenario holds: far beyond what a
/// meeting compares, and a bound on the work validation does.
pub const MAX_SCENARIOS: usize = 20;
pub const MAX_OVERRIDES: usize = 100;

/// The name the base household goes by beside its scenarios (the side-by-side report's column,
/// the planner's list). No scenario may take it, in any letter case: its column and its JSON key
/// would be the base's.
pub const BASE_NAME: &str = "Base";

/// The side-by-side report's column of a scenario's change against the base, after the
/// scenario's own column: "Δ Spend less".
pub fn change_column(name: &str) -> String {
    format!("Δ {name}")
}

impl Scenario {
    /// Why a scenario cannot be called `name` beside one called `other`: it is the header of
    /// `other`'s change column ("Δ Spend less" beside "Spend less"), so in the side-by-side
    /// report two columns would have one name, and in JSON one key. Compared as scenario names
    /// are: trimmed, in any letter case.
    pub fn change_name_problem(name: &str, other: &str) -> Option<String> {
        let name = name.trim();
        let rest = name.strip_prefix('Δ')?;
        let clash =
            rest.starts_with(char::is_whitespace) && rest.trim().eq_ignore_ascii_case(other.trim());
        clash.then(|| {
            format!(
                "\"{name}\" is what scenario \"{}\"'s change against the base is called beside \
                 it: give the scenario another name",
                other.trim()
            )
        })
    }

    /// Why a scenario cannot be called `name`: it is the base household's, in any letter case.
    pub fn base_name_problem(name: &str) -> Option<String> {
        name.trim().eq_ignore_ascii_case(BASE_NAME).then(|| {
            format!(
                "\"{}\" is what the base household is called beside its scenarios: give the \
                 scenario another name",
                name.trim()
            )
        })
    }
}

/// One named variation of the household.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub name: String,
    /// What the scenario asks, in a sentence (shown beside it).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Field path to the value it takes in this scenario.
    #[serde(default)]
    pub set: BTreeMap<String, Override>,
}

/// A value in RON, as the plan file writes it: `62`, `[(year: 2031, state: "FL")]`,
/// `Constant(nominal: 0.04)`. Kept as compact text, and written into the file as RON (not as a
/// quoted string).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override(String);

impl Override {
    /// Reads a value; the text is kept in compact form.
    pub fn parse(text: &str) -> Result<Override, String> {
        Ok(Override(ron_tree::parse(text)?.print()))
    }

    pub fn text(&self) -> &str {
        &self.0
    }
}

impl Serialize for Override {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match ron::value::RawValue::from_ron(&self.0) {
            Ok(raw) => raw.serialize(s),
            // Text ron cannot read never reaches here (it is checked on load and on edit);
            // written as a string, a bad value still fails validation when the file is read.
            Err(_) => s.serialize_str(&self.0),
        }
    }
}

impl<'de> Deserialize<'de> for Override {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Override, D::Error> {
        let raw = Box::<ron::value::RawValue>::deserialize(d)?;
        Override::parse(raw.get_ron()).map_err(serde::de::Error::custom)
    }
}

/// Why a scenario cannot be laid over its plan, naming the scenario and the field.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("scenario \"{scenario}\": {path}: {message}")]
pub struct ScenarioError {
    pub scenario: String,
    pub path: String,
    pub message: String,
}

/// Top-level fields a scenario may not set: the format version, and the scenarios themselves.
const NOT_OVERRIDABLE: &[&str] = &["version", "scenarios"];

impl Plan {
    /// The plan without its scenarios: the base household.
    pub fn base(&self) -> Plan {
        Plan {
            scenarios: Vec::new(),
            ..self.clone()
        }
    }

    /// The index of the scenario named `name` (exactly, else ignoring case).
    pub fn scenario_index(&self, name: &str) -> Option<usize> {
        self.scenarios
            .iter()
            .position(|s| s.name == name)
            .or_else(|| {
                self.scenarios
                    .iter()
                    .position(|s| s.name.eq_ignore_ascii_case(name.trim()))
            })
    }

    /// The household as scenario `index` has it: the base with the scenario's overrides, and no
    /// scenarios of its own.
    pub fn with_scenario(&self, index: usize) -> Result<Plan, ScenarioError> {
        let scenario = self.scenarios.get(index).ok_or_else(|| ScenarioError {
            scenario: format!("#{}", index + 1),
            path: "scenarios".into(),
            message: "there is no such scenario".into(),
        })?;
        let error = |path: &str, message: String| ScenarioError {
            scenario: scenario.name.clone(),
            path: path.to_string(),
            message,
        };
        let base = self.base();
        let tree = plan_tree(&base);
        let mut steps = Vec::with_capacity(scenario.set.len());
        for (path, value) in &scenario.set {
            let p = ron_tree::parse_path(path).map_err(|m| error(path, m))?;
            if let Some(Step::Field(top)) = p.first()
                && NOT_OVERRIDABLE.contains(&top.as_str())
            {
                return Err(error(path, "is not something a scenario can change".into()));
            }
            let v = ron_tree::parse(value.text()).map_err(|m| error(path, m))?;
            steps.push((path.as_str(), p, v));
        }
        let mut merged = tree.clone();
        for (path, p, v) in &steps {
            merged.set(p, v.clone()).map_err(|m| error(path, m))?;
        }
        match read(&merged) {
            Ok(mut plan) => {
                plan.comments = self.comments.clone();
                Ok(plan)
            }
            Err(message) => {
                // Name the override the types refuse: the first that fails on its own.
                for (path, p, v) in &steps {
                    let mut one = tree.clone();
                    if one.set(p, v.clone()).is_ok()
                        && let Err(m) = read(&one)
                    {
                        return Err(error(path, m));
                    }
                }
                Err(error("set", message))
            }
        }
    }

    /// The household as the scenario named `name` has it, or the base for `None`.
    pub fn scenario_plan(&self, name: Option<&str>) -> Result<Plan, ScenarioError> {
        match name {
            None => Ok(self.base()),
            Some(n) => match self.scenario_index(n) {
                Some(i) => self.with_scenario(i),
                None => Err(ScenarioError {
                    scenario: n.to_string(),
                    path: "scenarios".into(),
                    message: if self.scenarios.is_empty() {
                        "the plan has no scenarios".into()
                    } else {
                        format!(
                            "no scenario has this name (the plan has {})",
                            self.scenarios
                                .iter()
                                .map(|s| format!("\"{}\"", s.name))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    },
                }),
            },
        }
    }

    /// Whether scenario `index` overrides the field at `path` (or a list or struct holding it).
    pub fn overrides(&self, index: usize, path: &str) -> bool {
        self.scenarios.get(index).is_some_and(|s| {
            s.set.keys().any(|k| {
                path == k
                    || path
                        .strip_prefix(k.as_str())
                        .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
            })
        })
    }
}

impl Scenario {
    /// A scenario with no overrides yet.
    pub fn named(name: &str) -> Scenario {
        Scenario {
            name: name.to_string(),
            notes: String::new(),
            set: BTreeMap::new(),
        }
    }

    /// The overrides that turn `base` into `edited`: how the planner keeps a scenario as the
    /// user edits its household through the form.
    pub fn overrides_between(base: &Plan, edited: &Plan) -> BTreeMap<String, Override> {
        let a = plan_tree(&base.base());
        let b = plan_tree(&edited.base());
        ron_tree::diff(&a, &b)
            .into_iter()
            .map(|(path, value)| (ron_tree::path_text(&path), Override(value.print())))
            .collect()
    }
}

/// The plan as a tree of its own RON text.
fn plan_tree(plan: &Plan) -> Node {
    let text = ron::to_string(plan).expect("a plan of plain data always serialises");
    ron_tree::parse(&text).expect("ron's own output reads back")
}

fn read(tree: &Node) -> Result<Plan, String> {
    ron::Options::default()
        .from_str::<Plan>(&tree.print())
        .map_err(|e| e.code.to_string())
}
