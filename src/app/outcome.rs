//! What finished work reports back: the values the runner's jobs end with,
//! and how `update` applies them. A job never touches the state itself; its
//! result arrives here as an [`Action`] like any key.

use super::editing::Modal;
use super::{Action, Effect, State};
use crate::model::{Arrival, Dataset, Edit, Problems};

/// Why the dataset was read again.
#[derive(Debug, Clone, PartialEq)]
pub enum Cause {
    /// The user asked (Ctrl-R, or Enter on the problems screen).
    Asked,
    /// The branch tip moved under the screen: these commits arrived, oldest
    /// first.
    Arrived(Vec<Arrival>),
}

/// A dataset read again, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Reloaded {
    /// The dataset, or the problems that stop it loading.
    pub loaded: Result<Dataset, Problems>,
    /// What asked for it.
    pub cause: Cause,
}

/// What was written.
#[derive(Debug, Clone, PartialEq)]
pub enum Wrote {
    /// The commitment open in the edit form.
    Commitment,
    /// A new actor, with this id.
    Actor(String),
    /// A commit (`commit`, short) undoing the author's last edit, `edit`;
    /// `warning` says what the user should know although it stands.
    Undo {
        /// The edit undone, as the user was asked about it.
        edit: Box<crate::model::LastEdit>,
        /// The undoing commit's short id.
        commit: String,
        /// What is left to finish, when anything is.
        warning: Option<String>,
    },
}

/// How the screen catches up with the branch after a write.
#[derive(Debug, Clone, PartialEq)]
pub enum CatchUp {
    /// Nothing was committed.
    Nothing,
    /// Only this edit is new since the last load: apply it in place,
    /// without reading every file again.
    Apply(Box<Edit>),
    /// Others committed too, or the write touched more than one commitment:
    /// the dataset as read again.
    Reload(Result<Dataset, Problems>),
}

/// A write that went in (or had nothing to do).
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    /// What was written.
    pub wrote: Wrote,
    /// For the status line ("Saved 1a2b3c4 as Ada <ada@example.org>").
    pub summary: String,
    /// How the screen catches up.
    pub catch_up: CatchUp,
}

/// Applies a result action (see [`Action::is_result`]).
pub(super) fn apply(state: &mut State, action: Action) -> Vec<Effect> {
    state.dirty = true;
    match action {
        Action::Loaded(reloaded) => {
            let Reloaded { loaded, cause } = *reloaded;
            let fine = loaded.is_ok();
            let news = match &cause {
                Cause::Arrived(arrivals) => describe_arrivals(arrivals, loaded.as_ref().ok()),
                Cause::Asked => None,
            };
            state.replace_dataset(loaded);
            match (fine, cause, news) {
                (false, _, _) => state.say("The dataset has problems"),
                (true, Cause::Asked, _) => state.say("Reloaded"),
                (true, Cause::Arrived(_), Some(news)) => state.say_unasked(news),
                (true, Cause::Arrived(_), None) => {}
            }
        }
        Action::Saved(saved) => {
            let Saved {
                wrote,
                summary,
                catch_up,
            } = *saved;
            match catch_up {
                CatchUp::Nothing => {}
                CatchUp::Apply(edit) => {
                    let Edit {
                        actor,
                        recommendation,
                        new,
                        ..
                    } = *edit;
                    state.apply_saved(&actor, &recommendation, new);
                }
                CatchUp::Reload(loaded) => state.replace_dataset(loaded),
            }
            match wrote {
                Wrote::Commitment => {
                    // The form stayed open (and deaf) while saving: close it
                    // now, and only it; a draft offer shown meanwhile stays.
                    if matches!(state.modal, Some(Modal::Edit(_))) {
                        state.saved(summary);
                    } else {
                        state.say(summary);
                    }
                    return vec![Effect::DiscardDraft];
                }
                Wrote::Actor(id) => {
                    if matches!(state.modal, Some(Modal::AddActor(_))) {
                        state.modal = None;
                    }
                    state.select_actor(&id);
                    state.say(summary);
                }
                // Undo offers redo, unless a form was opened while it ran.
                Wrote::Undo {
                    edit,
                    commit,
                    warning,
                } => {
                    if state.modal.is_none() {
                        state.undone(*edit, &commit);
                    } else {
                        state.say(summary);
                    }
                    if let Some(warning) = warning {
                        state.say(warning);
                    }
                }
            }
        }
        Action::SaveConflicted {
            theirs,
            last_change,
        } => state.save_conflicted_by(theirs.map(|c| *c), last_change),
        Action::SaveFailed(reason) => state.save_failed(reason),
        Action::NoteEdited(note) => state.note_edited(note),
        Action::DraftFound(draft) => {
            // It comes first, even over the form just opened by naming the
            // author; never over anything the user has begun to type.
            let untouched = match &state.modal {
                None => true,
                Some(Modal::Edit(form)) => !form.is_changed(),
                Some(_) => false,
            };
            if untouched {
                state.offer_draft(*draft);
            } else {
                // Typing keeps its own draft, in the same place: say what
                // gave way rather than lose it silently.
                state.say(format!(
                    "The unsaved edit of {} · {} kept from an earlier session \
                     gave way to this one",
                    draft.actor, draft.recommendation
                ));
            }
        }
        Action::Notice(text) => state.say(text),
        other => return super::history::apply(state, other),
    }
    Vec::new()
}

/// The status line after others' commits arrived: "updated: Bo changed
/// France · oversight", naming the newest few. `None` when nothing arrived.
pub fn describe_arrivals(arrivals: &[Arrival], dataset: Option<&Dataset>) -> Option<String> {
    const SHOWN: usize = 2;
    let describe = |arrival: &Arrival| {
        let actor = arrival.actor.as_deref().map(|id| {
            dataset
                .and_then(|d| d.actor(id))
                .map_or(id.to_string(), |a| a.name.clone())
        });
        match (actor, &arrival.recommendation) {
            (Some(actor), Some(rec)) => format!("{} changed {actor} · {rec}", arrival.author),
            (Some(actor), None) => format!("{} changed {actor}", arrival.author),
            _ => format!("{} committed", arrival.author),
        }
    };
    // The same change made again and again (a script's loop) reads once,
    // with its count.
    let mut groups: Vec<(String, usize)> = Vec::new();
    for text in arrivals.iter().rev().map(describe) {
        match groups.iter_mut().find(|(seen, _)| *seen == text) {
            Some((_, count)) => *count += 1,
            None => groups.push((text, 1)),
        }
    }
    if groups.is_empty() {
        return None;
    }
    let shown: Vec<String> = groups
        .iter()
        .take(SHOWN)
        .map(|(text, count)| match count {
            1 => text.clone(),
            n => format!("{text} ×{n}"),
        })
        .collect();
    let mut line = format!("updated: {}", shown.join("; "));
    let rest: usize = groups.iter().skip(SHOWN).map(|(_, count)| count).sum();
    if rest > 0 {
        line.push_str(&format!(" and {rest} more"));
    }
    Some(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arrival(author: &str, actor: Option<&str>, rec: Option<&str>) -> Arrival {
        Arrival {
            author: author.into(),
            actor: actor.map(Into::into),
            recommendation: rec.map(Into::into),
        }
    }

    #[test]
    fn arrivals_read_newest_first_and_count_the_rest() {
        let arrivals = [
            arrival("Ada", Some("kenya"), Some("blacklist")),
            arrival("Cy", None, None),
            arrival("Bo", Some("france"), Some("oversight")),
        ];
        assert_eq!(
            describe_arrivals(&arrivals, None).as_deref(),
            Some("updated: Bo changed france · oversight; Cy committed and 1 more")
        );
        assert_eq!(describe_arrivals(&[], None), None);
        let again = [
            arrival("Bo", Some("france"), Some("oversight")),
            arrival("Ada", Some("kenya"), Some("blacklist")),
            arrival("Bo", Some("france"), Some("oversight")),
            arrival("Cy", None, None),
            arrival("Bo", Some("france"), Some("oversight")),
            arrival("Cy", None, None),
            arrival("Di", None, None),
        ];
        assert_eq!(
            describe_arrivals(&again, None).as_deref(),
            Some("updated: Di committed; Cy committed ×2 and 4 more")
        );
        assert_eq!(
            describe_arrivals(&[arrival("Di", Some("g7"), None)], None).as_deref(),
            Some("updated: Di changed g7")
        );
    }
}
