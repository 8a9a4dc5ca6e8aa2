//! Hand-checked figures at every edge that matters in retirement. Each expected value was worked
//! out on paper from the 2026 tables (2025 where the year matters), not read back from the code.

use super::*;
use crate::tax::law::{LawMode, TaxLaw};
use crate::tax::tables::LawTables;
use rust_decimal_macros::dec;

fn law(year: i32) -> TaxLaw<Decimal> {
    TaxLaw::for_year(year).unwrap()
}

fn single(age: u32) -> IncomeFacts<Decimal> {
    IncomeFacts {
        filing: Filing::Single,
        age_head: age,
        ..Default::default()
    }
}

fn couple(a: u32, b: u32) -> IncomeFacts<Decimal> {
    IncomeFacts {
        filing: Filing::Mfj,
        age_head: a,
        age_spouse: Some(b),
        ..Default::default()
    }
}

fn tax_on_taxable_income(taxable: Decimal) -> Decimal {
    // single, age 40: taxable income = wages - 16,100
    let mut f = single(40);
    f.wages = taxable + dec!(16100);
    federal(&law(2026), &f).unwrap().total
}

#[test]
fn every_single_bracket_edge_one_dollar_either_side() {
    // (edge, tax at the edge, rate below, rate above), cumulated by hand:
    // 10%×12,400 = 1,240; +12%×38,000 = 5,800; +22%×55,300 = 17,966; +24%×96,075 = 41,024;
    // +32%×54,450 = 58,448; +35%×384,375 = 192,979.25
    let edges = [
        (dec!(12400), dec!(1240), dec!(0.10), dec!(0.12)),
        (dec!(50400), dec!(5800), dec!(0.12), dec!(0.22)),
        (dec!(105700), dec!(17966), dec!(0.22), dec!(0.24)),
        (dec!(201775), dec!(41024), dec!(0.24), dec!(0.32)),
        (dec!(256225), dec!(58448), dec!(0.32), dec!(0.35)),
        (dec!(640600), dec!(192979.25), dec!(0.35), dec!(0.37)),
    ];
    for (edge, at_edge, below, above) in edges {
        assert_eq!(tax_on_taxable_income(edge), at_edge, "at {edge}");
        assert_eq!(
            tax_on_taxable_income(edge - Decimal::ONE),
            at_edge - below,
            "below {edge}"
        );
        assert_eq!(
            tax_on_taxable_income(edge + Decimal::ONE),
            at_edge + above,
            "above {edge}"
        );
    }
}

#[test]
fn joint_brackets_and_the_bracket_reached() {
    let mut f = couple(50, 50);
    // taxable 100,800 = the top of the mfj 12% bracket: 2,480 + 12%×76,000 = 11,600
    f.pensions = dec!(100800) + dec!(32200);
    let b = federal(&law(2026), &f).unwrap();
    assert_eq!(b.taxable_income, dec!(100800));
    assert_eq!(b.total, dec!(11600));
    assert_eq!(b.bracket, 2);
    assert_eq!(b.bracket_rate, dec!(0.12));
    f.pensions += Decimal::ONE;
    let b = federal(&law(2026), &f).unwrap();
    assert_eq!(b.total, dec!(11600.22));
    assert_eq!(b.bracket, 3);
}

#[test]
fn deductions_cover_income_then_bracket_is_zero() {
    let mut f = couple(70, 66);
    f.pensions = dec!(20000);
    let b = federal(&law(2026), &f).unwrap();
    // 32,200 + 2×1,650 = 35,500; senior 2×6,000
    assert_eq!(b.standard_deduction, dec!(35500));
    assert_eq!(b.senior_deduction, dec!(12000));
    assert_eq!(b.taxable_income, Decimal::ZERO);
    assert_eq!(b.bracket, 0);
    assert_eq!(b.total, Decimal::ZERO);
}

#[test]
fn social_security_single_switch_points() {
    // single base 25,000, adjusted base 34,000; SS 30,000 so half is 15,000
    let taxable_ss = |other: Decimal| {
        let mut f = single(70);
        f.social_security = dec!(30000);
        f.pensions = other;
        federal(&law(2026), &f).unwrap().taxable_social_security
    };
    assert_eq!(taxable_ss(dec!(10000)), Decimal::ZERO);
    assert_eq!(taxable_ss(dec!(10001)), dec!(0.5));
    assert_eq!(taxable_ss(dec!(19000)), dec!(4500));
    assert_eq!(taxable_ss(dec!(19001)), dec!(4500.85));
    // the 85% cap: 0.85 × (p - 34,000) + 4,500 = 25,500 at p = 58,705.88...
    assert_eq!(taxable_ss(dec!(200000)), dec!(25500));
}

#[test]
fn social_security_joint_switch_points() {
    // mfj base 32,000, adjusted 44,000; SS 40,000 so half is 20,000
    let taxable_ss = |other: Decimal| {
        let mut f = couple(70, 70);
        f.social_security = dec!(40000);
        f.ira_distributions = other;
        federal(&law(2026), &f).unwrap().taxable_social_security
    };
    assert_eq!(taxable_ss(dec!(11999)), Decimal::ZERO);
    assert_eq!(taxable_ss(dec!(12000)), Decimal::ZERO);
    assert_eq!(taxable_ss(dec!(12001)), dec!(0.5));
    assert_eq!(taxable_ss(dec!(23999)), dec!(5999.5));
    assert_eq!(taxable_ss(dec!(24000)), dec!(6000));
    assert_eq!(taxable_ss(dec!(24001)), dec!(6000.85));
    assert_eq!(taxable_ss(dec!(500000)), dec!(34000));
}

#[test]
fn zero_percent_gain_ceiling() {
    // single, age 40: wages 30,000 → ordinary taxable 13,900 (tax 1,240 + 12%×1,500 = 1,420)
    let tax = |gain: Decimal| {
        let mut f = single(40);
        f.wages = dec!(30000);
        f.long_term_gains = gain;
        federal(&law(2026), &f).unwrap()
    };
    let at = tax(dec!(35550)); // taxable 49,450 = the 0% ceiling
    assert_eq!(at.taxable_income, dec!(49450));
    assert_eq!(at.total, dec!(1420));
    assert_eq!(at.gain_band, 0);
    assert_eq!(tax(dec!(35549)).total, dec!(1420));
    let over = tax(dec!(35551));
    assert_eq!(over.total, dec!(1420.15));
    assert_eq!(over.gain_band, 1);
}

#[test]
fn the_worksheet_keeps_the_smaller_of_stacked_and_plain_tax() {
    // ordinary taxable 49,450 and 950 of qualified dividends: stacked = 5,686 + 15%×950 = 5,828.50
    // but plain bracket tax on 50,400 is 5,800, and the worksheet takes the smaller.
    let mut f = single(40);
    f.wages = dec!(65550);
    f.ordinary_dividends = dec!(950);
    f.qualified_dividends = dec!(950);
    let b = federal(&law(2026), &f).unwrap();
    assert_eq!(b.taxable_income, dec!(50400));
    assert_eq!(b.regular_tax, dec!(5800));
}

#[test]
fn twenty_percent_band() {
    // single, age 40, 2026: 600,000 of long-term gain and nothing else.
    // taxable 583,900, all preferential: 0% to 49,450; 15% to 545,500 (74,407.50); 20% on 38,400 (7,680)
    let mut f = single(40);
    f.long_term_gains = dec!(600000);
    let b = federal(&law(2026), &f).unwrap();
    assert_eq!(b.preferential_tax, dec!(82087.50));
    assert_eq!(b.gain_band, 2);
    // NIIT: 3.8% of min(600,000, 600,000 - 200,000) = 15,200
    assert_eq!(b.niit, dec!(15200));
    assert_eq!(b.total, dec!(97287.50));
}

#[test]
fn senior_deduction_phase_out_single() {
    let senior = |agi: Decimal| {
        let mut f = single(70);
        f.pensions = agi;
        federal(&law(2026), &f).unwrap().senior_deduction
    };
    assert_eq!(senior(dec!(74999)), dec!(6000));
    assert_eq!(senior(dec!(75000)), dec!(6000));
    assert_eq!(senior(dec!(75001)), dec!(5999.94));
    assert_eq!(senior(dec!(174999)), dec!(0.06));
    assert_eq!(senior(dec!(175000)), Decimal::ZERO);
    assert_eq!(senior(dec!(175001)), Decimal::ZERO);
}

#[test]
fn senior_deduction_phase_out_joint_reduces_each_person() {
    let senior = |agi: Decimal, ages: (u32, u32)| {
        let mut f = couple(ages.0, ages.1);
        f.pensions = agi;
        federal(&law(2025), &f).unwrap().senior_deduction
    };
    assert_eq!(senior(dec!(150000), (70, 68)), dec!(12000));
    assert_eq!(senior(dec!(150001), (70, 68)), dec!(11999.88));
    assert_eq!(senior(dec!(249999), (70, 68)), dec!(0.12));
    assert_eq!(senior(dec!(250000), (70, 68)), Decimal::ZERO);
    // one spouse under 65: one deduction, one reduction
    assert_eq!(senior(dec!(150001), (70, 60)), dec!(5999.94));
}

#[test]
fn senior_deduction_exists_only_2025_to_2028_and_not_for_mfs() {
    let mut f = single(70);
    f.pensions = dec!(50000);
    assert_eq!(
        federal(&law(2024), &f).unwrap().senior_deduction,
        Decimal::ZERO
    );
    let tables = LawTables::get().unwrap();
    let later = |y| TaxLaw::resolve(tables, &LawMode::CurrentLaw, y, dec!(1.05)).unwrap();
    assert_eq!(
        federal(&later(2028), &f).unwrap().senior_deduction,
        dec!(6000)
    );
    assert_eq!(
        federal(&later(2029), &f).unwrap().senior_deduction,
        Decimal::ZERO
    );
    f.filing = Filing::Mfs;
    assert_eq!(
        federal(&law(2026), &f).unwrap().senior_deduction,
        Decimal::ZERO
    );
}

#[test]
fn net_investment_income_tax_threshold() {
    let niit = |wages: Decimal| {
        let mut f = single(40);
        f.wages = wages;
        f.taxable_interest = dec!(50000);
        federal(&law(2026), &f).unwrap().niit
    };
    assert_eq!(niit(dec!(150000)), Decimal::ZERO); // AGI exactly 200,000
    assert_eq!(niit(dec!(150001)), dec!(0.038));
    assert_eq!(niit(dec!(160000)), dec!(380));
    assert_eq!(niit(dec!(900000)), dec!(1900)); // capped by the 50,000 of investment income
}

#[test]
fn capital_losses_limited_and_carried_forward() {
    let mut f = single(40);
    f.wages = dec!(50000);
    f.long_term_gains = dec!(-10000);
    let b = federal(&law(2026), &f).unwrap();
    assert_eq!(b.capital_gain_in_agi, dec!(-3000));
    assert_eq!(b.loss_carryforward, dec!(7000));
    assert_eq!(b.agi, dec!(47000));
    f.filing = Filing::Mfs;
    let b = federal(&law(2026), &f).unwrap();
    assert_eq!(b.capital_gain_in_agi, dec!(-1500));
    assert_eq!(b.loss_carryforward, dec!(8500));
    // short-term loss against long-term gain: only the net gain gets the lower rate
    let mut g = single(40);
    g.wages = dec!(40000);
    g.long_term_gains = dec!(10000);
    g.short_term_gains = dec!(-4000);
    let b = federal(&law(2026), &g).unwrap();
    assert_eq!(b.preferential_income, dec!(6000));
}

#[test]
fn marginal_rate_sees_the_social_security_torpedo() {
    // single 70, SS 30,000, IRA 30,000: provisional 45,000 is past 34,000, so each IRA dollar adds
    // 85 cents of taxable benefit; taxable income 19,700 is in the 12% bracket: 12% × 1.85.
    let mut f = single(70);
    f.social_security = dec!(30000);
    f.ira_distributions = dec!(30000);
    let b = federal(&law(2026), &f).unwrap();
    assert_eq!(b.taxable_social_security, dec!(13850));
    assert_eq!(b.taxable_income, dec!(19700));
    assert_eq!(b.marginal_ordinary, dec!(0.222));
    // a dollar of gain sits in the 0% band but still drags 85 cents of benefit into the 12% bracket
    assert_eq!(b.marginal_gain, dec!(0.102));
}

#[test]
fn marginal_rate_sees_gains_pushed_out_of_the_zero_band() {
    // wages 40,000, gains 30,000: taxable 53,900, ordinary part 23,900 (12%). One more ordinary
    // dollar costs 12% and pushes one dollar of gain from 0% to 15%: 27%.
    let mut f = single(40);
    f.wages = dec!(40000);
    f.long_term_gains = dec!(30000);
    let b = federal(&law(2026), &f).unwrap();
    assert_eq!(b.marginal_ordinary, dec!(0.27));
    assert_eq!(b.marginal_gain, dec!(0.15));
}

#[test]
fn flat_rates_tax_every_dollar_without_deductions() {
    let tables = LawTables::get().unwrap();
    let mode = LawMode::FlatRates {
        ordinary: dec!(0.35),
        gains: dec!(0.15),
        change: None,
    };
    let flat = TaxLaw::resolve(tables, &mode, 2026, Decimal::ONE).unwrap();
    let mut f = couple(70, 70);
    f.ira_distributions = dec!(100000);
    f.long_term_gains = dec!(10000);
    let b = federal(&flat, &f).unwrap();
    assert_eq!(b.total, dec!(36500));
    assert_eq!(b.marginal_ordinary, dec!(0.35));
    assert_eq!(b.marginal_gain, dec!(0.15));
}

#[test]
fn separate_filers_living_together_have_no_social_security_base_amount() {
    // IRC sec. 86(c)(1)(C): mfs and lived with the spouse: every provisional dollar counts at 85%
    let mut f = IncomeFacts {
        filing: Filing::Mfs,
        age_head: 70,
        social_security: dec!(20000),
        pensions: dec!(10000),
        ..Default::default()
    };
    // lived apart: provisional 20,000 is under the 25,000 base
    assert_eq!(
        federal(&law(2026), &f).unwrap().taxable_social_security,
        Decimal::ZERO
    );
    f.lived_with_spouse = true;
    // lived together: min(85% × 20,000, 85% × 20,000) = 17,000
    assert_eq!(
        federal(&law(2026), &f).unwrap().taxable_social_security,
        dec!(17000)
    );
}

#[test]
fn bad_facts_are_typed_errors() {
    let l = law(2026);
    let mut f = single(70);
    f.wages = dec!(-1);
    assert!(matches!(
        federal(&l, &f),
        Err(TaxError::InvalidInput { field: "wages", .. })
    ));
    let mut f = single(70);
    f.ordinary_dividends = dec!(10);
    f.qualified_dividends = dec!(20);
    assert!(matches!(
        federal(&l, &f),
        Err(TaxError::InvalidInput {
            field: "qualified_dividends",
            ..
        })
    ));
    let mut f = single(70);
    f.long_term_gains = dec!(-1e15);
    assert!(matches!(
        federal(&l, &f),
        Err(TaxError::InvalidInput {
            field: "long_term_gains",
            ..
        })
    ));
    let f = single(250);
    assert!(matches!(
        federal(&l, &f),
        Err(TaxError::InvalidInput {
            field: "age_head",
            ..
        })
    ));
}

#[test]
fn largest_accepted_inputs_do_not_overflow() {
    let l = law(2026);
    let big = MAX_MONEY;
    let f = IncomeFacts {
        filing: Filing::Mfj,
        age_head: 130,
        age_spouse: Some(130),
        blind: 2,
        wages: big,
        pensions: big,
        ira_distributions: big,
        roth_conversions: big,
        taxable_interest: big,
        tax_exempt_interest: big,
        ordinary_dividends: big,
        qualified_dividends: big,
        long_term_gains: big,
        short_term_gains: big,
        other_ordinary: big,
        social_security: big,
        lived_with_spouse: false,
    };
    let b = federal(&l, &f).unwrap();
    assert!(b.total > Decimal::ZERO);
    assert!(b.total < b.agi);
}

#[test]
fn f64_and_decimal_agree() {
    let l = law(2026);
    let mut f = couple(70, 66);
    f.social_security = dec!(41234.56);
    f.ira_distributions = dec!(61000);
    f.ordinary_dividends = dec!(8000);
    f.qualified_dividends = dec!(6000);
    f.long_term_gains = dec!(22000);
    let exact = federal(&l, &f).unwrap();
    let lf: TaxLaw<f64> = l.convert();
    let ff = IncomeFacts {
        filing: f.filing,
        age_head: f.age_head,
        age_spouse: f.age_spouse,
        blind: 0,
        wages: 0.0,
        pensions: 0.0,
        ira_distributions: 61000.0,
        roth_conversions: 0.0,
        taxable_interest: 0.0,
        tax_exempt_interest: 0.0,
        ordinary_dividends: 8000.0,
        qualified_dividends: 6000.0,
        long_term_gains: 22000.0,
        short_term_gains: 0.0,
        other_ordinary: 0.0,
        social_security: 41234.56,
        lived_with_spouse: false,
    };
    let approx = breakdown(&lf, &ff);
    assert!((approx.total - exact.total.to_f64()).abs() < 1e-6);
    assert!((approx.marginal_ordinary - exact.marginal_ordinary.to_f64()).abs() < 1e-6);
}

/// The rooms under a line are searched on `income` alone: it must name the same AGI,
/// deductions and preferential income as the full computation, and keep the excess below zero
/// that taxable income floors (a search needs to know how far below the line it is).
#[test]
fn income_alone_matches_the_full_computation() {
    let law = law(2026);
    let mut cases = Vec::new();
    for (ira, ss, gain) in [
        (dec!(0), dec!(0), dec!(0)),
        (dec!(12000), dec!(30000), dec!(0)),
        (dec!(40000), dec!(42000), dec!(8000)),
        (dec!(90000), dec!(42000), dec!(-9000)),
        (dec!(250000), dec!(60000), dec!(120000)),
    ] {
        for mut f in [single(70), couple(67, 64)] {
            f.ira_distributions = ira;
            f.social_security = ss;
            f.long_term_gains = gain;
            f.qualified_dividends = dec!(1500);
            f.ordinary_dividends = dec!(2000);
            cases.push(f);
        }
    }
    for f in &cases {
        let b = compute(&law, f);
        let i = income(&law, f);
        assert_eq!(i.agi, b.agi, "{f:?}");
        assert_eq!(i.magi, b.magi, "{f:?}");
        assert_eq!(
            i.taxable_social_security, b.taxable_social_security,
            "{f:?}"
        );
        assert_eq!(i.standard_deduction, b.standard_deduction, "{f:?}");
        assert_eq!(i.senior_deduction, b.senior_deduction, "{f:?}");
        assert_eq!(i.taxable_income(), b.taxable_income, "{f:?}");
        assert_eq!(
            f.preferential().min_of(b.taxable_income),
            b.preferential_income,
            "{f:?}"
        );
        assert_eq!(i.excess, b.agi - b.standard_deduction - b.senior_deduction);
    }
    // Nothing but deductions: the excess is the negative distance to the first taxed dollar.
    let i = income(&law, &single(70));
    assert!(i.excess < Decimal::ZERO);
    assert_eq!(i.taxable_income(), Decimal::ZERO);
}
