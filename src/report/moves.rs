//! The first clock between two points as the report shows it: the moves
//! and the progress series come from the model ([`Dataset::moves_between`],
//! [`Dataset::progress_over_time`]), the same answers the time views give;
//! here they only gain the names and shapes a reader needs.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::{EvidenceEntry, Figure};
use crate::model::{Dataset, Direction};

/// One commitment whose grade differs between the period's two ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MoveEntry {
    /// The actor's id.
    pub actor: String,
    /// Its name.
    pub name: String,
    /// The recommendation's id.
    pub recommendation: String,
    /// The grade at the period's start.
    pub from: crate::model::Status,
    /// The grade at its end.
    pub to: crate::model::Status,
    /// `up`, `down` or `reversed`.
    pub direction: &'static str,
    /// The change in percentage points of the way to `Implemented`.
    pub points: i32,
    /// The evidence dated inside the period, oldest first: what moved it.
    pub evidence: Vec<EvidenceEntry>,
    /// Which way, for counting; the JSON carries `direction`.
    #[serde(skip)]
    pub way: Direction,
}

/// The moves between `from` and `to`, ordered by actor id then by the
/// recommendations' order.
pub fn moves(dataset: &Dataset, from: NaiveDate, to: NaiveDate) -> Vec<MoveEntry> {
    // Names by id, looked up once per move rather than searching every
    // actor for each (12,000 at L, with as many moves in a busy period).
    // Reversed so that, as with `Dataset::actor`, the first of an id wins.
    let names: HashMap<&str, &str> = dataset
        .actors
        .iter()
        .rev()
        .map(|a| (a.id.as_str(), a.name.as_str()))
        .collect();
    dataset
        .moves_between(from, to)
        .into_iter()
        .map(|moved| MoveEntry {
            name: names
                .get(moved.actor.as_str())
                .map_or_else(|| moved.actor.clone(), |name| (*name).to_string()),
            points: moved.points(),
            direction: moved.direction.label(),
            way: moved.direction,
            evidence: moved.evidence.iter().map(EvidenceEntry::from).collect(),
            actor: moved.actor,
            recommendation: moved.recommendation,
            from: moved.from,
            to: moved.to,
        })
        .collect()
}

/// Progress at one day of the series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesPoint {
    /// The day (grades as of its end).
    #[serde(serialize_with = "super::iso_day")]
    pub date: NaiveDate,
    /// Overall progress, a whole percentage (`null`: nothing applies).
    pub percent: Option<u16>,
    /// Each kind of actor's, in the dashboard's order.
    pub groups: Vec<GroupPoint>,
}

/// One group's progress at a point of the series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupPoint {
    /// The kind's name as in the data files.
    pub kind: &'static str,
    /// Its progress, a whole percentage.
    pub percent: Option<u16>,
}

/// Progress over time up to `until`: a point at each day some evidence
/// changed a grade, and at `until`.
pub fn series(dataset: &Dataset, until: NaiveDate) -> Vec<SeriesPoint> {
    dataset
        .progress_over_time(until)
        .points
        .into_iter()
        .map(|point| SeriesPoint {
            date: point.date,
            percent: Figure::from(point.overall).percent,
            groups: point
                .groups
                .into_iter()
                .map(|g| GroupPoint {
                    kind: g.kind.name(),
                    percent: Figure::from(g.progress).percent,
                })
                .collect(),
        })
        .collect()
}
