//! The market-risk fields of the Spending & assumptions pane: which paths, how many.

use super::*;
use crate::tui::form::groups::Group as G;
use crate::tui::form::spec::Kind as K;

/// The modes that draw from history (and so from its window or a returns file).
fn history_mode(p: &Plan) -> bool {
    matches!(
        p.assumptions.simulation.mode,
        PathMode::Historical | PathMode::Bootstrap { .. }
    )
}

/// Whether the simulation draws paths of its own (and so has a count and a seed): bootstrap and
/// Monte Carlo, and constant returns with sampled lifetimes.
fn drawn(p: &Plan) -> bool {
    let s = &p.assumptions.simulation;
    match s.mode {
        PathMode::Bootstrap { .. } | PathMode::MonteCarlo { .. } => true,
        PathMode::Constant => s.lifetimes == Lifetimes::Sampled,
        PathMode::Historical => false,
    }
}

pub(super) static FIELDS: &[FieldSpec] = &[
    field(
        G::Market,
        "Market paths",
        "assumptions.simulation.mode",
        K::Choice,
        Access::Choice {
            options: |_, _| {
                ["constant", "historical", "bootstrap", "Monte Carlo"]
                    .map(String::from)
                    .to_vec()
            },
            get: |p, _| {
                Some(match p.assumptions.simulation.mode {
                    PathMode::Constant => 0,
                    PathMode::Historical => 1,
                    PathMode::Bootstrap { .. } => 2,
                    PathMode::MonteCarlo { .. } => 3,
                })
            },
            set: |p, _, i| {
                p.assumptions.simulation.mode = match i {
                    0 => PathMode::Constant,
                    1 => PathMode::Historical,
                    2 => PathMode::bootstrap_default(),
                    _ => PathMode::monte_carlo_default(),
                };
                Some(())
            },
        },
        "the market paths every strategy is also run on, for success rates",
    ),
    field(
        G::Market,
        "  lifetimes",
        "assumptions.simulation.lifetimes",
        K::Choice,
        Access::Choice {
            options: |_, _| ["planning ages", "sampled"].map(String::from).to_vec(),
            get: |p, _| {
                Some(match p.assumptions.simulation.lifetimes {
                    Lifetimes::PlanningAges => 0,
                    Lifetimes::Sampled => 1,
                })
            },
            set: |p, _, i| {
                p.assumptions.simulation.lifetimes = match i {
                    0 => Lifetimes::PlanningAges,
                    _ => Lifetimes::Sampled,
                };
                Some(())
            },
        },
        "each path: everyone lives to the planning age, or dies in a year drawn from the SSA life table",
    ),
    field(
        G::Market,
        "  paths",
        "assumptions.simulation.paths",
        K::Count,
        Access::Int {
            get: |p, _| drawn(p).then(|| i64::from(p.assumptions.simulation.paths)),
            set: |p, _, v| {
                p.assumptions.simulation.paths = v.try_into().ok()?;
                Some(())
            },
        },
        "how many random paths to draw",
    )
    .within(|_, _| (d(1), d(100_000))),
    field(
        G::Market,
        "  block years",
        "assumptions.simulation.mode.block_years",
        K::Count,
        Access::Int {
            get: |p, _| match p.assumptions.simulation.mode {
                PathMode::Bootstrap { block_years } => Some(i64::from(block_years)),
                _ => None,
            },
            set: |p, _, v| match &mut p.assumptions.simulation.mode {
                PathMode::Bootstrap { block_years } => {
                    *block_years = v.try_into().ok()?;
                    Some(())
                }
                _ => None,
            },
        },
        "runs of consecutive historical years drawn together",
    )
    .within(|_, _| (d(1), d(30))),
    field(
        G::Market,
        "  history from",
        "assumptions.simulation.from",
        K::MaybeCount,
        Access::MaybeInt {
            get: |p, _| history_mode(p).then(|| p.assumptions.simulation.from.map(i64::from)),
            set: |p, _, v| {
                p.assumptions.simulation.from = v.map(i32::try_from).transpose().ok()?;
                Some(())
            },
        },
        "the first year of history drawn from (blank: the data's first)",
    )
    .within(|p, _| {
        (
            d(1800),
            d(p.assumptions.simulation.to.map_or(2300, i64::from)),
        )
    }),
    field(
        G::Market,
        "  history to",
        "assumptions.simulation.to",
        K::MaybeCount,
        Access::MaybeInt {
            get: |p, _| history_mode(p).then(|| p.assumptions.simulation.to.map(i64::from)),
            set: |p, _, v| {
                p.assumptions.simulation.to = v.map(i32::try_from).transpose().ok()?;
                Some(())
            },
        },
        "the last year of history; historical paths loop back to the first after it",
    )
    .within(|p, _| {
        (
            d(p.assumptions.simulation.from.map_or(1800, i64::from)),
            d(2300),
        )
    }),
    field(
        G::Market,
        "  returns file",
        "assumptions.simulation.returns_file",
        K::Text,
        Access::Text {
            get: |p, _| {
                history_mode(p).then(|| {
                    p.assumptions
                        .simulation
                        .returns_file
                        .clone()
                        .unwrap_or_default()
                })
            },
            set: |p, _, v| {
                let v = v.trim();
                p.assumptions.simulation.returns_file = (!v.is_empty()).then(|| v.to_string());
                Some(())
            },
        },
        "a CSV of year,stocks,bonds,cash,inflation to use instead of US history (blank: US)",
    ),
    field(
        G::Market,
        "  stocks mean",
        "assumptions.simulation.mode.stocks_mean",
        K::Rate,
        mc!(0),
        "the average yearly stock return",
    ),
    field(
        G::Market,
        "  stocks volatility",
        "assumptions.simulation.mode.stocks_vol",
        K::Rate,
        mc!(1),
        "the standard deviation of yearly stock returns",
    ),
    field(
        G::Market,
        "  bonds mean",
        "assumptions.simulation.mode.bonds_mean",
        K::Rate,
        mc!(2),
        "the average yearly bond return",
    ),
    field(
        G::Market,
        "  bonds volatility",
        "assumptions.simulation.mode.bonds_vol",
        K::Rate,
        mc!(3),
        "the standard deviation of yearly bond returns",
    ),
    field(
        G::Market,
        "  correlation",
        "assumptions.simulation.mode.correlation",
        K::Number,
        mc!(4),
        "how stock and bond returns move together, from -1 to 1",
    )
    .within(|_, _| (d(-1), d(1))),
    field(
        G::Market,
        "  inflation mean",
        "assumptions.simulation.mode.inflation_mean",
        K::Rate,
        mc!(5),
        "the average yearly inflation",
    ),
    field(
        G::Market,
        "  inflation spread",
        "assumptions.simulation.mode.inflation_vol",
        K::Rate,
        mc!(6),
        "the standard deviation of yearly inflation",
    ),
    field(
        G::Market,
        "  seed",
        "assumptions.simulation.seed",
        K::Count,
        Access::Int {
            get: |p, _| {
                (drawn(p) || p.assumptions.simulation.lifetimes == Lifetimes::Sampled)
                    .then(|| i64::try_from(p.assumptions.simulation.seed).ok())
                    .flatten()
            },
            set: |p, _, v| {
                p.assumptions.simulation.seed = v.try_into().ok()?;
                Some(())
            },
        },
        "the same seed draws the same paths on every run",
    )
    .within(|_, _| (Decimal::ZERO, Decimal::from(i64::MAX))),
];
