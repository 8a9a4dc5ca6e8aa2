//! Where a year's searches find their roots: the amount a funding order draws to meet the need,
//! and the rooms the strategies ask for (as much of a source as keeps an amount under a line).
//! Every function searched is continuous and piecewise linear, rising (the year's taxes), so
//! secant steps land on a root once two points share its segment.

use crate::num::Num;

/// Where a search for the amount drawn ended: where the next one (the year's next decision, or
/// next year's) starts. Needs and marginal rates move little from one to the next, so a Newton
/// step from here usually lands on the root's segment at once, where a search from nothing
/// needs two or three tax computations more.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SolveHint {
    /// The need then: outlays less the cash that arrived without a decision.
    pub(super) need: f64,
    /// What the funding order drew to meet it.
    pub(super) drawn: f64,
    /// Cash left per further dollar drawn there (one less the marginal rate on the draw).
    pub(super) slope: f64,
}

/// Where a continuous, strictly rising, piecewise-linear `f` crosses zero in `[0, max]`, given
/// `f0 = f(0) < 0`: a point at most half a cent above the root, or `None` when `f(max) < 0`.
///
/// Secant steps through the last two points: on a piecewise-linear function they land exactly
/// on the root once both points share its segment. A step that would leave the bracket, and
/// every fourth step, bisects instead, so the search always ends.
pub(super) fn rising_root<N: Num>(f: impl Fn(N) -> N, f0: N, max: N) -> Option<N> {
    // First guess: as if the function rose one for one (a draw that costs no tax).
    let first = (-f0).round_cents().min_of(max);
    let bracket = Bracket {
        lo: N::ZERO,
        hi: max,
        bracketed: false,
    };
    rising_root_from(f, (N::ZERO, f0), first, bracket)
}

/// The root of the rising `cash_left` in `[0, max]` (`max` when the need cannot be met), from
/// where the last search ended: Newton steps at its slope from its amount moved by the change in
/// need, then [`rising_root_from`]'s secant steps.
pub(super) fn warm_root<N: Num>(
    cash_left: impl Fn(N) -> N + Copy,
    h: SolveHint,
    need: N,
    max: N,
) -> N {
    let (drawn, slope) = (N::from_f64(h.drawn), N::from_f64(h.slope));
    let x0 = ceil_cents(
        (drawn + (need - N::from_f64(h.need)) / slope)
            .pos()
            .min_of(max),
    );
    let f0 = cash_left(x0);
    if f0 >= N::ZERO && (f0 <= N::CENT || x0 == N::ZERO) {
        return x0;
    }
    if f0 < N::ZERO && x0 >= max {
        return max;
    }
    let x1 = ceil_cents(x0 - f0 / slope).pos().min_of(max);
    let bracket = if f0 >= N::ZERO {
        Bracket {
            lo: N::ZERO,
            hi: x0,
            bracketed: true,
        }
    } else {
        Bracket {
            lo: x0,
            hi: max,
            bracketed: false,
        }
    };
    rising_root_from(cash_left, (x0, f0), x1, bracket).unwrap_or(max)
}

/// Where a search that met `need` by drawing `x` leaves the next one: the slope through the
/// last two amounts it tried (`tried`), or the last hint's when they are too close to tell.
pub(super) fn next_hint<N: Num>(
    tried: [(N, N); 2],
    last: Option<SolveHint>,
    need: N,
    x: N,
) -> SolveHint {
    let [(xa, fa), (xb, fb)] = tried;
    let slope = if xa >= N::ZERO && (xb - xa).abs_val() >= N::ONE {
        Some(((fb - fa) / (xb - xa)).to_f64())
    } else {
        last.map(|h| h.slope)
    };
    // A slope outside (0, 1] is a stretch across a cliff: no marginal rate reaches 100%, and
    // cash left never falls as more is drawn elsewhere.
    let slope = slope.filter(|s| *s > 0.0 && *s <= 1.0).unwrap_or(1.0);
    SolveHint {
        need: need.to_f64(),
        drawn: x.to_f64(),
        slope: slope.max(0.05),
    }
}

/// Where a rising root is known to lie: in `[lo, hi]`, where `f(hi) >= 0` when `bracketed`
/// (else `hi` is the most that can be drawn, not yet tried).
#[derive(Debug, Clone, Copy)]
struct Bracket<N> {
    lo: N,
    hi: N,
    bracketed: bool,
}

/// [`rising_root`] from a point already tried, `(xa, fa)`, trying `xb` next, within `bracket`.
fn rising_root_from<N: Num>(
    f: impl Fn(N) -> N,
    (mut xa, mut fa): (N, N),
    mut xb: N,
    bracket: Bracket<N>,
) -> Option<N> {
    let tolerance = N::CENT;
    let two = N::from_i64(2);
    let Bracket {
        mut lo,
        mut hi,
        mut bracketed,
    } = bracket;
    let max = hi;
    for step in 1..=200 {
        let fb = f(xb);
        if fb >= N::ZERO {
            if fb <= tolerance {
                return Some(xb);
            }
            hi = xb;
            bracketed = true;
        } else {
            if xb >= max {
                return None;
            }
            lo = xb;
        }
        if bracketed && hi - lo <= tolerance {
            return Some(hi);
        }
        // Whole cents keep Decimal arithmetic short; the answer is wanted in cents anyway.
        let mut next = if fb != fa {
            ceil_cents(xb - fb.mul_div(xb - xa, fb - fa))
        } else {
            hi
        };
        if !(next > lo && next < hi) || step % 4 == 0 {
            next = if bracketed {
                ((lo + hi) / two).round_cents()
            } else {
                max
            };
            if !(next > lo && next < hi) && bracketed {
                return Some(hi);
            }
        }
        (xa, fa) = (xb, fb);
        xb = next;
    }
    bracketed.then_some(hi)
}

/// The last whole cent in `[lo, over]` at which the rising `level` is at most `line`, and the
/// first after it, given `level(lo) <= line < level(over)`.
///
/// `over` is usually a root of `level - line - 1¢`, found by secant steps; where the level rises
/// more slowly than the amount (MAGI rises by a sale's gain alone) that root lies many cents
/// past the first cent over the line, so the search steps back from it, doubling, to a cent at
/// or under the line, then halves the gap down to one cent. Bounded: where a float cannot
/// resolve a cent (amounts beyond about $90 trillion) it stops with the gap it has.
pub(super) fn last_cent_under<N: Num>(level: impl Fn(N) -> N, lo: N, over: N, line: N) -> (N, N) {
    let (mut under, mut over) = (lo, over);
    let mut step = N::CENT;
    for _ in 0..64 {
        let probe = over - step;
        if probe <= under {
            break;
        }
        if level(probe) > line {
            over = probe;
            step = step + step;
        } else {
            under = probe;
            break;
        }
    }
    for _ in 0..64 {
        // The gap rounded: on f64 a difference of a cent is not exactly a cent.
        if (over - under).round_cents() <= N::CENT {
            break;
        }
        let mid = ((under + over) / N::from_i64(2))
            .trunc_cents()
            .max_of(under + N::CENT);
        if mid >= over {
            break;
        }
        if level(mid) > line {
            over = mid;
        } else {
            under = mid;
        }
    }
    (under, over)
}

/// Rounds up to whole cents: on a root's segment the rounded point is never below the root.
#[inline]
pub(super) fn ceil_cents<N: Num>(x: N) -> N {
    let t = x.trunc_cents();
    if t < x {
        (t + N::CENT).round_cents()
    } else {
        t
    }
}

/// The smallest `x` in `[0, max]` with `f(x) >= 0` for a strictly rising `f`: 0 when `f(0)` is
/// already non-negative, `max` when `f(max)` is still negative.
pub(super) fn solve_increasing<N: Num>(f: impl Fn(N) -> N, max: N) -> N {
    if max <= N::ZERO {
        return N::ZERO;
    }
    let f0 = f(N::ZERO);
    if f0 >= N::ZERO {
        return N::ZERO;
    }
    rising_root(f, f0, max).unwrap_or(max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_cent_under_a_line_is_found_however_slowly_the_level_rises() {
        // A level rising a tenth of the amount (MAGI as sales at a 10% gain share add to it)
        // is over 1,000 from 10,000.01 on; the root of level − line − 1¢ is 10,000.10, ten cents
        // further. The search stepped back at most four cents from that root and took 10,000.05
        // for the last cent under the line: the exact books drew across the cliff.
        let level = |x: f64| x / 10.0;
        let line = 1_000.0;
        let (under, first_over) = last_cent_under(level, 0.0, 10_000.10, line);
        assert!((under - 10_000.00).abs() < 1e-6, "{under}");
        assert!((first_over - 10_000.01).abs() < 1e-6, "{first_over}");
        // Slower still (a gain share of 1%), from a root far past the line.
        let slow = |x: f64| x / 100.0;
        let (under, first_over) = last_cent_under(slow, 0.0, 100_001.0, line);
        assert!((under - 100_000.00).abs() < 1e-6, "{under}");
        assert!((first_over - 100_000.01).abs() < 1e-6, "{first_over}");
        // From zero, when the first cent is already over.
        let (under, first_over) = last_cent_under(|x| x * 1e6, 0.0, 1.0, 0.5);
        assert_eq!(under, 0.0);
        assert!((first_over - 0.01).abs() < 1e-9, "{first_over}");
        // Where a float cannot resolve a cent the search still ends.
        let (u, o) = last_cent_under(|x| x, 0.0, 1e20, 1e19);
        assert!(u <= o);
    }
}
