//! Helpers for the states' hand-worked examples.

use super::{Person, StateBreakdown, StateCode, StateFacts, StateLaw, state_breakdown};
use crate::tax::federal::{TaxBreakdown, breakdown};
use crate::tax::{Filing, TaxLaw};
use rust_decimal::Decimal;

/// One person filing single (or `filing` via [`With::filing`]), described by a closure.
pub fn single(age: u32, set: impl FnOnce(&mut Person<Decimal>)) -> StateFacts<Decimal> {
    let mut p = Person {
        age,
        ..Default::default()
    };
    set(&mut p);
    StateFacts {
        filing: Filing::Single,
        people: [p, Person::default()],
        ..Default::default()
    }
}

/// A married couple filing jointly.
#[allow(dead_code)]
pub fn couple(
    ages: (u32, u32),
    head: impl FnOnce(&mut Person<Decimal>),
    spouse: impl FnOnce(&mut Person<Decimal>),
) -> StateFacts<Decimal> {
    let mut a = Person {
        age: ages.0,
        ..Default::default()
    };
    let mut b = Person {
        age: ages.1,
        ..Default::default()
    };
    head(&mut a);
    spouse(&mut b);
    StateFacts {
        filing: Filing::Mfj,
        people: [a, b],
        ..Default::default()
    }
}

pub trait With: Sized {
    fn with(self, set: impl FnOnce(&mut Self)) -> Self;
}

impl With for StateFacts<Decimal> {
    fn with(mut self, set: impl FnOnce(&mut Self)) -> Self {
        set(&mut self);
        self
    }
}

/// The federal and the state breakdown of the facts under the published law of `year`.
pub fn compute(
    state: &str,
    year: i32,
    f: &StateFacts<Decimal>,
) -> (TaxBreakdown<Decimal>, StateBreakdown<Decimal>) {
    let code = StateCode::parse(state).expect("a state code");
    let law = StateLaw::for_year(code, year).expect("the state's law");
    let fed_law = TaxLaw::for_year(year).expect("federal law");
    let fed = breakdown(&fed_law, &f.federal());
    let s = state_breakdown(&law, f, &fed);
    // the same on f64, so the generic code is exercised on both
    let fed64 = breakdown(&fed_law.convert::<f64>(), &f.federal().to_f64());
    let s64 = state_breakdown(&law.convert::<f64>(), &f.to_f64(), &fed64);
    assert!(
        (s64.tax - crate::num::Num::to_f64(s.tax)).abs() < 0.01,
        "f64 {} against Decimal {}",
        s64.tax,
        s.tax
    );
    (fed, s)
}
