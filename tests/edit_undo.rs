//! Undo, drafts kept across a crash, and cleaning up after a killed process.

mod edit_support;

use edit_support::*;
use reconvene::model::Status;
use reconvene::store::DatasetLocation;
use reconvene::store::clean_stray_temp_files;
use reconvene::store::edit::{EditError, save, undo_last};
use reconvene::store::identity::Identity;
use reconvene::store::recovery::{DraftSession, finish_interrupted_save};

/// `who` sets `actor`'s commitment to `rec` to `status`; the save must succeed.
fn save_status(location: &DatasetLocation, who: &Identity, actor: &str, rec: &str, status: Status) {
    save(
        location,
        who,
        &edit(location, actor, rec, |c| c.status = status),
    )
    .unwrap();
}

#[test]
fn undo_restores_the_authors_last_edit_with_a_new_commit_and_walks_back_further() {
    let (_dir, location) = fixture();
    let original = actor_on_disk(&location, "france").commitments["blacklist"].clone();
    save_status(
        &location,
        &alice(),
        "france",
        "blacklist",
        Status::Substantial,
    );
    let after_first = actor_on_disk(&location, "france").commitments["blacklist"].clone();
    let first = tip(&location);
    save_status(
        &location,
        &alice(),
        "france",
        "blacklist",
        Status::Implemented,
    );
    let second = tip(&location);
    // Someone else's later edit elsewhere is not Alice's to undo.
    save(
        &location,
        &bob(),
        &edit(&location, "united-states", "oversight", |c| {
            c.note = "Bob".into()
        }),
    )
    .unwrap();
    let count = commit_count(&location);

    let undone = undo_last(&location, &alice()).unwrap();
    assert_eq!(commit_count(&location), count + 1);
    assert_eq!(
        actor_on_disk(&location, "france").commitments["blacklist"],
        after_first
    );
    assert_eq!(
        actor_on_disk(&location, "united-states").commitments["oversight"].note,
        "Bob"
    );
    let repo = repo(&location);
    let commit = repo.find_commit(undone.commit).unwrap();
    assert_eq!(commit.author().name().unwrap(), "Alice Coordinator");
    assert_eq!(
        commit.message().unwrap(),
        format!(
            "Undo: France · blacklist: Substantial → Implemented\n\n\
             Actor: france\nRecommendation: blacklist\nUndoes: {second}\n"
        )
    );
    // History is kept: the undone commit is still an ancestor.
    assert!(repo.graph_descendant_of(undone.commit, second).unwrap());

    undo_last(&location, &alice()).unwrap();
    assert_eq!(
        actor_on_disk(&location, "france").commitments["blacklist"],
        original
    );
    assert!(repo.graph_descendant_of(tip(&location), first).unwrap());
    let error = undo_last(&location, &alice()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "nothing to undo: no edit by Alice Coordinator <alice@example.org> on this branch"
    );
    assert_eq!(git_status(&location), Vec::<String>::new());
}

#[test]
fn undo_is_refused_when_someone_else_changed_that_commitment_since() {
    let (_dir, location) = fixture();
    save_status(
        &location,
        &alice(),
        "france",
        "oversight",
        Status::Initiated,
    );
    save_status(
        &location,
        &bob(),
        "france",
        "oversight",
        Status::Substantial,
    );
    let count = commit_count(&location);
    let error = undo_last(&location, &alice()).unwrap_err();
    let EditError::Conflict(conflict) = error else {
        panic!("expected a conflict, got {error:?}");
    };
    assert_eq!(conflict.theirs.unwrap().status, Status::Substantial);
    assert_eq!(conflict.yours.unwrap().status, Status::Endorsed);
    assert_eq!(commit_count(&location), count);
}

#[test]
fn undoing_a_new_commitment_removes_it() {
    let (_dir, location) = fixture();
    save_status(
        &location,
        &alice(),
        "france",
        "export-safeguards",
        Status::Endorsed,
    );
    assert!(
        actor_on_disk(&location, "france")
            .commitments
            .contains_key("export-safeguards")
    );
    undo_last(&location, &alice()).unwrap();
    assert!(
        !actor_on_disk(&location, "france")
            .commitments
            .contains_key("export-safeguards")
    );
}

#[test]
fn a_draft_survives_until_taken_and_each_coordinator_has_their_own() {
    let (_dir, location) = fixture();
    let state = tempfile::tempdir().unwrap();
    let session = DraftSession::start(state.path()).unwrap();
    let draft = edit(&location, "france", "blacklist", |c| {
        c.note = "Half typed when the link dropped".into();
        c.status = Status::Substantial;
    });
    assert_eq!(session.load(&alice()).unwrap(), None);
    session.save(&alice(), &draft).unwrap();
    assert_eq!(session.load(&bob()).unwrap(), None);
    assert_eq!(session.load(&alice()).unwrap(), Some(draft.clone()));
    assert_eq!(session.take(&alice()).unwrap(), Some(draft.clone()));
    assert_eq!(session.load(&alice()).unwrap(), None);
    // Drafts live outside the repository: the working tree stays clean.
    session.save(&alice(), &draft).unwrap();
    assert_eq!(git_status(&location), Vec::<String>::new());
    // A recovered draft still saves as an ordinary edit.
    save(
        &location,
        &alice(),
        &session.take(&alice()).unwrap().unwrap(),
    )
    .unwrap();
    assert_eq!(
        actor_on_disk(&location, "france").commitments["blacklist"].note,
        "Half typed when the link dropped"
    );
}

#[test]
fn two_sessions_under_one_identity_keep_their_own_drafts_and_never_take_a_live_ones() {
    let (_dir, location) = fixture();
    let state = tempfile::tempdir().unwrap();
    let first = DraftSession::start(state.path()).unwrap();
    let second = DraftSession::start(state.path()).unwrap();
    let mine = edit(&location, "france", "blacklist", |c| {
        c.note = "first".into()
    });
    let theirs = edit(&location, "france", "oversight", |c| {
        c.note = "second".into()
    });
    first.save(&alice(), &mine).unwrap();
    second.save(&alice(), &theirs).unwrap();
    assert_eq!(first.load(&alice()).unwrap(), Some(mine.clone()));
    assert_eq!(second.load(&alice()).unwrap(), Some(theirs.clone()));
    // Declining in one session leaves the other's live draft alone.
    second.discard(&alice()).unwrap();
    assert_eq!(
        second.load(&alice()).unwrap(),
        None,
        "a live session's draft was taken"
    );
    assert_eq!(first.load(&alice()).unwrap(), Some(mine.clone()));
    // Once its session has ended, the draft is offered to the next one.
    drop(first);
    let third = DraftSession::start(state.path()).unwrap();
    assert_eq!(third.load(&alice()).unwrap(), Some(mine.clone()));
    assert_eq!(
        second.load(&alice()).unwrap(),
        None,
        "two sessions took one draft"
    );
    third.discard(&alice()).unwrap();
    drop((second, third));
    // A killed process leaves its claim behind; the next session sweeps it.
    std::fs::write(state.path().join("session-999-1.lock"), "").unwrap();
    drop(DraftSession::start(state.path()).unwrap());
    let left: Vec<_> = std::fs::read_dir(state.path()).unwrap().flatten().collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn stray_temp_files_from_a_killed_save_are_removed_and_nothing_else() {
    let (_dir, location) = fixture();
    let stray = [
        location.dataset_dir.join("actors/f/.reconvene-tmp-a1b2c3"),
        location.dataset_dir.join(".reconvene-tmp-zzz"),
        location.repo_root.join(".git/.reconvene-tmp-draft"),
    ];
    for path in &stray {
        std::fs::write(path, "half a file").unwrap();
    }
    let someone_elses = location.dataset_dir.join("actors/f/.notes.tmp");
    std::fs::write(&someone_elses, "keep").unwrap();
    let mut removed = clean_stray_temp_files(&location).unwrap();
    removed.sort();
    let mut expected = stray.to_vec();
    expected.sort();
    assert_eq!(removed, expected);
    assert!(stray.iter().all(|p| !p.exists()));
    assert!(someone_elses.exists());
    assert!(actor_file(&location, "france").exists());
}

#[cfg(unix)]
#[test]
fn a_saved_file_keeps_its_group_write_permission() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, location) = fixture();
    let path = actor_file(&location, "france");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o664)).unwrap();
    save_status(&location, &alice(), "france", "blacklist", Status::Reversed);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o664);
}

/// What a kill between a save's commit and its file update leaves: the
/// working file and the index one commit behind the branch.
fn lose_the_working_tree_update(location: &reconvene::store::DatasetLocation, path: &str) {
    git(&location.repo_root, &["checkout", "HEAD~1", "--", path]);
    assert_ne!(git_status(location), Vec::<String>::new());
}

#[test]
fn a_save_killed_after_its_commit_is_finished_at_the_next_start() {
    let (_dir, location) = fixture();
    save_status(
        &location,
        &alice(),
        "france",
        "blacklist",
        Status::Substantial,
    );
    lose_the_working_tree_update(&location, "data/actors/f/france.ron");

    let finished = finish_interrupted_save(&location).unwrap();
    assert_eq!(finished, Some(actor_file(&location, "france")));
    assert_eq!(git_status(&location), Vec::<String>::new());
    assert_eq!(
        actor_on_disk(&location, "france").commitments["blacklist"].status,
        Status::Substantial
    );
    assert_eq!(finish_interrupted_save(&location).unwrap(), None);
}

#[test]
fn a_save_killed_after_its_commit_is_finished_by_the_next_save_of_that_actor() {
    let (_dir, location) = fixture();
    save_status(
        &location,
        &alice(),
        "france",
        "blacklist",
        Status::Substantial,
    );
    lose_the_working_tree_update(&location, "data/actors/f/france.ron");
    save_status(
        &location,
        &alice(),
        "france",
        "oversight",
        Status::Initiated,
    );
    let france = actor_on_disk(&location, "france");
    assert_eq!(france.commitments["blacklist"].status, Status::Substantial);
    assert_eq!(france.commitments["oversight"].status, Status::Initiated);
    assert_eq!(git_status(&location), Vec::<String>::new());
}

#[test]
fn hand_edits_are_never_taken_for_an_interrupted_save() {
    let (_dir, location) = fixture();
    save_status(
        &location,
        &alice(),
        "france",
        "blacklist",
        Status::Substantial,
    );
    let path = actor_file(&location, "france");
    let hand = std::fs::read_to_string(&path).unwrap() + "// mine\n";
    std::fs::write(&path, &hand).unwrap();
    assert_eq!(finish_interrupted_save(&location).unwrap(), None);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), hand);
}

#[test]
fn undo_does_not_reach_past_an_added_actor() {
    let (_dir, location) = fixture();
    save_status(
        &location,
        &alice(),
        "france",
        "blacklist",
        Status::Substantial,
    );
    reconvene::store::edit::save_actor(
        &location,
        &alice(),
        &edit_support::actor("japan", "Japan"),
        "",
    )
    .unwrap();
    let count = commit_count(&location);
    let error = undo_last(&location, &alice()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "your last edit (\"Add Japan\") added an actor; undo it with `git revert` if it was a mistake"
    );
    assert_eq!(commit_count(&location), count);
    assert_eq!(
        actor_on_disk(&location, "france").commitments["blacklist"].status,
        Status::Substantial
    );
}
