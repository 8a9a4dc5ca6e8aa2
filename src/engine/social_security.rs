//! Social Security claiming rules: full retirement age by birth year, reductions for claiming
//! early and credits for claiming late (SSA; 20 CFR 404.410 and 404.313), spousal amounts.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// Full retirement age in months, by birth year.
pub fn full_retirement_age_months(birth_year: i32) -> u32 {
    match birth_year {
        ..=1954 => 66 * 12,
        1955 => 66 * 12 + 2,
        1956 => 66 * 12 + 4,
        1957 => 66 * 12 + 6,
        1958 => 66 * 12 + 8,
        1959 => 66 * 12 + 10,
        _ => 67 * 12,
    }
}

/// The share of the FRA benefit a worker receives when claiming at `claim_months` of age:
/// 5/9 of 1% less per month for the first 36 months early, 5/12 of 1% beyond; 2/3 of 1% more
/// per month of delay up to age 70.
pub fn worker_factor(birth_year: i32, claim_months: u32) -> Decimal {
    let fra = full_retirement_age_months(birth_year);
    if claim_months < fra {
        let early = Decimal::from(fra - claim_months);
        let first = early.min(dec!(36));
        let beyond = (early - dec!(36)).max(Decimal::ZERO);
        Decimal::ONE - first * dec!(5) / dec!(900) - beyond * dec!(5) / dec!(1200)
    } else {
        let late = Decimal::from(claim_months.min(70 * 12) - fra);
        Decimal::ONE + late * dec!(2) / dec!(300)
    }
}

/// The share of the full spousal amount (half the other's FRA benefit) received when claiming
/// at `claim_months`: 25/36 of 1% less per month for the first 36 months early, 5/12 of 1%
/// beyond; no credit for waiting past FRA.
pub fn spousal_factor(birth_year: i32, claim_months: u32) -> Decimal {
    let fra = full_retirement_age_months(birth_year);
    if claim_months >= fra {
        return Decimal::ONE;
    }
    let early = Decimal::from(fra - claim_months);
    let first = early.min(dec!(36));
    let beyond = (early - dec!(36)).max(Decimal::ZERO);
    Decimal::ONE - first * dec!(25) / dec!(3600) - beyond * dec!(5) / dec!(1200)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claiming_at_62_and_70_with_fra_67() {
        // SSA: 70% at 62 and 124% at 70 for births 1960 and later
        assert_eq!(worker_factor(1961, 62 * 12), dec!(0.70));
        assert_eq!(worker_factor(1961, 70 * 12), dec!(1.24));
        assert_eq!(worker_factor(1961, 67 * 12), Decimal::ONE);
        // spouse at 62: 32.5% of the worker's PIA = 65% of the 50% amount
        assert_eq!(spousal_factor(1961, 62 * 12) * dec!(0.5), dec!(0.325));
    }

    #[test]
    fn fra_steps_for_1955_to_1959() {
        assert_eq!(full_retirement_age_months(1954), 792);
        assert_eq!(full_retirement_age_months(1957), 798);
        // AAII table: born 1957, 72.5% at 62, 128% at 70
        assert_eq!(worker_factor(1957, 62 * 12), dec!(0.725));
        assert_eq!(worker_factor(1957, 70 * 12), dec!(1.28));
        // household A: born 1957, claiming at 65 is 18 months early: 90%
        assert_eq!(worker_factor(1957, 65 * 12), dec!(0.90));
    }
}
