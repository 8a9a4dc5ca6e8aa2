//! How the tax moves as income is added: the exact right-derivative of every step of the
//! computation along a direction (more ordinary income, more long-term gain, or a mix), and how
//! far along it the next edge lies — a bracket top, a Social Security threshold, the 0% gain
//! ceiling, the end of the senior deduction, the NIIT threshold.
//!
//! The tax is piecewise linear, so between edges the slope is the marginal rate exactly; at an
//! edge the slope is the one beyond it. Strategies use this to find bracket rooms and marginal
//! rates with one evaluation instead of two, and explanations use the edge to say what stopped a
//! draw or a conversion.

use super::federal::{IncomeFacts, TaxBreakdown};
use super::law::TaxLaw;
use super::state::StateRules;
use crate::num::Num;

/// Which way income is added, per unit: `ordinary` dollars of tax-deferred distribution and
/// `gain` dollars of long-term gain.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Direction<N> {
    pub ordinary: N,
    pub gain: N,
}

impl<N: Num> Direction<N> {
    pub fn ordinary() -> Direction<N> {
        Direction {
            ordinary: N::ONE,
            gain: N::ZERO,
        }
    }

    pub fn gain() -> Direction<N> {
        Direction {
            ordinary: N::ZERO,
            gain: N::ONE,
        }
    }
}

/// The edges of the tax code where a slope changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    /// Net capital loss reaches the yearly limit.
    LossLimit,
    /// Net long-term gain turns positive.
    GainTurnsPositive,
    /// Provisional income reaches the base amount: benefits start to be taxed (50%).
    SocialSecurityBase,
    /// Provisional income reaches the adjusted base: 85% of each further dollar (the "torpedo").
    SocialSecurityAdjustedBase,
    /// Taxable benefits reach their 50% or 85% ceiling.
    SocialSecurityCeiling,
    /// MAGI reaches the start of the senior deduction's phase-out.
    SeniorPhaseOutStart,
    /// The senior deduction is fully phased out.
    SeniorPhaseOutEnd,
    /// Income passes the deductions: taxable income starts.
    Deductions,
    /// Qualified income stops filling taxable income (or starts).
    PreferentialCeiling,
    /// Top of an ordinary bracket (0-based bracket index).
    BracketTop(u8),
    /// Top of a bracket of the plain tax on all taxable income, while the gain worksheet keeps
    /// the lower stacked tax: no rate changes there (a quiet edge).
    PlainBracketTop(u8),
    /// Taxable income reaches the top of the 0% gain band: gains beyond it are taxed at 15%.
    ZeroGainCeiling,
    /// Ordinary income alone reaches the top of the 0% gain band: no gain is left at 0% (each
    /// dollar of ordinary income had been pushing a dollar of gain out of the band until here).
    ZeroGainBandEnd,
    /// Taxable income reaches the top of the 15% gain band.
    FifteenGainCeiling,
    /// Ordinary income alone reaches the top of the 15% gain band: no gain is left at 15%.
    FifteenGainBandEnd,
    /// The worksheet switches between stacked and plain bracket tax.
    WorksheetSwitch,
    /// MAGI reaches the net investment income tax threshold.
    NiitThreshold,
    /// NIIT switches between investment income and MAGI over the threshold as its base.
    NiitBase,
    /// Investment income turns positive.
    InvestmentIncome,
    /// The state's taxable base turns positive.
    StateBase,
    /// One of a state's own thresholds: a bracket, an exclusion's cap, a phase-out, a credit's
    /// income limit.
    StateRule,
}

/// The rate that names ordinary bracket `i` (0-based) in an edge's description.
fn bracket_name(i: u8) -> &'static str {
    ["10%", "12%", "22%", "24%", "32%", "35%", "37%"][usize::from(i).min(6)]
}

impl Edge {
    /// An edge where the tax's rates do not change (explanations pass over it).
    pub fn quiet(self) -> bool {
        matches!(self, Edge::PlainBracketTop(_))
    }

    pub fn describe(self) -> String {
        match self {
            Edge::LossLimit => "the $3,000 capital loss limit".into(),
            Edge::GainTurnsPositive => "net gains turning positive".into(),
            Edge::SocialSecurityBase => "the Social Security base amount (benefits start to be taxed)".into(),
            Edge::SocialSecurityAdjustedBase => {
                "the Social Security adjusted base (85% of each further dollar taxed: the tax torpedo)".into()
            }
            Edge::SocialSecurityCeiling => "the ceiling on taxable Social Security".into(),
            Edge::SeniorPhaseOutStart => "the start of the senior deduction phase-out".into(),
            Edge::SeniorPhaseOutEnd => "the end of the senior deduction phase-out".into(),
            Edge::Deductions => "the end of the deductions (taxable income starts)".into(),
            Edge::PreferentialCeiling => "qualified income filling taxable income".into(),
            Edge::BracketTop(i) => {
                format!("the top of the {} bracket", bracket_name(i))
            }
            Edge::PlainBracketTop(i) => format!(
                "the top of the plain tax's {} bracket (the worksheet keeps the lower stacked tax)",
                bracket_name(i)
            ),
            Edge::ZeroGainCeiling => "the 0% capital-gain ceiling".into(),
            Edge::ZeroGainBandEnd => {
                "the end of the 0% capital-gain band (ordinary income alone at its ceiling, no gain left taxed at 0%)".into()
            }
            Edge::FifteenGainCeiling => "the 15% capital-gain ceiling".into(),
            Edge::FifteenGainBandEnd => {
                "the end of the 15% capital-gain band (ordinary income alone at its ceiling, no gain left taxed at 15%)".into()
            }
            Edge::WorksheetSwitch => "the gain worksheet's switch to plain bracket tax".into(),
            Edge::NiitThreshold => "the net investment income tax threshold".into(),
            Edge::NiitBase => "the net investment income tax base".into(),
            Edge::InvestmentIncome => "investment income turning positive".into(),
            Edge::StateBase => "the state's taxable base".into(),
            Edge::StateRule => "a state bracket or threshold".into(),
        }
    }
}

/// The local behaviour of the federal tax along a direction.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Slope<N> {
    /// Federal tax per unit of the direction: the marginal rate.
    pub total: N,
    pub agi: N,
    pub taxable_social_security: N,
    pub taxable_income: N,
    pub ordinary_taxable_income: N,
    pub preferential_income: N,
    pub senior_deduction: N,
    pub niit: N,
    /// Distance along the direction to the next edge, and which edge it is.
    pub next_edge: Option<(N, Edge)>,
}

/// The nearest edge ahead, kept as a gap and a speed so that finding it takes no division
/// (Decimal division is slow): `g1 / s1 < g2 / s2` exactly when `g1 * s2 < g2 * s1`.
struct Edges<N> {
    best: Option<(N, N, Edge)>,
}

impl<N: Num> Edges<N> {
    /// An edge where a quantity at `value`, moving at `speed`, reaches `at`.
    #[inline]
    fn ahead(&mut self, value: N, speed: N, at: N, edge: Edge) {
        if speed == N::ZERO {
            return;
        }
        let gap = at - value;
        // Only edges strictly ahead in the direction of motion count.
        let (gap, speed) = if speed > N::ZERO {
            (gap, speed)
        } else {
            (-gap, -speed)
        };
        if gap <= N::ZERO {
            return;
        }
        self.keep(gap, speed, edge);
    }

    /// Keeps an edge `gap` ahead at `speed` when it is nearer than the best so far.
    #[inline]
    fn keep(&mut self, gap: N, speed: N, edge: Edge) {
        let nearer = match self.best {
            None => true,
            Some((g, s, _)) => gap * s < g * speed,
        };
        if nearer {
            self.best = Some((gap, speed, edge));
        }
    }

    /// Keeps the nearer of this and `other`'s nearest edge; `other`'s as a quiet edge unless
    /// it is `live`.
    fn merge(&mut self, other: &Edges<N>, live: bool) {
        if let Some((gap, speed, edge)) = other.best {
            let edge = match edge {
                Edge::BracketTop(i) if !live => Edge::PlainBracketTop(i),
                e => e,
            };
            self.keep(gap, speed, edge);
        }
    }

    fn nearest(&self) -> Option<(N, Edge)> {
        self.best.map(|(g, s, e)| (g / s, e))
    }
}

/// Right-derivative of `max(0, v)` with the edge where `v` crosses zero.
#[inline]
fn positive_part<N: Num>(v: N, dv: N, edges: &mut Edges<N>, edge: Edge) -> N {
    edges.ahead(v, dv, N::ZERO, edge);
    if v > N::ZERO || (v == N::ZERO && dv > N::ZERO) {
        dv
    } else {
        N::ZERO
    }
}

/// Right-derivative of `min(a, b)` with the edge where they meet.
#[inline]
fn lesser<N: Num>(a: N, da: N, b: N, db: N, edges: &mut Edges<N>, edge: Edge) -> N {
    edges.ahead(a - b, da - db, N::ZERO, edge);
    if a < b {
        da
    } else if a > b {
        db
    } else {
        da.min_of(db)
    }
}

/// Right-derivative of `max(a, b)` with the edge where they meet.
#[inline]
fn greater<N: Num>(a: N, da: N, b: N, db: N, edges: &mut Edges<N>, edge: Edge) -> N {
    edges.ahead(a - b, da - db, N::ZERO, edge);
    if a > b {
        da
    } else if a < b {
        db
    } else {
        da.max_of(db)
    }
}

/// Rate of the bracket a dollar above `income` falls in, with the next bracket top ahead.
#[inline]
fn bracket_rate<N: Num>(
    law: &TaxLaw<N>,
    fi: usize,
    income: N,
    speed: N,
    edges: &mut Edges<N>,
) -> N {
    let tops = &law.brackets[fi];
    let mut i = 0;
    while i < 6 && income >= tops[i] {
        i += 1;
    }
    if i < 6 {
        edges.ahead(income, speed, tops[i], Edge::BracketTop(i as u8));
    }
    law.rates[i]
}

/// The federal tax's slope at `facts` (whose breakdown is `b`) along `dir`.
pub fn slope<N: Num>(
    law: &TaxLaw<N>,
    facts: &IncomeFacts<N>,
    b: &TaxBreakdown<N>,
    dir: Direction<N>,
) -> Slope<N> {
    let fi = facts.filing.index();
    let mut edges = Edges { best: None };
    let (o, g) = (dir.ordinary, dir.gain);

    // Capital gains as they enter AGI, and as they are taxed at gain rates.
    let net_gain = facts.long_term_gains + facts.short_term_gains;
    let limit = law.loss_limit[fi];
    let d_gain_in_agi = greater(net_gain, g, -limit, N::ZERO, &mut edges, Edge::LossLimit);
    let net_capital_gain = facts.long_term_gains.min_of(net_gain);
    let d_preferential_raw =
        positive_part(net_capital_gain, g, &mut edges, Edge::GainTurnsPositive);

    // Social Security.
    let d_provisional = o + d_gain_in_agi;
    let prov = b.provisional_income;
    let (base, adjusted) = facts.social_security_bases(law);
    let ss = facts.social_security;
    let (r1, r2) = (law.ss_first_rate, law.ss_second_rate);
    let d_taxable_ss = if prov < base {
        edges.ahead(prov, d_provisional, base, Edge::SocialSecurityBase);
        N::ZERO
    } else if prov < adjusted {
        edges.ahead(
            prov,
            d_provisional,
            adjusted,
            Edge::SocialSecurityAdjustedBase,
        );
        lesser(
            r1 * (prov - base),
            r1 * d_provisional,
            r1 * ss,
            N::ZERO,
            &mut edges,
            Edge::SocialSecurityCeiling,
        )
    } else {
        let first_tier = r1 * ss.min_of(adjusted - base);
        lesser(
            r2 * (prov - adjusted) + first_tier,
            r2 * d_provisional,
            r2 * ss,
            N::ZERO,
            &mut edges,
            Edge::SocialSecurityCeiling,
        )
    };
    let d_agi = d_provisional + d_taxable_ss;

    // Deductions.
    let seniors = u32::from(facts.age_head >= 65)
        + u32::from(facts.filing.is_joint() && facts.age_spouse.is_some_and(|a| a >= 65));
    let senior_allowed = seniors > 0
        && (facts.filing != super::Filing::Mfs || law.senior_mfs)
        && law.senior_per_person > N::ZERO;
    let d_senior = if senior_allowed {
        let n = N::from_i64(i64::from(seniors));
        let start = law.senior_start[fi];
        let over = b.agi - start;
        let d_over = positive_part(over, d_agi, &mut edges, Edge::SeniorPhaseOutStart);
        let remaining = law.senior_per_person * n - law.senior_rate * over.pos() * n;
        let d_remaining = -(law.senior_rate * d_over * n);
        positive_part(remaining, d_remaining, &mut edges, Edge::SeniorPhaseOutEnd)
    } else {
        N::ZERO
    };
    let excess = b.agi - b.standard_deduction - b.senior_deduction;
    let d_taxable = positive_part(excess, d_agi - d_senior, &mut edges, Edge::Deductions);

    // Qualified income on top of ordinary income.
    let preferential_raw = facts.qualified_dividends + net_capital_gain.pos();
    let d_preferential = lesser(
        preferential_raw,
        d_preferential_raw,
        b.taxable_income,
        d_taxable,
        &mut edges,
        Edge::PreferentialCeiling,
    );
    let ord = b.ordinary_taxable_income;
    let d_ord = d_taxable - d_preferential;
    let ord_rate = bracket_rate(law, fi, ord, d_ord, &mut edges);
    let d_ordinary_tax = ord_rate * d_ord;

    let ti = b.taxable_income;
    let [zero_top, fifteen_top] = law.gain_edges[fi];
    let d_zero_cap = lesser(
        ti,
        d_taxable,
        zero_top,
        N::ZERO,
        &mut edges,
        Edge::ZeroGainCeiling,
    );
    let at_zero = ti.min_of(zero_top) - ord;
    let d_at_zero = positive_part(
        at_zero,
        d_zero_cap - d_ord,
        &mut edges,
        Edge::ZeroGainBandEnd,
    );
    let d_fifteen_cap = lesser(
        ti,
        d_taxable,
        fifteen_top,
        N::ZERO,
        &mut edges,
        Edge::FifteenGainCeiling,
    );
    let d_fifteen_floor = greater(
        ord,
        d_ord,
        zero_top,
        N::ZERO,
        &mut edges,
        Edge::ZeroGainBandEnd,
    );
    let at_fifteen = ti.min_of(fifteen_top) - ord.max_of(zero_top);
    let d_at_fifteen = positive_part(
        at_fifteen,
        d_fifteen_cap - d_fifteen_floor,
        &mut edges,
        Edge::FifteenGainBandEnd,
    );
    let at_twenty = b.preferential_income - at_zero.pos() - at_fifteen.pos();
    let d_at_twenty = positive_part(
        at_twenty,
        d_preferential - d_at_zero - d_at_fifteen,
        &mut edges,
        Edge::FifteenGainCeiling,
    );
    let d_preferential_tax = law.gain_rates[0] * d_at_zero
        + law.gain_rates[1] * d_at_fifteen
        + law.gain_rates[2] * d_at_twenty;
    let d_stacked = d_ordinary_tax + d_preferential_tax;
    let d_regular =
        if !law.gains_apart && (b.preferential_income > N::ZERO || d_preferential > N::ZERO) {
            let mut plain_edges = Edges { best: None };
            let plain_rate = bracket_rate(law, fi, ti, d_taxable, &mut plain_edges);
            let stacked = b.ordinary_tax + b.preferential_tax;
            let plain = super::federal::bracket_tax(law, fi, ti).0;
            // While the worksheet keeps the stacked tax, the plain tax's bracket tops change
            // no rate: they stay in as quiet edges (the searches still try amounts there).
            let plain_taken =
                plain < stacked || (plain == stacked && plain_rate * d_taxable <= d_stacked);
            edges.merge(&plain_edges, plain_taken);
            lesser(
                stacked,
                d_stacked,
                plain,
                plain_rate * d_taxable,
                &mut edges,
                Edge::WorksheetSwitch,
            )
        } else {
            d_stacked
        };

    // Net investment income tax.
    let d_niit = if law.niit_rate > N::ZERO {
        let inner = facts.taxable_interest + facts.ordinary_dividends + b.capital_gain_in_agi;
        let d_investment = positive_part(inner, d_gain_in_agi, &mut edges, Edge::InvestmentIncome);
        let over = b.agi - law.niit_threshold[fi];
        let d_over = positive_part(over, d_agi, &mut edges, Edge::NiitThreshold);
        law.niit_rate
            * lesser(
                inner.pos(),
                d_investment,
                over.pos(),
                d_over,
                &mut edges,
                Edge::NiitBase,
            )
    } else {
        N::ZERO
    };

    Slope {
        total: d_regular + d_niit,
        agi: d_agi,
        taxable_social_security: d_taxable_ss,
        taxable_income: d_taxable,
        ordinary_taxable_income: d_ord,
        preferential_income: d_preferential,
        senior_deduction: d_senior,
        niit: d_niit,
        next_edge: edges.nearest(),
    }
}

/// Federal marginal rates on the next dollar of ordinary income and of long-term gain, found on
/// `f64` (the law's fast copy when it has one).
pub fn federal_slopes<N: Num>(law: &TaxLaw<N>, facts: &IncomeFacts<N>) -> [f64; 2] {
    let converted;
    let quick: &TaxLaw<f64> = if let Some(l) = (law as &dyn std::any::Any).downcast_ref() {
        l
    } else if let Some(l) = law.fast.as_deref() {
        l
    } else {
        converted = law.to_f64();
        &converted
    };
    let f = facts.to_f64();
    let b = super::federal::compute(quick, &f);
    [
        slope(quick, &f, &b, Direction::ordinary()).total,
        slope(quick, &f, &b, Direction::gain()).total,
    ]
}

impl<N: Num> StateRules<N> {
    /// The state tax's slope along `dir`, given the federal slope there, and the distance to
    /// where the state base turns positive.
    pub fn slope(
        &self,
        facts: &IncomeFacts<N>,
        b: &TaxBreakdown<N>,
        fed: &Slope<N>,
        dir: Direction<N>,
    ) -> (N, Option<(N, Edge)>) {
        if self.rate == N::ZERO {
            return (N::ZERO, None);
        }
        let mut base = b.agi - self.deduction;
        let mut d_base = fed.agi;
        if self.exempt_social_security {
            base -= b.taxable_social_security;
            d_base -= fed.taxable_social_security;
        }
        if self.exempt_retirement {
            base -= facts.pensions + facts.ira_distributions + facts.roth_conversions;
            d_base -= dir.ordinary;
        }
        let mut edges = Edges { best: None };
        let d = positive_part(base, d_base, &mut edges, Edge::StateBase);
        (self.rate * d, edges.nearest())
    }
}

#[cfg(test)]
mod tests;
