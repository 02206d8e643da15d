//! Finding in the list a view shows: a prompt in the status line that moves
//! the view's selection to the best fuzzy match as the user types. While it
//! is open every printable key goes into it, whatever the view.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::input::Key;
use super::keymap::Mode;
use super::text::TextInput;
use super::{Action, Board, Cursor, State, View, navigate, select};

/// What the prompt searches, by view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Actors on the dashboard, by name.
    Dashboard,
    /// Governments on the tracker, by name.
    Tracker,
    /// An actor's commitments, by their recommendation's title or id.
    Commitments,
    /// A recommendation's actors, by name.
    RecommendationActors,
    /// This view lists nothing: the prompt says so and keeps the keys.
    Nothing,
}

impl Target {
    /// What the prompt calls what it finds.
    pub fn noun(self) -> &'static str {
        match self {
            Target::Dashboard | Target::RecommendationActors => "actor",
            Target::Tracker => "government",
            Target::Commitments => "commitment",
            Target::Nothing => "",
        }
    }
}

/// The open find prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Find {
    /// What the user typed.
    pub query: TextInput,
    /// What it searches.
    pub target: Target,
    /// The selection before the prompt opened, restored on cancel.
    before: (Cursor, usize),
    /// Whether the query matches anything.
    pub found: bool,
}

/// Opens the prompt on the view's list (or one that says there is none).
pub(super) fn open(state: &mut State) {
    let target = match state.view {
        _ if state.data().is_none() => Target::Nothing,
        View::Dashboard => Target::Dashboard,
        View::Tracker => Target::Tracker,
        View::Actor(_) => Target::Commitments,
        View::Recommendation(_) => Target::RecommendationActors,
        View::Help
        | View::Problems
        | View::Warnings
        | View::Delta
        | View::Chart
        | View::History
        | View::Timeline
        | View::Diff => Target::Nothing,
    };
    let before = match target {
        Target::Dashboard => (state.dashboard, 0),
        Target::Tracker => (state.tracker, 0),
        Target::Commitments => (Cursor::default(), state.mark),
        Target::RecommendationActors => (state.recommendation, 0),
        Target::Nothing => (Cursor::default(), 0),
    };
    state.find = Some(Find {
        query: TextInput::single_line(""),
        target,
        before,
        found: true,
    });
}

/// A key while the prompt is open: typed into it, or the prompt's own
/// bindings (keep, cancel); every other key does nothing.
pub(super) fn key(state: &mut State, key: Key) {
    match state.keymap.action(Mode::Find, key) {
        Some(Action::Confirm) => state.find = None,
        Some(Action::Cancel) => cancel(state),
        _ => {
            let Some(find) = state.find.as_mut() else {
                return;
            };
            if !find.query.handle(key) {
                return;
            }
            jump(state);
        }
    }
}

/// Closes the prompt and puts the selection back where it was.
pub(super) fn cancel(state: &mut State) {
    let Some(find) = state.find.take() else {
        return;
    };
    let (cursor, mark) = find.before;
    match find.target {
        Target::Dashboard => state.dashboard = cursor,
        Target::Tracker => state.tracker = cursor,
        Target::Commitments => state.mark = mark,
        Target::RecommendationActors => state.recommendation = cursor,
        Target::Nothing => {}
    }
    navigate::settle(state);
}

/// The best match among `names` (index into it): the best score, and among
/// equals the first.
fn best<'a>(names: impl Iterator<Item = &'a str>, query: &str) -> Option<usize> {
    let matcher = SkimMatcherV2::default();
    names
        .enumerate()
        .filter_map(|(i, name)| matcher.fuzzy_match(name, query).map(|s| (s, i)))
        .max_by_key(|&(score, i)| (score, std::cmp::Reverse(i)))
        .map(|(_, i)| i)
}

fn jump(state: &mut State) {
    let Some(find) = state.find.as_ref() else {
        return;
    };
    let (query, target, (cursor, mark)) = (find.query.text(), find.target, find.before);
    let found = match state.data() {
        Some(board) if !query.is_empty() => locate(state, board, target, &query),
        _ => None,
    };
    if let Some(find) = state.find.as_mut() {
        find.found = query.is_empty() || (found.is_some() && target != Target::Nothing);
    }
    // No match (or nothing typed): the selection stays where it was.
    match (target, found) {
        (Target::Dashboard, found) => state.dashboard.selected = found.unwrap_or(cursor.selected),
        (Target::Tracker, found) => state.tracker.selected = found.unwrap_or(cursor.selected),
        (Target::Commitments, found) => state.mark = found.unwrap_or(mark),
        (Target::RecommendationActors, found) => {
            state.recommendation.selected = found.unwrap_or(cursor.selected)
        }
        (Target::Nothing, _) => {}
    }
    navigate::settle(state);
}

/// Where the best match for `query` is, as the view's selection counts.
fn locate(state: &State, board: &Board, target: Target, query: &str) -> Option<usize> {
    let actors = &board.dataset.actors;
    let name = |i: &usize| actors.get(*i).map_or("", |a| a.name.as_str());
    match (target, state.view) {
        (Target::Dashboard, _) => {
            let i = best(actors.iter().map(|a| a.name.as_str()), query)?;
            board.actor_rows.get(i).copied()
        }
        (Target::Tracker, _) => best(board.governments.iter().map(name), query),
        (Target::Commitments, View::Actor(actor)) => {
            let graded = select::graded(board, actor);
            let recs = &board.dataset.recommendations;
            let titles = graded.iter().map(|r| {
                recs.get(*r)
                    .map_or(String::new(), |r| format!("{} {}", r.title, r.id))
            });
            let titles: Vec<String> = titles.collect();
            let i = best(titles.iter().map(String::as_str), query)?;
            graded.get(i).copied()
        }
        (Target::RecommendationActors, View::Recommendation(rec)) => {
            let listed = select::recommendation_actors(board, rec);
            best(listed.iter().map(name), query)
        }
        _ => None,
    }
}
