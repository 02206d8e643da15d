//! Finding the dataset a path means: the git work tree around it and the
//! folder inside it that holds `reconvene.ron`.

use std::path::{Path, PathBuf};

use super::load::MANIFEST;
use super::{DatasetLocation, StoreError};

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn holds_manifest(dir: &Path) -> bool {
    dir.join(MANIFEST).is_file()
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
