//! The books of the accounts: growth, draws taken pro rata within a kind, harvests, Roth
//! conversions and the five-year pieces they leave, HSA draws and reinvestment. Every amount is
//! moved in whole cents, and what leaves one account arrives in another or in the year's cash,
//! so the projection's ledger identity holds to the cent.

use super::ledger::Balances;
use super::path::YearReturns;
use super::roth_rule::{RothEarly, RothPiece};
use super::scenario::{AccountName, AccountState, YearInputs};
use crate::num::Num;
use crate::plan::AccountKind;
use std::cmp::Ordering;

/// One year's growth on every account with money in it, at `rates` by position (an account
/// opened this year, past the end of `rates`, at its own rate for `returns`); the total.
pub(super) fn grow<N: Num>(
    accounts: &mut [AccountState<N>],
    rates: &[N],
    returns: &YearReturns<N>,
) -> N {
    let mut growth = N::ZERO;
    for (i, a) in accounts.iter_mut().enumerate() {
        if !a.balance.above_zero() {
            continue;
        }
        let rate = match rates.get(i) {
            Some(r) => *r,
            None => a.growth_rate(returns),
        };
        let g = (a.balance * rate).round_cents();
        a.balance += g;
        growth += g;
    }
    growth
}

/// Takes up to `amount` from the HSAs `from` accepts, in the order of the accounts (most
/// households hold one); what was taken.
pub(super) fn take_hsa<N: Num>(
    accounts: &mut [AccountState<N>],
    amount: N,
    from: impl Fn(&AccountState<N>) -> bool,
) -> N {
    let mut left = amount;
    for a in accounts.iter_mut() {
        if !left.above_zero() {
            break;
        }
        if a.kind == AccountKind::Hsa && a.balance.above_zero() && from(a) {
            let t = left.min_of(a.balance);
            a.balance -= t;
            left -= t;
        }
    }
    amount.pos() - left.pos()
}

pub(super) fn sum_kind<N: Num>(
    accounts: &[AccountState<N>],
    kind: AccountKind,
    f: impl Fn(&AccountState<N>) -> N,
) -> N {
    accounts
        .iter()
        .filter(|a| a.kind == kind)
        .fold(N::ZERO, |s, a| s + f(a))
}

pub(super) fn balances<N: Num>(accounts: &[AccountState<N>]) -> Balances<N> {
    let mut b = Balances::default();
    for a in accounts {
        match a.kind {
            AccountKind::Cash => b.cash += a.balance,
            AccountKind::Taxable => {
                b.taxable += a.balance;
                b.basis += a.basis;
            }
            AccountKind::Deferred => b.deferred += a.balance,
            AccountKind::Roth => b.roth += a.balance,
            AccountKind::Hsa => b.hsa += a.balance,
        }
    }
    b
}

/// The tax-deferred money that may be converted to Roth, of `deferred` in all: inherited IRAs
/// may not be.
pub(super) fn convertible<N: Num>(accounts: &[AccountState<N>], deferred: N) -> N {
    if accounts.iter().all(|a| a.inherited.is_none()) {
        return deferred;
    }
    accounts
        .iter()
        .filter(|a| a.kind == AccountKind::Deferred && a.inherited.is_none())
        .fold(N::ZERO, |s, a| s + a.balance)
}

/// Takes `amount` from the accounts of a kind in proportion to their balances, in whole cents.
/// A taxable account's basis falls by the average cost of what it sold.
pub(super) fn take_pro_rata<N: Num>(
    accounts: &mut [AccountState<N>],
    kind: AccountKind,
    amount: N,
) {
    take_pro_rata_from(accounts, kind, amount, |_| true);
}

/// [`take_pro_rata`] among the accounts of the kind that are `eligible`.
fn take_pro_rata_from<N: Num>(
    accounts: &mut [AccountState<N>],
    kind: AccountKind,
    amount: N,
    eligible: impl Fn(&AccountState<N>) -> bool,
) {
    if !amount.above_zero() {
        return;
    }
    let holding = |a: &AccountState<N>| a.kind == kind && a.balance.above_zero() && eligible(a);
    let mut total = N::ZERO;
    let mut holders = 0;
    let (mut first, mut second) = (0, 0);
    for (i, a) in accounts.iter().enumerate() {
        if holding(a) {
            match holders {
                0 => first = i,
                1 => second = i,
                _ => {}
            }
            total += a.balance;
            holders += 1;
        }
    }
    if !total.above_zero() {
        return;
    }
    let amount = amount.min_of(total);
    let take = |a: &mut AccountState<N>, t: N| {
        if !t.above_zero() {
            return;
        }
        if kind == AccountKind::Roth {
            roth_take(a, t);
        }
        if kind == AccountKind::Taxable {
            let sold_basis = if t >= a.balance {
                a.basis
            } else {
                a.basis.mul_div_cents(t, a.balance, true)
            };
            a.basis -= sold_basis;
        }
        a.balance -= t;
    };
    if holders == 1 {
        // The usual case: one account of the kind holds it all; no division needed.
        take(&mut accounts[first], amount);
        return;
    }
    // Shares rounded down to the cent, then the cents left over from the first account with room.
    let share = |a: &AccountState<N>| a.balance.part_trunc_cents(amount, total).min_of(a.balance);
    // An account's share and as much of the cents left over as it has room for.
    let topped = |a: &AccountState<N>, t: N, rest: &mut N| {
        if rest.above_zero() {
            let add = rest.min_of(a.balance - t);
            *rest -= add;
            t + add
        } else {
            t
        }
    };
    if holders == 2 {
        // Two accounts of a kind (one each for a couple) are as common as one: each share
        // worked out once, without the passes over every account.
        let (one, other) = (share(&accounts[first]), share(&accounts[second]));
        let mut rest = amount - one - other;
        let one = topped(&accounts[first], one, &mut rest);
        take(&mut accounts[first], one);
        let other = topped(&accounts[second], other, &mut rest);
        take(&mut accounts[second], other);
        return;
    }
    // Three or more: each share is worked out twice (for the cents left over, then to take it)
    // rather than kept in a buffer: clearing the buffer took more instructions than the second
    // multiplication (callgrind), and a year draws from four kinds, millions of times in a
    // search or a simulation.
    let mut rest = amount;
    for a in accounts[first..].iter().filter(|a| holding(a)) {
        rest -= share(a);
    }
    for a in accounts[first..].iter_mut() {
        if !holding(a) {
            continue;
        }
        let t = topped(a, share(a), &mut rest);
        take(a, t);
    }
}

/// Sell-and-rebuy: raises the basis of the taxable accounts by the harvested gain, in
/// proportion to their unrealised gains.
pub(super) fn harvest_gains<N: Num>(accounts: &mut [AccountState<N>], gain: N) {
    if !gain.above_zero() {
        return;
    }
    let unrealized = |a: &AccountState<N>| (a.balance - a.basis).pos();
    let total = sum_kind(accounts, AccountKind::Taxable, unrealized);
    if !total.above_zero() {
        return;
    }
    let mut rest = gain.min_of(total);
    let count = accounts
        .iter()
        .filter(|a| a.kind == AccountKind::Taxable)
        .count();
    let mut seen = 0;
    for a in accounts
        .iter_mut()
        .filter(|a| a.kind == AccountKind::Taxable)
    {
        seen += 1;
        let share = if seen == count {
            rest
        } else {
            gain.mul_div_cents(unrealized(a), total, true).min_of(rest)
        };
        let share = share.min_of(unrealized(a));
        a.basis += share;
        rest -= share;
    }
}

/// Moves a conversion from the tax-deferred accounts to a Roth account of the same owner,
/// opening one when there is none.
pub(super) fn transfer_conversion<N: Num>(
    accounts: &mut Vec<AccountState<N>>,
    amount: N,
    year: i32,
) {
    if !amount.above_zero() {
        return;
    }
    // An inherited IRA cannot be converted (IRC 408(d)(3)(C)).
    let before = owners_deferred(accounts);
    take_pro_rata_from(accounts, AccountKind::Deferred, amount, |a| {
        a.inherited.is_none()
    });
    let after = owners_deferred(accounts);
    for owner in 0..2 {
        let moved = before[owner] - after[owner];
        if !moved.above_zero() {
            continue;
        }
        // Into a Roth IRA of the owner's own: not the other person's, and not an inherited one,
        // which must be emptied on its own schedule.
        let target = own_account(accounts, AccountKind::Roth, owner);
        // One opened for the conversion holds what the owner's largest IRA held (an in-kind
        // conversion keeps its investments); looked up only when one is opened.
        let i = found_or_opened(
            accounts,
            target,
            AccountKind::Roth,
            "Roth (conversions)",
            owner,
            |a| largest_ira_mix(a, Some(owner)),
        );
        accounts[i].balance += moved;
        add_young(&mut accounts[i], year, moved);
    }
}

/// Records a conversion into a Roth account: subject to the five-year rule until five Januaries
/// have passed. A slot still holding money from five years ago passes it to the free money.
fn add_young<N: Num>(a: &mut AccountState<N>, year: i32, amount: N) {
    let k = year.rem_euclid(5) as usize;
    if a.young[k].0 != year {
        a.basis += a.young[k].1;
        a.young[k] = (year, N::ZERO);
    }
    a.young[k].1 += amount;
}

/// A Roth draw of `t` from one account: contributions and old conversions first, then the young
/// conversions oldest first, then earnings (IRC 408A(d)(4)).
#[inline]
pub(super) fn roth_take<N: Num>(a: &mut AccountState<N>, t: N) {
    let from_basis = t.min_of(a.basis.pos());
    a.basis -= from_basis;
    let mut rest = t - from_basis;
    while rest.above_zero() {
        let oldest = (0..a.young.len())
            .filter(|&k| a.young[k].1 > N::ZERO)
            .min_by_key(|&k| a.young[k].0);
        let Some(k) = oldest else { break };
        let from = rest.min_of(a.young[k].1);
        a.young[k].1 -= from;
        rest -= from;
    }
}

/// The year's Roth money as the five-year rule sees it, when a draw could bear the 10%: someone
/// under 59½ holds young conversions or would receive this year's. A conversion comes out of the
/// tax-deferred accounts by balance and goes to a Roth account of the same owner, as
/// [`transfer_conversion`] moves it.
pub(super) fn roth_early<N: Num>(
    accounts: &[AccountState<N>],
    inputs: &YearInputs<N>,
    rate: N,
) -> Option<RothEarly<N>> {
    const FREE_AGE: u32 = 60;
    if !(0..2).any(|i| inputs.alive[i] && inputs.ages[i] < FREE_AGE) {
        return None;
    }
    let mut held = [N::ZERO; 2];
    for a in accounts.iter().filter(|a| a.kind == AccountKind::Deferred) {
        held[a.owner.min(1)] += a.balance.pos();
    }
    let mut owners: Vec<usize> = Vec::new();
    let mut pieces: Vec<RothPiece<N>> = Vec::new();
    for a in accounts.iter().filter(|a| a.kind == AccountKind::Roth) {
        owners.push(a.owner);
        pieces.push(RothPiece {
            balance: a.balance.pos(),
            free: a.basis.pos(),
            young: a.young.iter().fold(N::ZERO, |s, y| s + y.1),
            converted: N::ZERO,
            penalised: inputs.ages[a.owner] < a.penalty_free_age,
        });
    }
    let deferred = held[0] + held[1];
    if deferred.above_zero() {
        for (owner, h) in held.iter().enumerate() {
            if *h <= N::ZERO {
                continue;
            }
            let target = owners
                .iter()
                .position(|o| *o == owner)
                .or_else(|| (!owners.is_empty()).then_some(0));
            let i = match target {
                Some(i) => i,
                None => {
                    owners.push(owner);
                    pieces.push(RothPiece {
                        penalised: inputs.ages[owner] < FREE_AGE,
                        ..RothPiece::default()
                    });
                    pieces.len() - 1
                }
            };
            pieces[i].converted += h.ratio(deferred);
        }
    }
    pieces
        .iter()
        .any(|p| p.penalised && (p.young.above_zero() || p.converted.above_zero()))
        .then_some(RothEarly { rate, pieces })
}

/// Tax-deferred balances by owner.
fn owners_deferred<N: Num>(accounts: &[AccountState<N>]) -> [N; 2] {
    let mut by_owner = [N::ZERO; 2];
    for a in accounts.iter().filter(|a| a.kind == AccountKind::Deferred) {
        by_owner[a.owner.min(1)] += a.balance;
    }
    by_owner
}

/// Puts each person's deferrals from wages into their accounts: before-tax money into their
/// first tax-deferred account, Roth money into their first Roth account (as a contribution, free
/// of the five-year rule), neither inherited; an account is opened for them when they have
/// none, invested as the household's savings are (see [`household_mix`]). The total of each.
pub(super) fn defer_wages<N: Num>(
    accounts: &mut Vec<AccountState<N>>,
    pretax: [N; 2],
    roth: [N; 2],
) -> (N, N) {
    let mut total = (N::ZERO, N::ZERO);
    for (kind, amounts, name) in [
        (AccountKind::Deferred, pretax, "401(k) (deferrals)"),
        (AccountKind::Roth, roth, "Roth 401(k) (deferrals)"),
    ] {
        for (owner, amount) in amounts.into_iter().enumerate() {
            if !amount.above_zero() {
                continue;
            }
            let found = own_account(accounts, kind, owner);
            let i = found_or_opened(accounts, found, kind, name, owner, household_mix);
            accounts[i].balance += amount;
            if kind == AccountKind::Roth {
                accounts[i].basis += amount;
                total.1 += amount;
            } else {
                total.0 += amount;
            }
        }
    }
    total
}

/// Puts money left over into the first cash account, else the first taxable one (as new basis),
/// else a new cash account.
pub(super) fn reinvest<N: Num>(accounts: &mut Vec<AccountState<N>>, amount: N) {
    if !amount.above_zero() {
        return;
    }
    let target = accounts
        .iter()
        .position(|a| a.kind == AccountKind::Cash)
        .or_else(|| accounts.iter().position(|a| a.kind == AccountKind::Taxable));
    // Cash has no mix: it earns the cash rate.
    let i = found_or_opened(
        accounts,
        target,
        AccountKind::Cash,
        "Reinvested surplus",
        0,
        |_| None,
    );
    accounts[i].balance += amount;
    accounts[i].basis += amount;
}

/// Puts what is left of a draw made beyond the year's need into the first taxable account, as
/// a new lot at full basis, else into a new taxable account: the money was drawn to be invested
/// (a cash account would pay taxed interest on it instead of deferring the gain). One opened for
/// it holds what the largest tax-deferred account held, as a Roth opened for a conversion does:
/// the money is invested as it was, not in a mix of the engine's choosing (which, richer in
/// stocks than a household's own, once made drawing beyond the need look better than it is).
pub(super) fn reinvest_taxable<N: Num>(accounts: &mut Vec<AccountState<N>>, amount: N) {
    if !amount.above_zero() {
        return;
    }
    let target = accounts.iter().position(|a| a.kind == AccountKind::Taxable);
    let i = found_or_opened(
        accounts,
        target,
        AccountKind::Taxable,
        "Taxable (reinvested)",
        0,
        |a| largest_ira_mix(a, None),
    );
    accounts[i].balance += amount;
    accounts[i].basis += amount;
}

/// The stock share of the largest tax-deferred account (`owner`'s, or anyone's), if any: what
/// an account opened for money moved out of one holds.
fn largest_ira_mix<N: Num>(accounts: &[AccountState<N>], owner: Option<usize>) -> Option<N> {
    accounts
        .iter()
        .filter(|a| a.kind == AccountKind::Deferred && owner.is_none_or(|o| a.owner == o))
        .max_by(|a, b| a.balance.partial_cmp(&b.balance).unwrap_or(Ordering::Equal))
        .map(|a| a.stock_share)
}

/// The stock share of the household's invested savings (taxable, tax-deferred and Roth
/// accounts, weighted by balance), if it has any: what an account opened for new money (a
/// 401(k) for deferrals from wages) holds, rather than a mix of the engine's choosing.
fn household_mix<N: Num>(accounts: &[AccountState<N>]) -> Option<N> {
    let invested = |a: &&AccountState<N>| {
        matches!(
            a.kind,
            AccountKind::Taxable | AccountKind::Deferred | AccountKind::Roth
        ) && a.balance.above_zero()
    };
    let (mut stocks, mut total) = (N::ZERO, N::ZERO);
    for a in accounts.iter().filter(invested) {
        stocks += a.balance * a.stock_share;
        total += a.balance;
    }
    total.above_zero().then(|| stocks / total)
}

/// The first account of `kind` that is `owner`'s own (not inherited).
fn own_account<N: Num>(
    accounts: &[AccountState<N>],
    kind: AccountKind,
    owner: usize,
) -> Option<usize> {
    accounts
        .iter()
        .position(|a| a.kind == kind && a.owner == owner && a.inherited.is_none())
}

/// The account at `found`, or a new empty one of `kind` opened at the end for `owner`, holding
/// the stock share `mix` reads off the accounts before it (the engine's 60% when `None`).
fn found_or_opened<N: Num>(
    accounts: &mut Vec<AccountState<N>>,
    found: Option<usize>,
    kind: AccountKind,
    name: &'static str,
    owner: usize,
    mix: impl FnOnce(&[AccountState<N>]) -> Option<N>,
) -> usize {
    found.unwrap_or_else(|| {
        let mut opened = synthetic(kind, name, owner);
        if let Some(share) = mix(accounts) {
            opened.stock_share = share;
        }
        accounts.push(opened);
        accounts.len() - 1
    })
}

fn synthetic<N: Num>(kind: AccountKind, name: &'static str, owner: usize) -> AccountState<N> {
    AccountState {
        name: AccountName::Opened(name),
        kind,
        owner,
        balance: N::ZERO,
        basis: N::ZERO,
        dividend_yield: N::ZERO,
        reinvest_dividends: false,
        qualified_share: N::ZERO,
        stock_share: N::from_dec(rust_decimal::Decimal::new(6, 1)),
        realize_share: N::ZERO,
        spouse_beneficiary: false,
        // A Roth opened for conversions, or a 401(k) for deferrals, belongs to a living owner:
        // the five-year rule, or the 10% before 59½, applies.
        penalty_free_age: if matches!(kind, AccountKind::Roth | AccountKind::Deferred) {
            60
        } else {
            0
        },
        young: Default::default(),
        inherited: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use rust_decimal_macros::dec;

    fn taxable(balance: Decimal, basis: Decimal) -> AccountState<Decimal> {
        AccountState {
            name: AccountName::Opened("Taxable"),
            kind: AccountKind::Taxable,
            owner: 0,
            balance,
            basis,
            dividend_yield: Decimal::ZERO,
            reinvest_dividends: false,
            qualified_share: Decimal::ZERO,
            stock_share: Decimal::ONE,
            realize_share: Decimal::ZERO,
            penalty_free_age: 0,
            spouse_beneficiary: false,
            young: Default::default(),
            inherited: None,
        }
    }

    #[test]
    fn selling_from_huge_accounts_does_not_overflow() {
        // Basis times the amount sold is 10^38: beyond Decimal, which once panicked here.
        let big = dec!(1e20);
        let mut accounts = vec![taxable(big, big / dec!(2)), taxable(big, big / dec!(4))];
        take_pro_rata(&mut accounts, AccountKind::Taxable, dec!(1e18));
        assert_eq!(
            accounts[0].balance + accounts[1].balance,
            big * dec!(2) - dec!(1e18)
        );
        // Half the sale from each, 0.5% of each balance: 0.5% of each basis goes with it.
        assert_eq!(accounts[0].basis, dec!(4.975e19));
        assert_eq!(accounts[1].basis, dec!(2.4875e19));
        harvest_gains(&mut accounts, dec!(1e19));
        assert!(accounts.iter().all(|a| a.basis <= a.balance));
    }

    #[test]
    fn shares_are_whole_cents_and_the_cents_left_go_to_the_first_with_room() {
        let deferred = |b| owned(AccountKind::Deferred, 0, b, Decimal::ONE);
        let taken = |balances: &[Decimal], amount| {
            let mut accounts: Vec<_> = balances.iter().map(|b| deferred(*b)).collect();
            // An account of another kind between them takes nothing.
            accounts.insert(1, taxable(dec!(500), dec!(500)));
            take_pro_rata(&mut accounts, AccountKind::Deferred, amount);
            accounts.remove(1);
            let after: Vec<Decimal> = accounts.iter().map(|a| a.balance).collect();
            balances
                .iter()
                .zip(after)
                .map(|(b, a)| b - a)
                .collect::<Vec<_>>()
        };
        // 33.336… and 66.673… round down to 33.33 and 66.67; the cent left goes to the first.
        assert_eq!(
            taken(&[dec!(100), dec!(200)], dec!(100.01)),
            [dec!(33.34), dec!(66.67)]
        );
        assert_eq!(
            taken(&[dec!(100), dec!(100), dec!(100)], dec!(100)),
            [dec!(33.34), dec!(33.33), dec!(33.33)]
        );
        // Two cents left: the first has room for one, the next takes the other.
        assert_eq!(
            taken(&[dec!(0.01), dec!(100), dec!(100)], dec!(100)),
            [dec!(0.01), dec!(50.00), dec!(49.99)]
        );
        // More than they hold takes everything.
        assert_eq!(
            taken(&[dec!(10), dec!(20)], dec!(1000)),
            [dec!(10), dec!(20)]
        );
    }

    fn owned(
        kind: AccountKind,
        owner: usize,
        balance: Decimal,
        stocks: Decimal,
    ) -> AccountState<Decimal> {
        AccountState {
            kind,
            owner,
            stock_share: stocks,
            ..taxable(balance, Decimal::ZERO)
        }
    }

    #[test]
    fn a_draw_beyond_the_need_is_reinvested_as_the_ira_held_it() {
        // No taxable account: one is opened, holding what the largest IRA held.
        let mut accounts = vec![
            owned(AccountKind::Deferred, 0, dec!(50000), dec!(0.9)),
            owned(AccountKind::Deferred, 1, dec!(100000), dec!(0.5)),
            owned(AccountKind::Roth, 0, dec!(50000), dec!(0.7)),
        ];
        reinvest_taxable(&mut accounts, dec!(20000));
        let opened = &accounts[3];
        assert_eq!(
            (
                opened.kind,
                opened.balance,
                opened.basis,
                opened.stock_share
            ),
            (AccountKind::Taxable, dec!(20000), dec!(20000), dec!(0.5))
        );
        // A taxable account of the household's own takes it as a new lot, its mix unchanged.
        let mut accounts = vec![
            owned(AccountKind::Deferred, 0, dec!(50000), dec!(0.9)),
            owned(AccountKind::Taxable, 0, dec!(10000), dec!(0.3)),
        ];
        reinvest_taxable(&mut accounts, dec!(20000));
        assert_eq!(accounts.len(), 2);
        assert_eq!(
            (
                accounts[1].balance,
                accounts[1].basis,
                accounts[1].stock_share
            ),
            (dec!(30000), dec!(20000), dec!(0.3))
        );
    }

    #[test]
    fn a_conversion_goes_to_a_roth_of_its_owner_holding_what_the_ira_held() {
        // The second person converts; only the first has a Roth.
        let mut accounts = vec![
            owned(AccountKind::Deferred, 1, dec!(100000), dec!(0.8)),
            owned(AccountKind::Roth, 0, dec!(50000), dec!(0.7)),
        ];
        transfer_conversion(&mut accounts, dec!(30000), 2026);
        assert_eq!(accounts[1].balance, dec!(50000));
        let opened = &accounts[2];
        assert_eq!(
            (
                opened.kind,
                opened.owner,
                opened.balance,
                opened.stock_share
            ),
            (AccountKind::Roth, 1, dec!(30000), dec!(0.8))
        );
        assert_eq!(opened.young[1], (2026, dec!(30000)));
        // The next year's conversion joins it.
        transfer_conversion(&mut accounts, dec!(10000), 2027);
        assert_eq!((accounts.len(), accounts[2].balance), (3, dec!(40000)));
    }

    #[test]
    fn a_401k_opened_for_deferrals_is_invested_as_the_households_savings() {
        // The second person has no tax-deferred account: one is opened, holding the
        // balance-weighted mix of the invested accounts (cash left out): 0.8·60k + 0.4·40k over
        // 100k.
        let mut accounts = vec![
            owned(AccountKind::Deferred, 0, dec!(60000), dec!(0.8)),
            owned(AccountKind::Taxable, 0, dec!(40000), dec!(0.4)),
            owned(AccountKind::Cash, 0, dec!(50000), dec!(0)),
        ];
        let total = defer_wages(&mut accounts, [dec!(0), dec!(10000)], [dec!(0); 2]);
        assert_eq!(total, (dec!(10000), dec!(0)));
        let opened = &accounts[3];
        assert_eq!(
            (
                opened.kind,
                opened.owner,
                opened.balance,
                opened.stock_share
            ),
            (AccountKind::Deferred, 1, dec!(10000), dec!(0.64))
        );
        // The first person's own account takes theirs, its mix unchanged.
        defer_wages(&mut accounts, [dec!(5000), dec!(0)], [dec!(0); 2]);
        assert_eq!(
            (accounts.len(), accounts[0].balance, accounts[0].stock_share),
            (4, dec!(65000), dec!(0.8))
        );
        // A household with nothing invested keeps the engine's 60%.
        let mut cash_only = vec![owned(AccountKind::Cash, 0, dec!(1000), dec!(0))];
        defer_wages(&mut cash_only, [dec!(0); 2], [dec!(3000), dec!(0)]);
        assert_eq!(cash_only[1].stock_share, dec!(0.6));
    }
}
