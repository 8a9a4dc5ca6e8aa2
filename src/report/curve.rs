//! The marginal-rate curve of a year: the federal (and state) tax on each extra dollar of IRA
//! income from $0 to a ceiling, with Medicare's IRMAA cliffs and the Marketplace credit's cliffs
//! as steps. Exact: the curve is the
//! tax's own piecewise-constant slope, walked edge to edge, so the Social Security torpedo and
//! every cliff show where they are. Pure data; the planner draws it.

use super::why::row_facts;
use crate::engine::{YearInputs, YearRow};
use crate::optimize::edges::{Cliff, irmaa_cliffs, walk};
use crate::tax::{Direction, Edge, IncomeFacts, Irmaa, Owners, StateYear, TaxLaw};
use rust_decimal::Decimal;

/// How far the planner's curve reaches: extra IRA income from $0 to this.
pub const CURVE_MAX: f64 = 300_000.0;

/// Where the curve changes: from `extra` to the next point's (or the curve's end) the rates are
/// constant.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CurvePoint {
    /// Extra IRA income where this stretch starts.
    pub extra: f64,
    /// Federal tax on each extra dollar here.
    pub federal_marginal: f64,
    pub state_marginal: f64,
    /// The ordinary bracket rate these dollars fall in (0 while the deductions cover them): the
    /// federal rate above it is the torpedo, the senior phase-out or NIIT at work.
    pub bracket_rate: f64,
    /// Benefits made taxable per extra dollar (0.5 or 0.85 in the torpedo).
    pub taxable_ss: f64,
    /// The IRMAA surcharge added here, yearly, for everyone enrolled: non-zero at a cliff.
    pub irmaa_step: f64,
    /// The IRMAA tier from here on.
    pub irmaa_tier: u8,
    /// The yearly Marketplace premium the next dollar adds here: non-zero at a cliff of the
    /// premium tax credit (the whole credit at the 400% line, or the premium at Medicaid's
    /// limit).
    pub aca_step: f64,
    /// The tax edge where this stretch starts (none at $0 and at an IRMAA cliff).
    pub edge: Option<Edge>,
}

/// The curve from `facts` (a year's income as taxed) as IRA income is added up to `max_extra`.
/// `irmaa_ahead` is the tier table the year's MAGI sets (two years on); `enrolled` how many
/// people will pay it.
pub fn marginal_curve(
    law: &TaxLaw<f64>,
    state: &StateYear<f64>,
    owners: &Owners<f64>,
    facts: &IncomeFacts<f64>,
    irmaa_ahead: &Irmaa<f64>,
    enrolled: u32,
    max_extra: f64,
) -> Vec<CurvePoint> {
    let segments = walk(law, state, owners, facts, Direction::ordinary(), max_extra);
    let cliffs: Vec<Cliff> = if enrolled > 0 {
        irmaa_cliffs(&segments, irmaa_ahead, facts.filing)
    } else {
        Vec::new()
    };
    let people = f64::from(enrolled);
    let mut tier = segments
        .first()
        .map_or(0, |s| irmaa_ahead.tier(facts.filing, s.magi_start));
    let mut out = Vec::with_capacity(segments.len() + cliffs.len());
    let mut pending = cliffs.iter().peekable();
    for s in &segments {
        let point = |extra: f64, edge: Option<Edge>, step: f64, tier: u8| CurvePoint {
            extra,
            federal_marginal: s.federal,
            state_marginal: s.state,
            bracket_rate: s.bracket_rate,
            taxable_ss: s.taxable_ss,
            irmaa_step: step,
            irmaa_tier: tier,
            aca_step: 0.0,
            edge,
        };
        out.push(point(s.start, s.edge, 0.0, tier));
        while let Some(c) = pending.next_if(|c| c.at < s.end) {
            tier = c.tier;
            let step = c.step_per_person * people;
            // A cliff exactly at a stretch's start marks that point rather than adding one.
            match out.last_mut() {
                Some(last) if (last.extra - c.at).abs() < 0.01 => {
                    last.irmaa_step += step;
                    last.irmaa_tier = tier;
                }
                _ => out.push(point(c.at, None, step, tier)),
            }
        }
    }
    out
}

/// A ledger year's curve.
pub fn year_curve(
    row: &YearRow<Decimal>,
    inputs: &YearInputs<f64>,
    max_extra: f64,
) -> Vec<CurvePoint> {
    let enrolled = (0..2)
        .filter(|i| inputs.alive[*i] && inputs.ages[*i] + 2 >= 65)
        .count() as u32;
    let mut curve = marginal_curve(
        &inputs.law,
        &inputs.state,
        &row.owners.convert(),
        &row_facts(row, inputs),
        &inputs.irmaa_ahead,
        enrolled,
        max_extra,
    );
    aca_cliffs(&mut curve, row, inputs, max_extra);
    curve
}

/// The Marketplace credit's cliffs as steps: IRA income raises MAGI as the credit counts it
/// dollar for dollar, so a cliff at MAGI `c` is `c` less the year's MAGI along the curve.
fn aca_cliffs(
    curve: &mut Vec<CurvePoint>,
    row: &YearRow<Decimal>,
    inputs: &YearInputs<f64>,
    max_extra: f64,
) {
    let Some(m) = &inputs.health.marketplace else {
        return;
    };
    let magi = crate::num::Num::to_f64(row.aca_magi);
    for &cliff in &m.cliffs {
        let at = cliff - magi;
        if at <= 0.0 || at > max_extra {
            continue;
        }
        let step = m.credit(cliff + 0.01).net_premium - m.credit(cliff).net_premium;
        if step <= 0.0 {
            continue;
        }
        let i = curve.partition_point(|p| p.extra < at);
        match curve.get_mut(i) {
            Some(p) if (p.extra - at).abs() < 0.01 => p.aca_step += step,
            _ => {
                let Some(before) = i.checked_sub(1).and_then(|k| curve.get(k)).copied() else {
                    continue;
                };
                curve.insert(
                    i,
                    CurvePoint {
                        extra: at,
                        irmaa_step: 0.0,
                        aca_step: step,
                        edge: None,
                        ..before
                    },
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tax::{Filing, LawTables};

    fn curve(age: u32, ss: f64, ira: f64) -> Vec<CurvePoint> {
        let law = TaxLaw::for_year(2026).unwrap().to_f64();
        let irmaa = Irmaa::for_year(LawTables::get().unwrap(), 2028, Decimal::ONE)
            .unwrap()
            .to_f64();
        let facts = IncomeFacts {
            filing: Filing::Single,
            age_head: age,
            social_security: ss,
            ira_distributions: ira,
            ..Default::default()
        };
        marginal_curve(
            &law,
            &StateYear::default(),
            &Owners::default(),
            &facts,
            &irmaa,
            1,
            CURVE_MAX,
        )
    }

    #[test]
    fn the_torpedo_shows_at_one_and_a_half_and_one_point_eight_five_times_the_bracket() {
        let near = |a: f64, b: f64| (a - b).abs() < 1e-9;
        let torpedo = |c: &[CurvePoint], times: f64| {
            c.iter().any(|p| {
                p.taxable_ss > 0.0
                    && p.bracket_rate > 0.0
                    && near(p.federal_marginal, times * p.bracket_rate)
            })
        };
        // At 70 the deductions cover the 50% band; the 85% band costs 1.85 times the bracket.
        let c = curve(70, 30_000.0, 0.0);
        assert!(torpedo(&c, 1.85), "{c:#?}");
        // The torpedo ends where 85% of the benefits are taxable.
        assert!(
            c.iter()
                .any(|p| p.edge == Some(Edge::SocialSecurityCeiling))
        );
        // At 62, with smaller deductions, the 50% band is taxed too: 1.5 times the bracket.
        let c = curve(62, 30_000.0, 0.0);
        assert!(torpedo(&c, 1.5), "{c:#?}");
        assert!(torpedo(&c, 1.85), "{c:#?}");
    }

    #[test]
    fn points_rise_and_cliffs_are_steps() {
        let c = curve(70, 30_000.0, 20_000.0);
        assert_eq!(c[0].extra, 0.0);
        for w in c.windows(2) {
            assert!(w[0].extra < w[1].extra, "{w:?}");
        }
        let cliffs: Vec<&CurvePoint> = c.iter().filter(|p| p.irmaa_step > 0.0).collect();
        assert!(cliffs.len() >= 3, "{c:#?}");
        for w in cliffs.windows(2) {
            assert!(w[1].irmaa_tier > w[0].irmaa_tier);
        }
    }
}
