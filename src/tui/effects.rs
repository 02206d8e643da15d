//! Carrying out the app's effects through the store: saving, adding,
//! undoing, keeping drafts, loading. Each ends with the [`Action`] that
//! reports it; the state only ever changes when `update` applies that.
//!
//! This runs on the worker thread (see `worker.rs`), never on the screen's:
//! a save that waits seconds for a lock leaves the screen answering keys.

use std::path::PathBuf;

use crate::app::{Action, CatchUp, Cause, Effect, Reloaded, Saved, Wrote};
use crate::model::{CommitId, Dataset, LastEdit, Problems};
use crate::store::edit::{self, EditError};
use crate::store::identity::Identity;
use crate::store::{DatasetLocation, live, recovery};

/// The store side of one TUI: where the dataset is, and the branch tip the
/// screen was last brought up to.
pub struct Session {
    location: DatasetLocation,
    loaded_at: Option<CommitId>,
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

    /// Loads the dataset, remembering the branch tip it was loaded at (a
    /// save reports whether someone else committed since, and a moved tip
    /// is told from this session's own saves by it).
    pub fn load(&mut self) -> Result<Dataset, Problems> {
        let (tip, loaded) = live::load_at_tip(&self.location);
        self.loaded_at = tip;
        loaded
    }

    /// Carries out `effect` for `author` and returns what `update` should
    /// hear about it. `Quit` and `EditNote` need the terminal: they are the
    /// runner's own, and give nothing here.
    pub fn perform(&mut self, effect: Effect, author: Option<&Identity>) -> Option<Action> {
        match effect {
            // Time travel reads the history on a thread of its own.
            Effect::Quit | Effect::EditNote(_) | Effect::Travel(_) => None,
            // The history worker's (see `history.rs`).
            Effect::ReadHistory { .. }
            | Effect::ReadDiff(_)
            | Effect::ReadTimeline { .. }
            | Effect::ReadLastChanges { .. } => None,
            // The runner does these itself, away from this worker.
            Effect::LoadLastChanges | Effect::CopyLink(_) | Effect::OpenLink(_) => None,
            Effect::Reload => Some(self.reloaded(Cause::Asked)),
            Effect::FollowTip => self.follow_tip(),
            Effect::Save(change) => Some(self.save(*change, author)),
            Effect::AddActor(actor) => Some(self.add_actor(&actor, author)),
            Effect::FindLastEdit => {
                let found = match author {
                    Some(author) => {
                        edit::last_edit(&self.location, author).map_err(|e| e.to_string())
                    }
                    None => Err(NOBODY.to_string()),
                };
                Some(Action::LastEditFound(Box::new(found)))
            }
            Effect::Undo(asked) => Some(self.undo(*asked, author)),
            Effect::KeepDraft(draft) => {
                let author = author?;
                let kept = self
                    .draft_file(author)
                    .and_then(|path| recovery::write_draft(&path, &draft));
                kept.err().map(|error| {
                    Action::Notice(format!("Could not keep a draft of this edit: {error}"))
                })
            }
            Effect::LookForDraft => match recovery::load_draft(&self.location, author?) {
                Ok(found) => found.map(|draft| Action::DraftFound(Box::new(draft))),
                Err(error) => Some(Action::Notice(format!(
                    "Could not read the kept draft: {error}"
                ))),
            },
            Effect::DiscardDraft => {
                let _ = recovery::discard_draft(&self.location, author?);
                None
            }
            Effect::WriteReport(job) => Some(Action::Notice(self.write_report(&job))),
        }
    }

    /// Writes the report `job` asks for into the folder the program was
    /// started from, as `reconvene report` would; says where, or why not.
    fn write_report(&self, job: &crate::app::report::ReportJob) -> String {
        use clap::ValueEnum;

        use crate::cli::args::ReportFormat;
        use crate::cli::report::{Refusal, Request, build, render};
        let Ok(format) = ReportFormat::from_str(job.format, true) else {
            return format!("No report: {} is not a format", job.format);
        };
        let request = Request {
            as_of: Some(job.as_of.clone()),
            since: (!job.since.is_empty()).then(|| job.since.clone()),
            recorded: job.recorded.clone(),
            today: chrono::Utc::now().date_naive(),
            stale_days: crate::report::DEFAULT_STALE_DAYS,
            max_commits: crate::cli::report::MAX_COMMITS,
        };
        let report = match build(&self.location, &request) {
            Ok(report) => report,
            Err(Refusal::Invalid(..)) => {
                return "No report: the record at the tip is not valid (reconvene validate says why)"
                    .into();
            }
            Err(Refusal::Error(error)) => return format!("No report: {error:#}"),
        };
        let text = match render(&report, format) {
            Ok(text) => text,
            Err(error) => return format!("No report: {error:#}"),
        };
        let folder = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let path = folder.join(&job.file_name);
        match crate::store::write_atomic_in_existing_folder(&path, text.as_bytes()) {
            Ok(()) => format!("Wrote the report to {}", path.display()),
            Err(error) => format!("No report written to {}: {error}", path.display()),
        }
    }

    fn reloaded(&mut self, cause: Cause) -> Action {
        let loaded = self.load();
        Action::Loaded(Box::new(Reloaded { loaded, cause }))
    }

    /// The tip's files changed: read the dataset again only if the tip is
    /// not where this session left it (its own save moves it too).
    fn follow_tip(&mut self) -> Option<Action> {
        let tip = live::tip(&self.location);
        if tip == self.loaded_at {
            return None;
        }
        let since = self.loaded_at.clone();
        let loaded = self.load();
        let arrivals = match &self.loaded_at {
            Some(to) => live::arrivals(&self.location, since.as_ref(), to).unwrap_or_default(),
            None => Vec::new(),
        };
        let cause = Cause::Arrived(arrivals);
        Some(Action::Loaded(Box::new(Reloaded { loaded, cause })))
    }

    fn save(&mut self, mut change: edit::Edit, author: Option<&Identity>) -> Action {
        let Some(author) = author else {
            return Action::SaveFailed(NOBODY.into());
        };
        change.loaded_from = self.loaded_at.clone();
        match edit::save(&self.location, author, &change) {
            Ok(saved) => {
                let summary = summary(&saved, "Saved", author);
                let catch_up = if saved.rebased {
                    // Someone else committed too: read their changes.
                    CatchUp::Reload(self.load())
                } else {
                    self.loaded_at = Some(edit::commit_id(saved.commit));
                    CatchUp::Apply(Box::new(change))
                };
                Action::Saved(Box::new(Saved {
                    wrote: Wrote::Commitment,
                    summary,
                    catch_up,
                }))
            }
            Err(EditError::Conflict(conflict)) => Action::SaveConflicted {
                theirs: conflict.theirs.map(Box::new),
                last_change: conflict.last_change,
            },
            Err(EditError::NoChange) => Action::Saved(Box::new(Saved {
                wrote: Wrote::Commitment,
                summary: "Nothing to save: the commitment is already so".into(),
                catch_up: CatchUp::Nothing,
            })),
            Err(error) => Action::SaveFailed(error.to_string()),
        }
    }

    fn add_actor(&mut self, actor: &crate::model::Actor, author: Option<&Identity>) -> Action {
        let Some(author) = author else {
            return Action::SaveFailed(NOBODY.into());
        };
        match edit::save_actor(&self.location, author, actor, "") {
            Ok(saved) => Action::Saved(Box::new(Saved {
                wrote: Wrote::Actor(actor.id.clone()),
                summary: summary(&saved, &format!("Added {}:", actor.name), author),
                catch_up: CatchUp::Reload(self.load()),
            })),
            Err(error) => Action::SaveFailed(error.to_string()),
        }
    }

    /// Reverts `asked`, the author's last edit as the user was shown it;
    /// refused when their last edit is now another (another session of
    /// theirs may have committed since).
    fn undo(&mut self, asked: LastEdit, author: Option<&Identity>) -> Action {
        let Some(author) = author else {
            return Action::Notice(format!("Nothing undone: {NOBODY}"));
        };
        match edit::last_edit(&self.location, author) {
            Ok(Some(last)) if last.commit == asked.commit => {}
            Ok(_) => {
                return Action::Notice(
                    "Nothing undone: your last edit is no longer the one you were asked about; \
                     press undo again"
                        .into(),
                );
            }
            Err(error) => return Action::Notice(format!("Nothing undone: {error}")),
        }
        match edit::undo_last(&self.location, author) {
            Ok(saved) => Action::Saved(Box::new(Saved {
                summary: summary(&saved, "Undid your last edit with", author),
                wrote: Wrote::Undo {
                    commit: saved.commit.to_string().chars().take(7).collect(),
                    warning: saved.warning.clone(),
                    edit: Box::new(asked),
                },
                catch_up: CatchUp::Reload(self.load()),
            })),
            Err(error) => Action::Notice(format!("Nothing undone: {error}")),
        }
    }

    /// The draft file of `author`, looked up only for a new author.
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
}

const NOBODY: &str = "nobody named: press i to say who is editing";

fn summary(saved: &edit::Saved, what: &str, author: &Identity) -> String {
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
