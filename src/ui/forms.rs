//! Drawing the small forms: adding an actor, and asking who is editing.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::clean;
use crate::app::actor_form::{ACTOR_LABELS, ActorForm};
use crate::app::editing::Question;
use crate::app::identity_prompt::IdentityPrompt;
use crate::app::text::TextInput;
use crate::model::Edit;

/// A box of `height` rows, at most `width` wide, centred in `area`,
/// cleared, with a title; returns the inside.
pub(super) fn popup(frame: &mut Frame, area: Rect, width: u16, height: u16, title: &str) -> Rect {
    let width = area.width.saturating_sub(4).min(width);
    let height = height.min(area.height);
    let outer = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    frame.render_widget(Clear, outer);
    let block = Block::new().borders(Borders::ALL).title(title.to_string());
    let inner = block.inner(outer);
    frame.render_widget(block, outer);
    inner
}

/// One labelled single-line input; the cursor goes there when focused.
fn input_row(frame: &mut Frame, at: Rect, label: &str, input: &TextInput, focus: bool) {
    let label_width = 11u16.min(at.width);
    let style = if focus {
        Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED)
    } else {
        Style::new()
    };
    frame.render_widget(
        Paragraph::new(format!("{label:>9}: ")).style(style),
        Rect {
            width: label_width,
            ..at
        },
    );
    let field = Rect {
        x: at.x + label_width,
        width: at.width.saturating_sub(label_width),
        ..at
    };
    // Scrolled by columns, not characters, so the cursor sits after the
    // character it follows even when wide characters come before it.
    let chars: Vec<char> = clean(&input.text()).chars().collect();
    let cursor = input.cursor().1.min(chars.len());
    let columns = |from: usize| -> usize {
        chars
            .get(from..cursor)
            .unwrap_or_default()
            .iter()
            .map(|c| unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0))
            .sum()
    };
    let mut skip = 0;
    while skip < cursor && columns(skip) + 1 > usize::from(field.width) {
        skip += 1;
    }
    let shown: String = chars.iter().skip(skip).collect();
    frame.render_widget(Paragraph::new(shown), field);
    if focus && field.width > 0 {
        let x = field.x + (columns(skip) as u16).min(field.width - 1);
        frame.set_cursor_position(Position::new(x, at.y));
    }
}

/// The hint, or the reason the last attempt was refused, on row `row` of
/// `inner` (nothing when the box is too short for it).
fn hint_or_error(frame: &mut Frame, inner: Rect, row: u16, hint: &str, error: Option<&String>) {
    let y = inner.y + row;
    if y >= inner.bottom() {
        return;
    }
    let at = Rect::new(inner.x, y, inner.width, inner.bottom() - y);
    // A refusal wraps over the rows left; a hint is cut with an ellipsis.
    let lines: Vec<Line> = match error {
        Some(error) => super::wrap_whole(error, usize::from(at.width))
            .into_iter()
            .map(|l| Line::from(l).style(Style::new().add_modifier(Modifier::BOLD)))
            .collect(),
        None => vec![Line::from(super::truncate(hint, usize::from(at.width)))],
    };
    frame.render_widget(Paragraph::new(lines), at);
}

/// Draws the add-actor form over `area`.
pub fn render_actor_form(form: &ActorForm, hint: &str, frame: &mut Frame, area: Rect) {
    let inner = popup(frame, area, 72, 10, " Add an actor ");
    for (n, label) in ACTOR_LABELS.iter().enumerate() {
        let row = Rect::new(inner.x, inner.y + n as u16, inner.width, 1);
        if row.y >= inner.bottom() {
            return;
        }
        let focus = form.focus == n;
        match n {
            0 => input_row(frame, row, label, &form.name, focus),
            1 => input_row(frame, row, label, &form.id, focus),
            3 => input_row(frame, row, label, &form.country, focus),
            _ => {
                let value = if n == 2 {
                    form.kind.heading().to_string()
                } else {
                    form.role.map_or("none", |r| r.label()).to_string()
                };
                let choice = TextInput::single_line(&format!("◀ {value} ▶"));
                input_row(frame, row, label, &choice, false);
                if focus {
                    let style = Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED);
                    frame.render_widget(
                        Paragraph::new(format!("{label:>9}: ")).style(style),
                        Rect { width: 11, ..row },
                    );
                }
            }
        }
    }
    hint_or_error(
        frame,
        inner,
        6,
        &format!("{hint} · ←/→ choose"),
        form.error.as_ref(),
    );
}

/// Draws the who-is-editing prompt over `area`.
pub fn render_identity_prompt(prompt: &IdentityPrompt, hint: &str, frame: &mut Frame, area: Rect) {
    let inner = popup(frame, area, 72, 7, " Who is editing? ");
    if inner.height < 3 {
        return;
    }
    frame.render_widget(
        Paragraph::new(super::truncate(
            "Every edit is a commit under your name. Type it as: Name <email>",
            usize::from(inner.width),
        )),
        Rect::new(inner.x, inner.y, inner.width, 1),
    );
    input_row(
        frame,
        Rect::new(inner.x, inner.y + 2, inner.width, 1),
        "You",
        &prompt.input,
        true,
    );
    hint_or_error(
        frame,
        inner,
        4,
        &format!("{hint} (nothing is saved without a name)"),
        prompt.error.as_ref(),
    );
}

/// Draws the offer of an edit kept from an interrupted session.
pub fn render_draft_offer(draft: &Edit, hint: &str, frame: &mut Frame, area: Rect) {
    let inner = popup(frame, area, 72, 8, " An unsaved edit was kept ");
    let lines = vec![
        Line::from("When the last session ended, this edit was being typed:"),
        Line::from(format!(
            "  {} · {} → {} {}",
            clean(&draft.actor),
            clean(&draft.recommendation),
            draft.new.status.symbol(),
            draft.new.status.label()
        )),
        Line::from(format!("  {}", clean(&draft.message))),
        Line::from(""),
        Line::from(hint.to_string()),
    ];
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|line| super::clip(line, usize::from(inner.width)))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Draws a yes/no question, wrapped to the box, with how to answer it.
pub fn render_question(question: &Question, hint: &str, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(6).min(70);
    let wrap = |text: &str| -> Vec<String> { super::wrap(text, usize::from(width), "") };
    let mut asked = wrap(&question.text);
    let how = wrap(hint);
    let wanted = asked.len() + 1 + how.len();
    let height = u16::try_from(wanted).unwrap_or(u16::MAX).saturating_add(2);
    let inner = popup(
        frame,
        area,
        width.saturating_add(2),
        height,
        " Are you sure? ",
    );
    // Where the box is too short, the question is cut (and says so) before
    // the keys that answer it: how to leave must always show.
    let room = usize::from(inner.height);
    let mut lines: Vec<Line<'static>> = Vec::new();
    if wanted > room {
        asked.truncate(room.saturating_sub(how.len()));
        if let Some(last) = asked.last_mut() {
            let cut = super::truncate(last, usize::from(inner.width).saturating_sub(1));
            *last = format!("{}…", cut.trim_end_matches('…'));
        }
        lines.extend(asked.into_iter().map(Line::from));
    } else {
        lines.extend(asked.into_iter().map(Line::from));
        lines.push(Line::from(""));
    }
    lines.extend(how.into_iter().map(Line::from));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// What is typed in a one-line prompt with a bar at its cursor
/// ("kind:gov▏ernment"), each side cleaned of control characters.
pub(crate) fn with_cursor(input: &TextInput) -> String {
    let (_, at) = input.cursor();
    let text = input.text();
    let split = text.char_indices().nth(at).map_or(text.len(), |(i, _)| i);
    let (before, after) = text.split_at(split);
    format!("{}▏{}", clean(before), clean(after))
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::app::input::{Key, KeyCode};

    fn screen(draw: impl Fn(&mut Frame)) -> String {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("a test terminal");
        terminal.draw(|frame| draw(frame)).expect("drawn");
        let buffer = terminal.backend().buffer().clone();
        (0..24)
            .map(|y| {
                (0..80)
                    .map(|x| buffer[(x, y)].symbol().to_string())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_actor_form_shows_the_suggested_id_and_refusals() {
        let mut form = ActorForm::new(vec!["chile".into()]);
        for c in "Chile".chars() {
            form.handle(&crate::app::input::through(form.mode(), Key::char(c)));
        }
        form.handle(&crate::app::input::through(
            form.mode(),
            Key::plain(KeyCode::Enter),
        ));
        let text = screen(|frame| render_actor_form(&form, "", frame, frame.area()));
        assert!(text.contains("Add an actor"), "{text}");
        assert!(text.contains("Name: Chile"), "{text}");
        assert!(text.contains("Id: chile"), "{text}");
        assert!(text.contains("Kind: ◀ Governments ▶"), "{text}");
        assert!(text.contains("an actor `chile` already exists"), "{text}");
    }

    #[test]
    fn the_cursor_follows_wide_characters_in_a_field() {
        let mut form = ActorForm::new(Vec::new());
        for c in "日本国".chars() {
            form.handle(&crate::app::input::through(form.mode(), Key::char(c)));
        }
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("a test terminal");
        terminal
            .draw(|frame| render_actor_form(&form, "", frame, frame.area()))
            .expect("drawn");
        let buffer = terminal.backend().buffer().clone();
        let (x, y) = (0..24)
            .flat_map(|y| (0..80).map(move |x| (x, y)))
            .find(|&(x, y)| buffer[(x, y)].symbol() == "日")
            .expect("the name is drawn");
        let cursor = terminal.get_cursor_position().expect("a cursor");
        assert_eq!(
            (cursor.x, cursor.y),
            (x + 6, y),
            "after three wide characters"
        );
    }

    #[test]
    fn the_prompt_explains_why_it_asks() {
        let prompt = IdentityPrompt::new(None);
        let text = screen(|frame| render_identity_prompt(&prompt, "", frame, frame.area()));
        assert!(text.contains("Who is editing?"), "{text}");
        assert!(text.contains("Name <email>"), "{text}");
    }
}
