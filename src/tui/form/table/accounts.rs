//! The Accounts pane's fields: every kind of account.

use super::*;
use crate::tui::form::groups::Group as G;
use crate::tui::form::spec::Kind as K;

pub(super) static FIELDS: &[FieldSpec] = &[
    field(
        G::Account,
        "Name",
        "accounts[].name",
        K::Text,
        account!(Text, [Taxable, Deferred, Roth, Cash, Hsa], name),
        "what the account is called",
    )
    .private(),
    field(
        G::Account,
        "Balance",
        "accounts[].balance",
        K::Money,
        account!(Decimal, [Taxable, Deferred, Roth, Cash, Hsa], balance),
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
                Account::Deferred { owner, .. }
                | Account::Roth { owner, .. }
                | Account::Hsa { owner, .. } => {
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
        "401(k)/403(b)",
        "accounts[].employer_plan",
        K::Toggle,
        account!(Toggle, [Deferred], employer_plan),
        "an employer plan, not an IRA: left in or after the year of 55, it is drawn without the \
         10% early-withdrawal tax",
    ),
    field(
        G::Account,
        "  left employer at",
        "accounts[].separated_at_age",
        K::MaybeCount,
        Access::MaybeInt {
            get: |p, l| match p.accounts.get(l.0)? {
                Account::Deferred {
                    employer_plan: true,
                    separated_at_age,
                    ..
                } => Some(separated_at_age.map(i64::from)),
                _ => None,
            },
            set: |p, l, v| match p.accounts.get_mut(l.0)? {
                Account::Deferred {
                    employer_plan: true,
                    separated_at_age,
                    ..
                } => {
                    *separated_at_age = match v {
                        Some(v) => Some(u32::try_from(v).ok()?),
                        None => None,
                    };
                    Some(())
                }
                _ => None,
            },
        },
        "the owner's age in the year they left this employer (blank: still there or unknown)",
    )
    .within(age_bounds),
    field(
        G::Account,
        "Spouse sole heir",
        "accounts[].spouse_sole_beneficiary",
        K::Toggle,
        account!(Toggle, [Deferred], spouse_sole_beneficiary),
        "the owner's spouse is the only beneficiary: while the spouse is more than 10 years \
         younger, RMDs follow the Joint and Last Survivor Table (smaller ones)",
    ),
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
        "dividends each year as a share of the balance, taxed each year",
    )
    .within(|_, _| (Decimal::ZERO, dec!(0.2))),
    field(
        G::Account,
        "  dividends",
        "accounts[].dividends",
        K::Choice,
        Access::Choice {
            options: |_, _| {
                [Dividends::PaidOut, Dividends::Reinvest]
                    .map(|d| d.label().to_string())
                    .to_vec()
            },
            get: |p, l| match p.accounts.get(l.0)? {
                Account::Taxable { dividends, .. } => Some(*dividends as usize),
                _ => None,
            },
            set: |p, l, i| match p.accounts.get_mut(l.0)? {
                Account::Taxable { dividends, .. } => {
                    *dividends = *[Dividends::PaidOut, Dividends::Reinvest].get(i)?;
                    Some(())
                }
                _ => None,
            },
        },
        "paid out (cash for the year's spending) or reinvested in the account (more balance \
         and cost basis); taxed either way, the tax paid from the year's other money",
    ),
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
        account!(Decimal, [Taxable, Deferred, Roth, Hsa], stock_share),
        "the share in stocks (the rest in bonds), rebalanced yearly",
    )
    .within(share_bounds),
    field(
        G::Account,
        "HSA contribution",
        "accounts[].contribution",
        K::Money,
        account!(Decimal, [Hsa], contribution),
        "put in each year from the owner's wages before tax, today's dollars, while working and \
         not on Medicare; at most the year's limit ($4,400 self-only in 2026, $1,000 more from 55)",
    )
    .within(money_bounds),
    field(
        G::Account,
        "  family coverage",
        "accounts[].family",
        K::Toggle,
        account!(Toggle, [Hsa], family),
        "family HDHP coverage: the family limit ($8,750 in 2026), shared with a spouse's HSA",
    ),
];
