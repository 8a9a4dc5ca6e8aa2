//! The year-by-year projection of one strategy over a scenario.
//!
//! Each year: deaths pass accounts to the survivor; dividends and interest are paid out; RMDs
//! come out; the IRMAA surcharge set two years earlier is due; the strategy decides and the
//! solver meets the need; conversions, sales, harvests and reinvestment are applied; the accounts
//! grow. With end-of-year withdrawals (`assumptions.withdrawals: EndOfYear`) the accounts grow
//! first, after the income is paid out and before the RMDs come out. All flows are in whole cents, so the ledger identity holds to the cent.

use super::accounts::{
    balances, convertible, defer_wages, grow, harvest_gains, reinvest, reinvest_taxable,
    roth_early, sum_kind, take_hsa, take_pro_rata, transfer_conversion,
};
use super::guardrails::GuardrailState;
use super::health::Marketplace;
use super::ledger::{Balances, Projection, YearRow};
use super::marginals::year_marginals;
use super::opening::{
    Payouts, early_rate, give_from_iras, hsa_flows, owners, pass_to_survivor, payouts, rmds_due,
    season_conversions, surcharge, take_rmds,
};
use super::roots::SolveHint;
use super::scenario::{AccountState, Scenario};
use super::strategy::{Decision, Strategy};
use super::year::{Solution, YearContext};
use crate::num::Num;
use crate::plan::AccountKind;
use crate::tax::{Filing, IncomeFacts};
use std::any::Any;

/// Projects one strategy and keeps every year. `decisions` is the same scenario on `f64`
/// (the scenario itself when it already is), on which the strategy searches.
pub fn project<N: Num>(
    scenario: &Scenario<N>,
    decisions: &Scenario<f64>,
    strategy: &dyn Strategy,
) -> Projection<N> {
    let mut rows = Vec::with_capacity(scenario.years.len());
    run(scenario, decisions, strategy, |row| rows.push(row));
    Projection {
        strategy: strategy.name(),
        rows,
        heirs_rate: scenario.heirs_rate,
    }
}

/// Projects one strategy, handing each year to `visit` as it is computed.
pub fn run<N: Num>(
    scenario: &Scenario<N>,
    decisions: &Scenario<f64>,
    strategy: &dyn Strategy,
    visit: impl FnMut(YearRow<N>),
) {
    run_with(scenario, decisions, strategy, true, visit, |_, _, _| {});
}

/// [`run`] without each year's marginal rates (left at zero): a simulation over thousands of
/// paths needs only balances, taxes and shortfalls, and the rates cost a tenth of a year's work.
pub fn run_lean<N: Num>(
    scenario: &Scenario<N>,
    decisions: &Scenario<f64>,
    strategy: &dyn Strategy,
    visit: impl FnMut(YearRow<N>),
) {
    run_with(scenario, decisions, strategy, false, visit, |_, _, _| {});
}

/// Where in a year [`run_traced`] shows every account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountStage {
    /// After the accounts of someone who died passed to the survivor; before anything else.
    Opening,
    /// After the required minimum distributions came out.
    AfterRmd,
    /// After the Roth conversion moved money (into a new Roth account at the end of the list
    /// when the owner had none).
    AfterConversion,
    /// After the draws and sales that fund the year; before harvests, reinvestment and growth.
    AfterDraws,
}

/// [`run`], also showing `trace` every account at each [`AccountStage`] of each year (by the
/// year's index). The ledger keeps flows by kind of account; this is how a report tells which
/// named account gives how much, from the engine's own books rather than a second model of them.
pub fn run_traced<N: Num>(
    scenario: &Scenario<N>,
    decisions: &Scenario<f64>,
    strategy: &dyn Strategy,
    visit: impl FnMut(YearRow<N>),
    trace: impl FnMut(usize, AccountStage, &[AccountState<N>]),
) {
    run_with(scenario, decisions, strategy, true, visit, trace);
}

fn run_with<N: Num>(
    scenario: &Scenario<N>,
    decisions: &Scenario<f64>,
    strategy: &dyn Strategy,
    marginals: bool,
    mut visit: impl FnMut(YearRow<N>),
    mut trace: impl FnMut(usize, AccountStage, &[AccountState<N>]),
) {
    run_from(
        scenario,
        decisions,
        strategy,
        marginals,
        (None, usize::MAX),
        None,
        &mut visit,
        &mut trace,
    );
}

/// Where a projection stands at the start of a year: everything the years from then on depend
/// on besides the scenario and the strategy. A search that changes one year of a strategy
/// replays from that year's state rather than from the first year ([`run_lean_from`]).
#[derive(Debug, Clone, PartialEq)]
pub struct PathState<N> {
    /// The year (index) the state opens.
    pub index: usize,
    accounts: Vec<AccountState<N>>,
    carried_loss: N,
    magi_history: [Option<(N, Filing)>; 2],
    guardrails: GuardrailState<N>,
    /// Where the last year's search for the amount drawn ended (runs without exact books), so
    /// that a replay from here searches as the run did.
    hint: Option<SolveHint>,
}

impl<N: Num> PathState<N> {
    /// The MAGI and filing of the year before the state's (which set the surcharge two years
    /// on), if known.
    pub fn last_magi(&self) -> Option<(N, Filing)> {
        self.magi_history[1]
    }

    /// The balances by kind of account.
    pub fn balances(&self) -> Balances<N> {
        balances(&self.accounts)
    }

    /// The state with `amount` more (less, if negative) in the accounts of `kind`, spread over
    /// them in proportion to their balances (a taxable account's basis in proportion too, so its
    /// share of gain stays); `None` when no account of the kind holds money to scale.
    pub fn with_added(&self, kind: AccountKind, amount: N) -> Option<PathState<N>> {
        let held = sum_kind(&self.accounts, kind, |a| a.balance.pos());
        if !held.above_zero() || held + amount < N::ZERO {
            return None;
        }
        let mut out = self.clone();
        for a in out.accounts.iter_mut().filter(|a| a.kind == kind) {
            if !a.balance.above_zero() {
                continue;
            }
            let k = amount * a.balance / held;
            if a.kind == AccountKind::Taxable {
                a.basis += a.basis * k / a.balance;
            }
            a.balance += k;
        }
        Some(out)
    }

    /// The state with `amount` more cost basis in the taxable accounts (the balances as they
    /// are), spread over them in proportion to their balances; `None` when no taxable account
    /// holds money.
    pub fn with_basis_added(&self, amount: N) -> Option<PathState<N>> {
        let held = sum_kind(&self.accounts, AccountKind::Taxable, |a| a.balance.pos());
        if !held.above_zero() {
            return None;
        }
        let mut out = self.clone();
        for a in out
            .accounts
            .iter_mut()
            .filter(|a| a.kind == AccountKind::Taxable && a.balance.above_zero())
        {
            a.basis += amount * a.balance / held;
        }
        Some(out)
    }
}

/// [`run_lean`] from `from` (the state some run reached at the start of one of its years) up
/// to (not including) the year `until`, or from the first year when `from` is `None`: the years
/// it runs are the ones that run would have computed, as long as the strategy decides them as
/// it did. `save` gets the state at the start of each year run, and of the year `until` when
/// the run stops short of the end.
pub fn run_lean_from<N: Num>(
    scenario: &Scenario<N>,
    decisions: &Scenario<f64>,
    strategy: &dyn Strategy,
    from: Option<&PathState<N>>,
    until: usize,
    save: Option<&mut dyn FnMut(PathState<N>)>,
    mut visit: impl FnMut(YearRow<N>),
) {
    run_from(
        scenario,
        decisions,
        strategy,
        false,
        (from, until),
        save,
        &mut visit,
        &mut |_, _, _| {},
    );
}

/// What [`run_traced`] shows every account to.
type Trace<'a, N> = dyn FnMut(usize, AccountStage, &[AccountState<N>]) + 'a;

#[allow(clippy::too_many_arguments)]
fn run_from<N: Num>(
    scenario: &Scenario<N>,
    decisions: &Scenario<f64>,
    strategy: &dyn Strategy,
    marginals: bool,
    (from, until): (Option<&PathState<N>>, usize),
    mut save: Option<&mut dyn FnMut(PathState<N>)>,
    visit: &mut dyn FnMut(YearRow<N>),
    trace: &mut Trace<'_, N>,
) {
    let (first, mut accounts, mut carried_loss, mut magi_history, mut guardrails, mut hint) =
        match from {
            Some(s) => (
                s.index,
                s.accounts.clone(),
                s.carried_loss,
                s.magi_history,
                s.guardrails,
                s.hint,
            ),
            None => (
                0,
                scenario.accounts.clone(),
                N::ZERO,
                // MAGI and filing of the last two years, oldest first.
                match scenario.prior_magi {
                    Some([a, b]) => [
                        Some((a, scenario.prior_filing)),
                        Some((b, scenario.prior_filing)),
                    ],
                    None => [None, None],
                },
                GuardrailState::<N>::default(),
                None,
            ),
        };

    let mut growth_rate: Vec<N> = Vec::with_capacity(accounts.len() + 2);
    let mut turnover: Vec<N> = Vec::with_capacity(accounts.len() + 2);
    let mut dividend_in: Vec<N> = Vec::with_capacity(accounts.len() + 2);
    let mut rmd_due: Vec<N> = Vec::with_capacity(accounts.len() + 2);
    // A year opens with the balances the last one closed with: a death changes owners and the
    // five-year rule a Roth account's basis, neither of which the balances count (but an HSA a
    // partner inherits becomes tax-deferred money: that year's opening is counted again).
    let mut closed: Option<Balances<N>> = None;
    for (index, inputs) in scenario.years.iter().enumerate().skip(first) {
        if index >= until {
            if let Some(save) = save.as_mut() {
                save(PathState {
                    index,
                    accounts,
                    carried_loss,
                    magi_history,
                    guardrails,
                    hint,
                });
            }
            return;
        }
        if let Some(save) = save.as_mut() {
            save(PathState {
                index,
                accounts: accounts.clone(),
                carried_loss,
                magi_history,
                guardrails,
                hint,
            });
        }
        if pass_to_survivor(&mut accounts, inputs, scenario) {
            closed = None;
        }
        season_conversions(&mut accounts, inputs.year);
        let opening = match closed.take() {
            Some(b) => {
                debug_assert_eq!(
                    b,
                    balances(&accounts),
                    "year {index} opens as the last closed"
                );
                b
            }
            None => balances(&accounts),
        };
        trace(index, AccountStage::Opening, &accounts);

        // Each account's growth rate this year: price growth for taxable accounts (dividends are
        // paid out), only a negative rate for cash (interest is paid out).
        growth_rate.clear();
        growth_rate.extend(accounts.iter().map(|a| a.growth_rate(&inputs.returns)));
        let Payouts {
            dividends,
            reinvested: dividends_reinvested,
            qualified,
            interest,
            turnover_gain,
        } = payouts(
            &accounts,
            &growth_rate,
            &inputs.returns,
            &mut turnover,
            &mut dividend_in,
        );

        // RMDs are set by the balances at the end of the prior year; drawing at the end of the
        // year, the year's returns come before they are taken.
        let rmd_started = rmds_due(scenario, inputs, &accounts, &mut rmd_due);
        let mut growth = N::ZERO;
        if scenario.end_of_year {
            growth = grow(&mut accounts, &growth_rate, &inputs.returns);
        }
        let qcd = give_from_iras(&mut accounts, inputs, &mut rmd_due);
        // With an unmarried partner's inherited Roth paying out on its own clock, tax-free.
        let (rmd, rmd_of, roth_payout) = take_rmds(&mut accounts, &rmd_due);
        trace(index, AccountStage::AfterRmd, &accounts);

        let early_rate = early_rate(scenario, inputs, &accounts);
        let (irmaa, irmaa_tier) = surcharge(inputs, magi_history[0]);
        let has_hsa = accounts.iter().any(|a| a.kind == AccountKind::Hsa);
        let (contributed, hsa_medical) = hsa_flows(inputs, &mut accounts, has_hsa, irmaa);
        // Deferrals from wages to employer plans (most years and plans have none).
        let (deferral, roth_deferral) = defer_wages(
            &mut accounts,
            inputs.health.deferral,
            inputs.health.roth_deferral,
        );

        let (age_head, age_spouse) = inputs.return_ages();
        // A windfall's taxable part is a long-term gain (most years have none, and skip the
        // Decimal arithmetic).
        let mut long_term_gains = turnover_gain - carried_loss;
        if inputs.windfall_gain.above_zero() {
            long_term_gains += inputs.windfall_gain;
        }
        let base = IncomeFacts {
            filing: inputs.filing,
            age_head,
            age_spouse,
            blind: 0,
            wages: inputs.taxed_wages(),
            pensions: inputs.pensions,
            ira_distributions: rmd,
            roth_conversions: N::ZERO,
            taxable_interest: interest,
            tax_exempt_interest: N::ZERO,
            ordinary_dividends: dividends,
            qualified_dividends: qualified,
            long_term_gains,
            short_term_gains: N::ZERO,
            other_ordinary: inputs.other_ordinary(),
            social_security: inputs.social_security,
            lived_with_spouse: inputs.filing == Filing::Mfs && inputs.alive == [true, true],
        };
        let mut fixed_cash = inputs.social_security
            + inputs.pensions
            + inputs.wages
            + inputs.other_income
            + (dividends - dividends_reinvested)
            + interest
            + rmd
            + inputs.health.self_employment
            + hsa_medical
            - contributed;
        for deferred in [deferral, roth_deferral] {
            if deferred.above_zero() {
                fixed_cash -= deferred;
            }
        }
        if inputs.windfall.above_zero() {
            fixed_cash += inputs.windfall;
        }
        if roth_payout.above_zero() {
            fixed_cash += roth_payout;
        }
        let (living, guardrail) = guardrails.year(scenario, index, inputs.living, opening.total());
        let spending = living + inputs.one_offs;
        // Gifts the IRAs did not give are paid like spending. (Most years give nothing from IRAs,
        // and pay every gift below: they skip the Decimal arithmetic.)
        let charity_cash = if !qcd.above_zero() {
            inputs.charity
        } else {
            inputs.charity - qcd
        };
        let now = balances(&accounts);
        let (taxable_value, taxable_basis) = (now.taxable, now.basis);
        let owners = owners(inputs, &accounts, rmd_of, age_head, age_spouse);
        let ctx = YearContext {
            scenario,
            inputs,
            index,
            owners,
            base,
            fixed_cash,
            outlays: spending
                + charity_cash
                + irmaa
                + inputs.health.medicare
                + inputs.health.payroll
                + inputs.health.medical,
            irmaa,
            available: [now.cash, now.taxable, now.deferred, now.roth],
            convertible: convertible(&accounts, now.deferred),
            gain_ratio: (taxable_value - taxable_basis).ratio_short(taxable_value, 12),
            unrealized: (taxable_value - taxable_basis).pos(),
            rmd,
            rmd_started,
            early_rate,
            roth_early: roth_early(&accounts, inputs, scenario.early_withdrawal_rate),
            memo: Default::default(),
            hint: Default::default(),
            warm: false,
        };

        // The strategy searches on f64; the books are kept exactly, starting from its answer.
        // When the books are kept on f64 too (simulation), that answer is the solution.
        let mut quick = ctx.mirror(decisions);
        // Without exact books (a simulation, a search's replays), each search for the amount
        // drawn starts where the last one ended.
        if !marginals {
            quick.warm = true;
            quick.hint.set(hint);
        }
        let decision = strategy.decide(&quick);
        let quick_solution = quick.solve_last(&decision);
        if !marginals {
            hint = quick.hint.get();
        }
        let solution = match (&quick_solution as &dyn Any).downcast_ref::<Solution<N>>() {
            Some(same) => *same,
            None => ctx.solve_once(
                &decision.convert(),
                Some(N::from_f64(quick_solution.draws.total())),
            ),
        };
        // Money the accounts could not give: the HSAs are spent on other things too.
        // (Not for gifts alone: they stop first.)
        let (solution, hsa_draw, hsa_penalty) = if solution.shortfall > charity_cash && has_hsa {
            spend_hsa(&ctx, &decision.convert(), solution, &accounts)
        } else {
            (solution, N::ZERO, N::ZERO)
        };
        let Solution {
            draws,
            federal,
            state,
            premium,
            penalty,
            surplus,
            shortfall,
            facts,
            breakdown: mut tax,
        } = solution;

        // Apply the decision to the accounts.
        transfer_conversion(&mut accounts, draws.convert, inputs.year);
        trace(index, AccountStage::AfterConversion, &accounts);
        take_pro_rata(&mut accounts, AccountKind::Cash, draws.cash);
        take_pro_rata(&mut accounts, AccountKind::Deferred, draws.deferred);
        take_pro_rata(&mut accounts, AccountKind::Roth, draws.roth);
        let realized_gain = ctx.realized_gain(draws.taxable);
        take_pro_rata(&mut accounts, AccountKind::Taxable, draws.taxable);
        take_hsa(&mut accounts, hsa_draw, |_| true);
        trace(index, AccountStage::AfterDraws, &accounts);
        harvest_gains(&mut accounts, draws.harvest);
        for (a, g) in accounts.iter_mut().zip(&turnover) {
            a.basis += *g;
        }
        // Reinvested dividends buy shares at their price: balance and basis alike. They arrive
        // with the year's other income, so after this year's sales (which realised gain at the
        // average cost the year opened with).
        if dividends_reinvested.above_zero() {
            for (a, d) in accounts.iter_mut().zip(&dividend_in) {
                a.balance += *d;
                a.basis += *d;
            }
        }
        if draws.fixed.above_zero() {
            reinvest_taxable(&mut accounts, surplus);
        } else {
            reinvest(&mut accounts, surplus);
        }

        // Drawing at the start of the year: growth over the year on what remains (including
        // accounts opened this year).
        if !scenario.end_of_year {
            growth = grow(&mut accounts, &growth_rate, &inputs.returns);
        }
        let closing = balances(&accounts);
        closed = Some(closing);
        guardrails.close(scenario, || growth + dividends + interest);

        // Marginal rates on the next dollar of each kind of income, federal and state.
        let (mut marginal_ordinary, mut marginal_gain) = (N::ZERO, N::ZERO);
        let mut marginal_premium = N::ZERO;
        if marginals {
            let m = year_marginals(&quick, &facts);
            tax.marginal_ordinary = m.federal_ordinary;
            tax.marginal_gain = m.federal_gain;
            (marginal_ordinary, marginal_gain) = (m.ordinary, m.gain);
            marginal_premium = m.premium;
        }
        carried_loss = tax.loss_carryforward;
        magi_history = [magi_history[1], Some((tax.magi, inputs.filing))];

        // Need left unmet falls on the gifts paid in cash first, then on spending, the health
        // premiums, the surcharge and the payroll tax. (Income taxes are always paid: validation
        // keeps every rate on the next dollar below 100%, so the taxes of a year never exceed
        // what it brings in.)
        let mut unmet = shortfall;
        let mut pay = |due: N| {
            let short = unmet.min_of(due);
            unmet -= short;
            due - short
        };
        // Short of money, the gifts stop first; what they leave unpaid is no shortfall.
        let charity_paid = pay(charity_cash);
        let shortfall = if charity_paid == charity_cash {
            shortfall
        } else {
            shortfall - (charity_cash - charity_paid)
        };
        let spending_paid = pay(spending);
        let medical_paid = pay(inputs.health.medical);
        let marketplace_paid = pay(premium);
        let penalty_paid = pay(penalty);
        let hsa_penalty_paid = pay(hsa_penalty);
        let medicare_paid = pay(inputs.health.medicare);
        let irmaa_paid = pay(irmaa);
        let payroll_paid = pay(inputs.health.payroll);
        let (aca_credit, aca_magi, aca_line) = match &inputs.health.marketplace {
            Some(m) => {
                let magi = Marketplace::magi(&facts, &tax);
                let credit = m.credit(magi).credit.round_cents();
                (
                    credit,
                    magi,
                    m.upper_line().unwrap_or(N::ZERO).round_cents(),
                )
            }
            None => (N::ZERO, N::ZERO, N::ZERO),
        };
        let row = YearRow {
            year: inputs.year,
            ages: inputs.ages,
            alive: inputs.alive,
            filing: inputs.filing,
            price_level: inputs.price_level,
            deflator: inputs.deflator,
            price_level_end: inputs.price_level * (N::ONE + inputs.returns.inflation),
            social_security: inputs.social_security,
            pensions: inputs.pensions,
            wages: inputs.wages,
            self_employment: inputs.health.self_employment,
            other_income: inputs.other_income,
            windfall: inputs.windfall,
            windfall_gain: inputs.windfall_gain,
            dividends,
            dividends_reinvested,
            qualified_dividends: qualified,
            interest,
            rmd,
            deferred_draw: draws.deferred,
            fixed_deferred: draws.fixed,
            roth_draw: if roth_payout.above_zero() {
                draws.roth + roth_payout
            } else {
                draws.roth
            },
            roth_payout,
            cash_draw: draws.cash,
            taxable_sale: draws.taxable,
            realized_gain,
            turnover_gain,
            harvested_gain: draws.harvest,
            conversion: draws.convert,
            spending,
            guardrail,
            spending_paid,
            charity: qcd + charity_paid,
            qcd,
            shortfall,
            federal_tax: federal,
            state_tax: state,
            irmaa: irmaa_paid,
            marketplace_premium: marketplace_paid,
            aca_credit,
            aca_magi,
            aca_line,
            medicare_premium: medicare_paid,
            payroll_tax: payroll_paid,
            early_withdrawal_tax: penalty_paid + hsa_penalty_paid,
            hsa_contribution: contributed,
            deferrals: deferral + roth_deferral,
            medical_costs: medical_paid,
            hsa_medical,
            hsa_draw,
            irmaa_tier,
            reinvested: surplus,
            growth,
            opening,
            closing,
            tax,
            marginal_ordinary,
            marginal_premium,
            marginal_gain,
            note: decision.note,
            owners: ctx.owners,
        };
        visit(row);
    }
}

/// A year the other accounts cannot pay for: HSA money spent on other things than medical costs,
/// as ordinary income, with the additional tax on the share of owners under 65, the least that
/// meets the need (to the cent) or all of it. Returns the year solved again, the amount and the
/// additional tax.
fn spend_hsa<N: Num>(
    ctx: &YearContext<'_, N>,
    decision: &Decision<N>,
    solution: Solution<N>,
    accounts: &[AccountState<N>],
) -> (Solution<N>, N, N) {
    let health = &ctx.inputs.health;
    let (mut held, mut penalised) = (N::ZERO, N::ZERO);
    for a in accounts
        .iter()
        .filter(|a| a.kind == AccountKind::Hsa && a.balance.above_zero())
    {
        held += a.balance;
        if ctx.inputs.ages[a.owner] < health.hsa_free_age {
            penalised += a.balance;
        }
    }
    if !held.above_zero() {
        return (solution, N::ZERO, N::ZERO);
    }
    let rate = if penalised.above_zero() {
        (health.hsa_rate * penalised.ratio(held)).short(12)
    } else {
        N::ZERO
    };
    let at = |x: N| {
        let penalty = (rate * x).round_cents();
        let mut base = ctx.base;
        base.other_ordinary += x;
        let year = YearContext {
            base,
            fixed_cash: ctx.fixed_cash + x,
            outlays: ctx.outlays + penalty,
            memo: Default::default(),
            ..ctx.clone()
        };
        (year.solve(decision), x, penalty)
    };
    let all = at(held);
    if all.0.shortfall.above_zero() {
        return all;
    }
    // The cash left rises with the amount spent: halve the stretch to the cent.
    let (mut lo, mut hi, mut best) = (N::ZERO, held, all);
    for _ in 0..64 {
        let mid = ((lo + hi) / N::from_i64(2)).trunc_cents();
        if mid <= lo || mid >= hi {
            break;
        }
        let tried = at(mid);
        if tried.0.shortfall.above_zero() {
            lo = mid;
        } else {
            hi = mid;
            best = tried;
        }
    }
    best
}
