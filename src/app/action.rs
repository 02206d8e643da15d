//! What the user can ask for, independent of the keys that ask for it, and
//! what finished work reports back: both reach the state through `update`.

use super::outcome::{Reloaded, Saved};
use crate::model::{Commitment, Edit};

/// One thing the user asked for (keys map to these through the key map), or
/// the result of an effect the runner carried out.
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
    /// Find an actor by name on the dashboard.
    Find,
    /// Edit the selected commitment (arrives with the edit form).
    Edit,
    /// Load the dataset again from disk.
    Reload,
    /// Add an actor.
    AddActor,
    /// Revert your own last edit with a new commit.
    Undo,
    /// Say (or change) who is editing.
    Identity,
    /// Show the session's messages.
    Messages,
    /// Leave.
    Quit,
    /// The terminal changed size.
    Resize(u16, u16),
    /// A key for the open form or prompt, passed through as typed.
    Key(super::input::Key),
    /// A character typed into the find prompt.
    Type(char),
    /// Delete the last character of the find prompt.
    Erase,
    /// The dataset was read again ([`super::Effect::Reload`] or
    /// [`super::Effect::FollowTip`]).
    Loaded(Box<Reloaded>),
    /// A save, an added actor or an undo went in (or had nothing to do).
    Saved(Box<Saved>),
    /// The save was refused: someone else changed the commitment; theirs.
    SaveConflicted(Option<Box<Commitment>>),
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
}

impl Action {
    /// The actions a key can be bound to, in the order the help screen lists them.
    pub const BINDABLE: [Action; 23] = [
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
        Action::Back,
        Action::NextView,
        Action::PrevView,
        Action::Help,
        Action::Warnings,
        Action::Find,
        Action::Edit,
        Action::Reload,
        Action::AddActor,
        Action::Undo,
        Action::Identity,
        Action::Messages,
        Action::Quit,
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
            Action::Warnings => "warnings",
            Action::Find => "find",
            Action::Edit => "edit",
            Action::Reload => "reload",
            Action::AddActor => "add_actor",
            Action::Undo => "undo",
            Action::Identity => "identity",
            Action::Messages => "messages",
            Action::Key(..) => "key",
            Action::Quit => "quit",
            Action::Resize(..) => "resize",
            Action::Type(_) => "type",
            Action::Erase => "erase",
            Action::Loaded(_)
            | Action::Saved(_)
            | Action::SaveConflicted(_)
            | Action::SaveFailed(_)
            | Action::NoteEdited(_)
            | Action::DraftFound(_)
            | Action::Notice(_)
            | Action::TipMoved => "result",
        }
    }

    /// What the action does, for the help screen.
    pub fn describe(&self) -> &'static str {
        match self {
            Action::Up => "Move up",
            Action::Down => "Move down",
            Action::Left => "Previous recommendation",
            Action::Right => "Next recommendation",
            Action::PageUp => "Page up",
            Action::PageDown => "Page down",
            Action::Home => "First row",
            Action::End => "Last row",
            Action::Open => "Open the selected actor",
            Action::OpenRecommendation => "Open the selected recommendation",
            Action::Back => "Go back",
            Action::NextView => "Next view (dashboard, tracker)",
            Action::PrevView => "Previous view",
            Action::Help => "This help",
            Action::Warnings => "Warnings: where the record and its evidence disagree",
            Action::Find => "Find an actor by name",
            Action::Edit => "Edit the selected commitment",
            Action::Reload => "Reload the dataset",
            Action::AddActor => "Add an actor",
            Action::Undo => "Undo your last edit (a new commit)",
            Action::Identity => "Say who is editing",
            Action::Messages => "Messages of this session",
            Action::Key(..) => "Type into the open form",
            Action::Quit => "Quit",
            Action::Resize(..) => "Resize",
            Action::Type(_) => "Type into the prompt",
            Action::Erase => "Erase in the prompt",
            Action::Loaded(_)
            | Action::Saved(_)
            | Action::SaveConflicted(_)
            | Action::SaveFailed(_)
            | Action::NoteEdited(_)
            | Action::DraftFound(_)
            | Action::Notice(_)
            | Action::TipMoved => "Work finished in the background",
        }
    }

    /// Whether this reports finished work rather than coming from a key.
    pub fn is_result(&self) -> bool {
        matches!(
            self,
            Action::Loaded(_)
                | Action::Saved(_)
                | Action::SaveConflicted(_)
                | Action::SaveFailed(_)
                | Action::NoteEdited(_)
                | Action::DraftFound(_)
                | Action::Notice(_)
                | Action::TipMoved
        )
    }

    /// The bindable action with this name.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::BINDABLE.into_iter().find(|a| a.name() == name)
    }
}
