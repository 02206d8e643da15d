//! Evidence links the user can follow: only `http` and `https` addresses,
//! and only as text no terminal could take for a command. Everything that
//! puts a URL in a hyperlink (OSC 8), on the clipboard (OSC 52) or in the
//! user's opener goes through [`web_link`].

use super::{Action, Effect, State, View, select};

/// A link drawn on the last frame: the cells it covers and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkSpot {
    /// The first column.
    pub x: u16,
    /// The row.
    pub y: u16,
    /// How many columns.
    pub width: u16,
    /// The address, as [`web_link`] made it safe.
    pub url: String,
}

/// The longest address taken as a link; a longer one is shown, never linked.
const LONGEST: usize = 2048;

/// `url` as a web link safe to hand to a terminal or an opener: `http` or
/// `https` only, with a host; no control characters, spaces or quotes
/// (which would end the sequence or the argument early); characters
/// beyond ASCII percent-encoded as a URL must be. `None` for anything
/// else, `javascript:` and `file:` addresses included: those are shown as
/// text and never made a link.
pub fn web_link(url: &str) -> Option<String> {
    let url = url.trim();
    let (scheme, rest) = url.split_once("://")?;
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return None;
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || host.starts_with('-') {
        return None;
    }
    let mut safe = String::with_capacity(url.len());
    safe.push_str(&scheme.to_ascii_lowercase());
    safe.push_str("://");
    for c in rest.chars() {
        if c.is_control() || c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`') {
            return None;
        }
        if c.is_ascii() {
            safe.push(c);
        } else if crate::model::is_unprintable(c) {
            return None;
        } else {
            let mut bytes = [0; 4];
            for byte in c.encode_utf8(&mut bytes).bytes() {
                safe.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    (safe.len() <= LONGEST).then_some(safe)
}

impl State {
    /// The links of the actor view's marked commitment's evidence, newest
    /// first, with the title of the item each comes from.
    pub fn marked_links(&self) -> Vec<(String, String)> {
        let (View::Actor(actor), Some(board)) = (self.view, self.data()) else {
            return Vec::new();
        };
        if !select::graded(board, actor).contains(&self.mark) {
            return Vec::new();
        }
        let commitment = board
            .dataset
            .actors
            .get(actor)
            .zip(board.dataset.recommendations.get(self.mark))
            .and_then(|(a, r)| a.commitment(&r.id));
        let Some(commitment) = commitment else {
            return Vec::new();
        };
        let mut items: Vec<_> = commitment
            .evidence
            .iter()
            .filter_map(|e| {
                let link = web_link(e.url.as_deref()?)?;
                Some((e.date.map(|d| d.latest()), link, e.title.clone()))
            })
            .collect();
        items.sort_by_key(|(date, _, _)| std::cmp::Reverse(*date));
        items
            .into_iter()
            .map(|(_, link, title)| (link, title))
            .collect()
    }
}

impl State {
    /// `CopyLink` or `OpenLink` in the actor view: the newest link of the
    /// marked commitment, or why there is none.
    pub(super) fn follow_link(&mut self, action: Action) -> Vec<Effect> {
        if !matches!(self.view, View::Actor(_)) {
            return Vec::new();
        }
        let links = self.marked_links();
        let Some((link, title)) = links.first().cloned() else {
            self.say("The marked commitment has no evidence with a web link");
            return Vec::new();
        };
        let more = match links.len() {
            1 => String::new(),
            n => format!(" (the newest of {n} links)"),
        };
        self.say_in_passing(format!(
            "{} the link of “{}”{more}",
            if action == Action::CopyLink {
                "Copying"
            } else {
                "Opening"
            },
            crate::model::cut_to_width(&title, 40)
        ));
        match action {
            Action::CopyLink => vec![Effect::CopyLink(link)],
            _ => vec![Effect::OpenLink(link)],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(
            web_link(" https://www.federalregister.gov/d/2021-24123 ").as_deref(),
            Some("https://www.federalregister.gov/d/2021-24123")
        );
        assert_eq!(
            web_link("HTTP://example.org/a?b=c#d").as_deref(),
            Some("http://example.org/a?b=c#d")
        );
        for refused in [
            "javascript:alert(1)",
            "JavaScript://example.org/%0aalert(1)",
            "file:///etc/passwd",
            "data:text/html,hi",
            "https://",
            "https:///path",
            "example.org",
            "",
        ] {
            assert_eq!(web_link(refused), None, "{refused}");
        }
    }

    #[test]
    fn nothing_that_could_end_a_terminal_sequence_survives() {
        for hostile in [
            "https://example.org/\u{1b}]8;;https://evil\u{1b}\\",
            "https://example.org/\u{7}x",
            "https://example.org/\u{9b}2J",
            "https://example.org/a b",
            "https://example.org/\"onclick",
            "https://example.org/\u{202e}gpj",
        ] {
            assert_eq!(web_link(hostile), None, "{hostile:?}");
        }
        assert_eq!(
            web_link("https://de.wikipedia.org/wiki/Überwachung").as_deref(),
            Some("https://de.wikipedia.org/wiki/%C3%9Cberwachung")
        );
    }
}
