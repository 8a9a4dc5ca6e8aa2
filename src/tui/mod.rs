//! The interactive planner: app state, actions, the event loop, panes and widgets.

pub mod theme;
pub mod widgets;
