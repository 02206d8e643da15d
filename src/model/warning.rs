//! Findings about a dataset that loads but whose record is not yet true to
//! its evidence (PRODUCT.md, "Warnings"). `validate` prints them at their
//! file, line and column; `--strict` makes them errors; the TUI lists them.

use std::collections::HashMap;

use super::{Actor, Dataset, Day, PartialDate, Status};

/// What is wrong with one commitment (or one of its evidence items).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Concern {
    /// The recorded status is not the grade its evidence supports as of
    /// `assessed` (GRADING.md, rule 1).
    Unsupported {
        /// What the file says.
        recorded: Status,
        /// What the evidence earns.
        supported: Status,
    },
    /// Graded, but nobody recorded when it was last assessed.
    NotAssessed,
    /// Graded although the recommendation is not addressed to this kind of
    /// actor, and no note says why.
    OutsideScope,
    /// An evidence item dated after the commitment's assessment.
    AfterAssessed {
        /// Which item (index into the commitment's evidence).
        evidence: usize,
        /// Its date.
        date: PartialDate,
        /// The assessment date.
        assessed: Day,
    },
    /// The same document (by title and source) cited elsewhere with another date.
    DatedTwice {
        /// Which item (index into the commitment's evidence).
        evidence: usize,
        /// Its title.
        title: String,
        /// Its date here.
        date: PartialDate,
        /// The date written where it is first cited.
        first_date: PartialDate,
        /// Where it is first cited: actor id and recommendation id.
        first_cited: (String, String),
    },
}

/// One warning: which commitment, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The actor's id.
    pub actor: String,
    /// The recommendation's id.
    pub recommendation: String,
    /// What is wrong.
    pub concern: Concern,
}

impl Warning {
    /// The message, in the words of the data ("the evidence supports …").
    pub fn message(&self) -> String {
        let on = &self.recommendation;
        match &self.concern {
            Concern::Unsupported {
                recorded,
                supported,
            } => format!(
                "status on `{on}` is {recorded} but its evidence supports {supported} as of its assessment"
            ),
            Concern::NotAssessed => {
                format!("the commitment on `{on}` is graded but has no `assessed` date")
            }
            Concern::OutsideScope => format!(
                "`{on}` is not addressed to this kind of actor; grade it NotApplicable or say why in the note"
            ),
            Concern::AfterAssessed { date, assessed, .. } => format!(
                "evidence on `{on}` is dated {date}, after the commitment was assessed ({assessed})"
            ),
            Concern::DatedTwice {
                title,
                date,
                first_date,
                first_cited,
                ..
            } => format!(
                "\"{title}\" is dated {date} here but {first_date} on {} · {}; one document has one date",
                first_cited.0, first_cited.1
            ),
        }
    }
}

/// Whether a commitment counts as graded: anything but an empty `NoEvidence`.
fn is_graded(commitment: &super::Commitment) -> bool {
    commitment.status != Status::NoEvidence || !commitment.evidence.is_empty()
}

impl Dataset {
    /// Every warning, actor by actor in file order of ids, then by
    /// recommendation; a document's first citation is the first met in that order.
    pub fn warnings(&self) -> Vec<Warning> {
        let mut actors: Vec<&Actor> = self.actors.iter().collect();
        actors.sort_by(|a, b| a.id.cmp(&b.id));
        // Borrowed keys: the dashboard recomputes this after every save, and
        // a dataset at L cites some 100,000 documents.
        let mut first_citation: HashMap<(&str, &str), (PartialDate, &str, &str)> = HashMap::new();
        let mut warnings = Vec::new();
        for actor in actors {
            for (rec_id, commitment) in &actor.commitments {
                let mut warn = |concern| {
                    warnings.push(Warning {
                        actor: actor.id.clone(),
                        recommendation: rec_id.clone(),
                        concern,
                    })
                };
                if !commitment.status_is_supported() {
                    warn(Concern::Unsupported {
                        recorded: commitment.status,
                        supported: commitment.supported_grade(),
                    });
                }
                if is_graded(commitment) && commitment.assessed.is_none() {
                    warn(Concern::NotAssessed);
                }
                let in_scope = self
                    .recommendation(rec_id)
                    .is_none_or(|r| r.is_addressed_to(actor.kind.stakeholder()));
                let graded_outside = !matches!(
                    commitment.status,
                    Status::NoEvidence | Status::NotApplicable
                );
                if !in_scope && graded_outside && commitment.note.trim().is_empty() {
                    warn(Concern::OutsideScope);
                }
                for (index, item) in commitment.evidence.iter().enumerate() {
                    let Some(date) = item.date else { continue };
                    if let Some(assessed) = commitment.assessed
                        && date.earliest() > assessed.0
                    {
                        warn(Concern::AfterAssessed {
                            evidence: index,
                            date,
                            assessed,
                        });
                    }
                    let document = (item.title.trim(), item.source.trim());
                    match first_citation.get(&document) {
                        Some((first_date, first_actor, first_rec)) if *first_date != date => {
                            warn(Concern::DatedTwice {
                                evidence: index,
                                title: item.title.clone(),
                                date,
                                first_date: *first_date,
                                first_cited: (first_actor.to_string(), first_rec.to_string()),
                            })
                        }
                        Some(_) => {}
                        None => {
                            first_citation.insert(document, (date, &actor.id, rec_id));
                        }
                    }
                }
            }
        }
        warnings
    }
}
