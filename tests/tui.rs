//! The planner without a terminal: key scripts drive the app, ratatui's TestBackend renders it,
//! and snapshots pin the main screens at 80x24 and 160x48.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
use drawdown::plan::{Account, demo_plan, load_plan};
use drawdown::tui::app::Overlay;
use drawdown::tui::{App, Places, input, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::path::Path;
use std::time::Duration;

fn places(dir: Option<&Path>) -> Places {
    Places {
        data_dir: dir.map(Path::to_path_buf),
        saves_dir: None,
    }
}

fn app() -> App {
    App::new(demo_plan(), None, places(None))
}

/// Feeds a key script: plain characters type themselves; `<Tab>`, `<Enter>`, `<Esc>`, `<Up>`,
/// `<Down>`, `<Left>`, `<Right>`, `<BS>`, `<BackTab>` and `<C-x>` name keys.
fn keys(app: &mut App, script: &str) {
    let mut chars = script.chars().peekable();
    while let Some(c) = chars.next() {
        let event = if c == '<' && chars.peek().is_some_and(|n| n.is_ascii_alphabetic()) {
            let name: String = chars.by_ref().take_while(|c| *c != '>').collect();
            let (code, mods) = match name.as_str() {
                "Tab" => (KeyCode::Tab, KeyModifiers::NONE),
                "BackTab" => (KeyCode::BackTab, KeyModifiers::SHIFT),
                "Enter" => (KeyCode::Enter, KeyModifiers::NONE),
                "Esc" => (KeyCode::Esc, KeyModifiers::NONE),
                "Up" => (KeyCode::Up, KeyModifiers::NONE),
                "Down" => (KeyCode::Down, KeyModifiers::NONE),
                "Left" => (KeyCode::Left, KeyModifiers::NONE),
                "Right" => (KeyCode::Right, KeyModifiers::NONE),
                "BS" => (KeyCode::Backspace, KeyModifiers::NONE),
                other if other.starts_with("C-") => (
                    KeyCode::Char(other.chars().nth(2).expect("ctrl key")),
                    KeyModifiers::CONTROL,
                ),
                other => panic!("unknown key <{other}>"),
            };
            KeyEvent::new(code, mods)
        } else {
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
        };
        input::handle(app, &Event::Key(event));
    }
}

fn render(app: &mut App, width: u16, height: u16) -> String {
    // The recompute time varies from run to run; pin it for stable screens.
    app.last_recompute = Duration::from_micros(800);
    app.status = None;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| view::draw(app, f)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..height {
        for x in 0..width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn balance(app: &App, i: usize) -> Decimal {
    app.plan.accounts[i].balance()
}

fn estate(app: &App) -> Decimal {
    app.comparison.as_ref().unwrap().outcomes[0].estate
}

#[test]
fn typing_a_balance_reruns_every_strategy_and_undo_brings_it_back() {
    let mut app = app();
    let before = estate(&app);
    // Accounts pane, first account: Name, then Balance.
    keys(&mut app, "<Tab><Down>900k");
    assert!(app.edit.is_some());
    assert_eq!(
        balance(&app, 0),
        dec!(900000),
        "the engine already runs on the typed value"
    );
    assert!(estate(&app) > before);
    keys(&mut app, "<Enter>");
    assert!(app.edit.is_none() && app.dirty);
    keys(&mut app, "u");
    assert_eq!(balance(&app, 0), dec!(500000));
    assert_eq!(estate(&app), before);
    keys(&mut app, "<C-r>");
    assert_eq!(balance(&app, 0), dec!(900000));
}

#[test]
fn an_invalid_value_shows_why_and_the_engine_keeps_the_last_valid_plan() {
    let mut app = app();
    keys(
        &mut app,
        "<Tab><Down><Enter><BS><BS><BS><BS><BS><BS><BS><BS>-5",
    );
    let edit = app.edit.as_ref().unwrap();
    assert_eq!(edit.error.as_deref(), Some("-$5 is negative"));
    // The engine runs on the last value that could be used: "5", typed before the minus.
    assert_eq!(balance(&app, 0), dec!(5));
    let screen = render(&mut app, 160, 48);
    assert!(screen.contains("✗ -$5 is negative"), "{screen}");
    keys(&mut app, "<Enter>");
    assert!(app.edit.is_some(), "Enter does not keep an invalid value");
    keys(&mut app, "<Esc>");
    assert!(app.edit.is_none());
    assert_eq!(
        balance(&app, 0),
        dec!(500000),
        "Esc restores the plan before the edit"
    );
    assert!(!app.dirty);
}

#[test]
fn money_typed_in_every_form_is_understood() {
    for (typed, want) in [
        ("1,250,000", dec!(1250000)),
        ("1.25m", dec!(1250000)),
        ("65k", dec!(65000)),
    ] {
        let mut app = app();
        keys(&mut app, &format!("<Tab><Down>{typed}<Enter>"));
        assert_eq!(balance(&app, 0), want, "{typed}");
    }
}

#[test]
fn choices_step_and_accounts_come_and_go() {
    let mut app = app();
    let filing = app.plan.filing;
    // People pane: Plan name, Person 1 (3 fields), Person 2 (3 fields), Filing status.
    keys(
        &mut app,
        "<Down><Down><Down><Down><Down><Down><Down><Enter>",
    );
    assert_ne!(app.plan.filing, filing);
    let n = app.plan.accounts.len();
    keys(&mut app, "<Tab>d");
    assert_eq!(app.plan.accounts.len(), n - 1);
    keys(&mut app, "u");
    assert_eq!(app.plan.accounts.len(), n);
}

#[test]
fn save_as_writes_the_plan_and_it_reloads_identical() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(demo_plan(), None, places(Some(dir.path())));
    keys(&mut app, "<Tab><Down>750k<Enter>");
    let path = dir.path().join("mine.ron");
    keys(&mut app, "S");
    // Replace the suggested name.
    for _ in 0..200 {
        keys(&mut app, "<BS>");
    }
    keys(&mut app, &format!("{}<Enter>", path.display()));
    assert!(!app.dirty, "{:?}", app.overlay);
    let loaded = load_plan(&path).unwrap();
    assert_eq!(loaded, app.plan);
    assert_eq!(loaded.accounts[0].balance(), dec!(750000));
    // Ctrl-S saves again to the same file, keeping a backup.
    // The cursor is still on the balance: typing replaces it.
    keys(&mut app, "1m<Enter><C-s>");
    assert!(!app.dirty);
    assert_eq!(
        load_plan(&path).unwrap().accounts[0].balance(),
        dec!(1000000)
    );
    assert!(dir.path().join("mine.ron.bak").exists());
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let mut app = app();
    keys(&mut app, "q");
    assert!(app.quit, "nothing to save: quits at once");
    let mut app = app_with_change();
    keys(&mut app, "q");
    assert!(matches!(app.overlay, Some(Overlay::Confirm { .. })));
    keys(&mut app, "c");
    assert!(!app.quit && app.overlay.is_none());
    keys(&mut app, "qn");
    assert!(app.quit);
}

fn app_with_change() -> App {
    let mut app = app();
    keys(&mut app, "<Tab><Down>600k<Enter>");
    app
}

#[test]
fn unsaved_edits_are_kept_and_offered_on_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(demo_plan(), None, places(Some(dir.path())));
    keys(&mut app, "<Tab><Down>123k<Enter>");
    app.autosave();
    drop(app);
    let mut next = App::open_at_start(None, places(Some(dir.path())));
    assert!(matches!(next.overlay, Some(Overlay::Recovery { .. })));
    keys(&mut next, "y");
    assert_eq!(balance(&next, 0), dec!(123000));
    assert!(next.dirty);
}

#[test]
fn a_bad_file_at_start_shows_line_and_column_and_the_app_still_starts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    std::fs::write(&path, "(\n  version: 1,\n  name: 7,\n)").unwrap();
    let mut app = App::open_at_start(Some(path.clone()), places(Some(dir.path())));
    match &app.overlay {
        Some(Overlay::Error { title, message }) => {
            assert!(title.contains("line 3"), "{title}");
            assert!(message.contains("bad.ron"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(app.plan, demo_plan());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "(\n  version: 1,\n  name: 7,\n)"
    );
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("line 3"), "{screen}");
}

#[test]
fn baseline_pin_shows_changes_against_it() {
    let mut app = app();
    keys(&mut app, "b<Tab><Down>800k<Enter>");
    let rows = drawdown::tui::viewmodel::metric_rows(&app);
    let estate = rows
        .iter()
        .find(|r| r.label.starts_with("After-tax estate at end"))
        .unwrap();
    let delta = estate.cells[0]
        .delta
        .as_ref()
        .expect("a change against the baseline");
    assert!(delta.text.starts_with('+'), "{}", delta.text);
    assert_eq!(delta.better, Some(true));
    let screen = render(&mut app, 160, 48);
    assert!(screen.contains(&delta.text), "{screen}");
}

#[test]
fn privacy_hides_names_and_rounds_amounts() {
    let mut app = app();
    let screen = render(&mut app, 160, 48);
    assert!(screen.contains("Dana"));
    keys(&mut app, "P");
    let screen = render(&mut app, 160, 48);
    assert!(
        !screen.contains("Dana") && !screen.contains("Lee"),
        "{screen}"
    );
    assert!(screen.contains("Person 1"));
}

#[test]
fn a_tiny_terminal_asks_to_be_enlarged() {
    let mut app = app();
    for (w, h) in [(79, 24), (80, 23), (20, 5), (1, 1), (0, 0)] {
        let screen = render(&mut app, w, h);
        if w >= 30 && h >= 3 {
            assert!(screen.contains("larger terminal"), "{w}x{h}: {screen}");
        }
    }
}

#[test]
fn help_lists_every_key_of_the_live_keymap() {
    let mut app = app();
    keys(&mut app, "?");
    let screen = render(&mut app, 160, 48);
    for b in drawdown::tui::keymap::bindings() {
        let start: String = b.help.chars().take(30).collect();
        assert!(screen.contains(&start), "missing: {}", b.help);
    }
}

#[test]
fn the_year_cursor_and_strategy_selection_move_the_chart() {
    let mut app = app();
    keys(&mut app, "<Right><Right><Right>]]");
    assert_eq!(app.year, 3);
    assert_eq!(app.strategy, 2);
    keys(&mut app, "i");
    assert!(matches!(app.overlay, Some(Overlay::Inspector)));
    let screen = render(&mut app, 160, 48);
    assert!(screen.contains("2029"), "{screen}");
    assert!(screen.contains("Taxable Social Security"));
}

#[test]
fn clicking_a_tab_switches_panes() {
    let mut app = app();
    render(&mut app, 160, 48);
    let (rect, _) = app.screen.borrow().tabs[2];
    input::handle(
        &mut app,
        &Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(crossterm::event::MouseButton::Left),
            column: rect.x + 1,
            row: rect.y,
            modifiers: KeyModifiers::NONE,
        }),
    );
    assert_eq!(app.pane, drawdown::tui::fields::Pane::Income);
}

#[test]
fn snapshots_of_the_main_screens() {
    let mut app = app();
    insta::assert_snapshot!("main_80x24", render(&mut app, 80, 24));
    insta::assert_snapshot!("main_160x48", render(&mut app, 160, 48));
    keys(&mut app, "c");
    insta::assert_snapshot!("comparison_80x24", render(&mut app, 80, 24));
    keys(&mut app, "c<Right><Right>i");
    insta::assert_snapshot!("inspector_80x24", render(&mut app, 80, 24));
    insta::assert_snapshot!("inspector_160x48", render(&mut app, 160, 48));
    keys(&mut app, "<Esc>?");
    insta::assert_snapshot!("help_80x24", render(&mut app, 80, 24));
    insta::assert_snapshot!("help_160x48", render(&mut app, 160, 48));
    keys(&mut app, "<Esc><C-o>");
    insta::assert_snapshot!("open_80x24", render(&mut app, 80, 24));
    insta::assert_snapshot!("open_160x48", render(&mut app, 160, 48));
    keys(&mut app, "<Esc>");
    app.overlay = Some(Overlay::Error {
        title: "Cannot open this plan (line 3, column 9)".into(),
        message: "plans/mine.ron: line 3, column 9: Expected string".into(),
    });
    insta::assert_snapshot!("error_80x24", render(&mut app, 80, 24));
    insta::assert_snapshot!("error_160x48", render(&mut app, 160, 48));
}

#[test]
fn an_account_added_from_the_form_is_charted() {
    let mut app = app();
    let rows = drawdown::tui::fields::rows(drawdown::tui::fields::Pane::Accounts, &app.plan);
    let add_cash = rows
        .iter()
        .position(|r| {
            matches!(
                r,
                drawdown::tui::fields::Row::Command(drawdown::tui::fields::Command::AddAccount(
                    drawdown::plan::AccountKind::Cash
                ))
            )
        })
        .unwrap();
    app.set_row(drawdown::tui::fields::Pane::Accounts, add_cash);
    keys(&mut app, "<Enter>");
    assert!(matches!(
        app.plan.accounts.last(),
        Some(Account::Cash { .. })
    ));
}

/// Runs the background work until `done` says so (or ten seconds pass).
fn settle(app: &mut App, done: impl Fn(&App) -> bool) {
    let start = std::time::Instant::now();
    while !done(app) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "background work did not finish"
        );
        app.tick();
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn market_risk_streams_into_the_comparison_and_the_fan_chart() {
    let mut plan = demo_plan();
    plan.strategies.retain(|s| !s.is_optimized());
    plan.assumptions.simulation.mode = drawdown::plan::PathMode::monte_carlo_default();
    plan.assumptions.simulation.paths = 300;
    let mut app = App::new(plan, None, places(None));
    settle(&mut app, |a| {
        a.background.risk.as_ref().is_some_and(|r| r.is_complete())
    });
    let rows = drawdown::tui::viewmodel::metric_rows(&app);
    let success = rows
        .iter()
        .find(|r| r.label.starts_with("Money lasts (300 paths)"))
        .expect("a success-rate row");
    assert!(success.cells.iter().all(|c| c.text.ends_with('%')));
    keys(&mut app, "r");
    let screen = render(&mut app, 160, 48);
    assert!(
        screen.contains("After-tax wealth, today's $, 300 Monte Carlo paths"),
        "{screen}"
    );
    assert!(screen.contains("money lasts in"), "{screen}");
    // A change of the plan cancels the run and starts another.
    keys(&mut app, "<Tab><Down>1m<Enter>");
    assert!(app.background.stale);
    settle(&mut app, |a| {
        !a.background.stale && a.background.risk.as_ref().is_some_and(|r| r.is_complete())
    });
}

#[test]
fn the_optimized_column_arrives_from_the_background_and_says_what_it_wins() {
    let mut app = app();
    assert!(
        app.comparison
            .as_ref()
            .unwrap()
            .pending
            .iter()
            .any(|s| s.is_optimized()),
        "the demo lists an optimized strategy, pending at first"
    );
    settle(&mut app, |a| !a.background.optimized.is_empty());
    let c = app.comparison.as_ref().unwrap();
    let i = c
        .outcomes
        .iter()
        .position(|o| o.strategy.starts_with("Optimized"))
        .expect("an Optimized column");
    let best_named = c
        .outcomes
        .iter()
        .filter(|o| !o.strategy.starts_with("Optimized"))
        .map(|o| o.estate)
        .max()
        .unwrap();
    assert!(c.outcomes[i].estate >= best_named);
    let rows = drawdown::tui::viewmodel::metric_rows(&app);
    let wins = rows
        .iter()
        .find(|r| r.label == "Optimized wins by")
        .unwrap();
    assert!(wins.cells[i].text.contains("vs"), "{:?}", wins.cells[i]);
}

#[test]
fn the_inspector_explains_the_year_and_draws_its_marginal_rate_curve() {
    let mut app = app();
    keys(&mut app, "i");
    let screen = render(&mut app, 160, 48);
    assert!(screen.contains("m: the marginal-rate curve"), "{screen}");
    keys(&mut app, "m");
    let screen = render(&mut app, 160, 48);
    assert!(
        screen.contains("Tax on the next dollar against extra IRA income"),
        "{screen}"
    );
    assert!(screen.contains("$300k"), "{screen}");
}

#[test]
fn a_short_screen_says_how_to_swap_charts_and_comparison_and_keeps_help_in_view() {
    let mut app = app();
    let last = |screen: &str| screen.lines().last().unwrap_or_default().to_string();
    let screen = render(&mut app, 120, 30);
    assert!(last(&screen).contains("c comparison"), "{screen}");
    assert!(!screen.contains("Strategies"), "{screen}");
    keys(&mut app, "c");
    let screen = render(&mut app, 120, 30);
    assert!(screen.contains("Strategies"), "{screen}");
    assert!(last(&screen).contains("c charts"), "{screen}");
    // Tall enough for both: nothing to swap, so no hint for it.
    let screen = render(&mut app, 160, 48);
    assert!(!last(&screen).contains("c charts"), "{screen}");
    // Narrow: lower-ranked hints give way, help stays whole.
    let screen = render(&mut app, 80, 24);
    assert!(last(&screen).contains("? help"), "{screen}");
    assert!(last(&screen).contains("c charts"), "{screen}");
}
