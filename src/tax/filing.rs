//! Filing status and per-status tables.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Federal filing status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Filing {
    #[default]
    Single,
    /// Married filing jointly (a surviving spouse files single from the year after a death).
    Mfj,
    /// Married filing separately.
    Mfs,
    /// Head of household.
    Hoh,
}

impl Filing {
    pub const ALL: [Filing; 4] = [Filing::Single, Filing::Mfj, Filing::Mfs, Filing::Hoh];

    /// A married couple's status, joint or separate. Two people filing single or as heads of
    /// household are taken to be unmarried partners.
    #[inline]
    pub fn married(self) -> bool {
        matches!(self, Filing::Mfj | Filing::Mfs)
    }

    #[inline]
    pub fn index(self) -> usize {
        match self {
            Filing::Single => 0,
            Filing::Mfj => 1,
            Filing::Mfs => 2,
            Filing::Hoh => 3,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Filing::Single => "single",
            Filing::Mfj => "mfj",
            Filing::Mfs => "mfs",
            Filing::Hoh => "hoh",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Filing::Single => "Single",
            Filing::Mfj => "Married filing jointly",
            Filing::Mfs => "Married filing separately",
            Filing::Hoh => "Head of household",
        }
    }

    pub fn parse(text: &str) -> Option<Filing> {
        match text.trim().to_ascii_lowercase().as_str() {
            "single" | "s" => Some(Filing::Single),
            "mfj" | "married" | "joint" | "married_joint" => Some(Filing::Mfj),
            "mfs" | "separate" | "married_separate" => Some(Filing::Mfs),
            "hoh" | "head" | "head_of_household" => Some(Filing::Hoh),
            _ => None,
        }
    }

    /// Whether a second person's age counts on the return.
    pub fn is_joint(self) -> bool {
        self == Filing::Mfj
    }
}

impl fmt::Display for Filing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One value per filing status, as the law tables state them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ByFiling<T> {
    pub single: T,
    pub mfj: T,
    pub mfs: T,
    pub hoh: T,
}

impl<T: Copy> ByFiling<T> {
    pub fn get(&self, filing: Filing) -> T {
        match filing {
            Filing::Single => self.single,
            Filing::Mfj => self.mfj,
            Filing::Mfs => self.mfs,
            Filing::Hoh => self.hoh,
        }
    }

    /// As an array indexed by [`Filing::index`].
    pub fn to_array(&self) -> [T; 4] {
        [self.single, self.mfj, self.mfs, self.hoh]
    }
}
