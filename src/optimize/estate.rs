//! The estate objective: the largest after-tax estate at the horizon with the plan's spending
//! (more years funded first when the money runs out).

use super::awake::map_busy;
use super::curve::marketplace_years;
use super::moves::convertible_years;
use super::schedule::{Schedule, YearPlan};
use super::score::at_least;
use super::search::{Descent, Search, even_spread};
use super::steady::best_steady;
use super::{Budget, MAX_SWEEPS, OptimizeError, Optimized, named_projections, named_specs};
use crate::engine::{Outcome, Projection, ReturnPath, Scenario, outcome, project, run_lean};
use crate::plan::{AccountKind, Plan};
use crate::strategy::{Objective, StrategySpec, build_named};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

/// Share of the progress bar the named strategies take; the search has the rest.
const NAMED_SHARE: f32 = 0.05;
const STARTS: usize = 2;
/// Rounds of moves across years (and descent again) after the first descent: the moves gained
/// under $1,000 on every example at a third of the work or more, so they run once.
const POLISH_ROUNDS: usize = 1;
/// A polish must gain this much (today's dollars) for the descent to run again.
const POLISH_GAIN: f64 = 10.0;
/// Rounds of draws to the next edge (see beyond.rs) at most: a guard, each must gain.
const BEYOND_ROUNDS: usize = 8;

/// A schedule and its score on the fast books.
type Found = (Schedule, super::Score);

pub(super) fn maximise(
    plan: &Plan,
    budget: &Budget,
    started: Instant,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(f32),
    partial: Option<&mut dyn FnMut(Optimized)>,
) -> Result<Optimized, OptimizeError> {
    let scenario = Scenario::<Decimal>::build(plan, &ReturnPath::constant(plan))?;
    let quick = scenario.to_f64();
    // The named strategies, exactly: the value to beat.
    let named = named_projections(plan, &scenario, &quick);
    let best = best_named(&named);
    let mut search = Search::new(&quick, cancel, MAX_SWEEPS, budget, started);

    let starts = starts(plan, &scenario, &quick, &named, best, &mut search);
    progress(NAMED_SHARE);
    let mut stages: Vec<Stage> = Vec::new();
    let mut partial = partial;
    // Each stage that improves on the last answer shown shows its own (in the planner, where
    // the column then refines in place); the exact books decide each as they do the last.
    let mut shown = f64::NEG_INFINITY;
    let mut report =
        |name: &'static str, found: &Found, search: &Search, stages: &mut Vec<Stage>| {
            stages.push(Stage {
                name,
                evaluations: search.evaluations,
                estate: found.1.estate,
            });
            if let Some(show) = partial.as_mut()
                && found.1.lasting + found.1.estate * 1e-12 > shown
            {
                shown = found.1.lasting + found.1.estate * 1e-12;
                show(finish(
                    &scenario,
                    &quick,
                    &named,
                    best,
                    found.0.clone(),
                    search,
                    stages.clone(),
                ));
            }
        };
    // One sweep from each start picks the starts to go on with: the one that leads after it,
    // and the one whose sweep climbed most, when that is another (a start still climbing
    // steeply often ends above the one a single sweep put ahead: see "The optimized strategy"
    // in the README). Each descends until it settles, then moves across years.
    // The starts' sweeps are independent, so they run side by side (each on its own share of
    // the budget), and are then taken in order as if they had run one after another.
    let count = starts.len().max(1) as f32 + 2.0;
    search.max_sweeps = 1;
    let ways = starts.len();
    let swept: Vec<(Result<Descent, OptimizeError>, Search)> = map_busy(&starts, |(start, _)| {
        let mut fork = search.fork(ways);
        let begun = fork.begin(start.clone());
        (fork.sweep_on(begun, &|_| false, &mut |_| {}), fork)
    });
    let mut descents: Vec<Option<Descent>> = Vec::new();
    let mut climbs: Vec<super::Score> = Vec::new();
    let mut leader: Option<usize> = None;
    for (k, ((descent, fork), (_, from))) in swept.into_iter().zip(&starts).enumerate() {
        search.join(&fork);
        let descent = descent?;
        progress(NAMED_SHARE + (1.0 - NAMED_SHARE) * (k + 1) as f32 / count);
        climbs.push(climb(from, &descent.score));
        let leads = leader
            .and_then(|l| descents[l].as_ref())
            .is_none_or(|l: &Descent| descent.score.beats(&l.score, 0.0));
        if leads {
            let found = (descent.best.clone(), descent.score);
            report("one sweep from a start", &found, &search, &mut stages);
            leader = Some(k);
        }
        descents.push(Some(descent));
    }
    let climber = (0..climbs.len())
        // The largest climb; the first of equals.
        .min_by(|&a, &b| climbs[b].rank(&climbs[a]))
        .filter(|c| Some(*c) != leader);
    let kept: Vec<Descent> = leader
        .into_iter()
        .chain(climber)
        .filter_map(|k| descents[k].take())
        .collect();
    // The others' trails and candidates are freed now, for the descents to reuse that memory
    // (kept to the end, they cost the demo's search a tenth more time).
    drop(descents);
    search.max_sweeps = MAX_SWEEPS;
    let mut best_found: Option<Found> = None;
    // Each kept start's share of the progress bar: its descent, then its moves.
    let per = 2.0 / kept.len().max(1) as f32;
    for (j, descent) in kept.into_iter().enumerate() {
        let base = count - 2.0 + per * j as f32;
        let share = |f: f32| NAMED_SHARE + (1.0 - NAMED_SHARE) * (base + f * per / 2.0) / count;
        // A stage's figure is the best schedule found by its end, whichever start found it.
        let mut stage = |name: &'static str, found: &Found, search: &Search| {
            let best = match &best_found {
                Some(b) if !found.1.beats(&b.1, 0.0) => b,
                _ => found,
            };
            report(name, best, search, &mut stages);
        };
        // The descent goes on from the start's first sweep, which already tells which years
        // and levers the next sweeps may leave out.
        let found = (descent.best.clone(), descent.score);
        let settled = search.sweep_on(descent, &|_| false, &mut |f| progress(share(f)))?;
        let settled = (settled.best, settled.score);
        let found = if settled.1.beats(&found.1, 0.0) {
            settled
        } else {
            found
        };
        let name = if j == 0 {
            "descent from the leading start"
        } else {
            "descent from the start that climbed most"
        };
        stage(name, &found, &search);
        let found = polish_rounds(
            &mut search,
            &quick,
            found,
            &mut |f| progress(share(1.0 + f)),
            &mut stage,
        )?;
        if best_found.as_ref().is_none_or(|b| found.1.beats(&b.1, 0.0)) {
            best_found = Some(found);
        }
    }
    // Then the best steady conversion of each order, when it beats that answer: it descends and
    // moves as the kept starts did (see steady.rs; the best of the answers stands, so no answer
    // gets worse). Both orders go on when both beat it: the better one's descent can end below
    // the other's.
    let horizon = quick.years.len();
    let before_rmd = years_before_rmd(&named[best].0, horizon);
    if let Some(mut leading) = best_found.take() {
        let mut show =
            |name, found: &Found, search: &Search| report(name, found, search, &mut stages);
        let steadies = best_steady(&quick, deferred_money(&quick), before_rmd, &mut search);
        leading = descend_from_rivals(
            &mut search,
            &quick,
            leading,
            steadies,
            "descent from the best steady conversion",
            &mut show,
        )?;
        // Then the planner's other named strategies, when the plan leaves them out and one
        // beats the answer: the answer must not depend on which columns the plan shows.
        let others = unlisted(plan, &scenario, &quick, &mut search);
        leading = descend_from_rivals(
            &mut search,
            &quick,
            leading,
            others,
            "descent from a named strategy the plan leaves out",
            &mut show,
        )?;
        // Then the answer's own conversions with the plainest draws (cash, taxable, tax-deferred,
        // Roth: what a Schedule strategy entered with conversions only does): the descent keeps
        // a year's draws where moving them alone loses, though moving every year's at once can
        // gain (a single filer of 64 drew some $3,500 of tax-deferred money a year for nine
        // years: each year's alone cost $450-640 to give up, all of them together gained
        // $3,856).
        let plain = plain_draws(&quick, &leading.0);
        search.evaluations += 1;
        let plain = search.score_each(plain);
        let before_plain = leading.clone();
        leading = descend_from_rivals(
            &mut search,
            &quick,
            leading,
            plain,
            "descent from the answer's conversions with plain draws",
            &mut show,
        )?;
        // Then tax-deferred draws up to the next edge whatever the need (see beyond.rs): the
        // best rival only, since a descent costs hundreds of projections and most rivals differ
        // by a few dollars; rounds while one gains, each from the answer the last left.
        for _ in 0..BEYOND_ROUNDS {
            let beyond = search.beyond_need(&leading.0).into_iter().collect();
            let before = leading.1;
            leading = descend_from_rivals(
                &mut search,
                &quick,
                leading,
                beyond,
                "descent from a draw beyond the need",
                &mut show,
            )?;
            if !leading.1.beats(&before, POLISH_GAIN) {
                break;
            }
        }
        // Last, the Marketplace years between their edges (see curve.rs): kept only where it
        // gains. From the answer before the plain draws too, when those replaced it: the steps
        // are local, and from the two answers they can end in either order (on a couple of 63
        // and 67, $1,338 lower from the new one alone).
        let years = marketplace_years(&quick);
        if !years.is_empty() {
            let replaced = leading.0 != before_plain.0;
            leading = search.curve(leading, &years)?;
            if replaced {
                let other = search.curve(before_plain, &years)?;
                if other.1.beats(&leading.1, 0.0) {
                    leading = other;
                }
            }
            show("Marketplace years between their edges", &leading, &search);
        }
        best_found = Some(leading);
    }
    let schedule = best_found.map(|b| b.0).unwrap_or_default();
    Ok(finish(
        &scenario, &quick, &named, best, schedule, &search, stages,
    ))
}

/// Descends and moves across years from each of `rivals` that beats `leading` (the answer so
/// far), as from the kept starts, and keeps the best of the answers, so none gets worse. Every
/// rival that beats the answer goes on, not only the best: the better one's descent can end
/// below another's. `report` gets each stage's best by then, as `name` and the polish name them.
fn descend_from_rivals(
    search: &mut Search,
    quick: &Scenario<f64>,
    mut leading: Found,
    rivals: Vec<Found>,
    name: &'static str,
    report: &mut dyn FnMut(&'static str, &Found, &Search),
) -> Result<Found, OptimizeError> {
    let before = leading.1;
    for rival in rivals.into_iter().filter(|s| s.1.beats(&before, 0.0)) {
        let mut stage = |name: &'static str, at: &Found, search: &Search| {
            let best = if at.1.beats(&leading.1, 0.0) {
                at
            } else {
                &leading
            };
            report(name, best, search);
        };
        let descended = search.descend(rival.0, &|_| false, &mut |_| {})?;
        stage(name, &descended, search);
        let settled = polish_rounds(search, quick, descended, &mut |_| {}, &mut stage)?;
        if settled.1.beats(&leading.1, 0.0) {
            leading = settled;
        }
    }
    Ok(leading)
}

/// Moves across years from `found`, and the descent again from wherever they lead, until
/// neither gains. `progress` gets the share of the rounds done; `stage` each stage's answer.
fn polish_rounds(
    search: &mut Search,
    quick: &Scenario<f64>,
    mut found: Found,
    progress: &mut dyn FnMut(f32),
    stage: &mut dyn FnMut(&'static str, &Found, &Search),
) -> Result<Found, OptimizeError> {
    for round in 0..POLISH_ROUNDS {
        let active = convertible_years(quick, &found.0);
        let f0 = round as f32 / POLISH_ROUNDS as f32;
        let polished = search.polish(found.clone(), active, &mut |f| {
            progress(f0 + f / POLISH_ROUNDS as f32)
        })?;
        stage("moves across years", &polished, search);
        if !polished.1.beats(&found.1, POLISH_GAIN) {
            return Ok(polished);
        }
        found = search.descend(polished.0, &|_| false, &mut |_| {})?;
        stage("descent again", &found, search);
    }
    Ok(found)
}

/// `s`'s conversions, harvests and fixed draws, with each year's need met from cash, then
/// taxable sales, then tax-deferred money, then Roth; and the same with each year's conversion
/// less what the year drew from Roth (as the answer is shown: see [`untangle`]), learnt from
/// one projection of `s`.
fn plain_draws(quick: &Scenario<f64>, s: &Schedule) -> Vec<Schedule> {
    let plain = |y: &YearPlan| YearPlan {
        deferred: 0.0,
        cash: f64::INFINITY,
        taxable: f64::INFINITY,
        roth: 0.0,
        ..*y
    };
    let as_is = Schedule {
        years: s.years.iter().map(plain).collect(),
    };
    let mut untangled = as_is.clone();
    let mut t = 0;
    run_lean(quick, quick, s, |r| {
        if let Some(y) = untangled.years.get_mut(t) {
            y.convert = (r.conversion - r.roth_draw).max(0.0).min(y.convert);
        }
        t += 1;
    });
    if untangled == as_is {
        vec![as_is]
    } else {
        vec![as_is, untangled]
    }
}

/// The tax-deferred money at the start.
fn deferred_money(quick: &Scenario<f64>) -> f64 {
    quick
        .accounts
        .iter()
        .filter(|a| a.kind == AccountKind::Deferred)
        .map(|a| a.balance)
        .sum()
}

/// The years before `p`'s first RMD (all of them when it has none).
fn years_before_rmd(p: &Projection<Decimal>, horizon: usize) -> usize {
    p.rows
        .iter()
        .position(|r| r.rmd > Decimal::ZERO)
        .unwrap_or(horizon)
}

/// How far a start's first sweep took it: the years lasting and the estate it added (a score
/// of differences, ranked as scores are).
fn climb(from: &super::Score, to: &super::Score) -> super::Score {
    super::Score {
        lasting: to.lasting - from.lasting,
        estate: to.estate - from.estate,
        lasts: to.lasts,
    }
}

/// Where the descent starts: the named strategies whose own years score best on the fast books,
/// the conventional order's years, and an even spread of the tax-deferred money converted.
fn starts(
    plan: &Plan,
    scenario: &Scenario<Decimal>,
    quick: &Scenario<f64>,
    named: &[(Projection<Decimal>, Outcome)],
    best: usize,
    search: &mut Search,
) -> Vec<Found> {
    // Start from each of the named strategies' years that score best on the fast books.
    let schedules: Vec<Schedule> = named
        .iter()
        .map(|(p, _)| Schedule::from_projection(p))
        .collect();
    let mut starts = search.score_each(schedules);
    let conventional = named_specs(plan)
        .iter()
        .position(|s| *s == StrategySpec::Conventional)
        .and_then(|i| starts.get(i).cloned());
    // Best first (a stable sort keeps the plan's order among equals); strategies that did the
    // same thing are one start.
    starts.sort_by(|a, b| {
        b.1.lasting
            .total_cmp(&a.1.lasting)
            .then(b.1.estate.total_cmp(&a.1.estate))
    });
    starts.dedup_by(|a, b| a.1 == b.1);
    starts.truncate(STARTS);
    // And the conventional order's years, however they score: taxable money first leaves the
    // tax-deferred money whole, the corner farthest from the bracket-filling strategies that
    // usually score best, and a descent from there reaches optima theirs do not.
    let conventional = conventional.or_else(|| taxable_first(scenario, quick, search));
    if let Some(c) = conventional
        && !starts.iter().any(|s| s.1 == c.1)
    {
        starts.push(c);
    }
    // And the best of the even spreads of the tax-deferred money over the years before the
    // first RMD (and over half of them), on top of the best named strategy's draws.
    if let Some((first, _)) = starts.first().cloned() {
        let deferred = deferred_money(quick);
        let before_rmd = years_before_rmd(&named[best].0, quick.years.len());
        if deferred > 0.0 && before_rmd > 0 {
            let spreads: Vec<Schedule> = [before_rmd, before_rmd.div_ceil(2)]
                .iter()
                .map(|k| even_spread(quick, &first, deferred, *k))
                .collect();
            if let Some(pick) = search
                .score_each(spreads)
                .into_iter()
                .reduce(|a, b| if b.1.beats(&a.1, 0.0) { b } else { a })
            {
                starts.push(pick);
            }
        }
    }
    starts
}

/// The years of each of the planner's default named strategies that the plan does not list,
/// and their scores on the fast books, best first. Not the conventional order's: it is a start
/// whether listed or not, and every start scores below the answer.
fn unlisted(
    plan: &Plan,
    scenario: &Scenario<Decimal>,
    quick: &Scenario<f64>,
    search: &mut Search,
) -> Vec<Found> {
    let listed = named_specs(plan);
    let specs: Vec<StrategySpec> = StrategySpec::defaults()
        .into_iter()
        .filter(|s| *s != StrategySpec::Conventional && !listed.contains(s))
        .collect();
    let mut found = named_years(scenario, quick, &specs, search);
    found.sort_by(|a, b| b.1.rank(&a.1));
    found
}

/// The conventional order's years and their score on the fast books: for a plan that does not
/// list it.
fn taxable_first(
    scenario: &Scenario<Decimal>,
    quick: &Scenario<f64>,
    search: &mut Search,
) -> Option<Found> {
    named_years(scenario, quick, &[StrategySpec::Conventional], search).pop()
}

/// Each of `specs`' years, projected exactly as the plan's own strategies are (side by side),
/// and their scores on the fast books, in order.
fn named_years(
    scenario: &Scenario<Decimal>,
    quick: &Scenario<f64>,
    specs: &[StrategySpec],
    search: &mut Search,
) -> Vec<Found> {
    let schedules = map_busy(specs, |spec| {
        let strategy = build_named(spec, spec.name());
        Schedule::from_projection(&project(scenario, quick, strategy.as_ref()))
    });
    search.score_each(schedules)
}

/// What one stage of the search had reached: the projections run by its end and the estate
/// (today's dollars, on the fast books) of the best schedule by then.
#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    pub name: &'static str,
    pub evaluations: usize,
    pub estate: f64,
}

/// The answer for `schedule`: projected exactly, in its plainer form when that stands, and the
/// best named strategy's own years when the search could not beat them exactly.
fn finish(
    scenario: &Scenario<Decimal>,
    quick: &Scenario<f64>,
    named: &[(Projection<Decimal>, Outcome)],
    best: usize,
    schedule: Schedule,
    search: &Search,
    stages: Vec<Stage>,
) -> Optimized {
    // The exact books decide; the named strategy stands when the search cannot beat it.
    let mut projection = project(scenario, quick, &schedule);
    let mut result = outcome(&projection, &scenario.estate_ages);
    let mut schedule = schedule;
    if let Some(plain) = untangle(&schedule, &projection) {
        let p = project(scenario, quick, &plain);
        let o = outcome(&p, &scenario.estate_ages);
        // The two forms differ only by the rounding of each year's amounts to the cent, so
        // the plainer one stands unless it is worse by more than a dollar.
        let close = o.years_lasting >= result.years_lasting
            && o.estate_real >= result.estate_real - Decimal::ONE;
        if at_least(&o, &result) || close {
            (schedule, projection, result) = (plain, p, o);
        }
    }
    let (best_projection, best_outcome) = (&named[best].0, &named[best].1);
    if !at_least(&result, best_outcome) {
        (schedule, projection, result) = relabel(best_projection, best_outcome);
    }
    Optimized {
        objective: Objective::Estate,
        schedule,
        value: result.estate_real,
        best_named: (best_outcome.strategy.clone(), best_outcome.estate_real),
        best_named_outcome: best_outcome.clone(),
        projection,
        outcome: result,
        evaluations: search.evaluations,
        budget_spent: search.exhausted,
        stages,
        provisional: false,
    }
}

/// The first of the best named strategies on the estate objective.
fn best_named(named: &[(Projection<Decimal>, Outcome)]) -> usize {
    let mut best = 0;
    for (i, (_, o)) in named.iter().enumerate() {
        if !at_least(&named[best].1, o) {
            best = i;
        }
    }
    best
}

/// A named strategy's years as the optimized strategy's.
pub(super) fn relabel(
    p: &Projection<Decimal>,
    o: &Outcome,
) -> (Schedule, Projection<Decimal>, Outcome) {
    let mut p = p.clone();
    p.strategy = "Optimized".into();
    let mut o = o.clone();
    o.strategy = "Optimized".into();
    (Schedule::from_projection(&p), p, o)
}

/// The schedule without same-year conversions and Roth draws, when the search left any: a year
/// that converts $c and draws $r from Roth pays the same tax as one that draws min(c, r) more
/// from tax-deferred and converts that much less, and ends with the same balances, so the
/// plainer form is shown (`None` when there is nothing to untangle). The exact books decide
/// whether it stands.
fn untangle(schedule: &Schedule, p: &Projection<Decimal>) -> Option<Schedule> {
    let mut out = schedule.clone();
    let mut changed = false;
    for (t, r) in p.rows.iter().enumerate() {
        let both = r.conversion.min(r.roth_draw);
        if both <= Decimal::ZERO || t >= out.years.len() {
            continue;
        }
        let m = both.to_f64().unwrap_or(0.0);
        let y = &mut out.years[t];
        y.convert = (r.conversion.to_f64().unwrap_or(0.0) - m).max(0.0);
        // The capped draw on top of any drawn whatever the need (`fixed`, unchanged).
        y.deferred = (r.deferred_draw - r.fixed_deferred).to_f64().unwrap_or(0.0) + m;
        changed = true;
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::demo_plan;

    /// The starts of `plan`'s search, and the conventional order's years projected exactly.
    fn starts_of(plan: &Plan) -> (Vec<(Schedule, super::super::Score)>, Schedule) {
        let scenario = Scenario::<Decimal>::build(plan, &ReturnPath::constant(plan)).unwrap();
        let quick = scenario.to_f64();
        let named = named_projections(plan, &scenario, &quick);
        let best = best_named(&named);
        let cancel = AtomicBool::new(false);
        let mut search = super::super::test_search(&quick, &cancel);
        let found = starts(plan, &scenario, &quick, &named, best, &mut search);
        let spec = StrategySpec::Conventional;
        let conventional = build_named(&spec, spec.name());
        let years = Schedule::from_projection(&project(&scenario, &quick, conventional.as_ref()));
        (found, years)
    }

    #[test]
    fn the_conventional_order_is_a_start_however_it_ranks() {
        let plan = demo_plan();
        let (found, conventional) = starts_of(&plan);
        // On the demo it scores below the two best named strategies, which start first.
        let at = found.iter().position(|s| s.0 == conventional);
        assert_eq!(
            at,
            Some(STARTS),
            "{:?}",
            found.iter().map(|s| s.1).collect::<Vec<_>>()
        );
        assert!(
            found[..STARTS]
                .iter()
                .all(|s| s.1.beats(&found[STARTS].1, 0.0))
        );
        // And a plan that does not list it starts from it all the same.
        let mut unlisted = plan.clone();
        unlisted
            .strategies
            .retain(|s| *s != StrategySpec::Conventional);
        assert!(unlisted.strategies.len() < plan.strategies.len());
        let (found, _) = starts_of(&unlisted);
        assert!(found.iter().any(|s| s.0 == conventional));
    }

    #[test]
    fn the_conventional_order_among_the_best_is_one_start() {
        let mut plan = demo_plan();
        plan.strategies = vec![StrategySpec::Conventional, StrategySpec::RothBeforeDeferred];
        let (found, conventional) = starts_of(&plan);
        assert_eq!(found.iter().filter(|s| s.0 == conventional).count(), 1);
        // The two named strategies and the even spread.
        assert_eq!(found.len(), STARTS + 1);
    }
}
