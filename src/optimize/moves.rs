//! Moves across years: changes to a schedule that coordinate descent, one year and one lever
//! at a time, cannot make (a conversion moved by any amount, shifted between years, or evened
//! out over a few), tried by steepest descent after the descent has settled.

use super::OptimizeError;
use super::schedule::Schedule;
use super::score::{Score, Trail, score_from};
use super::search::{MARGIN, Search};
use crate::engine::Scenario;
use std::collections::HashMap;

/// Years apart a shift of conversion may move money (a shift further away is a chain of these).
const SHIFT_REACH: usize = 3;
/// Widest window of years a spread evens out.
const SPREAD_WIDTH: usize = 4;
/// The first step of the polish, nominal dollars; it is divided by [`STEP_FACTOR`] down to
/// [`LAST_STEP`].
const FIRST_STEP: f64 = 32_000.0;
/// Finer steps than this gained under $100 on every example, at a round of moves each.
const LAST_STEP: f64 = 2_000.0;
/// Steps of $32,000, $8,000 and $2,000: three rounds that find nothing instead of six (the
/// rounds that find nothing are most of the polish), and on every example an optimum at least
/// as good as halving from $64,000 reached (2026-12-01).
const STEP_FACTOR: f64 = 4.0;
/// Further moves that gained on their own tried on top of a round's best.
const EXTRA_MOVES: usize = 8;
/// Most moves the polish accepts before it settles (a guard; it usually settles far sooner).
const MAX_MOVES: usize = 400;

/// A change to a schedule that touches more than one amount of one year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Move {
    /// Convert `by` more (or less, if negative) in one year.
    Step { year: usize, by: f64 },
    /// Convert `by` less in `from` and `by` more in `to`.
    Shift { from: usize, to: usize, by: f64 },
    /// Convert the same amount in each of `width` years from `first`: their total, evened out.
    Spread { first: usize, width: usize },
}

impl Move {
    /// The first year the move changes: a trial replays from there.
    pub fn first_year(&self) -> usize {
        match *self {
            Move::Step { year, .. } => year,
            Move::Shift { from, to, .. } => from.min(to),
            Move::Spread { first, .. } => first,
        }
    }

    /// What the move made of `schedule` in `moved`: each year it may change whose conversion it
    /// changed, with the new amount's bits. Two moves with the same change make the same
    /// schedule, whatever the moves (a spread is the same at every step size; a step down past
    /// zero the same at every size larger than the conversion).
    fn change(&self, schedule: &Schedule, moved: &Schedule) -> Vec<(usize, u64)> {
        let (first, last) = match *self {
            Move::Step { year, .. } => (year, year),
            Move::Shift { from, to, .. } => (from.min(to), from.max(to)),
            Move::Spread { first, width } => (first, first + width - 1),
        };
        (first..=last)
            .filter_map(|t| {
                let (was, now) = (schedule.years[t].convert, moved.years[t].convert);
                (was.to_bits() != now.to_bits()).then_some((t, now.to_bits()))
            })
            .collect()
    }

    /// The schedule with the move made, or `None` when it would change nothing.
    pub fn apply(&self, s: &Schedule) -> Option<Schedule> {
        let mut out = s.clone();
        match *self {
            Move::Step { year, by } => {
                let c = &mut out.years[year].convert;
                let next = (*c + by).max(0.0);
                if (next - *c).abs() < 1.0 {
                    return None;
                }
                *c = next;
            }
            Move::Shift { from, to, by } => {
                let by = by.min(out.years[from].convert);
                if by < 1.0 {
                    return None;
                }
                out.years[from].convert -= by;
                out.years[to].convert += by;
            }
            Move::Spread { first, width } => {
                let years = &mut out.years[first..first + width];
                let total: f64 = years.iter().map(|y| y.convert).sum();
                let each = (total / width as f64 * 100.0).floor() / 100.0;
                if total < 1.0 || years.iter().all(|y| (y.convert - each).abs() < 1.0) {
                    return None;
                }
                for y in years {
                    y.convert = each;
                }
            }
        }
        Some(out)
    }
}

/// The moves of one polish step of size `step` on a schedule of `n` years; `active` are the
/// years where conversions are possible at all (money left in tax-deferred accounts).
fn moves(schedule: &Schedule, active: usize, step: f64) -> Vec<Move> {
    let mut out = Vec::new();
    for t in 0..active {
        out.push(Move::Step { year: t, by: step });
        if schedule.years[t].convert > 0.0 {
            out.push(Move::Step { year: t, by: -step });
        }
        for u in t + 1..(t + 1 + SHIFT_REACH).min(active) {
            if schedule.years[t].convert > 0.0 {
                out.push(Move::Shift {
                    from: t,
                    to: u,
                    by: step,
                });
            }
            if schedule.years[u].convert > 0.0 {
                out.push(Move::Shift {
                    from: u,
                    to: t,
                    by: step,
                });
            }
        }
        for width in 2..=SPREAD_WIDTH {
            if t + width <= active {
                out.push(Move::Spread { first: t, width });
            }
        }
    }
    out
}

impl Search<'_> {
    /// Improves a schedule with moves coordinate descent cannot make: one year's conversion by
    /// any amount (not only to its own edges: a later year's edge can be the kink that matters),
    /// conversion shifted between nearby years, and conversions evened out over a few years.
    /// Steepest descent at each step size, $32,000, $8,000 and $2,000; `active` is the
    /// number of leading years in which there is tax-deferred money to convert.
    pub fn polish(
        &mut self,
        start: (Schedule, Score),
        active: usize,
        progress: &mut dyn FnMut(f32),
    ) -> Result<(Schedule, Score), OptimizeError> {
        let levels = ((FIRST_STEP / LAST_STEP).ln() / STEP_FACTOR.ln()).floor() + 1.0;
        let (mut best, mut best_score) = start;
        let mut trail = Trail::default();
        self.score_recording(&best, &mut trail);
        let active = active.min(best.years.len());
        let mut step = FIRST_STEP;
        let mut accepted = 0;
        // The scores of the changes tried on the incumbent since it last changed.
        let mut scored: HashMap<Vec<(usize, u64)>, Score> = HashMap::new();
        while step >= LAST_STEP && accepted < MAX_MOVES {
            self.check()?;
            if self.spent() {
                break;
            }
            let made: Vec<(Move, Schedule)> = moves(&best, active, step)
                .into_iter()
                .filter_map(|m| m.apply(&best).map(|s| (m, s)))
                .collect();
            // A move that makes a schedule already scored on this incumbent (a spread again
            // after the step size fell, two moves with one result) takes that score: the same
            // schedule replayed on the same trail scores the same.
            let changes: Vec<Vec<(usize, u64)>> =
                made.iter().map(|(m, s)| m.change(&best, s)).collect();
            let mut fresh: Vec<(Schedule, usize)> = Vec::new();
            let mut place: HashMap<&[(usize, u64)], usize> = HashMap::new();
            for (change, (m, s)) in changes.iter().zip(&made) {
                if !scored.contains_key(change) && !place.contains_key(change.as_slice()) {
                    place.insert(change, fresh.len());
                    fresh.push((s.clone(), m.first_year()));
                }
            }
            let replayed = self.score_all(&fresh, &trail);
            let scores: Vec<Score> = changes
                .iter()
                .map(|c| {
                    scored
                        .get(c)
                        .copied()
                        .unwrap_or_else(|| replayed[place[c.as_slice()]])
                })
                .collect();
            scored.extend(changes.into_iter().zip(scores.iter().copied()));
            // The moves that gain on their own, best first.
            let mut gaining: Vec<usize> = (0..scores.len())
                .filter(|i| scores[*i].beats(&best_score, MARGIN))
                .collect();
            gaining.sort_by(|a, b| scores[*b].rank(&scores[*a]).then(a.cmp(b)));
            match gaining.first() {
                Some(&i) => {
                    scored.clear();
                    best_score = scores[i];
                    best = made[i].1.clone();
                    self.rerecord(&best, made[i].0.first_year(), &mut trail);
                    accepted += 1;
                    // The others that gained on their own are tried on top, each kept when
                    // it still gains: one replay each instead of a round over every move.
                    for &j in gaining.iter().skip(1).take(EXTRA_MOVES) {
                        let Some(next) = made[j].0.apply(&best) else {
                            continue;
                        };
                        let first = made[j].0.first_year();
                        self.evaluations += 1;
                        let s = score_from(self.scenario, &next, trail.at(first), None);
                        if s.beats(&best_score, MARGIN) {
                            (best, best_score) = (next, s);
                            self.rerecord(&best, first, &mut trail);
                            accepted += 1;
                        }
                    }
                }
                None => {
                    step /= STEP_FACTOR;
                    let left = ((step / LAST_STEP).ln() / STEP_FACTOR.ln()).max(-1.0) + 1.0;
                    progress((1.0 - left / levels) as f32);
                }
            }
        }
        Ok((best, best_score))
    }
}

/// The number of leading years of `schedule` that open with tax-deferred money: the years a
/// conversion can be made in.
pub fn convertible_years(sc: &Scenario<f64>, schedule: &Schedule) -> usize {
    let mut last = 0;
    let mut year = 0;
    crate::engine::run_lean(sc, sc, schedule, |r| {
        year += 1;
        if r.opening.deferred > 1.0 {
            last = year;
        }
    });
    last
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::optimize::schedule::YearPlan;
    use crate::optimize::{test_search, test_start};
    use crate::plan::demo_plan;
    use std::sync::atomic::AtomicBool;

    #[test]
    fn moves_that_make_the_same_schedule_make_the_same_change() {
        let mut s = Schedule {
            years: vec![YearPlan::default(); 6],
        };
        s.years[0].convert = 5_000.0;
        s.years[2].convert = 30_000.0;
        let change = |m: Move| m.apply(&s).map(|moved| m.change(&s, &moved));
        // A step down past zero is the same at every size larger than the conversion.
        let down = change(Move::Step {
            year: 0,
            by: -32_000.0,
        });
        assert_eq!(down, Some(vec![(0, 0.0f64.to_bits())]));
        assert_eq!(
            down,
            change(Move::Step {
                year: 0,
                by: -8_000.0
            })
        );
        assert_ne!(
            down,
            change(Move::Step {
                year: 0,
                by: -2_000.0
            })
        );
        // A spread changes only the years whose amount moved, whatever the step size.
        let spread = change(Move::Spread { first: 1, width: 2 });
        let half = 15_000.0f64.to_bits();
        assert_eq!(spread, Some(vec![(1, half), (2, half)]));
        // A shift names both years.
        assert_eq!(
            change(Move::Shift {
                from: 2,
                to: 0,
                by: 2_000.0
            }),
            Some(vec![(0, 7_000.0f64.to_bits()), (2, 28_000.0f64.to_bits())])
        );
    }

    #[test]
    fn a_polish_scores_its_answer_as_a_replay_does() {
        // The moves reuse the scores of schedules already tried on the incumbent: the score it
        // reports must still be its answer's own.
        let (sc, idle) = test_start(&demo_plan());
        let cancel = AtomicBool::new(false);
        let mut search = test_search(&sc, &cancel);
        let mut start = idle;
        for (t, y) in start.years.iter_mut().enumerate().take(6) {
            y.convert = 10_000.0 * (t % 3) as f64;
        }
        let score = score_from(&sc, &start, None, None);
        let active = convertible_years(&sc, &start);
        let (best, best_score) = search
            .polish((start, score), active, &mut |_| {})
            .expect("the polish runs");
        assert!(
            best_score.beats(&score, 0.0),
            "the moves gain on a rough start"
        );
        assert_eq!(best_score, score_from(&sc, &best, None, None));
    }
}
