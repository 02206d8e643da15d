//! The first clock between two points: who moved and on what evidence, and
//! overall progress over time. Every grade is asked of
//! [`Actor::grade_as_of`]; this module only compares and counts them.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::{Counts, EvidenceEntry, Figure};
use crate::model::{Actor, Dataset, Status};

/// Which way a commitment moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Its grade rose.
    Up,
    /// Its grade fell, short of a reversal.
    Down,
    /// It was withdrawn.
    Reversed,
}

impl Direction {
    /// A word for people.
    pub fn label(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
            Direction::Reversed => "reversed",
        }
    }

    /// An arrow that tells the directions apart without colour.
    pub fn symbol(self) -> char {
        match self {
            Direction::Up => '▲',
            Direction::Down => '▼',
            Direction::Reversed => '✗',
        }
    }
}

/// One commitment whose grade differs between the period's two ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Move {
    /// The actor's id.
    pub actor: String,
    /// Its name.
    pub name: String,
    /// The recommendation's id.
    pub recommendation: String,
    /// The grade at the period's start.
    pub from: Status,
    /// The grade at its end.
    pub to: Status,
    /// Up, down or reversed.
    pub direction: Direction,
    /// The evidence dated inside the period: what moved it.
    pub evidence: Vec<EvidenceEntry>,
}

fn direction(from: Status, to: Status) -> Direction {
    let weight = |s: Status| s.weight().unwrap_or(0.0);
    if to == Status::Reversed {
        Direction::Reversed
    } else if weight(to) > weight(from) || (weight(to) == weight(from) && from == Status::Reversed)
    {
        Direction::Up
    } else {
        Direction::Down
    }
}

/// Every commitment whose grade as of the end of `from` differs from its
/// grade as of the end of `to`, actor by actor in the dashboard's order and
/// then in the recommendations' order, with the evidence dated in between.
pub fn moves_between(dataset: &Dataset, from: NaiveDate, to: NaiveDate) -> Vec<Move> {
    let mut moves = Vec::new();
    for actor in &dataset.actors {
        for recommendation in &dataset.recommendations {
            let Some(commitment) = actor.commitment(&recommendation.id) else {
                continue;
            };
            let before = actor.grade_as_of(&recommendation.id, from);
            let after = actor.grade_as_of(&recommendation.id, to);
            if before == after {
                continue;
            }
            let evidence = commitment
                .evidence
                .iter()
                .filter(|e| {
                    e.date
                        .is_some_and(|d| d.latest() > from.min(to) && d.latest() <= from.max(to))
                })
                .map(EvidenceEntry::from)
                .collect();
            moves.push(Move {
                actor: actor.id.clone(),
                name: actor.name.clone(),
                recommendation: recommendation.id.clone(),
                from: before,
                to: after,
                direction: direction(before, after),
                evidence,
            });
        }
    }
    moves
}

/// Overall progress at one day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesPoint {
    /// The day.
    #[serde(serialize_with = "super::iso_day")]
    pub date: NaiveDate,
    /// Overall progress as of its end.
    pub percent: Option<u16>,
}

/// One commitment's grade changes on the first clock: its grade before any
/// dated evidence, then each day its grade changes.
fn grade_steps(actor: &Actor, recommendation: &str) -> (Status, Vec<(NaiveDate, Status)>) {
    let first = actor.grade_as_of(recommendation, NaiveDate::MIN);
    let mut days: Vec<NaiveDate> = actor
        .commitment(recommendation)
        .map(|c| {
            c.evidence
                .iter()
                .filter_map(|e| e.date.map(|d| d.latest()))
                .collect()
        })
        .unwrap_or_default();
    days.sort();
    days.dedup();
    let mut steps = Vec::new();
    let mut current = first;
    for day in days {
        let grade = actor.grade_as_of(recommendation, day);
        if grade != current {
            steps.push((day, grade));
            current = grade;
        }
    }
    (first, steps)
}

/// Overall progress at the end of each month from the first month with
/// dated evidence (or the blueprint's publication, if earlier) up to
/// `until`, and at `until` itself: one sweep over every commitment's grade
/// changes, so a large dataset costs a few grade computations per commitment.
pub fn progress_series(dataset: &Dataset, until: NaiveDate) -> Vec<SeriesPoint> {
    let mut start = dataset.manifest.blueprint.published.0;
    let mut counts = Counts::default();
    let mut changes: Vec<(NaiveDate, Status, Status)> = Vec::new();
    for actor in &dataset.actors {
        for recommendation in dataset
            .recommendations
            .iter()
            .filter(|r| actor.is_graded_on(r))
        {
            let (first, steps) = grade_steps(actor, &recommendation.id);
            counts.add(first);
            let mut current = first;
            for (day, grade) in steps {
                start = start.min(day);
                changes.push((day, current, grade));
                current = grade;
            }
        }
    }
    changes.sort_by_key(|(day, _, _)| *day);
    let mut days = Vec::new();
    let mut month = NaiveDate::from_ymd_opt(start.year(), start.month(), 1).unwrap_or(start);
    while month <= until {
        let end = month
            .checked_add_months(chrono::Months::new(1))
            .and_then(|next| next.pred_opt())
            .unwrap_or(until);
        days.push(end.min(until));
        match month.checked_add_months(chrono::Months::new(1)) {
            Some(next) => month = next,
            None => break,
        }
    }
    if days.last() != Some(&until) {
        days.push(until);
    }
    let mut applied = changes.iter().peekable();
    let mut points = Vec::with_capacity(days.len());
    for day in days {
        while let Some((_, before, after)) = applied.next_if(|(d, _, _)| *d <= day) {
            counts.remove(*before);
            counts.add(*after);
        }
        points.push(SeriesPoint {
            date: day,
            percent: Figure::of(counts).percent,
        });
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fall_to_reversed_is_a_reversal_and_a_rise_from_it_is_up() {
        assert_eq!(
            direction(Status::Initiated, Status::Implemented),
            Direction::Up
        );
        assert_eq!(
            direction(Status::Substantial, Status::Endorsed),
            Direction::Down
        );
        assert_eq!(
            direction(Status::Substantial, Status::Reversed),
            Direction::Reversed
        );
        assert_eq!(
            direction(Status::Reversed, Status::NoEvidence),
            Direction::Up
        );
        assert_eq!(direction(Status::Reversed, Status::Endorsed), Direction::Up);
    }
}
