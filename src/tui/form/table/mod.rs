//! The form's one table: an entry per plan field, kept in one file per pane (in the order the
//! pane shows them within each group). Rows, editing, help and the mapping of validation
//! messages to fields all come from it, so a new plan field is one entry in its pane's file
//! (plus its model field). `form::tests::every_plan_field_has_one_entry_and_every_entry_a_plan_field`
//! checks the table against the plan file's own fields.

use super::groups::Group;
use super::spec::{Access, Bounds, FieldSpec, Kind, Loc, Names, Note};
use crate::money::MAX_MONEY;
use crate::plan::{
    Account, Dividends, Lifetimes, PathMode, Plan, PriorMagi, Returns, RmdRule, RmdTable, Sex,
    StateResidence, WithdrawalTiming,
};
use crate::strategy::{
    AfterFall, Objective, OrderStep, Source, StepCap, StrategySpec, bracket_label,
};
use crate::tax::{Filing, LawMode, StateCode};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

const fn field(
    group: Group,
    label: &'static str,
    path: &'static str,
    kind: Kind,
    access: Access,
    help: &'static str,
) -> FieldSpec {
    FieldSpec {
        group,
        label,
        path,
        kind,
        access,
        bounds: None,
        help,
        note: None,
        private: false,
    }
}

impl FieldSpec {
    const fn within(mut self, bounds: Bounds) -> FieldSpec {
        self.bounds = Some(bounds);
        self
    }

    const fn noted(mut self, note: Note) -> FieldSpec {
        self.note = Some(note);
        self
    }

    const fn private(mut self) -> FieldSpec {
        self.private = true;
        self
    }
}

fn d(n: i64) -> Decimal {
    Decimal::from(n)
}

fn money_bounds(_: &Plan, _: Loc) -> (Decimal, Decimal) {
    (Decimal::ZERO, MAX_MONEY)
}

fn share_bounds(_: &Plan, _: Loc) -> (Decimal, Decimal) {
    (Decimal::ZERO, Decimal::ONE)
}

fn return_bounds(_: &Plan, _: Loc) -> (Decimal, Decimal) {
    (dec!(-0.5), dec!(0.3))
}

fn age_bounds(_: &Plan, _: Loc) -> (Decimal, Decimal) {
    (Decimal::ZERO, d(120))
}

/// An account's field, for the kinds of account that have it.
macro_rules! account {
    ($access:ident, [$($kind:ident),+], $field:ident) => {
        Access::$access {
            get: |p, l| match p.accounts.get(l.0)? {
                $(Account::$kind { $field, .. })|+ => Some($field.clone()),
                #[allow(unreachable_patterns)]
                _ => None,
            },
            set: |p, l, v| match p.accounts.get_mut(l.0)? {
                $(Account::$kind { $field, .. })|+ => {
                    *$field = v;
                    Some(())
                }
                #[allow(unreachable_patterns)]
                _ => None,
            },
        }
    };
}

/// A parameter of one kind of strategy (seen through its label).
macro_rules! strategy {
    ($access:ident, $kind:ident, $field:ident) => {
        Access::$access {
            get: |p, l| match p.strategies.get(l.0)?.kind() {
                StrategySpec::$kind { $field, .. } => Some($field.clone()),
                _ => None,
            },
            set: |p, l, v| match p.strategies.get_mut(l.0)?.kind_mut() {
                StrategySpec::$kind { $field, .. } => {
                    *$field = v;
                    Some(())
                }
                _ => None,
            },
        }
    };
}

/// A field of an item of a list in the plan.
macro_rules! item {
    ($access:ident, $($list:ident).+, $field:ident) => {
        Access::$access {
            get: |p, l| p.$($list).+.get(l.0).map(|x| x.$field.clone()),
            set: |p, l, v| {
                p.$($list).+.get_mut(l.0)?.$field = v;
                Some(())
            },
        }
    };
}

/// A field of an item of a list, as a whole number.
macro_rules! item_int {
    ($($list:ident).+, $field:ident) => {
        Access::Int {
            get: |p, l| p.$($list).+.get(l.0).map(|x| i64::from(x.$field)),
            set: |p, l, v| {
                p.$($list).+.get_mut(l.0)?.$field = v.try_into().ok()?;
                Some(())
            },
        }
    };
}

/// A parameter of the plan's own flat state tax (absent for a resident of a real state).
macro_rules! custom_state {
    (rate) => {
        custom_state!(@ Decimal, rate)
    };
    (deduction) => {
        custom_state!(@ Decimal, deduction)
    };
    ($field:ident) => {
        custom_state!(@ Toggle, $field)
    };
    (@ $access:ident, $field:ident) => {
        Access::$access {
            get: |p, _| p.state.custom_tax().map(|t| t.$field),
            set: |p, _, v| {
                p.state.custom_tax()?;
                p.state.edit_custom(|t| t.$field = v);
                Some(())
            },
        }
    };
}

/// A field outside any list.
macro_rules! single {
    ($access:ident, $($path:ident).+) => {
        Access::$access {
            get: |p, _| Some(p.$($path).+.clone()),
            set: |p, _, v| {
                p.$($path).+ = v;
                Some(())
            },
        }
    };
}

/// What the State field shows for a flat rate of the plan's own.
const OWN_RATE: &str = "own rate";

/// The residence typed into the State field: a postal code, a state's name (as the picker
/// shows it, "New Jersey (NJ)", or alone), or the plan's own flat rate (kept from before when
/// it had one). Text that names no state is left as it is for validation to name.
fn state_from_text(now: &StateResidence, text: &str) -> StateResidence {
    let t = text.trim();
    if t.is_empty() || t.eq_ignore_ascii_case(OWN_RATE) || t.eq_ignore_ascii_case("custom") {
        match now {
            StateResidence::Custom { .. } => now.clone(),
            StateResidence::Resident { .. } => StateResidence::default(),
        }
    } else {
        StateResidence::Resident {
            code: state_code_of(t),
        }
    }
}

/// The postal code a typed state stands for: the code itself, "Name (XX)", or a state's full
/// name in any case; other text as typed (upper case), for validation to refuse.
fn state_code_of(text: &str) -> String {
    let t = text.trim();
    if let Some(inner) = t
        .strip_suffix(')')
        .and_then(|r| r.rsplit_once('('))
        .map(|x| x.1)
        && let Some(code) = StateCode::parse(inner)
    {
        return code.code().to_string();
    }
    if let Some(code) = StateCode::parse(t) {
        return code.code().to_string();
    }
    StateCode::all()
        .find(|c| c.name().eq_ignore_ascii_case(t))
        .map_or_else(|| t.to_uppercase(), |c| c.code().to_string())
}

/// A state as the field shows it: "New Jersey (NJ)".
pub fn state_label(code: &str) -> String {
    match StateCode::parse(code) {
        Some(c) => format!("{} ({})", c.name(), c.code()),
        None => code.to_string(),
    }
}

/// What the State field's picker offers for the typed text, best first: the state with that
/// code, codes starting with it, names starting with it, names containing it, and the plan's
/// own rate when the field allows it. Empty text offers nothing (the list would be all 51).
pub fn state_matches(text: &str, own_rate: bool) -> Vec<String> {
    let t = text.trim().to_lowercase();
    if t.is_empty() {
        return Vec::new();
    }
    let exact = state_code_of(&t);
    if StateCode::parse(&exact).is_some() && state_label(&exact).to_lowercase() == t {
        return vec![state_label(&exact)];
    }
    let mut out: Vec<String> = Vec::new();
    let mut push = |label: String| {
        if !out.contains(&label) {
            out.push(label);
        }
    };
    let all: Vec<StateCode> = StateCode::all().collect();
    for c in &all {
        if c.code().eq_ignore_ascii_case(&t) {
            push(state_label(c.code()));
        }
    }
    for c in &all {
        if c.code().to_lowercase().starts_with(&t) {
            push(state_label(c.code()));
        }
    }
    for c in &all {
        if c.name().to_lowercase().starts_with(&t) {
            push(state_label(c.code()));
        }
    }
    for c in &all {
        if c.name().to_lowercase().contains(&t) {
            push(state_label(c.code()));
        }
    }
    if own_rate && (OWN_RATE.starts_with(&t) || "custom".starts_with(&t)) {
        push(OWN_RATE.to_string());
    }
    out
}

/// A person chosen by name: who receives an income or owns an account.
fn person_options(plan: &Plan, _: Loc) -> Vec<String> {
    plan.people.iter().map(|p| p.name.clone()).collect()
}

/// The bracket rates of the plan's law, "0% (deductions)" first: what a strategy may fill.
pub fn bracket_rates(plan: &Plan) -> Vec<Decimal> {
    let year = plan.assumptions.start_year.clamp(2022, 2026);
    let mut rates = vec![Decimal::ZERO];
    match crate::tax::TaxLaw::for_year(year) {
        Ok(law) => rates.extend(law.rates.iter().take(law.rates.len() - 1)),
        Err(_) => rates.extend([10, 12, 22, 24, 32, 35].map(|r| Decimal::new(r, 2))),
    }
    rates
}

fn bracket_options(plan: &Plan, _: Loc) -> Vec<String> {
    bracket_rates(plan).into_iter().map(bracket_label).collect()
}

fn bracket_index(plan: &Plan, rate: Decimal) -> usize {
    let rates = bracket_rates(plan);
    rates.iter().rposition(|r| *r <= rate).unwrap_or(0)
}

fn bracket_at(plan: &Plan, i: usize) -> Option<Decimal> {
    bracket_rates(plan).get(i).copied()
}

/// The step of a custom order at `loc`.
fn step(p: &Plan, l: Loc) -> Option<&OrderStep> {
    super::items::steps(p, l.0)?.get(l.1)
}

fn step_mut(p: &mut Plan, l: Loc) -> Option<&mut OrderStep> {
    super::items::steps_mut(p, l.0)?.get_mut(l.1)
}

fn schedule_row(p: &Plan, l: Loc) -> Option<&crate::strategy::ScheduleRow> {
    super::items::schedule_rows(p, l.0)?.get(l.1)
}

fn schedule_row_mut(p: &mut Plan, l: Loc) -> Option<&mut crate::strategy::ScheduleRow> {
    super::items::schedule_rows_mut(p, l.0)?.get_mut(l.1)
}

const SOURCES: [Source; 4] = Source::ALL;

fn birth_year_note(p: &Plan, l: Loc, _: &dyn Names) -> Option<String> {
    let person = p.people.get(l.0)?;
    let start = p.assumptions.start_year;
    Some(format!("age {} in {start}", start - person.birth_year))
}

fn planning_age_note(p: &Plan, l: Loc, _: &dyn Names) -> Option<String> {
    let person = p.people.get(l.0)?;
    Some(format!(
        "to {}",
        person.birth_year + i32::try_from(person.planning_age).ok()?
    ))
}

/// The person's life expectancy from the SSA table with their sex and mortality multiplier.
fn life_expectancy_note(p: &Plan, l: Loc, _: &dyn Names) -> Option<String> {
    p.people.get(l.0)?;
    let table = crate::engine::mortality::LifeTable::get().ok()?;
    let s = crate::engine::mortality::Survival::for_plan(p, table, 0);
    let age = s.expected_age_at_death.get(l.0)?;
    Some(format!("lives to {} on average", age.round_dp(1)))
}

fn first_persons_age(p: &Plan, _: Loc, names: &dyn Names) -> Option<String> {
    p.people.first()?;
    Some(format!("{}'s age", names.person(p, 0)))
}

fn in_plan_years(p: &Plan, _: Loc) -> (Decimal, Decimal) {
    (d(p.assumptions.start_year.into()), d(p.end_year().into()))
}

/// The Monte Carlo parameters in the form's order, when the mode is Monte Carlo.
fn monte_carlo(mode: &mut PathMode) -> Option<[&mut Decimal; 7]> {
    match mode {
        PathMode::MonteCarlo {
            stocks_mean,
            stocks_vol,
            bonds_mean,
            bonds_vol,
            correlation,
            inflation_mean,
            inflation_vol,
        } => Some([
            stocks_mean,
            stocks_vol,
            bonds_mean,
            bonds_vol,
            correlation,
            inflation_mean,
            inflation_vol,
        ]),
        _ => None,
    }
}

macro_rules! mc {
    ($i:expr) => {
        Access::Decimal {
            get: |p, _| {
                let mut mode = p.assumptions.simulation.mode.clone();
                monte_carlo(&mut mode).map(|slots| *slots[$i])
            },
            set: |p, _, v| {
                *monte_carlo(&mut p.assumptions.simulation.mode)?
                    .into_iter()
                    .nth($i)? = v;
                Some(())
            },
        }
    };
}

mod accounts;
mod income;
mod market;
mod people;
mod spending;
mod strategies;

/// Every field of the form: the panes' parts in pane order.
pub static FIELDS: std::sync::LazyLock<Vec<FieldSpec>> = std::sync::LazyLock::new(|| {
    [
        people::FIELDS,
        accounts::FIELDS,
        income::FIELDS,
        spending::FIELDS,
        market::FIELDS,
        strategies::FIELDS,
    ]
    .concat()
});

/// A filing status as short as the form's value column needs.
fn filing_name(f: Filing) -> &'static str {
    match f {
        Filing::Mfj => "married, joint",
        Filing::Mfs => "married, separate",
        Filing::Single => "single",
        Filing::Hoh => "head of household",
    }
}

/// Filing statuses open to the plan's household.
fn filing_options(plan: &Plan) -> &'static [Filing] {
    if plan.people.len() == 2 {
        &[Filing::Mfj, Filing::Mfs, Filing::Single]
    } else {
        &[Filing::Single, Filing::Hoh]
    }
}
