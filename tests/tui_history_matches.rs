//! A history filter on a commit that changed many actors (an import): the
//! row, the change list and the keys put what the filter matched first and
//! say how many other changes there are. Keys through `update`, screens on
//! a TestBackend.

mod common;

use chrono::DateTime;
use common::*;
use reconvene::app::history::{HistoryBatch, Part};
use reconvene::app::{self, Action, Effect, State, View};
use reconvene::model::{CommitId, Field, FieldChange, RecordedCommit};

fn new_actor(id: &str, name: &str) -> FieldChange {
    FieldChange {
        actor: id.into(),
        actor_name: name.into(),
        recommendation: None,
        field: Field::Actor,
        old: None,
        new: Some(name.into()),
    }
}

fn recorded_status(id: &str, name: &str, rec: &str, status: &str) -> FieldChange {
    FieldChange {
        actor: id.into(),
        actor_name: name.into(),
        recommendation: Some(rec.into()),
        field: Field::Commitment,
        old: None,
        new: Some(status.into()),
    }
}

/// One import of five actors, France's two lines among the others.
fn import() -> RecordedCommit {
    RecordedCommit {
        id: CommitId::new(&"ab".repeat(20)).unwrap(),
        time: DateTime::parse_from_rfc3339("2024-01-10T12:00:00+00:00").unwrap(),
        author_name: "Ada Lovelace".into(),
        author_email: "ada@example.org".into(),
        subject: "Import".into(),
        parents: 1,
        changes: vec![
            new_actor("african-union", "African Union"),
            new_actor("austria", "Austria"),
            new_actor("france", "France"),
            recorded_status("france", "France", "blacklist", "Endorsed"),
            new_actor("germany", "Germany"),
            new_actor("united-states", "United States"),
        ],
        problems: Vec::new(),
    }
}

fn with_import() -> State {
    let mut state = state();
    let effects = press(&mut state, &["H"]);
    assert!(matches!(
        effects.first(),
        Some(Effect::ReadHistory { generation: 1, .. })
    ));
    let batch = HistoryBatch {
        generation: 1,
        part: Part::First,
        commits: vec![import()],
        read: 1,
        total: 1,
        done: true,
    };
    app::update(&mut state, Action::HistoryRead(Box::new(batch)));
    state
}

#[test]
fn the_row_and_the_changes_show_what_the_filter_matched_first() {
    let mut state = with_import();
    let lines = screen(&state, 80, 24);
    row_with(&lines, "African Union: new actor (+5 more)");

    press(&mut state, &["f"]);
    type_in(&mut state, "actor:france");
    press(&mut state, &["enter"]);
    let lines = screen(&state, 80, 24);
    row_with(&lines, "France: new actor (+1 more; 4 other changes)");
    let said = row_with(&lines, "changes match the filter");
    assert!(said.contains("2 of 6 changes match"), "{said}");
    let france = lines.iter().position(|l| l.contains("France: new actor"));
    let others = lines
        .iter()
        .position(|l| l.contains("African Union: new actor"));
    let blacklist = lines
        .iter()
        .position(|l| l.contains("France · blacklist: recorded as Endorsed"));
    assert!(
        france < blacklist && blacklist < others,
        "France's lines first:\n{}",
        show(&lines)
    );

    // The keys follow the order shown: the second change listed opens
    // France's blacklist commitment.
    press(&mut state, &["enter", "j", "enter"]);
    assert!(
        matches!(state.view, View::Actor(_)),
        "{:?}\n{}",
        state.view,
        show(&screen(&state, 80, 24))
    );
    let lines = screen(&state, 80, 24);
    row_with(&lines, "France");
}

#[test]
fn with_no_filter_the_commit_reads_as_before() {
    let mut state = with_import();
    press(&mut state, &["f"]);
    type_in(&mut state, "actor:france");
    press(&mut state, &["enter", "f", "ctrl-u", "enter"]);
    let lines = screen(&state, 80, 24);
    row_with(&lines, "African Union: new actor (+5 more)");
    assert!(!lines.iter().any(|l| l.contains("match the filter")));
}
