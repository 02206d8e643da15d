//! Find anything: `/` opens a prompt over one ranked list of the dataset's
//! actors (names, aliases, countries), recommendations (titles, summaries),
//! notes and evidence. The list follows each keystroke; Enter jumps to the
//! selected hit (an actor, a recommendation, or the commitment a note or an
//! evidence item belongs to, marked in its actor's view), and afterwards
//! `n`/`N` step through the same list, in its order, across views.
//!
//! The list is the same whatever view `/` is pressed in, so `/` has one
//! meaning everywhere.

use super::input::Key;
use super::keymap::Mode;
use super::text::TextInput;
use super::{Action, Board, Cursor, State, View, select};
use crate::model::{Hits, Place, SearchIndex};

/// The open find prompt and its hits.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Find {
    /// What the user typed.
    pub query: TextInput,
    /// The ranked hits for it.
    pub hits: Hits,
    /// The hit Enter jumps to (an index into `hits.hits`).
    pub selected: usize,
}

/// The find the user last jumped from, which `n`/`N` step through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The query, searched again at each step so a reload in between can
    /// never send the user to a place that moved.
    pub query: String,
    /// The hit jumped to last (its position in the ranked list).
    pub at: usize,
}

impl Board {
    /// The dataset's search index, made the first time a find needs it
    /// (about a tenth of a second at 12,000 actors, so never at start-up).
    pub fn search_index(&self) -> &SearchIndex {
        self.search.get_or_init(|| SearchIndex::new(&self.dataset))
    }
}

/// Opens the prompt, empty.
pub(super) fn open(state: &mut State) {
    state.find = Some(Find::default());
}

/// A key while the prompt is open: typed into it, or one of the prompt's
/// own bindings (jump, cancel, choose a hit); any other key does nothing.
pub(super) fn key(state: &mut State, key: Key) {
    if let Some(action) = state.keymap.action(Mode::Find, key) {
        command(state, action);
        return;
    }
    let Some(find) = state.find.as_mut() else {
        return;
    };
    let before = find.query.text();
    if !find.query.handle(key) {
        return;
    }
    // The previous hits hold every hit of a query that contains theirs
    // (typed at the end, or anywhere else in it).
    let after = find.query.text();
    let grew = after.len() > before.len() && after.contains(&before);
    search(state, grew);
}

/// A command while the prompt is open (a bound key, or an action sent
/// straight to `update`).
pub(super) fn command(state: &mut State, action: Action) {
    match action {
        Action::Confirm => confirm(state),
        Action::Cancel => cancel(state),
        Action::NextHit => choose(state, 1),
        Action::PrevHit => choose(state, -1),
        _ => {}
    }
}

/// Searches the prompt's query again: narrowing the previous hits when
/// the query only `grew`, from scratch otherwise.
fn search(state: &mut State, grew: bool) {
    let Some(mut find) = state.find.take() else {
        return;
    };
    if let Some(board) = state.data() {
        let previous = grew.then_some(&find.hits);
        find.hits = board.search_index().search(&find.query.text(), previous);
    } else {
        find.hits = Hits::default();
    }
    find.selected = 0;
    state.find = Some(find);
}

/// After a reload under an open prompt: the hits pointed into the old
/// dataset, so they are found again in the new one.
pub(super) fn reload(state: &mut State) {
    let selected = state.find.as_ref().map_or(0, |f| f.selected);
    search(state, false);
    if let Some(find) = state.find.as_mut() {
        find.selected = selected.min(find.hits.hits.len().saturating_sub(1));
    }
}

/// Moves the list's selection `by` hits, within the list.
fn choose(state: &mut State, by: isize) {
    let Some(find) = state.find.as_mut() else {
        return;
    };
    let last = find.hits.hits.len().saturating_sub(1);
    find.selected = find.selected.saturating_add_signed(by).min(last);
}

/// Enter: jumps to the selected hit and remembers the find for `n`/`N`.
fn confirm(state: &mut State) {
    let Some(find) = state.find.take() else {
        return;
    };
    let Some(hit) = find.hits.hits.get(find.selected) else {
        let query = find.query.text();
        if !query.trim().is_empty() {
            state.say_in_passing(format!("Nothing matches “{}”", query.trim()));
        }
        return;
    };
    jump(state, hit.place, true);
    state.found = Some(Found {
        query: find.query.text(),
        at: find.selected,
    });
}

/// Esc: closes the prompt. Nothing moved while it was open, so the user
/// is where they were.
pub(super) fn cancel(state: &mut State) {
    state.find = None;
}

/// `n` (`forward`) or `N`: the next or previous hit of the last find, in
/// the list's order, wrapping at either end.
pub(super) fn step(state: &mut State, forward: bool) {
    let Some(found) = state.found.clone() else {
        let find = state.key_for(Mode::Normal, &Action::Find);
        state.say_in_passing(format!("No find yet: press {find} to find anything"));
        return;
    };
    let Some(board) = state.data() else {
        return;
    };
    let hits = board.search_index().search(&found.query, None);
    let count = hits.hits.len();
    if count == 0 {
        state.say_in_passing(format!("Nothing matches “{}” now", found.query.trim()));
        return;
    }
    let at = match forward {
        true if found.at + 1 >= count => 0,
        true => found.at + 1,
        false if found.at == 0 || found.at > count => count - 1,
        false => found.at - 1,
    };
    let wrapped = if forward && at == 0 && count > 1 {
        " (from the top)"
    } else if !forward && at + 1 == count && count > 1 {
        " (from the bottom)"
    } else {
        ""
    };
    let Some(hit) = hits.hits.get(at) else {
        return;
    };
    let place = hit.place;
    let what = place.describe(&board.dataset);
    // Stepping from one found place to the next replaces it; from a list
    // (the dashboard, the tracker) it opens over it, so Esc goes back there.
    let over = !matches!(state.view, View::Actor(_) | View::Recommendation(_));
    jump(state, place, over);
    state.found = Some(Found {
        query: found.query.clone(),
        at,
    });
    state.say_in_passing(format!(
        "“{}”: hit {} of {count}{wrapped} · {what}",
        found.query.trim(),
        at + 1
    ));
}

/// Shows `place`: an actor's view (a note or evidence item's commitment
/// marked in it) or a recommendation's. `push`: open it over the current
/// view, so Back returns there; else in its place.
fn jump(state: &mut State, place: Place, push: bool) {
    let view = match (place.actor(), place.recommendation()) {
        (Some(actor), _) => View::Actor(actor),
        (None, Some(recommendation)) => View::Recommendation(recommendation),
        (None, None) => return,
    };
    if push && state.view != view {
        state.back.push(state.view);
    }
    state.view = view;
    state.page = Cursor::default();
    state.follow_offset.set(0);
    match (view, place.recommendation()) {
        (View::Actor(_), Some(recommendation)) => state.mark = recommendation,
        (View::Actor(actor), None) => state.mark = select::mark_for(state, actor),
        _ => state.recommendation = Cursor::default(),
    }
}
