//! Forms and dialogs that record nothing unasked: undo that names the edit
//! and asks, redo, untouched forms, reassessment on purpose, and dialogs
//! that can always be left and say how.

mod common;
mod keys_support;

use common::*;
use keys_support::*;
use reconvene::app::editing::{Consequence, Modal};
use reconvene::app::{Action, Effect, KeyMap, State, View, update};
use reconvene::model::{Commitment, Day};

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

#[test]
fn a_question_too_long_for_a_small_terminal_still_shows_how_to_answer() {
    let mut state = editing_state();
    press(&mut state, &["u"]);
    update(
        &mut state,
        Action::LastEditFound(Box::new(Ok(Some(last_edit("2024-12-11"))))),
    );
    for (width, height) in [(80, 24), (40, 12), (30, 8)] {
        update(&mut state, Action::Resize(width, height));
        let lines = screen(&state, width, height);
        let text = show(&lines);
        assert!(text.contains("Undo your edit"), "{width}x{height}:\n{text}");
        assert!(text.contains("y/enter yes"), "{width}x{height}:\n{text}");
        assert!(text.contains("ctrl-c no"), "{width}x{height}:\n{text}");
    }
    let lines = screen(&state, 30, 8);
    assert!(
        lines.iter().any(|l| l.contains('…')),
        "the cut question says it is cut:\n{}",
        show(&lines)
    );
}
