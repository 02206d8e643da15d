//! What the history view asks of the store beyond the walk: a commit's raw
//! diff, the length of the branch's line, and whether a commit read earlier
//! is still on it. On a real repository built here with git.

mod tui_history_support;

use reconvene::model::CommitId;
use reconvene::store::history::History;
use tui_history_support::*;

fn id(text: &str) -> CommitId {
    CommitId::new(text).expect("a commit id")
}

#[test]
fn a_raw_diff_is_gits_patch_for_the_dataset_folder_only() {
    let record = record();
    let history = History::open(&record.location).expect("history");
    let diff = history.raw_diff(&id(&record.readme)).expect("the diff");
    assert!(
        diff.contains("diff --git a/data/actors/f/france.ron b/data/actors/f/france.ron"),
        "{diff}"
    );
    assert!(
        diff.lines()
            .any(|l| l.starts_with('-') && l.contains("Initiated")),
        "{diff}"
    );
    assert!(
        diff.lines()
            .any(|l| l.starts_with('+') && l.contains("Endorsed")),
        "{diff}"
    );
    assert!(
        !diff.contains("README"),
        "the README is not the dataset's: {diff}"
    );

    // The first commit is read against nothing: every file added.
    let import = history.raw_diff(&id(&record.import)).expect("the diff");
    assert!(import.contains("new file mode"), "{import}");
    assert!(import.contains("+++ b/data/reconvene.ron"), "{import}");
}

#[test]
fn a_commit_that_is_not_in_the_repository_is_a_clear_error() {
    let record = record();
    let history = History::open(&record.location).expect("history");
    let missing = id(&"1".repeat(40));
    let error = history.raw_diff(&missing).expect_err("no such commit");
    assert!(error.to_string().contains(&"1".repeat(40)), "{error}");
}

#[test]
fn the_line_counts_every_commit_and_knows_a_rewritten_history() {
    let record = record();
    let root = record.location.repo_root.clone();
    let history = History::open(&record.location).expect("history");
    assert_eq!(history.line_length().expect("length"), 4);
    let tip = history.tip().expect("tip");
    let graded = git2::Oid::from_str(&record.graded).expect("oid");
    assert!(history.descends_from(tip, graded).expect("ancestry"));
    assert!(history.descends_from(tip, tip).expect("ancestry"));

    // Rewrite the last two commits away and commit anew.
    git_as(
        &root,
        CAROL,
        "2024-08-01",
        &["reset", "-q", "--hard", &record.graded],
    );
    write(&root.join("NOTES.md"), "elsewhere\n");
    commit(&root, CAROL, "2024-08-01", "Another line of history");
    let history = History::open(&record.location).expect("history");
    let tip = history.tip().expect("tip");
    let hostile = git2::Oid::from_str(&record.hostile).expect("oid");
    assert!(!history.descends_from(tip, hostile).expect("ancestry"));
    assert_eq!(history.line_length().expect("length"), 3);
}
