//! An unmarried partner who survives inherits tax-deferred money as an inherited IRA (paid out
//! over their life expectancy, or within ten years when more than ten years younger, and never
//! converted to Roth), Roth money as an inherited Roth IRA (paid out tax-free on the same
//! clocks, with nothing due before the tenth year when more than ten years younger) and an HSA
//! as income; a spouse takes all of them as their own.

use drawdown::compare::compare;
use drawdown::engine::{Projection, YearRow};
use drawdown::plan::{Plan, parse_plan};
use drawdown::report::explain::explain;
use drawdown::tax::Filing;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// Alex (born 1950) dies at the end of 2030, at 80; Sam survives. Alex's IRA is the only
/// tax-deferred money; a large savings account pays the spending, so nothing but RMDs leaves the
/// IRA. No returns and no inflation, so each figure can be followed by hand.
fn couple(sam_born: i32, filing: &str, strategy: &str, extra: &str) -> Plan {
    let text = format!(
        r#"(
    version: 1,
    name: "partners",
    people: [
        (name: "Alex", birth_year: 1950, planning_age: 80),
        (name: "Sam", birth_year: {sam_born}, planning_age: 95),
    ],
    filing: {filing},
    state: Resident(code: "FL"),
    heirs_rate: 0.24,
    accounts: [
        Cash(name: "Savings", balance: 3000000),
        Deferred(name: "Alex IRA", owner: 0, balance: 800000, stock_share: 0.6),
        {extra}
    ],
    income: (social_security: [(person: 0, fra_benefit: 30000, claim_age: 70),
                               (person: 1, fra_benefit: 20000, claim_age: 70)]),
    spending: (annual: 60000),
    assumptions: (start_year: 2026, inflation: 0, returns: Constant(nominal: 0)),
    strategies: [{strategy}],
)"#
    );
    parse_plan(&text, "partners").unwrap()
}

fn rows(plan: &Plan) -> Projection<Decimal> {
    compare(plan).unwrap().projections.remove(0)
}

fn at(p: &Projection<Decimal>, year: i32) -> &YearRow<Decimal> {
    p.rows.iter().find(|r| r.year == year).unwrap()
}

/// A balance over a period, rounded up to the cent.
fn over(balance: Decimal, period: Decimal) -> Decimal {
    (balance / period).round_dp_with_strategy(2, rust_decimal::RoundingStrategy::AwayFromZero)
}

#[test]
fn a_partner_not_ten_years_younger_stretches_the_ira_over_their_life_expectancy() {
    let unmarried = rows(&couple(1955, "single", "Conventional", ""));
    let married = rows(&couple(1955, "mfj", "Conventional", ""));
    let left = at(&unmarried, 2030).closing.deferred;
    assert_eq!(left, at(&married, 2030).closing.deferred);
    // Sam is 76 in 2031. A spouse takes the IRA as their own: Uniform Lifetime Table, 23.7.
    assert_eq!(at(&married, 2031).rmd, over(left, dec!(23.7)));
    // A partner five years younger is an eligible designated beneficiary: the longer of Sam's
    // Single Life expectancy at 76 (14.1) and Alex's remaining one (11.2 at 80, less one).
    assert_eq!(at(&unmarried, 2031).rmd, over(left, dec!(14.1)));
    // One year less each year after, not looked up again.
    let left = at(&unmarried, 2031).closing.deferred;
    assert_eq!(at(&unmarried, 2032).rmd, over(left, dec!(13.1)));
    println!(
        "2031 RMD: as a spouse {}, as a partner {}",
        at(&married, 2031).rmd,
        at(&unmarried, 2031).rmd
    );
}

#[test]
fn a_partner_more_than_ten_years_younger_empties_the_ira_by_the_tenth_year() {
    let p = rows(&couple(1965, "single", "Conventional", ""));
    // Sam is 66 in 2031: yearly distributions (Alex was past the required beginning date) over
    // Sam's 22.0 years, then everything left in 2040, the tenth year after the death.
    let left = at(&p, 2030).closing.deferred;
    assert_eq!(at(&p, 2031).rmd, over(left, dec!(22.0)));
    let left = at(&p, 2039).closing.deferred;
    assert!(left > Decimal::ZERO);
    assert_eq!(at(&p, 2040).rmd, left);
    assert_eq!(at(&p, 2040).closing.deferred, Decimal::ZERO);
    for r in &p.rows {
        assert!(r.identity_gap().is_zero(), "{}", r.year);
    }
}

#[test]
fn an_inherited_ira_is_never_converted_to_roth() {
    let convert = "RothConversion(bracket: 0.12, stop_at_rmd: false)";
    let unmarried = rows(&couple(1955, "single", convert, ""));
    let married = rows(&couple(1955, "mfj", convert, ""));
    // While Alex lives both convert (to the top of their own brackets); after, a spouse goes on
    // converting the IRA and a partner cannot.
    assert!(at(&unmarried, 2027).conversion > Decimal::ZERO);
    assert!(at(&married, 2031).conversion > Decimal::ZERO);
    for r in unmarried.rows.iter().filter(|r| r.year > 2030) {
        assert_eq!(r.conversion, Decimal::ZERO, "{}", r.year);
    }
    // Sam's own IRA can still be converted.
    let own = r#"Deferred(name: "Sam IRA", owner: 1, balance: 200000, stock_share: 0.6),"#;
    let p = rows(&couple(1955, "single", convert, own));
    let after: Decimal = p
        .rows
        .iter()
        .filter(|r| r.year > 2030)
        .map(|r| r.conversion)
        .sum();
    assert!(after > Decimal::ZERO);
    assert!(after <= dec!(200000));
}

#[test]
fn a_partner_pays_income_tax_on_an_inherited_hsa_a_spouse_keeps_it() {
    let hsa = r#"Hsa(name: "Alex HSA", owner: 0, balance: 40000),"#;
    let unmarried = rows(&couple(1955, "single", "Conventional", hsa));
    let married = rows(&couple(1955, "mfj", "Conventional", hsa));
    let (u, m) = (at(&unmarried, 2031), at(&married, 2031));
    // The whole HSA is the partner's income in the first year after the death (with the
    // inherited IRA's distribution); a spouse keeps it as an HSA.
    let hsa_left = at(&unmarried, 2030).closing.hsa;
    assert!(hsa_left > Decimal::ZERO);
    assert_eq!(hsa_left, at(&married, 2030).closing.hsa);
    assert_eq!(u.closing.hsa, Decimal::ZERO);
    let left = at(&unmarried, 2030).closing.deferred;
    assert_eq!(u.rmd, over(left, dec!(14.1)) + hsa_left);
    assert!(m.closing.hsa > Decimal::ZERO);
    assert!(u.federal_tax > m.federal_tax);
    assert!(u.identity_gap().is_zero());
}

#[test]
fn filing_jointly_or_separately_is_married() {
    for filing in [Filing::Mfj, Filing::Mfs] {
        let mut plan = couple(1955, "single", "Conventional", "");
        plan.filing = filing;
        let p = rows(&plan);
        let left = at(&p, 2030).closing.deferred;
        assert_eq!(at(&p, 2031).rmd, over(left, dec!(23.7)), "{filing:?}");
    }
}

const ALEX_ROTH: &str = r#"Roth(name: "Alex Roth", owner: 0, balance: 300000, stock_share: 0.6),"#;

#[test]
fn a_partner_not_ten_years_younger_takes_an_inherited_roth_over_their_life_expectancy() {
    let unmarried = rows(&couple(1955, "single", "Conventional", ALEX_ROTH));
    let married = rows(&couple(1955, "mfj", "Conventional", ALEX_ROTH));
    let without = rows(&couple(1955, "single", "Conventional", ""));
    // Savings pay the spending: nothing leaves the Roth while Alex lives, or ever for a spouse.
    assert_eq!(at(&unmarried, 2030).closing.roth, dec!(300000));
    assert!(married.rows.iter().all(|r| r.roth_payout.is_zero()));
    // Sam, 76 in 2031, is an eligible designated beneficiary: yearly payouts over the Single
    // Life expectancy (14.1), one less each year; a Roth owner always dies "before the required
    // beginning date", so the owner's own expectancy plays no part.
    let first = at(&unmarried, 2031);
    assert_eq!(first.roth_payout, over(dec!(300000), dec!(14.1)));
    assert_eq!(first.roth_draw, first.roth_payout);
    assert!(
        explain(first).starts_with("inherited Roth paid out $21,277 (required, tax-free); RMD"),
        "{}",
        explain(first)
    );
    let left = first.closing.roth;
    assert_eq!(at(&unmarried, 2032).roth_payout, over(left, dec!(13.1)));
    // Tax-free: the same AGI and tax as without the Roth. Sam's income already pays the need,
    // so all of it is reinvested.
    let plain = at(&without, 2031);
    assert_eq!(first.tax.agi, plain.tax.agi);
    assert_eq!(first.federal_tax, plain.federal_tax);
    assert_eq!(first.reinvested - plain.reinvested, first.roth_payout);
    for r in &unmarried.rows {
        assert!(r.identity_gap().is_zero(), "{}", r.year);
    }
}

#[test]
fn a_younger_partner_empties_an_inherited_roth_by_the_tenth_year_and_converts_into_their_own() {
    let convert = "RothConversion(bracket: 0.12, stop_at_rmd: false)";
    let own = format!(
        r#"{ALEX_ROTH} Deferred(name: "Sam IRA", owner: 1, balance: 200000, stock_share: 0.6),"#
    );
    let p = rows(&couple(1965, "single", convert, &own));
    // Nothing is due before the tenth year after the death; then all of the inherited Roth.
    for year in 2031..2040 {
        assert_eq!(at(&p, year).roth_payout, Decimal::ZERO, "{year}");
    }
    let last = at(&p, 2040);
    assert!(last.roth_payout >= dec!(300000), "{}", last.roth_payout);
    assert_eq!(
        last.roth_payout + last.closing.roth,
        at(&p, 2039).closing.roth
    );
    // Sam's conversions went to a Roth of Sam's own, which stays.
    let converted: Decimal = p
        .rows
        .iter()
        .filter(|r| r.year > 2030 && r.year <= 2040)
        .map(|r| r.conversion)
        .sum();
    assert!(converted > Decimal::ZERO);
    assert!(last.closing.roth >= converted);
    for r in &p.rows {
        assert!(r.identity_gap().is_zero(), "{}", r.year);
    }
}
