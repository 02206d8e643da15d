//! Saves racing other commits, and refusals of the repository's state.

mod edit_support;

use std::process::Command;

use edit_support::*;
use reconvene::model::Status;
use reconvene::store::edit::{EditError, save};
use reconvene::store::lock::DatasetLock;

#[test]
fn an_external_commit_to_another_actor_between_load_and_save_is_kept_and_ours_applied_on_it() {
    let (_dir, location) = fixture();
    let edit = edit(&location, "united-states", "blacklist", |c| {
        c.status = Status::Implemented
    });
    // Someone commits from a shell meanwhile.
    let france = actor_file(&location, "france");
    let text = std::fs::read_to_string(&france)
        .unwrap()
        .replace("status: Endorsed", "status: Substantial");
    std::fs::write(&france, text).unwrap();
    git(&location.repo_root, &["commit", "-qam", "France oversight"]);
    let theirs = tip(&location);

    let saved = save(&location, &alice(), &edit).unwrap();
    assert!(saved.rebased);
    let repo = repo(&location);
    let commit = repo.find_commit(saved.commit).unwrap();
    assert_eq!(commit.parent_id(0).unwrap(), theirs);
    assert_eq!(
        actor_on_disk(&location, "france").commitments["oversight"].status,
        Status::Substantial
    );
    assert_eq!(
        actor_on_disk(&location, "united-states").commitments["blacklist"].status,
        Status::Implemented
    );
    assert_eq!(git_status(&location), Vec::<String>::new());
}

#[test]
fn another_change_to_the_same_actor_but_another_commitment_is_kept_too() {
    let (_dir, location) = fixture();
    let mine = edit(&location, "france", "blacklist", |c| {
        c.status = Status::Implemented
    });
    let theirs = edit(&location, "france", "oversight", |c| {
        c.note = "Theirs".into()
    });
    save(&location, &bob(), &theirs).unwrap();
    let saved = save(&location, &alice(), &mine).unwrap();
    assert!(saved.rebased);
    let france = actor_on_disk(&location, "france");
    assert_eq!(france.commitments["blacklist"].status, Status::Implemented);
    assert_eq!(france.commitments["oversight"].note, "Theirs");
}

#[test]
fn the_same_commitment_changed_externally_is_a_conflict_showing_both_and_nothing_is_written() {
    let (_dir, location) = fixture();
    let mine = edit(&location, "united-states", "blacklist", |c| {
        c.status = Status::Implemented
    });
    let theirs = edit(&location, "united-states", "blacklist", |c| {
        c.status = Status::Reversed
    });
    save(&location, &bob(), &theirs).unwrap();
    let count = commit_count(&location);
    let file = std::fs::read(actor_file(&location, "united-states")).unwrap();

    let error = save(&location, &alice(), &mine).unwrap_err();
    let EditError::Conflict(conflict) = &error else {
        panic!("expected a conflict, got {error:?}");
    };
    assert_eq!(conflict.theirs.as_ref().unwrap().status, Status::Reversed);
    assert_eq!(conflict.yours.as_ref().unwrap().status, Status::Implemented);
    assert_eq!(
        error.to_string(),
        "united-states · blacklist was changed by someone else since you loaded it \
         (theirs: Reversed, 1 evidence item, note: \"Announced, not yet in force.\"; \
         yours: Implemented, 1 evidence item, note: \"Announced, not yet in force.\")"
    );
    assert_eq!(commit_count(&location), count);
    assert_eq!(
        std::fs::read(actor_file(&location, "united-states")).unwrap(),
        file
    );

    // "Overwrite with mine": the same edit, based on theirs.
    let mut overwrite = mine.clone();
    overwrite.base = conflict.theirs.clone();
    save(&location, &alice(), &overwrite).unwrap();
    assert_eq!(
        actor_on_disk(&location, "united-states").commitments["blacklist"].status,
        Status::Implemented
    );
}

#[test]
fn a_detached_head_is_refused() {
    let (_dir, location) = fixture();
    let edit = edit(&location, "france", "blacklist", |c| {
        c.status = Status::Reversed
    });
    let head = tip(&location).to_string();
    git(&location.repo_root, &["checkout", "-q", "--detach", &head]);
    let error = save(&location, &alice(), &edit).unwrap_err();
    assert_eq!(
        error.to_string(),
        "HEAD is detached; check out a branch (`git switch main`) before editing"
    );
    assert_eq!(tip(&location).to_string(), head);
}

#[test]
fn a_merge_in_progress_is_refused() {
    let (_dir, location) = fixture();
    let edit = edit(&location, "france", "blacklist", |c| {
        c.status = Status::Reversed
    });
    let head = tip(&location).to_string();
    std::fs::write(
        location.repo_root.join(".git/MERGE_HEAD"),
        format!("{head}\n"),
    )
    .unwrap();
    let error = save(&location, &alice(), &edit).unwrap_err();
    assert_eq!(
        error.to_string(),
        "a merge is in progress in the repository; finish or abort it before editing"
    );
}

#[test]
fn a_held_lock_makes_a_save_give_up_with_a_clear_message() {
    let (_dir, location) = fixture();
    let git_dir = location.repo_root.join(".git");
    let _held = DatasetLock::acquire(&git_dir, std::time::Duration::ZERO).unwrap();
    let count = commit_count(&location);
    let edit = edit(&location, "france", "blacklist", |c| {
        c.status = Status::Reversed
    });
    let error = save(&location, &alice(), &edit).unwrap_err();
    assert!(matches!(error, EditError::LockTimeout { .. }), "{error:?}");
    assert!(
        error
            .to_string()
            .contains("another save has held the lock too long; try again"),
        "{error}"
    );
    assert_eq!(commit_count(&location), count);
}

#[test]
fn a_stale_git_index_lock_is_reported_with_how_to_clear_it_and_left_in_place() {
    let (_dir, location) = fixture();
    let lock = location.repo_root.join(".git/index.lock");
    std::fs::write(&lock, "").unwrap();
    let count = commit_count(&location);
    let edit = edit(&location, "france", "blacklist", |c| {
        c.status = Status::Reversed
    });
    let error = save(&location, &alice(), &edit).unwrap_err();
    let said = error.to_string();
    let stale = format!(
        "{}: git's lock file exists; it looks stale: no process of yours has it open and \
         no git command is running in this repository, so a git command that crashed left it",
        lock.display()
    );
    assert!(said.starts_with(&stale), "{said}");
    let advice = format!("; remove it (`rm {}`) and try again", lock.display());
    assert!(said.ends_with(&advice), "{said}");
    assert!(lock.exists());
    assert_eq!(commit_count(&location), count);
}

#[test]
fn a_repository_owned_by_another_user_gets_gits_safe_directory_advice_once() {
    let (_dir, location) = fixture();
    // Only root can give a folder away; elsewhere there is nothing to test.
    let given = Command::new("chown")
        .args(["-R", "54321:54321"])
        .arg(&location.repo_root)
        .status()
        .is_ok_and(|status| status.success());
    if !given {
        eprintln!("skipped: chown needs root here");
        return;
    }
    let error = reconvene::store::DatasetLocation::find(&location.repo_root).unwrap_err();
    let said = error.to_string();
    let root = location.repo_root.canonicalize().unwrap();
    assert_eq!(
        said,
        format!(
            "{0}: the repository is owned by another user; if you trust it, tell git so: \
             git config --global --add safe.directory '{0}'",
            root.display()
        )
    );
    let error = save(
        &location,
        &alice(),
        &reconvene::store::edit::Edit {
            actor: "france".into(),
            recommendation: "blacklist".into(),
            base: None,
            new: Default::default(),
            message: String::new(),
            loaded_from: None,
        },
    )
    .unwrap_err();
    assert_eq!(
        error.to_string().matches("safe.directory").count(),
        1,
        "{error}"
    );
}

#[test]
fn a_conflict_names_who_last_changed_the_commitment_and_when_past_later_edits_to_others() {
    let (_dir, location) = fixture();
    let mine = edit(&location, "united-states", "blacklist", |c| {
        c.status = Status::Implemented
    });
    let theirs = edit(&location, "united-states", "blacklist", |c| {
        c.status = Status::Reversed
    });
    let by_bob = save(&location, &bob(), &theirs).unwrap().commit;
    // A later edit by Alice to another commitment of the same actor.
    let other = edit(&location, "united-states", "oversight", |c| {
        c.status = Status::Implemented
    });
    save(&location, &alice(), &other).unwrap();
    let error = save(&location, &alice(), &mine).unwrap_err();
    let EditError::Conflict(conflict) = &error else {
        panic!("expected a conflict, got {error:?}");
    };
    let seconds = repo(&location)
        .find_commit(by_bob)
        .unwrap()
        .time()
        .seconds();
    let when = chrono::DateTime::from_timestamp(seconds, 0)
        .unwrap()
        .format("%Y-%m-%d %H:%M UTC")
        .to_string();
    assert_eq!(
        conflict.last_change,
        Some(reconvene::model::LastChange {
            author: "Bob Reviewer".into(),
            when,
        })
    );
}
