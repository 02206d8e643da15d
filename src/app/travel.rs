//! Time travel: the dashboard (and every view opened from it) as of a date on
//! the first clock or as recorded at a commit on the second, marked as a past
//! view and read-only; the delta between two points; and the progress chart.
//!
//! While a past is shown, `State::loaded` holds the past board, so every view
//! draws it unchanged; today's board waits in [`Past`] and comes back on Esc.

use chrono::NaiveDate;

use super::{Action, Board, Effect, Loaded, State, View, navigate, reload};
use crate::model::{Activity, Commitment, Dataset, ProgressSeries, Status};

pub use super::travel_delta::{Delta, Entry, name_point};
use super::travel_picker::open_picker;
pub(super) use super::travel_picker::picker_key;
pub use super::travel_picker::{Choice, Clock, Picker};

/// What an edit key says in a past view.
pub const READ_ONLY: &str = "Past view: read-only · Esc returns to today";

/// A point in time the dashboard can show.
#[derive(Debug, Clone, PartialEq)]
pub enum Point {
    /// The world as of the end of a day, on the first clock (the milestone
    /// of that day, when one was picked).
    AsOf {
        /// The day.
        date: NaiveDate,
        /// The milestone's title, when the day was picked as one.
        milestone: Option<String>,
    },
    /// The record as it stood at a commit, on the second clock.
    Recorded {
        /// What the user typed (a date or a revision).
        asked: String,
        /// The commit it named, shortened.
        commit: String,
    },
}

impl Point {
    /// "as of 2024-11-11 (7th Paris Peace Forum)", "as recorded at 1a2b3c4".
    pub fn describe(&self) -> String {
        match self {
            Point::AsOf {
                date,
                milestone: Some(title),
            } => format!("as of {date} ({title})"),
            Point::AsOf { date, .. } => format!("as of {date}"),
            Point::Recorded { asked, commit } if asked.starts_with(commit.as_str()) => {
                format!("as recorded at {commit}")
            }
            Point::Recorded { asked, commit } => format!("as recorded at {commit} ({asked})"),
        }
    }

    /// The day on the first clock, if this point is one.
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            Point::AsOf { date, .. } => Some(*date),
            Point::Recorded { .. } => None,
        }
    }
}

/// A past being shown, and today's board to return to.
#[derive(Debug, Clone)]
pub struct Past {
    /// Which point is shown.
    pub point: Point,
    /// Today's board (or its problems), kept up to date by reloads.
    present: Box<Loaded>,
}

impl Past {
    /// Today's board, when today's dataset loaded.
    pub fn present(&self) -> Option<&Board> {
        match self.present.as_ref() {
            Loaded::Dataset(board) => Some(board),
            Loaded::Problems(_) => None,
        }
    }
}

/// The record's activity, as far as it is known.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum ActivityState {
    /// Not asked for yet.
    #[default]
    NotAsked,
    /// Being read in the background ("1,200 commits read").
    Loading(String),
    /// Read.
    Ready(Activity),
    /// Could not be read, and why.
    Failed(String),
}

/// The progress chart and its second panel.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Chart {
    /// Progress over time on the first clock, made when the chart opens.
    pub series: Option<ProgressSeries>,
    /// Whether the record's activity shows instead of progress.
    pub activity_shown: bool,
    /// Whether progress shows from the earliest evidence on record rather
    /// than from a year before the first milestone (the story's span, which
    /// the report's chart shows too).
    pub full_span: bool,
    /// The record's activity (second clock).
    pub activity: ActivityState,
}

/// Everything time travel keeps in the state.
#[derive(Debug, Clone, Default)]
pub struct Travel {
    /// The prompt, while it is open.
    pub picker: Option<Picker>,
    /// The past shown, if any.
    pub past: Option<Past>,
    /// The delta view's content.
    pub delta: Option<Delta>,
    /// The chart view's content.
    pub chart: Chart,
    /// The point being read in the background, if one is.
    pub waiting: Option<String>,
}

/// Work the runner does off the screen's thread, on a thread of its own
/// (never the save worker): reading the record's history.
#[derive(Debug, Clone, PartialEq)]
pub enum Job {
    /// The dataset as recorded at a date or revision.
    Recorded(String),
    /// The record's activity.
    Activity,
}

/// What came back from a [`Job`].
#[derive(Debug, Clone, PartialEq)]
pub enum Arrival {
    /// The dataset as recorded: (what was asked, the short commit, the
    /// dataset), or why it could not be read.
    Recorded(Result<(String, String, Box<Dataset>), String>),
    /// The record's activity, or why it could not be read.
    Activity(Result<Activity, String>),
    /// How far the activity has been read.
    Reading(String),
}

impl State {
    /// Whether a past is shown (and so nothing may be edited).
    pub fn in_the_past(&self) -> bool {
        self.travel.past.is_some()
    }

    /// The day a first-clock past view shows, if one does: its grades come
    /// from the evidence dated up to then, while notes and assessment dates
    /// are still today's record.
    pub fn graded_as_of(&self) -> Option<NaiveDate> {
        self.travel.past.as_ref().and_then(|past| past.point.date())
    }

    /// Today's record of one commitment's status, kept beside a past view.
    pub fn status_recorded_today(&self, actor: &str, recommendation: &str) -> Option<Status> {
        let board = self.travel.past.as_ref()?.present()?;
        let commitment = board.dataset.actor(actor)?.commitment(recommendation)?;
        Some(commitment.status)
    }
}

/// The travel keys and the refusals of a past view; `None` when the action
/// is not time travel's to handle.
pub(super) fn command(state: &mut State, action: &Action) -> Option<Vec<Effect>> {
    match action {
        Action::Edit | Action::AddActor | Action::Undo if state.in_the_past() => {
            state.say(READ_ONLY);
        }
        Action::Back if state.back.is_empty() && state.in_the_past() => {
            leave(state);
            state.say("Back to today");
        }
        Action::TimeTravel if state.data().is_some() => open_picker(state),
        Action::Delta if state.data().is_some() => open_delta(state),
        Action::ProgressChart if state.view == View::Chart => {
            let chart = &mut state.travel.chart;
            chart.activity_shown = !chart.activity_shown;
            return Some(activity_wanted(state));
        }
        Action::ProgressChart if state.data().is_some() => {
            let until = state.today;
            // The chart spans all of time already: a past on the first clock
            // charts today's record; one on the second, the record then.
            let source = match &state.travel.past {
                Some(past) if past.point.date().is_some() => past.present(),
                _ => state.data(),
            };
            let series = source.map(|b| b.dataset.progress_over_time(until));
            state.travel.chart.series = series;
            super::open(state, View::Chart);
            return Some(activity_wanted(state));
        }
        Action::Open if state.view == View::Delta => open_from_delta(state),
        Action::Left | Action::Right if state.view == View::Chart => {
            state.travel.chart.full_span = *action == Action::Left;
        }
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Home
        | Action::End
            if state.view == View::Delta =>
        {
            delta_motion(state, action)
        }
        _ => return None,
    }
    Some(Vec::new())
}

/// Asks for the record's activity the first time the chart needs it.
fn activity_wanted(state: &mut State) -> Vec<Effect> {
    match state.travel.chart.activity {
        ActivityState::NotAsked => {
            state.travel.chart.activity = ActivityState::Loading("Reading the record…".into());
            vec![Effect::Travel(Job::Activity)]
        }
        _ => Vec::new(),
    }
}

/// Shows the world as of `point` (a first-clock point).
pub(super) fn go_as_of(state: &mut State, point: Point) {
    let Some(date) = point.date() else {
        return;
    };
    let source = match &state.travel.past {
        Some(past) => past.present().map(|b| &b.dataset),
        None => state.data().map(|b| &b.dataset),
    };
    let Some(then) = source.map(|d| d.as_of(date)) else {
        state.say("Today's dataset has problems: nothing to travel from");
        return;
    };
    let what = point.describe();
    show_past(state, point, then);
    state.say_in_passing(format!("Past view: {what}"));
}

/// Puts `then` on screen as the past `point`, keeping today's board aside
/// (the first time) and the user's place where it can.
fn show_past(state: &mut State, point: Point, then: Dataset) {
    let board = Board::new(then);
    let view = match state.view {
        // The time views and the pages are not of a point in time.
        View::Delta | View::Chart | View::Help | View::Warnings | View::Problems => {
            Some(View::Dashboard)
        }
        view => reload::carry_over(view, state.data().map(|b| &b.dataset), &board.dataset),
    };
    let back: Vec<View> = state
        .back
        .iter()
        .filter(|v| !matches!(v, View::Delta | View::Chart))
        .filter_map(|v| reload::carry_over(*v, state.data().map(|b| &b.dataset), &board.dataset))
        .collect();
    let ids = state.selected_ids();
    let shown = std::mem::replace(&mut state.loaded, Loaded::Dataset(Box::new(board)));
    match state.travel.past.as_mut() {
        Some(past) => past.point = point,
        None => {
            state.travel.past = Some(Past {
                point,
                present: Box::new(shown),
            })
        }
    }
    settle_place(state, view, back, &ids);
}

/// Puts the views and selections back where they were, on what is shown now.
fn settle_place(
    state: &mut State,
    view: Option<View>,
    back: Vec<View>,
    ids: &super::reload::SelectedIds,
) {
    // A board put on screen is laid out under the filter and sort in force,
    // the past as today.
    state.arrange_board();
    state.reselect(ids);
    match view {
        Some(view) => {
            state.view = view;
            state.back = back;
        }
        None => {
            state.view = View::Dashboard;
            state.back.clear();
        }
    }
    state.page = super::Cursor::default();
    state.follow_offset.set(0);
    state.dirty = true;
    navigate::settle(state);
}

/// Returns to today.
pub(super) fn leave(state: &mut State) {
    let Some(past) = state.travel.past.take() else {
        return;
    };
    let present = *past.present;
    let ids = state.selected_ids();
    let (view, back) = match &present {
        Loaded::Dataset(board) => {
            let old = state.data().map(|b| &b.dataset);
            let carry = |v: View| match v {
                View::Delta | View::Chart => Some(v),
                v => reload::carry_over(v, old, &board.dataset),
            };
            (
                carry(state.view),
                state.back.iter().filter_map(|v| carry(*v)).collect(),
            )
        }
        Loaded::Problems(_) => (Some(View::Problems), Vec::new()),
    };
    state.loaded = present;
    settle_place(state, view, back, &ids);
}

/// A dataset read again while a past is shown goes to today's board; on the
/// first clock the past is graded again from it and shown (returned here for
/// the ordinary way in), on the second it stands as it was.
pub(super) fn arriving(
    state: &mut State,
    loaded: Result<Dataset, crate::model::Problems>,
) -> Option<Result<Dataset, crate::model::Problems>> {
    let Some(past) = state.travel.past.as_mut() else {
        return Some(loaded);
    };
    match loaded {
        Ok(dataset) => {
            let then = past.point.date().map(|date| dataset.as_of(date));
            *past.present = Loaded::Dataset(Box::new(Board::new(dataset)));
            then.map(Ok)
        }
        Err(problems) => {
            *past.present = Loaded::Problems(problems);
            state.dirty = true;
            None
        }
    }
}

/// A save that finished while a past is shown belongs to today's board.
/// Returns whether it was taken (a past is shown).
pub(super) fn saved_meanwhile(
    state: &mut State,
    actor: &str,
    recommendation: &str,
    commitment: &Commitment,
) -> bool {
    let Some(past) = state.travel.past.as_mut() else {
        return false;
    };
    if let Loaded::Dataset(board) = past.present.as_mut() {
        let mut dataset = board.dataset.clone();
        if let Some(saved) = dataset.actors.iter_mut().find(|a| a.id == actor) {
            saved
                .commitments
                .insert(recommendation.to_string(), commitment.clone());
        }
        *past.present = Loaded::Dataset(Box::new(Board::new(dataset)));
    }
    true
}

/// Opens the delta: from the past shown (or the reconvening) to today.
fn open_delta(state: &mut State) {
    let today = state.today;
    let from = match state.travel.past.as_ref().map(|p| &p.point) {
        Some(Point::AsOf { date, milestone }) => Some((*date, milestone.clone())),
        Some(Point::Recorded { .. }) => {
            state.say("The delta compares two dates on the first clock: press T and pick a date");
            return;
        }
        None => state.data().and_then(|b| {
            let m = b.dataset.manifest.reconvening()?;
            Some((m.date.0, Some(m.title.clone())))
        }),
    };
    match from {
        Some((date, label)) => show_delta(state, date, label, today),
        None => state.say("No reconvening in this dataset: press T and pick a date to compare"),
    }
}

/// Opens the delta view from `from` to `to`, over today's dataset.
pub(super) fn show_delta(state: &mut State, from: NaiveDate, label: Option<String>, to: NaiveDate) {
    let source = match &state.travel.past {
        Some(past) => past.present(),
        None => state.data(),
    };
    let Some(board) = source else {
        return;
    };
    let delta = Delta::new(&board.dataset, (from, label), (to, Some("today".into())));
    state.travel.delta = Some(delta);
    if state.view == View::Delta {
        state.page = super::Cursor::default();
        state.follow_offset.set(0);
    } else {
        super::open(state, View::Delta);
    }
}

/// The delta view's motions and `Enter`.
pub(super) fn delta_motion(state: &mut State, motion: &Action) {
    let page = usize::from(state.size.1.saturating_sub(4)).max(1);
    let Some(delta) = state.travel.delta.as_mut() else {
        return;
    };
    let last = delta.entries.len().saturating_sub(1);
    let at = delta.selected;
    let step = |forward: bool, n: usize| delta.step(at, forward, n);
    delta.selected = match motion {
        Action::Up => step(false, 1),
        Action::Down => step(true, 1),
        Action::PageUp => step(false, page),
        Action::PageDown => step(true, page),
        Action::Home => delta.first_selectable().unwrap_or(0),
        Action::End => delta.last_selectable().unwrap_or(last),
        _ => at,
    };
}

/// `Enter` on a delta row: that actor, in the view shown (past or today).
pub(super) fn open_from_delta(state: &mut State) {
    let Some(id) = state
        .travel
        .delta
        .as_ref()
        .and_then(|d| d.entries.get(d.selected))
        .and_then(Entry::actor)
        .map(str::to_string)
    else {
        return;
    };
    let found = state
        .data()
        .and_then(|b| b.dataset.actors.iter().position(|a| a.id == id));
    match found {
        Some(index) => {
            super::open(state, View::Actor(index));
            state.mark = super::select::mark_for(state, index);
        }
        None => state.say(format!("{id} is not in the dataset shown")),
    }
}

/// A chart and picker motion or result from the background thread.
pub(super) fn finished(state: &mut State, arrival: Arrival) -> Vec<Effect> {
    state.dirty = true;
    match arrival {
        Arrival::Reading(how_far) => {
            if matches!(state.travel.chart.activity, ActivityState::Loading(_)) {
                state.travel.chart.activity = ActivityState::Loading(how_far);
            }
        }
        Arrival::Activity(Ok(activity)) => {
            state.travel.chart.activity = ActivityState::Ready(activity)
        }
        Arrival::Activity(Err(why)) => state.travel.chart.activity = ActivityState::Failed(why),
        Arrival::Recorded(Err(why)) => {
            state.travel.waiting = None;
            state.say(format!("Could not read the record: {why}"));
        }
        Arrival::Recorded(Ok((asked, commit, dataset))) => {
            state.travel.waiting = None;
            let point = Point::Recorded { asked, commit };
            let what = point.describe();
            show_past(state, point, *dataset);
            state.say_in_passing(format!("Past view: {what}"));
        }
    }
    Vec::new()
}
