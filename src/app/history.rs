//! The history view's state and keys: the record's commits, newest first,
//! as the background reading brings them in parts; the selected commit's
//! field-level changes; a filter; the raw diff one key away; a jump from a
//! change to its commitment. Also who last changed each of an actor's
//! commitments, for the actor view.
//!
//! Nothing here reads git: the reading is asked for as an effect and its
//! parts come back as an action, so keys keep working while a long history
//! is read. What keys and results do to this state is in `history_update`.

use std::cell::Cell;
use std::collections::BTreeMap;

use super::View;
use super::text::TextInput;
use crate::model::{CommitId, FieldChange, LastChange, RecordedCommit, summarize_changes};

pub(super) use super::history_update::{
    apply, command, describe, follow_tip, label, prompt_key, view_opened,
};

/// How far the reading of the history has got.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Reading {
    /// Not asked for yet (the view was never opened).
    #[default]
    NotYet,
    /// Building the history index: this many commits indexed so far.
    Indexing(usize),
    /// Reading commits: this many of about `total`.
    Reading {
        /// Commits read so far.
        read: usize,
        /// Commits on the branch's first-parent line.
        total: usize,
    },
    /// All of it is here.
    Done,
    /// The reading failed, for this reason.
    Failed(String),
}

/// Where the history view's keys go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    /// The list of commits.
    #[default]
    Commits,
    /// The selected commit's list of changes.
    Changes,
}

/// The history as read so far, and the view's place in it.
#[derive(Debug, Clone, Default)]
pub struct HistoryPane {
    /// The commits read, newest first.
    pub commits: Vec<RecordedCommit>,
    /// Each commit's one-line summary, worked out once as it arrives (an
    /// import at scale holds tens of thousands of changes).
    pub summaries: Vec<String>,
    /// The commits the filter lets through (indices into `commits`).
    pub shown: Vec<usize>,
    /// With a filter in force, what it matched in each shown commit
    /// (parallel to `shown`); empty without a filter.
    pub matching: Vec<Matching>,
    /// The selected commit (an index into `shown`).
    pub selected: usize,
    /// The first list row the last frame drew, so the next one scrolls
    /// only as far as it must.
    pub offset: Cell<usize>,
    /// Where the keys go.
    pub focus: Focus,
    /// The selected change of the selected commit.
    pub change: usize,
    /// How many columns the change list and the raw diff are scrolled
    /// sideways, so a line longer than the screen can be read whole.
    pub column: usize,
    /// The widest line the last frame of the change list or the raw diff
    /// had, so sideways scrolling stops where the text ends.
    pub widest: Cell<usize>,
    /// The filter in force, as typed.
    pub filter: String,
    /// The filter prompt while it is open: what is typed so far.
    pub prompt: Option<TextInput>,
    /// How far the reading has got.
    pub reading: Reading,
    /// The request the parts being read answer.
    pub generation: u64,
    /// The raw diff shown or last shown.
    pub diff: Option<RawDiff>,
}

/// A commit's raw diff, as the diff view shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawDiff {
    /// The commit.
    pub commit: CommitId,
    /// Its heading ("a1b2c3d · Ada Lovelace · 2024-03-05 12:00 UTC").
    pub heading: String,
    /// The patch (`None`: still being read), or why it could not be read.
    pub text: Option<Result<String, String>>,
}

/// Which part of the history a [`HistoryBatch`] brings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Nothing yet: the index is being built (`read` commits so far).
    Indexing,
    /// The newest commits: they replace whatever was shown.
    First,
    /// Older commits, after those already here.
    More,
    /// Commits newer than those already here (after the tip moved).
    Newer,
    /// The reading failed, for this reason.
    Failed(String),
}

/// A part of the history read in the background.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryBatch {
    /// The request it answers.
    pub generation: u64,
    /// What it brings.
    pub part: Part,
    /// The commits, newest first.
    pub commits: Vec<RecordedCommit>,
    /// Commits read so far (or indexed, while indexing).
    pub read: usize,
    /// Commits on the branch's first-parent line.
    pub total: usize,
    /// Whether this is the last part.
    pub done: bool,
}

/// A commit's raw diff, read in the background.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffRead {
    /// The commit.
    pub commit: CommitId,
    /// The patch, or why it could not be read.
    pub text: Result<String, String>,
}

/// Who last changed each of an actor's commitments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastChanges {
    /// The actor's id.
    pub actor: String,
    /// By recommendation id (`None`: still being read).
    pub by_recommendation: Option<BTreeMap<String, LastChange>>,
    /// Whether the branch moved since it was read (read again on return).
    pub stale: bool,
}

/// The answer to [`super::Effect::ReadLastChanges`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastChangesRead {
    /// The actor's id.
    pub actor: String,
    /// By recommendation id, or why they could not be read.
    pub changes: Result<BTreeMap<String, LastChange>, String>,
}

/// What the history view's layout gives the list and the change list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// Rows for commits (0: the change list has the whole body).
    pub list: usize,
    /// Whether the changes are drawn beside the list (a wide screen).
    pub beside: bool,
    /// Rows for the changes below the list or alone (0: none).
    pub changes: usize,
}

/// The lines above the list: the title and the reading's progress line.
pub const HEADER: usize = 2;
/// The width from which the changes are drawn beside the list.
pub const BESIDE: u16 = 110;
/// The body height from which the changes are drawn below the list.
const BELOW: usize = 12;

/// How the history view shares a `width` × `height` terminal.
pub fn layout(width: u16, height: u16, focus: Focus) -> Layout {
    let body = usize::from(super::layout::body_height(height)).saturating_sub(HEADER);
    if width >= BESIDE {
        return Layout {
            list: body.max(1),
            beside: true,
            changes: body,
        };
    }
    if body >= BELOW {
        // The list above, the changes (under their commit's heading) below.
        let list = (body - 1) / 2;
        return Layout {
            list,
            beside: false,
            changes: body - list,
        };
    }
    match focus {
        Focus::Commits => Layout {
            list: body.max(1),
            beside: false,
            changes: 0,
        },
        Focus::Changes => Layout {
            list: 0,
            beside: false,
            changes: body.max(1),
        },
    }
}

impl HistoryPane {
    /// Whether the filter prompt has the keys: it is open, over the history
    /// (a reload that ends on the problems screen leaves it out of sight,
    /// where it must not swallow what the user types).
    pub fn prompting(&self, view: View) -> bool {
        self.prompt.is_some() && view == View::History
    }

    /// The selected commit, if any is shown.
    pub fn selected_commit(&self) -> Option<&RecordedCommit> {
        self.commits.get(*self.shown.get(self.selected)?)
    }

    /// What the filter matched in the selected commit, when one is in force.
    pub fn selected_matching(&self) -> Option<&Matching> {
        self.matching.get(self.selected)
    }

    /// The selected commit's change listed `n`th: those the filter matched
    /// come first.
    pub fn listed_change(&self, n: usize) -> Option<&FieldChange> {
        let index = match self.selected_matching() {
            Some(matching) => *matching.order.get(n)?,
            None => n,
        };
        self.selected_commit()?.changes.get(index)
    }

    /// The change the selection is on in the selected commit.
    pub fn selected_change(&self) -> Option<&FieldChange> {
        self.listed_change(self.change)
    }

    /// The one-line summary of the `n`th shown commit: with a filter, of
    /// what the filter matched in it.
    pub fn summary(&self, n: usize) -> Option<&str> {
        if let Some(summary) = self.matching.get(n).and_then(|m| m.summary.as_ref()) {
            return Some(summary);
        }
        let index = *self.shown.get(n)?;
        self.summaries.get(index).map(String::as_str)
    }

    /// Puts `batch` in place; older requests' parts are dropped.
    pub(super) fn take(&mut self, batch: HistoryBatch) -> Option<String> {
        if batch.generation != self.generation {
            return None;
        }
        let kept = self.selected_commit().map(|c| c.id.clone());
        let total = batch.total;
        match batch.part {
            Part::Indexing => {
                self.reading = Reading::Indexing(batch.read);
                return None;
            }
            Part::Failed(reason) => {
                self.reading = Reading::Failed(reason.clone());
                return Some(format!("Could not read the history: {reason}"));
            }
            Part::First => {
                self.summaries = batch.commits.iter().map(RecordedCommit::summary).collect();
                self.commits = batch.commits;
            }
            Part::More => {
                let summaries = batch.commits.iter().map(RecordedCommit::summary);
                self.summaries.extend(summaries);
                self.commits.extend(batch.commits);
            }
            Part::Newer => {
                let mut summaries: Vec<String> =
                    batch.commits.iter().map(RecordedCommit::summary).collect();
                summaries.append(&mut self.summaries);
                self.summaries = summaries;
                let mut commits = batch.commits;
                commits.append(&mut self.commits);
                self.commits = commits;
            }
        }
        self.reading = if batch.done {
            Reading::Done
        } else {
            Reading::Reading {
                read: batch.read,
                total,
            }
        };
        self.refilter(kept.as_ref());
        None
    }

    /// Works out which commits the filter lets through, keeping the
    /// selection on the commit `kept` where it is still shown.
    pub(super) fn refilter(&mut self, kept: Option<&CommitId>) {
        let filter = Filter::parse(&self.filter);
        self.shown = (0..self.commits.len())
            .filter(|&i| self.commits.get(i).is_some_and(|c| filter.matches(c)))
            .collect();
        self.matching = if filter.terms.is_empty() {
            Vec::new()
        } else {
            let commits = &self.commits;
            let shown = self.shown.iter().filter_map(|&i| commits.get(i));
            shown.map(|commit| Matching::of(&filter, commit)).collect()
        };
        let found = kept.and_then(|id| {
            self.shown
                .iter()
                .position(|&i| self.commits.get(i).is_some_and(|c| &c.id == id))
        });
        match found {
            Some(position) => self.selected = position,
            None => {
                self.selected = self.selected.min(self.shown.len().saturating_sub(1));
                self.change = 0;
            }
        }
    }
}

/// What a filter matched in one commit: its changes in the order the view
/// lists them (the matched ones first), so an import of thousands of
/// changes shows the few asked about, and a summary of those.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matching {
    /// Indices into the commit's changes, the matched ones first.
    pub order: Vec<usize>,
    /// How many of the changes the filter matched.
    pub matched: usize,
    /// The first matched change and how many others there are; `None`
    /// when it matched all or none of them (the commit's own summary says it).
    pub summary: Option<String>,
}

impl Matching {
    fn of(filter: &Filter, commit: &RecordedCommit) -> Matching {
        let (mut order, others): (Vec<usize>, Vec<usize>) =
            (0..commit.changes.len()).partition(|&i| {
                commit
                    .changes
                    .get(i)
                    .is_some_and(|c| filter.matches_change(commit, c))
            });
        let matched = order.len();
        order.extend(others);
        let summary = if matched == 0 || matched == commit.changes.len() {
            None
        } else {
            let picked: Vec<FieldChange> = order
                .iter()
                .take(matched)
                .filter_map(|&i| commit.changes.get(i).cloned())
                .collect();
            let lines = summarize_changes(&picked);
            let first = lines.first().cloned().unwrap_or_default();
            let more = lines.len().saturating_sub(1);
            let others = commit.changes.len() - matched;
            let more = if more > 0 {
                format!("+{more} more; ")
            } else {
                String::new()
            };
            let noun = if others == 1 {
                "other change"
            } else {
                "other changes"
            };
            Some(format!("{first} ({more}{others} {noun})"))
        };
        Matching {
            order,
            matched,
            summary,
        }
    }
}

/// One part of a filter.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Term {
    Actor(String),
    Recommendation(String),
    Author(String),
    Text(String),
}

/// A history filter: words that must all match, each in the commit's
/// actors (`actor:`), recommendations (`rec:`), author (`author:`), or, bare,
/// in any of those, the message or the changes. Case does not matter.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    terms: Vec<Term>,
}

impl Filter {
    /// The filter `text` says.
    pub fn parse(text: &str) -> Filter {
        let terms = text
            .split_whitespace()
            .map(|word| {
                let word = word.to_lowercase();
                let (key, value) = word.split_once(':').unwrap_or(("", &word));
                let value = value.to_string();
                match key {
                    "actor" | "a" => Term::Actor(value),
                    "rec" | "recommendation" | "r" => Term::Recommendation(value),
                    "author" | "by" => Term::Author(value),
                    _ => Term::Text(word.clone()),
                }
            })
            .filter(|term| !matches!(term, Term::Actor(v) | Term::Recommendation(v) | Term::Author(v) | Term::Text(v) if v.is_empty()))
            .collect();
        Filter { terms }
    }

    /// Whether `commit` passes.
    pub fn matches(&self, commit: &RecordedCommit) -> bool {
        let has = |text: &str, part: &str| text.to_lowercase().contains(part);
        let actor = |part: &str| {
            commit
                .changes
                .iter()
                .any(|c| has(&c.actor, part) || has(&c.actor_name, part))
        };
        let recommendation = |part: &str| {
            commit
                .changes
                .iter()
                .any(|c| c.recommendation.as_deref().is_some_and(|r| has(r, part)))
        };
        let author = |part: &str| has(&commit.author_name, part) || has(&commit.author_email, part);
        self.terms.iter().all(|term| match term {
            Term::Actor(part) => actor(part),
            Term::Recommendation(part) => recommendation(part),
            Term::Author(part) => author(part),
            Term::Text(part) => {
                actor(part)
                    || recommendation(part)
                    || author(part)
                    || has(&commit.subject, part)
                    || commit.changes.iter().any(|c| has(&c.what(), part))
                    || commit.problems.iter().any(|p| has(&p.path, part))
            }
        })
    }
}

impl Filter {
    /// Whether `change` of `commit` is one the filter asks about: each term
    /// holds of the change itself, or of the whole commit (its author, its
    /// message) and so of every change in it.
    fn matches_change(&self, commit: &RecordedCommit, change: &FieldChange) -> bool {
        let has = |text: &str, part: &str| text.to_lowercase().contains(part);
        let actor = |part: &str| has(&change.actor, part) || has(&change.actor_name, part);
        let recommendation = |part: &str| {
            change
                .recommendation
                .as_deref()
                .is_some_and(|r| has(r, part))
        };
        self.terms.iter().all(|term| match term {
            Term::Actor(part) => actor(part),
            Term::Recommendation(part) => recommendation(part),
            Term::Author(_) => true,
            Term::Text(part) => {
                actor(part)
                    || recommendation(part)
                    || has(&change.what(), part)
                    || has(&commit.author_name, part)
                    || has(&commit.author_email, part)
                    || has(&commit.subject, part)
            }
        })
    }
}

/// A commit's time as the history shows it: UTC, to the minute.
pub fn when(commit: &RecordedCommit) -> String {
    commit
        .time
        .with_timezone(&chrono::Utc)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}
