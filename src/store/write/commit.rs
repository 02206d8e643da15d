//! The core of every save: read the branch tip, let the caller plan the new
//! actor file from it, commit the tip's tree with that one blob replaced
//! (compare-and-swap on the branch), then update the working tree and index
//! under git's own `index.lock`, with an intent record that lets the next
//! run finish a save killed half-way.
//!
//! Only the path of the changed file is rewritten in the object database, so
//! a save costs the same with 40 actors or 12,000.

use std::path::Path;

use git2::{ErrorCode, FileMode, ObjectType, Oid, Repository, RepositoryState, Tree};

use crate::model::{Actor, Recommendation};
use crate::store::edit::{EditError, Saved};
use crate::store::identity::Identity;
use crate::store::intent::Intent;
use crate::store::landing::{finish, make_commit, move_branch, short};
use crate::store::load::{EntryKind, actor_entry_refusal};
use crate::store::lock::{DatasetLock, IndexLock, LOCK_WAIT, wait_for_git_locks};
use crate::store::splice::actor_text;
use crate::store::worktree::HeldIndex;
use crate::store::{DatasetLocation, parse_actor, parse_file};
use crate::store::{fault, gc, recovery};

/// How many times a save re-reads a tip that moved under it before giving up.
const ATTEMPTS: usize = 8;

/// The branch HEAD names and the commit it points at (none when unborn).
pub(crate) struct Tip<'r> {
    /// `refs/heads/<branch>`.
    pub branch_ref: String,
    /// The tip commit; `None` on an unborn branch.
    pub commit: Option<git2::Commit<'r>>,
    /// The tip's tree; the empty tree on an unborn branch.
    pub tree: Tree<'r>,
}

impl Tip<'_> {
    pub fn id(&self) -> Option<Oid> {
        self.commit.as_ref().map(|c| c.id())
    }
}

/// An actor file as the tip holds it.
pub(crate) struct ActorFile {
    /// Path relative to the repository root, `/`-separated.
    pub path: String,
    pub blob: Oid,
    pub mode: FileMode,
    pub bytes: Vec<u8>,
    pub actor: Actor,
}

/// What the tip looks like to a planner.
pub(crate) struct TipView {
    /// The actor, when the tip has its file.
    pub actor: Option<Actor>,
    /// Where the tip has the actor's file, relative to the repository.
    pub actor_path: Option<String>,
    /// The recommendations, when the tip has `recommendations.ron`.
    pub recommendations: Option<Vec<Recommendation>>,
    /// Whether the tip is not the commit the caller loaded from.
    pub moved: bool,
}

/// The new content of the actor file and the commit message.
pub(crate) struct Plan {
    pub actor: Actor,
    pub message: String,
}

pub(crate) fn open(location: &DatasetLocation) -> Result<Repository, EditError> {
    Repository::open(&location.repo_root).map_err(|error| match error.code() {
        ErrorCode::Owner => EditError::NotOwned {
            path: location.repo_root.clone(),
        },
        _ => error.into(),
    })
}

/// The dataset folder relative to the repository root, `/`-separated, with
/// a trailing `/` unless empty.
pub(crate) fn dataset_prefix(location: &DatasetLocation) -> Result<String, EditError> {
    let relative = match location.dataset_dir.strip_prefix(&location.repo_root) {
        Ok(relative) => relative.to_path_buf(),
        Err(_) => {
            let root = location
                .repo_root
                .canonicalize()
                .map_err(|source| EditError::Io {
                    path: location.repo_root.clone(),
                    source,
                })?;
            let dir = location
                .dataset_dir
                .canonicalize()
                .map_err(|source| EditError::Io {
                    path: location.dataset_dir.clone(),
                    source,
                })?;
            dir.strip_prefix(&root)
                .map(Path::to_path_buf)
                .map_err(|_| EditError::Io {
                    path: location.dataset_dir.clone(),
                    source: std::io::Error::other("the dataset folder is outside the repository"),
                })?
        }
    };
    let mut prefix = String::new();
    for part in relative.components() {
        prefix.push_str(&part.as_os_str().to_string_lossy());
        prefix.push('/');
    }
    Ok(prefix)
}

fn busy_state(state: RepositoryState) -> Option<&'static str> {
    match state {
        RepositoryState::Clean => None,
        RepositoryState::Merge => Some("a merge"),
        RepositoryState::Revert | RepositoryState::RevertSequence => Some("a revert"),
        RepositoryState::CherryPick | RepositoryState::CherryPickSequence => Some("a cherry-pick"),
        RepositoryState::Bisect => Some("a bisect"),
        RepositoryState::Rebase
        | RepositoryState::RebaseInteractive
        | RepositoryState::RebaseMerge => Some("a rebase"),
        RepositoryState::ApplyMailbox | RepositoryState::ApplyMailboxOrRebase => Some("`git am`"),
    }
}

/// Reads the branch tip, refusing a detached HEAD or an operation in progress.
pub(crate) fn read_tip(repo: &Repository) -> Result<Tip<'_>, EditError> {
    if let Some(state) = busy_state(repo.state()) {
        return Err(EditError::RepositoryBusy {
            state: state.into(),
        });
    }
    let head = repo.find_reference("HEAD")?;
    let Some(branch_ref) = head.symbolic_target()?.map(str::to_owned) else {
        return Err(EditError::DetachedHead);
    };
    let commit = match repo.find_reference(&branch_ref) {
        Ok(reference) => Some(reference.peel_to_commit()?),
        Err(error) if error.code() == ErrorCode::NotFound => None,
        Err(error) => return Err(error.into()),
    };
    let tree = match &commit {
        Some(commit) => commit.tree()?,
        None => repo.find_tree(repo.treebuilder(None)?.write()?)?,
    };
    Ok(Tip {
        branch_ref,
        commit,
        tree,
    })
}

/// Where the tip holds actor `id`: its letter folder, or (for files moved by
/// hand) anywhere under `actors/`. The search is only done on a miss.
pub(crate) fn find_actor_path(
    repo: &Repository,
    tree: &Tree<'_>,
    prefix: &str,
    id: &str,
) -> Result<Option<String>, EditError> {
    let canonical = format!("{prefix}{}", Actor::path_for(id));
    if tree.get_path(Path::new(&canonical)).is_ok() {
        return Ok(Some(canonical));
    }
    let actors = format!("{prefix}actors");
    let subtree = match tree.get_path(Path::new(&actors)) {
        Ok(entry) if entry.kind() == Some(ObjectType::Tree) => repo.find_tree(entry.id())?,
        _ => return Ok(None),
    };
    let file_name = format!("{id}.ron");
    let mut found = None;
    let walked = subtree.walk(git2::TreeWalkMode::PreOrder, |folder, entry| {
        if entry.kind() == Some(ObjectType::Blob) && entry.name().ok() == Some(file_name.as_str()) {
            found = Some(format!("{actors}/{folder}{file_name}"));
            git2::TreeWalkResult::Abort
        } else {
            git2::TreeWalkResult::Ok
        }
    });
    match (found, walked) {
        (Some(path), _) => Ok(Some(path)),
        (None, Err(error)) => Err(error.into()),
        (None, Ok(())) => Ok(None),
    }
}

/// Reads and parses actor `id` from `tree`.
pub(crate) fn read_actor(
    repo: &Repository,
    tree: &Tree<'_>,
    prefix: &str,
    id: &str,
) -> Result<Option<ActorFile>, EditError> {
    let Some(path) = find_actor_path(repo, tree, prefix, id)? else {
        return Ok(None);
    };
    let Some((blob, mode, bytes)) = blob_at(repo, tree, &path)? else {
        return Ok(None);
    };
    let shown = path.strip_prefix(prefix).unwrap_or(&path);
    // The loader's rule for what counts as an actor file holds here too.
    if mode == FileMode::Link {
        let why = actor_entry_refusal(shown, EntryKind::Link).unwrap_or_default();
        let problem = crate::store::parse::problem(shown, 1, 1, why);
        return Err(EditError::InvalidData(crate::store::Problems(vec![
            problem,
        ])));
    }
    let actor = parse_actor(shown, &bytes).map_err(EditError::InvalidData)?;
    Ok(Some(ActorFile {
        path,
        blob,
        mode,
        bytes,
        actor,
    }))
}

/// Reads `recommendations.ron` from `tree`, when it is there.
pub(crate) fn read_recommendations(
    repo: &Repository,
    tree: &Tree<'_>,
    prefix: &str,
) -> Result<Option<Vec<Recommendation>>, EditError> {
    let path = format!("{prefix}recommendations.ron");
    match blob_at(repo, tree, &path)? {
        Some((_, _, bytes)) => parse_file("recommendations.ron", &bytes)
            .map(Some)
            .map_err(EditError::InvalidData),
        None => Ok(None),
    }
}

pub(crate) fn blob_at(
    repo: &Repository,
    tree: &Tree<'_>,
    path: &str,
) -> Result<Option<(Oid, FileMode, Vec<u8>)>, EditError> {
    let entry = match tree.get_path(Path::new(path)) {
        Ok(entry) => entry,
        Err(error) if error.code() == ErrorCode::NotFound => return Ok(None),
        Err(error) => return Err(error.into()),
    };
    if entry.kind() != Some(ObjectType::Blob) {
        return Ok(None);
    }
    let mode = match entry.filemode() {
        0o100755 => FileMode::BlobExecutable,
        0o120000 => FileMode::Link,
        _ => FileMode::Blob,
    };
    let blob = repo.find_blob(entry.id())?;
    Ok(Some((entry.id(), mode, blob.content().to_vec())))
}

/// Control characters from the data must never reach the terminal.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if crate::model::is_unprintable(c) && c != '\n' && c != '\t' {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

fn patch(path: &str, old: &[u8], new: &[u8]) -> Result<String, EditError> {
    let mut patch =
        git2::Patch::from_buffers(old, Some(Path::new(path)), new, Some(Path::new(path)), None)?;
    let text = patch.to_buf()?;
    Ok(printable(&String::from_utf8_lossy(&text)))
}

/// Refuses to touch a working-tree file (or its index entry) that differs
/// from the tip: those are someone's hand edits, shown, never overwritten.
/// (One that merely lags behind was brought forward before this.)
fn check_clean(
    repo: &Repository,
    work_path: &Path,
    path: &str,
    tip: Option<(Oid, &[u8])>,
    staged: Option<Oid>,
) -> Result<(), EditError> {
    let dirty = |old: &[u8], new: &[u8]| -> Result<EditError, EditError> {
        Ok(EditError::UncommittedChanges {
            path: work_path.to_path_buf(),
            diff: patch(path, old, new)?,
        })
    };
    let tip_bytes = tip.map_or(&[][..], |(_, bytes)| bytes);
    match (std::fs::read(work_path), tip) {
        (Ok(work), _) if work != tip_bytes || tip.is_none() => {
            return Err(dirty(tip_bytes, &work)?);
        }
        (Ok(_), _) => {}
        (Err(error), Some(_)) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(dirty(tip_bytes, &[])?);
        }
        (Err(error), _) if error.kind() == std::io::ErrorKind::NotFound => {}
        (Err(source), _) => {
            return Err(EditError::Io {
                path: work_path.to_path_buf(),
                source,
            });
        }
    }
    if staged != tip.map(|(oid, _)| oid) {
        let staged_bytes = match staged {
            Some(oid) => repo.find_blob(oid)?.content().to_vec(),
            None => Vec::new(),
        };
        return Err(dirty(tip_bytes, &staged_bytes)?);
    }
    Ok(())
}

/// The blob the index holds for `path` (stage 0), read fresh from disk.
pub(crate) fn staged_blob(repo: &Repository, path: &str) -> Result<Option<Oid>, EditError> {
    crate::store::worktree::staged_blob(repo.path(), path)
}

/// Runs one save under the lock: `plan` sees the tip and returns the new
/// actor and message; the commit is retried on a fresh tip if the branch
/// moved between our read and our compare-and-swap.
///
/// The steps, each named for the fault-injection tests ([`fault::STEPS`]):
/// finish any save a killed process left; take git's `index.lock` and read
/// the index; make the commit's objects; write the intent record; stage the
/// new blob (ahead of the branch, as git expects of a commit in progress:
/// the index's one write); move the branch; replace the working file; clear
/// the record. Once the branch has moved
/// the save has happened: what fails after that is a warning saying so.
pub(crate) fn apply(
    location: &DatasetLocation,
    author: &Identity,
    actor_id: &str,
    loaded_from: Option<Oid>,
    mut plan: impl FnMut(&TipView) -> Result<Plan, EditError>,
) -> Result<Saved, EditError> {
    let repo = open(location)?;
    let prefix = dataset_prefix(location)?;
    let _lock = DatasetLock::acquire(repo.commondir(), LOCK_WAIT)?;
    recovery::finish_pending(&repo, location)?;
    for _ in 0..ATTEMPTS {
        let tip = read_tip(&repo)?;
        wait_for_git_locks(repo.path(), repo.commondir(), &tip.branch_ref)?;
        let current = read_actor(&repo, &tip.tree, &prefix, actor_id)?;
        let path = match &current {
            Some(file) => file.path.clone(),
            None => format!("{prefix}{}", Actor::path_for(actor_id)),
        };
        let work_path = location.repo_root.join(&path);
        // git's index is read once per attempt, under its lock, held from
        // here until the branch has moved and the index agrees with it: the
        // index is the largest file a save reads (12,000 entries at scale
        // L), and is then only written.
        let mut index_lock = IndexLock::acquire(repo.path())?;
        let mut index = HeldIndex::read(repo.path(), &index_lock)?;
        let mut staged = index.blob(&path);
        if let Some(file) = &current {
            let mut held = Some(index_lock);
            let settled =
                recovery::settle_lagging(&repo, &tip, &file.path, &work_path, staged, &mut held)?;
            // Bringing a file forward gives the lock back: taken again, and
            // the index read again as that left it.
            index_lock = match held {
                Some(lock) => lock,
                None => IndexLock::acquire(repo.path())?,
            };
            if settled {
                index = HeldIndex::read(repo.path(), &index_lock)?;
                staged = index.blob(&path);
            }
        }
        check_clean(
            &repo,
            &work_path,
            &path,
            current.as_ref().map(|f| (f.blob, f.bytes.as_slice())),
            staged,
        )?;
        let view = TipView {
            actor: current.as_ref().map(|f| f.actor.clone()),
            actor_path: current.as_ref().map(|f| f.path.clone()),
            recommendations: read_recommendations(&repo, &tip.tree, &prefix)?,
            moved: tip.id() != loaded_from,
        };
        let Plan { actor, message } = plan(&view)?;
        // Only the edited commitments' lines change in a hand-formatted file.
        let spliced = actor_text(current.as_ref().map(|f| f.bytes.as_slice()), &actor);
        let text = spliced.text;
        // What we write must load again; a writer bug must not reach history.
        let shown = path.strip_prefix(&prefix).unwrap_or(&path);
        parse_actor(shown, text.as_bytes()).map_err(EditError::InvalidData)?;
        if current.as_ref().is_some_and(|f| f.bytes == text.as_bytes()) {
            return Err(EditError::NoChange);
        }
        let mode = current.as_ref().map_or(FileMode::Blob, |f| f.mode);
        let (commit, blob) =
            make_commit(&repo, &tip, &path, text.as_bytes(), mode, author, &message)?;
        fault::point("before-intent");
        let intent = Intent {
            path: path.clone(),
            branch_ref: tip.branch_ref.clone(),
            commit: commit.to_string(),
            parent: tip.id().map(|id| id.to_string()),
        };
        intent.write(repo.path())?;
        fault::point("after-intent");
        // `git commit` reads HEAD, then the index, and only then takes
        // index.lock, committing the index it read: the index must hold our
        // blob before the branch names our commit, or a commit whose reads
        // fall between the two reverts this save. One that reads the old
        // HEAD beside the new index is refused by its own compare-and-swap,
        // since the branch moves before our lock goes.
        let staged = if fault::fails("index") {
            Err(EditError::Io {
                path: repo.path().join("index"),
                source: std::io::Error::other(
                    "no space left on device (injected by the test hook)",
                ),
            })
        } else {
            index.stage(&path, blob, mode, None)
        };
        if let Err(error) = staged {
            Intent::clear(repo.path())?;
            index_lock.release()?;
            return Err(error);
        }
        fault::point("index-ahead");
        // As libgit2 leaves the branch's lock when killed inside the update:
        // with our commit written into it, or still empty.
        for (step, text) in [
            ("holding-ref-lock", format!("{commit}\n")),
            ("holding-empty-ref-lock", String::new()),
        ] {
            if fault::named(step) {
                let lock = repo.commondir().join(format!("{}.lock", tip.branch_ref));
                let _ = std::fs::write(lock, text);
                fault::point(step);
            }
        }
        let moved = move_branch(&repo, &tip, commit, &message);
        if !matches!(moved, Ok(true)) {
            // Not committed: the index entry goes back before git may look.
            match &current {
                Some(file) => index.stage(&path, file.blob, file.mode, None)?,
                None => index.unstage(&path)?,
            }
            Intent::clear(repo.path())?;
            index_lock.release()?;
            // An error is the save's answer; `false`, a tip that moved: again.
            moved?;
            continue;
        }
        fault::point("after-ref");
        let old = current.as_ref().map(|f| f.bytes.as_slice());
        // The index was staged ahead of the branch and is not written again.
        drop(index);
        let warning = finish(&repo, index_lock, &work_path, old, text.as_bytes())
            .err()
            .map(|unfinished| format!("committed {}, but {unfinished}", short(commit)))
            .or(spliced
                .rewritten
                .map(|why| format!("{shown} was rewritten in canonical form: {why}")));
        gc::start_if_due(&repo);
        return Ok(Saved {
            commit,
            rebased: view.moved,
            warning,
        });
    }
    Err(EditError::Git(git2::Error::from_str(
        "the branch kept moving while saving; try again",
    )))
}
