//! Actors (`actors/<letter>/<id>.ron`) and their commitments.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Day, PartialDate, Stakeholder, Status};

/// What sort of actor this is; decides which recommendations grade it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ActorKind {
    /// A state.
    Government,
    /// A body of states (the EU, the Wassenaar Arrangement, a UN office).
    Intergovernmental,
    /// A company or an industry coalition.
    Industry,
    /// An NGO, think tank or foundation.
    CivilSociety,
    /// A university or research institute.
    Academia,
}

impl ActorKind {
    /// Every kind, in the order the dashboard groups them.
    pub const ALL: [ActorKind; 5] = [
        ActorKind::Government,
        ActorKind::Intergovernmental,
        ActorKind::Industry,
        ActorKind::CivilSociety,
        ActorKind::Academia,
    ];

    /// The stakeholder group the blueprint addresses this kind of actor as.
    pub fn stakeholder(self) -> Stakeholder {
        match self {
            ActorKind::Government | ActorKind::Intergovernmental => Stakeholder::Governments,
            ActorKind::Industry => Stakeholder::Industry,
            ActorKind::CivilSociety | ActorKind::Academia => Stakeholder::CivilSociety,
        }
    }

    /// The name as written in the data files.
    pub fn name(self) -> &'static str {
        match self {
            ActorKind::Government => "Government",
            ActorKind::Intergovernmental => "Intergovernmental",
            ActorKind::Industry => "Industry",
            ActorKind::CivilSociety => "CivilSociety",
            ActorKind::Academia => "Academia",
        }
    }

    /// A plural heading for the dashboard's groups.
    pub fn heading(self) -> &'static str {
        match self {
            ActorKind::Government => "Governments",
            ActorKind::Intergovernmental => "Intergovernmental bodies",
            ActorKind::Industry => "Industry",
            ActorKind::CivilSociety => "Civil society",
            ActorKind::Academia => "Academia",
        }
    }

    /// Whether the government tracker lists this kind of actor.
    pub fn is_governmental(self) -> bool {
        self.stakeholder() == Stakeholder::Governments
    }
}

/// An actor's place in the working group, as the blueprint prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// A member marked as co-chair.
    CoChair,
    /// A member of the working group.
    Member,
    /// An observer of the working group.
    Observer,
}

impl Role {
    /// A human label.
    pub fn label(self) -> &'static str {
        match self {
            Role::CoChair => "Co-chair",
            Role::Member => "Member",
            Role::Observer => "Observer",
        }
    }
}

/// A stakeholder whose commitments are tracked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// A slug; also the file's name (`united-states` → `actors/u/united-states.ron`).
    pub id: String,
    /// The display name: the actor's current official name.
    pub name: String,
    /// Other names it was known by (the one a source printed, a former name),
    /// so that a search or a reader of the source still finds it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// What sort of actor it is.
    pub kind: ActorKind,
    /// Its country, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Its role in the working group, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// Its commitments, keyed by recommendation id.
    #[serde(default)]
    pub commitments: BTreeMap<String, Commitment>,
}

/// Where an actor stands on one recommendation, and why we think so.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    /// The grade.
    pub status: Status,
    /// What the grade rests on, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// The coordinators' note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// When the grade was last assessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessed: Option<Day>,
}

/// Whether a piece of evidence comes from the actor itself or from others.
///
/// The Christchurch Call's lesson: keep self-reports apart from independent
/// assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Provenance {
    /// Published by the actor about itself.
    SelfReported,
    /// Published by someone else (press, researchers, another body).
    #[default]
    Independent,
}

impl Provenance {
    /// A human label.
    pub fn label(self) -> &'static str {
        match self {
            Provenance::SelfReported => "self-reported",
            Provenance::Independent => "independent",
        }
    }
}

/// A dated, sourced fact a grade rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// The document's title.
    pub title: String,
    /// Who published it.
    pub source: String,
    /// When, as precisely as known; absent when not found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// Where it can be read, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Self-reported or independent.
    pub provenance: Provenance,
    /// The grade this item shows on its own (GRADING.md, rule 1); a
    /// commitment's grade as of a date is computed from these.
    #[serde(default)]
    pub supports: Status,
}

impl Actor {
    /// The actor's file path inside the dataset folder, in its letter folder.
    pub fn relative_path(&self) -> String {
        Actor::path_for(&self.id)
    }

    /// The file path for an actor id: `actors/<first letter>/<id>.ron`.
    pub fn path_for(id: &str) -> String {
        let letter = id.chars().next().unwrap_or('_');
        format!("actors/{letter}/{id}.ron")
    }

    /// The commitment on `recommendation`, if the dataset records one.
    pub fn commitment(&self, recommendation: &str) -> Option<&Commitment> {
        self.commitments.get(recommendation)
    }

    /// The status on `recommendation`; `NoEvidence` when nothing is recorded.
    pub fn status_on(&self, recommendation: &str) -> Status {
        self.commitment(recommendation)
            .map(|c| c.status)
            .unwrap_or_default()
    }
}
