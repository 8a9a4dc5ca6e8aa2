//! The comparison's extra row for optimized strategies: by how much each beats the best named
//! strategy on its objective.

use super::table::Cell;
use crate::compare::Comparison;
use crate::optimize::Optimized;

/// "Optimized wins by": the margin under each optimized column, blank under the others; `None`
/// when no optimized column is shown.
pub fn wins_row(c: &Comparison, found: &[Optimized]) -> Option<Vec<Cell>> {
    let mut any = false;
    let mut row = vec![Cell::text("Optimized wins by")];
    for spec in &c.specs {
        let text = Optimized::answer_for(found, spec).map(Optimized::wins_by);
        any |= text.is_some();
        row.push(Cell::text(text.unwrap_or_default()));
    }
    any.then_some(row)
}
