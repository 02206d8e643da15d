//! The dashboard: the headline, then actors × recommendations.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, clean, column_header, fit, matrix_hint, progress_cell, theme, truncate};
use crate::app::layout::{self, Columns};
use crate::app::{Action, Board, Row, State};
use crate::model::Manifest;

/// The least width of one recommendation's cell: a symbol between spaces.
const CELL: usize = layout::DASHBOARD_CELL;

/// Draws the dashboard; returns the status line's text.
pub(super) fn render(state: &State, board: &Board, frame: &mut Frame, area: Rect) -> String {
    let theme = theme(state);
    let width = usize::from(area.width);
    let dataset = &board.dataset;
    let recs = &dataset.recommendations;
    let parts = layout::dashboard(frame.area().height);
    let mut lines = Vec::with_capacity(usize::from(area.height));

    if parts.title {
        let avail = width.saturating_sub(super::dataset_room(state, width));
        // Under a filter the figure is the listed actors', and says so.
        let (percent, of) = if board.is_narrowed() {
            let of = (board.arranged.actors, dataset.actors.len());
            (board.arranged.progress.percent(), Some(of))
        } else {
            (board.overall.percent(), None)
        };
        let text = headline(
            &dataset.manifest.title,
            board.warnings.len(),
            &state.key_for(crate::app::Mode::Normal, &crate::app::Action::Warnings),
            (percent, of),
            avail,
        );
        lines.push(Line::from(Span::styled(
            truncate(&text, width),
            theme.title,
        )));
    }
    let summary = crate::app::filter::summary(state, board, false);
    if parts.calendar {
        // A past view says so where the calendar (which counts from today)
        // was; the filter and the sort in force take the second line.
        let [first, second] = match super::travel::past_calendar(state, width) {
            Some([past, then]) => [past, then],
            None => {
                let [reconvening, next] = calendar(&dataset.manifest, state.today);
                [
                    Line::from(truncate(&reconvening, width)),
                    Line::from(truncate(&next, width)),
                ]
            }
        };
        lines.push(first);
        lines.push(match &summary {
            Some(summary) => Line::from(Span::styled(truncate(summary, width), theme.heading)),
            None => second,
        });
    }
    let selected_rec = recs.get(state.column);
    if parts.recommendation {
        lines.push(Line::from(match selected_rec {
            Some(rec) => truncate(&format!("{:>2}. {}", state.column + 1, rec.title), width),
            None => truncate("No recommendations in this dataset", width),
        }));
    }

    // Columns: name, a window of narrow cells (one per recommendation the
    // filter shows), progress.
    let shown = &board.arranged.columns;
    let at = shown.iter().position(|&c| c == state.column).unwrap_or(0);
    let longest = board.name_widths.0.max("Actor".len());
    let cell = layout::cell_for(recs.len(), CELL);
    let columns = layout::columns(width, shown.len(), at, cell, longest);
    if parts.header {
        lines.push(column_header(
            &theme,
            fit(
                &scrolled_label("Actor", &columns, shown.len()),
                columns.name,
            ),
            shown.iter().copied().enumerate(),
            at,
            &columns,
            "Progress",
        ));
    }

    if dataset.actors.is_empty() {
        let how = format!(
            "No actors yet: press {} to add the first one",
            state.key_for(crate::app::Mode::Normal, &Action::AddActor)
        );
        lines.extend(super::wrap(&how, width, "").into_iter().map(Line::from));
    }
    if board.rows.is_empty() && !dataset.actors.is_empty() {
        let how = format!(
            "No actor matches the filter: press {} to change it, {} to clear it",
            state.key_for(crate::app::Mode::Dashboard, &Action::Filter),
            state.key_for(crate::app::Mode::Dashboard, &Action::ClearFilter)
        );
        lines.extend(super::wrap(&how, width, "").into_iter().map(Line::from));
    }
    let visible = usize::from(area.height).saturating_sub(lines.len());
    let selected_row = state.dashboard.selected;
    let heading_above =
        selected_row > 0 && matches!(board.rows.get(selected_row - 1), Some(Row::Heading(_)));
    let first = layout::window_under_heading(
        selected_row,
        state.dashboard.offset,
        board.rows.len(),
        visible,
        heading_above,
    );
    for (row_index, row) in board.rows.iter().enumerate().skip(first).take(visible) {
        lines.push(match *row {
            Row::Heading(kind) => {
                Line::from(Span::styled(truncate(kind.heading(), width), theme.heading))
            }
            Row::Actor(index) => actor_row(
                state,
                board,
                index,
                row_index == selected_row,
                &columns,
                &theme,
            ),
        });
    }
    frame.render_widget(Paragraph::new(lines), area);

    // No room for the filter's line: the status line starts with its count.
    let counted = match summary {
        Some(_) if !parts.calendar && board.is_narrowed() => format!(
            "{} of {} shown │ ",
            board.arranged.actors,
            dataset.actors.len()
        ),
        _ => String::new(),
    };
    let hint = matrix_hint(state);
    let selected = state
        .selected_actor()
        .and_then(|index| dataset.actors.get(index));
    match (selected, selected_rec) {
        (Some(actor), Some(rec)) => {
            let status = if actor.is_graded_on(rec) {
                actor.status_on(&rec.id).label()
            } else {
                "not graded"
            };
            format!(
                "{counted}{} · {} · {status} │ {hint}",
                clean(&actor.name),
                clean(&rec.id)
            )
        }
        _ => format!("{counted}{hint}"),
    }
}

/// The name column's heading; when columns are scrolled away, which are shown
/// ("Actor 7-12/12"), if that fits.
pub(super) fn scrolled_label(label: &str, columns: &Columns, total: usize) -> String {
    if columns.all_shown(total) || columns.shown == 0 {
        return label.to_string();
    }
    let long = format!(
        "{label} {}-{}/{total}",
        columns.first + 1,
        columns.first + columns.shown
    );
    if super::width_of(&long) <= columns.name {
        long
    } else {
        label.to_string()
    }
}

fn actor_row(
    state: &State,
    board: &Board,
    index: usize,
    selected: bool,
    columns: &Columns,
    theme: &Theme,
) -> Line<'static> {
    let dataset = &board.dataset;
    let Some(actor) = dataset.actors.get(index) else {
        return Line::from("");
    };
    let name_style = if selected {
        theme.selected
    } else {
        ratatui::style::Style::new()
    };
    let mut spans = vec![
        Span::styled(fit(&actor.name, columns.name), name_style),
        Span::raw(" "),
    ];
    let pad = columns.cell.saturating_sub(2);
    let shown = board
        .arranged
        .columns
        .iter()
        .filter_map(|&i| dataset.recommendations.get(i).map(|r| (i, r)));
    for (i, rec) in shown.skip(columns.first).take(columns.shown) {
        let (text, mut style) = if actor.is_graded_on(rec) {
            let status = actor.status_on(&rec.id);
            let text = format!("{}{} ", " ".repeat(pad), status.symbol());
            (text, theme.status(status))
        } else {
            (" ".repeat(columns.cell), theme.dim)
        };
        if selected && i == state.column {
            style = style.patch(theme.selected);
        }
        spans.push(Span::styled(text, style));
    }
    let progress = if board.arranged.columns.len() == dataset.recommendations.len() {
        actor.progress(&dataset.recommendations)
    } else {
        let shown: Vec<_> = board
            .arranged
            .columns
            .iter()
            .filter_map(|&i| dataset.recommendations.get(i).cloned())
            .collect();
        actor.progress(&shown)
    };
    spans.push(Span::raw(progress_cell(
        progress.percent(),
        columns.progress,
    )));
    Line::from(spans)
}

/// Two lines: the time to or since the reconvening, then the next milestone
/// after `today` (or, when none is left, the latest one). The time comes
/// first so that a narrow terminal cuts the title, not the count. The
/// reconvening is named as what it is known to be, a planned event: that
/// stakeholders met and reported is not something the data can vouch for
/// (GRADING.md, rule 12).
pub(crate) fn calendar(manifest: &Manifest, today: NaiveDate) -> [String; 2] {
    let reconvening = match manifest.reconvening() {
        Some(m) => {
            let start = m.date.0;
            let end = m.end.map_or(start, |d| d.0);
            let when = if today > end {
                let days = (today - start).num_days();
                format!("Planned reconvening {days} day{} ago", plural(days))
            } else if today >= start {
                "Planned reconvening now".to_string()
            } else {
                let days = (start - today).num_days();
                format!("Planned reconvening in {days} day{}", plural(days))
            };
            format!("{when} ({}) · {}", m.date, clean(&m.title))
        }
        None => "No reconvening set".to_string(),
    };
    let next = match manifest.next_milestone(today) {
        Some(next) => {
            let days = (next.date.0 - today).num_days();
            format!(
                "Next: {} in {days} day{} ({})",
                clean(&next.title),
                plural(days),
                next.date
            )
        }
        None => match manifest
            .milestones
            .iter()
            .filter(|m| m.date.0 <= today)
            .max_by_key(|m| m.date)
        {
            Some(latest) => {
                let days = (today - latest.date.0).num_days();
                format!(
                    "Latest: {} {days} day{} ago ({})",
                    clean(&latest.title),
                    plural(days),
                    latest.date
                )
            }
            None => String::new(),
        },
    };
    [reconvening, next]
}

fn plural(n: i64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The headline in `room` columns: the count of warnings (the one thing that
/// needs attention), the dataset's title and the overall figure. The title
/// gives way first, then the longer wordings, so that the count and the
/// figure are never cut while any room is left for them.
fn headline(
    title: &str,
    warnings: usize,
    key: &str,
    (percent, of): (u16, Option<(usize, usize)>),
    room: usize,
) -> String {
    const TITLE_AT_LEAST: usize = 8;
    let plural = if warnings == 1 { "" } else { "s" };
    let warned = [
        format!("{warnings} warning{plural} ({key})"),
        format!("{warnings} warn."),
    ];
    let figures = match of {
        Some((shown, all)) => [
            format!("{shown} of {all} actors: progress {percent}%"),
            format!("{shown}/{all}: {percent}%"),
        ],
        None => [
            format!("overall progress {percent}%"),
            format!("{percent}%"),
        ],
    };
    let wordings = [(0, 0), (1, 0), (1, 1)];
    let fixed = |(w, f): (usize, usize)| {
        let warned = if warnings == 0 {
            String::new()
        } else {
            format!("{} · ", warned[w])
        };
        (warned, figures[f].clone())
    };
    for wording in wordings {
        let (warned, figure) = fixed(wording);
        let used = super::width_of(&warned) + super::width_of(&figure) + super::width_of(" · ");
        if used + TITLE_AT_LEAST <= room {
            let title = truncate(title, room - used);
            return format!("{warned}{title} · {figure}");
        }
    }
    for wording in wordings {
        let (warned, figure) = fixed(wording);
        if super::width_of(&warned) + super::width_of(&figure) <= room {
            return format!("{warned}{figure}");
        }
    }
    let (warned, figure) = fixed((1, 1));
    format!("{warned}{figure}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Blueprint, Day, Milestone};

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or(NaiveDate::MIN)
    }

    fn manifest() -> Manifest {
        Manifest {
            title: "Group".into(),
            blueprint: Blueprint {
                title: "B".into(),
                publisher: "P".into(),
                published: Day(day("2023-11-10")),
                url: None,
            },
            milestones: vec![Milestone {
                id: "forum".into(),
                title: "Forum".into(),
                date: Day(day("2024-11-11")),
                end: Some(Day(day("2024-11-12"))),
                place: None,
                reconvening: true,
                outcome: Some("No public report was found.".into()),
            }],
        }
    }

    #[test]
    fn the_reconvening_is_named_as_a_plan_before_during_and_after_it() {
        let line = |today: &str| calendar(&manifest(), day(today))[0].clone();
        assert_eq!(
            line("2024-11-01"),
            "Planned reconvening in 10 days (2024-11-11) · Forum"
        );
        assert_eq!(
            line("2024-11-12"),
            "Planned reconvening now (2024-11-11) · Forum"
        );
        assert_eq!(
            line("2026-12-01"),
            "Planned reconvening 750 days ago (2024-11-11) · Forum"
        );
        for today in ["2024-11-01", "2024-11-11", "2026-12-01"] {
            assert!(!line(today).contains("Reconvened"), "{today}");
        }
    }

    #[test]
    fn the_headline_keeps_the_count_and_the_figure_and_cuts_the_title_first() {
        let title = "Paris Call working group on cyber mercenaries";
        let at = |room| super::headline(title, 18, "w", (13, None), room);
        assert_eq!(
            at(80),
            "18 warnings (w) · Paris Call working group on cyber merc… · overall progress 13%"
        );
        assert_eq!(at(40), "18 warn. · Paris Call working gro… · 13%");
        assert_eq!(at(16), "18 warn. · 13%");
        assert_eq!(at(5), "18 warn. · 13%", "cut by the caller, never emptied");
        assert_eq!(
            super::headline(title, 0, "w", (13, None), 40),
            "Paris Call worki… · overall progress 13%"
        );
        assert_eq!(
            super::headline(title, 1, "w", (13, None), 100),
            "1 warning (w) · Paris Call working group on cyber mercenaries · overall progress 13%"
        );
    }
}
