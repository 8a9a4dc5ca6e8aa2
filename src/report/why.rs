//! Why a year looks as it does: the marginal rates on the next dollar, the edge of the tax code
//! the year's income stops at, what stopped a conversion or a tax-deferred draw, and what doing
//! more would have cost. Built from the ledger row and the tax engine; pure.

use super::table::{Cell, Format, Table};
use crate::engine::{EngineError, Projection, ReturnPath, Scenario, YearInputs, YearRow};
use crate::money::{format_dollars, format_measured_rate, format_rate};
use crate::optimize::edges::moved;
use crate::plan::Plan;
use crate::strategy::{Limit, Note};
use crate::tax::{
    Direction, Edge, IncomeFacts, Owners, Slope, StateYear, TaxBreakdown, TaxLaw, compute, slope,
};
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;

/// The "what if" amount: this much more IRA income in the year.
pub const ALTERNATIVE: f64 = 10_000.0;

/// MAGI this close below an IRMAA tier means the year stopped for it.
const AT_CLIFF: f64 = 100.0;

/// How far back to look for an edge the year's income sits on.
const BACK: f64 = 5.0;

/// The Medicare cliff ahead of the year's MAGI (which sets premiums two years on).
#[derive(Debug, Clone, PartialEq)]
pub struct IrmaaRoom {
    pub premium_year: i32,
    /// MAGI that can still be added before the next tier.
    pub room: Decimal,
    pub next_tier: u8,
    /// Yearly surcharge added by crossing it, for everyone then enrolled.
    pub step: Decimal,
}

/// One year explained.
#[derive(Debug, Clone, PartialEq)]
pub struct Why {
    pub year: i32,
    /// Federal plus state tax, plus Marketplace credit lost, on the next $1 of IRA money; the
    /// federal part and the credit's part.
    pub marginal_ira: Decimal,
    pub marginal_ira_federal: Decimal,
    pub marginal_ira_premium: Decimal,
    /// Federal plus state tax on the next $1 of long-term gain.
    pub marginal_gain: Decimal,
    /// The edge the year's ordinary income stops at, if it stops at one.
    pub at_edge: Option<Edge>,
    /// The next edge along more IRA income, and how much more income reaches it.
    pub next_edge: Option<(Decimal, Edge)>,
    /// Benefits made taxable per extra IRA dollar when the Social Security torpedo bites.
    pub torpedo: Option<Decimal>,
    pub irmaa: Option<IrmaaRoom>,
    /// Federal plus state tax on [`ALTERNATIVE`] more IRA income, and the IRMAA surcharge it
    /// would add two years on.
    pub more_cost: Decimal,
    pub more_irmaa: Decimal,
    /// The next [`STEP`] of IRA money from the exact point on the books: federal plus state tax
    /// per dollar over the whole step, and an edge inside it (its distance, the rate before it
    /// and the rate beyond).
    pub next_step_ira: f64,
    pub edge_in_step: Option<(f64, Edge, f64, f64)>,
    /// The explanation, a few lines of text.
    pub lines: Vec<String>,
}

/// The step the first line prices: cents from an edge on the books must not hide the rate a
/// real next amount pays.
pub const STEP: f64 = 100.0;
/// An edge nearer than this is where the books stand: shown to the cent it is $0.00 away.
const HALF_CENT: f64 = 0.005;
/// Rates closer than this show the same to one decimal of a percent.
const SAME_RATE: f64 = 0.0005;
/// A conversion aimed at a bracket top that lands this close short of one names it.
const NEAR_TOP: i64 = 1_000;

/// A rate as the explanations show every rate: a percentage to one decimal.
fn pct1(x: f64) -> String {
    format_measured_rate(Decimal::from_f64(x).unwrap_or_default())
}

fn money(x: f64) -> Decimal {
    Decimal::from_f64(x).unwrap_or_default().round_dp(2)
}

fn rate(x: f64) -> Decimal {
    Decimal::from_f64((x * 10_000.0).round() / 10_000.0).unwrap_or_default()
}

/// The tax facts of a ledger row, as the engine taxed them.
pub fn row_facts(row: &YearRow<Decimal>, inputs: &YearInputs<f64>) -> IncomeFacts<f64> {
    let f = |d: Decimal| crate::num::Num::to_f64(d);
    let (age_head, age_spouse) = inputs.return_ages();
    IncomeFacts {
        filing: row.filing,
        age_head,
        age_spouse,
        blind: 0,
        wages: inputs.taxed_wages(),
        pensions: f(row.pensions),
        ira_distributions: f(row.rmd + row.deferred_draw),
        roth_conversions: f(row.conversion),
        taxable_interest: f(row.interest),
        tax_exempt_interest: 0.0,
        ordinary_dividends: f(row.dividends),
        qualified_dividends: f(row.qualified_dividends),
        // The gain net of losses carried in, recovered from what entered AGI and what carries on.
        long_term_gains: f(row.tax.capital_gain_in_agi - row.tax.loss_carryforward),
        short_term_gains: 0.0,
        other_ordinary: inputs.other_ordinary(),
        social_security: f(row.social_security),
        lived_with_spouse: row.filing == crate::tax::Filing::Mfs && row.alive == [true, true],
    }
}

/// A year's state tax and whose income was whose, as the explanations ask about it.
struct StateOf<'a> {
    year: &'a StateYear<f64>,
    owners: Owners<f64>,
}

impl StateOf<'_> {
    fn slope(
        &self,
        f: &IncomeFacts<f64>,
        b: &TaxBreakdown<f64>,
        s: &Slope<f64>,
        dir: Direction<f64>,
    ) -> (f64, Option<(f64, Edge)>) {
        self.year.slope(f, b, s, dir, &self.owners)
    }

    fn tax(&self, f: &IncomeFacts<f64>, b: &TaxBreakdown<f64>) -> f64 {
        self.year.tax(f, b, &self.owners)
    }
}

/// The nearer of the federal and the state edge ahead.
fn nearest(a: Option<(f64, Edge)>, b: Option<(f64, Edge)>) -> Option<(f64, Edge)> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if y.0 < x.0 { y } else { x }),
        (x, None) => x,
        (None, y) => y,
    }
}

/// The edge the facts' ordinary income sits on: the one a few dollars less income would reach.
fn edge_behind(law: &TaxLaw<f64>, state: &StateOf, facts: &IncomeFacts<f64>) -> Option<Edge> {
    let mut f = *facts;
    if f.ira_distributions >= BACK {
        f.ira_distributions -= BACK;
    } else if f.roth_conversions >= BACK {
        f.roth_conversions -= BACK;
    } else {
        return None;
    }
    slope_at(law, state, &f, Direction::ordinary())
        .1
        .filter(|(d, e)| *d <= BACK + 0.5 && !e.quiet())
        .map(|(_, e)| e)
}

/// The tax's slope along `dir` at `facts`, federal and state together, and the nearer of their
/// next edges.
fn slope_at(
    law: &TaxLaw<f64>,
    state: &StateOf,
    facts: &IncomeFacts<f64>,
    dir: Direction<f64>,
) -> (f64, Option<(f64, Edge)>) {
    let b = compute(law, facts);
    let s = slope(law, facts, &b, dir);
    let (state_rate, state_edge) = state.slope(facts, &b, &s, dir);
    (s.total + state_rate, nearest(s.next_edge, state_edge))
}

/// How much more long-term gain stays untaxed, federal and state, from facts where it is, and
/// the edge where it starts to be taxed. Edges where its rate stays zero (a quiet bracket top,
/// the Social Security base amount while taxable income is still under the deductions) are
/// passed over: naming them as the end of the 0% said the gain's rate changed where it did not.
fn gain_untaxed_until(
    law: &TaxLaw<f64>,
    state: &StateOf,
    facts: &IncomeFacts<f64>,
) -> Option<(f64, Edge)> {
    let rate_at = |offset: f64| {
        let f = moved(facts, Direction::gain(), offset);
        slope_at(law, state, &f, Direction::gain())
    };
    let mut offset = 0.0;
    let (_, mut next) = rate_at(offset);
    for _ in 0..12 {
        let (d, e) = next?;
        let (rate, after) = rate_at(offset + d + 0.01);
        if rate > SAME_RATE {
            return Some((offset + d, e));
        }
        offset += d + 0.01;
        next = after;
    }
    None
}

/// The first edge more than [`BACK`] dollars ahead, and the edge skipped to find it: an edge
/// that close is one the year stops at (a few dollars short of it, through rounding). Quiet
/// edges, where no rate changes, are passed over.
fn edge_ahead(
    law: &TaxLaw<f64>,
    state: &StateOf,
    facts: &IncomeFacts<f64>,
    first: Option<(f64, Edge)>,
) -> (Option<Edge>, Option<(f64, Edge)>) {
    let mut next = first;
    let mut close = None;
    let mut offset = 0.0;
    for _ in 0..8 {
        match next {
            Some((d, e)) if offset + d <= BACK || e.quiet() => {
                if !e.quiet() {
                    close = close.or(Some(e));
                }
                offset += d + 0.01;
                let f = moved(facts, Direction::ordinary(), offset);
                next = slope_at(law, state, &f, Direction::ordinary()).1;
            }
            _ => break,
        }
    }
    (close, next.map(|(d, e)| (d + offset, e)))
}

/// An edge in words, with the torpedo spelled out.
fn edge_words(e: Edge) -> String {
    match e {
        Edge::SocialSecurityAdjustedBase => {
            "the start of the Social Security torpedo (85% of each extra dollar's worth of benefits taxed)".into()
        }
        Edge::SocialSecurityCeiling => {
            "the end of the Social Security torpedo (benefits fully 85% taxed)".into()
        }
        Edge::BracketTop(_) => e.describe().replace("the top of the ", "the ") + " top",
        // Two places when there is qualified income: taxable income starts where all income
        // passes the deductions, ordinary income only where it passes them alone (qualified
        // income fills taxable income first). Without qualified income they are one.
        Edge::PreferentialCeiling => {
            "the end of the deductions for ordinary income (ordinary income starts to be taxed)"
                .into()
        }
        _ => e.describe(),
    }
}

/// Explains one year of a projection; `inputs` is that year of the plan's scenario on `f64`.
pub fn why(row: &YearRow<Decimal>, inputs: &YearInputs<f64>) -> Why {
    let law = &inputs.law;
    let state = StateOf {
        year: &inputs.state,
        owners: row.owners.convert(),
    };
    let state = &state;
    let facts = row_facts(row, inputs);
    let b = compute(law, &facts);
    let ord = slope(law, &facts, &b, Direction::ordinary());
    let (_, state_edge) = state.slope(&facts, &b, &ord, Direction::ordinary());
    let gain = slope(law, &facts, &b, Direction::gain());
    let (close, next) = edge_ahead(law, state, &facts, nearest(ord.next_edge, state_edge));
    let at_edge = edge_behind(law, state, &facts).or(close);
    let torpedo = (ord.taxable_social_security > 0.0 && ord.total > 0.0)
        .then(|| rate(ord.taxable_social_security));

    // Medicare two years on, for whoever is enrolled then.
    let enrolled_then = (0..2)
        .filter(|i| inputs.alive[*i] && inputs.ages[*i] + 2 >= 65)
        .count() as f64;
    let ahead = &inputs.irmaa_ahead;
    let surcharge = |magi: f64| ahead.charge(row.filing, magi, 12).annual * enrolled_then;
    let irmaa = if enrolled_then > 0.0 {
        ahead.tier_ceiling(row.filing, b.magi).map(|ceiling| {
            let next_tier = ahead.tier(row.filing, ceiling + 0.01);
            IrmaaRoom {
                premium_year: ahead.premium_year,
                room: money((ceiling - b.magi).max(0.0)),
                next_tier,
                step: money(surcharge(ceiling + 0.01) - surcharge(b.magi)),
            }
        })
    } else {
        None
    };

    // What ALTERNATIVE more IRA income would have cost.
    let more = moved(&facts, Direction::ordinary(), ALTERNATIVE);
    let b_more = compute(law, &more);
    let more_cost = (b_more.total - b.total) + (state.tax(&more, &b_more) - state.tax(&facts, &b));
    let more_irmaa = if enrolled_then > 0.0 {
        surcharge(b_more.magi) - surcharge(b.magi)
    } else {
        0.0
    };

    // The next STEP of IRA money, measured from the books; and an edge inside it, if any.
    let step_cost = |by: f64| {
        let m = moved(&facts, Direction::ordinary(), by);
        let bm = compute(law, &m);
        (bm.total - b.total) + (state.tax(&m, &bm) - state.tax(&facts, &b))
    };
    let next_step_ira = step_cost(STEP) / STEP;
    let edge_in_step = nearest(ord.next_edge, state_edge)
        .filter(|(d, e)| *d < STEP && !e.quiet())
        .map(|(d, e)| {
            let before = if d > 0.0 { step_cost(d) / d } else { 0.0 };
            let past = moved(&facts, Direction::ordinary(), d + 0.01);
            (
                d,
                e,
                before,
                slope_at(law, state, &past, Direction::ordinary()).0,
            )
        })
        // An edge where the rate does not change (to the tenth of a percent shown) is not
        // worth naming: "0.0% up to the Social Security base amount $46 away, 0.0% beyond".
        .filter(|(_, _, before, beyond)| (beyond - before).abs() >= SAME_RATE);
    let marginal_ira = row.marginal_ordinary;
    let marginal_ira_federal = row.tax.marginal_ordinary;
    let mut why = Why {
        year: row.year,
        marginal_ira,
        marginal_ira_federal,
        marginal_ira_premium: row.marginal_premium,
        marginal_gain: row.marginal_gain,
        at_edge,
        next_edge: next.map(|(d, e)| (money(d), e)),
        torpedo,
        irmaa,
        more_cost: money(more_cost),
        more_irmaa: money(more_irmaa),
        next_step_ira,
        edge_in_step,
        lines: Vec::new(),
    };
    let gain_untaxed = if row.marginal_gain.is_zero() {
        gain_untaxed_until(law, state, &facts)
    } else {
        None
    };
    why.lines = lines(
        row,
        &why,
        gain.niit,
        gain.next_edge,
        gain_untaxed,
        b.bracket_rate,
    );
    why
}

/// How far below the Marketplace credit's income limit the year's MAGI stopped, and what
/// crossing it would cost: "just below the 400% line: one more dollar would cost $8,340 of
/// credit" where the year stopped within a dollar or two of it, else "$2,100 below the 400%
/// line, past which the whole credit of $8,340 is lost" (one more dollar would not cross it).
pub(crate) fn aca_edge(row: &YearRow<Decimal>) -> String {
    let gap = (row.aca_line - row.aca_magi).max(Decimal::ZERO).round();
    let credit = format_dollars(row.aca_credit.round());
    if gap < Decimal::TWO {
        format!("just below the 400% line: one more dollar would cost {credit} of credit")
    } else {
        format!(
            "{} below the 400% line, past which the whole credit of {credit} is lost",
            format_dollars(gap)
        )
    }
}

/// The year's MAGI is within a few thousand dollars below the Marketplace credit's limit.
pub(crate) fn near_aca_line(row: &YearRow<Decimal>) -> bool {
    row.aca_line > Decimal::ZERO
        && row.aca_magi <= row.aca_line
        && row.aca_line - row.aca_magi <= Decimal::from(2_500)
        && row.aca_credit > Decimal::ZERO
}

/// What stopped a conversion or a tax-deferred draw, in words.
pub(crate) fn stopped(row: &YearRow<Decimal>, w: &Why) -> String {
    let near_cliff = w
        .irmaa
        .as_ref()
        .is_some_and(|i| i.room <= Decimal::from_f64(AT_CLIFF).unwrap_or_default());
    let at = |e: Edge| format!("at {}", edge_words(e));
    let short = |d: Decimal, e: Edge| format!("{} short of {}", format_dollars(d), edge_words(e));
    let by_limit = match row.note {
        Note::Convert { limit, .. } => match limit {
            // The strategy aimed at a bracket top; the books may land a little short of it.
            Limit::Bracket => Some(match (w.at_edge, w.next_edge) {
                (Some(e), _) => at(e),
                // A little short: further off, the edge ahead is some other bracket's top.
                (None, Some((d, e @ Edge::BracketTop(_)))) if d <= Decimal::from(NEAR_TOP) => {
                    short(d, e)
                }
                (None, _) => "at the bracket top".into(),
            }),
            Limit::Irmaa => Some("a dollar below the next IRMAA tier".into()),
            Limit::Aca => Some(aca_edge(row)),
            Limit::YearlyCap => Some("at the yearly cap".into()),
            Limit::Balance => Some("when the tax-deferred money ran out".into()),
            _ => None,
        },
        _ => None,
    };
    if let Some(s) = by_limit {
        return s;
    }
    if row.closing.deferred <= Decimal::ONE {
        "when the tax-deferred money ran out".into()
    } else if near_aca_line(row) {
        aca_edge(row)
    } else if near_cliff {
        "just below the next IRMAA tier".into()
    } else if let Some(e) = w.at_edge {
        at(e)
    } else if let Some((d, e)) = w
        .next_edge
        .filter(|(d, _)| *d <= Decimal::from_f64(STEP).unwrap_or_default())
    {
        // Within the step the rate line measures: the same edge that line names, not "between".
        short(d, e)
    } else if row.fixed_deferred > Decimal::ZERO && row.reinvested > Decimal::ZERO {
        // Drawn whatever the need, with some of it reinvested: the need did not stop it.
        "between edges, where later years' rates balance this one's (drawn beyond the need)".into()
    } else {
        "between edges, where the spending need was met or later years' rates balance this one's"
            .into()
    }
}

fn lines(
    row: &YearRow<Decimal>,
    w: &Why,
    gain_niit: f64,
    gain_next: Option<(f64, Edge)>,
    gain_untaxed: Option<(f64, Edge)>,
    bracket_rate: f64,
) -> Vec<String> {
    let mut out = Vec::new();
    // The Marketplace credit lost is neither tax: the state's part is what is left.
    let premium = w.marginal_ira_premium;
    let state = w.marginal_ira - w.marginal_ira_federal - premium;
    let d = |x: Decimal| crate::num::Num::to_f64(x);
    match w.edge_in_step {
        // The books stand on the edge (less than half a cent short): the whole step is beyond
        // it, and "up to it, $0.00 away" would price nothing.
        Some((away, edge, _, _)) if away < HALF_CENT => out.push(format!(
            "Next $100 of IRA money costs {} in all, every dollar of it beyond {}, where the books stop; next $1 of long-term gain {}.",
            pct1(w.next_step_ira),
            edge_words(edge),
            pct1(d(w.marginal_gain))
        )),
        // The books stop a few dollars short of an edge: the rate there is not the rate the
        // next real amount pays, so both are named.
        Some((away, edge, before, beyond)) => out.push(format!(
            "Next $100 of IRA money costs {} in all: {} up to {} {} away, {} beyond; next $1 of long-term gain {}.",
            pct1(w.next_step_ira),
            pct1(before),
            edge_words(edge),
            if away < 1.0 {
                format!("${away:.2}")
            } else {
                format_dollars(money(away))
            },
            pct1(beyond),
            pct1(d(w.marginal_gain))
        )),
        None if premium > Decimal::ZERO => out.push(format!(
            "Next $100 of IRA money costs {} in tax ({} federal, {} state) and {} more in Marketplace credit lost; next $1 of long-term gain {} in all.",
            pct1(w.next_step_ira),
            pct1(d(w.marginal_ira_federal)),
            pct1(d(state)),
            pct1(d(premium)),
            pct1(d(w.marginal_gain))
        )),
        None => out.push(format!(
            "Next $100 of IRA money costs {} ({} federal, {} state); next $1 of long-term gain {}.",
            pct1(w.next_step_ira),
            pct1(d(w.marginal_ira_federal)),
            pct1(d(state)),
            pct1(d(w.marginal_gain))
        )),
    }
    if let Some(share) = w.torpedo {
        out.push(format!(
            "The Social Security tax torpedo bites: each extra $1 also makes {}¢ of benefits taxable, so the {} bracket costs {} federal.",
            // In cents: a rate per dollar, which privacy mode's rounding of amounts leaves alone.
            (share * Decimal::ONE_HUNDRED).round_dp(0),
            format_rate(rate(bracket_rate)),
            format_measured_rate(w.marginal_ira_federal)
        ));
    }
    match (w.at_edge, w.next_edge) {
        (Some(at), Some((d, next))) => out.push(format!(
            "Ordinary income stops at {}; the next edge, {}, is {} further.",
            edge_words(at),
            edge_words(next),
            format_dollars(d)
        )),
        (Some(at), None) => out.push(format!("Ordinary income stops at {}.", edge_words(at))),
        (None, Some((d, next))) => out.push(format!(
            "The next edge, {}, is {} of income away.",
            edge_words(next),
            format_dollars(d)
        )),
        (None, None) => {}
    }
    let positive = |d: Decimal| d > Decimal::ZERO;
    if positive(row.conversion) {
        out.push(format!(
            "Converted {} to Roth, stopping {}.",
            format_dollars(row.conversion),
            stopped(row, w)
        ));
    } else if positive(row.deferred_draw) {
        // "Beyond the RMD" only where there is one: before RMDs start the draw is all there is.
        let beyond = if positive(row.rmd) {
            " beyond the RMD"
        } else {
            ""
        };
        out.push(format!(
            "Drew {} from tax-deferred{beyond}, stopping {}.",
            format_dollars(row.deferred_draw),
            stopped(row, w)
        ));
    }
    if row.aca_line > Decimal::ZERO && row.aca_magi <= row.aca_line && positive(row.aca_credit) {
        out.push(format!(
            "Marketplace: MAGI {} leaves a premium credit of {}; it is {}.",
            format_dollars(row.aca_magi.round()),
            format_dollars(row.aca_credit.round()),
            aca_edge(row)
        ));
    } else if row.aca_line > Decimal::ZERO && row.aca_magi > row.aca_line {
        out.push(format!(
            "Marketplace: MAGI {} is {} above the 400% line, so the premium credit is lost.",
            format_dollars(row.aca_magi.round()),
            format_dollars((row.aca_magi - row.aca_line).round())
        ));
    }
    if let Some(i) = &w.irmaa
        && positive(i.step)
        && i.room < Decimal::from(50_000)
    {
        // A conversion landed on the tier's ceiling stands within a dollar of it: "$0 below".
        out.push(if i.room < Decimal::ONE {
            format!(
                "MAGI is just below IRMAA tier {} for {}: a dollar more adds {} a year.",
                i.next_tier,
                i.premium_year,
                format_dollars(i.step)
            )
        } else {
            format!(
                "MAGI is {} below IRMAA tier {} for {}: crossing it adds {} a year.",
                format_dollars(i.room),
                i.next_tier,
                i.premium_year,
                format_dollars(i.step)
            )
        });
    }
    if positive(row.closing.deferred) {
        let pct = w.more_cost / Decimal::from_f64(ALTERNATIVE).unwrap_or(Decimal::ONE);
        let mut s = format!(
            "Converting {} more would have cost {} now ({})",
            format_dollars(Decimal::from_f64(ALTERNATIVE).unwrap_or_default()),
            format_dollars(w.more_cost),
            format_measured_rate(pct)
        );
        if positive(w.more_irmaa) {
            s.push_str(&format!(
                " plus {} of IRMAA surcharges in {}",
                format_dollars(w.more_irmaa),
                row.year + 2
            ));
        }
        s.push('.');
        out.push(s);
    }
    if positive(row.closing.taxable) || positive(row.taxable_sale) {
        // Less than half a dollar of the band left would read "Another $0".
        if w.marginal_gain.is_zero()
            && let Some((d, e)) = gain_untaxed
            && d >= 0.5
        {
            out.push(format!(
                "Another {} of long-term gain would still be taxed at 0%, up to {}.",
                format_dollars(money(d)),
                edge_words(e)
            ));
        }
        if gain_niit > 0.0 {
            out.push(
                "Gains also pay the 3.8% net investment income tax: MAGI is over the NIIT threshold."
                    .into(),
            );
        } else if let Some((d, Edge::NiitThreshold)) = gain_next {
            out.push(format!(
                "The NIIT threshold is {} of gain away.",
                format_dollars(money(d))
            ));
        }
    }
    out
}

/// The plan's years as [`why`] and the marginal-rate curve read them (law, state, Medicare
/// tiers, who is alive), one per ledger row. Worth keeping while the plan does not change.
pub fn year_inputs(plan: &Plan) -> Result<Vec<YearInputs<f64>>, EngineError> {
    Ok(
        Scenario::<Decimal>::build(plan, &ReturnPath::constant(plan))?
            .to_f64()
            .years,
    )
}

/// Every year of a projection explained, on the plan's own scenario.
pub fn why_projection(plan: &Plan, p: &Projection<Decimal>) -> Result<Vec<Why>, EngineError> {
    let years = year_inputs(plan)?;
    Ok(p.rows
        .iter()
        .zip(&years)
        .map(|(row, inputs)| why(row, inputs))
        .collect())
}

/// A ledger with every year's explanation: after the table as text, or as a last "Why" column
/// in CSV, Markdown and JSON.
pub fn explained_ledger(
    plan: &Plan,
    mut ledger: Table,
    p: &Projection<Decimal>,
    format: Format,
) -> Result<String, EngineError> {
    let whys = why_projection(plan, p)?;
    if format == Format::Table {
        let mut out = ledger.render(format);
        out.push_str("\nWhy each year looks as it does\n");
        for w in &whys {
            out.push_str(&format!("{}\n", w.year));
            for line in &w.lines {
                out.push_str(&format!("  {line}\n"));
            }
        }
        return Ok(out);
    }
    ledger.headers.push("Why".into());
    for (row, w) in ledger.rows.iter_mut().zip(&whys) {
        row.push(Cell::text(w.lines.join(" ")));
    }
    Ok(ledger.render(format))
}
