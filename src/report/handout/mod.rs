//! The client handout: one self-contained HTML file (inline CSS and SVG, no scripts, no
//! network) that opens in any browser and prints on Letter or A4 without cut charts.
//!
//! Sections: the household, the headline takeaway, this year's actions, the strategies side by
//! side, income by source and taxes by year for the recommended and the conventional strategy,
//! market risk with the wealth fan, the year-by-year table, the first five years explained, the
//! assumptions, and the note that it is a projection, not advice.
//!
//! [`handout_html`] renders a plan from results the caller already has (the planner keeps its
//! comparison and simulation); [`handout_for_plan`] computes them first. A named scenario is
//! another plan: pass it with its own comparison and name it in [`HandoutOptions::scenario`].

mod charts;
pub mod series;
mod story;
pub mod svg;
mod tables;

use crate::compare::Comparison;
use crate::compare::{compare_all, optimized_policies};
use crate::engine::EngineError;
use crate::money::{format_compact, format_thousands};
use crate::optimize::{Budget, OptimizeError, Optimized};
use crate::plan::Plan;
use crate::report::actions::{ActionsError, actions_for_years};
use crate::report::recommend::{conventional, recommended, recommended_named};
use crate::report::shown::Shown;
use crate::sim::{SimError, SimResult, default_threads, simulate, simulate_strategies};
use crate::strategy::unique_names;
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;
use series::stack_years;
use std::fmt::Write as _;
use std::sync::atomic::AtomicBool;
use svg::esc;
use thiserror::Error;

/// The stylesheet, kept as a file of its own.
const CSS: &str = include_str!("handout.css");

/// How many years the explanations cover.
pub const EXPLAINED_YEARS: usize = 5;

#[derive(Debug, Error)]
pub enum HandoutError {
    #[error(transparent)]
    Engine(#[from] EngineError),
    #[error(transparent)]
    Optimize(#[from] OptimizeError),
    /// Not `#[from]`: that would make the simulation's error this one's source as well as part
    /// of its message, and a chain printed whole (`{:#}`) said it twice.
    #[error("market simulation: {0}")]
    Sim(SimError),
    #[error(transparent)]
    Actions(#[from] ActionsError),
    #[error("the plan compares no strategy")]
    NoStrategy,
}

impl From<SimError> for HandoutError {
    fn from(e: SimError) -> HandoutError {
        HandoutError::Sim(e)
    }
}

/// Choices for a handout.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HandoutOptions {
    /// Privacy mode: names of the plan, people and accounts hidden, amounts rounded to $k.
    pub private: bool,
    /// The named scenario this plan is, shown under the title.
    pub scenario: Option<String>,
}

/// Computes what the handout shows (every strategy, each optimized one searched within
/// `budget`, and the plan's own market simulation) and renders it.
pub fn handout_for_plan(
    plan: &Plan,
    budget: &Budget,
    options: &HandoutOptions,
) -> Result<String, HandoutError> {
    let cancel = AtomicBool::new(false);
    // The search runs on one core; the simulation runs beside it (its figures do not depend on
    // how many threads share it).
    let (compared, risk) = std::thread::scope(|scope| {
        let sim = scope.spawn(|| simulate(plan, &plan.assumptions.simulation, &cancel, |_| {}));
        let compared = compare_all(plan, budget, &cancel);
        let risk = sim
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (compared, risk)
    });
    let (c, found) = compared?;
    let mut risk = risk?;
    // The optimized strategies for the estate run on each path as their answer's policy, after
    // the search (the named strategies ran beside it).
    let refs: Vec<&Optimized> = found.iter().collect();
    let policies = optimized_policies(plan, &refs);
    if !policies.is_empty() {
        let settings = &plan.assumptions.simulation;
        let extra = simulate_strategies(
            plan,
            settings,
            &policies,
            default_threads(),
            &cancel,
            |_| {},
        )?;
        risk = risk.merged(&extra, &unique_names(&plan.strategies));
    }
    handout_html(plan, &c, Some(&risk), options)
}

/// The handout of a plan from its comparison (optimized columns filled in, or left pending)
/// and, when there is one, its market simulation.
pub fn handout_html(
    plan: &Plan,
    c: &Comparison,
    risk: Option<&SimResult>,
    options: &HandoutOptions,
) -> Result<String, HandoutError> {
    let shown = Shown::new(plan, options.private);
    // Private: strategy names (a label may hold a person's name) as the planner shows them, in
    // the comparison and the simulation alike so that each still finds the other by name.
    let private_copy;
    let (c, risk) = if options.private {
        let mut c = c.clone();
        for o in &mut c.outcomes {
            o.strategy = shown.label(&o.strategy);
        }
        for p in &mut c.projections {
            p.strategy = shown.label(&p.strategy);
        }
        let mut r = risk.cloned();
        for s in r.iter_mut().flat_map(|r| r.strategies.iter_mut()) {
            s.strategy = shown.label(&s.strategy);
        }
        private_copy = (c, r);
        (&private_copy.0, private_copy.1.as_ref())
    } else {
        (c, risk)
    };
    let rec = recommended(c).ok_or(HandoutError::NoStrategy)?;
    let conv = conventional(c);
    let start = plan.assumptions.start_year;
    let first_years = actions_for_years(plan, c, rec.index, start, EXPLAINED_YEARS)?;
    let axis = |x: f64| {
        let d = Decimal::from_f64(x).unwrap_or_default();
        if options.private {
            format_thousands(d)
        } else {
            format_compact(d)
        }
    };
    let rec_name = c.outcomes[rec.index].strategy.clone();

    let mut body = String::new();
    // Page 1: who, the headline, the household.
    let people = (0..plan.people.len())
        .map(|i| shown.person(i))
        .collect::<Vec<_>>()
        .join(" and ");
    let _ = write!(
        body,
        r#"<header><p class="meta">Retirement income projection · {start}–{}</p><h1>{}</h1>{}<p class="sub">{} · {} · {} years</p></header>"#,
        plan.end_year(),
        esc(&shown.plan_name()),
        options
            .scenario
            .as_ref()
            .map(|s| format!(
                r#"<p class="sub"><b>Scenario:</b> {}</p>"#,
                esc(&shown.label(s))
            ))
            .unwrap_or_default(),
        esc(&people),
        esc(plan.filing.label()),
        plan.horizon_years()
    );
    // The report and the planner say it beside their figures: a client must read it here too.
    if let Some(caution) = plan.one_return_caution() {
        let _ = write!(
            body,
            r#"<p class="caution"><b>{}.</b> This projection taxes the household on one return; filed as two, the taxes would be lower than shown here.</p>"#,
            esc(&caution)
        );
    }
    let risk_of_rec = risk.and_then(|r| risk_shown(c, r, &rec_name));
    body.push_str(&story::headline(
        &shown,
        c,
        rec.index,
        rec.rule,
        conv,
        risk.zip(risk_of_rec),
    ));
    let _ = write!(
        body,
        r#"<section id="household"><h2>The household in {start}</h2>{}</section>"#,
        tables::household(&shown)
    );

    // This year's actions.
    if let Some(first) = first_years.first() {
        let _ = write!(
            body,
            r#"<section class="page" id="actions"><h2>What to do in {start}</h2>{}</section>"#,
            story::actions(&shown, first)
        );
    }

    // The strategies side by side: after the actions when both fit on a page, else on the next.
    let _ = write!(
        body,
        r#"<section class="keep" id="comparison"><h2>Strategies compared</h2><p>Each strategy meets the same spending need every year; they differ in which accounts pay for it and what they convert to Roth. Taxes and estates in {start} dollars; conversions in dollars of each year. The best value of each column is <span class="best">underlined</span> and marked *.</p>{}<ul class="note">{}</ul></section>"#,
        tables::comparison(&shown, c, Some(rec.index)),
        c.specs
            .iter()
            .zip(&c.outcomes)
            .map(|(s, o)| format!(
                "<li><b>{}</b>: {}</li>",
                esc(&o.strategy),
                esc(&s.describe())
            ))
            .collect::<String>()
    );

    // Income and taxes, the recommended strategy and the conventional one.
    let mut charted = vec![rec.index];
    if let Some(k) = conv.filter(|k| *k != rec.index) {
        charted.push(k);
    }
    for (n, &i) in charted.iter().enumerate() {
        let name = &c.outcomes[i].strategy;
        let years = stack_years(&c.projections[i]);
        let role = if i == rec.index {
            "recommended"
        } else {
            "conventional order"
        };
        let _ = write!(
            body,
            r#"<section class="page" id="charts-{n}"><h2>Income and taxes: {} ({role})</h2><figure><h3>Figure {}a: income by source, and taxes below the line</h3>{}<figcaption>Figure {}a. Each year's income by source above the zero line and the taxes it cost below it, in {start} dollars.</figcaption></figure><figure><h3>Figure {}b: taxes by year</h3>{}<figcaption>Figure {}b. Federal tax, state tax and IRMAA surcharges by year, in {start} dollars.</figcaption></figure></section>"#,
            esc(name),
            n + 1,
            charts::income_stack(
                &format!("stack{n}"),
                &format!("Income by source: {name}"),
                &years,
                &axis
            ),
            n + 1,
            n + 1,
            charts::tax_bars(
                &format!("tax{n}"),
                &format!("Taxes by year: {name}"),
                &years,
                &axis
            ),
            n + 1,
        );
    }

    // Market risk. The optimized columns run on the paths as their answer's policy.
    let policies: Vec<String> = crate::report::policy_names(plan)
        .iter()
        .map(|n| shown.label(n))
        .filter(|n| risk.is_some_and(|r| r.strategies.iter().any(|s| &s.strategy == n)))
        .collect();
    let as_policy = |name: &str| {
        if policies.iter().any(|p| p == name) {
            format!("{name} ({})", crate::strategy::POLICY_LABEL)
        } else {
            name.to_string()
        }
    };
    if let Some(r) = risk {
        let _ = write!(
            body,
            r#"<section class="page" id="risk"><h2>Market risk</h2><p>The same strategies over {} {} market paths instead of steady returns. "Money lasts": the share of paths on which the spending is met every year. Wealth is what the heirs keep after tax, in {start} dollars deflated by each path's own prices.</p>{}"#,
            r.paths,
            esc(&r.mode),
            tables::risk(&shown, r, Some(rec_name.as_str()), &policies)
        );
        let mut fans: Vec<&crate::sim::StrategyRisk> = Vec::new();
        let best_named = risk_shown(c, r, &rec_name);
        fans.extend(best_named);
        if let Some(k) = conv
            && let Some(s) = r
                .strategies
                .iter()
                .find(|s| s.strategy == c.outcomes[k].strategy)
            && !fans.iter().any(|f| f.strategy == s.strategy)
        {
            fans.push(s);
        }
        for (k, s) in fans.iter().enumerate() {
            let _ = write!(
                body,
                r#"<figure><h3>Figure {fig}: after-tax wealth across market paths, {}</h3>{}<figcaption>Figure {fig}. The middle half of the paths lies in the dark band, four in five in the light band; the line is the median. {start} dollars.</figcaption></figure>"#,
                esc(&as_policy(&s.strategy)),
                charts::fan(
                    &format!("fan{k}"),
                    &format!("Wealth across market paths: {}", as_policy(&s.strategy)),
                    &s.bands,
                    &axis
                ),
                fig = charted.len() + 1 + k
            );
        }
        if let Some(name) = policies.first() {
            let _ = write!(
                body,
                r#"<p class="note">{} is a schedule found for the plan's own returns; on each market path it runs as a policy: every year its ordinary taxable income fills to the same place in that year's tax brackets as the schedule's did (the brackets move with each path's inflation), converting to Roth only in the schedule's conversion years and never more than the accounts hold, and the rest of the need comes from the accounts in the schedule's order.</p>"#,
                esc(name)
            );
        }
        if !r.strategies.iter().any(|s| s.strategy == rec_name) {
            body.push_str(
                r#"<p class="note">The optimized strategy has no market-path figures here (its search did not finish, or it maximises spending, which funds a different spending on every path). The fan shows the named strategy the same rule recommends.</p>"#,
            );
        }
        body.push_str("</section>");
    }

    // Year by year.
    let _ = write!(
        body,
        r#"<section class="page" id="years"><h2>Year by year: {}</h2><p class="note">Dollars of each year; balances at year end; the bracket is the federal bracket of the year's last dollar of ordinary income.</p>{}</section>"#,
        esc(&rec_name),
        tables::years(&shown, &c.projections[rec.index])
    );

    // The first years explained.
    let _ = write!(
        body,
        r#"<section class="page" id="explained"><h2>The first {} years: what to do and why</h2><p class="note">For {}, in dollars of each year. "Why" gives the tax on the next dollar, the edge of the tax code the year's income stops at, and what doing more would have cost.</p>{}</section>"#,
        first_years.len(),
        esc(&rec_name),
        story::explained_years(&shown, &first_years)
    );

    // Assumptions and the note.
    let _ = write!(
        body,
        r#"<section id="assumptions"><h2>Assumptions</h2>{}</section>"#,
        tables::assumptions(&shown, risk)
    );
    body.push_str(&story::disclaimer(&shown));

    Ok(format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}: retirement income projection</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n",
        esc(&shown.plan_name())
    ))
}

/// The simulated strategy that stands for the recommendation: the recommended one, or when that
/// has no market-path figures (an optimized search for the highest spending), the named strategy
/// the same rule recommends.
fn risk_shown<'a>(
    c: &Comparison,
    r: &'a SimResult,
    recommended: &str,
) -> Option<&'a crate::sim::StrategyRisk> {
    r.strategies
        .iter()
        .find(|s| s.strategy == recommended)
        .or_else(|| {
            let named = recommended_named(c)?;
            let name = &c.outcomes[named.index].strategy;
            r.strategies.iter().find(|s| &s.strategy == name)
        })
}
