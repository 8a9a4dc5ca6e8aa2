//! The Strategies pane's fields: each strategy's label and parameters, and the steps of a
//! custom order.

use super::*;
use crate::tui::form::groups::Group as G;
use crate::tui::form::spec::Kind as K;

pub(super) static FIELDS: &[FieldSpec] = &[
    field(
        G::Strategy,
        "Label",
        "strategies[].label",
        K::Text,
        Access::Text {
            get: |p, l| Some(p.strategies.get(l.0)?.label().unwrap_or("").to_string()),
            set: |p, l, v| {
                let s = p.strategies.get_mut(l.0)?;
                *s = s.with_label(&v);
                Some(())
            },
        },
        "a name of your own for the column; blank for the usual name",
    ),
    field(
        G::Strategy,
        "Bracket to fill",
        "strategies[].bracket",
        K::Choice,
        Access::Choice {
            options: bracket_options,
            get: |p, l| match p.strategies.get(l.0)?.kind() {
                StrategySpec::BracketFill { bracket, .. }
                | StrategySpec::RothConversion { bracket, .. } => Some(bracket_index(p, *bracket)),
                _ => None,
            },
            set: |p, l, i| {
                let rate = bracket_at(p, i)?;
                match p.strategies.get_mut(l.0)?.kind_mut() {
                    StrategySpec::BracketFill { bracket, .. }
                    | StrategySpec::RothConversion { bracket, .. } => {
                        *bracket = rate;
                        Some(())
                    }
                    _ => None,
                }
            },
        },
        "tax-deferred draws (and conversions) up to the top of this bracket",
    ),
    field(
        G::Strategy,
        "Or to taxable income",
        "strategies[].taxable_income",
        K::MaybeMoney,
        strategy!(MaybeDecimal, BracketFill, taxable_income),
        "fill to this taxable income (today's $) instead of a bracket top",
    )
    .within(money_bounds),
    field(
        G::Strategy,
        "Fill beyond the need",
        "strategies[].draw_beyond_need",
        K::Toggle,
        strategy!(Toggle, BracketFill, draw_beyond_need),
        "draw to the bracket top even when the year needs less, reinvesting the rest in a \
         taxable account at full basis",
    ),
    field(
        G::Strategy,
        "Yearly cap (today)",
        "strategies[].yearly_cap",
        K::MaybeMoney,
        strategy!(MaybeDecimal, RothConversion, yearly_cap),
        "the most to convert in one year, in today's dollars (blank: no cap)",
    )
    .within(money_bounds),
    field(
        G::Strategy,
        "Stop below IRMAA",
        "strategies[].irmaa_aware",
        K::Toggle,
        strategy!(Toggle, RothConversion, irmaa_aware),
        "stop a conversion before it pushes income into the next IRMAA tier",
    ),
    field(
        G::Strategy,
        "Stop below ACA limit",
        "strategies[].aca_aware",
        K::Toggle,
        Access::Toggle {
            get: |p, l| match p.strategies.get(l.0)?.kind() {
                StrategySpec::RothConversion { aca_aware, .. }
                | StrategySpec::BracketFill { aca_aware, .. }
                | StrategySpec::ZeroGains { aca_aware, .. } => Some(*aca_aware),
                _ => None,
            },
            set: |p, l, v| match p.strategies.get_mut(l.0)?.kind_mut() {
                StrategySpec::RothConversion { aca_aware, .. }
                | StrategySpec::BracketFill { aca_aware, .. }
                | StrategySpec::ZeroGains { aca_aware, .. } => {
                    *aca_aware = v;
                    Some(())
                }
                _ => None,
            },
        },
        "stop tax-deferred draws, conversions, sales and harvests before income passes 400% of \
         the poverty line, where the Marketplace premium credit ends",
    ),
    field(
        G::Strategy,
        "Stop at RMDs",
        "strategies[].stop_at_rmd",
        K::Toggle,
        strategy!(Toggle, RothConversion, stop_at_rmd),
        "stop converting once required minimum distributions start",
    ),
    field(
        G::Strategy,
        "For years",
        "strategies[].years",
        K::MaybeCount,
        Access::MaybeInt {
            get: |p, l| match p.strategies.get(l.0)?.kind() {
                StrategySpec::RothConversion { years, .. } => Some(years.map(i64::from)),
                _ => None,
            },
            set: |p, l, v| {
                let v = match v {
                    Some(n) => Some(u32::try_from(n).ok()?),
                    None => None,
                };
                match p.strategies.get_mut(l.0)?.kind_mut() {
                    StrategySpec::RothConversion { years, .. } => {
                        *years = v;
                        Some(())
                    }
                    _ => None,
                }
            },
        },
        "convert only in the plan's first years (blank: every year)",
    )
    .within(|_, _| (Decimal::ZERO, d(100))),
    field(
        G::Strategy,
        "After a fall of",
        "strategies[].after_fall.drop",
        K::MaybeRate,
        Access::MaybeDecimal {
            get: |p, l| match p.strategies.get(l.0)?.kind() {
                StrategySpec::RothConversion { after_fall, .. } => Some(after_fall.map(|f| f.drop)),
                _ => None,
            },
            set: |p, l, v| match p.strategies.get_mut(l.0)?.kind_mut() {
                StrategySpec::RothConversion { after_fall, .. } => {
                    *after_fall = v.map(|drop| AfterFall {
                        drop,
                        bracket: after_fall.map_or(dec!(0.24), |f| f.bracket),
                    });
                    Some(())
                }
                _ => None,
            },
        },
        "convert more in a year after the portfolio lost more than this (blank: never)",
    )
    .within(|_, _| (dec!(0.01), dec!(0.99))),
    field(
        G::Strategy,
        "  then fill",
        "strategies[].after_fall.bracket",
        K::Choice,
        Access::Choice {
            options: bracket_options,
            get: |p, l| match p.strategies.get(l.0)?.kind() {
                StrategySpec::RothConversion {
                    after_fall: Some(f),
                    ..
                } => Some(bracket_index(p, f.bracket)),
                _ => None,
            },
            set: |p, l, i| {
                let rate = bracket_at(p, i)?;
                match p.strategies.get_mut(l.0)?.kind_mut() {
                    StrategySpec::RothConversion {
                        after_fall: Some(f),
                        ..
                    } => {
                        f.bracket = rate;
                        Some(())
                    }
                    _ => None,
                }
            },
        },
        "the bracket to convert to in a year after a fall",
    ),
    field(
        G::Strategy,
        "Harvest gains",
        "strategies[].harvest",
        K::Toggle,
        strategy!(Toggle, ZeroGains, harvest),
        "sell and rebuy to realise gains tax-free up to the 0% band's top",
    ),
    field(
        G::Strategy,
        "Maximise",
        "strategies[].objective",
        K::Choice,
        Access::Choice {
            options: |_, _| vec!["the estate".into(), "spending".into()],
            get: |p, l| match p.strategies.get(l.0)?.kind() {
                StrategySpec::Optimized { objective } => {
                    Some(usize::from(matches!(objective, Objective::Spending { .. })))
                }
                _ => None,
            },
            set: |p, l, i| match p.strategies.get_mut(l.0)?.kind_mut() {
                StrategySpec::Optimized { objective } => {
                    *objective = if i == 0 {
                        Objective::Estate
                    } else {
                        Objective::Spending {
                            min_estate: Decimal::ZERO,
                        }
                    };
                    Some(())
                }
                _ => None,
            },
        },
        "the after-tax estate with the plan's spending, or the most spending that lasts",
    ),
    field(
        G::Strategy,
        "Keep an estate of",
        "strategies[].objective.min_estate",
        K::Money,
        Access::Decimal {
            get: |p, l| match p.strategies.get(l.0)?.kind() {
                StrategySpec::Optimized {
                    objective: Objective::Spending { min_estate },
                } => Some(*min_estate),
                _ => None,
            },
            set: |p, l, v| match p.strategies.get_mut(l.0)?.kind_mut() {
                StrategySpec::Optimized {
                    objective: Objective::Spending { min_estate },
                } => {
                    *min_estate = v;
                    Some(())
                }
                _ => None,
            },
        },
        "the least after-tax estate to leave, in today's dollars",
    )
    .within(money_bounds),
    field(
        G::Step,
        "Draw from",
        "strategies[].steps[].source",
        K::Choice,
        Access::Choice {
            options: |_, _| SOURCES.iter().map(|s| s.label().to_string()).collect(),
            get: |p, l| {
                let source = step(p, l)?.source;
                SOURCES.iter().position(|s| *s == source)
            },
            set: |p, l, i| {
                let s = step_mut(p, l)?;
                s.source = *SOURCES.get(i)?;
                if s.source != Source::Deferred && matches!(s.cap, Some(StepCap::Bracket(_))) {
                    s.cap = None;
                }
                Some(())
            },
        },
        "the kind of account this step draws from",
    )
    .noted(|_, l, _| Some(format!("step {}", l.1 + 1))),
    field(
        G::Step,
        "  up to",
        "strategies[].steps[].cap",
        K::Choice,
        Access::Choice {
            options: |p, l| {
                let mut o = vec!["all of it".to_string(), "a yearly amount".to_string()];
                if step(p, l).is_some_and(|s| s.source == Source::Deferred) {
                    o.push("a bracket top".into());
                }
                o
            },
            get: |p, l| {
                Some(match step(p, l)?.cap {
                    None => 0,
                    Some(StepCap::Amount(_)) => 1,
                    Some(StepCap::Bracket(_)) => 2,
                })
            },
            set: |p, l, i| {
                let s = step_mut(p, l)?;
                s.cap = match i {
                    0 => None,
                    1 => Some(StepCap::Amount(dec!(20000))),
                    _ if s.source == Source::Deferred => Some(StepCap::Bracket(dec!(0.12))),
                    _ => None,
                };
                Some(())
            },
        },
        "how far this step goes each year before the next step",
    ),
    field(
        G::Step,
        "  amount /yr",
        "strategies[].steps[].cap.amount",
        K::Money,
        Access::Decimal {
            get: |p, l| match step(p, l)?.cap {
                Some(StepCap::Amount(a)) => Some(a),
                _ => None,
            },
            set: |p, l, v| match &mut step_mut(p, l)?.cap {
                Some(StepCap::Amount(a)) => {
                    *a = v;
                    Some(())
                }
                _ => None,
            },
        },
        "the most this step draws in a year, in today's dollars",
    )
    .within(money_bounds),
    field(
        G::Step,
        "  bracket top",
        "strategies[].steps[].cap.bracket",
        K::Choice,
        Access::Choice {
            options: bracket_options,
            get: |p, l| match step(p, l)?.cap {
                Some(StepCap::Bracket(b)) => Some(bracket_index(p, b)),
                _ => None,
            },
            set: |p, l, i| {
                let rate = bracket_at(p, i)?;
                match &mut step_mut(p, l)?.cap {
                    Some(StepCap::Bracket(b)) => {
                        *b = rate;
                        Some(())
                    }
                    _ => None,
                }
            },
        },
        "tax-deferred draws up to the top of this bracket",
    ),
    field(
        G::ScheduleYear,
        "Year",
        "strategies[].rows[].year",
        K::Year,
        Access::Int {
            get: |p, l| Some(i64::from(schedule_row(p, l)?.year)),
            set: |p, l, v| {
                schedule_row_mut(p, l)?.year = v.try_into().ok()?;
                Some(())
            },
        },
        "a year of the schedule (years it does not list convert nothing; the need comes from cash, taxable, tax-deferred, then Roth)",
    )
    .within(|_, _| (d(1900), d(2300))),
    field(
        G::ScheduleYear,
        "  convert to Roth",
        "strategies[].rows[].roth_conversion",
        K::Money,
        Access::Decimal {
            get: |p, l| Some(schedule_row(p, l)?.roth_conversion),
            set: |p, l, v| {
                schedule_row_mut(p, l)?.roth_conversion = v;
                Some(())
            },
        },
        "the Roth conversion this year, in dollars of the year",
    )
    .within(money_bounds),
    field(
        G::ScheduleYear,
        "  from tax-deferred",
        "strategies[].rows[].deferred",
        K::Money,
        Access::Decimal {
            get: |p, l| Some(schedule_row(p, l)?.deferred),
            set: |p, l, v| {
                schedule_row_mut(p, l)?.deferred = v;
                Some(())
            },
        },
        "the most drawn from tax-deferred accounts this year (dollars of the year); the need beyond the schedule comes from cash, taxable, tax-deferred, then Roth",
    )
    .within(money_bounds),
    field(
        G::ScheduleYear,
        "  from taxable",
        "strategies[].rows[].taxable",
        K::Money,
        Access::Decimal {
            get: |p, l| Some(schedule_row(p, l)?.taxable),
            set: |p, l, v| {
                schedule_row_mut(p, l)?.taxable = v;
                Some(())
            },
        },
        "the most drawn from taxable accounts this year (dollars of the year)",
    )
    .within(money_bounds),
    field(
        G::ScheduleYear,
        "  from Roth",
        "strategies[].rows[].roth",
        K::Money,
        Access::Decimal {
            get: |p, l| Some(schedule_row(p, l)?.roth),
            set: |p, l, v| {
                schedule_row_mut(p, l)?.roth = v;
                Some(())
            },
        },
        "the most drawn from Roth accounts this year (dollars of the year)",
    )
    .within(money_bounds),
    field(
        G::ScheduleYear,
        "  from cash",
        "strategies[].rows[].cash",
        K::Money,
        Access::Decimal {
            get: |p, l| Some(schedule_row(p, l)?.cash),
            set: |p, l, v| {
                schedule_row_mut(p, l)?.cash = v;
                Some(())
            },
        },
        "the most drawn from cash this year (dollars of the year)",
    )
    .within(money_bounds),
];
