//! Subcommands of the `drawdown` binary. Binary-only: they parse arguments and print what the
//! library computes.

pub mod handout;
pub mod report;
pub mod schedule;
pub mod tax;
