//! Where a household lives, as far as health coverage cares: its state (Medicaid expansion,
//! Basic Health Programs) and the poverty guideline that applies (48 states and DC, Alaska,
//! Hawaii).

pub use crate::tax::StateCode;

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
