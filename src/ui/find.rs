//! The find prompt's hit list, drawn over the view while the prompt is
//! open: each hit's text with the matched characters marked (in colour and
//! bold underlined, so it reads without colour), and under it what kind of
//! hit it is and whose.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_segmentation::UnicodeSegmentation;

use super::{clean, dataset_room, theme, truncate, width_of};
use crate::app::{Board, Find, Mode, State};
use crate::model::How;

/// Columns of context shown before a match deep in a long text.
const CONTEXT: usize = 12;

/// Draws the hit list in `area`; returns the status line's hint (the
/// prompt replaces it, so none).
pub(super) fn render(
    state: &State,
    find: &Find,
    board: &Board,
    frame: &mut Frame,
    area: Rect,
) -> String {
    let theme = theme(state);
    let width = usize::from(area.width);
    let typed = find.query.text();
    let query = clean(typed.trim());
    let hits = &find.hits;
    let title = match (query.is_empty(), hits.total) {
        (true, _) => "Find anything: a name, country, recommendation, note or evidence".to_string(),
        (false, 0) => format!("Nothing matches “{query}”"),
        (false, total) => {
            let noun = if total == 1 { "hit" } else { "hits" };
            let listed = if total > hits.hits.len() {
                format!(", the best {} listed", hits.hits.len())
            } else {
                String::new()
            };
            let read = match &hits.corrected {
                Some(word) => format!(" for “{}”", clean(word)),
                None => String::new(),
            };
            format!("{total} {noun}{read}{listed}")
        }
    };
    let room = dataset_room(state, width);
    let mut lines = vec![Line::from(Span::styled(
        truncate(&title, width.saturating_sub(room)),
        theme.title,
    ))];
    // Under the title, two lines a hit; one on the smallest screens.
    let rows = usize::from(area.height).saturating_sub(1);
    let two_lines = rows >= 4;
    let page = if two_lines { rows / 2 } else { rows.max(1) };
    let first = (find.selected / page) * page;
    let mark = theme
        .heading
        .add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
    for (n, hit) in hits.hits.iter().enumerate().skip(first).take(page) {
        let selected = n == find.selected;
        let text = hit.place.text(&board.dataset).unwrap_or_default();
        let mut spans = vec![Span::styled(
            if selected { "▶" } else { " " },
            theme.selected,
        )];
        spans.push(Span::raw(" "));
        // A correction's hits are marked as the word they were read as.
        let plain = match hit.how {
            How::Corrected => theme.dim,
            How::Contains | How::Scattered => Style::new(),
        };
        spans.extend(excerpt(
            text,
            &hit.matched,
            width.saturating_sub(2),
            plain,
            mark,
        ));
        lines.push(Line::from(spans));
        if two_lines {
            let what = hit.place.describe(&board.dataset);
            let style = if selected { Style::new() } else { theme.dim };
            lines.push(Line::from(Span::styled(
                truncate(&format!("    {what}"), width),
                style,
            )));
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
    String::new()
}

/// The status line while the prompt is open: what is typed, where the
/// selected hit stands, and the prompt's keys.
pub(super) fn prompt(state: &State, find: &Find) -> String {
    let hits = &find.hits;
    let count = match (find.query.text().trim().is_empty(), hits.hits.len()) {
        (true, _) => String::new(),
        (false, 0) => " no match".to_string(),
        (false, listed) => format!(" {} of {listed}", find.selected + 1),
    };
    format!(
        "Find: {}{count} ({})",
        super::forms::with_cursor(&find.query),
        state.modal_hint(Mode::Find)
    )
}

/// `text` as spans fitting `columns`: each grapheme cluster made safe to
/// print (a line break or tab as a space), the clusters holding a matched
/// character in `mark`. When the first match would fall beyond the edge,
/// the text starts a little before it, after an ellipsis; an ellipsis ends
/// it when cut.
pub(super) fn excerpt(
    text: &str,
    matched: &[usize],
    columns: usize,
    plain: Style,
    mark: Style,
) -> Vec<Span<'static>> {
    // Each cluster: its printable form, its width, whether it matched.
    let mut clusters: Vec<(String, usize, bool)> = Vec::new();
    let mut index = 0;
    for cluster in text.graphemes(true) {
        let count = cluster.chars().count();
        let hit = matched.iter().any(|m| (index..index + count).contains(m));
        index += count;
        let spaced: String = cluster
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let shown = clean(&spaced);
        let width = width_of(&shown);
        clusters.push((shown, width, hit));
    }
    let total: usize = clusters.iter().map(|c| c.1).sum();
    let first_hit = clusters.iter().position(|c| c.2).unwrap_or(0);
    let through_first: usize = clusters.iter().take(first_hit + 1).map(|c| c.1).sum();
    let mut start = 0;
    if total > columns && through_first + 1 > columns {
        // Back from the first match, as much context as fits.
        let mut before = 0;
        start = first_hit;
        while start > 0 {
            let w = clusters.get(start - 1).map_or(0, |c| c.1);
            if before + w > CONTEXT.min(columns / 3) {
                break;
            }
            before += w;
            start -= 1;
        }
    }
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    if start > 0 {
        spans.push(Span::styled("…", plain));
        used += 1;
    }
    let rest: usize = clusters.iter().skip(start).map(|c| c.1).sum();
    let cut = used + rest > columns;
    let limit = if cut {
        columns.saturating_sub(1)
    } else {
        columns
    };
    let mut run = String::new();
    let mut run_hit = false;
    for (shown, width, hit) in clusters.into_iter().skip(start) {
        if used + width > limit {
            break;
        }
        if hit != run_hit && !run.is_empty() {
            let style = if run_hit { mark } else { plain };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_hit = hit;
        run.push_str(&shown);
        used += width;
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_hit { mark } else { plain }));
    }
    if cut && columns > 0 {
        spans.push(Span::styled("…", plain));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(spans: &[Span<'static>]) -> (String, String) {
        let mark = Style::new().add_modifier(Modifier::UNDERLINED);
        let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
        let marked: String = spans
            .iter()
            .filter(|s| s.style == mark)
            .map(|s| s.content.as_ref())
            .collect();
        (text, marked)
    }

    fn cut(text: &str, matched: std::ops::Range<usize>, columns: usize) -> (String, String) {
        let matched: Vec<usize> = matched.collect();
        let mark = Style::new().add_modifier(Modifier::UNDERLINED);
        shown(&excerpt(text, &matched, columns, Style::new(), mark))
    }

    #[test]
    fn a_match_deep_in_a_long_note_is_shown_with_a_little_before_it() {
        let note = "After its PEGA inquiry into Pegasus and similar spyware, the European Parliament adopted a recommendation.";
        let (text, marked) = cut(note, 28..35, 24);
        assert_eq!(marked, "Pegasus");
        assert_eq!(text, "…ry into Pegasus and si…");
        assert_eq!(width_of(&text), 24);
        // When the match fits from the start, the text starts there.
        let (text, _) = cut(note, 28..35, 40);
        assert_eq!(text, "After its PEGA inquiry into Pegasus and…");
        // Near the start, the text starts at its start.
        let (text, marked) = cut("Require oversight", 8..17, 40);
        assert_eq!(
            (text.as_str(), marked.as_str()),
            ("Require oversight", "oversight")
        );
    }

    #[test]
    fn control_characters_and_marks_stay_in_their_cells() {
        let note = "Line one\nline\ttwo \u{1b}[31mred\u{202e} e\u{301}te";
        let (text, marked) = cut(note, 10..14, 80);
        assert_eq!(marked, "ine\t".replace('\t', " "));
        assert!(!text.chars().any(char::is_control), "{text:?}");
        assert!(!text.contains('\u{202e}'), "{text:?}");
        assert!(
            text.ends_with("e\u{301}te"),
            "the mark stays on its letter: {text:?}"
        );
        assert_eq!(width_of(&text), text.graphemes(true).count());
    }
}
