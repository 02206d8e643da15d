//! RON's tokens by byte range: just enough to find the commitments map
//! and its entries in a file, past comments and strings.

/// A `"…"` literal's content when it holds no escape (ids are slugs), or a
/// raw string's content.
pub(super) fn plain_string(literal: &str) -> Option<String> {
    if let Some(inner) = literal.strip_prefix('"') {
        let inner = inner.strip_suffix('"')?;
        return (!inner.contains('\\')).then(|| inner.to_string());
    }
    let rest = literal.strip_prefix('r')?;
    let hashes = rest.len() - rest.trim_start_matches('#').len();
    let inner = rest.get(hashes..rest.len().checked_sub(hashes)?)?;
    inner
        .strip_prefix('"')?
        .strip_suffix('"')
        .map(str::to_string)
}

/// What a token is, as far as finding the commitments goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Str,
    Ident,
    Open(char),
    Close(char),
    Punct(char),
}

/// One token: its kind and its byte range in the text.
#[derive(Debug, Clone, Copy)]
pub(super) struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

/// RON's tokens by byte range, with comments and whitespace left out.
/// Only what finding the commitments needs is told apart.
pub(super) fn tokens(text: &str) -> Result<Vec<Token>, String> {
    let is_eol = |c: char| c == '\n' || c == '\r';
    let bytes: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| bytes.get(i).map(|(_, c)| *c);
    let offset = |i: usize| bytes.get(i).map_or(text.len(), |(o, _)| *o);
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(c) = at(i) {
        let start = offset(i);
        match c {
            c if c.is_whitespace() => i += 1,
            '/' if at(i + 1) == Some('/') => {
                while at(i).is_some_and(|c| !is_eol(c)) {
                    i += 1;
                }
            }
            '/' if at(i + 1) == Some('*') => {
                i += 2;
                let mut depth = 1;
                while depth > 0 {
                    match (at(i), at(i + 1)) {
                        (None, _) => return Err("a comment is never closed".into()),
                        (Some('*'), Some('/')) => {
                            depth -= 1;
                            i += 2;
                        }
                        (Some('/'), Some('*')) => {
                            depth += 1;
                            i += 2;
                        }
                        _ => i += 1,
                    }
                }
            }
            '"' => {
                i += 1;
                loop {
                    match at(i) {
                        None => return Err("a string is never closed".into()),
                        Some('\\') => i += 2,
                        Some('"') => break,
                        Some(_) => i += 1,
                    }
                }
                i += 1;
                out.push(Token {
                    kind: Kind::Str,
                    start,
                    end: offset(i),
                });
            }
            '\'' => {
                i += 1;
                loop {
                    match at(i) {
                        None => return Err("a character is never closed".into()),
                        Some('\\') => i += 2,
                        Some('\'') => break,
                        Some(_) => i += 1,
                    }
                }
                i += 1;
                out.push(Token {
                    kind: Kind::Punct('\''),
                    start,
                    end: offset(i),
                });
            }
            'r' if matches!(at(i + 1), Some('"' | '#')) && raw_string_ahead(&bytes, i + 1) => {
                i += 1;
                let mut hashes = 0;
                while at(i) == Some('#') {
                    hashes += 1;
                    i += 1;
                }
                i += 1; // the opening quote
                loop {
                    match at(i) {
                        None => return Err("a raw string is never closed".into()),
                        Some('"') if (1..=hashes).all(|n| at(i + n) == Some('#')) => {
                            i += 1 + hashes;
                            break;
                        }
                        Some(_) => i += 1,
                    }
                }
                out.push(Token {
                    kind: Kind::Str,
                    start,
                    end: offset(i),
                });
            }
            c if c.is_alphanumeric() || c == '_' => {
                while at(i).is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    i += 1;
                }
                out.push(Token {
                    kind: Kind::Ident,
                    start,
                    end: offset(i),
                });
            }
            c => {
                i += 1;
                let kind = match c {
                    '(' | '[' | '{' => Kind::Open(c),
                    ')' | ']' | '}' => Kind::Close(c),
                    c => Kind::Punct(c),
                };
                out.push(Token {
                    kind,
                    start,
                    end: offset(i),
                });
            }
        }
    }
    Ok(out)
}

/// Whether `#`s then a quote start at `i` (so an `r` before them opens a
/// raw string rather than naming something).
fn raw_string_ahead(chars: &[(usize, char)], mut i: usize) -> bool {
    while chars.get(i).map(|(_, c)| *c) == Some('#') {
        i += 1;
    }
    chars.get(i).map(|(_, c)| *c) == Some('"')
}
