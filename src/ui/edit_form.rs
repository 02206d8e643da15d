//! Drawing the edit form: status scale, note, evidence, message, and the
//! evidence item being added or changed.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthChar;

use super::forms::popup;
use super::{clean, theme};
use crate::app::edit_form::{EVIDENCE_LABELS, EditForm, EvidenceDraft, Field};
use crate::app::text::TextInput;
use crate::app::{Action, Mode, State};
use crate::model::{Commitment, Evidence, Status};

/// Draws `form` over `area`; `who` is the identity shown as the author.
pub fn render_edit_form(form: &EditForm, state: &State, frame: &mut Frame, area: Rect) {
    let who = state.author.as_ref().map(|a| a.to_string());
    let who = who.as_deref();
    frame.render_widget(Clear, area);
    if area.height < 12 || area.width < 30 {
        let words = "Terminal too small to edit; enlarge it or press Esc";
        let lines: Vec<Line> = super::wrap_whole(words, usize::from(area.width))
            .into_iter()
            .map(Line::from)
            .collect();
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    // A refusal is read whole: the footer grows (up to three lines) rather
    // than cut it; a longer one also opens in the message panel.
    let refusal = form
        .error
        .as_ref()
        .map(|error| super::wrap_whole(&format!("Not saved: {error}"), usize::from(area.width)));
    let footer_rows = refusal.as_ref().map_or(1, |lines| lines.len().clamp(1, 3)) as u16;
    // The title, the status, the message box and the footer always fit; the
    // note and the evidence share what is left, the evidence giving way
    // first (but never while it has the focus), so the focused field is
    // always on screen with its cursor.
    let status_rows = if form.focus == Field::Status { 2 } else { 1 };
    let spare = area
        .height
        .saturating_sub(1 + status_rows + 3 + footer_rows);
    let wanted = u16::try_from(form.evidence.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2)
        .clamp(3, 7);
    let mut evidence_rows = wanted.min(spare.saturating_sub(3));
    if evidence_rows < 3 {
        evidence_rows = if form.focus == Field::Evidence {
            spare.min(3)
        } else {
            0
        };
    }
    let [title, status, note, evidence, message, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(status_rows),
        Constraint::Length(spare.saturating_sub(evidence_rows)),
        Constraint::Length(evidence_rows),
        Constraint::Length(3),
        Constraint::Length(footer_rows),
    ])
    .areas(area);

    let heading = format!(
        "Edit · {} · {} — {}",
        clean(&form.actor_name),
        form.recommendation,
        clean(&form.recommendation_title)
    );
    let heading = super::truncate(&heading, usize::from(title.width));
    frame.render_widget(
        Paragraph::new(heading).style(Style::new().add_modifier(Modifier::BOLD)),
        title,
    );
    render_status(form, state, frame, status);
    render_text_box(
        frame,
        note,
        " Note (Ctrl-E: $EDITOR) ",
        &form.note,
        form.focus == Field::Note,
    );
    render_evidence(form, state, frame, evidence);
    render_text_box(
        frame,
        message,
        " Commit message ",
        &form.message,
        form.focus == Field::Message,
    );

    let hint = if let Some(lines) = refusal {
        lines.join("\n")
    } else if form.saving {
        "Saving…".to_string()
    } else if form.confirm_discard {
        let key = |action| state.key_for(Mode::EditForm, &action);
        format!(
            "Unsaved changes: {} again to discard them, {} to save, any other key to go on editing",
            key(Action::Cancel),
            key(Action::Save)
        )
    } else {
        let who = who.map_or("nobody yet".into(), clean);
        format!("{} · as {who}", state.modal_hint(Mode::EditForm))
    };
    let style = if form.confirm_discard || form.error.is_some() {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new()
    };
    let hint: Vec<Line> = hint
        .split('\n')
        .map(|l| Line::from(super::truncate(l, usize::from(footer.width))))
        .collect();
    frame.render_widget(Paragraph::new(hint).style(style), footer);

    if let Some(draft) = &form.draft {
        render_draft(draft, &state.modal_hint(Mode::EvidenceItem), frame, area);
    }
    if form.conflict.is_some() {
        let hint = state.modal_hint(Mode::Conflict);
        render_conflict(form, &hint, frame, area);
    }
}

fn render_conflict(form: &EditForm, hint: &str, frame: &mut Frame, area: Rect) {
    let Some(conflict) = &form.conflict else {
        return;
    };
    let width = area.width.saturating_sub(4).min(76);
    let room = width.saturating_sub(6) as usize;
    let cut = |text: String| -> String { clean(&text).chars().take(room).collect() };
    let yours = form.commitment();
    // Each version in full: status, note, then every evidence item, so the
    // user can see what they would overwrite, not a count.
    let describe = |c: Option<&Commitment>| -> Vec<Line<'static>> {
        match c {
            None => vec![Line::from("    (no commitment recorded)")],
            Some(c) => {
                let mut lines = vec![Line::from(format!(
                    "    {} {}",
                    c.status.symbol(),
                    c.status.label()
                ))];
                if !c.note.is_empty() {
                    lines.push(Line::from(format!("    {}", cut(c.note.clone()))));
                }
                if c.evidence.is_empty() {
                    lines.push(Line::from("    no evidence"));
                }
                for item in &c.evidence {
                    let date = item
                        .date
                        .as_ref()
                        .map(|d| format!(", {d}"))
                        .unwrap_or_default();
                    lines.push(Line::from(format!(
                        "    • {}",
                        cut(format!("{} ({}{date})", item.title, item.source))
                    )));
                }
                lines
            }
        }
    };
    let heading = match &conflict.last_change {
        Some(change) => format!("Theirs: {}, {}", change.author, change.when),
        None => "Theirs, now committed:".to_string(),
    };
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let heading: String = clean(&heading)
        .chars()
        .take(width.saturating_sub(2) as usize)
        .collect();
    let mut lines = vec![Line::from(heading).style(bold)];
    lines.extend(describe(conflict.theirs.as_ref()));
    lines.push(Line::from("Yours:").style(bold));
    lines.extend(describe(Some(&yours)));
    lines.push(Line::from(""));
    lines.push(Line::from(hint.to_string()));
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let inner = popup(
        frame,
        area,
        76,
        height,
        " Someone else changed this commitment ",
    );
    frame.render_widget(Paragraph::new(lines), inner);
}

fn focused(block: Block<'_>, on: bool) -> Block<'_> {
    if on {
        block
            .border_style(Style::new().add_modifier(Modifier::BOLD))
            .title_style(Style::new().add_modifier(Modifier::REVERSED))
    } else {
        block
    }
}

fn render_status(form: &EditForm, state: &State, frame: &mut Frame, area: Rect) {
    let theme = theme(state);
    let mut spans = vec![Span::raw("Status  ")];
    for (n, status) in Status::ALL.into_iter().enumerate() {
        let mut style = theme.status(status);
        if status == form.status {
            style = style.add_modifier(Modifier::REVERSED | Modifier::BOLD);
            spans.push(Span::styled(
                format!(" {} {} {} ", n + 1, status.symbol(), status.label()),
                style,
            ));
        } else {
            spans.push(Span::styled(format!(" {}", status.symbol()), style));
        }
    }
    let mut lines = vec![Line::from(spans)];
    if form.focus == Field::Status {
        lines.push(
            Line::from(format!(
                "        {}/{} or 1–7 to choose",
                state.key_for(Mode::StatusPicker, &Action::Left),
                state.key_for(Mode::StatusPicker, &Action::Right)
            ))
            .style(Style::new().add_modifier(Modifier::DIM)),
        );
    }
    let style = if form.focus == Field::Status {
        Style::new().add_modifier(Modifier::BOLD)
    } else {
        Style::new()
    };
    frame.render_widget(Paragraph::new(lines).style(style), area);
}

/// Wraps the input's lines to `width` columns at spaces (a word longer
/// than the line is cut), returning the visual lines and the cursor's
/// (column, row) among them. Spaces stay at the end of their row, so every
/// character keeps its place and the cursor maps exactly.
fn wrap_with_cursor(input: &TextInput, width: usize) -> (Vec<String>, (usize, usize)) {
    let width = width.max(1);
    let (cursor_row, cursor_col) = input.cursor();
    let mut rows = Vec::new();
    let mut cursor = (0, 0);
    for (row, line) in input.lines().iter().enumerate() {
        let chars: Vec<char> = clean(line).chars().collect();
        let mut start = 0;
        loop {
            // The longest run from `start` that fits, then back to a space.
            let mut end = start;
            let mut used = 0;
            while end < chars.len() && used + chars[end].width().unwrap_or(0) <= width {
                used += chars[end].width().unwrap_or(0);
                end += 1;
            }
            if end < chars.len() {
                if let Some(space) = (start + 1..=end).rev().find(|&i| chars[i - 1] == ' ') {
                    end = space;
                }
                end = end.max(start + 1);
            }
            let last = end >= chars.len();
            if row == cursor_row && cursor_col >= start && (cursor_col < end || last) {
                let x: usize = chars[start..cursor_col.min(chars.len())]
                    .iter()
                    .map(|c| c.width().unwrap_or(0))
                    .sum();
                cursor = if x >= width {
                    (0, rows.len() + 1)
                } else {
                    (x, rows.len())
                };
            }
            rows.push(chars[start..end.min(chars.len())].iter().collect());
            if last {
                if cursor.1 == rows.len() && row == cursor_row {
                    rows.push(String::new());
                }
                break;
            }
            start = end;
        }
    }
    (rows, cursor)
}

fn render_text_box(frame: &mut Frame, area: Rect, title: &str, input: &TextInput, focus: bool) {
    let block = focused(Block::new().borders(Borders::ALL).title(title), focus);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        // Squeezed out on a short terminal: nothing to draw, no cursor.
        return;
    }
    let (rows, (x, y)) = wrap_with_cursor(input, inner.width as usize);
    let height = inner.height as usize;
    let scroll = (y + 1).saturating_sub(height);
    let visible: Vec<Line> = rows
        .into_iter()
        .skip(scroll)
        .take(height)
        .map(Line::from)
        .collect();
    frame.render_widget(Paragraph::new(visible), inner);
    if focus {
        let column = (x as u16).min(inner.width.saturating_sub(1));
        let row = (y.saturating_sub(scroll) as u16).min(inner.height.saturating_sub(1));
        frame.set_cursor_position(Position::new(inner.x + column, inner.y + row));
    }
}

/// One evidence item on one line: date · title — source (provenance).
pub fn evidence_line(evidence: &Evidence) -> String {
    let date = evidence.date.map_or("undated".into(), |d| d.to_string());
    format!(
        "{date} · {} — {} ({})",
        clean(&evidence.title),
        clean(&evidence.source),
        evidence.provenance.label()
    )
}

fn render_evidence(form: &EditForm, state: &State, frame: &mut Frame, area: Rect) {
    let on = form.focus == Field::Evidence;
    let actions = [
        Action::AddEvidence,
        Action::ChangeEvidence,
        Action::RemoveEvidence,
    ];
    let title = if on {
        format!(
            " Evidence — {} ",
            state.keymap.short_hint(Mode::EvidenceList, &actions)
        )
    } else {
        " Evidence ".to_string()
    };
    let block = focused(Block::new().borders(Borders::ALL).title(title), on);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if form.evidence.is_empty() {
        let how = format!(
            "none yet ({} here, then {} to add)",
            state.key_for(Mode::EditForm, &Action::NextField),
            state.key_for(Mode::EvidenceList, &Action::AddEvidence)
        );
        frame.render_widget(Paragraph::new(how), inner);
        return;
    }
    let height = inner.height as usize;
    let skip = (form.selected_evidence + 1).saturating_sub(height);
    let lines: Vec<Line> = form
        .evidence
        .iter()
        .enumerate()
        .skip(skip)
        .take(height)
        .map(|(n, e)| {
            let marker = if on && n == form.selected_evidence {
                "> "
            } else {
                "  "
            };
            let text = format!("{marker}{}", evidence_line(e));
            let line = Line::from(super::truncate(&text, usize::from(inner.width)));
            if on && n == form.selected_evidence {
                line.style(Style::new().add_modifier(Modifier::REVERSED))
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn render_draft(draft: &EvidenceDraft, hint: &str, frame: &mut Frame, area: Rect) {
    let title = if draft.replaces.is_some() {
        " Change evidence "
    } else {
        " Add evidence "
    };
    let inner = popup(frame, area, 74, 11, title);
    let label_width = 12u16;
    for (n, label) in EVIDENCE_LABELS.iter().enumerate() {
        let y = inner.y + n as u16;
        if y >= inner.bottom() {
            break;
        }
        let on = draft.focus == n;
        let style = if on {
            Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED)
        } else {
            Style::new()
        };
        frame.render_widget(
            Paragraph::new(format!("{label:>10}: ")).style(style),
            Rect::new(inner.x, y, label_width, 1),
        );
        let field = Rect::new(
            inner.x + label_width,
            y,
            inner.width.saturating_sub(label_width),
            1,
        );
        if n < 4 {
            let input = &draft.inputs[n];
            let text = clean(&input.text());
            let cursor = input.cursor().1;
            let skip = (cursor + 1).saturating_sub(field.width as usize);
            let shown: String = text.chars().skip(skip).collect();
            frame.render_widget(Paragraph::new(shown), field);
            if on {
                frame.set_cursor_position(Position::new(field.x + (cursor - skip) as u16, y));
            }
        } else if n == 5 {
            frame.render_widget(
                Paragraph::new(format!(
                    "{} {}   (←/→ choose)",
                    draft.supports.symbol(),
                    draft.supports.label()
                )),
                field,
            );
        } else {
            let which = if draft.self_reported {
                "self-reported (by the actor itself)"
            } else {
                "independent"
            };
            frame.render_widget(Paragraph::new(format!("{which}   (Space toggles)")), field);
        }
    }
    let hint_y = inner.y + EVIDENCE_LABELS.len() as u16 + 1;
    if hint_y < inner.bottom() {
        let hint = match &draft.error {
            Some(error) => {
                Line::from(clean(error)).style(Style::new().add_modifier(Modifier::BOLD))
            }
            None => Line::from(format!("Date: YYYY, YYYY-MM or YYYY-MM-DD · {hint}")),
        };
        frame.render_widget(
            Paragraph::new(hint),
            Rect::new(inner.x, hint_y, inner.width, 1),
        );
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::app::input::{Key, KeyCode};
    use crate::model::{Actor, ActorKind, Commitment, Recommendation, Stakeholder};

    fn form() -> EditForm {
        let mut actor = Actor {
            aliases: Vec::new(),
            id: "greece".into(),
            name: "Greece".into(),
            kind: ActorKind::Government,
            country: None,
            role: None,
            commitments: Default::default(),
        };
        actor.commitments.insert(
            "blacklist".into(),
            Commitment { status: Status::Initiated, note: "A law of December 2022 criminalises the sale of spyware, and the use of it against citizens is a felony.".into(), ..Default::default() },
        );
        let rec = Recommendation {
            id: "blacklist".into(),
            title: "Blacklist violators".into(),
            summary: String::new(),
            addressed_to: vec![Stakeholder::Governments],
            tracked: true,
        };
        EditForm::open(
            &actor,
            &rec,
            NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default(),
        )
    }

    fn screen(form: &EditForm, width: u16, height: u16) -> Vec<String> {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
        let keymap = crate::app::KeyMap::with_overrides(&Default::default()).0;
        let mut state = State::new(Err(crate::model::Problems(Vec::new())), today, keymap);
        state.color = false;
        state.set_author(crate::model::Identity::parse("Ada <ada@example.org>").expect("valid"));
        terminal
            .draw(|frame| render_edit_form(form, &state, frame, frame.area()))
            .expect("drawn");
        let buffer = terminal.backend().buffer().clone();
        (0..height)
            .map(|y| {
                (0..width)
                    .map(|x| buffer[(x, y)].symbol().to_string())
                    .collect::<String>()
            })
            .collect()
    }

    #[test]
    fn the_form_shows_the_status_the_wrapped_note_and_the_default_message() {
        let mut form = form();
        form.handle(&crate::app::input::through(
            form.mode(),
            Key::plain(KeyCode::Right),
        ));
        let lines = screen(&form, 80, 24);
        let text = lines.join("\n");
        assert!(
            lines[0].starts_with("Edit · Greece · blacklist — Blacklist violators"),
            "{text}"
        );
        assert!(text.contains(" 4 ◑ Substantial "), "{text}");
        assert!(
            text.contains("A law of December 2022 criminalises"),
            "{text}"
        );
        assert!(
            text.contains("felony."),
            "the note wraps onto a second line:\n{text}"
        );
        assert!(
            text.contains("Greece · blacklist: Initiated → Substantial"),
            "{text}"
        );
        assert!(lines[23].contains("ctrl-s save · esc cancel"), "{text}");
        assert!(lines[23].contains("as Ada <ada@example.org>"), "{text}");
    }

    #[test]
    fn the_evidence_popup_shows_its_fields_and_errors() {
        let mut form = form();
        form.focus = Field::Evidence;
        form.handle(&crate::app::input::through(form.mode(), Key::char('a')));
        for c in "Greek spyware law".chars() {
            form.handle(&crate::app::input::through(form.mode(), Key::char(c)));
        }
        form.handle(&crate::app::input::through(
            form.mode(),
            Key::plain(KeyCode::Enter),
        ));
        let text = screen(&form, 80, 24).join("\n");
        assert!(text.contains("Add evidence"), "{text}");
        assert!(text.contains("Title: Greek spyware law"), "{text}");
        // A new item supports the status being recorded until another is chosen.
        assert!(text.contains("Supports: ◔ Initiated"), "{text}");
        assert!(text.contains("the evidence needs a source"), "{text}");
    }

    #[test]
    fn a_conflict_shows_both_versions_and_the_choices() {
        let mut form = form();
        form.handle(&crate::app::input::through(
            form.mode(),
            Key::plain(KeyCode::Right),
        ));
        form.handle(&crate::app::input::through(form.mode(), Key::ctrl('s')));
        form.show_conflict_by(
            Some(Commitment {
                status: Status::Reversed,
                note: "Repealed.".into(),
                evidence: vec![crate::model::Evidence {
                    title: "Repeal decree".into(),
                    source: "Official journal".into(),
                    date: crate::model::PartialDate::parse("2024-03").ok(),
                    url: None,
                    provenance: crate::model::Provenance::Independent,
                    supports: Status::Reversed,
                }],
                ..Default::default()
            }),
            Some(crate::model::LastChange {
                author: "Bo Reviewer".into(),
                when: "2024-11-12 09:30 UTC".into(),
            }),
        );
        let text = screen(&form, 80, 24).join("\n");
        assert!(
            text.contains("Someone else changed this commitment"),
            "{text}"
        );
        assert!(
            text.contains("Theirs: Bo Reviewer, 2024-11-12 09:30 UTC"),
            "{text}"
        );
        assert!(
            text.contains("• Repeal decree (Official journal, 2024-03)"),
            "{text}"
        );
        assert!(text.contains("✗ Reversed"), "{text}");
        assert!(text.contains("Repealed."), "{text}");
        assert!(text.contains("◑ Substantial"), "{text}");
        assert!(
            text.contains("k keep theirs · o overwrite with yours"),
            "{text}"
        );
    }

    #[test]
    fn the_note_wraps_at_spaces_and_the_cursor_follows_the_text() {
        let note = TextInput::multi_line("alpha beta gamma\ndelta");
        let (rows, cursor) = wrap_with_cursor(&note, 11);
        assert_eq!(rows, ["alpha beta ", "gamma", "delta"]);
        assert_eq!(cursor, (5, 2), "the cursor ends the last line");
        let mut note = TextInput::multi_line("alpha beta gamma");
        note.handle(Key::plain(KeyCode::Home));
        for _ in 0..11 {
            note.handle(Key::plain(KeyCode::Right));
        }
        let (_, cursor) = wrap_with_cursor(&note, 11);
        assert_eq!(cursor, (0, 1), "the g of gamma starts the second row");
        let (rows, _) = wrap_with_cursor(&TextInput::multi_line("abcdefghij"), 4);
        assert_eq!(rows, ["abcd", "efgh", "ij"], "a long word is cut");
    }

    #[test]
    fn a_tiny_terminal_gets_a_message_not_a_panic() {
        let text = screen(&form(), 20, 5).join("\n");
        assert!(text.contains("Terminal too"), "{text}");
        let _ = screen(&form(), 1, 1);
    }
}
