//! Progress: the weighted share of the way to `Implemented` over the
//! commitments that apply to an actor.

use super::{Actor, Dataset, Recommendation, Status};

/// How many commitments stand at each status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StatusCounts([usize; Status::ALL.len()]);

impl StatusCounts {
    /// The count for one status.
    pub fn get(&self, status: Status) -> usize {
        self.0[status as usize]
    }

    /// Counts one more commitment at `status`.
    pub fn add(&mut self, status: Status) {
        self.0[status as usize] += 1;
    }

    /// Every status with its count, in the scale's order.
    pub fn iter(&self) -> impl Iterator<Item = (Status, usize)> + '_ {
        Status::ALL.into_iter().map(|s| (s, self.get(s)))
    }
}

/// An actor's (or the whole dataset's) progress.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Progress {
    /// Commitments at each status, over the recommendations that grade the actor.
    pub counts: StatusCounts,
    /// Sum of the weights of the applicable commitments.
    weighted: f64,
    /// How many commitments count (all graded ones but `NotApplicable`).
    pub applicable: usize,
}

impl Progress {
    /// The share of the way to full implementation, 0.0–1.0; `None` when no
    /// commitment applies.
    pub fn share(&self) -> Option<f64> {
        (self.applicable > 0).then(|| self.weighted / self.applicable as f64)
    }

    /// The share as a whole percentage, 0 when nothing applies.
    pub fn percent(&self) -> u16 {
        (self.share().unwrap_or(0.0) * 100.0).round() as u16
    }

    fn count(&mut self, status: Status) {
        self.counts.add(status);
        if let Some(weight) = status.weight() {
            self.weighted += weight;
            self.applicable += 1;
        }
    }

    /// Takes one commitment at `status` back out: the progress-over-time
    /// sweep moves a cell from its old grade to its new one. Weights are
    /// quarters, exact in binary, so taking out undoes adding exactly.
    pub(crate) fn uncount(&mut self, status: Status) {
        if let Some(n) = self.counts.0.get_mut(status as usize) {
            *n = n.saturating_sub(1);
        }
        if let Some(weight) = status.weight() {
            self.weighted -= weight;
            self.applicable = self.applicable.saturating_sub(1);
        }
    }

    /// Adds one commitment at `status` (the sweep's counterpart of
    /// [`Progress::uncount`]).
    pub(crate) fn recount(&mut self, status: Status) {
        self.count(status);
    }

    /// Adds `other`'s commitments to these (the progress of a set of actors).
    pub fn merge(&mut self, other: &Progress) {
        for (status, n) in other.counts.iter() {
            self.counts.0[status as usize] += n;
        }
        self.weighted += other.weighted;
        self.applicable += other.applicable;
    }
}

/// Whether `recommendation` grades `actor`: it is addressed to the actor's
/// stakeholder group, or the dataset records a commitment anyway.
pub fn grades(actor: &Actor, recommendation: &Recommendation) -> bool {
    recommendation.is_addressed_to(actor.kind.stakeholder())
        || actor.commitments.contains_key(&recommendation.id)
}

impl Actor {
    /// The actor's progress over the recommendations that grade it.
    pub fn progress(&self, recommendations: &[Recommendation]) -> Progress {
        let mut progress = Progress::default();
        for recommendation in recommendations.iter().filter(|r| grades(self, r)) {
            progress.count(self.status_on(&recommendation.id));
        }
        progress
    }

    /// The actor's progress as of the end of `as_of`, on the first clock:
    /// each cell graded by [`Actor::grade_as_of`] rather than its recorded status.
    pub fn progress_as_of(
        &self,
        recommendations: &[Recommendation],
        as_of: chrono::NaiveDate,
    ) -> Progress {
        let mut progress = Progress::default();
        for recommendation in recommendations.iter().filter(|r| grades(self, r)) {
            progress.count(self.grade_as_of(&recommendation.id, as_of));
        }
        progress
    }

    /// Whether `recommendation` counts towards this actor's progress.
    pub fn is_graded_on(&self, recommendation: &Recommendation) -> bool {
        grades(self, recommendation)
    }
}

impl Dataset {
    /// Progress over every applicable commitment of every actor.
    pub fn overall_progress(&self) -> Progress {
        let mut total = Progress::default();
        for actor in &self.actors {
            total.merge(&actor.progress(&self.recommendations));
        }
        total
    }

    /// Progress over every applicable commitment as of the end of `as_of`,
    /// on the first clock (the time views and the report ask this).
    pub fn overall_progress_as_of(&self, as_of: chrono::NaiveDate) -> Progress {
        let mut total = Progress::default();
        for actor in &self.actors {
            total.merge(&actor.progress_as_of(&self.recommendations, as_of));
        }
        total
    }

    /// Progress of the actors graded on one recommendation.
    pub fn recommendation_progress(&self, recommendation: &Recommendation) -> Progress {
        let mut progress = Progress::default();
        for actor in self.actors.iter().filter(|a| grades(a, recommendation)) {
            progress.count(actor.status_on(&recommendation.id));
        }
        progress
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::model::{ActorKind, Commitment, Stakeholder};

    fn rec(id: &str, to: &[Stakeholder]) -> Recommendation {
        Recommendation {
            id: id.into(),
            title: id.into(),
            summary: String::new(),
            addressed_to: to.to_vec(),
            tracked: false,
        }
    }

    fn actor(kind: ActorKind, commitments: &[(&str, Status)]) -> Actor {
        Actor {
            id: "x".into(),
            name: "X".into(),
            aliases: Vec::new(),
            kind,
            country: None,
            role: None,
            commitments: commitments
                .iter()
                .map(|(r, s)| {
                    (
                        r.to_string(),
                        Commitment {
                            status: *s,
                            ..Default::default()
                        },
                    )
                })
                .collect::<BTreeMap<_, _>>(),
        }
    }

    #[test]
    fn a_company_is_not_graded_on_government_recommendations() {
        let recs = [
            rec("export", &[Stakeholder::Governments]),
            rec("vulns", &[Stakeholder::Industry]),
        ];
        let company = actor(ActorKind::Industry, &[("vulns", Status::Implemented)]);
        let progress = company.progress(&recs);
        assert_eq!(progress.applicable, 1);
        assert_eq!(progress.percent(), 100);
    }

    #[test]
    fn a_recorded_commitment_grades_the_actor_even_when_not_addressed_to_it() {
        let recs = [
            rec("export", &[Stakeholder::Governments]),
            rec("vulns", &[Stakeholder::Industry]),
        ];
        let company = actor(ActorKind::Industry, &[("export", Status::Initiated)]);
        let progress = company.progress(&recs);
        // vulns counts as NoEvidence, export as Initiated (0.5): (0 + 0.5) / 2.
        assert_eq!(progress.applicable, 2);
        assert_eq!(progress.percent(), 25);
        assert_eq!(progress.counts.get(Status::NoEvidence), 1);
    }

    #[test]
    fn not_applicable_is_counted_but_left_out_of_the_share() {
        let recs = [
            rec("a", &[Stakeholder::Governments]),
            rec("b", &[Stakeholder::Governments]),
        ];
        let state = actor(
            ActorKind::Government,
            &[("a", Status::Substantial), ("b", Status::NotApplicable)],
        );
        let progress = state.progress(&recs);
        assert_eq!(progress.applicable, 1);
        assert_eq!(progress.percent(), 75);
        assert_eq!(progress.counts.get(Status::NotApplicable), 1);
    }

    #[test]
    fn progress_as_of_a_date_counts_only_the_evidence_dated_by_then() {
        use crate::model::{Evidence, PartialDate, Provenance};
        let recs = [
            rec("a", &[Stakeholder::Governments]),
            rec("b", &[Stakeholder::Governments]),
        ];
        let mut state = actor(
            ActorKind::Government,
            &[("a", Status::Implemented), ("b", Status::NotApplicable)],
        );
        let item = |date: &str, supports| Evidence {
            title: date.into(),
            source: "s".into(),
            date: PartialDate::parse(date).ok(),
            url: None,
            provenance: Provenance::Independent,
            supports,
        };
        if let Some(c) = state.commitments.get_mut("a") {
            c.evidence = vec![
                item("2023-03", Status::Substantial),
                item("2024-03-05", Status::Implemented),
            ];
        }
        let day = |text: &str| {
            chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or(chrono::NaiveDate::MIN)
        };
        assert_eq!(state.progress_as_of(&recs, day("2023-03-30")).percent(), 0);
        assert_eq!(state.progress_as_of(&recs, day("2023-03-31")).percent(), 75);
        let at_forum = state.progress_as_of(&recs, day("2024-11-11"));
        assert_eq!(at_forum.percent(), 100);
        assert_eq!(at_forum.counts.get(Status::NotApplicable), 1);
        assert_eq!(
            state.grade_as_of("b", day("2024-11-11")),
            Status::NotApplicable
        );
        assert_eq!(
            state.grade_as_of("c", day("2024-11-11")),
            Status::NoEvidence
        );
    }

    #[test]
    fn nothing_applicable_has_no_share() {
        let state = actor(ActorKind::Government, &[]);
        assert_eq!(state.progress(&[]).share(), None);
    }
}
