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
    /// Married filing separately and lived with the spouse at some time in the year: the
    /// Social Security base amounts are then zero (IRC sec. 86(c)(1)(C)).
    pub lived_with_spouse: bool,
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
    /// The same facts on `f64`.
    pub fn to_f64(&self) -> IncomeFacts<f64> {
        let c = |x: N| x.to_f64();
        IncomeFacts {
            filing: self.filing,
            age_head: self.age_head,
            age_spouse: self.age_spouse,
            blind: self.blind,
            wages: c(self.wages),
            pensions: c(self.pensions),
            ira_distributions: c(self.ira_distributions),
            roth_conversions: c(self.roth_conversions),
            taxable_interest: c(self.taxable_interest),
            tax_exempt_interest: c(self.tax_exempt_interest),
            ordinary_dividends: c(self.ordinary_dividends),
            qualified_dividends: c(self.qualified_dividends),
            long_term_gains: c(self.long_term_gains),
            short_term_gains: c(self.short_term_gains),
            other_ordinary: c(self.other_ordinary),
            social_security: c(self.social_security),
            lived_with_spouse: self.lived_with_spouse,
        }
    }

    /// The Social Security base and adjusted base amounts that apply to these facts.
    #[inline]
    pub fn social_security_bases(&self, law: &TaxLaw<N>) -> (N, N) {
        if self.filing == Filing::Mfs && self.lived_with_spouse {
            (N::ZERO, N::ZERO)
        } else {
            let fi = self.filing.index();
            (law.ss_base[fi], law.ss_adjusted_base[fi])
        }
    }

    /// Income taxed at the capital-gain rates before the cap at taxable income: qualified
    /// dividends and the net capital gain.
    #[inline]
    pub fn preferential(&self) -> N {
        let net_gain = self.long_term_gains + self.short_term_gains;
        self.qualified_dividends + self.long_term_gains.min_of(net_gain).pos()
    }

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
/// The marginal rates are the slope of the tax at these facts (see [`super::slope`]): the rate
/// on the next dollar, past any edge the income sits exactly on. The slope is a product of a few
/// rates of the law (a bracket rate, 1.5 or 1.85 for the Social Security torpedo, the senior
/// deduction's phase-out, NIIT), so it is found on `f64`, ten times faster than on Decimal, and
/// rounded to nine decimals, which recovers it exactly.
pub fn breakdown<N: Num>(law: &TaxLaw<N>, facts: &IncomeFacts<N>) -> TaxBreakdown<N> {
    let mut b = compute(law, facts);
    let [ordinary, gain] = marginal_rates(law, facts, &b);
    b.marginal_ordinary = ordinary;
    b.marginal_gain = gain;
    b
}

/// The federal marginal rates on the next dollar of ordinary income and of long-term gain.
pub fn marginal_rates<N: Num>(
    law: &TaxLaw<N>,
    facts: &IncomeFacts<N>,
    b: &TaxBreakdown<N>,
) -> [N; 2] {
    let _ = b;
    super::slope::federal_slopes(law, facts).map(N::from_rate)
}

/// Total federal tax only: what the engine's solver evaluates many times a year.
#[inline]
pub fn total_tax<N: Num>(law: &TaxLaw<N>, facts: &IncomeFacts<N>) -> N {
    compute(law, facts).total
}

/// A return's income and deductions: everything [`compute`] finds before the tax itself.
#[derive(Debug, Clone, Copy)]
pub struct Income<N> {
    pub capital_gain_in_agi: N,
    pub loss_carryforward: N,
    pub provisional_income: N,
    pub taxable_social_security: N,
    pub agi: N,
    pub magi: N,
    pub standard_deduction: N,
    pub senior_deduction: N,
    /// AGI less the deductions, before the floor at zero.
    pub excess: N,
}

impl<N: Num> Income<N> {
    pub fn taxable_income(&self) -> N {
        self.excess.pos()
    }
}

/// AGI and the deductions from it: what the searches for room under a line need, without the
/// tax (a strategy asks for such rooms several times a year). Always inlined: in [`compute`],
/// what it returns is kept in registers rather than written out and read back.
#[inline(always)]
pub fn income<N: Num>(law: &TaxLaw<N>, f: &IncomeFacts<N>) -> Income<N> {
    let fi = f.filing.index();

    // Capital gains: losses offset ordinary income only up to the limit; the rest carries over.
    let net_gain = f.long_term_gains + f.short_term_gains;
    let limit = law.loss_limit[fi];
    let (capital_gain_in_agi, loss_carryforward) = if net_gain < -limit {
        (-limit, -(net_gain + limit))
    } else {
        (net_gain, N::ZERO)
    };

    let other_income = f.ordinary_before_ss() + capital_gain_in_agi;

    // Social Security (Pub. 915 worksheet 1): provisional income against the two base amounts.
    let half = N::HALF;
    let provisional_income = other_income + f.tax_exempt_interest + f.social_security * half;
    let (base, adjusted) = f.social_security_bases(law);
    let taxable_social_security = if provisional_income <= base {
        N::ZERO
    } else if provisional_income <= adjusted {
        (law.ss_first_rate * (provisional_income - base))
            .min_of(law.ss_first_rate * f.social_security)
    } else {
        let first_tier = law.ss_first_rate * f.social_security.min_of(adjusted - base);
        (law.ss_second_rate * (provisional_income - adjusted) + first_tier)
            .min_of(law.ss_second_rate * f.social_security)
    };

    let agi = other_income + taxable_social_security;
    let magi = agi + f.tax_exempt_interest;

    // Deductions.
    let seniors = u32::from(f.age_head >= 65)
        + u32::from(f.filing.is_joint() && f.age_spouse.is_some_and(|a| a >= 65));
    let additions = N::from_i64(i64::from(seniors + f.blind.min(2)));
    let standard_deduction = law.standard[fi] + law.aged_or_blind[fi] * additions;
    let senior_deduction = if seniors == 0 || (f.filing == Filing::Mfs && !law.senior_mfs) {
        N::ZERO
    } else {
        let n = N::from_i64(i64::from(seniors));
        let excess = (agi - law.senior_start[fi]).pos();
        (law.senior_per_person * n - law.senior_rate * excess * n).pos()
    };
    Income {
        capital_gain_in_agi,
        loss_carryforward,
        provisional_income,
        taxable_social_security,
        agi,
        magi,
        standard_deduction,
        senior_deduction,
        excess: agi - standard_deduction - senior_deduction,
    }
}

/// Everything except the marginal rates.
pub fn compute<N: Num>(law: &TaxLaw<N>, f: &IncomeFacts<N>) -> TaxBreakdown<N> {
    let fi = f.filing.index();
    let i = income(law, f);
    let (agi, capital_gain_in_agi) = (i.agi, i.capital_gain_in_agi);
    let taxable_income = i.taxable_income();

    // Qualified dividends and net capital gain sit on top of ordinary income.
    let preferential_income = f.preferential().min_of(taxable_income);
    let ordinary_taxable_income = taxable_income - preferential_income;

    let (ordinary_tax, bracket) = bracket_tax(law, fi, ordinary_taxable_income);
    let [zero_top, fifteen_top] = law.gain_edges[fi];
    let at_zero = (taxable_income.min_of(zero_top) - ordinary_taxable_income).pos();
    let at_fifteen =
        (taxable_income.min_of(fifteen_top) - ordinary_taxable_income.max_of(zero_top)).pos();
    let at_twenty = (preferential_income - at_zero - at_fifteen).pos();
    let preferential_tax = law.gain_rates[0] * at_zero
        + law.gain_rates[1] * at_fifteen
        + law.gain_rates[2] * at_twenty;
    // The worksheet keeps the smaller of this and the plain bracket tax on everything.
    let stacked = ordinary_tax + preferential_tax;
    let regular_tax = if preferential_income > N::ZERO && !law.gains_apart {
        stacked.min_of(bracket_tax(law, fi, taxable_income).0)
    } else {
        stacked
    };
    let gain_band = if taxable_income > fifteen_top {
        2
    } else if taxable_income > zero_top {
        1
    } else {
        0
    };

    // Net investment income tax.
    let investment_income = (f.taxable_interest + f.ordinary_dividends + capital_gain_in_agi).pos();
    let niit = law.niit_rate * investment_income.min_of((agi - law.niit_threshold[fi]).pos());

    TaxBreakdown {
        filing: f.filing,
        provisional_income: i.provisional_income,
        taxable_social_security: i.taxable_social_security,
        capital_gain_in_agi,
        loss_carryforward: i.loss_carryforward,
        agi,
        magi: i.magi,
        standard_deduction: i.standard_deduction,
        senior_deduction: i.senior_deduction,
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
