//! Federal income tax for one household-year, every intermediate figure kept.
//!
//! The order follows Form 1040: taxable Social Security from provisional income (Pub. 915
//! worksheet), AGI, the standard deduction with its age/blind additions and the 2025–2028 senior
//! deduction, taxable income, the ordinary tax with qualified dividends and net capital gain
//! stacked on top at 0/15/20% (Qualified Dividends and Capital Gain Tax Worksheet), and the 3.8%
//! net investment income tax. Nothing is rounded inside; callers round the results they keep.

use super::error::TaxError;
use super::filing::Filing;
use super::law::TaxLaw;
use crate::money::MAX_MONEY;
use crate::num::Num;
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// What happened in a household-year, as a return would report it.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct IncomeFacts<N> {
    pub filing: Filing,
    pub age_head: u32,
    /// The spouse's age; counts for deductions only on a joint return.
    pub age_spouse: Option<u32>,
    /// How many people on the return are blind (0–2).
    pub blind: u32,
    pub wages: N,
    /// Pensions and annuities, fully taxable.
    pub pensions: N,
    /// Distributions from tax-deferred accounts, RMDs included.
    pub ira_distributions: N,
    pub roth_conversions: N,
    pub taxable_interest: N,
    pub tax_exempt_interest: N,
    /// All ordinary dividends, the qualified ones included.
    pub ordinary_dividends: N,
    pub qualified_dividends: N,
    /// Net long-term gain or loss for the year (carried-over losses included).
    pub long_term_gains: N,
    /// Net short-term gain or loss.
    pub short_term_gains: N,
    /// Any other ordinary income.
    pub other_ordinary: N,
    /// Gross Social Security benefits.
    pub social_security: N,
}

/// Every step of the computation, so a year can be explained.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct TaxBreakdown<N> {
    pub filing: Filing,
    pub provisional_income: N,
    pub taxable_social_security: N,
    /// Net capital gain or the allowed loss, as it enters AGI.
    pub capital_gain_in_agi: N,
    /// Net capital loss beyond the yearly limit, carried to the next year.
    pub loss_carryforward: N,
    pub agi: N,
    /// AGI plus tax-exempt interest: the income Medicare's IRMAA looks at.
    pub magi: N,
    /// Basic standard deduction plus the additional amounts for age and blindness.
    pub standard_deduction: N,
    pub senior_deduction: N,
    pub taxable_income: N,
    /// Qualified dividends and net capital gain taxed at the preferential rates.
    pub preferential_income: N,
    pub ordinary_taxable_income: N,
    pub ordinary_tax: N,
    pub preferential_tax: N,
    pub regular_tax: N,
    pub niit: N,
    pub total: N,
    /// The ordinary bracket the last dollar of ordinary taxable income fell in: 0 when the
    /// deductions cover all ordinary income, else 1 (10%) to 7 (37%).
    pub bracket: u8,
    pub bracket_rate: N,
    /// The capital-gain band the top of taxable income reached: 0 (0%), 1 (15%) or 2 (20%).
    pub gain_band: u8,
    /// Extra federal tax on one more dollar of ordinary income (an IRA draw).
    pub marginal_ordinary: N,
    /// Extra federal tax on one more dollar of long-term capital gain.
    pub marginal_gain: N,
}

impl<N: Num> IncomeFacts<N> {
    /// Everything that is ordinary income before Social Security and capital gains.
    #[inline]
    pub fn ordinary_before_ss(&self) -> N {
        self.wages
            + self.pensions
            + self.ira_distributions
            + self.roth_conversions
            + self.taxable_interest
            + self.ordinary_dividends
            + self.other_ordinary
    }
}

impl IncomeFacts<Decimal> {
    /// Refuses facts no return could hold: negative amounts where income cannot be negative,
    /// qualified dividends above ordinary dividends, magnitudes beyond $100 billion, ages over 130.
    pub fn validate(&self) -> Result<(), TaxError> {
        let non_negative: [(&'static str, Decimal); 10] = [
            ("wages", self.wages),
            ("pensions", self.pensions),
            ("ira_distributions", self.ira_distributions),
            ("roth_conversions", self.roth_conversions),
            ("taxable_interest", self.taxable_interest),
            ("tax_exempt_interest", self.tax_exempt_interest),
            ("ordinary_dividends", self.ordinary_dividends),
            ("qualified_dividends", self.qualified_dividends),
            ("social_security", self.social_security),
            ("other_ordinary", self.other_ordinary),
        ];
        for (field, v) in non_negative {
            if v < Decimal::ZERO {
                return Err(TaxError::invalid(field, format!("{v} is negative")));
            }
        }
        let all = non_negative.iter().map(|(f, v)| (*f, *v)).chain([
            ("long_term_gains", self.long_term_gains),
            ("short_term_gains", self.short_term_gains),
        ]);
        for (field, v) in all {
            if v.abs() > MAX_MONEY {
                return Err(TaxError::invalid(
                    field,
                    format!("{v} is beyond the $100 billion this planner accepts"),
                ));
            }
        }
        if self.qualified_dividends > self.ordinary_dividends {
            return Err(TaxError::invalid(
                "qualified_dividends",
                "qualified dividends are part of ordinary dividends and cannot exceed them",
            ));
        }
        if self.age_head > 130 {
            return Err(TaxError::invalid(
                "age_head",
                format!("{} is not a plausible age", self.age_head),
            ));
        }
        if let Some(a) = self.age_spouse
            && a > 130
        {
            return Err(TaxError::invalid(
                "age_spouse",
                format!("{a} is not a plausible age"),
            ));
        }
        if self.blind > 2 {
            return Err(TaxError::invalid(
                "blind",
                "at most two people are on a return",
            ));
        }
        Ok(())
    }
}

/// The federal tax for a household-year, after checking the facts.
pub fn federal(
    law: &TaxLaw<Decimal>,
    facts: &IncomeFacts<Decimal>,
) -> Result<TaxBreakdown<Decimal>, TaxError> {
    facts.validate()?;
    Ok(breakdown(law, facts))
}

/// The full breakdown with marginal rates, for facts the caller has already bounded (the engine
/// builds its facts from validated plans).
///
/// The marginal rates are the exact differences `compute(facts + $1).total - compute(facts).total`.
/// The three evaluations share every figure the extra dollar cannot change (the parts that
/// depend only on the law, the people and their benefits; the capital-gain figures for an extra
/// dollar of IRA income; the ordinary income for an extra dollar of gain), each computed by the
/// same operations on the same operands as a lone [`compute`], so the results are identical.
pub fn breakdown<N: Num>(law: &TaxLaw<N>, facts: &IncomeFacts<N>) -> TaxBreakdown<N> {
    let fixed = Fixed::new(law, facts).with_benefit_tiers(law, facts);
    let gains = Gains::new(law, facts, &fixed);
    let ordinary = facts.ordinary_before_ss();
    let mut b = compute_with(law, facts, &fixed, &gains, ordinary);

    let mut more_ordinary = *facts;
    more_ordinary.ira_distributions += N::ONE;
    let t = compute_with(
        law,
        &more_ordinary,
        &fixed,
        &gains,
        more_ordinary.ordinary_before_ss(),
    );
    b.marginal_ordinary = t.total - b.total;

    let mut more_gain = *facts;
    more_gain.long_term_gains += N::ONE;
    let gains_more = Gains::new(law, &more_gain, &fixed);
    let t = compute_with(law, &more_gain, &fixed, &gains_more, ordinary);
    b.marginal_gain = t.total - b.total;
    b
}

/// Total federal tax only: what the engine's solver evaluates many times a year.
#[inline]
pub fn total_tax<N: Num>(law: &TaxLaw<N>, facts: &IncomeFacts<N>) -> N {
    compute(law, facts).total
}

/// Everything except the marginal rates.
pub fn compute<N: Num>(law: &TaxLaw<N>, f: &IncomeFacts<N>) -> TaxBreakdown<N> {
    let fixed = Fixed::new(law, f);
    let gains = Gains::new(law, f, &fixed);
    compute_with(law, f, &fixed, &gains, f.ordinary_before_ss())
}

/// Figures that depend only on the law, the filing status, the people and their benefits.
struct Fixed<N> {
    fi: usize,
    /// Half the benefits, for provisional income.
    half_benefits: N,
    /// The three products of the benefit worksheet that do not depend on other income; computed
    /// up front only when several evaluations will use them.
    benefit_tiers: Option<BenefitTiers<N>>,
    /// How many people on the return are 65 or over, as a number.
    seniors: N,
    standard_deduction: N,
    /// The senior deduction before its phase-out; `None` when nobody on the return gets it.
    senior_full: Option<N>,
    /// Interest plus ordinary dividends, for net investment income.
    interest_and_dividends: N,
}

struct BenefitTiers<N> {
    /// First rate × benefits: the cap between the base amounts.
    first_cap: N,
    /// First rate × the smaller of benefits and the gap between the base amounts.
    first_tier: N,
    /// Second rate × benefits: the cap above the adjusted base amount.
    second_cap: N,
}

impl<N: Num> Fixed<N> {
    #[inline]
    fn new(law: &TaxLaw<N>, f: &IncomeFacts<N>) -> Fixed<N> {
        let fi = f.filing.index();
        let half = N::from_dec(Decimal::new(5, 1));
        let seniors = u32::from(f.age_head >= 65)
            + u32::from(f.filing.is_joint() && f.age_spouse.is_some_and(|a| a >= 65));
        let additions = N::from_i64(i64::from(seniors + f.blind.min(2)));
        let n = N::from_i64(i64::from(seniors));
        let senior_full = if seniors == 0 || (f.filing == Filing::Mfs && !law.senior_mfs) {
            None
        } else {
            Some(law.senior_per_person * n)
        };
        Fixed {
            fi,
            half_benefits: f.social_security * half,
            benefit_tiers: None,
            seniors: n,
            standard_deduction: law.standard[fi] + law.aged_or_blind[fi] * additions,
            senior_full,
            interest_and_dividends: f.taxable_interest + f.ordinary_dividends,
        }
    }

    #[inline]
    fn with_benefit_tiers(mut self, law: &TaxLaw<N>, f: &IncomeFacts<N>) -> Fixed<N> {
        let fi = self.fi;
        self.benefit_tiers = Some(BenefitTiers {
            first_cap: law.ss_first_rate * f.social_security,
            first_tier: law.ss_first_rate
                * f.social_security
                    .min_of(law.ss_adjusted_base[fi] - law.ss_base[fi]),
            second_cap: law.ss_second_rate * f.social_security,
        });
        self
    }
}

/// Capital-gain figures: they depend on the gains and dividends, not on ordinary income.
struct Gains<N> {
    capital_gain_in_agi: N,
    loss_carryforward: N,
    /// Qualified dividends plus net capital gain, before the taxable-income cap.
    preferential_before_cap: N,
    investment_income: N,
}

impl<N: Num> Gains<N> {
    #[inline]
    fn new(law: &TaxLaw<N>, f: &IncomeFacts<N>, fixed: &Fixed<N>) -> Gains<N> {
        // Losses offset ordinary income only up to the limit; the rest carries over.
        let net_gain = f.long_term_gains + f.short_term_gains;
        let limit = law.loss_limit[fixed.fi];
        let (capital_gain_in_agi, loss_carryforward) = if net_gain < -limit {
            (-limit, -(net_gain + limit))
        } else {
            (net_gain, N::ZERO)
        };
        let net_capital_gain = f.long_term_gains.min_of(net_gain).pos();
        Gains {
            capital_gain_in_agi,
            loss_carryforward,
            preferential_before_cap: f.qualified_dividends + net_capital_gain,
            investment_income: (fixed.interest_and_dividends + capital_gain_in_agi).pos(),
        }
    }
}

/// The computation proper, from the shared figures and the ordinary income before benefits.
#[inline]
fn compute_with<N: Num>(
    law: &TaxLaw<N>,
    f: &IncomeFacts<N>,
    fixed: &Fixed<N>,
    gains: &Gains<N>,
    ordinary_before_ss: N,
) -> TaxBreakdown<N> {
    let fi = fixed.fi;
    let capital_gain_in_agi = gains.capital_gain_in_agi;
    let other_income = ordinary_before_ss + capital_gain_in_agi;

    // Social Security (Pub. 915 worksheet 1): provisional income against the two base amounts.
    let provisional_income = other_income + f.tax_exempt_interest + fixed.half_benefits;
    let base = law.ss_base[fi];
    let adjusted = law.ss_adjusted_base[fi];
    let taxable_social_security = if provisional_income <= base {
        N::ZERO
    } else if provisional_income <= adjusted {
        let cap = match &fixed.benefit_tiers {
            Some(t) => t.first_cap,
            None => law.ss_first_rate * f.social_security,
        };
        (law.ss_first_rate * (provisional_income - base)).min_of(cap)
    } else {
        let (first_tier, cap) = match &fixed.benefit_tiers {
            Some(t) => (t.first_tier, t.second_cap),
            None => (
                law.ss_first_rate * f.social_security.min_of(adjusted - base),
                law.ss_second_rate * f.social_security,
            ),
        };
        (law.ss_second_rate * (provisional_income - adjusted) + first_tier).min_of(cap)
    };

    let agi = other_income + taxable_social_security;
    let magi = agi + f.tax_exempt_interest;

    // Deductions.
    let standard_deduction = fixed.standard_deduction;
    let senior_deduction = match fixed.senior_full {
        None => N::ZERO,
        Some(full) => {
            let excess = (agi - law.senior_start[fi]).pos();
            (full - law.senior_rate * excess * fixed.seniors).pos()
        }
    };
    let taxable_income = (agi - standard_deduction - senior_deduction).pos();

    // Qualified dividends and net capital gain sit on top of ordinary income.
    let preferential_income = gains.preferential_before_cap.min_of(taxable_income);
    let ordinary_taxable_income = taxable_income - preferential_income;

    let (ordinary_tax, bracket) = bracket_tax(law, fi, ordinary_taxable_income);
    let [zero_top, fifteen_top] = law.gain_edges[fi];
    // Taxable income against the band tops, compared once for the stacking and the band reached.
    let vs_zero_top = taxable_income.partial_cmp(&zero_top);
    let vs_fifteen_top = taxable_income.partial_cmp(&fifteen_top);
    let at_most = |o: Option<Ordering>| matches!(o, Some(Ordering::Less | Ordering::Equal));
    let above = |o: Option<Ordering>| o == Some(Ordering::Greater);
    let up_to_zero_top = if at_most(vs_zero_top) {
        taxable_income
    } else {
        zero_top
    };
    let up_to_fifteen_top = if at_most(vs_fifteen_top) {
        taxable_income
    } else {
        fifteen_top
    };
    let at_zero = (up_to_zero_top - ordinary_taxable_income).pos();
    let at_fifteen = (up_to_fifteen_top - ordinary_taxable_income.max_of(zero_top)).pos();
    let at_twenty = (preferential_income - at_zero - at_fifteen).pos();
    let preferential_tax = law.gain_rates[0] * at_zero
        + law.gain_rates[1] * at_fifteen
        + law.gain_rates[2] * at_twenty;
    // The worksheet keeps the smaller of this and the plain bracket tax on everything.
    let stacked = ordinary_tax + preferential_tax;
    let regular_tax = if preferential_income > N::ZERO {
        stacked.min_of(bracket_tax(law, fi, taxable_income).0)
    } else {
        stacked
    };
    let gain_band = if above(vs_fifteen_top) {
        2
    } else if above(vs_zero_top) {
        1
    } else {
        0
    };

    // Net investment income tax.
    let niit = law.niit_rate
        * gains
            .investment_income
            .min_of((agi - law.niit_threshold[fi]).pos());

    TaxBreakdown {
        filing: f.filing,
        provisional_income,
        taxable_social_security,
        capital_gain_in_agi,
        loss_carryforward: gains.loss_carryforward,
        agi,
        magi,
        standard_deduction,
        senior_deduction,
        taxable_income,
        preferential_income,
        ordinary_taxable_income,
        ordinary_tax,
        preferential_tax,
        regular_tax,
        niit,
        total: regular_tax + niit,
        bracket,
        bracket_rate: if bracket == 0 {
            N::ZERO
        } else {
            law.rates[usize::from(bracket) - 1]
        },
        gain_band,
        marginal_ordinary: N::ZERO,
        marginal_gain: N::ZERO,
    }
}

/// Tax on `income` by the ordinary brackets, and the bracket number it reaches (0 for none).
#[inline]
pub fn bracket_tax<N: Num>(law: &TaxLaw<N>, fi: usize, income: N) -> (N, u8) {
    if income <= N::ZERO {
        return (N::ZERO, 0);
    }
    let edges = &law.brackets[fi];
    let mut i = 0;
    while i < 6 && income > edges[i] {
        i += 1;
    }
    let floor = if i == 0 { N::ZERO } else { edges[i - 1] };
    (
        law.tax_below[fi][i] + law.rates[i] * (income - floor),
        i as u8 + 1,
    )
}

#[cfg(test)]
mod tests;
