//! Text from the data as a report may carry it: the one rule for untrusted
//! text ([`crate::model::is_unprintable`]) applied first, then each
//! format's own escaping on top.

use std::borrow::Cow;

use crate::model::is_unprintable;

/// `text` with line breaks and tabs as spaces and every other character
/// the rule forbids replaced by `�`; borrowed when nothing needed it.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unprintable) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\n' | '\r' | '\t' => ' ',
                c if is_unprintable(c) => '\u{fffd}',
                c => c,
            })
            .collect(),
    )
}

/// `url` when a report may link it: `http` or `https` (any case), with a
/// host, and nothing the rule forbids nor any white space in it. Anything
/// else (`javascript:`, `data:`, a relative path) is shown as text only.
pub fn safe_url(url: &str) -> Option<&str> {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        url.get(8..)
    } else if lower.starts_with("http://") {
        url.get(7..)
    } else {
        None
    }?;
    let host_ok = rest
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '[');
    let clean = !url.chars().any(|c| is_unprintable(c) || c.is_whitespace());
    (host_ok && clean).then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_are_linked() {
        assert_eq!(
            safe_url(" https://example.org/a?b=c "),
            Some("https://example.org/a?b=c")
        );
        assert_eq!(safe_url("HTTP://Example.org"), Some("HTTP://Example.org"));
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url("JavaScript://example.org/%0aalert(1)"), None);
        assert_eq!(safe_url("data:text/html,<script>"), None);
        assert_eq!(safe_url("https:///etc/passwd"), None);
        assert_eq!(safe_url("https://exa mple.org"), None);
        assert_eq!(safe_url("https://example.org/\u{202e}gpj"), None);
        assert_eq!(safe_url("/relative"), None);
    }

    #[test]
    fn controls_and_bidi_overrides_are_replaced() {
        assert_eq!(clean("a\nb\x1b[2Jc\u{202e}"), "a b\u{fffd}[2Jc\u{fffd}");
        assert!(matches!(clean("plain"), Cow::Borrowed("plain")));
    }
}
