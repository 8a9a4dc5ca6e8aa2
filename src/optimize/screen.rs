//! A cheap first look at one year's trials, so that only the promising few are replayed.
//!
//! A trial that changes year `t` changes the balances the next year opens with (and, through
//! that year's MAGI, the Medicare surcharge two years on); everything after follows from them.
//! So the rest of the plan is valued by shadow prices: what a dollar more or less in each kind
//! of account at the start of year `t + 1` adds to the estate, measured by replaying the
//! incumbent from there with each balance moved by a typical trial's size. Each trial then costs
//! one year of the engine, and is ranked by its year's own books plus the priced change in the
//! balances it leaves. The ranking only chooses which trials are replayed in full: the exact
//! replay decides, as before. The prices are a secant over [`PRICE_STEP`], not a tangent, since
//! the trials move tens of thousands of dollars.

use super::awake::map_busy;
use super::schedule::{Patched, Schedule, YearPlan};
use super::score::{Score, Trail, one_year, score_from};
use crate::engine::{Balances, PathState, Scenario};
use crate::plan::AccountKind;
use crate::tax::Filing;

/// How far each balance is moved to measure its price, today's dollars.
const PRICE_STEP: f64 = 20_000.0;

/// What a nominal dollar more in each kind of account at the start of the year after the
/// screened one adds to the estate (today's dollars), around the incumbent's balances then.
#[derive(Debug, Clone)]
pub struct Prices {
    base: Balances<f64>,
    base_magi: Option<(f64, Filing)>,
    deferred: f64,
    roth: f64,
    taxable: f64,
    cash: f64,
    /// A dollar more cost basis in the taxable accounts, the balances as they are: what a
    /// harvest buys. Measured only when harvests are screened ([`Prices::measure_basis`]).
    basis: Option<f64>,
}

/// The prices at the start of year `t + 1` of `best` (whose score is `score` and whose trail is
/// known to the end), and the replays they took; `None` when they cannot be measured: the last
/// year, a plan whose money runs out (where lasting, not the estate, counts), or a kind of
/// account a trial could change that holds nothing to move (the trials are then all replayed).
pub fn prices(
    sc: &Scenario<f64>,
    best: &Schedule,
    t: usize,
    trail: &Trail,
    score: &Score,
) -> (Option<Prices>, usize) {
    let Some((base, before)) = trail.at(t + 1) else {
        return (None, 0);
    };
    if !score.lasts || t + 1 >= sc.years.len() {
        return (None, 0);
    }
    let step = PRICE_STEP * sc.years[t + 1].price_level;
    // Each moved the way trials usually move it: conversions and draws take from tax-deferred
    // money and taxable accounts and add to Roth.
    let kinds = [
        (AccountKind::Deferred, -1.0),
        (AccountKind::Roth, 1.0),
        (AccountKind::Taxable, -1.0),
        (AccountKind::Cash, -1.0),
    ];
    type Moved = ((PathState<f64>, Option<f64>), f64);
    let moved: Vec<Option<Moved>> = kinds
        .iter()
        .map(
            |(kind, toward)| match base.with_added(*kind, toward * step) {
                Some(s) => Some(((s, *before), toward * step)),
                None => base
                    .with_added(*kind, -toward * step)
                    .map(|s| ((s, *before), -toward * step)),
            },
        )
        .collect();
    let replays = moved.iter().flatten().count();
    // The four replays are independent: run side by side, gathered in order.
    let priced: Vec<Option<f64>> = map_busy(&moved, |m| {
        let (moved, by) = m.as_ref()?;
        let s = score_from(sc, best, Some(moved), None);
        (s.lasts).then(|| (s.estate - score.estate) / by)
    });
    let (deferred, roth, taxable, cash) = (priced[0], priced[1], priced[2], priced[3]);
    let b = base.balances();
    let found = (|| {
        // Without tax-deferred money no trial changes it; the cash left over is reinvested in
        // the taxable accounts, so each of the two stands in for the other when it is empty.
        let deferred = if b.deferred > 0.0 { deferred? } else { 0.0 };
        let (taxable, cash) = match (taxable, cash) {
            (Some(t), Some(c)) => (t, c),
            (Some(t), None) => (t, t),
            (None, Some(c)) => (c, c),
            (None, None) => return None,
        };
        Some(Prices {
            deferred,
            // Conversions open a Roth account when there is none: without one to move, its
            // price is unknown.
            roth: roth?,
            taxable,
            cash,
            base: b,
            base_magi: base.last_magi(),
            basis: None,
        })
    })();
    (found, replays)
}

impl Prices {
    /// Measures the price of basis at the start of year `t + 1` of `best` (whose score is
    /// `score` and whose trail is known to the end), returning the replays it took; harvests
    /// are then ranked by it ([`Prices::screens_harvests`]).
    pub fn measure_basis(
        &mut self,
        sc: &Scenario<f64>,
        best: &Schedule,
        t: usize,
        trail: &Trail,
        score: &Score,
    ) -> usize {
        let Some((base, before)) = trail.at(t + 1) else {
            return 0;
        };
        let Some(price) = sc.years.get(t + 1).map(|y| y.price_level) else {
            return 0;
        };
        let step = PRICE_STEP * price;
        let Some(moved) = base.with_basis_added(step) else {
            return 0;
        };
        let s = score_from(sc, best, Some(&(moved, *before)), None);
        if s.lasts {
            self.basis = Some((s.estate - score.estate) / step);
        }
        1
    }

    /// The basis is priced, so harvests can be ranked like the other levers.
    pub fn screens_harvests(&self) -> bool {
        self.basis.is_some()
    }

    /// The estimated change in the estate from `year` in place of the incumbent's year `t`.
    pub fn estimate(
        &self,
        sc: &Scenario<f64>,
        best: &Schedule,
        t: usize,
        year: YearPlan,
        from: &(PathState<f64>, Option<f64>),
    ) -> f64 {
        let trial = Patched {
            base: best,
            index: t,
            year,
        };
        let Some(next) = one_year(sc, &trial, from) else {
            return f64::NEG_INFINITY;
        };
        let b = next.balances();
        let mut gain = self.deferred * (b.deferred - self.base.deferred)
            + self.roth * (b.roth - self.base.roth)
            + self.taxable * (b.taxable - self.base.taxable)
            + self.cash * (b.cash - self.base.cash);
        // Basis beyond the share a sale keeps (a sale's basis goes with its share of the
        // account, which the taxable price already sees): what a harvest adds.
        if let Some(price) = self.basis {
            let kept = if self.base.taxable > 0.0 {
                self.base.basis * b.taxable / self.base.taxable
            } else {
                0.0
            };
            gain += price * (b.basis - kept);
        }
        // The surcharge this year's MAGI sets two years on, paid from the accounts then.
        if let (Some(inputs), Some((magi, filing)), Some((was, _))) =
            (sc.years.get(t + 2), next.last_magi(), self.base_magi)
            && inputs.enrolled_months > 0
        {
            let charge = |m: f64| {
                inputs
                    .irmaa
                    .charge(filing, m, inputs.enrolled_months)
                    .annual
            };
            gain -= self.taxable.max(self.cash) * (charge(magi) - charge(was));
        }
        gain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::optimize::candidates::{Lever, Levers, Probe};
    use crate::plan::demo_plan;

    use std::sync::Mutex;

    /// Year `t` of `best` probed for its candidates of one lever: the run's score, its trail,
    /// and the candidates.
    fn probed(
        sc: &Scenario<f64>,
        best: &Schedule,
        t: usize,
        lever: Lever,
    ) -> (Score, Trail, Vec<YearPlan>) {
        let probe = Probe {
            schedule: best,
            index: t,
            levers: Levers::ALL,
            found: Mutex::new(None),
        };
        let mut trail = Trail::default();
        let score = score_from(sc, &probe, None, Some(&mut trail));
        let found = probe.found.into_inner().unwrap().unwrap();
        let plans = found.plans(lever, best.years[t]);
        (score, trail, plans)
    }

    /// The candidates by the screen's estimate, best first: (estimate, index).
    fn ranked_by_estimate(
        p: &Prices,
        sc: &Scenario<f64>,
        best: &Schedule,
        t: usize,
        from: &(PathState<f64>, Option<f64>),
        plans: &[YearPlan],
    ) -> Vec<(f64, usize)> {
        let mut ranked: Vec<(f64, usize)> = plans
            .iter()
            .enumerate()
            .map(|(i, y)| (p.estimate(sc, best, t, *y, from), i))
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        ranked
    }

    /// Every candidate of year `t` replayed in full from the trail: the estates, and the winner.
    fn replayed_in_full(
        sc: &Scenario<f64>,
        best: &Schedule,
        t: usize,
        trail: &Trail,
        plans: &[YearPlan],
    ) -> (Vec<f64>, usize) {
        let full: Vec<f64> = plans
            .iter()
            .map(|y| {
                let trial = Patched {
                    base: best,
                    index: t,
                    year: *y,
                };
                score_from(sc, &trial, trail.at(t), None).estate
            })
            .collect();
        let winner = (0..plans.len())
            .max_by(|a, b| full[*a].total_cmp(&full[*b]))
            .unwrap();
        (full, winner)
    }

    /// On the demo's early years, where the conversions that matter are made, the conversion
    /// that wins when every candidate is replayed in full is among the three the screen keeps.
    #[test]
    fn the_screen_keeps_the_conversion_a_full_replay_picks() {
        let plan = demo_plan();
        let (sc, best) = crate::optimize::test_start(&plan);
        for t in 0..6 {
            let (score, trail, plans) = probed(&sc, &best, t, Lever::Convert);
            assert!(plans.len() > 3, "year {t}: {} candidates", plans.len());
            let (full, winner) = replayed_in_full(&sc, &best, t, &trail, &plans);
            let (p, replays) = prices(&sc, &best, t, &trail, &score);
            let p = p.expect("the demo's prices can be measured");
            assert!((3..=4).contains(&replays), "{replays}");
            let from = trail.at(t).unwrap();
            let ranked = ranked_by_estimate(&p, &sc, &best, t, from, &plans);
            let kept: Vec<usize> = ranked.iter().take(3).map(|r| r.1).collect();
            assert!(
                kept.contains(&winner),
                "year {t}: the winner {} (+{:.0}) ranked {:?}",
                plans[winner].convert,
                full[winner] - score.estate,
                ranked.iter().position(|r| r.1 == winner)
            );
        }
    }

    /// Harvests are screened by the price of basis: on every example's years where a harvest
    /// gains, the harvest that gains most when every candidate is replayed in full is among the
    /// three kept, and is not estimated so far below the incumbent that it is skipped.
    #[test]
    fn the_screen_keeps_the_harvest_a_full_replay_picks() {
        use crate::optimize::search::lever_doubt;
        let mut gaining_years = 0;
        for (name, text) in crate::plan::EXAMPLES {
            let plan = crate::plan::parse_plan(text, name).unwrap();
            let (sc, best) = crate::optimize::test_start(&plan);
            for t in 0..sc.years.len() {
                let (score, trail, plans) = probed(&sc, &best, t, Lever::Harvest);
                if plans.len() <= 3 {
                    continue;
                }
                let (full, winner) = replayed_in_full(&sc, &best, t, &trail, &plans);
                if !score.lasts || full[winner] <= score.estate + 1.0 {
                    continue;
                }
                gaining_years += 1;
                let (p, _) = prices(&sc, &best, t, &trail, &score);
                let Some(mut p) = p else { continue };
                p.measure_basis(&sc, &best, t, &trail, &score);
                if !p.screens_harvests() {
                    continue;
                }
                let from = trail.at(t).unwrap();
                let own = p.estimate(&sc, &best, t, best.years[t], from);
                let ranked = ranked_by_estimate(&p, &sc, &best, t, from, &plans);
                let rank = ranked.iter().position(|r| r.1 == winner);
                assert!(
                    rank.is_some_and(|r| r < 3),
                    "{name} year {t}: the harvest {} (+{:.0}) ranked {rank:?}",
                    plans[winner].harvest,
                    full[winner] - score.estate,
                );
                // The floor may skip a harvest that gains a few dollars (G's third year: +$8,
                // estimated over $100 below the incumbent), not one that gains as much as a
                // sweep must to go on.
                let estimated = ranked[rank.unwrap_or(0)].0;
                assert!(
                    estimated >= own - lever_doubt(Lever::Harvest)
                        || full[winner] - score.estate < 100.0,
                    "{name} year {t}: the harvest {} (+{:.0}) estimated {:.0} below",
                    plans[winner].harvest,
                    full[winner] - score.estate,
                    own - estimated
                );
            }
        }
        assert!(gaining_years > 0, "no example's year gains by a harvest");
    }

    /// Added basis raises the taxable accounts' basis by the amount and moves no balance.
    #[test]
    fn basis_added_moves_only_the_basis() {
        let plan = demo_plan();
        let (sc, best) = crate::optimize::test_start(&plan);
        let mut trail = Trail::default();
        score_from(&sc, &best, None, Some(&mut trail));
        let (state, _) = trail.at(3).unwrap();
        let (was, now) = (
            state.balances(),
            state.with_basis_added(1_000.0).unwrap().balances(),
        );
        assert!((now.basis - was.basis - 1_000.0).abs() < 1e-6);
        assert_eq!(
            (now.cash, now.taxable, now.deferred, now.roth, now.hsa),
            (was.cash, was.taxable, was.deferred, was.roth, was.hsa)
        );
    }
}
