//! The terminal's modes: entering the dashboard's (raw, alternate screen),
//! giving the shell back its own (however the runner ends), and stepping
//! aside for `Ctrl-Z` until `fg`.

use std::io::stdout;

use ratatui::DefaultTerminal;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

/// Gives the shell its terminal back: cooked mode, the main screen, and a
/// visible cursor (ratatui's own restore leaves the cursor hidden). Safe to
/// call twice, and from any thread.
pub fn leave() {
    let _ = disable_raw_mode();
    let _ = execute!(stdout(), LeaveAlternateScreen, Show);
}

/// Takes the terminal again after `$EDITOR`, a suspension or a stop, and
/// forgets what was on it so that the next draw paints every cell.
pub fn reenter(terminal: &mut DefaultTerminal) {
    let _ = enable_raw_mode();
    let _ = execute!(stdout(), EnterAlternateScreen);
    let _ = terminal.clear();
}

/// Suspends the process the way a shell job stops on `Ctrl-Z`: the terminal
/// is handed back first, and taken again (fully redrawn) once `fg` or
/// SIGCONT resumes it.
pub fn suspend(terminal: &mut DefaultTerminal) {
    leave();
    // SIGSTOP, not SIGTSTP: the latter is caught here (to get this far) and
    // would only come back as another request to suspend.
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGSTOP);
    reenter(terminal);
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
