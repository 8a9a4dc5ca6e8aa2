#[test]
fn cg() {
    let mut plan = drawdown::plan::demo_plan();
    if let Some(k) = std::env::var("CG_S")
        .ok()
        .and_then(|s| s.parse::<usize>().ok())
    {
        plan.strategies = vec![plan.strategies[k].clone()];
    }
    let n: usize = std::env::var("CG_N")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    for _ in 0..n {
        std::hint::black_box(drawdown::compare::compare(&plan).unwrap());
    }
}
