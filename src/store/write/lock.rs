//! The advisory lock around a save, and the check for git's own lock files.
//!
//! flock is released by the kernel when the process dies (`kill -9`, a
//! dropped SSH link), so a crashed editor never leaves the dataset locked.
//! It is per open file description: two handles in one process exclude each
//! other just as two processes do.

use std::fs::{File, TryLockError};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::store::edit::EditError;

mod holder;

/// How long a save waits for another save to finish before giving up.
pub const LOCK_WAIT: Duration = Duration::from_secs(5);

/// How long a save waits for git's own lock files to go before reporting
/// them: a git command holds them for milliseconds, but on a loaded 2-core
/// server a `git status` beside ten others can take seconds.
pub const GIT_LOCK_WAIT: Duration = Duration::from_secs(5);

const POLL: Duration = Duration::from_millis(20);

/// Held while a save reads the tip, commits and updates the working tree;
/// released on drop (or by the kernel if the process dies).
#[derive(Debug)]
pub struct DatasetLock {
    file: File,
}

impl DatasetLock {
    /// The lock file for the repository whose git folder (the common one,
    /// shared by linked worktrees) is `git_dir`.
    pub fn path(git_dir: &Path) -> PathBuf {
        git_dir.join("reconvene.lock")
    }

    /// Takes the lock, waiting up to `wait` for another holder to finish.
    pub fn acquire(git_dir: &Path, wait: Duration) -> Result<DatasetLock, EditError> {
        let path = DatasetLock::path(git_dir);
        // flock needs no write access: a coordinator who cannot write the
        // lock file another created (a shared repository) still locks it.
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .or_else(|_| File::open(&path))
            .map_err(|source| match source.kind() {
                // No lock file and no right to make one: nobody here can
                // save, but everyone can still read.
                ErrorKind::NotFound
                | ErrorKind::PermissionDenied
                | ErrorKind::ReadOnlyFilesystem => EditError::ReadOnly {
                    path: git_dir.to_path_buf(),
                },
                _ => EditError::Io {
                    path: path.clone(),
                    source,
                },
            })?;
        let deadline = Instant::now() + wait;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(DatasetLock { file }),
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(POLL)
                }
                Err(TryLockError::WouldBlock) => return Err(EditError::LockTimeout { path }),
                Err(TryLockError::Error(source)) => return Err(EditError::Io { path, source }),
            }
        }
    }
}

impl Drop for DatasetLock {
    fn drop(&mut self) {
        // Closing the file releases the lock anyway; unlocking first only
        // makes the release immediate. Nothing useful to do on failure.
        let _ = self.file.unlock();
    }
}

/// What a save writes into `index.lock` while it holds it, so that one left
/// by a killed save is known for ours (git's own holds index data, which
/// starts with `DIRC`).
const INDEX_LOCK_MARK: &str = "reconvene save in progress";

/// git's own `index.lock`, taken by a save from before its blob is staged
/// until the branch has moved and the working file and the index agree with
/// the new commit. While it is held no `git commit`, `git add` or `git
/// status` refresh can write (git refuses or skips, as it does for another
/// git). git reads HEAD and the index without it, before locking; so the
/// index is staged before the branch moves (see `commit::apply`), and what
/// git read of the old HEAD fails git's own compare-and-swap. Held only
/// under the [`DatasetLock`].
#[derive(Debug)]
pub struct IndexLock {
    path: PathBuf,
    released: bool,
}

impl IndexLock {
    /// Takes `index.lock` in `git_dir` (the worktree's own git folder),
    /// waiting briefly for a git command that holds it.
    pub fn acquire(git_dir: &Path) -> Result<IndexLock, EditError> {
        let path = git_dir.join("index.lock");
        // The lock appears with its mark already in it (a hard link of a
        // finished file), so one left by a kill is always known for ours.
        let mark = format!("{INDEX_LOCK_MARK} (pid {})\n", std::process::id());
        let mut marked = tempfile::Builder::new()
            .prefix(crate::store::atomic::TEMP_PREFIX)
            .tempfile_in(git_dir)
            .map_err(|source| EditError::Io {
                path: git_dir.to_path_buf(),
                source,
            })?;
        marked
            .write_all(mark.as_bytes())
            .map_err(|source| EditError::Io {
                path: marked.path().to_path_buf(),
                source,
            })?;
        let deadline = Instant::now() + GIT_LOCK_WAIT;
        loop {
            match std::fs::hard_link(marked.path(), &path) {
                Ok(()) => {
                    return Ok(IndexLock {
                        path,
                        released: false,
                    });
                }
                Err(error) if error.kind() == ErrorKind::AlreadyExists => {
                    if Instant::now() >= deadline {
                        return Err(git_lock_error(&path));
                    }
                    std::thread::sleep(POLL);
                }
                Err(source) => return Err(EditError::Io { path, source }),
            }
        }
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Gives the lock back to git.
    pub fn release(mut self) -> Result<(), EditError> {
        self.released = true;
        std::fs::remove_file(&self.path).map_err(|source| EditError::Io {
            path: self.path.clone(),
            source,
        })
    }
}

impl Drop for IndexLock {
    fn drop(&mut self) {
        if !self.released {
            // An early return: never leave git locked out. Nothing more to
            // do if it fails; the next save clears a lock marked as ours.
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Takes over an `index.lock` that a killed save of ours left (recognised
/// by its mark), so that the next run finishes or undoes that save before
/// any git can read the half-done state. Call only while holding the
/// [`DatasetLock`]: every save holds that while it holds `index.lock`, so a
/// marked one is nobody's now.
pub fn adopt_our_index_lock(git_dir: &Path) -> Option<IndexLock> {
    let path = git_dir.join("index.lock");
    let text = std::fs::read(&path).ok()?;
    // Made only when ours: an IndexLock dropped unreleased removes the file.
    if !text.starts_with(INDEX_LOCK_MARK.as_bytes()) {
        return None;
    }
    Some(IndexLock {
        path,
        released: false,
    })
}

/// The error for one of git's lock files that stayed: what it is, who holds
/// it when that can be seen, and whether it looks stale.
pub(crate) fn git_lock_error(path: &Path) -> EditError {
    EditError::StaleGitLock {
        path: path.to_path_buf(),
        holder: holder::describe(path),
    }
}

/// Waits briefly for git's lock files on what a save touches (the index,
/// HEAD, the branch) to go; if one stays, it is reported, never deleted: only
/// the user can know that no git command is still running.
pub fn wait_for_git_locks(
    git_dir: &Path,
    common_dir: &Path,
    branch_ref: &str,
) -> Result<(), EditError> {
    let candidates = [
        git_dir.join("index.lock"),
        git_dir.join("HEAD.lock"),
        common_dir.join(format!("{branch_ref}.lock")),
    ];
    let deadline = Instant::now() + GIT_LOCK_WAIT;
    loop {
        match candidates.iter().find(|path| path.exists()) {
            None => return Ok(()),
            Some(path) if Instant::now() >= deadline => return Err(git_lock_error(path)),
            Some(_) => std::thread::sleep(POLL),
        }
    }
}
