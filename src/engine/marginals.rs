//! A year's marginal rates on the next dollar of ordinary income and of long-term gain: the
//! slopes of the federal and state tax at the year's final facts, and what the Marketplace
//! premium's phase-out adds.

use super::health::Marketplace;
use super::year::YearContext;
use crate::num::{Num, round_half_away};
use crate::tax::{Direction, IncomeFacts, TaxBreakdown, compute, slope};

/// The rates of a year, to a millionth.
#[derive(Debug, Clone, Copy)]
pub(super) struct Marginals<N> {
    /// The federal tax alone on ordinary income, and on gain.
    pub federal_ordinary: N,
    pub federal_gain: N,
    /// Federal, state and premium together, on ordinary income and on gain.
    pub ordinary: N,
    pub gain: N,
    /// The premium's part of both.
    pub premium: N,
}

/// The rates at `facts` (the year's final facts, exact), measured on `f64` in the year's
/// `quick` context: taxed once for the slopes and the premium's.
pub(super) fn year_marginals<N: Num>(
    quick: &YearContext<'_, f64>,
    facts: &IncomeFacts<N>,
) -> Marginals<N> {
    let f = facts.to_f64();
    let b = compute(&quick.inputs.law, &f);
    let rates = marginal_rates(quick, &f, &b);
    let premium = premium_slope(quick, &f, &b);
    let rate = |r: f64| N::from_f64(round_half_away(r * 1e6) / 1e6);
    Marginals {
        federal_ordinary: rate(rates[0]),
        federal_gain: rate(rates[1]),
        ordinary: rate(rates[0] + rates[2] + premium),
        gain: rate(rates[1] + rates[3] + premium),
        premium: rate(premium),
    }
}

/// Federal on ordinary income, federal on gain, state on ordinary, state on gain: the slopes of
/// the tax at the year's final facts.
fn marginal_rates(
    quick: &YearContext<'_, f64>,
    f: &IncomeFacts<f64>,
    b: &TaxBreakdown<f64>,
) -> [f64; 4] {
    let law = &quick.inputs.law;
    let mut out = [0.0; 4];
    for (i, dir) in [Direction::ordinary(), Direction::gain()]
        .into_iter()
        .enumerate()
    {
        let s = slope(law, f, b, dir);
        out[i] = s.total;
        out[2 + i] = quick.inputs.state.slope(f, b, &s, dir, &quick.owners).0;
    }
    out
}

/// How much of each further dollar of MAGI the net Marketplace premium takes (the credit's
/// phase-out), short of a cliff. The law steps the expected contribution at each whole percent of
/// the poverty line, so the rate is the average over the next $1,000 (or up to the next cliff).
fn premium_slope(quick: &YearContext<'_, f64>, f: &IncomeFacts<f64>, b: &TaxBreakdown<f64>) -> f64 {
    let Some(m) = &quick.inputs.health.marketplace else {
        return 0.0;
    };
    let magi = Marketplace::magi(f, b);
    let next_cliff = m.cliffs.iter().copied().find(|c| *c >= magi);
    let span = next_cliff.map_or(1000.0, |c| (c - magi).min(1000.0));
    if span < 1.0 {
        return 0.0;
    }
    (m.credit(magi + span).net_premium - m.credit(magi).net_premium) / span
}
