//! The domain: a working group's recommendations, the actors who act on them,
//! their commitments, the arithmetic of progress, and the plain values every
//! layer passes around (an edit, an identity, a problem found in a file).
//!
//! Pure data: nothing here touches files, git or the terminal.

mod actor;
mod arrival;
mod change;
mod commit;
mod dataset;
mod date;
mod delta;
mod edit;
mod filter;
mod grade;
mod identity;
mod manifest;
mod problem;
mod progress;
mod recommendation;
mod record;
mod search;
mod series;
mod status;
mod text;
mod warning;

pub use actor::{Actor, ActorKind, Commitment, Evidence, Provenance, Role};
pub use arrival::Arrival;
pub use change::describe_change;
pub use commit::RecordedCommit;
pub use dataset::Dataset;
pub use date::{Day, PartialDate};
pub use delta::{Direction, Move};
pub use edit::{CommitId, Edit, LastChange, LastEdit};
pub use filter::{Filter, FilterError};
pub use grade::grade_as_of;
pub use identity::Identity;
pub use manifest::{Blueprint, Manifest, Milestone};
pub use problem::{Problem, Problems};
pub use progress::{Progress, StatusCounts};
pub use recommendation::{Recommendation, Stakeholder};
pub use record::{
    Activity, ActivityWeek, Field, FieldChange, actor_changes, evidence_label, summarize_changes,
};
pub use search::{Hit, Hits, How, Place, SHOWN, SearchIndex, fold};
pub use series::{GroupProgress, ProgressPoint, ProgressSeries, story_start};
pub use status::Status;
pub use text::{
    TAB_STOP, cut_to_width, expand_tabs, fit_to_width, has_agreed_width, is_unprintable, width,
    with_agreed_widths,
};
pub use warning::{Concern, Warning};

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
