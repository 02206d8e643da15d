//! Canonical form on purpose: which data files differ from what the
//! canonical writer makes of them, and rewriting those files.
//!
//! Saves splice their edit into a file as it was written (hand formatting
//! is kept), so a file stays in whatever form a person gave it until
//! someone asks for the canonical one: `validate` notes it, `fmt` rewrites.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::model::{Actor, Dataset};
use crate::store::atomic::write_atomic;
use crate::store::edit::EditError;
use crate::store::load::{MANIFEST, RECOMMENDATIONS, actor_paths, parallel_map, read};
use crate::store::lock::{DatasetLock, LOCK_WAIT};
use crate::store::{
    DatasetLocation, Problems, actor_to_ron, manifest_to_ron, recommendations_to_ron,
};

/// A data file whose bytes are not its canonical text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotCanonical {
    /// The file, relative to the dataset folder, `/`-separated.
    pub path: String,
    /// What the canonical writer makes of it.
    pub canonical: String,
}

/// The files of `dataset` (loaded from `dir`, and valid) that are not in
/// canonical form — the manifest, the recommendations, then actor files in
/// path order — and how many files were checked.
///
/// Each file is compared with the canonical text of the value already
/// loaded from it (an actor file is found by its id, which validation
/// ties to its name), so nothing is parsed twice.
pub fn not_canonical(dir: &Path, dataset: &Dataset) -> (Vec<NotCanonical>, usize) {
    let by_id: HashMap<&str, &Actor> = dataset.actors.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut ignored = Vec::new();
    let mut files: Vec<(String, Option<&Actor>)> = vec![
        (MANIFEST.to_string(), None),
        (RECOMMENDATIONS.to_string(), None),
    ];
    for path in actor_paths(dir, &mut ignored) {
        let id = path
            .rsplit('/')
            .next()
            .and_then(|name| name.strip_suffix(".ron"))
            .unwrap_or_default();
        let actor = by_id.get(id).copied();
        files.push((path, actor));
    }
    let checked = files.len();
    let found = parallel_map(&files, |(path, actor)| {
        let canonical = match (path.as_str(), actor) {
            (MANIFEST, _) => manifest_to_ron(&dataset.manifest),
            (RECOMMENDATIONS, _) => recommendations_to_ron(&dataset.recommendations),
            (_, Some(actor)) => actor_to_ron(actor),
            // Not an actor of this dataset (validation would have said).
            (_, None) => return None,
        };
        let bytes = read(&dir.join(path), path).ok()?;
        (bytes != canonical.as_bytes()).then(|| NotCanonical {
            path: path.clone(),
            canonical,
        })
    });
    (found.into_iter().flatten().collect(), checked)
}

/// What [`rewrite`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rewritten {
    /// The files rewritten, relative to the dataset folder.
    pub paths: Vec<String>,
    /// How many files were checked.
    pub checked: usize,
}

/// Why `fmt` could not run.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    /// The dataset does not load: it has to be valid to be rewritten.
    #[error("{0}")]
    Invalid(Problems),
    /// The lock, a file or git failed.
    #[error(transparent)]
    Edit(#[from] EditError),
}

/// Rewrites every file of the dataset at `location` that is not in
/// canonical form, each through the atomic writer (wholly old or wholly
/// new), under the save lock so that no save runs in between. Only the
/// working tree changes: nothing is committed.
pub fn rewrite(location: &DatasetLocation) -> Result<Rewritten, FormatError> {
    let repo = git2::Repository::open(&location.repo_root).map_err(EditError::from)?;
    let _lock = DatasetLock::acquire(repo.commondir(), LOCK_WAIT)?;
    let dir = &location.dataset_dir;
    let dataset = crate::store::load_dataset(dir).map_err(FormatError::Invalid)?;
    let (files, checked) = not_canonical(dir, &dataset);
    let mut paths = Vec::with_capacity(files.len());
    for file in files {
        write_atomic(&path_in(dir, &file.path), file.canonical.as_bytes())?;
        paths.push(file.path);
    }
    Ok(Rewritten { paths, checked })
}

fn path_in(dir: &Path, relative: &str) -> PathBuf {
    relative
        .split('/')
        .fold(dir.to_path_buf(), |p, part| p.join(part))
}
