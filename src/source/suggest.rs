//! "Did you mean …?": the closest known name to a misspelt one.

/// Edit distance between two strings, by characters, case-insensitive.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The candidate closest to `wrong`, if it is close enough to be a typo
/// (at most a third of the word's length away, or a prefix/suffix match).
pub fn nearest<'a, I, S>(wrong: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a S>,
    S: AsRef<str> + ?Sized + 'a,
{
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let c = c.as_ref();
        if c == wrong {
            continue;
        }
        let d = distance(wrong, c);
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    let (d, name) = best?;
    let limit = (wrong.chars().count().max(name.chars().count()) / 3).max(1);
    let lw = wrong.to_lowercase();
    let ln = name.to_lowercase();
    let affix = lw.len() >= 3 && (ln.starts_with(&lw) || lw.starts_with(&ln) || ln.contains(&lw));
    (d <= limit || affix).then(|| name.to_string())
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
    }
}
