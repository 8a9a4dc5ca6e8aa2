//! Headless renderings of results: text tables, CSV, Markdown and JSON.

pub mod tax_csv;
