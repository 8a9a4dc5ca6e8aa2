//! The Income pane's fields: Social Security, pensions, wages (or self-employment), other
//! income and windfalls.

use super::*;
use crate::tui::form::groups::Group as G;
use crate::tui::form::spec::Kind as K;

pub(super) static FIELDS: &[FieldSpec] = &[
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
        "months past the claiming age, 0 to 11 (0 when claiming at 70)",
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
        G::Pension,
        "Government pension",
        "income.pensions[].government",
        K::Toggle,
        item!(Toggle, income.pensions, government),
        "from a federal, state or local government employer (many states exempt it)",
    ),
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
        G::Wage,
        "Self-employed",
        "income.wages[].self_employed",
        K::Toggle,
        item!(Toggle, income.wages, self_employed),
        "the net profit of a business of one's own: self-employment tax (15.3% of 92.35%) \
         instead of payroll tax, half of it deducted; no employer's health plan",
    ),
    field(
        G::Wage,
        "401(k) deferral /yr",
        "income.wages[].deferral",
        K::Money,
        item!(Decimal, income.wages, deferral),
        "to the employer's 401(k) before income tax, today's $, up to the year's limit",
    )
    .within(|p, l| {
        let wages = p.income.wages.get(l.0).map_or(Decimal::ZERO, |w| w.amount);
        (Decimal::ZERO, wages)
    }),
    field(
        G::Wage,
        "  as Roth 401(k)",
        "income.wages[].roth_deferral",
        K::Toggle,
        item!(Toggle, income.wages, roth_deferral),
        "yes: the deferrals go to a Roth account, taxed now and tax-free later",
    ),
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
    field(
        G::Windfall,
        "Windfall in year",
        "income.windfalls[].year",
        K::Year,
        Access::Int {
            get: |p, l| p.income.windfalls.get(l.0).map(|x| i64::from(x.year)),
            set: |p, l, v| {
                p.income.windfalls.get_mut(l.0)?.year = v.try_into().ok()?;
                Some(())
            },
        },
        "the year the money arrives: one of the plan's years",
    )
    .within(in_plan_years),
    field(
        G::Windfall,
        "  amount",
        "income.windfalls[].amount",
        K::Money,
        item!(Decimal, income.windfalls, amount),
        "cash received once (an inheritance, a home sold), in today's dollars",
    )
    .within(money_bounds),
    field(
        G::Windfall,
        "  taxable gain",
        "income.windfalls[].taxable_gain",
        K::Money,
        item!(Decimal, income.windfalls, taxable_gain),
        "the part taxed as a long-term gain (a home's gain past the exclusion)",
    )
    .within(|p, l| {
        let amount = p
            .income
            .windfalls
            .get(l.0)
            .map_or(Decimal::ZERO, |w| w.amount);
        (Decimal::ZERO, amount)
    }),
    field(
        G::Windfall,
        "  label",
        "income.windfalls[].label",
        K::Text,
        item!(Text, income.windfalls, label),
        "what the money is",
    )
    .private(),
];
