//! The one text editor for fields and dialogs: tui-input's line editing (cursor, Home/End,
//! Ctrl-U, Ctrl-W, word moves) with the text selected when an edit starts, so typing replaces
//! it and a movement key keeps it.

use tui_input::{Input, InputRequest};

#[derive(Debug, Clone, Default)]
pub struct TextEditor {
    input: Input,
    /// The whole text is selected: the next character replaces it.
    selected: bool,
}

impl TextEditor {
    /// An editor holding `text` with the cursor at its end, all of it selected or not.
    pub fn new(text: &str, selected: bool) -> TextEditor {
        TextEditor {
            input: Input::new(text.to_string()),
            selected: selected && !text.is_empty(),
        }
    }

    pub fn value(&self) -> &str {
        self.input.value()
    }

    /// Cursor position in characters.
    pub fn cursor(&self) -> usize {
        self.input.cursor()
    }

    pub fn selected(&self) -> bool {
        self.selected
    }

    /// Applies one editing request; returns whether the text changed.
    pub fn handle(&mut self, request: InputRequest) -> bool {
        use InputRequest::*;
        if std::mem::take(&mut self.selected) {
            match request {
                InsertChar(_) => {
                    self.input = Input::default();
                }
                DeletePrevChar | DeleteNextChar | DeleteLine | DeletePrevWord | DeleteNextWord
                | DeleteTillEnd | DeleteFromStart => {
                    let changed = !self.input.value().is_empty();
                    self.input = Input::default();
                    return changed;
                }
                _ => {}
            }
        }
        self.input.handle(request).is_some_and(|c| c.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use InputRequest::*;

    fn typed(e: &mut TextEditor, s: &str) {
        for c in s.chars() {
            e.handle(InsertChar(c));
        }
    }

    #[test]
    fn typing_replaces_a_selected_value_and_moving_keeps_it() {
        let mut e = TextEditor::new("$500,000", true);
        typed(&mut e, "65k");
        assert_eq!(e.value(), "65k");
        let mut e = TextEditor::new("$500,000", true);
        e.handle(GoToStart);
        typed(&mut e, "1");
        assert_eq!(e.value(), "1$500,000");
    }

    #[test]
    fn line_keys_work_as_in_a_shell() {
        let mut e = TextEditor::new("", false);
        typed(&mut e, "New plan");
        e.handle(DeletePrevWord);
        assert_eq!(e.value(), "New ");
        e.handle(GoToStart);
        assert_eq!(e.cursor(), 0);
        e.handle(GoToEnd);
        assert_eq!(e.cursor(), 4);
        e.handle(DeleteLine);
        assert_eq!(e.value(), "");
        let mut e = TextEditor::new("abc", true);
        assert!(e.handle(DeletePrevChar));
        assert_eq!(e.value(), "");
    }
}
