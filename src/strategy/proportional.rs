//! Draw from every account in proportion to its balance.

use super::{Decision, Funding, Strategy};
use crate::engine::YearContext;

pub struct Proportional {
    pub name: String,
}

impl Strategy for Proportional {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn decide(&self, _ctx: &YearContext<'_, f64>) -> Decision<f64> {
        Decision::funding_only(Funding::Proportional)
    }
}
