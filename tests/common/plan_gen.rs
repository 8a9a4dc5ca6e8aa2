//! Random plans over the whole plan format, for the fuzz tests: every field, every account kind,
//! strategy, law and path mode, with values drawn toward the edges of what validation accepts
//! (the $100 billion ceiling, 30% returns, 100-year plans, 20% inflation) and, in about a quarter
//! of the plans, values it must refuse (negative amounts, rates of 1e28, absurd ages).

use drawdown::plan::{
    Account, Assumptions, Coverage, Dividends, Guardrails, Income, Lifetimes, Move, OneOff,
    OtherIncome, Override, PathMode, Pension, Person, Plan, PriorMagi, Returns, RmdRule, RmdTable,
    Scenario, Sex, Simulation, SocialSecurity, Spending, SpendingChange, StateResidence, Wage,
    Windfall, WithdrawalTiming,
};
use drawdown::strategy::{
    AfterFall, Objective, OrderStep, ScheduleRow, Source, StepCap, StrategySpec,
};
use drawdown::tax::{Filing, FlatChange, LawMode, StateCode, StateTax};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// A returns file in the user format (1928-2007), relative to the crate, where tests run.
pub const RETURNS_FILE: &str = "tests/data/returns-1928-2007.csv";

/// Money: mostly ordinary household amounts, sometimes the extremes validation accepts.
pub fn money() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        4 => (0i64..=3_000_000).prop_map(Decimal::from),
        1 => Just(Decimal::ZERO),
        1 => (0i64..=100_000_000_000).prop_map(Decimal::from),
        1 => Just(Decimal::from(100_000_000_000i64)),
        1 => (0i64..=1_000_000_000, 0u32..=2).prop_map(|(m, s)| Decimal::new(m, s)),
    ]
}

/// A rate within `lo..=hi` (in thousandths), hitting both ends often.
pub fn rate(lo: i64, hi: i64) -> impl Strategy<Value = Decimal> {
    prop_oneof![
        4 => (lo..=hi).prop_map(|r| Decimal::new(r, 3)),
        1 => Just(Decimal::new(lo, 3)),
        1 => Just(Decimal::new(hi, 3)),
    ]
}

fn share() -> impl Strategy<Value = Decimal> {
    rate(0, 1000)
}

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => "[A-Za-z][A-Za-z ]{0,12}",
        1 => "\\PC{1,80}",
    ]
}

/// A state's postal code: any of the 50 and DC, or now and then one that is not.
pub fn state_code() -> impl Strategy<Value = String> {
    let codes: Vec<String> = StateCode::ALL
        .iter()
        .map(|c| c.code().to_string())
        .collect();
    prop_oneof![
        12 => prop::sample::select(codes),
        1 => Just("XX".to_string()),
        1 => Just("nj".to_string()),
    ]
}

fn residence() -> impl Strategy<Value = StateResidence> {
    prop_oneof![
        (rate(0, 200), any::<bool>(), any::<bool>(), money()).prop_map(
            |(rate, ss, ret, deduction)| {
                StateResidence::custom(&StateTax {
                    rate,
                    exempt_social_security: ss,
                    exempt_retirement: ret,
                    deduction,
                })
            }
        ),
        state_code().prop_map(|code| StateResidence::Resident { code }),
    ]
}

fn account(people: usize) -> impl Strategy<Value = Account> {
    let owner = 0..people.max(1);
    prop_oneof![
        (
            name(),
            money(),
            0u32..=150,
            rate(0, 200),
            share(),
            share(),
            share(),
            any::<bool>()
        )
            .prop_map(
                |(
                    name,
                    balance,
                    basis_pct,
                    dividend_yield,
                    qualified_share,
                    stock_share,
                    realize_share,
                    reinvest,
                )| {
                    Account::Taxable {
                        name,
                        balance,
                        cost_basis: (balance * Decimal::from(basis_pct) / Decimal::from(100))
                            .round_dp(2)
                            .min(Decimal::from(100_000_000_000i64)),
                        dividend_yield,
                        dividends: if reinvest {
                            Dividends::Reinvest
                        } else {
                            Dividends::PaidOut
                        },
                        qualified_share,
                        stock_share,
                        realize_share,
                    }
                }
            ),
        (
            name(),
            money(),
            owner.clone(),
            share(),
            any::<bool>(),
            prop::option::of(40u32..=125),
            any::<bool>()
        )
            .prop_map(
                move |(
                    name,
                    balance,
                    owner,
                    stock_share,
                    employer_plan,
                    separated_at_age,
                    spouse,
                )| {
                    Account::Deferred {
                        name,
                        owner,
                        balance,
                        stock_share,
                        employer_plan,
                        separated_at_age: separated_at_age.filter(|_| employer_plan),
                        spouse_sole_beneficiary: spouse && people == 2,
                    }
                }
            ),
        (name(), money(), owner.clone(), share()).prop_map(
            |(name, balance, owner, stock_share)| {
                Account::Roth {
                    name,
                    owner,
                    balance,
                    stock_share,
                }
            }
        ),
        (name(), money()).prop_map(|(name, balance)| Account::Cash { name, balance }),
        (name(), money(), owner, share(), money(), any::<bool>()).prop_map(
            |(name, balance, owner, stock_share, contribution, family)| Account::Hsa {
                name,
                owner,
                balance,
                stock_share,
                contribution,
                family,
            }
        ),
    ]
}

fn bracket() -> impl Strategy<Value = Decimal> {
    prop::sample::select(vec![0i64, 10, 12, 22, 24, 32, 35, 37]).prop_map(|b| Decimal::new(b, 2))
}

/// Any strategy, sometimes under a label (valid or not: blank, too long).
pub fn strategy() -> impl Strategy<Value = StrategySpec> {
    prop_oneof![
        9 => plain_strategy(),
        1 => (plain_strategy(), "[A-Za-z ]{0,44}").prop_map(|(s, label)| StrategySpec::Labeled {
            label,
            strategy: Box::new(s),
        }),
    ]
}

fn order_step() -> impl Strategy<Value = OrderStep> {
    let source = prop::sample::select(Source::ALL.to_vec());
    let cap = prop_oneof![
        2 => Just(None),
        1 => money().prop_map(|a| Some(StepCap::Amount(a))),
        1 => bracket().prop_map(|b| Some(StepCap::Bracket(b))),
    ];
    (source, cap).prop_map(|(source, cap)| OrderStep { source, cap })
}

fn plain_strategy() -> impl Strategy<Value = StrategySpec> {
    prop_oneof![
        Just(StrategySpec::Conventional),
        Just(StrategySpec::DeferredFirst),
        Just(StrategySpec::RothBeforeDeferred),
        Just(StrategySpec::Proportional),
        (
            bracket(),
            prop::option::of(money()),
            any::<bool>(),
            any::<bool>()
        )
            .prop_map(|(bracket, taxable_income, aca_aware, draw_beyond_need)| {
                StrategySpec::BracketFill {
                    bracket,
                    taxable_income,
                    aca_aware,
                    draw_beyond_need,
                }
            }),
        (
            bracket(),
            prop::option::of(money()),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            prop::option::of(0u32..=100),
            prop::option::of((1i64..=90, 0usize..7))
        )
            .prop_map(
                |(bracket, yearly_cap, irmaa_aware, aca_aware, stop_at_rmd, years, fall)| {
                    StrategySpec::RothConversion {
                        bracket,
                        yearly_cap,
                        irmaa_aware,
                        aca_aware,
                        stop_at_rmd,
                        years,
                        after_fall: fall.map(|(drop, b)| AfterFall {
                            drop: Decimal::new(drop, 2),
                            bracket: [10, 12, 22, 24, 32, 35, 37].map(|r| Decimal::new(r, 2))[b],
                        }),
                    }
                }
            ),
        (any::<bool>(), any::<bool>())
            .prop_map(|(harvest, aca_aware)| StrategySpec::ZeroGains { harvest, aca_aware }),
        Just(StrategySpec::HeirAware),
        Just(StrategySpec::Optimized {
            objective: Objective::Estate
        }),
        money().prop_map(|min_estate| StrategySpec::Optimized {
            objective: Objective::Spending { min_estate }
        }),
        prop::collection::vec(order_step(), 0..=9)
            .prop_map(|steps| StrategySpec::CustomOrder { steps }),
        // Years near the plan's start (and some out of order or repeated, which validation
        // must refuse by name).
        prop::collection::vec(
            (2020i32..2080, money(), money(), money(), money(), money()),
            0..=6
        )
        .prop_map(|rows| StrategySpec::Schedule {
            rows: rows
                .into_iter()
                .map(
                    |(year, roth_conversion, deferred, taxable, roth, cash)| ScheduleRow {
                        year,
                        roth_conversion,
                        deferred,
                        taxable,
                        roth,
                        cash,
                    }
                )
                .collect(),
        }),
    ]
}

fn law() -> impl Strategy<Value = LawMode> {
    prop_oneof![
        2 => Just(LawMode::CurrentLaw),
        1 => (
            rate(0, 900),
            rate(0, 900),
            prop::option::of((2022i32..2130, rate(0, 900), prop::option::of(rate(0, 900))))
        )
            .prop_map(|(ordinary, gains, change)| LawMode::FlatRates {
                ordinary,
                gains,
                change: change.map(|(from_year, ordinary, gains)| FlatChange {
                    from_year,
                    ordinary,
                    gains,
                }),
            }),
        1 => (2022i32..2130, -20i64..=20).prop_map(|(from_year, points)| LawMode::RateChange {
            from_year,
            points: Decimal::from(points),
        }),
    ]
}

fn path_mode() -> impl Strategy<Value = PathMode> {
    prop_oneof![
        Just(PathMode::Constant),
        Just(PathMode::Historical),
        (1u32..=30).prop_map(|block_years| PathMode::Bootstrap { block_years }),
        (
            rate(-500, 300),
            rate(0, 600),
            rate(-500, 300),
            rate(0, 600),
            rate(-1000, 1000),
            rate(-50, 200),
            rate(0, 100)
        )
            .prop_map(|(sm, sv, bm, bv, c, im, iv)| PathMode::MonteCarlo {
                stocks_mean: sm,
                stocks_vol: sv,
                bonds_mean: bm,
                bonds_vol: bv,
                correlation: c,
                inflation_mean: im,
                inflation_vol: iv,
            }),
    ]
}

fn coverage() -> impl Strategy<Value = Coverage> {
    prop_oneof![
        4 => Just(Coverage::Auto),
        2 => (money(), 0u32..=120).prop_map(|(benchmark, at_age)| Coverage::Marketplace { benchmark, at_age }),
        1 => Just(Coverage::Employer),
        1 => Just(Coverage::Uninsured),
    ]
}

fn medicare_age() -> impl Strategy<Value = u32> {
    prop_oneof![4 => Just(65u32), 1 => 65u32..=130]
}

prop_compose! {
    fn person(name: String, age: i32, planning: u32)(
        coverage in coverage(),
        medicare_age in medicare_age(),
    ) -> Person {
        let mut p = Person::new(&name, 2026 - age, planning.max(age as u32));
        p.coverage = coverage;
        p.medicare_age = medicare_age;
        p
    }
}

prop_compose! {
    fn people()(
        couple in any::<bool>(),
        ages in (18i32..=110, 18i32..=110),
        planning in (50u32..=120, 50u32..=120),
        names in (name(), name()),
    )(
        first in person(names.0.clone(), ages.0, planning.0),
        second in person(names.1.clone(), ages.1, planning.1),
        couple in Just(couple),
    ) -> (Vec<Person>, bool) {
        // Sex and the mortality multiplier follow from the other draws rather than drawing
        // their own, so adding them left the fuzzed plans of a seed as they were.
        let sexes = (first.name.len() % 3, second.name.len() % 3);
        let mortality = (i64::from(first.planning_age % 11) * 20, i64::from(second.planning_age % 7) * 50);
        // Birth years relative to 2026; the plan's start year moves them later.
        let (mut first, mut second) = (first, second);
        first.sex = Sex::ALL[sexes.0];
        first.mortality = Decimal::new(mortality.0, 2);
        second.sex = Sex::ALL[sexes.1];
        second.mortality = Decimal::new(mortality.1, 2);
        // Birth months likewise (1 to 12).
        first.birth_month = 1 + (first.name.len() as u32 * 5 + first.planning_age) % 12;
        second.birth_month = 1 + (second.name.len() as u32 * 7 + second.planning_age) % 12;
        let mut people = vec![first];
        if couple {
            people.push(second);
        }
        (people, couple)
    }
}

prop_compose! {
    fn income()(
        ss in prop::collection::vec((0usize..2, money(), 62u32..=70, 0u32..=11), 0..=2),
        pensions in prop::collection::vec((0usize..2, name(), money(), 40u32..=100, rate(-50, 200), share(), any::<bool>()), 0..=2),
        wages in prop::collection::vec((0usize..2, money(), 30u32..=100), 0..=2),
        other in prop::collection::vec((name(), money(), 0i32..60, 0i32..60, any::<bool>()), 0..=2),
        windfalls in prop::collection::vec((0i32..60, money(), share(), name()), 0..=2),
    ) -> Income {
        Income {
            social_security: ss.into_iter().enumerate().map(|(i, (_, fra_benefit, claim_age, m))| SocialSecurity {
                person: i,
                fra_benefit: fra_benefit.min(Decimal::from(1_000_000)),
                claim_age,
                claim_months: if claim_age == 70 { 0 } else { m },
            }).collect(),
            pensions: pensions.into_iter().map(|(person, name, amount, start_age, cola, survivor_share, government)| Pension { person, name, amount, start_age, cola, survivor_share, government }).collect(),
            wages: wages.into_iter().map(|(person, amount, until_age)| Wage { person, amount, until_age, self_employed: until_age % 3 == 0, deferral: if until_age % 3 == 0 { Decimal::ZERO } else { (amount / Decimal::from(8)).round_dp(2) }, roth_deferral: until_age % 4 == 0 }).collect(),
            other: other.into_iter().map(|(name, amount, a, b, indexed)| OtherIncome { name, amount, from_year: 2026 + a.min(b), to_year: 2026 + a.max(b), indexed }).collect(),
            windfalls: windfalls.into_iter().map(|(k, amount, gain, label)| Windfall { year: 2026 + k, amount, taxable_gain: (amount * gain).round_dp(2), label }).collect(),
        }
    }
}

prop_compose! {
    /// A plan every field of which validation accepts, most of the time: the pieces are drawn
    /// within their bounds, but combinations (a person too old for the start year, a horizon
    /// past 100 years) may still be refused.
    pub fn plan_in_bounds()(
        (people, couple) in people(),
        start in prop_oneof![4 => 2024i32..=2030, 1 => 2022i32..=2100],
        filing_pick in 0usize..4,
        state in residence(),
        moves in prop::collection::vec((0i32..60, state_code()), 0..=2),
        heirs_rate in rate(0, 600),
        accounts in prop::collection::vec(account(2), 0..=6),
        income in income(),
        spending in (money(), prop::collection::vec((40u32..=120, money()), 0..=2), prop::collection::vec((0i32..100, money()), 0..=2), share(), prop::option::of((1i64..=1000, 1i64..=99, 1i64..=50, 0i64..=100)), prop::option::of(money())),
        inflation in rate(-50, 200),
        returns in prop_oneof![
            rate(-500, 300).prop_map(|nominal| Returns::Constant { nominal }),
            (rate(-500, 300), rate(-500, 300), rate(-500, 300)).prop_map(|(stocks, bonds, cash)| Returns::ByAssetClass { stocks, bonds, cash }),
        ],
        tax_law in law(),
        prior in prop::option::of((money(), money())),
        estate_at_ages in prop::collection::vec(50u32..=120, 0..=2),
        simulation in (path_mode(), 1u32..=2_000, any::<u64>(), prop::option::of((1928i32..=2025, 0i32..=97)), any::<bool>(), any::<bool>(), prop::option::of((60u32..=80, any::<bool>()))),
        strategies in prop::collection::vec(strategy(), 1..=5),
        scenarios in prop_oneof![2 => Just(Vec::new()), 1 => prop::collection::vec(scenario(), 1..=2)],
    ) -> Plan {
        let shift = start - 2026;
        let people: Vec<Person> = people.into_iter().map(|mut p| { p.birth_year += shift; p }).collect();
        let filing = if couple {
            [Filing::Mfj, Filing::Mfs, Filing::Single, Filing::Mfj][filing_pick]
        } else {
            [Filing::Single, Filing::Hoh, Filing::Single, Filing::Single][filing_pick]
        };
        let n = people.len();
        let accounts = accounts.into_iter().map(|mut a| {
            if let Account::Deferred { owner, .. } | Account::Roth { owner, .. } | Account::Hsa { owner, .. } = &mut a {
                *owner %= n;
            }
            a
        }).collect();
        let mut income = income;
        income.social_security.retain(|s| s.person < n);
        for p in &mut income.pensions { p.person %= n; }
        for w in &mut income.wages { w.person %= n; }
        for o in &mut income.other { o.from_year += shift; o.to_year += shift; }
        for w in &mut income.windfalls { w.year += shift; }
        let mut changes: Vec<SpendingChange> = spending.1.into_iter().map(|(at_age, annual)| SpendingChange { at_age, annual }).collect();
        changes.sort_by_key(|c| c.at_age);
        let mut plan = Plan {
            version: 1,
            name: "fuzz".into(),
            notes: String::new(),
            people,
            filing,
            state,
            moves: {
                let mut m: Vec<Move> = moves.into_iter().map(|(k, state)| Move { year: start + 1 + k, state }).collect();
                m.sort_by_key(|m| m.year);
                m
            },
            heirs_rate,
            accounts,
            income,
            spending: Spending {
                annual: spending.0,
                changes,
                one_offs: spending.2.into_iter().map(|(k, amount)| OneOff { year: start + k, amount, label: "one-off".into() }).collect(),
                survivor_share: spending.3,
                medical_costs: spending.5.unwrap_or_default(),
                // Gifts follow the other draws too: half the medical costs, in every other plan.
                charity: if spending.0.to_string().len() % 2 == 0 {
                    spending.5.unwrap_or_default() / Decimal::TWO
                } else {
                    Decimal::ZERO
                },
                guardrails: spending.4.map(|(upper, lower, adjust, floor)| Guardrails {
                    upper: Decimal::new(upper, 2),
                    lower: Decimal::new(lower, 2),
                    adjust: Decimal::new(adjust, 2),
                    floor: Decimal::new(floor, 2),
                    // Guyton and Klinger's exceptions in some plans, from the draws above.
                    no_cuts_final_years: [0, 15, 3][(upper % 3) as usize],
                    freeze_after_loss: lower % 2 == 0,
                }),
            },
            assumptions: Assumptions {
                start_year: start,
                inflation,
                returns,
                tax_law,
                prior_magi: prior.map(|(a, b)| PriorMagi { two_years_before: a, one_year_before: b }),
                estate_at_ages,
                simulation: {
                    // A window of history, within the years of the data the plan draws from:
                    // the shipped table (1928-2025) or the test file of 1928-2007.
                    let file = simulation.4;
                    let last = if file { 2007 } else { 2025 };
                    let window = simulation.3.map(|(from, len)| (from.min(last), (from + len).min(last)));
                    Simulation {
                        mode: simulation.0,
                        paths: simulation.1,
                        seed: simulation.2,
                        from: window.map(|w| w.0),
                        to: window.map(|w| w.1),
                        returns_file: file.then(|| RETURNS_FILE.to_string()),
                        // Sampled lifetimes on a third of the plans, from a draw the others
                        // already make (the seed), so the generator's stream is unchanged.
                        lifetimes: if simulation.2 % 3 == 1 { Lifetimes::Sampled } else { Lifetimes::PlanningAges },
                    }
                },
                withdrawals: if simulation.5 { WithdrawalTiming::EndOfYear } else { WithdrawalTiming::StartOfYear },
                rmd: match simulation.6 {
                    None => RmdRule::CurrentLaw,
                    Some((start_age, single)) => RmdRule::Study {
                        start_age,
                        table: if single { RmdTable::SingleLife } else { RmdTable::UniformLifetime },
                    },
                },
                ignore_irmaa: simulation.2 % 5 == 0,
            },
            strategies,
            scenarios,
            comments: Vec::new(),
        };
        // One-offs and windfalls within the plan's years, which validation requires (drawn as
        // offsets from the start, they may pass a short plan's end): folded back in.
        let (first, years) = (plan.assumptions.start_year, plan.horizon_years().max(1) as i32);
        for y in plan.spending.one_offs.iter_mut().map(|o| &mut o.year)
            .chain(plan.income.windfalls.iter_mut().map(|w| &mut w.year))
        {
            *y = first + (*y - first).rem_euclid(years);
        }
        plan
    }
}

/// One override, as RON text serde writes for the field's type: a number, a list of moves, a
/// return assumption, the strategies compared; now and then a path no plan has or an element
/// past a list's end.
fn scenario_override() -> impl Strategy<Value = (String, String)> {
    let text = |v: &dyn erased::Ron| v.ron();
    prop_oneof![
        3 => money().prop_map(move |m| ("spending.annual".to_string(), text(&m))),
        2 => (0usize..2, 60u32..=71).prop_map(|(i, a)| (format!("income.social_security[{i}].claim_age"), a.to_string())),
        2 => (0usize..2, 50u32..=121).prop_map(|(i, a)| (format!("people[{i}].planning_age"), a.to_string())),
        2 => prop::collection::vec((2025i32..2060, state_code()), 0..=2).prop_map(move |m| {
            let moves: Vec<Move> = m.into_iter().map(|(year, state)| Move { year, state }).collect();
            ("moves".to_string(), text(&moves))
        }),
        2 => rate(-500, 300).prop_map(move |nominal| ("assumptions.returns".to_string(), text(&Returns::Constant { nominal }))),
        1 => rate(-50, 200).prop_map(move |r| ("assumptions.inflation".to_string(), text(&r))),
        1 => (0usize..3, money()).prop_map(move |(i, m)| (format!("accounts[{i}].balance"), text(&m))),
        2 => prop::collection::vec(strategy(), 1..=3).prop_map(move |s| ("strategies".to_string(), text(&s))),
        1 => (2020i32..2080, money()).prop_map(move |(year, amount)| {
            let one = vec![OneOff { year, amount, label: "one-off".into() }];
            ("spending.one_offs".to_string(), text(&one))
        }),
        1 => Just(("spending.nothing".to_string(), "1".to_string())),
        1 => Just(("version".to_string(), "2".to_string())),
    ]
}

/// RON text of any plan value, so the generator writes overrides as a user would.
mod erased {
    pub trait Ron {
        fn ron(&self) -> String;
    }
    impl<T: serde::Serialize> Ron for T {
        fn ron(&self) -> String {
            ron::to_string(self).expect("plain data serialises")
        }
    }
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (name(), prop::collection::vec(scenario_override(), 0..=3)).prop_map(|(name, set)| Scenario {
        name,
        notes: String::new(),
        set: set
            .into_iter()
            .map(|(k, v)| (k, Override::parse(&v).expect("ron's own text reads")))
            .collect(),
    })
}

/// A value no plan may hold in some field: what a careless edit or an attacker writes.
#[derive(Debug, Clone)]
pub enum Corruption {
    Amount(Decimal),
    Rate(Decimal),
    Age(u32),
    Year(i32),
    Count(usize),
}

fn bad_number() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        Just(Decimal::from_parts(u32::MAX, u32::MAX, u32::MAX, false, 0)),
        Just(Decimal::from_parts(u32::MAX, u32::MAX, u32::MAX, true, 0)),
        Just(Decimal::from_parts(u32::MAX, u32::MAX, u32::MAX, false, 28)),
        Just(Decimal::new(-1, 2)),
        Just(Decimal::from(-1_000_000)),
        Just(Decimal::from(100_000_000_001i64)),
        (1u32..=28).prop_map(|e| Decimal::from_i128_with_scale(10i128.pow(e.min(27)), 0)),
    ]
}

fn corruption() -> impl Strategy<Value = (u8, Corruption)> {
    (
        any::<u8>(),
        prop_oneof![
            bad_number().prop_map(Corruption::Amount),
            bad_number().prop_map(Corruption::Rate),
            prop::sample::select(vec![0u32, 1, 17, 121, 200, 1000, u32::MAX])
                .prop_map(Corruption::Age),
            prop::sample::select(vec![
                i32::MIN,
                -1,
                0,
                1899,
                2021,
                2101,
                2301,
                9999,
                i32::MAX
            ])
            .prop_map(Corruption::Year),
            prop::sample::select(vec![0usize, 3, 41, 100]).prop_map(Corruption::Count),
        ],
    )
}

/// Writes `bad` into one field of the plan, chosen by `which`.
pub fn corrupt(plan: &mut Plan, which: u8, bad: &Corruption) {
    match bad {
        Corruption::Amount(v) => {
            let slots: Vec<&mut Decimal> = amount_slots(plan);
            let n = slots.len();
            if let Some(slot) = slots.into_iter().nth(which as usize % n.max(1)) {
                *slot = *v;
            }
        }
        Corruption::Rate(v) => {
            let slots = rate_slots(plan);
            let n = slots.len();
            if let Some(slot) = slots.into_iter().nth(which as usize % n.max(1)) {
                *slot = *v;
            }
        }
        Corruption::Age(a) => match which % 4 {
            0 => {
                if let Some(p) = plan.people.first_mut() {
                    p.planning_age = *a;
                }
            }
            1 => {
                if let Some(s) = plan.income.social_security.first_mut() {
                    s.claim_age = *a;
                } else if let Some(p) = plan.people.first_mut() {
                    p.planning_age = *a;
                }
            }
            2 => {
                if let Some(w) = plan.income.wages.first_mut() {
                    w.until_age = *a;
                } else {
                    plan.assumptions.estate_at_ages.push(*a);
                }
            }
            _ => plan.spending.changes.push(SpendingChange {
                at_age: *a,
                annual: Decimal::ONE,
            }),
        },
        Corruption::Year(y) => match which % 4 {
            0 => plan.assumptions.start_year = *y,
            1 => {
                if let Some(p) = plan.people.first_mut() {
                    p.birth_year = *y;
                }
            }
            2 => plan.spending.one_offs.push(OneOff {
                year: *y,
                amount: Decimal::ONE,
                label: String::new(),
            }),
            _ => plan.version = (*y).unsigned_abs(),
        },
        Corruption::Count(k) => match which % 4 {
            0 => {
                plan.people = (0..*k)
                    .map(|i| {
                        let mut p = Person::new(&format!("P{i}"), 1960, 90);
                        p.sex = Sex::Female;
                        p
                    })
                    .collect()
            }
            1 => {
                plan.accounts = (0..*k)
                    .map(|i| Account::Cash {
                        name: format!("C{i}"),
                        balance: Decimal::ONE,
                    })
                    .collect()
            }
            2 => plan.strategies = vec![StrategySpec::Conventional; *k],
            _ => {
                for a in &mut plan.accounts {
                    if let Account::Deferred { owner, .. }
                    | Account::Roth { owner, .. }
                    | Account::Hsa { owner, .. } = a
                    {
                        *owner = *k;
                    }
                }
                for s in &mut plan.income.social_security {
                    s.person = *k;
                }
            }
        },
    }
}

fn amount_slots(plan: &mut Plan) -> Vec<&mut Decimal> {
    let mut v: Vec<&mut Decimal> = vec![
        &mut plan.spending.annual,
        &mut plan.spending.medical_costs,
        &mut plan.spending.charity,
    ];
    for p in &mut plan.people {
        if let Coverage::Marketplace { benchmark, .. } = &mut p.coverage {
            v.push(benchmark);
        }
    }
    if let StateResidence::Custom { deduction, .. } = &mut plan.state {
        v.push(deduction);
    }
    for a in &mut plan.accounts {
        match a {
            Account::Taxable {
                balance,
                cost_basis,
                ..
            } => {
                v.push(balance);
                v.push(cost_basis);
            }
            Account::Deferred { balance, .. }
            | Account::Roth { balance, .. }
            | Account::Cash { balance, .. } => v.push(balance),
            Account::Hsa {
                balance,
                contribution,
                ..
            } => {
                v.push(balance);
                v.push(contribution);
            }
        }
    }
    for s in &mut plan.income.social_security {
        v.push(&mut s.fra_benefit);
    }
    for p in &mut plan.income.pensions {
        v.push(&mut p.amount);
    }
    for w in &mut plan.income.wages {
        v.push(&mut w.amount);
    }
    for o in &mut plan.income.other {
        v.push(&mut o.amount);
    }
    for c in &mut plan.spending.changes {
        v.push(&mut c.annual);
    }
    for o in &mut plan.spending.one_offs {
        v.push(&mut o.amount);
    }
    if let Some(m) = &mut plan.assumptions.prior_magi {
        v.push(&mut m.two_years_before);
        v.push(&mut m.one_year_before);
    }
    for s in &mut plan.strategies {
        match s {
            StrategySpec::BracketFill {
                taxable_income: Some(t),
                ..
            } => v.push(t),
            StrategySpec::RothConversion {
                yearly_cap: Some(c),
                ..
            } => v.push(c),
            StrategySpec::Optimized {
                objective: Objective::Spending { min_estate },
            } => v.push(min_estate),
            _ => {}
        }
    }
    v
}

fn rate_slots(plan: &mut Plan) -> Vec<&mut Decimal> {
    let mut v: Vec<&mut Decimal> = vec![
        &mut plan.heirs_rate,
        &mut plan.spending.survivor_share,
        &mut plan.assumptions.inflation,
    ];
    if let StateResidence::Custom { rate, .. } = &mut plan.state {
        v.push(rate);
    }
    for p in &mut plan.people {
        v.push(&mut p.mortality);
    }
    match &mut plan.assumptions.returns {
        Returns::Constant { nominal } => v.push(nominal),
        Returns::ByAssetClass {
            stocks,
            bonds,
            cash,
        } => {
            v.push(stocks);
            v.push(bonds);
            v.push(cash);
        }
    }
    match &mut plan.assumptions.tax_law {
        LawMode::CurrentLaw => {}
        LawMode::FlatRates {
            ordinary,
            gains,
            change,
        } => {
            v.push(ordinary);
            v.push(gains);
            if let Some(c) = change {
                v.push(&mut c.ordinary);
            }
        }
        LawMode::RateChange { points, .. } => v.push(points),
    }
    if let PathMode::MonteCarlo {
        stocks_mean,
        stocks_vol,
        correlation,
        inflation_mean,
        ..
    } = &mut plan.assumptions.simulation.mode
    {
        v.push(stocks_mean);
        v.push(stocks_vol);
        v.push(correlation);
        v.push(inflation_mean);
    }
    for a in &mut plan.accounts {
        match a {
            Account::Taxable {
                dividend_yield,
                qualified_share,
                stock_share,
                realize_share,
                ..
            } => {
                v.push(dividend_yield);
                v.push(qualified_share);
                v.push(stock_share);
                v.push(realize_share);
            }
            Account::Deferred { stock_share, .. }
            | Account::Roth { stock_share, .. }
            | Account::Hsa { stock_share, .. } => v.push(stock_share),
            Account::Cash { .. } => {}
        }
    }
    for p in &mut plan.income.pensions {
        v.push(&mut p.cola);
        v.push(&mut p.survivor_share);
    }
    for s in &mut plan.strategies {
        if let StrategySpec::BracketFill { bracket, .. }
        | StrategySpec::RothConversion { bracket, .. } = s
        {
            v.push(bracket);
        }
    }
    v
}

prop_compose! {
    /// A plan over the whole format: three in four within bounds, one in four with one to three
    /// fields set to values validation must refuse.
    pub fn any_plan()(
        mut plan in plan_in_bounds(),
        bad in prop::collection::vec(corruption(), 1..=3),
        corrupted in prop::bool::weighted(0.25),
    ) -> Plan {
        if corrupted {
            for (which, c) in &bad {
                corrupt(&mut plan, *which, c);
            }
        }
        plan
    }
}
