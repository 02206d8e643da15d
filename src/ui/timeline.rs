//! A commitment's timeline on both clocks: when things happened (its
//! evidence by date, the grade each supports and the grade that results),
//! and when they entered the record (each commit that changed it, by whom).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{clean, fit, page, theme};
use crate::app::timeline::first_clock;
use crate::app::{Action, Mode, State};
use crate::model::{Status, grade_as_of};

/// Draws the timeline view; returns the status line's text.
pub(super) fn render(state: &State, frame: &mut Frame, area: Rect) -> String {
    let theme = theme(state);
    let hint = state.keymap.hint(
        Mode::Timeline,
        &[Action::Down, Action::History, Action::Back],
    );
    let (Some(timeline), Some(board)) = (&state.timeline, state.data()) else {
        page(state, "Timeline".into(), Vec::new(), frame, area);
        return hint;
    };
    let dataset = &board.dataset;
    let width = usize::from(area.width);
    let actor = dataset.actor(&timeline.actor);
    let recommendation = dataset
        .recommendations
        .iter()
        .find(|r| r.id == timeline.recommendation);
    let title = format!(
        "Timeline · {} · {}",
        actor.map_or(timeline.actor.as_str(), |a| a.name.as_str()),
        recommendation.map_or(timeline.recommendation.as_str(), |r| r.title.as_str())
    );
    let mut lines: Vec<Line<'static>> = Vec::new();
    let commitment = actor.and_then(|a| a.commitment(&timeline.recommendation));
    match (commitment, state.graded_as_of()) {
        // A first-clock past: the status shown is the grade the evidence
        // dated up to then supports, not anything the record said.
        (Some(commitment), Some(date)) => {
            let today = state
                .status_recorded_today(&timeline.actor, &timeline.recommendation)
                .map_or_else(String::new, |s| format!(" · recorded today {}", s.label()));
            lines.push(Line::from(format!(
                "As of {date} its evidence supports {}{today}",
                commitment.status.label()
            )));
        }
        (Some(commitment), None) => lines.push(Line::from(format!(
            "Recorded status {} · its evidence supports {}",
            commitment.status.label(),
            grade_as_of(&commitment.evidence, None).label()
        ))),
        (None, _) => lines.push(Line::from(
            "No commitment recorded: the cell reads No evidence",
        )),
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "When it happened (the evidence, by its date)",
        theme.heading,
    )));
    let steps = commitment.map(first_clock).unwrap_or_default();
    if steps.is_empty() {
        lines.push(Line::from(Span::styled("  No evidence", theme.dim)));
    } else {
        lines.push(Line::from(Span::styled(
            format!(
                "  {}  {}  {}  evidence",
                fit("date", 10),
                fit("supports", 16),
                fit("grade then", 16)
            ),
            theme.dim,
        )));
    }
    for step in steps {
        let date = step
            .evidence
            .date
            .map_or_else(|| "undated".to_string(), |d| d.to_string());
        let title = format!(
            "{} ({})",
            step.evidence.title,
            step.evidence.provenance.label()
        );
        // The title in a column of its own, wrapped there; on a narrow
        // screen, on lines of its own under the grades.
        let (first, rest) = match width.checked_sub(TITLE_COLUMN) {
            Some(room) if room >= 20 => {
                let mut wrapped = super::wrap(&title, room, "").into_iter();
                let first = wrapped.next().unwrap_or_default();
                let indent = " ".repeat(TITLE_COLUMN);
                (first, wrapped.map(|l| format!("{indent}{l}")).collect())
            }
            _ => (String::new(), super::wrap(&title, width, "    ")),
        };
        lines.push(Line::from(vec![
            Span::raw(format!("  {} ", fit(&date, 10))),
            Span::styled(
                format!(" {} ", status_cell(step.evidence.supports)),
                theme.status(step.evidence.supports),
            ),
            Span::styled(
                format!(" {} ", status_cell(step.results)),
                theme.status(step.results),
            ),
            Span::raw(format!(" {first}")),
        ]));
        lines.extend(rest.into_iter().map(Line::from));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "When it was recorded (commits, newest first, times in UTC)",
        theme.heading,
    )));
    match &timeline.recorded {
        None => lines.push(Line::from(Span::styled(
            "  Reading the record's history…",
            theme.dim,
        ))),
        Some(Err(reason)) => lines.push(Line::from(format!(
            "  Could not read the history: {}",
            clean(reason)
        ))),
        Some(Ok(commits)) if commits.is_empty() => {
            lines.push(Line::from(Span::styled("  No recorded change", theme.dim)))
        }
        Some(Ok(commits)) => {
            for commit in commits {
                let what: Vec<String> = commit.changes.iter().map(|c| c.what()).collect();
                lines.push(Line::from(vec![
                    Span::raw(format!("  {} ", crate::app::history::when(commit))),
                    Span::styled(format!("{} ", fit(&commit.author_name, 18)), theme.heading),
                    Span::raw(clean(&what.join("; "))),
                ]));
            }
        }
    }
    page(state, clean(&title), lines, frame, area);
    hint
}

/// Where an evidence item's title starts on its line.
const TITLE_COLUMN: usize = 50;

/// A status's symbol and label in a column of its own.
fn status_cell(status: Status) -> String {
    fit(&format!("{} {}", status.symbol(), status.label()), 16)
}
