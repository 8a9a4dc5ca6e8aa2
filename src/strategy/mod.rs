//! Withdrawal and conversion policies: one file per strategy, each implementing the engine's
//! [`Strategy`] (re-exported here with [`Decision`] and [`Funding`]).
//!
//! Every year the engine takes the RMDs, then asks the strategy for a [`Decision`]: how much to
//! convert to Roth, which gains to harvest, and the order (with optional caps) in which accounts
//! fund the rest of the need. The engine then solves for the draws that meet the need exactly
//! after the taxes they cause.

mod aca;
mod bracket_fill;
mod custom_order;
mod heir_aware;
mod landing;
mod naming;
mod orders;
mod proportional;
mod roth_conversion;
mod scheduled;
mod spec;
mod targets;
mod zero_gains;

pub use bracket_fill::BracketFill;
pub use custom_order::CustomOrder;
pub use heir_aware::HeirAware;
pub use naming::unique_names;
pub use orders::FixedOrder;
pub use proportional::Proportional;
pub use roth_conversion::RothConversion;
pub use scheduled::{
    CSV_HEADER, FALLBACK, MAX_SCHEDULE_ROWS, ScheduleCsvError, ScheduleRow, Scheduled,
    grown_to_year_dollars, parse_schedule_csv, parse_schedule_csv_for,
};
pub use spec::{
    AfterFall, MAX_LABEL, MAX_ORDER_STEPS, Objective, OrderStep, StepCap, StrategySpec,
    bracket_label,
};
pub use targets::{BracketTargets, POLICY_LABEL, Position, TargetYear, capped_order};
pub use zero_gains::ZeroGains;

pub use crate::engine::{Decision, FUNDING_STEPS, Funding, Limit, Note, Source, Step, Strategy};
use rust_decimal::Decimal;

// A custom order's steps and the four sources after them fit the engine's funding order.
const _: () = assert!(spec::MAX_ORDER_STEPS + 4 == FUNDING_STEPS);

/// The policy a spec describes, named by the spec.
pub fn build(spec: &StrategySpec) -> Box<dyn Strategy> {
    build_named(spec, spec.name())
}

/// The policy a spec describes, under `name`.
pub fn build_named(spec: &StrategySpec, name: String) -> Box<dyn Strategy> {
    match spec {
        StrategySpec::Labeled { strategy, .. } => build_named(strategy, name),
        StrategySpec::CustomOrder { steps } => Box::new(CustomOrder {
            name,
            steps: steps.clone(),
        }),
        StrategySpec::Conventional => Box::new(FixedOrder::new(
            name,
            &[
                Source::Cash,
                Source::Taxable,
                Source::Deferred,
                Source::Roth,
            ],
        )),
        StrategySpec::DeferredFirst => Box::new(FixedOrder::new(
            name,
            &[
                Source::Deferred,
                Source::Cash,
                Source::Taxable,
                Source::Roth,
            ],
        )),
        StrategySpec::RothBeforeDeferred => Box::new(FixedOrder::new(
            name,
            &[
                Source::Cash,
                Source::Taxable,
                Source::Roth,
                Source::Deferred,
            ],
        )),
        StrategySpec::Proportional => Box::new(Proportional { name }),
        StrategySpec::BracketFill {
            bracket,
            taxable_income,
            aca_aware,
            draw_beyond_need,
        } => Box::new(BracketFill {
            name,
            bracket: *bracket,
            taxable_income: *taxable_income,
            aca_aware: *aca_aware,
            draw_beyond_need: *draw_beyond_need,
        }),
        StrategySpec::RothConversion {
            bracket,
            yearly_cap,
            irmaa_aware,
            aca_aware,
            stop_at_rmd,
            years,
            after_fall,
        } => Box::new(RothConversion {
            name,
            bracket: *bracket,
            yearly_cap: *yearly_cap,
            irmaa_aware: *irmaa_aware,
            aca_aware: *aca_aware,
            stop_at_rmd: *stop_at_rmd,
            years: *years,
            after_fall: *after_fall,
        }),
        StrategySpec::ZeroGains { harvest, aca_aware } => Box::new(ZeroGains {
            name,
            harvest: *harvest,
            aca_aware: *aca_aware,
        }),
        StrategySpec::HeirAware => Box::new(HeirAware { name }),
        StrategySpec::Schedule { rows } => Box::new(Scheduled {
            name,
            rows: rows.clone(),
        }),
        // The optimized strategy is a yearly schedule found by `crate::optimize`, not a policy a
        // spec can build. Where only a policy will do (a simulation), it stands in as the
        // integrated heuristic it most often starts from: fill 12%, convert, IRMAA-aware.
        StrategySpec::Optimized { .. } => Box::new(RothConversion {
            name,
            bracket: Decimal::new(12, 2),
            yearly_cap: None,
            irmaa_aware: true,
            aca_aware: true,
            stop_at_rmd: false,
            years: None,
            after_fall: None,
        }),
    }
}

/// A decision whose funding keeps Roth money under the five-year rule (conversions of the last
/// five years whose owner is under 59½, which bear the 10% when drawn) for when nothing else is
/// left: each Roth step draws only what is free of it, and the rest comes after every other
/// source except tax-deferred money that bears the 10% itself (and income tax besides). A
/// proportional order is left alone, as are the orders a user wrote.
#[inline]
pub(crate) fn young_roth_last(
    ctx: &crate::engine::YearContext<'_, f64>,
    decision: Decision<f64>,
) -> Decision<f64> {
    // Most years have no such Roth money: inlined, the decision is not copied through a call.
    if ctx.roth_early.is_none() || matches!(decision.funding, Funding::Proportional) {
        return decision;
    }
    roth_under_five_years_last(ctx, decision)
}

/// [`young_roth_last`] for a year with such Roth money.
#[inline(never)]
fn roth_under_five_years_last(
    ctx: &crate::engine::YearContext<'_, f64>,
    decision: Decision<f64>,
) -> Decision<f64> {
    let free = ctx.roth_free(decision.convert);
    if free >= ctx.available(Source::Roth) {
        return decision;
    }
    let mut steps: Vec<Step<f64>> = decision
        .funding
        .steps()
        .map(|s| match s.source {
            Source::Roth => Step {
                source: Source::Roth,
                cap: Some(s.cap.map_or(free, |c| c.min(free))),
            },
            _ => s,
        })
        .collect();
    let rest = Step {
        source: Source::Roth,
        cap: None,
    };
    match steps.last() {
        Some(s) if ctx.early_rate > 0.0 && s.source == Source::Deferred && s.cap.is_none() => {
            steps.insert(steps.len() - 1, rest)
        }
        _ => steps.push(rest),
    }
    Decision {
        funding: Funding::ordered(&steps),
        ..decision
    }
}
