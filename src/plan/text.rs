//! Plan files as text: what a file may look like beyond RON itself (a byte-order mark, Windows or
//! old Mac line endings), and the comment block at its top, which explains the plan to whoever
//! opens the file and is kept through saves.

/// The two lines drawdown writes at the top of every plan it saves.
pub const HEADER: [&str; 2] = [
    "// drawdown plan. Money in dollars, rates as decimals (0.035 = 3.5%);",
    "// \"today's dollars\" are dollars of assumptions.start_year.",
];

/// Plan text as RON reads it: without a UTF-8 byte-order mark, with `\n` line endings (a CR LF
/// pair or a lone CR becomes one `\n`, so line numbers in messages stay those of the file).
pub fn normalize(text: &str) -> std::borrow::Cow<'_, str> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if !text.contains('\r') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The user's comment lines at the top of a plan file: the `//` lines (and blank lines between
/// them) before the plan itself, without drawdown's own header and the echo of the plan's
/// notes that drawdown writes after it. Trailing blank lines are dropped.
pub fn leading_comments(text: &str, notes: &str) -> Vec<String> {
    let mut lines: Vec<&str> = text
        .lines()
        .take_while(|l| {
            let t = l.trim();
            t.is_empty() || (t.starts_with("//") && !t.starts_with("///"))
        })
        .collect();
    if lines.len() >= 2 && lines[0].trim_end() == HEADER[0] && lines[1].trim_end() == HEADER[1] {
        lines.drain(..2);
        let echo: Vec<String> = notes.lines().map(note_line).collect();
        if lines.len() >= echo.len()
            && lines
                .iter()
                .zip(&echo)
                .all(|(l, e)| l.trim_end() == e.trim_end())
        {
            lines.drain(..echo.len());
        }
    }
    while lines.first().is_some_and(|l| l.trim().is_empty()) {
        lines.remove(0);
    }
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    lines
        .into_iter()
        .map(|l| l.trim_end().to_string())
        .collect()
}

/// A line of the plan's notes as the header echoes it.
fn note_line(line: &str) -> String {
    format!("// {line}")
}

/// The top of a saved file: drawdown's header, the notes, then the user's own comments.
pub fn header(notes: &str, comments: &[String]) -> String {
    let mut text = String::new();
    for line in HEADER {
        text.push_str(line);
        text.push('\n');
    }
    for line in notes.lines() {
        text.push_str(&note_line(line));
        text.push('\n');
    }
    for line in comments {
        text.push_str(line);
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_order_marks_and_carriage_returns_are_read_as_plain_lines() {
        assert_eq!(normalize("\u{FEFF}(a)\r\n// x\r\n"), "(a)\n// x\n");
        assert_eq!(normalize("// x\r(a)\r"), "// x\n(a)\n");
        assert_eq!(normalize("(a)\n"), "(a)\n");
    }

    #[test]
    fn the_users_comments_survive_and_drawdowns_own_lines_do_not_pile_up() {
        let file = "// Household D: the demo.\n//\n// It shows a thing.\n(\n    version: 1,\n)\n";
        let mine = leading_comments(file, "a note");
        assert_eq!(
            mine,
            ["// Household D: the demo.", "//", "// It shows a thing."]
        );
        let saved = format!("{}(\n)\n", header("a note", &mine));
        assert!(saved.starts_with(HEADER[0]));
        // Reading a saved file back gives the same comments, so saving again adds nothing.
        assert_eq!(leading_comments(&saved, "a note"), mine);
        // A changed note is not mistaken for a comment of the user's.
        assert_eq!(leading_comments(&saved, "another note")[0], "// a note");
    }
}
