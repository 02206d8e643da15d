//! The edit being typed, kept on disk so that a dropped SSH link or a crash
//! loses nothing: the TUI saves a draft while a form is open and offers it at
//! the next start.
//!
//! Drafts live in the git folder (never committed, never in the working
//! tree), one per coordinator: several people may share one Unix account.

use std::path::PathBuf;

use super::DatasetLocation;
use super::atomic::write_atomic;
use super::edit::{Edit, EditError};
use super::identity::Identity;
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
    let path = draft_path(location, author)?;
    let text =
        ron::ser::to_string_pretty(draft, ron::ser::PrettyConfig::new()).map_err(|error| {
            EditError::Io {
                path: path.clone(),
                source: std::io::Error::other(error.to_string()),
            }
        })?;
    write_atomic(&path, text.as_bytes())
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
