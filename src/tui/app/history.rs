//! Undo and redo: whole plans, so every kind of change undoes the same way.
//!
//! One history serves the base and every scenario, as a spreadsheet's serves all its sheets:
//! each step keeps the household being edited with the plan, so undoing a change made in
//! another household goes back there to undo it. Switching household is not itself a step (it
//! changes nothing in the file), and it keeps the history: nothing edited anywhere is lost to
//! undo by looking at another scenario.

use super::scenarios::Household;
use crate::plan::Plan;

/// How many changes are kept.
const LIMIT: usize = 200;

/// The plan on screen and the household it is (`None`: the base; the plan is then the file).
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub plan: Plan,
    pub household: Option<Household>,
}

#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    /// Remembers the state before a change; a new change forgets what was undone.
    pub fn push(&mut self, before: Step) {
        self.undo.push(before);
        if self.undo.len() > LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// The state before the last change, keeping the state now for redo as `now` gives it
    /// for that step (seen from the household the change was made in, so that redo goes back
    /// there).
    pub fn undo(&mut self, now: impl FnOnce(&Step) -> Step) -> Option<Step> {
        let before = self.undo.pop()?;
        self.redo.push(now(&before));
        Some(before)
    }

    /// The state the last undo left, keeping the state now for undo (as for [`History::undo`]).
    pub fn redo(&mut self, now: impl FnOnce(&Step) -> Step) -> Option<Step> {
        let after = self.redo.pop()?;
        self.undo.push(now(&after));
        Some(after)
    }
}
