//! Text from the data or the user, made safe to print: a control character
//! in a name must never reach the terminal as a control sequence.

use std::borrow::Cow;

/// `text` with every control character replaced by `�` (newlines and tabs
/// too: callers split lines before drawing).
pub fn printable(text: &str) -> Cow<'_, str> {
    if text.chars().any(char::is_control) {
        Cow::Owned(
            text.chars()
                .map(|c| if c.is_control() { '\u{fffd}' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn escape_sequences_are_defused() {
        assert_eq!(super::printable("a\u{1b}[2Jb"), "a\u{fffd}[2Jb");
        assert_eq!(super::printable("plain"), "plain");
    }
}
