//! The terminal loop: wait for events, drain every queued one, apply them as one batch, and
//! draw only when something changed.

use super::files::Places;
use super::runner::Runner;
use super::view;
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::execute;
use std::io::stdout;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

/// Runs the planner on the terminal until the user quits.
pub fn run(plan: Option<PathBuf>) -> std::io::Result<()> {
    // Without a terminal (output redirected, no tty) say so instead of panicking.
    let mut terminal = ratatui::try_init()?;
    // ratatui::try_init's hook restores the terminal on any thread's panic. A background job's
    // panic is caught and shown by the planner (`job::spawn`), which must keep its screen, so
    // only the main thread's panic restores it at once; another thread's message is kept, and
    // printed once the terminal is restored if the panic reaches the main thread (a parallel
    // task of the main thread's own work), by the guard below.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() == Some("main") {
            let _ = execute!(stdout(), DisableMouseCapture);
            previous(info);
        } else if let Ok(mut kept) = WORKER_PANIC.lock() {
            *kept = Some(info.to_string());
        }
    }));
    let _restore = Restore;
    let _ = execute!(stdout(), EnableMouseCapture);
    event_loop(&mut terminal, plan)
}

/// The last panic message of a thread other than the main one.
static WORKER_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Gives the terminal back however the planner ends, and when it ends by a panic that began on
/// another thread, says what it was.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = execute!(stdout(), DisableMouseCapture);
        ratatui::restore();
        if std::thread::panicking()
            && let Some(message) = WORKER_PANIC.lock().ok().and_then(|mut m| m.take())
        {
            eprintln!("{message}");
        }
    }
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    plan: Option<PathBuf>,
) -> std::io::Result<()> {
    let (mut app, mut runner) = Runner::start(plan, Places::standard());
    let mut dirty = true;
    loop {
        if dirty {
            terminal.draw(|frame| view::draw(&app, frame))?;
            dirty = false;
        }
        if app.quit {
            return Ok(());
        }
        // Wake often while background work runs (its partial results stream in), else now
        // and then to keep the recovery file fresh and the status line current.
        let wait = if runner.busy() {
            Duration::from_millis(25)
        } else {
            Duration::from_millis(500)
        };
        if event::poll(wait)? {
            let mut events = Vec::new();
            loop {
                events.push(event::read()?);
                if !event::poll(Duration::ZERO)? {
                    break;
                }
            }
            // A resize redraws; any other event may have changed something.
            dirty |= events
                .iter()
                .any(|e| !matches!(e, Event::FocusGained | Event::FocusLost));
            runner.handle_events(&mut app, &events);
        }
        dirty |= runner.tick(&mut app);
    }
}
