//! Real temporary git repositories holding a small dataset, for the edit tests.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use reconvene::model::{
    Actor, ActorKind, Blueprint, Commitment, Day, Evidence, Manifest, Provenance, Recommendation,
    Stakeholder, Status,
};
use reconvene::store::edit::{Edit, load_actor};
use reconvene::store::identity::Identity;
use reconvene::store::{DatasetLocation, actor_to_ron, manifest_to_ron, recommendations_to_ron};

pub fn alice() -> Identity {
    Identity::new("Alice Coordinator", "alice@example.org").unwrap()
}

pub fn bob() -> Identity {
    Identity::new("Bob Reviewer", "bob@example.org").unwrap()
}

pub fn recommendations() -> Vec<Recommendation> {
    ["blacklist", "oversight", "export-safeguards"]
        .into_iter()
        .map(|id| Recommendation {
            id: id.into(),
            title: format!("Title of {id}"),
            summary: format!("Summary of {id}"),
            addressed_to: vec![Stakeholder::Governments],
            tracked: true,
        })
        .collect()
}

pub fn manifest() -> Manifest {
    Manifest {
        title: "Test group".into(),
        blueprint: Blueprint {
            title: "Blueprint".into(),
            publisher: "Paris Call".into(),
            published: Day(NaiveDate::from_ymd_opt(2023, 11, 10).unwrap()),
            url: None,
        },
        milestones: vec![],
    }
}

pub fn actor(id: &str, name: &str) -> Actor {
    let mut commitments = BTreeMap::new();
    commitments.insert(
        "blacklist".to_string(),
        Commitment {
            status: Status::Initiated,
            evidence: vec![Evidence {
                title: format!("{name} announces a list"),
                source: format!("{name} ministry"),
                date: Some(reconvene::model::PartialDate::parse("2023-05").unwrap()),
                url: None,
                provenance: Provenance::SelfReported,
                supports: Status::Initiated,
            }],
            note: "Announced, not yet in force.".into(),
            assessed: None,
        },
    );
    commitments.insert(
        "oversight".to_string(),
        Commitment {
            status: Status::Endorsed,
            ..Commitment::default()
        },
    );
    Actor {
        id: id.into(),
        name: name.into(),
        aliases: Vec::new(),
        kind: ActorKind::Government,
        country: Some(name.into()),
        role: None,
        commitments,
    }
}

/// The actors every fixture starts with.
pub fn starting_actors() -> Vec<Actor> {
    vec![
        actor("united-states", "United States"),
        actor("france", "France"),
        actor("united-kingdom", "United Kingdom"),
    ]
}

pub fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A repository on branch `main` with the dataset in `data/` and one commit.
pub fn fixture() -> (tempfile::TempDir, DatasetLocation) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let repo = init(&root);
    let dataset = root.join("data");
    write(
        &dataset.join("reconvene.ron"),
        &manifest_to_ron(&manifest()),
    );
    write(
        &dataset.join("recommendations.ron"),
        &recommendations_to_ron(&recommendations()),
    );
    for actor in starting_actors() {
        write(
            &dataset.join(Actor::path_for(&actor.id)),
            &actor_to_ron(&actor),
        );
    }
    let mut index = repo.index().unwrap();
    index
        .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
        .unwrap();
    index.write().unwrap();
    let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
    let signature = git2::Signature::now("reconvene", "reconvene@localhost").unwrap();
    repo.commit(Some("HEAD"), &signature, &signature, "Import", &tree, &[])
        .unwrap();
    (
        dir,
        DatasetLocation {
            repo_root: root,
            dataset_dir: dataset,
        },
    )
}

/// An empty repository (unborn `main`), the dataset at its root.
pub fn empty_fixture() -> (tempfile::TempDir, DatasetLocation) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    init(&root);
    (
        dir,
        DatasetLocation {
            repo_root: root.clone(),
            dataset_dir: root,
        },
    )
}

fn init(root: &Path) -> git2::Repository {
    let mut options = git2::RepositoryInitOptions::new();
    options.initial_head("main");
    let repo = git2::Repository::init_opts(root, &options).unwrap();
    let mut config = repo.config().unwrap();
    config.set_str("user.name", "Shell User").unwrap();
    config.set_str("user.email", "shell@example.org").unwrap();
    repo
}

/// Runs the real `git` in `root` as someone else; panics with its output on failure.
pub fn git(root: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .args(args)
        .current_dir(root)
        .env("GIT_AUTHOR_NAME", "Carol Shell")
        .env("GIT_AUTHOR_EMAIL", "carol@example.org")
        .env("GIT_COMMITTER_NAME", "Carol Shell")
        .env("GIT_COMMITTER_EMAIL", "carol@example.org")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn repo(location: &DatasetLocation) -> git2::Repository {
    git2::Repository::open(&location.repo_root).unwrap()
}

pub fn tip(location: &DatasetLocation) -> git2::Oid {
    repo(location).head().unwrap().target().unwrap()
}

pub fn commit_count(location: &DatasetLocation) -> usize {
    let repo = repo(location);
    let mut walk = repo.revwalk().unwrap();
    walk.push_head().unwrap();
    walk.count()
}

pub fn actor_file(location: &DatasetLocation, id: &str) -> PathBuf {
    location.dataset_dir.join(Actor::path_for(id))
}

/// The actor as the working tree holds it.
pub fn actor_on_disk(location: &DatasetLocation, id: &str) -> Actor {
    let path = actor_file(location, id);
    reconvene::store::parse_actor("x", &std::fs::read(path).unwrap()).unwrap()
}

/// An edit of `actor`'s commitment on `rec`, loaded from the tip now.
pub fn edit(
    location: &DatasetLocation,
    actor: &str,
    rec: &str,
    change: impl FnOnce(&mut Commitment),
) -> Edit {
    let loaded = load_actor(location, actor).unwrap();
    let base = loaded.actor.commitments.get(rec).cloned();
    let mut new = base.clone().unwrap_or_default();
    change(&mut new);
    Edit {
        actor: actor.into(),
        recommendation: rec.into(),
        base,
        new,
        message: String::new(),
        loaded_from: loaded.tip.map(reconvene::store::edit::commit_id),
    }
}

/// Paths git reports as not clean (modified, staged or untracked).
pub fn git_status(location: &DatasetLocation) -> Vec<String> {
    let repo = repo(location);
    let mut options = git2::StatusOptions::new();
    options.include_untracked(true).recurse_untracked_dirs(true);
    let statuses = repo.statuses(Some(&mut options)).unwrap();
    statuses
        .iter()
        .map(|s| format!("{:?} {}", s.status(), s.path().unwrap_or("?")))
        .collect()
}

/// Runs the real git in `root` as `who` at noon UTC on `date`, never
/// reading the machine's configuration; its output, trimmed.
pub fn git_as(root: &Path, who: (&str, &str), date: &str, args: &[&str]) -> String {
    let stamp = format!("{date}T12:00:00+00:00");
    let output = Command::new("git")
        .args(args)
        .current_dir(root)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("HOME", root.join(".no-home"))
        .env("GIT_AUTHOR_NAME", who.0)
        .env("GIT_AUTHOR_EMAIL", who.1)
        .env("GIT_COMMITTER_NAME", who.0)
        .env("GIT_COMMITTER_EMAIL", who.1)
        .env("GIT_AUTHOR_DATE", &stamp)
        .env("GIT_COMMITTER_DATE", &stamp)
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}
