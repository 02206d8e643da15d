//! A save killed at each of its named steps (the debug-only
//! `RECONVENE_FAULT` hook aborts the real binary there, as `kill -9` would),
//! then the next run: every file wholly old or new, the branch and index
//! valid, the edit committed or not at all, nothing left behind, and every
//! actor still editable — also when others saved in between.

mod edit_support;

use std::path::Path;
use std::process::{Command, Output};

use edit_support::*;
use reconvene::model::{Actor, Status};
use reconvene::store::DatasetLocation;
use reconvene::store::fault::STEPS;

/// The real binary, with nothing from this machine's git or identity.
fn reconvene(location: &DatasetLocation, args: &[&str], fault: Option<&str>) -> Output {
    let home = location.repo_root.join(".git").join("test-home");
    let mut command = Command::new(env!("CARGO_BIN_EXE_reconvene"));
    command
        .arg("--repo")
        .arg(&location.repo_root)
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", &home)
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("RECONVENE_AUTHOR", "Alice Coordinator <alice@example.org>");
    if let Some(step) = fault {
        command.env("RECONVENE_FAULT", step);
    }
    command.output().unwrap()
}

fn set(location: &DatasetLocation, actor: &str, rec: &str, status: &str) -> Output {
    reconvene(location, &["set", actor, rec, status], None)
}

fn assert_ok(output: &Output, what: &str) {
    assert!(
        output.status.success(),
        "{what} failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Every blob `path` has had on the branch.
fn committed_versions(location: &DatasetLocation, path: &str) -> Vec<Vec<u8>> {
    let repo = repo(location);
    let mut walk = repo.revwalk().unwrap();
    walk.push_head().unwrap();
    walk.filter_map(|oid| {
        let tree = repo.find_commit(oid.unwrap()).unwrap().tree().unwrap();
        let entry = tree.get_path(Path::new(path)).ok()?;
        Some(repo.find_blob(entry.id()).unwrap().content().to_vec())
    })
    .collect()
}

fn relative(id: &str) -> String {
    format!("data/{}", Actor::path_for(id))
}

/// What must hold the moment after a kill: each actor file is wholly one of
/// its committed versions, and the branch names a readable commit.
fn assert_whole(location: &DatasetLocation) {
    for actor in starting_actors() {
        let path = relative(&actor.id);
        let on_disk = std::fs::read(location.repo_root.join(&path)).unwrap();
        assert!(
            committed_versions(location, &path).contains(&on_disk),
            "{path} is neither old nor new:\n{}",
            String::from_utf8_lossy(&on_disk)
        );
    }
    repo(location).head().unwrap().peel_to_commit().unwrap();
}

/// What must hold once the next run has been: the work tree and index agree
/// with the tip, git is unlocked, nothing of ours is left, git is happy.
fn assert_settled(location: &DatasetLocation) {
    let status = git(
        &location.repo_root,
        &["status", "--porcelain", "--untracked-files=all"],
    );
    assert_eq!(status, "", "git status is not clean");
    let git_dir = location.repo_root.join(".git");
    for leftover in ["index.lock", "reconvene-intent.ron"] {
        assert!(!git_dir.join(leftover).exists(), "{leftover} left behind");
    }
    let ours: Vec<String> = std::fs::read_dir(&git_dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".reconvene-tmp-") || name.starts_with("reconvene-rescued"))
        .collect();
    assert!(ours.is_empty(), "left in .git: {ours:?}");
    git(&location.repo_root, &["fsck", "--no-dangling"]);
    let validate = reconvene(location, &["validate"], None);
    assert_ok(&validate, "validate");
}

fn blacklist_at_tip(location: &DatasetLocation, actor: &str) -> Status {
    reconvene::store::edit::load_actor(location, actor)
        .unwrap()
        .actor
        .commitments["blacklist"]
        .status
}

/// Whether the killed save's commit should be on the branch: it is from the
/// moment the branch moved.
fn landed(step: &str) -> bool {
    !matches!(
        step,
        "before-intent"
            | "after-intent"
            | "index-ahead"
            | "holding-ref-lock"
            | "holding-empty-ref-lock"
    )
}

#[test]
fn a_save_killed_at_any_step_is_finished_or_undone_by_the_next_set() {
    for step in STEPS {
        let (_dir, location) = fixture();
        let killed = reconvene(
            &location,
            &["set", "france", "blacklist", "Implemented"],
            Some(step),
        );
        assert!(
            killed.status.code().is_none(),
            "{step}: the hook did not fire: {killed:?}"
        );
        assert_whole(&location);
        let next = set(&location, "france", "oversight", "Substantial");
        assert_ok(&next, &format!("the next set after a kill at {step}"));
        let expected = if landed(step) {
            Status::Implemented
        } else {
            Status::Initiated
        };
        assert_eq!(blacklist_at_tip(&location, "france"), expected, "{step}");
        assert_eq!(
            actor_on_disk(&location, "france").commitments["oversight"].status,
            Status::Substantial,
            "{step}"
        );
        assert_settled(&location);
        for actor in ["united-states", "france", "united-kingdom"] {
            assert_ok(
                &set(&location, actor, "export-safeguards", "Endorsed"),
                actor,
            );
        }
        assert_settled(&location);
    }
}

#[test]
fn a_save_killed_at_any_step_survives_other_saves_and_hand_commits_in_between() {
    for step in STEPS {
        let (_dir, location) = fixture();
        let killed = reconvene(
            &location,
            &["set", "france", "blacklist", "Implemented"],
            Some(step),
        );
        assert!(killed.status.code().is_none(), "{step}: {killed:?}");
        // Others carry on: a save of another actor, and a hand commit of one
        // file through git.
        assert_ok(
            &set(&location, "united-kingdom", "oversight", "Implemented"),
            &format!("saving another actor after a kill at {step}"),
        );
        let us = relative("united-states");
        let hand = std::fs::read_to_string(location.repo_root.join(&us))
            .unwrap()
            .replace(
                "Announced, not yet in force.",
                "Announced; a bill is drafted.",
            );
        std::fs::write(location.repo_root.join(&us), hand).unwrap();
        git(
            &location.repo_root,
            &["commit", "-q", "-m", "Hand note", "--", &us],
        );
        assert_ok(
            &set(&location, "france", "oversight", "Substantial"),
            &format!("editing the killed save's actor after a kill at {step}"),
        );
        let expected = if landed(step) {
            Status::Implemented
        } else {
            Status::Initiated
        };
        assert_eq!(blacklist_at_tip(&location, "france"), expected, "{step}");
        assert_settled(&location);
    }
}

#[test]
fn validate_finishes_a_save_killed_after_its_commit() {
    let (_dir, location) = fixture();
    let killed = reconvene(
        &location,
        &["set", "france", "blacklist", "Implemented"],
        Some("after-ref"),
    );
    assert!(killed.status.code().is_none(), "{killed:?}");
    assert_eq!(
        actor_on_disk(&location, "france").commitments["blacklist"].status,
        Status::Initiated,
        "the kill left the file behind"
    );
    let validate = reconvene(&location, &["validate"], None);
    assert_ok(&validate, "validate");
    assert!(
        String::from_utf8_lossy(&validate.stderr).contains("finished an interrupted save of"),
        "{validate:?}"
    );
    assert_eq!(
        actor_on_disk(&location, "france").commitments["blacklist"].status,
        Status::Implemented
    );
    assert_settled(&location);
}

#[test]
fn a_file_left_several_saves_behind_without_a_record_is_brought_forward_not_refused() {
    let (_dir, location) = fixture();
    let path = relative("france");
    let original = std::fs::read(location.repo_root.join(&path)).unwrap();
    for status in ["Implemented", "Reversed"] {
        assert_ok(&set(&location, "france", "blacklist", status), status);
    }
    assert_ok(
        &set(&location, "united-kingdom", "blacklist", "Reversed"),
        "uk",
    );
    // As an older version of the tool left it: the file and its index entry
    // two saves behind, no record.
    std::fs::write(location.repo_root.join(&path), &original).unwrap();
    let repo = repo(&location);
    let mut index = repo.index().unwrap();
    index.add_path(Path::new(&path)).unwrap();
    index.write().unwrap();
    assert_ok(
        &set(&location, "france", "oversight", "Implemented"),
        "next set",
    );
    let france = actor_on_disk(&location, "france");
    assert_eq!(france.commitments["blacklist"].status, Status::Reversed);
    assert_eq!(france.commitments["oversight"].status, Status::Implemented);
    assert_settled(&location);
}

#[test]
fn a_save_whose_commit_landed_but_whose_file_could_not_be_written_says_so_and_exits_0() {
    let (fault, what) = ("fail-work-file", "could not be updated");
    let (_dir, location) = fixture();
    let before = tip(&location);
    let output = reconvene(
        &location,
        &["set", "france", "blacklist", "Implemented"],
        Some(fault),
    );
    assert_eq!(output.status.code(), Some(0), "{fault}: {output:?}");
    let now = tip(&location);
    assert_ne!(now, before, "{fault}: the commit landed");
    assert_eq!(String::from_utf8_lossy(&output.stdout), format!("{now}\n"));
    let said = String::from_utf8_lossy(&output.stderr);
    let short: String = now.to_string().chars().take(7).collect();
    assert!(
        said.starts_with(&format!("reconvene: warning: committed {short}, but ")),
        "{fault}: {said}"
    );
    assert!(said.contains(what), "{fault}: {said}");
    assert!(
        said.contains("the next save, start or `reconvene validate` brings it up to date"),
        "{fault}: {said}"
    );
    assert_eq!(blacklist_at_tip(&location, "france"), Status::Implemented);
    assert_ok(&set(&location, "france", "oversight", "Implemented"), fault);
    assert_settled(&location);
}

/// git's index is written once, before the branch moves: a save that
/// cannot write it commits nothing and says why.
#[test]
fn a_save_that_cannot_write_gits_index_commits_nothing_and_says_so() {
    let (_dir, location) = fixture();
    let before = tip(&location);
    let output = reconvene(
        &location,
        &["set", "france", "blacklist", "Implemented"],
        Some("fail-index"),
    );
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(output.stdout.is_empty(), "{output:?}");
    assert_eq!(tip(&location), before, "no commit landed");
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.starts_with("reconvene: ") && said.contains("no space left on device"),
        "{said}"
    );
    assert_eq!(blacklist_at_tip(&location, "france"), Status::Initiated);
    assert_settled(&location);
    assert_ok(
        &set(&location, "france", "blacklist", "Implemented"),
        "the same set once the disk has room",
    );
    assert_eq!(blacklist_at_tip(&location, "france"), Status::Implemented);
    assert_settled(&location);
}

#[test]
fn leftovers_of_killed_saves_are_cleared_and_gits_own_lock_is_explained_not_removed() {
    let (_dir, location) = fixture();
    let git_dir = location.repo_root.join(".git");
    let ours = [
        git_dir.join(".reconvene-tmp-abc123"),
        location.dataset_dir.join("actors/f/.reconvene-tmp-xyz789"),
    ];
    for path in &ours {
        std::fs::write(path, "partial").unwrap();
    }
    let fan_out = git_dir.join("objects/ab");
    std::fs::create_dir_all(&fan_out).unwrap();
    let stale_objects = [
        git_dir.join("objects/tmp_object_git2_old"),
        fan_out.join("tmp_object_git2_old"),
    ];
    let fresh_object = git_dir.join("objects/tmp_object_git2_new");
    std::fs::write(&fresh_object, "x").unwrap();
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for path in &stale_objects {
        std::fs::write(path, "x").unwrap();
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(hour_ago)
            .unwrap();
    }
    let validate = reconvene(&location, &["validate"], None);
    assert_ok(&validate, "validate");
    assert!(
        String::from_utf8_lossy(&validate.stderr)
            .contains("temporary file(s) left by a killed save"),
        "{validate:?}"
    );
    for path in ours.iter().chain(&stale_objects) {
        assert!(!path.exists(), "{} left", path.display());
    }
    assert!(
        fresh_object.exists(),
        "another program's write in progress was removed"
    );
    std::fs::remove_file(&fresh_object).unwrap();

    // A lock a killed save of ours left is ours to clear; git's is not.
    std::fs::write(
        git_dir.join("index.lock"),
        "reconvene save in progress (pid 1)\n",
    )
    .unwrap();
    assert_ok(
        &set(&location, "france", "blacklist", "Implemented"),
        "after our lock",
    );
    std::fs::write(git_dir.join("index.lock"), "DIRC").unwrap();
    let refused = set(&location, "france", "blacklist", "Reversed");
    // A lock in the way is the environment's: exit 2.
    assert_eq!(refused.status.code(), Some(2));
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("git's lock file exists; it looks stale"),
        "{said}"
    );
    assert!(git_dir.join("index.lock").exists());
}
