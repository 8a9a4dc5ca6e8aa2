//! Strategies as data: what a plan saves to say which policies it compares.

use super::Source;
use super::scheduled::{ScheduleRow, check_rows};
use crate::money::{amount_problem, format_dollars, format_rate, serde_dec, serde_dec_opt};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::{Deserialize, Serialize};

/// A withdrawal and conversion policy with its parameters. Every year the RMDs come out first;
/// the policy then decides how the rest of the need is met and what to convert to Roth.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum StrategySpec {
    /// Taxable (and cash) until empty, then tax-deferred, then Roth.
    Conventional,
    /// Tax-deferred first, then taxable, then Roth: the reference point the studies compare.
    DeferredFirst,
    /// Taxable, then Roth, then tax-deferred: right when today's rate is above the future one.
    RothBeforeDeferred,
    /// Every account in proportion to its balance, every year.
    Proportional,
    /// Draw tax-deferred money up to the top of a bracket (0 = only what the deductions cover),
    /// the rest from taxable, then Roth.
    BracketFill {
        /// Rate of the bracket to fill: 0, 0.10, 0.12, 0.22, ...
        #[serde(with = "serde_dec")]
        bracket: Decimal,
        /// Fill to this taxable income (today's dollars) instead of a bracket top.
        #[serde(
            default,
            with = "serde_dec_opt",
            skip_serializing_if = "Option::is_none"
        )]
        taxable_income: Option<Decimal>,
        /// Stop the tax-deferred draws a dollar below the Marketplace premium tax credit's income
        /// limit while someone is on the Marketplace (the rest from taxable, then Roth).
        #[serde(default = "yes", skip_serializing_if = "is_true")]
        aca_aware: bool,
        /// Draw to the bracket top even when the year needs less, and reinvest what the need
        /// and the taxes leave in a taxable account (a new lot at full basis).
        #[serde(default, skip_serializing_if = "is_false")]
        draw_beyond_need: bool,
    },
    /// Bracket fill, and convert the deferred money not needed for spending to Roth up to the
    /// bracket top.
    RothConversion {
        #[serde(with = "serde_dec")]
        bracket: Decimal,
        /// Most to convert in one year, in today's dollars.
        #[serde(
            default,
            with = "serde_dec_opt",
            skip_serializing_if = "Option::is_none"
        )]
        yearly_cap: Option<Decimal>,
        /// Stop a conversion before it pushes MAGI into the next Medicare IRMAA tier.
        #[serde(default = "yes")]
        irmaa_aware: bool,
        /// Stop a conversion before it pushes MAGI past the Marketplace premium tax credit's
        /// income limit (400% of the poverty line from 2026), where the whole credit is lost.
        #[serde(default = "yes")]
        aca_aware: bool,
        /// Stop converting once required minimum distributions start.
        #[serde(default = "yes")]
        stop_at_rmd: bool,
        /// Convert only in the first N years of the plan.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        years: Option<u32>,
        /// Convert more after a market fall: in a year after the portfolio's mix lost more than
        /// `drop`, fill `bracket` instead (paying the tax on depressed values).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        after_fall: Option<AfterFall>,
    },
    /// Keep taxable income under the 0% long-term-gain ceiling: sell taxable assets tax-free,
    /// fill the rest with Roth; optionally harvest gains (sell and rebuy) up to the ceiling.
    ZeroGains {
        #[serde(default)]
        harvest: bool,
        /// Keep MAGI a dollar below the Marketplace credit's income limit too: sales and harvests
        /// stop there while someone is on the Marketplace.
        #[serde(default = "yes", skip_serializing_if = "is_true")]
        aca_aware: bool,
    },
    /// Compare the heirs' marginal rate with this year's: draw tax-deferred money while this
    /// year's rate is at or below the heirs', else spend Roth and keep deferred money for them;
    /// keep low-basis taxable assets for the step-up in basis.
    HeirAware,
    /// Yearly Roth conversions and draws searched with the exact tax engine (see
    /// `crate::optimize`). Too slow for an interactive recompute: it runs on a worker.
    Optimized { objective: Objective },
    /// The accounts in an order the user picks, each step optionally capped (a yearly amount in
    /// today's dollars, or tax-deferred draws to the top of a bracket). Sources the steps leave
    /// out, or leave money in, follow in the order cash, taxable, tax-deferred, Roth, so the
    /// need is always met while money is left.
    CustomOrder { steps: Vec<OrderStep> },
    /// Yearly Roth conversions and draws by kind of account, in dollars of each year, entered by
    /// the user or imported from CSV (`crate::strategy::parse_schedule_csv`). Years it does not
    /// list convert nothing; the need its draws leave is met in the order cash, taxable,
    /// tax-deferred, Roth.
    Schedule { rows: Vec<ScheduleRow> },
    /// Any other strategy under a name the user chose.
    Labeled {
        label: String,
        strategy: Box<StrategySpec>,
    },
}

/// One step of a custom order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderStep {
    pub source: Source,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<StepCap>,
}

/// How far one step of a custom order goes in a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum StepCap {
    /// At most this much a year, in today's dollars.
    Amount(#[serde(with = "serde_dec")] Decimal),
    /// Tax-deferred draws up to the top of the bracket with this rate (0 = what the deductions
    /// cover), as bracket fill does.
    Bracket(#[serde(with = "serde_dec")] Decimal),
}

/// Most steps a custom order may list.
pub const MAX_ORDER_STEPS: usize = 8;

/// Longest label a strategy may have.
pub const MAX_LABEL: usize = 40;

/// What the optimized strategy maximises.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Objective {
    /// The after-tax estate at the horizon (today's dollars) with the plan's spending. When the
    /// money runs out, more years funded comes first, then the estate.
    Estate,
    /// The highest constant real spending that lasts to the horizon and leaves at least
    /// `min_estate` after tax, in today's dollars. The plan's living costs scale together (the
    /// yearly amount and its changes by age); one-off expenses stay as stated.
    Spending {
        #[serde(default, with = "serde_dec")]
        min_estate: Decimal,
    },
}

impl Objective {
    pub fn describe(&self) -> String {
        match self {
            Objective::Estate => "the after-tax estate at the horizon".into(),
            Objective::Spending { min_estate } if min_estate.is_zero() => {
                "the highest spending that lasts".into()
            }
            Objective::Spending { min_estate } => format!(
                "the highest spending that lasts and leaves {}",
                format_dollars(*min_estate)
            ),
        }
    }
}

fn yes() -> bool {
    true
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_true(b: &bool) -> bool {
    *b
}

/// The after-a-fall rule of a conversion strategy.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AfterFall {
    /// The loss of the portfolio's stock/bond mix over the last year (nominal) that counts as a
    /// fall: 0.15 for 15%.
    #[serde(with = "serde_dec")]
    pub drop: Decimal,
    /// The bracket to fill in the year after a fall.
    #[serde(with = "serde_dec")]
    pub bracket: Decimal,
}

impl StrategySpec {
    /// The strategies a new plan compares.
    pub fn defaults() -> Vec<StrategySpec> {
        vec![
            StrategySpec::Conventional,
            StrategySpec::DeferredFirst,
            StrategySpec::RothBeforeDeferred,
            StrategySpec::Proportional,
            StrategySpec::BracketFill {
                bracket: dec!(0.12),
                taxable_income: None,
                aca_aware: true,
                draw_beyond_need: false,
            },
            StrategySpec::RothConversion {
                bracket: dec!(0.12),
                yearly_cap: None,
                irmaa_aware: true,
                aca_aware: true,
                stop_at_rmd: false,
                years: None,
                after_fall: None,
            },
            StrategySpec::ZeroGains {
                harvest: true,
                aca_aware: true,
            },
            StrategySpec::HeirAware,
        ]
    }

    /// A short name for columns and the `--strategy` flag: the label, or the kind with the
    /// parameters that define it ("Convert to 22%, cap $100k"). Names of a plan's strategies are
    /// made unique by [`crate::strategy::unique_names`].
    pub fn name(&self) -> String {
        match self {
            StrategySpec::Conventional => "Conventional".into(),
            StrategySpec::DeferredFirst => "Deferred first".into(),
            StrategySpec::RothBeforeDeferred => "Roth before deferred".into(),
            StrategySpec::Proportional => "Proportional".into(),
            StrategySpec::BracketFill {
                bracket,
                taxable_income,
                draw_beyond_need,
                ..
            } => {
                let fill = match taxable_income {
                    Some(t) => format!("Fill to {}", amount_name(*t)),
                    None => format!("Fill {}", bracket_label(*bracket)),
                };
                if *draw_beyond_need {
                    format!("{fill}, reinvest")
                } else {
                    fill
                }
            }
            StrategySpec::RothConversion {
                bracket,
                yearly_cap,
                years,
                after_fall,
                ..
            } => {
                let mut s = format!("Convert to {}", bracket_label(*bracket));
                if let Some(cap) = yearly_cap {
                    s.push_str(&format!(", cap {}", amount_name(*cap)));
                }
                if let Some(n) = years {
                    s.push_str(&format!(", {n} yrs"));
                }
                if let Some(f) = after_fall {
                    s.push_str(&format!(
                        ", {} after a {} fall",
                        bracket_label(f.bracket),
                        crate::money::format_rate(f.drop)
                    ));
                }
                s
            }
            StrategySpec::ZeroGains { harvest, .. } => {
                if *harvest {
                    "0% gains + harvest".into()
                } else {
                    "0% gains".into()
                }
            }
            StrategySpec::HeirAware => "Heir-aware".into(),
            StrategySpec::Optimized { objective } => match objective {
                Objective::Estate => "Optimized".into(),
                Objective::Spending { min_estate } if min_estate.is_zero() => {
                    "Optimized spending".into()
                }
                Objective::Spending { min_estate } => {
                    format!("Optimized spending, estate {}", amount_name(*min_estate))
                }
            },
            StrategySpec::CustomOrder { steps } => {
                if steps.is_empty() {
                    return "Custom order".into();
                }
                let parts: Vec<String> = steps.iter().map(OrderStep::name).collect();
                let joined = parts.join(", ");
                let mut chars = joined.chars();
                match chars.next() {
                    Some(first) => first.to_uppercase().chain(chars).collect(),
                    None => joined,
                }
            }
            StrategySpec::Schedule { .. } => "Schedule".into(),
            StrategySpec::Labeled { label, .. } => label.clone(),
        }
    }

    /// The name with every parameter that sets the strategy apart from others of its kind, for
    /// telling apart two strategies whose short names are the same.
    pub fn full_name(&self) -> String {
        match self {
            StrategySpec::RothConversion {
                irmaa_aware,
                aca_aware,
                stop_at_rmd,
                ..
            } => {
                let mut s = self.name();
                if !irmaa_aware {
                    s.push_str(", past IRMAA tiers");
                }
                if !aca_aware {
                    s.push_str(", past the ACA limit");
                }
                if *stop_at_rmd {
                    s.push_str(", until RMDs");
                }
                s
            }
            StrategySpec::BracketFill {
                aca_aware: false, ..
            }
            | StrategySpec::ZeroGains {
                aca_aware: false, ..
            } => format!("{}, past the ACA limit", self.name()),
            StrategySpec::Labeled { label, strategy } => {
                format!("{label} ({})", strategy.full_name())
            }
            _ => self.name(),
        }
    }

    /// The strategy itself, without its label.
    pub fn kind(&self) -> &StrategySpec {
        match self {
            StrategySpec::Labeled { strategy, .. } => strategy.kind(),
            other => other,
        }
    }

    /// The strategy itself, without its label, for changing its parameters.
    pub fn kind_mut(&mut self) -> &mut StrategySpec {
        match self {
            StrategySpec::Labeled { strategy, .. } => strategy.kind_mut(),
            other => other,
        }
    }

    /// The label the user gave, if any.
    pub fn label(&self) -> Option<&str> {
        match self {
            StrategySpec::Labeled { label, .. } => Some(label),
            _ => None,
        }
    }

    /// The same strategy under `label` (none when blank).
    pub fn with_label(&self, label: &str) -> StrategySpec {
        let kind = self.kind().clone();
        let label = label.trim();
        if label.is_empty() {
            kind
        } else {
            StrategySpec::Labeled {
                label: label.to_string(),
                strategy: Box::new(kind),
            }
        }
    }

    /// The optimized strategy, whose projection comes from a search rather than a policy.
    pub fn is_optimized(&self) -> bool {
        matches!(self.kind(), StrategySpec::Optimized { .. })
    }

    /// The objective of an optimized strategy.
    pub fn objective(&self) -> Option<&Objective> {
        match self.kind() {
            StrategySpec::Optimized { objective } => Some(objective),
            _ => None,
        }
    }

    /// One sentence on what the policy does.
    pub fn describe(&self) -> String {
        match self {
            StrategySpec::Conventional => "taxable until empty, then tax-deferred, then Roth".into(),
            StrategySpec::DeferredFirst => "tax-deferred first, then taxable, then Roth".into(),
            StrategySpec::RothBeforeDeferred => "taxable, then Roth, then tax-deferred".into(),
            StrategySpec::Proportional => "every account in proportion to its balance".into(),
            StrategySpec::BracketFill {
                bracket,
                aca_aware,
                draw_beyond_need,
                ..
            } => format!(
                "tax-deferred up to the top of the {} bracket{}{}, then taxable, then Roth",
                bracket_label(*bracket),
                if *aca_aware {
                    " (below the Marketplace credit's income limit)"
                } else {
                    ""
                },
                if *draw_beyond_need {
                    " even beyond the need, the rest reinvested in taxable"
                } else {
                    ""
                }
            ),
            StrategySpec::RothConversion {
                bracket,
                irmaa_aware,
                aca_aware,
                stop_at_rmd,
                ..
            } => {
                let mut s = format!(
                    "fill the {} bracket with tax-deferred draws and convert the rest to Roth",
                    bracket_label(*bracket)
                );
                if *irmaa_aware {
                    s.push_str(", stopping below the next IRMAA tier");
                }
                if *aca_aware {
                    s.push_str(", and below the Marketplace credit's income limit");
                }
                if *stop_at_rmd {
                    s.push_str(", until RMDs start");
                }
                s
            }
            StrategySpec::ZeroGains { harvest, aca_aware } => {
                let mut s = "sell taxable assets within the 0% gain band, then Roth".to_string();
                if *harvest {
                    s.push_str("; harvest gains up to the band's top");
                }
                if *aca_aware {
                    s.push_str(", below the Marketplace credit's income limit");
                }
                s
            }
            StrategySpec::HeirAware => {
                "tax-deferred while this year's rate is at or below the heirs' rate; keep low-basis taxable for the step-up".into()
            }
            StrategySpec::Optimized { objective } => format!(
                "yearly conversions and draws searched with the exact tax engine to maximise {}",
                objective.describe()
            ),
            StrategySpec::CustomOrder { steps } => {
                let parts: Vec<String> = steps.iter().map(OrderStep::describe).collect();
                let mut s = if parts.is_empty() {
                    "cash, taxable, tax-deferred, then Roth".to_string()
                } else {
                    parts.join(", then ")
                };
                s.push_str("; anything left in the order cash, taxable, tax-deferred, Roth");
                s
            }
            StrategySpec::Schedule { rows } => {
                let converted: Decimal = rows.iter().map(|r| r.roth_conversion).sum();
                format!(
                    "the user's schedule: {} years listed, {} converted in all; the rest of the need from cash, taxable, tax-deferred, then Roth",
                    rows.len(),
                    format_dollars(converted)
                )
            }
            StrategySpec::Labeled { strategy, .. } => strategy.describe(),
        }
    }

    /// Checks the parameters; returns the field and the problem.
    pub fn validate(&self) -> Result<(), (String, String)> {
        match self {
            StrategySpec::BracketFill {
                bracket,
                taxable_income,
                ..
            } => {
                if let Some(problem) = bracket_problem(*bracket) {
                    return Err(("bracket".into(), problem));
                }
                if let Some(problem) = taxable_income.and_then(amount_problem) {
                    return Err(("taxable_income".into(), problem));
                }
                Ok(())
            }
            StrategySpec::RothConversion {
                bracket,
                yearly_cap,
                years,
                after_fall,
                ..
            } => {
                if let Some(problem) = bracket_problem(*bracket) {
                    return Err(("bracket".into(), problem));
                }
                if let Some(f) = after_fall {
                    if let Some(problem) = bracket_problem(f.bracket) {
                        return Err(("after_fall.bracket".into(), problem));
                    }
                    if f.drop <= Decimal::ZERO || f.drop >= Decimal::ONE {
                        return Err((
                            "after_fall.drop".into(),
                            "a fall above 0% and below 100%, such as 0.15".into(),
                        ));
                    }
                }
                if let Some(problem) = yearly_cap.and_then(amount_problem) {
                    return Err(("yearly_cap".into(), problem));
                }
                if let Some(y) = years
                    && *y > 100
                {
                    return Err(("years".into(), "at most 100".into()));
                }
                Ok(())
            }
            StrategySpec::Optimized {
                objective: Objective::Spending { min_estate },
            } => match amount_problem(*min_estate) {
                Some(problem) => Err(("objective.min_estate".into(), problem)),
                None => Ok(()),
            },
            StrategySpec::Schedule { rows } => check_rows(rows),
            StrategySpec::CustomOrder { steps } => {
                if steps.is_empty() {
                    return Err((
                        "steps".into(),
                        "list at least one account to draw from".into(),
                    ));
                }
                if steps.len() > MAX_ORDER_STEPS {
                    return Err(("steps".into(), format!("at most {MAX_ORDER_STEPS} steps")));
                }
                for (i, step) in steps.iter().enumerate() {
                    let field = format!("steps[{i}].cap");
                    match &step.cap {
                        None => {}
                        Some(StepCap::Amount(a)) => {
                            if let Some(problem) = amount_problem(*a) {
                                return Err((field, problem));
                            }
                        }
                        Some(StepCap::Bracket(b)) => {
                            if step.source != Source::Deferred {
                                return Err((
                                    field,
                                    "a bracket cap is for tax-deferred draws, the only ones \
                                     taxed as ordinary income"
                                        .into(),
                                ));
                            }
                            if let Some(problem) = bracket_problem(*b) {
                                return Err((field, problem));
                            }
                        }
                    }
                }
                Ok(())
            }
            StrategySpec::Labeled { label, strategy } => {
                if label.trim().is_empty() {
                    return Err(("label".into(), "is empty".into()));
                }
                if label.chars().count() > MAX_LABEL {
                    return Err((
                        "label".into(),
                        format!("is longer than {MAX_LABEL} characters"),
                    ));
                }
                if label.chars().any(char::is_control) {
                    return Err(("label".into(), "has control characters".into()));
                }
                if matches!(**strategy, StrategySpec::Labeled { .. }) {
                    return Err(("strategy".into(), "is labeled twice".into()));
                }
                strategy
                    .validate()
                    .map_err(|(field, message)| (format!("strategy.{field}"), message))
            }
            _ => Ok(()),
        }
    }
}

impl OrderStep {
    /// "Roth", "deferred to 22%", "taxable $40k".
    pub fn name(&self) -> String {
        let source = self.source.short();
        match &self.cap {
            None => source.to_string(),
            Some(StepCap::Amount(a)) => format!("{source} {}", amount_name(*a)),
            Some(StepCap::Bracket(b)) => format!("{source} to {}", bracket_label(*b)),
        }
    }

    fn describe(&self) -> String {
        let source = self.source.label();
        match &self.cap {
            None => source.to_string(),
            Some(StepCap::Amount(a)) => format!(
                "{source} up to {} a year (today's dollars)",
                format_dollars(*a)
            ),
            Some(StepCap::Bracket(b)) => {
                format!("{source} to the top of the {} bracket", bracket_label(*b))
            }
        }
    }
}

/// An amount as a name shows it, short but exact: `$100k`, `$52.5k`, `$1.25m`, `$1,234`.
fn amount_name(d: Decimal) -> String {
    let thousand = Decimal::from(1_000);
    let million = Decimal::from(1_000_000);
    let exact = |unit: Decimal, step: Decimal| d.abs() >= unit && (d % step).is_zero();
    if exact(million, Decimal::from(10_000)) {
        format!("${}m", (d / million).normalize())
    } else if exact(thousand, Decimal::from(100)) {
        format!("${}k", (d / thousand).normalize())
    } else {
        format_dollars(d)
    }
}

/// What is wrong with a bracket a strategy names, if anything. A bracket is found by its place
/// on the law's ladder of ordinary rates, so a rate between two (0.13) would silently act as the
/// one below it (12%) while the strategy's name said 13%: only the ladder's rates and 0 (the room
/// the deductions leave) name a bracket. The ladder is the same under every law mode: a
/// rate-change or flat-rate law keeps the brackets' edges and names them as current law does.
fn bracket_problem(b: Decimal) -> Option<String> {
    if b.is_zero() || super::bracket_fill::LADDER.contains(&b) {
        return None;
    }
    let rates: Vec<String> = super::bracket_fill::LADDER
        .iter()
        .map(|r| format!("{:.2}", r))
        .collect();
    Some(format!(
        "{} is not a federal bracket rate; the brackets are 0 (the room the deductions leave), \
         {}",
        b,
        rates.join(", ")
    ))
}

/// "12%", or "0% (deductions)" for the room the deductions leave.
pub fn bracket_label(rate: Decimal) -> String {
    if rate.is_zero() {
        "0% (deductions)".to_string()
    } else {
        format_rate(rate)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_brackets_a_plan_may_name_are_the_ordinary_rates_of_every_table() {
        // The ladder a bracket is named on is the law's own, in every year drawdown has tables.
        for year in crate::tax::tables::FIRST_TABLE_YEAR..=2026 {
            let law = crate::tax::TaxLaw::for_year(year).unwrap();
            assert_eq!(law.rates, super::super::bracket_fill::LADDER, "{year}");
        }
        assert_eq!(bracket_problem(dec!(0)), None);
        assert_eq!(bracket_problem(dec!(0.120)), None);
        let problem = bracket_problem(dec!(0.13)).unwrap();
        assert!(
            problem.starts_with("0.13 is not a federal bracket rate"),
            "{problem}"
        );
        assert!(bracket_problem(dec!(0.5)).is_some());
        assert!(bracket_problem(dec!(-0.12)).is_some());
    }

    #[test]
    fn specs_read_plainly_from_ron() {
        let text = "[Conventional, BracketFill(bracket: 0.12), RothConversion(bracket: 0.22, yearly_cap: Some(50000), stop_at_rmd: false), ZeroGains(harvest: true), HeirAware]";
        let specs: Vec<StrategySpec> = ron::from_str(text).unwrap();
        assert_eq!(specs.len(), 5);
        assert_eq!(
            specs[2],
            StrategySpec::RothConversion {
                bracket: dec!(0.22),
                yearly_cap: Some(dec!(50000)),
                irmaa_aware: true,
                aca_aware: true,
                stop_at_rmd: false,
                years: None,
                after_fall: None
            }
        );
        assert_eq!(specs[1].name(), "Fill 12%");
        // Files written before the switch: the fill and the 0% strategies are ACA-aware.
        assert!(matches!(
            specs[1],
            StrategySpec::BracketFill {
                aca_aware: true,
                ..
            }
        ));
        assert!(matches!(
            specs[3],
            StrategySpec::ZeroGains {
                harvest: true,
                aca_aware: true
            }
        ));
    }

    #[test]
    fn optimized_reads_plainly_from_ron() {
        let text = "[Optimized(objective: Estate), Optimized(objective: Spending(min_estate: 250000)), Optimized(objective: Spending())]";
        let specs: Vec<StrategySpec> = ron::from_str(text).unwrap();
        assert_eq!(
            specs[0],
            StrategySpec::Optimized {
                objective: Objective::Estate
            }
        );
        assert_eq!(
            specs[1],
            StrategySpec::Optimized {
                objective: Objective::Spending {
                    min_estate: dec!(250000)
                }
            }
        );
        assert_eq!(
            specs[2],
            StrategySpec::Optimized {
                objective: Objective::Spending {
                    min_estate: Decimal::ZERO
                }
            }
        );
        assert_eq!(specs[0].name(), "Optimized");
        let back = ron::to_string(&specs).unwrap();
        assert_eq!(ron::from_str::<Vec<StrategySpec>>(&back).unwrap(), specs);
        let bad = StrategySpec::Optimized {
            objective: Objective::Spending {
                min_estate: dec!(-1),
            },
        };
        assert_eq!(
            bad.validate(),
            Err(("objective.min_estate".into(), "-$1 is negative".into()))
        );
    }

    #[test]
    fn names_are_unique_among_the_defaults() {
        let names: Vec<String> = StrategySpec::defaults().iter().map(|s| s.name()).collect();
        let mut sorted = names.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len());
    }
}
