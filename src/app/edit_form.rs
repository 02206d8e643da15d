//! The edit form for one commitment: a status picker, the note, the
//! evidence list, and the commit message (pre-filled from the change).
//!
//! Pure state: keys come in, an outcome goes out; saving is the runner's job.

use chrono::NaiveDate;

use super::input::{Input, KeyCode};
use super::text::TextInput;
use super::{Action, Mode};
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
    /// The grade this item shows on its own (GRADING.md, rule 1).
    pub supports: Status,
    /// The focused sub-field: 0–3 the inputs, 4 the provenance toggle,
    /// 5 the grade it supports.
    pub focus: usize,
    /// Why the last confirm was refused.
    pub error: Option<String>,
}

/// Labels of the evidence draft's sub-fields.
pub const EVIDENCE_LABELS: [&str; 6] = ["Title", "Source", "Date", "URL", "Provenance", "Supports"];

impl EvidenceDraft {
    /// A draft of `evidence` (or a new item, supporting `status`, the grade
    /// the form is about to record).
    fn new(replaces: Option<usize>, evidence: Option<&Evidence>, status: Status) -> EvidenceDraft {
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
            supports: evidence.map_or(status, |e| e.supports),
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
            supports: self.supports,
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
    /// Save was asked for on an unchanged form: only a reassessment (a
    /// new `assessed` date) could be saved, which must be asked for.
    Unchanged,
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
    /// The user asked to record a reassessment: `assessed` becomes today
    /// although nothing else changed.
    reassessed: bool,
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
            reassessed: false,
        };
        form.refresh_message();
        form
    }

    /// The commitment as the form now has it.
    pub fn commitment(&self) -> Commitment {
        let base = self.base.clone().unwrap_or_default();
        let note = self.note.text().trim_end().to_string();
        // An unrecorded commitment left as it opened (no evidence, no note)
        // is unchanged too: opening a form must never record anything.
        let changed = self.reassessed
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

    /// Whether anything differs from what was loaded (the message too).
    pub fn is_changed(&self) -> bool {
        self.commitment_changed() || self.message_typed
    }

    /// Whether the commitment would differ from what was loaded.
    pub fn commitment_changed(&self) -> bool {
        self.base.clone().unwrap_or_default() != self.commitment()
    }

    /// Records a reassessment: the commitment as it is, assessed today.
    pub fn reassess(&mut self) {
        self.reassessed = true;
        self.saving = true;
        self.refresh_message();
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

    /// Applies a command or a key.
    pub fn handle(&mut self, input: &Input) -> FormOutcome {
        if self.saving {
            return FormOutcome::Continue;
        }
        self.error = None;
        if let Some(conflict) = &self.conflict {
            return match input {
                Input::Command(Action::Overwrite) => {
                    // Overwrite: ours is saved on top of theirs, knowingly.
                    self.base = conflict.theirs.clone();
                    self.conflict = None;
                    self.saving = true;
                    // The commit now changes their version: say so.
                    self.refresh_message();
                    FormOutcome::Save
                }
                Input::Command(Action::KeepTheirs) => FormOutcome::KeepTheirs,
                Input::Command(Action::Cancel) => {
                    self.conflict = None;
                    FormOutcome::Continue
                }
                _ => FormOutcome::Continue,
            };
        }
        let discard_armed = std::mem::take(&mut self.confirm_discard);
        if self.draft.is_some() {
            self.handle_draft(input);
            return FormOutcome::Continue;
        }
        match input {
            Input::Command(Action::Save) if !self.commitment_changed() => {
                return FormOutcome::Unchanged;
            }
            Input::Command(Action::Save) => {
                self.saving = true;
                return FormOutcome::Save;
            }
            Input::Command(Action::Cancel) => {
                if !self.is_changed() || discard_armed {
                    return FormOutcome::Cancel;
                }
                self.confirm_discard = true;
                return FormOutcome::Continue;
            }
            Input::Command(Action::NextField) => {
                self.focus = self.next_field(1);
                return FormOutcome::Continue;
            }
            Input::Command(Action::PrevField) => {
                self.focus = self.next_field(FIELDS.len() - 1);
                return FormOutcome::Continue;
            }
            Input::Command(Action::ExternalEditor) => {
                self.focus = Field::Note;
                return FormOutcome::EditNoteExternally;
            }
            _ => {}
        }
        match self.focus {
            Field::Status => self.handle_status(input),
            Field::Evidence => self.handle_evidence(input),
            Field::Note => {
                if let Input::Key(key) = input {
                    self.note.handle(*key);
                }
            }
            Field::Message => {
                if let Input::Key(key) = input
                    && self.message.handle(*key)
                {
                    self.message_typed = true;
                }
            }
        }
        self.refresh_message();
        FormOutcome::Continue
    }

    fn next_field(&self, by: usize) -> Field {
        let at = FIELDS.iter().position(|f| *f == self.focus).unwrap_or(0);
        FIELDS
            .get((at + by) % FIELDS.len())
            .copied()
            .unwrap_or(Field::Status)
    }

    /// The key map mode the form reads keys in: its conflict choice, the
    /// evidence item being typed, or the focused field.
    pub fn mode(&self) -> Mode {
        match self.focus {
            _ if self.conflict.is_some() => Mode::Conflict,
            _ if self.draft.is_some() => Mode::EvidenceItem,
            Field::Status => Mode::StatusPicker,
            Field::Evidence => Mode::EvidenceList,
            Field::Note | Field::Message => Mode::EditForm,
        }
    }

    /// The status picker: previous/next by the key map, or a status by its
    /// number (1–7, as the picker shows them).
    fn handle_status(&mut self, input: &Input) {
        let all = Status::ALL;
        let at = all.iter().position(|s| *s == self.status).unwrap_or(0);
        let len = all.len();
        let next = match input {
            Input::Command(Action::Left) => (at + len - 1) % len,
            Input::Command(Action::Right) => (at + 1) % len,
            Input::Key(key) => match key.text().and_then(|c| c.to_digit(10)) {
                Some(n @ 1..) => n as usize - 1,
                _ => at,
            },
            Input::Command(_) => at,
        };
        self.status = all.get(next).copied().unwrap_or(self.status);
    }

    fn handle_evidence(&mut self, input: &Input) {
        let count = self.evidence.len();
        let Input::Command(command) = input else {
            return;
        };
        match command {
            Action::Up => self.selected_evidence = self.selected_evidence.saturating_sub(1),
            Action::Down => {
                self.selected_evidence = (self.selected_evidence + 1).min(count.saturating_sub(1))
            }
            Action::AddEvidence => self.draft = Some(EvidenceDraft::new(None, None, self.status)),
            Action::ChangeEvidence if count > 0 => {
                self.draft = Some(EvidenceDraft::new(
                    Some(self.selected_evidence),
                    self.evidence.get(self.selected_evidence),
                    self.status,
                ))
            }
            Action::RemoveEvidence if self.selected_evidence < count => {
                self.evidence.remove(self.selected_evidence);
                self.selected_evidence = self
                    .selected_evidence
                    .min(self.evidence.len().saturating_sub(1));
            }
            _ => {}
        }
    }

    /// The evidence item being typed: its own keys (keep, drop, next and
    /// previous sub-field) from the key map; other keys type, or toggle
    /// the provenance.
    fn handle_draft(&mut self, input: &Input) {
        let Some(draft) = self.draft.as_mut() else {
            return;
        };
        let sub_fields = EVIDENCE_LABELS.len();
        match input {
            Input::Command(Action::Cancel) => {
                self.draft = None;
                return;
            }
            Input::Command(Action::NextField) => draft.focus = (draft.focus + 1) % sub_fields,
            Input::Command(Action::PrevField) => {
                draft.focus = (draft.focus + sub_fields - 1) % sub_fields
            }
            Input::Command(Action::Confirm) => match draft.evidence() {
                Ok(evidence) => {
                    match draft.replaces.and_then(|i| self.evidence.get_mut(i)) {
                        Some(replaced) => *replaced = evidence,
                        None => {
                            self.evidence.push(evidence);
                            self.selected_evidence = self.evidence.len() - 1;
                        }
                    }
                    self.draft = None;
                }
                Err(reason) => draft.error = Some(reason),
            },
            Input::Command(_) => {}
            Input::Key(key) if draft.focus == 4 => {
                if matches!(
                    key.code,
                    KeyCode::Char(' ') | KeyCode::Left | KeyCode::Right
                ) {
                    draft.self_reported = !draft.self_reported;
                }
            }
            Input::Key(key) if draft.focus == 5 => {
                if matches!(
                    key.code,
                    KeyCode::Left | KeyCode::Right | KeyCode::Char(' ')
                ) {
                    let len = Status::ALL.len();
                    let at = Status::ALL
                        .iter()
                        .position(|s| *s == draft.supports)
                        .unwrap_or(0);
                    let next = if key.code == KeyCode::Left {
                        at + len - 1
                    } else {
                        at + 1
                    };
                    draft.supports = Status::ALL.get(next % len).copied().unwrap_or_default();
                }
            }
            Input::Key(key) => {
                if let Some(field) = draft.inputs.get_mut(draft.focus) {
                    field.handle(*key);
                }
            }
        }
        self.refresh_message();
    }
}

#[cfg(test)]
#[path = "edit_form_tests.rs"]
mod tests;
