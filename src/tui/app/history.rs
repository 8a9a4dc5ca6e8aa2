//! Undo and redo: whole plans, so every kind of change undoes the same way.

use crate::plan::Plan;

/// How many changes are kept.
const LIMIT: usize = 200;

#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Plan>,
    redo: Vec<Plan>,
}

impl History {
    /// Remembers the plan before a change; a new change forgets what was undone.
    pub fn push(&mut self, before: Plan) {
        self.undo.push(before);
        if self.undo.len() > LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// The plan before the last change, keeping `now` for redo.
    pub fn undo(&mut self, now: &Plan) -> Option<Plan> {
        let before = self.undo.pop()?;
        self.redo.push(now.clone());
        Some(before)
    }

    /// The plan the last undo left, keeping `now` for undo.
    pub fn redo(&mut self, now: &Plan) -> Option<Plan> {
        let after = self.redo.pop()?;
        self.undo.push(now.clone());
        Some(after)
    }
}
