//! Starting a new dataset repository.

use std::fs;

use reconvene::store::identity::Identity;
use reconvene::store::{StoreError, embedded, init_repository};

fn author() -> Identity {
    Identity::new("Ada Coordinator", "ada@example.org").expect("valid")
}

/// Every file in the commit's tree, as (path, text).
fn tree_files(repo: &git2::Repository, commit: &git2::Commit) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let tree = commit.tree().expect("tree");
    tree.walk(git2::TreeWalkMode::PreOrder, |folder, entry| {
        if let Ok(blob) = entry.to_object(repo).and_then(|o| o.peel_to_blob()) {
            let path = format!("{folder}{}", entry.name().unwrap_or(""));
            files.push((path, String::from_utf8_lossy(blob.content()).into_owned()));
        }
        git2::TreeWalkResult::Ok
    })
    .expect("walk");
    files.sort();
    files
}

#[test]
fn a_new_repository_holds_the_shipped_dataset_in_one_commit_by_the_author() {
    let parent = tempfile::tempdir().expect("a temporary folder");
    let dir = parent.path().join("new");
    let id = init_repository(&dir, false, &author()).expect("init");
    let repo = git2::Repository::open(&dir).expect("a repository");
    let head = repo.head().expect("head");
    assert_eq!(head.name().ok(), Some("refs/heads/main"));
    let commit = head.peel_to_commit().expect("commit");
    assert_eq!(commit.id(), id);
    assert_eq!(commit.parent_count(), 0);
    assert_eq!(commit.author().name().ok(), Some("Ada Coordinator"));
    assert_eq!(commit.author().email().ok(), Some("ada@example.org"));
    assert_eq!(commit.committer().name().ok(), Some("Ada Coordinator"));
    assert_eq!(
        commit.summary().ok().flatten(),
        Some("Import the shipped dataset")
    );
    let expected: Vec<(String, String)> = embedded::FILES
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    assert_eq!(tree_files(&repo, &commit), expected);
    for (path, text) in embedded::FILES {
        assert_eq!(
            fs::read_to_string(dir.join(path)).ok().as_deref(),
            Some(*text)
        );
    }
    let statuses = repo.statuses(None).expect("status");
    assert!(statuses.is_empty(), "the work tree matches the commit");
}

#[test]
fn an_empty_dataset_holds_only_the_manifest_and_the_recommendations() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    init_repository(dir.path(), true, &author()).expect("init");
    let repo = git2::Repository::open(dir.path()).expect("a repository");
    let commit = repo
        .head()
        .and_then(|h| h.peel_to_commit())
        .expect("commit");
    assert_eq!(
        commit.summary().ok().flatten(),
        Some("Start an empty dataset")
    );
    let paths: Vec<String> = tree_files(&repo, &commit)
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    let expected: Vec<&str> = embedded::FILES
        .iter()
        .map(|(p, _)| *p)
        .filter(|p| *p == "reconvene.ron" || *p == "recommendations.ron")
        .collect();
    assert_eq!(paths, expected);
    assert!(!dir.path().join("actors").exists());
}

#[test]
fn a_folder_that_holds_something_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    fs::write(dir.path().join("notes.txt"), "mine").expect("a file");
    let error = init_repository(dir.path(), false, &author()).expect_err("refused");
    assert!(matches!(error, StoreError::NotEmpty(_)));
    assert_eq!(
        error.to_string(),
        format!(
            "{}: folder is not empty; refusing to overwrite it",
            dir.path().display()
        )
    );
    assert!(!dir.path().join(".git").exists());
    assert_eq!(
        fs::read_to_string(dir.path().join("notes.txt"))
            .ok()
            .as_deref(),
        Some("mine")
    );
}

#[test]
fn a_failed_init_leaves_the_folder_as_empty_as_it_found_it() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    // Built past `Identity::new`'s checks, so that git refuses it after the
    // files are written.
    let refused = Identity {
        name: "A <B>".into(),
        email: "a@example.org".into(),
    };
    let error = init_repository(dir.path(), false, &refused).expect_err("git refuses");
    assert!(matches!(error, StoreError::Git(_)), "{error}");
    let left: Vec<_> = fs::read_dir(dir.path()).expect("folder").collect();
    assert!(left.is_empty(), "{left:?}");
    init_repository(dir.path(), false, &author()).expect("a second attempt works");
}
