//! The claiming-age table: rows the first person's claiming age, columns the second's, each cell
//! the best strategy's figure on the chosen measure; the best cell marked, the plan's own
//! claiming ages in brackets.

use super::table::{Cell, Format, Table};
use crate::claiming::{ClaimCell, ClaimingGrid, Measure};
use crate::money::format_dollars;
use crate::plan::Plan;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::{Value, json};

/// A cell's figure as text and as a number.
pub fn measure_cell(m: Measure, v: Decimal) -> Cell {
    match m {
        Measure::MoneyLasts => Cell::number(
            format!("{:.1}%", (v * Decimal::ONE_HUNDRED).to_f64().unwrap_or(0.0)),
            v.round_dp(4).to_f64().unwrap_or(0.0),
        ),
        _ => {
            let whole = v.round_dp(0);
            Cell::number(format_dollars(whole), whole.to_f64().unwrap_or(0.0))
        }
    }
}

fn name(plan: &Plan, i: usize) -> String {
    match plan.people.get(i) {
        Some(p) if !p.name.trim().is_empty() => p.name.clone(),
        _ => format!("Person {}", i + 1),
    }
}

/// The grid on `m` as a table.
pub fn claiming_table(plan: &Plan, grid: &ClaimingGrid, m: Measure) -> Table {
    let couple = !grid.cols.is_empty();
    let first = name(plan, 0);
    let mut headers = vec![if couple {
        format!("{first} \\ {}", name(plan, 1))
    } else {
        format!("{first} claims at")
    }];
    if couple {
        headers.extend(grid.cols.iter().map(|a| a.to_string()));
    } else {
        headers.push(m.key().to_string());
    }
    let best = grid.best(m);
    let mut rows = Vec::new();
    for (r, age) in grid.rows.iter().enumerate() {
        let mut row = vec![Cell::text(age.to_string())];
        for c in 0..grid.width() {
            let mut cell = match grid.cell(r, c).and_then(|x| x.best(m)) {
                Some(s) => measure_cell(m, s.value(m)),
                None => Cell::text("…"),
            };
            // Marked in the text: the table's own best mark means the best of a row.
            if grid.current == Some((r, c)) {
                cell.text = format!("[{}]", cell.text);
            }
            if best == Some((r, c)) {
                cell.text.push_str(" *");
            }
            row.push(cell);
        }
        rows.push(row);
    }
    let expectancy: Vec<String> = grid
        .life_expectancy
        .iter()
        .enumerate()
        .map(|(i, e)| format!("{} to {}", name(plan, i), e.round_dp(1)))
        .collect();
    Table {
        title: format!("Claiming ages compared: {}", m.label()),
        note: format!(
            "Rows: {first}'s claiming age{}. Each cell: the best of the plan's strategies, \
             today's dollars; * the best cell, [ ] the plan's own ages. Life expectancy (SSA \
             period table): {}.",
            if couple {
                format!("; columns: {}'s", name(plan, 1))
            } else {
                String::new()
            },
            expectancy.join(", ")
        ),
        headers,
        rows,
    }
}

/// The best cell and the plan's own, side by side: every measure, the strategy, and the tax a
/// year before and after the first death (the widow's penalty).
pub fn claiming_summary(plan: &Plan, grid: &ClaimingGrid, m: Measure) -> Table {
    let mut picked: Vec<(String, &ClaimCell)> = Vec::new();
    if let Some((r, c)) = grid.best(m)
        && let Some(cell) = grid.cell(r, c)
    {
        picked.push(("Best".into(), cell));
    }
    if let Some((r, c)) = grid.current
        && let Some(cell) = grid.cell(r, c)
    {
        picked.push(("Plan's own".into(), cell));
    }
    let mut headers = vec![String::new()];
    headers.extend(picked.iter().map(|(l, _)| l.clone()));
    let ages = |cell: &ClaimCell| {
        cell.ages
            .iter()
            .enumerate()
            .filter_map(|(i, a)| a.map(|a| format!("{} {a}", name(plan, i))))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let money = |d: Option<Decimal>| match d {
        Some(d) => measure_cell(Measure::Estate, d),
        None => Cell::text("—"),
    };
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut push = |label: &str, f: &dyn Fn(&ClaimCell) -> Cell| {
        let mut row = vec![Cell::text(label)];
        row.extend(picked.iter().map(|(_, c)| f(c)));
        rows.push(row);
    };
    push("Claiming ages", &|c| Cell::text(ages(c)));
    push("Strategy", &|c| {
        Cell::text(c.best(m).map_or(String::new(), |s| s.strategy.clone()))
    });
    for measure in Measure::ALL {
        if measure == Measure::Capacity && !grid.capacity {
            continue;
        }
        push(measure.label(), &|c| match c.best(m) {
            // A strategy whose capacity was not searched cannot beat the cell's best.
            Some(s) if measure == Measure::Capacity && s.spending_capacity.is_none() => {
                match c.best(measure).and_then(|b| b.spending_capacity) {
                    Some(b) => Cell::text(format!("≤ {}", format_dollars(b.round_dp(0)))),
                    None => Cell::text("—"),
                }
            }
            Some(s) => measure_cell(measure, s.value(measure)),
            None => Cell::text("—"),
        });
    }
    push("Expected Social Security received", &|c| {
        money(c.best(m).map(|s| s.expected_benefits_real))
    });
    push("Tax a year while both live", &|c| {
        money(c.best(m).and_then(|s| s.tax_a_year_both))
    });
    push("Tax a year after the first death", &|c| {
        money(c.best(m).and_then(|s| s.tax_a_year_survivor))
    });
    Table {
        title: String::new(),
        note: String::new(),
        headers,
        rows,
    }
}

/// The header of the column holding cell `at` when it lies in row `r`: how the machine formats
/// say which cell the text marks `*` (the best) or `[ ]` (the plan's own ages).
fn marked(table: &Table, at: Option<(usize, usize)>, r: usize) -> String {
    match at {
        Some((row, c)) if row == r => table.headers.get(c + 1).cloned().unwrap_or_default(),
        _ => String::new(),
    }
}

/// The grid as one CSV table: the grid's columns, then `best` and `plan's own`, each naming in
/// its cell's row the column that holds it (the second person's claiming age; for one person the
/// measure's column), empty in every other row. The text's `*` and `[ ]` are not in the figures.
pub fn claiming_csv(plan: &Plan, grid: &ClaimingGrid, m: Measure) -> String {
    let mut table = claiming_table(plan, grid, m);
    let (best, own) = (grid.best(m), grid.current);
    let marks: Vec<[Cell; 2]> = (0..table.rows.len())
        .map(|r| [best, own].map(|at| Cell::text(marked(&table, at, r))))
        .collect();
    for (row, marks) in table.rows.iter_mut().zip(marks) {
        row.extend(marks);
    }
    table
        .headers
        .extend(["best".to_string(), "plan's own".to_string()]);
    table.render(Format::Csv)
}

/// The grid as one JSON document: the table's `title`, `note` and `rows`; `best_cell` and
/// `plans_own_cell` (each `{"row", "column"}` as the headers name them, or null); and `summary`,
/// the rows of the table the text prints below the grid (the best cell and the plan's own side by
/// side).
pub fn claiming_json(plan: &Plan, grid: &ClaimingGrid, m: Measure) -> String {
    let table = claiming_table(plan, grid, m);
    let cell = |at: Option<(usize, usize)>| match at {
        Some((r, c)) => json!({
            "row": table.rows.get(r).and_then(|row| row.first()).map(|x| x.text.clone()),
            "column": table.headers.get(c + 1),
        }),
        None => Value::Null,
    };
    let mut doc = table.json_value();
    let summary = claiming_summary(plan, grid, m).json_value();
    if let Value::Object(top) = &mut doc {
        top.insert("best_cell".into(), cell(grid.best(m)));
        top.insert("plans_own_cell".into(), cell(grid.current));
        top.insert("summary".into(), summary["rows"].clone());
    }
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}
