//! Executing the app's effects: saving, adding, undoing and keeping drafts
//! through the store, then reloading so the screen shows the new tip.

use std::ops::ControlFlow;
use std::path::PathBuf;

use git2::Oid;

use crate::app::{Effect, State};
use crate::model::Dataset;
use crate::store::edit::{self, Edit, EditError, Saved};
use crate::store::identity::Identity;
use crate::store::{DatasetLocation, Problems, load_dataset, recovery};

/// The dataset the TUI shows, and the commit it was loaded at.
pub struct Session {
    location: DatasetLocation,
    loaded_at: Option<Oid>,
    /// Where the current author's draft goes, found once per author.
    draft_file: Option<(Identity, PathBuf)>,
}

impl Session {
    /// A session on the dataset at `location`.
    pub fn new(location: DatasetLocation) -> Session {
        Session {
            location,
            loaded_at: None,
            draft_file: None,
        }
    }

    /// Loads the dataset, remembering the branch tip it was loaded at (a save
    /// reports whether someone else committed since).
    pub fn load(&mut self) -> Result<Dataset, Problems> {
        self.loaded_at = git2::Repository::open(&self.location.repo_root)
            .ok()
            .and_then(|repo| repo.head().ok()?.target());
        load_dataset(&self.location.dataset_dir)
    }

    /// Offers back an edit that was being typed when a session ended.
    pub fn offer_kept_draft(&self, state: &mut State) {
        let Some(author) = state.author.clone() else {
            return;
        };
        match recovery::load_draft(&self.location, &author) {
            Ok(Some(draft)) => state.offer_draft(draft),
            Ok(None) => {}
            Err(error) => state.say(format!("Could not read the kept draft: {error}")),
        }
    }

    /// The draft file of `author`, opening the repository only for a new author.
    fn draft_file(&mut self, author: &Identity) -> Result<PathBuf, EditError> {
        match &self.draft_file {
            Some((known, path)) if known == author => Ok(path.clone()),
            _ => {
                let path = recovery::draft_path(&self.location, author)?;
                self.draft_file = Some((author.clone(), path.clone()));
                Ok(path)
            }
        }
    }

    fn reload(&mut self, state: &mut State) {
        let loaded = self.load();
        state.replace_dataset(loaded);
    }

    fn summary(&self, saved: &Saved, what: &str, author: &str) -> String {
        let short: String = saved.commit.to_string().chars().take(7).collect();
        let mut text = format!("{what} {short} as {author}");
        if saved.rebased {
            text.push_str(" (on top of a newer commit by someone else; both kept)");
        }
        if let Some(warning) = &saved.warning {
            text.push_str(&format!(" · {warning}"));
        }
        text
    }

    /// Runs one effect; `edit_note` hands a note to the user's editor.
    /// `Break` means leave the TUI.
    pub fn execute(
        &mut self,
        effect: Effect,
        state: &mut State,
        edit_note: &mut dyn FnMut(&str) -> Result<String, String>,
    ) -> ControlFlow<()> {
        let author = state.author.clone();
        match effect {
            Effect::Quit => return ControlFlow::Break(()),
            Effect::Reload => {
                self.reload(state);
                if state.data().is_none() {
                    state.say("The dataset has problems");
                }
            }
            Effect::Save(mut change) => {
                let Some(author) = author else {
                    state.save_failed("nobody named: press i to say who is editing".into());
                    return ControlFlow::Continue(());
                };
                change.loaded_from = self.loaded_at.map(edit::commit_id);
                match edit::save(&self.location, &author, &change) {
                    Ok(saved) => {
                        let _ = recovery::discard_draft(&self.location, &author);
                        let summary = self.summary(&saved, "Saved", &author.to_string());
                        if saved.rebased {
                            // Someone else committed too: read their changes.
                            self.reload(state);
                        } else {
                            let Edit {
                                actor,
                                recommendation,
                                new,
                                ..
                            } = *change;
                            state.apply_saved(&actor, &recommendation, new);
                            self.loaded_at = Some(saved.commit);
                        }
                        state.saved(summary);
                    }
                    Err(EditError::Conflict(conflict)) => {
                        state.save_conflicted_by(conflict.theirs, conflict.last_change)
                    }
                    Err(EditError::NoChange) => {
                        let _ = recovery::discard_draft(&self.location, &author);
                        state.saved("Nothing to save: the commitment is already so".into());
                    }
                    Err(error) => state.save_failed(error.to_string()),
                }
            }
            Effect::AddActor(actor) => {
                let Some(author) = author else {
                    state.save_failed("nobody named: press i to say who is editing".into());
                    return ControlFlow::Continue(());
                };
                match edit::save_actor(&self.location, &author, &actor, "") {
                    Ok(saved) => {
                        let summary = self.summary(
                            &saved,
                            &format!("Added {}:", actor.name),
                            &author.to_string(),
                        );
                        self.reload(state);
                        state.select_actor(&actor.id);
                        state.saved(summary);
                    }
                    Err(error) => state.save_failed(error.to_string()),
                }
            }
            Effect::Undo => {
                let Some(author) = author else {
                    return ControlFlow::Continue(());
                };
                match edit::undo_last(&self.location, &author) {
                    Ok(saved) => {
                        let summary =
                            self.summary(&saved, "Undid your last edit with", &author.to_string());
                        self.reload(state);
                        state.say(summary);
                    }
                    Err(error) => state.say(format!("Nothing undone: {error}")),
                }
            }
            Effect::EditNote(note) => {
                state.note_edited(edit_note(&note));
            }
            Effect::KeepDraft(draft) => {
                let Some(author) = author else {
                    return ControlFlow::Continue(());
                };
                let kept = self
                    .draft_file(&author)
                    .and_then(|path| recovery::write_draft(&path, &draft));
                if let Err(error) = kept {
                    state.say(format!("Could not keep a draft of this edit: {error}"));
                }
            }
            Effect::LookForDraft => self.offer_kept_draft(state),
            Effect::DiscardDraft => {
                if let Some(author) = author {
                    let _ = recovery::discard_draft(&self.location, &author);
                }
            }
        }
        ControlFlow::Continue(())
    }
}
