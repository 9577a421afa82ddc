//! Reading hand-written files with positions: a RON parser that keeps spans,
//! a serde deserializer over it, and diagnostics that point at file:line:column.
//!
//! We parse RON ourselves instead of deserializing with the `ron` crate
//! because the validator has to point at the exact value behind a semantic
//! error (a misspelt fact id, a time past the end), long after serde is done;
//! the spanned tree lets any later check turn a field path into a position.

mod de;
mod diagnostic;
mod suggest;
mod tree;
mod write;

pub use de::{DeError, from_node};
pub use diagnostic::{Diagnostic, Severity};
pub use suggest::nearest;
pub use tree::{Kind, Node, ParseError, Path, PathSeg, Span, parse};
pub use write::{WriteError, to_ron};

/// Largest file we accept; real scenarios are a few tens of kilobytes.
pub const MAX_FILE_BYTES: usize = 2 * 1024 * 1024;

/// A file's text plus its name, for turning byte offsets into line:column.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

impl SourceFile {
    /// Reads a file as UTF-8, refusing oversized or non-text input with a
    /// diagnostic rather than an I/O panic.
    pub fn read(path: &std::path::Path) -> Result<SourceFile, Box<Diagnostic>> {
        let name = path.display().to_string();
        if crate::built_in::is_built_in(path) {
            return match crate::built_in::text(path) {
                Some(text) => Ok(SourceFile { name, text: text.to_string() }),
                None => Err(Box::new(
                    Diagnostic::whole_file(&name, "no such file in the built-in library")
                        .with_help("`sevdrill list` shows the built-in scenarios"),
                )),
            };
        }
        let bytes = crate::bounded_read::read_regular(path, MAX_FILE_BYTES as u64, "a scenario or script")
            .map_err(|e| {
                let help = match e {
                    crate::bounded_read::ReadRefusal::TooLarge { .. } => {
                        "split the file, or check that this is really a scenario file"
                    }
                    _ => "name a scenario or script file (`.ron`)",
                };
                Box::new(Diagnostic::whole_file(&name, e.to_string()).with_help(help))
            })?;
        Self::from_bytes(name, bytes)
    }

    /// Builds a source from raw bytes, with a positioned error for invalid UTF-8.
    pub fn from_bytes(name: String, bytes: Vec<u8>) -> Result<SourceFile, Box<Diagnostic>> {
        if bytes.len() > MAX_FILE_BYTES {
            return Err(Box::new(Diagnostic::whole_file(
                &name,
                format!("file is {} bytes, larger than the {} byte limit", bytes.len(), MAX_FILE_BYTES),
            )));
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile { name, text }),
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                let lossy_offset = String::from_utf8_lossy(&e.as_bytes()[..valid]).len();
                let src = SourceFile { name, text };
                Err(Box::new(
                    src.error(Span::at(lossy_offset), "the file is not valid UTF-8 text")
                        .with_expected("a UTF-8 text file in RON format")
                        .with_help("is this a binary file? save the scenario as UTF-8 text"),
                ))
            }
        }
    }

    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        SourceFile { name: name.into(), text: text.into() }
    }

    /// 1-based line and column (in characters) of a byte offset. A line
    /// ends at LF, CRLF or a lone CR (old Mac files).
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let b = before.as_bytes();
        let lone_cr = |i: usize| b[i] == b'\r' && self.text.as_bytes().get(i + 1) != Some(&b'\n');
        let line = (0..b.len()).filter(|&i| b[i] == b'\n' || lone_cr(i)).count() + 1;
        let line_start = self.line_start(offset);
        let col = self.text[line_start..offset].chars().count() + 1;
        (line, col)
    }

    /// Where the line holding `offset` starts.
    fn line_start(&self, offset: usize) -> usize {
        self.text[..offset].rfind(['\n', '\r']).map(|i| i + 1).unwrap_or(0)
    }

    /// The whole line holding `offset`, without its line end.
    pub fn line_text(&self, offset: usize) -> &str {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let start = self.line_start(offset);
        let end = self.text[offset..].find(['\n', '\r']).map(|i| offset + i).unwrap_or(self.text.len());
        &self.text[start..end]
    }

    /// An error diagnostic at a span of this file.
    pub fn error(&self, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(self, span, Severity::Error, message)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
