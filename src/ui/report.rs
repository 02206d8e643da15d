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
    let inner = popup(frame, area, width.saturating_add(2), 9, " Write a report ");
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
    let hint = Line::from(super::truncate(hint, columns));
    if inner.height < 7 {
        // Too short for everything: the line being chosen and how to leave.
        let focused = lines.swap_remove(dialog.field.min(lines.len().saturating_sub(1)));
        lines = vec![focused, hint];
    } else {
        lines.push(Line::from(""));
        lines.push(Line::from(super::truncate(
            &format!("Writes ./{} here", super::clean(&dialog.job().file_name)),
            columns,
        )));
        lines.push(Line::from(""));
        lines.push(hint);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
