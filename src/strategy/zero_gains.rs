//! Keep taxable income under the 0% long-term-gain ceiling: tax-deferred money only as far as
//! the deductions cover it, taxable sales within the 0% band, then Roth; optionally harvest gains
//! up to the band's top.

use super::{Decision, Funding, Note, Source, Step, Strategy};
use crate::engine::{Draws, YearContext};

pub struct ZeroGains {
    pub name: String,
    pub harvest: bool,
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
        let free_deferred = ctx.ordinary_room(0.0, &Draws::default());
        let sale_room = ctx.sale_room(
            ceiling,
            &Draws {
                deferred: free_deferred,
                ..Draws::default()
            },
        );
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
