//! Following the branch tip while the dashboard is open: the files whose
//! change means the tip may have moved, a load that never sees a save half
//! done, and who committed what since the last load.
//!
//! The tip is watched by `stat`, not by file events: git and editors save by
//! rename, and a packed ref moves without its loose file ever existing.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use git2::{Oid, Repository, Sort};

use crate::model::{Arrival, CommitId, Dataset, Problems};
use crate::store::lock::{DatasetLock, LOCK_WAIT};
use crate::store::{DatasetLocation, load_dataset};

/// How many arrived commits are read at most: the status line names a few,
/// and a fetch of thousands must not stall the refresh.
pub const MAX_ARRIVALS: usize = 50;

/// The files that change when the branch tip moves: `HEAD` (a switch of
/// branch), the branch's loose ref, and `packed-refs`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TipFiles {
    files: Vec<PathBuf>,
}

/// What `stat` says of each tip file (size, modification time, inode), so
/// two looks a second apart tell whether anything was rewritten.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TipStamp(Vec<Option<(u64, Option<SystemTime>, u64)>>);

impl TipFiles {
    /// The tip files of the repository at `location` (a linked worktree's
    /// `HEAD` is its own; refs live in the common git folder).
    pub fn of(location: &DatasetLocation) -> Result<TipFiles, git2::Error> {
        let repo = Repository::open(&location.repo_root)?;
        let common = repo.commondir().to_path_buf();
        let mut files = vec![repo.path().join("HEAD"), common.join("packed-refs")];
        if let Ok(head) = repo.find_reference("HEAD")
            && let Ok(Some(branch)) = head.symbolic_target()
        {
            files.push(common.join(branch));
        }
        Ok(TipFiles { files })
    }

    /// The files watched.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// One `stat` of each file; a missing file is a stamp too (a ref that
    /// was packed away, or a branch not yet born).
    pub fn stamp(&self) -> TipStamp {
        TipStamp(self.files.iter().map(|path| stat(path)).collect())
    }
}

fn stat(path: &Path) -> Option<(u64, Option<SystemTime>, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    Some((meta.len(), meta.modified().ok(), inode))
}

/// The commit the branch points at now (`None`: an unborn branch, or no
/// repository to read).
pub fn tip(location: &DatasetLocation) -> Option<CommitId> {
    let repo = Repository::open(&location.repo_root).ok()?;
    let oid = repo.head().ok()?.target()?;
    CommitId::new(&oid.to_string())
}

/// Loads the dataset together with the tip it belongs to. A save holds the
/// dataset lock from moving the branch until its file is written, so taking
/// the lock here means never reading a tip whose file is not there yet. A
/// lock that cannot be had (a read-only repository, a save stuck longer than
/// saves wait) does not stop the load: the files are read as they are.
pub fn load_at_tip(location: &DatasetLocation) -> (Option<CommitId>, Result<Dataset, Problems>) {
    let _lock = Repository::open(&location.repo_root)
        .ok()
        .and_then(|repo| DatasetLock::acquire(repo.commondir(), LOCK_WAIT).ok());
    (tip(location), load_dataset(&location.dataset_dir))
}

/// The commits on the branch from `since` (excluded) up to `to`, oldest
/// first, at most [`MAX_ARRIVALS`] of the newest: who made each and which
/// commitment its `Actor:` and `Recommendation:` trailers name.
pub fn arrivals(
    location: &DatasetLocation,
    since: Option<&CommitId>,
    to: &CommitId,
) -> Result<Vec<Arrival>, git2::Error> {
    let repo = Repository::open(&location.repo_root)?;
    let mut walk = repo.revwalk()?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME)?;
    walk.push(Oid::from_str(to.as_str())?)?;
    if let Some(since) = since.and_then(|id| Oid::from_str(id.as_str()).ok()) {
        // A rewritten branch (the old tip gone) shows its newest commits.
        let _ = walk.hide(since);
    }
    let mut found = Vec::new();
    for oid in walk.take(MAX_ARRIVALS) {
        let commit = repo.find_commit(oid?)?;
        let author = String::from_utf8_lossy(commit.author().name_bytes()).into_owned();
        let message = String::from_utf8_lossy(commit.message_bytes()).into_owned();
        let (mut actor, mut recommendation) = (None, None);
        if let Ok(trailers) = git2::message_trailers_strs(&message) {
            for (key, value) in trailers.iter() {
                match key {
                    "Actor" => actor = Some(value.to_string()),
                    "Recommendation" => recommendation = Some(value.to_string()),
                    _ => {}
                }
            }
        }
        found.push(Arrival {
            author,
            actor,
            recommendation,
        });
    }
    found.reverse();
    Ok(found)
}

/// How often the tip files are looked at: often enough that another
/// coordinator's edit shows within a second or two, rarely enough to cost
/// nothing.
pub const TIP_POLL: Duration = Duration::from_secs(1);
