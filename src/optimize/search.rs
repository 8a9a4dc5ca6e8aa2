//! Coordinate descent over the years of a schedule.
//!
//! Year by year, each lever (conversion, tax-deferred draw, taxable sale, harvest) tries every
//! amount that puts the year on an edge of its tax, each trial a full projection of the plan on
//! `f64`; the best trial is kept when it beats the incumbent. Sweeps repeat until one changes
//! nothing or the sweep budget is spent. Nothing depends on timing or randomness, and parallel
//! trials are gathered by index, so a plan always gets the same answer.

use super::Budget;
use super::OptimizeError;
use super::awake::map_busy;
use super::candidates::{Candidates, Lever, Levers, Probe};
use super::schedule::{Patched, Schedule, YearPlan};
use super::score::{Score, Trail, one_year, record_until, score_from};
use super::screen::{Prices, prices as prices_at};
use crate::engine::{PathState, Scenario};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// A trial must win by more than this (today's dollars) to replace the incumbent: smaller gains
/// are floating-point noise the exact books would not confirm.
pub(super) const MARGIN: f64 = 1.0;
/// A sweep must gain this much (today's dollars, or any more time lasting) for another to run.
const SWEEP_GAIN: f64 = 100.0;
/// Sweeps a descent usually takes before one gains too little to go on.
const TYPICAL_SWEEPS: usize = 3;
/// Trials of a lever replayed in full when the shadow prices rank more ([`super::screen`]).
const SCREEN_KEEP: usize = 3;
/// A year whose every trial lost by more than this (today's dollars) in one sweep is left out of
/// the next sweeps of the same descent: the changes the sweep made elsewhere turned no such year
/// into a gain on any example (2026-12-01), and those years are most of a late sweep's work.
const STALE_LOSS: f64 = 1_000.0;
/// Likewise one lever of a year whose every trial lost by more than this (what a whole sweep
/// must gain to go on, [`SWEEP_GAIN`]) in one sweep, or whose trials the screen's floors all
/// left out, except conversions ([`lever_goes_stale`]):
/// on every example the draws, sales and harvests a sweep found no use for stayed of no use
/// in the next, and skipping them cut the demo's replayed years by a ninth (2026-12-01).
const STALE_LEVER_LOSS: f64 = 100.0;

/// The search's settings and its count of projections.
#[derive(Clone, Copy)]
pub struct Search<'a> {
    pub scenario: &'a Scenario<f64>,
    pub cancel: &'a AtomicBool,
    pub max_sweeps: usize,
    /// Projections run so far.
    pub evaluations: usize,
    /// Where the work budget ends: this many projections, or this instant (if any).
    limit: (usize, Option<Instant>),
    /// The budget ran out: the search stopped with the best schedule it had.
    pub exhausted: bool,
    /// Rank each lever's trials by shadow prices and replay only the best few.
    pub screen: bool,
    /// Replays run ahead of need and thrown away (a later sweep's levers are tried together,
    /// and what follows one that wins is tried again): work not in `evaluations`.
    pub ahead: usize,
}

impl<'a> Search<'a> {
    /// A search that may run `budget` more projections, until `started + budget.time`.
    pub fn new(
        scenario: &'a Scenario<f64>,
        cancel: &'a AtomicBool,
        max_sweeps: usize,
        budget: &Budget,
        started: Instant,
    ) -> Self {
        Search {
            scenario,
            cancel,
            max_sweeps,
            evaluations: 0,
            limit: (
                budget.evaluations,
                budget.time.and_then(|t| started.checked_add(t)),
            ),
            exhausted: false,
            screen: true,
            ahead: 0,
        }
    }

    /// A search with the same settings, for one of `ways` descents run side by side: it counts
    /// its own projections and may run an equal share of the projections left (so that what it
    /// finds does not depend on how the others fare), until the same instant.
    pub fn fork(&self, ways: usize) -> Search<'a> {
        let left = self.limit.0.saturating_sub(self.evaluations);
        Search {
            evaluations: 0,
            ahead: 0,
            limit: (left / ways.max(1), self.limit.1),
            ..*self
        }
    }

    /// Counts the work of a fork of this search, and whether it spent its budget.
    pub fn join(&mut self, fork: &Search) {
        self.evaluations += fork.evaluations;
        self.ahead += fork.ahead;
        self.exhausted |= fork.exhausted;
    }

    pub(super) fn check(&self) -> Result<(), OptimizeError> {
        if self.cancel.load(Ordering::Relaxed) {
            Err(OptimizeError::Cancelled)
        } else {
            Ok(())
        }
    }

    /// Whether the work budget is spent (and from now on, that it was).
    pub(super) fn spent(&mut self) -> bool {
        if !self.exhausted
            && (self.evaluations >= self.limit.0
                || self.limit.1.is_some_and(|end| Instant::now() >= end))
        {
            self.exhausted = true;
        }
        self.exhausted
    }

    /// Scores each schedule whole, spread over the threads, in order ([`Search::score_all`]
    /// from the first year: an empty trail).
    pub fn score_each(&mut self, schedules: Vec<Schedule>) -> Vec<(Schedule, Score)> {
        let whole: Vec<(Schedule, usize)> = schedules.into_iter().map(|s| (s, 0)).collect();
        let scores = self.score_all(&whole, &Trail::default());
        whole.into_iter().map(|(s, _)| s).zip(scores).collect()
    }

    /// Scores a schedule from the first year, recording its trail.
    pub(super) fn score_recording(&mut self, schedule: &Schedule, trail: &mut Trail) -> Score {
        self.evaluations += 1;
        score_from(self.scenario, schedule, None, Some(trail))
    }

    /// Records `schedule`'s trail again from year `first`, where it changed.
    pub(super) fn rerecord(&mut self, schedule: &Schedule, first: usize, trail: &mut Trail) {
        let start = trail.at(trail.known_at_or_before(first)).cloned();
        self.evaluations += 1;
        score_from(self.scenario, schedule, start.as_ref(), Some(trail));
    }

    /// Scores each schedule, spread over the threads, in order: each replays from its first
    /// changed year, on the incumbent's trail.
    pub(super) fn score_all(
        &mut self,
        schedules: &[(Schedule, usize)],
        trail: &Trail,
    ) -> Vec<Score> {
        self.evaluations += schedules.len();
        let sc = self.scenario;
        let one = |(s, first): &(Schedule, usize)| score_from(sc, s, trail.at(*first), None);
        map_busy(schedules, one)
    }

    /// Works out year `index`'s candidates for the incumbent `schedule`, its trail then known
    /// to the next year's opening at least.
    fn probe(
        &mut self,
        schedule: &Schedule,
        index: usize,
        trail: &mut Trail,
        probed: &mut [Option<Probed>],
        levers: Levers,
    ) -> Candidates {
        let plan = schedule.years[index];
        // The incumbent's score is known, so only the year itself has to run to see its
        // candidates, and the trail need reach no further than the next year's opening (where
        // the year's prices and the next year's trials start): the years after are recorded as
        // later years need them, not replayed to the end each time a trial wins. Each state is
        // the one a replay to the end would have recorded.
        let continues = trail.continues();
        let mut known: Option<(Levers, Candidates)> = None;
        if continues {
            let next = (index + 2).min(self.scenario.years.len());
            if !trail.known_to(next) {
                let start = trail.at(trail.known_at_or_before(index)).cloned();
                record_until(self.scenario, schedule, start.as_ref(), index + 1, trail);
            }
            // The year opens as it did when last probed, with the same plan (a sweep that
            // changed no year before this one): its candidates are those worked out then, and
            // only the levers left out then are worked out now.
            if let (Some(from), Some(Some(p))) = (trail.at(index), probed.get(index))
                && p.plan == plan
                && p.from == from.0
            {
                if p.levers.covers(levers) {
                    return p.found.clone();
                }
                known = Some((p.levers, p.found.clone()));
            }
        }
        self.evaluations += 1;
        let probe = Probe {
            schedule,
            index,
            levers: known.as_ref().map_or(levers, |k| levers.without(k.0)),
            found: Mutex::new(None),
        };
        let mut from = None;
        if continues {
            if let Some(start) = trail.at(index) {
                one_year(self.scenario, &probe, start);
                from = Some(start.0.clone());
            }
        } else {
            let start = trail.at(trail.known_at_or_before(index)).cloned();
            record_until(self.scenario, &probe, start.as_ref(), index + 1, trail);
            from = trail.at(index).map(|s| s.0.clone());
        }
        let wanted = probe.levers;
        let mut found = probe.found.into_inner().ok().flatten().unwrap_or_default();
        let mut levers = wanted;
        if let Some((had, mut before)) = known {
            before.take(found, wanted);
            (found, levers) = (before, had.and(wanted));
        }
        if let (Some(from), Some(slot)) = (from, probed.get_mut(index)) {
            *slot = Some(Probed {
                from,
                plan,
                levers,
                found: found.clone(),
            });
        }
        found
    }

    /// Improves `start` until a sweep changes nothing, the sweeps or the work budget are spent,
    /// or `enough` says the incumbent will do. `progress` gets the share of the sweeps done.
    pub fn descend(
        &mut self,
        start: Schedule,
        enough: &dyn Fn(&Score) -> bool,
        progress: &mut dyn FnMut(f32),
    ) -> Result<(Schedule, Score), OptimizeError> {
        let descent = self.begin(start);
        self.sweep_on(descent, enough, progress)
            .map(|d| (d.best, d.score))
    }

    /// A descent from `start`, before its first sweep.
    pub fn begin(&mut self, start: Schedule) -> Descent {
        let n = self.scenario.years.len();
        let mut best = start;
        best.years.resize(n, YearPlan::default());
        let mut trail = Trail::default();
        let score = self.score_recording(&best, &mut trail);
        Descent {
            best,
            score,
            trail,
            last_gain: vec![f64::INFINITY; n],
            lever_gain: vec![[f64::INFINITY; Lever::ALL.len()]; n],
            sweeps: 0,
            probed: (0..n).map(|_| None).collect(),
            wins: 0,
            tried: vec![None; n],
        }
    }

    /// Runs up to `max_sweeps` more sweeps of `descent`, until a sweep changes nothing, the
    /// work budget is spent, or `enough` says the incumbent will do.
    pub fn sweep_on(
        &mut self,
        descent: Descent,
        enough: &dyn Fn(&Score) -> bool,
        progress: &mut dyn FnMut(f32),
    ) -> Result<Descent, OptimizeError> {
        let n = self.scenario.years.len();
        let Descent {
            mut best,
            score: mut best_score,
            mut trail,
            mut last_gain,
            mut lever_gain,
            sweeps: done,
            mut probed,
            mut wins,
            mut tried,
        } = descent;
        // Progress counts the sweeps a descent usually takes, not the most it may: a bar that
        // crawls through sweeps that never run says nothing.
        let total = (self.max_sweeps.min(TYPICAL_SWEEPS) * n).max(1) as f32;
        let mut local = 0;
        while local < self.max_sweeps {
            let sweep = done + local;
            local += 1;
            let mut improved = false;
            let sweep_start = best_score;
            for t in 0..n {
                self.check()?;
                if enough(&best_score) || self.spent() {
                    return Ok(Descent {
                        best,
                        score: best_score,
                        trail,
                        last_gain,
                        lever_gain,
                        sweeps: sweep,
                        probed,
                        wins,
                        tried,
                    });
                }
                // Estates compare only when the money lasts; otherwise every year is tried.
                if sweep > 0
                    && best_score.lasts
                    && last_gain.get(t).is_some_and(|g| *g < -STALE_LOSS)
                {
                    continue;
                }
                // Tried in full with no win since: the same trials on the same incumbent.
                if tried[t] == Some(wins) {
                    progress((((local - 1) * n + t + 1) as f32 / total).min(1.0));
                    continue;
                }
                let wins_before = wins;
                let mut year_gain = f64::NEG_INFINITY;
                let mut stale = true;
                let mut found = Candidates::default();
                let mut prices: Option<Option<Prices>> = None;
                let mut next = 0;
                let mut open = Vec::new();
                while next < Lever::ALL.len() {
                    if stale {
                        // The levers still to try before the year is probed again: only their
                        // edges are walked.
                        open = Lever::ALL[next..]
                            .iter()
                            .copied()
                            .filter(|&lever| {
                                !(sweep > 0
                                    && best_score.lasts
                                    && lever_goes_stale(lever)
                                    && lever_gain
                                        .get(t)
                                        .is_some_and(|g| g[lever as usize] < -STALE_LEVER_LOSS))
                            })
                            .collect();
                        let levers = open.iter().copied().collect();
                        found = self.probe(&best, t, &mut trail, &mut probed, levers);
                        stale = false;
                    }
                    // The first sweep changes most years, usually at their first lever, so it
                    // tries one lever at a time. Later sweeps change few: they screen and replay
                    // the year's remaining levers together (more work side by side), and what
                    // was tried after a lever that wins is thrown away and tried again on the
                    // new incumbent, so the answer is the same as one lever at a time.
                    let last = if sweep > 0 {
                        Lever::ALL.len()
                    } else {
                        next + 1
                    };
                    let levers: Vec<Lever> = open
                        .iter()
                        .copied()
                        .filter(|&lever| (next..last).contains(&(lever as usize)))
                        .collect();
                    next = last;
                    let ahead =
                        self.screened(&levers, &found, &best, t, &trail, &best_score, &mut prices);
                    let scores = self.replay_year(&best, t, &ahead.trials, &trail);
                    let mut from = 0;
                    let mut cut = None;
                    for (k, (lever, plans)) in ahead.trials.iter().enumerate() {
                        let scores = &scores[from..from + plans.len()];
                        from += plans.len();
                        self.evaluations += plans.len();
                        let mut pick: Option<usize> = None;
                        let mut lever_best = f64::NEG_INFINITY;
                        for (i, s) in scores.iter().enumerate() {
                            year_gain = year_gain.max(s.estate - best_score.estate);
                            lever_best = lever_best.max(s.estate - best_score.estate);
                            let leader = pick.map_or(&best_score, |p| &scores[p]);
                            if s.beats(leader, MARGIN) {
                                pick = Some(i);
                            }
                        }
                        if let Some(g) = lever_gain.get_mut(t) {
                            g[*lever as usize] = lever_best;
                        }
                        if let Some(i) = pick {
                            best.years[t] = plans[i];
                            best_score = scores[i];
                            trail.changed_at(t);
                            wins += 1;
                            improved = true;
                            stale = true;
                            next = *lever as usize + 1;
                            cut = Some(k);
                            break;
                        }
                    }
                    self.settle(&ahead, cut, scores.len() - from, &mut prices);
                }
                if let Some(g) = last_gain.get_mut(t) {
                    *g = year_gain;
                }
                // After a win the year's earlier levers were not tried on the new incumbent.
                tried[t] = (wins == wins_before).then_some(wins);
                progress((((local - 1) * n + t + 1) as f32 / total).min(1.0));
            }
            // A sweep that gained next to nothing will not be followed by one that gains much.
            if !improved || !best_score.beats(&sweep_start, SWEEP_GAIN) {
                break;
            }
        }
        Ok(Descent {
            best,
            score: best_score,
            trail,
            last_gain,
            lever_gain,
            sweeps: done + local,
            probed,
            wins,
            tried,
        })
    }
}

/// One year's trials of some of its levers, screened, and the replays screening them took.
struct Ahead {
    /// Each lever with candidates, in order, and the trials of it to replay.
    trials: Vec<(Lever, Vec<YearPlan>)>,
    /// The replays that measured the year's prices, when they were measured for this batch,
    /// and the place in `trials` of the first lever that needed them.
    prices: Option<(usize, usize)>,
    /// The replays that measured the price of basis for the harvests, and the harvests' place.
    basis: Option<(usize, usize)>,
}

impl Search<'_> {
    /// The trials of each of `levers` for year `t` of `best`: every candidate, or when there
    /// are more than [`SCREEN_KEEP`], the few the shadow prices rank best (measuring the
    /// prices if `prices` does not hold them yet). The estimates of all the levers run side
    /// by side. Nothing is counted yet: see [`Search::settle`].
    #[allow(clippy::too_many_arguments)]
    fn screened(
        &self,
        levers: &[Lever],
        found: &Candidates,
        best: &Schedule,
        t: usize,
        trail: &Trail,
        best_score: &Score,
        prices: &mut Option<Option<Prices>>,
    ) -> Ahead {
        let sc = self.scenario;
        let mut ahead = Ahead {
            trials: Vec::new(),
            prices: None,
            basis: None,
        };
        // The prices each lever is screened with: the year's, or for harvests the year's with
        // the price of basis (harvests change mainly the basis, priced only when screened).
        let mut with_basis: Option<Prices> = None;
        let mut screens: Vec<Option<bool>> = Vec::new();
        for &lever in levers {
            let plans = found.plans(lever, best.years[t]);
            if plans.is_empty() {
                continue;
            }
            let mut screen = None;
            if self.screen && plans.len() > SCREEN_KEEP {
                let p = prices.get_or_insert_with(|| {
                    let (p, replays) = prices_at(sc, best, t, trail, best_score);
                    ahead.prices = Some((replays, ahead.trials.len()));
                    p
                });
                if let Some(p) = p.as_ref() {
                    if lever != Lever::Harvest {
                        screen = Some(false);
                    } else {
                        let mut h = p.clone();
                        if !h.screens_harvests() {
                            let replays = h.measure_basis(sc, best, t, trail, best_score);
                            ahead.basis = Some((replays, ahead.trials.len()));
                        }
                        if h.screens_harvests() {
                            with_basis = Some(h);
                            screen = Some(true);
                        }
                    }
                }
            }
            screens.push(screen);
            ahead.trials.push((lever, plans));
        }
        let Some(from) = trail.at(t) else {
            return ahead;
        };
        let plain = prices.as_ref().and_then(|p| p.as_ref());
        // The incumbent's own year under each set of prices used, then every screened trial:
        // one year of the engine each, side by side.
        let mut jobs: Vec<(bool, YearPlan)> = Vec::new();
        for basis in [false, true] {
            if screens.contains(&Some(basis)) {
                jobs.push((basis, best.years[t]));
            }
        }
        let owns = jobs.len();
        for ((_, plans), screen) in ahead.trials.iter().zip(&screens) {
            if let Some(basis) = screen {
                jobs.extend(plans.iter().map(|y| (*basis, *y)));
            }
        }
        let chunks: Vec<&[(bool, YearPlan)]> = jobs.chunks(ESTIMATES_PER_JOB).collect();
        let estimates: Vec<f64> = map_busy(&chunks, |chunk| {
            chunk
                .iter()
                .map(|(basis, y)| {
                    let p = if *basis { with_basis.as_ref() } else { plain };
                    p.map_or(f64::NEG_INFINITY, |p| p.estimate(sc, best, t, *y, from))
                })
                .collect::<Vec<f64>>()
        })
        .concat();
        let own = |basis: bool| {
            jobs[..owns]
                .iter()
                .position(|j| j.0 == basis)
                .map_or(f64::NEG_INFINITY, |i| estimates[i])
        };
        let mut at = owns;
        for ((lever, plans), screen) in ahead.trials.iter_mut().zip(&screens) {
            let Some(basis) = screen else { continue };
            let mut ranked: Vec<(f64, YearPlan)> = estimates[at..at + plans.len()]
                .iter()
                .copied()
                .zip(plans.iter().copied())
                .collect();
            at += plans.len();
            // Stable, so equal estimates keep the candidates' order.
            ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
            let floor = own(*basis) - lever_doubt(*lever);
            *plans = ranked
                .into_iter()
                .take(SCREEN_KEEP)
                .filter(|(e, _)| *e >= floor)
                .map(|(_, y)| y)
                .collect();
        }
        ahead
    }

    /// Replays every trial of `ahead` from year `t` of the incumbent's trail, side by side,
    /// gathered in order.
    fn replay_year(
        &self,
        base: &Schedule,
        index: usize,
        trials: &[(Lever, Vec<YearPlan>)],
        trail: &Trail,
    ) -> Vec<Score> {
        let sc = self.scenario;
        let start = trail.at(index);
        let plans: Vec<YearPlan> = trials.iter().flat_map(|(_, p)| p.iter().copied()).collect();
        let one = |year: &YearPlan| {
            score_from(
                sc,
                &Patched {
                    base,
                    index,
                    year: *year,
                },
                start,
                None,
            )
        };
        // Collected in order: the answer does not depend on which thread ran what.
        map_busy(&plans, one)
    }

    /// Counts the work of a batch of levers: the replays of the levers up to the one that won
    /// (`cut`, its place in the batch) count as the search's projections, as they would one
    /// lever at a time; the `unused` trials after it, and prices measured for a lever after it
    /// (which are then forgotten, to be measured again on the new incumbent if needed), count
    /// as work run ahead and thrown away.
    fn settle(
        &mut self,
        ahead: &Ahead,
        cut: Option<usize>,
        unused: usize,
        prices: &mut Option<Option<Prices>>,
    ) {
        let kept = |at: usize| cut.is_none_or(|k| at <= k);
        self.ahead += unused;
        if let Some((replays, at)) = ahead.prices {
            if kept(at) {
                self.evaluations += replays;
            } else {
                self.ahead += replays;
                *prices = None;
            }
        }
        if let Some((replays, at)) = ahead.basis {
            if kept(at) {
                self.evaluations += replays;
            } else {
                self.ahead += replays;
            }
        }
    }
}

/// A coordinate descent between sweeps: the incumbent, its trail, and what each year's trials
/// (and each lever's) gained in the last sweep that tried them, which the next sweeps use to
/// leave out the years and levers of no use.
pub struct Descent {
    pub best: Schedule,
    pub score: Score,
    trail: Trail,
    /// The most any trial of each year gained in the last sweep that tried it.
    last_gain: Vec<f64>,
    /// The same for each lever of each year.
    lever_gain: Vec<[f64; Lever::ALL.len()]>,
    /// Sweeps run so far.
    sweeps: usize,
    /// Each year's candidates as last worked out, and where the year then opened.
    probed: Vec<Option<Probed>>,
    /// Trials that won so far: each changed the incumbent.
    wins: usize,
    /// For each year whose levers were last all tried without a win, the wins by then: while
    /// no trial wins anywhere, the incumbent and its trail stay as they were, and so would every
    /// trial of the year (none wins).
    tried: Vec<Option<usize>>,
}

/// A year's candidates and what they were worked out from: the state the year opened in and its
/// plan. The candidates depend on nothing else, so a later sweep that reaches the year in the
/// same state with the same plan has them without running the year again.
pub(super) struct Probed {
    from: PathState<f64>,
    plan: YearPlan,
    /// The levers whose candidates were worked out (the others' are left empty).
    levers: Levers,
    found: Candidates,
}

/// Whether a lever of a year is left out of a descent's later sweeps once its trials all lost.
/// Not conversions: a year's best conversion moves with the conversions around it, which the
/// same sweep changes (leaving out conversions too cost the $4m couple $21.68).
fn lever_goes_stale(lever: Lever) -> bool {
    lever != Lever::Convert
}

/// How far below the incumbent's own estimate a screened trial may be estimated and still be
/// replayed, today's dollars: the most the estimate was seen to understate a trial that then
/// gained, over every example (2026-12-01), with room to spare. A harvest that gained was never
/// estimated below the incumbent (25 winners of 3,129 trials), a conversion at most $2,774 below
/// it, a taxable sale $359; tax-deferred draws were misjudged by up to $33,000 (their secant
/// over a whole year's draw is poor), so they are always replayed.
pub(super) fn lever_doubt(lever: Lever) -> f64 {
    match lever {
        Lever::Harvest => 100.0,
        Lever::Convert => 5_000.0,
        Lever::Taxable => 1_000.0,
        Lever::Deferred => f64::INFINITY,
    }
}

/// The screen's one-year estimates are handed to the pool in jobs of at most this many (a job
/// of one would cost about as much to hand over as to run).
const ESTIMATES_PER_JOB: usize = 2;
/// `base` with the tax-deferred money converted evenly (in today's dollars) over its first
/// `years` years: a start the descent would not reach one year at a time.
pub fn even_spread(sc: &Scenario<f64>, base: &Schedule, deferred: f64, years: usize) -> Schedule {
    let mut out = base.clone();
    out.years.resize(sc.years.len(), YearPlan::default());
    let years = years.clamp(1, sc.years.len().max(1));
    // Growth on the balance left is not known in advance: the descent and polish correct it.
    let each = deferred / years as f64;
    for (t, y) in out.years.iter_mut().enumerate().take(years) {
        y.convert = (each * sc.years[t].price_level * 100.0).floor() / 100.0;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::optimize::{test_search, test_start};
    use crate::plan::demo_plan;

    #[test]
    fn a_sweep_after_one_that_changed_nothing_replays_nothing() {
        let (sc, idle) = test_start(&demo_plan());
        let cancel = AtomicBool::new(false);
        let mut search = test_search(&sc, &cancel);
        let mut d = search.begin(idle);
        // Sweep until a sweep wins nothing (the descent itself stops earlier, on a small gain).
        let mut quiet = false;
        for _ in 0..12 {
            let wins = d.wins;
            d = search
                .sweep_on(d, &|_| false, &mut |_| {})
                .expect("a sweep");
            if d.wins == wins {
                quiet = true;
                break;
            }
        }
        assert!(quiet, "the sweeps settle");
        let (runs, best, score) = (search.evaluations, d.best.clone(), d.score);
        let d = search
            .sweep_on(d, &|_| false, &mut |_| {})
            .expect("a sweep");
        assert_eq!(
            search.evaluations, runs,
            "every year was tried on this incumbent"
        );
        assert_eq!((d.best, d.score), (best, score));
    }

    #[test]
    fn a_probe_of_some_levers_finds_theirs_as_a_full_probe_does() {
        let (sc, idle) = test_start(&demo_plan());
        let cancel = AtomicBool::new(false);
        let t = 3;
        let mut search = test_search(&sc, &cancel);
        let mut d = search.begin(idle.clone());
        let full = search.probe(&d.best, t, &mut d.trail, &mut d.probed, Levers::ALL);
        for lever in Lever::ALL {
            assert!(!full.plans(lever, d.best.years[t]).is_empty(), "{lever:?}");
        }

        let mut search = test_search(&sc, &cancel);
        let mut d = search.begin(idle);
        let gains = [Lever::Taxable, Lever::Harvest].into_iter().collect();
        let some = search.probe(&d.best, t, &mut d.trail, &mut d.probed, gains);
        assert_eq!(some.taxable, full.taxable);
        assert_eq!(some.harvest, full.harvest);
        assert!(some.convert.is_empty() && some.deferred.is_empty());
        // Asked for every lever in the same state: the year runs once more, for the levers
        // left out, and the candidates are the full probe's.
        let runs = search.evaluations;
        let rest = search.probe(&d.best, t, &mut d.trail, &mut d.probed, Levers::ALL);
        assert_eq!(rest, full);
        assert_eq!(search.evaluations, runs + 1);
        let again = search.probe(&d.best, t, &mut d.trail, &mut d.probed, gains);
        assert_eq!(again, full);
        assert_eq!(search.evaluations, runs + 1, "every lever is known now");
    }

    #[test]
    fn a_probe_records_the_year_as_the_schedule_runs_it() {
        let (sc, idle) = test_start(&demo_plan());
        let cancel = AtomicBool::new(false);
        let mut search = test_search(&sc, &cancel);
        let mut d = search.begin(idle);
        // A trial won in year t: the probe that follows records the next year's opening.
        let t = 3;
        let mut changed = d.best.clone();
        changed.years[t].convert = 20_000.0;
        d.trail.changed_at(t);
        search.probe(&changed, t, &mut d.trail, &mut d.probed, Levers::ALL);
        // The solves of the candidates leave the search's hint where the year's own left it:
        // the state (hint included) is the one the schedule's own run records.
        let mut plain = Trail::default();
        search.score_recording(&changed, &mut plain);
        assert!(d.trail.at(t + 1).is_some());
        assert_eq!(d.trail.at(t + 1), plain.at(t + 1));
    }

    #[test]
    fn a_year_probed_again_in_the_same_state_keeps_its_candidates() {
        let (sc, idle) = test_start(&demo_plan());
        let cancel = AtomicBool::new(false);
        let mut search = test_search(&sc, &cancel);
        let mut d = search.begin(idle);
        let t = 3;
        let first = search.probe(&d.best, t, &mut d.trail, &mut d.probed, Levers::ALL);
        let runs = search.evaluations;
        let again = search.probe(&d.best, t, &mut d.trail, &mut d.probed, Levers::ALL);
        assert_eq!(again, first);
        assert_eq!(search.evaluations, runs, "the year is not run again");

        // A conversion two years before changes the state the year opens in: probed afresh, as
        // a search that never saw the first schedule probes it.
        let mut changed = d.best.clone();
        changed.years[1].convert = 20_000.0;
        d.trail.changed_at(1);
        search.rerecord(&changed, 1, &mut d.trail);
        let runs = search.evaluations;
        let fresh = search.probe(&changed, t, &mut d.trail, &mut d.probed, Levers::ALL);
        assert_eq!(search.evaluations, runs + 1);
        let mut other = test_search(&sc, &cancel);
        let mut e = other.begin(changed.clone());
        let expected = other.probe(&changed, t, &mut e.trail, &mut e.probed, Levers::ALL);
        assert_eq!(fresh, expected);
        assert_ne!(fresh, first, "the change moved the year's candidates");
    }
}
