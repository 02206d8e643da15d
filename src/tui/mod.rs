//! The runner: owns the terminal, runs the event loop, carries out effects.
//!
//! The loop blocks on one channel fed by a terminal reader, a signal
//! listener, the worker (effects' results) and the tip watcher, and draws
//! only when the state says something changed: idle costs nothing, which
//! matters over SSH. Every change of state goes through `update`: keys as
//! actions, and the results of work done on the worker as actions too.
//!
//! The reader reads one event each time the loop asks, so that while
//! `$EDITOR` runs nobody else reads the terminal.

mod colours;
mod editor;
pub mod effects;
mod farewell;
pub mod history;
mod links;
mod screen;
pub mod travel;
pub mod worker;

use std::collections::{BTreeMap, VecDeque};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use anyhow::Context;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGSTOP, SIGTERM, SIGTSTP};

use crate::app::{self, Action, Effect, KeyMap, State};
use crate::store::identity::Identity;
use crate::store::{DatasetLocation, live};

use effects::Session;
use history::HistorySession;
use worker::Worker;

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
    /// The config's theme ("dark", "light").
    pub theme: Option<String>,
    /// The filter given on the command line (`--filter F`), if any.
    pub filter: Option<String>,
    /// The config's `mouse` (absent: on).
    pub mouse: Option<bool>,
}

/// What wakes the loop.
enum Wake {
    Terminal(Event),
    TerminalGone(String),
    Signal(i32),
    /// A result or progress from the worker, or the tip watcher's news.
    Action(Action),
}

/// Signals that end the TUI, each with exit status 128 + its number.
const ENDING: [i32; 4] = [SIGHUP, SIGINT, SIGQUIT, SIGTERM];

/// How long a terminating signal may wait for the loop (busy in `$EDITOR`,
/// say) before the terminal is restored and the process leaves regardless.
const SIGNAL_GRACE: Duration = Duration::from_secs(3);

/// How long a terminating signal waits for queued work (a draft being
/// written; a save stuck on a lock is not waited for).
const DRAIN_ON_SIGNAL: Duration = Duration::from_millis(1000);

/// Why the loop ended.
enum Ending {
    Quit,
    Signal(i32),
}

/// Runs the TUI until the user quits (exit 0) or a signal ends it (exit
/// 128 + its number, the terminal restored either way).
pub fn run(start: Start) -> anyhow::Result<ExitCode> {
    let (keymap, warnings) = KeyMap::with_overrides(&start.key_overrides);
    let today = chrono::Local::now().date_naive();
    let location = DatasetLocation {
        repo_root: start.repo_root.clone(),
        dataset_dir: start.dataset_dir.clone(),
    };
    let mut session = Session::new(location.clone());
    let loaded = session.load();
    let mut state = State::new(loaded, today, keymap);
    state.color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let (theme, theme_warning) = app::look::Theme::from_config(start.theme.as_deref());
    state.look = app::look::Look::from_vars(|name| std::env::var(name).ok(), theme);
    if let Some(author) = start.identity.clone() {
        state.set_author(author);
    }
    state.opened(
        &start.dataset_dir.display().to_string(),
        start.notice.as_deref(),
    );
    if let Some(filter) = &start.filter
        && state.data().is_some()
    {
        // Checked before the screen is taken, so a typo reads as any
        // other usage error, on the shell, with exit status 2.
        state
            .apply_filter(filter)
            .map_err(|error| anyhow::anyhow!("--filter: {error}"))?;
    }
    let mut messages: Vec<String> = warnings;
    messages.extend(theme_warning);

    let (wakes, woken) = mpsc::channel();
    let editing = Arc::new(AtomicBool::new(false));
    listen_for_signals(wakes.clone(), Arc::clone(&editing))?;
    let results = wakes.clone();
    let worker = Worker::spawn(session, move |action| {
        let _ = results.send(Wake::Action(action));
    });
    let travelled = wakes.clone();
    let machine = travel::TimeMachine::spawn(location.clone(), move |action| {
        let _ = travelled.send(Wake::Action(action));
    });
    // History is read on a thread of its own: a long walk never delays a
    // save. It is never waited for on leaving: it only reads.
    let history_results = wakes.clone();
    let history_worker = Worker::spawn(HistorySession::new(location.clone()), move |action| {
        let _ = history_results.send(Wake::Action(action));
    });
    watch_tip(location.clone(), wakes.clone());

    let mut first = Vec::new();
    if !messages.is_empty() {
        first.push(Action::Notice(messages.join(" · ")));
    }
    if state.author.is_some() {
        // A draft of theirs (from a session that died) is offered first.
        submit(&worker, &state, Effect::LookForDraft);
    }

    // Dropped last, once the terminal is the shell's again: what the user
    // must still read (where the first run put the dataset) lands there.
    let _farewell = farewell::Farewell(state.exit_notes.clone());
    let ending = {
        // The guard comes first so that a half-done setup is undone too.
        let _restore = screen::Restore;
        let basic = state.look.colours == app::look::Colours::Sixteen;
        let mut terminal = colours::init(basic).context("cannot set up the terminal")?;
        screen::take_mouse(start.mouse.unwrap_or(true));
        let mut runner = Runner {
            terminal: &mut terminal,
            basic,
            worker: &worker,
            machine: &machine,
            history: &history_worker,
            reading: false,
            repaint: false,
            unsteady: false,
            editing,
            location,
            hyperlinks: links::terminal_takes_hyperlinks(basic, |n| std::env::var(n).ok()),
            last_click: None,
        };
        let ending = runner.run(&mut state, first, &woken, wakes);
        // ratatui's Terminal shows the cursor when dropped and prints to
        // stderr if it cannot, which on a hung-up terminal is a panic and an
        // abort. The guard shows the cursor itself, quietly.
        std::mem::forget(terminal);
        ending?
    };
    // The terminal is the shell's again here. Whatever the user must still
    // read once the dashboard has closed is printed at this point.
    match ending {
        Ending::Quit => {
            // A save under way finishes rather than being cut off.
            worker.finish();
            Ok(ExitCode::SUCCESS)
        }
        Ending::Signal(signal) => {
            // The drafts of the last keys typed are still queued: a dropped
            // link must not lose them, nor keep the process long.
            worker.finish_within(DRAIN_ON_SIGNAL);
            Ok(ExitCode::from(exit_status(signal)))
        }
    }
}

/// 128 + the signal's number, as shells report a death by signal.
fn exit_status(signal: i32) -> u8 {
    u8::try_from(128 + signal).unwrap_or(u8::MAX)
}

/// The event loop and what it owns.
struct Runner<'t> {
    terminal: &'t mut colours::Screen,
    /// Whether the terminal takes only the classic colour codes.
    basic: bool,
    worker: &'t Worker<Session>,
    /// Time travel's reader of the record's history (see `travel.rs`).
    machine: &'t Worker<travel::TimeMachine>,
    /// Reads the record's history (never in the way of a save).
    history: &'t Worker<HistorySession>,
    /// Whether the reader has been asked for an event it has not delivered:
    /// it is then reading the terminal, and `$EDITOR` must not start.
    reading: bool,
    /// Paint every cell at the next draw (`Ctrl-L`, back from a suspension).
    repaint: bool,
    /// The last frame held cells whose marks a terminal may place
    /// elsewhere: paint every cell at the next draw too.
    unsteady: bool,
    /// Set while `$EDITOR` runs (see [`listen_for_signals`]).
    editing: Arc<AtomicBool>,
    /// The dataset, for work the runner starts itself.
    location: DatasetLocation,
    /// Whether to make drawn links clickable (OSC 8).
    hyperlinks: bool,
    /// The last left click: when and where, to tell a double-click.
    last_click: Option<(std::time::Instant, u16, u16)>,
}

impl Runner<'_> {
    fn run(
        &mut self,
        state: &mut State,
        first: Vec<Action>,
        woken: &Receiver<Wake>,
        wakes: Sender<Wake>,
    ) -> anyhow::Result<Ending> {
        let ask = spawn_reader(wakes.clone());
        let mut actions: VecDeque<Action> = first.into();
        if let Ok(size) = self.terminal.size() {
            actions.push_back(Action::Resize(size.width, size.height));
        }
        loop {
            while let Some(action) = actions.pop_front() {
                for effect in app::update(state, action) {
                    match effect {
                        Effect::Quit => return Ok(Ending::Quit),
                        Effect::EditNote(note) => actions.extend(self.edit_note(&note)),
                        Effect::Travel(job) => {
                            if !travel::submit(self.machine, job) {
                                actions.push_back(Action::Notice(WORKER_GONE.into()));
                            }
                        }
                        effect if history::is_history(&effect) => {
                            let submitted =
                                self.history.submit(Box::new(move |session, progress| {
                                    session.perform(effect, progress)
                                }));
                            if !submitted {
                                actions.push_back(Action::Notice(WORKER_GONE.into()));
                            }
                        }
                        Effect::LoadLastChanges => {
                            links::read_last_changes(self.location.clone(), {
                                let wakes = wakes.clone();
                                move |action| {
                                    let _ = wakes.send(Wake::Action(action));
                                }
                            })
                        }
                        Effect::CopyLink(url) => actions.push_back(links::copy(&url)),
                        Effect::OpenLink(url) => {
                            actions.push_back(links::open(&url, |n| std::env::var_os(n)))
                        }
                        effect => {
                            if !submit(self.worker, state, effect) {
                                actions.push_back(Action::Notice(WORKER_GONE.into()));
                            }
                        }
                    }
                }
            }
            if state.dirty || self.repaint {
                // After a frame with combining marks (Devanagari vowel
                // signs, say), a terminal may have attached a mark to
                // another cell than the screen model thinks: the next frame
                // paints every cell, so none can stay behind.
                if std::mem::take(&mut self.repaint) || self.unsteady {
                    screen::repaint(self.terminal, self.basic);
                }
                let frame = self
                    .terminal
                    .draw(|frame| crate::ui::render(state, frame))
                    .context("cannot draw to the terminal")?;
                self.unsteady = screen::has_unsteady_cells(frame.buffer);
                if self.hyperlinks
                    && let Ok(spots) = state.links.try_borrow()
                {
                    links::make_clickable(frame.buffer, &spots);
                }
                state.dirty = false;
            }
            if !self.reading {
                // A gone reader shows as an error from recv below.
                let _ = ask.send(());
                self.reading = true;
            }
            let wake = woken.recv().context("lost every source of events")?;
            match wake {
                Wake::Action(action) => actions.push_back(action),
                Wake::Terminal(event) => {
                    self.reading = false;
                    actions.extend(self.terminal_event(event));
                }
                Wake::TerminalGone(error) => {
                    // A dropped link closes the terminal and sends SIGHUP at
                    // once: the hang-up is what happened, and its status is
                    // what the caller should see.
                    return match hang_up_behind(woken) {
                        Some(signal) => Ok(Ending::Signal(signal)),
                        None => anyhow::bail!("lost the terminal: {error}"),
                    };
                }
                Wake::Signal(signal) if ENDING.contains(&signal) => {
                    return Ok(Ending::Signal(signal));
                }
                Wake::Signal(SIGTSTP) => actions.extend(self.suspend()),
                // Resumed after a stop we did not see coming: the shell may
                // have reset the terminal's modes, and the screen is stale.
                Wake::Signal(_) => actions.extend(self.reenter()),
            }
        }
    }

    /// What a terminal event asks of the app. `Ctrl-Z` and `Ctrl-L` are the
    /// terminal's own, in every mode, as in a shell.
    fn terminal_event(&mut self, event: Event) -> Option<Action> {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                if is_ctrl(key, 'z') {
                    return self.suspend();
                }
                if is_ctrl(key, 'l') {
                    self.repaint = true;
                    return None;
                }
                // `update` reads the key through the mode in force, so a key
                // typed into a prompt or form never acts as a command.
                Some(Action::Key(editor::key(key)))
            }
            Event::Resize(width, height) => Some(Action::Resize(width, height)),
            Event::Mouse(mouse) => self.mouse(mouse),
            _ => None,
        }
    }

    /// A mouse event as the app's gesture; two left clicks on one cell
    /// within [`DOUBLE_CLICK`] are a double-click.
    fn mouse(&mut self, mouse: event::MouseEvent) -> Option<Action> {
        use app::mouse::{Mouse, MouseKind};
        use event::{MouseButton, MouseEventKind};
        let kind = match mouse.kind {
            MouseEventKind::ScrollUp => MouseKind::WheelUp,
            MouseEventKind::ScrollDown => MouseKind::WheelDown,
            MouseEventKind::Down(MouseButton::Left) => {
                let now = std::time::Instant::now();
                let double = self.last_click.is_some_and(|(at, column, row)| {
                    now.duration_since(at) <= DOUBLE_CLICK
                        && (column, row) == (mouse.column, mouse.row)
                });
                self.last_click = (!double).then_some((now, mouse.column, mouse.row));
                if double {
                    MouseKind::DoubleClick
                } else {
                    MouseKind::Click
                }
            }
            _ => return None,
        };
        Some(Action::Mouse(Mouse {
            kind,
            column: mouse.column,
            row: mouse.row,
        }))
    }

    fn suspend(&mut self) -> Option<Action> {
        screen::suspend();
        self.after_terminal_returned()
    }

    fn reenter(&mut self) -> Option<Action> {
        screen::reenter();
        self.after_terminal_returned()
    }

    /// The terminal was someone else's for a while: paint it whole, at the
    /// size it has now (it may have changed meanwhile).
    fn after_terminal_returned(&mut self) -> Option<Action> {
        self.repaint = true;
        let size = self.terminal.size().ok()?;
        Some(Action::Resize(size.width, size.height))
    }

    /// Hands the note to `$EDITOR`, which owns the terminal until it exits.
    fn edit_note(&mut self, note: &str) -> Vec<Action> {
        if self.reading {
            // Only a key opens the editor, and a key means the reader is
            // idle; should that ever not hold, two readers of one terminal
            // would split the user's keys between them.
            let busy = "the terminal is busy; press Ctrl-E again".to_string();
            return vec![Action::NoteEdited(Err(busy))];
        }
        self.editing.store(true, Ordering::SeqCst);
        let edited = editor::edit_text(note);
        self.editing.store(false, Ordering::SeqCst);
        let mut actions = vec![Action::NoteEdited(edited)];
        actions.extend(self.after_terminal_returned());
        actions
    }
}

/// The longest pause between the clicks of a double-click.
const DOUBLE_CLICK: Duration = Duration::from_millis(400);

const WORKER_GONE: &str =
    "The background worker stopped: nothing more can be saved or loaded; restart reconvene";

/// A terminating signal arriving right behind a lost terminal, if any.
fn hang_up_behind(woken: &Receiver<Wake>) -> Option<i32> {
    let deadline = std::time::Instant::now() + Duration::from_millis(200);
    loop {
        let left = deadline.checked_duration_since(std::time::Instant::now())?;
        match woken.recv_timeout(left).ok()? {
            Wake::Signal(signal) if ENDING.contains(&signal) => return Some(signal),
            _ => {}
        }
    }
}

/// Queues `effect` on the worker, for the author named now.
fn submit(worker: &Worker<Session>, state: &State, effect: Effect) -> bool {
    let author = state.author.clone();
    worker.submit(Box::new(move |session, _| {
        session.perform(effect, author.as_ref())
    }))
}

fn is_ctrl(key: KeyEvent, letter: char) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char(letter)
}

/// Reads one terminal event per request on the returned channel.
fn spawn_reader(wakes: Sender<Wake>) -> Sender<()> {
    let (ask, asked) = mpsc::channel::<()>();
    std::thread::spawn(move || {
        while asked.recv().is_ok() {
            let wake = match event::read() {
                Ok(event) => Wake::Terminal(event),
                Err(error) => Wake::TerminalGone(error.to_string()),
            };
            let gone = matches!(wake, Wake::TerminalGone(_));
            if wakes.send(wake).is_err() || gone {
                return;
            }
        }
    });
    ask
}

/// Turns signals into wakes. A terminating one that the loop does not act
/// on within [`SIGNAL_GRACE`] restores the terminal and exits from here.
///
/// While `$EDITOR` runs (`editing`), a stop request stops the process at
/// once: editors such as vim suspend by sending SIGTSTP to their whole
/// process group, and the shell gets its terminal back only when every
/// process in the group has stopped. `fg` then resumes both.
fn listen_for_signals(wakes: Sender<Wake>, editing: Arc<AtomicBool>) -> anyhow::Result<()> {
    let mut signals =
        signal_hook::iterator::Signals::new(ENDING.iter().copied().chain([SIGTSTP, SIGCONT]))
            .context("cannot listen for signals")?;
    std::thread::spawn(move || {
        for signal in signals.forever() {
            if signal == SIGTSTP && editing.load(Ordering::SeqCst) {
                let _ = signal_hook::low_level::raise(SIGSTOP);
                continue;
            }
            let _ = wakes.send(Wake::Signal(signal));
            if ENDING.contains(&signal) {
                std::thread::sleep(SIGNAL_GRACE);
                screen::leave();
                std::process::exit(i32::from(exit_status(signal)));
            }
        }
    });
    Ok(())
}

/// Looks at the branch tip's files once a [`live::TIP_POLL`] and wakes the
/// loop when they change. One `stat` per file per second is all it costs
/// while nothing happens; the loop itself sleeps.
fn watch_tip(location: DatasetLocation, wakes: Sender<Wake>) {
    std::thread::spawn(move || {
        let Ok(mut files) = live::TipFiles::of(&location) else {
            return;
        };
        let mut last = files.stamp();
        // Anything committed between the first load and the first stamp.
        if wakes.send(Wake::Action(Action::TipMoved)).is_err() {
            return;
        }
        loop {
            std::thread::sleep(live::TIP_POLL);
            let now = files.stamp();
            if now == last {
                continue;
            }
            // HEAD may name another branch now: watch its ref instead.
            if let Ok(again) = live::TipFiles::of(&location) {
                files = again;
            }
            last = files.stamp();
            if wakes.send(Wake::Action(Action::TipMoved)).is_err() {
                return;
            }
        }
    });
}
