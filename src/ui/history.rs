//! The history view: the record's commits, newest first, and the selected
//! commit's field-level changes beside them (wide) or below them (narrow);
//! and the raw diff of one commit. Every text that came from git (names,
//! messages, paths, the patch) is drawn through `clean`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{clean, clip, page, theme, truncate};
use crate::app::history::{Focus, HistoryPane, Reading, layout, when};
use crate::app::{Action, Mode, State};
use crate::model::RecordedCommit;

/// Draws the history view; returns the status line's text.
pub(super) fn render(state: &State, frame: &mut Frame, area: Rect) -> String {
    let theme = theme(state);
    let pane = &state.history;
    let width = usize::from(area.width);
    let layout = layout(area.width, area.height + 1, pane.focus);
    let mut lines: Vec<Line<'static>> = vec![
        Line::from(Span::styled(truncate(&title(pane), width), theme.title)),
        Line::from(Span::styled(truncate(&progress(pane), width), theme.dim)),
    ];
    let list_width = if layout.beside { width / 2 } else { width };
    let rows = commit_rows(state, list_width, layout.list);
    // Below a short list, the changes take the rows it leaves.
    let spare = if layout.beside || layout.changes == 0 {
        0
    } else {
        layout.list.saturating_sub(rows.len())
    };
    let changes = change_lines(state, layout.changes + spare);
    if layout.beside {
        let blank = Line::from("");
        for n in 0..layout.list.max(layout.changes) {
            let left = clip(
                rows.get(n).cloned().unwrap_or_else(|| blank.clone()),
                list_width,
            );
            let mut spans = left.spans;
            let used: usize = spans.iter().map(|s| super::width_of(&s.content)).sum();
            spans.push(Span::raw(" ".repeat(list_width.saturating_sub(used))));
            spans.push(Span::styled("│ ", theme.dim));
            if let Some(right) = changes.get(n) {
                let right = clip(right.clone(), width.saturating_sub(list_width + 2));
                spans.extend(right.spans);
            }
            lines.push(Line::from(spans));
        }
    } else {
        lines.extend(rows);
        lines.extend(changes);
    }
    let lines: Vec<Line<'static>> = lines.into_iter().map(|l| clip(l, width)).collect();
    frame.render_widget(Paragraph::new(lines), area);
    match &pane.prompt {
        Some(text) => {
            // On a narrow screen what is typed, and the cursor, come first.
            let typed = super::forms::with_cursor(text);
            let hint = state
                .keymap
                .hint(Mode::HistoryFilter, &[Action::Confirm, Action::Cancel]);
            let label = format!("Filter (actor:ID rec:ID author:NAME or words): {typed}");
            let whole = format!("{label} ({hint})");
            if super::width_of(&whole) <= width {
                whole
            } else if super::width_of(&label) + 8 <= width {
                // The hint is cut at the edge, as any long status line.
                whole
            } else if width >= 30 {
                format!("Filter: {typed}")
            } else {
                typed
            }
        }
        None => {
            let mut hint = match pane.focus {
                Focus::Commits => state.keymap.hint(
                    Mode::History,
                    &[
                        Action::Open,
                        Action::RawDiff,
                        Action::FilterHistory,
                        Action::Timeline,
                        Action::Back,
                    ],
                ),
                Focus::Changes => format!(
                    "{} open commitment · {}",
                    state.keymap.keys_in(Mode::History, &Action::Open),
                    state.keymap.hint(
                        Mode::History,
                        &[
                            Action::Timeline,
                            Action::RawDiff,
                            Action::Right,
                            Action::Back
                        ]
                    )
                ),
            };
            if hint.is_empty() {
                hint = "esc back".into();
            }
            hint
        }
    }
}

/// "History · 42 commits · filter france · times in UTC".
fn title(pane: &HistoryPane) -> String {
    let count = |n: usize| format!("{} commit{}", thousands(n), if n == 1 { "" } else { "s" });
    let mut title = format!("History · {}", count(pane.commits.len()));
    if !pane.filter.is_empty() {
        title.push_str(&format!(
            " · {} shown for “{}”",
            thousands(pane.shown.len()),
            pane.filter
        ));
    }
    title.push_str(" · times in UTC");
    title
}

/// The line under the title: how far the reading has got.
fn progress(pane: &HistoryPane) -> String {
    match &pane.reading {
        Reading::NotYet => String::new(),
        Reading::Indexing(n) => format!(
            "Indexing history… {} commits (once; kept under .git)",
            thousands(*n)
        ),
        Reading::Reading { read, total } if *total > 0 => format!(
            "Reading history… {} of {} commits",
            thousands(*read),
            thousands(*total)
        ),
        Reading::Reading { read, .. } if *read > 0 => {
            format!("Reading history… {} commits", thousands(*read))
        }
        Reading::Reading { .. } => "Reading history…".into(),
        Reading::Done => "Newest first · a merge is read against its first parent".into(),
        Reading::Failed(reason) => format!("Could not read the history: {reason}"),
    }
}

/// 20000 as "20,000".
pub(super) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The commit list's rows on screen, `rows` of them at most.
fn commit_rows(state: &State, width: usize, rows: usize) -> Vec<Line<'static>> {
    let theme = theme(state);
    let pane = &state.history;
    if rows == 0 {
        return Vec::new();
    }
    if pane.shown.is_empty() {
        let text = match (&pane.reading, pane.filter.is_empty()) {
            (Reading::Done, true) => "No commit has changed the dataset yet",
            (Reading::Done, false) => "No commit matches the filter",
            (Reading::Failed(_), _) => "",
            (_, _) => "…",
        };
        return vec![Line::from(Span::styled(format!("  {text}"), theme.dim))];
    }
    // Scroll only as far as the selection needs.
    let mut offset = pane.offset.get();
    if pane.selected < offset {
        offset = pane.selected;
    } else if pane.selected >= offset + rows {
        offset = pane.selected + 1 - rows;
    }
    offset = offset.min(pane.shown.len().saturating_sub(rows));
    pane.offset.set(offset);
    // The summary says most: the id (in the heading below anyway) and the
    // time of day give way to it first.
    let author_width = if width >= 70 { 14 } else { 10 };
    pane.shown
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .filter_map(|(n, &index)| {
            let commit = pane.commits.get(index)?;
            let selected = n == pane.selected;
            let stamp = when(commit);
            let date = if width >= 60 {
                stamp
            } else {
                stamp.chars().take(10).collect()
            };
            let mut parts = vec![Span::styled(
                if selected { "▶" } else { " " },
                theme.selected,
            )];
            if width >= 100 {
                parts.push(Span::styled(format!("{} ", commit.id.short()), theme.dim));
            }
            parts.push(Span::raw(format!("{date} ")));
            if width >= 32 {
                parts.push(Span::styled(
                    format!("{} ", super::fit(&commit.author_name, author_width)),
                    theme.heading,
                ));
            }
            if commit.is_merge() {
                parts.push(Span::styled("merge ", theme.dim));
            }
            if !commit.problems.is_empty() {
                parts.push(Span::styled("⚠ ", theme.dim));
            }
            let summary = pane.summary(n).unwrap_or_default();
            parts.push(Span::raw(clean(summary)));
            let style = if selected && pane.focus == Focus::Commits {
                theme.selected
            } else {
                Style::default()
            };
            Some(clip(Line::from(parts).style(style), width))
        })
        .collect()
}

/// The selected commit's changes, `rows` lines at most: a heading (who,
/// when, the message), then one line per field changed and one per file it
/// left invalid.
fn change_lines(state: &State, rows: usize) -> Vec<Line<'static>> {
    let theme = theme(state);
    let pane = &state.history;
    if rows == 0 {
        return Vec::new();
    }
    let Some(commit) = pane.selected_commit() else {
        return Vec::new();
    };
    let mut head = vec![Line::from(Span::styled(heading(commit), theme.heading))];
    if rows > 4 {
        let merge = if commit.is_merge() {
            "read against its first parent · "
        } else {
            ""
        };
        head.push(Line::from(Span::styled(
            format!("  {merge}“{}”", clean(&commit.subject)),
            theme.dim,
        )));
    }
    // With a filter, what it matched is listed first: say how much.
    if let Some(matching) = pane.selected_matching()
        && matching.matched < commit.changes.len()
        && rows > 3
    {
        head.push(Line::from(Span::styled(
            format!(
                "  {} of {} changes match the filter; the others follow",
                thousands(matching.matched),
                thousands(commit.changes.len())
            ),
            theme.dim,
        )));
    }
    // Only the lines on screen are made: an import at scale changes tens
    // of thousands of fields.
    let room = rows.saturating_sub(head.len()).max(1);
    let skip = match pane.focus {
        Focus::Changes => (pane.change + 1).saturating_sub(room),
        Focus::Commits => 0,
    };
    let changes = (skip..skip + room).map_while(|n| Some((n, pane.listed_change(n)?)));
    let mut widest = 0;
    let mut body: Vec<Line<'static>> = changes
        .map(|(n, change)| {
            let selected = pane.focus == Focus::Changes && n == pane.change;
            let text = clean(&change.to_string());
            widest = widest.max(super::width_of(&text) + 2);
            let line = Line::from(vec![
                Span::styled(if selected { "▶ " } else { "  " }, theme.selected),
                Span::raw(sideways(&text, pane.column)),
            ]);
            if selected {
                line.style(theme.selected)
            } else {
                line
            }
        })
        .collect();
    let problems = commit
        .problems
        .iter()
        .skip(skip.saturating_sub(commit.changes.len()));
    for problem in problems.take(room.saturating_sub(body.len())) {
        let text = format!(
            "invalid: {}:{}:{}: {}",
            clean(&problem.path),
            problem.line,
            problem.column,
            clean(&problem.message)
        );
        widest = widest.max(super::width_of(&text) + 2);
        body.push(Line::from(format!("  {}", sideways(&text, pane.column))));
    }
    pane.widest.set(widest);
    if commit.changes.is_empty() && commit.problems.is_empty() {
        body.push(Line::from(Span::styled(
            "  No field of the dataset's records changed",
            theme.dim,
        )));
    }
    head.extend(body);
    head.truncate(rows);
    head
}

/// "a1b2c3d · Ada Lovelace <ada@example.org> · 2024-03-05 12:00 UTC".
fn heading(commit: &RecordedCommit) -> String {
    let text = format!(
        "{} · {} <{}> · {} UTC",
        commit.id.short(),
        clean(&commit.author_name),
        clean(&commit.author_email),
        when(commit)
    );
    if commit.is_merge() {
        format!("Merge {text}")
    } else {
        text
    }
}

/// Draws the raw diff of the history's selected commit; returns the hint.
pub(super) fn render_diff(state: &State, frame: &mut Frame, area: Rect) -> String {
    let theme = theme(state);
    let Some(diff) = &state.history.diff else {
        page(state, "Raw diff".into(), Vec::new(), frame, area);
        return state.keymap.hint(Mode::Diff, &[Action::Back]);
    };
    let lines: Vec<Line<'static>> = match &diff.text {
        None => vec![Line::from(Span::styled("Reading the diff…", theme.dim))],
        Some(Err(reason)) => vec![Line::from(format!(
            "Could not read the diff: {}",
            clean(reason)
        ))],
        Some(Ok(text)) if text.is_empty() => vec![Line::from(Span::styled(
            "This commit changed no file of the dataset",
            theme.dim,
        ))],
        Some(Ok(text)) => {
            let widest = text.lines().map(|l| super::width_of(&clean(l))).max();
            state.history.widest.set(widest.unwrap_or(0));
            text.lines()
                .map(|line| {
                    let style = if line.starts_with("diff ")
                        || line.starts_with("@@")
                        || line.starts_with("+++")
                        || line.starts_with("---")
                    {
                        theme.heading
                    } else {
                        Style::default()
                    };
                    let shown = sideways(&clean(line), state.history.column);
                    Line::from(Span::styled(shown, style))
                })
                .collect()
        }
    };
    page(
        state,
        format!("Raw diff · {}", clean(&diff.heading)),
        lines,
        frame,
        area,
    );
    state
        .keymap
        .hint(Mode::Diff, &[Action::Down, Action::Right, Action::Back])
}

/// `text` scrolled `column` columns to the left, a `…` in place of what
/// went off the left edge, so a long line can be read to its end.
fn sideways(text: &str, column: usize) -> String {
    if column == 0 {
        return text.to_string();
    }
    let mut skipped = 0;
    let rest: String = text
        .chars()
        .skip_while(|c| {
            if skipped >= column {
                return false;
            }
            skipped += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
            true
        })
        .collect();
    format!("…{rest}")
}
