//! The dataset as it was recorded at a commit: the second clock's answer to
//! "what did our tracker say then?".

use git2::Oid;

use super::{History, HistoryError};
use crate::model::{Actor, Dataset};
use crate::store::edit::commit_id;
use crate::store::load::{MANIFEST, RECOMMENDATIONS, is_actor_path, load_checked};

/// A dataset as recorded at one commit.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// The commit it was read from.
    pub commit: Oid,
    /// The dataset then.
    pub dataset: Dataset,
}

impl History {
    /// Loads and validates the dataset as recorded at commit `id`, reading
    /// its files from git's objects (never the working tree). Actor files
    /// are parsed once per blob id for the life of this `History`, so once
    /// one dataset is in hand (the present one, say) another commit's costs
    /// only the files that differ from it.
    pub fn dataset_at(&mut self, id: Oid) -> Result<Recorded, HistoryError> {
        let files = self.files(id)?;
        let mut manifest = None;
        let mut recommendations = None;
        let mut actors = Vec::with_capacity(files.len());
        for (path, blob) in files {
            match path.as_str() {
                MANIFEST => manifest = Some(blob),
                RECOMMENDATIONS => recommendations = Some(blob),
                _ if is_actor_path(&path) => actors.push((path, blob)),
                _ => {}
            }
        }
        actors.sort();
        self.blobs.parse_all(&self.repo, &actors);
        let checked: Option<Vec<(String, Actor)>> = actors
            .iter()
            .map(|(path, blob)| {
                let parsed = self.blobs.cached(*blob)?;
                let actor = parsed.actor.as_ref().ok().filter(|_| parsed.checked)?;
                Some((path.clone(), actor.clone()))
            })
            .collect();
        let bytes = |blob: Option<Oid>| -> Result<Option<Vec<u8>>, HistoryError> {
            Ok(match blob {
                Some(blob) => Some(self.repo.find_blob(blob)?.content().to_vec()),
                None => None,
            })
        };
        let (manifest, recommendations) = (bytes(manifest)?, bytes(recommendations)?);
        if let Some(actors) = checked
            && let Ok(dataset) =
                load_checked(manifest.as_deref(), recommendations.as_deref(), actors)
        {
            return Ok(Recorded {
                commit: id,
                dataset,
            });
        }
        // Something is wrong with it: read every file again, keeping its
        // text, to say where each problem is.
        self.located(id)
    }

    /// The dataset at commit `id` loaded from its files' bytes, every
    /// problem located.
    fn located(&mut self, id: Oid) -> Result<Recorded, HistoryError> {
        let files = self.files(id)?;
        let mut contents = Vec::with_capacity(files.len());
        for (path, blob) in files {
            contents.push((path, self.repo.find_blob(blob)?.content().to_vec()));
        }
        let dataset = crate::store::load_files(
            contents
                .iter()
                .map(|(path, bytes)| (path.as_str(), bytes.as_slice())),
        )
        .map_err(|problems| HistoryError::Invalid {
            commit: commit_id(id),
            problems,
        })?;
        Ok(Recorded {
            commit: id,
            dataset,
        })
    }
}
