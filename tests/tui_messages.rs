//! Messages a user needs in order to recover: read whole in a panel that
//! stays until dismissed, kept in the session's log (`!`), and the open
//! dataset named on screen.

mod common;

use common::*;
use reconvene::app::input::{Key, KeyCode};
use reconvene::app::{Action, Action::*, update};

const STALE_LOCK: &str = "cannot save: another git process seems to be running in this repository \
(/srv/groups/spyware/.git/index.lock exists). If no git command is running, remove that file \
and save again; your edit is kept as a draft until then.";

#[test]
fn a_message_too_long_for_the_status_line_is_shown_whole_until_dismissed() {
    let mut state = state();
    act(&mut state, &[Resize(80, 24)]);
    state.say(STALE_LOCK);
    let text = show(&screen(&state, 80, 24));
    // Every word of the advice is on screen, the path unbroken or broken
    // across lines but never cut.
    let joined: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for part in [
        "remove that file and save again",
        "your edit is kept as a draft until then.",
        "index.lock",
    ] {
        assert!(joined.contains(part), "{part:?} missing:\n{text}");
    }
    assert!(text.contains("esc close"), "{text}");

    // It stays through keys that mean something elsewhere…
    for action in [Down, Edit, Undo, NextView, Find] {
        assert_eq!(update(&mut state, action.clone()), vec![]);
        assert!(state.panel.is_some(), "{action:?} closed the panel");
    }
    assert_eq!(state.view, reconvene::app::View::Dashboard);
    assert!(state.modal.is_none() && state.find.is_none());
    // …and Esc closes it.
    act(&mut state, &[Back]);
    assert!(state.panel.is_none());
    assert!(!show(&screen(&state, 80, 24)).contains("esc close"));
}

#[test]
fn a_long_message_can_be_scrolled_on_a_small_terminal() {
    let mut state = state();
    act(&mut state, &[Resize(40, 12)]);
    let diff: String = (1..=30)
        .map(|n| format!("-  note line {n}\n"))
        .collect::<String>();
    state.say(format!(
        "refused: the file has hand edits:\n{diff}end of diff"
    ));
    let first = show(&screen(&state, 40, 12));
    assert!(
        first.contains("note line 1\n") || first.contains("note line 1 "),
        "{first}"
    );
    assert!(!first.contains("end of diff"), "{first}");
    act(&mut state, &[End]);
    let last = show(&screen(&state, 40, 12));
    assert!(last.contains("end of diff"), "{last}");
    assert!(last.contains("j/k scroll"), "{last}");
}

#[test]
fn the_log_keeps_the_sessions_messages_and_opens_on_its_key() {
    let mut state = state();
    act(&mut state, &[Resize(80, 24)]);
    state.say("Reloaded");
    state.say("Saved 1a2b3c4 as Ada Lovelace <ada@example.org>");
    state.message = None; // the next key clears the status line
    // The key itself, read through the dashboard's map.
    press(&mut state, &["!"]);
    let text = show(&screen(&state, 80, 24));
    assert!(text.contains("Messages of this session"), "{text}");
    let reloaded = text.find("Reloaded").expect("the first message");
    let saved = text.find("Saved 1a2b3c4").expect("the second message");
    assert!(reloaded < saved, "oldest first:\n{text}");
    // The panel takes keys typed into a form too: Esc closes it.
    update(&mut state, Action::Key(Key::plain(KeyCode::Esc)));
    assert!(state.panel.is_none());
}

#[test]
fn the_open_dataset_is_named_on_the_dashboard_and_in_help() {
    let mut state = state();
    let path = "/home/ada/.local/share/reconvene/groups/paris-call/dataset";
    state.opened(path, None);
    let lines = screen(&state, 80, 24);
    assert!(
        lines[0].ends_with("…/dataset") || lines[0].ends_with("paris-call/dataset"),
        "{}",
        show(&lines)
    );
    assert!(lines[0].contains("Spyware work"), "{}", show(&lines));
    // A split pane still names it, by its last folders.
    let narrow = screen(&state, 40, 12);
    assert!(narrow[0].ends_with("/dataset"), "{}", show(&narrow));
    assert!(
        narrow[0].contains("13%"),
        "the figure stays: {}",
        show(&narrow)
    );
    // Every view names it, the tracker's long title giving way.
    for view in [NextView, Open] {
        act(&mut state, &[view]);
        let lines = screen(&state, 80, 24);
        assert!(lines[0].ends_with("paris-call/dataset"), "{}", show(&lines));
    }
    act(&mut state, &[Back, Help]);
    let text = show(&screen(&state, 40, 24));
    let joined: String = text.lines().collect::<Vec<_>>().join("");
    assert!(joined.contains(&format!("Dataset: {path}")), "{text}");
}

#[test]
fn the_first_run_notice_is_shown_whole_and_kept_for_the_shell() {
    let mut state = state();
    act(&mut state, &[Resize(60, 20)]);
    let notice = "Created the shipped dataset at /home/ada/.local/share/reconvene/dataset (a git repository)";
    state.opened("/home/ada/.local/share/reconvene/dataset", Some(notice));
    let text = show(&screen(&state, 60, 20));
    let joined: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(joined.contains("(a git repository)"), "{text}");
    assert!(joined.contains("Created the shipped dataset at"), "{text}");
    assert_eq!(state.exit_notes, vec![notice.to_string()]);
}

#[test]
fn a_refused_save_is_read_whole_over_the_form_and_the_form_stays() {
    let mut state = state();
    act(&mut state, &[Resize(80, 24)]);
    let ada = reconvene::model::Identity::parse("Ada Lovelace <ada@example.org>").expect("valid");
    state.set_author(ada);
    act(&mut state, &[Edit]);
    assert!(state.modal.is_some(), "the edit form is open");
    state.save_failed(STALE_LOCK.to_string());
    let text = show(&screen(&state, 80, 24));
    let joined: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        joined.contains("your edit is kept as a draft until then."),
        "{text}"
    );
    // Esc closes the panel, not the form.
    update(&mut state, Action::Key(Key::plain(KeyCode::Esc)));
    assert!(state.panel.is_none());
    assert!(state.modal.is_some(), "the form is still open");
    let text = show(&screen(&state, 80, 24));
    assert!(text.contains("Not saved: cannot save"), "{text}");
    assert!(state.log.iter().any(|m| m == STALE_LOCK));
}

#[test]
fn a_long_title_gives_way_to_the_dataset_path_but_keeps_the_figure() {
    let mut data = dataset();
    data.manifest.title = "Paris Call working group on cyber mercenaries and their markets".into();
    let mut state = reconvene::app::State::new(
        Ok(data),
        day("2024-12-11"),
        reconvene::app::KeyMap::default(),
    );
    state.opened("/home/ada/.local/share/reconvene/dataset", None);
    let lines = screen(&state, 80, 24);
    assert!(lines[0].contains("… · overall progress "), "{}", lines[0]);
    assert!(
        lines[0].ends_with("  …share/reconvene/dataset"),
        "{}",
        lines[0]
    );
}

#[test]
fn a_message_said_before_the_size_is_known_opens_when_it_does_not_fit() {
    let mut state = state();
    let notice = "Created the shipped dataset at /home/ada/data/reconvene/dataset";
    state.opened("/home/ada/data/reconvene/dataset", Some(notice));
    assert!(
        state.panel.is_none(),
        "fits the 80 columns assumed at first"
    );
    act(&mut state, &[Resize(40, 12)]);
    let text = show(&screen(&state, 40, 12));
    // The text inside the panel's borders, read without its line breaks.
    let inside: String = text
        .lines()
        .filter_map(|l| {
            let (start, end) = (l.find('│')?, l.rfind('│')?);
            l.get(start + '│'.len_utf8()..end)
        })
        .flat_map(str::split_whitespace)
        .collect();
    assert!(
        inside.contains("/home/ada/data/reconvene/dataset"),
        "{text}"
    );
    assert!(state.panel.is_some());
}
