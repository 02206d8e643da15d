//! Handing a note to the user's `$EDITOR`, and translating terminal keys
//! into the app's own `Key` for forms.

use std::io::Write;
use std::process::Command;

use ratatui::crossterm::event::{KeyCode as Code, KeyEvent, KeyModifiers};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use crate::app::input::{Key, KeyCode};

/// A terminal key as the forms understand it; keys they do not know become
/// a harmless Esc-less no-op (`Char('\0')`, never inserted as text).
pub fn key(event: KeyEvent) -> Key {
    let code = match event.code {
        Code::Char(c) => KeyCode::Char(c),
        Code::Enter => KeyCode::Enter,
        Code::Esc => KeyCode::Esc,
        Code::Backspace => KeyCode::Backspace,
        Code::Delete => KeyCode::Delete,
        Code::Left => KeyCode::Left,
        Code::Right => KeyCode::Right,
        Code::Up => KeyCode::Up,
        Code::Down => KeyCode::Down,
        Code::Home => KeyCode::Home,
        Code::End => KeyCode::End,
        Code::PageUp => KeyCode::PageUp,
        Code::PageDown => KeyCode::PageDown,
        Code::Tab => KeyCode::Tab,
        Code::BackTab => KeyCode::BackTab,
        Code::F(n) => KeyCode::F(n),
        _ => KeyCode::Char('\0'),
    };
    Key {
        code,
        ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
        alt: event.modifiers.contains(KeyModifiers::ALT),
    }
}

/// Leaves the TUI, runs `$VISUAL`/`$EDITOR` (or `vi`) on `text`, comes back,
/// and returns what the editor saved. The terminal's modes are restored
/// whatever happens; the caller repaints.
pub fn edit_text(text: &str) -> Result<String, String> {
    let editor = ["VISUAL", "EDITOR"]
        .into_iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string());
    let mut file = tempfile::Builder::new()
        .prefix("reconvene-note-")
        .suffix(".txt")
        .tempfile()
        .map_err(|e| format!("cannot make a file for the editor: {e}"))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.flush())
        .map_err(|e| format!("cannot write the note for the editor: {e}"))?;

    let _ = disable_raw_mode();
    let _ = execute!(std::io::stdout(), LeaveAlternateScreen);
    // `$EDITOR` may carry arguments ("code --wait"): let the shell split it.
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(file.path())
        .status();
    let _ = enable_raw_mode();
    let _ = execute!(std::io::stdout(), EnterAlternateScreen);

    match status {
        Ok(status) if status.success() => std::fs::read_to_string(file.path())
            .map(|saved| saved.trim_end_matches('\n').to_string())
            .map_err(|e| format!("cannot read back the note: {e}")),
        Ok(status) => Err(format!(
            "{editor} exited with {status}; the note is unchanged"
        )),
        Err(error) => Err(format!(
            "cannot run {editor}: {error}; the note is unchanged"
        )),
    }
}
