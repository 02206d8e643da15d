//! The time-travel prompt: the milestones (the reconvening first), or a
//! date typed on the first clock, or a commit or date on the second.

use chrono::NaiveDate;

use super::input::{Key, KeyCode};
use super::keymap::Mode;
use super::text::TextInput;
use super::travel::{Job, Point, go_as_of, show_delta};
use super::{Action, Effect, State};

/// Which clock the picker asks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// When things happened: evidence dates.
    World,
    /// When things were recorded: commits.
    Record,
}

/// A milestone offered by the picker.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// The milestone's title.
    pub title: String,
    /// Its first day.
    pub date: NaiveDate,
    /// Whether it is the reconvening.
    pub reconvening: bool,
}

/// The time-travel prompt: a milestone, or a typed date or commit.
#[derive(Debug, Clone, PartialEq)]
pub struct Picker {
    /// The clock asked about.
    pub clock: Clock,
    /// The milestones, the reconvening first.
    pub choices: Vec<Choice>,
    /// The highlighted milestone.
    pub selected: usize,
    /// What was typed (a date, a milestone id, or on the second clock a
    /// commit); when empty, the highlighted milestone is meant.
    pub text: TextInput,
    /// Why the last answer could not be used.
    pub error: Option<String>,
}

pub(super) fn open_picker(state: &mut State) {
    let Some(board) = state.data() else {
        return;
    };
    let mut choices: Vec<Choice> = board
        .dataset
        .manifest
        .milestones
        .iter()
        .map(|m| Choice {
            title: m.title.clone(),
            date: m.date.0,
            reconvening: m.reconvening,
        })
        .collect();
    // The reconvening first (the default), then the calendar in order.
    choices.sort_by_key(|c| (!c.reconvening, c.date));
    state.travel.picker = Some(Picker {
        clock: Clock::World,
        choices,
        selected: 0,
        text: TextInput::single_line(""),
        error: None,
    });
}

/// A key while the picker is open: its commands, or typed into its field.
pub(crate) fn picker_key(state: &mut State, key: Key) -> Vec<Effect> {
    let action = state.keymap.action(Mode::TravelPicker, key);
    let Some(picker) = state.travel.picker.as_mut() else {
        return Vec::new();
    };
    state.dirty = true;
    // The arrows choose a milestone: fixed keys, as an override of `up` or
    // `down` to a letter would be typed into the field here.
    match (action, key.code) {
        (Some(Action::Cancel), _) => state.travel.picker = None,
        (None, KeyCode::Up) => picker.selected = picker.selected.saturating_sub(1),
        (None, KeyCode::Down) => {
            picker.selected = (picker.selected + 1).min(picker.choices.len().saturating_sub(1))
        }
        (Some(Action::SwitchClock), _) => {
            picker.clock = match picker.clock {
                Clock::World => Clock::Record,
                Clock::Record => Clock::World,
            };
            picker.error = None;
        }
        (Some(Action::Confirm), _) => return confirm(state, false),
        (Some(Action::Delta), _) => return confirm(state, true),
        _ => {
            let before = picker.text.clone();
            if picker.text.handle(key) {
                // Dates, ids and revisions: nothing wider is ever needed.
                if picker.text.text().chars().count() > 64 {
                    picker.text = before;
                }
                picker.error = None;
            }
        }
    }
    Vec::new()
}

/// The picker's answer: go there (or compare it with today).
fn confirm(state: &mut State, compare: bool) -> Vec<Effect> {
    let Some(picker) = state.travel.picker.clone() else {
        return Vec::new();
    };
    let Some(board) = state.data() else {
        return Vec::new();
    };
    let manifest = &board.dataset.manifest;
    let text = picker.text.text().trim().to_string();
    let refuse = |state: &mut State, why: String| {
        if let Some(p) = state.travel.picker.as_mut() {
            p.error = Some(why);
        }
        Vec::new()
    };
    if picker.clock == Clock::Record {
        if compare {
            return refuse(
                state,
                "A delta compares two dates: tab back to the dates to compare one with today"
                    .into(),
            );
        }
        if text.is_empty() {
            return refuse(state, "Type a commit id or a date (YYYY-MM-DD)".into());
        }
        state.travel.picker = None;
        state.travel.waiting = Some(text.clone());
        state.say_in_passing(format!("Reading the record as recorded at {text}…"));
        return vec![Effect::Travel(Job::Recorded(text))];
    }
    let point = if text.is_empty() {
        match picker.choices.get(picker.selected) {
            Some(choice) => Point::AsOf {
                date: choice.date,
                milestone: Some(choice.title.clone()),
            },
            None => return refuse(state, "No milestones: type a date (YYYY-MM-DD)".into()),
        }
    } else {
        let milestone = manifest.milestones.iter().find(|m| m.id == text);
        match (milestone, board.dataset.day_named(&text)) {
            (Some(m), _) => Point::AsOf {
                date: m.date.0,
                milestone: Some(m.title.clone()),
            },
            (None, Some(date)) => Point::AsOf {
                date,
                milestone: manifest
                    .milestones
                    .iter()
                    .find(|m| m.date.0 == date)
                    .map(|m| m.title.clone()),
            },
            (None, None) => {
                return refuse(
                    state,
                    format!("`{text}` is neither a date (YYYY-MM-DD) nor a milestone id"),
                );
            }
        }
    };
    state.travel.picker = None;
    if compare {
        let today = state.today;
        let (from, label) = match &point {
            Point::AsOf { date, milestone } => (*date, milestone.clone()),
            Point::Recorded { .. } => return Vec::new(),
        };
        show_delta(state, from, label, today);
    } else {
        go_as_of(state, point);
    }
    Vec::new()
}
