//! What the session said, kept so the user can read it whole: a message too
//! long for the status line opens in a panel that stays until dismissed,
//! and `!` shows every message of the session.

use std::cell::Cell;

use super::input::{Key, KeyCode};
use super::{Action, Effect, State};

/// The most messages the log keeps; the oldest go first.
pub const LOG_LIMIT: usize = 500;

/// A scrollable panel over the view, holding a long message or the log.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    /// What the panel shows.
    pub title: String,
    /// The text, one paragraph per entry (wrapped to the width when drawn).
    pub paragraphs: Vec<String>,
    /// The first wrapped line on screen.
    pub offset: usize,
    /// The largest useful offset, as the last frame wrapped the text.
    pub limit: Cell<usize>,
}

impl Panel {
    fn new(title: &str, paragraphs: Vec<String>, offset: usize) -> Panel {
        Panel {
            title: title.to_string(),
            paragraphs,
            offset,
            limit: Cell::new(usize::MAX),
        }
    }
}

impl State {
    /// Records that the TUI opened the dataset at `path`, and says `notice`
    /// (where a first run created it, what a start-up repair did): in the
    /// status line or its panel now, and again on the shell after exit.
    pub fn opened(&mut self, path: &str, notice: Option<&str>) {
        self.dataset_path = Some(path.to_string());
        if let Some(notice) = notice {
            self.say(notice);
            self.exit_notes.push(notice.to_string());
        }
    }

    /// Keeps `message` in the session's log and, when it does not fit the
    /// status line, opens it in a panel.
    pub(super) fn log(&mut self, message: &str) {
        self.keep_in_log(message);
        if !fits_status_line(message, usize::from(self.size.0)) {
            self.panel = Some(Panel::new("Message", vec![message.to_string()], 0));
        }
    }

    /// Says `message` in the status line and keeps it in the log, but never
    /// opens the panel: news nobody asked for (another coordinator's commit)
    /// must not stand in front of the view and take the next key.
    pub(super) fn say_unasked(&mut self, message: impl Into<String>) {
        let message = message.into();
        self.keep_in_log(&message);
        self.message = Some(message);
        self.message_unasked = true;
        self.dirty = true;
    }

    /// Adds `message` to the session's log, forgetting the oldest past
    /// [`LOG_LIMIT`].
    fn keep_in_log(&mut self, message: &str) {
        if self.log.len() >= LOG_LIMIT {
            self.log.remove(0);
        }
        self.log.push(message.to_string());
    }

    /// Opens the log of this session's messages, the newest at the bottom.
    pub(super) fn open_log(&mut self) {
        let paragraphs = if self.log.is_empty() {
            vec!["No messages yet in this session.".to_string()]
        } else {
            self.log.clone()
        };
        self.panel = Some(Panel::new(
            "Messages of this session",
            paragraphs,
            usize::MAX,
        ));
    }
}

/// After a resize: the message on the status line, if it no longer reads
/// whole there, opens in the panel (the first message is said before the
/// terminal's size is known).
pub(super) fn refit(state: &mut State) {
    if let (None, Some(message)) = (&state.panel, &state.message)
        && !fits_status_line(message, usize::from(state.size.0))
        && !state.message_unasked
    {
        state.panel = Some(Panel::new("Message", vec![message.clone()], 0));
    }
}

/// Whether `message` reads whole in a status line `width` columns wide.
fn fits_status_line(message: &str, width: usize) -> bool {
    !message.contains('\n') && crate::model::width(message) <= width
}

/// Handles `action` while the panel is open, or opens the log on `!`;
/// returns `None` when the action is not the panel's to handle. While the
/// panel shows, nothing else acts: keys close it, scroll it, or do nothing.
pub(super) fn handle(state: &mut State, action: &Action) -> Option<Vec<Effect>> {
    if *action == Action::Messages && state.panel.is_none() {
        state.open_log();
        return Some(Vec::new());
    }
    let panel = state.panel.as_mut()?;
    let motion = match action.clone() {
        Action::Key(Key { code, .. }) => match code {
            KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q') | KeyCode::Char('!') => Action::Back,
            KeyCode::Up | KeyCode::Char('k') => Action::Up,
            KeyCode::Down | KeyCode::Char('j') => Action::Down,
            KeyCode::PageUp => Action::PageUp,
            KeyCode::PageDown | KeyCode::Char(' ') => Action::PageDown,
            KeyCode::Home => Action::Home,
            KeyCode::End => Action::End,
            _ => return Some(Vec::new()),
        },
        Action::Resize(..) => return None,
        other => other,
    };
    let page = usize::from(state.size.1.saturating_sub(4)).max(1);
    let limit = panel.limit.get();
    let offset = panel.offset.min(limit);
    match motion {
        Action::Back | Action::Open | Action::Quit | Action::Messages => state.panel = None,
        Action::Up => panel.offset = offset.saturating_sub(1),
        Action::Down => panel.offset = offset.saturating_add(1).min(limit),
        Action::PageUp => panel.offset = offset.saturating_sub(page),
        Action::PageDown => panel.offset = offset.saturating_add(page).min(limit),
        Action::Home => panel.offset = 0,
        Action::End => panel.offset = limit,
        _ => {}
    }
    Some(Vec::new())
}
