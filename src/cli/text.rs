//! Making data safe and tidy to print: no control sequence from a data file
//! reaches the terminal, and columns stay aligned whatever the names hold.

use std::borrow::Cow;

/// What a character that could move the cursor, recolour the terminal or
/// reorder the line is printed as.
const REPLACEMENT: char = '\u{fffd}';

use crate::model::is_unprintable as is_unsafe;

/// `text` with line breaks and tabs as spaces and every other unsafe
/// character replaced, borrowed when there was nothing to replace.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\n' | '\r' | '\t' => ' ',
                c if is_unsafe(c) => REPLACEMENT,
                c => c,
            })
            .collect(),
    )
}

/// The columns `text` takes on a terminal (it must already be sanitised);
/// the tests measure the table's alignment with it.
#[cfg(test)]
pub fn width(text: &str) -> usize {
    use unicode_width::UnicodeWidthChar;
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

pub use crate::model::cut_to_width as truncate;

/// `text` sanitised, cut and padded with spaces to exactly `columns` columns.
pub fn cell(text: &str, columns: usize) -> String {
    crate::model::fit_to_width(&sanitize(text), columns)
}

/// One CSV field (RFC 4180): sanitised, and quoted when it holds a comma, a
/// quote or surrounding spaces, with quotes doubled.
pub fn csv_field(text: &str) -> Cow<'_, str> {
    let clean = sanitize(text);
    let needs_quotes = clean.contains([',', '"']) || clean.starts_with(' ') || clean.ends_with(' ');
    if needs_quotes {
        Cow::Owned(format!("\"{}\"", clean.replace('"', "\"\"")))
    } else {
        clean
    }
}

/// JSON text with DEL and the C1 controls written as `\u` escapes: serde_json
/// leaves them raw (JSON allows it), but a terminal may act on them. They can
/// only occur inside strings, where the escape means the same character.
pub fn escape_json_controls(json: String) -> String {
    if !json.chars().any(|c| ('\u{7f}'..='\u{9f}').contains(&c)) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if ('\u{7f}'..='\u{9f}').contains(&c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_bidi_overrides_are_replaced() {
        assert_eq!(sanitize("Acme\x1b[31m Corp"), "Acme\u{fffd}[31m Corp");
        assert_eq!(sanitize("a\u{202e}b\u{9b}c"), "a\u{fffd}b\u{fffd}c");
        assert_eq!(sanitize("two\nlines\tand tab"), "two lines and tab");
        assert!(matches!(sanitize("plain"), Cow::Borrowed("plain")));
    }

    #[test]
    fn truncation_counts_terminal_columns_and_marks_the_cut() {
        assert_eq!(truncate("United States", 20), "United States");
        assert_eq!(
            truncate("United Kingdom of Great Britain", 10),
            "United Ki…"
        );
        // Each ideograph takes two columns.
        assert_eq!(truncate("日本国政府", 6), "日本…");
        assert_eq!(width(&truncate("日本国政府", 6)), 5);
    }

    #[test]
    fn cells_are_exactly_as_wide_as_asked() {
        assert_eq!(cell("France", 8), "France  ");
        assert_eq!(width(&cell("日本国政府の長い名前", 9)), 9);
        assert_eq!(cell("Very long organisation name", 8), "Very lo…");
    }

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("France"), "France");
        assert_eq!(csv_field("Microsoft, Inc."), "\"Microsoft, Inc.\"");
        assert_eq!(csv_field("The \"Accord\""), "\"The \"\"Accord\"\"\"");
        assert_eq!(csv_field("line\nbreak"), "line break");
    }

    #[test]
    fn c1_controls_in_json_become_escapes_that_still_parse() {
        let json = serde_json::to_string(&"a\u{9b}b\u{7f}").expect("serialises");
        let escaped = escape_json_controls(json);
        assert_eq!(escaped, "\"a\\u009bb\\u007f\"");
        let back: String = serde_json::from_str(&escaped).expect("still JSON");
        assert_eq!(back, "a\u{9b}b\u{7f}");
    }
}
