//! Loading a dataset: from a folder on disk or from (path, bytes) pairs,
//! actor files read and parsed in parallel, every problem collected.

use std::fs;
use std::io::Read;
use std::path::Path;

use crate::model::{Actor, Dataset, Manifest, Recommendation};
use crate::store::parse::{
    MAX_FILE_BYTES, Parsed, parse_located, parse_located_keeping, problem, too_large,
};
use crate::store::validate::{Loaded, validate};
use crate::store::{Problem, Problems};

/// The manifest's file name, at the top of the dataset folder.
pub const MANIFEST: &str = "reconvene.ron";
/// The recommendations' file name, next to the manifest.
pub const RECOMMENDATIONS: &str = "recommendations.ron";
/// The folder holding the actor files, at any depth below it.
pub const ACTORS: &str = "actors";

/// Folders deeper than this under `actors/` are not walked: the writer only
/// makes one level, and a runaway tree must not exhaust anything.
const MAX_DEPTH: usize = 16;

/// Below this many files, starting threads costs more than it saves.
const PARALLEL_FROM: usize = 64;

/// Whether `path` (relative, with `/`) names an actor file. Hidden files
/// are an editor's (Emacs's `.#x.ron` lock links, swap files), not data.
pub(crate) fn is_actor_path(path: &str) -> bool {
    path.starts_with("actors/")
        && path.ends_with(".ron")
        && !path.split('/').any(|part| part.starts_with('.'))
}

/// What sits at a path, as far as the rule for actor files cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EntryKind {
    /// A regular file.
    File,
    /// A folder.
    Folder,
    /// A symbolic link (never followed under `actors/`).
    Link,
    /// A FIFO, socket or device.
    Special,
}

impl EntryKind {
    fn of(file_type: fs::FileType) -> EntryKind {
        if file_type.is_symlink() {
            EntryKind::Link
        } else if file_type.is_dir() {
            EntryKind::Folder
        } else if file_type.is_file() {
            EntryKind::File
        } else {
            EntryKind::Special
        }
    }
}

/// The one rule for what counts as an actor file, used by the loader and
/// by every save: a regular file named `<id>.ron` under `actors/`, at any
/// depth, outside hidden files and folders. Anything else under `actors/`
/// that could be mistaken for actors is refused, and this says why: a
/// symbolic link (git keeps a link as the path it points to, so a save
/// could not edit it, and a link to a folder can loop), a folder named like
/// an actor file, a FIFO or device. `None` when the entry is an actor file,
/// or plainly not one (a README).
pub(crate) fn actor_entry_refusal(name: &str, kind: EntryKind) -> Option<String> {
    let named_like_actor = name.ends_with(".ron");
    match kind {
        EntryKind::File => None,
        EntryKind::Folder if named_like_actor => {
            Some("a folder named like an actor file; an actor file must be a regular file".into())
        }
        EntryKind::Folder => None,
        EntryKind::Link => Some(
            "a symbolic link; actor files and their folders must be real files and \
             folders in the repository (links are not followed: git stores a link as \
             the path it points to, so a save could not edit it); replace the link with \
             what it points to"
                .into(),
        ),
        EntryKind::Special if named_like_actor => Some(format!(
            "{}; an actor file must be a regular file",
            describe(kind)
        )),
        EntryKind::Special => None,
    }
}

/// "a folder", "a FIFO, socket or device", for messages.
fn describe(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::File => "a regular file",
        EntryKind::Folder => "a folder",
        EntryKind::Link => "a symbolic link",
        EntryKind::Special => "not a regular file (a FIFO, socket or device)",
    }
}

/// Loads and validates a dataset from (relative path, bytes) pairs; files
/// that are not part of a dataset (a README, `.gitkeep`) are ignored.
pub fn load_files<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> Result<Dataset, Problems> {
    load_files_with(files, false).map(|(dataset, _)| dataset)
}

/// As [`load_files`]; with `warnings`, also the dataset's warnings, located.
pub fn load_files_with<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    warnings: bool,
) -> Result<(Dataset, Vec<Problem>), Problems> {
    let mut manifest = None;
    let mut recommendations = None;
    let mut actors: Vec<(&str, &[u8])> = Vec::new();
    for (path, bytes) in files {
        match path {
            MANIFEST => manifest = Some(bytes),
            RECOMMENDATIONS => recommendations = Some(bytes),
            path if is_actor_path(path) => actors.push((path, bytes)),
            _ => {}
        }
    }
    actors.sort_by(|a, b| a.0.cmp(b.0));
    let mut problems = Vec::new();
    let manifest = parse_top::<Manifest>(MANIFEST, manifest.map(Ok), &mut problems);
    let recommendations =
        parse_top::<Vec<Recommendation>>(RECOMMENDATIONS, recommendations.map(Ok), &mut problems);
    let actors = parallel_map(&actors, |(path, bytes)| {
        (
            path.to_string(),
            parse_located_keeping::<Actor>(path, bytes, warnings),
        )
    });
    finish(manifest, recommendations, actors, problems, warnings)
}

/// Validates a dataset whose actor files were parsed and checked before
/// (by blob id, in the history): (path, actor) pairs, sorted by path. The
/// manifest and recommendations are parsed here. Problems come unlocated in
/// the actor files (their text is not kept), so on `Err` the caller loads
/// the files again with [`load_files`] to say where each problem is.
pub(crate) fn load_checked(
    manifest: Option<&[u8]>,
    recommendations: Option<&[u8]>,
    actors: Vec<(String, Actor)>,
) -> Result<Dataset, Problems> {
    let mut problems = Vec::new();
    let manifest = parse_top::<Manifest>(MANIFEST, manifest.map(Ok), &mut problems);
    let recommendations =
        parse_top::<Vec<Recommendation>>(RECOMMENDATIONS, recommendations.map(Ok), &mut problems);
    let actors = actors
        .into_iter()
        .map(|(path, value)| {
            let parsed = Parsed {
                value,
                scan: Default::default(),
                problems: Vec::new(),
            };
            (path, Ok(parsed))
        })
        .collect();
    finish(manifest, recommendations, actors, problems, false).map(|(dataset, _)| dataset)
}

/// Loads and validates the dataset in `dir` (the folder holding `reconvene.ron`).
pub fn load_dataset(dir: &Path) -> Result<Dataset, Problems> {
    load_dataset_with(dir, false).map(|(dataset, _)| dataset)
}

/// As [`load_dataset`]; with `warnings`, also the dataset's warnings, located.
pub fn load_dataset_with(dir: &Path, warnings: bool) -> Result<(Dataset, Vec<Problem>), Problems> {
    let mut problems = Vec::new();
    let manifest = read_top(dir, MANIFEST);
    let manifest = parse_top::<Manifest>(MANIFEST, manifest, &mut problems);
    let recommendations = read_top(dir, RECOMMENDATIONS);
    let recommendations =
        parse_top::<Vec<Recommendation>>(RECOMMENDATIONS, recommendations, &mut problems);
    let paths = actor_paths(dir, &mut problems);
    let actors = parallel_map(&paths, |path| {
        let parsed = read(&dir.join(path), path)
            .and_then(|bytes| parse_located_keeping(path, &bytes, warnings));
        (path.clone(), parsed)
    });
    finish(manifest, recommendations, actors, problems, warnings)
}

/// The actor files of the dataset in `dir`, relative to it and sorted, by
/// [`actor_entry_refusal`]'s rule; what the rule refuses goes to `problems`.
pub(crate) fn actor_paths(dir: &Path, problems: &mut Vec<Problem>) -> Vec<String> {
    let mut paths = Vec::new();
    let actors_dir = dir.join(ACTORS);
    match fs::symlink_metadata(&actors_dir).map(|m| EntryKind::of(m.file_type())) {
        Ok(EntryKind::Folder) => walk(&actors_dir, ACTORS, 0, &mut paths, problems),
        // No actors yet: a dataset may start with none.
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => problems.push(problem(ACTORS, 1, 1, format!("cannot read: {error}"))),
        Ok(EntryKind::Link) => problems.push(problem(
            ACTORS,
            1,
            1,
            actor_entry_refusal(ACTORS, EntryKind::Link).unwrap_or_default(),
        )),
        Ok(kind) => problems.push(problem(
            ACTORS,
            1,
            1,
            format!(
                "{}, not a folder; actor files live in {ACTORS}/<letter>/<id>.ron",
                describe(kind)
            ),
        )),
    }
    paths.sort();
    paths
}

/// Reads `name` at the top of the dataset; `None` when it does not exist.
fn read_top(dir: &Path, name: &str) -> Option<Result<Vec<u8>, Problem>> {
    let path = dir.join(name);
    match fs::symlink_metadata(&path) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        _ => Some(read(&path, name)),
    }
}

/// Parses one of the two top-level files, or reports it missing.
fn parse_top<T: serde::de::DeserializeOwned>(
    name: &str,
    bytes: Option<Result<impl AsRef<[u8]>, Problem>>,
    problems: &mut Vec<Problem>,
) -> Option<Parsed<T>> {
    let parsed = match bytes {
        None => Err(problem(
            name,
            1,
            1,
            format!("file not found; every dataset needs {name}"),
        )),
        Some(Err(problem)) => Err(problem),
        Some(Ok(bytes)) => parse_located(name, bytes.as_ref()),
    };
    match parsed {
        Ok(parsed) => Some(parsed),
        Err(problem) => {
            problems.push(problem);
            None
        }
    }
}

/// Reads one file, refusing what is not a regular file or is too large
/// before reading any of it.
pub(crate) fn read(path: &Path, shown: &str) -> Result<Vec<u8>, Problem> {
    let at_start = |message: String| problem(shown, 1, 1, message);
    let metadata = fs::metadata(path).map_err(|e| at_start(format!("cannot read: {e}")))?;
    if !metadata.is_file() {
        // Opening a FIFO would wait for a writer forever.
        let kind = EntryKind::of(metadata.file_type());
        return Err(at_start(format!(
            "{}; expected a regular file",
            describe(kind)
        )));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(at_start(too_large(metadata.len())));
    }
    let file = fs::File::open(path).map_err(|e| at_start(format!("cannot read: {e}")))?;
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    // The file may grow between the metadata and the read.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| at_start(format!("cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(at_start(too_large(bytes.len() as u64)));
    }
    Ok(bytes)
}

/// Collects the `.ron` files below `dir` as paths relative to the dataset
/// folder. Symbolic links to folders are not followed (they could loop).
fn walk(
    dir: &Path,
    relative: &str,
    depth: usize,
    paths: &mut Vec<String>,
    problems: &mut Vec<Problem>,
) {
    if depth > MAX_DEPTH {
        problems.push(problem(
            relative,
            1,
            1,
            format!("folders nested more than {MAX_DEPTH} deep are not read"),
        ));
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            problems.push(problem(relative, 1, 1, format!("cannot read: {error}")));
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                problems.push(problem(relative, 1, 1, format!("cannot read: {error}")));
                continue;
            }
        };
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            let lossy = entry.file_name().to_string_lossy().into_owned();
            let message = "the file name is not valid UTF-8; rename it".into();
            problems.push(problem(&format!("{relative}/{lossy}"), 1, 1, message));
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        let child = format!("{relative}/{name}");
        let kind = match entry.file_type() {
            Ok(file_type) => EntryKind::of(file_type),
            Err(error) => {
                problems.push(problem(&child, 1, 1, format!("cannot read: {error}")));
                continue;
            }
        };
        if kind == EntryKind::Link && !name.ends_with(".ron") && !links_to_folder(&entry.path()) {
            // A link to a README or the like: not data, whatever it is.
            continue;
        }
        if let Some(refusal) = actor_entry_refusal(&name, kind) {
            problems.push(problem(&child, 1, 1, refusal));
        } else if kind == EntryKind::Folder {
            walk(&entry.path(), &child, depth + 1, paths, problems);
        } else if kind == EntryKind::File && name.ends_with(".ron") {
            paths.push(child);
        }
    }
}

/// Whether the link at `path` leads to a folder, or nowhere it can reach
/// (a loop): either way actors could hide behind it.
fn links_to_folder(path: &Path) -> bool {
    match fs::metadata(path) {
        Ok(metadata) => metadata.is_dir(),
        Err(error) => error.kind() != std::io::ErrorKind::NotFound,
    }
}

/// Maps `f` over `items` on every available core, keeping the order.
pub(crate) fn parallel_map<I: Sync, O: Send>(items: &[I], f: impl Fn(&I) -> O + Sync) -> Vec<O> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if cores < 2 || items.len() < PARALLEL_FROM {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(cores);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                let work = move || part.iter().map(f).collect::<Vec<O>>();
                // If a thread cannot be started, the chunk is done here.
                std::thread::Builder::new()
                    .spawn_scoped(scope, work)
                    .map_err(|_| part)
            })
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for handle in handles {
            match handle {
                Ok(handle) => match handle.join() {
                    Ok(results) => out.extend(results),
                    Err(panic) => std::panic::resume_unwind(panic),
                },
                Err(part) => out.extend(part.iter().map(f)),
            }
        }
        out
    })
}

/// Validates what parsed, and returns the dataset or every problem found.
fn finish(
    manifest: Option<Parsed<Manifest>>,
    recommendations: Option<Parsed<Vec<Recommendation>>>,
    actors: Vec<(String, Result<Parsed<Actor>, Problem>)>,
    mut problems: Vec<Problem>,
    want_warnings: bool,
) -> Result<(Dataset, Vec<Problem>), Problems> {
    let mut parsed_actors = Vec::with_capacity(actors.len());
    for (path, parsed) in actors {
        match parsed {
            Ok(parsed) => parsed_actors.push((path, parsed)),
            Err(problem) => problems.push(problem),
        }
    }
    let loaded = Loaded {
        manifest,
        recommendations,
        actors: parsed_actors,
    };
    let mut warnings = Vec::new();
    let dataset = validate(
        loaded,
        &mut problems,
        want_warnings.then_some(&mut warnings),
    );
    let by_place =
        |a: &Problem, b: &Problem| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column));
    problems.sort_by(by_place);
    warnings.sort_by(by_place);
    match dataset {
        Some(dataset) if problems.is_empty() => Ok((dataset, warnings)),
        _ => Err(Problems(problems)),
    }
}
