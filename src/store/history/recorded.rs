//! The dataset as it was recorded at a commit: the second clock's answer to
//! "what did our tracker say then?".

use git2::Oid;

use super::{History, HistoryError};
use crate::model::Dataset;
use crate::store::edit::commit_id;

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
    /// its files from git's objects (never the working tree).
    pub fn dataset_at(&mut self, id: Oid) -> Result<Recorded, HistoryError> {
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
