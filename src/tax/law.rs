//! One year's federal law, resolved from the tables for a plan's law mode and inflation.

use super::error::TaxError;
use super::tables::{FIRST_TABLE_YEAR, FederalTable, LAST_TABLE_YEAR, LawTables};
use crate::money::{index_down, serde_dec, serde_dec_opt};
use crate::num::Num;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::{Deserialize, Serialize};

/// The largest price level, relative to the last table year, that later years' law may be
/// indexed by: 10^15. A plan's own prices stay far below it (validation checks that 20%
/// inflation until 2202 does); a simulated path whose prices run past it is held there, and the
/// law's largest amounts (about a million dollars) times it stay far from Decimal's limits.
pub const MAX_PRICE_INDEX: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0);

/// What a price index must be for the law to be indexed by it.
pub fn usable_index(index: Decimal) -> Result<Decimal, TaxError> {
    if index <= Decimal::ZERO || index > MAX_PRICE_INDEX {
        return Err(TaxError::invalid(
            "inflation index",
            format!("{index} is not a usable price level (0 to 10^15)"),
        ));
    }
    Ok(index)
}

/// Last year of the 2025–2028 senior deduction under current law.
pub const SENIOR_DEDUCTION_LAST_YEAR: i32 = 2028;

/// Which tax law a plan is computed under.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub enum LawMode {
    /// The published tables; years after the last table are indexed by the plan's inflation,
    /// except the amounts the law fixes in dollars.
    #[default]
    CurrentLaw,
    /// The stylised law of the classic withdrawal-order studies: every dollar of ordinary income
    /// (taxable Social Security included) at one rate, qualified dividends and net long-term gains
    /// at another; no deductions, no brackets, no net investment income tax, no Medicare IRMAA.
    FlatRates {
        #[serde(with = "serde_dec")]
        ordinary: Decimal,
        #[serde(with = "serde_dec")]
        gains: Decimal,
        /// Optional new rates from a given year (25% for ten years, then 35% or 15%).
        #[serde(default)]
        change: Option<FlatChange>,
    },
    /// Current law with every ordinary rate moved by `points` percentage points from `from_year`
    /// (negative to cut). Capital-gain rates stay as they are.
    RateChange {
        from_year: i32,
        #[serde(with = "serde_dec")]
        points: Decimal,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlatChange {
    pub from_year: i32,
    #[serde(with = "serde_dec")]
    pub ordinary: Decimal,
    #[serde(
        default,
        with = "serde_dec_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub gains: Option<Decimal>,
}

impl LawMode {
    pub fn label(&self) -> String {
        match self {
            LawMode::CurrentLaw => "current law".to_string(),
            LawMode::FlatRates {
                ordinary,
                gains,
                change,
            } => {
                let mut s = format!(
                    "flat {}/{}",
                    crate::money::format_rate(*ordinary),
                    crate::money::format_rate(*gains)
                );
                if let Some(c) = change {
                    s.push_str(&format!(
                        ", {} from {}",
                        crate::money::format_rate(c.ordinary),
                        c.from_year
                    ));
                }
                s
            }
            LawMode::RateChange { from_year, points } => {
                let sign = if *points >= Decimal::ZERO { "+" } else { "" };
                format!("current law, rates {sign}{points} pts from {from_year}")
            }
        }
    }

    /// Checks the mode's own numbers; `path` names the field for messages.
    pub fn validate(&self) -> Result<(), (String, String)> {
        let rate_ok = |r: Decimal| r >= Decimal::ZERO && r < Decimal::ONE;
        match self {
            LawMode::CurrentLaw => Ok(()),
            LawMode::FlatRates {
                ordinary,
                gains,
                change,
            } => {
                if !rate_ok(*ordinary) {
                    return Err(("ordinary".into(), "a rate from 0% to 99%".into()));
                }
                if !rate_ok(*gains) {
                    return Err(("gains".into(), "a rate from 0% to 99%".into()));
                }
                if let Some(c) = change {
                    if !rate_ok(c.ordinary) {
                        return Err(("change.ordinary".into(), "a rate from 0% to 99%".into()));
                    }
                    if let Some(g) = c.gains
                        && !rate_ok(g)
                    {
                        return Err(("change.gains".into(), "a rate from 0% to 99%".into()));
                    }
                    if !(FIRST_TABLE_YEAR..=2200).contains(&c.from_year) {
                        return Err(("change.from_year".into(), "a year from 2022".into()));
                    }
                }
                Ok(())
            }
            LawMode::RateChange { from_year, points } => {
                if points.abs() > dec!(50) {
                    return Err((
                        "points".into(),
                        "between -50 and +50 percentage points".into(),
                    ));
                }
                if !(FIRST_TABLE_YEAR..=2200).contains(from_year) {
                    return Err(("from_year".into(), "a year from 2022".into()));
                }
                Ok(())
            }
        }
    }
}

/// One year's federal income tax parameters, ready to compute with.
#[derive(Debug, Clone, PartialEq)]
pub struct TaxLaw<N> {
    pub year: i32,
    /// Ordinary rates, lowest bracket first.
    pub rates: [N; 7],
    /// Upper edges of the first six ordinary brackets, per filing status.
    pub brackets: [[N; 6]; 4],
    /// Tax on taxable income up to the bottom of each bracket, per filing status.
    pub tax_below: [[N; 7]; 4],
    pub gain_rates: [N; 3],
    /// Taxable income at the top of the 0% and the 15% gain bands, per filing status.
    pub gain_edges: [[N; 2]; 4],
    pub standard: [N; 4],
    pub aged_or_blind: [N; 4],
    pub senior_per_person: N,
    pub senior_start: [N; 4],
    pub senior_rate: N,
    pub senior_mfs: bool,
    /// Preferential income is always taxed at the gain rates: the worksheet's fallback to plain
    /// bracket tax on everything is off. Flat-rate studies tax gains at their own rate even when
    /// it is above the ordinary rate (ordinary 0%, gains 15%: every gain dollar pays 15%).
    pub gains_apart: bool,
    pub ss_base: [N; 4],
    pub ss_adjusted_base: [N; 4],
    pub ss_first_rate: N,
    pub ss_second_rate: N,
    pub niit_rate: N,
    pub niit_threshold: [N; 4],
    pub loss_limit: [N; 4],
    /// The same law on `f64`, kept beside an exact one for the searches that run on floats.
    pub fast: Option<Box<TaxLaw<f64>>>,
}

impl TaxLaw<Decimal> {
    /// Current law for a table year (2022–2026), exactly as published.
    pub fn for_year(year: i32) -> Result<TaxLaw<Decimal>, TaxError> {
        Self::resolve(LawTables::get()?, &LawMode::CurrentLaw, year, Decimal::ONE)
    }

    /// The law for `year` under `mode`. `index` is the price level of `year` relative to the last
    /// table year (2026); it is used only for later years.
    pub fn resolve(
        tables: &LawTables,
        mode: &LawMode,
        year: i32,
        index: Decimal,
    ) -> Result<TaxLaw<Decimal>, TaxError> {
        if year < FIRST_TABLE_YEAR {
            return Err(TaxError::UnsupportedYear(year));
        }
        if year > 2300 {
            return Err(TaxError::invalid(
                "year",
                format!("{year} is too far ahead"),
            ));
        }
        let index = usable_index(index)?;
        let table_year = year.min(LAST_TABLE_YEAR);
        let table = tables
            .federal_for(table_year)
            .ok_or(TaxError::UnsupportedYear(table_year))?;
        let mut law = from_table(table, year);
        if year > LAST_TABLE_YEAR {
            law.index_by(index);
        }
        if year > SENIOR_DEDUCTION_LAST_YEAR {
            law.senior_per_person = Decimal::ZERO;
        }
        match mode {
            LawMode::CurrentLaw => {}
            LawMode::RateChange { from_year, points } => {
                if year >= *from_year {
                    let shift = *points / dec!(100);
                    for r in &mut law.rates {
                        *r = (*r + shift).max(Decimal::ZERO).min(dec!(0.99));
                    }
                }
            }
            LawMode::FlatRates {
                ordinary,
                gains,
                change,
            } => {
                let (o, g) = match change {
                    Some(c) if year >= c.from_year => (c.ordinary, c.gains.unwrap_or(*gains)),
                    _ => (*ordinary, *gains),
                };
                law.rates = [o; 7];
                law.gain_rates = [g; 3];
                law.standard = [Decimal::ZERO; 4];
                law.aged_or_blind = [Decimal::ZERO; 4];
                law.senior_per_person = Decimal::ZERO;
                law.niit_rate = Decimal::ZERO;
                // No 0% or 15% band: every preferential dollar falls in the top band, taxed at
                // the one gains rate, and a strategy looking for 0% room finds none.
                law.gain_edges = [[Decimal::ZERO; 2]; 4];
                law.gains_apart = true;
            }
        }
        law.refresh_tax_below();
        law.fast = Some(Box::new(law.to_f64()));
        Ok(law)
    }

    /// Multiplies every inflation-indexed amount by `index`, rounded down as the Code rounds
    /// (brackets and gain bands to $25, deductions to $50). Social Security base amounts, NIIT
    /// thresholds, the capital loss limit and the senior deduction are fixed in dollars.
    fn index_by(&mut self, index: Decimal) {
        for f in 0..4 {
            for e in &mut self.brackets[f] {
                *e = index_down(*e, index, 25);
            }
            for e in &mut self.gain_edges[f] {
                *e = index_down(*e, index, 25);
            }
            self.standard[f] = index_down(self.standard[f], index, 50);
            self.aged_or_blind[f] = index_down(self.aged_or_blind[f], index, 50);
        }
    }

    fn refresh_tax_below(&mut self) {
        for f in 0..4 {
            let mut acc = Decimal::ZERO;
            let mut lower = Decimal::ZERO;
            self.tax_below[f][0] = Decimal::ZERO;
            for i in 0..6 {
                let upper = self.brackets[f][i];
                acc += self.rates[i] * (upper - lower);
                self.tax_below[f][i + 1] = acc;
                lower = upper;
            }
        }
    }

    /// The same law in another number type (f64 for simulation). A Decimal copy is this law,
    /// with the `f64` copy made when it was resolved, and an `f64` one is that copy: a scenario
    /// converts its laws every build, and its `f64` mirror would otherwise convert them again.
    pub fn convert<M: Num>(&self) -> TaxLaw<M> {
        let itself: &dyn std::any::Any = self;
        let fast = self.fast.as_deref().map(|f| f as &dyn std::any::Any);
        for candidate in std::iter::once(itself).chain(fast) {
            if let Some(same) = candidate.downcast_ref::<TaxLaw<M>>() {
                return same.clone();
            }
        }
        self.map_numbers(M::from_dec)
    }
}

impl<N: Num> TaxLaw<N> {
    /// The same law on `f64`, for searches.
    pub fn to_f64(&self) -> TaxLaw<f64> {
        self.map_numbers(|d: N| d.to_f64())
    }

    /// The same law on another number type, through `f64` (for exact slopes on [`Dual`]
    /// numbers).
    ///
    /// [`Dual`]: crate::dual::Dual
    pub fn via_f64<M: Num>(&self) -> TaxLaw<M> {
        self.map_numbers(|d: N| M::from_f64(d.to_f64()))
    }

    /// Every amount and rate passed through `c`; the shape of the law is kept.
    fn map_numbers<M: Num>(&self, c: impl Fn(N) -> M + Copy) -> TaxLaw<M> {
        let a4 = |a: &[N; 4]| a.map(c);
        TaxLaw {
            year: self.year,
            rates: self.rates.map(c),
            brackets: self.brackets.map(|r| r.map(c)),
            tax_below: self.tax_below.map(|r| r.map(c)),
            gain_rates: self.gain_rates.map(c),
            gain_edges: self.gain_edges.map(|r| r.map(c)),
            standard: a4(&self.standard),
            aged_or_blind: a4(&self.aged_or_blind),
            senior_per_person: c(self.senior_per_person),
            senior_start: a4(&self.senior_start),
            senior_rate: c(self.senior_rate),
            senior_mfs: self.senior_mfs,
            gains_apart: self.gains_apart,
            ss_base: a4(&self.ss_base),
            ss_adjusted_base: a4(&self.ss_adjusted_base),
            ss_first_rate: c(self.ss_first_rate),
            ss_second_rate: c(self.ss_second_rate),
            niit_rate: c(self.niit_rate),
            niit_threshold: a4(&self.niit_threshold),
            loss_limit: a4(&self.loss_limit),
            fast: None,
        }
    }

    /// Lower edge of ordinary bracket `i` (0-based) for a filing status index.
    #[inline]
    pub fn bracket_floor(&self, filing: usize, i: usize) -> N {
        if i == 0 {
            N::ZERO
        } else {
            self.brackets[filing][i - 1]
        }
    }

    /// Upper edge of ordinary bracket `i`, or `None` for the top bracket.
    #[inline]
    pub fn bracket_ceiling(&self, filing: usize, i: usize) -> Option<N> {
        self.brackets[filing].get(i).copied()
    }
}

fn from_table(t: &FederalTable, year: i32) -> TaxLaw<Decimal> {
    let o = &t.ordinary;
    let g = &t.capital_gains;
    // Lengths were checked when the table was loaded.
    let arr6 = |v: &Vec<Decimal>| -> [Decimal; 6] { std::array::from_fn(|i| v[i]) };
    let arr2 = |v: &Vec<Decimal>| -> [Decimal; 2] { [v[0], v[1]] };
    TaxLaw {
        year,
        rates: std::array::from_fn(|i| o.rates[i]),
        brackets: [arr6(&o.single), arr6(&o.mfj), arr6(&o.mfs), arr6(&o.hoh)],
        tax_below: [[Decimal::ZERO; 7]; 4],
        gain_rates: [g.rates[0], g.rates[1], g.rates[2]],
        gain_edges: [arr2(&g.single), arr2(&g.mfj), arr2(&g.mfs), arr2(&g.hoh)],
        standard: t.standard_deduction.to_array(),
        aged_or_blind: t.additional_65_or_blind.to_array(),
        senior_per_person: t.senior_deduction.per_person,
        senior_start: t.senior_deduction.phaseout_start.to_array(),
        senior_rate: t.senior_deduction.phaseout_rate,
        senior_mfs: t.senior_deduction.allowed_mfs,
        gains_apart: false,
        ss_base: t.social_security.base.to_array(),
        ss_adjusted_base: t.social_security.adjusted_base.to_array(),
        ss_first_rate: t.social_security.first_rate,
        ss_second_rate: t.social_security.second_rate,
        niit_rate: t.niit.rate,
        niit_threshold: t.niit.threshold.to_array(),
        loss_limit: t.capital_loss_limit.to_array(),
        fast: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables() -> &'static LawTables {
        LawTables::get().unwrap()
    }

    #[test]
    fn years_before_2022_are_refused() {
        assert_eq!(
            TaxLaw::for_year(2021).unwrap_err(),
            TaxError::UnsupportedYear(2021)
        );
    }

    #[test]
    fn later_years_index_brackets_but_not_fixed_dollar_amounts() {
        let law = TaxLaw::resolve(tables(), &LawMode::CurrentLaw, 2027, dec!(1.03)).unwrap();
        // 2026 single 10% edge 12,400 × 1.03 = 12,772 → 12,750 (down to $25)
        assert_eq!(law.brackets[0][0], dec!(12750));
        // standard deduction 16,100 × 1.03 = 16,583 → 16,550 (down to $50)
        assert_eq!(law.standard[0], dec!(16550));
        assert_eq!(law.ss_base[1], dec!(32000));
        assert_eq!(law.niit_threshold[1], dec!(250000));
        assert_eq!(law.senior_per_person, dec!(6000));
        let law2029 = TaxLaw::resolve(tables(), &LawMode::CurrentLaw, 2029, dec!(1.09)).unwrap();
        assert_eq!(law2029.senior_per_person, Decimal::ZERO);
    }

    #[test]
    fn tax_below_each_bracket_accumulates_the_rates() {
        let law = TaxLaw::for_year(2026).unwrap();
        // single: 10% of 12,400 = 1,240; + 12% of 38,000 = 4,560 → 5,800
        assert_eq!(law.tax_below[0][1], dec!(1240));
        assert_eq!(law.tax_below[0][2], dec!(5800));
    }

    #[test]
    fn flat_rates_change_in_their_year() {
        let mode = LawMode::FlatRates {
            ordinary: dec!(0.25),
            gains: dec!(0.15),
            change: Some(FlatChange {
                from_year: 2035,
                ordinary: dec!(0.35),
                gains: None,
            }),
        };
        let early = TaxLaw::resolve(tables(), &mode, 2030, dec!(1.1)).unwrap();
        let late = TaxLaw::resolve(tables(), &mode, 2035, dec!(1.2)).unwrap();
        assert_eq!(early.rates, [dec!(0.25); 7]);
        assert_eq!(late.rates, [dec!(0.35); 7]);
        assert_eq!(late.gain_rates, [dec!(0.15); 3]);
        assert_eq!(late.standard, [Decimal::ZERO; 4]);
    }

    #[test]
    fn rate_change_moves_every_ordinary_rate_from_its_year() {
        let mode = LawMode::RateChange {
            from_year: 2026,
            points: dec!(3),
        };
        let before = TaxLaw::resolve(tables(), &mode, 2025, Decimal::ONE).unwrap();
        let after = TaxLaw::resolve(tables(), &mode, 2026, Decimal::ONE).unwrap();
        assert_eq!(before.rates[1], dec!(0.12));
        assert_eq!(after.rates[1], dec!(0.15));
        assert_eq!(after.rates[6], dec!(0.40));
        assert_eq!(after.gain_rates[1], dec!(0.15));
    }

    #[test]
    fn absurd_index_is_an_error_not_a_panic() {
        assert!(TaxLaw::resolve(tables(), &LawMode::CurrentLaw, 2030, dec!(0)).is_err());
        assert!(TaxLaw::resolve(tables(), &LawMode::CurrentLaw, 2030, dec!(1e20)).is_err());
    }
}
