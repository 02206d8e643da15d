//! The recommendations (`recommendations.ron`).

use serde::{Deserialize, Serialize};

/// The stakeholder groups a recommendation can be addressed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Stakeholder {
    /// States and intergovernmental bodies.
    Governments,
    /// Companies and industry coalitions.
    Industry,
    /// NGOs, think tanks, academia.
    CivilSociety,
}

impl Stakeholder {
    /// Every group, in the order the blueprint addresses them.
    pub const ALL: [Stakeholder; 3] = [
        Stakeholder::Governments,
        Stakeholder::Industry,
        Stakeholder::CivilSociety,
    ];

    /// A human label.
    pub fn label(self) -> &'static str {
        match self {
            Stakeholder::Governments => "Governments",
            Stakeholder::Industry => "Industry",
            Stakeholder::CivilSociety => "Civil society",
        }
    }
}

/// One of the blueprint's recommendations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    /// A slug (`blacklist`); commitments are keyed by it.
    pub id: String,
    /// The recommendation's title as the blueprint gives it.
    pub title: String,
    /// What it asks, in the project's own words.
    pub summary: String,
    /// Who it is addressed to; an actor is graded on it when its group is here.
    pub addressed_to: Vec<Stakeholder>,
    /// Whether the Tech Accord's announced government tracker covers it.
    #[serde(default)]
    pub tracked: bool,
}

impl Recommendation {
    /// Whether the recommendation is addressed to `group`.
    pub fn is_addressed_to(&self, group: Stakeholder) -> bool {
        self.addressed_to.contains(&group)
    }
}
