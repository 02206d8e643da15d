//! `update` on its own: what each action does to the state, with no terminal.

mod common;

use common::*;
use reconvene::app::{Action::*, Effect, KeyMap, Row, State, View, update};
use reconvene::model::{ActorKind, Dataset};
use reconvene::store::{Problem, Problems};

fn selected_name(state: &State) -> String {
    let index = state.selected_actor().expect("an actor is selected");
    state.data().unwrap().dataset.actors[index].name.clone()
}

#[test]
fn the_selection_starts_on_the_first_actor_and_skips_group_headings() {
    let mut state = state();
    assert_eq!(selected_name(&state), "France");
    act(&mut state, &[Down, Down]);
    assert_eq!(selected_name(&state), "United States");
    act(&mut state, &[Down]);
    assert_eq!(
        selected_name(&state),
        "European Union",
        "the heading is skipped"
    );
    act(&mut state, &[Up]);
    assert_eq!(selected_name(&state), "United States");
    act(&mut state, &[End]);
    assert_eq!(selected_name(&state), "Citizen Lab");
    act(&mut state, &[Down]);
    assert_eq!(
        selected_name(&state),
        "Citizen Lab",
        "stops at the last actor"
    );
    act(&mut state, &[Home, Up]);
    assert_eq!(selected_name(&state), "France", "stops at the first actor");
}

#[test]
fn columns_stop_at_the_edges() {
    let mut state = state();
    act(&mut state, &[Left]);
    assert_eq!(state.column, 0);
    act(&mut state, &vec![Right; 20]);
    assert_eq!(state.column, REC_IDS.len() - 1);
}

#[test]
fn open_and_back_walk_a_stack_of_views() {
    let mut state = state();
    act(&mut state, &[Down, Open]);
    let View::Actor(index) = state.view else {
        panic!("expected the actor view, got {:?}", state.view);
    };
    assert_eq!(
        state.data().unwrap().dataset.actors[index].id,
        "long-kingdom"
    );
    act(&mut state, &[Help]);
    assert_eq!(state.view, View::Help);
    act(&mut state, &[Back]);
    assert_eq!(state.view, View::Actor(index));
    act(&mut state, &[Back]);
    assert_eq!(state.view, View::Dashboard);
    act(&mut state, &[Back]);
    assert_eq!(state.view, View::Dashboard, "back on the dashboard stays");
    act(&mut state, &[Right, Right, OpenRecommendation]);
    assert_eq!(state.view, View::Recommendation(2));
}

#[test]
fn tab_cycles_between_the_dashboard_and_the_tracker() {
    let mut state = state();
    act(&mut state, &[NextView]);
    assert_eq!(state.view, View::Tracker);
    act(&mut state, &[NextView]);
    assert_eq!(state.view, View::Dashboard);
    act(&mut state, &[PrevView]);
    assert_eq!(state.view, View::Tracker);
    act(&mut state, &[Down, Open]);
    let View::Actor(index) = state.view else {
        panic!("expected the actor view, got {:?}", state.view);
    };
    assert!(
        state.data().unwrap().dataset.actors[index]
            .kind
            .is_governmental()
    );
    act(&mut state, &[Back]);
    assert_eq!(state.view, View::Tracker);
}

#[test]
fn quit_and_reload_are_effects_for_the_runner() {
    let mut state = state();
    assert_eq!(update(&mut state, Quit), vec![Effect::Quit]);
    assert_eq!(update(&mut state, Reload), vec![Effect::Reload]);
}

#[test]
fn the_error_screen_reloads_on_ctrl_r_only_and_a_good_load_returns_to_the_dashboard() {
    let problem = Problem {
        path: "recommendations.ron".into(),
        line: 2,
        column: 5,
        message: "expected `(`".into(),
    };
    let mut state = State::new(
        Err(Problems(vec![problem])),
        day("2024-12-11"),
        KeyMap::default(),
    );
    assert_eq!(state.view, View::Problems);
    // One meaning per key: `r` opens a recommendation elsewhere, and here
    // there is none to open; reload is ctrl-r everywhere.
    assert_eq!(press(&mut state, &["r"]), vec![]);
    assert_eq!(press(&mut state, &["ctrl-r"]), vec![Effect::Reload]);
    assert_eq!(update(&mut state, NextView), vec![]);
    assert_eq!(
        state.view,
        View::Problems,
        "nothing to switch to without a dataset"
    );
    state.replace_dataset(Ok(dataset()));
    assert_eq!(state.view, View::Dashboard);
    assert_eq!(selected_name(&state), "France");
}

#[test]
fn pages_scroll_no_further_than_their_text() {
    let mut state = state();
    act(&mut state, &[Resize(80, 10), Help]);
    let first = screen(&state, 80, 10);
    act(&mut state, &[End]);
    let end = screen(&state, 80, 10);
    assert_ne!(first[1], end[1], "End scrolls");
    act(&mut state, &[Down, Down]);
    assert_eq!(screen(&state, 80, 10), end, "nothing below the end");
    act(&mut state, &[Up]);
    assert_ne!(screen(&state, 80, 10), end, "Up at the end moves at once");
    act(&mut state, &[Home]);
    assert_eq!(screen(&state, 80, 10), first);
}

fn many_actors(n: usize) -> Dataset {
    let kinds = ActorKind::ALL;
    let actors = (0..n)
        .map(|i| {
            actor(
                &format!("actor-{i:05}"),
                &format!("Actor {i:05}"),
                kinds[i * kinds.len() / n],
                &[],
            )
        })
        .collect();
    Dataset::new(manifest(), recommendations(), actors)
}

#[test]
fn twelve_thousand_actors_scroll_with_the_selection_in_view() {
    let mut state = State::new(
        Ok(many_actors(12_000)),
        day("2024-12-11"),
        KeyMap::default(),
    );
    state.color = false;
    let rows = state.data().unwrap().rows.len();
    assert_eq!(rows, 12_000 + ActorKind::ALL.len());
    act(&mut state, &[PageDown, PageDown, Down]);
    let lines = screen(&state, 80, 24);
    // 18 matrix rows at 80x24: from row 1 (Actor 00000) two pages is row 37
    // (Actor 00036, after the heading row), and one more is Actor 00037.
    assert_eq!(selected_name(&state), "Actor 00037");
    assert!(
        lines.iter().any(|l| l.starts_with("Actor 00037")),
        "{}",
        show(&lines)
    );
    act(&mut state, &[End]);
    let lines = screen(&state, 80, 24);
    assert_eq!(selected_name(&state), "Actor 11999");
    assert!(lines[22].starts_with("Actor 11999"), "{}", show(&lines));
    assert!(lines[6].starts_with("Actor 11983"), "{}", show(&lines));
    assert!(matches!(
        state.data().unwrap().rows[state.dashboard.offset],
        Row::Actor(_)
    ));
    act(&mut state, &[Home]);
    let lines = screen(&state, 80, 24);
    assert_eq!(lines[5], "Governments");
    assert!(lines[6].starts_with("Actor 00000"));
}

#[test]
fn a_recommendation_with_thousands_of_actors_pages_through_them_in_order() {
    let mut state = State::new(
        Ok(many_actors(12_000)),
        day("2024-12-11"),
        KeyMap::default(),
    );
    act(&mut state, &[OpenRecommendation]);
    let lines = screen(&state, 80, 24);
    assert_eq!(lines[0], "1. Title of acceptable-use");
    let heading = lines
        .iter()
        .position(|l| l.starts_with("· No evidence (4800)"));
    let heading = heading.unwrap_or_else(|| panic!("{}", show(&lines)));
    assert_eq!(
        lines[heading + 1],
        "▶ Actor 00000 (Governments)",
        "the actor selected on the dashboard is selected here"
    );
    act(&mut state, &[End]);
    let lines = screen(&state, 80, 24);
    // Governments and intergovernmental bodies are the first two fifths.
    assert_eq!(
        lines[22],
        "▶ Actor 04799 (Intergovernmental bodies)",
        "{}",
        show(&lines)
    );
    act(&mut state, &[PageUp]);
    let lines = screen(&state, 80, 24);
    let numbers: Vec<usize> = lines[1..23]
        .iter()
        .map(|l| l.trim_start_matches(['▶', ' '])[6..11].parse().unwrap())
        .collect();
    let expected: Vec<usize> = (numbers[0]..numbers[0] + 22).collect();
    assert_eq!(numbers, expected, "{}", show(&lines));
    assert_eq!(
        lines[1], "▶ Actor 04777 (Intergovernmental bodies)",
        "a page up, and the window moves only as far as the selection"
    );
}

#[test]
fn find_opens_the_best_matching_actor_and_esc_leaves_the_selection_where_it_was() {
    let mut state = state();
    press(&mut state, &["/"]);
    type_in(&mut state, "micro");
    let lines = screen(&state, 80, 24);
    assert!(
        lines[23].starts_with("Find: micro▏ 1 of 1"),
        "{}",
        lines[23]
    );
    press(&mut state, &["esc"]);
    assert_eq!(
        selected_name(&state),
        "France",
        "cancel leaves the selection where it was"
    );
    assert_eq!(state.view, View::Dashboard);
    assert!(state.find.is_none());

    press(&mut state, &["/", "e", "u", "r", "o", "enter"]);
    assert!(state.find.is_none());
    let View::Actor(index) = state.view else {
        panic!("Enter opens the actor found: {:?}", state.view)
    };
    assert_eq!(
        state.data().unwrap().dataset.actors[index].name,
        "European Union"
    );
    press(&mut state, &["esc"]);
    assert_eq!(state.view, View::Dashboard, "and esc comes back");

    press(&mut state, &["/", "z", "z", "z"]);
    assert!(screen(&state, 80, 24)[23].contains("no match"));
    press(&mut state, &["enter"]);
    assert_eq!(
        state.view,
        View::Dashboard,
        "Enter on no match goes nowhere"
    );
}

#[test]
fn find_reaches_an_actor_far_down_a_long_list() {
    let mut state = State::new(
        Ok(many_actors(12_000)),
        day("2024-12-11"),
        KeyMap::default(),
    );
    press(&mut state, &["/"]);
    type_in(&mut state, "Actor 09876");
    let lines = screen(&state, 80, 24);
    assert!(
        lines.get(1).is_some_and(|l| l.starts_with("▶ Actor 09876")),
        "{}",
        show(&lines)
    );
    press(&mut state, &["enter"]);
    let lines = screen(&state, 80, 24);
    assert!(lines[0].starts_with("Actor 09876"), "{}", show(&lines));
}

#[test]
fn the_selected_commitment_follows_the_dashboard_and_the_tracker() {
    let mut state = state();
    let ids = |state: &State| {
        state.selected_commitment().map(|(a, r)| {
            let dataset = &state.data().unwrap().dataset;
            (
                dataset.actors[a].id.clone(),
                dataset.recommendations[r].id.clone(),
            )
        })
    };
    act(&mut state, &[Down, Down, Right, Right, Right, Right]);
    assert_eq!(
        ids(&state),
        Some(("united-states".into(), "blacklist".into()))
    );
    act(&mut state, &[NextView, End, Right]);
    assert_eq!(
        ids(&state),
        Some(("european-union".into(), "export-safeguards".into()))
    );
    act(&mut state, &[Help]);
    assert_eq!(ids(&state), None);
}

#[test]
fn a_reload_that_adds_an_actor_keeps_every_open_view_on_the_same_actor() {
    let mut state = state();
    act(&mut state, &[Down, Open, Help]);
    assert_eq!(state.view, View::Help);
    assert_eq!(
        selected_name(&state),
        "The United Kingdom of Great Britain and Northern Ireland Department"
    );

    // Another coordinator added a government that sorts first.
    let before = dataset();
    let mut actors = before.actors.clone();
    actors.push(actor("albania", "Albania", ActorKind::Government, &[]));
    state.replace_dataset(Ok(Dataset::new(
        before.manifest.clone(),
        before.recommendations.clone(),
        actors,
    )));

    assert_eq!(state.view, View::Help, "help stays open");
    act(&mut state, &[Back]);
    let View::Actor(index) = state.view else {
        panic!("back goes to the actor view, got {:?}", state.view)
    };
    let shown = &state.data().expect("loaded").dataset.actors[index];
    assert_eq!(
        shown.id, "long-kingdom",
        "the same actor, although its index moved"
    );
}

#[test]
fn a_reload_that_removes_the_open_actor_returns_to_the_dashboard() {
    let mut state = state();
    act(&mut state, &[Open]);
    let before = dataset();
    let actors = before
        .actors
        .iter()
        .filter(|a| a.id != "france")
        .cloned()
        .collect();
    state.replace_dataset(Ok(Dataset::new(
        before.manifest.clone(),
        before.recommendations.clone(),
        actors,
    )));
    assert_eq!(state.view, View::Dashboard);
    assert!(state.back.is_empty());
}
