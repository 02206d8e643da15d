//! The TUI's state, actions, key map and `update`. No IO: what must touch the
//! world (quit, reload, save) is returned as an [`Effect`] for the runner,
//! whose result comes back as an [`Action`] through `update` again.

mod action;
pub mod actor_form;
pub mod edit_form;
pub mod editing;
pub mod filter;
mod find;
mod hints;
pub mod history;
mod history_update;
pub mod identity_prompt;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod link;
pub mod look;
pub mod messages;
pub mod mouse;
mod navigate;
pub mod outcome;
mod reload;
pub mod report;
mod route;
pub mod select;
pub mod sort;
pub mod text;
pub mod timeline;
pub mod travel;
mod travel_delta;
mod travel_picker;

use std::cell::Cell;

use chrono::NaiveDate;

use crate::model::Problems;
use crate::model::{ActorKind, Commitment, Dataset, Progress, StatusCounts};

pub use action::Action;
pub use find::{Find, Found};
pub use keymap::{Key, KeyMap, Mode};
pub use outcome::{CatchUp, Cause, Reloaded, Saved, Wrote};

/// Lines a scrolling text view spends on its title and the status line.
pub const PAGE_CHROME: u16 = 2;

/// Something the runner must do after an update. Each ends with at most one
/// result [`Action`] (named below) sent back through `update`.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Restore the terminal and leave.
    Quit,
    /// Load the dataset again: [`Action::Loaded`].
    Reload,
    /// If the branch tip moved since the last load, load again and say who
    /// committed what: [`Action::Loaded`] (nothing when it had not moved).
    FollowTip,
    /// Save one commitment as one commit by the author: [`Action::Saved`],
    /// [`Action::SaveConflicted`] or [`Action::SaveFailed`].
    Save(Box<crate::model::Edit>),
    /// Add an actor as one commit by the author: [`Action::Saved`] or
    /// [`Action::SaveFailed`].
    AddActor(Box<crate::model::Actor>),
    /// Ask the store for the author's last edit, and hand it back as
    /// [`Action::LastEditFound`] (undo asks before it reverts anything).
    FindLastEdit,
    /// Revert this edit (the author's last, as the user was shown it) with
    /// a new commit: [`Action::Saved`] or [`Action::Notice`]; refused if
    /// their last edit is now another.
    Undo(Box<crate::model::LastEdit>),
    /// Hand the note to `$EDITOR` (which owns the terminal meanwhile):
    /// [`Action::NoteEdited`].
    EditNote(String),
    /// Keep the edit being typed where the next start finds it (only a
    /// failure reports back: [`Action::Notice`]).
    KeepDraft(Box<crate::model::Edit>),
    /// Forget the kept draft (saved or cancelled); reports nothing.
    DiscardDraft,
    /// Look for a draft the (newly named) author left: [`Action::DraftFound`].
    LookForDraft,
    /// Read the record's history on a thread of its own (never the save
    /// worker): [`Action::Travelled`].
    Travel(travel::Job),
    /// Read the record's history, newest first, in parts
    /// ([`Action::HistoryRead`]), on a thread of its own so that a long
    /// walk never delays a save. With `refresh`, only what is new since the
    /// last read (all of it again if the branch was rewritten; nothing when
    /// the tip has not moved).
    ReadHistory {
        /// Which request the parts answer (older answers are dropped).
        generation: u64,
        /// Only what is new since the last read.
        refresh: bool,
    },
    /// Read a commit's raw diff: [`Action::DiffRead`].
    ReadDiff(crate::model::CommitId),
    /// Read every recorded change to one commitment: [`Action::TimelineRead`]
    /// (with `refresh`, nothing when the tip has not moved since).
    ReadTimeline {
        /// The actor's id.
        actor: String,
        /// The recommendation's id.
        recommendation: String,
        /// Only if the tip moved since the last read.
        refresh: bool,
    },
    /// Read who last changed each of an actor's commitments:
    /// [`Action::LastChangesRead`] (with `refresh`, nothing when the tip has
    /// not moved since).
    ReadLastChanges {
        /// The actor's id.
        actor: String,
        /// Only if the tip moved since the last read.
        refresh: bool,
    },
    /// Write a report to a file on the worker: [`Action::Notice`] says where.
    WriteReport(Box<report::ReportJob>),
    /// Read, away from the save worker, when each actor's file last
    /// changed in the record: [`Action::LastChangesLoaded`].
    LoadLastChanges,
    /// Put this link on the clipboard through the terminal (OSC 52):
    /// [`Action::Notice`] says it was sent.
    CopyLink(String),
    /// Open this link with the user's opener, when the session is local:
    /// [`Action::Notice`] says what happened, or why not.
    OpenLink(String),
}

/// Which screen is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The actors × recommendations matrix.
    Dashboard,
    /// Governments against the tracked recommendations.
    Tracker,
    /// One actor (index into `Dataset::actors`).
    Actor(usize),
    /// One recommendation (index into `Dataset::recommendations`).
    Recommendation(usize),
    /// The keys.
    Help,
    /// The load problems.
    Problems,
    /// The dataset's warnings (it loaded, but its record and evidence disagree).
    Warnings,
    /// Who moved between two points on the first clock.
    Delta,
    /// Progress over time, and the record's activity.
    Chart,
    /// The record's history: commits newest first, the selected one's changes.
    History,
    /// One commitment's timeline (which one: [`State::timeline`]).
    Timeline,
    /// The raw diff of the history's selected commit.
    Diff,
}

/// One row of the dashboard: a kind's heading or an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// The heading of a group of actors.
    Heading(ActorKind),
    /// An actor, by index into `Dataset::actors`.
    Actor(usize),
}

/// What was loaded: a dataset to show, or the problems that stopped it.
#[derive(Debug, Clone)]
pub enum Loaded {
    /// A valid dataset, with what is derived from it once per load.
    Dataset(Box<Board>),
    /// What went wrong, for the error screen.
    Problems(Problems),
}

/// A dataset and the figures derived from it once per load, so a frame costs
/// only what it shows.
#[derive(Debug, Clone)]
pub struct Board {
    /// The dataset.
    pub dataset: Dataset,
    /// The dashboard's rows: kind headings followed by their actors.
    pub rows: Vec<Row>,
    /// The governmental actors, for the tracker.
    pub governments: Vec<usize>,
    /// The tracked recommendations, for the tracker.
    pub tracked: Vec<usize>,
    /// Each actor's row on the dashboard.
    pub actor_rows: Vec<usize>,
    /// Progress over the whole dataset.
    pub overall: Progress,
    /// Each recommendation's progress over the actors it grades.
    pub recommendation_progress: Vec<Progress>,
    /// For each tracked recommendation, how many governments stand at each status.
    pub tracker_counts: Vec<StatusCounts>,
    /// What `validate` would warn about, for the count and the warnings screen.
    pub warnings: Vec<crate::model::Warning>,
    /// The widest actor name and the widest government name, in terminal
    /// columns, measured once per load so a frame never walks every actor.
    pub name_widths: (usize, usize),
    /// What the filter and the sort leave listed: the columns, the counts
    /// and the figures over that set.
    pub arranged: filter::Arranged,
    /// Each recommendation's view list (actors and their statuses), made
    /// the first time that view needs it.
    recommendation_lists: Vec<std::cell::OnceCell<(Vec<usize>, Vec<crate::model::Status>)>>,
    /// The search index of find, made the first time a find needs it.
    search: std::cell::OnceCell<crate::model::SearchIndex>,
}

impl Board {
    fn new(dataset: Dataset) -> Self {
        let mut rows = Vec::with_capacity(dataset.actors.len() + ActorKind::ALL.len());
        let mut actor_rows = Vec::with_capacity(dataset.actors.len());
        let mut last = None;
        for (index, actor) in dataset.actors.iter().enumerate() {
            if last != Some(actor.kind) {
                rows.push(Row::Heading(actor.kind));
                last = Some(actor.kind);
            }
            actor_rows.push(rows.len());
            rows.push(Row::Actor(index));
        }
        let governments: Vec<usize> = (0..dataset.actors.len())
            .filter(|&i| dataset.actors[i].kind.is_governmental())
            .collect();
        let tracked: Vec<usize> = (0..dataset.recommendations.len())
            .filter(|&i| dataset.recommendations[i].tracked)
            .collect();
        let overall = dataset.overall_progress();
        let dataset_recommendations = dataset.recommendations.len();
        let recommendation_progress = dataset
            .recommendations
            .iter()
            .map(|r| dataset.recommendation_progress(r))
            .collect();
        let tracker_counts = tracked
            .iter()
            .map(|&r: &usize| {
                let rec = &dataset.recommendations[r];
                let mut counts = StatusCounts::default();
                for actor in governments.iter().map(|&g: &usize| &dataset.actors[g]) {
                    if actor.is_graded_on(rec) {
                        counts.add(actor.status_on(&rec.id));
                    }
                }
                counts
            })
            .collect();
        let warnings = dataset.warnings();
        let width = |i: &usize| crate::model::width(&dataset.actors[*i].name);
        let name_widths = (
            (0..dataset.actors.len())
                .map(|i| width(&i))
                .max()
                .unwrap_or(0),
            governments.iter().map(width).max().unwrap_or(0),
        );
        let (actor_count, government_count) = (dataset.actors.len(), governments.len());
        Board {
            warnings,
            name_widths,
            dataset,
            rows,
            governments,
            tracked,
            actor_rows,
            overall,
            recommendation_progress,
            tracker_counts,
            // As made: every column and actor, in name order; a filter or
            // a sort in force is laid over it by `arrange_board`.
            arranged: filter::Arranged {
                columns: (0..dataset_recommendations).collect(),
                actors: actor_count,
                governments: (government_count, government_count),
                progress: overall,
                laid_out: false,
            },
            recommendation_lists: vec![Default::default(); dataset_recommendations],
            search: std::cell::OnceCell::new(),
        }
    }
}

/// A selection and the first line shown, for one scrolling list or page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cursor {
    /// The selected row (lists) or unused (pages).
    pub selected: usize,
    /// The first row or line on screen.
    pub offset: usize,
}

/// Everything the screen shows and the keys act on.
#[derive(Debug, Clone)]
pub struct State {
    /// The dataset or the problems.
    pub loaded: Loaded,
    /// The screen showing.
    pub view: View,
    /// Where `Back` returns to.
    pub back: Vec<View>,
    /// The dashboard's selected row (an actor row) and scroll.
    pub dashboard: Cursor,
    /// The selected recommendation column.
    pub column: usize,
    /// The tracker's selected government and scroll.
    pub tracker: Cursor,
    /// The tracker's selected column (index into the tracked list).
    pub tracker_column: usize,
    /// The scroll of the page views (actor, recommendation, help, problems).
    pub page: Cursor,
    /// The actor view's marked commitment (a recommendation index): what
    /// `e` edits there.
    pub mark: usize,
    /// The recommendation view's selected actor (an index into
    /// [`select::recommendation_actors`]).
    pub recommendation: Cursor,
    /// The first line the last frame showed of a view that keeps its
    /// selection on screen, so the next frame scrolls only when it must.
    pub follow_offset: Cell<usize>,
    /// The largest useful page offset, as the last frame laid the page out
    /// (wrapping depends on the width, which only the drawing knows).
    pub page_limit: Cell<usize>,
    /// The day the headline counts from; injected so tests are deterministic.
    pub today: NaiveDate,
    /// A message for the status line.
    pub message: Option<String>,
    /// The message is news nobody asked for (another coordinator's
    /// commit): it never opens the panel, even when a resize cuts it.
    pub message_unasked: bool,
    /// Whether the screen must be drawn again.
    pub dirty: bool,
    /// Whether to draw in colour (off under `NO_COLOR`).
    pub color: bool,
    /// What the terminal can show, and the theme.
    pub look: look::Look,
    /// The key bindings in force.
    pub keymap: KeyMap,
    /// The terminal's size (width, height).
    pub size: (u16, u16),
    /// The find prompt, while it is open.
    pub find: Option<Find>,
    /// A form or prompt open over the view.
    pub modal: Option<editing::Modal>,
    /// Who commits the edits; nothing is saved without one.
    pub author: Option<crate::model::Identity>,
    /// The session's messages, oldest first (`!` shows them).
    pub log: Vec<String>,
    /// A long message or the log, open over the view until dismissed.
    pub panel: Option<messages::Panel>,
    /// Where the open dataset is, as the header and help show it.
    pub dataset_path: Option<String>,
    /// What the runner prints on the shell after the screen is gone (where
    /// a first run created the dataset), so it is not lost with the screen.
    pub exit_notes: Vec<String>,
    /// Time travel: the past shown, its prompt, the delta and the chart.
    pub travel: travel::Travel,
    /// The record's history as read so far, and the history view's place.
    pub history: history::HistoryPane,
    /// The commitment whose timeline is open (or was last).
    pub timeline: Option<timeline::Timeline>,
    /// Who last changed each commitment of the actor last opened.
    pub last_changes: Option<history::LastChanges>,
    /// The filter in force on the dashboard and the tracker.
    pub filter: crate::model::Filter,
    /// The filter prompt, while it is open.
    pub filter_prompt: Option<filter::FilterPrompt>,
    /// The order of the actors within their kind.
    pub sort: sort::Sort,
    /// When each actor's file last changed in the record (commit time in
    /// seconds, by actor id), once the history has been read for it.
    pub actor_touches: Option<std::collections::HashMap<String, i64>>,
    /// The links the last frame drew, for the runner to make clickable
    /// (OSC 8) over the cells that show them.
    pub links: std::cell::RefCell<Vec<link::LinkSpot>>,
    /// The find last jumped from, which `n`/`N` step through.
    pub found: Option<Found>,
}

impl State {
    /// A state showing `loaded` (a dataset, or the problems stopping it).
    pub fn new(loaded: Result<Dataset, Problems>, today: NaiveDate, keymap: KeyMap) -> State {
        let mut state = State {
            loaded: Loaded::Problems(Problems(Vec::new())),
            view: View::Dashboard,
            back: Vec::new(),
            dashboard: Cursor::default(),
            column: 0,
            tracker: Cursor::default(),
            tracker_column: 0,
            page: Cursor::default(),
            mark: 0,
            recommendation: Cursor::default(),
            follow_offset: Cell::new(0),
            page_limit: Cell::new(usize::MAX),
            today,
            message: None,
            message_unasked: false,
            dirty: true,
            color: true,
            look: look::Look::default(),
            keymap,
            size: (80, 24),
            find: None,
            modal: None,
            author: None,
            log: Vec::new(),
            panel: None,
            dataset_path: None,
            exit_notes: Vec::new(),
            travel: travel::Travel::default(),
            history: history::HistoryPane::default(),
            timeline: None,
            last_changes: None,
            filter: crate::model::Filter::default(),
            filter_prompt: None,
            sort: sort::Sort::default(),
            actor_touches: None,
            links: Default::default(),
            found: None,
        };
        state.replace_dataset(loaded);
        state
    }

    /// Shows a freshly loaded dataset (or its problems), keeping the place
    /// where it can.
    pub fn replace_dataset(&mut self, loaded: Result<Dataset, Problems>) {
        self.dirty = true;
        // In a past view, today's dataset is kept aside for the way back.
        let Some(loaded) = travel::arriving(self, loaded) else {
            return;
        };
        match loaded {
            Ok(dataset) => {
                // Views hold indices, which an added actor shifts: carry each
                // open view (and those to go back to) over by id, and drop
                // the ones whose actor or recommendation is gone.
                let old = self.data().map(|b| &b.dataset);
                let carry = |view: View| reload::carry_over(view, old, &dataset);
                let view = carry(self.view);
                let back: Vec<View> = self.back.iter().filter_map(|v| carry(*v)).collect();
                // So are the selections: the same actor and recommendation,
                // wherever they now sort.
                let selected = self.selected_ids();
                self.loaded = Loaded::Dataset(Box::new(Board::new(dataset)));
                self.arrange_board();
                self.reselect(&selected);
                match view {
                    Some(view) => {
                        self.view = view;
                        self.back = back;
                    }
                    None => {
                        self.view = View::Dashboard;
                        self.back.clear();
                    }
                }
                navigate::settle(self);
                find::reload(self);
            }
            Err(problems) => {
                self.find = None;
                self.filter_prompt = None;
                if matches!(self.modal, Some(editing::Modal::Ask(_))) {
                    // A question about what is no longer shown cannot stand.
                    self.modal = None;
                }
                self.loaded = Loaded::Problems(problems);
                self.view = View::Problems;
                self.back.clear();
                self.page = Cursor::default();
            }
        }
    }

    /// Shows `commitment` as just committed by this session. The new tip is
    /// what was loaded plus this one change, so applying it here is the
    /// same as loading the tip again, without reading every file (about
    /// 400 ms at 12,000 actors). Indices do not move: an actor's commitments
    /// do not decide its place.
    pub fn apply_saved(&mut self, actor: &str, recommendation: &str, commitment: Commitment) {
        if !matches!(self.loaded, Loaded::Dataset(_))
            || travel::saved_meanwhile(self, actor, recommendation, &commitment)
        {
            return;
        }
        let selected = self.selected_ids();
        let placeholder = Loaded::Problems(Problems(Vec::new()));
        let Loaded::Dataset(board) = std::mem::replace(&mut self.loaded, placeholder) else {
            return;
        };
        let mut dataset = board.dataset;
        if let Some(saved) = dataset.actors.iter_mut().find(|a| a.id == actor) {
            saved
                .commitments
                .insert(recommendation.to_string(), commitment);
        }
        self.loaded = Loaded::Dataset(Box::new(Board::new(dataset)));
        // The edit may take the actor out of the filter (or into it):
        // lay the list out again, the selection staying where it can.
        self.arrange_board();
        self.reselect(&selected);
        self.dirty = true;
        navigate::settle(self);
    }

    /// The loaded dataset with its derived figures, if it loaded.
    pub fn data(&self) -> Option<&Board> {
        match &self.loaded {
            Loaded::Dataset(data) => Some(data),
            Loaded::Problems(_) => None,
        }
    }

    /// Sets the status-line message.
    pub fn say(&mut self, message: impl Into<String>) {
        let message = message.into();
        self.log(&message);
        self.message = Some(message);
        self.message_unasked = false;
        self.dirty = true;
    }

    /// Says what is under way ("Undoing …"): the status line only. The
    /// result replaces it in a moment, so it is neither logged nor opened in
    /// the message panel, where it would stand between the user and the
    /// answer (or the next question).
    pub fn say_in_passing(&mut self, message: impl Into<String>) {
        self.message = Some(message.into());
        self.dirty = true;
    }

    /// Selects the actor with this id on the dashboard (after adding it).
    pub fn select_actor(&mut self, id: &str) {
        let row = self.data().and_then(|board| {
            let index = board.dataset.actors.iter().position(|a| a.id == id)?;
            board.row_of(index)
        });
        if let Some(row) = row {
            self.view = View::Dashboard;
            self.back.clear();
            self.dashboard.selected = row;
            navigate::settle(self);
        }
    }

    /// The actor selected on the dashboard.
    pub fn selected_actor(&self) -> Option<usize> {
        match self.data()?.rows.get(self.dashboard.selected)? {
            Row::Actor(index) => Some(*index),
            Row::Heading(_) => None,
        }
    }
}

impl State {
    /// The commitment under the selection, as (actor index, recommendation
    /// index): the dashboard's cell, the tracker's, the actor view's marked
    /// commitment or the recommendation view's selected actor. What `Edit`
    /// edits, and nothing in a view that marks none.
    pub fn selected_commitment(&self) -> Option<(usize, usize)> {
        let board = self.data()?;
        let (actor, rec) = match self.view {
            View::Dashboard => (self.selected_actor()?, self.column),
            View::Tracker => (
                *board.governments.get(self.tracker.selected)?,
                *board.tracked.get(self.tracker_column)?,
            ),
            // Only a commitment the view lists (and so marks) is a target.
            View::Actor(actor) if select::graded(board, actor).contains(&self.mark) => {
                (actor, self.mark)
            }
            View::Recommendation(rec) => (
                *select::recommendation_actors(board, rec).get(self.recommendation.selected)?,
                rec,
            ),
            _ => return None,
        };
        (actor < board.dataset.actors.len() && rec < board.dataset.recommendations.len())
            .then_some((actor, rec))
    }
}

/// Applies one action; returns what the runner must do.
pub fn update(state: &mut State, action: Action) -> Vec<Effect> {
    if action == Action::TipMoved {
        // Nothing to draw until the new tip is loaded (and often nothing
        // then: the tip moved by this session's own save).
        let mut effects = vec![Effect::FollowTip];
        effects.extend(history::follow_tip(state));
        return effects;
    }
    if let Action::Travelled(arrival) = action {
        return travel::finished(state, *arrival);
    }
    if let Action::LastChangesLoaded(loaded) = action {
        state.last_changes_loaded(*loaded);
        return Vec::new();
    }
    if action.is_result() {
        let record_moved = matches!(action, Action::Loaded(_) | Action::Saved(_));
        let mut effects = outcome::apply(state, action);
        if record_moved {
            // When each actor last changed is out of date now: read it
            // again if the list is sorted by it, else forget it.
            if state.sort == sort::Sort::LastChange {
                effects.push(Effect::LoadLastChanges);
            } else {
                state.actor_touches = None;
            }
        }
        return effects;
    }
    state.dirty = true;
    if let Some(effects) = messages::handle(state, &action) {
        return effects;
    }
    if !matches!(action, Action::Resize(..)) {
        // A key dismisses the last message; finished work never does.
        state.message = None;
    }
    match action {
        Action::Key(key) => route::key(state, key),
        Action::LastEditFound(found) => state.last_edit_found(*found),
        Action::Resize(width, height) => {
            state.size = (width, height);
            navigate::settle(state);
            messages::refit(state);
            Vec::new()
        }
        Action::Mouse(gesture) => mouse::apply(state, gesture),
        // A command that arrives while a prompt or form is open (from a
        // test, or a script of actions) goes where its key would.
        _ if state.modal.is_some() => state.modal_command(action),
        _ if state.find.is_some() => {
            find::command(state, action);
            Vec::new()
        }
        _ if state.filter_prompt.is_some() => {
            state.filter_prompt_command(action);
            Vec::new()
        }
        action => command(state, action),
    }
}

/// A view's command (a key bound in its mode, or the normal keys).
fn command(state: &mut State, action: Action) -> Vec<Effect> {
    if let Some(effects) = travel::command(state, &action) {
        return effects;
    }
    if let Some(effects) = history::command(state, &action) {
        return effects;
    }
    let before = state.view;
    let mut effects = plain_command(state, action);
    if state.view != before {
        effects.extend(history::view_opened(state));
    }
    effects
}

/// A command every view shares, or a matrix's or detail view's own.
fn plain_command(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Quit => return vec![Effect::Quit],
        Action::Reload => {
            state.say_in_passing("Reloading…");
            let mut effects = vec![Effect::Reload];
            effects.extend(history::follow_tip(state));
            return effects;
        }
        Action::Help if state.view != View::Help => open(state, View::Help),
        Action::Warnings if state.view != View::Warnings && state.data().is_some() => {
            open(state, View::Warnings)
        }
        Action::Messages => state.open_log(),
        Action::Back => {
            if let Some(previous) = state.back.pop() {
                state.view = previous;
                state.page = Cursor::default();
                state.follow_offset.set(0);
            }
        }
        Action::Edit => return state.begin(editing::Intent::Edit),
        Action::AddActor => return state.begin(editing::Intent::AddActor),
        Action::Undo => return state.begin(editing::Intent::Undo),
        Action::Identity => return state.begin(editing::Intent::Nothing),
        Action::Find => find::open(state),
        Action::Report => {
            if let Some(board) = state.data() {
                let viewing = state.travel.past.as_ref().map(|past| &past.point);
                let dialog = report::ReportDialog::new(&board.dataset, state.today, viewing);
                state.modal = Some(editing::Modal::Report(Box::new(dialog)));
            }
        }
        Action::Filter => state.open_filter_prompt(),
        Action::ClearFilter => state.clear_filter(),
        Action::Sort if state.data().is_some() => return state.cycle_sort(),
        Action::CopyLink | Action::OpenLink => return state.follow_link(action),
        Action::NextHit => find::step(state, true),
        Action::PrevHit => find::step(state, false),
        Action::NextView | Action::PrevView if state.data().is_some() => {
            state.view = match state.view {
                View::Dashboard => View::Tracker,
                _ => View::Dashboard,
            };
            state.back.clear();
            state.page = Cursor::default();
        }
        Action::Open | Action::OpenRecommendation => {
            let open_actor = action == Action::Open;
            let target = match state.selected_commitment() {
                _ if open_actor && matches!(state.view, View::Actor(_)) => None,
                Some((actor, _)) if open_actor => Some(View::Actor(actor)),
                Some((_, rec)) if !matches!(state.view, View::Recommendation(_)) => {
                    Some(View::Recommendation(rec))
                }
                _ => None,
            };
            if let Some(view) = target {
                let from = state.selected_commitment().map(|(actor, _)| actor);
                open(state, view);
                match view {
                    View::Actor(actor) => state.mark = select::mark_for(state, actor),
                    View::Recommendation(rec) => {
                        state.recommendation = Cursor {
                            selected: select::actor_for(state, rec, from),
                            offset: 0,
                        }
                    }
                    _ => {}
                }
            }
        }
        Action::Up
        | Action::Down
        | Action::Left
        | Action::Right
        | Action::PageUp
        | Action::PageDown
        | Action::Home
        | Action::End => {
            let sideways = matches!(action, Action::Left | Action::Right);
            move_selection(state, action);
            // The status sort reads the selected column: follow it.
            if state.sort == sort::Sort::Status && sideways {
                state.rearrange();
            }
        }
        // Form, prompt and dialog commands mean nothing over a bare view;
        // keys and results are handled in `update`.
        _ => {}
    }
    Vec::new()
}

/// A motion: the detail views move their own selection, the rest scroll.
fn move_selection(state: &mut State, motion: Action) {
    if !select::apply(state, &motion) {
        navigate::apply(state, motion);
    }
}

fn open(state: &mut State, view: View) {
    state.back.push(state.view);
    state.view = view;
    state.page = Cursor::default();
    state.follow_offset.set(0);
}
