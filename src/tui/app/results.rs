//! What the engine and the background work produced for the plan: the comparison (recomputed
//! by the runner), the market simulation's figures, the optimized columns, and the baseline.

use super::App;
use super::renumber::Renumbering;
use crate::compare::{Comparison, compare_with};
use crate::job::Update;
use crate::optimize::{OptimizeError, Optimized, OptimizerProgress, OptimizerUpdate};
use crate::plan::Plan;
use crate::sim::{SimResult, SimUpdate};
use crate::strategy::{Objective, StrategySpec};
use std::time::Instant;

/// Results of the background work, for the plan as it is.
#[derive(Debug, Default)]
pub struct Background {
    /// The latest simulation figures (partial while `progress` is set): the named strategies'
    /// and, once their searches have finished, the optimized strategies' policies'.
    pub risk: Option<SimResult>,
    /// The named strategies' figures, and the optimized strategies' policies' (run after the
    /// searches), that `risk` merges.
    pub named_risk: Option<SimResult>,
    pub policy_risk: Option<SimResult>,
    /// The plan's column names, the order the merged figures follow.
    pub order: Vec<String>,
    pub progress: Option<(usize, usize)>,
    /// The figures are from before the last change of the plan.
    pub stale: bool,
    pub error: Option<String>,
    pub optimized: Vec<Box<Optimized>>,
    /// Share done of each optimizer still running.
    pub optimizing: Vec<(Objective, f32)>,
    pub optimize_error: Option<String>,
    /// Counts updates taken in, for the view model.
    pub rev: u64,
}

impl Background {
    /// The plan changed: the figures are stale until the next run reports.
    pub fn restart(&mut self) {
        self.rev += 1;
        self.progress = None;
        self.error = None;
        self.optimized.clear();
        self.optimizing.clear();
        self.optimize_error = None;
        self.stale = self.risk.is_some();
        // The policies were built from the searches before the change.
        self.policy_risk = None;
    }

    /// `risk` from the named strategies' figures and the policies'.
    fn merge(&mut self) {
        self.risk = match (&self.named_risk, &self.policy_risk) {
            (Some(n), Some(p)) => Some(n.merged(p, &self.order)),
            (Some(n), None) => Some(n.clone()),
            (None, _) => None,
        };
    }

    /// Takes an update of the optimized strategies' policies' simulation.
    pub fn take_policy_simulation(&mut self, u: SimUpdate) {
        self.rev += 1;
        match u {
            Update::Progress(p) => self.policy_risk = Some(p.partial),
            Update::Done(Ok(result)) => self.policy_risk = Some(result),
            Update::Done(Err(crate::sim::SimError::Cancelled)) => {}
            Update::Done(Err(e)) => self.error = Some(e.to_string()),
        }
        self.merge();
    }

    pub fn take_simulation(&mut self, u: SimUpdate) {
        self.rev += 1;
        match u {
            Update::Progress(p) => {
                self.progress = Some((p.done, p.total));
                self.named_risk = Some(p.partial);
                self.stale = false;
                self.merge();
            }
            Update::Done(Ok(result)) => {
                self.progress = None;
                self.named_risk = Some(result);
                self.stale = false;
                self.merge();
            }
            Update::Done(Err(crate::sim::SimError::Cancelled)) => self.progress = None,
            Update::Done(Err(e)) => {
                self.progress = None;
                self.error = Some(e.to_string());
            }
        }
    }

    /// Takes an optimizer's update; returns whether a new optimized column arrived (a better
    /// answer found on the way replaces the column in place; the search's last one ends it).
    pub fn take_optimizer(&mut self, objective: Objective, u: OptimizerUpdate) -> bool {
        self.rev += 1;
        match u {
            Update::Progress(OptimizerProgress::Share(p)) => {
                match self.optimizing.iter_mut().find(|(o, _)| *o == objective) {
                    Some(slot) => slot.1 = p,
                    None => self.optimizing.push((objective, p)),
                }
                false
            }
            Update::Progress(OptimizerProgress::Found(o)) => {
                self.optimized.retain(|x| x.objective != o.objective);
                self.optimized.push(o);
                true
            }
            Update::Done(result) => {
                self.optimizing.retain(|(o, _)| *o != objective);
                match result {
                    Ok(o) => {
                        self.optimized.retain(|x| x.objective != o.objective);
                        self.optimized.push(o);
                        true
                    }
                    Err(OptimizeError::Cancelled) => false,
                    Err(e) => {
                        self.optimize_error = Some(e.to_string());
                        false
                    }
                }
            }
        }
    }

    /// The least share done among the running optimizers.
    pub fn optimize_progress(&self) -> Option<f32> {
        self.optimizing.iter().map(|(_, p)| *p).reduce(f32::min)
    }
}

/// Which of the plan's strategies a column shows, in terms that outlast a recompute: its kind
/// (named, or optimized for an objective) and how many columns of that kind come before it.
/// Each kind is in the comparison whole or not at all (every optimized strategy with one
/// objective waits on the same search), so the count holds while optimized columns come and go;
/// unlike the name, it also holds when an edit renames the strategy.
#[derive(Debug, Clone, PartialEq)]
pub struct Charted {
    objective: Option<Objective>,
    rank: usize,
}

impl Charted {
    fn of(c: &Comparison, column: usize) -> Option<Charted> {
        Charted::at(&c.specs, column)
    }

    /// The strategy at `index` of `specs`: a comparison's columns, or a plan's strategies (the
    /// count is the same in both, each kind being in the comparison whole or not at all).
    fn at(specs: &[StrategySpec], index: usize) -> Option<Charted> {
        let objective = specs.get(index)?.objective().cloned();
        let rank = specs[..index]
            .iter()
            .filter(|s| s.objective() == objective.as_ref())
            .count();
        Some(Charted { objective, rank })
    }

    fn column_in(&self, c: &Comparison) -> Option<usize> {
        self.index_in(&c.specs)
    }

    fn index_in(&self, specs: &[StrategySpec]) -> Option<usize> {
        specs
            .iter()
            .enumerate()
            .filter(|(_, s)| s.objective() == self.objective.as_ref())
            .nth(self.rank)
            .map(|(i, _)| i)
    }

    /// An optimized strategy whose search has not reported yet.
    fn is_pending_in(&self, c: &Comparison) -> bool {
        self.objective.is_some()
            && c.pending
                .iter()
                .any(|s| s.objective() == self.objective.as_ref())
    }
}

/// The plan and results pinned for comparison.
#[derive(Debug, Clone)]
pub struct Baseline {
    pub plan: Plan,
    pub comparison: Comparison,
    /// The market-risk figures at the time, when there were any.
    pub risk: Option<SimResult>,
}

impl App {
    /// Reruns every strategy on the current plan, with the optimized columns that are ready.
    pub fn recompute(&mut self) {
        let started = Instant::now();
        let charted = self.take_charted();
        let optimized: Vec<&Optimized> = self.background.optimized.iter().map(|o| &**o).collect();
        match compare_with(&self.plan, &optimized) {
            Ok(c) => {
                self.comparison = Some(c);
                self.engine_error = None;
            }
            Err(e) => self.engine_error = Some(e.to_string()),
        }
        self.last_recompute = started.elapsed();
        self.recomputes += 1;
        self.follow_charted(charted);
        self.year = self.year.min(self.years().saturating_sub(1));
    }

    /// The strategy charted. A strategy waiting for its column, or one whose place in the plan
    /// changed since the comparison was made, is still the one charted, unless the user has
    /// picked another column since.
    fn take_charted(&mut self) -> Option<Charted> {
        match self.charted_away.take() {
            Some((k, shown)) if shown == self.strategy => Some(k),
            _ => self
                .comparison
                .as_ref()
                .and_then(|c| Charted::of(c, self.strategy)),
        }
    }

    /// The plan's strategies were `before` and a change renumbered them as `places` says (as
    /// [`Renumbering::between`] finds when `None`): the chart keeps to the strategy it showed,
    /// or to the one now at its place when it is gone. Its kind and count would otherwise name
    /// a neighbour whenever a strategy of its kind came or went before it, or swapped places
    /// with it; the comparison is not remade until the batch of keys ends, so the strategy is
    /// held as the recompute holds a pending one.
    pub(super) fn chart_follows(&mut self, before: &[StrategySpec], places: Option<Renumbering>) {
        if self.plan.strategies == before {
            return;
        }
        let Some(k) = self.take_charted() else {
            return;
        };
        let places = places.unwrap_or_else(|| Renumbering::between(before, &self.plan.strategies));
        let k = k
            .index_in(before)
            .and_then(|i| places.to(i))
            .and_then(|i| Charted::at(&self.plan.strategies, i))
            .unwrap_or(k);
        self.charted_away = Some((k, self.strategy));
    }

    /// The column of the strategy charted before a recompute, `charted`, in the new comparison.
    /// The column set changes under a fixed index: a change of the plan takes the optimized
    /// columns out until their searches report again, so an index would chart a neighbour.
    fn follow_charted(&mut self, charted: Option<Charted>) {
        self.strategy = self.strategy.min(self.strategies().saturating_sub(1));
        let (Some(k), Some(c)) = (charted, &self.comparison) else {
            return;
        };
        match k.column_in(c) {
            Some(i) => self.strategy = i,
            // Searching again: a neighbour stands in, and the chart goes back to it when its
            // column arrives.
            None if k.is_pending_in(c) => self.charted_away = Some((k, self.strategy)),
            // Removed: a neighbour, as before.
            None => {}
        }
    }

    pub(super) fn toggle_baseline(&mut self) {
        if self.baseline.take().is_some() {
            self.say("baseline cleared");
            return;
        }
        if let Some(c) = &self.comparison {
            self.baseline = Some(Baseline {
                plan: self.plan.clone(),
                comparison: c.clone(),
                risk: self.background.risk.clone(),
            });
            self.say("baseline pinned: changes now show against it (b to clear)");
        }
    }
}
