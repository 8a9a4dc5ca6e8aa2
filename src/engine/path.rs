//! A return path: what markets and prices did in each year of a projection.

use crate::num::Num;
use crate::plan::{Plan, Returns};
use rust_decimal::Decimal;

/// Nominal returns and inflation for one year.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct YearReturns<N> {
    pub stocks: N,
    pub bonds: N,
    pub cash: N,
    pub inflation: N,
}

/// One value per projected year, first year first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReturnPath<N> {
    pub years: Vec<YearReturns<N>>,
}

impl ReturnPath<Decimal> {
    /// The plan's own assumptions, the same every year.
    pub fn constant(plan: &Plan) -> ReturnPath<Decimal> {
        let year = constant_year(plan);
        ReturnPath {
            years: vec![year; plan.horizon_years()],
        }
    }
}

impl<N: Num> ReturnPath<N> {
    pub fn convert<M: Num>(&self) -> ReturnPath<M> {
        ReturnPath {
            years: self
                .years
                .iter()
                .map(|y| YearReturns {
                    stocks: M::from_dec(y.stocks.to_dec()),
                    bonds: M::from_dec(y.bonds.to_dec()),
                    cash: M::from_dec(y.cash.to_dec()),
                    inflation: M::from_dec(y.inflation.to_dec()),
                })
                .collect(),
        }
    }
}

/// The plan's constant returns for one year.
pub fn constant_year(plan: &Plan) -> YearReturns<Decimal> {
    let a = &plan.assumptions;
    match a.returns {
        Returns::Constant { nominal } => YearReturns {
            stocks: nominal,
            bonds: nominal,
            cash: nominal,
            inflation: a.inflation,
        },
        Returns::ByAssetClass {
            stocks,
            bonds,
            cash,
        } => YearReturns {
            stocks,
            bonds,
            cash,
            inflation: a.inflation,
        },
    }
}
