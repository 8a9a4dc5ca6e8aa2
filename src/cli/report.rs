//! `drawdown report`: a plan's strategies compared, one strategy's ledger, or the market-risk
//! table over many return paths, without a terminal.

use anyhow::{Context, anyhow, bail};
use clap::{Args, ValueEnum};
use drawdown::claiming::{ClaimOptions, ClaimStep, Measure, compare_claiming_with};
use drawdown::compare::Comparison;
use drawdown::optimize::{Budget, Objective, Optimized};
use drawdown::plan::{
    Lifetimes, PathMode, Plan, Simulation, load_plan, validate, validate_simulation,
};
use drawdown::report::actions::{ActionsError, actions_text, default_strategy};
use drawdown::report::{
    Format, actions, actions_table, claiming_csv, claiming_json, claiming_summary, claiming_table,
    comparison_table, explained_ledger, find_strategy, ledger_table, risk_table, scenario_columns,
    scenarios_table, wins_row,
};
use drawdown::sim::{default_threads, simulate_with};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  drawdown report saves/D.ron\n  \
                        drawdown report saves/D.ron --strategy \"fill 12%\" --format csv\n  \
                        drawdown report saves/D.ron --actions --year 2027\n  \
                        drawdown report saves/E1.ron --paths historical\n  \
                        drawdown report saves/D.ron --paths montecarlo --n 10000 --seed 7\n  \
                        drawdown report saves/F.ron --paths montecarlo --lifetimes sampled\n  \
                        drawdown report saves/D.ron --scenario \"Claim at 70\"\n  \
                        drawdown report saves/D.ron --scenarios --format md\n  \
                        drawdown report saves/F.ron --claiming --measure weighted\n  \
                        drawdown report saves/F.ron --claiming --claiming-step months")]
pub struct ReportArgs {
    /// The plan file (.ron).
    #[arg(value_name = "PLAN.ron")]
    pub plan: PathBuf,
    /// Show this strategy's year-by-year ledger: a name (any case), its number in the plan, or
    /// a prefix only one name starts with. A name wins over a number: `--strategy 2` is the
    /// strategy named "2" if there is one, else the second.
    #[arg(long, value_name = "NAME", conflicts_with_all = ["paths", "n", "seed", "lifetimes"])]
    pub strategy: Option<String>,
    /// Simulate market risk on these return paths and show success rates and percentiles
    /// (the plan's own simulation settings fill in the rest).
    #[arg(long, value_enum, value_name = "MODE")]
    pub paths: Option<Paths>,
    /// Number of paths for bootstrap and Monte Carlo, or for constant returns with sampled
    /// lifetimes (historical uses every start year, and refuses --n). Without --paths, the
    /// plan's own paths are simulated.
    #[arg(long, value_name = "N")]
    pub n: Option<u32>,
    /// Random seed for bootstrap and Monte Carlo paths, and for sampled lifetimes on any paths
    /// (refused where nothing is random). Without --paths, the plan's own paths are simulated.
    #[arg(long, value_name = "SEED")]
    pub seed: Option<u64>,
    /// With the market paths: how long the people live on each path: to their planning ages,
    /// or a year of death drawn per path from the SSA life table (success then counts only the
    /// years someone is alive).
    #[arg(long, value_enum, value_name = "LIVES")]
    pub lifetimes: Option<LivesArg>,
    /// With --strategy: say why each year looks as it does (marginal rates, the edge that
    /// stopped a draw or a conversion, what doing more would have cost).
    #[arg(long, requires = "strategy")]
    pub explain: bool,
    /// This year's actions: the RMD to take from each account, the draws and sales by account,
    /// the Roth conversion, the estimated tax and a suggested withholding, and what sets each
    /// amount. For the recommended strategy unless --strategy names another.
    #[arg(long, conflicts_with_all = ["paths", "n", "seed", "lifetimes", "explain"])]
    pub actions: bool,
    /// With --actions: the year (default: the plan's first).
    #[arg(long, value_name = "YEAR", requires = "actions")]
    pub year: Option<i32>,
    /// Report on this named scenario of the plan instead of the base household (any report:
    /// the comparison, a ledger, the actions, the market risk).
    #[arg(long, value_name = "NAME")]
    pub scenario: Option<String>,
    /// The base and every scenario side by side: each one's recommended strategy and key
    /// outcomes, with the change against the base.
    #[arg(long, conflicts_with_all = ["scenario", "strategy", "actions", "paths", "n", "seed", "lifetimes", "explain"])]
    pub scenarios: bool,
    /// Compare every pair of Social Security claiming ages (62 to 70 each), every named
    /// strategy in each cell, and show the best strategy's figure per cell.
    #[arg(long, conflicts_with_all = ["scenarios", "paths", "n", "seed", "lifetimes", "explain", "actions", "strategy"])]
    pub claiming: bool,
    /// With --claiming: what a cell shows: weighted (the expected after-tax estate at the last
    /// death, over the SSA life table), estate (at the planning ages), lasts (the chance the
    /// money lasts as long as either lives) or capacity (the most a year the household could
    /// spend, the money lasting to the planning ages).
    #[arg(
        long,
        value_enum,
        value_name = "MEASURE",
        requires = "claiming",
        default_value = "weighted"
    )]
    pub measure: MeasureArg,
    /// With --claiming: how far apart the claiming ages are: years (the default, 9 by 9),
    /// months (97 by 97: a couple's 9,409 cells take a while), or a number of months, 1 to 12.
    #[arg(long, value_name = "STEP", requires = "claiming", value_parser = parse_step)]
    pub claiming_step: Option<ClaimStep>,
    /// Output format.
    // Any case, as the format's own parser reads it.
    #[arg(long, value_enum, ignore_case = true, default_value_t = Format::Table)]
    pub format: Format,
}

/// `years`, `months` or a number of months from 1 to 12.
fn parse_step(s: &str) -> Result<ClaimStep, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "years" | "year" => Ok(ClaimStep::YEARS),
        "months" | "month" => Ok(ClaimStep::MONTHS),
        n => n
            .parse::<u32>()
            .ok()
            .and_then(ClaimStep::months)
            .ok_or_else(|| {
                format!("`{s}` is not years, months or a number of months from 1 to 12")
            }),
    }
}

/// What the claiming table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MeasureArg {
    Weighted,
    Estate,
    Lasts,
    Capacity,
}

impl MeasureArg {
    fn measure(self) -> Measure {
        match self {
            MeasureArg::Weighted => Measure::WeightedEstate,
            MeasureArg::Estate => Measure::Estate,
            MeasureArg::Lasts => Measure::MoneyLasts,
            MeasureArg::Capacity => Measure::Capacity,
        }
    }
}

/// Whose lifetimes the market paths run to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LivesArg {
    /// Everyone lives to their planning age.
    Planning,
    /// Each path draws each person's year of death from the SSA life table.
    Sampled,
}

/// Return paths to simulate on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Paths {
    /// US history from each start year since 1928, looping at the end.
    Historical,
    /// Random blocks of consecutive historical years.
    Bootstrap,
    /// Lognormal stock and bond returns, normal inflation.
    #[value(alias = "monte-carlo")]
    Montecarlo,
    /// The plan's own constant returns (one path).
    Constant,
}

pub fn run(args: &ReportArgs) -> anyhow::Result<ExitCode> {
    let file = load_plan(&args.plan)?;
    if args.scenarios {
        let columns = scenario_columns(&file, &Budget::repeatable(), &AtomicBool::new(false))
            .with_context(|| format!("{}", args.plan.display()))?;
        let text = scenarios_table(&file, &columns).render(args.format);
        std::io::stdout().lock().write_all(text.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    let (plan, scenario) = super::scenario_plan(&file, args.scenario.as_deref())?;
    // Every report's title names the plan: say which of its households this is.
    let titled = |title: &str| match &scenario {
        Some(s) => format!("{title} (scenario \"{s}\")"),
        None => title.to_string(),
    };
    if args.claiming {
        let m = args.measure.measure();
        // The capacity search is as much work again: only when the table shows it.
        let options = ClaimOptions {
            step: args.claiming_step.unwrap_or_default(),
            capacity: m == Measure::Capacity,
        };
        let grid = compare_claiming_with(&plan, options, &AtomicBool::new(false), &mut |_| {})
            .with_context(|| format!("{}", args.plan.display()))?;
        // The machine formats are one document each, with the summary and the marks the
        // text shows as `*` and `[ ]` in fields or columns of their own.
        let text = match args.format {
            Format::Table | Format::Md => format!(
                "{}\n{}",
                claiming_table(&plan, &grid, m).render(args.format),
                claiming_summary(&plan, &grid, m).render(args.format)
            ),
            Format::Csv => claiming_csv(&plan, &grid, m),
            Format::Json => claiming_json(&plan, &grid, m),
        };
        std::io::stdout().lock().write_all(text.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    let table = if args.paths.is_some()
        || args.n.is_some()
        || args.seed.is_some()
        || args.lifetimes.is_some()
    {
        let settings = settings(&plan, args)?;
        let cancel = AtomicBool::new(false);
        // The optimized strategies for the estate run on each path as their search's policy:
        // search first (the named strategies alone need no search).
        let found = if plan
            .strategies
            .iter()
            .any(|s| s.objective() == Some(&Objective::Estate))
        {
            compare_all(&plan)
                .with_context(|| format!("{}", args.plan.display()))?
                .1
        } else {
            Vec::new()
        };
        let refs: Vec<&Optimized> = found.iter().collect();
        let result = simulate_with(&plan, &settings, &refs, default_threads(), &cancel, |_| {})
            .with_context(|| format!("{}", args.plan.display()))?;
        risk_table(&plan, &result)
    } else {
        let (c, found) = compare_all(&plan).with_context(|| format!("{}", args.plan.display()))?;
        if args.actions {
            let i = match &args.strategy {
                Some(name) => find_strategy(&c, name).map_err(|e| anyhow!("--strategy: {e}"))?,
                None => default_strategy(&c),
            };
            let year = args.year.unwrap_or(plan.assumptions.start_year);
            let a = actions(&plan, &c, i, year).map_err(|e| match e {
                ActionsError::NoSuchYear { .. } => anyhow!("--year: {e}"),
                e => anyhow!("{}: {e}", args.plan.display()),
            })?;
            let text = match args.format {
                Format::Table => match &scenario {
                    Some(s) => format!("Scenario \"{s}\"\n{}", actions_text(&plan, &a)),
                    None => actions_text(&plan, &a),
                },
                format => {
                    let mut t = actions_table(&plan, &a);
                    t.title = titled(&t.title);
                    t.render(format)
                }
            };
            std::io::stdout().lock().write_all(text.as_bytes())?;
            return Ok(ExitCode::SUCCESS);
        }
        match &args.strategy {
            None => {
                let mut table = comparison_table(&plan, &c);
                if let Some(row) = wins_row(&c, &found) {
                    table.rows.push(row);
                }
                table
            }
            Some(name) => {
                let i = find_strategy(&c, name).map_err(|e| anyhow!("--strategy: {e}"))?;
                let ledger = ledger_table(&plan, &c.projections[i]);
                if args.explain {
                    let mut ledger = ledger;
                    ledger.title = titled(&ledger.title);
                    let text = explained_ledger(&plan, ledger, &c.projections[i], args.format)?;
                    std::io::stdout().lock().write_all(text.as_bytes())?;
                    return Ok(ExitCode::SUCCESS);
                }
                ledger
            }
        }
    };
    let mut table = table;
    table.title = titled(&table.title);
    let mut out = std::io::stdout().lock();
    out.write_all(table.render(args.format).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// Every strategy of the plan compared; each optimized one searched first (synchronously: a
/// few hundred milliseconds for a thirty-year plan). A report is repeatable: the search stops at
/// its count of projections, never at a time limit that a busy machine would reach sooner.
fn compare_all(plan: &Plan) -> anyhow::Result<(Comparison, Vec<Optimized>)> {
    Ok(drawdown::compare::compare_all(
        plan,
        &Budget::repeatable(),
        &AtomicBool::new(false),
    )?)
}

/// The plan's simulation settings with the flags' overrides. A mode named by `--paths` keeps the
/// plan's parameters when the plan uses that mode, else takes the defaults.
fn settings(plan: &Plan, args: &ReportArgs) -> anyhow::Result<Simulation> {
    if let Some(first) = validate(plan).first() {
        bail!("{}: the plan is not valid: {first}", args.plan.display());
    }
    let mut s = plan.assumptions.simulation.clone();
    if let Some(lives) = args.lifetimes {
        s.lifetimes = match lives {
            LivesArg::Planning => Lifetimes::PlanningAges,
            LivesArg::Sampled => Lifetimes::Sampled,
        };
    }
    if let Some(paths) = args.paths {
        s.mode = match (paths, &s.mode) {
            (Paths::Historical, _) => PathMode::Historical,
            (Paths::Constant, _) => PathMode::Constant,
            (Paths::Bootstrap, m @ PathMode::Bootstrap { .. }) => m.clone(),
            (Paths::Bootstrap, _) => PathMode::bootstrap_default(),
            (Paths::Montecarlo, m @ PathMode::MonteCarlo { .. }) => m.clone(),
            (Paths::Montecarlo, _) => PathMode::monte_carlo_default(),
        };
    }
    check_random_flags(args, &s)?;
    if args.paths.is_none() {
        // --n, --seed or --lifetimes alone simulate the plan's own paths: say so, as they used
        // to switch to them without a word. On standard error, to leave the table alone.
        writeln!(
            std::io::stderr(),
            "note: no --paths: simulating the plan's own paths ({})",
            mode_name(&s.mode)
        )?;
    }
    if let Some(n) = args.n {
        s.paths = n;
    }
    if let Some(seed) = args.seed {
        s.seed = seed;
    }
    if let Some(issue) = validate_simulation(&s, plan, "simulation").first() {
        let flag = if issue.path.ends_with(".paths") && args.n.is_some() {
            "--n".to_string()
        } else {
            format!("assumptions.{}", issue.path)
        };
        bail!("{flag}: {}", issue.message);
    }
    Ok(s)
}

/// Refuses `--n` and `--seed` where the paths would not use them: a historical run has one path
/// per start year and draws nothing, so either flag was silently ignored.
fn check_random_flags(args: &ReportArgs, s: &Simulation) -> anyhow::Result<()> {
    if args.n.is_none() && args.seed.is_none() {
        return Ok(());
    }
    let mode = mode_name(&s.mode);
    let drawn = matches!(
        s.mode,
        PathMode::Bootstrap { .. } | PathMode::MonteCarlo { .. }
    );
    let sampled = !s.lifetimes.is_planning();
    // Constant returns with sampled lifetimes run `paths` lifetimes on the one market.
    let n_used = drawn || (sampled && matches!(s.mode, PathMode::Constant));
    // Sampled deaths come from the seed on any paths.
    let seed_used = drawn || sampled;
    let whose = if args.paths.is_some() {
        format!("--paths {mode}")
    } else {
        format!("the plan's own paths ({mode}; --paths chooses others)")
    };
    match (
        args.n.is_some() && !n_used,
        args.seed.is_some() && !seed_used,
    ) {
        (true, true) => bail!(
            "--n and --seed apply to --paths bootstrap and montecarlo (or to --lifetimes \
             sampled), not {whose}"
        ),
        (true, false) => bail!(
            "--n applies to --paths bootstrap and montecarlo (or constant with --lifetimes \
             sampled), not {whose}"
        ),
        (false, true) => bail!(
            "--seed applies to --paths bootstrap and montecarlo (or to --lifetimes sampled), \
             not {whose}"
        ),
        (false, false) => {}
    }
    Ok(())
}

/// The mode as `--paths` names it.
fn mode_name(mode: &PathMode) -> &'static str {
    match mode {
        PathMode::Historical => "historical",
        PathMode::Constant => "constant",
        PathMode::Bootstrap { .. } => "bootstrap",
        PathMode::MonteCarlo { .. } => "montecarlo",
    }
}
