//! Actor files parsed once per blob id. A blob's bytes never change, so the
//! field-level changes of many commits, and each dataset as recorded at a
//! commit, parse only the versions not seen before.

use std::collections::{HashMap, HashSet};

use git2::{Oid, Repository};

use crate::model::{Actor, Problem, Problems};
use crate::store::parse::parse_located;

/// One actor file's version, parsed.
#[derive(Debug, Clone)]
pub(crate) struct ParsedActor {
    /// The actor, or why the file did not parse.
    pub actor: Result<Actor, Problems>,
    /// Whether the file passed every check that needs its text rather than
    /// its value (each commitment given once): a dataset made of such files
    /// is validated from the values alone.
    pub checked: bool,
}

/// The cache, by blob id.
#[derive(Default)]
pub(crate) struct ActorBlobs {
    parsed: HashMap<Oid, ParsedActor>,
}

impl ActorBlobs {
    /// The actor in blob `id` (at `path` in the dataset folder), parsed once.
    pub fn get(&mut self, repo: &Repository, path: &str, id: Oid) -> &ParsedActor {
        self.parsed
            .entry(id)
            .or_insert_with(|| match repo.find_blob(id) {
                Ok(blob) => parse(path, blob.content()),
                Err(error) => unreadable(path, &error),
            })
    }

    /// The parsed version of blob `id`, when it was parsed before.
    pub fn cached(&self, id: Oid) -> Option<&ParsedActor> {
        self.parsed.get(&id)
    }

    /// Parses every blob of `files` (path, blob id) not parsed yet, on every
    /// core: each thread reads its share of the blobs from git through a
    /// repository handle of its own (a handle is not shared between
    /// threads) and parses them as they come.
    pub fn parse_all(&mut self, repo: &Repository, files: &[(String, Oid)]) {
        let mut wanted = HashSet::new();
        let missing: Vec<(&str, Oid)> = files
            .iter()
            .filter(|(_, id)| !self.parsed.contains_key(id) && wanted.insert(*id))
            .map(|(path, id)| (path.as_str(), *id))
            .collect();
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let parsed = if cores < 2 || missing.len() < PARALLEL_FROM {
            read_and_parse(Ok(repo), &missing)
        } else {
            let git_dir = repo.path();
            let chunk = missing.len().div_ceil(cores);
            std::thread::scope(|scope| {
                let handles: Vec<_> = missing
                    .chunks(chunk)
                    .map(|part| {
                        let work = move || {
                            let own = Repository::open(git_dir);
                            read_and_parse(own.as_ref(), part)
                        };
                        std::thread::Builder::new()
                            .spawn_scoped(scope, work)
                            .map_err(|_| part)
                    })
                    .collect();
                let mut out = Vec::with_capacity(missing.len());
                for handle in handles {
                    match handle {
                        Ok(handle) => match handle.join() {
                            Ok(parsed) => out.extend(parsed),
                            Err(panic) => std::panic::resume_unwind(panic),
                        },
                        // A thread that could not start: its share is read here.
                        Err(part) => out.extend(read_and_parse(Ok(repo), part)),
                    }
                }
                out
            })
        };
        for ((_, id), parsed) in missing.iter().zip(parsed) {
            self.parsed.insert(*id, parsed);
        }
    }
}

/// Below this many blobs, starting threads costs more than it saves.
const PARALLEL_FROM: usize = 64;

/// Reads and parses `blobs` (path, id) through `repo`, in order.
fn read_and_parse(
    repo: Result<&Repository, &git2::Error>,
    blobs: &[(&str, Oid)],
) -> Vec<ParsedActor> {
    blobs
        .iter()
        .map(|(path, id)| match repo.map(|repo| repo.find_blob(*id)) {
            Ok(Ok(blob)) => parse(path, blob.content()),
            Ok(Err(error)) => unreadable(path, &error),
            Err(error) => unreadable(path, error),
        })
        .collect()
}

/// Parses one version of an actor file.
fn parse(path: &str, bytes: &[u8]) -> ParsedActor {
    match parse_located::<Actor>(path, bytes) {
        Ok(parsed) if parsed.problems.is_empty() => {
            let mut keys = HashSet::new();
            let checked = parsed.scan.map_keys().all(|key| keys.insert(&key.value));
            ParsedActor {
                actor: Ok(parsed.value),
                checked,
            }
        }
        Ok(parsed) => ParsedActor {
            actor: Err(Problems(parsed.problems)),
            checked: false,
        },
        Err(problem) => ParsedActor {
            actor: Err(Problems(vec![problem])),
            checked: false,
        },
    }
}

/// A version git could not give back.
fn unreadable(path: &str, error: &git2::Error) -> ParsedActor {
    ParsedActor {
        actor: Err(Problems(vec![Problem {
            path: path.to_string(),
            line: 1,
            column: 1,
            message: format!("cannot read this version from git: {}", error.message()),
        }])),
        checked: false,
    }
}
