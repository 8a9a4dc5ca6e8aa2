//! The income a state return needs, with its owners.
//!
//! Federal tax only needs household totals; many states do not: an exclusion for people 65 and
//! over is per person, a pension exclusion may take employer pensions but not IRA money, and a
//! cap applies to each spouse's own income. So the facts keep what belongs to a person (wages,
//! pensions, IRA distributions, Roth conversions, Social Security) apart for the head and the
//! spouse, and the joint investment income once: on a joint return it is split evenly between
//! the spouses where a state's rule is per person ([`StateFacts::share`]).

use crate::num::Num;
use crate::tax::federal::IncomeFacts;
use crate::tax::filing::Filing;
use rust_decimal::Decimal;

/// One person's own income for the year.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Person<N> {
    /// Age reached in the tax year.
    pub age: u32,
    pub wages: N,
    /// An annuity from a former private employer.
    pub private_pension: N,
    /// A pension from a federal, state or local government employer (many states exempt it).
    pub government_pension: N,
    /// Distributions from traditional IRAs and 401(k)-type plans, RMDs included.
    pub ira_distributions: N,
    pub roth_conversions: N,
    /// Gross Social Security benefits.
    pub social_security: N,
    /// Of the pay before `wages`, what went to an employer plan (a 401(k)) before income tax,
    /// which Pennsylvania taxes, and to an HSA, which California and New Jersey tax.
    pub deferrals: N,
    pub hsa: N,
}

impl<N: Num> Person<N> {
    /// Pensions of both kinds.
    #[inline]
    pub fn pensions(&self) -> N {
        self.private_pension + self.government_pension
    }

    /// Pensions, IRA distributions and Roth conversions: all taxable retirement-plan money.
    #[inline]
    pub fn retirement(&self) -> N {
        self.pensions() + self.ira_distributions + self.roth_conversions
    }

    pub fn to_f64(&self) -> Person<f64> {
        let c = |x: N| x.to_f64();
        Person {
            age: self.age,
            wages: c(self.wages),
            private_pension: c(self.private_pension),
            government_pension: c(self.government_pension),
            ira_distributions: c(self.ira_distributions),
            roth_conversions: c(self.roth_conversions),
            social_security: c(self.social_security),
            deferrals: c(self.deferrals),
            hsa: c(self.hsa),
        }
    }
}

/// A household-year as a state return sees it. The federal [`IncomeFacts`] follow from it
/// ([`StateFacts::federal`]), so the two can never disagree.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct StateFacts<N> {
    pub filing: Filing,
    /// The head (the first person), and the spouse, whose income counts only on a joint return.
    pub people: [Person<N>; 2],
    /// How many people on the return are blind (0–2).
    pub blind: u32,
    /// Married filing separately and lived with the spouse (federal Social Security bases).
    pub lived_with_spouse: bool,
    // Joint investment income, held in the household's accounts.
    pub taxable_interest: N,
    pub tax_exempt_interest: N,
    /// All ordinary dividends, the qualified ones included.
    pub ordinary_dividends: N,
    pub qualified_dividends: N,
    pub long_term_gains: N,
    pub short_term_gains: N,
    /// Any other ordinary income (rental, for example), joint.
    pub other_ordinary: N,
}

impl<N: Num> StateFacts<N> {
    /// The people on the return: the head alone, or both spouses on a joint return.
    #[inline]
    pub fn on_return(&self) -> &[Person<N>] {
        if self.filing.is_joint() {
            &self.people
        } else {
            &self.people[..1]
        }
    }

    #[inline]
    pub fn head(&self) -> &Person<N> {
        &self.people[0]
    }

    /// Each person's share of a joint amount: half each on a joint return, all the head's
    /// otherwise.
    #[inline]
    pub fn share(&self, amount: N) -> N {
        if self.filing.is_joint() {
            amount * N::HALF
        } else {
            amount
        }
    }

    /// A household total of one personal amount, over the people on the return.
    #[inline]
    pub fn total(&self, f: impl Fn(&Person<N>) -> N) -> N {
        // Spelled out rather than a loop over `on_return`: the loop compiled to a slice length
        // worked out by division, a handful of calls in every state computation.
        let mut t = N::ZERO;
        t += f(&self.people[0]);
        if self.filing.is_joint() {
            t += f(&self.people[1]);
        }
        t
    }

    /// How many people on the return have reached `age`.
    #[inline]
    pub fn count_aged(&self, age: u32) -> u32 {
        self.count(|p| p.age >= age)
    }

    /// How many people on the return `f` holds for (spelled out as [`Self::total`] is).
    #[inline]
    pub fn count(&self, f: impl Fn(&Person<N>) -> bool) -> u32 {
        let head = u32::from(f(&self.people[0]));
        if self.filing.is_joint() {
            head + u32::from(f(&self.people[1]))
        } else {
            head
        }
    }

    /// The federal facts of the same household-year.
    pub fn federal(&self) -> IncomeFacts<N> {
        IncomeFacts {
            filing: self.filing,
            age_head: self.people[0].age,
            age_spouse: self.filing.is_joint().then_some(self.people[1].age),
            blind: self.blind,
            wages: self.total(|p| p.wages),
            pensions: self.total(|p| p.pensions()),
            ira_distributions: self.total(|p| p.ira_distributions),
            roth_conversions: self.total(|p| p.roth_conversions),
            taxable_interest: self.taxable_interest,
            tax_exempt_interest: self.tax_exempt_interest,
            ordinary_dividends: self.ordinary_dividends,
            qualified_dividends: self.qualified_dividends,
            long_term_gains: self.long_term_gains,
            short_term_gains: self.short_term_gains,
            other_ordinary: self.other_ordinary,
            social_security: self.total(|p| p.social_security),
            lived_with_spouse: self.lived_with_spouse,
        }
    }

    pub fn to_f64(&self) -> StateFacts<f64> {
        let c = |x: N| x.to_f64();
        StateFacts {
            filing: self.filing,
            people: [self.people[0].to_f64(), self.people[1].to_f64()],
            blind: self.blind,
            lived_with_spouse: self.lived_with_spouse,
            taxable_interest: c(self.taxable_interest),
            tax_exempt_interest: c(self.tax_exempt_interest),
            ordinary_dividends: c(self.ordinary_dividends),
            qualified_dividends: c(self.qualified_dividends),
            long_term_gains: c(self.long_term_gains),
            short_term_gains: c(self.short_term_gains),
            other_ordinary: c(self.other_ordinary),
        }
    }
}

impl StateFacts<Decimal> {
    /// Refuses facts no return could hold (the federal checks, and the same for each person).
    pub fn validate(&self) -> Result<(), crate::tax::TaxError> {
        use crate::tax::TaxError;
        self.federal().validate()?;
        for p in &self.people {
            let amounts = [
                ("wages", p.wages),
                ("private_pension", p.private_pension),
                ("government_pension", p.government_pension),
                ("ira_distributions", p.ira_distributions),
                ("roth_conversions", p.roth_conversions),
                ("social_security", p.social_security),
            ];
            for (field, v) in amounts {
                if v < Decimal::ZERO {
                    return Err(TaxError::invalid(field, format!("{v} is negative")));
                }
                if v > crate::money::MAX_MONEY {
                    return Err(TaxError::invalid(
                        field,
                        format!("{v} is beyond the $100 billion this planner accepts"),
                    ));
                }
            }
            if p.age > 130 {
                return Err(TaxError::invalid(
                    "age",
                    format!("{} is not a plausible age", p.age),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn federal_facts_add_up_the_people_on_the_return() {
        let mut f = StateFacts {
            filing: Filing::Mfj,
            people: [
                Person {
                    age: 67,
                    private_pension: dec!(10000),
                    ira_distributions: dec!(5000),
                    social_security: dec!(20000),
                    ..Default::default()
                },
                Person {
                    age: 63,
                    ira_distributions: dec!(7000),
                    social_security: dec!(9000),
                    ..Default::default()
                },
            ],
            taxable_interest: dec!(3000),
            ..Default::default()
        };
        let fed = f.federal();
        assert_eq!(fed.pensions, dec!(10000));
        assert_eq!(fed.ira_distributions, dec!(12000));
        assert_eq!(fed.social_security, dec!(29000));
        assert_eq!(fed.age_spouse, Some(63));
        assert_eq!(f.share(dec!(3000)), dec!(1500));
        assert_eq!(f.count_aged(65), 1);
        // a spouse's income does not count on a separate return
        f.filing = Filing::Mfs;
        let fed = f.federal();
        assert_eq!(fed.ira_distributions, dec!(5000));
        assert_eq!(fed.age_spouse, None);
        assert_eq!(f.share(dec!(3000)), dec!(3000));
    }
}
