//! Federal tax for one household-year: the full breakdown a screen explains, and the bare total
//! the engine's solver evaluates many times a year, on Decimal and on f64; and the ACA premium
//! tax credit, which the solver will evaluate as often.

use criterion::{Criterion, criterion_group, criterion_main};
use drawdown::health::{AcaHousehold, AcaLaw, HealthTables};
use drawdown::tax::{
    Filing, IncomeFacts, Person, StateCode, StateFacts, StateLaw, TaxLaw, breakdown,
    state_breakdown, total_tax,
};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::hint::black_box;

/// A married couple, 68 and 66: Social Security, an IRA draw, dividends and a realised gain.
fn retirees() -> IncomeFacts<Decimal> {
    IncomeFacts {
        filing: Filing::Mfj,
        age_head: 68,
        age_spouse: Some(66),
        social_security: dec!(52000),
        ira_distributions: dec!(96000),
        taxable_interest: dec!(2400),
        ordinary_dividends: dec!(11800),
        qualified_dividends: dec!(9600),
        long_term_gains: dec!(18250),
        ..Default::default()
    }
}

/// The same couple with its income owned: his pension and IRA, her IRA, both on Social Security.
fn retirees_by_person() -> StateFacts<Decimal> {
    StateFacts {
        filing: Filing::Mfj,
        people: [
            Person {
                age: 68,
                private_pension: dec!(30000),
                ira_distributions: dec!(40000),
                social_security: dec!(30000),
                ..Default::default()
            },
            Person {
                age: 66,
                ira_distributions: dec!(26000),
                social_security: dec!(22000),
                ..Default::default()
            },
        ],
        taxable_interest: dec!(2400),
        ordinary_dividends: dec!(11800),
        qualified_dividends: dec!(9600),
        long_term_gains: dec!(18250),
        ..Default::default()
    }
}

fn tax(c: &mut Criterion) {
    let law = TaxLaw::for_year(2026).expect("2026 law");
    let law_f64 = law.convert::<f64>();
    let facts = retirees();
    let facts_f64 = facts.to_f64();

    c.bench_function("federal_breakdown", |b| {
        b.iter(|| breakdown(black_box(&law), black_box(&facts)))
    });
    // One household-year's federal breakdown (with marginal rates) and its state breakdown
    // (Georgia: retirement exclusion per person over investment income too).
    let state_law = StateLaw::for_year(StateCode::GA, 2026).expect("GA 2026 law");
    let by_person = retirees_by_person();
    c.bench_function("federal_and_state_breakdown", |b| {
        b.iter(|| {
            let f = black_box(&by_person);
            let fed = breakdown(black_box(&law), &f.federal());
            state_breakdown(black_box(&state_law), f, &fed)
        })
    });
    c.bench_function("federal_total_decimal", |b| {
        b.iter(|| total_tax(black_box(&law), black_box(&facts)))
    });
    c.bench_function("federal_total_f64", |b| {
        b.iter(|| total_tax(black_box(&law_f64), black_box(&facts_f64)))
    });

    // The premium tax credit of an early-retired couple in the 300–400% band, 2026.
    let tables = HealthTables::get().expect("health tables");
    let aca = AcaLaw::for_year(tables, 2026, StateCode::parse("NC"), &|_| Decimal::ONE)
        .expect("2026 ACA law");
    let aca_f64 = aca.convert::<f64>();
    let couple = AcaHousehold {
        magi: dec!(78000),
        size: 2,
        benchmark: dec!(26000),
        months: 12,
        separate_return: false,
    };
    let couple_f64 = AcaHousehold {
        magi: 78000.0,
        size: 2,
        benchmark: 26000.0,
        months: 12,
        separate_return: false,
    };
    c.bench_function("aca_credit_decimal", |b| {
        b.iter(|| aca.credit(black_box(&couple)))
    });
    c.bench_function("aca_credit_f64", |b| {
        b.iter(|| aca_f64.credit(black_box(&couple_f64)))
    });
}

criterion_group!(benches, tax);
criterion_main!(benches);
