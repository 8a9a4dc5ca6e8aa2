//! Each person's Social Security month by month over a plan: their own benefit from the claiming
//! month, the spousal top-up once both have filed, the survivor benefit after a death, the
//! earnings test while working before full retirement age and the recomputation at FRA.
//!
//! The plan knows birth years and months (January unless given): a person born in month B
//! reaches age A in month B of `birth_year + A`, and claiming at A years and M months starts
//! benefits M months after that (the first of the day of birth, which this ignores: SSA
//! counts an age as reached the day before the birthday). A death is at the end of the person's
//! last planned year.

use super::social_security::{
    full_retirement_age_months, spousal_excess, spousal_factor, survivor_benefit, worker_factor,
};
use crate::benefits::{
    BenefitsError, EarningsTest, EarningsTestTable, WorkYear, adjusted_claim_months,
};
use crate::plan::Plan;
use rust_decimal::Decimal;

/// One person's record and claim, fixed for the plan.
#[derive(Debug, Clone, Copy)]
struct Record {
    /// Yearly benefit at FRA (the PIA × 12), today's dollars; zero without a record of one's own.
    pia: Decimal,
    /// Birth year, which sets FRA and the reduction factors.
    birth: i32,
    /// The month of birth counted in months since year 0.
    born: i64,
    /// Age in months at filing. A person without an entry in the plan files at FRA, when a
    /// spousal or survivor benefit is no longer reduced.
    claim: u32,
    fra: u32,
    last_year: i32,
}

impl Record {
    /// Months since year 0 of the person's age `months`.
    fn at(&self, months: u32) -> i64 {
        self.born + i64::from(months)
    }
}

/// The Social Security of a plan's people, worked out year by year in order (the earnings test
/// carries withheld months and refunds from one year to the next).
#[derive(Debug, Clone)]
pub struct Schedule {
    records: Vec<Record>,
    /// Spousal and survivor benefits are a spouse's: a couple filing jointly or separately is
    /// married; two people filing single (or as heads of household) are taken to be unmarried
    /// partners, who have neither (42 USC 402(b), (c), (e), (f)).
    married: bool,
    /// Months withheld under the earnings test so far, each person.
    withheld_months: [u32; 2],
    /// Withheld beyond the year's charge, paid back the next year (dollars of that year).
    refund: [Decimal; 2],
    /// Each person's monthly amounts, worked out again when the withheld months change.
    rates: [Option<Rates>; 2],
}

/// A person's monthly amounts in today's dollars (see [`Schedule::rates_of`]).
#[derive(Debug, Clone, Copy)]
struct Rates {
    /// The withheld months these amounts are for.
    withheld: u32,
    /// Own benefit before and after FRA.
    own: (Decimal, Decimal),
    /// From the month both have filed: the other's record, the top-up before and after FRA.
    spousal: Option<(i64, Record, Decimal, Decimal)>,
    /// From the month it starts: the survivor benefit.
    survivor: Option<(i64, Decimal)>,
}

/// What one year pays each person, in dollars of the year, and what the earnings test held back.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct YearBenefits {
    pub paid: [Decimal; 2],
    /// Withheld under the earnings test this year (net of the part paid back next year).
    pub withheld: [Decimal; 2],
}

impl Schedule {
    pub fn new(plan: &Plan, last_years: &[i32]) -> Schedule {
        let records = plan
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let fra = full_retirement_age_months(p.birth_year);
                let entry = plan.income.social_security.iter().find(|s| s.person == i);
                Record {
                    pia: entry.map_or(Decimal::ZERO, |s| s.fra_benefit),
                    birth: p.birth_year,
                    born: i64::from(p.birth_year) * 12 + i64::from(p.birth_month.clamp(1, 12)) - 1,
                    claim: entry.map_or(fra, |s| s.claim_age * 12 + s.claim_months),
                    fra,
                    last_year: last_years[i],
                }
            })
            .collect();
        Schedule {
            records,
            married: plan.filing.married(),
            withheld_months: [0; 2],
            refund: [Decimal::ZERO; 2],
            rates: [None; 2],
        }
    }

    /// Person `i`'s monthly amounts with the months withheld so far: their own benefit before
    /// and after FRA (the recomputation at FRA credits withheld months), the spousal top-up and
    /// the survivor benefit with the months they start.
    fn rates_of(&self, i: usize) -> Rates {
        let me = self.records[i];
        let other = (self.married && self.records.len() == 2).then(|| self.records[1 - i]);
        let adjusted = adjusted_claim_months(me.claim, self.withheld_months[i], me.fra);
        let own = |after_fra: bool| {
            let claim = if after_fra { adjusted } else { me.claim };
            me.pia * worker_factor(me.birth, claim)
        };
        // Spousal: from when both have filed (deemed filing: one's own filing is a filing for
        // the spousal benefit too), reduced by the age when it starts.
        let spousal = other.filter(|o| o.pia > Decimal::ZERO).map(|o| {
            let start = me.at(me.claim).max(o.at(o.claim));
            let age = (start - me.born) as u32;
            let factor = |after_fra: bool| {
                let months = if after_fra && age < me.fra {
                    adjusted_claim_months(age, self.withheld_months[i], me.fra)
                } else {
                    age
                };
                spousal_factor(me.birth, months)
            };
            let excess = |after_fra: bool| spousal_excess(o.pia, me.pia, factor(after_fra));
            (start, o, excess(false), excess(true))
        });
        // Survivor: from the later of the month after the death and one's own filing (at 60 at
        // the earliest).
        let survivor = other.filter(|o| o.pia > Decimal::ZERO).map(|o| {
            let death_months = (i64::from(o.last_year) * 12 + 11 - o.born).max(0) as u32;
            let entitled = (o.at(death_months) + 1)
                .max(me.at(me.claim))
                .max(me.at(60 * 12));
            let age = (entitled - me.born) as u32;
            let amount =
                survivor_benefit(o.pia, o.birth, Some(o.claim), death_months, me.birth, age);
            (entitled, amount)
        });
        Rates {
            withheld: self.withheld_months[i],
            own: (own(false), own(true)),
            spousal,
            survivor,
        }
    }

    /// The benefits of `year`: `wages` are each person's earnings from work in dollars of the
    /// year, `level` the year's prices relative to today (benefits rise with them as COLAs) and
    /// `test` the year's earnings test in dollars of the year.
    pub fn year(
        &mut self,
        year: i32,
        wages: [Decimal; 2],
        level: Decimal,
        test: &dyn Fn() -> Result<EarningsTest<Decimal>, BenefitsError>,
    ) -> Result<YearBenefits, BenefitsError> {
        let mut out = YearBenefits::default();
        let twelve = Decimal::from(12);
        // By index: each person's record is read beside the other's (1 - i) and their own
        // withheld months.
        #[allow(clippy::needless_range_loop)]
        for i in 0..self.records.len() {
            let me = self.records[i];
            if year > me.last_year {
                continue;
            }
            let other = (self.records.len() == 2).then(|| self.records[1 - i]);
            // The monthly amounts change only when the earnings test withholds more months.
            let rates = match self.rates[i] {
                Some(r) if r.withheld == self.withheld_months[i] => r,
                _ => {
                    let r = self.rates_of(i);
                    self.rates[i] = Some(r);
                    r
                }
            };
            let Rates {
                own: (own_before, own_after),
                spousal,
                survivor,
                ..
            } = rates;
            // A month's amount depends only on which of four things hold (past FRA, filed, the
            // spousal top-up started, the survivor benefit started): count the months of each
            // kind, then price each kind once.
            let mut months = [0u32; 16];
            for m in 0..12u32 {
                let now = i64::from(year) * 12 + i64::from(m);
                let age = now - me.born;
                if age < 0 {
                    continue;
                }
                let after_fra = age >= i64::from(me.fra);
                let filed = now >= me.at(me.claim) && me.pia > Decimal::ZERO;
                let spousal_on =
                    spousal.is_some_and(|(start, o, _, _)| year <= o.last_year && now >= start);
                let survivor_on = survivor.is_some_and(|(entitled, _)| {
                    other.is_some_and(|o| year > o.last_year) && now >= entitled
                });
                let kind = usize::from(after_fra)
                    | usize::from(filed) << 1
                    | usize::from(spousal_on) << 2
                    | usize::from(survivor_on) << 3;
                months[kind] += 1;
            }
            let mut total = Decimal::ZERO;
            let mut before_fra = Decimal::ZERO;
            let mut months_due_before_fra = 0u32;
            for (kind, &count) in months.iter().enumerate() {
                if count == 0 {
                    continue;
                }
                let after_fra = kind & 1 != 0;
                let mut month = Decimal::ZERO;
                if kind & 2 != 0 {
                    month = if after_fra { own_after } else { own_before };
                }
                if kind & 4 != 0
                    && let Some((_, _, before, after)) = spousal
                {
                    month += if after_fra { after } else { before };
                }
                if kind & 8 != 0
                    && let Some((_, amount)) = survivor
                {
                    month = month.max(amount);
                }
                let count_dec = Decimal::from(count);
                total += month * count_dec;
                if !after_fra && month > Decimal::ZERO {
                    before_fra += month * count_dec;
                    months_due_before_fra += count;
                }
            }
            let mut paid = total * level / twelve + self.refund[i];
            self.refund[i] = Decimal::ZERO;

            // The earnings test, for the months before FRA with a benefit due.
            if wages[i] > Decimal::ZERO && months_due_before_fra > 0 {
                let fra_at = me.at(me.fra);
                let fra_year = fra_at.div_euclid(12) == i64::from(year);
                let earnings = if fra_year {
                    // Only what was earned before the FRA month counts.
                    wages[i] * Decimal::from(fra_at.rem_euclid(12)) / twelve
                } else {
                    wages[i]
                };
                let work = WorkYear {
                    earnings,
                    monthly_benefit: before_fra * level
                        / twelve
                        / Decimal::from(months_due_before_fra),
                    months_before_fra: months_due_before_fra,
                    fra_year,
                    grace_months: 0,
                };
                let w = test()?.withholding(&work);
                if w.months > 0 {
                    self.withheld_months[i] += w.months;
                    paid -= w.withheld;
                    self.refund[i] = w.refund;
                    out.withheld[i] = w.withheld - w.refund;
                }
            }
            out.paid[i] = paid;
        }
        Ok(out)
    }
}

/// The earnings test of `year` in the plan's prices: the table's exempt amounts, carried past
/// its last year by `wage_level` (the plan has no wage index of its own, so wages are taken to
/// grow with prices).
pub fn earnings_test(
    year: i32,
    wage_level: &dyn Fn(i32) -> Decimal,
) -> Result<EarningsTest<Decimal>, BenefitsError> {
    EarningsTest::for_year(EarningsTestTable::get()?, year, wage_level)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::parse_plan;
    use crate::tax::Filing;
    use rust_decimal_macros::dec;

    /// A couple's plan from 2024 at zero inflation (benefits stay in 2024 dollars).
    fn couple(births: (i32, i32), ages: (u32, u32), ss: &str, wages: &str) -> Plan {
        let text = format!(
            "(version: 1, name: \"t\", people: [(name: \"A\", birth_year: {}, planning_age: {}),
              (name: \"B\", birth_year: {}, planning_age: {})], filing: mfj, heirs_rate: 0,
              accounts: [Cash(name: \"c\", balance: 1000)],
              income: (social_security: [{ss}], wages: [{wages}]),
              spending: (annual: 0),
              assumptions: (start_year: 2024, inflation: 0, returns: Constant(nominal: 0)),
              strategies: [Conventional])",
            births.0, ages.0, births.1, ages.1
        );
        parse_plan(&text, "test").unwrap()
    }

    /// Each year's benefits, `years` from 2024.
    fn run(plan: &Plan, years: i32) -> Vec<YearBenefits> {
        let lasts: Vec<i32> = plan
            .people
            .iter()
            .map(|p| crate::plan::last_year(p.birth_year, p.planning_age))
            .collect();
        let mut s = Schedule::new(plan, &lasts);
        (2024..2024 + years)
            .map(|y| {
                let wages = plan
                    .income
                    .wages
                    .iter()
                    .fold([Decimal::ZERO; 2], |mut w, x| {
                        if y - plan.people[x.person].birth_year < x.until_age as i32 {
                            w[x.person] += x.amount;
                        }
                        w
                    });
                s.year(y, wages, Decimal::ONE, &|| {
                    earnings_test(y, &|_| Decimal::ONE)
                })
                .unwrap()
            })
            .collect()
    }

    /// A spouse with no record of their own (no entry) files at FRA and gets half the worker's
    /// PIA once the worker has filed (SSA, "Benefits for spouses").
    #[test]
    fn a_spouse_without_a_record_gets_the_spousal_benefit() {
        // worker born 1958 files at 66 in 2024; spouse born 1960 (FRA 67 in 2027)
        let plan = couple(
            (1958, 1960),
            (95, 95),
            "(person: 0, fra_benefit: 24000, claim_age: 66)",
            "",
        );
        let b = run(&plan, 5);
        assert_eq!(b[0].paid[1], Decimal::ZERO);
        assert_eq!(b[3].paid[1], dec!(12000)); // 2027: FRA, 50% of $24,000
        // with an entry of fra_benefit 0 claiming at 62 (2022, before the worker filed): the
        // spousal benefit starts when the worker files in 2024, at 64 (36 months early: 75%)
        let plan = couple(
            (1958, 1960),
            (95, 95),
            "(person: 0, fra_benefit: 24000, claim_age: 66), (person: 1, fra_benefit: 0, claim_age: 62)",
            "",
        );
        let b = run(&plan, 2);
        assert_eq!(b[0].paid[1], dec!(9000));
    }

    /// Two people filing single are unmarried partners: neither a spousal nor a survivor
    /// benefit, only their own; the same couple married gets both.
    #[test]
    fn unmarried_partners_have_no_spousal_or_survivor_benefit() {
        let ss = "(person: 0, fra_benefit: 24000, claim_age: 66), \
                  (person: 1, fra_benefit: 6000, claim_age: 67)";
        let paid_to_b_in_2027 = |planning_a: u32, filing: Filing| {
            let mut plan = couple((1958, 1960), (planning_a, 95), ss, "");
            plan.filing = filing;
            run(&plan, 4)[3].paid[1]
        };
        // Both alive in 2027 (B's FRA): married, the spousal top-up to half of A's $24,000.
        assert_eq!(paid_to_b_in_2027(95, Filing::Mfj), dec!(12000));
        assert_eq!(paid_to_b_in_2027(95, Filing::Single), dec!(6000));
        // A died at the end of 2025 (planning age 67): married, B's survivor benefit.
        assert!(paid_to_b_in_2027(67, Filing::Mfj) > dec!(12000));
        assert_eq!(paid_to_b_in_2027(67, Filing::Single), dec!(6000));
    }

    /// The survivor of a worker who claimed at 62 gets 82.5% of the PIA at the survivor's FRA
    /// (RIB-LIM, POMS RS 00615.320), which beats a smaller own benefit.
    #[test]
    fn survivor_keeps_the_larger_benefit_with_the_rib_lim() {
        // A born 1962 claims at 62, dies at the end of 2029 (age 67); B born 1962 claimed own
        // $6,000 at 67 in 2029: from 2030 B gets max(6,000, min(24,000, max(16,800, 19,800)))
        let plan = couple(
            (1962, 1962),
            (67, 95),
            "(person: 0, fra_benefit: 24000, claim_age: 62), (person: 1, fra_benefit: 6000, claim_age: 67)",
            "",
        );
        let b = run(&plan, 8);
        assert_eq!(b[0].paid[0], dec!(16800));
        // 2029: B's own $6,000 plus the full spousal excess $6,000
        assert_eq!(b[5].paid[1], dec!(12000));
        assert_eq!(b[6].paid, [Decimal::ZERO, dec!(19800)]);
    }

    /// The rules of SSA Pub. 05-10069 (2024) for someone born 1962 who claims at 62 in January
    /// 2024 and earns $24,920 ($2,600 above the $22,320 limit): $1,300 to withhold, whole
    /// monthly payments from January, the excess paid back the next year. With a $1,000 PIA the
    /// payment at 62 is $700, so two payments ($1,400) are withheld and $100 paid back in 2025.
    /// At FRA (January 2029) the reduction is recomputed without the months withheld (42 USC
    /// 402(q)(7)).
    #[test]
    fn earnings_test_withholds_and_recomputes_at_fra() {
        let plan = couple(
            (1962, 1962),
            (95, 95),
            "(person: 0, fra_benefit: 12000, claim_age: 62)",
            "(person: 0, amount: 24920, until_age: 67)",
        );
        let b = run(&plan, 7);
        assert_eq!(b[0].paid[0], dec!(7000)); // 8,400 − 1,400
        assert_eq!(b[0].withheld[0], dec!(1300));
        // 2025: $100 back; $23,400 exempt, $760 to withhold: two payments, $640 back in 2026
        assert_eq!(b[1].paid[0], dec!(7100));
        // 2026-2028 at $24,480 (no wage growth here): $220, one payment each, $480 back
        assert_eq!(b[2].paid[0], dec!(8340));
        assert_eq!(b[4].withheld[0], dec!(220));
        // 2029: FRA in January, no test; 7 months withheld: 53 months early instead of 60,
        // 36 × 5/9% + 17 × 5/12% = 27.0833% less, and the last $480 back
        let factor = worker_factor(1962, 62 * 12 + 7);
        assert_eq!(factor.round_dp(6), dec!(0.729167));
        assert_eq!(b[5].paid[0], dec!(12000) * factor + dec!(480));
        assert_eq!(b[6].paid[0], dec!(12000) * factor);
    }
}
