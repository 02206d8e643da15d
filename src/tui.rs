//! The runner: owns the terminal, runs the event loop, executes effects.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::store::identity::Identity;

/// What the TUI starts with (the CLI resolves all of it).
#[derive(Debug, Clone)]
pub struct Start {
    /// The git work tree root.
    pub repo_root: PathBuf,
    /// The folder holding `reconvene.ron`.
    pub dataset_dir: PathBuf,
    /// A first-run message ("Created the dataset at ..."), shown in the status line.
    pub notice: Option<String>,
    /// Who edits, when known (the TUI asks otherwise before the first edit).
    pub identity: Option<Identity>,
    /// Key map overrides from the config: action name -> keys ("ctrl-e", "j", "down").
    pub key_overrides: BTreeMap<String, Vec<String>>,
}

/// Runs the TUI until the user quits or a signal ends it.
pub fn run(start: Start) -> anyhow::Result<()> {
    let _ = start;
    todo!("tui helper")
}
