//! The Roth five-year rule for conversions (IRC 408A(d)(3)(F)): converted money withdrawn within
//! five years of the conversion, before 59½, bears the 10% additional tax. Roth withdrawals come
//! from contributions, then conversions oldest first, then earnings (408A(d)(4)); a year's draw
//! comes out of the Roth accounts in proportion to their balances, as the engine takes it.

use crate::num::Num;

/// A year's Roth money as the rule sees it, one piece per Roth account (and per account a
/// conversion would open).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RothEarly<N> {
    /// The additional tax rate (10%).
    pub rate: N,
    pub pieces: Vec<RothPiece<N>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RothPiece<N> {
    /// Balance before this year's conversion.
    pub balance: N,
    /// Drawn first and free of the tax: contributions and conversions five years old or more.
    pub free: N,
    /// Conversions of the last five years: drawn next, and taxed when `penalised`.
    pub young: N,
    /// The share of this year's conversion this account receives.
    pub converted: N,
    /// The owner is under 59½ and the money is not inherited.
    pub penalised: bool,
}

impl<N: Num> RothEarly<N> {
    pub fn to_f64(&self) -> RothEarly<f64> {
        RothEarly {
            rate: self.rate.to_f64(),
            pieces: self
                .pieces
                .iter()
                .map(|p| RothPiece {
                    balance: p.balance.to_f64(),
                    free: p.free.to_f64(),
                    young: p.young.to_f64(),
                    converted: p.converted.to_f64(),
                    penalised: p.penalised,
                })
                .collect(),
        }
    }

    fn total(&self, convert: N) -> N {
        self.pieces
            .iter()
            .fold(N::ZERO, |s, p| s + p.balance + convert * p.converted)
    }

    /// The additional tax on drawing `roth` from the Roth accounts in a year converting
    /// `convert`: each account gives its share; what it gives beyond its free money, up to its
    /// young conversions (this year's included), bears the rate.
    pub fn penalty(&self, roth: N, convert: N) -> N {
        if roth <= N::ZERO {
            return N::ZERO;
        }
        let total = self.total(convert);
        if total <= N::ZERO {
            return N::ZERO;
        }
        let mut taxed = N::ZERO;
        for p in self.pieces.iter().filter(|p| p.penalised) {
            let balance = p.balance + convert * p.converted;
            if balance <= N::ZERO {
                continue;
            }
            let take = roth.mul_div(balance, total);
            taxed += (take - p.free)
                .pos()
                .min_of(p.young + convert * p.converted);
        }
        self.rate * taxed
    }

    /// The largest Roth draw that bears no additional tax in a year converting `convert`.
    pub fn free_draw(&self, convert: N) -> N {
        let total = self.total(convert);
        let mut most = total;
        for p in self.pieces.iter().filter(|p| p.penalised) {
            let balance = p.balance + convert * p.converted;
            if balance <= N::ZERO || p.young + convert * p.converted <= N::ZERO {
                continue;
            }
            most = most.min_of(p.free.mul_div(total, balance));
        }
        most.trunc_cents()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use rust_decimal_macros::dec;

    #[test]
    fn draws_take_free_money_first_then_young_conversions() {
        // One account: $20,000 of contributions, $50,000 converted two years ago, $10,000 of
        // earnings; and this year's $30,000 conversion lands in it.
        let r = RothEarly {
            rate: dec!(0.1),
            pieces: vec![RothPiece {
                balance: dec!(80000),
                free: dec!(20000),
                young: dec!(50000),
                converted: Decimal::ONE,
                penalised: true,
            }],
        };
        assert_eq!(r.penalty(dec!(20000), Decimal::ZERO), Decimal::ZERO);
        assert_eq!(r.penalty(dec!(25000), Decimal::ZERO), dec!(500));
        // past the conversions, the earnings bear nothing here
        assert_eq!(r.penalty(dec!(80000), Decimal::ZERO), dec!(5000));
        assert_eq!(r.penalty(dec!(110000), dec!(30000)), dec!(8000));
        assert_eq!(r.free_draw(dec!(30000)), dec!(20000));
        let adult = RothEarly {
            pieces: vec![RothPiece {
                penalised: false,
                ..r.pieces[0]
            }],
            ..r.clone()
        };
        assert_eq!(adult.penalty(dec!(80000), Decimal::ZERO), Decimal::ZERO);
        // two accounts, half each: the draw of $30,000 takes $15,000 from each
        let two = RothEarly {
            rate: dec!(0.1),
            pieces: vec![
                RothPiece {
                    balance: dec!(50000),
                    free: dec!(10000),
                    young: dec!(40000),
                    converted: Decimal::ZERO,
                    penalised: true,
                },
                RothPiece {
                    balance: dec!(50000),
                    free: dec!(50000),
                    young: Decimal::ZERO,
                    converted: Decimal::ZERO,
                    penalised: false,
                },
            ],
        };
        assert_eq!(two.penalty(dec!(30000), Decimal::ZERO), dec!(500));
        assert_eq!(two.free_draw(Decimal::ZERO), dec!(20000));
    }
}
