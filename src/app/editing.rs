//! Editing from the TUI: the form, prompt or dialog that is open, how keys
//! reach it, and the effects it asks the runner for (save, add, undo,
//! drafts).
//!
//! Nothing is committed without an author: any edit first asks who is
//! editing when nobody is named. Nothing is committed without being asked
//! for: undo asks first, naming the edit it reverts.

use super::actor_form::{ActorForm, ActorFormOutcome};
use super::edit_form::{EditForm, FormOutcome};
use super::identity_prompt::{IdentityPrompt, PromptOutcome};
use super::input::{Input, Key};
use super::{Action, Effect, State};
use crate::model::Commitment;
use crate::model::Edit;
use crate::model::Identity;
use crate::model::LastEdit;

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
    /// A yes/no question.
    Ask(Box<Question>),
    /// The report dialog.
    Report(Box<super::report::ReportDialog>),
}

/// A yes/no question, and what each answer does.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// What is asked, in full.
    pub text: String,
    /// What "yes" does.
    pub yes: Consequence,
    /// What "no" returns to (the form it was asked from), if anything.
    pub back_to: Option<Modal>,
}

/// What a "yes" does.
#[derive(Debug, Clone, PartialEq)]
pub enum Consequence {
    /// Revert this edit with a new commit.
    Undo(Box<LastEdit>),
    /// Write this edit again with a new commit (after undoing it).
    Redo(Box<LastEdit>),
    /// Save the form unchanged but for a new `assessed` date.
    Reassess,
    /// Throw away the half-filled add-actor form.
    DropActorForm,
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

/// "16:02" for a time today, "2024-11-03 16:02" for another day.
fn when(edit: &LastEdit, today: chrono::NaiveDate) -> String {
    if edit.when.date() == today {
        edit.when.format("%H:%M").to_string()
    } else {
        edit.when.format("%Y-%m-%d %H:%M").to_string()
    }
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
                // Nothing is reverted yet: the store names the edit first,
                // and the user is asked about exactly that one.
                self.say_in_passing("Looking for your last edit…");
                vec![Effect::FindLastEdit]
            }
            Intent::Nothing => Vec::new(),
        }
    }

    fn open_edit_form(&mut self) -> Vec<Effect> {
        let target = self.selected_commitment().and_then(|(actor, rec)| {
            let board = self.data()?;
            Some((
                board.dataset.actors.get(actor)?,
                board.dataset.recommendations.get(rec)?,
            ))
        });
        let Some((actor, rec)) = target else {
            self.say(
                "Select a commitment to edit: a cell on the dashboard or the tracker, \
                 a marked commitment, or an actor in a recommendation's view",
            );
            return Vec::new();
        };
        let form = EditForm::open(actor, rec, self.today);
        self.modal = Some(Modal::Edit(Box::new(form)));
        Vec::new()
    }

    /// Offers back an edit kept from an interrupted session.
    pub fn offer_draft(&mut self, draft: Edit) {
        self.modal = Some(Modal::Draft(Box::new(draft)));
        self.dirty = true;
    }

    /// The store's answer about the author's last edit: ask before undoing it.
    pub(super) fn last_edit_found(
        &mut self,
        found: Result<Option<LastEdit>, String>,
    ) -> Vec<Effect> {
        match found {
            Err(reason) => self.say(format!("Nothing undone: {reason}")),
            Ok(None) => self.say("Nothing to undo: you have made no edit on this branch"),
            Ok(Some(_)) if self.modal.is_some() => {
                self.say("Nothing undone: finish what is open first, then undo again");
            }
            Ok(Some(edit)) => {
                let text = format!(
                    "Undo your edit of {}: {}? It is reverted by a new commit; history is kept.",
                    when(&edit, self.today),
                    edit.summary
                );
                self.ask(text, Consequence::Undo(Box::new(edit)), None);
            }
        }
        Vec::new()
    }

    /// The runner reverted `edit` with commit `summary` names: say what was
    /// reverted, and offer to write it again.
    pub fn undone(&mut self, edit: LastEdit, commit: &str) {
        let what = format!(
            "Undone with commit {commit}: your edit of {} ({})",
            when(&edit, self.today),
            edit.summary
        );
        if edit.after.is_some() {
            self.ask(
                format!("{what}. Redo it (a new commit)?"),
                Consequence::Redo(Box::new(edit)),
                None,
            );
        } else {
            self.say(what);
        }
    }

    fn ask(&mut self, text: String, yes: Consequence, back_to: Option<Modal>) {
        // "Looking for…" and the like are answered by the question itself.
        self.message = None;
        self.modal = Some(Modal::Ask(Box::new(Question { text, yes, back_to })));
        self.dirty = true;
    }

    /// A key while a form, prompt or dialog is open: a command if that
    /// mode binds it, else the key itself for the form to type or move.
    pub fn modal_key(&mut self, key: Key) -> Vec<Effect> {
        let Some(mode) = self.modal.as_ref().map(Modal::mode) else {
            return Vec::new();
        };
        let input = match self.keymap.action(mode, key) {
            Some(action) => Input::Command(action),
            None => Input::Key(key),
        };
        self.modal_input(input)
    }

    /// A command sent straight to the open form or dialog.
    pub(super) fn modal_command(&mut self, action: Action) -> Vec<Effect> {
        self.modal_input(Input::Command(action))
    }

    fn modal_input(&mut self, input: Input) -> Vec<Effect> {
        let Some(modal) = self.modal.take() else {
            return Vec::new();
        };
        match modal {
            Modal::Report(mut dialog) => match dialog.handle(&input) {
                super::report::DialogOutcome::Continue => {
                    self.modal = Some(Modal::Report(dialog));
                    Vec::new()
                }
                super::report::DialogOutcome::Cancel => Vec::new(),
                super::report::DialogOutcome::Write(job) => {
                    self.say_in_passing(format!("Writing {}…", job.file_name));
                    vec![Effect::WriteReport(Box::new(job))]
                }
            },
            Modal::Edit(form) => self.edit_form_input(form, input),
            Modal::AddActor(mut form) => match form.handle(&input) {
                ActorFormOutcome::Continue => {
                    self.modal = Some(Modal::AddActor(form));
                    Vec::new()
                }
                ActorFormOutcome::Cancel if form.is_started() => {
                    let text = format!(
                        "Discard the actor you were adding ({})? Nothing has been saved.",
                        form.describe()
                    );
                    self.ask(
                        text,
                        Consequence::DropActorForm,
                        Some(Modal::AddActor(form)),
                    );
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
            Modal::Identity { mut prompt, then } => match prompt.handle(&input) {
                PromptOutcome::Continue => {
                    self.modal = Some(Modal::Identity { prompt, then });
                    Vec::new()
                }
                PromptOutcome::Cancel => {
                    let key = self.keymap.first_in(super::Mode::Normal, &Action::Identity);
                    self.say(format!(
                        "Nobody named: nothing can be saved until you say who is editing ({key})"
                    ));
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
            Modal::Draft(draft) => match input {
                Input::Command(Action::Confirm) => self.restore_draft(&draft),
                Input::Command(Action::Discard) => {
                    self.say("Draft discarded");
                    vec![Effect::DiscardDraft]
                }
                Input::Command(Action::Cancel) => {
                    self.say("The draft is kept; it is offered again when you next start");
                    Vec::new()
                }
                _ => {
                    self.modal = Some(Modal::Draft(draft));
                    Vec::new()
                }
            },
            Modal::Ask(question) => match input {
                Input::Command(Action::Confirm) => self.answer_yes(*question),
                Input::Command(Action::Cancel) => {
                    let Question { yes, back_to, .. } = *question;
                    self.modal = back_to;
                    if let Consequence::Undo(_) = yes {
                        self.say("Nothing undone");
                    } else if let Consequence::Redo(_) = yes {
                        self.say("Not redone; the undo stands");
                    }
                    Vec::new()
                }
                _ => {
                    self.modal = Some(Modal::Ask(question));
                    Vec::new()
                }
            },
        }
    }

    fn answer_yes(&mut self, question: Question) -> Vec<Effect> {
        match question.yes {
            Consequence::Undo(edit) => {
                self.say_in_passing(format!("Undoing {}…", edit.summary));
                vec![Effect::Undo(edit)]
            }
            Consequence::Redo(edit) => {
                let Some(after) = edit.after.clone() else {
                    return Vec::new();
                };
                self.say_in_passing(format!("Redoing {}…", edit.summary));
                vec![Effect::Save(Box::new(Edit {
                    actor: edit.actor.clone(),
                    recommendation: edit.recommendation.clone(),
                    base: edit.before.clone(),
                    new: after,
                    message: format!("Redo: {}", edit.summary),
                    loaded_from: None,
                }))]
            }
            Consequence::Reassess => match question.back_to {
                Some(Modal::Edit(mut form)) => {
                    form.reassess();
                    let edit = form.edit();
                    self.modal = Some(Modal::Edit(form));
                    vec![Effect::Save(Box::new(edit))]
                }
                other => {
                    self.modal = other;
                    Vec::new()
                }
            },
            Consequence::DropActorForm => {
                self.say("No actor added");
                Vec::new()
            }
        }
    }

    fn edit_form_input(&mut self, mut form: Box<EditForm>, input: Input) -> Vec<Effect> {
        let before = form.edit();
        let outcome = form.handle(&input);
        let draft = form.edit();
        match outcome {
            FormOutcome::Continue => {
                // Cursor moves and focus changes leave the draft as it was:
                // only a changed edit is written to disk.
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
            FormOutcome::Unchanged => {
                let text = format!(
                    "Nothing changed. Record that you reassessed {} · {} today ({})? \
                     One commit with only the new date.",
                    form.actor_name, form.recommendation, self.today
                );
                self.ask(text, Consequence::Reassess, Some(Modal::Edit(form)));
                Vec::new()
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
        } else {
            // A redo has no form to show both versions in: say why nothing
            // was written rather than nothing at all.
            self.say(
                "Not saved: someone else changed that commitment since; nothing was overwritten",
            );
        }
        self.dirty = true;
    }

    /// The save (or add, or undo) failed; the form stays open with the reason.
    pub fn save_failed(&mut self, reason: String) {
        if self.modal.is_some() {
            // Kept in the log, and opened in the message panel when the
            // form's footer is too short to read it whole.
            self.log(&reason);
        }
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
