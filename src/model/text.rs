//! Text from the data as it may be shown: which characters must never reach
//! a terminal, and cutting to a number of terminal columns. The UI and the
//! command line each choose what to replace; the rules live here once.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Columns between tab stops when a TAB in the data is shown as spaces.
pub const TAB_STOP: usize = 4;

/// Whether `c` must never reach a terminal as is: C0 and C1 controls, DEL,
/// and the bidirectional overrides that make a line read differently from
/// its bytes. Every place that prints text from the data replaces these.
pub fn is_unprintable(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The columns `text` takes on a terminal, counted per grapheme cluster
/// (a letter with its accents, an emoji sequence) as ratatui places them.
pub fn width(text: &str) -> usize {
    text.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// Whether terminals agree on the width of one grapheme cluster: the width
/// of the cluster as a whole (what the screen model assumes) equals the sum
/// of its characters' widths (what a terminal measuring character by
/// character, as tmux and wcwidth do, draws). ZWJ sequences, emoji with a
/// presentation selector or a skin tone differ; a letter with its combining
/// marks does not.
pub fn has_agreed_width(cluster: &str) -> bool {
    let per_char: usize = cluster.chars().map(|c| c.width().unwrap_or(0)).sum();
    cluster.width() == per_char
}

/// `text` with each cluster whose width terminals disagree on replaced by
/// one they agree on, so a wrong guess cannot spill into the next cell: an
/// emoji ZWJ sequence by its first emoji, an emoji without its presentation
/// selector or skin tone; failing that, its first character, or `�`.
/// Borrowed when nothing needed replacing.
pub fn with_agreed_widths(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || text.graphemes(true).all(has_agreed_width) {
        return Cow::Borrowed(text);
    }
    let mut steady = String::with_capacity(text.len());
    for cluster in text.graphemes(true) {
        if has_agreed_width(cluster) {
            steady.push_str(cluster);
            continue;
        }
        let base: String = cluster
            .split('\u{200d}')
            .next()
            .unwrap_or_default()
            .chars()
            .filter(|&c| {
                !matches!(
                    c,
                    '\u{fe0e}' | '\u{fe0f}' | '\u{1f3fb}'..='\u{1f3ff}' | '\u{20e3}'
                )
            })
            .collect();
        if !base.is_empty() && has_agreed_width(&base) && base.width() > 0 {
            steady.push_str(&base);
        } else {
            match cluster
                .chars()
                .next()
                .filter(|c| c.width().unwrap_or(0) > 0)
            {
                Some(first) => steady.push(first),
                None => steady.push('\u{fffd}'),
            }
        }
    }
    Cow::Owned(steady)
}

/// `text` with each TAB replaced by spaces up to the next tab stop (every
/// `TAB_STOP` columns from the start of its line).
pub fn expand_tabs(text: &str) -> Cow<'_, str> {
    if !text.contains('\t') {
        return Cow::Borrowed(text);
    }
    let mut expanded = String::with_capacity(text.len() + 8);
    let mut column = 0;
    for cluster in text.graphemes(true) {
        match cluster {
            "\t" => {
                let spaces = TAB_STOP - column % TAB_STOP;
                expanded.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            "\n" | "\r\n" => {
                expanded.push_str(cluster);
                column = 0;
            }
            _ => {
                expanded.push_str(cluster);
                column += cluster.width();
            }
        }
    }
    Cow::Owned(expanded)
}

/// `text` cut to at most `columns` terminal columns (wide characters count
/// two; a grapheme cluster is never split), ending in `…` when cut;
/// borrowed when it already fits.
pub fn cut_to_width(text: &str, columns: usize) -> Cow<'_, str> {
    if width(text) <= columns {
        return Cow::Borrowed(text);
    }
    if columns == 0 {
        return Cow::Owned(String::new());
    }
    let mut kept = String::new();
    let mut used = 0;
    for cluster in text.graphemes(true) {
        let w = cluster.width();
        if used + w + 1 > columns {
            break;
        }
        kept.push_str(cluster);
        used += w;
    }
    kept.push('…');
    Cow::Owned(kept)
}

/// `text` cut and padded with spaces to exactly `columns` columns, so that
/// columns stay aligned whatever the names hold.
pub fn fit_to_width(text: &str, columns: usize) -> String {
    let cut = cut_to_width(text, columns);
    let used = width(&cut);
    let mut fitted = cut.into_owned();
    fitted.extend(std::iter::repeat_n(' ', columns.saturating_sub(used)));
    fitted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cutting_counts_terminal_columns_and_marks_the_cut() {
        assert_eq!(cut_to_width("Greece", 6), "Greece");
        assert_eq!(cut_to_width("Greece", 4), "Gre…");
        assert_eq!(cut_to_width("日本国", 5), "日本…");
        assert_eq!(cut_to_width("Greece", 0), "");
        assert_eq!(fit_to_width("日本", 6), "日本  ");
        assert_eq!(fit_to_width("Netherlands", 5), "Neth…");
    }

    #[test]
    fn a_cluster_is_measured_whole_and_never_split() {
        // "é" written as e + combining acute: one column, one cluster.
        let decomposed = "Cafe\u{301} Bleu";
        assert_eq!(width(decomposed), 9);
        assert_eq!(cut_to_width(decomposed, 5), "Cafe\u{301}…");
        // A Devanagari conjunct with its vowel sign stays whole when cut.
        let hindi = "क्षत्रिय";
        assert!(cut_to_width(hindi, 3).ends_with('…'));
        assert!(width(&cut_to_width(hindi, 3)) <= 3);
        assert!(hindi.starts_with(cut_to_width(hindi, 3).trim_end_matches('…')));
    }

    #[test]
    fn clusters_terminals_disagree_on_are_replaced_by_ones_they_agree_on() {
        let family = "👨\u{200d}👩\u{200d}👧";
        assert!(!has_agreed_width(family));
        assert_eq!(with_agreed_widths(family), "👨");
        let heart = "I \u{2764}\u{fe0f} NY";
        assert_eq!(with_agreed_widths(heart), "I \u{2764} NY");
        assert_eq!(with_agreed_widths("👍🏽 ok"), "👍 ok");
        // Names in other scripts are left as they are.
        for name in [
            "Ελλάδα",
            "日本国",
            "भारत सरकार",
            "Türkiye",
            "Cafe\u{301}",
            // Indic half forms and chillus are written with a ZWJ too.
            "क्\u{200d}ष",
            "ന്\u{200d}",
            "ශ්\u{200d}රී ලංකා",
        ] {
            assert_eq!(with_agreed_widths(name), name);
        }
        // Whatever comes in, every cluster that goes out is agreed on.
        let mixed = "a👩\u{200d}💻b\u{2764}\u{fe0f}c🇫🇷d1\u{fe0f}\u{20e3}eक्षि";
        let steady = with_agreed_widths(mixed);
        assert!(steady.graphemes(true).all(has_agreed_width), "{steady}");
        assert!(steady.starts_with("a👩b"), "{steady}");
    }

    #[test]
    fn a_tab_becomes_spaces_to_the_next_stop() {
        assert_eq!(expand_tabs("a\tb"), "a   b");
        assert_eq!(expand_tabs("abcd\te\nx\ty"), "abcd    e\nx   y");
        assert_eq!(expand_tabs("none"), "none");
    }

    #[test]
    fn controls_and_direction_overrides_are_unprintable() {
        assert!(is_unprintable('\u{1b}'));
        assert!(is_unprintable('\u{202e}'));
        assert!(!is_unprintable('é'));
    }
}
