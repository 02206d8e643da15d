//! Shared by the key tests: a state with a coordinator named, what `e`
//! would edit, the open question, and an edit of Ada's for undo to name.
#![allow(dead_code)]

use crate::common::*;
use reconvene::app::State;
use reconvene::app::editing::Modal;
use reconvene::model::{CommitId, Commitment, Identity, LastEdit, Status};

pub fn ada() -> Identity {
    Identity::parse("Ada Lovelace <ada@example.org>").expect("a valid identity")
}

pub fn editing_state() -> State {
    let mut state = state();
    state.set_author(ada());
    state
}

pub fn name_of(state: &State, index: usize) -> String {
    state.data().expect("loaded").dataset.actors[index]
        .name
        .clone()
}

/// The (actor id, recommendation id) `e` would edit now.
pub fn target(state: &State) -> Option<(String, String)> {
    let (actor, rec) = state.selected_commitment()?;
    let dataset = &state.data()?.dataset;
    Some((
        dataset.actors[actor].id.clone(),
        dataset.recommendations[rec].id.clone(),
    ))
}

pub fn question(state: &State) -> String {
    match &state.modal {
        Some(Modal::Ask(question)) => question.text.clone(),
        other => panic!("expected a question, got {other:?}"),
    }
}

/// Ada's edit of 2024-12-11 16:02: United States · blacklist.
pub fn last_edit(day_of: &str) -> LastEdit {
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
