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

mod quotient;
use quotient::{Cut, part_cut, product_ratio_cut, ratio_cut};

const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// `10^n` for every power that fits in 128 bits: every scale a Decimal can have (at most 28),
/// and the powers a quotient's numerator is raised by.
const POW10_I128: [i128; 39] = {
    let mut t = [1i128; 39];
    let mut i = 1;
    while i < 39 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// The scales whose power of ten fits in 64 bits (10^19 < 2^64).
const U64_SCALES: usize = 20;

/// `m / 10^k` and `m % 10^k` (truncated, the remainder with `m`'s sign). Most mantissas the books
/// see fit in 64 bits: their division is one machine instruction, where the 128-bit one is a
/// library call about sixty instructions long.
#[inline]
fn div_rem_pow10(m: i128, k: usize) -> (i128, i128) {
    let magnitude = m.unsigned_abs();
    if k < U64_SCALES
        && let Ok(small) = u64::try_from(magnitude)
    {
        let d = POW10_I128[k] as u64;
        let (q, r) = ((small / d) as i128, (small % d) as i128);
        return if m < 0 { (-q, -r) } else { (q, r) };
    }
    let divisor = POW10_I128[k];
    (m / divisor, m % divisor)
}

/// `d` (more than two decimals) to whole cents, half away from zero when `round`, else toward
/// zero: one division of the 96-bit mantissa, where rust_decimal's general rounding divides by
/// ten digit by digit (a tenth of a projection's time went there).
#[inline]
fn cents_of(d: Decimal, round: bool) -> Decimal {
    let divisor = POW10_I128[(d.scale() - 2) as usize];
    let m = d.mantissa();
    let (q, r) = div_rem_pow10(m, (d.scale() - 2) as usize);
    let q = if round && r.abs() * 2 >= divisor {
        q + r.signum()
    } else {
        q
    };
    // |q| <= |m| < 2^96, so the cents always fit.
    Decimal::try_from_i128_with_scale(q, 2).unwrap_or(d)
}

/// `d.round_dp(dp)` (half to even, rust_decimal's default), by one division of the mantissa:
/// the same value and scale as rust_decimal's digit-by-digit rounding, in a fraction of its time
/// (rates kept to twelve decimals, survival chances, amounts to cents on every projection year).
#[inline]
pub fn round_dp(d: Decimal, dp: u32) -> Decimal {
    let scale = d.scale();
    if scale <= dp {
        return d;
    }
    let divisor = POW10_I128[(scale - dp) as usize];
    let m = d.mantissa();
    let (q, r) = div_rem_pow10(m, (scale - dp) as usize);
    let twice = r.abs() * 2;
    let q = if twice > divisor || (twice == divisor && q % 2 != 0) {
        q + m.signum()
    } else {
        q
    };
    match Decimal::try_from_i128_with_scale(q, dp) {
        // As rust_decimal: a negative zero stays one; an amount that rounds to zero is +0.
        Ok(mut out) => {
            out.set_sign_negative(d.is_sign_negative() && (q != 0 || m == 0));
            out
        }
        Err(_) => d.round_dp(dp),
    }
}

/// `x` in whole cents: half away from zero when `round`, else toward zero.
#[inline]
fn to_cents<N: Num>(x: N, round: bool) -> N {
    if round {
        x.round_cents()
    } else {
        x.trunc_cents()
    }
}

/// `a <= b` without rust_decimal's general comparison (a call that brings both to one scale
/// digit group by digit group): the signed mantissas decide, the one of fewer decimals first
/// multiplied up to the other's scale (cents against a law's whole-dollar amount). A mantissa
/// below 2^64 times at most 10^18 stays below 2^124, so the product needs no overflow check
/// (a checked 128-bit product is a library call); anything larger takes the general comparison.
#[inline]
fn at_most(a: Decimal, b: Decimal) -> bool {
    let (sa, sb) = (a.scale(), b.scale());
    let (ma, mb) = (a.mantissa(), b.mantissa());
    let small = |m: i128, by: u32| by <= 18 && m.unsigned_abs() < 1 << 64;
    match sa.cmp(&sb) {
        std::cmp::Ordering::Equal => ma <= mb,
        std::cmp::Ordering::Less if small(ma, sb - sa) => ma * POW10_I128[(sb - sa) as usize] <= mb,
        std::cmp::Ordering::Greater if small(mb, sa - sb) => {
            ma <= mb * POW10_I128[(sa - sb) as usize]
        }
        _ => a <= b,
    }
}

/// [`round_dp`] as a method, for the engine's hot paths.
pub trait RoundTo {
    fn round_to(self, dp: u32) -> Self;
}

impl RoundTo for Decimal {
    #[inline]
    fn round_to(self, dp: u32) -> Decimal {
        round_dp(self, dp)
    }
}

/// Beyond 2^52 every float is a whole number.
const WHOLE_FLOATS: f64 = 4_503_599_627_370_496.0;

/// `f64::trunc` without the library call it compiles to on baseline x86-64 (no SSE4.1): the
/// conversion to an integer truncates, exactly, below 2^52 (the sign kept for -0).
#[inline]
fn trunc_float(x: f64) -> f64 {
    if x.abs() < WHOLE_FLOATS {
        (x as i64 as f64).copysign(x)
    } else {
        x
    }
}

/// `f64::floor`, bit for bit, without the library call: the truncation, one less below zero when
/// it moved up.
#[inline]
fn floor_float(x: f64) -> f64 {
    let t = trunc_float(x);
    if t > x { t - 1.0 } else { t }
}

/// `f64::ceil`, bit for bit, without the library call (a negative fraction rounds to -0).
#[inline]
fn ceil_float(x: f64) -> f64 {
    let t = trunc_float(x);
    if t < x { t + 1.0 } else { t }
}

/// `f64::round` (half away from zero), bit for bit, without the library call and without a
/// conversion to an integer: below 2^52, adding and taking away 2^52 (signed as `x`) rounds to
/// the nearest whole number, ties to even; a tie that went toward zero then takes one step away.
/// Without a branch on the fraction: whether an amount's fraction of a cent is below half is a
/// coin toss, and a mispredicted branch on it cost more than the rounding. Two conversions to
/// and from an integer, each several cycles of latency, were a twelfth of the search's time.
#[inline]
pub(crate) fn round_half_away(x: f64) -> f64 {
    if x.abs() < WHOLE_FLOATS {
        let shift = WHOLE_FLOATS.copysign(x);
        let even = (x + shift) - shift;
        // Exact: both are within one of each other and below 2^52.
        let tie_toward_zero = x - even == 0.5f64.copysign(x);
        let away = if tie_toward_zero {
            1.0f64.copysign(x)
        } else {
            0.0
        };
        // The sign of `x` even when the result is zero: -0.4 rounds to -0.
        (even + away).copysign(x)
    } else {
        x
    }
}

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
    /// `self > 0`.
    #[inline]
    fn above_zero(self) -> bool {
        self > Self::ZERO
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

    /// `self.ratio(other).short(dp)`: a share kept to `dp` decimals.
    #[inline]
    fn ratio_short(self, other: Self, dp: u32) -> Self {
        self.ratio(other).short(dp)
    }

    /// `self.mul_div(num, den)` in whole cents: rounded half away from zero when `round`
    /// ([`Num::round_cents`]), else toward zero ([`Num::trunc_cents`]).
    #[inline]
    fn mul_div_cents(self, num: Self, den: Self, round: bool) -> Self {
        to_cents(self.mul_div(num, den), round)
    }

    /// `(self × (amount / total)).trunc_cents()`: the share divided out first, as the pro-rata
    /// draws have always computed it (`total` not zero).
    #[inline]
    fn part_trunc_cents(self, amount: Self, total: Self) -> Self {
        (self * (amount / total)).trunc_cents()
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

    #[inline]
    fn ratio_short(self, other: Self, dp: u32) -> Self {
        if other.is_zero() {
            return Decimal::ZERO;
        }
        ratio_cut(self, other, dp, Cut::HalfEven).unwrap_or_else(|| round_dp(self / other, dp))
    }

    #[inline]
    fn min_of(self, other: Self) -> Self {
        if at_most(self, other) { self } else { other }
    }

    #[inline]
    fn max_of(self, other: Self) -> Self {
        if at_most(other, self) { self } else { other }
    }

    #[inline]
    fn part_trunc_cents(self, amount: Self, total: Self) -> Self {
        part_cut(self, amount, total).unwrap_or_else(|| (self * (amount / total)).trunc_cents())
    }

    #[inline]
    fn mul_div_cents(self, num: Self, den: Self, round: bool) -> Self {
        if den.is_zero() {
            return Decimal::ZERO;
        }
        let cut = if round {
            Cut::HalfAway
        } else {
            Cut::TowardZero
        };
        product_ratio_cut(self, num, den, 2, cut)
            .unwrap_or_else(|| to_cents(self.mul_div(num, den), round))
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
        // Converting a 64-bit mantissa takes a few instructions; an i128 one takes a software
        // routine. The parts are read from the bytes: a match on `i64::try_from(mantissa)` is
        // folded by the compiler back into the i128 conversion.
        let bytes = self.serialize();
        let word =
            |i: usize| u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
        let magnitude = if word(12) == 0 {
            (u64::from(word(8)) << 32 | u64::from(word(4))) as f64
        } else {
            self.mantissa().unsigned_abs() as f64
        };
        let m = if self.is_sign_negative() {
            -magnitude
        } else {
            magnitude
        };
        if scale < POW10.len() {
            m / POW10[scale]
        } else {
            ToPrimitive::to_f64(&self).unwrap_or(0.0)
        }
    }
    #[inline]
    fn from_rate(x: f64) -> Self {
        let scaled = round_half_away(x * 1e9);
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
        let cents = round_half_away(x * 100.0);
        if (x * 100.0 - cents).abs() < 1e-6 && cents.abs() < 9.0e18 {
            return Decimal::new(cents as i64, 2);
        }
        let scaled = round_half_away(x * 1e6);
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
        cents_of(self, true)
    }
    #[inline]
    fn trunc_cents(self) -> Self {
        if self.scale() <= 2 {
            return self;
        }
        cents_of(self, false)
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
        round_dp(self, dp)
    }
    /// The sign flag and a zero test: no comparison of mantissas (whose scales may differ).
    #[inline]
    fn above_zero(self) -> bool {
        !self.is_sign_negative() && !self.is_zero()
    }
    /// The sign flag alone: no comparison of mantissas.
    #[inline]
    fn pos(self) -> Self {
        // A negative zero is kept, as the comparison would.
        if self.is_sign_negative() && !self.is_zero() {
            Decimal::ZERO
        } else {
            self
        }
    }
    #[inline]
    fn abs_val(self) -> Self {
        if self.is_sign_negative() && !self.is_zero() {
            -self
        } else {
            self
        }
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
        round_half_away(self * 100.0) / 100.0
    }
    /// An amount already in whole cents stays as it is: 123.45 is 12344.999… cents as a float,
    /// which plain truncation would cut a cent short (about a third of all whole-cent amounts).
    /// Within four units in the last place of a whole cent counts as that cent.
    #[inline]
    fn trunc_cents(self) -> Self {
        let cents = self * 100.0;
        let nearest = round_half_away(cents);
        // One division after a select (no branch: whether an amount is whole cents is data).
        let whole = (cents - nearest).abs() <= cents.abs() * (4.0 * f64::EPSILON);
        let kept = if whole { nearest } else { trunc_float(cents) };
        kept / 100.0
    }
    #[inline]
    fn floor_whole(self) -> Self {
        floor_float(self)
    }
    #[inline]
    fn ceil_whole(self) -> Self {
        ceil_float(self)
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

    /// A reproducible stream of 64-bit numbers (xorshift).
    fn xorshift(mut x: u64) -> impl FnMut() -> u64 {
        move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        }
    }

    #[test]
    fn cents_round_half_away_from_zero() {
        assert_eq!(dec!(2.345).round_cents(), dec!(2.35));
        assert_eq!(dec!(-2.345).round_cents(), dec!(-2.35));
        assert_eq!(dec!(2.349).trunc_cents(), dec!(2.34));
        assert_eq!(2.345f64.round_cents(), 2.35);
    }

    /// The one-division rounding agrees with rust_decimal's general rounding on every scale,
    /// sign, midpoint and mantissa size, up to Decimal's largest.
    #[test]
    fn cents_agree_with_general_rounding() {
        use rust_decimal::RoundingStrategy::{MidpointAwayFromZero, ToZero};
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut cases = vec![
            dec!(0.005),
            dec!(-0.005),
            dec!(0.004999),
            dec!(-0.0049),
            dec!(123.455000),
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(1, 28),
            Decimal::from_i128_with_scale(-(1i128 << 95), 28),
        ];
        for _ in 0..20_000 {
            let hi = (next() as i128) << 32 | next() as i128 & 0xffff_ffff;
            let bits = (next() % 96) as u32 + 1;
            let m = (hi & ((1i128 << bits) - 1)) * if next() % 2 == 0 { 1 } else { -1 };
            let scale = (next() % 26) as u32 + 3;
            cases.push(Decimal::from_i128_with_scale(m, scale));
            // Exact midpoints.
            let half = 5 * 10i128.pow(scale - 3);
            let mid = (m / 10i128.pow(scale - 2)) * 10i128.pow(scale - 2) + half;
            if let Ok(d) = Decimal::try_from_i128_with_scale(mid, scale) {
                cases.push(d);
            }
        }
        for d in cases {
            assert_eq!(
                d.round_cents(),
                d.round_dp_with_strategy(2, MidpointAwayFromZero),
                "round {d}"
            );
            assert_eq!(
                d.trunc_cents(),
                d.round_dp_with_strategy(2, ToZero),
                "trunc {d}"
            );
        }
    }

    /// The call-free float rounding is `f64::round`/`f64::trunc` bit for bit, NaN and the
    /// infinities included.
    #[test]
    fn float_rounding_matches_the_library() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut cases = vec![
            0.5,
            -0.5,
            0.49999999999999994,
            -0.49999999999999994,
            2.5,
            -2.5,
            4503599627370495.5,
            -4503599627370495.5,
            WHOLE_FLOATS,
            1e300,
            -0.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
        ];
        for _ in 0..100_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let magnitude = 10f64.powi((seed % 20) as i32 - 3);
            let x = (seed >> 11) as f64 / (1u64 << 53) as f64 * magnitude;
            cases.push(if seed.is_multiple_of(2) { x } else { -x });
            cases.push((x * 2.0).round() / 2.0);
        }
        for x in cases {
            assert_eq!(
                round_half_away(x).to_bits(),
                x.round().to_bits(),
                "round {x}"
            );
            assert_eq!(trunc_float(x).to_bits(), x.trunc().to_bits(), "trunc {x}");
            assert_eq!(floor_float(x).to_bits(), x.floor().to_bits(), "floor {x}");
            assert_eq!(ceil_float(x).to_bits(), x.ceil().to_bits(), "ceil {x}");
        }
    }

    #[test]
    fn shares_of_large_amounts_do_not_overflow() {
        let big = dec!(1e20);
        assert_eq!(big.mul_div(big, big * dec!(4)), dec!(2.5e19));
        assert_eq!(dec!(10).mul_div(dec!(3), dec!(4)), dec!(7.5));
        assert_eq!(dec!(10).mul_div(dec!(3), Decimal::ZERO), Decimal::ZERO);
    }

    /// The fast rounding is rust_decimal's own, value and scale and sign, over mantissas of
    /// every size and every scale, ties included.
    #[test]
    fn fast_round_dp_is_rust_decimals() {
        let mut next = xorshift(0x9E37_79B9_7F4A_7C15);
        for i in 0..200_000u64 {
            let lo = next() as u32;
            let mid = if i % 3 == 0 { 0 } else { next() as u32 };
            let hi = if i % 2 == 0 { 0 } else { next() as u32 };
            let scale = (next() % 29) as u32;
            let d = Decimal::from_parts(lo, mid, hi, next().is_multiple_of(2), scale);
            // Ties: a mantissa ending in 5 followed by zeros.
            let tie = Decimal::from_parts(
                (next() % 1000) as u32 * 10 + 5,
                0,
                0,
                i % 2 == 0,
                1 + (next() % 3) as u32,
            );
            for dp in [0, 1, 2, 6, 12, 20] {
                for v in [d, tie, Decimal::from_parts(0, 0, 0, i % 2 == 0, scale)] {
                    let (a, b) = (super::round_dp(v, dp), v.round_dp(dp));
                    assert_eq!(a, b, "{v} to {dp}");
                    assert_eq!(a.scale(), b.scale(), "{v} to {dp}");
                    assert_eq!(a.is_sign_negative(), b.is_sign_negative(), "{v} to {dp}");
                }
            }
            for v in [d, Decimal::from_parts(0, 0, 0, true, scale)] {
                assert_eq!(v.above_zero(), v > Decimal::ZERO, "{v}");
                let max = if v >= Decimal::ZERO { v } else { Decimal::ZERO };
                assert_eq!(v.pos(), max);
                assert_eq!(v.pos().is_sign_negative(), max.is_sign_negative());
            }
            assert_eq!(d.abs_val(), d.abs());
            // Smaller and larger, the same number kept (its scale and sign too).
            let same_scale =
                Decimal::from_parts(next() as u32, 0, 0, next().is_multiple_of(2), scale);
            // The same number written with more decimals: the first of the two is kept.
            let mut wider = d;
            wider.rescale((scale + 1 + (i % 3) as u32).min(28));
            // Whole numbers against up to 28 decimals, and mantissas either side of 2^64: the
            // product shortcut's limits.
            let whole = Decimal::from_parts(next() as u32, (i % 5) as u32, 0, i % 4 == 0, 0);
            let edge = Decimal::from_parts(u32::MAX, u32::MAX, (i % 2) as u32, i % 3 == 0, 0);
            let mut edge_scaled = edge;
            edge_scaled.rescale((i % 3) as u32);
            for (a, b) in [
                (d, whole),
                (whole, d),
                (d, edge),
                (edge, d),
                (tie, edge_scaled),
                (edge_scaled, tie),
                (d, wider),
                (wider, d),
                (d, tie),
                (tie, d),
                (d, same_scale),
                (same_scale, d),
                (d, d),
                (d, -d),
            ] {
                let (min, max) = (if a <= b { a } else { b }, if a >= b { a } else { b });
                for (got, want) in [(a.min_of(b), min), (a.max_of(b), max)] {
                    assert_eq!(got, want, "{a} {b}");
                    assert_eq!(got.scale(), want.scale(), "{a} {b}");
                    assert_eq!(got.is_sign_negative(), want.is_sign_negative(), "{a} {b}");
                }
            }
        }
    }

    /// The integer quotients give rust_decimal's quotient, cut the engine's way, to the digit
    /// and the scale: on random amounts, rates and shares, on quotients that end early, and on
    /// quotients a hair from a tie or a whole cent.
    #[test]
    fn quick_quotients_are_rust_decimals() {
        let mut next = xorshift(0x2545_F491_4F6C_DD1D);
        let mut cases = Vec::new();
        for i in 0..100_000u64 {
            let amount = |v: u64, bits: u32, scale: u32, neg: bool| {
                Decimal::from_i128_with_scale(
                    i128::from(v >> (64 - bits)) * if neg { -1 } else { 1 },
                    scale,
                )
            };
            let a = amount(
                next(),
                1 + (next() % 63) as u32,
                (next() % 5) as u32,
                i % 7 == 0,
            );
            let b = amount(
                next(),
                1 + (next() % 50) as u32,
                (next() % 5) as u32,
                i % 11 == 0,
            );
            let c = amount(
                next(),
                1 + (next() % 40) as u32,
                (next() % 13) as u32,
                false,
            );
            cases.push((a, b, c));
            // Near a tie: b / c = k + 1/2 ± a little, and exact halves.
            let c2 = amount(next(), 20, 2, false) + Decimal::ONE;
            let k = Decimal::from((next() % 1000) as i64);
            let half = (k + Decimal::HALF) * c2;
            for off in [
                Decimal::ZERO,
                Decimal::new(1, 12),
                Decimal::new(-1, 12),
                Decimal::new(1, 26),
            ] {
                cases.push((Decimal::ONE, half + off, c2 * Decimal::new(100, 0)));
                cases.push((Decimal::ONE, half + off, c2));
            }
            // Shares whose exact product is a whole cent (a third of three times a balance):
            // the share rounded to 28 digits lands a hair below it.
            let balance = amount(next(), 30, 2, false) + Decimal::CENT;
            let parts = Decimal::from(1 + (next() % 7) as i64);
            cases.push((balance * parts, balance, balance * parts * Decimal::from(3)));
            cases.push((balance, balance * parts, balance * Decimal::from(3)));
        }
        // Only amounts whose quotient rust_decimal can give at all (it panics on overflow).
        let fits = |a: Decimal, b: Decimal, c: Decimal| {
            !c.is_zero()
                && a.checked_div(c).is_some()
                && a.checked_mul(b).and_then(|p| p.checked_div(c)).is_some()
        };
        // The number, its scale and its sign.
        let same = |quick: Decimal, slow: Decimal, what: String| {
            assert_eq!(
                (quick, quick.scale(), quick.is_sign_negative()),
                (slow, slow.scale(), slow.is_sign_negative()),
                "{what}"
            );
        };
        for (a, b, c) in cases.into_iter().filter(|&(a, b, c)| fits(a, b, c)) {
            for dp in [2, 12, 16] {
                same(
                    a.ratio_short(c, dp),
                    (a / c).round_dp(dp),
                    format!("{a} / {c} to {dp}"),
                );
            }
            for round in [true, false] {
                let share = a.mul_div(b, c);
                let slow = if round {
                    share.round_cents()
                } else {
                    share.trunc_cents()
                };
                same(
                    a.mul_div_cents(b, c, round),
                    slow,
                    format!("{a} × {b} / {c}"),
                );
            }
            if a.checked_mul(b / c).is_some() {
                let slow = (a * (b / c)).trunc_cents();
                same(a.part_trunc_cents(b, c), slow, format!("{a} × ({b} / {c})"));
            }
        }
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
    fn float_truncation_keeps_whole_cents() {
        // Every whole-cent amount up to $10,000 and some large ones come back as they were
        // (plain truncation cut 123.45 to 123.44); fractions of a cent are still cut.
        let large = [1_234_567_890.12_f64, 98_765_432.1, 5e12 + 0.07];
        for x in (0..1_000_000).map(|k| k as f64 / 100.0).chain(large) {
            assert_eq!(x.trunc_cents(), x, "{x}");
            assert_eq!((-x).trunc_cents(), -x, "{x}");
        }
        assert_eq!(1.239_f64.trunc_cents(), 1.23);
        assert_eq!((-1.239_f64).trunc_cents(), -1.23);
        assert_eq!(0.009_f64.trunc_cents(), 0.0);
        assert_eq!(1234.5699_f64.trunc_cents(), 1234.56);
    }

    #[test]
    fn cent_constant_is_one_hundredth() {
        assert_eq!(Decimal::CENT * dec!(100), Decimal::ONE);
    }
}
