//! How amounts and names read on screen: exact, or rounded to $k with names hidden in privacy
//! mode. Text the report layer writes (explanations) is rounded the same way, amount by amount.

use super::super::app::App;
use crate::money::{format_compact, format_dollars, format_thousands};
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;

/// How amounts read: exact dollars, or rounded to $k in privacy mode.
pub fn money(app: &App, d: Decimal) -> String {
    if app.privacy {
        format_thousands(d)
    } else {
        format_dollars(d)
    }
}

/// Short amounts for chart axes.
pub fn money_short(app: &App, x: f64) -> String {
    let d = Decimal::from_f64(x).unwrap_or_default();
    if app.privacy {
        format_thousands(d)
    } else {
        format_compact(d)
    }
}

/// An amount in fewer cells for a narrow column (`$23.83b`), from whole thousands in privacy
/// mode so that it says no more than the rounded amount it stands in for.
pub fn money_compact(app: &App, d: Decimal) -> String {
    compact(d, app.privacy)
}

fn compact(d: Decimal, private: bool) -> String {
    let thousand = Decimal::from(1000);
    let rounded = private
        .then(|| d.checked_div(thousand)?.round().checked_mul(thousand))
        .flatten();
    format_compact(rounded.unwrap_or(d))
}

/// A person's name, or "Person n" in privacy mode.
pub fn person(app: &App, i: usize) -> String {
    use crate::tui::form::Names;
    app.names().person(&app.plan, i)
}

/// A name the user gave a strategy or a scenario, with the people's names in it hidden in
/// privacy mode ("For Dana's heirs" reads "For Person 1's heirs").
pub fn label(app: &App, s: &str) -> String {
    crate::report::Shown::new(&app.plan, app.privacy).label(s)
}

/// The plan's name, hidden in privacy mode.
pub fn plan_name(app: &App) -> String {
    if app.privacy {
        "Plan".to_string()
    } else {
        app.plan.name.clone()
    }
}

/// Explanations stay readable in privacy mode without exact figures: every dollar amount in
/// them rounded to $k, by the same rule as `drawdown report --private` and the handout.
pub use crate::report::shown::round_amounts;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_amounts_say_no_more_in_privacy_mode_than_the_rounded_ones() {
        let d = |x: i64| Decimal::from(x);
        assert_eq!(compact(d(12_400), false), "$12.4k");
        assert_eq!(compact(d(12_400), true), "$12.0k");
        assert_eq!(compact(d(871_177_335), false), "$871.18m");
        assert_eq!(compact(d(871_177_335), true), "$871.18m");
        assert_eq!(compact(d(-23_830_373_456), true), "-$23.83b");
        assert_eq!(compact(Decimal::MAX, true), format_compact(Decimal::MAX));
    }

    #[test]
    fn amounts_in_text_are_rounded_to_thousands() {
        assert_eq!(
            round_amounts("drew $38,200 from tax-deferred; rest: $1,234.56 from taxable."),
            "drew $38k from tax-deferred; rest: $1k from taxable."
        );
        assert_eq!(round_amounts("costs $312 now"), "costs under $1k now");
        assert_eq!(round_amounts("no amount $ here"), "no amount $ here");
        // "$1" as a unit of the marginal rate is not an amount to hide.
        assert_eq!(
            round_amounts("the next $1 of IRA money costs 22%; $12k is already rounded"),
            "the next $1 of IRA money costs 22%; $12k is already rounded"
        );
    }
}
