//! Assembling the report from what the command line gathered. Grades come
//! from the one door for time ([`Actor::grade_as_of`] and
//! [`Dataset::as_of`]), never re-derived here.

use chrono::NaiveDate;

use super::*;
use crate::model::{Actor, ActorKind, Dataset, Direction, Evidence, Milestone, Status};

/// Whether a commitment says anything: a grade other than an empty
/// `NoEvidence` (the validator's sense of "graded").
fn is_graded(status: Status, evidence: &[Evidence]) -> bool {
    status != Status::NoEvidence || !evidence.is_empty()
}

impl Report {
    /// Assembles the report from what the command line gathered. Grades come
    /// from the one door for time ([`Actor::grade_as_of`] and
    /// [`Dataset::as_of`]), never re-derived here.
    pub fn assemble(inputs: Inputs<'_>) -> Report {
        let record = inputs.record;
        let (from, to) = (inputs.from.date, inputs.to.date);
        let then = record.as_of(to);
        let recommendations: Vec<RecommendationColumn> = record
            .recommendations
            .iter()
            .enumerate()
            .map(|(i, r)| RecommendationColumn {
                number: i + 1,
                id: r.id.clone(),
                title: r.title.clone(),
                tracked: r.tracked,
            })
            .collect();
        let moves = moves::moves(record, from, to);
        let headline = headline(record, from, to, &moves);
        Report {
            stamp: stamp(&inputs),
            headline,
            legend: Status::ALL
                .into_iter()
                .map(|status| LegendEntry {
                    status,
                    symbol: status.symbol(),
                    label: status.label(),
                })
                .collect(),
            matrix: matrix(&then),
            tracker: tracker(&then),
            moves,
            record_changes: inputs.changes,
            record_changes_note: inputs.changes_note,
            silent: silent(record, &then, from, to, inputs.stale_days),
            warnings: record
                .warnings()
                .into_iter()
                .map(|w| WarningEntry {
                    message: w.message(),
                    actor: w.actor,
                    recommendation: w.recommendation,
                })
                .collect(),
            progress_over_time: moves::series(record, to),
            actors: then
                .actors
                .iter()
                .zip(&record.actors)
                .map(|(now, recorded)| actor_section(&then, now, recorded, from, to))
                .collect(),
            recommendations,
        }
    }
}

fn stamp(inputs: &Inputs<'_>) -> Stamp {
    let mut milestones: Vec<MilestoneEntry> = inputs
        .record
        .manifest
        .milestones
        .iter()
        .map(|m: &Milestone| MilestoneEntry {
            id: m.id.clone(),
            title: m.title.clone(),
            date: m.date.0,
            reconvening: m.reconvening,
        })
        .collect();
    milestones.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    Stamp {
        title: inputs.record.manifest.title.clone(),
        commit: inputs.commit.clone(),
        from: inputs.from.clone(),
        to: inputs.to.clone(),
        generator: format!("reconvene {}", inputs.version),
        milestones,
    }
}

fn headline(record: &Dataset, from: NaiveDate, to: NaiveDate, moves: &[MoveEntry]) -> Headline {
    let groups = ActorKind::ALL
        .into_iter()
        .filter_map(|kind| {
            let actors: Vec<&Actor> = record.actors.iter().filter(|a| a.kind == kind).collect();
            if actors.is_empty() {
                return None;
            }
            let total = |day| {
                let mut sum = Counts::default();
                for actor in &actors {
                    sum.merge(
                        actor
                            .progress_as_of(&record.recommendations, day)
                            .counts
                            .into(),
                    );
                }
                Figure::of(sum)
            };
            Some(GroupSpan {
                kind: kind.name(),
                label: kind.heading(),
                actors: actors.len(),
                from: total(from),
                to: total(to),
            })
        })
        .collect();
    let count = |way| moves.iter().filter(|m| m.way == way).count();
    Headline {
        overall: Span {
            from: record.overall_progress_as_of(from).into(),
            to: record.overall_progress_as_of(to).into(),
        },
        groups,
        moved_up: count(Direction::Up),
        moved_down: count(Direction::Down),
        reversed: count(Direction::Reversal),
    }
}

fn matrix(then: &Dataset) -> Vec<MatrixRow> {
    then.actors
        .iter()
        .map(|actor| MatrixRow {
            actor: actor.id.clone(),
            name: actor.name.clone(),
            kind: actor.kind.name(),
            percent: {
                let progress = actor.progress(&then.recommendations);
                progress.share().map(|_| progress.percent())
            },
            cells: then
                .recommendations
                .iter()
                .map(|r| actor.is_graded_on(r).then(|| actor.status_on(&r.id)))
                .collect(),
        })
        .collect()
}

fn tracker(then: &Dataset) -> Vec<TrackerColumn> {
    then.recommendations
        .iter()
        .enumerate()
        .filter(|(_, r)| r.tracked)
        .map(|(i, r)| {
            let mut counts = Counts::default();
            // As the tracker view counts: the governments the recommendation grades.
            for actor in then
                .actors
                .iter()
                .filter(|a| a.kind.is_governmental() && a.is_graded_on(r))
            {
                counts.add(actor.status_on(&r.id));
            }
            TrackerColumn {
                number: i + 1,
                recommendation: r.id.clone(),
                title: r.title.clone(),
                counts,
            }
        })
        .collect()
}

fn silent(
    record: &Dataset,
    then: &Dataset,
    from: NaiveDate,
    to: NaiveDate,
    stale_days: u32,
) -> Silent {
    let previous = record
        .manifest
        .milestones
        .iter()
        .filter(|m| m.date.0 < to)
        .max_by_key(|m| (m.date, m.id.clone()));
    let since = previous.map_or(from, |m| m.date.0);
    let mut actors = Vec::new();
    for actor in &then.actors {
        if actor.progress(&then.recommendations).applicable == 0 {
            continue;
        }
        let latest = actor
            .commitments
            .values()
            .flat_map(|c| &c.evidence)
            .filter_map(|e| e.date)
            .max_by_key(|d| d.latest());
        if latest.is_none_or(|d| d.latest() <= since) {
            actors.push(SilentActor {
                actor: actor.id.clone(),
                name: actor.name.clone(),
                latest_evidence: latest.map(|d| d.to_string()),
            });
        }
    }
    let stale_before = to
        .checked_sub_days(chrono::Days::new(u64::from(stale_days)))
        .unwrap_or(NaiveDate::MIN);
    let mut stale = Vec::new();
    for actor in &record.actors {
        for (recommendation, commitment) in &actor.commitments {
            if !is_graded(commitment.status, &commitment.evidence)
                || commitment.status == Status::NotApplicable
            {
                continue;
            }
            if commitment.assessed.is_none_or(|d| d.0 < stale_before) {
                stale.push(StaleCommitment {
                    actor: actor.id.clone(),
                    name: actor.name.clone(),
                    recommendation: recommendation.clone(),
                    assessed: commitment.assessed.map(|d| d.to_string()),
                });
            }
        }
    }
    Silent {
        since_milestone: previous.map(|m| m.id.clone()),
        since,
        actors,
        stale_days,
        stale_before,
        stale,
    }
}

fn actor_section(
    then: &Dataset,
    now: &Actor,
    recorded: &Actor,
    from: NaiveDate,
    to: NaiveDate,
) -> ActorSection {
    let commitments = then
        .recommendations
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let commitment = now.commitment(&r.id)?;
            if !is_graded(commitment.status, &commitment.evidence) && commitment.note.is_empty() {
                return None;
            }
            Some(CommitmentEntry {
                number: i + 1,
                recommendation: r.id.clone(),
                title: r.title.clone(),
                grade_from: recorded.grade_as_of(&r.id, from),
                grade: commitment.status,
                note: commitment.note.clone(),
                assessed: commitment.assessed.map(|d| d.to_string()),
                evidence: commitment
                    .evidence
                    .iter()
                    .map(EvidenceEntry::from)
                    .collect(),
            })
        })
        .collect();
    ActorSection {
        id: now.id.clone(),
        name: now.name.clone(),
        kind: now.kind.name(),
        country: now.country.clone(),
        progress: Span {
            from: recorded.progress_as_of(&then.recommendations, from).into(),
            to: recorded.progress_as_of(&then.recommendations, to).into(),
        },
        commitments,
    }
}
