//! The comparison's one-line headline: what matters in the figures on screen, against the
//! first strategy (the reference the studies compare to).

use super::format::money;
use crate::compare::Comparison;
use crate::money::shown_gap;
use crate::tui::app::App;

/// "Best for heirs: Heir-aware, +$69,044 vs Conventional; the money lasts to the end in every
/// strategy; lifetime tax up to $41,300 lower than Conventional (Fill 12%)".
pub fn headline(app: &App, c: &Comparison) -> Option<String> {
    let all = &c.outcomes;
    // The estate and the tax are weighed only among the columns that fund the same spending (a
    // search for the most spending leaves less and may pay less tax: not a better plan).
    let comparable = c.comparable();
    let outcomes: Vec<&crate::engine::Outcome> = all
        .iter()
        .zip(&comparable)
        .filter(|(_, ok)| **ok)
        .map(|(o, _)| o)
        .collect();
    let reference = *outcomes.first()?;
    let mut parts = Vec::new();
    let best = outcomes
        .iter()
        .enumerate()
        .max_by(|(i, a), (j, b)| a.estate_real.cmp(&b.estate_real).then(j.cmp(i)))
        .map(|(i, _)| i)?;
    if best == 0 || outcomes[best].estate_real == reference.estate_real {
        parts.push(format!("Best for heirs: {}", reference.strategy));
    } else {
        parts.push(format!(
            "Best for heirs: {}, +{} vs {}",
            outcomes[best].strategy,
            money(
                app,
                shown_gap(outcomes[best].estate_real, reference.estate_real)
            ),
            reference.strategy
        ));
    }
    let short: Vec<&str> = all
        .iter()
        .filter(|o| !o.lasts_to_horizon)
        .map(|o| o.strategy.as_str())
        .collect();
    parts.push(match short.len() {
        0 => "the money lasts to the end in every strategy".to_string(),
        n if n == all.len() => "the money runs out in every strategy".to_string(),
        1 => format!("the money runs out under {}", short[0]),
        n => format!("the money runs out in {n} of {} strategies", all.len()),
    });
    let lowest = outcomes
        .iter()
        .min_by(|a, b| a.lifetime_tax_real().cmp(&b.lifetime_tax_real()))?;
    let saved = shown_gap(reference.lifetime_tax_real(), lowest.lifetime_tax_real());
    if saved > rust_decimal::Decimal::ZERO {
        parts.push(format!(
            "lifetime tax up to {} lower than {} ({})",
            money(app, saved),
            reference.strategy,
            lowest.strategy
        ));
    } else {
        parts.push(format!(
            "no strategy pays less tax than {}",
            reference.strategy
        ));
    }
    Some(super::format::label(app, &parts.join("; ")))
}
