//! Checks on combinations of fields, each within its own range but together beyond what a
//! projection can keep exact: money compounding over the years (balances and incomes grown by the
//! plan's highest return, inflation or cost-of-living rate), prices compounding until the law's
//! amounts are indexed past any sense, and rates that add up in one year (federal + state on the
//! next dollar, with the Social Security torpedo) to 100% or more, where drawing more would leave
//! less to spend.

use super::model::{Account, Plan, Returns};
use super::validate::Issue;
use crate::money::{format_dollars, format_rate};
use crate::tax::LawMode;
use crate::tax::law::MAX_PRICE_INDEX;
use crate::tax::tables::LAST_TABLE_YEAR;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal_macros::dec;

/// The most any figure of a projection may reach: $10^20 (a hundred quintillion dollars). Every
/// product the engine forms is an amount times a rate or a share, so with amounts below this
/// Decimal (which holds 7.9 × 10^28) cannot overflow, and rounding to the cent stays exact.
pub const MAX_PROJECTED: Decimal = Decimal::from_parts(1_661_992_960, 1_808_227_885, 5, false, 0);

/// Largest share of a year's Social Security benefit a person can receive relative to the
/// stated benefit at full retirement age: 124% for claiming at 70, plus a spousal top-up of up
/// to half the other's benefit.
const BENEFIT_FACTOR: f64 = 1.74;

/// Share of each extra dollar of income that Social Security's taxation can add to taxable
/// income on top of the dollar itself, at most (the 85% band: IRC sec. 86).
const TORPEDO: Decimal = dec!(0.85);

/// The net investment income tax rate (IRC sec. 1411).
const NIIT: Decimal = dec!(0.038);

/// The top ordinary and capital-gain rates of the published law, 2022 onward.
const TOP_ORDINARY: Decimal = dec!(0.37);
const TOP_GAIN: Decimal = dec!(0.20);

/// Problems with how the plan's money and prices compound over its years.
pub fn compounding(plan: &Plan, issues: &mut Vec<Issue>) {
    let years = plan.horizon_years();
    // Worst case, year by year: W(t+1) <= (W(t) + I(t)) G with incomes I(t) <= I G^t, so the
    // money at the end is at most (W(0) + H I) G^H.
    let start_money: f64 = plan.accounts.iter().map(|a| f(a.balance())).sum();
    let inc = &plan.income;
    let yearly: f64 = inc
        .social_security
        .iter()
        .map(|s| f(s.fra_benefit) * BENEFIT_FACTOR)
        .chain(inc.pensions.iter().map(|p| f(p.amount)))
        .chain(inc.wages.iter().map(|w| f(w.amount)))
        .chain(inc.other.iter().map(|o| f(o.amount)))
        .sum();
    let money = start_money + years as f64 * yearly;
    let (growth, field) = fastest_growth(plan);
    if money > 0.0 && growth > Decimal::ZERO {
        let log_end = money.ln() + years as f64 * (1.0 + f(growth)).ln();
        if log_end > f(MAX_PROJECTED).ln() {
            issues.push(Issue {
                path: field,
                message: format!(
                    "{} a year for {years} years would grow this plan's {} past $10^20, more \
                     than can be kept exact to the cent; lower it or shorten the plan (the \
                     people's planning ages)",
                    format_rate(growth),
                    format_dollars(Decimal::from_f64_retain(money).unwrap_or(MAX_PROJECTED)),
                ),
            });
        }
    }
    // Later years' law amounts are the last table's indexed by prices since then (two years
    // past the plan's end for IRMAA's look-back).
    let inflation = plan.assumptions.inflation;
    if inflation > Decimal::ZERO {
        let index_years = (i64::from(plan.end_year()) + 2 - i64::from(LAST_TABLE_YEAR)).max(0);
        let log_index = index_years as f64 * (1.0 + f(inflation)).ln();
        if log_index > f(MAX_PRICE_INDEX).ln() {
            issues.push(Issue {
                path: "assumptions.inflation".into(),
                message: format!(
                    "{} a year until {} multiplies prices since {LAST_TABLE_YEAR} more than \
                     10^15-fold; lower it or end the plan sooner",
                    format_rate(inflation),
                    plan.end_year()
                ),
            });
        }
    }
}

/// The fastest rate at which some of the plan's money can grow, and the field that sets it.
fn fastest_growth(plan: &Plan) -> (Decimal, String) {
    let a = &plan.assumptions;
    let mut best = (a.inflation, "assumptions.inflation".to_string());
    let mut consider = |rate: Decimal, field: String| {
        if rate > best.0 {
            best = (rate, field);
        }
    };
    let has_investments = plan
        .accounts
        .iter()
        .any(|acc| !matches!(acc, Account::Cash { .. }));
    match &a.returns {
        Returns::Constant { nominal } => consider(*nominal, "assumptions.returns.nominal".into()),
        Returns::ByAssetClass {
            stocks,
            bonds,
            cash,
        } => {
            if has_investments {
                consider(*stocks, "assumptions.returns.stocks".into());
                consider(*bonds, "assumptions.returns.bonds".into());
            }
            consider(*cash, "assumptions.returns.cash".into());
        }
    }
    for (i, p) in plan.income.pensions.iter().enumerate() {
        consider(p.cola, format!("income.pensions[{i}].cola"));
    }
    best
}

/// Problems with rates that add up on the next dollar of one year's income.
pub fn combined_rates(plan: &Plan, issues: &mut Vec<Issue>) {
    let with_benefits = plan
        .income
        .social_security
        .iter()
        .any(|s| s.fra_benefit > Decimal::ZERO);
    let torpedo = if with_benefits {
        TORPEDO
    } else {
        Decimal::ZERO
    };
    let (ordinary, gain, niit, law_field) = match &plan.assumptions.tax_law {
        LawMode::CurrentLaw => (TOP_ORDINARY, TOP_GAIN, NIIT, None),
        LawMode::RateChange { points, .. } => {
            let top = (TOP_ORDINARY + *points / Decimal::ONE_HUNDRED)
                .max(Decimal::ZERO)
                .min(dec!(0.99));
            (
                top,
                TOP_GAIN,
                NIIT,
                Some("assumptions.tax_law.points".to_string()),
            )
        }
        LawMode::FlatRates {
            ordinary,
            gains,
            change,
        } => {
            let (o, g) = match change {
                Some(c) => (
                    (*ordinary).max(c.ordinary),
                    (*gains).max(c.gains.unwrap_or(*gains)),
                ),
                None => (*ordinary, *gains),
            };
            (
                o,
                g,
                Decimal::ZERO,
                Some("assumptions.tax_law.ordinary".to_string()),
            )
        }
    };
    // The state rates the plan can meet: its custom rate, or the top rate of each state it
    // lives in (a real state's rate counted once per dollar: the states that tax Social
    // Security at all tax far less than the top federal rates that meet the torpedo).
    let mut states: Vec<(Decimal, Decimal, String)> = Vec::new();
    let residences = std::iter::once(plan.state.clone()).chain(plan.moves.iter().map(|m| {
        super::model::StateResidence::Resident {
            code: m.state.clone(),
        }
    }));
    for (i, r) in residences.enumerate() {
        let field = if i == 0 {
            "state.rate".to_string()
        } else {
            format!("moves[{}].state", i - 1)
        };
        match r {
            super::model::StateResidence::Custom {
                rate,
                exempt_social_security,
                ..
            } => {
                let on_benefits = if exempt_social_security {
                    Decimal::ZERO
                } else {
                    torpedo
                };
                states.push((rate, on_benefits, field));
            }
            super::model::StateResidence::Resident { code } => {
                // A state whose rates are amounts of its own rather than a schedule (a flat
                // rate, Massachusetts' parts, Washington's gains tax) is counted at 15%, above
                // every state's top rate.
                let top = top_state_rate(&code).unwrap_or(dec!(0.15));
                states.push((top, Decimal::ZERO, field));
            }
        }
    }
    if states.is_empty() {
        states.push((Decimal::ZERO, Decimal::ZERO, "state.rate".into()));
    }
    for (rate, state_on_benefits, field) in states {
        if let Some(issue) = one_state(
            rate,
            state_on_benefits,
            &field,
            (ordinary, gain, niit, &law_field),
            torpedo,
            with_benefits,
        ) {
            issues.push(issue);
            return;
        }
    }
}

/// The highest rate of a real state's 2026 schedules, for any filing status.
fn top_state_rate(code: &str) -> Option<Decimal> {
    let state = crate::tax::StateCode::parse(code)?;
    let law = crate::tax::StateLaw::for_year(state, LAST_TABLE_YEAR).ok()?;
    law.brackets
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .max()
        .filter(|r| *r > Decimal::ZERO)
}

/// The check for one state rate.
fn one_state(
    rate: Decimal,
    state_on_benefits: Decimal,
    field: &str,
    (ordinary, gain, niit, law_field): (Decimal, Decimal, Decimal, &Option<String>),
    torpedo: Decimal,
    with_benefits: bool,
) -> Option<Issue> {
    // Per unit of state rate, and the part that does not depend on it. Ordinary income the state
    // taxes (wages, interest, other income; IRA money unless exempt) is the worst case.
    let ordinary_income = (
        Decimal::ONE + state_on_benefits,
        ordinary * (Decimal::ONE + torpedo) + niit,
    );
    let gains = (
        Decimal::ONE + state_on_benefits,
        gain + niit + ordinary * torpedo,
    );
    for (what, (per_state, federal)) in [
        ("ordinary income", ordinary_income),
        ("long-term gain", gains),
    ] {
        let total = federal + rate * per_state;
        if total < Decimal::ONE {
            continue;
        }
        let torpedo_note = if with_benefits {
            " with the Social Security torpedo (each extra dollar can make 85¢ of benefits \
             taxable)"
        } else {
            ""
        };
        let room = if per_state.is_zero() {
            Decimal::ZERO
        } else {
            ((Decimal::ONE - federal) / per_state).max(Decimal::ZERO)
        };
        let (path, message) = if rate > Decimal::ZERO && room > Decimal::ZERO {
            (
                field.to_string(),
                format!(
                    "{} on top of this law's federal rates{torpedo_note} could tax a dollar of \
                     {what} at {} or more, leaving less to spend the more is drawn; at most {} \
                     with this law",
                    format_rate(rate),
                    format_rate(total.round_dp(3)),
                    format_rate(room.round_dp(4) - dec!(0.0001)),
                ),
            )
        } else {
            (
                law_field
                    .clone()
                    .unwrap_or_else(|| "assumptions.tax_law".into()),
                format!(
                    "federal{} rates{torpedo_note} could tax a dollar of {what} at {} or more, \
                     leaving less to spend the more is drawn; the rates must add up to less \
                     than 100%",
                    if rate > Decimal::ZERO {
                        " and state"
                    } else {
                        ""
                    },
                    format_rate(total.round_dp(3)),
                ),
            )
        };
        return Some(Issue { path, message });
    }
    None
}

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(f64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::demo_plan;

    #[test]
    fn the_ceiling_is_ten_to_the_twentieth() {
        assert_eq!(MAX_PROJECTED, Decimal::from(10u128.pow(20)));
    }

    fn issues(plan: &Plan) -> Vec<Issue> {
        let mut issues = Vec::new();
        compounding(plan, &mut issues);
        combined_rates(plan, &mut issues);
        issues
    }

    #[test]
    fn a_state_rate_that_takes_the_next_dollar_past_all_of_it_is_named() {
        let mut p = demo_plan();
        p.income.social_security.clear();
        p.assumptions.tax_law = LawMode::FlatRates {
            ordinary: dec!(0.85),
            gains: dec!(0.15),
            change: None,
        };
        p.state.edit_custom(|t| t.rate = dec!(0.2));
        let found = issues(&p);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].path, "state.rate");
        // 85% + 20% = 105%; the state may add at most 15% (less a hundredth of a point).
        assert!(found[0].message.contains("105%"), "{}", found[0].message);
        assert!(
            found[0].message.contains("at most 14.99%"),
            "{}",
            found[0].message
        );
        p.state.edit_custom(|t| t.rate = dec!(0.1499));
        assert_eq!(issues(&p), vec![]);
    }

    #[test]
    fn social_security_makes_rates_count_nearly_twice() {
        // 40% flat on ordinary income is fine alone; with benefits, each extra dollar can make
        // 85 cents of them taxable: 40% × 1.85 + 5% × 1.85 = 83%, still fine; 55% is not.
        let mut p = demo_plan();
        p.state.edit_custom(|t| {
            t.exempt_social_security = false;
            t.rate = dec!(0.05);
        });
        p.assumptions.tax_law = LawMode::FlatRates {
            ordinary: dec!(0.40),
            gains: dec!(0.15),
            change: None,
        };
        assert_eq!(issues(&p), vec![]);
        p.assumptions.tax_law = LawMode::FlatRates {
            ordinary: dec!(0.40),
            gains: dec!(0.15),
            change: Some(crate::tax::FlatChange {
                from_year: 2040,
                ordinary: dec!(0.55),
                gains: None,
            }),
        };
        let found = issues(&p);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("torpedo"), "{}", found[0].message);
    }

    #[test]
    fn compounding_past_the_ceiling_names_the_rate_that_does_it() {
        let mut p = demo_plan();
        p.assumptions.returns = Returns::ByAssetClass {
            stocks: dec!(0.30),
            bonds: dec!(0.04),
            cash: dec!(0.03),
        };
        // $2m at 30% for 31 years is about $7bn: fine.
        assert_eq!(issues(&p), vec![]);
        // $100bn at 30% for 96 years passes $10^20.
        *p.accounts[0].balance_mut() = crate::money::MAX_MONEY;
        p.people[1].planning_age = 160;
        let found = issues(&p);
        assert_eq!(found[0].path, "assumptions.returns.stocks", "{found:?}");
        assert!(found[0].message.contains("10^20"), "{}", found[0].message);
    }

    #[test]
    fn the_demo_passes_both_checks() {
        let mut issues = Vec::new();
        compounding(&demo_plan(), &mut issues);
        combined_rates(&demo_plan(), &mut issues);
        assert_eq!(issues, vec![]);
    }
}
