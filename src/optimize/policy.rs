//! A search's answer as a policy for other return paths ([`BracketTargets`]): each year's
//! ordinary income as a position on that year's tax ladder, the conversion years, the
//! schedule's caps in first-year dollars and the IRMAA and Marketplace edges the year kept
//! behind, read off the exact books of the answer.

use super::Optimized;
use crate::engine::{EngineError, ReturnPath, Scenario};
use crate::num::Num;
use crate::plan::Plan;
use crate::strategy::{BracketTargets, Objective, Position, TargetYear};
use rust_decimal::Decimal;

impl Optimized {
    /// The answer as a policy for any return path, named `name`. `None` for the spending
    /// objective, whose answer funds a spending other than the plan's: on a path it would
    /// answer a different question.
    pub fn policy(&self, plan: &Plan, name: String) -> Result<Option<BracketTargets>, EngineError> {
        if self.objective != Objective::Estate {
            return Ok(None);
        }
        let scenario = Scenario::<Decimal>::build(plan, &ReturnPath::constant(plan))?.to_f64();
        let years = self
            .projection
            .rows
            .iter()
            .zip(&scenario.years)
            .enumerate()
            .map(|(k, (row, inputs))| {
                let p = inputs.price_level;
                let plan_year = self.schedule.year(k);
                let f = |d: Decimal| d.to_f64();
                let b = &row.tax;
                // Ordinary taxable income before the floor at zero, as the engine's room measures
                // it: below the deductions the breakdown shows zero, so it is worked back.
                let ordinary = if b.ordinary_taxable_income > Decimal::ZERO {
                    f(b.ordinary_taxable_income)
                } else {
                    f(b.agi - b.standard_deduction - b.senior_deduction - row.qualified_dividends)
                        - f(b.capital_gain_in_agi).max(0.0)
                };
                let fi = inputs.filing.index();
                let real = |x: f64| if p > 0.0 { x / p } else { x };
                let cap = |x: f64| x.is_finite().then(|| real(x.max(0.0)));
                let enrolling = (0..2).any(|i| inputs.alive[i] && inputs.ages[i] + 2 >= 65);
                let ahead = &inputs.irmaa_ahead;
                let irmaa_tier = enrolling
                    .then(|| ahead.tier(inputs.filing, f(b.magi)))
                    .filter(|t| {
                        let t = usize::from(*t);
                        t < 5 && ahead.annual_surcharge[t + 1] > ahead.annual_surcharge[t]
                    });
                TargetYear {
                    year: row.year,
                    ordinary: Position::of(
                        ordinary,
                        &inputs.law.brackets[fi],
                        inputs.law.standard[fi],
                        p,
                    ),
                    converts: row.conversion >= Decimal::ONE,
                    deferred: real(plan_year.deferred.max(0.0)),
                    cash: cap(plan_year.cash),
                    taxable: cap(plan_year.taxable),
                    roth: cap(plan_year.roth),
                    harvest: real(f(row.harvested_gain)),
                    irmaa_tier,
                    below_aca_line: row.aca_line > Decimal::ZERO && row.aca_magi < row.aca_line,
                    fixed: real(f(row.fixed_deferred)),
                }
            })
            .collect();
        Ok(Some(BracketTargets { name, years }))
    }
}
