//! The planner under random input: keys, clicks and the wheel in any order, on any screen size,
//! with the background work collected as it finishes. Whatever arrives, nothing panics and every
//! frame renders. The sequences are seeded, so a failure names the seed and the step that
//! broke; `MONKEY_SEEDS` and `MONKEY_STEPS` run more of them.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use drawdown::plan::{Plan, demo_plan, load_plan};
use drawdown::tui::{App, Places, Runner, view};
use rand::rngs::Xoshiro256PlusPlus;
use rand::{Rng, RngExt, SeedableRng};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Keys a user may press, weighted towards the ones that move, edit and type amounts.
fn key(rng: &mut impl Rng) -> KeyEvent {
    const TYPED: &[u8] = b"0123456789.,-%kmKM$ abcdefghijklmnopqrstuvwxyzADGHNOPRSUZ?[]{}<>+=/_";
    const SPECIAL: &[KeyCode] = &[
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
    ];
    match rng.random_range(0..10) {
        0..=4 => {
            let c = TYPED[rng.random_range(0..TYPED.len())] as char;
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
        }
        5..=8 => KeyEvent::new(
            SPECIAL[rng.random_range(0..SPECIAL.len())],
            KeyModifiers::NONE,
        ),
        _ => {
            let c = b"cdosuyzrn"[rng.random_range(0..9)] as char;
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
        }
    }
}

/// While a field is edited: its text cleared and a value typed that is out of range, absurdly
/// large or small, or odd in form, then Enter.
fn typed_value(rng: &mut impl Rng) -> Vec<Event> {
    const VALUES: &[&str] = &[
        "99999999999999999999999999999",
        "79228162514264337593543950335",
        "1e30",
        "-1",
        "-0",
        "0",
        "0.0000000000000000000000001",
        "1.25m",
        "100000000000",
        "250%",
        "-250%",
        "1,2,3",
        "999",
        "2200",
        "1800",
        "   ",
        "NaN",
        "inf",
    ];
    let plain = |code| Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    let mut out: Vec<Event> = (0..40).map(|_| plain(KeyCode::Backspace)).collect();
    out.extend(
        VALUES[rng.random_range(0..VALUES.len())]
            .chars()
            .map(|c| plain(KeyCode::Char(c))),
    );
    out.push(plain(KeyCode::Enter));
    out
}

fn event(rng: &mut impl Rng, (width, height): (u16, u16)) -> Event {
    if rng.random_range(0..8) > 0 {
        return Event::Key(key(rng));
    }
    let kind = match rng.random_range(0..3) {
        0 => MouseEventKind::ScrollUp,
        1 => MouseEventKind::ScrollDown,
        _ => MouseEventKind::Down(MouseButton::Left),
    };
    Event::Mouse(MouseEvent {
        kind,
        column: rng.random_range(0..width),
        row: rng.random_range(0..height),
        modifiers: KeyModifiers::NONE,
    })
}

/// A screen size: mostly usable ones, sometimes too small to use.
fn size(rng: &mut impl Rng) -> (u16, u16) {
    if rng.random_range(0..6) == 0 {
        (rng.random_range(1..60), rng.random_range(1..20))
    } else {
        (rng.random_range(80..200), rng.random_range(24..60))
    }
}

fn draw(app: &App, (width, height): (u16, u16)) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal.draw(|f| view::draw(app, f)).expect("a frame");
}

/// An example plan, wherever the test runs from (it moves to a temporary folder).
fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("saves")
        .join(name)
}

fn env_count(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// One seeded sequence: bursts of one to five events (as keys arrive together), a frame after
/// each at the current size, the background work collected, and a new size now and then.
fn run(start: &Plan, seed: u64, steps: u64) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    // Plans the file window lists beside the built-in examples: one that is not RON, one with
    // an amount past the planner's limits, one cut off half-way.
    let saves = dir.path().join("saves");
    std::fs::create_dir_all(&saves).expect("a saves folder");
    let g = std::fs::read_to_string(example("G.ron")).expect("saves/G.ron");
    for (name, text) in [
        (
            "broken.ron",
            "(version: 1, people: [ this is not a plan".to_string(),
        ),
        ("huge.ron", g.replace("balance: 800000", "balance: 1e30")),
        ("cut.ron", g[..g.len() / 2].to_string()),
    ] {
        std::fs::write(saves.join(name), text).expect("a test plan");
    }
    // A file name typed into Save As is a path from the working folder, as in a shell: the
    // random ones land here, not in the project.
    std::env::set_current_dir(dir.path()).expect("the temporary directory as working folder");
    // Each start of the planner keeps its own recovery file.
    let places = |instance: String| Places {
        data_dir: Some(dir.path().join("data")),
        saves_dir: Some(saves.clone()),
        instance,
    };
    let (mut app, mut runner) =
        Runner::with_plan(start.clone(), None, places(format!("monkey-{seed}")));
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut screen = (160, 48);
    for step in 0..steps {
        if rng.random_range(0..25) == 0 {
            screen = size(&mut rng);
        }
        let burst: Vec<Event> = if app.edit.is_some() && rng.random_range(0..2) == 0 {
            typed_value(&mut rng)
        } else {
            (0..rng.random_range(1..=5))
                .map(|_| event(&mut rng, screen))
                .collect()
        };
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            runner.handle_events(&mut app, &burst);
            runner.tick(&mut app);
            draw(&app, screen);
        }));
        assert!(
            caught.is_ok() && PANICS.load(Ordering::SeqCst) == 0,
            "seed {seed}, step {step}: the planner panicked on {burst:?} at {screen:?}"
        );
        if app.quit {
            // The user left (after answering any question about unsaved changes): start again
            // on the same plan, as they would.
            let plan = app.plan.clone();
            (app, runner) = Runner::with_plan(plan, None, places(format!("monkey-{seed}-{step}")));
        }
    }
    // The background work the last steps started (a search, a simulation) ends without a panic.
    let start = std::time::Instant::now();
    while runner.busy() && start.elapsed() < std::time::Duration::from_secs(60) {
        runner.tick(&mut app);
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert_eq!(
        PANICS.load(Ordering::SeqCst),
        0,
        "seed {seed}: a background job panicked"
    );
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).expect("back to the project");
}

/// Panics on any thread, the background workers' included (their panic may never reach the
/// step that started them).
static PANICS: AtomicUsize = AtomicUsize::new(0);

#[test]
fn random_keys_clicks_and_sizes_never_panic() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICS.fetch_add(1, Ordering::SeqCst);
        report(info);
    }));
    let seeds = env_count("MONKEY_SEEDS", 3);
    let steps = env_count("MONKEY_STEPS", 150);
    // The demo (a couple on Medicare, with scenarios), and households with what it lacks: the
    // Marketplace before Medicare (G), a spousal and a survivor benefit (F).
    let plans = [
        demo_plan(),
        load_plan(&example("G.ron")).expect("saves/G.ron loads"),
        load_plan(&example("F.ron")).expect("saves/F.ron loads"),
    ];
    for seed in 0..seeds {
        run(&plans[seed as usize % plans.len()], seed, steps);
    }
}
