//! Following the evidence from the terminal: drawn links made clickable
//! (OSC 8), a link put on the clipboard (OSC 52), a link handed to the
//! user's opener, and the history read for the last-change sort. Every
//! address here has been through [`crate::app::link::web_link`]: `http` or
//! `https`, with no character that could end a terminal sequence.

use std::ffi::OsString;
use std::io::Write;

use ratatui::buffer::Buffer;

use crate::app::Action;
use crate::app::link::{LinkSpot, web_link};
use crate::store::DatasetLocation;

/// Whether this terminal is one to send OSC 8 to. Terminals that do not
/// know it ignore it, but the Linux console and old VTs may print it: they
/// get none, as do terminals run with only the basic colours.
pub fn terminal_takes_hyperlinks(basic: bool, var: impl Fn(&str) -> Option<String>) -> bool {
    let term = var("TERM").unwrap_or_default();
    !(basic || term.is_empty() || term == "dumb" || term == "linux" || term.starts_with("vt"))
}

/// The bytes that draw `spots` again over the cells `buffer` holds for
/// them, each wrapped in an OSC 8 hyperlink and underlined. The text comes
/// from the buffer, so widths cannot change; only the link is added.
pub fn hyperlinks(buffer: &Buffer, spots: &[LinkSpot]) -> String {
    let mut out = String::new();
    for spot in spots {
        let Some(url) = web_link(&spot.url) else {
            continue;
        };
        let mut text = String::new();
        for x in spot.x..spot.x.saturating_add(spot.width) {
            let Some(cell) = buffer.cell((x, spot.y)) else {
                break;
            };
            text.push_str(cell.symbol());
        }
        if text.is_empty() || text.chars().any(char::is_control) {
            continue;
        }
        out.push_str(&format!(
            "\u{1b}[{};{}H\u{1b}[4m\u{1b}]8;;{url}\u{1b}\\{text}\u{1b}]8;;\u{1b}\\\u{1b}[24m",
            spot.y + 1,
            spot.x + 1
        ));
    }
    out
}

/// Writes the links of the frame just drawn as hyperlinks.
pub fn make_clickable(buffer: &Buffer, spots: &[LinkSpot]) {
    let bytes = hyperlinks(buffer, spots);
    if bytes.is_empty() {
        return;
    }
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(bytes.as_bytes());
    let _ = out.flush();
}

/// The OSC 52 sequence that puts `url` on the clipboard.
pub fn clipboard_sequence(url: &str) -> Option<String> {
    let url = web_link(url)?;
    Some(format!("\u{1b}]52;c;{}\u{1b}\\", base64(url.as_bytes())))
}

/// Puts `url` on the terminal's clipboard (OSC 52); the status line says so.
pub fn copy(url: &str) -> Action {
    let Some(sequence) = clipboard_sequence(url) else {
        return Action::Notice("Not copied: that is not a web link".into());
    };
    let mut out = std::io::stdout().lock();
    let written = out
        .write_all(sequence.as_bytes())
        .and_then(|()| out.flush());
    Action::Notice(match written {
        // The address itself is on screen; the line says how it travelled.
        Ok(()) => "Copied the link (through the terminal, OSC 52)".to_string(),
        Err(error) => format!("Could not copy the link: {error}"),
    })
}

/// Opens `url` with the user's opener, only in a local session: over SSH
/// a browser would open on the server, out of the user's sight.
pub fn open(url: &str, var: impl Fn(&str) -> Option<OsString>) -> Action {
    let Some(url) = web_link(url) else {
        return Action::Notice("Not opened: that is not a web link".into());
    };
    if let Some(name) = ["SSH_CONNECTION", "SSH_TTY"]
        .into_iter()
        .find(|name| var(name).is_some_and(|v| !v.is_empty()))
    {
        return Action::Notice(format!(
            "Not opened over SSH ({name} is set): copy or click the link"
        ));
    }
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let spawned = std::process::Command::new(opener)
        .arg(&url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match spawned {
        Ok(mut child) => {
            // Reaped in the background, so no zombie stays behind.
            std::thread::spawn(move || child.wait());
            Action::Notice(format!("Opened the link with {opener}"))
        }
        Err(error) => Action::Notice(format!("Could not run {opener}: {error}")),
    }
}

/// Reads, on a thread of its own (never the save worker, whose queue a
/// first build of the history index would hold up), when each actor last
/// changed, and hands the answer to `send`.
pub fn read_last_changes(location: DatasetLocation, send: impl FnOnce(Action) + Send + 'static) {
    std::thread::spawn(move || {
        use crate::store::history::History;
        let read = History::open(&location)
            .and_then(|history| history.last_touches(&mut |_| {}))
            .map_err(|error| error.to_string());
        send(Action::LastChangesLoaded(Box::new(read)));
    });
}

/// Standard base64 with padding, as OSC 52 wants it.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                let sextet = ((n >> shift) & 63) as usize;
                out.push(char::from(ALPHABET.get(sextet).copied().unwrap_or(b'A')));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"https://x.org"), "aHR0cHM6Ly94Lm9yZw==");
    }

    #[test]
    fn a_drawn_link_is_wrapped_in_osc_8_with_the_text_the_cells_hold() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 30, 2));
        buffer.set_string(2, 1, "https://x.org/a", Style::new());
        let spot = |url: &str| LinkSpot {
            x: 2,
            y: 1,
            width: 15,
            url: url.into(),
        };
        assert_eq!(
            hyperlinks(&buffer, &[spot("https://x.org/a")]),
            "\u{1b}[2;3H\u{1b}[4m\u{1b}]8;;https://x.org/a\u{1b}\\https://x.org/a\u{1b}]8;;\u{1b}\\\u{1b}[24m"
        );
        assert_eq!(hyperlinks(&buffer, &[spot("javascript:alert(1)")]), "");
    }

    #[test]
    fn only_web_links_reach_the_clipboard_or_the_opener() {
        assert_eq!(
            clipboard_sequence("https://x.org").as_deref(),
            Some("\u{1b}]52;c;aHR0cHM6Ly94Lm9yZw==\u{1b}\\")
        );
        assert_eq!(clipboard_sequence("javascript:alert(1)"), None);
        let refused = open("javascript:alert(1)", |_| None);
        assert_eq!(
            refused,
            Action::Notice("Not opened: that is not a web link".into())
        );
        let remote = open("https://x.org", |name| {
            (name == "SSH_TTY").then(|| OsString::from("/dev/pts/3"))
        });
        assert_eq!(
            remote,
            Action::Notice("Not opened over SSH (SSH_TTY is set): copy or click the link".into())
        );
    }

    #[test]
    fn the_linux_console_and_basic_terminals_get_no_hyperlinks() {
        let term = |t: &'static str| move |n: &str| (n == "TERM").then(|| t.to_string());
        assert!(terminal_takes_hyperlinks(false, term("xterm-256color")));
        assert!(terminal_takes_hyperlinks(false, term("tmux-256color")));
        assert!(!terminal_takes_hyperlinks(false, term("linux")));
        assert!(!terminal_takes_hyperlinks(false, term("vt100")));
        assert!(!terminal_takes_hyperlinks(true, term("xterm")));
    }
}
