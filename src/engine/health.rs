//! A year's health and payroll costs: the Marketplace premium net of the premium tax credit
//! (which the year's income sets, so the solver and every strategy see it with the taxes),
//! Medicare's base premiums and the payroll tax on wages (fixed by the year's facts).

use super::error::EngineError;
use super::scenario::OwnIncome;
use crate::health::aca::tax_family_size;
use crate::health::age_curve::{default_benchmark, premium_at_age};
use crate::health::{AcaCredit, AcaHousehold, AcaLaw, HealthTables, MedicarePremiums, aca_magi};
use crate::num::Num;
use crate::num::RoundTo;
use crate::plan::{Account, AccountKind, Coverage, MEDICARE_AGE, Plan};
use crate::tax::deferral::{DeferralLimits, DeferralTable};
use crate::tax::hsa::{Hsa, HsaCoverage, HsaTable};
use crate::tax::payroll::{Earnings, Payroll, PayrollTable};
use crate::tax::tables::LAST_TABLE_YEAR;
use crate::tax::{Filing, Income, IncomeFacts, LawTables, TaxBreakdown};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::sync::Arc;

/// The health and payroll costs of one year that no decision changes, and the Marketplace
/// coverage whose net premium the decision does change.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HealthYear<N> {
    /// Part B and Part D base premiums of the people on Medicare, dollars of the year.
    pub medicare: N,
    /// Social Security and Medicare taxes on the year's wages (the employee's share, with the
    /// Additional Medicare Tax).
    pub payroll: N,
    /// Marketplace coverage of the year, when someone has it.
    pub marketplace: Option<Arc<Marketplace<N>>>,
    /// HSA contributions of each person (the plan's order), paid from wages before income and
    /// payroll tax, dollars of the year.
    pub hsa_contribution: [N; 2],
    /// Each person's elective deferrals to an employer plan from wages, before income tax and
    /// to Roth, dollars of the year.
    pub deferral: [N; 2],
    pub roth_deferral: [N; 2],
    /// The plan's qualified medical costs of the year (besides premiums), dollars of the year.
    pub medical: N,
    /// The additional tax on HSA money spent on other things before `hsa_free_age` (20%), and
    /// that age (65); zero without HSAs.
    pub hsa_rate: N,
    pub hsa_free_age: u32,
    /// Net profit from self-employment of the household, dollars of the year, and the half of
    /// the self-employment tax deducted from it for AGI.
    pub self_employment: N,
    pub se_deduction: N,
}

impl<N: Num> HealthYear<N> {
    pub fn to_f64(&self) -> HealthYear<f64> {
        HealthYear {
            medicare: self.medicare.to_f64(),
            payroll: self.payroll.to_f64(),
            marketplace: self.marketplace.as_ref().map(|m| Arc::new(m.to_f64())),
            hsa_contribution: self.hsa_contribution.map(|c| c.to_f64()),
            deferral: self.deferral.map(|c| c.to_f64()),
            roth_deferral: self.roth_deferral.map(|c| c.to_f64()),
            medical: self.medical.to_f64(),
            hsa_rate: self.hsa_rate.to_f64(),
            hsa_free_age: self.hsa_free_age,
            self_employment: self.self_employment.to_f64(),
            se_deduction: self.se_deduction.to_f64(),
        }
    }
}

/// The household's Marketplace coverage for a year.
#[derive(Debug, Clone, PartialEq)]
pub struct Marketplace<N> {
    pub law: AcaLaw<N>,
    /// Who is covered in which months: stretches of the year, each with the yearly benchmark
    /// premium of the people covered in it (dollars of the year) and its months. One stretch of
    /// twelve months unless someone reaches 65 during the year and moves to Medicare.
    pub stretches: Vec<Stretch<N>>,
    /// People on the return (a spouse on Medicare counts).
    pub size: u32,
    pub separate_return: bool,
    /// MAGI amounts above which the net premium jumps up (Medicaid's or a Basic Health
    /// Program's limit, the 400% cliff), ascending: the solver meets a year's need one side of
    /// each at a time.
    pub cliffs: Vec<N>,
}

/// Months of a year with the same people covered.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stretch<N> {
    /// Twelve months of the benchmark plan for the people covered, dollars of the year.
    pub benchmark: N,
    pub months: u32,
}

impl<N: Copy> Stretch<N> {
    pub fn convert<M>(&self, f: impl Fn(N) -> M) -> Stretch<M> {
        Stretch {
            benchmark: f(self.benchmark),
            months: self.months,
        }
    }
}

impl<N: Num> Marketplace<N> {
    pub fn new(
        law: AcaLaw<N>,
        stretches: Vec<Stretch<N>>,
        size: u32,
        separate_return: bool,
    ) -> Marketplace<N> {
        let mut m = Marketplace {
            law,
            stretches,
            size,
            separate_return,
            cliffs: Vec::new(),
        };
        m.set_cliffs();
        m
    }

    /// Works out the cliffs again from the law's lines (after they changed).
    pub fn set_cliffs(&mut self) {
        let (law, cliffs) = (&self.law, &mut self.cliffs);
        cliffs.clear();
        if !self.separate_return {
            cliffs.extend(law.limits(self.size).into_iter().flatten());
        }
        cliffs.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    }

    pub fn to_f64(&self) -> Marketplace<f64> {
        Marketplace {
            law: self.law.convert_num(),
            stretches: self
                .stretches
                .iter()
                .map(|s| s.convert(N::to_f64))
                .collect(),
            size: self.size,
            separate_return: self.separate_return,
            cliffs: self.cliffs.iter().map(|c| c.to_f64()).collect(),
        }
    }

    /// The household's ACA MAGI on these facts.
    #[inline]
    pub fn magi(f: &IncomeFacts<N>, b: &TaxBreakdown<N>) -> N {
        aca_magi(b.magi, f.social_security, b.taxable_social_security)
    }

    /// [`Self::magi`] from the return's income alone (no tax computed).
    #[inline]
    pub fn magi_of_income(f: &IncomeFacts<N>, i: &Income<N>) -> N {
        aca_magi(i.magi, f.social_security, i.taxable_social_security)
    }

    /// The credit and the net premium at a MAGI: each month's credit is its benchmark less a
    /// twelfth of the expected contribution (26 CFR 1.36B-3(d)), so the year is the sum of its
    /// stretches.
    pub fn credit(&self, magi: N) -> AcaCredit<N> {
        let of = |s: &Stretch<N>| {
            self.law.credit(&AcaHousehold {
                magi,
                size: self.size,
                benchmark: s.benchmark,
                months: s.months,
                separate_return: self.separate_return,
            })
        };
        let Some((first, rest)) = self.stretches.split_first() else {
            return AcaCredit::default();
        };
        let mut out = of(first);
        for s in rest {
            let more = of(s);
            out.premium += more.premium;
            out.credit += more.credit;
            out.net_premium += more.net_premium;
        }
        out
    }

    /// The net premium on these facts.
    #[inline]
    pub fn net_premium(&self, f: &IncomeFacts<N>, b: &TaxBreakdown<N>) -> N {
        self.credit(Self::magi(f, b)).net_premium
    }

    /// The 400% line (or the law's upper limit) for the household, when there is one.
    pub fn upper_line(&self) -> Option<N> {
        (!self.separate_return)
            .then_some(())
            .and(self.law.upper_limit)
            .map(|u| u * self.law.poverty_line(self.size))
    }
}

impl HealthYear<Decimal> {
    pub fn convert<M: Num>(&self) -> HealthYear<M> {
        HealthYear {
            medicare: M::from_dec(self.medicare),
            payroll: M::from_dec(self.payroll),
            marketplace: self.marketplace.as_ref().map(|m| {
                Arc::new(Marketplace {
                    law: m.law.convert(),
                    stretches: m.stretches.iter().map(|s| s.convert(M::from_dec)).collect(),
                    size: m.size,
                    separate_return: m.separate_return,
                    cliffs: m.cliffs.iter().map(|c| M::from_dec(*c)).collect(),
                })
            }),
            hsa_contribution: self.hsa_contribution.map(M::from_dec),
            deferral: self.deferral.map(M::from_dec),
            roth_deferral: self.roth_deferral.map(M::from_dec),
            medical: M::from_dec(self.medical),
            hsa_rate: M::from_dec(self.hsa_rate),
            hsa_free_age: self.hsa_free_age,
            self_employment: M::from_dec(self.self_employment),
            se_deduction: M::from_dec(self.se_deduction),
        }
    }
}

/// What a plan's years need to work out their health and payroll costs.
pub(super) struct HealthCosts<'a> {
    health: &'static HealthTables,
    law: &'static LawTables,
    payroll: &'static PayrollTable,
    /// HSA law, when the plan holds an HSA.
    hsa: Option<&'static HsaTable>,
    /// The limits on deferrals from wages, when the plan defers any.
    deferral: Option<&'static DeferralTable>,
    start: i32,
    /// Price levels relative to the last table year, for the plan's years and two beyond.
    levels: &'a [Decimal],
    inflation: Decimal,
}

impl<'a> HealthCosts<'a> {
    pub(super) fn new(
        plan: &Plan,
        start: i32,
        levels: &'a [Decimal],
    ) -> Result<HealthCosts<'a>, EngineError> {
        Ok(HealthCosts {
            health: HealthTables::get()?,
            law: LawTables::get()?,
            payroll: PayrollTable::get()?,
            hsa: if plan.accounts.iter().any(|a| a.kind() == AccountKind::Hsa) {
                Some(HsaTable::get()?)
            } else {
                None
            },
            deferral: if plan.income.wages.iter().any(|w| !w.deferral.is_zero()) {
                Some(DeferralTable::get()?)
            } else {
                None
            },
            start,
            levels,
            inflation: plan.assumptions.inflation,
        })
    }

    /// The price level of any year on the law's base (1 up to the last table year), which carries
    /// premiums, poverty lines and the wage base past their last published year. Held within a
    /// billion-fold either way, as far as those tables are indexed (`index::growth`): only a
    /// century of runaway inflation reaches it, and the premiums then stop growing.
    pub(super) fn level(&self, year: i32) -> Decimal {
        self.raw_level(year)
            .clamp(dec!(0.000000001), dec!(1000000000))
    }

    fn raw_level(&self, year: i32) -> Decimal {
        if year <= LAST_TABLE_YEAR {
            return Decimal::ONE;
        }
        let k = i64::from(year) - i64::from(self.start);
        let last = self.levels.len() as i64 - 1;
        let (from, steps) = if k < 0 {
            (self.levels[0], k)
        } else if k > last {
            (self.levels[last as usize], k - last)
        } else {
            return self.levels[k as usize];
        };
        let step = Decimal::ONE + self.inflation;
        let mut level = from;
        for _ in 0..steps.unsigned_abs().min(400) {
            if level > dec!(1e12) || level < dec!(1e-12) {
                break;
            }
            level = if steps < 0 {
                level / step
            } else {
                level * step
            };
        }
        level.round_to(12)
    }

    /// Year `k` of the plan.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn year(
        &self,
        plan: &Plan,
        k: usize,
        ages: &[u32; 2],
        alive: &[bool; 2],
        filing: Filing,
        own: &[OwnIncome<Decimal>; 2],
        price_level: Decimal,
    ) -> Result<HealthYear<Decimal>, EngineError> {
        let year = self.start + k as i32;
        let prices = |y: i32| self.level(y);
        let mut out = HealthYear::default();

        // Medicare from the month of `medicare_age`; the Marketplace until the month of 65.
        let medicare_months = |i: usize| {
            let p = &plan.people[i];
            if alive[i] {
                p.months_from_age(p.medicare_age, year)
            } else {
                0
            }
        };
        if (0..plan.people.len()).any(|i| medicare_months(i) > 0) {
            let m = MedicarePremiums::for_year(self.law, self.health, year, &prices)?;
            let premiums: Decimal = (0..plan.people.len())
                .map(|i| m.base(medicare_months(i)))
                .sum();
            out.medicare = premiums.round_to(2);
        }

        if let Some(table) = self.hsa {
            let hsa = Hsa::for_year(table, year, &prices)?;
            out.hsa_contribution =
                hsa_contributions(plan, &hsa, year, ages, alive, own, price_level);
            out.hsa_rate = hsa.additional_tax_rate;
            out.hsa_free_age = hsa.penalty_free_age;
        }
        if let Some(table) = self.deferral {
            let limits = table.for_year(year, &prices)?;
            (out.deferral, out.roth_deferral) = deferrals(
                plan,
                &limits,
                ages,
                alive,
                own,
                &out.hsa_contribution,
                price_level,
            );
        }
        if !plan.spending.medical_costs.is_zero() {
            let mut medical = plan.spending.medical_costs * price_level;
            if plan.people.len() == 2 && !(alive[0] && alive[1]) {
                medical *= plan.spending.survivor_share;
            }
            out.medical = medical.round_to(2);
        }

        if own
            .iter()
            .any(|o| o.wages > Decimal::ZERO || o.self_employment > Decimal::ZERO)
        {
            let payroll = Payroll::for_year(self.payroll, year, &prices)?;
            // Contributions through an employer's cafeteria plan are free of payroll tax too.
            let earnings: Vec<Earnings<Decimal>> = own
                .iter()
                .zip(out.hsa_contribution)
                .map(|(o, hsa)| Earnings {
                    wages: o.wages - hsa,
                    self_employment: o.self_employment,
                })
                .collect();
            let tax = payroll.household(filing, &earnings);
            out.payroll = tax.total().round_to(2);
            out.se_deduction = tax.se_deduction.round_to(2);
            out.self_employment = own.iter().map(|o| o.self_employment).sum();
        }

        // Each person covered: their yearly benchmark premium and the months before the first of
        // Medicare and 65 (past 65 a person off Medicare is taken to be on an employer's plan:
        // Medicare's age ends Marketplace eligibility for the credit).
        let mut covered: Vec<(Decimal, u32)> = Vec::new();
        for (i, p) in plan.people.iter().enumerate() {
            let months = 12 - medicare_months(i).max(p.months_from_age(MEDICARE_AGE, year));
            if !alive[i] || months == 0 || own[i].wages > Decimal::ZERO {
                continue;
            }
            let age = ages[i];
            let today = match &p.coverage {
                Coverage::Employer | Coverage::Uninsured => continue,
                Coverage::Marketplace { benchmark, at_age } => {
                    premium_at_age(self.health, *benchmark, *at_age, age)
                }
                Coverage::Auto => default_benchmark(self.health, self.start, age, &prices)?,
            };
            covered.push((today * price_level, months));
        }
        if !covered.is_empty() {
            let both = alive[0] && alive[1] && plan.people.len() == 2;
            // The year's filing (a survivor files single). The plan has no dependents, but a
            // head of household has one: the qualifying person (IRC 2(b)).
            let size = tax_family_size(filing, None);
            let separate = both && filing == Filing::Mfs;
            let state = plan.residence_in(year).code();
            let law = AcaLaw::for_year(self.health, year, state, &prices)?;
            out.marketplace = Some(Arc::new(Marketplace::new(
                law,
                stretches(&covered),
                size,
                separate,
            )));
        }
        Ok(out)
    }
}

/// The stretches of a year's Marketplace coverage from each covered person's yearly benchmark
/// and months (each the first months of the year): where the fewest months end, the premium of
/// those who leave stops.
fn stretches(covered: &[(Decimal, u32)]) -> Vec<Stretch<Decimal>> {
    let mut ends: Vec<u32> = covered.iter().map(|c| c.1).collect();
    ends.sort_unstable();
    ends.dedup();
    let mut out = Vec::with_capacity(ends.len());
    let mut from = 0;
    for end in ends {
        let benchmark = covered
            .iter()
            .filter(|c| c.1 >= end)
            .map(|c| c.0)
            .sum::<Decimal>()
            .round_to(2);
        out.push(Stretch {
            benchmark,
            months: end - from,
        });
        from = end;
    }
    out
}

/// Each person's elective deferrals of a year, before tax and Roth: what their wage entries
/// ask for (today's dollars grown with prices) in the years those wages are paid, within the
/// year's limit with the catch-up for their age, out of the wages the HSA contributions left.
fn deferrals(
    plan: &Plan,
    limits: &DeferralLimits,
    ages: &[u32; 2],
    alive: &[bool; 2],
    own: &[OwnIncome<Decimal>; 2],
    hsa: &[Decimal; 2],
    price_level: Decimal,
) -> ([Decimal; 2], [Decimal; 2]) {
    let mut wanted = [[Decimal::ZERO; 2]; 2];
    for w in &plan.income.wages {
        let i = w.person;
        if i < 2 && alive[i] && ages[i] < w.until_age && !w.self_employed {
            wanted[usize::from(w.roth_deferral)][i] += (w.deferral * price_level).round_to(2);
        }
    }
    let (mut pretax, mut roth) = ([Decimal::ZERO; 2], [Decimal::ZERO; 2]);
    for i in 0..2 {
        if wanted[0][i].is_zero() && wanted[1][i].is_zero() {
            continue;
        }
        let d = limits.split(wanted[0][i], wanted[1][i], ages[i], own[i].wages - hsa[i]);
        (pretax[i], roth[i]) = (d.pretax, d.roth);
    }
    (pretax, roth)
}

/// Each person's HSA contributions of a year: what their HSAs ask for (today's dollars grown
/// with prices), in a year they earn wages, are covered before Medicare (an HDHP, taken to be
/// the coverage they have: not `Uninsured`) and not on Medicare, up to the year's limit with the
/// catch-up from 55 for the months before Medicare (the year Medicare starts, those before its
/// month), and never more than their wages, from which they are paid. Spouses share the family
/// limit when either has family coverage; each catch-up goes to its owner's account (IRC
/// 223(b)(3), (5)).
fn hsa_contributions(
    plan: &Plan,
    hsa: &Hsa<Decimal>,
    year: i32,
    ages: &[u32; 2],
    alive: &[bool; 2],
    own: &[OwnIncome<Decimal>; 2],
    price_level: Decimal,
) -> [Decimal; 2] {
    let mut wanted = [Decimal::ZERO; 2];
    let mut family = false;
    for a in &plan.accounts {
        if let Account::Hsa {
            owner,
            contribution,
            family: f,
            ..
        } = a
            && *owner < 2
        {
            wanted[*owner] += *contribution * price_level;
            family |= *f;
        }
    }
    let coverage = if family {
        HsaCoverage::Family
    } else {
        HsaCoverage::SelfOnly
    };
    let mut out = [Decimal::ZERO; 2];
    let mut family_left = hsa.family;
    for (i, p) in plan.people.iter().enumerate().take(2) {
        let months = 12 - p.months_from_age(p.medicare_age, year);
        let eligible = alive[i]
            && own[i].wages > Decimal::ZERO
            && months > 0
            && p.coverage != Coverage::Uninsured;
        if !eligible || wanted[i] <= Decimal::ZERO {
            continue;
        }
        let catch_up = hsa.contribution_limit(coverage, ages[i], months)
            - hsa.contribution_limit(coverage, 0, months);
        // The family or self-only limit for the months eligible (IRC 223(b)(2)).
        let base = if family { family_left } else { hsa.self_only };
        let base = if months == 12 {
            base
        } else {
            (base * Decimal::from(months) / Decimal::from(12)).min(base)
        };
        let amount = wanted[i].min(base + catch_up).min(own[i].wages).round_to(2);
        if family {
            family_left = (family_left - (amount - catch_up).max(Decimal::ZERO)).max(Decimal::ZERO);
        }
        out[i] = amount;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stretches_end_where_someone_leaves_for_medicare() {
        let (a, b) = (dec!(12000), dec!(9000.006));
        let s = |covered: &[(Decimal, u32)]| -> Vec<(Decimal, u32)> {
            stretches(covered)
                .iter()
                .map(|s| (s.benchmark, s.months))
                .collect()
        };
        // Both all year: one stretch, the sum rounded once.
        assert_eq!(s(&[(a, 12), (b, 12)]), [(dec!(21000.01), 12)]);
        // One reaches 65 in July: both for six months, then the other alone.
        assert_eq!(
            s(&[(a, 6), (b, 12)]),
            [(dec!(21000.01), 6), (dec!(9000.01), 6)]
        );
        // Both reach 65 in the year, in April and October: both for three months, then one for
        // six, and no coverage after.
        assert_eq!(
            s(&[(a, 3), (b, 9)]),
            [(dec!(21000.01), 3), (dec!(9000.01), 6)]
        );
    }
}
