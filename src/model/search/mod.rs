//! Finding anything in a dataset: one ranked list over actors (names,
//! aliases, countries), recommendations (titles, summaries), commitments'
//! notes and their evidence (titles and sources).
//!
//! The index is built once per dataset: every field folded to lower case
//! (one character for one, so a match's position holds in the original
//! text) into one string, so a keystroke is a substring scan over contiguous
//! memory instead of a visit to hundreds of thousands of small strings.
//! When the query only grew, only the previous hits are looked at again.

use std::cell::OnceCell;
use std::collections::HashMap;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem::Finder;

mod place;
mod typo;

pub use place::Place;

use super::Dataset;

/// How many hits a search ranks and keeps; the count says how many more
/// there were.
pub const SHOWN: usize = 200;

/// Below this many hits a query that may hold a typo is also read as the
/// nearest words of the dataset ("pegsus" as "pegasus").
const FEW: usize = 3;

/// How a hit matched, which decides its rank: the query inside the field
/// first, then a word near the query's (a typo's correction), then the
/// query's letters scattered through a short field ("dut" in "Durban
/// University of Technology").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// The field contains the query.
    Contains,
    /// The query's characters appear in this order in a short field.
    Scattered,
    /// The field contains the query as corrected ([`Hits::corrected`]).
    Corrected,
}

/// One hit: where it is, how it matched and which characters matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Where.
    pub place: Place,
    /// How it matched.
    pub how: How,
    /// The matched characters, as indices of `char`s of the field's text.
    pub matched: Vec<usize>,
}

/// The answer to one query: the best hits, best first, and what a longer
/// query needs to narrow them rather than search again.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hits {
    query: String,
    /// The best [`SHOWN`] hits at most, best first.
    pub hits: Vec<Hit>,
    /// How many fields matched in all.
    pub total: usize,
    /// The query as the typo fallback read it, when it did.
    pub corrected: Option<String>,
    /// Every entry containing the query (ascending): a longer query's
    /// hits are among these.
    contained: Vec<u32>,
    /// Every short-field entry matching it scattered (ascending).
    scattered: Vec<u32>,
}

impl Hits {
    /// The query these hits answer, folded as the index reads it.
    pub fn query(&self) -> &str {
        &self.query
    }
}

/// The fields, as the index stores them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Name,
    Alias,
    Country,
    Title,
    Summary,
    Note,
    Evidence,
    Source,
}

impl Field {
    /// How much a hit in this field counts against one in another with a
    /// match as good: who and what before what was said about them.
    fn weight(self) -> i64 {
        match self {
            Field::Name => 7,
            Field::Alias | Field::Title => 6,
            Field::Country => 5,
            Field::Evidence => 4,
            Field::Summary => 3,
            Field::Note => 2,
            Field::Source => 1,
        }
    }

    /// Short fields are matched scattered too; in a long note nearly any
    /// few letters appear in order somewhere, which would say nothing.
    fn is_short(self) -> bool {
        matches!(
            self,
            Field::Name | Field::Alias | Field::Country | Field::Title
        )
    }
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    field: Field,
    actor: u32,
    recommendation: u16,
    item: u16,
    /// Where its folded text starts in [`SearchIndex::text`]; it ends at
    /// the next NUL.
    start: u32,
}

/// Every searchable field of one dataset, folded and laid end to end.
#[derive(Clone, Default)]
pub struct SearchIndex {
    text: String,
    entries: Vec<Entry>,
    /// The dataset's distinct words with how often each occurs, for the
    /// typo fallback; made the first time a query finds little.
    words: OnceCell<Vec<(String, u32)>>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("entries", &self.entries.len())
            .field("bytes", &self.text.len())
            .finish()
    }
}

/// `text` as matching reads it, one character for one so a match's
/// character positions are the original's: in lower case (a character
/// whose lower case is several stays as it is), Latin letters without
/// their accents ("turkiye" finds Türkiye, "cote" Côte d'Ivoire), control
/// characters as spaces.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    fold_into(&mut folded, text);
    folded
}

fn fold_into(out: &mut String, text: &str) {
    if text.is_ascii() {
        // Most text is: a byte at a time, with no case tables.
        out.extend(text.bytes().map(|b| match b {
            _ if b.is_ascii_control() => ' ',
            _ => char::from(b.to_ascii_lowercase()),
        }));
        return;
    }
    for c in text.chars() {
        if c.is_control() {
            out.push(' ');
            continue;
        }
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) => out.push(unaccented(l)),
            _ => out.push(unaccented(c)),
        }
    }
}

/// A Latin letter without its accent (a decomposed accent is a character
/// of its own, which a query without it skips anyway).
fn unaccented(c: char) -> char {
    const TABLE: [(&str, char); 15] = [
        ("àáâãäåāăą", 'a'),
        ("çćč", 'c'),
        ("ďđ", 'd'),
        ("èéêëēėęě", 'e'),
        ("ğ", 'g'),
        ("ìíîïīıİ", 'i'),
        ("ł", 'l'),
        ("ñńň", 'n'),
        ("òóôõöøōő", 'o'),
        ("ř", 'r'),
        ("śšş", 's'),
        ("ťţ", 't'),
        ("ùúûüūůű", 'u'),
        ("ýÿ", 'y'),
        ("źżž", 'z'),
    ];
    if c.is_ascii() {
        return c;
    }
    TABLE
        .iter()
        .find(|(letters, _)| letters.contains(c))
        .map_or(c, |(_, plain)| *plain)
}

impl SearchIndex {
    /// The index of `dataset`'s searchable fields.
    pub fn new(dataset: &Dataset) -> SearchIndex {
        let mut index = SearchIndex::default();
        let mut by_id = HashMap::new();
        for (r, rec) in dataset.recommendations.iter().enumerate() {
            by_id.insert(rec.id.as_str(), r);
            index.push(Field::Title, 0, r, 0, &rec.title);
            index.push(Field::Summary, 0, r, 0, &rec.summary);
        }
        for (a, actor) in dataset.actors.iter().enumerate() {
            index.push(Field::Name, a, 0, 0, &actor.name);
            for (n, alias) in actor.aliases.iter().enumerate() {
                index.push(Field::Alias, a, 0, n, alias);
            }
            if let Some(country) = &actor.country {
                index.push(Field::Country, a, 0, 0, country);
            }
            for (id, commitment) in &actor.commitments {
                let Some(&r) = by_id.get(id.as_str()) else {
                    continue;
                };
                index.push(Field::Note, a, r, 0, &commitment.note);
                for (n, evidence) in commitment.evidence.iter().enumerate() {
                    index.push(Field::Evidence, a, r, n, &evidence.title);
                    // An actor's own statements name it as their source:
                    // listing each again under its name would bury the rest.
                    if !evidence.source.eq_ignore_ascii_case(&actor.name) {
                        index.push(Field::Source, a, r, n, &evidence.source);
                    }
                }
            }
        }
        index
    }

    fn push(&mut self, field: Field, actor: usize, rec: usize, item: usize, text: &str) {
        let (Ok(actor), Ok(recommendation), Ok(item), Ok(start)) = (
            u32::try_from(actor),
            u16::try_from(rec),
            u16::try_from(item),
            u32::try_from(self.text.len()),
        ) else {
            return;
        };
        if text.trim().is_empty() || u32::try_from(self.text.len() + text.len() + 1).is_err() {
            return;
        }
        self.entries.push(Entry {
            field,
            actor,
            recommendation,
            item,
            start,
        });
        fold_into(&mut self.text, text);
        self.text.push('\0');
    }

    /// How many fields the index holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the index holds no field.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn entry(&self, e: u32) -> Option<&Entry> {
        self.entries.get(e as usize)
    }

    /// The folded text of entry `e`.
    fn folded(&self, e: u32) -> &str {
        let Some(entry) = self.entry(e) else {
            return "";
        };
        let start = entry.start as usize;
        let end = self
            .entries
            .get(e as usize + 1)
            .map_or(self.text.len(), |next| next.start as usize)
            .saturating_sub(1);
        self.text.get(start..end).unwrap_or("")
    }

    fn place(&self, e: u32) -> Option<Place> {
        let entry = self.entry(e)?;
        let (actor, recommendation, item) = (
            entry.actor as usize,
            usize::from(entry.recommendation),
            usize::from(entry.item),
        );
        Some(match entry.field {
            Field::Name => Place::Name { actor },
            Field::Alias => Place::Alias { actor, alias: item },
            Field::Country => Place::Country { actor },
            Field::Title => Place::Title { recommendation },
            Field::Summary => Place::Summary { recommendation },
            Field::Note => Place::Note {
                actor,
                recommendation,
            },
            Field::Evidence => Place::Evidence {
                actor,
                recommendation,
                item,
            },
            Field::Source => Place::Source {
                actor,
                recommendation,
                item,
            },
        })
    }

    /// The entries containing `finder`'s needle, in order, each with
    /// where in it the needle first is: one pass of a vectorised substring
    /// search over the whole text, skipping to the next entry at each find.
    fn scan(&self, finder: &Finder<'_>) -> Vec<(u32, usize)> {
        let hay = self.text.as_bytes();
        let mut found = Vec::new();
        let mut from = 0;
        let mut e = 0;
        while let Some(at) = hay.get(from..).and_then(|rest| finder.find(rest)) {
            let at = from + at;
            // The entries are in the text's order: walk to the one holding
            // `at` (mostly no step at all, as each find starts an entry).
            while self
                .entries
                .get(e + 1)
                .is_some_and(|next| next.start as usize <= at)
            {
                e += 1;
            }
            let start = self.entries.get(e).map_or(0, |entry| entry.start as usize);
            found.push((e as u32, at - start));
            e += 1;
            from = self
                .entries
                .get(e)
                .map_or(hay.len(), |next| next.start as usize);
        }
        found
    }

    /// The hits for `query`, best first. `previous` is the answer to the
    /// query before this keystroke: when this one only adds to it, only
    /// its hits are looked at again.
    pub fn search(&self, query: &str, previous: Option<&Hits>) -> Hits {
        let query = fold(query.trim_start());
        if query.trim().is_empty() {
            return Hits {
                query,
                ..Hits::default()
            };
        }
        // Narrowing reads each previous hit on its own; when they are most
        // of the index, one vectorised pass over the whole text is faster.
        let narrow = previous.filter(|p| {
            p.corrected.is_none()
                && !p.query.is_empty()
                && query.starts_with(&p.query)
                && p.contained.len() < self.entries.len() / 8
        });
        let finder = Finder::new(query.as_bytes());
        let found: Vec<(u32, usize)> = match narrow {
            Some(p) => p
                .contained
                .iter()
                .filter_map(|&e| Some((e, finder.find(self.folded(e).as_bytes())?)))
                .collect(),
            None => self.scan(&finder),
        };
        let contained: Vec<u32> = found.iter().map(|(e, _)| *e).collect();
        let scattered = self.scattered(&query, &contained, narrow);
        let mut ranked: Vec<(i64, u32, How)> = found
            .iter()
            .map(|&(e, first)| (self.contained_score(e, first, &finder), e, How::Contains))
            .collect();
        ranked.extend(scattered.iter().map(|&(e, score)| {
            let weight = self.entry(e).map_or(0, |en| en.field.weight());
            (-1_000_000 + weight * 10_000 + score, e, How::Scattered)
        }));
        let mut corrected = None;
        if ranked.len() < FEW
            && let Some(better) = self.correct(&query)
        {
            let finder = Finder::new(better.as_bytes());
            for (e, first) in self.scan(&finder) {
                if !ranked.iter().any(|(_, r, _)| *r == e) {
                    // Below what contains the query as typed, above letters
                    // scattered through a title: a word one letter off is a
                    // closer reading than five letters across five words.
                    let weight = self.entry(e).map_or(0, |en| en.field.weight());
                    let (quality, at) = placement(self.folded(e), first, &finder);
                    let score = -900_000 + weight * 10_000 + quality * 1_000 - at.min(999) as i64;
                    ranked.push((score, e, How::Corrected));
                }
            }
            corrected = Some(better);
        }
        let total = ranked.len();
        let order = |a: &(i64, u32, How), b: &(i64, u32, How)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if ranked.len() > SHOWN {
            ranked.select_nth_unstable_by(SHOWN - 1, order);
            ranked.truncate(SHOWN);
        }
        ranked.sort_unstable_by(order);
        let hits = ranked
            .into_iter()
            .filter_map(|(_, e, how)| {
                let needle = match how {
                    How::Corrected => corrected.as_deref().unwrap_or(&query),
                    _ => &query,
                };
                Some(Hit {
                    place: self.place(e)?,
                    how,
                    matched: self.matched(e, how, needle),
                })
            })
            .collect();
        Hits {
            query,
            hits,
            total,
            corrected,
            contained,
            scattered: scattered.into_iter().map(|(e, _)| e).collect(),
        }
    }

    /// The short-field entries not in `contained` whose text holds the
    /// query's characters in order, with the fuzzy matcher's score.
    fn scattered(&self, query: &str, contained: &[u32], narrow: Option<&Hits>) -> Vec<(u32, i64)> {
        if query.chars().count() < 2 {
            return Vec::new();
        }
        let matcher = SkimMatcherV2::default();
        let candidate = |e: u32| {
            let short = self.entry(e).is_some_and(|en| en.field.is_short());
            if !short || contained.binary_search(&e).is_ok() {
                return None;
            }
            let text = self.folded(e);
            if !in_order(text.as_bytes(), query.as_bytes()) {
                return None;
            }
            matcher.fuzzy_match(text, query).map(|score| (e, score))
        };
        let mut found: Vec<(u32, i64)> = match narrow {
            Some(p) => p
                .contained
                .iter()
                .chain(&p.scattered)
                .filter_map(|&e| candidate(e))
                .collect(),
            None => (0..self.entries.len() as u32)
                .filter_map(candidate)
                .collect(),
        };
        found.sort_unstable_by_key(|(e, _)| *e);
        found
    }

    /// A contained match's score: how well it sits (the whole field, its
    /// start, a word's start, inside a word), then the field, then how
    /// early.
    fn contained_score(&self, e: u32, first: usize, finder: &Finder<'_>) -> i64 {
        let Some(entry) = self.entry(e) else {
            return i64::MIN;
        };
        let text = self.folded(e);
        let (quality, at) = placement(text, first, finder);
        quality * 1_000_000 + entry.field.weight() * 10_000 - (at.min(9_999) as i64)
    }

    /// The matched characters of entry `e`, as `char` indices.
    fn matched(&self, e: u32, how: How, needle: &str) -> Vec<usize> {
        let text = self.folded(e);
        match how {
            How::Scattered => SkimMatcherV2::default()
                .fuzzy_indices(text, needle)
                .map(|(_, indices)| indices)
                .unwrap_or_default(),
            How::Contains | How::Corrected => {
                let finder = Finder::new(needle.as_bytes());
                let first = finder.find(text.as_bytes()).unwrap_or(0);
                let (_, at) = placement(text, first, &finder);
                let first = text.get(..at).map_or(0, |t| t.chars().count());
                (first..first + needle.chars().count()).collect()
            }
        }
    }
}

/// Where the best occurrence of `finder`'s needle in `text` is, from
/// its `first` occurrence, and how good it is: 3 the whole text, 2 its
/// start, 1 a word's start, 0 inside a word (at the first occurrence). A
/// word's start is looked for among the first few occurrences only, so a
/// letter found a hundred times in a long note costs no more than one.
fn placement(text: &str, first: usize, finder: &Finder<'_>) -> (i64, usize) {
    const LOOKS: usize = 8;
    let bytes = text.as_bytes();
    if first == 0 {
        return (
            if finder.needle().len() == bytes.len() {
                3
            } else {
                2
            },
            0,
        );
    }
    let mut at = first;
    for _ in 0..LOOKS {
        let before = text.get(..at).and_then(|t| t.chars().next_back());
        if before.is_some_and(|c| !c.is_alphanumeric()) {
            return (1, at);
        }
        match bytes.get(at + 1..).and_then(|rest| finder.find(rest)) {
            Some(next) => at += 1 + next,
            None => break,
        }
    }
    (0, first)
}

/// Whether `needle`'s bytes appear in `hay` in order: a cheap test before
/// the fuzzy matcher's scoring, which most fields fail.
fn in_order(hay: &[u8], needle: &[u8]) -> bool {
    let mut rest = hay;
    for &b in needle {
        match memchr::memchr(b, rest) {
            Some(at) => rest = rest.get(at + 1..).unwrap_or_default(),
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests;
