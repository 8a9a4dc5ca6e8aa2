//! Compare this year's marginal rate with the heirs': draw tax-deferred money while this year's
//! rate is at or below theirs, else leave it to them and spend Roth; keep low-basis taxable assets
//! for the step-up in basis at death.

use super::bracket_fill::bracket_top;
use super::{Decision, Funding, Note, Source, Step, Strategy};
use crate::engine::{Draws, YearContext};
use rust_decimal::Decimal;
use std::cell::Cell;

pub struct HeirAware {
    pub name: String,
}

impl Strategy for HeirAware {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn decide(&self, ctx: &YearContext<'_, f64>) -> Decision<f64> {
        super::young_roth_last(ctx, self.decide_unordered(ctx))
    }
}

impl HeirAware {
    /// The decision before Roth money under the five-year rule is moved last.
    fn decide_unordered(&self, ctx: &YearContext<'_, f64>) -> Decision<f64> {
        let heirs = ctx.heirs_rate();
        let none = Draws::default();
        let now = ctx.deferred_probe(0.0);
        let marginal_now = now.rate;
        // No bracket above the heirs' rate is worth filling: search below its top.
        let heirs_dec = heirs_decimal(heirs);
        let search_top = match bracket_top(ctx, heirs_dec) {
            Some(t) if heirs >= 0.10 => ctx.ordinary_room(t, &none),
            Some(_) => ctx.ordinary_room(0.0, &none),
            None => ctx.available(Source::Deferred),
        };
        let room = ctx.room_while_marginal_at_most(heirs, search_top, now);
        // Taxable assets are low-basis when more than half their value is unrealised gain: the
        // step-up at death would erase that gain, so spend Roth before them.
        let roth_before_taxable = ctx.gain_ratio > 0.5;
        let (first, second) = if roth_before_taxable {
            (Source::Roth, Source::Taxable)
        } else {
            (Source::Taxable, Source::Roth)
        };
        let step = |source, cap| Step { source, cap };
        Decision {
            note: Note::HeirAware {
                heirs_rate: heirs,
                marginal_now,
                room,
                roth_before_taxable,
            },
            ..Decision::funding_only(Funding::ordered(&[
                step(Source::Deferred, Some(room)),
                step(Source::Cash, None),
                step(first, None),
                step(second, None),
                step(Source::Deferred, None),
            ]))
        }
    }
}

/// The heirs' rate as the bracket ladder reads it (four decimals). The rate is the same every
/// year of a plan, and the conversion costs as much as a tax computation, so each thread keeps
/// the last one.
fn heirs_decimal(heirs: f64) -> Decimal {
    thread_local! {
        static LAST: Cell<(u64, Decimal)> = const { Cell::new((u64::MAX, Decimal::ZERO)) };
    }
    LAST.with(|last| {
        let (bits, dec) = last.get();
        if bits == heirs.to_bits() {
            return dec;
        }
        let dec = Decimal::from_f64_retain(heirs)
            .unwrap_or_default()
            .round_dp(4);
        last.set((heirs.to_bits(), dec));
        dec
    })
}
