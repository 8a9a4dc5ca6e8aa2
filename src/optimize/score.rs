//! What the search compares, on fast `f64` runs and on the exact outcome.
//!
//! The estate objective is lexicographic: more years with the spending fully met first, then the
//! larger after-tax estate at the horizon in today's dollars. The exact comparison counts years
//! to a tenth, as the comparison table shows them; the search sees them unrounded. Estates are only comparable at the same spending, and a plan whose
//! money runs out (saves/A.ron) is better served by lasting longer than by leaving more.

use crate::engine::{Outcome, PathState, Scenario, run_lean_from};
use crate::num::Num;
use crate::strategy::Strategy;
use rust_decimal::Decimal;
use std::cell::Cell;
use std::cmp::Ordering;

/// One run's standing on the objective.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    /// Years the spending is fully met, the year the money ran out counted by the share of its
    /// need still covered. Unrounded: the search needs to see a shortfall shrink.
    pub lasting: f64,
    /// After-tax estate at the horizon, today's dollars.
    pub estate: f64,
    /// The money lasted through the whole plan.
    pub lasts: bool,
}

impl Score {
    /// The score of a run that could not be made.
    pub const WORST: Score = Score {
        lasting: f64::NEG_INFINITY,
        estate: f64::NEG_INFINITY,
        lasts: false,
    };

    /// Strictly better: lasting longer, or as long with more than `margin` dollars of estate.
    pub fn beats(&self, other: &Score, margin: f64) -> bool {
        if (self.lasting - other.lasting).abs() > LASTING_NOISE {
            self.lasting > other.lasting
        } else {
            self.estate > other.estate + margin
        }
    }

    /// Best first, for sorting: years lasting counted in steps of [`LASTING_NOISE`], then the
    /// estate. It agrees with [`Score::beats`] at no margin except between two scores whose
    /// years lasting straddle a step's edge within the noise; `beats` itself cannot order a
    /// sort, since it is not transitive (three scores each within the noise of the next in
    /// years lasting, the first and the last beyond it), and a sort by it panics.
    pub fn rank(&self, other: &Score) -> Ordering {
        let steps = |s: &Score| (s.lasting / LASTING_NOISE).round();
        steps(self)
            .total_cmp(&steps(other))
            .then(self.estate.total_cmp(&other.estate))
    }

    /// The spending lasts and leaves at least `min_estate`.
    pub fn feasible(&self, min_estate: f64) -> bool {
        self.lasts && self.estate >= min_estate
    }
}

/// Differences in years lasting below this (under an hour) are not a longer-lasting plan.
const LASTING_NOISE: f64 = 1e-4;

/// A shortfall smaller than half a cent is floating-point dust, not a shortfall.
const DUST: f64 = 0.005;

/// Runs a strategy on the `f64` scenario and scores it, keeping no ledger.
pub fn score(sc: &Scenario<f64>, strategy: &dyn Strategy) -> Score {
    score_from(sc, strategy, None, None)
}

/// Where a run stood at the start of each of its years: the engine's state and, when the money
/// ran short in an earlier year, the years it lasted. A trial that changes year `t` of the run's
/// strategy replays years `t..` from here: the years before are the same.
///
/// A trail need not hold every year: past its last state the run goes on as it went (the
/// states are recorded as a search reaches them), unless the run changed there
/// ([`Trail::changed_at`]).
#[derive(Debug, Clone, Default)]
pub struct Trail {
    states: Vec<(PathState<f64>, Option<f64>)>,
    /// The strategy changed in the last year held, and no run has been recorded from there
    /// since: the years after are not yet known.
    cut: bool,
}

impl Trail {
    /// The state at the start of year `index`, if known.
    pub fn at(&self, index: usize) -> Option<&(PathState<f64>, Option<f64>)> {
        self.states.get(index)
    }

    /// Forgets the states after year `index`: the strategy changed in that year.
    pub fn changed_at(&mut self, index: usize) {
        self.states.truncate(index + 1);
        self.cut = true;
    }

    /// The run goes on past the last state held as it went when recorded (it has not changed
    /// since), so the next states can be recorded from there.
    pub fn continues(&self) -> bool {
        !self.cut && !self.states.is_empty()
    }

    /// The last year whose opening state is known at or before `index`.
    pub fn known_at_or_before(&self, index: usize) -> usize {
        index.min(self.states.len().saturating_sub(1))
    }

    /// The opening states of years `0..years` are all known.
    pub fn known_to(&self, years: usize) -> bool {
        self.states.len() >= years
    }
}

/// [`score`] from `from`, the state at the start of one year of a [`Trail`] (from the first year
/// when `None`); `record` gets the states of the years run, in place of its own from then on.
pub fn score_from(
    sc: &Scenario<f64>,
    strategy: &dyn Strategy,
    from: Option<&(PathState<f64>, Option<f64>)>,
    record: Option<&mut Trail>,
) -> Score {
    score_until(sc, strategy, from, sc.years.len(), record)
}

/// Records in `trail` the states a run from `from` reaches up to the start of year `until`
/// (the last year's when `until` is the plan's end), as [`score_from`] would on its way: a
/// search that already knows the run's score need not run the years after.
pub fn record_until(
    sc: &Scenario<f64>,
    strategy: &dyn Strategy,
    from: Option<&(PathState<f64>, Option<f64>)>,
    until: usize,
    trail: &mut Trail,
) {
    score_until(sc, strategy, from, until.min(sc.years.len()), Some(trail));
}

/// [`score_from`] stopping at the start of year `until`: its score is that of the years run.
fn score_until(
    sc: &Scenario<f64>,
    strategy: &dyn Strategy,
    from: Option<&(PathState<f64>, Option<f64>)>,
    until: usize,
    record: Option<&mut Trail>,
) -> Score {
    let start = from;
    let mut year = start.map_or(0, |(s, _)| s.index);
    let lasting = Cell::new(start.and_then(|(_, l)| *l));
    let mut estate = 0.0;
    let heirs = sc.heirs_rate;
    let lasting = &lasting;
    let mut save = record.map(|trail| {
        trail.states.truncate(year);
        trail.cut = false;
        move |s: PathState<f64>| trail.states.push((s, lasting.get()))
    });
    let save = save.as_mut().map(|f| f as &mut dyn FnMut(PathState<f64>));
    // Only balances and shortfalls count here: the lean run skips the ledger's marginal rates.
    run_lean_from(sc, sc, strategy, start.map(|(s, _)| s), until, save, |r| {
        if r.shortfall > DUST && lasting.get().is_none() {
            let drawn = r.rmd + r.cash_draw + r.taxable_sale + r.deferred_draw + r.roth_draw;
            lasting.set(Some(year as f64 + drawn.ratio(drawn + r.shortfall)));
        }
        estate = r.closing.after_tax_estate(heirs).ratio(r.price_level_end);
        year += 1;
    });
    Score {
        lasting: lasting.get().unwrap_or(year as f64),
        estate,
        lasts: lasting.get().is_none(),
    }
}

/// The exact outcome's standing: years lasting (to a tenth), then the real estate.
pub fn exact_key(o: &Outcome) -> (Decimal, Decimal) {
    (o.years_lasting, o.estate_real)
}

/// `a` is at least as good as `b` on the estate objective, exactly.
pub fn at_least(a: &Outcome, b: &Outcome) -> bool {
    exact_key(a) >= exact_key(b)
}

/// The state at the start of the year after `from`'s, with `strategy` deciding `from`'s year:
/// one year of a trial, for a search that values the rest of the years by shadow prices.
pub fn one_year(
    sc: &Scenario<f64>,
    strategy: &dyn Strategy,
    from: &(PathState<f64>, Option<f64>),
) -> Option<PathState<f64>> {
    let mut last = None;
    let mut save = |s: PathState<f64>| last = Some(s);
    run_lean_from(
        sc,
        sc,
        strategy,
        Some(&from.0),
        from.0.index + 1,
        Some(&mut save),
        |_| {},
    );
    last.filter(|s| s.index == from.0.index + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::optimize::schedule::{Patched, YearPlan};
    use crate::plan::demo_plan;

    #[test]
    fn rank_orders_scores_that_beats_cannot() {
        let at = |lasting: f64, estate: f64| Score {
            lasting,
            estate,
            lasts: false,
        };
        // Each within the noise of the next in years lasting, the first and the last beyond it:
        // by `beats`, c over b over a (estate) and a over c (lasting), a cycle.
        let (a, b, c) = (at(20.0, 0.0), at(20.00007, 10.0), at(20.00014, 20.0));
        assert!(c.beats(&b, 0.0) && b.beats(&a, 0.0) && c.beats(&a, 0.0));
        let (a, b, c) = (at(20.00014, 0.0), at(20.00007, 10.0), at(20.0, 20.0));
        assert!(c.beats(&b, 0.0) && b.beats(&a, 0.0) && a.beats(&c, 0.0));
        let mut v = vec![a, b, c, Score::WORST, a];
        v.sort_by(|x, y| y.rank(x));
        for w in v.windows(2) {
            assert_ne!(w[0].rank(&w[1]), Ordering::Less, "{v:?}");
        }
        // Where `beats` is an order, `rank` is the same one.
        let (x, y) = (at(26.0, 5.0), at(26.0 + 1e-12, 4.0));
        assert!(x.beats(&y, 0.0));
        assert_eq!(x.rank(&y), Ordering::Greater);
        assert_eq!(at(25.0, 9.0).rank(&at(26.0, 0.0)), Ordering::Less);
        assert_eq!(x.rank(&x), Ordering::Equal);
    }

    #[test]
    fn a_replay_from_any_years_state_is_the_whole_run() {
        let plan = demo_plan();
        let (sc, base) = crate::optimize::test_start(&plan);
        let mut trail = Trail::default();
        let whole = score_from(&sc, &base, None, Some(&mut trail));
        assert_eq!(whole, score(&sc, &base));
        for t in [0, 1, 7, sc.years.len() - 1] {
            assert_eq!(score_from(&sc, &base, trail.at(t), None), whole, "year {t}");
            // A change in year t, replayed from t, is the changed strategy run whole.
            let changed = Patched {
                base: &base,
                index: t,
                year: YearPlan {
                    convert: 30_000.0,
                    ..YearPlan::default()
                },
            };
            assert_eq!(
                score_from(&sc, &changed, trail.at(t), None),
                score(&sc, &changed),
                "year {t}"
            );
        }
    }

    /// A trail recorded a year at a time, past a change as well, holds the states a replay to
    /// the end records (compared in full, search hints included).
    #[test]
    fn a_trail_recorded_a_year_at_a_time_is_the_whole_runs() {
        let plan = demo_plan();
        let (sc, base) = crate::optimize::test_start(&plan);
        let n = sc.years.len();
        let states = |t: &Trail| format!("{:?}", t.states);
        let mut whole = Trail::default();
        score_from(&sc, &base, None, Some(&mut whole));
        assert!(whole.known_to(n));

        let mut stepped = Trail::default();
        record_until(&sc, &base, None, 1, &mut stepped);
        assert!(stepped.continues() && stepped.known_to(2) && !stepped.known_to(3));
        for until in 2..=n {
            let last = stepped.known_at_or_before(until);
            let start = stepped.at(last).cloned();
            record_until(&sc, &base, start.as_ref(), until, &mut stepped);
        }
        assert_eq!(states(&stepped), states(&whole));

        // A change in year 5: the states up to it stand, the rest are recorded again.
        let changed = Patched {
            base: &base,
            index: 5,
            year: YearPlan {
                convert: 40_000.0,
                ..YearPlan::default()
            },
        };
        let mut again = whole.clone();
        again.changed_at(5);
        assert!(!again.continues() && !again.known_to(7));
        for until in 6..=n {
            let last = again.known_at_or_before(until);
            let start = again.at(last).cloned();
            record_until(&sc, &changed, start.as_ref(), until, &mut again);
        }
        let mut fresh = Trail::default();
        score_from(&sc, &changed, None, Some(&mut fresh));
        assert_eq!(states(&again), states(&fresh));
        assert_ne!(states(&again), states(&whole));
    }
}
