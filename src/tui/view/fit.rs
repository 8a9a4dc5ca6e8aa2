//! Text that fits its space without being cut mid-word: whole words, or whole parts of a title
//! in order of importance.

/// Display width in cells.
pub fn width(s: &str) -> usize {
    crate::tui::widgets::text_width(s)
}

/// `s` if it fits in `max` cells, else as many whole words as fit followed by '…'.
pub fn words(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    // Leading spaces (an indent) are kept as they are.
    let body = s.trim_start_matches(' ');
    let indent = &s[..s.len() - body.len()];
    let mut out = indent.to_string();
    for word in body.split(' ') {
        let next = if out.len() == indent.len() {
            format!("{out}{word}")
        } else {
            format!("{out} {word}")
        };
        if width(&next) + 1 > max {
            break;
        }
        out = next;
    }
    let out = out.trim_end_matches([',', ';', ':', '·', ' ']).to_string();
    if max == 0 {
        String::new()
    } else if out.is_empty() {
        "…".to_string()
    } else {
        format!("{out}…")
    }
}

/// The first parts joined by `sep` that fit in `max` cells (the first always, cut to whole
/// words if it must be).
pub fn parts(parts: &[String], sep: &str, max: usize) -> String {
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if p.is_empty() {
            continue;
        }
        let next = if out.is_empty() {
            p.clone()
        } else {
            format!("{out}{sep}{p}")
        };
        if width(&next) > max {
            if i == 0 {
                return words(p, max);
            }
            break;
        }
        out = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_never_cut() {
        assert_eq!(words("State exempts pensions", 16), "State exempts…");
        assert_eq!(words("short", 16), "short");
        assert_eq!(words("    ✗ not a state code", 14), "    ✗ not a…");
        let p = [
            "2026".to_string(),
            "Heir-aware".into(),
            "Dana 65, Lee 65".into(),
        ];
        assert_eq!(parts(&p, " · ", 20), "2026 · Heir-aware");
    }
}
