//! The screen on different terminals: no colour, 16 colours, the light
//! theme, a locale without UTF-8, and names in scripts whose widths
//! terminals disagree on.

mod common;

use common::*;
use ratatui::style::Color;
use reconvene::app::look::{Look, TerminalEnv, Theme};
use reconvene::app::{Action::*, KeyMap, State};

fn with_env(term: &str, no_color: &str, lang: &str, theme: Theme) -> State {
    let mut state = State::new(Ok(dataset()), day("2024-12-11"), KeyMap::default());
    let env = TerminalEnv {
        term: Some(term),
        no_color: Some(no_color),
        lang: Some(lang),
        ..TerminalEnv::default()
    };
    state.look = Look::detect(&env, theme);
    state
}

fn colours_used(state: &State) -> Vec<Color> {
    let buffer = buffer(state, 80, 24);
    let mut used: Vec<Color> = buffer
        .content()
        .iter()
        .flat_map(|cell| [cell.fg, cell.bg])
        .filter(|c| *c != Color::Reset)
        .collect();
    used.sort_by_key(|c| format!("{c:?}"));
    used.dedup();
    used
}

#[test]
fn term_dumb_and_no_color_draw_no_colour_at_all() {
    for state in [
        with_env("dumb", "", "C.UTF-8", Theme::Dark),
        with_env("xterm-256color", "1", "C.UTF-8", Theme::Dark),
    ] {
        assert_eq!(colours_used(&state), Vec::<Color>::new());
        // The statuses still read, by their symbols.
        let lines = screen(&state, 80, 24);
        assert!(row_with(&lines, "United States").contains('●'));
    }
}

#[test]
fn a_16_colour_terminal_gets_only_the_eight_basic_colours() {
    let basic = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
    ];
    for term in ["vt100", "xterm", "screen"] {
        for theme in [Theme::Dark, Theme::Light] {
            let mut state = with_env(term, "", "C.UTF-8", theme);
            for view in [&[][..], &[NextView][..], &[NextView, Open][..]] {
                act(&mut state, view);
                let used = colours_used(&state);
                assert!(!used.is_empty(), "{term}: no colour at all");
                assert!(
                    used.iter().all(|c| basic.contains(c)),
                    "{term} {theme:?}: {used:?}"
                );
            }
        }
    }
}

#[test]
fn the_light_theme_avoids_colours_that_vanish_on_white() {
    let state = with_env("xterm-256color", "", "C.UTF-8", Theme::Light);
    let used = colours_used(&state);
    for unreadable in [Color::Yellow, Color::White, Color::LightYellow] {
        assert!(!used.contains(&unreadable), "{used:?}");
    }
    let dark = with_env("xterm-256color", "", "C.UTF-8", Theme::Dark);
    assert_ne!(colours_used(&dark), used, "the themes differ");
}

#[test]
fn without_utf8_every_cell_is_ascii_and_statuses_keep_distinct_symbols() {
    let mut data = dataset();
    data.actors[1].name = "Türkiye".into();
    let mut state = State::new(Ok(data), day("2024-12-11"), KeyMap::default());
    let env = TerminalEnv {
        term: Some("xterm"),
        lang: Some("C"),
        ..TerminalEnv::default()
    };
    state.look = Look::detect(&env, Theme::Dark);
    for view in [&[][..], &[NextView][..], &[Open][..], &[Help][..]] {
        act(&mut state, view);
        let lines = screen(&state, 80, 24);
        let text = show(&lines);
        assert!(text.is_ascii(), "{text}");
    }
    act(&mut state, &[Back, Back, NextView]);
    let lines = screen(&state, 80, 24);
    let text = show(&lines);
    assert!(lines[0].contains("Spyware working group"), "{text}");
    // United States: Substantial, Implemented on the blacklist, Reversed.
    let us = row_with(&lines, "United States");
    assert!(
        us.contains('*') && us.contains('#') && us.contains('x'),
        "{us}"
    );
    assert!(row_with(&lines, "Turkiye").contains('.'), "{text}");
    // The bar is drawn in ASCII too.
    assert!(us.contains("##...") || us.contains("#...."), "{us}");
}

#[test]
fn names_in_any_script_keep_the_matrix_aligned_and_every_cluster_agreed() {
    let mut data = dataset();
    let names = [
        "👩\u{200d}💻 Tech\u{200d}Collective",
        "I \u{2764}\u{fe0f} Privacy 👍🏽",
        "भारत सरकार क्षत्रिय",
        "Ελληνική Δημοκρατία",
    ];
    for (actor, name) in data.actors.iter_mut().zip(names) {
        actor.name = name.into();
    }
    let mut state = State::new(Ok(data), day("2024-12-11"), KeyMap::default());
    state.color = false;
    let buffer = buffer(&state, 80, 24);
    for cell in buffer.content() {
        assert!(
            reconvene::model::has_agreed_width(cell.symbol()),
            "{:?} would be drawn at a width terminals disagree on",
            cell.symbol()
        );
    }
    // The column of the blacklist's symbol is the same on every actor row.
    let lines = screen(&state, 80, 24);
    let header = row_with(&lines, "Progress");
    let column = unicode_width::UnicodeWidthStr::width(&header[..header.find(" 5 ").unwrap()]) + 1;
    for name in ["👩 Tech", "I \u{2764} Privacy", "भारत", "Ελληνική"] {
        let row = row_with(&lines, name);
        let symbol = row
            .char_indices()
            .find(|&(i, _)| unicode_width::UnicodeWidthStr::width(&row[..i]) == column)
            .map(|(_, c)| c);
        assert!(
            symbol.is_some_and(|c| "·○◔◑●✗–".contains(c)),
            "{name}: {symbol:?} in {row:?}\n{}",
            show(&lines)
        );
    }
}

#[test]
fn a_tab_in_a_note_is_drawn_as_spaces() {
    let mut data = dataset();
    data.actors[0]
        .commitments
        .get_mut("blacklist")
        .unwrap()
        .note = "Listed:\tNSO Group".into();
    let mut state = State::new(Ok(data), day("2024-12-11"), KeyMap::default());
    act(&mut state, &[Open]);
    let text = show(&screen(&state, 80, 24));
    assert!(text.contains("  Listed: NSO Group"), "{text}");
    assert!(!text.contains('�'), "{text}");
}
