//! The terminal's modes: entering the dashboard's (raw, alternate screen),
//! giving the shell back its own (however the runner ends), and stepping
//! aside for `Ctrl-Z` until `fg`.

use std::io::stdout;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

/// Gives the shell its terminal back: cooked mode, the main screen, and a
/// visible cursor (ratatui's own restore leaves the cursor hidden). Safe to
/// call twice, and from any thread.
pub fn leave() {
    if MOUSE.load(Ordering::SeqCst) {
        let _ = execute!(stdout(), DisableMouseCapture);
    }
    let _ = disable_raw_mode();
    let _ = execute!(stdout(), LeaveAlternateScreen, Show);
}

/// Whether the dashboard has asked the terminal for mouse events (and so
/// must give them up whenever it hands the terminal back).
static MOUSE: AtomicBool = AtomicBool::new(false);

/// Asks the terminal for mouse events when `wanted` (the config's
/// `mouse`, on unless set to false).
pub fn take_mouse(wanted: bool) {
    if wanted {
        MOUSE.store(true, Ordering::SeqCst);
        let _ = execute!(stdout(), EnableMouseCapture);
    }
}

/// Takes the terminal again after a suspension or a stop. The modes are set
/// afresh: a shell may have put back its own while the process was stopped,
/// and crossterm would take a second `enable_raw_mode` for a no-op. Paint
/// with [`repaint`] after.
pub fn reenter() {
    let _ = disable_raw_mode();
    let _ = enable_raw_mode();
    let _ = execute!(stdout(), EnterAlternateScreen);
    if MOUSE.load(Ordering::SeqCst) {
        let _ = execute!(stdout(), EnableMouseCapture);
    }
}

/// Clears the screen and forgets what the last frame drew, so that the next
/// draw paints every cell (`Ctrl-L`, or whatever else wrote to the terminal
/// meanwhile).
///
/// Not `Terminal::clear`: that asks the terminal where its cursor is and
/// waits up to two seconds for the answer, which the reader thread, already
/// waiting for a key, takes instead.
pub fn repaint(terminal: &mut super::colours::Screen, basic: bool) {
    let _ = execute!(stdout(), Clear(ClearType::All));
    let backend = CrosstermBackend::new(super::colours::BasicColours::new(stdout(), basic));
    if let Ok(fresh) = Terminal::new(backend) {
        let mut old = std::mem::replace(terminal, fresh);
        // Its Drop would show the cursor, and print to stderr if it could
        // not (a panic, on a dead terminal): show it here, quietly.
        if old.show_cursor().is_err() {
            std::mem::forget(old);
        }
    }
}

/// Whether `buffer` holds a cell whose text has a zero-width character (a
/// combining mark): terminals differ on which cell such a mark joins, so
/// the diff the next frame draws from may not match the screen.
pub fn has_unsteady_cells(buffer: &ratatui::buffer::Buffer) -> bool {
    use unicode_width::UnicodeWidthChar;
    buffer.content.iter().any(|cell| {
        let symbol = cell.symbol();
        !symbol.is_ascii() && symbol.chars().any(|c| c.width() == Some(0))
    })
}

/// Suspends the process the way a shell job stops on `Ctrl-Z`: the terminal
/// is handed back first, and taken again once `fg` or SIGCONT resumes it.
pub fn suspend() {
    leave();
    // SIGSTOP, not SIGTSTP: the latter is caught here (to get this far) and
    // would only come back as another request to suspend.
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGSTOP);
    reenter();
}

/// Restores the terminal when the runner ends, however it ends.
pub struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        // A panic restores through ratatui's hook; restoring twice would
        // print an error over the panic message.
        if !std::thread::panicking() {
            leave();
        }
    }
}
