//! Texas: no broad income tax (assets/tax/state/TX.ron).

use super::{StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::federal::TaxBreakdown;

names!(P);
names!(T);

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    _facts: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    StateBreakdown::zero(law.state, fed)
}
