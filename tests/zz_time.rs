use drawdown::engine::{ReturnPath, Scenario};
use std::time::Instant;
fn t<R>(name: &str, n: usize, mut f: impl FnMut() -> R) {
    for _ in 0..n / 10 {
        std::hint::black_box(f());
    }
    let s = Instant::now();
    for _ in 0..n {
        std::hint::black_box(f());
    }
    println!(
        "{name:30} {:8.1} µs",
        s.elapsed().as_secs_f64() * 1e6 / n as f64
    );
}
#[test]
fn time() {
    let plan = drawdown::plan::demo_plan();
    t("compare", 2000, || {
        drawdown::compare::compare(&plan).unwrap()
    });
    t("validate_household", 2000, || {
        drawdown::plan::validate_household(&plan)
    });
    t("scenario build", 2000, || {
        Scenario::build(&plan, &ReturnPath::constant(&plan)).unwrap()
    });
    let sc = Scenario::build(&plan, &ReturnPath::constant(&plan)).unwrap();
    t("to_f64", 2000, || sc.to_f64());
    t("unique_names", 2000, || {
        drawdown::strategy::unique_names(&plan.strategies)
    });
    t("build_plan", 2000, || {
        drawdown::compare::build_plan(&plan.strategies).len()
    });
    t("thread spawn+join x1", 2000, || {
        std::thread::scope(|s| s.spawn(|| 1).join().unwrap())
    });
}
#[test]
fn scales() {
    let plan = drawdown::plan::demo_plan();
    let sc = Scenario::build(&plan, &ReturnPath::constant(&plan)).unwrap();
    for y in [0usize, 5, 20] {
        let i = &sc.years[y];
        println!(
            "y{y} ss {} pens {} wages {} other {} living {} oneoff {} level {} own0ss {} own0pp {} medicare {:?} payroll {}",
            i.social_security,
            i.pensions,
            i.wages,
            i.other_income,
            i.living,
            i.one_offs,
            i.price_level,
            i.own[0].social_security,
            i.own[0].private_pension,
            i.health.medicare,
            i.health.payroll
        );
    }
    for a in &sc.accounts {
        println!("acct {} {}", a.balance, a.basis);
    }
}
