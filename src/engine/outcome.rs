//! What a strategy achieves over the plan: lifetime taxes, how long the money lasts, what the
//! heirs keep.

use super::ledger::Projection;
use crate::num::Num;
use crate::num::RoundTo;
use rust_decimal::Decimal;

/// A couple's tax a year (federal, state and IRMAA, today's dollars) while both live and after
/// the first death: the widow's penalty, as the survivor files single (single brackets, IRMAA's
/// single tiers) on much of the same income.
#[derive(Debug, Clone, PartialEq)]
pub struct SurvivorTax {
    pub both: Decimal,
    pub both_years: u32,
    pub survivor: Decimal,
    pub survivor_years: u32,
}

/// The after-tax estate in a given year.
#[derive(Debug, Clone, PartialEq)]
pub struct EstateAt {
    pub age: u32,
    pub year: i32,
    pub nominal: Decimal,
    /// In dollars of the plan's first year.
    pub real: Decimal,
}

/// One strategy's results, in exact Decimal whatever the engine ran on.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub strategy: String,
    pub federal: Decimal,
    pub state: Decimal,
    pub irmaa: Decimal,
    pub federal_real: Decimal,
    pub state_real: Decimal,
    pub irmaa_real: Decimal,
    /// Years the spending is fully met, with the year the money runs out counted by the share of
    /// its need the portfolio still covered (29.8 = ran out late in the thirtieth year).
    pub years_lasting: Decimal,
    /// The money lasted through the whole plan.
    pub lasts_to_horizon: bool,
    pub horizon_years: usize,
    pub estate: Decimal,
    pub estate_real: Decimal,
    pub estate_at_ages: Vec<EstateAt>,
    /// Years whose last dollar of ordinary income fell in each bracket (0 = none taxed, 1 = 10%,
    /// … 7 = 37%).
    pub years_in_bracket: [u32; 8],
    /// Highest federal plus state marginal rate on the next dollar of tax-deferred money.
    pub highest_marginal: Decimal,
    pub highest_bracket_rate: Decimal,
    pub shortfall_years: u32,
    pub shortfall_total: Decimal,
    pub conversions: Decimal,
    pub irmaa_years: u32,
    /// Payroll tax on wages over the plan.
    pub payroll: Decimal,
    /// Health premiums over the plan: Marketplace premiums net of the credit, and Medicare's
    /// base premiums (IRMAA surcharges are in `irmaa`).
    pub premiums: Decimal,
    pub premiums_real: Decimal,
    /// The 10% additional tax on early tax-deferred draws over the plan.
    pub early_withdrawal_tax: Decimal,
    /// The Marketplace premium tax credit received over the plan.
    pub aca_credit: Decimal,
    /// The figures weighted by the SSA life table (the estate at the last death, the chance the
    /// money lasts as long as either lives), when the comparison has worked them out.
    pub weighted: Option<super::mortality::Weighted>,
    /// For a couple one of whom outlives the other within the plan, the tax a year before and
    /// after the first death; `None` for one person or when both live to the end.
    pub survivor_tax: Option<SurvivorTax>,
}

impl Outcome {
    pub fn lifetime_tax(&self) -> Decimal {
        self.federal + self.state + self.irmaa
    }

    pub fn lifetime_tax_real(&self) -> Decimal {
        self.federal_real + self.state_real + self.irmaa_real
    }

    /// Taxes (payroll included) and health premiums over the plan, in dollars of each year.
    pub fn lifetime_tax_and_premiums(&self) -> Decimal {
        self.lifetime_tax() + self.payroll + self.early_withdrawal_tax + self.premiums
    }
}

/// Sums a projection up. `estate_ages` are ages of the first person.
pub fn outcome<N: Num>(p: &Projection<N>, estate_ages: &[u32]) -> Outcome {
    let mut federal = N::ZERO;
    let mut state = N::ZERO;
    let mut irmaa = N::ZERO;
    let mut federal_real = N::ZERO;
    let mut state_real = N::ZERO;
    let mut irmaa_real = N::ZERO;
    let mut years_in_bracket = [0u32; 8];
    let mut highest_marginal = N::ZERO;
    let mut highest_bracket_rate = N::ZERO;
    let mut shortfall_years = 0;
    let mut shortfall_total = N::ZERO;
    let mut conversions = N::ZERO;
    let mut irmaa_years = 0;
    let mut payroll = N::ZERO;
    let mut premiums = N::ZERO;
    let mut premiums_real = N::ZERO;
    let mut aca_credit = N::ZERO;
    let mut early = N::ZERO;
    let mut lasting: Option<N> = None;
    let mut estate_at_ages = Vec::new();
    // Real tax and years while both live [0] and after the first death [1].
    let mut phases = [(N::ZERO, 0u32); 2];
    for (k, r) in p.rows.iter().enumerate() {
        let phase = match (r.alive[0], r.alive[1]) {
            (true, true) => Some(0),
            // Only after a year with both alive: one person alone is not a survivor.
            (true, false) | (false, true) if phases[0].1 > 0 => Some(1),
            _ => None,
        };
        // Today's dollars: each amount times the price level's inverse, which the scenario
        // divided out once for every strategy's rows.
        let deflator = r.deflator;
        let real = (
            r.federal_tax * deflator,
            r.state_tax * deflator,
            r.irmaa * deflator,
        );
        if let Some(i) = phase {
            phases[i].0 += real.0 + real.1 + real.2;
            phases[i].1 += 1;
        }
        federal += r.federal_tax;
        state += r.state_tax;
        irmaa += r.irmaa;
        federal_real += real.0;
        state_real += real.1;
        irmaa_real += real.2;
        years_in_bracket[usize::from(r.tax.bracket.min(7))] += 1;
        highest_marginal = highest_marginal.max_of(r.marginal_ordinary);
        highest_bracket_rate = highest_bracket_rate.max_of(r.tax.bracket_rate);
        conversions += r.conversion;
        payroll += r.payroll_tax;
        premiums += r.health();
        premiums_real += r.health() * deflator;
        aca_credit += r.aca_credit;
        early += r.early_withdrawal_tax;
        if r.irmaa > N::ZERO {
            irmaa_years += 1;
        }
        if r.shortfall > N::ZERO {
            shortfall_years += 1;
            shortfall_total += r.shortfall;
            if lasting.is_none() {
                let drawn = r.rmd + r.cash_draw + r.taxable_sale + r.deferred_draw + r.roth_draw;
                let covered = drawn.ratio(drawn + r.shortfall);
                lasting = Some(N::from_i64(k as i64) + covered);
            }
        }
        if estate_ages.contains(&r.ages[0]) {
            let nominal = r.closing.after_tax_estate(p.heirs_rate);
            estate_at_ages.push(EstateAt {
                age: r.ages[0],
                year: r.year,
                nominal: nominal.to_dec().round_to(2),
                real: nominal.ratio(r.price_level_end).to_dec().round_to(2),
            });
        }
    }
    let horizon_years = p.rows.len();
    let (estate, estate_real) = match p.rows.last() {
        Some(r) => {
            let e = r.closing.after_tax_estate(p.heirs_rate);
            (e, e.ratio(r.price_level_end))
        }
        None => (N::ZERO, N::ZERO),
    };
    let money = |n: N| n.to_dec().round_to(2);
    let [(both, both_years), (survivor, survivor_years)] = phases;
    let survivor_tax = (both_years > 0 && survivor_years > 0).then(|| SurvivorTax {
        both: money(both.ratio(N::from_i64(i64::from(both_years)))),
        both_years,
        survivor: money(survivor.ratio(N::from_i64(i64::from(survivor_years)))),
        survivor_years,
    });
    Outcome {
        strategy: p.strategy.clone(),
        federal: money(federal),
        state: money(state),
        irmaa: money(irmaa),
        federal_real: money(federal_real),
        state_real: money(state_real),
        irmaa_real: money(irmaa_real),
        years_lasting: lasting
            .map(|l| l.to_dec().round_to(1))
            .unwrap_or_else(|| Decimal::from(horizon_years as u64)),
        lasts_to_horizon: lasting.is_none(),
        horizon_years,
        estate: money(estate),
        estate_real: money(estate_real),
        estate_at_ages,
        years_in_bracket,
        highest_marginal: highest_marginal.to_dec().round_to(4),
        highest_bracket_rate: highest_bracket_rate.to_dec(),
        shortfall_years,
        shortfall_total: money(shortfall_total),
        conversions: money(conversions),
        irmaa_years,
        payroll: money(payroll),
        premiums: money(premiums),
        premiums_real: money(premiums_real),
        aca_credit: money(aca_credit),
        weighted: None,
        survivor_tax,
        early_withdrawal_tax: money(early),
    }
}
