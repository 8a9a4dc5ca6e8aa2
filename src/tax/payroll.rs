//! Payroll taxes on a household's earnings: each worker's share of FICA on wages (Social
//! Security to the wage base, Medicare on all of it), self-employment tax with its deduction for
//! AGI, and the Additional Medicare Tax on the household's earnings above its filing status's
//! threshold. The law is `assets/tax/payroll.ron`. Nothing is rounded inside.

use super::error::TaxError;
use super::filing::{ByFiling, Filing};
use crate::assets;
use crate::index::growth;
use crate::money::index_nearest;
use crate::num::Num;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::path::PathBuf;
use std::sync::OnceLock;

const PAYROLL: (&str, &str) = (
    "tax/payroll.ron",
    include_str!("../../assets/tax/payroll.ron"),
);

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PayrollTable {
    pub social_security_rate: Decimal,
    pub medicare_rate: Decimal,
    pub additional_medicare_rate: Decimal,
    pub additional_medicare_threshold: ByFiling<Decimal>,
    pub self_employment: SelfEmploymentTable,
    pub wage_base: Vec<(i32, Decimal)>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelfEmploymentTable {
    pub social_security_rate: Decimal,
    pub medicare_rate: Decimal,
    pub earnings_share: Decimal,
    pub floor: Decimal,
}

impl PayrollTable {
    /// The shipped table with any `DRAWDOWN_ASSETS` override; parsed on first use.
    pub fn get() -> Result<&'static PayrollTable, TaxError> {
        static TABLE: OnceLock<Result<PayrollTable, TaxError>> = OnceLock::new();
        assets::cached(&TABLE, || PayrollTable::load(assets::override_dir()))
    }

    pub fn load(dir: Option<PathBuf>) -> Result<PayrollTable, TaxError> {
        Ok(assets::load_checked(
            dir.as_deref(),
            PAYROLL,
            |t: &PayrollTable| {
                let rate_ok = |r: Decimal| r >= Decimal::ZERO && r < Decimal::ONE;
                let se = &t.self_employment;
                let ok = [
                    t.social_security_rate,
                    t.medicare_rate,
                    t.additional_medicare_rate,
                    se.social_security_rate,
                    se.medicare_rate,
                ]
                .into_iter()
                .all(rate_ok)
                    && se.earnings_share > Decimal::ZERO
                    && se.earnings_share <= Decimal::ONE
                    && se.floor >= Decimal::ZERO
                    && t.additional_medicare_threshold
                        .to_array()
                        .iter()
                        .all(|v| *v >= Decimal::ZERO)
                    && !t.wage_base.is_empty()
                    && t.wage_base.windows(2).all(|w| w[0].0 < w[1].0)
                    && t.wage_base.iter().all(|w| w.1 > Decimal::ZERO);
                ok.then_some(()).ok_or_else(|| {
                    "rates from 0 to 1, amounts not negative, wage_base years increasing"
                        .to_string()
                })
            },
        )?)
    }
}

/// One year's payroll tax law, ready to compute with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Payroll<N> {
    pub year: i32,
    pub social_security_rate: N,
    pub medicare_rate: N,
    /// The Social Security contribution and benefit base.
    pub wage_base: N,
    pub additional_medicare_rate: N,
    /// By [`Filing::index`].
    pub additional_medicare_threshold: [N; 4],
    pub se_social_security_rate: N,
    pub se_medicare_rate: N,
    /// 92.35%: the share of net profit that is net earnings from self-employment.
    pub se_earnings_share: N,
    /// No self-employment tax when net earnings are below this ($400).
    pub se_floor: N,
}

/// One worker's earnings for the year.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Earnings<N> {
    pub wages: N,
    /// Net profit from self-employment (Schedule C); a loss counts as zero here.
    pub self_employment: N,
}

/// One worker's payroll taxes.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct WorkerPayroll<N> {
    /// Employee Social Security on wages (6.2% up to the base).
    pub social_security: N,
    /// Employee Medicare on wages (1.45%).
    pub medicare: N,
    /// Net earnings from self-employment (92.35% of profit; zero below the $400 floor).
    pub se_earnings: N,
    /// Self-employment Social Security (12.4% up to the base less wages).
    pub se_social_security: N,
    /// Self-employment Medicare (2.9%).
    pub se_medicare: N,
}

impl<N: Num> WorkerPayroll<N> {
    /// Employee FICA on wages.
    pub fn fica(&self) -> N {
        self.social_security + self.medicare
    }

    /// Self-employment tax (Schedule SE), without the Additional Medicare Tax.
    pub fn se_tax(&self) -> N {
        self.se_social_security + self.se_medicare
    }
}

/// A household's payroll taxes.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PayrollTax<N> {
    pub workers: [WorkerPayroll<N>; 2],
    /// Additional Medicare Tax on the household's wages and self-employment income (Form 8959).
    pub additional_medicare: N,
    /// Half the self-employment tax, deducted for AGI (IRC 164(f)).
    pub se_deduction: N,
}

impl<N: Num> PayrollTax<N> {
    /// Everything the household owes in payroll taxes for the year.
    pub fn total(&self) -> N {
        self.workers
            .iter()
            .fold(self.additional_medicare, |acc, w| {
                acc + w.fica() + w.se_tax()
            })
    }
}

impl Payroll<Decimal> {
    /// The law for `year`. Years after the last wage base grow it by `wages` (a wage level on any
    /// base, e.g. the plan's inflation) and round to the nearest $300; it never falls.
    pub fn for_year(
        table: &PayrollTable,
        year: i32,
        wages: &dyn Fn(i32) -> Decimal,
    ) -> Result<Payroll<Decimal>, TaxError> {
        let first = table.wage_base[0].0;
        if year < first {
            return Err(TaxError::UnsupportedYear(year));
        }
        let &(base_year, base) = table
            .wage_base
            .iter()
            .rev()
            .find(|(y, _)| *y <= year)
            .expect("checked non-empty");
        let wage_base = if base_year == year {
            base
        } else {
            let scale = growth(wages, base_year, year).ok_or_else(|| {
                TaxError::invalid("wage level", format!("no usable growth to {year}"))
            })?;
            index_nearest(base, scale, 300).max(base)
        };
        let se = &table.self_employment;
        Ok(Payroll {
            year,
            social_security_rate: table.social_security_rate,
            medicare_rate: table.medicare_rate,
            wage_base,
            additional_medicare_rate: table.additional_medicare_rate,
            additional_medicare_threshold: table.additional_medicare_threshold.to_array(),
            se_social_security_rate: se.social_security_rate,
            se_medicare_rate: se.medicare_rate,
            se_earnings_share: se.earnings_share,
            se_floor: se.floor,
        })
    }

    pub fn convert<M: Num>(&self) -> Payroll<M> {
        let c = M::from_dec;
        Payroll {
            year: self.year,
            social_security_rate: c(self.social_security_rate),
            medicare_rate: c(self.medicare_rate),
            wage_base: c(self.wage_base),
            additional_medicare_rate: c(self.additional_medicare_rate),
            additional_medicare_threshold: self.additional_medicare_threshold.map(c),
            se_social_security_rate: c(self.se_social_security_rate),
            se_medicare_rate: c(self.se_medicare_rate),
            se_earnings_share: c(self.se_earnings_share),
            se_floor: c(self.se_floor),
        }
    }
}

impl<N: Num> Payroll<N> {
    /// One worker's FICA and self-employment tax. Wages from several employers are summed (any
    /// Social Security withheld above the base comes back as a credit on the return).
    pub fn worker(&self, e: &Earnings<N>) -> WorkerPayroll<N> {
        let wages = e.wages.pos();
        let se_earnings = {
            let net = e.self_employment.pos() * self.se_earnings_share;
            if net < self.se_floor { N::ZERO } else { net }
        };
        let se_room = (self.wage_base - wages).pos();
        WorkerPayroll {
            social_security: self.social_security_rate * wages.min_of(self.wage_base),
            medicare: self.medicare_rate * wages,
            se_earnings,
            se_social_security: self.se_social_security_rate * se_earnings.min_of(se_room),
            se_medicare: self.se_medicare_rate * se_earnings,
        }
    }

    /// Employee FICA on one worker's wages.
    pub fn fica(&self, wages: N) -> N {
        self.worker(&Earnings {
            wages,
            self_employment: N::ZERO,
        })
        .fica()
    }

    /// The Additional Medicare Tax (Form 8959): 0.9% of the household's wages above the
    /// threshold, and of its self-employment income above the threshold less those wages.
    pub fn additional_medicare(&self, filing: Filing, wages: N, se_earnings: N) -> N {
        let threshold = self.additional_medicare_threshold[filing.index()];
        let wages = wages.pos();
        let on_wages = (wages - threshold).pos();
        let on_se = (se_earnings.pos() - (threshold - wages).pos()).pos();
        self.additional_medicare_rate * (on_wages + on_se)
    }

    /// A household's payroll taxes: one or two workers (the second only on a joint return).
    pub fn household(&self, filing: Filing, earnings: &[Earnings<N>]) -> PayrollTax<N> {
        let mut out = PayrollTax::<N>::default();
        let mut wages = N::ZERO;
        let mut se = N::ZERO;
        for (slot, e) in out.workers.iter_mut().zip(earnings) {
            *slot = self.worker(e);
            wages += e.wages.pos();
            se += slot.se_earnings;
        }
        out.additional_medicare = self.additional_medicare(filing, wages, se);
        out.se_deduction = out.workers.iter().fold(N::ZERO, |acc, w| acc + w.se_tax()) * N::HALF;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn payroll(year: i32) -> Payroll<Decimal> {
        Payroll::for_year(PayrollTable::get().unwrap(), year, &|_| Decimal::ONE).unwrap()
    }

    fn wages(w: Decimal) -> Earnings<Decimal> {
        Earnings {
            wages: w,
            self_employment: Decimal::ZERO,
        }
    }

    #[test]
    fn fica_below_at_and_above_the_wage_base() {
        let p = payroll(2026);
        // 7.65% of 50,000 = 3,825 (IRS Pub. 15: 6.2% + 1.45%)
        assert_eq!(p.fica(dec!(50000)), dec!(3825));
        // at the 2026 base of 184,500: 6.2% × 184,500 = 11,439 + 1.45% = 2,675.25
        let at = p.worker(&wages(dec!(184500)));
        assert_eq!(at.social_security, dec!(11439));
        assert_eq!(at.medicare, dec!(2675.25));
        // 250,000: Social Security stops at the base, Medicare does not: 11,439 + 3,625
        let above = p.worker(&wages(dec!(250000)));
        assert_eq!(above.social_security, dec!(11439));
        assert_eq!(above.fica(), dec!(15064));
        // 2025's base is 176,100: 10,918.20 at most
        assert_eq!(
            payroll(2025).worker(&wages(dec!(300000))).social_security,
            dec!(10918.2)
        );
    }

    #[test]
    fn additional_medicare_tax_above_the_filing_threshold() {
        let p = payroll(2026);
        // single, 250,000 of wages: 0.9% × 50,000 = 450
        assert_eq!(
            p.additional_medicare(Filing::Single, dec!(250000), Decimal::ZERO),
            dec!(450)
        );
        assert_eq!(
            p.additional_medicare(Filing::Single, dec!(200000), Decimal::ZERO),
            Decimal::ZERO
        );
        // a couple each earning 150,000: 300,000 against 250,000 → 450, though neither
        // employer withholds it (each pays under 200,000)
        let h = p.household(Filing::Mfj, &[wages(dec!(150000)), wages(dec!(150000))]);
        assert_eq!(h.additional_medicare, dec!(450));
        // married filing separately: 125,000
        assert_eq!(
            p.additional_medicare(Filing::Mfs, dec!(130000), Decimal::ZERO),
            dec!(45)
        );
    }

    #[test]
    fn self_employment_tax_and_its_deduction() {
        let p = payroll(2026);
        // 50,000 profit: 46,175 of earnings × 15.3% = 7,064.775; half deducted: 3,532.3875
        let h = p.household(
            Filing::Single,
            &[Earnings {
                wages: Decimal::ZERO,
                self_employment: dec!(50000),
            }],
        );
        assert_eq!(h.workers[0].se_earnings, dec!(46175));
        assert_eq!(h.workers[0].se_tax(), dec!(7064.775));
        assert_eq!(h.se_deduction, dec!(3532.3875));
        // wages use up the base first: 180,000 of wages leave 4,500 for the 12.4%
        let w = p.worker(&Earnings {
            wages: dec!(180000),
            self_employment: dec!(20000),
        });
        assert_eq!(w.se_social_security, dec!(558)); // 12.4% × 4,500
        assert_eq!(w.se_medicare, dec!(535.63)); // 2.9% × 18,470
        // under $400 of earnings: none (400 / 0.9235 = 433.13 of profit)
        assert_eq!(
            p.worker(&Earnings {
                wages: Decimal::ZERO,
                self_employment: dec!(433)
            })
            .se_tax(),
            Decimal::ZERO
        );
        // the 0.9% on self-employment income above the threshold less wages:
        // 190,000 wages + 46,175 SE single: 46,175 − 10,000 = 36,175 × 0.9% = 325.575
        assert_eq!(
            p.additional_medicare(Filing::Single, dec!(190000), dec!(46175)),
            dec!(325.575)
        );
    }

    #[test]
    fn later_bases_follow_wages_to_the_nearest_300() {
        let t = PayrollTable::get().unwrap();
        let w = crate::index::compound(dec!(0.04), 2027);
        // 2028: 192,300 × 1.04 = 199,992 → 200,100 (nearest $300)
        assert_eq!(
            Payroll::for_year(t, 2028, &w).unwrap().wage_base,
            dec!(200100)
        );
        assert!(Payroll::for_year(t, 2021, &w).is_err());
        // f64 gives the same tax
        let f = payroll(2026).convert::<f64>();
        assert!((f.fica(250000.0) - 15064.0).abs() < 1e-9);
    }
}
