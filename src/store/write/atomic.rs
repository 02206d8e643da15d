//! Writing a file so that it is always wholly old or wholly new: a temporary
//! file in the same folder, fsync, rename over the old one, fsync the folder.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::store::DatasetLocation;
use crate::store::edit::EditError;

/// The prefix of every temporary file we create, so that those left by a
/// killed process can be recognised and removed at the next start.
pub const TEMP_PREFIX: &str = ".reconvene-tmp-";

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> EditError + '_ {
    move |source| EditError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// As [`write_atomic`], for a file the user named (a report's `-o`): its
/// folder must exist already, so a mistyped path is an error, never a trail
/// of new folders.
pub fn write_atomic_in_existing_folder(path: &Path, bytes: &[u8]) -> Result<(), EditError> {
    let folder = folder_of(path);
    if !folder.is_dir() {
        return Err(EditError::Io {
            path: folder,
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such folder"),
        });
    }
    write_atomic(path, bytes)
}

/// The folder `path` is in (the current one for a bare file name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Replaces (or creates) `path` with `bytes` atomically and durably.
///
/// An existing file keeps its permission mode, so a group-shared repository
/// stays group-writable; a new file takes its folder's read/write bits.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), EditError> {
    let folder = folder_of(path);
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

/// The mode a new data file gets: as readable and writable as its folder.
#[cfg(unix)]
pub(super) fn new_file_permissions(folder: &Path) -> Option<fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    // tempfile creates 0600; a data file should be as readable and writable
    // as the folder it lives in (group-shared repositories), never executable.
    let mode = fs::metadata(folder).ok()?.permissions().mode() & 0o666;
    Some(fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
pub(super) fn new_file_permissions(_folder: &Path) -> Option<fs::Permissions> {
    None
}

/// Removes the temporary files a killed process left behind: ours (named
/// with [`TEMP_PREFIX`]) in the dataset's folders and the git folder, and
/// libgit2's `tmp_object_git2_*` in the object store (a minute old at
/// least, so another libgit2 program's write in progress is left alone).
///
/// Takes the save lock first, so that a save in progress in another process
/// never loses its temporary file; if a save holds it, nothing is removed
/// now (the next start will). Returns the files removed.
pub fn clean_stray_temp_files(location: &DatasetLocation) -> Result<Vec<PathBuf>, EditError> {
    let repo = crate::store::commit::open(location)?;
    let Ok(_lock) =
        crate::store::lock::DatasetLock::acquire(repo.commondir(), std::time::Duration::ZERO)
    else {
        return Ok(Vec::new());
    };
    let mut folders = vec![location.dataset_dir.clone()];
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
    let mut removed = clean_git_folder(&repo)?;
    for folder in folders {
        removed.extend(remove_matching(&folder, |name| {
            name.starts_with(TEMP_PREFIX)
        })?);
    }
    let objects = repo.commondir().join("objects");
    let old_enough = |path: &Path| {
        fs::metadata(path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() >= 60)
    };
    // libgit2 writes them in `objects/` itself (and, in some versions, in
    // the fan-out folders).
    let mut object_folders = vec![objects.clone()];
    if let Ok(entries) = fs::read_dir(&objects) {
        object_folders.extend(
            entries
                .flatten()
                .filter(|e| e.file_name().len() == 2 && e.file_type().is_ok_and(|t| t.is_dir()))
                .map(|e| e.path()),
        );
    }
    for folder in object_folders {
        for found in fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = found.path();
            let name = found.file_name();
            if name.to_string_lossy().starts_with("tmp_object_git2_") && old_enough(&path) {
                fs::remove_file(&path).map_err(io(&path))?;
                removed.push(path);
            }
        }
    }
    Ok(removed)
}

/// Removes our temporary files from the git folder (where saves keep them);
/// cheap enough for every save. A file a killed save had moved aside is
/// removed only if its text is in the object store (so nothing is lost);
/// otherwise it is kept as `reconvene-rescued-*` for the user.
pub(crate) fn clean_git_folder(repo: &git2::Repository) -> Result<Vec<PathBuf>, EditError> {
    let git_dir = repo.path();
    let odb = repo.odb()?;
    let mut removed = Vec::new();
    let Ok(entries) = fs::read_dir(git_dir) else {
        return Ok(removed);
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(TEMP_PREFIX) else {
            continue;
        };
        let path = entry.path();
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        if rest.starts_with("aside") {
            let bytes = fs::read(&path).map_err(io(&path))?;
            let id = git2::Oid::hash_object(git2::ObjectType::Blob, &bytes)?;
            if !odb.exists(id) {
                let rescued = git_dir.join(format!("reconvene-rescued-{rest}"));
                fs::rename(&path, &rescued).map_err(io(&path))?;
                continue;
            }
        }
        fs::remove_file(&path).map_err(io(&path))?;
        removed.push(path);
    }
    Ok(removed)
}

fn remove_matching(folder: &Path, ours: impl Fn(&str) -> bool) -> Result<Vec<PathBuf>, EditError> {
    let mut removed = Vec::new();
    let Ok(entries) = fs::read_dir(folder) else {
        return Ok(removed);
    };
    for entry in entries.flatten() {
        if ours(&entry.file_name().to_string_lossy())
            && entry.file_type().is_ok_and(|t| t.is_file())
        {
            let path = entry.path();
            fs::remove_file(&path).map_err(io(&path))?;
            removed.push(path);
        }
    }
    Ok(removed)
}
