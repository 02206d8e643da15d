//! The message panel: a long message or the session's log, over the view,
//! wrapped to the width and scrollable, until the user closes it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{forms::popup, truncate};
use crate::app::messages::Panel;

/// Draws `panel` over `area`.
pub(super) fn render_panel(panel: &Panel, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(4).min(100);
    let text_width = usize::from(width.saturating_sub(2)).max(1);
    let mut lines: Vec<String> = Vec::new();
    for (n, paragraph) in panel.paragraphs.iter().enumerate() {
        if n > 0 {
            lines.push(String::new());
        }
        lines.extend(super::wrap_whole(paragraph, text_width));
    }
    // Borders (2) and the hint (1) around the text.
    let height = (lines.len() + 3).min(usize::from(area.height)) as u16;
    let inner = popup(frame, area, width, height, &format!(" {} ", panel.title));
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let visible = usize::from(inner.height.saturating_sub(1)).max(1);
    let limit = lines.len().saturating_sub(visible);
    panel.limit.set(limit);
    let offset = panel.offset.min(limit);
    let shown: Vec<Line> = lines
        .iter()
        .skip(offset)
        .take(visible)
        .map(|l| Line::from(l.clone()))
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
    if inner.height >= 2 {
        let scroll = if limit > 0 {
            format!(
                " · j/k scroll ({}-{} of {})",
                offset + 1,
                (offset + visible).min(lines.len()),
                lines.len()
            )
        } else {
            String::new()
        };
        let hint = truncate(&format!("esc close{scroll}"), usize::from(inner.width));
        let at = Rect {
            y: inner.bottom() - 1,
            height: 1,
            ..inner
        };
        frame.render_widget(
            Paragraph::new(hint).style(Style::new().add_modifier(Modifier::BOLD)),
            at,
        );
    }
}
