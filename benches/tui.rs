//! Keypress to redrawn screen: a key that changes the plan (a digit typed into a balance) goes
//! through the runner (update, every strategy of the demo household, the view model) and a full
//! render on TestBackend; and a burst of 20 queued keys applied as one batch, recomputed once.

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use drawdown::plan::demo_plan;
use drawdown::tui::{App, Places, Runner, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;

fn key(c: KeyCode) -> Event {
    Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

/// The demo on the runner, `keys` applied, and a terminal of this size.
fn planner(keys: &[Event], width: u16, height: u16) -> (App, Runner, Terminal<TestBackend>) {
    let (mut app, mut runner) = Runner::with_plan(demo_plan(), None, Places::default());
    runner.handle_events(&mut app, keys);
    let terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    (app, runner, terminal)
}

/// Accounts pane, the first balance being typed into.
fn editing() -> [Event; 3] {
    [
        key(KeyCode::Tab),
        key(KeyCode::Down),
        key(KeyCode::Char('5')),
    ]
}

fn keypress_to_frame(c: &mut Criterion) {
    for (width, height) in [(160u16, 48u16), (80, 24)] {
        let (mut app, mut runner, mut terminal) = planner(&editing(), width, height);
        // Alternate a digit and a backspace: every key changes the balance and reruns the engine.
        let mut typing = true;
        c.bench_function(&format!("keypress_to_frame_{width}x{height}"), |b| {
            b.iter(|| {
                let event = if typing {
                    key(KeyCode::Char('7'))
                } else {
                    key(KeyCode::Backspace)
                };
                typing = !typing;
                runner.handle_events(&mut app, black_box(&[event]));
                terminal.draw(|f| view::draw(&app, f)).expect("draws");
            })
        });
    }
    // Twenty keys queued while a frame was drawn: applied as one batch, recomputed once.
    let (mut app, mut runner, mut terminal) = planner(&editing(), 160, 48);
    let burst: Vec<Event> = (0..10)
        .flat_map(|_| [key(KeyCode::Char('7')), key(KeyCode::Backspace)])
        .collect();
    c.bench_function("queued_20_keys_to_frame_160x48", |b| {
        b.iter(|| {
            runner.handle_events(&mut app, black_box(&burst));
            terminal.draw(|f| view::draw(&app, f)).expect("draws");
        })
    });
    // A key that only moves the year cursor: no recompute, just a frame.
    let (mut app, mut runner, mut terminal) = planner(&[], 160, 48);
    let mut right = true;
    c.bench_function("cursor_key_to_frame_160x48", |b| {
        b.iter(|| {
            let event = key(if right { KeyCode::Right } else { KeyCode::Left });
            right = !right;
            runner.handle_events(&mut app, &[event]);
            terminal.draw(|f| view::draw(&app, f)).expect("draws");
        })
    });
}

criterion_group!(benches, keypress_to_frame);
criterion_main!(benches);
