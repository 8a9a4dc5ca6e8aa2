//! The years on the Marketplace, searched between their edges.
//!
//! Everywhere else a year's tax is piecewise linear in its income, so its best conversion or
//! tax-deferred draw sits on an edge, and the descent tries only edges. The premium tax credit
//! is not: its applicable percentage rises steadily with income inside each band, so the premium
//! a household pays grows faster than its income there, and the best amount can lie between two
//! edges, where the descent does not look. So, after every other stage, each Marketplace year's
//! conversion and tax-deferred draw are moved up and down by steps ($8,000, $2,000, then $500),
//! the best move of a round kept while it gains (steepest descent, as the moves across years).
//! A move is kept only when it gains, so the answer never falls.
//!
//! Past the credit's income limit (the 400% line) the whole credit is lost at once: a cliff no
//! step of one lever crosses when the year's conversion, harvest and draw together put it over
//! (a couple of 56 and 55 with $4.8m in California converted $38,488 and drew $22,971 in its
//! first year, $46,500 over the line: $18,499 of credit lost, and neither given up alone brought
//! it under). So a year over the line also tries coming under it at once, cutting the year's
//! income by the excess (and by half again, and by two and a half times it, for the gains of
//! the sales that replace a smaller draw), the conversion first or the draw first, the harvest
//! last.

use super::OptimizeError;
use super::schedule::{Schedule, YearPlan};
use super::score::{Score, Trail};
use super::search::{MARGIN, Search};
use crate::engine::{Scenario, run_lean};

/// The first step, nominal dollars; divided by [`STEP_FACTOR`] down to [`LAST_STEP`].
const FIRST_STEP: f64 = 8_000.0;
const LAST_STEP: f64 = 500.0;
const STEP_FACTOR: f64 = 4.0;
/// Most moves kept before the search settles (a guard; it settles far sooner).
const MAX_MOVES: usize = 200;

/// The years of `sc` in which someone is covered by the Marketplace.
pub fn marketplace_years(sc: &Scenario<f64>) -> Vec<usize> {
    sc.years
        .iter()
        .enumerate()
        .filter(|(_, y)| y.health.marketplace.is_some())
        .map(|(t, _)| t)
        .collect()
}

/// Cuts of income past the line tried, as multiples of the excess (the sales that replace a
/// smaller draw add their gains back), each plus this many dollars.
const CLIFF_CUTS: [f64; 3] = [1.0, 1.5, 2.5];
const CLIFF_SLACK: f64 = 50.0;

/// What a schedule's years came to on the fast books, where the moves start from.
struct Realized {
    /// Each year's tax-deferred draw beyond the RMD that the schedule's cap made (the draw
    /// made whatever the need left out): a cap the need never reached moves nothing.
    drawn: Vec<f64>,
    /// How far each year's income as the premium credit counts it is over the credit's
    /// income limit (0 when under it or without one).
    over_line: Vec<f64>,
}

fn realized(sc: &Scenario<f64>, schedule: &Schedule) -> Realized {
    let mut r = Realized {
        drawn: Vec::with_capacity(sc.years.len()),
        over_line: Vec::with_capacity(sc.years.len()),
    };
    run_lean(sc, sc, schedule, |row| {
        r.drawn
            .push((row.deferred_draw - row.fixed_deferred).max(0.0));
        let over = if row.aca_line > 0.0 {
            row.aca_magi - row.aca_line
        } else {
            0.0
        };
        r.over_line.push(over.max(0.0));
    });
    r
}

/// `year` with its income cut by `cut`: the conversion and the tax-deferred draw (from `drawn`,
/// what its cap made) given up in the order `conversion_first` says, the harvest last (a
/// harvest raises the basis that keeps later years' sales under the line).
fn cut_income(year: YearPlan, drawn: f64, cut: f64, conversion_first: bool) -> YearPlan {
    let mut left = cut;
    let mut take = |x: f64| {
        let t = x.min(left).max(0.0);
        left -= t;
        x - t
    };
    let mut y = year;
    if conversion_first {
        y.convert = take(y.convert);
        y.deferred = take(drawn);
    } else {
        y.deferred = take(drawn);
        y.convert = take(y.convert);
    }
    y.harvest = take(y.harvest);
    y
}

impl Search<'_> {
    /// Moves each of `years`' conversion and tax-deferred draw up and down by steps while a move
    /// gains (see the module's description).
    pub fn curve(
        &mut self,
        start: (Schedule, Score),
        years: &[usize],
    ) -> Result<(Schedule, Score), OptimizeError> {
        let (mut best, mut best_score) = start;
        if years.is_empty() {
            return Ok((best, best_score));
        }
        let mut trail = Trail::default();
        self.score_recording(&best, &mut trail);
        let mut now_is = realized(self.scenario, &best);
        self.evaluations += 1;
        let mut step = FIRST_STEP;
        let mut kept = 0;
        let mut cliff_tried: Vec<Option<YearPlan>> = vec![None; best.years.len()];
        while step >= LAST_STEP && kept < MAX_MOVES {
            self.check()?;
            if self.spent() {
                break;
            }
            let mut trials: Vec<(Schedule, usize)> = Vec::new();
            for &t in years.iter().filter(|&&t| t < best.years.len()) {
                let now = best.years[t];
                let mut trial = |year: YearPlan| {
                    let mut s = best.clone();
                    s.years[t] = year;
                    trials.push((s, t));
                };
                let from = now_is.drawn.get(t).copied().unwrap_or(0.0);
                for by in [step, -step] {
                    let convert = (now.convert + by).max(0.0);
                    if (convert - now.convert).abs() >= 1.0 {
                        trial(YearPlan { convert, ..now });
                    }
                    let deferred = (from + by).max(0.0);
                    if now.deferred.is_finite() && (deferred - from).abs() >= 1.0 {
                        trial(YearPlan { deferred, ..now });
                    }
                }
                let over = now_is.over_line.get(t).copied().unwrap_or(0.0);
                // Tried once for each form of the year: what lost then stays lost (the moves
                // of other years shift this one's income by far less than a cliff).
                if over > 0.0 && cliff_tried[t] != Some(now) {
                    cliff_tried[t] = Some(now);
                    for times in CLIFF_CUTS {
                        for conversion_first in [true, false] {
                            let under =
                                cut_income(now, from, over * times + CLIFF_SLACK, conversion_first);
                            if under != now {
                                trial(under);
                            }
                        }
                    }
                }
            }
            let scores = self.score_all(&trials, &trail);
            let pick = (0..scores.len())
                .filter(|&i| scores[i].beats(&best_score, MARGIN))
                // The best; the first of equals.
                .min_by(|&a, &b| scores[b].rank(&scores[a]).then(a.cmp(&b)));
            match pick {
                Some(i) => {
                    let (s, t) = trials.swap_remove(i);
                    best = s;
                    best_score = scores[i];
                    self.rerecord(&best, t, &mut trail);
                    now_is = realized(self.scenario, &best);
                    self.evaluations += 1;
                    kept += 1;
                }
                None => step /= STEP_FACTOR,
            }
        }
        Ok((best, best_score))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::optimize::score::score_from;
    use crate::optimize::{test_search, test_start};
    use crate::plan::parse_plan;
    use std::sync::atomic::AtomicBool;

    #[test]
    fn the_search_scores_its_answer_as_a_replay_does_and_never_loses() {
        let plan = parse_plan(
            include_str!("../../tests/data/marketplace_curve.ron"),
            "marketplace_curve.ron",
        )
        .unwrap();
        let (sc, mut start) = test_start(&plan);
        let years = marketplace_years(&sc);
        assert_eq!(years, (0..8).collect::<Vec<_>>());
        // Tax-deferred money first, capped at $20,000, and $10,000 converted, each year.
        for y in &mut start.years {
            y.deferred = 20_000.0;
            y.convert = 10_000.0;
        }
        let score = score_from(&sc, &start, None, None);
        let cancel = AtomicBool::new(false);
        let mut search = test_search(&sc, &cancel);
        let (best, best_score) = search.curve((start.clone(), score), &years).unwrap();
        assert!(
            best_score.beats(&score, 0.0),
            "the steps gain on a rough start"
        );
        assert_eq!(best_score, score_from(&sc, &best, None, None));
        // Only the Marketplace years moved.
        for t in years.len()..best.years.len() {
            assert_eq!(best.years[t], start.years[t], "{t}");
        }
        // Without Marketplace years nothing runs.
        let before = search.evaluations;
        let (same, _) = search.curve((start.clone(), score), &[]).unwrap();
        assert_eq!((same, search.evaluations), (start, before));
    }
}
