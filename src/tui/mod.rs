//! The interactive planner: app state, actions, the event loop, panes and widgets.

pub mod app;
pub mod fields;
pub mod files;
pub mod input;
pub mod keymap;
pub mod run;
pub mod theme;
pub mod view;
pub mod viewmodel;
pub mod widgets;

pub use app::{Action, App};
pub use files::Places;
pub use run::run;
