//! The help screen (built from the key map), the load problems screen and
//! the warnings screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use unicode_width::UnicodeWidthStr;

use super::{fit, page, truncate};
use crate::app::{Action, Board, Loaded, Mode, State};

/// Draws the keys of the view help was opened over, from the same table
/// the handler uses.
pub(super) fn help(state: &State, frame: &mut Frame, area: Rect) -> String {
    let width = usize::from(area.width);
    let rows = state.help_rows();
    // Each section (the view's keys, then find's, the form's...) sizes its
    // key column to its own longest entry.
    let mut lines: Vec<Line<'static>> = Vec::new();
    if let Some(path) = &state.dataset_path {
        lines.extend(
            super::wrap_whole(&format!("Dataset: {path}"), width)
                .into_iter()
                .map(Line::from),
        );
        lines.push(Line::from(""));
    }
    let mut section: Vec<(String, String)> = Vec::new();
    let flush = |section: &mut Vec<(String, String)>, lines: &mut Vec<Line<'static>>| {
        let column = section
            .iter()
            .map(|(keys, _)| keys.width())
            .max()
            .unwrap_or(0);
        for (keys, what) in section.drain(..) {
            let row = format!("{}  {what}", fit(&keys, column));
            lines.push(Line::from(truncate(&row, width)));
        }
    };
    for (keys, what) in rows {
        if what.is_empty() {
            // A section's heading, or the blank line before it.
            flush(&mut section, &mut lines);
            lines.push(Line::from(truncate(&keys, width)));
        } else {
            section.push((keys, what));
        }
    }
    flush(&mut section, &mut lines);
    lines.push(Line::from(""));
    lines.push(Line::from("Statuses:"));
    for status in crate::model::Status::ALL {
        lines.push(Line::from(format!(
            "  {} {}",
            status.symbol(),
            status.label()
        )));
    }
    let title = format!("Keys · {}", state.help_mode().name().replace('_', " "));
    page(state, title, lines, frame, area);
    state.view_hint()
}

/// Draws the problems that stopped the dataset from loading.
/// Returns the status line's text.
pub(super) fn problems(state: &State, frame: &mut Frame, area: Rect) -> String {
    let width = usize::from(area.width);
    let problems: &[crate::model::Problem] = match &state.loaded {
        Loaded::Problems(problems) => &problems.0,
        Loaded::Dataset(_) => &[],
    };
    let first = |action| state.key_for(Mode::Problems, &action);
    let how = format!(
        "fix the files and press {} to reload, {} to quit",
        first(Action::Reload),
        first(Action::Quit)
    );
    let mut lines: Vec<Line<'static>> = super::wrap(&how, width, "")
        .into_iter()
        .map(Line::from)
        .collect();
    lines.push(Line::from(""));
    for problem in problems {
        lines.extend(
            super::wrap(&problem.to_string(), width, "")
                .into_iter()
                .map(Line::from),
        );
    }
    let n = problems.len();
    page(
        state,
        format!(
            "The dataset did not load: {n} problem{}",
            if n == 1 { "" } else { "s" }
        ),
        lines,
        frame,
        area,
    );
    how
}

/// Draws the warnings of a dataset that loaded: where a grade is not what
/// its evidence supports, and the other findings of `validate`.
/// Returns the status line's text.
pub(super) fn warnings(state: &State, board: &Board, frame: &mut Frame, area: Rect) -> String {
    let width = usize::from(area.width);
    let how = format!(
        "`reconvene validate` gives each one's file, line and column · {} back",
        state.key_for(Mode::Normal, &Action::Back)
    );
    let mut lines: Vec<Line<'static>> = Vec::new();
    if board.warnings.is_empty() {
        let none = "Nothing to warn about: every grade is what its evidence supports.";
        lines.extend(super::wrap(none, width, "").into_iter().map(Line::from));
    }
    for warning in &board.warnings {
        let name = board
            .dataset
            .actor(&warning.actor)
            .map_or(warning.actor.as_str(), |a| a.name.as_str());
        let text = super::clean(&format!("{name}: {}", warning.message()));
        lines.extend(super::wrap(&text, width, "  ").into_iter().map(Line::from));
    }
    let n = board.warnings.len();
    page(state, format!("Warnings: {n}"), lines, frame, area);
    how
}
