//! Progress over time (first clock) as a ratatui `Chart`, the milestones
//! marked, with the figures at each milestone beneath; and the record's
//! activity (second clock): commits per week, by author.

use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph};

use super::{theme, truncate};
use crate::app::travel::ActivityState;
use crate::app::{Action, Mode, State};
use crate::model::{Activity, ActorKind, ProgressSeries};

/// A chart needs this many rows to say anything; below it, words.
const LEAST_CHART: u16 = 5;

fn x_of(date: NaiveDate) -> f64 {
    f64::from(date.num_days_from_ce())
}

/// How each line is drawn without colour, and its glyph in the legend: each
/// its own, so the lines read apart on a `NO_COLOR` terminal. Overall (the
/// first) is a double line, drawn last, over the others.
const MARKERS: [(Marker, &str); 6] = [
    (Marker::Custom('═'), "═"),
    (Marker::Custom('+'), "+"),
    (Marker::Custom('x'), "x"),
    (Marker::Custom('o'), "o"),
    (Marker::Custom('~'), "~"),
    (Marker::Custom('^'), "^"),
];

/// The marker of line `index`: braille throughout when colours tell the
/// lines apart (the finest lines), else each line's own.
fn marker(state: &State, index: usize) -> (Marker, &'static str) {
    if state.color {
        return (Marker::Braille, "━");
    }
    MARKERS
        .get(index)
        .copied()
        .unwrap_or((Marker::Custom('*'), "*"))
}

/// The colour of each line; with colours off, they differ by their marker
/// (see [`MARKERS`]), by name in the legend and in the table of figures.
fn colour(state: &State, index: usize) -> Style {
    const COLOURS: [Color; 6] = [
        Color::Reset,
        Color::Cyan,
        Color::Yellow,
        Color::Magenta,
        Color::Green,
        Color::Blue,
    ];
    if !state.color {
        return Style::new();
    }
    Style::new().fg(COLOURS.get(index).copied().unwrap_or(Color::Gray))
}

/// A group's name in the table's narrow columns.
fn short(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Government => "Govts",
        ActorKind::Intergovernmental => "Inter",
        ActorKind::Industry => "Indus",
        ActorKind::CivilSociety => "Civil",
        ActorKind::Academia => "Acad",
    }
}

/// Draws the chart view; returns the status line's text.
pub(crate) fn render(state: &State, frame: &mut Frame, area: Rect) -> String {
    if state.travel.chart.activity_shown {
        activity(state, frame, area);
        return state
            .keymap
            .hint(Mode::Chart, &[Action::ProgressChart, Action::Back]);
    }
    progress(state, frame, area);
    // The other span, one key away.
    let span = if state.travel.chart.full_span {
        Action::Right
    } else {
        Action::Left
    };
    state
        .keymap
        .hint(Mode::Chart, &[span, Action::ProgressChart, Action::Back])
}

/// Steps: progress holds from one point to the next.
fn steps(points: impl Iterator<Item = (NaiveDate, f64)>) -> Vec<(f64, f64)> {
    let mut data: Vec<(f64, f64)> = Vec::new();
    for (date, value) in points {
        let x = x_of(date);
        if let Some(&(_, before)) = data.last() {
            data.push((x, before));
        }
        data.push((x, value));
    }
    data
}

fn share(progress: &crate::model::Progress) -> f64 {
    progress.share().unwrap_or(0.0) * 100.0
}

fn progress(state: &State, frame: &mut Frame, area: Rect) {
    let theme = theme(state);
    let width = usize::from(area.width);
    let Some(series) = state.travel.chart.series.as_ref() else {
        frame.render_widget(Paragraph::new("No progress to chart"), area);
        return;
    };
    // By default the story's span (the report's chart shows the same); the
    // oldest fact on record is one key away.
    let span = if state.travel.chart.full_span {
        series.span()
    } else {
        series.story_span()
    };
    let Some((first, last)) = span else {
        frame.render_widget(Paragraph::new("No evidence to chart"), area);
        return;
    };
    let kinds: Vec<ActorKind> = series
        .points
        .last()
        .map(|p| p.groups.iter().map(|g| g.kind).collect())
        .unwrap_or_default();
    let title = format!("Progress over time · first clock (evidence dates) · {first} → {last}");
    let mut lines = vec![Line::from(Span::styled(
        truncate(&title, width),
        theme.title,
    ))];

    let table = figures(series, &kinds, width);
    let legend = legend(state, &kinds, width);
    let body = area.height.saturating_sub(1);
    // The chart first; the legend and then the figures when there is room.
    let with_table = body >= LEAST_CHART + 2 + u16::try_from(table.len()).unwrap_or(u16::MAX);
    let with_legend = body > LEAST_CHART + 1;
    let below = u16::from(with_legend)
        + if with_table {
            u16::try_from(table.len()).unwrap_or(0)
        } else {
            0
        };
    let chart_height = body.saturating_sub(below);
    if chart_height < LEAST_CHART || area.width < 20 {
        // Too small to draw: the figures that matter, in words.
        // From where the chart starts, as the title says.
        let start = series.at(first).or(series.points.first());
        if let (Some(start), Some(end)) = (start, series.points.last()) {
            lines.push(Line::from(truncate(
                &format!(
                    "Overall {}% → {}%",
                    start.overall.percent(),
                    end.overall.percent()
                ),
                width,
            )));
        }
        for m in &series.milestones {
            if let Some(p) = series.at(m.date.0) {
                lines.push(Line::from(truncate(
                    &format!("{} {}%", m.date, p.overall.percent()),
                    width,
                )));
            }
        }
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    frame.render_widget(Paragraph::new(lines), Rect { height: 1, ..area });

    // The points in the window, starting with where things stood at its
    // first day.
    let shown: Vec<&crate::model::ProgressPoint> = series
        .at(first)
        .into_iter()
        .chain(series.points.iter().filter(|p| p.date > first))
        .collect();
    let from_first = |date: NaiveDate| date.max(first);
    let overall = steps(
        shown
            .iter()
            .map(|p| (from_first(p.date), share(&p.overall))),
    );
    let groups: Vec<Vec<(f64, f64)>> = kinds
        .iter()
        .map(|kind| {
            steps(
                shown
                    .iter()
                    .map(|p| (from_first(p.date), p.group(*kind).map_or(0.0, share))),
            )
        })
        .collect();
    let marks: Vec<[(f64, f64); 2]> = series
        .milestones
        .iter()
        .filter(|m| m.date.0 >= first && m.date.0 <= last)
        .map(|m| [(x_of(m.date.0), 0.0), (x_of(m.date.0), 100.0)])
        .collect();
    let mut datasets: Vec<Dataset> = marks
        .iter()
        .map(|mark| {
            Dataset::default()
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(theme.dim)
                .data(mark)
        })
        .collect();
    for (i, data) in groups.iter().enumerate() {
        datasets.push(
            Dataset::default()
                .marker(marker(state, i + 1).0)
                .graph_type(GraphType::Line)
                .style(colour(state, i + 1))
                .data(data),
        );
    }
    datasets.push(
        Dataset::default()
            .marker(marker(state, 0).0)
            .graph_type(GraphType::Line)
            .style(colour(state, 0).add_modifier(Modifier::BOLD))
            .data(&overall),
    );
    let (x0, x1) = (x_of(first), x_of(last).max(x_of(first) + 1.0));
    let middle = first + chrono::Days::new(((x1 - x0) / 2.0) as u64);
    // Three dates where they fit side by side, else the ends, else years.
    let labels = match area.width {
        60.. => vec![first.to_string(), middle.to_string(), last.to_string()],
        40..60 => vec![first.to_string(), last.to_string()],
        _ => vec![first.year().to_string(), last.year().to_string()],
    };
    let chart = Chart::new(datasets)
        .legend_position(None)
        .x_axis(Axis::default().bounds([x0, x1]).labels(labels))
        .y_axis(
            Axis::default()
                .bounds([0.0, 100.0])
                .labels(["0%", "50%", "100%"]),
        );
    let chart_area = Rect {
        y: area.y + 1,
        height: chart_height,
        ..area
    };
    frame.render_widget(chart, chart_area);
    let mut y = chart_area.bottom();
    if with_legend {
        frame.render_widget(
            Paragraph::new(legend),
            Rect {
                y,
                height: 1,
                ..area
            },
        );
        y += 1;
    }
    if with_table {
        let height = area.bottom().saturating_sub(y);
        frame.render_widget(Paragraph::new(table), Rect { y, height, ..area });
    }
}

/// The legend: each line's name in its colour, and how milestones show.
fn legend(state: &State, kinds: &[ActorKind], width: usize) -> Line<'static> {
    let theme = theme(state);
    let make = |name: fn(ActorKind) -> &'static str| {
        let mut spans = vec![Span::styled(
            format!("{} Overall", marker(state, 0).1),
            colour(state, 0).add_modifier(Modifier::BOLD),
        )];
        for (i, kind) in kinds.iter().enumerate() {
            spans.push(Span::raw("  "));
            spans.push(Span::styled(
                format!("{} {}", marker(state, i + 1).1, name(*kind)),
                colour(state, i + 1),
            ));
        }
        spans.push(Span::styled("  │ milestones", theme.dim));
        Line::from(spans)
    };
    // The groups' headings when they fit, else the table's short names.
    let long = make(ActorKind::heading);
    if long.width() <= width {
        return long;
    }
    super::clip(make(short), width)
}

/// The figures at each milestone (and the series' end): the chart's values
/// to read exactly.
fn figures(series: &ProgressSeries, kinds: &[ActorKind], width: usize) -> Vec<Line<'static>> {
    let columns = 1 + kinds.len();
    let name = width.saturating_sub(columns * 6).max(12);
    let mut header = format!("{:<name$}", "At the milestones");
    header.push_str(&format!("{:>6}", "All"));
    for kind in kinds {
        header.push_str(&format!("{:>6}", short(*kind)));
    }
    let mut lines = vec![Line::from(Span::styled(
        truncate(&header, width),
        Style::new().add_modifier(Modifier::UNDERLINED),
    ))];
    let end = series.span().map(|s| s.1);
    let mut rows: Vec<(NaiveDate, String)> = series
        .milestones
        .iter()
        .filter(|m| end.is_none_or(|end| m.date.0 <= end))
        .map(|m| (m.date.0, format!("{} {}", m.date, m.title)))
        .collect();
    if let Some(end) = end {
        rows.push((end, format!("{end} end of the chart (today)")));
    }
    for (date, label) in rows {
        let Some(point) = series.at(date) else {
            continue;
        };
        let mut text = super::fit(&label, name);
        text.push_str(&format!("{:>5}%", point.overall.percent()));
        for kind in kinds {
            let percent = point.group(*kind).map_or(0, |p| p.percent());
            text.push_str(&format!("{percent:>5}%"));
        }
        lines.push(Line::from(truncate(&text, width)));
    }
    lines
}

/// The record's activity: commits per week, a line per author (the most
/// active few; the rest together).
fn activity(state: &State, frame: &mut Frame, area: Rect) {
    let theme = theme(state);
    let width = usize::from(area.width);
    let title = "Record activity · second clock (commits) · per week, by author";
    let mut lines = vec![Line::from(Span::styled(
        truncate(title, width),
        theme.title,
    ))];
    let activity = match &state.travel.chart.activity {
        ActivityState::Ready(activity) => activity,
        ActivityState::NotAsked => {
            lines.push(Line::from("Not read yet"));
            frame.render_widget(Paragraph::new(lines), area);
            return;
        }
        ActivityState::Loading(how_far) => {
            lines.push(Line::from(truncate(how_far, width)));
            frame.render_widget(Paragraph::new(lines), area);
            return;
        }
        ActivityState::Failed(why) => {
            lines.push(Line::from(truncate(
                &format!("Could not read the record: {why}"),
                width,
            )));
            frame.render_widget(Paragraph::new(lines), area);
            return;
        }
    };
    let authors = leading_authors(activity, 4);
    let total = activity.total();
    let mut legend: Vec<Span> = Vec::new();
    for (i, (name, count)) in authors.iter().enumerate() {
        if i > 0 {
            legend.push(Span::raw("  "));
        }
        legend.push(Span::styled(
            format!("━ {} {count}", super::clean(name)),
            colour(state, i + 1),
        ));
    }
    let (Some(first), Some(last)) = (activity.weeks.first(), activity.weeks.last()) else {
        lines.push(Line::from("No commits yet"));
        frame.render_widget(Paragraph::new(lines), area);
        return;
    };
    let weeks = activity.weeks.len();
    lines.push(Line::from(truncate(
        &format!(
            "{total} commit{} in {weeks} week{} with commits, {} → {}",
            if total == 1 { "" } else { "s" },
            if weeks == 1 { "" } else { "s" },
            first.monday,
            last.monday
        ),
        width,
    )));
    let chart_height = area.height.saturating_sub(3);
    if chart_height < LEAST_CHART || area.width < 20 || weeks < 3 {
        // Too few weeks for a line (or too little room): the weeks in words,
        // the latest first.
        lines.push(super::clip(Line::from(legend), width));
        for week in activity.weeks.iter().rev() {
            let who: Vec<String> = week
                .by_author
                .iter()
                .map(|(name, n)| format!("{} {n}", super::clean(name)))
                .collect();
            lines.push(Line::from(truncate(
                &format!("week of {}: {}", week.monday, who.join(" · ")),
                width,
            )));
        }
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    frame.render_widget(Paragraph::new(lines), Rect { height: 2, ..area });
    let series: Vec<Vec<(f64, f64)>> = authors
        .iter()
        .map(|(name, _)| {
            activity
                .weeks
                .iter()
                .map(|w| {
                    let n = if name == OTHERS {
                        w.by_author
                            .iter()
                            .filter(|(a, _)| !authors.iter().any(|(b, _)| b == *a))
                            .map(|(_, n)| *n)
                            .sum()
                    } else {
                        w.by_author.get(name).copied().unwrap_or(0)
                    };
                    (x_of(w.monday), n as f64)
                })
                .collect()
        })
        .collect();
    let most = series
        .iter()
        .flatten()
        .map(|(_, y)| *y)
        .fold(1.0_f64, f64::max);
    let datasets: Vec<Dataset> = series
        .iter()
        .enumerate()
        .map(|(i, data)| {
            Dataset::default()
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(colour(state, i + 1))
                .data(data)
        })
        .collect();
    let (x0, x1) = (
        x_of(first.monday),
        x_of(last.monday).max(x_of(first.monday) + 7.0),
    );
    let chart = Chart::new(datasets)
        .legend_position(None)
        .x_axis(
            Axis::default()
                .bounds([x0, x1])
                .labels([first.monday.to_string(), last.monday.to_string()]),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, most])
                .labels(["0".to_string(), format!("{most}")]),
        );
    frame.render_widget(
        chart,
        Rect {
            y: area.y + 2,
            height: chart_height,
            ..area
        },
    );
    frame.render_widget(
        Paragraph::new(super::clip(Line::from(legend), width)),
        Rect {
            y: area.y + 2 + chart_height,
            height: 1,
            ..area
        },
    );
}

const OTHERS: &str = "others";

/// The `n` authors with the most commits (and "others" for the rest).
fn leading_authors(activity: &Activity, n: usize) -> Vec<(String, usize)> {
    let mut totals: std::collections::BTreeMap<&str, usize> = Default::default();
    for week in &activity.weeks {
        for (author, count) in &week.by_author {
            *totals.entry(author.as_str()).or_default() += count;
        }
    }
    let mut ranked: Vec<(String, usize)> = totals
        .into_iter()
        .map(|(a, c)| (a.to_string(), c))
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    if ranked.len() > n {
        let rest: usize = ranked.iter().skip(n).map(|(_, c)| c).sum();
        ranked.truncate(n);
        ranked.push((OTHERS.to_string(), rest));
    }
    ranked
}
