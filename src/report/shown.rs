//! How a report shows names and amounts: exactly, or in privacy mode (every amount rounded to
//! $k, names of the plan, people and accounts hidden), as the planner's privacy mode does.

use crate::money::{
    format_cents, format_dollars, format_measured_rate, format_rate, format_thousands, parse_money,
};
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

    /// A rate the law or the plan sets (a bracket, the heirs' rate), or one to act on (a
    /// withholding rate): as written, to a hundredth of a percent.
    pub fn rate(&self, r: Decimal) -> String {
        format_rate(r.round_dp(4))
    }

    /// A measured rate (what the next dollar costs), to one decimal.
    pub fn measured_rate(&self, r: Decimal) -> String {
        format_measured_rate(r)
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

    /// A name the user gave something else (a strategy's label, a scenario's name) with the
    /// people's names in it hidden in privacy mode, as they are everywhere else: "For Dana's
    /// heirs" reads "For Person 1's heirs".
    pub fn label(&self, s: &str) -> String {
        if !self.private {
            return s.to_string();
        }
        // People only: an account may be called "Roth" or "Cash", words the strategies' own
        // names use; an account named after its owner ("Dana IRA") loses the owner's name.
        let mut out = s.to_string();
        for (i, p) in self.plan.people.iter().enumerate() {
            out = replace_word(&out, p.name.trim(), &format!("Person {}", i + 1));
        }
        out
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

/// `s` with each whole-word `word` (letters in any case; not inside another word) replaced.
/// Words of fewer than two characters are left alone: "A" is not a name to hunt for.
fn replace_word(s: &str, word: &str, with: &str) -> String {
    if word.chars().count() < 2 {
        return s.to_string();
    }
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let (hay, needle) = (s.as_bytes(), word.as_bytes());
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let mut last = 0;
    while i + needle.len() <= hay.len() {
        let fits = s.is_char_boundary(i)
            && s.is_char_boundary(i + needle.len())
            && hay[i..i + needle.len()].eq_ignore_ascii_case(needle)
            && !is_word(s[..i].chars().next_back())
            && !is_word(s[i + needle.len()..].chars().next());
        if fits {
            out.push_str(&s[last..i]);
            out.push_str(with);
            i += needle.len();
            last = i;
        } else {
            i += 1;
        }
    }
    out.push_str(&s[last..]);
    out
}

/// Replaces each `$1,234` or `$1,234.56` in `s` by its `$1k` form; a figure that would read
/// `$0k` reads `under $1k` (a distance to an edge, a small cost).
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
        // Already rounded ("$12k"), or a unit of a marginal rate ("the next $1 of IRA money",
        // "Next $100 of IRA money costs"): kept.
        let rounded = after[len..].starts_with(['k', 'm', 'b']);
        match parse_money(&after[..len]) {
            Ok(d) if len > 0 && !rounded && !rate_unit(&rest[..at], d) => {
                let k = format_thousands(d);
                let small = k == "$0k" && !d.is_zero() && !rest[..at].ends_with(['-', '−']);
                out.push_str(if small { "under $1k" } else { &k });
            }
            _ => out.push_str(&rest[at..at + 1 + len]),
        }
        rest = &after[len..];
    }
    out.push_str(rest);
    out
}

/// Whether `amount`, written right after `before`, is the unit a rate is measured on ("$1 of
/// IRA money", "the next $100 of"), not a figure of the household: $1 anywhere, and $10, $100
/// or $1,000 after "next".
fn rate_unit(before: &str, amount: Decimal) -> bool {
    if amount == Decimal::ONE {
        return true;
    }
    let word = before.trim_end();
    let after_next = word.len() < before.len() && word.to_ascii_lowercase().ends_with("next");
    after_next && [10, 100, 1000].iter().any(|u| amount == Decimal::from(*u))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_of_marginal_rates_are_not_rounded() {
        assert_eq!(
            round_amounts("Next $100 of IRA money costs 24%; the next $1 of gain 15%; next $2,600"),
            "Next $100 of IRA money costs 24%; the next $1 of gain 15%; next $3k"
        );
        assert_eq!(round_amounts("drew $1,234 next"), "drew $1k next");
    }

    #[test]
    fn amounts_in_text_are_rounded_to_thousands() {
        assert_eq!(
            round_amounts("Converted $38,249.51 to Roth; $10,000 more cost $2,200. 12% bracket."),
            "Converted $38k to Roth; $10k more cost $2k. 12% bracket."
        );
        assert_eq!(
            round_amounts("a $ sign, $0 and $499"),
            "a $ sign, $0k and under $1k"
        );
        assert_eq!(round_amounts("a loss of -$300"), "a loss of -$0k");
        assert_eq!(round_amounts("$0.01 away"), "under $1k away");
        assert_eq!(round_amounts("ends with $1,500."), "ends with $2k.");
    }

    #[test]
    fn labels_hide_the_names_of_people_and_accounts_in_privacy_mode() {
        let plan = crate::plan::demo_plan();
        let (first, account) = (
            plan.people[0].name.clone(),
            plan.accounts[1].name().to_string(),
        );
        let private = Shown::new(&plan, true);
        let label = format!("For {}'s heirs, from {account}", first.to_uppercase());
        assert_eq!(
            private.label(&label),
            "For Person 1's heirs, from Person 1 IRA",
            "{label}"
        );
        // Inside another word a name is not a name; outside privacy nothing changes.
        let inside = format!("{first}x and x{first}");
        assert_eq!(private.label(&inside), inside);
        assert_eq!(Shown::new(&plan, false).label(&label), label);
        assert_eq!(replace_word("Émile et émile", "Émile", "P"), "P et émile");
    }
}
