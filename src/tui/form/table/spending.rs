//! The Spending & assumptions pane's fields: the need, its changes, one-offs and the
//! assumptions (start year, inflation, returns, tax law, prior income).

use super::*;
use crate::tui::form::groups::Group as G;
use crate::tui::form::spec::Kind as K;

pub(super) static FIELDS: &[FieldSpec] = &[
    field(
        G::Spending,
        "Yearly need",
        "spending.annual",
        K::Money,
        single!(Decimal, spending.annual),
        "spending after tax, in today's dollars",
    )
    .within(money_bounds),
    field(
        G::Spending,
        "Medical costs",
        "spending.medical_costs",
        K::Money,
        single!(Decimal, spending.medical_costs),
        "out-of-pocket medical costs besides the need and premiums, a year in today's dollars: \
         paid tax-free from HSAs first",
    )
    .within(money_bounds),
    field(
        G::Spending,
        "Gifts to charity",
        "spending.charity",
        K::Money,
        single!(Decimal, spending.charity),
        "a year in today's dollars: from 70½ given from IRAs as QCDs, not income",
    )
    .within(money_bounds),
    field(
        G::Spending,
        "Survivor share",
        "spending.survivor_share",
        K::Rate,
        single!(Decimal, spending.survivor_share),
        "the share of the need that remains once one spouse has died",
    )
    .within(share_bounds),
    field(
        G::Spending,
        "Guardrails",
        "spending.guardrails",
        K::Toggle,
        Access::Toggle {
            get: |p, _| Some(p.spending.guardrails.is_some()),
            set: |p, _, on| {
                p.spending.guardrails = on.then(crate::plan::Guardrails::classic);
                Some(())
            },
        },
        "cut spending after bad years and raise it after good ones (Guyton-Klinger)",
    ),
    field(
        G::Spending,
        "  upper guardrail",
        "spending.guardrails.upper",
        K::Rate,
        Access::Decimal {
            get: |p, _| p.spending.guardrails.map(|g| g.upper),
            set: |p, _, v| {
                p.spending.guardrails.as_mut()?.upper = v;
                Some(())
            },
        },
        "cut when the withdrawal rate is this far above the first year's",
    )
    .within(|_, _| (dec!(0.01), d(10))),
    field(
        G::Spending,
        "  lower guardrail",
        "spending.guardrails.lower",
        K::Rate,
        Access::Decimal {
            get: |p, _| p.spending.guardrails.map(|g| g.lower),
            set: |p, _, v| {
                p.spending.guardrails.as_mut()?.lower = v;
                Some(())
            },
        },
        "raise when the withdrawal rate is this far below the first year's",
    )
    .within(|_, _| (dec!(0.01), dec!(0.99))),
    field(
        G::Spending,
        "  cut or raise by",
        "spending.guardrails.adjust",
        K::Rate,
        Access::Decimal {
            get: |p, _| p.spending.guardrails.map(|g| g.adjust),
            set: |p, _, v| {
                p.spending.guardrails.as_mut()?.adjust = v;
                Some(())
            },
        },
        "the size of each cut or raise of the living costs",
    )
    .within(|_, _| (dec!(0.01), dec!(0.5))),
    field(
        G::Spending,
        "  floor",
        "spending.guardrails.floor",
        K::Rate,
        Access::Decimal {
            get: |p, _| p.spending.guardrails.map(|g| g.floor),
            set: |p, _, v| {
                p.spending.guardrails.as_mut()?.floor = v;
                Some(())
            },
        },
        "cuts never take spending below this share of the plan's",
    )
    .within(|_, _| (Decimal::ZERO, Decimal::ONE)),
    field(
        G::Spending,
        "  no cuts in last",
        "spending.guardrails.no_cuts_final_years",
        K::Count,
        Access::Int {
            get: |p, _| {
                p.spending
                    .guardrails
                    .map(|g| i64::from(g.no_cuts_final_years))
            },
            set: |p, _, v| {
                p.spending.guardrails.as_mut()?.no_cuts_final_years = v.try_into().ok()?;
                Some(())
            },
        },
        "years at the plan's end without cuts (Guyton-Klinger: 15; 0: cuts in every year)",
    )
    .within(|_, _| (Decimal::ZERO, d(crate::plan::MAX_HORIZON as i64))),
    field(
        G::Spending,
        "  freeze after loss",
        "spending.guardrails.freeze_after_loss",
        K::Toggle,
        Access::Toggle {
            get: |p, _| p.spending.guardrails.map(|g| g.freeze_after_loss),
            set: |p, _, on| {
                p.spending.guardrails.as_mut()?.freeze_after_loss = on;
                Some(())
            },
        },
        "no raise for inflation after a losing year while the withdrawal rate is above the \
         first year's (Guyton-Klinger)",
    ),
    field(
        G::Change,
        "Changes at age",
        "spending.changes[].at_age",
        K::Age,
        item_int!(spending.changes, at_age),
        "from this age of the first person, the need becomes the amount below",
    )
    .within(age_bounds)
    .noted(first_persons_age),
    field(
        G::Change,
        "  to /yr",
        "spending.changes[].annual",
        K::Money,
        item!(Decimal, spending.changes, annual),
        "the new yearly need, in today's dollars",
    )
    .within(money_bounds),
    field(
        G::OneOff,
        "One-off in year",
        "spending.one_offs[].year",
        K::Year,
        Access::Int {
            get: |p, l| p.spending.one_offs.get(l.0).map(|x| i64::from(x.year)),
            set: |p, l, v| {
                p.spending.one_offs.get_mut(l.0)?.year = v.try_into().ok()?;
                Some(())
            },
        },
        "the year of the expense: one of the plan's years",
    )
    .within(in_plan_years),
    field(
        G::OneOff,
        "  amount",
        "spending.one_offs[].amount",
        K::Money,
        item!(Decimal, spending.one_offs, amount),
        "the expense, in today's dollars",
    )
    .within(money_bounds),
    field(
        G::OneOff,
        "  label",
        "spending.one_offs[].label",
        K::Text,
        item!(Text, spending.one_offs, label),
        "what the expense is for",
    )
    .private(),
    // Assumptions
    field(
        G::Assumptions,
        "Start year",
        "assumptions.start_year",
        K::Year,
        Access::Int {
            get: |p, _| Some(i64::from(p.assumptions.start_year)),
            set: |p, _, v| {
                p.assumptions.start_year = v.try_into().ok()?;
                Some(())
            },
        },
        "the plan's first year: today's dollars are dollars of this year",
    )
    .within(|_, _| (d(2022), d(2100))),
    field(
        G::Assumptions,
        "Inflation",
        "assumptions.inflation",
        K::Rate,
        single!(Decimal, assumptions.inflation),
        "yearly inflation",
    )
    .within(|_, _| (dec!(-0.05), dec!(0.2))),
    field(
        G::Assumptions,
        "Returns",
        "assumptions.returns",
        K::Choice,
        Access::Choice {
            options: |_, _| vec!["one constant rate".into(), "by asset class".into()],
            get: |p, _| {
                Some(usize::from(matches!(
                    p.assumptions.returns,
                    Returns::ByAssetClass { .. }
                )))
            },
            set: |p, _, i| {
                p.assumptions.returns = match (&p.assumptions.returns, i) {
                    (Returns::ByAssetClass { stocks, bonds, .. }, 0) => Returns::Constant {
                        nominal: ((*stocks * dec!(0.6)) + (*bonds * dec!(0.4))).round_dp(4),
                    },
                    (Returns::Constant { nominal }, 1) => Returns::ByAssetClass {
                        stocks: *nominal + dec!(0.015),
                        bonds: *nominal - dec!(0.015),
                        cash: (*nominal - dec!(0.02)).max(Decimal::ZERO),
                    },
                    (same, _) => same.clone(),
                };
                Some(())
            },
        },
        "one rate for every account, or each account by its stock/bond mix",
    ),
    field(
        G::Assumptions,
        "  nominal",
        "assumptions.returns.nominal",
        K::Rate,
        Access::Decimal {
            get: |p, _| match p.assumptions.returns {
                Returns::Constant { nominal } => Some(nominal),
                _ => None,
            },
            set: |p, _, v| match &mut p.assumptions.returns {
                Returns::Constant { nominal } => {
                    *nominal = v;
                    Some(())
                }
                _ => None,
            },
        },
        "the yearly return of every account, before tax",
    )
    .within(return_bounds),
    field(
        G::Assumptions,
        "  stocks",
        "assumptions.returns.stocks",
        K::Rate,
        Access::Decimal {
            get: |p, _| match p.assumptions.returns {
                Returns::ByAssetClass { stocks, .. } => Some(stocks),
                _ => None,
            },
            set: |p, _, v| match &mut p.assumptions.returns {
                Returns::ByAssetClass { stocks, .. } => {
                    *stocks = v;
                    Some(())
                }
                _ => None,
            },
        },
        "the yearly return of stocks, before tax",
    )
    .within(return_bounds),
    field(
        G::Assumptions,
        "  bonds",
        "assumptions.returns.bonds",
        K::Rate,
        Access::Decimal {
            get: |p, _| match p.assumptions.returns {
                Returns::ByAssetClass { bonds, .. } => Some(bonds),
                _ => None,
            },
            set: |p, _, v| match &mut p.assumptions.returns {
                Returns::ByAssetClass { bonds, .. } => {
                    *bonds = v;
                    Some(())
                }
                _ => None,
            },
        },
        "the yearly return of bonds, before tax",
    )
    .within(return_bounds),
    field(
        G::Assumptions,
        "  cash",
        "assumptions.returns.cash",
        K::Rate,
        Access::Decimal {
            get: |p, _| match p.assumptions.returns {
                Returns::ByAssetClass { cash, .. } => Some(cash),
                _ => None,
            },
            set: |p, _, v| match &mut p.assumptions.returns {
                Returns::ByAssetClass { cash, .. } => {
                    *cash = v;
                    Some(())
                }
                _ => None,
            },
        },
        "the yearly interest on cash accounts",
    )
    .within(return_bounds),
    field(
        G::Assumptions,
        "Withdrawals",
        "assumptions.withdrawals",
        K::Choice,
        Access::Choice {
            options: |_, _| vec!["start of year".into(), "end of year".into()],
            get: |p, _| Some(usize::from(!p.assumptions.withdrawals.is_start())),
            set: |p, _, i| {
                p.assumptions.withdrawals = if i == 0 {
                    WithdrawalTiming::StartOfYear
                } else {
                    WithdrawalTiming::EndOfYear
                };
                Some(())
            },
        },
        "draws before the year's returns (1 January) or after them (31 December)",
    ),
    field(
        G::Assumptions,
        "RMD rule",
        "assumptions.rmd",
        K::Choice,
        Access::Choice {
            options: |_, _| vec!["current law".into(), "a study's rule".into()],
            get: |p, _| Some(usize::from(!p.assumptions.rmd.is_current_law())),
            set: |p, _, i| {
                p.assumptions.rmd = if i == 0 {
                    RmdRule::CurrentLaw
                } else {
                    RmdRule::Study {
                        start_age: 70,
                        table: RmdTable::UniformLifetime,
                    }
                };
                Some(())
            },
        },
        "required distributions by today's law, or from an age and table a study sets",
    ),
    field(
        G::Assumptions,
        "  RMD start age",
        "assumptions.rmd.start_age",
        K::Age,
        Access::Int {
            get: |p, _| match p.assumptions.rmd {
                RmdRule::Study { start_age, .. } => Some(i64::from(start_age)),
                RmdRule::CurrentLaw => None,
            },
            set: |p, _, v| match &mut p.assumptions.rmd {
                RmdRule::Study { start_age, .. } => {
                    *start_age = u32::try_from(v).ok()?;
                    Some(())
                }
                RmdRule::CurrentLaw => None,
            },
        },
        "the age RMDs start at for everyone (the classic studies' 70 1/2 is 70)",
    )
    .within(|_, _| (d(50), d(100))),
    field(
        G::Assumptions,
        "  RMD table",
        "assumptions.rmd.table",
        K::Choice,
        Access::Choice {
            options: |_, _| vec!["Uniform Lifetime".into(), "Single Life".into()],
            get: |p, _| match p.assumptions.rmd {
                RmdRule::Study { table, .. } => Some(usize::from(table == RmdTable::SingleLife)),
                RmdRule::CurrentLaw => None,
            },
            set: |p, _, i| match &mut p.assumptions.rmd {
                RmdRule::Study { table, .. } => {
                    *table = if i == 0 {
                        RmdTable::UniformLifetime
                    } else {
                        RmdTable::SingleLife
                    };
                    Some(())
                }
                RmdRule::CurrentLaw => None,
            },
        },
        "the IRS table RMDs divide by: Uniform Lifetime (Table III) or Single Life (Table I)",
    ),
    field(
        G::Assumptions,
        "Tax law",
        "assumptions.tax_law",
        K::Choice,
        Access::Choice {
            options: |_, _| {
                vec![
                    "current law".into(),
                    "flat rates".into(),
                    "current law, rates changed".into(),
                ]
            },
            get: |p, _| {
                Some(match p.assumptions.tax_law {
                    LawMode::CurrentLaw => 0,
                    LawMode::FlatRates { .. } => 1,
                    LawMode::RateChange { .. } => 2,
                })
            },
            set: |p, _, i| {
                let start = p.assumptions.start_year;
                p.assumptions.tax_law = match i {
                    0 => LawMode::CurrentLaw,
                    1 => LawMode::FlatRates {
                        ordinary: dec!(0.25),
                        gains: dec!(0.15),
                        change: None,
                    },
                    _ => LawMode::RateChange {
                        from_year: start + 5,
                        points: dec!(3),
                    },
                };
                Some(())
            },
        },
        "the published law, one flat rate each for income and gains, or rates moved",
    ),
    field(
        G::Assumptions,
        "  ordinary rate",
        "assumptions.tax_law.ordinary",
        K::Rate,
        Access::Decimal {
            get: |p, _| match p.assumptions.tax_law {
                LawMode::FlatRates { ordinary, .. } => Some(ordinary),
                _ => None,
            },
            set: |p, _, v| match &mut p.assumptions.tax_law {
                LawMode::FlatRates { ordinary, .. } => {
                    *ordinary = v;
                    Some(())
                }
                _ => None,
            },
        },
        "the flat rate on every dollar of ordinary income",
    )
    .within(share_bounds),
    field(
        G::Assumptions,
        "  gains rate",
        "assumptions.tax_law.gains",
        K::Rate,
        Access::Decimal {
            get: |p, _| match p.assumptions.tax_law {
                LawMode::FlatRates { gains, .. } => Some(gains),
                _ => None,
            },
            set: |p, _, v| match &mut p.assumptions.tax_law {
                LawMode::FlatRates { gains, .. } => {
                    *gains = v;
                    Some(())
                }
                _ => None,
            },
        },
        "the flat rate on qualified dividends and long-term gains",
    )
    .within(share_bounds),
    field(
        G::Assumptions,
        "  from year",
        "assumptions.tax_law.from_year",
        K::Year,
        Access::Int {
            get: |p, _| match p.assumptions.tax_law {
                LawMode::RateChange { from_year, .. } => Some(i64::from(from_year)),
                _ => None,
            },
            set: |p, _, v| match &mut p.assumptions.tax_law {
                LawMode::RateChange { from_year, .. } => {
                    *from_year = v.try_into().ok()?;
                    Some(())
                }
                _ => None,
            },
        },
        "the first year of the changed rates",
    )
    .within(|_, _| (d(2022), d(2300))),
    field(
        G::Assumptions,
        "  change (points)",
        "assumptions.tax_law.points",
        K::Points,
        Access::Decimal {
            get: |p, _| match p.assumptions.tax_law {
                LawMode::RateChange { points, .. } => Some(points),
                _ => None,
            },
            set: |p, _, v| match &mut p.assumptions.tax_law {
                LawMode::RateChange { points, .. } => {
                    *points = v;
                    Some(())
                }
                _ => None,
            },
        },
        "every ordinary rate moves by this many percentage points",
    )
    .within(|_, _| (d(-10), d(20))),
    field(
        G::Assumptions,
        "MAGI 2 years before",
        "assumptions.prior_magi.two_years_before",
        K::MaybeMoney,
        Access::MaybeDecimal {
            get: |p, _| {
                Some(
                    p.assumptions
                        .prior_magi
                        .as_ref()
                        .map(|m| m.two_years_before),
                )
            },
            set: |p, _, v| {
                p.assumptions.prior_magi = v.map(|v| PriorMagi {
                    two_years_before: v,
                    one_year_before: p
                        .assumptions
                        .prior_magi
                        .as_ref()
                        .map_or(v, |m| m.one_year_before),
                });
                Some(())
            },
        },
        "income two years before the plan: sets the first year's IRMAA (blank: none)",
    )
    .within(money_bounds),
    field(
        G::Assumptions,
        "  and the year after",
        "assumptions.prior_magi.one_year_before",
        K::Money,
        Access::Decimal {
            get: |p, _| p.assumptions.prior_magi.as_ref().map(|m| m.one_year_before),
            set: |p, _, v| {
                p.assumptions.prior_magi.as_mut()?.one_year_before = v;
                Some(())
            },
        },
        "income the year before the plan: sets the second year's IRMAA",
    )
    .within(money_bounds),
    field(
        G::Assumptions,
        "Leave out IRMAA",
        "assumptions.ignore_irmaa",
        K::Toggle,
        Access::Toggle {
            get: |p, _| Some(p.assumptions.ignore_irmaa),
            set: |p, _, v| {
                p.assumptions.ignore_irmaa = v;
                Some(())
            },
        },
        "no Medicare IRMAA surcharges in any year (to compare with tools that leave them out)",
    ),
];
