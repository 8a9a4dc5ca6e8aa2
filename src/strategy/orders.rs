//! Strategies that are a fixed order of accounts: conventional, deferred first, Roth before
//! deferred.

use super::{Decision, Funding, Source, Strategy};
use crate::engine::YearContext;

pub struct FixedOrder {
    name: String,
    order: Vec<Source>,
}

impl FixedOrder {
    pub fn new(name: String, order: &[Source]) -> FixedOrder {
        FixedOrder {
            name,
            order: order.to_vec(),
        }
    }
}

impl Strategy for FixedOrder {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn decide(&self, ctx: &YearContext<'_, f64>) -> Decision<f64> {
        super::young_roth_last(ctx, Decision::funding_only(Funding::order(&self.order)))
    }
}
