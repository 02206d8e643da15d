//! Where a hit is, and how the hit list names it.

use crate::model::{ActorKind, Commitment, Dataset};

/// Where a hit is: the field, and the actor, recommendation or evidence
/// item (indices into the dataset) that holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    /// An actor's name.
    Name {
        /// The actor.
        actor: usize,
    },
    /// One of an actor's former or printed names.
    Alias {
        /// The actor.
        actor: usize,
        /// Which of its aliases.
        alias: usize,
    },
    /// An actor's country.
    Country {
        /// The actor.
        actor: usize,
    },
    /// A recommendation's title.
    Title {
        /// The recommendation.
        recommendation: usize,
    },
    /// A recommendation's summary.
    Summary {
        /// The recommendation.
        recommendation: usize,
    },
    /// The note of a commitment.
    Note {
        /// The actor.
        actor: usize,
        /// The recommendation the commitment is on.
        recommendation: usize,
    },
    /// The title of an evidence item.
    Evidence {
        /// The actor.
        actor: usize,
        /// The recommendation the commitment is on.
        recommendation: usize,
        /// Which evidence item of the commitment.
        item: usize,
    },
    /// Who published an evidence item.
    Source {
        /// The actor.
        actor: usize,
        /// The recommendation the commitment is on.
        recommendation: usize,
        /// Which evidence item of the commitment.
        item: usize,
    },
}

impl Place {
    /// The actor this place belongs to, if any.
    pub fn actor(self) -> Option<usize> {
        match self {
            Place::Name { actor }
            | Place::Alias { actor, .. }
            | Place::Country { actor }
            | Place::Note { actor, .. }
            | Place::Evidence { actor, .. }
            | Place::Source { actor, .. } => Some(actor),
            Place::Title { .. } | Place::Summary { .. } => None,
        }
    }

    /// The recommendation this place is about, if any.
    pub fn recommendation(self) -> Option<usize> {
        match self {
            Place::Title { recommendation }
            | Place::Summary { recommendation }
            | Place::Note { recommendation, .. }
            | Place::Evidence { recommendation, .. }
            | Place::Source { recommendation, .. } => Some(recommendation),
            Place::Name { .. } | Place::Alias { .. } | Place::Country { .. } => None,
        }
    }

    /// The text of the field, as the dataset holds it (`None` when the
    /// dataset no longer has it).
    pub fn text(self, dataset: &Dataset) -> Option<&str> {
        let actor = |a: usize| dataset.actors.get(a);
        let recommendation = |r: usize| dataset.recommendations.get(r);
        let commitment = |a: usize, r: usize| -> Option<&Commitment> {
            actor(a)?.commitment(&recommendation(r)?.id)
        };
        match self {
            Place::Name { actor: a } => actor(a).map(|a| a.name.as_str()),
            Place::Alias { actor: a, alias } => actor(a)?.aliases.get(alias).map(String::as_str),
            Place::Country { actor: a } => actor(a)?.country.as_deref(),
            Place::Title { recommendation: r } => recommendation(r).map(|r| r.title.as_str()),
            Place::Summary { recommendation: r } => recommendation(r).map(|r| r.summary.as_str()),
            Place::Note {
                actor: a,
                recommendation: r,
            } => commitment(a, r).map(|c| c.note.as_str()),
            Place::Evidence {
                actor: a,
                recommendation: r,
                item,
            } => commitment(a, r)?
                .evidence
                .get(item)
                .map(|e| e.title.as_str()),
            Place::Source {
                actor: a,
                recommendation: r,
                item,
            } => commitment(a, r)?
                .evidence
                .get(item)
                .map(|e| e.source.as_str()),
        }
    }

    /// What kind of hit this is and whose, in words: "actor · government",
    /// "alias of Durban University of Technology", "recommendation 10",
    /// "note · France · oversight", "evidence · Apple · blacklist · 2021-11".
    pub fn describe(self, dataset: &Dataset) -> String {
        let name = |a: usize| dataset.actors.get(a).map_or("?", |a| a.name.as_str());
        let rec_id = |r: usize| {
            dataset
                .recommendations
                .get(r)
                .map_or("?", |r| r.id.as_str())
        };
        let rec_title = |r: usize| {
            dataset
                .recommendations
                .get(r)
                .map_or("?", |r| r.title.as_str())
        };
        match self {
            Place::Name { actor } => {
                let kind = dataset.actors.get(actor).map_or("", |a| kind_word(a.kind));
                format!("actor · {kind}")
            }
            Place::Alias { actor, .. } => format!("alias of {}", name(actor)),
            Place::Country { actor } => format!("country of {}", name(actor)),
            Place::Title { recommendation } => format!("recommendation {}", recommendation + 1),
            Place::Summary { recommendation } => format!(
                "summary of recommendation {} · {}",
                recommendation + 1,
                rec_title(recommendation)
            ),
            Place::Note {
                actor,
                recommendation,
            } => format!("note · {} · {}", name(actor), rec_id(recommendation)),
            Place::Evidence {
                actor,
                recommendation,
                item,
            } => {
                let date = dataset
                    .actors
                    .get(actor)
                    .and_then(|a| a.commitment(rec_id(recommendation)))
                    .and_then(|c| c.evidence.get(item))
                    .and_then(|e| e.date)
                    .map(|d| format!(" · {d}"))
                    .unwrap_or_default();
                format!(
                    "evidence · {} · {}{date}",
                    name(actor),
                    rec_id(recommendation)
                )
            }
            Place::Source {
                actor,
                recommendation,
                ..
            } => format!(
                "evidence source · {} · {}",
                name(actor),
                rec_id(recommendation)
            ),
        }
    }
}

fn kind_word(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Government => "government",
        ActorKind::Intergovernmental => "intergovernmental body",
        ActorKind::Industry => "industry",
        ActorKind::CivilSociety => "civil society",
        ActorKind::Academia => "academia",
    }
}
