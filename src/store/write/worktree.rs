//! Bringing the working file and git's index up to a commit that has
//! already landed, without ever overwriting a hand edit and without leaving
//! a temporary file where git could commit it.
//!
//! The new file is written under `.git/` and linked into place; the old one
//! is first moved aside (an atomic grab of whatever is there now) and
//! compared with what the save expects. A hand edit found there is put
//! back; a file made in the instant between is kept, since `link` never
//! replaces. Callers hold git's `index.lock`, so no git command sees the
//! file missing for that instant.

use std::fs::{self, File};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use git2::{FileMode, IndexEntry, IndexTime, Oid};

use crate::store::atomic::TEMP_PREFIX;
use crate::store::atomic::new_file_permissions;
use crate::store::edit::EditError;
use crate::store::lock::IndexLock;

/// What became of the working file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Replaced {
    /// It now holds the commit's text.
    Done,
    /// Someone changed it by hand while the save ran: their text is kept
    /// (at its place, or at `rescued` when a newer one stood there).
    HandEditKept {
        /// Where a displaced hand edit was kept, when it could not go back.
        rescued: Option<PathBuf>,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> EditError + '_ {
    move |source| EditError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn unique(folder: &Path, what: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    folder.join(format!(
        "{TEMP_PREFIX}{what}-{}-{nanos}",
        std::process::id()
    ))
}

/// Writes `bytes` to a new file in `folder`, durably, with `mode` bits.
fn staged_copy(
    folder: &Path,
    bytes: &[u8],
    like: Option<&fs::Permissions>,
) -> Result<tempfile::TempPath, EditError> {
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(folder)
        .map_err(io(folder))?;
    temp.write_all(bytes).map_err(io(temp.path()))?;
    if let Some(permissions) = like {
        fs::set_permissions(temp.path(), permissions.clone()).map_err(io(temp.path()))?;
    }
    temp.as_file().sync_all().map_err(io(temp.path()))?;
    Ok(temp.into_temp_path())
}

fn sync_folder(folder: &Path) -> Result<(), EditError> {
    File::open(folder)
        .and_then(|dir| dir.sync_all())
        .map_err(io(folder))
}

/// Replaces `work_path` with `bytes` if, and only if, it still holds
/// `expected` (`None`: no file). Temporary files live in `git_dir` (out of
/// git's sight), or beside the file when `.git` is on another filesystem.
pub(crate) fn replace_file(
    git_dir: &Path,
    work_path: &Path,
    expected: Option<&[u8]>,
    bytes: &[u8],
) -> Result<Replaced, EditError> {
    let folder = work_path
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    fs::create_dir_all(&folder).map_err(io(&folder))?;
    let permissions = match fs::metadata(work_path) {
        Ok(metadata) => Some(metadata.permissions()),
        Err(_) => new_file_permissions(&folder),
    };
    let mut scratch = git_dir.to_path_buf();
    let new = staged_copy(&scratch, bytes, permissions.as_ref())?;
    let aside = unique(&scratch, "aside");
    let (new, aside) = match fs::rename(work_path, &aside) {
        Ok(()) => (new, Some(aside)),
        Err(error) if error.kind() == ErrorKind::NotFound => (new, None),
        Err(error) if error.kind() == ErrorKind::CrossesDevices => {
            scratch = folder.clone();
            let new = staged_copy(&scratch, bytes, permissions.as_ref())?;
            let aside = unique(&scratch, "aside");
            match fs::rename(work_path, &aside) {
                Ok(()) => (new, Some(aside)),
                Err(error) if error.kind() == ErrorKind::NotFound => (new, None),
                Err(source) => {
                    return Err(EditError::Io {
                        path: work_path.to_path_buf(),
                        source,
                    });
                }
            }
        }
        Err(source) => {
            return Err(EditError::Io {
                path: work_path.to_path_buf(),
                source,
            });
        }
    };
    let displaced = match &aside {
        Some(aside) => Some(fs::read(aside).map_err(io(aside))?),
        None => None,
    };
    if displaced.as_deref() != expected {
        // A hand edit (or a hand deletion): it goes back, ours does not.
        return match &aside {
            Some(aside) => put_back(aside, work_path, &scratch),
            None => Ok(Replaced::HandEditKept { rescued: None }),
        };
    }
    let linked = fs::hard_link(&new, work_path);
    drop(new);
    if let Some(aside) = &aside {
        fs::remove_file(aside).map_err(io(aside))?;
    }
    match linked {
        Ok(()) => {}
        // Made by hand in the instant the path was free: theirs stays.
        Err(error) if error.kind() == ErrorKind::AlreadyExists => {
            return Ok(Replaced::HandEditKept { rescued: None });
        }
        Err(source) => {
            return Err(EditError::Io {
                path: work_path.to_path_buf(),
                source,
            });
        }
    }
    sync_folder(&folder)?;
    Ok(Replaced::Done)
}

fn put_back(aside: &Path, work_path: &Path, scratch: &Path) -> Result<Replaced, EditError> {
    match fs::hard_link(aside, work_path) {
        Ok(()) => {
            fs::remove_file(aside).map_err(io(aside))?;
            Ok(Replaced::HandEditKept { rescued: None })
        }
        Err(error) if error.kind() == ErrorKind::AlreadyExists => {
            let name = work_path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let rescued = scratch.join(format!("reconvene-rescued-{}-{name}", std::process::id()));
            fs::rename(aside, &rescued).map_err(io(aside))?;
            Ok(Replaced::HandEditKept {
                rescued: Some(rescued),
            })
        }
        Err(source) => Err(EditError::Io {
            path: work_path.to_path_buf(),
            source,
        }),
    }
}

/// The blob git's index in `git_dir` holds for `path` (stage 0).
///
/// Read from a private copy: libgit2 looks at the index's size by name and
/// then opens it, so a `git add` or `git commit` renaming a new index over
/// it in between failed the save ("could not read (expected 557 bytes,
/// read 538)"). The copy is made from one open file, whole.
pub(crate) fn staged_blob(git_dir: &Path, path: &str) -> Result<Option<Oid>, EditError> {
    let index_path = git_dir.join("index");
    let copy = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(git_dir)
        .map_err(io(git_dir))?
        .into_temp_path();
    match fs::copy(&index_path, &copy) {
        Ok(_) => {}
        Err(error) if error.kind() == ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(EditError::Io {
                path: index_path,
                source,
            });
        }
    }
    let index = git2::Index::open(&copy)?;
    Ok(index.get_path(Path::new(path), 0).map(|entry| entry.id))
}

/// Sets the index entry of `path` to `blob`, with the working file's stat
/// data when it holds that blob (`work_path` given) so that `git status`
/// need not re-read it, or zeroed so that git compares the content.
///
/// Written the way git writes it: a new index under `.git/`, renamed over
/// the old one while the caller's `index.lock` keeps every git out.
pub(crate) fn stage(
    git_dir: &Path,
    lock: &IndexLock,
    path: &str,
    blob: Oid,
    mode: FileMode,
    work_path: Option<&Path>,
) -> Result<(), EditError> {
    HeldIndex::read(git_dir, lock)?.stage(path, blob, mode, work_path)
}

/// Removes the index entry of `path` (a new file's save taken back before
/// its commit landed), the way [`stage`] writes.
pub(crate) fn unstage(git_dir: &Path, lock: &IndexLock, path: &str) -> Result<(), EditError> {
    HeldIndex::read(git_dir, lock)?.unstage(path)
}

/// Git's index, read once while the caller holds `index.lock` and written
/// back whole (as git writes it) as often as a save needs: nobody else may
/// change it meanwhile, so it is never read again. At scale L the index is
/// a megabyte whose every read and write is checksummed.
pub(crate) struct HeldIndex {
    git_dir: PathBuf,
    /// The private copy the index was read from, and is written to before
    /// it is renamed over git's.
    scratch: PathBuf,
    index: git2::Index,
}

impl HeldIndex {
    /// Reads the index of `git_dir` (none yet: an empty one); `_lock`
    /// shows that the caller holds git's `index.lock`.
    pub fn read(git_dir: &Path, _lock: &IndexLock) -> Result<HeldIndex, EditError> {
        let index_path = git_dir.join("index");
        let scratch = unique(git_dir, "index");
        match fs::copy(&index_path, &scratch) {
            Ok(_) => {}
            Err(error) if error.kind() == ErrorKind::NotFound => {}
            Err(source) => {
                let _ = fs::remove_file(&scratch);
                return Err(EditError::Io {
                    path: index_path,
                    source,
                });
            }
        }
        match git2::Index::open(&scratch) {
            Ok(index) => Ok(HeldIndex {
                git_dir: git_dir.to_path_buf(),
                scratch,
                index,
            }),
            Err(error) => {
                let _ = fs::remove_file(&scratch);
                Err(error.into())
            }
        }
    }

    /// The blob the index holds for `path` (stage 0).
    pub fn blob(&self, path: &str) -> Option<Oid> {
        self.index
            .get_path(Path::new(path), 0)
            .map(|entry| entry.id)
    }

    /// [`stage`], on the index in hand.
    pub fn stage(
        &mut self,
        path: &str,
        blob: Oid,
        mode: FileMode,
        work_path: Option<&Path>,
    ) -> Result<(), EditError> {
        self.index.add(&entry(path, blob, mode, work_path))?;
        self.write()
    }

    /// [`unstage`], on the index in hand.
    pub fn unstage(&mut self, path: &str) -> Result<(), EditError> {
        match self.index.remove_path(Path::new(path)) {
            Err(error) if error.code() != git2::ErrorCode::NotFound => return Err(error.into()),
            _ => {}
        }
        self.write()
    }

    /// Writes the index to the scratch file, durably, and renames it over
    /// git's.
    fn write(&mut self) -> Result<(), EditError> {
        self.index.write()?;
        File::open(&self.scratch)
            .and_then(|file| file.sync_all())
            .map_err(io(&self.scratch))?;
        let index_path = self.git_dir.join("index");
        fs::rename(&self.scratch, &index_path).map_err(io(&index_path))?;
        sync_folder(&self.git_dir)
    }
}

impl Drop for HeldIndex {
    fn drop(&mut self) {
        // Written and renamed away already, unless a write failed halfway.
        let _ = fs::remove_file(&self.scratch);
    }
}

fn entry(path: &str, blob: Oid, mode: FileMode, work_path: Option<&Path>) -> IndexEntry {
    let mut entry = IndexEntry {
        ctime: IndexTime::new(0, 0),
        mtime: IndexTime::new(0, 0),
        dev: 0,
        ino: 0,
        mode: u32::from(mode),
        uid: 0,
        gid: 0,
        file_size: 0,
        id: blob,
        flags: 0,
        flags_extended: 0,
        path: path.as_bytes().to_vec(),
    };
    #[cfg(unix)]
    if let Some(metadata) = work_path.and_then(|p| fs::symlink_metadata(p).ok()) {
        use std::os::unix::fs::MetadataExt;
        // The index keeps 32-bit fields, as git does: truncation is git's rule.
        entry.ctime = IndexTime::new(metadata.ctime() as i32, metadata.ctime_nsec() as u32);
        entry.mtime = IndexTime::new(metadata.mtime() as i32, metadata.mtime_nsec() as u32);
        entry.dev = metadata.dev() as u32;
        entry.ino = metadata.ino() as u32;
        entry.uid = metadata.uid();
        entry.gid = metadata.gid();
        entry.file_size = metadata.size() as u32;
    }
    #[cfg(not(unix))]
    let _ = work_path;
    entry
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let git_dir = dir.path().join(".git");
        fs::create_dir(&git_dir).unwrap();
        let file = dir.path().join("actors/f/france.ron");
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        (dir, git_dir, file)
    }

    fn nothing_left_in(git_dir: &Path) {
        let left: Vec<_> = fs::read_dir(git_dir).unwrap().flatten().collect();
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn the_expected_old_text_is_replaced_and_no_temporary_file_stays() {
        let (_dir, git_dir, file) = scratch();
        fs::write(&file, "old").unwrap();
        let done = replace_file(&git_dir, &file, Some(b"old"), b"new").unwrap();
        assert_eq!(done, Replaced::Done);
        assert_eq!(fs::read(&file).unwrap(), b"new");
        nothing_left_in(&git_dir);
    }

    #[test]
    fn a_hand_edit_found_in_place_is_put_back_untouched() {
        let (_dir, git_dir, file) = scratch();
        fs::write(&file, "old, edited by hand").unwrap();
        let done = replace_file(&git_dir, &file, Some(b"old"), b"new").unwrap();
        assert_eq!(done, Replaced::HandEditKept { rescued: None });
        assert_eq!(fs::read(&file).unwrap(), b"old, edited by hand");
        nothing_left_in(&git_dir);
    }

    #[test]
    fn a_file_made_by_hand_where_none_was_expected_is_kept() {
        let (_dir, git_dir, file) = scratch();
        fs::write(&file, "made by hand").unwrap();
        let done = replace_file(&git_dir, &file, None, b"new").unwrap();
        assert_eq!(done, Replaced::HandEditKept { rescued: None });
        assert_eq!(fs::read(&file).unwrap(), b"made by hand");
        nothing_left_in(&git_dir);
    }

    #[test]
    fn a_new_file_is_made_with_its_folder() {
        let (dir, git_dir, _) = scratch();
        let file = dir.path().join("actors/n/new.ron");
        assert_eq!(
            replace_file(&git_dir, &file, None, b"new").unwrap(),
            Replaced::Done
        );
        assert_eq!(fs::read(&file).unwrap(), b"new");
        nothing_left_in(&git_dir);
    }
}
