//! Finding an actor by name: a prompt in the status line that moves the
//! dashboard's selection to the best fuzzy match as the user types.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::{Action, Cursor, State, View, navigate};

/// The open find prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Find {
    /// What the user typed.
    pub query: String,
    /// The dashboard's place before the prompt opened, restored on cancel.
    pub before: Cursor,
    /// Whether the query matches any actor.
    pub found: bool,
}

/// Opens the prompt (on the dashboard only: it moves the dashboard's selection).
pub(super) fn open(state: &mut State) {
    if state.data().is_none() {
        return;
    }
    if state.view != View::Dashboard {
        state.say("Find works on the dashboard");
        return;
    }
    state.find = Some(Find {
        query: String::new(),
        before: state.dashboard,
        found: true,
    });
}

/// Handles an action while the prompt is open; returns whether it did.
pub(super) fn handle(state: &mut State, action: Action) -> bool {
    let Some(find) = state.find.as_mut() else {
        return false;
    };
    match action {
        Action::Type(c) if !c.is_control() => find.query.push(c),
        Action::Erase => {
            find.query.pop();
        }
        Action::Open => {
            state.find = None;
            return true;
        }
        Action::Back => {
            state.dashboard = find.before;
            state.find = None;
            return true;
        }
        _ => return false,
    }
    jump(state);
    true
}

fn jump(state: &mut State) {
    let Some(find) = state.find.as_ref() else {
        return;
    };
    let query = find.query.clone();
    let before = find.before;
    let best = state.data().and_then(|board| {
        let matcher = SkimMatcherV2::default();
        board
            .dataset
            .actors
            .iter()
            .enumerate()
            .filter_map(|(i, a)| matcher.fuzzy_match(&a.name, &query).map(|s| (s, i)))
            // The best score; among equals, the first in dashboard order.
            .max_by_key(|&(score, i)| (score, std::cmp::Reverse(i)))
            .and_then(|(_, i)| board.actor_rows.get(i).copied())
    });
    if let Some(find) = state.find.as_mut() {
        find.found = best.is_some() || query.is_empty();
    }
    state.dashboard.selected = match best {
        Some(row) if !query.is_empty() => row,
        _ => before.selected,
    };
    navigate::settle(state);
}
