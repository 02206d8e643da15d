//! Where a key goes: into the open form, dialog or prompt, or to the view
//! through the key map of the mode in force. One place decides, so a key
//! typed into a text field can never also act as a command.

use super::input::Key;
use super::keymap::Mode;
use super::{Effect, State, View, command, editing::Modal, find};

impl State {
    /// The mode whose keys are in force now.
    pub fn mode(&self) -> Mode {
        if self.modal.is_none() && self.filter_prompt.is_some() {
            return Mode::Filter;
        }
        match (&self.modal, &self.find) {
            (None, None) if self.history.prompting(self.view) => Mode::HistoryFilter,
            (Some(modal), _) => modal.mode(),
            (None, _) if self.travel.picker.is_some() => Mode::TravelPicker,
            (None, Some(_)) => Mode::Find,
            (None, None) => view_mode(self.view),
        }
    }

    /// The mode whose keys the help screen lists: the view it was opened
    /// over (help's own keys are the normal ones).
    pub fn help_mode(&self) -> Mode {
        match (self.view, self.back.last()) {
            (View::Help, Some(below)) => view_mode(*below),
            (view, _) => view_mode(view),
        }
    }
}

/// The mode of a view.
pub fn view_mode(view: View) -> Mode {
    match view {
        View::Dashboard => Mode::Dashboard,
        View::Tracker => Mode::Tracker,
        View::Actor(_) => Mode::Actor,
        View::Recommendation(_) => Mode::Recommendation,
        View::Help => Mode::Help,
        View::Problems => Mode::Problems,
        View::Warnings => Mode::Warnings,
        View::Delta => Mode::Delta,
        View::Chart => Mode::Chart,
        View::History => Mode::History,
        View::Timeline => Mode::Timeline,
        View::Diff => Mode::Diff,
    }
}

impl Modal {
    /// The key map mode of what is open.
    pub fn mode(&self) -> Mode {
        match self {
            Modal::Edit(form) => form.mode(),
            Modal::AddActor(form) => form.mode(),
            Modal::Identity { .. } => Mode::Identity,
            Modal::Draft(_) => Mode::Draft,
            Modal::Ask(_) => Mode::Dialog,
            Modal::Report(_) => Mode::Report,
        }
    }
}

/// A key, as the mode in force reads it.
pub(super) fn key(state: &mut State, key: Key) -> Vec<Effect> {
    if state.modal.is_some() {
        return state.modal_key(key);
    }
    if state.travel.picker.is_some() {
        return super::travel::picker_key(state, key);
    }
    if state.find.is_some() {
        find::key(state, key);
        return Vec::new();
    }
    if state.history.prompting(state.view) {
        return super::history::prompt_key(state, key);
    }
    if state.filter_prompt.is_some() {
        state.filter_prompt_key(key);
        return Vec::new();
    }
    match state.keymap.action(state.mode(), key) {
        Some(action) => command(state, action),
        None => Vec::new(),
    }
}
