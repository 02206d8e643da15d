//! Every text prompt (the dashboard's filter, the history's filter, find,
//! the time-travel picker) edits its text the same way: the cursor moves
//! with the arrows, Home and End; Ctrl-U clears what is before it, Ctrl-W
//! the word before it. Keys through `update`, screens on a TestBackend.

mod common;

use common::*;

/// The status line at 80×24.
fn status_line(state: &reconvene::app::State) -> String {
    screen(state, 80, 24).last().cloned().unwrap_or_default()
}

#[test]
fn the_dashboard_filter_comes_back_editable_where_the_cursor_is() {
    let mut state = state();
    press(&mut state, &["f"]);
    type_in(&mut state, "kind:government tracked");
    press(&mut state, &["enter"]);
    press(&mut state, &["f"]);
    assert!(
        status_line(&state).starts_with("Filter: kind:government tracked▏"),
        "{}",
        status_line(&state)
    );
    press(&mut state, &["ctrl-w"]);
    assert!(status_line(&state).starts_with("Filter: kind:government ▏"));
    press(&mut state, &["home"]);
    type_in(&mut state, "france ");
    assert!(
        status_line(&state).starts_with("Filter: france ▏kind:government "),
        "{}",
        status_line(&state)
    );
    press(&mut state, &["end", "ctrl-u"]);
    assert!(status_line(&state).starts_with("Filter: ▏"));
    type_in(&mut state, "france");
    press(&mut state, &["enter"]);
    assert_eq!(state.filter.source(), "france");
}

#[test]
fn the_history_filter_clears_with_ctrl_u_instead_of_typing_after_the_old_one() {
    let mut state = state();
    press(&mut state, &["H", "f"]);
    type_in(&mut state, "author:ada rec:blacklist");
    press(&mut state, &["enter", "f"]);
    assert!(
        status_line(&state).contains(": author:ada rec:blacklist▏"),
        "{}",
        status_line(&state)
    );
    press(&mut state, &["ctrl-u"]);
    type_in(&mut state, "actor:frnce");
    press(&mut state, &["left", "left", "left"]);
    type_in(&mut state, "a");
    assert!(
        status_line(&state).contains(": actor:fra▏nce ("),
        "{}",
        status_line(&state)
    );
    // On a narrow screen what is typed, and where, still shows.
    let narrow = screen(&state, 40, 12).last().cloned().unwrap_or_default();
    assert!(narrow.starts_with("Filter: actor:fra▏nce"), "{narrow}");
    let tiny = screen(&state, 20, 5).last().cloned().unwrap_or_default();
    assert!(tiny.starts_with("actor:fra▏nce"), "{tiny}");
    press(&mut state, &["enter"]);
    assert_eq!(state.history.filter, "actor:france");
}

#[test]
fn find_and_the_travel_picker_edit_the_same_way() {
    let mut state = state();
    press(&mut state, &["/"]);
    type_in(&mut state, "fance");
    press(&mut state, &["left", "left", "left", "left"]);
    type_in(&mut state, "r");
    let line = status_line(&state);
    assert!(line.starts_with("Find: fr▏ance"), "{line}");
    assert_eq!(
        state.find.as_ref().map(|f| f.query.text()),
        Some("france".into())
    );
    press(&mut state, &["esc"]);

    press(&mut state, &["T"]);
    type_in(&mut state, "not a date");
    press(&mut state, &["ctrl-u"]);
    type_in(&mut state, "20244-11-1");
    press(&mut state, &["home", "right", "right", "right", "right"]);
    press(&mut state, &["delete"]);
    press(&mut state, &["end"]);
    type_in(&mut state, "1");
    let typed = state.travel.picker.as_ref().map(|p| p.text.text());
    assert_eq!(typed, Some("2024-11-11".into()));
    let lines = screen(&state, 80, 24);
    row_with(&lines, "2024-11-11▏");
}
