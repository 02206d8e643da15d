//! Text from the data as it may be shown: which characters must never reach
//! a terminal, and cutting to a number of terminal columns. The UI and the
//! command line each choose what to replace; the rules live here once.

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

/// Whether `c` must never reach a terminal as is: C0 and C1 controls, DEL,
/// and the bidirectional overrides that make a line read differently from
/// its bytes. Every place that prints text from the data replaces these.
pub fn is_unprintable(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` cut to at most `columns` terminal columns (wide characters count
/// two), ending in `…` when cut; borrowed when it already fits.
pub fn cut_to_width(text: &str, columns: usize) -> Cow<'_, str> {
    let width = |s: &str| s.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>();
    if width(text) <= columns {
        return Cow::Borrowed(text);
    }
    if columns == 0 {
        return Cow::Owned(String::new());
    }
    let mut kept = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > columns {
            break;
        }
        kept.push(c);
        used += w;
    }
    kept.push('…');
    Cow::Owned(kept)
}

/// `text` cut and padded with spaces to exactly `columns` columns, so that
/// columns stay aligned whatever the names hold.
pub fn fit_to_width(text: &str, columns: usize) -> String {
    let cut = cut_to_width(text, columns);
    let used: usize = cut.chars().map(|c| c.width().unwrap_or(0)).sum();
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
    fn controls_and_direction_overrides_are_unprintable() {
        assert!(is_unprintable('\u{1b}'));
        assert!(is_unprintable('\u{202e}'));
        assert!(!is_unprintable('é'));
    }
}
