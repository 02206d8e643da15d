//! The advisory lock around a save, and the check for git's own lock files.
//!
//! flock is released by the kernel when the process dies (`kill -9`, a
//! dropped SSH link), so a crashed editor never leaves the dataset locked.
//! It is per open file description: two handles in one process exclude each
//! other just as two processes do.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::edit::EditError;

/// How long a save waits for another save to finish before giving up.
pub const LOCK_WAIT: Duration = Duration::from_secs(5);

/// How long git's own lock files may stand before we call them stale: a
/// running git command holds them for milliseconds.
const GIT_LOCK_WAIT: Duration = Duration::from_secs(2);

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
            .map_err(|source| EditError::Io {
                path: path.clone(),
                source,
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
            Some(path) if Instant::now() >= deadline => {
                return Err(EditError::StaleGitLock { path: path.clone() });
            }
            Some(_) => std::thread::sleep(POLL),
        }
    }
}
