//! A state return's steps for one household-year, and the common path most states follow.

use super::StateCode;
use super::facts::StateFacts;
use super::law::StateLaw;
use crate::num::Num;
use crate::tax::federal::TaxBreakdown;

/// One non-refundable credit.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Credit<N> {
    pub name: &'static str,
    pub amount: N,
}

/// Every step of a state return, as the state's own form lays it out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StateBreakdown<N> {
    pub state: StateCode,
    /// Federal AGI, where the state starts.
    pub federal_agi: N,
    /// Income the state adds to federal AGI (or its own gross income above federal AGI).
    pub additions: N,
    /// Income the state subtracts: Social Security, retirement exclusions, part of gains …
    pub subtractions: N,
    /// The state's adjusted gross income (for states that start from federal AGI or taxable
    /// income and have no line of their own, federal AGI).
    pub agi: N,
    /// Standard deduction, with its age additions, and any deduction of federal tax.
    pub deductions: N,
    /// Personal and age exemptions (as deductions from income).
    pub exemptions: N,
    pub taxable_income: N,
    /// Tax from the rate schedule, with any surtax or special tax the state adds.
    pub tax_before_credits: N,
    /// The non-refundable credits, in the form's order (unused slots are empty).
    pub credits: [Credit<N>; 4],
    /// Tax after non-refundable credits, before refundable ones: what the return owes before
    /// payments.
    pub tax: N,
}

impl<N: Num> StateBreakdown<N> {
    /// A breakdown with nothing in it (no income tax).
    pub fn zero(state: StateCode, fed: &TaxBreakdown<N>) -> StateBreakdown<N> {
        StateBreakdown {
            state,
            federal_agi: fed.agi,
            additions: N::ZERO,
            subtractions: N::ZERO,
            agi: N::ZERO,
            deductions: N::ZERO,
            exemptions: N::ZERO,
            taxable_income: N::ZERO,
            tax_before_credits: N::ZERO,
            credits: [Credit::default(); 4],
            tax: N::ZERO,
        }
    }

    /// Sum of the credits taken.
    pub fn credits_total(&self) -> N {
        let mut t = N::ZERO;
        for c in &self.credits {
            t += c.amount;
        }
        t
    }

    /// Applies non-refundable credits in order, each limited to the tax left, and sets the tax.
    pub fn apply_credits(&mut self, credits: &[(&'static str, N)]) {
        let mut left = self.tax_before_credits.pos();
        for (slot, (name, amount)) in self.credits.iter_mut().zip(credits) {
            let used = amount.pos().min_of(left);
            *slot = Credit { name, amount: used };
            left -= used;
        }
        self.tax = left;
    }
}

/// The path most states follow, each step given by the state's code: state AGI = federal AGI +
/// additions − subtractions; taxable income = AGI − deductions − exemptions (not below zero);
/// tax from the rate schedule.
#[allow(dead_code)] // used by the states that follow the common path
pub fn standard_path<N: Num>(
    law: &StateLaw<N>,
    facts: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
    additions: N,
    subtractions: N,
    deductions: N,
    exemptions: N,
) -> StateBreakdown<N> {
    let agi = fed.agi + additions - subtractions;
    let taxable_income = (agi - deductions - exemptions).pos();
    let tax_before_credits = law.schedule(facts.filing).tax(taxable_income);
    StateBreakdown {
        state: law.state,
        federal_agi: fed.agi,
        additions,
        subtractions,
        agi,
        deductions,
        exemptions,
        taxable_income,
        tax_before_credits,
        credits: [Credit::default(); 4],
        tax: tax_before_credits,
    }
}
