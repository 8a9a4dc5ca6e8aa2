//! The items fields belong to: a person, an account, a pension, a strategy, a step of a custom
//! order, or a fixed section (taxes, assumptions). A group says which pane it shows in, its
//! heading, and for lists how items are counted, added, removed, duplicated and reordered.

use super::Pane;
use super::items::{self, ListItems};
use super::spec::{Loc, Names};
use crate::plan::{Account, AccountKind, Plan};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    Plan,
    Person,
    Taxes,
    Move,
    Account,
    SocialSecurity,
    Pension,
    Wage,
    Other,
    Windfall,
    Spending,
    Change,
    OneOff,
    Assumptions,
    Market,
    Strategy,
    Step,
    ScheduleYear,
}

pub type Heading = fn(&Plan, Loc, &dyn Names) -> String;

/// A row that adds an item.
pub struct AddSpec {
    pub label: &'static str,
    /// Whether the row shows for the plan as it is (a second person only while there is one).
    pub show: fn(&Plan, Loc) -> bool,
    pub run: AddRun,
}

pub enum AddRun {
    /// Adds at once.
    Now(fn(&mut Plan, Loc) -> Result<(), String>),
    /// Asks which first (a kind of strategy): the choices with a line on each.
    Pick {
        choices: fn(&Plan) -> Vec<(String, String)>,
        run: fn(&mut Plan, Loc, usize) -> Result<(), String>,
    },
}

/// A group whose items are a list in the plan.
pub struct ListSpec {
    /// "account", "pension": what a removal question calls an item.
    pub noun: &'static str,
    /// The list inside the plan (inside the parent's item for a nested group).
    pub items: fn(&mut Plan, Loc) -> Option<&mut dyn ListItems>,
    pub len: fn(&Plan, Loc) -> usize,
    /// The plan needs at least this many.
    pub min: usize,
    pub adds: &'static [AddSpec],
    /// The item copied with `D`.
    pub duplicable: bool,
    /// The order matters and may be changed with `K`/`J`.
    pub movable: bool,
}

pub struct GroupSpec {
    pub group: Group,
    pub pane: Pane,
    /// A nested group's items live inside each item of its parent.
    pub parent: Option<Group>,
    pub heading: Option<Heading>,
    pub list: Option<ListSpec>,
}

fn names(plan: &Plan, names: &dyn Names, i: usize) -> String {
    names.person(plan, i)
}

/// Every group, in the order the panes show them.
pub static GROUPS: &[GroupSpec] = &[
    GroupSpec {
        group: Group::Plan,
        pane: Pane::People,
        parent: None,
        heading: None,
        list: None,
    },
    GroupSpec {
        group: Group::Person,
        pane: Pane::People,
        parent: None,
        heading: Some(|p, l, n| format!("Person {}: {}", l.0 + 1, names(p, n, l.0))),
        list: Some(ListSpec {
            noun: "person",
            items: |p, _| Some(&mut p.people),
            len: |p, _| p.people.len(),
            min: 1,
            adds: &[AddSpec {
                label: "+ add a second person",
                show: |p, _| p.people.len() < 2,
                run: AddRun::Now(items::add_person),
            }],
            duplicable: false,
            movable: false,
        }),
    },
    GroupSpec {
        group: Group::Taxes,
        pane: Pane::People,
        parent: None,
        heading: Some(|_, _, _| "Taxes".into()),
        list: None,
    },
    GroupSpec {
        group: Group::Move,
        pane: Pane::People,
        parent: None,
        heading: None,
        list: Some(ListSpec {
            noun: "move",
            items: |p, _| Some(&mut p.moves),
            len: |p, _| p.moves.len(),
            min: 0,
            adds: &[AddSpec {
                label: "+ add a move to another state",
                show: |_, _| true,
                run: AddRun::Now(items::add_move),
            }],
            duplicable: false,
            movable: false,
        }),
    },
    GroupSpec {
        group: Group::Account,
        pane: Pane::Accounts,
        parent: None,
        heading: Some(|p, l, n| match p.accounts.get(l.0) {
            Some(a) if n.hidden() => format!("Account {} ({})", l.0 + 1, a.kind().label()),
            Some(a) => format!("{} ({})", a.name(), a.kind().label()),
            None => String::new(),
        }),
        list: Some(ListSpec {
            noun: "account",
            items: |p, _| Some(&mut p.accounts),
            len: |p, _| p.accounts.len(),
            min: 0,
            adds: &[
                AddSpec {
                    label: "+ add taxable account",
                    show: |_, _| true,
                    run: AddRun::Now(|p, _| items::add_account(p, AccountKind::Taxable)),
                },
                AddSpec {
                    label: "+ add tax-deferred account",
                    show: |_, _| true,
                    run: AddRun::Now(|p, _| items::add_account(p, AccountKind::Deferred)),
                },
                AddSpec {
                    label: "+ add Roth account",
                    show: |_, _| true,
                    run: AddRun::Now(|p, _| items::add_account(p, AccountKind::Roth)),
                },
                AddSpec {
                    label: "+ add cash account",
                    show: |_, _| true,
                    run: AddRun::Now(|p, _| items::add_account(p, AccountKind::Cash)),
                },
                AddSpec {
                    label: "+ add HSA",
                    show: |_, _| true,
                    run: AddRun::Now(|p, _| items::add_account(p, AccountKind::Hsa)),
                },
            ],
            duplicable: true,
            movable: true,
        }),
    },
    GroupSpec {
        group: Group::SocialSecurity,
        pane: Pane::Income,
        parent: None,
        heading: Some(|p, l, n| match p.income.social_security.get(l.0) {
            Some(s) => format!("Social Security: {}", names(p, n, s.person)),
            None => String::new(),
        }),
        list: Some(ListSpec {
            noun: "Social Security benefit",
            items: |p, _| Some(&mut p.income.social_security),
            len: |p, _| p.income.social_security.len(),
            min: 0,
            adds: &[AddSpec {
                label: "+ add Social Security",
                show: |p, _| p.income.social_security.len() < p.people.len(),
                run: AddRun::Now(items::add_social_security),
            }],
            duplicable: false,
            movable: false,
        }),
    },
    GroupSpec {
        group: Group::Pension,
        pane: Pane::Income,
        parent: None,
        heading: Some(|p, l, n| match p.income.pensions.get(l.0) {
            Some(x) => format!("Pension: {}", names(p, n, x.person)),
            None => String::new(),
        }),
        list: Some(ListSpec {
            noun: "pension",
            items: |p, _| Some(&mut p.income.pensions),
            len: |p, _| p.income.pensions.len(),
            min: 0,
            adds: &[AddSpec {
                label: "+ add pension",
                show: |_, _| true,
                run: AddRun::Now(items::add_pension),
            }],
            duplicable: true,
            movable: false,
        }),
    },
    GroupSpec {
        group: Group::Wage,
        pane: Pane::Income,
        parent: None,
        heading: Some(|p, l, n| match p.income.wages.get(l.0) {
            Some(w) => format!("Wages: {}", names(p, n, w.person)),
            None => String::new(),
        }),
        list: Some(ListSpec {
            noun: "wage",
            items: |p, _| Some(&mut p.income.wages),
            len: |p, _| p.income.wages.len(),
            min: 0,
            adds: &[AddSpec {
                label: "+ add wages",
                show: |_, _| true,
                run: AddRun::Now(items::add_wage),
            }],
            duplicable: true,
            movable: false,
        }),
    },
    GroupSpec {
        group: Group::Other,
        pane: Pane::Income,
        parent: None,
        heading: Some(|_, _, _| "Other income".into()),
        list: Some(ListSpec {
            noun: "income",
            items: |p, _| Some(&mut p.income.other),
            len: |p, _| p.income.other.len(),
            min: 0,
            adds: &[AddSpec {
                label: "+ add other income",
                show: |_, _| true,
                run: AddRun::Now(items::add_other),
            }],
            duplicable: true,
            movable: false,
        }),
    },
    GroupSpec {
        group: Group::Windfall,
        pane: Pane::Income,
        parent: None,
        heading: None,
        list: Some(ListSpec {
            noun: "windfall",
            items: |p, _| Some(&mut p.income.windfalls),
            len: |p, _| p.income.windfalls.len(),
            min: 0,
            adds: &[AddSpec {
                label: "+ add windfall (inheritance, home sale)",
                show: |_, _| true,
                run: AddRun::Now(items::add_windfall),
            }],
            duplicable: true,
            movable: false,
        }),
    },
    GroupSpec {
        group: Group::Spending,
        pane: Pane::Spending,
        parent: None,
        heading: Some(|_, _, _| "Spending (after tax, today's $)".into()),
        list: None,
    },
    GroupSpec {
        group: Group::Change,
        pane: Pane::Spending,
        parent: None,
        heading: None,
        list: Some(ListSpec {
            noun: "spending change",
            items: |p, _| Some(&mut p.spending.changes),
            len: |p, _| p.spending.changes.len(),
            min: 0,
            adds: &[AddSpec {
                label: "+ add spending change",
                show: |_, _| true,
                run: AddRun::Now(items::add_spending_change),
            }],
            duplicable: false,
            movable: false,
        }),
    },
    GroupSpec {
        group: Group::OneOff,
        pane: Pane::Spending,
        parent: None,
        heading: None,
        list: Some(ListSpec {
            noun: "one-off expense",
            items: |p, _| Some(&mut p.spending.one_offs),
            len: |p, _| p.spending.one_offs.len(),
            min: 0,
            adds: &[AddSpec {
                label: "+ add one-off expense",
                show: |_, _| true,
                run: AddRun::Now(items::add_one_off),
            }],
            duplicable: true,
            movable: false,
        }),
    },
    GroupSpec {
        group: Group::Assumptions,
        pane: Pane::Spending,
        parent: None,
        heading: Some(|_, _, _| "Assumptions".into()),
        list: None,
    },
    GroupSpec {
        group: Group::Market,
        pane: Pane::Spending,
        parent: None,
        heading: Some(|_, _, _| "Market risk (r: wealth fan)".into()),
        list: None,
    },
    GroupSpec {
        group: Group::Strategy,
        pane: Pane::Strategies,
        parent: None,
        heading: Some(|p, l, _| {
            let names = crate::strategy::unique_names(&p.strategies);
            match names.get(l.0) {
                Some(name) => format!("{}. {name}", l.0 + 1),
                None => String::new(),
            }
        }),
        list: Some(ListSpec {
            noun: "strategy",
            items: |p, _| Some(&mut p.strategies),
            len: |p, _| p.strategies.len(),
            min: 1,
            adds: &[AddSpec {
                label: "+ add a strategy…",
                show: |_, _| true,
                run: AddRun::Pick {
                    choices: items::strategy_choices,
                    run: items::add_strategy,
                },
            }],
            duplicable: true,
            movable: true,
        }),
    },
    GroupSpec {
        group: Group::Step,
        pane: Pane::Strategies,
        parent: Some(Group::Strategy),
        heading: None,
        list: Some(ListSpec {
            noun: "step",
            items: |p, l| Some(items::steps_mut(p, l.0)?),
            len: |p, l| items::steps(p, l.0).map_or(0, |s| s.len()),
            min: 1,
            adds: &[AddSpec {
                label: "+ add a step",
                show: |p, l| {
                    items::steps(p, l.0).is_some_and(|s| s.len() < crate::strategy::MAX_ORDER_STEPS)
                },
                run: AddRun::Now(items::add_step),
            }],
            duplicable: true,
            movable: true,
        }),
    },
    GroupSpec {
        group: Group::ScheduleYear,
        pane: Pane::Strategies,
        parent: Some(Group::Strategy),
        heading: None,
        list: Some(ListSpec {
            noun: "year",
            items: |p, l| Some(items::schedule_rows_mut(p, l.0)?),
            len: |p, l| items::schedule_rows(p, l.0).map_or(0, |s| s.len()),
            min: 0,
            adds: &[AddSpec {
                label: "+ add a year",
                show: |p, l| {
                    items::schedule_rows(p, l.0)
                        .is_some_and(|s| s.len() < crate::strategy::MAX_SCHEDULE_ROWS)
                },
                run: AddRun::Now(items::add_schedule_row),
            }],
            duplicable: false,
            movable: false,
        }),
    },
];

/// The spec of a group.
pub fn spec(group: Group) -> &'static GroupSpec {
    GROUPS
        .iter()
        .find(|g| g.group == group)
        .unwrap_or(&GROUPS[0])
}

/// What an item is called in a question: "account 'Brokerage'".
pub fn describe(plan: &Plan, group: Group, loc: Loc, names: &dyn Names) -> String {
    let noun = spec(group).list.as_ref().map_or("item", |l| l.noun);
    let which = match group {
        Group::Person => Some(names.person(plan, loc.0)),
        Group::Account if names.hidden() => Some(format!("Account {}", loc.0 + 1)),
        Group::Account => plan.accounts.get(loc.0).map(|a| match a {
            Account::Taxable { name, .. }
            | Account::Deferred { name, .. }
            | Account::Roth { name, .. }
            | Account::Cash { name, .. }
            | Account::Hsa { name, .. } => name.clone(),
        }),
        Group::Strategy => crate::strategy::unique_names(&plan.strategies)
            .get(loc.0)
            .cloned(),
        Group::Other if !names.hidden() => plan.income.other.get(loc.0).map(|o| o.name.clone()),
        Group::Windfall if !names.hidden() => plan
            .income
            .windfalls
            .get(loc.0)
            .map(|w| w.label.clone())
            .filter(|l| !l.is_empty()),
        _ => None,
    };
    match which {
        Some(w) => format!("{noun} '{w}'"),
        None => format!("this {noun}"),
    }
}
