//! Invariants over random households: nothing added, nothing lost. Every year the balance
//! identity holds to the cent, no balance goes negative, nothing panics, and the need is either
//! met or the shortfall is recorded.

use drawdown::compare::compare;
use drawdown::engine::mortality::{LifeTable, Survival, weighted};
use drawdown::plan::{
    Account, Assumptions, Dividends, Income, Move, OneOff, Pension, Person, Plan, PriorMagi,
    Returns, SocialSecurity, Spending, SpendingChange, StateResidence, Wage, Windfall, validate,
};
use drawdown::strategy::StrategySpec;
use drawdown::tax::{Filing, FlatChange, LawMode, StateTax};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn dollars(max: i64) -> impl Strategy<Value = Decimal> {
    (0..=max).prop_map(Decimal::from)
}

fn rate(lo: i64, hi: i64) -> impl Strategy<Value = Decimal> {
    // in tenths of a percent
    (lo..=hi).prop_map(|r| Decimal::new(r, 3))
}

fn account(people: usize) -> impl Strategy<Value = Account> {
    let owner = 0..people;
    prop_oneof![
        (
            dollars(3_000_000),
            0u32..=150,
            rate(0, 40),
            rate(0, 1000),
            rate(0, 200),
            any::<bool>()
        )
            .prop_map(
                |(balance, basis_pct, dividend_yield, stock_share, realize_share, reinvest)| {
                    Account::Taxable {
                        name: "Taxable".into(),
                        balance,
                        cost_basis: balance * Decimal::from(basis_pct) / Decimal::from(100),
                        dividend_yield,
                        dividends: if reinvest {
                            Dividends::Reinvest
                        } else {
                            Dividends::PaidOut
                        },
                        qualified_share: Decimal::new(9, 1),
                        stock_share,
                        realize_share,
                    }
                }
            ),
        (dollars(3_000_000), owner.clone(), rate(0, 1000)).prop_map(
            |(balance, owner, stock_share)| Account::Deferred {
                name: "IRA".into(),
                owner,
                balance,
                stock_share,
                employer_plan: false,
                separated_at_age: None,
                spouse_sole_beneficiary: false,
            }
        ),
        (dollars(2_000_000), owner.clone(), rate(0, 1000)).prop_map(
            |(balance, owner, stock_share)| {
                Account::Roth {
                    name: "Roth".into(),
                    owner,
                    balance,
                    stock_share,
                }
            }
        ),
        dollars(300_000).prop_map(|balance| Account::Cash {
            name: "Cash".into(),
            balance,
        }),
        (dollars(200_000), owner, dollars(12_000), any::<bool>()).prop_map(
            |(balance, owner, contribution, family)| Account::Hsa {
                name: "HSA".into(),
                owner,
                balance,
                stock_share: Decimal::new(6, 1),
                contribution,
                family,
            }
        ),
    ]
}

fn strategy() -> impl Strategy<Value = StrategySpec> {
    prop_oneof![
        Just(StrategySpec::Conventional),
        Just(StrategySpec::DeferredFirst),
        Just(StrategySpec::RothBeforeDeferred),
        Just(StrategySpec::Proportional),
        (
            prop::sample::select(vec![0i64, 10, 12, 22, 24, 32, 37]),
            any::<bool>()
        )
            .prop_map(|(b, draw_beyond_need)| {
                StrategySpec::BracketFill {
                    bracket: Decimal::new(b, 2),
                    taxable_income: None,
                    aca_aware: b % 2 == 0,
                    draw_beyond_need,
                }
            }),
        (
            prop::sample::select(vec![0i64, 12, 22, 24]),
            prop::option::of(dollars(200_000)),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            prop::option::of(1u32..20)
        )
            .prop_map(
                |(b, yearly_cap, irmaa_aware, aca_aware, stop_at_rmd, years)| {
                    StrategySpec::RothConversion {
                        bracket: Decimal::new(b, 2),
                        yearly_cap,
                        irmaa_aware,
                        aca_aware,
                        stop_at_rmd,
                        years,
                        after_fall: None,
                    }
                }
            ),
        (any::<bool>(), any::<bool>())
            .prop_map(|(harvest, aca_aware)| StrategySpec::ZeroGains { harvest, aca_aware }),
        Just(StrategySpec::HeirAware),
    ]
}

fn law() -> impl Strategy<Value = LawMode> {
    prop_oneof![
        Just(LawMode::CurrentLaw),
        (
            rate(0, 500),
            rate(0, 300),
            prop::option::of((2027i32..2060, rate(0, 500)))
        )
            .prop_map(|(ordinary, gains, change)| LawMode::FlatRates {
                ordinary,
                gains,
                change: change.map(|(from_year, ordinary)| FlatChange {
                    from_year,
                    ordinary,
                    gains: None,
                }),
            }),
        (2022i32..2060, -10i64..=10).prop_map(|(from_year, points)| LawMode::RateChange {
            from_year,
            points: Decimal::from(points),
        }),
    ]
}

prop_compose! {
    fn plan()(
        couple in any::<bool>(),
        start in 2022i32..=2035,
        ages in (55u32..=85, 55u32..=85),
        planning in (86u32..=100, 86u32..=100),
        filing_pick in 0usize..4,
        accounts in prop::collection::vec(account(2), 1..6),
        ss in (dollars(50_000), 62u32..=70, dollars(30_000), 62u32..=70),
        pension in prop::option::of((dollars(40_000), 55u32..=75, rate(0, 30), rate(0, 1000))),
        wages in prop::option::of((dollars(120_000), 60u32..=75)),
        spending in (dollars(200_000), prop::option::of((70u32..=90, dollars(150_000))), prop::option::of((0i32..10, dollars(100_000)))),
        inflation in rate(-10, 60),
        returns in prop_oneof![
            rate(-100, 120).prop_map(|nominal| Returns::Constant { nominal }),
            (rate(-100, 150), rate(-50, 80), rate(0, 60)).prop_map(|(stocks, bonds, cash)| Returns::ByAssetClass { stocks, bonds, cash }),
        ],
        tax_law in law(),
        state in (rate(0, 100), any::<bool>(), any::<bool>()),
        resident in prop::option::of(prop::sample::select(vec!["CA", "GA", "IL", "AL", "CO", "NY", "NJ", "PA", "TX", "FL", "MD", "OR"])),
        moved in prop::option::of((1i32..15, prop::sample::select(vec!["FL", "GA", "AZ", "NC", "SC"]))),
        heirs_rate in rate(0, 400),
        prior in prop::option::of((dollars(900_000), dollars(900_000))),
        strategies in prop::collection::vec(strategy(), 1..4),
    ) -> Plan {
        let people_count = if couple { 2 } else { 1 };
        let mut people = vec![Person::new("A", start - ages.0 as i32, planning.0.max(ages.0))];
        if couple {
            people.push(Person::new("B", start - ages.1 as i32, planning.1.max(ages.1)));
        }
        let filing = if couple {
            [Filing::Mfj, Filing::Mfs, Filing::Single, Filing::Mfj][filing_pick]
        } else {
            [Filing::Single, Filing::Hoh, Filing::Single, Filing::Single][filing_pick]
        };
        let accounts: Vec<Account> = accounts.into_iter().map(|mut a| {
            if let Account::Deferred { owner, .. } | Account::Roth { owner, .. } | Account::Hsa { owner, .. } = &mut a {
                *owner %= people_count;
            }
            a
        }).collect();
        let mut social_security = vec![SocialSecurity { person: 0, fra_benefit: ss.0, claim_age: ss.1, claim_months: 0 }];
        if couple {
            social_security.push(SocialSecurity { person: 1, fra_benefit: ss.2, claim_age: ss.3, claim_months: 0 });
        }
        Plan {
            version: 1,
            name: "random".into(),
            notes: String::new(),
            people,
            filing,
            state: match resident {
                Some(code) => StateResidence::Resident { code: code.to_string() },
                None => StateResidence::custom(&StateTax { rate: state.0, exempt_social_security: state.1, exempt_retirement: state.2, deduction: Decimal::ZERO }),
            },
            moves: moved.map(|(k, code)| Move { year: start + k, state: code.to_string() }).into_iter().collect(),
            heirs_rate,
            accounts,
            income: Income {
                social_security,
                pensions: pension.into_iter().map(|(amount, start_age, cola, survivor_share)| Pension { government: cola > Decimal::ZERO, person: 0, name: "Pension".into(), amount, start_age, cola, survivor_share }).collect(),
                wages: wages.into_iter().map(|(amount, until_age)| Wage { person: 0, amount, until_age, self_employed: until_age % 2 == 1, deferral: if until_age % 2 == 1 { Decimal::ZERO } else { (amount / Decimal::from(10)).round_dp(2) }, roth_deferral: until_age % 3 == 0 }).collect(),
                other: vec![],
                // A windfall (a fifth of it a taxable gain) a year after the one-off.
                windfalls: spending.2.map(|(k, amount)| Windfall { year: start + 1 + k, amount: amount * Decimal::from(5), taxable_gain: amount, label: "windfall".into() }).into_iter().collect(),
            },
            spending: Spending {
                annual: spending.0,
                changes: spending.1.into_iter().map(|(at_age, annual)| SpendingChange { at_age, annual }).collect(),
                one_offs: spending.2.into_iter().map(|(k, amount)| OneOff { year: start + k, amount, label: "one-off".into() }).collect(),
                survivor_share: Decimal::new(8, 1),
                guardrails: None,
                medical_costs: (spending.0 / Decimal::from(20)).round_dp(2),
                charity: (spending.0 / Decimal::from(25)).round_dp(2),
            },
            assumptions: Assumptions {
                start_year: start,
                inflation,
                returns,
                tax_law,
                prior_magi: prior.map(|(a, b)| PriorMagi { two_years_before: a, one_year_before: b }),
                estate_at_ages: vec![85],
                simulation: Default::default(),
                withdrawals: Default::default(),
                rmd: Default::default(),
                ignore_irmaa: false,
            },
            strategies,
            scenarios: Vec::new(),
            comments: Vec::new(),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_year_adds_up_and_nothing_goes_negative(plan in plan()) {
        let issues = validate(&plan);
        prop_assume!(issues.is_empty());
        let c = compare(&plan).unwrap();
        for p in &c.projections {
            for r in &p.rows {
                prop_assert_eq!(r.identity_gap(), Decimal::ZERO, "{} {}", p.strategy, r.year);
                for v in [r.closing.cash, r.closing.taxable, r.closing.deferred, r.closing.roth, r.closing.hsa] {
                    prop_assert!(v >= Decimal::ZERO, "{} {}: {}", p.strategy, r.year, v);
                }
                prop_assert!(r.shortfall >= Decimal::ZERO);
                prop_assert_eq!(r.spending_paid + r.shortfall.min(r.spending), r.spending);
                prop_assert!(r.federal_tax >= Decimal::ZERO && r.state_tax >= Decimal::ZERO);
                // The year's cash: what came in (reinvested dividends are income but no cash)
                // and what was drawn goes to the need, the taxes and premiums, and the
                // reinvested rest, to the cent, draws beyond the need included.
                let sources = r.social_security + r.pensions + r.wages + r.self_employment
                    + r.other_income + r.windfall + r.dividends - r.dividends_reinvested + r.interest
                    + r.rmd + r.deferred_draw + r.roth_draw + r.cash_draw + r.taxable_sale
                    + r.hsa_medical + r.hsa_draw - r.hsa_contribution - r.deferrals;
                let uses = r.spending_paid + (r.charity - r.qcd) + r.taxes() + r.health()
                    + r.medical_costs + r.reinvested;
                prop_assert_eq!(sources, uses, "{} {}", p.strategy, r.year);
                prop_assert!(r.dividends_reinvested >= Decimal::ZERO && r.dividends_reinvested <= r.dividends);
                // a shortfall only when every account the order can reach is empty
                if r.shortfall > Decimal::ZERO {
                    prop_assert!(r.closing.total() <= r.opening.total() + r.growth + Decimal::ONE);
                }
            }
        }
    }

    /// With every death probability zero the mortality-weighted figures are the fixed-age
    /// figures: the expected estate at the last death is the estate at the planning ages, and
    /// the chance the money lasts as long as either lives is whether it lasted.
    #[test]
    fn no_deaths_weighted_figures_equal_fixed_age_figures(plan in plan()) {
        prop_assume!(validate(&plan).is_empty());
        let c = compare(&plan).unwrap();
        let never = Survival::from_q(&plan, plan.horizon_years(), &|_, _| Decimal::ZERO);
        for (p, o) in c.projections.iter().zip(&c.outcomes) {
            let w = weighted(p, &never);
            prop_assert_eq!(w.estate, o.estate, "{}", p.strategy);
            prop_assert_eq!(w.estate_real, o.estate_real, "{}", p.strategy);
            let lasts = if o.lasts_to_horizon { Decimal::ONE } else { Decimal::ZERO };
            prop_assert_eq!(w.money_lasts, lasts, "{}", p.strategy);
        }
        // and with the SSA table the chances are probabilities, the estate within the years'
        let table = LifeTable::get().unwrap();
        let real = Survival::for_plan(&plan, table, plan.horizon_years());
        for p in &c.projections {
            let w = weighted(p, &real);
            prop_assert!(w.money_lasts >= Decimal::ZERO && w.money_lasts <= Decimal::ONE);
            let most = p.rows.iter().map(|r| r.closing.after_tax_estate(p.heirs_rate)).max();
            prop_assert!(w.estate <= most.unwrap_or_default() + Decimal::ONE);
        }
    }
}
