//! Escaping user text for where it ends up — the one place for each:
//! Markdown (reports pasted into wikis that render HTML) and terminals
//! (where ESC or BEL in a name would drive the terminal). Scenario text,
//! names, notes and whys all come from files people trade.

use std::borrow::Cow;

/// Text for a Markdown paragraph, list item or table cell: renders as the
/// same characters and nothing else — no HTML (`<script>`), no links or
/// images, no emphasis, no table breaks, and no way out of the line it is
/// on (a newline becomes a space, so it cannot start a heading).
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut at_start = true;
    for c in text.chars() {
        let c = if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c };
        if is_control(c) {
            continue;
        }
        // Anywhere in a line: inline HTML, links, images, emphasis, code,
        // strike-through, table cells, entities and escapes themselves.
        let always = matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '!');
        // First in the text: what would open a heading, list or rule.
        let leading = at_start && matches!(c, '#' | '-' | '+' | '=');
        if always || leading {
            out.push('\\');
        }
        out.push(c);
        at_start &= c == ' ';
    }
    escape_ordered_list_marker(out)
}

/// `12.` at the start of a text becomes `12\.` so it cannot start a list.
fn escape_ordered_list_marker(s: String) -> String {
    let digits = s.trim_start().chars().take_while(|c| c.is_ascii_digit()).count();
    let lead = s.len() - s.trim_start().len();
    let after = lead + digits;
    if digits > 0 && matches!(s.as_bytes().get(after), Some(b'.') | Some(b')')) {
        let mut t = s;
        t.insert(after, '\\');
        t
    } else {
        s
    }
}

/// Text inside a Markdown code span, fenced with more backticks than it holds.
pub fn markdown_code(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .filter(|c| !is_control(*c))
        .collect();
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Text for a terminal: every control character (ESC, BEL, NUL, the C1
/// set) and the bidirectional overrides that reorder what is shown become
/// a visible `\u{…}`; tabs and newlines stay.
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_terminal_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_terminal_escape(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A writer for human messages (stderr): passes everything through
/// `terminal`. Whole characters only: a write cut inside one is taken up to
/// the cut and the rest comes in the caller's next write.
pub struct TerminalWriter<W: std::io::Write>(pub W);

impl<W: std::io::Write> std::io::Write for TerminalWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let valid = match std::str::from_utf8(buf) {
            Ok(s) => s,
            Err(e) if e.valid_up_to() > 0 => std::str::from_utf8(&buf[..e.valid_up_to()]).unwrap_or(""),
            // Not text at all: pass the bytes on as they are, one at a time.
            Err(_) => return self.0.write(&buf[..1]).map(|_| 1),
        };
        self.0.write_all(terminal(valid).as_bytes())?;
        Ok(valid.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

fn needs_terminal_escape(c: char) -> bool {
    (is_control(c) && c != '\n' && c != '\t') || is_bidi_control(c)
}

/// C0 (but tab, newline and carriage return), DEL and C1.
pub fn is_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// The characters that reorder text on screen (as in "Trojan source").
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_text_cannot_open_html_links_images_headings_or_cells() {
        assert_eq!(markdown("<script>alert(1)</script>"), "\\<script\\>alert(1)\\</script\\>");
        assert_eq!(markdown("![x](http://evil/p.png)"), "\\!\\[x\\](http://evil/p.png)");
        assert_eq!(markdown("[click](javascript:alert(1))"), "\\[click\\](javascript:alert(1))");
        assert_eq!(markdown("ok\n# Heading"), "ok # Heading");
        assert_eq!(markdown("# top"), "\\# top");
        assert_eq!(markdown("a | b"), "a \\| b");
        assert_eq!(markdown("1. first"), "1\\. first");
        assert_eq!(markdown("- item"), "\\- item");
        assert_eq!(markdown("plain words, 12.5 minutes - fine"), "plain words, 12.5 minutes - fine");
        assert_eq!(markdown("bell\u{7}"), "bell");
    }

    #[test]
    fn code_spans_hold_backticks() {
        assert_eq!(markdown_code("a`b"), "``a`b``");
        assert_eq!(markdown_code("plain"), "`plain`");
    }

    #[test]
    fn terminal_text_shows_escapes_instead_of_obeying_them() {
        assert_eq!(terminal("Ana\u{1b}[2J\u{7}"), "Ana\\u{1b}[2J\\u{7}");
        assert_eq!(terminal("ok\tline\n"), "ok\tline\n");
        assert_eq!(terminal("abc\u{202E}def"), "abc\\u{202e}def");
        assert!(matches!(terminal("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn the_terminal_writer_escapes_what_passes_through_it() {
        use std::io::Write;
        let mut w = TerminalWriter(Vec::new());
        writeln!(w, "error: \"Ana\u{1b}]0;owned\u{7}\" is not a participant").unwrap();
        assert_eq!(
            String::from_utf8(w.0).unwrap(),
            "error: \"Ana\\u{1b}]0;owned\\u{7}\" is not a participant\n"
        );
    }
}
