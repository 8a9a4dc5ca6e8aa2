//! Running the built binary, for the tests that use drawdown as a user does.

// Each test crate includes this module and uses only the helpers it needs.
#![allow(dead_code)]

use std::process::{Command, Output};

pub fn drawdown(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_drawdown"))
        .args(args)
        .output()
        .expect("the drawdown binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}
