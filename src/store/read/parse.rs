//! Parsing one data file into its model type, with the problem located.

use ron::error::Error as RonError;
use ron::extensions::Extensions;
use serde::de::DeserializeOwned;

use crate::model::Actor;
use crate::store::scan::{self, Scan};
use crate::store::{Problem, Problems};

/// The largest data file read. An actor file is a few kilobytes; anything
/// near this is a mistake (or an attack), and reading it whole would cost
/// memory and time for nothing.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The ron options every file is read with: `implicit_some` on whether or
/// not the file says so; the recursion limit stays on (a nesting bomb is an
/// error, not a stack overflow).
pub fn options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// One file parsed: the value, where its strings are, and the problems that
/// did not stop it from parsing (control characters).
pub(crate) struct Parsed<T> {
    /// The model value.
    pub value: T,
    /// Where its ids, keys and marks are written.
    pub scan: Scan,
    /// Problems found in a file that parsed.
    pub problems: Vec<Problem>,
}

/// The message for a file over [`MAX_FILE_BYTES`].
pub(crate) fn too_large(len: u64) -> String {
    format!(
        "file is {:.1} MB; the limit is {} MiB",
        len as f64 / 1_000_000.0,
        MAX_FILE_BYTES / (1024 * 1024)
    )
}

/// A problem at `line:column` of `path`. The path is shown with control
/// characters escaped: a file name is data too.
pub(crate) fn problem(path: &str, line: usize, column: usize, message: String) -> Problem {
    Problem {
        path: shown(path),
        line,
        column,
        message,
    }
}

/// Parses one file and scans it for positions and control characters.
pub(crate) fn parse_located<T: DeserializeOwned>(
    path: &str,
    bytes: &[u8],
) -> Result<Parsed<T>, Problem> {
    parse_located_keeping(path, bytes, false)
}

/// As [`parse_located`]; with `for_warnings`, also keeps where each
/// commitment's status and each evidence item's title and date are written,
/// so that warnings can be located (only `validate` asks for them).
pub(crate) fn parse_located_keeping<T: DeserializeOwned>(
    path: &str,
    bytes: &[u8],
    for_warnings: bool,
) -> Result<Parsed<T>, Problem> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(problem(path, 1, 1, too_large(bytes.len() as u64)));
    }
    // Columns are counted after the byte-order mark, as editors count them.
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let valid = &bytes[..error.valid_up_to()];
        // A line ends at `\n`, or at a `\r` that no `\n` follows.
        let ends_line = |i: usize| match valid.get(i) {
            Some(b'\n') => true,
            Some(b'\r') => valid.get(i + 1) != Some(&b'\n'),
            _ => false,
        };
        let line = (0..valid.len()).filter(|i| ends_line(*i)).count() + 1;
        let line_start = (0..valid.len())
            .rfind(|i| ends_line(*i))
            .map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count()
            + 1;
        problem(path, line, column, "not valid UTF-8".into())
    })?;
    // ron counts lines by `\n` alone: a file with CR-only line endings (an
    // old Mac editor's) would get every problem on line 1. Read as LF, which
    // keeps every character's place: one character for one.
    let with_lf;
    let text = if has_lone_cr(text) {
        with_lf = lone_cr_as_lf(text);
        with_lf.as_str()
    } else {
        text
    };
    let value = options().from_str(text).map_err(|error| {
        let start = error.span.start;
        let end = end_of_content(text);
        let reached_end = (error.span.end.line, error.span.end.col) >= end;
        if reached_end && is_plain_syntax(&error.code) {
            let message = format!(
                "unexpected end of file (is it truncated?); {}",
                message(&error.code)
            );
            return problem(path, end.0, end.1, message);
        }
        let (line, column) = match error.code {
            // A value our types refused: ron points at its first character.
            RonError::Message(_) => (start.line, start.col),
            // Otherwise ron points before the whitespace that precedes the
            // offending token; the user wants the token.
            _ => skip_whitespace(text, start.line, start.col),
        };
        problem(path, line, column, message(&error.code))
    })?;
    let mut scan = scan::scan(text);
    let problems = scan
        .strings
        .iter()
        .filter_map(|s| {
            let (c, at) = s.control?;
            let place = if s.map_key {
                "a key".to_string()
            } else {
                match &s.field {
                    Some(field) => format!("`{field}`"),
                    None => "a string".to_string(),
                }
            };
            Some(problem(
                path,
                at.line,
                at.column,
                format!(
                    "control character U+{:04X} in {place}; only notes may hold newlines and tabs, and nothing may hold other control characters",
                    c as u32
                ),
            ))
        })
        .collect();
    // Only what the checks across files locate is kept: ids, milestone
    // ends, commitment keys and reconvening marks; the rest would double
    // the memory a large dataset takes while it is validated.
    scan.strings.retain(|s| {
        s.map_key
            || matches!(s.field.as_deref(), Some("id" | "end"))
            || (for_warnings && matches!(s.field.as_deref(), Some("title" | "date")))
    });
    if for_warnings {
        // Only the positions of titles and dates are needed, not their text.
        for s in &mut scan.strings {
            if !s.map_key && matches!(s.field.as_deref(), Some("title" | "date")) {
                s.value = String::new();
            }
        }
    }
    scan.words
        .retain(|w| w.field == "reconvening" || (for_warnings && w.field == "status"));
    Ok(Parsed {
        value,
        scan,
        problems,
    })
}

/// Whether `text` has a `\r` that is not part of a `\r\n`.
fn has_lone_cr(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes
        .iter()
        .enumerate()
        .any(|(i, b)| *b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
}

/// `text` with each lone `\r` turned into `\n`.
fn lone_cr_as_lf(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// The position just after the last non-whitespace character.
fn end_of_content(text: &str) -> (usize, usize) {
    let content = text.trim_end();
    let line = content.matches('\n').count() + 1;
    let column = content.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Whether the error is about what the next token should have been (and so,
/// at the end of the file, means the file stops early).
fn is_plain_syntax(error: &RonError) -> bool {
    !matches!(
        error,
        RonError::Message(_)
            | RonError::Eof
            | RonError::ExpectedStringEnd
            | RonError::UnclosedBlockComment
            | RonError::ExceededRecursionLimit
            | RonError::MissingStructField { .. }
            | RonError::TrailingCharacters
    )
}

/// The position of the first non-whitespace character at or after
/// `line:column` (on the same or a later line).
fn skip_whitespace(text: &str, line: usize, column: usize) -> (usize, usize) {
    let lines = text.split('\n').enumerate().skip(line.saturating_sub(1));
    for (index, line_text) in lines {
        let from = if index + 1 == line {
            column.saturating_sub(1)
        } else {
            0
        };
        let found = line_text
            .chars()
            .enumerate()
            .skip(from)
            .find(|(_, c)| !c.is_whitespace());
        if let Some((i, _)) = found {
            return (index + 1, i + 1);
        }
    }
    (line, column)
}

/// Parses one file, reporting a syntax or type error at its line and column,
/// and any control character in its strings.
pub fn parse_file<T: DeserializeOwned>(path: &str, bytes: &[u8]) -> Result<T, Problems> {
    match parse_located(path, bytes) {
        Ok(parsed) if parsed.problems.is_empty() => Ok(parsed.value),
        Ok(parsed) => Err(Problems(parsed.problems)),
        Err(problem) => Err(Problems(vec![problem])),
    }
}

/// Parses one actor file.
pub fn parse_actor(path: &str, bytes: &[u8]) -> Result<Actor, Problems> {
    parse_file(path, bytes)
}

/// A type name as the user knows it: `ActorKind` → "actor kind".
fn words(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push(' ');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// A value from the file, safe to print (no control characters).
pub(crate) fn shown(value: &str) -> String {
    value
        .chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn one_of(expected: &[&str]) -> String {
    match expected {
        [] => "nothing is expected here".into(),
        [one] => format!("expected {one}"),
        many => format!("expected one of {}", many.join(", ")),
    }
}

/// A ron error in the words of the data: what is wrong and what would be right.
pub(crate) fn message(error: &RonError) -> String {
    match error {
        RonError::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => format!(
            "unknown {} `{}`; {}",
            outer.as_deref().map_or("variant".into(), words),
            shown(found),
            one_of(expected)
        ),
        RonError::NoSuchStructField {
            expected,
            found,
            outer,
        } => format!(
            "unknown field `{}`{}; {}",
            shown(found),
            outer
                .as_deref()
                .map_or(String::new(), |o| format!(" in {}", words(o))),
            one_of(expected)
        ),
        RonError::MissingStructField { field, outer } => format!(
            "missing field `{field}`{}",
            outer
                .as_deref()
                .map_or(String::new(), |o| format!(" in {}", words(o)))
        ),
        RonError::DuplicateStructField { field, .. } => {
            format!("field `{field}` is given twice")
        }
        RonError::ExpectedNamedStructLike(name) if !name.is_empty() => {
            format!("expected opening `(` of {}", words(name))
        }
        RonError::ExpectedStringEnd => {
            "this string is never closed (is the file truncated?)".into()
        }
        RonError::Eof => "unexpected end of file (is it truncated?)".into(),
        RonError::ExceededRecursionLimit => format!(
            "nested too deeply (more than {} levels)",
            options().recursion_limit.unwrap_or_default()
        ),
        RonError::Message(text) => shown(text),
        RonError::TrailingCharacters => "unexpected text after the end of the value".into(),
        other => {
            // ron's own wording, with the sentence case of the other messages.
            let text = shown(&other.to_string());
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => text,
            }
        }
    }
}
