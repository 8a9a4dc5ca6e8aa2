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
/// dollars).
fn gaps(a: &Scenario<f64>, b: &Scenario<f64>) -> [f64; 5] {
    assert_eq!(a.years.len(), b.years.len());
    let mut g = [0.0f64; 5];
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
    vec![
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
        assert!(g.iter().all(|x| *x < 1e-9), "{}: {g:?}", plan.name);
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
            // Health premiums stay at the plan's own prices on every path, as `apply` keeps them.
            let own = ReturnPath::constant(&plan).convert::<f64>();
            let at_own = Scenario::<f64>::build_lived(&plan, &own, Some(&deaths)).unwrap();
            for ((x, y), z) in out.years.iter().zip(&exact.years).zip(&at_own.years) {
                assert_eq!(
                    (x.alive, x.filing, x.enrolled_months),
                    (y.alive, y.filing, y.enrolled_months)
                );
                assert!((x.health.medicare - z.health.medicare).abs() < 0.02, "{at}");
                assert!((x.health.payroll - z.health.payroll).abs() < 0.02, "{at}");
            }
            let g = gaps(&out, &exact);
            assert!(g[1] <= 0.02 + 1e-6, "money {at}: {g:?}");
        }
    }
}
