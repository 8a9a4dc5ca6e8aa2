//! The terminal loop: wait for events, drain every queued one, apply them as one batch, and
//! draw only when something changed.

use super::files::Places;
use super::runner::Runner;
use super::view;
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::execute;
use std::io::stdout;
use std::path::PathBuf;
use std::time::Duration;

/// Runs the planner on the terminal until the user quits.
pub fn run(plan: Option<PathBuf>) -> std::io::Result<()> {
    // ratatui::init restores the terminal on a panic; mouse capture must be undone too.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        previous(info);
    }));
    // Without a terminal (output redirected, no tty) say so instead of panicking.
    let mut terminal = ratatui::try_init()?;
    let _ = execute!(stdout(), EnableMouseCapture);
    let result = event_loop(&mut terminal, plan);
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    result
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
