//! A RON parser that keeps the byte span of every value.
//!
//! It covers what scenario and script files use: structs and tuples with or
//! without a name, enum variants, lists, maps, strings (with escapes and raw
//! strings), chars, numbers, booleans, `Some`/`None`, and `//` and nested
//! `/* */` comments. Nesting is capped so that hostile input cannot
//! overflow the stack.

use std::fmt;

/// Deeper nesting than this is refused; real files nest about ten levels.
pub const MAX_DEPTH: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    pub fn at(offset: usize) -> Span {
        Span { start: offset, end: offset + 1 }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Char(char),
    /// A bare identifier: a unit variant, a unit struct or `None`.
    Ident(String),
    List(Vec<Node>),
    Map(Vec<(Node, Node)>),
    /// `(a, b)` or `Name(a, b)`; also `()` and `Some(x)`.
    Tuple {
        name: Option<Named>,
        items: Vec<Node>,
    },
    /// `(field: a)` or `Name(field: a)`.
    Struct {
        name: Option<Named>,
        fields: Vec<Field>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Named {
    pub name: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub name_span: Span,
    pub value: Node,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: Kind,
    pub span: Span,
}

/// A key or field written twice in one block: RON would keep the last one
/// silently, so the reader refuses it and shows both.
#[derive(Debug, Clone, PartialEq)]
pub struct Duplicate {
    pub key: String,
    pub first: Span,
    pub second: Span,
}

impl Node {
    /// The first key given twice in any map or block of this tree, in file order.
    pub fn first_duplicate(&self) -> Option<Duplicate> {
        let mut found: Option<Duplicate> = None;
        let mut keep = |d: Duplicate| {
            if found.as_ref().is_none_or(|f| d.second.start < f.second.start) {
                found = Some(d);
            }
        };
        let mut stack = vec![self];
        while let Some(node) = stack.pop() {
            let keys: Vec<(String, Span)> = match &node.kind {
                Kind::Map(entries) => {
                    stack.extend(entries.iter().flat_map(|(k, v)| [k, v]));
                    entries.iter().map(|(k, _)| (k.key_text(), k.span)).collect()
                }
                Kind::Struct { fields, .. } => {
                    stack.extend(fields.iter().map(|f| &f.value));
                    fields.iter().map(|f| (f.name.clone(), f.name_span)).collect()
                }
                Kind::List(items) | Kind::Tuple { items, .. } => {
                    stack.extend(items);
                    continue;
                }
                _ => continue,
            };
            let mut seen: std::collections::HashMap<&str, Span> = std::collections::HashMap::new();
            for (key, span) in &keys {
                if let Some(first) = seen.get(key.as_str()) {
                    keep(Duplicate { key: key.clone(), first: *first, second: *span });
                    break;
                }
                seen.insert(key, *span);
            }
        }
        found
    }

    /// A map key as text, so `"SEV"` and `SEV` count as the same key.
    fn key_text(&self) -> String {
        match &self.kind {
            Kind::Str(s) | Kind::Ident(s) => s.clone(),
            Kind::Int(i) => i.to_string(),
            Kind::Char(c) => c.to_string(),
            Kind::Bool(b) => b.to_string(),
            _ => format!("{:?}", self.kind),
        }
    }

    /// A short description of the value's shape, for "found …" messages.
    pub fn describe(&self) -> String {
        match &self.kind {
            Kind::Bool(b) => format!("the boolean `{b}`"),
            Kind::Int(i) => format!("the integer `{i}`"),
            // `{:?}` keeps the `.0`: the file said `1000.0`, not `1000`.
            Kind::Float(x) => format!("the number `{x:?}`"),
            Kind::Str(s) => format!("the string \"{}\"", shorten(s)),
            Kind::Char(c) => format!("the character '{c}'"),
            Kind::Ident(i) => format!("`{i}`"),
            Kind::List(_) => "a list `[…]`".into(),
            Kind::Map(_) => "a map `{…}`".into(),
            Kind::Tuple { name: Some(n), .. } => format!("`{}(…)`", n.name),
            Kind::Tuple { name: None, items } if items.is_empty() => "`()`".into(),
            Kind::Tuple { name: None, .. } => "a tuple `(…)`".into(),
            Kind::Struct { name: Some(n), .. } => format!("`{}(…)`", n.name),
            Kind::Struct { name: None, .. } => "a struct `(…: …)`".into(),
        }
    }

    /// Follows a path of fields and indices down the tree and returns the
    /// deepest span reached, so an error always lands as close as possible.
    pub fn locate(&self, path: &[PathSeg]) -> Span {
        let mut node = self;
        let mut span = self.span;
        for seg in path {
            let next = node.child(seg);
            match next {
                Some((child_span, child)) => {
                    span = child_span;
                    match child {
                        Some(c) => node = c,
                        None => break,
                    }
                }
                None => break,
            }
        }
        span
    }

    /// The child for one path step; the span is the field *name* for a
    /// field that the path ends on (more useful for "missing"/"unknown").
    fn child(&self, seg: &PathSeg) -> Option<(Span, Option<&Node>)> {
        match (&self.kind, seg) {
            (Kind::Struct { fields, .. }, PathSeg::Field(f)) => {
                fields.iter().find(|x| x.name == *f).map(|x| (x.value.span, Some(&x.value)))
            }
            (Kind::List(items), PathSeg::Index(i)) => items.get(*i).map(|n| (n.span, Some(n))),
            (Kind::Tuple { items, .. }, PathSeg::Index(i)) => items.get(*i).map(|n| (n.span, Some(n))),
            // A newtype wrapper such as `Some(x)` or `When(…)` is transparent.
            (Kind::Tuple { items, .. }, PathSeg::Field(_)) if items.len() == 1 => items[0].child(seg),
            (Kind::Map(entries), PathSeg::Field(f)) => entries
                .iter()
                .find(|(k, _)| matches!(&k.kind, Kind::Str(s) | Kind::Ident(s) if s == f))
                .map(|(_, v)| (v.span, Some(v))),
            _ => None,
        }
    }
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_string()
    }
}

/// One step into a tree: a struct field or a list index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSeg {
    Field(String),
    Index(usize),
}

/// A path to a value, built by validators: `injects[3].reveals[0]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Path(pub Vec<PathSeg>);

impl Path {
    pub fn root() -> Path {
        Path(Vec::new())
    }
    pub fn field(&self, name: &str) -> Path {
        let mut p = self.clone();
        p.0.push(PathSeg::Field(name.to_string()));
        p
    }
    pub fn index(&self, i: usize) -> Path {
        let mut p = self.clone();
        p.0.push(PathSeg::Index(i));
        p
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                PathSeg::Field(n) if i == 0 => write!(f, "{n}")?,
                PathSeg::Field(n) => write!(f, ".{n}")?,
                PathSeg::Index(k) => write!(f, "[{k}]")?,
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub span: Span,
    pub message: String,
    pub expected: Option<String>,
    pub help: Option<String>,
}

/// Text in scenarios reaches screens, terminals and reports: a control
/// character (NUL, ESC, BEL…) has no business there and is refused.
fn control_in_string(c: char, span: Span) -> ParseError {
    ParseError {
        span,
        message: format!("control character U+{:04X} in a string", c as u32),
        expected: Some("printable text; `\\n` for a new line, `\\t` for a tab".into()),
        help: Some("delete it; it may have come from a copy and paste".into()),
    }
}

pub fn parse(text: &str) -> Result<Node, ParseError> {
    let mut p = Parser { src: text, pos: 0, depth: 0 };
    p.skip_ws()?;
    // RON files may start with `#![enable(...)]` attributes; we skip them.
    while p.rest().starts_with("#!") {
        let end = p.rest().find(']').ok_or_else(|| p.err_here("unterminated `#![…]` attribute"))?;
        p.pos += end + 1;
        p.skip_ws()?;
    }
    if p.pos >= text.len() {
        return Err(ParseError {
            span: Span::at(p.pos.saturating_sub(1)),
            message: "the file is empty".into(),
            expected: Some("a RON value such as `Scenario(…)`".into()),
            help: Some("start from `sevdrill new NAME` or an example in scenarios/".into()),
        });
    }
    let node = p.value()?;
    p.skip_ws()?;
    if p.pos < text.len() {
        return Err(ParseError {
            span: p.token_span(),
            message: "unexpected text after the end of the value".into(),
            expected: Some("end of file".into()),
            help: Some("is a closing bracket misplaced above this point?".into()),
        });
    }
    Ok(node)
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn token_span(&self) -> Span {
        let len = self.peek().map(|c| c.len_utf8()).unwrap_or(1);
        Span::new(self.pos, self.pos + len)
    }

    fn err_here(&self, message: impl Into<String>) -> ParseError {
        ParseError { span: self.token_span(), message: message.into(), expected: None, help: None }
    }

    fn unexpected(&self, expected: &str) -> ParseError {
        let message = match self.peek() {
            None => "unexpected end of file".to_string(),
            Some(c) if c.is_control() => format!("unexpected control character U+{:04X}", c as u32),
            Some(c) => format!("unexpected `{c}`"),
        };
        ParseError { span: self.token_span(), message, expected: Some(expected.into()), help: None }
    }

    fn skip_ws(&mut self) -> Result<(), ParseError> {
        loop {
            let rest = self.rest();
            if rest.starts_with("//") {
                // A lone CR ends a line too (files saved with old Mac endings).
                self.pos += rest.find(['\n', '\r']).unwrap_or(rest.len());
            } else if rest.starts_with("/*") {
                let start = self.pos;
                self.pos += 2;
                let mut level = 1;
                while level > 0 {
                    let r = self.rest();
                    if r.is_empty() {
                        return Err(ParseError {
                            span: Span::new(start, start + 2),
                            message: "this comment is never closed".into(),
                            expected: Some("`*/`".into()),
                            help: None,
                        });
                    } else if r.starts_with("/*") {
                        level += 1;
                        self.pos += 2;
                    } else if r.starts_with("*/") {
                        level -= 1;
                        self.pos += 2;
                    } else {
                        self.bump();
                    }
                }
            } else if let Some(c) = self.peek().filter(|c| c.is_whitespace()) {
                self.pos += c.len_utf8();
            } else {
                return Ok(());
            }
        }
    }

    fn value(&mut self) -> Result<Node, ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ParseError {
                span: self.token_span(),
                message: format!("values are nested more than {MAX_DEPTH} levels deep"),
                expected: None,
                help: Some("flatten the structure; scenario files never need this depth".into()),
            });
        }
        let r = self.value_inner();
        self.depth -= 1;
        r
    }

    fn value_inner(&mut self) -> Result<Node, ParseError> {
        let start = self.pos;
        let c = self.peek().ok_or_else(|| self.unexpected("a value"))?;
        let kind = match c {
            '"' => Kind::Str(self.string()?),
            'r' if self.rest()[1..].starts_with(['"', '#']) => Kind::Str(self.raw_string()?),
            '\'' => Kind::Char(self.char_lit()?),
            '[' => self.list()?,
            '{' => self.map()?,
            '(' => self.parens(None)?,
            c if c.is_ascii_digit() || c == '-' || c == '+' || c == '.' => self.number()?,
            c if c == '_' || c.is_alphabetic() => {
                let name = self.ident();
                let name_span = Span::new(start, self.pos);
                self.skip_ws()?;
                match (name.as_str(), self.peek()) {
                    (_, Some('(')) => self.parens(Some(Named { name, span: name_span }))?,
                    ("true", _) => Kind::Bool(true),
                    ("false", _) => Kind::Bool(false),
                    ("inf", _) => Kind::Float(f64::INFINITY),
                    ("NaN", _) => Kind::Float(f64::NAN),
                    _ => {
                        self.pos = name_span.end;
                        Kind::Ident(name)
                    }
                }
            }
            _ => return Err(self.unexpected("a value: a string, number, `(`, `[`, `{` or a name")),
        };
        Ok(Node { kind, span: Span::new(start, self.pos) })
    }

    fn ident(&mut self) -> String {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c == '_' || c.is_alphanumeric() {
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
        // RON's raw identifiers, `r#name`.
        if &self.src[start..self.pos] == "r" && self.rest().starts_with('#') {
            self.pos += 1;
            return self.ident();
        }
        self.src[start..self.pos].to_string()
    }

    fn string(&mut self) -> Result<String, ParseError> {
        let start = self.pos;
        self.bump();
        let mut out = String::new();
        loop {
            match self.bump() {
                None => {
                    return Err(ParseError {
                        span: Span::at(start),
                        message: "this string is never closed".into(),
                        expected: Some("a closing `\"`".into()),
                        help: Some("write a quote inside a string as `\\\"`".into()),
                    });
                }
                Some('"') => return Ok(out),
                Some('\\') => {
                    let esc_start = self.pos - 1;
                    let c = self.bump().ok_or_else(|| self.unexpected("an escape character"))?;
                    match c {
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        '0' => return Err(control_in_string('\0', Span::new(esc_start, self.pos))),
                        '\\' => out.push('\\'),
                        '"' => out.push('"'),
                        '\'' => out.push('\''),
                        '\n' => {
                            // A backslash at line end continues the string.
                            while self.peek().is_some_and(|c| c.is_whitespace()) {
                                self.bump();
                            }
                        }
                        'u' => {
                            let c = self.unicode_escape(esc_start)?;
                            if crate::escape::is_control(c) {
                                return Err(control_in_string(c, Span::new(esc_start, self.pos)));
                            }
                            out.push(c);
                        }
                        other => {
                            return Err(ParseError {
                                span: Span::new(esc_start, self.pos),
                                message: format!("unknown escape `\\{other}` in a string"),
                                expected: Some("one of \\n \\t \\r \\0 \\\\ \\\" \\u{…}".into()),
                                help: Some("to write a backslash, double it: `\\\\`".into()),
                            });
                        }
                    }
                }
                Some(c) if crate::escape::is_control(c) => {
                    return Err(control_in_string(c, Span::new(self.pos - c.len_utf8(), self.pos)));
                }
                Some(c) => out.push(c),
            }
        }
    }

    fn unicode_escape(&mut self, esc_start: usize) -> Result<char, ParseError> {
        let bad = |p: &Self| ParseError {
            span: Span::new(esc_start, p.pos.max(esc_start + 2)),
            message: "malformed unicode escape".into(),
            expected: Some("`\\u{XXXX}` with 1 to 6 hex digits".into()),
            help: None,
        };
        if self.bump() != Some('{') {
            return Err(bad(self));
        }
        let hex_start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
            self.bump();
        }
        let hex = &self.src[hex_start..self.pos];
        if self.bump() != Some('}') || hex.is_empty() || hex.len() > 6 {
            return Err(bad(self));
        }
        u32::from_str_radix(hex, 16).ok().and_then(char::from_u32).ok_or_else(|| bad(self))
    }

    fn raw_string(&mut self) -> Result<String, ParseError> {
        let start = self.pos;
        self.bump(); // r
        let mut hashes = 0;
        while self.peek() == Some('#') {
            hashes += 1;
            self.bump();
        }
        if self.bump() != Some('"') {
            return Err(ParseError {
                span: Span::new(start, self.pos),
                message: "malformed raw string".into(),
                expected: Some("`r\"…\"` or `r#\"…\"#`".into()),
                help: None,
            });
        }
        let close = format!("\"{}", "#".repeat(hashes));
        match self.rest().find(&close) {
            Some(i) => {
                let s = self.rest()[..i].to_string();
                if let Some((at, c)) = s.char_indices().find(|(_, c)| crate::escape::is_control(*c)) {
                    let p = self.pos + at;
                    return Err(control_in_string(c, Span::new(p, p + c.len_utf8())));
                }
                self.pos += i + close.len();
                Ok(s)
            }
            None => Err(ParseError {
                span: Span::at(start),
                message: "this raw string is never closed".into(),
                expected: Some(format!("`{close}`")),
                help: None,
            }),
        }
    }

    fn char_lit(&mut self) -> Result<char, ParseError> {
        let start = self.pos;
        self.bump();
        let c = match self.bump() {
            Some('\\') => match self.bump() {
                Some('n') => '\n',
                Some('t') => '\t',
                Some('\\') => '\\',
                Some('\'') => '\'',
                _ => return Err(self.unexpected("a character escape")),
            },
            Some(c) => c,
            None => return Err(self.unexpected("a character")),
        };
        if self.bump() != Some('\'') {
            return Err(ParseError {
                span: Span::new(start, self.pos),
                message: "a character literal holds exactly one character".into(),
                expected: Some("`'c'`".into()),
                help: Some("use double quotes for text: \"like this\"".into()),
            });
        }
        Ok(c)
    }

    fn number(&mut self) -> Result<Kind, ParseError> {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '.' | '_') {
                self.pos += 1;
            } else {
                break;
            }
        }
        let raw: String = self.src[start..self.pos].chars().filter(|c| *c != '_').collect();
        let bad = |msg: &str| ParseError {
            span: Span::new(start, self.pos),
            message: msg.into(),
            expected: Some("a number such as `42`, `-3` or `0.5`".into()),
            help: if raw.chars().any(|c| matches!(c, 'h' | 'm' | 's')) {
                Some("durations are strings: write \"15m\", with quotes".into())
            } else {
                None
            },
        };
        let (neg, digits) = match raw.strip_prefix('-') {
            Some(d) => (true, d),
            None => (false, raw.strip_prefix('+').unwrap_or(&raw)),
        };
        let parsed_int = if let Some(hex) = digits.strip_prefix("0x") {
            i128::from_str_radix(hex, 16).ok()
        } else if let Some(b) = digits.strip_prefix("0b") {
            i128::from_str_radix(b, 2).ok()
        } else if digits.chars().all(|c| c.is_ascii_digit()) && !digits.is_empty() {
            digits.parse::<i128>().ok()
        } else {
            None
        };
        if let Some(i) = parsed_int {
            return Ok(Kind::Int(if neg { -i } else { i }));
        }
        if digits.chars().all(|c| c.is_ascii_digit()) && !digits.is_empty() {
            return Err(bad("this integer is too large"));
        }
        match raw.parse::<f64>() {
            Ok(x) if raw.chars().any(|c| c.is_ascii_digit()) => Ok(Kind::Float(x)),
            _ => Err(bad(&format!("`{}` is not a number", &self.src[start..self.pos]))),
        }
    }

    fn expect_sep(&mut self, close: char, what: &str) -> Result<bool, ParseError> {
        self.skip_ws()?;
        match self.peek() {
            Some(',') => {
                self.bump();
                self.skip_ws()?;
                if self.peek() == Some(close) {
                    self.bump();
                    return Ok(true);
                }
                Ok(false)
            }
            Some(c) if c == close => {
                self.bump();
                Ok(true)
            }
            _ => {
                let mut e = self.unexpected(&format!("`,` or `{close}` after {what}"));
                if self.peek().is_some_and(|c| c == '"' || c.is_alphanumeric() || c == '(') {
                    e.help = Some("is a comma missing at the end of the previous line?".into());
                }
                Err(e)
            }
        }
    }

    fn list(&mut self) -> Result<Kind, ParseError> {
        self.bump();
        self.skip_ws()?;
        let mut items = Vec::new();
        if self.peek() == Some(']') {
            self.bump();
            return Ok(Kind::List(items));
        }
        loop {
            items.push(self.value()?);
            if self.expect_sep(']', "a list item")? {
                return Ok(Kind::List(items));
            }
        }
    }

    fn map(&mut self) -> Result<Kind, ParseError> {
        self.bump();
        self.skip_ws()?;
        let mut entries = Vec::new();
        if self.peek() == Some('}') {
            self.bump();
            return Ok(Kind::Map(entries));
        }
        loop {
            let key = self.value()?;
            self.skip_ws()?;
            if self.peek() != Some(':') {
                return Err(self.unexpected("`:` between a map key and its value"));
            }
            self.bump();
            self.skip_ws()?;
            let value = self.value()?;
            entries.push((key, value));
            if self.expect_sep('}', "a map entry")? {
                return Ok(Kind::Map(entries));
            }
        }
    }

    /// After `(`: a struct if it starts with `name:`, otherwise a tuple.
    fn parens(&mut self, name: Option<Named>) -> Result<Kind, ParseError> {
        self.bump();
        self.skip_ws()?;
        if self.peek() == Some(')') {
            self.bump();
            return Ok(Kind::Tuple { name, items: Vec::new() });
        }
        if self.starts_field() {
            let mut fields: Vec<Field> = Vec::new();
            loop {
                let fstart = self.pos;
                if !self.peek().is_some_and(|c| c == '_' || c.is_alphabetic()) {
                    return Err(self.unexpected("a field name"));
                }
                let fname = self.ident();
                let name_span = Span::new(fstart, self.pos);
                self.skip_ws()?;
                if self.peek() != Some(':') {
                    return Err(self.unexpected(&format!("`:` after the field name `{fname}`")));
                }
                self.bump();
                self.skip_ws()?;
                if let Some(prev) = fields.iter().find(|f| f.name == fname) {
                    let _ = prev;
                    return Err(ParseError {
                        span: name_span,
                        message: format!("the field `{fname}` is given twice"),
                        expected: None,
                        help: Some("remove one of the two".into()),
                    });
                }
                let value = self.value()?;
                fields.push(Field { name: fname, name_span, value });
                if self.expect_sep(')', "a field")? {
                    return Ok(Kind::Struct { name, fields });
                }
            }
        }
        let mut items = Vec::new();
        loop {
            items.push(self.value()?);
            if self.expect_sep(')', "an item")? {
                return Ok(Kind::Tuple { name, items });
            }
        }
    }

    fn starts_field(&self) -> bool {
        let rest = self.rest();
        let ident_len = rest
            .char_indices()
            .find(|(_, c)| !(*c == '_' || c.is_alphanumeric()))
            .map(|(i, _)| i)
            .unwrap_or(rest.len());
        if ident_len == 0 || !rest.starts_with(|c: char| c == '_' || c.is_alphabetic()) {
            return false;
        }
        let after = rest[ident_len..].trim_start();
        after.starts_with(':') && !after.starts_with("::")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_nested_values_with_spans() {
        let text = "Foo(a: [1, 2,], b: Some(\"x\"), c: None, d: Bar(k: 1.5), e: {\"z\": true})";
        let node = parse(text).unwrap();
        let Kind::Struct { fields, .. } = &node.kind else { panic!("{node:?}") };
        assert_eq!(fields.len(), 5);
        let b = &fields[1].value;
        assert_eq!(&text[b.span.start..b.span.end], "Some(\"x\")");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(100_000);
        let err = parse(&text).unwrap_err();
        assert!(err.message.contains("nested"), "{}", err.message);
    }

    #[test]
    fn locate_follows_paths() {
        let text = "(xs: [(id: \"a\"), (id: \"b\")])";
        let node = parse(text).unwrap();
        let span = node.locate(&Path::root().field("xs").index(1).field("id").0);
        assert_eq!(&text[span.start..span.end], "\"b\"");
    }
}
