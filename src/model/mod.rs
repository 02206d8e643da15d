//! The domain: a working group's recommendations, the actors who act on them,
//! their commitments, and the arithmetic of progress.
//!
//! Pure data: nothing here touches files, git or the terminal.

mod actor;
mod change;
mod dataset;
mod date;
mod manifest;
mod progress;
mod recommendation;
mod status;

pub use actor::{Actor, ActorKind, Commitment, Evidence, Provenance, Role};
pub use change::describe_change;
pub use dataset::Dataset;
pub use date::{Day, PartialDate};
pub use manifest::{Blueprint, Manifest, Milestone};
pub use progress::{Progress, StatusCounts};
pub use recommendation::{Recommendation, Stakeholder};
pub use status::Status;

/// Whether `c` must never reach a terminal as is: C0 and C1 controls, DEL,
/// and the bidirectional overrides that make a line read differently from
/// its bytes. Every place that prints text from the data replaces these.
pub fn is_unprintable(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether `id` is a valid id: a lowercase slug (`a-z`, `0-9`, single `-`
/// between words), as used for actors and recommendations and their files.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    #[test]
    fn slugs_are_lowercase_words_joined_by_single_dashes() {
        assert!(super::is_slug("united-states"));
        assert!(super::is_slug("g7"));
        assert!(!super::is_slug("United-States"));
        assert!(!super::is_slug("united--states"));
        assert!(!super::is_slug("-x"));
        assert!(!super::is_slug("a/b"));
        assert!(!super::is_slug(""));
    }
}
