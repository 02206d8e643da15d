//! Keys that must never act unless the user meant them: find in every
//! view, help and collisions from the key map, and edits that land on the
//! commitment on screen.

mod common;
mod keys_support;

use common::*;
use keys_support::*;
use reconvene::app::editing::Modal;
use reconvene::app::{Action, Effect, KeyMap, State, View, update};
use reconvene::model::{Dataset, Status};

#[test]
fn after_slash_letters_go_into_find_in_every_view_and_never_run_commands() {
    // The views to try, each as the keys that reach it from the dashboard.
    let views: [(&[&str], &str); 5] = [
        (&[], "dashboard"),
        (&["tab"], "tracker"),
        (&["enter"], "actor"),
        (&["r"], "recommendation"),
        (&["?"], "help"),
    ];
    for (reach, name) in views {
        let mut state = editing_state();
        press(&mut state, reach);
        let view = state.view;
        // u, q, e, a, i, r are all bound outside the prompt.
        let effects = press(&mut state, &["/", "u", "q", "e", "a", "i", "r"]);
        assert_eq!(effects, vec![], "{name}: no key acted");
        assert_eq!(state.view, view, "{name}: the view stayed");
        assert!(state.modal.is_none(), "{name}: no form opened");
        let find = state.find.as_ref().expect("the prompt is open");
        assert_eq!(find.query.text(), "uqeair", "{name}");
        let lines = screen(&state, 80, 24);
        assert!(lines[23].contains("uqeair"), "{name}: {}", lines[23]);
        assert!(
            lines[23].starts_with("Find: uqeair▏ no match"),
            "{name}: {}",
            lines[23]
        );
        press(&mut state, &["esc"]);
        assert!(state.find.is_none(), "{name}: esc closes the prompt");
        assert_eq!(
            press(&mut state, &["u"]),
            vec![Effect::FindLastEdit],
            "{name}: after the prompt, u is undo again (and only asks)"
        );
    }
}

#[test]
fn find_opens_what_it_found_from_any_view_and_e_edits_the_commitment_found() {
    let mut state = editing_state();
    press(&mut state, &["tab", "/"]);
    type_in(&mut state, "united st");
    press(&mut state, &["enter"]);
    let View::Actor(index) = state.view else {
        panic!("the actor view: {:?}", state.view)
    };
    assert_eq!(name_of(&state, index), "United States", "from the tracker");
    assert_eq!(state.back, [View::Tracker], "esc goes back to the tracker");

    // From inside an actor's view, an evidence title: its commitment is
    // marked, so e edits it.
    press(&mut state, &["l", "/"]);
    type_in(&mut state, "entity list");
    press(&mut state, &["enter"]);
    assert_eq!(
        target(&state),
        Some(("united-states".into(), "blacklist".into()))
    );
    let lines = screen(&state, 80, 24);
    assert!(
        row_with(&lines, "▶").contains("Title of blacklist"),
        "{}",
        show(&lines)
    );
    press(&mut state, &["e"]);
    let Some(Modal::Edit(form)) = &state.modal else {
        panic!("the form is open: {:?}", state.modal)
    };
    assert_eq!(
        (form.actor.as_str(), form.recommendation.as_str()),
        ("united-states", "blacklist")
    );

    // Esc leaves the prompt with the view and its selection as they were.
    let mut state = editing_state();
    press(&mut state, &["l", "l", "l", "l", "r", "j"]);
    let before = (state.view, target(&state));
    press(&mut state, &["/"]);
    type_in(&mut state, "european");
    press(&mut state, &["esc"]);
    assert_eq!((state.view, target(&state)), before);
}

#[test]
fn help_lists_the_keys_of_the_view_it_was_opened_from() {
    let mut state = editing_state();
    press(&mut state, &["enter", "?"]);
    let lines = screen(&state, 80, 40);
    let text = show(&lines);
    assert_eq!(lines[0], "Keys · actor", "{text}");
    assert!(
        row_with(&lines, "Mark the next commitment").starts_with("j, down"),
        "{text}"
    );
    assert!(row_with(&lines, "Edit the marked commitment").starts_with("e "));
    assert!(!text.contains("Open the selected actor"), "{text}");
    assert!(row_with(&lines, "Jump to the selected hit").starts_with("enter"));
    assert!(row_with(&lines, "Next hit of the last find").starts_with("n "));
    press(&mut state, &["esc", "esc", "?"]);
    let lines = screen(&state, 80, 40);
    assert_eq!(lines[0], "Keys · dashboard");
    assert!(row_with(&lines, "Open the selected actor").starts_with("enter"));
}

#[test]
fn a_colliding_override_is_reported_and_help_shows_the_key_that_wins() {
    let overrides = [(
        "edit".to_string(),
        vec!["e".to_string(), "enter".to_string()],
    )]
    .into();
    let (keymap, warnings) = KeyMap::with_overrides(&overrides);
    assert!(
        warnings.contains(
            &"key map: `enter` is bound to both `open` and `edit` in dashboard; `open` wins"
                .to_string()
        ),
        "{warnings:?}"
    );
    let mut state = State::new(Ok(dataset()), day("2024-12-11"), keymap);
    state.set_author(ada());
    press(&mut state, &["enter"]);
    assert!(matches!(state.view, View::Actor(_)), "open won");
    press(&mut state, &["enter"]);
    assert!(
        matches!(state.modal, Some(Modal::Edit(_))),
        "in the actor view enter edits"
    );
}

#[test]
fn e_on_an_empty_recommendations_file_says_why_and_does_not_panic() {
    let full = dataset();
    let empty = Dataset::new(full.manifest.clone(), Vec::new(), full.actors.clone());
    let mut state = State::new(Ok(empty), day("2024-12-11"), KeyMap::default());
    state.set_author(ada());
    for keys in [&["e"][..], &["enter", "e"][..], &["enter", "r", "e"][..]] {
        press(&mut state, keys);
        assert!(state.modal.is_none(), "{keys:?}");
        assert!(
            state
                .message
                .as_deref()
                .is_some_and(|m| m.starts_with("Select a commitment to edit")),
            "{keys:?}: {:?}",
            state.message
        );
        let _ = screen(&state, 80, 24);
    }
}

#[test]
fn selections_follow_their_actor_and_recommendation_across_a_reload() {
    let mut state = editing_state();
    press(&mut state, &["j", "j", "l", "l", "l", "l"]);
    assert_eq!(
        target(&state),
        Some(("united-states".into(), "blacklist".into()))
    );
    press(&mut state, &["tab", "j", "j"]);
    let tracker_before = target(&state);
    press(&mut state, &["tab", "r", "j"]);
    let recommendation_before = target(&state);

    // Another coordinator added a government that sorts first and an actor
    // graded on blacklist that lists before the selected one.
    let before = dataset();
    let mut actors = before.actors.clone();
    actors.push(actor(
        "albania",
        "Albania",
        reconvene::model::ActorKind::Government,
        &[("blacklist", commitment(Status::Implemented, "", vec![]))],
    ));
    state.replace_dataset(Ok(Dataset::new(
        before.manifest.clone(),
        before.recommendations.clone(),
        actors,
    )));

    assert_eq!(target(&state), recommendation_before, "recommendation view");
    press(&mut state, &["e"]);
    let Some(Modal::Edit(form)) = &state.modal else {
        panic!("the form is open")
    };
    let edited = Some((form.actor.clone(), form.recommendation.clone()));
    assert_eq!(edited, recommendation_before, "e edits the same actor");
    press(&mut state, &["esc", "esc"]);
    assert_eq!(state.view, View::Dashboard);
    assert_eq!(
        target(&state),
        Some(("united-states".into(), "blacklist".into())),
        "dashboard"
    );
    press(&mut state, &["tab"]);
    assert_eq!(target(&state), tracker_before, "tracker");
}

#[test]
fn the_marked_commitment_stays_on_screen_however_far_it_moves() {
    let mut state = editing_state();
    press(&mut state, &["j", "j", "enter"]);
    for height in [8u16, 12, 24] {
        update(&mut state, Action::Resize(80, height));
        for key in ["G", "k", "k", "g", "j", "l", "l", "h"] {
            press(&mut state, &[key]);
            let lines = screen(&state, 80, height);
            let marked = lines.iter().find(|l| l.starts_with('▶'));
            let marked = marked.unwrap_or_else(|| panic!("{key} at {height}: {}", show(&lines)));
            let (_, rec) = state.selected_commitment().expect("a marked commitment");
            assert!(
                marked.contains(&format!("{}. Title of", rec + 1)),
                "{key}: the marked row is the one e edits: {marked}"
            );
        }
    }
}
