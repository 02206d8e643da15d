//! Everything that touches disk or git, by job:
//!
//! - `read/`: finding a dataset's files, parsing and validating them, the
//!   embedded shipped dataset;
//! - `write/`: the canonical writer, edits and their commits, locks, drafts,
//!   undo, and recovery from an interrupted save;
//! - `history/`: the record's second clock (the walk, the blob cache, the
//!   index under `.git/`, the dataset as recorded at a commit) and the watch
//!   for new commits;
//! - `repo/`: where the dataset is, creating one, identities, the config,
//!   synthetic repositories for benchmarks.
//!
//! API CONTRACT (fixed; other modules code against these signatures):
//!
//! - `Problem` / `Problems`: one data problem, `PATH:LINE:COL: message`.
//! - `load_dataset(dir)`: load + validate a dataset folder on disk.
//! - `load_files(files)`: the same over (relative path, bytes) pairs
//!   (the embedded dataset, a git tree).
//! - `load_dataset_with_warnings(dir)` / `load_files_with_warnings(files)`:
//!   the same, plus the dataset's warnings located as `PATH:LINE:COL: warning: ...`.
//! - `actor_to_ron`, `manifest_to_ron`, `recommendations_to_ron`: the
//!   canonical writer.
//! - `embedded::FILES`: the shipped dataset, compiled in.
//! - `DatasetLocation::find(path)`: the repository root and dataset folder.
//! - `init_repository(dir, empty)`: a new repo holding the shipped dataset.
//! - `identity::Identity`: a validated "Name <email>"; `identity::resolve`.
//! - `parse_actor(path, bytes)` / `parse_file::<T>`: one file, problem located.

use std::path::{Path, PathBuf};

use crate::model::Dataset;
pub use crate::model::{Problem, Problems};

pub mod history;
mod read;
mod repo;
mod write;

// The store is organised by job (read/, write/, history/, repo/); these
// names keep the paths the rest of the program uses.
pub use history::live;
pub use read::embedded;
use read::{load, parse, scan, validate};
pub use repo::location::SOURCE_MARKER;
pub use repo::{config, identity, synth};
use repo::{init, location};
use write::{atomic, commit, drafts, gc, intent, landing, splice, undo, worktree};
pub use write::{canonical, edit, fault, lock, recovery};

pub use atomic::{clean_stray_temp_files, write_atomic, write_atomic_in_existing_folder};
pub use load::{ACTORS, MANIFEST, RECOMMENDATIONS};
pub use parse::{MAX_FILE_BYTES, parse_actor, parse_file};
pub use write::ron::{actor_to_ron, manifest_to_ron, recommendations_to_ron};

/// Loads and validates the dataset in `dir` (the folder holding `reconvene.ron`).
///
/// Every problem is reported, not just the first: a file that fails does not
/// stop the others from being checked.
pub fn load_dataset(dir: &Path) -> Result<Dataset, Problems> {
    load::load_dataset(dir)
}

/// As [`load_dataset`], with the dataset's warnings (PRODUCT.md, "Warnings")
/// as `PATH:LINE:COL: warning: ...` problems, sorted by place. Locating them
/// keeps more of each file's scan, so only `validate` asks for them.
pub fn load_dataset_with_warnings(dir: &Path) -> Result<(Dataset, Vec<Problem>), Problems> {
    load::load_dataset_with(dir, true)
}

/// As [`load_files`], with the dataset's warnings located.
pub fn load_files_with_warnings<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> Result<(Dataset, Vec<Problem>), Problems> {
    load::load_files_with(files, true)
}

/// Loads and validates a dataset from (path relative to the dataset folder, bytes).
/// Paths that are not part of a dataset (a README) are ignored.
pub fn load_files<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> Result<Dataset, Problems> {
    load::load_files(files)
}

/// Where a dataset lives: the git work tree and the dataset folder inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatasetLocation {
    /// The repository's work tree root.
    pub repo_root: PathBuf,
    /// The folder holding `reconvene.ron` (may equal `repo_root`).
    pub dataset_dir: PathBuf,
}

/// Errors of the environment (not of the data): exit code 2 at the CLI.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The path is not inside a git work tree.
    #[error("{0}: not a git repository with a work tree (run `reconvene init DIR` to make one)")]
    NotARepository(PathBuf),
    /// The repository belongs to another user, and git (so libgit2) works in
    /// it only once the user says they trust it.
    #[error(
        "{0}: the repository is owned by another user; if you trust it, tell git so: \
         git config --global --add safe.directory '{0}'"
    )]
    NotOwned(PathBuf),
    /// No `reconvene.ron` at the path or below the repository root.
    #[error("{0}: no dataset here (no reconvene.ron)")]
    NoDataset(PathBuf),
    /// `init` was pointed at a folder that already holds something.
    #[error("{0}: folder is not empty; refusing to overwrite it")]
    NotEmpty(PathBuf),
    /// A git operation failed.
    #[error("git: {0}")]
    Git(#[from] git2::Error),
    /// A file operation failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
}

impl DatasetLocation {
    /// Finds the dataset for `path`: a repository root (with `reconvene.ron`
    /// at the root or in exactly one folder below it) or a dataset folder.
    ///
    /// `path` may be the repository root, the dataset folder, any folder
    /// within it, or a file in it. A bare repository (no work tree) is
    /// `NotARepository`; a root with several dataset folders is `NoDataset`.
    pub fn find(path: &Path) -> Result<DatasetLocation, StoreError> {
        location::find(path)
    }

    /// The dataset of the git work tree `start` is in, if any; see
    /// [`location::discover`]. `ceilings` are the folders git's discovery
    /// does not walk above (`GIT_CEILING_DIRECTORIES`).
    pub fn discover(
        start: &Path,
        ceilings: &[PathBuf],
    ) -> Result<Option<DatasetLocation>, StoreError> {
        location::discover(start, ceilings)
    }
}

/// Creates a git repository at `dir` holding the shipped dataset (or, when
/// `empty`, only the manifest and recommendations) in one commit authored by
/// `author`. Refuses a non-empty folder. Returns the commit id.
pub fn init_repository(
    dir: &Path,
    empty: bool,
    author: &identity::Identity,
) -> Result<git2::Oid, StoreError> {
    init::init_repository(dir, empty, author)
}
