//! The form's one table: an entry per plan field. Rows, editing, help and the mapping of
//! validation messages to fields all come from here, so a new plan field is one entry below
//! (plus its model field). `tests::every_plan_field_has_one_entry` checks the table against the
//! plan file's own fields.

use super::groups::Group;
use super::spec::{Access, Bounds, FieldSpec, Kind, Loc, Names, Note};
use crate::money::MAX_MONEY;
use crate::plan::{Account, PathMode, Plan, PriorMagi, Returns};
use crate::strategy::{Objective, OrderStep, Source, StepCap, StrategySpec, bracket_label};
use crate::tax::{Filing, LawMode};
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

fn first_persons_age(p: &Plan, _: Loc, names: &dyn Names) -> Option<String> {
    p.people.first()?;
    Some(format!("{}'s age", names.person(p, 0)))
}

fn in_plan_years(p: &Plan, _: Loc) -> (Decimal, Decimal) {
    (d(p.assumptions.start_year.into()), d(p.end_year().into()))
}

fn monte_carlo(mode: &PathMode, i: usize) -> Option<Decimal> {
    match mode {
        PathMode::MonteCarlo {
            stocks_mean,
            stocks_vol,
            bonds_mean,
            bonds_vol,
            correlation,
            inflation_mean,
            inflation_vol,
        } => [
            stocks_mean,
            stocks_vol,
            bonds_mean,
            bonds_vol,
            correlation,
            inflation_mean,
            inflation_vol,
        ]
        .get(i)
        .map(|v| **v),
        _ => None,
    }
}

fn set_monte_carlo(mode: &mut PathMode, i: usize, v: Decimal) -> Option<()> {
    match mode {
        PathMode::MonteCarlo {
            stocks_mean,
            stocks_vol,
            bonds_mean,
            bonds_vol,
            correlation,
            inflation_mean,
            inflation_vol,
        } => {
            let slots = [
                stocks_mean,
                stocks_vol,
                bonds_mean,
                bonds_vol,
                correlation,
                inflation_mean,
                inflation_vol,
            ];
            *slots.into_iter().nth(i)? = v;
            Some(())
        }
        _ => None,
    }
}

macro_rules! mc {
    ($i:expr) => {
        Access::Decimal {
            get: |p, _| monte_carlo(&p.assumptions.simulation.mode, $i),
            set: |p, _, v| set_monte_carlo(&mut p.assumptions.simulation.mode, $i, v),
        }
    };
}

use Group as G;
use Kind as K;

/// Every field of the form, in the order the panes show them within each group.
pub static FIELDS: &[FieldSpec] = &[
    // People
    field(
        G::Plan,
        "Plan name",
        "name",
        K::Text,
        single!(Text, name),
        "what this plan is called: the title of its window and its file",
    )
    .private(),
    field(
        G::Person,
        "Name",
        "people[].name",
        K::Text,
        item!(Text, people, name),
        "the person's name, as the charts and the inspector show it",
    )
    .private(),
    field(
        G::Person,
        "Birth year",
        "people[].birth_year",
        K::Year,
        Access::Int {
            get: |p, l| p.people.get(l.0).map(|x| i64::from(x.birth_year)),
            set: |p, l, v| {
                p.people.get_mut(l.0)?.birth_year = v.try_into().ok()?;
                Some(())
            },
        },
        "the year of birth: sets ages, RMD start and Medicare",
    )
    .within(|p, _| {
        let start = d(p.assumptions.start_year.into());
        (start - d(110), start - d(18))
    })
    .noted(birth_year_note),
    field(
        G::Person,
        "Planning age",
        "people[].planning_age",
        K::Age,
        item_int!(people, planning_age),
        "the plan assumes this person lives through the year of this age",
    )
    .within(|_, _| (d(50), d(120)))
    .noted(planning_age_note),
    field(
        G::Taxes,
        "Filing status",
        "filing",
        K::Choice,
        Access::Choice {
            options: |p, _| {
                filing_options(p)
                    .iter()
                    .map(|f| filing_name(*f).to_string())
                    .collect()
            },
            get: |p, _| {
                filing_options(p)
                    .iter()
                    .position(|f| *f == p.filing)
                    .or(Some(0))
            },
            set: |p, _, i| {
                p.filing = *filing_options(p).get(i)?;
                Some(())
            },
        },
        "while both live; a survivor files single from the year after a death",
    ),
    field(
        G::Taxes,
        "State tax rate",
        "state.rate",
        K::Rate,
        single!(Decimal, state.rate),
        "a flat state income tax on what the state taxes",
    )
    .within(|_, _| (Decimal::ZERO, dec!(0.2))),
    field(
        G::Taxes,
        "State exempts SS",
        "state.exempt_social_security",
        K::Toggle,
        single!(Toggle, state.exempt_social_security),
        "whether the state leaves Social Security untaxed",
    ),
    field(
        G::Taxes,
        "State exempts IRAs",
        "state.exempt_retirement",
        K::Toggle,
        single!(Toggle, state.exempt_retirement),
        "whether the state leaves pensions and IRA withdrawals untaxed",
    ),
    field(
        G::Taxes,
        "State deduction",
        "state.deduction",
        K::Money,
        single!(Decimal, state.deduction),
        "subtracted from state taxable income each year, in today's dollars",
    )
    .within(money_bounds),
    field(
        G::Taxes,
        "Heirs' tax rate",
        "heirs_rate",
        K::Rate,
        single!(Decimal, heirs_rate),
        "your heirs' marginal rate on inherited tax-deferred money",
    )
    .within(|_, _| (Decimal::ZERO, dec!(0.6))),
    // Accounts
    field(
        G::Account,
        "Name",
        "accounts[].name",
        K::Text,
        account!(Text, [Taxable, Deferred, Roth, Cash], name),
        "what the account is called",
    )
    .private(),
    field(
        G::Account,
        "Balance",
        "accounts[].balance",
        K::Money,
        account!(Decimal, [Taxable, Deferred, Roth, Cash], balance),
        "the account's value at the start of the plan",
    )
    .within(money_bounds),
    field(
        G::Account,
        "Owner",
        "accounts[].owner",
        K::Choice,
        Access::Choice {
            options: person_options,
            get: |p, l| p.accounts.get(l.0)?.owner(),
            set: |p, l, i| match p.accounts.get_mut(l.0)? {
                Account::Deferred { owner, .. } | Account::Roth { owner, .. } => {
                    *owner = i;
                    Some(())
                }
                _ => None,
            },
        },
        "whose account it is: RMDs follow the owner's age",
    )
    .private(),
    field(
        G::Account,
        "Cost basis",
        "accounts[].cost_basis",
        K::Money,
        account!(Decimal, [Taxable], cost_basis),
        "what was paid for the holdings: only the gain above it is taxed",
    )
    .within(money_bounds),
    field(
        G::Account,
        "Dividend yield",
        "accounts[].dividend_yield",
        K::Rate,
        account!(Decimal, [Taxable], dividend_yield),
        "dividends each year as a share of the balance, paid out and taxed",
    )
    .within(|_, _| (Decimal::ZERO, dec!(0.2))),
    field(
        G::Account,
        "Qualified dividends",
        "accounts[].qualified_share",
        K::Rate,
        account!(Decimal, [Taxable], qualified_share),
        "the share of dividends taxed at capital-gain rates",
    )
    .within(share_bounds),
    field(
        G::Account,
        "Growth realised",
        "accounts[].realize_share",
        K::Rate,
        account!(Decimal, [Taxable], realize_share),
        "the share of each year's growth realised as gains by fund turnover",
    )
    .within(share_bounds),
    field(
        G::Account,
        "Stocks share",
        "accounts[].stock_share",
        K::Rate,
        account!(Decimal, [Taxable, Deferred, Roth], stock_share),
        "the share in stocks (the rest in bonds), rebalanced yearly",
    )
    .within(share_bounds),
    // Income
    field(
        G::SocialSecurity,
        "Benefit at FRA /yr",
        "income.social_security[].fra_benefit",
        K::Money,
        item!(Decimal, income.social_security, fra_benefit),
        "the yearly benefit at full retirement age, in today's dollars",
    )
    .within(|_, _| (Decimal::ZERO, d(1_000_000))),
    field(
        G::SocialSecurity,
        "Claiming age",
        "income.social_security[].claim_age",
        K::Age,
        item_int!(income.social_security, claim_age),
        "62 to 70: early claims pay less for life, later ones more",
    )
    .within(|_, _| (d(62), d(70))),
    field(
        G::SocialSecurity,
        "  and months",
        "income.social_security[].claim_months",
        K::Count,
        item_int!(income.social_security, claim_months),
        "months past the claiming age, 0 to 11",
    )
    .within(|_, _| (Decimal::ZERO, d(11))),
    field(
        G::Pension,
        "Paid to",
        "income.pensions[].person",
        K::Choice,
        Access::Choice {
            options: person_options,
            get: |p, l| p.income.pensions.get(l.0).map(|x| x.person),
            set: |p, l, i| {
                p.income.pensions.get_mut(l.0)?.person = i;
                Some(())
            },
        },
        "who receives the pension",
    )
    .private(),
    field(
        G::Pension,
        "Name",
        "income.pensions[].name",
        K::Text,
        item!(Text, income.pensions, name),
        "what the pension is called",
    )
    .private(),
    field(
        G::Pension,
        "Amount /yr",
        "income.pensions[].amount",
        K::Money,
        item!(Decimal, income.pensions, amount),
        "the yearly amount in its first year (or now, if already paid)",
    )
    .within(money_bounds),
    field(
        G::Pension,
        "Starts at age",
        "income.pensions[].start_age",
        K::Age,
        item_int!(income.pensions, start_age),
        "the receiver's age when payments start",
    )
    .within(age_bounds),
    field(
        G::Pension,
        "COLA",
        "income.pensions[].cola",
        K::Rate,
        item!(Decimal, income.pensions, cola),
        "the yearly cost-of-living increase",
    )
    .within(|_, _| (dec!(-0.05), dec!(0.2))),
    field(
        G::Pension,
        "Survivor share",
        "income.pensions[].survivor_share",
        K::Rate,
        item!(Decimal, income.pensions, survivor_share),
        "the share paid on to the survivor",
    )
    .within(share_bounds),
    field(
        G::Wage,
        "Earned by",
        "income.wages[].person",
        K::Choice,
        Access::Choice {
            options: person_options,
            get: |p, l| p.income.wages.get(l.0).map(|x| x.person),
            set: |p, l, i| {
                p.income.wages.get_mut(l.0)?.person = i;
                Some(())
            },
        },
        "who earns the wages",
    )
    .private(),
    field(
        G::Wage,
        "Amount /yr (today)",
        "income.wages[].amount",
        K::Money,
        item!(Decimal, income.wages, amount),
        "yearly wages, in today's dollars",
    )
    .within(money_bounds),
    field(
        G::Wage,
        "Until age",
        "income.wages[].until_age",
        K::Age,
        item_int!(income.wages, until_age),
        "paid in the years before this age",
    )
    .within(age_bounds),
    field(
        G::Other,
        "Name",
        "income.other[].name",
        K::Text,
        item!(Text, income.other, name),
        "what the income is",
    )
    .private(),
    field(
        G::Other,
        "Amount /yr",
        "income.other[].amount",
        K::Money,
        item!(Decimal, income.other, amount),
        "yearly ordinary income (today's dollars when it grows with inflation)",
    )
    .within(money_bounds),
    field(
        G::Other,
        "From year",
        "income.other[].from_year",
        K::Year,
        Access::Int {
            get: |p, l| p.income.other.get(l.0).map(|x| i64::from(x.from_year)),
            set: |p, l, v| {
                p.income.other.get_mut(l.0)?.from_year = v.try_into().ok()?;
                Some(())
            },
        },
        "the first year it is received",
    )
    .within(|_, _| (d(2022), d(2300))),
    field(
        G::Other,
        "To year",
        "income.other[].to_year",
        K::Year,
        Access::Int {
            get: |p, l| p.income.other.get(l.0).map(|x| i64::from(x.to_year)),
            set: |p, l, v| {
                p.income.other.get_mut(l.0)?.to_year = v.try_into().ok()?;
                Some(())
            },
        },
        "the last year it is received",
    )
    .within(|_, _| (d(2022), d(2300))),
    field(
        G::Other,
        "Grows w/ inflation",
        "income.other[].indexed",
        K::Toggle,
        item!(Toggle, income.other, indexed),
        "yes: the amount is in today's dollars and grows; no: a fixed amount",
    ),
    // Spending
    field(
        G::Spending,
        "Yearly need",
        "spending.annual",
        K::Money,
        single!(Decimal, spending.annual),
        "spending after tax, in today's dollars",
    )
    .within(money_bounds),
    field(
        G::Spending,
        "Survivor share",
        "spending.survivor_share",
        K::Rate,
        single!(Decimal, spending.survivor_share),
        "the share of the need that remains once one spouse has died",
    )
    .within(share_bounds),
    field(
        G::Change,
        "Changes at age",
        "spending.changes[].at_age",
        K::Age,
        item_int!(spending.changes, at_age),
        "from this age of the first person, the need becomes the amount below",
    )
    .within(age_bounds)
    .noted(first_persons_age),
    field(
        G::Change,
        "  to /yr",
        "spending.changes[].annual",
        K::Money,
        item!(Decimal, spending.changes, annual),
        "the new yearly need, in today's dollars",
    )
    .within(money_bounds),
    field(
        G::OneOff,
        "One-off in year",
        "spending.one_offs[].year",
        K::Year,
        Access::Int {
            get: |p, l| p.spending.one_offs.get(l.0).map(|x| i64::from(x.year)),
            set: |p, l, v| {
                p.spending.one_offs.get_mut(l.0)?.year = v.try_into().ok()?;
                Some(())
            },
        },
        "the year of the expense: one of the plan's years",
    )
    .within(in_plan_years),
    field(
        G::OneOff,
        "  amount",
        "spending.one_offs[].amount",
        K::Money,
        item!(Decimal, spending.one_offs, amount),
        "the expense, in today's dollars",
    )
    .within(money_bounds),
    field(
        G::OneOff,
        "  label",
        "spending.one_offs[].label",
        K::Text,
        item!(Text, spending.one_offs, label),
        "what the expense is for",
    )
    .private(),
    // Assumptions
    field(
        G::Assumptions,
        "Start year",
        "assumptions.start_year",
        K::Year,
        Access::Int {
            get: |p, _| Some(i64::from(p.assumptions.start_year)),
            set: |p, _, v| {
                p.assumptions.start_year = v.try_into().ok()?;
                Some(())
            },
        },
        "the plan's first year: today's dollars are dollars of this year",
    )
    .within(|_, _| (d(2022), d(2100))),
    field(
        G::Assumptions,
        "Inflation",
        "assumptions.inflation",
        K::Rate,
        single!(Decimal, assumptions.inflation),
        "yearly inflation",
    )
    .within(|_, _| (dec!(-0.05), dec!(0.2))),
    field(
        G::Assumptions,
        "Returns",
        "assumptions.returns",
        K::Choice,
        Access::Choice {
            options: |_, _| vec!["one constant rate".into(), "by asset class".into()],
            get: |p, _| {
                Some(usize::from(matches!(
                    p.assumptions.returns,
                    Returns::ByAssetClass { .. }
                )))
            },
            set: |p, _, i| {
                p.assumptions.returns = match (&p.assumptions.returns, i) {
                    (Returns::ByAssetClass { stocks, bonds, .. }, 0) => Returns::Constant {
                        nominal: ((*stocks * dec!(0.6)) + (*bonds * dec!(0.4))).round_dp(4),
                    },
                    (Returns::Constant { nominal }, 1) => Returns::ByAssetClass {
                        stocks: *nominal + dec!(0.015),
                        bonds: *nominal - dec!(0.015),
                        cash: (*nominal - dec!(0.02)).max(Decimal::ZERO),
                    },
                    (same, _) => same.clone(),
                };
                Some(())
            },
        },
        "one rate for every account, or each account by its stock/bond mix",
    ),
    field(
        G::Assumptions,
        "  nominal",
        "assumptions.returns.nominal",
        K::Rate,
        Access::Decimal {
            get: |p, _| match p.assumptions.returns {
                Returns::Constant { nominal } => Some(nominal),
                _ => None,
            },
            set: |p, _, v| match &mut p.assumptions.returns {
                Returns::Constant { nominal } => {
                    *nominal = v;
                    Some(())
                }
                _ => None,
            },
        },
        "the yearly return of every account, before tax",
    )
    .within(return_bounds),
    field(
        G::Assumptions,
        "  stocks",
        "assumptions.returns.stocks",
        K::Rate,
        Access::Decimal {
            get: |p, _| match p.assumptions.returns {
                Returns::ByAssetClass { stocks, .. } => Some(stocks),
                _ => None,
            },
            set: |p, _, v| match &mut p.assumptions.returns {
                Returns::ByAssetClass { stocks, .. } => {
                    *stocks = v;
                    Some(())
                }
                _ => None,
            },
        },
        "the yearly return of stocks, before tax",
    )
    .within(return_bounds),
    field(
        G::Assumptions,
        "  bonds",
        "assumptions.returns.bonds",
        K::Rate,
        Access::Decimal {
            get: |p, _| match p.assumptions.returns {
                Returns::ByAssetClass { bonds, .. } => Some(bonds),
                _ => None,
            },
            set: |p, _, v| match &mut p.assumptions.returns {
                Returns::ByAssetClass { bonds, .. } => {
                    *bonds = v;
                    Some(())
                }
                _ => None,
            },
        },
        "the yearly return of bonds, before tax",
    )
    .within(return_bounds),
    field(
        G::Assumptions,
        "  cash",
        "assumptions.returns.cash",
        K::Rate,
        Access::Decimal {
            get: |p, _| match p.assumptions.returns {
                Returns::ByAssetClass { cash, .. } => Some(cash),
                _ => None,
            },
            set: |p, _, v| match &mut p.assumptions.returns {
                Returns::ByAssetClass { cash, .. } => {
                    *cash = v;
                    Some(())
                }
                _ => None,
            },
        },
        "the yearly interest on cash accounts",
    )
    .within(return_bounds),
    field(
        G::Assumptions,
        "Tax law",
        "assumptions.tax_law",
        K::Choice,
        Access::Choice {
            options: |_, _| {
                vec![
                    "current law".into(),
                    "flat rates".into(),
                    "current law, rates changed".into(),
                ]
            },
            get: |p, _| {
                Some(match p.assumptions.tax_law {
                    LawMode::CurrentLaw => 0,
                    LawMode::FlatRates { .. } => 1,
                    LawMode::RateChange { .. } => 2,
                })
            },
            set: |p, _, i| {
                let start = p.assumptions.start_year;
                p.assumptions.tax_law = match i {
                    0 => LawMode::CurrentLaw,
                    1 => LawMode::FlatRates {
                        ordinary: dec!(0.25),
                        gains: dec!(0.15),
                        change: None,
                    },
                    _ => LawMode::RateChange {
                        from_year: start + 5,
                        points: dec!(3),
                    },
                };
                Some(())
            },
        },
        "the published law, one flat rate each for income and gains, or rates moved",
    ),
    field(
        G::Assumptions,
        "  ordinary rate",
        "assumptions.tax_law.ordinary",
        K::Rate,
        Access::Decimal {
            get: |p, _| match p.assumptions.tax_law {
                LawMode::FlatRates { ordinary, .. } => Some(ordinary),
                _ => None,
            },
            set: |p, _, v| match &mut p.assumptions.tax_law {
                LawMode::FlatRates { ordinary, .. } => {
                    *ordinary = v;
                    Some(())
                }
                _ => None,
            },
        },
        "the flat rate on every dollar of ordinary income",
    )
    .within(share_bounds),
    field(
        G::Assumptions,
        "  gains rate",
        "assumptions.tax_law.gains",
        K::Rate,
        Access::Decimal {
            get: |p, _| match p.assumptions.tax_law {
                LawMode::FlatRates { gains, .. } => Some(gains),
                _ => None,
            },
            set: |p, _, v| match &mut p.assumptions.tax_law {
                LawMode::FlatRates { gains, .. } => {
                    *gains = v;
                    Some(())
                }
                _ => None,
            },
        },
        "the flat rate on qualified dividends and long-term gains",
    )
    .within(share_bounds),
    field(
        G::Assumptions,
        "  from year",
        "assumptions.tax_law.from_year",
        K::Year,
        Access::Int {
            get: |p, _| match p.assumptions.tax_law {
                LawMode::RateChange { from_year, .. } => Some(i64::from(from_year)),
                _ => None,
            },
            set: |p, _, v| match &mut p.assumptions.tax_law {
                LawMode::RateChange { from_year, .. } => {
                    *from_year = v.try_into().ok()?;
                    Some(())
                }
                _ => None,
            },
        },
        "the first year of the changed rates",
    )
    .within(|_, _| (d(2022), d(2300))),
    field(
        G::Assumptions,
        "  change (points)",
        "assumptions.tax_law.points",
        K::Points,
        Access::Decimal {
            get: |p, _| match p.assumptions.tax_law {
                LawMode::RateChange { points, .. } => Some(points),
                _ => None,
            },
            set: |p, _, v| match &mut p.assumptions.tax_law {
                LawMode::RateChange { points, .. } => {
                    *points = v;
                    Some(())
                }
                _ => None,
            },
        },
        "every ordinary rate moves by this many percentage points",
    )
    .within(|_, _| (d(-10), d(20))),
    field(
        G::Assumptions,
        "MAGI 2 years before",
        "assumptions.prior_magi.two_years_before",
        K::MaybeMoney,
        Access::MaybeDecimal {
            get: |p, _| {
                Some(
                    p.assumptions
                        .prior_magi
                        .as_ref()
                        .map(|m| m.two_years_before),
                )
            },
            set: |p, _, v| {
                p.assumptions.prior_magi = v.map(|v| PriorMagi {
                    two_years_before: v,
                    one_year_before: p
                        .assumptions
                        .prior_magi
                        .as_ref()
                        .map_or(v, |m| m.one_year_before),
                });
                Some(())
            },
        },
        "income two years before the plan: sets the first year's IRMAA (blank: none)",
    )
    .within(money_bounds),
    field(
        G::Assumptions,
        "  and the year after",
        "assumptions.prior_magi.one_year_before",
        K::Money,
        Access::Decimal {
            get: |p, _| p.assumptions.prior_magi.as_ref().map(|m| m.one_year_before),
            set: |p, _, v| {
                p.assumptions.prior_magi.as_mut()?.one_year_before = v;
                Some(())
            },
        },
        "income the year before the plan: sets the second year's IRMAA",
    )
    .within(money_bounds),
    // Market risk
    field(
        G::Market,
        "Market paths",
        "assumptions.simulation.mode",
        K::Choice,
        Access::Choice {
            options: |_, _| {
                ["constant", "historical", "bootstrap", "Monte Carlo"]
                    .map(String::from)
                    .to_vec()
            },
            get: |p, _| {
                Some(match p.assumptions.simulation.mode {
                    PathMode::Constant => 0,
                    PathMode::Historical => 1,
                    PathMode::Bootstrap { .. } => 2,
                    PathMode::MonteCarlo { .. } => 3,
                })
            },
            set: |p, _, i| {
                p.assumptions.simulation.mode = match i {
                    0 => PathMode::Constant,
                    1 => PathMode::Historical,
                    2 => PathMode::bootstrap_default(),
                    _ => PathMode::monte_carlo_default(),
                };
                Some(())
            },
        },
        "the market paths every strategy is also run on, for success rates",
    ),
    field(
        G::Market,
        "  paths",
        "assumptions.simulation.paths",
        K::Count,
        Access::Int {
            get: |p, _| match p.assumptions.simulation.mode {
                PathMode::Bootstrap { .. } | PathMode::MonteCarlo { .. } => {
                    Some(i64::from(p.assumptions.simulation.paths))
                }
                _ => None,
            },
            set: |p, _, v| {
                p.assumptions.simulation.paths = v.try_into().ok()?;
                Some(())
            },
        },
        "how many random paths to draw",
    )
    .within(|_, _| (d(1), d(100_000))),
    field(
        G::Market,
        "  block years",
        "assumptions.simulation.mode.block_years",
        K::Count,
        Access::Int {
            get: |p, _| match p.assumptions.simulation.mode {
                PathMode::Bootstrap { block_years } => Some(i64::from(block_years)),
                _ => None,
            },
            set: |p, _, v| match &mut p.assumptions.simulation.mode {
                PathMode::Bootstrap { block_years } => {
                    *block_years = v.try_into().ok()?;
                    Some(())
                }
                _ => None,
            },
        },
        "runs of consecutive historical years drawn together",
    )
    .within(|_, _| (d(1), d(30))),
    field(
        G::Market,
        "  stocks mean",
        "assumptions.simulation.mode.stocks_mean",
        K::Rate,
        mc!(0),
        "the average yearly stock return",
    ),
    field(
        G::Market,
        "  stocks volatility",
        "assumptions.simulation.mode.stocks_vol",
        K::Rate,
        mc!(1),
        "the standard deviation of yearly stock returns",
    ),
    field(
        G::Market,
        "  bonds mean",
        "assumptions.simulation.mode.bonds_mean",
        K::Rate,
        mc!(2),
        "the average yearly bond return",
    ),
    field(
        G::Market,
        "  bonds volatility",
        "assumptions.simulation.mode.bonds_vol",
        K::Rate,
        mc!(3),
        "the standard deviation of yearly bond returns",
    ),
    field(
        G::Market,
        "  correlation",
        "assumptions.simulation.mode.correlation",
        K::Number,
        mc!(4),
        "how stock and bond returns move together, from -1 to 1",
    )
    .within(|_, _| (d(-1), d(1))),
    field(
        G::Market,
        "  inflation mean",
        "assumptions.simulation.mode.inflation_mean",
        K::Rate,
        mc!(5),
        "the average yearly inflation",
    ),
    field(
        G::Market,
        "  inflation spread",
        "assumptions.simulation.mode.inflation_vol",
        K::Rate,
        mc!(6),
        "the standard deviation of yearly inflation",
    ),
    field(
        G::Market,
        "  seed",
        "assumptions.simulation.seed",
        K::Count,
        Access::Int {
            get: |p, _| match p.assumptions.simulation.mode {
                PathMode::Bootstrap { .. } | PathMode::MonteCarlo { .. } => {
                    i64::try_from(p.assumptions.simulation.seed).ok()
                }
                _ => None,
            },
            set: |p, _, v| {
                p.assumptions.simulation.seed = v.try_into().ok()?;
                Some(())
            },
        },
        "the same seed draws the same paths on every run",
    )
    .within(|_, _| (Decimal::ZERO, Decimal::from(i64::MAX))),
    // Strategies
    field(
        G::Strategy,
        "Label",
        "strategies[].label",
        K::Text,
        Access::Text {
            get: |p, l| Some(p.strategies.get(l.0)?.label().unwrap_or("").to_string()),
            set: |p, l, v| {
                let s = p.strategies.get_mut(l.0)?;
                *s = s.with_label(&v);
                Some(())
            },
        },
        "a name of your own for the column; blank for the usual name",
    ),
    field(
        G::Strategy,
        "Bracket to fill",
        "strategies[].bracket",
        K::Choice,
        Access::Choice {
            options: bracket_options,
            get: |p, l| match p.strategies.get(l.0)?.kind() {
                StrategySpec::BracketFill { bracket, .. }
                | StrategySpec::RothConversion { bracket, .. } => Some(bracket_index(p, *bracket)),
                _ => None,
            },
            set: |p, l, i| {
                let rate = bracket_at(p, i)?;
                match p.strategies.get_mut(l.0)?.kind_mut() {
                    StrategySpec::BracketFill { bracket, .. }
                    | StrategySpec::RothConversion { bracket, .. } => {
                        *bracket = rate;
                        Some(())
                    }
                    _ => None,
                }
            },
        },
        "tax-deferred draws (and conversions) up to the top of this bracket",
    ),
    field(
        G::Strategy,
        "Or to taxable income",
        "strategies[].taxable_income",
        K::MaybeMoney,
        strategy!(MaybeDecimal, BracketFill, taxable_income),
        "fill to this taxable income (today's $) instead of a bracket top",
    )
    .within(money_bounds),
    field(
        G::Strategy,
        "Yearly cap (today)",
        "strategies[].yearly_cap",
        K::MaybeMoney,
        strategy!(MaybeDecimal, RothConversion, yearly_cap),
        "the most to convert in one year, in today's dollars (blank: no cap)",
    )
    .within(money_bounds),
    field(
        G::Strategy,
        "Stop below IRMAA",
        "strategies[].irmaa_aware",
        K::Toggle,
        strategy!(Toggle, RothConversion, irmaa_aware),
        "stop a conversion before it pushes income into the next IRMAA tier",
    ),
    field(
        G::Strategy,
        "Stop at RMDs",
        "strategies[].stop_at_rmd",
        K::Toggle,
        strategy!(Toggle, RothConversion, stop_at_rmd),
        "stop converting once required minimum distributions start",
    ),
    field(
        G::Strategy,
        "For years",
        "strategies[].years",
        K::MaybeCount,
        Access::MaybeInt {
            get: |p, l| match p.strategies.get(l.0)?.kind() {
                StrategySpec::RothConversion { years, .. } => Some(years.map(i64::from)),
                _ => None,
            },
            set: |p, l, v| {
                let v = match v {
                    Some(n) => Some(u32::try_from(n).ok()?),
                    None => None,
                };
                match p.strategies.get_mut(l.0)?.kind_mut() {
                    StrategySpec::RothConversion { years, .. } => {
                        *years = v;
                        Some(())
                    }
                    _ => None,
                }
            },
        },
        "convert only in the plan's first years (blank: every year)",
    )
    .within(|_, _| (Decimal::ZERO, d(100))),
    field(
        G::Strategy,
        "Harvest gains",
        "strategies[].harvest",
        K::Toggle,
        strategy!(Toggle, ZeroGains, harvest),
        "sell and rebuy to realise gains tax-free up to the 0% band's top",
    ),
    field(
        G::Strategy,
        "Maximise",
        "strategies[].objective",
        K::Choice,
        Access::Choice {
            options: |_, _| vec!["the estate".into(), "spending".into()],
            get: |p, l| match p.strategies.get(l.0)?.kind() {
                StrategySpec::Optimized { objective } => {
                    Some(usize::from(matches!(objective, Objective::Spending { .. })))
                }
                _ => None,
            },
            set: |p, l, i| match p.strategies.get_mut(l.0)?.kind_mut() {
                StrategySpec::Optimized { objective } => {
                    *objective = if i == 0 {
                        Objective::Estate
                    } else {
                        Objective::Spending {
                            min_estate: Decimal::ZERO,
                        }
                    };
                    Some(())
                }
                _ => None,
            },
        },
        "the after-tax estate with the plan's spending, or the most spending that lasts",
    ),
    field(
        G::Strategy,
        "Keep an estate of",
        "strategies[].objective.min_estate",
        K::Money,
        Access::Decimal {
            get: |p, l| match p.strategies.get(l.0)?.kind() {
                StrategySpec::Optimized {
                    objective: Objective::Spending { min_estate },
                } => Some(*min_estate),
                _ => None,
            },
            set: |p, l, v| match p.strategies.get_mut(l.0)?.kind_mut() {
                StrategySpec::Optimized {
                    objective: Objective::Spending { min_estate },
                } => {
                    *min_estate = v;
                    Some(())
                }
                _ => None,
            },
        },
        "the least after-tax estate to leave, in today's dollars",
    )
    .within(money_bounds),
    field(
        G::Step,
        "Draw from",
        "strategies[].steps[].source",
        K::Choice,
        Access::Choice {
            options: |_, _| SOURCES.iter().map(|s| s.label().to_string()).collect(),
            get: |p, l| {
                let source = step(p, l)?.source;
                SOURCES.iter().position(|s| *s == source)
            },
            set: |p, l, i| {
                let s = step_mut(p, l)?;
                s.source = *SOURCES.get(i)?;
                if s.source != Source::Deferred && matches!(s.cap, Some(StepCap::Bracket(_))) {
                    s.cap = None;
                }
                Some(())
            },
        },
        "the kind of account this step draws from",
    )
    .noted(|_, l, _| Some(format!("step {}", l.1 + 1))),
    field(
        G::Step,
        "  up to",
        "strategies[].steps[].cap",
        K::Choice,
        Access::Choice {
            options: |p, l| {
                let mut o = vec!["all of it".to_string(), "a yearly amount".to_string()];
                if step(p, l).is_some_and(|s| s.source == Source::Deferred) {
                    o.push("a bracket top".into());
                }
                o
            },
            get: |p, l| {
                Some(match step(p, l)?.cap {
                    None => 0,
                    Some(StepCap::Amount(_)) => 1,
                    Some(StepCap::Bracket(_)) => 2,
                })
            },
            set: |p, l, i| {
                let s = step_mut(p, l)?;
                s.cap = match i {
                    0 => None,
                    1 => Some(StepCap::Amount(dec!(20000))),
                    _ if s.source == Source::Deferred => Some(StepCap::Bracket(dec!(0.12))),
                    _ => None,
                };
                Some(())
            },
        },
        "how far this step goes each year before the next step",
    ),
    field(
        G::Step,
        "  amount /yr",
        "strategies[].steps[].cap.amount",
        K::Money,
        Access::Decimal {
            get: |p, l| match step(p, l)?.cap {
                Some(StepCap::Amount(a)) => Some(a),
                _ => None,
            },
            set: |p, l, v| match &mut step_mut(p, l)?.cap {
                Some(StepCap::Amount(a)) => {
                    *a = v;
                    Some(())
                }
                _ => None,
            },
        },
        "the most this step draws in a year, in today's dollars",
    )
    .within(money_bounds),
    field(
        G::Step,
        "  bracket top",
        "strategies[].steps[].cap.bracket",
        K::Choice,
        Access::Choice {
            options: bracket_options,
            get: |p, l| match step(p, l)?.cap {
                Some(StepCap::Bracket(b)) => Some(bracket_index(p, b)),
                _ => None,
            },
            set: |p, l, i| {
                let rate = bracket_at(p, i)?;
                match &mut step_mut(p, l)?.cap {
                    Some(StepCap::Bracket(b)) => {
                        *b = rate;
                        Some(())
                    }
                    _ => None,
                }
            },
        },
        "tax-deferred draws up to the top of this bracket",
    ),
];

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
