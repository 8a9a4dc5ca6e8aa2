//! The domain knows nothing of the terminal: plan, tax, engine, strategy, simulation and
//! optimisation code must not mention ratatui or crossterm (nor do file or terminal I/O beyond
//! what plan loading needs).

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn domain_layers_do_not_touch_the_terminal() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut checked = 0;
    for layer in [
        "plan", "tax", "engine", "strategy", "sim", "optimize", "report",
    ] {
        let mut files = Vec::new();
        rust_files(&src.join(layer), &mut files);
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for forbidden in ["ratatui", "crossterm"] {
                assert!(
                    !text.contains(forbidden),
                    "{} mentions {forbidden}",
                    file.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} files found");
}

#[test]
fn the_engine_does_no_io() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for layer in ["tax", "engine", "strategy"] {
        let mut files = Vec::new();
        rust_files(&src.join(layer), &mut files);
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            let allowed = file.ends_with("tables.rs"); // reads the optional law override folder
            for io in ["std::fs", "println!", "stdout()"] {
                assert!(
                    allowed || !text.contains(io),
                    "{} does I/O ({io})",
                    file.display()
                );
            }
        }
    }
}

/// The code of a file without its comments (a doc comment may name a layer above).
fn code_of(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The strategy stack, bottom to top: the engine owns the interface (`Strategy`, `Decision`,
/// `Funding`), the policies implement it, the search runs over both, and the plan's comparison
/// of all its strategies sits above the three. No layer names one above it.
#[test]
fn the_strategy_stack_has_no_upward_import() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let stack = ["engine", "strategy", "optimize", "compare"];
    let mut checked = 0;
    for (level, layer) in stack.iter().enumerate() {
        let mut files = Vec::new();
        rust_files(&src.join(layer), &mut files);
        let single = src.join(format!("{layer}.rs"));
        if single.exists() {
            files.push(single);
        }
        for file in files {
            let code = code_of(&std::fs::read_to_string(&file).unwrap());
            for above in &stack[level + 1..] {
                for path in [format!("crate::{above}"), format!("drawdown::{above}")] {
                    assert!(
                        !code.contains(&path),
                        "{} ({layer}) imports {above}, a layer above it",
                        file.display()
                    );
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 25, "only {checked} files found");
}

#[test]
fn the_layer_check_sees_an_upward_import() {
    // The check reads code, not comments: a comment naming a layer above passes, a path fails.
    assert!(!code_of("// see crate::optimize\nlet x = 1;").contains("crate::optimize"));
    assert!(code_of("use crate::optimize::Schedule; // the search").contains("crate::optimize"));
}
