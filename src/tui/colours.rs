//! Colour sequences a 16-colour terminal understands. crossterm writes
//! every colour as a 256-colour index (`ESC[38;5;4m`, even for plain blue),
//! which a VT100 or the Linux console shows wrongly or not at all. On such a
//! terminal this writer rewrites the eight basic colours to the classic
//! codes (`ESC[34m`) and drops any other to the default colour.

use std::io::{self, Write};

/// A writer passing the output through, rewriting 256-colour SGR sequences
/// to basic ones when `basic` is set.
pub struct BasicColours<W: Write> {
    inner: W,
    basic: bool,
    /// An escape sequence begun but not yet ended (it may span writes).
    pending: Vec<u8>,
}

impl<W: Write> BasicColours<W> {
    /// Wraps `inner`; with `basic` false, bytes pass through unchanged.
    pub fn new(inner: W, basic: bool) -> Self {
        BasicColours {
            inner,
            basic,
            pending: Vec::new(),
        }
    }

    /// The SGR parameters `params` (between `ESC[` and `m`) with each
    /// `38;5;n` / `48;5;n` (and `;2;r;g;b`) made a basic colour or the default.
    fn rewrite(params: &str) -> String {
        let numbers: Vec<&str> = params.split(';').collect();
        let mut out: Vec<String> = Vec::new();
        let mut i = 0;
        while let Some(&n) = numbers.get(i) {
            let index = numbers.get(i + 2).and_then(|v| v.parse::<u16>().ok());
            match (n, numbers.get(i + 1).copied()) {
                ("38" | "48", Some("5")) => {
                    let base = if n == "38" { 30 } else { 40 };
                    out.push(match index {
                        Some(c) if c < 8 => (base + c).to_string(),
                        Some(c) if c < 16 => (base + c - 8).to_string(),
                        _ => (base + 9).to_string(),
                    });
                    i += 3;
                }
                ("38" | "48", Some("2")) => {
                    out.push(if n == "38" { "39" } else { "49" }.to_string());
                    i += 5;
                }
                _ => {
                    out.push(n.to_string());
                    i += 1;
                }
            }
        }
        out.join(";")
    }

    /// Writes the pending sequence, rewritten if it is an SGR.
    fn finish_sequence(&mut self) -> io::Result<()> {
        let sequence = std::mem::take(&mut self.pending);
        match std::str::from_utf8(&sequence) {
            Ok(text) if text.len() >= 3 && text.starts_with("\u{1b}[") && text.ends_with('m') => {
                let params = &text[2..text.len() - 1];
                write!(self.inner, "\u{1b}[{}m", Self::rewrite(params))
            }
            _ => self.inner.write_all(&sequence),
        }
    }
}

impl<W: Write> Write for BasicColours<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if !self.basic {
            return self.inner.write(bytes);
        }
        let mut plain_from = 0;
        for (i, &byte) in bytes.iter().enumerate() {
            if self.pending.is_empty() {
                if byte == 0x1b {
                    self.inner.write_all(&bytes[plain_from..i])?;
                    self.pending.push(byte);
                }
                continue;
            }
            self.pending.push(byte);
            let ended = match self.pending.len() {
                // ESC then anything but '[' is not a CSI: pass it on.
                2 => byte != b'[',
                _ => (0x40..=0x7e).contains(&byte),
            };
            if ended {
                self.finish_sequence()?;
                plain_from = i + 1;
            }
        }
        if self.pending.is_empty() {
            self.inner
                .write_all(&bytes[plain_from.min(bytes.len())..])?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// The terminal the runner draws on: crossterm over standard output,
/// through [`BasicColours`].
pub type Screen = ratatui::Terminal<ratatui::backend::CrosstermBackend<BasicColours<io::Stdout>>>;

/// Sets the terminal up as `ratatui::try_init` does (a panic hook that
/// restores it, raw mode, the alternate screen), writing basic colour
/// sequences when `basic` is set.
pub fn init(basic: bool) -> io::Result<Screen> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        super::screen::leave();
        ratatui::restore();
        hook(info);
    }));
    ratatui::crossterm::terminal::enable_raw_mode()?;
    ratatui::crossterm::execute!(
        io::stdout(),
        ratatui::crossterm::terminal::EnterAlternateScreen
    )?;
    let backend = ratatui::backend::CrosstermBackend::new(BasicColours::new(io::stdout(), basic));
    ratatui::Terminal::new(backend)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(basic: bool, chunks: &[&str]) -> String {
        let mut writer = BasicColours::new(Vec::new(), basic);
        for chunk in chunks {
            writer.write_all(chunk.as_bytes()).expect("written");
        }
        String::from_utf8(writer.inner).expect("utf-8")
    }

    #[test]
    fn basic_colours_are_written_the_classic_way_and_others_dropped() {
        let out = through(true, &["a\u{1b}[38;5;4mb\u{1b}[48;5;2m", "c\u{1b}[39m"]);
        assert_eq!(out, "a\u{1b}[34mb\u{1b}[42mc\u{1b}[39m");
        assert_eq!(through(true, &["\u{1b}[38;5;200mx"]), "\u{1b}[39mx");
        assert_eq!(
            through(true, &["\u{1b}[1;38;2;1;2;3;7mx"]),
            "\u{1b}[1;39;7mx"
        );
        // A sequence split across writes, and cursor moves untouched.
        let split = through(true, &["é\u{1b}[38;", "5;1m", "\u{1b}[3;4H·"]);
        assert_eq!(split, "é\u{1b}[31m\u{1b}[3;4H·");
    }

    #[test]
    fn without_basic_everything_passes_through() {
        let text = "\u{1b}[38;5;4mblue";
        assert_eq!(through(false, &[text]), text);
    }
}
