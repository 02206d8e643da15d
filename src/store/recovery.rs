//! The edit being typed, kept on disk so that a dropped SSH link or a crash
//! loses nothing: the TUI saves a draft while a form is open and offers it at
//! the next start.
//!
//! A save killed between its commit and its working-tree update leaves the
//! file (and index) one commit behind the branch; the next save, or
//! [`finish_interrupted_save`] at start, brings it forward.
//!
//! Drafts live in the git folder (never committed, never in the working
//! tree), one per coordinator: several people may share one Unix account.

use std::path::{Path, PathBuf};

use git2::Repository;

use super::DatasetLocation;
use super::atomic::write_atomic;
use super::commit::{self, ActorFile, Tip};
use super::edit::{Edit, EditError};
use super::identity::Identity;
use super::lock::{DatasetLock, LOCK_WAIT};
use super::undo::trailers;
use super::{Problem, Problems};

/// Where `author`'s draft for this repository is kept.
pub fn draft_path(location: &DatasetLocation, author: &Identity) -> Result<PathBuf, EditError> {
    let repo = git2::Repository::open(&location.repo_root)?;
    let key: String = author
        .email
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '@') {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok(repo.path().join(format!("reconvene-draft.{key}.ron")))
}

/// Saves (replaces) `author`'s draft atomically.
pub fn save_draft(
    location: &DatasetLocation,
    author: &Identity,
    draft: &Edit,
) -> Result<(), EditError> {
    write_draft(&draft_path(location, author)?, draft)
}

/// Saves (replaces) the draft at `path` (from [`draft_path`]) atomically.
/// The TUI keeps the path for a session, so a keystroke costs the write
/// alone, not opening the repository again.
pub fn write_draft(path: &Path, draft: &Edit) -> Result<(), EditError> {
    let text =
        ron::ser::to_string_pretty(draft, ron::ser::PrettyConfig::new()).map_err(|error| {
            EditError::Io {
                path: path.to_path_buf(),
                source: std::io::Error::other(error.to_string()),
            }
        })?;
    write_atomic(path, text.as_bytes())
}

/// `author`'s draft, if one was left; the file stays until
/// [`discard_draft`] (so a crash while it is offered loses nothing either).
pub fn load_draft(
    location: &DatasetLocation,
    author: &Identity,
) -> Result<Option<Edit>, EditError> {
    let path = draft_path(location, author)?;
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(EditError::Io { path, source }),
    };
    let shown = path.display().to_string();
    let text = String::from_utf8_lossy(&bytes);
    ron::Options::default()
        .from_str(&text)
        .map(Some)
        .map_err(|error| {
            EditError::InvalidData(Problems(vec![Problem {
                path: shown,
                line: error.span.start.line,
                column: error.span.start.col,
                message: error.code.to_string(),
            }]))
        })
}

/// Removes `author`'s draft (after it was saved, or declined).
pub fn discard_draft(location: &DatasetLocation, author: &Identity) -> Result<(), EditError> {
    let path = draft_path(location, author)?;
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(EditError::Io { path, source }),
    }
}

/// `author`'s draft, removed from disk.
pub fn take_draft(
    location: &DatasetLocation,
    author: &Identity,
) -> Result<Option<Edit>, EditError> {
    let draft = load_draft(location, author)?;
    discard_draft(location, author)?;
    Ok(draft)
}

/// If the tip is a save of actor `actor_id` whose working-tree update never
/// happened (the process died after the commit), finishes it: writes the
/// committed file and its index entry. Returns whether it did.
///
/// Recognised only by its exact signature, so hand edits are never taken
/// for it: the tip commit carries our `Actor:` trailer and changed this
/// file, the index still holds the parent's version, and the working file
/// is the parent's or already the tip's.
pub(crate) fn repair_lagging_file(
    repo: &Repository,
    tip: &Tip<'_>,
    file: &ActorFile,
    work_path: &Path,
    actor_id: &str,
) -> Result<bool, EditError> {
    let Some(commit) = &tip.commit else {
        return Ok(false);
    };
    let message = String::from_utf8_lossy(commit.message_bytes()).into_owned();
    if !trailers(&message).contains(&("Actor", actor_id)) {
        return Ok(false);
    }
    let Some(parent) = commit.parents().next() else {
        return Ok(false);
    };
    let before = commit::blob_at(repo, &parent.tree()?, &file.path)?;
    let before_id = before.as_ref().map(|(oid, _, _)| *oid);
    if before_id == Some(file.blob) {
        return Ok(false);
    }
    let mut index = repo.index()?;
    index.read(false)?;
    let staged = index.get_path(Path::new(&file.path), 0).map(|e| e.id);
    if staged != before_id {
        return Ok(false);
    }
    let working = match std::fs::read(work_path) {
        Ok(bytes) => Some(bytes),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => {
            return Err(EditError::Io {
                path: work_path.to_path_buf(),
                source,
            });
        }
    };
    let lagging = working.as_deref() == before.as_ref().map(|(_, _, bytes)| bytes.as_slice())
        || working.as_deref() == Some(file.bytes.as_slice());
    if !lagging {
        return Ok(false);
    }
    commit::update_work_tree(repo, work_path, &file.path, &file.bytes)?;
    Ok(true)
}

/// At start: finishes a save that was killed after its commit (see the
/// module docs). Returns the file brought up to date, if any.
pub fn finish_interrupted_save(location: &DatasetLocation) -> Result<Option<PathBuf>, EditError> {
    let repo = commit::open(location)?;
    let prefix = commit::dataset_prefix(location)?;
    let _lock = DatasetLock::acquire(repo.commondir(), LOCK_WAIT)?;
    let tip = match commit::read_tip(&repo) {
        Ok(tip) => tip,
        // Nothing of ours to finish on a detached HEAD or mid-merge.
        Err(EditError::DetachedHead | EditError::RepositoryBusy { .. }) => return Ok(None),
        Err(error) => return Err(error),
    };
    let Some(commit) = &tip.commit else {
        return Ok(None);
    };
    let message = String::from_utf8_lossy(commit.message_bytes()).into_owned();
    let Some(actor_id) = trailers(&message)
        .into_iter()
        .find(|(key, _)| *key == "Actor")
        .map(|(_, value)| value.to_string())
    else {
        return Ok(None);
    };
    let Some(file) = commit::read_actor(&repo, &tip.tree, &prefix, &actor_id)? else {
        return Ok(None);
    };
    let work_path = location.repo_root.join(&file.path);
    Ok(repair_lagging_file(&repo, &tip, &file, &work_path, &actor_id)?.then_some(work_path))
}
