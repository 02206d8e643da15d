//! One actor: who it is, and each graded commitment with its note and evidence.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use super::{bar, clean, page_window, theme, wrap, wrap_whole};
use crate::app::link::{LinkSpot, web_link};
use crate::app::{Board, State};
use crate::model::ActorKind;

/// Draws the actor view; returns the status line's text.
pub(super) fn render(
    state: &State,
    board: &Board,
    index: usize,
    frame: &mut Frame,
    area: Rect,
) -> String {
    let theme = theme(state);
    let width = usize::from(area.width);
    let dataset = &board.dataset;
    let Some(actor) = dataset.actors.get(index) else {
        return "This actor is no longer in the dataset".to_string();
    };
    let mut lines = Vec::new();
    let mut about = vec![kind_label(actor.kind).to_string()];
    if let Some(country) = &actor.country {
        about.push(clean(country));
    }
    if let Some(role) = actor.role {
        about.push(format!("working group {}", role.label().to_lowercase()));
    }
    lines.push(Line::from(about.join(" · ")));
    let progress = actor.progress(&dataset.recommendations);
    lines.push(Line::from(format!(
        "Progress {} over {} recommendation{}",
        bar(progress.percent(), 20),
        progress.applicable,
        if progress.applicable == 1 { "" } else { "s" }
    )));
    // The marked commitment's lines, which the window keeps on screen.
    let mut focus = None;
    // The lines that show a web link: (line, its address, columns shown).
    let mut links: Vec<(usize, String, usize)> = Vec::new();
    for (number, rec) in dataset.recommendations.iter().enumerate() {
        if !actor.is_graded_on(rec) {
            continue;
        }
        if let Some((start, None)) = focus {
            focus = Some((start, Some(lines.len())));
        }
        let status = actor.status_on(&rec.id);
        let commitment = actor.commitment(&rec.id);
        if commitment.is_some() {
            lines.push(Line::from(""));
        }
        let marked = number == state.mark;
        if marked {
            focus = Some((lines.len(), None));
        }
        lines.push(Line::from(vec![
            Span::styled(if marked { "▶" } else { " " }, theme.selected),
            Span::styled(
                format!("{} {:<14}", status.symbol(), status.label()),
                theme.status(status).add_modifier(Modifier::BOLD),
            ),
            Span::styled(
                format!("{}. {}", number + 1, clean(&rec.title)),
                if marked {
                    theme.heading.patch(theme.selected)
                } else {
                    theme.heading
                },
            ),
        ]));
        if let Some(last) = last_changed(state, &actor.id, &rec.id) {
            lines.push(Line::from(Span::styled(last, theme.dim)));
        }
        let Some(commitment) = commitment else {
            continue;
        };
        // In a first-clock past the grade is of that day, but the note and
        // the assessment are today's record: say so rather than pass them
        // off as the day's.
        let today = state.graded_as_of().map(|_| "Today's record: ");
        if !commitment.note.is_empty() {
            let note = format!("{}{}", today.unwrap_or(""), commitment.note);
            lines.extend(wrap(&note, width, "  ").into_iter().map(Line::from));
        }
        for evidence in &commitment.evidence {
            let date = evidence
                .date
                .map_or_else(|| "undated".to_string(), |d| d.to_string());
            let text = format!(
                "{date} · {} — {} ({})",
                evidence.title,
                evidence.source,
                evidence.provenance.label()
            );
            let mut wrapped = wrap(&text, width, "    ");
            if let Some(first) = wrapped.first_mut() {
                first.replace_range(2..3, "•");
            }
            lines.extend(wrapped.into_iter().map(Line::from));
            if let Some(url) = &evidence.url {
                url_lines(url, width, &theme, &mut lines, &mut links);
            }
        }
        if let Some(assessed) = commitment.assessed {
            lines.push(Line::from(Span::styled(
                match today {
                    Some(_) => format!("  assessed {assessed} (today's record)"),
                    None => format!("  assessed {assessed}"),
                },
                theme.dim,
            )));
        }
    }
    let total = lines.len();
    let focus = focus.map(|(start, end)| start..end.unwrap_or(total));
    let follows = focus.is_some();
    page_window(
        state,
        clean(&actor.name),
        total,
        focus,
        frame,
        area,
        |window| {
            lines
                .into_iter()
                .skip(window.start)
                .take(window.len())
                .collect()
        },
    );
    record_links(state, area, follows, &links);
    state.view_hint()
}

/// Columns an address is indented by under its evidence item.
const URL_INDENT: &str = "      ";

/// An evidence item's address, under it: a web link (which the runner
/// makes clickable) wrapped whole, or anything else as plain text that
/// says it is not one, so a `javascript:` address is seen and never linked.
fn url_lines(
    url: &str,
    width: usize,
    theme: &super::Theme,
    lines: &mut Vec<Line<'static>>,
    links: &mut Vec<(usize, String, usize)>,
) {
    let room = width.saturating_sub(URL_INDENT.len()).max(8);
    match web_link(url) {
        Some(link) => {
            for piece in wrap_whole(&link, room) {
                links.push((lines.len(), link.clone(), super::width_of(&piece)));
                lines.push(Line::from(vec![
                    Span::raw(URL_INDENT),
                    Span::styled(piece, theme.dim.add_modifier(Modifier::UNDERLINED)),
                ]));
            }
        }
        None => {
            let text = format!("{} (not a web link)", clean(url));
            lines.extend(wrap(&text, width, URL_INDENT).into_iter().map(Line::from));
        }
    }
}

/// Notes where the link lines landed on screen, for the runner to make
/// them clickable: the same window [`page_window`] showed.
fn record_links(state: &State, area: Rect, follows: bool, links: &[(usize, String, usize)]) {
    let Ok(mut spots) = state.links.try_borrow_mut() else {
        return;
    };
    let offset = if follows {
        state.follow_offset.get()
    } else {
        state.page.offset.min(state.page_limit.get())
    };
    let visible = usize::from(area.height.saturating_sub(1));
    let indent = URL_INDENT.len() as u16;
    let room = usize::from(area.width.saturating_sub(indent));
    for (line, url, shown) in links {
        let Some(row) = line.checked_sub(offset).filter(|r| *r < visible) else {
            continue;
        };
        let shown = (*shown).min(room);
        spots.push(LinkSpot {
            x: area.x + indent,
            y: area.y + 1 + row as u16,
            width: shown as u16,
            url: url.clone(),
        });
    }
}

/// The kind in the singular, as a line about one actor says it.
fn kind_label(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Government => "Government",
        ActorKind::Intergovernmental => "Intergovernmental body",
        ActorKind::Industry => "Industry",
        ActorKind::CivilSociety => "Civil society",
        ActorKind::Academia => "Academia",
    }
}

/// "  last changed by Ada Lovelace · 2024-11-12 09:30 UTC", once the
/// background reading of the actor's history has said so.
fn last_changed(state: &State, actor: &str, recommendation: &str) -> Option<String> {
    let known = state.last_changes.as_ref().filter(|k| k.actor == actor)?;
    let change = known.by_recommendation.as_ref()?.get(recommendation)?;
    Some(format!(
        "  last changed by {} · {}",
        clean(&change.author),
        change.when
    ))
}
