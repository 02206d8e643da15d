//! Moving selections and scrolling, per view, keeping the selection on screen.

use super::{Action, Cursor, PAGE_CHROME, Row, State, View, layout};

/// Applies a motion (Up, Down, Left, Right, PageUp/Down, Home/End).
pub(super) fn apply(state: &mut State, motion: Action) {
    match state.view {
        View::Dashboard => dashboard(state, motion),
        View::Tracker => tracker(state, motion),
        View::Actor(actor) if matches!(motion, Action::Left | Action::Right) => {
            mark_commitment(state, actor, motion)
        }
        View::Actor(_)
        | View::Recommendation(_)
        | View::Help
        | View::Problems
        | View::Warnings
        | View::History
        | View::Timeline
        | View::Diff => page(state, motion),
        // Their own motions are time travel's (see `travel::command`).
        View::Delta | View::Chart => {}
    }
    settle(state);
}

/// Clamps every selection to the data and scrolls it into view.
pub(super) fn settle(state: &mut State) {
    let height = state.size.1;
    let Some(board) = state.data() else {
        return;
    };
    let rows = board.rows.len();
    let columns = board.dataset.recommendations.len();
    let governments = board.governments.len();
    let tracked = board.tracked.len();
    let heading_above = |i: usize| i > 0 && matches!(board.rows.get(i - 1), Some(Row::Heading(_)));

    // Dashboard: the selection always rests on an actor row.
    let mut selected = state.dashboard.selected.min(rows.saturating_sub(1));
    if matches!(board.rows.get(selected), Some(Row::Heading(_))) {
        selected += 1;
    }
    let selected = selected.min(rows.saturating_sub(1));
    let visible = layout::dashboard(height).list;
    let offset = layout::window_under_heading(
        selected,
        state.dashboard.offset,
        rows,
        visible,
        heading_above(selected),
    );
    // A filter may hide the selected column: the next one shown instead.
    let column = state.column.min(columns.saturating_sub(1));
    let shown = &board.arranged.columns;
    let column = if shown.is_empty() || shown.contains(&column) {
        column
    } else {
        shown
            .iter()
            .copied()
            .find(|&c| c > column)
            .or(shown.last().copied())
            .unwrap_or(0)
    };
    state.dashboard = Cursor { selected, offset };
    state.column = column;

    let visible = layout::tracker(height).list;
    let selected = state.tracker.selected.min(governments.saturating_sub(1));
    let offset = layout::window(selected, state.tracker.offset, governments, visible);
    state.tracker = Cursor { selected, offset };
    state.tracker_column = state.tracker_column.min(tracked.saturating_sub(1));
}

fn dashboard(state: &mut State, motion: Action) {
    let Some(board) = state.data() else {
        return;
    };
    let is_actor = |i: usize| matches!(board.rows.get(i), Some(Row::Actor(_)));
    let last = board.rows.len().saturating_sub(1);
    let page = layout::dashboard(state.size.1).list;
    let from = state.dashboard.selected;
    let selected = match motion {
        Action::Up => (0..from).rev().find(|&i| is_actor(i)).unwrap_or(from),
        Action::Down => (from + 1..=last).find(|&i| is_actor(i)).unwrap_or(from),
        Action::PageUp => {
            let target = from.saturating_sub(page);
            (target..=from).find(|&i| is_actor(i)).unwrap_or(from)
        }
        Action::PageDown => {
            let target = (from + page).min(last);
            (from..=target).rev().find(|&i| is_actor(i)).unwrap_or(from)
        }
        Action::Home => (0..=last).find(|&i| is_actor(i)).unwrap_or(0),
        Action::End => last,
        _ => from,
    };
    // Only the columns the filter shows.
    let shown = &board.arranged.columns;
    let column = match motion {
        Action::Left => shown.iter().rev().find(|&&c| c < state.column),
        Action::Right => shown.iter().find(|&&c| c > state.column),
        _ => None,
    };
    if let Some(&column) = column {
        state.column = column;
    }
    state.dashboard.selected = selected;
}

fn tracker(state: &mut State, motion: Action) {
    let page = layout::tracker(state.size.1).list;
    let cursor = &mut state.tracker;
    match motion {
        Action::Up => cursor.selected = cursor.selected.saturating_sub(1),
        Action::Down => cursor.selected += 1,
        Action::PageUp => cursor.selected = cursor.selected.saturating_sub(page),
        Action::PageDown => cursor.selected += page,
        Action::Home => cursor.selected = 0,
        Action::End => cursor.selected = usize::MAX,
        Action::Left => state.tracker_column = state.tracker_column.saturating_sub(1),
        Action::Right => state.tracker_column += 1,
        _ => {}
    }
}

/// In the actor view, Left/Right move the mark (what `e` edits) to the
/// previous or next recommendation that grades the actor.
fn mark_commitment(state: &mut State, actor: usize, motion: Action) {
    let Some(board) = state.data() else { return };
    let Some(actor) = board.dataset.actors.get(actor) else {
        return;
    };
    let graded: Vec<usize> = (0..board.dataset.recommendations.len())
        .filter(|&r| actor.is_graded_on(&board.dataset.recommendations[r]))
        .collect();
    let next = match motion {
        Action::Left => graded
            .iter()
            .rev()
            .find(|&&r| r < state.column)
            .or(graded.last()),
        _ => graded
            .iter()
            .find(|&&r| r > state.column)
            .or(graded.first()),
    };
    if let Some(&next) = next {
        state.column = next;
    }
}

fn page(state: &mut State, motion: Action) {
    let page = usize::from(state.size.1.saturating_sub(PAGE_CHROME)).max(1);
    let limit = state.page_limit.get();
    let offset = &mut state.page.offset;
    *offset = match motion {
        Action::Up => offset.saturating_sub(1),
        Action::Down => offset.saturating_add(1),
        Action::PageUp => offset.saturating_sub(page),
        Action::PageDown => offset.saturating_add(page),
        Action::Home => 0,
        Action::End => limit,
        _ => *offset,
    }
    .min(limit);
}
