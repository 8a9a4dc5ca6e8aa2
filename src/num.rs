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

const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

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
    const HALF: Self;
    /// One cent: the resolution money is kept to.
    const CENT: Self;

    fn from_dec(d: Decimal) -> Self;
    fn to_dec(self) -> Decimal;
    fn from_i64(n: i64) -> Self;
    fn to_f64(self) -> f64;
    fn from_f64(x: f64) -> Self;
    /// A rate found on `f64`, to nine decimals (every rate the law combines has at most four,
    /// and a marginal rate multiplies a few of them).
    fn from_rate(x: f64) -> Self;
    /// Rounds half away from zero to whole cents, as tax forms do.
    fn round_cents(self) -> Self;
    /// Rounds toward zero to whole cents.
    fn trunc_cents(self) -> Self;
    /// The largest whole number not above `self` (the law's "for each full $2,500" steps).
    fn floor_whole(self) -> Self;
    /// The smallest whole number not below `self` ("or fraction thereof").
    fn ceil_whole(self) -> Self;
    /// Keeps at most `dp` decimals where that shortens the arithmetic (Decimal); floats are
    /// left as they are.
    fn short(self, dp: u32) -> Self;

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
    /// `self × num / den`, or zero when `den` is zero: a share of an amount in proportion to two
    /// others. Decimal multiplies first when the product fits (exact to the last digit) and
    /// divides first when it would not (two large amounts multiplied can pass Decimal's limit).
    fn mul_div(self, num: Self, den: Self) -> Self;

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
    #[inline]
    fn mul_div(self, num: Self, den: Self) -> Self {
        if den.is_zero() {
            return Decimal::ZERO;
        }
        match self.checked_mul(num) {
            Some(p) => p / den,
            None => self * (num / den),
        }
    }

    const ZERO: Self = Decimal::ZERO;
    const ONE: Self = Decimal::ONE;
    const HALF: Self = Decimal::from_parts(5, 0, 0, false, 1);
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
    /// Mantissa over a power of ten: one rounding, far cheaper than the general conversion.
    #[inline]
    fn to_f64(self) -> f64 {
        let scale = self.scale() as usize;
        let mantissa = self.mantissa();
        // Converting through i64 is one instruction; i128 takes a software routine.
        let m = match i64::try_from(mantissa) {
            Ok(small) => small as f64,
            Err(_) => mantissa as f64,
        };
        if scale < POW10.len() {
            m / POW10[scale]
        } else {
            ToPrimitive::to_f64(&self).unwrap_or(0.0)
        }
    }
    #[inline]
    fn from_rate(x: f64) -> Self {
        let scaled = (x * 1e9).round();
        if scaled.abs() < 9.0e18 {
            Decimal::new(scaled as i64, 9).normalize()
        } else {
            <Decimal as FromPrimitive>::from_f64(x).unwrap_or(Decimal::ZERO)
        }
    }
    /// To six decimals: what a search on floats can mean for money (cents) and rates. Far
    /// cheaper than the general conversion, which recovers every binary digit.
    #[inline]
    fn from_f64(x: f64) -> Self {
        // Whole cents (most money a search returns) come back with two decimals, so later
        // rounding to cents has nothing to do.
        let cents = (x * 100.0).round();
        if (x * 100.0 - cents).abs() < 1e-6 && cents.abs() < 9.0e18 {
            return Decimal::new(cents as i64, 2);
        }
        let scaled = (x * 1e6).round();
        if scaled.abs() < 9.0e18 {
            Decimal::new(scaled as i64, 6)
        } else {
            <Decimal as FromPrimitive>::from_f64(x).unwrap_or(Decimal::ZERO)
        }
    }
    // Most amounts are whole cents already; rounding them would cost a division.
    #[inline]
    fn round_cents(self) -> Self {
        if self.scale() <= 2 {
            return self;
        }
        self.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    }
    #[inline]
    fn trunc_cents(self) -> Self {
        if self.scale() <= 2 {
            return self;
        }
        self.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::ToZero)
    }
    #[inline]
    fn floor_whole(self) -> Self {
        self.floor()
    }
    #[inline]
    fn ceil_whole(self) -> Self {
        self.ceil()
    }
    #[inline]
    fn short(self, dp: u32) -> Self {
        if self.scale() <= dp {
            return self;
        }
        self.round_dp(dp)
    }
}

impl Num for f64 {
    #[inline]
    fn mul_div(self, num: Self, den: Self) -> Self {
        if den == 0.0 { 0.0 } else { self * num / den }
    }

    const ZERO: Self = 0.0;
    const ONE: Self = 1.0;
    const HALF: Self = 0.5;
    const CENT: Self = 0.01;

    #[inline]
    fn from_dec(d: Decimal) -> Self {
        ToPrimitive::to_f64(&d).unwrap_or(0.0)
    }
    #[inline]
    fn to_dec(self) -> Decimal {
        <Decimal as FromPrimitive>::from_f64(self).unwrap_or(Decimal::ZERO)
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
    fn from_f64(x: f64) -> Self {
        x
    }
    #[inline]
    fn from_rate(x: f64) -> Self {
        x
    }
    #[inline]
    fn round_cents(self) -> Self {
        (self * 100.0).round() / 100.0
    }
    #[inline]
    fn trunc_cents(self) -> Self {
        (self * 100.0).trunc() / 100.0
    }
    #[inline]
    fn floor_whole(self) -> Self {
        self.floor()
    }
    #[inline]
    fn ceil_whole(self) -> Self {
        self.ceil()
    }
    #[inline]
    fn short(self, _dp: u32) -> Self {
        self
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
    fn shares_of_large_amounts_do_not_overflow() {
        let big = dec!(1e20);
        assert_eq!(big.mul_div(big, big * dec!(4)), dec!(2.5e19));
        assert_eq!(dec!(10).mul_div(dec!(3), dec!(4)), dec!(7.5));
        assert_eq!(dec!(10).mul_div(dec!(3), Decimal::ZERO), Decimal::ZERO);
    }

    #[test]
    fn ratio_by_zero_is_zero() {
        assert_eq!(dec!(5).ratio(Decimal::ZERO), Decimal::ZERO);
        assert_eq!(5.0f64.ratio(0.0), 0.0);
        assert_eq!(dec!(5).ratio(dec!(2)), dec!(2.5));
    }

    #[test]
    fn float_conversions_keep_cents_and_rates() {
        assert_eq!(<Decimal as Num>::from_f64(1234.56), dec!(1234.56));
        assert_eq!(<Decimal as Num>::from_f64(0.1 + 0.2), dec!(0.3));
        assert_eq!(<Decimal as Num>::from_f64(-0.222), dec!(-0.222));
        assert_eq!(
            <Decimal as Num>::from_f64(1e20),
            dec!(100000000000000000000)
        );
        assert_eq!(Num::to_f64(dec!(1234.56)), 1234.56);
        assert_eq!(Num::to_f64(dec!(-0.038)), -0.038);
    }

    #[test]
    fn cent_constant_is_one_hundredth() {
        assert_eq!(Decimal::CENT * dec!(100), Decimal::ONE);
    }
}
