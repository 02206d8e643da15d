//! Writing a file so that it is always wholly old or wholly new: a temporary
//! file in the same folder, fsync, rename over the old one, fsync the folder.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::DatasetLocation;
use super::edit::EditError;

/// The prefix of every temporary file we create, so that those left by a
/// killed process can be recognised and removed at the next start.
pub const TEMP_PREFIX: &str = ".reconvene-tmp-";

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> EditError + '_ {
    move |source| EditError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Replaces (or creates) `path` with `bytes` atomically and durably.
///
/// An existing file keeps its permission mode, so a group-shared repository
/// stays group-writable; a new file takes its folder's read/write bits.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), EditError> {
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&folder).map_err(io(&folder))?;
    let permissions = match fs::metadata(path) {
        Ok(metadata) => Some(metadata.permissions()),
        Err(_) => new_file_permissions(&folder),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(&folder)
        .map_err(io(&folder))?;
    temp.write_all(bytes).map_err(io(temp.path()))?;
    if let Some(permissions) = permissions {
        fs::set_permissions(temp.path(), permissions).map_err(io(path))?;
    }
    temp.as_file().sync_all().map_err(io(path))?;
    temp.persist(path).map_err(|error| io(path)(error.error))?;
    // The rename is durable only once the folder's entry is on disk.
    File::open(&folder)
        .and_then(|dir| dir.sync_all())
        .map_err(io(&folder))
}

#[cfg(unix)]
fn new_file_permissions(folder: &Path) -> Option<fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    // tempfile creates 0600; a data file should be as readable and writable
    // as the folder it lives in (group-shared repositories), never executable.
    let mode = fs::metadata(folder).ok()?.permissions().mode() & 0o666;
    Some(fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn new_file_permissions(_folder: &Path) -> Option<fs::Permissions> {
    None
}

/// Removes the temporary files a killed process left behind: ours only
/// (named with [`TEMP_PREFIX`]), in the dataset's folders and the git folder.
///
/// Takes the save lock first, so that a save in progress in another process
/// never loses its temporary file; if a save holds it, nothing is removed
/// now (the next start will). Returns the files removed.
pub fn clean_stray_temp_files(location: &DatasetLocation) -> Result<Vec<PathBuf>, EditError> {
    let repo = git2::Repository::open(&location.repo_root)?;
    let Ok(_lock) = super::lock::DatasetLock::acquire(repo.commondir(), std::time::Duration::ZERO)
    else {
        return Ok(Vec::new());
    };
    let mut removed = Vec::new();
    let mut folders = vec![location.dataset_dir.clone(), repo.path().to_path_buf()];
    let mut pending = vec![location.dataset_dir.join("actors")];
    while let Some(folder) = pending.pop() {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                pending.push(entry.path());
            }
        }
        folders.push(folder);
    }
    for folder in folders {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let is_ours = entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX);
            if is_ours && entry.file_type().is_ok_and(|t| t.is_file()) {
                let path = entry.path();
                fs::remove_file(&path).map_err(io(&path))?;
                removed.push(path);
            }
        }
    }
    Ok(removed)
}
