//! Several `reconvene set` processes on one commitment at once, through the
//! real binary: a blind write is applied on the tip at commit time, so all
//! succeed; `--if-status` is a compare-and-swap, so exactly one does.

mod edit_support;

use std::process::{Command, Output, Stdio};

use edit_support::*;
use reconvene::store::DatasetLocation;
use reconvene::store::edit::load_actor;

fn spawn_set(location: &DatasetLocation, args: &[&str]) -> std::process::Child {
    let home = location.repo_root.join(".git").join("test-home");
    Command::new(env!("CARGO_BIN_EXE_reconvene"))
        .arg("--repo")
        .arg(&location.repo_root)
        .arg("set")
        .args(args)
        .env_clear()
        .env("HOME", &home)
        .env("XDG_STATE_HOME", home.join("state"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("RECONVENE_AUTHOR", "Alice Coordinator <alice@example.org>")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn all_at_once(location: &DatasetLocation, runs: &[Vec<String>]) -> Vec<Output> {
    let children: Vec<_> = runs
        .iter()
        .map(|args| {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            spawn_set(location, &args)
        })
        .collect();
    children
        .into_iter()
        .map(|child| child.wait_with_output().unwrap())
        .collect()
}

#[test]
fn eight_blind_writers_on_one_commitment_all_succeed_and_one_of_theirs_is_final() {
    let (_dir, location) = fixture();
    let before = commit_count(&location);
    let notes: Vec<String> = (0..8).map(|n| format!("writer {n}")).collect();
    let runs: Vec<Vec<String>> = notes
        .iter()
        .map(|note| {
            ["france", "blacklist", "Substantial", "--note", note]
                .map(String::from)
                .to_vec()
        })
        .collect();
    for (n, output) in all_at_once(&location, &runs).iter().enumerate() {
        assert!(
            output.status.success(),
            "writer {n} refused: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    assert_eq!(commit_count(&location), before + 8);
    let final_note = load_actor(&location, "france").unwrap().actor.commitments["blacklist"]
        .note
        .clone();
    assert!(notes.contains(&final_note), "{final_note}");
    assert_eq!(
        actor_on_disk(&location, "france").commitments["blacklist"].note,
        final_note
    );
}

#[test]
fn six_writers_racing_with_if_status_let_exactly_one_through() {
    let (_dir, location) = fixture();
    let before = commit_count(&location);
    let runs: Vec<Vec<String>> = (0..6)
        .map(|n| {
            [
                "france",
                "oversight",
                "Implemented",
                "--if-status",
                "Endorsed",
                "--note",
                &format!("writer {n}"),
            ]
            .map(String::from)
            .to_vec()
        })
        .collect();
    let outputs = all_at_once(&location, &runs);
    let winners = outputs.iter().filter(|o| o.status.success()).count();
    assert_eq!(winners, 1, "{outputs:?}");
    for output in outputs.iter().filter(|o| !o.status.success()) {
        assert_eq!(output.status.code(), Some(1));
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            "reconvene: refused: france · oversight is Implemented, not Endorsed (--if-status); nothing written\n"
        );
        assert!(output.stdout.is_empty());
    }
    assert_eq!(commit_count(&location), before + 1);
}
