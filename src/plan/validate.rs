//! Every problem with a plan, each named by its field path (`accounts[1].cost_basis`).
//!
//! The bounds keep every later computation far from Decimal's overflow: amounts at most
//! $100 billion, returns between -50% and +30% a year, horizons at most 100 years.

use super::model::{
    Account, Coverage, Lifetimes, PLAN_VERSION, PathMode, Plan, Returns, Simulation, StateResidence,
};
use super::scenario::{MAX_OVERRIDES, MAX_SCENARIOS, Scenario};
use crate::money::{amount_problem, format_dollars, format_rate};
use crate::strategy::{Objective, StrategySpec};
use crate::tax::tables::FIRST_TABLE_YEAR;
use crate::tax::{Filing, StateCode, StateTables};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::fmt;

/// One problem in a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub path: String,
    pub message: String,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

pub const MAX_PEOPLE: usize = 2;
pub const MAX_ACCOUNTS: usize = 40;
pub const MAX_ITEMS: usize = 40;
pub const MAX_HORIZON: usize = 100;
pub const LAST_START_YEAR: i32 = 2100;
/// The most a person's yearly benchmark premium may be, in today's dollars: several times the
/// dearest county's for a 64-year-old.
pub const MAX_BENCHMARK: Decimal = dec!(200000);

struct Checker {
    issues: Vec<Issue>,
}

impl Checker {
    fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.issues.push(Issue {
            path: path.into(),
            message: message.into(),
        });
    }

    fn money(&mut self, path: impl Into<String>, v: Decimal) {
        if let Some(problem) = amount_problem(v) {
            self.push(path, problem);
        }
    }

    /// An amount that is part of another (`whole`, called `name`): not more than it. Whether
    /// it is.
    fn part_of(&mut self, path: String, part: Decimal, whole: Decimal, name: &str) -> bool {
        if part > whole {
            self.push(
                path,
                format!(
                    "{} is more than {name}, {}",
                    format_dollars(part),
                    format_dollars(whole)
                ),
            );
            return false;
        }
        true
    }

    /// Something that happens once (a one-off expense, a windfall): a short label. Its year is
    /// checked against the plan's years by [`in_plan_years`], for a whole plan only.
    fn once(&mut self, path: &str, label: &str) {
        if label.chars().count() > 60 {
            self.push(format!("{path}.label"), "is longer than 60 characters");
        }
    }

    fn rate(&mut self, path: impl Into<String>, v: Decimal, lo: Decimal, hi: Decimal) {
        if v < lo || v > hi {
            self.push(
                path,
                format!(
                    "{} is outside {} to {}",
                    format_rate(v),
                    format_rate(lo),
                    format_rate(hi)
                ),
            );
        }
    }

    fn name(&mut self, path: impl Into<String>, name: &str) {
        if name.trim().is_empty() {
            self.push(path, "is empty");
        } else if name.chars().count() > 60 {
            self.push(path, "is longer than 60 characters");
        } else if name.chars().any(char::is_control) {
            self.push(path, "contains control characters");
        }
    }

    /// A state's postal code whose law drawdown carries.
    fn state_code(&mut self, path: &str, code: &str) {
        match StateCode::parse(code) {
            None => self.push(
                path,
                format!("'{code}' is not a state's two-letter postal code (NJ, FL, DC, ...)"),
            ),
            Some(state) => {
                let modelled = StateTables::get().is_ok_and(|t| t.is_modelled(state));
                if !modelled {
                    self.push(
                        path,
                        format!(
                            "{}'s income tax is not modelled in this build",
                            state.name()
                        ),
                    );
                }
            }
        }
    }

    fn person(&mut self, path: impl Into<String>, index: usize, people: usize) {
        if index >= people {
            let path = path.into();
            self.push(
                path,
                format!(
                    "person {index} does not exist (0 is the first person{})",
                    if people > 1 { ", 1 the second" } else { "" }
                ),
            );
        }
    }
}

/// All problems with a plan and its scenarios; empty when it can be saved and projected.
pub fn validate(plan: &Plan) -> Vec<Issue> {
    let mut c = household(plan);
    in_plan_years(plan, &mut c);
    scenarios(plan, &mut c);
    c.issues
}

/// One-off expenses and windfalls fall in the plan's years: the projection has no year for one
/// outside them, which was left out of every figure without a word. A whole plan is checked (one
/// loaded, saved or recovered), not the household an edit makes: a change of the start year or
/// an age that leaves one outside is not refused as it is typed, for a field the user is not
/// on; the planner warns of it, and saving names it, as it names a base edit that breaks a
/// scenario.
fn in_plan_years(plan: &Plan, c: &mut Checker) {
    let (first, last) = (plan.assumptions.start_year, plan.end_year());
    let one_offs = plan
        .spending
        .one_offs
        .iter()
        .enumerate()
        .map(|(i, o)| (format!("spending.one_offs[{i}].year"), o.year));
    let windfalls = plan
        .income
        .windfalls
        .iter()
        .enumerate()
        .map(|(i, w)| (format!("income.windfalls[{i}].year"), w.year));
    for (path, year) in one_offs.chain(windfalls) {
        if year < first {
            c.push(
                path,
                format!("{year} is before the plan's first year ({first})"),
            );
        } else if year > last {
            c.push(
                path,
                format!("{year} is after the plan's last year ({last})"),
            );
        }
    }
}

/// The problems with the household the plan describes, its scenarios left aside: what the
/// engine needs, and what the planner checks an edit of the household against (a base edit
/// that breaks a scenario is named when the plan is saved, not refused as it is typed).
pub fn validate_household(plan: &Plan) -> Vec<Issue> {
    household(plan).issues
}

fn household(plan: &Plan) -> Checker {
    let mut c = Checker { issues: Vec::new() };
    if plan.version != PLAN_VERSION {
        c.push(
            "version",
            format!(
                "version {} is not one this build reads (it reads {PLAN_VERSION})",
                plan.version
            ),
        );
    }
    c.name("name", &plan.name);
    if plan.notes.len() > 4000 {
        c.push("notes", "is longer than 4,000 characters");
    }

    let start = plan.assumptions.start_year;
    if !(FIRST_TABLE_YEAR..=LAST_START_YEAR).contains(&start) {
        c.push(
            "assumptions.start_year",
            format!("{start} is outside {FIRST_TABLE_YEAR} to {LAST_START_YEAR}"),
        );
    }

    let n = plan.people.len();
    if n == 0 || n > MAX_PEOPLE {
        c.push("people", format!("a plan has one or two people, not {n}"));
    }
    for (i, p) in plan.people.iter().enumerate() {
        let path = format!("people[{i}]");
        c.name(format!("{path}.name"), &p.name);
        let age = i64::from(start) - i64::from(p.birth_year);
        if !(1900..=2100).contains(&p.birth_year) {
            c.push(
                format!("{path}.birth_year"),
                format!("{} is not a plausible birth year", p.birth_year),
            );
        } else if !(18..=110).contains(&age) {
            c.push(
                format!("{path}.birth_year"),
                format!(
                    "makes {} {age} in {start}; ages 18 to 110 are supported",
                    p.name
                ),
            );
        }
        if !(50..=120).contains(&p.planning_age) {
            c.push(
                format!("{path}.planning_age"),
                format!("{} is outside 50 to 120", p.planning_age),
            );
        } else if i64::from(p.planning_age) < age {
            c.push(
                format!("{path}.planning_age"),
                format!(
                    "{} is below {}'s age in {start} ({age})",
                    p.planning_age, p.name
                ),
            );
        }
        if p.mortality < Decimal::ZERO || p.mortality > dec!(10) {
            c.push(
                format!("{path}.mortality"),
                format!(
                    "{} is outside 0 to 10 (a multiplier of the life table's death rates)",
                    p.mortality
                ),
            );
        }
        if let Coverage::Marketplace { benchmark, at_age } = &p.coverage {
            c.money(format!("{path}.coverage.benchmark"), *benchmark);
            if *benchmark > MAX_BENCHMARK {
                c.push(
                    format!("{path}.coverage.benchmark"),
                    format!(
                        "{} a year is above {} (no benchmark premium comes near it)",
                        format_dollars(*benchmark),
                        crate::money::format_dollars(MAX_BENCHMARK)
                    ),
                );
            }
            if *at_age > 64 {
                c.push(
                    format!("{path}.coverage.at_age"),
                    format!("{at_age} is past 64, the last age Marketplace premiums are rated at"),
                );
            }
        }
        if !(1..=12).contains(&p.birth_month) {
            c.push(
                format!("{path}.birth_month"),
                format!(
                    "{} is not a month (1 for January to 12 for December)",
                    p.birth_month
                ),
            );
        }
        if !(65..=130).contains(&p.medicare_age) {
            c.push(
                format!("{path}.medicare_age"),
                format!(
                    "{} is outside 65 to 130 (an age past the planning age means never on Medicare)",
                    p.medicare_age
                ),
            );
        }
    }
    match (plan.filing, n) {
        (Filing::Mfj | Filing::Mfs, 1) => c.push(
            "filing",
            format!("{} needs two people", plan.filing.label().to_lowercase()),
        ),
        (Filing::Single | Filing::Hoh, 2) => {} // an unmarried couple may file separately as singles
        _ => {}
    }
    if c.issues.is_empty() && plan.horizon_years() > MAX_HORIZON {
        c.push(
            "people",
            format!(
                "the plan runs {} years; at most {MAX_HORIZON} are supported",
                plan.horizon_years()
            ),
        );
    }

    c.rate("heirs_rate", plan.heirs_rate, Decimal::ZERO, dec!(0.6));
    match &plan.state {
        StateResidence::Custom {
            rate, deduction, ..
        } => {
            c.rate("state.rate", *rate, Decimal::ZERO, dec!(0.2));
            c.money("state.deduction", *deduction);
        }
        StateResidence::Resident { code } => c.state_code("state.code", code),
    }
    let mut last_move = start;
    for (i, m) in plan.moves.iter().enumerate() {
        let path = format!("moves[{i}]");
        c.state_code(&format!("{path}.state"), &m.state);
        if m.year <= last_move {
            let after = if i == 0 {
                format!("the plan's first year ({start})")
            } else {
                format!("the move before it ({last_move})")
            };
            c.push(
                format!("{path}.year"),
                format!("{} is not after {after}", m.year),
            );
        } else if m.year > plan.end_year() {
            c.push(
                format!("{path}.year"),
                format!(
                    "{} is after the plan's last year ({})",
                    m.year,
                    plan.end_year()
                ),
            );
        }
        last_move = last_move.max(m.year);
    }
    if plan.moves.len() > MAX_ITEMS {
        c.push(
            "moves",
            format!("{} moves; at most {MAX_ITEMS}", plan.moves.len()),
        );
    }

    if plan.accounts.len() > MAX_ACCOUNTS {
        c.push(
            "accounts",
            format!("{} accounts; at most {MAX_ACCOUNTS}", plan.accounts.len()),
        );
    }
    for (i, a) in plan.accounts.iter().enumerate() {
        let path = format!("accounts[{i}]");
        c.name(format!("{path}.name"), a.name());
        c.money(format!("{path}.balance"), a.balance());
        match a {
            Account::Taxable {
                cost_basis,
                dividend_yield,
                qualified_share,
                stock_share,
                realize_share,
                ..
            } => {
                c.money(format!("{path}.cost_basis"), *cost_basis);
                c.rate(
                    format!("{path}.dividend_yield"),
                    *dividend_yield,
                    Decimal::ZERO,
                    dec!(0.2),
                );
                c.rate(
                    format!("{path}.qualified_share"),
                    *qualified_share,
                    Decimal::ZERO,
                    Decimal::ONE,
                );
                c.rate(
                    format!("{path}.stock_share"),
                    *stock_share,
                    Decimal::ZERO,
                    Decimal::ONE,
                );
                c.rate(
                    format!("{path}.realize_share"),
                    *realize_share,
                    Decimal::ZERO,
                    Decimal::ONE,
                );
            }
            Account::Deferred {
                owner, stock_share, ..
            }
            | Account::Roth {
                owner, stock_share, ..
            }
            | Account::Hsa {
                owner, stock_share, ..
            } => {
                c.person(format!("{path}.owner"), *owner, n);
                c.rate(
                    format!("{path}.stock_share"),
                    *stock_share,
                    Decimal::ZERO,
                    Decimal::ONE,
                );
            }
            Account::Cash { .. } => {}
        }
        if let Account::Hsa { contribution, .. } = a {
            c.money(format!("{path}.contribution"), *contribution);
        }
        if let Account::Deferred {
            spouse_sole_beneficiary: true,
            ..
        } = a
            && n < 2
        {
            c.push(
                format!("{path}.spouse_sole_beneficiary"),
                "needs a spouse: the plan has one person",
            );
        }
        if let Account::Deferred {
            employer_plan,
            separated_at_age: Some(age),
            ..
        } = a
        {
            if !*employer_plan {
                c.push(
                    format!("{path}.separated_at_age"),
                    "applies only to an employer plan (employer_plan: true)",
                );
            } else if *age > 120 {
                c.push(
                    format!("{path}.separated_at_age"),
                    format!("{age} is past 120"),
                );
            }
        }
    }

    let inc = &plan.income;
    for (label, len) in [
        ("income.social_security", inc.social_security.len()),
        ("income.pensions", inc.pensions.len()),
        ("income.wages", inc.wages.len()),
        ("income.other", inc.other.len()),
        ("income.windfalls", inc.windfalls.len()),
        ("spending.changes", plan.spending.changes.len()),
        ("spending.one_offs", plan.spending.one_offs.len()),
        ("strategies", plan.strategies.len()),
    ] {
        if len > MAX_ITEMS {
            c.push(label, format!("{len} entries; at most {MAX_ITEMS}"));
        }
    }
    let mut claimed = [false; MAX_PEOPLE];
    for (i, s) in inc.social_security.iter().enumerate() {
        let path = format!("income.social_security[{i}]");
        c.person(format!("{path}.person"), s.person, n);
        if let Some(seen) = claimed.get_mut(s.person) {
            if *seen {
                c.push(
                    format!("{path}.person"),
                    "this person already has a Social Security benefit",
                );
            }
            *seen = true;
        }
        c.money(format!("{path}.fra_benefit"), s.fra_benefit);
        if s.fra_benefit > dec!(1000000) {
            c.push(
                format!("{path}.fra_benefit"),
                "is above $1,000,000 a year, far beyond any benefit",
            );
        }
        if !(62..=70).contains(&s.claim_age) {
            c.push(
                format!("{path}.claim_age"),
                format!("{} is outside 62 to 70", s.claim_age),
            );
        }
        // Said apart, so that months made wrong by a claiming age of 70 say why (the form shows
        // it under the age being typed).
        if s.claim_months > 11 {
            c.push(
                format!("{path}.claim_months"),
                format!("{} is outside 0 to 11", s.claim_months),
            );
        } else if s.claim_age == 70 && s.claim_months > 0 {
            c.push(
                format!("{path}.claim_months"),
                "must be 0 when claiming at 70",
            );
        }
    }
    for (i, p) in inc.pensions.iter().enumerate() {
        let path = format!("income.pensions[{i}]");
        c.person(format!("{path}.person"), p.person, n);
        c.money(format!("{path}.amount"), p.amount);
        if p.start_age > 120 {
            c.push(
                format!("{path}.start_age"),
                format!("{} is above 120", p.start_age),
            );
        }
        c.rate(format!("{path}.cola"), p.cola, dec!(-0.05), dec!(0.2));
        c.rate(
            format!("{path}.survivor_share"),
            p.survivor_share,
            Decimal::ZERO,
            Decimal::ONE,
        );
    }
    for (i, w) in inc.wages.iter().enumerate() {
        let path = format!("income.wages[{i}]");
        c.person(format!("{path}.person"), w.person, n);
        c.money(format!("{path}.amount"), w.amount);
        c.money(format!("{path}.deferral"), w.deferral);
        let within = c.part_of(
            format!("{path}.deferral"),
            w.deferral,
            w.amount,
            "the wages",
        );
        if within && w.self_employed && !w.deferral.is_zero() {
            c.push(
                format!("{path}.deferral"),
                "is for wages from an employer: set it to 0 for self-employment",
            );
        }
        if w.until_age > 120 {
            c.push(
                format!("{path}.until_age"),
                format!("{} is above 120", w.until_age),
            );
        }
    }
    for (i, o) in inc.other.iter().enumerate() {
        let path = format!("income.other[{i}]");
        c.name(format!("{path}.name"), &o.name);
        c.money(format!("{path}.amount"), o.amount);
        if o.to_year < o.from_year {
            c.push(
                format!("{path}.to_year"),
                format!("{} is before from_year {}", o.to_year, o.from_year),
            );
        }
        if !(FIRST_TABLE_YEAR..=2300).contains(&o.from_year) {
            c.push(format!("{path}.from_year"), "is not a plausible year");
        }
    }
    for (i, w) in inc.windfalls.iter().enumerate() {
        let path = format!("income.windfalls[{i}]");
        c.money(format!("{path}.amount"), w.amount);
        c.money(format!("{path}.taxable_gain"), w.taxable_gain);
        c.part_of(
            format!("{path}.taxable_gain"),
            w.taxable_gain,
            w.amount,
            "the amount received",
        );
        c.once(&path, &w.label);
    }

    let sp = &plan.spending;
    c.money("spending.annual", sp.annual);
    c.money("spending.medical_costs", sp.medical_costs);
    c.money("spending.charity", sp.charity);
    c.rate(
        "spending.survivor_share",
        sp.survivor_share,
        Decimal::ZERO,
        Decimal::ONE,
    );
    if let Some(g) = &sp.guardrails {
        // A guardrail or a step of 0 would never act; 95% steps keep the arithmetic sane.
        c.rate("spending.guardrails.upper", g.upper, dec!(0.01), dec!(10));
        c.rate("spending.guardrails.lower", g.lower, dec!(0.01), dec!(0.99));
        c.rate(
            "spending.guardrails.adjust",
            g.adjust,
            dec!(0.01),
            dec!(0.5),
        );
        c.rate(
            "spending.guardrails.floor",
            g.floor,
            Decimal::ZERO,
            Decimal::ONE,
        );
        if g.no_cuts_final_years as usize > MAX_HORIZON {
            c.push(
                "spending.guardrails.no_cuts_final_years",
                format!(
                    "is {} years: at most {MAX_HORIZON} (a plan's whole length)",
                    g.no_cuts_final_years
                ),
            );
        }
    }
    let mut last_age = 0;
    for (i, ch) in sp.changes.iter().enumerate() {
        let path = format!("spending.changes[{i}]");
        c.money(format!("{path}.annual"), ch.annual);
        if ch.at_age > 120 {
            c.push(
                format!("{path}.at_age"),
                format!("{} is above 120", ch.at_age),
            );
        } else if ch.at_age < last_age {
            c.push(format!("{path}.at_age"), "changes must be in order of age");
        }
        last_age = ch.at_age;
    }
    for (i, o) in sp.one_offs.iter().enumerate() {
        let path = format!("spending.one_offs[{i}]");
        c.money(format!("{path}.amount"), o.amount);
        c.once(&path, &o.label);
    }

    let a = &plan.assumptions;
    c.rate("assumptions.inflation", a.inflation, dec!(-0.05), dec!(0.2));
    match &a.returns {
        Returns::Constant { nominal } => {
            c.rate(
                "assumptions.returns.nominal",
                *nominal,
                dec!(-0.5),
                dec!(0.3),
            );
        }
        Returns::ByAssetClass {
            stocks,
            bonds,
            cash,
        } => {
            c.rate("assumptions.returns.stocks", *stocks, dec!(-0.5), dec!(0.3));
            c.rate("assumptions.returns.bonds", *bonds, dec!(-0.5), dec!(0.3));
            c.rate("assumptions.returns.cash", *cash, dec!(-0.5), dec!(0.3));
        }
    }
    if let Err((field, message)) = a.tax_law.validate() {
        c.push(format!("assumptions.tax_law.{field}"), message);
    }
    if let Some(m) = &a.prior_magi {
        c.money(
            "assumptions.prior_magi.two_years_before",
            m.two_years_before,
        );
        c.money("assumptions.prior_magi.one_year_before", m.one_year_before);
    }
    if let crate::plan::RmdRule::Study { start_age, .. } = a.rmd
        && !(50..=100).contains(&start_age)
    {
        c.push(
            "assumptions.rmd.start_age",
            format!("{start_age} is outside 50 to 100"),
        );
    }
    for (i, age) in a.estate_at_ages.iter().enumerate() {
        if *age > 120 {
            c.push(format!("assumptions.estate_at_ages[{i}]"), "is above 120");
        }
    }

    if c.issues.is_empty() {
        // Combinations are only worth checking once every field is within its own range.
        super::limits::compounding(plan, &mut c.issues);
        super::limits::combined_rates(plan, &mut c.issues);
    }
    c.issues.extend(validate_simulation(
        &a.simulation,
        plan,
        "assumptions.simulation",
    ));

    if plan.strategies.is_empty() {
        c.push("strategies", "compare at least one strategy");
    }
    for (i, s) in plan.strategies.iter().enumerate() {
        if let Err((field, message)) = s.validate() {
            c.push(format!("strategies[{i}].{field}"), message);
        }
        // Seen through a label: a labeled optimized strategy optimizes the same.
        if let StrategySpec::Optimized {
            objective: Objective::Spending { .. },
        } = s.kind()
            && plan.spending.annual <= Decimal::ZERO
        {
            c.push(
                format!("strategies[{i}].objective"),
                "the spending objective scales the plan's yearly spending, which is zero: set \
                 spending.annual above zero",
            );
        }
    }
    c
}

/// Each scenario's own problems: its name, its overrides, and what is wrong with the household
/// it makes that is not already wrong with the base. Named `scenario "NAME": field`.
fn scenarios(plan: &Plan, c: &mut Checker) {
    if plan.scenarios.is_empty() {
        return;
    }
    if plan.scenarios.len() > MAX_SCENARIOS {
        c.push(
            "scenarios",
            format!(
                "a plan holds at most {MAX_SCENARIOS} scenarios, not {}",
                plan.scenarios.len()
            ),
        );
        return;
    }
    let base_issues = if c.issues.is_empty() {
        Vec::new()
    } else {
        c.issues.clone()
    };
    for (i, s) in plan.scenarios.iter().enumerate() {
        let at = format!("scenarios[{i}]");
        c.name(format!("{at}.name"), &s.name);
        if plan.scenarios[..i]
            .iter()
            .any(|o| o.name.trim().eq_ignore_ascii_case(s.name.trim()))
        {
            c.push(
                format!("{at}.name"),
                format!("\"{}\" names two scenarios", s.name),
            );
        }
        if let Some(problem) = Scenario::base_name_problem(&s.name) {
            c.push(format!("{at}.name"), problem);
        }
        if let Some(problem) = plan
            .scenarios
            .iter()
            .find_map(|o| Scenario::change_name_problem(&s.name, &o.name))
        {
            c.push(format!("{at}.name"), problem);
        }
        if s.notes.len() > 1000 {
            c.push(format!("{at}.notes"), "is longer than 1,000 characters");
        }
        if s.set.len() > MAX_OVERRIDES {
            c.push(
                format!("{at}.set"),
                format!(
                    "a scenario changes at most {MAX_OVERRIDES} fields, not {}",
                    s.set.len()
                ),
            );
            continue;
        }
        match plan.with_scenario(i) {
            Err(e) => c.push(
                format!("scenario \"{}\": {}", e.scenario, e.path),
                e.message,
            ),
            Ok(variant) => {
                for issue in validate(&variant) {
                    if !base_issues.contains(&issue) {
                        c.push(
                            format!("scenario \"{}\": {}", s.name, issue.path),
                            issue.message,
                        );
                    }
                }
            }
        }
    }
}

/// Most paths a simulation draws.
pub const MAX_PATHS: u32 = 100_000;
/// Most figures a simulation keeps (paths × strategies × years, four bytes each): 100 MB.
pub const MAX_SIM_CELLS: u64 = 25_000_000;

/// Problems with simulation settings, named under `path` (`assumptions.simulation` for the
/// plan's own; a command-line override checks its settings the same way). The plan gives the
/// number of strategies and years, which bound how many paths can be kept.
pub fn validate_simulation(s: &Simulation, plan: &Plan, path: &str) -> Vec<Issue> {
    let mut c = Checker { issues: Vec::new() };
    // Constant returns with sampled lifetimes draw `paths` lifetimes on the one market path.
    let drawn = matches!(
        s.mode,
        PathMode::Bootstrap { .. } | PathMode::MonteCarlo { .. }
    ) || (s.mode == PathMode::Constant && s.lifetimes == Lifetimes::Sampled);

    if !(1..=MAX_PATHS).contains(&s.paths) {
        c.push(
            format!("{path}.paths"),
            format!("{} is outside 1 to {MAX_PATHS}", s.paths),
        );
    } else if drawn {
        let per_path = (plan.strategies.len().max(1) * plan.horizon_years().max(1)) as u64;
        let most = MAX_SIM_CELLS / per_path;
        if u64::from(s.paths) > most {
            c.push(
                format!("{path}.paths"),
                format!(
                    "{} paths of {} strategies over {} years is more than this planner keeps; \
                     at most {most}",
                    s.paths,
                    plan.strategies.len(),
                    plan.horizon_years()
                ),
            );
        }
    }
    // The data's own years are checked when the paths are made (a returns file is read then);
    // here, only what no data could serve.
    for (name, year) in [("from", s.from), ("to", s.to)] {
        if let Some(y) = year
            && !(1800..=2300).contains(&y)
        {
            c.push(
                format!("{path}.{name}"),
                format!("{y} is outside 1800 to 2300"),
            );
        }
    }
    if let (Some(from), Some(to)) = (s.from, s.to)
        && to < from
    {
        c.push(
            format!("{path}.to"),
            format!("{to} is before from ({from})"),
        );
    }
    if s.returns_file.as_ref().is_some_and(|f| f.trim().is_empty()) {
        c.push(
            format!("{path}.returns_file"),
            "name a CSV file, or leave the field out for US history",
        );
    }
    match &s.mode {
        PathMode::Constant | PathMode::Historical => {}
        PathMode::Bootstrap { block_years } => {
            if !(1..=30).contains(block_years) {
                c.push(
                    format!("{path}.mode.block_years"),
                    format!("{block_years} is outside 1 to 30"),
                );
            }
        }
        PathMode::MonteCarlo {
            stocks_mean,
            stocks_vol,
            bonds_mean,
            bonds_vol,
            correlation,
            inflation_mean,
            inflation_vol,
        } => {
            let m = format!("{path}.mode");
            c.rate(
                format!("{m}.stocks_mean"),
                *stocks_mean,
                dec!(-0.5),
                dec!(0.3),
            );
            c.rate(
                format!("{m}.stocks_vol"),
                *stocks_vol,
                Decimal::ZERO,
                dec!(0.6),
            );
            c.rate(
                format!("{m}.bonds_mean"),
                *bonds_mean,
                dec!(-0.5),
                dec!(0.3),
            );
            c.rate(
                format!("{m}.bonds_vol"),
                *bonds_vol,
                Decimal::ZERO,
                dec!(0.6),
            );
            if correlation.abs() > Decimal::ONE {
                c.push(
                    format!("{m}.correlation"),
                    format!("{correlation} is outside -1 to 1"),
                );
            }
            c.rate(
                format!("{m}.inflation_mean"),
                *inflation_mean,
                dec!(-0.05),
                dec!(0.2),
            );
            c.rate(
                format!("{m}.inflation_vol"),
                *inflation_vol,
                Decimal::ZERO,
                dec!(0.1),
            );
        }
    }
    c.issues
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Guardrails, demo_plan};

    #[test]
    fn the_demo_is_valid() {
        assert_eq!(validate(&demo_plan()), vec![]);
    }

    #[test]
    fn problems_are_named_by_field_path() {
        let mut p = demo_plan();
        *p.accounts[1].balance_mut() = dec!(-5);
        if let Account::Taxable { cost_basis, .. } = &mut p.accounts[0] {
            *cost_basis = dec!(1e12);
        }
        p.people[0].birth_year = 1800;
        p.assumptions.inflation = dec!(0.5);
        let issues = validate(&p);
        let paths: Vec<&str> = issues.iter().map(|i| i.path.as_str()).collect();
        assert!(paths.contains(&"accounts[1].balance"), "{issues:?}");
        assert!(paths.contains(&"accounts[0].cost_basis"), "{issues:?}");
        assert!(paths.contains(&"people[0].birth_year"), "{issues:?}");
        assert!(paths.contains(&"assumptions.inflation"), "{issues:?}");
        let neg = issues
            .iter()
            .find(|i| i.path == "accounts[1].balance")
            .unwrap();
        assert_eq!(neg.message, "-$5 is negative");
    }

    #[test]
    fn joint_filing_needs_two_people_and_owners_must_exist() {
        let mut p = demo_plan();
        p.people.truncate(1);
        let issues = validate(&p);
        assert!(issues.iter().any(|i| i.path == "filing"), "{issues:?}");
        assert!(
            issues
                .iter()
                .any(|i| i.path.ends_with(".owner") || i.path.ends_with(".person")),
            "{issues:?}"
        );
    }

    #[test]
    fn simulation_settings_are_bounded() {
        let mut p = demo_plan();
        p.assumptions.simulation.paths = 0;
        assert!(
            validate(&p)
                .iter()
                .any(|i| i.path == "assumptions.simulation.paths")
        );
        // 41 years of 8 strategies: 100,000 paths would keep 33 million figures.
        for person in &mut p.people {
            person.planning_age = 105;
        }
        p.assumptions.simulation.paths = 100_000;
        p.assumptions.simulation.mode = PathMode::monte_carlo_default();
        let issues = validate(&p);
        let too_many = issues
            .iter()
            .find(|i| i.path == "assumptions.simulation.paths")
            .expect("too many paths to keep");
        assert!(too_many.message.contains("at most"), "{too_many}");
        p.assumptions.simulation.paths = 10_000;
        p.assumptions.simulation.mode = PathMode::MonteCarlo {
            stocks_mean: dec!(0.1),
            stocks_vol: dec!(2),
            bonds_mean: dec!(0.05),
            bonds_vol: dec!(0.1),
            correlation: dec!(1.5),
            inflation_mean: dec!(0.03),
            inflation_vol: dec!(0.02),
        };
        let paths: Vec<String> = validate(&p).into_iter().map(|i| i.path).collect();
        assert_eq!(
            paths,
            [
                "assumptions.simulation.mode.stocks_vol",
                "assumptions.simulation.mode.correlation"
            ]
        );
        p.assumptions.simulation.mode = PathMode::Bootstrap { block_years: 0 };
        assert!(
            validate(&p)
                .iter()
                .any(|i| i.path == "assumptions.simulation.mode.block_years")
        );
        p.assumptions.simulation.mode = PathMode::bootstrap_default();
        assert_eq!(validate(&p), vec![]);
    }

    #[test]
    fn guardrails_exceptions_are_bounded() {
        let mut p = demo_plan();
        p.spending.guardrails = Some(Guardrails::guyton_klinger());
        assert!(validate(&p).is_empty());
        p.spending.guardrails = Some(Guardrails {
            no_cuts_final_years: 500,
            ..Guardrails::guyton_klinger()
        });
        let issues = validate(&p);
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(issues[0].path, "spending.guardrails.no_cuts_final_years");
        assert!(issues[0].message.contains("at most 100"), "{}", issues[0]);
    }

    #[test]
    fn one_offs_and_windfalls_fall_in_the_plan_s_years() {
        use crate::plan::{OneOff, Windfall};
        // The demo runs from 2026 to 2056.
        let mut p = demo_plan();
        p.spending.one_offs.push(OneOff {
            year: 2100,
            amount: dec!(5000),
            label: String::new(),
        });
        p.income.windfalls.push(Windfall {
            year: 2020,
            amount: dec!(5000),
            taxable_gain: Decimal::ZERO,
            label: String::new(),
        });
        let said: Vec<String> = validate(&p).iter().map(ToString::to_string).collect();
        assert_eq!(
            said,
            [
                "spending.one_offs[0].year: 2100 is after the plan's last year (2056)",
                "income.windfalls[0].year: 2020 is before the plan's first year (2026)",
            ]
        );
        // The household an edit makes is not refused for them: the planner warns instead.
        assert_eq!(validate_household(&p), vec![]);
        p.spending.one_offs[0].year = 2056;
        p.income.windfalls[0].year = 2026;
        assert_eq!(validate(&p), vec![]);
    }

    #[test]
    fn absurd_ages_and_horizons_are_refused() {
        let mut p = demo_plan();
        p.people[0].planning_age = 200;
        assert!(
            validate(&p)
                .iter()
                .any(|i| i.path == "people[0].planning_age")
        );
        let mut p = demo_plan();
        p.people[1].birth_year = p.assumptions.start_year - 5;
        assert!(
            validate(&p)
                .iter()
                .any(|i| i.path == "people[1].birth_year")
        );
    }
}
