//! A commit that arrived on the branch since the screen last loaded it:
//! who made it and which commitment it was about, read from its trailers.

/// One commit someone else (or another session) put on the branch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrival {
    /// The commit author's name, as git recorded it.
    pub author: String,
    /// The actor's id from the `Actor:` trailer (none on a hand commit).
    pub actor: Option<String>,
    /// The recommendation's id from the `Recommendation:` trailer.
    pub recommendation: Option<String>,
}
