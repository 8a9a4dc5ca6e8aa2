//! The health and payroll columns of `drawdown tax`: the ACA premium tax credit for a household
//! with Marketplace coverage, and the employee's payroll tax on wages.

use crate::health::aca::{MAX_DEPENDENTS, tax_family_size};
use crate::health::{AcaHousehold, AcaLaw, HealthTables, aca_magi};
use crate::index::compound;
use crate::num::Num;
use crate::tax::payroll::{Payroll, PayrollTable};
use crate::tax::tables::LAST_TABLE_YEAR;
use crate::tax::{Filing, IncomeFacts, StateCode, TaxBreakdown};
use rust_decimal::Decimal;

/// Optional input columns, read when present (not repeated in the output). The `state` column,
/// which the credit also reads, is the state tax's.
pub const HEALTH_INPUTS: [&str; 3] = ["aca_benchmark", "aca_months", "aca_dependents"];

/// Output columns, written after every other output column.
pub const HEALTH_OUTPUT_COLUMNS: [&str; 3] = ["aca_magi", "aca_ptc", "fica"];

/// A row's health inputs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HealthInputs {
    pub state: Option<StateCode>,
    /// The household's yearly benchmark premium (dollars of the year); zero without Marketplace
    /// coverage.
    pub benchmark: Decimal,
    pub months: u32,
    /// Dependents claimed on the return, counted in the credit's tax family; `None`: the
    /// filing status's own minimum (see [`tax_family_size`]).
    pub dependents: Option<u32>,
}

/// Parses the cells of [`HEALTH_INPUTS`], in that order (empty when the column is absent), for
/// a household in `state`.
pub fn parse_health(cells: &[&str], state: Option<StateCode>) -> Result<HealthInputs, String> {
    let benchmark = match cells[0].trim() {
        "" => Decimal::ZERO,
        // Read as every other amount cell is (`65k`, a fraction of a cent rounded).
        s => crate::money::parse_money(s).map_err(|e| format!("aca_benchmark: {e}"))?,
    };
    if benchmark < Decimal::ZERO || benchmark > crate::money::MAX_MONEY {
        return Err(format!(
            "aca_benchmark: {benchmark} must be from 0 to $100 billion"
        ));
    }
    let months = match cells[1].trim() {
        "" => 12,
        s => s
            .strip_suffix(".0")
            .unwrap_or(s)
            .parse::<u32>()
            .ok()
            .filter(|m| *m <= 12)
            .ok_or_else(|| format!("aca_months: '{s}' is not a whole number from 0 to 12"))?,
    };
    let dependents = match cells[2].trim() {
        "" => None,
        s => Some(
            s.strip_suffix(".0")
                .unwrap_or(s)
                .parse::<u32>()
                .ok()
                .filter(|d| *d <= MAX_DEPENDENTS)
                .ok_or_else(|| {
                    format!(
                        "aca_dependents: '{s}' is not a whole number from 0 to {MAX_DEPENDENTS}"
                    )
                })?,
        ),
    };
    Ok(HealthInputs {
        state,
        benchmark,
        months,
        dependents,
    })
}

/// `aca_magi`, `aca_ptc` and `fica` for a computed row. Years past the tables index the poverty
/// line and the wage base by `inflation`.
pub fn health_columns(
    year: i32,
    facts: &IncomeFacts<Decimal>,
    b: &TaxBreakdown<Decimal>,
    h: &HealthInputs,
    inflation: Decimal,
) -> Result<[Decimal; 3], String> {
    let prices = compound(inflation, LAST_TABLE_YEAR);
    let magi = aca_magi(b.magi, facts.social_security, b.taxable_social_security);
    let tables = HealthTables::get().map_err(|e| e.to_string())?;
    let law = AcaLaw::for_year(tables, year, h.state, &prices).map_err(|e| e.to_string())?;
    let credit = law.credit(&AcaHousehold {
        magi,
        size: tax_family_size(facts.filing, h.dependents),
        benchmark: h.benchmark,
        months: h.months,
        separate_return: facts.filing == Filing::Mfs,
    });
    let payroll = Payroll::for_year(
        PayrollTable::get().map_err(|e| e.to_string())?,
        year,
        &prices,
    )
    .map_err(|e| e.to_string())?;
    let fica = payroll.fica(facts.wages)
        + payroll.additional_medicare(facts.filing, facts.wages, Decimal::ZERO);
    Ok([magi, credit.credit.round_cents(), fica.round_cents()])
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn cells_parse_leniently_and_refuse_nonsense() {
        let h = parse_health(&["", "", ""], None).unwrap();
        assert_eq!(
            h,
            HealthInputs {
                state: None,
                benchmark: Decimal::ZERO,
                months: 12,
                dependents: None,
            }
        );
        let h = parse_health(&["12345.5", "7", "2"], StateCode::parse("ny")).unwrap();
        assert_eq!(h.state.unwrap().as_str(), "NY");
        assert_eq!(
            (h.benchmark, h.months, h.dependents),
            (dec!(12345.5), 7, Some(2))
        );
        assert!(
            parse_health(&["-5", "", ""], None)
                .unwrap_err()
                .contains("aca_benchmark")
        );
        assert!(
            parse_health(&["", "13", ""], None)
                .unwrap_err()
                .contains("aca_months")
        );
        for bad in ["-1", "1.5", "21", "two"] {
            assert!(
                parse_health(&["", "", bad], None)
                    .unwrap_err()
                    .contains("aca_dependents"),
                "{bad}"
            );
        }
    }
}
