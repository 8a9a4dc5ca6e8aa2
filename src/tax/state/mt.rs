//! Montana: not modelled yet (assets/tax/state/MT.ron says NotYetModelled, and
//! resolving its law is an error). Replace this file with the state's rules.

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
