//! Spending guardrails (Guyton–Klinger): the plan's living costs cut after years that push the
//! withdrawal rate too far above the first year's, and raised after years that leave it far
//! below; optionally with Guyton and Klinger's two exceptions (no cut in the plan's last years,
//! no raise for inflation after a losing year).

use super::scenario::Scenario;
use crate::num::Num;

/// A plan's guardrails as the engine applies them (see [`crate::plan::Guardrails`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GuardrailRule<N> {
    pub upper: N,
    pub lower: N,
    pub adjust: N,
    pub floor: N,
    /// The first year (index) in which no cut is made: the plan's last
    /// `no_cuts_final_years` years (`usize::MAX`: cuts in every year).
    pub no_cuts_from: usize,
    pub freeze_after_loss: bool,
}

impl<N: Num> GuardrailRule<N> {
    pub fn to_f64(&self) -> GuardrailRule<f64> {
        let c = |x: N| x.to_f64();
        GuardrailRule {
            upper: c(self.upper),
            lower: c(self.lower),
            adjust: c(self.adjust),
            floor: c(self.floor),
            no_cuts_from: self.no_cuts_from,
            freeze_after_loss: self.freeze_after_loss,
        }
    }
}

/// What the guardrails did in a year, as the ledger's `guardrail` keeps it: a cut is negative
/// (what the chance of a cut counts), a raise or a freeze alone positive.
pub mod moved {
    /// The living costs were cut.
    pub const CUT: i8 = -1;
    /// The raise for inflation was skipped after a losing year, and the costs were cut too.
    pub const FROZEN_AND_CUT: i8 = -2;
    /// The living costs were raised.
    pub const RAISED: i8 = 1;
    /// The raise for inflation was skipped after a losing year.
    pub const FROZEN: i8 = 2;
}

/// Where the spending guardrails stand: the first year's withdrawal rate, the factor the cuts,
/// raises and skipped inflation so far have left on the plan's living costs, and whether the
/// portfolio lost money over the last year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct GuardrailState<N> {
    initial_rate: Option<N>,
    factor: N,
    lost_last_year: bool,
}

impl<N: Num> Default for GuardrailState<N> {
    fn default() -> Self {
        GuardrailState {
            initial_rate: None,
            factor: N::ONE,
            lost_last_year: false,
        }
    }
}

impl<N: Num> GuardrailState<N> {
    /// This year's living costs and the guardrail move ([`moved`]; 0: none). The withdrawal
    /// rate is the living costs (after earlier moves) over the portfolio at the start of the
    /// year. First the withdrawal rule, when the plan asks for it: after a year in which the
    /// portfolio lost money, with the rate above the first year's, the costs stay at last
    /// year's dollars (this year's rise in prices is not added, and never made up). Then the
    /// guardrails on the rate that leaves: above the first year's by more than `upper`, the
    /// costs are cut by `adjust`, never below `floor` of the plan's (and not in the plan's last
    /// years when it says so); below it by more than `lower`, raised by `adjust` (not in a year
    /// that skipped its raise for inflation).
    pub(super) fn year(
        &mut self,
        scenario: &Scenario<N>,
        index: usize,
        planned: N,
        portfolio: N,
    ) -> (N, i8) {
        let Some(rule) = &scenario.guardrails else {
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
                let rate = |factor: N| {
                    if portfolio.above_zero() {
                        planned * factor / portfolio
                    } else {
                        N::from_i64(1_000_000)
                    }
                };
                let mut frozen = false;
                if rule.freeze_after_loss
                    && self.lost_last_year
                    && rate(self.factor) > initial
                    && let Some(last) = index.checked_sub(1).and_then(|k| scenario.years.get(k))
                {
                    // Twelve decimals keep the books' Decimal arithmetic short.
                    let inflation = scenario.years[index]
                        .price_level
                        .ratio_short(last.price_level, 12);
                    if inflation > N::ONE {
                        self.factor = self.factor.ratio_short(inflation, 12);
                        frozen = true;
                        moved = moved::FROZEN;
                    }
                }
                let now = rate(self.factor);
                if now > initial * (N::ONE + rule.upper) {
                    let cut = (self.factor * (N::ONE - rule.adjust)).max_of(rule.floor);
                    if cut < self.factor && index < rule.no_cuts_from {
                        self.factor = cut;
                        moved = if frozen {
                            moved::FROZEN_AND_CUT
                        } else {
                            moved::CUT
                        };
                    }
                } else if now < initial * (N::ONE - rule.lower) && !frozen {
                    // Raises are bounded so that the costs stay within the plan's money limits.
                    let raised = (self.factor * (N::ONE + rule.adjust)).min_of(N::from_i64(100));
                    if raised > self.factor {
                        self.factor = raised;
                        moved = moved::RAISED;
                    }
                }
            }
        }
        ((planned * self.factor).round_cents(), moved)
    }

    /// Closes the year: whether the portfolio lost money over it (`earned`: its price growth,
    /// dividends and interest), for next year's withdrawal rule. Only plans with that rule
    /// compute it (on the exact books it is Decimal arithmetic in every year).
    pub(super) fn close(&mut self, scenario: &Scenario<N>, earned: impl FnOnce() -> N) {
        if scenario.guardrails.is_some_and(|g| g.freeze_after_loss) {
            self.lost_last_year = earned() < N::ZERO;
        }
    }
}
