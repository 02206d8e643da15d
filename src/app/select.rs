//! The selections of the detail views: the marked commitment in an actor's
//! view (what `e` edits there) and the selected actor in a recommendation's
//! view. Both move with the list keys, so what `e` edits is what is marked
//! on screen.

use super::{Action, Board, PAGE_CHROME, State, View};
use crate::model::Status;

/// The order a recommendation's view lists its actors in: most advanced
/// first, reversed and not applicable last.
pub const RECOMMENDATION_ORDER: [Status; 7] = [
    Status::Implemented,
    Status::Substantial,
    Status::Initiated,
    Status::Endorsed,
    Status::NoEvidence,
    Status::Reversed,
    Status::NotApplicable,
];

/// The recommendations (indices) that grade actor `actor`, in order: the
/// commitments its view lists.
pub fn graded(board: &Board, actor: usize) -> Vec<usize> {
    let Some(actor) = board.dataset.actors.get(actor) else {
        return Vec::new();
    };
    let recs = &board.dataset.recommendations;
    (0..recs.len())
        .filter(|&r| recs.get(r).is_some_and(|rec| actor.is_graded_on(rec)))
        .collect()
}

/// The actors (indices) recommendation `rec`'s view lists, in its order.
/// Worked out once per load and recommendation: each key and frame of that
/// view needs it, and at 12,000 actors it costs about a millisecond.
pub fn recommendation_actors(board: &Board, rec: usize) -> &[usize] {
    listed(board, rec)
        .map(|(actors, _)| actors.as_slice())
        .unwrap_or_default()
}

/// The status of each listed actor, in the same order as
/// [`recommendation_actors`].
pub fn recommendation_statuses(board: &Board, rec: usize) -> &[Status] {
    listed(board, rec)
        .map(|(_, statuses)| statuses.as_slice())
        .unwrap_or_default()
}

type Listed = (Vec<usize>, Vec<Status>);

fn listed(board: &Board, rec: usize) -> Option<&Listed> {
    let cell = board.recommendation_lists.get(rec)?;
    Some(cell.get_or_init(|| list(board, rec)))
}

fn list(board: &Board, rec: usize) -> Listed {
    let Some(rec) = board.dataset.recommendations.get(rec) else {
        return Listed::default();
    };
    let actors = &board.dataset.actors;
    let graded: Vec<(usize, Status)> = (0..actors.len())
        .filter_map(|i| {
            let actor = actors.get(i)?;
            actor
                .is_graded_on(rec)
                .then(|| (i, actor.status_on(&rec.id)))
        })
        .collect();
    RECOMMENDATION_ORDER
        .iter()
        .flat_map(|status| graded.iter().filter(move |(_, s)| s == status))
        .map(|(i, s)| (*i, *s))
        .unzip()
}

/// Moves the detail view's selection; returns whether the view has one.
pub(super) fn apply(state: &mut State, motion: &Action) -> bool {
    let page = usize::from(state.size.1.saturating_sub(PAGE_CHROME)).max(1);
    let Some(board) = state.data() else {
        return false;
    };
    match state.view {
        View::Actor(actor) => {
            let graded = graded(board, actor);
            let at = graded.iter().position(|r| *r == state.mark);
            if let Some(next) = step(at, graded.len(), motion, page.min(3)) {
                state.mark = graded.get(next).copied().unwrap_or(state.mark);
            }
            true
        }
        View::Recommendation(rec) => {
            let count = recommendation_actors(board, rec).len();
            let at = Some(state.recommendation.selected).filter(|s| *s < count);
            if let Some(next) = step(at, count, motion, page) {
                state.recommendation.selected = next;
            }
            true
        }
        _ => false,
    }
}

/// Where `motion` moves a selection at `at` in a list of `len`.
fn step(at: Option<usize>, len: usize, motion: &Action, page: usize) -> Option<usize> {
    let last = len.checked_sub(1)?;
    let Some(at) = at else {
        return Some(0);
    };
    Some(match motion {
        Action::Up | Action::Left => at.saturating_sub(1),
        Action::Down | Action::Right => (at + 1).min(last),
        Action::PageUp => at.saturating_sub(page),
        Action::PageDown => (at + page).min(last),
        Action::Home => 0,
        Action::End => last,
        _ => at,
    })
}

/// Places the actor view's mark on opening: the dashboard's column when it
/// grades this actor, else the first commitment it has.
pub(super) fn mark_for(state: &State, actor: usize) -> usize {
    let Some(board) = state.data() else {
        return 0;
    };
    let graded = graded(board, actor);
    if graded.contains(&state.column) {
        return state.column;
    }
    graded
        .iter()
        .find(|r| **r > state.column)
        .or(graded.first())
        .copied()
        .unwrap_or(0)
}

/// Places a recommendation view's selection on opening: the actor selected
/// where it was opened from, when listed, else the first.
pub(super) fn actor_for(state: &State, rec: usize, from: Option<usize>) -> usize {
    let Some(board) = state.data() else {
        return 0;
    };
    let listed = recommendation_actors(board, rec);
    from.and_then(|a| listed.iter().position(|i| *i == a))
        .unwrap_or(0)
}
