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

/// Starts drawdown with its standard output and error piped to the test.
pub fn spawn_piped(args: &[&str]) -> std::process::Child {
    use std::process::Stdio;
    Command::new(env!("CARGO_BIN_EXE_drawdown"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the drawdown binary starts")
}

/// Runs drawdown and waits at most `limit`; `None` when it was still running (it is killed).
pub fn drawdown_within(args: &[&str], limit: std::time::Duration) -> Option<Output> {
    let mut child = spawn_piped(args);
    let started = std::time::Instant::now();
    loop {
        if child.try_wait().expect("waiting on drawdown").is_some() {
            return Some(child.wait_with_output().expect("drawdown's output"));
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}
pub mod plan_gen;

/// The optimized strategy searched for `plan` with the repeatable budget (no time limit: the same
/// answer however busy the machine), never cancelled; a failed search names the plan.
pub fn optimized(
    plan: &drawdown::plan::Plan,
    objective: &drawdown::optimize::Objective,
) -> drawdown::optimize::Optimized {
    drawdown::optimize::optimize_within(
        plan,
        objective,
        &drawdown::optimize::Budget::repeatable(),
        &std::sync::atomic::AtomicBool::new(false),
        &mut |_| {},
    )
    .unwrap_or_else(|e| panic!("{}: {e}", plan.name))
}

/// Fails with every miss of a reference file listed (and how many), or passes when none.
pub fn assert_no_misses(misses: &[String]) {
    assert!(
        misses.is_empty(),
        "{} misses:\n{}",
        misses.len(),
        misses.join("\n")
    );
}
