//! Reading the record's history for the screen, on a worker of its own:
//! a walk of 20,000 commits must never stand between the user and a save,
//! which the other worker carries out.
//!
//! The history comes newest first, in parts: the first page as soon as it is
//! read, then larger parts with how far the reading has got, so the view
//! shows something at once and a progress line after it.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::ops::ControlFlow;

use git2::Oid;

use super::worker::Progress;
use crate::app::history::{DiffRead, HistoryBatch, LastChangesRead, Part};
use crate::app::timeline::TimelineRead;
use crate::app::{Action, Effect};
use crate::model::{LastChange, RecordedCommit};
use crate::store::DatasetLocation;
use crate::store::history::{History, LogQuery, Since};

/// Commits in the first part: a screenful or two, read at once.
pub const FIRST_PAGE: usize = 100;
/// Commits in each later part.
pub const PART: usize = 1_000;
/// How often building the index says how far it has got, in commits.
const INDEXING_STEP: usize = 500;

/// The history side of one TUI: the open history (its parsed versions kept
/// between requests) and the tip each kind of answer was last read at.
pub struct HistorySession {
    location: DatasetLocation,
    history: Option<History>,
    /// A second handle on the repository, to count the line while the
    /// first is walking it.
    counter: Option<History>,
    /// The tip the history view's commits were last read up to.
    history_tip: Option<Oid>,
    /// The actor whose last changes were last read, and at which tip.
    last_changes_tip: Option<(String, Oid)>,
    /// The commitment whose timeline was last read, and at which tip.
    timeline_tip: Option<(String, String, Oid)>,
}

/// Whether `effect` is this worker's to carry out.
pub fn is_history(effect: &Effect) -> bool {
    matches!(
        effect,
        Effect::ReadHistory { .. }
            | Effect::ReadDiff(_)
            | Effect::ReadTimeline { .. }
            | Effect::ReadLastChanges { .. }
    )
}

impl HistorySession {
    /// A session on the dataset at `location`; the repository is opened at
    /// the first request.
    pub fn new(location: DatasetLocation) -> HistorySession {
        HistorySession {
            location,
            history: None,
            counter: None,
            history_tip: None,
            last_changes_tip: None,
            timeline_tip: None,
        }
    }

    /// Carries out a history effect; parts and progress go to `progress`
    /// as they are read, and the last answer is returned.
    pub fn perform(&mut self, effect: Effect, progress: &Progress) -> Option<Action> {
        match effect {
            Effect::ReadHistory {
                generation,
                refresh,
            } => self.read_history(generation, refresh, progress),
            Effect::ReadDiff(commit) => {
                let text = self
                    .history()
                    .and_then(|h| h.raw_diff(&commit).map_err(|e| e.to_string()));
                Some(Action::DiffRead(Box::new(DiffRead { commit, text })))
            }
            Effect::ReadTimeline {
                actor,
                recommendation,
                refresh,
            } => self.read_timeline(actor, recommendation, refresh),
            Effect::ReadLastChanges { actor, refresh } => self.read_last_changes(actor, refresh),
            _ => None,
        }
    }

    fn history(&mut self) -> Result<&mut History, String> {
        if self.history.is_none() {
            self.history = Some(History::open(&self.location).map_err(|e| e.to_string())?);
        }
        self.history
            .as_mut()
            .ok_or_else(|| "the history could not be opened".to_string())
    }

    /// The branch tip now, or `None` when the branch has no commit yet.
    fn tip(&mut self) -> Result<Option<Oid>, String> {
        match self.history()?.tip() {
            Ok(tip) => Ok(Some(tip)),
            Err(crate::store::history::HistoryError::Empty) => Ok(None),
            Err(error) => Err(error.to_string()),
        }
    }

    fn read_history(
        &mut self,
        generation: u64,
        refresh: bool,
        progress: &Progress,
    ) -> Option<Action> {
        let failed = |reason: String| {
            Some(Action::HistoryRead(Box::new(HistoryBatch {
                generation,
                part: Part::Failed(reason),
                commits: Vec::new(),
                read: 0,
                total: 0,
                done: true,
            })))
        };
        let tip = match self.tip() {
            Ok(tip) => tip,
            Err(reason) => return failed(reason),
        };
        if refresh && tip == self.history_tip {
            return None;
        }
        // Only what is new, when the branch still holds what was read.
        let since = match (refresh, self.history_tip, tip) {
            (true, Some(known), Some(tip)) if self.descends(tip, known) => Some(known),
            _ => None,
        };
        let query = LogQuery {
            since: since.map(|known| Since::Commit(crate::store::edit::commit_id(known))),
            ..LogQuery::default()
        };
        if let Err(reason) = self.history() {
            return failed(reason);
        }
        if self.counter.is_none() {
            self.counter = History::open(&self.location).ok();
        }
        let (Some(history), counter) = (self.history.as_mut(), self.counter.as_ref()) else {
            return failed("the history could not be opened".into());
        };
        // How long the line is is counted only once the first page is out
        // (0 until then: not known yet), on a handle of its own.
        let total = Cell::new(0);
        let send = |part: Part, commits: Vec<RecordedCommit>, read: usize, done: bool| {
            progress.send(Action::HistoryRead(Box::new(HistoryBatch {
                generation,
                part,
                commits,
                read,
                total: total.get(),
                done,
            })));
        };
        let mut indexed_told = 0;
        let mut indexing = |indexed: usize| {
            if indexed >= indexed_told + INDEXING_STEP {
                indexed_told = indexed;
                send(Part::Indexing, Vec::new(), indexed, false);
            }
        };
        let mut part = Vec::new();
        let mut read = 0;
        let mut first_sent = false;
        let walked = history.walk_with_progress(&query, &mut indexing, |commit| {
            part.push(commit);
            read += 1;
            let size = if first_sent { PART } else { FIRST_PAGE };
            // Newer commits arrive whole, in one part, on top.
            if since.is_none() && part.len() >= size {
                let kind = if first_sent { Part::More } else { Part::First };
                send(kind, std::mem::take(&mut part), read, false);
                if !first_sent {
                    total.set(counter.and_then(|c| c.line_length().ok()).unwrap_or(0));
                }
                first_sent = true;
            }
            ControlFlow::Continue(())
        });
        if let Err(error) = walked {
            return failed(error.to_string());
        }
        self.history_tip = tip;
        if since.is_none() {
            // A whole walk parsed every version of every actor file it met;
            // the screen holds what it needs, so let them go (at 20,000
            // commits they would weigh more than the dataset). Later
            // requests reopen the repository, and read only what they need.
            self.history = None;
            self.counter = None;
        }
        let kind = match (since, first_sent) {
            (Some(_), _) => Part::Newer,
            (None, true) => Part::More,
            (None, false) => Part::First,
        };
        Some(Action::HistoryRead(Box::new(HistoryBatch {
            generation,
            part: kind,
            commits: part,
            read,
            total: total.get().max(read),
            done: true,
        })))
    }

    /// Whether `tip` is `known` or descends from it.
    fn descends(&mut self, tip: Oid, known: Oid) -> bool {
        self.history()
            .is_ok_and(|h| h.descends_from(tip, known).unwrap_or(false))
    }

    fn read_timeline(
        &mut self,
        actor: String,
        recommendation: String,
        refresh: bool,
    ) -> Option<Action> {
        let tip = self.tip().ok().flatten();
        let same = self
            .timeline_tip
            .as_ref()
            .is_some_and(|(a, r, t)| *a == actor && *r == recommendation && Some(*t) == tip);
        if refresh && same {
            return None;
        }
        let query = LogQuery {
            actor: Some(actor.clone()),
            recommendation: Some(recommendation.clone()),
            ..LogQuery::default()
        };
        let changes = self.walk_all(&query);
        if let (Ok(_), Some(tip)) = (&changes, tip) {
            self.timeline_tip = Some((actor.clone(), recommendation.clone(), tip));
        }
        Some(Action::TimelineRead(Box::new(TimelineRead {
            actor,
            recommendation,
            changes,
        })))
    }

    fn read_last_changes(&mut self, actor: String, refresh: bool) -> Option<Action> {
        let tip = self.tip().ok().flatten();
        let same = self
            .last_changes_tip
            .as_ref()
            .is_some_and(|(a, t)| *a == actor && Some(*t) == tip);
        if refresh && same {
            return None;
        }
        let query = LogQuery {
            actor: Some(actor.clone()),
            ..LogQuery::default()
        };
        let changes = self.walk_all(&query).map(|commits| last_changes(&commits));
        if let (Ok(_), Some(tip)) = (&changes, tip) {
            self.last_changes_tip = Some((actor.clone(), tip));
        }
        Some(Action::LastChangesRead(Box::new(LastChangesRead {
            actor,
            changes,
        })))
    }

    fn walk_all(&mut self, query: &LogQuery) -> Result<Vec<RecordedCommit>, String> {
        let mut commits = Vec::new();
        self.history()?
            .walk(query, |commit| {
                commits.push(commit);
                ControlFlow::Continue(())
            })
            .map_err(|e| e.to_string())?;
        Ok(commits)
    }
}

/// For each recommendation, the newest of `commits` (newest first) that
/// changed the commitment: its author and when.
fn last_changes(commits: &[RecordedCommit]) -> BTreeMap<String, LastChange> {
    let mut found = BTreeMap::new();
    for commit in commits {
        for change in &commit.changes {
            if let Some(recommendation) = &change.recommendation {
                found
                    .entry(recommendation.clone())
                    .or_insert_with(|| LastChange {
                        author: commit.author_name.clone(),
                        when: format!("{} UTC", crate::app::history::when(commit)),
                    });
            }
        }
    }
    found
}
