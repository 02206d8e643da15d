//! When each actor last changed in the record (the second clock), for the
//! dashboard's last-change sort: read from the history index, so it costs
//! one pass over the indexed commits, not a walk of git's trees.

use std::collections::HashMap;

use super::{History, HistoryError};
use crate::store::load::ACTORS;

impl History {
    /// Each actor's newest commit touching its file, as seconds since the
    /// epoch, by actor id (the file's name). An actor whose file was
    /// renamed counts from the commit that gave it its present name; one
    /// never committed is absent. `progress` hears how many commits were
    /// read while the index is built.
    pub fn last_touches(
        &self,
        progress: &mut dyn FnMut(usize),
    ) -> Result<HashMap<String, i64>, HistoryError> {
        let mut touched = HashMap::new();
        let Some(index) = self.index(progress)? else {
            return Ok(touched);
        };
        // Newest first: the first commit seen for a file is its last change.
        for commit in &index.commits {
            for file in &commit.files {
                let Some(id) = file.new_path.as_deref().and_then(actor_id) else {
                    continue;
                };
                touched.entry(id.to_string()).or_insert(commit.time);
            }
        }
        Ok(touched)
    }
}

/// The actor id a dataset path names (`actors/u/united-states.ron`).
fn actor_id(path: &str) -> Option<&str> {
    let rest = path.strip_prefix(ACTORS)?.strip_prefix('/')?;
    let name = rest.rsplit('/').next()?;
    name.strip_suffix(".ron")
}

#[cfg(test)]
mod tests {
    use super::actor_id;

    #[test]
    fn an_actor_file_names_its_id() {
        assert_eq!(
            actor_id("actors/u/united-states.ron"),
            Some("united-states")
        );
        assert_eq!(actor_id("actors/united-states.ron"), Some("united-states"));
        assert_eq!(actor_id("recommendations.ron"), None);
        assert_eq!(actor_id("actors/u/notes.txt"), None);
    }
}
