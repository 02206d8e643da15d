//! Drawing: `render(&State, &mut Frame)` and the widgets. Reads state only.

mod actor;
mod dashboard;
pub mod edit_form;
pub mod forms;
mod pages;
mod recommendation;
mod tracker;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::app::{Action, FindTarget, Mode, State, View};
use crate::model::Status;

/// Draws the whole screen for `state`.
pub fn render(state: &State, frame: &mut Frame) {
    let area = frame.area();
    if area.width < 20 || area.height < 3 {
        let text = truncate("Terminal too small", usize::from(area.width));
        frame.render_widget(Paragraph::new(text), area);
        return;
    }
    let body = Rect {
        height: area.height - 1,
        ..area
    };
    let status = Rect {
        y: area.y + area.height - 1,
        height: 1,
        ..area
    };
    let board = state.data();
    let hint = match (state.view, board) {
        (View::Help, _) => pages::help(state, frame, body),
        (View::Problems, _) | (_, None) => pages::problems(state, frame, body),
        (View::Dashboard, Some(board)) => dashboard::render(state, board, frame, body),
        (View::Tracker, Some(board)) => tracker::render(state, board, frame, body),
        (View::Actor(index), Some(board)) => actor::render(state, board, index, frame, body),
        (View::Recommendation(index), Some(board)) => {
            recommendation::render(state, board, index, frame, body)
        }
    };
    status_line(state, hint, frame, status);
    render_modal(state, frame, area);
}

/// The form or prompt open over the view, if any.
fn render_modal(state: &State, frame: &mut Frame, area: Rect) {
    use crate::app::editing::Modal;
    match &state.modal {
        None => {}
        Some(Modal::Edit(form)) => edit_form::render_edit_form(form, state, frame, area),
        Some(modal) => {
            let hint = state.modal_hint(modal.mode());
            match modal {
                Modal::AddActor(form) => forms::render_actor_form(form, &hint, frame, area),
                Modal::Identity { prompt, .. } => {
                    forms::render_identity_prompt(prompt, &hint, frame, area)
                }
                Modal::Draft(draft) => forms::render_draft_offer(draft, &hint, frame, area),
                Modal::Ask(question) => forms::render_question(question, &hint, frame, area),
                Modal::Edit(_) => {}
            }
        }
    }
}

fn status_line(state: &State, hint: String, frame: &mut Frame, area: Rect) {
    let mut text = match (&state.find, &state.message) {
        (Some(find), _) if find.target == FindTarget::Nothing => format!(
            "Nothing to find in this view: {}▏ ({})",
            clean(&find.query),
            state.keymap.hint(Mode::Find, &[Action::Cancel])
        ),
        (Some(find), _) => format!(
            "Find {}: {}▏{} ({})",
            find.target.noun(),
            clean(&find.query),
            if find.found { "" } else { " no match" },
            state.modal_hint(Mode::Find)
        ),
        (None, Some(message)) => clean(message),
        (None, None) => hint,
    };
    if let Some(author) = &state.author {
        text = format!("{text} · editing as {}", clean(&author.to_string()));
    }
    let style = theme(state).status_line;
    let line = Line::from(truncate(&text, usize::from(area.width))).style(style);
    frame.render_widget(Paragraph::new(line).style(style), area);
}

/// The status line's key hint on a matrix (dashboard, tracker).
pub(crate) fn matrix_hint(state: &State) -> String {
    state.view_hint()
}

/// The header row of a matrix: `label`, one column `cell` wide for each
/// recommendation (numbered from its index; the `selected`-th column
/// highlighted), then "Progress".
pub(crate) fn column_header(
    theme: &Theme,
    label: String,
    recommendations: impl Iterator<Item = usize>,
    selected: usize,
    cell: usize,
) -> Line<'static> {
    let mut header = vec![Span::raw(format!("{label} "))];
    for (column, index) in recommendations.enumerate() {
        let style = if column == selected {
            theme.selected
        } else {
            theme.heading
        };
        let number = format!("{:>width$} ", index + 1, width = cell.saturating_sub(1));
        header.push(Span::styled(number, style));
    }
    header.push(Span::styled("Progress", theme.heading));
    Line::from(header)
}

/// The styles in use: the 16 ANSI colours, or none at all under `NO_COLOR`.
pub(crate) struct Theme {
    pub title: Style,
    pub heading: Style,
    pub dim: Style,
    pub selected: Style,
    pub status_line: Style,
    color: bool,
}

pub(crate) fn theme(state: &State) -> Theme {
    if state.color {
        Theme {
            title: Style::new().add_modifier(Modifier::BOLD).fg(Color::Cyan),
            heading: Style::new().add_modifier(Modifier::BOLD).fg(Color::Yellow),
            dim: Style::new().fg(Color::DarkGray),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            status_line: Style::new().bg(Color::Blue).fg(Color::White),
            color: true,
        }
    } else {
        Theme {
            title: Style::new().add_modifier(Modifier::BOLD),
            heading: Style::new().add_modifier(Modifier::BOLD),
            dim: Style::new(),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            status_line: Style::new().add_modifier(Modifier::REVERSED),
            color: false,
        }
    }
}

impl Theme {
    /// The style of a status; the symbol carries the meaning without colour.
    pub fn status(&self, status: Status) -> Style {
        if !self.color {
            return Style::new();
        }
        Style::new().fg(match status {
            Status::NoEvidence => Color::DarkGray,
            Status::Endorsed => Color::Blue,
            Status::Initiated => Color::Yellow,
            Status::Substantial => Color::Cyan,
            Status::Implemented => Color::Green,
            Status::Reversed => Color::Red,
            Status::NotApplicable => Color::Gray,
        })
    }
}

/// The text with every control character replaced, so nothing from the data
/// can move the cursor or change the terminal; bidirectional overrides too,
/// so a name cannot reorder the rest of its line.
pub fn clean(text: &str) -> String {
    text.chars()
        .map(|c| {
            if crate::model::is_unprintable(c) {
                '�'
            } else {
                c
            }
        })
        .collect()
}

/// The cleaned text cut or padded to exactly `width` columns, counting wide
/// characters as two so the matrix stays aligned.
pub fn fit(text: &str, width: usize) -> String {
    crate::model::fit_to_width(&clean(text), width)
}

/// The cleaned text cut to `width` columns, ending in '…' when cut.
pub fn truncate(text: &str, width: usize) -> String {
    crate::model::cut_to_width(&clean(text), width).into_owned()
}

/// Text wrapped to `width`, each paragraph of the (cleaned) text on its own.
pub(crate) fn wrap(text: &str, width: usize, indent: &str) -> Vec<String> {
    let width = width.max(indent.width() + 8);
    let options = textwrap::Options::new(width)
        .initial_indent(indent)
        .subsequent_indent(indent);
    text.split('\n')
        .flat_map(|paragraph| {
            textwrap::wrap(&clean(paragraph), &options)
                .into_iter()
                .map(|l| l.into_owned())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// A progress bar of `width` cells and the percentage.
pub(crate) fn bar(percent: u16, width: usize) -> String {
    let filled = (usize::from(percent.min(100)) * width + 50) / 100;
    format!(
        "{}{} {percent:>3}%",
        "█".repeat(filled),
        "░".repeat(width - filled)
    )
}

/// Draws a scrolling page of lines under a title, recording how far it can scroll.
pub(crate) fn page(
    state: &State,
    title: String,
    lines: Vec<Line<'static>>,
    frame: &mut Frame,
    area: Rect,
) {
    let total = lines.len();
    page_window(state, title, total, None, frame, area, |window| {
        lines
            .into_iter()
            .skip(window.start)
            .take(window.len())
            .collect()
    });
}

/// Draws a page of `total` lines of which `lines` makes only those in the
/// window on screen, so a page listing 12,000 actors costs one screenful.
/// With a `focus` (the selected lines), the window follows it instead of
/// the scroll keys, moving only as far as it must to show it.
pub(crate) fn page_window(
    state: &State,
    title: String,
    total: usize,
    focus: Option<std::ops::Range<usize>>,
    frame: &mut Frame,
    area: Rect,
    lines: impl FnOnce(std::ops::Range<usize>) -> Vec<Line<'static>>,
) {
    let theme = theme(state);
    let width = usize::from(area.width);
    let visible = usize::from(area.height.saturating_sub(1));
    let limit = total.saturating_sub(visible);
    state.page_limit.set(limit);
    let offset = match focus {
        None => state.page.offset.min(limit),
        Some(focus) => {
            let mut offset = state.follow_offset.get().min(limit);
            // The whole selection when it fits, else its first line.
            if focus.end > offset + visible {
                offset = focus.end.saturating_sub(visible);
            }
            offset = offset.min(focus.start);
            state.follow_offset.set(offset);
            offset
        }
    };
    let mut shown = vec![Line::from(Span::styled(
        truncate(&title, width),
        theme.title,
    ))];
    shown.extend(lines(offset..(offset + visible).min(total)));
    frame.render_widget(Paragraph::new(shown), area);
}
