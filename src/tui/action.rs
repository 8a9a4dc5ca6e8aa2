//! Everything a key, a click or the runner can ask of the app: keys and clicks become actions
//! (see `keymap` and `input`), and the runner hands back what its effects produced (a save, a
//! loaded plan, background results) as actions too, so one `update` changes the state.

use super::effect::Pending;
use super::files::FileEntry;
use crate::optimize::OptimizerUpdate;
use crate::plan::Plan;
use crate::sim::SimUpdate;
use std::path::PathBuf;
use tui_input::InputRequest;

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Quit,
    Help,
    Close,
    NextPane,
    PrevPane,
    Up,
    Down,
    PageUp,
    PageDown,
    Left,
    Right,
    Activate,
    /// Remove the item under the cursor (asks first).
    Remove,
    /// Add an item like the one under the cursor (a strategy in the Strategies pane).
    Add,
    /// Copy the item under the cursor.
    Duplicate,
    /// Move the item under the cursor up or down its list.
    MoveUp,
    MoveDown,
    /// Open the charted strategy in the Strategies pane.
    EditStrategy,
    YearLeft,
    YearRight,
    YearHome,
    YearEnd,
    NextStrategy,
    PrevStrategy,
    SelectStrategy(usize),
    Inspect,
    Undo,
    Redo,
    Save,
    SaveAs,
    Open,
    New,
    PinBaseline,
    TogglePresenter,
    TogglePrivacy,
    ToggleRightTab,
    /// Income chart or wealth fan.
    ToggleFan,
    /// The inspector's marginal-rate curve.
    ToggleCurve,
    /// The claiming-age heat map.
    ClaimingMap,
    /// In the claiming-age heat map: claiming ages by the month instead of by the year, or back.
    ClaimingMonths,
    /// Widen the focused strategy column of the comparison to its full name.
    WidenColumn,
    /// The scenarios window: switch, add, copy, rename, delete.
    Scenarios,
    /// Rename the scenario selected in the scenarios window.
    Rename,
    /// The base and every scenario side by side.
    CompareScenarios,
    /// This year's actions for the charted strategy.
    ActionsView,
    /// Write the client handout of the household on screen.
    Handout,
    /// The runner compared the scenarios (or could not).
    ScenariosCompared(Result<Vec<crate::report::ScenarioColumn>, String>),
    /// The runner wrote the handout here (or could not).
    HandoutWritten(Result<PathBuf, String>),
    FocusChart,
    FocusCompare,
    FocusForm,
    /// A character typed on the main screen: starts editing the field under the cursor.
    Type(char),
    /// A key for the text being typed into a field or a dialog.
    Edit(InputRequest),
    Yes,
    No,
    /// A click: column and row on the screen.
    Click(u16, u16),
    ScrollUp,
    ScrollDown,
    /// The runner saved the plan (or could not); `then` is what was waiting for the save.
    Saved {
        result: Result<PathBuf, String>,
        then: Option<Pending>,
    },
    /// The runner read a plan: the plan and its file (none for a built-in example), or why not.
    Loaded(Result<(Plan, Option<PathBuf>), String>),
    /// The runner listed the plans that can be opened.
    Listed(Vec<FileEntry>),
    /// The runner read the kept unsaved plan (or could not).
    Recovered(Result<(Plan, Option<PathBuf>), String>),
    /// Progress or the result of the market simulation.
    Simulation(SimUpdate),
    /// Progress or the result of the optimized strategies' policies on the same paths.
    PolicySimulation(SimUpdate),
    /// Progress or a result of the optimizer: which objective, and its update.
    Optimizer(crate::strategy::Objective, OptimizerUpdate),
    /// Progress or the result of the claiming-age comparison.
    Claiming(crate::claiming::ClaimingUpdate),
}
