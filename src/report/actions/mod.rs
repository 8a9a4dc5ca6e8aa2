//! "This year's actions": for one year of one strategy, the list a retiree or an advisor acts
//! on: the RMD to take from each account, the elective draws and sales by named account, the
//! Roth conversion, the estimated tax with a suggested withholding, and the edge of the tax code
//! that sets each amount.
//!
//! The ledger keeps flows by kind of account. Which named account gives how much comes from the
//! engine's own books: the strategy is projected again with [`run_traced`], which shows every
//! account before and after each step of the year, and the replay is checked against the
//! comparison's ledger to the cent before it is used. (The engine takes a kind's draws from its
//! accounts in proportion to their balances, and sells taxable holdings at their average cost.)

mod lines;

pub use lines::{ActionLine, account_label, action_lines, actions_table, actions_text};

use super::explain::explain;
use super::recommend::{Recommendation, recommended};
use super::why::{Why, stopped, why};
use crate::compare::Comparison;
use crate::engine::{
    AccountName, AccountStage, AccountState, EngineError, ReturnPath, Scenario, YearRow, run_traced,
};
use crate::optimize::Schedule;
use crate::plan::{AccountKind, Plan};
use crate::strategy::{Strategy, StrategySpec, build};
use rust_decimal::Decimal;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum ActionsError {
    #[error(transparent)]
    Engine(#[from] EngineError),
    #[error("{year} is not a year of the plan ({first} to {last})")]
    NoSuchYear { year: i32, first: i32, last: i32 },
    #[error("the comparison has no strategy number {0}")]
    NoStrategy(usize),
}

/// An account as the actions name it: one of the plan's (by index) or one the engine opened.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountRef {
    /// Index in the plan's accounts; `None` for an account the engine opened (a Roth account
    /// for conversions of someone who had none).
    pub index: Option<usize>,
    pub name: String,
    pub kind: AccountKind,
    /// The owner this year (after a death, the survivor), for tax-deferred and Roth accounts.
    pub owner: Option<usize>,
}

/// A required minimum distribution from one account.
#[derive(Debug, Clone, PartialEq)]
pub struct Rmd {
    pub account: AccountRef,
    /// The balance at the end of the year before.
    pub prior_balance: Decimal,
    /// The owner's age at the end of the year.
    pub age: u32,
    /// The distribution period for that age (the Uniform Lifetime Table's, or the Joint and
    /// Last Survivor Table's for `joint_with`).
    pub period: Decimal,
    /// The age of the spouse, sole beneficiary and more than ten years younger, whose age with
    /// the owner's set the period (IRS Joint and Last Survivor Table).
    pub joint_with: Option<u32>,
    pub amount: Decimal,
    /// The owner's first RMD year (its deadline may wait until April 1 of the next year).
    pub first: bool,
}

/// Money moved from a tax-deferred account to a Roth account.
#[derive(Debug, Clone, PartialEq)]
pub struct Conversion {
    pub from: AccountRef,
    pub to: AccountRef,
    pub amount: Decimal,
}

/// Money taken from an account: an elective draw, or a taxable sale with its gain.
#[derive(Debug, Clone, PartialEq)]
pub struct Draw {
    pub account: AccountRef,
    pub amount: Decimal,
    /// For a taxable sale: the cost basis sold (at the account's average cost) and the gain.
    pub basis: Option<Decimal>,
    pub gain: Option<Decimal>,
}

/// The year's taxes and a suggested withholding.
#[derive(Debug, Clone, PartialEq)]
pub struct TaxEstimate {
    pub federal: Decimal,
    pub state: Decimal,
    /// Medicare IRMAA surcharges due this year (set by MAGI two years earlier).
    pub irmaa: Decimal,
    /// Tax-deferred money paid out this year that withholding can come from: the RMDs and the
    /// elective draws (not the conversion: tax withheld from a conversion is not converted).
    pub ira_paid: Decimal,
}

impl TaxEstimate {
    /// The withholding that covers `tax` as a share of the IRA money paid out, rounded up to a
    /// whole percent as custodians take it; `None` when that money cannot cover it.
    pub fn withholding_rate(&self, tax: Decimal) -> Option<Decimal> {
        if tax <= Decimal::ZERO || self.ira_paid < tax {
            return None;
        }
        let pct = (tax * Decimal::ONE_HUNDRED / self.ira_paid).ceil();
        Some(pct / Decimal::ONE_HUNDRED)
    }
}

/// One year of one strategy as a list of things to do.
#[derive(Debug, Clone, PartialEq)]
pub struct Actions {
    pub year: i32,
    pub strategy: String,
    /// How the strategy orders its draws, in words.
    pub describe: String,
    /// Why this strategy, when it is the recommended one.
    pub recommended: Option<&'static str>,
    pub rmds: Vec<Rmd>,
    pub conversions: Vec<Conversion>,
    /// Elective draws and taxable sales, in the plan's account order.
    pub draws: Vec<Draw>,
    /// Gains realised by selling and rebuying (raising the basis), across the taxable accounts.
    pub harvest: Decimal,
    pub tax: TaxEstimate,
    /// The split by named account comes from the engine's books; false when the replay did not
    /// reproduce the ledger, and the amounts are by kind of account only.
    pub by_account: bool,
    /// What sets the tax-deferred draws and the conversion (the edge they stop at).
    pub deferred_edge: String,
    /// The ledger row and its explanation.
    pub row: YearRow<Decimal>,
    pub why: Why,
    pub summary: String,
}

/// The accounts at each stage of one year, as the engine kept them.
#[derive(Default)]
struct Snapshots {
    stages: [Vec<AccountState<Decimal>>; 4],
}

fn stage_index(s: AccountStage) -> usize {
    match s {
        AccountStage::Opening => 0,
        AccountStage::AfterRmd => 1,
        AccountStage::AfterConversion => 2,
        AccountStage::AfterDraws => 3,
    }
}

/// The strategy of a comparison's column, to project again: a named policy, or for an optimized
/// column its own years as a schedule.
fn strategy_of(c: &Comparison, i: usize) -> Box<dyn Strategy> {
    match &c.specs[i] {
        StrategySpec::Optimized { .. } => Box::new(Schedule::from_projection(&c.projections[i])),
        spec => build(spec),
    }
}

/// The same flows and taxes, to the cent.
fn same_year(a: &YearRow<Decimal>, b: &YearRow<Decimal>) -> bool {
    a.year == b.year
        && a.rmd == b.rmd
        && a.conversion == b.conversion
        && a.deferred_draw == b.deferred_draw
        && a.roth_draw == b.roth_draw
        && a.cash_draw == b.cash_draw
        && a.taxable_sale == b.taxable_sale
        && a.harvested_gain == b.harvested_gain
        && a.federal_tax == b.federal_tax
        && a.state_tax == b.state_tax
}

/// The actions of strategy `strategy` (a column of `c`) in `year`.
pub fn actions(
    plan: &Plan,
    c: &Comparison,
    strategy: usize,
    year: i32,
) -> Result<Actions, ActionsError> {
    let mut all = actions_for_years(plan, c, strategy, year, 1)?;
    all.pop().ok_or(ActionsError::NoSuchYear {
        year,
        first: plan.assumptions.start_year,
        last: plan.end_year(),
    })
}

/// The actions of `count` years from `first` (fewer when the plan ends sooner), from one replay.
pub fn actions_for_years(
    plan: &Plan,
    c: &Comparison,
    strategy: usize,
    first: i32,
    count: usize,
) -> Result<Vec<Actions>, ActionsError> {
    let projection = c
        .projections
        .get(strategy)
        .ok_or(ActionsError::NoStrategy(strategy))?;
    let start = plan.assumptions.start_year;
    let Some(from) = projection.rows.iter().position(|r| r.year == first) else {
        return Err(ActionsError::NoSuchYear {
            year: first,
            first: start,
            last: plan.end_year(),
        });
    };
    let to = (from + count).min(projection.rows.len());

    let scenario = Scenario::<Decimal>::build(plan, &ReturnPath::constant(plan))?;
    let decisions = scenario.to_f64();
    let policy = strategy_of(c, strategy);
    let mut replayed: Vec<Option<YearRow<Decimal>>> = vec![None; to - from];
    let mut snapshots: Vec<Snapshots> = (from..to).map(|_| Snapshots::default()).collect();
    run_traced(
        &scenario,
        &decisions,
        policy.as_ref(),
        |row| {
            if let Some(k) = projection.rows.iter().position(|r| r.year == row.year)
                && (from..to).contains(&k)
            {
                replayed[k - from] = Some(row);
            }
        },
        |index, stage, accounts| {
            if (from..to).contains(&index) {
                snapshots[index - from].stages[stage_index(stage)] = accounts.to_vec();
            }
        },
    );

    let recommendation = recommended(c);
    let spec = &c.specs[strategy];
    let mut out = Vec::with_capacity(to - from);
    for (k, snap) in (from..to).zip(&snapshots) {
        let row = &projection.rows[k];
        let inputs = &decisions.years[k];
        let w = why(row, inputs);
        let traced = replayed[k - from]
            .as_ref()
            .is_some_and(|r| same_year(r, row));
        let (rmds, conversions, draws) = if traced {
            split(plan, &scenario, &inputs.ages, &inputs.alive, snap)
        } else {
            by_kind(row)
        };
        out.push(Actions {
            year: row.year,
            strategy: projection.strategy.clone(),
            describe: spec.describe(),
            recommended: recommendation
                .as_ref()
                .filter(|r: &&Recommendation| r.index == strategy)
                .map(|r| r.rule),
            rmds,
            conversions,
            draws,
            harvest: row.harvested_gain,
            tax: TaxEstimate {
                federal: row.federal_tax,
                state: row.state_tax,
                irmaa: row.irmaa,
                ira_paid: row.rmd + row.deferred_draw,
            },
            by_account: traced,
            deferred_edge: if row.conversion > Decimal::ZERO || row.deferred_draw > Decimal::ZERO {
                stopped(row, &w)
            } else {
                String::new()
            },
            summary: explain(row),
            why: w,
            row: row.clone(),
        });
    }
    Ok(out)
}

fn account_ref(plan: &Plan, i: usize, a: &AccountState<Decimal>) -> AccountRef {
    AccountRef {
        index: (i < plan.accounts.len()).then_some(i),
        name: match a.name {
            AccountName::Plan(p) => plan.accounts.get(p).map(|p| p.name()).unwrap_or_default(),
            AccountName::Opened(label) => label,
        }
        .to_string(),
        kind: a.kind,
        owner: matches!(a.kind, AccountKind::Deferred | AccountKind::Roth).then_some(a.owner),
    }
}

/// Each account's part of the year's flows, from the engine's accounts at each stage.
fn split(
    plan: &Plan,
    scenario: &Scenario<Decimal>,
    ages: &[u32; 2],
    alive: &[bool; 2],
    snap: &Snapshots,
) -> (Vec<Rmd>, Vec<Conversion>, Vec<Draw>) {
    let [opening, after_rmd, after_conversion, after_draws] = &snap.stages;
    let balance =
        |v: &[AccountState<Decimal>], i: usize| v.get(i).map_or(Decimal::ZERO, |a| a.balance);
    let mut rmds = Vec::new();
    for (i, a) in opening.iter().enumerate() {
        let amount = a.balance - balance(after_rmd, i);
        if a.kind == AccountKind::Deferred && amount > Decimal::ZERO {
            let age = ages[a.owner.min(1)];
            let spouse = a.spouse_age(ages, alive);
            let first = scenario
                .people
                .get(a.owner)
                .is_some_and(|p| scenario.rmd.start_age(p.birth_year) == age);
            rmds.push(Rmd {
                account: account_ref(plan, i, a),
                prior_balance: a.balance,
                age,
                period: scenario.rmd.period_with_spouse(age, spouse),
                joint_with: spouse.filter(|_| scenario.rmd.is_joint(age, spouse)),
                amount,
                first,
            });
        }
    }
    // Conversions: what left each tax-deferred account, and the Roth account of the same owner
    // that received it (the engine's rule; the first Roth account when the owner has none).
    let mut conversions = Vec::new();
    let received: Vec<usize> = (0..after_conversion.len())
        .filter(|&i| {
            after_conversion[i].kind == AccountKind::Roth
                && after_conversion[i].balance > balance(after_rmd, i)
        })
        .collect();
    for (i, a) in after_rmd.iter().enumerate() {
        let amount = a.balance - balance(after_conversion, i);
        if a.kind != AccountKind::Deferred || amount <= Decimal::ZERO {
            continue;
        }
        let to = received
            .iter()
            .copied()
            .find(|&j| after_conversion[j].owner == a.owner)
            .or(received.first().copied());
        if let Some(j) = to {
            conversions.push(Conversion {
                from: account_ref(plan, i, a),
                to: account_ref(plan, j, &after_conversion[j]),
                amount,
            });
        }
    }
    let mut draws = Vec::new();
    for (i, a) in after_conversion.iter().enumerate() {
        let Some(b) = after_draws.get(i) else {
            continue;
        };
        let amount = a.balance - b.balance;
        if amount <= Decimal::ZERO {
            continue;
        }
        let (basis, gain) = if a.kind == AccountKind::Taxable {
            let sold = a.basis - b.basis;
            (Some(sold), Some(amount - sold))
        } else {
            (None, None)
        };
        draws.push(Draw {
            account: account_ref(plan, i, a),
            amount,
            basis,
            gain,
        });
    }
    (rmds, conversions, draws)
}

/// The year's flows by kind of account, when the replay could not name the accounts.
fn by_kind(row: &YearRow<Decimal>) -> (Vec<Rmd>, Vec<Conversion>, Vec<Draw>) {
    let kind = |k: AccountKind, name: &str| AccountRef {
        index: None,
        name: name.to_string(),
        kind: k,
        owner: None,
    };
    let deferred = kind(AccountKind::Deferred, "tax-deferred accounts");
    let rmds = (row.rmd > Decimal::ZERO)
        .then(|| Rmd {
            account: deferred.clone(),
            prior_balance: row.opening.deferred,
            age: row.ages[0],
            period: Decimal::ZERO,
            joint_with: None,
            amount: row.rmd,
            first: false,
        })
        .into_iter()
        .collect();
    let conversions = (row.conversion > Decimal::ZERO)
        .then(|| Conversion {
            from: deferred.clone(),
            to: kind(AccountKind::Roth, "Roth accounts"),
            amount: row.conversion,
        })
        .into_iter()
        .collect();
    let gain = row.realized_gain;
    let draws = [
        (AccountKind::Cash, "cash accounts", row.cash_draw),
        (AccountKind::Taxable, "taxable accounts", row.taxable_sale),
        (
            AccountKind::Deferred,
            "tax-deferred accounts",
            row.deferred_draw,
        ),
        (AccountKind::Roth, "Roth accounts", row.roth_draw),
    ]
    .into_iter()
    .filter(|(_, _, v)| *v > Decimal::ZERO)
    .map(|(k, name, amount)| Draw {
        account: kind(k, name),
        amount,
        basis: (k == AccountKind::Taxable).then(|| amount - gain),
        gain: (k == AccountKind::Taxable).then_some(gain),
    })
    .collect();
    (rmds, conversions, draws)
}

/// The recommended strategy's column, or the plan's first.
pub fn default_strategy(c: &Comparison) -> usize {
    recommended(c).map_or(0, |r| r.index)
}
