//! Where a household lives, as far as health coverage cares: its state (Medicaid expansion,
//! Basic Health Programs) and the poverty guideline that applies (48 states and DC, Alaska,
//! Hawaii).

use std::fmt;

/// The 50 states and DC, by postal code.
const CODES: [&str; 51] = [
    "AK", "AL", "AR", "AZ", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "HI", "IA", "ID", "IL", "IN",
    "KS", "KY", "LA", "MA", "MD", "ME", "MI", "MN", "MO", "MS", "MT", "NC", "ND", "NE", "NH", "NJ",
    "NM", "NV", "NY", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VA", "VT", "WA",
    "WI", "WV", "WY",
];

/// A US state or DC, by its two-letter postal code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StateCode([u8; 2]);

impl StateCode {
    /// `"ny"`, `" NY "` → NY; anything that is not one of the 50 states or DC → `None`.
    pub fn parse(text: &str) -> Option<StateCode> {
        let t = text.trim().to_ascii_uppercase();
        CODES
            .iter()
            .find(|c| **c == t)
            .map(|c| StateCode([c.as_bytes()[0], c.as_bytes()[1]]))
    }

    pub fn as_str(&self) -> &'static str {
        CODES
            .iter()
            .find(|c| c.as_bytes() == self.0)
            .copied()
            .unwrap_or("??")
    }

    /// Every state and DC.
    pub fn all() -> impl Iterator<Item = StateCode> {
        CODES.iter().filter_map(|c| StateCode::parse(c))
    }
}

impl fmt::Display for StateCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which of HHS's three poverty guidelines applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PovertyRegion {
    /// The 48 contiguous states and DC (also used when the state is not known).
    #[default]
    Contiguous,
    Alaska,
    Hawaii,
}

impl PovertyRegion {
    pub fn of(state: Option<StateCode>) -> PovertyRegion {
        match state.map(|s| s.as_str()) {
            Some("AK") => PovertyRegion::Alaska,
            Some("HI") => PovertyRegion::Hawaii,
            _ => PovertyRegion::Contiguous,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_parse_in_any_case_and_only_for_states_and_dc() {
        assert_eq!(StateCode::parse(" ny ").unwrap().as_str(), "NY");
        assert_eq!(StateCode::parse("dc").unwrap().to_string(), "DC");
        assert!(StateCode::parse("PR").is_none());
        assert!(StateCode::parse("New York").is_none());
        assert!(StateCode::parse("").is_none());
        assert_eq!(StateCode::all().count(), 51);
        assert_eq!(
            PovertyRegion::of(StateCode::parse("AK")),
            PovertyRegion::Alaska
        );
        assert_eq!(PovertyRegion::of(None), PovertyRegion::Contiguous);
    }
}
