//! One recommendation: what it asks, and where each graded actor stands.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{clean, page_window, theme, truncate, wrap};
use crate::app::{Action, Board, State};
use crate::model::Status;

/// Draws the recommendation view; returns the status line's text.
pub(super) fn render(
    state: &State,
    board: &Board,
    index: usize,
    frame: &mut Frame,
    area: Rect,
) -> String {
    let theme = theme(state);
    let width = usize::from(area.width);
    let dataset = &board.dataset;
    let Some(rec) = dataset.recommendations.get(index) else {
        return "This recommendation is no longer in the dataset".to_string();
    };
    let mut lines: Vec<Line<'static>> = wrap(&rec.summary, width, "")
        .into_iter()
        .map(Line::from)
        .collect();
    let addressed: Vec<&str> = rec.addressed_to.iter().map(|s| s.label()).collect();
    lines.push(Line::from(""));
    lines.push(Line::from(truncate(
        &format!("Addressed to: {}", addressed.join(", ")),
        width,
    )));
    lines.push(Line::from(if rec.tracked {
        "Tracked by the Tech Accord's announced government tracker"
    } else {
        "Not on the Tech Accord's tracker list"
    }));
    let progress = board
        .recommendation_progress
        .get(index)
        .copied()
        .unwrap_or_default();
    lines.push(Line::from(format!(
        "Progress {}% over {} actors",
        progress.percent(),
        progress.applicable
    )));
    let mut counts = Vec::new();
    for (status, n) in progress.counts.iter().filter(|(_, n)| *n > 0) {
        counts.push(Span::styled(
            format!("{} {} {n}  ", status.symbol(), status.label()),
            theme.status(status),
        ));
    }
    lines.push(Line::from(counts));

    // Most advanced first; reversed and not applicable last.
    let order = [
        Status::Implemented,
        Status::Substantial,
        Status::Initiated,
        Status::Endorsed,
        Status::NoEvidence,
        Status::Reversed,
        Status::NotApplicable,
    ];
    let groups: Vec<(Status, usize)> = order
        .into_iter()
        .map(|status| (status, progress.counts.get(status)))
        .filter(|(_, n)| *n > 0)
        .collect();
    let total = lines.len() + groups.iter().map(|(_, n)| n + 2).sum::<usize>();
    let title = format!("{}. {}", index + 1, clean(&rec.title));
    page_window(state, title, total, frame, area, |window| {
        let mut shown: Vec<Line<'static>> = lines
            .into_iter()
            .skip(window.start)
            .take(window.len())
            .collect();
        let mut at = total - groups.iter().map(|(_, n)| n + 2).sum::<usize>();
        for (status, n) in groups {
            let group = at..at + n + 2;
            at = group.end;
            if group.end <= window.start || group.start >= window.end {
                continue;
            }
            let heading = [
                Line::from(""),
                Line::from(Span::styled(
                    format!("{} {} ({n})", status.symbol(), status.label()),
                    theme.status(status).patch(theme.heading),
                )),
            ];
            let actors = dataset
                .actors
                .iter()
                .filter(|a| a.is_graded_on(rec) && a.status_on(&rec.id) == status)
                .map(|actor| {
                    Line::from(truncate(
                        &format!("  {} ({})", actor.name, actor.kind.heading()),
                        width,
                    ))
                });
            let first = window.start.saturating_sub(group.start);
            let wanted = window.end.min(group.end) - group.start.max(window.start);
            shown.extend(heading.into_iter().chain(actors).skip(first).take(wanted));
        }
        shown
    });
    let edit = state
        .selected_actor()
        .and_then(|a| board.dataset.actors.get(a))
        .map(|a| {
            format!(
                " · {} edit {}'s",
                state.keymap.first_key(Action::Edit),
                clean(&a.name)
            )
        })
        .unwrap_or_default();
    format!(
        "{} scroll{edit} · {} back · {} quit",
        state.keymap.keys_of(Action::Down),
        state.keymap.keys_of(Action::Back),
        state.keymap.keys_of(Action::Quit)
    )
}
