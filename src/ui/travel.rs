//! Time travel on screen: the marked line of a past view, the prompt that
//! picks a point, and the delta between two points.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{clean, page_window, theme, truncate, width_of};
use crate::app::travel::{Clock, Delta, Entry, Picker, Point};
use crate::app::{Action, Mode, State, View};
use crate::model::evidence_label;

/// How a past view is marked: reversed, so it reads without colour too.
fn marked() -> Style {
    Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
}

/// The marked line of a past view, as long as `width` allows: the point
/// named in full, then shorter forms, never cut in the middle of a word.
pub(crate) fn past_line(state: &State, point: &Point, width: usize) -> String {
    let esc = state.key_for(Mode::Normal, &Action::Back);
    let short = match point {
        Point::AsOf { date, .. } => format!("as of {date}"),
        Point::Recorded { commit, .. } => format!("recorded {commit}"),
    };
    let candidates = [
        format!(
            "Past view: {} · read-only · {esc} returns to today",
            point.describe()
        ),
        format!("Past view: {} · read-only · {esc}: today", point.describe()),
        format!("Past view: {short} · read-only · {esc} returns to today"),
        format!("Past view: {short} · read-only · {esc}: today"),
        format!("Past: {short} · read-only"),
        format!("Past: {short}"),
    ];
    candidates
        .iter()
        .find(|c| width_of(c) <= width)
        .map_or_else(|| truncate(&format!("Past: {short}"), width), |c| clean(c))
}

/// The dashboard's two calendar lines in a past view: the marked line, and
/// where progress stood then against today.
pub(crate) fn past_calendar(state: &State, width: usize) -> Option<[Line<'static>; 2]> {
    let past = state.travel.past.as_ref()?;
    let then = state.data().map(|b| b.overall.percent())?;
    let today = past.present().map(|b| b.overall.percent());
    let mut second = format!("Overall then {then}%");
    if let Some(today) = today {
        second.push_str(&format!(" · today {today}%"));
    }
    if past.point.date().is_some() {
        let delta = state.key_for(Mode::Normal, &Action::Delta);
        second.push_str(&format!(" · {delta}: who moved since"));
    }
    let travel = state.key_for(Mode::Normal, &Action::TimeTravel);
    second.push_str(&format!(" · {travel}: another point"));
    Some([
        Line::from(Span::styled(past_line(state, &past.point, width), marked())),
        Line::from(truncate(&second, width)),
    ])
}

/// Marks the first line of a view drawn from a past board (the dashboard
/// marks its own, in place of its calendar, when it has room for one).
pub(crate) fn mark_past(state: &State, frame: &mut Frame, body: Rect) {
    let Some(past) = state.travel.past.as_ref() else {
        return;
    };
    let dashboard_marks = state.view == View::Dashboard
        && crate::app::layout::dashboard(frame.area().height).calendar;
    // The delta and the chart span two points or all of time: not a past.
    let of_no_point = matches!(state.view, View::Help | View::Delta | View::Chart);
    if dashboard_marks || body.height == 0 || of_no_point {
        return;
    }
    let badge = match &past.point {
        Point::AsOf { date, .. } => format!("Past {date} · read-only "),
        Point::Recorded { commit, .. } => format!("Past @{commit} · read-only "),
    };
    let buffer = frame.buffer_mut();
    let y = body.y;
    // What the view wrote on its first line, read back cell by cell (the
    // cell after a wide character holds nothing of its own).
    let mut title = String::new();
    let mut skip = 0;
    for x in body.x..body.right() {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let symbol = buffer[(x, y)].symbol().to_string();
        skip = width_of(&symbol).saturating_sub(1);
        title.push_str(&symbol);
    }
    let width = usize::from(body.width);
    let badge = truncate(&badge, width);
    let rest = truncate(title.trim_end(), width.saturating_sub(width_of(&badge)));
    let line = Line::from(vec![
        Span::styled(badge, marked()),
        Span::raw(format!(" {rest}")),
    ]);
    let row = Rect { height: 1, ..body };
    frame.render_widget(ratatui::widgets::Clear, row);
    frame.render_widget(Paragraph::new(super::clip(line, width)), row);
}

/// The time-travel prompt over the view.
pub(crate) fn render_picker(state: &State, picker: &Picker, frame: &mut Frame, area: Rect) {
    let theme = theme(state);
    let width = area.width.saturating_sub(4).min(64);
    let list = match picker.clock {
        Clock::World => picker.choices.len(),
        Clock::Record => 2,
    };
    let height = u16::try_from(list + 6).unwrap_or(u16::MAX);
    let title = match picker.clock {
        Clock::World => " Time travel: as of (when things happened) ",
        Clock::Record => " Time travel: as recorded (our record) ",
    };
    let inner = super::forms::popup(frame, area, width.saturating_add(2), height, title);
    let w = usize::from(inner.width);
    let mut lines: Vec<Line<'static>> = Vec::new();
    match picker.clock {
        Clock::World => {
            for (i, choice) in picker.choices.iter().enumerate() {
                let mark = if choice.reconvening {
                    " (reconvening)"
                } else {
                    ""
                };
                let text = format!("{} {}{mark}", choice.date, clean(&choice.title));
                let style = if i == picker.selected && picker.text.text().is_empty() {
                    theme.selected
                } else {
                    Style::new()
                };
                lines.push(Line::from(Span::styled(truncate(&text, w), style)));
            }
        }
        Clock::Record => {
            lines.push(Line::from(truncate(
                "The dataset as our record held it at a commit:",
                w,
            )));
            lines.push(Line::from(truncate(
                "type a commit id, a revision or a date (the last commit that day).",
                w,
            )));
        }
    }
    let field = match picker.clock {
        Clock::World => "Or a date (YYYY-MM-DD): ",
        Clock::Record => "Commit or date: ",
    };
    lines.push(Line::from(""));
    lines.push(Line::from(vec![
        Span::raw(field),
        Span::styled(super::forms::with_cursor(&picker.text), theme.title),
    ]));
    lines.push(match &picker.error {
        Some(why) => Line::from(Span::styled(truncate(why, w), theme.heading)),
        None => Line::from(""),
    });
    // The delta compares two days on the first clock: on the record's clock
    // its key is not offered, so nothing shown refuses when pressed.
    let keys: &[Action] = match picker.clock {
        Clock::World => &[
            Action::Confirm,
            Action::Delta,
            Action::SwitchClock,
            Action::Cancel,
        ],
        Clock::Record => &[Action::Confirm, Action::SwitchClock, Action::Cancel],
    };
    lines.push(Line::from(truncate(
        &state.keymap.hint(Mode::TravelPicker, keys),
        w,
    )));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The lines an entry takes: a chapter has a blank line above (but the
/// first), a move one line per evidence item under it.
fn entry_height(entry: &Entry, first: bool) -> usize {
    match entry {
        Entry::Chapter(_) if first => 1,
        Entry::Chapter(_) => 2,
        Entry::Note(_) | Entry::Standing { .. } => 1,
        Entry::Moved { change, .. } => 1 + change.evidence.len(),
    }
}

/// Draws the delta view; returns the status line's text.
pub(crate) fn render_delta(state: &State, frame: &mut Frame, area: Rect) -> String {
    let hint = state
        .keymap
        .hint(Mode::Delta, &[Action::Open, Action::Back]);
    let Some(delta) = state.travel.delta.as_ref() else {
        frame.render_widget(Paragraph::new("No delta to show"), area);
        return hint;
    };
    let title = delta_title(
        delta,
        usize::from(area.width).saturating_sub(super::dataset_room(state, usize::from(area.width))),
    );
    // Where each entry starts, without making its lines: only the window's
    // are made, so a delta of thousands of rows costs one screenful.
    let mut starts = Vec::with_capacity(delta.entries.len() + 1);
    let mut total = 0;
    for (i, entry) in delta.entries.iter().enumerate() {
        starts.push(total);
        total += entry_height(entry, i == 0);
    }
    starts.push(total);
    let focus = starts.get(delta.selected).copied().unwrap_or(0)
        ..starts.get(delta.selected + 1).copied().unwrap_or(total);
    let theme = theme(state);
    let width = usize::from(area.width);
    page_window(state, title, total, Some(focus), frame, area, |window| {
        let mut lines = Vec::with_capacity(window.len());
        for (i, entry) in delta.entries.iter().enumerate() {
            let start = starts.get(i).copied().unwrap_or(0);
            let end = starts.get(i + 1).copied().unwrap_or(total);
            if end <= window.start || start >= window.end {
                continue;
            }
            let selected = i == delta.selected;
            let block = entry_lines(entry, i == 0, selected, &theme, width);
            for (n, line) in block.into_iter().enumerate() {
                if window.contains(&(start + n)) {
                    lines.push(line);
                }
            }
        }
        lines
    });
    hint
}

/// The delta's title in `columns`: the answer (who moved) first, then the
/// overall figures as far as they fit, so the counts are never cut.
fn delta_title(delta: &Delta, columns: usize) -> String {
    let (up, down, reversed) = delta.counts;
    let mut moved = format!("{up} up");
    if down > 0 {
        moved.push_str(&format!(", {down} down"));
    }
    if reversed > 0 {
        moved.push_str(&format!(", {reversed} reversed"));
    }
    // The points' names head the chapters; the title keeps to the figures.
    let head = format!("Delta {} → {} · {moved}", delta.from.0, delta.to.0);
    let (then, now) = delta.overall;
    [
        format!("{head} · overall {then}% → {now}%"),
        format!("{head} · {then}% → {now}%"),
        head,
    ]
    .into_iter()
    .find(|title| super::width_of(title) <= columns)
    // Narrower still: the counts, then as much of the period as fits.
    .unwrap_or_else(|| format!("{moved} · {} → {}", delta.from.0, delta.to.0))
}

fn entry_lines(
    entry: &Entry,
    first: bool,
    selected: bool,
    theme: &super::Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let style = if selected {
        theme.selected
    } else {
        Style::new()
    };
    match entry {
        Entry::Chapter(title) => {
            let heading = Line::from(Span::styled(truncate(title, width), theme.heading));
            if first {
                vec![heading]
            } else {
                vec![Line::from(""), heading]
            }
        }
        Entry::Note(text) => vec![Line::from(Span::styled(
            truncate(&format!("  {text}"), width),
            theme.dim,
        ))],
        Entry::Standing {
            actor_name,
            recommendation: (number, id),
            status,
            ..
        } => vec![Line::from(Span::styled(
            truncate(
                &format!(
                    "  {} {} · {number}. {id}  {}",
                    status.symbol(),
                    actor_name,
                    status.label()
                ),
                width,
            ),
            style,
        ))],
        Entry::Moved {
            change,
            actor_name,
            number,
            date,
        } => {
            let when = date.map_or_else(|| "undated   ".to_string(), |d| d.to_string());
            let points = change.points();
            let head = format!(
                "  {when} {} {} · {number}. {}  {} → {}  {}{points}",
                change.direction.symbol(),
                actor_name,
                change.recommendation,
                change.from.label(),
                change.to.label(),
                if points > 0 { "+" } else { "" }
            );
            let mut lines = vec![Line::from(Span::styled(truncate(&head, width), style))];
            for item in &change.evidence {
                let text = format!(
                    "        {}, {}, {}",
                    evidence_label(item),
                    item.source,
                    item.provenance.label()
                );
                lines.push(Line::from(Span::styled(truncate(&text, width), theme.dim)));
            }
            lines
        }
    }
}
