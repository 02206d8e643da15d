//! Saving one commitment: the commit, its attribution and diff, the working
//! tree, and every refusal.

mod edit_support;

use edit_support::*;
use reconvene::model::{Evidence, Provenance, Status};
use reconvene::store::edit::{EditError, describe, save};

fn diff_lines(location: &reconvene::store::DatasetLocation) -> (Vec<String>, usize, usize) {
    let repo = repo(location);
    let tip = repo.head().unwrap().peel_to_commit().unwrap();
    let parent = tip.parent(0).unwrap();
    let diff = repo
        .diff_tree_to_tree(
            Some(&parent.tree().unwrap()),
            Some(&tip.tree().unwrap()),
            None,
        )
        .unwrap();
    let files = diff
        .deltas()
        .map(|d| d.new_file().path().unwrap().display().to_string())
        .collect();
    let stats = diff.stats().unwrap();
    (files, stats.insertions(), stats.deletions())
}

#[test]
fn a_status_change_is_one_commit_by_its_author_touching_one_line_of_one_file() {
    let (_dir, location) = fixture();
    let before = commit_count(&location);
    let edit = edit(&location, "united-states", "blacklist", |c| {
        c.status = Status::Implemented
    });
    let saved = save(&location, &alice(), &edit).unwrap();

    assert_eq!(commit_count(&location), before + 1);
    assert_eq!(tip(&location), saved.commit);
    assert!(!saved.rebased);
    assert_eq!(saved.warning, None);
    let repo = repo(&location);
    let commit = repo.find_commit(saved.commit).unwrap();
    for signature in [commit.author(), commit.committer()] {
        assert_eq!(signature.name().unwrap(), "Alice Coordinator");
        assert_eq!(signature.email().unwrap(), "alice@example.org");
    }
    assert_eq!(
        commit.message().unwrap(),
        "United States · blacklist: Initiated → Implemented\n\n\
         Actor: united-states\nRecommendation: blacklist\n"
    );
    let (files, added, removed) = diff_lines(&location);
    assert_eq!(files, vec!["data/actors/u/united-states.ron".to_string()]);
    assert_eq!((added, removed), (1, 1));

    // The working tree holds exactly the committed blob, and git sees no change.
    let blob = commit
        .tree()
        .unwrap()
        .get_path(std::path::Path::new("data/actors/u/united-states.ron"))
        .unwrap()
        .to_object(&repo)
        .unwrap()
        .peel_to_blob()
        .unwrap();
    let on_disk = std::fs::read(actor_file(&location, "united-states")).unwrap();
    assert_eq!(blob.content(), on_disk.as_slice());
    assert_eq!(git_status(&location), Vec::<String>::new());
    assert_eq!(
        actor_on_disk(&location, "united-states").commitments["blacklist"].status,
        Status::Implemented
    );
}

#[test]
fn the_callers_message_comes_first_and_the_trailers_are_still_added() {
    let (_dir, location) = fixture();
    let mut edit = edit(&location, "france", "oversight", |c| {
        c.note = "Parliament committee reviews intrusion software".into()
    });
    edit.message = "France: oversight note from the March hearing".into();
    let saved = save(&location, &bob(), &edit).unwrap();
    let repo = repo(&location);
    let commit = repo.find_commit(saved.commit).unwrap();
    assert_eq!(
        commit.message().unwrap(),
        "France: oversight note from the March hearing\n\n\
         Actor: france\nRecommendation: oversight\n"
    );
    assert_eq!(commit.author().name().unwrap(), "Bob Reviewer");
}

#[test]
fn describe_names_every_kind_of_change() {
    let old = edit_support::actor("x", "X").commitments["blacklist"].clone();
    let mut new = old.clone();
    assert_eq!(
        describe("X", "blacklist", Some(&old), &new),
        "X · blacklist: reassessed"
    );
    new.status = Status::Substantial;
    new.note = "Law passed".into();
    new.evidence.push(Evidence {
        title: "Law".into(),
        source: "Gazette".into(),
        date: None,
        url: None,
        provenance: Provenance::Independent,
        supports: Status::Substantial,
    });
    assert_eq!(
        describe("X", "blacklist", Some(&old), &new),
        "X · blacklist: Initiated → Substantial, note changed, evidence added"
    );
    assert_eq!(
        describe("X", "blacklist", Some(&new), &old),
        "X · blacklist: Substantial → Initiated, note changed, evidence removed"
    );
    assert_eq!(
        describe("X", "blacklist", None, &new),
        "X · blacklist: Substantial (new), evidence added"
    );
}

#[test]
fn a_file_with_hand_edits_is_refused_shown_and_left_byte_identical() {
    let (_dir, location) = fixture();
    let path = actor_file(&location, "united-states");
    let hand_edited = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Announced, not yet in force.", "Hand edit in progress");
    std::fs::write(&path, &hand_edited).unwrap();
    let before = commit_count(&location);
    let edit = edit(&location, "united-states", "blacklist", |c| {
        c.status = Status::Implemented
    });
    match save(&location, &alice(), &edit) {
        Err(EditError::UncommittedChanges {
            path: reported,
            diff,
        }) => {
            assert_eq!(reported, path);
            assert!(
                diff.contains("-            note: \"Announced, not yet in force.\","),
                "{diff}"
            );
            assert!(
                diff.contains("+            note: \"Hand edit in progress\","),
                "{diff}"
            );
        }
        other => panic!("expected UncommittedChanges, got {other:?}"),
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), hand_edited);
    assert_eq!(commit_count(&location), before);
}

#[test]
fn a_staged_change_to_the_file_is_refused_too() {
    let (_dir, location) = fixture();
    let path = actor_file(&location, "france");
    let original = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, original.replace("Endorsed", "Implemented")).unwrap();
    git(&location.repo_root, &["add", "data/actors/f/france.ron"]);
    std::fs::write(&path, &original).unwrap();
    let edit = edit(&location, "france", "blacklist", |c| {
        c.status = Status::Reversed
    });
    let error = save(&location, &alice(), &edit).unwrap_err();
    assert!(
        matches!(error, EditError::UncommittedChanges { .. }),
        "{error}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), original);
}

#[test]
fn an_unborn_branch_takes_a_first_actor_and_then_edits() {
    let (_dir, location) = empty_fixture();
    let mut new_actor = edit_support::actor("germany", "Germany");
    new_actor.commitments.remove("oversight");
    let saved = reconvene::store::edit::save_actor(&location, &alice(), &new_actor, "").unwrap();
    let repo = repo(&location);
    let commit = repo.find_commit(saved.commit).unwrap();
    assert_eq!(commit.parent_count(), 0);
    assert_eq!(commit.message().unwrap(), "Add Germany\n\nActor: germany\n");
    assert_eq!(actor_on_disk(&location, "germany"), new_actor);
    assert_eq!(git_status(&location), Vec::<String>::new());

    let edit = edit(&location, "germany", "blacklist", |c| {
        c.status = Status::Substantial
    });
    save(&location, &alice(), &edit).unwrap();
    assert_eq!(commit_count(&location), 2);
}

#[test]
fn adding_an_actor_that_exists_is_refused() {
    let (_dir, location) = fixture();
    let before = commit_count(&location);
    let error = reconvene::store::edit::save_actor(
        &location,
        &alice(),
        &edit_support::actor("france", "France again"),
        "",
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "an actor `france` already exists (data/actors/f/france.ron); edit it instead"
    );
    assert_eq!(commit_count(&location), before);
}

#[test]
fn a_new_actor_goes_to_its_letter_folder_and_its_commitments_must_exist() {
    let (_dir, location) = fixture();
    let mut new_actor = edit_support::actor("japan", "Japan");
    let saved = reconvene::store::edit::save_actor(&location, &bob(), &new_actor, "").unwrap();
    assert!(actor_file(&location, "japan").ends_with("data/actors/j/japan.ron"));
    assert_eq!(actor_on_disk(&location, "japan"), new_actor);
    let (files, _, _) = diff_lines(&location);
    assert_eq!(files, vec!["data/actors/j/japan.ron".to_string()]);
    assert_eq!(tip(&location), saved.commit);

    new_actor.id = "kenya".into();
    new_actor
        .commitments
        .insert("no-such-recommendation".into(), Default::default());
    let error = reconvene::store::edit::save_actor(&location, &bob(), &new_actor, "").unwrap_err();
    assert_eq!(
        error.to_string(),
        "no recommendation `no-such-recommendation` in the dataset (valid: blacklist, oversight, export-safeguards)"
    );
}

#[test]
fn an_actor_file_outside_its_letter_folder_is_found_and_edited_in_place() {
    let (_dir, location) = fixture();
    std::fs::create_dir_all(location.dataset_dir.join("actors/europe")).unwrap();
    git(
        &location.repo_root,
        &[
            "mv",
            "data/actors/f/france.ron",
            "data/actors/europe/france.ron",
        ],
    );
    git(&location.repo_root, &["commit", "-qm", "Move France"]);
    let edit = edit(&location, "france", "blacklist", |c| {
        c.status = Status::Reversed
    });
    save(&location, &alice(), &edit).unwrap();
    let (files, added, removed) = diff_lines(&location);
    assert_eq!(files, vec!["data/actors/europe/france.ron".to_string()]);
    assert_eq!((added, removed), (1, 1));
    assert!(!actor_file(&location, "france").exists());
    assert_eq!(git_status(&location), Vec::<String>::new());
}

#[test]
fn unknown_actor_and_unknown_recommendation_are_refused() {
    let (_dir, location) = fixture();
    let mut edit = edit(&location, "france", "blacklist", |c| {
        c.status = Status::Reversed
    });
    edit.actor = "atlantis".into();
    let error = save(&location, &alice(), &edit).unwrap_err();
    assert_eq!(error.to_string(), "no actor `atlantis` in the dataset");
    edit.actor = "france".into();
    edit.recommendation = "moon-landing".into();
    edit.base = None;
    let error = save(&location, &alice(), &edit).unwrap_err();
    assert!(
        matches!(error, EditError::UnknownRecommendation { .. }),
        "{error}"
    );
}

#[test]
fn saving_what_is_already_there_makes_no_commit() {
    let (_dir, location) = fixture();
    let before = commit_count(&location);
    let edit = edit(&location, "france", "blacklist", |_| {});
    let error = save(&location, &alice(), &edit).unwrap_err();
    assert!(matches!(error, EditError::NoChange), "{error}");
    assert_eq!(commit_count(&location), before);
}

#[test]
fn control_sequences_in_a_message_never_reach_history() {
    let (_dir, location) = fixture();
    let mut edit = edit(&location, "france", "blacklist", |c| {
        c.status = Status::Reversed
    });
    edit.message = "Withdrawn \u{1b}[2J\r\nsee the decree".into();
    let saved = save(&location, &alice(), &edit).unwrap();
    let repo = repo(&location);
    let message = repo
        .find_commit(saved.commit)
        .unwrap()
        .message()
        .unwrap()
        .to_string();
    assert_eq!(
        message,
        "Withdrawn \u{fffd}[2J\nsee the decree\n\nActor: france\nRecommendation: blacklist\n"
    );
}
