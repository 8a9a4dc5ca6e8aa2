//! Mississippi (Form 80-105): its own income without Social Security or retirement plan
//! money; standard deduction and exemptions (more from 65); on a joint return each spouse's
//! column taxed on its own with the deductions divided to the couple's advantage.

use super::common::count_reached;
use super::{Schedule, StateBreakdown, StateFacts, StateLaw};
use crate::num::Num;
use crate::tax::federal::TaxBreakdown;

names!(P: exemption, aged_exemption, aged_age, separate_standard);
names!(T);

/// Tax on two columns sharing `amount` of deductions, the head's column taking `to_head`.
fn columns<N: Num>(s: &Schedule<N>, head: N, spouse: N, amount: N, to_head: N) -> N {
    s.tax((head - to_head).pos()) + s.tax((spouse - (amount - to_head)).pos())
}

/// The head's part of the joint deductions that makes the two columns' tax least: the
/// candidates are all to the head, and the splits that bring either column to a bracket
/// threshold (a strictly lower tax wins, as in the reference model).
fn best_split<N: Num>(s: &Schedule<N>, head: N, spouse: N, amount: N) -> N {
    let mut best = amount;
    let mut best_tax = columns(s, head, spouse, amount, best);
    for t in &s.thresholds {
        let candidates = [
            (head - *t).max_of(N::ZERO).min_of(amount),
            (amount - (spouse - *t)).max_of(N::ZERO).min_of(amount),
        ];
        for c in candidates {
            let tax = columns(s, head, spouse, amount, c);
            if tax < best_tax {
                best_tax = tax;
                best = c;
            }
        }
    }
    best
}

pub fn compute<N: Num>(
    law: &StateLaw<N>,
    f: &StateFacts<N>,
    fed: &TaxBreakdown<N>,
) -> StateBreakdown<N> {
    let fs = f.filing;
    let people = f.on_return();
    // Lines 41-64 by column: wages, and each spouse's half of the joint interest (tax-exempt
    // included), qualified dividends, loss-limited gains and other income.
    let joint = f.share(
        f.taxable_interest
            + f.tax_exempt_interest
            + f.qualified_dividends
            + fed.capital_gain_in_agi
            + f.other_ordinary,
    );
    let mut agi_each = [N::ZERO; 2];
    for (i, p) in people.iter().enumerate() {
        agi_each[i] = p.wages + joint;
    }
    let agi = agi_each[0] + agi_each[1];
    let aged = count_reached(f, law.p(P::aged_age));
    let exemptions =
        law.pf(P::exemption, fs) + N::from_i64(aged as i64) * law.p(P::aged_exemption);
    let deductions = law.standard[fs.index()];
    let s = law.schedule(fs);
    let amount = deductions + exemptions;
    let tax = if people.len() == 2 {
        // Joint columns with the deductions divided to the least tax (combined income taxed
        // if a column is negative) ...
        let to_head = best_split(s, agi_each[0], agi_each[1], amount);
        let head = agi_each[0] - to_head;
        let spouse = agi_each[1] - (amount - to_head);
        let joint_tax = if head < N::ZERO || spouse < N::ZERO {
            s.tax((head + spouse).pos())
        } else {
            s.tax(head) + s.tax(spouse)
        };
        // ... or the columns as separate returns, each with its own standard deduction and
        // half the exemptions.
        let half = exemptions * N::HALF;
        let mut separate_tax = N::ZERO;
        for column in agi_each {
            let income = ((column - half).pos() - law.p(P::separate_standard)).pos();
            separate_tax += s.tax(income);
        }
        joint_tax.min_of(separate_tax)
    } else {
        s.tax(agi - amount)
    };
    StateBreakdown {
        agi,
        deductions,
        exemptions,
        taxable_income: (agi - amount).pos(),
        tax_before_credits: tax,
        tax,
        ..StateBreakdown::zero(law.state, fed)
    }
}

#[cfg(test)]
mod tests {
    use crate::num::Num;
    use crate::tax::state::testing::*;
    use rust_decimal_macros::dec;

    /// 2025 Form 80-105 by hand. Single, 67: IRA $40,000 and Social Security $20,000 are
    /// exempt (line 46), interest $20,000 is Mississippi AGI. Exemption 6,000 + 1,500 (65+),
    /// standard deduction 2,300 → taxable 10,200; 0% on 10,000, 4.4% on 200 = 8.80.
    ///
    /// Joint, 67 and 62: his wages $30,000, interest $8,000 (half each column). Column A
    /// 34,000, column B 4,000. Deductions and exemptions 4,600 + 12,000 + 1,500 = 18,100, all
    /// put in column A (column B is already under the zero bracket): 15,900 → 4.4% × 5,900 =
    /// 259.60; column B owes nothing.
    #[test]
    fn form_80_105_single_and_joint_columns() {
        let f = single(67, |p| {
            p.ira_distributions = dec!(40000);
            p.social_security = dec!(20000);
        })
        .with(|f| f.taxable_interest = dec!(20000));
        let (_, s) = compute("MS", 2025, &f);
        assert_eq!(s.agi, dec!(20000));
        assert_eq!(s.taxable_income, dec!(10200));
        assert_eq!(s.tax.round_cents(), dec!(8.80));
        let f = couple((67, 62), |h| h.wages = dec!(30000), |_| {})
            .with(|f| f.taxable_interest = dec!(8000));
        let (_, s) = compute("MS", 2025, &f);
        assert_eq!(s.agi, dec!(38000));
        assert_eq!(s.tax.round_cents(), dec!(259.60));
    }
}
