//! The ACA premium tax credit (IRC 36B) for a household-year.
//!
//! Household income (MAGI) as a share of the prior year's poverty guideline, truncated to whole
//! percent (Form 8962 line 5), sets the applicable percentage: the share of income the
//! household is expected to pay for the benchmark (second-lowest-cost silver) plan. The credit
//! for each covered month is the benchmark premium less a twelfth of that contribution, never
//! below zero (IRC 36B(b)(2)). Nobody gets it below the lower income limit (100% of the line),
//! above the upper limit where there is one (400% from 2026: the cliff), or while eligible for
//! Medicaid or a state's Basic Health Program, which are measured against the current year's
//! guideline.
//!
//! Written with `Num` arithmetic and comparisons only, so that any number type (Decimal for the
//! books, f64 for searches, a dual number for exact slopes) evaluates the same rule. Nothing is
//! rounded inside except the truncated poverty share the law itself truncates.

use super::error::HealthError;
use super::region::{PovertyRegion, StateCode};
use super::tables::{Guideline, HealthTables};
use crate::index::growth;
use crate::money::index_nearest;
use crate::num::Num;
use crate::tax::Filing;
use rust_decimal::Decimal;

/// One band of the applicable percentage table, as multiples of the poverty line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AcaBand<N> {
    pub from: N,
    /// Where the next band starts; `None` for the last, flat band.
    pub to: Option<N>,
    pub initial: N,
    pub end: N,
}

/// One coverage year's credit rules for a household's state, ready to compute with.
#[derive(Debug, Clone, PartialEq)]
pub struct AcaLaw<N> {
    pub year: i32,
    pub state: Option<StateCode>,
    pub region: PovertyRegion,
    /// The poverty guideline the credit uses (the prior year's): first person, each further one.
    pub prior_line: (N, N),
    /// The current year's guideline, which Medicaid and Basic Health Programs use.
    pub current_line: (N, N),
    /// No credit below this multiple of the line (1.00).
    pub lower_limit: N,
    /// No credit above this multiple (4.00 from 2026; none 2021–2025).
    pub upper_limit: Option<N>,
    pub bands: Vec<AcaBand<N>>,
    /// Adults with MAGI up to this multiple of the current line are on Medicaid; `None` where
    /// the state covers none (or is not known).
    pub medicaid_limit: Option<N>,
    /// The state's Basic Health Program covers adults up to this multiple, if it runs one.
    pub basic_health_limit: Option<N>,
}

/// A household's coverage for the year.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct AcaHousehold<N> {
    /// Household MAGI: AGI + tax-exempt interest + Social Security not taxed (see [`aca_magi`]).
    pub magi: N,
    /// People in the tax family (on the return), whether or not they are covered: the filers
    /// and their dependents ([`tax_family_size`]). A spouse on Medicare still counts.
    pub size: u32,
    /// The yearly benchmark premium for the people covered: twelve months of the
    /// second-lowest-cost silver plan at their ages, dollars of the year.
    pub benchmark: N,
    /// Months of Marketplace coverage (0–12), e.g. those before Medicare starts.
    pub months: u32,
    /// A married couple filing separate returns gets no credit (IRC 36B(c)(1)(C); the
    /// exception for victims of abuse or abandonment is not modelled).
    pub separate_return: bool,
}

/// Why the household does or does not get the credit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AcaStatus {
    /// Eligible: the credit is the benchmark less the expected contribution (maybe zero).
    #[default]
    Eligible,
    /// Covered by Medicaid instead (no premium, no credit).
    Medicaid,
    /// Covered by the state's Basic Health Program instead (no premium in this model).
    BasicHealthProgram,
    /// Below the lower limit in a state whose Medicaid does not cover them (the coverage gap):
    /// no credit, the full premium if they buy a plan.
    BelowLowerLimit,
    /// Above the upper limit (the 400% cliff from 2026): no credit.
    AboveUpperLimit,
    /// Married filing separately: no credit.
    SeparateReturn,
}

impl AcaStatus {
    pub fn label(self) -> &'static str {
        match self {
            AcaStatus::Eligible => "eligible",
            AcaStatus::Medicaid => "Medicaid",
            AcaStatus::BasicHealthProgram => "Basic Health Program",
            AcaStatus::BelowLowerLimit => "below 100% of the poverty line",
            AcaStatus::AboveUpperLimit => "above the income limit",
            AcaStatus::SeparateReturn => "married filing separately",
        }
    }
}

/// The credit and every step to it.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct AcaCredit<N> {
    pub status: AcaStatus,
    /// The prior-year poverty guideline for the household's size.
    pub poverty_line: N,
    /// MAGI ÷ poverty line, truncated to two decimals (2.57 = 257%).
    pub fpl_share: N,
    /// The applicable percentage (0 when not eligible).
    pub applicable_percentage: N,
    /// The yearly contribution expected: applicable percentage × MAGI.
    pub expected_contribution: N,
    /// The benchmark premium for the months covered.
    pub premium: N,
    /// The premium tax credit for the months covered.
    pub credit: N,
    /// What the household pays for the benchmark plan after the credit; zero on Medicaid or a
    /// Basic Health Program.
    pub net_premium: N,
}

/// ACA MAGI (IRC 36B(d)(2)(B); Form 8962 Worksheet 1-1): AGI plus tax-exempt interest plus the
/// Social Security benefits not included in income. `magi_irmaa` is AGI + tax-exempt interest
/// (the `magi` of a federal breakdown).
pub fn aca_magi<N: Num>(magi_irmaa: N, social_security: N, taxable_social_security: N) -> N {
    magi_irmaa + (social_security - taxable_social_security).pos()
}

/// The most dependents counted in a tax family (well past any real return; the poverty line is
/// only a sum, so the bound just keeps nonsense out).
pub const MAX_DEPENDENTS: u32 = 20;

/// The credit's family size (IRC 36B(d)(1)): the taxpayer, the spouse on a joint return, and
/// every dependent claimed. Without a count of dependents, a head of household counts one: the
/// status needs a qualifying person who is, but for the rare child released to the other
/// parent, the filer's dependent (IRC 2(b)(1)(A)), so the family is at least two. A
/// head-of-household row that states 0 dependents is that rare case and counts one.
pub fn tax_family_size(filing: Filing, dependents: Option<u32>) -> u32 {
    let filers = if filing == Filing::Mfj { 2 } else { 1 };
    let default = u32::from(filing == Filing::Hoh);
    filers + dependents.unwrap_or(default).min(MAX_DEPENDENTS)
}

/// A poverty guideline for `year` and `region`: the published one, or the last published one
/// grown by `prices` and rounded to whole $10 for later years.
pub fn poverty_guideline(
    tables: &HealthTables,
    year: i32,
    region: PovertyRegion,
    prices: &dyn Fn(i32) -> Decimal,
) -> Result<Guideline, HealthError> {
    let years = &tables.poverty.years;
    let first = years[0].year;
    if year < first {
        return Err(HealthError::UnsupportedYear {
            year,
            what: "poverty guideline",
            first,
        });
    }
    let row = years
        .iter()
        .rev()
        .find(|r| r.year <= year)
        .expect("checked non-empty");
    let g = match region {
        PovertyRegion::Contiguous => row.contiguous,
        PovertyRegion::Alaska => row.alaska,
        PovertyRegion::Hawaii => row.hawaii,
    };
    if row.year == year {
        return Ok(g);
    }
    let scale = growth(prices, row.year, year).ok_or_else(|| {
        HealthError::invalid("price level", format!("no usable growth to {year}"))
    })?;
    Ok(Guideline {
        first: index_nearest(g.first, scale, 10),
        additional: index_nearest(g.additional, scale, 10),
    })
}

impl AcaLaw<Decimal> {
    /// The rules for coverage year `year` in `state` (`None`: not known, so the 48-state
    /// guideline and no Medicaid or Basic Health Program routing). `prices` gives a price level
    /// for any year (any base); it carries the poverty guidelines past the last published year.
    pub fn for_year(
        tables: &HealthTables,
        year: i32,
        state: Option<StateCode>,
        prices: &dyn Fn(i32) -> Decimal,
    ) -> Result<AcaLaw<Decimal>, HealthError> {
        if year > 2300 {
            return Err(HealthError::invalid(
                "year",
                format!("{year} is too far ahead"),
            ));
        }
        let table = tables.aca_for(year)?;
        let region = PovertyRegion::of(state);
        let prior = poverty_guideline(tables, year - 1, region, prices)?;
        let current = poverty_guideline(tables, year, region, prices)?;
        let bands = table
            .bands
            .iter()
            .enumerate()
            .map(|(i, b)| AcaBand {
                from: b.from,
                to: table.bands.get(i + 1).map(|n| n.from),
                initial: b.initial,
                end: b.end,
            })
            .collect();
        Ok(AcaLaw {
            year,
            state,
            region,
            prior_line: (prior.first, prior.additional),
            current_line: (current.first, current.additional),
            lower_limit: table.lower_limit,
            upper_limit: table.upper_limit,
            bands,
            medicaid_limit: state.and_then(|s| tables.medicaid_limit(s, year)),
            basic_health_limit: state.and_then(|s| tables.basic_health_limit(s, year)),
        })
    }

    /// The same rules in another number type.
    pub fn convert<M: Num>(&self) -> AcaLaw<M> {
        self.map_numbers(M::from_dec)
    }
}

fn line_for<N: Num>(line: (N, N), size: u32) -> N {
    let extra = i64::from(size.clamp(1, 100) - 1);
    line.0 + line.1 * N::from_i64(extra)
}

impl<N: Num> AcaLaw<N> {
    /// The same rules on `f64` (for the strategies' searches).
    pub fn convert_num(&self) -> AcaLaw<f64> {
        self.map_numbers(|x: N| x.to_f64())
    }

    /// Every amount and rate mapped by `c`, the structure kept.
    fn map_numbers<M>(&self, c: impl Fn(N) -> M) -> AcaLaw<M> {
        AcaLaw {
            year: self.year,
            state: self.state,
            region: self.region,
            prior_line: (c(self.prior_line.0), c(self.prior_line.1)),
            current_line: (c(self.current_line.0), c(self.current_line.1)),
            lower_limit: c(self.lower_limit),
            upper_limit: self.upper_limit.map(&c),
            bands: self
                .bands
                .iter()
                .map(|b| AcaBand {
                    from: c(b.from),
                    to: b.to.map(&c),
                    initial: c(b.initial),
                    end: c(b.end),
                })
                .collect(),
            medicaid_limit: self.medicaid_limit.map(&c),
            basic_health_limit: self.basic_health_limit.map(&c),
        }
    }

    /// The prior-year poverty line for a household of `size` (the credit's yardstick).
    pub fn poverty_line(&self, size: u32) -> N {
        line_for(self.prior_line, size)
    }

    /// The applicable percentage at a truncated poverty share (no eligibility test).
    pub fn applicable_percentage(&self, share: N) -> N {
        let band = self
            .bands
            .iter()
            .rev()
            .find(|b| b.from <= share)
            .unwrap_or(&self.bands[0]);
        match band.to {
            None => band.initial,
            Some(to) => {
                let position = ((share - band.from) / (to - band.from)).min_of(N::ONE);
                band.initial + (band.end - band.initial) * position
            }
        }
    }

    /// The household's status by income alone.
    pub fn status(&self, magi: N, size: u32) -> AcaStatus {
        let line = self.poverty_line(size);
        self.status_at(magi, size, line, (magi.pos() / line).trunc_cents())
    }

    /// The MAGI limits for a household of `size`, to the cent, as its status compares MAGI with
    /// them: Medicaid's and the Basic Health Program's (on the current year's line) and the
    /// credit's upper limit (on the prior year's), each `None` where the law has none. The
    /// solver's cliffs are these lines.
    pub fn limits(&self, size: u32) -> [Option<N>; 3] {
        self.limits_at(size, self.poverty_line(size))
    }

    /// [`Self::limits`] with the prior year's poverty line already worked out.
    fn limits_at(&self, size: u32, line: N) -> [Option<N>; 3] {
        let current = line_for(self.current_line, size);
        // To the cent: on f64 books a MAGI put exactly on a limit (as the search puts it) is a
        // few ulps either side of it by the path it came by, and so is the limit itself.
        [
            self.medicaid_limit.map(|l| (l * current).round_cents()),
            self.basic_health_limit.map(|l| (l * current).round_cents()),
            self.upper_limit.map(|u| (u * line).round_cents()),
        ]
    }

    /// [`Self::status`] with the poverty line and truncated share already worked out.
    fn status_at(&self, magi: N, size: u32, line: N, share: N) -> AcaStatus {
        let [medicaid, basic_health, upper] = self.limits_at(size, line);
        let magi = magi.round_cents();
        if medicaid.is_some_and(|l| magi <= l) {
            return AcaStatus::Medicaid;
        }
        if basic_health.is_some_and(|l| magi <= l) {
            return AcaStatus::BasicHealthProgram;
        }
        if share < self.lower_limit {
            return AcaStatus::BelowLowerLimit;
        }
        // Form 8962 Worksheet 2 compares MAGI itself with 4 × the line: $1 above is out.
        if upper.is_some_and(|u| magi > u) {
            return AcaStatus::AboveUpperLimit;
        }
        AcaStatus::Eligible
    }

    /// The credit for a household-year.
    pub fn credit(&self, h: &AcaHousehold<N>) -> AcaCredit<N> {
        // Each covered month: benchmark/12 − contribution/12, at least zero; the months are
        // alike, so the year is months/12 of the yearly amounts (a full year needs no division).
        let for_months = |yearly: N| match h.months.min(12) {
            12 => yearly,
            m => yearly * N::from_i64(i64::from(m)) / N::from_i64(12),
        };
        let magi = h.magi.pos();
        let line = self.poverty_line(h.size);
        let share = (magi / line).trunc_cents();
        let premium = for_months(h.benchmark.pos());
        let status = if h.separate_return {
            AcaStatus::SeparateReturn
        } else {
            self.status_at(h.magi, h.size, line, share)
        };
        let mut out = AcaCredit {
            status,
            poverty_line: line,
            fpl_share: share,
            premium,
            net_premium: premium,
            ..Default::default()
        };
        match status {
            AcaStatus::Medicaid | AcaStatus::BasicHealthProgram => out.net_premium = N::ZERO,
            AcaStatus::BelowLowerLimit | AcaStatus::AboveUpperLimit | AcaStatus::SeparateReturn => {
            }
            AcaStatus::Eligible => {
                let pct = self.applicable_percentage(share);
                let contribution = pct * magi;
                let credit = for_months((h.benchmark.pos() - contribution).pos());
                out.applicable_percentage = pct;
                out.expected_contribution = contribution;
                out.credit = credit;
                out.net_premium = premium - credit;
            }
        }
        out
    }

    /// The largest MAGI that keeps the credit (the cliff's edge), if the year has a limit.
    pub fn income_limit(&self, size: u32) -> Option<N> {
        self.upper_limit.map(|u| u * self.poverty_line(size))
    }

    /// MAGI amounts where the credit's formula changes for a household of `size`, in increasing
    /// order: the Medicaid and Basic Health Program ceilings, the 100% floor, each band's start
    /// and the upper limit. Between two of them the credit falls in a straight line (up to the
    /// whole-percent steps of the truncated poverty share) or is constant.
    pub fn edges(&self, size: u32) -> Vec<N> {
        let line = self.poverty_line(size);
        let current = line_for(self.current_line, size);
        let mut e: Vec<N> = Vec::with_capacity(self.bands.len() + 4);
        e.extend(self.medicaid_limit.map(|l| l * current));
        e.extend(self.basic_health_limit.map(|l| l * current));
        e.push(self.lower_limit * line);
        e.extend(self.bands.iter().skip(1).map(|b| b.from * line));
        e.extend(self.income_limit(size));
        e.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
        e.dedup();
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn flat(_: i32) -> Decimal {
        Decimal::ONE
    }

    fn law(year: i32, state: &str) -> AcaLaw<Decimal> {
        AcaLaw::for_year(
            HealthTables::get().unwrap(),
            year,
            StateCode::parse(state),
            &flat,
        )
        .unwrap()
    }

    fn household(magi: Decimal, size: u32, benchmark: Decimal) -> AcaHousehold<Decimal> {
        AcaHousehold {
            magi,
            size,
            benchmark,
            months: 12,
            separate_return: false,
        }
    }

    #[test]
    fn the_credit_uses_the_prior_years_guideline() {
        // 2026 coverage uses 2025's guideline: 15,650 for one, 21,150 for two (aca.md sec. 3).
        let l = law(2026, "TX");
        assert_eq!(l.poverty_line(1), dec!(15650));
        assert_eq!(l.poverty_line(2), dec!(21150));
        assert_eq!(law(2026, "AK").poverty_line(2), dec!(26430));
        assert_eq!(law(2026, "HI").poverty_line(1), dec!(17990));
        assert_eq!(law(2025, "").poverty_line(1), dec!(15060));
    }

    #[test]
    fn applicable_percentage_interpolates_within_a_band() {
        let l = law(2026, "TX");
        // 2026 at 250%: 8.44%; at 275%: halfway to 9.96% = 9.20%; 133% jumps to 3.14%.
        assert_eq!(l.applicable_percentage(dec!(2.50)), dec!(0.0844));
        assert_eq!(l.applicable_percentage(dec!(2.75)), dec!(0.0920));
        assert_eq!(l.applicable_percentage(dec!(1.32)), dec!(0.021));
        assert_eq!(l.applicable_percentage(dec!(1.33)), dec!(0.0314));
        assert_eq!(l.applicable_percentage(dec!(3.99)), dec!(0.0996));
        // 2025: 0% to 150%, 2% at 200%, 8.5% from 400% on.
        let e = law(2025, "TX");
        assert_eq!(e.applicable_percentage(dec!(1.75)), dec!(0.01));
        assert_eq!(e.applicable_percentage(dec!(6.00)), dec!(0.085));
    }

    #[test]
    fn the_2026_cliff_is_one_dollar_above_four_times_the_line() {
        // A couple in Texas, 2026: 4 × 21,150 = 84,600 (the "about $84,600").
        let l = law(2026, "TX");
        assert_eq!(l.income_limit(2), Some(dec!(84600)));
        let at = l.credit(&household(dec!(84600), 2, dec!(30000)));
        assert_eq!(at.status, AcaStatus::Eligible);
        // 9.96% × 84,600 = 8,426.16; 30,000 − 8,426.16 = 21,573.84
        assert_eq!(at.credit, dec!(21573.84));
        let over = l.credit(&household(dec!(84600.01), 2, dec!(30000)));
        assert_eq!(over.status, AcaStatus::AboveUpperLimit);
        assert_eq!(over.credit, Decimal::ZERO);
        assert_eq!(over.net_premium, dec!(30000));
        // 2025 has no cliff: 8.5% of MAGI above 400%.
        let e = law(2025, "TX").credit(&household(dec!(100000), 2, dec!(30000)));
        assert_eq!(e.credit, dec!(21500));
    }

    #[test]
    fn a_magi_on_the_line_is_on_it_whatever_float_noise_it_carries() {
        // The search puts MAGI exactly on the 400% line; the fast books reach it by sums whose
        // last bits depend on the path, so 84,600 arrives as 84,600.000000000015 (an ulp over).
        // It was counted over the line on f64 and under it on the exact books, which then
        // disagreed by the year's whole credit. The line is compared to the cent, as the exact
        // books' cent above it still is.
        let l = law(2026, "TX").convert_num();
        let noisy = 84_600.0f64 + 84_600.0 * f64::EPSILON;
        assert!(noisy > 84_600.0, "the noise is there");
        assert_eq!(l.status(noisy, 2), AcaStatus::Eligible);
        assert_eq!(l.status(84_600.01, 2), AcaStatus::AboveUpperLimit);
        assert_eq!(
            law(2026, "TX").status(dec!(84600.01), 2),
            AcaStatus::AboveUpperLimit
        );
    }

    #[test]
    fn medicaid_and_the_coverage_gap_depend_on_the_state() {
        // Single, 2026, MAGI 20,000: 127.8% of 2025's line but 125.3% of 2026's (15,960).
        // Arizona expanded Medicaid (138% of the current line): no credit, no premium.
        let az = law(2026, "AZ").credit(&household(dec!(20000), 1, dec!(9000)));
        assert_eq!(az.status, AcaStatus::Medicaid);
        assert_eq!((az.credit, az.net_premium), (Decimal::ZERO, Decimal::ZERO));
        // Texas did not: the credit at 127% is 9,000 − 2.1% × 20,000 = 8,580.
        let tx = law(2026, "TX").credit(&household(dec!(20000), 1, dec!(9000)));
        assert_eq!(tx.status, AcaStatus::Eligible);
        assert_eq!(tx.fpl_share, dec!(1.27));
        assert_eq!(tx.credit, dec!(8580));
        // Below 100% in Texas: the coverage gap.
        let gap = law(2026, "TX").credit(&household(dec!(15000), 1, dec!(9000)));
        assert_eq!(gap.status, AcaStatus::BelowLowerLimit);
        // Exactly 100% is eligible.
        let floor = law(2026, "TX").credit(&household(dec!(15650), 1, dec!(9000)));
        assert_eq!(floor.status, AcaStatus::Eligible);
        // New York's Essential Plan covers to 250% (2026); at 260% the credit returns.
        let ny = law(2026, "NY");
        assert_eq!(
            ny.status(dec!(39900), 1),
            AcaStatus::BasicHealthProgram // 2.50 × 15,960 = 39,900
        );
        assert_eq!(ny.status(dec!(39900.01), 1), AcaStatus::Eligible);
    }

    #[test]
    fn months_scale_the_premium_and_the_credit() {
        let l = law(2026, "TX");
        // 60,000 single is 383% of 15,650: 9.96% × 60,000 = 5,976; (12,000 − 5,976) × 7/12
        let c = l.credit(&AcaHousehold {
            magi: dec!(60000),
            size: 1,
            benchmark: dec!(12000),
            months: 7,
            separate_return: false,
        });
        assert_eq!(c.premium, dec!(7000));
        assert_eq!(c.credit.round_dp(2), dec!(3514.00));
        assert_eq!((c.premium - c.credit - c.net_premium), Decimal::ZERO);
    }

    #[test]
    fn the_same_rule_runs_on_floats() {
        let l = law(2026, "NC");
        let f = l.convert::<f64>();
        for magi in [
            20000.0, 31000.0, 45000.0, 62000.0, 84600.0, 84600.5, 90000.0,
        ] {
            let d = l.credit(&household(
                Decimal::from_f64_retain(magi).unwrap(),
                2,
                dec!(24000),
            ));
            let x = f.credit(&AcaHousehold {
                magi,
                size: 2,
                benchmark: 24000.0,
                months: 12,
                separate_return: false,
            });
            assert_eq!(d.status, x.status, "{magi}");
            assert!((Num::to_f64(d.credit) - x.credit).abs() < 1e-6, "{magi}");
        }
    }

    #[test]
    fn edges_mark_where_the_formula_changes() {
        let e = law(2026, "TX").edges(1);
        // floor 15,650; 133% 20,814.50; 150%; 200%; 250%; 300%; 400% = 62,600
        assert_eq!(e.first(), Some(&dec!(15650)));
        assert_eq!(e.last(), Some(&dec!(62600)));
        assert!(e.contains(&dec!(20814.50)));
        let az = law(2026, "AZ").edges(1);
        assert!(az.contains(&dec!(22024.80))); // Medicaid to 1.38 × 15,960
    }

    #[test]
    fn the_tax_family_counts_filers_and_dependents() {
        assert_eq!(tax_family_size(Filing::Single, None), 1);
        assert_eq!(tax_family_size(Filing::Mfs, None), 1);
        assert_eq!(tax_family_size(Filing::Mfj, None), 2);
        // A head of household has a qualifying person, normally a dependent.
        assert_eq!(tax_family_size(Filing::Hoh, None), 2);
        assert_eq!(tax_family_size(Filing::Hoh, Some(0)), 1);
        assert_eq!(tax_family_size(Filing::Hoh, Some(3)), 4);
        assert_eq!(tax_family_size(Filing::Mfj, Some(2)), 4);
        assert_eq!(tax_family_size(Filing::Single, Some(1)), 2);
    }

    #[test]
    fn aca_magi_adds_untaxed_social_security() {
        assert_eq!(aca_magi(dec!(50000), dec!(30000), dec!(12000)), dec!(68000));
        assert_eq!(
            aca_magi(dec!(50000), Decimal::ZERO, Decimal::ZERO),
            dec!(50000)
        );
    }

    #[test]
    fn later_years_carry_the_last_table_and_index_the_line() {
        let t = HealthTables::get().unwrap();
        let prices = crate::index::compound(dec!(0.03), 2026);
        let l = AcaLaw::for_year(t, 2029, StateCode::parse("TX"), &prices).unwrap();
        // 2028 guideline: 15,960 × 1.03² = 16,932.0 → 16,930 (to $10)
        assert_eq!(l.prior_line.0, dec!(16930));
        assert_eq!(l.upper_limit, Some(dec!(4.00)));
        assert_eq!(l.applicable_percentage(dec!(3.5)), dec!(0.1022));
        assert!(AcaLaw::for_year(t, 2021, None, &flat).is_err());
    }
}
