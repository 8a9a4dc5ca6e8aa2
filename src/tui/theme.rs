//! Colours and emphasis. Three themes: the default, a high-contrast presenter theme for screen
//! sharing, and a monochrome one when `NO_COLOR` is set (emphasis by bold, underline and
//! reverse only).

use ratatui::style::{Color, Modifier, Style};

/// Income sources in the stack chart, bottom to top.
pub const SOURCES: [&str; 9] = [
    "Social Security",
    "Pension, wages & other",
    "Dividends & interest",
    "Taxable sales",
    "RMD",
    "Deferred draw",
    "Roth draw",
    "Roth conversion",
    "HSA draw",
];

/// Taxes drawn below the zero line.
pub const TAXES: [&str; 5] = ["Federal", "State", "IRMAA", "Health", "Medical"];

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: &'static str,
    /// True when colours are off (NO_COLOR): widgets must not rely on colour alone.
    pub monochrome: bool,
    pub text: Style,
    pub dim: Style,
    pub title: Style,
    pub border: Style,
    pub focus_border: Style,
    pub accent: Style,
    /// Selected row or column.
    pub selected: Style,
    /// Best value in a comparison row.
    pub best: Style,
    pub good: Style,
    pub bad: Style,
    pub error: Style,
    pub cursor: Style,
    pub series: [Color; 9],
    /// Federal, state, IRMAA, health premiums and medical costs (charted with the taxes, below
    /// zero).
    pub taxes: [Color; 5],
    /// Wider chart columns and bolder text for screen sharing.
    pub large: bool,
}

impl Theme {
    pub fn standard() -> Theme {
        Theme {
            name: "standard",
            monochrome: false,
            text: Style::default(),
            dim: Style::default().fg(Color::DarkGray),
            title: Style::default().add_modifier(Modifier::BOLD),
            border: Style::default().fg(Color::DarkGray),
            focus_border: Style::default().fg(Color::Cyan),
            accent: Style::default().fg(Color::Cyan),
            selected: Style::default().bg(Color::Rgb(40, 60, 80)),
            best: Style::default()
                .fg(Color::Green)
                .add_modifier(Modifier::BOLD),
            good: Style::default().fg(Color::Green),
            bad: Style::default().fg(Color::Red),
            error: Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
            cursor: Style::default().add_modifier(Modifier::REVERSED),
            series: [
                Color::Rgb(86, 156, 214),  // Social Security: blue
                Color::Rgb(78, 201, 176),  // pension & wages: teal
                Color::Rgb(181, 206, 168), // dividends: pale green
                Color::Rgb(220, 220, 170), // taxable sales: sand
                Color::Rgb(206, 145, 120), // RMD: clay
                Color::Rgb(214, 157, 60),  // deferred draw: amber
                Color::Rgb(197, 134, 192), // Roth draw: violet
                Color::Rgb(244, 71, 71),   // conversion: red
                Color::Rgb(120, 190, 100), // HSA draw: green
            ],
            taxes: [
                Color::Rgb(160, 60, 60),
                Color::Rgb(190, 110, 80),
                Color::Rgb(150, 90, 150),
                Color::Rgb(70, 150, 150), // health premiums: teal
                Color::Rgb(90, 120, 170), // medical costs: slate
            ],
            large: false,
        }
    }

    /// High contrast on a black background, larger chart columns.
    pub fn presenter() -> Theme {
        Theme {
            name: "presenter",
            text: Style::default()
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            dim: Style::default().fg(Color::Gray),
            title: Style::default()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            border: Style::default().fg(Color::White),
            focus_border: Style::default()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            accent: Style::default()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            selected: Style::default().bg(Color::Blue).fg(Color::White),
            best: Style::default()
                .fg(Color::LightGreen)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            good: Style::default().fg(Color::LightGreen),
            bad: Style::default().fg(Color::LightRed),
            series: [
                Color::LightBlue,
                Color::LightCyan,
                Color::LightGreen,
                Color::LightYellow,
                Color::Rgb(255, 160, 90),
                Color::Rgb(255, 200, 0),
                Color::LightMagenta,
                Color::LightRed,
                Color::Green,
            ],
            taxes: [
                Color::Red,
                Color::Rgb(255, 120, 0),
                Color::Magenta,
                Color::Cyan,
                Color::Blue,
            ],
            large: true,
            ..Theme::standard()
        }
    }

    /// No colours at all: emphasis only.
    pub fn monochrome() -> Theme {
        let plain = Style::default();
        Theme {
            name: "monochrome",
            monochrome: true,
            text: plain,
            dim: plain.add_modifier(Modifier::DIM),
            title: plain.add_modifier(Modifier::BOLD),
            border: plain,
            focus_border: plain.add_modifier(Modifier::BOLD),
            accent: plain.add_modifier(Modifier::BOLD),
            selected: plain.add_modifier(Modifier::REVERSED),
            best: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            good: plain.add_modifier(Modifier::BOLD),
            bad: plain.add_modifier(Modifier::UNDERLINED),
            error: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            cursor: plain.add_modifier(Modifier::REVERSED),
            series: [Color::Reset; 9],
            taxes: [Color::Reset; 5],
            large: false,
        }
    }

    /// The theme for the environment: monochrome when `NO_COLOR` is set (to anything).
    pub fn from_env(presenter: bool) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        match (no_color, presenter) {
            (true, true) => Theme {
                large: true,
                name: "presenter (no colour)",
                ..Theme::monochrome()
            },
            (true, false) => Theme::monochrome(),
            (false, true) => Theme::presenter(),
            (false, false) => Theme::standard(),
        }
    }

    /// Characters that tell series apart when there is no colour, bottom to top.
    pub const PATTERNS: [char; 9] = ['█', '▓', '▒', '░', '▚', '▞', '▤', '▦', '▥'];
    pub const TAX_PATTERNS: [char; 5] = ['▓', '▒', '░', '▚', '▞'];
}
