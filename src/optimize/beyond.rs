//! Tax-deferred draws up to the next edge, whatever the need, as rivals of the answer.
//!
//! A year may draw tax-deferred money first, up to an edge of its ordinary income, and
//! reinvest in the taxable account what its need and the tax leave (the schedule's `fixed`
//! draw): a low bracket filled with money the heirs would otherwise get taxed, or that RMDs
//! would draw later in a higher one. The descent caps a year's draw for its need and moves one
//! year at a time, so it cannot reach such a schedule where it means converting less in
//! earlier years: a couple of 67 and 68 with $0.5m converted $300,000 in four years and left
//! the next twenty years' standard deduction unused; drawing to its edge each of those years
//! (and converting less early) left the heirs $55,700 more. So, once the answer has settled,
//! each year with tax-deferred money tries drawing to each of its next two edges, and all the
//! years that gain try it at once; the best rival that beats the answer is descended from, as
//! other rivals are, and the round repeats while it gains. (As candidates of the descent's
//! tax-deferred lever, draws beyond the need moved its path and lost elsewhere, the demo's
//! search taking 63% more projections: measured, 2026-12-05.)

use super::candidates::{Lever, Levers, candidates};
use super::schedule::{Schedule, YearPlan};
use super::score::Trail;
use super::search::{MARGIN, Search};
use crate::engine::{Source, Strategy, YearContext, run_lean};
use crate::strategy::Decision;
use std::sync::Mutex;

/// Edges above the year's ordinary income tried per year: the next, and the one after.
const EDGES_PER_YEAR: usize = 2;
/// Less than this beyond the need (nominal dollars) is not worth a trial.
const SMALLEST: f64 = 100.0;

/// Runs a schedule and records, in each year with tax-deferred money left, how much more
/// ordinary income takes the year to each edge above it.
struct EdgeProbe<'a> {
    schedule: &'a Schedule,
    found: Mutex<Vec<Vec<f64>>>,
}

impl Strategy for EdgeProbe<'_> {
    fn name(&self) -> String {
        "Optimized".into()
    }

    fn decide(&self, ctx: &YearContext<'_, f64>) -> Decision<f64> {
        let plan = self.schedule.year(ctx.index);
        let room: Vec<f64> = if ctx.available(Source::Deferred) > SMALLEST {
            // The conversion's candidates are the edges of ordinary income, as amounts of
            // conversion: each one above the year's own conversion is that much more income.
            candidates(ctx, plan, Levers::NONE.with(Lever::Convert))
                .convert
                .iter()
                .filter(|c| c.is_finite())
                .map(|c| c - plan.convert.max(0.0))
                .filter(|extra| *extra >= SMALLEST)
                .take(EDGES_PER_YEAR)
                .collect()
        } else {
            Vec::new()
        };
        if let Ok(mut found) = self.found.lock() {
            found.push(room);
        }
        plan.decision()
    }
}

impl Search<'_> {
    /// Rivals of `answer`: one year at a time drawing tax-deferred money up to each of the next
    /// edges of its ordinary income, whatever its need; and every year whose rival beats the
    /// answer so drawing at once (years apart interact little, and a low bracket left empty
    /// year after year is filled in one step). The best of them, scored (the first of equals).
    pub fn beyond_need(&mut self, answer: &Schedule) -> Option<(Schedule, super::Score)> {
        if self.spent() {
            return None;
        }
        let probe = EdgeProbe {
            schedule: answer,
            found: Mutex::new(Vec::new()),
        };
        let mut drawn = Vec::new();
        run_lean(self.scenario, self.scenario, &probe, |row| {
            drawn.push(row.deferred_draw);
        });
        self.evaluations += 1;
        let room = probe.found.into_inner().unwrap_or_default();
        // The year's whole tax-deferred draw is made first, whatever the need: its own draw and
        // the extra; the need then takes what it needs of it, and the rest of the order the rest.
        let trials: Vec<(Schedule, usize)> = room
            .iter()
            .zip(&drawn)
            .enumerate()
            .flat_map(|(t, (edges, drawn))| {
                edges.iter().filter_map(move |extra| {
                    let mut s = answer.clone();
                    let y = s.years.get_mut(t)?;
                    *y = YearPlan {
                        fixed: drawn + extra,
                        deferred: 0.0,
                        ..*y
                    };
                    Some((s, t))
                })
            })
            .collect();
        if trials.is_empty() {
            return None;
        }
        let mut trail = Trail::default();
        let now = self.score_recording(answer, &mut trail);
        let scores = self.score_all(&trials, &trail);
        let mut best_of_year: Vec<Option<usize>> = vec![None; answer.years.len()];
        for (k, ((_, t), score)) in trials.iter().zip(&scores).enumerate() {
            if let Some(slot) = best_of_year.get_mut(*t)
                && score.beats(slot.map_or(&now, |b| &scores[b]), MARGIN)
            {
                *slot = Some(k);
            }
        }
        let mut together = answer.clone();
        for (t, k) in best_of_year.iter().enumerate() {
            if let Some(k) = k {
                together.years[t] = trials[*k].0.years[t];
            }
        }
        let mut out: Vec<(Schedule, super::Score)> =
            trials.into_iter().map(|(s, _)| s).zip(scores).collect();
        if best_of_year.iter().flatten().count() > 1 {
            out.extend(self.score_each(vec![together]));
        }
        out.into_iter().min_by(|a, b| b.1.rank(&a.1))
    }
}
