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
