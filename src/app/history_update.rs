//! What keys and finished reading do to the history view's state: moving
//! through commits and their changes, the filter prompt, the raw diff, the
//! jump to a commitment, and the effects that ask for history to be read
//! (when a view opens, when the branch tip moves).

use std::collections::BTreeMap;

use super::history::{Focus, LastChanges, LastChangesRead, RawDiff, Reading, layout, when};
use super::input::Key;
use super::keymap::Mode;
use super::text::TextInput;
use super::{Action, Effect, State, View, open, select};

/// A command in the history view, or one that opens the history or a
/// timeline from another view; `None` leaves it to the views' own handling.
pub(super) fn command(state: &mut State, action: &Action) -> Option<Vec<Effect>> {
    if state.history.prompting(state.view) {
        match action {
            Action::Confirm => apply_filter(state),
            Action::Cancel => state.history.prompt = None,
            _ => {}
        }
        return Some(Vec::new());
    }
    match action {
        Action::History if state.data().is_some() => return Some(open_history(state)),
        Action::Timeline => return super::timeline::open_from(state),
        _ => {}
    }
    if matches!(state.view, View::History | View::Diff)
        && matches!(action, Action::Left | Action::Right)
    {
        sideways(state, action);
        return Some(Vec::new());
    }
    if state.view != View::History {
        return None;
    }
    let pane = &mut state.history;
    match action {
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Home
        | Action::End => {
            let page = page_rows(state);
            move_in(state, action, page);
        }
        Action::Open => match pane.focus {
            Focus::Commits if pane.selected_commit().is_some() => {
                pane.focus = Focus::Changes;
                pane.change = 0;
            }
            Focus::Commits => {}
            Focus::Changes => return Some(jump(state)),
        },
        Action::Back if pane.focus == Focus::Changes => pane.focus = Focus::Commits,
        Action::RawDiff => return Some(open_diff(state)),
        Action::FilterHistory => pane.prompt = Some(TextInput::single_line(&pane.filter)),
        _ => return None,
    }
    Some(Vec::new())
}

/// The effects a newly shown view needs: the actor view's "who last
/// changed", a timeline whose recorded changes went stale.
pub(super) fn view_opened(state: &mut State) -> Vec<Effect> {
    match state.view {
        View::Actor(index) => {
            let Some(id) = state
                .data()
                .and_then(|b| b.dataset.actors.get(index))
                .map(|a| a.id.clone())
            else {
                return Vec::new();
            };
            match &state.last_changes {
                Some(known) if known.actor == id && !known.stale => Vec::new(),
                _ => {
                    state.last_changes = Some(LastChanges {
                        actor: id.clone(),
                        by_recommendation: None,
                        stale: false,
                    });
                    vec![Effect::ReadLastChanges {
                        actor: id,
                        refresh: false,
                    }]
                }
            }
        }
        View::Timeline => super::timeline::reread_if_stale(state),
        _ => Vec::new(),
    }
}

/// What to read again when the branch tip may have moved (a commit
/// arrived, or the user reloaded): the history if it was read, what the
/// view open shows; what is out of sight is only marked stale.
pub(super) fn follow_tip(state: &mut State) -> Vec<Effect> {
    let mut effects = Vec::new();
    if !matches!(state.history.reading, Reading::NotYet | Reading::Failed(_)) {
        effects.push(Effect::ReadHistory {
            generation: state.history.generation,
            refresh: true,
        });
    }
    let actor_open = match state.view {
        View::Actor(index) => state
            .data()
            .and_then(|b| b.dataset.actors.get(index))
            .map(|a| a.id.clone()),
        _ => None,
    };
    if let Some(known) = &mut state.last_changes {
        if actor_open.as_ref() == Some(&known.actor) {
            effects.push(Effect::ReadLastChanges {
                actor: known.actor.clone(),
                refresh: true,
            });
        } else {
            known.stale = true;
        }
    }
    effects.extend(super::timeline::follow_tip(state));
    effects
}

/// Applies a result of the history's reading; other results are ignored.
pub(super) fn apply(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::HistoryRead(batch) => {
            if let Some(message) = state.history.take(*batch) {
                state.say(message);
            }
        }
        Action::DiffRead(read) => {
            if let Some(diff) = &mut state.history.diff
                && diff.commit == read.commit
            {
                diff.text = Some(read.text);
            }
        }
        Action::LastChangesRead(read) => {
            let LastChangesRead { actor, changes } = *read;
            if let Some(known) = &mut state.last_changes
                && known.actor == actor
            {
                match changes {
                    Ok(changes) => known.by_recommendation = Some(changes),
                    Err(reason) => {
                        known.by_recommendation = Some(BTreeMap::new());
                        state.say(format!("Could not read who last changed {actor}: {reason}"));
                    }
                }
            }
        }
        Action::TimelineRead(read) => super::timeline::apply(state, *read),
        _ => {}
    }
    Vec::new()
}

/// A key while the filter prompt is open: typed into it, or its own keys.
pub(super) fn prompt_key(state: &mut State, key: Key) -> Vec<Effect> {
    match state.keymap.action(Mode::HistoryFilter, key) {
        Some(Action::Confirm) => apply_filter(state),
        Some(Action::Cancel) => state.history.prompt = None,
        _ => {
            if let Some(prompt) = state.history.prompt.as_mut() {
                prompt.handle(key);
            }
        }
    }
    Vec::new()
}

fn apply_filter(state: &mut State) {
    let Some(text) = state.history.prompt.take().map(|p| p.text()) else {
        return;
    };
    let pane = &mut state.history;
    let kept = pane.selected_commit().map(|c| c.id.clone());
    pane.filter = text.trim().to_string();
    pane.focus = Focus::Commits;
    pane.refilter(kept.as_ref());
    let (shown, read) = (pane.shown.len(), pane.commits.len());
    if !pane.filter.is_empty() {
        state.say_in_passing(format!(
            "{shown} of {read} commits match · f and an empty filter show all"
        ));
    }
}

fn open_history(state: &mut State) -> Vec<Effect> {
    match state.view {
        View::History => {}
        // The diff was opened from the history: go back to it.
        View::Diff => {
            state.back.pop();
            state.view = View::History;
        }
        _ => open(state, View::History),
    }
    match state.history.reading {
        Reading::NotYet | Reading::Failed(_) => {
            state.history.generation += 1;
            state.history.reading = Reading::Reading { read: 0, total: 0 };
            vec![Effect::ReadHistory {
                generation: state.history.generation,
                refresh: false,
            }]
        }
        _ => Vec::new(),
    }
}

fn open_diff(state: &mut State) -> Vec<Effect> {
    let Some(commit) = state.history.selected_commit() else {
        return Vec::new();
    };
    let id = commit.id.clone();
    let heading = format!(
        "{} · {} · {} UTC",
        id.short(),
        commit.author_name,
        when(commit)
    );
    let cached = state
        .history
        .diff
        .as_ref()
        .is_some_and(|d| d.commit == id && matches!(d.text, Some(Ok(_))));
    open(state, View::Diff);
    state.history.column = 0;
    if cached {
        return Vec::new();
    }
    state.history.diff = Some(RawDiff {
        commit: id.clone(),
        heading,
        text: None,
    });
    vec![Effect::ReadDiff(id)]
}

/// Opens the actor view on the selected change's commitment.
fn jump(state: &mut State) -> Vec<Effect> {
    let Some(change) = state.history.selected_change().cloned() else {
        return Vec::new();
    };
    let found = state.data().and_then(|board| {
        let actor = board
            .dataset
            .actors
            .iter()
            .position(|a| a.id == change.actor)?;
        let rec = change.recommendation.as_ref().and_then(|id| {
            board
                .dataset
                .recommendations
                .iter()
                .position(|r| &r.id == id)
        });
        Some((actor, rec))
    });
    let Some((actor, rec)) = found else {
        state.say(format!(
            "{} is not in the dataset now (renamed or removed since)",
            change.actor_name
        ));
        return Vec::new();
    };
    open(state, View::Actor(actor));
    let graded = state
        .data()
        .map(|board| select::graded(board, actor))
        .unwrap_or_default();
    state.mark = match rec {
        Some(rec) if graded.contains(&rec) => rec,
        _ => select::mark_for(state, actor),
    };
    view_opened(state)
}

/// The rows a page key moves in the list that has the keys.
fn page_rows(state: &State) -> usize {
    let layout = layout(state.size.0, state.size.1, state.history.focus);
    match state.history.focus {
        Focus::Commits => layout.list,
        Focus::Changes => layout.changes,
    }
    .max(1)
}

fn move_in(state: &mut State, motion: &Action, page: usize) {
    let pane = &mut state.history;
    let (at, count) = match pane.focus {
        Focus::Commits => (pane.selected, pane.shown.len()),
        Focus::Changes => (
            pane.change,
            pane.selected_commit().map_or(0, |c| c.changes.len()),
        ),
    };
    let last = count.saturating_sub(1);
    let to = match motion {
        Action::Up => at.saturating_sub(1),
        Action::Down => (at + 1).min(last),
        Action::PageUp => at.saturating_sub(page),
        Action::PageDown => (at + page).min(last),
        Action::Home => 0,
        Action::End => last,
        _ => at,
    };
    match pane.focus {
        Focus::Commits => {
            if to != pane.selected {
                pane.change = 0;
                pane.column = 0;
            }
            pane.selected = to;
        }
        Focus::Changes => pane.change = to,
    }
}

/// How far one press of left or right scrolls a long line.
const SIDEWAYS_STEP: usize = 16;

/// Scrolls the change list or the raw diff sideways, no further than the
/// widest line the screen last held needs.
fn sideways(state: &mut State, action: &Action) {
    let pane = &mut state.history;
    let (width, height) = state.size;
    let mut room = usize::from(width);
    // Beside the commits, the change list has the right half.
    if state.view == View::History && layout(width, height, pane.focus).beside {
        room -= room / 2 + 2;
    }
    let room = room.saturating_sub(4);
    let limit = pane.widest.get().saturating_sub(room);
    pane.column = match action {
        Action::Left => pane.column.saturating_sub(SIDEWAYS_STEP),
        _ => (pane.column + SIDEWAYS_STEP).min(limit),
    };
}

/// What an action does in the history's modes, for help.
pub(super) fn describe(action: &Action, mode: Mode) -> Option<&'static str> {
    Some(match (action, mode) {
        (Action::Up, Mode::History) => "Select the previous commit (or change)",
        (Action::Down, Mode::History) => "Select the next commit (or change)",
        (Action::Left, Mode::History | Mode::Diff) => "Scroll long lines left",
        (Action::Right, Mode::History | Mode::Diff) => "Scroll long lines right",
        (Action::Up, Mode::Timeline | Mode::Diff) => "Scroll up",
        (Action::Down, Mode::Timeline | Mode::Diff) => "Scroll down",
        (Action::Open, Mode::History) => {
            "Go into the commit's changes; on a change, open its commitment"
        }
        (Action::Back, Mode::History) => "Back to the commits, or to the previous view",
        (Action::Timeline, Mode::History) => "Timeline of the selected change's commitment",
        (Action::FilterHistory, _) => {
            "Filter: actor:ID rec:ID author:NAME, or words found anywhere"
        }
        (Action::Confirm, Mode::HistoryFilter) => "Apply the filter",
        (Action::Cancel, Mode::HistoryFilter) => "Close the prompt, keeping the filter",
        _ => return None,
    })
}

/// A word or two for the history's hint lines.
pub(super) fn label(action: &Action, mode: Mode) -> Option<&'static str> {
    Some(match (action, mode) {
        (Action::Open, Mode::History) => "changes",
        (Action::Up | Action::Down, Mode::Diff | Mode::Timeline) => "scroll",
        (Action::Left | Action::Right, Mode::Diff | Mode::History) => "sideways",
        (Action::Confirm, Mode::HistoryFilter) => "filter",
        (Action::Timeline, _) => "timeline",
        (Action::History, _) => "history",
        _ => return None,
    })
}
