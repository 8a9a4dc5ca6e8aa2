//! A year before any decision: the accounts of someone who died pass to the survivor, Roth
//! conversions five years old season, the investment income is paid out, the RMDs fall due, the
//! share of tax-deferred money under the early-withdrawal tax is known, the surcharge set by
//! MAGI two years earlier is due, the HSA contributions come in and medical costs go out, and
//! the income is split by owner for the state's per-person rules.

use super::accounts::{roth_take, take_hsa};
use super::path::YearReturns;
use super::scenario::{AccountState, Inherited, Scenario, YearInputs};
use crate::num::Num;
use crate::plan::AccountKind;
use crate::tax::rmd::over_period;
use crate::tax::{Filing, Owners, Person};

/// Accounts of someone who has died pass to the survivor, free of the early-withdrawal tax
/// (the death exception). A spouse takes them as their own; an unmarried partner inherits
/// tax-deferred money as an inherited IRA ([`Inherited`]), Roth money as an inherited Roth IRA
/// (paid out tax-free on the same clock) and an HSA as income of the year
/// (IRC 223(f)(8)(B): here a tax-deferred balance due at once). Whether an account changed
/// kind (the balances by kind then differ from last year's closing ones).
pub(super) fn pass_to_survivor<N: Num>(
    accounts: &mut [AccountState<N>],
    inputs: &YearInputs<N>,
    scenario: &Scenario<N>,
) -> bool {
    let people = scenario.people.len();
    let Some(survivor) = (0..people).find(|i| inputs.alive[*i]) else {
        return false;
    };
    let mut regrouped = false;
    // The owner died at the end of last year: this is the first year without them (a sampled
    // lifetime's death too, which the scenario's people do not record).
    let year = inputs.year;
    for a in accounts.iter_mut() {
        if inputs.alive[a.owner] {
            continue;
        }
        if !scenario.married() {
            a.inherited = match a.kind {
                AccountKind::Deferred => Some(inherited(scenario, a.owner, survivor, year, false)),
                AccountKind::Roth => Some(inherited(scenario, a.owner, survivor, year, true)),
                AccountKind::Hsa => {
                    a.kind = AccountKind::Deferred;
                    regrouped = true;
                    Some(Inherited {
                        from: year,
                        period: None,
                        deadline: Some(year),
                    })
                }
                _ => a.inherited,
            };
        }
        a.owner = survivor;
        a.penalty_free_age = 0;
    }
    regrouped
}

/// How an unmarried `survivor` must draw down the IRA (or, with `roth`, the Roth IRA) of
/// `owner`, who died at the end of the year before `from`: an eligible designated beneficiary
/// (not more than ten years younger) stretches it over their Single Life expectancy; anyone
/// younger empties it by the end of the tenth year. Past the owner's required beginning date,
/// the yearly period is the longer of the beneficiary's and the owner's remaining life
/// expectancy, and the ten-year rule has yearly distributions too (Treas. Reg.
/// 1.401(a)(9)-5(d)). A Roth owner always dies before that date (Treas. Reg. 1.408A-6
/// Q&A-14(b)): nothing is due before the tenth year under the ten-year rule, and the payouts
/// are tax-free.
fn inherited<N: Num>(
    scenario: &Scenario<N>,
    owner: usize,
    survivor: usize,
    from: i32,
    roth: bool,
) -> Inherited<N> {
    let (late, heir) = (&scenario.people[owner], &scenario.people[survivor]);
    let death = from - 1;
    let age = |born: i32, year: i32| u32::try_from(year - born).unwrap_or(0);
    let beneficiary = scenario.rmd.single_life(age(heir.birth_year, from));
    // The required beginning date is April 1 of the year after the RMD age: a death at the end
    // of that year or later is past it.
    let past_rbd =
        !roth && death > late.birth_year + scenario.rmd.start_age(late.birth_year) as i32;
    let period = if past_rbd {
        let owner_left = scenario.rmd.single_life(age(late.birth_year, death)) - N::ONE;
        beneficiary.max_of(owner_left)
    } else {
        beneficiary
    };
    if heir.birth_year - late.birth_year <= 10 {
        Inherited {
            from,
            period: Some(period),
            deadline: None,
        }
    } else {
        Inherited {
            from,
            period: past_rbd.then_some(period),
            deadline: Some(death + 10),
        }
    }
}

/// Conversions five years old are free of the five-year rule from this January: they join the
/// Roth accounts' basis.
pub(super) fn season_conversions<N: Num>(accounts: &mut [AccountState<N>], year: i32) {
    for a in accounts.iter_mut().filter(|a| a.kind == AccountKind::Roth) {
        for k in 0..a.young.len() {
            let (y, v) = a.young[k];
            if v != N::ZERO && y + 5 <= year {
                a.basis += v;
                a.young[k] = (0, N::ZERO);
            }
        }
    }
}

/// The year's investment income: dividends and interest paid out (or dividends reinvested,
/// taxed alike) and the gains fund turnover realises inside taxable accounts.
#[derive(Debug, Clone, Copy)]
pub(super) struct Payouts<N> {
    pub dividends: N,
    pub reinvested: N,
    pub qualified: N,
    pub interest: N,
    pub turnover_gain: N,
}

/// [`Payouts`] of the accounts at this year's `growth_rate`s (by position), with each account's
/// turnover gain and reinvested dividends in `turnover` and `dividend_in` (buffers the caller
/// reuses from year to year).
pub(super) fn payouts<N: Num>(
    accounts: &[AccountState<N>],
    growth_rate: &[N],
    returns: &YearReturns<N>,
    turnover: &mut Vec<N>,
    dividend_in: &mut Vec<N>,
) -> Payouts<N> {
    let mut p = Payouts {
        dividends: N::ZERO,
        reinvested: N::ZERO,
        qualified: N::ZERO,
        interest: N::ZERO,
        turnover_gain: N::ZERO,
    };
    turnover.clear();
    turnover.resize(accounts.len(), N::ZERO);
    dividend_in.clear();
    dividend_in.resize(accounts.len(), N::ZERO);
    for (i, a) in accounts.iter().enumerate() {
        if !a.balance.above_zero() {
            continue;
        }
        match a.kind {
            AccountKind::Taxable => {
                let d = (a.balance * a.dividend_yield).round_cents();
                p.dividends += d;
                if a.reinvest_dividends {
                    dividend_in[i] = d;
                    p.reinvested += d;
                }
                p.qualified += (d * a.qualified_share).round_cents();
                if a.realize_share.above_zero() {
                    let price = growth_rate[i].pos();
                    turnover[i] = (a.balance * a.realize_share * price).round_cents();
                }
            }
            AccountKind::Cash => {
                p.interest += (a.balance * returns.cash.pos()).round_cents();
            }
            _ => {}
        }
    }
    p.turnover_gain = turnover.iter().fold(N::ZERO, |s, g| s + *g);
    p
}

/// Each account's required minimum distribution (zero for all but tax-deferred ones), by its
/// owner's age and the balance at the end of the prior year, into `due` (a reused buffer);
/// whether anyone has reached the age RMDs start.
pub(super) fn rmds_due<N: Num>(
    scenario: &Scenario<N>,
    inputs: &YearInputs<N>,
    accounts: &[AccountState<N>],
    due: &mut Vec<N>,
) -> bool {
    let mut started = false;
    due.clear();
    for a in accounts.iter() {
        let mut d = N::ZERO;
        if let Some(inherited) = &a.inherited {
            d = inherited_due(inherited, inputs.year, a.balance);
        } else if a.kind == AccountKind::Deferred {
            let person = &scenario.people[a.owner];
            let age = inputs.ages[a.owner];
            if age >= scenario.rmd.start_age(person.birth_year) {
                started = true;
            }
            d = scenario.rmd.required_with_spouse(
                age,
                person.birth_year,
                a.spouse_age(&inputs.ages, &inputs.alive),
                a.balance,
            );
        }
        due.push(d);
    }
    started
}

/// What an inherited IRA must pay out in `year` from its balance at the end of the prior year.
fn inherited_due<N: Num>(inherited: &Inherited<N>, year: i32, balance: N) -> N {
    if !balance.above_zero() || year < inherited.from {
        return N::ZERO;
    }
    if inherited.deadline.is_some_and(|last| year >= last) {
        return balance;
    }
    match inherited.period {
        Some(first) => {
            // A period of a year or less leaves it all to take.
            let period = first - N::from_i64(i64::from(year - inherited.from));
            if period <= N::ONE {
                balance
            } else {
                over_period(balance, period)
            }
        }
        None => N::ZERO,
    }
}

/// The year's gifts to charity given from IRAs as qualified charitable distributions, by each
/// living owner who reaches 70½ this year or has, up to their limit: first what their accounts
/// owe as RMDs (which the gifts then meet), then more of their IRA money. `due` is lowered by
/// what the gifts met; the rest of the gifts is paid like spending. Inherited IRAs are left out
/// (their owners may give from them too; not modelled).
pub(super) fn give_from_iras<N: Num>(
    accounts: &mut [AccountState<N>],
    inputs: &YearInputs<N>,
    due: &mut [N],
) -> N {
    let wanted = inputs.charity;
    let mut room = [0, 1].map(|i| {
        if inputs.alive[i] {
            inputs.qcd_limit[i]
        } else {
            N::ZERO
        }
    });
    if !wanted.above_zero() || !room.iter().any(|r| r.above_zero()) {
        return N::ZERO;
    }
    let mut left = wanted;
    for meeting_rmds in [true, false] {
        for (a, d) in accounts.iter_mut().zip(due.iter_mut()) {
            if a.kind != AccountKind::Deferred || a.inherited.is_some() || !left.above_zero() {
                continue;
            }
            let owner = a.owner.min(1);
            let cap = if meeting_rmds { *d } else { a.balance };
            let gift = left.min_of(room[owner]).min_of(cap).min_of(a.balance);
            if !gift.above_zero() {
                continue;
            }
            a.balance -= gift;
            *d = (*d - gift).pos();
            room[owner] -= gift;
            left -= gift;
        }
    }
    wanted - left
}

/// Takes the distributions `due` (by position) out of the accounts, never more than an account
/// holds: from tax-deferred accounts, the RMDs' total and each owner's part; from inherited
/// Roth accounts, their tax-free payouts' total.
pub(super) fn take_rmds<N: Num>(accounts: &mut [AccountState<N>], due: &[N]) -> (N, [N; 2], N) {
    let mut rmd = N::ZERO;
    let mut of = [N::ZERO; 2];
    let mut roth = N::ZERO;
    for (a, due) in accounts.iter_mut().zip(due) {
        if a.kind == AccountKind::Deferred {
            let r = due.min_of(a.balance.pos());
            a.balance -= r;
            rmd += r;
            of[a.owner.min(1)] += r;
        } else if a.kind == AccountKind::Roth && due.above_zero() {
            let r = due.min_of(a.balance.pos());
            roth_take(a, r);
            a.balance -= r;
            roth += r;
        }
    }
    (rmd, of, roth)
}

/// The early-withdrawal tax on each dollar of elective tax-deferred money: draws come out of
/// the accounts pro rata, so the share of the money whose owner is under its penalty-free age
/// bears the 10%.
pub(super) fn early_rate<N: Num>(
    scenario: &Scenario<N>,
    inputs: &YearInputs<N>,
    accounts: &[AccountState<N>],
) -> N {
    let (mut penalised, mut total) = (N::ZERO, N::ZERO);
    for a in accounts
        .iter()
        .filter(|a| a.kind == AccountKind::Deferred && a.balance.above_zero())
    {
        total += a.balance;
        if inputs.ages[a.owner] < a.penalty_free_age {
            penalised += a.balance;
        }
    }
    if penalised.above_zero() {
        (scenario.early_withdrawal_rate * penalised.ratio(total)).short(12)
    } else {
        N::ZERO
    }
}

/// The surcharge set by MAGI two years ago (`oldest`, with that year's filing), and its tier.
pub(super) fn surcharge<N: Num>(inputs: &YearInputs<N>, oldest: Option<(N, Filing)>) -> (N, u8) {
    match oldest {
        Some((magi, filing)) if inputs.enrolled_months > 0 => {
            let c = inputs.irmaa.charge(filing, magi, inputs.enrolled_months);
            (c.annual.round_cents(), c.tier)
        }
        _ => (N::ZERO, 0),
    }
}

/// The HSAs before any decision: the year's contributions come in from wages; qualified medical
/// costs (and, for an owner of 65 or more, Medicare premiums and the surcharge) come out
/// tax-free. The contributions and the medical money taken; `has_hsa`: whether any account is
/// an HSA.
pub(super) fn hsa_flows<N: Num>(
    inputs: &YearInputs<N>,
    accounts: &mut [AccountState<N>],
    has_hsa: bool,
    irmaa: N,
) -> (N, N) {
    let contributed = inputs.health.hsa_contribution[0] + inputs.health.hsa_contribution[1];
    let mut medical = N::ZERO;
    if has_hsa {
        for (who, c) in inputs.health.hsa_contribution.iter().enumerate() {
            if *c > N::ZERO
                && let Some(a) = accounts
                    .iter_mut()
                    .filter(|a| a.kind == AccountKind::Hsa)
                    .min_by_key(|a| a.owner != who)
            {
                a.balance += *c;
            }
        }
        medical += take_hsa(accounts, inputs.health.medical, |_| true);
        let free_age = inputs.health.hsa_free_age;
        medical += take_hsa(accounts, inputs.health.medicare + irmaa, |a| {
            inputs.ages[a.owner] >= free_age
        });
    }
    (contributed, medical)
}

/// Whose income is whose this year, the head of the return first: each person's own income,
/// their RMDs, and the share of elective tax-deferred money each one's accounts hold (after the
/// RMDs), which is how draws and conversions come out of them
/// ([`take_pro_rata`](super::accounts::take_pro_rata)).
pub(super) fn owners<N: Num>(
    inputs: &YearInputs<N>,
    accounts: &[AccountState<N>],
    rmd_of: [N; 2],
    age_head: u32,
    age_spouse: Option<u32>,
) -> Owners<N> {
    let head = if inputs.alive[0] { 0 } else { 1 };
    let order = [head, 1 - head];
    let mut held = [N::ZERO; 2];
    for a in accounts.iter().filter(|a| a.kind == AccountKind::Deferred) {
        held[a.owner.min(1)] += a.balance.pos();
    }
    let total = held[0] + held[1];
    let mut people = [Person::<N>::default(); 2];
    let mut share = [N::ZERO; 2];
    for (slot, &who) in order.iter().enumerate() {
        let own = &inputs.own[who];
        people[slot] = Person {
            age: if slot == 0 {
                age_head
            } else {
                age_spouse.unwrap_or(inputs.ages[who])
            },
            wages: inputs.own_taxed_wages(who),
            deferrals: inputs.health.deferral[who],
            hsa: inputs.health.hsa_contribution[who],
            private_pension: own.private_pension,
            government_pension: own.government_pension,
            ira_distributions: rmd_of[who],
            roth_conversions: N::ZERO,
            social_security: own.social_security,
        };
    }
    // Twelve decimals split a dollar far below a cent and keep the state arithmetic on short
    // numbers (a full-precision quotient makes every later sum a 96-bit one). The second share
    // is the rest, so that the two make the whole.
    if total.above_zero() {
        let first = held[order[0]];
        share[0] = if first == total {
            N::ONE
        } else if first.above_zero() {
            first.ratio_short(total, 12)
        } else {
            N::ZERO
        };
        share[1] = N::ONE - share[0];
    } else {
        share[0] = N::ONE;
    }
    Owners {
        people,
        fixed_ira: rmd_of[0] + rmd_of[1],
        share,
    }
}
