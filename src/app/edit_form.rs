//! The edit form for one commitment: a status picker, the note, the
//! evidence list, and the commit message (pre-filled from the change).
//!
//! Pure state: keys come in, an outcome goes out; saving is the runner's job.

use chrono::NaiveDate;

use super::input::{Key, KeyCode};
use super::text::TextInput;
use crate::model::Edit;
use crate::model::{
    Actor, Commitment, Day, Evidence, PartialDate, Provenance, Recommendation, Status,
    describe_change,
};

/// The parts of the form, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The status picker.
    Status,
    /// The multi-line note.
    Note,
    /// The evidence list.
    Evidence,
    /// The commit message.
    Message,
}

const FIELDS: [Field; 4] = [Field::Status, Field::Note, Field::Evidence, Field::Message];

/// One piece of evidence being added or changed.
#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceDraft {
    /// Which item it replaces; `None` adds a new one.
    pub replaces: Option<usize>,
    /// Title, source, date, URL, in that order (the sub-fields).
    pub inputs: [TextInput; 4],
    /// Published by the actor itself.
    pub self_reported: bool,
    /// The focused sub-field: 0–3 the inputs, 4 the provenance toggle.
    pub focus: usize,
    /// Why the last confirm was refused.
    pub error: Option<String>,
}

/// Labels of the evidence draft's sub-fields.
pub const EVIDENCE_LABELS: [&str; 5] = ["Title", "Source", "Date", "URL", "Provenance"];

impl EvidenceDraft {
    fn new(replaces: Option<usize>, evidence: Option<&Evidence>) -> EvidenceDraft {
        let text = |f: fn(&Evidence) -> String| {
            TextInput::single_line(&evidence.map(f).unwrap_or_default())
        };
        EvidenceDraft {
            replaces,
            inputs: [
                text(|e| e.title.clone()),
                text(|e| e.source.clone()),
                text(|e| e.date.map(|d| d.to_string()).unwrap_or_default()),
                text(|e| e.url.clone().unwrap_or_default()),
            ],
            self_reported: evidence.is_some_and(|e| e.provenance == Provenance::SelfReported),
            focus: 0,
            error: None,
        }
    }

    /// The evidence, or why it cannot be one yet.
    fn evidence(&self) -> Result<Evidence, String> {
        let [title, source, date, url] =
            self.inputs.each_ref().map(|i| i.text().trim().to_string());
        if title.is_empty() {
            return Err("the evidence needs a title".into());
        }
        if source.is_empty() {
            return Err("the evidence needs a source (who published it)".into());
        }
        let date = if date.is_empty() {
            None
        } else {
            Some(PartialDate::parse(&date)?)
        };
        Ok(Evidence {
            title,
            source,
            date,
            url: (!url.is_empty()).then_some(url),
            provenance: if self.self_reported {
                Provenance::SelfReported
            } else {
                Provenance::Independent
            },
        })
    }
}

/// What a key did to the form.
#[derive(Debug, Clone, PartialEq)]
pub enum FormOutcome {
    /// Keep editing.
    Continue,
    /// Leave without saving (nothing changes).
    Cancel,
    /// Save: the commitment and the commit message.
    Save,
    /// Hand the note to `$EDITOR`.
    EditNoteExternally,
    /// Someone else's version wins: leave the form and reload.
    KeepTheirs,
}

/// Another coordinator changed this commitment since the form was opened:
/// both versions, for the user to choose.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictChoice {
    /// Their version as now committed (`None`: they removed it).
    pub theirs: Option<Commitment>,
    /// Who committed it, and when, when history says.
    pub last_change: Option<crate::model::LastChange>,
}

/// The form's state.
#[derive(Debug, Clone, PartialEq)]
pub struct EditForm {
    /// The actor's id.
    pub actor: String,
    /// The actor's display name.
    pub actor_name: String,
    /// The recommendation's id.
    pub recommendation: String,
    /// The recommendation's title.
    pub recommendation_title: String,
    /// The commitment as loaded (`None`: none recorded yet).
    pub base: Option<Commitment>,
    /// The chosen status.
    pub status: Status,
    /// The note.
    pub note: TextInput,
    /// The evidence items, oldest first.
    pub evidence: Vec<Evidence>,
    /// The selected evidence item.
    pub selected_evidence: usize,
    /// An evidence item being added or changed.
    pub draft: Option<EvidenceDraft>,
    /// The commit message; follows the change until the user types in it.
    pub message: TextInput,
    message_typed: bool,
    /// The focused field.
    pub focus: Field,
    /// Esc was pressed once on a changed form: a second one discards.
    pub confirm_discard: bool,
    /// The day the assessment is dated (today).
    pub today: NaiveDate,
    /// A save was refused because someone else changed the commitment.
    pub conflict: Option<ConflictChoice>,
    /// Why the last save failed (shown until the next key).
    pub error: Option<String>,
    /// A save is under way: keys wait.
    pub saving: bool,
}

impl EditForm {
    /// Opens the form on `actor`'s commitment to `recommendation`.
    pub fn open(actor: &Actor, recommendation: &Recommendation, today: NaiveDate) -> EditForm {
        let base = actor.commitment(&recommendation.id).cloned();
        let current = base.clone().unwrap_or_default();
        let mut form = EditForm {
            actor: actor.id.clone(),
            actor_name: actor.name.clone(),
            recommendation: recommendation.id.clone(),
            recommendation_title: recommendation.title.clone(),
            base,
            status: current.status,
            note: TextInput::multi_line(&current.note),
            evidence: current.evidence,
            selected_evidence: 0,
            draft: None,
            message: TextInput::single_line(""),
            message_typed: false,
            focus: Field::Status,
            confirm_discard: false,
            today,
            conflict: None,
            error: None,
            saving: false,
        };
        form.refresh_message();
        form
    }

    /// The commitment as the form now has it.
    pub fn commitment(&self) -> Commitment {
        let base = self.base.clone().unwrap_or_default();
        let note = self.note.text().trim_end().to_string();
        let changed = self.base.is_none()
            || base.status != self.status
            || base.note != note
            || base.evidence != self.evidence;
        Commitment {
            status: self.status,
            evidence: self.evidence.clone(),
            note,
            assessed: if changed {
                Some(Day(self.today))
            } else {
                base.assessed
            },
        }
    }

    /// Whether anything differs from what was loaded.
    pub fn is_changed(&self) -> bool {
        self.base.as_ref() != Some(&self.commitment()) || self.message_typed
    }

    /// The commit message to save with.
    pub fn message_text(&self) -> String {
        self.message.text()
    }

    /// The edit to save (the runner adds the commit it loaded from).
    pub fn edit(&self) -> Edit {
        Edit {
            actor: self.actor.clone(),
            recommendation: self.recommendation.clone(),
            base: self.base.clone(),
            new: self.commitment(),
            message: self.message_text(),
            loaded_from: None,
        }
    }

    /// Puts back a draft kept from an interrupted session: its base too, so
    /// a change made by someone else since then is still caught as a conflict.
    pub fn restore(&mut self, draft: &Edit) {
        self.base = draft.base.clone();
        self.status = draft.new.status;
        self.note.set_text(&draft.new.note);
        self.evidence = draft.new.evidence.clone();
        self.message_typed = false;
        self.refresh_message();
        if !draft.message.is_empty() && draft.message != self.message_text() {
            self.message.set_text(&draft.message);
            self.message_typed = true;
        }
    }

    /// Replaces the note (from `$EDITOR`).
    pub fn set_note(&mut self, text: &str) {
        self.note.set_text(text.trim_end_matches('\n'));
        self.refresh_message();
    }

    /// The default message for the change so far.
    fn refresh_message(&mut self) {
        if !self.message_typed {
            let line = describe_change(
                &self.actor_name,
                &self.recommendation,
                self.base.as_ref(),
                &self.commitment(),
            );
            self.message.set_text(&line);
        }
    }

    /// A save was refused: someone else committed `theirs` meanwhile.
    pub fn show_conflict(&mut self, theirs: Option<Commitment>) {
        self.show_conflict_by(theirs, None);
    }

    /// A save was refused: `last_change` says who committed `theirs`, when.
    pub fn show_conflict_by(
        &mut self,
        theirs: Option<Commitment>,
        last_change: Option<crate::model::LastChange>,
    ) {
        self.saving = false;
        self.conflict = Some(ConflictChoice {
            theirs,
            last_change,
        });
    }

    /// A save failed for a reason the user must read (a lock, a dirty file).
    pub fn show_error(&mut self, reason: String) {
        self.saving = false;
        self.error = Some(reason);
    }

    /// Applies a key.
    pub fn handle(&mut self, key: Key) -> FormOutcome {
        if self.saving {
            return FormOutcome::Continue;
        }
        self.error = None;
        if let Some(conflict) = &self.conflict {
            return match key.code {
                KeyCode::Char('o') => {
                    // Overwrite: ours is saved on top of theirs, knowingly.
                    self.base = conflict.theirs.clone();
                    self.conflict = None;
                    self.saving = true;
                    // The commit now changes their version: say so.
                    self.refresh_message();
                    FormOutcome::Save
                }
                KeyCode::Char('k') => FormOutcome::KeepTheirs,
                KeyCode::Esc => {
                    self.conflict = None;
                    FormOutcome::Continue
                }
                _ => FormOutcome::Continue,
            };
        }
        let discard_armed = std::mem::take(&mut self.confirm_discard);
        if self.draft.is_some() {
            self.handle_draft(key);
            return FormOutcome::Continue;
        }
        match (key.code, key.ctrl) {
            (KeyCode::Char('s'), true) => {
                self.saving = true;
                return FormOutcome::Save;
            }
            (KeyCode::Esc, _) => {
                if !self.is_changed() || discard_armed {
                    return FormOutcome::Cancel;
                }
                self.confirm_discard = true;
                return FormOutcome::Continue;
            }
            (KeyCode::Tab, _) => self.focus = self.next_field(1),
            (KeyCode::BackTab, _) => self.focus = self.next_field(FIELDS.len() - 1),
            (KeyCode::Char('e'), true) if self.focus == Field::Note => {
                return FormOutcome::EditNoteExternally;
            }
            _ => match self.focus {
                Field::Status => self.handle_status(key),
                Field::Note => {
                    self.note.handle(key);
                }
                Field::Evidence => self.handle_evidence(key),
                Field::Message => {
                    if self.message.handle(key) {
                        self.message_typed = true;
                    }
                }
            },
        }
        self.refresh_message();
        FormOutcome::Continue
    }

    fn next_field(&self, by: usize) -> Field {
        let at = FIELDS.iter().position(|f| *f == self.focus).unwrap_or(0);
        FIELDS[(at + by) % FIELDS.len()]
    }

    fn handle_status(&mut self, key: Key) {
        let at = Status::ALL
            .iter()
            .position(|s| *s == self.status)
            .unwrap_or(0);
        let len = Status::ALL.len();
        match key.code {
            KeyCode::Left | KeyCode::Up | KeyCode::Char('h') | KeyCode::Char('k') => {
                self.status = Status::ALL[(at + len - 1) % len]
            }
            KeyCode::Right
            | KeyCode::Down
            | KeyCode::Char('l')
            | KeyCode::Char('j')
            | KeyCode::Char(' ') => self.status = Status::ALL[(at + 1) % len],
            KeyCode::Char(c @ '1'..='7') => self.status = Status::ALL[c as usize - '1' as usize],
            _ => {}
        }
    }

    fn handle_evidence(&mut self, key: Key) {
        let count = self.evidence.len();
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => {
                self.selected_evidence = self.selected_evidence.saturating_sub(1)
            }
            KeyCode::Down | KeyCode::Char('j') => {
                self.selected_evidence = (self.selected_evidence + 1).min(count.saturating_sub(1))
            }
            KeyCode::Char('a') => self.draft = Some(EvidenceDraft::new(None, None)),
            KeyCode::Enter if count > 0 => {
                self.draft = Some(EvidenceDraft::new(
                    Some(self.selected_evidence),
                    self.evidence.get(self.selected_evidence),
                ))
            }
            KeyCode::Char('d') | KeyCode::Delete if count > 0 => {
                self.evidence.remove(self.selected_evidence.min(count - 1));
                self.selected_evidence = self
                    .selected_evidence
                    .min(self.evidence.len().saturating_sub(1));
            }
            _ => {}
        }
    }

    fn handle_draft(&mut self, key: Key) {
        let Some(draft) = self.draft.as_mut() else {
            return;
        };
        match key.code {
            KeyCode::Esc => {
                self.draft = None;
                return;
            }
            KeyCode::Tab | KeyCode::Down => draft.focus = (draft.focus + 1) % EVIDENCE_LABELS.len(),
            KeyCode::BackTab | KeyCode::Up => {
                draft.focus = (draft.focus + EVIDENCE_LABELS.len() - 1) % EVIDENCE_LABELS.len()
            }
            KeyCode::Enter => match draft.evidence() {
                Ok(evidence) => {
                    match draft.replaces {
                        Some(index) if index < self.evidence.len() => {
                            self.evidence[index] = evidence
                        }
                        _ => {
                            self.evidence.push(evidence);
                            self.selected_evidence = self.evidence.len() - 1;
                        }
                    }
                    self.draft = None;
                }
                Err(reason) => draft.error = Some(reason),
            },
            KeyCode::Char(' ') | KeyCode::Left | KeyCode::Right if draft.focus == 4 => {
                draft.self_reported = !draft.self_reported
            }
            _ if draft.focus < 4 => {
                draft.inputs[draft.focus].handle(key);
            }
            _ => {}
        }
        self.refresh_message();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActorKind, Stakeholder};

    fn fixture() -> (Actor, Recommendation) {
        let mut actor = Actor {
            id: "greece".into(),
            name: "Greece".into(),
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

    fn press(form: &mut EditForm, keys: &[Key]) -> FormOutcome {
        keys.iter()
            .map(|k| form.handle(*k))
            .last()
            .unwrap_or(FormOutcome::Continue)
    }

    fn type_text(form: &mut EditForm, text: &str) {
        for c in text.chars() {
            form.handle(Key::char(c));
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
        form.handle(Key::plain(KeyCode::Enter));
        assert_eq!(
            form.draft.as_ref().and_then(|d| d.error.clone()).as_deref(),
            Some("the evidence needs a source (who published it)")
        );
        press(&mut form, &[Key::plain(KeyCode::Tab)]);
        type_text(&mut form, "Hellenic Parliament");
        press(&mut form, &[Key::plain(KeyCode::Tab)]);
        type_text(&mut form, "2023-13");
        form.handle(Key::plain(KeyCode::Enter));
        assert!(form.draft.as_ref().is_some_and(|d| {
            d.error
                .as_deref()
                .is_some_and(|e| e.contains("no month 13"))
        }));
        press(&mut form, &[Key::plain(KeyCode::Backspace), Key::char('2')]);
        form.handle(Key::plain(KeyCode::Enter));
        assert!(form.draft.is_none());
        assert_eq!(form.evidence.len(), 1);
        assert_eq!(
            form.evidence[0].date.map(|d| d.to_string()).as_deref(),
            Some("2023-12")
        );
        assert_eq!(form.message_text(), "Greece · blacklist: evidence added");
        // And removed again.
        form.handle(Key::char('d'));
        assert!(form.evidence.is_empty());
    }

    #[test]
    fn a_typed_message_is_kept_and_the_note_edits_across_lines() {
        let (actor, rec) = fixture();
        let mut form = EditForm::open(&actor, &rec, today());
        form.focus = Field::Note;
        form.handle(Key::plain(KeyCode::Enter));
        type_text(&mut form, "Enforced in 2024.");
        assert_eq!(form.commitment().note, "Law passed.\nEnforced in 2024.");
        form.focus = Field::Message;
        form.handle(Key::ctrl('u'));
        type_text(&mut form, "Record enforcement");
        form.focus = Field::Status;
        form.handle(Key::plain(KeyCode::Right));
        assert_eq!(form.message_text(), "Record enforcement");
    }

    #[test]
    fn a_conflict_offers_keep_theirs_or_overwrite_on_top_of_theirs() {
        let (actor, rec) = fixture();
        let mut form = EditForm::open(&actor, &rec, today());
        form.handle(Key::plain(KeyCode::Right));
        assert_eq!(form.handle(Key::ctrl('s')), FormOutcome::Save);
        assert_eq!(
            form.handle(Key::plain(KeyCode::Right)),
            FormOutcome::Continue,
            "keys wait while saving"
        );
        let theirs = Commitment {
            status: Status::Implemented,
            ..Default::default()
        };
        form.show_conflict(Some(theirs.clone()));
        assert_eq!(form.handle(Key::char('x')), FormOutcome::Continue);
        assert_eq!(form.handle(Key::char('o')), FormOutcome::Save);
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
        assert_eq!(form.handle(Key::char('k')), FormOutcome::KeepTheirs);
    }

    #[test]
    fn escape_on_a_changed_form_asks_before_discarding() {
        let (actor, rec) = fixture();
        let mut form = EditForm::open(&actor, &rec, today());
        assert_eq!(
            form.handle(Key::plain(KeyCode::Esc)),
            FormOutcome::Cancel,
            "unchanged: leaves at once"
        );
        form.handle(Key::plain(KeyCode::Right));
        assert_eq!(form.handle(Key::plain(KeyCode::Esc)), FormOutcome::Continue);
        assert!(form.confirm_discard);
        assert_eq!(form.handle(Key::plain(KeyCode::Esc)), FormOutcome::Cancel);
    }
}
