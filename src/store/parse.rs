//! Parsing one data file into its model type, with the problem located.

use ron::extensions::Extensions;
use serde::de::DeserializeOwned;

use super::{Problem, Problems};
use crate::model::Actor;

/// The ron options every file is read with: `implicit_some` on whether or
/// not the file says so; the recursion limit stays on (a nesting bomb is an
/// error, not a stack overflow).
pub fn options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Parses one file, reporting a syntax or type error at its line and column.
pub fn parse_file<T: DeserializeOwned>(path: &str, bytes: &[u8]) -> Result<T, Problems> {
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let valid = &bytes[..error.valid_up_to()];
        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count()
            + 1;
        Problems(vec![Problem {
            path: path.into(),
            line,
            column,
            message: "not valid UTF-8".into(),
        }])
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    options().from_str(text).map_err(|error| {
        Problems(vec![Problem {
            path: path.into(),
            line: error.span.start.line,
            column: error.span.start.col,
            message: error.code.to_string(),
        }])
    })
}

/// Parses one actor file.
pub fn parse_actor(path: &str, bytes: &[u8]) -> Result<Actor, Problems> {
    parse_file(path, bytes)
}
