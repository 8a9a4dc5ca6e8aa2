//! The People pane's fields: the plan's name, each person, and the taxes section.

use super::*;
use crate::plan::Coverage;
use crate::tui::form::groups::Group as G;
use crate::tui::form::spec::Kind as K;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

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
        "Birth month",
        "people[].birth_month",
        K::Choice,
        Access::Choice {
            options: |_, _| MONTHS.iter().map(|m| m.to_string()).collect(),
            get: |p, l| {
                let month = p.people.get(l.0)?.birth_month;
                usize::try_from(month).ok()?.checked_sub(1)
            },
            set: |p, l, i| {
                p.people.get_mut(l.0)?.birth_month = u32::try_from(i).ok()?.checked_add(1)?;
                Some(())
            },
        },
        "Medicare starts this month of the year of 65, Social Security at the claiming age",
    ),
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
        G::Person,
        "Coverage before 65",
        "people[].coverage",
        K::Choice,
        Access::Choice {
            options: |_, _| COVERAGES.iter().map(|c| c.1.to_string()).collect(),
            get: |p, l| {
                let c = &p.people.get(l.0)?.coverage;
                COVERAGES.iter().position(|x| x.0 == coverage_index(c))
            },
            set: |p, l, i| {
                let index = COVERAGES.get(i)?.0;
                let first_own = own_premium_from_default(p, l.0);
                let person = p.people.get_mut(l.0)?;
                person.coverage = coverage_of(index, &person.coverage, first_own);
                Some(())
            },
        },
        "health coverage before Medicare: the Marketplace (net of the premium tax credit, which \
         the plan's income sets), an employer's plan, or none; with wages, an employer's plan",
    )
    .noted(coverage_note),
    field(
        G::Person,
        "  benchmark/yr",
        "people[].coverage.benchmark",
        K::Money,
        Access::Decimal {
            get: |p, l| match p.people.get(l.0)?.coverage {
                Coverage::Marketplace { benchmark, .. } => Some(benchmark),
                _ => None,
            },
            set: |p, l, v| match &mut p.people.get_mut(l.0)?.coverage {
                Coverage::Marketplace { benchmark, .. } => {
                    *benchmark = v;
                    Some(())
                }
                _ => None,
            },
        },
        "the yearly second-lowest silver premium for this person (healthcare.gov), today's dollars",
    )
    .within(|_, _| (Decimal::ZERO, crate::plan::MAX_BENCHMARK)),
    field(
        G::Person,
        "  at age",
        "people[].coverage.at_age",
        K::Age,
        Access::Int {
            get: |p, l| match p.people.get(l.0)?.coverage {
                Coverage::Marketplace { at_age, .. } => Some(i64::from(at_age)),
                _ => None,
            },
            set: |p, l, v| match &mut p.people.get_mut(l.0)?.coverage {
                Coverage::Marketplace { at_age, .. } => {
                    *at_age = v.try_into().ok()?;
                    Some(())
                }
                _ => None,
            },
        },
        "the age the premium was quoted for; other ages follow the federal age curve",
    )
    .within(|_, _| (Decimal::ZERO, d(64))),
    field(
        G::Person,
        "Medicare from age",
        "people[].medicare_age",
        K::Age,
        item_int!(people, medicare_age),
        "Medicare premiums (and IRMAA) from the year of this age; past the planning age: never",
    )
    .within(|_, _| (d(65), d(130))),
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

/// The coverage choices: an index standing for the variant, and its name.
const COVERAGES: [(u8, &str); 4] = [
    (0, "Marketplace (default premium)"),
    (1, "Marketplace (own premium)"),
    (2, "Employer"),
    (3, "Uninsured"),
];

fn coverage_index(c: &Coverage) -> u8 {
    match c {
        Coverage::Auto => 0,
        Coverage::Marketplace { .. } => 1,
        Coverage::Employer => 2,
        Coverage::Uninsured => 3,
    }
}

/// The variant chosen, keeping a stated premium when it is chosen again, and starting a first
/// one at `first_own`.
fn coverage_of(index: u8, old: &Coverage, first_own: Coverage) -> Coverage {
    match index {
        0 => Coverage::Auto,
        1 => match old {
            Coverage::Marketplace { .. } => old.clone(),
            _ => first_own,
        },
        2 => Coverage::Employer,
        _ => Coverage::Uninsured,
    }
}

/// The documented default yearly benchmark premium for the person at `age` in the plan's first
/// year, in whole dollars.
fn default_premium(p: &Plan, age: u32) -> Option<Decimal> {
    let tables = crate::health::HealthTables::get().ok()?;
    let start = p.assumptions.start_year;
    let yearly =
        crate::health::age_curve::default_benchmark(tables, start, age, &|_| Decimal::ONE).ok()?;
    Some(yearly.round())
}

/// A first premium of the person's own: the default premium the form showed beside the default
/// choice, at their age in the first year (64 at most, the last age premiums are rated at), so
/// that the plan stays as it was until the user replaces it. $0 would make coverage free.
fn own_premium_from_default(p: &Plan, i: usize) -> Coverage {
    let age = p
        .people
        .get(i)
        .and_then(|person| u32::try_from(p.assumptions.start_year - person.birth_year).ok())
        .map_or(60, |age| age.min(64));
    Coverage::Marketplace {
        benchmark: default_premium(p, age).unwrap_or(Decimal::ZERO),
        at_age: age,
    }
}

/// The default premium, shown so that the user notices it stands in for their own.
fn coverage_note(p: &Plan, l: Loc, _: &dyn Names) -> Option<String> {
    let person = p.people.get(l.0)?;
    if !person.coverage.is_auto() {
        return None;
    }
    let age = u32::try_from(p.assumptions.start_year - person.birth_year).ok()?;
    if age >= person.medicare_age {
        return None;
    }
    Some(format!(
        "default benchmark {}/yr at {age}: enter your own",
        crate::money::format_dollars(default_premium(p, age)?)
    ))
}
