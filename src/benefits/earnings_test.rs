//! The Social Security retirement earnings test and the recomputation at full retirement age.
//!
//! Before the year of full retirement age (FRA), $1 of benefits is withheld for every $2 of
//! earnings above the lower exempt amount; in the year FRA is reached, $1 for every $3 above the
//! higher amount, counting only earnings before the FRA month; from the FRA month on there is
//! no test (42 USC 403(b), (f)). SSA withholds whole monthly benefits from the start of the year
//! until the amount is covered and pays back what it withheld beyond it after the year (SSA Pub.
//! 05-10069). At FRA the early-claiming reduction is recomputed as if benefits had started later
//! by the months withheld (42 USC 402(q)(7); 20 CFR 404.412), so withheld benefits are repaid
//! over the rest of a life as a higher benefit.

use super::BenefitsError;
use crate::assets;
use crate::index::growth;
use crate::money::index_nearest;
use crate::num::Num;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::path::PathBuf;
use std::sync::OnceLock;

const TABLE: (&str, &str) = (
    "ss/earnings-test.ron",
    include_str!("../../assets/ss/earnings-test.ron"),
);

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EarningsTestTable {
    /// (year, lower annual exempt amount, higher amount for the year FRA is reached)
    pub exempt_amounts: Vec<(i32, Decimal, Decimal)>,
    pub before_fra_year: Rate,
    pub fra_year: Rate,
}

/// Dollars withheld per dollars of earnings above the exempt amount.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rate {
    pub withheld: u32,
    pub per: u32,
}

impl EarningsTestTable {
    /// The shipped table with any `DRAWDOWN_ASSETS` override; parsed on first use.
    pub fn get() -> Result<&'static EarningsTestTable, BenefitsError> {
        static T: OnceLock<Result<EarningsTestTable, BenefitsError>> = OnceLock::new();
        assets::cached(&T, || EarningsTestTable::load(assets::override_dir()))
    }

    pub fn load(dir: Option<PathBuf>) -> Result<EarningsTestTable, BenefitsError> {
        Ok(assets::load_checked(
            dir.as_deref(),
            TABLE,
            |t: &EarningsTestTable| {
                let rows_ok = !t.exempt_amounts.is_empty()
                    && t.exempt_amounts.windows(2).all(|w| w[0].0 < w[1].0)
                    && t.exempt_amounts
                        .iter()
                        .all(|r| r.1 > Decimal::ZERO && r.2 >= r.1);
                let rates_ok = [t.before_fra_year, t.fra_year]
                    .iter()
                    .all(|r| r.per > 0 && r.withheld <= r.per);
                (rows_ok && rates_ok).then_some(()).ok_or_else(|| {
                    "years must increase, the higher amount be at least the lower, and rates \
                 withhold at most a dollar per dollar"
                        .to_string()
                })
            },
        )?)
    }
}

/// One year's test, ready to compute with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EarningsTest<N> {
    pub year: i32,
    /// The annual exempt amount for years before the FRA year.
    pub lower: N,
    /// The annual exempt amount for the year FRA is reached (earnings before the FRA month).
    pub higher: N,
    /// Dollars withheld per dollars of excess before the FRA year (1 per 2), kept as a ratio
    /// so a third stays exact.
    pub before_fra_year_rate: (N, N),
    /// Dollars withheld per dollars of excess in the FRA year (1 per 3).
    pub fra_year_rate: (N, N),
}

/// A person's work and benefit in a year, as the test sees them.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct WorkYear<N> {
    /// Earnings the test counts: wages plus net earnings from self-employment (not pensions, IRA
    /// withdrawals or investment income). In the year FRA is reached, only those earned before
    /// the FRA month.
    pub earnings: N,
    /// The monthly benefit payable on the person's record before withholding.
    pub monthly_benefit: N,
    /// Months of the year with a benefit due before FRA: from January (or the first month of
    /// entitlement) to the month before FRA (or December).
    pub months_before_fra: u32,
    /// Whether FRA is reached in this year ($1 for $3 above the higher amount).
    pub fra_year: bool,
    /// In the first year of entitlement only (one grace year): months with wages of at most a
    /// twelfth of the annual exempt amount and no substantial self-employment, for which no
    /// benefit is withheld whatever the year's earnings (20 CFR 404.435).
    pub grace_months: u32,
}

/// What the test withholds in a year.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Withholding<N> {
    /// The amount to be charged: half (in the FRA year a third) of earnings above the exempt
    /// amount.
    pub excess: N,
    /// Whole monthly benefits withheld; these months count for the recomputation at FRA.
    pub months: u32,
    /// Benefits withheld in the year: `months` × the monthly benefit.
    pub withheld: N,
    /// Withheld beyond `excess`, which SSA pays back after the year.
    pub refund: N,
}

impl EarningsTest<Decimal> {
    /// The test of `year`. Years after the table grow the last monthly exempt amounts by
    /// `wages` (a wage level on any base), rounded to the nearest $10 a month, never falling.
    pub fn for_year(
        table: &EarningsTestTable,
        year: i32,
        wages: &dyn Fn(i32) -> Decimal,
    ) -> Result<EarningsTest<Decimal>, BenefitsError> {
        let first = table.exempt_amounts[0].0;
        if year < first {
            return Err(BenefitsError::UnsupportedYear(year, first));
        }
        let &(row_year, lower, higher) = table
            .exempt_amounts
            .iter()
            .rev()
            .find(|r| r.0 <= year)
            .expect("checked non-empty");
        let (lower, higher) = if row_year == year {
            (lower, higher)
        } else {
            let scale =
                growth(wages, row_year, year).ok_or_else(|| BenefitsError::InvalidInput {
                    field: "wage level",
                    reason: format!("no usable growth to {year}"),
                })?;
            let twelve = Decimal::from(12);
            let grow =
                |annual: Decimal| (index_nearest(annual / twelve, scale, 10) * twelve).max(annual);
            (grow(lower), grow(higher))
        };
        let rate = |r: Rate| (Decimal::from(r.withheld), Decimal::from(r.per));
        Ok(EarningsTest {
            year,
            lower,
            higher,
            before_fra_year_rate: rate(table.before_fra_year),
            fra_year_rate: rate(table.fra_year),
        })
    }

    pub fn convert<M: Num>(&self) -> EarningsTest<M> {
        EarningsTest {
            year: self.year,
            lower: M::from_dec(self.lower),
            higher: M::from_dec(self.higher),
            before_fra_year_rate: (
                M::from_dec(self.before_fra_year_rate.0),
                M::from_dec(self.before_fra_year_rate.1),
            ),
            fra_year_rate: (
                M::from_dec(self.fra_year_rate.0),
                M::from_dec(self.fra_year_rate.1),
            ),
        }
    }
}

impl<N: Num> EarningsTest<N> {
    /// The amount the test charges against the year's benefits, before whole months.
    pub fn excess(&self, earnings: N, fra_year: bool) -> N {
        let ((withheld, per), over) = if fra_year {
            (self.fra_year_rate, earnings - self.higher)
        } else {
            (self.before_fra_year_rate, earnings - self.lower)
        };
        over.pos() * withheld / per
    }

    /// What is withheld in the year: whole monthly benefits from the first month due, until the
    /// excess is covered or no month before FRA is left.
    pub fn withholding(&self, w: &WorkYear<N>) -> Withholding<N> {
        let excess = self.excess(w.earnings, w.fra_year);
        let available = w.months_before_fra.min(12).saturating_sub(w.grace_months);
        let mut out = Withholding {
            excess,
            ..Default::default()
        };
        if w.monthly_benefit <= N::ZERO {
            return out;
        }
        while out.months < available && out.withheld < excess {
            out.withheld += w.monthly_benefit;
            out.months += 1;
        }
        out.refund = (out.withheld - excess).pos();
        out
    }
}

/// The claiming age in months that sets the benefit from FRA on: the months withheld under the
/// test no longer count as months of early claiming (42 USC 402(q)(7)), up to FRA itself. Feed
/// it to `engine::social_security::worker_factor` (or `spousal_factor`) for the new factor.
pub fn adjusted_claim_months(claim_months: u32, withheld_months: u32, fra_months: u32) -> u32 {
    if claim_months >= fra_months {
        return claim_months;
    }
    (claim_months + withheld_months).min(fra_months)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::social_security::{full_retirement_age_months, worker_factor};
    use rust_decimal_macros::dec;

    fn test(year: i32) -> EarningsTest<Decimal> {
        EarningsTest::for_year(EarningsTestTable::get().unwrap(), year, &|_| Decimal::ONE).unwrap()
    }

    fn work(earnings: Decimal, monthly: Decimal, months: u32) -> WorkYear<Decimal> {
        WorkYear {
            earnings,
            monthly_benefit: monthly,
            months_before_fra: months,
            ..Default::default()
        }
    }

    /// SSA, "Getting benefits while working" (socialsecurity.gov/retire2/whileworking3.htm,
    /// 2013, archived by the UNT CyberCemetery): benefits from 62 in January 2013 of $800 a
    /// month (FRA 66, so 75% of the full benefit), earnings of $23,120 ($8,000 over the $15,120
    /// limit): $4,000 withheld, five months a year; four such years (20 months withheld) raise
    /// the benefit at FRA to $900, one such year (5 months) to $822; $1,067 had the person waited.
    #[test]
    fn ssa_example_withholding_and_recomputation_at_fra() {
        let w = test(2013).withholding(&work(dec!(23120), dec!(800), 12));
        assert_eq!(w.excess, dec!(4000));
        assert_eq!(
            (w.months, w.withheld, w.refund),
            (5, dec!(4000), Decimal::ZERO)
        );

        // Born January 1951: 62 in January 2013, FRA 66 (792 months).
        let birth = 1951;
        let fra = full_retirement_age_months(birth);
        let claim = 62 * 12;
        assert_eq!(worker_factor(birth, claim), dec!(0.75));
        let full = dec!(800) / worker_factor(birth, claim);
        assert_eq!(full.floor(), dec!(1066)); // SSA: "$1,067"
        // SSA pays benefits rounded down to the dollar after rounding down to the dime.
        let at_fra = |withheld: u32| {
            (full * worker_factor(birth, adjusted_claim_months(claim, withheld, fra))).floor()
        };
        assert_eq!(at_fra(20), dec!(900));
        assert_eq!(at_fra(5), dec!(822));
        assert_eq!(at_fra(0), dec!(800));
        assert_eq!(adjusted_claim_months(claim, 60, fra), fra);
    }

    /// One person born in January 1962 (FRA 67, reached in January 2029) who claims at 62 in
    /// January 2024: the example of SSA Pub. 05-10069 (2024), $600 a month and earnings of
    /// $24,920, $2,600 above the $22,320 limit. By the publication's rules ($1 for every $2;
    /// whole monthly payments withheld from January; the excess paid back the next year) that is
    /// $1,300 to withhold: three payments ($1,800), and $500 paid back in 2025.
    #[test]
    fn born_1962_claiming_at_62_while_working() {
        let t = test(2024);
        assert_eq!(t.lower, dec!(22320));
        let w = t.withholding(&work(dec!(24920), dec!(600), 12));
        assert_eq!(w.excess, dec!(1300));
        assert_eq!((w.months, w.withheld, w.refund), (3, dec!(1800), dec!(500)));

        // Three months withheld in each of 2024–2028: 15 months. At FRA the reduction is
        // recomputed for 45 months early instead of 60: 36 × 5/9% + 9 × 5/12% = 23.75%, so
        // 76.25% of the full benefit instead of 70% (payroll-and-work.md's example: 12 withheld → 75%).
        let birth = 1962;
        let fra = full_retirement_age_months(birth);
        assert_eq!(fra, 67 * 12);
        assert_eq!(worker_factor(birth, 62 * 12), dec!(0.70));
        let months = adjusted_claim_months(62 * 12, 15, fra);
        assert_eq!(worker_factor(birth, months), dec!(0.7625));
        let full = dec!(600) / dec!(0.70);
        assert_eq!((full * dec!(0.7625)).round_dp(2), dec!(653.57));
        assert_eq!(
            worker_factor(birth, adjusted_claim_months(744, 12, fra)),
            dec!(0.75)
        );
    }

    #[test]
    fn the_fra_year_counts_a_third_above_the_higher_amount() {
        let t = test(2026);
        // FRA in August: earnings before August of 71,160 are 6,000 above 65,160 → 2,000;
        // $1,500 a month → two months withheld ($3,000), $1,000 paid back.
        let w = t.withholding(&WorkYear {
            earnings: dec!(71160),
            monthly_benefit: dec!(1500),
            months_before_fra: 7,
            fra_year: true,
            grace_months: 0,
        });
        assert_eq!(w.excess, dec!(2000));
        assert_eq!((w.months, w.refund), (2, dec!(1000)));
        // at the exempt amount nothing is withheld
        assert_eq!(t.excess(dec!(24480), false), Decimal::ZERO);
        assert_eq!(t.excess(dec!(65160), true), Decimal::ZERO);
    }

    #[test]
    fn withholding_stops_at_the_months_due() {
        let t = test(2026);
        // earnings so high the whole year's benefit goes: 8 months due, all withheld
        let w = t.withholding(&work(dec!(200000), dec!(2000), 8));
        assert_eq!(
            (w.months, w.withheld, w.refund),
            (8, dec!(16000), Decimal::ZERO)
        );
        // the grace year protects the months without work
        let g = t.withholding(&WorkYear {
            grace_months: 5,
            ..work(dec!(200000), dec!(2000), 8)
        });
        assert_eq!(g.months, 3);
        // no benefit, nothing withheld
        assert_eq!(
            t.withholding(&work(dec!(90000), Decimal::ZERO, 12)).months,
            0
        );
        // f64 agrees
        let f = t.convert::<f64>().withholding(&WorkYear {
            earnings: 24920.0 + 1960.0 * 2.0,
            monthly_benefit: 600.0,
            months_before_fra: 12,
            fra_year: false,
            grace_months: 0,
        });
        assert_eq!(f.months, 4); // (28,840 − 24,480) / 2 = 2,180 → 4 × 600
    }

    #[test]
    fn later_years_follow_wages_by_monthly_ten_dollars() {
        let table = EarningsTestTable::get().unwrap();
        let t =
            EarningsTest::for_year(table, 2028, &crate::index::compound(dec!(0.04), 2026)).unwrap();
        // 2,040 a month × 1.0816 = 2,206.46 → 2,210 → 26,520 a year
        assert_eq!(t.lower, dec!(26520));
        // 5,430 × 1.0816 = 5,873.09 → 5,870 → 70,440
        assert_eq!(t.higher, dec!(70440));
        assert!(EarningsTest::for_year(table, 2012, &|_| Decimal::ONE).is_err());
    }
}
