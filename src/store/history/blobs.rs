//! Actor files parsed once per blob id. A blob's bytes never change, so the
//! field-level changes of many commits, and each dataset as recorded at a
//! commit, parse only the versions not seen before.

use std::collections::{HashMap, HashSet};

use git2::{Oid, Repository};

use crate::model::{Actor, Problem, Problems};
use crate::store::load::parallel_map;
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

/// A blob's bytes as read from git, or why they could not be.
type BlobBytes = Result<Vec<u8>, git2::Error>;

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
    /// core; the bytes are read from git first, on this thread, since a
    /// repository handle is not shared between threads.
    pub fn parse_all(&mut self, repo: &Repository, files: &[(String, Oid)]) {
        let mut wanted = HashSet::new();
        let missing: Vec<(&str, Oid, BlobBytes)> = files
            .iter()
            .filter(|(_, id)| !self.parsed.contains_key(id) && wanted.insert(*id))
            .map(|(path, id)| {
                let bytes = repo.find_blob(*id).map(|blob| blob.content().to_vec());
                (path.as_str(), *id, bytes)
            })
            .collect();
        let parsed = parallel_map(&missing, |(path, _, bytes)| match bytes {
            Ok(bytes) => parse(path, bytes),
            Err(error) => unreadable(path, error),
        });
        for ((_, id, _), parsed) in missing.iter().zip(parsed) {
            self.parsed.insert(*id, parsed);
        }
    }
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
