//! A number that carries its rate of change: evaluating any tax computation on [`Dual`] gives the
//! tax and its exact slope along a chosen direction of income in one pass.
//!
//! Taxes are piecewise linear: sums, products by constants, and choices (`max`, `min`, `if`) at
//! thresholds. Forward-mode differentiation handles the sums and products; the choices are made
//! by comparing values first and slopes second, which is exactly what income a hair beyond the
//! point would do — so at a bracket edge the slope returned is the one beyond it, the right
//! derivative, as the federal slope machinery (`tax::slope`) defines a marginal rate. Code written
//! once, generically over [`Num`] (the state computations, the premium tax credit), gets its
//! marginal rates without a second, hand-derived copy.

use crate::num::Num;
use rust_decimal::Decimal;
use std::cell::Cell;
use std::cmp::Ordering;
use std::ops::{Add, AddAssign, Div, Mul, MulAssign, Neg, Sub, SubAssign};

/// A value and its derivative along one direction.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Dual {
    pub v: f64,
    pub d: f64,
}

impl Dual {
    /// A constant: it does not move with the direction.
    pub const fn constant(v: f64) -> Dual {
        Dual { v, d: 0.0 }
    }

    /// An input that moves `d` per unit along the direction.
    pub const fn moving(v: f64, d: f64) -> Dual {
        Dual { v, d }
    }
}

thread_local! {
    /// The nearest distance ahead at which some comparison made since [`watch`] would turn out
    /// the other way.
    static FLIP: Cell<f64> = const { Cell::new(f64::INFINITY) };
}

/// Runs `f` and says, besides its result, how far along the direction the nearest comparison it
/// made would flip: up to there every choice it made stands, so its slope holds at least that
/// far. (A comparison whose flip changes nothing is counted too: the distance is never too far.)
pub fn watch<T>(f: impl FnOnce() -> T) -> (T, Option<f64>) {
    let before = FLIP.with(|c| c.replace(f64::INFINITY));
    let out = f();
    let flip = FLIP.with(|c| c.replace(before));
    (out, flip.is_finite().then_some(flip))
}

#[inline]
fn note_flip(t: f64) {
    // Being below the nearest distance so far (never more than infinite) also refuses an infinite
    // distance and NaN, without a separate finiteness test: this runs at every comparison of a
    // slope's computation.
    if t > 0.0 {
        FLIP.with(|c| {
            if t < c.get() {
                c.set(t);
            }
        });
    }
}

impl PartialOrd for Dual {
    /// Values first; at equal values, the one rising faster is the larger just beyond.
    fn partial_cmp(&self, other: &Dual) -> Option<Ordering> {
        if self.d != other.d {
            note_flip((other.v - self.v) / (self.d - other.d));
        }
        match self.v.partial_cmp(&other.v)? {
            Ordering::Equal => self.d.partial_cmp(&other.d),
            o => Some(o),
        }
    }
}

impl Add for Dual {
    type Output = Dual;
    #[inline]
    fn add(self, o: Dual) -> Dual {
        Dual::moving(self.v + o.v, self.d + o.d)
    }
}

impl Sub for Dual {
    type Output = Dual;
    #[inline]
    fn sub(self, o: Dual) -> Dual {
        Dual::moving(self.v - o.v, self.d - o.d)
    }
}

impl Mul for Dual {
    type Output = Dual;
    #[inline]
    fn mul(self, o: Dual) -> Dual {
        Dual::moving(self.v * o.v, self.v * o.d + self.d * o.v)
    }
}

impl Div for Dual {
    type Output = Dual;
    #[inline]
    fn div(self, o: Dual) -> Dual {
        Dual::moving(self.v / o.v, (self.d * o.v - self.v * o.d) / (o.v * o.v))
    }
}

impl Neg for Dual {
    type Output = Dual;
    #[inline]
    fn neg(self) -> Dual {
        Dual::moving(-self.v, -self.d)
    }
}

impl AddAssign for Dual {
    #[inline]
    fn add_assign(&mut self, o: Dual) {
        *self = *self + o;
    }
}

impl SubAssign for Dual {
    #[inline]
    fn sub_assign(&mut self, o: Dual) {
        *self = *self - o;
    }
}

impl MulAssign for Dual {
    #[inline]
    fn mul_assign(&mut self, o: Dual) {
        *self = *self * o;
    }
}

impl Num for Dual {
    const ZERO: Self = Dual::constant(0.0);
    const ONE: Self = Dual::constant(1.0);
    const HALF: Self = Dual::constant(0.5);
    const CENT: Self = Dual::constant(0.01);

    fn from_dec(d: Decimal) -> Self {
        Dual::constant(f64::from_dec(d))
    }
    fn to_dec(self) -> Decimal {
        self.v.to_dec()
    }
    fn from_i64(n: i64) -> Self {
        Dual::constant(n as f64)
    }
    fn to_f64(self) -> f64 {
        self.v
    }
    fn from_f64(x: f64) -> Self {
        Dual::constant(x)
    }
    fn from_rate(x: f64) -> Self {
        Dual::constant(x)
    }
    /// Rounding money to the cent is bookkeeping, not a rule of the tax: the slope goes through.
    fn round_cents(self) -> Self {
        Dual::moving(self.v.round_cents(), self.d)
    }
    fn trunc_cents(self) -> Self {
        Dual::moving(self.v.trunc_cents(), self.d)
    }
    /// "For each full $2,500": a step, flat between its steps (the next step is an edge).
    fn floor_whole(self) -> Self {
        let f = self.v.floor();
        if self.d != 0.0 {
            note_flip(((if self.d > 0.0 { f + 1.0 } else { f }) - self.v) / self.d);
        }
        Dual::constant(f)
    }
    fn ceil_whole(self) -> Self {
        let c = self.v.ceil();
        if self.d != 0.0 {
            note_flip(((if self.d > 0.0 { c } else { c - 1.0 }) - self.v) / self.d);
        }
        Dual::constant(c)
    }
    fn short(self, _dp: u32) -> Self {
        self
    }
    fn mul_div(self, num: Self, den: Self) -> Self {
        if den.v == 0.0 {
            Dual::ZERO
        } else {
            self * num / den
        }
    }
    fn ratio(self, other: Self) -> Self {
        if other.v == 0.0 {
            Dual::ZERO
        } else {
            self / other
        }
    }
}

/// The slope at `x` along `dx` of a function written on [`Num`]: its right derivative.
pub fn slope_of(f: impl Fn(Dual) -> Dual, x: f64, dx: f64) -> f64 {
    f(Dual::moving(x, dx)).d
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A two-bracket tax with a deduction: 0 to 1,000, 10% to 5,000, 20% beyond.
    fn tax<N: Num>(income: N) -> N {
        let taxable = (income - N::from_i64(1000)).pos();
        let first = taxable.min_of(N::from_i64(4000));
        let rest = (taxable - N::from_i64(4000)).pos();
        first * N::from_f64(0.1) + rest * N::from_f64(0.2)
    }

    #[test]
    fn slopes_are_the_marginal_rates_and_the_one_beyond_at_an_edge() {
        assert_eq!(slope_of(tax, 500.0, 1.0), 0.0);
        assert_eq!(
            slope_of(tax, 1000.0, 1.0),
            0.1,
            "at the deduction's end: the rate beyond"
        );
        assert_eq!(slope_of(tax, 3000.0, 1.0), 0.1);
        assert_eq!(
            slope_of(tax, 5000.0, 1.0),
            0.2,
            "at the bracket top: the rate beyond"
        );
        assert_eq!(slope_of(tax, 9000.0, 1.0), 0.2);
        // Moving the other way at the edge sees the rate below.
        assert_eq!(slope_of(tax, 5000.0, -1.0), -0.1);
        // The value is the plain computation's.
        assert_eq!(tax(Dual::moving(6000.0, 1.0)).v, tax(6000.0));
    }

    #[test]
    fn the_next_edge_is_where_a_choice_would_flip() {
        let (t, edge) = watch(|| tax(Dual::moving(3000.0, 1.0)));
        assert_eq!(t.d, 0.1);
        assert_eq!(edge, Some(2000.0), "the bracket top is $2,000 further");
        let (_, edge) = watch(|| tax(Dual::moving(3000.0, 2.0)));
        assert_eq!(edge, Some(1000.0), "twice as fast: half as far");
        let (_, edge) = watch(|| tax(Dual::moving(9000.0, 1.0)));
        assert_eq!(edge, None, "nothing ahead past the last bracket");
    }

    #[test]
    fn a_step_has_no_slope_and_rounding_keeps_it() {
        let stepped = |x: Dual| (x / Dual::constant(2500.0)).floor_whole() * Dual::constant(100.0);
        assert_eq!(slope_of(stepped, 6000.0, 1.0), 0.0);
        assert_eq!(
            slope_of(|x| (x * Dual::constant(0.123)).round_cents(), 10.0, 1.0),
            0.123
        );
    }
}
