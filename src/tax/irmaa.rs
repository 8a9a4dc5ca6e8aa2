//! Medicare's income-related monthly adjustment amounts (IRMAA): a surcharge on Part B and Part D
//! premiums set by MAGI of two years earlier, in cliffs.

use super::error::TaxError;
use super::filing::Filing;
use super::tables::{IrmaaTable, LawTables};
use crate::money::index_nearest;
use crate::num::{Num, round_dp};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// One premium year's tiers, ready to compute with.
#[derive(Debug, Clone, PartialEq)]
pub struct Irmaa<N> {
    pub premium_year: i32,
    pub single_edges: [N; 5],
    pub joint_edges: [N; 5],
    pub mfs_top_edge: N,
    /// Yearly surcharge per enrolled person in each tier: twelve months of the Part B amount above
    /// the standard premium plus the Part D add-on.
    pub annual_surcharge: [N; 6],
}

/// The tier a MAGI falls in, and the yearly surcharge for everyone enrolled.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct IrmaaCharge<N> {
    pub tier: u8,
    pub annual: N,
}

impl Irmaa<Decimal> {
    /// Tiers for a premium year. Years after the last table index the edges and premiums by
    /// `index` (the price level relative to that table's year); edges round to whole $1,000 as
    /// CMS publishes them, premiums to 10 cents.
    pub fn for_year(
        tables: &LawTables,
        premium_year: i32,
        index: Decimal,
    ) -> Result<Irmaa<Decimal>, TaxError> {
        if premium_year < tables.first_irmaa().premium_year {
            return Err(TaxError::UnsupportedYear(premium_year));
        }
        let index = super::law::usable_index(index)?;
        let (t, scale) = match tables.irmaa_for(premium_year) {
            Some(t) => (t, Decimal::ONE),
            None => (tables.last_irmaa(), index),
        };
        Ok(from_table(t, premium_year, scale))
    }

    pub fn convert<M: Num>(&self) -> Irmaa<M> {
        self.map_numbers(M::from_dec)
    }
}

fn from_table(t: &IrmaaTable, premium_year: i32, scale: Decimal) -> Irmaa<Decimal> {
    let edge = |e: Decimal| {
        if scale == Decimal::ONE {
            e
        } else {
            index_nearest(e, scale, 1000)
        }
    };
    let money = |m: Decimal| round_dp(m * scale, 1);
    let standard = money(t.standard_part_b);
    let arr5 = |v: &Vec<Decimal>| -> [Decimal; 5] { std::array::from_fn(|i| edge(v[i])) };
    let mut annual_surcharge = [Decimal::ZERO; 6];
    for (i, slot) in annual_surcharge.iter_mut().enumerate() {
        let b = money(t.part_b_total[i]) - standard;
        let d = money(t.part_d_surcharge[i]);
        *slot = (b + d) * dec!(12);
    }
    Irmaa {
        premium_year,
        single_edges: arr5(&t.single_edges),
        joint_edges: arr5(&t.joint_edges),
        mfs_top_edge: edge(t.mfs_top_edge),
        annual_surcharge,
    }
}

impl<N: Num> Irmaa<N> {
    pub fn to_f64(&self) -> Irmaa<f64> {
        self.map_numbers(|d: N| d.to_f64())
    }

    /// Every amount passed through `c`; the tiers are kept.
    fn map_numbers<M: Num>(&self, c: impl Fn(N) -> M + Copy) -> Irmaa<M> {
        Irmaa {
            premium_year: self.premium_year,
            single_edges: self.single_edges.map(c),
            joint_edges: self.joint_edges.map(c),
            mfs_top_edge: c(self.mfs_top_edge),
            annual_surcharge: self.annual_surcharge.map(c),
        }
    }

    /// The tier for a filing status and MAGI (of two years before the premium year).
    pub fn tier(&self, filing: Filing, magi: N) -> u8 {
        match filing {
            Filing::Mfs => {
                if magi <= self.single_edges[0] {
                    0
                } else if magi < self.mfs_top_edge {
                    4
                } else {
                    5
                }
            }
            _ => {
                let edges = self.edges(filing);
                let mut tier = 0u8;
                for (i, e) in edges.iter().enumerate() {
                    let above = if i == 4 { magi >= *e } else { magi > *e };
                    if above {
                        tier = i as u8 + 1;
                    }
                }
                tier
            }
        }
    }

    fn edges(&self, filing: Filing) -> &[N; 5] {
        if filing == Filing::Mfj {
            &self.joint_edges
        } else {
            &self.single_edges
        }
    }

    /// The year's surcharge at this MAGI for `enrolled_months`: the months on Medicare of
    /// everyone enrolled, added up (12 a person enrolled all year).
    pub fn charge(&self, filing: Filing, magi: N, enrolled_months: u32) -> IrmaaCharge<N> {
        let tier = self.tier(filing, magi);
        let yearly = self.annual_surcharge[usize::from(tier)];
        // Whole years multiply the yearly amount, as the tables give it, without a division.
        let annual = if enrolled_months.is_multiple_of(12) {
            yearly * N::from_i64(i64::from(enrolled_months / 12))
        } else {
            yearly * N::from_i64(i64::from(enrolled_months)) / N::from_i64(12)
        };
        IrmaaCharge { tier, annual }
    }

    /// The largest MAGI that stays in the current tier: the room before the next cliff.
    /// `None` in the top tier.
    pub fn tier_ceiling(&self, filing: Filing, magi: N) -> Option<N> {
        self.ceiling_of(filing, self.tier(filing, magi))
    }

    /// The largest MAGI in `tier` (as [`Self::tier`] numbers them); `None` for the top tier.
    pub fn ceiling_of(&self, filing: Filing, tier: u8) -> Option<N> {
        if filing == Filing::Mfs {
            return match tier {
                0 => Some(self.single_edges[0]),
                4 => Some(self.mfs_top_edge - N::CENT),
                _ => None,
            };
        }
        let edges = self.edges(filing);
        match tier {
            0..=3 => Some(edges[usize::from(tier)]),
            4 => Some(edges[4] - N::CENT),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn irmaa(year: i32) -> Irmaa<Decimal> {
        Irmaa::for_year(LawTables::get().unwrap(), year, Decimal::ONE).unwrap()
    }

    #[test]
    fn tiers_are_cliffs_at_the_published_edges() {
        let t = irmaa(2026);
        assert_eq!(t.tier(Filing::Single, dec!(109000)), 0);
        assert_eq!(t.tier(Filing::Single, dec!(109000.01)), 1);
        assert_eq!(t.tier(Filing::Mfj, dec!(218000)), 0);
        assert_eq!(t.tier(Filing::Mfj, dec!(218001)), 1);
        assert_eq!(t.tier(Filing::Mfj, dec!(410000)), 3);
        assert_eq!(t.tier(Filing::Mfj, dec!(410001)), 4);
        assert_eq!(t.tier(Filing::Mfj, dec!(749999.99)), 4);
        assert_eq!(t.tier(Filing::Mfj, dec!(750000)), 5);
        assert_eq!(t.tier(Filing::Hoh, dec!(500000)), 5);
        assert_eq!(t.tier(Filing::Mfs, dec!(109000)), 0);
        assert_eq!(t.tier(Filing::Mfs, dec!(109001)), 4);
        assert_eq!(t.tier(Filing::Mfs, dec!(391000)), 5);
    }

    #[test]
    fn surcharge_is_twelve_months_of_part_b_excess_plus_part_d_per_person() {
        let t = irmaa(2026);
        // tier 1: (284.10 - 202.90 + 14.50) × 12 = 1,148.40 each
        let c = t.charge(Filing::Mfj, dec!(250000), 24);
        assert_eq!(c.tier, 1);
        assert_eq!(c.annual, dec!(2296.80));
        assert_eq!(
            t.charge(Filing::Mfj, dec!(100000), 24).annual,
            Decimal::ZERO
        );
        // One of them from July: 18 months, 1,148.40 × 1.5
        assert_eq!(
            t.charge(Filing::Mfj, dec!(250000), 18).annual,
            dec!(1722.60)
        );
        // 2024 top tier single: (594.00 - 174.70 + 81.00) × 12 = 6,003.60
        assert_eq!(
            irmaa(2024).charge(Filing::Single, dec!(600000), 12).annual,
            dec!(6003.60)
        );
    }

    #[test]
    fn ceiling_is_the_room_before_the_next_cliff() {
        let t = irmaa(2026);
        assert_eq!(
            t.tier_ceiling(Filing::Mfj, dec!(100000)),
            Some(dec!(218000))
        );
        assert_eq!(
            t.tier_ceiling(Filing::Mfj, dec!(500000)),
            Some(dec!(749999.99))
        );
        assert_eq!(t.tier_ceiling(Filing::Mfj, dec!(800000)), None);
    }

    #[test]
    fn later_years_index_edges_and_earlier_years_are_refused() {
        let tables = LawTables::get().unwrap();
        let t = Irmaa::for_year(tables, 2030, dec!(1.10)).unwrap();
        assert_eq!(t.single_edges[0], dec!(120000)); // 109,000 × 1.1 = 119,900 → 120,000
        assert!(Irmaa::for_year(tables, 2021, Decimal::ONE).is_err());
    }
}
