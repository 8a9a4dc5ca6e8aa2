//! The form pane's rows as shown: label, value (rounded and names hidden in privacy mode), a
//! note on what the value means for this plan, and the help line of the selected field.

use crate::money::format_thousands;
use crate::tui::app::App;
use crate::tui::form::{self, Kind, Names, Row, Value, groups};

#[derive(Debug, Clone, PartialEq)]
pub enum FormRow {
    Section(String),
    Field {
        label: String,
        value: String,
        /// What the value means here ("age 65 in 2026", "Dana's age").
        note: Option<String>,
        /// Stepped with Enter or ←/→ rather than typed.
        stepped: bool,
        /// The help line, for the selected field only.
        help: Option<String>,
        /// The scenario being edited overrides this field (or the list holding it).
        overridden: bool,
    },
    Add(String),
}

pub fn form_rows(app: &App) -> Vec<FormRow> {
    let names = app.names();
    let selected = app.selected_row();
    let overridden = app.overridden();
    let is_overridden = |path: &str| {
        overridden.iter().any(|k| {
            path == k
                || path
                    .strip_prefix(k.as_str())
                    .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
        })
    };
    app.rows_of(app.pane)
        .into_iter()
        .enumerate()
        .map(|(i, row)| match row {
            Row::Section(title) => FormRow::Section(super::format::label(app, &title)),
            Row::Add(a) => FormRow::Add(a.label().to_string()),
            Row::Field(f) => {
                let spec = f.spec();
                FormRow::Field {
                    label: spec.label.to_string(),
                    value: shown_value(app, f),
                    note: spec.note.and_then(|n| n(&app.plan, f.loc, &names)),
                    stepped: spec.kind.is_stepped(),
                    help: (i == selected).then(|| form::help(f, &app.plan)),
                    overridden: !overridden.is_empty() && is_overridden(&spec.path_at(f.loc)),
                }
            }
        })
        .collect()
}

/// A field's value as shown: amounts rounded and typed names hidden in privacy mode.
fn shown_value(app: &App, f: form::FieldRef) -> String {
    let spec = f.spec();
    if app.privacy {
        if spec.private {
            return match form::value(f, &app.plan) {
                Some(Value::Text(_)) if spec.kind == Kind::Choice => {
                    let i = match spec.access {
                        form::spec::Access::Choice { get, .. } => get(&app.plan, f.loc),
                        _ => None,
                    };
                    app.names().person(&app.plan, i.unwrap_or(0))
                }
                _ => {
                    let noun = groups::spec(spec.group)
                        .list
                        .as_ref()
                        .map_or("Plan", |l| l.noun);
                    let mut c = noun.chars();
                    let noun: String = c
                        .next()
                        .map(|x| x.to_uppercase().chain(c).collect())
                        .unwrap_or_default();
                    if groups::spec(spec.group).list.is_some() {
                        format!("{noun} {}", f.loc.0 + 1)
                    } else {
                        noun
                    }
                }
            };
        }
        if matches!(spec.kind, Kind::Money | Kind::MaybeMoney)
            && let Some(Value::Decimal(d) | Value::MaybeDecimal(Some(d))) =
                form::value(f, &app.plan)
        {
            return format_thousands(d);
        }
        // Text the user typed (a strategy's label, a one-off's) keeps its words, not names.
        return super::format::label(app, &form::text(f, &app.plan));
    }
    form::text(f, &app.plan)
}
