//! The typo fallback: a query that finds almost nothing is read as the
//! nearest words the dataset has ("pegsus" as "pegasus").

use std::collections::HashMap;

use super::SearchIndex;

impl SearchIndex {
    /// The query with each longer word the dataset does not have replaced
    /// by the nearest one it has (at most one edit in five letters, two in
    /// longer words; among equals the most frequent). `None` when nothing
    /// was replaced.
    pub(super) fn correct(&self, query: &str) -> Option<String> {
        let words = self.words.get_or_init(|| vocabulary(&self.text));
        let mut changed = false;
        let corrected: Vec<String> = query
            .split(' ')
            .map(|word| {
                let length = word.chars().count();
                let known = words
                    .binary_search_by(|(w, _)| w.as_str().cmp(word))
                    .is_ok();
                if length < 4 || known {
                    return word.to_string();
                }
                let allowed = if length <= 5 { 1 } else { 2 };
                let nearest = words
                    .iter()
                    .filter(|(w, _)| w.len().abs_diff(word.len()) <= allowed)
                    .map(|(w, count)| (strsim::osa_distance(w, word), *count, w))
                    .filter(|(distance, _, _)| *distance <= allowed)
                    .min_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
                match nearest {
                    Some((_, _, w)) => {
                        changed = true;
                        w.clone()
                    }
                    None => word.to_string(),
                }
            })
            .collect();
        changed.then(|| corrected.join(" "))
    }
}

/// The distinct words (three letters or more, not only digits) of the
/// folded text, sorted, each with how often it occurs.
fn vocabulary(text: &str) -> Vec<(String, u32)> {
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.chars().nth(2).is_some() && !word.chars().all(|c| c.is_ascii_digit()) {
            *counts.entry(word).or_default() += 1;
        }
    }
    let mut words: Vec<(String, u32)> = counts
        .into_iter()
        .map(|(w, n)| (w.to_string(), n))
        .collect();
    words.sort_unstable();
    words
}
