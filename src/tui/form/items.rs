//! Items added, removed, copied and reordered: the new item each add row makes, the strategies
//! a user can add, and what happens to a removed person's accounts and income.

use crate::plan::{
    Account, AccountKind, OneOff, OtherIncome, Pension, Person, Plan, SocialSecurity,
    SpendingChange, Wage, Windfall,
};
use crate::strategy::{Objective, OrderStep, ScheduleRow, Source, StrategySpec};
use crate::tax::Filing;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// A list in the plan, whatever its items.
pub trait ListItems {
    fn count(&self) -> usize;
    fn remove_at(&mut self, i: usize) -> bool;
    /// A copy of item `i` right after it.
    fn duplicate_at(&mut self, i: usize) -> bool;
    fn swap_at(&mut self, i: usize, j: usize) -> bool;
}

impl<T: Clone> ListItems for Vec<T> {
    fn count(&self) -> usize {
        self.len()
    }

    fn remove_at(&mut self, i: usize) -> bool {
        if i < self.len() {
            self.remove(i);
            true
        } else {
            false
        }
    }

    fn duplicate_at(&mut self, i: usize) -> bool {
        match self.get(i).cloned() {
            Some(item) => {
                self.insert(i + 1, item);
                true
            }
            None => false,
        }
    }

    fn swap_at(&mut self, i: usize, j: usize) -> bool {
        if i < self.len() && j < self.len() {
            self.swap(i, j);
            true
        } else {
            false
        }
    }
}

pub fn add_person(plan: &mut Plan, _: super::Loc) -> Result<(), String> {
    let start = plan.assumptions.start_year;
    let first = plan.people.first().map_or(start - 65, |p| p.birth_year);
    plan.people.push(Person::new("Spouse", first, 95));
    if plan.filing != Filing::Mfs {
        plan.filing = Filing::Mfj;
    }
    Ok(())
}

pub fn add_account(plan: &mut Plan, kind: AccountKind) -> Result<(), String> {
    let n = plan.accounts.iter().filter(|a| a.kind() == kind).count() + 1;
    let name = match kind {
        AccountKind::Taxable => format!("Brokerage {n}"),
        AccountKind::Deferred => format!("IRA {n}"),
        AccountKind::Roth => format!("Roth {n}"),
        AccountKind::Cash => format!("Savings {n}"),
        AccountKind::Hsa => format!("HSA {n}"),
    };
    plan.accounts.push(Account::new_of_kind(kind, &name));
    Ok(())
}

pub fn add_social_security(plan: &mut Plan, _: super::Loc) -> Result<(), String> {
    let person = (0..plan.people.len())
        .find(|i| !plan.income.social_security.iter().any(|s| s.person == *i))
        .ok_or("everyone already has a Social Security benefit")?;
    plan.income.social_security.push(SocialSecurity {
        person,
        fra_benefit: dec!(24000),
        claim_age: 67,
        claim_months: 0,
    });
    Ok(())
}

pub fn add_pension(plan: &mut Plan, _: super::Loc) -> Result<(), String> {
    plan.income.pensions.push(Pension {
        person: 0,
        name: "Pension".into(),
        amount: dec!(12000),
        start_age: 65,
        cola: Decimal::ZERO,
        survivor_share: dec!(0.5),
        government: false,
    });
    Ok(())
}

pub fn add_move(plan: &mut Plan, _: super::Loc) -> Result<(), String> {
    let after = plan
        .moves
        .last()
        .map_or(plan.assumptions.start_year, |m| m.year);
    plan.moves.push(crate::plan::Move {
        year: (after + 5).min(plan.end_year()),
        state: "FL".into(),
    });
    Ok(())
}

pub fn add_wage(plan: &mut Plan, _: super::Loc) -> Result<(), String> {
    plan.income.wages.push(Wage {
        self_employed: false,
        person: 0,
        amount: dec!(30000),
        until_age: 67,
        deferral: Decimal::ZERO,
        roth_deferral: false,
    });
    Ok(())
}

pub fn add_other(plan: &mut Plan, _: super::Loc) -> Result<(), String> {
    let start = plan.assumptions.start_year;
    plan.income.other.push(OtherIncome {
        name: "Rental".into(),
        amount: dec!(10000),
        from_year: start,
        to_year: start + 10,
        indexed: true,
    });
    Ok(())
}

pub fn add_windfall(plan: &mut Plan, _: super::Loc) -> Result<(), String> {
    plan.income.windfalls.push(Windfall {
        year: plan.assumptions.start_year + 1,
        amount: dec!(100000),
        taxable_gain: Decimal::ZERO,
        label: "Inheritance".into(),
    });
    Ok(())
}

pub fn add_spending_change(plan: &mut Plan, _: super::Loc) -> Result<(), String> {
    let age = plan
        .spending
        .changes
        .last()
        .map_or(75, |c| (c.at_age + 5).min(120));
    let annual = (plan.spending.annual * dec!(0.85)).round();
    plan.spending.changes.push(SpendingChange {
        at_age: age,
        annual,
    });
    Ok(())
}

pub fn add_one_off(plan: &mut Plan, _: super::Loc) -> Result<(), String> {
    plan.spending.one_offs.push(OneOff {
        year: plan.assumptions.start_year + 1,
        amount: dec!(20000),
        label: "One-off".into(),
    });
    Ok(())
}

/// Every kind of strategy a plan can compare, with its usual parameters.
fn strategy_kinds() -> Vec<StrategySpec> {
    let step = |source| OrderStep { source, cap: None };
    vec![
        StrategySpec::Conventional,
        StrategySpec::DeferredFirst,
        StrategySpec::RothBeforeDeferred,
        StrategySpec::Proportional,
        StrategySpec::BracketFill {
            bracket: dec!(0.12),
            taxable_income: None,
            aca_aware: true,
            draw_beyond_need: false,
        },
        StrategySpec::RothConversion {
            bracket: dec!(0.22),
            yearly_cap: None,
            irmaa_aware: true,
            aca_aware: true,
            stop_at_rmd: false,
            years: None,
            after_fall: None,
        },
        StrategySpec::ZeroGains {
            harvest: true,
            aca_aware: true,
        },
        StrategySpec::HeirAware,
        StrategySpec::CustomOrder {
            steps: vec![
                step(Source::Roth),
                step(Source::Taxable),
                step(Source::Deferred),
            ],
        },
        StrategySpec::Optimized {
            objective: Objective::Estate,
        },
        StrategySpec::Optimized {
            objective: Objective::Spending {
                min_estate: Decimal::ZERO,
            },
        },
        StrategySpec::Schedule { rows: Vec::new() },
    ]
}

/// The add-a-strategy choices: a title and what it does.
pub fn strategy_choices(_: &Plan) -> Vec<(String, String)> {
    strategy_kinds()
        .iter()
        .map(|s| {
            let title = match s {
                StrategySpec::CustomOrder { .. } => "Custom order of accounts".to_string(),
                StrategySpec::BracketFill { .. } => "Fill a bracket".to_string(),
                StrategySpec::RothConversion { .. } => "Roth conversions".to_string(),
                StrategySpec::Optimized {
                    objective: Objective::Estate,
                } => "Optimized for the estate".to_string(),
                StrategySpec::Optimized { .. } => "Optimized for spending".to_string(),
                StrategySpec::Schedule { .. } => "A schedule of your own".to_string(),
                other => other.name(),
            };
            (title, s.describe())
        })
        .collect()
}

pub fn add_strategy(plan: &mut Plan, _: super::Loc, choice: usize) -> Result<(), String> {
    let spec = strategy_kinds()
        .into_iter()
        .nth(choice)
        .ok_or("no such strategy")?;
    plan.strategies.push(spec);
    // A schedule starts with the plan's first year, nothing converted or drawn yet.
    if let Some(last) = plan.strategies.len().checked_sub(1)
        && schedule_rows(plan, last).is_some()
    {
        add_schedule_row(plan, super::Loc(last, 0))?;
    }
    Ok(())
}

pub fn schedule_rows(plan: &Plan, i: usize) -> Option<&Vec<ScheduleRow>> {
    match plan.strategies.get(i)?.kind() {
        StrategySpec::Schedule { rows } => Some(rows),
        _ => None,
    }
}

pub fn schedule_rows_mut(plan: &mut Plan, i: usize) -> Option<&mut Vec<ScheduleRow>> {
    match plan.strategies.get_mut(i)?.kind_mut() {
        StrategySpec::Schedule { rows } => Some(rows),
        _ => None,
    }
}

/// A year after the schedule's last (the plan's first year for an empty one), all zero.
pub fn add_schedule_row(plan: &mut Plan, loc: super::Loc) -> Result<(), String> {
    let start = plan.assumptions.start_year;
    let rows = schedule_rows_mut(plan, loc.0).ok_or("this strategy lists no years")?;
    let year = rows.last().map_or(start, |r| r.year.saturating_add(1));
    rows.push(ScheduleRow {
        year,
        roth_conversion: Decimal::ZERO,
        deferred: Decimal::ZERO,
        taxable: Decimal::ZERO,
        roth: Decimal::ZERO,
        cash: Decimal::ZERO,
    });
    Ok(())
}

pub fn steps(plan: &Plan, i: usize) -> Option<&Vec<OrderStep>> {
    match plan.strategies.get(i)?.kind() {
        StrategySpec::CustomOrder { steps } => Some(steps),
        _ => None,
    }
}

pub fn steps_mut(plan: &mut Plan, i: usize) -> Option<&mut Vec<OrderStep>> {
    match plan.strategies.get_mut(i)?.kind_mut() {
        StrategySpec::CustomOrder { steps } => Some(steps),
        _ => None,
    }
}

pub fn add_step(plan: &mut Plan, loc: super::Loc) -> Result<(), String> {
    let steps = steps_mut(plan, loc.0).ok_or("this strategy has no steps")?;
    // The first source not yet in the order, else Roth.
    let source = Source::ALL
        .into_iter()
        .find(|s| !steps.iter().any(|x| x.source == *s))
        .unwrap_or(Source::Roth);
    steps.push(OrderStep { source, cap: None });
    Ok(())
}

/// What happens to the accounts and income of a person who is removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leaving {
    /// They pass to the other person.
    ToSurvivor,
    /// They are removed with the person.
    Removed,
}

/// The plan without person `i`, their accounts and income passed on or removed.
pub fn remove_person(plan: &Plan, i: usize, leaving: Leaving) -> Result<Plan, String> {
    if plan.people.len() < 2 {
        return Err("a plan needs at least one person".into());
    }
    if i >= plan.people.len() {
        return Err("nothing to remove".into());
    }
    let mut next = plan.clone();
    next.people.remove(i);
    let theirs = |owner: usize| owner == i;
    if leaving == Leaving::Removed {
        next.accounts.retain(|a| !a.owner().is_some_and(theirs));
        next.income.pensions.retain(|p| p.person != i);
        next.income.wages.retain(|w| w.person != i);
    }
    // Social Security is one benefit per person: theirs ends with them either way (a survivor
    // benefit is the engine's, from the survivor's own record).
    next.income.social_security.retain(|s| s.person != i);
    for s in &mut next.income.social_security {
        s.person = 0;
    }
    for p in &mut next.income.pensions {
        p.person = 0;
    }
    for w in &mut next.income.wages {
        w.person = 0;
    }
    for a in &mut next.accounts {
        if let Account::Deferred { owner, .. } | Account::Roth { owner, .. } = a {
            *owner = 0;
        }
    }
    if next.filing.married() {
        next.filing = Filing::Single;
    }
    Ok(next)
}

/// What removing person `i` touches: how many accounts and incomes are theirs.
pub fn person_holdings(plan: &Plan, i: usize) -> (usize, usize) {
    let accounts = plan
        .accounts
        .iter()
        .filter(|a| a.owner() == Some(i))
        .count();
    let incomes = plan
        .income
        .pensions
        .iter()
        .filter(|p| p.person == i)
        .count()
        + plan.income.wages.iter().filter(|w| w.person == i).count()
        + plan
            .income
            .social_security
            .iter()
            .filter(|s| s.person == i)
            .count();
    (accounts, incomes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{demo_plan, validate};

    #[test]
    fn a_removed_person_s_accounts_pass_on_or_go() {
        let plan = demo_plan();
        let (accounts, _) = person_holdings(&plan, 1);
        assert!(accounts > 0, "the demo's second person owns an account");
        let kept = remove_person(&plan, 1, Leaving::ToSurvivor).unwrap();
        assert_eq!(kept.accounts.len(), plan.accounts.len());
        assert!(
            kept.accounts
                .iter()
                .all(|a| a.owner().is_none_or(|o| o == 0))
        );
        let gone = remove_person(&plan, 1, Leaving::Removed).unwrap();
        assert_eq!(gone.accounts.len(), plan.accounts.len() - accounts);
        for p in [kept, gone] {
            // The demo's "Claim at 70" still names the second person's benefit: the household
            // is valid, and saving names the scenario to fix.
            assert!(crate::plan::validate_household(&p).is_empty());
            assert!(
                validate(&p)
                    .iter()
                    .any(|i| i.path.starts_with("scenario \"Claim at 70\""))
            );
            assert_eq!(p.filing, Filing::Single);
        }
        assert!(
            remove_person(
                &remove_person(&plan, 1, Leaving::Removed).unwrap(),
                0,
                Leaving::Removed
            )
            .is_err()
        );
    }

    #[test]
    fn every_strategy_kind_can_be_added_and_is_valid() {
        let mut plan = demo_plan();
        let n = strategy_choices(&plan).len();
        for k in 0..n {
            add_strategy(&mut plan, super::super::Loc::default(), k).unwrap();
        }
        assert!(validate(&plan).is_empty(), "{:?}", validate(&plan));
    }
}
