//! Why a year looks as it does: the facts rebuilt from a ledger row are the ones the engine
//! taxed, and a household caught by the Social Security torpedo is told so.

use drawdown::compare::compare;
use drawdown::engine::{Limit, Note, Projection, YearInputs, YearRow};
use drawdown::plan::{EXAMPLES, parse_plan};
use drawdown::report::why::row_facts;
use drawdown::report::{why, why_projection, year_curve, year_inputs};
use drawdown::tax::compute;
use rust_decimal::Decimal;

/// Every year of every strategy of every example, with the inputs the engine projected it from.
fn every_example_year(
    check: impl FnMut(&str, &Projection<Decimal>, &YearRow<Decimal>, &YearInputs<f64>),
) {
    every_year_of(EXAMPLES.iter().copied(), check);
}

/// The plans in tests/data, beside the examples.
const TEST_PLANS: [(&str, &str); 4] = [
    (
        "four_million_couple.ron",
        include_str!("data/four_million_couple.ron"),
    ),
    (
        "money_just_lasts.ron",
        include_str!("data/money_just_lasts.ron"),
    ),
    ("steep_start.ron", include_str!("data/steep_start.ron")),
    (
        "single_ny_steady.ron",
        include_str!("data/single_ny_steady.ron"),
    ),
];

/// Every year of every strategy of `plans`, with the inputs the engine projected it from.
fn every_year_of<'a>(
    plans: impl Iterator<Item = (&'a str, &'a str)>,
    mut check: impl FnMut(&str, &Projection<Decimal>, &YearRow<Decimal>, &YearInputs<f64>),
) {
    for (name, text) in plans {
        let plan = parse_plan(text, name).unwrap();
        let c = compare(&plan).unwrap();
        let years = year_inputs(&plan).unwrap();
        for p in &c.projections {
            for (row, inputs) in p.rows.iter().zip(&years) {
                check(name, p, row, inputs);
            }
        }
    }
}

#[test]
fn a_rows_facts_are_the_ones_the_engine_taxed() {
    every_example_year(|name, p, row, inputs| {
        let facts = row_facts(row, inputs);
        let tax = compute(&inputs.law, &facts).total;
        let booked: f64 = row.federal_tax.to_string().parse().unwrap();
        assert!(
            (tax - booked).abs() < 0.02,
            "{name} {} {}: {tax} vs {booked}",
            p.strategy,
            row.year
        );
    });
}

/// A single retiree with $30,000 of Social Security who fills the 12% bracket from an IRA.
const TORPEDO: &str = r#"(
    version: 1,
    name: "torpedo",
    people: [(name: "Pat", birth_year: 1956, planning_age: 90)],
    filing: single,
    heirs_rate: 0.22,
    accounts: [
        Deferred(name: "IRA", owner: 0, balance: 600000),
        Roth(name: "Roth", owner: 0, balance: 100000),
    ],
    income: (social_security: [(person: 0, fra_benefit: 30000, claim_age: 67)]),
    spending: (annual: 45000),
    assumptions: (start_year: 2026, inflation: 0.025, returns: Constant(nominal: 0.05)),
    strategies: [DeferredFirst, BracketFill(bracket: 0.12)],
)"#;

#[test]
fn the_explanation_names_the_torpedo_where_it_bites() {
    let plan = parse_plan(TORPEDO, "torpedo.ron").unwrap();
    let c = compare(&plan).unwrap();
    let whys = why_projection(&plan, &c.projections[0]).unwrap();
    let bitten: Vec<_> = whys.iter().filter(|w| w.torpedo.is_some()).collect();
    assert!(!bitten.is_empty(), "{whys:#?}");
    for w in &bitten {
        assert!(
            w.lines.iter().any(|l| l.contains("torpedo")),
            "{}: {:?}",
            w.year,
            w.lines
        );
        // 85% of each extra dollar's worth of benefits, at 1.85 times the bracket rate or
        // (below it) 50% at 1.5 times.
        let share = w.torpedo.unwrap();
        assert!(
            share == Decimal::new(85, 2) || share == Decimal::new(5, 1),
            "{share}"
        );
    }
}

#[test]
fn every_year_of_every_example_is_explained_without_panicking() {
    every_example_year(|name, _, row, inputs| {
        let w = why(row, inputs);
        assert!(!w.lines.is_empty(), "{name} {}", row.year);
        let curve = year_curve(row, inputs, 300_000.0);
        assert_eq!(curve.first().map(|p| p.extra), Some(0.0), "{name}");
    });
}

#[test]
fn beyond_the_rmd_is_said_only_in_years_with_an_rmd() {
    // The demo under "Fill 12%": 2026 draws tax-deferred money with no RMD (the couple, born in
    // 1961, reach 75 in 2036), and the line said "beyond the RMD" there all the same.
    let plan = parse_plan(include_str!("../saves/D.ron"), "D.ron").unwrap();
    let c = compare(&plan).unwrap();
    let fill = c
        .projections
        .iter()
        .find(|p| p.strategy == "Fill 12%")
        .unwrap();
    let whys = why_projection(&plan, fill).unwrap();
    let first = &fill.rows[0];
    assert_eq!(first.year, 2026);
    assert!(first.rmd.is_zero() && first.deferred_draw > Decimal::ZERO);
    let said = whys[0].lines.join(" ");
    assert!(said.contains("from tax-deferred, stopping"), "{said}");
    let mut with_rmd = 0;
    for (w, row) in whys.iter().zip(&fill.rows) {
        let beyond = w.lines.iter().any(|l| l.contains("beyond the RMD"));
        assert_eq!(
            beyond,
            row.rmd > Decimal::ZERO
                && row.deferred_draw > Decimal::ZERO
                && row.conversion.is_zero(),
            "{}: {:?}",
            w.year,
            w.lines
        );
        with_rmd += usize::from(beyond);
    }
    assert!(with_rmd > 0, "a later year draws beyond its RMD");
}

#[test]
fn the_next_100_names_an_edge_inside_it_with_both_rates() {
    // Years whose books stop a few dollars short of an edge (the 0% gain ceiling, a bracket
    // top): on the books the next dollar pays the rate below it, a few dollars on pay the rate
    // beyond. The line said only the lower rate ("17%" where `drawdown tax` on the same figures
    // said 27%); it now prices the next $100 and names the edge inside it with both rates.
    let mut seen = Vec::new();
    every_example_year(|name, p, row, inputs| {
        let w = why(row, inputs);
        let first = &w.lines[0];
        assert!(first.starts_with("Next $100 of IRA money costs"), "{first}");
        if let Some((away, _, before, beyond)) = w.edge_in_step {
            assert!(away < drawdown::report::why::STEP);
            // Less than half a cent away the books stand on the edge (see the test below).
            assert!(
                (first.contains(" up to ") || away < 0.005) && first.contains(" beyond"),
                "{first}"
            );
            // An edge the rate does not change at is not named ("0.0% up to the Social
            // Security base amount $46 away, 0.0% beyond", household A's first year).
            assert!((beyond - before).abs() >= 0.0005, "{first}");
            let (lo, hi) = (before.min(beyond), before.max(beyond));
            assert!(
                w.next_step_ira >= lo - 1e-9 && w.next_step_ira <= hi + 1e-9,
                "{w:?}"
            );
            if beyond > before + 0.05 {
                seen.push(format!("{name} {} {}: {first}", p.strategy, row.year));
            }
        }
    });
    println!("{}", seen.join("\n"));
    assert!(
        !seen.is_empty(),
        "some year of the examples stops short of an edge"
    );
}

/// Household G lives in Florida (no income tax) and is on the Marketplace until 65: in the
/// years the premium credit phases out, each dollar of MAGI also costs credit. That part of the
/// marginal rate is named as credit lost, never as state tax.
#[test]
fn lost_premium_credit_is_not_called_state_tax() {
    let text = EXAMPLES.iter().find(|(n, _)| *n == "G.ron").unwrap().1;
    let plan = parse_plan(text, "G.ron").unwrap();
    let c = compare(&plan).unwrap();
    let mut seen = 0;
    for p in &c.projections {
        let whys = why_projection(&plan, p).unwrap();
        for (row, w) in p.rows.iter().zip(&whys) {
            let first = &w.lines[0];
            if row.marginal_premium > Decimal::ZERO {
                seen += 1;
                assert!(first.contains("Marketplace credit lost"), "{first}");
                assert!(first.contains("0.0% state"), "{first}");
                assert_eq!(
                    row.marginal_ordinary,
                    row.tax.marginal_ordinary + row.marginal_premium,
                    "{} {}: no state tax in Florida",
                    p.strategy,
                    row.year
                );
            } else {
                assert!(!first.contains("credit lost"), "{first}");
            }
        }
    }
    assert!(seen > 0, "some Marketplace year phases the credit out");
}

/// Each percentage in `text` with what precedes and follows it.
fn percentages(text: &str) -> Vec<(&str, &str, &str)> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices('%') {
        let start = text[..at]
            .rfind(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
            .map_or(0, |i| i + 1);
        if start < at {
            out.push((&text[..start], &text[start..at], &text[at + 1..]));
        }
    }
    out
}

/// Rates the law sets, named in the explanations as the law names them ("the 12% bracket", the
/// torpedo's 85%, the credit's 400% line, the 3.8% NIIT, gains "taxed at 0%").
fn statutory(before: &str, after: &str) -> bool {
    [
        " bracket",
        " capital-gain",
        " line",
        " taxed",
        " of each",
        " net investment",
    ]
    .iter()
    .any(|s| after.starts_with(s))
        || before.ends_with("taxed at ")
        || before.ends_with("fully ")
}

#[test]
fn every_measured_rate_is_shown_to_one_decimal() {
    // The demo's 2026 explanation said "(31.42%)" for what $10,000 more would have cost, a
    // line away from rates to one decimal, and the comparison showed 27% beside 27.2%.
    let mut measured = 0;
    every_example_year(|name, p, row, inputs| {
        for line in why(row, inputs).lines {
            for (before, number, after) in percentages(&line) {
                if statutory(before, after) {
                    continue;
                }
                measured += 1;
                let decimals = number.split_once('.').map(|(_, d)| d.len());
                assert_eq!(
                    decimals,
                    Some(1),
                    "{name} {} {}: {number}% in {line:?}",
                    p.strategy,
                    row.year
                );
            }
        }
    });
    assert!(measured > 1_000, "{measured} rates checked");
    let plan = parse_plan(include_str!("../saves/D.ron"), "D.ron").unwrap();
    let c = compare(&plan).unwrap();
    let money = |d: Decimal| d.to_string();
    for m in drawdown::report::comparison_metrics(&c.outcomes, &money) {
        if m.kind == drawdown::report::MetricKind::Rate {
            for text in &m.texts {
                let number = text.trim_end_matches('%');
                assert_eq!(
                    number.split_once('.').map(|(_, d)| d.len()),
                    Some(1),
                    "{}: {text}",
                    m.label
                );
            }
        }
    }
}

/// "What happened" never says a draw filled a bracket its own row shows it short of: on every
/// example year whose note says "to fill the N% bracket", the year's bracket is N% or above;
/// and on the early retirees filling 22% the years held at the Marketplace credit's line say so.
#[test]
fn a_fill_is_said_as_far_as_it_went() {
    every_example_year(|name, p, row, _| {
        let said = drawdown::report::explain(row);
        if let Some(at) = said.find("to fill the ") {
            let rate: f64 = said[at + 12..]
                .split('%')
                .next()
                .and_then(|r| r.parse().ok())
                .unwrap_or(0.0);
            let year = row.tax.bracket_rate.to_string().parse::<f64>().unwrap() * 100.0;
            assert!(
                year + 1e-6 >= rate,
                "{name} {} {}: {said} (bracket {year}%)",
                p.strategy,
                row.year
            );
        }
    });
    let text = EXAMPLES.iter().find(|(n, _)| n.starts_with("G")).unwrap().1;
    let text = text.replace("BracketFill(bracket: 0.12)", "BracketFill(bracket: 0.22)");
    let plan = parse_plan(&text, "G").unwrap();
    let c = compare(&plan).unwrap();
    let fill = c
        .projections
        .iter()
        .find(|p| p.strategy == "Fill 22%")
        .expect("Fill 22%");
    let row = fill.rows.iter().find(|r| r.year == 2028).unwrap();
    let said = drawdown::report::explain(row);
    assert!(
        said.contains("up to the Marketplace credit's 400% line, short of the 22% bracket's top"),
        "{said}"
    );
}

/// "Ordinary income stops at the 0% capital-gain ceiling; the next edge, the 0% capital-gain
/// ceiling, is $22,592 further" (the demo's heir-aware and optimized years, before the end of
/// the 0% gain band, where ordinary income alone reaches the ceiling, was named as an edge of
/// its own), and "stops at the end of the deductions (ordinary income starts to be taxed); the
/// next edge, the end of the deductions (ordinary income starts to be taxed)" (money_just_lasts
/// 2050, where qualified income puts the two apart): the edge ahead is never worded as the one
/// the income stands on.
#[test]
fn the_next_edge_is_never_the_edge_the_income_stops_at() {
    let mut checked = 0;
    let plans = EXAMPLES.iter().copied().chain(TEST_PLANS);
    every_year_of(plans, |name, p, row, inputs| {
        let w = why(row, inputs);
        for line in &w.lines {
            if let Some(rest) = line.strip_prefix("Ordinary income stops at ")
                && let Some((at, next)) = rest.split_once("; the next edge, ")
            {
                checked += 1;
                assert!(
                    !next.starts_with(&format!("{at},")),
                    "{name} {} {}: {line}",
                    p.strategy,
                    row.year
                );
            }
        }
    });
    assert!(checked > 100, "{checked} lines with both edges");
}

/// An edge less than half a cent ahead is where the books stand: the first line does not price
/// the step "up to it, $0.00 away", it says the whole step lies beyond it.
#[test]
fn an_edge_the_books_stand_on_is_not_zero_dollars_away() {
    let mut standing = 0;
    every_example_year(|name, p, row, inputs| {
        let w = why(row, inputs);
        assert!(
            !w.lines[0].contains("$0.00 away"),
            "{name} {} {}: {}",
            p.strategy,
            row.year,
            w.lines[0]
        );
        if let Some((away, ..)) = w.edge_in_step
            && away < 0.005
        {
            standing += 1;
            assert!(
                w.lines[0].contains("where the books stop") && !w.lines[0].contains(" up to "),
                "{}",
                w.lines[0]
            );
        }
    });
    assert!(standing > 0, "some year of the examples stands on an edge");
}

/// "Another $N of long-term gain would still be taxed at 0%, up to the top of the plain tax's 12%
/// bracket (the worksheet keeps the lower stacked tax)": an edge where no rate changes is not
/// where the 0% ends (the line named the gain's nearest edge, whatever the rate did there).
#[test]
fn the_untaxed_gain_ends_where_a_rate_changes() {
    let mut lines = 0;
    let plans = EXAMPLES.iter().copied().chain(TEST_PLANS);
    every_year_of(plans, |name, p, row, inputs| {
        for line in why(row, inputs).lines {
            if line.starts_with("Another ") && line.contains("would still be taxed at 0%") {
                lines += 1;
                assert!(
                    !line.contains("plain tax's"),
                    "{name} {} {}: {line}",
                    p.strategy,
                    row.year
                );
            }
        }
    });
    assert!(lines > 100, "{lines} lines");
}

/// "Converted $38,823 to Roth, stopping at the bracket top" beside "the next edge, the 12% bracket
/// top, is $96 of income away" (B, Convert to 12%, 2026): the conversion was trimmed dollar for
/// dollar while the senior deduction's phase-out made each dollar 1.06 of taxable income, and
/// stopped short. A conversion that stopped for its bracket now lands on the top, and says which.
#[test]
fn a_conversion_that_stopped_for_its_bracket_names_the_top_it_reached() {
    let plans = EXAMPLES.iter().copied().chain(TEST_PLANS);
    let mut at_top = 0;
    every_year_of(plans, |name, p, row, inputs| {
        for line in why(row, inputs).lines {
            let at = |what: &str| format!("{name} {} {}: {what}: {line}", p.strategy, row.year);
            assert!(
                !line.contains("stopping at the bracket top"),
                "{}",
                at("generic")
            );
            // (Other stops may land a few dollars short of an edge and say so.)
            let for_bracket = matches!(
                row.note,
                Note::Convert {
                    limit: Limit::Bracket,
                    ..
                }
            );
            assert!(
                !(for_bracket && line.starts_with("Converted") && line.contains(" short of the ")),
                "{}",
                at("short")
            );
            at_top += usize::from(
                line.starts_with("Converted") && line.contains("stopping at the 12% bracket top"),
            );
        }
    });
    assert!(
        at_top > 20,
        "{at_top} conversions stopped at the 12% bracket top"
    );
}

/// The same conversions on the books: B's "Convert to 12%" in the senior deduction's years
/// (2026–2028) fills ordinary taxable income to within half a dollar of the 12% bracket's top.
#[test]
fn a_conversion_to_a_bracket_top_lands_on_it_while_the_senior_deduction_phases_out() {
    let plan = drawdown::plan::example_plan("B.ron").unwrap().unwrap();
    let c = compare(&plan).unwrap();
    let p = c
        .projections
        .iter()
        .find(|p| p.strategy == "Convert to 12%")
        .expect("B converts to 12%");
    let years = year_inputs(&plan).unwrap();
    for (row, inputs) in p.rows.iter().zip(&years).take(3) {
        let top = inputs.law.brackets[inputs.filing.index()][1];
        let oti: f64 = row.tax.ordinary_taxable_income.to_string().parse().unwrap();
        println!(
            "{}: converted {}, ordinary taxable income {oti:.2}, 12% top {top:.2}, senior deduction {}",
            row.year, row.conversion, row.tax.senior_deduction
        );
        assert!(row.conversion > Decimal::ZERO, "{}", row.year);
        assert!(row.tax.senior_deduction > Decimal::ZERO, "{}", row.year);
        assert!((oti - top).abs() <= 0.5, "{}: {oti} vs {top}", row.year);
    }
}

/// "drew $73,122 from tax-deferred to fill the 12% bracket; rest: $11,498 from taxable, $0 from
/// cash" (G, Convert 12%, ACA-aware, 2028): a draw of cents is not named as a source.
#[test]
fn what_happened_never_names_a_source_of_zero_dollars() {
    let plans = EXAMPLES.iter().copied().chain(TEST_PLANS);
    let mut told = 0;
    every_year_of(plans, |name, p, row, _| {
        let said = drawdown::report::explain(row);
        told += usize::from(said.contains("rest: "));
        assert!(
            !said.contains("$0 from"),
            "{name} {} {}: {said}",
            p.strategy,
            row.year
        );
    });
    assert!(told > 100, "{told} rows name the rest of their draws");
}

/// "MAGI is $0 below IRMAA tier 1 for 2030" (a conversion landed on the tier's ceiling) and
/// "Another $0 of long-term gain would still be taxed at 0%": no why line counts zero dollars.
#[test]
fn no_why_line_counts_zero_dollars() {
    let plans = EXAMPLES.iter().copied().chain(TEST_PLANS);
    let mut irmaa = 0;
    every_year_of(plans, |name, p, row, inputs| {
        for line in why(row, inputs).lines {
            irmaa += usize::from(line.contains("below IRMAA tier"));
            for zero in ["MAGI is $0 ", "Another $0 "] {
                assert!(
                    !line.contains(zero),
                    "{name} {} {}: {line}",
                    p.strategy,
                    row.year
                );
            }
        }
    });
    assert!(irmaa > 10, "{irmaa} lines measure the way to an IRMAA tier");
}

/// "drew $83,387 from tax-deferred to fill the 12% bracket; rest: $1,506 from cash; MAGI kept
/// below the Marketplace credit's 400% line" (G, Fill 12%, 2028): a draw stopped at the line did
/// not fill the bracket, though its income reached into it.
#[test]
fn a_draw_stopped_at_the_marketplace_line_is_not_said_to_fill_its_bracket() {
    let plans = EXAMPLES.iter().copied().chain(TEST_PLANS);
    let mut at_line = 0;
    every_year_of(plans, |name, p, row, _| {
        let said = drawdown::report::explain(row);
        at_line += usize::from(said.contains("400% line"));
        assert!(
            !(said.contains("to fill the") && said.contains("400% line")),
            "{name} {} {}: {said}",
            p.strategy,
            row.year
        );
    });
    assert!(at_line > 10, "{at_line} rows stop at the Marketplace line");
}

/// How far ahead the line before says the next edge is, and whether the year's conversion or
/// draw is said to have stopped "between edges".
fn between_with_edge_within(lines: &[String], step: Decimal) -> Option<String> {
    let mut away: Option<Decimal> = None;
    for line in lines {
        if let Some(rest) = line.strip_prefix("The next edge, ")
            && let Some((_, d)) = rest.rsplit_once(", is $")
            && let Some(d) = d.strip_suffix(" of income away.")
        {
            away = d.replace(',', "").parse().ok();
        }
        if line.contains("stopping between edges") && away.is_some_and(|d| d <= step) {
            return Some(line.clone());
        }
    }
    None
}

/// The plan's optimized answer for the estate, on the repeatable budget.
fn optimized_estate(plan: &drawdown::plan::Plan) -> drawdown::optimize::Optimized {
    drawdown::optimize::optimize_within(
        plan,
        &drawdown::optimize::Objective::Estate,
        &drawdown::optimize::Budget::repeatable(),
        &std::sync::atomic::AtomicBool::new(false),
        &mut |_| {},
    )
    .unwrap()
}

/// A year whose tax-deferred draw was made whatever its need, the rest reinvested, does not say
/// the draw stopped "where the spending need was met" (the couple's Social Security met it):
/// tests/data/edge_draws_couple.ron, the optimized 2030.
#[test]
fn a_draw_beyond_the_need_is_not_said_to_stop_where_the_need_was_met() {
    let plan = drawdown::plan::parse_plan(
        include_str!("data/edge_draws_couple.ron"),
        "edge_draws_couple.ron",
    )
    .unwrap();
    let o = optimized_estate(&plan);
    let whys = why_projection(&plan, &o.projection).unwrap();
    let mut beyond = 0;
    for (w, row) in whys.iter().zip(&o.projection.rows) {
        if row.fixed_deferred > Decimal::ZERO && row.reinvested > Decimal::ZERO {
            beyond += 1;
            for line in &w.lines {
                assert!(
                    !line.contains("the spending need was met"),
                    "{}: {line}",
                    row.year
                );
            }
        }
    }
    assert!(beyond >= 10, "{beyond} years drew beyond the need");
}

/// "The next edge, the 0% capital-gain ceiling, is $9 of income away. Converted $35,572 to Roth,
/// stopping between edges" (the demo's optimized 2028): an edge within the $100 the rate line
/// measures is the one the year stopped short of, and is named so ("stopping $9 short of the 0%
/// capital-gain ceiling").
#[test]
fn a_year_that_stopped_just_short_of_an_edge_names_it() {
    let plan = drawdown::plan::demo_plan();
    let o = optimized_estate(&plan);
    let step = Decimal::ONE_HUNDRED;
    let whys = why_projection(&plan, &o.projection).unwrap();
    let mut short = 0;
    for (w, row) in whys.iter().zip(&o.projection.rows) {
        assert_eq!(
            between_with_edge_within(&w.lines, step),
            None,
            "{}",
            row.year
        );
        short += w.lines.iter().filter(|l| l.contains(" short of ")).count();
    }
    assert!(
        short > 0,
        "the demo's optimized years stop short of some edge"
    );
    let plans = EXAMPLES.iter().copied().chain(TEST_PLANS);
    every_year_of(plans, |name, p, row, inputs| {
        let w = why(row, inputs);
        assert_eq!(
            between_with_edge_within(&w.lines, step),
            None,
            "{name} {} {}",
            p.strategy,
            row.year
        );
    });
}
