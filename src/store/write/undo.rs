//! Undo: a new commit restoring a commitment to its state before the
//! author's own last edit. History is never rewritten.

use std::collections::HashSet;

use git2::{Oid, Repository};

use crate::model::Commitment;
use crate::store::DatasetLocation;
use crate::store::commit::{self, Plan};
use crate::store::edit::{Conflict, EditError, Saved, message_with_trailers};
use crate::store::identity::Identity;

/// The `Key: value` lines of a message's last paragraph.
pub(crate) fn trailers(message: &str) -> Vec<(&str, &str)> {
    let last = message.trim_end().rsplit("\n\n").next().unwrap_or_default();
    last.lines()
        .filter_map(|line| line.split_once(": "))
        .filter(|(key, _)| !key.is_empty() && !key.contains(' '))
        .map(|(key, value)| (key, value.trim()))
        .collect()
}

fn trailer<'m>(all: &[(&'m str, &'m str)], key: &str) -> Option<&'m str> {
    all.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// The author's last edit not yet undone: (commit, actor, recommendation).
fn last_edit_by(
    repo: &Repository,
    tip: Oid,
    author: &Identity,
) -> Result<Option<(Oid, String, String, String)>, EditError> {
    let mut walk = repo.revwalk()?;
    walk.push(tip)?;
    let mut undone = HashSet::new();
    for oid in walk {
        let oid = oid?;
        let commit = repo.find_commit(oid)?;
        let message = String::from_utf8_lossy(commit.message_bytes()).into_owned();
        let found = trailers(&message);
        if let Some(target) = trailer(&found, "Undoes").and_then(|t| Oid::from_str(t).ok()) {
            undone.insert(target);
            continue;
        }
        let by_author = commit.author().name_bytes() == author.name.as_bytes()
            && commit.author().email_bytes() == author.email.as_bytes();
        if !by_author || undone.contains(&oid) {
            continue;
        }
        let summary = message.lines().next().unwrap_or_default().to_string();
        match (trailer(&found, "Actor"), trailer(&found, "Recommendation")) {
            (Some(actor), Some(recommendation)) => {
                return Ok(Some((oid, actor.into(), recommendation.into(), summary)));
            }
            (Some(_), None) => return Err(EditError::CannotUndo(summary)),
            // Not made by reconvene (a commit from a shell): not ours to undo.
            _ => {}
        }
    }
    Ok(None)
}

fn commitment_in(
    repo: &Repository,
    tree: &git2::Tree<'_>,
    prefix: &str,
    actor: &str,
    recommendation: &str,
) -> Result<Option<Commitment>, EditError> {
    Ok(commit::read_actor(repo, tree, prefix, actor)?
        .and_then(|file| file.actor.commitments.get(recommendation).cloned()))
}

/// Undoes `author`'s own most recent commitment edit on the branch (skipping
/// edits already undone) with a new commit that restores the commitment as
/// it was before. Refused with [`EditError::Conflict`] if someone has changed
/// that commitment since.
pub fn undo_last(location: &DatasetLocation, author: &Identity) -> Result<Saved, EditError> {
    let repo = commit::open(location)?;
    let prefix = commit::dataset_prefix(location)?;
    let tip = commit::read_tip(&repo)?;
    let Some(tip_id) = tip.id() else {
        return Err(EditError::NothingToUndo(author.to_string()));
    };
    let Some((undone, actor_id, recommendation, summary)) = last_edit_by(&repo, tip_id, author)?
    else {
        return Err(EditError::NothingToUndo(author.to_string()));
    };
    let edit_commit = repo.find_commit(undone)?;
    let after = commitment_in(
        &repo,
        &edit_commit.tree()?,
        &prefix,
        &actor_id,
        &recommendation,
    )?;
    let before = match edit_commit.parents().next() {
        Some(parent) => commitment_in(&repo, &parent.tree()?, &prefix, &actor_id, &recommendation)?,
        None => None,
    };
    let undone_text = undone.to_string();
    commit::apply(location, author, &actor_id, Some(tip_id), |view| {
        let Some(mut actor) = view.actor.clone() else {
            return Err(EditError::UnknownActor {
                actor: actor_id.clone(),
            });
        };
        let current = actor.commitments.get(&recommendation);
        if current != after.as_ref() {
            return Err(EditError::Conflict(Box::new(Conflict {
                actor: actor_id.clone(),
                recommendation: recommendation.clone(),
                theirs: current.cloned(),
                yours: before.clone(),
                last_change: crate::store::edit::last_change(location, &actor_id, &recommendation),
            })));
        }
        match &before {
            Some(before) => actor
                .commitments
                .insert(recommendation.clone(), before.clone()),
            None => actor.commitments.remove(&recommendation),
        };
        let message = message_with_trailers(
            &format!("Undo: {summary}"),
            &[
                ("Actor", &actor_id),
                ("Recommendation", &recommendation),
                ("Undoes", &undone_text),
            ],
        );
        Ok(Plan { actor, message })
    })
}

/// What [`undo_last`] would revert for `author` now: their last edit not yet
/// undone, with its time and the commitment before and after it, so the
/// user can be asked first. `None` when they have nothing to undo.
pub fn last_edit(
    location: &DatasetLocation,
    author: &Identity,
) -> Result<Option<crate::model::LastEdit>, EditError> {
    let repo = commit::open(location)?;
    let prefix = commit::dataset_prefix(location)?;
    let Some(tip) = commit::read_tip(&repo)?.id() else {
        return Ok(None);
    };
    let Some((oid, actor, recommendation, summary)) = last_edit_by(&repo, tip, author)? else {
        return Ok(None);
    };
    let edit = repo.find_commit(oid)?;
    let after = commitment_in(&repo, &edit.tree()?, &prefix, &actor, &recommendation)?;
    let before = match edit.parents().next() {
        Some(parent) => commitment_in(&repo, &parent.tree()?, &prefix, &actor, &recommendation)?,
        None => None,
    };
    let time = edit.time();
    let when = chrono::DateTime::from_timestamp(time.seconds(), 0)
        .zip(chrono::FixedOffset::east_opt(time.offset_minutes() * 60))
        .map(|(utc, offset)| utc.with_timezone(&offset).naive_local())
        .unwrap_or_default();
    Ok(Some(crate::model::LastEdit {
        commit: crate::store::edit::commit_id(oid),
        when,
        summary,
        actor,
        recommendation,
        before,
        after,
    }))
}
