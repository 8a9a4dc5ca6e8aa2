//! Money and rates as people type and read them, and as plan files store them.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use std::str::FromStr;
use thiserror::Error;

/// The largest amount of money any input may hold: a hundred billion dollars. Bounding inputs
/// keeps every later product and compounding far from Decimal's overflow.
pub const MAX_MONEY: Decimal = Decimal::from_parts(1_215_752_192, 23, 0, false, 0); // 100_000_000_000

/// What is wrong with an amount a plan states, if anything: amounts are from $0 to `MAX_MONEY`.
pub fn amount_problem(v: Decimal) -> Option<String> {
    if v < Decimal::ZERO {
        Some(format!("{} is negative", format_dollars(v)))
    } else if v > MAX_MONEY {
        Some("is above the $100 billion this planner accepts".into())
    } else if v.round_dp(2) != v {
        // The books are kept to the cent; a fraction of a cent would never balance.
        Some(format!("{} has fractions of a cent", v.normalize()))
    } else {
        None
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MoneyError {
    #[error("empty amount")]
    Empty,
    #[error("'{0}' is not an amount (try 65000, 65k, 1.25m or 1,250,000)")]
    Invalid(String),
    #[error("{0} is beyond ±$100 billion, the most this planner accepts")]
    TooLarge(String),
    #[error("'{0}' is not a percent (3.5 or 3.5%)")]
    InvalidRate(String),
    #[error("'{0}' is more than 1,000%")]
    RateTooLarge(String),
    #[error("'{0}' has more than four decimals")]
    RateDecimals(String),
    #[error("'{0}' is not an amount: commas go between groups of three digits (1,250,000)")]
    Commas(String),
    #[error("'{0}' has a fraction of a cent: amounts have at most two decimals")]
    FractionOfCent(String),
}

/// Commas, when there are any, only between groups of three digits (`1,250,000`): a comma
/// elsewhere (`1,2,3`, `12,50`) is a typo or a decimal comma, never silently dropped.
pub fn commas_ok(integer: &str) -> bool {
    let digits = integer.trim_start_matches(['-', '+']);
    let mut groups = digits.split(',');
    let first = groups.next().unwrap_or("");
    if first.is_empty() || first.len() > 3 || !first.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// Parses an amount as a person types it: `1,250,000`, `$65,000.50`, `65k`, `1.25m`, `-3k`.
/// A fraction of a cent is rounded half away from zero, as tax forms round (`12.345` → 12.35,
/// `0.005` → 0.01); [`parse_amount`] refuses it instead.
pub fn parse_money(text: &str) -> Result<Decimal, MoneyError> {
    let unsigned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, '_' | '$' | ' '))
        .collect();
    let number = unsigned.trim_end_matches(['k', 'K', 'm', 'M', 'b', 'B']);
    let integer = number.split_once('.').map_or(number, |(i, _)| i);
    if integer.contains(',') && !commas_ok(integer) {
        return Err(MoneyError::Commas(text.trim().to_string()));
    }
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | '$' | ' '))
        .collect();
    if cleaned.is_empty() {
        return Err(MoneyError::Empty);
    }
    let lower = cleaned.to_ascii_lowercase();
    let (digits, scale) = match lower.chars().last() {
        Some('k') => (&lower[..lower.len() - 1], Decimal::from(1_000)),
        Some('m') => (&lower[..lower.len() - 1], Decimal::from(1_000_000)),
        Some('b') => (&lower[..lower.len() - 1], Decimal::from(1_000_000_000)),
        _ => (lower.as_str(), Decimal::ONE),
    };
    if digits.is_empty() || digits.contains('e') {
        return Err(MoneyError::Invalid(text.trim().to_string()));
    }
    let value = Decimal::from_str(digits).map_err(|_| {
        // Digits too many for Decimal are a number all the same: say it is too large rather
        // than that it is not an amount.
        let unsigned = digits.trim_start_matches(['-', '+']);
        let number = !unsigned.is_empty()
            && unsigned.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && unsigned.bytes().filter(|b| *b == b'.').count() <= 1;
        if number {
            MoneyError::TooLarge(text.trim().to_string())
        } else {
            MoneyError::Invalid(text.trim().to_string())
        }
    })?;
    // Bound before multiplying so the product cannot overflow.
    if value.abs() > MAX_MONEY {
        return Err(MoneyError::TooLarge(text.trim().to_string()));
    }
    let amount = value * scale;
    if amount.abs() > MAX_MONEY {
        return Err(MoneyError::TooLarge(text.trim().to_string()));
    }
    // Half away from zero, not Decimal's default half to even: that made `0.005` nothing and
    // `12.345` 12.34, where every amount drawdown writes rounds the other way.
    Ok(amount
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
        .normalize())
}

/// An amount as the planner's form reads it, and every other place a person types one (a
/// schedule file's cells): [`parse_money`], and a fraction of a cent is refused rather than
/// rounded away (`12.345`, `1.234567k`), never guessed at.
pub fn parse_amount(text: &str) -> Result<Decimal, MoneyError> {
    let t = text.trim();
    let cleaned: String = t.chars().filter(|c| !matches!(c, '$' | ' ')).collect();
    let lower = cleaned.to_ascii_lowercase();
    // Thousands each suffix shifts the decimal point by.
    let (digits, shift) = match lower.chars().last() {
        Some('k') => (&lower[..lower.len() - 1], 3),
        Some('m') => (&lower[..lower.len() - 1], 6),
        Some('b') => (&lower[..lower.len() - 1], 9),
        _ => (lower.as_str(), 0),
    };
    let (_, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    // Only digits make a fraction: `1.2.3` is not an amount at all, which parse_money says.
    let digits_only = fraction.bytes().all(|b| b.is_ascii_digit());
    if digits_only && fraction.trim_end_matches('0').len() > 2 + shift {
        return Err(MoneyError::FractionOfCent(t.to_string()));
    }
    parse_money(t)
}

/// Parses a rate as a person types it: always a percent, `3.5` and `3.5%` both 3.5% (0.035),
/// so `0.035` is 0.035%. One rule for the planner's form and every command-line rate: guessing
/// from the size of the number made `0.5` 50% but `1.5` 1.5%.
pub fn parse_rate(text: &str) -> Result<Decimal, MoneyError> {
    let t = text.trim();
    let digits = t.strip_suffix('%').unwrap_or(t).trim();
    if digits.is_empty() || digits.len() > 30 || digits.contains(['e', 'E']) {
        return Err(MoneyError::InvalidRate(t.to_string()));
    }
    let value = Decimal::from_str(digits).map_err(|_| MoneyError::InvalidRate(t.to_string()))?;
    if value.abs() > Decimal::from(1000) {
        return Err(MoneyError::RateTooLarge(t.to_string()));
    }
    if value.normalize().scale() > 4 {
        return Err(MoneyError::RateDecimals(t.to_string()));
    }
    Ok((value / Decimal::from(100)).normalize())
}

/// `1234567.891` → `$1,234,568`; negative amounts get a leading minus.
pub fn format_dollars(amount: Decimal) -> String {
    group(amount.round(), 0)
}

/// `1234567.891` → `$1,234,567.89`.
pub fn format_cents(amount: Decimal) -> String {
    group(amount.round_dp(2), 2)
}

/// Compact form for narrow columns: `$950`, `$12.4k`, `$1.25m`.
pub fn format_compact(amount: Decimal) -> String {
    let v = amount.to_f64().unwrap_or(0.0);
    let sign = if v < 0.0 { "-" } else { "" };
    let a = v.abs();
    if a < 1_000.0 {
        format!("{sign}${a:.0}")
    } else if a < 100_000.0 {
        format!("{sign}${:.1}k", a / 1_000.0)
    } else if a < 1_000_000.0 {
        format!("{sign}${:.0}k", a / 1_000.0)
    } else if a < 1_000_000_000.0 {
        format!("{sign}${:.2}m", a / 1_000_000.0)
    } else {
        format!("{sign}${:.2}b", a / 1_000_000_000.0)
    }
}

/// Rounds to whole thousands for the privacy view: `$12,400` → `$12k`.
pub fn format_thousands(amount: Decimal) -> String {
    let k = (amount / Decimal::from(1000)).round();
    let s = group(k, 0);
    format!("{s}k")
}

/// `0.035` → `3.5%`. A rate too large to show as a percent (a mistyped file) is shown as it was
/// written.
pub fn format_rate(rate: Decimal) -> String {
    match rate.checked_mul(Decimal::ONE_HUNDRED) {
        Some(pct) => format!("{}%", pct.round_dp(2).normalize()),
        None => format!("{rate} (as a fraction)"),
    }
}

/// `a - b` as the two read when shown to the dollar: the difference of the rounded amounts, so
/// that a difference printed beside (or after) its two figures is their difference on the page
/// ($2,227,549 − $1,549,073 reads +$678,476, where the exact difference rounds to $678,475).
pub fn shown_gap(a: Decimal, b: Decimal) -> Decimal {
    a.round() - b.round()
}

/// A rate as a field holds it, for the form: to four decimals of a percent, so that what was
/// typed (`0.035` → `0.035%`, `3.456` → `3.456%`) reads back as typed where [`format_rate`]'s
/// two decimals would round it.
pub fn format_rate_typed(rate: Decimal) -> String {
    match rate.checked_mul(Decimal::ONE_HUNDRED) {
        Some(pct) => format!("{}%", pct.round_dp(4).normalize()),
        None => format!("{rate} (as a fraction)"),
    }
}

/// A measured rate (a marginal or average rate, a share of years or paths): a percentage to one
/// decimal, the one precision every explanation, inspector line and comparison shows such rates
/// in (`0.27249` → `27.2%`, `0.05` → `5.0%`), so that two places never show one rate two ways.
/// Halves round away from zero. Rates the law or the plan sets (a bracket's 22%, the heirs'
/// 24%, 2.5% inflation) are shown as written, by [`format_rate`].
pub fn format_measured_rate(rate: Decimal) -> String {
    match shown_measured_rate(rate).checked_mul(Decimal::ONE_HUNDRED) {
        // No "-0.0%" for a rate that rounds to nothing from below.
        Some(pct) if pct.is_zero() => "0.0%".to_string(),
        Some(pct) => format!("{pct:.1}%"),
        None => format!("{rate} (as a fraction)"),
    }
}

/// A measured rate as [`format_measured_rate`] shows it, as a fraction (to a thousandth): what
/// rankings compare, so that two rates that read the same rank the same.
pub fn shown_measured_rate(rate: Decimal) -> Decimal {
    rate.round_dp_with_strategy(3, RoundingStrategy::MidpointAwayFromZero)
}

fn group(amount: Decimal, dp: u32) -> String {
    let negative = amount.is_sign_negative() && !amount.is_zero();
    // The callers round to `dp` first, so the mantissa holds the digits: written straight from
    // the integer (the planner formats every cell of its comparison on each keypress, and going
    // through Decimal's Display, a split and three Strings cost about a thousand instructions an
    // amount). Other scales and sizes take the general path below.
    if let Some(p) = 10u128.checked_pow(dp)
        && let Some(scale_up) = dp
            .checked_sub(amount.scale())
            .and_then(|d| 10u128.checked_pow(d))
        && let Some(m) = amount.mantissa().unsigned_abs().checked_mul(scale_up)
        && let Ok(int) = u64::try_from(m / p)
    {
        let mut digits = [0u8; 20];
        let mut n = 0;
        let mut v = int;
        loop {
            digits[n] = b'0' + (v % 10) as u8;
            n += 1;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        let mut out = String::with_capacity(n + n / 3 + dp as usize + 3);
        if negative {
            out.push('-');
        }
        out.push('$');
        for i in (0..n).rev() {
            out.push(char::from(digits[i]));
            if i > 0 && i % 3 == 0 {
                out.push(',');
            }
        }
        if dp > 0 {
            out.push('.');
            let frac = m % p;
            let mut unit = p / 10;
            while unit > 0 {
                out.push(char::from(b'0' + ((frac / unit) % 10) as u8));
                unit /= 10;
            }
        }
        return out;
    }
    group_general(amount, dp, negative)
}

/// [`group`] through Decimal's own formatting, for any scale and size.
fn group_general(amount: Decimal, dp: u32, negative: bool) -> String {
    let text = format!("{:.*}", dp as usize, amount.abs());
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (text.clone(), None),
    };
    let mut grouped = String::with_capacity(int.len() + int.len() / 3 + 4);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push('$');
    out.push_str(&grouped);
    if let Some(f) = frac {
        out.push('.');
        out.push_str(&f);
    }
    out
}

/// `value × index`, rounded down to a multiple of `step` (indexing a law threshold). Exact
/// integer arithmetic when the value is whole dollars, as every published threshold is.
pub fn index_down(value: Decimal, index: Decimal, step: i64) -> Decimal {
    index_rounded(value, index, step, false)
}

/// `value × index`, rounded to the nearest multiple of `step` (half away from zero).
pub fn index_nearest(value: Decimal, index: Decimal, step: i64) -> Decimal {
    index_rounded(value, index, step, true)
}

fn index_rounded(value: Decimal, index: Decimal, step: i64, nearest: bool) -> Decimal {
    let v = value.normalize();
    let (vm, im) = (v.mantissa(), index.mantissa());
    let whole = v.scale() == 0 && vm.unsigned_abs() < 1 << 60 && im.unsigned_abs() < 1 << 60;
    if whole && index.scale() <= 18 && vm >= 0 && im > 0 {
        let denominator = i128::from(step) * 10i128.pow(index.scale());
        let product = vm * im;
        let mut units = product / denominator;
        if nearest && (product % denominator) * 2 >= denominator {
            units += 1;
        }
        return Decimal::from_i128_with_scale(units * i128::from(step), 0);
    }
    let units = value * index / Decimal::from(step);
    let units = if nearest {
        units.round()
    } else {
        units.floor()
    };
    units * Decimal::from(step)
}

/// Serde form of Decimal used in plan and law files.
///
/// Written as a plain RON number when it has at most 15 significant digits (then the shortest
/// float text reads back as exactly the same decimal), otherwise as a quoted string. Reads plain
/// integers, plain decimals and quoted strings, so hand-written files load either way.
pub mod serde_dec {
    use rust_decimal::Decimal;
    use rust_decimal::prelude::ToPrimitive;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        let normalized = value.normalize();
        if normalized.scale() == 0
            && let Some(i) = normalized.to_i64()
        {
            return s.serialize_i64(i);
        }
        let digits = normalized.mantissa().unsigned_abs().to_string().len();
        if digits <= 15
            && let Some(f) = normalized.to_f64()
        {
            return s.serialize_f64(f);
        }
        s.serialize_str(&normalized.to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        <Decimal as Deserialize>::deserialize(d)
    }
}

/// [`serde_dec`] for `Option<Decimal>`.
pub mod serde_dec_opt {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => s.serialize_some(&super::DecWrap(*v)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        Option::<Decimal>::deserialize(d)
    }
}

/// [`serde_dec`] for `Vec<Decimal>` and fixed arrays.
pub mod serde_dec_seq {
    use rust_decimal::Decimal;
    use serde::ser::SerializeSeq;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &[Decimal], s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(value.len()))?;
        for v in value {
            seq.serialize_element(&super::DecWrap(*v))?;
        }
        seq.end()
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Decimal>, D::Error> {
        Vec::<Decimal>::deserialize(d)
    }
}

struct DecWrap(Decimal);

impl serde::Serialize for DecWrap {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serde_dec::serialize(&self.0, s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    /// The direct digits write what Decimal's own formatting writes, for every scale the
    /// callers produce and some they do not (more decimals than shown take the general path).
    #[test]
    fn grouping_matches_decimal_formatting() {
        let samples = [
            dec!(0),
            dec!(-0),
            dec!(5),
            dec!(999),
            dec!(1000),
            dec!(-1000),
            dec!(12345.6),
            dec!(1234567.891),
            dec!(-987654321.005),
            dec!(100000),
            dec!(0.07),
            dec!(-0.5),
            dec!(79228162514264337593543950335),
            dec!(18446744073709551615),
            dec!(18446744073709551616),
        ];
        for d in samples {
            for dp in [0u32, 2] {
                for v in [d, d.round_dp(dp), d.round()] {
                    let negative = v.is_sign_negative() && !v.is_zero();
                    assert_eq!(group(v, dp), group_general(v, dp, negative), "{v} to {dp}");
                }
            }
        }
        assert_eq!(group(dec!(-1234.5), 2), "-$1,234.50");
        assert_eq!(group(dec!(1000000), 0), "$1,000,000");
    }

    #[test]
    fn parses_the_forms_people_type() {
        assert_eq!(parse_money("1,250,000").unwrap(), dec!(1250000));
        assert_eq!(parse_money("1.25m").unwrap(), dec!(1250000));
        assert_eq!(parse_money("65k").unwrap(), dec!(65000));
        assert_eq!(parse_money(" $65,000.50 ").unwrap(), dec!(65000.50));
        assert_eq!(parse_money("-3K").unwrap(), dec!(-3000));
        assert_eq!(parse_money("0").unwrap(), Decimal::ZERO);
        // Fractions of a cent round half away from zero, as tax forms do.
        assert_eq!(parse_money("12.345").unwrap(), dec!(12.35));
        assert_eq!(parse_money("0.005").unwrap(), dec!(0.01));
        assert_eq!(parse_money("-0.005").unwrap(), dec!(-0.01));
        assert_eq!(parse_money("98015.40000000001").unwrap(), dec!(98015.4));
    }

    #[test]
    fn rejects_what_is_not_money() {
        assert_eq!(parse_money(""), Err(MoneyError::Empty));
        assert!(matches!(parse_money("abc"), Err(MoneyError::Invalid(_))));
        assert!(matches!(parse_money("k"), Err(MoneyError::Invalid(_))));
        assert!(matches!(parse_money("1e9"), Err(MoneyError::Invalid(_))));
        assert!(matches!(parse_money("1.2.3"), Err(MoneyError::Invalid(_))));
        assert!(matches!(
            parse_money("999999999999999999999999999"),
            Err(MoneyError::Invalid(_) | MoneyError::TooLarge(_))
        ));
        assert!(matches!(parse_money("200b"), Err(MoneyError::TooLarge(_))));
        // A comma anywhere but between groups of three is a typo or a decimal comma.
        for typo in ["1,2,3", "12,50", ",500", "1,0000", "65,00k"] {
            assert_eq!(
                parse_money(typo),
                Err(MoneyError::Commas(typo.to_string())),
                "{typo}"
            );
        }
        assert_eq!(parse_money("-1,250.5").unwrap(), dec!(-1250.5));
        assert!(matches!(
            parse_money("100000000001"),
            Err(MoneyError::TooLarge(_))
        ));
    }

    #[test]
    fn parses_rates_in_either_form() {
        assert_eq!(parse_rate("3.5%").unwrap(), dec!(0.035));
        assert_eq!(parse_rate("3.5").unwrap(), dec!(0.035));
        assert_eq!(parse_rate("0.035").unwrap(), dec!(0.00035));
        assert_eq!(parse_rate("24").unwrap(), dec!(0.24));
        assert_eq!(parse_rate("-1%").unwrap(), dec!(-0.01));
        assert!(parse_rate("x%").is_err());
        assert!(parse_rate("1e2").is_err());
        assert_eq!(
            parse_rate("5000"),
            Err(MoneyError::RateTooLarge("5000".into()))
        );
    }

    #[test]
    fn indexing_rounds_like_the_code() {
        assert_eq!(index_down(dec!(12400), dec!(1.03), 25), dec!(12750));
        assert_eq!(index_down(dec!(16100), dec!(1.03), 50), dec!(16550));
        assert_eq!(index_nearest(dec!(109000), dec!(1.1), 1000), dec!(120000));
        assert_eq!(
            index_nearest(dec!(109000), dec!(1.0045), 1000),
            dec!(109000)
        );
        assert_eq!(
            index_nearest(dec!(109000), dec!(1.0046), 1000),
            dec!(110000)
        );
        // not whole dollars: the Decimal path gives the same rule
        assert_eq!(index_down(dec!(12400.5), dec!(1.03), 25), dec!(12750));
        let odd = (0..7)
            .fold(Decimal::ONE, |a, _| a * dec!(1.025))
            .round_dp(12);
        let exact = (dec!(100800) * odd / dec!(25)).floor() * dec!(25);
        assert_eq!(index_down(dec!(100800), odd, 25), exact);
    }

    #[test]
    fn formats_with_grouping() {
        assert_eq!(format_dollars(dec!(1234567.891)), "$1,234,568");
        assert_eq!(format_cents(dec!(1234567.891)), "$1,234,567.89");
        assert_eq!(format_cents(dec!(-12.5)), "-$12.50");
        assert_eq!(format_dollars(dec!(999)), "$999");
        assert_eq!(format_dollars(dec!(0)), "$0");
        assert_eq!(format_compact(dec!(12400)), "$12.4k");
        assert_eq!(format_compact(dec!(1250000)), "$1.25m");
        assert_eq!(format_thousands(dec!(12400)), "$12k");
        assert_eq!(format_rate(dec!(0.035)), "3.5%");
    }

    #[test]
    fn measured_rates_have_one_decimal_whatever_their_digits() {
        assert_eq!(format_measured_rate(dec!(0.27)), "27.0%");
        assert_eq!(format_measured_rate(dec!(0.05)), "5.0%");
        assert_eq!(format_measured_rate(dec!(0.3142)), "31.4%");
        assert_eq!(format_measured_rate(dec!(0.27249)), "27.2%");
        // Halves away from zero, as the explanations' f64 rates round.
        assert_eq!(format_measured_rate(dec!(0.2725)), "27.3%");
        assert_eq!(format_measured_rate(dec!(0.1845)), "18.5%");
        assert_eq!(format_measured_rate(dec!(-0.0125)), "-1.3%");
        // Nothing is shown as "-0.0%".
        assert_eq!(format_measured_rate(dec!(-0.0004)), "0.0%");
        assert_eq!(format_measured_rate(Decimal::ZERO), "0.0%");
        assert_eq!(format_measured_rate(dec!(1)), "100.0%");
        // A rate too large for a percent (no panic) is shown as written.
        assert_eq!(
            format_measured_rate(Decimal::MAX),
            format!("{} (as a fraction)", Decimal::MAX)
        );
    }

    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct Holder {
        #[serde(with = "serde_dec")]
        a: Decimal,
        #[serde(with = "serde_dec")]
        b: Decimal,
        #[serde(with = "serde_dec")]
        c: Decimal,
    }

    #[test]
    fn plan_numbers_round_trip_exactly_and_read_plainly() {
        let h = Holder {
            a: dec!(1250000),
            b: dec!(0.035),
            c: dec!(12345678901234567.89),
        };
        let text = ron::to_string(&h).unwrap();
        assert_eq!(text, r#"(a:1250000,b:0.035,c:"12345678901234567.89")"#);
        let back: Holder = ron::from_str(&text).unwrap();
        assert_eq!(back, h);
        let hand: Holder = ron::from_str("(a: 1250000.00, b: \"0.035\", c: 7)").unwrap();
        assert_eq!(hand.a, dec!(1250000));
        assert_eq!(hand.b, dec!(0.035));
    }
}
