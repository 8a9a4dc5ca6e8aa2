//! How each kind of field reads typed text and shows its value, with one rule per kind that the
//! help line states: money to the cent with commas only between groups of three, rates always a
//! percent (`3.5` and `3.5%` are both 3.5%), whole numbers for ages, years and counts.

use super::spec::Kind;
use crate::money::{format_cents, format_dollars, format_rate_typed};
use rust_decimal::Decimal;
use std::str::FromStr;

/// A value read from text, in the field's own unit.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Decimal(Decimal),
    MaybeDecimal(Option<Decimal>),
    Int(i64),
    MaybeInt(Option<i64>),
    Text(String),
}

/// How to type a value of this kind, for the help line.
pub fn rule(kind: Kind) -> &'static str {
    match kind {
        Kind::Money => "dollars: 65000, 65,000, 65k or 1.25m",
        Kind::MaybeMoney => "dollars (65k, 1.25m), or blank for none",
        Kind::Rate => "a percent: 3.5 and 3.5% both mean 3.5%",
        Kind::MaybeRate => "a percent (15 or 15%), or blank for none",
        Kind::Age => "an age in whole years",
        Kind::Year => "a year in four digits",
        Kind::Count => "a whole number",
        Kind::MaybeCount => "a whole number, or blank for none",
        Kind::Points => "percentage points, + or -: +3",
        Kind::Number => "a number",
        Kind::Text => "text",
        Kind::State => "type a code or a name (new j…), ↑↓ choose, Enter takes it",
        Kind::Toggle => "Enter or Space flips it",
        Kind::Choice => "Enter or Space steps through the choices",
    }
}

/// Shows a value of this kind (what an edit starts from, and reads back the same).
pub fn show(kind: Kind, v: &Value) -> String {
    match (kind, v) {
        (Kind::Money | Kind::MaybeMoney, Value::Decimal(d) | Value::MaybeDecimal(Some(d))) => {
            money_text(*d)
        }
        (_, Value::MaybeDecimal(None) | Value::MaybeInt(None)) => "none".to_string(),
        (Kind::Rate, Value::Decimal(d)) | (Kind::MaybeRate, Value::MaybeDecimal(Some(d))) => {
            format_rate_typed(*d)
        }
        (Kind::Points, Value::Decimal(d)) => format!("{:+}", d.normalize()),
        (_, Value::Decimal(d) | Value::MaybeDecimal(Some(d))) => d.normalize().to_string(),
        (Kind::Count, Value::Int(n)) => group_digits(*n),
        (_, Value::Int(n) | Value::MaybeInt(Some(n))) => n.to_string(),
        (_, Value::Text(t)) => t.clone(),
    }
}

/// What a value of this kind means, in words, for the line under a field being typed into.
pub fn understood(kind: Kind, v: &Value) -> String {
    match (kind, v) {
        (Kind::Rate, Value::Decimal(d)) => format!("= {} a year", format_rate_typed(*d)),
        (Kind::Money, Value::Decimal(d)) => format!("= {}", money_text(*d)),
        (Kind::MaybeMoney, Value::MaybeDecimal(Some(d))) => format!("= {}", money_text(*d)),
        (_, Value::MaybeDecimal(None) | Value::MaybeInt(None)) => "= none".to_string(),
        (Kind::Points, Value::Decimal(d)) => format!("= {:+} percentage points", d.normalize()),
        _ => format!("= {}", show(kind, v)),
    }
}

/// Whole dollars, or dollars and cents when there are cents.
pub fn money_text(d: Decimal) -> String {
    if d.fract().is_zero() {
        format_dollars(d)
    } else {
        format_cents(d)
    }
}

fn group_digits(n: i64) -> String {
    format_dollars(Decimal::from(n)).replacen('$', "", 1)
}

/// Reads `text` as a value of `kind`.
pub fn parse(kind: Kind, text: &str) -> Result<Value, String> {
    let t = text.trim();
    let blank = t.is_empty() || t.eq_ignore_ascii_case("none");
    match kind {
        Kind::Money => money(t).map(Value::Decimal),
        Kind::MaybeMoney if blank => Ok(Value::MaybeDecimal(None)),
        Kind::MaybeMoney => money(t).map(|d| Value::MaybeDecimal(Some(d))),
        Kind::Rate => rate(t).map(Value::Decimal),
        Kind::MaybeRate if blank => Ok(Value::MaybeDecimal(None)),
        Kind::MaybeRate => rate(t).map(|d| Value::MaybeDecimal(Some(d))),
        Kind::Age | Kind::Year | Kind::Count => whole(t).map(Value::Int),
        Kind::MaybeCount if blank => Ok(Value::MaybeInt(None)),
        Kind::MaybeCount => whole(t).map(|n| Value::MaybeInt(Some(n))),
        Kind::Points => {
            let digits = t.strip_prefix('+').unwrap_or(t);
            number(digits)
                .map(Value::Decimal)
                .map_err(|_| format!("'{t}' is not a number of points (+3, -2)"))
        }
        Kind::Number => number(t)
            .map(Value::Decimal)
            .map_err(|_| format!("'{t}' is not a number")),
        Kind::Text | Kind::State => Ok(Value::Text(t.to_string())),
        Kind::Toggle | Kind::Choice => Err("choose with Enter or Space".into()),
    }
}

fn number(t: &str) -> Result<Decimal, ()> {
    if t.is_empty() || t.len() > 30 || t.contains(['e', 'E']) {
        return Err(());
    }
    Decimal::from_str(t).map_err(|_| ())
}

/// Dollars to the cent: `65000`, `$65,000`, `65k`, `1.25m`, `2b`; a misplaced comma or a
/// fraction of a cent is refused, never guessed at. Read by [`crate::money::parse_amount`], as
/// everywhere else a person types an amount.
pub fn money(t: &str) -> Result<Decimal, String> {
    crate::money::parse_amount(t).map_err(|e| e.to_string())
}

/// A percent: `3.5` and `3.5%` both mean 3.5% (0.035); one rule, so `0.035` is 0.035%. Read by
/// [`crate::money::parse_rate`], as every command-line rate is.
pub fn rate(t: &str) -> Result<Decimal, String> {
    crate::money::parse_rate(t).map_err(|e| e.to_string())
}

/// A whole number; commas only between groups of three.
fn whole(t: &str) -> Result<i64, String> {
    if t.contains(',') && !crate::money::commas_ok(t) {
        return Err(format!(
            "'{t}' is not a whole number: commas go between groups of three digits"
        ));
    }
    t.replace(',', "")
        .parse::<i64>()
        .map_err(|_| format!("'{t}' is not a whole number"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn money_is_read_in_every_usual_form() {
        for (typed, want) in [
            ("1,250,000", dec!(1250000)),
            ("$1,250,000.50", dec!(1250000.50)),
            ("1.25m", dec!(1250000)),
            ("65k", dec!(65000)),
            ("1.2345k", dec!(1234.5)),
            ("-5", dec!(-5)),
        ] {
            assert_eq!(money(typed), Ok(want), "{typed}");
        }
    }

    #[test]
    fn money_that_could_be_misread_is_refused_with_the_reason() {
        assert!(money("1,2,3").unwrap_err().contains("groups of three"));
        assert!(money("12,34").unwrap_err().contains("groups of three"));
        assert!(money("1234,567").unwrap_err().contains("groups of three"));
        assert!(money("12.345").unwrap_err().contains("two decimals"));
        assert!(money("1.234567k").unwrap_err().contains("two decimals"));
        assert_eq!(money("1.23456k"), Ok(dec!(1234.56)));
        assert!(money("lots").unwrap_err().contains("not an amount"));
        assert!(money("200b").unwrap_err().contains("$100 billion"));
    }

    #[test]
    fn a_rate_is_always_a_percent() {
        assert_eq!(rate("3.5"), Ok(dec!(0.035)));
        assert_eq!(rate("3.5%"), Ok(dec!(0.035)));
        assert_eq!(rate("0.035"), Ok(dec!(0.00035)));
        assert_eq!(rate("-1%"), Ok(dec!(-0.01)));
        assert!(rate("abc").is_err());
        let v = parse(Kind::Rate, "4").unwrap();
        assert_eq!(understood(Kind::Rate, &v), "= 4% a year");
        assert_eq!(show(Kind::Rate, &v), "4%");
        assert_eq!(parse(Kind::Rate, &show(Kind::Rate, &v)).unwrap(), v);
    }

    #[test]
    fn whole_numbers_and_blanks() {
        assert_eq!(parse(Kind::Count, "10,000"), Ok(Value::Int(10_000)));
        assert!(parse(Kind::Count, "1,00").is_err());
        assert_eq!(parse(Kind::MaybeCount, ""), Ok(Value::MaybeInt(None)));
        assert_eq!(
            parse(Kind::MaybeMoney, "none"),
            Ok(Value::MaybeDecimal(None))
        );
        assert_eq!(show(Kind::Count, &Value::Int(10_000)), "10,000");
        assert_eq!(parse(Kind::Points, "+3"), Ok(Value::Decimal(dec!(3))));
        assert_eq!(show(Kind::Points, &Value::Decimal(dec!(3))), "+3");
    }
}
