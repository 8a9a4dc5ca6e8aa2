//! Keep taxable income under the 0% long-term-gain ceiling: tax-deferred money only as far as
//! the deductions cover it, taxable sales within the 0% band, then Roth; optionally harvest gains
//! up to the band's top.

use super::{Decision, Funding, Note, Source, Step, Strategy};
use crate::engine::{Draws, YearContext};
use crate::num::Num;

pub struct ZeroGains {
    pub name: String,
    pub harvest: bool,
    pub aca_aware: bool,
}

impl Strategy for ZeroGains {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn decide(&self, ctx: &YearContext<'_, f64>) -> Decision<f64> {
        super::young_roth_last(ctx, self.decide_unordered(ctx))
    }
}

impl ZeroGains {
    /// The decision before Roth money under the five-year rule is moved last.
    fn decide_unordered(&self, ctx: &YearContext<'_, f64>) -> Decision<f64> {
        let fi = ctx.inputs.filing.index();
        let ceiling = ctx.inputs.law.gain_edges[fi][0];
        // While someone is on the Marketplace, MAGI also stays a dollar below the credit's limit:
        // tax-deferred money, sales and harvests stop there (MAGI moves dollar for dollar with
        // them; a sale adds its gain share).
        let line_room = if self.aca_aware {
            super::aca::room(ctx, &Draws::default())
        } else {
            None
        };
        let mut free_deferred = ctx.ordinary_room(0.0, &Draws::default());
        if let Some(r) = line_room {
            free_deferred = free_deferred.min(r);
        }
        let before_sales = Draws {
            deferred: free_deferred,
            ..Draws::default()
        };
        let mut sale_room = ctx.sale_room(ceiling, &before_sales);
        if line_room.is_some() && ctx.gain_ratio > 0.0 {
            let left = super::aca::room(ctx, &before_sales).unwrap_or(0.0);
            sale_room = sale_room.min((left / ctx.gain_ratio).trunc_cents());
        }
        let step = |source, cap| Step { source, cap };
        let funding = Funding::ordered(&[
            step(Source::Deferred, Some(free_deferred)),
            step(Source::Cash, None),
            step(Source::Taxable, Some(sale_room)),
            step(Source::Roth, None),
            step(Source::Taxable, None),
            step(Source::Deferred, None),
        ]);
        let mut decision = Decision::funding_only(funding);
        let mut harvest = 0.0;
        if self.harvest {
            let solved = ctx.solve(&decision);
            harvest = ctx.harvest_room(ceiling, &solved.draws);
            if line_room.is_some() {
                let left = super::aca::room(ctx, &solved.draws).unwrap_or(0.0);
                harvest = harvest.min(left);
            }
            decision.harvest = harvest;
        }
        decision.note = Note::ZeroGains {
            ceiling,
            sale_room,
            harvest,
        };
        decision
    }
}
