//! The delta between two points on the first clock: first the period asked
//! about (the answer), then its context: what came between the blueprint and
//! the first point, and what was already in place before the blueprint; each
//! move in the order its evidence is dated.

use chrono::NaiveDate;

use crate::model::{Dataset, Evidence, Move, Status};

/// One line (or block) of the delta view.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// A chapter's heading.
    Chapter(String),
    /// A line that says a chapter is empty.
    Note(String),
    /// A commitment already graded at the start of the story.
    Standing {
        /// The actor's id.
        actor: String,
        /// The actor's name.
        actor_name: String,
        /// The recommendation's number (1-based) and id.
        recommendation: (usize, String),
        /// Its grade then.
        status: Status,
    },
    /// A commitment that moved, and the evidence that moved it.
    Moved {
        /// The move.
        change: Box<Move>,
        /// The actor's name.
        actor_name: String,
        /// The recommendation's number (1-based).
        number: usize,
        /// The day of the last item that moved it.
        date: Option<NaiveDate>,
    },
}

impl Entry {
    /// The actor a row is about (`Enter` opens it); headings have none.
    pub fn actor(&self) -> Option<&str> {
        match self {
            Entry::Standing { actor, .. } => Some(actor),
            Entry::Moved { change, .. } => Some(&change.actor),
            Entry::Chapter(_) | Entry::Note(_) => None,
        }
    }
}

/// A point as the delta names it.
pub type Named = (NaiveDate, Option<String>);

/// The delta view's content: made once when it opens.
#[derive(Debug, Clone, PartialEq)]
pub struct Delta {
    /// The earlier point.
    pub from: Named,
    /// The later point.
    pub to: Named,
    /// Overall progress at each point, in percent.
    pub overall: (u16, u16),
    /// Moves between the points: up, down, reversed.
    pub counts: (usize, usize, usize),
    /// The chapters and their rows.
    pub entries: Vec<Entry>,
    /// The selected row (one with an actor).
    pub selected: usize,
}

/// "the 7th Paris Peace Forum (2024-11-11)", or the bare date.
pub fn name_point((date, label): &Named) -> String {
    match label {
        Some(label) => format!("{label} ({date})"),
        None => date.to_string(),
    }
}

fn evidence_day(evidence: &Evidence) -> Option<NaiveDate> {
    evidence.date.map(|d| d.latest())
}

impl Delta {
    /// The delta of `dataset` from `from` to `to`.
    pub fn new(dataset: &Dataset, from: Named, to: Named) -> Delta {
        let blueprint = dataset.manifest.blueprint.published.0;
        let eve = blueprint.pred_opt().unwrap_or(blueprint);
        // The period asked about comes first: it is the answer. What led up
        // to its start follows, latest first, as the context.
        let mut entries = Vec::new();
        let moves = dataset.moves_between(from.0, to.0);
        let count = |d: crate::model::Direction| moves.iter().filter(|m| m.direction == d).count();
        let counts = (
            count(crate::model::Direction::Up),
            count(crate::model::Direction::Down),
            count(crate::model::Direction::Reversal),
        );
        entries.push(Entry::Chapter(chapter(
            &format!("From {} to {}", name_point(&from), name_point(&to)),
            &moves,
        )));
        moved(dataset, moves, &mut entries);
        if from.0 > blueprint {
            let moves = dataset.moves_between(eve, from.0);
            entries.push(Entry::Chapter(chapter(
                &format!("Before: from the blueprint to {}", name_point(&from)),
                &moves,
            )));
            moved(dataset, moves, &mut entries);
            entries.push(Entry::Chapter(format!(
                "Already in place before the blueprint ({blueprint})"
            )));
            standing(dataset, eve, &mut entries);
        } else {
            entries.push(Entry::Chapter(format!(
                "Where things stood at {}",
                name_point(&from)
            )));
            standing(dataset, from.0, &mut entries);
        }
        let overall = (
            dataset.overall_progress_as_of(from.0).percent(),
            dataset.overall_progress_as_of(to.0).percent(),
        );
        let mut delta = Delta {
            from,
            to,
            overall,
            counts,
            entries,
            selected: 0,
        };
        delta.selected = delta.first_selectable().unwrap_or(0);
        delta
    }

    /// The first row with an actor.
    pub fn first_selectable(&self) -> Option<usize> {
        self.entries.iter().position(|e| e.actor().is_some())
    }

    /// The last row with an actor.
    pub fn last_selectable(&self) -> Option<usize> {
        self.entries.iter().rposition(|e| e.actor().is_some())
    }

    /// The row `n` selectable rows after (or before) `at`, stopping at the ends.
    pub fn step(&self, at: usize, forward: bool, n: usize) -> usize {
        let mut position = at;
        for _ in 0..n {
            let next = if forward {
                self.entries
                    .iter()
                    .enumerate()
                    .skip(position + 1)
                    .find(|(_, e)| e.actor().is_some())
                    .map(|(i, _)| i)
            } else {
                self.entries
                    .iter()
                    .enumerate()
                    .take(position)
                    .rev()
                    .find(|(_, e)| e.actor().is_some())
                    .map(|(i, _)| i)
            };
            match next {
                Some(i) => position = i,
                None => break,
            }
        }
        position
    }
}

/// A chapter's heading with what moved in it.
fn chapter(title: &str, moves: &[Move]) -> String {
    use crate::model::Direction;
    let n = |d: Direction| moves.iter().filter(|m| m.direction == d).count();
    let (up, down, reversed) = (n(Direction::Up), n(Direction::Down), n(Direction::Reversal));
    let mut parts = vec![format!("{up} up")];
    if down > 0 {
        parts.push(format!("{down} down"));
    }
    if reversed > 0 {
        parts.push(format!("{reversed} reversed"));
    }
    format!("{title}: {}", parts.join(", "))
}

fn actor_name(dataset: &Dataset, id: &str) -> String {
    dataset
        .actor(id)
        .map_or_else(|| id.to_string(), |a| a.name.clone())
}

/// Every commitment graded above no evidence at the end of `date`.
fn standing(dataset: &Dataset, date: NaiveDate, entries: &mut Vec<Entry>) {
    let mut actors: Vec<_> = dataset.actors.iter().collect();
    actors.sort_by(|a, b| a.id.cmp(&b.id));
    let before = entries.len();
    for actor in actors {
        for (number, recommendation) in dataset.recommendations.iter().enumerate() {
            if actor.commitment(&recommendation.id).is_none() {
                continue;
            }
            let status = actor.grade_as_of(&recommendation.id, date);
            if matches!(status, Status::NoEvidence | Status::NotApplicable) {
                continue;
            }
            entries.push(Entry::Standing {
                actor: actor.id.clone(),
                actor_name: actor.name.clone(),
                recommendation: (number + 1, recommendation.id.clone()),
                status,
            });
        }
    }
    if entries.len() == before {
        entries.push(Entry::Note("Nothing was graded above no evidence.".into()));
    }
}

/// The moves, in the order their evidence is dated (then by actor).
fn moved(dataset: &Dataset, moves: Vec<Move>, entries: &mut Vec<Entry>) {
    if moves.is_empty() {
        entries.push(Entry::Note("Nothing moved.".into()));
        return;
    }
    let mut rows: Vec<Entry> = moves
        .into_iter()
        .map(|change| {
            let date = change.evidence.iter().filter_map(evidence_day).max();
            let number = dataset
                .recommendations
                .iter()
                .position(|r| r.id == change.recommendation)
                .map_or(0, |i| i + 1);
            Entry::Moved {
                actor_name: actor_name(dataset, &change.actor),
                change: Box::new(change),
                number,
                date,
            }
        })
        .collect();
    // Stable: on one day, the order of `moves_between` (actor, recommendation).
    rows.sort_by_key(|row| match row {
        Entry::Moved { date, .. } => *date,
        _ => None,
    });
    entries.extend(rows);
}
