//! The reconvening report: where everyone stood at two points on the first
//! clock, what moved between them and on what evidence, what the record
//! says changed in the same period (the second clock), who is silent, and
//! the validator's warnings — one pure [`Report`] value, rendered as
//! Markdown, HTML, CSV or JSON.
//!
//! Pure: the command line gathers the record, its commits and the dates
//! (the clock is read there and only there) and hands them to
//! [`Report::assemble`]. Every renderer is a function of the report alone,
//! so the same record and arguments give the same bytes.

mod assemble;
mod chart;
pub mod csv;
pub mod html;
pub mod json;
pub mod markdown;
mod moves;
mod text;

use chrono::NaiveDate;
use serde::Serialize;
use serde::ser::SerializeMap;

use crate::model::{Dataset, Evidence, Progress, Status, StatusCounts};

pub use moves::{GroupPoint, MoveEntry, SeriesPoint};
pub use text::{clean, safe_url};

/// How many of one commit's change lines the Markdown and HTML show; the
/// rest are counted (an import lists every actor) and JSON keeps them all.
pub const LINES_SHOWN: usize = 12;

/// How many days after its last assessment a commitment is listed as stale,
/// unless the command line says otherwise.
pub const DEFAULT_STALE_DAYS: u32 = 365;

/// What the command line gathers for a report.
#[derive(Debug, Clone)]
pub struct Inputs<'a> {
    /// The dataset as recorded at the report's commit.
    pub record: &'a Dataset,
    /// The commit the record was read at.
    pub commit: CommitStamp,
    /// The period's start on the first clock (inclusive: grades as of the
    /// end of that day).
    pub from: Point,
    /// The period's end, the report's date.
    pub to: Point,
    /// The record's commits in the period, newest first.
    pub changes: Vec<RecordChange>,
    /// Why the record's changes could not all be listed, when they could not.
    pub changes_note: Option<String>,
    /// The tool's version.
    pub version: String,
    /// A commitment assessed more than this many days before the report's
    /// date is listed as stale.
    pub stale_days: u32,
}

/// The commit a report was read at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommitStamp {
    /// The full commit id.
    pub id: String,
    /// When it was committed, in UTC, ISO 8601 (`2024-03-05T12:00:00Z`).
    pub date: String,
}

/// One end of the period: a day, and the milestone it was named by, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Point {
    /// The day (`YYYY-MM-DD`).
    #[serde(serialize_with = "iso_day")]
    pub date: NaiveDate,
    /// The milestone's id, when the day was given as one.
    pub milestone: Option<String>,
}

/// One commit of the record in the period (the second clock), summarised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordChange {
    /// The full commit id.
    pub commit: String,
    /// When, in UTC, ISO 8601.
    pub date: String,
    /// The author's name (untrusted text).
    pub author_name: String,
    /// The author's email (untrusted text).
    pub author_email: String,
    /// The message's first line (untrusted text).
    pub subject: String,
    /// One line per actor and commitment changed ("United States ·
    /// blacklist: Initiated → Implemented; evidence added: …").
    pub lines: Vec<String>,
}

/// The whole report. Field names and order are the JSON format's keys
/// (documented in the README): change them only with the README.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// What a reader needs to reproduce it.
    pub stamp: Stamp,
    /// Progress at both ends, and how many commitments moved.
    pub headline: Headline,
    /// The recommendations, numbered as the matrix's columns.
    pub recommendations: Vec<RecommendationColumn>,
    /// Each status's symbol and label, the matrix's legend.
    pub legend: Vec<LegendEntry>,
    /// Actors × recommendations at the report's date.
    pub matrix: Vec<MatrixRow>,
    /// Governments and intergovernmental bodies on the tracked recommendations.
    pub tracker: Vec<TrackerColumn>,
    /// Each change of grade in the period, with the evidence that moved it.
    pub moves: Vec<MoveEntry>,
    /// The record's commits in the period, newest first.
    pub record_changes: Vec<RecordChange>,
    /// Why the record's changes are not all listed, when they are not.
    pub record_changes_note: Option<String>,
    /// Who to chase before the meeting.
    pub silent: Silent,
    /// The validator's warnings about the record.
    pub warnings: Vec<WarningEntry>,
    /// Overall progress over time on the first clock, up to the report's date.
    pub progress_over_time: Vec<SeriesPoint>,
    /// Each actor: progress and every graded commitment with its evidence.
    pub actors: Vec<ActorSection>,
}

/// The report's stamp.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stamp {
    /// The dataset's title.
    pub title: String,
    /// The commit the record was read at.
    pub commit: CommitStamp,
    /// The period's start.
    pub from: Point,
    /// The period's end: the report's date.
    pub to: Point,
    /// `reconvene` and its version.
    pub generator: String,
    /// The dataset's milestones, in date order.
    pub milestones: Vec<MilestoneEntry>,
}

/// A milestone as the report names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MilestoneEntry {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its first day.
    #[serde(serialize_with = "iso_day")]
    pub date: NaiveDate,
    /// Whether it is the reconvening.
    pub reconvening: bool,
}

/// Progress at both ends of the period, overall and per kind of actor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Headline {
    /// Over every actor.
    pub overall: Span,
    /// Per kind of actor, in the dashboard's order (kinds with no actor left out).
    pub groups: Vec<GroupSpan>,
    /// Commitments whose grade rose in the period.
    pub moved_up: usize,
    /// Commitments whose grade fell (a reversal excluded).
    pub moved_down: usize,
    /// Commitments reversed in the period.
    pub reversed: usize,
}

/// One progress figure at each end of the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Span {
    /// At the period's start.
    pub from: Figure,
    /// At its end.
    pub to: Figure,
}

/// [`Span`] for one kind of actor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupSpan {
    /// The kind's name as in the data files (`Government`).
    pub kind: &'static str,
    /// Its plural heading (`Governments`).
    pub label: &'static str,
    /// How many actors of that kind.
    pub actors: usize,
    /// At the period's start.
    pub from: Figure,
    /// At its end.
    pub to: Figure,
}

/// A progress figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// Commitments at each status.
    pub counts: Counts,
    /// How many count towards progress.
    pub applicable: usize,
    /// The share as a whole percentage; `null` when nothing applies.
    pub percent: Option<u16>,
}

impl From<Progress> for Figure {
    fn from(progress: Progress) -> Self {
        Figure::of(Counts::from(progress.counts))
    }
}

impl Figure {
    /// The figure for these counts: the weighted share over the applicable
    /// ones, as [`Progress`] computes it (the weights are exact in binary,
    /// so the sum does not depend on the order of addition).
    pub fn of(counts: Counts) -> Figure {
        let mut applicable = 0;
        let mut weighted = 0.0;
        for (status, n) in counts.iter() {
            if let Some(weight) = status.weight() {
                applicable += n;
                weighted += weight * n as f64;
            }
        }
        Figure {
            counts,
            applicable,
            percent: (applicable > 0)
                .then(|| (weighted / applicable as f64 * 100.0).round() as u16),
        }
    }

    /// "42%" or "–" when nothing applies.
    pub fn text(&self) -> String {
        self.percent.map_or_else(|| "–".into(), |p| format!("{p}%"))
    }
}

/// How many commitments stand at each status; a JSON object keyed by
/// status name in the scale's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts([usize; Status::ALL.len()]);

impl Counts {
    /// Counts one more commitment at `status`.
    pub fn add(&mut self, status: Status) {
        if let Some(n) = self.0.get_mut(status as usize) {
            *n += 1;
        }
    }

    /// Counts one commitment fewer at `status` (one that moved away).
    pub fn remove(&mut self, status: Status) {
        if let Some(n) = self.0.get_mut(status as usize) {
            *n = n.saturating_sub(1);
        }
    }

    /// Adds every count of `other`.
    pub fn merge(&mut self, other: Counts) {
        for (mine, theirs) in self.0.iter_mut().zip(other.0) {
            *mine += theirs;
        }
    }

    /// Every status with its count, in the scale's order.
    pub fn iter(&self) -> impl Iterator<Item = (Status, usize)> + '_ {
        Status::ALL.into_iter().zip(self.0.iter().copied())
    }
}

impl From<StatusCounts> for Counts {
    fn from(counts: StatusCounts) -> Self {
        let mut mine = Counts::default();
        for (status, n) in counts.iter() {
            if let Some(slot) = mine.0.get_mut(status as usize) {
                *slot = n;
            }
        }
        mine
    }
}

impl Serialize for Counts {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(Status::ALL.len()))?;
        for (status, n) in self.iter() {
            map.serialize_entry(status.name(), &n)?;
        }
        map.end()
    }
}

/// A recommendation as a numbered column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecommendationColumn {
    /// 1-based, the blueprint's order.
    pub number: usize,
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Whether the government tracker covers it.
    pub tracked: bool,
}

/// A status's symbol and names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LegendEntry {
    /// The name in the data (`NoEvidence`).
    pub status: Status,
    /// The symbol shown in the matrix.
    pub symbol: char,
    /// A human label (`No evidence`).
    pub label: &'static str,
}

/// One actor's row of the matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatrixRow {
    /// The actor's id.
    pub actor: String,
    /// Its name.
    pub name: String,
    /// Its kind (`Government`).
    pub kind: &'static str,
    /// Its progress at the report's date.
    pub percent: Option<u16>,
    /// One cell per recommendation, in the columns' order; `null` where the
    /// recommendation does not grade this actor.
    pub cells: Vec<Option<Status>>,
}

/// One tracked recommendation in the government tracker.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrackerColumn {
    /// The recommendation's number.
    pub number: usize,
    /// Its id.
    pub recommendation: String,
    /// Its title.
    pub title: String,
    /// How many governments and bodies stand at each status.
    pub counts: Counts,
}

/// Who is silent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Silent {
    /// The milestone "new evidence" is counted from: the last one before the
    /// report's date (`null` when none: then the period's start).
    pub since_milestone: Option<String>,
    /// The day after which evidence counts as new.
    #[serde(serialize_with = "iso_day")]
    pub since: NaiveDate,
    /// Actors graded on something, with no evidence dated after `since` up
    /// to the report's date.
    pub actors: Vec<SilentActor>,
    /// The threshold in days.
    pub stale_days: u32,
    /// Commitments assessed before this day (or never) are stale.
    #[serde(serialize_with = "iso_day")]
    pub stale_before: NaiveDate,
    /// Graded commitments assessed before `stale_before`, or never.
    pub stale: Vec<StaleCommitment>,
}

/// An actor with no new evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SilentActor {
    /// Its id.
    pub actor: String,
    /// Its name.
    pub name: String,
    /// Its latest dated evidence up to the report's date, if any.
    pub latest_evidence: Option<String>,
}

/// A commitment nobody has assessed for a long time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StaleCommitment {
    /// The actor's id.
    pub actor: String,
    /// Its name.
    pub name: String,
    /// The recommendation's id.
    pub recommendation: String,
    /// When it was last assessed; `null`: never.
    pub assessed: Option<String>,
}

/// A validator warning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WarningEntry {
    /// The actor's id.
    pub actor: String,
    /// The recommendation's id.
    pub recommendation: String,
    /// What is wrong.
    pub message: String,
}

/// One actor in detail.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorSection {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its kind.
    pub kind: &'static str,
    /// Its country, when it has one.
    pub country: Option<String>,
    /// Progress at both ends of the period.
    pub progress: Span,
    /// Each graded commitment at the report's date, in the recommendations' order.
    pub commitments: Vec<CommitmentEntry>,
}

/// A graded commitment and what it rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommitmentEntry {
    /// The recommendation's number.
    pub number: usize,
    /// The recommendation's id.
    pub recommendation: String,
    /// Its title.
    pub title: String,
    /// The grade at the period's start.
    pub grade_from: Status,
    /// The grade at the report's date.
    pub grade: Status,
    /// The coordinators' note.
    pub note: String,
    /// When it was last assessed.
    pub assessed: Option<String>,
    /// The evidence dated up to the report's date (and undated items).
    pub evidence: Vec<EvidenceEntry>,
}

/// One evidence item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvidenceEntry {
    /// The document's title.
    pub title: String,
    /// Who published it.
    pub source: String,
    /// Its date, as precise as known.
    pub date: Option<String>,
    /// Where it can be read, as recorded (renderers link it only when it is http(s)).
    pub url: Option<String>,
    /// `self-reported` or `independent`.
    pub provenance: &'static str,
    /// The grade it supports.
    pub supports: Status,
    /// The day it counts from (a month or a year: its last day), for
    /// ordering; not part of the output.
    #[serde(skip)]
    pub counts_from: Option<NaiveDate>,
}

impl From<&Evidence> for EvidenceEntry {
    fn from(evidence: &Evidence) -> Self {
        EvidenceEntry {
            title: evidence.title.clone(),
            source: evidence.source.clone(),
            date: evidence.date.map(|d| d.to_string()),
            url: evidence.url.clone(),
            provenance: evidence.provenance.label(),
            supports: evidence.supports,
            counts_from: evidence.date.map(|d| d.latest()),
        }
    }
}

fn iso_day<S: serde::Serializer>(day: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(&day.format("%Y-%m-%d"))
}
