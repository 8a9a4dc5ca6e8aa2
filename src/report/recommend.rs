//! Which strategy a report recommends, by one stated rule, so the handout, "this year's actions"
//! and anyone reading them agree on it.

use crate::compare::Comparison;
use crate::engine::Outcome;
use crate::strategy::{Objective, StrategySpec};
use std::cmp::Ordering;

/// The rule, as the reports print it.
pub const RECOMMENDED_RULE: &str = "recommended: the largest after-tax estate at the end, in \
     today's dollars, among the strategies whose money lasts through the plan (ties: the lower \
     lifetime tax)";

/// The rule when no strategy's money lasts.
pub const FALLBACK_RULE: &str = "recommended: no strategy's money lasts through the plan, so \
     the one whose money lasts longest (ties: the larger after-tax estate)";

/// The recommended strategy of a comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recommendation {
    /// Its column in the comparison.
    pub index: usize,
    /// The rule that chose it, in words.
    pub rule: &'static str,
}

/// Strategies the rule may choose: all but an optimized search for the highest spending, which
/// funds a different (higher) spending than the plan's, so its estate is not comparable.
fn eligible(spec: Option<&StrategySpec>) -> bool {
    !matches!(
        spec,
        Some(StrategySpec::Optimized {
            objective: Objective::Spending { .. }
        })
    )
}

/// Better first by the main rule: larger estate, then lower lifetime tax.
fn by_estate(a: &Outcome, b: &Outcome) -> Ordering {
    b.estate_real
        .cmp(&a.estate_real)
        .then(a.lifetime_tax_real().cmp(&b.lifetime_tax_real()))
}

/// The recommended strategy (see [`RECOMMENDED_RULE`]); `None` for an empty comparison. Among
/// equals the first in the plan's order wins.
pub fn recommended(c: &Comparison) -> Option<Recommendation> {
    recommended_among(c, |_| true)
}

/// The recommended strategy among the named ones (the optimized columns left out): what a
/// market simulation, which runs only named strategies, can show for the recommendation.
pub fn recommended_named(c: &Comparison) -> Option<Recommendation> {
    recommended_among(c, |s| !s.is_optimized())
}

fn recommended_among(
    c: &Comparison,
    allowed: impl Fn(&StrategySpec) -> bool,
) -> Option<Recommendation> {
    let allowed_columns: Vec<usize> = (0..c.outcomes.len())
        .filter(|&i| c.specs.get(i).is_none_or(&allowed))
        .collect();
    let mut candidates: Vec<usize> = allowed_columns
        .iter()
        .copied()
        .filter(|&i| eligible(c.specs.get(i)))
        .collect();
    // A plan that compares only searches for the highest spending still gets an answer.
    if candidates.is_empty() {
        candidates = allowed_columns;
    }
    let lasting: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&i| c.outcomes[i].lasts_to_horizon)
        .collect();
    if let Some(best) = lasting
        .iter()
        .copied()
        .min_by(|&a, &b| by_estate(&c.outcomes[a], &c.outcomes[b]).then(a.cmp(&b)))
    {
        return Some(Recommendation {
            index: best,
            rule: RECOMMENDED_RULE,
        });
    }
    candidates
        .iter()
        .copied()
        .min_by(|&a, &b| {
            let (x, y) = (&c.outcomes[a], &c.outcomes[b]);
            y.years_lasting
                .cmp(&x.years_lasting)
                .then(by_estate(x, y))
                .then(a.cmp(&b))
        })
        .map(|index| Recommendation {
            index,
            rule: FALLBACK_RULE,
        })
}

/// The conventional strategy's column (taxable, then tax-deferred, then Roth), the usual point
/// of comparison, when the plan compares it.
pub fn conventional(c: &Comparison) -> Option<usize> {
    c.specs
        .iter()
        .position(|s| matches!(s, StrategySpec::Conventional))
}
