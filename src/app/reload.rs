//! Keeping the user's place across a reload: open views and selections
//! are found again by the ids of their actor and recommendation, since an
//! added or removed actor shifts every index after it.

use super::{State, View, select};
use crate::model::Dataset;

/// The ids under each selection, to find them again after a reload.
#[derive(Debug, Default)]
pub(super) struct SelectedIds {
    dashboard: Option<String>,
    tracker: Option<String>,
    column: Option<String>,
    tracker_column: Option<String>,
    mark: Option<String>,
    recommendation: Option<String>,
}

impl State {
    pub(super) fn selected_ids(&self) -> SelectedIds {
        let Some(board) = self.data() else {
            return SelectedIds::default();
        };
        let actor = |i: Option<usize>| Some(board.dataset.actors.get(i?)?.id.clone());
        let rec = |i: Option<usize>| Some(board.dataset.recommendations.get(i?)?.id.clone());
        let listed = match self.view {
            View::Recommendation(r) => select::recommendation_actors(board, r)
                .get(self.recommendation.selected)
                .copied(),
            _ => None,
        };
        SelectedIds {
            dashboard: actor(self.selected_actor()),
            tracker: actor(board.governments.get(self.tracker.selected).copied()),
            column: rec(Some(self.column)),
            tracker_column: rec(board.tracked.get(self.tracker_column).copied()),
            mark: rec(Some(self.mark)),
            recommendation: actor(listed),
        }
    }

    /// Puts each selection back on the actor or recommendation it was on;
    /// one that is gone stays at its place in the list.
    pub(super) fn reselect(&mut self, ids: &SelectedIds) {
        let Some(board) = self.data() else {
            return;
        };
        let actor = |id: &Option<String>| {
            let id = id.as_deref()?;
            board.dataset.actors.iter().position(|a| a.id == id)
        };
        let rec = |id: &Option<String>| {
            let id = id.as_deref()?;
            board
                .dataset
                .recommendations
                .iter()
                .position(|r| r.id == id)
        };
        let dashboard = actor(&ids.dashboard).and_then(|a| board.row_of(a));
        let tracker =
            actor(&ids.tracker).and_then(|a| board.governments.iter().position(|g| *g == a));
        let column = rec(&ids.column);
        let tracker_column =
            rec(&ids.tracker_column).and_then(|r| board.tracked.iter().position(|t| *t == r));
        let mark = rec(&ids.mark);
        let listed = match (self.view, actor(&ids.recommendation)) {
            (View::Recommendation(r), Some(a)) => select::recommendation_actors(board, r)
                .iter()
                .position(|i| *i == a),
            _ => None,
        };
        if let Some(row) = dashboard {
            self.dashboard.selected = row;
        }
        if let Some(row) = tracker {
            self.tracker.selected = row;
        }
        if let Some(column) = column {
            self.column = column;
        }
        if let Some(column) = tracker_column {
            self.tracker_column = column;
        }
        if let Some(mark) = mark {
            self.mark = mark;
        }
        if let Some(row) = listed {
            self.recommendation.selected = row;
        }
    }
}

/// `view` as it reads in `new`: an actor or recommendation found again by
/// its id (`None` when it is gone, or when nothing was loaded before); the
/// problems screen gives way to the dashboard.
pub(super) fn carry_over(view: View, old: Option<&Dataset>, new: &Dataset) -> Option<View> {
    match view {
        View::Actor(index) => {
            let id = &old?.actors.get(index)?.id;
            new.actors.iter().position(|a| &a.id == id).map(View::Actor)
        }
        View::Recommendation(index) => {
            let id = &old?.recommendations.get(index)?.id;
            new.recommendations
                .iter()
                .position(|r| &r.id == id)
                .map(View::Recommendation)
        }
        View::Problems => None,
        View::Dashboard
        | View::Tracker
        | View::Help
        | View::Warnings
        | View::Delta
        | View::Chart => Some(view),
        // They hold ids, not indices: nothing shifts under them.
        View::History | View::Timeline | View::Diff => Some(view),
    }
}
