//! The record's history on a repository built here commit by commit with
//! the real `git`, at fixed dates, by several authors: an edit, a rename, a
//! hand edit that broke a file and the one that mended it, a merge, and a
//! save through the tool. Checked through the store and the real binary.

mod cli_support;
mod edit_support;

use std::ops::ControlFlow;
use std::path::Path;
use std::process::Command;

use cli_support::{Sandbox, arg};
use edit_support::{actor, alice, git_as, manifest, recommendations, write};
use reconvene::model::{
    Actor, Evidence, Field, PartialDate, Provenance, Status, summarize_changes,
};
use reconvene::store::history::{History, HistoryError, LogQuery, RecordedCommit, Since};
use reconvene::store::{DatasetLocation, actor_to_ron, manifest_to_ron, recommendations_to_ron};

/// Commits everything in `root` with the real git as `who` at `date` (UTC noon).
fn commit(root: &Path, who: (&str, &str), date: &str, message: &str) -> String {
    git_as(root, who, date, &["add", "-A"]);
    git_as(root, who, date, &["commit", "-q", "-m", message]);
    git(root, &["rev-parse", "HEAD"])
}

fn git(root: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .args(args)
        .current_dir(root)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", root.join(".no-home"))
        .env("GIT_AUTHOR_NAME", "Carol Shell")
        .env("GIT_AUTHOR_EMAIL", "carol@example.org")
        .env("GIT_COMMITTER_NAME", "Carol Shell")
        .env("GIT_COMMITTER_EMAIL", "carol@example.org")
        .env("GIT_AUTHOR_DATE", "2024-08-03T12:00:00+00:00")
        .env("GIT_COMMITTER_DATE", "2024-08-03T12:00:00+00:00")
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

const CAROL: (&str, &str) = ("Carol Shell", "carol@example.org");
const ALICE: (&str, &str) = ("Alice Coordinator", "alice@example.org");
const BOB: (&str, &str) = ("Bob Reviewer", "bob@example.org");

/// The commits of the story, by name.
struct Story {
    _dir: tempfile::TempDir,
    location: DatasetLocation,
    import: String,
    graded: String,
    renamed: String,
    broken: String,
    mended: String,
    merge: String,
}

fn put(location: &DatasetLocation, actor: &Actor) {
    write(
        &location.dataset_dir.join(Actor::path_for(&actor.id)),
        &actor_to_ron(actor),
    );
}

fn sanctions() -> Evidence {
    Evidence {
        title: "Treasury sanctions on the Intellexa consortium".into(),
        source: "US Department of the Treasury".into(),
        date: PartialDate::parse("2024-03-05").ok(),
        url: None,
        provenance: Provenance::SelfReported,
        supports: Status::Implemented,
    }
}

fn story() -> Story {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().to_path_buf();
    git(&root, &["init", "-q", "-b", "main"]);
    let location = DatasetLocation {
        repo_root: root.clone(),
        dataset_dir: root.join("data"),
    };
    write(
        &location.dataset_dir.join("reconvene.ron"),
        &manifest_to_ron(&manifest()),
    );
    write(
        &location.dataset_dir.join("recommendations.ron"),
        &recommendations_to_ron(&recommendations()),
    );
    let mut us = actor("united-states", "United States");
    let france = actor("france", "France");
    let mut uk = actor("united-kingdom", "United Kingdom");
    for a in [&us, &france, &uk] {
        put(&location, a);
    }
    let import = commit(&root, CAROL, "2024-01-10", "Import");

    if let Some(c) = us.commitments.get_mut("blacklist") {
        c.status = Status::Implemented;
        c.evidence.push(sanctions());
    }
    put(&location, &us);
    let graded = commit(&root, ALICE, "2024-03-05", "Grade the US sanctions");

    // Bob renames France's id (and so its file).
    let mut republic = france.clone();
    republic.id = "french-republic".into();
    std::fs::remove_file(location.dataset_dir.join(Actor::path_for("france"))).expect("rm");
    put(&location, &republic);
    let renamed = commit(&root, BOB, "2024-06-01", "Use the official name's id");

    let uk_file = location.dataset_dir.join(Actor::path_for("united-kingdom"));
    std::fs::write(&uk_file, "(id: \"united-kingdom\", name: ").expect("write");
    let broken = commit(&root, CAROL, "2024-07-01", "wip");

    uk.commitments.entry("oversight".into()).or_default().note =
        "Oversight rules under review.".into();
    put(&location, &uk);
    let mended = commit(&root, CAROL, "2024-07-02", "Mend the UK file");

    // A side branch edits the republic while main edits the US; merged.
    git(&root, &["switch", "-q", "-c", "side"]);
    republic
        .commitments
        .entry("oversight".into())
        .or_default()
        .status = Status::Initiated;
    put(&location, &republic);
    commit(&root, BOB, "2024-08-01", "France drafts oversight rules");
    git(&root, &["switch", "-q", "main"]);
    us.commitments.entry("oversight".into()).or_default().note = "Reviewed.".into();
    put(&location, &us);
    commit(&root, ALICE, "2024-08-02", "US oversight note");
    git(
        &root,
        &["merge", "-q", "--no-ff", "-m", "Merge side", "side"],
    );
    let merge = git(&root, &["rev-parse", "HEAD"]);
    Story {
        _dir: dir,
        location,
        import,
        graded,
        renamed,
        broken,
        mended,
        merge,
    }
}

fn oid(text: &str) -> git2::Oid {
    git2::Oid::from_str(text).expect("a commit id")
}

fn walk(history: &mut History, query: &LogQuery) -> Vec<RecordedCommit> {
    let mut seen = Vec::new();
    history
        .walk(query, |c| {
            seen.push(c);
            ControlFlow::Continue(())
        })
        .expect("the walk");
    seen
}

#[test]
fn a_commit_reads_as_its_field_level_changes() {
    let story = story();
    let mut history = History::open(&story.location).expect("history");
    let graded = history.commit(oid(&story.graded)).expect("the commit");
    assert_eq!(graded.author_name, "Alice Coordinator");
    assert_eq!(graded.subject, "Grade the US sanctions");
    assert_eq!(
        summarize_changes(&graded.changes),
        vec![
            "United States · blacklist: Initiated → Implemented; evidence added: \
             \"Treasury sanctions on the Intellexa consortium\" (2024-03-05)"
        ]
    );
    let import = history.commit(oid(&story.import)).expect("the import");
    let new_actors: Vec<&str> = import
        .changes
        .iter()
        .filter(|c| c.field == Field::Actor)
        .map(|c| c.actor.as_str())
        .collect();
    assert_eq!(new_actors, ["france", "united-kingdom", "united-states"]);
    let renamed = history.commit(oid(&story.renamed)).expect("the rename");
    assert_eq!(
        summarize_changes(&renamed.changes),
        vec!["France: id france → french-republic"]
    );
}

#[test]
fn a_broken_file_is_reported_at_its_commit_and_the_walk_goes_on() {
    let story = story();
    let mut history = History::open(&story.location).expect("history");
    let seen = walk(&mut history, &LogQuery::default());
    let broken = seen
        .iter()
        .find(|c| c.id.as_str() == story.broken)
        .expect("the broken commit is listed");
    assert_eq!(broken.problems.len(), 1, "{:?}", broken.problems);
    assert_eq!(broken.problems[0].path, "actors/u/united-kingdom.ron");
    assert!(broken.changes.is_empty());
    // The commit that mended it is not blamed for the broken version before
    // it, and is compared with the last version that could be read: the
    // note it added across the broken one shows, under its author.
    let mended = seen
        .iter()
        .find(|c| c.id.as_str() == story.mended)
        .expect("the mending commit is listed");
    assert!(mended.problems.is_empty(), "{:?}", mended.problems);
    assert_eq!(
        summarize_changes(&mended.changes),
        vec!["United Kingdom · oversight: note added"]
    );
    let note = mended.changes.iter().find(|c| c.field == Field::Note);
    assert_eq!(
        note.and_then(|c| c.new.as_deref()),
        Some("Oversight rules under review.")
    );
    assert_eq!(mended.author_name, CAROL.0);
    // Older commits are still reached.
    assert_eq!(
        seen.last().map(|c| c.id.as_str()),
        Some(story.import.as_str())
    );
}

#[test]
fn an_actor_is_followed_across_the_rename_of_its_file() {
    let story = story();
    let mut history = History::open(&story.location).expect("history");
    let query = LogQuery {
        actor: Some("french-republic".into()),
        ..LogQuery::default()
    };
    let seen: Vec<String> = walk(&mut history, &query)
        .into_iter()
        .map(|c| c.id.as_str().to_string())
        .collect();
    // The merge brought the side branch's edit; the rename; the import
    // that created it under its old id.
    assert_eq!(seen, [story.merge, story.renamed, story.import]);
}

#[test]
fn a_merge_shows_what_it_brought_against_its_first_parent() {
    let story = story();
    let mut history = History::open(&story.location).expect("history");
    let merge = history.commit(oid(&story.merge)).expect("the merge");
    assert_eq!(merge.parents, 2);
    assert_eq!(
        summarize_changes(&merge.changes),
        vec!["France · oversight: Endorsed → Initiated"]
    );
}

#[test]
fn author_recommendation_and_since_narrow_the_walk() {
    let story = story();
    let mut history = History::open(&story.location).expect("history");
    let by_bob = walk(
        &mut history,
        &LogQuery {
            author: Some("BOB@".into()),
            ..LogQuery::default()
        },
    );
    assert!(by_bob.iter().all(|c| c.author_name == "Bob Reviewer"));
    assert_eq!(
        by_bob.len(),
        1,
        "the side branch's commit is not on the first-parent line"
    );
    let oversight = walk(
        &mut history,
        &LogQuery {
            actor: Some("united-states".into()),
            recommendation: Some("oversight".into()),
            ..LogQuery::default()
        },
    );
    // The note, and the import that first recorded the commitment; not the
    // broken UK file, which is no concern of the US's.
    assert_eq!(oversight.len(), 2, "{oversight:#?}");
    assert!(oversight[0].changes.iter().all(|c| c.field == Field::Note));
    assert_eq!(oversight[1].id.as_str(), story.import);
    let since_rename = walk(
        &mut history,
        &LogQuery {
            since: Some(Since::Commit(
                reconvene::model::CommitId::new(&story.renamed).expect("an id"),
            )),
            ..LogQuery::default()
        },
    );
    assert!(since_rename.iter().all(|c| c.id.as_str() != story.renamed));
    assert!(since_rename.iter().any(|c| c.id.as_str() == story.mended));
    let since_july = walk(
        &mut history,
        &LogQuery {
            since: chrono::NaiveDate::from_ymd_opt(2024, 7, 2).map(Since::Day),
            ..LogQuery::default()
        },
    );
    assert_eq!(
        since_july.last().map(|c| c.id.as_str()),
        Some(story.mended.as_str())
    );
}

#[test]
fn a_date_names_the_last_commit_of_that_day_and_before_the_record_is_an_error() {
    let story = story();
    let history = History::open(&story.location).expect("history");
    assert_eq!(
        history.resolve("2024-03-05").expect("a commit"),
        oid(&story.graded)
    );
    assert_eq!(
        history.resolve("2024-05-31").expect("a commit"),
        oid(&story.graded)
    );
    assert_eq!(
        history.resolve("HEAD~1").expect("a commit"),
        history.resolve("2024-08-02").expect("a commit")
    );
    match history.resolve("2024-01-09") {
        Err(HistoryError::BeforeRecord { first, .. }) => {
            assert_eq!(first.to_string(), "2024-01-10")
        }
        other => panic!("expected before-the-record, got {other:?}"),
    }
    assert!(matches!(
        history.resolve("no-such-thing"),
        Err(HistoryError::UnknownRevision(_))
    ));
}

#[test]
fn a_save_through_the_tool_is_in_the_history_under_its_author() {
    let story = story();
    let loaded =
        reconvene::store::edit::load_actor(&story.location, "united-kingdom").expect("load");
    let base = loaded.actor.commitments.get("blacklist").cloned();
    let mut new = base.clone().unwrap_or_default();
    new.status = Status::Reversed;
    let edit = reconvene::model::Edit {
        actor: "united-kingdom".into(),
        recommendation: "blacklist".into(),
        base,
        new,
        message: String::new(),
        loaded_from: loaded.tip.map(reconvene::store::edit::commit_id),
    };
    let saved = reconvene::store::edit::save(&story.location, &alice(), &edit).expect("saved");
    let mut history = History::open(&story.location).expect("history");
    let first = walk(&mut history, &LogQuery::default()).remove(0);
    assert_eq!(first.id.as_str(), saved.commit.to_string());
    assert_eq!(first.author_email, "alice@example.org");
    assert_eq!(
        summarize_changes(&first.changes),
        vec!["United Kingdom · blacklist: Initiated → Reversed"]
    );
}

#[test]
fn the_log_command_prints_text_and_json_entries() {
    let story = story();
    let sandbox = Sandbox::new();
    let repo = arg(&story.location.repo_root);
    let run = sandbox.run(&["log", "united-states", "blacklist", "--repo", repo]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout.contains("Alice Coordinator <alice@example.org>"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "· United States · blacklist: Initiated → Implemented; evidence added: \
         \"Treasury sanctions on the Intellexa consortium\" (2024-03-05)"
        ),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("oversight"), "{}", run.stdout);

    let run = sandbox.run(&[
        "log", "--format", "json", "--author", "alice", "--repo", repo,
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    let entries: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).expect("JSON");
    let status = entries
        .iter()
        .find(|e| e["field"] == "status")
        .expect("a status entry");
    assert_eq!(status["commit"], story.graded.as_str());
    assert_eq!(status["date"], "2024-03-05T12:00:00+00:00");
    assert_eq!(status["author_name"], "Alice Coordinator");
    assert_eq!(status["author_email"], "alice@example.org");
    assert_eq!(status["actor"], "united-states");
    assert_eq!(status["recommendation"], "blacklist");
    assert_eq!(status["old"], "Initiated");
    assert_eq!(status["new"], "Implemented");
    assert!(
        entries
            .iter()
            .all(|e| e["author_name"] == "Alice Coordinator")
    );

    let run = sandbox.run(&[
        "log",
        "--since",
        "2030-01-01",
        "--format",
        "json",
        "--repo",
        repo,
    ]);
    assert_eq!((run.code, run.stdout.trim()), (0, "[]"), "{run:?}");
    let run = sandbox.run(&["log", "--since", "nope", "--repo", repo]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.starts_with("reconvene: --since nope:"),
        "{}",
        run.stderr
    );
}

#[test]
fn status_reads_the_record_as_it_was_at_a_date_or_commit() {
    let story = story();
    let sandbox = Sandbox::new();
    let repo = arg(&story.location.repo_root);
    let us_percent = |recorded: &str| {
        let run = sandbox.run(&[
            "status",
            "--recorded",
            recorded,
            "--format",
            "json",
            "--repo",
            repo,
        ]);
        assert_eq!(run.code, 0, "{run:?}");
        let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
        let actors = json["actors"].as_array().cloned().unwrap_or_default();
        actors
            .iter()
            .find(|a| a["id"] == "united-states")
            .map(|a| a["percent"].clone())
            .expect("the US is listed")
    };
    let before = us_percent("2024-03-04");
    let after = us_percent(&story.graded);
    assert_ne!(
        before, after,
        "grading the sanctions raised the US's progress"
    );
    assert_eq!(us_percent("2024-03-05"), after);

    let run = sandbox.run(&["status", "--recorded", "2023-12-31", "--repo", repo]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("before the record began"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("2024-01-10"), "{}", run.stderr);

    let run = sandbox.run(&["status", "--recorded", &story.broken, "--repo", repo]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr.contains("actors/u/united-kingdom.ron:1:"),
        "{}",
        run.stderr
    );

    // The table names the past record's actors: France under its old id.
    let run = sandbox.run(&[
        "status",
        "--recorded",
        "2024-01-10",
        "--format",
        "csv",
        "--repo",
        repo,
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("france,"), "{}", run.stdout);
    assert!(!run.stdout.contains("french-republic"), "{}", run.stdout);
}

/// How many commits a walk had to index first, and what it listed.
fn indexed_and_listed(location: &DatasetLocation) -> (usize, Vec<String>) {
    let mut history = History::open(location).expect("history");
    let mut indexed = 0;
    let mut listed = Vec::new();
    history
        .walk_with_progress(&LogQuery::default(), &mut |n| indexed = n, |c| {
            listed.push(c.subject);
            ControlFlow::Continue(())
        })
        .expect("the walk");
    (indexed, listed)
}

#[test]
fn the_index_is_built_once_extended_from_its_tip_and_rebuilt_after_a_rewrite() {
    let story = story();
    let root = &story.location.repo_root;
    let first_parent_line = git(root, &["rev-list", "--first-parent", "--count", "HEAD"]);
    let (indexed, listed) = indexed_and_listed(&story.location);
    assert_eq!(indexed.to_string(), first_parent_line);
    assert!(root.join(".git/reconvene/history-index").is_file());
    assert_eq!(
        indexed_and_listed(&story.location),
        (0, listed.clone()),
        "read, not rebuilt"
    );

    // One more commit: only it is read.
    let mut us = actor("united-states", "United States");
    us.name = "United States of America".into();
    put(&story.location, &us);
    commit(root, CAROL, "2024-09-01", "Official name");
    let (indexed, after) = indexed_and_listed(&story.location);
    assert_eq!(indexed, 1);
    assert_eq!(after.first().map(String::as_str), Some("Official name"));
    assert_eq!(after[1..], listed[..]);

    // History rewritten under it: the branch no longer descends from the
    // indexed tip, so the index is built again and forgets the old commits.
    git(root, &["reset", "-q", "--hard", "HEAD~3"]);
    let mut uk = actor("united-kingdom", "United Kingdom");
    uk.country = Some("UK".into());
    put(&story.location, &uk);
    commit(root, BOB, "2024-09-02", "A different story");
    let (indexed, rewritten) = indexed_and_listed(&story.location);
    assert_eq!(
        indexed.to_string(),
        git(root, &["rev-list", "--first-parent", "--count", "HEAD"])
    );
    assert_eq!(
        rewritten.first().map(String::as_str),
        Some("A different story")
    );
    assert!(
        !rewritten
            .iter()
            .any(|s| s == "Official name" || s == "Merge side")
    );

    // A damaged index is a cache miss, never an error or a wrong answer.
    std::fs::write(root.join(".git/reconvene/history-index"), "garbage\n").expect("write");
    assert_eq!(indexed_and_listed(&story.location).1, rewritten);
}

#[test]
fn an_index_made_on_a_branch_that_was_merged_is_not_mixed_into_the_main_line() {
    let story = story();
    let root = &story.location.repo_root;
    // A coordinator looked at the history while on the side branch.
    git(root, &["switch", "-q", "side"]);
    let (_, side) = indexed_and_listed(&story.location);
    assert_eq!(
        side.first().map(String::as_str),
        Some("France drafts oversight rules")
    );
    // Back on main, whose tip (the merge) descends from the indexed tip
    // only through its second parent: main's own first-parent line is
    // listed, not the side branch's.
    git(root, &["switch", "-q", "main"]);
    let (indexed, listed) = indexed_and_listed(&story.location);
    assert_eq!(
        indexed.to_string(),
        git(root, &["rev-list", "--first-parent", "--count", "HEAD"])
    );
    assert_eq!(
        listed,
        [
            "Merge side",
            "US oversight note",
            "Mend the UK file",
            "wip",
            "Use the official name's id",
            "Grade the US sanctions",
            "Import"
        ]
    );
}

#[test]
fn a_dataset_as_recorded_reads_the_same_after_another_is_in_hand_and_problems_keep_their_place() {
    let story = story();
    let root = &story.location.repo_root;
    let mut warm = History::open(&story.location).expect("history");
    let tip = warm.tip().expect("a tip");
    let present = warm.dataset_at(tip).expect("the present").dataset;
    assert_eq!(
        Ok(present),
        reconvene::store::load_dataset(&story.location.dataset_dir),
        "the tip as recorded is the work tree as loaded"
    );
    // With the present in hand only the files that differ are read; the
    // answer is the one a fresh reading gives.
    for commit in [&story.import, &story.graded, &story.renamed, &story.mended] {
        let cold = History::open(&story.location)
            .and_then(|mut h| h.dataset_at(oid(commit)))
            .expect("read cold")
            .dataset;
        let at = warm.dataset_at(oid(commit)).expect("read warm").dataset;
        assert_eq!(at, cold, "at {commit}");
    }
    let ids = |history: &mut History, commit: &str| -> Vec<String> {
        let recorded = history.dataset_at(oid(commit)).expect("valid then");
        recorded
            .dataset
            .actors
            .iter()
            .map(|a| a.id.clone())
            .collect()
    };
    assert_eq!(
        ids(&mut warm, &story.graded),
        ["france", "united-kingdom", "united-states"]
    );
    assert_eq!(
        ids(&mut warm, &story.renamed),
        ["french-republic", "united-kingdom", "united-states"]
    );
    // A file broken at a commit is reported there, at its line and column.
    match warm.dataset_at(oid(&story.broken)) {
        Err(HistoryError::Invalid { problems, .. }) => {
            assert_eq!(problems.0.len(), 1, "{problems}");
            assert_eq!(problems.0[0].path, "actors/u/united-kingdom.ron");
            assert_eq!((problems.0[0].line, problems.0[0].column), (1, 29));
        }
        other => panic!("expected the broken file, got {other:?}"),
    }
    // A commitment given twice parses (the second wins) but is invalid;
    // a version seen valid before does not hide it.
    let us_file = story
        .location
        .dataset_dir
        .join(Actor::path_for("united-states"));
    let text = std::fs::read_to_string(&us_file).expect("read");
    let twice = text.replacen("\"oversight\":", "\"blacklist\":", 1);
    assert_ne!(twice, text, "the file has an oversight commitment");
    std::fs::write(&us_file, twice).expect("write");
    let doubled = commit(root, CAROL, "2024-08-04", "Paste a commitment twice");
    match warm.dataset_at(oid(&doubled)) {
        Err(HistoryError::Invalid { problems, .. }) => {
            let messages: Vec<String> = problems.0.iter().map(|p| p.to_string()).collect();
            assert_eq!(messages.len(), 1, "{messages:?}");
            assert!(
                messages[0].starts_with("actors/u/united-states.ron:")
                    && messages[0].contains("the commitment on `blacklist` is given twice"),
                "{messages:?}"
            );
        }
        other => panic!("expected the doubled commitment, got {other:?}"),
    }
}

#[test]
fn hundreds_of_actors_as_recorded_read_as_the_work_tree_and_alike_warm_or_cold() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().join("synthetic");
    reconvene::store::synth::synthesize(&root, 300, 40, 5, |_, _| {}).expect("synthesised");
    let location = DatasetLocation {
        repo_root: root.clone(),
        dataset_dir: root.clone(),
    };
    // Enough files to be read and parsed on several threads.
    let mut history = History::open(&location).expect("history");
    let tip = history.tip().expect("a tip");
    let present = history.dataset_at(tip).expect("the present").dataset;
    assert_eq!(present.actors.len(), 300);
    assert_eq!(Ok(present), reconvene::store::load_dataset(&root));
    let past = history.resolve("HEAD~20").expect("a past commit");
    let warm = history.dataset_at(past).expect("the past, warm").dataset;
    let cold = History::open(&location)
        .and_then(|mut h| h.dataset_at(past))
        .expect("the past, cold")
        .dataset;
    assert_eq!(warm, cold);
    assert_ne!(warm, history.dataset_at(tip).expect("again").dataset);
}

#[test]
fn the_record_activity_counts_the_first_parent_line_by_week_and_author() {
    let story = story();
    let history = History::open(&story.location).expect("history");
    let activity = history.activity(&mut |_| {}).expect("activity");
    let weeks: Vec<(String, Vec<(String, usize)>)> = activity
        .weeks
        .iter()
        .map(|w| {
            let authors = w.by_author.iter().map(|(a, n)| (a.clone(), *n)).collect();
            (w.monday.to_string(), authors)
        })
        .collect();
    let week = |monday: &str, authors: &[(&str, usize)]| {
        let authors = authors.iter().map(|(a, n)| (a.to_string(), *n)).collect();
        (monday.to_string(), authors)
    };
    // The side branch's commit is not on the first-parent line; the merge is.
    assert_eq!(
        weeks,
        vec![
            week("2024-01-08", &[("Carol Shell", 1)]),
            week("2024-03-04", &[("Alice Coordinator", 1)]),
            week("2024-05-27", &[("Bob Reviewer", 1)]),
            week("2024-07-01", &[("Carol Shell", 2)]),
            week(
                "2024-07-29",
                &[("Alice Coordinator", 1), ("Carol Shell", 1)]
            ),
        ]
    );
}

#[test]
fn status_reads_the_world_as_of_a_date_or_milestone_from_the_evidence_dated_then() {
    let sandbox = Sandbox::new();
    let repo = sandbox.init("group");
    let repo_arg = arg(&repo);
    // Germany blacklists a vendor in March 2024 (a month: it counts from
    // the 31st).
    let set = sandbox.run(&[
        "set",
        "germany",
        "blacklist",
        "Implemented",
        "--evidence-title",
        "Designation of a spyware vendor",
        "--evidence-source",
        "Federal Government",
        "--evidence-date",
        "2024-03",
        "--as",
        "Ada Lovelace <ada@example.org>",
        "--repo",
        repo_arg,
    ]);
    assert_eq!(set.code, 0, "{set:?}");
    let germany = |as_of: &str| {
        let run = sandbox.run(&[
            "status", "--as-of", as_of, "--format", "json", "--repo", repo_arg,
        ]);
        assert_eq!(run.code, 0, "{run:?}");
        let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
        let actors = json["actors"].as_array().cloned().unwrap_or_default();
        let germany = actors
            .iter()
            .find(|a| a["id"] == "germany")
            .cloned()
            .expect("Germany is listed");
        germany["counts"]["Implemented"].as_u64().unwrap_or(0)
    };
    assert_eq!(germany("2024-03-30"), 0);
    assert_eq!(germany("2024-03-31"), 1);
    // The reconvening's id names its day; nothing before the designation.
    assert_eq!(germany("paris-peace-forum-2024"), 1);
    assert_eq!(germany("blueprint-publication"), 0);

    let table = sandbox.run(&["status", "--as-of", "2024-03-31", "--repo", repo_arg]);
    assert!(
        table
            .stdout
            .starts_with("Past view: as of 2024-03-31, evidence dated up to then\n"),
        "{}",
        table.stdout
    );
    let bad = sandbox.run(&["status", "--as-of", "someday", "--repo", repo_arg]);
    assert_eq!(bad.code, 2, "{bad:?}");
    assert!(
        bad.stderr
            .starts_with("reconvene: --as-of someday: neither a date"),
        "{}",
        bad.stderr
    );
}

#[test]
fn a_file_mended_back_to_what_it_was_still_says_it_was_mended() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().to_path_buf();
    git(&root, &["init", "-q", "-b", "main"]);
    let location = DatasetLocation {
        repo_root: root.clone(),
        dataset_dir: root.join("data"),
    };
    write(
        &location.dataset_dir.join("reconvene.ron"),
        &manifest_to_ron(&manifest()),
    );
    write(
        &location.dataset_dir.join("recommendations.ron"),
        &recommendations_to_ron(&recommendations()),
    );
    let mut norway = actor("norway", "Norway");
    norway
        .commitments
        .entry("blacklist".into())
        .or_default()
        .note = "Imported.".into();
    put(&location, &norway);
    commit(&root, CAROL, "2024-01-10", "Import");
    let file = location.dataset_dir.join(Actor::path_for("norway"));
    let good = std::fs::read_to_string(&file).expect("the file");
    // Two broken versions in a row, the second by someone else.
    std::fs::write(&file, good.replace("Imported.", "Imported.\u{1b}")).expect("write");
    commit(&root, ALICE, "2024-02-01", "Paste a note");
    std::fs::write(&file, "(id: \"norway\"").expect("write");
    commit(&root, BOB, "2024-02-02", "wip");
    std::fs::write(&file, &good).expect("write");
    let back = commit(&root, BOB, "2024-02-03", "Put Norway back");
    norway
        .commitments
        .entry("blacklist".into())
        .or_default()
        .note = "Under review.".into();
    std::fs::write(&file, "(").expect("write");
    commit(&root, ALICE, "2024-03-01", "wip");
    put(&location, &norway);
    let noted = commit(&root, ALICE, "2024-03-02", "Norway's note");

    let mut history = History::open(&location).expect("history");
    let seen = walk(&mut history, &LogQuery::default());
    let find = |id: &str| seen.iter().find(|c| c.id.as_str() == id).expect("listed");
    assert_eq!(
        summarize_changes(&find(&back).changes),
        vec!["Norway: mended, back to its last readable version"]
    );
    assert_eq!(
        summarize_changes(&find(&noted).changes),
        vec!["Norway · blacklist: note changed"]
    );
    // Who last changed that note, as the actor view asks: Alice, at the
    // mending commit, not the import.
    let asked = LogQuery {
        actor: Some("norway".into()),
        recommendation: Some("blacklist".into()),
        ..LogQuery::default()
    };
    let last = walk(&mut History::open(&location).expect("history"), &asked)
        .into_iter()
        .find(|c| c.changes.iter().any(|f| f.field == Field::Note))
        .expect("a note change");
    assert_eq!(
        (last.id.as_str(), last.author_name.as_str()),
        (noted.as_str(), ALICE.0)
    );
}

#[test]
fn the_log_refuses_an_id_nothing_ever_had_and_accepts_one_of_the_past() {
    let story = story();
    let sandbox = Sandbox::new();
    let repo = arg(&story.location.repo_root);
    let run = sandbox.run(&["log", "nosuch", "--repo", repo]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .starts_with("reconvene: unknown actor `nosuch`; valid: ")
            && run.stderr.contains("united-states"),
        "{}",
        run.stderr
    );
    let run = sandbox.run(&["log", "united-states", "nosuchrec", "--repo", repo]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr
            .starts_with("reconvene: unknown recommendation `nosuchrec`; valid: ")
            && run.stderr.contains("blacklist"),
        "{}",
        run.stderr
    );
    // France is french-republic today; its old id still finds its history.
    let run = sandbox.run(&["log", "france", "--repo", repo]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("Import"), "{}", run.stdout);
}

#[test]
fn every_output_lists_the_commit_that_left_a_file_unreadable_and_says_why() {
    let story = story();
    let sandbox = Sandbox::new();
    let repo = arg(&story.location.repo_root);
    let run = sandbox.run(&["log", "--format", "json", "--repo", repo]);
    assert_eq!(run.code, 0, "{run:?}");
    let entries: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).expect("JSON");
    let invalid: Vec<&serde_json::Value> = entries
        .iter()
        .filter(|e| e["commit"] == story.broken.as_str())
        .collect();
    assert_eq!(invalid.len(), 1, "{}", run.stdout);
    assert_eq!(invalid[0]["field"], "invalid");
    assert_eq!(invalid[0]["actor"], "actors/u/united-kingdom.ron");
    assert_eq!(invalid[0]["author_name"], CAROL.0);
    let problem = invalid[0]["problem"].as_str().unwrap_or_default();
    assert!(
        problem.starts_with("actors/u/united-kingdom.ron:1:"),
        "{problem}"
    );
    // Entries of readable changes carry no problem key.
    assert!(
        entries
            .iter()
            .filter(|e| e["field"] != "invalid")
            .all(|e| e.get("problem").is_none())
    );

    let run = sandbox.run(&[
        "report",
        "--since",
        "2024-01-01",
        "--as-of",
        "2024-12-31",
        "--format",
        "json",
        "--repo",
        repo,
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let changes = report["record_changes"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let broken = changes
        .iter()
        .find(|c| c["commit"] == story.broken.as_str())
        .expect("the report lists the broken commit");
    let lines = broken["lines"].as_array().cloned().unwrap_or_default();
    assert_eq!(lines.len(), 1, "{broken}");
    let line = lines[0].as_str().unwrap_or_default();
    assert!(
        line.starts_with("invalid: actors/u/united-kingdom.ron:1:"),
        "{line}"
    );
}
