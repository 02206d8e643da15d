//! Keys that must never act unless the user meant them: find in every view,
//! undo that asks first, forms that record nothing unasked, dialogs that
//! can always be left, and edits that land on the commitment on screen.

mod common;

use common::*;
use reconvene::app::editing::{Consequence, Modal};
use reconvene::app::{Action, Effect, FindTarget, KeyMap, State, View, update};
use reconvene::model::{CommitId, Commitment, Dataset, Day, Identity, LastEdit, Status};

fn ada() -> Identity {
    Identity::parse("Ada Lovelace <ada@example.org>").expect("a valid identity")
}

fn editing_state() -> State {
    let mut state = state();
    state.set_author(ada());
    state
}

fn name_of(state: &State, index: usize) -> String {
    state.data().expect("loaded").dataset.actors[index]
        .name
        .clone()
}

/// The (actor id, recommendation id) `e` would edit now.
fn target(state: &State) -> Option<(String, String)> {
    let (actor, rec) = state.selected_commitment()?;
    let dataset = &state.data()?.dataset;
    Some((
        dataset.actors[actor].id.clone(),
        dataset.recommendations[rec].id.clone(),
    ))
}

fn question(state: &State) -> String {
    match &state.modal {
        Some(Modal::Ask(question)) => question.text.clone(),
        other => panic!("expected a question, got {other:?}"),
    }
}

/// Ada's edit of 2024-12-11 16:02: United States · blacklist.
fn last_edit(day_of: &str) -> LastEdit {
    let initiated = Commitment {
        status: Status::Initiated,
        ..Default::default()
    };
    let implemented = Commitment {
        status: Status::Implemented,
        ..Default::default()
    };
    LastEdit {
        commit: CommitId::new(&"ab".repeat(20)).expect("an id"),
        when: day(day_of).and_hms_opt(16, 2, 0).expect("a time"),
        summary: "United States · blacklist: Initiated → Implemented".into(),
        actor: "united-states".into(),
        recommendation: "blacklist".into(),
        before: Some(initiated),
        after: Some(implemented),
    }
}

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
        assert_eq!(find.query, "uqeair", "{name}");
        let lines = screen(&state, 80, 24);
        assert!(lines[23].contains("uqeair"), "{name}: {}", lines[23]);
        if find.target == FindTarget::Nothing {
            assert!(
                lines[23].starts_with("Nothing to find in this view: uqeair"),
                "{name}: {}",
                lines[23]
            );
        }
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
fn find_moves_the_selection_of_the_view_it_is_in() {
    let mut state = editing_state();
    press(&mut state, &["tab", "/"]);
    type_in(&mut state, "united st");
    press(&mut state, &["enter"]);
    let index = state.data().unwrap().governments[state.tracker.selected];
    assert_eq!(name_of(&state, index), "United States", "tracker");

    // An actor's commitments, by their recommendation's title.
    press(&mut state, &["enter", "/"]);
    assert_eq!(state.view, View::Actor(index));
    type_in(&mut state, "oversight");
    let lines = screen(&state, 80, 24);
    assert!(
        row_with(&lines, "▶").contains("Title of oversight"),
        "{}",
        show(&lines)
    );
    press(&mut state, &["enter"]);
    assert_eq!(
        target(&state),
        Some(("united-states".into(), "oversight".into()))
    );

    // A recommendation's actors, by name; e then edits the one found.
    let mut state = editing_state();
    press(&mut state, &["l", "l", "l", "l", "r", "/"]);
    assert_eq!(state.view, View::Recommendation(4));
    type_in(&mut state, "kingdom");
    press(&mut state, &["enter"]);
    let lines = screen(&state, 80, 24);
    assert!(
        row_with(&lines, "▶").contains("The United Kingdom"),
        "{}",
        show(&lines)
    );
    press(&mut state, &["e"]);
    let Some(Modal::Edit(form)) = &state.modal else {
        panic!("the form is open: {:?}", state.modal)
    };
    assert_eq!(
        (form.actor.as_str(), form.recommendation.as_str()),
        ("long-kingdom", "blacklist")
    );

    // Esc puts the selection back where it was.
    let mut state = editing_state();
    press(&mut state, &["l", "l", "l", "l", "r", "j"]);
    let before = target(&state);
    press(&mut state, &["/"]);
    type_in(&mut state, "european");
    assert_eq!(
        target(&state),
        Some(("european-union".into(), "blacklist".into()))
    );
    press(&mut state, &["esc"]);
    assert_eq!(target(&state), before);
}

#[test]
fn undo_asks_naming_the_edit_and_no_esc_q_or_ctrl_c_leaves_it_undone() {
    for no in ["n", "esc", "q", "ctrl-c"] {
        let mut state = editing_state();
        assert_eq!(press(&mut state, &["u"]), vec![Effect::FindLastEdit]);
        assert!(state.modal.is_none(), "nothing is asked before the answer");
        update(
            &mut state,
            Action::LastEditFound(Box::new(Ok(Some(last_edit("2024-12-11"))))),
        );
        assert_eq!(
            question(&state),
            "Undo your edit of 16:02: United States · blacklist: Initiated → Implemented? \
             It is reverted by a new commit; history is kept."
        );
        let lines = screen(&state, 80, 24);
        let text = show(&lines);
        assert!(text.contains("Undo your edit of 16:02: United"), "{text}");
        assert!(text.contains("y/enter yes · n/esc/q/ctrl-c no"), "{text}");
        assert_eq!(press(&mut state, &[no]), vec![], "{no}");
        assert!(state.modal.is_none(), "{no} closes the question");
        assert_eq!(state.message.as_deref(), Some("Nothing undone"), "{no}");
        assert_eq!(state.view, View::Dashboard, "{no} did nothing else");
    }

    let mut state = editing_state();
    press(&mut state, &["u"]);
    let edit = last_edit("2024-11-03");
    update(
        &mut state,
        Action::LastEditFound(Box::new(Ok(Some(edit.clone())))),
    );
    assert!(
        question(&state).starts_with("Undo your edit of 2024-11-03 16:02:"),
        "another day is named: {}",
        question(&state)
    );
    assert_eq!(
        press(&mut state, &["y"]),
        vec![Effect::Undo(Box::new(edit))],
        "yes reverts exactly the edit named"
    );

    let mut state = editing_state();
    press(&mut state, &["u"]);
    update(&mut state, Action::LastEditFound(Box::new(Ok(None))));
    assert!(state.modal.is_none());
    assert_eq!(
        state.message.as_deref(),
        Some("Nothing to undo: you have made no edit on this branch")
    );
}

#[test]
fn after_an_undo_redo_is_offered_as_a_new_commit_of_the_same_edit() {
    let mut state = editing_state();
    let edit = last_edit("2024-12-11");
    state.undone(edit.clone(), "1234567");
    assert_eq!(
        question(&state),
        "Undone with commit 1234567: your edit of 16:02 \
         (United States · blacklist: Initiated → Implemented). Redo it (a new commit)?"
    );
    let effects = press(&mut state, &["y"]);
    let [Effect::Save(redo)] = effects.as_slice() else {
        panic!("one save: {effects:?}")
    };
    assert_eq!(redo.base, edit.before, "against what the undo restored");
    assert_eq!(Some(&redo.new), edit.after.as_ref());
    assert_eq!(
        redo.message,
        "Redo: United States · blacklist: Initiated → Implemented"
    );
}

#[test]
fn e_then_esc_on_an_unrecorded_cell_changes_nothing_and_asks_nothing() {
    let mut state = editing_state();
    // France has no recorded commitment to acceptable-use.
    assert_eq!(
        target(&state),
        Some(("france".into(), "acceptable-use".into()))
    );
    press(&mut state, &["e"]);
    let lines = screen(&state, 80, 24);
    assert!(lines[0].starts_with("Edit · France"), "{}", show(&lines));
    let effects = press(&mut state, &["esc"]);
    assert!(state.modal.is_none(), "one esc leaves: nothing changed");
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::Save(_) | Effect::KeepDraft(_))),
        "{effects:?}"
    );
    assert_eq!(
        state.message.as_deref(),
        Some("Edit cancelled; nothing changed")
    );

    // Ctrl-S on the untouched form saves nothing; it asks whether a
    // reassessment is meant, and no goes back to the form.
    press(&mut state, &["e"]);
    assert_eq!(press(&mut state, &["ctrl-s"]), vec![]);
    assert!(
        question(&state).starts_with(
            "Nothing changed. Record that you reassessed France · acceptable-use today (2024-12-11)?"
        ),
        "{}",
        question(&state)
    );
    assert_eq!(press(&mut state, &["n"]), vec![]);
    assert!(
        matches!(state.modal, Some(Modal::Edit(_))),
        "back to the form"
    );
    assert_eq!(press(&mut state, &["esc"]), vec![Effect::DiscardDraft]);
    assert!(state.modal.is_none());
}

#[test]
fn a_reassessment_on_its_own_is_saved_when_asked_for() {
    let mut state = editing_state();
    press(&mut state, &["j", "j", "l", "l", "l", "l"]);
    assert_eq!(
        target(&state),
        Some(("united-states".into(), "blacklist".into()))
    );
    press(&mut state, &["e", "ctrl-s"]);
    assert!(question(&state).contains("United States · blacklist"));
    let effects = press(&mut state, &["y"]);
    let [Effect::Save(edit)] = effects.as_slice() else {
        panic!("one save: {effects:?}")
    };
    let before = edit.base.clone().expect("recorded");
    assert_eq!(edit.new.status, before.status);
    assert_eq!(edit.new.evidence, before.evidence);
    assert_eq!(edit.new.assessed, Some(Day(day("2024-12-11"))));
    assert_eq!(edit.message, "United States · blacklist: reassessed");
}

#[test]
fn every_dialog_can_be_left_and_says_how() {
    // The kept draft: esc, q and ctrl-c leave it kept; d discards it.
    for (key, effects, said) in [
        (
            "esc",
            vec![],
            "The draft is kept; it is offered again when you next start",
        ),
        (
            "q",
            vec![],
            "The draft is kept; it is offered again when you next start",
        ),
        (
            "ctrl-c",
            vec![],
            "The draft is kept; it is offered again when you next start",
        ),
        ("d", vec![Effect::DiscardDraft], "Draft discarded"),
    ] {
        let mut state = editing_state();
        state.offer_draft(reconvene::model::Edit {
            actor: "france".into(),
            recommendation: "blacklist".into(),
            base: None,
            new: Commitment::default(),
            message: "France · blacklist: note changed".into(),
            loaded_from: None,
        });
        let text = show(&screen(&state, 80, 24));
        assert!(
            text.contains("enter reopen · d discard · esc/q/ctrl-c not now"),
            "{text}"
        );
        assert_eq!(press(&mut state, &[key]), effects, "{key}");
        assert!(state.modal.is_none(), "{key}");
        assert_eq!(state.message.as_deref(), Some(said), "{key}");
    }

    // Who is editing: ctrl-c leaves as esc does.
    let mut state = state();
    press(&mut state, &["e"]);
    assert!(matches!(state.modal, Some(Modal::Identity { .. })));
    let text = show(&screen(&state, 80, 24));
    assert!(text.contains("enter confirm · esc/ctrl-c cancel"), "{text}");
    assert_eq!(press(&mut state, &["ctrl-c"]), vec![]);
    assert!(state.modal.is_none());
}

#[test]
fn esc_on_a_half_filled_add_actor_form_asks_and_no_keeps_what_was_typed() {
    let mut state = editing_state();
    press(&mut state, &["a"]);
    press(&mut state, &["esc"]);
    assert!(state.modal.is_none(), "an empty form leaves at once");
    assert_eq!(state.message.as_deref(), Some("No actor added"));

    press(&mut state, &["a"]);
    type_in(&mut state, "Chile");
    assert_eq!(press(&mut state, &["esc"]), vec![]);
    assert_eq!(
        question(&state),
        "Discard the actor you were adding (\"Chile\", governments)? Nothing has been saved."
    );
    press(&mut state, &["n"]);
    let Some(Modal::AddActor(form)) = &state.modal else {
        panic!("back to the form: {:?}", state.modal)
    };
    assert_eq!(form.name.text(), "Chile", "nothing typed was lost");
    press(&mut state, &["esc", "y"]);
    assert!(state.modal.is_none());
    assert_eq!(state.message.as_deref(), Some("No actor added"));
}

#[test]
fn keys_in_an_open_question_other_than_its_own_do_nothing() {
    let mut state = editing_state();
    press(&mut state, &["u"]);
    update(
        &mut state,
        Action::LastEditFound(Box::new(Ok(Some(last_edit("2024-12-11"))))),
    );
    assert_eq!(press(&mut state, &["u", "e", "a", "j", "tab", "/"]), vec![]);
    assert!(matches!(
        &state.modal,
        Some(Modal::Ask(q)) if matches!(q.yes, Consequence::Undo(_))
    ));
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
    assert!(row_with(&lines, "Keep the match and close").starts_with("enter"));
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

/// The screen and where the cursor is, as the terminal would show them.
fn screen_and_cursor(state: &State, width: u16, height: u16) -> (Vec<String>, (u16, u16)) {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| reconvene::ui::render(state, frame))
        .unwrap();
    let cursor = terminal.get_cursor_position().unwrap();
    (screen(state, width, height), (cursor.x, cursor.y))
}

#[test]
fn the_edit_form_at_twelve_rows_puts_the_cursor_in_the_focused_message() {
    let mut state = editing_state();
    press(
        &mut state,
        &["j", "j", "l", "l", "l", "l", "e", "tab", "tab", "tab"],
    );
    for height in [12u16, 13, 14, 24] {
        update(&mut state, Action::Resize(80, height));
        let (lines, (x, y)) = screen_and_cursor(&state, 80, height);
        let text = show(&lines);
        let message = lines
            .iter()
            .position(|l| l.contains("United States · blacklist: reassessed"))
            .unwrap_or_else(|| panic!("the message is shown at {height} rows:\n{text}"));
        assert_eq!(usize::from(y), message, "at {height} rows:\n{text}");
        let typed = "│United States · blacklist: reassessed".chars().count();
        assert_eq!(usize::from(x), typed, "at {height} rows:\n{text}");
    }
}

#[test]
fn overrides_reach_the_forms_fields_and_dialogs_and_their_hints() {
    let overrides = [
        (
            "evidence_list.add_evidence".to_string(),
            vec!["n".to_string()],
        ),
        ("cancel".to_string(), vec!["ctrl-g".to_string()]),
        ("dialog.confirm".to_string(), vec!["o".to_string()]),
    ]
    .into();
    let (keymap, warnings) = KeyMap::with_overrides(&overrides);
    assert!(warnings.is_empty(), "{warnings:?}");
    let mut state = State::new(Ok(dataset()), day("2024-12-11"), keymap);
    state.set_author(ada());
    press(&mut state, &["e", "tab", "tab"]);
    let lines = screen(&state, 80, 24);
    assert!(
        row_with(&lines, "Evidence —").contains("n add · enter change · d remove"),
        "{}",
        show(&lines)
    );
    press(&mut state, &["a"]);
    let Some(Modal::Edit(form)) = &state.modal else {
        panic!("the form is open")
    };
    assert!(form.draft.is_none(), "a no longer adds");
    press(&mut state, &["n"]);
    let Some(Modal::Edit(form)) = &state.modal else {
        panic!("the form is open")
    };
    assert!(form.draft.is_some(), "n adds");
    // The evidence item, then the form, leave by the overridden cancel.
    press(&mut state, &["esc"]);
    assert!(matches!(&state.modal, Some(Modal::Edit(f)) if f.draft.is_some()));
    press(&mut state, &["ctrl-g"]);
    assert!(matches!(&state.modal, Some(Modal::Edit(f)) if f.draft.is_none()));
    press(&mut state, &["ctrl-g"]);
    assert!(state.modal.is_none(), "the unchanged form left on ctrl-g");

    press(&mut state, &["u"]);
    update(
        &mut state,
        Action::LastEditFound(Box::new(Ok(Some(last_edit("2024-12-11"))))),
    );
    assert!(show(&screen(&state, 80, 24)).contains("o yes · ctrl-g no"));
    assert_eq!(press(&mut state, &["y"]), vec![], "y is not bound any more");
    assert!(matches!(
        press(&mut state, &["o"]).as_slice(),
        [Effect::Undo(_)]
    ));
}
