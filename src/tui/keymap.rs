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

/// The keymap of the main screen, built once.
pub fn bindings() -> &'static [Binding] {
    static TABLE: std::sync::LazyLock<Vec<Binding>> = std::sync::LazyLock::new(table);
    &TABLE
}

fn table() -> Vec<Binding> {
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
    const ITEMS: &str = "Accounts, incomes and strategies";
    const FILE: &str = "Files";
    const SCENARIOS: &str = "Scenarios, actions and the handout";
    vec![
        b(
            &[key(KeyCode::Tab)],
            NextPane,
            "next pane (People, Accounts, Income, Spending, Strategies, chart, comparison)",
            MOVE,
        ),
        b(&[key(KeyCode::BackTab)], PrevPane, "previous pane", MOVE),
        b(
            &[key(KeyCode::Up), ch('k')],
            Up,
            "previous field (the comparison, the inspector: scroll up)",
            MOVE,
        ),
        b(
            &[key(KeyCode::Down), ch('j')],
            Down,
            "next field (the comparison, the inspector: scroll down)",
            MOVE,
        ),
        b(&[key(KeyCode::PageUp)], PageUp, "up a page", MOVE),
        b(&[key(KeyCode::PageDown)], PageDown, "down a page", MOVE),
        b(
            &[key(KeyCode::Left), ch('h')],
            Left,
            "previous year (in the comparison: previous strategy)",
            MOVE,
        ),
        b(
            &[key(KeyCode::Right), ch('l')],
            Right,
            "next year (in the comparison: next strategy)",
            MOVE,
        ),
        b(&[key(KeyCode::Home), ch('g')], YearHome, "first year", MOVE),
        b(&[key(KeyCode::End), ch('G')], YearEnd, "last year", MOVE),
        b(
            &[key(KeyCode::Enter), ch(' ')],
            Activate,
            "edit the field (its text selected: typing replaces it), step a choice, or inspect the year",
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
            "remove the account, income, person, strategy or step under the cursor (asks first)",
            ITEMS,
        ),
        b(
            &[ch('a')],
            Add,
            "add a strategy (in the Strategies pane), a step, an account or an income like the one under the cursor",
            ITEMS,
        ),
        b(
            &[ch('D')],
            Duplicate,
            "copy the account, income, strategy or step under the cursor",
            ITEMS,
        ),
        b(
            &[ch('K')],
            MoveUp,
            "move the strategy, step or account under the cursor up",
            ITEMS,
        ),
        b(
            &[ch('J')],
            MoveDown,
            "move the strategy, step or account under the cursor down",
            ITEMS,
        ),
        b(
            &[ch('e')],
            EditStrategy,
            "edit the charted strategy in the Strategies pane",
            ITEMS,
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
            "go to the comparison (on a short screen in place of the charts); again: the charts",
            VIEW,
        ),
        b(
            &[ch('w')],
            WidenColumn,
            "widen the charted strategy's column in the comparison to its full name",
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
            &[ch('C')],
            ClaimingMap,
            "claiming ages compared: every pair from 62 to 70 as a heat map (m: the measure)",
            VIEW,
        ),
        b(
            &[ch('M')],
            ClaimingMonths,
            "in the claiming heat map: by the month (97 × 97 ages, arrows move) or by the year",
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
        b(
            &[ch('v')],
            Scenarios,
            "scenarios: switch household (Enter), add (a), copy (D), rename (n), delete (d)",
            SCENARIOS,
        ),
        b(
            &[ch('V')],
            CompareScenarios,
            "the base and every scenario side by side, with the change against the base",
            SCENARIOS,
        ),
        b(
            &[ch('n')],
            Rename,
            "rename the scenario selected in the scenarios window",
            SCENARIOS,
        ),
        b(
            &[ch('t')],
            ActionsView,
            "this year's actions: RMDs, draws, conversion, sales, tax, withholding",
            SCENARIOS,
        ),
        b(
            &[ch('H')],
            Handout,
            "write the client handout (HTML) of the household on screen beside the plan file",
            SCENARIOS,
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
            "the value: money as 1,250,000, 1.25m or 65k; a rate is a percent (3.5 = 3.5%)",
        ),
        (
            "←/→ Home/End",
            "move the cursor in the text (the selection goes)",
        ),
        (
            "Ctrl-U Ctrl-W",
            "clear the text, delete the word before the cursor",
        ),
        (
            "Enter, ↑/↓",
            "keep the value (red means it cannot be used yet)",
        ),
        ("Esc", "cancel the edit"),
        (
            "Ctrl-C",
            "asks about unsaved changes and quits; again: quit without saving",
        ),
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

/// What a key means while typing into a field or a text dialog: every character is text,
/// line-editing keys go to the editor (tui-input's bindings), Enter keeps, Esc cancels.
pub fn typing(event: &KeyEvent) -> Option<Action> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    Some(match event.code {
        KeyCode::Char('c') if ctrl => Action::Quit,
        KeyCode::Enter | KeyCode::Tab => Action::Activate,
        KeyCode::Up => Action::Up,
        KeyCode::Down => Action::Down,
        KeyCode::Esc => Action::Close,
        _ => Action::Edit(tui_input::backend::crossterm::to_input_request(
            &crossterm::event::Event::Key(*event),
        )?),
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
        KeyCode::Backspace => Some(Action::Edit(tui_input::InputRequest::DeletePrevChar)),
        _ => None,
    }
}

/// What a key means when removing a person: m moves their accounts and income to the other
/// person, r removes them too.
pub fn person_question(event: &KeyEvent) -> Option<Action> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    Some(match event.code {
        KeyCode::Char('c') if ctrl => Action::Quit,
        KeyCode::Char(c @ ('m' | 'r')) => Action::Type(c),
        KeyCode::Char('n' | 'c') | KeyCode::Esc => Action::Close,
        _ => return None,
    })
}

/// What a key means in a yes/no/cancel question.
pub fn question(event: &KeyEvent) -> Option<Action> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    Some(match event.code {
        KeyCode::Char('c') if ctrl => Action::Quit,
        KeyCode::Char('y' | 'Y' | 's' | 'S') => Action::Yes,
        KeyCode::Char('n' | 'N') => Action::No,
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
        for b in table {
            assert!(!b.help.is_empty());
            for k in &b.keys {
                let mods = if k.ctrl {
                    KeyModifiers::CONTROL
                } else {
                    KeyModifiers::NONE
                };
                assert_eq!(
                    command(&press(k.code, mods), table),
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
        for b in table {
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
            command(&press(KeyCode::Char('6'), KeyModifiers::NONE), table),
            Some(Action::Type('6'))
        );
        assert_eq!(
            command(&press(KeyCode::Char('s'), KeyModifiers::CONTROL), table),
            Some(Action::Save)
        );
        assert_eq!(key_name(&ctrl('s')), "Ctrl-S");
    }
}
