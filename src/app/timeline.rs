//! One commitment's timeline, on both clocks: its evidence in the order
//! things happened, with the grade each item supports and the grade that
//! results (from [`grade_as_of`], the one door for time); and every change
//! the record holds of it, with who and when, read in the background.

use super::{Effect, State, View, open};
use crate::model::{Commitment, Evidence, PartialDate, RecordedCommit, Status, grade_as_of};

/// The commitment whose timeline is open.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// The actor's id.
    pub actor: String,
    /// The recommendation's id.
    pub recommendation: String,
    /// Its recorded changes, newest first (`None`: still being read), or
    /// why they could not be read.
    pub recorded: Option<Result<Vec<RecordedCommit>, String>>,
    /// Whether the branch moved since they were read (read again on return).
    pub stale: bool,
}

/// The answer to [`Effect::ReadTimeline`].
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineRead {
    /// The actor's id.
    pub actor: String,
    /// The recommendation's id.
    pub recommendation: String,
    /// The commits that changed it, newest first, narrowed to it; or why
    /// they could not be read.
    pub changes: Result<Vec<RecordedCommit>, String>,
}

/// One item of evidence on the first clock.
#[derive(Debug, Clone, PartialEq)]
pub struct Step<'a> {
    /// The item.
    pub evidence: &'a Evidence,
    /// The grade the commitment's evidence supports once this item counts
    /// (undated items count at every date, so they come first).
    pub results: Status,
}

/// The commitment's evidence in the order it happened, each with the grade
/// that results once it counts.
pub fn first_clock(commitment: &Commitment) -> Vec<Step<'_>> {
    let mut items: Vec<&Evidence> = commitment.evidence.iter().collect();
    // Undated first (they count from the start); a stable sort keeps the
    // written order of items on the same day, as the grading does.
    items.sort_by_key(|e| e.date.map(|d: PartialDate| d.latest()));
    items
        .into_iter()
        .map(|evidence| Step {
            evidence,
            // An undated item's result is the grade before any dated one:
            // as of the first day there is, when only undated items count.
            results: grade_as_of(
                &commitment.evidence,
                Some(evidence.date.map_or(chrono::NaiveDate::MIN, |d| d.latest())),
            ),
        })
        .collect()
}

/// Opens the timeline of the selected commitment (a cell of a matrix, the
/// actor view's marked one, the recommendation view's selected actor's, or
/// the history's selected change's).
pub(super) fn open_from(state: &mut State) -> Option<Vec<Effect>> {
    let (actor, recommendation) = match state.view {
        View::History => from_history(state)?,
        _ => {
            let (actor, rec) = state.selected_commitment()?;
            let board = state.data()?;
            (
                board.dataset.actors.get(actor)?.id.clone(),
                board.dataset.recommendations.get(rec)?.id.clone(),
            )
        }
    };
    if state.view == View::Timeline {
        return Some(Vec::new());
    }
    open(state, View::Timeline);
    let known = state
        .timeline
        .as_ref()
        .is_some_and(|t| t.actor == actor && t.recommendation == recommendation && !t.stale);
    if known {
        return Some(Vec::new());
    }
    state.timeline = Some(Timeline {
        actor: actor.clone(),
        recommendation: recommendation.clone(),
        recorded: None,
        stale: false,
    });
    Some(vec![Effect::ReadTimeline {
        actor,
        recommendation,
        refresh: false,
    }])
}

/// The history's selected change, or the selected commit's first change
/// to a commitment.
fn from_history(state: &State) -> Option<(String, String)> {
    let pane = &state.history;
    let commit = pane.selected_commit()?;
    let change = match pane.focus {
        super::history::Focus::Changes => pane.selected_change(),
        super::history::Focus::Commits => None,
    }
    .filter(|c| c.recommendation.is_some())
    .or_else(|| commit.changes.iter().find(|c| c.recommendation.is_some()))?;
    Some((change.actor.clone(), change.recommendation.clone()?))
}

/// Reads the recorded changes again when the branch moved while the
/// timeline was out of sight.
pub(super) fn reread_if_stale(state: &mut State) -> Vec<Effect> {
    match &mut state.timeline {
        Some(timeline) if timeline.stale => {
            timeline.stale = false;
            vec![Effect::ReadTimeline {
                actor: timeline.actor.clone(),
                recommendation: timeline.recommendation.clone(),
                refresh: false,
            }]
        }
        _ => Vec::new(),
    }
}

/// The branch may have moved: read the open timeline's changes again (the
/// reader does nothing if the tip is where it was); one out of sight is
/// only marked stale.
pub(super) fn follow_tip(state: &mut State) -> Vec<Effect> {
    let open = state.view == View::Timeline;
    match &mut state.timeline {
        Some(timeline) if open => vec![Effect::ReadTimeline {
            actor: timeline.actor.clone(),
            recommendation: timeline.recommendation.clone(),
            refresh: true,
        }],
        Some(timeline) => {
            timeline.stale = true;
            Vec::new()
        }
        None => Vec::new(),
    }
}

/// Puts the recorded changes in place, if they are still the ones wanted.
pub(super) fn apply(state: &mut State, read: TimelineRead) {
    if let Some(timeline) = &mut state.timeline
        && timeline.actor == read.actor
        && timeline.recommendation == read.recommendation
    {
        timeline.recorded = Some(read.changes);
        state.dirty = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Provenance;

    fn item(title: &str, date: Option<&str>, supports: Status) -> Evidence {
        Evidence {
            title: title.into(),
            source: "A source".into(),
            date: date.and_then(|d| PartialDate::parse(d).ok()),
            url: None,
            provenance: Provenance::Independent,
            supports,
        }
    }

    #[test]
    fn the_first_clock_orders_evidence_by_date_with_the_grade_that_results() {
        let commitment = Commitment {
            status: Status::Initiated,
            evidence: vec![
                item("Licence denied", Some("2024-06"), Status::Implemented),
                item("Rules repealed", Some("2024-09-01"), Status::Reversed),
                item("Joint statement", Some("2023-11-10"), Status::Endorsed),
                item("Undated note", None, Status::Endorsed),
                item("Bill introduced", Some("2024-02-01"), Status::Initiated),
            ],
            ..Commitment::default()
        };
        let steps: Vec<(&str, Status)> = first_clock(&commitment)
            .iter()
            .map(|s| (s.evidence.title.as_str(), s.results))
            .collect();
        assert_eq!(
            steps,
            vec![
                ("Undated note", Status::Endorsed),
                ("Joint statement", Status::Endorsed),
                ("Bill introduced", Status::Initiated),
                ("Licence denied", Status::Implemented),
                ("Rules repealed", Status::Reversed),
            ]
        );
    }
}
