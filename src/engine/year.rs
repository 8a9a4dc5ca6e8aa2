//! One year's decision space: what is fixed before the strategy acts, and the solver that finds
//! the draws meeting the need exactly after the taxes they cause.
//!
//! The cash left after taxes, `G(X) = fixed income + X − tax(X) − outlays`, rises strictly with
//! the amount drawn `X` (no marginal rate reaches 100%) and is piecewise linear, because the tax
//! is. Newton's method on a piecewise-linear function lands on the root of the segment it stands
//! on, so it reaches the exact answer in a few steps; bisection keeps it inside the bracket when
//! a step would leave it.

use super::health::Marketplace;
use super::kink::{self, Probe};
use super::roots::{
    SolveHint, ceil_cents, last_cent_under, next_hint, rising_root, solve_increasing, warm_root,
};
use super::roth_rule::RothEarly;
use super::scenario::{Scenario, YearInputs};
use super::strategy::{Decision, Funding, Source};
use crate::num::Num;
use crate::tax::{IncomeFacts, Owners, TaxBreakdown, compute, income};
use std::cell::{Cell, RefCell};

/// Amounts taken from each source, plus the non-cash events.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Draws<N> {
    pub cash: N,
    pub taxable: N,
    pub deferred: N,
    pub roth: N,
    pub convert: N,
    pub harvest: N,
    /// Of `deferred`, the part drawn whatever the need ([`Decision::fixed_deferred`]).
    pub fixed: N,
}

impl<N: Num> Draws<N> {
    pub fn get(&self, s: Source) -> N {
        match s {
            Source::Cash => self.cash,
            Source::Taxable => self.taxable,
            Source::Deferred => self.deferred,
            Source::Roth => self.roth,
        }
    }

    fn slot(&mut self, s: Source) -> &mut N {
        match s {
            Source::Cash => &mut self.cash,
            Source::Taxable => &mut self.taxable,
            Source::Deferred => &mut self.deferred,
            Source::Roth => &mut self.roth,
        }
    }

    /// Total cash drawn from the accounts.
    pub fn total(&self) -> N {
        self.cash + self.taxable + self.deferred + self.roth
    }

    /// These draws plus extra tax-deferred money.
    pub fn with_deferred(&self, extra: N) -> Draws<N> {
        let mut d = *self;
        d.deferred += extra;
        d
    }
}

/// The solved year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Solution<N> {
    pub draws: Draws<N>,
    /// Federal tax, rounded to the cent.
    pub federal: N,
    /// State tax, rounded to the cent.
    pub state: N,
    /// The Marketplace premium net of the premium tax credit, rounded to the cent (zero without
    /// Marketplace coverage).
    pub premium: N,
    /// The 10% additional tax on early tax-deferred draws, rounded to the cent.
    pub penalty: N,
    /// Cash left after the need and the taxes, reinvested.
    pub surplus: N,
    /// Need that could not be met.
    pub shortfall: N,
    pub facts: IncomeFacts<N>,
    /// The federal computation on `facts` (without marginal rates).
    pub breakdown: TaxBreakdown<N>,
}

/// Everything a strategy may look at in a year.
#[derive(Debug, Clone)]
pub struct YearContext<'a, N> {
    pub scenario: &'a Scenario<N>,
    pub inputs: &'a YearInputs<N>,
    /// Year number within the plan, 0 first.
    pub index: usize,
    /// Whose income is whose (for a real state's return).
    pub owners: Owners<N>,
    /// The year's tax facts before any elective draw: fixed income, dividends, interest, RMDs,
    /// turnover gains and carried-over losses.
    pub base: IncomeFacts<N>,
    /// Cash arriving without a decision: income, dividends, interest and RMDs.
    pub fixed_cash: N,
    /// Cash that must go out: spending and IRMAA surcharges.
    pub outlays: N,
    pub irmaa: N,
    /// What each source holds after RMDs, indexed by [`Source`].
    pub available: [N; 4],
    /// The tax-deferred money that may be converted to Roth: all of it but inherited IRAs.
    pub convertible: N,
    /// Unrealised gain as a share of the taxable accounts' value (negative for a loss).
    pub gain_ratio: N,
    /// Unrealised gain of the taxable accounts (zero when at a loss).
    pub unrealized: N,
    pub rmd: N,
    /// Some living owner of a tax-deferred account has reached RMD age.
    pub rmd_started: bool,
    /// The additional tax on each dollar of elective tax-deferred draws: 10% times the share of
    /// tax-deferred money whose owner is under 59½ (zero when none is).
    pub early_rate: N,
    /// Roth money that bears the 10% when drawn (conversions of the last five years whose owner
    /// is under 59½); `None` when no draw could.
    pub roth_early: Option<RothEarly<N>>,
    /// The last decision solved and its solution: strategies often solve the decision they
    /// return, and the engine then asks for it again.
    pub memo: RefCell<Option<(Decision<N>, Solution<N>)>>,
    /// Where the last search for the amount drawn ended, when searches start from it (`warm`).
    /// Only runs that keep no exact books start warm: a warm start can end a cent higher than
    /// a cold one (both meet the need; the search stops within a cent of the root), and the
    /// exact books start from the decisions' figures.
    pub hint: Cell<Option<SolveHint>>,
    /// Searches start from `hint` and leave one for the next.
    pub warm: bool,
}

impl<'a, N: Num> YearContext<'a, N> {
    /// Cash needed beyond fixed income, before any tax on draws.
    pub fn need(&self) -> N {
        self.outlays - self.fixed_cash
    }

    pub fn heirs_rate(&self) -> N {
        self.scenario.heirs_rate
    }

    pub fn available(&self, s: Source) -> N {
        self.available[s as usize]
    }

    /// Long-term gain realised by selling `sale` of the taxable accounts at average cost.
    #[inline]
    pub fn realized_gain(&self, sale: N) -> N {
        (sale * self.gain_ratio).round_cents()
    }

    /// Tax facts with the given draws.
    #[inline]
    pub fn facts(&self, d: &Draws<N>) -> IncomeFacts<N> {
        let mut f = self.base;
        f.ira_distributions += d.deferred;
        f.roth_conversions += d.convert;
        f.long_term_gains += self.realized_gain(d.taxable) + d.harvest;
        f
    }

    /// Federal breakdown and state tax, unrounded.
    #[inline]
    pub fn tax_of(&self, f: &IncomeFacts<N>) -> (TaxBreakdown<N>, N) {
        let b = compute(&self.inputs.law, f);
        let s = self.inputs.state.tax(f, &b, &self.owners);
        (b, s)
    }

    /// The net Marketplace premium on these facts (zero without Marketplace coverage).
    #[inline]
    pub fn premium_of(&self, f: &IncomeFacts<N>, b: &TaxBreakdown<N>) -> N {
        match &self.inputs.health.marketplace {
            Some(m) => m.net_premium(f, b),
            None => N::ZERO,
        }
    }

    /// Federal plus state tax with the given draws, plus the Marketplace premium they leave to
    /// pay (the premium tax credit lost to income is a cost of that income), unrounded.
    #[inline]
    pub fn taxes(&self, d: &Draws<N>) -> N {
        let f = self.facts(d);
        let (b, s) = self.tax_of(&f);
        b.total + s + self.premium_of(&f, &b) + self.penalty_of(d)
    }

    /// The additional tax on the early tax-deferred draws of `d` (conversions bear none) and on
    /// the Roth money it draws within five years of its conversion before 59½.
    #[inline]
    pub fn penalty_of(&self, d: &Draws<N>) -> N {
        let deferred = if self.early_rate > N::ZERO {
            self.early_rate * d.deferred
        } else {
            N::ZERO
        };
        match &self.roth_early {
            Some(r) => deferred + r.penalty(d.roth, d.convert),
            None => deferred,
        }
    }

    /// The most Roth money drawn free of the 10% in a year converting `convert` (all of it when
    /// no Roth money is subject to the five-year rule).
    pub fn roth_free(&self, convert: N) -> N {
        let all = self.available(Source::Roth);
        match &self.roth_early {
            Some(r) => r.free_draw(convert).min_of(all),
            None => all,
        }
    }

    /// Ordinary taxable income before the floor at zero: AGI less deductions less the income
    /// taxed at gain rates. Strictly rising with ordinary income.
    fn ordinary_excess(&self, d: &Draws<N>) -> N {
        let f = self.facts(d);
        income(&self.inputs.law, &f).excess - f.preferential()
    }

    /// Taxable income before the floor at zero.
    fn income_excess(&self, d: &Draws<N>) -> N {
        income(&self.inputs.law, &self.facts(d)).excess
    }

    /// Extra tax-deferred money that brings ordinary taxable income to `target` on top of `pre`
    /// (0 when already there), at most what the accounts hold. Rounded down to the cent.
    pub fn ordinary_room(&self, target: N, pre: &Draws<N>) -> N {
        let limit = (self.available(Source::Deferred) - pre.deferred - pre.convert).pos();
        let f = |e: N| self.ordinary_excess(&pre.with_deferred(e)) - target;
        solve_increasing(f, limit).trunc_cents()
    }

    /// The largest taxable sale on top of `pre` that keeps taxable income at or below `ceiling`.
    pub fn sale_room(&self, ceiling: N, pre: &Draws<N>) -> N {
        let limit = (self.available(Source::Taxable) - pre.taxable).pos();
        if self.gain_ratio <= N::ZERO {
            return limit;
        }
        let f = |s: N| {
            let mut d = *pre;
            d.taxable += s;
            self.income_excess(&d) - ceiling
        };
        solve_increasing(f, limit).trunc_cents()
    }

    /// The largest gain to harvest on top of `pre` that keeps taxable income at or below
    /// `ceiling`.
    pub fn harvest_room(&self, ceiling: N, pre: &Draws<N>) -> N {
        let limit = (self.unrealized - pre.taxable * self.gain_ratio.pos() - pre.harvest).pos();
        let f = |h: N| {
            let mut d = *pre;
            d.harvest += h;
            self.income_excess(&d) - ceiling
        };
        solve_increasing(f, limit).trunc_cents()
    }

    /// The taxes with `x` of tax-deferred money drawn, and the rate on the next dollar.
    pub fn deferred_probe(&self, x: N) -> Probe<N> {
        Probe::of(&|x| self.taxes_drawing(x), x)
    }

    /// [`Self::taxes`] with `x` of tax-deferred money drawn and nothing else.
    fn taxes_drawing(&self, x: N) -> N {
        self.taxes(&Draws::default().with_deferred(x))
    }

    /// The largest tax-deferred draw in `[0, limit]` over which the marginal rate (federal plus
    /// state, on the next dollar) stays at or below `rate`, from the probe at no draw
    /// ([`Self::deferred_probe`]). Eight points are tested, then the first crossing is
    /// narrowed to ten dollars ([`kink::narrow`]).
    ///
    /// A tested point whose taxes lie on the line from the last one, at its rate, is taken to
    /// have that rate; only a point off the line costs a second tax computation for its rate.
    /// Taxes leave a line and come back to it (a dip where Social Security stops phasing in, a
    /// credit that phases out to rejoin the schedule), but to be on it at a tested point with
    /// another rate they must cross it within a few cents of that point.
    pub fn room_while_marginal_at_most(&self, rate: N, limit: N, at_zero: Probe<N>) -> N {
        let cost = |x: N| self.taxes_drawing(x);
        if limit <= N::ZERO || at_zero.rate > rate {
            return N::ZERO;
        }
        let samples = 8;
        let step = limit / N::from_i64(samples);
        let mut lo = at_zero;
        for k in 1..=samples {
            let x = if k == samples {
                limit - N::ONE
            } else {
                step * N::from_i64(k)
            };
            if x <= lo.at {
                continue;
            }
            let c = cost(x);
            let here = if lo.on_line(x, c) {
                Probe {
                    at: x,
                    cost: c,
                    rate: lo.rate,
                }
            } else {
                Probe::after(x, c, cost(x + N::ONE))
            };
            if here.rate > rate {
                return kink::narrow(cost, rate, lo, here);
            }
            lo = here;
        }
        limit
    }

    /// This year on `f64`, for a strategy's search.
    pub fn mirror<'b>(&self, scenario: &'b Scenario<f64>) -> YearContext<'b, f64> {
        let c = |x: N| x.to_f64();
        YearContext {
            scenario,
            inputs: &scenario.years[self.index],
            index: self.index,
            owners: self.owners.convert(),
            base: self.base.to_f64(),
            fixed_cash: c(self.fixed_cash),
            outlays: c(self.outlays),
            irmaa: c(self.irmaa),
            available: self.available.map(c),
            convertible: c(self.convertible),
            gain_ratio: c(self.gain_ratio),
            unrealized: c(self.unrealized),
            rmd: c(self.rmd),
            rmd_started: self.rmd_started,
            early_rate: c(self.early_rate),
            roth_early: self.roth_early.as_ref().map(RothEarly::to_f64),
            memo: RefCell::new(None),
            hint: Cell::new(None),
            warm: false,
        }
    }

    /// Meets the year's need under a decision; the last answer is remembered, since strategies
    /// often ask again for the decision they then return.
    pub fn solve(&self, decision: &Decision<N>) -> Solution<N> {
        if let Some(s) = self.remembered(decision) {
            return s;
        }
        let solution = self.solve_fresh(decision, None);
        *self.memo.borrow_mut() = Some((*decision, solution));
        solution
    }

    /// [`Self::solve`] for the last time this year: the memo is read but not written, since
    /// nothing will ask again (storing the pair costs as much as a tax computation).
    pub fn solve_last(&self, decision: &Decision<N>) -> Solution<N> {
        self.remembered(decision)
            .unwrap_or_else(|| self.solve_fresh(decision, None))
    }

    /// Meets the year's need under a decision, starting from a guess of the total drawn (the
    /// solution of the same decision on `f64`); exact whatever the guess. Without the memo: the
    /// books solve each year once, on a context no strategy has asked (storing the pair would
    /// copy a solution of a kilobyte for nothing).
    pub fn solve_once(&self, decision: &Decision<N>, guess: Option<N>) -> Solution<N> {
        self.solve_fresh(decision, guess)
    }

    /// The remembered answer, if it was for a decision that solves as this one does.
    fn remembered(&self, decision: &Decision<N>) -> Option<Solution<N>> {
        match self.memo.borrow().as_ref() {
            Some((d, s)) if d.solves_as(decision) => Some(*s),
            _ => None,
        }
    }

    fn solve_fresh(&self, decision: &Decision<N>, guess: Option<N>) -> Solution<N> {
        let convert = decision
            .convert
            .min_of(self.convertible)
            .pos()
            .trunc_cents();
        let harvest = decision.harvest.min_of(self.unrealized).pos().trunc_cents();
        let fixed = decision
            .fixed_deferred
            .min_of(self.available(Source::Deferred) - convert)
            .pos()
            .trunc_cents();
        let solution = self.fund(&decision.funding, [convert, harvest, fixed], guess);
        if solution.shortfall > N::ZERO && (convert > N::ZERO || harvest > N::ZERO) {
            // The year cannot pay for the conversion or the harvest: drop them. (A fixed draw
            // brings more cash than its tax, so it stays.)
            return self.fund(&decision.funding, [N::ZERO, N::ZERO, fixed], None);
        }
        solution
    }

    /// Meets the need from `funding` on top of `[convert, harvest, fixed]`: a conversion, a
    /// harvest and a tax-deferred draw made whatever the need.
    fn fund(&self, funding: &Funding<N>, fixed_part: [N; 3], guess: Option<N>) -> Solution<N> {
        let [convert, harvest, fixed] = fixed_part;
        let mut available = self.available;
        available[Source::Deferred as usize] -= convert + fixed;
        // The fixed draw is cash like income: the search is over the amount the order adds.
        let fixed_cash = self.fixed_cash + fixed;
        let guess = guess.map(|g| g - fixed);
        let draws_at = |x: N| {
            let mut d = allocate(x, funding, &available);
            d.convert = convert;
            d.harvest = harvest;
            d.deferred += fixed;
            d.fixed = fixed;
            d
        };
        // The taxes and premium at the last amount tried: the search usually ends on an amount it
        // has just taxed, and settling there need not compute the tax again.
        let last: RefCell<(N, TaxBreakdown<N>, N, N)> =
            RefCell::new((-N::ONE, TaxBreakdown::default(), N::ZERO, N::ZERO));
        // The last two amounts tried and the cash they left, for the next search's slope.
        let tried: Cell<[(N, N); 2]> = Cell::new([(-N::ONE, N::ZERO); 2]);
        let cash_left = |x: N| {
            let d = draws_at(x);
            let facts = self.facts(&d);
            let federal = compute(&self.inputs.law, &facts);
            let state = self.inputs.state.tax(&facts, &federal, &self.owners);
            let premium = self.premium_of(&facts, &federal);
            let left = fixed_cash + x
                - (federal.total + state + premium)
                - self.penalty_of(&d)
                - self.outlays;
            // Kept after use: the taxes read back from a block just copied would wait for the
            // copy to land.
            *last.borrow_mut() = (x, federal, state, premium);
            if self.warm {
                let [_, b] = tried.get();
                tried.set([b, (x, left)]);
            }
            left
        };
        let max = capacity(funding, &available);
        // The year at a whole-cent amount, with the taxes as they will be paid (rounded).
        let settle = |x: N| {
            let draws = draws_at(x);
            let facts = self.facts(&draws);
            let cached = {
                let last = last.borrow();
                (last.0 == x).then_some((last.1, last.2, last.3))
            };
            let (b, s, p) = match cached {
                Some(taxes) => taxes,
                None => {
                    let (b, s) = self.tax_of(&facts);
                    let p = self.premium_of(&facts, &b);
                    (b, s, p)
                }
            };
            let federal = b.total.round_cents();
            let state = s.round_cents();
            let premium = p.round_cents();
            let penalty = self.penalty_of(&draws).round_cents();
            let left = fixed_cash + x - federal - state - premium - penalty - self.outlays;
            let solution = Solution {
                draws,
                federal,
                state,
                premium,
                penalty,
                surplus: left.pos(),
                shortfall: (-left).pos(),
                facts,
                breakdown: b,
            };
            (solution, left)
        };
        // A few cents left over are reinvested; more means the guess overshot.
        let close_enough = N::from_i64(5) * N::CENT;
        // The books' cents left over, drawn less where the last dollars came from a source that
        // is no income (Roth money, cash): the taxes stay as they are, and the cents are not
        // reinvested in a taxable account the year just emptied, only to be sold from it the
        // next year. Where a cent less would change the income, it stays over.
        let trimmed = |(solution, left): (Solution<N>, N), x: N| -> Solution<N> {
            if left <= N::ZERO || x <= N::ZERO {
                return solution;
            }
            let less = left.min_of(x);
            let draws = draws_at(x - less);
            // The income facts read only these of the draws (see `facts`).
            let was = &solution.draws;
            if draws.deferred != was.deferred || draws.taxable != was.taxable {
                return solution;
            }
            let penalty = match self.roth_early {
                Some(_) => self.penalty_of(&draws).round_cents(),
                None => solution.penalty,
            };
            let left = left - less - (penalty - solution.penalty);
            if left < N::ZERO {
                return solution;
            }
            Solution {
                draws,
                penalty,
                surplus: left,
                ..solution
            }
        };

        if let Some(g) = guess {
            let mut x = ceil_cents(g.pos()).min_of(max);
            for _ in 0..3 {
                let (solution, left) = settle(x);
                if left >= N::ZERO && (left <= close_enough || x == N::ZERO) {
                    return trimmed((solution, left), x);
                }
                if left < N::ZERO && x >= max {
                    return solution;
                }
                if left > N::ZERO {
                    break;
                }
                // Short: each extra dollar drawn brings at least its after-tax part.
                x = ceil_cents(x - left).min_of(max);
            }
        }

        let need = self.outlays - fixed_cash;
        let x = match self.hint.get() {
            Some(h) if self.warm && self.cliffs().is_none() && guess.is_none() => {
                warm_root(cash_left, h, need, max)
            }
            _ => {
                let (lo, hi) = self.stretch(&draws_at, &cash_left, max);
                let left_at_lo = cash_left(lo);
                if left_at_lo >= N::ZERO {
                    lo
                } else {
                    let span = hi - lo;
                    lo + rising_root(|y| cash_left(lo + y), left_at_lo, span).unwrap_or(span)
                }
            }
        };
        if self.warm {
            self.hint
                .set(Some(next_hint(tried.get(), self.hint.get(), need, x)));
        }
        // Whole cents, never short by a cent. The root is at most a cent or two away; after a
        // few cents the step doubles, so that the loop ends even where a float cannot resolve a
        // cent (amounts beyond about $90 trillion).
        let mut x = x.trunc_cents();
        let mut step = N::CENT;
        let mut tries = 0u32;
        loop {
            let (solution, left) = settle(x);
            if left >= N::ZERO || x >= max {
                // Only the books (a guess given): a search's cents do not matter to it.
                return if guess.is_some() {
                    trimmed((solution, left), x)
                } else {
                    solution
                };
            }
            x = (x + step).min_of(max);
            tries += 1;
            if tries > 8 {
                step = step + step;
            }
        }
    }

    /// The MAGI amounts where the net Marketplace premium jumps up this year, ascending; `None`
    /// when there are none (no Marketplace coverage, or no cliff in its law).
    fn cliffs(&self) -> Option<&[N]> {
        self.inputs
            .health
            .marketplace
            .as_ref()
            .map(|m| m.cliffs.as_slice())
            .filter(|c| !c.is_empty())
    }

    /// The stretch of amounts drawn `[lo, hi]` in which the year's need is first met. The cash
    /// left rises with the amount drawn except where MAGI crosses a Marketplace cliff (the 400%
    /// line, Medicaid's limit), where the net premium jumps up: between cliffs the search for the
    /// root is the usual one, and the need is met in the first stretch whose near end meets it.
    fn stretch(
        &self,
        draws_at: &impl Fn(N) -> Draws<N>,
        cash_left: &impl Fn(N) -> N,
        max: N,
    ) -> (N, N) {
        let Some(cliffs) = self.cliffs() else {
            return (N::ZERO, max);
        };
        if max <= N::ZERO {
            return (N::ZERO, max);
        }
        let magi_at = |x: N| {
            let f = self.facts(&draws_at(x));
            // To the cent, as the credit compares it with its lines.
            Marketplace::magi_of_income(&f, &income(&self.inputs.law, &f)).round_cents()
        };
        let top = magi_at(max);
        let mut lo = N::ZERO;
        for &cliff in cliffs {
            if top <= cliff {
                break;
            }
            if magi_at(lo) > cliff {
                continue;
            }
            // The first whole cent past the cliff, and the last one before it.
            let past = ceil_cents(solve_increasing(
                |x| magi_at(lo + x) - cliff - N::CENT,
                max - lo,
            ));
            let (below, edge) = last_cent_under(magi_at, lo, (lo + past).min_of(max), cliff);
            if cash_left(below) >= N::ZERO {
                return (lo, below);
            }
            lo = edge;
        }
        (lo, max)
    }
}

/// Spreads `x` over the sources of a funding order.
pub fn allocate<N: Num>(x: N, funding: &Funding<N>, available: &[N; 4]) -> Draws<N> {
    let mut d = Draws::default();
    match funding {
        Funding::Ordered { .. } => {
            let mut left = *available;
            let mut remaining = x;
            for step in funding.steps() {
                if remaining <= N::ZERO {
                    break;
                }
                let i = step.source as usize;
                let mut take = remaining.min_of(left[i]);
                if let Some(cap) = step.cap {
                    take = take.min_of(cap.pos());
                }
                *d.slot(step.source) += take;
                left[i] -= take;
                remaining -= take;
            }
        }
        Funding::Proportional => {
            let total = available[0] + available[1] + available[2] + available[3];
            if total <= N::ZERO {
                return d;
            }
            let x = x.min_of(total);
            let mut given = N::ZERO;
            for s in Source::ALL {
                let take = x
                    .mul_div_cents(available[s as usize], total, false)
                    .min_of(available[s as usize]);
                *d.slot(s) = take;
                given += take;
            }
            // Cents lost to rounding go to the first source with room.
            let mut rest = x - given;
            for s in Source::ALL {
                if rest <= N::ZERO {
                    break;
                }
                let room = available[s as usize] - d.get(s);
                let add = rest.min_of(room);
                *d.slot(s) += add;
                rest -= add;
            }
        }
    }
    d
}

/// The most a funding order can draw.
pub fn capacity<N: Num>(funding: &Funding<N>, available: &[N; 4]) -> N {
    match funding {
        Funding::Ordered { .. } => {
            let mut left = *available;
            let mut total = N::ZERO;
            for step in funding.steps() {
                let i = step.source as usize;
                let mut take = left[i];
                if let Some(cap) = step.cap {
                    take = take.min_of(cap.pos());
                }
                total += take;
                left[i] -= take;
            }
            total
        }
        Funding::Proportional => available.iter().fold(N::ZERO, |a, b| a + *b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Step;
    use rust_decimal::Decimal;
    use rust_decimal_macros::dec;

    #[test]
    fn ordered_allocation_respects_caps_and_balances() {
        let funding = Funding::ordered(&[
            Step {
                source: Source::Deferred,
                cap: Some(dec!(10)),
            },
            Step {
                source: Source::Cash,
                cap: None,
            },
            Step {
                source: Source::Deferred,
                cap: None,
            },
        ]);
        let available = [dec!(5), dec!(100), dec!(50), dec!(0)];
        let d = allocate(dec!(30), &funding, &available);
        assert_eq!((d.deferred, d.cash), (dec!(25), dec!(5)));
        assert_eq!(capacity(&funding, &available), dec!(55));
    }

    #[test]
    fn proportional_allocation_is_exact_to_the_cent() {
        let available = [dec!(1), dec!(1), dec!(1), dec!(0)];
        let d = allocate(dec!(1), &Funding::<Decimal>::Proportional, &available);
        assert_eq!(d.total(), dec!(1));
        assert!(d.cash <= dec!(1) && d.roth == Decimal::ZERO);
    }

    #[test]
    fn root_of_a_kinked_line_is_exact() {
        // f rises at 0.9 to 1,000 then at 0.6: f(x) = 0 at x = 1,000 + (500 - 900)/0.6 ...
        let f = |x: Decimal| {
            let base = if x <= dec!(1000) {
                x * dec!(0.9)
            } else {
                dec!(900) + (x - dec!(1000)) * dec!(0.6)
            };
            base - dec!(1200)
        };
        let x = solve_increasing(f, dec!(10000));
        assert!((x - dec!(1500)).abs() < dec!(0.01), "{x}");
    }
}
