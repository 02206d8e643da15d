//! Editing from the TUI: the form or prompt that is open, how keys reach it,
//! and the effects it asks the runner for (save, add, undo, drafts).
//!
//! Nothing is committed without an author: any edit first asks who is
//! editing when nobody is named.

use super::actor_form::{ActorForm, ActorFormOutcome};
use super::edit_form::{EditForm, FormOutcome};
use super::identity_prompt::{IdentityPrompt, PromptOutcome};
use super::input::{Key, KeyCode};
use super::{Effect, State, View};
use crate::model::Commitment;
use crate::model::Edit;
use crate::model::Identity;

/// What is open over the current view.
#[derive(Debug, Clone, PartialEq)]
pub enum Modal {
    /// Editing one commitment.
    Edit(Box<EditForm>),
    /// Adding an actor.
    AddActor(ActorForm),
    /// Asking who is editing, then doing `then`.
    Identity {
        /// The prompt.
        prompt: IdentityPrompt,
        /// What the user was about to do.
        then: Intent,
    },
    /// An edit kept from an interrupted session, offered back.
    Draft(Box<Edit>),
}

/// Something that needs an author.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    /// Edit the selected commitment.
    Edit,
    /// Add an actor.
    AddActor,
    /// Undo the author's last edit.
    Undo,
    /// Only set who is editing.
    Nothing,
}

impl State {
    /// Sets who is editing (shown in the status line).
    pub fn set_author(&mut self, author: Identity) {
        self.author = Some(author);
        self.dirty = true;
    }

    /// Starts `intent`, asking who is editing first when nobody is named.
    pub fn begin(&mut self, intent: Intent) -> Vec<Effect> {
        if self.data().is_none() {
            self.say("Fix the dataset's problems before editing");
            return Vec::new();
        }
        if self.author.is_none() || intent == Intent::Nothing {
            let prompt = IdentityPrompt::new(self.author.as_ref());
            self.modal = Some(Modal::Identity {
                prompt,
                then: intent,
            });
            return Vec::new();
        }
        match intent {
            Intent::Edit => self.open_edit_form(),
            Intent::AddActor => {
                let taken = self
                    .data()
                    .map(|b| b.dataset.actors.iter().map(|a| a.id.clone()).collect());
                self.modal = Some(Modal::AddActor(ActorForm::new(taken.unwrap_or_default())));
                Vec::new()
            }
            Intent::Undo => {
                self.say("Undoing your last edit…");
                vec![Effect::Undo]
            }
            Intent::Nothing => Vec::new(),
        }
    }

    /// The (actor, recommendation) an edit would open on: the dashboard's
    /// or tracker's cell, the marked recommendation of the actor view, or,
    /// in a recommendation's view, the actor selected on the dashboard (its
    /// status line names them).
    fn edit_target(&self) -> Option<(usize, usize)> {
        match self.view {
            View::Actor(actor) => Some((actor, self.column)),
            View::Recommendation(rec) => Some((self.selected_actor()?, rec)),
            _ => self.selected_commitment(),
        }
    }

    fn open_edit_form(&mut self) -> Vec<Effect> {
        let Some((actor, rec)) = self.edit_target() else {
            self.say("Select a commitment to edit (a cell on the dashboard or the tracker)");
            return Vec::new();
        };
        let Some(board) = self.data() else {
            return Vec::new();
        };
        let (actor, rec) = (
            &board.dataset.actors[actor],
            &board.dataset.recommendations[rec],
        );
        let form = EditForm::open(actor, rec, self.today);
        self.modal = Some(Modal::Edit(Box::new(form)));
        Vec::new()
    }

    /// Offers back an edit kept from an interrupted session.
    pub fn offer_draft(&mut self, draft: Edit) {
        self.modal = Some(Modal::Draft(Box::new(draft)));
        self.dirty = true;
    }

    /// A key while a form or prompt is open.
    pub fn modal_key(&mut self, key: Key) -> Vec<Effect> {
        let Some(modal) = self.modal.take() else {
            return Vec::new();
        };
        match modal {
            Modal::Edit(mut form) => {
                let before = form.edit();
                let outcome = form.handle(key);
                let draft = form.edit();
                match outcome {
                    FormOutcome::Continue => {
                        // Cursor moves and focus changes leave the draft as
                        // it was: only a changed edit is written to disk.
                        let kept = draft != before && form.is_changed();
                        self.modal = Some(Modal::Edit(form));
                        if kept {
                            vec![Effect::KeepDraft(Box::new(draft))]
                        } else {
                            Vec::new()
                        }
                    }
                    FormOutcome::Save => {
                        self.modal = Some(Modal::Edit(form));
                        vec![Effect::Save(Box::new(draft))]
                    }
                    FormOutcome::EditNoteExternally => {
                        let note = form.note.text();
                        self.modal = Some(Modal::Edit(form));
                        vec![Effect::EditNote(note)]
                    }
                    FormOutcome::Cancel => {
                        self.say("Edit cancelled; nothing changed");
                        vec![Effect::DiscardDraft]
                    }
                    FormOutcome::KeepTheirs => {
                        self.say("Kept their version; yours was not saved");
                        vec![Effect::DiscardDraft, Effect::Reload]
                    }
                }
            }
            Modal::AddActor(mut form) => match form.handle(key) {
                ActorFormOutcome::Continue => {
                    self.modal = Some(Modal::AddActor(form));
                    Vec::new()
                }
                ActorFormOutcome::Cancel => {
                    self.say("No actor added");
                    Vec::new()
                }
                ActorFormOutcome::Add(actor) => {
                    self.modal = Some(Modal::AddActor(form));
                    vec![Effect::AddActor(actor)]
                }
            },
            Modal::Identity { mut prompt, then } => match prompt.handle(key) {
                PromptOutcome::Continue => {
                    self.modal = Some(Modal::Identity { prompt, then });
                    Vec::new()
                }
                PromptOutcome::Cancel => {
                    self.say("Nobody named: nothing can be saved until you say who is editing (i)");
                    Vec::new()
                }
                PromptOutcome::Chosen(author) => {
                    self.say(format!("Editing as {author}"));
                    self.set_author(author);
                    // A draft of theirs (from a session that died) comes first.
                    let mut effects = vec![Effect::LookForDraft];
                    effects.extend(self.begin(then));
                    effects
                }
            },
            Modal::Draft(draft) => match key.code {
                KeyCode::Enter => self.restore_draft(&draft),
                KeyCode::Char('d') => {
                    self.say("Draft discarded");
                    vec![Effect::DiscardDraft]
                }
                _ => {
                    self.modal = Some(Modal::Draft(draft));
                    Vec::new()
                }
            },
        }
    }

    fn restore_draft(&mut self, draft: &Edit) -> Vec<Effect> {
        let Some(board) = self.data() else {
            return Vec::new();
        };
        let actor = board.dataset.actor(&draft.actor);
        let rec = board.dataset.recommendation(&draft.recommendation);
        let (Some(actor), Some(rec)) = (actor, rec) else {
            self.say("The draft's actor or recommendation is gone; draft discarded");
            return vec![Effect::DiscardDraft];
        };
        let mut form = EditForm::open(actor, rec, self.today);
        form.restore(draft);
        self.modal = Some(Modal::Edit(Box::new(form)));
        Vec::new()
    }

    /// The runner saved what the open form asked for: close it and say so.
    pub fn saved(&mut self, summary: String) {
        self.modal = None;
        self.say(summary);
    }

    /// The save was refused: another coordinator changed the same commitment.
    pub fn save_conflicted(&mut self, theirs: Option<Commitment>) {
        self.save_conflicted_by(theirs, None);
    }

    /// The save was refused: `last_change` names who changed it, and when.
    pub fn save_conflicted_by(
        &mut self,
        theirs: Option<Commitment>,
        last_change: Option<crate::model::LastChange>,
    ) {
        if let Some(Modal::Edit(form)) = &mut self.modal {
            form.show_conflict_by(theirs, last_change);
        }
        self.dirty = true;
    }

    /// The save (or add, or undo) failed; the form stays open with the reason.
    pub fn save_failed(&mut self, reason: String) {
        match &mut self.modal {
            Some(Modal::Edit(form)) => form.show_error(reason),
            Some(Modal::AddActor(form)) => form.error = Some(reason),
            _ => self.say(reason),
        }
        self.dirty = true;
    }

    /// The note came back from `$EDITOR` (`None`: the editor failed).
    pub fn note_edited(&mut self, note: Result<String, String>) {
        match (&mut self.modal, note) {
            (Some(Modal::Edit(form)), Ok(text)) => form.set_note(&text),
            (_, Err(reason)) => self.say(reason),
            _ => {}
        }
        self.dirty = true;
    }
}
