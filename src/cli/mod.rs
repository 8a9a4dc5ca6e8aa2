//! Subcommands of the `drawdown` binary. Binary-only: they parse arguments and print what the
//! library computes.

pub mod handout;
pub mod report;
pub mod schedule;
pub mod study;
pub mod tax;

/// The household a `--scenario NAME` flag asks for, and the scenario's name as the plan spells
/// it; the base household without the flag.
pub fn scenario_plan(
    file: &drawdown::plan::Plan,
    name: Option<&str>,
) -> anyhow::Result<(drawdown::plan::Plan, Option<String>)> {
    let Some(name) = name else {
        return Ok((file.base(), None));
    };
    let Some(i) = file.scenario_index(name) else {
        let known: Vec<String> = file
            .scenarios
            .iter()
            .map(|s| format!("\"{}\"", s.name))
            .collect();
        anyhow::bail!(
            "--scenario: the plan has no scenario \"{name}\" ({})",
            if known.is_empty() {
                "it has no scenarios".to_string()
            } else {
                format!("it has {}", known.join(", "))
            }
        );
    };
    Ok((file.with_scenario(i)?, Some(file.scenarios[i].name.clone())))
}

/// Refuses an output file whose folder does not exist, naming the flag: a mistyped folder is
/// more likely than one the user wants made, so no command creates it.
pub fn output_folder_exists(flag: &str, path: &std::path::Path) -> anyhow::Result<()> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => return Ok(()),
    };
    if !folder.is_dir() {
        anyhow::bail!(
            "{flag}: {}: the folder {} does not exist",
            path.display(),
            folder.display()
        );
    }
    Ok(())
}
