//! The history view's state and keys: the record's commits, newest first,
//! as the background reading brings them in parts; the selected commit's
//! field-level changes; a filter; the raw diff one key away; a jump from a
//! change to its commitment. Also who last changed each of an actor's
//! commitments, for the actor view.
//!
//! Nothing here reads git: the reading is asked for as an [`Effect`] and its
//! parts come back as [`Action::HistoryRead`], so keys keep working while a
//! long history is read.

use std::cell::Cell;
use std::collections::BTreeMap;

use super::input::{Key, KeyCode};
use super::keymap::Mode;
use super::{Action, Effect, State, View, open, select};
use crate::model::{CommitId, LastChange, RecordedCommit};

/// How far the reading of the history has got.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Reading {
    /// Not asked for yet (the view was never opened).
    #[default]
    NotYet,
    /// Building the history index: this many commits indexed so far.
    Indexing(usize),
    /// Reading commits: this many of about `total`.
    Reading {
        /// Commits read so far.
        read: usize,
        /// Commits on the branch's first-parent line.
        total: usize,
    },
    /// All of it is here.
    Done,
    /// The reading failed, for this reason.
    Failed(String),
}

/// Where the history view's keys go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    /// The list of commits.
    #[default]
    Commits,
    /// The selected commit's list of changes.
    Changes,
}

/// The history as read so far, and the view's place in it.
#[derive(Debug, Clone, Default)]
pub struct HistoryPane {
    /// The commits read, newest first.
    pub commits: Vec<RecordedCommit>,
    /// Each commit's one-line summary, worked out once as it arrives (an
    /// import at scale holds tens of thousands of changes).
    pub summaries: Vec<String>,
    /// The commits the filter lets through (indices into `commits`).
    pub shown: Vec<usize>,
    /// The selected commit (an index into `shown`).
    pub selected: usize,
    /// The first list row the last frame drew, so the next one scrolls
    /// only as far as it must.
    pub offset: Cell<usize>,
    /// Where the keys go.
    pub focus: Focus,
    /// The selected change of the selected commit.
    pub change: usize,
    /// The filter in force, as typed.
    pub filter: String,
    /// The filter prompt while it is open: what is typed so far.
    pub prompt: Option<String>,
    /// How far the reading has got.
    pub reading: Reading,
    /// The request the parts being read answer.
    pub generation: u64,
    /// The raw diff shown or last shown.
    pub diff: Option<RawDiff>,
}

/// A commit's raw diff, as the diff view shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawDiff {
    /// The commit.
    pub commit: CommitId,
    /// Its heading ("a1b2c3d · Ada Lovelace · 2024-03-05 12:00 UTC").
    pub heading: String,
    /// The patch (`None`: still being read), or why it could not be read.
    pub text: Option<Result<String, String>>,
}

/// Which part of the history a [`HistoryBatch`] brings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Nothing yet: the index is being built (`read` commits so far).
    Indexing,
    /// The newest commits: they replace whatever was shown.
    First,
    /// Older commits, after those already here.
    More,
    /// Commits newer than those already here (after the tip moved).
    Newer,
    /// The reading failed, for this reason.
    Failed(String),
}

/// A part of the history read in the background.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryBatch {
    /// The request it answers.
    pub generation: u64,
    /// What it brings.
    pub part: Part,
    /// The commits, newest first.
    pub commits: Vec<RecordedCommit>,
    /// Commits read so far (or indexed, while indexing).
    pub read: usize,
    /// Commits on the branch's first-parent line.
    pub total: usize,
    /// Whether this is the last part.
    pub done: bool,
}

/// A commit's raw diff, read in the background.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffRead {
    /// The commit.
    pub commit: CommitId,
    /// The patch, or why it could not be read.
    pub text: Result<String, String>,
}

/// Who last changed each of an actor's commitments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastChanges {
    /// The actor's id.
    pub actor: String,
    /// By recommendation id (`None`: still being read).
    pub by_recommendation: Option<BTreeMap<String, LastChange>>,
    /// Whether the branch moved since it was read (read again on return).
    pub stale: bool,
}

/// The answer to [`Effect::ReadLastChanges`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastChangesRead {
    /// The actor's id.
    pub actor: String,
    /// By recommendation id, or why they could not be read.
    pub changes: Result<BTreeMap<String, LastChange>, String>,
}

/// What the history view's layout gives the list and the change list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// Rows for commits (0: the change list has the whole body).
    pub list: usize,
    /// Whether the changes are drawn beside the list (a wide screen).
    pub beside: bool,
    /// Rows for the changes below the list or alone (0: none).
    pub changes: usize,
}

/// The lines above the list: the title and the reading's progress line.
pub const HEADER: usize = 2;
/// The width from which the changes are drawn beside the list.
pub const BESIDE: u16 = 110;
/// The body height from which the changes are drawn below the list.
const BELOW: usize = 12;

/// How the history view shares a `width` × `height` terminal.
pub fn layout(width: u16, height: u16, focus: Focus) -> Layout {
    let body = usize::from(super::layout::body_height(height)).saturating_sub(HEADER);
    if width >= BESIDE {
        return Layout {
            list: body.max(1),
            beside: true,
            changes: body,
        };
    }
    if body >= BELOW {
        // The list above, the changes (under their commit's heading) below.
        let list = (body - 1) / 2;
        return Layout {
            list,
            beside: false,
            changes: body - list,
        };
    }
    match focus {
        Focus::Commits => Layout {
            list: body.max(1),
            beside: false,
            changes: 0,
        },
        Focus::Changes => Layout {
            list: 0,
            beside: false,
            changes: body.max(1),
        },
    }
}

impl HistoryPane {
    /// Whether the filter prompt has the keys: it is open, over the history
    /// (a reload that ends on the problems screen leaves it out of sight,
    /// where it must not swallow what the user types).
    pub fn prompting(&self, view: View) -> bool {
        self.prompt.is_some() && view == View::History
    }

    /// The selected commit, if any is shown.
    pub fn selected_commit(&self) -> Option<&RecordedCommit> {
        self.commits.get(*self.shown.get(self.selected)?)
    }

    /// Puts `batch` in place; older requests' parts are dropped.
    fn take(&mut self, batch: HistoryBatch) -> Option<String> {
        if batch.generation != self.generation {
            return None;
        }
        let kept = self.selected_commit().map(|c| c.id.clone());
        let total = batch.total;
        match batch.part {
            Part::Indexing => {
                self.reading = Reading::Indexing(batch.read);
                return None;
            }
            Part::Failed(reason) => {
                self.reading = Reading::Failed(reason.clone());
                return Some(format!("Could not read the history: {reason}"));
            }
            Part::First => {
                self.summaries = batch.commits.iter().map(RecordedCommit::summary).collect();
                self.commits = batch.commits;
            }
            Part::More => {
                let summaries = batch.commits.iter().map(RecordedCommit::summary);
                self.summaries.extend(summaries);
                self.commits.extend(batch.commits);
            }
            Part::Newer => {
                let mut summaries: Vec<String> =
                    batch.commits.iter().map(RecordedCommit::summary).collect();
                summaries.append(&mut self.summaries);
                self.summaries = summaries;
                let mut commits = batch.commits;
                commits.append(&mut self.commits);
                self.commits = commits;
            }
        }
        self.reading = if batch.done {
            Reading::Done
        } else {
            Reading::Reading {
                read: batch.read,
                total,
            }
        };
        self.refilter(kept.as_ref());
        None
    }

    /// Works out which commits the filter lets through, keeping the
    /// selection on the commit `kept` where it is still shown.
    fn refilter(&mut self, kept: Option<&CommitId>) {
        let filter = Filter::parse(&self.filter);
        self.shown = (0..self.commits.len())
            .filter(|&i| self.commits.get(i).is_some_and(|c| filter.matches(c)))
            .collect();
        let found = kept.and_then(|id| {
            self.shown
                .iter()
                .position(|&i| self.commits.get(i).is_some_and(|c| &c.id == id))
        });
        match found {
            Some(position) => self.selected = position,
            None => {
                self.selected = self.selected.min(self.shown.len().saturating_sub(1));
                self.change = 0;
            }
        }
    }
}

/// One part of a filter.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Term {
    Actor(String),
    Recommendation(String),
    Author(String),
    Text(String),
}

/// A history filter: words that must all match, each in the commit's
/// actors (`actor:`), recommendations (`rec:`), author (`author:`), or, bare,
/// in any of those, the message or the changes. Case does not matter.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    terms: Vec<Term>,
}

impl Filter {
    /// The filter `text` says.
    pub fn parse(text: &str) -> Filter {
        let terms = text
            .split_whitespace()
            .map(|word| {
                let word = word.to_lowercase();
                let (key, value) = word.split_once(':').unwrap_or(("", &word));
                let value = value.to_string();
                match key {
                    "actor" | "a" => Term::Actor(value),
                    "rec" | "recommendation" | "r" => Term::Recommendation(value),
                    "author" | "by" => Term::Author(value),
                    _ => Term::Text(word.clone()),
                }
            })
            .filter(|term| !matches!(term, Term::Actor(v) | Term::Recommendation(v) | Term::Author(v) | Term::Text(v) if v.is_empty()))
            .collect();
        Filter { terms }
    }

    /// Whether `commit` passes.
    pub fn matches(&self, commit: &RecordedCommit) -> bool {
        let has = |text: &str, part: &str| text.to_lowercase().contains(part);
        let actor = |part: &str| {
            commit
                .changes
                .iter()
                .any(|c| has(&c.actor, part) || has(&c.actor_name, part))
        };
        let recommendation = |part: &str| {
            commit
                .changes
                .iter()
                .any(|c| c.recommendation.as_deref().is_some_and(|r| has(r, part)))
        };
        let author = |part: &str| has(&commit.author_name, part) || has(&commit.author_email, part);
        self.terms.iter().all(|term| match term {
            Term::Actor(part) => actor(part),
            Term::Recommendation(part) => recommendation(part),
            Term::Author(part) => author(part),
            Term::Text(part) => {
                actor(part)
                    || recommendation(part)
                    || author(part)
                    || has(&commit.subject, part)
                    || commit.changes.iter().any(|c| has(&c.what(), part))
                    || commit.problems.iter().any(|p| has(&p.path, part))
            }
        })
    }
}

/// A commit's time as the history shows it: UTC, to the minute.
pub fn when(commit: &RecordedCommit) -> String {
    commit
        .time
        .with_timezone(&chrono::Utc)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

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
        Action::FilterHistory => pane.prompt = Some(pane.filter.clone()),
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
                match (key.text(), key.code) {
                    (Some(c), _) if !c.is_control() => prompt.push(c),
                    (None, KeyCode::Backspace) => {
                        prompt.pop();
                    }
                    _ => {}
                }
            }
        }
    }
    Vec::new()
}

fn apply_filter(state: &mut State) {
    let Some(text) = state.history.prompt.take() else {
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
    let Some(change) = state
        .history
        .selected_commit()
        .and_then(|c| c.changes.get(state.history.change))
        .cloned()
    else {
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
            }
            pane.selected = to;
        }
        Focus::Changes => pane.change = to,
    }
}

/// What an action does in the history's modes, for help.
pub(super) fn describe(action: &Action, mode: Mode) -> Option<&'static str> {
    Some(match (action, mode) {
        (Action::Up, Mode::History) => "Select the previous commit (or change)",
        (Action::Down, Mode::History) => "Select the next commit (or change)",
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
        (Action::Confirm, Mode::HistoryFilter) => "filter",
        (Action::Timeline, _) => "timeline",
        (Action::History, _) => "history",
        _ => return None,
    })
}
