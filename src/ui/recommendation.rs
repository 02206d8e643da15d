//! One recommendation: what it asks, and where each graded actor stands.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{clean, page, theme, truncate, wrap};
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
    let progress = dataset.recommendation_progress(rec);
    lines.push(Line::from(format!(
        "Progress {}% over {} actors",
        progress.percent(),
        progress.applicable
    )));
    let mut counts = Vec::new();
    for (status, n) in progress.counts.iter() {
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
    for status in order {
        if progress.counts.get(status) == 0 {
            continue;
        }
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            format!(
                "{} {} ({})",
                status.symbol(),
                status.label(),
                progress.counts.get(status)
            ),
            theme.status(status).patch(theme.heading),
        )));
        for actor in dataset
            .actors
            .iter()
            .filter(|a| a.is_graded_on(rec) && a.status_on(&rec.id) == status)
        {
            lines.push(Line::from(truncate(
                &format!("  {} ({})", actor.name, actor.kind.heading()),
                width,
            )));
        }
    }
    page(
        state,
        format!("{}. {}", index + 1, clean(&rec.title)),
        lines,
        frame,
        area,
    );
    format!(
        "{} scroll · {} back · {} quit",
        state.keymap.keys_of(Action::Down),
        state.keymap.keys_of(Action::Back),
        state.keymap.keys_of(Action::Quit)
    )
}
