//! A text being typed: one line (a title, a commit message) or several (a
//! note), with the editing keys users expect from a shell or an editor.

use super::input::{Key, KeyCode};

/// Editable text with a cursor. Positions count characters, not bytes, so
/// accented names and non-Latin scripts edit correctly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextInput {
    lines: Vec<String>,
    row: usize,
    column: usize,
    multiline: bool,
}

/// An empty one-line input: never without a line for the cursor to be on.
impl Default for TextInput {
    fn default() -> TextInput {
        TextInput::single_line("")
    }
}

impl TextInput {
    /// A one-line input holding `text` (newlines become spaces).
    pub fn single_line(text: &str) -> TextInput {
        let mut input = TextInput {
            lines: vec![String::new()],
            row: 0,
            column: 0,
            multiline: false,
        };
        input.set_text(text);
        input
    }

    /// A multi-line input holding `text`.
    pub fn multi_line(text: &str) -> TextInput {
        let mut input = TextInput {
            lines: vec![String::new()],
            row: 0,
            column: 0,
            multiline: true,
        };
        input.set_text(text);
        input
    }

    /// Replaces the text, putting the cursor at its end.
    pub fn set_text(&mut self, text: &str) {
        self.lines = if self.multiline {
            text.replace("\r\n", "\n")
                .split('\n')
                .map(String::from)
                .collect()
        } else {
            vec![text.replace(['\r', '\n'], " ")]
        };
        self.row = self.lines.len() - 1;
        self.column = self.lines[self.row].chars().count();
    }

    /// The text, lines joined with `\n`.
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    /// The lines as typed.
    pub fn lines(&self) -> &[String] {
        &self.lines
    }

    /// The cursor as (line, character in line).
    pub fn cursor(&self) -> (usize, usize) {
        (self.row, self.column)
    }

    /// Applies an editing key; returns whether the key was an editing key
    /// (the caller handles the rest: Tab, Esc, Ctrl-S ...).
    pub fn handle(&mut self, key: Key) -> bool {
        if let Some(c) = key.text() {
            self.insert(c);
            return true;
        }
        match (key.code, key.ctrl) {
            (KeyCode::Enter, false) if self.multiline => self.newline(),
            (KeyCode::Backspace, _) | (KeyCode::Char('h'), true) => self.backspace(),
            (KeyCode::Delete, _) | (KeyCode::Char('d'), true) => self.delete(),
            (KeyCode::Left, _) | (KeyCode::Char('b'), true) => self.left(),
            (KeyCode::Right, _) | (KeyCode::Char('f'), true) => self.right(),
            (KeyCode::Up, _) if self.multiline && self.row > 0 => self.vertical(-1),
            (KeyCode::Down, _) if self.multiline && self.row + 1 < self.lines.len() => {
                self.vertical(1)
            }
            (KeyCode::Home, _) | (KeyCode::Char('a'), true) => self.column = 0,
            (KeyCode::End, _) => self.column = self.line_len(),
            (KeyCode::Char('u'), true) => {
                let rest = self.lines[self.row].chars().skip(self.column).collect();
                self.lines[self.row] = rest;
                self.column = 0;
            }
            (KeyCode::Char('k'), true) => {
                let kept = self.lines[self.row].chars().take(self.column).collect();
                self.lines[self.row] = kept;
            }
            (KeyCode::Char('w'), true) => self.delete_word(),
            _ => return false,
        }
        true
    }

    fn line_len(&self) -> usize {
        self.lines[self.row].chars().count()
    }

    fn byte_at(&self, column: usize) -> usize {
        let line = &self.lines[self.row];
        line.char_indices()
            .nth(column)
            .map_or(line.len(), |(i, _)| i)
    }

    fn insert(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        let at = self.byte_at(self.column);
        self.lines[self.row].insert(at, c);
        self.column += 1;
    }

    fn newline(&mut self) {
        let at = self.byte_at(self.column);
        let rest = self.lines[self.row].split_off(at);
        self.lines.insert(self.row + 1, rest);
        self.row += 1;
        self.column = 0;
    }

    fn backspace(&mut self) {
        if self.column > 0 {
            self.column -= 1;
            let at = self.byte_at(self.column);
            self.lines[self.row].remove(at);
        } else if self.row > 0 {
            let line = self.lines.remove(self.row);
            self.row -= 1;
            self.column = self.line_len();
            self.lines[self.row].push_str(&line);
        }
    }

    fn delete(&mut self) {
        if self.column < self.line_len() {
            let at = self.byte_at(self.column);
            self.lines[self.row].remove(at);
        } else if self.row + 1 < self.lines.len() {
            let next = self.lines.remove(self.row + 1);
            self.lines[self.row].push_str(&next);
        }
    }

    fn delete_word(&mut self) {
        let chars: Vec<char> = self.lines[self.row].chars().collect();
        let mut start = self.column;
        while start > 0 && chars[start - 1] == ' ' {
            start -= 1;
        }
        while start > 0 && chars[start - 1] != ' ' {
            start -= 1;
        }
        let kept: String = chars[..start].iter().chain(&chars[self.column..]).collect();
        self.lines[self.row] = kept;
        self.column = start;
    }

    fn left(&mut self) {
        if self.column > 0 {
            self.column -= 1;
        } else if self.row > 0 {
            self.row -= 1;
            self.column = self.line_len();
        }
    }

    fn right(&mut self) {
        if self.column < self.line_len() {
            self.column += 1;
        } else if self.row + 1 < self.lines.len() {
            self.row += 1;
            self.column = 0;
        }
    }

    fn vertical(&mut self, by: isize) {
        self.row = self.row.saturating_add_signed(by);
        self.column = self.column.min(self.line_len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(input: &mut TextInput, text: &str) {
        for c in text.chars() {
            if c == '\n' {
                input.handle(Key::plain(KeyCode::Enter));
            } else {
                input.handle(Key::char(c));
            }
        }
    }

    #[test]
    fn typing_and_editing_a_note_across_lines() {
        let mut note = TextInput::multi_line("");
        typed(&mut note, "Sanctions in forse\nsince 2024");
        assert_eq!(note.text(), "Sanctions in forse\nsince 2024");
        // Back up to the typo on the first line and fix it.
        note.handle(Key::plain(KeyCode::Up));
        note.handle(Key::plain(KeyCode::End));
        note.handle(Key::plain(KeyCode::Left));
        note.handle(Key::plain(KeyCode::Backspace));
        note.handle(Key::char('c'));
        assert_eq!(note.text(), "Sanctions in force\nsince 2024");
        // Backspace at the start of a line joins it to the one above.
        note.handle(Key::plain(KeyCode::Down));
        note.handle(Key::plain(KeyCode::Home));
        note.handle(Key::plain(KeyCode::Backspace));
        assert_eq!(note.text(), "Sanctions in forcesince 2024");
    }

    #[test]
    fn a_single_line_input_ignores_enter_and_flattens_pasted_newlines() {
        let mut title = TextInput::single_line("a\nb");
        assert_eq!(title.text(), "a b");
        assert!(!title.handle(Key::plain(KeyCode::Enter)));
        assert_eq!(title.lines().len(), 1);
    }

    #[test]
    fn cursor_moves_by_characters_not_bytes() {
        let mut name = TextInput::single_line("Côte d’Ivoire");
        name.handle(Key::plain(KeyCode::Home));
        name.handle(Key::plain(KeyCode::Right));
        name.handle(Key::plain(KeyCode::Right));
        name.handle(Key::plain(KeyCode::Delete));
        assert_eq!(name.text(), "Côe d’Ivoire");
        name.handle(Key::ctrl('w'));
        assert_eq!(name.text(), "e d’Ivoire");
        name.handle(Key::ctrl('k'));
        assert_eq!(name.text(), "");
    }

    #[test]
    fn control_characters_are_never_inserted() {
        let mut input = TextInput::single_line("");
        input.handle(Key::char('\u{1b}'));
        assert_eq!(input.text(), "");
    }

    #[test]
    fn a_default_input_takes_keys_like_an_empty_line() {
        let mut query = TextInput::default();
        for key in [Key::char('u'), Key::char('k'), Key::plain(KeyCode::Left)] {
            query.handle(key);
        }
        query.handle(Key::plain(KeyCode::Backspace));
        assert_eq!(query.text(), "k");
        assert_eq!(query.cursor(), (0, 0));
    }
}
