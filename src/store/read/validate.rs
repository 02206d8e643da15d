//! The checks across files and fields that ron cannot make: ids, file
//! names, references from commitments to recommendations, the calendar.

use std::collections::{HashMap, HashSet};

use crate::model::{Actor, Concern, Dataset, Manifest, Recommendation, Warning, is_slug};
use crate::store::Problem;
use crate::store::parse::{Parsed, problem, shown};
use crate::store::scan::{Pos, Scan};

/// What parsed, before the checks across files.
pub(crate) struct Loaded {
    pub manifest: Option<Parsed<Manifest>>,
    pub recommendations: Option<Parsed<Vec<Recommendation>>>,
    pub actors: Vec<(String, Parsed<Actor>)>,
}

const START: Pos = Pos { line: 1, column: 1 };

fn at(path: &str, pos: Pos, message: String) -> Problem {
    problem(path, pos.line, pos.column, message)
}

fn not_a_slug(what: &str, id: &str) -> String {
    format!(
        "{what} id `{}` is not a slug (lowercase letters a-z, digits and single dashes, like `united-states`)",
        shown(id)
    )
}

/// The position of the `n`th value of `field`, or the file's start.
fn nth_value(scan: &Scan, field: &str, n: usize) -> Pos {
    scan.field_values(field).nth(n).map_or(START, |s| s.at)
}

/// Checks everything that parsed; returns the dataset when all three parts
/// parsed (it may still have problems, which are pushed to `problems`).
pub(crate) fn validate(
    loaded: Loaded,
    problems: &mut Vec<Problem>,
    warnings: Option<&mut Vec<Problem>>,
) -> Option<Dataset> {
    let Loaded {
        manifest,
        recommendations,
        actors,
    } = loaded;
    if let Some(manifest) = &manifest {
        problems.extend(manifest.problems.iter().cloned());
        check_manifest(manifest, problems);
    }
    if let Some(recommendations) = &recommendations {
        problems.extend(recommendations.problems.iter().cloned());
        check_recommendations(recommendations, problems);
    }
    let listed: Option<Vec<&str>> = recommendations
        .as_ref()
        .map(|r| r.value.iter().map(|r| r.id.as_str()).collect());
    let known: Option<HashSet<&str>> = listed.as_ref().map(|l| l.iter().copied().collect());
    let known = known.as_ref().zip(listed.as_deref());
    let mut first_with_id: HashMap<&str, &str> = HashMap::with_capacity(actors.len());
    for (path, actor) in &actors {
        problems.extend(actor.problems.iter().cloned());
        check_actor(path, actor, known, problems);
        let id = actor.value.id.as_str();
        if let Some(first) = first_with_id.get(id) {
            problems.push(at(
                path,
                nth_value(&actor.scan, "id", 0),
                format!(
                    "duplicate actor id `{}`; {} already has it",
                    shown(id),
                    shown(first)
                ),
            ));
        } else {
            first_with_id.insert(id, path);
        }
    }
    drop(first_with_id);
    let mut values = Vec::with_capacity(actors.len());
    let mut scans: HashMap<String, (String, Scan)> = HashMap::new();
    for (path, actor) in actors {
        if warnings.is_some() {
            scans.insert(actor.value.id.clone(), (path, actor.scan));
        }
        values.push(actor.value);
    }
    let dataset = Dataset::new(manifest?.value, recommendations?.value, values);
    if let Some(warnings) = warnings {
        warnings.extend(
            dataset
                .warnings()
                .iter()
                .map(|warning| locate_warning(warning, &scans)),
        );
    }
    Some(dataset)
}

/// A warning at the place in its actor's file a coordinator would fix it:
/// the status for a grade, the evidence's date for a date, the
/// commitment's key otherwise.
fn locate_warning(warning: &Warning, scans: &HashMap<String, (String, Scan)>) -> Problem {
    let message = format!("warning: {}", warning.message());
    let Some((path, scan)) = scans.get(&warning.actor) else {
        return at(&Actor::path_for(&warning.actor), START, message);
    };
    let Some(key) = scan
        .map_keys()
        .find(|k| k.value == warning.recommendation)
        .map(|k| k.at)
    else {
        return at(path, START, message);
    };
    let order = |p: Pos| (p.line, p.column);
    // The commitment's text runs from its key to the next key.
    let end = scan
        .map_keys()
        .map(|k| k.at)
        .filter(|p| order(*p) > order(key))
        .min_by_key(|p| order(*p))
        .map_or((usize::MAX, usize::MAX), order);
    let inside = |p: Pos| order(p) > order(key) && order(p) < end;
    let status = || {
        scan.words
            .iter()
            .find(|w| w.field == "status" && inside(w.at))
            .map_or(key, |w| w.at)
    };
    let evidence_date = |n: usize| {
        let titles: Vec<Pos> = scan
            .field_values("title")
            .map(|s| s.at)
            .filter(|p| inside(*p))
            .collect();
        let Some(title) = titles.get(n).copied() else {
            return key;
        };
        let next = titles.get(n + 1).map_or(end, |p| order(*p));
        scan.field_values("date")
            .map(|s| s.at)
            .find(|p| order(*p) > order(title) && order(*p) < next)
            .unwrap_or(title)
    };
    let pos = match &warning.concern {
        Concern::Unsupported { .. } | Concern::OutsideScope => status(),
        Concern::NotAssessed => key,
        Concern::AfterAssessed { evidence, .. } | Concern::DatedTwice { evidence, .. } => {
            evidence_date(*evidence)
        }
    };
    at(path, pos, message)
}

fn check_manifest(manifest: &Parsed<Manifest>, problems: &mut Vec<Problem>) {
    let path = crate::store::load::MANIFEST;
    let scan = &manifest.scan;
    let mut first_line: HashMap<&str, usize> = HashMap::new();
    for (n, milestone) in manifest.value.milestones.iter().enumerate() {
        let pos = nth_value(scan, "id", n);
        if !is_slug(&milestone.id) {
            problems.push(at(path, pos, not_a_slug("milestone", &milestone.id)));
        }
        if let Some(line) = first_line.get(milestone.id.as_str()) {
            problems.push(at(
                path,
                pos,
                format!(
                    "duplicate milestone id `{}` (first at line {line})",
                    shown(&milestone.id)
                ),
            ));
        } else {
            first_line.insert(&milestone.id, pos.line);
        }
    }
    let with_end = manifest.value.milestones.iter().filter(|m| m.end.is_some());
    for (n, milestone) in with_end.enumerate() {
        if milestone.end.is_some_and(|end| end < milestone.date) {
            problems.push(at(
                path,
                nth_value(scan, "end", n),
                format!(
                    "milestone `{}` ends before it starts ({})",
                    shown(&milestone.id),
                    milestone.date
                ),
            ));
        }
    }
    let marked: Vec<_> = manifest
        .value
        .milestones
        .iter()
        .filter(|m| m.reconvening)
        .collect();
    if let [first, _, ..] = marked.as_slice() {
        let written: Vec<Pos> = scan
            .words
            .iter()
            .filter(|w| w.field == "reconvening" && w.text == "true")
            .map(|w| w.at)
            .collect();
        for n in 1..marked.len() {
            problems.push(at(
                path,
                written.get(n).copied().unwrap_or(START),
                format!(
                    "more than one milestone is marked as the reconvening; `{}` already is",
                    shown(&first.id)
                ),
            ));
        }
    }
}

fn check_recommendations(
    recommendations: &Parsed<Vec<Recommendation>>,
    problems: &mut Vec<Problem>,
) {
    let path = crate::store::load::RECOMMENDATIONS;
    let mut first_line: HashMap<&str, usize> = HashMap::new();
    for (n, recommendation) in recommendations.value.iter().enumerate() {
        let pos = nth_value(&recommendations.scan, "id", n);
        if !is_slug(&recommendation.id) {
            problems.push(at(
                path,
                pos,
                not_a_slug("recommendation", &recommendation.id),
            ));
        }
        if let Some(line) = first_line.get(recommendation.id.as_str()) {
            problems.push(at(
                path,
                pos,
                format!(
                    "duplicate recommendation id `{}` (first at line {line})",
                    shown(&recommendation.id)
                ),
            ));
        } else {
            first_line.insert(&recommendation.id, pos.line);
        }
    }
}

fn check_actor(
    path: &str,
    actor: &Parsed<Actor>,
    known: Option<(&HashSet<&str>, &[&str])>,
    problems: &mut Vec<Problem>,
) {
    let id = actor.value.id.as_str();
    let id_at = nth_value(&actor.scan, "id", 0);
    if !is_slug(id) {
        problems.push(at(path, id_at, not_a_slug("actor", id)));
    }
    let file_name = path.rsplit('/').next().unwrap_or(path);
    if file_name.strip_suffix(".ron") != Some(id) {
        problems.push(at(
            path,
            id_at,
            format!(
                "the file is named `{}` but the id is `{}`; rename the file to {} or change the id",
                shown(file_name),
                shown(id),
                shown(&Actor::path_for(id))
            ),
        ));
    }
    let mut seen: HashSet<&str> = HashSet::new();
    for key in actor.scan.map_keys() {
        if !seen.insert(&key.value) {
            problems.push(at(
                path,
                key.at,
                format!(
                    "the commitment on `{}` is given twice; only one can be kept",
                    shown(&key.value)
                ),
            ));
        }
    }
    let Some((known, listed)) = known else {
        return;
    };
    for recommendation in actor.value.commitments.keys() {
        if known.contains(recommendation.as_str()) {
            continue;
        }
        let pos = actor
            .scan
            .map_keys()
            .find(|k| &k.value == recommendation)
            .map_or(START, |k| k.at);
        let expected = if listed.is_empty() {
            "recommendations.ron defines none".to_string()
        } else {
            format!("expected one of {}", listed.join(", "))
        };
        problems.push(at(
            path,
            pos,
            format!(
                "unknown recommendation `{}`; {expected}",
                shown(recommendation)
            ),
        ));
    }
}
