//! The report dialog: three lines to choose (format, since, as of), the
//! file it will write, and the keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::forms::popup;
use crate::app::report::{FORMATS, ReportDialog};

/// Draws the dialog over the view.
pub fn render(dialog: &ReportDialog, hint: &str, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(6).min(66);
    let height = if dialog.recorded.is_some() { 10 } else { 9 };
    let inner = popup(
        frame,
        area,
        width.saturating_add(2),
        height,
        " Write a report ",
    );
    let columns = usize::from(inner.width);
    let choice = |label: Option<&str>| format!("‹ {} ›", label.unwrap_or("–"));
    let fields = [
        ("Format", choice(FORMATS.get(dialog.format).copied())),
        (
            "Since ",
            choice(dialog.starts.get(dialog.since).map(|c| c.label.as_str())),
        ),
        (
            "As of ",
            choice(dialog.ends.get(dialog.as_of).map(|c| c.label.as_str())),
        ),
    ];
    let mut lines: Vec<Line<'static>> = fields
        .into_iter()
        .enumerate()
        .map(|(i, (name, value))| {
            let style = if i == dialog.field {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            };
            Line::from(vec![
                Span::raw(format!("{name}  ")),
                Span::styled(super::truncate(&value, columns.saturating_sub(8)), style),
            ])
        })
        .collect();
    // A refusal takes the hint's place: it is what the user must act on.
    let hint = Line::from(super::truncate(
        &super::clean(dialog.refusal.as_deref().unwrap_or(hint)),
        columns,
    ));
    if inner.height < 7 {
        // Too short for everything: the line being chosen and how to leave.
        let focused = lines.swap_remove(dialog.field.min(lines.len().saturating_sub(1)));
        lines = vec![focused, hint];
    } else {
        if let Some(commit) = &dialog.recorded {
            lines.push(Line::from(super::truncate(
                &format!("Record  as recorded at {}", super::clean(commit)),
                columns,
            )));
        }
        lines.push(Line::from(""));
        let name = super::clean(&dialog.job().file_name);
        let mut writes = format!("Writes ./{name} here");
        if writes.chars().count() > columns {
            // The name matters more than the word saying where.
            writes = format!("Writes ./{name}");
        }
        lines.push(Line::from(super::truncate(&writes, columns)));
        lines.push(Line::from(""));
        lines.push(hint);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
