//! "Did you mean …?": the closest known name to a misspelt one, at a bounded
//! cost — a hostile file full of long unknown names must not make `check`
//! spend minutes on suggestions nobody can use.

/// Names longer than this are not typos of a name: no suggestion.
const MAX_NAME_CHARS: usize = 64;
/// At most this many candidates are compared with one wrong name.
const MAX_CANDIDATES: usize = 1_000;

/// Edit distance between two strings, by characters, case-insensitive; a
/// swap of two neighbouring letters ("cuase") counts as one edit, since it
/// is the commonest typo.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        d[i * width] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j - 1] + cost)
                .min(d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

/// The candidate closest to `wrong`, if it is close enough to be a typo
/// (at most a third of the word's length away, or a prefix/suffix match).
pub fn nearest<'a, I, S>(wrong: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a S>,
    S: AsRef<str> + ?Sized + 'a,
{
    let wrong_len = wrong.chars().count();
    if wrong_len > MAX_NAME_CHARS {
        return None;
    }
    let lw = wrong.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates.into_iter().take(MAX_CANDIDATES) {
        let c = c.as_ref();
        let c_len = c.chars().count();
        if c == wrong || c_len > MAX_NAME_CHARS {
            continue;
        }
        // The distance is at least the difference in length: skip the table
        // when that alone cannot beat the best so far.
        if best.is_some_and(|(bd, _)| wrong_len.abs_diff(c_len) >= bd) {
            continue;
        }
        let d = distance(wrong, c);
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    let (d, name) = best?;
    let limit = (wrong.chars().count().max(name.chars().count()) / 3).max(1);
    (d <= limit || affix(&lw, &name.to_lowercase())).then(|| name.to_string())
}

/// One name is the start of, or contained in, the other (lower-cased).
fn affix(lw: &str, ln: &str) -> bool {
    lw.len() >= 3 && (ln.starts_with(lw) || lw.starts_with(ln) || ln.contains(lw))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_and_ignores_unrelated_words() {
        let names = ["severity", "summary", "injects"];
        assert_eq!(nearest("sevrity", &names).as_deref(), Some("severity"));
        assert_eq!(nearest("inject", &names).as_deref(), Some("injects"));
        assert_eq!(nearest("banana", &names), None);
        assert_eq!(nearest("smumary", &names).as_deref(), Some("summary"));
    }

    #[test]
    fn a_very_long_name_gets_no_suggestion_and_costs_nothing() {
        let long = "x".repeat(2_000_000);
        let names: Vec<String> = (0..500).map(|i| format!("fact-{i}-{}", "y".repeat(i % 60))).collect();
        assert_eq!(nearest(&long, &names), None);
        let long_candidates: Vec<String> = (0..50).map(|i| format!("{i}{}", "z".repeat(2000))).collect();
        assert_eq!(nearest("fact-1", &long_candidates), None);
    }
}
