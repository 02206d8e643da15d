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
pub(crate) struct ActorBlobs {
    parsed: HashMap<Oid, ParsedActor>,
    /// How many versions a walk may keep (see [`WALK_LIMIT`]).
    limit: usize,
}

/// How many parsed versions a walk keeps before it starts afresh. A walk
/// over 20,000 commits reads tens of thousands of versions, each a few
/// kilobytes parsed; keeping them all took the screen past 300 MB at 12,000
/// actors. A walk compares each version with the one before it, so starting
/// afresh costs at most one parse again. (A dataset as recorded needs every
/// file at once and is not bounded by it.)
const WALK_LIMIT: usize = 4096;

impl Default for ActorBlobs {
    fn default() -> ActorBlobs {
        ActorBlobs {
            parsed: HashMap::new(),
            limit: WALK_LIMIT,
        }
    }
}

impl ActorBlobs {
    /// The actor in blob `id` (at `path` in the dataset folder), parsed once
    /// while the cache holds it.
    pub fn get(&mut self, repo: &Repository, path: &str, id: Oid) -> &ParsedActor {
        if self.parsed.len() >= self.limit && !self.parsed.contains_key(&id) {
            self.parsed.clear();
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A repository holding one blob per text, and their ids.
    fn blobs(texts: &[&str]) -> (tempfile::TempDir, Repository, Vec<Oid>) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let repo = Repository::init(dir.path()).expect("a repository");
        let ids = texts
            .iter()
            .map(|text| repo.blob(text.as_bytes()).expect("a blob"))
            .collect();
        (dir, repo, ids)
    }

    #[test]
    fn a_walk_keeps_at_most_its_limit_and_still_reads_every_version_right() {
        let texts = [
            r#"(id: "a", name: "Alpha", kind: Government)"#,
            r#"(id: "b", name: "Beta", kind: Government)"#,
            r#"(id: "c", name: "Gamma", kind: Government)"#,
        ];
        let (_dir, repo, ids) = blobs(&texts);
        let mut cache = ActorBlobs {
            parsed: HashMap::new(),
            limit: 2,
        };
        for round in 0..2 {
            for (id, name) in ids.iter().zip(["Alpha", "Beta", "Gamma"]) {
                let parsed = cache.get(&repo, "actors/x.ron", *id);
                let actor = parsed.actor.as_ref().map(|a| a.name.as_str());
                assert_eq!(actor.ok(), Some(name), "round {round}");
                assert!(cache.parsed.len() <= 2, "{}", cache.parsed.len());
            }
        }
    }
}
