//! Keys as data: one table turns keys into actions and also writes the help overlay, so the two
//! never disagree.

use super::app::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// A key with the modifiers it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn key(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

/// One line of the keymap: the keys, what they do, and the help group they belong to.
pub struct Binding {
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: &'static str,
    pub group: &'static str,
}

/// The keymap of the main screen.
pub fn bindings() -> Vec<Binding> {
    use Action::*;
    let b = |keys: &[Key], action: Action, help: &'static str, group: &'static str| Binding {
        keys: keys.to_vec(),
        action,
        help,
        group,
    };
    const MOVE: &str = "Moving around";
    const EDIT: &str = "Editing the plan";
    const VIEW: &str = "Charts and strategies";
    const FILE: &str = "Files";
    vec![
        b(
            &[key(KeyCode::Tab)],
            NextPane,
            "next pane (People, Accounts, Income, Spending, chart, comparison)",
            MOVE,
        ),
        b(&[key(KeyCode::BackTab)], PrevPane, "previous pane", MOVE),
        b(
            &[key(KeyCode::Up), ch('k')],
            Up,
            "previous field (or strategy)",
            MOVE,
        ),
        b(
            &[key(KeyCode::Down), ch('j')],
            Down,
            "next field (or strategy)",
            MOVE,
        ),
        b(&[key(KeyCode::PageUp)], PageUp, "up a page", MOVE),
        b(&[key(KeyCode::PageDown)], PageDown, "down a page", MOVE),
        b(
            &[key(KeyCode::Left), ch('h')],
            YearLeft,
            "previous year",
            MOVE,
        ),
        b(
            &[key(KeyCode::Right), ch('l')],
            YearRight,
            "next year",
            MOVE,
        ),
        b(&[key(KeyCode::Home), ch('g')], YearHome, "first year", MOVE),
        b(&[key(KeyCode::End), ch('G')], YearEnd, "last year", MOVE),
        b(
            &[key(KeyCode::Enter), ch(' ')],
            Activate,
            "edit the field, step a choice, or inspect the year",
            EDIT,
        ),
        b(
            &[key(KeyCode::Esc)],
            Close,
            "cancel the edit or close the window",
            EDIT,
        ),
        b(
            &[ch('d'), key(KeyCode::Delete)],
            Remove,
            "remove the account, income or person under the cursor",
            EDIT,
        ),
        b(&[ch('u'), ctrl('z')], Undo, "undo", EDIT),
        b(&[ctrl('r'), ctrl('y')], Redo, "redo", EDIT),
        b(
            &[ch('i')],
            Inspect,
            "year inspector: the ledger and tax breakdown of the year",
            VIEW,
        ),
        b(&[ch(']')], NextStrategy, "chart the next strategy", VIEW),
        b(
            &[ch('[')],
            PrevStrategy,
            "chart the previous strategy",
            VIEW,
        ),
        b(
            &[ch('b')],
            PinBaseline,
            "pin the current plan as the baseline (again to clear)",
            VIEW,
        ),
        b(
            &[ch('c')],
            ToggleRightTab,
            "show the comparison instead of the charts (short screens)",
            VIEW,
        ),
        b(
            &[ch('r')],
            ToggleFan,
            "wealth fan: after-tax wealth across market paths (10th-90th percentile)",
            VIEW,
        ),
        b(
            &[ch('m')],
            ToggleCurve,
            "in the inspector: the year's marginal-rate curve, $0-$300k of extra IRA income",
            VIEW,
        ),
        b(
            &[ch('p')],
            TogglePresenter,
            "presenter theme: high contrast, larger chart columns",
            VIEW,
        ),
        b(
            &[ch('P')],
            TogglePrivacy,
            "privacy: round amounts to $k and hide names",
            VIEW,
        ),
        b(&[ctrl('s')], Save, "save", FILE),
        b(&[ch('S')], SaveAs, "save as", FILE),
        b(&[ctrl('o')], Open, "open a plan", FILE),
        b(&[ctrl('n')], New, "new plan from a template", FILE),
        b(&[ch('?')], Help, "this help", FILE),
        b(
            &[ch('q'), ctrl('c')],
            Quit,
            "quit (asks about unsaved changes)",
            FILE,
        ),
    ]
}

/// Keys for typing into a field or a dialog.
pub fn typing_help() -> Vec<(&'static str, &'static str)> {
    vec![
        (
            "type",
            "the value: money as 1,250,000, 1.25m or 65k; rates as 3.5% or 0.035",
        ),
        ("←/→ Home/End", "move the cursor in the text"),
        (
            "Enter, ↑/↓",
            "keep the value (red means it cannot be used yet)",
        ),
        ("Esc", "cancel the edit"),
        ("Ctrl-C", "in the quit question: quit without saving"),
    ]
}

/// Text for a key in the help overlay.
pub fn key_name(k: &Key) -> String {
    let base = match k.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::Backspace => "Backspace".into(),
        other => format!("{other:?}"),
    };
    if k.ctrl {
        format!("Ctrl-{}", base.to_uppercase())
    } else {
        base
    }
}

fn matches(k: &Key, event: &KeyEvent) -> bool {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl != k.ctrl {
        return false;
    }
    match (k.code, event.code) {
        (KeyCode::Char(a), KeyCode::Char(b)) => a == b,
        (a, b) => a == b,
    }
}

/// What a key means while typing into a field or a text dialog.
pub fn typing(event: &KeyEvent) -> Option<Action> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    Some(match event.code {
        KeyCode::Char('c') if ctrl => Action::ForceQuit,
        KeyCode::Char(_) if ctrl => return None,
        KeyCode::Char(c) => Action::Type(c),
        KeyCode::Backspace => Action::Backspace,
        KeyCode::Delete => Action::Delete,
        KeyCode::Left => Action::Left,
        KeyCode::Right => Action::Right,
        KeyCode::Home => Action::Home,
        KeyCode::End => Action::End,
        KeyCode::Enter | KeyCode::Tab => Action::Activate,
        KeyCode::Up => Action::Up,
        KeyCode::Down => Action::Down,
        KeyCode::Esc => Action::Close,
        _ => return None,
    })
}

/// What a key means on the main screen (or in a list or message window).
pub fn command(event: &KeyEvent, table: &[Binding]) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    for b in table {
        if b.keys.iter().any(|k| matches(k, event)) {
            return Some(b.action.clone());
        }
    }
    // Digits and money signs start editing the field under the cursor.
    match event.code {
        KeyCode::Char(c)
            if !event.modifiers.contains(KeyModifiers::CONTROL)
                && (c.is_ascii_digit() || "$.-+".contains(c)) =>
        {
            Some(Action::Type(c))
        }
        KeyCode::Backspace => Some(Action::Backspace),
        _ => None,
    }
}

/// What a key means in a yes/no/cancel question.
pub fn question(event: &KeyEvent) -> Option<Action> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    Some(match event.code {
        KeyCode::Char('c') if ctrl => Action::ForceQuit,
        KeyCode::Char('y' | 'Y' | 's' | 'S') => Action::Yes,
        KeyCode::Char('n' | 'N' | 'd' | 'D') => Action::No,
        KeyCode::Char('c' | 'C') | KeyCode::Esc => Action::Close,
        KeyCode::Enter => Action::Yes,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn every_binding_is_reachable_and_described() {
        let table = bindings();
        for b in &table {
            assert!(!b.help.is_empty());
            for k in &b.keys {
                let mods = if k.ctrl {
                    KeyModifiers::CONTROL
                } else {
                    KeyModifiers::NONE
                };
                assert_eq!(
                    command(&press(k.code, mods), &table),
                    Some(b.action.clone()),
                    "{}",
                    key_name(k)
                );
            }
        }
    }

    #[test]
    fn no_key_is_bound_twice() {
        let table = bindings();
        let mut seen = Vec::new();
        for b in &table {
            for k in &b.keys {
                assert!(!seen.contains(k), "{} bound twice", key_name(k));
                seen.push(*k);
            }
        }
    }

    #[test]
    fn digits_start_an_edit_and_ctrl_s_saves() {
        let table = bindings();
        assert_eq!(
            command(&press(KeyCode::Char('6'), KeyModifiers::NONE), &table),
            Some(Action::Type('6'))
        );
        assert_eq!(
            command(&press(KeyCode::Char('s'), KeyModifiers::CONTROL), &table),
            Some(Action::Save)
        );
        assert_eq!(key_name(&ctrl('s')), "Ctrl-S");
    }
}
