//! The mouse, as a convenience next to the keys (never instead of them):
//! the wheel scrolls, a click selects the row under it, a double-click
//! opens it. The runner turns the terminal's events into [`Mouse`] values.

use super::{Action, Effect, Row, State, View, command, layout};

/// What the mouse did, and where (0-based cell on the screen).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mouse {
    /// The gesture.
    pub kind: MouseKind,
    /// The screen column.
    pub column: u16,
    /// The screen row.
    pub row: u16,
}

/// The gestures the app answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseKind {
    /// The wheel turned up.
    WheelUp,
    /// The wheel turned down.
    WheelDown,
    /// The left button clicked once.
    Click,
    /// The left button clicked twice in quick succession at one place.
    DoubleClick,
}

/// Rows one turn of the wheel moves.
const WHEEL_ROWS: usize = 3;

/// Applies a mouse gesture over the view (a prompt, form or dialog takes
/// none: the keys are how they are answered).
pub(super) fn apply(state: &mut State, mouse: Mouse) -> Vec<Effect> {
    if state.modal.is_some() || state.find.is_some() || state.filter_prompt.is_some() {
        return Vec::new();
    }
    match mouse.kind {
        MouseKind::WheelUp | MouseKind::WheelDown => {
            let motion = if mouse.kind == MouseKind::WheelUp {
                Action::Up
            } else {
                Action::Down
            };
            let mut effects = Vec::new();
            for _ in 0..WHEEL_ROWS {
                effects.extend(command(state, motion.clone()));
            }
            effects
        }
        MouseKind::Click | MouseKind::DoubleClick => {
            let selected = select_at(state, mouse.row);
            if selected && state.view == View::Dashboard {
                select_column_at(state, mouse.column);
            }
            if selected && mouse.kind == MouseKind::DoubleClick {
                command(state, Action::Open)
            } else {
                Vec::new()
            }
        }
    }
}

/// On the dashboard, selects the recommendation whose cell is at screen
/// column `x`, as the drawing lays the columns out (a click on the name
/// or the progress leaves the column as it was).
fn select_column_at(state: &mut State, x: u16) {
    let width = usize::from(state.size.0);
    let Some(board) = state.data() else {
        return;
    };
    let shown = &board.arranged.columns;
    let at = shown.iter().position(|&c| c == state.column).unwrap_or(0);
    let cell = layout::cell_for(board.dataset.recommendations.len(), layout::DASHBOARD_CELL);
    let longest = board.name_widths.0.max("Actor".len());
    let columns = layout::columns(width, shown.len(), at, cell, longest);
    let Some(offset) = usize::from(x).checked_sub(columns.name + 1) else {
        return;
    };
    let position = offset / columns.cell.max(1);
    if position < columns.shown
        && let Some(&column) = shown.get(columns.first + position)
    {
        state.column = column;
    }
}

/// Selects the actor or government on screen row `y`; whether there was one.
fn select_at(state: &mut State, y: u16) -> bool {
    let height = state.size.1;
    let Some(board) = state.data() else {
        return false;
    };
    let y = usize::from(y);
    match state.view {
        View::Dashboard => {
            let parts = layout::dashboard(height);
            let top = usize::from(parts.title)
                + 2 * usize::from(parts.calendar)
                + usize::from(parts.recommendation)
                + usize::from(parts.header);
            let Some(row) = y
                .checked_sub(top)
                .filter(|r| *r < parts.list)
                .map(|r| r + state.dashboard.offset)
            else {
                return false;
            };
            if !matches!(board.rows.get(row), Some(Row::Actor(_))) {
                return false;
            }
            state.dashboard.selected = row;
        }
        View::Tracker => {
            let parts = layout::tracker(height);
            let top = usize::from(parts.title)
                + usize::from(parts.recommendation)
                + usize::from(parts.header)
                + if parts.counts {
                    layout::TRACKER_COUNTS
                } else {
                    0
                };
            let Some(row) = y
                .checked_sub(top)
                .filter(|r| *r < parts.list)
                .map(|r| r + state.tracker.offset)
            else {
                return false;
            };
            if row >= board.governments.len() {
                return false;
            }
            state.tracker.selected = row;
        }
        _ => return false,
    }
    super::navigate::settle(state);
    true
}
