//! A positioned, human-readable error: file, line, column, the offending
//! line with a caret, what was expected and a suggestion.

use super::{SourceFile, Span};
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: String,
    /// 1-based; 0 when the error concerns the whole file.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub message: String,
    /// The source line the error is on.
    pub snippet: String,
    /// How many characters of the snippet to underline, from `column`.
    pub underline: usize,
    pub expected: Option<String>,
    pub help: Option<String>,
    /// Where the caret goes in `snippet`, in characters: the column, less
    /// what was cut from the start of a very long line.
    #[serde(skip)]
    pub caret: usize,
}

/// Lines longer than this are shown as a window around the column.
const SNIPPET_CHARS: usize = 160;
/// Messages longer than this are cut when shown (a 2 MB id stays readable).
const SHOWN_CHARS: usize = 400;

impl Diagnostic {
    pub fn at(src: &SourceFile, span: Span, severity: Severity, message: impl Into<String>) -> Self {
        let (line, column) = src.line_col(span.start);
        let whole: Vec<char> = src.line_text(span.start).chars().collect();
        // A long line is shown as a window around the column, marked `…`.
        let (from, to) = if whole.len() > SNIPPET_CHARS {
            let from = (column - 1).saturating_sub(SNIPPET_CHARS / 3).min(whole.len());
            (from, (from + SNIPPET_CHARS).min(whole.len()))
        } else {
            (0, whole.len())
        };
        let mut snippet: String = whole[from..to].iter().collect();
        let caret = column - 1 - from + usize::from(from > 0);
        if from > 0 {
            snippet.insert(0, '…');
        }
        if to < whole.len() {
            snippet.push('…');
        }
        let rest = snippet.chars().count().saturating_sub(caret);
        let span_chars = src
            .text
            .get(span.start..span.end.max(span.start))
            .map(|s| s.lines().next().unwrap_or("").chars().count())
            .unwrap_or(1);
        Diagnostic {
            severity,
            file: src.name.clone(),
            line,
            column,
            message: message.into(),
            snippet,
            underline: span_chars.clamp(1, rest.max(1)),
            expected: None,
            help: None,
            caret,
        }
    }

    /// An error about a file as a whole (unreadable, too large).
    pub fn whole_file(file: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_string(),
            line: 0,
            column: 0,
            message: message.into(),
            snippet: String::new(),
            underline: 0,
            expected: None,
            help: None,
            caret: 0,
        }
    }

    pub fn with_expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// Everything from the file goes through `escape::terminal`: a file
    /// holding ESC or BEL cannot drive the terminal that shows its error.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::escape::terminal;
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let shown = |t: &str| -> String {
            let t = terminal(t);
            if t.chars().count() > SHOWN_CHARS {
                t.chars().take(SHOWN_CHARS).chain("…".chars()).collect()
            } else {
                t.into_owned()
            }
        };
        writeln!(f, "{label}: {}", shown(&self.message))?;
        if self.line == 0 {
            writeln!(f, "  --> {}", terminal(&self.file))?;
        } else {
            let gutter = self.line.to_string().len();
            writeln!(f, "{:>w$}--> {}:{}:{}", "", terminal(&self.file), self.line, self.column, w = gutter)?;
            writeln!(f, "{:>w$} |", "", w = gutter)?;
            writeln!(f, "{} | {}", self.line, terminal(&self.snippet))?;
            // The caret sits under the column as the terminal draws it: tabs
            // stay tabs, wide characters take two cells, escapes their text.
            let mut pad = String::new();
            for c in self.snippet.chars().take(self.caret) {
                match c {
                    '\t' => pad.push('\t'),
                    c => {
                        let shown = terminal(c.encode_utf8(&mut [0; 4])).into_owned();
                        let width = unicode_width::UnicodeWidthStr::width(shown.as_str());
                        pad.extend(std::iter::repeat_n(' ', width));
                    }
                }
            }
            writeln!(f, "{:>w$} | {pad}{}", "", "^".repeat(self.underline.max(1)), w = gutter)?;
        }
        if let Some(e) = &self.expected {
            writeln!(f, "  = expected: {}", shown(e))?;
        }
        if let Some(h) = &self.help {
            writeln!(f, "  = help: {}", shown(h))?;
        }
        Ok(())
    }
}
