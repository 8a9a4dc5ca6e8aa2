//! Quotients cut to a few decimals by one integer division, exactly as rust_decimal divides
//! and the engine then rounds (rust_decimal fills a quotient digit by digit, a few hundred
//! instructions): shares of accounts, ratios kept to twelve decimals, amounts times a share in
//! whole cents. Each shortcut says `None` where it cannot be sure of rust_decimal's answer, and
//! the caller divides the general way.

use super::POW10_I128;
use rust_decimal::Decimal;

/// How a quotient is cut to its decimals: as [`round_dp`](super::round_dp) (half to even), as
/// [`Num::round_cents`](super::Num::round_cents) (half away from zero) or as
/// [`Num::trunc_cents`](super::Num::trunc_cents) (toward zero); `ShareTowardZero` is the last
/// for an amount times a share divided out first
/// ([`Num::part_trunc_cents`](super::Num::part_trunc_cents)), whose rounding can land below a
/// whole cent the exact product reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cut {
    HalfEven,
    HalfAway,
    TowardZero,
    ShareTowardZero,
}

/// The quotient of `n` (a magnitude at scale `n_scale`, negative when `negative`) by `den`, cut
/// to `dp` decimals, exactly as rust_decimal divides and the engine then rounds; by one integer
/// division instead of rust_decimal's digit-filling one (a few hundred instructions). `None`
/// where the shortcut cannot be sure of giving the same number, for the caller to divide the
/// general way: when the quotient ends within `dp` decimals (rust_decimal then keeps the
/// quotient's own scale, which the rounding leaves), when it is long (18 digits or more at
/// `dp`), or when it lies within a billionth of a unit of `dp` from where the cut changes
/// (rust_decimal rounds a quotient to 28 significant digits before it is cut, which moves it by
/// less than 1e-10 of that unit when it has fewer than 18 digits).
#[inline]
fn quotient_cut(
    n: u128,
    n_scale: u32,
    negative: bool,
    den: Decimal,
    dp: u32,
    cut: Cut,
) -> Option<Decimal> {
    const MARGIN: u128 = 1_000_000_000;
    // A share rounded to 28 digits, and then its product, are each off by up to 1e-28 of the
    // figure: shorter quotients keep the shift far below the margin.
    let long: u128 = if cut == Cut::ShareTowardZero {
        1_000_000_000_000_000
    } else {
        1_000_000_000_000_000_000
    };
    if dp > 16 {
        return None;
    }
    let e = (dp + den.scale()).checked_sub(n_scale)? as usize;
    let d = den.mantissa().unsigned_abs();
    let num = n.checked_mul(*POW10_I128.get(e)? as u128)?;
    if d == 0 {
        return None;
    }
    let (q, r) = match (u64::try_from(num), u64::try_from(d)) {
        (Ok(a), Ok(b)) => (u128::from(a / b), u128::from(a % b)),
        _ => (num / d, num % d),
    };
    if r == 0 || q >= long {
        return None;
    }
    // How far the quotient lies from where the cut changes, in units of `d`: a product
    // past 128 bits is far enough.
    let gap = match cut {
        Cut::TowardZero => d - r,
        Cut::ShareTowardZero => r.min(d - r),
        Cut::HalfEven | Cut::HalfAway => (2 * r).abs_diff(d),
    };
    if gap.checked_mul(MARGIN).is_some_and(|g| g <= d) {
        return None;
    }
    let up = matches!(cut, Cut::HalfEven | Cut::HalfAway) && 2 * r > d;
    let q = (q + u128::from(up)) as i128;
    let negative = negative != den.is_sign_negative() && q != 0;
    Decimal::try_from_i128_with_scale(if negative { -q } else { q }, dp).ok()
}

/// `n / den` cut to `dp` decimals ([`quotient_cut`]), or `None`.
#[inline]
pub(super) fn ratio_cut(n: Decimal, den: Decimal, dp: u32, cut: Cut) -> Option<Decimal> {
    let m = n.mantissa();
    quotient_cut(m.unsigned_abs(), n.scale(), m < 0, den, dp, cut)
}

/// The exact product of two mantissas: its magnitude, scale and sign, or `None` past 128 bits.
#[inline]
fn mantissa_product(a: Decimal, b: Decimal) -> Option<(u128, u32, bool)> {
    let (ma, mb) = (a.mantissa(), b.mantissa());
    let n = ma.unsigned_abs().checked_mul(mb.unsigned_abs())?;
    Some((n, a.scale() + b.scale(), (ma < 0) != (mb < 0)))
}

/// `a × b / den` cut to `dp` decimals ([`quotient_cut`]) when the product is exact in
/// rust_decimal (within 96 bits and 28 decimals), or `None`.
#[inline]
pub(super) fn product_ratio_cut(
    a: Decimal,
    b: Decimal,
    den: Decimal,
    dp: u32,
    cut: Cut,
) -> Option<Decimal> {
    const U96: u128 = 1 << 96;
    let (n, scale, negative) = mantissa_product(a, b)?;
    if n >= U96 || scale > 28 {
        return None;
    }
    quotient_cut(n, scale, negative, den, dp, cut)
}

/// `b × (a / den)` to whole cents toward zero ([`quotient_cut`]), or `None`.
#[inline]
pub(super) fn part_cut(b: Decimal, a: Decimal, den: Decimal) -> Option<Decimal> {
    let (n, scale, negative) = mantissa_product(b, a)?;
    quotient_cut(n, scale, negative, den, 2, Cut::ShareTowardZero)
}
