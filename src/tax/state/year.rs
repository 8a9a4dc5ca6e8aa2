//! The state income tax of one projected year: the household's state that year (a real state's
//! law, or the plan's custom flat rate), and whose income is whose, which a real state's rules
//! need and the engine's household totals do not say.

use super::custom::StateRules;
use super::facts::{Person, StateFacts};
use super::law::StateLaw;
use super::{StateCode, state_tax};
use crate::dual::{Dual, watch};
use crate::num::Num;
use crate::tax::federal::{IncomeFacts, TaxBreakdown};
use crate::tax::slope::{Direction, Edge, Slope};
use std::sync::{Arc, OnceLock};

/// The state tax a household owes in a year.
#[derive(Debug, Clone, PartialEq)]
pub enum StateYear<N> {
    /// The plan's own flat rate with its exemptions.
    Custom(StateRules<N>),
    /// A state's law for the year (a state without an income tax included).
    Law(Arc<YearLaw<N>>),
}

/// A state's law for a year, and the same law on [`Dual`] numbers for its slopes, made once when
/// first asked for (an explanation or a search asks many times a year).
#[derive(Debug, Clone, PartialEq)]
pub struct YearLaw<N> {
    law: StateLaw<N>,
    dual: OnceLock<StateLaw<Dual>>,
    fast: OnceLock<Arc<YearLaw<f64>>>,
}

impl<N: Num> YearLaw<N> {
    pub fn new(law: StateLaw<N>) -> YearLaw<N> {
        YearLaw {
            law,
            dual: OnceLock::new(),
            fast: OnceLock::new(),
        }
    }

    /// The same law on `f64`, made once.
    pub fn fast(&self) -> Arc<YearLaw<f64>> {
        Arc::clone(
            self.fast
                .get_or_init(|| Arc::new(YearLaw::new(self.law.convert()))),
        )
    }

    pub fn law(&self) -> &StateLaw<N> {
        &self.law
    }

    /// The law to change (its slope copy is made again when next asked for).
    pub fn law_mut(&mut self) -> &mut StateLaw<N> {
        self.dual = OnceLock::new();
        self.fast = OnceLock::new();
        &mut self.law
    }

    fn dual(&self) -> &StateLaw<Dual> {
        self.dual.get_or_init(|| self.law.via_f64())
    }
}

impl<N: Num> Default for StateYear<N> {
    fn default() -> Self {
        StateYear::Custom(StateRules::default())
    }
}

impl<N: Num> StateYear<N> {
    /// The state's tax, unrounded, on the facts `f` whose federal breakdown is `fed`.
    #[inline]
    pub fn tax(&self, f: &IncomeFacts<N>, fed: &TaxBreakdown<N>, owners: &Owners<N>) -> N {
        match self {
            StateYear::Custom(rules) => rules.tax(f, fed),
            StateYear::Law(law) => state_tax(&law.law, &owners.facts(f), fed),
        }
    }

    /// The state, when it is a real one.
    pub fn code(&self) -> Option<StateCode> {
        match self {
            StateYear::Custom(_) => None,
            StateYear::Law(law) => Some(law.law.state),
        }
    }

    /// The same on `f64` (a real state's law is converted once and shared).
    pub fn to_f64(&self) -> StateYear<f64> {
        match self {
            StateYear::Law(law) => StateYear::Law(law.fast()),
            StateYear::Custom(_) => self.convert(),
        }
    }

    pub fn convert<M: Num>(&self) -> StateYear<M> {
        match self {
            StateYear::Custom(r) => StateYear::Custom(StateRules {
                rate: M::from_dec(r.rate.to_dec()),
                exempt_social_security: r.exempt_social_security,
                exempt_retirement: r.exempt_retirement,
                deduction: M::from_dec(r.deduction.to_dec()),
            }),
            StateYear::Law(law) => StateYear::Law(Arc::new(YearLaw::new(law.law.convert()))),
        }
    }
}

impl StateYear<f64> {
    /// The state tax's slope along `dir` at the facts `f` (federal breakdown `fed`, federal
    /// slope `fed_slope` there), and the distance to the next state edge ahead. A real state's
    /// slope is its computation's exact right derivative, found by running it on [`Dual`]
    /// numbers (the federal figures it starts from move as the federal slope says): every
    /// bracket, exclusion cap, phase-out and federal starting point it uses is seen as it is;
    /// its next edge is the nearest point where one of the computation's choices would go the
    /// other way.
    pub fn slope(
        &self,
        f: &IncomeFacts<f64>,
        fed: &TaxBreakdown<f64>,
        fed_slope: &Slope<f64>,
        dir: Direction<f64>,
        owners: &Owners<f64>,
    ) -> (f64, Option<(f64, Edge)>) {
        match self {
            StateYear::Custom(rules) => rules.slope(f, fed, fed_slope, dir),
            StateYear::Law(state) => {
                let lift = |x: f64| Dual::constant(x);
                let mut fd = IncomeFacts {
                    filing: f.filing,
                    age_head: f.age_head,
                    age_spouse: f.age_spouse,
                    blind: f.blind,
                    wages: lift(f.wages),
                    pensions: lift(f.pensions),
                    ira_distributions: lift(f.ira_distributions),
                    roth_conversions: lift(f.roth_conversions),
                    taxable_interest: lift(f.taxable_interest),
                    tax_exempt_interest: lift(f.tax_exempt_interest),
                    ordinary_dividends: lift(f.ordinary_dividends),
                    qualified_dividends: lift(f.qualified_dividends),
                    long_term_gains: lift(f.long_term_gains),
                    short_term_gains: lift(f.short_term_gains),
                    other_ordinary: lift(f.other_ordinary),
                    social_security: lift(f.social_security),
                    lived_with_spouse: f.lived_with_spouse,
                };
                fd.ira_distributions.d = dir.ordinary;
                fd.long_term_gains.d = dir.gain;
                let federal = moving_breakdown(fed, fed_slope, dir);
                let owners: Owners<Dual> = owners.convert();
                let facts = owners.facts(&fd);
                let (tax, next) = watch(|| state_tax(state.dual(), &facts, &federal));
                (tax.d, next.map(|d| (d, Edge::StateRule)))
            }
        }
    }
}

/// The federal breakdown at a point, moving along `dir` as its slope there says.
fn moving_breakdown(
    b: &TaxBreakdown<f64>,
    s: &Slope<f64>,
    dir: Direction<f64>,
) -> TaxBreakdown<Dual> {
    let c = Dual::constant;
    let m = Dual::moving;
    // Gains enter AGI one for one unless a loss beyond the yearly limit absorbs them.
    let gain_in_agi = if b.loss_carryforward > 0.0 {
        0.0
    } else {
        dir.gain
    };
    TaxBreakdown {
        filing: b.filing,
        provisional_income: m(b.provisional_income, s.agi - s.taxable_social_security),
        taxable_social_security: m(b.taxable_social_security, s.taxable_social_security),
        capital_gain_in_agi: m(b.capital_gain_in_agi, gain_in_agi),
        loss_carryforward: c(b.loss_carryforward),
        agi: m(b.agi, s.agi),
        magi: m(b.magi, s.agi),
        standard_deduction: c(b.standard_deduction),
        senior_deduction: m(b.senior_deduction, s.senior_deduction),
        taxable_income: m(b.taxable_income, s.taxable_income),
        preferential_income: m(b.preferential_income, s.preferential_income),
        ordinary_taxable_income: m(b.ordinary_taxable_income, s.ordinary_taxable_income),
        ordinary_tax: c(b.ordinary_tax),
        preferential_tax: c(b.preferential_tax),
        regular_tax: m(b.regular_tax, s.total - s.niit),
        niit: m(b.niit, s.niit),
        total: m(b.total, s.total),
        bracket: b.bracket,
        bracket_rate: c(b.bracket_rate),
        gain_band: b.gain_band,
        marginal_ordinary: c(b.marginal_ordinary),
        marginal_gain: c(b.marginal_gain),
    }
}

/// Whose income is whose in a projected year: each person's own income that does not depend on
/// the year's decisions (wages, pensions, Social Security, RMDs), and the share of the year's
/// elective tax-deferred money (draws and Roth conversions) that comes from each person's
/// accounts. People are in the order of the return: the head first.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Owners<N> {
    pub people: [Person<N>; 2],
    /// The tax-deferred money already in `people` (the RMDs).
    pub fixed_ira: N,
    /// Each person's share of elective tax-deferred money.
    pub share: [N; 2],
}

impl<N: Num> Owners<N> {
    /// The state return's facts for the household facts `f`: the people's own income, their
    /// shares of the elective tax-deferred money in `f`, and the joint investment income of `f`.
    #[inline]
    pub fn facts(&self, f: &IncomeFacts<N>) -> StateFacts<N> {
        let elective = (f.ira_distributions - self.fixed_ira).pos();
        let mut people = self.people;
        for (p, share) in people.iter_mut().zip(self.share) {
            p.ira_distributions += elective * share;
            p.roth_conversions += f.roth_conversions * share;
        }
        if !f.filing.is_joint() {
            // One return for the household (a survivor, or a couple filing as singles): all of
            // its income is on it, as on the federal return.
            let [head, other] = &mut people;
            head.wages += other.wages;
            head.private_pension += other.private_pension;
            head.government_pension += other.government_pension;
            head.ira_distributions += other.ira_distributions;
            head.roth_conversions += other.roth_conversions;
            head.social_security += other.social_security;
            head.deferrals += other.deferrals;
            head.hsa += other.hsa;
            *other = Person {
                age: other.age,
                ..Person::default()
            };
        }
        StateFacts {
            filing: f.filing,
            people,
            blind: f.blind,
            lived_with_spouse: f.lived_with_spouse,
            taxable_interest: f.taxable_interest,
            tax_exempt_interest: f.tax_exempt_interest,
            ordinary_dividends: f.ordinary_dividends,
            qualified_dividends: f.qualified_dividends,
            long_term_gains: f.long_term_gains,
            short_term_gains: f.short_term_gains,
            other_ordinary: f.other_ordinary,
        }
    }

    pub fn convert<M: Num>(&self) -> Owners<M> {
        let c = |x: N| M::from_f64(x.to_f64());
        let person = |p: &Person<N>| Person {
            age: p.age,
            wages: c(p.wages),
            private_pension: c(p.private_pension),
            government_pension: c(p.government_pension),
            ira_distributions: c(p.ira_distributions),
            roth_conversions: c(p.roth_conversions),
            social_security: c(p.social_security),
            // Zero for almost everyone: no conversion then.
            deferrals: if p.deferrals.above_zero() {
                c(p.deferrals)
            } else {
                M::ZERO
            },
            hsa: if p.hsa.above_zero() {
                c(p.hsa)
            } else {
                M::ZERO
            },
        };
        Owners {
            people: [person(&self.people[0]), person(&self.people[1])],
            fixed_ira: c(self.fixed_ira),
            share: self.share.map(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tax::{Filing, StateTables};
    use rust_decimal::Decimal;

    fn couple() -> (IncomeFacts<f64>, Owners<f64>) {
        let owners = Owners {
            people: [
                Person {
                    age: 67,
                    social_security: 30_000.0,
                    ira_distributions: 8_000.0,
                    ..Default::default()
                },
                Person {
                    age: 63,
                    private_pension: 20_000.0,
                    ..Default::default()
                },
            ],
            fixed_ira: 8_000.0,
            share: [0.25, 0.75],
        };
        let f = IncomeFacts {
            filing: Filing::Mfj,
            age_head: 67,
            age_spouse: Some(63),
            social_security: 30_000.0,
            pensions: 20_000.0,
            ira_distributions: 48_000.0,
            roth_conversions: 10_000.0,
            taxable_interest: 24_000.0,
            ..Default::default()
        };
        (f, owners)
    }

    #[test]
    fn elective_money_goes_to_its_owners_and_the_rest_stays_put() {
        let (f, owners) = couple();
        let s = owners.facts(&f);
        // 40,000 drawn beyond the RMDs: a quarter from the head's accounts.
        assert_eq!(s.people[0].ira_distributions, 8_000.0 + 10_000.0);
        assert_eq!(s.people[1].ira_distributions, 30_000.0);
        assert_eq!(s.people[1].roth_conversions, 7_500.0);
        assert_eq!(s.people[1].private_pension, 20_000.0);
        assert_eq!(s.taxable_interest, 24_000.0);
        // The federal facts of the split are the household's.
        let back = s.federal();
        assert_eq!(back.ira_distributions, f.ira_distributions);
        assert_eq!(back.pensions, f.pensions);
    }

    #[test]
    fn a_real_states_slope_is_its_marginal_rate() {
        // Illinois: a flat 4.95% on income other than retirement income and Social Security
        // (35 ILCS 5/201, 5/203(a)(2)(F)): IRA dollars cost nothing, interest 4.95%.
        let tables = StateTables::get().unwrap();
        let il = StateLaw::resolve(tables, StateCode::IL, 2026, Decimal::ONE).unwrap();
        let year = StateYear::Law(Arc::new(YearLaw::new(il.convert::<f64>())));
        let law = crate::tax::TaxLaw::for_year(2026).unwrap().to_f64();
        let (f, owners) = couple();
        let fed = crate::tax::compute(&law, &f);
        let fs = crate::tax::slope(&law, &f, &fed, Direction::ordinary());
        let (ira, _) = year.slope(&f, &fed, &fs, Direction::ordinary(), &owners);
        assert_eq!(ira, 0.0);
        // A dollar of gain is taxed at the flat rate (the interest is above the exemptions).
        let gs = crate::tax::slope(&law, &f, &fed, Direction::gain());
        let (gain, _) = year.slope(&f, &fed, &gs, Direction::gain(), &owners);
        assert!((gain - 0.0495).abs() < 1e-12, "{gain}");
        // The tax itself is the state's.
        let dollars = year.tax(&f, &fed, &owners);
        let expected = il.convert::<f64>();
        let by_hand = crate::tax::state_tax(&expected, &owners.facts(&f), &fed);
        assert_eq!(dollars, by_hand);
        assert!(by_hand > 0.0);
    }
}
