//! Lines longer than the screen in the history's change list and in the
//! raw diff: `l`/`→` scroll them sideways so they can be read to the end,
//! `h`/`←` back. Keys through `update`, screens on a TestBackend.

mod common;

use chrono::DateTime;
use common::*;
use reconvene::app::history::{DiffRead, HistoryBatch, Part};
use reconvene::app::{self, Action, Effect, State, View};
use reconvene::model::{CommitId, Field, FieldChange, RecordedCommit};

const TITLE: &str = "Joint statement of the governments on the misuse of commercial \
                     spyware and the steps each will take against it, with annexes END";

fn commit() -> RecordedCommit {
    RecordedCommit {
        id: CommitId::new(&"cd".repeat(20)).unwrap(),
        time: DateTime::parse_from_rfc3339("2024-03-05T12:00:00+00:00").unwrap(),
        author_name: "Ada Lovelace".into(),
        author_email: "ada@example.org".into(),
        subject: "Cite the joint statement".into(),
        parents: 1,
        changes: vec![FieldChange {
            actor: "france".into(),
            actor_name: "France".into(),
            recommendation: Some("blacklist".into()),
            field: Field::Evidence,
            old: None,
            new: Some(format!("\"{TITLE}\" (2024-03-05)")),
        }],
        problems: Vec::new(),
    }
}

fn with_history() -> State {
    let mut state = state();
    press(&mut state, &["H"]);
    let batch = HistoryBatch {
        generation: 1,
        part: Part::First,
        commits: vec![commit()],
        read: 1,
        total: 1,
        done: true,
    };
    app::update(&mut state, Action::HistoryRead(Box::new(batch)));
    state
}

fn has(lines: &[String], text: &str) -> bool {
    lines.iter().any(|l| l.contains(text))
}

#[test]
fn a_long_change_scrolls_sideways_to_its_end_and_back() {
    let mut state = with_history();
    let lines = screen(&state, 80, 24);
    assert!(!has(&lines, "annexes END"), "{}", show(&lines));
    press(&mut state, &["enter"]);
    for _ in 0..10 {
        press(&mut state, &["l"]);
    }
    let lines = screen(&state, 80, 24);
    assert!(
        has(&lines, "annexes END\" (2024-03-05)"),
        "{}",
        show(&lines)
    );
    // No further than the end: the line's end stays on screen.
    let line = row_with(&lines, "annexes END");
    assert!(line.contains("…"), "{line}");
    for _ in 0..10 {
        press(&mut state, &["left"]);
    }
    let lines = screen(&state, 80, 24);
    row_with(
        &lines,
        "France · blacklist: evidence added: \"Joint statement",
    );
}

#[test]
fn the_raw_diff_scrolls_sideways_too() {
    let mut state = with_history();
    let effects = press(&mut state, &["d"]);
    let id = commit().id;
    assert_eq!(effects, vec![Effect::ReadDiff(id.clone())]);
    let patch = format!("+    title: \"{TITLE}\",\n");
    app::update(
        &mut state,
        Action::DiffRead(Box::new(DiffRead {
            commit: id,
            text: Ok(patch),
        })),
    );
    assert_eq!(state.view, View::Diff);
    let lines = screen(&state, 80, 24);
    assert!(!has(&lines, "annexes END"), "{}", show(&lines));
    row_with(&lines, "sideways");
    press(
        &mut state,
        &["right", "right", "right", "right", "right", "right"],
    );
    let lines = screen(&state, 80, 24);
    assert!(has(&lines, "annexes END\","), "{}", show(&lines));
}
