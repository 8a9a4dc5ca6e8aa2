//! State income tax: every state and DC, law as data, one breakdown per household-year.
//!
//! - [`StateFacts`]: the household's income with its owners (what is whose decides many state
//!   exclusions); it yields the federal [`IncomeFacts`](crate::tax::IncomeFacts) too.
//! - [`StateTables`]: every `assets/tax/state/XX.ron`, parsed once (a file of the same name under
//!   `DRAWDOWN_ASSETS` replaces the embedded one).
//! - [`StateLaw::resolve`]: one state's law for a year, later years indexed the state's way.
//! - [`state_breakdown`]: the state's computation from the facts and the federal breakdown
//!   (many states start from federal AGI; some deduct federal tax).
//!
//! Each jurisdiction has its own code file (`al.rs` …) next to its data file; the list below
//! names all 51 once, so adding a state's rules touches only its two files. The computation is
//! written in [`Num`] arithmetic with comparisons, `max_of`/`min_of`/`pos` and the state's own
//! roundings only, so it can run on any number type (exact slopes included).
//!
//! The custom flat-rate model a plan may choose instead is [`StateTax`] (`custom.rs`).

mod breakdown;
mod common;
mod custom;
mod facts;
mod law;
mod tables;
mod year;
impl StateCode {
    /// The two-letter postal code (the same as [`StateCode::code`]).
    pub fn as_str(self) -> &'static str {
        self.code()
    }

    /// Every state and DC.
    pub fn all() -> impl Iterator<Item = StateCode> {
        StateCode::ALL.iter().copied()
    }
}

#[cfg(test)]
mod testing;

pub use breakdown::{Credit, StateBreakdown};
pub use custom::{StateRules, StateTax};
pub use facts::{Person, StateFacts};
pub use law::{IndexMask, Indexing, Rounding, Schedule, StateLaw, StateTable, Status, YearTable};
pub use tables::StateTables;
pub use year::{Owners, StateYear, YearLaw};

use crate::num::Num;
use crate::tax::federal::TaxBreakdown;
use law::Spec;

/// Declares the names a state's code reads from its file, as an enum whose variants index them:
/// `names!(P: aged_addition, exclusion_cap);` then `law.p(P::exclusion_cap)`.
macro_rules! names {
    ($list:ident) => {
        #[derive(Debug, Clone, Copy)]
        pub enum $list {}
        impl $list {
            pub const NAMES: &'static [&'static str] = &[];
        }
        impl From<$list> for usize {
            fn from(v: $list) -> usize {
                match v {}
            }
        }
    };
    ($list:ident: $($name:ident),* $(,)?) => {
        #[allow(non_camel_case_types, dead_code, clippy::upper_case_acronyms)]
        #[derive(Debug, Clone, Copy)]
        #[repr(usize)]
        pub enum $list { $($name),* }
        impl $list {
            pub const NAMES: &'static [&'static str] = &[$(stringify!($name)),*];
        }
        impl From<$list> for usize {
            #[inline]
            fn from(v: $list) -> usize {
                v as usize
            }
        }
    };
}

macro_rules! jurisdictions {
    ($($code:ident $module:ident $name:literal),* $(,)?) => {
        $(mod $module;)*

        /// A state or DC, by its postal code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum StateCode { $($code),* }

        impl StateCode {
            pub const ALL: &'static [StateCode] = &[$(StateCode::$code),*];

            /// The two-letter postal code.
            pub fn code(self) -> &'static str {
                match self { $(StateCode::$code => stringify!($code)),* }
            }

            /// The jurisdiction's name.
            pub fn name(self) -> &'static str {
                match self { $(StateCode::$code => $name),* }
            }

            /// The code from a two-letter postal code, any case.
            pub fn parse(text: &str) -> Option<StateCode> {
                let t = text.trim();
                $(if t.eq_ignore_ascii_case(stringify!($code)) {
                    return Some(StateCode::$code);
                })*
                None
            }

            /// The data file's name under `assets/` and its embedded text.
            pub(crate) fn file(self) -> (&'static str, &'static str) {
                match self {
                    $(StateCode::$code => (
                        concat!("tax/state/", stringify!($code), ".ron"),
                        include_str!(concat!("../../../assets/tax/state/", stringify!($code), ".ron")),
                    )),*
                }
            }

            /// The names the state's code reads from its file.
            pub(crate) fn spec(self) -> Spec {
                match self {
                    $(StateCode::$code => Spec {
                        params: $module::P::NAMES,
                        tables: $module::T::NAMES,
                    }),*
                }
            }
        }

        /// The state's tax for a household-year, every step kept. `fed` is the federal breakdown
        /// of the same facts (`facts.federal()`), which many states start from.
        pub fn state_breakdown<N: Num>(
            law: &StateLaw<N>,
            facts: &StateFacts<N>,
            fed: &TaxBreakdown<N>,
        ) -> StateBreakdown<N> {
            match law.state {
                $(StateCode::$code => $module::compute(law, facts, fed)),*
            }
        }
    };
}

jurisdictions! {
    AK ak "Alaska", AL al "Alabama", AR ar "Arkansas", AZ az "Arizona", CA ca "California",
    CO co "Colorado", CT ct "Connecticut", DC dc "District of Columbia", DE de "Delaware",
    FL fl "Florida", GA ga "Georgia", HI hi "Hawaii", IA ia "Iowa", ID id "Idaho",
    IL il "Illinois", IN in_ "Indiana", KS ks "Kansas", KY ky "Kentucky", LA la "Louisiana",
    MA ma "Massachusetts", MD md "Maryland", ME me "Maine", MI mi "Michigan", MN mn "Minnesota",
    MO mo "Missouri", MS ms "Mississippi", MT mt "Montana", NC nc "North Carolina",
    ND nd "North Dakota", NE ne "Nebraska", NH nh "New Hampshire", NJ nj "New Jersey",
    NM nm "New Mexico", NV nv "Nevada", NY ny "New York", OH oh "Ohio", OK ok "Oklahoma",
    OR or "Oregon", PA pa "Pennsylvania", RI ri "Rhode Island", SC sc "South Carolina",
    SD sd "South Dakota", TN tn "Tennessee", TX tx "Texas", UT ut "Utah", VA va "Virginia",
    VT vt "Vermont", WA wa "Washington", WI wi "Wisconsin", WV wv "West Virginia",
    WY wy "Wyoming",
}

impl std::fmt::Display for StateCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// The state's tax only.
#[inline]
pub fn state_tax<N: Num>(law: &StateLaw<N>, facts: &StateFacts<N>, fed: &TaxBreakdown<N>) -> N {
    state_breakdown(law, facts, fed).tax
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_jurisdiction_once_with_its_file() {
        assert_eq!(StateCode::ALL.len(), 51);
        for s in StateCode::ALL {
            assert_eq!(StateCode::parse(s.code()), Some(*s));
            assert!(s.file().0.ends_with(&format!("{}.ron", s.code())));
        }
        assert_eq!(StateCode::parse("ny"), Some(StateCode::NY));
        assert_eq!(StateCode::parse("XX"), None);
    }
}
