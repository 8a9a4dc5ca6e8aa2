//! The scalar the money arithmetic runs on.
//!
//! Deterministic projections (what a user reads in a ledger, a report or a tax breakdown) run on
//! [`Decimal`] and are exact to the cent. Market simulation runs the very same code on `f64`,
//! because ten thousand paths times every strategy must finish in under two seconds; the
//! benchmark in `benches/` shows Decimal cannot. One generic implementation keeps the two from
//! ever disagreeing in their rules.

use rust_decimal::Decimal;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use std::fmt::Debug;
use std::ops::{Add, AddAssign, Div, Mul, MulAssign, Neg, Sub, SubAssign};

/// Arithmetic the tax and engine code needs from a number type.
pub trait Num:
    Copy
    + PartialOrd
    + PartialEq
    + Debug
    + Default
    + Send
    + Sync
    + 'static
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
    + AddAssign
    + SubAssign
    + MulAssign
{
    const ZERO: Self;
    const ONE: Self;
    /// One cent: the resolution money is kept to.
    const CENT: Self;

    fn from_dec(d: Decimal) -> Self;
    fn to_dec(self) -> Decimal;
    fn from_i64(n: i64) -> Self;
    fn to_f64(self) -> f64;
    /// Rounds half away from zero to whole cents, as tax forms do.
    fn round_cents(self) -> Self;
    /// Rounds toward zero to whole cents.
    fn trunc_cents(self) -> Self;

    #[inline]
    fn max_of(self, other: Self) -> Self {
        if self >= other { self } else { other }
    }
    #[inline]
    fn min_of(self, other: Self) -> Self {
        if self <= other { self } else { other }
    }
    /// `max(self, 0)`.
    #[inline]
    fn pos(self) -> Self {
        self.max_of(Self::ZERO)
    }
    #[inline]
    fn abs_val(self) -> Self {
        if self < Self::ZERO { -self } else { self }
    }
    /// `self / other`, or zero when `other` is zero (Decimal division by zero panics).
    #[inline]
    fn ratio(self, other: Self) -> Self {
        if other == Self::ZERO {
            Self::ZERO
        } else {
            self / other
        }
    }
}

impl Num for Decimal {
    const ZERO: Self = Decimal::ZERO;
    const ONE: Self = Decimal::ONE;
    const CENT: Self = Decimal::from_parts(1, 0, 0, false, 2);

    #[inline]
    fn from_dec(d: Decimal) -> Self {
        d
    }
    #[inline]
    fn to_dec(self) -> Decimal {
        self
    }
    #[inline]
    fn from_i64(n: i64) -> Self {
        Decimal::from(n)
    }
    #[inline]
    fn to_f64(self) -> f64 {
        ToPrimitive::to_f64(&self).unwrap_or(0.0)
    }
    #[inline]
    fn round_cents(self) -> Self {
        self.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    }
    #[inline]
    fn trunc_cents(self) -> Self {
        self.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::ToZero)
    }
}

impl Num for f64 {
    const ZERO: Self = 0.0;
    const ONE: Self = 1.0;
    const CENT: Self = 0.01;

    #[inline]
    fn from_dec(d: Decimal) -> Self {
        ToPrimitive::to_f64(&d).unwrap_or(0.0)
    }
    #[inline]
    fn to_dec(self) -> Decimal {
        Decimal::from_f64(self).unwrap_or(Decimal::ZERO)
    }
    #[inline]
    fn from_i64(n: i64) -> Self {
        n as f64
    }
    #[inline]
    fn to_f64(self) -> f64 {
        self
    }
    #[inline]
    fn round_cents(self) -> Self {
        (self * 100.0).round() / 100.0
    }
    #[inline]
    fn trunc_cents(self) -> Self {
        (self * 100.0).trunc() / 100.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn cents_round_half_away_from_zero() {
        assert_eq!(dec!(2.345).round_cents(), dec!(2.35));
        assert_eq!(dec!(-2.345).round_cents(), dec!(-2.35));
        assert_eq!(dec!(2.349).trunc_cents(), dec!(2.34));
        assert_eq!(2.345f64.round_cents(), 2.35);
    }

    #[test]
    fn ratio_by_zero_is_zero() {
        assert_eq!(dec!(5).ratio(Decimal::ZERO), Decimal::ZERO);
        assert_eq!(5.0f64.ratio(0.0), 0.0);
        assert_eq!(dec!(5).ratio(dec!(2)), dec!(2.5));
    }

    #[test]
    fn cent_constant_is_one_hundredth() {
        assert_eq!(Decimal::CENT * dec!(100), Decimal::ONE);
    }
}
