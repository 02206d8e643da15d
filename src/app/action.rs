//! What the user can ask for, independent of the keys that ask for it.

use super::keymap::Mode;
use super::outcome::{Reloaded, Saved};
use crate::model::{Commitment, Edit, LastEdit};

/// One thing the user asked for, or a result the runner brings back.
/// Keys map to these through the key map of the mode in force.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Move the selection up (or scroll up).
    Up,
    /// Move the selection down (or scroll down).
    Down,
    /// Move to the previous recommendation column.
    Left,
    /// Move to the next recommendation column.
    Right,
    /// Move up a screenful.
    PageUp,
    /// Move down a screenful.
    PageDown,
    /// Go to the first row.
    Home,
    /// Go to the last row.
    End,
    /// Open the selected actor.
    Open,
    /// Open the selected recommendation.
    OpenRecommendation,
    /// Go back to the previous view.
    Back,
    /// Switch to the next top-level view.
    NextView,
    /// Switch to the previous top-level view.
    PrevView,
    /// Show the keys.
    Help,
    /// List the dataset's warnings (grades their evidence does not support, ...).
    Warnings,
    /// Find in the list the view shows.
    Find,
    /// Edit the selected commitment (arrives with the edit form).
    Edit,
    /// Load the dataset again from disk.
    Reload,
    /// Add an actor.
    AddActor,
    /// Revert your own last edit with a new commit (asks first).
    Undo,
    /// Say (or change) who is editing.
    Identity,
    /// Show the session's messages.
    Messages,
    /// Leave.
    Quit,
    /// Accept: the prompt's match, the form, the dialog's question.
    Confirm,
    /// Close the prompt, form or dialog without doing anything.
    Cancel,
    /// Save the form.
    Save,
    /// Focus the form's next field.
    NextField,
    /// Focus the form's previous field.
    PrevField,
    /// Hand the note to `$EDITOR`.
    ExternalEditor,
    /// Throw the kept draft away.
    Discard,
    /// Save yours over another coordinator's change.
    Overwrite,
    /// Keep another coordinator's change and drop yours.
    KeepTheirs,
    /// Add an evidence item to the commitment being edited.
    AddEvidence,
    /// Change the selected evidence item.
    ChangeEvidence,
    /// Remove the selected evidence item.
    RemoveEvidence,
    /// The terminal changed size.
    Resize(u16, u16),
    /// A key as typed; `update` reads it through the key map of the mode in
    /// force, or types it into the open prompt or form.
    Key(super::input::Key),
    /// The store's answer to [`super::Effect::FindLastEdit`]: the author's
    /// last edit (`None`: there is none), or why it could not be read.
    LastEditFound(Box<Result<Option<LastEdit>, String>>),
    /// The dataset was read again ([`super::Effect::Reload`] or
    /// [`super::Effect::FollowTip`]).
    Loaded(Box<Reloaded>),
    /// A save, an added actor or an undo went in (or had nothing to do).
    Saved(Box<Saved>),
    /// The save was refused: someone else changed the commitment; theirs.
    SaveConflicted {
        /// The commitment as the tip holds it now (`None`: removed).
        theirs: Option<Box<Commitment>>,
        /// Who changed it last, and when, when the history says.
        last_change: Option<crate::model::LastChange>,
    },
    /// The save or the added actor failed, for this reason; nothing changed.
    SaveFailed(String),
    /// The note came back from `$EDITOR` (or why it did not).
    NoteEdited(Result<String, String>),
    /// A draft the author left in an interrupted session.
    DraftFound(Box<Edit>),
    /// Something the user should read in the status line.
    Notice(String),
    /// The branch tip's files changed: someone may have committed.
    TipMoved,
    /// Show the dashboard as of a milestone, a date or a commit.
    TimeTravel,
    /// Who moved between two points (the past shown, or the reconvening, and today).
    Delta,
    /// Progress over time (again in the chart: the record's activity).
    ProgressChart,
    /// Switch the time-travel prompt between the two clocks.
    SwitchClock,
    /// Time travel's background reading came back ([`super::Effect::Travel`]).
    Travelled(Box<super::travel::Arrival>),
    /// Open the record's history: its commits, newest first.
    History,
    /// Open the selected commitment's timeline, on both clocks.
    Timeline,
    /// Show the selected commit's raw diff.
    RawDiff,
    /// Filter the history by actor, recommendation, author or text.
    FilterHistory,
    /// A part of the record's history, read in the background
    /// ([`super::Effect::ReadHistory`]), or how far the reading has got.
    HistoryRead(Box<super::history::HistoryBatch>),
    /// A commit's raw diff ([`super::Effect::ReadDiff`]), or why not.
    DiffRead(Box<super::history::DiffRead>),
    /// A commitment's recorded changes ([`super::Effect::ReadTimeline`]).
    TimelineRead(Box<super::timeline::TimelineRead>),
    /// Who last changed each of an actor's commitments
    /// ([`super::Effect::ReadLastChanges`]).
    LastChangesRead(Box<super::history::LastChangesRead>),
    /// Write a report: choose its format and period.
    Report,
    /// Open the filter prompt, holding the filter in force.
    Filter,
    /// Lift the filter.
    ClearFilter,
    /// Order the actors by the next sort.
    Sort,
    /// Copy the marked commitment's evidence link (OSC 52).
    CopyLink,
    /// Open the marked commitment's evidence link in the browser.
    OpenLink,
    /// The answer to [`super::Effect::LoadLastChanges`]: each actor's
    /// newest commit time by id, or why it could not be read.
    LastChangesLoaded(Box<Result<std::collections::HashMap<String, i64>, String>>),
    /// The mouse: a wheel turn or a click somewhere on the screen.
    Mouse(super::mouse::Mouse),
    /// Jump to the next hit of the last find.
    NextHit,
    /// Jump to the previous hit of the last find.
    PrevHit,
}

impl Action {
    /// The actions a key can be bound to, in the order help lists them.
    pub const BINDABLE: [Action; 51] = [
        Action::Up,
        Action::Down,
        Action::Left,
        Action::Right,
        Action::PageUp,
        Action::PageDown,
        Action::Home,
        Action::End,
        Action::Open,
        Action::OpenRecommendation,
        Action::Edit,
        Action::Find,
        Action::Back,
        Action::NextView,
        Action::PrevView,
        Action::AddActor,
        Action::Undo,
        Action::Identity,
        Action::Reload,
        Action::Help,
        Action::Warnings,
        Action::Messages,
        Action::Quit,
        Action::Confirm,
        Action::Save,
        Action::Overwrite,
        Action::KeepTheirs,
        Action::Discard,
        Action::AddEvidence,
        Action::ChangeEvidence,
        Action::RemoveEvidence,
        Action::NextField,
        Action::PrevField,
        Action::ExternalEditor,
        Action::Cancel,
        Action::TimeTravel,
        Action::Delta,
        Action::ProgressChart,
        Action::SwitchClock,
        Action::History,
        Action::Timeline,
        Action::RawDiff,
        Action::FilterHistory,
        Action::Report,
        Action::Filter,
        Action::ClearFilter,
        Action::Sort,
        Action::CopyLink,
        Action::OpenLink,
        Action::NextHit,
        Action::PrevHit,
    ];

    /// The name used in the key map file and the config's overrides.
    pub fn name(&self) -> &'static str {
        match self {
            Action::Up => "up",
            Action::Down => "down",
            Action::Left => "left",
            Action::Right => "right",
            Action::PageUp => "page_up",
            Action::PageDown => "page_down",
            Action::Home => "home",
            Action::End => "end",
            Action::Open => "open",
            Action::OpenRecommendation => "open_recommendation",
            Action::Back => "back",
            Action::NextView => "next_view",
            Action::PrevView => "prev_view",
            Action::Help => "help",
            Action::Find => "find",
            Action::Edit => "edit",
            Action::Reload => "reload",
            Action::AddActor => "add_actor",
            Action::Undo => "undo",
            Action::Identity => "identity",
            Action::Quit => "quit",
            Action::Confirm => "confirm",
            Action::Cancel => "cancel",
            Action::Save => "save",
            Action::NextField => "next_field",
            Action::PrevField => "prev_field",
            Action::ExternalEditor => "external_editor",
            Action::Discard => "discard",
            Action::Overwrite => "overwrite",
            Action::KeepTheirs => "keep_theirs",
            Action::AddEvidence => "add_evidence",
            Action::ChangeEvidence => "change_evidence",
            Action::RemoveEvidence => "remove_evidence",
            Action::Resize(..) => "resize",
            Action::Key(..) => "key",
            Action::LastEditFound(..) => "last_edit_found",
            Action::Warnings => "warnings",
            Action::Messages => "messages",
            Action::TimeTravel => "time_travel",
            Action::Delta => "delta",
            Action::ProgressChart => "progress_chart",
            Action::SwitchClock => "switch_clock",
            Action::Report => "report",
            Action::Filter => "filter",
            Action::ClearFilter => "clear_filter",
            Action::Sort => "sort",
            Action::CopyLink => "copy_link",
            Action::OpenLink => "open_link",
            Action::Mouse(_) => "mouse",
            Action::NextHit => "next_hit",
            Action::PrevHit => "prev_hit",
            Action::Loaded(_)
            | Action::Saved(_)
            | Action::SaveConflicted { .. }
            | Action::SaveFailed(_)
            | Action::NoteEdited(_)
            | Action::DraftFound(_)
            | Action::Notice(_)
            | Action::TipMoved
            | Action::Travelled(_)
            | Action::HistoryRead(_)
            | Action::DiffRead(_)
            | Action::TimelineRead(_)
            | Action::LastChangesRead(_)
            | Action::LastChangesLoaded(_) => "result",
            Action::History => "history",
            Action::Timeline => "timeline",
            Action::RawDiff => "raw_diff",
            Action::FilterHistory => "filter_history",
        }
    }

    /// What the action does in `mode`, for the help screen.
    pub fn describe(&self, mode: Mode) -> &'static str {
        use Mode as M;
        if let Some(text) = super::history::describe(self, mode) {
            return text;
        }
        match (self, mode) {
            (Action::Up, M::Actor) => "Mark the previous commitment",
            (Action::Down, M::Actor) => "Mark the next commitment",
            (Action::Up, M::Recommendation) => "Select the previous actor",
            (Action::Down, M::Recommendation) => "Select the next actor",
            (Action::Up, M::Help | M::Problems) => "Scroll up",
            (Action::Up, M::EvidenceList) => "Select the previous evidence item",
            (Action::Down, M::EvidenceList) => "Select the next evidence item",
            (Action::Left, M::StatusPicker) => "Previous status",
            (Action::Right, M::StatusPicker) => "Next status",
            (Action::Left | Action::Right, M::Choice | M::Report) => "Choose",
            (Action::Up, M::Report) => "Previous line",
            (Action::Down, M::Report) => "Next line",
            (Action::Down, M::Help | M::Problems) => "Scroll down",
            (Action::Up, _) => "Move up",
            (Action::Down, _) => "Move down",
            (Action::Left, M::Actor) => "Mark the previous commitment",
            (Action::Left, M::Chart) => "All of time, from the earliest evidence",
            (Action::Right, M::Chart) => "Zoom to the milestones (from a year before the first)",
            (Action::Right, M::Actor) => "Mark the next commitment",
            (Action::Left, _) => "Previous recommendation",
            (Action::Right, _) => "Next recommendation",
            (Action::PageUp, _) => "Page up",
            (Action::PageDown, _) => "Page down",
            (Action::Home, _) => "First row",
            (Action::End, _) => "Last row",
            (Action::Open, _) => "Open the selected actor",
            (Action::OpenRecommendation, M::Actor) => "Open the marked recommendation",
            (Action::OpenRecommendation, _) => "Open the selected recommendation",
            (Action::Back, _) => "Go back",
            (Action::NextView, _) => "Next view (dashboard, tracker)",
            (Action::PrevView, _) => "Previous view",
            (Action::Help, _) => "This help",
            (Action::Find, _) => "Find anything: names, titles, notes, evidence",
            (Action::Edit, M::Actor) => "Edit the marked commitment",
            (Action::Edit, M::Recommendation) => "Edit the selected actor's commitment",
            (Action::Edit, _) => "Edit the selected commitment",
            (Action::Reload, _) => "Reload the dataset",
            (Action::AddActor, _) => "Add an actor",
            (Action::Undo, _) => "Undo your last edit (asks first; a new commit)",
            (Action::Identity, _) => "Say who is editing",
            (Action::Quit, _) => "Quit",
            (Action::Confirm, M::TravelPicker) => "Go to that point",
            (Action::Confirm, M::Filter) => "Apply the filter",
            (Action::Cancel, M::Filter) => "Close, keeping the filter in force",
            (Action::Confirm, M::Find) => "Jump to the selected hit",
            (Action::Confirm, M::ActorForm) => "Add the actor (one commit)",
            (Action::Confirm, M::Draft) => "Reopen the draft in the edit form",
            (Action::Confirm, M::Dialog) => "Yes",
            (Action::Confirm, M::Report) => "Write the report",
            (Action::Confirm, M::EvidenceItem) => "Keep this evidence item",
            (Action::Confirm, _) => "Confirm",
            (Action::Cancel, M::Find) => "Cancel and go back to where you were",
            (Action::Cancel, M::Draft) => "Not now (it is offered again next time)",
            (Action::Cancel, M::Dialog) => "No",
            (Action::Cancel, M::Conflict) => "Back to your edit",
            (Action::Cancel, M::EvidenceItem) => "Drop this evidence item's changes",
            (Action::Cancel, _) => "Cancel",
            (Action::Save, _) => "Save (one commit)",
            (Action::NextField, _) => "Next field",
            (Action::PrevField, _) => "Previous field",
            (Action::ExternalEditor, _) => "Edit the note in $EDITOR",
            (Action::Discard, _) => "Discard the draft",
            (Action::Overwrite, _) => "Save yours over theirs",
            (Action::KeepTheirs, _) => "Keep theirs, drop yours",
            (Action::AddEvidence, _) => "Add an evidence item",
            (Action::ChangeEvidence, _) => "Change the selected evidence item",
            (Action::RemoveEvidence, _) => "Remove the selected evidence item",
            (Action::Resize(..), _) => "Resize",
            (Action::Key(..), _) => "Type into the open form",
            (Action::LastEditFound(..), _) => "Your last edit",
            (Action::Warnings, _) => "Warnings: where the record and its evidence disagree",
            (Action::Messages, _) => "Messages of this session",
            (Action::TimeTravel, _) => "Time travel: as of a milestone, a date or a commit",
            (Action::Delta, M::TravelPicker) => "Compare that point with today",
            (Action::Delta, _) => "Who moved since the past shown (or the reconvening)",
            (Action::ProgressChart, M::Chart) => {
                "Switch between progress and the record's activity"
            }
            (Action::ProgressChart, _) => "Progress over time, with the milestones",
            (Action::SwitchClock, _) => "Switch clock: as of a date, or as recorded at a commit",
            (Action::Report, _) => "Write a report (format, period) to a file",
            (Action::Filter, _) => {
                "Filter the actors (kind:, role:, status:REC=STATUS, tracked, words)"
            }
            (Action::ClearFilter, _) => "Clear the filter",
            (Action::Sort, _) => {
                "Sort: name, progress, last change, newest evidence, status on the column, \
                 progress since the reconvening"
            }
            (Action::CopyLink, _) => "Copy the marked commitment's evidence link",
            (Action::OpenLink, _) => "Open the marked commitment's evidence link (local sessions)",
            (Action::Mouse(_), _) => "Wheel scrolls, click selects, double-click opens",
            (Action::NextHit, M::Find) => "Select the next hit",
            (Action::PrevHit, M::Find) => "Select the previous hit",
            (Action::NextHit, _) => "Next hit of the last find, in its list (any view)",
            (Action::PrevHit, _) => "Previous hit of the last find",
            (
                Action::Loaded(_)
                | Action::Saved(_)
                | Action::SaveConflicted { .. }
                | Action::SaveFailed(_)
                | Action::NoteEdited(_)
                | Action::DraftFound(_)
                | Action::Notice(_)
                | Action::TipMoved
                | Action::Travelled(_)
                | Action::HistoryRead(_)
                | Action::DiffRead(_)
                | Action::TimelineRead(_)
                | Action::LastChangesRead(_)
                | Action::LastChangesLoaded(_),
                _,
            ) => "Work finished in the background",
            (Action::History, _) => "History: the record's commits, newest first",
            (Action::Timeline, _) => "Timeline of the selected commitment (both clocks)",
            (Action::RawDiff, _) => "The selected commit's raw diff",
            (Action::FilterHistory, _) => "Filter the history",
        }
    }

    /// A word or two for the hint line in `mode` ("enter actor · e edit").
    pub fn label(&self, mode: Mode) -> &'static str {
        if let Some(label) = super::history::label(self, mode) {
            return label;
        }
        match (self, mode) {
            (Action::Up | Action::Down, Mode::Actor) => "mark",
            (Action::Up | Action::Down, Mode::Recommendation) => "select",
            (Action::Up | Action::Down, Mode::Help | Mode::Problems) => "scroll",
            (Action::Left | Action::Right, Mode::StatusPicker | Mode::Choice) => "choose",
            (Action::Confirm, Mode::EvidenceItem) => "keep item",
            (Action::Edit, Mode::Actor) => "edit marked",
            (Action::Confirm, Mode::TravelPicker) => "go there",
            (Action::Delta, Mode::TravelPicker) => "compare with today",
            (Action::Left, Mode::Chart) => "full span",
            (Action::Right, Mode::Chart) => "from the milestones",
            (Action::Confirm, Mode::Filter) => "apply",
            (Action::Confirm, Mode::Find) => "jump",
            (Action::NextHit | Action::PrevHit, Mode::Find) => "choose",
            (Action::Confirm, Mode::ActorForm) => "add (one commit)",
            (Action::Confirm, Mode::Draft) => "reopen",
            (Action::Confirm, Mode::Identity) => "confirm",
            (Action::Cancel, Mode::Dialog) => "no",
            (Action::Confirm, Mode::Report) => "write",
            (Action::Left | Action::Right, Mode::Report) => "choose",
            (Action::Down, Mode::Report) => "next line",
            (Action::Cancel, Mode::Draft) => "not now",
            (Action::Cancel, Mode::Conflict) => "back to yours",
            (action, _) => action.plain_label(),
        }
    }

    fn plain_label(&self) -> &'static str {
        match self {
            Action::Up | Action::Down => "move",
            Action::Left | Action::Right => "column",
            Action::Open => "actor",
            Action::OpenRecommendation => "recommendation",
            Action::Back => "back",
            Action::Help => "keys",
            Action::Warnings => "warnings",
            Action::Messages => "messages",
            Action::Find => "find",
            Action::NextHit => "next hit",
            Action::PrevHit => "previous hit",
            Action::Edit => "edit",
            Action::Reload => "reload",
            Action::Undo => "undo",
            Action::Quit => "quit",
            Action::Confirm => "yes",
            Action::Cancel => "cancel",
            Action::Save => "save",
            Action::NextField => "next field",
            Action::Discard => "discard",
            Action::Overwrite => "overwrite with yours",
            Action::KeepTheirs => "keep theirs",
            Action::AddEvidence => "add",
            Action::ChangeEvidence => "change",
            Action::RemoveEvidence => "remove",
            Action::TimeTravel => "time travel",
            Action::Delta => "delta",
            Action::ProgressChart => "chart",
            Action::SwitchClock => "clock",
            Action::RawDiff => "diff",
            Action::FilterHistory => "filter",
            Action::ClearFilter => "clear filter",
            Action::CopyLink => "copy link",
            Action::OpenLink => "open link",
            other => other.name(),
        }
    }

    /// Whether this reports finished work rather than coming from a key.
    pub fn is_result(&self) -> bool {
        matches!(
            self,
            Action::Loaded(_)
                | Action::Saved(_)
                | Action::SaveConflicted { .. }
                | Action::SaveFailed(_)
                | Action::NoteEdited(_)
                | Action::DraftFound(_)
                | Action::Notice(_)
                | Action::LastChangesLoaded(_)
                | Action::TipMoved
                | Action::Travelled(_)
                | Action::HistoryRead(_)
                | Action::DiffRead(_)
                | Action::TimelineRead(_)
                | Action::LastChangesRead(_)
        )
    }

    /// The bindable action with this name.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::BINDABLE.into_iter().find(|a| a.name() == name)
    }
}
