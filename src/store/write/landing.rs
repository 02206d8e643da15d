//! The steps of a save after its plan is made: the commit's objects, the
//! branch moved (compare-and-swap), then the working file and the index
//! brought along under git's `index.lock` and the intent record cleared.

use std::path::Path;

use git2::{ErrorCode, FileMode, Oid, Repository, Signature};

use crate::store::commit::Tip;
use crate::store::edit::EditError;
use crate::store::fault;
use crate::store::identity::Identity;
use crate::store::intent::Intent;
use crate::store::lock::{GIT_LOCK_WAIT, IndexLock, git_lock_error};
use crate::store::worktree::{Replaced, replace_file};

pub(crate) fn short(commit: Oid) -> String {
    commit.to_string().chars().take(7).collect()
}

/// After the branch moved: the working file, the record cleared. (Its
/// index entry was staged before the branch moved, with no stat data, so
/// git compares the file's content, finds it the same and notes the stat
/// data itself: writing git's whole index again for them costs a save at
/// scale L more than everything else it does.) `Err` is a sentence saying what was left undone and how it
/// will be finished; the commit stands either way.
pub(crate) fn finish(
    repo: &Repository,
    index_lock: IndexLock,
    work_path: &Path,
    old: Option<&[u8]>,
    new: &[u8],
) -> Result<(), String> {
    let replaced = if fault::fails("work-file") {
        Err(injected(work_path))
    } else {
        replace_file(repo.path(), work_path, old, new)
    };
    let replaced = replaced.map_err(|error| {
        format!(
            "{} could not be updated ({error}); the next save, start or `reconvene validate` \
             brings it up to date",
            work_path.display()
        )
    })?;
    fault::point("after-work-file");
    index_lock
        .release()
        .map_err(|error| format!("git's index.lock could not be removed ({error})"))?;
    fault::point("before-clear");
    Intent::clear(repo.path()).map_err(|error| format!("{error}"))?;
    match replaced {
        Replaced::Done => Ok(()),
        Replaced::HandEditKept { rescued: None } => Err(format!(
            "{} was changed by hand while saving: the hand edit is kept and does not \
             hold this save (see `git diff`)",
            work_path.display()
        )),
        Replaced::HandEditKept {
            rescued: Some(rescued),
        } => Err(format!(
            "{} was changed by hand twice while saving: the newer text is in place, the \
             other kept at {}",
            work_path.display(),
            rescued.display()
        )),
    }
}

/// The error a test asks a step to fail with (see [`fault::fails`]).
fn injected(path: &Path) -> EditError {
    EditError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other("no space left on device (injected by the test hook)"),
    }
}

/// Writes the blob, tree and commit for `tip`'s tree with `path` set to
/// `bytes` (objects only: nobody sees them until the branch moves).
pub(crate) fn make_commit(
    repo: &Repository,
    tip: &Tip<'_>,
    path: &str,
    bytes: &[u8],
    mode: FileMode,
    author: &Identity,
    message: &str,
) -> Result<(Oid, Oid), EditError> {
    let blob = repo.blob(bytes)?;
    let tree_id = git2::build::TreeUpdateBuilder::new()
        .upsert(path, blob, mode)
        .create_updated(repo, &tip.tree)?;
    let tree = repo.find_tree(tree_id)?;
    let signature = Signature::now(&author.name, &author.email)?;
    let parents: Vec<&git2::Commit<'_>> = tip.commit.iter().collect();
    let commit = repo.commit(None, &signature, &signature, message, &tree, &parents)?;
    Ok((commit, blob))
}

/// Moves the branch from `tip` to `commit` (compare-and-swap); `false` if
/// the branch moved since `tip` was read (nothing changed then but a
/// dangling object).
pub(crate) fn move_branch(
    repo: &Repository,
    tip: &Tip<'_>,
    commit: Oid,
    message: &str,
) -> Result<bool, EditError> {
    let summary = message.lines().next().unwrap_or_default();
    let log = format!("reconvene: {summary}");
    let deadline = std::time::Instant::now() + GIT_LOCK_WAIT;
    let updated = loop {
        let updated = match tip.id() {
            Some(old) => repo.reference_matching(&tip.branch_ref, commit, true, old, &log),
            None => repo.reference(&tip.branch_ref, commit, false, &log),
        };
        // A git command moving the branch holds its lock for milliseconds.
        match updated {
            Err(error)
                if error.code() == ErrorCode::Locked && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => break other,
        }
    };
    match updated {
        Ok(_) => Ok(true),
        Err(error)
            if matches!(
                error.code(),
                ErrorCode::Modified | ErrorCode::Exists | ErrorCode::NotFound
            ) =>
        {
            Ok(false)
        }
        Err(error) if error.code() == ErrorCode::Locked => Err(git_lock_error(
            &repo.commondir().join(format!("{}.lock", tip.branch_ref)),
        )),
        Err(error) => Err(error.into()),
    }
}
