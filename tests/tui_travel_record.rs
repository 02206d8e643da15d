//! The second clock through the runner's own reader of the record: a real
//! repository made by `reconvene init` and an edit as Ada, the dataset as
//! recorded at a commit and the record's activity read on the time
//! machine's thread, and what the screen then shows.

mod cli_support;
mod common;

use std::sync::Mutex;
use std::sync::mpsc;
use std::time::Duration;

use cli_support::Sandbox;
use common::{day, press, screen, show, type_in};
use reconvene::app::travel::Arrival;
use reconvene::app::{Action, Effect, KeyMap, State};
use reconvene::model::Status;
use reconvene::store::{DatasetLocation, load_dataset};
use reconvene::tui::travel::{TimeMachine, submit};
use reconvene::tui::worker::Worker;

/// Runs the effects on the time machine and feeds its answers to `update`
/// until `done` says the last one came.
fn run(
    state: &mut State,
    effects: Vec<Effect>,
    machine: &Worker<TimeMachine>,
    answers: &mpsc::Receiver<Action>,
    done: impl Fn(&Action) -> bool,
) {
    for effect in effects {
        match effect {
            Effect::Travel(job) => assert!(submit(machine, job)),
            other => panic!("unexpected effect {other:?}"),
        }
    }
    loop {
        let action = answers
            .recv_timeout(Duration::from_secs(60))
            .expect("the time machine answers");
        let last = done(&action);
        reconvene::app::update(state, action);
        if last {
            return;
        }
    }
}

fn finished(action: &Action) -> bool {
    matches!(action, Action::Travelled(arrival) if !matches!(**arrival, Arrival::Reading(_)))
}

#[test]
fn a_commit_and_the_records_activity_are_read_off_the_screens_thread() {
    let sandbox = Sandbox::new();
    let repo = sandbox.init("group");
    let set = sandbox.set_as_ada(
        &repo,
        &[
            "romania",
            "blacklist",
            "Initiated",
            "--evidence-title",
            "Draft law on spyware vendors",
            "--evidence-source",
            "Government of Romania",
            "--evidence-date",
            "2026-10-01",
            "--evidence-supports",
            "Initiated",
        ],
    );
    assert_eq!(set.code, 0, "{}", set.stderr);
    let location = DatasetLocation::find(&repo).expect("a dataset");
    let (send, answers) = mpsc::channel();
    let send = Mutex::new(send);
    let machine = TimeMachine::spawn(location, move |action| {
        let _ = send.lock().map(|s| s.send(action));
    });
    let mut state = State::new(load_dataset(&repo), day("2026-12-01"), KeyMap::default());
    state.color = false;
    let romania = |state: &State| {
        state
            .data()
            .and_then(|b| b.dataset.actor("romania"))
            .map(|a| a.status_on("blacklist"))
    };
    assert_eq!(romania(&state), Some(Status::Initiated));

    // The record before Ada's edit.
    press(&mut state, &["T", "tab"]);
    type_in(&mut state, "HEAD~1");
    let effects = press(&mut state, &["enter"]);
    run(&mut state, effects, &machine, &answers, finished);
    let first = git2::Repository::open(&repo)
        .and_then(|r| r.revparse_single("HEAD~1").map(|o| o.id().to_string()))
        .expect("HEAD~1");
    let lines = screen(&state, 80, 24);
    assert_eq!(
        lines[1],
        format!(
            "Past view: as recorded at {} (HEAD~1) · read-only · esc returns to today",
            &first[..7]
        ),
        "{}",
        show(&lines)
    );
    assert_eq!(romania(&state), Some(Status::NoEvidence));

    // A revision that names nothing is said so, and the past stays.
    press(&mut state, &["T", "tab"]);
    type_in(&mut state, "no-such-rev");
    let effects = press(&mut state, &["enter"]);
    run(&mut state, effects, &machine, &answers, finished);
    assert!(
        state.message.as_deref().is_some_and(|m| m.starts_with(
            "Could not read the record: `no-such-rev` is neither a date (YYYY-MM-DD) nor a commit"
        )),
        "{:?}",
        state.message
    );
    assert!(state.in_the_past());
    press(&mut state, &["esc", "esc"]);
    assert!(!state.in_the_past());
    assert_eq!(romania(&state), Some(Status::Initiated));

    // The record's activity: the import and Ada's edit.
    let effects = press(&mut state, &["p"]);
    run(&mut state, effects, &machine, &answers, finished);
    press(&mut state, &["p"]);
    let lines = screen(&state, 80, 24);
    assert!(lines[1].starts_with("2 commits in "), "{}", show(&lines));
    let legend = lines.iter().find(|l| l.starts_with("━ "));
    assert!(
        legend.is_some_and(|l| l.contains("━ Ada Lovelace 1") && l.contains("━ reconvene 1")),
        "{}",
        show(&lines)
    );
}
