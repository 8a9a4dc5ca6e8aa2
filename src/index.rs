//! Price and wage levels for carrying law amounts past the last published table.
//!
//! A level is any function giving a number for each year on a fixed base (the engine's price
//! level, or compounded inflation); only the ratio between two years is used, so the base does
//! not matter. Each table indexes from its own last year, whatever that year is.

use crate::num::round_dp;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// The growth of `level` from year `from` to year `to`: `level(to) / level(from)`, or `None` if
/// either level is not positive or the ratio is outside 1e-9 to 1e9 (no usable economy), so
/// later products stay far inside Decimal's range.
pub fn growth(level: &dyn Fn(i32) -> Decimal, from: i32, to: i32) -> Option<Decimal> {
    if from == to {
        return Some(Decimal::ONE);
    }
    let (a, b) = (level(from), level(to));
    if a <= Decimal::ZERO || b <= Decimal::ZERO {
        return None;
    }
    let ratio = round_dp(b / a, 12);
    (ratio >= dec!(0.000000001) && ratio <= dec!(1000000000)).then_some(ratio)
}

/// A level growing by `rate` a year, 1 in `base_year`; `None` past 400 years either way.
pub fn compound(rate: Decimal, base_year: i32) -> impl Fn(i32) -> Decimal {
    move |year: i32| {
        let n = (year - base_year).clamp(-400, 400);
        let step = Decimal::ONE + rate;
        if step <= Decimal::ZERO {
            return Decimal::ZERO;
        }
        let mut level = Decimal::ONE;
        for _ in 0..n.unsigned_abs() {
            // Stop long before Decimal could overflow; `growth` refuses such a level anyway.
            if level > dec!(1e12) || level < dec!(1e-12) {
                break;
            }
            level = round_dp(if n > 0 { level * step } else { level / step }, 16);
        }
        level
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn growth_is_a_ratio_of_levels() {
        let level = compound(dec!(0.03), 2026);
        assert_eq!(growth(&level, 2026, 2028), Some(dec!(1.0609)));
        assert_eq!(
            growth(&level, 2027, 2026).unwrap().round_dp(6),
            dec!(0.970874)
        );
        assert_eq!(growth(&|_| Decimal::ZERO, 2026, 2027), None);
        let wild = compound(dec!(0.2), 2026);
        assert_eq!(growth(&wild, 2026, 2226), None);
    }
}
