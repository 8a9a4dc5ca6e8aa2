//! A plan's scenario on another return path, in O(years).
//!
//! `Scenario::build` resolves every year's law from the tables, exactly, in Decimal: right for
//! one projection, far too slow for ten thousand paths. Only a few things in a scenario depend
//! on the path: the returns, the price levels (from the path's inflation), the amounts that
//! follow prices (Social Security, wages, indexed other income, spending, one-offs, the state
//! deduction; medical costs, benchmark premiums, contributions and the payroll tax on wages),
//! and the law's inflation-indexed amounts after the last table year (tax thresholds, IRMAA
//! tiers, Medicare premiums, poverty lines and the Marketplace's cliffs, the limit on qualified
//! charitable distributions). This
//! module builds the scenario once on the plan's constant path and then, per path, rescales
//! those amounts to the path's price levels and re-indexes those thresholds from their
//! unindexed values, rounding as the Code and CMS round.

use super::error::SimError;
use super::lives::{LifeYear, Lived};
use crate::engine::health::HealthYear;
use crate::engine::{EngineError, ReturnPath, Scenario, YearInputs, deflator};
use crate::health::{HealthTables, MedicarePremiums};
use crate::kept::KeepLast;
use crate::num::Num;
use crate::plan::Plan;
use crate::tax::qcd::QcdTable;
use crate::tax::tables::LAST_TABLE_YEAR;
use crate::tax::{
    IndexMask, Irmaa, LawMode, LawTables, StateCode, StateLaw, StateTables, StateYear, TaxLaw,
};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The inflation-indexed thresholds of one year's law before indexing (the last table's values,
/// after the plan's law mode).
#[derive(Debug, Clone, Copy)]
struct Unindexed {
    brackets: [[f64; 6]; 4],
    gain_edges: [[f64; 2]; 4],
    standard: [f64; 4],
    aged_or_blind: [f64; 4],
}

/// Makes a plan's scenario for any return path from one template.
#[derive(Debug, Clone)]
pub struct Repath {
    template: Scenario<f64>,
    start: i32,
    plan_inflation: f64,
    /// For plans starting after the last table year: prices of the first year relative to that
    /// table year, at the plan's own inflation (as the exact builder assumes).
    gap: f64,
    /// Per year: the unindexed thresholds when the year's law is indexed (after the last table).
    laws: Arc<Vec<Option<Unindexed>>>,
    /// Per premium year (the plan's years and two beyond): whether the year has no table of its
    /// own, so that its tiers are the last table's, indexed.
    irmaa_indexed: Vec<bool>,
    /// The last table's tiers, unindexed.
    irmaa_base: IrmaaBase,
    /// Per year: how the state tax follows prices (see [`StateIndexing`]).
    states: Vec<StateIndexing>,
    /// Per year: the base Medicare premiums a month.
    medicare: Vec<MedicareBase>,
    /// Per year: the limit on qualified charitable distributions before indexing, when the year
    /// is past the limit's last table row (`None`: the row's own amount, on every path).
    qcd: Vec<Option<f64>>,
    /// The template's law index per year and two beyond (what [`Repath::apply`] computes for
    /// the plan's own path), against which the path's is compared.
    template_law: Vec<f64>,
}

/// A year's base Medicare premiums a month (Part B's standard premium, Part D's base premium),
/// each as its table gives it, or its last table's amount when the year is past that table
/// (`true`: indexed with the law and rounded to ten cents, as `MedicarePremiums::for_year`
/// grows it).
#[derive(Debug, Clone, Copy)]
struct MedicareBase {
    part_b: (f64, bool),
    part_d: (f64, bool),
}

impl MedicareBase {
    /// The base premiums a month at law index `index`.
    fn monthly(&self, index: f64) -> f64 {
        let part = |(amount, indexed): (f64, bool)| {
            if indexed {
                dimes(amount * index)
            } else {
                amount
            }
        };
        part(self.part_b) + part(self.part_d)
    }
}

/// How a year's state tax follows the path's prices.
#[derive(Debug, Clone)]
enum StateIndexing {
    /// The custom rate's deduction, in today's dollars.
    Custom { deduction: f64 },
    /// A state's law after its file's last year: the law unindexed and what of it is indexed.
    Indexed {
        base: Arc<StateLaw<f64>>,
        mask: IndexMask,
    },
    /// A state's law for a year of its file: the same on every path.
    Fixed,
}

impl Repath {
    /// The template: the plan on its own constant path. The plan must be valid.
    pub fn new(plan: &Plan) -> Result<Repath, SimError> {
        let path = ReturnPath::constant(plan);
        let exact = Scenario::<Decimal>::build(plan, &path)?;
        let template = exact.to_f64();
        let tables = LawTables::get()?;
        let start = plan.assumptions.start_year;
        let n = template.years.len();
        let mode = &plan.assumptions.tax_law;
        let laws = unindexed_laws(tables, mode, start, n)?;
        let irmaa_indexed = (0..n + 2)
            .map(|j| tables.irmaa_for(start + j as i32).is_none())
            .collect();
        let last = tables.last_irmaa();
        let f = |v: &[Decimal]| -> Vec<f64> { v.iter().map(|d| f64::from_dec(*d)).collect() };
        let five = |v: &[Decimal]| -> [f64; 5] { std::array::from_fn(|i| f(v)[i]) };
        let six = |v: &[Decimal]| -> [f64; 6] { std::array::from_fn(|i| f(v)[i]) };
        let irmaa_base = IrmaaBase {
            single_edges: five(&last.single_edges),
            joint_edges: five(&last.joint_edges),
            mfs_top_edge: f64::from_dec(last.mfs_top_edge),
            standard_part_b: f64::from_dec(last.standard_part_b),
            part_b_total: six(&last.part_b_total),
            part_d_surcharge: six(&last.part_d_surcharge),
            // The stylised flat-rate law has no Medicare surcharges (as the builder does).
            surcharges: !matches!(mode, LawMode::FlatRates { .. }),
        };
        let mut gap = 1.0;
        for _ in LAST_TABLE_YEAR..start {
            gap *= 1.0 + f64::from_dec(plan.assumptions.inflation);
        }
        let health = HealthTables::get().map_err(EngineError::from)?;
        let medicare = (0..n)
            .map(|k| {
                let year = start + k as i32;
                let [b, d] = MedicarePremiums::table_rows(tables, health, year)
                    .map(|(amount, from)| (f64::from_dec(amount), from != year));
                MedicareBase {
                    part_b: b,
                    part_d: d,
                }
            })
            .collect();
        let qcd_table = QcdTable::get()?;
        let qcd = (0..n)
            .map(|k| {
                let year = start + k as i32;
                let (row, amount) = qcd_table.row(year);
                (row < year).then(|| f64::from_dec(amount))
            })
            .collect();
        let mut repath = Repath {
            template,
            start,
            plan_inflation: f64::from_dec(plan.assumptions.inflation),
            gap,
            laws,
            irmaa_indexed,
            irmaa_base,
            states: state_indexing(plan, start, n)?,
            medicare,
            qcd,
            template_law: Vec::new(),
        };
        let own = ReturnPath::constant(plan).convert::<f64>();
        let levels = repath.price_levels(&own);
        repath.template_law = (0..n + 3).map(|k| repath.law_level(&levels, k)).collect();
        Ok(repath)
    }

    /// Price levels of a path for every year of the plan and two beyond; past the path, the
    /// plan's inflation.
    fn price_levels(&self, path: &ReturnPath<f64>) -> Vec<f64> {
        let mut levels = Vec::new();
        self.fill_levels(path, &mut levels);
        levels
    }

    fn fill_levels(&self, path: &ReturnPath<f64>, levels: &mut Vec<f64>) {
        levels.clear();
        let mut level = 1.0;
        for k in 0..self.template.years.len() + 3 {
            levels.push(level);
            let inflation = path
                .years
                .get(k)
                .map_or(self.plan_inflation, |y| y.inflation);
            level *= 1.0 + inflation;
        }
    }

    /// The law's index in year `k` at price levels `levels`: 1 up to the last table year, then
    /// prices relative to that year.
    fn law_level(&self, levels: &[f64], k: usize) -> f64 {
        let year = self.start + k as i32;
        if year <= LAST_TABLE_YEAR {
            1.0
        } else if self.start <= LAST_TABLE_YEAR {
            levels[k] / levels[(LAST_TABLE_YEAR - self.start) as usize]
        } else {
            levels[k] * self.gap
        }
    }

    /// The plan on its own constant path: a starting point for [`Repath::apply`].
    pub fn template(&self) -> &Scenario<f64> {
        &self.template
    }

    /// Rewrites `out` (a copy of the template, or the result of an earlier `apply`) for `path`.
    /// `levels` is scratch space, reused to keep the per-path work free of allocation.
    pub fn apply(&self, path: &ReturnPath<f64>, out: &mut Scenario<f64>, levels: &mut Vec<f64>) {
        if out.years.len() != self.template.years.len() {
            *out = self.template.clone();
        }
        self.apply_to(path, None, out, levels);
    }

    /// [`Repath::apply`] for a household whose lives end as `lived` has them: the years a death
    /// changes are `lived`'s, moved to the path's prices, and `out` keeps only the years someone
    /// is alive. A scratch scenario used here must be used here only (its years hold the last
    /// lives applied).
    pub fn apply_lived(
        &self,
        path: &ReturnPath<f64>,
        lived: &Lived,
        out: &mut Scenario<f64>,
        levels: &mut Vec<f64>,
    ) {
        let n = self.template.years.len();
        if out.years.len() > n {
            *out = self.template.clone();
        } else if out.years.len() < n {
            // The years the last path's lives cut off: only those are copied back.
            let have = out.years.len();
            out.years.extend_from_slice(&self.template.years[have..]);
        }
        self.apply_to(path, Some(lived), out, levels);
        out.years.truncate(lived.years.len().min(n));
    }

    fn apply_to(
        &self,
        path: &ReturnPath<f64>,
        lived: Option<&Lived>,
        out: &mut Scenario<f64>,
        levels: &mut Vec<f64>,
    ) {
        let n = self.template.years.len();
        self.fill_levels(path, levels);
        let levels: &[f64] = levels;
        let law_level = |k: usize| self.law_level(levels, k);
        for (k, (y, t)) in out.years.iter_mut().zip(&self.template.years).enumerate() {
            let level = levels[k];
            let life = lived.and_then(|l| l.years.get(k));
            if let Some(l) = life {
                lay(y, l);
            }
            rescale(y, t, life, level);
            let law = LawIndex {
                this: law_level(k),
                template: self.template_law[k],
                last: k.checked_sub(1).map_or(1.0, law_level),
                template_last: k.checked_sub(1).map_or(1.0, |j| self.template_law[j]),
            };
            let health = life.map_or(&t.health, |l| &l.health);
            let medicare = self.medicare.get(k);
            rescale_health(&mut y.health, health, level / t.price_level, &law, medicare);
            // The limit grows with the law's index from its last row, to $1,000 (as
            // `QcdTable::limit` grows it); zero before the year of 70½.
            if let Some(Some(base)) = self.qcd.get(k) {
                for (q, t) in y.qcd_limit.iter_mut().zip(t.qcd_limit) {
                    *q = if t > 0.0 {
                        index_nearest(*base, law.this, 1000.0)
                    } else {
                        0.0
                    };
                }
            }
            match (&self.states[k], &mut y.state) {
                (StateIndexing::Custom { deduction }, StateYear::Custom(rules)) => {
                    rules.deduction = (deduction * level).round_cents();
                }
                (StateIndexing::Indexed { base, mask }, StateYear::Law(law)) => {
                    Arc::make_mut(law)
                        .law_mut()
                        .reindex(base, mask, law_level(k));
                }
                _ => {}
            }
            if let Some(Some(base)) = self.laws.get(k) {
                index_law(&mut y.law, base, law_level(k));
            }
            if self.irmaa_indexed.get(k) == Some(&true) {
                self.irmaa_base.index(&mut y.irmaa, law_level(k));
            }
            if let Some(r) = path.years.get(k) {
                y.returns = *r;
            }
        }
        // The tiers two years ahead are those of the year two ahead; past the plan, indexed.
        for k in 0..n {
            if self.irmaa_indexed.get(k + 2) != Some(&true) {
                continue;
            }
            if k + 2 < n {
                let ahead = out.years[k + 2].irmaa.clone();
                out.years[k].irmaa_ahead = ahead;
            } else {
                self.irmaa_base
                    .index(&mut out.years[k].irmaa_ahead, law_level(k + 2));
            }
        }
    }
}

/// The unindexed federal thresholds of each year after the last table year under `mode` (`None`
/// for a table year). Resolving a year's law takes as long as a thousand tax computations and
/// every simulation of the plan needs the same ones: the last set is kept (most edits change
/// neither the law mode nor the years), as the scenario builder keeps its laws.
fn unindexed_laws(
    tables: &LawTables,
    mode: &LawMode,
    start: i32,
    n: usize,
) -> Result<Arc<Vec<Option<Unindexed>>>, SimError> {
    static LAST: KeepLast<(LawMode, i32, usize), Vec<Option<Unindexed>>> = KeepLast::new();
    LAST.get_or_make((mode.clone(), start, n), |_| {
        (0..n)
            .map(|k| {
                let year = start + k as i32;
                if year <= LAST_TABLE_YEAR {
                    return Ok(None);
                }
                let law = TaxLaw::resolve(tables, mode, year, Decimal::ONE)?.to_f64();
                Ok(Some(Unindexed {
                    brackets: law.brackets,
                    gain_edges: law.gain_edges,
                    standard: law.standard,
                    aged_or_blind: law.aged_or_blind,
                }))
            })
            .collect()
    })
}

/// A state's law for a year after its file's years, unindexed, on `f64`: resolved once per state
/// and year in a run of the program (the state tables do not change while it runs).
fn unindexed_state(
    tables: &StateTables,
    code: StateCode,
    year: i32,
) -> Result<Arc<StateLaw<f64>>, SimError> {
    type Kept = HashMap<(StateCode, i32), Arc<StateLaw<f64>>>;
    static KEPT: Mutex<Option<Kept>> = Mutex::new(None);
    if let Ok(kept) = KEPT.lock()
        && let Some(law) = kept.as_ref().and_then(|m| m.get(&(code, year)))
    {
        return Ok(Arc::clone(law));
    }
    let law = Arc::new(StateLaw::resolve(tables, code, year, Decimal::ONE)?.convert());
    if let Ok(mut kept) = KEPT.lock() {
        let map = kept.get_or_insert_with(HashMap::new);
        // A bound for a long session of moves between states: a plan spans at most a few
        // hundred state-years.
        if map.len() > 4096 {
            map.clear();
        }
        map.insert((code, year), Arc::clone(&law));
    }
    Ok(law)
}

/// How each year's state tax follows prices, from the plan's residence that year.
fn state_indexing(plan: &Plan, start: i32, n: usize) -> Result<Vec<StateIndexing>, SimError> {
    let tables = StateTables::get()?;
    (0..n)
        .map(|k| {
            let year = start + k as i32;
            let residence = plan.residence_in(year);
            Ok(match residence.code() {
                None => StateIndexing::Custom {
                    deduction: residence
                        .custom_tax()
                        .map_or(0.0, |t| f64::from_dec(t.deduction)),
                },
                Some(code) => match tables.index_mask(code, year) {
                    Some(mask) => StateIndexing::Indexed {
                        base: unindexed_state(tables, code, year)?,
                        mask,
                    },
                    None => StateIndexing::Fixed,
                },
            })
        })
        .collect()
}

/// Moves the year's price-indexed amounts from the template's price level to `level`.
/// Pensions keep their own cost-of-living rule; nominal other income stays in dollars.
/// `life`'s amounts in place of the template's when the path draws lifetimes.
fn rescale(y: &mut YearInputs<f64>, t: &YearInputs<f64>, life: Option<&LifeYear>, level: f64) {
    let ratio = level / t.price_level;
    let scale = |x: f64| (x * ratio).round_cents();
    y.price_level = level;
    y.deflator = deflator(level);
    let (own, living) = match life {
        Some(l) => (&l.own, l.living),
        None => (&t.own, t.living),
    };
    // Each person's, then the household's, as the exact builder adds them up.
    for (o, p) in y.own.iter_mut().zip(own) {
        o.social_security = scale(p.social_security);
        o.wages = scale(p.wages);
        o.self_employment = scale(p.self_employment);
    }
    y.social_security = y.own[0].social_security + y.own[1].social_security;
    y.wages = y.own[0].wages + y.own[1].wages;
    y.other_income = t.other_income_nominal + scale(t.other_income - t.other_income_nominal);
    y.living = scale(living);
    y.one_offs = scale(t.one_offs);
    y.windfall = scale(t.windfall);
    y.windfall_gain = scale(t.windfall_gain);
    y.charity = scale(t.charity);
}

/// A year's law index on the path and on the template, and the last year's (which sets the
/// poverty line the premium credit uses).
struct LawIndex {
    this: f64,
    template: f64,
    last: f64,
    template_last: f64,
}

/// Moves the year's health and payroll amounts from the template's prices to the path's: the
/// plan's own amounts (medical costs, benchmark premiums, HSA and 401(k) contributions) and the
/// payroll tax on the rescaled wages by `price` (the path's price level over the template's),
/// the poverty lines by the law's index, as `poverty_guideline` indexes them (to $10), and the
/// Marketplace's cliffs from those lines, and Medicare premiums from the year's base premiums
/// (`medicare`) at the law's index, for as many months as the template pays. A contribution held
/// to a limit and the payroll tax past the wage base follow the law's index, which is the path's
/// prices too for a plan starting in the last table year or later; an earlier start moves them
/// with prices, within its early years' inflation.
fn rescale_health(
    h: &mut HealthYear<f64>,
    t: &HealthYear<f64>,
    price: f64,
    law: &LawIndex,
    medicare: Option<&MedicareBase>,
) {
    let scale = |x: f64| (x * price).round_cents();
    h.medicare = match medicare.map(|m| (m, m.monthly(law.template))) {
        Some((m, monthly)) if monthly > 0.0 => {
            let months = (t.medicare / monthly).round();
            (months * m.monthly(law.this)).round_cents()
        }
        _ => t.medicare,
    };
    h.payroll = scale(t.payroll);
    h.se_deduction = scale(t.se_deduction);
    h.self_employment = scale(t.self_employment);
    h.medical = scale(t.medical);
    h.hsa_contribution = t.hsa_contribution.map(scale);
    h.deferral = t.deferral.map(scale);
    h.roth_deferral = t.roth_deferral.map(scale);
    if h.marketplace.is_some() != t.marketplace.is_some() {
        h.marketplace = t.marketplace.clone();
    }
    if let (Some(m), Some(tm)) = (h.marketplace.as_mut(), t.marketplace.as_ref()) {
        let lines = |(first, more): (f64, f64), r: f64| {
            (index_nearest(first, r, 10.0), index_nearest(more, r, 10.0))
        };
        let prior = lines(tm.law.prior_line, law.last / law.template_last);
        let current = lines(tm.law.current_line, law.this / law.template);
        let m = std::sync::Arc::make_mut(m);
        m.law.prior_line = prior;
        m.law.current_line = current;
        for (s, ts) in m.stretches.iter_mut().zip(&tm.stretches) {
            s.benchmark = ts.benchmark * price;
        }
        m.set_cliffs();
    }
}

/// What a drawn death sets in a year, at the template's prices (amounts that follow prices are
/// then rescaled from these).
fn lay(y: &mut YearInputs<f64>, l: &LifeYear) {
    y.alive = l.alive;
    y.filing = l.filing;
    y.own = l.own;
    y.pensions = l.pensions;
    y.wages = l.wages;
    y.enrolled_months = l.enrolled_months;
    y.health = l.health.clone();
}

/// Half a unit, give or take the binary rounding of a product that is exactly a tie in decimal.
const TIE: f64 = 1e-9;

/// `x.floor()` for the non-negative amounts indexed here, by one conversion instruction rather
/// than the software routine `floor` is on baseline x86-64 (this runs for every year of every
/// path); the same result for every `0 <= x < 2^63`.
#[inline]
fn floor(x: f64) -> f64 {
    if (0.0..9.0e18).contains(&x) {
        x as i64 as f64
    } else {
        x.floor()
    }
}

/// `value × index` rounded down to a multiple of `step`, as the Code indexes thresholds. The
/// allowance keeps an exact multiple from falling a step because of binary rounding.
fn index_down(value: f64, index: f64, step: f64) -> f64 {
    floor((value * index) / step + TIE) * step
}

/// `value × index` rounded to the nearest multiple of `step`, halves up, as CMS rounds IRMAA
/// edges (and as `money::index_nearest` does).
fn index_nearest(value: f64, index: f64, step: f64) -> f64 {
    floor((value * index) / step + 0.5 + TIE) * step
}

/// To ten cents, halves to even, as Decimal's `round_dp(1)` rounds premiums.
fn dimes(x: f64) -> f64 {
    let t = x * 10.0;
    let f = floor(t);
    let frac = t - f;
    let whole = if (frac - 0.5).abs() < TIE * 100.0 {
        if f % 2.0 == 0.0 { f } else { f + 1.0 }
    } else if frac >= 0.5 {
        f + 1.0
    } else {
        f
    };
    whole / 10.0
}

/// Indexes the thresholds the law indexes (Social Security bases, NIIT thresholds, the loss
/// limit and the senior deduction are fixed in dollars) and recomputes the tax below each
/// bracket from the new edges.
fn index_law(law: &mut TaxLaw<f64>, base: &Unindexed, index: f64) {
    for f in 0..4 {
        for (e, b) in law.brackets[f].iter_mut().zip(&base.brackets[f]) {
            *e = index_down(*b, index, 25.0);
        }
        for (e, b) in law.gain_edges[f].iter_mut().zip(&base.gain_edges[f]) {
            *e = index_down(*b, index, 25.0);
        }
        law.standard[f] = index_down(base.standard[f], index, 50.0);
        law.aged_or_blind[f] = index_down(base.aged_or_blind[f], index, 50.0);
        let mut acc = 0.0;
        let mut lower = 0.0;
        law.tax_below[f][0] = 0.0;
        for i in 0..6 {
            let upper = law.brackets[f][i];
            acc += law.rates[i] * (upper - lower);
            law.tax_below[f][i + 1] = acc;
            lower = upper;
        }
    }
}

/// The last IRMAA table, unindexed: what later premium years are indexed from.
#[derive(Debug, Clone, Copy)]
struct IrmaaBase {
    single_edges: [f64; 5],
    joint_edges: [f64; 5],
    mfs_top_edge: f64,
    standard_part_b: f64,
    part_b_total: [f64; 6],
    part_d_surcharge: [f64; 6],
    surcharges: bool,
}

impl IrmaaBase {
    /// The tiers of a premium year without a table, as `Irmaa::for_year` makes them: edges
    /// indexed and rounded to $1,000, monthly premiums indexed and rounded to ten cents.
    fn index(&self, t: &mut Irmaa<f64>, index: f64) {
        for (e, b) in t.single_edges.iter_mut().zip(&self.single_edges) {
            *e = index_nearest(*b, index, 1000.0);
        }
        for (e, b) in t.joint_edges.iter_mut().zip(&self.joint_edges) {
            *e = index_nearest(*b, index, 1000.0);
        }
        t.mfs_top_edge = index_nearest(self.mfs_top_edge, index, 1000.0);
        let standard = dimes(self.standard_part_b * index);
        for (i, s) in t.annual_surcharge.iter_mut().enumerate() {
            *s = if self.surcharges {
                let b = dimes(self.part_b_total[i] * index) - standard;
                (b + dimes(self.part_d_surcharge[i] * index)) * 12.0
            } else {
                0.0
            };
        }
    }
}

#[cfg(test)]
mod tests;
