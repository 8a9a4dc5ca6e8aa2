//! The accounts in the user's own order: each step draws one kind of account, optionally capped
//! by a yearly amount or, for tax-deferred money, by the top of a bracket. Whatever the steps
//! leave follows in the conventional order, so the need is met while money is left anywhere.

use super::bracket_fill::bracket_rate;
use super::bracket_fill::fill_target;
use super::spec::{OrderStep, StepCap};
use super::{Decision, Funding, Note, Source, Step, Strategy};
use crate::engine::YearContext;
use crate::num::Num;

pub struct CustomOrder {
    pub name: String,
    pub steps: Vec<OrderStep>,
}

impl Strategy for CustomOrder {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn decide(&self, ctx: &YearContext<'_, f64>) -> Decision<f64> {
        let mut list: Vec<Step<f64>> = Vec::with_capacity(super::FUNDING_STEPS);
        // Room to a bracket top is measured from the year's fixed income; a later, higher
        // bracket step gets only the room above what earlier bracket steps were given.
        let mut bracket_given = 0.0;
        // The first bracket step is what an explanation of the year talks about.
        let mut note = Note::Order;
        for step in &self.steps {
            let cap = match &step.cap {
                None => None,
                Some(StepCap::Amount(a)) => {
                    Some((f64::from_dec(*a) * ctx.inputs.price_level).round_cents())
                }
                Some(StepCap::Bracket(b)) => {
                    let (target, room) = fill_target(ctx, *b, None);
                    if note == Note::Order {
                        note = Note::FillTo {
                            bracket_rate: bracket_rate(ctx, *b),
                            target,
                            room,
                        };
                    }
                    let cap = (room - bracket_given).pos();
                    bracket_given += cap;
                    Some(cap)
                }
            };
            list.push(Step {
                source: step.source,
                cap,
            });
        }
        for source in Source::ALL {
            if !list.iter().any(|s| s.source == source && s.cap.is_none()) {
                list.push(Step { source, cap: None });
            }
        }
        Decision {
            note,
            ..Decision::funding_only(Funding::ordered(&list))
        }
    }
}
