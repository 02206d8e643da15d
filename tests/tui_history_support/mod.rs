//! A small record built commit by commit with the real `git`, at fixed
//! dates, by two coordinators (one with a hostile name and message), for
//! the history view's tests: the store's answers, the runner's history
//! worker and the screen drawn from what it read.

#![allow(dead_code)]

use std::path::Path;

use std::sync::{Arc, Mutex};

use reconvene::app::{Action, Effect, State};
use reconvene::model::{Actor, Evidence, PartialDate, Provenance, Status};
use reconvene::store::{DatasetLocation, actor_to_ron, manifest_to_ron, recommendations_to_ron};
use reconvene::tui::history::HistorySession;
use reconvene::tui::worker::Worker;

#[path = "../edit_support/mod.rs"]
mod edit_support;

pub use edit_support::{actor, manifest, recommendations, write};

/// A hostile author name: it would clear the screen if drawn raw.
pub const HOSTILE: &str = "Bob \u{1b}[2J Reviewer";

/// The record, and its commits by name (full ids).
pub struct Record {
    pub dir: tempfile::TempDir,
    pub location: DatasetLocation,
    pub import: String,
    pub graded: String,
    pub hostile: String,
    pub readme: String,
}

/// Runs git in `root` as `who` at `date` (UTC noon), never reading the
/// machine's configuration.
pub use edit_support::git_as;

/// Commits everything as `who` at `date`; returns the commit's id.
pub fn commit(root: &Path, who: (&str, &str), date: &str, message: &str) -> String {
    git_as(root, who, date, &["add", "-A"]);
    git_as(root, who, date, &["commit", "-q", "-m", message]);
    git_as(root, who, date, &["rev-parse", "HEAD"])
}

pub const CAROL: (&str, &str) = ("Carol Shell", "carol@example.org");
pub const ALICE: (&str, &str) = ("Alice Coordinator", "alice@example.org");

pub fn put(location: &DatasetLocation, actor: &Actor) {
    write(
        &location.dataset_dir.join(Actor::path_for(&actor.id)),
        &actor_to_ron(actor),
    );
}

pub fn sanctions() -> Evidence {
    Evidence {
        title: "Treasury sanctions on the Intellexa consortium".into(),
        source: "US Department of the Treasury".into(),
        date: PartialDate::parse("2024-03-05").ok(),
        url: None,
        provenance: Provenance::SelfReported,
        supports: Status::Implemented,
    }
}

/// Carol imports two actors; Alice grades the US sanctions; a hostile
/// name changes France's note; Alice edits the README beside the dataset
/// and France's blacklist grade in one commit.
pub fn record() -> Record {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().to_path_buf();
    git_as(&root, CAROL, "2024-01-10", &["init", "-q", "-b", "main"]);
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
    let mut france = actor("france", "France");
    put(&location, &us);
    put(&location, &france);
    let import = commit(&root, CAROL, "2024-01-10", "Import");

    if let Some(c) = us.commitments.get_mut("blacklist") {
        c.status = Status::Implemented;
        c.evidence.push(sanctions());
    }
    put(&location, &us);
    let graded = commit(&root, ALICE, "2024-03-05", "Grade the US sanctions");

    if let Some(c) = france.commitments.get_mut("oversight") {
        c.note = "Oversight bill tabled.".into();
    }
    put(&location, &france);
    let hostile = commit(
        &root,
        (HOSTILE, "bob@example.org"),
        "2024-06-01",
        "Note \u{1b}]0;owned\u{7} the bill",
    );

    write(&root.join("README.md"), "A working group's record.\n");
    if let Some(c) = france.commitments.get_mut("blacklist") {
        c.status = Status::Endorsed;
    }
    put(&location, &france);
    let readme = commit(&root, ALICE, "2024-07-01", "France steps back; a README");
    Record {
        dir,
        location,
        import,
        graded,
        hostile,
        readme,
    }
}

/// Selects the United States on the dashboard.
pub fn select_us(state: &mut State) {
    let board = state.data().unwrap();
    let us = board
        .dataset
        .actors
        .iter()
        .position(|a| a.id == "united-states")
        .unwrap();
    state.dashboard.selected = board.actor_rows[us];
}

/// Runs `effects` on a real history worker, as the runner does, and hands
/// every action it sent back (progress parts first).
pub fn run_on_worker(
    location: &reconvene::store::DatasetLocation,
    effects: Vec<Effect>,
) -> Vec<Action> {
    let heard = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&heard);
    let worker = Worker::spawn(HistorySession::new(location.clone()), move |action| {
        sink.lock().unwrap().push(action);
    });
    for effect in effects {
        assert!(worker.submit(Box::new(move |session, progress| {
            session.perform(effect, progress)
        })));
    }
    worker.finish();
    heard.lock().unwrap().clone()
}
