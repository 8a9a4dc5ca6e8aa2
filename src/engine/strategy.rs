//! The interface between the engine and the policies it runs: a [`Strategy`] decides each year
//! a [`Decision`] (what to convert, what to harvest, and the [`Funding`] order the need is met
//! from); the engine solves the draws. The engine owns these types so that it depends on no
//! policy: `crate::strategy` implements them, `crate::optimize` searches over them.

use super::YearContext;
use crate::num::Num;

/// Where money can come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Source {
    Cash = 0,
    Taxable = 1,
    Deferred = 2,
    Roth = 3,
}

impl Source {
    pub const ALL: [Source; 4] = [
        Source::Cash,
        Source::Taxable,
        Source::Deferred,
        Source::Roth,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Source::Cash => "cash",
            Source::Taxable => "taxable",
            Source::Deferred => "tax-deferred",
            Source::Roth => "Roth",
        }
    }

    /// The one-word form names use ("Roth, taxable, deferred").
    pub fn short(self) -> &'static str {
        match self {
            Source::Cash => "cash",
            Source::Taxable => "taxable",
            Source::Deferred => "deferred",
            Source::Roth => "Roth",
        }
    }
}

/// One step of a funding order: draw from `source`, at most `cap` in this step.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step<N> {
    pub source: Source,
    pub cap: Option<N>,
}

/// Most steps a funding order holds: a custom order's steps (`strategy::MAX_ORDER_STEPS`) and
/// the four sources after them.
pub const FUNDING_STEPS: usize = 12;

/// How the need beyond fixed income is met.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Funding<N> {
    /// Sources in order, each up to its cap and its balance.
    Ordered(Steps<N>),
    /// Every source in proportion to its balance.
    Proportional,
}

/// The steps of an order, held by column: the sources, the caps, and which steps have one. As
/// [`Step`]s the `Option` would double each cap's size, and a year copies its decisions several
/// times (the order is most of a decision). Steps without a cap, and places past the last step,
/// hold zero, so that equal orders compare equal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Steps<N> {
    sources: [Source; FUNDING_STEPS],
    caps: [N; FUNDING_STEPS],
    /// Bit `i`: step `i` has a cap.
    capped: u16,
    len: u8,
}

impl<N: Num> Steps<N> {
    fn new(list: impl Iterator<Item = Step<N>>) -> Steps<N> {
        let mut steps = Steps {
            sources: [Source::Cash; FUNDING_STEPS],
            caps: [N::ZERO; FUNDING_STEPS],
            capped: 0,
            len: 0,
        };
        for (i, step) in list.take(FUNDING_STEPS).enumerate() {
            steps.sources[i] = step.source;
            if let Some(cap) = step.cap {
                steps.caps[i] = cap;
                steps.capped |= 1 << i;
            }
            steps.len += 1;
        }
        steps
    }

    fn get(&self, i: usize) -> Step<N> {
        Step {
            source: self.sources[i],
            cap: (self.capped & (1 << i) != 0).then_some(self.caps[i]),
        }
    }
}

impl<N: Num> Funding<N> {
    /// An order from a list of steps (at most [`FUNDING_STEPS`]).
    pub fn ordered(list: &[Step<N>]) -> Funding<N> {
        Funding::Ordered(Steps::new(list.iter().copied()))
    }

    /// An order of whole sources without caps.
    pub fn order(sources: &[Source]) -> Funding<N> {
        Funding::Ordered(Steps::new(
            sources.iter().map(|&source| Step { source, cap: None }),
        ))
    }

    /// The order's steps, first to last (none for a proportional draw).
    pub fn steps(&self) -> impl Iterator<Item = Step<N>> + '_ {
        let steps = match self {
            Funding::Ordered(s) => Some(s),
            Funding::Proportional => None,
        };
        steps
            .into_iter()
            .flat_map(|s| (0..usize::from(s.len)).map(move |i| s.get(i)))
    }
}

/// What a strategy decided for a year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decision<N> {
    /// Tax-deferred money to move to Roth this year.
    pub convert: N,
    /// Long-term gain to realise by selling and rebuying (raises the basis, no cash).
    pub harvest: N,
    /// Tax-deferred money to draw this year however little the year needs (beyond the RMD),
    /// before the funding order: what the need and the taxes leave of it is reinvested in a
    /// taxable account. Zero for a strategy that draws only what the year needs.
    pub fixed_deferred: N,
    pub funding: Funding<N>,
    pub note: Note<f64>,
}

impl<N: Num> Note<N> {
    pub fn to_f64(&self) -> Note<f64> {
        let f = |x: N| x.to_f64();
        match *self {
            Note::Order => Note::Order,
            Note::FillTo {
                bracket_rate,
                target,
                room,
            } => Note::FillTo {
                bracket_rate: f(bracket_rate),
                target: f(target),
                room: f(room),
            },
            Note::Convert {
                bracket_rate,
                target,
                room,
                limit,
            } => Note::Convert {
                bracket_rate: f(bracket_rate),
                target: f(target),
                room: f(room),
                limit,
            },
            Note::ZeroGains {
                ceiling,
                sale_room,
                harvest,
            } => Note::ZeroGains {
                ceiling: f(ceiling),
                sale_room: f(sale_room),
                harvest: f(harvest),
            },
            Note::HeirAware {
                heirs_rate,
                marginal_now,
                room,
                roth_before_taxable,
            } => Note::HeirAware {
                heirs_rate: f(heirs_rate),
                marginal_now: f(marginal_now),
                room: f(room),
                roth_before_taxable,
            },
            Note::Scheduled { listed, planned } => Note::Scheduled {
                listed,
                planned: f(planned),
            },
        }
    }
}

impl<N: Num> Decision<N> {
    /// Whether the solver meets a year the same way under both decisions: everything but the
    /// note, which only explains the decision. (A strategy often solves its funding order with
    /// no note, then returns it with one.)
    pub fn solves_as(&self, other: &Decision<N>) -> bool {
        self.convert == other.convert
            && self.harvest == other.harvest
            && self.fixed_deferred == other.fixed_deferred
            && self.funding == other.funding
    }

    pub fn funding_only(funding: Funding<N>) -> Decision<N> {
        Decision {
            convert: N::ZERO,
            harvest: N::ZERO,
            fixed_deferred: N::ZERO,
            funding,
            note: Note::Order,
        }
    }
}

/// Why a conversion stopped where it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// The bracket top was reached.
    Bracket,
    /// The yearly cap was reached.
    YearlyCap,
    /// One more dollar would have crossed into the next IRMAA tier.
    Irmaa,
    /// One more dollar would have crossed the Marketplace credit's income limit (the 400% line).
    Aca,
    /// Not enough tax-deferred money.
    Balance,
    /// RMDs have started and the strategy stops converting then.
    RmdStarted,
    /// The conversion years are over.
    YearsOver,
    /// The spending draws already filled the bracket.
    SpendingFilled,
}

/// What a strategy aimed at in a year, kept for explanations.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Note<N> {
    /// A plain order of accounts.
    #[default]
    Order,
    /// Tax-deferred draws up to a taxable-income target (a bracket top).
    FillTo { bracket_rate: N, target: N, room: N },
    /// As `FillTo`, then a conversion of the room the spending left, stopped by `limit`.
    Convert {
        bracket_rate: N,
        target: N,
        room: N,
        limit: Limit,
    },
    /// Taxable sales within the 0% gain band; `harvest` gains realised to its top.
    ZeroGains {
        ceiling: N,
        sale_room: N,
        harvest: N,
    },
    /// Tax-deferred draws while this year's marginal rate stays at or below the heirs' rate.
    HeirAware {
        heirs_rate: N,
        marginal_now: N,
        room: N,
        roth_before_taxable: bool,
    },
    /// A schedule the user entered: whether it lists the year, and the draws it scheduled
    /// (what the need took beyond them came from the fallback order).
    Scheduled { listed: bool, planned: N },
}

/// A withdrawal policy.
///
/// Policies decide on `f64`: a decision is a search over many tax evaluations and needs speed,
/// not the last digit. The engine then keeps the books exactly in its own number type and meets
/// the need to the cent, starting from the decision's solution.
pub trait Strategy: Send + Sync {
    fn name(&self) -> String;
    fn decide(&self, ctx: &YearContext<'_, f64>) -> Decision<f64>;
}

impl<N: Num> Decision<N> {
    /// The same decision in another number type, amounts in whole cents.
    pub fn convert<M: Num>(&self) -> Decision<M> {
        let c = |x: N| M::from_f64(x.to_f64()).trunc_cents();
        let funding = match &self.funding {
            Funding::Proportional => Funding::Proportional,
            Funding::Ordered(_) => {
                Funding::Ordered(Steps::new(self.funding.steps().map(|s| Step {
                    source: s.source,
                    cap: s.cap.map(c),
                })))
            }
        };
        Decision {
            convert: c(self.convert),
            harvest: c(self.harvest),
            fixed_deferred: c(self.fixed_deferred),
            funding,
            note: self.note.to_f64(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    /// An order gives back the steps it was made from, a cap of zero apart from no cap, and two
    /// orders are equal exactly when their steps are.
    #[test]
    fn an_order_keeps_its_steps() {
        let step = |source, cap| Step { source, cap };
        let list = [
            step(Source::Deferred, Some(1200.5)),
            step(Source::Cash, None),
            step(Source::Taxable, Some(0.0)),
            step(Source::Roth, None),
        ];
        let order = Funding::ordered(&list);
        assert_eq!(order.steps().collect::<Vec<_>>(), list);
        assert_eq!(order, Funding::ordered(&list));
        let mut uncapped = list;
        uncapped[2].cap = None;
        assert_ne!(order, Funding::ordered(&uncapped));
        assert_ne!(order, Funding::ordered(&list[..3]));
        let long = [step(Source::Cash, None); FUNDING_STEPS + 2];
        assert_eq!(Funding::ordered(&long).steps().count(), FUNDING_STEPS);
        assert_eq!(Funding::<f64>::Proportional.steps().count(), 0);
        // In another number type, caps in whole cents.
        let exact = Decision::funding_only(order).convert::<Decimal>();
        assert_eq!(
            exact.funding.steps().map(|s| s.cap).collect::<Vec<_>>(),
            [
                Some(Decimal::new(12005, 1)),
                None,
                Some(Decimal::ZERO),
                None
            ]
        );
    }

    #[test]
    fn a_note_does_not_change_how_a_decision_solves() {
        let order =
            Decision::<f64>::funding_only(Funding::order(&[Source::Taxable, Source::Deferred]));
        let noted = Decision {
            note: Note::FillTo {
                bracket_rate: 0.12,
                target: 1.0,
                room: 2.0,
            },
            ..order
        };
        assert_ne!(noted, order);
        assert!(noted.solves_as(&order) && order.solves_as(&noted));
        assert!(
            !Decision {
                convert: 1.0,
                ..order
            }
            .solves_as(&order)
        );
        assert!(
            !Decision {
                harvest: 1.0,
                ..order
            }
            .solves_as(&order)
        );
        let fixed = Decision {
            fixed_deferred: 1.0,
            ..order
        };
        assert!(!fixed.solves_as(&order));
        let reversed =
            Decision::<f64>::funding_only(Funding::order(&[Source::Deferred, Source::Taxable]));
        assert!(!reversed.solves_as(&order));
    }
}
