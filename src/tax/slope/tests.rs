//! The slope must be the finite difference of the tax itself wherever no edge lies in between,
//! and the edge it names must really be the first place the slope can change.

use super::*;
use crate::tax::{Filing, compute};
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn money(max_dollars: i64) -> impl Strategy<Value = Decimal> {
    (0..max_dollars * 100).prop_map(|c| Decimal::new(c, 2))
}

fn signed(max_dollars: i64) -> impl Strategy<Value = Decimal> {
    (-max_dollars * 100..max_dollars * 100).prop_map(|c| Decimal::new(c, 2))
}

prop_compose! {
    fn facts()(
        filing in prop::sample::select(Filing::ALL.to_vec()),
        age_head in 40u32..95,
        age_spouse in prop::option::of(40u32..95),
        wages in prop::option::of(money(150_000)),
        ira in money(400_000),
        interest in money(60_000),
        dividends in money(80_000),
        qualified_share in 0u32..=100,
        long in signed(300_000),
        short in signed(40_000),
        ss in money(90_000),
    ) -> IncomeFacts<Decimal> {
        let ordinary_dividends = dividends;
        IncomeFacts {
            filing,
            age_head,
            age_spouse,
            wages: wages.unwrap_or_default(),
            ira_distributions: ira,
            taxable_interest: interest,
            ordinary_dividends,
            qualified_dividends: (ordinary_dividends * Decimal::from(qualified_share) / dec!(100)).round_dp(2),
            long_term_gains: long,
            short_term_gains: short,
            social_security: ss,
            ..Default::default()
        }
    }
}

fn moved(f: &IncomeFacts<Decimal>, dir: Direction<Decimal>, by: Decimal) -> IncomeFacts<Decimal> {
    let mut g = *f;
    g.ira_distributions += dir.ordinary * by;
    g.long_term_gains += dir.gain * by;
    g
}

fn directions() -> impl Strategy<Value = Direction<Decimal>> {
    prop_oneof![
        Just(Direction::ordinary()),
        Just(Direction::gain()),
        (1u32..100).prop_map(|g| Direction {
            ordinary: Decimal::ONE,
            gain: Decimal::from(g) / dec!(100)
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn slope_is_the_finite_difference_before_the_next_edge(
        f in facts(),
        dir in directions(),
        year in prop::sample::select(vec![2024, 2025, 2026]),
    ) {
        let law = TaxLaw::for_year(year).unwrap();
        let b = compute(&law, &f);
        let s = slope(&law, &f, &b, dir);
        let step = dec!(0.01);
        let clear = s.next_edge.is_none_or(|(d, _)| d > step);
        prop_assume!(clear);
        let after = compute(&law, &moved(&f, dir, step)).total;
        prop_assert_eq!(after - b.total, s.total * step, "slope {} edge {:?}", s.total, s.next_edge);
    }

    #[test]
    fn nothing_changes_before_the_named_edge(
        f in facts(),
        dir in directions(),
    ) {
        let law = TaxLaw::for_year(2026).unwrap();
        let b = compute(&law, &f);
        let s = slope(&law, &f, &b, dir);
        if let Some((d, _)) = s.next_edge {
            prop_assume!(d > dec!(0.02));
            let half = (d / Decimal::TWO).round_dp(6);
            let mid = moved(&f, dir, half);
            let bm = compute(&law, &mid);
            let sm = slope(&law, &mid, &bm, dir);
            prop_assert_eq!(sm.total, s.total);
            // and the tax between is the straight line
            prop_assert_eq!(bm.total - b.total, s.total * half);
        }
    }

    #[test]
    fn state_slope_is_its_finite_difference(
        f in facts(),
        dir in directions(),
        exempt_ss in any::<bool>(),
        exempt_retirement in any::<bool>(),
    ) {
        let law = TaxLaw::for_year(2026).unwrap();
        let state = StateRules { rate: dec!(0.05), exempt_social_security: exempt_ss, exempt_retirement, deduction: dec!(5000) };
        let b = compute(&law, &f);
        let s = slope(&law, &f, &b, dir);
        let (ds, edge) = state.slope(&f, &b, &s, dir);
        let step = dec!(0.01);
        let clear = s.next_edge.is_none_or(|(d, _)| d > step) && edge.is_none_or(|(d, _)| d > step);
        prop_assume!(clear);
        let g = moved(&f, dir, step);
        let bg = compute(&law, &g);
        prop_assert_eq!(state.tax(&g, &bg) - state.tax(&f, &b), ds * step);
    }
}

#[test]
fn the_torpedo_is_named_where_it_starts() {
    // single 70, SS 30,000, IRA 10,000: provisional 25,000 sits on the base amount.
    let law = TaxLaw::for_year(2026).unwrap();
    let f = IncomeFacts {
        filing: Filing::Single,
        age_head: 70,
        social_security: dec!(30000),
        ira_distributions: dec!(14000),
        ..Default::default()
    };
    let b = compute(&law, &f);
    // provisional 29,000: 50% zone; adjusted base 34,000 is 5,000 ahead
    let s = slope(&law, &f, &b, Direction::ordinary());
    assert_eq!(s.taxable_social_security, dec!(0.5));
    let (d, edge) = s.next_edge.unwrap();
    assert_eq!(edge, Edge::SocialSecurityAdjustedBase);
    assert_eq!(d, dec!(5000));
}

/// A couple whose deductions leave only qualified income taxable (all of it at 0%): the next
/// IRA dollar raises taxable income by $1.85 (the torpedo) and stays untaxed until ordinary
/// income reaches taxable income's qualified part. The plain tax's 10% bracket top, which
/// taxable income reaches sooner, changes no rate (the worksheet keeps the stacked tax): a
/// quiet edge, which the explanations pass over.
#[test]
fn a_bracket_top_of_the_plain_tax_the_worksheet_does_not_take_is_a_quiet_edge() {
    let law = TaxLaw::for_year(2026).unwrap();
    let f = IncomeFacts {
        filing: Filing::Mfj,
        age_head: 65,
        age_spouse: Some(65),
        wages: dec!(20000),
        ordinary_dividends: dec!(10000),
        qualified_dividends: dec!(9000),
        long_term_gains: dec!(17556.68),
        social_security: dec!(36000),
        ..Default::default()
    };
    let b = compute(&law, &f);
    assert_eq!(b.taxable_income, dec!(24379.858));
    assert_eq!(b.ordinary_taxable_income, Decimal::ZERO);
    let s = slope(&law, &f, &b, Direction::ordinary());
    assert_eq!(s.total, Decimal::ZERO);
    // $420.14 to the plain 10% bracket top ($24,800) at $1.85 a dollar.
    let (quiet, edge) = s.next_edge.unwrap();
    assert_eq!(edge, Edge::PlainBracketTop(0));
    assert!(edge.quiet());
    assert_eq!(quiet.round_dp(2), dec!(227.10));
    // Past it nothing changes; qualified income, $26,556.68, fills taxable income $2,176.82
    // from the start, where the 10% starts.
    let past = moved(&f, Direction::ordinary(), quiet + dec!(0.01));
    let bp = compute(&law, &past);
    let sp = slope(&law, &past, &bp, Direction::ordinary());
    assert_eq!(sp.total, Decimal::ZERO);
    let (more, edge) = sp.next_edge.unwrap();
    assert_eq!(edge, Edge::PreferentialCeiling);
    assert_eq!((quiet + dec!(0.01) + more).round_dp(2), dec!(1176.66));
}

/// Taxable income at the 0% gain ceiling with $20,000 of gains under it: each further IRA dollar
/// is taxed at 12% and pushes a dollar of gain into the 15% band, until ordinary income alone
/// reaches the ceiling $20,000 on. That second edge is not the ceiling the income stands on (the
/// explanations named both "the 0% capital-gain ceiling": "stops at the 0% capital-gain ceiling;
/// the next edge, the 0% capital-gain ceiling, is $20,000 further").
#[test]
fn the_end_of_the_zero_gain_band_is_its_own_edge() {
    let law = TaxLaw::for_year(2026).unwrap();
    let fi = Filing::Single.index();
    let zero_top = law.gain_edges[fi][0];
    let mut f = IncomeFacts {
        filing: Filing::Single,
        age_head: 60,
        ira_distributions: dec!(40000),
        long_term_gains: dec!(20000),
        ..Default::default()
    };
    let b = compute(&law, &f);
    f.ira_distributions += zero_top - b.taxable_income;
    let b = compute(&law, &f);
    assert_eq!(b.taxable_income, zero_top);
    let s = slope(&law, &f, &b, Direction::ordinary());
    assert_eq!(s.total, dec!(0.27));
    // Past the plain tax's bracket tops (quiet: the worksheet keeps the stacked tax).
    let (mut at, mut next) = (f, s.next_edge);
    let mut walked = Decimal::ZERO;
    while let Some((d, e)) = next
        && e.quiet()
    {
        walked += d;
        at = moved(&at, Direction::ordinary(), d);
        let ba = compute(&law, &at);
        next = slope(&law, &at, &ba, Direction::ordinary()).next_edge;
    }
    let (d, edge) = next.expect("an edge ahead");
    assert_eq!(edge, Edge::ZeroGainBandEnd);
    assert_eq!(walked + d, dec!(20000));
    // A dollar short of the ceiling, the ceiling is the next edge.
    let short = moved(&f, Direction::ordinary(), dec!(-1));
    let bs = compute(&law, &short);
    let ss = slope(&law, &short, &bs, Direction::ordinary());
    assert_eq!(ss.next_edge, Some((dec!(1), Edge::ZeroGainCeiling)));
    assert_ne!(
        Edge::ZeroGainCeiling.describe(),
        Edge::ZeroGainBandEnd.describe()
    );
}
