//! "Did you mean …?": the closest known name to a misspelt one.

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
        assert_eq!(nearest("smumary", &names).as_deref(), Some("summary"));
    }
}
