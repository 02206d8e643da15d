//! The screen at any size: 80×24, 40×12, 20×5, and after the terminal
//! shrank and grew back. The selected row is always on screen, lists fill
//! their space, names stay readable and numbers are never cut.

mod common;

use common::*;
use reconvene::app::{Action::*, KeyMap, State};
use reconvene::model::{ActorKind, Status};

/// The fixture with `n` more governments ("Country 01" ...), so lists
/// are longer than any screen here.
fn crowded(n: usize) -> State {
    let mut data = dataset();
    for i in 1..=n {
        data.actors.push(actor(
            &format!("country-{i:02}"),
            &format!("Country {i:02}"),
            ActorKind::Government,
            &[("blacklist", commitment(Status::Endorsed, "", vec![]))],
        ));
    }
    let data = reconvene::model::Dataset::new(data.manifest, data.recommendations, data.actors);
    let mut state = State::new(Ok(data), day("2024-12-11"), KeyMap::default());
    state.color = false;
    state
}

/// Resizes, as the runner does, then draws at that size.
fn at(state: &mut State, width: u16, height: u16) -> Vec<String> {
    act(state, &[Resize(width, height)]);
    screen(state, width, height)
}

/// The name of the actor the status line says is selected.
fn selected_name(state: &State) -> String {
    let board = state.data().expect("a dataset");
    let index = state.selected_actor().expect("an actor is selected");
    board.dataset.actors[index].name.clone()
}

#[test]
fn after_shrinking_and_growing_back_the_dashboard_fills_the_screen() {
    let mut state = crowded(40);
    at(&mut state, 80, 24);
    act(&mut state, &[End]);
    at(&mut state, 80, 8);
    act(&mut state, &[Up, Up]);
    let lines = at(&mut state, 80, 40);
    // 40 rows: 5 lines of chrome, the status line, 34 rows of the list —
    // all of them drawn, none left blank below the last actor.
    let list = &lines[5..39];
    assert!(
        list.iter().all(|l| !l.is_empty()),
        "blank rows in the list:\n{}",
        show(&lines)
    );
    assert!(lines[5..39].iter().any(|l| l.starts_with("Citizen Lab")));
}

#[test]
fn after_shrinking_and_growing_back_the_tracker_fills_the_screen() {
    let mut state = crowded(40);
    act(&mut state, &[NextView]);
    at(&mut state, 80, 30);
    act(&mut state, &[End]);
    at(&mut state, 80, 16);
    let lines = at(&mut state, 80, 40);
    let first_government = lines
        .iter()
        .position(|l| l.starts_with("France") || l.starts_with("Country"))
        .expect("governments are listed");
    assert!(
        lines[first_government..39].iter().all(|l| !l.is_empty()),
        "blank rows in the list:\n{}",
        show(&lines)
    );
    assert!(lines.iter().any(|l| l.starts_with("European Union")));
}

#[test]
fn every_view_shows_its_selected_row_at_80x24_40x12_and_20x5() {
    for (width, height) in [(80, 24), (40, 12), (20, 5)] {
        let mut state = crowded(40);
        at(&mut state, width, height);
        act(&mut state, &[Down, Down, Down, Down, Down, Down, Down]);
        let lines = at(&mut state, width, height);
        let name = selected_name(&state);
        let shown: String = name.chars().take(6).collect();
        assert!(
            lines.iter().any(|l| l.starts_with(&shown)),
            "{width}x{height}: {name} is not on screen:\n{}",
            show(&lines)
        );

        // The tracker, after moving far down.
        act(&mut state, &[NextView]);
        for _ in 0..30 {
            act(&mut state, &[Down]);
        }
        let lines = at(&mut state, width, height);
        let board = state.data().expect("a dataset");
        let government = &board.dataset.actors[board.governments[state.tracker.selected]];
        let shown: String = government.name.chars().take(6).collect();
        assert!(
            lines.iter().any(|l| l.starts_with(&shown)),
            "{width}x{height}: the tracker's {} is not on screen:\n{}",
            government.name,
            show(&lines)
        );
        assert!(
            lines
                .iter()
                .all(|l| unicode_width::UnicodeWidthStr::width(l.as_str()) <= usize::from(width))
        );
    }
}

#[test]
fn at_40_columns_names_stay_whole_and_the_columns_scroll_to_the_selection() {
    let mut state = state();
    at(&mut state, 40, 12);
    // Walk down the list: each selected actor's name is shown whole.
    for _ in 0..7 {
        let lines = at(&mut state, 40, 12);
        let name = selected_name(&state);
        assert!(
            name.len() > 16 || lines.iter().any(|l| l.starts_with(&format!("{name} "))),
            "{name} is cut:\n{}",
            show(&lines)
        );
        // The bar gave way; the percentage stayed.
        let text = show(&lines);
        assert!(!text.contains('█') && !text.contains('░'), "{text}");
        let prefix: String = name.chars().take(10).collect();
        assert!(row_with(&lines, &prefix).ends_with('%'), "{text}");
        act(&mut state, &[Down]);
    }
    // Move to the last recommendation: its column comes into view.
    for _ in 0..11 {
        act(&mut state, &[Right]);
    }
    let lines = at(&mut state, 40, 12);
    let header = row_with(&lines, "Actor");
    assert!(header.contains("12"), "{}", show(&lines));
    assert!(!header.contains(" 1 "), "{}", show(&lines));
    assert!(header.starts_with("Actor 7-12/12"), "{}", show(&lines));
}

#[test]
fn the_count_of_governments_is_never_cut() {
    let mut state = crowded(23);
    act(&mut state, &[NextView]);
    for (width, height) in [(80, 24), (40, 12), (20, 5)] {
        let lines = at(&mut state, width, height);
        let header = lines
            .iter()
            .find(|l| l.starts_with("27"))
            .unwrap_or_else(|| panic!("{width}x{height}: no 27 in\n{}", show(&lines)));
        assert!(!header.starts_with("2…"), "{header}");
    }
}

#[test]
fn where_nothing_fits_the_terminal_says_so_in_full() {
    let mut state = crowded(3);
    assert_eq!(at(&mut state, 11, 3), ["Terminal", "too small", ""]);
    // One row: the selected actor instead of the status line.
    let lines = at(&mut state, 30, 1);
    assert!(
        lines[0].starts_with(&selected_name(&state)),
        "{}",
        show(&lines)
    );
}

#[test]
fn the_tracker_labels_its_figure_apart_from_the_dashboards() {
    // The tracker counts seven recommendations, the dashboard all twelve:
    // the same actor may show two figures, and the headings say which.
    let mut state = state();
    let lines = at(&mut state, 80, 24);
    assert!(row_with(&lines, "Actor").ends_with("Progress"));
    assert!(row_with(&lines, "United States").ends_with(" 22%"));
    act(&mut state, &[NextView]);
    let lines = at(&mut state, 80, 24);
    assert!(
        row_with(&lines, "governments").ends_with("Progress on 7"),
        "{}",
        show(&lines)
    );
    assert!(row_with(&lines, "United States").ends_with(" 25%"));
}

#[test]
fn an_empty_dataset_says_how_to_add_the_first_actor() {
    let empty = reconvene::model::Dataset::new(manifest(), recommendations(), Vec::new());
    let mut state = State::new(Ok(empty), day("2024-12-11"), KeyMap::default());
    let lines = at(&mut state, 80, 24);
    assert!(
        lines
            .iter()
            .any(|l| l == "No actors yet: press a to add the first one"),
        "{}",
        show(&lines)
    );
    act(&mut state, &[NextView]);
    let text = show(&at(&mut state, 80, 24));
    assert!(
        text.contains("No governments or intergovernmental bodies yet: press a to add one"),
        "{text}"
    );
}

#[test]
fn text_cut_to_the_width_ends_with_an_ellipsis() {
    let mut state = state();
    act(&mut state, &[Down, Down, Open]);
    let lines = at(&mut state, 30, 24);
    let progress = row_with(&lines, "Progress");
    assert!(progress.ends_with('…'), "{}", show(&lines));
    assert_eq!(unicode_width::UnicodeWidthStr::width(progress), 30);
    // The status heading of the marked commitment, cut mid-title.
    let heading = row_with(&lines, "Title of");
    assert!(heading.ends_with('…'), "{}", show(&lines));
}

#[test]
fn small_screens_snapshot() {
    let mut state = state();
    act(&mut state, &[Down, Down, Right, Right, Right, Right]);
    let mut screens = Vec::new();
    for view in [None, Some(NextView)] {
        if let Some(view) = view {
            act(&mut state, &[view]);
        }
        for (width, height) in [(40, 12), (20, 5)] {
            let lines = at(&mut state, width, height);
            screens.push(format!("{width}x{height}\n{}", show(&lines)));
        }
    }
    insta::assert_snapshot!(screens.join("\n\n"));
}
