//! The tax of one year walked along a direction, edge to edge.
//!
//! The tax is piecewise linear in any one kind of income, so the marginal rate is constant
//! between the edges `slope` names (bracket tops, Social Security thresholds, gain ceilings, the
//! senior phase-out, NIIT). Walking from edge to edge gives the whole marginal-rate curve exactly,
//! with no sampling: the optimizer snaps its candidate amounts to these edges, and the
//! marginal-rate view draws them.

use crate::tax::{
    Direction, Edge, Filing, IncomeFacts, Irmaa, Owners, StateYear, TaxLaw, compute, slope,
};

/// A stretch of added income over which every marginal rate is constant.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    /// Income added along the direction where the stretch starts and ends.
    pub start: f64,
    pub end: f64,
    /// Federal tax per added dollar.
    pub federal: f64,
    /// State tax per added dollar.
    pub state: f64,
    /// MAGI (what Medicare's IRMAA looks at) per added dollar.
    pub magi_rate: f64,
    /// MAGI where the stretch starts.
    pub magi_start: f64,
    /// Social Security benefits made taxable per added dollar (0.5 or 0.85 in the torpedo).
    pub taxable_ss: f64,
    /// Net investment income tax per added dollar.
    pub niit: f64,
    /// Ordinary bracket rate the added dollars fall in.
    pub bracket_rate: f64,
    /// The edge where the stretch starts; `None` for the first.
    pub edge: Option<Edge>,
}

/// A stretch shorter than this is a floating-point sliver at an edge, not a stretch.
const SLIVER: f64 = 0.005;
/// Enough for every edge of the law many times over; a guard against a loop that cannot end.
const MAX_STEPS: usize = 96;

/// `facts` with `by` dollars more along `dir`.
pub fn moved(facts: &IncomeFacts<f64>, dir: Direction<f64>, by: f64) -> IncomeFacts<f64> {
    let mut f = *facts;
    f.ira_distributions += dir.ordinary * by;
    f.long_term_gains += dir.gain * by;
    f
}

/// The stretches from `facts` to `max` dollars added along `dir`, in order.
pub fn walk(
    law: &TaxLaw<f64>,
    state: &StateYear<f64>,
    owners: &Owners<f64>,
    facts: &IncomeFacts<f64>,
    dir: Direction<f64>,
    max: f64,
) -> Vec<Segment> {
    let mut out = Vec::new();
    if !max.is_finite() || max <= 0.0 {
        return out;
    }
    let mut x = 0.0;
    let mut edge = None;
    let mut f = *facts;
    for _ in 0..MAX_STEPS {
        if x >= max {
            break;
        }
        let b = compute(law, &f);
        let s = slope(law, &f, &b, dir);
        let (state_rate, state_edge) = state.slope(&f, &b, &s, dir, owners);
        let mut next = s.next_edge;
        if let Some((d, e)) = state_edge
            && next.is_none_or(|(n, _)| d < n)
        {
            next = Some((d, e));
        }
        let length = next.map_or(max - x, |(d, _)| d);
        if length < SLIVER {
            // Landed a hair short of the edge just reached: step over it without a stretch.
            x = (x + 0.01).min(max);
            f = moved(facts, dir, x);
            if let Some(last) = out.last_mut() {
                last.end = x;
            }
            continue;
        }
        let end = (x + length).min(max);
        out.push(Segment {
            // A sliver skipped at the very start still belongs to the first stretch.
            start: out.last().map_or(0.0, |l: &Segment| l.end),
            end,
            federal: s.total,
            state: state_rate,
            magi_rate: s.agi,
            magi_start: b.magi,
            taxable_ss: s.taxable_social_security,
            niit: s.niit,
            bracket_rate: next_bracket_rate(law, &f, b.ordinary_taxable_income, &s),
            edge,
        });
        // Moving from the start each time keeps rounding from piling up over many edges.
        x = end;
        f = moved(facts, dir, x);
        edge = next.map(|(_, e)| e);
    }
    out
}

/// The rate of the ordinary bracket the next added dollar falls in; 0 while the deductions
/// still cover it (no ordinary taxable income is added).
fn next_bracket_rate(
    law: &TaxLaw<f64>,
    f: &IncomeFacts<f64>,
    ordinary_taxable: f64,
    s: &crate::tax::Slope<f64>,
) -> f64 {
    if s.ordinary_taxable_income <= 0.0 {
        return 0.0;
    }
    let tops = &law.brackets[f.filing.index()];
    let i = tops
        .iter()
        .take_while(|top| ordinary_taxable >= **top)
        .count();
    law.rates[i.min(6)]
}

/// A Medicare cliff crossed along a walk.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cliff {
    /// Added income at which MAGI reaches the tier's ceiling: one dollar more crosses it.
    pub at: f64,
    /// The tier beyond the cliff.
    pub tier: u8,
    /// The yearly surcharge per enrolled person beyond the cliff less the one before it.
    pub step_per_person: f64,
}

/// The IRMAA cliffs the walk's MAGI crosses, in order.
pub fn irmaa_cliffs(segments: &[Segment], irmaa: &Irmaa<f64>, filing: Filing) -> Vec<Cliff> {
    let mut out = Vec::new();
    for s in segments {
        if s.magi_rate <= 0.0 {
            continue;
        }
        let magi_end = s.magi_start + s.magi_rate * (s.end - s.start);
        let mut magi = s.magi_start;
        for _ in 0..6 {
            let before = irmaa.tier(filing, magi);
            let Some(ceiling) = irmaa.tier_ceiling(filing, magi) else {
                break;
            };
            if ceiling >= magi_end {
                break;
            }
            let beyond = ceiling + 0.01;
            let tier = irmaa.tier(filing, beyond);
            if tier > before {
                let surcharge = |t: u8| irmaa.annual_surcharge[usize::from(t).min(5)];
                out.push(Cliff {
                    at: s.start + ((ceiling - s.magi_start) / s.magi_rate).max(0.0),
                    tier,
                    step_per_person: surcharge(tier) - surcharge(before),
                });
            }
            magi = beyond;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tax::{TaxLaw, tables::LawTables};
    use rust_decimal::Decimal;

    fn law() -> TaxLaw<f64> {
        TaxLaw::for_year(2026).unwrap().to_f64()
    }

    fn retiree(ss: f64) -> IncomeFacts<f64> {
        IncomeFacts {
            filing: Filing::Single,
            age_head: 70,
            social_security: ss,
            ..Default::default()
        }
    }

    #[test]
    fn walk_is_the_tax_itself_between_edges() {
        let law = law();
        let state = StateYear::<f64>::default();
        let f = retiree(30_000.0);
        let segs = walk(
            &law,
            &state,
            &Owners::default(),
            &f,
            Direction::ordinary(),
            300_000.0,
        );
        assert!(segs.len() > 5);
        let tax = |x: f64| compute(&law, &moved(&f, Direction::ordinary(), x)).total;
        for s in &segs {
            let (a, b) = (
                s.start + 0.25 * (s.end - s.start),
                s.start + 0.75 * (s.end - s.start),
            );
            let rate = (tax(b) - tax(a)) / (b - a);
            assert!((rate - s.federal).abs() < 1e-6, "{s:?}: {rate}");
        }
        assert_eq!(segs.last().unwrap().end, 300_000.0);
        for w in segs.windows(2) {
            assert_eq!(w[0].end, w[1].start);
        }
    }

    #[test]
    fn cliffs_sit_where_magi_reaches_the_tier_ceiling() {
        let law = law();
        let irmaa = Irmaa::for_year(LawTables::get().unwrap(), 2028, Decimal::ONE)
            .unwrap()
            .to_f64();
        let state = StateYear::<f64>::default();
        let f = retiree(30_000.0);
        let segs = walk(
            &law,
            &state,
            &Owners::default(),
            &f,
            Direction::ordinary(),
            300_000.0,
        );
        let cliffs = irmaa_cliffs(&segs, &irmaa, Filing::Single);
        assert!(!cliffs.is_empty());
        for c in &cliffs {
            let magi = compute(&law, &moved(&f, Direction::ordinary(), c.at)).magi;
            assert_eq!(irmaa.tier(Filing::Single, magi), c.tier - 1, "{c:?}");
            let over = compute(&law, &moved(&f, Direction::ordinary(), c.at + 1.0)).magi;
            assert_eq!(irmaa.tier(Filing::Single, over), c.tier, "{c:?}");
            assert!(c.step_per_person > 0.0);
        }
    }
}
