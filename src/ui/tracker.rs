//! The government tracker the Tech Accord announced: governments and
//! intergovernmental bodies against the recommendations it said it would track.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{bar, clean, column_header, fit, matrix_hint, theme, truncate};
use crate::app::{Board, State};
use crate::model::Status;

const CELL: usize = 4;

/// Draws the tracker; returns the status line's text.
pub(super) fn render(state: &State, board: &Board, frame: &mut Frame, area: Rect) -> String {
    let theme = theme(state);
    let width = usize::from(area.width);
    let dataset = &board.dataset;
    let tracked: Vec<_> = board
        .tracked
        .iter()
        .filter_map(|&i| dataset.recommendations.get(i).map(|r| (i, r)))
        .collect();
    let mut lines = Vec::new();
    let n = tracked.len();
    lines.push(Line::from(Span::styled(
        truncate(
            &format!(
                "Government tracker — the {} recommendation{} the Tech Accord pledged to track",
                number_word(n),
                if n == 1 { "" } else { "s" }
            ),
            width,
        ),
        theme.title,
    )));
    let selected_rec = tracked.get(state.tracker_column);
    lines.push(Line::from(match selected_rec {
        Some((i, rec)) => truncate(&format!("{:>2}. {}", i + 1, rec.title), width),
        None => "No recommendation is marked as tracked".to_string(),
    }));

    let label_width = width.saturating_sub(n * CELL + 16).max(1);
    let label = format!("{} governments and bodies", board.governments.len());
    lines.push(column_header(
        &theme,
        fit(&label, label_width),
        tracked.iter().map(|(i, _)| *i),
        state.tracker_column,
        CELL,
    ));

    // How many governments reached each status, per tracked recommendation.
    let counts = &board.tracker_counts;
    for status in Status::ALL {
        let mut spans = vec![Span::styled(
            format!(
                "{} ",
                fit(
                    &format!("{} {}", status.symbol(), status.label()),
                    label_width
                )
            ),
            theme.status(status),
        )];
        for c in counts {
            spans.push(Span::raw(format!("{:>3} ", c.get(status))));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::from(""));

    let visible = usize::from(area.height).saturating_sub(lines.len());
    for (row, &g) in board
        .governments
        .iter()
        .enumerate()
        .skip(state.tracker.offset)
        .take(visible)
    {
        let actor = &dataset.actors[g];
        let selected = row == state.tracker.selected;
        let mut spans = vec![Span::styled(
            format!("{} ", fit(&actor.name, label_width)),
            if selected {
                theme.selected
            } else {
                Style::new()
            },
        )];
        let mut done = 0.0;
        let mut applicable = 0usize;
        for (column, (_, rec)) in tracked.iter().enumerate() {
            let (text, mut style) = if actor.is_graded_on(rec) {
                let status = actor.status_on(&rec.id);
                if let Some(w) = status.weight() {
                    done += w;
                    applicable += 1;
                }
                (format!("  {} ", status.symbol()), theme.status(status))
            } else {
                ("    ".to_string(), theme.dim)
            };
            if selected && column == state.tracker_column {
                style = style.patch(theme.selected);
            }
            spans.push(Span::styled(text, style));
        }
        let percent = if applicable == 0 {
            0
        } else {
            (done / applicable as f64 * 100.0).round() as u16
        };
        spans.push(Span::raw(bar(percent, 10)));
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), area);

    let hint = matrix_hint(state);
    let actor = board
        .governments
        .get(state.tracker.selected)
        .and_then(|&g| dataset.actors.get(g));
    match (actor, selected_rec) {
        (Some(actor), Some((_, rec))) => format!(
            "{} · {} · {} │ {hint}",
            clean(&actor.name),
            clean(&rec.id),
            actor.status_on(&rec.id).label()
        ),
        _ => hint,
    }
}

fn number_word(n: usize) -> String {
    const WORDS: [&str; 13] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| w.to_string())
}
