//! The manifest (`reconvene.ron`): what the working group is and its calendar.

use serde::{Deserialize, Serialize};

use super::Day;

/// The dataset's manifest: its title, the founding text, and dated milestones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The working group or dataset title shown in the headline.
    pub title: String,
    /// The text the recommendations come from.
    pub blueprint: Blueprint,
    /// Dated events; one of them may be the reconvening.
    #[serde(default)]
    pub milestones: Vec<Milestone>,
}

/// The founding document whose recommendations are tracked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Blueprint {
    /// Its title.
    pub title: String,
    /// Who published it.
    pub publisher: String,
    /// When it was published.
    pub published: Day,
    /// Where it can be read, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A dated event in the group's calendar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// A slug naming it (`paris-peace-forum-2024`), usable in `--as-of`.
    pub id: String,
    /// What happened.
    pub title: String,
    /// The first day.
    pub date: Day,
    /// The last day, for events that last several days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Day>,
    /// Where, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Whether this is the reconvening where stakeholders were invited to
    /// report progress (a planned event; see `outcome` for what is known).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reconvening: bool,
    /// One short line on what is known to have come of it, when anything is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
}

impl Manifest {
    /// The milestone marked as the reconvening, if any.
    pub fn reconvening(&self) -> Option<&Milestone> {
        self.milestones.iter().find(|m| m.reconvening)
    }

    /// The first milestone that starts after `today`.
    pub fn next_milestone(&self, today: chrono::NaiveDate) -> Option<&Milestone> {
        self.milestones
            .iter()
            .filter(|m| m.date.0 > today)
            .min_by_key(|m| m.date)
    }
}
