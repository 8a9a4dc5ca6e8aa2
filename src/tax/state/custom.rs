//! The custom flat-rate state income tax a plan may choose instead of a real state: one rate on
//! federal AGI, with the two exemptions most states offer retirees.

use crate::money::serde_dec;
use crate::num::Num;
use crate::tax::federal::{IncomeFacts, TaxBreakdown};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct StateTax {
    #[serde(with = "serde_dec")]
    pub rate: Decimal,
    /// Social Security benefits are not taxed by the state (most states).
    #[serde(default)]
    pub exempt_social_security: bool,
    /// Pensions, IRA distributions and Roth conversions are not taxed by the state.
    #[serde(default)]
    pub exempt_retirement: bool,
    /// A flat state deduction or exemption amount, in dollars of the plan's first year.
    #[serde(default, with = "serde_dec")]
    pub deduction: Decimal,
}

impl StateTax {
    pub fn rules<N: Num>(&self, deduction_index: N) -> StateRules<N> {
        StateRules {
            rate: N::from_dec(self.rate),
            exempt_social_security: self.exempt_social_security,
            exempt_retirement: self.exempt_retirement,
            deduction: (N::from_dec(self.deduction) * deduction_index).round_cents(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct StateRules<N> {
    pub rate: N,
    pub exempt_social_security: bool,
    pub exempt_retirement: bool,
    pub deduction: N,
}

impl<N: Num> StateRules<N> {
    pub fn to_f64(&self) -> StateRules<f64> {
        StateRules {
            rate: self.rate.to_f64(),
            exempt_social_security: self.exempt_social_security,
            exempt_retirement: self.exempt_retirement,
            deduction: self.deduction.to_f64(),
        }
    }

    /// The state's taxable base: federal AGI less the exempt income and the deduction.
    pub fn base(&self, facts: &IncomeFacts<N>, fed: &TaxBreakdown<N>) -> N {
        let mut base = fed.agi;
        if self.exempt_social_security {
            base -= fed.taxable_social_security;
        }
        if self.exempt_retirement {
            base -= facts.pensions + facts.ira_distributions + facts.roth_conversions;
        }
        (base - self.deduction).pos()
    }

    pub fn tax(&self, facts: &IncomeFacts<N>, fed: &TaxBreakdown<N>) -> N {
        if self.rate == N::ZERO {
            return N::ZERO;
        }
        self.rate * self.base(facts, fed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tax::{Filing, TaxLaw, federal};
    use rust_decimal_macros::dec;

    #[test]
    fn exemptions_remove_their_income_from_the_base() {
        let law = TaxLaw::for_year(2026).unwrap();
        let facts = IncomeFacts {
            filing: Filing::Mfj,
            age_head: 70,
            age_spouse: Some(70),
            social_security: dec!(40000),
            ira_distributions: dec!(50000),
            taxable_interest: dec!(5000),
            ..Default::default()
        };
        let fed = federal(&law, &facts).unwrap();
        let mut s = StateTax {
            rate: dec!(0.05),
            ..Default::default()
        };
        assert_eq!(
            s.rules::<Decimal>(Decimal::ONE).tax(&facts, &fed),
            dec!(0.05) * fed.agi
        );
        s.exempt_social_security = true;
        s.exempt_retirement = true;
        // only the interest is left
        assert_eq!(
            s.rules::<Decimal>(Decimal::ONE).tax(&facts, &fed),
            dec!(250)
        );
        s.deduction = dec!(10000);
        assert_eq!(
            s.rules::<Decimal>(Decimal::ONE).tax(&facts, &fed),
            Decimal::ZERO
        );
    }
}
