//! The runner's plumbing on real repositories: effects carried out off the
//! screen's thread, their results arriving as actions through `update`, and
//! the dashboard following commits made elsewhere.

mod common;
mod edit_support;

use std::sync::Mutex;
use std::sync::mpsc;
use std::time::Duration;

use common::{day, screen, show};
use edit_support::{alice, bob, edit, fixture, git};
use reconvene::app::editing::Modal;
use reconvene::app::input::{Key, KeyCode};
use reconvene::app::{Action, Cause, Effect, KeyMap, Reloaded, State, View, Wrote, update};
use reconvene::model::{Arrival, Status};
use reconvene::store::DatasetLocation;
use reconvene::store::edit::save;
use reconvene::store::live::{TipFiles, arrivals, tip};
use reconvene::store::lock::DatasetLock;
use reconvene::tui::effects::Session;
use reconvene::tui::worker::Worker;

fn open(location: &DatasetLocation) -> (Session, State) {
    let mut session = Session::new(location.clone());
    let mut state = State::new(session.load(), day("2026-11-22"), KeyMap::default());
    state.color = false;
    state.set_author(alice());
    (session, state)
}

/// Selects `actor`'s commitment to `rec` on the dashboard.
fn select(state: &mut State, actor: &str, rec: &str) {
    let board = state.data().expect("a dataset");
    let index = board.dataset.actors.iter().position(|a| a.id == actor);
    let row = index.and_then(|i| board.actor_rows.get(i).copied());
    let column = board
        .dataset
        .recommendations
        .iter()
        .position(|r| r.id == rec);
    state.dashboard.selected = row.expect("the actor is on the dashboard");
    state.column = column.expect("the recommendation");
}

fn status_of(state: &State, actor: &str, rec: &str) -> Option<Status> {
    let board = state.data()?;
    Some(board.dataset.actor(actor)?.commitment(rec)?.status)
}

fn the_save(effects: Vec<Effect>) -> Effect {
    let save = effects.into_iter().rfind(|e| matches!(e, Effect::Save(_)));
    save.expect("Ctrl-S asks for a save")
}

#[test]
fn a_save_runs_on_the_worker_while_the_screen_says_saving_and_its_result_arrives_as_an_action() {
    let (_dir, location) = fixture();
    let (session, mut state) = open(&location);
    select(&mut state, "france", "oversight");
    assert!(update(&mut state, Action::Edit).is_empty());
    update(&mut state, Action::Key(Key::plain(KeyCode::Right)));
    let save = the_save(update(&mut state, Action::Key(Key::ctrl('s'))));

    // Another save holds the dataset: this one has to wait for it.
    let repo = git2::Repository::open(&location.repo_root).expect("the repository");
    let held = DatasetLock::acquire(repo.commondir(), Duration::ZERO).expect("the lock");
    let (sender, results) = mpsc::channel();
    let sender = Mutex::new(sender);
    let worker = Worker::spawn(session, move |action| {
        let _ = sender.lock().map(|s| s.send(action));
    });
    let author = state.author.clone();
    assert!(worker.submit(Box::new(move |session, _| {
        session.perform(save, author.as_ref())
    })));

    assert!(
        results.recv_timeout(Duration::from_millis(300)).is_err(),
        "nothing is reported while the save waits"
    );
    let lines = screen(&state, 80, 24);
    assert!(
        lines.last().is_some_and(|l| l.starts_with("Saving…")),
        "{}",
        show(&lines)
    );
    // The screen still answers: a resize lays it out again, and a key typed
    // into the saving form is not taken as an edit.
    update(&mut state, Action::Resize(60, 20));
    assert_eq!(state.size, (60, 20));
    assert!(update(&mut state, Action::Key(Key::char('x'))).is_empty());
    let lines = screen(&state, 60, 20);
    assert!(
        lines.last().is_some_and(|l| l.starts_with("Saving…")),
        "{}",
        show(&lines)
    );

    drop(held);
    let result = results
        .recv_timeout(Duration::from_secs(10))
        .expect("the save's result arrives");
    let Action::Saved(saved) = &result else {
        panic!("a save reports Saved, not {result:?}")
    };
    assert_eq!(saved.wrote, Wrote::Commitment);
    assert!(saved.summary.starts_with("Saved "), "{}", saved.summary);

    assert_eq!(
        status_of(&state, "france", "oversight"),
        Some(Status::Endorsed)
    );
    let effects = update(&mut state, result);
    assert_eq!(effects, vec![Effect::DiscardDraft]);
    assert!(state.modal.is_none(), "the form closed");
    assert_eq!(
        status_of(&state, "france", "oversight"),
        Some(Status::Initiated)
    );
    let lines = screen(&state, 60, 20);
    assert!(
        lines.last().is_some_and(|l| l.starts_with("Saved ")),
        "{}",
        show(&lines)
    );
    worker.finish();
    let head = repo.head().and_then(|h| h.peel_to_commit()).expect("a tip");
    assert_eq!(head.author().name().ok(), Some("Alice Coordinator"));
}

#[test]
fn news_of_a_commit_too_long_for_the_status_line_never_takes_the_keys_typed_into_the_form() {
    let (_dir, location) = fixture();
    let (mut session, mut state) = open(&location);
    // Narrow, so "updated: Bob Reviewer changed France · oversight" cannot
    // read whole in the status line.
    update(&mut state, Action::Resize(30, 12));
    select(&mut state, "france", "oversight");
    update(&mut state, Action::Open);
    update(&mut state, Action::Edit);
    update(&mut state, Action::Key(Key::plain(KeyCode::Tab)));
    for c in "abc".chars() {
        update(&mut state, Action::Key(Key::char(c)));
    }
    let bobs = edit(&location, "france", "oversight", |c| {
        c.status = Status::Initiated
    });
    save(&location, &bob(), &bobs).expect("Bob's save");
    let followed = session.perform(Effect::FollowTip, state.author.as_ref());
    assert!(matches!(&followed, Some(Action::Loaded(_))), "{followed:?}");
    update(&mut state, followed.expect("an action"));
    assert!(
        state.panel.is_none(),
        "no panel stands in front of the form"
    );
    assert_eq!(
        state.message.as_deref(),
        Some("updated: Bob Reviewer changed France · oversight"),
        "said in the status line (cut to fit there) and kept in the log"
    );
    for c in "xyz".chars() {
        update(&mut state, Action::Key(Key::char(c)));
    }
    let Some(Modal::Edit(form)) = &state.modal else {
        panic!("the form stays open")
    };
    assert!(form.note.text().contains("abcxyz"), "{}", form.note.text());
}

#[test]
fn a_commit_made_elsewhere_is_followed_keeping_the_open_view_and_form_and_naming_who_changed_what()
{
    let (_dir, location) = fixture();
    let (mut session, mut state) = open(&location);
    select(&mut state, "france", "oversight");
    update(&mut state, Action::Open);
    let france = state
        .data()
        .and_then(|b| b.dataset.actors.iter().position(|a| a.id == "france"))
        .expect("France");
    assert_eq!(state.view, View::Actor(france));
    update(&mut state, Action::Edit);
    update(&mut state, Action::Key(Key::plain(KeyCode::Tab)));
    for c in "Seen at the Forum".chars() {
        update(&mut state, Action::Key(Key::char(c)));
    }
    // Nothing moved yet: following the tip reads nothing.
    assert_eq!(
        session.perform(Effect::FollowTip, state.author.as_ref()),
        None
    );

    // Bob sets France's oversight commitment from his own shell.
    let bobs = edit(&location, "france", "oversight", |c| {
        c.status = Status::Initiated
    });
    save(&location, &bob(), &bobs).expect("Bob's save");
    let followed = session.perform(Effect::FollowTip, state.author.as_ref());
    let Some(Action::Loaded(reloaded)) = &followed else {
        panic!("the new tip is loaded: {followed:?}")
    };
    assert_eq!(
        reloaded.cause,
        Cause::Arrived(vec![Arrival {
            author: "Bob Reviewer".into(),
            actor: Some("france".into()),
            recommendation: Some("oversight".into()),
        }])
    );
    assert!(update(&mut state, followed.expect("an action")).is_empty());
    assert_eq!(
        status_of(&state, "france", "oversight"),
        Some(Status::Initiated)
    );
    assert_eq!(state.view, View::Actor(france), "the place is kept");
    let Some(Modal::Edit(form)) = &state.modal else {
        panic!("the form stays open")
    };
    assert!(
        form.note.text().contains("Seen at the Forum"),
        "{}",
        form.note.text()
    );
    assert_eq!(
        state.message.as_deref(),
        Some("updated: Bob Reviewer changed France · oversight")
    );

    // Saving the form now shows Bob's change instead of overwriting it.
    let save = the_save(update(&mut state, Action::Key(Key::ctrl('s'))));
    let refused = session.perform(save, state.author.as_ref());
    assert!(
        matches!(&refused, Some(Action::SaveConflicted { theirs: Some(theirs), .. }) if theirs.status == Status::Initiated),
        "{refused:?}"
    );
    update(&mut state, refused.expect("an action"));
    let lines = show(&screen(&state, 80, 24));
    assert!(
        lines.contains("Someone else changed this commitment"),
        "{lines}"
    );

    // Overwriting knowingly lands; this session's own commit is not news.
    let save = the_save(update(&mut state, Action::Key(Key::char('o'))));
    let saved = session.perform(save, state.author.as_ref());
    assert!(matches!(&saved, Some(Action::Saved(_))), "{saved:?}");
    update(&mut state, saved.expect("an action"));
    assert_eq!(
        session.perform(Effect::FollowTip, state.author.as_ref()),
        None
    );
}

#[test]
fn the_tip_files_change_with_every_commit_and_with_packing_and_stay_still_otherwise() {
    let (_dir, location) = fixture();
    let files = TipFiles::of(&location).expect("a repository");
    let before = files.stamp();
    assert_eq!(files.stamp(), before, "nothing moved, nothing differs");
    assert!(
        files.files().iter().any(|f| f.ends_with("refs/heads/main")),
        "{:?}",
        files.files()
    );

    save(
        &location,
        &bob(),
        &edit(&location, "france", "oversight", |c| {
            c.status = Status::Initiated
        }),
    )
    .expect("Bob's save");
    let after_save = files.stamp();
    assert_ne!(after_save, before);

    git(&location.repo_root, &["pack-refs", "--all"]);
    let packed = files.stamp();
    assert_ne!(packed, after_save, "a ref packed away is seen too");

    save(
        &location,
        &alice(),
        &edit(&location, "united-kingdom", "blacklist", |c| {
            c.note = "In force.".into()
        }),
    )
    .expect("Alice's save");
    assert_ne!(files.stamp(), packed);
}

#[test]
fn arrivals_name_each_commit_s_author_and_commitment_oldest_first() {
    let (_dir, location) = fixture();
    let start = tip(&location).expect("a tip");
    save(
        &location,
        &bob(),
        &edit(&location, "france", "oversight", |c| {
            c.status = Status::Initiated
        }),
    )
    .expect("Bob's save");
    save(
        &location,
        &alice(),
        &edit(&location, "united-states", "blacklist", |c| {
            c.note = "Listed.".into()
        }),
    )
    .expect("Alice's save");
    // A commit from a shell carries no trailers.
    git(
        &location.repo_root,
        &["commit", "--allow-empty", "-q", "-m", "Tidy"],
    );
    let now = tip(&location).expect("a tip");
    let found = arrivals(&location, Some(&start), &now).expect("the commits");
    let named: Vec<(&str, Option<&str>, Option<&str>)> = found
        .iter()
        .map(|a| {
            (
                a.author.as_str(),
                a.actor.as_deref(),
                a.recommendation.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        named,
        vec![
            ("Bob Reviewer", Some("france"), Some("oversight")),
            (
                "Alice Coordinator",
                Some("united-states"),
                Some("blacklist")
            ),
            ("Carol Shell", None, None),
        ]
    );
    assert_eq!(
        reconvene::app::outcome::describe_arrivals(&found, None).as_deref(),
        Some(
            "updated: Carol Shell committed; Alice Coordinator changed united-states · blacklist and 1 more"
        )
    );
}

#[test]
fn results_change_the_screen_only_through_update_and_never_dismiss_a_message() {
    let mut state = common::state();
    state.dirty = false;
    assert_eq!(
        update(&mut state, Action::TipMoved),
        vec![Effect::FollowTip]
    );
    assert!(
        !state.dirty,
        "a moved tip draws nothing until its load arrives"
    );

    update(&mut state, Action::Notice("Could not keep a draft".into()));
    assert!(state.dirty);
    let quiet = Reloaded {
        loaded: Ok(common::dataset()),
        cause: Cause::Arrived(Vec::new()),
    };
    update(&mut state, Action::Loaded(Box::new(quiet)));
    assert_eq!(
        state.message.as_deref(),
        Some("Could not keep a draft"),
        "finished work leaves the message for the user to read"
    );
    update(&mut state, Action::Down);
    assert_eq!(state.message, None, "a key dismisses it");

    update(&mut state, Action::Reload);
    assert_eq!(state.message.as_deref(), Some("Reloading…"));
    let asked = Reloaded {
        loaded: Ok(common::dataset()),
        cause: Cause::Asked,
    };
    update(&mut state, Action::Loaded(Box::new(asked)));
    assert_eq!(state.message.as_deref(), Some("Reloaded"));

    state.set_author(alice());
    update(&mut state, Action::Edit);
    update(&mut state, Action::Key(Key::ctrl('s')));
    // Nothing was changed: saving records a reassessment, once asked.
    update(&mut state, Action::Key(Key::char('y')));
    update(
        &mut state,
        Action::SaveFailed("another save held the dataset for 5 s".into()),
    );
    let lines = screen(&state, 80, 24);
    assert!(
        show(&lines).contains("Not saved: another save held the dataset for 5 s"),
        "{}",
        show(&lines)
    );
}

#[test]
fn a_kept_draft_found_after_naming_the_author_comes_first_unless_typing_began() {
    let (_dir, location) = fixture();
    let (_session, mut state) = open(&location);
    select(&mut state, "france", "oversight");
    let draft = edit(&location, "united-states", "blacklist", |c| {
        c.note = "Half-typed".into()
    });
    update(&mut state, Action::Edit);
    update(&mut state, Action::DraftFound(Box::new(draft.clone())));
    assert!(
        matches!(&state.modal, Some(Modal::Draft(kept)) if **kept == draft),
        "offered over the form nobody typed in yet"
    );

    let (_session, mut state) = open(&location);
    select(&mut state, "france", "oversight");
    update(&mut state, Action::Edit);
    update(&mut state, Action::Key(Key::plain(KeyCode::Right)));
    update(&mut state, Action::DraftFound(Box::new(draft)));
    assert!(
        matches!(&state.modal, Some(Modal::Edit(form)) if form.is_changed()),
        "the form being typed in stays"
    );
    assert_eq!(
        state.message.as_deref(),
        Some(
            "The unsaved edit of united-states · blacklist kept from an earlier session gave way to this one"
        )
    );
}
