//! Where the rate on the next dollar of a piecewise-linear cost first rises above a limit,
//! narrowed from two probes around it.
//!
//! The heir-aware strategy draws tax-deferred money while the year's marginal rate stays at or
//! below its heirs'. Its answer is defined by a bisection on the rate on the next dollar, to ten
//! dollars: about a dozen halvings, two tax computations each. Taxes are piecewise linear in the
//! draw, so the search walks from kink to kink instead: where the line through the lower probe
//! meets the line through the upper one, the cost a dollar either side lies on them (one kink,
//! found) or makes a new probe that replaces one end. A few tax computations find the kink; the
//! bisection then runs with the same midpoints and answers, reading the rate off the two lines
//! between the walk's last probes and computing it only outside them. When the walk does not
//! settle (a cliff where the cost jumps), the bisection computes every midpoint's rate, as
//! before.
//!
//! A point on a probe's line is taken to mean the cost follows that line up to it. Taxes do
//! leave a line and come back (a dip where Social Security stops phasing in, a credit that phases
//! out to rejoin the schedule), and where two probes' lines meet such a cost can be on both: a
//! dip rejoins the upper line exactly there. Hence a point a dollar either side of the kink, one
//! on each line: to pass both checks a cost that left the lower line would have to cross it
//! again within a fraction of a cent of a dollar before the kink.

use crate::num::Num;

/// The cost at a point and the rate on the next dollar there (`cost(at + 1) - cost(at)`).
#[derive(Debug, Clone, Copy)]
pub struct Probe<N> {
    pub at: N,
    pub cost: N,
    pub rate: N,
}

impl<N: Num> Probe<N> {
    /// `cost` probed at `x`: two evaluations.
    pub fn of(cost: &impl Fn(N) -> N, x: N) -> Probe<N> {
        Probe::after(x, cost(x), cost(x + N::ONE))
    }

    /// The probe at `x` from the cost there and a dollar on.
    pub fn after(at: N, cost: N, next: N) -> Probe<N> {
        Probe {
            at,
            cost,
            rate: next - cost,
        }
    }

    /// The cost at `x` on the line through this probe at its rate.
    fn line(&self, x: N) -> N {
        self.cost + self.rate * (x - self.at)
    }

    /// Whether `cost` at `x` lies on this probe's line, to a tenth of a cent (rates measured
    /// on f64 over one dollar are exact to about 1e-11, so a line stays within a millionth of a
    /// dollar over any amount a plan holds; a kink moves it by its change of rate times its
    /// distance).
    pub fn on_line(&self, x: N, cost: N) -> bool {
        (cost - self.line(x)).abs_val() <= tolerance()
    }
}

/// A tenth of a cent. As a quotient of whole numbers, which a float folds to a constant: the
/// Decimal's conversion to a float cost as much as a tax computation, on every probe.
fn tolerance<N: Num>() -> N {
    N::from_i64(1) / N::from_i64(1000)
}

/// The lower end of a bisection of `[lo.at, hi.at]` on the rate on the next dollar (`rate(x) >
/// limit` moves the upper end to `x`, else the lower end), stopped at ten dollars, truncated to
/// the cent. `lo.rate <= limit < hi.rate`.
pub fn narrow<N: Num>(cost: impl Fn(N) -> N, limit: N, lo: Probe<N>, hi: Probe<N>) -> N {
    let computed = |x: N| cost(x + N::ONE) - cost(x) > limit;
    match walk(&cost, limit, lo, hi) {
        // Between the walk's last probes the cost is the two lines; elsewhere (the first
        // halvings, when the walk moved the probes) the rate is computed, as the cost there
        // may hold kinks the walk stepped over.
        Some((below, above, kink)) => bisect(
            |x| {
                if x >= below.at && x <= above.at {
                    rate_across(below.rate, above.rate, kink, x) > limit
                } else {
                    computed(x)
                }
            },
            lo.at,
            hi.at,
        ),
        None => bisect(computed, lo.at, hi.at),
    }
}

/// The kink where the rate rises above `limit`, and the probes either side of it (at or below
/// the limit, above it) between which the cost is their two lines, walking from `lo` and `hi`;
/// `None` when eight steps do not find one (the cost jumps, or holds many kinks).
fn walk<N: Num>(
    cost: &impl Fn(N) -> N,
    limit: N,
    mut lo: Probe<N>,
    mut hi: Probe<N>,
) -> Option<(Probe<N>, Probe<N>, N)> {
    for _ in 0..8 {
        let turn = lo.rate - hi.rate;
        if turn >= N::ZERO || hi.at - lo.at <= N::from_i64(4) {
            return None;
        }
        let kink = (hi.cost - lo.cost + lo.rate * lo.at - hi.rate * hi.at) / turn;
        // A kink within a probe's own dollar blends that probe's rate: its line is no segment.
        // Lines that meet there (or outside the probes) have shown all they can: a probe
        // halfway makes new ones.
        let here = if kink <= lo.at + N::ONE || kink >= hi.at - N::ONE {
            Probe::of(cost, (lo.at + hi.at) / N::from_i64(2))
        } else {
            // The lines meet at the kink, so the cost there on one is on both, whatever it did
            // before: a curve that dips below the lower line and rises along the upper one
            // meets both there. A dollar before the kink the cost must lie on the lower line,
            // a dollar after on the upper one; the first that does not becomes a probe.
            let (before, after) = (kink - N::ONE, kink + N::ONE);
            let at_before = cost(before);
            if !lo.on_line(before, at_before) {
                Probe::after(before, at_before, cost(kink))
            } else {
                let at_after = cost(after);
                if hi.on_line(after, at_after) {
                    return Some((lo, hi, kink));
                }
                Probe::after(kink, cost(kink), at_after)
            }
        };
        if here.rate > limit {
            hi = here;
        } else {
            lo = here;
        }
    }
    None
}

/// The rate on the next dollar at `x` of a cost rising at `below` up to `kink` and at `above`
/// after it.
fn rate_across<N: Num>(below: N, above: N, kink: N, x: N) -> N {
    if x + N::ONE <= kink {
        below
    } else if x >= kink {
        above
    } else {
        below * (kink - x) + above * (x + N::ONE - kink)
    }
}

fn bisect<N: Num>(rises: impl Fn(N) -> bool, mut lo: N, mut hi: N) -> N {
    let ten = N::from_i64(10);
    // Bisection halves the gap each time: 120 halvings reach ten dollars from any amount a plan
    // can hold, and bound the loop where floats cannot halve further.
    for _ in 0..120 {
        if hi - lo <= ten {
            break;
        }
        let mid = (lo + hi) / N::from_i64(2);
        if rises(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    lo.trunc_cents()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use std::cell::Cell;

    /// The tolerance is the tenth of a cent it always was, on both number types.
    #[test]
    fn tolerance_is_a_tenth_of_a_cent() {
        assert_eq!(tolerance::<Decimal>(), Decimal::new(1, 3));
        assert_eq!(
            tolerance::<f64>().to_bits(),
            f64::from_dec(Decimal::new(1, 3)).to_bits()
        );
    }

    /// A cost with rates 12% to 40,000, 22% to 90,000 and 24% above, a cliff of 3,000 at
    /// 120,000 when `cliff`.
    fn ladder(x: f64, cliff: bool) -> f64 {
        let mut c = 0.12 * x.min(40_000.0)
            + 0.22 * (x.min(90_000.0) - 40_000.0).max(0.0)
            + 0.24 * (x - 90_000.0).max(0.0);
        if cliff && x > 120_000.0 {
            c += 3_000.0;
        }
        c
    }

    fn probe(cost: impl Fn(f64) -> f64, at: f64) -> Probe<f64> {
        Probe::of(&cost, at)
    }

    /// What the search answered before it read the lines: every midpoint's rate computed.
    fn plain(cost: impl Fn(f64) -> f64, limit: f64, lo: f64, hi: f64) -> f64 {
        bisect(|x| cost(x + 1.0) - cost(x) > limit, lo, hi)
    }

    /// [`narrow`] on the ladder between probes at `lo` and `hi`, and how many costs it computed
    /// beyond the two probes'.
    fn narrow_ladder(cliff: bool, limit: f64, lo: f64, hi: f64) -> (f64, usize) {
        let calls = Cell::new(0);
        let cost = |x: f64| {
            calls.set(calls.get() + 1);
            ladder(x, cliff)
        };
        let (a, b) = (probe(cost, lo), probe(cost, hi));
        calls.set(0);
        let got = narrow(cost, limit, a, b);
        (got, calls.get())
    }

    #[test]
    fn one_kink_gives_the_bisections_answer_from_two_costs() {
        for (limit, lo, hi) in [(0.15, 0.0, 75_000.0), (0.23, 50_000.0, 150_000.0)] {
            let (got, calls) = narrow_ladder(false, limit, lo, hi);
            assert_eq!(calls, 2, "limit {limit}");
            assert_eq!(got, plain(|x| ladder(x, false), limit, lo, hi));
            // Within ten dollars below the edge.
            let edge = if limit < 0.2 { 40_000.0 } else { 90_000.0 };
            assert!(got <= edge && got > edge - 10.0, "{got}");
        }
    }

    #[test]
    fn two_kinks_take_a_step_more() {
        // 12% → 22% → 24% between the probes, limit 23%: the rate rises above it at the
        // second kink. The lines first meet between the two kinks; that point's rate (22%)
        // becomes the lower probe, whose line meets the upper one at 90,000: four costs.
        // From 0 and 95,000 the lines first meet at 48,333, above the first midpoint (47,500),
        // whose rate is computed (two more).
        for (lo, hi, calls_taken) in [(10_000.0, 200_000.0, 4), (0.0, 95_000.0, 6)] {
            let (got, calls) = narrow_ladder(false, 0.23, lo, hi);
            assert_eq!(calls, calls_taken, "{lo}..{hi}");
            assert_eq!(got, plain(|x| ladder(x, false), 0.23, lo, hi));
            assert!(got <= 90_000.0 && got > 89_990.0, "{got}");
        }
    }

    /// A hump (5%, 90% for a thousand dollars, 5% again, 25% from 27,500): the lines from
    /// 20,000 and 28,000 meet at 23,250, before the hump, where the cost lies on the lower
    /// line; the cost a dollar on is off the upper one, so no kink is taken there. The walk
    /// goes on to the hump's start. The bisection's midpoints past the walk's probes (26,000 and
    /// on) are computed, so it answers as it did: at the 25% rate, past the hump.
    #[test]
    fn a_hump_is_not_taken_for_one_kink() {
        let hump = |x: f64| {
            0.05 * x + 0.85 * (x.min(26_000.0) - 25_000.0).max(0.0) + 0.20 * (x - 27_500.0).max(0.0)
        };
        let (a, b) = (probe(hump, 20_000.0), probe(hump, 28_000.0));
        assert!((hump(23_250.0) - a.line(23_250.0)).abs() < 1e-9);
        let kink = walk(&hump, 0.22, a, b).expect("a kink").2;
        assert!((kink - 25_000.0).abs() < 1e-6, "{kink}");
        let got = narrow(hump, 0.22, a, b);
        assert_eq!(got, plain(hump, 0.22, 20_000.0, 28_000.0));
        assert!(got <= 27_500.0 && got > 27_490.0, "{got}");
    }

    /// A dip (20.8% to 50,200, 17% to 51,700, 32% after, as where Social Security stops
    /// phasing in below a higher bracket): the lines from 40,000 and 82,000 meet past the dip,
    /// where the cost is on the upper line and so on both. The cost a dollar before is not on
    /// the lower line: the walk goes on, halving until a probe falls in the dip, whose line
    /// meets the upper one at the kink at 51,700.
    #[test]
    fn a_dip_is_not_taken_for_one_kink() {
        let dip = |x: f64| {
            0.208 * x.min(50_200.0)
                + 0.17 * (x.min(51_700.0) - 50_200.0).max(0.0)
                + 0.32 * (x - 51_700.0).max(0.0)
        };
        let (a, b) = (probe(dip, 40_000.0), probe(dip, 82_000.0));
        let (below, above, kink) = walk(&dip, 0.22, a, b).expect("a kink");
        assert!((kink - 51_700.0).abs() < 1e-6, "{kink}");
        assert_eq!((below.rate * 1e3).round(), 170.0);
        assert_eq!((above.rate * 1e3).round(), 320.0);
        assert_eq!(
            narrow(dip, 0.22, a, b),
            plain(dip, 0.22, 40_000.0, 82_000.0)
        );
    }

    #[test]
    fn a_cliff_computes_every_midpoint() {
        // The rate at the cliff is thousands of percent for one dollar: no kink explains it.
        let (got, calls) = narrow_ladder(true, 0.30, 100_000.0, 119_999.5);
        assert!(calls > 16, "{calls}");
        assert_eq!(got, plain(|x| ladder(x, true), 0.30, 100_000.0, 119_999.5));
        assert!(got <= 120_000.0 && got > 119_980.0, "{got}");
    }

    #[test]
    fn the_rate_across_a_kink_blends_both_sides() {
        assert_eq!(rate_across(0.1, 0.3, 100.0, 98.0), 0.1);
        assert_eq!(rate_across(0.1, 0.3, 100.0, 100.0), 0.3);
        assert!((rate_across(0.1, 0.3, 100.0, 99.25) - 0.15).abs() < 1e-12);
    }
}
