//! The styles in use: the config's theme (dark or light) as the terminal
//! can show it — no colour, the eight basic colours, or more.

use ratatui::style::{Color, Modifier, Style};

use crate::app::State;
use crate::model::Status;

/// The styles in use, from the theme and what the terminal shows: no
/// colour at all (`NO_COLOR`, `TERM=dumb`), the 8 colours every colour
/// terminal has, or the brighter ones of a 256-colour terminal.
pub(crate) struct Theme {
    pub title: Style,
    pub heading: Style,
    pub dim: Style,
    pub selected: Style,
    pub status_line: Style,
    palette: Option<Palette>,
}

/// The colours of the statuses, in the scale's order.
struct Palette([Color; crate::model::Status::ALL.len()]);

pub(crate) fn theme(state: &State) -> Theme {
    use crate::app::look::{Colours, Theme as Name};
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let selected = Style::new().add_modifier(Modifier::REVERSED);
    let colours = if state.color {
        state.look.colours
    } else {
        Colours::None
    };
    // Grey needs the bright colours; with only the basic eight, dim text
    // is drawn faint instead.
    let grey = match colours {
        Colours::Many => Style::new().fg(Color::DarkGray),
        _ => Style::new().add_modifier(Modifier::DIM),
    };
    match (colours, state.look.theme) {
        (Colours::None, _) => Theme {
            title: bold,
            heading: bold,
            dim: Style::new(),
            selected,
            status_line: selected,
            palette: None,
        },
        (_, Name::Dark) => Theme {
            title: bold.fg(Color::Cyan),
            heading: bold.fg(Color::Yellow),
            dim: grey,
            selected,
            status_line: Style::new()
                .bg(Color::Blue)
                .fg(if colours == Colours::Many {
                    Color::White
                } else {
                    Color::Gray
                }),
            palette: Some(Palette([
                Color::Gray,
                Color::Blue,
                Color::Yellow,
                Color::Cyan,
                Color::Green,
                Color::Red,
                Color::Gray,
            ])),
        },
        // On a light background yellow, cyan and white do not read.
        (_, Name::Light) => Theme {
            title: bold.fg(Color::Blue),
            heading: bold.fg(Color::Magenta),
            dim: grey,
            selected,
            status_line: Style::new().bg(Color::Blue).fg(Color::Gray),
            palette: Some(Palette([
                Color::Black,
                Color::Blue,
                Color::Magenta,
                Color::Cyan,
                Color::Green,
                Color::Red,
                Color::Black,
            ])),
        },
    }
}

impl Theme {
    /// The style of a status; the symbol carries the meaning without colour.
    pub fn status(&self, status: Status) -> Style {
        let Some(Palette(colours)) = &self.palette else {
            return Style::new();
        };
        let index = Status::ALL.iter().position(|s| *s == status).unwrap_or(0);
        match (status, colours.get(index)) {
            (Status::NoEvidence | Status::NotApplicable, _) => self.dim,
            (_, Some(colour)) => Style::new().fg(*colour),
            (_, None) => Style::new(),
        }
    }
}
