//! Drawing: `render(&State, &mut Frame)` and the widgets. Reads state only.

mod actor;
pub mod ascii;
mod chart;
mod dashboard;
pub mod edit_form;
pub mod forms;
mod history;
mod messages;
mod pages;
mod recommendation;
mod report;
mod theme;
mod timeline;
mod tracker;
mod travel;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::app::{Action, FindTarget, Mode, State, View};

pub(crate) use theme::{Theme, theme};

/// The narrowest terminal the views are drawn on: a few letters of a name,
/// one status cell and a percentage.
pub const MIN_WIDTH: u16 = 12;

/// Draws the whole screen for `state`.
pub fn render(state: &State, frame: &mut Frame) {
    if let Ok(mut links) = state.links.try_borrow_mut() {
        links.clear();
    }
    draw(state, frame);
    if (state.panel.is_some() || state.modal.is_some())
        && let Ok(mut links) = state.links.try_borrow_mut()
    {
        // Covered (in part, maybe): no link over another's text.
        links.clear();
    }
    if !state.look.unicode {
        ascii::to_ascii(frame.buffer_mut());
    }
}

fn draw(state: &State, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height == 0 {
        // Too narrow for a name and one cell: say so, whole if it fits.
        let lines: Vec<Line> = wrap_words("Terminal too small", usize::from(area.width))
            .into_iter()
            .map(Line::from)
            .collect();
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let body = Rect {
        height: crate::app::layout::body_height(area.height),
        ..area
    };
    // A one-row terminal shows the selected row, not the status line.
    let status = Rect {
        y: area.y + area.height - 1,
        height: u16::from(area.height >= 2),
        ..area
    };
    let board = state.data();
    let hint = match (state.view, board) {
        (View::Help, _) => pages::help(state, frame, body),
        (View::Problems, _) | (_, None) => pages::problems(state, frame, body),
        (View::Warnings, Some(board)) => pages::warnings(state, board, frame, body),
        (View::Dashboard, Some(board)) => dashboard::render(state, board, frame, body),
        (View::Tracker, Some(board)) => tracker::render(state, board, frame, body),
        (View::Actor(index), Some(board)) => actor::render(state, board, index, frame, body),
        (View::Recommendation(index), Some(board)) => {
            recommendation::render(state, board, index, frame, body)
        }
        (View::Delta, Some(_)) => travel::render_delta(state, frame, body),
        (View::Chart, Some(_)) => chart::render(state, frame, body),
        (View::History, Some(_)) => history::render(state, frame, body),
        (View::Timeline, Some(_)) => timeline::render(state, frame, body),
        (View::Diff, Some(_)) => history::render_diff(state, frame, body),
    };
    show_dataset(state, frame, body);
    travel::mark_past(state, frame, body);
    status_line(state, hint, frame, status);
    render_modal(state, frame, area);
    if let Some(picker) = &state.travel.picker {
        travel::render_picker(state, picker, frame, area);
    }
    if let Some(panel) = &state.panel {
        messages::render_panel(panel, frame, area);
    }
}

/// Where the open dataset is, at the right of the first line when the
/// view leaves room there, shortened from the left ("…/groups/spyware").
fn show_dataset(state: &State, frame: &mut Frame, body: Rect) {
    let Some(path) = &state.dataset_path else {
        return;
    };
    if body.height < 2 || state.view == View::Help {
        return;
    }
    let buffer = frame.buffer_mut();
    let y = body.y;
    let used = (body.x..body.right())
        .rev()
        .find(|&x| buffer[(x, y)].symbol() != " ")
        .map_or(0, |x| usize::from(x - body.x) + 1);
    let room = usize::from(body.width).saturating_sub(used + 2);
    if room < LEAST {
        return;
    }
    let shown = cut_from_left(&clean(path), room);
    let x = body.right() - width_of(&shown) as u16;
    let style = theme(state).dim;
    buffer.set_string(x, y, &shown, style);
}

/// The fewest columns worth showing of the dataset's path ("…/spyware").
const LEAST: usize = 8;

/// The columns a view's first line leaves for the dataset's path at the
/// right: a third of the width at most, and none below 30 columns, where
/// the help (`?`) still names it.
pub(crate) fn dataset_room(state: &State, width: usize) -> usize {
    match &state.dataset_path {
        Some(path) if width >= 30 => (width_of(path) + 2).min(width / 3).max(LEAST + 2),
        _ => 0,
    }
}

/// `text` cut to `columns` from the left, starting with '…' when cut: the
/// end of a path says most about which it is.
pub(crate) fn cut_from_left(text: &str, columns: usize) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    if width_of(text) <= columns {
        return text.to_string();
    }
    let mut kept: Vec<&str> = Vec::new();
    let mut used = 1;
    for cluster in text.graphemes(true).rev() {
        let w = UnicodeWidthStr::width(cluster);
        if used + w > columns {
            break;
        }
        used += w;
        kept.push(cluster);
    }
    kept.reverse();
    format!("…{}", kept.concat())
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
                Modal::Report(dialog) => report::render(dialog, &hint, frame, area),
                Modal::Edit(_) => {}
            }
        }
    }
}

fn status_line(state: &State, hint: String, frame: &mut Frame, area: Rect) {
    let prompt = state.filter_prompt.as_ref().map(|prompt| {
        let hint = state
            .keymap
            .hint(Mode::Filter, &[Action::Confirm, Action::Cancel]);
        match &prompt.error {
            Some(error) => format!("{} ({hint})", clean(error)),
            None => prompt_line(&prompt.input, &hint, usize::from(area.width)),
        }
    });
    let mut text = match (&state.find, &state.message) {
        _ if prompt.is_some() => prompt.unwrap_or_default(),
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
        // A point being read in the background says so until it arrives.
        (None, None) => match &state.travel.waiting {
            Some(point) => format!(
                "Reading the record as recorded at {}… │ {hint}",
                clean(point)
            ),
            None => hint,
        },
    };
    if let Some(author) = &state.author {
        text = format!("{text} · editing as {}", clean(&author.to_string()));
    }
    let style = theme(state).status_line;
    let line = Line::from(truncate(&text, usize::from(area.width))).style(style);
    frame.render_widget(Paragraph::new(line).style(style), area);
}

/// The filter prompt in `width` columns, a bar at its cursor
/// ("Filter: kind:gov▏ernment (enter apply · esc cancel)"). When it does
/// not fit, the hint goes first, then the text before the cursor is cut
/// from the left, so the cursor and what is typed there always show.
fn prompt_line(input: &crate::app::text::TextInput, hint: &str, width: usize) -> String {
    let (_, at) = input.cursor();
    let text = input.text();
    let split = text.char_indices().nth(at).map_or(text.len(), |(i, _)| i);
    let (before, after) = text.split_at(split);
    let (before, after) = (clean(before), clean(after));
    let whole = format!("Filter: {before}▏{after} ({hint})");
    if width_of(&whole) <= width {
        return whole;
    }
    let plain = format!("Filter: {before}▏{after}");
    if width_of(&plain) <= width {
        return plain;
    }
    let label = if width >= 30 { "Filter: " } else { "" };
    let room = width.saturating_sub(width_of(label) + 1 + width_of(&after).min(8));
    let kept = cut_from_left(&before, room.max(1));
    truncate(&format!("{label}{kept}▏{after}"), width)
}

/// The status line's key hint on a matrix (dashboard, tracker).
pub(crate) fn matrix_hint(state: &State) -> String {
    state.view_hint()
}

/// The header row of a matrix: `label`, then the number of each
/// recommendation in the window of `columns` (from `recommendations`:
/// position among the columns, index in the dataset; the `selected`
/// position highlighted), then the progress column's heading.
pub(crate) fn column_header(
    theme: &Theme,
    label: String,
    recommendations: impl Iterator<Item = (usize, usize)>,
    selected: usize,
    columns: &crate::app::layout::Columns,
    progress: &str,
) -> Line<'static> {
    let mut header = vec![Span::raw(format!("{label} "))];
    for (column, index) in recommendations.skip(columns.first).take(columns.shown) {
        let style = if column == selected {
            theme.selected
        } else {
            theme.heading
        };
        let width = columns.cell.saturating_sub(1);
        let number = format!("{:>width$} ", index + 1);
        header.push(Span::styled(number, style));
    }
    let progress = if columns.progress >= progress.len() {
        progress.to_string()
    } else if columns.progress > 0 {
        format!("{:>width$}", "%", width = columns.progress)
    } else {
        String::new()
    };
    header.push(Span::styled(progress, theme.heading));
    Line::from(header)
}

/// The progress column `width` wide: the bar and the percentage, the
/// percentage alone, or nothing. The percentage is never cut.
pub(crate) fn progress_cell(percent: u16, width: usize) -> String {
    if width >= crate::app::layout::PROGRESS_WITH_BAR {
        bar(percent, crate::app::layout::BAR)
    } else if width > 0 {
        format!("{:>width$}", format!("{percent}%"))
    } else {
        String::new()
    }
}

/// The columns `text` takes on a terminal, counted per grapheme cluster.
pub(crate) fn width_of(text: &str) -> usize {
    crate::model::width(&clean(text))
}

/// The text as it may be drawn: a TAB as spaces to the next tab stop;
/// every other control character replaced, so nothing from the data can
/// move the cursor or change the terminal; bidirectional overrides too, so
/// a name cannot reorder the rest of its line; and each grapheme cluster
/// whose width terminals disagree on replaced by one they agree on, so a
/// wrong guess cannot spill into the next cell.
pub fn clean(text: &str) -> String {
    let expanded = crate::model::expand_tabs(text);
    let printable: String = expanded
        .chars()
        .map(|c| {
            if crate::model::is_unprintable(c) {
                '�'
            } else {
                c
            }
        })
        .collect();
    match crate::model::with_agreed_widths(&printable) {
        std::borrow::Cow::Borrowed(_) => printable,
        std::borrow::Cow::Owned(steady) => steady,
    }
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

/// A short message broken at spaces into lines of `width`; a word longer
/// than a line is cut with an ellipsis.
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ') {
        match lines.last_mut() {
            Some(line) if width_of(line) + 1 + width_of(word) <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(truncate(word, width)),
        }
    }
    lines
}

/// Text wrapped to `width` with long words broken, never cut, so that a
/// path or a message can always be read whole.
pub(crate) fn wrap_whole(text: &str, width: usize) -> Vec<String> {
    let options = textwrap::Options::new(width.max(1))
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(true);
    text.split('\n')
        .flat_map(|paragraph| {
            let cleaned = clean(paragraph);
            if cleaned.is_empty() {
                return vec![String::new()];
            }
            textwrap::wrap(&cleaned, &options)
                .into_iter()
                .map(|l| l.into_owned())
                .collect::<Vec<_>>()
        })
        .collect()
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

/// `line` cut to `width` columns, its last visible column an ellipsis
/// when anything was cut, so a clipped line never looks complete.
pub(crate) fn clip(line: Line<'static>, width: usize) -> Line<'static> {
    let total: usize = line.spans.iter().map(|s| width_of(&s.content)).sum();
    if total <= width {
        return line;
    }
    let mut left = width;
    let mut spans = Vec::new();
    let last = line
        .spans
        .iter()
        .position(|s| {
            let w = width_of(&s.content);
            if w >= left {
                true
            } else {
                left -= w;
                false
            }
        })
        .unwrap_or(0);
    for (n, span) in line.spans.into_iter().enumerate() {
        match n.cmp(&last) {
            std::cmp::Ordering::Less => spans.push(span),
            std::cmp::Ordering::Equal => {
                // Cut to `left` columns with the ellipsis, or, when the
                // span ends exactly at the edge, mark the cut in its place.
                let cut = truncate(&span.content, left);
                let cut = if width_of(&cut) == left && !cut.ends_with('…') {
                    truncate(&format!("{cut}  "), left)
                } else {
                    cut
                };
                spans.push(Span::styled(cut, span.style));
            }
            std::cmp::Ordering::Greater => {}
        }
    }
    Line::from(spans).style(line.style)
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
            // A selection on the first screen shows the page's head too.
            if focus.end <= visible {
                offset = 0;
            }
            state.follow_offset.set(offset);
            offset
        }
    };
    // The help names the dataset in full; other pages leave it room.
    let room = match state.view {
        View::Help => 0,
        _ => dataset_room(state, width),
    };
    let mut shown = vec![Line::from(Span::styled(
        truncate(&title, width.saturating_sub(room)),
        theme.title,
    ))];
    shown.extend(
        lines(offset..(offset + visible).min(total))
            .into_iter()
            .map(|line| clip(line, width)),
    );
    frame.render_widget(Paragraph::new(shown), area);
}
