//! The shipped dataset's prose is the project's own: no run of eight words
//! of its titles, summaries, notes or outcomes appears in the source
//! documents (the blueprint, the Tech Accord's statement, DATASET-FACTS.md),
//! compared lowercase with punctuation stripped.
//!
//! The sources are not part of the repository, so the test carries a
//! fingerprint of them instead of their text: the FNV-1a hash of every
//! normalised eight-word run (`tests/fixtures/source-runs.txt`). With
//! `RECONVENE_SOURCES` naming a folder that holds the sources (`seeds/*.txt`
//! and `DATASET-FACTS.md`), the test also checks the fingerprint against
//! them; with `RECONVENE_WRITE_SOURCE_RUNS=1` as well, it rewrites it.
//!
//! Evidence titles and the blueprint's title are left out on purpose: they
//! name the documents cited, and GRADING.md (rule 8) asks for the real title.

use std::collections::BTreeSet;
use std::path::Path;

use reconvene::store::{embedded, load_files};

const RUN: usize = 8;
const FINGERPRINT: &str = include_str!("fixtures/source-runs.txt");

/// Lowercase words with punctuation stripped: apostrophes join ("Candiru's"
/// is "candirus"), every other non-alphanumeric character separates.
fn words(text: &str) -> Vec<String> {
    let mut cleaned = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\'' | '\u{2019}' | '\u{2018}') {
            continue;
        }
        if c.is_alphanumeric() {
            cleaned.extend(c.to_lowercase());
        } else {
            cleaned.push(' ');
        }
    }
    cleaned.split_whitespace().map(str::to_owned).collect()
}

/// FNV-1a, 64 bits: stable across platforms and Rust versions.
fn fnv1a(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// Every run of `RUN` consecutive words of `text`, normalised.
fn runs(text: &str) -> Vec<String> {
    words(text).windows(RUN).map(|w| w.join(" ")).collect()
}

fn fingerprint() -> BTreeSet<u64> {
    FINGERPRINT
        .lines()
        .filter_map(|line| u64::from_str_radix(line.trim(), 16).ok())
        .collect()
}

/// Every piece of prose in the shipped dataset, with where it is.
fn shipped_prose() -> Vec<(String, String)> {
    let files = embedded::FILES.iter().map(|(p, t)| (*p, t.as_bytes()));
    let dataset = match load_files(files) {
        Ok(dataset) => dataset,
        Err(problems) => panic!("the shipped dataset has problems:\n{problems}"),
    };
    let mut prose = vec![("reconvene.ron title".into(), dataset.manifest.title.clone())];
    for m in &dataset.manifest.milestones {
        prose.push((format!("milestone {} title", m.id), m.title.clone()));
        for (what, text) in [("place", &m.place), ("outcome", &m.outcome)] {
            if let Some(text) = text {
                prose.push((format!("milestone {} {what}", m.id), text.clone()));
            }
        }
    }
    for r in &dataset.recommendations {
        prose.push((format!("recommendation {} title", r.id), r.title.clone()));
        prose.push((
            format!("recommendation {} summary", r.id),
            r.summary.clone(),
        ));
    }
    for a in &dataset.actors {
        prose.push((format!("actor {} name", a.id), a.name.clone()));
        for (rec, c) in &a.commitments {
            prose.push((format!("actor {} · {rec} note", a.id), c.note.clone()));
        }
    }
    prose
}

#[test]
fn no_eight_word_run_of_the_shipped_prose_is_copied_from_the_sources() {
    let sources = fingerprint();
    assert!(
        sources.len() > 1_000,
        "the fingerprint holds {} runs",
        sources.len()
    );
    let mut copied = Vec::new();
    for (place, text) in shipped_prose() {
        for run in runs(&text) {
            if sources.contains(&fnv1a(&run)) {
                copied.push(format!("{place}: \"{run}\""));
            }
        }
    }
    assert!(
        copied.is_empty(),
        "copied from the sources:\n{}",
        copied.join("\n")
    );
}

#[test]
fn the_check_finds_a_copied_run_whatever_its_case_and_punctuation() {
    // A sentence of the blueprint, as a careless note might take it over.
    let taken = "Industry partners should strive to strengthen their collaboration -- With relevant Stakeholders!";
    let sources = fingerprint();
    let found = runs(taken)
        .iter()
        .filter(|r| sources.contains(&fnv1a(r)))
        .count();
    assert!(found >= 1, "{:?}", runs(taken));
    let own = "Companies should team up with independent researchers to fix flaws.";
    assert!(runs(own).iter().all(|r| !sources.contains(&fnv1a(r))));
    assert_eq!(
        words("Candiru's good-faith TOOLS."),
        ["candirus", "good", "faith", "tools"]
    );
}

/// Checks (or, asked to, rewrites) the fingerprint from the sources
/// themselves, when `RECONVENE_SOURCES` says where they are.
#[test]
fn the_fingerprint_matches_the_sources_when_they_are_at_hand() {
    let Some(dir) = std::env::var_os("RECONVENE_SOURCES") else {
        return;
    };
    let dir = Path::new(&dir);
    let mut texts = Vec::new();
    let seeds = dir.join("seeds");
    let mut entries: Vec<_> = std::fs::read_dir(&seeds)
        .expect("RECONVENE_SOURCES holds seeds/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    entries.sort();
    entries.push(dir.join("DATASET-FACTS.md"));
    for path in &entries {
        texts.push(std::fs::read_to_string(path).expect("a readable source"));
    }
    let computed: BTreeSet<u64> = texts
        .iter()
        .flat_map(|t| runs(t))
        .map(|r| fnv1a(&r))
        .collect();
    if std::env::var_os("RECONVENE_WRITE_SOURCE_RUNS").is_some() {
        let text: String = computed.iter().map(|h| format!("{h:016x}\n")).collect();
        let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/source-runs.txt");
        std::fs::write(out, text).expect("write the fingerprint");
        return;
    }
    assert_eq!(computed, fingerprint(), "the fingerprint is out of date");
}
