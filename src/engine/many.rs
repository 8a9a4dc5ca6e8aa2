//! Several strategies projected on one scenario, spread over the cores.

use super::ledger::Projection;
use super::outcome::{Outcome, outcome};
use super::project::project;
use super::scenario::Scenario;
use super::strategy::Strategy;
use rust_decimal::Decimal;

/// Each strategy projected exactly on `scenario` (`decisions` is the same scenario on `f64`,
/// where the strategies decide), with its outcome, in the order given.
pub fn project_all(
    scenario: &Scenario<Decimal>,
    decisions: &Scenario<f64>,
    strategies: &[&dyn Strategy],
) -> Vec<(Projection<Decimal>, Outcome)> {
    let one = |i: usize| {
        let p = project(scenario, decisions, strategies[i]);
        let o = outcome(&p, &scenario.estate_ages);
        (p, o)
    };
    // Strategies are independent: spread them over the cores, interleaved so that the costly
    // ones (conversions, heir-aware) do not all land on one thread.
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4)
        .min(strategies.len().max(1));
    let mut results: Vec<Option<(Projection<Decimal>, Outcome)>> = vec![None; strategies.len()];
    if threads <= 1 {
        for (i, slot) in results.iter_mut().enumerate() {
            *slot = Some(one(i));
        }
    } else {
        std::thread::scope(|scope| {
            let workers: Vec<_> = (1..threads)
                .map(|t| {
                    let one = &one;
                    scope.spawn(move || {
                        (t..strategies.len())
                            .step_by(threads)
                            .map(|i| (i, one(i)))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            for i in (0..strategies.len()).step_by(threads) {
                results[i] = Some(one(i));
            }
            for w in workers {
                for (i, r) in w.join().expect("a projection thread panicked") {
                    results[i] = Some(r);
                }
            }
        });
    }
    results.into_iter().flatten().collect()
}
