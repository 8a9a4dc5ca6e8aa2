use super::*;
use crate::plan::{demo_plan, example_plan};
use crate::sim::history::history;
use crate::sim::paths::historical;

/// Every amount of a year's state tax: the custom deduction, or a state's thresholds, standard
/// deductions and named amounts.
fn state_amounts(s: &StateYear<f64>) -> Vec<f64> {
    match s {
        StateYear::Custom(r) => vec![r.deduction],
        StateYear::Law(law) => {
            let law = law.law();
            let mut v = Vec::new();
            for b in &law.brackets {
                v.extend(&b.thresholds);
                v.extend(&b.below);
            }
            v.extend(law.standard);
            for p in &law.params {
                v.extend(p);
            }
            for t in &law.tables {
                for s in t {
                    v.extend(&s.thresholds);
                    v.extend(&s.values);
                }
            }
            v
        }
    }
}

/// Largest differences between two scenarios' path-dependent fields: (price levels, relative),
/// (money, dollars), (tax thresholds, dollars), (IRMAA edges, dollars), (IRMAA surcharges,
/// dollars), (health and payroll amounts, dollars), (poverty lines and Marketplace cliffs,
/// dollars).
fn gaps(a: &Scenario<f64>, b: &Scenario<f64>) -> [f64; 7] {
    assert_eq!(a.years.len(), b.years.len());
    let mut g = [0.0f64; 7];
    let mut at = |i: usize, x: f64, y: f64| g[i] = g[i].max((x - y).abs());
    for (x, y) in a.years.iter().zip(&b.years) {
        at(0, x.price_level / y.price_level, 1.0);
        at(0, x.deflator / y.deflator, 1.0);
        for (p, q) in [
            (x.social_security, y.social_security),
            (x.pensions, y.pensions),
            (x.wages, y.wages),
            (x.other_income, y.other_income),
            (x.other_income_nominal, y.other_income_nominal),
            (x.living, y.living),
            (x.one_offs, y.one_offs),
            (x.charity, y.charity),
            (x.windfall, y.windfall),
            (x.windfall_gain, y.windfall_gain),
        ] {
            at(1, p, q);
        }
        for (q, r) in x.qcd_limit.iter().zip(&y.qcd_limit) {
            at(1, *q, *r);
        }
        for (o, p) in x.own.iter().zip(&y.own) {
            at(1, o.social_security, p.social_security);
            at(1, o.wages, p.wages);
            at(1, o.private_pension, p.private_pension);
            at(1, o.government_pension, p.government_pension);
        }
        let (s, t) = (state_amounts(&x.state), state_amounts(&y.state));
        assert_eq!(s.len(), t.len());
        for (p, q) in s.into_iter().zip(t) {
            at(2, p, q);
        }
        let (l, m) = (&x.law, &y.law);
        for f in 0..4 {
            for i in 0..6 {
                at(2, l.brackets[f][i], m.brackets[f][i]);
            }
            for i in 0..2 {
                at(2, l.gain_edges[f][i], m.gain_edges[f][i]);
            }
            at(2, l.standard[f], m.standard[f]);
            at(2, l.aged_or_blind[f], m.aged_or_blind[f]);
            at(2, l.ss_base[f], m.ss_base[f]);
            at(2, l.niit_threshold[f], m.niit_threshold[f]);
            at(2, l.loss_limit[f], m.loss_limit[f]);
            for i in 0..7 {
                // The tax below a bracket moves with the edges at the bracket's rate.
                at(2, l.tax_below[f][i] / 0.37, m.tax_below[f][i] / 0.37);
            }
        }
        at(2, l.senior_per_person, m.senior_per_person);
        for (s, t) in [(&x.irmaa, &y.irmaa), (&x.irmaa_ahead, &y.irmaa_ahead)] {
            for i in 0..5 {
                at(3, s.single_edges[i], t.single_edges[i]);
                at(3, s.joint_edges[i], t.joint_edges[i]);
            }
            at(3, s.mfs_top_edge, t.mfs_top_edge);
            for i in 0..6 {
                at(4, s.annual_surcharge[i], t.annual_surcharge[i]);
            }
        }
        let (h, k) = (&x.health, &y.health);
        for (p, q) in [
            (h.medicare, k.medicare),
            (h.payroll, k.payroll),
            (h.medical, k.medical),
            (h.self_employment, k.self_employment),
            (h.se_deduction, k.se_deduction),
        ] {
            at(5, p, q);
        }
        for i in 0..2 {
            at(5, h.hsa_contribution[i], k.hsa_contribution[i]);
            at(5, h.deferral[i], k.deferral[i]);
            at(5, h.roth_deferral[i], k.roth_deferral[i]);
        }
        assert_eq!(h.marketplace.is_some(), k.marketplace.is_some());
        if let (Some(m), Some(n)) = (&h.marketplace, &k.marketplace) {
            for (s, t) in m.stretches.iter().zip(&n.stretches) {
                at(5, s.benchmark, t.benchmark);
            }
            for (p, q) in [
                (m.law.prior_line.0, n.law.prior_line.0),
                (m.law.prior_line.1, n.law.prior_line.1),
                (m.law.current_line.0, n.law.current_line.0),
                (m.law.current_line.1, n.law.current_line.1),
            ] {
                at(6, p, q);
            }
            assert_eq!(m.cliffs.len(), n.cliffs.len());
            for (p, q) in m.cliffs.iter().zip(&n.cliffs) {
                // A cliff is a multiple (up to 4) of a line.
                at(6, p / 4.0, q / 4.0);
            }
        }
        assert_eq!(x.returns, y.returns);
        assert_eq!(x.law.rates, y.law.rates);
    }
    g
}

fn plans() -> Vec<Plan> {
    let mut later = demo_plan();
    later.assumptions.start_year = 2029;
    for p in &mut later.people {
        p.birth_year += 3;
    }
    // A windfall and gifts, whose amounts follow prices.
    later.income.windfalls.push(crate::plan::Windfall {
        year: 2032,
        amount: rust_decimal_macros::dec!(250000),
        taxable_gain: rust_decimal_macros::dec!(40000),
        label: "Home sold".into(),
    });
    later.spending.charity = rust_decimal_macros::dec!(5000);
    let mut earlier = demo_plan();
    earlier.assumptions.start_year = 2023;
    for p in &mut earlier.people {
        p.birth_year -= 3;
    }
    let mut state = demo_plan();
    state
        .state
        .edit_custom(|t| t.deduction = rust_decimal_macros::dec!(12345.67));
    // Residents of states that index their amounts in different ways, moving between them.
    let mut resident = demo_plan();
    resident.assumptions.start_year = 2025;
    resident.state = crate::plan::StateResidence::resident(crate::tax::StateCode::CA);
    resident.moves = vec![crate::plan::Move {
        year: 2030,
        state: "GA".into(),
    }];
    // Early retirees on the Marketplace; then one of them working to 62 with a 401(k) deferral
    // and an HSA, and medical costs besides premiums.
    let marketplace = example_plan("G.ron").unwrap().unwrap();
    let mut working = marketplace.clone();
    working.income.wages.push(crate::plan::Wage {
        person: 1,
        amount: rust_decimal_macros::dec!(90000),
        until_age: 62,
        self_employed: false,
        deferral: rust_decimal_macros::dec!(12000),
        roth_deferral: false,
    });
    working.accounts.push(crate::plan::Account::Hsa {
        name: "HSA".into(),
        owner: 1,
        balance: rust_decimal_macros::dec!(20000),
        stock_share: rust_decimal_macros::dec!(0.6),
        contribution: rust_decimal_macros::dec!(4000),
        family: true,
    });
    working.spending.medical_costs = rust_decimal_macros::dec!(6000);
    let mut working_earlier = working.clone();
    working_earlier.assumptions.start_year = 2024;
    for p in &mut working_earlier.people {
        p.birth_year -= 2;
    }
    vec![
        marketplace,
        working,
        working_earlier,
        demo_plan(),
        later,
        earlier,
        state,
        resident,
        example_plan("E1.ron").unwrap().unwrap(),
        example_plan("E3.ron").unwrap().unwrap(),
        example_plan("A.ron").unwrap().unwrap(),
        example_plan("B.ron").unwrap().unwrap(),
        example_plan("C1.ron").unwrap().unwrap(),
    ]
}

#[test]
fn the_plans_own_path_gives_back_the_template() {
    for plan in plans() {
        let r = Repath::new(&plan).unwrap();
        let mut out = r.template().clone();
        // Start from a different path so that every field is really rewritten.
        let h = history().unwrap();
        r.apply(
            &historical(h, 40, plan.horizon_years()),
            &mut out,
            &mut Vec::new(),
        );
        let own = ReturnPath::constant(&plan).convert::<f64>();
        r.apply(&own, &mut out, &mut Vec::new());
        let g = gaps(&out, r.template());
        // Benchmark premiums are not rounded: float dust of the price ratio's 1.
        assert!(g[5] < 1e-6, "{}: {g:?}", plan.name);
        assert!(
            g.iter().enumerate().all(|(i, x)| i == 5 || *x < 1e-9),
            "{}: {g:?}",
            plan.name
        );
    }
}

#[test]
fn another_path_matches_the_exact_builder_within_its_rounding() {
    let h = history().unwrap();
    for plan in plans() {
        let r = Repath::new(&plan).unwrap();
        let mut out = r.template().clone();
        // 1966 onwards: the high inflation of the 1970s moves every threshold.
        let start = h.iter().position(|y| y.year == 1966).unwrap();
        for first in [start, 0, 90] {
            let path = historical(h, first, plan.horizon_years());
            r.apply(&path, &mut out, &mut Vec::new());
            let exact = Scenario::<f64>::build(&plan, &path).unwrap();
            let g = gaps(&out, &exact);
            let at = format!("{} from {}: {g:?}", plan.name, h[first].year);
            assert!(g[0] < 1e-9, "price levels {at}");
            // Two people's amounts, each within a cent (and float dust).
            assert!(g[1] <= 0.02 + 1e-6, "money {at}");
            assert!(g[2] <= 25.0, "law thresholds {at}");
            assert!(g[3] <= 1000.0, "IRMAA edges {at}");
            assert!(g[4] <= 0.01, "IRMAA surcharges {at}");
            // Medical costs, Medicare premiums, payroll tax, contributions and benchmark
            // premiums at the path's prices, each within a cent.
            assert!(g[5] <= 0.01 + 1e-6, "health {at}");
            // Poverty lines indexed from the template's (published to $10), not from the
            // guideline: within $10.
            assert!(g[6] <= 10.0 + 1e-6, "poverty lines {at}");
        }
    }
}

#[test]
fn drawn_lifetimes_match_the_exact_builder_with_those_deaths() {
    // A scenario with deaths drawn for it, moved to a historical path, is the exact builder's
    // scenario with the same deaths on that path, cut at the last death: survivor benefits,
    // single filing, the survivor's spending and coverage included. Reusing one scratch across
    // pairs (longer, then shorter, then longer again) must leave no trace of the last pair.
    let h = history().unwrap();
    for plan in [
        demo_plan(),
        example_plan("F.ron").unwrap().unwrap(),
        example_plan("C1.ron").unwrap().unwrap(),
        // On the Marketplace: a death changes the people covered and the poverty line.
        example_plan("G.ron").unwrap().unwrap(),
    ] {
        let r = Repath::new(&plan).unwrap();
        let lives = crate::sim::lives::Lives::new(&plan, 3).unwrap();
        let start = plan.assumptions.start_year;
        let mut out = r.template().clone();
        let planned: Vec<i32> = plan
            .people
            .iter()
            .map(|p| crate::plan::last_year(p.birth_year, p.planning_age))
            .collect();
        let pairs: Vec<Vec<i32>> = vec![
            planned.clone(),
            planned.iter().map(|y| (start + 3).min(*y)).collect(),
            vec![(start + 12).min(planned[0]), start + 1][..planned.len()].to_vec(),
            planned.clone(),
        ];
        let path = historical(h, 38, plan.horizon_years());
        for deaths in pairs {
            let lived = lives.lived(&deaths).unwrap();
            r.apply_lived(&path, &lived, &mut out, &mut Vec::new());
            let mut exact = Scenario::<f64>::build_lived(&plan, &path, Some(&deaths)).unwrap();
            let last = deaths.iter().max().unwrap();
            exact.years.truncate((last - start + 1) as usize);
            let at = format!("{} dying {deaths:?}", plan.name);
            assert_eq!(out.years.len(), exact.years.len(), "{at}");
            for (x, y) in out.years.iter().zip(&exact.years) {
                assert_eq!(
                    (x.alive, x.filing, x.enrolled_months),
                    (y.alive, y.filing, y.enrolled_months)
                );
            }
            // Health premiums and payroll tax move to the path's prices as the plan's own
            // years do (a survivor's single premium included).
            let g = gaps(&out, &exact);
            assert!(g[1] <= 0.02 + 1e-6, "money {at}: {g:?}");
            assert!(g[5] <= 0.01 + 1e-6, "health {at}: {g:?}");
            assert!(g[6] <= 10.0 + 1e-6, "poverty lines {at}: {g:?}");
        }
    }
}
