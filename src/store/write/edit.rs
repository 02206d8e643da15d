//! Saving edits: one commitment, a new actor, or an undo, each as one git
//! commit authored by the coordinator. The CLI's `set` and the TUI's edit
//! form both go through here.
//!
//! A save takes an advisory lock, reads the branch tip, checks that the
//! commitment is still what the user edited from (another coordinator may
//! have changed it: a [`EditError::Conflict`]), commits the tip's tree with
//! the one actor file replaced, and only then rewrites the working-tree file
//! atomically. Changes by others to other commitments are kept: ours is
//! applied on the new tip ([`Saved::rebased`]).

use std::path::PathBuf;

use git2::Oid;

use crate::model::{Actor, Commitment, LastChange, Recommendation, Status, is_slug};
use crate::store::commit::{self, Plan};
use crate::store::identity::Identity;
use crate::store::{DatasetLocation, Problem, Problems};

pub use crate::store::undo::{last_edit, undo_last};

pub use crate::model::{CommitId, Edit};

/// What a save made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// The new commit, now the branch tip.
    pub commit: Oid,
    /// Someone else committed since the user loaded; the edit was applied on
    /// their commit (the TUI should reload to see both).
    pub rebased: bool,
    /// Something the user should know although the commit stands.
    pub warning: Option<String>,
}

/// Why a save was refused or failed. Nothing was committed in any case, and
/// no file was changed.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// The commitment changed since the user loaded it. The caller chooses:
    /// keep theirs (do nothing) or overwrite (save again with `base` = theirs).
    #[error("{0}")]
    Conflict(Box<Conflict>),
    /// No actor with that id at the branch tip.
    #[error("no actor `{actor}` in the dataset")]
    UnknownActor {
        /// The id asked for.
        actor: String,
    },
    /// An actor with that id already exists (adding a new actor).
    #[error("an actor `{actor}` already exists ({path}); edit it instead")]
    ActorExists {
        /// The id.
        actor: String,
        /// Where its file is, relative to the repository.
        path: String,
    },
    /// The recommendation is not in `recommendations.ron`.
    #[error("no recommendation `{recommendation}` in the dataset (valid: {})", .valid.join(", "))]
    UnknownRecommendation {
        /// The id asked for.
        recommendation: String,
        /// The ids that exist.
        valid: Vec<String>,
    },
    /// `--if-status`: the commitment's status at commit time is not the one
    /// the writer expected (a compare-and-swap that lost).
    #[error(
        "refused: {actor} · {recommendation} is {found}, not {expected} (--if-status); nothing written"
    )]
    StatusChanged {
        /// The actor's id.
        actor: String,
        /// The recommendation's id.
        recommendation: String,
        /// The status the tip holds.
        found: Status,
        /// The status the writer expected.
        expected: Status,
    },
    /// The save would not change the file.
    #[error("nothing to save: the commitment is already so")]
    NoChange,
    /// Undo found no edit of the author's to undo.
    #[error("nothing to undo: no edit by {0} on this branch")]
    NothingToUndo(String),
    /// The author's last edit is not a commitment edit (it added an actor):
    /// undo does not reach past it, so as never to revert an older edit by
    /// surprise.
    #[error(
        "your last edit (\"{0}\") added an actor; undo it with `git revert` if it was a mistake"
    )]
    CannotUndo(String),
    /// HEAD names a commit, not a branch: a commit would be lost on checkout.
    #[error("HEAD is detached; check out a branch (`git switch main`) before editing")]
    DetachedHead,
    /// A merge, rebase or the like is in progress.
    #[error("{state} is in progress in the repository; finish or abort it before editing")]
    RepositoryBusy {
        /// What is in progress ("a merge", "a rebase", ...).
        state: String,
    },
    /// The actor's file has changes not in the tip: someone's hand edits.
    #[error(
        "{}: has uncommitted changes; commit or discard them (`git diff`) before editing:\n{diff}",
        .path.display()
    )]
    UncommittedChanges {
        /// The working-tree file.
        path: PathBuf,
        /// The changes, as a unified diff from the tip to the file.
        diff: String,
    },
    /// Another save held the lock for longer than [`crate::store::lock::LOCK_WAIT`].
    #[error(
        "{}: another save has held the lock too long; try again (the lock frees itself when that process ends)",
        .path.display()
    )]
    LockTimeout {
        /// The lock file.
        path: PathBuf,
    },
    /// One of git's own lock files stands.
    #[error("{}: git's lock file exists; {holder}", .path.display())]
    StaleGitLock {
        /// The lock file.
        path: PathBuf,
        /// Who holds it, or why it looks stale, and what to do.
        holder: String,
    },
    /// The repository belongs to another user (git's `safe.directory`).
    #[error(
        "{}: the repository is owned by another user; if you trust it, tell git so: \
         git config --global --add safe.directory '{}'",
        .path.display(),
        .path.display()
    )]
    NotOwned {
        /// The repository's work tree.
        path: PathBuf,
    },
    /// The repository's git folder cannot be written by this user.
    #[error(
        "{}: the dataset is read-only for you (no permission to write in this git folder): \
         reading works, saving does not",
        .path.display()
    )]
    ReadOnly {
        /// The git folder.
        path: PathBuf,
    },
    /// A git operation failed.
    #[error("git: {}", .0.message())]
    Git(#[from] git2::Error),
    /// A file operation failed.
    #[error("{}: {source}", .path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The file at the tip, or what the edit would write, is not valid.
    #[error("{0}")]
    InvalidData(Problems),
}

/// Both versions of a commitment two coordinators changed at once.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error(
    "{actor} · {recommendation} was changed by someone else since you loaded it \
     (theirs: {}; yours: {})",
    summarize(.theirs.as_ref()),
    summarize(.yours.as_ref())
)]
pub struct Conflict {
    /// The actor's id.
    pub actor: String,
    /// The recommendation's id.
    pub recommendation: String,
    /// The commitment at the tip now.
    pub theirs: Option<Commitment>,
    /// The commitment the user wanted.
    pub yours: Option<Commitment>,
    /// Who made the tip's version, and when (`None` when history does not
    /// say: a shallow clone, or further back than is searched).
    pub last_change: Option<LastChange>,
}

/// A one-line account of a commitment for messages: status, evidence count,
/// the start of the note.
pub fn summarize(commitment: Option<&Commitment>) -> String {
    let Some(commitment) = commitment else {
        return "no commitment recorded".into();
    };
    let mut text = commitment.status.label().to_string();
    match commitment.evidence.len() {
        0 => {}
        1 => text.push_str(", 1 evidence item"),
        n => text.push_str(&format!(", {n} evidence items")),
    }
    if !commitment.note.is_empty() {
        let note: String = commitment
            .note
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .take(60)
            .collect();
        let more = if commitment.note.chars().count() > 60 {
            "…"
        } else {
            ""
        };
        text.push_str(&format!(", note: \"{note}{more}\""));
    }
    text
}

pub use crate::model::describe_change as describe;

/// The full commit message: the user's text (or the default), a blank line,
/// then the trailers that let history be read by machines.
pub(crate) fn message_with_trailers(text: &str, trailers: &[(&str, &str)]) -> String {
    // History is printed to terminals later: no control sequence from the
    // user's text (or the data it was described from) goes into it.
    let text: String = text
        .chars()
        .filter(|c| *c != '\r')
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect();
    let mut message = text.trim().to_string();
    message.push_str("\n\n");
    for (key, value) in trailers {
        message.push_str(&format!("{key}: {value}\n"));
    }
    message
}

fn check_recommendation(
    recommendations: Option<&Vec<Recommendation>>,
    id: &str,
) -> Result<(), EditError> {
    match recommendations {
        Some(all) if !all.iter().any(|r| r.id == id) => Err(EditError::UnknownRecommendation {
            recommendation: id.into(),
            valid: all.iter().map(|r| r.id.clone()).collect(),
        }),
        _ => Ok(()),
    }
}

/// Saves one commitment as one commit by `author` (see the module docs).
pub fn save(
    location: &DatasetLocation,
    author: &Identity,
    edit: &Edit,
) -> Result<Saved, EditError> {
    let loaded_from = edit.loaded_from.as_ref().and_then(oid_of);
    commit::apply(location, author, &edit.actor, loaded_from, |tip| {
        let Some(mut actor) = tip.actor.clone() else {
            return Err(EditError::UnknownActor {
                actor: edit.actor.clone(),
            });
        };
        check_recommendation(tip.recommendations.as_ref(), &edit.recommendation)?;
        let theirs = actor.commitments.get(&edit.recommendation);
        if theirs != edit.base.as_ref() {
            return Err(EditError::Conflict(Box::new(Conflict {
                actor: edit.actor.clone(),
                recommendation: edit.recommendation.clone(),
                theirs: theirs.cloned(),
                yours: Some(edit.new.clone()),
                last_change: last_change(location, &edit.actor, &edit.recommendation),
            })));
        }
        if theirs == Some(&edit.new) {
            return Err(EditError::NoChange);
        }
        let first_line = if edit.message.trim().is_empty() {
            describe(&actor.name, &edit.recommendation, theirs, &edit.new)
        } else {
            edit.message.clone()
        };
        let message = message_with_trailers(
            &first_line,
            &[
                ("Actor", &edit.actor),
                ("Recommendation", &edit.recommendation),
            ],
        );
        actor
            .commitments
            .insert(edit.recommendation.clone(), edit.new.clone());
        Ok(Plan { actor, message })
    })
}

/// Saves one commitment "make it so": `change` is applied to the commitment
/// as the tip holds it at commit time (another writer's change a moment
/// earlier is simply the value it starts from; nothing is refused for it).
/// With `if_status`, a compare-and-swap: refused with
/// [`EditError::StatusChanged`] unless the tip's status is that one when
/// the commit is made. An empty `message` gives the default description.
pub fn save_applied(
    location: &DatasetLocation,
    author: &Identity,
    actor_id: &str,
    recommendation: &str,
    message: &str,
    if_status: Option<Status>,
    change: impl Fn(Option<&Commitment>) -> Commitment,
) -> Result<Saved, EditError> {
    let repo = commit::open(location)?;
    let loaded_from = commit::read_tip(&repo)?.id();
    commit::apply(location, author, actor_id, loaded_from, |tip| {
        let Some(mut actor) = tip.actor.clone() else {
            return Err(EditError::UnknownActor {
                actor: actor_id.into(),
            });
        };
        check_recommendation(tip.recommendations.as_ref(), recommendation)?;
        let theirs = actor.commitments.get(recommendation);
        let found = theirs.map(|c| c.status).unwrap_or_default();
        if let Some(expected) = if_status
            && expected != found
        {
            return Err(EditError::StatusChanged {
                actor: actor_id.into(),
                recommendation: recommendation.into(),
                found,
                expected,
            });
        }
        let new = change(theirs);
        if theirs == Some(&new) {
            return Err(EditError::NoChange);
        }
        let first_line = if message.trim().is_empty() {
            describe(&actor.name, recommendation, theirs, &new)
        } else {
            message.to_string()
        };
        let message = message_with_trailers(
            &first_line,
            &[("Actor", actor_id), ("Recommendation", recommendation)],
        );
        actor.commitments.insert(recommendation.into(), new);
        Ok(Plan { actor, message })
    })
}

/// Adds a new actor (with any commitments already filled) as one commit,
/// written to its letter folder. Refuses an id that exists anywhere under
/// `actors/`. An empty `message` gives "Add <name>".
pub fn save_actor(
    location: &DatasetLocation,
    author: &Identity,
    actor: &Actor,
    message: &str,
) -> Result<Saved, EditError> {
    if !is_slug(&actor.id) {
        return Err(EditError::InvalidData(Problems(vec![Problem {
            path: Actor::path_for(&actor.id),
            line: 1,
            column: 1,
            message: format!(
                "`{}` is not a valid id: lowercase letters, digits and single dashes",
                actor.id
            ),
        }])));
    }
    let repo = commit::open(location)?;
    let loaded_from = commit::read_tip(&repo)?.id();
    commit::apply(location, author, &actor.id, loaded_from, |tip| {
        if let Some(path) = &tip.actor_path {
            return Err(EditError::ActorExists {
                actor: actor.id.clone(),
                path: path.clone(),
            });
        }
        for recommendation in actor.commitments.keys() {
            check_recommendation(tip.recommendations.as_ref(), recommendation)?;
        }
        let first_line = if message.trim().is_empty() {
            format!("Add {}", actor.name)
        } else {
            message.to_string()
        };
        Ok(Plan {
            actor: actor.clone(),
            message: message_with_trailers(&first_line, &[("Actor", &actor.id)]),
        })
    })
}

/// How many commits back a conflict looks for who made the tip's version.
const LAST_CHANGE_DEPTH: usize = 5000;

/// Who last changed `actor`'s commitment to `recommendation` on the branch,
/// and when: the newest commit whose version differs from its parent's.
/// Only commits that changed the actor's file are parsed.
pub fn last_change(
    location: &DatasetLocation,
    actor: &str,
    recommendation: &str,
) -> Option<LastChange> {
    let repo = commit::open(location).ok()?;
    let prefix = commit::dataset_prefix(location).ok()?;
    let tip = commit::read_tip(&repo).ok()?;
    let path = commit::find_actor_path(&repo, &tip.tree, &prefix, actor).ok()??;
    let commitment_in = |tree: &git2::Tree<'_>| -> Option<Commitment> {
        commit::read_actor(&repo, tree, &prefix, actor)
            .ok()
            .flatten()
            .and_then(|file| file.actor.commitments.get(recommendation).cloned())
    };
    let blob_in = |tree: &git2::Tree<'_>| {
        tree.get_path(std::path::Path::new(&path))
            .ok()
            .map(|e| e.id())
    };
    let mut walk = repo.revwalk().ok()?;
    walk.push(tip.id()?).ok()?;
    for oid in walk.take(LAST_CHANGE_DEPTH) {
        let commit = repo.find_commit(oid.ok()?).ok()?;
        let tree = commit.tree().ok()?;
        let parent_tree = commit.parents().next().and_then(|p| p.tree().ok());
        let before = parent_tree.as_ref().and_then(&blob_in);
        if blob_in(&tree) == before {
            continue;
        }
        if parent_tree.as_ref().and_then(&commitment_in) != commitment_in(&tree) {
            let author = commit.author();
            let when = chrono::DateTime::from_timestamp(commit.time().seconds(), 0)?;
            return Some(LastChange {
                author: String::from_utf8_lossy(author.name_bytes()).into_owned(),
                when: when.format("%Y-%m-%d %H:%M UTC").to_string(),
            });
        }
    }
    None
}

/// An actor as the branch tip holds it, and the tip it was read from (pass
/// it back as [`Edit::loaded_from`]).
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedActor {
    /// The actor.
    pub actor: Actor,
    /// The tip commit (`None` on an unborn branch).
    pub tip: Option<Oid>,
}

/// Reads actor `id` from the branch tip (not the working tree: the tip is
/// what a save compares against).
pub fn load_actor(location: &DatasetLocation, id: &str) -> Result<LoadedActor, EditError> {
    let repo = commit::open(location)?;
    let prefix = commit::dataset_prefix(location)?;
    let tip = commit::read_tip(&repo)?;
    match commit::read_actor(&repo, &tip.tree, &prefix, id)? {
        Some(file) => Ok(LoadedActor {
            actor: file.actor,
            tip: tip.id(),
        }),
        None => Err(EditError::UnknownActor { actor: id.into() }),
    }
}

/// The ids of every actor file at the branch tip (for suggestions when an id
/// is mistyped; this walks the whole `actors/` tree).
pub fn actor_ids(location: &DatasetLocation) -> Result<Vec<String>, EditError> {
    let repo = commit::open(location)?;
    let prefix = commit::dataset_prefix(location)?;
    let tip = commit::read_tip(&repo)?;
    let actors = match tip
        .tree
        .get_path(std::path::Path::new(&format!("{prefix}actors")))
    {
        Ok(entry) if entry.kind() == Some(git2::ObjectType::Tree) => repo.find_tree(entry.id())?,
        _ => return Ok(Vec::new()),
    };
    let mut ids = Vec::new();
    actors.walk(git2::TreeWalkMode::PreOrder, |_, entry| {
        if entry.kind() == Some(git2::ObjectType::Blob)
            && let Some(id) = entry.name().ok().and_then(|name| name.strip_suffix(".ron"))
        {
            ids.push(id.to_string());
        }
        git2::TreeWalkResult::Ok
    })?;
    ids.sort();
    Ok(ids)
}

/// The recommendations at the branch tip (empty when the file is missing).
pub fn load_recommendations(location: &DatasetLocation) -> Result<Vec<Recommendation>, EditError> {
    let repo = commit::open(location)?;
    let prefix = commit::dataset_prefix(location)?;
    let tip = commit::read_tip(&repo)?;
    Ok(commit::read_recommendations(&repo, &tip.tree, &prefix)?.unwrap_or_default())
}

/// The git object id a [`CommitId`] names; `None` for text git cannot read,
/// which a save then treats as "someone else committed since".
pub fn oid_of(id: &CommitId) -> Option<Oid> {
    Oid::from_str(id.as_str()).ok()
}

/// A commit's id as the plain value the TUI and drafts carry.
pub fn commit_id(oid: Oid) -> CommitId {
    CommitId::new(&oid.to_string()).unwrap_or_else(CommitId::unknown)
}
