//! The ACA premium tax credit against 1,080 reference households (PolicyEngine-US 2.68.0, tax
//! years 2025 and 2026; `tests/data/aca-ptc-vectors.md`), computed through `drawdown tax` as a
//! user runs it: every row with a benchmark premium becomes an input row (its MAGI as IRA
//! income, its state and benchmark), and `aca_ptc` must be within $1 of the reference `ptc`.

mod common;

use rust_decimal::Decimal;
use std::collections::HashMap;
use std::str::FromStr;

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap_or_else(|_| Decimal::from_scientific(s).unwrap())
}

#[test]
fn every_row_with_a_benchmark_matches_the_reference_credit() {
    let text = include_str!("data/aca-ptc-vectors-public.csv");
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let mut input = String::from(
        "year,filing,age_head,age_spouse,pensions_ira,state,aca_benchmark,aca_months\n",
    );
    let mut expected = Vec::new();
    for r in rdr.records() {
        let r = r.unwrap();
        let benchmark = dec(&r[col("benchmark_premium")]);
        if benchmark.is_zero() {
            continue;
        }
        // All of the reference household's income is IRA distributions (plus Alaska's Permanent
        // Fund Dividend, which the reference counts in MAGI), so MAGI enters as IRA income.
        input.push_str(&format!(
            "{},{},{},{},{},{},{},12\n",
            &r[col("year")],
            &r[col("filing")],
            &r[col("age_head")],
            &r[col("age_spouse")],
            &r[col("magi")],
            &r[col("state")],
            benchmark,
        ));
        expected.push((
            dec(&r[col("magi")]),
            dec(&r[col("ptc")]),
            format!(
                "{} {} {} x{}",
                &r[col("year")],
                &r[col("county")],
                &r[col("filing")],
                &r[col("fpl_multiple")]
            ),
        ));
    }
    assert!(expected.len() > 900, "only {} rows", expected.len());

    let (at, rows) = tax_rows(&input);
    assert_eq!(rows.len(), expected.len());

    let mut worst = (Decimal::ZERO, String::new());
    let mut within = 0;
    let mut exact = 0;
    for (row, (magi, ptc, label)) in rows.iter().zip(&expected) {
        assert_eq!(dec(&row[at["aca_magi"]]), *magi, "{label}");
        let miss = (dec(&row[at["aca_ptc"]]) - ptc).abs();
        if miss > worst.0 {
            worst = (miss, label.clone());
        }
        if miss <= Decimal::ONE {
            within += 1;
        }
        if miss < dec("0.01") {
            exact += 1;
        }
    }
    println!(
        "ACA vectors: {within} of {} rows within $1 ({exact} to the cent); largest miss ${} ({})",
        expected.len(),
        worst.0,
        worst.1
    );
    assert_eq!(
        within,
        expected.len(),
        "largest miss ${} at {}",
        worst.0,
        worst.1
    );
}

/// The reference gives no benchmark where the household is on Medicaid or New York's Essential
/// Plan (it pays no Marketplace premium); drawdown routes exactly those rows there, and no other.
#[test]
fn medicaid_and_basic_health_routing_matches_the_reference() {
    use drawdown::health::{AcaLaw, AcaStatus, HealthTables, StateCode};
    let tables = HealthTables::get().unwrap();
    let text = include_str!("data/aca-ptc-vectors-public.csv");
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (mut routed, mut rows) = (0, 0);
    for r in rdr.records() {
        let r = r.unwrap();
        let year: i32 = r[col("year")].parse().unwrap();
        let law = AcaLaw::for_year(tables, year, StateCode::parse(&r[col("state")]), &|_| {
            Decimal::ONE
        })
        .unwrap();
        let size = if &r[col("filing")] == "mfj" { 2 } else { 1 };
        let status = law.status(dec(&r[col("magi")]), size);
        let off_marketplace = matches!(status, AcaStatus::Medicaid | AcaStatus::BasicHealthProgram);
        let no_benchmark = dec(&r[col("benchmark_premium")]).is_zero();
        assert_eq!(
            off_marketplace,
            no_benchmark,
            "{} {} {} x{}: {status:?}",
            &r[col("year")],
            &r[col("county")],
            &r[col("filing")],
            &r[col("fpl_multiple")]
        );
        if status == AcaStatus::Medicaid {
            assert_eq!(&r[col("medicaid_eligible")], "1");
        }
        routed += usize::from(off_marketplace);
        rows += 1;
    }
    println!("routed off the Marketplace: {routed} of {rows} rows, as the reference");
}

/// The income kinds of `tests/data/aca-ptc-vectors-extra.csv`, fed to `drawdown tax` under the
/// same names.
const EXTRA_INCOME: [&str; 11] = [
    "wages",
    "pensions_ira",
    "taxable_interest",
    "tax_exempt_interest",
    "ordinary_dividends",
    "qualified_dividends",
    "long_term_gains",
    "short_term_gains",
    "social_security",
    "other_income",
    "state",
];

/// A benchmark for households the reference has off the Marketplace (on Medicaid, a Basic Health
/// Program, or in the coverage gap, where it gives none): any credit drawdown then gives them is
/// a disagreement about where they belong.
const OFF_MARKETPLACE_BENCHMARK: &str = "99999";

/// 3,260 further households (other states and counties, income between the public grid's points
/// and at the edges, Medicaid and Basic Health Program limits to the dollar, capital losses, mixes
/// of income kinds with Social Security and tax-exempt interest,
/// dependents, head-of-household and separate returns; `tests/data/aca-ptc-vectors.md`), through
/// `drawdown tax` with every income kind in its own column: `aca_magi` must equal the
/// reference's MAGI and `aca_ptc` be within $1 of its credit, except on rows marked with a
/// documented PolicyEngine deviation from the statute, where the deviation itself is checked.
#[test]
fn the_extra_households_match_the_reference_credit() {
    let text = include_str!("data/aca-ptc-vectors-extra.csv");
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let mut input = format!(
        "year,filing,age_head,age_spouse,{},aca_benchmark,aca_months,aca_dependents\n",
        EXTRA_INCOME.join(",")
    );
    let mut expected = Vec::new();
    for r in rdr.records() {
        let r = r.unwrap();
        let benchmark = &r[col("benchmark_premium")];
        let off = dec(benchmark).is_zero();
        // The dependents are stated only where they differ from the filing status's default
        // (one for a head of household, none otherwise), so both paths are exercised.
        let dependents: u32 = r[col("dependents")].parse().unwrap();
        let default = u32::from(&r[col("filing")] == "hoh");
        let stated = if dependents == default {
            String::new()
        } else {
            dependents.to_string()
        };
        let income: Vec<&str> = EXTRA_INCOME.iter().map(|c| &r[col(c)]).collect();
        input.push_str(&format!(
            "{},{},{},{},{},{},12,{stated}\n",
            &r[col("year")],
            &r[col("filing")],
            &r[col("age_head")],
            &r[col("age_spouse")],
            income.join(","),
            if off {
                OFF_MARKETPLACE_BENCHMARK
            } else {
                benchmark
            },
        ));
        expected.push((
            dec(&r[col("magi")]),
            dec(&r[col("ptc")]),
            r[col("pe_deviation")].to_string(),
            format!(
                "{} {} {} +{dependents} x{}",
                &r[col("year")],
                &r[col("county")],
                &r[col("filing")],
                &r[col("fpl_multiple")]
            ),
        ));
    }
    assert!(expected.len() > 3000, "only {} rows", expected.len());

    let (at, rows) = tax_rows(&input);
    assert_eq!(rows.len(), expected.len());

    let (mut within, mut deviations, mut ceilings) = (0, 0, 0);
    let mut misses = Vec::new();
    for (row, (magi, ptc, deviation, label)) in rows.iter().zip(&expected) {
        assert_eq!(dec(&row[at["aca_magi"]]), *magi, "{label}");
        let got = dec(&row[at["aca_ptc"]]);
        match deviation.as_str() {
            "" => {
                if (got - ptc).abs() <= Decimal::ONE {
                    within += 1;
                } else {
                    misses.push(format!("{label}: drawdown {got}, reference {ptc}"));
                }
            }
            // MAGI of exactly 4 × the line: the statute's "does not exceed 400 percent" keeps
            // the credit; the reference's truncated share of 4.00 loses it.
            "400_percent" => {
                assert!(ptc.is_zero() && got > *ptc, "{label}: {got} vs {ptc}");
                deviations += 1;
            }
            // MAGI up to $12 a year above the adult Medicaid limit: the statute's limit is
            // exact; the reference rounds each state's monthly limit up to a whole dollar.
            "medicaid_ceiling" => {
                assert!(ptc.is_zero() && got > *ptc, "{label}: {got} vs {ptc}");
                ceilings += 1;
            }
            other => panic!("{label}: unknown deviation '{other}'"),
        }
    }
    println!(
        "ACA extra vectors: {within} of {} rows within $1; documented deviations: {deviations} \
         at 400%, {ceilings} at a Medicaid limit",
        expected.len()
    );
    common::assert_no_misses(&misses);
    // The 2026 and 2027 rows at exactly 400% whose statutory credit is positive, and the rows $1
    // above a Medicaid limit whose monthly figure is not whole dollars (the md describes both).
    assert_eq!((deviations, ceilings), (60, 12));
}

/// `drawdown tax` on a CSV of households: its output columns by name, and its rows.
fn tax_rows(input: &str) -> (HashMap<String, usize>, Vec<Vec<String>>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("households.csv");
    std::fs::write(&path, input).unwrap();
    let out = common::drawdown(&["tax", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let stdout = common::stdout(&out);
    let mut lines = stdout.lines();
    let at = lines
        .next()
        .unwrap()
        .split(',')
        .enumerate()
        .map(|(i, h)| (h.to_string(), i))
        .collect();
    let rows = lines
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    (at, rows)
}
