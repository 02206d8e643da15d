//! A light scanner over RON text that ron itself has already accepted: it
//! finds where fields, strings and map keys are, so that problems ron cannot
//! see (a duplicate id, an unknown recommendation, a control character) are
//! reported at their line and column like the syntax errors are.

/// A 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// A string literal, with where it starts and where its first disallowed
/// control character is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StringLiteral {
    /// The decoded text.
    pub value: String,
    /// The opening quote.
    pub at: Pos,
    /// The struct field it is the value of (the nearest `name:` before it).
    pub field: Option<String>,
    /// Whether it is a map key (followed by `:`).
    pub map_key: bool,
    /// The first control character that is not allowed here, and where.
    pub control: Option<(char, Pos)>,
}

/// A bare word used as a value (`true`, `Implemented`), after a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The word as written.
    pub text: String,
    /// Where it starts.
    pub at: Pos,
    /// The struct field it is the value of.
    pub field: String,
}

/// What the scanner found in one file.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Scan {
    /// Every string literal, in the order written.
    pub strings: Vec<StringLiteral>,
    /// Every bare word that is a field's value, in the order written.
    pub words: Vec<Word>,
}

impl Scan {
    /// The string values of `field`, in the order they appear.
    pub fn field_values<'a>(&'a self, field: &'a str) -> impl Iterator<Item = &'a StringLiteral> {
        self.strings
            .iter()
            .filter(move |s| !s.map_key && s.field.as_deref() == Some(field))
    }

    /// The map keys, in the order they appear.
    pub fn map_keys(&self) -> impl Iterator<Item = &StringLiteral> {
        self.strings.iter().filter(|s| s.map_key)
    }
}

/// Whether `c` may appear in a string of `field`: no control characters,
/// except newlines and tabs in notes (the TUI wraps those itself).
pub fn is_allowed(c: char, field: Option<&str>) -> bool {
    !c.is_control() || (field == Some("note") && (c == '\n' || c == '\t'))
}

enum Token {
    Ident(String, Pos),
    Str(String, Pos, Option<(char, Pos)>),
    Punct(char),
}

struct Cursor<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    pos: Pos,
}

impl Cursor<'_> {
    fn peek(&mut self) -> Option<char> {
        self.chars.peek().copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        if c == '\n' {
            self.pos.line += 1;
            self.pos.column = 1;
        } else {
            self.pos.column += 1;
        }
        Some(c)
    }

    fn skip_block_comment(&mut self) {
        let mut depth = 1usize;
        while depth > 0 {
            match self.bump() {
                None => return,
                Some('*') if self.peek() == Some('/') => {
                    self.bump();
                    depth -= 1;
                }
                Some('/') if self.peek() == Some('*') => {
                    self.bump();
                    depth += 1;
                }
                Some(_) => {}
            }
        }
    }

    /// Reads a `"…"` string after its opening quote, decoding escapes and
    /// noting the first control character with where it was written.
    fn quoted(&mut self, field: Option<&str>) -> (String, Option<(char, Pos)>) {
        let mut value = String::new();
        let mut control = None;
        let note = |c: char, at: Pos, control: &mut Option<(char, Pos)>| {
            if control.is_none() && !is_allowed(c, field) {
                *control = Some((c, at));
            }
        };
        while let Some(c) = self.peek() {
            let at = self.pos;
            self.bump();
            match c {
                '"' => break,
                '\\' => {
                    let decoded = self.escape();
                    for d in decoded.chars() {
                        note(d, at, &mut control);
                    }
                    value.push_str(&decoded);
                }
                c => {
                    note(c, at, &mut control);
                    value.push(c);
                }
            }
        }
        (value, control)
    }

    fn hex(&mut self, digits: usize) -> u32 {
        let mut n = 0u32;
        for _ in 0..digits {
            match self.peek().and_then(|c| c.to_digit(16)) {
                Some(d) => {
                    self.bump();
                    n = n.saturating_mul(16).saturating_add(d);
                }
                None => break,
            }
        }
        n
    }

    /// Decodes one escape after its backslash (ron's escapes: `\xHH`, which
    /// may chain to build one UTF-8 character, and `\u{…}` among them).
    fn escape(&mut self) -> String {
        match self.bump() {
            Some('n') => "\n".into(),
            Some('r') => "\r".into(),
            Some('t') => "\t".into(),
            Some('0') => "\0".into(),
            Some('x') => {
                let mut bytes = vec![self.hex(2) as u8];
                while std::str::from_utf8(&bytes).is_err() && bytes.len() < 4 {
                    if self.peek() != Some('\\') {
                        break;
                    }
                    self.bump();
                    self.bump();
                    bytes.push(self.hex(2) as u8);
                }
                String::from_utf8_lossy(&bytes).into_owned()
            }
            Some('u') => {
                if self.peek() == Some('{') {
                    self.bump();
                }
                let n = self.hex(6);
                if self.peek() == Some('}') {
                    self.bump();
                }
                char::from_u32(n).map(String::from).unwrap_or_default()
            }
            Some(c) => c.into(),
            None => String::new(),
        }
    }

    /// Reads a raw string `r#"…"#` after its `r`.
    fn raw(&mut self, field: Option<&str>) -> (String, Option<(char, Pos)>) {
        let mut hashes = 0;
        while self.peek() == Some('#') {
            self.bump();
            hashes += 1;
        }
        self.bump(); // the opening quote
        let mut value = String::new();
        let mut control = None;
        'outer: while let Some(c) = self.peek() {
            let at = self.pos;
            self.bump();
            if c == '"' {
                let mut seen = 0;
                while seen < hashes && self.peek() == Some('#') {
                    self.bump();
                    seen += 1;
                }
                if seen == hashes {
                    break 'outer;
                }
                value.push('"');
                value.extend(std::iter::repeat_n('#', seen));
                continue;
            }
            if control.is_none() && !is_allowed(c, field) {
                control = Some((c, at));
            }
            value.push(c);
        }
        (value, control)
    }
}

/// Scans RON text (without its BOM) that parsed successfully.
pub fn scan(text: &str) -> Scan {
    let mut cursor = Cursor {
        chars: text.chars().peekable(),
        pos: Pos { line: 1, column: 1 },
    };
    let mut tokens = Vec::new();
    // The field a string belongs to is the nearest `name:` before it; the
    // tokenizer needs it to know whether newlines are allowed.
    let mut field: Option<String> = None;
    let mut pending_ident: Option<String> = None;
    while let Some(c) = cursor.peek() {
        let at = cursor.pos;
        match c {
            '/' => {
                cursor.bump();
                match cursor.peek() {
                    Some('/') => {
                        while cursor.peek().is_some_and(|c| c != '\n') {
                            cursor.bump();
                        }
                    }
                    Some('*') => {
                        cursor.bump();
                        cursor.skip_block_comment();
                    }
                    _ => tokens.push(Token::Punct('/')),
                }
            }
            '"' => {
                cursor.bump();
                let (value, control) = cursor.quoted(field.as_deref());
                tokens.push(Token::Str(value, at, control));
                pending_ident = None;
            }
            '\'' => {
                cursor.bump();
                while let Some(c) = cursor.bump() {
                    match c {
                        '\\' => {
                            cursor.escape();
                        }
                        '\'' => break,
                        _ => {}
                    }
                }
                tokens.push(Token::Punct('\''));
            }
            c if c.is_alphabetic() || c == '_' => {
                let mut ident = String::new();
                while let Some(c) = cursor.peek().filter(|c| c.is_alphanumeric() || *c == '_') {
                    ident.push(c);
                    cursor.bump();
                }
                let raw_string = matches!(ident.as_str(), "r" | "br")
                    && matches!(cursor.peek(), Some('"') | Some('#'));
                if raw_string && (cursor.peek() == Some('"') || raw_hashes_then_quote(&cursor)) {
                    let (value, control) = cursor.raw(field.as_deref());
                    tokens.push(Token::Str(value, at, control));
                    pending_ident = None;
                } else if ident == "b" && cursor.peek() == Some('"') {
                    cursor.bump();
                    let (value, control) = cursor.quoted(field.as_deref());
                    tokens.push(Token::Str(value, at, control));
                    pending_ident = None;
                } else {
                    if ident == "r" && cursor.peek() == Some('#') {
                        cursor.bump();
                        ident.clear();
                        while let Some(c) =
                            cursor.peek().filter(|c| c.is_alphanumeric() || *c == '_')
                        {
                            ident.push(c);
                            cursor.bump();
                        }
                    }
                    pending_ident = Some(ident.clone());
                    tokens.push(Token::Ident(ident, at));
                }
            }
            ':' => {
                cursor.bump();
                if let Some(name) = pending_ident.take() {
                    field = Some(name);
                }
                tokens.push(Token::Punct(':'));
            }
            c if c.is_whitespace() => {
                cursor.bump();
            }
            c => {
                cursor.bump();
                pending_ident = None;
                tokens.push(Token::Punct(c));
            }
        }
    }
    assemble(tokens)
}

fn raw_hashes_then_quote(cursor: &Cursor<'_>) -> bool {
    let mut ahead = cursor.chars.clone();
    while ahead.peek() == Some(&'#') {
        ahead.next();
    }
    ahead.peek() == Some(&'"')
}

/// Turns tokens into strings and words with the field each belongs to.
fn assemble(tokens: Vec<Token>) -> Scan {
    let mut scan = Scan::default();
    let mut field: Option<String> = None;
    let mut iter = tokens.into_iter().peekable();
    while let Some(token) = iter.next() {
        let followed_by_colon = matches!(iter.peek(), Some(Token::Punct(':')));
        match token {
            Token::Ident(name, _) if followed_by_colon => field = Some(name),
            Token::Ident(text, at) => {
                if let Some(field) = &field {
                    scan.words.push(Word {
                        text,
                        at,
                        field: field.clone(),
                    });
                }
            }
            Token::Str(value, at, control) => scan.strings.push(StringLiteral {
                value,
                at,
                field: field.clone(),
                map_key: followed_by_colon,
                control,
            }),
            Token::Punct(_) => {}
        }
    }
    scan
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_know_their_field_and_position() {
        let scan = scan(
            "(\n    id: \"x\",\n    commitments: {\n        \"a\": (status: Endorsed),\n    },\n)",
        );
        let id = scan
            .field_values("id")
            .next()
            .map(|s| (s.value.as_str(), s.at));
        assert_eq!(id, Some(("x", Pos { line: 2, column: 9 })));
        let keys: Vec<_> = scan.map_keys().map(|s| (s.value.as_str(), s.at)).collect();
        assert_eq!(keys, vec![("a", Pos { line: 4, column: 9 })]);
        assert_eq!(scan.words[0].text, "Endorsed");
        assert_eq!(scan.words[0].field, "status");
    }

    #[test]
    fn comments_and_raw_strings_are_skipped_or_read_whole() {
        let scan =
            scan("// id: \"no\"\n/* \"no\" /* nested */ */ (id: r#\"a\"b\"#, t: \"\\u{1b}[2J\")");
        let values: Vec<_> = scan.strings.iter().map(|s| s.value.as_str()).collect();
        assert_eq!(values, vec!["a\"b", "\u{1b}[2J"]);
        assert_eq!(
            scan.strings[1].control,
            Some((
                '\u{1b}',
                Pos {
                    line: 2,
                    column: 44
                }
            ))
        );
    }

    #[test]
    fn newlines_are_allowed_in_notes_only() {
        let scan = scan("(note: \"a\\nb\\tc\", title: \"a\\nb\")");
        assert_eq!(scan.strings[0].control, None);
        assert_eq!(
            scan.strings[1].control,
            Some((
                '\n',
                Pos {
                    line: 1,
                    column: 28
                }
            ))
        );
    }

    #[test]
    fn chained_byte_escapes_make_one_character() {
        let scan = scan("(t: \"\\xc3\\xa9\\x1b\")");
        assert_eq!(scan.strings[0].value, "é\u{1b}");
    }
}
