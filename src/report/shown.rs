//! How a report shows names and amounts: exactly, or in privacy mode (every amount rounded to
//! $k, names of the plan, people and accounts hidden), as the planner's privacy mode does.

use crate::money::{format_cents, format_dollars, format_rate, format_thousands, parse_money};
use crate::plan::Plan;
use rust_decimal::Decimal;

/// The way a report shows a plan's figures.
#[derive(Debug, Clone, Copy)]
pub struct Shown<'a> {
    pub plan: &'a Plan,
    pub private: bool,
}

impl<'a> Shown<'a> {
    pub fn new(plan: &'a Plan, private: bool) -> Shown<'a> {
        Shown { plan, private }
    }

    /// Whole dollars, or $k in privacy mode.
    pub fn money(&self, d: Decimal) -> String {
        if self.private {
            format_thousands(d)
        } else {
            format_dollars(d)
        }
    }

    /// Dollars and cents (amounts to act on), or $k in privacy mode.
    pub fn cents(&self, d: Decimal) -> String {
        if self.private {
            format_thousands(d)
        } else {
            format_cents(d)
        }
    }

    pub fn rate(&self, r: Decimal) -> String {
        format_rate(r.round_dp(4))
    }

    pub fn plan_name(&self) -> String {
        if self.private {
            "Plan".into()
        } else {
            self.plan.name.clone()
        }
    }

    /// A person by index: the name, or "Person n".
    pub fn person(&self, i: usize) -> String {
        match self.plan.people.get(i) {
            Some(p) if !self.private => p.name.clone(),
            _ => format!("Person {}", i + 1),
        }
    }

    /// An account of the plan by index: its name, or "Account n (kind)".
    pub fn account(&self, i: usize) -> String {
        match self.plan.accounts.get(i) {
            Some(a) if !self.private => a.name().to_string(),
            Some(a) => format!("Account {} ({})", i + 1, a.kind().label()),
            None => format!("Account {}", i + 1),
        }
    }

    /// Free text with every dollar amount in it rounded to $k in privacy mode.
    pub fn text(&self, s: &str) -> String {
        if self.private {
            round_amounts(s)
        } else {
            s.to_string()
        }
    }
}

/// Replaces each `$1,234` or `$1,234.56` in `s` by its `$1k` form.
pub fn round_amounts(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let len = after
            .char_indices()
            .take_while(|(i, c)| {
                c.is_ascii_digit()
                    || (*c == ',' || *c == '.')
                        && after[i + 1..].starts_with(|d: char| d.is_ascii_digit())
            })
            .map(|(i, c)| i + c.len_utf8())
            .last()
            .unwrap_or(0);
        // Already rounded ("$12k"), or "$1" as a unit ("the next $1 of IRA money"): kept.
        let rounded = after[len..].starts_with(['k', 'm', 'b']);
        match parse_money(&after[..len]) {
            Ok(d) if len > 0 && !rounded && d != Decimal::ONE => out.push_str(&format_thousands(d)),
            _ => out.push_str(&rest[at..at + 1 + len]),
        }
        rest = &after[len..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_text_are_rounded_to_thousands() {
        assert_eq!(
            round_amounts("Converted $38,249.51 to Roth; $10,000 more cost $2,200. 12% bracket."),
            "Converted $38k to Roth; $10k more cost $2k. 12% bracket."
        );
        assert_eq!(
            round_amounts("a $ sign, $0 and $499"),
            "a $ sign, $0k and $0k"
        );
        assert_eq!(round_amounts("ends with $1,500."), "ends with $2k.");
    }
}
