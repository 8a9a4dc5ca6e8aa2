//! The editable form, derived from one table of field specs (`table::FIELDS`) and the groups
//! they belong to (`groups::GROUPS`): which rows each pane shows, how a field's value reads,
//! how typed text becomes a new plan (or the reason it cannot), and adding, removing, copying
//! and reordering items. Nothing here lists fields: every function walks the table.

pub mod groups;
pub mod items;
pub mod spec;
pub mod table;
pub mod value;

pub use groups::{AddRun, Group};
pub use items::Leaving;
pub use spec::{FieldSpec, Kind, Loc, Names};
pub use value::Value;

use crate::plan::{Plan, validate_household};
use groups::{GROUPS, GroupSpec};
use spec::Access;
use std::collections::HashMap;
use table::FIELDS;

/// The editing panes on the left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    People,
    Accounts,
    Income,
    Spending,
    Strategies,
}

impl Pane {
    pub const ALL: [Pane; 5] = [
        Pane::People,
        Pane::Accounts,
        Pane::Income,
        Pane::Spending,
        Pane::Strategies,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Pane::People => "People",
            Pane::Accounts => "Accounts",
            Pane::Income => "Income",
            Pane::Spending => "Spending & assumptions",
            Pane::Strategies => "Strategies",
        }
    }

    /// The tab title on a narrow form.
    pub fn short_title(self) -> &'static str {
        match self {
            Pane::Spending => "Spending",
            Pane::Strategies => "Strategies",
            other => other.title(),
        }
    }

    pub fn index(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }
}

/// A field at a place in the plan: an entry of the table and the list indices it is at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FieldRef {
    /// Index into [`table::FIELDS`].
    pub spec: usize,
    pub loc: Loc,
}

impl FieldRef {
    pub fn spec(self) -> &'static FieldSpec {
        &FIELDS[self.spec]
    }

    /// The list item the field belongs to, if its group is a list.
    pub fn item(self) -> Option<ItemRef> {
        let group = self.spec().group;
        groups::spec(group).list.as_ref().map(|_| ItemRef {
            group,
            loc: self.loc,
        })
    }
}

/// An item of a list: which group, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ItemRef {
    pub group: Group,
    pub loc: Loc,
}

impl ItemRef {
    /// The item's index in its own list.
    fn index(self) -> usize {
        if groups::spec(self.group).parent.is_some() {
            self.loc.1
        } else {
            self.loc.0
        }
    }
}

/// An add row: which group's which add, and where the new item goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AddRef {
    pub group: Group,
    pub add: usize,
    pub loc: Loc,
}

impl AddRef {
    pub fn spec(self) -> Option<&'static groups::AddSpec> {
        groups::spec(self.group).list.as_ref()?.adds.get(self.add)
    }

    pub fn label(self) -> &'static str {
        self.spec().map_or("", |a| a.label)
    }
}

/// One line of a pane.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    Section(String),
    Field(FieldRef),
    Add(AddRef),
}

impl Row {
    pub fn selectable(&self) -> bool {
        !matches!(self, Row::Section(_))
    }
}

/// The rows of a pane for a plan, with headings named as `names` shows people.
pub fn rows(pane: Pane, plan: &Plan, names: &dyn Names) -> Vec<Row> {
    let mut out = Vec::new();
    for g in GROUPS
        .iter()
        .filter(|g| g.pane == pane && g.parent.is_none())
    {
        group_rows(g, plan, Loc::default(), names, &mut out);
    }
    out
}

fn group_rows(g: &GroupSpec, plan: &Plan, parent: Loc, names: &dyn Names, out: &mut Vec<Row>) {
    let nested = g.parent.is_some();
    let count = g.list.as_ref().map_or(1, |l| (l.len)(plan, parent));
    for i in 0..count {
        let loc = if nested { Loc(parent.0, i) } else { Loc(i, 0) };
        if let Some(heading) = g.heading
            && (g.list.is_some() || i == 0)
        {
            out.push(Row::Section(heading(plan, loc, names)));
        }
        for (k, f) in FIELDS.iter().enumerate() {
            if f.group == g.group && f.applies(plan, loc) {
                out.push(Row::Field(FieldRef { spec: k, loc }));
            }
        }
        for child in GROUPS.iter().filter(|c| c.parent == Some(g.group)) {
            group_rows(child, plan, loc, names, out);
        }
    }
    if let Some(list) = &g.list {
        for (k, add) in list.adds.iter().enumerate() {
            if (add.show)(plan, parent) {
                out.push(Row::Add(AddRef {
                    group: g.group,
                    add: k,
                    loc: parent,
                }));
            }
        }
    }
}

/// The field's value as the plan holds it.
pub fn value(f: FieldRef, plan: &Plan) -> Option<Value> {
    let loc = f.loc;
    Some(match f.spec().access {
        Access::Decimal { get, .. } => Value::Decimal(get(plan, loc)?),
        Access::MaybeDecimal { get, .. } => Value::MaybeDecimal(get(plan, loc)?),
        Access::Int { get, .. } => Value::Int(get(plan, loc)?),
        Access::MaybeInt { get, .. } => Value::MaybeInt(get(plan, loc)?),
        Access::Text { get, .. } => Value::Text(get(plan, loc)?),
        Access::Toggle { get, .. } => Value::Text(yes_no(get(plan, loc)?).into()),
        Access::Choice { options, get, .. } => {
            let i = get(plan, loc)?;
            Value::Text(options(plan, loc).get(i).cloned().unwrap_or_default())
        }
    })
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// The field's value as text: what an edit starts from, and what reads back the same.
pub fn text(f: FieldRef, plan: &Plan) -> String {
    value(f, plan).map_or_else(String::new, |v| value::show(f.spec().kind, &v))
}

/// The help line for a field: what it means, how to type it, and its bounds.
pub fn help(f: FieldRef, plan: &Plan) -> String {
    let spec = f.spec();
    let mut s = format!(
        "{}. {}",
        capitalise(spec.help),
        capitalise(value::rule(spec.kind))
    );
    if let Some(bounds) = spec.bounds {
        let (lo, hi) = bounds(plan, f.loc);
        let show = |d| value::show(spec.kind, &bounded_value(spec, d));
        if hi < crate::money::MAX_MONEY && hi < rust_decimal::Decimal::from(i64::MAX) {
            s.push_str(&format!(", {} to {}", show(lo), show(hi)));
        }
    }
    s.push('.');
    s
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn bounded_value(spec: &FieldSpec, d: rust_decimal::Decimal) -> Value {
    use rust_decimal::prelude::ToPrimitive;
    match spec.access {
        Access::Int { .. } | Access::MaybeInt { .. } => Value::Int(d.to_i64().unwrap_or(0)),
        _ => Value::Decimal(d),
    }
}

/// Reads `input` as the field's value: the value, or why it cannot be one (a parse error, or
/// outside the field's bounds for this plan).
pub fn read(f: FieldRef, plan: &Plan, input: &str) -> Result<Value, String> {
    let spec = f.spec();
    let v = value::parse(spec.kind, input)?;
    if let Some(bounds) = spec.bounds {
        let (lo, hi) = bounds(plan, f.loc);
        let d = match &v {
            Value::Decimal(d) | Value::MaybeDecimal(Some(d)) => Some(*d),
            Value::Int(n) | Value::MaybeInt(Some(n)) => Some(rust_decimal::Decimal::from(*n)),
            _ => None,
        };
        if let Some(d) = d
            && (d < lo || d > hi)
        {
            let show = |x| value::show(spec.kind, &bounded_value(spec, x));
            return Err(format!(
                "{} is outside {} to {}",
                show(d),
                show(lo),
                show(hi)
            ));
        }
    }
    Ok(v)
}

/// The plan with the field set from `input`, or why it cannot be: a parse or bounds error, or
/// what the plan's validation says (the field's own problems first).
pub fn apply(f: FieldRef, plan: &Plan, input: &str) -> Result<Plan, String> {
    let v = read(f, plan, input)?;
    let mut next = plan.clone();
    let gone = || "this item no longer exists".to_string();
    let loc = f.loc;
    let set = match (f.spec().access, v) {
        (Access::Decimal { set, .. }, Value::Decimal(d)) => set(&mut next, loc, d),
        (Access::MaybeDecimal { set, .. }, Value::MaybeDecimal(d)) => set(&mut next, loc, d),
        (Access::Int { set, .. }, Value::Int(n)) => set(&mut next, loc, n),
        (Access::MaybeInt { set, .. }, Value::MaybeInt(n)) => set(&mut next, loc, n),
        (Access::Text { set, .. }, Value::Text(t)) => set(&mut next, loc, t),
        _ => return Err("choose with Enter or Space".into()),
    };
    set.ok_or_else(gone)?;
    checked(f, next)
}

/// The plan if it validates; else the first problem, the field's own first and told by its
/// message alone, one of another field of the same item by that field's label ("and months:
/// must be 0 when claiming at 70"), any other by its path in the plan file.
fn checked(f: FieldRef, next: Plan) -> Result<Plan, String> {
    let mut issues = validate_household(&next);
    if issues.is_empty() {
        return Ok(next);
    }
    let own = f.spec().path_at(f.loc);
    issues.sort_by_key(|i| !i.path.starts_with(&own));
    let first = &issues[0];
    if first.path.starts_with(&own) {
        return Err(first.message.clone());
    }
    // The item's fields are on screen around the one being typed into, so the label names the
    // field as well as the path would, and fits the line under it.
    let sibling = FIELDS
        .iter()
        .find(|g| g.group == f.spec().group && g.path_at(f.loc) == first.path);
    Err(match sibling {
        Some(g) => format!("{}: {}", g.label.trim(), first.message),
        None => first.to_string(),
    })
}

/// Steps a toggle or choice field forward (or back); `None` for typed fields. An option stepped
/// back to gets the values its fields had when it was last left (`kept`), and the option left is
/// noted there in turn.
pub fn step(
    f: FieldRef,
    plan: &Plan,
    forward: bool,
    kept: &mut Kept,
) -> Option<Result<Plan, String>> {
    let mut next = plan.clone();
    let loc = f.loc;
    let done = match f.spec().access {
        Access::Toggle { get, set } => set(&mut next, loc, !get(plan, loc)?),
        Access::Choice { options, get, set } => {
            let n = options(plan, loc).len().max(1);
            let at = get(plan, loc)?;
            let to = if forward {
                (at + 1) % n
            } else {
                (at + n - 1) % n
            };
            set(&mut next, loc, to)
        }
        _ => return None,
    };
    if done.is_none() {
        return Some(Err("this item no longer exists".into()));
    }
    let restored = kept.restore(f, &next).and_then(|p| checked(f, p).ok());
    let result = restored.map_or_else(|| checked(f, next), Ok);
    if result.is_ok() {
        kept.note(f, plan);
    }
    Some(result)
}

/// What the fields under each option of a stepped field held when the user last stepped away
/// from it (the rates by asset class while returns are one rate, a person's own premium while
/// their coverage is another), so that stepping back brings them back and a round trip of a
/// choice is no change: otherwise the option would start again from values made up for it.
/// Fields are named by place (`Loc`), which adding, removing or moving items shifts: the app
/// forgets what it kept then.
#[derive(Debug, Clone, Default)]
pub struct Kept(HashMap<(FieldRef, usize), Vec<(FieldRef, Value)>>);

impl Kept {
    /// Keeps what the fields under `f` hold in `plan`, for the option `f` has there.
    fn note(&mut self, f: FieldRef, plan: &Plan) {
        if let Some(at) = option(f, plan) {
            let values = under(f)
                .filter_map(|g| Some((g, value(g, plan)?)))
                .collect();
            self.0.insert((f, at), values);
        }
    }

    /// `plan` with what was kept for the option `f` has there; `None` when nothing was.
    fn restore(&self, f: FieldRef, plan: &Plan) -> Option<Plan> {
        let values = self.0.get(&(f, option(f, plan)?))?;
        let mut out = plan.clone();
        for (g, v) in values {
            // A field that no longer takes its value keeps the one the option gave it.
            let _ = put(*g, &mut out, v);
        }
        Some(out)
    }

    pub fn forget(&mut self) {
        self.0.clear();
    }
}

/// The option a stepped field has: a choice's index, a toggle's 0 (no) or 1 (yes).
fn option(f: FieldRef, plan: &Plan) -> Option<usize> {
    match f.spec().access {
        Access::Toggle { get, .. } => get(plan, f.loc).map(usize::from),
        Access::Choice { get, .. } => get(plan, f.loc),
        _ => None,
    }
}

/// The fields below a field in the plan, at its place: `assumptions.returns.stocks` under
/// `assumptions.returns`.
fn under(f: FieldRef) -> impl Iterator<Item = FieldRef> {
    let spec = f.spec();
    let prefix = format!("{}.", spec.path);
    FIELDS
        .iter()
        .enumerate()
        .filter(move |(_, g)| g.group == spec.group && g.path.starts_with(&prefix))
        .map(move |(k, _)| FieldRef {
            spec: k,
            loc: f.loc,
        })
}

/// Sets a field to a value as [`value`] gives it; `None` when the field does not apply or does
/// not take the value.
fn put(f: FieldRef, plan: &mut Plan, v: &Value) -> Option<()> {
    let loc = f.loc;
    match (f.spec().access, v) {
        (Access::Decimal { set, .. }, Value::Decimal(d)) => set(plan, loc, *d),
        (Access::MaybeDecimal { set, .. }, Value::MaybeDecimal(d)) => set(plan, loc, *d),
        (Access::Int { set, .. }, Value::Int(n)) => set(plan, loc, *n),
        (Access::MaybeInt { set, .. }, Value::MaybeInt(n)) => set(plan, loc, *n),
        (Access::Text { set, .. }, Value::Text(t)) => set(plan, loc, t.clone()),
        (Access::Toggle { set, .. }, Value::Text(t)) => set(plan, loc, t == yes_no(true)),
        (Access::Choice { options, set, .. }, Value::Text(t)) => {
            let i = options(plan, loc).iter().position(|o| o == t)?;
            set(plan, loc, i)
        }
        _ => None,
    }
}

/// Runs an add row that adds at once; `None` for one that asks which first.
pub fn add(a: AddRef, plan: &Plan) -> Option<Result<Plan, String>> {
    let AddRun::Now(run) = a.spec()?.run else {
        return None;
    };
    let mut next = plan.clone();
    Some(run(&mut next, a.loc).and_then(|()| valid(next)))
}

/// Runs an add row with the choice the user picked.
pub fn add_picked(a: AddRef, plan: &Plan, choice: usize) -> Result<Plan, String> {
    let Some(AddRun::Pick { run, .. }) = a.spec().map(|s| &s.run) else {
        return Err("nothing to add here".into());
    };
    let mut next = plan.clone();
    run(&mut next, a.loc, choice)?;
    valid(next)
}

fn valid(next: Plan) -> Result<Plan, String> {
    match validate_household(&next).first() {
        None => Ok(next),
        Some(i) => Err(i.to_string()),
    }
}

/// What can be done to an item: the list's rules.
fn list_of(item: ItemRef) -> Option<&'static groups::ListSpec> {
    groups::spec(item.group).list.as_ref()
}

/// The plan without the item (a person goes through [`items::remove_person`]).
pub fn remove(item: ItemRef, plan: &Plan) -> Result<Plan, String> {
    let list = list_of(item).ok_or("nothing to remove here")?;
    if item.group == Group::Person {
        return items::remove_person(plan, item.loc.0, Leaving::ToSurvivor);
    }
    if (list.len)(plan, item.loc) <= list.min {
        return Err(format!("the plan needs at least one {}", list.noun));
    }
    let mut next = plan.clone();
    let items = (list.items)(&mut next, item.loc).ok_or("nothing to remove here")?;
    if !items.remove_at(item.index()) {
        return Err("nothing to remove here".into());
    }
    valid(next)
}

/// The plan with a copy of the item right after it.
pub fn duplicate(item: ItemRef, plan: &Plan) -> Result<Plan, String> {
    let list = list_of(item)
        .filter(|l| l.duplicable)
        .ok_or("this cannot be copied")?;
    let mut next = plan.clone();
    let items = (list.items)(&mut next, item.loc).ok_or("nothing to copy here")?;
    if !items.duplicate_at(item.index()) {
        return Err("nothing to copy here".into());
    }
    valid(next)
}

/// The plan with the item moved one place up (or down), and where it went.
pub fn shift(item: ItemRef, plan: &Plan, down: bool) -> Result<(Plan, ItemRef), String> {
    let list = list_of(item)
        .filter(|l| l.movable)
        .ok_or("this cannot be moved")?;
    let i = item.index();
    let n = (list.len)(plan, item.loc);
    let j = if down { i + 1 } else { i.wrapping_sub(1) };
    if j >= n {
        return Err("it is already at the end".into());
    }
    let mut next = plan.clone();
    let items = (list.items)(&mut next, item.loc).ok_or("nothing to move here")?;
    items.swap_at(i, j);
    let moved = if groups::spec(item.group).parent.is_some() {
        ItemRef {
            loc: Loc(item.loc.0, j),
            ..item
        }
    } else {
        ItemRef {
            loc: Loc(j, item.loc.1),
            ..item
        }
    };
    valid(next).map(|p| (p, moved))
}

#[cfg(test)]
mod tests;
