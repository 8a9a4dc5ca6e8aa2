//! The planner without a terminal: key scripts drive the app through the runner (each script
//! one batch, as a burst of keys arrives), ratatui's TestBackend renders it, and snapshots pin
//! the main screens at 80x24 and 160x48.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
use drawdown::claiming::Measure;
use drawdown::plan::{Account, demo_plan, load_plan};
use drawdown::tui::app::Overlay;
use drawdown::tui::form::{Pane, Row};
use drawdown::tui::{App, Places, Runner, view};
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
        instance: "test".into(),
    }
}

struct Planner {
    app: App,
    runner: Runner,
}

fn planner() -> Planner {
    with_places(places(None))
}

fn with_places(places: Places) -> Planner {
    let (app, runner) = Runner::with_plan(demo_plan(), None, places);
    Planner { app, runner }
}

fn started(path: Option<std::path::PathBuf>, places: Places) -> Planner {
    let (app, runner) = Runner::start(path, places);
    Planner { app, runner }
}

/// The events of a key script: plain characters type themselves; `<Tab>`, `<Enter>`, `<Esc>`,
/// `<Up>`, `<Down>`, `<Left>`, `<Right>`, `<BS>`, `<BackTab>`, `<PgDn>`, `<PgUp>`, `<Home>`,
/// `<End>` and `<C-x>` name keys.
fn events(script: &str) -> Vec<Event> {
    let mut out = Vec::new();
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
                "PgDn" => (KeyCode::PageDown, KeyModifiers::NONE),
                "PgUp" => (KeyCode::PageUp, KeyModifiers::NONE),
                "Home" => (KeyCode::Home, KeyModifiers::NONE),
                "End" => (KeyCode::End, KeyModifiers::NONE),
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
        out.push(Event::Key(event));
    }
    out
}

/// Applies a key script as one batch.
fn keys(p: &mut Planner, script: &str) {
    p.runner.handle_events(&mut p.app, &events(script));
}

fn render(p: &mut Planner, width: u16, height: u16) -> String {
    // The recompute time varies from run to run; pin it for stable screens.
    p.app.last_recompute = Duration::from_micros(800);
    p.app.status = None;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| view::draw(&p.app, f)).unwrap();
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

fn balance(p: &Planner, i: usize) -> Decimal {
    p.app.plan.accounts[i].balance()
}

fn estate(p: &Planner) -> Decimal {
    p.app.comparison.as_ref().unwrap().outcomes[0].estate
}

/// Runs the background work until `done` says so (or twenty seconds pass).
fn settle(p: &mut Planner, done: impl Fn(&App) -> bool) {
    let start = std::time::Instant::now();
    while !done(&p.app) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "background work did not finish"
        );
        p.runner.tick(&mut p.app);
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The row index of the first field with this plan path in a pane.
fn row_of(p: &Planner, pane: Pane, path: &str, nth: usize) -> usize {
    p.app
        .rows_of(pane)
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r, drawdown::tui::form::Row::Field(f) if f.spec().path == path))
        .nth(nth)
        .map(|(i, _)| i)
        .unwrap_or_else(|| panic!("no {path} in {pane:?}"))
}

/// The cursor on the add row of a pane whose label contains `label`.
fn go_add(p: &mut Planner, pane: Pane, label: &str) {
    let r = p
        .app
        .rows_of(pane)
        .iter()
        .position(|r| matches!(r, drawdown::tui::form::Row::Add(a) if a.label().contains(label)))
        .unwrap_or_else(|| panic!("no add row '{label}' in {pane:?}"));
    p.app.set_row(pane, r);
}

fn go(p: &mut Planner, pane: Pane, path: &str, nth: usize) {
    let r = row_of(p, pane, path, nth);
    p.app.set_row(pane, r);
}

#[test]
fn typing_a_balance_reruns_every_strategy_and_undo_brings_it_back() {
    let mut p = planner();
    let before = estate(&p);
    // Accounts pane, first account: Name, then Balance.
    keys(&mut p, "<Tab><Down>900k");
    assert!(p.app.edit.is_some());
    assert_eq!(
        balance(&p, 0),
        dec!(900000),
        "the engine already runs on the typed value"
    );
    assert!(estate(&p) > before);
    keys(&mut p, "<Enter>");
    assert!(p.app.edit.is_none() && p.app.dirty);
    keys(&mut p, "u");
    assert_eq!(balance(&p, 0), dec!(500000));
    assert_eq!(estate(&p), before);
    keys(&mut p, "<C-r>");
    assert_eq!(balance(&p, 0), dec!(900000));
}

#[test]
fn enter_selects_the_text_so_typing_replaces_it() {
    let mut p = planner();
    keys(&mut p, "<Tab><Down><Enter>");
    assert_eq!(p.app.edit.as_ref().unwrap().input.value(), "$500,000");
    keys(&mut p, "750000<Enter>");
    assert_eq!(balance(&p, 0), dec!(750000));
    // Home keeps the text and moves the cursor: typing then inserts.
    keys(&mut p, "<Enter><End>.5<Enter>");
    assert_eq!(balance(&p, 0), dec!(750000.5));
}

#[test]
fn an_invalid_value_shows_why_and_the_engine_keeps_the_last_valid_plan() {
    let mut p = planner();
    keys(&mut p, "<Tab><Down><Enter>5-");
    let edit = p.app.edit.as_ref().unwrap();
    assert!(
        edit.error.as_deref().unwrap().contains("not an amount"),
        "{edit:?}"
    );
    assert_eq!(
        balance(&p, 0),
        dec!(5),
        "the engine runs on the last usable value: 5"
    );
    let screen = render(&mut p, 160, 48);
    assert!(screen.contains("✗ '5-' is not an amount"), "{screen}");
    keys(&mut p, "<Enter>");
    assert!(p.app.edit.is_some(), "Enter does not keep an invalid value");
    keys(&mut p, "<Esc>");
    assert!(p.app.edit.is_none());
    assert_eq!(
        balance(&p, 0),
        dec!(500000),
        "Esc restores the plan before the edit"
    );
    assert!(!p.app.dirty);
}

#[test]
fn choices_step_and_accounts_come_and_go_after_a_question() {
    let mut p = planner();
    let filing = p.app.plan.filing;
    go(&mut p, Pane::People, "filing", 0);
    keys(&mut p, "<Enter>");
    assert_ne!(p.app.plan.filing, filing);
    let n = p.app.plan.accounts.len();
    keys(&mut p, "<Tab>d");
    assert!(matches!(p.app.overlay, Some(Overlay::ConfirmRemove { .. })));
    assert_eq!(p.app.plan.accounts.len(), n, "d asks first");
    let screen = render(&mut p, 80, 24);
    assert!(
        screen.contains("Remove the account 'Brokerage'?"),
        "{screen}"
    );
    keys(&mut p, "n");
    assert_eq!(p.app.plan.accounts.len(), n);
    keys(&mut p, "dy");
    assert_eq!(p.app.plan.accounts.len(), n - 1);
    keys(&mut p, "u");
    assert_eq!(p.app.plan.accounts.len(), n);
}

#[test]
fn removing_a_person_says_what_becomes_of_their_accounts_and_lets_the_user_choose() {
    let owned = |p: &Planner| {
        p.app
            .plan
            .accounts
            .iter()
            .filter(|a| a.owner().is_some())
            .count()
    };
    for (answer, kept) in [("m", true), ("r", false)] {
        let mut p = planner();
        let before = p.app.plan.accounts.len();
        let lees = p
            .app
            .plan
            .accounts
            .iter()
            .filter(|a| a.owner() == Some(1))
            .count();
        assert!(lees > 0);
        go(&mut p, Pane::People, "people[].name", 1);
        keys(&mut p, "d");
        let screen = render(&mut p, 80, 24);
        assert!(screen.contains("Remove Lee from the plan?"), "{screen}");
        assert!(
            screen.contains(&format!("Lee has {lees} account(s)")),
            "{screen}"
        );
        assert!(screen.contains("move the rest to Dana"), "{screen}");
        keys(&mut p, answer);
        assert_eq!(p.app.plan.people.len(), 1);
        let after = p.app.plan.accounts.len();
        if kept {
            assert_eq!(after, before);
            assert!(
                p.app
                    .plan
                    .accounts
                    .iter()
                    .all(|a| a.owner().is_none_or(|o| o == 0))
            );
        } else {
            assert_eq!(after, before - lees);
        }
        let _ = owned(&p);
    }
}

#[test]
fn single_letter_commands_never_fire_while_a_field_is_edited() {
    let mut p = planner();
    // People pane, the plan's name: every letter is text.
    keys(&mut p, "<Enter>qdubPpcr?<Enter>");
    assert_eq!(p.app.plan.name, "qdubPpcr?");
    assert!(!p.app.quit && !p.app.privacy && !p.app.presenter);
    assert!(p.app.overlay.is_none() && p.app.baseline.is_none());
    // ←/→ on a choice move the chart's year, never the plan.
    let filing = p.app.plan.filing;
    go(&mut p, Pane::People, "filing", 0);
    keys(&mut p, "<Right><Right>");
    assert_eq!(p.app.plan.filing, filing);
    assert_eq!(p.app.year, 2);
}

#[test]
fn ctrl_c_in_a_field_or_a_dialog_asks_about_unsaved_changes() {
    let mut p = planner();
    keys(&mut p, "<Tab><Down>600k<C-c>");
    assert!(!p.app.quit);
    assert!(matches!(p.app.overlay, Some(Overlay::Confirm { .. })));
    assert_eq!(balance(&p, 0), dec!(600000), "the usable value was kept");
    keys(&mut p, "c<C-o><C-c>");
    assert!(!p.app.quit);
    assert!(
        matches!(p.app.overlay, Some(Overlay::Confirm { .. })),
        "from the Open dialog too"
    );
    // Ctrl-C again quits without saving, as the question says.
    keys(&mut p, "<C-c>");
    assert!(p.app.quit);
}

#[test]
fn answering_save_saves_through_save_as_and_then_quits() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = with_places(places(Some(dir.path())));
    keys(&mut p, "<Tab><Down>600k<Enter>q");
    assert!(matches!(p.app.overlay, Some(Overlay::Confirm { .. })));
    keys(&mut p, "y");
    assert!(
        matches!(p.app.overlay, Some(Overlay::SaveAs { .. })),
        "no file yet: save as"
    );
    let path = dir.path().join("kept.ron");
    keys(&mut p, &format!("<C-u>{}<Enter>", path.display()));
    assert!(p.app.quit, "saved, then the quit went on");
    assert_eq!(
        load_plan(&path).unwrap().accounts[0].balance(),
        dec!(600000)
    );
}

#[test]
fn answering_save_with_a_file_saves_and_opens_the_other_plan() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.ron");
    drawdown::plan::save_plan(&path, &demo_plan()).unwrap();
    let mut p = started(Some(path.clone()), places(Some(dir.path())));
    keys(&mut p, "<Tab><Down>700k<Enter><C-n><Enter>y");
    assert_eq!(
        load_plan(&path).unwrap().accounts[0].balance(),
        dec!(700000)
    );
    assert_eq!(
        p.app.plan.name, "New plan",
        "the new plan was started after the save"
    );
}

#[test]
fn save_as_writes_the_plan_and_it_reloads_identical() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = with_places(places(Some(dir.path())));
    keys(&mut p, "<Tab><Down>750k<Enter>");
    let path = dir.path().join("mine.ron");
    keys(&mut p, &format!("S<C-u>{}<Enter>", path.display()));
    assert!(!p.app.dirty, "{:?}", p.app.overlay);
    let loaded = load_plan(&path).unwrap();
    assert_eq!(loaded, p.app.plan);
    keys(&mut p, "<Enter>1m<Enter><C-s>");
    assert!(!p.app.dirty);
    assert_eq!(
        load_plan(&path).unwrap().accounts[0].balance(),
        dec!(1000000)
    );
    assert!(dir.path().join("mine.ron.bak").exists());
}

#[test]
fn a_name_typed_alone_in_save_as_lands_in_the_plans_folder_and_is_listed() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = with_places(places(Some(dir.path())));
    keys(&mut p, "S<C-u>retire at 62<Enter>");
    assert!(!p.app.dirty, "{:?}", p.app.overlay);
    let path = dir.path().join("retire at 62.ron");
    assert_eq!(load_plan(&path).unwrap(), p.app.plan);
    assert_eq!(p.app.file.as_deref(), Some(path.as_path()));
    keys(&mut p, "<C-o>");
    match &p.app.overlay {
        Some(Overlay::Open { entries, .. }) => assert!(
            entries.iter().any(|e| e.name.contains("retire at 62")),
            "{:?}",
            entries.iter().map(|e| &e.name).collect::<Vec<_>>()
        ),
        other => panic!("no file window: {other:?}"),
    }
}

#[test]
fn a_name_typed_over_the_suggested_one_replaces_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = with_places(places(Some(dir.path())));
    // The suggestion (the plans folder and a name from the plan's) is selected: no Ctrl-U.
    keys(&mut p, "S");
    keys(&mut p, "Smith v2.1<Enter>");
    let path = dir.path().join("Smith v2.1.ron");
    assert_eq!(
        p.app.file.as_deref(),
        Some(path.as_path()),
        "{:?}",
        p.app.overlay
    );
    assert_eq!(load_plan(&path).unwrap(), p.app.plan);
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let mut p = planner();
    keys(&mut p, "q");
    assert!(p.app.quit, "nothing to save: quits at once");
    let mut p = planner();
    keys(&mut p, "<Tab><Down>600k<Enter>q");
    assert!(matches!(p.app.overlay, Some(Overlay::Confirm { .. })));
    keys(&mut p, "c");
    assert!(!p.app.quit && p.app.overlay.is_none());
    keys(&mut p, "qn");
    assert!(p.app.quit);
}

/// Undoing every change since the plan was opened (or saved) leaves nothing to save; redo
/// makes it unsaved again. A plan that was never a file's stays unsaved.
#[test]
fn undoing_back_to_the_plan_as_opened_or_saved_leaves_nothing_to_save() {
    let dir = tempfile::tempdir().unwrap();
    let saves = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/G.ron");
    std::fs::copy(saves, dir.path().join("G.ron")).unwrap();
    let mut p = with_places(places(Some(dir.path())));
    keys(&mut p, "<C-o>");
    let entry = match &p.app.overlay {
        Some(Overlay::Open { entries, .. }) => entries
            .iter()
            .position(|e| e.name.contains("G.ron"))
            .unwrap_or_else(|| panic!("{:?}", entries.iter().map(|e| &e.name).collect::<Vec<_>>())),
        other => panic!("no file window: {other:?}"),
    };
    keys(&mut p, &format!("{}<Enter>", "<Down>".repeat(entry)));
    assert_eq!(p.app.plan.name, "G: early retirees, Marketplace");
    assert!(!p.app.dirty);
    go(&mut p, Pane::People, "filing", 0);
    keys(&mut p, "<Enter><Enter><Enter>");
    assert!(p.app.dirty);
    keys(&mut p, "uu");
    assert!(p.app.dirty, "one change is left");
    keys(&mut p, "u");
    assert!(!p.app.dirty, "back at the file as opened");
    let screen = render(&mut p, 160, 48);
    assert!(
        screen.contains("G.ron") && !screen.contains("[+]"),
        "{screen}"
    );
    keys(&mut p, "<C-r>");
    assert!(p.app.dirty, "redo leaves it again");
    // Saved here, the file is this plan: undo leaves it, redo comes back.
    keys(&mut p, "<C-s>");
    assert!(!p.app.dirty);
    keys(&mut p, "u");
    assert!(p.app.dirty);
    keys(&mut p, "<C-r>");
    assert!(!p.app.dirty);
    // Nothing to save: a new plan starts without asking; it stays unsaved through undo.
    keys(&mut p, "<C-n><Enter>");
    assert!(p.app.overlay.is_none(), "{:?}", p.app.overlay);
    assert_eq!(p.app.plan.name, "New plan");
    assert!(p.app.dirty);
    go(&mut p, Pane::People, "filing", 0);
    keys(&mut p, "<Enter>u");
    assert!(p.app.dirty, "a template is no file");
}

/// The same in a scenario: the file compared is the base with every scenario's overrides.
#[test]
fn undoing_in_a_scenario_back_to_the_file_leaves_nothing_to_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.ron");
    drawdown::plan::save_plan(&path, &demo_plan()).unwrap();
    let mut p = started(Some(path.clone()), places(Some(dir.path())));
    assert!(!p.app.dirty);
    keys(&mut p, "v<Down><Enter>");
    assert!(!p.app.dirty);
    go(&mut p, Pane::Spending, "spending.annual", 0);
    keys(&mut p, "<Enter>80k<Enter>");
    assert!(p.app.dirty);
    keys(&mut p, "u");
    assert_eq!(p.app.household_name().as_deref(), Some("Claim at 70"));
    assert!(!p.app.dirty, "undone in the scenario");
    keys(&mut p, "v<Up><Enter>");
    go(&mut p, Pane::Spending, "spending.annual", 0);
    keys(&mut p, "<Enter>80k<Enter>u");
    assert!(!p.app.dirty, "undone on the base");
}

#[test]
fn unsaved_edits_are_kept_per_plan_and_offered_with_its_name_and_time() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.ron");
    drawdown::plan::save_plan(&file, &demo_plan()).unwrap();
    // Two copies of the planner on the same plan keep separate files.
    let mut one = started(
        Some(file.clone()),
        Places {
            instance: "1".into(),
            ..places(Some(dir.path()))
        },
    );
    let mut two = started(
        Some(file.clone()),
        Places {
            instance: "2".into(),
            ..places(Some(dir.path()))
        },
    );
    keys(&mut one, "<Tab><Down>123k<Enter>");
    keys(&mut two, "<Tab><Down>456k<Enter>");
    one.runner.keep_now(&one.app);
    two.runner.keep_now(&two.app);
    let kept = std::fs::read_dir(dir.path().join("recovery"))
        .unwrap()
        .count();
    assert_eq!(kept, 2, "neither overwrote the other");
    // A new plan's edits are kept apart from the file's.
    let mut fresh = with_places(Places {
        instance: "3".into(),
        ..places(Some(dir.path()))
    });
    keys(&mut fresh, "<Tab><Down>789k<Enter>");
    fresh.runner.keep_now(&fresh.app);
    drop((one, two, fresh));

    let mut next = started(
        Some(file.clone()),
        Places {
            instance: "4".into(),
            ..places(Some(dir.path()))
        },
    );
    let Some(Overlay::Recovery { offer }) = &next.app.overlay else {
        panic!("{:?}", next.app.overlay);
    };
    assert!(
        offer
            .file
            .as_deref()
            .is_some_and(|f| f.ends_with("mine.ron"))
    );
    let screen = render(&mut next, 120, 35);
    assert!(screen.contains("Changes to “D: sequential"), "{screen}");
    assert!(screen.contains("UTC"), "{screen}");
    keys(&mut next, "y");
    assert!([dec!(123000), dec!(456000)].contains(&balance(&next, 0)));
    assert!(next.app.dirty);
    assert_eq!(next.app.file.as_deref(), Some(file.as_path()));
    // Without a file, the new plan's kept edits are offered.
    let new = started(
        None,
        Places {
            instance: "5".into(),
            ..places(Some(dir.path()))
        },
    );
    let Some(Overlay::Recovery { offer }) = &new.app.overlay else {
        panic!("{:?}", new.app.overlay);
    };
    assert!(offer.file.is_none());
}

#[test]
fn a_bad_file_at_start_shows_line_and_column_and_the_app_still_starts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    std::fs::write(&path, "(\n  version: 1,\n  name: 7,\n)").unwrap();
    let mut p = started(Some(path.clone()), places(Some(dir.path())));
    match &p.app.overlay {
        Some(Overlay::Error { title, message }) => {
            assert!(title.contains("line 3"), "{title}");
            assert!(message.contains("bad.ron"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(p.app.plan, demo_plan());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "(\n  version: 1,\n  name: 7,\n)"
    );
    let screen = render(&mut p, 80, 24);
    assert!(screen.contains("line 3"), "{screen}");
}

#[test]
fn baseline_pin_shows_changes_against_it() {
    let mut p = planner();
    keys(&mut p, "b<Tab><Down>800k<Enter>");
    let estate = p
        .app
        .view
        .metric_rows
        .iter()
        .find(|r| r.label.starts_with("After-tax estate at end"))
        .unwrap();
    let delta = estate.cells[0]
        .delta
        .as_ref()
        .expect("a change against the baseline");
    assert!(delta.text.starts_with('+'), "{}", delta.text);
    assert_eq!(delta.better, Some(true));
    let text = delta.text.clone();
    let screen = render(&mut p, 160, 48);
    assert!(screen.contains(&text), "{screen}");
}

#[test]
fn market_risk_rows_get_baseline_changes_too() {
    let mut plan = demo_plan();
    plan.strategies.retain(|s| !s.is_optimized());
    plan.assumptions.simulation.mode = drawdown::plan::PathMode::monte_carlo_default();
    plan.assumptions.simulation.paths = 300;
    let (app, runner) = Runner::with_plan(plan, None, places(None));
    let mut p = Planner { app, runner };
    let complete = |a: &App| {
        !a.background.stale && a.background.risk.as_ref().is_some_and(|r| r.is_complete())
    };
    settle(&mut p, complete);
    keys(&mut p, "b<Tab><Down>2m<Enter>");
    settle(&mut p, complete);
    let median = p
        .app
        .view
        .metric_rows
        .iter()
        .find(|r| r.label == "Wealth at end, median")
        .expect("a market-risk row");
    let delta = median.cells[0]
        .delta
        .as_ref()
        .expect("a change against the baseline");
    assert!(delta.text.starts_with('+'), "{}", delta.text);
    assert_eq!(delta.better, Some(true));
}

#[test]
fn privacy_hides_names_rounds_amounts_and_covers_the_dialogs() {
    let mut p = planner();
    let screen = render(&mut p, 160, 48);
    assert!(screen.contains("Dana"));
    keys(&mut p, "P");
    let screen = render(&mut p, 160, 48);
    assert!(
        !screen.contains("Dana") && !screen.contains("Lee"),
        "{screen}"
    );
    assert!(screen.contains("Person 1"));
    // The inspector's explanations are rounded like every other figure, not hidden.
    keys(&mut p, "<Right><Right>i");
    let screen = render(&mut p, 160, 48);
    assert!(!screen.contains("details hidden"), "{screen}");
    assert!(screen.contains("k from taxable"), "{screen}");
    let exact = regex_like_exact_amount(&screen);
    assert!(
        exact.is_none(),
        "an exact amount in privacy mode: {exact:?} {}",
        screen
            .lines()
            .filter(|l| l.contains(exact.as_deref().unwrap_or("@@")))
            .collect::<Vec<_>>()
            .join("\n")
    );
    // The Open list: no names, no amounts, paths from the home folder.
    let dir = tempfile::tempdir().unwrap();
    let mut p = with_places(places(Some(dir.path())));
    drawdown::plan::save_plan(&dir.path().join("dana-and-lee.ron"), &demo_plan()).unwrap();
    keys(&mut p, "P<C-o>");
    let screen = render(&mut p, 160, 48);
    assert!(!screen.contains("dana-and-lee"), "{screen}");
    assert!(!screen.contains("sequential vs"), "{screen}");
    assert!(screen.contains("plan file 1"), "{screen}");
    assert!(screen.contains("2 people, 5 accounts"), "{screen}");
    assert!(!screen.contains("Pat 65"), "examples too: {screen}");
}

/// An amount written to the dollar ("$38,200"), which privacy mode must not show.
fn regex_like_exact_amount(screen: &str) -> Option<String> {
    screen.split(['$']).skip(1).find_map(|rest| {
        let digits: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ',')
            .collect();
        let next = rest.chars().nth(digits.len());
        (digits.contains(',') && next != Some('k')).then(|| format!("${digits}"))
    })
}

#[test]
fn input_that_could_be_misread_is_refused_or_shown_as_understood() {
    let mut p = planner();
    keys(&mut p, "<Tab><Down>1,2,3");
    let e = p.app.edit.as_ref().unwrap().error.clone().unwrap();
    assert!(e.contains("groups of three"), "{e}");
    keys(&mut p, "<Esc><Enter>12.345");
    let e = p.app.edit.as_ref().unwrap().error.clone().unwrap();
    assert!(e.contains("two decimals"), "{e}");
    keys(&mut p, "<Esc>");
    // A rate: a bare number is a percent, and the line under the field says so before Enter.
    go(&mut p, Pane::Spending, "assumptions.inflation", 0);
    keys(&mut p, "<Enter>4");
    let screen = render(&mut p, 160, 48);
    assert!(screen.contains("= 4% a year"), "{screen}");
    assert!(
        screen.contains("a percent: 3.5 and 3.5% both mean 3.5%"),
        "{screen}"
    );
    keys(&mut p, "<Enter>");
    assert_eq!(p.app.plan.assumptions.inflation, dec!(0.04));
    // Ages beside birth years; whose age a spending change is at.
    keys(&mut p, "<Tab><Tab><Tab><Tab>");
    assert_eq!(p.app.pane, Pane::People);
    let screen = render(&mut p, 160, 48);
    assert!(screen.contains("(age 65 in 2026)"), "{screen}");
    go(&mut p, Pane::Spending, "spending.annual", 0);
    p.app.plan.spending.changes.clear();
    go_add(&mut p, Pane::Spending, "spending change");
    keys(&mut p, "<Enter>");
    let screen = render(&mut p, 160, 48);
    assert!(screen.contains("(Dana's age)"), "{screen}");
}

#[test]
fn one_offs_outside_the_plan_are_refused_and_a_start_year_change_warns() {
    let mut plan = demo_plan();
    plan.spending.one_offs.push(drawdown::plan::OneOff {
        year: 2030,
        amount: dec!(40000),
        label: "New roof".into(),
    });
    let (app, runner) = Runner::with_plan(plan, None, places(None));
    let mut p = Planner { app, runner };
    let end = p.app.plan.end_year();
    go(&mut p, Pane::Spending, "spending.one_offs[].year", 0);
    keys(&mut p, &format!("<Enter>{}", end + 1));
    let e = p.app.edit.as_ref().unwrap().error.clone().unwrap();
    assert!(e.contains("outside"), "{e}");
    keys(&mut p, "<Esc>");
    let year = p.app.plan.spending.one_offs[0].year;
    go(&mut p, Pane::Spending, "assumptions.start_year", 0);
    keys(&mut p, &format!("<Enter>{}<Enter>", year + 1));
    assert_eq!(p.app.plan.assumptions.start_year, year + 1);
    let screen = render(&mut p, 160, 48);
    assert!(screen.contains("is outside the plan's"), "{screen}");
}

/// Choosing separate returns for the demo couple: the form warns that both incomes are taxed on
/// one return (the tax too high), at 160x48 and 80x24; back to joint, the warning goes.
#[test]
fn separate_filing_for_a_couple_is_warned_in_the_form() {
    let mut p = planner();
    go(&mut p, Pane::People, "filing", 0);
    // Enter steps through the choices (joint, separate, single): at most a round to each.
    for _ in 0..4 {
        if p.app.plan.filing != drawdown::tax::Filing::Mfs {
            keys(&mut p, "<Enter>");
        }
    }
    assert_eq!(p.app.plan.filing, drawdown::tax::Filing::Mfs);
    for (w, h) in [(160, 48), (80, 24)] {
        let screen = render(&mut p, w, h);
        assert!(screen.contains("Tax too high"), "{w}x{h}:\n{screen}");
    }
    for _ in 0..4 {
        if p.app.plan.filing != drawdown::tax::Filing::Mfj {
            keys(&mut p, "<Enter>");
        }
    }
    assert_eq!(p.app.plan.filing, drawdown::tax::Filing::Mfj);
    assert!(!render(&mut p, 160, 48).contains("Tax too high"));
}

#[test]
fn the_blank_template_has_no_income() {
    let mut p = planner();
    keys(&mut p, "<C-n><Enter>");
    assert_eq!(p.app.plan.name, "New plan");
    assert!(p.app.plan.income.social_security.is_empty());
    assert!(p.app.plan.income.pensions.is_empty());
}

#[test]
fn a_tiny_terminal_asks_to_be_enlarged() {
    let mut p = planner();
    for (w, h) in [(79, 24), (80, 23), (20, 5), (1, 1), (0, 0)] {
        let screen = render(&mut p, w, h);
        if w >= 30 && h >= 3 {
            assert!(screen.contains("larger terminal"), "{w}x{h}: {screen}");
        }
    }
}

#[test]
fn help_lists_every_key_of_the_live_keymap() {
    let mut p = planner();
    keys(&mut p, "?");
    let mut seen = String::new();
    for _ in 0..6 {
        seen.push_str(&render(&mut p, 160, 48));
        keys(&mut p, "<PgDn>");
    }
    for b in drawdown::tui::keymap::bindings() {
        let start: String = b.help.chars().take(30).collect();
        assert!(seen.contains(&start), "missing: {}", b.help);
    }
}

#[test]
fn the_year_cursor_and_strategy_selection_move_the_chart() {
    let mut p = planner();
    keys(&mut p, "<Right><Right><Right>]]");
    assert_eq!(p.app.year, 3);
    assert_eq!(p.app.strategy, 2);
    keys(&mut p, "i");
    assert!(matches!(p.app.overlay, Some(Overlay::Inspector)));
    let screen = render(&mut p, 160, 48);
    assert!(screen.contains("2029"), "{screen}");
    assert!(screen.contains("Taxable Social Security"));
}

#[test]
fn clicking_a_tab_switches_panes() {
    let mut p = planner();
    render(&mut p, 160, 48);
    let (rect, _) = p.app.screen.borrow().tabs[2];
    p.runner.handle_events(
        &mut p.app,
        &[Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(crossterm::event::MouseButton::Left),
            column: rect.x + 1,
            row: rect.y,
            modifiers: KeyModifiers::NONE,
        })],
    );
    assert_eq!(p.app.pane, Pane::Income);
}

#[test]
fn an_account_added_from_the_form_is_charted() {
    let mut p = planner();
    let add_cash = p
        .app
        .rows_of(Pane::Accounts)
        .iter()
        .position(
            |r| matches!(r, drawdown::tui::form::Row::Add(a) if a.label() == "+ add cash account"),
        )
        .unwrap();
    p.app.set_row(Pane::Accounts, add_cash);
    keys(&mut p, "<Enter>");
    assert!(matches!(
        p.app.plan.accounts.last(),
        Some(Account::Cash { .. })
    ));
}

#[test]
fn market_risk_streams_into_the_comparison_and_the_fan_chart() {
    let mut plan = demo_plan();
    plan.strategies.retain(|s| !s.is_optimized());
    plan.assumptions.simulation.mode = drawdown::plan::PathMode::monte_carlo_default();
    plan.assumptions.simulation.paths = 300;
    let (app, runner) = Runner::with_plan(plan, None, places(None));
    let mut p = Planner { app, runner };
    settle(&mut p, |a| {
        a.background.risk.as_ref().is_some_and(|r| r.is_complete())
    });
    let success = p
        .app
        .view
        .metric_rows
        .iter()
        .find(|r| r.label.starts_with("Money lasts (300 paths)"))
        .expect("a success-rate row");
    assert!(success.cells.iter().all(|c| c.text.ends_with('%')));
    keys(&mut p, "r");
    let screen = render(&mut p, 160, 48);
    assert!(
        screen.contains("After-tax wealth, today's $, 300 Monte Carlo paths"),
        "{screen}"
    );
    assert!(screen.contains("money lasts in"), "{screen}");
    // A change of the plan cancels the run and starts another.
    keys(&mut p, "<Tab><Down>1m<Enter>");
    assert!(p.app.background.stale);
    settle(&mut p, |a| {
        !a.background.stale && a.background.risk.as_ref().is_some_and(|r| r.is_complete())
    });
}

/// With spending guardrails, the fan chart shows in which years the cuts come: a strip above the
/// years, as high as the share of paths that cut spending that year, and the peak in the note.
#[test]
fn the_fan_chart_shows_the_years_of_spending_cuts() {
    let mut plan = demo_plan();
    plan.strategies.retain(|s| !s.is_optimized());
    plan.spending.guardrails = Some(drawdown::plan::Guardrails::classic());
    plan.assumptions.simulation.mode = drawdown::plan::PathMode::Historical;
    let (app, runner) = Runner::with_plan(plan, None, places(None));
    let mut p = Planner { app, runner };
    settle(&mut p, |a| {
        a.background.optimizing.is_empty()
            && a.background.risk.as_ref().is_some_and(|r| r.is_complete())
    });
    keys(&mut p, "r");
    let screen = render(&mut p, 160, 48);
    assert!(screen.contains("▁▄█ cuts, most 12% in 2049"), "{screen}");
    let axis = screen
        .lines()
        .position(|l| l.contains("$0└"))
        .expect("the fan's zero line");
    let strip = screen.lines().nth(axis + 1).unwrap();
    assert!(strip.chars().any(|c| "▁▂▃▄▅▆▇█".contains(c)), "{screen}");
    insta::assert_snapshot!("fan_guardrails_160x48", screen);
}

#[test]
fn a_search_that_ends_without_an_answer_says_why_in_the_headline() {
    let mut p = planner();
    settle(&mut p, |a| a.background.optimizing.is_empty());
    p.app.background.optimize_error = Some(
        "the optimizer stopped on an internal error (index out of bounds); please report it \
         with the plan"
            .into(),
    );
    let screen = render(&mut p, 160, 48);
    assert!(
        screen.contains(" Optimized: the optimizer stopped on an internal error (index out of"),
        "{screen}"
    );
    assert!(!screen.contains("Best for heirs"), "{screen}");
}

#[test]
fn the_optimized_column_arrives_from_the_background_and_says_what_it_wins() {
    let mut p = planner();
    assert!(
        p.app
            .comparison
            .as_ref()
            .unwrap()
            .pending
            .iter()
            .any(|s| s.is_optimized()),
        "the demo lists an optimized strategy, pending at first"
    );
    settle(&mut p, |a| !a.background.optimized.is_empty());
    let c = p.app.comparison.as_ref().unwrap();
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
    let wins = p
        .app
        .view
        .metric_rows
        .iter()
        .find(|r| r.label == "Optimized wins by")
        .unwrap();
    assert!(wins.cells[i].text.contains("vs"), "{:?}", wins.cells[i]);
    // Too long for its column unless widened, the sentence gives way to its figure, not to a
    // sentence cut at '…'.
    let short = wins.cells[i].short.clone().expect("a short form");
    assert!(
        short.starts_with("+$")
            && wins.cells[i]
                .text
                .starts_with(&format!("{short} estate vs")),
        "{:?}",
        wins.cells[i]
    );
    keys(&mut p, &"]".repeat(i));
    let screen = render(&mut p, 160, 48);
    let line = screen
        .lines()
        .find(|l| l.contains("Optimized wins by"))
        .expect("the row on screen");
    assert!(line.contains(&short) && !line.contains('…'), "{screen}");
}

#[test]
fn the_optimized_column_shows_the_first_improvement_and_refines_in_place() {
    let mut p = planner();
    // The column appears with the search's first better answer, while it still runs.
    settle(&mut p, |a| !a.background.optimized.is_empty());
    let first = p.app.background.optimized[0].clone();
    assert!(
        first.provisional && !p.app.background.optimizing.is_empty(),
        "the column waited for the whole search"
    );
    let screen = render(&mut p, 160, 48);
    assert!(screen.contains("optimizing"), "{screen}");
    let column = |p: &Planner| {
        p.app
            .comparison
            .as_ref()
            .unwrap()
            .outcomes
            .iter()
            .position(|o| o.strategy.starts_with("Optimized"))
    };
    let at = column(&p).expect("an Optimized column while the search runs");
    assert!(screen.contains("Optimized"), "{screen}");
    // It refines in place: the same column, never worse, then final.
    settle(&mut p, |a| a.background.optimizing.is_empty());
    let last = &p.app.background.optimized[0];
    assert!(!last.provisional);
    assert!(drawdown::optimize::at_least(&last.outcome, &first.outcome));
    assert_eq!(column(&p), Some(at));
    let screen = render(&mut p, 160, 48);
    assert!(!screen.contains("optimizing"), "{screen}");
}

/// The name of the charted strategy's column.
fn charted(p: &Planner) -> String {
    let c = p.app.comparison.as_ref().unwrap();
    c.outcomes[p.app.strategy].strategy.clone()
}

/// Charts the column named `name`, with `]` from the first.
fn chart(p: &mut Planner, name: &str) {
    let c = p.app.comparison.as_ref().unwrap();
    let i = c
        .outcomes
        .iter()
        .position(|o| o.strategy == name)
        .unwrap_or_else(|| panic!("no column {name}"));
    keys(p, &"[".repeat(c.outcomes.len()));
    keys(p, &"]".repeat(i));
    assert_eq!(charted(p), name);
}

/// An edit takes the optimized column out until its search reports again: the chart of a
/// strategy listed after it stays on that strategy (it moved to its neighbour, then onto
/// Optimized when the column came back), also when the edit renames it.
#[test]
fn the_chart_stays_on_a_strategy_after_optimized_while_the_search_reruns() {
    let mut p = planner();
    strategies_pane(&mut p);
    go_add(&mut p, Pane::Strategies, "add a strategy");
    keys(&mut p, "<Enter>");
    let choice = match &p.app.overlay {
        Some(Overlay::Pick { choices, .. }) => choices
            .iter()
            .position(|(title, _)| title == "Deferred first")
            .expect("Deferred first is offered"),
        other => panic!("no picker: {other:?}"),
    };
    keys(&mut p, &format!("{}<Enter>", "<Down>".repeat(choice)));
    let n = p.app.plan.strategies.len() - 1;
    settle(&mut p, |a| !a.background.optimized.is_empty());
    chart(&mut p, "Deferred first (2)");
    let screen = render(&mut p, 160, 48);
    assert!(
        screen.contains("Deferred first (2): income by source"),
        "{screen}"
    );
    go(&mut p, Pane::Strategies, "strategies[].label", n);
    keys(&mut p, "<Enter>Q<Enter>");
    assert_eq!(charted(&p), "Q", "while the search reruns");
    settle(&mut p, |a| !a.background.optimized.is_empty());
    assert_eq!(charted(&p), "Q", "once the optimized column is back");
    let screen = render(&mut p, 160, 48);
    assert!(screen.contains("Q: income by source"), "{screen}");
}

/// The name of the comparison's Optimized column.
fn optimized_column(p: &Planner) -> String {
    p.app
        .comparison
        .as_ref()
        .unwrap()
        .outcomes
        .iter()
        .map(|o| o.strategy.clone())
        .rfind(|s| s.starts_with("Optimized"))
        .expect("an Optimized column")
}

/// Charts Optimized, makes `change` (which reruns its search): a neighbour stands in while the
/// search reruns, and the chart is on Optimized again once its column is back. Its name.
fn chart_returns_to_optimized(p: &mut Planner, change: impl FnOnce(&mut Planner)) -> String {
    settle(p, |a| !a.background.optimized.is_empty());
    let optimized = optimized_column(p);
    chart(p, &optimized);
    change(p);
    assert_ne!(charted(p), optimized, "its column is out while it searches");
    settle(p, |a| !a.background.optimized.is_empty());
    assert_eq!(charted(p), optimized);
    optimized
}

/// Optimized charted, then an edit: a neighbour stands in while the search reruns and the chart
/// goes back to Optimized when its column arrives, unless the user charted another meanwhile.
#[test]
fn the_chart_goes_back_to_optimized_when_its_search_reports_again() {
    let mut p = planner();
    let optimized = chart_returns_to_optimized(&mut p, |p| {
        go(p, Pane::Spending, "spending.annual", 0);
        keys(p, "<Enter>90k<Enter>");
    });
    // Another strategy charted while the search reruns is kept.
    keys(&mut p, "<Enter>80k<Enter>");
    keys(&mut p, "[");
    let picked = charted(&p);
    assert_ne!(picked, optimized);
    settle(&mut p, |a| !a.background.optimized.is_empty());
    assert_eq!(charted(&p), picked);
}

/// K and J reorder the plan's strategies: the chart stays on the strategy it showed, the moved
/// one or the one it swapped places with. It stayed on the place, charting the other one.
#[test]
fn the_chart_stays_on_its_strategy_when_strategies_are_moved() {
    let mut p = planner();
    strategies_pane(&mut p);
    let names = |p: &Planner| drawdown::strategy::unique_names(&p.app.plan.strategies);
    let (first, second) = (names(&p)[1].clone(), names(&p)[2].clone());
    // The moved strategy charted: down, then back up.
    chart(&mut p, &first);
    go(&mut p, Pane::Strategies, "strategies[].label", 1);
    keys(&mut p, "J");
    assert_eq!(names(&p)[2], first, "moved down");
    assert_eq!(charted(&p), first);
    keys(&mut p, "K");
    assert_eq!(names(&p)[1], first, "moved back up");
    assert_eq!(charted(&p), first);
    // The strategy it swaps places with charted; twice in one batch, so back where it was.
    chart(&mut p, &second);
    go(&mut p, Pane::Strategies, "strategies[].label", 1);
    keys(&mut p, "J");
    assert_eq!(names(&p)[1], second);
    assert_eq!(charted(&p), second);
    keys(&mut p, "KJ");
    assert_eq!(names(&p)[1], second);
    assert_eq!(charted(&p), second);
    let screen = render(&mut p, 160, 48);
    assert!(
        screen.contains(&format!("{second}: income by source")),
        "{screen}"
    );
}

/// The plan's strategies by the names their columns have.
fn strategy_names(p: &Planner) -> Vec<String> {
    drawdown::strategy::unique_names(&p.app.plan.strategies)
}

/// Checks that the chart on screen is `name`'s, by its title.
fn assert_chart_title(p: &mut Planner, name: &str) {
    let screen = render(p, 160, 48);
    assert!(
        screen.contains(&format!("{name}: income by source")),
        "{screen}"
    );
}

/// D copies a strategy to the place below it: the chart stays on the strategy it showed, listed
/// after the copy. It stayed on the place, charting the strategy before it.
#[test]
fn the_chart_stays_on_its_strategy_when_one_before_it_is_copied() {
    let mut p = planner();
    strategies_pane(&mut p);
    let shown = strategy_names(&p)[2].clone();
    chart(&mut p, &shown);
    go(&mut p, Pane::Strategies, "strategies[].label", 0);
    keys(&mut p, "D");
    assert_eq!(strategy_names(&p)[3], shown, "one place further down");
    assert_eq!(charted(&p), shown);
    assert_chart_title(&mut p, &shown);
}

/// d removes a strategy (after its question): the chart stays on the strategy it showed, listed
/// after the removed one; when the removed one is charted, the one now at its place is.
#[test]
fn the_chart_stays_on_its_strategy_when_one_before_it_is_removed() {
    let mut p = planner();
    strategies_pane(&mut p);
    let shown = strategy_names(&p)[2].clone();
    chart(&mut p, &shown);
    go(&mut p, Pane::Strategies, "strategies[].label", 0);
    keys(&mut p, "d");
    assert!(p.app.overlay.is_some(), "removing asks first");
    assert_eq!(charted(&p), shown, "while it asks");
    keys(&mut p, "y");
    assert_eq!(strategy_names(&p)[1], shown, "one place further up");
    assert_eq!(charted(&p), shown);
    assert_chart_title(&mut p, &shown);
    // The charted strategy removed.
    let next = strategy_names(&p)[2].clone();
    go(&mut p, Pane::Strategies, "strategies[].label", 1);
    keys(&mut p, "dy");
    assert_eq!(strategy_names(&p)[1], next);
    assert_eq!(charted(&p), next);
}

/// Optimized charted, then a copy of a strategy before it: a neighbour stands in while its
/// search reruns, and the chart goes back to Optimized when its column arrives.
#[test]
fn the_chart_goes_back_to_optimized_after_a_strategy_before_it_is_copied() {
    let mut p = planner();
    chart_returns_to_optimized(&mut p, |p| {
        strategies_pane(p);
        go(p, Pane::Strategies, "strategies[].label", 0);
        keys(p, "D");
    });
}

/// Undo and redo put back or take away a copy: the chart stays on the strategy it showed,
/// listed after the copy; the copy charted, its original stands in when it goes.
#[test]
fn the_chart_stays_on_its_strategy_when_a_copy_is_undone_or_redone() {
    let mut p = planner();
    strategies_pane(&mut p);
    go(&mut p, Pane::Strategies, "strategies[].label", 0);
    keys(&mut p, "D");
    let shown = strategy_names(&p)[3].clone();
    chart(&mut p, &shown);
    keys(&mut p, "u");
    assert_eq!(strategy_names(&p)[2], shown, "the copy undone");
    assert_eq!(charted(&p), shown, "the copy undone");
    keys(&mut p, "<C-r>");
    assert_eq!(strategy_names(&p)[3], shown, "the copy redone");
    assert_eq!(charted(&p), shown, "the copy redone");
    assert_chart_title(&mut p, &shown);
    // The copy charted: undone, the strategy it copies is charted.
    let (original, copy) = (strategy_names(&p)[0].clone(), strategy_names(&p)[1].clone());
    chart(&mut p, &copy);
    keys(&mut p, "u");
    assert_eq!(charted(&p), original);
}

/// Undo and redo put back or take away a removed strategy: the chart stays on the strategy it
/// showed, listed after the removed one.
#[test]
fn the_chart_stays_on_its_strategy_when_a_removal_is_undone_or_redone() {
    let mut p = planner();
    strategies_pane(&mut p);
    let shown = strategy_names(&p)[2].clone();
    go(&mut p, Pane::Strategies, "strategies[].label", 0);
    keys(&mut p, "dy");
    chart(&mut p, &shown);
    keys(&mut p, "u");
    assert_eq!(strategy_names(&p)[2], shown, "the removal undone");
    assert_eq!(charted(&p), shown, "the removal undone");
    keys(&mut p, "<C-r>");
    assert_eq!(strategy_names(&p)[1], shown, "the removal redone");
    assert_eq!(charted(&p), shown, "the removal redone");
    assert_chart_title(&mut p, &shown);
}

/// Undo and redo move a strategy back or again: the chart stays on the strategy it showed, the
/// moved one or the one it swapped places with.
#[test]
fn the_chart_stays_on_its_strategy_when_a_move_is_undone_or_redone() {
    let mut p = planner();
    strategies_pane(&mut p);
    let (first, second) = (strategy_names(&p)[1].clone(), strategy_names(&p)[2].clone());
    go(&mut p, Pane::Strategies, "strategies[].label", 1);
    keys(&mut p, "J");
    assert_eq!(strategy_names(&p)[2], first, "moved down");
    for shown in [&first, &second] {
        chart(&mut p, shown);
        keys(&mut p, "u");
        assert_eq!(strategy_names(&p)[1], first, "the move undone");
        assert_eq!(charted(&p), *shown, "the move undone");
        keys(&mut p, "<C-r>");
        assert_eq!(strategy_names(&p)[2], first, "the move redone");
        assert_eq!(charted(&p), *shown, "the move redone");
        assert_chart_title(&mut p, shown);
    }
}

#[test]
fn the_inspector_explains_the_year_and_draws_its_marginal_rate_curve() {
    let mut p = planner();
    keys(&mut p, "i");
    let screen = render(&mut p, 160, 48);
    assert!(screen.contains("m: the marginal-rate curve"), "{screen}");
    keys(&mut p, "m");
    let screen = render(&mut p, 160, 48);
    assert!(
        screen.contains("Tax on the next dollar against extra IRA income"),
        "{screen}"
    );
    assert!(screen.contains("$300k"), "{screen}");
}

#[test]
fn the_80x24_inspector_scrolls_to_the_balances_and_the_taxes() {
    let mut p = planner();
    keys(&mut p, "<Right><Right>i");
    let top = render(&mut p, 80, 24);
    assert!(!top.contains("Next $1 of long-term gain"), "{top}");
    assert!(top.contains("↓ more"), "{top}");
    keys(&mut p, "<PgDn>");
    let middle = render(&mut p, 80, 24);
    assert!(middle.contains("Balances at year end"), "{middle}");
    keys(&mut p, "<PgDn><PgDn><PgDn><PgDn><PgDn>");
    let bottom = render(&mut p, 80, 24);
    assert!(bottom.contains("Next $1 of long-term gain"), "{bottom}");
    insta::assert_snapshot!("inspector_80x24_last_line", bottom);
    // The title keeps whole parts: the year and the strategy.
    let title = top.lines().next().unwrap_or_default().to_string();
    assert!(title.contains("2028 · Conventional"), "{title}");
}

#[test]
fn keys_never_reach_a_pane_that_is_not_drawn() {
    let mut p = planner();
    let name = p.app.plan.people[0].name.clone();
    // At 100×30 `c` gives the comparison the whole screen, and the focus with it: what is typed
    // then edits no field of the hidden form.
    keys(&mut p, "c");
    let screen = render(&mut p, 100, 30);
    assert!(!screen.contains("Birth year"), "{screen}");
    keys(&mut p, "7");
    assert_eq!(p.app.plan.people[0].name, name);
    assert!(p.app.edit.is_none() && !p.app.dirty);
    // Tab from the comparison back to the form shows the form.
    keys(&mut p, "<Tab>");
    let screen = render(&mut p, 100, 30);
    assert!(screen.contains("Birth year"), "{screen}");
    // However the focus got to the form, the form is drawn while it has it.
    p.app.right_tab = drawdown::tui::app::RightTab::Compare;
    let screen = render(&mut p, 100, 30);
    assert!(screen.contains("Birth year"), "{screen}");
}

#[test]
fn the_comparison_scrolls_no_further_than_its_last_row() {
    let mut p = planner();
    // The estate at five ages: more rows than an 80x24 screen holds.
    p.app.plan.assumptions.estate_at_ages = vec![70, 75, 80, 85, 90];
    p.app.plan_rev += 1;
    p.runner.dispatch(&mut p.app, []);
    keys(&mut p, "c");
    let first = render(&mut p, 80, 24);
    assert!(first.contains("more (↑↓ scroll)"), "{first}");
    for _ in 0..60 {
        keys(&mut p, "<Down>");
        render(&mut p, 80, 24);
    }
    let bottom = render(&mut p, 80, 24);
    assert!(
        !bottom.contains("more (↑↓ scroll)"),
        "the last row is shown: {bottom}"
    );
    // The last row sits at the bottom of the table: no blank lines below it.
    let table: Vec<&str> = bottom.lines().collect();
    let border = table
        .iter()
        .rposition(|l| l.starts_with('└'))
        .expect("the table's bottom border");
    assert!(
        !table[border - 1]
            .trim_matches(|c| c == '│' || c == ' ')
            .is_empty(),
        "{bottom}"
    );
    // One key up shows a row more at once.
    let scroll = p.app.compare.scroll;
    keys(&mut p, "<Up>");
    assert_eq!(p.app.compare.scroll, scroll - 1);
}

#[test]
fn a_rate_reads_back_as_typed() {
    let mut p = planner();
    let row = p
        .app
        .rows_of(Pane::Spending)
        .iter()
        .position(|r| matches!(r, Row::Field(f) if f.spec().label == "Inflation"))
        .expect("an inflation row");
    p.app.set_row(Pane::Spending, row);
    keys(&mut p, "<Enter>0.035");
    let screen = render(&mut p, 160, 48);
    assert!(screen.contains("= 0.035% a year"), "{screen}");
    keys(&mut p, "<Enter>");
    let screen = render(&mut p, 160, 48);
    assert!(screen.contains("0.035%"), "{screen}");
}

#[test]
fn a_short_screen_says_how_to_swap_charts_and_comparison_and_keeps_help_in_view() {
    let mut p = planner();
    let last = |screen: &str| screen.lines().last().unwrap_or_default().to_string();
    let screen = render(&mut p, 120, 30);
    assert!(last(&screen).contains("c comparison"), "{screen}");
    assert!(!screen.contains("Strategies compared"), "{screen}");
    keys(&mut p, "c");
    let screen = render(&mut p, 120, 30);
    assert!(screen.contains("Lifetime federal tax"), "{screen}");
    assert!(last(&screen).contains("c charts"), "{screen}");
    let screen = render(&mut p, 160, 48);
    assert!(!last(&screen).contains("c charts"), "{screen}");
    let screen = render(&mut p, 80, 24);
    assert!(last(&screen).contains("? help"), "{screen}");
    assert!(last(&screen).contains("c charts"), "{screen}");
}

#[test]
fn at_80x24_no_label_is_cut_and_the_chart_title_names_the_strategy() {
    let mut p = planner();
    for pane in Pane::ALL {
        p.app.set_row(pane, 0);
        p.runner.dispatch(&mut p.app, []);
        let screen = render(&mut p, 80, 24);
        for row in &p.app.view.form {
            if let drawdown::tui::viewmodel::FormRow::Field { label, .. } = row
                && screen.contains(label.trim())
            {
                continue;
            }
        }
        assert!(
            screen.contains("Conventional"),
            "the charted strategy is named: {screen}"
        );
    }
    // Every label of every pane shows whole when scrolled to.
    for pane in Pane::ALL {
        let rows = p.app.rows_of(pane);
        for (i, row) in rows.iter().enumerate() {
            if let drawdown::tui::form::Row::Field(f) = row {
                p.app.set_row(pane, i);
                p.runner.dispatch(&mut p.app, []);
                let screen = render(&mut p, 80, 24);
                assert!(
                    screen.contains(f.spec().label.trim()),
                    "{} cut:\n{screen}",
                    f.spec().label
                );
            }
        }
    }
}

#[test]
fn presenter_mode_at_120x35_shows_at_least_five_strategy_columns() {
    let mut p = planner();
    keys(&mut p, "pc");
    let screen = render(&mut p, 120, 35);
    let names = p.app.view.headers.clone();
    let shown = names
        .iter()
        .filter(|n| screen.contains(&n.chars().take(8).collect::<String>()))
        .count();
    assert!(shown >= 5, "{shown} columns:\n{screen}");
}

#[test]
fn the_comparison_scrolls_and_widens_a_column_to_its_full_name() {
    let mut p = planner();
    // A long name: a labeled strategy.
    p.app.plan.strategies[0] =
        p.app.plan.strategies[0].with_label("Taxable first, then the IRA, then Roth");
    // The estate at five ages: more rows than an 80x24 screen holds.
    p.app.plan.assumptions.estate_at_ages = vec![70, 75, 80, 85, 90];
    p.app.plan_rev += 1;
    p.runner.dispatch(&mut p.app, []);
    // A baseline puts each change under its value on a narrow screen: more rows than fit.
    keys(&mut p, "b<Tab><Down>800k<Enter>c");
    p.app.focus = drawdown::tui::app::Focus::Compare;
    let table = |screen: &str| screen.lines().skip(2).collect::<Vec<_>>().join("\n");
    let before = render(&mut p, 80, 24);
    assert!(
        !table(&before).contains("Taxable first, then the IRA, then Roth"),
        "{before}"
    );
    keys(&mut p, "w");
    let wide = render(&mut p, 80, 24);
    assert!(
        table(&wide).contains("Taxable first, then the IRA, then Roth"),
        "{wide}"
    );
    let rows = p.app.view.metric_rows.len();
    let last = p.app.view.metric_rows[rows - 1].label.clone();
    assert!(
        !before.contains(&last),
        "the last row needs scrolling at 80x24:\n{before}"
    );
    for _ in 0..rows {
        keys(&mut p, "<Down>");
    }
    let scrolled = render(&mut p, 80, 24);
    assert!(scrolled.contains(&last), "{scrolled}");
    assert!(scrolled.contains("more"), "{scrolled}");
}

#[test]
fn the_headline_says_what_matters_in_the_figures_on_screen() {
    let mut p = planner();
    let h = p.app.view.headline.clone().unwrap();
    let c = p.app.comparison.as_ref().unwrap();
    let best = c.outcomes.iter().max_by_key(|o| o.estate_real).unwrap();
    let gain = drawdown::money::shown_gap(best.estate_real, c.outcomes[0].estate_real);
    assert!(
        h.starts_with(&format!(
            "Best for heirs: {}, +{} vs Conventional",
            best.strategy,
            drawdown::money::format_dollars(gain)
        )),
        "{h}"
    );
    assert!(
        h.contains("the money lasts to the end in every strategy"),
        "{h}"
    );
    // The README quotes it whole (it had gone stale once: +$69,044 for +$55,842).
    let readme = include_str!("../README.md").replace('\n', " ");
    assert!(
        readme.contains(&format!("\"{h}\"")),
        "the README does not quote: {h}"
    );
    keys(&mut p, "c");
    let screen = render(&mut p, 160, 48);
    assert!(screen.contains("Best for heirs:"), "{screen}");
}

fn strategies_pane(p: &mut Planner) {
    p.app.set_row(Pane::Strategies, 0);
    p.runner.dispatch(&mut p.app, []);
}

#[test]
fn strategies_are_added_tuned_labeled_copied_moved_and_removed_from_the_keyboard() {
    let mut p = planner();
    let n = p.app.plan.strategies.len();
    let columns = |p: &Planner| p.app.comparison.as_ref().unwrap().outcomes.len();
    let before = columns(&p);
    strategies_pane(&mut p);
    // Add a Roth conversion (the picker's sixth choice), to 22% capped at $100k.
    go_add(&mut p, Pane::Strategies, "add a strategy");
    keys(&mut p, "<Enter><Down><Down><Down><Down><Down><Enter>");
    assert_eq!(p.app.plan.strategies.len(), n + 1);
    go(&mut p, Pane::Strategies, "strategies[].yearly_cap", 1);
    keys(&mut p, "<Enter>100k<Enter>");
    let names = drawdown::strategy::unique_names(&p.app.plan.strategies);
    assert!(
        names.contains(&"Convert to 22%, cap $100k".to_string()),
        "{names:?}"
    );
    assert_eq!(columns(&p), before + 1, "the comparison updated at once");
    // A label; then undo takes it back.
    go(&mut p, Pane::Strategies, "strategies[].label", n);
    keys(&mut p, "<Enter>Big conversions<Enter>");
    assert_eq!(p.app.plan.strategies[n].label(), Some("Big conversions"));
    keys(&mut p, "u");
    assert_eq!(p.app.plan.strategies[n].label(), None);
    // Copy it, move the copy up, remove it (after the question).
    keys(&mut p, "D");
    assert_eq!(p.app.plan.strategies.len(), n + 2);
    keys(&mut p, "K");
    assert_eq!(p.app.plan.strategies[n - 1], p.app.plan.strategies[n + 1]);
    keys(&mut p, "dy");
    assert_eq!(p.app.plan.strategies.len(), n + 1);
    insta::assert_snapshot!("strategies_80x24", render(&mut p, 80, 24));
    insta::assert_snapshot!("strategies_160x48", render(&mut p, 160, 48));
}

#[test]
fn a_custom_order_is_built_step_by_step() {
    let mut p = planner();
    strategies_pane(&mut p);
    go_add(&mut p, Pane::Strategies, "add a strategy");
    // The picker's ninth choice: a custom order (Roth, taxable, tax-deferred at first).
    keys(
        &mut p,
        "<Enter><Down><Down><Down><Down><Down><Down><Down><Down><Enter>",
    );
    let i = p.app.plan.strategies.len() - 1;
    assert_eq!(
        drawdown::strategy::unique_names(&p.app.plan.strategies)[i],
        "Roth, taxable, deferred"
    );
    // Cap the tax-deferred step at the 12% bracket top: step 3, "up to" twice.
    go(&mut p, Pane::Strategies, "strategies[].steps[].cap", 2);
    keys(&mut p, "<Enter><Enter>");
    let names = drawdown::strategy::unique_names(&p.app.plan.strategies);
    assert_eq!(names[i], "Roth, taxable, deferred to 12%");
    // Move it first: K on the step.
    go(&mut p, Pane::Strategies, "strategies[].steps[].source", 2);
    keys(&mut p, "KK");
    let names = drawdown::strategy::unique_names(&p.app.plan.strategies);
    assert_eq!(names[i], "Deferred to 12%, Roth, taxable");
    // The comparison is reachable: e from the comparison opens the strategy here.
    p.app.focus = drawdown::tui::app::Focus::Compare;
    p.app.strategy = p.app.strategies() - 1;
    keys(&mut p, "e");
    assert_eq!(p.app.pane, Pane::Strategies);
}

/// `e` opens the strategy charted, also when another is set the same way (an unchanged copy):
/// it opened the first of the two.
#[test]
fn e_opens_the_charted_copy_not_the_strategy_it_copies() {
    let mut p = planner();
    let original = p
        .app
        .plan
        .strategies
        .iter()
        .position(|s| *s == drawdown::strategy::StrategySpec::HeirAware)
        .expect("the demo compares Heir-aware");
    p.app
        .plan
        .strategies
        .push(drawdown::strategy::StrategySpec::HeirAware);
    let copy = p.app.plan.strategies.len() - 1;
    p.app.plan_rev += 1;
    p.runner.dispatch(&mut p.app, []);
    p.app.focus = drawdown::tui::app::Focus::Compare;
    p.app.strategy = p.app.strategies() - 1;
    keys(&mut p, "e");
    assert_eq!(p.app.pane, Pane::Strategies);
    let at = p
        .app
        .selected_field()
        .expect("a field of the strategy")
        .loc
        .0;
    assert_eq!(at, copy, "not the original at {original}");
}

/// A field's help is read whole where the pane has room below its rows: it ended in "…" after
/// three lines (at 160×48 the People pane has a dozen empty rows).
#[test]
fn a_fields_help_runs_on_into_the_panes_spare_rows() {
    let mut p = planner();
    go(&mut p, Pane::People, "people[].coverage", 0);
    p.runner.dispatch(&mut p.app, []);
    let screen = render(&mut p, 160, 48);
    let form: String = screen
        .lines()
        .map(|l| l.split('│').nth(1).unwrap_or("").trim())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        form.contains("with wages, an employer's plan"),
        "the help's last words: {screen}"
    );
}

#[test]
fn snapshots_of_the_main_screens() {
    let mut p = planner();
    insta::assert_snapshot!("main_80x24", render(&mut p, 80, 24));
    insta::assert_snapshot!("main_160x48", render(&mut p, 160, 48));
    keys(&mut p, "c");
    insta::assert_snapshot!("comparison_80x24", render(&mut p, 80, 24));
    insta::assert_snapshot!("comparison_160x48", render(&mut p, 160, 48));
    keys(&mut p, "c<Right><Right>i");
    insta::assert_snapshot!("inspector_80x24", render(&mut p, 80, 24));
    insta::assert_snapshot!("inspector_160x48", render(&mut p, 160, 48));
    keys(&mut p, "<Esc>?");
    insta::assert_snapshot!("help_80x24", render(&mut p, 80, 24));
    insta::assert_snapshot!("help_160x48", render(&mut p, 160, 48));
    keys(&mut p, "<Esc><C-o>");
    insta::assert_snapshot!("open_80x24", render(&mut p, 80, 24));
    insta::assert_snapshot!("open_160x48", render(&mut p, 160, 48));
    keys(&mut p, "<Esc>");
    p.app.overlay = Some(Overlay::Error {
        title: "Cannot open this plan (line 3, column 9)".into(),
        message: "plans/mine.ron: line 3, column 9: Expected string".into(),
    });
    insta::assert_snapshot!("error_80x24", render(&mut p, 80, 24));
    insta::assert_snapshot!("error_160x48", render(&mut p, 160, 48));
}

#[test]
fn queued_keys_are_applied_as_one_batch_and_recomputed_once() {
    let mut p = planner();
    let before = p.app.recomputes;
    // Twenty keys arriving together: an edit opened, typed into and kept.
    keys(
        &mut p,
        "<Tab><Down><Enter>1234567<BS><BS>89<Enter><Up><Down>",
    );
    assert_eq!(p.app.recomputes, before + 1, "one recompute for the batch");
    assert_eq!(balance(&p, 0), dec!(1234589));
    // Keys that change nothing the engine reads recompute nothing.
    keys(&mut p, "<Right><Right><Left>");
    assert_eq!(p.app.recomputes, before + 1);
}

#[test]
fn an_idle_planner_has_nothing_to_redraw() {
    let mut plan = demo_plan();
    plan.strategies.retain(|s| !s.is_optimized());
    plan.assumptions.simulation.mode = drawdown::plan::PathMode::Constant;
    let (app, runner) = Runner::with_plan(plan, None, places(None));
    let mut p = Planner { app, runner };
    // The start of background work (none, for constant returns) is the last change.
    settle(&mut p, |a| a.background.progress.is_none());
    std::thread::sleep(Duration::from_millis(60));
    p.runner.tick(&mut p.app);
    assert!(!p.runner.tick(&mut p.app), "nothing changed: no frame");
    assert!(!p.runner.busy());
}

#[test]
fn a_state_is_picked_from_the_states_whose_name_or_code_matches() {
    let mut p = planner();
    go(&mut p, Pane::People, "state.code", 0);
    // The field shows the state's name; typing searches codes and names.
    keys(&mut p, "<Enter>new");
    let offers = p.app.edit.as_ref().unwrap().offers();
    assert_eq!(
        offers,
        [
            "New Hampshire (NH)",
            "New Jersey (NJ)",
            "New Mexico (NM)",
            "New York (NY)"
        ]
    );
    let screen = render(&mut p, 160, 48);
    assert!(
        screen.contains("▸ New Hampshire (NH) · New Jersey (NJ)"),
        "{screen}"
    );
    // A narrow form shows the highlighted offer and says there are more.
    let screen = render(&mut p, 80, 24);
    assert!(screen.contains("▸ New Hampshire (NH) …"), "{screen}");
    // Down moves the highlight, Enter takes it.
    keys(&mut p, "<Down><Enter>");
    assert!(p.app.edit.is_none());
    assert_eq!(p.app.plan.state.code(), Some(drawdown::tax::StateCode::NJ));
    // A code is enough, in any case; so is a name.
    keys(&mut p, "<Enter>fl<Enter>");
    assert_eq!(p.app.plan.state.code(), Some(drawdown::tax::StateCode::FL));
    keys(&mut p, "<Enter>georgia<Enter>");
    assert_eq!(p.app.plan.state.code(), Some(drawdown::tax::StateCode::GA));
    // 'own' offers the plan's own flat rate.
    keys(&mut p, "<Enter>own<Enter>");
    assert!(p.app.plan.state.custom_tax().is_some());
    // Esc restores the state from before the edit.
    keys(&mut p, "<Enter>tex<Esc>");
    assert!(p.app.plan.state.custom_tax().is_some());
}

#[test]
fn a_scenario_is_edited_through_the_same_form_and_saved_as_its_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = with_places(places(Some(dir.path())));
    let base = demo_plan();
    // v lists the base and the demo's two scenarios; Enter on "Claim at 70" edits it.
    keys(&mut p, "v<Down><Enter>");
    assert_eq!(p.app.household_name().as_deref(), Some("Claim at 70"));
    assert!(
        p.app
            .plan
            .income
            .social_security
            .iter()
            .all(|s| s.claim_age == 70)
    );
    // The form marks the overridden fields.
    keys(&mut p, "<Tab><Tab>");
    let screen = render(&mut p, 80, 24);
    assert!(screen.contains("◆ Claiming age"), "{screen}");
    // Editing a field of the scenario makes it an override of the scenario alone.
    go(&mut p, Pane::Spending, "spending.annual", 0);
    keys(&mut p, "<Enter>90k<Enter>");
    assert!(render(&mut p, 80, 24).contains("◆ Yearly need"));
    let path = dir.path().join("d.ron");
    keys(&mut p, &format!("S<C-u>{}<Enter>", path.display()));
    let saved = load_plan(&path).unwrap();
    assert_eq!(saved.base(), base.base(), "the base is unchanged");
    let set: Vec<&str> = saved.scenarios[0].set.keys().map(String::as_str).collect();
    assert_eq!(
        set,
        [
            "income.social_security[0].claim_age",
            "income.social_security[1].claim_age",
            "spending.annual"
        ]
    );
    assert_eq!(saved.scenarios[1], base.scenarios[1]);
    // Back on the base: its own spending, no marks.
    keys(&mut p, "v<Up><Enter>");
    assert_eq!(p.app.household_name(), None);
    assert_eq!(p.app.plan.spending.annual, dec!(100000));
    assert!(!render(&mut p, 80, 24).contains('◆'));
}

#[test]
fn scenarios_are_added_copied_renamed_and_deleted() {
    let mut p = planner();
    keys(&mut p, "va");
    let names = |p: &Planner| -> Vec<String> {
        p.app
            .file_plan()
            .scenarios
            .iter()
            .map(|s| s.name.clone())
            .collect()
    };
    assert_eq!(
        names(&p),
        ["Claim at 70", "Move to Florida", "New scenario"]
    );
    keys(&mut p, "n<C-u>Retire later<Enter>");
    assert_eq!(names(&p)[2], "Retire later");
    // A name another scenario has is refused.
    keys(&mut p, "n<C-u>claim at 70<Enter>");
    assert!(matches!(
        p.app.overlay,
        Some(Overlay::RenameScenario { .. })
    ));
    keys(&mut p, "<Esc>");
    keys(&mut p, "<Up>D");
    assert_eq!(names(&p)[3], "Move to Florida copy");
    assert_eq!(
        p.app.file_plan().scenarios[3].set,
        p.app.file_plan().scenarios[1].set
    );
    // Deleting asks first.
    keys(&mut p, "d");
    assert!(matches!(
        p.app.overlay,
        Some(Overlay::ConfirmDeleteScenario { .. })
    ));
    keys(&mut p, "n");
    assert_eq!(names(&p).len(), 4);
    keys(&mut p, "dy");
    assert_eq!(names(&p).len(), 3);
    // Deleting the scenario being edited goes back to the base.
    keys(&mut p, "<Esc>v<Down><Enter>vdy");
    assert_eq!(p.app.household_name(), None);
    assert_eq!(names(&p), ["Move to Florida", "Retire later"]);
    keys(&mut p, "<Esc>u");
    assert_eq!(names(&p).len(), 3, "undo brings it back on the base");
}

/// A scenario named like another's change column ("Δ Claim at 70" beside "Claim at 70") made a
/// plan that could not be saved: refused when typed either way round, and never given to a new
/// scenario.
#[test]
fn a_scenario_is_not_named_like_another_s_change_against_the_base() {
    let mut p = planner();
    let names = |p: &Planner| -> Vec<String> {
        p.app
            .file_plan()
            .scenarios
            .iter()
            .map(|s| s.name.clone())
            .collect()
    };
    let status = |p: &Planner| {
        p.app
            .status
            .as_ref()
            .map(|s| s.0.clone())
            .unwrap_or_default()
    };
    assert_eq!(names(&p), ["Claim at 70", "Move to Florida"]);
    keys(&mut p, "v<Down><Down>n<C-u>Δ claim at 70<Enter>");
    assert!(matches!(
        p.app.overlay,
        Some(Overlay::RenameScenario { .. })
    ));
    assert!(
        status(&p).contains("change against the base"),
        "{}",
        status(&p)
    );
    keys(&mut p, "<C-u>Δ New scenario<Enter>");
    assert_eq!(names(&p)[1], "Δ New scenario");
    // The other way round: the first scenario renamed "New scenario".
    keys(&mut p, "<Up>n<C-u>new scenario<Enter>");
    assert!(matches!(
        p.app.overlay,
        Some(Overlay::RenameScenario { .. })
    ));
    assert!(status(&p).contains("\"Δ New scenario\""), "{}", status(&p));
    assert_eq!(names(&p)[0], "Claim at 70");
    // A new scenario is not given the name either.
    keys(&mut p, "<Esc>a");
    assert_eq!(names(&p)[2], "New scenario 2");
    assert!(drawdown::plan::validate(&p.app.file_plan()).is_empty());
}

#[test]
fn snapshots_of_the_scenario_views() {
    let mut p = planner();
    keys(&mut p, "v");
    insta::assert_snapshot!("scenarios_80x24", render(&mut p, 80, 24));
    insta::assert_snapshot!("scenarios_160x48", render(&mut p, 160, 48));
    keys(&mut p, "<Esc>V");
    insta::assert_snapshot!("scenario_compare_80x24", render(&mut p, 80, 24));
    // At 80x24 the rows below scroll under the pinned names and best strategies, to the notes.
    let top = render(&mut p, 80, 24);
    assert!(top.contains("more rows below"), "{top}");
    keys(&mut p, "<PgDn><PgDn><PgDn>");
    let bottom = render(&mut p, 80, 24);
    insta::assert_snapshot!("scenario_compare_80x24_scrolled", bottom);
    assert!(bottom.contains("Best strategy") && bottom.contains("Claim at 70"));
    assert!(bottom.contains("Shortfall years") && bottom.contains("first-year dollars"));
    assert!(
        !bottom.contains("Lifetime federal tax"),
        "scrolled past the first rows"
    );
    keys(&mut p, "<PgUp><PgUp><PgUp>");
    assert_eq!(render(&mut p, 80, 24), top);
    insta::assert_snapshot!("scenario_compare_160x48", render(&mut p, 160, 48));
    keys(&mut p, "<Esc>t");
    insta::assert_snapshot!("actions_80x24", render(&mut p, 80, 24));
    insta::assert_snapshot!("actions_160x48", render(&mut p, 160, 48));
}

#[test]
fn the_handout_key_writes_the_household_on_screen_beside_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = with_places(places(Some(dir.path())));
    let path = dir.path().join("d.ron");
    keys(&mut p, &format!("S<C-u>{}<Enter>", path.display()));
    keys(&mut p, "PH");
    let written = dir.path().join("d-handout.html");
    let html = std::fs::read_to_string(&written).expect("the handout");
    assert!(html.ends_with("</html>\n"));
    // Privacy mode applies: no names.
    assert!(!html.contains("Dana"), "privacy mode");
    keys(&mut p, "Pv<Down><Down><Enter>H");
    let fl = std::fs::read_to_string(dir.path().join("d-move-to-florida-handout.html")).unwrap();
    assert!(fl.contains("<b>Scenario:</b> Move to Florida") && fl.contains("Dana"));
}

#[test]
fn the_handout_of_an_unsaved_plan_goes_to_the_plans_folder() {
    let plans = tempfile::tempdir().unwrap();
    let examples = tempfile::tempdir().unwrap();
    let mut p = with_places(Places {
        data_dir: Some(plans.path().to_path_buf()),
        saves_dir: Some(examples.path().to_path_buf()),
        instance: "handout".into(),
    });
    assert!(p.app.file.is_none());
    keys(&mut p, "H");
    let name = format!("{}-handout.html", "d-sequential-vs-integrated-couple");
    assert!(plans.path().join(&name).exists(), "{:?}", p.app.status);
    assert!(!examples.path().join(&name).exists());
}

/// C opens the claiming-age heat map: computed in the background (the grid fills in cell by
/// cell), the best cell marked and the plan's own ages in brackets; m changes the measure.
#[test]
fn claiming_ages_heat_map_fills_in_and_changes_measure() {
    let mut p = planner();
    keys(&mut p, "C");
    // Everything in the background done, so the screen behind the window is settled too.
    settle(&mut p, |a| {
        a.claiming
            .grid
            .as_ref()
            .is_some_and(|g| g.done() == 81 && !a.claiming.running)
            && a.background.optimizing.is_empty()
            && a.background.risk.as_ref().is_some_and(|r| r.is_complete())
    });
    let screen = render(&mut p, 160, 48);
    assert!(screen.contains("Claiming ages by the year"), "{screen}");
    assert!(
        screen.contains("expected after-tax estate at the last death"),
        "{screen}"
    );
    assert!(screen.contains("81 cells"), "{screen}");
    assert!(screen.contains("Life expectancy"), "{screen}");
    assert!(screen.contains('*') && screen.contains('['), "{screen}");
    insta::assert_snapshot!("claiming_160x48", screen);
    keys(&mut p, "m");
    let screen = render(&mut p, 160, 48);
    assert!(
        screen.contains("after-tax estate at the planning ages"),
        "{screen}"
    );
    keys(&mut p, "<Esc>");
    assert!(p.app.overlay.is_none());
}

/// M switches the heat map to claiming ages by the month: a new run of 97 × 97 cells in the
/// background (the year grid's is dropped), shown around the best cell as it fills in, the
/// arrows moving a cursor over it; M again goes back to the years.
#[test]
fn claiming_heat_map_by_the_month_scrolls_around_a_cursor() {
    let mut p = planner();
    keys(&mut p, "C");
    settle(&mut p, |a| {
        a.claiming.grid.as_ref().is_some_and(|g| g.done() == 81)
    });
    let years = p.app.claiming.grid.clone().unwrap();
    let year_best = {
        let (r, c) = years.best(Measure::WeightedEstate).unwrap();
        years.cell(r, c).unwrap().clone()
    };
    keys(&mut p, "M");
    assert!(p.app.claiming.months);
    // The first row in: the grid is the month grid, partly filled.
    settle(&mut p, |a| {
        a.claiming
            .grid
            .as_ref()
            .is_some_and(|g| g.cells.len() == 97 * 97 && g.done() >= 100)
    });
    let g = p.app.claiming.grid.clone().unwrap();
    assert_eq!((g.rows.len(), g.cols.len()), (97, 97));
    assert_eq!(g.rows[1].to_string(), "62y1m");
    // Every whole-year cell computed so far is the year grid's own cell.
    let year_row = |r: usize| g.rows[r].months == 0;
    let whole: Vec<(usize, usize)> = (0..g.cells.len())
        .map(|i| (i / 97, i % 97))
        .filter(|&(r, c)| year_row(r) && g.cols[c].months == 0 && g.cell(r, c).is_some())
        .collect();
    assert!(whole.len() >= 2, "{whole:?}");
    for (r, c) in whole {
        assert_eq!(g.cell(r, c), years.cell(r / 12, c / 12), "{r} {c}");
    }
    let screen = render(&mut p, 80, 24);
    assert!(screen.contains("Claiming ages by the month"), "{screen}");
    assert!(screen.contains("of 9409 cells"), "{screen}");
    assert!(screen.contains("of 97)"), "{screen}");
    // The arrows move a cursor from the cell the window centres on, within the grid.
    let before = p.app.claiming.focus().unwrap();
    keys(&mut p, "<Down><Right><Right>");
    let after = p.app.claiming.cursor.unwrap();
    assert_eq!(after, ((before.0 + 1).min(96), (before.1 + 2).min(96)));
    for _ in 0..110 {
        keys(&mut p, "<Up>");
    }
    assert_eq!(p.app.claiming.cursor.unwrap().0, 0);
    let screen = render(&mut p, 80, 24);
    assert!(screen.contains("62 to "), "{screen}");
    // Back to the years: the year grid again, from the start.
    keys(&mut p, "M");
    settle(&mut p, |a| {
        a.claiming
            .grid
            .as_ref()
            .is_some_and(|g| g.cells.len() == 81 && g.done() == 81)
    });
    let g = p.app.claiming.grid.as_ref().unwrap();
    let (r, c) = g.best(Measure::WeightedEstate).unwrap();
    assert_eq!(g.cell(r, c).unwrap(), &year_best);
    keys(&mut p, "<Esc>");
    assert!(p.app.overlay.is_none());
}

/// One undo history for the base and its scenarios, as a spreadsheet's for its sheets:
/// switching household keeps it, and undoing a change made in another household goes back
/// there to undo it; redo walks forward the same way. Nothing is lost by looking elsewhere.
#[test]
fn undo_and_redo_follow_changes_across_scenario_switches() {
    let mut p = planner();
    let spending = |p: &Planner| p.app.plan.spending.annual;
    // 1. On the base: spending to 90k.
    go(&mut p, Pane::Spending, "spending.annual", 0);
    keys(&mut p, "<Enter>90k<Enter>");
    assert_eq!(spending(&p), dec!(90000));
    // 2. In "Claim at 70": spending to 80k, its own override.
    keys(&mut p, "v<Down><Enter>");
    assert_eq!(p.app.household_name().as_deref(), Some("Claim at 70"));
    go(&mut p, Pane::Spending, "spending.annual", 0);
    keys(&mut p, "<Enter>80k<Enter>");
    assert_eq!(spending(&p), dec!(80000));
    // 3. Back on the base, which kept its 90k.
    keys(&mut p, "v<Up><Enter>");
    assert_eq!((p.app.household_name(), spending(&p)), (None, dec!(90000)));
    // Undo: the last change was the scenario's, so undo goes there and undoes it.
    keys(&mut p, "u");
    assert_eq!(p.app.household_name().as_deref(), Some("Claim at 70"));
    assert_eq!(
        spending(&p),
        dec!(90000),
        "the scenario follows the base again"
    );
    assert!(
        !p.app.file_plan().scenarios[0]
            .set
            .contains_key("spending.annual")
    );
    let status = p
        .app
        .status
        .as_ref()
        .map(|s| s.0.clone())
        .unwrap_or_default();
    assert!(status.contains("Claim at 70"), "{status}");
    // Undo again: the base's change, back on the base.
    keys(&mut p, "u");
    assert_eq!((p.app.household_name(), spending(&p)), (None, dec!(100000)));
    keys(&mut p, "u");
    assert_eq!(spending(&p), dec!(100000), "nothing more to undo");
    // Redo walks forward: the base's 90k, then the scenario's 80k in the scenario.
    keys(&mut p, "<C-r>");
    assert_eq!((p.app.household_name(), spending(&p)), (None, dec!(90000)));
    keys(&mut p, "<C-r>");
    assert_eq!(p.app.household_name().as_deref(), Some("Claim at 70"));
    assert_eq!(spending(&p), dec!(80000));
    assert_eq!(
        p.app.file_plan().spending.annual,
        dec!(90000),
        "the base's own"
    );
    // A scenario added while editing a scenario is undone too.
    keys(&mut p, "va<Esc>");
    assert_eq!(p.app.file_plan().scenarios.len(), 3);
    keys(&mut p, "u");
    assert_eq!(p.app.file_plan().scenarios.len(), 2);
    assert_eq!(p.app.household_name().as_deref(), Some("Claim at 70"));
}

/// Privacy mode hides a person's name wherever the user wrote it into another name: a
/// strategy's label (comparison heads, chart titles, the headline, the Strategies pane) and a
/// scenario's name (the status bar, the scenario list, the side-by-side view).
#[test]
fn privacy_hides_names_in_strategy_labels_and_scenario_names() {
    let mut plan = demo_plan();
    plan.strategies.insert(
        0,
        drawdown::strategy::StrategySpec::HeirAware.with_label("For Lee's kids"),
    );
    plan.scenarios[0].name = "Dana retires at 62".into();
    let (app, runner) = Runner::with_plan(plan, None, places(None));
    let mut p = Planner { app, runner };
    let screen = render(&mut p, 160, 48);
    assert!(screen.contains("For Lee's kids"), "{screen}");
    keys(&mut p, "P");
    let hidden = |screen: &str| !screen.contains("Dana") && !screen.contains("Lee");
    let screen = render(&mut p, 160, 48);
    assert!(hidden(&screen), "{screen}");
    assert!(screen.contains("For Person 2's kids"), "{screen}");
    insta::assert_snapshot!("privacy_labels_160x48", screen);
    // The Strategies pane: the heading and the label field.
    keys(&mut p, "<Tab><Tab><Tab><Tab>");
    let screen = render(&mut p, 80, 24);
    assert!(hidden(&screen), "{screen}");
    assert!(screen.contains("Person 2's kids"), "{screen}");
    insta::assert_snapshot!("privacy_labels_strategies_80x24", screen);
    // A scenario named after a person: the list, the status bar while editing it, side by side.
    keys(&mut p, "v");
    let screen = render(&mut p, 80, 24);
    assert!(
        hidden(&screen) && screen.contains("Person 1 retires at 62"),
        "{screen}"
    );
    keys(&mut p, "<Down><Enter>");
    let screen = render(&mut p, 80, 24);
    assert!(
        hidden(&screen) && screen.contains("Person 1 retires"),
        "{screen}"
    );
    insta::assert_snapshot!("privacy_labels_scenario_80x24", screen);
    keys(&mut p, "V");
    let screen = render(&mut p, 160, 48);
    assert!(
        hidden(&screen) && screen.contains("Person 1 retires at 62"),
        "{screen}"
    );
}

#[test]
fn a_windfall_and_a_401k_deferral_entered_in_the_income_pane_show_in_the_inspector() {
    let mut p = planner();
    // Income pane: add wages (the eighth row), defer $10,000 of them; add a windfall (the
    // tenth row once the wage's six rows are in), received in 2027.
    keys(&mut p, "<Tab><Tab>");
    keys(&mut p, "<Down><Down><Down><Down><Down><Down><Down><Enter>");
    keys(&mut p, "<Down><Down><Down><Down>10000<Enter>");
    assert_eq!(p.app.plan.income.wages[0].deferral, dec!(10000));
    keys(&mut p, "<Down><Down><Down><Down><Enter>");
    assert_eq!(p.app.plan.income.windfalls.len(), 1);
    let form = render(&mut p, 160, 48);
    assert!(form.contains("401(k) deferral /yr"), "{form}");
    assert!(form.contains("Windfall in year"), "{form}");
    // 2027 in the inspector: both lines, and the year's line says so.
    keys(&mut p, "<Esc><Right>i");
    let screen = render(&mut p, 160, 48);
    for line in [
        "received a windfall of $102,500",
        "deferred $10,250 of wages to 401(k)s",
        "Windfall",
        "401(k) deferrals (from wages)",
    ] {
        assert!(screen.contains(line), "{line}: {screen}");
    }
}

/// Stepping Returns to one rate and back gives the rates the user had, not ones derived from the
/// one rate: a round trip of the choice is no change. The values each option last had are kept,
/// edits included.
#[test]
fn stepping_returns_to_one_rate_and_back_keeps_the_asset_class_rates() {
    use drawdown::plan::Returns;
    let mut p = planner();
    let before = p.app.plan.assumptions.returns.clone();
    let estate_before = estate(&p);
    go(&mut p, Pane::Spending, "assumptions.returns", 0);
    keys(&mut p, "<Enter>");
    assert!(matches!(
        p.app.plan.assumptions.returns,
        Returns::Constant { .. }
    ));
    keys(&mut p, "<Enter>");
    assert_eq!(p.app.plan.assumptions.returns, before);
    assert_eq!(estate(&p), estate_before);
    // An edit on either side is what that side comes back with.
    go(&mut p, Pane::Spending, "assumptions.returns.stocks", 0);
    keys(&mut p, "<Enter>8<Enter>");
    go(&mut p, Pane::Spending, "assumptions.returns", 0);
    keys(&mut p, "<Enter>");
    go(&mut p, Pane::Spending, "assumptions.returns.nominal", 0);
    keys(&mut p, "<Enter>6<Enter>");
    go(&mut p, Pane::Spending, "assumptions.returns", 0);
    keys(&mut p, "<Enter>");
    assert!(matches!(
        p.app.plan.assumptions.returns,
        Returns::ByAssetClass { stocks, .. } if stocks == dec!(0.08)
    ));
    keys(&mut p, "<Enter>");
    assert_eq!(
        p.app.plan.assumptions.returns,
        Returns::Constant {
            nominal: dec!(0.06)
        }
    );
}

/// A digit on a choice's row does not start an edit: the status bar says how a choice is set.
#[test]
fn typing_on_a_choice_says_it_is_stepped_with_enter() {
    let mut p = planner();
    go(&mut p, Pane::Spending, "assumptions.returns", 0);
    let before = p.app.plan.clone();
    keys(&mut p, "5");
    assert!(p.app.edit.is_none());
    assert_eq!(p.app.plan, before);
    let status = p
        .app
        .status
        .as_ref()
        .map(|s| s.0.clone())
        .unwrap_or_default();
    assert!(status.contains("Enter"), "{status:?}");
}

/// What a choice kept is for the item it was kept at: once a removal moves another person into
/// that place, their coverage does not come back with the removed person's premium.
#[test]
fn a_kept_premium_is_not_given_to_the_person_who_takes_the_removed_one_s_place() {
    use drawdown::plan::Coverage;
    let plan = load_plan(Path::new("saves/G.ron")).unwrap();
    let (app, runner) = Runner::with_plan(plan, None, places(None));
    let mut p = Planner { app, runner };
    go(&mut p, Pane::People, "people[].coverage", 0);
    keys(&mut p, "<Enter>");
    go(&mut p, Pane::People, "people[].coverage", 1);
    keys(&mut p, "<Enter>");
    assert_eq!(p.app.plan.people[1].coverage, Coverage::Employer);
    go(&mut p, Pane::People, "people[].name", 0);
    keys(&mut p, "dm");
    assert_eq!(p.app.plan.people[0].name, "Blake");
    go(&mut p, Pane::People, "people[].coverage", 0);
    keys(&mut p, "<Enter><Enter><Enter>");
    assert!(
        matches!(p.app.plan.people[0].coverage, Coverage::Marketplace { benchmark, .. } if benchmark != dec!(14500)),
        "{:?}",
        p.app.plan.people[0].coverage
    );
}

/// Coverage stepped round its four choices comes back to the person's own benchmark: the same
/// plan as before the round.
#[test]
fn coverage_stepped_round_its_choices_keeps_the_own_benchmark() {
    use drawdown::plan::Coverage;
    let plan = load_plan(Path::new("saves/G.ron")).unwrap();
    let (app, runner) = Runner::with_plan(plan, None, places(None));
    let mut p = Planner { app, runner };
    let before = p.app.plan.clone();
    let estate_before = estate(&p);
    go(&mut p, Pane::People, "people[].coverage", 0);
    keys(&mut p, "<Enter><Enter><Enter>");
    assert!(p.app.plan.people[0].coverage.is_auto());
    keys(&mut p, "<Enter>");
    assert_eq!(
        p.app.plan.people[0].coverage,
        Coverage::Marketplace {
            benchmark: dec!(14500),
            at_age: 60
        }
    );
    assert_eq!(p.app.plan, before);
    assert_eq!(estate(&p), estate_before);
    let screen = render(&mut p, 160, 48);
    assert!(screen.contains("$14,500"), "{screen}");
}

/// With no premium of the person's own yet, choosing one starts from the default premium the
/// form showed beside the default choice (not $0, which would make coverage free), and a $0
/// premium typed in is accepted but warned about.
#[test]
fn an_own_premium_starts_from_the_default_one_and_zero_is_warned() {
    use drawdown::plan::Coverage;
    let mut plan = load_plan(Path::new("saves/G.ron")).unwrap();
    plan.people[0].coverage = Coverage::Auto;
    let (app, runner) = Runner::with_plan(plan, None, places(None));
    let mut p = Planner { app, runner };
    go(&mut p, Pane::People, "people[].coverage", 0);
    let estate_before = estate(&p);
    keys(&mut p, "<Enter>");
    // The README's default: $625 a month at 40 in 2026, $15,927 a year at 60 on the age curve.
    assert_eq!(
        p.app.plan.people[0].coverage,
        Coverage::Marketplace {
            benchmark: dec!(15927),
            at_age: 60
        }
    );
    let screen = render(&mut p, 80, 24);
    assert!(screen.contains("$15,927"), "{screen}");
    // The default premium stated as the person's own: the same plan, to the cent's rounding.
    assert!(
        (estate(&p) - estate_before).abs() < dec!(100),
        "{}",
        estate(&p) - estate_before
    );
    // The demo's Dana is 65: her first premium of her own is the default at 64, not $0.
    let mut d = planner();
    go(&mut d, Pane::People, "people[].coverage", 0);
    keys(&mut d, "<Enter>");
    assert!(
        matches!(d.app.plan.people[0].coverage, Coverage::Marketplace { benchmark, at_age: 64 } if benchmark > Decimal::ZERO),
        "{:?}",
        d.app.plan.people[0].coverage
    );
    // $0 is a valid premium, but free coverage: the form says so.
    go(&mut p, Pane::People, "people[].coverage.benchmark", 0);
    keys(&mut p, "<Enter>0<Enter>");
    assert_eq!(
        p.app.plan.people[0].coverage,
        Coverage::Marketplace {
            benchmark: Decimal::ZERO,
            at_age: 60
        }
    );
    let screen = render(&mut p, 80, 24);
    assert!(
        screen.contains("Avery's own premium is $0") && screen.contains("is free"),
        "{screen}"
    );
}

/// A claiming age of 70 while the months are set: the line under the age says why in words that
/// fit the pane, at 80×24 as at 160×48, never cut to "✗…" (the months' own path, 39 characters,
/// was the first word of the reason, and a line narrower than it showed nothing else).
#[test]
fn a_claiming_age_at_odds_with_its_months_says_why_under_it() {
    let mut p = planner();
    go(
        &mut p,
        Pane::Income,
        "income.social_security[].claim_age",
        0,
    );
    keys(&mut p, "<Enter>65<Enter>");
    go(
        &mut p,
        Pane::Income,
        "income.social_security[].claim_months",
        0,
    );
    keys(&mut p, "<Enter>6<Enter>");
    go(
        &mut p,
        Pane::Income,
        "income.social_security[].claim_age",
        0,
    );
    keys(&mut p, "<Enter>70");
    let error = p.app.edit.as_ref().and_then(|e| e.error.clone());
    assert_eq!(
        error.as_deref(),
        Some("and months: must be 0 when claiming at 70")
    );
    for (w, h) in [(80, 24), (160, 48)] {
        let screen = render(&mut p, w, h);
        assert!(!screen.contains("✗…"), "{screen}");
        let reason: String = screen
            .lines()
            .skip_while(|l| !l.contains("✗"))
            .take(3)
            .map(|l| l.split('│').nth(1).unwrap_or("").trim())
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            reason.starts_with("✗ and months: must be 0 when claiming at 70"),
            "{reason}: {screen}"
        );
    }
    // Typed into the months themselves, the reason is the field's own.
    keys(&mut p, "<Esc>");
    go(
        &mut p,
        Pane::Income,
        "income.social_security[].claim_months",
        0,
    );
    keys(&mut p, "<Enter>0<Enter>");
    go(
        &mut p,
        Pane::Income,
        "income.social_security[].claim_age",
        0,
    );
    keys(&mut p, "<Enter>70<Enter>");
    go(
        &mut p,
        Pane::Income,
        "income.social_security[].claim_months",
        0,
    );
    keys(&mut p, "<Enter>6");
    let error = p.app.edit.as_ref().and_then(|e| e.error.clone());
    assert_eq!(error.as_deref(), Some("must be 0 when claiming at 70"));
}

/// The text inside the window titled `title` on a rendered screen: its rows, each trimmed,
/// joined by single spaces (a wrapped sentence reads as one).
fn window_text(screen: &str, title: &str) -> String {
    normalised(&window_rows(screen, title).join(" "))
}

/// The rows inside the window titled `title`.
fn window_rows(screen: &str, title: &str) -> Vec<String> {
    let rows: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let head: Vec<char> = format!("┌ {title}").chars().collect();
    let (top, left) = rows
        .iter()
        .enumerate()
        .find_map(|(y, r)| {
            r.windows(head.len())
                .position(|w| w == head.as_slice())
                .map(|x| (y, x))
        })
        .unwrap_or_else(|| panic!("no window {title}:\n{screen}"));
    let right = left + rows[top][left..].iter().position(|c| *c == '┐').unwrap();
    let mut out = Vec::new();
    for r in &rows[top + 1..] {
        if r[left] == '└' {
            break;
        }
        out.push(r[left + 1..right].iter().collect::<String>());
    }
    out
}

fn normalised(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every key's description reads whole in the help, at 80 and 160 columns: long ones wrap
/// under themselves (they were cut at the window's edge, "…or inspec", "(asks firs").
#[test]
fn the_help_wraps_every_description_so_every_word_shows() {
    let mut p = planner();
    keys(&mut p, "?");
    for width in [80, 160] {
        // Tall enough for every line: what is checked is the width.
        let text = window_text(&render(&mut p, width, 200), "Keys");
        for b in drawdown::tui::keymap::bindings() {
            assert!(
                text.contains(&normalised(b.help)),
                "at {width} columns: {}\n{text}",
                b.help
            );
        }
        for (_, what) in drawdown::tui::keymap::typing_help() {
            assert!(text.contains(&normalised(what)), "{what}\n{text}");
        }
    }
    // At 160x48 nothing needs cutting: the window is as wide as the longest line needs.
    let screen = render(&mut p, 160, 48);
    assert!(
        screen.contains("step a choice, or inspect the year"),
        "{screen}"
    );
    assert!(screen.contains("(asks first)"), "{screen}");
}

/// The strategy picker shows each strategy's whole description, wrapped, in a window no taller
/// than its choices need ("…stopping below the…" was cut above 15 empty rows); on a short screen
/// the selected choice is in view with its whole description.
#[test]
fn the_strategy_picker_wraps_descriptions_and_keeps_the_selected_one_whole() {
    let mut p = planner();
    strategies_pane(&mut p);
    go_add(&mut p, Pane::Strategies, "add a strategy");
    keys(&mut p, "<Enter>");
    let choices = match &p.app.overlay {
        Some(Overlay::Pick { choices, .. }) => choices.clone(),
        other => panic!("no picker: {other:?}"),
    };
    let title = "Add a strategy";
    let text = window_text(&render(&mut p, 160, 48), title);
    for (head, detail) in &choices {
        assert!(
            text.contains(&normalised(&format!("{head} {detail}"))),
            "{head}: {detail}\n{text}"
        );
    }
    let rows = window_rows(&render(&mut p, 160, 48), title);
    assert!(
        !rows.last().unwrap().trim().is_empty(),
        "no empty rows at the bottom: {rows:#?}"
    );
    for (i, (head, detail)) in choices.iter().enumerate() {
        if let Some(Overlay::Pick { selected, .. }) = &mut p.app.overlay {
            *selected = i;
        }
        let text = window_text(&render(&mut p, 80, 24), title);
        assert!(
            text.contains(&normalised(&format!("{head} {detail}"))),
            "{head}: {detail}\n{text}"
        );
    }
}

/// A column optimized for spending funds more than the plan's need: a "Spending a year" row
/// says what it found (it showed only in the year inspector), it is starred on no row and the
/// headline does not weigh it against strategies funding the need (its $20 estate and its tax
/// were starred best). Widened, its "Optimized wins by" cell reads whole.
#[test]
fn a_column_optimized_for_spending_shows_its_spending_and_is_not_ranked_against_the_need() {
    use drawdown::money::format_dollars;
    use drawdown::strategy::Objective;
    let mut p = planner();
    strategies_pane(&mut p);
    go_add(&mut p, Pane::Strategies, "add a strategy");
    keys(&mut p, "<Enter>");
    let choice = match &p.app.overlay {
        Some(Overlay::Pick { choices, .. }) => choices
            .iter()
            .position(|(title, _)| title == "Optimized for spending")
            .expect("Optimized for spending is offered"),
        other => panic!("no picker: {other:?}"),
    };
    keys(&mut p, &format!("{}<Enter>", "<Down>".repeat(choice)));
    settle(&mut p, |a| {
        a.background.optimizing.is_empty()
            && a.comparison.as_ref().is_some_and(|c| c.pending.is_empty())
    });
    let spends = |o: Option<&Objective>| matches!(o, Some(Objective::Spending { .. }));
    let c = p.app.comparison.as_ref().unwrap();
    let i = c.specs.iter().position(|s| spends(s.objective())).unwrap();
    let name = c.outcomes[i].strategy.clone();
    let found = p
        .app
        .background
        .optimized
        .iter()
        .find(|o| spends(Some(&o.objective)))
        .unwrap()
        .value;
    let rows = p.app.view.metric_rows.clone();
    let spending = rows
        .iter()
        .find(|r| r.label == "Spending a year")
        .expect("a spending row");
    assert_eq!(spending.cells[i].text, format_dollars(found));
    assert_eq!(
        spending.cells[0].text,
        format_dollars(p.app.plan.spending.annual)
    );
    for r in &rows {
        assert!(!r.cells[i].best, "{name} starred on {}", r.label);
    }
    let headline = p.app.view.headline.clone().unwrap();
    assert!(!headline.contains(&name), "{headline}");
    p.app.focus = drawdown::tui::app::Focus::Compare;
    chart(&mut p, &name);
    keys(&mut p, "w");
    let wins = &rows
        .iter()
        .find(|r| r.label == "Optimized wins by")
        .unwrap()
        .cells[i]
        .text;
    let screen = render(&mut p, 160, 48);
    assert!(screen.contains(wins.as_str()), "{wins}\n{screen}");
    assert!(screen.contains("Spending a year"), "{screen}");
}

/// The title on a chart's top border, up to the border's line.
fn chart_titles(screen: &str) -> Vec<String> {
    screen
        .lines()
        .flat_map(|l| {
            l.match_indices("┌ ")
                .map(move |(at, _)| &l[at + "┌ ".len()..])
        })
        .map(|rest| rest.split(" ─").next().unwrap_or_default().to_string())
        .collect()
}

/// Narrow chart titles drop whole parts, never a word ("income by so" met the scrolled years
/// "2026–2058 ▶"), and keep what the chart is ("Conventional" alone named no taxes); the taxes
/// chart keeps its legend of which colour is which tax.
#[test]
fn narrow_chart_titles_keep_what_the_chart_is_and_the_taxes_keep_a_legend() {
    let mut p = planner();
    let screen = render(&mut p, 80, 24);
    let titles = chart_titles(&screen);
    assert!(
        titles.iter().any(|t| t.starts_with("Conventional: taxes")),
        "{titles:?}\n{screen}"
    );
    let taxes = window_text(&screen, "Conventional: taxes");
    assert!(
        taxes.contains("█ Federal") && taxes.contains("█ State"),
        "{taxes}"
    );
    let plan = load_plan(Path::new("saves/F.ron")).unwrap();
    let (app, runner) = Runner::with_plan(plan, None, places(None));
    let mut p = Planner { app, runner };
    chart(&mut p, "Proportional");
    p.app.focus = drawdown::tui::app::Focus::Chart;
    let screen = render(&mut p, 80, 24);
    let whole = [
        "▶ Proportional: income by source: today's $",
        "▶ Proportional: income by source",
        "▶ Proportional: income",
    ];
    let titles = chart_titles(&screen);
    assert!(
        titles.iter().any(|t| whole.contains(&t.as_str())),
        "{titles:?}\n{screen}"
    );
    assert!(
        titles.iter().any(|t| t.starts_with("Proportional: taxes")),
        "{titles:?}\n{screen}"
    );
}
