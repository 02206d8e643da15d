//! The record's history, the second clock: which commits changed the
//! dataset, by whom and when, field by field; and the dataset as it was
//! recorded at any commit.
//!
//! Each actor file is parsed once per blob id and kept, so walking many
//! commits, or loading a past dataset after the present one, never parses
//! the same version twice. Merges are read against their first parent, as
//! `git log --first-parent -m` shows them; files that were invalid at a
//! commit are reported at that commit and do not stop the walk.

mod blobs;
mod by_git;
mod diff;
mod index;
mod line;
pub mod live;
mod recorded;
mod touch;
mod trees;

use std::ops::ControlFlow;

use chrono::{DateTime, FixedOffset, NaiveDate, Offset, TimeZone, Utc};
use git2::{ObjectType, Oid, Repository};

use super::DatasetLocation;
use super::edit::commit_id;
/// One commit as the history shows it: a model value, so the screen can hold it.
pub use crate::model::RecordedCommit;
use crate::model::{Activity, Actor, CommitId, FieldChange, Problems, actor_changes};

use blobs::ActorBlobs;
pub use diff::RAW_DIFF_LINES;
use index::{FileChange, Index, IndexedCommit};
pub use recorded::Recorded;

/// Why the history could not be read.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    /// A git operation failed.
    #[error("git: {}", .0.message())]
    Git(#[from] git2::Error),
    /// The branch has no commits yet.
    #[error("the record is empty: no commit yet")]
    Empty,
    /// A revision that names no commit.
    #[error("`{0}` is neither a date (YYYY-MM-DD) nor a commit of this repository")]
    UnknownRevision(String),
    /// A date before the first commit: the record did not exist yet.
    #[error("{date} is before the record began (its first commit is of {first})")]
    BeforeRecord {
        /// The date asked for.
        date: NaiveDate,
        /// The day of the first commit (UTC).
        first: NaiveDate,
    },
    /// The dataset as recorded at that commit is not valid.
    #[error("the dataset at commit {commit} is not valid:\n{problems}")]
    Invalid {
        /// The commit.
        commit: CommitId,
        /// What was wrong with it.
        problems: Problems,
    },
}

/// Which commits a walk shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogQuery {
    /// Only changes to this actor (followed across renames of its file).
    pub actor: Option<String>,
    /// Only changes to this recommendation's commitments.
    pub recommendation: Option<String>,
    /// Only commits whose author's "Name <email>" contains this, ignoring case.
    pub author: Option<String>,
    /// Only commits after this point.
    pub since: Option<Since>,
}

/// Where a walk stops, on the second clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Since {
    /// Commits made on or after this day (UTC), as `git log --since`.
    Day(NaiveDate),
    /// Commits not reachable from this one, as `git log REV..`.
    Commit(CommitId),
}

/// The history of one dataset, with the actor versions parsed so far.
pub struct History {
    repo: Repository,
    /// The dataset folder inside the repository, `/`-terminated unless empty.
    prefix: String,
    /// Actor files parsed, by blob id.
    blobs: ActorBlobs,
}

impl History {
    /// Opens the history of the dataset at `location`.
    pub fn open(location: &DatasetLocation) -> Result<History, HistoryError> {
        let repo = Repository::open(&location.repo_root)?;
        let prefix = super::commit::dataset_prefix(location)
            .map_err(|e| git2::Error::from_str(&e.to_string()))?;
        Ok(History {
            repo,
            prefix,
            blobs: ActorBlobs::default(),
        })
    }

    /// The commit the branch points at now.
    pub fn tip(&self) -> Result<Oid, HistoryError> {
        match self.repo.head() {
            Ok(head) => head.target().ok_or(HistoryError::Empty),
            Err(e) if e.code() == git2::ErrorCode::UnbornBranch => Err(HistoryError::Empty),
            Err(e) => Err(e.into()),
        }
    }

    /// The commit `text` names: a date `YYYY-MM-DD` (the last commit at or
    /// before the end of that day, UTC, on the branch's first-parent line) or
    /// anything git reads as a revision (`HEAD~3`, a commit id, a tag).
    pub fn resolve(&self, text: &str) -> Result<Oid, HistoryError> {
        if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            return self.last_commit_on(date);
        }
        self.repo
            .revparse_single(text)
            .and_then(|object| object.peel_to_commit())
            .map(|commit| commit.id())
            .map_err(|_| HistoryError::UnknownRevision(text.to_string()))
    }

    /// The last commit at or before the end of `date` (UTC), following first parents.
    fn last_commit_on(&self, date: NaiveDate) -> Result<Oid, HistoryError> {
        let end = date
            .succ_opt()
            .and_then(|next| next.and_hms_opt(0, 0, 0))
            .map_or(i64::MAX, |t| t.and_utc().timestamp());
        let mut commit = self.repo.find_commit(self.tip()?)?;
        loop {
            if commit.time().seconds() < end {
                return Ok(commit.id());
            }
            match commit.parent(0) {
                Ok(parent) => commit = parent,
                Err(_) => {
                    let first = DateTime::from_timestamp(commit.time().seconds(), 0)
                        .map_or(date, |t| t.date_naive());
                    return Err(HistoryError::BeforeRecord { date, first });
                }
            }
        }
    }

    /// What one commit changed in the dataset, against its first parent.
    pub fn commit(&mut self, id: Oid) -> Result<RecordedCommit, HistoryError> {
        let indexed = index::indexed_commit(&self.repo, &self.prefix, id)?;
        self.recorded(&indexed, &LogQuery::default(), &mut Vec::new())
    }

    /// The index of the branch's first-parent line, built or extended as
    /// needed (see [`index`]); `progress` hears how many commits were read.
    fn index(&self, progress: &mut dyn FnMut(usize)) -> Result<Option<Index>, HistoryError> {
        match self.tip() {
            Ok(tip) => Ok(Some(Index::up_to(&self.repo, &self.prefix, tip, progress)?)),
            Err(HistoryError::Empty) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The record's activity: commits per week by author, over the whole
    /// first-parent line (the second clock's "progress over time"). Read
    /// from the index, so only its first use on a long history costs more
    /// than reading one file.
    pub fn activity(&self, progress: &mut dyn FnMut(usize)) -> Result<Activity, HistoryError> {
        let Some(index) = self.index(progress)? else {
            return Ok(Activity::default());
        };
        Ok(Activity::count(index.commits.iter().map(|c| {
            let day = DateTime::from_timestamp(c.time, 0)
                .map_or_else(Default::default, |t| t.date_naive());
            (day, c.author_name.as_str())
        })))
    }

    /// Walks the commits that changed the dataset, newest first, handing each
    /// (with its changes narrowed to the query) to `each` until it breaks.
    /// Commits that change nothing the query asks about are skipped.
    pub fn walk(
        &mut self,
        query: &LogQuery,
        each: impl FnMut(RecordedCommit) -> ControlFlow<()>,
    ) -> Result<(), HistoryError> {
        self.walk_with_progress(query, &mut |_| {}, each)
    }

    /// [`History::walk`], telling `progress` how many commits it has indexed
    /// when the index has to be built or extended first.
    pub fn walk_with_progress(
        &mut self,
        query: &LogQuery,
        progress: &mut dyn FnMut(usize),
        mut each: impl FnMut(RecordedCommit) -> ControlFlow<()>,
    ) -> Result<(), HistoryError> {
        let Some(index) = self.index(progress)? else {
            return Ok(());
        };
        // `REV..`: stop where the line meets REV's history.
        let stop = match &query.since {
            Some(Since::Commit(id)) => {
                let since = Oid::from_str(id.as_str())?;
                Some(self.repo.merge_base(index.tip, since)?)
            }
            _ => None,
        };
        let since_time = match &query.since {
            Some(Since::Day(day)) => day.and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp()),
            _ => None,
        };
        let author = query.author.as_ref().map(|a| a.to_lowercase());
        // The actor's ids, newest first: a rename adds the id it had before.
        let mut ids: Vec<String> = query.actor.iter().cloned().collect();
        for commit in &index.commits {
            if Some(commit.id) == stop {
                break;
            }
            if since_time.is_some_and(|since| commit.time < since) {
                continue;
            }
            if let Some(author) = &author {
                let who = format!("{} <{}>", commit.author_name, commit.author_email);
                if !who.to_lowercase().contains(author.as_str()) {
                    continue;
                }
            }
            if !ids.is_empty() && !commit.files.iter().any(|f| touches(f, &ids)) {
                continue;
            }
            let recorded = self.recorded(commit, query, &mut ids)?;
            if recorded.changes.is_empty() && recorded.problems.is_empty() {
                continue;
            }
            if each(recorded).is_break() {
                break;
            }
        }
        Ok(())
    }

    /// One indexed commit with its field-level changes, narrowed to `query`;
    /// `ids` are the followed actor's ids and grow when it was renamed here.
    fn recorded(
        &mut self,
        commit: &IndexedCommit,
        query: &LogQuery,
        ids: &mut Vec<String>,
    ) -> Result<RecordedCommit, HistoryError> {
        let mut changes = Vec::new();
        let mut problems = Vec::new();
        for file in &commit.files {
            let (old_path, new_path) = (file.old_path.as_deref(), file.new_path.as_deref());
            let is_actor = |p: Option<&str>| p.is_some_and(super::load::is_actor_path);
            if !is_actor(old_path) && !is_actor(new_path) {
                if query.actor.is_none() && query.recommendation.is_none() {
                    changes.push(FieldChange::file(new_path.or(old_path).unwrap_or_default()));
                }
                continue;
            }
            if !ids.is_empty() && !touches(file, ids) {
                continue;
            }
            let old = match (old_path, file.old_blob) {
                (Some(path), Some(blob)) => Some(self.actor(path, blob)),
                _ => None,
            };
            let new = match (new_path, file.new_blob) {
                (Some(path), Some(blob)) => Some(self.actor(path, blob)),
                _ => None,
            };
            let (old, new, mended) = match (old, new) {
                // The file this commit left is invalid: reported here.
                (_, Some(Err(p))) => {
                    problems.extend(p.0);
                    continue;
                }
                // It mended a file an earlier commit broke: compared with
                // the last version that could be read, so what changed
                // across the broken ones, and who changed it, shows here.
                (Some(Err(_)), Some(Ok(new))) => {
                    let before = self.last_readable(commit.id, old_path.unwrap_or_default())?;
                    (before, Some(new), true)
                }
                (old, new) => (old.and_then(Result::ok), new.and_then(Result::ok), false),
            };
            if let (Some(old), Some(new)) = (&old, &new)
                && old.id != new.id
                && ids.contains(&new.id)
                && !ids.contains(&old.id)
            {
                ids.push(old.id.clone());
            }
            let mut found = actor_changes(old.as_ref(), new.as_ref());
            if let Some(recommendation) = &query.recommendation {
                found.retain(|c| c.recommendation.as_ref() == Some(recommendation));
            }
            // Mended back to exactly what it was: still a commit that
            // changed the file, so it says so rather than vanish.
            if mended
                && found.is_empty()
                && query.recommendation.is_none()
                && let Some(new) = &new
            {
                let mut back = FieldChange::file(new_path.unwrap_or_default());
                back.actor = new.id.clone();
                back.actor_name = new.name.clone();
                back.new = Some("mended, back to its last readable version".into());
                found.push(back);
            }
            changes.extend(found);
        }
        let offset = FixedOffset::east_opt(commit.offset * 60).unwrap_or_else(|| Utc.fix());
        let time = offset
            .timestamp_opt(commit.time, 0)
            .single()
            .unwrap_or_default();
        // Only a commit that is shown is read for its message.
        let subject = self
            .repo
            .find_commit(commit.id)
            .map(|c| String::from_utf8_lossy(c.summary_bytes().unwrap_or_default()).into_owned())
            .unwrap_or_default();
        Ok(RecordedCommit {
            id: commit_id(commit.id),
            time,
            author_name: commit.author_name.clone(),
            author_email: commit.author_email.clone(),
            subject,
            parents: commit.parents,
            changes,
            problems,
        })
    }

    /// The last version of the actor file at `path` that could be read,
    /// before the one commit `id`'s first parent holds (which could not):
    /// followed back along first parents. `None` when the file did not
    /// exist before it broke, or no version of it ever read.
    fn last_readable(&mut self, id: Oid, path: &str) -> Result<Option<Actor>, HistoryError> {
        let full = format!("{}{path}", self.prefix);
        let mut commit = self.repo.find_commit(id)?;
        // Skip the commit itself and the parent holding the broken version.
        for _ in 0..2 {
            match commit.parent(0) {
                Ok(parent) => commit = parent,
                Err(_) => return Ok(None),
            }
        }
        loop {
            let blob = match commit.tree()?.get_path(std::path::Path::new(&full)) {
                Ok(entry) => entry.id(),
                Err(e) if e.code() == git2::ErrorCode::NotFound => return Ok(None),
                Err(e) => return Err(e.into()),
            };
            // The cache and the repository are separate fields: the walk
            // holds the commit while a version is parsed.
            if let Ok(actor) = &self.blobs.get(&self.repo, path, blob).actor {
                return Ok(Some(actor.clone()));
            }
            match commit.parent(0) {
                Ok(parent) => commit = parent,
                Err(_) => return Ok(None),
            }
        }
    }

    /// The actor in blob `id` (at `path` in the dataset folder), parsed once.
    fn actor(&mut self, path: &str, id: Oid) -> Result<Actor, Problems> {
        self.blobs.get(&self.repo, path, id).actor.clone()
    }

    /// Every dataset file in the tree of commit `id`: (path in the dataset
    /// folder, blob id).
    fn files(&self, id: Oid) -> Result<Vec<(String, Oid)>, HistoryError> {
        let root = self.repo.find_commit(id)?.tree()?;
        let tree = match self.prefix.trim_end_matches('/') {
            "" => root,
            folder => match root.get_path(std::path::Path::new(folder)) {
                Ok(entry) => self.repo.find_tree(entry.id())?,
                Err(_) => return Ok(Vec::new()),
            },
        };
        let mut files = Vec::new();
        tree.walk(git2::TreeWalkMode::PreOrder, |folder, entry| {
            if entry.kind() == Some(ObjectType::Blob) {
                let name = String::from_utf8_lossy(entry.name_bytes());
                files.push((format!("{folder}{name}"), entry.id()));
            }
            git2::TreeWalkResult::Ok
        })?;
        Ok(files)
    }
}

/// Whether a changed file is one of the followed actor's: its file name is
/// its id, before or after the change.
fn touches(file: &FileChange, ids: &[String]) -> bool {
    let id = |path: &Option<String>| {
        path.as_deref().map(|p| {
            let name = p.rsplit('/').next().unwrap_or(p);
            name.strip_suffix(".ron").unwrap_or(name).to_string()
        })
    };
    [id(&file.old_path), id(&file.new_path)]
        .iter()
        .flatten()
        .any(|name| ids.contains(name))
}
