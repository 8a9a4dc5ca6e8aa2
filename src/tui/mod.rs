//! The interactive planner, in the Elm shape: keys become actions (`keymap`, `input`), `app`
//! updates the state and returns effects, the `runner` performs them and recomputes once per
//! batch, `viewmodel` turns the state into plain data when it changes, and `view` draws it
//! with the `widgets`. The form is one table of field specs (`form`).

pub mod action;
pub mod app;
pub mod editor;
pub mod effect;
pub mod files;
pub mod form;
pub mod input;
pub mod keymap;
pub mod recovery;
pub mod run;
pub mod runner;
pub mod theme;
pub mod view;
pub mod viewmodel;
pub mod widgets;

pub use action::Action;
pub use app::App;
pub use files::Places;
pub use run::run;
pub use runner::Runner;
