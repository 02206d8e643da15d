//! Finding the dataset a path means: the git work tree around it and the
//! folder inside it that holds `reconvene.ron`.

use std::path::{Path, PathBuf};

use crate::store::load::MANIFEST;
use crate::store::{DatasetLocation, StoreError};

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Whether `dir` has an entry named `reconvene.ron`. Anything by that name
/// counts (a folder, a FIFO, a dangling link): the loader then says what is
/// wrong with it, which is more use than "no dataset here".
fn holds_manifest(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir.join(MANIFEST)).is_ok()
}

/// A file that marks a dataset folder as the source of the dataset compiled
/// into the program (`data/` in reconvene's own repository). Discovery from
/// the working directory passes such a folder by, so that running the
/// program inside a clone of the project opens the user's own dataset and
/// never commits to the project; `--repo` still opens it on purpose.
pub const SOURCE_MARKER: &str = ".reconvene-source";

fn is_embedded_source(dir: &Path) -> bool {
    dir.join(SOURCE_MARKER).is_file()
}

/// Finds the dataset for `path`; see [`DatasetLocation::find`].
pub(crate) fn find(path: &Path) -> Result<DatasetLocation, StoreError> {
    let path = path.canonicalize().map_err(io_error(path))?;
    // A file inside the dataset (`--repo data/reconvene.ron`) means its folder.
    let start = if path.is_file() {
        path.parent().map_or(path.clone(), Path::to_path_buf)
    } else {
        path.clone()
    };
    let repository = git2::Repository::discover(&start).map_err(|error| {
        match error.code() {
            git2::ErrorCode::NotFound => StoreError::NotARepository(path.clone()),
            git2::ErrorCode::Owner => StoreError::NotOwned(path.clone()),
            // A repository owned by someone else, a corrupt one: git's own
            // words say more than "not a repository" would.
            _ => StoreError::Git(error),
        }
    })?;
    let Some(workdir) = repository.workdir() else {
        // A bare repository has no files to read or write.
        return Err(StoreError::NotARepository(path.clone()));
    };
    let repo_root = workdir.canonicalize().map_err(io_error(workdir))?;
    let dataset_dir = start
        .ancestors()
        .take_while(|dir| dir.starts_with(&repo_root))
        .find(|dir| holds_manifest(dir))
        .map(Path::to_path_buf);
    let dataset_dir = match dataset_dir {
        Some(dir) => dir,
        None if start == repo_root => single_dataset_below(&repo_root)?,
        None => return Err(StoreError::NoDataset(path)),
    };
    Ok(DatasetLocation {
        repo_root,
        dataset_dir,
    })
}

/// The dataset of the git work tree `start` is in, found as git finds its
/// repository: walking up from `start`, stopping at any of `ceilings`
/// (`GIT_CEILING_DIRECTORIES`). The dataset is the nearest folder holding
/// `reconvene.ron` between `start` and the work tree's root, or else the one
/// dataset at or directly below the root.
///
/// `Ok(None)` when `start` is in no work tree, or in one holding no dataset
/// (a home folder kept in git): the next source in the product's order
/// decides then. A repository git refuses to open (owned by someone else,
/// corrupt) is an error, because quietly falling back to another dataset is
/// how an edit would end up in the wrong place.
pub(crate) fn discover(
    start: &Path,
    ceilings: &[PathBuf],
) -> Result<Option<DatasetLocation>, StoreError> {
    let repository =
        match git2::Repository::open_ext(start, git2::RepositoryOpenFlags::empty(), ceilings) {
            Ok(repository) => repository,
            Err(error) if error.code() == git2::ErrorCode::NotFound => return Ok(None),
            Err(error) => return Err(StoreError::Git(error)),
        };
    let Some(workdir) = repository.workdir() else {
        return Ok(None);
    };
    let repo_root = workdir.canonicalize().map_err(io_error(workdir))?;
    let start = start.canonicalize().map_err(io_error(start))?;
    let nearest = start
        .ancestors()
        .take_while(|dir| dir.starts_with(&repo_root))
        .find(|dir| holds_manifest(dir))
        .map(Path::to_path_buf);
    let dataset_dir = match nearest {
        Some(dir) => dir,
        None => match single_dataset_below(&repo_root) {
            Ok(dir) => dir,
            Err(StoreError::NoDataset(_)) => return Ok(None),
            Err(error) => return Err(error),
        },
    };
    if is_embedded_source(&dataset_dir) {
        return Ok(None);
    }
    Ok(Some(DatasetLocation {
        repo_root,
        dataset_dir,
    }))
}

/// The one immediate subfolder of `root` holding a manifest.
fn single_dataset_below(root: &Path) -> Result<PathBuf, StoreError> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(root).map_err(io_error(root))? {
        let entry = entry.map_err(io_error(root))?;
        let dir = entry.path();
        if entry.file_name() != ".git" && dir.is_dir() && holds_manifest(&dir) {
            found.push(dir);
        }
    }
    match found.as_slice() {
        [one] => Ok(one.clone()),
        // None, or several with no way to tell which is meant.
        _ => Err(StoreError::NoDataset(root.to_path_buf())),
    }
}
