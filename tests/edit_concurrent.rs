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
fn editor(
    location: reconvene::store::DatasetLocation,
    who: Identity,
    actor: &'static str,
    rec: &'static str,
) {
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
