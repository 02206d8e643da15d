//! The dashboard: the headline, then actors × recommendations.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, bar, clean, column_header, fit, matrix_hint, theme, truncate};
use crate::app::{Board, Row, State};
use crate::model::Manifest;

const CELL: usize = 3;
const BAR: usize = 10;
const PROGRESS: usize = BAR + 6;

/// Draws the dashboard; returns the status line's text.
pub(super) fn render(state: &State, board: &Board, frame: &mut Frame, area: Rect) -> String {
    let theme = theme(state);
    let width = usize::from(area.width);
    let dataset = &board.dataset;
    let recs = &dataset.recommendations;
    let mut lines = Vec::with_capacity(usize::from(area.height));

    // The count of warnings comes first, so that an 80-column terminal cuts
    // the title rather than the one thing that needs attention.
    let warned = match board.warnings.len() {
        0 => String::new(),
        n => format!(
            "{n} warning{} ({}) · ",
            if n == 1 { "" } else { "s" },
            state.keymap.first_key(crate::app::Action::Warnings)
        ),
    };
    lines.push(Line::from(Span::styled(
        truncate(
            &format!(
                "{warned}{} · overall progress {}%",
                dataset.manifest.title,
                board.overall.percent()
            ),
            width,
        ),
        theme.title,
    )));
    for line in calendar(&dataset.manifest, state.today) {
        lines.push(Line::from(truncate(&line, width)));
    }
    let selected_rec = recs.get(state.column);
    lines.push(Line::from(match selected_rec {
        Some(rec) => truncate(&format!("{:>2}. {}", state.column + 1, rec.title), width),
        None => "No recommendations in this dataset".to_string(),
    }));

    // Columns: name, one narrow cell per recommendation, progress.
    let cells = recs.len() * CELL;
    let name_width = width.saturating_sub(cells + PROGRESS + 1).max(1);
    lines.push(column_header(
        &theme,
        fit("Actor", name_width),
        0..recs.len(),
        state.column,
        CELL,
    ));

    let visible = usize::from(area.height).saturating_sub(lines.len());
    let selected_row = state.dashboard.selected;
    for (row_index, row) in board
        .rows
        .iter()
        .enumerate()
        .skip(state.dashboard.offset)
        .take(visible)
    {
        lines.push(match *row {
            Row::Heading(kind) => {
                Line::from(Span::styled(truncate(kind.heading(), width), theme.heading))
            }
            Row::Actor(index) => actor_row(
                state,
                board,
                index,
                row_index == selected_row,
                name_width,
                &theme,
            ),
        });
    }
    frame.render_widget(Paragraph::new(lines), area);

    let hint = matrix_hint(state);
    match (state.selected_actor(), selected_rec) {
        (Some(index), Some(rec)) => {
            let actor = &dataset.actors[index];
            let status = if actor.is_graded_on(rec) {
                actor.status_on(&rec.id).label()
            } else {
                "not graded"
            };
            format!(
                "{} · {} · {status} │ {hint}",
                clean(&actor.name),
                clean(&rec.id)
            )
        }
        _ => hint,
    }
}

fn actor_row(
    state: &State,
    board: &Board,
    index: usize,
    selected: bool,
    name_width: usize,
    theme: &Theme,
) -> Line<'static> {
    let dataset = &board.dataset;
    let actor = &dataset.actors[index];
    let name_style = if selected {
        theme.selected
    } else {
        ratatui::style::Style::new()
    };
    let mut spans = vec![
        Span::styled(fit(&actor.name, name_width), name_style),
        Span::raw(" "),
    ];
    for (i, rec) in dataset.recommendations.iter().enumerate() {
        let (text, mut style) = if actor.is_graded_on(rec) {
            let status = actor.status_on(&rec.id);
            (format!(" {} ", status.symbol()), theme.status(status))
        } else {
            ("   ".to_string(), theme.dim)
        };
        if selected && i == state.column {
            style = style.patch(theme.selected);
        }
        spans.push(Span::styled(text, style));
    }
    let progress = actor.progress(&dataset.recommendations);
    spans.push(Span::raw(bar(progress.percent(), BAR)));
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
}
