//! Several coordinators saving at once: every edit lands, none is lost, and
//! the repository stays sound (`git fsck --strict`).

mod edit_support;

use std::process::Command;

use edit_support::*;
use reconvene::model::Status;
use reconvene::store::edit::save;
use reconvene::store::identity::Identity;

const EDITS: usize = 24;

/// Saves `EDITS` notes on `actor`'s `rec`, each based on what is at the tip
/// (an editor that reloads after each save, as the TUI does).
fn editor(location: reconvene::store::DatasetLocation, who: Identity, actor: &str, rec: &str) {
    for n in 0..EDITS {
        let edit = edit(&location, actor, rec, |c| {
            c.note = format!("{} edit {n}", who.name);
            c.status = Status::ALL[n % Status::ALL.len()];
        });
        if let Err(error) = save(&location, &who, &edit) {
            panic!("{} edit {n}: {error}", who.name);
        }
    }
}

#[test]
fn four_coordinators_saving_dozens_of_edits_at_once_lose_none_and_fsck_is_clean() {
    let (_dir, location) = fixture();
    let before = commit_count(&location);
    let people = [
        ("Alice", "united-states", "blacklist"),
        ("Bob", "france", "blacklist"),
        // Two people on different commitments of the same actor file.
        ("Carol", "united-kingdom", "blacklist"),
        ("Dan", "united-kingdom", "oversight"),
    ];
    let threads: Vec<_> = people
        .into_iter()
        .map(|(name, actor, rec)| {
            let location = location.clone();
            let who = Identity::new(name, &format!("{}@example.org", name.to_lowercase())).unwrap();
            std::thread::spawn(move || editor(location, who, actor, rec))
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }

    assert_eq!(commit_count(&location), before + people.len() * EDITS);
    let last = EDITS - 1;
    let final_status = Status::ALL[last % Status::ALL.len()];
    for (name, actor, rec) in people {
        let commitment = actor_on_disk(&location, actor).commitments[rec].clone();
        assert_eq!(commitment.note, format!("{name} edit {last}"));
        assert_eq!(commitment.status, final_status);
    }
    // Every commit by each person is on the branch, attributed to them.
    let repo = repo(&location);
    let mut walk = repo.revwalk().unwrap();
    walk.push_head().unwrap();
    let mut by_author = std::collections::BTreeMap::new();
    for oid in walk {
        let commit = repo.find_commit(oid.unwrap()).unwrap();
        *by_author
            .entry(commit.author().name().unwrap().to_string())
            .or_insert(0) += 1;
    }
    for (name, _, _) in people {
        assert_eq!(by_author[name], EDITS, "{by_author:?}");
    }
    assert_eq!(git_status(&location), Vec::<String>::new());
    fsck_is_clean(&location);
}

fn fsck_is_clean(location: &reconvene::store::DatasetLocation) {
    let fsck = Command::new("git")
        .args(["fsck", "--strict", "--no-dangling"])
        .current_dir(&location.repo_root)
        .output()
        .unwrap();
    assert!(
        fsck.status.success(),
        "{}{}",
        String::from_utf8_lossy(&fsck.stdout),
        String::from_utf8_lossy(&fsck.stderr)
    );
}

/// One editor in its own process, started by the test below through this
/// test binary; it does nothing when run any other way.
#[test]
#[ignore = "a child process of two_processes_saving_at_once_lose_no_edit"]
fn child_editor() {
    let Ok(spec) = std::env::var("RECONVENE_TEST_EDITOR") else {
        return;
    };
    let parts: Vec<&str> = spec.split('|').collect();
    let [root, name, actor, rec] = parts[..] else {
        panic!("bad spec {spec}");
    };
    let location = reconvene::store::DatasetLocation {
        repo_root: root.into(),
        dataset_dir: std::path::Path::new(root).join("data"),
    };
    let who = Identity::new(name, &format!("{}@example.org", name.to_lowercase())).unwrap();
    editor(location, who, actor, rec);
}

#[test]
fn two_processes_saving_at_once_lose_no_edit() {
    let (_dir, location) = fixture();
    let before = commit_count(&location);
    let people = [
        ("Erin", "france", "blacklist"),
        ("Frank", "france", "oversight"),
        ("Grace", "united-states", "oversight"),
    ];
    let root = location.repo_root.display().to_string();
    let children: Vec<_> = people
        .iter()
        .map(|(name, actor, rec)| {
            Command::new(std::env::current_exe().unwrap())
                .args(["child_editor", "--exact", "--ignored", "--test-threads=1"])
                .env(
                    "RECONVENE_TEST_EDITOR",
                    format!("{root}|{name}|{actor}|{rec}"),
                )
                .output_child()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stdout)
        );
        assert!(String::from_utf8_lossy(&output.stdout).contains("1 passed"));
    }
    assert_eq!(commit_count(&location), before + people.len() * EDITS);
    let last = EDITS - 1;
    for (name, actor, rec) in people {
        let commitment = actor_on_disk(&location, actor).commitments[rec].clone();
        assert_eq!(commitment.note, format!("{name} edit {last}"));
    }
    assert_eq!(git_status(&location), Vec::<String>::new());
    fsck_is_clean(&location);
}

trait SpawnPiped {
    fn output_child(&mut self) -> std::process::Child;
}

impl SpawnPiped for Command {
    fn output_child(&mut self) -> std::process::Child {
        self.stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    }
}
