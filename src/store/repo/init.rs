//! A new dataset repository: the shipped dataset (or its empty skeleton) in
//! one first commit on `main`.

use std::fs;
use std::path::Path;

use crate::store::identity::Identity;
use crate::store::load::{MANIFEST, RECOMMENDATIONS};
use crate::store::{StoreError, embedded};

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The commit message of the first commit.
fn message(empty: bool) -> &'static str {
    if empty {
        "Start an empty dataset\n\nThe manifest and the recommendations, with no actors yet.\n"
    } else {
        "Import the shipped dataset\n"
    }
}

/// Creates the repository; see [`crate::store::init_repository`].
pub(crate) fn init_repository(
    dir: &Path,
    empty: bool,
    author: &Identity,
) -> Result<git2::Oid, StoreError> {
    match fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(StoreError::NotEmpty(dir.to_path_buf()));
            }
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            fs::create_dir_all(dir).map_err(io_error(dir))?;
        }
        Err(error) => return Err(io_error(dir)(error)),
    }
    let made = make(dir, empty, author);
    if made.is_err() {
        // A half-made repository would make the next attempt refuse a
        // folder that is "not empty"; take back what this attempt wrote.
        remove_what_was_written(dir);
    }
    made
}

/// Removes `.git` and the top-level entries of the embedded files from a
/// folder that was empty before `init` began.
fn remove_what_was_written(dir: &Path) {
    let mut tops: Vec<&str> = embedded::FILES
        .iter()
        .filter_map(|(path, _)| path.split('/').next())
        .collect();
    tops.push(".git");
    tops.dedup();
    for top in tops {
        let path = dir.join(top);
        // Best effort: the original error is what the user needs to see.
        let _ = if path.is_dir() {
            fs::remove_dir_all(&path)
        } else {
            fs::remove_file(&path)
        };
    }
}

/// Writes the repository, its files and its first commit into `dir`.
fn make(dir: &Path, empty: bool, author: &Identity) -> Result<git2::Oid, StoreError> {
    let mut options = git2::RepositoryInitOptions::new();
    options.initial_head("main").no_reinit(true);
    let repository = git2::Repository::init_opts(dir, &options)?;
    let files = embedded::FILES
        .iter()
        .filter(|(path, _)| !empty || *path == MANIFEST || *path == RECOMMENDATIONS);
    let mut index = repository.index()?;
    for (relative, text) in files {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_error(parent))?;
        }
        fs::write(&path, text).map_err(io_error(&path))?;
        index.add_path(Path::new(relative))?;
    }
    index.write()?;
    let tree = repository.find_tree(index.write_tree()?)?;
    let signature = git2::Signature::now(&author.name, &author.email)?;
    let commit = repository.commit(
        Some("refs/heads/main"),
        &signature,
        &signature,
        message(empty),
        &tree,
        &[],
    )?;
    Ok(commit)
}
