//! One recommendation: what it asks, and where each graded actor stands.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{clean, page_window, theme, truncate, wrap};
use crate::app::select::{self, RECOMMENDATION_ORDER};
use crate::app::{Action, Board, Mode, State};
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

    // Most advanced first; reversed and not applicable last: the order the
    // view's selection counts in.
    let listed = select::recommendation_actors(board, index);
    let statuses = select::recommendation_statuses(board, index);
    let status_of = |n: usize| statuses.get(n).copied();
    let groups: Vec<(Status, usize)> = RECOMMENDATION_ORDER
        .into_iter()
        .map(|status| (status, statuses.iter().filter(|s| **s == status).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    let total = lines.len() + groups.iter().map(|(_, n)| n + 2).sum::<usize>();
    // The selected actor's line: past the groups before its own, and the
    // blank line and heading of its own.
    let selected = state.recommendation.selected;
    let focus = status_of(selected).and_then(|status| {
        let mut line = lines.len();
        let mut before = 0;
        for (group, n) in &groups {
            if *group == status {
                return Some(line + 2 + (selected - before));
            }
            line += n + 2;
            before += n;
        }
        None
    });
    let title = format!("{}. {}", index + 1, clean(&rec.title));
    let window_focus = focus.map(|line| line..line + 1);
    page_window(state, title, total, window_focus, frame, area, |window| {
        let mut shown: Vec<Line<'static>> = lines
            .into_iter()
            .skip(window.start)
            .take(window.len())
            .collect();
        let mut at = total - groups.iter().map(|(_, n)| n + 2).sum::<usize>();
        let mut before = 0;
        for (status, n) in groups {
            let group = at..at + n + 2;
            let first_of_group = before;
            before += n;
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
            let first_line = group.start + 2;
            // The group's actors sit together in the list, in its order.
            let actors = listed
                .iter()
                .skip(first_of_group)
                .take(n)
                .filter_map(|i| dataset.actors.get(*i))
                .enumerate()
                .map(|(n, actor)| {
                    let chosen = focus == Some(first_line + n);
                    let text = truncate(
                        &format!(
                            "{} {} ({})",
                            if chosen { "▶" } else { " " },
                            actor.name,
                            actor.kind.heading()
                        ),
                        width,
                    );
                    if chosen {
                        Line::from(Span::styled(text, theme.selected))
                    } else {
                        Line::from(text)
                    }
                });
            let first = window.start.saturating_sub(group.start);
            let wanted = window.end.min(group.end) - group.start.max(window.start);
            shown.extend(heading.into_iter().chain(actors).skip(first).take(wanted));
        }
        shown
    });
    // Name whose commitment `e` edits: the selected actor.
    let edit = state
        .selected_commitment()
        .and_then(|(a, _)| board.dataset.actors.get(a))
        .map(|a| {
            format!(
                "{} edit {}'s · ",
                state.key_for(Mode::Recommendation, &Action::Edit),
                clean(&a.name)
            )
        })
        .unwrap_or_default();
    format!("{edit}{}", state.view_hint())
}
