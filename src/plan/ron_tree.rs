//! A lossless tree of RON text, so that scenario overrides can be laid over a plan by path
//! without code for each field.
//!
//! `ron::Value` drops struct and enum variant names (`Resident(code: "FL")` becomes a bare
//! map), so a value read into it cannot be written back as the same plan. This tree keeps every
//! name and keeps scalars as their source text; the plan itself is still read by serde from
//! the tree's printed text, so the types decide what each value means.

use std::fmt::Write as _;

/// One RON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A number, string, char, `true`/`false`, or a bare identifier (a unit variant, `None`),
    /// as written.
    Atom(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
    /// `(a: 1)` or `Name(a: 1)`: a struct, or a struct-like enum variant.
    Struct {
        name: Option<String>,
        fields: Vec<(String, Node)>,
    },
    /// `(1, 2)`, `Some(x)`, `Name(x)`: a tuple, or a tuple-like variant.
    Tuple {
        name: Option<String>,
        items: Vec<Node>,
    },
}

/// One step of a path: `.field` or `[index]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Field(String),
    Index(usize),
}

/// Reads a path written as the form and validation name fields: `accounts[2].balance`,
/// `income.social_security[0].claim_age`, `moves`.
pub fn parse_path(path: &str) -> Result<Vec<Step>, String> {
    let mut steps = Vec::new();
    for (n, part) in path.split('.').enumerate() {
        let (field, mut rest) = match part.find('[') {
            Some(at) => (&part[..at], &part[at..]),
            None => (part, ""),
        };
        let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
        if field.is_empty() || !field.chars().all(ident) {
            return Err(if n == 0 && path.is_empty() {
                "the path is empty".to_string()
            } else {
                format!("'{part}' is not a field name")
            });
        }
        steps.push(Step::Field(field.to_string()));
        while !rest.is_empty() {
            let close = rest
                .find(']')
                .ok_or_else(|| format!("'{part}' has an unclosed ["))?;
            let index = rest[1..close]
                .parse::<usize>()
                .map_err(|_| format!("'{}' is not a list index", &rest[1..close]))?;
            steps.push(Step::Index(index));
            rest = &rest[close + 1..];
            if !rest.is_empty() && !rest.starts_with('[') {
                return Err(format!("'{part}' has text after a ]"));
            }
        }
    }
    Ok(steps)
}

/// Writes a path back in the same form.
pub fn path_text(steps: &[Step]) -> String {
    let mut out = String::new();
    for s in steps {
        match s {
            Step::Field(f) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(f);
            }
            Step::Index(i) => {
                let _ = write!(out, "[{i}]");
            }
        }
    }
    out
}

/// Deepest nesting read: far beyond any plan, and short of the stack.
const MAX_DEPTH: usize = 64;

pub fn parse(text: &str) -> Result<Node, String> {
    let mut p = Parser {
        s: text.as_bytes(),
        at: 0,
        depth: 0,
    };
    let node = p.value()?;
    p.blank()?;
    if p.at < p.s.len() {
        return Err(p.error("text after the value"));
    }
    Ok(node)
}

struct Parser<'a> {
    s: &'a [u8],
    at: usize,
    depth: usize,
}

impl Parser<'_> {
    fn error(&self, what: &str) -> String {
        let line = 1 + self.s[..self.at].iter().filter(|b| **b == b'\n').count();
        let col = 1 + self.s[..self.at]
            .iter()
            .rev()
            .take_while(|b| **b != b'\n')
            .count();
        format!("line {line}, column {col}: {what}")
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.at).copied()
    }

    /// Skips white space and comments.
    fn blank(&mut self) -> Result<(), String> {
        loop {
            match (self.peek(), self.s.get(self.at + 1)) {
                (Some(c), _) if c.is_ascii_whitespace() => self.at += 1,
                (Some(b'/'), Some(b'/')) => {
                    while self.peek().is_some_and(|c| c != b'\n') {
                        self.at += 1;
                    }
                }
                (Some(b'/'), Some(b'*')) => {
                    self.at += 2;
                    let mut open = 1;
                    while open > 0 {
                        match (self.peek(), self.s.get(self.at + 1)) {
                            (None, _) => return Err(self.error("unclosed comment")),
                            (Some(b'*'), Some(b'/')) => {
                                open -= 1;
                                self.at += 2;
                            }
                            (Some(b'/'), Some(b'*')) => {
                                open += 1;
                                self.at += 2;
                            }
                            _ => self.at += 1,
                        }
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    fn eat(&mut self, c: u8) -> Result<bool, String> {
        self.blank()?;
        if self.peek() == Some(c) {
            self.at += 1;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    fn text(&self, from: usize) -> String {
        String::from_utf8_lossy(&self.s[from..self.at]).into_owned()
    }

    fn value(&mut self) -> Result<Node, String> {
        self.blank()?;
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error("values nested too deeply"));
        }
        let node = match self.peek() {
            None => Err(self.error("a value is missing")),
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                while !self.eat(b']')? {
                    items.push(self.value()?);
                    if !self.eat(b',')? {
                        self.expect(b']')?;
                        break;
                    }
                }
                Ok(Node::Seq(items))
            }
            Some(b'{') => {
                self.at += 1;
                let mut entries = Vec::new();
                while !self.eat(b'}')? {
                    let key = self.value()?;
                    self.expect(b':')?;
                    entries.push((key, self.value()?));
                    if !self.eat(b',')? {
                        self.expect(b'}')?;
                        break;
                    }
                }
                Ok(Node::Map(entries))
            }
            Some(b'(') => self.body(None),
            Some(b'"') => self.string(),
            Some(b'\'') => self.char_lit(),
            Some(b'r') if matches!(self.s.get(self.at + 1), Some(b'"' | b'#')) => self.raw_string(),
            Some(c) if c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.') => self.number(),
            Some(c) if c.is_ascii_alphabetic() || c == b'_' => {
                let from = self.at;
                while self
                    .peek()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_')
                {
                    self.at += 1;
                }
                let name = self.text(from);
                let after = self.at;
                self.blank()?;
                if self.peek() == Some(b'(') {
                    self.body(Some(name))
                } else {
                    self.at = after;
                    Ok(Node::Atom(name))
                }
            }
            Some(_) => Err(self.error("not a value")),
        };
        self.depth -= 1;
        node
    }

    fn expect(&mut self, c: u8) -> Result<(), String> {
        if self.eat(c)? {
            Ok(())
        } else {
            Err(self.error(&format!("expected '{}'", c as char)))
        }
    }

    /// The parenthesised part of a struct or tuple, from its `(`.
    fn body(&mut self, name: Option<String>) -> Result<Node, String> {
        self.at += 1;
        self.blank()?;
        // A struct when the first thing inside is `ident:` (and not `ident::`).
        let save = self.at;
        let mut is_struct = false;
        if self
            .peek()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == b'_')
        {
            while self
                .peek()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_')
            {
                self.at += 1;
            }
            self.blank()?;
            is_struct = self.peek() == Some(b':');
        }
        self.at = save;
        if is_struct {
            let mut fields = Vec::new();
            while !self.eat(b')')? {
                self.blank()?;
                let from = self.at;
                while self
                    .peek()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_')
                {
                    self.at += 1;
                }
                if from == self.at {
                    return Err(self.error("expected a field name"));
                }
                let field = self.text(from);
                self.expect(b':')?;
                fields.push((field, self.value()?));
                if !self.eat(b',')? {
                    self.expect(b')')?;
                    break;
                }
            }
            Ok(Node::Struct { name, fields })
        } else {
            let mut items = Vec::new();
            while !self.eat(b')')? {
                items.push(self.value()?);
                if !self.eat(b',')? {
                    self.expect(b')')?;
                    break;
                }
            }
            Ok(Node::Tuple { name, items })
        }
    }

    fn string(&mut self) -> Result<Node, String> {
        let from = self.at;
        self.at += 1;
        loop {
            match self.peek() {
                None => return Err(self.error("unclosed string")),
                Some(b'\\') => self.at += 2,
                Some(b'"') => {
                    self.at += 1;
                    return Ok(Node::Atom(self.text(from)));
                }
                Some(_) => self.at += 1,
            }
        }
    }

    fn char_lit(&mut self) -> Result<Node, String> {
        let from = self.at;
        self.at += 1;
        loop {
            match self.peek() {
                None => return Err(self.error("unclosed character")),
                Some(b'\\') => self.at += 2,
                Some(b'\'') => {
                    self.at += 1;
                    return Ok(Node::Atom(self.text(from)));
                }
                Some(_) => self.at += 1,
            }
        }
    }

    fn raw_string(&mut self) -> Result<Node, String> {
        let from = self.at;
        self.at += 1;
        let mut hashes = 0;
        while self.peek() == Some(b'#') {
            hashes += 1;
            self.at += 1;
        }
        if self.peek() != Some(b'"') {
            return Err(self.error("expected '\"' in a raw string"));
        }
        self.at += 1;
        loop {
            match self.peek() {
                None => return Err(self.error("unclosed raw string")),
                Some(b'"')
                    if self.s[self.at + 1..]
                        .iter()
                        .take(hashes)
                        .filter(|c| **c == b'#')
                        .count()
                        == hashes =>
                {
                    self.at += 1 + hashes;
                    return Ok(Node::Atom(self.text(from)));
                }
                Some(_) => self.at += 1,
            }
        }
    }

    fn number(&mut self) -> Result<Node, String> {
        let from = self.at;
        self.at += 1;
        while let Some(c) = self.peek() {
            let exponent_sign =
                matches!(c, b'+' | b'-') && matches!(self.s[self.at - 1], b'e' | b'E');
            if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || exponent_sign {
                self.at += 1;
            } else {
                break;
            }
        }
        Ok(Node::Atom(self.text(from)))
    }
}

impl Node {
    /// Compact RON: `Resident(code: "FL")`, `[(year: 2031, state: "FL")]`.
    pub fn print(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        fn list<T>(out: &mut String, items: &[T], mut each: impl FnMut(&mut String, &T)) {
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                each(out, x);
            }
        }
        match self {
            Node::Atom(a) => out.push_str(a),
            Node::Seq(items) => {
                out.push('[');
                list(out, items, |o, x| x.write(o));
                out.push(']');
            }
            Node::Map(entries) => {
                out.push('{');
                list(out, entries, |o, (k, v)| {
                    k.write(o);
                    o.push_str(": ");
                    v.write(o);
                });
                out.push('}');
            }
            Node::Struct { name, fields } => {
                out.push_str(name.as_deref().unwrap_or(""));
                out.push('(');
                list(out, fields, |o, (k, v)| {
                    o.push_str(k);
                    o.push_str(": ");
                    v.write(o);
                });
                out.push(')');
            }
            Node::Tuple { name, items } => {
                out.push_str(name.as_deref().unwrap_or(""));
                out.push('(');
                list(out, items, |o, x| x.write(o));
                out.push(')');
            }
        }
    }

    /// Puts `value` at `path`, adding a missing struct field (a file leaves out fields at their
    /// default: an empty `moves`, the default simulation) but never a list element.
    pub fn set(&mut self, path: &[Step], value: Node) -> Result<(), String> {
        let Some((first, rest)) = path.split_first() else {
            *self = value;
            return Ok(());
        };
        // Paths pass through a variant or `Some` holding one value: `returns.nominal` names
        // the `nominal` of `Constant(nominal: 0.05)`; `prior_magi.one_year_before` looks
        // inside `Some(...)`.
        if let Node::Tuple {
            name: Some(_),
            items,
        } = self
            && items.len() == 1
        {
            return items[0].set(path, value);
        }
        match (first, self) {
            (Step::Field(f), Node::Struct { fields, .. }) => {
                let at = match fields.iter().position(|(k, _)| k == f) {
                    Some(at) => at,
                    None => {
                        fields.push((
                            f.clone(),
                            Node::Struct {
                                name: None,
                                fields: Vec::new(),
                            },
                        ));
                        fields.len() - 1
                    }
                };
                fields[at].1.set(rest, value)
            }
            (Step::Index(i), Node::Seq(items)) => {
                let len = items.len();
                match items.get_mut(*i) {
                    Some(x) => x.set(rest, value),
                    None => Err(format!(
                        "[{i}] is past the end of a list of {len} (an override may change \
                         an element or replace the whole list)"
                    )),
                }
            }
            (Step::Field(f), _) => Err(format!("'{f}' is not a field here")),
            (Step::Index(i), _) => Err(format!("[{i}]: this is not a list")),
        }
    }

    /// The value at `path`, if the text holds it.
    #[cfg(test)]
    pub fn get(&self, path: &[Step]) -> Option<&Node> {
        let Some((first, rest)) = path.split_first() else {
            return Some(self);
        };
        let mut here = self;
        while let Node::Tuple {
            name: Some(_),
            items,
        } = here
        {
            if items.len() != 1 {
                break;
            }
            here = &items[0];
        }
        match (first, here) {
            (Step::Field(f), Node::Struct { fields, .. }) => fields
                .iter()
                .find(|(k, _)| k == f)
                .and_then(|(_, v)| v.get(rest)),
            (Step::Index(i), Node::Seq(items)) => items.get(*i).and_then(|x| x.get(rest)),
            _ => None,
        }
    }

    /// What a field left out of the file would have to be written as to mean the same as
    /// leaving it out, for the values files leave out: an empty list, `None`, an empty string,
    /// `false`. `None` for anything else.
    fn left_out(&self) -> Option<Node> {
        match self {
            Node::Seq(_) => Some(Node::Seq(Vec::new())),
            Node::Map(_) => Some(Node::Map(Vec::new())),
            Node::Tuple {
                name: Some(n),
                items,
            } if n == "Some" && items.len() == 1 => Some(Node::Atom("None".into())),
            Node::Atom(a) if a.starts_with('"') => Some(Node::Atom("\"\"".into())),
            Node::Atom(a) if a == "true" => Some(Node::Atom("false".into())),
            _ => None,
        }
    }
}

/// The fewest `(path, value)` settings that turn `base` into `edited`: fields that differ,
/// elements of lists of the same length that differ, and whole values where the shape changed
/// (a list grew, a variant changed).
pub fn diff(base: &Node, edited: &Node) -> Vec<(Vec<Step>, Node)> {
    let mut out = Vec::new();
    walk(base, edited, &mut Vec::new(), &mut out);
    out
}

fn walk(base: &Node, edited: &Node, path: &mut Vec<Step>, out: &mut Vec<(Vec<Step>, Node)>) {
    if base == edited {
        return;
    }
    match (base, edited) {
        (
            Node::Struct {
                name: a,
                fields: fa,
            },
            Node::Struct {
                name: b,
                fields: fb,
            },
        ) if a == b => {
            // A field the edited plan left out is back at its default: say so when the
            // default can be written, else set the whole struct.
            let mut gone = Vec::new();
            for (k, v) in fa {
                if !fb.iter().any(|(k2, _)| k2 == k) {
                    match v.left_out() {
                        Some(empty) => gone.push((k.clone(), empty)),
                        None if !path.is_empty() => {
                            out.push((path.clone(), edited.clone()));
                            return;
                        }
                        None => {}
                    }
                }
            }
            for (k, v) in fb {
                path.push(Step::Field(k.clone()));
                match fa.iter().find(|(k2, _)| k2 == k) {
                    Some((_, old)) => walk(old, v, path, out),
                    None => out.push((path.clone(), v.clone())),
                }
                path.pop();
            }
            for (k, v) in gone {
                path.push(Step::Field(k));
                out.push((path.clone(), v));
                path.pop();
            }
        }
        (Node::Seq(a), Node::Seq(b)) if a.len() == b.len() && !path.is_empty() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                path.push(Step::Index(i));
                walk(x, y, path, out);
                path.pop();
            }
        }
        _ => out.push((path.clone(), edited.clone())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_back_every_shape() {
        let text = r##"( // a comment
            name: "A \"quoted\" name",
            filing: mfj,
            state: Resident(code: "FL"),
            returns: Constant(nominal: -1.5e-2),
            magi: Some((one: 1, two: 2)),
            list: [Conventional, BracketFill(bracket: 0.12), ],
            map: {"a": 'x'},
            raw: r#"raw"#,
            unit: (),
            /* block /* nested */ comment */
        )"##;
        let node = parse(text).unwrap();
        let printed = node.print();
        assert_eq!(parse(&printed).unwrap(), node);
        assert!(printed.contains("Resident(code: \"FL\")"), "{printed}");
        assert!(printed.contains("-1.5e-2"), "{printed}");
        assert!(printed.contains("Some((one: 1, two: 2))"), "{printed}");
    }

    #[test]
    fn bad_text_is_an_error_not_a_panic() {
        for bad in [
            "(", "[1,", "\"open", "(a: )", "r#\"x", "{1 2}", "'", "/* x", "(a: 1) 2",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert!(parse(&"[".repeat(200)).is_err());
    }

    #[test]
    fn paths_read_and_write_back() {
        let p = parse_path("income.social_security[1].claim_age").unwrap();
        assert_eq!(p.len(), 4);
        assert_eq!(path_text(&p), "income.social_security[1].claim_age");
        for bad in ["", "a..b", "a[x]", "a[1", "a[1]b", "a-b"] {
            assert!(parse_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn set_passes_through_variants_and_adds_missing_fields() {
        let mut n = parse("(returns: Constant(nominal: 0.05), list: [(a: 1), (a: 2)])").unwrap();
        n.set(
            &parse_path("returns.nominal").unwrap(),
            Node::Atom("0.04".into()),
        )
        .unwrap();
        n.set(&parse_path("list[1].a").unwrap(), Node::Atom("3".into()))
            .unwrap();
        n.set(
            &parse_path("moves").unwrap(),
            parse("[(year: 2031)]").unwrap(),
        )
        .unwrap();
        assert_eq!(
            n.print(),
            "(returns: Constant(nominal: 0.04), list: [(a: 1), (a: 3)], moves: [(year: 2031)])"
        );
        assert!(
            n.set(&parse_path("list[2].a").unwrap(), Node::Atom("1".into()))
                .is_err()
        );
        assert!(
            n.set(
                &parse_path("returns.nominal.x").unwrap(),
                Node::Atom("1".into())
            )
            .is_err()
        );
    }

    #[test]
    fn diff_then_set_gives_the_edited_tree() {
        let base = parse(
            "(a: 1, list: [(x: 1), (x: 2)], v: Constant(nominal: 0.05), moves: [(y: 1)], o: Some(3))",
        )
        .unwrap();
        let edited =
            parse("(a: 2, list: [(x: 1), (x: 5)], v: ByClass(s: 0.07), new: \"n\")").unwrap();
        let changes = diff(&base, &edited);
        let paths: Vec<String> = changes.iter().map(|(p, _)| path_text(p)).collect();
        assert_eq!(paths, ["a", "list[1].x", "v", "new", "moves", "o"]);
        let mut applied = base.clone();
        for (p, v) in changes {
            applied.set(&p, v).unwrap();
        }
        assert_eq!(
            applied.get(&parse_path("o").unwrap()).unwrap().print(),
            "None"
        );
        assert_eq!(
            applied
                .get(&parse_path("list[1].x").unwrap())
                .unwrap()
                .print(),
            "5"
        );
        assert!(diff(&edited, &edited).is_empty());
    }
}
