//! No subcommand: resolve the dataset and who is editing, then open the TUI.

use std::process::ExitCode;

use super::args::GlobalArgs;
use super::resolve::{self, Env};
use crate::store::edit::EditError;
use crate::store::{self, DatasetLocation, recovery};
use crate::tui;

/// Opens the TUI. A first-run notice goes to its status line; an identity
/// that is set but refused stops here (exit 2); none at all lets the TUI ask.
pub fn run(global: &GlobalArgs, filter: Option<&str>, env: &Env) -> anyhow::Result<ExitCode> {
    let config = resolve::config(env)?;
    let choice = resolve::choose_dataset(
        global.repo.as_deref(),
        env,
        &config,
        resolve::default_dataset_dir(),
    )?;
    let opened = resolve::open(&choice)?;
    let identity = resolve::identity(
        global.author.as_deref(),
        env,
        &config,
        &opened.location.repo_root,
    )?;
    let notice = [opened.notice, recover(&opened.location)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("; ");
    tui::run(tui::Start {
        repo_root: opened.location.repo_root,
        dataset_dir: opened.location.dataset_dir,
        notice: (!notice.is_empty()).then_some(notice),
        identity,
        key_overrides: config.keys,
        theme: config.theme,
        filter: filter.map(str::to_string),
        mouse: config.mouse,
    })
}

/// Tidies what a killed process may have left: a save whose commit landed
/// but whose working-tree file did not, and our own temporary files. Never
/// fatal: the dashboard still opens, and the status line says what happened.
fn recover(location: &DatasetLocation) -> Option<String> {
    let mut said = Vec::new();
    match recovery::finish_interrupted_save(location) {
        Ok(Some(path)) => said.push(format!(
            "finished an interrupted save of {}",
            path.display()
        )),
        Ok(None) => {}
        // Reading works; the notice says why saving will not.
        Err(error @ EditError::ReadOnly { .. }) => said.push(error.to_string()),
        Err(error) => said.push(format!("could not check for an interrupted save: {error}")),
    }
    match store::clean_stray_temp_files(location) {
        Ok(removed) if !removed.is_empty() => said.push(format!(
            "removed {} temporary file(s) left by a killed save",
            removed.len()
        )),
        Ok(_) => {}
        Err(error) => said.push(format!("could not clear temporary files: {error}")),
    }
    (!said.is_empty()).then(|| said.join("; "))
}
