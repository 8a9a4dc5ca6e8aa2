//! Landing a Roth conversion on a line: a bracket top, an IRMAA tier, the Marketplace limit.
//!
//! The level a conversion moves (ordinary income, MAGI) rises by more than the conversion: its
//! tax is paid by sales (whose gains join MAGI) or by more tax-deferred money, and from 2025 to
//! 2028 the senior deduction shrinks by 6% of every dollar of MAGI past its threshold. Taking the
//! excess off dollar for dollar therefore lands short of the line by that extra share (B's
//! conversions to the 12% bracket top stopped $96–$118 short). The level is piecewise linear in
//! the conversion, so secant steps through the last two conversions tried land on the line in
//! two or three solves.

use crate::num::Num;

/// How far from the line a landing may end, in dollars either side.
const WITHIN: f64 = 0.5;

/// Solves at most: secant steps land in two or three; a flat stretch bisects, to a cent of a
/// conversion of up to $10^12 in about 40.
const MAX_SOLVES: usize = 48;

/// The conversion in `[0, max]`, in whole cents, at which `over` (the level less the line, never
/// falling as the conversion rises) is within half a dollar of zero, or `max` when even `max`
/// stays below the line; never more than half a dollar past the line (0 when the line is crossed
/// without converting).
///
/// Secant steps through the last two conversions tried, never flatter than one for one. Where
/// the level stops moving with the conversion (the year that empties the account: a dollar less
/// converted is a dollar more the spending draws, and ordinary income stays put) a step that did
/// not bring the level down by half of what it aimed for gives way to bisection between the
/// largest conversion known under the line and the smallest known over it.
pub(super) fn land_conversion(max: f64, over: impl Fn(f64) -> f64) -> f64 {
    let max = max.pos().trunc_cents();
    land_from(max, over(max), over)
}

/// The conversion at which `level` (MAGI) stands in the dollar at or below `line`, when `max`
/// carries it past the line; `None` when `max` stays at or below it (one solve, so a limit that
/// does not bind costs no more than the check).
pub(super) fn trim_to_line(max: f64, line: f64, level: impl Fn(f64) -> f64) -> Option<f64> {
    let over = |c| level(c) - line + WITHIN;
    let max = max.pos().trunc_cents();
    let o = over(max);
    (o > WITHIN).then(|| land_from(max, o, over))
}

/// [`land_conversion`] from `max`, where `over` is already known to be `o`.
fn land_from(max: f64, o: f64, over: impl Fn(f64) -> f64) -> f64 {
    let (mut c, mut o) = (max, o);
    if o <= WITHIN {
        return c;
    }
    // Under the line (or not tried: zero) and over it.
    let (mut under, mut above) = (0.0, c);
    let mut last: Option<(f64, f64)> = None;
    for _ in 1..MAX_SOLVES {
        let slope = match last {
            Some((c0, o0)) if (c - c0).abs() > 0.005 => ((o - o0) / (c - c0)).max(1.0),
            _ => 1.0,
        };
        // The last step from over the line aimed to take all of it off; half is a stall.
        let stalled = last.is_some_and(|(_, o0)| o0 > WITHIN && o > 0.5 * o0);
        let secant = (c - o / slope).trunc_cents();
        let next = if !stalled && secant > under && secant < above {
            secant
        } else {
            ((under + above) / 2.0).trunc_cents()
        };
        if next <= under || next >= above {
            break;
        }
        last = Some((c, o));
        c = next;
        o = over(c);
        if o > WITHIN {
            above = c;
        } else if o < -WITHIN {
            under = c;
        } else {
            return c;
        }
    }
    // The largest conversion known under the line (or zero): never past it.
    if o > WITHIN { under } else { c }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ordinary income over a bracket top when 2026's senior deduction is phasing out: each
    /// dollar converted adds $1.06 of taxable income.
    fn phased(c: f64) -> f64 {
        1.06 * c - 40_000.0
    }

    #[test]
    fn a_level_rising_faster_than_the_conversion_is_landed_on_not_short_of() {
        // The root is 37,735.85; one dollar-for-dollar trim from 40,000 would stop at 37,600
        // (an excess of 2,400 taken off), $144 of income short of the line.
        let c = land_conversion(40_000.0, phased);
        assert!(phased(c).abs() <= WITHIN, "{c}: {}", phased(c));
        assert!(phased(c) <= WITHIN);
    }

    #[test]
    fn a_conversion_already_below_the_line_stays_and_none_goes_below_zero() {
        assert_eq!(land_conversion(10_000.0, phased), 10_000.0);
        // A line already crossed without converting: nothing.
        assert_eq!(land_conversion(5_000.0, |c| c + 2_000.0), 0.0);
    }

    #[test]
    fn a_kinked_level_is_landed_on_from_either_segment() {
        // One for one up to 20,000, then 1.3 for one (Social Security being drawn into tax).
        let level = |c: f64| {
            if c <= 20_000.0 {
                c
            } else {
                20_000.0 + 1.3 * (c - 20_000.0)
            }
        } - 26_000.0;
        let c = land_conversion(50_000.0, level);
        assert!(level(c).abs() <= WITHIN, "{c}: {}", level(c));
    }

    #[test]
    fn a_trim_to_a_line_lands_in_the_dollar_at_or_below_it_and_only_when_past_it() {
        // MAGI rising 1.1 for one (the conversion's tax paid by sales with gains) from 150,000.
        let magi = |c: f64| 150_000.0 + 1.1 * c;
        assert_eq!(trim_to_line(40_000.0, 200_000.0, magi), None);
        let c = trim_to_line(60_000.0, 200_000.0, magi).expect("past the line");
        assert!(magi(c) <= 200_000.0, "{c}: {}", magi(c));
        assert!(magi(c) >= 199_999.0, "{c}: {}", magi(c));
    }

    #[test]
    fn a_level_that_stops_moving_with_the_conversion_is_bisected_not_left_past_the_line() {
        // The year that empties the account: the spending draws what the conversion leaves, so
        // past 125,887 ordinary income stays 574 over the line however much is converted.
        let level = |c: f64| (c - 125_887.0).min(574.0);
        let c = land_conversion(142_333.0, level);
        assert!(level(c) <= WITHIN, "{c}: {}", level(c));
        assert!(level(c) >= -WITHIN, "{c}: {}", level(c));
    }
}
