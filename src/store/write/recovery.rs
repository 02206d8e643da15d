//! The edit being typed, kept on disk so that a dropped SSH link or a crash
//! loses nothing: the TUI saves a draft while a form is open and offers it at
//! the next start.
//!
//! A save killed after its commit leaves the file (and index) behind the
//! branch; its intent record tells the next save, start or `validate`
//! ([`finish_interrupted_save`]) to bring it forward, and a file equal to an
//! earlier committed version of itself is recognised as lagging, not as a
//! hand edit, even without a record.
//!
//! Drafts live in the user's state folder, one per session (see
//! [`DraftSession`]): several people may share one Unix account, and a
//! read-only dataset still keeps them.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use git2::{Oid, Repository};

use crate::store::DatasetLocation;
use crate::store::commit::{self, Tip};
use crate::store::edit::EditError;
use crate::store::fault;
use crate::store::intent::Intent;
use crate::store::lock::{DatasetLock, IndexLock, LOCK_WAIT, adopt_our_index_lock};
use crate::store::undo::trailers;
use crate::store::worktree::{self, Replaced};

pub use crate::store::drafts::{
    DraftSession, discard_draft, draft_path, drafts_folder, load_draft, save_draft, take_draft,
    write_draft,
};

/// How many commits back a working file is compared with, to tell a file
/// left behind by an interrupted save from a hand edit.
const LAGGING_DEPTH: usize = 2000;

/// The blobs `path` had in the last [`LAGGING_DEPTH`] commits before `tip`
/// (the tip's own excluded).
fn earlier_versions(
    repo: &Repository,
    tip: &Tip<'_>,
    path: &str,
) -> Result<HashSet<Oid>, EditError> {
    let mut found = HashSet::new();
    let Some(commit) = &tip.commit else {
        return Ok(found);
    };
    let mut walk = repo.revwalk()?;
    walk.push(commit.id())?;
    for oid in walk.skip(1).take(LAGGING_DEPTH) {
        let tree = repo.find_commit(oid?)?.tree()?;
        if let Ok(entry) = tree.get_path(Path::new(path)) {
            found.insert(entry.id());
        }
    }
    Ok(found)
}

/// Brings the working file at `work_path` and its index entry forward to
/// the tip when they hold an earlier committed version of themselves: what
/// a save killed after its commit leaves (and what a `git status` racing
/// the old index update left). A file or entry that matches no committed
/// version is a hand edit and is left alone. Returns whether it did.
///
/// `staged` is the index's blob for `path`, as the caller read it.
///
/// `held` is git's `index.lock` when the caller holds it already (taken
/// from it if used).
///
/// Call under the [`DatasetLock`].
pub(crate) fn settle_lagging(
    repo: &Repository,
    tip: &Tip<'_>,
    path: &str,
    work_path: &Path,
    staged: Option<Oid>,
    held: &mut Option<IndexLock>,
) -> Result<bool, EditError> {
    let Some((tip_blob, mode, tip_bytes)) = commit::blob_at(repo, &tip.tree, path)? else {
        return Ok(false);
    };
    let work = read_if_there(work_path)?;
    let work_id = match &work {
        Some(bytes) => Some(Oid::hash_object(git2::ObjectType::Blob, bytes)?),
        None => None,
    };
    if work_id == Some(tip_blob) && staged == Some(tip_blob) {
        return Ok(false);
    }
    let earlier = earlier_versions(repo, tip, path)?;
    let work_lags = work_id.is_some_and(|id| id != tip_blob && earlier.contains(&id));
    let index_lags = staged.is_some_and(|id| id != tip_blob && earlier.contains(&id));
    let work_ok = work_id == Some(tip_blob) || work_lags;
    let index_ok = staged == Some(tip_blob) || index_lags;
    if !(work_ok && index_ok && (work_lags || index_lags)) {
        return Ok(false);
    }
    bring_forward(
        repo,
        held,
        path,
        work_path,
        work.as_deref(),
        work_lags,
        tip_blob,
        mode,
        &tip_bytes,
    )?;
    Ok(true)
}

/// Writes the tip's text over `work` (when `rewrite`) and stages it, under
/// git's `index.lock`.
#[allow(clippy::too_many_arguments)]
fn bring_forward(
    repo: &Repository,
    held: &mut Option<IndexLock>,
    path: &str,
    work_path: &Path,
    work: Option<&[u8]>,
    rewrite: bool,
    tip_blob: Oid,
    mode: git2::FileMode,
    tip_bytes: &[u8],
) -> Result<(), EditError> {
    let index_lock = index_lock(repo, held)?;
    let fresh = if rewrite {
        worktree::replace_file(repo.path(), work_path, work, tip_bytes)? == Replaced::Done
    } else {
        true
    };
    worktree::stage(
        repo.path(),
        &index_lock,
        path,
        tip_blob,
        mode,
        fresh.then_some(work_path),
    )?;
    index_lock.release()
}

fn release(held: Option<IndexLock>) -> Result<(), EditError> {
    held.map_or(Ok(()), IndexLock::release)
}

/// The `index.lock` the caller holds, or git's taken now.
fn index_lock(repo: &Repository, held: &mut Option<IndexLock>) -> Result<IndexLock, EditError> {
    match held.take() {
        Some(lock) => Ok(lock),
        None => IndexLock::acquire(repo.path()),
    }
}

fn read_if_there(path: &Path) -> Result<Option<Vec<u8>>, EditError> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(EditError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Finishes or forgets the save a killed process left (its intent record
/// and our mark on git's `index.lock`). A save whose commit is in the
/// branch's history, however much was committed since, gets its working
/// file and index entry brought forward; one whose commit never landed is
/// forgotten (nothing else had been touched). Returns the file brought up
/// to date, if any.
///
/// Call under the [`DatasetLock`].
pub(crate) fn finish_pending(
    repo: &Repository,
    location: &DatasetLocation,
) -> Result<Option<PathBuf>, EditError> {
    let git_dir = repo.path();
    // Kept until the save is finished or undone: a git reading HEAD and the
    // index in between would commit a half-done save.
    let mut held = adopt_our_index_lock(git_dir);
    crate::store::atomic::clean_git_folder(repo)?;
    let Some(intent) = Intent::read(git_dir)? else {
        // A record cut short, or none: nothing had moved.
        Intent::clear(git_dir)?;
        return release(held).map(|()| None);
    };
    // Killed inside the branch update: libgit2 had made the branch's lock
    // and written our commit into it, or not yet anything. (A git command
    // writes its lock the instant it makes it, so an empty one beside our
    // record is ours.)
    let ref_lock = repo.commondir().join(format!("{}.lock", intent.branch_ref));
    if std::fs::read_to_string(&ref_lock).is_ok_and(|text| {
        let text = text.trim();
        text.is_empty() || text == intent.commit
    }) {
        std::fs::remove_file(&ref_lock).map_err(|source| EditError::Io {
            path: ref_lock.clone(),
            source,
        })?;
    }
    let tip = match commit::read_tip(repo) {
        Ok(tip) => tip,
        // Mid-merge or detached: leave the record for a later run.
        Err(EditError::DetachedHead | EditError::RepositoryBusy { .. }) => return Ok(None),
        Err(error) => return Err(error),
    };
    let landed = match (tip.id(), Oid::from_str(&intent.commit)) {
        (Some(tip_id), Ok(commit)) => {
            tip_id == commit || repo.graph_descendant_of(tip_id, commit).unwrap_or(false)
        }
        _ => false,
    };
    let work_path = location.repo_root.join(&intent.path);
    let mut repaired = false;
    if !landed {
        take_back_staged(repo, &tip, &intent, &mut held)?;
    }
    if landed {
        repaired = settle_lagging(
            repo,
            &tip,
            &intent.path,
            &work_path,
            commit::staged_blob(repo, &intent.path)?,
            &mut held,
        )?;
        // Killed in the instant between moving the old file aside and
        // linking the new one: the path is ours to fill.
        if !repaired
            && read_if_there(&work_path)?.is_none()
            && let Some((blob, mode, bytes)) = commit::blob_at(repo, &tip.tree, &intent.path)?
        {
            bring_forward(
                repo,
                &mut held,
                &intent.path,
                &work_path,
                None,
                true,
                blob,
                mode,
                &bytes,
            )?;
            repaired = true;
        }
    }
    fault::point("before-clear");
    Intent::clear(git_dir)?;
    release(held)?;
    Ok(repaired.then_some(work_path))
}

/// Puts the index entry of a save killed before its commit landed back to
/// the tip's, when it still holds the blob that save staged ahead of the
/// branch (anything else there is someone's, and stays).
fn take_back_staged(
    repo: &Repository,
    tip: &Tip<'_>,
    intent: &Intent,
    held: &mut Option<IndexLock>,
) -> Result<(), EditError> {
    let Some(ours) = Oid::from_str(&intent.commit)
        .ok()
        .and_then(|id| repo.find_commit(id).ok())
    else {
        return Ok(());
    };
    let ours = commit::blob_at(repo, &ours.tree()?, &intent.path)?.map(|(blob, _, _)| blob);
    let staged = commit::staged_blob(repo, &intent.path)?;
    let theirs = commit::blob_at(repo, &tip.tree, &intent.path)?;
    if ours.is_none() || staged != ours || theirs.as_ref().map(|(blob, _, _)| *blob) == ours {
        return Ok(());
    }
    let index_lock = index_lock(repo, held)?;
    match theirs {
        Some((blob, mode, _)) => {
            worktree::stage(repo.path(), &index_lock, &intent.path, blob, mode, None)?
        }
        None => worktree::unstage(repo.path(), &index_lock, &intent.path)?,
    }
    index_lock.release()
}

/// At start (the TUI, `validate`): finishes or forgets a save that a killed
/// process left half done (see [`finish_pending`]), and brings forward the
/// file of the tip's own save if it lags. Returns the file brought up to
/// date, if any.
pub fn finish_interrupted_save(location: &DatasetLocation) -> Result<Option<PathBuf>, EditError> {
    let repo = commit::open(location)?;
    let prefix = commit::dataset_prefix(location)?;
    let _lock = DatasetLock::acquire(repo.commondir(), LOCK_WAIT)?;
    if let Some(path) = finish_pending(&repo, location)? {
        return Ok(Some(path));
    }
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
    let staged = commit::staged_blob(&repo, &file.path)?;
    Ok(
        settle_lagging(&repo, &tip, &file.path, &work_path, staged, &mut None)?
            .then_some(work_path),
    )
}
