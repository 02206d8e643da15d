//! Editing from the TUI: keys drive the forms, and the saves they ask for
//! land in a real git repository as commits by the coordinator.

mod common;

use std::collections::VecDeque;

use common::*;
use reconvene::app::editing::Modal;
use reconvene::app::input::{Key, KeyCode};
use reconvene::app::{Action, Effect, State, View, update};
use reconvene::model::Status;
use reconvene::store::identity::Identity;
use reconvene::store::{DatasetLocation, init_repository};
use reconvene::tui::effects::Session;

fn ada() -> Identity {
    Identity::parse("Ada Lovelace <ada@example.org>").expect("a valid identity")
}

fn keys(state: &mut State, keys: &[Key]) -> Vec<Effect> {
    keys.iter()
        .flat_map(|k| update(state, Action::Key(*k)))
        .collect()
}

fn typed(state: &mut State, text: &str) -> Vec<Effect> {
    text.chars()
        .flat_map(|c| update(state, Action::Key(Key::char(c))))
        .collect()
}

const RIGHT: Key = Key::plain(KeyCode::Right);
const ENTER: Key = Key::plain(KeyCode::Enter);
const ESC: Key = Key::plain(KeyCode::Esc);

#[test]
fn editing_with_nobody_named_asks_who_first_then_opens_the_form() {
    let mut state = state();
    assert!(update(&mut state, Action::Edit).is_empty());
    let lines = screen(&state, 80, 24);
    assert!(show(&lines).contains("Who is editing?"), "{}", show(&lines));

    typed(&mut state, "Ada Lovelace <ada@example.org>");
    let effects = keys(&mut state, &[ENTER]);
    assert_eq!(
        effects,
        vec![Effect::LookForDraft],
        "a draft Ada left is looked for"
    );
    assert_eq!(state.author, Some(ada()));
    let lines = screen(&state, 80, 24);
    assert!(
        lines[0].starts_with("Edit · France · acceptable-use"),
        "{}",
        show(&lines)
    );
    assert!(
        show(&lines).contains("as Ada Lovelace <ada@example.org>"),
        "{}",
        show(&lines)
    );
}

#[test]
fn cancelling_the_prompt_opens_nothing_and_says_why() {
    let mut state = state();
    update(&mut state, Action::Edit);
    keys(&mut state, &[ESC]);
    assert!(state.modal.is_none());
    assert!(state.author.is_none());
    assert!(
        state
            .message
            .as_deref()
            .is_some_and(|m| m.contains("nothing can be saved"))
    );
}

#[test]
fn saving_from_the_dashboard_asks_the_runner_for_exactly_the_edit_made() {
    let mut state = state();
    state.set_author(ada());
    update(&mut state, Action::Edit);
    let base = state.data().and_then(|b| {
        b.dataset
            .actor("france")?
            .commitment("acceptable-use")
            .cloned()
    });
    let drafts = keys(&mut state, &[RIGHT]);
    assert!(
        matches!(drafts.as_slice(), [Effect::KeepDraft(_)]),
        "a changed form is kept as a draft: {drafts:?}"
    );
    let effects = keys(&mut state, &[Key::ctrl('s')]);
    let [Effect::Save(edit)] = effects.as_slice() else {
        panic!("expected one save, got {effects:?}")
    };
    assert_eq!(
        (edit.actor.as_str(), edit.recommendation.as_str()),
        ("france", "acceptable-use")
    );
    assert_eq!(edit.base, base);
    let old = base.map(|c| c.status).unwrap_or_default();
    let next = Status::ALL
        [(Status::ALL.iter().position(|s| *s == old).unwrap_or(0) + 1) % Status::ALL.len()];
    assert_eq!(edit.new.status, next);
    let expected = match edit.base {
        None => format!("France · acceptable-use: {} (new)", next.label()),
        Some(_) => format!(
            "France · acceptable-use: {} → {}",
            old.label(),
            next.label()
        ),
    };
    assert_eq!(edit.message, expected);
}

#[test]
fn only_a_changed_edit_is_kept_as_a_draft_not_a_cursor_move() {
    let mut state = state();
    state.set_author(ada());
    update(&mut state, Action::Edit);
    assert_eq!(
        keys(&mut state, &[RIGHT]).len(),
        1,
        "the status changed: kept"
    );
    let tab = Key::plain(KeyCode::Tab);
    assert!(
        keys(&mut state, &[tab]).is_empty(),
        "focus moved: nothing to write"
    );
    assert_eq!(
        typed(&mut state, "ab").len(),
        2,
        "each typed character changes the note"
    );
    let left = Key::plain(KeyCode::Left);
    assert!(
        keys(&mut state, &[left, left]).is_empty(),
        "the cursor moved: nothing to write"
    );
}

#[test]
fn the_actor_view_marks_the_commitment_that_e_edits() {
    let mut state = state();
    state.set_author(ada());
    update(&mut state, Action::Open);
    assert!(matches!(state.view, View::Actor(_)));
    update(&mut state, Action::Right);
    let lines = screen(&state, 80, 24);
    let marked = row_with(&lines, "▶");
    assert!(
        marked.contains("2."),
        "the mark moved to the second recommendation: {marked}"
    );
    update(&mut state, Action::Edit);
    let lines = screen(&state, 80, 24);
    assert!(
        lines[0].starts_with("Edit · France · export-safeguards"),
        "{}",
        show(&lines)
    );
}

#[test]
fn the_recommendation_view_edits_the_actor_it_names() {
    let mut state = state();
    state.set_author(ada());
    update(&mut state, Action::Down);
    update(&mut state, Action::OpenRecommendation);
    assert!(matches!(state.view, View::Recommendation(0)));
    let lines = screen(&state, 80, 24);
    assert!(
        lines[23].contains("e edit The United Kingdom"),
        "{}",
        lines[23]
    );
    update(&mut state, Action::Edit);
    let Some(Modal::Edit(form)) = &state.modal else {
        panic!("the form is open")
    };
    assert_eq!(
        (form.actor.as_str(), form.recommendation.as_str()),
        ("long-kingdom", "acceptable-use")
    );
    let lines = screen(&state, 80, 24);
    assert!(
        lines[0].starts_with("Edit · The United Kingdom"),
        "{}",
        show(&lines)
    );
}

#[test]
fn adding_an_actor_asks_the_runner_to_commit_it() {
    let mut state = state();
    state.set_author(ada());
    update(&mut state, Action::AddActor);
    typed(&mut state, "Access Now");
    assert!(
        keys(&mut state, &[ENTER]).is_empty(),
        "the fixture has Access Now already"
    );
    let lines = screen(&state, 80, 24);
    assert!(
        show(&lines).contains("an actor `access-now` already exists"),
        "{}",
        show(&lines)
    );

    for _ in 0.."Access Now".len() {
        keys(&mut state, &[Key::plain(KeyCode::Backspace)]);
    }
    typed(&mut state, "Digital Rights Watch");
    let effects = keys(&mut state, &[ENTER]);
    let [Effect::AddActor(actor)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(actor.id, "digital-rights-watch");
    assert_eq!(actor.name, "Digital Rights Watch");
}

#[test]
fn a_kept_draft_is_offered_back_and_reopens_in_the_form() {
    let mut state = state();
    state.set_author(ada());
    update(&mut state, Action::Edit);
    keys(&mut state, &[RIGHT, RIGHT]);
    let Some(Modal::Edit(form)) = &state.modal else {
        panic!("the form is open")
    };
    let draft = form.edit();

    let mut later = common::state();
    later.set_author(ada());
    later.offer_draft(draft.clone());
    let lines = screen(&later, 80, 24);
    assert!(
        show(&lines).contains("An unsaved edit was kept"),
        "{}",
        show(&lines)
    );
    keys(&mut later, &[ENTER]);
    let Some(Modal::Edit(form)) = &later.modal else {
        panic!("the draft reopened in the form")
    };
    assert_eq!(form.edit(), draft);
}

/// The whole way: keys in the TUI, the runner's effects, a real repository.
#[test]
fn keys_in_the_form_make_one_commit_by_the_coordinator_in_a_real_repository() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let repo_dir = dir.path().join("group");
    init_repository(&repo_dir, false, &Identity::tool()).expect("a dataset repository");
    let location = DatasetLocation {
        repo_root: repo_dir.clone(),
        dataset_dir: repo_dir.clone(),
    };
    let mut session = Session::new(location);
    let mut state = State::new(
        session.load(),
        day("2026-11-22"),
        reconvene::app::KeyMap::default(),
    );
    state.set_author(ada());
    // What the runner's worker does: each effect carried out, its result
    // applied through `update`, and any effect that asks for, in turn.
    let mut run = |state: &mut State, effects: Vec<Effect>| {
        let mut effects: VecDeque<Effect> = effects.into();
        while let Some(effect) = effects.pop_front() {
            assert_ne!(effect, Effect::Quit);
            let author = state.author.clone();
            if let Some(result) = session.perform(effect, author.as_ref()) {
                effects.extend(update(state, result));
            }
        }
    };

    // Greece's commitment on non-state purchases: to the tracker would do too; use find.
    let greece = state
        .data()
        .and_then(|b| b.dataset.actors.iter().position(|a| a.id == "greece"));
    let row = greece
        .and_then(|i| state.data().map(|b| b.actor_rows[i]))
        .expect("Greece is shown");
    state.dashboard.selected = row;
    state.column = state
        .data()
        .and_then(|b| {
            b.dataset
                .recommendations
                .iter()
                .position(|r| r.id == "non-state-purchases")
        })
        .expect("the non-state-purchases recommendation");
    let effects = update(&mut state, Action::Edit);
    run(&mut state, effects);
    let mut effects = keys(&mut state, &[RIGHT, Key::plain(KeyCode::Tab)]);
    effects.extend(typed(&mut state, " Enforced since 2024."));
    effects.extend(keys(&mut state, &[Key::ctrl('s')]));
    run(&mut state, effects);

    assert!(state.modal.is_none(), "the form closed after saving");
    let said = state.message.clone().unwrap_or_default();
    assert!(
        said.starts_with("Saved ") && said.ends_with("as Ada Lovelace <ada@example.org>"),
        "{said}"
    );

    let repo = git2::Repository::open(&repo_dir).expect("the repository");
    let head = repo
        .head()
        .and_then(|h| h.peel_to_commit())
        .expect("a commit");
    assert_eq!(head.author().name().ok(), Some("Ada Lovelace"));
    assert_eq!(head.author().email().ok(), Some("ada@example.org"));
    let message = head.message().unwrap_or_default();
    assert!(
        message
            .starts_with("Greece · non-state-purchases: Substantial → Implemented, note changed"),
        "{message}"
    );
    assert!(
        message.contains("Actor: greece\nRecommendation: non-state-purchases"),
        "{message}"
    );
    assert!(
        said.contains(&head.id().to_string()[..7]),
        "the status line names the commit: {said}"
    );
    let parent = head.parent(0).expect("the import commit");
    let diff = repo
        .diff_tree_to_tree(
            Some(&parent.tree().expect("tree")),
            Some(&head.tree().expect("tree")),
            None,
        )
        .expect("a diff");
    assert_eq!(diff.deltas().count(), 1, "one file changed");

    // The screen shows the new state, reloaded from the repository.
    let reloaded = state.data().and_then(|b| {
        b.dataset
            .actor("greece")?
            .commitment("non-state-purchases")
            .cloned()
    });
    let reloaded = reloaded.expect("the commitment");
    assert_eq!(reloaded.status, Status::Implemented);
    assert!(
        reloaded.note.ends_with("Enforced since 2024."),
        "{}",
        reloaded.note
    );
    let on_disk = reconvene::store::load_dataset(&repo_dir).expect("a valid dataset");
    assert_eq!(
        state.data().map(|b| &b.dataset),
        Some(&on_disk),
        "what the screen shows is what the new tip holds"
    );

    // And undo puts it back, with a new commit, once the user has said yes
    // to the edit it names.
    fn tip(repo: &git2::Repository) -> git2::Commit<'_> {
        repo.head()
            .and_then(|h| h.peel_to_commit())
            .expect("a commit")
    }
    let saved_at = tip(&repo).id();
    let question = |state: &State| match &state.modal {
        Some(Modal::Ask(question)) => question.text.clone(),
        other => panic!("a question is open, not {other:?}"),
    };
    let effects = keys(&mut state, &[Key::char('u')]);
    run(&mut state, effects);
    let asked = question(&state);
    assert!(asked.starts_with("Undo your edit of "), "{asked}");
    assert!(
        asked.contains(": Greece · non-state-purchases: Substantial → Implemented, note changed?"),
        "{asked}"
    );
    assert_eq!(tip(&repo).id(), saved_at, "nothing is committed before yes");
    let effects = keys(&mut state, &[Key::char('y')]);
    run(&mut state, effects);
    let back = state.data().and_then(|b| {
        b.dataset
            .actor("greece")?
            .commitment("non-state-purchases")
            .cloned()
    });
    assert_eq!(back.map(|c| c.status), Some(Status::Substantial));
    let undo = tip(&repo);
    assert_eq!(undo.parent_count(), 1);
    assert_eq!(undo.parent_id(0).ok(), Some(saved_at), "history is kept");
    let offered = question(&state);
    assert!(
        offered.starts_with(&format!(
            "Undone with commit {}",
            &undo.id().to_string()[..7]
        )) && offered
            .contains("(Greece · non-state-purchases: Substantial → Implemented, note changed)")
            && offered.ends_with("Redo it (a new commit)?"),
        "{offered}"
    );

    // Redo writes the edit again, as one more commit.
    let effects = keys(&mut state, &[Key::char('y')]);
    run(&mut state, effects);
    let redone = tip(&repo);
    assert_eq!(redone.parent_id(0).ok(), Some(undo.id()));
    assert!(
        redone.message().unwrap_or_default().starts_with(
            "Redo: Greece · non-state-purchases: Substantial → Implemented, note changed"
        ),
        "{:?}",
        redone.message()
    );
    let again = state.data().and_then(|b| {
        b.dataset
            .actor("greece")?
            .commitment("non-state-purchases")
            .cloned()
    });
    assert_eq!(again.map(|c| c.status), Some(Status::Implemented));

    // Undo again, and this time decline the redo: the undo stands.
    let effects = keys(&mut state, &[Key::char('u')]);
    run(&mut state, effects);
    assert!(
        question(&state).contains("Redo: Greece"),
        "{}",
        question(&state)
    );
    let effects = keys(&mut state, &[Key::char('y')]);
    run(&mut state, effects);
    assert!(question(&state).starts_with("Undone with commit"));
    let effects = keys(&mut state, &[Key::plain(KeyCode::Esc)]);
    run(&mut state, effects);
    assert!(state.modal.is_none(), "{:?}", state.modal);
    assert_eq!(
        state.message.as_deref(),
        Some("Not redone; the undo stands")
    );
    let back = state.data().and_then(|b| {
        b.dataset
            .actor("greece")?
            .commitment("non-state-purchases")
            .cloned()
    });
    assert_eq!(back.map(|c| c.status), Some(Status::Substantial));

    // Bob commits another actor from his own shell; Ada's next save lands on
    // top of his, and her screen shows both.
    let bob = Identity::parse("Bob Chen <bob@example.org>").expect("valid");
    let location = DatasetLocation {
        repo_root: repo_dir.clone(),
        dataset_dir: repo_dir.clone(),
    };
    let france = reconvene::store::edit::load_actor(&location, "france").expect("France");
    let base = france.actor.commitment("blacklist").cloned();
    let mut bobs = base.clone().unwrap_or_default();
    bobs.note = "Bob's note.".into();
    let bobs_edit = reconvene::store::edit::Edit {
        actor: "france".into(),
        recommendation: "blacklist".into(),
        base,
        new: bobs,
        message: String::new(),
        loaded_from: None,
    };
    reconvene::store::edit::save(&location, &bob, &bobs_edit).expect("Bob's save");
    let effects = update(&mut state, Action::Edit);
    run(&mut state, effects);
    let mut effects = keys(&mut state, &[RIGHT]);
    effects.extend(keys(&mut state, &[Key::ctrl('s')]));
    run(&mut state, effects);
    let said = state.message.clone().unwrap_or_default();
    assert!(
        said.contains("on top of a newer commit by someone else"),
        "{said}"
    );
    let france_now = state
        .data()
        .and_then(|b| b.dataset.actor("france")?.commitment("blacklist").cloned());
    assert_eq!(france_now.map(|c| c.note), Some("Bob's note.".to_string()));
    let on_disk = reconvene::store::load_dataset(&repo_dir).expect("a valid dataset");
    assert_eq!(state.data().map(|b| &b.dataset), Some(&on_disk));
}
