//! An edit of one commitment, as the user made it: what the form, `set`, a
//! kept draft and the save all pass around.

use serde::{Deserialize, Serialize};

use super::Commitment;

/// One commitment edited by a coordinator: what they loaded, what they want.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edit {
    /// The actor's id.
    pub actor: String,
    /// The recommendation's id.
    pub recommendation: String,
    /// The commitment as the user loaded it before editing (`None`: there
    /// was none). A save refuses if the tip no longer holds exactly this.
    pub base: Option<Commitment>,
    /// The commitment as the user wants it.
    pub new: Commitment,
    /// The commit message's first line (or more); empty for the default from
    /// [`describe`]. The `Actor:`/`Recommendation:` trailers are added.
    pub message: String,
    /// The commit the user loaded from, to tell whether someone else
    /// committed in between (`None`: an unborn branch).
    pub loaded_from: Option<CommitId>,
}

/// A coordinator's last edit of a commitment, as undo would revert it: what
/// the commit changed, when, and the commitment on either side of it.
#[derive(Debug, Clone, PartialEq)]
pub struct LastEdit {
    /// The commit that made the edit.
    pub commit: CommitId,
    /// When it was committed, on the committer's own clock (its offset).
    pub when: chrono::NaiveDateTime,
    /// The commit message's first line ("United States · blacklist:
    /// Initiated → Implemented").
    pub summary: String,
    /// The actor's id.
    pub actor: String,
    /// The recommendation's id.
    pub recommendation: String,
    /// The commitment before the edit (`None`: there was none).
    pub before: Option<Commitment>,
    /// The commitment the edit wrote (`None`: it removed it).
    pub after: Option<Commitment>,
}

/// Who last changed a commitment, and when (the tip's history of its
/// file): what a conflict names so the user knows whose work they see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastChange {
    /// The commit author's name.
    pub author: String,
    /// When it was committed, in UTC, to the minute ("2024-11-12 09:30 UTC").
    pub when: String,
}

/// A commit's id as hexadecimal text (git's object id), kept as a plain value
/// so that the layers above the store need nothing of git.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CommitId(String);

impl CommitId {
    /// The id in `hex` (40 or 64 hexadecimal digits, any case), or `None`.
    pub fn new(hex: &str) -> Option<CommitId> {
        let valid = matches!(hex.len(), 40 | 64) && hex.bytes().all(|b| b.is_ascii_hexdigit());
        valid.then(|| CommitId(hex.to_ascii_lowercase()))
    }

    /// An id that names no commit (all zeros, as git writes for "none").
    pub fn unknown() -> CommitId {
        CommitId("0".repeat(40))
    }

    /// The full id.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first seven digits, as people quote a commit.
    pub fn short(&self) -> &str {
        self.0.get(..7).unwrap_or(&self.0)
    }
}

impl std::fmt::Display for CommitId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::CommitId;

    #[test]
    fn a_commit_id_is_hex_of_git_lengths() {
        let id = CommitId::new("ABCDEF0123456789abcdef0123456789abcdef01");
        assert_eq!(id.as_ref().map(CommitId::short), Some("abcdef0"));
        assert_eq!(CommitId::new("abc"), None);
        assert_eq!(CommitId::new(&"g".repeat(40)), None);
    }
}
