//! A whole dataset: the manifest, the recommendations and the actors.

use super::{Actor, Manifest, Recommendation};

/// Everything a working group tracks, as loaded from one dataset folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// `reconvene.ron`.
    pub manifest: Manifest,
    /// `recommendations.ron`, in the blueprint's order.
    pub recommendations: Vec<Recommendation>,
    /// One per actor file, sorted by kind then name (the dashboard's order).
    pub actors: Vec<Actor>,
}

impl Dataset {
    /// Builds a dataset and puts the actors in the dashboard's order.
    pub fn new(
        manifest: Manifest,
        recommendations: Vec<Recommendation>,
        mut actors: Vec<Actor>,
    ) -> Self {
        sort_actors(&mut actors);
        Dataset {
            manifest,
            recommendations,
            actors,
        }
    }

    /// The actor with this id.
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }

    /// The recommendation with this id.
    pub fn recommendation(&self, id: &str) -> Option<&Recommendation> {
        self.recommendations.iter().find(|r| r.id == id)
    }

    /// The number of commitments recorded across all actors.
    pub fn commitment_count(&self) -> usize {
        self.actors.iter().map(|a| a.commitments.len()).sum()
    }

    /// Replaces (or adds) an actor, keeping the dashboard's order.
    pub fn upsert_actor(&mut self, actor: Actor) {
        match self.actors.iter_mut().find(|a| a.id == actor.id) {
            Some(slot) => *slot = actor,
            None => {
                self.actors.push(actor);
                sort_actors(&mut self.actors);
            }
        }
    }
}

fn sort_actors(actors: &mut [Actor]) {
    actors.sort_by(|a, b| {
        (a.kind, a.name.to_lowercase(), &a.id).cmp(&(b.kind, b.name.to_lowercase(), &b.id))
    });
}
