//! The People pane's fields: the plan's name, each person, and the taxes section.

use super::*;
use crate::tui::form::groups::Group as G;
use crate::tui::form::spec::Kind as K;

pub(super) static FIELDS: &[FieldSpec] = &[
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
        G::Person,
        "Sex",
        "people[].sex",
        K::Choice,
        Access::Choice {
            options: |_, _| Sex::ALL.iter().map(|s| s.label().to_string()).collect(),
            get: |p, l| {
                let sex = p.people.get(l.0)?.sex;
                Sex::ALL.iter().position(|s| *s == sex)
            },
            set: |p, l, i| {
                p.people.get_mut(l.0)?.sex = *Sex::ALL.get(i)?;
                Some(())
            },
        },
        "which SSA life table column gives the chances of living each year (unisex: their mean)",
    )
    .noted(life_expectancy_note),
    field(
        G::Person,
        "Mortality",
        "people[].mortality",
        K::Number,
        item!(Decimal, people, mortality),
        "the life table's death rates times this: 1 average, 0.7 healthier, 1.5 poorer health",
    )
    .within(|_, _| (Decimal::ZERO, d(10))),
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
        "State",
        "state.code",
        K::State,
        Access::Text {
            get: |p, _| {
                Some(match &p.state {
                    StateResidence::Resident { code } => state_label(code),
                    StateResidence::Custom { .. } => OWN_RATE.to_string(),
                })
            },
            set: |p, _, v| {
                p.state = state_from_text(&p.state, &v);
                Some(())
            },
        },
        "where the household lives, any state or DC, or 'own rate' for a flat rate of your own",
    ),
    field(
        G::Taxes,
        "State tax rate",
        "state.rate",
        K::Rate,
        custom_state!(rate),
        "a flat state income tax on what the state taxes",
    )
    .within(|_, _| (Decimal::ZERO, dec!(0.2))),
    field(
        G::Taxes,
        "State exempts SS",
        "state.exempt_social_security",
        K::Toggle,
        custom_state!(exempt_social_security),
        "whether the state leaves Social Security untaxed",
    ),
    field(
        G::Taxes,
        "State exempts IRAs",
        "state.exempt_retirement",
        K::Toggle,
        custom_state!(exempt_retirement),
        "whether the state leaves pensions and IRA withdrawals untaxed",
    ),
    field(
        G::Taxes,
        "State deduction",
        "state.deduction",
        K::Money,
        custom_state!(deduction),
        "subtracted from state taxable income each year, in today's dollars",
    )
    .within(money_bounds),
    field(
        G::Move,
        "Moves in year",
        "moves[].year",
        K::Year,
        Access::Int {
            get: |p, l| p.moves.get(l.0).map(|m| i64::from(m.year)),
            set: |p, l, v| {
                p.moves.get_mut(l.0)?.year = v.try_into().ok()?;
                Some(())
            },
        },
        "the first year taxed as a resident of the new state",
    )
    .within(in_plan_years),
    field(
        G::Move,
        "  to state",
        "moves[].state",
        K::State,
        Access::Text {
            get: |p, l| p.moves.get(l.0).map(|m| state_label(&m.state)),
            set: |p, l, v| {
                p.moves.get_mut(l.0)?.state = state_code_of(&v);
                Some(())
            },
        },
        "the state moved to",
    ),
    field(
        G::Taxes,
        "Heirs' tax rate",
        "heirs_rate",
        K::Rate,
        single!(Decimal, heirs_rate),
        "your heirs' marginal rate on inherited tax-deferred money",
    )
    .within(|_, _| (Decimal::ZERO, dec!(0.6))),
];
