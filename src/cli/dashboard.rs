//! No subcommand: resolve the dataset and who is editing, then open the TUI.

use std::process::ExitCode;

use super::args::GlobalArgs;
use super::resolve::{self, Env};
use crate::tui;

/// Opens the TUI. A first-run notice goes to its status line; an identity
/// that is set but refused stops here (exit 2); none at all lets the TUI ask.
pub fn run(global: &GlobalArgs, env: &Env) -> anyhow::Result<ExitCode> {
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
    tui::run(tui::Start {
        repo_root: opened.location.repo_root,
        dataset_dir: opened.location.dataset_dir,
        notice: opened.notice,
        identity,
        key_overrides: config.keys,
    })?;
    Ok(ExitCode::SUCCESS)
}
