//! What `update` asks the outside world to do. Update only changes state; the runner performs
//! these (file I/O, background jobs) and hands results back as actions.

use super::files::Source;
use std::path::PathBuf;

/// What to do once unsaved changes are dealt with.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    Quit,
    Open { name: String, source: Source },
    New(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write the plan to this file; then carry out `then`.
    Save {
        path: PathBuf,
        then: Option<Pending>,
    },
    /// Read a plan file or a built-in example.
    Load { name: String, source: Source },
    /// List the plans that can be opened.
    ListPlans,
    /// Read the kept unsaved plan offered at the start.
    ReadRecovery(PathBuf),
    /// Delete a kept unsaved plan the user discarded.
    DiscardRecovery(PathBuf),
    /// The plan is saved (or discarded): delete this copy's kept unsaved plan.
    ClearRecovery,
    /// Compare the base and every scenario of this plan file.
    CompareScenarios(Box<crate::plan::Plan>),
    /// Write the client handout of the household on screen to this file.
    WriteHandout(PathBuf),
}
