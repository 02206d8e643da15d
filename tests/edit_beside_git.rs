//! Saves with real git processes looping beside them, as a shell prompt
//! (`git status`), an auto-commit (`git add -A && git commit`) and a hand
//! editor do on a shared server: every save succeeds, none is reverted, no
//! temporary file is committed, and a hand edit is never overwritten.

mod edit_support;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use edit_support::*;
use reconvene::model::{Actor, Commitment, Status};
use reconvene::store::DatasetLocation;
use reconvene::store::edit::{EditError, save_applied};

/// A shell loop of git commands in the repository, killed (with its
/// process group) when dropped.
struct GitLoop {
    child: Child,
}

impl GitLoop {
    fn start(root: &Path, script: &str) -> GitLoop {
        let child = Command::new("sh")
            .arg("-c")
            .arg(format!("while :; do {script}; done"))
            .current_dir(root)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_AUTHOR_NAME", "Carol Shell")
            .env("GIT_AUTHOR_EMAIL", "carol@example.org")
            .env("GIT_COMMITTER_NAME", "Carol Shell")
            .env("GIT_COMMITTER_EMAIL", "carol@example.org")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        GitLoop { child }
    }
}

impl Drop for GitLoop {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        // A git command the loop had started may still hold a lock for a
        // moment; wait for it so the next check sees a quiet repository.
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn note(location: &DatasetLocation, actor: &str, rec: &str, text: &str) -> Result<(), EditError> {
    save_applied(location, &alice(), actor, rec, "", None, |theirs| {
        Commitment {
            note: text.into(),
            ..theirs.cloned().unwrap_or_default()
        }
    })
    .map(|saved| assert_eq!(saved.warning, None))
}

fn git_dir_files(location: &DatasetLocation) -> Vec<String> {
    std::fs::read_dir(location.repo_root.join(".git"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("reconvene-tmp") || name == "index.lock")
        .collect()
}

fn every_path_ever_committed(location: &DatasetLocation) -> Vec<String> {
    git(
        &location.repo_root,
        &["log", "--all", "--name-only", "--format="],
    )
    .lines()
    .filter(|line| !line.is_empty())
    .map(str::to_string)
    .collect()
}

#[test]
fn saves_beside_a_git_status_loop_all_succeed_and_leave_git_clean() {
    let (_dir, location) = fixture();
    let prompt = GitLoop::start(
        &location.repo_root,
        "git status --porcelain >/dev/null 2>&1",
    );
    let actors = ["united-states", "france", "united-kingdom"];
    for n in 0..90 {
        let actor = actors[n % actors.len()];
        note(&location, actor, "oversight", &format!("save {n}"))
            .unwrap_or_else(|error| panic!("save {n} refused: {error}"));
    }
    drop(prompt);
    for (i, actor) in actors.iter().enumerate() {
        let last = (0..90).filter(|n| n % actors.len() == i).max().unwrap();
        assert_eq!(
            actor_on_disk(&location, actor).commitments["oversight"].note,
            format!("save {last}")
        );
    }
    assert_eq!(
        git(
            &location.repo_root,
            &["status", "--porcelain", "--untracked-files=all"]
        ),
        ""
    );
    assert!(
        git_dir_files(&location).is_empty(),
        "{:?}",
        git_dir_files(&location)
    );
}

#[test]
fn an_auto_commit_loop_beside_saves_reverts_none_and_commits_no_temporary_file() {
    let (_dir, location) = fixture();
    let auto = GitLoop::start(
        &location.repo_root,
        "git add -A >/dev/null 2>&1 && git commit -q -m auto >/dev/null 2>&1; git commit -a -q -m auto-a >/dev/null 2>&1",
    );
    let actors = ["united-states", "france", "united-kingdom"];
    for n in 0..90 {
        let actor = actors[n % actors.len()];
        note(&location, actor, "blacklist", &format!("save {n}"))
            .unwrap_or_else(|error| panic!("save {n} refused: {error}"));
    }
    drop(auto);
    // No save reverted: the tip holds each actor's last save.
    for (i, actor) in actors.iter().enumerate() {
        let last = (0..90).filter(|n| n % actors.len() == i).max().unwrap();
        let tip = reconvene::store::edit::load_actor(&location, actor).unwrap();
        assert_eq!(
            tip.actor.commitments["blacklist"].note,
            format!("save {last}")
        );
    }
    // And the loop never committed anything of ours or against ours.
    let by_loop = git(
        &location.repo_root,
        &[
            "log",
            "--author=carol@example.org",
            "--name-only",
            "--format=%s",
        ],
    );
    assert_eq!(by_loop, "", "the auto-commit loop committed something");
    let paths = every_path_ever_committed(&location);
    assert!(
        !paths.iter().any(|p| p.contains("reconvene-tmp")),
        "{paths:?}"
    );
}

fn hand_edit(path: &PathBuf, n: usize) -> String {
    let marker = format!("// hand edit {n}\n");
    let mut text = std::fs::read_to_string(path).unwrap();
    text.push_str(&marker);
    // As an editor saves: a new file renamed over the old one.
    let temp = path.with_extension(format!("swp{n}"));
    std::fs::write(&temp, &text).unwrap();
    std::fs::rename(&temp, path).unwrap();
    marker
}

#[test]
fn a_hand_edit_made_while_a_save_is_in_flight_is_never_overwritten() {
    let (_dir, location) = fixture();
    let file = location.dataset_dir.join(Actor::path_for("france"));
    let (mut saved, mut refused) = (0, 0);
    for n in 0..120 {
        let saving = {
            let location = location.clone();
            std::thread::spawn(move || {
                save_applied(
                    &location,
                    &alice(),
                    "france",
                    "oversight",
                    "",
                    None,
                    |theirs| Commitment {
                        note: format!("save {n}"),
                        status: Status::Initiated,
                        ..theirs.cloned().unwrap_or_default()
                    },
                )
            })
        };
        // Land the hand edit at a different moment of the save each time.
        std::thread::sleep(Duration::from_micros((n as u64 * 97) % 6000));
        let marker = hand_edit(&file, n);
        match saving.join().unwrap() {
            Ok(_) => saved += 1,
            Err(EditError::UncommittedChanges { .. }) => refused += 1,
            Err(error) => panic!("trial {n}: {error}"),
        }
        let now = std::fs::read_to_string(&file).unwrap();
        assert!(
            now.ends_with(&marker),
            "trial {n}: the hand edit was overwritten:\n{now}"
        );
        // The coordinator throws the hand edit away before the next trial.
        git(
            &location.repo_root,
            &["checkout", "--", file.to_str().unwrap()],
        );
    }
    assert_eq!(saved + refused, 120);
    assert!(
        git_dir_files(&location).is_empty(),
        "{:?}",
        git_dir_files(&location)
    );
}

/// The real binary saving `set united-states blacklist Implemented`, held at
/// `step` by the debug-only pause hook until `flag` is removed.
fn paused_set(location: &DatasetLocation, step: &str, flag: &Path) -> Child {
    let home = location.repo_root.join(".git").join("test-home");
    Command::new(env!("CARGO_BIN_EXE_reconvene"))
        .arg("--repo")
        .arg(&location.repo_root)
        .args(["set", "united-states", "blacklist", "Implemented"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", &home)
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("RECONVENE_AUTHOR", "Alice Coordinator <alice@example.org>")
        .env(
            "RECONVENE_FAULT",
            format!("pause-{step}:{}", flag.display()),
        )
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// `git commit` reads HEAD, then the index, and only then takes
/// `index.lock`; it commits what it read, with a compare-and-swap on the
/// HEAD it read. Held at each step of a save, this plays such a commit
/// whose reads fall there and whose lock comes once the save is done: it
/// must be refused or find nothing to commit, never revert the save.
#[test]
fn a_git_commit_that_reads_head_and_index_at_any_step_of_a_save_reverts_nothing() {
    let steps = [
        "before-intent",
        "after-intent",
        "index-ahead",
        "after-ref",
        "after-work-file",
        "before-clear",
    ];
    for step in steps {
        let (_dir, location) = fixture();
        let root = &location.repo_root;
        let flag = root.join(".git").join("test-paused");
        let mut saving = paused_set(&location, step, &flag);
        while !flag.exists() {
            if let Some(status) = saving.try_wait().unwrap() {
                panic!("{step}: the save ended without pausing: {status}");
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        let head = git(root, &["rev-parse", "HEAD"]).trim().to_string();
        let index = root.join(".git").join("test-index");
        std::fs::copy(root.join(".git").join("index"), &index).unwrap();
        std::fs::remove_file(&flag).unwrap();
        assert!(saving.wait().unwrap().success(), "{step}: the save failed");
        let saved = git(root, &["rev-parse", "HEAD"]).trim().to_string();
        // The commit git would make from what it read.
        let read = Command::new("git")
            .args(["write-tree"])
            .current_dir(root)
            .env("GIT_INDEX_FILE", &index)
            .output()
            .unwrap();
        assert!(read.status.success(), "{step}: {read:?}");
        let tree = String::from_utf8_lossy(&read.stdout).trim().to_string();
        if tree != git(root, &["rev-parse", &format!("{head}^{{tree}}")]).trim() {
            let made = git(root, &["commit-tree", &tree, "-p", &head, "-m", "auto"]);
            let _ = Command::new("git")
                .args(["update-ref", "HEAD", made.trim(), &head])
                .current_dir(root)
                .output()
                .unwrap();
        }
        assert_eq!(
            git(root, &["rev-parse", "HEAD"]).trim(),
            saved,
            "{step}: a git commit beside the save moved the branch"
        );
        let tip = reconvene::store::edit::load_actor(&location, "united-states").unwrap();
        assert_eq!(
            tip.actor.commitments["blacklist"].status,
            Status::Implemented,
            "{step}"
        );
    }
}
