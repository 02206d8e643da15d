//! The edit form on its own: keys in, the edit and the outcome out.

use super::*;
use crate::app::input::{Key, KeyCode, through};
use crate::model::{ActorKind, Stakeholder};

fn fixture() -> (Actor, Recommendation) {
    let mut actor = Actor {
        id: "greece".into(),
        name: "Greece".into(),
        aliases: Vec::new(),
        kind: ActorKind::Government,
        country: Some("Greece".into()),
        role: None,
        commitments: Default::default(),
    };
    actor.commitments.insert(
        "blacklist".into(),
        Commitment {
            status: Status::Initiated,
            note: "Law passed.".into(),
            ..Default::default()
        },
    );
    let rec = Recommendation {
        id: "blacklist".into(),
        title: "Blacklist violators".into(),
        summary: String::new(),
        addressed_to: vec![Stakeholder::Governments],
        tracked: true,
    };
    (actor, rec)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
}

/// A key as the form receives it: through the conflict's bindings
/// while one is shown, else the form's.
fn key(form: &mut EditForm, key: Key) -> FormOutcome {
    form.handle(&through(form.mode(), key))
}

fn press(form: &mut EditForm, keys: &[Key]) -> FormOutcome {
    keys.iter()
        .map(|k| key(form, *k))
        .last()
        .unwrap_or(FormOutcome::Continue)
}

fn type_text(form: &mut EditForm, text: &str) {
    for c in text.chars() {
        key(form, Key::char(c));
    }
}

#[test]
fn picking_a_status_updates_the_default_message() {
    let (actor, rec) = fixture();
    let mut form = EditForm::open(&actor, &rec, today());
    assert_eq!(form.message_text(), "Greece · blacklist: reassessed");
    press(
        &mut form,
        &[Key::plain(KeyCode::Right), Key::plain(KeyCode::Right)],
    );
    assert_eq!(form.status, Status::Implemented);
    assert_eq!(
        form.message_text(),
        "Greece · blacklist: Initiated → Implemented"
    );
    assert_eq!(form.commitment().assessed, Some(Day(today())));
    assert_eq!(press(&mut form, &[Key::ctrl('s')]), FormOutcome::Save);
}

#[test]
fn adding_evidence_checks_it_and_says_so_in_the_message() {
    let (actor, rec) = fixture();
    let mut form = EditForm::open(&actor, &rec, today());
    press(
        &mut form,
        &[
            Key::plain(KeyCode::Tab),
            Key::plain(KeyCode::Tab),
            Key::char('a'),
        ],
    );
    type_text(&mut form, "Spyware law enforced");
    key(&mut form, Key::plain(KeyCode::Enter));
    assert_eq!(
        form.draft.as_ref().and_then(|d| d.error.clone()).as_deref(),
        Some("the evidence needs a source (who published it)")
    );
    press(&mut form, &[Key::plain(KeyCode::Tab)]);
    type_text(&mut form, "Hellenic Parliament");
    press(&mut form, &[Key::plain(KeyCode::Tab)]);
    type_text(&mut form, "2023-13");
    key(&mut form, Key::plain(KeyCode::Enter));
    assert!(form.draft.as_ref().is_some_and(|d| {
        d.error
            .as_deref()
            .is_some_and(|e| e.contains("no month 13"))
    }));
    press(&mut form, &[Key::plain(KeyCode::Backspace), Key::char('2')]);
    key(&mut form, Key::plain(KeyCode::Enter));
    assert!(form.draft.is_none());
    assert_eq!(form.evidence.len(), 1);
    assert_eq!(
        form.evidence[0].date.map(|d| d.to_string()).as_deref(),
        Some("2023-12")
    );
    assert_eq!(form.message_text(), "Greece · blacklist: evidence added");
    // And removed again.
    key(&mut form, Key::char('d'));
    assert!(form.evidence.is_empty());
}

#[test]
fn a_typed_message_is_kept_and_the_note_edits_across_lines() {
    let (actor, rec) = fixture();
    let mut form = EditForm::open(&actor, &rec, today());
    form.focus = Field::Note;
    key(&mut form, Key::plain(KeyCode::Enter));
    type_text(&mut form, "Enforced in 2024.");
    assert_eq!(form.commitment().note, "Law passed.\nEnforced in 2024.");
    form.focus = Field::Message;
    key(&mut form, Key::ctrl('u'));
    type_text(&mut form, "Record enforcement");
    form.focus = Field::Status;
    key(&mut form, Key::plain(KeyCode::Right));
    assert_eq!(form.message_text(), "Record enforcement");
}

#[test]
fn a_conflict_offers_keep_theirs_or_overwrite_on_top_of_theirs() {
    let (actor, rec) = fixture();
    let mut form = EditForm::open(&actor, &rec, today());
    key(&mut form, Key::plain(KeyCode::Right));
    assert_eq!(key(&mut form, Key::ctrl('s')), FormOutcome::Save);
    assert_eq!(
        key(&mut form, Key::plain(KeyCode::Right)),
        FormOutcome::Continue,
        "keys wait while saving"
    );
    let theirs = Commitment {
        status: Status::Implemented,
        ..Default::default()
    };
    form.show_conflict(Some(theirs.clone()));
    assert_eq!(key(&mut form, Key::char('x')), FormOutcome::Continue);
    assert_eq!(key(&mut form, Key::char('o')), FormOutcome::Save);
    assert_eq!(
        form.base,
        Some(theirs.clone()),
        "the next save is based on their version"
    );
    assert_eq!(form.status, Status::Substantial, "ours is what gets saved");
    assert_eq!(
        form.message_text(),
        "Greece · blacklist: Implemented → Substantial, note changed"
    );
    form.show_conflict(Some(theirs));
    assert_eq!(key(&mut form, Key::char('k')), FormOutcome::KeepTheirs);
}

#[test]
fn escape_on_a_changed_form_asks_before_discarding() {
    let (actor, rec) = fixture();
    let mut form = EditForm::open(&actor, &rec, today());
    assert_eq!(
        key(&mut form, Key::plain(KeyCode::Esc)),
        FormOutcome::Cancel,
        "unchanged: leaves at once"
    );
    key(&mut form, Key::plain(KeyCode::Right));
    assert_eq!(
        key(&mut form, Key::plain(KeyCode::Esc)),
        FormOutcome::Continue
    );
    assert!(form.confirm_discard);
    assert_eq!(
        key(&mut form, Key::plain(KeyCode::Esc)),
        FormOutcome::Cancel
    );
}

#[test]
fn new_evidence_supports_the_status_being_recorded_unless_another_is_chosen() {
    let (actor, rec) = fixture();
    let mut form = EditForm::open(&actor, &rec, today());
    let tab = Key::plain(KeyCode::Tab);
    press(&mut form, &[tab, tab, Key::char('a')]);
    type_text(&mut form, "Spyware law");
    press(&mut form, &[tab]);
    type_text(&mut form, "Hellenic Parliament");
    assert_eq!(
        form.draft.as_ref().map(|d| d.supports),
        Some(Status::Initiated)
    );
    // Title, source, date, URL, provenance, then the grade it supports.
    press(&mut form, &[tab, tab, tab, tab, Key::plain(KeyCode::Right)]);
    assert_eq!(form.draft.as_ref().map(|d| d.focus), Some(5));
    assert_eq!(
        form.draft.as_ref().map(|d| d.supports),
        Some(Status::Substantial)
    );
    press(&mut form, &[Key::plain(KeyCode::Enter)]);
    assert_eq!(
        form.evidence.first().map(|e| e.supports),
        Some(Status::Substantial)
    );
    // Changing it again starts from what it supports, not from the status.
    press(&mut form, &[Key::plain(KeyCode::Enter)]);
    assert_eq!(
        form.draft.as_ref().map(|d| d.supports),
        Some(Status::Substantial)
    );
}
