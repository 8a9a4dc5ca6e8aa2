//! The terminal loop: draw, wait for events, drain them all, draw once.

use super::app::App;
use super::files::Places;
use super::{input, view};
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
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
    let result = event_loop(&mut terminal, App::open_at_start(plan, Places::standard()));
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, mut app: App) -> std::io::Result<()> {
    loop {
        terminal.draw(|frame| view::draw(&app, frame))?;
        if app.quit {
            return Ok(());
        }
        // Wake often while background work runs (its partial results stream in), else now
        // and then to keep the recovery file fresh and the status line current.
        let wait = if app.busy() {
            Duration::from_millis(25)
        } else {
            Duration::from_millis(500)
        };
        if event::poll(wait)? {
            loop {
                let e = event::read()?;
                input::handle(&mut app, &e);
                if app.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        app.tick();
        app.autosave();
    }
}
