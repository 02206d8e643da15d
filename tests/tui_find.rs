//! Find anything (`/`) on the shipped dataset, through `update` as the keys
//! arrive: what a coordinator types, what the list ranks first, where Enter
//! and `n`/`N` go, and the list as drawn at 80×24, 40×12 and 20×5.

mod common;

use common::{day, press, screen, show, type_in};
use ratatui::style::Modifier;
use reconvene::app::{KeyMap, State, View};
use reconvene::model::{Dataset, Place};
use reconvene::store::{embedded, load_files};

fn shipped() -> Dataset {
    let files = embedded::FILES.iter().map(|(p, t)| (*p, t.as_bytes()));
    match load_files(files) {
        Ok(dataset) => dataset,
        Err(problems) => panic!("the shipped dataset has problems:\n{problems}"),
    }
}

fn state() -> State {
    let mut state = State::new(Ok(shipped()), day("2026-12-01"), KeyMap::default());
    state.color = false;
    state
}

/// The hits listed after typing `query` key by key: each hit's text and
/// what kind of hit it is.
fn find(state: &mut State, query: &str) -> Vec<(String, String)> {
    press(state, &["/"]);
    type_in(state, query);
    let dataset = &state.data().expect("loaded").dataset;
    let find = state.find.as_ref().expect("the prompt is open");
    find.hits
        .hits
        .iter()
        .map(|h| {
            (
                h.place.text(dataset).unwrap_or("?").to_string(),
                h.place.describe(dataset),
            )
        })
        .collect()
}

fn first(state: &mut State, query: &str) -> (String, String) {
    let hits = find(state, query);
    press(state, &["esc"]);
    hits.into_iter()
        .next()
        .unwrap_or_else(|| panic!("no hit for {query}"))
}

fn actor_index(state: &State, id: &str) -> usize {
    let dataset = &state.data().expect("loaded").dataset;
    dataset
        .actors
        .iter()
        .position(|a| a.id == id)
        .unwrap_or_else(|| panic!("no actor {id}"))
}

fn rec_index(state: &State, id: &str) -> usize {
    let dataset = &state.data().expect("loaded").dataset;
    dataset
        .recommendations
        .iter()
        .position(|r| r.id == id)
        .unwrap_or_else(|| panic!("no recommendation {id}"))
}

#[test]
fn what_a_coordinator_types_finds_what_they_meant_first() {
    let mut state = state();
    // A part of a name.
    assert_eq!(
        first(&mut state, "kwazul"),
        (
            "University of KwaZulu-Natal".into(),
            "actor · academia".into()
        )
    );
    // A part of a word in a recommendation's title.
    assert_eq!(
        first(&mut state, "vuln"),
        (
            "Vulnerability discovery and handling".into(),
            "recommendation 10".into()
        )
    );
    // What we recorded about Pegasus: the note that names it.
    let (text, what) = first(&mut state, "pegasus");
    assert!(
        text.starts_with("After its PEGA inquiry into Pegasus"),
        "{text}"
    );
    assert_eq!(what, "note · European Union · oversight");
    // The same with a letter missing.
    let (text, what) = first(&mut state, "pegsus");
    assert!(text.contains("Pegasus"), "{text}");
    assert_eq!(what, "note · European Union · oversight");
    // A country: whose it is (among equals, in the dashboard's order).
    let hits = find(&mut state, "south africa");
    press(&mut state, &["esc"]);
    let countries: Vec<&str> = hits.iter().take(2).map(|(_, w)| w.as_str()).collect();
    assert_eq!(
        countries,
        [
            "country of Durban University of Technology",
            "country of University of KwaZulu-Natal",
        ],
        "{hits:?}"
    );
    // The name the blueprint printed, kept as an alias.
    assert_eq!(
        first(&mut state, "durban inst"),
        (
            "Durban Institute of Technology".into(),
            "alias of Durban University of Technology".into()
        )
    );
    // A vendor named in evidence: the evidence titles before the notes.
    let hits = find(&mut state, "nso group");
    assert!(hits.len() >= 4, "{hits:?}");
    assert!(
        hits.iter()
            .take(3)
            .all(|(_, w)| w.starts_with("evidence · ")),
        "{hits:?}"
    );
}

#[test]
fn enter_jumps_to_the_actor_the_recommendation_or_the_commitment_found() {
    let mut state = state();
    press(&mut state, &["j", "j"]);
    let dashboard = state.dashboard;

    find(&mut state, "kwazul");
    press(&mut state, &["enter"]);
    let kzn = actor_index(&state, "university-of-kwazulu-natal");
    assert_eq!(state.view, View::Actor(kzn));
    press(&mut state, &["esc"]);
    assert_eq!(state.view, View::Dashboard);
    assert_eq!(state.dashboard, dashboard, "back where the user was");

    find(&mut state, "vuln");
    press(&mut state, &["enter"]);
    let vuln = rec_index(&state, "vulnerability-handling");
    assert_eq!(state.view, View::Recommendation(vuln));
    press(&mut state, &["esc"]);

    // A note: its commitment, marked in its actor's view and on screen.
    find(&mut state, "pegasus");
    press(&mut state, &["enter"]);
    let eu = actor_index(&state, "european-union");
    assert_eq!(state.view, View::Actor(eu));
    assert_eq!(state.mark, rec_index(&state, "oversight"));
    let lines = screen(&state, 80, 24);
    let text = show(&lines);
    assert!(text.contains("▶"), "{text}");
    let marked = lines.iter().position(|l| l.starts_with('▶')).unwrap_or(0);
    assert!(
        lines[marked].contains("Require oversight"),
        "the marked line: {text}"
    );
    assert!(
        lines[marked + 1..].iter().any(|l| l.contains("Pegasus")),
        "the note under it: {text}"
    );
}

#[test]
fn n_and_shift_n_step_through_the_same_list_across_views() {
    let mut state = state();
    let hits = find(&mut state, "nso group");
    press(&mut state, &["esc"]);
    assert!(hits.len() >= 4, "{hits:?}");
    press(&mut state, &["n"]);
    assert_eq!(state.view, View::Dashboard, "no find yet, nothing moves");
    assert!(screen(&state, 80, 24)[23].contains("No find yet: press / to find"));

    find(&mut state, "nso group");
    press(&mut state, &["enter"]);
    let places = |state: &State| {
        let dataset = &state.data().expect("loaded").dataset;
        let Some(found) = &state.found else {
            panic!("a find to step through")
        };
        (found.at, state.view, dataset.actors.len())
    };
    assert_eq!(places(&state).0, 0);
    let first_view = state.view;
    press(&mut state, &["n"]);
    assert_eq!(places(&state).0, 1);
    let line = screen(&state, 80, 24)[23].clone();
    assert!(
        line.starts_with(&format!(
            "“nso group”: hit 2 of {} · {}",
            hits.len(),
            hits[1].1
        )),
        "{line}"
    );
    press(&mut state, &["N", "N"]);
    assert_eq!(places(&state).0, hits.len() - 1, "N from the first wraps");
    assert!(
        screen(&state, 80, 24)[23].contains("(from the bottom)"),
        "{}",
        screen(&state, 80, 24)[23]
    );
    press(&mut state, &["n"]);
    assert_eq!(places(&state).0, 0);
    assert_eq!(state.view, first_view);
    // Stepping replaced the view each time: one esc returns to the dashboard.
    press(&mut state, &["esc"]);
    assert_eq!(state.view, View::Dashboard);
}

/// Whether the cells of `row` from `x` on, `len` of them, are marked bold
/// and underlined (what reads as a match without colour).
fn marked(buffer: &ratatui::buffer::Buffer, row: u16, x: u16, len: u16) -> bool {
    (x..x + len).all(|x| {
        let modifier = buffer[(x, row)].modifier;
        modifier.contains(Modifier::UNDERLINED | Modifier::BOLD)
    })
}

#[test]
fn the_list_marks_the_matched_letters_at_80x24_40x12_and_20x5() {
    let mut state = state();
    find(&mut state, "pegasus");
    let lines = screen(&state, 80, 24);
    let text = show(&lines);
    assert_eq!(lines[0], "1 hit", "{text}");
    assert_eq!(
        lines[1],
        "▶ After its PEGA inquiry into Pegasus and similar spyware, the European Parliam…",
        "{text}"
    );
    assert_eq!(lines[2], "    note · European Union · oversight");
    assert_eq!(
        lines[23],
        "Find: pegasus▏ 1 of 1 (enter jump · down/ctrl-n choose · esc/ctrl-c cancel)"
    );
    let buffer = common::buffer(&state, 80, 24);
    let at = lines[1]
        .find("Pegasus")
        .map_or(0, |b| lines[1][..b].chars().count()) as u16;
    assert!(marked(&buffer, 1, at, 7), "Pegasus is marked");
    assert!(!marked(&buffer, 1, at - 5, 1), "the text around it is not");

    // Narrow: the text is cut after the match.
    let lines = screen(&state, 40, 12);
    let text = show(&lines);
    assert_eq!(
        lines[1], "▶ After its PEGA inquiry into Pegasus a…",
        "{text}"
    );
    assert_eq!(lines[2], "    note · European Union · oversight");
    let buffer = common::buffer(&state, 40, 12);
    let at = lines[1]
        .find("Pegasus")
        .map_or(0, |b| lines[1][..b].chars().count()) as u16;
    assert!(marked(&buffer, 1, at, 7), "{text}");

    // Tiny: one line a hit, and the prompt.
    state.size = (20, 5);
    let lines = screen(&state, 20, 5);
    let text = show(&lines);
    assert_eq!(lines[1], "▶ … into Pegasus an…", "{text}");
    assert!(lines[4].starts_with("Find: pegasus"), "{text}");

    // Several hits, a page of them; the selection moves with the arrows.
    press(&mut state, &["esc"]);
    state.size = (80, 24);
    find(&mut state, "nso");
    press(&mut state, &["down"]);
    let lines = screen(&state, 80, 24);
    let text = show(&lines);
    assert!(
        lines[3].starts_with("▶ "),
        "the second hit is selected: {text}"
    );
    assert!(lines[1].starts_with("  "), "{text}");
    assert!(lines[23].starts_with("Find: nso▏ 2 of"), "{text}");
}

#[test]
fn hostile_text_in_a_note_stays_inside_its_line() {
    let mut dataset = shipped();
    let hostile = "Line\u{1b}[2J one\nآزمایش\u{202e}reversed\u{202c} with cafe\u{301} \
                   and a tab\there: pegasus again\u{7}";
    let france = dataset
        .actors
        .iter_mut()
        .find(|a| a.id == "france")
        .expect("France");
    if let Some(commitment) = france.commitments.values_mut().next() {
        commitment.note = hostile.to_string();
    }
    let mut state = State::new(Ok(dataset), day("2026-12-01"), KeyMap::default());
    for (width, height) in [(80, 24), (40, 12), (20, 5)] {
        press(&mut state, &["esc"]);
        state.size = (width, height);
        find(&mut state, "pegasus");
        let lines = screen(&state, width, height);
        let text = show(&lines);
        let france = if height >= 12 {
            "note · France"
        } else {
            "pegasus ag"
        };
        assert!(text.contains(france), "{width}x{height}: {text}");
        for line in &lines {
            assert!(!line.chars().any(char::is_control), "{line:?}");
            assert!(!line.contains('\u{202e}'), "{line:?}");
            assert!(
                reconvene::model::width(line) <= usize::from(width),
                "{line:?}"
            );
        }
    }
}

#[test]
fn a_reload_under_the_open_prompt_finds_the_hits_again() {
    let mut state = state();
    find(&mut state, "kwazul");
    let mut dataset = shipped();
    // Another coordinator added an actor that sorts before the university.
    let mut added = dataset.actors[0].clone();
    added.id = "aaa-kwazulu".into();
    added.name = "Academy of Kwazulu".into();
    added.kind = reconvene::model::ActorKind::Academia;
    added.commitments.clear();
    dataset.actors.push(added);
    let dataset = Dataset::new(dataset.manifest, dataset.recommendations, dataset.actors);
    state.replace_dataset(Ok(dataset));
    let find = state.find.as_ref().expect("the prompt stays open");
    let names: Vec<String> = find
        .hits
        .hits
        .iter()
        .filter_map(|h| match h.place {
            Place::Name { actor } => Some(state.data()?.dataset.actors.get(actor)?.name.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(names, ["Academy of Kwazulu", "University of KwaZulu-Natal"]);
    press(&mut state, &["down", "enter"]);
    let View::Actor(index) = state.view else {
        panic!("{:?}", state.view)
    };
    assert_eq!(
        state.data().unwrap().dataset.actors[index].id,
        "university-of-kwazulu-natal"
    );
}
