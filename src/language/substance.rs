//! Whether a piece of free text says anything: "x", "tbd", "n/a", "..." or
//! "asdf" fill a field without informing anyone, so a field, a note or a
//! review entry made only of such filler counts as empty.

/// Tokens that hold a place without saying anything.
const FILLER: &[&str] = &[
    "x",
    "xx",
    "xxx",
    "tbd",
    "tba",
    "tbc",
    "todo",
    "to do",
    "na",
    "n a",
    "none",
    "nil",
    "null",
    "same",
    "see above",
    "as above",
    "placeholder",
    "lorem",
    "ipsum",
    "lorem ipsum",
    "test",
    "testing",
    "asdf",
    "qwerty",
    "foo",
    "bar",
    "blah",
    "etc",
    "stuff",
    "something",
    "whatever",
    "later",
    "pending",
    "fill in",
    "fill me",
    "update",
    "note",
    "info",
    "details",
    "misc",
    "various",
    "unknown",
    "tk",
    "wip",
    "ok",
    "yes",
    "no",
    "done",
    "fixed",
    "issue",
    "problem",
    "incident",
];

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

fn is_filler(word: &str) -> bool {
    FILLER.iter().any(|f| f.len() == word.len() && f.eq_ignore_ascii_case(word))
}

/// A word that carries information: not filler, not one letter repeated,
/// and a number or at least two letters.
fn informative(w: &str) -> bool {
    !is_filler(w)
        && !is_one_char_repeated(w)
        && (w.bytes().any(|b| b.is_ascii_digit())
            || w.chars().filter(|c| c.is_alphabetic()).take(2).count() >= 2)
}

/// Whether a short text is a filler phrase as a whole ("see above", "n/a").
fn is_filler_phrase(text: &str) -> bool {
    // The longest filler phrase is a dozen letters; longer texts are not one.
    if text.len() > 24 {
        return false;
    }
    let ws: Vec<&str> = words(text).take(4).collect();
    if ws.is_empty() || ws.len() > 3 {
        return false;
    }
    is_filler(&ws.join(" "))
}

/// True when `text` carries information: it has a word of at least two
/// letters or a number, and is not made only of filler tokens.
pub fn has_content(text: &str) -> bool {
    words(text).any(informative) && !is_filler_phrase(text)
}

/// True when `text` is a statement of at least `min_words` informative
/// words: used for notes, whys and action items, where a lone word records
/// nothing.
pub fn is_statement(text: &str, min_words: usize) -> bool {
    words(text).filter(|w| informative(w)).take(min_words).count() >= min_words && !is_filler_phrase(text)
}

fn is_one_char_repeated(w: &str) -> bool {
    let mut chars = w.chars();
    let first = chars.next();
    w.chars().count() >= 3 && chars.all(|c| Some(c) == first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filler_is_not_content() {
        for filler in ["", " ", "x", "TBD", "n/a", "N/A.", "...", "-", "?", "asdf", "xxxx", "todo", "tbd tbd"]
        {
            assert!(!has_content(filler), "{filler:?} says nothing");
        }
        for real in ["Dana", "SEV2", "#inc-42", "Checkout down", "30%", "EU shoppers cannot pay"] {
            assert!(has_content(real), "{real:?} says something");
        }
    }

    #[test]
    fn statements_need_words() {
        assert!(!is_statement("Status checked.", 3));
        assert!(!is_statement("note note note", 2));
        assert!(is_statement("Declared SEV2 at 10:40", 3));
        assert!(is_statement("Rolled back the 10:02 release", 3));
    }
}
