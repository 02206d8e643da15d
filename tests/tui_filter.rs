//! Filtering and sorting the dashboard and the tracker, and following an
//! evidence item's link: through `update` (keys as typed), and on a
//! TestBackend at the sizes a coordinator works at.

mod common;

use common::*;
use reconvene::app::mouse::{Mouse, MouseKind};
use reconvene::app::{Action, Effect, Row, State, View, update};
use reconvene::model::{Evidence, PartialDate, Provenance, Status};

/// The actors the dashboard lists, in order.
fn listed(state: &State) -> Vec<String> {
    let board = state.data().expect("a dataset");
    board
        .rows
        .iter()
        .filter_map(|row| match row {
            Row::Actor(i) => Some(board.dataset.actors[*i].id.clone()),
            Row::Heading(_) => None,
        })
        .collect()
}

/// `f`, the filter typed over whatever the prompt holds, Enter.
fn filter(state: &mut State, text: &str) {
    press(state, &["f", "ctrl-u"]);
    type_in(state, text);
    press(state, &["enter"]);
}

fn selected_id(state: &State) -> String {
    let index = state.selected_actor().expect("an actor is selected");
    state.data().unwrap().dataset.actors[index].id.clone()
}

#[test]
fn each_kind_of_filter_narrows_the_dashboard() {
    let mut state = state();
    filter(&mut state, "kind:government");
    assert_eq!(listed(&state), ["france", "long-kingdom", "united-states"]);
    filter(&mut state, "role:co-chair");
    assert_eq!(listed(&state), ["united-states"]);
    filter(&mut state, "status:blacklist=Endorsed");
    assert_eq!(listed(&state), ["france", "google"]);
    filter(&mut state, "status:5=implemented");
    assert_eq!(
        listed(&state),
        ["united-states", "european-union"],
        "by the column's number too, and in any case"
    );
    filter(&mut state, "text:kingdom");
    assert_eq!(listed(&state), ["long-kingdom"]);
    filter(&mut state, "micro");
    assert_eq!(listed(&state), ["microsoft"], "a bare word is text");
    filter(&mut state, "tracked");
    assert_eq!(listed(&state).len(), 8, "tracked narrows the columns only");
    assert_eq!(
        state.data().unwrap().arranged.columns,
        (0..7).collect::<Vec<_>>()
    );
}

#[test]
fn filters_combine_a_key_twice_takes_either_and_f_clears() {
    let mut state = state();
    filter(
        &mut state,
        "kind:government kind:intergovernmental status:blacklist=Initiated,Implemented",
    );
    assert_eq!(
        listed(&state),
        ["long-kingdom", "united-states", "european-union"]
    );
    filter(
        &mut state,
        "kind:government status:vendor-verification=NoEvidence",
    );
    assert_eq!(
        listed(&state),
        ["france", "long-kingdom", "united-states"],
        "which governments have done nothing on vendor verification"
    );
    press(&mut state, &["F"]);
    assert_eq!(listed(&state).len(), 8);
    assert!(state.filter.is_empty());
    assert_eq!(
        state.message.as_deref(),
        Some("Filter cleared: every actor is shown")
    );
}

#[test]
fn the_prompt_holds_the_filter_in_force_to_edit_and_esc_keeps_it() {
    let mut state = state();
    filter(&mut state, "kind:government");
    press(&mut state, &["f"]);
    let lines = screen(&state, 80, 24);
    assert!(
        lines[23].starts_with("Filter: kind:government▏ (enter apply · esc"),
        "{}",
        lines[23]
    );
    type_in(&mut state, " role:co-chair");
    press(&mut state, &["esc"]);
    assert_eq!(
        state.filter.source(),
        "kind:government",
        "esc changes nothing"
    );
    assert_eq!(listed(&state).len(), 3);
    press(&mut state, &["f"]);
    type_in(&mut state, " role:co-chair");
    press(&mut state, &["enter"]);
    assert_eq!(listed(&state), ["united-states"]);
}

#[test]
fn a_bad_filter_names_its_term_keeps_the_prompt_open_and_changes_nothing() {
    let mut state = state();
    filter(&mut state, "kind:government");
    filter(&mut state, "kind:govt");
    assert!(
        state.filter_prompt.is_some(),
        "the prompt stays to be mended"
    );
    assert_eq!(state.filter.source(), "kind:government");
    assert_eq!(listed(&state).len(), 3);
    let lines = screen(&state, 80, 24);
    assert!(
        lines[23].starts_with("filter term \"kind:govt\": no such kind; kinds are government,"),
        "{}",
        lines[23]
    );
    // Keys typed into the prompt never act as commands.
    press(&mut state, &["ctrl-u"]);
    type_in(&mut state, "q");
    assert!(state.filter_prompt.is_some());
}

#[test]
fn at_40_columns_the_prompt_keeps_its_cursor_and_a_long_error_reads_whole() {
    let mut state = state();
    update(&mut state, Action::Resize(40, 12));
    press(&mut state, &["f"]);
    type_in(&mut state, "kind:government status:vendor-verification=No");
    let lines = screen(&state, 40, 12);
    assert_eq!(lines[11], "Filter: … status:vendor-verification=No▏");
    type_in(&mut state, "Thing");
    press(&mut state, &["enter"]);
    let lines = screen(&state, 40, 12);
    let shown = show(&lines);
    assert!(
        shown.contains("Message") && shown.contains("statuses are NoEvidence,"),
        "the whole error, in a panel: {shown}"
    );
    press(&mut state, &["esc"]);
    assert!(
        state.filter_prompt.is_some(),
        "back to the prompt to mend it"
    );
    press(&mut state, &["backspace"]);
    let lines = screen(&state, 40, 12);
    assert!(lines[11].ends_with("=NoThin▏"), "{}", lines[11]);
}

#[test]
fn at_80x24_the_filter_has_its_line_and_the_headline_counts_the_filtered_set() {
    let mut state = state();
    filter(
        &mut state,
        "kind:government status:vendor-verification=NoEvidence",
    );
    let lines = screen(&state, 80, 24);
    assert_eq!(
        lines[0],
        "18 warnings (w) · Spyware working group · 3 of 8 actors: progress 10%",
        "{}",
        show(&lines)
    );
    assert_eq!(
        lines[2],
        "Filter: kind:government status:vendor-verification=NoEvidence · 3 of 8 actors"
    );
    assert_eq!(lines[5], "Governments");
    assert!(lines[6].starts_with("France "), "{}", show(&lines));
    assert!(!show(&lines).contains("Microsoft"));
    press(&mut state, &["F"]);
    let lines = screen(&state, 80, 24);
    assert!(lines[0].ends_with("overall progress 13%"), "{}", lines[0]);
    assert!(lines[2].starts_with("Next: "), "{}", lines[2]);
}

#[test]
fn at_40x12_the_filter_line_and_the_count_still_show() {
    let mut state = state();
    update(&mut state, Action::Resize(40, 12));
    filter(&mut state, "kind:industry");
    let lines = screen(&state, 40, 12);
    assert_eq!(
        lines[0],
        "18 warn. · Spyware working g… · 2/8: 14%",
        "{}",
        show(&lines)
    );
    assert_eq!(lines[2], "Filter: kind:industry · 2 of 8 actors");
    assert!(show(&lines).contains("Google"));
    assert!(show(&lines).contains("Microsoft"));
    assert!(!show(&lines).contains("France"));
    // Where the chrome gives way, the status line keeps the count.
    update(&mut state, Action::Resize(40, 5));
    let lines = screen(&state, 40, 5);
    assert!(
        lines[4].starts_with("2 of 8 shown │ Google"),
        "{}",
        show(&lines)
    );
}

#[test]
fn a_filter_nobody_passes_says_how_to_change_or_clear_it() {
    let mut state = state();
    filter(&mut state, "kind:academia status:blacklist=Implemented");
    assert!(listed(&state).is_empty());
    let lines = screen(&state, 80, 24);
    assert_eq!(
        lines[5],
        "No actor matches the filter: press f to change it, F to clear it",
        "{}",
        show(&lines)
    );
    assert!(lines[0].contains("0 of 8 actors"), "{}", lines[0]);
    update(&mut state, Action::NextView);
    let lines = screen(&state, 80, 24);
    assert!(
        show(&lines)
            .contains("No government matches the filter: press f to change it, F to clear it"),
        "{}",
        show(&lines)
    );
    // Keys on an empty list do nothing harmful.
    press(&mut state, &["j", "k", "G", "enter", "s"]);
    update(&mut state, Action::PrevView);
    press(&mut state, &["j", "enter", "l", "s"]);
    assert_eq!(state.view, View::Dashboard);
}

#[test]
fn tracked_shows_the_trackers_seven_columns_and_left_right_stay_in_them() {
    let mut state = state();
    filter(&mut state, "tracked");
    let lines = screen(&state, 80, 24);
    let header = row_with(&lines, "Progress");
    assert!(header.contains(" 1  2  3  4  5  6  7 Progress"), "{header}");
    assert!(!header.contains(" 8 "), "{header}");
    press(&mut state, &["G"]);
    update(&mut state, Action::Right);
    for _ in 0..10 {
        update(&mut state, Action::Right);
    }
    assert_eq!(state.column, 6, "the last tracked column");
    assert!(lines[0].contains("8 of 8 actors"), "{}", lines[0]);
}

#[test]
fn the_tracker_honours_the_filter_and_counts_only_what_it_lists() {
    let mut state = state();
    filter(&mut state, "status:blacklist=Endorsed,Initiated");
    update(&mut state, Action::NextView);
    assert_eq!(state.view, View::Tracker);
    let board = state.data().unwrap();
    let names: Vec<&str> = board
        .governments
        .iter()
        .map(|&g| board.dataset.actors[g].id.as_str())
        .collect();
    assert_eq!(names, ["france", "long-kingdom"]);
    let blacklist = board.tracked.iter().position(|&r| r == 4).unwrap();
    let counts = &board.tracker_counts[blacklist];
    assert_eq!(counts.get(Status::Endorsed), 1);
    assert_eq!(counts.get(Status::Initiated), 1);
    assert_eq!(counts.get(Status::Implemented), 0, "the US is filtered out");
    let lines = screen(&state, 80, 24);
    assert!(
        show(&lines).contains(
            "Filter: status:blacklist=Endorsed,Initiated · 2 of 4 governments and bodies"
        ),
        "{}",
        show(&lines)
    );
}

#[test]
fn s_cycles_the_sorts_says_which_in_the_header_and_the_selection_follows() {
    let mut state = state();
    filter(&mut state, "kind:government");
    assert_eq!(selected_id(&state), "france");
    press(&mut state, &["s"]);
    assert_eq!(listed(&state), ["united-states", "long-kingdom", "france"]);
    assert_eq!(
        selected_id(&state),
        "france",
        "the selection follows France"
    );
    let lines = screen(&state, 80, 24);
    assert_eq!(
        lines[2],
        "Filter: kind:government · 3 of 8 actors · sorted by progress, most first"
    );
    let effects = press(&mut state, &["s"]);
    assert_eq!(
        effects,
        [Effect::LoadLastChanges],
        "the history is read for it"
    );
    assert!(screen(&state, 120, 24)[2].ends_with("sorted by last change (reading the history…)"));
    let times = [("france", 30), ("long-kingdom", 10), ("united-states", 20)]
        .into_iter()
        .map(|(id, t)| (id.to_string(), t))
        .collect();
    update(&mut state, Action::LastChangesLoaded(Box::new(Ok(times))));
    assert_eq!(listed(&state), ["france", "united-states", "long-kingdom"]);
    press(&mut state, &["s"]);
    assert_eq!(
        listed(&state),
        ["united-states", "france", "long-kingdom"],
        "the US has the only dated evidence"
    );
    press(&mut state, &["s"]);
    // The selected column is acceptable-use: the US alone has a grade there.
    assert_eq!(listed(&state)[0], "united-states");
    press(&mut state, &["l", "l", "l", "l"]);
    assert_eq!(state.column, 4);
    assert_eq!(
        listed(&state),
        ["united-states", "long-kingdom", "france"],
        "blacklist: Implemented, Initiated, Endorsed"
    );
    assert!(screen(&state, 80, 24)[2].ends_with("sorted by status on blacklist"));
    press(&mut state, &["s"]);
    assert!(
        screen(&state, 120, 24)[2]
            .ends_with("sorted by progress since Paris Peace Forum 2024 (2024-11-11), most first")
    );
    press(&mut state, &["s"]);
    assert_eq!(listed(&state), ["france", "long-kingdom", "united-states"]);
}

#[test]
fn the_movement_sort_puts_who_moved_most_since_the_forum_first() {
    let mut state = state();
    filter(&mut state, "kind:government");
    // The Kingdom started a measure after the Forum (2024-12-01); the
    // United States' evidence is all from before it.
    let started = Evidence {
        title: "Draft law opened for consultation".into(),
        source: "Parliament".into(),
        date: Some(PartialDate::parse("2024-12-01").unwrap()),
        url: None,
        provenance: Provenance::SelfReported,
        supports: Status::Initiated,
    };
    state.apply_saved(
        "long-kingdom",
        "blacklist",
        commitment(Status::Initiated, "", vec![started]),
    );
    for _ in 0..5 {
        press(&mut state, &["s"]);
    }
    assert_eq!(
        listed(&state),
        ["long-kingdom", "france", "united-states"],
        "{:?}",
        state.sort
    );
}

#[test]
fn a_save_that_takes_the_actor_out_of_the_filter_leaves_the_selection_on_a_listed_one() {
    let mut state = state();
    filter(&mut state, "status:blacklist=Endorsed");
    assert_eq!(listed(&state), ["france", "google"]);
    state.apply_saved(
        "france",
        "blacklist",
        commitment(Status::Initiated, "", vec![]),
    );
    assert_eq!(listed(&state), ["google"]);
    assert_eq!(selected_id(&state), "google");
}

fn with_links() -> State {
    let mut dataset = dataset();
    let us = dataset
        .actors
        .iter_mut()
        .find(|a| a.id == "united-states")
        .unwrap();
    let evidence = |title: &str, url: &str| Evidence {
        title: title.into(),
        source: "Source".into(),
        date: Some(PartialDate::parse("2023-07-18").unwrap()),
        url: Some(url.into()),
        provenance: Provenance::Independent,
        supports: Status::Implemented,
    };
    let blacklist = us.commitments.get_mut("blacklist").unwrap();
    blacklist.evidence.push(evidence(
        "Additions to the Entity List",
        "https://www.federalregister.gov/d/2023-15343",
    ));
    blacklist
        .evidence
        .push(evidence("A trap", "javascript:alert(document.cookie)"));
    let mut state = State::new(Ok(dataset), day("2024-12-11"), Default::default());
    state.color = false;
    state
}

#[test]
fn the_actor_view_shows_each_link_and_only_web_links_are_made_links() {
    let mut state = with_links();
    filter(&mut state, "united-states");
    press(&mut state, &["l", "l", "l", "l", "enter"]);
    assert!(matches!(state.view, View::Actor(_)));
    let lines = screen(&state, 80, 24);
    let web = row_with(&lines, "federalregister");
    assert_eq!(web, "      https://www.federalregister.gov/d/2023-15343");
    let trap = row_with(&lines, "javascript:");
    assert_eq!(
        trap,
        "      javascript:alert(document.cookie) (not a web link)"
    );
    let spots = state.links.borrow().clone();
    assert_eq!(spots.len(), 1, "{spots:?}");
    let spot = &spots[0];
    assert_eq!(spot.url, "https://www.federalregister.gov/d/2023-15343");
    let y = lines
        .iter()
        .position(|l| l.contains("federalregister"))
        .unwrap();
    assert_eq!((spot.x, usize::from(spot.y), spot.width), (6, y, 44));

    let effects = press(&mut state, &["y"]);
    assert_eq!(
        effects,
        [Effect::CopyLink(
            "https://www.federalregister.gov/d/2023-15343".into()
        )]
    );
    let effects = press(&mut state, &["o"]);
    assert_eq!(
        effects,
        [Effect::OpenLink(
            "https://www.federalregister.gov/d/2023-15343".into()
        )]
    );
    // A commitment without a web link says so, and asks nothing of the runner.
    press(&mut state, &["h"]);
    assert!(press(&mut state, &["y"]).is_empty());
    assert_eq!(
        state.message.as_deref(),
        Some("The marked commitment has no evidence with a web link")
    );
}

#[test]
fn the_wheel_scrolls_a_click_selects_and_a_double_click_opens() {
    let mut state = state();
    let mouse = |kind, row| {
        Action::Mouse(Mouse {
            kind,
            column: 3,
            row,
        })
    };
    update(&mut state, mouse(MouseKind::WheelDown, 10));
    assert_eq!(selected_id(&state), "european-union", "three rows down");
    // Rows 0-4 are the headline and the column header; 5 the heading.
    update(&mut state, mouse(MouseKind::Click, 5));
    assert_eq!(
        selected_id(&state),
        "european-union",
        "a heading selects nothing"
    );
    update(&mut state, mouse(MouseKind::Click, 7));
    assert_eq!(selected_id(&state), "long-kingdom");
    assert_eq!(state.column, 0, "a click on the name keeps the column");
    // A click on a cell selects its recommendation too: the fifth column
    // (blacklist) starts where the header prints " 5".
    let lines = screen(&state, 80, 24);
    let header = row_with(&lines, "Progress");
    let five = header.find(" 5 ").unwrap() as u16 + 1;
    update(
        &mut state,
        Action::Mouse(Mouse {
            kind: MouseKind::Click,
            column: five,
            row: 7,
        }),
    );
    assert_eq!(state.column, 4, "{header}");
    assert_eq!(state.view, View::Dashboard);
    update(&mut state, mouse(MouseKind::DoubleClick, 8));
    let View::Actor(index) = state.view else {
        panic!("a double-click opens the actor: {:?}", state.view);
    };
    assert_eq!(
        state.data().unwrap().dataset.actors[index].id,
        "united-states"
    );
    // A prompt takes no clicks: the keys answer it.
    update(&mut state, Action::Back);
    press(&mut state, &["f"]);
    update(&mut state, mouse(MouseKind::Click, 6));
    assert_eq!(selected_id(&state), "united-states");
}
