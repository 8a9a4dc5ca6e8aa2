//! Spending guardrails (Guyton–Klinger): the plan's living costs cut after years that push the
//! withdrawal rate too far above the first year's, and raised after years that leave it far
//! below.

use super::scenario::Scenario;
use crate::num::Num;

/// Where the spending guardrails stand: the first year's withdrawal rate and the factor the
/// cuts and raises so far have left on the plan's living costs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct GuardrailState<N> {
    initial_rate: Option<N>,
    factor: N,
}

impl<N: Num> Default for GuardrailState<N> {
    fn default() -> Self {
        GuardrailState {
            initial_rate: None,
            factor: N::ONE,
        }
    }
}

impl<N: Num> GuardrailState<N> {
    /// This year's living costs and the guardrail move (Guyton–Klinger): the withdrawal rate is
    /// the living costs (after earlier cuts and raises) over the portfolio at the start of the
    /// year. Above the first year's rate by more than `upper`, the costs are cut by `adjust`,
    /// never below `floor` of the plan's; below it by more than `lower`, raised by `adjust`.
    pub(super) fn year(&mut self, scenario: &Scenario<N>, planned: N, portfolio: N) -> (N, i8) {
        let Some([upper, lower, adjust, floor]) = scenario.guardrails else {
            return (planned, 0);
        };
        let mut moved = 0;
        match self.initial_rate {
            None => {
                if portfolio.above_zero() && planned.above_zero() {
                    self.initial_rate = Some(planned / portfolio);
                }
            }
            Some(initial) => {
                let rate = if portfolio.above_zero() {
                    planned * self.factor / portfolio
                } else {
                    N::from_i64(1_000_000)
                };
                if rate > initial * (N::ONE + upper) {
                    let cut = (self.factor * (N::ONE - adjust)).max_of(floor);
                    if cut < self.factor {
                        self.factor = cut;
                        moved = -1;
                    }
                } else if rate < initial * (N::ONE - lower) {
                    // Raises are bounded so that the costs stay within the plan's money limits.
                    let raised = (self.factor * (N::ONE + adjust)).min_of(N::from_i64(100));
                    if raised > self.factor {
                        self.factor = raised;
                        moved = 1;
                    }
                }
            }
        }
        ((planned * self.factor).round_cents(), moved)
    }
}
