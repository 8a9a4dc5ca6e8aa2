//! One line on what a strategy did in a year and why, from the ledger row and the strategy's
//! note: "drew $38,200 from tax-deferred to fill the 12% bracket; rest from taxable".

use crate::engine::{YearRow, guardrail_moved};
use crate::money::{format_dollars, format_rate};
use crate::strategy::{Limit, Note};
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;

fn dollars_f(x: f64) -> String {
    format_dollars(Decimal::from_f64(x).unwrap_or_default())
}

fn rate_f(x: f64) -> String {
    format_rate(Decimal::from_f64((x * 10000.0).round() / 10000.0).unwrap_or_default())
}

/// The other sources that funded the year, in the order of their size.
fn rest(row: &YearRow<Decimal>, skip_deferred: bool) -> String {
    let mut parts: Vec<(Decimal, &str)> = vec![
        (row.cash_draw, "cash"),
        (row.taxable_sale, "taxable"),
        // The inherited Roth's required payout is told apart.
        (row.elective_roth(), "Roth"),
    ];
    if !skip_deferred {
        parts.push((row.deferred_draw, "tax-deferred"));
    }
    // A draw of cents (the last of an account, a solve's rounding) would read "$0 from cash".
    parts.retain(|(v, _)| *v >= Decimal::new(5, 1));
    parts.sort_by_key(|p| std::cmp::Reverse(p.0));
    parts
        .iter()
        .map(|(v, name)| format!("{} from {name}", format_dollars(*v)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn bracket_name(rate: f64) -> String {
    if rate <= 0.0 {
        "0% (deductions)".to_string()
    } else {
        rate_f(rate)
    }
}

/// The year's draws stopped at the Marketplace credit's line: its strategy watches the line and
/// MAGI ended just below it.
fn aca_stop(row: &YearRow<Decimal>) -> bool {
    let aware = match row.note {
        Note::Convert { limit, .. } => limit == Limit::Aca,
        _ => true,
    };
    aware && super::why::near_aca_line(row)
}

/// A one-line account of the year.
pub fn explain(row: &YearRow<Decimal>) -> String {
    let mut s = String::new();
    match row.guardrail {
        guardrail_moved::CUT => s.push_str("guardrail: spending cut; "),
        guardrail_moved::FROZEN_AND_CUT => {
            s.push_str("guardrail: no raise for inflation after a losing year, and spending cut; ")
        }
        guardrail_moved::RAISED => s.push_str("guardrail: spending raised; "),
        guardrail_moved::FROZEN => {
            s.push_str("guardrail: no raise for inflation after a losing year; ")
        }
        _ => {}
    }
    if row.windfall > Decimal::ZERO {
        s.push_str(&format!(
            "received a windfall of {}",
            format_dollars(row.windfall)
        ));
        if row.windfall_gain > Decimal::ZERO {
            s.push_str(&format!(
                " ({} of it taxed as a long-term gain)",
                format_dollars(row.windfall_gain)
            ));
        }
        s.push_str("; ");
    }
    if row.qcd > Decimal::ZERO {
        s.push_str(&format!(
            "gave {} to charity straight from IRAs (QCD, not income); ",
            format_dollars(row.qcd)
        ));
    }
    if row.deferrals > Decimal::ZERO {
        s.push_str(&format!(
            "deferred {} of wages to 401(k)s; ",
            format_dollars(row.deferrals)
        ));
    }
    if row.roth_payout > Decimal::ZERO {
        s.push_str(&format!(
            "inherited Roth paid out {} (required, tax-free); ",
            format_dollars(row.roth_payout)
        ));
    }
    if row.rmd > Decimal::ZERO {
        s.push_str(&format!("RMD {}; ", format_dollars(row.rmd)));
    }
    let drawn = row.cash_draw + row.taxable_sale + row.deferred_draw + row.elective_roth();
    // The draw's own sentence named the Marketplace line: the clause after it would repeat it.
    let mut named_the_line = false;
    match row.note {
        Note::FillTo { bracket_rate, .. } | Note::Convert { bracket_rate, .. }
            if row.deferred_draw > Decimal::ZERO =>
        {
            // Said as what happened: a draw that stopped below the bracket aimed at (at the
            // Marketplace credit's line, though its income may have reached into the bracket,
            // or with the need met) did not fill it, and the row's bracket column shows where it
            // ended.
            let aimed = Decimal::from_f64(bracket_rate).unwrap_or_default();
            let at_line = aca_stop(row);
            let reached = row.tax.bracket_rate.round_dp(4) >= aimed.round_dp(4) && !at_line;
            let converted = row.conversion > Decimal::ZERO;
            let how = if reached {
                format!("to fill the {} bracket", bracket_name(bracket_rate))
            } else if at_line && !converted {
                named_the_line = true;
                format!(
                    "up to the Marketplace credit's 400% line, short of the {} bracket's top",
                    bracket_name(bracket_rate)
                )
            } else {
                format!(
                    "within the {} bracket's room (income stayed in the {} bracket)",
                    bracket_name(bracket_rate),
                    bracket_name(crate::num::Num::to_f64(row.tax.bracket_rate))
                )
            };
            s.push_str(&format!(
                "drew {} from tax-deferred {how}",
                format_dollars(row.deferred_draw),
            ));
            let others = rest(row, true);
            if !others.is_empty() {
                s.push_str("; rest: ");
                s.push_str(&others);
            }
        }
        Note::HeirAware {
            heirs_rate, room, ..
        } => {
            if row.deferred_draw > Decimal::ZERO && room > 0.0 {
                s.push_str(&format!(
                    "drew {} from tax-deferred while the marginal rate stayed at or below the heirs' {}",
                    format_dollars(row.deferred_draw),
                    rate_f(heirs_rate)
                ));
                let others = rest(row, true);
                if !others.is_empty() {
                    s.push_str("; rest: ");
                    s.push_str(&others);
                }
            } else if drawn > Decimal::ZERO {
                s.push_str(&format!(
                    "heirs' rate {} is below this year's: kept tax-deferred money for them; {}",
                    rate_f(heirs_rate),
                    rest(row, false)
                ));
            }
        }
        Note::ZeroGains {
            ceiling, harvest, ..
        } => {
            if drawn > Decimal::ZERO {
                s.push_str(&rest(row, false));
            }
            if row.taxable_sale > Decimal::ZERO || harvest > 0.0 {
                s.push_str(&format!(
                    "; taxable income kept under the 0% gain ceiling ({})",
                    dollars_f(ceiling)
                ));
            }
        }
        Note::Scheduled { listed, planned } => {
            if drawn > Decimal::ZERO {
                s.push_str(&rest(row, false));
            }
            let beyond = drawn - Decimal::from_f64(planned).unwrap_or_default();
            if !listed {
                s.push_str("; the schedule does not list this year: the need came from the fallback order (cash, taxable, tax-deferred, Roth)");
            } else if beyond >= Decimal::ONE {
                s.push_str(&format!(
                    "; {} of it beyond the schedule's draws, from the fallback order (cash, taxable, tax-deferred, Roth)",
                    format_dollars(beyond)
                ));
            }
        }
        _ => {
            if drawn > Decimal::ZERO {
                s.push_str(&rest(row, false));
            }
        }
    }
    if matches!(row.note, Note::FillTo { .. } | Note::ZeroGains { .. })
        && super::why::near_aca_line(row)
        && !named_the_line
    {
        s.push_str("; MAGI kept below the Marketplace credit's 400% line");
    }
    if row.conversion > Decimal::ZERO {
        let why = match row.note {
            Note::Convert { limit, .. } => match limit {
                Limit::Bracket => " up to the bracket top",
                Limit::YearlyCap => " (the yearly cap)",
                Limit::Irmaa => ", stopping below the next IRMAA tier",
                Limit::Aca => ", stopping below the 400% line of the Marketplace credit",
                Limit::Balance => " (all that was left)",
                _ => "",
            },
            _ => "",
        };
        s.push_str(&format!(
            "; converted {} to Roth{why}",
            format_dollars(row.conversion)
        ));
    }
    if row.harvested_gain > Decimal::ZERO {
        s.push_str(&format!(
            "; harvested {} of gains tax-free",
            format_dollars(row.harvested_gain)
        ));
    }
    if row.dividends_reinvested >= Decimal::ONE {
        s.push_str(&format!(
            "; dividends of {} reinvested (taxed, not spent)",
            format_dollars(row.dividends_reinvested)
        ));
    }
    if row.reinvested >= Decimal::ONE {
        // A draw made whatever the need leaves its rest in a taxable account.
        let beyond = row.fixed_deferred > Decimal::ZERO;
        s.push_str(&format!(
            "; reinvested {} {}",
            format_dollars(row.reinvested),
            if beyond {
                "in taxable (drawn beyond the need)"
            } else {
                "left over"
            }
        ));
    }
    if row.shortfall > Decimal::ZERO {
        s.push_str(&format!(
            "; SHORT {} of the need",
            format_dollars(row.shortfall)
        ));
    }
    // Each part says where it joins ("; "); a year with nothing drawn leaves two joins together.
    let s = s
        .split("; ")
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("; ");
    if s.is_empty() {
        "income covered the need".to_string()
    } else {
        s
    }
}
