//! The government tracker the Tech Accord announced: governments and
//! intergovernmental bodies against the recommendations it said it would track.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{clean, column_header, fit, matrix_hint, progress_cell, theme, truncate, width_of};
use crate::app::layout;
use crate::app::{Board, State};
use crate::model::{Recommendation, Status};

/// The least width of one tracked recommendation's cell.
const CELL: usize = 4;

/// Draws the tracker; returns the status line's text.
pub(super) fn render(state: &State, board: &Board, frame: &mut Frame, area: Rect) -> String {
    let theme = theme(state);
    let width = usize::from(area.width);
    let dataset = &board.dataset;
    let tracked: Vec<(usize, &Recommendation)> = board
        .tracked
        .iter()
        .filter_map(|&i| dataset.recommendations.get(i).map(|r| (i, r)))
        .collect();
    let parts = layout::tracker(frame.area().height);
    let summary = crate::app::filter::summary(state, board, true);
    let mut lines = Vec::new();
    let n = tracked.len();
    if parts.title {
        lines.push(Line::from(Span::styled(
            truncate(
                &format!(
                    "Government tracker — the {} recommendation{} the Tech Accord pledged to track",
                    number_word(n),
                    if n == 1 { "" } else { "s" }
                ),
                width.saturating_sub(super::dataset_room(state, width)),
            ),
            theme.title,
        )));
    }
    let selected_rec = tracked.get(state.tracker_column);
    if parts.recommendation {
        lines.push(Line::from(match selected_rec {
            Some((i, rec)) => truncate(&format!("{:>2}. {}", i + 1, rec.title), width),
            None => truncate("No recommendation is marked as tracked", width),
        }));
    }

    // A cell holds the largest count and the recommendation's number whole.
    let counts = &board.tracker_counts;
    let largest = counts
        .iter()
        .flat_map(|c| c.iter().map(|(_, n)| n))
        .chain(tracked.iter().map(|(i, _)| i + 1))
        .max()
        .unwrap_or(0);
    let cell = layout::cell_for(largest, CELL);
    let governments = board.governments.len();
    let longest = board
        .name_widths
        .1
        .max(governments.to_string().len() + " governments".len());
    let columns = layout::columns(width, n, state.tracker_column, cell, longest);
    if parts.header {
        // The count of governments is never cut: the words go first.
        let label = [
            format!("{governments} governments and bodies"),
            format!("{governments} governments"),
            governments.to_string(),
        ]
        .into_iter()
        .find(|l| width_of(l) <= columns.name)
        .unwrap_or_else(|| governments.to_string());
        lines.push(column_header(
            &theme,
            fit(&label, columns.name.max(width_of(&label))),
            tracked
                .iter()
                .enumerate()
                .map(|(column, (i, _))| (column, *i)),
            state.tracker_column,
            &columns,
            &format!("Progress on {n}"),
        ));
    }

    // How many governments reached each status, per tracked recommendation.
    if parts.counts {
        for status in Status::ALL {
            let label = format!("{} {}", status.symbol(), status.label());
            let mut spans = vec![Span::styled(
                format!("{} ", fit(&label, columns.name)),
                theme.status(status),
            )];
            for c in counts.iter().skip(columns.first).take(columns.shown) {
                let width = cell - 1;
                spans.push(Span::raw(format!("{:>width$} ", c.get(status))));
            }
            lines.push(Line::from(spans));
        }
        // The filter and the sort in force, in the line under the counts.
        lines.push(match &summary {
            Some(summary) => Line::from(Span::styled(truncate(summary, width), theme.heading)),
            None => Line::from(""),
        });
    }

    if board.governments.is_empty() && board.arranged.governments.1 > 0 {
        let how = format!(
            "No government matches the filter: press {} to change it, {} to clear it",
            state.key_for(crate::app::Mode::Tracker, &crate::app::Action::Filter),
            state.key_for(crate::app::Mode::Tracker, &crate::app::Action::ClearFilter)
        );
        lines.extend(super::wrap(&how, width, "").into_iter().map(Line::from));
    } else if board.governments.is_empty() {
        let how = format!(
            "No governments or intergovernmental bodies yet: press {} to add one",
            state.key_for(crate::app::Mode::Normal, &crate::app::Action::AddActor)
        );
        lines.extend(super::wrap(&how, width, "").into_iter().map(Line::from));
    }

    // One figure per government over the tracked recommendations, by the
    // same arithmetic as the dashboard's (over all it is graded on): the
    // column's heading says which.
    let tracked_recs: Vec<Recommendation> = tracked.iter().map(|(_, r)| (*r).clone()).collect();
    let visible = usize::from(area.height).saturating_sub(lines.len());
    let first = layout::window(
        state.tracker.selected,
        state.tracker.offset,
        governments,
        visible,
    );
    let pad = cell.saturating_sub(2);
    for (row, &g) in board
        .governments
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
    {
        let Some(actor) = dataset.actors.get(g) else {
            continue;
        };
        let selected = row == state.tracker.selected;
        let mut spans = vec![Span::styled(
            format!("{} ", fit(&actor.name, columns.name)),
            if selected {
                theme.selected
            } else {
                Style::new()
            },
        )];
        for (column, (_, rec)) in tracked
            .iter()
            .enumerate()
            .skip(columns.first)
            .take(columns.shown)
        {
            let (text, mut style) = if actor.is_graded_on(rec) {
                let status = actor.status_on(&rec.id);
                let text = format!("{}{} ", " ".repeat(pad), status.symbol());
                (text, theme.status(status))
            } else {
                (" ".repeat(cell), theme.dim)
            };
            if selected && column == state.tracker_column {
                style = style.patch(theme.selected);
            }
            spans.push(Span::styled(text, style));
        }
        let percent = actor.progress(&tracked_recs).percent();
        spans.push(Span::raw(progress_cell(percent, columns.progress)));
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), area);

    // No room for the filter's line: the status line starts with its count.
    let counted = match summary {
        Some(_) if !parts.counts && !state.filter.is_empty() => format!(
            "{} of {} shown │ ",
            board.arranged.governments.0, board.arranged.governments.1
        ),
        _ => String::new(),
    };
    let hint = matrix_hint(state);
    let actor = board
        .governments
        .get(state.tracker.selected)
        .and_then(|&g| dataset.actors.get(g));
    match (actor, selected_rec) {
        (Some(actor), Some((_, rec))) => format!(
            "{counted}{} · {} · {} │ {hint}",
            clean(&actor.name),
            clean(&rec.id),
            actor.status_on(&rec.id).label()
        ),
        _ => format!("{counted}{hint}"),
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
