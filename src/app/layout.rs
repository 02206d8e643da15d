//! How the matrix views share the screen: which lines of chrome fit above
//! the list, how many rows the list gets, which recommendation columns are
//! shown beside a readable name. Pure arithmetic, used both by `navigate`
//! (to keep the selection on screen) and by the drawing, so the two always
//! agree on what is visible.

/// The fewest columns a name keeps before recommendation columns are
/// scrolled away; a longest name shorter than this keeps its own width.
pub const PINNED_NAME: usize = 16;
/// The least width of one recommendation's cell on the dashboard: a
/// symbol between spaces.
pub const DASHBOARD_CELL: usize = 3;
/// The progress bar's cells.
pub const BAR: usize = 10;
/// The progress column with its bar ("██████████ 100%").
pub const PROGRESS_WITH_BAR: usize = BAR + 5;
/// The progress column without its bar (" 47%").
pub const PROGRESS_ALONE: usize = 4;

/// The lines above the body: the whole height but the status line, which a
/// single-row terminal gives up so that the selected row still shows.
pub fn body_height(height: u16) -> u16 {
    if height >= 2 { height - 1 } else { height }
}

/// What the dashboard draws above its list, and the list's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DashboardLines {
    /// The dataset's title with the overall progress.
    pub title: bool,
    /// The two lines about the reconvening and the next milestone.
    pub calendar: bool,
    /// The selected recommendation's number and title.
    pub recommendation: bool,
    /// The column header.
    pub header: bool,
    /// Rows left for actors and headings (at least one).
    pub list: usize,
}

/// What the tracker draws above its list of governments, and the list's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrackerLines {
    /// The tracker's title.
    pub title: bool,
    /// The selected recommendation's number and title.
    pub recommendation: bool,
    /// The column header.
    pub header: bool,
    /// The counts per status (and a blank line after them).
    pub counts: bool,
    /// Rows left for governments (at least one).
    pub list: usize,
}

/// Rows the counts block of the tracker takes: one per status and a blank.
pub const TRACKER_COUNTS: usize = crate::model::Status::ALL.len() + 1;

/// Keeps the parts of chrome, most useful first, that leave the list a fair
/// share of the body; returns which were kept and the rows left.
fn stack<const N: usize>(height: u16, parts: [usize; N]) -> ([bool; N], usize) {
    let body = usize::from(body_height(height));
    // The list keeps half of a small body and at least five rows of a
    // large one; chrome goes first, the selected row never.
    let keep = (body / 2).clamp(1, 5);
    let mut used = 0;
    let mut kept = [false; N];
    for (slot, lines) in kept.iter_mut().zip(parts) {
        if used + lines + keep <= body {
            used += lines;
            *slot = true;
        }
    }
    (kept, body.saturating_sub(used).max(1))
}

/// The dashboard's lines for a terminal `height` rows high.
pub fn dashboard(height: u16) -> DashboardLines {
    // In order of use: the header names the columns, the recommendation
    // line says what the selected column is, then the headline.
    let ([header, recommendation, title, calendar], list) = stack(height, [1, 1, 1, 2]);
    DashboardLines {
        title,
        calendar,
        recommendation,
        header,
        list,
    }
}

/// The tracker's lines for a terminal `height` rows high.
pub fn tracker(height: u16) -> TrackerLines {
    let ([header, recommendation, title, counts], list) = stack(height, [1, 1, 1, TRACKER_COUNTS]);
    TrackerLines {
        title,
        recommendation,
        header,
        counts,
        list,
    }
}

/// The first of `total` rows to show in `visible` rows so that `selected`
/// is on screen, starting from the last frame's `offset`: the window moves
/// only as far as it must, and is pulled back when rows below it would be
/// left empty (after the terminal grew, for instance).
pub fn window(selected: usize, offset: usize, total: usize, visible: usize) -> usize {
    let visible = visible.max(1);
    let mut first = offset.min(total.saturating_sub(visible));
    first = first.min(selected);
    if selected >= first + visible {
        first = selected + 1 - visible;
    }
    first
}

/// The dashboard's window: as [`window`], and the selected actor's kind
/// heading shows above it when it is the first of its kind and there is room.
pub fn window_under_heading(
    selected: usize,
    offset: usize,
    total: usize,
    visible: usize,
    heading_above: bool,
) -> usize {
    let top = if heading_above && visible > 1 {
        selected.saturating_sub(1)
    } else {
        selected
    };
    window(selected, offset.min(top), total, visible)
}

/// How a matrix's width is shared: the name column, a window of the
/// recommendation columns, and the progress column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    /// Columns for the name (the actor's, or a row's label).
    pub name: usize,
    /// Width of one recommendation cell.
    pub cell: usize,
    /// The first recommendation column shown (index among the columns).
    pub first: usize,
    /// How many recommendation columns are shown.
    pub shown: usize,
    /// Width of the progress column: with its bar, the percentage alone, or 0.
    pub progress: usize,
}

impl Columns {
    /// Whether every recommendation column is on screen.
    pub fn all_shown(&self, columns: usize) -> bool {
        self.first == 0 && self.shown >= columns
    }
}

/// Shares `width` between a name, `columns` recommendation cells `cell`
/// wide and the progress. As the width shrinks the progress bar goes first
/// (the percentage stays), then recommendation columns scroll so that
/// `selected` stays in view, and only then does the name get narrower than
/// its pinned width (`PINNED_NAME`, or `longest_name` if shorter).
pub fn columns(
    width: usize,
    columns: usize,
    selected: usize,
    cell: usize,
    longest_name: usize,
) -> Columns {
    let pinned = longest_name.clamp(1, PINNED_NAME);
    // One column is left spare on the right, and one separates the name.
    let room = width.saturating_sub(2);
    let all = columns * cell;
    let (shown, progress) = if room >= pinned + all + PROGRESS_WITH_BAR {
        (columns, PROGRESS_WITH_BAR)
    } else if room >= pinned + all + PROGRESS_ALONE {
        (columns, PROGRESS_ALONE)
    } else {
        let fit = room.saturating_sub(pinned + PROGRESS_ALONE) / cell.max(1);
        let shown = fit.clamp(1.min(columns), columns);
        if room > shown * cell + PROGRESS_ALONE {
            (shown, PROGRESS_ALONE)
        } else {
            (shown, 0)
        }
    };
    let name = room.saturating_sub(shown * cell + progress).max(1);
    // Columns scroll a window at a time, so the window is known from the
    // selection alone.
    let first = selected
        .min(columns.saturating_sub(1))
        .checked_div(shown)
        .map_or(0, |page| (page * shown).min(columns - shown));
    Columns {
        name,
        cell,
        first,
        shown,
        progress,
    }
}

/// The width of a cell that shows numbers up to `largest` and a symbol,
/// at least `least`: a number is never cut.
pub fn cell_for(largest: usize, least: usize) -> usize {
    (largest.to_string().len() + 1).max(least)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tall_screen_keeps_all_chrome_and_a_short_one_keeps_the_selected_row() {
        let full = dashboard(24);
        assert!(full.title && full.calendar && full.recommendation && full.header);
        assert_eq!(full.list, 24 - 1 - 5);
        let small = dashboard(5);
        assert!(small.header && small.recommendation && !small.title && !small.calendar);
        assert_eq!(small.list, 2);
        assert_eq!(dashboard(2).list, 1);
        assert_eq!(dashboard(1).list, 1);
        // The tracker's counts give way before the list shrinks to nothing.
        let tracker_12 = tracker(12);
        assert!(!tracker_12.counts && tracker_12.header);
        assert!(tracker_12.list >= 5);
        assert!(tracker(24).counts);
    }

    #[test]
    fn the_window_follows_the_selection_and_fills_its_rows() {
        assert_eq!(window(0, 0, 50, 10), 0);
        assert_eq!(window(12, 0, 50, 10), 3);
        assert_eq!(window(5, 8, 50, 10), 5);
        // Grown back after showing the end: pulled back so no row is empty.
        assert_eq!(window(49, 48, 50, 30), 20);
        assert_eq!(window(3, 0, 2, 10), 0);
    }

    #[test]
    fn narrow_widths_drop_the_bar_then_scroll_columns_before_the_name() {
        let wide = columns(80, 12, 0, 3, 40);
        assert_eq!((wide.shown, wide.progress, wide.name), (12, 15, 27));
        let middle = columns(60, 12, 0, 3, 40);
        assert_eq!((middle.shown, middle.progress), (12, 4));
        assert_eq!(middle.name, 60 - 2 - 36 - 4);
        let narrow = columns(40, 12, 7, 3, 40);
        assert_eq!(narrow.name, PINNED_NAME);
        assert_eq!(narrow.shown, 6);
        assert!((narrow.first..narrow.first + narrow.shown).contains(&7));
        let tiny = columns(20, 12, 11, 3, 40);
        assert!(tiny.shown >= 1 && tiny.name >= 1);
        assert!((tiny.first..tiny.first + tiny.shown).contains(&11));
        assert!(tiny.name + tiny.shown * 3 + tiny.progress + 2 <= 20);
    }

    #[test]
    fn cells_grow_to_hold_their_numbers() {
        assert_eq!(cell_for(27, 4), 4);
        assert_eq!(cell_for(12_000, 4), 6);
        assert_eq!(cell_for(9, 3), 3);
    }
}
