//! The edit being typed, kept on disk so that a dropped SSH link or a crash
//! loses nothing: the TUI keeps a draft while a form is open and offers it
//! at the next start.
//!
//! Drafts live in the user's own state folder (`$XDG_STATE_HOME/reconvene`),
//! so a dataset the user may only read still keeps them, one folder per
//! repository. Each is keyed by identity *and* session: a session holds an
//! advisory lock on its claim file for as long as it lives (the kernel
//! drops it when the process dies), so two sessions under one identity
//! never overwrite each other's draft, and a draft is only offered to (and
//! taken over by) another session once its owner is gone.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::store::DatasetLocation;
use crate::store::atomic::write_atomic;
use crate::store::edit::{Edit, EditError};
use crate::store::identity::Identity;
use crate::store::{Problem, Problems};

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> EditError + '_ {
    move |source| EditError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The folder holding the drafts for the repository at `location`, in the
/// user's state folder.
pub fn drafts_folder(location: &DatasetLocation) -> Result<PathBuf, EditError> {
    let dirs =
        directories::ProjectDirs::from("", "", "reconvene").ok_or_else(|| EditError::Io {
            path: PathBuf::from("~"),
            source: std::io::Error::other("no home folder to keep drafts in"),
        })?;
    let state = dirs
        .state_dir()
        .map_or_else(|| dirs.data_local_dir().join("state"), Path::to_path_buf);
    let root = location
        .repo_root
        .canonicalize()
        .unwrap_or_else(|_| location.repo_root.clone());
    let name: String = root
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    let hash = git2::Oid::hash_object(git2::ObjectType::Blob, root.to_string_lossy().as_bytes())?;
    let hash: String = hash.to_string().chars().take(12).collect();
    Ok(state.join("drafts").join(format!("{name}-{hash}")))
}

/// One session's claim on its drafts in one folder: an advisory lock held
/// for as long as the value (and so the session) lives.
#[derive(Debug)]
pub struct DraftSession {
    folder: PathBuf,
    id: String,
    _claim: File,
}

fn author_key(author: &Identity) -> String {
    author
        .email
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '@') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn claim_path(folder: &Path, session: &str) -> PathBuf {
    folder.join(format!("session-{session}.lock"))
}

/// Whether the session `id` still holds its claim in `folder`.
fn is_live(folder: &Path, id: &str) -> bool {
    let Ok(claim) = File::open(claim_path(folder, id)) else {
        return false;
    };
    match claim.try_lock_shared() {
        Ok(()) => {
            let _ = claim.unlock();
            false
        }
        Err(TryLockError::WouldBlock) => true,
        // Cannot tell: count it as live, so nothing of it is touched.
        Err(TryLockError::Error(_)) => true,
    }
}

/// Removes the claims of ended sessions that left no draft (a process
/// ends without dropping its session, so its claim stays behind).
fn sweep_ended_claims(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let names: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    for name in &names {
        let Some(id) = name
            .strip_prefix("session-")
            .and_then(|rest| rest.strip_suffix(".lock"))
        else {
            continue;
        };
        let suffix = format!(".{id}.ron");
        if !names.iter().any(|n| n.ends_with(&suffix)) && !is_live(folder, id) {
            let _ = std::fs::remove_file(folder.join(name));
        }
    }
}

impl DraftSession {
    /// Starts a session keeping drafts in `folder` (made if missing).
    pub fn start(folder: &Path) -> Result<DraftSession, EditError> {
        std::fs::create_dir_all(folder).map_err(io(folder))?;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let id = format!("{}-{nanos}", std::process::id());
        let path = claim_path(folder, &id);
        let claim = File::create(&path).map_err(io(&path))?;
        claim.lock().map_err(io(&path))?;
        sweep_ended_claims(folder);
        Ok(DraftSession {
            folder: folder.to_path_buf(),
            id,
            _claim: claim,
        })
    }

    /// Where this session keeps `author`'s draft.
    pub fn draft_path(&self, author: &Identity) -> PathBuf {
        self.folder
            .join(format!("{}.{}.ron", author_key(author), self.id))
    }

    /// Keeps (replaces) this session's draft for `author`.
    pub fn save(&self, author: &Identity, draft: &Edit) -> Result<(), EditError> {
        write_draft(&self.draft_path(author), draft)
    }

    /// This session's draft for `author`, or else one a session that has
    /// ended left, which this session then takes over (the file stays until
    /// [`DraftSession::discard`], so a crash while it is offered loses
    /// nothing). A live session's draft is never touched.
    pub fn load(&self, author: &Identity) -> Result<Option<Edit>, EditError> {
        let own = self.draft_path(author);
        if !own.exists() {
            self.adopt_orphan(author, &own)?;
        }
        read_draft(&own)
    }

    fn adopt_orphan(&self, author: &Identity, own: &Path) -> Result<(), EditError> {
        let prefix = format!("{}.", author_key(author));
        let Ok(entries) = std::fs::read_dir(&self.folder) else {
            return Ok(());
        };
        let mut orphans: Vec<(std::time::SystemTime, PathBuf, String)> = entries
            .flatten()
            .filter_map(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                let session = name
                    .strip_prefix(&prefix)?
                    .strip_suffix(".ron")?
                    .to_string();
                let modified = entry.metadata().and_then(|m| m.modified()).ok()?;
                Some((modified, entry.path(), session))
            })
            .filter(|(_, _, session)| *session != self.id && !is_live(&self.folder, session))
            .collect();
        // The most recent first: that is the edit the user remembers.
        orphans.sort();
        while let Some((_, path, session)) = orphans.pop() {
            match std::fs::rename(&path, own) {
                Ok(()) => {
                    let _ = std::fs::remove_file(claim_path(&self.folder, &session));
                    return Ok(());
                }
                // Another new session took it first.
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => return Err(EditError::Io { path, source }),
            }
        }
        Ok(())
    }

    /// Removes this session's draft for `author` (saved, or declined).
    pub fn discard(&self, author: &Identity) -> Result<(), EditError> {
        let path = self.draft_path(author);
        match std::fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(EditError::Io { path, source }),
        }
    }

    /// [`DraftSession::load`], then [`DraftSession::discard`].
    pub fn take(&self, author: &Identity) -> Result<Option<Edit>, EditError> {
        let draft = self.load(author)?;
        self.discard(author)?;
        Ok(draft)
    }
}

impl Drop for DraftSession {
    fn drop(&mut self) {
        // With no draft left the claim has nothing to guard.
        let prefix = format!(".{}.ron", self.id);
        let any_left = std::fs::read_dir(&self.folder).is_ok_and(|entries| {
            entries
                .flatten()
                .any(|e| e.file_name().to_string_lossy().ends_with(&prefix))
        });
        if !any_left {
            let _ = std::fs::remove_file(claim_path(&self.folder, &self.id));
        }
    }
}

/// This process's sessions, one per drafts folder, for the functions below
/// (the TUI is one session for as long as it runs).
static SESSIONS: Mutex<Vec<DraftSession>> = Mutex::new(Vec::new());

fn with_session<T>(
    location: &DatasetLocation,
    act: impl FnOnce(&DraftSession) -> Result<T, EditError>,
) -> Result<T, EditError> {
    let folder = drafts_folder(location)?;
    let mut sessions = SESSIONS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if !sessions.iter().any(|s| s.folder == folder) {
        sessions.push(DraftSession::start(&folder)?);
    }
    match sessions.iter().find(|s| s.folder == folder) {
        Some(session) => act(session),
        None => Err(EditError::Io {
            path: folder,
            source: std::io::Error::other("no draft session"),
        }),
    }
}

/// Where this process keeps `author`'s draft for this repository.
pub fn draft_path(location: &DatasetLocation, author: &Identity) -> Result<PathBuf, EditError> {
    with_session(location, |session| Ok(session.draft_path(author)))
}

/// Keeps (replaces) `author`'s draft atomically.
pub fn save_draft(
    location: &DatasetLocation,
    author: &Identity,
    draft: &Edit,
) -> Result<(), EditError> {
    with_session(location, |session| session.save(author, draft))
}

/// `author`'s draft: this process's, or one an ended session left (see
/// [`DraftSession::load`]).
pub fn load_draft(
    location: &DatasetLocation,
    author: &Identity,
) -> Result<Option<Edit>, EditError> {
    with_session(location, |session| session.load(author))
}

/// Removes this process's draft of `author` (after it was saved, or declined).
pub fn discard_draft(location: &DatasetLocation, author: &Identity) -> Result<(), EditError> {
    with_session(location, |session| session.discard(author))
}

/// `author`'s draft, removed from disk.
pub fn take_draft(
    location: &DatasetLocation,
    author: &Identity,
) -> Result<Option<Edit>, EditError> {
    with_session(location, |session| session.take(author))
}

/// Saves (replaces) the draft at `path` (from [`draft_path`]) atomically.
/// The TUI keeps the path for a session, so a keystroke costs the write
/// alone.
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

fn read_draft(path: &Path) -> Result<Option<Edit>, EditError> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(EditError::Io {
                path: path.to_path_buf(),
                source,
            });
        }
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
