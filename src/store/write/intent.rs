//! The intent record: what a save is about to do, written and made durable
//! under `.git/` before the branch moves and removed once the working file
//! and the index agree with the commit. A process killed in between leaves
//! it behind, and the next save, start or `validate` reads it to finish the
//! save (the commit landed) or forget it (it did not), whatever was
//! committed meanwhile.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::store::atomic::write_atomic;
use crate::store::edit::EditError;

/// One save in flight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Intent {
    /// The actor file, relative to the repository root, `/`-separated.
    pub path: String,
    /// The branch the commit goes on (`refs/heads/...`).
    pub branch_ref: String,
    /// The commit the branch is about to point at.
    pub commit: String,
    /// The tip the commit was made on (`None`: an unborn branch).
    pub parent: Option<String>,
}

impl Intent {
    /// Where the record of the repository whose git folder is `git_dir` lives.
    pub fn file(git_dir: &Path) -> PathBuf {
        git_dir.join("reconvene-intent.ron")
    }

    /// Writes the record durably (fsynced file and folder) before the save
    /// touches anything that others can see.
    pub fn write(&self, git_dir: &Path) -> Result<(), EditError> {
        let text = ron::ser::to_string(self).map_err(|error| EditError::Io {
            path: Intent::file(git_dir),
            source: std::io::Error::other(error.to_string()),
        })?;
        write_atomic(&Intent::file(git_dir), text.as_bytes())
    }

    /// The record a killed save left, if any. A record that cannot be read
    /// (cut short by a full disk before its rename) never counted: the save
    /// it described had not yet moved the branch.
    pub fn read(git_dir: &Path) -> Result<Option<Intent>, EditError> {
        let path = Intent::file(git_dir);
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok(ron::from_str(&text).ok()),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(EditError::Io { path, source }),
        }
    }

    /// Removes the record: the save is wholly done (or wholly undone).
    pub fn clear(git_dir: &Path) -> Result<(), EditError> {
        let path = Intent::file(git_dir);
        match std::fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(EditError::Io { path, source }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_as_written_and_is_gone_once_cleared() {
        let dir = tempfile::tempdir().unwrap();
        let intent = Intent {
            path: "data/actors/f/france.ron".into(),
            branch_ref: "refs/heads/main".into(),
            commit: "a".repeat(40),
            parent: None,
        };
        assert_eq!(Intent::read(dir.path()).unwrap(), None);
        intent.write(dir.path()).unwrap();
        assert_eq!(Intent::read(dir.path()).unwrap(), Some(intent));
        Intent::clear(dir.path()).unwrap();
        assert_eq!(Intent::read(dir.path()).unwrap(), None);
    }

    #[test]
    fn a_record_cut_short_counts_as_none() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(Intent::file(dir.path()), "(path: \"data/act").unwrap();
        assert_eq!(Intent::read(dir.path()).unwrap(), None);
    }
}
