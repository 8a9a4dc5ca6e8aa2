//! The widow's penalty in words: what changes in the first year a couple's survivor lives alone.

use crate::engine::Projection;
use crate::money::format_dollars;
use rust_decimal::Decimal;

/// For the first survivor year of a couple's projection (row `k`), what changed against the last
/// year both lived: the filing status, Social Security, tax and IRMAA. `names` are the people's.
pub fn survivor_note(p: &Projection<Decimal>, k: usize, names: &[String]) -> Option<String> {
    let r = p.rows.get(k)?;
    let before = p.rows.get(k.checked_sub(1)?)?;
    let both = |a: &[bool; 2]| a[0] && a[1];
    if !both(&before.alive) || r.alive.iter().filter(|a| **a).count() != 1 {
        return None;
    }
    let survivor = usize::from(r.alive[1]);
    let died = 1 - survivor;
    let name = |i: usize| {
        names
            .get(i)
            .cloned()
            .unwrap_or_else(|| format!("Person {}", i + 1))
    };
    let tax = |x: &crate::engine::YearRow<Decimal>| x.federal_tax + x.state_tax + x.irmaa;
    Some(format!(
        "First year after {}'s death (the widow's penalty): {} files {} with a single \
         filer's brackets, deduction and IRMAA tiers; Social Security {} (the larger benefit) \
         against {} for both last year; tax and IRMAA {} against {}.",
        name(died),
        name(survivor),
        r.filing.label().to_lowercase(),
        format_dollars(r.social_security.round_dp(0)),
        format_dollars(before.social_security.round_dp(0)),
        format_dollars(tax(r).round_dp(0)),
        format_dollars(tax(before).round_dp(0)),
    ))
}
