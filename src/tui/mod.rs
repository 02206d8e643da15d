//! The runner: owns the terminal, runs the event loop, executes effects.
//!
//! The loop blocks on a channel fed by a terminal reader thread and a signal
//! thread, and draws only when the state says something changed: idle costs
//! nothing, which matters over SSH. The reader reads one event each time the
//! loop asks, so that while `$EDITOR` runs nobody else reads the terminal.

mod editor;
pub mod effects;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::mpsc;

use anyhow::Context;
use ratatui::crossterm::event::{self, Event, KeyEventKind};

use crate::app::{self, Action, KeyMap, State};
use crate::store::DatasetLocation;
use crate::store::identity::Identity;

use effects::Session;

/// What the TUI starts with (the CLI resolves all of it).
#[derive(Debug, Clone)]
pub struct Start {
    /// The git work tree root.
    pub repo_root: PathBuf,
    /// The folder holding `reconvene.ron`.
    pub dataset_dir: PathBuf,
    /// A first-run message ("Created the dataset at ..."), shown in the status line.
    pub notice: Option<String>,
    /// Who edits, when known (the TUI asks otherwise before the first edit).
    pub identity: Option<Identity>,
    /// Key map overrides from the config: action name -> keys ("ctrl-e", "j", "down").
    pub key_overrides: BTreeMap<String, Vec<String>>,
}

/// What wakes the loop.
enum Wake {
    Terminal(Event),
    TerminalGone(String),
    Signal,
}

/// Restores the terminal when the runner ends, however it ends.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        // A panic restores through ratatui's hook; restoring twice would
        // print an error over the panic message.
        if !std::thread::panicking() {
            let _ = ratatui::try_restore();
        }
    }
}

/// Runs the TUI until the user quits or a signal ends it.
pub fn run(start: Start) -> anyhow::Result<()> {
    let (keymap, warnings) = KeyMap::with_overrides(&start.key_overrides);
    let today = chrono::Local::now().date_naive();
    let mut session = Session::new(DatasetLocation {
        repo_root: start.repo_root.clone(),
        dataset_dir: start.dataset_dir.clone(),
    });
    let loaded = session.load();
    let mut state = State::new(loaded, today, keymap);
    state.color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    if let Some(author) = start.identity.clone() {
        state.set_author(author);
    }
    session.offer_kept_draft(&mut state);
    let mut messages: Vec<String> = start.notice.iter().cloned().collect();
    messages.extend(warnings);
    if !messages.is_empty() {
        state.say(messages.join(" · "));
    }

    let (sender, receiver) = mpsc::channel();
    let mut signals = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGTERM,
    ])
    .context("cannot listen for SIGHUP and SIGTERM")?;
    let signal_sender = sender.clone();
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = signal_sender.send(Wake::Signal);
        }
    });

    // The guard comes first so that a half-done setup is undone too.
    let _restore = Restore;
    let mut terminal = ratatui::try_init().context("cannot set up the terminal")?;
    let (ask, asked) = mpsc::channel::<()>();
    std::thread::spawn(move || {
        while asked.recv().is_ok() {
            let wake = match event::read() {
                Ok(event) => Wake::Terminal(event),
                Err(error) => Wake::TerminalGone(error.to_string()),
            };
            let gone = matches!(wake, Wake::TerminalGone(_));
            if sender.send(wake).is_err() || gone {
                return;
            }
        }
    });
    if let Ok(size) = terminal.size() {
        app::update(&mut state, Action::Resize(size.width, size.height));
    }
    loop {
        if state.dirty {
            terminal
                .draw(|frame| crate::ui::render(&state, frame))
                .context("cannot draw to the terminal")?;
            state.dirty = false;
        }
        // One event per request, so nothing reads the terminal while an
        // effect (such as `$EDITOR`) has it. Every wake below is either that
        // event or a signal that ends the loop. A gone reader shows as an
        // error from recv.
        let _ = ask.send(());
        let action = match receiver.recv() {
            Ok(Wake::Terminal(Event::Key(key))) if key.kind != KeyEventKind::Release => {
                state.message = None;
                // `update` reads the key through the mode in force, so a
                // key typed into a prompt or form never acts as a command.
                Action::Key(editor::key(key))
            }
            Ok(Wake::Terminal(Event::Resize(width, height))) => Action::Resize(width, height),
            Ok(Wake::Terminal(_)) => {
                continue;
            }
            Ok(Wake::TerminalGone(error)) => {
                anyhow::bail!("lost the terminal: {error}")
            }
            Ok(Wake::Signal) | Err(_) => return Ok(()),
        };
        for effect in app::update(&mut state, action) {
            let mut edit_note = |note: &str| editor::edit_text(&mut terminal, note);
            if session
                .execute(effect, &mut state, &mut edit_note)
                .is_break()
            {
                return Ok(());
            }
        }
    }
}
