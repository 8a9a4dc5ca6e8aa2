//! Return paths for simulation, on `f64`: the plan's constant returns, US history from each start
//! year, a block bootstrap of history, and lognormal Monte Carlo.
//!
//! Every generator fills a path of the plan's length; path `i` depends only on the plan, its
//! seed and `i`, never on which thread draws it or what was drawn before.

use super::error::SimError;
use super::history::{HistoryYear, history, load_returns};
use super::rng::PathRng;
use crate::engine::{ReturnPath, YearReturns, constant_year};
use crate::num::Num;
use crate::plan::{PathMode, Plan, Simulation};
use std::borrow::Cow;

/// The plan's constant returns, every year.
pub fn constant(plan: &Plan) -> ReturnPath<f64> {
    ReturnPath {
        years: vec![constant_f64(plan); plan.horizon_years()],
    }
}

fn constant_f64(plan: &Plan) -> YearReturns<f64> {
    let y = constant_year(plan);
    YearReturns {
        stocks: f64::from_dec(y.stocks),
        bonds: f64::from_dec(y.bonds),
        cash: f64::from_dec(y.cash),
        inflation: f64::from_dec(y.inflation),
    }
}

fn from_history(h: &HistoryYear) -> YearReturns<f64> {
    YearReturns {
        stocks: h.stocks,
        bonds: h.bonds,
        cash: h.bills,
        inflation: h.cpi,
    }
}

/// History from the year at `start`, looping back to the first year after the last, as the
/// classic studies do.
pub fn historical(history: &[HistoryYear], start: usize, years: usize) -> ReturnPath<f64> {
    let mut out = Vec::with_capacity(years);
    fill_historical(history, start, years, &mut out);
    ReturnPath { years: out }
}

fn fill_historical(
    history: &[HistoryYear],
    start: usize,
    years: usize,
    out: &mut Vec<YearReturns<f64>>,
) {
    out.clear();
    if history.is_empty() {
        return;
    }
    out.extend((0..years).map(|k| from_history(&history[(start + k) % history.len()])));
}

/// Blocks of `block` consecutive historical years (looping at the end), each starting at a year
/// drawn at random, until the path is `years` long.
pub fn bootstrap(
    history: &[HistoryYear],
    block: usize,
    years: usize,
    rng: &mut PathRng,
) -> ReturnPath<f64> {
    let mut out = Vec::with_capacity(years);
    fill_bootstrap(history, block, years, rng, &mut out);
    ReturnPath { years: out }
}

fn fill_bootstrap(
    history: &[HistoryYear],
    block: usize,
    years: usize,
    rng: &mut PathRng,
    out: &mut Vec<YearReturns<f64>>,
) {
    out.clear();
    if history.is_empty() {
        return;
    }
    let block = block.max(1);
    while out.len() < years {
        let start = rng.below(history.len());
        let take = block.min(years - out.len());
        out.extend((0..take).map(|k| from_history(&history[(start + k) % history.len()])));
    }
}

/// Parameters of the Monte Carlo mode, as rates (0.1 = 10%).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MonteCarlo {
    pub stocks_mean: f64,
    pub stocks_vol: f64,
    pub bonds_mean: f64,
    pub bonds_vol: f64,
    /// Correlation of the stock and bond log returns.
    pub correlation: f64,
    pub inflation_mean: f64,
    pub inflation_vol: f64,
    /// What cash earns above the year's inflation (the plan's cash rate less its inflation).
    pub real_cash: f64,
}

/// The normal distribution of `ln(1 + R)` whose `R` has arithmetic mean `mean` and standard
/// deviation `vol`: `(mu, sigma)`.
fn lognormal(mean: f64, vol: f64) -> (f64, f64) {
    let growth = (1.0 + mean).max(0.01);
    let var = libm::log(1.0 + vol * vol / (growth * growth));
    (libm::log(growth) - var / 2.0, libm::sqrt(var))
}

/// Inflation draws are kept in a range history never left, so prices stay positive.
const INFLATION_RANGE: (f64, f64) = (-0.5, 1.0);

impl MonteCarlo {
    pub fn from_mode(mode: &PathMode, plan: &Plan) -> Option<MonteCarlo> {
        let f = f64::from_dec;
        let c = constant_year(plan);
        match *mode {
            PathMode::MonteCarlo {
                stocks_mean,
                stocks_vol,
                bonds_mean,
                bonds_vol,
                correlation,
                inflation_mean,
                inflation_vol,
            } => Some(MonteCarlo {
                stocks_mean: f(stocks_mean),
                stocks_vol: f(stocks_vol),
                bonds_mean: f(bonds_mean),
                bonds_vol: f(bonds_vol),
                correlation: f(correlation).clamp(-1.0, 1.0),
                inflation_mean: f(inflation_mean),
                inflation_vol: f(inflation_vol),
                real_cash: f(c.cash - c.inflation),
            }),
            _ => None,
        }
    }

    /// One path: each year a correlated pair of normal log returns (Cholesky factor of the 2×2
    /// correlation matrix) and an independent normal inflation.
    pub fn path(&self, years: usize, rng: &mut PathRng) -> ReturnPath<f64> {
        let mut out = Vec::with_capacity(years);
        self.fill(years, rng, &mut out);
        ReturnPath { years: out }
    }

    fn fill(&self, years: usize, rng: &mut PathRng, out: &mut Vec<YearReturns<f64>>) {
        out.clear();
        let (mu_s, sig_s) = lognormal(self.stocks_mean, self.stocks_vol);
        let (mu_b, sig_b) = lognormal(self.bonds_mean, self.bonds_vol);
        let rho = self.correlation;
        let rest = libm::sqrt((1.0 - rho * rho).max(0.0));
        for _ in 0..years {
            let z1 = rng.normal();
            let z2 = rng.normal();
            let z3 = rng.normal();
            let stocks = libm::exp(mu_s + sig_s * z1) - 1.0;
            let bonds = libm::exp(mu_b + sig_b * (rho * z1 + rest * z2)) - 1.0;
            let inflation = (self.inflation_mean + self.inflation_vol * z3)
                .clamp(INFLATION_RANGE.0, INFLATION_RANGE.1);
            out.push(YearReturns {
                stocks,
                bonds,
                cash: (inflation + self.real_cash).max(0.0),
                inflation,
            });
        }
    }
}

/// The paths a simulation runs: how many, and path `i` on demand.
#[derive(Debug, Clone)]
pub struct PathSource {
    kind: Kind,
    years: usize,
    count: usize,
    seed: u64,
}

#[derive(Debug, Clone)]
enum Kind {
    Constant(YearReturns<f64>),
    Historical(Years),
    Bootstrap(Years, usize),
    MonteCarlo(MonteCarlo),
}

/// The years of history a simulation draws from: the shipped table or a user's file, cut to
/// the plan's window.
type Years = Cow<'static, [HistoryYear]>;

/// The history `settings` asks for: the returns file when one is named, else the shipped US
/// table, from `from` through `to` (each defaulting to the data's own first and last year).
pub fn history_for(settings: &Simulation) -> Result<Years, SimError> {
    let field = |name: &str| format!("assumptions.simulation.{name}");
    let all: Years = match &settings.returns_file {
        Some(path) => Cow::Owned(load_returns(path).map_err(|message| SimError::Returns {
            field: field("returns_file"),
            message: format!("{path}: {message}"),
        })?),
        None => Cow::Borrowed(history()?),
    };
    let (Some(first), Some(last)) = (all.first().map(|y| y.year), all.last().map(|y| y.year))
    else {
        return Err(SimError::Returns {
            field: field("returns_file"),
            message: "no years".into(),
        });
    };
    let from = settings.from.unwrap_or(first);
    let to = settings.to.unwrap_or(last);
    if !(first..=last).contains(&from) {
        return Err(SimError::Returns {
            field: field("from"),
            message: format!("{from} is outside the data's years, {first} to {last}"),
        });
    }
    if !(from..=last).contains(&to) {
        return Err(SimError::Returns {
            field: field("to"),
            message: format!("{to} is outside {from} (from) to {last} (the data's last year)"),
        });
    }
    let (a, b) = ((from - first) as usize, (to - first) as usize);
    Ok(match all {
        Cow::Borrowed(h) => Cow::Borrowed(&h[a..=b]),
        Cow::Owned(h) => Cow::Owned(h[a..=b].to_vec()),
    })
}

impl PathSource {
    pub fn new(plan: &Plan, settings: &Simulation) -> Result<PathSource, SimError> {
        let years = plan.horizon_years();
        let drawn = settings.paths.max(1) as usize;
        let (kind, count) = match &settings.mode {
            // Constant returns are one path, unless lifetimes are drawn: then each of `paths`
            // paths is the same market with its own lifetimes (longevity risk alone).
            PathMode::Constant => (
                Kind::Constant(constant_f64(plan)),
                if settings.lifetimes.is_planning() {
                    1
                } else {
                    drawn
                },
            ),
            PathMode::Historical => {
                let h = history_for(settings)?;
                let n = h.len();
                (Kind::Historical(h), n)
            }
            PathMode::Bootstrap { block_years } => (
                Kind::Bootstrap(history_for(settings)?, *block_years as usize),
                drawn,
            ),
            mode @ PathMode::MonteCarlo { .. } => {
                let mc = MonteCarlo::from_mode(mode, plan).ok_or(SimError::Unreachable)?;
                (Kind::MonteCarlo(mc), drawn)
            }
        };
        Ok(PathSource {
            kind,
            years,
            count,
            seed: settings.seed,
        })
    }

    /// Number of paths.
    pub fn count(&self) -> usize {
        self.count
    }

    /// Path `index` (below `count`) into `out`, reusing its storage.
    pub fn fill(&self, index: usize, out: &mut ReturnPath<f64>) {
        let years = &mut out.years;
        match &self.kind {
            Kind::Constant(y) => {
                years.clear();
                years.resize(self.years, *y);
            }
            Kind::Historical(h) => fill_historical(h, index, self.years, years),
            Kind::Bootstrap(h, block) => {
                let mut rng = PathRng::new(self.seed, index as u64);
                fill_bootstrap(h, *block, self.years, &mut rng, years);
            }
            Kind::MonteCarlo(mc) => {
                let mut rng = PathRng::new(self.seed, index as u64);
                mc.fill(self.years, &mut rng, years);
            }
        }
    }

    /// Path `index` as a new path.
    pub fn path(&self, index: usize) -> ReturnPath<f64> {
        let mut out = ReturnPath::default();
        self.fill(index, &mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::demo_plan;

    fn settings(mode: PathMode, paths: u32) -> Simulation {
        Simulation {
            mode,
            paths,
            seed: 42,
            ..Simulation::default()
        }
    }

    #[test]
    fn historical_paths_loop_back_to_the_first_year() {
        let h = history().unwrap();
        let p = historical(h, h.len() - 2, 5);
        assert_eq!(p.years[0].stocks, h[h.len() - 2].stocks);
        assert_eq!(p.years[2].stocks, h[0].stocks);
        assert_eq!(p.years[2].inflation, h[0].cpi);
        assert_eq!(p.years[4].cash, h[2].bills);
    }

    #[test]
    fn one_historical_path_per_start_year() {
        let plan = demo_plan();
        let src = PathSource::new(&plan, &settings(PathMode::Historical, 7)).unwrap();
        assert_eq!(src.count(), 98);
        assert_eq!(src.path(3).years.len(), plan.horizon_years());
    }

    #[test]
    fn bootstrap_takes_consecutive_years_in_blocks() {
        let h = history().unwrap();
        let mut rng = PathRng::new(42, 0);
        let p = bootstrap(h, 5, 12, &mut rng);
        assert_eq!(p.years.len(), 12);
        let pos = |y: &YearReturns<f64>| {
            h.iter()
                .position(|r| from_history(r) == *y)
                .expect("every year comes from history")
        };
        for block in p.years.chunks(5) {
            let first = pos(&block[0]);
            for (k, y) in block.iter().enumerate() {
                assert_eq!(*y, from_history(&h[(first + k) % h.len()]));
            }
        }
    }

    #[test]
    fn monte_carlo_has_the_asked_moments_and_correlation() {
        let mc = MonteCarlo {
            stocks_mean: 0.10,
            stocks_vol: 0.20,
            bonds_mean: 0.05,
            bonds_vol: 0.08,
            correlation: 0.5,
            inflation_mean: 0.03,
            inflation_vol: 0.02,
            real_cash: 0.005,
        };
        let mut rng = PathRng::new(9, 9);
        let p = mc.path(100_000, &mut rng);
        let n = p.years.len() as f64;
        let mean = |f: &dyn Fn(&YearReturns<f64>) -> f64| p.years.iter().map(f).sum::<f64>() / n;
        let (ms, mb, mi) = (
            mean(&|y| y.stocks),
            mean(&|y| y.bonds),
            mean(&|y| y.inflation),
        );
        let sd = |f: &dyn Fn(&YearReturns<f64>) -> f64, m: f64| {
            (p.years.iter().map(|y| (f(y) - m).powi(2)).sum::<f64>() / n).sqrt()
        };
        let (ss, sb) = (sd(&|y| y.stocks, ms), sd(&|y| y.bonds, mb));
        assert!((ms - 0.10).abs() < 0.003, "{ms}");
        assert!((mb - 0.05).abs() < 0.002, "{mb}");
        assert!((mi - 0.03).abs() < 0.001, "{mi}");
        assert!((ss - 0.20).abs() < 0.005, "{ss}");
        assert!((sb - 0.08).abs() < 0.002, "{sb}");
        let cov = p
            .years
            .iter()
            .map(|y| (y.stocks - ms) * (y.bonds - mb))
            .sum::<f64>()
            / n;
        let corr = cov / (ss * sb);
        assert!((corr - 0.5).abs() < 0.02, "{corr}");
        assert!(p.years.iter().all(|y| y.stocks > -1.0 && y.cash >= 0.0));
    }

    #[test]
    fn drawn_paths_depend_only_on_seed_and_index() {
        let plan = demo_plan();
        for mode in [
            PathMode::bootstrap_default(),
            PathMode::monte_carlo_default(),
        ] {
            let src = PathSource::new(&plan, &settings(mode, 100)).unwrap();
            assert_eq!(src.count(), 100);
            let later = src.path(57);
            let _ = src.path(3);
            assert_eq!(src.path(57), later);
            assert_ne!(src.path(56), later);
        }
    }

    #[test]
    fn constant_mode_is_the_plans_own_path() {
        let plan = demo_plan();
        let src = PathSource::new(&plan, &settings(PathMode::Constant, 100)).unwrap();
        assert_eq!(src.count(), 1);
        assert_eq!(src.path(0), constant(&plan));
        assert_eq!(constant(&plan).years[0].stocks, 0.07);
    }
}
