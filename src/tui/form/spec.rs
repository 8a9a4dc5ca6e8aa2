//! What a field spec is: one entry per plan field, saying where the field sits on screen, how
//! it reads and writes the plan, what kind of value it holds and its bounds, and a help line.
//! Rows, editing, validation messages and help are all derived from these entries (see
//! `table/` for the entries themselves).

use super::groups::Group;
use crate::plan::Plan;
use rust_decimal::Decimal;

/// Where a field's value is: the indices of the lists on its path. `accounts[2].balance` is
/// at `Loc(2, 0)`; `strategies[1].steps[3].source` at `Loc(1, 3)`; a field outside any list
/// at `Loc(0, 0)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Loc(pub usize, pub usize);

/// How a field's text is read and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Dollars: `65000`, `65,000`, `65k`, `1.25m`; at most cents.
    Money,
    /// Dollars, or blank for none.
    MaybeMoney,
    /// A percentage: `3.5` and `3.5%` both mean 3.5%.
    Rate,
    /// A percentage, or blank for none.
    MaybeRate,
    /// Whole years of age.
    Age,
    /// A calendar year.
    Year,
    /// A whole number (paths, a seed, years in a block).
    Count,
    /// A whole number, or blank for none.
    MaybeCount,
    /// Percentage points, signed: `+3`, `-2`.
    Points,
    /// A plain decimal number (a correlation).
    Number,
    /// Text.
    Text,
    /// A state of residence, picked from the states whose code or name matches what is typed
    /// (Up/Down choose among them, Enter takes the highlighted one).
    State,
    /// Yes or no, flipped with Enter or Space.
    Toggle,
    /// One of a list, stepped with Enter or Space.
    Choice,
}

impl Kind {
    /// Stepped rather than typed.
    pub fn is_stepped(self) -> bool {
        matches!(self, Kind::Toggle | Kind::Choice)
    }
}

/// How a field reads and writes the plan. `get` returns `None` when the field does not apply to
/// the plan as it is (a cost basis on a Roth account, a nominal return when returns are by asset
/// class): the row is then not shown. `set` returns `None` when the item is gone.
#[derive(Clone, Copy)]
pub enum Access {
    Decimal {
        get: fn(&Plan, Loc) -> Option<Decimal>,
        set: fn(&mut Plan, Loc, Decimal) -> Option<()>,
    },
    MaybeDecimal {
        get: fn(&Plan, Loc) -> Option<Option<Decimal>>,
        set: fn(&mut Plan, Loc, Option<Decimal>) -> Option<()>,
    },
    Int {
        get: fn(&Plan, Loc) -> Option<i64>,
        set: fn(&mut Plan, Loc, i64) -> Option<()>,
    },
    MaybeInt {
        get: fn(&Plan, Loc) -> Option<Option<i64>>,
        set: fn(&mut Plan, Loc, Option<i64>) -> Option<()>,
    },
    Text {
        get: fn(&Plan, Loc) -> Option<String>,
        set: fn(&mut Plan, Loc, String) -> Option<()>,
    },
    Toggle {
        get: fn(&Plan, Loc) -> Option<bool>,
        set: fn(&mut Plan, Loc, bool) -> Option<()>,
    },
    Choice {
        options: fn(&Plan, Loc) -> Vec<String>,
        get: fn(&Plan, Loc) -> Option<usize>,
        set: fn(&mut Plan, Loc, usize) -> Option<()>,
    },
}

/// Names as the screen shows them: real, or "Person 1" in privacy mode.
pub trait Names {
    fn person(&self, plan: &Plan, i: usize) -> String;
    /// Names the user typed are hidden (privacy mode).
    fn hidden(&self) -> bool;
}

/// Lowest and highest value a field takes, in the field's own unit (dollars, a fraction for
/// rates, years), for the plan as it is.
pub type Bounds = fn(&Plan, Loc) -> (Decimal, Decimal);

/// Text beside a field's value that says what it means for this plan ("age 65 in 2026").
pub type Note = fn(&Plan, Loc, &dyn Names) -> Option<String>;

/// One plan field.
#[derive(Clone, Copy)]
pub struct FieldSpec {
    /// The item the field belongs to, and so the pane and section it shows in.
    pub group: Group,
    /// At most [`MAX_LABEL`] characters, so it is never cut on an 80-column screen.
    pub label: &'static str,
    /// The path in the plan file, lists written `[]`: `accounts[].balance`. Validation names
    /// problems by the same path, so its messages land on the field.
    pub path: &'static str,
    pub kind: Kind,
    pub access: Access,
    pub bounds: Option<Bounds>,
    /// One line for the help bar: what the field means (the kind adds how to type it).
    pub help: &'static str,
    pub note: Option<Note>,
    /// Shown as "Person n"/"Account n" in privacy mode (names the user typed).
    pub private: bool,
}

/// Longest label: the form's label column at 80×24 holds this many characters.
pub const MAX_LABEL: usize = 20;

impl FieldSpec {
    /// The field's path with the list indices filled in: `accounts[2].balance`.
    pub fn path_at(&self, loc: Loc) -> String {
        let mut out = String::with_capacity(self.path.len() + 4);
        let mut n = 0;
        let mut rest = self.path;
        while let Some(at) = rest.find("[]") {
            out.push_str(&rest[..at]);
            let i = if n == 0 { loc.0 } else { loc.1 };
            out.push_str(&format!("[{i}]"));
            n += 1;
            rest = &rest[at + 2..];
        }
        out.push_str(rest);
        out
    }

    /// Whether the field applies to the plan at `loc`.
    pub fn applies(&self, plan: &Plan, loc: Loc) -> bool {
        match self.access {
            Access::Decimal { get, .. } => get(plan, loc).is_some(),
            Access::MaybeDecimal { get, .. } => get(plan, loc).is_some(),
            Access::Int { get, .. } => get(plan, loc).is_some(),
            Access::MaybeInt { get, .. } => get(plan, loc).is_some(),
            Access::Text { get, .. } => get(plan, loc).is_some(),
            Access::Toggle { get, .. } => get(plan, loc).is_some(),
            Access::Choice { get, .. } => get(plan, loc).is_some(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_take_their_indices_in_order() {
        let spec = &super::super::table::FIELDS[0];
        assert_eq!(spec.path_at(Loc(3, 0)), spec.path.replace("[]", "[3]"));
        let nested = super::super::table::FIELDS
            .iter()
            .find(|f| f.path.matches("[]").count() == 2)
            .expect("a field inside a list inside a list");
        assert!(nested.path_at(Loc(1, 4)).contains("[1]"));
        assert!(nested.path_at(Loc(1, 4)).contains("[4]"));
    }
}
