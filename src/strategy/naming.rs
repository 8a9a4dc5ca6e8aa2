//! Names that tell a plan's strategies apart: columns, reports and `--strategy` find a strategy
//! by its name, so no two of a plan's strategies may share one.

use super::StrategySpec;

/// One name per strategy, unique among them regardless of letter case: the short name; where
/// short names collide, the name with every distinguishing parameter ("Convert to 22%, cap $100k,
/// until RMDs"); where even those collide (a duplicate not yet changed), a number: "Fill 12% (2)".
pub fn unique_names(specs: &[StrategySpec]) -> Vec<String> {
    let short: Vec<String> = specs.iter().map(StrategySpec::name).collect();
    // Compared without case; each name lowered once (the planner names every column on every
    // edit).
    let short_keys: Vec<String> = short.iter().map(|n| n.to_lowercase()).collect();
    let mut names: Vec<String> = specs
        .iter()
        .zip(&short)
        .zip(&short_keys)
        .map(|((spec, name), key)| {
            let clashes = short_keys.iter().filter(|k| *k == key).count() > 1;
            if clashes {
                spec.full_name()
            } else {
                name.clone()
            }
        })
        .collect();
    let mut keys: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    for i in 0..names.len() {
        if !keys[..i].contains(&keys[i]) {
            continue;
        }
        let taken = |key: &str, keys: &[String]| {
            keys.iter()
                .enumerate()
                .any(|(j, other)| j != i && other == key)
        };
        let base = names[i].clone();
        let mut k = 2;
        while taken(&format!("{base} ({k})").to_lowercase(), &keys) {
            k += 1;
        }
        names[i] = format!("{base} ({k})");
        keys[i] = names[i].to_lowercase();
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strategy::{OrderStep, Source, StepCap};
    use rust_decimal_macros::dec;

    fn convert(cap: Option<rust_decimal::Decimal>, stop_at_rmd: bool) -> StrategySpec {
        StrategySpec::RothConversion {
            bracket: dec!(0.22),
            yearly_cap: cap,
            irmaa_aware: true,
            aca_aware: true,
            stop_at_rmd,
            years: None,
            after_fall: None,
        }
    }

    #[test]
    fn strategies_of_one_kind_are_told_apart_by_their_parameters() {
        let specs = [
            convert(Some(dec!(100000)), false),
            convert(Some(dec!(50000)), false),
            StrategySpec::Conventional,
        ];
        assert_eq!(
            unique_names(&specs),
            [
                "Convert to 22%, cap $100k",
                "Convert to 22%, cap $50k",
                "Conventional"
            ]
        );
        // The same short name: the toggles that differ say which is which.
        let specs = [convert(None, false), convert(None, true)];
        assert_eq!(
            unique_names(&specs),
            ["Convert to 22%", "Convert to 22%, until RMDs"]
        );
    }

    #[test]
    fn a_duplicate_is_numbered_and_a_label_wins() {
        let specs = [
            StrategySpec::HeirAware,
            StrategySpec::HeirAware,
            StrategySpec::HeirAware.with_label("For the kids"),
        ];
        assert_eq!(
            unique_names(&specs),
            ["Heir-aware", "Heir-aware (2)", "For the kids"]
        );
        // A label that repeats another name, in any case, is told apart too.
        let specs = [
            StrategySpec::Conventional,
            StrategySpec::HeirAware.with_label("conventional"),
        ];
        let names = unique_names(&specs);
        assert_eq!(names, ["Conventional", "conventional (Heir-aware)"]);
    }

    #[test]
    fn a_custom_order_is_named_by_its_steps() {
        let step = |source, cap| OrderStep { source, cap };
        let spec = StrategySpec::CustomOrder {
            steps: vec![
                step(Source::Deferred, Some(StepCap::Bracket(dec!(0.12)))),
                step(Source::Taxable, Some(StepCap::Amount(dec!(40000)))),
                step(Source::Roth, None),
            ],
        };
        assert_eq!(spec.name(), "Deferred to 12%, taxable $40k, Roth");
    }
}
