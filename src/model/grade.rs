//! The grade a commitment's evidence earns as of a date (GRADING.md, rule 1):
//! the one function the dashboard, the history views, the report and the
//! validator all ask, so that they can never disagree about a cell.

use chrono::NaiveDate;

use super::{Actor, Commitment, Evidence, Status};

/// The day from which an item counts: a year or a month counts from its last
/// day (rule 7). An undated item has no place on the timeline; it counts at
/// every date, so that a fact without a known date is never silently lost.
fn counts_from(evidence: &Evidence) -> Option<NaiveDate> {
    evidence.date.map(|d| d.latest())
}

/// The grade `evidence` supports as of the end of `as_of` (`None`: all of it).
///
/// The highest grade among the items dated up to then, unless a later item
/// supports `Reversed`: a reversal stands until newer evidence raises the
/// grade again, and from then on only the newer evidence counts. Items that
/// support `NotApplicable` record a fact that does not grade this cell; they
/// give `NotApplicable` only when nothing else does. No evidence at all is
/// `NoEvidence`. Items on the same day keep their written order.
pub fn grade_as_of(evidence: &[Evidence], as_of: Option<NaiveDate>) -> Status {
    let counts = |from: Option<NaiveDate>| match (from, as_of) {
        (Some(from), Some(as_of)) => from <= as_of,
        _ => true,
    };
    // Evidence is usually written oldest first: then the written order is
    // the date order, and the cell is graded without sorting a copy (the
    // report and the time views grade hundreds of thousands of cells).
    if evidence
        .windows(2)
        .all(|pair| matches!(pair, [a, b] if counts_from(a) <= counts_from(b)))
    {
        let mut tally = Tally::default();
        for item in evidence.iter().filter(|e| counts(counts_from(e))) {
            tally.add(item.supports);
        }
        return tally.grade();
    }
    let mut dated: Vec<(Option<NaiveDate>, &Evidence)> = evidence
        .iter()
        .map(|e| (counts_from(e), e))
        .filter(|(from, _)| match (from, as_of) {
            (Some(from), Some(as_of)) => *from <= as_of,
            _ => true,
        })
        .collect();
    // Undated items sort first: they do not undo a dated reversal.
    dated.sort_by_key(|(from, _)| *from);
    let mut tally = Tally::default();
    for (_, item) in dated {
        tally.add(item.supports);
    }
    tally.grade()
}

/// The grade so far of evidence taken in date order (same-day items in
/// written order): the rule of [`grade_as_of`], one item at a time, so that
/// a sweep over the evidence dates can grade every cell as it goes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    best: Status,
    reversed: bool,
    not_applicable: bool,
}

impl Tally {
    /// Takes in the next item, which supports `supports`.
    pub(crate) fn add(&mut self, supports: Status) {
        match supports {
            Status::Reversed => {
                self.reversed = true;
                self.best = Status::NoEvidence;
            }
            Status::NotApplicable => self.not_applicable = true,
            Status::NoEvidence => {}
            grade => {
                self.reversed = false;
                self.best = self.best.max(grade);
            }
        }
    }

    /// The grade the items taken so far support.
    pub(crate) fn grade(&self) -> Status {
        if self.reversed {
            Status::Reversed
        } else if self.best == Status::NoEvidence && self.not_applicable {
            Status::NotApplicable
        } else {
            self.best
        }
    }
}

impl Commitment {
    /// The grade this commitment's evidence supports as of the end of
    /// `as_of` (`None`: all the evidence recorded). The recorded `status` is
    /// what the coordinators wrote; this is what the evidence earns.
    pub fn grade_as_of(&self, as_of: Option<NaiveDate>) -> Status {
        grade_as_of(&self.evidence, as_of)
    }

    /// The grade the evidence supports as of the commitment's own `assessed`
    /// date (all of it when the commitment was never assessed): what the
    /// recorded `status` should be.
    pub fn supported_grade(&self) -> Status {
        self.grade_as_of(self.assessed.map(|d| d.0))
    }

    /// Whether the recorded status is the one its evidence supports. A cell
    /// with nothing to show may be `NotApplicable` by the coordinators' word
    /// (its note says why).
    pub fn status_is_supported(&self) -> bool {
        let supported = self.supported_grade();
        self.status == supported
            || (self.status == Status::NotApplicable && supported == Status::NoEvidence)
    }
}

impl Actor {
    /// The grade on `recommendation` as of the end of `as_of`, on the first
    /// clock (when things happened): what the evidence dated up to then
    /// supports. A cell the coordinators ruled `NotApplicable` stays so at
    /// every date; nothing recorded is `NoEvidence`.
    pub fn grade_as_of(&self, recommendation: &str, as_of: NaiveDate) -> Status {
        first_clock_grade(self.commitment(recommendation), as_of)
    }
}

/// [`Actor::grade_as_of`] for a commitment already at hand (`None`: nothing
/// recorded), so a pass over every cell does not look each one up again.
fn first_clock_grade(commitment: Option<&Commitment>, as_of: NaiveDate) -> Status {
    match commitment {
        Some(c) if c.status == Status::NotApplicable => Status::NotApplicable,
        Some(c) => match c.grade_as_of(Some(as_of)) {
            // Evidence recorded only as context grades nothing yet.
            Status::NotApplicable => Status::NoEvidence,
            grade => grade,
        },
        None => Status::NoEvidence,
    }
}

impl crate::model::Dataset {
    /// The world as it stood at the end of `date`, on the first clock: every
    /// commitment graded by [`Actor::grade_as_of`] from the evidence dated up
    /// to then, and only that evidence shown (undated items count at every
    /// date, as there). Notes and assessment dates stay as recorded: they
    /// are the record's, not the world's.
    pub fn as_of(&self, date: NaiveDate) -> crate::model::Dataset {
        // Built cell by cell rather than cloned whole and trimmed: the
        // evidence dated after `date` is never copied (at L, half of it for
        // a day halfway back), and each cell is graded from the commitment
        // at hand rather than looked up again.
        let actors = self
            .actors
            .iter()
            .map(|actor| Actor {
                id: actor.id.clone(),
                name: actor.name.clone(),
                aliases: actor.aliases.clone(),
                kind: actor.kind,
                country: actor.country.clone(),
                role: actor.role,
                commitments: actor
                    .commitments
                    .iter()
                    .map(|(recommendation, commitment)| {
                        let then = Commitment {
                            status: first_clock_grade(Some(commitment), date),
                            evidence: commitment
                                .evidence
                                .iter()
                                .filter(|e| counts_from(e).is_none_or(|from| from <= date))
                                .cloned()
                                .collect(),
                            note: commitment.note.clone(),
                            assessed: commitment.assessed,
                        };
                        (recommendation.clone(), then)
                    })
                    .collect(),
            })
            .collect();
        crate::model::Dataset {
            manifest: self.manifest.clone(),
            recommendations: self.recommendations.clone(),
            actors,
        }
    }

    /// The day `text` names: a milestone's id, or a date `YYYY-MM-DD`.
    pub fn day_named(&self, text: &str) -> Option<NaiveDate> {
        self.manifest
            .milestones
            .iter()
            .find(|m| m.id == text)
            .map(|m| m.date.0)
            .or_else(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PartialDate, Provenance};

    fn item(date: &str, supports: Status) -> Evidence {
        Evidence {
            title: format!("{supports} on {date}"),
            source: "s".into(),
            date: PartialDate::parse(date).ok(),
            url: None,
            provenance: Provenance::Independent,
            supports,
        }
    }

    fn day(text: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
    }

    #[test]
    fn no_evidence_is_no_evidence_at_any_date() {
        assert_eq!(grade_as_of(&[], None), Status::NoEvidence);
        assert_eq!(grade_as_of(&[], day("2024-11-11")), Status::NoEvidence);
    }

    #[test]
    fn the_highest_grade_dated_up_to_the_day_counts() {
        let evidence = [
            item("2023-03-30", Status::Endorsed),
            item("2024-03-05", Status::Implemented),
            item("2023-07-18", Status::Substantial),
        ];
        assert_eq!(
            grade_as_of(&evidence, day("2023-03-29")),
            Status::NoEvidence
        );
        assert_eq!(grade_as_of(&evidence, day("2023-03-30")), Status::Endorsed);
        assert_eq!(
            grade_as_of(&evidence, day("2024-03-04")),
            Status::Substantial
        );
        assert_eq!(
            grade_as_of(&evidence, day("2024-03-05")),
            Status::Implemented
        );
        assert_eq!(grade_as_of(&evidence, None), Status::Implemented);
    }

    #[test]
    fn a_reversal_stands_until_newer_evidence_raises_the_grade_again() {
        let evidence = [
            item("2021-11-23", Status::Substantial),
            item("2024-09-30", Status::Reversed),
            item("2025-05-06", Status::Endorsed),
        ];
        assert_eq!(
            grade_as_of(&evidence, day("2024-09-29")),
            Status::Substantial
        );
        assert_eq!(grade_as_of(&evidence, day("2024-09-30")), Status::Reversed);
        assert_eq!(grade_as_of(&evidence, day("2025-05-05")), Status::Reversed);
        // After the reversal only the newer evidence counts: Endorsed, not
        // the Substantial that was withdrawn.
        assert_eq!(grade_as_of(&evidence, day("2025-05-06")), Status::Endorsed);
    }

    #[test]
    fn a_month_counts_from_its_last_day_and_a_year_from_31_december() {
        let evidence = [
            item("2024-09", Status::Reversed),
            item("2021", Status::Initiated),
        ];
        assert_eq!(
            grade_as_of(&evidence, day("2021-12-30")),
            Status::NoEvidence
        );
        assert_eq!(grade_as_of(&evidence, day("2021-12-31")), Status::Initiated);
        assert_eq!(grade_as_of(&evidence, day("2024-09-01")), Status::Initiated);
        assert_eq!(grade_as_of(&evidence, day("2024-09-29")), Status::Initiated);
        assert_eq!(grade_as_of(&evidence, day("2024-09-30")), Status::Reversed);
        let february = [item("2024-02", Status::Endorsed)];
        assert_eq!(
            grade_as_of(&february, day("2024-02-28")),
            Status::NoEvidence
        );
        assert_eq!(grade_as_of(&february, day("2024-02-29")), Status::Endorsed);
    }

    #[test]
    fn not_applicable_evidence_grades_only_when_nothing_else_does() {
        let recorded_only = [item("2025-05-06", Status::NotApplicable)];
        assert_eq!(grade_as_of(&recorded_only, None), Status::NotApplicable);
        assert_eq!(
            grade_as_of(&recorded_only, day("2025-05-05")),
            Status::NoEvidence
        );
        let with_a_grade = [
            item("2025-05-06", Status::NotApplicable),
            item("2023-01-01", Status::Initiated),
        ];
        assert_eq!(grade_as_of(&with_a_grade, None), Status::Initiated);
    }

    #[test]
    fn the_recorded_status_is_checked_against_the_evidence_as_of_its_assessment() {
        let mut commitment = Commitment {
            status: Status::Implemented,
            evidence: vec![
                item("2023-03-27", Status::Substantial),
                item("2024-03-05", Status::Implemented),
            ],
            note: String::new(),
            assessed: day("2024-01-01").map(crate::model::Day),
        };
        assert_eq!(commitment.supported_grade(), Status::Substantial);
        assert!(!commitment.status_is_supported());
        commitment.assessed = day("2026-12-01").map(crate::model::Day);
        assert!(commitment.status_is_supported());
        let not_applicable = Commitment {
            status: Status::NotApplicable,
            note: "A company cannot list vendors.".into(),
            ..Default::default()
        };
        assert!(not_applicable.status_is_supported());
    }

    #[test]
    fn a_dataset_as_of_a_date_grades_every_cell_from_the_evidence_then() {
        let mut actor = crate::model::Actor {
            id: "united-states".into(),
            name: "United States".into(),
            aliases: Vec::new(),
            kind: crate::model::ActorKind::Government,
            country: None,
            role: None,
            commitments: Default::default(),
        };
        actor.commitments.insert(
            "blacklist".into(),
            Commitment {
                status: Status::Implemented,
                evidence: vec![
                    item("2023-03-30", Status::Endorsed),
                    item("2024-03", Status::Implemented),
                ],
                ..Commitment::default()
            },
        );
        let dataset = crate::model::Dataset {
            manifest: crate::model::Manifest {
                title: "t".into(),
                blueprint: crate::model::Blueprint {
                    title: "b".into(),
                    publisher: "p".into(),
                    published: crate::model::Day(day("2023-11-10").unwrap_or_default()),
                    url: None,
                },
                milestones: Vec::new(),
            },
            recommendations: Vec::new(),
            actors: vec![actor],
        };
        let cell = |date: &str| {
            let then = dataset.as_of(day(date).unwrap_or_default());
            let c = then.actors[0].commitments["blacklist"].clone();
            (c.status, c.evidence.len())
        };
        assert_eq!(cell("2023-01-01"), (Status::NoEvidence, 0));
        assert_eq!(cell("2024-03-30"), (Status::Endorsed, 1));
        // A month counts from its last day.
        assert_eq!(cell("2024-03-31"), (Status::Implemented, 2));
        assert_eq!(dataset.day_named("2024-11-11"), day("2024-11-11"));
        assert_eq!(dataset.day_named("nowhere"), None);
    }
}
